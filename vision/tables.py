"""Tables of the group work: which tables an event has, the table a participant sits at,
and the one phone per table that holds the table chair's role ("bordformand").

Each table is tied to a track (a group, or 'alle') and to a focus area (or none). A
participant picks a table when joining, or a personal QR card carries it
(``participants.table_no``). What the chair writes is the table's answer. Other modules
ask :func:`table_of`, :func:`chair_of` and :func:`is_chair`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from vision.errors import NotFoundError, RuleError, UserError
from vision.events.grid_rows import GridSaved, save_valid_rows
from vision.events.text import clean_text
from vision.events.tracks import AUDIENCES, EVERYONE
from vision.i18n import DEFAULT_LANGUAGE, gettext
from vision.model import Participant
from vision.store import Store
from vision.store import queries as q
from vision.store import table_queries as tbq

NAME_MAX = 120
TABLE_MAX = 500


@dataclass(frozen=True)
class Table:
    table_no: int
    name: str
    audience: str = EVERYONE
    focus_area_id: int | None = None


def tables(store: Store, event_id: int) -> list[Table]:
    """The event's tables by number (none: the event does not use tables)."""
    return [Table(*row) for row in store.read(lambda cur: tbq.tables(cur, event_id))]


def with_areas(store: Store, event_id: int) -> tuple[list[Table], dict[int, str]]:
    """The event's tables and its focus areas' titles by id, in one snapshot."""
    rows, areas = store.read(lambda cur: (tbq.tables(cur, event_id), q.focus_areas(cur, event_id)))
    return [Table(*r) for r in rows], {f.id: f.title for f in areas}


def label(t: Table, areas: dict[int, str], lang: str = DEFAULT_LANGUAGE) -> str:
    """"Bord 5 · Politikere · Borgerens egenmestring", without repeating what the name says."""
    parts = [gettext("Bord {no}", lang).format(no=t.table_no)]
    if t.name and t.name != f"Bord {t.table_no}":
        parts.append(t.name)
    focus = areas.get(t.focus_area_id)
    if focus and focus not in t.name:
        parts.append(focus)
    return " · ".join(parts)


def for_group(all_tables: Iterable[Table], grp: str) -> list[Table]:
    """The tables a participant of group ``grp`` may sit at: its own track's and everyone's."""
    return [t for t in all_tables if t.audience in (EVERYONE, grp)]


def needs_table(all_tables: Iterable[Table], grp: str) -> bool:
    """Whether a participant of ``grp`` joining must pick a table: the event has tables for the group."""
    return bool(for_group(all_tables, grp))


def table_of(store: Store, participant: Participant) -> Table | None:
    """The table the participant sits at now (read afresh: it may have been picked since)."""
    def read(cur):
        no = tbq.participant_table(cur, participant.id)
        return None if no is None else tbq.table(cur, participant.event_id, no)

    row = store.read(read)
    return Table(*row) if row else None


def chair_of(store: Store, event_id: int, table_no: int) -> int | None:
    """The participant id of the table's chair, or None while nobody holds it."""
    return store.read(lambda cur: tbq.chair(cur, event_id, table_no))


def chairs(store: Store, event_id: int) -> dict[int, int]:
    """table_no -> participant id of its chair."""
    return store.read(lambda cur: tbq.chairs(cur, event_id))


def is_chair(store: Store, participant: Participant) -> bool:
    """Whether the participant holds the chair of their table."""
    return store.read(lambda cur: tbq.chair_table_of(cur, participant.id)) is not None


def check_table(cur, event_id: int, grp: str, table_no: int | None) -> int | None:
    """Inside a write: the table a participant of ``grp`` may join (None: no table; the join
    form asks for one where the group has tables, other callers may leave it out)."""
    if table_no is None:
        return None
    mine = for_group((Table(*r) for r in tbq.tables(cur, event_id)), grp)
    found = next((t for t in mine if t.table_no == table_no), None)
    if found is None:
        raise UserError("Bord {no} er ikke et bord for din gruppe. Vælg et af bordene på listen.", no=table_no)
    return found.table_no


def _holder(cur, participant: Participant, token: str) -> int:
    pid = tbq.participant_id_of_token(cur, token)
    if pid is None or pid != participant.id:
        raise RuleError("Deltagerkoden er ikke længere gyldig.")
    no = tbq.participant_table(cur, participant.id)
    if no is None or tbq.table(cur, participant.event_id, no) is None:
        raise RuleError("Du sidder ikke ved et bord. Vælg dit bord først.")
    return no


