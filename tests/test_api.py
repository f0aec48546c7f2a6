"""The phones' save of a draft over HTTP (``POST /api/ballot``, ``vision.api``).

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
from vision import api, events, participants


@pytest.fixture
def day(store):
    return open_scoring_day(store, n_voters=3)


@pytest.fixture
def client(store):
    participants.LIMITER._fails.clear()
    with TestClient(Starlette(routes=[api.ballot_route(lambda: store)])) as c:
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
    assert got["shown"] == {"rounds": [day.round_id], "drafts": sorted(day.draft_ids)}
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
    api._SHOWN.clear()
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
    api._SHOWN.clear()       # the cache holds what it read for up to a second
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
