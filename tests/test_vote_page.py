"""The phone's page draws what ``vision.phone_view`` decides: open rounds, then a round closed
minutes ago, locked with its notice; and only approved drafts, of the round's own when it
has some."""

from __future__ import annotations

from tests.apptest import run, texts
from tests.support.plenum_day import plenum_day
from vision import events, participants, plenum


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


def test_after_the_plenum_the_phone_draws_exactly_the_plenums_drafts(app_db):
    """The vision test after the plenum scores the drafts the plenum showed, in its order;
    the morning's example visions, approved as they are, are not on the phone."""
    day = plenum_day(app_db)
    events.open_round(app_db, "anna", day.event_id, day.drafting)
    view = plenum.start(app_db, "anna", day.event_id, day.drafting)
    plenum.open_for_scoring(app_db, "anna", day.event_id)
    event = events.get_event(app_db, "TEMA17")
    token = participants.join_open(app_db, event, "politiker", "Aalborg")
    drafts = {d.id: d for d in events.drafts(app_db, day.event_id)}
    examples = [d for d in drafts.values() if d.is_example]

    at = run("pages/vote.py", params={"e": "TEMA17", "t": token})
    assert not at.exception, [e.value for e in at.exception]
    titles = [m.value for m in at.markdown if m.value.startswith("**Forslag ")]
    shown = [d.id for g in view.groups for d in g.drafts]
    assert len(titles) == len(shown) == 5
    page = texts(at).replace("\\", "")
    positions = [page.index(" ".join(drafts[i].text.split()[:4])) for i in shown]
    assert positions == sorted(positions), "in the plenum's order"
    assert examples and not any(e.text.split("\n")[0][:40] in page for e in examples)
