"""Saving answers: the one place that decides what a participant may save.

Every save checks, inside the transaction that writes it: the token belongs to the
event, the round is open and of the right kind, the draft is approved, of this event
and one the round scores, and every value is in range. Saving again replaces the
earlier answer, so a resubmission is always safe. A save the disk refuses is a :class:`SaveFailedError`
(a user error: "try again in a moment"), never confirmed.
"""

from __future__ import annotations

from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from vision import round_drafts
from vision.errors import RuleError, SaveFailedError
from vision.events import clean_text
from vision.events import tracks
from vision.model import (
    COMMENT_MAX_CHARS,
    PARADOX_MAX,
    PARADOX_MIN,
    SCORE_MAX,
    SCORE_MIN,
    Participant,
)
from vision.store import Store, StoreWriteError
from vision.store import queries as q


@contextmanager
def _written():
    """A save the disk refused becomes the participant's "try again in a moment"."""
    try:
        yield
    except StoreWriteError:
        raise SaveFailedError() from None


written = _written
"""The same, for the saves of the day's tables in their own modules (challenges, a table's draft)."""


def _translated(inner: Future) -> Future:
    """``inner``'s result, with a refusal of the disk as :class:`SaveFailedError`."""
    outer: Future = Future()

    def done(f: Future) -> None:
        exc = f.exception()
        if exc is None:
            outer.set_result(f.result())
        else:
            outer.set_exception(SaveFailedError() if isinstance(exc, StoreWriteError) else exc)

    inner.add_done_callback(done)
    return outer


@dataclass(frozen=True)
class Receipt:
    what: str          # 'scores', 'paradoxes', 'focus', 'draft'
    saved_at: datetime
    count: int         # answers saved


