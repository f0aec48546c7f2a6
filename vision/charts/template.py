"""The charts' look: Plotly's "simple_white" template, cut down to the trace types the charts
draw (bar, box, heatmap, histogram, scatter, scatterpolar), made once.

A template given by name is looked up, copied and checked again for every figure: about
30 ms a figure, most of it for the defaults of two dozen trace types no chart uses. The cut
template draws the same charts (Plotly applies a trace type's defaults only to traces of
that type)."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

USED = ("bar", "box", "heatmap", "histogram", "scatter", "scatterpolar")

_FULL = pio.templates["simple_white"]
SIMPLE_WHITE = go.layout.Template(layout=_FULL.layout,
                                  data={kind: _FULL.data[kind] for kind in USED})
