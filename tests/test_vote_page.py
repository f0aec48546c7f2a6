"""The phone's page draws what ``vision.phone_view`` decides: open rounds, then a round closed
minutes ago, locked with its notice; and only approved drafts."""

from __future__ import annotations

from tests.apptest import run, texts
from vision import events, participants


def test_a_phone_shows_the_open_round_and_keeps_a_just_closed_one_locked(app_db):
    event = events.get_event(app_db, "VISION20")
    token = participants.join_open(app_db, event, "politiker", "Aalborg")
    by_kind = {r.kind: r for r in events.rounds(app_db, event.id)}
    scoring, focus = by_kind["scoring"], by_kind["focus"]
    events.open_round(app_db, "anna", event.id, scoring.id)
    events.close_round(app_db, "anna", event.id, scoring.id)
    events.open_round(app_db, "anna", event.id, focus.id)
    waiting = events.add_draft(app_db, "anna", event.id, "Et forslag, der venter på godkendelse", None,
                               "organiser", False)

    at = run("pages/vote.py", params={"e": "VISION20", "t": token})
    assert not at.exception, [e.value for e in at.exception]
    assert [h.value.replace("\\", "") for h in at.header] == [focus.title, scoring.title]  # markdown-escaped
    assert any("Runden lukkede kl." in w.value for w in at.warning)
    assert "Ingen runde er åben" not in texts(at)
    assert "Et forslag, der venter" not in texts(at)
    assert waiting not in {d.id for d in events.drafts(app_db, event.id)}
