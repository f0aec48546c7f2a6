"""Events: the demo events from ``data/events``, set-up by organisers, rounds.

All functions take the process's :class:`vision.store.Store`. Reads go through
``store.read``; every change goes through ``store.write`` and is audited.
"""

from __future__ import annotations

import re
import datetime as dt
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from vision.criteria import DATA_DIR, default_criteria, municipalities
from vision.datafiles import load_yaml
from vision.errors import NotFoundError, RuleError, UserError
from vision.model import DRAFT_MAX_CHARS, ROUND_KINDS, Criterion, Event, Round
from vision.store import Store
from vision.store import queries as q

CODE_RE = re.compile(r"^[A-Z0-9]{3,16}$")


# -- the event file format ----------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProgrammeSpec(_Strict):
    time: str | None = None
    title: str = Field(min_length=1, max_length=200)
    detail: str | None = None


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


class EventSpec(_Strict):
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

    @field_validator("region")
    @classmethod
    def _known_region(cls, value):
        if value is not None and value not in municipalities().regions:
            raise ValueError(f"ukendt region '{value}'")
        return value


def default_units(region: str | None) -> list[str]:
    m = municipalities()
    base = m.regions[region].units if region in m.regions else m.regions["nordjylland"].units
    return [*base, *m.user_organisations]


# -- seeding ------------------------------------------------------------------------
def load_event_files(data_dir: Path = DATA_DIR) -> list[EventSpec]:
    return [load_yaml(p, EventSpec) for p in sorted((data_dir / "events").glob("*.yaml"))]


def _insert_spec(cur, spec: EventSpec, criteria: tuple[Criterion, ...], is_demo: bool) -> int:
    event_id = q.insert_event(
        cur, code=spec.code, title=spec.title, event_date=spec.date, place=spec.place, region=spec.region,
        description=spec.description, join_mode=spec.join_mode, focus_mode=spec.focus_mode,
        focus_points=spec.focus_points, min_group_size=spec.min_group_size, is_demo=is_demo)
    q.replace_programme(cur, event_id, [(p.time, p.title, p.detail) for p in spec.programme])
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
        q.insert_round(cur, event_id, r.kind, r.title)
    return event_id


def seed_demo_events(store: Store, data_dir: Path = DATA_DIR) -> list[str]:
    """Insert each demo event that is not in the database yet; return the codes added."""
    specs = load_event_files(data_dir)
    criteria = default_criteria(data_dir)

    def job(cur):
        added = []
        for spec in specs:
            if q.event_by_code(cur, spec.code) is None:
                event_id = _insert_spec(cur, spec, criteria, True)
                q.audit(cur, "system", "seed_event", event_id, spec.code)
                added.append(spec.code)
        return added

    return store.write(job)


# -- reading ------------------------------------------------------------------------
def list_events(store: Store) -> list[Event]:
    return store.read(q.list_events)


def get_event(store: Store, code: str) -> Event:
    code = (code or "").strip().upper()
    if not CODE_RE.match(code):
        raise NotFoundError("Koden '{code}' er ikke en gyldig begivenhedskode.", code=code[:20])
    event = store.read(lambda cur: q.event_by_code(cur, code))
    if event is None:
        raise NotFoundError("Der findes ingen begivenhed med koden '{code}'. Tjek linket eller QR-koden.",
                            code=code)
    return event


def units(store: Store, event_id: int) -> list[str]:
    return store.read(lambda cur: q.units(cur, event_id))


def rounds(store: Store, event_id: int) -> list[Round]:
    return store.read(lambda cur: q.rounds(cur, event_id))


def open_rounds(store: Store, event_id: int) -> list[Round]:
    return [r for r in rounds(store, event_id) if r.is_open]


def shown(event_rounds: list[Round], approved_drafts: list) -> dict[str, list[int]]:
    """What a participant's page shows of an event: its open rounds and approved drafts, by id."""
    return {"rounds": sorted(r.id for r in event_rounds if r.is_open), "drafts": sorted(d.id for d in approved_drafts)}


