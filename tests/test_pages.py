"""AppTest runs of every page: they render, they gate by role, and the voting flow works."""

from __future__ import annotations

import json

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from tests.apptest import run, texts
from vision import api, events, participants


def test_home_lists_both_demo_events(app_db):
    at = run("app.py")
    assert not at.exception
    body = texts(at)
    assert "Politisk temadag – Rammeaftale 2018" in body
    assert "Visionsdag – Nordjysk Socialaftale 2021-2022" in body


def test_anonymous_visitor_gets_no_staff_pages(app_db):
    at = run("app.py")
    links = [e.proto.label for e in at.get("page_link")] if at.get("page_link") else []
    body = "\n".join(links) + texts(at)
    for name in ("Styr dagen", "Storskærm", "Opsætning", "Analyse og eksport", "Brugere og data"):
        assert name not in body


def test_organiser_sees_control_pages(app_db):
    at = run("app.py", role="organiser")
    links = [e.proto.label for e in at.get("page_link")]
    assert {"Styr dagen", "Storskærm", "Opsætning"} <= set(links)
    assert "Analyse og eksport" not in links and "Brugere og data" not in links


def test_a_page_run_without_a_token_points_to_the_join_form(app_db):
    # The form itself is a plain page the server answers before Streamlit (tests/test_join_page.py).
    at = run("app.py", params={"e": "TEMA17"})
    assert not at.exception
    assert not at.get("page_link")  # no menu at all on a phone
    assert not at.radio and any("(/?e=TEMA17)" in m.value for m in at.markdown)


def test_unknown_event_code_gives_danish_message(app_db):
    at = run("app.py", params={"e": "NOPE99"})
    assert "Der findes ingen begivenhed med koden 'NOPE99'" in texts(at)


def forms(at) -> dict:
    """The drafts' scoring forms on the page: (round id, draft id) -> the form's data."""
    out = {}
    for el in at.get("bidi_component"):
        if el.proto.component_name == "visionsdag_scoring":
            data = json.loads(el.proto.json)
            out[(data["round"], data["draft"])] = data
    return out


def test_join_then_score_a_draft_and_change_it(app_db):
    ev = events.get_event(app_db, "TEMA17")
    rnd = next(r for r in events.rounds(app_db, ev.id) if r.kind == "scoring")
    events.open_round(app_db, "t", ev.id, rnd.id)
    token = participants.join_open(app_db, ev, "politiker", "Rebild")      # "Deltag" on the join form
    at = run("app.py", params={"e": "TEMA17", "t": token})
    assert "Du deltager som Politiker · Rebild" in texts(at)
    drafts = events.drafts(app_db, ev.id)
    shown = forms(at)
    assert sorted(shown) == [(rnd.id, d.id) for d in drafts], "one form per approved draft"
    form = shown[(rnd.id, drafts[0].id)]
    assert (form["e"], form["t"], form["n"], form["lang"]) == ("TEMA17", token, 1, "da")
    assert [c["key"] for c in form["criteria"]][:2] == ["retning", "meningsfuld"] and len(form["criteria"]) == 9
    assert form["options"][-1] == [None, "Ved ikke"] and form["texts"]["save"] == "Gem svar på forslag {n}"
    assert form["saved"] == {"scores": {}, "comment": "", "time": None}
    # "Gem" sends what the form's browser code sends; the page's own store saves it.
    with TestClient(Starlette(routes=[api.ballot_route(lambda: app_db)])) as client:
        scores = {c["key"]: 4 for c in form["criteria"]} | {"retning": None}
        answer = client.post(form["url"], json={k: form[k] for k in ("e", "t", "lang", "round", "draft")}
                             | {"scores": scores, "comment": "Klart og kort"})
    assert answer.status_code == 200 and answer.json()["count"] == 9
    rows = dict(app_db.query("SELECT criterion_key, score FROM scores"))
    assert rows["retning"] is None and rows["meningsfuld"] == 4 and len(rows) == 9
    # A reload (new session, same URL) gives the form the saved answers.
    saved = forms(run("app.py", params={"e": "TEMA17", "t": token}))[(rnd.id, drafts[0].id)]["saved"]
    assert saved["scores"] == scores and saved["comment"] == "Klart og kort"
    assert saved["time"] == answer.json()["time"][:5]


