"""The event data-file format (``data/events/*.yaml``) and seeding the demo events from it."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from vision import question_cards
from vision.criteria import DATA_DIR, default_criteria, municipalities
from vision.provenance import Marked, WithSources
from vision.datafiles import load_yaml
from vision.model import DRAFT_MAX_CHARS, Criterion
from vision.store import Store
from vision.store import queries as q
from vision.store import table_queries as tbq
from vision.store import track_queries as tq

Audience = Literal["alle", "politiker", "embedsmand", "brugerorganisation", "andet"]


# -- the event file format ----------------------------------------------------------
class _Strict(Marked):
    model_config = ConfigDict(extra="forbid")


class ProgrammeSpec(_Strict):
    time: str | None = None
    title: str = Field(min_length=1, max_length=200)
    detail: str | None = None

    @property
    def provenance(self) -> str | None:
        """What the pages say of the item's source (``programme_items.provenance``)."""
        return "assumed" if self.is_assumed else ("inferred" if self.is_inferred else None)


class PoleSpec(_Strict):
    label: str = Field(min_length=1, max_length=80)
    arguments: list[str] = Field(default_factory=list)


class ParadoxSpec(_Strict):
    title: str = Field(min_length=1, max_length=120)
    question: str | None = None
    left: PoleSpec
    right: PoleSpec


class FocusSpec(_Strict):
    title: str = Field(min_length=1, max_length=160)
    description: str | None = None


class DraftSpec(_Strict):
    text: str = Field(min_length=1, max_length=DRAFT_MAX_CHARS)
    label: str | None = None
    example: bool = False


class RoundSpec(_Strict):
    kind: Literal["scoring", "paradox", "focus", "drafting"]
    title: str = Field(min_length=1, max_length=120)
    audience: Audience = "alle"
    slot: int | None = Field(default=None, ge=1, le=100)
    task: Literal["vision", "focus_vision", "mission", "challenges"] | None = None

    @model_validator(mode="after")
    def _task_only_when_drafting(self):
        if self.task is not None and self.kind != "drafting":
            raise ValueError("kun en skriverunde (drafting) kan have en opgave (task)")
        return self


class TableSpec(_Strict):
    number: int = Field(ge=1, le=500)
    name: str = Field(min_length=1, max_length=120)
    audience: Audience = "alle"
    focus_area: str | None = None


class CardSpec(_Strict):
    """A question card: its round by title, or by the task and audience of the round's track."""
    round: str | None = None
    task: Literal["vision", "focus_vision", "mission", "challenges"] | None = None
    audience: Literal["alle", "politiker", "embedsmand", "brugerorganisation", "andet"] | None = None
    focus_area: str | None = None
    heading: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=4000)
    source: str | None = None

    @model_validator(mode="after")
    def _names_a_round(self):
        if not self.round and not self.task:
            raise ValueError("et spørgsmålskort skal nævne sin runde (round) eller rundens opgave (task)")
        return self


class EventSpec(_Strict, WithSources):
    code: str = Field(pattern=r"^[A-Z0-9]{3,16}$")
    title: str = Field(min_length=1, max_length=200)
    date: dt.date | None = None
    place: str | None = None
    region: str | None = None
    description: str | None = None
    join_mode: Literal["open", "tokens"] = "open"
    focus_mode: Literal["points", "rank"] = "points"
    focus_points: int = Field(default=10, ge=1, le=100)
    min_group_size: int = Field(default=3, ge=1, le=50)
    units: list[str] | None = None
    programme: list[ProgrammeSpec] = Field(default_factory=list)
    focus_areas: list[FocusSpec] = Field(default_factory=list)
    paradoxes: list[ParadoxSpec] = Field(default_factory=list)
    drafts: list[DraftSpec] = Field(default_factory=list)
    rounds: list[RoundSpec] = Field(default_factory=list)
    tables: list[TableSpec] = Field(default_factory=list)
    cards: list[CardSpec] = Field(default_factory=list)

    @field_validator("region")
    @classmethod
    def _known_region(cls, value):
        if value is not None and value not in municipalities().regions:
            raise ValueError(f"ukendt region '{value}'")
        return value

    @model_validator(mode="after")
    def _tables_known(self):
        titles = {f.title for f in self.focus_areas}
        numbers = [t.number for t in self.tables]
        if len(numbers) != len(set(numbers)):
            raise ValueError("to borde har samme nummer")
        for t in self.tables:
            if t.focus_area is not None and t.focus_area not in titles:
                raise ValueError(f"bord {t.number}: ukendt fokusområde '{t.focus_area}'")
        return self


