"""The organiser shapes an event's rounds on set-up: rename, reorder, remove one without
answers, hide one with answers, copy the rounds of another event. Audited."""

from __future__ import annotations

from vision import results
from vision.errors import NotFoundError, RuleError, UserError
from vision.events.reads import get_event
from vision.events.round_control import round_in_event, round_title
from vision.store import Store
from vision.store import queries as q
from vision.store import setup_queries as sq

def rename_round(store: Store, actor: str, event_id: int, round_id: int, title: str) -> None:
    title = round_title(title)

    def job(cur):
        rnd = round_in_event(cur, event_id, round_id)
        sq.rename_round(cur, round_id, title)
        q.audit(cur, actor, "rename_round", event_id, f"{rnd.title} -> {title}")

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def move_round(store: Store, actor: str, event_id: int, round_id: int, step: int) -> None:
    """Swap a round with its neighbour in the event's order (hidden rounds keep their place)."""
    def job(cur):
        ids = [r.id for r in q.rounds(cur, event_id)]
        if round_id not in ids:
            raise NotFoundError("Runden findes ikke i denne begivenhed.")
        i = ids.index(round_id)
        j = max(0, min(len(ids) - 1, i + step))
        ids[i], ids[j] = ids[j], ids[i]
        for pos, rid in enumerate(ids):
            sq.set_round_position(cur, rid, pos)
        q.audit(cur, actor, "move_round", event_id, str(round_id))

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def remove_round(store: Store, actor: str, event_id: int, round_id: int) -> None:
    """Delete a round that nobody has answered; one with answers can only be hidden."""
    def job(cur):
        rnd = round_in_event(cur, event_id, round_id)
        if rnd.is_open:
            raise RuleError("Runden '{title}' er åben. Luk den først.", title=rnd.title)
        if sq.count_round_answers(cur, round_id):
            raise RuleError("Runden '{title}' har svar og kan ikke slettes. Skjul den i stedet; svarene bliver "
                            "stående til analysen.", title=rnd.title)
        sq.delete_round(cur, round_id)
        q.audit(cur, actor, "remove_round", event_id, rnd.title)

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def set_round_hidden(store: Store, actor: str, event_id: int, round_id: int, hidden: bool) -> None:
    """Hide a round from the day (control, projector, phones) or show it again; its answers stay."""
    def job(cur):
        rnd = round_in_event(cur, event_id, round_id)
        if hidden and rnd.is_open:
            raise RuleError("Runden '{title}' er åben. Luk den først.", title=rnd.title)
        sq.set_round_hidden(cur, event_id, round_id, hidden, actor)
        q.audit(cur, actor, "hide_round" if hidden else "show_round", event_id, rnd.title)

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def copy_rounds(store: Store, actor: str, event_id: int, from_code: str) -> int:
    """Append the (shown) rounds of another event, in its order, as planned rounds; returns how many."""
    source = get_event(store, from_code)
    if source.id == event_id:
        raise UserError("Vælg en anden begivenhed at kopiere runderne fra.")

    def job(cur):
        hidden = sq.hidden_round_ids(cur, source.id)
        copied = [r for r in q.rounds(cur, source.id) if r.id not in hidden]
        if not copied:
            raise UserError("{code} har ingen runder at kopiere.", code=source.code)
        for r in copied:
            q.insert_round(cur, event_id, r.kind, r.title)
        q.audit(cur, actor, "copy_rounds", event_id, f"{source.code}: {len(copied)}")
        return len(copied)

    done = store.write(job, event_id=event_id)
    results.invalidate(event_id)
    return done
