"""Bad input is refused with a clear Danish message, and nothing changes.

Values here are ones the UI would never send but a crafted websocket message, an
edited URL or a hand-made file can: out-of-range scores, text for numbers, drafts
and rounds of other events, closed rounds, someone else's token, oversized texts,
control characters, markup, formula cells and malformed data files.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import requests

from testkit.server import StreamlitServer
from testkit.stproto import Session, save_form
from tests.support.voters import ballot, open_scoring_day, prepare_file
from vision import ballots, events, participants
from vision.errors import UserError
from vision.model import COMMENT_MAX_CHARS, DRAFT_MAX_CHARS

ROOT = Path(__file__).resolve().parent.parent
DANISH = re.compile(r"[æøåÆØÅ]|\b(ikke|skal|findes|er|runden|forslaget|teksten|mindst|højst|ukendt)\b", re.I)


def snapshot(store) -> tuple:
    return tuple(store.query(f"SELECT * FROM {t} ORDER BY ALL") for t in
                 ("scores", "comments", "paradox_positions", "focus_priorities", "drafts"))


@pytest.fixture
def day(store):
    d = open_scoring_day(store, n_voters=2)
    people = [participants.resolve(store, d.event_code, t)[1] for t in d.tokens]
    ballots.save_scores(store, people[0], d.tokens[0], d.round_id, d.draft_ids[0], ballot(0, d.criteria))
    return d, people


def refused(store, fn, *args, match: str | None = None, **kw) -> UserError:
    before = snapshot(store)
    with pytest.raises(UserError) as info:
        fn(store, *args, **kw)
    msg = str(info.value)
    assert DANISH.search(msg), f"not a Danish message: {msg}"
    if match:
        assert re.search(match, msg), msg
    assert snapshot(store) == before, "a refused answer changed the database"
    return info.value


@pytest.mark.parametrize("value", [7, -1, 0, 6, "7", "abc", "", 3.5, True, [3], {"x": 1}, "1; DROP TABLE scores"])
def test_a_score_out_of_range_or_not_a_number_is_refused(store, day, value):
    d, people = day
    refused(store, ballots.save_scores, people[0], d.tokens[0], d.round_id, d.draft_ids[0],
            {d.criteria[0]: value}, match="1 til 5")


def test_unknown_criterion_draft_of_another_event_and_unapproved_draft(store, day):
    d, people = day
    p, t = people[0], d.tokens[0]
    refused(store, ballots.save_scores, p, t, d.round_id, d.draft_ids[0], {"ukendt": 3}, match="Ukendt kriterium")
    other = events.get_event(store, "VISION20")
    foreign_draft = events.drafts(store, other.id)[0].id
    refused(store, ballots.save_scores, p, t, d.round_id, foreign_draft, {d.criteria[0]: 3},
            match="findes ikke i denne begivenhed")
    foreign_round = events.rounds(store, other.id)[0].id
    refused(store, ballots.save_scores, p, t, foreign_round, d.draft_ids[0], {d.criteria[0]: 3},
            match="findes ikke i denne begivenhed")
    pending = events.add_draft(store, "test", d.event_id, "Et forslag der venter", approved=False)
    refused(store, ballots.save_scores, p, t, d.round_id, pending, {d.criteria[0]: 3}, match="ikke godkendt")
    refused(store, ballots.save_scores, p, t, d.round_id, 10 ** 9, {d.criteria[0]: 3}, match="findes ikke")
    refused(store, ballots.save_scores, p, t, d.round_id, d.draft_ids[0], {}, match="mindst ét")


def test_an_answer_into_a_closed_or_planned_round_is_refused(store, day):
    d, people = day
    events.close_round(store, "test", d.event_id, d.round_id)
    refused(store, ballots.save_scores, people[0], d.tokens[0], d.round_id, d.draft_ids[0],
            ballot(1, d.criteria), match="Runden er lukket")
    planned = next(r for r in events.rounds(store, d.event_id) if r.kind == "paradox")
    refused(store, ballots.save_paradoxes, people[0], d.tokens[0], planned.id, {1: 10}, match="lukket")


def test_another_participants_token_or_a_revoked_one_is_refused(store, day):
    d, people = day
    # Participant 1's identity with participant 0's token (a crafted message mixing the two).
    refused(store, ballots.save_scores, people[1], d.tokens[0], d.round_id, d.draft_ids[0],
            ballot(2, d.criteria), match="Deltagerkoden")
    refused(store, ballots.save_scores, people[0], participants.new_token(), d.round_id, d.draft_ids[0],
            ballot(2, d.criteria), match="Deltagerkoden")
    participants.revoke(store, "test", d.event_id, d.tokens[0])
    refused(store, ballots.save_scores, people[0], d.tokens[0], d.round_id, d.draft_ids[0],
            ballot(2, d.criteria), match="Deltagerkoden")


def test_paradox_and_focus_values_out_of_range(store, day):
    d, people = day
    for r in events.rounds(store, d.event_id):
        if r.kind in ("paradox", "focus"):
            events.open_round(store, "test", d.event_id, r.id)
    content = events.event_content(store, d.event_id)
    par = next(r.id for r in content["rounds"] if r.kind == "paradox")
    foc = next(r.id for r in content["rounds"] if r.kind == "focus")
    pid = content["paradoxes"][0].id
    areas = [f.id for f in content["focus_areas"]]
    p, t = people[0], d.tokens[0]
    for bad in (101, -101, "venstre", None, 1.5):
        refused(store, ballots.save_paradoxes, p, t, par, {pid: bad}, match="-100 til 100")
    refused(store, ballots.save_paradoxes, p, t, par, {10 ** 9: 0}, match="findes ikke")
    refused(store, ballots.save_focus, p, t, foc, {areas[0]: 101}, match="0 til 100")
    refused(store, ballots.save_focus, p, t, foc, {areas[0]: -1}, match="0 til 100")
    refused(store, ballots.save_focus, p, t, foc, {a: 100 for a in areas}, match="Fordel præcis")
    refused(store, ballots.save_focus, p, t, foc, {10 ** 9: 10}, match="findes ikke")


def test_oversized_texts_are_refused(store, day):
    d, people = day
    p, t = people[0], d.tokens[0]
    refused(store, ballots.save_scores, p, t, d.round_id, d.draft_ids[0], ballot(1, d.criteria),
            comment="x" * (COMMENT_MAX_CHARS + 1), match="for lang")
    drafting = next(r for r in events.rounds(store, d.event_id) if r.kind == "drafting")
    events.open_round(store, "test", d.event_id, drafting.id)
    refused(store, ballots.submit_draft, p, t, drafting.id, "y" * (DRAFT_MAX_CHARS + 1), match="for lang")
    refused(store, ballots.submit_draft, p, t, drafting.id, "\x00\x1b\x07 \t ", match="tom")
    refused(store, events.add_draft, "test", d.event_id, "z" * 100_000, match="for lang")


def test_control_characters_are_stripped_and_markup_is_kept_as_plain_text(store, day):
    d, people = day
    p, t = people[0], d.tokens[0]
    drafting = next(r for r in events.rounds(store, d.event_id) if r.kind == "drafting")
    events.open_round(store, "test", d.event_id, drafting.id)
    evil = "Alle\x00 borgere\x1b[31m <img src=x onerror=alert(1)> **fed** [link](javascript:alert(1))\x7f\u0085"
    ballots.submit_draft(store, p, t, drafting.id, evil)
    saved = [x for x in events.drafts(store, d.event_id, ("pending",)) if x.source == "table"][-1]
    assert not any(ord(ch) < 32 and ch not in "\n\t" or ord(ch) == 127 for ch in saved.text)
    assert "<img src=x onerror=alert(1)>" in saved.text and "**fed**" in saved.text
    ballots.save_scores(store, p, t, d.round_id, d.draft_ids[0], ballot(1, d.criteria), comment="hej\x00\x08 <b>du</b>")
    text = store.query_one("SELECT text FROM comments WHERE participant_id = ?", [p.id])[0]
    assert text == "hej <b>du</b>"


# -- markup is never interpreted ---------------------------------------------------------------
def _python_files(*dirs: str) -> list[Path]:
    return [p for d in dirs for p in sorted((ROOT / d).rglob("*.py"))]


def _is_escape(node) -> bool:
    """``html.escape(…)``, ``script_literal(…)`` (a value in a page's script), or
    ``"".join(parts)`` of parts the same module built escaped."""
    import ast
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "script_literal":
        return True
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return False
    if node.func.attr == "escape" and isinstance(node.func.value, ast.Name) and node.func.value.id == "html":
        return True
    return node.func.attr == "join" and isinstance(node.func.value, ast.Constant)


def test_no_unsafe_html_and_no_html_element_with_user_text():
    """``st.html`` gets our own constant markup, or markup in which every value is escaped:
    in a module that calls it, every f-string with a tag escapes each value it puts in."""
    import ast
    for path in _python_files("pages", "vision/ui") + [ROOT / "app.py"]:
        source = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in source, f"{path.name} uses unsafe_allow_html"
        if "st.html(" not in source:
            continue
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "html"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "st"):
                arg = node.args[0]
                assert (isinstance(arg, ast.Name) and re.fullmatch(r"[A-Z_]+", arg.id)) or isinstance(
                    arg, ast.JoinedStr) or _is_escape(arg), f"{path.name}:{node.lineno}: st.html with {ast.unparse(arg)!r}"
            if isinstance(node, ast.JoinedStr) and "<" in "".join(
                    v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)):
                for v in node.values:
                    if isinstance(v, ast.FormattedValue):
                        assert _is_escape(v.value), f"{path.name}:{node.lineno}: markup with {ast.unparse(v.value)!r}"


USER_TEXT = re.compile(r"\{[^{}]*\b(?:\w+\.)?(?:text|label|comment|left_label|right_label)\b[^{}]*\}")


def test_user_text_in_markdown_goes_through_escaping():
    """Draft texts, labels and comments reach markdown only through ``md_literal``; elsewhere
    they are shown with st.text / st.text_area / st.dataframe, which show text literally."""
    offenders = []
    for path in _python_files("pages", "vision/ui"):
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "st.markdown(" not in line and ".markdown(" not in line and "st.write(" not in line:
                continue
            for m in USER_TEXT.finditer(line):
                if not re.search(r"(escape_md|md_literal)\(", m.group(0)):
                    offenders.append(f"{path.name}:{no}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_md_literal_leaves_nothing_to_interpret():
    from vision.ui.text import md_literal

    out = md_literal("<img src=x onerror=alert(1)> **fed** [a](javascript:x) # h `c` $x$ ~~s~~ | t |")
    for ch in "<>*[]()#`$~|":
        assert all(out[i - 1] == "\\" for i, c in enumerate(out) if c == ch and i > 0), ch


# -- crafted requests against the served participant page -----------------------------------
def test_crafted_saves_over_the_wire_change_nothing(tmp_path):
    server = StreamlitServer(tmp_path)
    server.prepare()
    d = prepare_file(server.db, n_voters=2)
    server.start()
    try:
        r, dr = d.round_id, d.draft_ids[0]
        with Session(server.url, f"e={d.event_code}&t={d.tokens[0]}") as s:
            form = s.rerun().forms()[(r, dr)]
        status, answer = save_form(server.url, form, ballot(0, d.criteria))
        assert status == 200 and answer["count"] == len(d.criteria)
        first = d.criteria[0]
        crafted = [{"scores": {first: v}} for v in (7, -1, 0, "abc", [9, 0], 2.5, True, {"x": 1})]
        crafted += [{"round": "1"}, {"draft": None}, {"draft": 999999}, {"scores": "4"}, {"comment": 5},
                    {"comment": "x" * 20_000}, {"t": "A" * 22}, {"t": d.tokens[1], "e": "VISION20"},
                    {"scores": {"ukendt": 3}}]
        for changes in crafted:
            status, answer = save_form(server.url, form, ballot(1, d.criteria), **changes)
            assert status in (400, 404, 409), (changes, status, answer)
            assert DANISH.search(answer["error"]), (changes, answer)
        raw = requests.post(server.url + form["url"], data=b"\xff{not json", timeout=30)
        assert raw.status_code == 400 and DANISH.search(raw.json()["error"])
        with Session(server.url, f"e={d.event_code}&t={d.tokens[1]}") as s:
            assert not s.rerun().exceptions(), "the server still serves the other voters"
        # A made-up token, or one of another event, in the URL of a session is refused in Danish.
        with Session(server.url, f"e={d.event_code}&t={'A' * 22}") as s:
            out = s.rerun()
        assert any("Deltagerkoden er ukendt" in a for a in out.alerts()), out.alerts()
        with Session(server.url, f"e=VISION20&t={d.tokens[0]}") as s:
            out = s.rerun()
        assert any("anden begivenhed" in a for a in out.alerts()), out.alerts()
    finally:
        server.stop()
    from vision.store import Store

    check = Store(server.db)
    try:
        rows = check.query("SELECT criterion_key, score FROM scores")
    finally:
        check.close()
    assert dict(rows) == ballot(0, d.criteria), "only the one proper save is stored"


# -- files: imports, exports, data files -------------------------------------------------------
def test_import_file_with_wrong_columns_or_encoding_is_refused():
    imports = pytest.importorskip("vision.imports")
    with pytest.raises(UserError, match="mangler kolonnen 'tekst'"):
        imports.parse_drafts("titel;etiket\nAlle borgere;Bord 1\n".encode("utf-8"), "forslag.csv")
    with pytest.raises(UserError, match="UTF-16"):
        imports.parse_drafts("tekst\nAlle borgere\n".encode("utf-16"), "forslag.csv")
    with pytest.raises(UserError):
        imports.parse_drafts(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "forslag.xlsx")
    with pytest.raises(UserError):
        imports.parse_drafts(("tekst\n" + "x" * (DRAFT_MAX_CHARS + 1) + "\n").encode("utf-8"), "f.csv")
    latin1 = "tekst;etiket\nBørn og unge skal trives;Bord 2\n".encode("cp1252")
    parsed = imports.parse_drafts(latin1, "forslag.csv")
    assert parsed.rows[0][1] == "Børn og unge skal trives"
    with pytest.raises(UserError, match="ikke en tekstfil"):  # a NUL byte: not a text file
        imports.parse_drafts("tekst\nAlle\x00 borgere\n".encode("utf-8"), "f.csv")
    ctrl = imports.parse_drafts("tekst\nAlle\x07 borgere\x1b\n".encode("utf-8"), "f.csv")
    assert ctrl.rows[0][1] == "Alle borgere"


FORMULAS = ["=HYPERLINK(\"http://x\",\"klik\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1",
            "=cmd|' /C calc'!A0"]


def test_exported_cells_cannot_run_as_formulas():
    exports = pytest.importorskip("vision.exports")
    import pandas as pd

    df = pd.DataFrame({"Tekst": FORMULAS, "=Kolonne": list(range(len(FORMULAS)))})
    text = exports.to_csv(df).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0][1].startswith("'")
    for cell in (r[0] for r in rows[1:]):
        assert cell.startswith("'"), cell
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(exports.to_xlsx({"Forslag": df})))
    ws = wb.worksheets[0]
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@")), cell.value


BROKEN_EVENT_FILES = {
    "not yaml": "code: TEMA17\ntitle: [unclosed\n",
    "wrong type": "code: AB1\ntitle: X\nfocus_points: mange\n",
    "unknown field": "code: ABC1\ntitle: X\nsecret: 1\n",
    "bad code": "code: '<script>'\ntitle: X\n",
    "too long text": "code: ABC2\ntitle: X\ndrafts:\n  - text: '" + "x" * (DRAFT_MAX_CHARS + 1) + "'\n",
    "bad round kind": "code: ABC3\ntitle: X\nrounds:\n  - kind: evil\n    title: X\n",
    "a list": "- 1\n- 2\n",
    "empty": "",
    "python tag": "code: !!python/object/apply:os.system ['echo pwned']\ntitle: X\n",
}


@pytest.mark.parametrize("name", list(BROKEN_EVENT_FILES))
def test_malformed_event_files_are_refused_with_file_and_place(tmp_path, name):
    from vision.datafiles import DataFileError

    data = tmp_path / "data"
    (data / "events").mkdir(parents=True)
    for f in ("criteria.yaml", "municipalities.yaml"):
        (data / f).write_bytes((ROOT / "data" / f).read_bytes())
    (data / "events" / "broken.yaml").write_text(BROKEN_EVENT_FILES[name], encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        events.load_event_files(data)
    assert "broken.yaml" in str(info.value)


def test_malformed_criteria_file_is_refused(tmp_path):
    from vision.criteria import default_criteria
    from vision.datafiles import DataFileError

    data = tmp_path / "data"
    data.mkdir()
    (data / "criteria.yaml").write_text("criteria:\n  - key: 7\n    nonsense: true\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        default_criteria(data)


def test_the_shipped_data_files_load():
    assert {s.code for s in events.load_event_files()} >= {"TEMA17", "VISION20"}
