"""A page that follows the server without a timer on the server.

``watch`` mounts a small component that asks one of ``vision.api``'s questions every few
seconds (a plain request the server answers from memory) and compares the answer's
``state`` with the state the page was drawn with. Only when they differ does it ask
Streamlit to run the page (or, inside a fragment, the fragment) again. A waiting phone or
a projector that shows the latest numbers therefore costs the server a few microseconds
per question instead of a script run.

A tab that is hidden (a phone in a pocket) does not ask; it asks at once when it is shown
again. When the server cannot be reached, it asks less and less often, up to every 15 s.
A refusal of the phone (its token was revoked) also runs the page, which then says why.

A part of an organiser's page that lists what the tables send (``follow_event``) asks for
the event's stamp (``vision.screens``) the same way, and reads its list again only when a
write has been committed for the event since this tab last read it (``read_on_change``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from vision import screens
from vision.http_paths import SCREEN_PATH

T = TypeVar("T")

JS = r"""
export default function (component) {
  const { data, setTriggerValue } = component;
  // One watch per key in the tab: a new run's watch replaces the last one.
  const watches = (window.__visionsdagWatches = window.__visionsdagWatches || new Map());
  if (watches.has(data.id)) watches.get(data.id)();
  // When this key last asked: a run of the page (which mounts the watch anew) keeps the
  // rhythm instead of starting the interval again, so a page that runs often still asks.
  const asked = (window.__visionsdagAsked = window.__visionsdagAsked || new Map());
  const drawn = JSON.stringify(data.state);
  let stopped = false, timer = null, failures = 0, askedAt = 0, busy = false;

  const schedule = (delay) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(ask, delay);
  };
  const every = () => Math.min(15000, data.every * 1000 * 2 ** Math.min(failures, 5));
  const changed = () => {
    // Ask for a run at most once per interval: a page drawn from a copy a moment old
    // still differs at the next answer and asks again.
    const now = Date.now();
    if (now - askedAt < data.every * 1000) return;
    askedAt = now;
    setTriggerValue("changed", now);
  };
  async function ask() {
    if (stopped || busy) return;
    if (document.hidden) return;            // asked again on visibilitychange
    busy = true;
    asked.set(data.id, Date.now());
    try {
      const response = await fetch(data.url, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data.body),
        credentials: "omit", cache: "no-store",
      });
      let answer = null;
      try { answer = await response.json(); } catch (e) { answer = null; }
      if (stopped) return;
      if (response.ok && answer && "state" in answer) {
        failures = 0;
        if (JSON.stringify(answer.state) !== drawn) changed();
      } else if (response.status === 404 || response.status === 409) {
        failures = 0;
        changed();                          // the page says why (a revoked token, a deleted event)
      } else {
        failures += 1;                      // busy, refused or unreadable: ask less often
      }
    } catch (e) {
      failures += 1;                        // no connection: the page stays as it is
    } finally {
      busy = false;
      schedule(every());
    }
  }
  const visible = () => { if (!document.hidden) schedule(0); };
  document.addEventListener("visibilitychange", visible);
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", visible);
    if (watches.get(data.id) === stop) watches.delete(data.id);
  };
  watches.set(data.id, stop);
  schedule(Math.max(0, every() - (Date.now() - (asked.get(data.id) || Date.now()))));
  return stop;
}
"""

_watch = st.components.v2.component("visionsdag_watch", html="<span hidden></span>", js=JS)


def _changed() -> None:
    """The run that follows is what the watch asks for."""


def watch(*, key: str, url: str, body: dict, state: object, every: float,
          on_change: Callable[[], None] = _changed) -> None:
    """Ask ``url`` (POST ``body``) every ``every`` seconds, and run the page again when the
    answer's ``state`` is not ``state``. Inside a fragment only the fragment runs. The
    element takes no room on the page (``vision.ui.style``)."""
    _watch(key=f"watch-{key}", data={"id": key, "url": url, "body": body, "state": state, "every": every},
           on_changed_change=on_change)


def follow_event(store, event_id: int, *, key: str, every: float) -> None:
    """Inside a fragment: run it again when the event's stamp (a write committed for the
    event, or the big screen's choice) is not the one it was drawn with, asked every
    ``every`` seconds and answered from memory."""
    watch(key=key, url=SCREEN_PATH, body={"event": event_id, "sig": screens.signature(event_id)},
          state=screens.current_stamp(store, event_id), every=every)


def read_on_change(store, event_id: int, key: str, read: Callable[[], T]) -> T:
    """``read()``, or what it gave this tab last time when no write has been committed for
    the event since (``store.version`` is a counter in memory: no database read)."""
    version = store.version(event_id)          # before the read: a write during it is read next time
    memo = st.session_state.get(f"_read_{key}")
    if memo is not None and memo[0] == (event_id, version):
        return memo[1]
    value = read()
    st.session_state[f"_read_{key}"] = ((event_id, version), value)
    return value
