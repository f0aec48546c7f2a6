"""Cleaning the text organisers and participants type."""

from __future__ import annotations

import re

from vision.errors import UserError


def clean_text(text: str | None, max_chars: int) -> str:
    """Strip control characters and surrounding space; refuse empty or too long text."""
    text = "".join(ch for ch in (text or "") if ch in "\n\t" or (ord(ch) >= 32 and ord(ch) != 127))
    text = re.sub(r"[ \t]+", " ", text).strip()
    if not text:
        raise UserError("Teksten må ikke være tom.")
    if len(text) > max_chars:
        raise UserError("Teksten er for lang: højst {max} tegn (den har {n}).", max=max_chars, n=len(text))
    return text
