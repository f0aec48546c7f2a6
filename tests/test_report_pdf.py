"""The PDF report reads as a committee paper: big enough text, headings with their content,
whole words in table headers, paradoxes named, honest strongest/weakest, and a tagged PDF
(PDF/UA) a screen reader can move through. LibreOffice makes the PDF from the Word file."""

from __future__ import annotations

import io
import shutil
from collections import Counter
from dataclasses import replace

import pytest
from pypdf import PdfReader

from tests.review_data import populated_copy
from tests.support.pdf_structure import structure
from tests.test_review_page import db  # noqa: F401  (the page's database)
from tests.test_review_page import run as run_review_page
from vision import exports, report_pdf, review, tagged_pdf
from vision.review.suppression import COMPLEMENTARY_TEXT

MM = 72 / 25.4


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """(review, the report's Word file, its PDF): one LibreOffice run for the module."""
    from vision.store import Store

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    path = tmp_path_factory.mktemp("report") / "r.duckdb"
    info = populated_copy(path, "TEMA17", 24, seed=11, with_other=True)     # the exports' day too
    store = Store(path)
    rev = review.build_review(store, info["event"].id)
    docx = report_pdf.report_docx(rev, review.comments(store, info["event"].id))
    store.close()
    return rev, docx, tagged_pdf.from_docx(docx)


@pytest.fixture(scope="module")
def report(made):
    rev, _docx, pdf = made
    return rev, PdfReader(io.BytesIO(pdf))


