"""Exports open in the tools a secretariat uses and contain what the review page shows."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from tests.review_data import populated_copy
from vision import ballots, events, exports, raw_export, report_pdf, review
from vision.review import SUPPRESSED
from vision.review.suppression import COMPLEMENTARY_TEXT
from vision.store import Store
from vision.store import queries as q


@pytest.fixture
def day(db_path):
    info = populated_copy(db_path, "TEMA17", 24, seed=11, with_other=True)
    store = Store(db_path)
    event = info["event"]
    rev = review.build_review(store, event.id)
    yield store, event, rev, review.comments(store, event.id), info
    store.close()


def test_xlsx_has_a_formatted_sheet_per_table_with_the_page_numbers(day):
    store, event, rev, comments, _ = day
    tables = exports.all_tables(rev, comments)
    wb = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(tables)))
    assert wb.sheetnames == ["Fakta", "Rangering", "Kriterier", "Stærkest og svagest", "Grupper", "Kommuner",
                             "Deltagere", "Paradokser", "Fokusområder", "Kommentarer"]
    ws = wb["Kriterier"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Forslag", "Kriterium", "Gennemsnit"] and "Ved ikke" in header
    assert all(c.font.bold for c in ws[1]) and ws.freeze_panes == "A2"
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    first = rev.drafts[0]
    for c in first.criteria:
        row = next(r for r in rows if r[0] == first.name and r[1] == c.label)
        assert row[2] == pytest.approx(c.mean, abs=0.005)
        assert row[header.index("Ved ikke")] == c.dont_know
    ranking = list(wb["Rangering"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in ranking] == [x.draft.name for x in rev.ranking]
    # 'andet' has one participant: it reads "for få svar" in the group sheet; the next smallest group
    # has enough answers and is hidden only so 'andet' cannot be worked out, and says so.
    groups = pd.DataFrame(list(wb["Grupper"].values)[1:], columns=[c.value for c in wb["Grupper"][1]])
    assert (groups["Andet"] == SUPPRESSED).all()
    assert (groups["Embedsmand"] == COMPLEMENTARY_TEXT).all()
    assert (groups == SUPPRESSED).any().sum() == 1


def test_csv_zip_opens_in_danish_excel_format(day):
    _, _, rev, comments, _ = day
    tables = exports.all_tables(rev, comments)
    z = zipfile.ZipFile(io.BytesIO(exports.to_csv_zip(tables)))
    assert "rangering.csv" in z.namelist() and "staerkest_og_svagest.csv" in z.namelist()
    raw = z.read("kriterier.csv")
    assert raw.startswith("\ufeff".encode())
    df = pd.read_csv(io.BytesIO(raw), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(df.columns) == exports.CRITERIA_COLUMNS
    c = rev.drafts[0].criteria[0]
    assert float(df.iloc[0]["Gennemsnit"]) == pytest.approx(c.mean, abs=0.005)


@pytest.fixture
def small_day(db_path):
    info = populated_copy(db_path, "TEMA17", 6, seed=1)
    store = Store(db_path)
    yield store, info
    store.close()


@pytest.mark.parametrize("text", ["=cmd|' /C calc'!A0", "+SUM(A1)", "-2+3", "@SUM(1)", "\t=1"])
def test_formula_looking_text_is_neutralised_in_csv_and_xlsx(small_day, text):
    store, info = small_day
    event = info["event"]
    p, tok = info["people"][0]
    rnd = next(r for r in info["rounds"] if r.kind == "scoring")
    ballots.save_scores(store, p, tok, rnd.id, info["drafts"][0].id, {"retning": 3}, comment="x " + text)
    store.write(lambda cur: q.upsert_comment(cur, rnd.id, p.id, info["drafts"][0].id, text, pd.Timestamp.now()))
    rev = review.build_review(store, event.id)
    tables = {"Kommentarer": exports.comments_table(rev, review.comments(store, event.id))}
    wb = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(tables)))
    values = [r[2] for r in wb["Kommentarer"].iter_rows(min_row=2, values_only=True)]
    assert "'" + text in values
    assert all(not str(v).startswith(exports.FORMULA_START) for v in values)
    csv = exports.to_csv(tables["Kommentarer"]).decode("utf-8-sig")
    assert all(not line.split(";")[-1].strip('"').startswith(exports.FORMULA_START)
               for line in csv.splitlines()[1:] if line)


def test_report_holds_facts_charts_and_tables(day):
    """The report's content, read from its Word file (the PDF is that file made a tagged PDF
    by LibreOffice; tests/test_report_pdf.py reads the PDF itself)."""
    import docx

    _, event, rev, comments, _ = day
    steps = []
    doc = docx.Document(io.BytesIO(report_pdf.report_docx(rev, comments, progress=lambda f, t: steps.append(f))))
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert event.title in text and "28.04.2017" in text
    for d in rev.drafts:
        assert d.name in text
    assert rev.criteria[0].label in text
    best = rev.ranking[0].draft
    assert f"{best.mean:.2f}".replace(".", ",") in text
    assert SUPPRESSED in text
    assert len(doc.inline_shapes) >= 2 + len(rev.drafts)
    assert steps and steps[-1] == pytest.approx(1.0) and steps == sorted(steps)


def test_raw_export_has_fresh_ids_and_no_tokens(day):
    store, event, rev, _, info = day
    one, two = raw_export.raw_tables(store, event.id), raw_export.raw_tables(store, event.id)
    blob = exports.to_xlsx(one)
    for _p, token in info["people"]:
        assert token.encode() not in blob
    col = raw_export.RAW_PERSON
    real = {p.id for p, _t in info["people"]}
    assert set(one["Scorer"][col]) != set(two["Scorer"][col]) or not (set(one["Scorer"][col]) & real)
    assert len(one["Scorer"]) == store.query_one(
        "SELECT count(*) FROM scores s JOIN rounds r ON r.id = s.round_id WHERE r.event_id = ?", [event.id])[0]
    assert "saved_at" not in blob.decode("latin-1") and "Tidspunkt" not in one["Scorer"].columns
    assert (one["Scorer"]["Gruppe"] != "Andet").all()   # the lone 'andet' participant is coarsened


def test_raw_export_refuses_an_event_with_too_few_participants(store):
    event = events.get_event(store, "VISION20")
    with pytest.raises(review.UserError):
        raw_export.raw_tables(store, event.id)


def test_the_figure_of_municipalities_leaves_out_those_where_nobody_answered(day):
    """A day's municipalities and organisations are many; the figure shows those where someone
    answered (a column hidden for privacy stays, saying so), the table all of them."""
    _store, _event, rev, _comments, _info = day
    draft = next(d for d in rev.drafts if not d.suppressed)
    full = exports.breakdown_table(rev, "unit", draft.draft_id)
    some = exports.with_answers(full)
    counts = full.iloc[0]
    assert [c for c in full.columns if c not in some.columns] == [c for c in full.columns
                                                                  if counts[c] == 0 and c != "Alle"]
    assert 0 < len(some.columns) < len(full.columns) and "Alle" in some.columns
    assert any(isinstance(counts[c], str) for c in some.columns), "a hidden column stays, saying why"
