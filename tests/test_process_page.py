"""The secretariat's overview of every process, recording an approval, and where it shows."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.apptest import run, texts
from vision import approvals as ap
from vision import consultation as cons
from vision import events
from vision import processes as proc


@pytest.fixture
def demo(app_db, tmp_path, monkeypatch):
    monkeypatch.setenv("VISIONSDAG_UPLOAD_DIR", str(tmp_path / "uploads"))
    cons.seed_demo(app_db)
    c = cons.for_event(app_db, events.get_event(app_db, "VISION20").id)
    cons.set_deadline(app_db, "sek", c, dt.date.today() + dt.timedelta(days=5))
    t = cons.topics(app_db, c)
    for b in cons.bodies(app_db, c)[:7]:
        cons.save_answer(app_db, b.token, {t[0].key: "svar"}, send=True)
    return app_db


def test_each_process_shows_where_it_stands(demo):
    at = run("pages/process.py", role="secretariat")
    assert not at.exception, at.exception
    shown = texts(at)
    for item in proc.load_processes():
        assert item.model.title in shown
    assert "7 af 12 har svaret" in shown
    assert "0 af 19 byråd har godkendt; frist 15. oktober" in shown
    assert "0 af 11 byråd har godkendt" in shown


def test_recording_an_approval_shows_on_the_page_the_timeline_and_the_map(demo):
    at = run("pages/process.py", params={"process": "nordjysk-socialaftale-2021-2022"}, role="secretariat")
    at.selectbox(key="ap_body_nordjysk-socialaftale-2021-2022").set_value("kommunalbestyrelser:Aalborg").run()
    form = "approval_nordjysk-socialaftale-2021-2022"
    at.radio[0].set_value("approved")
    at.date_input[0].set_value(dt.date(2020, 9, 1))
    at.text_input[0].input("https://aalborg.dk/byraad/referat-2020-09-01")
    at.button(key=f"FormSubmitter:{form}-Gem beslutningen").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "1 af 11 byråd har godkendt" in texts(at)

    tl = run("pages/timeline.py", params={"region": "nordjylland"})
    assert "Godkendelse: 1 af 11 byråd har godkendt." in texts(tl)
    assert "Høring før dagen: 7 af 12 har svaret" in texts(tl)
    gov = run("pages/governance.py", params={"region": "nordjylland"})
    assert "1 af 11 byråd har godkendt" in texts(gov)
    fig = json.loads(gov.get("plotly_chart")[0].proto.spec)
    assert "<b>1/11 godkendt</b>" in [a["text"] for a in fig["layout"]["annotations"]]


def test_bad_approval_input_is_refused_in_danish(demo):
    at = run("pages/process.py", params={"process": "midtjylland-aarshjul"}, role="secretariat")
    at.radio[0].set_value("approved")
    at.button(key="FormSubmitter:approval_midtjylland-aarshjul-Gem beslutningen").click().run()
    assert "Skriv datoen for beslutningen." in [e.value for e in at.error]


def test_only_the_secretariat(demo):
    at = run("pages/process.py", role="organiser")
    assert "kun for sekretariatet" in texts(at)


def test_the_start_page_links_the_secretariat_to_the_process_view(demo):
    at = run("pages/home.py", role="secretariat")
    assert not at.exception
    assert "](/process)" in texts(at)
    assert "](/process)" not in texts(run("pages/home.py"))