def shown_to_participants(store: Store, event_id: int) -> dict[str, list[int]]:
    """:func:`shown`, read now (one snapshot)."""
    return store.read(lambda cur: shown(q.rounds(cur, event_id), q.drafts(cur, event_id)))


# -- organiser actions ---------------------------------------------------------------
def create_event(store: Store, actor: str, *, code: str, title: str, event_date: dt.date | None = None,
                 place: str | None = None, region: str | None = "nordjylland", description: str | None = None,
                 join_mode: str = "open", focus_mode: str = "points", focus_points: int = 10,
                 min_group_size: int = 3, with_default_rounds: bool = True) -> int:
    code = (code or "").strip().upper()
    if not CODE_RE.match(code):
        raise UserError("Koden skal være 3-16 store bogstaver (A-Z) eller tal.")
    if not (title or "").strip():
        raise UserError("Titlen må ikke være tom.")
    spec = EventSpec(code=code, title=title.strip(), date=event_date, place=place, region=region,
                     description=description, join_mode=join_mode, focus_mode=focus_mode,
                     focus_points=focus_points, min_group_size=min_group_size,
                     rounds=[RoundSpec(kind=k, title=t) for k, t in ROUND_KINDS.items()] if with_default_rounds else [])

    def job(cur):
        if q.event_by_code(cur, code) is not None:
            raise UserError("Koden '{code}' er allerede i brug.", code=code)
        event_id = _insert_spec(cur, spec, default_criteria(), False)
        q.audit(cur, actor, "create_event", event_id, code)
        return event_id

    return store.write(job)


def copy_event(store: Store, actor: str, template_code: str, new_code: str, new_title: str,
               new_date: dt.date | None = None) -> int:
    """A new event with the template's programme, units, criteria, paradoxes, focus areas,
    approved drafts and rounds; no participants or answers."""
    template = get_event(store, template_code)
    new_code = (new_code or "").strip().upper()
    if not CODE_RE.match(new_code):
        raise UserError("Koden skal være 3-16 store bogstaver (A-Z) eller tal.")

    def job(cur):
        if q.event_by_code(cur, new_code) is not None:
            raise UserError("Koden '{code}' er allerede i brug.", code=new_code)
        t = template
        event_id = q.insert_event(cur, code=new_code, title=new_title or t.title, event_date=new_date,
                                  place=t.place, region=t.region, description=t.description,
                                  join_mode=t.join_mode, focus_mode=t.focus_mode, focus_points=t.focus_points,
                                  min_group_size=t.min_group_size, is_demo=False)
        q.replace_programme(cur, event_id, [(p.at_time, p.title, p.detail) for p in q.programme(cur, t.id)])
        q.replace_units(cur, event_id, q.units(cur, t.id))
        q.replace_criteria(cur, event_id, q.criteria(cur, t.id))
        for p in q.paradoxes(cur, t.id):
            q.insert_paradox(cur, event_id, p.position, p.title, p.question, p.left_label, list(p.left_args),
                             p.right_label, list(p.right_args))
        for f in q.focus_areas(cur, t.id):
            q.insert_focus_area(cur, event_id, f.position, f.title, f.description)
        for d in q.drafts(cur, t.id):
            q.insert_draft(cur, event_id, d.text, d.label, d.source if d.source != "table" else "organiser",
                           "approved", d.is_example)
        for r in q.rounds(cur, t.id):
            q.insert_round(cur, event_id, r.kind, r.title)
        q.audit(cur, actor, "copy_event", event_id, f"{t.code} -> {new_code}")
        return event_id

    return store.write(job, event_id=template.id)


def update_event(store: Store, actor: str, event_id: int, **fields) -> None:
    if "title" in fields and not (fields["title"] or "").strip():
        raise UserError("Titlen må ikke være tom.")
    if "min_group_size" in fields and not 1 <= int(fields["min_group_size"]) <= 50:
        raise UserError("Mindste gruppestørrelse skal være mellem 1 og 50.")

    def job(cur):
        q.update_event(cur, event_id, **fields)
        q.audit(cur, actor, "update_event", event_id, ", ".join(sorted(fields)))

    store.write(job, event_id=event_id)


