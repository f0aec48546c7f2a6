"""The accessibility statement sends a reader to the places it lists by the names the pages
show: a heading or button it quotes must exist under that name."""

from __future__ import annotations

import re
from pathlib import Path

from vision.accessibility import KNOWN_ISSUES

PAGES = Path(__file__).resolve().parent.parent / "pages"


def test_every_name_the_statement_quotes_is_on_a_page():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in PAGES.glob("*.py"))
    quoted = [name for _what, place, _criterion, instead in KNOWN_ISSUES
              for name in re.findall(r'"([^"]+)"', place + " " + instead)]
    assert quoted, "the statement quotes the names of its places"
    missing = [name for name in quoted if f'"{name}"' not in sources]
    assert not missing, f"the statement quotes names no page shows: {missing}"