def _int_in_range(value, lo: int, hi: int, msgid: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise RuleError(msgid)
    try:
        number = int(str(value).strip())
    except ValueError:
        raise RuleError(msgid) from None
    if not lo <= number <= hi:
        raise RuleError(msgid)
    return number


def _judge(check: tuple, participant: Participant, kind: str, draft_id: int | None) -> None:
    """The rules every save shares, judged on one row of ``q.save_checks``: the token is
    this participant's and not revoked; the round is of this event, of this kind and
    open; and, for a score, the draft is of this event, approved and one the round scores
    (``vision.round_drafts``)."""
    token_pid, r_event, r_kind, r_status, d_event, d_status, _criteria, chosen = check
    if token_pid != participant.id:
        raise RuleError("Deltagerkoden er ikke længere gyldig.")
    if r_event != participant.event_id:
        raise RuleError("Runden findes ikke i denne begivenhed.")
    if r_kind != kind:
        raise RuleError("Svaret passer ikke til denne runde.")
    if r_status != "open":
        raise RuleError("Runden er lukket. Dit svar blev ikke gemt.")
    if draft_id is not None:
        if d_event != participant.event_id:
            raise RuleError("Forslaget findes ikke i denne begivenhed.")
        if d_status != "approved":
            raise RuleError("Forslaget er ikke godkendt til afstemning.")
        if not round_drafts.allows(chosen, draft_id):
            raise RuleError("Forslaget er ikke med i denne runde. Dit svar blev ikke gemt.")


def _check_rules(cur, participant: Participant, token: str, round_id: int, kind: str,
                 draft_id: int | None = None) -> None:
    _judge(q.save_checks(cur, [(token, round_id, draft_id)])[0], participant, kind, draft_id)
    tracks.check_sees(cur, participant, round_id)


def check_round_rules(cur, participant: Participant, token: str, round_id: int, kind: str) -> None:
    """The rules every save of a round shares (token, event, kind, open), for the saves of the
    day's tables (challenges, a table's draft) that live in their own modules."""
    _check_rules(cur, participant, token, round_id, kind)


@dataclass(frozen=True)
class _Ballot:
    participant: Participant
    token: str
    round_id: int
    draft_id: int
    scores: dict[str, int | None]
    comment: str | None
    at: datetime


MEMO_LIMIT = 20_000


def _save_ballots(cur, items: list[_Ballot], memo: dict) -> list[Receipt | RuleError]:
    """Check and write waiting ballots together (the writer hands over all that wait).

    The rules are read with one key lookup per kind of row for all of them; what was
    read is kept in the writer's memo (``Store.write_bulk``) until any other write runs.
    In a hall that is voting, a save reads at most its token (once per participant):
    only other writes (a round closing, a token revoked, a draft approved) can change
    the rules, and they empty the memo."""
    if len(memo.get("tokens", ())) + len(items) > MEMO_LIMIT:
        memo.clear()
    checks = q.save_checks(cur, [(b.token, b.round_id, b.draft_id) for b in items], memo)
    results: list[Receipt | RuleError] = []
    accepted: list[_Ballot] = []
    for b, check in zip(items, checks):
        try:
            _judge(check, b.participant, "scoring", b.draft_id)
            tracks.check_sees(cur, b.participant, b.round_id, memo)
            if not set(b.scores) <= set(check[6]):
                raise RuleError("Ukendt kriterium.")
        except RuleError as refusal:
            results.append(refusal)
            continue
        accepted.append(b)
        results.append(Receipt("scores", b.at, len(b.scores)))
    q.replace_ballots(cur, [(b.round_id, b.participant.id, b.draft_id, b.scores, b.comment, b.at) for b in accepted])
    return results


def save_scores(store: Store, participant: Participant, token: str, round_id: int, draft_id: int,
                scores: dict[str, object], comment: str | None = None) -> Receipt:
    """Save one participant's scores for one draft. ``None`` means "Ved ikke"."""
    return submit_scores(store, participant, token, round_id, draft_id, scores, comment).result(timeout=60.0)


def submit_scores(store: Store, participant: Participant, token: str, round_id: int, draft_id: int,
                  scores: dict[str, object], comment: str | None = None) -> Future:
    """:func:`save_scores` without waiting: values that are refused raise here; the
    future gets the :class:`Receipt` after the commit, or the refusal of the rules
    judged inside the transaction."""
    if not isinstance(scores, dict) or not scores:
        raise RuleError("Giv mindst ét kriterium en score, eller vælg 'Ved ikke'.")
    clean: dict[str, int | None] = {}
    for key, value in scores.items():
        clean[str(key)] = None if value is None else _int_in_range(
            value, SCORE_MIN, SCORE_MAX, "En score skal være et helt tal fra 1 til 5 eller 'Ved ikke'.")
    if comment is not None and not isinstance(comment, str):
        raise RuleError("Kommentaren kunne ikke læses.")
    comment_text = clean_text(comment, COMMENT_MAX_CHARS) if comment and comment.strip() else None
    ballot = _Ballot(participant, token, round_id, draft_id, clean, comment_text, datetime.now())
    return _translated(store.submit_bulk(_save_ballots, ballot, event_id=participant.event_id))


def save_paradoxes(store: Store, participant: Participant, token: str, round_id: int,
                   positions: dict[int, object]) -> Receipt:
    if not isinstance(positions, dict) or not positions:
        raise RuleError("Placér dig på mindst ét paradoks.")
    clean = {int(k): _int_in_range(v, PARADOX_MIN, PARADOX_MAX, "En placering skal være et helt tal fra -100 til 100.")
             for k, v in positions.items()}
    now = datetime.now()

    def job(cur):
        _check_rules(cur, participant, token, round_id, "paradox")
        ids = {p.id for p in q.paradoxes(cur, participant.event_id)}
        if set(clean) - ids:
            raise RuleError("Paradokset findes ikke i denne begivenhed.")
        q.upsert_paradox_positions(cur, round_id, participant.id, clean, now)
        return Receipt("paradoxes", now, len(clean))

    with _written():
        return store.write(job, event_id=participant.event_id)


def save_focus(store: Store, participant: Participant, token: str, round_id: int,
               values: dict[int, object]) -> Receipt:
    """Points to distribute (sum = the event's points) or a ranking (1..n, each once)."""
    if not isinstance(values, dict) or not values:
        raise RuleError("Prioritér mindst ét fokusområde.")
    raw = {int(k): _int_in_range(v, 0, 100, "En prioritet skal være et helt tal fra 0 til 100.")
           for k, v in values.items()}
    now = datetime.now()

    def job(cur):
        _check_rules(cur, participant, token, round_id, "focus")
        event = q.event_by_id(cur, participant.event_id)
        ids = [f.id for f in q.focus_areas(cur, participant.event_id)]
        if set(raw) - set(ids):
            raise RuleError("Fokusområdet findes ikke i denne begivenhed.")
        if event.focus_mode == "points":
            total = sum(raw.values())
            if total != event.focus_points:
                raise RuleError("Fordel præcis {p} point (du har fordelt {t}).", p=event.focus_points, t=total)
        else:
            ranks = sorted(raw.values())
            if set(raw) != set(ids) or ranks != list(range(1, len(ids) + 1)):
                raise RuleError("Giv hvert fokusområde sin egen plads fra 1 til {n}.", n=len(ids))
        q.replace_focus_priorities(cur, round_id, participant.id, raw, now)
        return Receipt("focus", now, len(raw))

    with _written():
        return store.write(job, event_id=participant.event_id)


def submit_draft(store: Store, participant: Participant, token: str, round_id: int, text: str) -> Receipt:
    """A table's draft vision statement; it waits for the organiser's approval. The one save
    of a table's draft is ``vision.draft_kinds.submit_table_draft`` (kind, focus area, checklist)."""
    from vision import draft_kinds      # it builds on this module's rules

    return draft_kinds.submit_table_draft(store, participant, token, round_id, text)


def my_answers(store: Store, participant: Participant, round_id: int) -> dict:
    """What this participant has saved in a round (for prefilling their page)."""
    def read(cur):
        return {
            "ballots": q.ballots_of(cur, round_id, participant.id),
            "paradoxes": q.paradox_positions_of(cur, round_id, participant.id),
            "focus": q.focus_priorities_of(cur, round_id, participant.id),
            "drafts": q.draft_submitted_by(cur, participant.id, participant.event_id),
        }

    return store.read(read)
