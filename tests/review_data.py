"""Realistic answers for review tests and the review screenshot, saved through vision.ballots."""

from __future__ import annotations

import copy
import functools
import random
import shutil
import tempfile
from pathlib import Path

from vision import ballots, events, participants
from vision.events import tracks
from vision.store import Store
from vision.store import queries as q

COMMENTS = [
    "Kort og til at huske – men hvad betyder det i praksis for borgeren?",
    "Mangler et tidspunkt: hvornår skal vi være i mål?",
    "Godt, at borgerens egenmestring står centralt.",
    "For mange ord. Husketesten falder.",
    "Den geografiske dimension er vigtig for de små kommuner.",
    "Siger det noget nyt i forhold til den nuværende vision?",
]


def open_all(store: Store, event_id: int) -> None:
    for r in events.rounds(store, event_id):
        if r.status != "open":
            events.open_round(store, "test", event_id, r.id)


def join(store: Store, code: str, people: list[tuple[str, str]]):
    """Participants (group, unit) who join by the open link; returns (participant, token) pairs."""
    event = events.get_event(store, code)
    out = []
    for grp, unit in people:
        token = participants.join_open(store, event, grp, unit)
        out.append((store.read(lambda cur, t=token: q.participant_by_token(cur, t))[0], token))
    return out


def realistic_people(n: int, rng: random.Random, units: list[str], with_other: bool = False
                     ) -> list[tuple[str, str]]:
    """Mostly politicians and officials from the municipalities and a few user
    organisations; with ``with_other``, one participant in 'andet' (too small a group)."""
    municipalities = [u for u in units if u not in ("Danske Handicaporganisationer", "Skole og Forældre",
                                                    "Handicaprådet", "Anden brugerorganisation")]
    big = municipalities[:4]
    people = []
    for i in range(n - (1 if with_other else 0)):
        r = rng.random()
        if r < 0.45:
            people.append(("politiker", rng.choice(big if rng.random() < 0.8 else municipalities)))
        elif r < 0.85:
            people.append(("embedsmand", rng.choice(big if rng.random() < 0.8 else municipalities)))
        else:
            people.append(("brugerorganisation", rng.choice(["Danske Handicaporganisationer", "Handicaprådet"])))
    if with_other:
        people.append(("andet", "Læsø"))
    return people


def populate(store: Store, code: str = "VISION20", n: int = 60, seed: int = 7, with_other: bool = False) -> dict:
    """Open every round of the event and let ``n`` participants answer all of it."""
    rng = random.Random(seed)
    event = events.get_event(store, code)
    open_all(store, event.id)
    rounds = events.rounds(store, event.id)
    units = events.units(store, event.id)
    people = join(store, code, realistic_people(n, rng, units, with_other))
    drafts = store.read(lambda cur: q.drafts(cur, event.id))
    criteria = store.read(lambda cur: q.criteria(cur, event.id))
    paradoxes = store.read(lambda cur: q.paradoxes(cur, event.id))
    areas = store.read(lambda cur: q.focus_areas(cur, event.id))
    # Each draft has a character: a base level per criterion; officials are a bit stricter,
    # and draft 2 splits the room on "fornyelse".
    base = {d.id: {c.key: rng.uniform(2.4, 4.4) for c in criteria} for d in drafts}
    round_tracks = tracks.tracks(store, event.id)
    for pos, (p, token) in enumerate(people):
        for r in tracks.for_group(rounds, round_tracks, p.grp):    # a phone answers its group's rounds
            if r.kind == "scoring":
                for i, d in enumerate(drafts):
                    scores = {}
                    for c in criteria:
                        x = rng.random()
                        if x < 0.06:
                            scores[c.key] = None            # "Ved ikke"
                            continue
                        if x < 0.09:
                            continue                        # skipped
                        level = base[d.id][c.key] - (0.5 if p.grp == "embedsmand" else 0)
                        if i == 1 and c.key == "fornyelse":
                            level = 1.3 if rng.random() < 0.5 else 4.8
                        scores[c.key] = max(1, min(5, round(rng.gauss(level, 0.8))))
                    comment = rng.choice(COMMENTS) if rng.random() < 0.15 else None
                    ballots.save_scores(store, p, token, r.id, d.id, scores, comment)
            elif r.kind == "paradox" and paradoxes:
                lean = -35 if p.grp == "politiker" else 25
                ballots.save_paradoxes(store, p, token, r.id, {
                    x.id: max(-100, min(100, int(rng.gauss(lean, 40)))) for x in paradoxes})
            elif r.kind == "focus" and areas:
                if event.focus_mode == "rank":
                    order = sorted(areas, key=lambda a: rng.random() + (0.4 if a.position == 2 and p.grp ==
                                                                        "politiker" else 0))
                    ballots.save_focus(store, p, token, r.id, {a.id: k for k, a in enumerate(order, start=1)})
                else:
                    points = [0] * len(areas)
                    for _ in range(event.focus_points):
                        points[min(int(rng.expovariate(0.8)), len(areas) - 1)] += 1
                    ballots.save_focus(store, p, token, r.id, {a.id: v for a, v in zip(areas, points)})
    return {"event": event, "people": people, "drafts": drafts, "rounds": rounds}


@functools.cache
def _populated(code: str, n: int, seed: int, with_other: bool) -> tuple[Path, dict]:
    from tests.support.seeded import copy_of, seeded_once

    folder = Path(tempfile.mkdtemp(prefix="visionsdag-populated-"))
    path = copy_of(seeded_once(), folder / "populated.duckdb")
    store = Store(path)
    try:
        info = populate(store, code, n, seed, with_other)
    finally:
        store.close()                   # checkpointed: the file alone holds everything
    return path, info


def populated_copy(target: Path, code: str = "VISION20", n: int = 60, seed: int = 7,
                   with_other: bool = False) -> dict:
    """``target`` becomes a copy of the demo events' database after ``populate(code, n, seed,
    with_other)``; what ``populate`` returned comes back. Populating takes a second or more
    (a commit per save), so it is done once per process for each set of arguments and copied."""
    path, info = _populated(code, n, seed, with_other)
    shutil.copyfile(path, target)
    return copy.deepcopy(info)
