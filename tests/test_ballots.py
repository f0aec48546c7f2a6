"""The rules of saving an answer, enforced by the domain on every save."""

from __future__ import annotations

import pytest

from vision import ballots, events, participants
from vision.errors import NotFoundError, RuleError, UserError
from vision.store import ballot_queries
from vision.store import queries as q


@pytest.fixture
def day(store):
    """TEMA17 with one joined politician and the scoring round open."""
    ev = events.get_event(store, "TEMA17")
    token = participants.join_open(store, ev, "politiker", "Aalborg")
    _, p = participants.resolve(store, "TEMA17", token)
    rounds = {}
    for r in events.rounds(store, ev.id):      # the first of each kind: the politicians' in a slot
        rounds.setdefault(r.kind, r)
    for kind in ("scoring", "paradox", "focus", "drafting"):
        events.open_round(store, "test", ev.id, rounds[kind].id)
    draft = events.drafts(store, ev.id)[0]
    return store, ev, p, token, rounds, draft


ALL_NINE = {"retning": 5, "meningsfuld": 4, "realitet": 3, "motivation": 2, "brugbar": 1, "formidling": None,
            "beslutning": 4, "husketesten": 5, "fornyelse": 3}


def stored_scores(store, round_id, participant_id):
    return dict(store.query("SELECT criterion_key, score FROM scores WHERE round_id = ? AND participant_id = ?",
                            [round_id, participant_id]))


def test_full_ballot_is_saved_with_dont_know(day):
    store, ev, p, token, rounds, draft = day
    receipt = ballots.save_scores(store, p, token, rounds["scoring"].id, draft.id, ALL_NINE, "God retning")
    assert receipt.count == 9
    saved = stored_scores(store, rounds["scoring"].id, p.id)
    assert saved == {k: v for k, v in ALL_NINE.items()}
    assert store.query("SELECT dont_know FROM scores WHERE criterion_key = 'formidling'") == [(True,)]
    assert store.query("SELECT text FROM comments") == [("God retning",)]


def test_saving_again_replaces_and_never_duplicates(day):
    store, ev, p, token, rounds, draft = day
    ballots.save_scores(store, p, token, rounds["scoring"].id, draft.id, ALL_NINE)
    changed = dict(ALL_NINE, retning=1)
    ballots.save_scores(store, p, token, rounds["scoring"].id, draft.id, changed)
    assert store.query("SELECT count(*) FROM scores")[0][0] == 9
    assert stored_scores(store, rounds["scoring"].id, p.id)["retning"] == 1


@pytest.mark.parametrize("value", [0, 6, 7, -1, "x", "3.5", 2.0, True, [3]])
def test_scores_out_of_range_or_not_numbers_are_refused(day, value):
    store, ev, p, token, rounds, draft = day
    with pytest.raises(RuleError, match="helt tal fra 1 til 5"):
        ballots.save_scores(store, p, token, rounds["scoring"].id, draft.id, {"retning": value})
    assert store.query("SELECT count(*) FROM scores")[0][0] == 0


def test_unknown_criterion_is_refused(day):
    store, ev, p, token, rounds, draft = day
    with pytest.raises(RuleError, match="Ukendt kriterium"):
        ballots.save_scores(store, p, token, rounds["scoring"].id, draft.id, {"retning": 3, "hacked": 5})
    assert store.query("SELECT count(*) FROM scores")[0][0] == 0


def test_closed_round_refuses_and_keeps_earlier_answer(day):
    store, ev, p, token, rounds, draft = day
    ballots.save_scores(store, p, token, rounds["scoring"].id, draft.id, {"retning": 4})
    events.close_round(store, "test", ev.id, rounds["scoring"].id)
    with pytest.raises(RuleError, match="Runden er lukket"):
        ballots.save_scores(store, p, token, rounds["scoring"].id, draft.id, {"retning": 1})
    assert stored_scores(store, rounds["scoring"].id, p.id) == {"retning": 4}


@pytest.mark.parametrize("change", ["close the round", "hide the draft", "revoke the token"])
def test_a_save_after_the_organiser_changes_the_rules_is_judged_by_the_new_rules(day, change):
    """The writer remembers the rules it read for earlier saves; any other write (a round
    closed, a draft hidden, a token revoked) makes it read them again."""
    store, ev, p, token, rounds, draft = day
    rid = rounds["scoring"].id
    ballots.save_scores(store, p, token, rid, draft.id, ALL_NINE)
    ballots.save_scores(store, p, token, rid, draft.id, dict(ALL_NINE, retning=2))     # rules from the memo
    if change == "close the round":
        events.close_round(store, "test", ev.id, rid)
    elif change == "hide the draft":
        events.set_draft_status(store, "test", ev.id, draft.id, "hidden")
    else:
        participants.revoke(store, "test", ev.id, token)
    with pytest.raises(RuleError):
        ballots.save_scores(store, p, token, rid, draft.id, dict(ALL_NINE, retning=1))
    assert stored_scores(store, rid, p.id)["retning"] == 2


