"""The theme day's two tracks, tables and chairs set up on an event, for tests of the
question cards, challenges and kinds of draft: written straight into the tables of the
day (``round_audience``, ``event_tables``, ``table_chairs``), as the organiser's set-up
would leave them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from vision import question_cards
from vision.events.files import load_event_files
from vision.store import Store
from vision.store import queries as q


@dataclass
class Day:
    event_id: int
    code: str
    rounds: dict[str, int]                              # 'challenges', 'vision', 'focus_vision', 'mission'
    focus: dict[int, int]                               # table_no → focus area id
    tokens: dict[str, str] = field(default_factory=dict)  # name → token
    ids: dict[str, int] = field(default_factory=dict)     # name → participant id


# table → (audience, focus area position or None)
TABLES = {1: ("embedsmand", 0), 2: ("embedsmand", 1), 3: ("politiker", 0), 4: ("politiker", 1)}
# name → (group, table, chair)
PEOPLE = {"chair1": ("embedsmand", 1, True), "off1": ("embedsmand", 1, False), "chair2": ("embedsmand", 2, True),
          "pol3": ("politiker", 3, False), "chair3": ("politiker", 3, True), "pol4": ("politiker", 4, False),
          "loner": ("embedsmand", None, False)}
TRACKS = (("challenges", "embedsmand", 1, "Runde 1: Udfordringer"), ("vision", "politiker", 1, "Runde 1: Vision"),
          ("focus_vision", "politiker", 2, "Runde 2: Vision for fokusområdet"),
          ("mission", "embedsmand", 2, "Runde 2: Mission"))


def set_up_day(store: Store, code: str = "TEMA17", open_tasks: tuple[str, ...] = ("challenges", "vision"),
               with_cards: bool = True) -> Day:
    spec = next(s for s in load_event_files() if s.code == code)

    def job(cur):
        event_id = q.event_by_code(cur, code).id
        # This set-up is the event's only one: whatever tracks, tables, chairs and cards its data
        # file gave it are cleared first, so a test knows every round, table and chair.
        for table in ("question_cards", "table_chairs", "event_tables", "round_audience"):
            cur.execute(f"DELETE FROM {table} WHERE event_id = ?", [event_id])
        areas = [f.id for f in q.focus_areas(cur, event_id)]
        rounds = {}
        for task, audience, slot, title in TRACKS:
            rid = q.insert_round(cur, event_id, "drafting", title)
            cur.execute("INSERT INTO round_audience (round_id, event_id, audience, slot, task) VALUES (?,?,?,?,?)",
                        [rid, event_id, audience, slot, task])
            if task in open_tasks:
                q.set_round_status(cur, rid, "open", datetime.now())
            rounds[task] = rid
        focus = {}
        for table_no, (audience, pos) in TABLES.items():
            focus[table_no] = areas[pos] if pos is not None else None
            cur.execute("INSERT INTO event_tables (event_id, table_no, name, audience, focus_area_id) "
                        "VALUES (?,?,?,?,?)", [event_id, table_no, f"Bord {table_no}", audience, focus[table_no]])
        day = Day(event_id, code, rounds, focus)
        for name, (grp, table_no, chair) in PEOPLE.items():
            token = f"daydesign-{code}-{name}-{event_id}".ljust(24, "x")
            pid = q.insert_participant(cur, event_id, grp, "Aalborg", "open", token, table_no)
            day.tokens[name], day.ids[name] = token, pid
            if chair:
                cur.execute("INSERT INTO table_chairs (event_id, table_no, participant_id) VALUES (?,?,?)",
                            [event_id, table_no, pid])
        if with_cards:
            question_cards.insert_cards(cur, event_id, spec.cards)
        return day

    return store.write(job)


def open_slot(store: Store, day: Day, tasks: tuple[str, ...], close: tuple[str, ...] = ()) -> None:
    def job(cur):
        for t in close:
            q.set_round_status(cur, day.rounds[t], "closed", datetime.now())
        for t in tasks:
            q.set_round_status(cur, day.rounds[t], "open", datetime.now())

    store.write(job, event_id=day.event_id)


def participant(store: Store, day: Day, name: str):
    from vision import participants
    return participants.resolve(store, day.code, day.tokens[name])[1]
