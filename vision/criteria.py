"""The vision test's criteria, read from ``data/criteria.yaml``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from vision.datafiles import load_yaml
from vision.provenance import Marked, WithSources
from vision.model import Criterion

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class CriterionSpec(Marked):
    model_config = ConfigDict(extra="forbid")
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$")
    label: str = Field(min_length=1, max_length=60)
    question: str = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _repair_is_the_question(self):
        if self.repair is not None and self.repair.repaired != self.question:
            raise ValueError(f"kriteriet '{self.key}': reparationen skal være spørgsmålet")
        return self


class CriteriaFile(WithSources):
    model_config = ConfigDict(extra="forbid")
    criteria: list[CriterionSpec] = Field(min_length=1, max_length=20)

    @field_validator("criteria")
    @classmethod
    def _unique(cls, value: list[CriterionSpec]):
        keys = [c.key for c in value]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError(f"kriteriet '{dupes[0]}' står der mere end én gang")
        return value


@lru_cache(maxsize=4)
def default_criteria(data_dir: Path = DATA_DIR) -> tuple[Criterion, ...]:
    spec = load_yaml(data_dir / "criteria.yaml", CriteriaFile)
    return tuple(Criterion(c.key, c.label, c.question, i, c.repair.original if c.repair else None)
                 for i, c in enumerate(spec.criteria))


class RegionUnits(BaseModel):
    """A region: its municipalities and its regional council (``Region <name>``)."""
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    council: str = Field(min_length=1)
    municipalities: list[str] = Field(min_length=1)

    @property
    def units(self) -> list[str]:
        """What a participant of the region picks from: its municipalities, then the council."""
        return [*self.municipalities, self.council]


class MunicipalitiesFile(WithSources):
    model_config = ConfigDict(extra="forbid")
    regions: dict[str, RegionUnits]
    user_organisations: list[str] = Field(default_factory=list)

    @field_validator("regions")
    @classmethod
    def _each_municipality_once(cls, value: dict[str, RegionUnits]):
        seen: dict[str, str] = {}
        for key, region in value.items():
            for name in region.municipalities:
                if name in seen:
                    raise ValueError(f"kommunen '{name}' står under både {seen[name]} og {key}")
                seen[name] = key
        return value


@lru_cache(maxsize=4)
def municipalities(data_dir: Path = DATA_DIR) -> MunicipalitiesFile:
    return load_yaml(data_dir / "municipalities.yaml", MunicipalitiesFile)
