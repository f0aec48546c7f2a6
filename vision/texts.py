"""Hints for writing a memorable vision statement: length and readability (LIX)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The seven elements of a good vision statement (seed 002, the JFK example).
ELEMENTS: tuple[tuple[str, str], ...] = (
    ("HVEM", "Hvem skal gøre det?"),
    ("HVAD", "Hvad skal opnås?"),
    ("HVORDAN", "Hvordan skal det ske?"),
    ("LØFTE", "Hvad lover vi?"),
    ("GEOGRAFISK FOKUS", "Hvor gælder det?"),
    ("MÅL", "Hvad er målet?"),
    ("HVORNÅR", "Hvornår skal det være nået?"),
)

_WORD = re.compile(r"[0-9A-Za-zÆØÅæøåÉéÜüÖöÄä]+(?:[-'][0-9A-Za-zÆØÅæøåÉéÜüÖöÄä]+)*")
_SENTENCE_END = re.compile(r"[.!?:]+(?:\s|$)")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    long_words: int
    lix: float | None

    @property
    def level(self) -> str:
        """The usual Danish LIX bands."""
        if self.lix is None:
            return ""
        if self.lix < 25:
            return "meget let"
        if self.lix < 35:
            return "let"
        if self.lix < 45:
            return "middel"
        if self.lix < 55:
            return "svær"
        return "meget svær"


def readability(text: str) -> Readability:
    """LIX = words / sentences + 100 * long words (over 6 letters) / words."""
    words = _WORD.findall(text or "")
    n = len(words)
    if n == 0:
        return Readability(0, 0, 0, None)
    sentences = max(1, len(_SENTENCE_END.findall(text.strip())) or 1)
    long_words = sum(1 for w in words if len(w) > 6)
    return Readability(n, sentences, long_words, round(n / sentences + 100 * long_words / n, 1))
