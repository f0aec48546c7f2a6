"""The consultation points on the big screen: how large their text can be on one screen.

The points are what bodies answered before the day, picked by the organiser
(``vision.consultation.projector_points``). They are text, not a figure, but they follow
the projector's back-row rule (``vision.charts.projector``): no text smaller than 1/40 of
the screen's height. The text is as large as lets every point fit under the heading, up
to 1.6 times that minimum; when even the minimum is too large for them all, the first
points that fit are shown and the rest are counted.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from vision.charts.projector import CHAR_W, LINE_H, Screen

LARGEST = 1.6      # the text is at most this many times the smallest allowed size
GAP = 0.7          # the space between two points, in lines of their text


@dataclass(frozen=True)
class PointsLayout:
    font_px: int     # the size of every text of the points
    shown: int       # how many of the points, from the first, fit on the screen


def _line_count(text: str, chars: int) -> int:
    return max(1, len(textwrap.wrap(" ".join(text.split()), max(8, chars))))


def points_height(blocks: list[list[str]], font_px: int, width_px: int) -> list[float]:
    """The height in px of each point, whose lines of text are ``blocks``, at ``font_px``."""
    chars = int(width_px / (font_px * CHAR_W))
    return [(sum(_line_count(t, chars) for t in block) + GAP) * font_px * LINE_H for block in blocks]


def points_layout(blocks: list[list[str]], screen: Screen = Screen()) -> PointsLayout:
    """The largest text size (from the screen's smallest allowed up to ``LARGEST`` times it) at
    which all points fit in the room under the heading, and how many fit at that size."""
    smallest = screen.text_px
    room = screen.chart_height
    for font in range(math.floor(smallest * LARGEST), smallest - 1, -1):
        if sum(points_height(blocks, font, screen.chart_width)) <= room:
            return PointsLayout(font, len(blocks))
    used, shown = 0.0, 0
    room -= smallest * LINE_H      # a line that says how many more there are
    for h in points_height(blocks, smallest, screen.chart_width):
        if used + h > room:
            break
        used += h
        shown += 1
    return PointsLayout(smallest, shown)
