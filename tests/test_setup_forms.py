"""The organiser's set-up forms (AppTest): what a form refuses, warns about and stores,
and that a second identical submit adds nothing."""

from __future__ import annotations

from tests.test_setup_page import app_store, by_label, page, shown  # noqa: F401  (fixture)
from vision import events
from vision.store import queries as q


def test_after_a_delete_no_other_event_is_opened(app_store):
    at = page("TEMA17")
    by_label(at.text_input, "Skriv koden TEMA17 for at bekræfte").input("TEMA17")
    by_label(at.button, "Slet for altid").click().run()
    assert not at.exception
    assert app_store.read(lambda cur: q.event_by_code(cur, "TEMA17")) is None
    assert "TEMA17 er slettet." in shown(at)
    picker = by_label(at.selectbox, "Begivenhed, du sætter op")
    assert picker.value is None, "no event is chosen for the organiser"
    assert not [b for b in at.button if b.label == "Slet for altid"]
    assert "Program" not in [t.label for t in at.tabs]


def test_a_wrong_code_does_not_delete(app_store):
    at = page("TEMA17")
    by_label(at.text_input, "Skriv koden TEMA17 for at bekræfte").input("TEMA18")
    by_label(at.button, "Slet for altid").click().run()
    assert "Skriv begivenhedens kode (TEMA17) for at bekræfte." in [e.value for e in at.error]
    assert events.get_event(app_store, "TEMA17")
