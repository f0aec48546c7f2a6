"""Where each fact in ``data/`` comes from: the provenance convention of the data files.

Every YAML file under ``data/`` lists its sources at the top::

    sources:
      - id: s002                         # how the file's facts cite it
        seed: 002_7612ae873fa71417.txt   # a seed document (with lines), or
        lines: 292-337
        url: https://…                   # a public address
        title: …                         # what it is, in words
        covers: [programme, paradoxes]   # top-level keys whose facts all come from it

A fact is a top-level field (other than the settings in :data:`SETTINGS`) or an item of a
top-level list (a body, a relation, a phase, a criterion, a paradox …). Each is either

* **sourced**: its top-level key is in a source's ``covers``, or the item says
  ``cite: <source id>`` (optionally ``cite: <source id>:<lines>``);
* **assumed**: ``assumed: <why>``: the app needs it and no source says it; pages show it
  as an assumption ("antaget – står ikke i kilderne");
  A top-level field that is an assumption is named, with why, in the file's
  ``assumptions:`` mapping;
* **inferred**: ``inferred: <why>``: not said in so many words, read from the sources
  (e.g. a link between two bodies that a source implies); pages show it as inferred.

An item's own mark wins over its key's ``covers``. :func:`unmarked` lists the facts that are
none of these; ``tests/test_data_provenance.py`` fails on any.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

SETTINGS = frozenset({"id", "code", "region", "join_mode", "focus_mode", "focus_points", "min_group_size",
                      "sources", "assumptions", "event", "bodies_of_region", "cycle", "responsible"})
"""Top-level fields that configure the app (ids, modes, links between files), not facts."""

MARKS = ("cite", "assumed", "inferred")

#: How a page or chart names a fact that no source says, and one read from the sources.
ASSUMED = "antaget – står ikke i kilderne"
INFERRED = "udledt af kilderne"


def mark_of(fact) -> str | None:
    """How a fact is told apart from what a source says: assumed, inferred, or None."""
    return ASSUMED if fact.is_assumed else (INFERRED if fact.is_inferred else None)
_ID = r"^[a-z0-9][a-z0-9_-]*$"
_CITE = re.compile(r"^(?P<id>[a-z0-9][a-z0-9_-]*)(?::(?P<lines>[0-9]+(?:-[0-9]+)?))?$")


class SourceRef(BaseModel):
    """One source of a data file: a seed document (and its lines) or a public address."""
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID)
    seed: str | None = None
    lines: str | None = Field(default=None, pattern=r"^[0-9]+(-[0-9]+)?(, *[0-9]+(-[0-9]+)?)*$")
    url: str | None = Field(default=None, pattern=r"^https?://")
    title: str | None = None
    covers: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _somewhere(self) -> SourceRef:
        if not (self.seed or self.url or self.title):
            raise ValueError("en kilde skal have seed, url eller title")
        return self


class Repair(BaseModel):
    """A fact the source cuts off, repaired: the source's words, the repaired words, and why."""
    model_config = ConfigDict(extra="forbid")

    original: str = Field(min_length=1)
    repaired: str = Field(min_length=1)
    why: str = Field(min_length=1)


class Marked(BaseModel):
    """The marks a fact (an item of a data file's list) may carry; see the module docstring.
    ``repair`` records where the fact repairs what its source cuts off."""
    repair: Repair | None = None
    cite: str | None = Field(default=None, pattern=_CITE.pattern)
    assumed: str | None = Field(default=None, min_length=1)
    inferred: str | None = Field(default=None, min_length=1)

    @property
    def is_assumed(self) -> bool:
        return self.assumed is not None

    @property
    def is_inferred(self) -> bool:
        return self.inferred is not None


class WithSources(BaseModel):
    """A data file's list of sources, and its top-level facts that are assumptions (by key:
    why the app needs them although no source says them)."""
    sources: list[SourceRef] = Field(default_factory=list)
    assumptions: dict[str, str] = Field(default_factory=dict)


def _marked(item: dict) -> bool:
    return any(item.get(m) for m in MARKS)


def unmarked(data: dict[str, Any]) -> list[str]:
    """The facts of one loaded data file that are neither sourced, assumed nor inferred, and
    citations of sources the file does not list; as ``key``, ``key[i]`` (with the item's
    title or id) or ``key[i].cite``."""
    sources = data.get("sources") or []
    ids = {s.get("id") for s in sources if isinstance(s, dict)}
    covered = {k for s in sources if isinstance(s, dict) for k in (s.get("covers") or [])}
    covered |= set(data.get("assumptions") or {})
    problems = [f"sources[{i}]: a source is a mapping with an id" for i, s in enumerate(sources)
                if not isinstance(s, dict) or not s.get("id")]
    for key, value in data.items():
        if key in SETTINGS:
            continue
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    cite = item.get("cite")
                    if cite and (not _CITE.match(str(cite)) or _CITE.match(str(cite))["id"] not in ids):
                        problems.append(f"{key}[{i}].cite: no source '{cite}' in the file's sources")
                    if not _marked(item) and key not in covered:
                        name = item.get("title") or item.get("name") or item.get("id") or item.get("key") or ""
                        problems.append(f"{key}[{i}] {name}".rstrip())
                elif key not in covered:
                    problems.append(f"{key}[{i}]")
        elif key not in covered and not (isinstance(value, dict) and _marked(value)):
            problems.append(key)
    return problems