def delete_event(store: Store, actor: str, event_id: int) -> str:
    """Delete an event with everything in it; audited. Returns its code.

    One transaction per level of the schema, leaves first (DuckDB's foreign keys see
    rows deleted earlier in the same transaction); an interruption leaves a smaller but
    consistent event that a second attempt finishes."""
    event = store.read(lambda cur: q.event_by_id(cur, event_id))
    if event is None:
        raise NotFoundError("Begivenheden findes ikke.")
    for phase in range(q.DELETE_PHASES - 1):
        store.write(lambda cur, p=phase: q.delete_event_phase(cur, event_id, p), event_id=event_id)

    def last(cur):
        q.delete_event_phase(cur, event_id, q.DELETE_PHASES - 1)
        q.audit(cur, actor, "delete_event", None, f"{event.code}: {event.title}")

    store.write(last, event_id=event_id)
    return event.code


def add_round(store: Store, actor: str, event_id: int, kind: str, title: str) -> int:
    if kind not in ROUND_KINDS:
        raise UserError("Ukendt rundetype.")
    if not (title or "").strip():
        raise UserError("Runden skal have en titel.")

    def job(cur):
        rid = q.insert_round(cur, event_id, kind, title.strip())
        q.audit(cur, actor, "add_round", event_id, f"{kind}: {title}")
        return rid

    return store.write(job, event_id=event_id)


def _round_in_event(cur, event_id: int, round_id: int) -> Round:
    rnd = q.round_by_id(cur, round_id)
    if rnd is None or rnd.event_id != event_id:
        raise NotFoundError("Runden findes ikke i denne begivenhed.")
    return rnd


def open_round(store: Store, actor: str, event_id: int, round_id: int) -> None:
    def job(cur):
        rnd = _round_in_event(cur, event_id, round_id)
        q.set_round_status(cur, round_id, "open", datetime.now())
        if rnd.kind != "drafting":
            q.set_round_revealed(cur, round_id, False)
        q.audit(cur, actor, "open_round", event_id, rnd.title)

    store.write(job, event_id=event_id)


def close_round(store: Store, actor: str, event_id: int, round_id: int) -> None:
    def job(cur):
        rnd = _round_in_event(cur, event_id, round_id)
        q.set_round_status(cur, round_id, "closed", datetime.now())
        q.audit(cur, actor, "close_round", event_id, rnd.title)

    store.write(job, event_id=event_id)


def set_revealed(store: Store, actor: str, event_id: int, round_id: int, revealed: bool) -> None:
    def job(cur):
        rnd = _round_in_event(cur, event_id, round_id)
        q.set_round_revealed(cur, round_id, revealed)
        q.audit(cur, actor, "reveal" if revealed else "hide_results", event_id, rnd.title)

    store.write(job, event_id=event_id)


def repeat_round(store: Store, actor: str, event_id: int, round_id: int) -> int:
    """A new round of the same kind after it, e.g. scoring the drafts again after the debate."""
    def job(cur):
        rnd = _round_in_event(cur, event_id, round_id)
        same = [r for r in q.rounds(cur, event_id) if r.kind == rnd.kind]
        title = f"{ROUND_KINDS[rnd.kind]} – runde {len(same) + 1}"
        rid = q.insert_round(cur, event_id, rnd.kind, title)
        q.audit(cur, actor, "repeat_round", event_id, title)
        return rid

    return store.write(job, event_id=event_id)


