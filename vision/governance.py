"""Governance of the framework agreement per region: bodies and their relations.

One YAML file per region under ``data/governance/`` (format: ``docs/processes.md``).
The model checks the file on load: every relation and every step of the draft path
names a known body, no body id is used twice, and consecutive steps of the draft path
are connected by a relation. Errors point at the offending item's line and field.
"""

from __future__ import annotations

from typing import Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from vision.i18n import gettext
from vision.provenance import Marked, WithSources, mark_of
from vision.datafiles import FieldValueError

Level = Literal[
    "national", "political", "user_organisations", "administrative", "secretariat", "network"
]
RelationType = Literal[
    "prepares_for", "approves", "advises", "reports_to", "hosts", "represented_in"
]

#: Danish name of each level, in the order the layers are drawn (top to bottom).
LEVELS: dict[str, str] = {
    "national": "Nationalt niveau",
    "political": "Politisk niveau",
    "user_organisations": "Brugerorganisationer",
    "administrative": "Administrativt niveau",
    "secretariat": "Sekretariat",
    "network": "Netværk",
}

#: Layer index per level: political on top, administrative in the middle,
#: secretariat and networks at the bottom.
LAYER: dict[str, int] = {
    "national": 0,
    "political": 1,
    "user_organisations": 2,
    "administrative": 3,
    "secretariat": 4,
    "network": 4,
}

#: How a relation reads in Danish: "<from> <verb> <to>".
RELATION_VERBS: dict[str, str] = {
    "prepares_for": "forbereder sager for",
    "approves": "godkender forslag fra",
    "advises": "rådgiver",
    "reports_to": "refererer til",
    "hosts": "er vært for",
    "represented_in": "er repræsenteret i",
}

_ID = r"^[a-z0-9][a-z0-9_-]*$"


class Body(Marked):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    short: str | None = Field(default=None, min_length=1)
    level: Level
    composition: str | None = None
    meetings: str | None = None
    tasks: list[str] = Field(default_factory=list)
    description: str | None = None

    @property
    def label(self) -> str:
        """Short name for the diagram."""
        return self.short or self.name


class Relation(Marked):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    source: str = Field(alias="from", min_length=1)
    target: str = Field(alias="to", min_length=1)
    type: RelationType
    note: str | None = None


class DraftStep(Marked):
    """One step of the path a draft agreement takes; several bodies act in parallel."""

    model_config = ConfigDict(extra="forbid")

    bodies: list[str] = Field(min_length=1)
    action: str = Field(min_length=1)

    @field_validator("bodies", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class Governance(WithSources):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID)
    region: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    source: str | None = None
    description: str | None = None
    bodies: list[Body] = Field(min_length=1)
    relations: list[Relation] = Field(default_factory=list)
    draft_path: list[DraftStep] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_references(self) -> Governance:
        seen: set[str] = set()
        for i, body in enumerate(self.bodies):
            if body.id in seen:
                raise FieldValueError(
                    f"organet '{body.id}' findes allerede; hvert organ skal have sit eget id",
                    ("bodies", i, "id"),
                )
            seen.add(body.id)
        pairs: set[tuple[str, str, str]] = set()
        for i, rel in enumerate(self.relations):
            for key, value in (("from", rel.source), ("to", rel.target)):
                if value not in seen:
                    raise FieldValueError(
                        f"ukendt organ '{value}' – der findes intet organ med dette id",
                        ("relations", i, key),
                    )
            if rel.source == rel.target:
                raise FieldValueError(
                    "en relation kan ikke gå fra et organ til sig selv", ("relations", i, "to")
                )
            key3 = (rel.source, rel.target, rel.type)
            if key3 in pairs:
                raise FieldValueError(
                    f"relationen '{rel.source}' → '{rel.target}' ({rel.type}) står der to gange",
                    ("relations", i),
                )
            pairs.add(key3)
        linked = {frozenset((r.source, r.target)) for r in self.relations}
        for i, step in enumerate(self.draft_path):
            for j, body_id in enumerate(step.bodies):
                if body_id not in seen:
                    raise FieldValueError(
                        f"ukendt organ '{body_id}' – der findes intet organ med dette id",
                        ("draft_path", i, "bodies", j),
                    )
            if i == 0:
                continue
            for body_id in step.bodies:
                if not any(frozenset((p, body_id)) in linked for p in self.draft_path[i - 1].bodies):
                    prev = ", ".join(f"'{p}'" for p in self.draft_path[i - 1].bodies)
                    raise FieldValueError(
                        f"ingen relation mellem {prev} og '{body_id}' – tilføj en relation, "
                        "så udkastets vej kan tegnes",
                        ("draft_path", i, "bodies"),
                    )
        return self

    # -- queries ---------------------------------------------------------------
    def body(self, body_id: str) -> Body:
        for body in self.bodies:
            if body.id == body_id:
                return body
        raise KeyError(body_id)

    def relations_of(self, body_id: str) -> list[Relation]:
        return [r for r in self.relations if body_id in (r.source, r.target)]

    def draft_edges(self) -> set[frozenset[str]]:
        """Undirected pairs of bodies on the draft path (consecutive steps, related)."""
        linked = {frozenset((r.source, r.target)) for r in self.relations}
        edges: set[frozenset[str]] = set()
        for prev, step in zip(self.draft_path, self.draft_path[1:]):
            for a in prev.bodies:
                for b in step.bodies:
                    if frozenset((a, b)) in linked:
                        edges.add(frozenset((a, b)))
        return edges

    def draft_step_of(self, body_id: str) -> int | None:
        """1-based step number of ``body_id`` on the draft path, if it is on it."""
        for i, step in enumerate(self.draft_path, start=1):
            if body_id in step.bodies:
                return i
        return None

    def graph(self) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        for body in self.bodies:
            g.add_node(body.id, level=body.level, label=body.label)
        for rel in self.relations:
            g.add_edge(rel.source, rel.target, type=rel.type)
        return g

    def dangling_relations(self) -> list[Relation]:
        ids = {b.id for b in self.bodies}
        return [r for r in self.relations if r.source not in ids or r.target not in ids]


def relation_sentences(gov: Governance, body_id: str, lang: str = "da") -> list[str]:
    """Every relation of a body as a sentence ('KKR Midtjylland godkender forslag fra …'),
    with its note and whether it is assumed or inferred, from that body's point of view."""
    out = []
    for rel in gov.relations_of(body_id):
        text = f"{gov.body(rel.source).name} {gettext(RELATION_VERBS[rel.type], lang)} " \
               f"{gov.body(rel.target).name}"
        if rel.note:
            text += f" ({rel.note})"
        if mark_of(rel):
            text += f" ({gettext(mark_of(rel), lang)})"
        out.append(text)
    return out
