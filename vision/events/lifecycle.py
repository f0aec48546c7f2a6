"""Creating, copying, changing and deleting an event; audited."""

from __future__ import annotations

import datetime as dt

from vision import results
from vision.criteria import default_criteria
from vision.errors import NotFoundError, UserError
from vision.events.fields import FieldErrors, event_field_problems
from vision.events.files import EventSpec, RoundSpec, insert_spec
from vision.events.reads import CODE_RE, get_event
from vision.model import ROUND_KINDS, Event
from vision.store import Store
from vision.store import queries as q
from vision.store import round_draft_queries as rdq
from vision.store import setup_queries as sq
from vision.store.table_queries import copy_tables
from vision.store.track_queries import copy_tracks


def create_event(store: Store, actor: str, *, code: str, title: str, event_date: dt.date | None = None,
                 place: str | None = None, region: str | None = "nordjylland", description: str | None = None,
                 join_mode: str = "open", focus_mode: str = "points", focus_points: int = 10,
                 min_group_size: int = 3, with_default_rounds: bool = True, require_date: bool = False) -> int:
    """A new event with the nine criteria, the region's default list and (unless told not
    to) one round of each kind. Every invalid field is named at once (:class:`FieldErrors`)."""
    code = (code or "").strip().upper()
    problems = event_field_problems(code=code, title=title, event_date=event_date, require_date=require_date, place=place,
                                    region=region, description=description, join_mode=join_mode,
                                    focus_mode=focus_mode, focus_points=focus_points, min_group_size=min_group_size)
    if CODE_RE.match(code) and store.read(lambda cur: q.event_by_code(cur, code)) is not None:
        problems.insert(0, UserError("Koden '{code}' er allerede i brug.", code=code))
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise FieldErrors(problems)
    place = (place or "").strip() or None
    description = (description or "").strip() or None
    spec = EventSpec(code=code, title=title.strip(), date=event_date, place=place, region=region,
                     description=description, join_mode=join_mode, focus_mode=focus_mode,
                     focus_points=focus_points, min_group_size=min_group_size,
                     rounds=[RoundSpec(kind=k, title=t) for k, t in ROUND_KINDS.items()] if with_default_rounds else [])

    def job(cur):
        if q.event_by_code(cur, code) is not None:
            raise UserError("Koden '{code}' er allerede i brug.", code=code)
        event_id = insert_spec(cur, spec, default_criteria(), False)
        q.audit(cur, actor, "create_event", event_id, code)
        return event_id

    return store.write(job)


def copy_event(store: Store, actor: str, template_code: str, new_code: str, new_title: str,
               new_date: dt.date | None = None) -> int:
    """A new event with the template's programme, units, criteria, paradoxes, focus areas,
    approved drafts, rounds with their tracks and their drafts to score, and tables; no participants or answers."""
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
        q.replace_programme(cur, event_id, [(p.at_time, p.title, p.detail, p.provenance) for p in q.programme(cur, t.id)])
        q.replace_units(cur, event_id, q.units(cur, t.id))
        q.replace_criteria(cur, event_id, q.criteria(cur, t.id))
        for p in q.paradoxes(cur, t.id):
            q.insert_paradox(cur, event_id, p.position, p.title, p.question, p.left_label, list(p.left_args),
                             p.right_label, list(p.right_args))
        focus_ids = {f.id: q.insert_focus_area(cur, event_id, f.position, f.title, f.description)
                     for f in q.focus_areas(cur, t.id)}
        draft_ids = {d.id: q.insert_draft(cur, event_id, d.text, d.label,
                                          d.source if d.source != "table" else "organiser", "approved",
                                          d.is_example)
                     for d in q.drafts(cur, t.id)}
        hidden = sq.hidden_round_ids(cur, t.id)
        round_ids = {r.id: q.insert_round(cur, event_id, r.kind, r.title)
                     for r in q.rounds(cur, t.id) if r.id not in hidden}
        copy_tracks(cur, t.id, event_id, round_ids)
        copy_tables(cur, t.id, event_id, focus_ids)
        rdq.copy_round_drafts(cur, t.id, event_id, round_ids, draft_ids)
        privacy = sq.privacy(cur, t.id)
        if privacy:
            sq.set_privacy(cur, event_id, *privacy)
        q.audit(cur, actor, "copy_event", event_id, f"{t.code} -> {new_code}")
        return event_id

    return store.write(job, event_id=template.id)


def update_event(store: Store, actor: str, event_id: int, **fields) -> None:
    """Change an event's own fields; every invalid one is named at once."""
    if "title" in fields and not (fields["title"] or "").strip():
        raise UserError("Titlen må ikke være tom.")
    if "min_group_size" in fields and not 1 <= int(fields["min_group_size"]) <= 50:
        raise UserError("Mindste gruppestørrelse skal være mellem 1 og 50.")
    checked = {k: v for k, v in fields.items() if k in ("place", "region", "description", "join_mode", "focus_mode",
                                                         "focus_points")}
    problems = event_field_problems(title=fields.get("title", "x"), event_date=fields.get("event_date"), **checked)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise FieldErrors(problems)
    for key in ("title", "place", "description"):
        if isinstance(fields.get(key), str):
            fields[key] = fields[key].strip() or (None if key != "title" else fields[key])

    def job(cur):
        q.update_event(cur, event_id, **fields)
        q.audit(cur, actor, "update_event", event_id, ", ".join(sorted(fields)))

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def confirm_code(event: Event, typed: str | None) -> None:
    """A destructive action needs the event's code typed again."""
    if (typed or "").strip().upper() != event.code.upper():
        raise UserError("Skriv begivenhedens kode ({code}) for at bekræfte.", code=event.code)


def delete_event(store: Store, actor: str, event_id: int, typed_code: str | None) -> str:
    """Delete an event with everything in it, after its code was typed again; audited.
    Returns its code.

    One transaction per level of the schema, leaves first (DuckDB's foreign keys see
    rows deleted earlier in the same transaction); an interruption leaves a smaller but
    consistent event that a second attempt finishes. The event's consultation goes first.
    Afterwards this process forgets
    the event's phones, screen choice and cached results."""
    from vision import participants, screens

    event = store.read(lambda cur: q.event_by_id(cur, event_id))
    if event is None:
        raise NotFoundError("Begivenheden findes ikke.")
    confirm_code(event, typed_code)
    from vision import consultation

    consultation.delete_for_event(store, actor, event_id)
    store.write(lambda cur: sq.delete_setup_rows(cur, event_id), event_id=event_id)
    for phase in range(q.DELETE_PHASES - 1):
        store.write(lambda cur, p=phase: q.delete_event_phase(cur, event_id, p), event_id=event_id)

    def last(cur):
        q.delete_event_phase(cur, event_id, q.DELETE_PHASES - 1)
        q.audit(cur, actor, "delete_event", None, f"{event.code}: {event.title}")

    store.write(last, event_id=event_id)
    participants.forget_event(event_id)
    screens.forget(event_id)
    results.invalidate(event_id)
    return event.code
