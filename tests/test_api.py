"""The phones' save of a draft over HTTP (``POST /api/ballot``, ``vision.api``), and the
two questions screens ask instead of running a page on a timer (``/api/rounds``,
``/api/screen``).

A participant relies on it for three things: "Gemt" means the ballot is in the file;
anything else comes back as a sentence they can read (in Danish, or English when the
page is in English) and changes nothing; and the server keeps serving whatever a
phone (or someone on the conference wifi) sends.
"""

from __future__ import annotations

import threading

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from tests.support.voters import ballot, open_scoring_day
from tests.test_bad_input import DANISH, snapshot
from vision import api, events, participants, round_drafts, screens


@pytest.fixture
def day(store):
    return open_scoring_day(store, n_voters=3)


@pytest.fixture
def client(store):
    participants.LIMITER._fails.clear()
    with TestClient(Starlette(routes=api.routes(lambda: store))) as c:
        yield c
    participants.LIMITER._fails.clear()


def body(day, i=0, which=0, **changes):
    out = {"e": day.event_code, "t": day.tokens[i], "lang": "da", "round": day.round_id,
           "draft": day.draft_ids[which], "scores": ballot(i, day.criteria), "comment": None}
    out.update(changes)
    return out


def test_a_save_answers_with_the_receipt_after_its_commit(store, day, client):
    answer = client.post(api.PATH, json=body(day, comment="Godt forslag"))
    assert answer.status_code == 200, answer.text
    got = answer.json()
    assert got["count"] == 9 and len(got["time"]) == 8
    assert got["shown"] == {"rounds": [day.round_id], "drafts": sorted(day.draft_ids), "scored": [], "now": None}
    rows = dict(store.query("SELECT s.criterion_key, s.score FROM scores s JOIN participant_tokens t "
                            "ON t.participant_id = s.participant_id WHERE t.token = ?", [day.tokens[0]]))
    assert rows == ballot(0, day.criteria)
    assert store.query("SELECT text FROM comments")[0][0] == "Godt forslag"


def test_saving_again_replaces_the_answer_and_ved_ikke_is_kept(store, day, client):
    client.post(api.PATH, json=body(day))
    changed = ballot(3, day.criteria) | {day.criteria[0]: None}
    answer = client.post(api.PATH, json=body(day, scores=changed))
    assert answer.status_code == 200
    rows = dict(store.query("SELECT criterion_key, score FROM scores"))
    assert rows == changed and len(rows) == 9


@pytest.mark.parametrize("raw", [b"", b"not json", b"[1, 2]", b'{"e": "TEMA17"}', b'"text"',
                                 b"\xff\xfe", b'{"e": 1, "t": 2, "round": 3, "draft": 4, "scores": {}}'])
