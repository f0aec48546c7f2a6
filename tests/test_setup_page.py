"""The organiser's set-up page (AppTest) and the set-up actions behind it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.support.seeded import copy_of
from vision import events, participants
from vision.cards import Card
from vision.errors import UserError
from vision.store import queries as q

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "setup.py")


@pytest.fixture
def app_store(tmp_path, monkeypatch, seeded_db):
    """The page's own cached store on a temporary, seeded database."""
    monkeypatch.setenv("VISIONSDAG_DB", str(copy_of(seeded_db, tmp_path / "setup.duckdb")))
    monkeypatch.setenv("VISIONSDAG_ENV", "development")
    st.cache_resource.clear()
    from vision.ui.runtime import get_store

    store = get_store()
    yield store
    store.close()
    st.cache_resource.clear()


def page(event: str | None = None, role: str = "organiser") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["role"] = role
    at.session_state["username"] = "anna"
    if event:
        at.query_params["event"] = event
    return at.run()


def by_label(items, label):
    found = [w for w in items if w.label == label]
    assert found, f"no widget labelled {label!r}; have {[w.label for w in items]}"
    return found[0]


def shown(at) -> str:
    return "\n".join(str(e.value) for kind in ("success", "error", "info", "warning", "markdown", "text")
                     for e in getattr(at, kind))


# -- the page ----------------------------------------------------------------------------------
def test_only_organisers_get_the_page(app_store):
    at = page(role="secretariat")
    assert [e.value for e in at.error] == ["Siden er kun for arrangører. Log ind først."]
    assert not at.button


def test_create_an_event_through_the_form(app_store):
    at = page()
    by_label(at.text_input, "Kode").set_value("nord26")
    [t for t in at.text_input if t.label == "Titel"][0].set_value("Visionsdag 2026")
    by_label(at.text_input, "Sted").set_value("Aalborg Kongres & Kultur Center")
    at.date_input[0].set_value(datetime(2030, 2, 3).date())
    by_label(at.button, "Opret begivenheden").click()
    at.run()
    assert not at.exception
    event = events.get_event(app_store, "NORD26")
    assert (event.title, event.place, event.region, event.join_mode) == (
        "Visionsdag 2026", "Aalborg Kongres & Kultur Center", "nordjylland", "open")
    content = events.event_content(app_store, event.id)
    assert len(content["criteria"]) == 9 and content["units"][:2] == ["Aalborg", "Brønderslev"]
    assert at.query_params["event"] == "NORD26"  # the new event is the one now being set up
    assert by_label(at.selectbox, "Begivenhed, du sætter op").value == "NORD26"
    assert "Begivenheden NORD26 er oprettet" in shown(at)
    assert events.audit_log(app_store, event.id)[0][1:3] == ("anna", "create_event")


def test_a_taken_code_is_refused_in_danish_and_nothing_changes(app_store):
    before = len(events.list_events(app_store))
    at = page()
    by_label(at.text_input, "Kode").set_value("VISION20")
    [t for t in at.text_input if t.label == "Titel"][0].set_value("Dublet")
    by_label(at.button, "Opret begivenheden").click()
    at.run()
    assert "Koden 'VISION20' er allerede i brug." in [e.value for e in at.error]
    assert len(events.list_events(app_store)) == before


def test_add_a_draft_then_hide_and_approve_it(app_store):
    at = page("VISION20")
    event = events.get_event(app_store, "VISION20")
    n_before = len(events.drafts(app_store, event.id, ("approved", "pending", "hidden")))
    by_label(at.text_area, "Forslag til vision").set_value("Alle borgere skal kunne se et træ")
    by_label(at.text_input, "Etiket (valgfri)").set_value("Bord 4")
    by_label(at.button, "Tilføj forslaget").click()
    at.run()
    assert "Forslaget er tilføjet." in [s.value for s in at.success]
    drafts = events.drafts(app_store, event.id, ("approved", "pending", "hidden"))
    assert len(drafts) == n_before + 1
    new = drafts[-1]
    assert (new.text, new.label, new.status, new.source) == ("Alle borgere skal kunne se et træ", "Bord 4",
                                                              "approved", "organiser")

    at.button(key=f"hide_{new.id}").click()
    at.run()
    assert q.draft_by_id(app_store.cursor(), new.id).status == "hidden"
    assert f"Forslag {n_before + 1} er skjult." in [s.value for s in at.success]
    assert new.id not in [d.id for d in events.drafts(app_store, event.id)]  # participants no longer see it

    at.button(key=f"approve_{new.id}").click()
    at.run()
    assert q.draft_by_id(app_store.cursor(), new.id).status == "approved"


def test_an_empty_draft_is_refused(app_store):
    at = page("VISION20")
    event = events.get_event(app_store, "VISION20")
    before = events.drafts(app_store, event.id, ("approved", "pending", "hidden"))
    by_label(at.button, "Tilføj forslaget").click()
    at.run()
    assert "Teksten må ikke være tom." in [e.value for e in at.error]
    assert events.drafts(app_store, event.id, ("approved", "pending", "hidden")) == before


