"""The organiser chooses a vision test round's drafts in set-up and sees them named on the
control page, in AppTest runs of the real pages."""

from __future__ import annotations

from tests.apptest import run, texts
from vision import events, round_drafts


def test_the_organiser_chooses_a_scoring_rounds_drafts_in_set_up(app_db):
    ev = events.get_event(app_db, "VISION20")
    scoring = next(r for r in events.rounds(app_db, ev.id) if r.kind == "scoring")
    approved = [d.id for d in events.drafts(app_db, ev.id)]
    at = run("pages/setup.py", role="organiser", params={"event": "VISION20"})
    assert not at.exception, at.exception
    assert "Forslag i visionstesten" in texts(at)
    heading = events.round_heading(scoring.title, scoring.kind, "da")
    pick = next(m for m in at.multiselect if m.label.replace("\\", "") == heading)
    assert pick.value == [], "no drafts of its own: every approved draft"
    pick.select(approved[2]).select(approved[0])
    next(b for b in at.button if b.label == "Gem rundens forslag").click().run()
    assert not at.exception, at.exception
    assert round_drafts.chosen(app_db, ev.id) == {scoring.id: (approved[2], approved[0])}
    assert "Runden vurderer nu 2 forslag." in texts(at)


def test_the_control_page_names_the_drafts_a_scoring_round_scores(app_db):
    ev = events.get_event(app_db, "VISION20")
    scoring = next(r for r in events.rounds(app_db, ev.id) if r.kind == "scoring")
    drafts = events.drafts(app_db, ev.id)
    at = run("pages/control.py", role="organiser", params={"event": "VISION20"})
    assert not at.exception, at.exception
    assert f"Vurderer alle godkendte forslag ({len(drafts)})" in texts(at)
    round_drafts.choose(app_db, "anna", ev.id, scoring.id, [drafts[1].id])
    at.run()
    page = texts(at)
    assert "Vurderer rundens egne 1 forslag" in page and drafts[1].text.split()[0] in page
    assert "alle godkendte forslag (" not in page
