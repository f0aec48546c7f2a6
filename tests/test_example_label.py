"""Results of a demo event or of simulated answers are labelled "Eksempeldata" on the big
screen, the control page and the review; a real event's are not."""

from __future__ import annotations

from tests.apptest import run, texts
from vision import demo, events, screens


def test_a_copied_event_is_an_example_only_once_simulated(store):
    new_id = events.copy_event(store, "t", "TEMA17", "RIGTIG", "En rigtig dag")
    real = events.get_event(store, "RIGTIG")
    assert not real.is_demo and not demo.shows_examples(store, real)
    demo.simulate(store, "RIGTIG", n=4)
    assert demo.shows_examples(store, events.get_event(store, "RIGTIG")) and new_id == real.id
    assert demo.shows_examples(store, events.get_event(store, "TEMA17")), "a demo event"


def test_the_pages_label_example_results(app_db):
    events.copy_event(app_db, "t", "TEMA17", "RIGTIG", "En rigtig dag")
    at = run("pages/review.py", role="secretariat", params={"event": "RIGTIG"})
    assert not at.exception and "Eksempeldata" not in texts(at)
    demo.simulate(app_db, "RIGTIG", n=4)
    for page, role in (("pages/review.py", "secretariat"), ("pages/control.py", "organiser")):
        at = run(page, role=role, params={"event": "RIGTIG"})
        assert not at.exception, at.exception
        assert "Eksempeldata" in texts(at), page
    ev = events.get_event(app_db, "RIGTIG")
    try:
        at = run("pages/projector.py", role="organiser", params={"event": "RIGTIG"})
        assert not at.exception, at.exception
        assert "Eksempeldata" in " ".join(str(h.proto.body) for h in at.get("html"))
    finally:
        screens.forget(ev.id)