def test_import_drafts_shows_a_preview_before_anything_is_stored(app_store):
    at = page("VISION20")
    event = events.get_event(app_store, "VISION20")
    before = len(events.drafts(app_store, event.id, ("approved", "pending", "hidden")))
    csv = "tekst;etiket\nVi passer på hinanden;A\nNærhed og specialisering går hånd i hånd;B\n".encode("cp1252")
    by_label(at.file_uploader, "Fil med forslag").set_value(("forslag.csv", csv, "text/csv"))
    at.run()
    assert "2 forslag klar til import (tegnkodning cp1252, adskilt med ';')." in [i.value for i in at.info]
    assert len(events.drafts(app_store, event.id, ("approved", "pending", "hidden"))) == before
    by_label(at.button, "Importér 2 forslag").click()
    at.run()
    assert "2 forslag er importeret." in [s.value for s in at.success]
    texts = [d.text for d in events.drafts(app_store, event.id)]
    assert texts[-2:] == ["Vi passer på hinanden", "Nærhed og specialisering går hånd i hånd"]


def test_a_bad_import_file_names_the_problem_and_offers_no_import(app_store):
    at = page("VISION20")
    by_label(at.file_uploader, "Fil med forslag").set_value(("f.csv", b"navn;kommune\nx;y\n", "text/csv"))
    at.run()
    assert any(e.value.startswith("Filen mangler kolonnen 'tekst'.") for e in at.error)
    assert not [b for b in at.button if b.label.startswith("Importér")]


def test_generate_cards_from_a_file_with_progress_then_revoke_one(app_store):
    at = page("VISION20")
    event = events.get_event(app_store, "VISION20")
    at.radio(key="card_input").set_value("file")
    at.run()
    order = "gruppe;kommune;bord;antal\npolitiker;Aalborg;1;3\nembedsmand;Hjørring;2;2\n".encode()
    by_label(at.file_uploader, "Fil med kortbestilling").set_value(("kort.csv", order, "text/csv"))
    at.run()
    assert "5 kort: Politiker 3, Embedsmand 2." in [i.value for i in at.info]
    by_label(at.button, "Lav 5 kort").click()
    at.run()
    assert not at.exception
    issued = participants.preset_tokens(app_store, event.id)
    assert [(g, u, t) for _tok, g, u, t, _r in issued] == [("politiker", "Aalborg", 1)] * 3 + \
        [("embedsmand", "Hjørring", 2)] * 2
    assert "5 personlige kort er lavet. Hent dem som PDF nedenfor." in [s.value for s in at.success]

    by_label(at.button, "Lav PDF med de 5 nye kort").click()
    at.run()
    downloads = [d.proto.label for d in at.get("download_button")]
    assert downloads == ["Hent PDF (5 kort, 1 side)"]


def test_revoke_a_card_and_get_a_replacement(app_store):
    event = events.get_event(app_store, "VISION20")
    participants.generate_tokens(app_store, "anna", event.id, [("politiker", "Aalborg", 7)] * 2)
    first = participants.preset_tokens(app_store, event.id)[0][0]
    at = page("VISION20")
    pick = by_label(at.selectbox, "Kort")
    assert pick.options == ["Kort 1 · Politiker · Aalborg · bord 7", "Kort 2 · Politiker · Aalborg · bord 7"]
    pick.set_value(Card(first, "politiker", "Aalborg", 7, 1))
    by_label(at.button, "Spær kortet").click()
    at.run()
    assert not at.exception
    issued = participants.preset_tokens(app_store, event.id)
    assert [(g, u, t, revoked) for _tok, g, u, t, revoked in issued] == [
        ("politiker", "Aalborg", 7, True), ("politiker", "Aalborg", 7, False), ("politiker", "Aalborg", 7, False)]
    with pytest.raises(UserError) as err:
        participants.resolve(app_store, "VISION20", first)
    assert str(err.value) == "Deltagerkoden er spærret. Spørg arrangøren om et nyt kort."
    assert ("Kort 1 er spærret, og et nyt kort er lavet i stedet. Hent det som PDF nedenfor."
            in [s.value for s in at.success])
    assert by_label(at.selectbox, "Kort").options == ["Kort 2 · Politiker · Aalborg · bord 7",
                                                      "Kort 3 · Politiker · Aalborg · bord 7"]