def _texts(page) -> list[tuple[str, float]]:
    """(text, printed size in pt) of every text run on the page."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            out.append((text.strip(), size * abs(tm[0]) * abs(cm[0] or 1)))

    page.extract_text(visitor_text=visit)
    return out


def test_breakdown_numbers_print_at_nine_points_or_more(report):
    rev, pdf = report
    page = next(p for p in pdf.pages if "Forskelle mellem grupperne" in p.extract_text())
    numbers = [(t, size) for t, size in _texts(page) if t.replace(",", "").isdigit() and "," in t]
    assert len(numbers) > 20
    assert min(size for _t, size in numbers) >= 9 - 0.01


def test_no_heading_is_left_at_the_bottom_of_a_page(report):
    _rev, pdf = report
    bottom = 15 * MM
    checked = 0
    for item in _flatten(pdf.outline):
        page = pdf.pages[pdf.get_destination_page_number(item)]
        top = float(item.top)
        # A heading and at least 25 mm of what follows fit above the bottom margin.
        assert top - bottom >= 25 * MM, f"{item.title!r} starts {((top - bottom) / MM):.0f} mm above the margin"
        assert item.title.split()[0] in page.extract_text()
        checked += 1
    assert checked >= 8


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_table_headers_keep_their_words_whole(report):
    _rev, pdf = report
    text = "\n".join(p.extract_text() for p in pdf.pages)
    for word in ("Placering", "Gennemsnit", "Ubesvaret", "Std.afv.", "Kriterium", "Brugerorganisation",
                 "Embedsmand", "Personer"):
        assert word in text, f"{word} is broken or missing"


def test_no_table_header_word_is_broken_over_two_lines(made):
    """A header word split by the column edge ("Gennemsni" / "t") shows as both halves
    standing as words of their own in the printed text."""
    from docx import Document

    _rev, docx, pdf = made
    words = {w for page in PdfReader(io.BytesIO(pdf)).pages for w in page.extract_text().split()}
    broken = [f"{word[:k]} / {word[k:]}"
              for table in Document(io.BytesIO(docx)).tables for cell in table.rows[0].cells
              for word in cell.text.split() if len(word) >= 5
              for k in range(1, len(word)) if word[:k] in words and word[k:] in words and not word[:k].endswith("-")]
    assert not broken, broken


def test_every_paradox_row_names_its_paradox(report):
    rev, pdf = report
    text = "\n".join(p.extract_text() for p in pdf.pages)
    for p in rev.paradoxes:
        rows = rev.paradox_by_group[rev.paradox_by_group.paradox_id == p.id]
        # In the heading, then on every row of its table (a long title wraps in its cell,
        # so its first word is counted).
        first = p.title.split()[0]
        assert text.count(first) >= len(rows) + 1, f"{p.title}: rows without their paradox"


def test_a_hidden_group_with_enough_answers_is_not_called_too_few(report):
    _rev, pdf = report
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "skjult*" in text and COMPLEMENTARY_TEXT in text.replace("\n", " ")


def test_the_report_is_tagged_with_language_outline_and_chart_alternatives(report):
    _rev, pdf = report
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "da-DK"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root and "/Outlines" in root
    alts = [alt for _role, alt in structure(pdf) if alt]
    assert any(a.startswith("Søjlediagram over forslagenes gennemsnit") for a in alts)
    assert sum("median" in a for a in alts) >= 2       # the paradox charts say where each group stands


def test_a_screen_reader_finds_headings_paragraphs_tables_and_figures(report):
    """For publishing (PDF/UA): the report's text is tagged, not only its charts: the title
    and sections as headings, the text as paragraphs, each table with header cells, each
    chart as a figure whose alternative text is its description alone."""
    rev, pdf = report
    found = structure(pdf)
    roles = Counter(role for role, _alt in found)
    assert roles["H1"] == 1 and roles["H2"] >= 6 and roles["H3"] >= len(rev.drafts)
    assert roles["P"] >= 10
    assert roles["Table"] >= 3 + len(rev.drafts) and roles["TH"] >= 5 * roles["Table"] // 2 and roles["TD"] > 100
    figures = [alt for role, alt in found if role == "Figure"]
    assert len(figures) >= 2 + len(rev.drafts)
    assert all(alt and len(alt) > 40 and " - " not in alt[:60] for alt in figures), figures
    order = [role for role, _alt in found if role in ("H1", "H2")]
    assert order[0] == "H1"            # the title comes first, then the sections
    assert pdf.metadata.title == f"Resultater fra {rev.event.title}"
    assert b"pdfuaid:part" in pdf.trailer["/Root"]["/Metadata"].get_object().get_data()


def test_strongest_and_weakest_never_name_the_same_criterion(report):
    rev, _pdf = report
    d = rev.drafts[0]
    flat = replace(d, criteria=tuple(replace(c, mean=3.5) for c in d.criteria))
    s, sm, w, wm = exports.strong_weak(flat)
    assert s == w == exports.ALL_EQUAL and sm == wm == 3.5
    assert flat.strongest is None and flat.weakest is None
    two_top = replace(d, criteria=tuple(replace(c, mean=4.0 if i < 2 else 2.0 + i / 10)
                                        for i, c in enumerate(d.criteria)))
    s, _sm, w, _wm = exports.strong_weak(two_top)
    assert s == f"{d.criteria[0].label}, {d.criteria[1].label}" and d.criteria[0].label not in w


def test_without_libreoffice_the_page_says_so_and_gives_the_report_in_word(db, monkeypatch):
    """The secretary presses »Lav rapport« on a server without LibreOffice: the page says
    before the press why there is no PDF, the press gives the same report as a Word file, and
    no error is shown for what was said already."""
    from docx import Document

    monkeypatch.setattr(tagged_pdf.shutil, "which", lambda name: None)
    at = run_review_page()
    assert any("PDF'en kræver LibreOffice" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Lav rapport").click().run()
    assert not at.exception and not at.error
    offered = [d.label for d in at.get("download_button") if "rapporten" in d.label]
    assert offered == ["Hent rapporten i Word (DOCX)"]
    key, docx, pdf = at.session_state["review_report"]
    assert key[0] == "report" and pdf is None
    headings = [p.text for p in Document(io.BytesIO(docx)).paragraphs if p.style.name.startswith("Heading")]
    assert "Rangering af forslagene" in headings and "Metode" in headings
