"""A screen that was open across a restart draws its page again by itself: a new session
whose first request is a run of a fragment it does not hold runs the whole page
(``vision.server.reconnect``, checked here against
Streamlit's real ``AppSession``; the browser side is in ``tests/e2e/test_faults_e2e.py``).
The projector's signed question is still recognised after a restart."""

from __future__ import annotations

import subprocess
import sys

from testkit.server import ROOT

CONTRACT = r"""
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime import app_session
from vision.server import reconnect

import inspect
# the real class has what the patch needs
assert "client_state" in inspect.signature(app_session.AppSession.request_rerun).parameters
assert callable(app_session.AppSession.has_fragment)
seen = []
app_session.AppSession.request_rerun = lambda self, cs: seen.append(cs.fragment_id if cs else None)
from vision.server.fence import install
assert install(reconnect.CHANGE)
assert install(reconnect.CHANGE)                                  # twice is harmless


class Session(app_session.AppSession):
    def __init__(self, fragments):
        self.fragments = fragments

    def has_fragment(self, fragment_id):
        return fragment_id in self.fragments


new = Session(set())
new.request_rerun(ClientState(fragment_id="f1"))       # after a restart: the whole page
new.request_rerun(ClientState(fragment_id="f1"))       # later: as Streamlit decides
held = Session({"f2"})
held.request_rerun(ClientState(fragment_id="f2"))      # a fragment the session holds: itself
page = Session(set())
page.request_rerun(ClientState())                      # a page load, then a fragment dropped by a full run
page.request_rerun(ClientState(fragment_id="gone"))
assert seen == ["", "f1", "f2", "", "gone"], seen
print("ok")
"""

SIGNED = r"""
import os, sys
os.environ["VISIONSDAG_COOKIE_KEY"] = "k" * 40
from vision import screens
print(screens.signature(7))
"""


def _python(code: str, env: dict | None = None) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_new_sessions_first_fragment_run_runs_the_whole_page():
    assert _python(CONTRACT) == "ok"


def test_a_screen_signature_outlives_the_process():
    import os
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    assert _python(SIGNED, env) == _python(SIGNED, env)