def default_units(region: str | None) -> list[str]:
    m = municipalities()
    base = m.regions[region].units if region in m.regions else m.regions["nordjylland"].units
    return [*base, *m.user_organisations]


# -- seeding ------------------------------------------------------------------------
def load_event_files(data_dir: Path = DATA_DIR) -> list[EventSpec]:
    return [load_yaml(p, EventSpec) for p in sorted((data_dir / "events").glob("*.yaml"))]


@lru_cache(maxsize=4)
def _specs_by_code(data_dir: Path = DATA_DIR) -> dict[str, EventSpec]:
    return {s.code: s for s in load_event_files(data_dir)}


def tables_assumed(event) -> bool:
    """Whether a demo event's tables came from a data file that marks them assumed (their
    numbers and names are the app's own), so that the set-up page says so."""
    spec = _specs_by_code().get(event.code) if event.is_demo else None
    return spec is not None and any(t.is_assumed for t in spec.tables)


def insert_spec(cur, spec: EventSpec, criteria: tuple[Criterion, ...], is_demo: bool) -> int:
    event_id = q.insert_event(
        cur, code=spec.code, title=spec.title, event_date=spec.date, place=spec.place, region=spec.region,
        description=spec.description, join_mode=spec.join_mode, focus_mode=spec.focus_mode,
        focus_points=spec.focus_points, min_group_size=spec.min_group_size, is_demo=is_demo)
    q.replace_programme(cur, event_id, [(p.time, p.title, p.detail, p.provenance) for p in spec.programme])
    q.replace_units(cur, event_id, spec.units or default_units(spec.region))
    q.replace_criteria(cur, event_id, criteria)
    for i, p in enumerate(spec.paradoxes):
        q.insert_paradox(cur, event_id, i, p.title, p.question, p.left.label, p.left.arguments,
                         p.right.label, p.right.arguments)
    for i, f in enumerate(spec.focus_areas):
        q.insert_focus_area(cur, event_id, i, f.title, f.description)
    for d in spec.drafts:
        q.insert_draft(cur, event_id, d.text, d.label, "seed", "approved", d.example)
    for r in spec.rounds:
        round_id = q.insert_round(cur, event_id, r.kind, r.title)
        tq.set_audience(cur, event_id, round_id, r.audience, r.slot, r.task)
    focus_ids = {f.title: f.id for f in q.focus_areas(cur, event_id)}
    tbq.replace_tables(cur, event_id, [(t.number, t.name, t.audience, focus_ids.get(t.focus_area))
                                       for t in spec.tables])
    question_cards.insert_cards(cur, event_id, spec.cards)
    return event_id


def seed_demo_events(store: Store, data_dir: Path = DATA_DIR) -> list[str]:
    """Insert each demo event that is not in the database yet; return the codes added."""
    specs = load_event_files(data_dir)
    criteria = default_criteria(data_dir)

    def job(cur):
        added = []
        for spec in specs:
            if q.event_by_code(cur, spec.code) is None:
                event_id = insert_spec(cur, spec, criteria, True)
                q.audit(cur, "system", "seed_event", event_id, spec.code)
                added.append(spec.code)
        return added

    return store.write(job)