def test_saves_in_a_voting_hall_read_each_rule_once(day, monkeypatch):
    """Saves that follow each other read the round, its drafts, the draft and the criteria once; a
    participant not seen before costs one read of the tokens only; another write (a
    join) in between makes the next save read them all again."""
    store, ev, p, token, rounds, draft = day
    token2 = participants.join_open(store, ev, "embedsmand", "Rebild")
    _, p2 = participants.resolve(store, "TEMA17", token2)
    reads = []
    real = ballot_queries.lookup_missing

    def counting(con, kind, keys, known):
        before = set(known.get(kind, {}))
        found = real(con, kind, keys, known)
        if set(found) - before:
            reads.append(kind)
        return found

    monkeypatch.setattr(ballot_queries, "lookup_missing", counting)
    rid = rounds["scoring"].id
    for score in (1, 2, 3):
        ballots.save_scores(store, p, token, rid, draft.id, {"retning": score})
    assert sorted(reads) == ["criteria", "drafts", "round_drafts", "rounds", "tokens"]
    reads.clear()
    ballots.save_scores(store, p2, token2, rid, draft.id, {"retning": 5})
    assert reads == ["tokens"]
    with pytest.raises(RuleError, match="ikke længere gyldig"):       # another's token is still refused
        ballots.save_scores(store, p2, token, rid, draft.id, {"retning": 5})
    reads.clear()
    participants.join_open(store, ev, "politiker", "Aalborg")
    ballots.save_scores(store, p, token, rid, draft.id, {"retning": 4})
    assert sorted(reads) == ["criteria", "drafts", "round_drafts", "rounds", "tokens"]
    assert stored_scores(store, rid, p.id) == {"retning": 4}
    assert stored_scores(store, rid, p2.id) == {"retning": 5}


def test_planned_round_refuses(store):
    ev = events.get_event(store, "VISION20")
    token = participants.join_open(store, ev, "politiker", "Aalborg")
    _, p = participants.resolve(store, "VISION20", token)
    rnd = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    with pytest.raises(RuleError, match="Runden er lukket"):
        ballots.save_scores(store, p, token, rnd.id, events.drafts(store, ev.id)[0].id, {"retning": 3})


def test_draft_of_another_event_is_refused(day):
    store, ev, p, token, rounds, draft = day
    other = events.get_event(store, "VISION20")
    foreign = events.drafts(store, other.id)[0]
    with pytest.raises(RuleError, match="findes ikke i denne begivenhed"):
        ballots.save_scores(store, p, token, rounds["scoring"].id, foreign.id, {"retning": 3})


def test_round_of_another_event_is_refused(day):
    store, ev, p, token, rounds, draft = day
    other = events.get_event(store, "VISION20")
    foreign_round = next(r for r in events.rounds(store, other.id) if r.kind == "scoring")
    events.open_round(store, "test", other.id, foreign_round.id)
    with pytest.raises(RuleError, match="Runden findes ikke"):
        ballots.save_scores(store, p, token, foreign_round.id, draft.id, {"retning": 3})


def test_unapproved_draft_is_refused(day):
    store, ev, p, token, rounds, draft = day
    pending = events.add_draft(store, "test", ev.id, "Et forslag der venter", approved=False)
    with pytest.raises(RuleError, match="ikke godkendt"):
        ballots.save_scores(store, p, token, rounds["scoring"].id, pending, {"retning": 3})
    events.set_draft_status(store, "test", ev.id, pending, "approved")
    ballots.save_scores(store, p, token, rounds["scoring"].id, pending, {"retning": 3})


def test_token_of_another_participant_is_refused(day):
    store, ev, p, token, rounds, draft = day
    other_token = participants.join_open(store, ev, "embedsmand", "Aalborg")
    with pytest.raises(RuleError, match="ikke længere gyldig"):
        ballots.save_scores(store, p, other_token, rounds["scoring"].id, draft.id, {"retning": 3})


def test_revoked_token_cannot_save_or_resolve(day):
    store, ev, p, token, rounds, draft = day
    participants.revoke(store, "test", ev.id, token)
    with pytest.raises(RuleError):
        ballots.save_scores(store, p, token, rounds["scoring"].id, draft.id, {"retning": 3})
    with pytest.raises(NotFoundError, match="spærret"):
        participants.resolve(store, "TEMA17", token)


