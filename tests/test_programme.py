"""The programme's now: the organiser moves it forward and back within the programme, per
event, and a phone's question and the big screen's stamp change when it moves."""

from __future__ import annotations

import pytest

from vision import api, events, programme, screens
from vision.errors import RuleError, UserError
from vision.model import ProgrammeItem


@pytest.fixture
def tema(store):
    return events.get_event(store, "TEMA17")


def test_next_starts_at_the_first_item_and_moves_forward_and_back(store, tema):
    prog = programme.programme(store, tema.id)
    assert prog.now is None and len(prog.items) == 7
    assert programme.step(store, "anna", tema.id, 1).now == 0
    assert programme.step(store, "anna", tema.id, 1).current.title.startswith("Præsentation af dagen")
    assert programme.step(store, "anna", tema.id, -1).now == 0
    assert programme.programme(store, tema.id).current.title.startswith("Åbning af dagen")


def test_now_stays_within_the_programme(store, tema):
    with pytest.raises(RuleError, match="første"):
        programme.step(store, "anna", tema.id, -1)
    programme.set_now(store, "anna", tema.id, 6)
    with pytest.raises(RuleError, match="sidste"):
        programme.step(store, "anna", tema.id, 1)
    with pytest.raises(UserError, match="nummer 8"):
        programme.set_now(store, "anna", tema.id, 7)
    with pytest.raises(UserError):
        programme.set_now(store, "anna", tema.id, -1)
    assert programme.now_position(store, tema.id) == 6, "a refused move changes nothing"


def test_each_event_has_its_own_now(store, tema):
    other = events.get_event(store, "VISION20")
    programme.set_now(store, "anna", tema.id, 3)
    assert programme.now_position(store, other.id) is None
    programme.step(store, "anna", other.id, 1)
    assert programme.now_position(store, other.id) == 0 and programme.now_position(store, tema.id) == 3


def test_a_shortened_programme_ends_at_its_last_item(store, tema):
    programme.set_now(store, "anna", tema.id, 6)
    events.set_programme(store, "anna", tema.id, [("11.30", "Åbning", None), (None, "Runde 1", None)])
    assert programme.now_position(store, tema.id) == 1
    events.set_programme(store, "anna", tema.id, [])
    assert programme.now_position(store, tema.id) is None
    with pytest.raises(RuleError, match="intet program"):
        programme.step(store, "anna", tema.id, 1)


def test_a_waiting_phone_and_the_big_screen_learn_that_now_moved(store, tema):
    api._SHOWN.drop()
    before_phone = api.shown(store, tema.id)
    before_screen = screens.current_stamp(store, tema.id)
    programme.step(store, "anna", tema.id, 1)
    api._SHOWN.drop()
    assert api.shown(store, tema.id) == {**before_phone, "now": 0}
    assert screens.current_stamp(store, tema.id) != before_screen


def test_the_big_screen_fits_the_programme_at_the_back_row_size():
    items = [ProgrammeItem(i, "11.30", "Udfordringer og paradokser v. direktør Henrik Aarup-Kristensen",
                           "Politikere: vision for det specialiserede socialområde. Embedsmænd: udfordringer.")
             for i in range(7)]
    for width, height in ((1920, 1080), (1280, 720)):
        layout = programme.screen_layout(items, 3, width, height)
        assert (layout.first, layout.last) == (0, 7) and layout.font_px >= height / 40
    many = programme.screen_layout(items * 6, 30, 1280, 720)
    assert many.font_px == 18 and many.first <= 30 < many.last and many.last - many.first < 42


INFERRED_ITEMS = ["Præsentation af dagen v. konsulent Thøger Riis-Michelsen",
                  "Udfordringer og paradokser v. direktør Henrik Aarup-Kristensen", "Den fremadrettede proces"]


def test_the_items_the_sources_programme_lacks_keep_their_mark_through_a_save(store, tema):
    prog = programme.programme(store, tema.id)
    assert [i.title for i in prog.items if i.provenance == "inferred"] == INFERRED_ITEMS
    assert all(i.provenance is None for i in prog.items if i.title not in INFERRED_ITEMS)
    # The organiser saves the programme with one title changed: the others keep their mark.
    rows = [(i.at_time, "Fremadrettet proces" if i.title == INFERRED_ITEMS[2] else i.title, i.detail)
            for i in prog.items]
    events.set_programme(store, "anna", tema.id, rows)
    assert [programme.mark(i) for i in programme.programme(store, tema.id).items] == [
        None, "udledt af kilderne", "udledt af kilderne", None, None, None, None]


def _marked(page: str) -> list[str]:
    return [t for t in INFERRED_ITEMS if f"{t} <span class='vd-prog-mark'>(udledt af kilderne)</span>" in page]


def test_the_phone_and_the_big_screen_say_which_items_are_read_from_the_sources(app_db):
    from tests.apptest import run
    from vision import participants

    ev = events.get_event(app_db, "TEMA17")
    token = participants.join_open(app_db, ev, "politiker", "Aalborg")
    programme.set_now(app_db, "t", ev.id, 0)
    phone = run("pages/vote.py", params={"e": "TEMA17", "t": token})
    assert not phone.exception, phone.exception
    page = " ".join(str(h.proto.body) for h in phone.get("html"))
    assert _marked(page) == INFERRED_ITEMS
    assert page.count("udledt af kilderne") == 3, "the sourced items are not marked"
    screen = run("pages/projector.py", role="organiser", params={"event": "TEMA17"})
    assert not screen.exception, screen.exception
    page = " ".join(str(h.proto.body) for h in screen.get("html"))
    assert _marked(page) == INFERRED_ITEMS and page.count("udledt af kilderne") == 3
