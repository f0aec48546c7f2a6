"""Simulated answers for demonstrations and screenshots (never used on a real day)."""

from __future__ import annotations

import random

from vision import ballots, events, participants, round_drafts
from vision.events import tracks
from vision.store import Store
from vision.store import audit_queries
from vision.store import queries as q

GROUP_WEIGHTS = {"politiker": 0.4, "embedsmand": 0.35, "brugerorganisation": 0.2, "andet": 0.05}


SIMULATED = "simulated_answers"
"""The audit log's action for an event filled with simulated answers."""


def simulate(store: Store, code: str, n: int = 40, seed: int = 7, reveal: bool = True) -> None:
    """Join ``n`` participants to event ``code`` and answer every scoring, paradox and
    focus round through the real save path (each round by the groups it is for, a scoring
    round its own drafts); rounds are opened, answered and closed."""
    rng = random.Random(seed)
    ev = events.get_event(store, code)
    units = [u for u in events.units(store, ev.id) if not u.startswith(("Anden", "Handicap"))][:8]
    people = []
    for _ in range(n):
        grp = rng.choices(list(GROUP_WEIGHTS), weights=list(GROUP_WEIGHTS.values()))[0]
        token = participants.join_open(store, ev, grp, rng.choice(units))
        people.append((participants.resolve(store, code, token)[1], token))
    content = events.event_content(store, ev.id)
    drafts = [d for d in content["drafts"] if d.status == "approved"]
    bias = {d.id: rng.uniform(-1.0, 1.0) for d in drafts}
    tr = tracks.tracks(store, ev.id)
    for rnd in content["rounds"]:
        if rnd.kind == "drafting":
            continue
        events.open_round(store, "demo", ev.id, rnd.id)
        for p, token in people:
            if not tracks.sees(tracks.of_round(tr, rnd.id), p.grp):
                continue          # a round of another group's track
            if rnd.kind == "scoring":
                for d in round_drafts.scored_in(drafts, content["round_drafts"].get(rnd.id)):
                    scores = {}
                    for c in content["criteria"]:
                        if rng.random() < 0.05:
                            scores[c.key] = None
                        else:
                            scores[c.key] = max(1, min(5, round(3.4 + bias[d.id] + rng.gauss(0, 0.9))))
                    ballots.save_scores(store, p, token, rnd.id, d.id, scores)
            elif rnd.kind == "paradox":
                lean = {"politiker": -20, "embedsmand": 25, "brugerorganisation": -45, "andet": 0}[p.grp]
                ballots.save_paradoxes(store, p, token, rnd.id, {
                    x.id: max(-100, min(100, int(rng.gauss(lean, 35)) // 5 * 5)) for x in content["paradoxes"]})
            elif rnd.kind == "focus":
                areas = content["focus_areas"]
                if ev.focus_mode == "points":
                    pts = [0] * len(areas)
                    for _ in range(ev.focus_points):
                        pts[min(len(areas) - 1, int(abs(rng.gauss(0, 1.3))))] += 1
                    rng.shuffle(pts) if rng.random() < 0.3 else None
                    ballots.save_focus(store, p, token, rnd.id, {a.id: v for a, v in zip(areas, pts)})
                else:
                    order = list(range(1, len(areas) + 1))
                    rng.shuffle(order)
                    ballots.save_focus(store, p, token, rnd.id, {a.id: v for a, v in zip(areas, order)})
        events.close_round(store, "demo", ev.id, rnd.id)
        if reveal:
            events.set_revealed(store, "demo", ev.id, rnd.id, True)
    events.log_action(store, "demo", SIMULATED, f"{n} simulerede deltagere", event_id=ev.id)


def shows_examples(store: Store, event) -> bool:
    """Whether the event's results are examples, to be labelled "Eksempeldata" wherever they
    are shown: a demo event, or one filled with simulated answers (:func:`simulate`)."""
    return bool(event.is_demo) or store.read(lambda cur: audit_queries.has_action(cur, event.id, SIMULATED))


def round_of(store: Store, code: str, kind: str):
    ev = events.get_event(store, code)
    return next(r for r in store.read(lambda cur: q.rounds(cur, ev.id)) if r.kind == kind)
