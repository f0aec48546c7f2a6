"""The server's changes against the real Streamlit: every private name each change
relies on is there in the installed version, the script pool runs a real
``ScriptRunner``, and a change whose names are gone stands down with one warning and
leaves Streamlit as it is."""

from __future__ import annotations

import logging

import pytest

from testkit.fresh_process import in_a_fresh_process
from vision.server import fence, main, script_pool, theme_once


@pytest.mark.parametrize("change", main.CHANGES, ids=lambda c: c.name)
def test_every_name_a_change_needs_is_in_the_installed_streamlit(change):
    assert fence.problems(change) == []


REAL_RUNNER = r"""
import json, sys, tempfile, threading, time
from pathlib import Path
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import RerunData, ScriptRunnerEvent
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.runtime.state import SafeSessionState, SessionState
from streamlit.testing.v1.local_script_runner import LocalScriptRunner
from unittest.mock import MagicMock
from streamlit.runtime import Runtime
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from vision.server import fence, script_pool

runtime = MagicMock(spec=Runtime)              # as AppTest sets up for its runs
runtime.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
Runtime._instance = runtime
assert fence.install(script_pool.CHANGE)
script_pool.run_scripts_on_a_pool(2)
script = Path(tempfile.mkdtemp()) / "page.py"
script.write_text("import threading\nimport streamlit as st\nst.write(threading.current_thread().name)\n")


def run(refresh: bool) -> dict:
    runner = LocalScriptRunner(str(script), SafeSessionState(SessionState(), lambda: None),
                               PagesManager(str(script), ScriptCache(), setup_watcher=False))
    runner.request_rerun(RerunData(is_auto_rerun=refresh))
    before = threading.active_count()
    runner.start()
    added = threading.active_count() - before
    deadline = time.monotonic() + 10
    while ScriptRunnerEvent.SHUTDOWN not in runner.events and time.monotonic() < deadline:
        time.sleep(0.01)
    texts = [m.delta.new_element.markdown.body for m in runner.forward_msgs() if m.HasField("delta")]
    return {"threads_added": added, "ran_in": texts, "events": [e.name for e in runner.events]}


print(json.dumps({"page": run(False), "refresh": run(True)}))
"""


def test_the_pool_runs_a_real_script_runner_on_its_own_threads():
    """Streamlit's ScriptRunner, started as the server starts it, runs its script on a
    thread of the pool and starts none of its own; a rename of what the pool uses
    (start, _run_script_thread, _script_thread, _requests._rerun_data) fails here."""
    out = in_a_fresh_process(REAL_RUNNER)      # the pool replaces ScriptRunner.start for the process
    for run in (out["page"], out["refresh"]):
        assert run["threads_added"] == 0
        assert len(run["ran_in"]) == 1 and run["ran_in"][0].startswith("ScriptRunner.pool-")
        assert "SCRIPT_STOPPED_WITH_SUCCESS" in run["events"] and run["events"][-1] == "SHUTDOWN"


def test_a_change_whose_name_is_gone_stands_down_with_one_warning(monkeypatch, caplog):
    from streamlit.runtime import app_session
    original = app_session._populate_theme_msg
    monkeypatch.delattr(app_session, "_populate_theme_msg")
    with caplog.at_level(logging.WARNING, logger="vision.server"):
        assert fence.install(theme_once.CHANGE) is False
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "theme-once" in warnings[0].getMessage() and "_populate_theme_msg is missing" in warnings[0].getMessage()
    assert not hasattr(app_session, "_populate_theme_msg"), "nothing was put in its place"
    monkeypatch.setattr(app_session, "_populate_theme_msg", original, raising=False)


def test_another_streamlit_version_leaves_streamlit_as_it_is(monkeypatch, caplog):
    import streamlit
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    start = ScriptRunner.start
    monkeypatch.setattr(streamlit, "__version__", "9.1.0")
    with caplog.at_level(logging.WARNING, logger="vision.server"):
        assert fence.install(script_pool.CHANGE) is False
    assert "Streamlit 9.1.0 is not a tested version" in caplog.text
    assert ScriptRunner.start is start


def test_a_changed_signature_is_a_problem(monkeypatch):
    from streamlit.runtime import app_session
    monkeypatch.setattr(app_session, "_populate_theme_msg", lambda message, theme=None: None)
    assert fence.problems(theme_once.CHANGE) == [
        "app_session._populate_theme_msg takes (message, theme), not (msg, section)"]


def test_a_change_left_out_is_not_applied(monkeypatch):
    calls = []
    change = fence.Change(name="probe", what="", apply=lambda: calls.append(1), streamlit=False)
    assert fence.install(change, {"probe"}) is False and calls == []
    assert fence.install(change) is True and calls == [1]