# -- drafts -------------------------------------------------------------------------
def clean_text(text: str | None, max_chars: int) -> str:
    """Strip control characters and surrounding space; refuse empty or too long text."""
    text = "".join(ch for ch in (text or "") if ch in "\n\t" or (ord(ch) >= 32 and ord(ch) != 127))
    text = re.sub(r"[ \t]+", " ", text).strip()
    if not text:
        raise UserError("Teksten må ikke være tom.")
    if len(text) > max_chars:
        raise UserError("Teksten er for lang: højst {max} tegn (den har {n}).", max=max_chars, n=len(text))
    return text


def drafts(store: Store, event_id: int, statuses: tuple[str, ...] = ("approved",)):
    return store.read(lambda cur: q.drafts(cur, event_id, statuses))


def add_draft(store: Store, actor: str, event_id: int, text: str, label: str | None = None,
              source: str = "organiser", approved: bool = True) -> int:
    text = clean_text(text, DRAFT_MAX_CHARS)
    label = clean_text(label, 80) if label and label.strip() else None

    def job(cur):
        did = q.insert_draft(cur, event_id, text, label, source, "approved" if approved else "pending")
        q.audit(cur, actor, "add_draft", event_id, str(did))
        return did

    return store.write(job, event_id=event_id)


def set_draft_status(store: Store, actor: str, event_id: int, draft_id: int, status: str) -> None:
    if status not in ("pending", "approved", "hidden"):
        raise UserError("Ukendt status.")

    def job(cur):
        d = q.draft_by_id(cur, draft_id)
        if d is None or d.event_id != event_id:
            raise NotFoundError("Forslaget findes ikke i denne begivenhed.")
        q.update_draft(cur, draft_id, status=status)
        q.audit(cur, actor, f"draft_{status}", event_id, str(draft_id))

    store.write(job, event_id=event_id)


def edit_draft(store: Store, actor: str, event_id: int, draft_id: int, text: str, label: str | None) -> None:
    text = clean_text(text, DRAFT_MAX_CHARS)

    def job(cur):
        d = q.draft_by_id(cur, draft_id)
        if d is None or d.event_id != event_id:
            raise NotFoundError("Forslaget findes ikke i denne begivenhed.")
        q.update_draft(cur, draft_id, text=text, label=(label or "").strip())
        q.audit(cur, actor, "edit_draft", event_id, str(draft_id))

    store.write(job, event_id=event_id)


def move_draft(store: Store, actor: str, event_id: int, draft_id: int, step: int) -> None:
    """Swap a draft with its neighbour in the shown order."""
    def job(cur):
        items = q.drafts(cur, event_id, ("approved", "pending", "hidden"))
        ids = [d.id for d in items]
        if draft_id not in ids:
            raise NotFoundError("Forslaget findes ikke i denne begivenhed.")
        i = ids.index(draft_id)
        j = max(0, min(len(ids) - 1, i + step))
        ids[i], ids[j] = ids[j], ids[i]
        for pos, did in enumerate(ids):
            q.update_draft(cur, did, position=pos)

    store.write(job, event_id=event_id)


def set_units(store: Store, actor: str, event_id: int, names: list[str]) -> None:
    clean = []
    for n in names:
        n = n.strip()
        if n and n not in clean:
            clean.append(clean_text(n, 80))
    if not clean:
        raise UserError("Listen over kommuner og organisationer må ikke være tom.")

    def job(cur):
        q.replace_units(cur, event_id, clean)
        q.audit(cur, actor, "set_units", event_id, str(len(clean)))

    store.write(job, event_id=event_id)


def event_content(store: Store, event_id: int) -> dict:
    """Everything a page needs to show an event, in one snapshot."""
    def read(cur):
        return {
            "event": q.event_by_id(cur, event_id),
            "programme": q.programme(cur, event_id),
            "units": q.units(cur, event_id),
            "criteria": q.criteria(cur, event_id),
            "paradoxes": q.paradoxes(cur, event_id),
            "focus_areas": q.focus_areas(cur, event_id),
            "rounds": q.rounds(cur, event_id),
            "drafts": q.drafts(cur, event_id, ("approved", "pending", "hidden")),
        }

    return store.read(read)


