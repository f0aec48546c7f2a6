"""The control page's lists of what the tables send (drafts waiting for approval, the
officials' chosen challenges) follow the event's stamp: a run of the page with nothing
new reads neither list from the database, a run after a table's write shows it."""

from __future__ import annotations

from tests.apptest import run, texts
from tests.support.day_design import participant, set_up_day
from vision import challenges, draft_kinds, events, screens


def test_the_lists_from_the_tables_are_read_again_only_after_a_write(app_db, monkeypatch):
    day = set_up_day(app_db, open_tasks=("challenges", "mission"))
    screens.forget(day.event_id)
    at = run("pages/control.py", role="organiser", params={"event": "TEMA17"})
    assert not at.exception, at.exception
    assert "Ingen forslag venter på godkendelse." in texts(at)
    assert "Ingen bord har valgt sine 3 udfordringer endnu." in texts(at)

    reads = []

    def counted(name, fn):
        def read(*args, **kwargs):
            if name != "drafts" or args[2:] == (("pending",),):
                reads.append(name)
            return fn(*args, **kwargs)
        return read

    monkeypatch.setattr(events, "drafts", counted("drafts", events.drafts))
    monkeypatch.setattr(challenges, "chosen_by_focus_area", counted("chosen", challenges.chosen_by_focus_area))
    at.run()
    assert not at.exception, at.exception
    assert reads == [], "nothing was written for the event, so neither list is read again"
    assert "Ingen forslag venter på godkendelse." in texts(at)
    assert "Forslag fra bordene (0)" in [s.value for s in at.subheader]

    # A table sends a draft and another chooses its challenges: the next run reads and shows both.
    draft_kinds.submit_table_draft(app_db, participant(app_db, day, "chair2"), day.tokens["chair2"],
                                   day.rounds["mission"], "Vi deler viden på tværs af kommunerne.")
    ids = [challenges.add(app_db, participant(app_db, day, "off1"), day.tokens["off1"], day.rounds["challenges"],
                          f"Udfordring {i}") for i in range(3)]
    challenges.choose(app_db, participant(app_db, day, "chair1"), day.tokens["chair1"], day.rounds["challenges"],
                      ids)
    at.run()
    assert not at.exception, at.exception
    assert sorted(reads) == ["chosen", "drafts"]
    page = texts(at)
    assert "Vi deler viden på tværs af kommunerne." in page and "Udfordring 2" in page
    assert "Forslag fra bordene (1)" in [s.value for s in at.subheader]
    screens.forget(day.event_id)
