"""Staff logins: every change to the credentials file is in the audit log, and a refused
change leaves both the file and the log as they were."""

from __future__ import annotations

import pytest

from vision import events, staff, users
from vision.errors import UserError


def entries(store):
    return [(who, action, detail) for _at, who, action, _eid, detail in events.audit_log(store)
            if action in ("add_user", "reset_user", "remove_user")]


def test_adding_then_resetting_a_user_is_audited_as_such(store, tmp_path):
    creds = tmp_path / "credentials.yaml"
    assert staff.save_user(store, "boss", creds, " Mette ", "Mette-Kode-2026", "secretariat", "Mette") is False
    assert users.role_of(creds, "mette") == "secretariat"
    assert staff.save_user(store, "boss", creds, "mette", "Ny-Kode-2026-lang", "organiser") is True
    assert users.role_of(creds, "mette") == "organiser"
    assert entries(store) == [("boss", "reset_user", "mette (organiser)"),
                              ("boss", "add_user", "mette (secretariat)")]


def test_a_refused_user_is_neither_saved_nor_audited(store, tmp_path):
    creds = tmp_path / "credentials.yaml"
    with pytest.raises(users.UserFileError):
        staff.save_user(store, "boss", creds, "mette", "kort", "organiser")
    assert users.list_users(creds) == [] and entries(store) == []


def test_removing_a_user_is_audited_and_an_unknown_one_is_not(store, tmp_path):
    creds = tmp_path / "credentials.yaml"
    users.add_user(creds, "anna", "Anna-Kode-2026", "organiser")
    assert staff.remove_user(store, "boss", creds, "anna") is True
    assert users.role_of(creds, "anna") is None
    assert staff.remove_user(store, "boss", creds, "anna") is False
    assert entries(store) == [("boss", "remove_user", "anna")]


def test_nobody_removes_their_own_login(store, tmp_path):
    creds = tmp_path / "credentials.yaml"
    users.add_user(creds, "boss", "Boss-Kode-2026-lang", "admin")
    with pytest.raises(UserError) as err:
        staff.remove_user(store, "boss", creds, "boss")
    assert err.value.text("en") == "You cannot remove yourself."
    assert users.role_of(creds, "boss") == "admin" and entries(store) == []
