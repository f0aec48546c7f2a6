"""The organiser's alarm when the server cannot keep what it is given (``vision.health``).

A fragment of its own that looks again every few seconds, so the alarm shows while
writes fail and goes away by itself once they succeed, without running the page."""

from __future__ import annotations

import streamlit as st

from vision import config, health
from vision.store import Store
from vision.ui.i18n import _

LOOK_EVERY = 3          # seconds


@st.fragment(run_every=LOOK_EVERY)
def write_alarm(store: Store) -> None:
    """An error box while writes fail (a warning while free space runs low); nothing otherwise."""
    alarm = health.write_alarm(store, low_mb=config.load().min_free_mb)
    if alarm is None:
        return
    text = _(alarm.msgid).format(**alarm.params)
    if alarm.msgid == health.WRITES_FAIL:
        st.error(text, icon=":material/error:")
    else:
        st.warning(text, icon=":material/warning:")
