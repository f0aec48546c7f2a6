"""Where the app needs more than the sources give, the page says so: the theme day's
tables are numbered and named by the app, and the set-up page where the organiser sees
them says so; a copy of the event, whose tables are the organiser's, does not."""

from __future__ import annotations

from tests.apptest import run, texts
from vision import events

OWN = "Bordenes numre og navne er appens egne"


def test_the_set_up_page_says_the_demo_days_table_numbers_and_names_are_the_apps(app_db):
    at = run("pages/setup.py", params={"event": "TEMA17"}, role="organiser")
    assert not at.exception, [e.value for e in at.exception]
    assert OWN in texts(at)
    events.copy_event(app_db, "t", "TEMA17", "EGEN17", "Egen temadag")
    at = run("pages/setup.py", params={"event": "EGEN17"}, role="organiser")
    assert not at.exception, [e.value for e in at.exception]
    assert "Borde" in [s.value for s in at.subheader] and OWN not in texts(at)
