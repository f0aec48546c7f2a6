"""User text inside Streamlit's markdown shows exactly as typed, and a value in a page's own
script stays a value (``vision.ui.text``)."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vision.ui.text import WORD_JOINER, md_literal, script_literal

SAMPLES = ["Se http://x.example/plan", '=HYPERLINK("http://x")', "_x_", "**fed** og `kode`", "# Overskrift",
           "www.x.dk og a@b.dk", ":material/lock: :smile: :red[x]", "<b>x</b> &amp; $x$", "1. punkt",
           "Æ, ø og å – 100 %", "C:\\sti\\fil"]


def shown(markdown: str) -> str:
    """What CommonMark makes of a backslash-escaped text: each escape is its character."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("  \n", "\n")


@pytest.mark.parametrize("text", SAMPLES)
def test_the_reader_sees_exactly_what_was_typed(text):
    assert shown(md_literal(text)).replace(WORD_JOINER, "") == text


@pytest.mark.parametrize("text", SAMPLES)
def test_no_markdown_character_is_left_unescaped(text):
    out = md_literal(text)
    bare = re.sub(r"\\.", "", out)        # drop every escape pair
    assert not any(ch in string.punctuation for ch in bare), out


@pytest.mark.parametrize("text, broken", [
    ("Se http://x.example/plan", f"http{WORD_JOINER}\\:\\/\\/x"),
    ("HTTPS://X.DK", f"HTTPS{WORD_JOINER}\\:\\/\\/"),
    ('=HYPERLINK("http://x")', f"http{WORD_JOINER}\\:"),
    ("se www.x.dk", f"www{WORD_JOINER}\\.x"),
    ("skriv til a@b.dk", f"a{WORD_JOINER}\\@b"),
])
def test_addresses_cannot_become_live_links(text, broken):
    """GitHub-flavoured markdown links bare addresses even when escaped; an invisible word
    joiner before their punctuation stops that (checked in Chromium in tests/e2e)."""
    assert broken in md_literal(text)


def test_a_line_break_stays_a_line_break_and_nothing_is_empty():
    assert md_literal("to\nlinjer") == "to  \nlinjer"
    assert md_literal("") == "" and md_literal(None) == ""


def test_a_contact_e_mail_is_a_mailto_link_and_anything_else_literal():
    from vision.ui.text import WORD_JOINER, contact_md

    assert contact_md("socialaftale@aalborg.dk") == "[socialaftale@aalborg.dk](mailto:socialaftale@aalborg.dk)"
    shown = contact_md("Ring 9931 3131 eller skriv til x@y.dk [klik](javascript:x)")
    assert "](" not in shown.replace("\\](", "").replace("\\(", "") and WORD_JOINER in shown


def test_a_label_keeps_no_backslash_before_punctuation_that_is_no_markup():
    """A slider's label is also its accessible name: "tilbud?" must not be read "tilbud\\?"."""
    from vision.ui.text import label_literal

    assert label_literal("Nærhed OG højt specialiserede tilbud?") == "Nærhed OG højt specialiserede tilbud?"
    assert label_literal("*fed* [link](x) :smile:") == r"\*fed\* \[link\]\(x\) \:smile\:"
    assert "\u2060" in label_literal("www.x.dk"), "an address still does not become a link"


@given(st.text())
def test_a_value_in_a_pages_script_is_one_string_that_cannot_end_the_script(value):
    import json

    literal = script_literal(value)
    assert json.loads(literal) == value
    assert not set("<>&") & set(literal), "a value could close the <script> or open markup"
