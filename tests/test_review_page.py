"""The review page in AppTest: what the secretariat sees, hiding a comment, the data lifecycle."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.review_data import populated_copy
from vision import events, participants
from vision.review import SUPPRESSED
from vision.store import queries as q

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "review.py")


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "page.duckdb"
    populated_copy(path, "TEMA17", 20, seed=3, with_other=True)
    monkeypatch.setenv("VISIONSDAG_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    from vision.ui.runtime import get_store

    get_store().close()
    st.cache_resource.clear()
    st.cache_data.clear()


def run(query: str = "TEMA17") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["role"] = "secretariat"
    at.session_state["username"] = "sekretariat"
    at.query_params["event"] = query
    return at.run()


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [w.value for w in at.warning]
    parts += [m.value for m in at.text] + [i.value for i in at.info] + [e.value for e in at.error]
    for df in at.dataframe:
        parts.append(df.value.to_string())
    return "\n".join(str(p) for p in parts)


def test_page_shows_ranking_criteria_and_suppressed_groups(db):
    at = run()
    assert not at.exception
    page = texts(at)
    assert "Alle borgere skal kunne se et træ." in page            # the draft text
    assert "Retning + Ønske" in page and "Standardafvigelse" in page and "Enighed" in page
    assert "Stærkeste kriterium" in page
    # 'andet' has one participant: it and the next smallest group read "for få svar".
    assert SUPPRESSED in page
    assert [m.value for m in at.metric][0] == "20"


def test_hiding_a_comment_removes_it_and_writes_the_audit_log(db):
    at = run()
    buttons = [b for b in at.button if b.key and b.key.startswith("hide-")]
    assert buttons, "the demo data has comments"
    before = len(buttons)
    buttons[0].click().run()
    assert not at.exception
    after = [b for b in at.button if b.key and b.key.startswith("hide-")]
    assert len(after) == before - 1
    from vision.ui.runtime import get_store

    log = get_store().read(lambda cur: q.audit_entries(cur))
    assert any(e[2] == "hide_comment" and e[1] == "sekretariat" for e in log)


def test_comment_search_filters(db):
    at = run()
    at.text_input(key="c_search").input("husketesten").run()
    shown = [t.value for t in at.text]
    assert shown and all("husketesten" in t.lower() for t in shown if "Husketesten" in t or "husketesten" in t)
    assert not any("tidspunkt" in t for t in shown)


def test_delete_tokens_needs_the_code_and_keeps_results(db):
    at = run()
    at.text_input(key="tok_code").input("FORKERT")
    at.button[[b.label for b in at.button].index("Slet deltagerkoder")].click().run()
    assert any("TEMA17" in e.value for e in at.error)
    from vision.ui.runtime import get_store

    store = get_store()
    event = events.get_event(store, "TEMA17")
    assert store.read(lambda cur: q.count_tokens(cur, event.id)) == 20
    tokens = [t for (t,) in store.query("SELECT t.token FROM participant_tokens t JOIN participants p "
                                        "ON p.id = t.participant_id WHERE p.event_id = ?", [event.id])]
    participants.resolve(store, "TEMA17", tokens[0])          # a phone's page: the server recognises it
    at.text_input(key="tok_code").input("tema17")
    at.button[[b.label for b in at.button].index("Slet deltagerkoder")].click().run()
    assert not at.exception
    assert store.read(lambda cur: q.count_tokens(cur, event.id)) == 0
    assert store.query_one("SELECT count(*) FROM scores s JOIN rounds r ON r.id = s.round_id WHERE r.event_id = ?",
                           [event.id])[0] > 0
    log = store.read(lambda cur: q.audit_entries(cur, event.id))
    assert any(e[2] == "delete_tokens" for e in log)
    assert participants.recognised(store, "TEMA17", tokens[0]) is None, "the server forgot the phones too"


def test_delete_event_after_typing_its_code(db):
    from vision.ui.runtime import get_store

    store = get_store()
    token = store.query_one("SELECT t.token FROM participant_tokens t JOIN participants p ON p.id = t.participant_id "
                            "JOIN events e ON e.id = p.event_id WHERE e.code = 'TEMA17'")[0]
    participants.resolve(store, "TEMA17", token)             # a phone the server has recognised
    at = run()
    at.text_input(key="ev_code").input("TEMA17")
    at.button[[b.label for b in at.button].index("Slet begivenheden")].click().run()
    assert not at.exception
    assert store.read(lambda cur: q.event_by_code(cur, "TEMA17")) is None
    assert participants.recognised(store, "TEMA17", token) is None
    assert any(e[2] == "delete_event" and "TEMA17" in e[4] for e in store.read(q.audit_entries))


def test_the_raw_export_says_before_the_press_when_too_few_have_answered(db):
    """A download whose file cannot be made shows nothing in the browser: with too few who
    answered, the button is off and the page says why; with enough, it downloads."""
    at = run("VISION20")                   # no answers in this copy
    assert not at.exception
    raw = [b for b in at.button if b.label == "Anonymiseret rådata (XLSX)"]
    assert raw and raw[0].disabled
    assert "Begivenheden har for få deltagere (0) til et anonymiseret udtræk; mindst 3 kræves." in texts(at)
    assert "Anonymiseret rådata (XLSX)" not in [d.proto.label for d in at.get("download_button")]
    at = run("TEMA17")
    assert "Anonymiseret rådata (XLSX)" in [d.proto.label for d in at.get("download_button")]
    assert "til et anonymiseret udtræk" not in texts(at)
