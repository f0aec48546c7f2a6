"""Figures shared by every screen that shows the same numbers.

Building a Plotly figure costs about 14 ms of interpreter time (its template is
copied and every property validated), while handing a built one to ``st.plotly_chart``
costs under 2 ms. Projector screens redraw every second, and while a hall votes that
interpreter time is taken from the phones' saves, so a figure is built once per set of
numbers and shared. Streamlit only reads a figure (it copies it to a dict), so sharing
one between sessions is safe.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Hashable

import plotly.graph_objects as go

MAX_FIGURES = 128

_lock = threading.Lock()
_figures: OrderedDict[Hashable, go.Figure] = OrderedDict()


def shared_figure(key: Hashable, build: Callable[[], go.Figure]) -> go.Figure:
    """The figure for ``key``, built by ``build()`` the first time it is asked for.
    The key must name everything the figure shows (numbers, language, size)."""
    with _lock:
        fig = _figures.get(key)
        if fig is not None:
            _figures.move_to_end(key)
            return fig
    fig = build()
    with _lock:
        _figures[key] = fig
        while len(_figures) > MAX_FIGURES:
            _figures.popitem(last=False)
    return fig
