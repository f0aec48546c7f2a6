"""Regional process timelines: the model of a process file.

A process file (``data/processes/<id>.yaml``) describes one regional process: its
phases and milestones, each with a date known to the day (``2020-01-20``) or only to
the month (``2017-01`` together with ``precision: month``). A yearly process
(``cycle: yearly``, Midtjylland's årshjul) lies within one calendar year and repeats.

Files in the repository are the source of the demo; which file is in use, and a
secretariat's uploaded replacement, are :mod:`vision.datafile_uploads`. How dates are
printed is :mod:`vision.dates`. Both are re-exported here for callers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from vision.provenance import Marked, WithSources
from vision.criteria import municipalities
from vision.dates import (  # noqa: F401 - dates as timelines print them, re-exported
    MONTHS_DA, MONTHS_DA_SHORT, MONTHS_EN, MONTHS_EN_SHORT, format_date, format_span, milestone_when, phase_when,
)
from vision.datafiles import FieldValueError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PROCESS_DIR = DATA_DIR / "processes"
GOVERNANCE_DIR = DATA_DIR / "governance"

#: The five regions' Danish names (``data/municipalities.yaml``); a file for another
#: region shows its id capitalised.
REGIONS: dict[str, str] = {key: r.name for key, r in municipalities().regions.items()}

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ID = r"^[a-z0-9][a-z0-9_-]*$"

Precision = Literal["day", "month"]
MilestoneKind = Literal["milestone", "meeting", "deadline", "conference", "vision_day", "approval"]


def _parse_when(value: Any, precision: str, loc: tuple[Any, ...], *, end: bool = False
                ) -> tuple[dt.date, bool]:
    """(date, month_only) for a YAML value; month-only dates need ``precision: month``.

    A month-only start is the 1st; a month-only end is the last day of the month.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, False
    text = str(value).strip() if value is not None else ""
    m = _MONTH_RE.match(text)
    if m:
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise FieldValueError(f"ugyldig dato: '{text}' – måneden skal være 01-12", loc)
        if precision != "month":
            raise FieldValueError(
                f"'{text}' er kun en måned – skriv en hel dato (ÅÅÅÅ-MM-DD) "
                "eller tilføj 'precision: month'",
                loc,
            )
        day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day), True
    d = _DAY_RE.match(text)
    if d:
        try:
            return dt.date(int(d[1]), int(d[2]), int(d[3])), False
        except ValueError:
            raise FieldValueError(f"ugyldig dato: '{text}' findes ikke i kalenderen", loc) from None
    raise FieldValueError(
        f"ugyldig dato: '{text}' – skriv ÅÅÅÅ-MM-DD, eller ÅÅÅÅ-MM med 'precision: month'", loc
    )


class _Dated(Marked):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    precision: Precision = "day"
    responsible: str | None = Field(default=None, pattern=_ID)
    description: str | None = None
    note: str | None = None
    when_text: str | None = None  # how the source words the time, e.g. "primo 2016"
    approximate: bool = False

    def _resolve(self, fields: list[tuple[str, Any, bool]]) -> dict[str, tuple[dt.date, bool]]:
        out = {}
        for name, value, end in fields:
            if value is None:
                continue
            out[name] = _parse_when(value, self.precision, (name,), end=end)
        if self.precision == "month" and not any(month for _, month in out.values()):
            raise FieldValueError(
                "'precision: month' er angivet, men alle datoer har en dag – "
                "skriv måneden som ÅÅÅÅ-MM eller fjern 'precision'",
                ("precision",),
            )
        return out


class Phase(_Dated):
    start: Any
    end: Any

    _start: dt.date
    _end: dt.date
    _start_month: bool
    _end_month: bool

    @model_validator(mode="after")
    def _dates(self) -> Phase:
        r = self._resolve([("start", self.start, False), ("end", self.end, True)])
        self._start, self._start_month = r["start"]
        self._end, self._end_month = r["end"]
        if self._end < self._start:
            raise FieldValueError("slutdatoen ligger før startdatoen", ("end",))
        return self

    @property
    def start_date(self) -> dt.date:
        return self._start

    @property
    def end_date(self) -> dt.date:
        return self._end

    @property
    def start_month_only(self) -> bool:
        return self._start_month

    @property
    def end_month_only(self) -> bool:
        return self._end_month


