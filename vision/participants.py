"""Joining an event: pseudonymous tokens, never a name.

A token is 128 random bits (22 URL-safe characters). It lives in the phone's URL
(``?e=CODE&t=TOKEN``), so a reload or a locked phone returns to the same
participant. Failed token look-ups are counted per client and slowed down.
"""

from __future__ import annotations

import secrets
import threading
import time
import weakref
from collections import OrderedDict, deque
from dataclasses import dataclass

from vision import clientaddr, results, tables
from vision.errors import NotFoundError, RateLimitedError, SaveFailedError, UserError
from vision.events import get_event, units
from vision.memo import TtlMemo
from vision.model import GROUPS, Event, Participant
from vision.store import Store, StoreWriteError
from vision.store import queries as q

TOKEN_BYTES = 16  # 128 bits


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class FailureLimiter:
    """Counts failed attempts per client (a key from ``vision.clientaddr``) in a sliding window.

    A client with ``max_failures`` failures within ``window_s`` gets no answer until the oldest
    leaves the window. With ``backoff_s``, a client also waits after each failure beyond the
    first ``free`` ones: ``backoff_s`` after the first of them, twice as long after each next,
    at most ``max_wait_s``. Other clients are not affected."""

    def __init__(self, max_failures: int = 10, window_s: float = 60.0, backoff_s: float = 0.0,
                 free: int = 0, max_wait_s: float = 300.0):
        self.max_failures = max_failures
        self.window_s = window_s
        self.backoff_s = backoff_s
        self.free = free
        self.max_wait_s = max_wait_s
        self._fails: dict[str, deque] = {}
        self._lock = threading.Lock()

    def wait_after(self, failures: int) -> float:
        """Seconds a client must wait after its ``failures``-th failure in the window."""
        if not self.backoff_s or failures <= self.free:
            return 0.0
        return min(self.backoff_s * 2 ** (failures - self.free - 1), self.max_wait_s)

    def check(self, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            fails = self._fails.get(client)
            if not fails:
                return
            while fails and now - fails[0] > self.window_s:
                fails.popleft()
            if len(fails) >= self.max_failures:
                wait = self.window_s - (now - fails[0])
            else:
                wait = (fails[-1] + self.wait_after(len(fails)) - now) if fails else 0.0
            if wait > 0:
                raise RateLimitedError(
                    "For mange forkerte forsøg fra denne enhed. Vent {s} sekunder, og prøv igen.",
                    s=int(wait) + 1)

    def failures(self, client: str) -> int:
        """Failures of ``client`` within the window."""
        now = time.monotonic()
        with self._lock:
            return sum(1 for t in self._fails.get(client, ()) if now - t <= self.window_s)

    def fail(self, client: str) -> int:
        """Count a failure; returns the client's failures within the window."""
        with self._lock:
            fails = self._fails.setdefault(client, deque())
            fails.append(time.monotonic())
            if len(self._fails) > 10_000:  # bound memory on a hostile network
                self._fails.pop(next(iter(self._fails)))
            return len(fails)


LIMITER = FailureLimiter()


PHONE_READS_TTL = 2.0
"""How long a phone's page may use the event and the join form's lists read for another
phone: a hall that scans the QR code at once reads them once, and a change in set-up shows
on the phones at most two seconds later."""

_EVENTS: TtlMemo[str, Event] = TtlMemo(ttl=PHONE_READS_TTL)


@dataclass(frozen=True)
class JoinForm:
    """What the join screen offers: the event, its municipalities and organisations, its
    tables and the focus areas' titles by id."""
    event: Event
    units: list[str]
    tables: list[tables.Table]
    areas: dict[int, str]


_JOIN_FORMS: TtlMemo[int, JoinForm] = TtlMemo(ttl=PHONE_READS_TTL)


def event_for_phone(store: Store, event_code: str) -> Event:
    """The event of a phone's link (``?e=CODE``), as :func:`vision.events.get_event` says,
    read at most once every :data:`PHONE_READS_TTL` seconds for all phones."""
    code = (event_code or "").strip().upper()
    return _EVENTS.get(store, code, lambda: get_event(store, code))


def join_form(store: Store, event_code: str) -> JoinForm:
    """The join screen's event and lists, read once for a hall arriving at once."""
    event = event_for_phone(store, event_code)

    def read() -> JoinForm:
        all_tables, areas = tables.with_areas(store, event.id)
        return JoinForm(event, units(store, event.id), all_tables, areas)

    return _JOIN_FORMS.get(store, event.id, read)


def join_open(store: Store, event: Event, grp: str, unit: str | None, table_no: int | None = None) -> str:
    """Create a participant for an open-join event and return their new token. If the event
    has tables for the group, ``table_no`` must be one of them (``vision.tables``)."""
    if event.join_mode != "open":
        raise UserError("Denne begivenhed kræver et personligt QR-kort. Spørg arrangøren.")
    if grp not in GROUPS:
        raise UserError("Vælg, hvilken gruppe du tilhører.")
    token = new_token()

    def job(cur):
        allowed = q.units(cur, event.id)
        if not unit or unit not in allowed:
            raise UserError("Vælg din kommune eller organisation fra listen.")
        table = tables.check_table(cur, event.id, grp, table_no)
        q.insert_participant(cur, event.id, grp, unit, "open", token, table)

    try:
        store.write(job, event_id=event.id)
    except StoreWriteError:     # a full or failing disk: the person is told to press again in a moment
        raise SaveFailedError() from None
    return token


def generate_tokens(store: Store, actor: str, event_id: int, specs: list[tuple[str, str | None, int | None]],
                    progress=None, chunk: int = 100) -> list[str]:
    """Personal tokens with preset group, unit and table; ``progress(done, total)`` per chunk."""
    for grp, _unit, _table in specs:
        if grp not in GROUPS:
            raise UserError("Ukendt gruppe: {g}", g=grp)
    tokens: list[str] = []
    total = len(specs)
    for start in range(0, total, chunk):
        part = specs[start:start + chunk]
        made = [new_token() for _ in part]

        def job(cur, part=part, made=made):
            for (grp, unit, table), tok in zip(part, made):
                q.insert_participant(cur, event_id, grp, unit, "preset", tok, table)

        store.write(job, event_id=event_id)
        tokens.extend(made)
        if progress:
            progress(len(tokens), total)
    store.write(lambda cur: q.audit(cur, actor, "generate_tokens", event_id, str(total)), event_id=event_id)
    results.invalidate(event_id)
    return tokens


def client_key(address: object) -> str:
    """A coarse, non-identifying key for rate limiting (``vision.clientaddr.client_key``)."""
    return clientaddr.client_key(address)


class _Recognised:
    """The participants this server has recognised by their phone's (event code, token),
    most recent first, at most ``size`` of them: a phone saves several drafts in a row,
    and the save route (``vision.api``) finds it here instead of reading the token again.
    Nothing here decides whether a save is allowed: that is judged inside every save's
    transaction (``vision.ballots``). When tokens are revoked or deleted, or the event is,
    the link from token to participant is dropped here too."""

    def __init__(self, size: int = 20_000):
        self.size = size
        self._lock = threading.Lock()
        self._by_store: weakref.WeakKeyDictionary[Store, OrderedDict[tuple[str, str], Participant]] = \
            weakref.WeakKeyDictionary()

    def get(self, store: Store, code: str, token: str) -> Participant | None:
        with self._lock:
            return self._by_store.get(store, {}).get((code, token))

    def add(self, store: Store, code: str, token: str, participant: Participant) -> None:
        with self._lock:
            known = self._by_store.setdefault(store, OrderedDict())
            known[(code, token)] = participant
            known.move_to_end((code, token))
            while len(known) > self.size:
                known.popitem(last=False)

    def drop(self, event_id: int, token: str | None = None) -> None:
        with self._lock:
            for known in self._by_store.values():
                for key in [k for k, p in known.items()
                            if p.event_id == event_id and (token is None or k[1] == token)]:
                    del known[key]


_RECOGNISED = _Recognised()


def recognised(store: Store, event_code: str, token: str) -> Participant | None:
    """The participant of a phone that :func:`resolve` recognised earlier in this process,
    without reading the database; None if it has not (then call :func:`resolve`)."""
    return _RECOGNISED.get(store, event_code, token)


def forget_event(event_id: int) -> None:
    """Drop what this process remembers of the event's phones (the event is deleted)."""
    _RECOGNISED.drop(event_id)
    _JOIN_FORMS.drop(event_id)
    _EVENTS.drop()


def resolve(store: Store, event_code: str, token: str | None, client: str = "?") -> tuple[Event, Participant]:
    """The event and participant for a phone's URL, or a :class:`UserError` that says why not."""
    LIMITER.check(client)
    event = event_for_phone(store, event_code)
    if not token:
        raise NotFoundError("Du mangler en deltagerkode.")
    found = store.read(lambda cur: q.participant_by_token(cur, token)) if len(token) <= 64 else None
    if found is None:
        LIMITER.fail(client)
        raise NotFoundError("Deltagerkoden er ukendt. Scan QR-koden igen, eller spørg arrangøren.")
    participant, revoked = found
    if participant.event_id != event.id:
        LIMITER.fail(client)
        raise NotFoundError("Deltagerkoden hører til en anden begivenhed. Scan QR-koden for denne dag.")
    if revoked:
        raise NotFoundError("Deltagerkoden er spærret. Spørg arrangøren om et nyt kort.")
    _RECOGNISED.add(store, event_code, token, participant)
    return event, participant


def revoke(store: Store, actor: str, event_id: int, token: str) -> None:
    def job(cur):
        if not q.revoke_token(cur, token):
            raise NotFoundError("Deltagerkoden er ukendt.")
        q.audit(cur, actor, "revoke_token", event_id, None)

    store.write(job, event_id=event_id)
    results.invalidate(event_id)
    _RECOGNISED.drop(event_id, token)


def delete_tokens(store: Store, actor: str, event_id: int) -> int:
    """After the day: remove every phone's link to its answers; results stay."""
    def job(cur):
        n = q.delete_tokens(cur, event_id)
        q.audit(cur, actor, "delete_tokens", event_id, str(n))
        return n

    n = store.write(job, event_id=event_id)
    forget_event(event_id)
    return n


def preset_tokens(store: Store, event_id: int):
    return store.read(lambda cur: q.preset_tokens(cur, event_id))
