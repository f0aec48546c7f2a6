"""Regional process timelines, and the store of editable process/governance files.

A process file (``data/processes/<id>.yaml``) describes one regional process: its
phases and milestones, each with a date known to the day (``2020-01-20``) or only to
the month (``2017-01`` together with ``precision: month``). A yearly process
(``cycle: yearly``, Midtjylland's årshjul) lies within one calendar year and repeats.

Files in the repository are the source of the demo. A secretariat may upload an
edited file from the app: it is validated (also against the region's governance
file) and only then written, atomically, to the upload directory
(``data/uploads/`` or ``$VISIONSDAG_UPLOAD_DIR``), where it overrides the repository
file with the same id until it is reverted.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from vision import config
from vision.criteria import municipalities
from vision.datafiles import DataFileError, FieldValueError, _node_for, parse_yaml
from vision.governance import Governance

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PROCESS_DIR = DATA_DIR / "processes"
GOVERNANCE_DIR = DATA_DIR / "governance"

#: The five regions' Danish names (``data/municipalities.yaml``); a file for another
#: region shows its id capitalised.
REGIONS: dict[str, str] = {key: r.name for key, r in municipalities().regions.items()}

MONTHS_DA = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]
MONTHS_DA_SHORT = [
    "jan.", "feb.", "mar.", "apr.", "maj", "jun.",
    "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
]
MONTHS_EN = [calendar.month_name[i] for i in range(1, 13)]
MONTHS_EN_SHORT = [calendar.month_abbr[i] for i in range(1, 13)]

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


class _Dated(BaseModel):
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


class Process(BaseModel):
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


# -- formatting ---------------------------------------------------------------------

def _month_name(d: dt.date, lang: str, short: bool) -> str:
    if lang == "en":
        return (MONTHS_EN_SHORT if short else MONTHS_EN)[d.month - 1]
    return (MONTHS_DA_SHORT if short else MONTHS_DA)[d.month - 1]


def format_date(d: dt.date, month_only: bool = False, lang: str = "da", short: bool = False,
                year: bool = True) -> str:
    """'3. februar 2020', or 'januar 2017' for a date known only to the month.

    ``year=False`` leaves the year out (a yearly wheel repeats every year).
    """
    month = _month_name(d, lang, short)
    y = f" {d.year}" if year else ""
    if month_only:
        return f"{month}{y}"
    return f"{d.day} {month}{y}" if lang == "en" else f"{d.day}. {month}{y}"


def format_span(start: dt.date, start_month: bool, end: dt.date, end_month: bool,
                lang: str = "da", short: bool = False, year: bool = True) -> str:
    """'24. oktober 2016 – februar 2017', 'marts–juni 2016'; one month prints once."""
    if start_month and end_month and (start.year, start.month) == (end.year, end.month):
        return format_date(start, True, lang, short, year)
    if start_month and end_month and start.year == end.year:
        y = f" {end.year}" if year else ""
        return f"{_month_name(start, lang, short)}–{_month_name(end, lang, short)}{y}"
    a = format_date(start, start_month, lang, short, year)
    b = format_date(end, end_month, lang, short, year)
    return a if a == b else f"{a} – {b}"


def milestone_when(m: Milestone, lang: str = "da", short: bool = False, year: bool = True) -> str:
    if m.end is not None:
        text = format_span(m.start_date, m.month_only, m.end_date, m.month_only, lang, short, year)
    else:
        text = format_date(m.start_date, m.month_only, lang, short, year)
    if m.time:
        text += f", kl. {m.time}" if lang == "da" else f", {m.time}"
    return text


def phase_when(p: Phase, lang: str = "da", short: bool = False, year: bool = True) -> str:
    return format_span(p.start_date, p.start_month_only, p.end_date, p.end_month_only,
                       lang, short, year)


# -- cross-file checks ----------------------------------------------------------------

def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    node = _node_for(root, loc)
    return node.start_mark.line + 1 if node is not None else None


def check_process_against_governance(process: Process, text: str, filename: str,
                                     governance: Governance | None) -> None:
    """Every 'responsible' must name a body in the region's governance file."""
    refs = process.responsible_refs()
    if not refs:
        return
    if governance is None:
        loc, _ = refs[0]
        raise DataFileError(
            filename, _line_of(text, loc), ".".join(map(str, loc)),
            f"der findes ingen styringsfil for regionen '{process.region}', "
            "så det ansvarlige organ kan ikke findes",
        )
    ids = {b.id for b in governance.bodies}
    for loc, body_id in refs:
        if body_id not in ids:
            raise DataFileError(
                filename, _line_of(text, loc), ".".join(map(str, loc)),
                f"ukendt organ '{body_id}' – det findes ikke i styringsfilen for "
                f"{REGIONS.get(process.region, process.region)}",
            )