# -- the set-up actions -----------------------------------------------------------------------
def test_programme_times_are_normalised_and_bad_times_named(store):
    event = events.get_event(store, "VISION20")
    events.set_programme(store, "anna", event.id, [("9:00", "Velkomst", None), ("", "", ""),
                                                   ("11.30", "Frokost", "I kantinen")])
    assert [(p.at_time, p.title, p.detail) for p in events.event_content(store, event.id)["programme"]] == [
        ("09.00", "Velkomst", None), ("11.30", "Frokost", "I kantinen")]
    saved = events.set_programme(store, "anna", event.id, [("kl. 9", "Velkomst", None), ("10.00", "Debat", None)])
    assert [str(e) for e in saved.ignored] == ["Punkt 1: tidspunktet 'kl. 9' skal skrives som 11.30."]
    assert [p.title for p in events.event_content(store, event.id)["programme"]] == ["Debat"]


def test_criteria_reorder_rename_add_and_refuse_removing_an_answered_one(store):
    event = events.get_event(store, "VISION20")
    crit = events.event_content(store, event.id)["criteria"]
    items = [(c.key, c.label, c.question) for c in reversed(crit)]
    items[0] = (items[0][0], "Fornyelse!", items[0][2])
    items.append((None, "Økonomi", "Er visionen økonomisk bæredygtig?"))
    events.set_criteria(store, "anna", event.id, items)
    after = events.event_content(store, event.id)["criteria"]
    assert [c.key for c in after] == [c.key for c in reversed(crit)] + ["oekonomi"]
    assert after[0].label == "Fornyelse!"

    # An answer on the first criterion: it can be reworded but not removed.
    rnd = next(r for r in events.rounds(store, event.id) if r.kind == "scoring")
    draft = events.drafts(store, event.id)[0]
    store.write(lambda cur: (q.insert_participant(cur, event.id, "politiker", "Aalborg", "open", "p" * 22),
                             q.upsert_scores(cur, rnd.id, q.participant_by_token(cur, "p" * 22)[0].id, draft.id,
                                             {after[0].key: 4}, datetime.now())))
    with pytest.raises(UserError) as err:
        events.set_criteria(store, "anna", event.id, [(c.key, c.label, c.question) for c in after[1:]])
    assert str(err.value) == "Kriteriet 'Fornyelse!' har allerede svar og kan ikke fjernes. Du kan omformulere det."
    assert len(events.event_content(store, event.id)["criteria"]) == 10


def test_paradox_add_edit_delete(store):
    event = events.get_event(store, "VISION20")
    pid = events.save_paradox(store, "anna", event.id, None, title="Nærhed og specialisering", question=None,
                              left_label="Nærhed", left_args="Tæt på hjemmet\n\nKendte rammer",
                              right_label="Højt specialiseret", right_args=["Stærke fagmiljøer"])
    p = next(x for x in events.event_content(store, event.id)["paradoxes"] if x.id == pid)
    assert (p.left_args, p.right_args) == (("Tæt på hjemmet", "Kendte rammer"), ("Stærke fagmiljøer",))
    events.save_paradox(store, "anna", event.id, pid, title="Nærhed ↔ specialisering", question="Hvor?",
                        left_label="Nærhed", left_args="", right_label="Specialisering", right_args="")
    p = next(x for x in events.event_content(store, event.id)["paradoxes"] if x.id == pid)
    assert (p.title, p.question, p.right_label, p.left_args) == ("Nærhed ↔ specialisering", "Hvor?",
                                                                 "Specialisering", ())
    with pytest.raises(UserError) as err:
        events.save_paradox(store, "anna", event.id, pid, title="x", question=None, left_label=" ",
                            left_args="", right_label="y", right_args="")
    assert str(err.value) == "Paradokset: venstre pol må ikke være tom."
    assert events.delete_paradox(store, "anna", event.id, pid) == 0
    assert pid not in [x.id for x in events.event_content(store, event.id)["paradoxes"]]


def test_focus_areas_follow_the_edited_list(store):
    event = events.get_event(store, "VISION20")
    old = events.event_content(store, event.id)["focus_areas"]
    items = [(old[-1].id, old[-1].title, "Ny beskrivelse"), (None, "Unge med handicap", None)]
    events.set_focus_areas(store, "anna", event.id, items)
    new = events.event_content(store, event.id)["focus_areas"]
    assert [(f.title, f.description) for f in new] == [(old[-1].title, "Ny beskrivelse"),
                                                       ("Unge med handicap", None)]
    assert new[0].id == old[-1].id


def test_a_focus_area_row_left_out_is_named_and_the_existing_area_stays_as_it_was(store):
    event = events.get_event(store, "VISION20")
    old = events.event_content(store, event.id)["focus_areas"]
    items = [(f.id, f.title, f.description) for f in old]
    items[0] = (old[0].id, "", "Ny beskrivelse")                 # title wiped: not saved
    items.append((None, "   ", None))                            # blank: skipped
    saved = events.set_focus_areas(store, "anna", event.id, items)
    assert (saved.saved, saved.blank) == (len(old), 1)
    assert [str(e) for e in saved.ignored] == ["Fokusområde 1: titlen må ikke være tom."]
    new = events.event_content(store, event.id)["focus_areas"]
    assert [(f.id, f.title, f.description) for f in new] == [(f.id, f.title, f.description) for f in old]
