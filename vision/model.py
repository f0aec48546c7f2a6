"""Plain values passed between the store, the domain and the pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

GROUPS: dict[str, str] = {
    "politiker": "Politiker",
    "embedsmand": "Embedsmand",
    "brugerorganisation": "Brugerorganisation",
    "andet": "Andet",
}
ROUND_KINDS: dict[str, str] = {
    "scoring": "Visionstesten",
    "paradox": "Paradokser",
    "focus": "Fokusområder",
    "drafting": "Formulér en vision",
}
SCORE_MIN, SCORE_MAX = 1, 5
PARADOX_MIN, PARADOX_MAX = -100, 100
DRAFT_MAX_CHARS = 600
COMMENT_MAX_CHARS = 500


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    question: str
    position: int = 0
    source_words: str | None = None
    """The source's words when they are cut off and ``question`` completes them (pages say so)."""


@dataclass(frozen=True)
class Event:
    id: int
    code: str
    title: str
    event_date: date | None
    place: str | None
    region: str | None
    description: str | None
    join_mode: str
    focus_mode: str
    focus_points: int
    min_group_size: int
    is_demo: bool


@dataclass(frozen=True)
class ProgrammeItem:
    position: int
    at_time: str | None
    title: str
    detail: str | None
    provenance: str | None = None
    """'inferred' or 'assumed' when the sources' programme does not have the item (pages say so)."""


@dataclass(frozen=True)
class Paradox:
    id: int
    position: int
    title: str
    question: str | None
    left_label: str
    left_args: tuple[str, ...]
    right_label: str
    right_args: tuple[str, ...]


@dataclass(frozen=True)
class FocusArea:
    id: int
    position: int
    title: str
    description: str | None


@dataclass(frozen=True)
class Round:
    id: int
    event_id: int
    position: int
    kind: str
    title: str
    status: str
    revealed: bool
    opened_at: datetime | None
    closed_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class Draft:
    id: int
    event_id: int
    position: int
    text: str
    label: str | None
    source: str
    status: str
    is_example: bool
    submitted_by: int | None


@dataclass(frozen=True)
class Participant:
    id: int
    event_id: int
    grp: str
    unit: str | None
    table_no: int | None
    issued: str


@dataclass
class DraftBallot:
    """One participant's answers to one draft in one round.

    ``scores`` maps criterion key to 1..5, or None for "Ved ikke".
    """

    draft_id: int
    scores: dict[str, int | None] = field(default_factory=dict)
    comment: str | None = None
    saved_at: datetime | None = None
