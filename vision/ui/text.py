"""User text shown exactly as typed inside Streamlit's markdown (``st.markdown``, widget
and expander labels).

Streamlit's markdown is GitHub-flavoured: besides ``*``, ``_``, ``#`` and friends it turns
bare web addresses (``http://…``, ``www.…``) and e-mail addresses into live links, even
when their punctuation is backslash-escaped (the escape then ends up inside the link as
``%5C``), and it reads ``:name:`` as an emoji or a Streamlit directive. :func:`md_literal`
escapes every ASCII punctuation character (CommonMark allows that for all of them, and the
reader sees none of the backslashes) and breaks the three autolink patterns with an
invisible WORD JOINER (U+2060), so a participant's or organiser's text never becomes a
link, markup or an icon.

:func:`script_literal` is the same for a value a page's own script (``st.html`` with
JavaScript) needs: a string literal that cannot end the script.
"""

from __future__ import annotations

import json
import re
import string

WORD_JOINER = "\u2060"

_PUNCTUATION = frozenset(string.punctuation)
# Where GitHub's autolinking starts: a scheme's "://", "www." at a word's start, and "@"
# (e-mail, and "mailto:"/"xmpp:" addresses). The joiner goes in before the punctuation.
_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9])(?=\\:\\/\\/)|(?i:(?<=\bwww))(?=\\\.)|(?=\\@)")


def md_literal(text: str | None) -> str:
    """``text`` as markdown that renders as exactly the same characters: no markup, no
    link, no emoji. A line break stays a line break."""
    if not text:
        return ""
    escaped = "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in text)
    escaped = _AUTOLINK.sub(WORD_JOINER, escaped)
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def contact_md(text: str | None) -> str:
    """An organiser's contact line: an e-mail address alone becomes a mailto link (so it
    can be tapped and copied without the invisible joiner); anything else is literal."""
    text = (text or "").strip()
    if _EMAIL.fullmatch(text):
        return f"[{text}](mailto:{text})"
    return md_literal(text)


_NEVER_MARKUP = frozenset("?,.;'\"%&=")
"""Punctuation that is no markup inside a one-line label: left unescaped by :func:`label_literal`."""


def label_literal(text: str | None) -> str:
    """:func:`md_literal` for a widget's label. Streamlit also gives the label, as written,
    to the widget's accessible name, where a screen reader would read every backslash
    ("tilbud\\?"); punctuation that cannot start markup in one line is left unescaped."""
    out = md_literal(text)
    for ch in _NEVER_MARKUP:
        out = out.replace("\\" + ch, ch)
    return out


def script_literal(value: str) -> str:
    """``value`` as a JavaScript string literal inside an HTML ``<script>``: JSON, with
    ``<``, ``>``, ``&`` and the two line separators JavaScript once refused written as
    ``\\uXXXX``, so no value can close the script or open another."""
    out = json.dumps(value)
    for c in "<>&\u2028\u2029":
        out = out.replace(c, f"\\u{ord(c):04x}")
    return out