def test_the_scoring_form_speaks_the_pages_language(app_db):
    ev = events.get_event(app_db, "TEMA17")
    rnd = next(r for r in events.rounds(app_db, ev.id) if r.kind == "scoring")
    events.open_round(app_db, "t", ev.id, rnd.id)
    token = participants.join_open(app_db, ev, "politiker", "Rebild")
    form = next(iter(forms(run("app.py", params={"e": "TEMA17", "t": token, "lang": "en"})).values()))
    assert form["lang"] == "en" and form["texts"]["save"] == "Save answers to draft {n}"
    assert form["options"][-1] == [None, "Don't know"]


def test_closed_round_is_not_shown_and_save_into_it_refused(app_db):
    ev = events.get_event(app_db, "TEMA17")
    token = participants.join_open(app_db, ev, "embedsmand", "Aalborg")
    at = run("app.py", params={"e": "TEMA17", "t": token})
    assert "Ingen runde er åben lige nu" in texts(at)


def test_forged_token_is_refused(app_db):
    at = run("app.py", params={"e": "TEMA17", "t": "x" * 22})
    assert "Deltagerkoden er ukendt" in texts(at)


@pytest.mark.parametrize("script,role", [("pages/control.py", "organiser"), ("pages/projector.py", "organiser"),
                                         ("pages/home.py", None), ("pages/account.py", None)])
def test_each_page_renders_without_error(app_db, script, role):
    at = run(script, role=role, params={"event": "TEMA17"})
    assert not at.exception, at.exception


def test_control_page_opens_and_closes_a_round(app_db):
    ev = events.get_event(app_db, "VISION20")
    rnd = next(r for r in events.rounds(app_db, ev.id) if r.kind == "scoring")
    at = run("pages/control.py", role="organiser", params={"event": "VISION20"})
    at.button(key=f"open{rnd.id}").click().run()
    assert next(r for r in events.rounds(app_db, ev.id) if r.id == rnd.id).status == "open"
    at.button(key=f"close{rnd.id}").click().run()
    assert next(r for r in events.rounds(app_db, ev.id) if r.id == rnd.id).status == "closed"
    assert [a[2] for a in events.audit_log(app_db, ev.id)][:2] == ["close_round", "open_round"]


def test_password_guessing_is_slowed_down(app_db, tmp_path):
    from vision import users
    from vision.ui import login

    users.add_user(tmp_path / "credentials.yaml", "anna", "Rigtig-Kode-123", "organiser")
    login.LOGIN_LIMITER._fails.clear()
    at = run("pages/account.py")
    for _ in range(login.LOGIN_LIMITER.free + 1):     # the free tries, then one that must wait
        at.text_input[0].set_value("anna")
        at.text_input[1].set_value("forkert-kode")
        at.button[0].click().run()
        assert "Forkert brugernavn eller adgangskode." in texts(at)
    at.run()
    assert "For mange forkerte forsøg fra denne enhed" in texts(at)
    assert not at.text_input  # no form to guess with
    failed = [e for e in events.audit_log(app_db) if e[2] == "login_failed"]
    assert len(failed) == login.LOGIN_LIMITER.free + 1      # every wrong password is audited
    assert "Rigtig-Kode" not in str(failed) and "forkert-kode" not in str(failed)


def test_control_page_shows_change_between_repeated_rounds(app_db):
    from vision import demo

    demo.simulate(app_db, "VISION20", n=12, reveal=False)
    ev = events.get_event(app_db, "VISION20")
    first = demo.round_of(app_db, "VISION20", "scoring")
    second = events.repeat_round(app_db, "t", ev.id, first.id)
    events.open_round(app_db, "t", ev.id, second)
    at = run("pages/control.py", role="organiser", params={"event": "VISION20"})
    assert not at.exception
    assert "Ændring mellem runderne" in texts(at)
    assert len(at.get("plotly_chart")) >= 3  # the room, the overall change and the change per group


def test_participant_can_switch_to_english(app_db):
    token = participants.join_open(app_db, events.get_event(app_db, "TEMA17"), "politiker", "Rebild")
    at = run("app.py", params={"e": "TEMA17", "t": token})
    assert "Du deltager som Politiker · Rebild" in texts(at)
    next(w for w in at.get("button_group") if w.key == "lang_pick").set_value("en")
    at.run()
    assert not at.exception
    assert "You take part as Politician · Rebild" in texts(at)
    assert at.query_params["lang"] in ("en", ["en"])  # a reload keeps the language
    again = run("app.py", params={"e": "TEMA17", "t": token, "lang": "en"})
    assert "You take part as Politician · Rebild" in texts(again)


def test_home_page_links_to_the_accessibility_statement(app_db):
    at = run("pages/home.py")
    assert not at.exception
    assert any("(/accessibility)" in m.value for m in at.markdown)