def test_forged_and_foreign_tokens_are_refused(day):
    store, ev, p, token, rounds, draft = day
    with pytest.raises(NotFoundError, match="ukendt"):
        participants.resolve(store, "TEMA17", "A" * 22, client="forger")
    with pytest.raises(NotFoundError, match="anden begivenhed"):
        participants.resolve(store, "VISION20", token, client="other")


def test_tokens_have_128_random_bits():
    tokens = {participants.new_token() for _ in range(2000)}
    assert len(tokens) == 2000
    assert all(len(t) == 22 for t in tokens)  # 16 bytes, URL-safe base64


def test_paradox_positions_in_range(day):
    store, ev, p, token, rounds, draft = day
    pdx = store.read(lambda cur: q.paradoxes(cur, ev.id))
    ballots.save_paradoxes(store, p, token, rounds["paradox"].id, {pdx[0].id: -100, pdx[1].id: 35})
    for bad in (101, -101, "left"):
        with pytest.raises(RuleError, match="-100 til 100"):
            ballots.save_paradoxes(store, p, token, rounds["paradox"].id, {pdx[0].id: bad})
    assert sorted(store.query("SELECT position FROM paradox_positions")) == [(-100,), (35,)]


def test_focus_points_must_sum_to_the_events_points(day):
    store, ev, p, token, rounds, draft = day
    areas = store.read(lambda cur: q.focus_areas(cur, ev.id))
    with pytest.raises(RuleError, match="præcis 10 point"):
        ballots.save_focus(store, p, token, rounds["focus"].id, {areas[0].id: 6, areas[1].id: 5})
    ballots.save_focus(store, p, token, rounds["focus"].id, {areas[0].id: 6, areas[1].id: 4})
    ballots.save_focus(store, p, token, rounds["focus"].id, {areas[2].id: 10})  # a change replaces
    assert store.query("SELECT focus_area_id, value FROM focus_priorities") == [(areas[2].id, 10)]


def test_focus_ranking_must_be_a_permutation(store):
    ev = events.get_event(store, "VISION20")
    token = participants.join_open(store, ev, "politiker", "Aalborg")
    _, p = participants.resolve(store, "VISION20", token)
    rnd = next(r for r in events.rounds(store, ev.id) if r.kind == "focus")
    events.open_round(store, "t", ev.id, rnd.id)
    a = store.read(lambda cur: q.focus_areas(cur, ev.id))
    with pytest.raises(RuleError, match="sin egen plads"):
        ballots.save_focus(store, p, token, rnd.id, {a[0].id: 1, a[1].id: 1, a[2].id: 2})
    ballots.save_focus(store, p, token, rnd.id, {a[0].id: 2, a[1].id: 3, a[2].id: 1})


def test_table_draft_waits_for_approval_and_is_replaced_not_duplicated(day):
    store, ev, p, token, rounds, draft = day
    ballots.submit_draft(store, p, token, rounds["drafting"].id, "Alle skal kunne se et træ")
    ballots.submit_draft(store, p, token, rounds["drafting"].id, "Alle skal kunne se to træer")
    pending = events.drafts(store, ev.id, ("pending",))
    assert [d.text for d in pending] == ["Alle skal kunne se to træer"]
    assert pending[0].id not in [d.id for d in events.drafts(store, ev.id)]


@pytest.mark.parametrize("text,msg", [("", "tom"), ("   \x00\x07 ", "tom"), ("x" * 601, "for lang")])
def test_draft_text_is_cleaned_and_limited(day, text, msg):
    store, ev, p, token, rounds, draft = day
    with pytest.raises(UserError, match=msg):
        ballots.submit_draft(store, p, token, rounds["drafting"].id, text)


def test_control_characters_are_stripped(day):
    store, ev, p, token, rounds, draft = day
    ballots.submit_draft(store, p, token, rounds["drafting"].id, "Vi\x00 vil\x1b nå\u007f langt")
    assert events.drafts(store, ev.id, ("pending",))[0].text == "Vi vil nå langt"


def test_join_needs_group_and_listed_unit(store):
    ev = events.get_event(store, "TEMA17")
    with pytest.raises(UserError, match="gruppe"):
        participants.join_open(store, ev, "hacker", "Aalborg")
    with pytest.raises(UserError, match="fra listen"):
        participants.join_open(store, ev, "politiker", "Atlantis")
    assert store.query("SELECT count(*) FROM participants")[0][0] == 0


def test_repeated_failed_tokens_are_slowed_down(store):
    limiter = participants.FailureLimiter(max_failures=3, window_s=60)
    for _ in range(3):
        limiter.fail("phone")
    from vision.errors import RateLimitedError

    with pytest.raises(RateLimitedError, match="Vent"):
        limiter.check("phone")
    limiter.check("another-phone")
