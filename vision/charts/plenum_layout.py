"""The plenum on the big screen: how large the drafts' text can be on one screen.

Like every text on the projector it follows the back-row rule (``vision.charts.projector``):
nothing smaller than 1/40 of the window's height. One draft alone is as large as lets it fit
(up to ``SINGLE_LARGEST`` times that minimum); a group side by side is laid out in the number
of columns that gives the largest text at which every draft fits its cell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from vision.charts.projector import LINE_H, Screen
from vision.charts.projector_points import points_height

SINGLE_LARGEST = 3.0
GROUP_LARGEST = 2.0
MAX_COLUMNS = 3
GAP_PX = 24        # between cells; a cell's padding and border take about as much again
META_LINES = 1     # the line above each draft that names it ("Forslag 2 · Bord 4")
FOOTER_LINES = 1   # "Forslag 2 af 5" / "Gruppe 1 af 4" under the drafts


@dataclass(frozen=True)
class PlenumLayout:
    font_px: int      # the drafts' text (their names are drawn at the smallest allowed size)
    columns: int
    shown: int        # how many drafts, from the first, fit on the screen


def _room(screen: Screen) -> float:
    return screen.chart_height - FOOTER_LINES * screen.text_px * LINE_H


def single_layout(text: str, screen: Screen = Screen()) -> PlenumLayout:
    """One draft alone: the largest text at which it fits under the heading."""
    smallest = screen.text_px
    room = _room(screen) - META_LINES * smallest * LINE_H
    for font in range(math.floor(smallest * SINGLE_LARGEST), smallest - 1, -1):
        if points_height([[text]], font, screen.chart_width)[0] <= room:
            return PlenumLayout(font, 1, 1)
    return PlenumLayout(smallest, 1, 1)


def group_layout(texts: list[str], screen: Screen = Screen()) -> PlenumLayout:
    """A group side by side: for 1 to ``MAX_COLUMNS`` columns, the largest text at which every
    draft fits its cell; the columns with the largest such text win. When none fits at the
    smallest size, the drafts that fit in ``MAX_COLUMNS`` columns are shown."""
    smallest = screen.text_px
    room = _room(screen)
    n = len(texts)
    best: PlenumLayout | None = None
    for cols in range(1, min(MAX_COLUMNS, max(1, n)) + 1):
        rows = math.ceil(n / cols)
        cell_w = (screen.chart_width - (cols - 1) * GAP_PX) / cols - 2 * GAP_PX
        cell_h = (room - (rows - 1) * GAP_PX) / rows - 2 * GAP_PX
        for font in range(math.floor(smallest * GROUP_LARGEST), smallest - 1, -1):
            text_h = max(points_height([[t]], font, int(cell_w))[0] for t in texts) if texts else 0
            if text_h + META_LINES * smallest * LINE_H <= cell_h:
                if best is None or font > best.font_px:
                    best = PlenumLayout(font, cols, n)
                break
    if best is not None:
        return best
    cols = min(MAX_COLUMNS, max(1, n))
    cell_w = (screen.chart_width - (cols - 1) * GAP_PX) / cols - 2 * GAP_PX
    room -= smallest * LINE_H      # a line that says how many more there are
    rows_fit, used = 0, 0.0
    heights = [points_height([[t]], smallest, int(cell_w))[0] for t in texts]
    for r in range(math.ceil(n / cols)):
        h = max(heights[r * cols:(r + 1) * cols]) + META_LINES * smallest * LINE_H + 2 * GAP_PX
        if used + h > room:
            break
        used += h + GAP_PX
        rows_fit += 1
    return PlenumLayout(smallest, cols, min(n, rows_fit * cols))
