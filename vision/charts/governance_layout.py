"""The governance map's layout: pure geometry, no figure.

The layout is computed, not drawn by hand: one band per layer (national, political,
user organisations, administrative, secretariat and networks), a layer split into
rows when its labels do not fit the width, the order within a row chosen by the
barycentre of the neighbours in the rows above and below (fewer crossings), and the
boxes spaced from their estimated label size so that no two labels overlap at the
layout's width or any wider figure. Coordinates are pixels at the layout width; a
wider figure only stretches the gaps. ``vision.charts.governance`` draws it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from vision.governance import LAYER, LEVELS, Governance

SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True)
class LayoutSpec:
    """Geometry for one target: the narrowest figure width it must fit, and type size."""

    width: int = 330
    font: int = 12
    max_chars: int = 13  # characters per label line
    pad_x: int = 6
    pad_y: int = 5
    gap_x: int = 16  # smallest horizontal gap between two boxes
    row_gap: int = 34  # vertical space between rows, for the edges
    band_gap: int = 26  # space at the top of a layer, for the layer title

    @property
    def char_w(self) -> float:
        # Generous average advance of a sans-serif glyph (capitals included).
        return self.font * 0.62

    @property
    def line_h(self) -> float:
        return self.font * 1.3


PHONE = LayoutSpec()
PROJECTOR = LayoutSpec(width=680, font=15, max_chars=16, pad_x=8, pad_y=6, gap_x=26,
                       row_gap=44, band_gap=30)
#: A big screen with the page in its wide layout (1920 px): the map fills the width.
WIDE = LayoutSpec(width=1200, font=21, max_chars=18, pad_x=10, pad_y=8, gap_x=36,
                  row_gap=58, band_gap=40)


@dataclass(frozen=True)
class Box:
    id: str
    lines: tuple[str, ...]
    x: float  # centre, pixels
    y: float  # centre, pixels from the top
    w: float
    h: float
    layer: int

    @property
    def x0(self) -> float:
        return self.x - self.w / 2

    @property
    def x1(self) -> float:
        return self.x + self.w / 2

    @property
    def y0(self) -> float:
        return self.y - self.h / 2

    @property
    def y1(self) -> float:
        return self.y + self.h / 2

    def overlaps(self, other: Box) -> bool:
        return not (self.x1 <= other.x0 or other.x1 <= self.x0
                    or self.y1 <= other.y0 or other.y1 <= self.y0)


@dataclass(frozen=True)
class Layout:
    boxes: dict[str, Box]
    titles: list[Box]  # the layer titles, top left in each band
    width: float
    height: float
    bands: list[tuple[int, float, float]]  # (layer, top, bottom)
    spec: LayoutSpec


def wrap_label(text: str, max_chars: int) -> tuple[str, ...]:
    """Wrap a label onto lines; a soft hyphen in a long word is a break point."""
    words: list[str] = []
    for word in text.split():
        if len(word.replace(SOFT_HYPHEN, "")) > max_chars and SOFT_HYPHEN in word:
            parts = word.split(SOFT_HYPHEN)
            words.extend(p + "-" for p in parts[:-1])
            words.append(parts[-1])
        else:
            words.append(word.replace(SOFT_HYPHEN, ""))
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= max_chars and not lines[-1].endswith("-"):
            lines[-1] += " " + word
        else:
            lines.append(word)
    # a word still longer than the line is hyphenated hard
    out: list[str] = []
    for line in lines:
        while len(line) > max_chars + 2:
            out.append(line[: max_chars - 1] + "-")
            line = line[max_chars - 1:]
        out.append(line)
    return tuple(out)


def _box_size(lines: tuple[str, ...], spec: LayoutSpec) -> tuple[float, float]:
    w = max(len(line) for line in lines) * spec.char_w + 2 * spec.pad_x
    h = len(lines) * spec.line_h + 2 * spec.pad_y
    return w, h


def compute_layout(gov: Governance, spec: LayoutSpec = PHONE) -> Layout:
    labels = {b.id: wrap_label(b.label, spec.max_chars) for b in gov.bodies}
    sizes = {bid: _box_size(lines, spec) for bid, lines in labels.items()}
    # neighbours with a weight: the draft path pulls hardest, so it runs straight
    path_edges = gov.draft_edges()
    neighbours: dict[str, dict[str, float]] = defaultdict(dict)
    for r in gov.relations:
        w = 4.0 if frozenset((r.source, r.target)) in path_edges else 1.0
        neighbours[r.source][r.target] = max(w, neighbours[r.source].get(r.target, 0))
        neighbours[r.target][r.source] = max(w, neighbours[r.target].get(r.source, 0))

    # 1. layers, in file order first
    by_layer: dict[int, list[str]] = defaultdict(list)
    for b in gov.bodies:
        by_layer[LAYER[b.level]].append(b.id)
    layers = sorted(by_layer)

    # 2. order within layers by barycentre (two sweeps down and up), positions as ranks
    pos: dict[str, float] = {}
    for layer in layers:
        ids = by_layer[layer]
        for i, bid in enumerate(ids):
            pos[bid] = (i + 0.5) / len(ids)

    def sweep(order: list[int]) -> None:
        for layer in order:
            ids = by_layer[layer]

            def bary(bid: str) -> float:
                ns = [(pos[n], w) for n, w in neighbours[bid].items() if n in pos and n not in ids]
                total = sum(w for _p, w in ns)
                return sum(p * w for p, w in ns) / total if ns else pos[bid]

            ids.sort(key=lambda b: (bary(b), pos[b]))
            for i, bid in enumerate(ids):
                pos[bid] = (i + 0.5) / len(ids)

    for _ in range(3):
        sweep(layers)
        sweep(list(reversed(layers)))

    # consecutive steps of the draft path in one layer sit side by side, in step order,
    # so the path does not run through the boxes between them
    step = {bid: gov.draft_step_of(bid) for bid in pos}
    for layer in layers:
        ids = by_layer[layer]
        on_path = [b for b in ids if step[b]]
        if len(on_path) < 2:
            continue
        ordered = sorted(on_path, key=lambda b: step[b])
        if pos[ordered[0]] > pos[ordered[-1]]:
            ordered.reverse()
        centre = sum(ids.index(b) for b in on_path) / len(on_path)
        rest = [b for b in ids if not step[b]]
        at = max(0, min(len(rest), round(centre - (len(on_path) - 1) / 2)))
        by_layer[layer] = rest[:at] + ordered + rest[at:]
        for i, bid in enumerate(by_layer[layer]):
            pos[bid] = (i + 0.5) / len(by_layer[layer])

    # 3. split layers into rows that fit the width; place rows and boxes
    usable = spec.width
    boxes: dict[str, Box] = {}
    titles: list[Box] = []
    bands: list[tuple[int, float, float]] = []
    y = 0.0
    for layer in layers:
        ids = by_layer[layer]
        rows: list[list[str]] = [[]]
        used = 0.0
        for bid in ids:
            w = sizes[bid][0]
            need = w + (spec.gap_x if rows[-1] else 0)
            if rows[-1] and used + need > usable:
                rows.append([])
                used = 0.0
                need = w
            rows[-1].append(bid)
            used += need
        # balance rows: interleave so each row spans the width (keeps barycentre order)
        if len(rows) > 1:
            k = len(rows)
            rows = [ids[i::k] for i in range(k)]
            if any(sum(sizes[b][0] for b in r) + spec.gap_x * (len(r) - 1) > usable
                   for r in rows):
                rows = _greedy_rows(ids, sizes, spec)
        top = y
        title = " · ".join(LEVELS[lv] for lv, n in LAYER.items()
                           if n == layer and any(b.level == lv for b in gov.bodies)).upper()
        tw, th = len(title) * spec.char_w * 0.85 + 4, (spec.font - 2) * 1.3
        titles.append(Box(f"layer-{layer}", (title,), 2 + tw / 2, top + 2 + th / 2, tw, th, layer))
        y += spec.band_gap
        for row in rows:
            row_h = max(sizes[b][1] for b in row)
            total = sum(sizes[b][0] for b in row)
            gap = (usable - total) / len(row)  # equal space around each box
            x = gap / 2
            for bid in row:
                w, h = sizes[bid]
                boxes[bid] = Box(bid, labels[bid], x + w / 2, y + row_h / 2, w, h, layer)
                x += w + gap
            y += row_h + spec.row_gap
        bands.append((layer, top, y - spec.row_gap / 2))
        y += 0
    height = y - spec.row_gap / 2
    return Layout(boxes, titles, spec.width, height, bands, spec)


def _greedy_rows(ids: list[str], sizes: dict[str, tuple[float, float]], spec: LayoutSpec
                 ) -> list[list[str]]:
    rows: list[list[str]] = [[]]
    used = 0.0
    for bid in ids:
        w = sizes[bid][0]
        need = w + (spec.gap_x if rows[-1] else 0)
        if rows[-1] and used + need > spec.width:
            rows.append([])
            used, need = 0.0, w
        rows[-1].append(bid)
        used += need
    return rows


def overlapping_labels(layout: Layout) -> list[tuple[str, str]]:
    """Pairs of bodies whose label boxes overlap (empty for a good layout)."""
    items = list(layout.boxes.values()) + list(layout.titles)
    return [(a.id, b.id) for i, a in enumerate(items) for b in items[i + 1:] if a.overlaps(b)]


def border_point(box: Box, tx: float, ty: float) -> tuple[float, float]:
    """Point where the segment from the box centre towards (tx, ty) leaves the box."""
    dx, dy = tx - box.x, ty - box.y
    if dx == 0 and dy == 0:
        return box.x, box.y
    sx = (box.w / 2) / abs(dx) if dx else float("inf")
    sy = (box.h / 2) / abs(dy) if dy else float("inf")
    s = min(sx, sy)
    return box.x + dx * s, box.y + dy * s


def legend_height(names: list[str], spec: LayoutSpec) -> int:
    """Pixels for a horizontal legend of these entries at the layout width. Plotly lines a
    wrapped horizontal legend up in columns as wide as its widest entry, so that is the
    unit; an entry is its text plus the symbol and gaps."""
    if not names:
        return 14
    widest = max(len(name) for name in names) * spec.char_w + 50
    per_row = max(1, int(spec.width // widest))
    rows = -(-len(names) // per_row)
    return int(rows * spec.font * 1.9 + 14)
