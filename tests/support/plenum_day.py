"""A TEMA17 day with table drafts of the first drafting round: two overall visions (no
design row), and visions for two focus areas (``draft_design`` rows, as the tables write
them), one of them still pending."""

from __future__ import annotations

from dataclasses import dataclass

from vision import events
from vision.store import Store


@dataclass
class PlenumDay:
    event_id: int
    drafting: int
    scoring: int
    overall: list[int]
    by_area: dict[int, list[int]]      # focus area id -> draft ids
    area_titles: dict[int, str]


def design(store: Store, event_id: int, draft_id: int, round_id: int, focus_area_id: int | None) -> None:
    store.write(lambda cur: cur.execute(
        "INSERT INTO draft_design (draft_id, event_id, kind, focus_area_id, round_id) VALUES (?,?,?,?,?)",
        [draft_id, event_id, "focus_vision" if focus_area_id else "vision", focus_area_id, round_id]),
        event_id=event_id)


def plenum_day(store: Store, code: str = "TEMA17") -> PlenumDay:
    ev = events.get_event(store, code)
    rounds = events.rounds(store, ev.id)
    drafting = next(r.id for r in rounds if r.kind == "drafting")
    scoring = next(r.id for r in rounds if r.kind == "scoring")
    areas = events.event_content(store, ev.id)["focus_areas"]
    overall = [events.add_draft(store, "t", ev.id, text, "Bord 1", "table", approved=False)
               for text in ("Alle borgere skal kunne leve et så selvstændigt liv som muligt.",
                            "Sammen skaber vi de bedste tilbud tæt på borgeren.")]
    by_area: dict[int, list[int]] = {}
    for i, (area, texts) in enumerate(((areas[2], ["Psykiatrien og kommunerne møder borgeren som én.",
                                                   "Ingen borger skal falde mellem to stole."]),
                                       (areas[0], ["Borgeren er herre i eget liv."]))):
        for j, text in enumerate(texts):
            did = events.add_draft(store, "t", ev.id, text, f"Bord {2 + i}", "table", approved=j > 0)
            design(store, ev.id, did, drafting, area.id)
            by_area.setdefault(area.id, []).append(did)
    return PlenumDay(ev.id, drafting, scoring, overall, by_area, {a.id: a.title for a in areas})
