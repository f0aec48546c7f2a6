"""A screen open across a restart comes back by itself.

A browser that loses its server reconnects by itself, to a new session, without running
the page again; its fragments (the projector's screen, the control page's room, the write
alarm) then ask the new session for fragment runs, which Streamlit ignores ("The fragment
with id … does not exist anymore"): the screen stays as it was. A session's very first
request is normally a run of the whole page, so when it is a run of a fragment the
session does not hold, it is run as the whole page instead.
"""

from __future__ import annotations

import inspect

from vision.server.fence import Change


def rerun_the_page_for_a_reconnected_fragment() -> None:
    from streamlit.runtime import app_session
    session = app_session.AppSession
    original = session.request_rerun
    if getattr(original, "visionsdag", False):
        return

    def request_rerun(self, client_state) -> None:
        if (client_state is not None and not getattr(self, "_visionsdag_has_run", False)
                and client_state.fragment_id and not self.has_fragment(client_state.fragment_id)):
            client_state.fragment_id = ""
            client_state.is_auto_rerun = False
        self._visionsdag_has_run = True
        original(self, client_state)

    request_rerun.visionsdag = True
    request_rerun.original = original
    session.request_rerun = request_rerun


def _check() -> list[str]:
    from streamlit.runtime import app_session
    params = list(inspect.signature(app_session.AppSession.request_rerun).parameters)
    return [] if len(params) == 2 else [        # the wrapper passes the state by position
        f"AppSession.request_rerun takes ({', '.join(params)}), not (self, client_state)"]


CHANGE = Change(
    name="reconnect",
    what="a reconnected screen's first fragment run draws the whole page",
    apply=rerun_the_page_for_a_reconnected_fragment,
    needs=("streamlit.runtime.app_session:AppSession.request_rerun",
           "streamlit.runtime.app_session:AppSession.has_fragment"),
    check=_check,
)