def take_chair(store: Store, participant: Participant, token: str) -> int:
    """Make this phone its table's chair; returns the table number. A second phone is refused
    while the chair is held (one write at a time decides who was first)."""
    def job(cur):
        no = _holder(cur, participant, token)
        holder = tbq.chair(cur, participant.event_id, no)
        if holder == participant.id:
            return no
        if holder is not None:
            raise RuleError("Bord {no} har allerede en bordformand. Bed bordformanden om at give rollen fra sig "
                            "på sin telefon, hvis rollen skal skifte.", no=no)
        tbq.delete_chair(cur, participant.id)     # a chair of a table left behind
        tbq.insert_chair(cur, participant.event_id, no, participant.id)
        q.audit(cur, "participant", "take_chair", participant.event_id, str(no))
        return no

    return store.write(job, event_id=participant.event_id)


def pick_table(store: Store, participant: Participant, token: str, table_no: int) -> Table:
    """Sit down at a table after joining (or move): one of the group's tables. A chair held at
    the table left behind is handed back."""
    def job(cur):
        pid = tbq.participant_id_of_token(cur, token)
        if pid is None or pid != participant.id:
            raise RuleError("Deltagerkoden er ikke længere gyldig.")
        no = check_table(cur, participant.event_id, participant.grp, table_no)
        if tbq.participant_table(cur, participant.id) != no:
            tbq.delete_chair(cur, participant.id)
            tbq.set_participant_table(cur, participant.id, no)
        return Table(*tbq.table(cur, participant.event_id, no))

    return store.write(job, event_id=participant.event_id)


def release_chair(store: Store, participant: Participant, token: str) -> None:
    """Hand the chair back, so another phone at the table can take it."""
    def job(cur):
        no = _holder(cur, participant, token)
        if tbq.delete_chair(cur, participant.id):
            q.audit(cur, "participant", "release_chair", participant.event_id, str(no))

    store.write(job, event_id=participant.event_id)


def _table_row(n: int, no, name, audience, focus, focus_ids: dict[str, int]) -> tuple:
    where = f"Række {n}"
    try:
        number = int(no)
    except (TypeError, ValueError):
        raise UserError("{where}: bordnummeret skal være et tal fra 1 til {max}.", where=where,
                        max=TABLE_MAX) from None
    if not 1 <= number <= TABLE_MAX:
        raise UserError("{where}: bordnummeret skal være et tal fra 1 til {max}.", where=where, max=TABLE_MAX)
    audience = audience or EVERYONE
    if audience not in AUDIENCES:
        raise UserError("{where}: ukendt målgruppe '{a}'.", where=where, a=str(audience)[:40])
    focus_id = None
    if focus not in (None, ""):
        if focus not in focus_ids:
            raise UserError("{where}: ukendt fokusområde '{f}'.", where=where, f=str(focus)[:60])
        focus_id = focus_ids[focus]
    typed = str(name or "").strip()
    if len(typed) > NAME_MAX:
        raise UserError("{where}: navnet er for langt (højst {max} tegn).", where=where, max=NAME_MAX)
    text = clean_text(typed, NAME_MAX) if typed else f"Bord {number}"
    return number, text, audience, focus_id


def set_tables(store: Store, actor: str, event_id: int, rows: list[tuple]) -> GridSaved:
    """Make the event's tables the valid ``rows`` of (number, name, audience, focus area title).
    Blank rows are skipped; a row with a bad number, an unknown audience or focus area, or a
    number used twice, is left out and named. A missing name becomes "Bord N"."""
    areas = store.read(lambda cur: q.focus_areas(cur, event_id))
    focus_ids = {f.title: f.id for f in areas}
    numbers: set[int] = set()

    def parse(n: int, row: tuple) -> tuple:
        no, name, audience, focus = row
        table = _table_row(n, no, name, audience, focus, focus_ids)
        if table[0] in numbers:
            raise UserError("Række {n}: bord {no} findes allerede længere oppe.", n=n, no=table[0])
        numbers.add(table[0])
        return table

    def is_blank(row: tuple) -> bool:
        no, name, _audience, focus = row
        return all(x in (None, "") or (isinstance(x, str) and not x.strip()) for x in (no, name, focus))

    return save_valid_rows(store, actor, event_id, "set_tables", rows, is_blank=is_blank, parse=parse,
                           write=lambda cur, clean: tbq.replace_tables(cur, event_id, clean))


def answered_tables(store: Store, event_id: int, round_ids: list[int]) -> dict[int, set[int]]:
    """round_id -> the numbers of the tables where someone has answered it."""
    out: dict[int, set[int]] = {rid: set() for rid in round_ids}
    for rid, no in store.read(lambda cur: tbq.tables_answered(cur, event_id, round_ids)):
        out.setdefault(rid, set()).add(no)
    return out


def table_in_event(store: Store, event_id: int, table_no: int) -> Table:
    row = store.read(lambda cur: tbq.table(cur, event_id, table_no))
    if row is None:
        raise NotFoundError("Bord {no} findes ikke.", no=table_no)
    return Table(*row)
