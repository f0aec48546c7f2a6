"""A hall arriving at once reads the join form's data once (vision.memo, vision.participants)."""

from __future__ import annotations

import threading
import time

import pytest

from vision import events, participants
from vision.errors import NotFoundError
from vision.memo import TtlMemo


def _at_once(n: int, work) -> list:
    """``n`` real threads released together, each running ``work``; their results."""
    start, out, lock = threading.Barrier(n), [], threading.Lock()

    def one():
        start.wait()
        value = work()
        with lock:
            out.append(value)

    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return out


def test_threads_asking_at_once_share_one_read(store):
    memo, reads = TtlMemo(ttl=60.0), []

    def read():
        reads.append(1)
        time.sleep(0.05)          # a read long enough for every thread to arrive meanwhile
        return {"value": 42}

    got = _at_once(40, lambda: memo.get(store, "k", read))
    assert len(got) == 40 and all(g == {"value": 42} for g in got)
    assert len(reads) == 1


def test_a_kept_value_is_read_again_after_its_time_and_after_a_drop(store):
    memo, reads = TtlMemo(ttl=0.2), []
    memo.get(store, "k", lambda: reads.append(1) or len(reads))
    assert memo.get(store, "k", lambda: reads.append(1) or len(reads)) == 1
    time.sleep(0.25)
    assert memo.get(store, "k", lambda: reads.append(1) or len(reads)) == 2
    memo.drop("k")
    assert memo.get(store, "k", lambda: reads.append(1) or len(reads)) == 3


def test_a_read_that_fails_is_not_kept(store):
    memo = TtlMemo(ttl=60.0)

    def fail():
        raise NotFoundError("nej")

    with pytest.raises(NotFoundError):
        memo.get(store, "k", fail)
    assert memo.get(store, "k", lambda: "then found") == "then found"


def test_a_hall_of_phones_on_the_join_screen_reads_the_database_once(store, monkeypatch):
    participants.forget_event(0)
    reads = []
    real = type(store).read

    def counting(self, fn, *a, **kw):
        reads.append(1)
        return real(self, fn, *a, **kw)

    monkeypatch.setattr(type(store), "read", counting)
    forms = _at_once(60, lambda: participants.join_form(store, "tema17"))
    assert {f.event.code for f in forms} == {"TEMA17"}
    assert all(f.units and f.tables and f.areas for f in forms)
    # the event by its code, the municipalities, the tables with the focus areas: three reads
    assert len(reads) <= 3


def test_a_change_in_set_up_reaches_the_join_screen_within_its_time(store):
    participants.forget_event(0)
    ev = events.get_event(store, "TEMA17")
    before = participants.join_form(store, "TEMA17").units
    events.set_units(store, "arrangør", ev.id, before[1:])
    time.sleep(participants.PHONE_READS_TTL + 0.1)
    assert before[0] not in participants.join_form(store, "TEMA17").units


def test_an_unknown_code_is_refused_every_time(store):
    for _ in range(2):
        with pytest.raises(NotFoundError):
            participants.join_form(store, "NOPE99")
