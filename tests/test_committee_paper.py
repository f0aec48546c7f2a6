"""The committee paper in Word, read back with python-docx (and rendered by LibreOffice when present)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.review_data import populate, populated_copy
from tests.support.pdf_structure import structure
from vision import committee_paper, events, tagged_pdf
from vision import consultation as cons
from vision.errors import UserError
from vision.review import SUPPRESSED


@pytest.fixture(scope="module")
def paper(tmp_path_factory):
    from vision.store import Store

    store = Store(tmp_path_factory.mktemp("paper") / "paper.duckdb")
    events.seed_demo_events(store)
    cons.seed_demo(store)
    populate(store, "VISION20", 24, seed=5, with_other=True)   # one participant in 'Andet'
    data = committee_paper.paper_for_event(store, events.get_event(store, "VISION20").id)
    store.close()
    return data


def _doc(data: bytes):
    from docx import Document

    return Document(io.BytesIO(data))


def test_the_paper_has_the_agenda_items_headings_as_real_word_headings(paper):
    doc = _doc(paper)
    level1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert level1 == ["Sagsbeskrivelse", "Baggrund", "Visionsdagen", "Resultater", "Det videre forløb"]
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == [
        "Resultater fra Visionsdag – Nordjysk Socialaftale 2021-2022"]
    assert "Rangering af forslagene" in [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert doc.core_properties.language == "da-DK"


def test_background_and_further_process_come_from_the_sources(paper):
    text = "\n".join(p.text for p in _doc(paper).paragraphs)
    assert "0 af 12 har svaret" in text and "20. januar 2020" in text          # the consultation
    assert "Kommunalbestyrelserne i de 11 nordjyske kommuner og Regionsrådet, Region Nordjylland" in text
    assert "Status for godkendelsen: 0 af 11 byråd har godkendt." in text


def _further(data: bytes) -> list[str]:
    """The paragraphs under "Det videre forløb"."""
    paras = [p.text for p in _doc(data).paragraphs]
    return paras[paras.index("Det videre forløb") + 1:]


def test_the_further_process_marks_what_the_sources_do_not_say(paper):
    further = "\n".join(_further(paper))
    assert "KKR Nordjylland og Kontaktudvalget og De kommunale og regionale politiske udvalg: " \
           "Behandler udkastet (sommeren 2020)" in further
    assert "Godkender aftalen (antaget – står ikke i kilderne)" in further
    assert "Udarbejder Nordjysk Socialaftale efter visionsdagen (udledt af kilderne)" in further


def test_an_earlier_days_paper_does_not_borrow_the_latest_agreements_path(tmp_path):
    """TEMA17 belongs to the 2018 framework agreement; the region's organisation describes
    the path of its latest agreement (2021-2022, treated in the summer of 2020)."""
    from vision.store import Store

    info = populated_copy(tmp_path / "t.duckdb", "TEMA17", 12, seed=3)
    store = Store(tmp_path / "t.duckdb")
    try:
        further = "\n".join(_further(committee_paper.paper_for_event(store, info["event"].id)))
    finally:
        store.close()
    assert "2020" not in further and "Nordjysk Socialaftale" not in further
    assert "Resultaterne indgår i sekretariatets udkast til aftalen." in further
    assert "Status for godkendelsen" not in further    # counted against the latest agreement's councils


def test_every_chart_has_a_text_alternative_with_its_numbers(paper):
    doc = _doc(paper)
    shapes = list(doc.inline_shapes)
    assert len(shapes) >= 4
    for shape in shapes:
        alt = shape._inline.docPr.get("descr")
        assert alt and len(alt) > 30
    assert any("Søjlediagram over forslagenes gennemsnit" in s._inline.docPr.get("descr") for s in shapes)


def test_a_group_too_small_is_suppressed_in_every_table(paper):
    doc = _doc(paper)
    group_tables = [t for t in doc.tables if "Andet" in [c.text for c in t.rows[0].cells]]
    assert group_tables, "the group tables name the small group"
    for t in group_tables:
        col = [c.text for c in t.rows[0].cells].index("Andet")
        assert {row.cells[col].text for row in t.rows[1:]} == {SUPPRESSED}
    # the facts table does not give the small group's count either
    facts = doc.tables[0]
    row = next(r for r in facts.rows if r.cells[0].text == "Deltagere: Andet")
    assert row.cells[1].text == SUPPRESSED
    # tables repeat their header row on a new page
    assert doc.tables[0].rows[0]._tr.trPr.xml.count("tblHeader") == 1


@pytest.fixture(scope="module")
def paper_pdf(paper):
    """The paper as LibreOffice renders it: the tagged PDF the page offers (one LibreOffice
    run for the module's tests; each takes about two seconds of CPU)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    return tagged_pdf.from_docx(paper)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_libreoffice_renders_it(paper, paper_pdf, tmp_path):
    rendered = tmp_path / "paper.pdf"
    rendered.write_bytes(paper_pdf)
    text = subprocess.run(["pdftotext", str(rendered), "-"], capture_output=True, text=True,
                          check=True).stdout
    for heading in ("Sagsbeskrivelse", "Baggrund", "Visionsdagen", "Resultater", "Det videre forløb"):
        assert heading in text
    # no word of a table's header row is broken over two lines ("Placeri" / "ng"), which
    # shows as both halves standing as words of their own; a break after a hyphen is fine
    words = set(text.split())
    for table in _doc(paper).tables:
        for cell in table.rows[0].cells:
            for word in cell.text.split():
                halves = [(word[:k], word[k:]) for k in range(1, len(word))] if len(word) >= 5 else []
                broken = [f"{a} / {b}" for a, b in halves if a in words and b in words and not a.endswith("-")]
                assert not broken, f"header word {word!r} is broken in the rendered paper: {broken}"


def test_the_paper_as_a_tagged_pdf_reads_in_a_screen_reader(paper_pdf):
    """For publishing: a PDF/UA file whose headings, tables and figures are tagged, the
    figures with their text alternative, in Danish."""
    from pypdf import PdfReader

    pdf = paper_pdf
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and str(root["/Lang"]).startswith("da")
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    roles = [role for role, _alt in structure(PdfReader(io.BytesIO(pdf)))]
    assert roles.count("H1") == 5 and "Table" in roles and "TH" in roles
    figures = [alt for role, alt in structure(PdfReader(io.BytesIO(pdf))) if role == "Figure"]
    assert figures and all(alt and len(alt) > 20 for alt in figures)


def test_without_libreoffice_the_pdf_is_refused_in_danish(paper, monkeypatch):
    monkeypatch.setattr(tagged_pdf.shutil, "which", lambda name: None)
    assert not tagged_pdf.available()
    with pytest.raises(UserError, match="LibreOffice er ikke installeret"):
        tagged_pdf.from_docx(paper)


def test_the_review_page_offers_the_paper_for_download(tmp_path, monkeypatch):
    """The secretariat presses »Lav dagsordenspunkt« and gets a Word file with the headings."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    path = tmp_path / "page.duckdb"
    populated_copy(path, "TEMA17", 12, seed=3)
    monkeypatch.setenv("VISIONSDAG_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "pages" / "review.py"),
                               default_timeout=240)
        at.session_state["role"] = "secretariat"
        at.query_params["event"] = "TEMA17"
        at.run()
        next(b for b in at.button if b.label == "Lav dagsordenspunkt").click().run()
        assert not at.exception
        key, data = at.session_state["review_paper"]
        assert key[0] == "paper"
        level1 = [p.text for p in _doc(data).paragraphs if p.style.name == "Heading 1"]
        assert level1 == ["Sagsbeskrivelse", "Baggrund", "Visionsdagen", "Resultater", "Det videre forløb"]
        if tagged_pdf.available():
            next(b for b in at.button if b.label == "Lav tilgængelig PDF (PDF/UA)").click().run()
            assert not at.exception
            pdf_key, pdf = at.session_state["review_paper_pdf"]
            assert pdf_key == key and pdf.startswith(b"%PDF")
    finally:
        from vision.ui.runtime import get_store

        get_store().close()
        st.cache_resource.clear()
        st.cache_data.clear()


def test_criteria_that_share_the_weakest_mean_are_named_together(tmp_path):
    """Two criteria at 2,67 are both the weakest: the paper names both, as the tables do."""
    from dataclasses import replace

    from vision.review import build_review
    from vision.store import Store

    info = populated_copy(tmp_path / "t.duckdb", "TEMA17", 12, seed=3)
    store = Store(tmp_path / "t.duckdb")
    try:
        review = build_review(store, info["event"].id)
    finally:
        store.close()
    d = next(x for x in review.drafts if not x.suppressed)
    tied = replace(d, criteria=tuple(replace(c, mean=2.0 + 2 / 3 if i < 2 else 3.0 + i / 10)
                                     for i, c in enumerate(d.criteria)))
    flat = replace(d, criteria=tuple(replace(c, mean=3.5) for c in d.criteria))
    for draft, said in ((tied, f"Svagest: {d.criteria[0].label}, {d.criteria[1].label} (2,67)."),
                        (flat, "Alle kriterier har samme gennemsnit (3,50); intet er stærkest eller svagest.")):
        paper = committee_paper.committee_paper(replace(review, drafts=(draft,)))
        text = "\n".join(p.text for p in _doc(paper).paragraphs)
        assert said in text
