"""The server's changes against the real Streamlit: every private name each change
relies on is there in the installed version, and a change whose names are gone stands
down with one warning and leaves Streamlit as it is."""

from __future__ import annotations

import logging

import pytest

from vision.server import fence, main, quiet_gc, reconnect


@pytest.mark.parametrize("change", main.CHANGES, ids=lambda c: c.name)
def test_every_name_a_change_needs_is_in_the_installed_streamlit(change):
    assert fence.problems(change) == []


def test_streamlit_still_names_each_script_runs_thread_as_quiet_gc_expects():
    """quiet-gc waits for a moment when no script runs, counting the threads Streamlit
    starts for them by name; a rename would make every moment look quiet."""
    import inspect

    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    assert f'name="{quiet_gc.SCRIPT_THREAD}"' in inspect.getsource(ScriptRunner)


def test_a_change_whose_name_is_gone_stands_down_with_one_warning(monkeypatch, caplog):
    from streamlit.runtime.app_session import AppSession
    request_rerun = AppSession.request_rerun
    monkeypatch.delattr(AppSession, "has_fragment")
    with caplog.at_level(logging.WARNING, logger="vision.server"):
        assert fence.install(reconnect.CHANGE) is False
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "reconnect" in warnings[0].getMessage() and "AppSession.has_fragment is missing" in warnings[0].getMessage()
    assert AppSession.request_rerun is request_rerun, "nothing was put in its place"


def test_another_streamlit_version_leaves_streamlit_as_it_is(monkeypatch, caplog):
    import streamlit
    from streamlit.runtime.app_session import AppSession
    request_rerun = AppSession.request_rerun
    monkeypatch.setattr(streamlit, "__version__", "9.1.0")
    with caplog.at_level(logging.WARNING, logger="vision.server"):
        assert fence.install(reconnect.CHANGE) is False
    assert "Streamlit 9.1.0 is not a tested version" in caplog.text
    assert AppSession.request_rerun is request_rerun


def test_a_changed_signature_is_a_problem(monkeypatch):
    from streamlit.runtime.app_session import AppSession
    monkeypatch.setattr(AppSession, "request_rerun", lambda self, state, fragment=None: None)
    assert fence.problems(reconnect.CHANGE) == [
        "AppSession.request_rerun takes (self, state, fragment), not (self, client_state)"]
    monkeypatch.setattr(AppSession, "request_rerun", lambda self, cs: None)     # a renamed argument is fine
    assert fence.problems(reconnect.CHANGE) == []


def test_a_change_left_out_is_not_applied(monkeypatch):
    calls = []
    change = fence.Change(name="probe", what="", apply=lambda: calls.append(1), streamlit=False)
    assert fence.install(change, {"probe"}) is False and calls == []
    assert fence.install(change) is True and calls == [1]