class Milestone(_Dated):
    date: Any
    end: Any = None  # a milestone known as a span, e.g. "januar/februar 2017"
    time: str | None = None  # e.g. "09-12"
    kind: MilestoneKind = "milestone"
    event: str | None = Field(default=None, pattern=r"^[A-Z0-9]{3,16}$")

    _date: dt.date
    _end: dt.date | None
    _month: bool

    @model_validator(mode="after")
    def _dates(self) -> Milestone:
        r = self._resolve([("date", self.date, False), ("end", self.end, True)])
        self._date, self._month = r["date"]
        self._end = r["end"][0] if "end" in r else None
        if self._end is not None and self._end < self._date:
            raise FieldValueError("slutdatoen ligger før datoen", ("end",))
        return self

    @property
    def start_date(self) -> dt.date:
        return self._date

    @property
    def end_date(self) -> dt.date:
        """Last day covered: the day itself, or the end of the month/span."""
        if self._end is not None:
            return self._end
        if self._month:
            return self._date.replace(day=calendar.monthrange(self._date.year, self._date.month)[1])
        return self._date

    @property
    def month_only(self) -> bool:
        return self._month

    @property
    def is_vision_day(self) -> bool:
        return self.kind == "vision_day"


class Process(WithSources):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID)
    region: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    agreement: str | None = None
    description: str | None = None
    source: str | None = None
    cycle: Literal["once", "yearly"] = "once"
    responsible: str | None = Field(default=None, pattern=_ID)
    note: str | None = None
    phases: list[Phase] = Field(min_length=1)
    milestones: list[Milestone] = Field(default_factory=list)

    @model_validator(mode="after")
    def _yearly_within_one_year(self) -> Process:
        if self.cycle != "yearly":
            return self
        year = self.phases[0].start_date.year
        for group, items in (("phases", self.phases), ("milestones", self.milestones)):
            for i, item in enumerate(items):
                if item.start_date.year != year or item.end_date.year != year:
                    raise FieldValueError(
                        f"et årshjul skal ligge inden for ét kalenderår ({year})", (group, i)
                    )
        return self

    @property
    def region_name(self) -> str:
        return REGIONS.get(self.region, self.region.capitalize())

    @property
    def start_date(self) -> dt.date:
        return min([p.start_date for p in self.phases] + [m.start_date for m in self.milestones])

    @property
    def end_date(self) -> dt.date:
        return max([p.end_date for p in self.phases] + [m.end_date for m in self.milestones])

    @property
    def vision_days(self) -> list[Milestone]:
        return [m for m in self.milestones if m.is_vision_day]

    def responsible_refs(self) -> list[tuple[tuple[Any, ...], str]]:
        """(location in the file, body id) of every 'responsible' reference."""
        refs: list[tuple[tuple[Any, ...], str]] = []
        if self.responsible:
            refs.append((("responsible",), self.responsible))
        for group, items in (("phases", self.phases), ("milestones", self.milestones)):
            for i, item in enumerate(items):
                if item.responsible:
                    refs.append(((group, i, "responsible"), item.responsible))
        return refs

    def shifted_to_year(self, year: int) -> Process:
        """A yearly process moved to ``year`` (for drawing it against today's date)."""
        if self.cycle != "yearly":
            return self
        data = self.model_dump(by_alias=True, exclude_none=True)
        for group, items in (("phases", self.phases), ("milestones", self.milestones)):
            for raw, item in zip(data[group], items):
                for key in ("start", "end", "date"):
                    if key in raw and raw[key] is not None:
                        raw[key] = _shift(raw[key], year)
        return Process.model_validate(data)


def _shift(value: Any, year: int) -> Any:
    if isinstance(value, dt.date):
        try:
            return value.replace(year=year)
        except ValueError:  # 29 February
            return value.replace(year=year, day=28)
    text = str(value)
    return f"{year}{text[4:]}"


# -- moved out, re-exported for callers -------------------------------------------------

_UPLOAD_NAMES = frozenset({
    "Kind", "Loaded", "MAX_UPLOAD_BYTES", "check_governance_keeps_references", "check_process_against_governance",
    "governance_for", "load_active", "load_governance", "load_processes", "repo_files", "revert_upload",
    "save_upload", "upload_dir", "validate_upload",
})


def __getattr__(name: str) -> Any:
    """The files in use and their uploads live in :mod:`vision.datafile_uploads` (which needs
    :class:`Process`, so it is imported on first use here, not at the top)."""
    if name in _UPLOAD_NAMES:
        from vision import datafile_uploads

        return getattr(datafile_uploads, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
