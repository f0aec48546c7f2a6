"""The running total under the focus areas' points: "7 af 10 point fordelt".

The number boxes do not run the page when they change (``on_change="ignore"``: a run
that arrives while a save runs stops the save), so the total is counted in the browser:
a small component adds up the boxes whose keys start with ``inputs`` each time one
changes, and says what is left. The saved total is still checked by the save.
"""

from __future__ import annotations

import streamlit as st

from vision.i18n import N_
from vision.ui.i18n import _

HTML = '<p class="vd-total" role="status" aria-live="polite"></p>'

CSS = """
.vd-total { margin: 0.2rem 0 0.8rem 0; padding: 0.5rem 0.75rem; font-size: 1.05rem; font-weight: 600;
            border-radius: var(--st-base-radius, 0.5rem); background: #eef2f8; color: #1f2a3d; }
.vd-total[data-kind="done"] { background: #dff3e4; color: #174d26; }
.vd-total[data-kind="over"] { background: #fde2e1; color: #7d1a17; }
"""

JS = r"""
export default function (component) {
  const { data, parentElement } = component;
  const out = parentElement.querySelector(".vd-total");
  const fill = (t, v) => t.replace(/\{(\w+)\}/g, (m, k) => (k in v ? v[k] : m));
  const boxes = () => document.querySelectorAll(`[class*="st-key-${data.inputs}"] input`);
  const count = () => {
    let sum = 0;
    boxes().forEach((box) => { const v = parseInt(box.value, 10); if (Number.isFinite(v)) sum += v; });
    const left = data.points - sum;
    out.dataset.kind = left === 0 ? "done" : left < 0 ? "over" : "";
    out.textContent = fill(left === 0 ? data.texts.done : left < 0 ? data.texts.over : data.texts.left,
                           { sum, points: data.points, left, over: -left });
  };
  // The boxes are Streamlit's; their values change by typing and by the +/- buttons.
  const onChange = (e) => { if (e.target.closest && e.target.closest(`[class*="st-key-${data.inputs}"]`)) count(); };
  const later = () => setTimeout(count, 0);
  document.addEventListener("input", onChange, true);
  document.addEventListener("change", onChange, true);
  document.addEventListener("click", later, true);
  const timer = setInterval(count, 1000);     // a value set by Streamlit itself (a reload from the address)
  count();
  return () => {
    document.removeEventListener("input", onChange, true);
    document.removeEventListener("change", onChange, true);
    document.removeEventListener("click", later, true);
    clearInterval(timer);
  };
}
"""

_total = st.components.v2.component("visionsdag_points", html=HTML, css=CSS, js=JS)

TEXTS = {
    "left": N_("{sum} af {points} point fordelt: {left} tilbage."),
    "done": N_("{sum} af {points} point fordelt. Du kan gemme."),
    "over": N_("{sum} af {points} point fordelt: {over} for mange."),
}


def points_total(*, key: str, inputs: str, points: int) -> None:
    """The running total of the number boxes whose widget keys start with ``inputs``."""
    _total(key=key, data={"inputs": inputs, "points": points, "texts": {k: _(v) for k, v in TEXTS.items()}})
