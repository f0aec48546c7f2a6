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


# -- the create form ---------------------------------------------------------------------------
def _create(at, **values):
    by_label(at.text_input, "Kode").input(values.get("code", "SYD25"))
    by_label(at.text_input, "Titel").input(values.get("title", "Visionsdag Syddanmark"))
    if "date" in values:
        at.date_input[0].set_value(values["date"])
    for label, value in values.get("selects", {}).items():
        by_label(at.selectbox, label).set_value(value)
    for label, value in values.get("radios", {}).items():
        by_label(at.radio, label).set_value(value)
    for label, value in values.get("numbers", {}).items():
        by_label(at.number_input, label).set_value(value)
    if "description" in values:
        by_label(at.text_area, "Beskrivelse").input(values["description"])
    by_label(at.button, "Opret begivenheden").click()
    return at.run()


def test_creating_without_a_date_is_refused_with_a_message(app_store):
    at = _create(page())
    assert "Dato: vælg dagens dato." in [e.value for e in at.error]
    assert app_store.read(lambda cur: q.event_by_code(cur, "SYD25")) is None


def test_every_invalid_field_is_named_at_once(app_store):
    import datetime as dt

    at = _create(page(), code="s", title=" ", date=dt.date(2030, 3, 1))
    errors = [e.value for e in at.error]
    assert "Kode: 3-16 store bogstaver (A-Z) eller tal, fx SYD25." in errors
    assert "Titel: skriv dagens titel." in errors


def test_a_new_day_with_everything_it_needs(app_store):
    import datetime as dt

    at = _create(page(), date=dt.date(2030, 3, 1), description="Visionsdag for Syddanmark",
                 selects={"Region": "syddanmark"},
                 radios={"Sådan kommer deltagerne ind": "tokens", "Prioritering af fokusområder": "rank"},
                 numbers={"Mindste gruppestørrelse i resultater": 5})
    assert not at.exception and not at.error, [e.value for e in at.error]
    event = events.get_event(app_store, "SYD25")
    assert (event.region, event.join_mode, event.focus_mode, event.min_group_size, event.description) == (
        "syddanmark", "tokens", "rank", 5, "Visionsdag for Syddanmark")
    assert event.event_date == dt.date(2030, 3, 1)
    assert not at.warning or all("passeret" not in w.value for w in at.warning)


def test_a_date_in_the_past_is_created_with_a_warning(app_store):
    import datetime as dt

    at = _create(page(), date=dt.date(2020, 2, 3))
    assert events.get_event(app_store, "SYD25").event_date == dt.date(2020, 2, 3)
    assert any("Datoen 03.02.2020 er allerede passeret." in w.value for w in at.warning)


# -- no double submits ----------------------------------------------------------------------------
def _in_form(items, form_prefix, label):
    found = [w for w in items if w.label == label and (w.form_id or "").startswith(form_prefix)]
    assert found, f"no {label!r} in a form {form_prefix!r}"
    return found[0]


def _fill_new_paradox(at):
    _in_form(at.text_input, "paradox_new", "Titel").input("Nærhed og specialisering")
    _in_form(at.text_input, "paradox_new", "Venstre pol").input("Nærhed")
    _in_form(at.text_input, "paradox_new", "Højre pol").input("Højt specialiseret")


def test_adding_a_paradox_twice_makes_one(app_store):
    event = events.get_event(app_store, "VISION20")
    before = len(events.event_content(app_store, event.id)["paradoxes"])
    at = page("VISION20")
    _fill_new_paradox(at)
    _in_form(at.button, "paradox_new", "Tilføj paradokset").click().run()
    assert len(events.event_content(app_store, event.id)["paradoxes"]) == before + 1
    assert _in_form(at.text_input, "paradox_new", "Titel").value == "", "the form is empty again"
    # The same paradox typed and sent again is refused with a message.
    _fill_new_paradox(at)
    _in_form(at.button, "paradox_new", "Tilføj paradokset").click().run()
    assert "Det er allerede gemt. Ret i formularen, hvis du vil tilføje en mere." in [e.value for e in at.error]
    assert len(events.event_content(app_store, event.id)["paradoxes"]) == before + 1


def test_a_refused_paradox_keeps_what_was_typed(app_store):
    at = page("VISION20")
    _in_form(at.text_input, "paradox_new", "Titel").input("Kun en titel")
    _in_form(at.button, "paradox_new", "Tilføj paradokset").click().run()
    assert "Paradokset: venstre pol må ikke være tom." in [e.value for e in at.error]
    assert _in_form(at.text_input, "paradox_new", "Titel").value == "Kun en titel"


def test_adding_a_round_twice_makes_one_and_rounds_show_once(app_store):
    event = events.get_event(app_store, "TEMA17")
    before = len(events.rounds(app_store, event.id))
    at = page("TEMA17")
    headings = [m.value for m in at.markdown]
    assert any(h.endswith(".** Visionstesten") for h in headings), headings
    assert not any("Visionstesten · Visionstesten" in h for h in headings)
    _in_form(at.text_input, "add_round", "Titel (valgfri)").input("Paradokser efter frokost")
    _in_form(at.selectbox, "add_round", "Rundetype").set_value("paradox")
    _in_form(at.button, "add_round", "Tilføj runden").click().run()
    _in_form(at.text_input, "add_round", "Titel (valgfri)").input("Paradokser efter frokost")
    _in_form(at.selectbox, "add_round", "Rundetype").set_value("paradox")
    _in_form(at.button, "add_round", "Tilføj runden").click().run()
    titles = [r.title for r in events.rounds(app_store, event.id)]
    assert len(titles) == before + 1 and titles[-1] == "Paradokser efter frokost"
    assert any(m.value.endswith(".** Paradokser efter frokost") for m in at.markdown)


def test_programme_with_blank_and_bad_rows_saves_the_valid_ones_and_says_why(app_store):
    import pandas as pd

    event = events.get_event(app_store, "VISION20")
    saved = events.set_programme(app_store, "anna", event.id, [("", None, ""), ("25.00", "Frokost", None),
                                                                ("09.00", "Velkomst", None)])
    assert (saved.saved, saved.blank, [e.text("da") for e in saved.ignored]) == (
        1, 1, ["Punkt 2: tidspunktet '25.00' skal skrives som 11.30."])
    assert pd.Series([p.title for p in events.event_content(app_store, event.id)["programme"]]).tolist() == ["Velkomst"]


# -- the public address --------------------------------------------------------------------------
def test_without_a_public_address_set_up_warns_before_cards_are_printed(app_store, monkeypatch):
    monkeypatch.delenv("VISIONSDAG_PUBLIC_URL", raising=False)
    at = page("TEMA17")
    warnings = [w.value for w in at.warning]
    assert any("VISIONSDAG_PUBLIC_URL" in w and "localhost" in w for w in warnings), warnings
    assert any("`http://localhost:8501/?e=TEMA17`" in m.value for m in at.markdown)


def test_the_configured_public_address_is_shown_and_not_warned_about(app_store, monkeypatch):
    monkeypatch.setenv("VISIONSDAG_PUBLIC_URL", "https://visionsdag.example.dk")
    at = page("TEMA17")
    assert not any("VISIONSDAG_PUBLIC_URL" in w.value for w in at.warning)
    assert any("`https://visionsdag.example.dk/?e=TEMA17`" in m.value for m in at.markdown)