def audit_log(store: Store, event_id: int | None = None):
    return store.read(lambda cur: q.audit_entries(cur, event_id))


# -- set-up: programme, criteria, paradoxes, focus areas ------------------------------
from vision.store import setup_queries as sq  # noqa: E402

TIME_RE = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)$")


def _optional(text: str | None, max_chars: int) -> str | None:
    return clean_text(text, max_chars) if text and str(text).strip() else None


def _field(text: str | None, max_chars: int, what: str, where: str) -> str:
    try:
        return clean_text(text, max_chars)
    except UserError:
        if not (text or "").strip():
            raise UserError("{where}: {what} må ikke være tom.", where=where, what=what) from None
        raise UserError("{where}: {what} er for lang (højst {max} tegn).", where=where, what=what,
                        max=max_chars) from None


def set_programme(store: Store, actor: str, event_id: int,
                  items: list[tuple[str | None, str | None, str | None]]) -> None:
    """Replace the programme; times as ``11.30`` or ``11:30`` (shown as ``11.30``)."""
    clean = []
    for n, (time, title, detail) in enumerate(items, start=1):
        if not any((str(x).strip() if x else "") for x in (time, title, detail)):
            continue
        where = f"Punkt {n}"
        at = None
        if time and str(time).strip():
            m = TIME_RE.match(str(time).strip())
            if not m:
                raise UserError("{where}: tidspunktet '{time}' skal skrives som 11.30.", where=where,
                                time=str(time).strip()[:20])
            at = f"{int(m.group(1)):02d}.{m.group(2)}"
        clean.append((at, _field(title, 200, "titlen", where), _optional(detail, 500)))

    def job(cur):
        q.replace_programme(cur, event_id, clean)
        q.audit(cur, actor, "set_programme", event_id, str(len(clean)))

    store.write(job, event_id=event_id)


def _criterion_key(label: str, taken: set[str]) -> str:
    base = label.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
    base = re.sub(r"[^a-z0-9]+", "_", base).strip("_")[:24] or "kriterium"
    if not base[0].isalpha():
        base = "k_" + base
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def set_criteria(store: Store, actor: str, event_id: int, items: list[tuple[str | None, str, str]]) -> None:
    """Replace the criteria in the given order: (key or None for a new one, label, question).

    A criterion that already has answers cannot be removed (its answers would lose
    their meaning); its label and question can still be improved.
    """
    clean: list[Criterion] = []
    taken = {k for k, _l, _q in items if k}
    for n, (key, label, question) in enumerate(items, start=1):
        if not (label or "").strip() and not (question or "").strip():
            continue
        where = f"Kriterium {n}"
        label = _field(label, 60, "navnet", where)
        question = _field(question, 200, "spørgsmålet", where)
        if not key:
            key = _criterion_key(label, taken)
            taken.add(key)
        clean.append(Criterion(key, label, question, len(clean)))
    if not clean:
        raise UserError("Der skal være mindst ét kriterium.")
    if len(clean) > 20:
        raise UserError("Der kan højst være 20 kriterier.")
    labels = [c.label.lower() for c in clean]
    dupe = next((c.label for c in clean if labels.count(c.label.lower()) > 1), None)
    if dupe:
        raise UserError("Kriteriet '{label}' står der mere end én gang.", label=dupe)

    def job(cur):
        answered = sq.scored_criterion_keys(cur, event_id)
        old = {c.key: c for c in q.criteria(cur, event_id)}
        removed = [old[k].label for k in answered if k in old and k not in {c.key for c in clean}]
        if removed:
            raise RuleError("Kriteriet '{label}' har allerede svar og kan ikke fjernes. Du kan omformulere det.",
                            label=removed[0])
        q.replace_criteria(cur, event_id, clean)
        q.audit(cur, actor, "set_criteria", event_id, str(len(clean)))

    store.write(job, event_id=event_id)


def _arguments(args: list[str] | str | None, where: str) -> list[str]:
    if isinstance(args, str):
        args = args.splitlines()
    out = []
    for a in args or []:
        if a and a.strip():
            out.append(_field(a, 300, "et argument", where))
    return out