def check_governance_keeps_references(gov: Governance, text: str, filename: str,
                                      processes: list[Process]) -> None:
    """A governance file may not drop a body that a process of its region names."""
    ids = {b.id for b in gov.bodies}
    for process in processes:
        if process.region != gov.region:
            continue
        for _loc, body_id in process.responsible_refs():
            if body_id not in ids:
                raise DataFileError(
                    filename, _line_of(text, ("bodies",)), "bodies",
                    f"organet '{body_id}' mangler, men procesfilen '{process.id}.yaml' "
                    "bruger det som ansvarligt organ",
                )


# -- the store of files: repository files, overridden by uploads ------------------------

Kind = Literal["processes", "governance"]
_MODELS: dict[str, type[BaseModel]] = {"processes": Process, "governance": Governance}
_REPO_DIRS: dict[str, Path] = {"processes": PROCESS_DIR, "governance": GOVERNANCE_DIR}
MAX_UPLOAD_BYTES = 256 * 1024


def upload_dir() -> Path:
    return config.upload_dir()


@dataclass(frozen=True)
class Loaded:
    """One active data file: the model, where it came from, and any upload problem."""

    model: Any
    path: Path
    uploaded: bool
    upload_error: str | None = None  # a stored upload that no longer validates

    @property
    def id(self) -> str:
        return self.model.id


def _load(path: Path, kind: Kind) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(path.name, None, None, "filen er ikke UTF-8-kodet") from exc
    model = parse_yaml(text, _MODELS[kind], path.name)
    if model.id != path.stem:
        raise DataFileError(
            path.name, _line_of(text, ("id",)), "id",
            f"id '{model.id}' skal være det samme som filnavnet ('{path.stem}')",
        )
    return model


def repo_files(kind: Kind, repo_dir: Path | None = None) -> list[Path]:
    return sorted((repo_dir or _REPO_DIRS[kind]).glob("*.yaml"))


def load_active(kind: Kind, repo_dir: Path | None = None) -> list[Loaded]:
    """Every file of ``kind``: the uploaded version where one exists, else the repo's.

    Repository files must load (a broken one raises :class:`DataFileError`); a stored
    upload that fails falls back to the repository file and reports why.
    """
    out: list[Loaded] = []
    up = upload_dir() / kind
    for path in repo_files(kind, repo_dir):
        model = _load(path, kind)
        upath = up / path.name
        if upath.exists():
            try:
                out.append(Loaded(_load(upath, kind), upath, True))
                continue
            except DataFileError as exc:
                out.append(Loaded(model, path, False, upload_error=str(exc)))
                continue
        out.append(Loaded(model, path, False))
    return out


def load_processes(repo_dir: Path | None = None) -> list[Loaded]:
    return load_active("processes", repo_dir)


def load_governance(repo_dir: Path | None = None) -> list[Loaded]:
    return load_active("governance", repo_dir)


def governance_for(region: str) -> Governance | None:
    for item in load_governance():
        if item.model.region == region:
            return item.model
    return None


def validate_upload(kind: Kind, filename: str, content: bytes) -> Any:
    """Validate an uploaded file completely; return its model or raise DataFileError."""
    name = Path(filename or "upload.yaml").name
    if len(content) > MAX_UPLOAD_BYTES:
        raise DataFileError(name, None, None, "filen er for stor (højst 256 KB)")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(name, None, None, "filen er ikke UTF-8-kodet") from exc
    model = parse_yaml(text, _MODELS[kind], name)
    known = {p.stem for p in repo_files(kind)}
    if model.id not in known:
        raise DataFileError(
            name, _line_of(text, ("id",)), "id",
            f"ukendt id '{model.id}' – en uploadet fil erstatter en eksisterende fil; "
            f"brug et af disse id'er: {', '.join(sorted(known))}",
        )
    if kind == "processes":
        check_process_against_governance(model, text, name, governance_for(model.region))
    else:
        others = [item.model for item in load_processes()]
        check_governance_keeps_references(model, text, name, others)
    return model


def save_upload(kind: Kind, filename: str, content: bytes) -> Any:
    """Validate, then atomically store an uploaded file; nothing is written on error."""
    model = validate_upload(kind, filename, content)
    target_dir = upload_dir() / kind
    target_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{model.id}.", suffix=".tmp", dir=target_dir)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target_dir / f"{model.id}.yaml")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return model


def revert_upload(kind: Kind, file_id: str) -> bool:
    """Remove the uploaded version of ``file_id``; True if there was one."""
    if not re.match(_ID, file_id):
        return False
    path = upload_dir() / kind / f"{file_id}.yaml"
    if path.exists():
        path.unlink()
        return True
    return False