def test_a_body_that_is_not_a_ballot_gets_a_danish_message(store, day, client, raw):
    before = snapshot(store)
    answer = client.post(api.PATH, content=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert DANISH.search(answer.json()["error"])
    assert snapshot(store) == before


@pytest.mark.parametrize("field,value", [("round", "1"), ("round", True), ("draft", 2.5), ("draft", None),
                                         ("round", 10**30), ("draft", -1), ("scores", [4, 4]), ("scores", "4")])
def test_fields_of_the_wrong_type_are_refused(store, day, client, field, value):
    before = snapshot(store)
    answer = client.post(api.PATH, json=body(day, **{field: value}))
    assert answer.status_code == 400 and DANISH.search(answer.json()["error"])
    assert snapshot(store) == before


def test_an_oversized_body_is_refused_unread(store, day, client):
    before = snapshot(store)
    answer = client.post(api.PATH, json=body(day, comment="x" * (api.MAX_BODY + 1)))
    assert answer.status_code == 400
    assert snapshot(store) == before


@pytest.mark.parametrize("changes,message", [
    ({"scores": {"retning": 7}}, "En score skal være et helt tal fra 1 til 5"),
    ({"scores": {"retning": "abc"}}, "En score skal være et helt tal fra 1 til 5"),
    ({"scores": {}}, "Giv mindst ét kriterium en score"),
    ({"scores": {"ukendt": 3}}, "Ukendt kriterium"),
    ({"comment": 5}, "Kommentaren kunne ikke læses"),
    ({"comment": "x" * 600}, "Teksten er for lang"),
    ({"t": "A" * 22}, "Deltagerkoden er ukendt"),
    ({"e": "VISION20"}, "anden begivenhed"),
    ({"e": "NOSUCH"}, "findes ingen begivenhed"),
    ({"draft": 999999}, "Forslaget findes ikke"),
])
def test_a_refused_answer_says_why_in_danish_and_changes_nothing(store, day, client, changes, message):
    before = snapshot(store)
    answer = client.post(api.PATH, json=body(day, **changes))
    assert answer.status_code in (404, 409), answer.text
    assert message.lower() in answer.json()["error"].lower(), answer.json()
    assert snapshot(store) == before


def test_a_save_into_a_closed_round_is_refused(store, day, client):
    ev = events.get_event(store, day.event_code)
    events.close_round(store, "t", ev.id, day.round_id)
    api._SHOWN.drop()
    answer = client.post(api.PATH, json=body(day))
    assert answer.status_code == 409
    assert answer.json()["error"] == "Runden er lukket. Dit svar blev ikke gemt."
    assert answer.json()["shown"]["rounds"] == [], "the phone learns that its page is out of date"
    assert store.query("SELECT count(*) FROM scores")[0][0] == 0


def test_a_language_the_app_does_not_speak_gets_danish(store, day, client):
    for lang in (["en"], {"x": 1}, "xx", 5):
        answer = client.post(api.PATH, json=body(day, lang=lang, scores={}))
        assert answer.status_code == 409 and "Giv mindst ét kriterium" in answer.json()["error"]


def test_the_message_comes_in_the_pages_language(store, day, client):
    ev = events.get_event(store, day.event_code)
    events.close_round(store, "t", ev.id, day.round_id)
    answer = client.post(api.PATH, json=body(day, lang="en"))
    assert answer.status_code == 409
    assert "closed" in answer.json()["error"].lower() and not DANISH.search(answer.json()["error"])


def test_guessing_tokens_is_slowed_down_per_address(store, day, client):
    for _ in range(participants.LIMITER.max_failures):
        assert client.post(api.PATH, json=body(day, t="B" * 22)).status_code == 404
    answer = client.post(api.PATH, json=body(day))   # even a right token, from that address, for a while
    assert answer.status_code == 429
    assert "For mange forkerte forsøg" in answer.json()["error"]


def test_the_answer_tells_when_the_organiser_has_changed_what_the_page_shows(store, day, client):
    first = client.post(api.PATH, json=body(day)).json()["shown"]
    ev = events.get_event(store, day.event_code)
    paradox = next(r for r in events.rounds(store, ev.id) if r.kind == "paradox")
    events.open_round(store, "t", ev.id, paradox.id)
    api._SHOWN.drop()       # the cache holds what it read for up to a second
    second = client.post(api.PATH, json=body(day, i=1)).json()["shown"]
    assert second["rounds"] == sorted([day.round_id, paradox.id]) != first["rounds"]


def test_many_phones_saving_at_once_are_all_stored_in_few_commits(store, client):
    day = open_scoring_day(store, n_voters=40)
    commits_before = store.commits
    answers: list[int] = []
    start = threading.Barrier(40)

    def phone(i):
        start.wait()
        answers.append(client.post(api.PATH, json=body(day, i=i, scores=ballot(i, day.criteria))).status_code)

    threads = [threading.Thread(target=phone, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [200] * 40
    rows = store.query("SELECT t.token, s.criterion_key, s.score FROM scores s JOIN participant_tokens t "
                       "ON t.participant_id = s.participant_id")
    by_token: dict[str, dict] = {}
    for token, key, score in rows:
        by_token.setdefault(token, {})[key] = score
    assert by_token == {token: ballot(i, day.criteria) for i, token in enumerate(day.tokens)}
    assert store.commits - commits_before < 40, "waiting saves were committed together"


def test_a_token_revoked_after_its_first_save_is_refused_at_once(store, day, client):
    """The server remembers who a phone is, and forgets it when its token is revoked; even a
    save that slipped through would be judged again inside its transaction."""
    assert client.post(api.PATH, json=body(day)).status_code == 200
    before = snapshot(store)
    participants.revoke(store, "organiser", day_event_id(store, day), day.tokens[0])
    assert participants.recognised(store, day.event_code, day.tokens[0]) is None
    answer = client.post(api.PATH, json=body(day, scores=ballot(2, day.criteria)))
    assert answer.status_code == 404 and "spærret" in answer.json()["error"], answer.json()
    assert snapshot(store) == before


def day_event_id(store, day) -> int:
    return events.get_event(store, day.event_code).id


def test_deleting_the_tokens_after_the_day_forgets_the_phones_here_too(store, day, client):
    assert client.post(api.PATH, json=body(day)).status_code == 200
    ev = events.get_event(store, day.event_code)
    assert participants.recognised(store, day.event_code, day.tokens[0]) is not None
    participants.delete_tokens(store, "secretariat", ev.id)
    assert participants.recognised(store, day.event_code, day.tokens[0]) is None
    answer = client.post(api.PATH, json=body(day, scores=ballot(2, day.criteria)))
    assert answer.status_code == 404 and "ukendt" in answer.json()["error"]


# -- a waiting phone: which rounds are open? ------------------------------------------------------
def ask_rounds(client, day, i=0, **changes):
    return client.post(api.ROUNDS_PATH, json={"e": day.event_code, "t": day.tokens[i], "lang": "da"} | changes)


def test_a_waiting_phone_learns_when_the_organiser_opens_a_round(store, day, client, monkeypatch):
    monkeypatch.setattr(api._SHOWN, "ttl", 60.0)     # a slow machine must not expire it mid-test
    ev = events.get_event(store, day.event_code)
    events.close_round(store, "t", ev.id, day.round_id)
    api._SHOWN.drop()
    assert ask_rounds(client, day).json()["state"]["rounds"] == []
    paradox = next(r for r in events.rounds(store, ev.id) if r.kind == "paradox")
    events.open_round(store, "t", ev.id, paradox.id)
    assert ask_rounds(client, day).json()["state"]["rounds"] == [], "read once per ttl for all phones"
    api._SHOWN.drop()
    assert ask_rounds(client, day, i=1).json()["state"]["rounds"] == [paradox.id]


def test_a_phone_in_a_round_learns_of_every_change_the_page_shows(store, day, client):
    """The answer is what the phone's page is drawn from: the open rounds, the approved
    drafts and a round's own drafts. A draft approved or hidden, the round's drafts chosen,
    the round closed, the next opened: each changes it."""
    ev = events.get_event(store, day.event_code)
    api._SHOWN.drop()
    first = ask_rounds(client, day).json()["state"]
    assert first == {"rounds": [day.round_id], "drafts": sorted(day.draft_ids), "scored": [], "now": None}
    hidden = day.draft_ids[0]
    events.set_draft_status(store, "t", ev.id, hidden, "hidden")
    api._SHOWN.drop()
    assert ask_rounds(client, day).json()["state"]["drafts"] == sorted(set(day.draft_ids) - {hidden})
    events.set_draft_status(store, "t", ev.id, hidden, "approved")
    api._SHOWN.drop()
    assert ask_rounds(client, day).json()["state"] == first
    round_drafts.choose(store, "t", ev.id, day.round_id, day.draft_ids[:0:-1])   # the round's own drafts
    api._SHOWN.drop()
    assert ask_rounds(client, day).json()["state"]["scored"] == [[day.round_id, *day.draft_ids[:0:-1]]]
    paradox = next(r for r in events.rounds(store, ev.id) if r.kind == "paradox")
    events.close_round(store, "t", ev.id, day.round_id)
    events.open_round(store, "t", ev.id, paradox.id)
    api._SHOWN.drop()
    assert ask_rounds(client, day).json()["state"]["rounds"] == [paradox.id]


def test_waiting_phones_are_answered_from_memory(store, day, client, monkeypatch):
    """Five hundred phones asking every few seconds must not each cost a database read."""
    monkeypatch.setattr(api._SHOWN, "ttl", 60.0)
    for i in range(3):
        ask_rounds(client, day, i=i)       # each phone once (after a restart the server reads its token)
    reads = []
    read = store.read
    monkeypatch.setattr(store, "read", lambda *a, **kw: reads.append(1) or read(*a, **kw))
    for _ in range(20):
        for i in range(3):
            assert ask_rounds(client, day, i=i).json()["state"]["rounds"] == [day.round_id]
    assert len(reads) <= 1, "the open rounds are read once per ttl, the tokens not again"


def test_a_waiting_phone_whose_token_was_revoked_is_told_why(store, day, client):
    assert ask_rounds(client, day).status_code == 200
    participants.revoke(store, "organiser", day_event_id(store, day), day.tokens[0])
    answer = ask_rounds(client, day, lang="en")
    assert answer.status_code == 404 and "blocked" in answer.json()["error"].lower()
    assert ask_rounds(client, day, t="C" * 22).status_code == 404


@pytest.mark.parametrize("raw", [b"", b"[]", b'{"e": "TEMA17"}', b'{"e": 1, "t": 2}', b"x" * 5000])
def test_a_question_that_cannot_be_read_gets_a_danish_message(store, day, client, raw):
    answer = client.post(api.ROUNDS_PATH, content=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400 and DANISH.search(answer.json()["error"])


# -- a projector: is there anything new to draw? ------------------------------------------------
def ask_screen(client, event_id, sig=None):
    return client.post(api.SCREEN_PATH, json={"event": event_id,
                                              "sig": screens.signature(event_id) if sig is None else sig})


def test_the_screens_stamp_changes_with_a_vote_and_with_the_organisers_choice(store, day, client):
    ev_id = day_event_id(store, day)
    screens.forget()
    first = ask_screen(client, ev_id).json()["state"]
    assert first == screens.stamp(store.version(ev_id), screens.AUTO)
    assert ask_screen(client, ev_id).json()["state"] == first, "nothing changed, nothing to draw"
    assert client.post(api.PATH, json=body(day)).status_code == 200
    after_vote = ask_screen(client, ev_id).json()["state"]
    assert after_vote != first
    screens.set_choice(ev_id, day.round_id)
    assert ask_screen(client, ev_id).json()["state"] == screens.stamp(store.version(ev_id), day.round_id)
    screens.forget(ev_id)
    assert screens.choice(ev_id) == screens.AUTO


def test_only_a_screen_this_server_drew_may_ask(store, day, client):
    ev_id = day_event_id(store, day)
    for event_id, sig in [(ev_id, "0" * 64), (ev_id, ""), (ev_id + 1, screens.signature(ev_id)), (True, None),
                          ("1", screens.signature(ev_id)), (ev_id, 5)]:
        answer = client.post(api.SCREEN_PATH, json={"event": event_id,
                                                    "sig": screens.signature(ev_id) if sig is None else sig})
        assert answer.status_code == 403 and "state" not in answer.json()
    assert client.post(api.SCREEN_PATH, content=b"{", headers={"Content-Type": "application/json"}).status_code == 400
