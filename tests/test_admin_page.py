"""The admin page (AppTest): users, an online backup that can be restored, the audit log."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.support.seeded import copy_of
from vision import events, users
from vision.store import import_backup

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "admin.py")


@pytest.fixture
def env(tmp_path, monkeypatch, seeded_db):
    monkeypatch.setenv("VISIONSDAG_DB", str(copy_of(seeded_db, tmp_path / "admin.duckdb")))
    monkeypatch.setenv("VISIONSDAG_ENV", "development")
    creds = tmp_path / "credentials.yaml"
    monkeypatch.setenv("VISIONSDAG_CREDENTIALS", str(creds))
    monkeypatch.setenv("VISIONSDAG_BACKUP_DIR", str(tmp_path / "backups"))
    users.add_user(creds, "boss", "Boss-Kode-2026-lang", "admin", "Bo Ss")
    users.add_user(creds, "anna", "Anna-Kode-2026", "organiser", "Anna Jensen")
    st.cache_resource.clear()
    from vision.ui.runtime import get_store

    store = get_store()
    yield {"store": store, "creds": creds, "backups": tmp_path / "backups", "tmp": tmp_path}
    store.close()
    st.cache_resource.clear()


def page(role: str = "admin") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["role"] = role
    at.session_state["username"] = "boss"
    return at.run()


def by_label(items, label):
    found = [w for w in items if w.label == label]
    assert found, f"no widget labelled {label!r}; have {[w.label for w in items]}"
    return found[0]


def test_organisers_do_not_get_the_admin_page(env):
    at = page("organiser")
    assert [e.value for e in at.error] == ["Siden er kun for administratorer. Log ind først."]
    assert not at.button


def test_add_a_user_who_can_then_log_in_with_that_role(env):
    at = page()
    by_label(at.text_input, "Brugernavn").set_value("Sekr.Mette")
    by_label(at.text_input, "Navn").set_value("Mette Sørensen")
    by_label(at.selectbox, "Rolle").set_value("secretariat")
    by_label(at.text_input, "Adgangskode (mindst 10 tegn)").set_value("Mette-Kode-2026")
    by_label(at.text_input, "Gentag adgangskoden").set_value("Mette-Kode-2026")
    by_label(at.button, "Gem brugeren").click()
    at.run()
    assert not at.exception
    assert "Brugeren sekr.mette er oprettet." in [s.value for s in at.success]
    assert users.role_of(env["creds"], "sekr.mette") == "secretariat"
    assert ("sekr.mette", "Mette Sørensen", "secretariat") in users.list_users(env["creds"])
    assert events.audit_log(env["store"])[0][1:3] == ("boss", "add_user")


def test_mismatched_or_short_passwords_are_refused_and_nobody_is_added(env):
    at = page()
    by_label(at.text_input, "Brugernavn").set_value("ole")
    by_label(at.text_input, "Adgangskode (mindst 10 tegn)").set_value("Ole-Kode-2026")
    by_label(at.text_input, "Gentag adgangskoden").set_value("Ole-Kode-2027")
    by_label(at.button, "Gem brugeren").click()
    at.run()
    assert "Adgangskoderne er ikke ens." in [e.value for e in at.error]
    by_label(at.text_input, "Brugernavn").set_value("ole")
    by_label(at.text_input, "Adgangskode (mindst 10 tegn)").set_value("kort")
    by_label(at.text_input, "Gentag adgangskoden").set_value("kort")
    by_label(at.button, "Gem brugeren").click()
    at.run()
    assert "Adgangskoden skal have mindst 10 tegn." in [e.value for e in at.error]
    assert users.role_of(env["creds"], "ole") is None


def test_remove_a_user_but_never_yourself(env):
    at = page()
    pick = by_label(at.selectbox, "Bruger")
    assert pick.options == ["anna"]  # "boss" is the one logged in
    pick.set_value("anna")
    by_label(at.button, "Fjern brugeren").click()
    at.run()
    assert "Brugeren anna er fjernet." in [s.value for s in at.success]
    assert users.role_of(env["creds"], "anna") is None
    assert [u for u, *_ in users.list_users(env["creds"])] == ["boss"]


def test_backup_goes_to_the_configured_directory_and_restores(env):
    at = page()
    by_label(at.button, "Tag en sikkerhedskopi nu").click()
    at.run()
    assert not at.exception
    made = list(env["backups"].iterdir())
    assert len(made) == 1
    message = at.success[0].value
    assert message.startswith(f"Sikkerhedskopien er skrevet til {made[0].resolve()} (")
    restored = env["tmp"] / "restored.duckdb"
    import_backup(made[0], restored)
    con = duckdb.connect(str(restored), read_only=True)
    try:
        codes = {r[0] for r in con.execute("SELECT code FROM events").fetchall()}
    finally:
        con.close()
    assert {"TEMA17", "VISION20"} <= codes


def test_audit_log_lists_actions_with_their_event(env):
    store = env["store"]
    event = events.get_event(store, "TEMA17")
    events.add_draft(store, "anna", event.id, "Et træ til alle")
    at = page()
    frames = at.dataframe
    log = frames[-1].value
    assert list(log.columns) == ["Tid", "Hvem", "Handling", "Begivenhed", "Detaljer"]
    first = log.iloc[0]
    assert (first["Hvem"], first["Handling"], first["Begivenhed"]) == ("anna", "add_draft", "TEMA17")
    by_label(at.selectbox, "Vis").set_value(events.get_event(store, "VISION20").id)
    at.run()
    assert set(at.dataframe[-1].value["Begivenhed"]) == {"VISION20"}
