"""User-interface translations.

The interface is written in Danish (the source language, and the default); other
languages come from gettext catalogs beside this file (``en/*.po``; one catalog per
part of the app, merged), read with Babel.
A string without a translation falls back to Danish, so nothing is ever blank.

Usage outside Streamlit: ``gettext("Gem", "en")``. Pages use ``vision.ui.i18n._``,
which picks the visitor's language.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

DEFAULT_LANGUAGE = "da"
LANGUAGES = {"da": "Dansk", "en": "English"}
_HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    """msgid -> msgstr for ``lang``; empty for the source language."""
    merged: dict[str, str] = {}
    if lang == DEFAULT_LANGUAGE:
        return merged
    for path in sorted((_HERE / lang).glob("*.po")):
        with path.open("rb") as fh:
            cat = read_po(fh, locale=lang)
        merged.update({m.id: m.string for m in cat if m.id and m.string and not m.fuzzy})
    return merged


def gettext(message: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return catalog(lang).get(message, message) if lang != DEFAULT_LANGUAGE else message


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated where it is
    shown (``_(text)`` or :func:`gettext`)."""
    return message
