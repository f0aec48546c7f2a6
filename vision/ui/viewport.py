"""The size of the browser window a page is drawn in, for pages sized to one screen.

Streamlit does not tell the server how large the window is. ``viewport()`` mounts a small
component that reports ``window.innerWidth`` and ``innerHeight`` once, and again when the
window is resized (a projector switched to another resolution, a window dragged to the
big screen). The first run, before the browser has answered, uses ``DEFAULT``; the report
then runs the page (or the fragment it is in) again at the real size. The element takes
no room (``vision.ui.style``).
"""

from __future__ import annotations

import streamlit as st

DEFAULT = (1920, 1080)

JS = r"""
export default function (component) {
  const { data, setStateValue } = component;
  let timer = null;
  const report = () => {
    const size = [Math.round(window.innerWidth), Math.round(window.innerHeight)];
    const known = data && data.size;
    if (!known || known[0] !== size[0] || known[1] !== size[1]) setStateValue("size", size);
  };
  const resized = () => { clearTimeout(timer); timer = setTimeout(report, 250); };
  window.addEventListener("resize", resized);
  report();
  return () => { clearTimeout(timer); window.removeEventListener("resize", resized); };
}
"""

_viewport = st.components.v2.component("visionsdag_viewport", html="<span hidden></span>", js=JS)


def _resized() -> None:
    """The run that follows draws at the new size."""


def viewport(key: str = "viewport") -> tuple[int, int]:
    """The window's (width, height) in CSS pixels; ``DEFAULT`` until the browser has said."""
    known = (st.session_state.get(f"watch-{key}") or {}).get("size")
    result = _viewport(key=f"watch-{key}", data={"size": known}, default={"size": known},
                       on_size_change=_resized)
    size = result.get("size") if result is not None else None
    if isinstance(size, (list, tuple)) and len(size) == 2 and all(isinstance(v, (int, float)) for v in size):
        w, h = int(size[0]), int(size[1])
        if 200 <= w <= 10000 and 200 <= h <= 10000:
            return w, h
    return DEFAULT