def save_paradox(store: Store, actor: str, event_id: int, paradox_id: int | None, *, title: str,
                 question: str | None, left_label: str, left_args, right_label: str, right_args) -> int:
    """Add (``paradox_id=None``) or change a paradox: a balance between two poles."""
    where = "Paradokset"
    title = _field(title, 120, "titlen", where)
    question = _optional(question, 300)
    left = _field(left_label, 80, "venstre pol", where)
    right = _field(right_label, 80, "højre pol", where)
    largs, rargs = _arguments(left_args, where), _arguments(right_args, where)

    def job(cur):
        if paradox_id is None:
            pos = len(q.paradoxes(cur, event_id))
            pid = q.insert_paradox(cur, event_id, pos, title, question, left, largs, right, rargs)
            q.audit(cur, actor, "add_paradox", event_id, title)
            return pid
        if paradox_id not in {p.id for p in q.paradoxes(cur, event_id)}:
            raise NotFoundError("Paradokset findes ikke i denne begivenhed.")
        q.update_paradox(cur, paradox_id, title, question, left, largs, right, rargs)
        q.audit(cur, actor, "edit_paradox", event_id, title)
        return paradox_id

    return store.write(job, event_id=event_id)


def delete_paradox(store: Store, actor: str, event_id: int, paradox_id: int) -> int:
    """Remove a paradox and any positions given on it; returns how many answers went with it."""
    def job(cur):
        items = q.paradoxes(cur, event_id)
        found = next((p for p in items if p.id == paradox_id), None)
        if found is None:
            raise NotFoundError("Paradokset findes ikke i denne begivenhed.")
        answers = sq.count_paradox_answers(cur, paradox_id)
        q.delete_paradox(cur, paradox_id)
        for pos, p in enumerate(x for x in items if x.id != paradox_id):
            sq.set_paradox_position(cur, p.id, pos)
        q.audit(cur, actor, "delete_paradox", event_id, f"{found.title} ({answers} svar)")
        return answers

    return store.write(job, event_id=event_id)


def set_focus_areas(store: Store, actor: str, event_id: int,
                    items: list[tuple[int | None, str | None, str | None]]) -> None:
    """Make the focus areas exactly ``items`` (id or None for a new one, title, description), in order.

    A focus area left out is removed; one that participants have already prioritised
    cannot be removed.
    """
    clean = []
    for n, (fid, title, desc) in enumerate(items, start=1):
        if not (title or "").strip() and not (desc or "").strip():
            continue
        where = f"Fokusområde {n}"
        clean.append((fid, _field(title, 160, "titlen", where), _optional(desc, 600)))

    def job(cur):
        existing = {f.id: f for f in q.focus_areas(cur, event_id)}
        keep = {fid for fid, _t, _d in clean if fid is not None}
        unknown = keep - set(existing)
        if unknown:
            raise NotFoundError("Fokusområdet findes ikke i denne begivenhed.")
        for fid in set(existing) - keep:
            if sq.count_focus_answers(cur, fid):
                raise RuleError("Fokusområdet '{title}' har allerede svar og kan ikke fjernes.",
                                title=existing[fid].title)
            q.delete_focus_area(cur, fid)
        for pos, (fid, title, desc) in enumerate(clean):
            if fid is None:
                q.insert_focus_area(cur, event_id, pos, title, desc)
            else:
                q.update_focus_area(cur, fid, title, desc)
                sq.set_focus_area_position(cur, fid, pos)
        q.audit(cur, actor, "set_focus_areas", event_id, str(len(clean)))

    store.write(job, event_id=event_id)


def log_action(store: Store, actor: str, action: str, detail: str | None = None,
               event_id: int | None = None) -> None:
    """Record an admin action (users, backups) in the audit log."""
    store.write(lambda cur: q.audit(cur, actor, action, event_id, detail), event_id=event_id)
