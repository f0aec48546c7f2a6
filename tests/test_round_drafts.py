"""A scoring round scores its own drafts: after the plenum, the hall scores exactly the drafts
the plenum showed, not the morning's overall visions or the examples; a round with no drafts
of its own scores every approved draft, as before. Every save path refuses a score for a
draft that is not in the round, and every reader lists only the round's drafts."""

from __future__ import annotations

import io
import re

import docx
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from tests.support.plenum_day import plenum_day
from tests.test_bad_input import DANISH, snapshot
from vision import (api, ballots, committee_paper, draft_kinds, events, exports, participants, plenum, results,
                    round_drafts)
from vision.charts import projector
from vision.charts.projector import Screen
from vision.errors import RuleError
from vision.review import build_review

NINE = {"retning": 4, "meningsfuld": 3, "realitet": 5, "motivation": 4, "brugbar": 2, "formidling": None,
        "beslutning": 3, "husketesten": 4, "fornyelse": 5}


@pytest.fixture
def after_plenum(store):
    """TEMA17 after the plenum on the first drafting round: the scoring round is open with
    the plenum's drafts; the seed's example drafts are approved too, but not in the round."""
    day = plenum_day(store)
    events.open_round(store, "anna", day.event_id, day.drafting)
    view = plenum.start(store, "anna", day.event_id, day.drafting)
    shown = [d.id for g in view.groups for d in g.drafts]
    plenum.open_for_scoring(store, "anna", day.event_id)
    ev = events.get_event(store, "TEMA17")
    token = participants.join_open(store, ev, "politiker", "Aalborg")
    _, person = participants.resolve(store, "TEMA17", token)
    examples = [d.id for d in events.drafts(store, day.event_id) if d.is_example]
    assert examples and not set(examples) & set(shown)
    return day, shown, examples, person, token


def test_the_plenum_gives_the_scoring_round_exactly_its_drafts_in_its_order(store, after_plenum):
    day, shown, examples, person, token = after_plenum
    assert round_drafts.chosen(store, day.event_id) == {day.scoring: tuple(shown)}
    content = events.event_content(store, day.event_id)
    on_phone = round_drafts.scored_in(content["drafts"], content["round_drafts"].get(day.scoring))
    assert [d.id for d in on_phone] == shown and len(shown) == 5


def test_a_score_for_a_draft_not_in_the_round_is_refused_and_nothing_is_written(store, after_plenum):
    day, shown, examples, person, token = after_plenum
    before = snapshot(store)
    with pytest.raises(RuleError, match="ikke med i denne runde") as refusal:
        ballots.save_scores(store, person, token, day.scoring, examples[0], NINE)
    assert DANISH.search(refusal.value.text("da"))
    assert snapshot(store) == before
    receipt = ballots.save_scores(store, person, token, day.scoring, shown[0], NINE)
    assert receipt.count == 9


def test_the_bulk_save_judges_each_ballot_by_its_round(store, after_plenum):
    """Ballots waiting together for one commit: the ones in the round are written, the
    one outside it is refused alone."""
    day, shown, examples, person, token = after_plenum
    futures = [ballots.submit_scores(store, person, token, day.scoring, d, NINE) for d in (shown[0], examples[0],
                                                                                          shown[1])]
    assert futures[0].result(10).count == 9 and futures[2].result(10).count == 9
    with pytest.raises(RuleError, match="ikke med i denne runde"):
        futures[1].result(10)
    scored = {r[0] for r in store.query("SELECT DISTINCT draft_id FROM scores WHERE round_id = ?", [day.scoring])}
    assert scored == {shown[0], shown[1]}


def test_the_phones_save_over_http_is_refused_with_a_danish_message(store, after_plenum):
    day, shown, examples, person, token = after_plenum
    participants.LIMITER._fails.clear()
    with TestClient(Starlette(routes=api.routes(lambda: store))) as client:
        before = snapshot(store)
        answer = client.post(api.PATH, json={"e": "TEMA17", "t": token, "lang": "da", "round": day.scoring,
                                             "draft": examples[0], "scores": NINE, "comment": None})
        assert answer.status_code in (403, 409, 422), answer.text
        assert "ikke med i denne runde" in answer.json()["error"]
        assert answer.json()["shown"]["scored"] == [[day.scoring, *shown]]
        assert snapshot(store) == before
        english = client.post(api.PATH, json={"e": "TEMA17", "t": token, "lang": "en", "round": day.scoring,
                                              "draft": examples[0], "scores": NINE, "comment": None})
        assert "not part of this round" in english.json()["error"]


def test_results_review_and_committee_paper_list_only_the_rounds_drafts(store, after_plenum):
    day, shown, examples, person, token = after_plenum
    ballots.save_scores(store, person, token, day.scoring, shown[0], NINE)
    rr = results.compute(store, day.event_id).round(day.scoring)
    assert [d.draft_id for d in rr.drafts] == shown
    review = build_review(store, day.event_id, day.scoring)
    assert [d.draft_id for d in review.drafts] == shown
    assert len(exports.ranking_table(review)) == len(shown)
    paper = docx.Document(io.BytesIO(committee_paper.paper_for_event(store, day.event_id, day.scoring)))
    quoted = {p.text for p in paper.paragraphs if p.text.startswith("»")}
    texts = {d.id: " ".join(d.text.split()) for d in events.drafts(store, day.event_id)}
    assert quoted == {f"»{texts[i]}«" for i in shown}, "the paper quotes the round's drafts, no example"


def test_a_round_without_drafts_of_its_own_scores_every_approved_draft(store):
    ev = events.get_event(store, "VISION20")
    scoring = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    approved = [d.id for d in events.drafts(store, ev.id)]
    assert round_drafts.chosen(store, ev.id) == {}
    assert [d.draft_id for d in results.compute(store, ev.id).round(scoring.id).drafts] == approved


def test_the_organiser_chooses_a_rounds_drafts_until_it_has_answers(store):
    ev = events.get_event(store, "VISION20")
    scoring = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    other = next(r for r in events.rounds(store, ev.id) if r.kind != "scoring")
    approved = [d.id for d in events.drafts(store, ev.id)]
    cache = results.ResultsCache(min_interval=60)
    assert len(cache.get(store, ev.id).round(scoring.id).drafts) == len(approved)
    round_drafts.choose(store, "anna", ev.id, scoring.id, [approved[-1], approved[0]])
    assert [d.draft_id for d in cache.get(store, ev.id).round(scoring.id).drafts] == [approved[-1], approved[0]], \
        "the cached results follow at once"
    with pytest.raises(RuleError, match="visionstesten"):
        round_drafts.choose(store, "anna", ev.id, other.id, approved[:1])
    events.open_round(store, "anna", ev.id, scoring.id)
    token = participants.join_open(store, ev, "politiker", events.units(store, ev.id)[0])
    _, person = participants.resolve(store, ev.code, token)
    with pytest.raises(RuleError, match="ikke med i denne runde"):
        ballots.save_scores(store, person, token, scoring.id, approved[1], {"retning": 3})
    ballots.save_scores(store, person, token, scoring.id, approved[0], {"retning": 3})
    with pytest.raises(RuleError, match="har allerede svar"):
        round_drafts.choose(store, "anna", ev.id, scoring.id, [])
    assert round_drafts.chosen(store, ev.id) == {scoring.id: (approved[-1], approved[0])}


def test_copying_an_event_keeps_its_rounds_drafts_and_deleting_it_clears_them(store):
    ev = events.get_event(store, "VISION20")
    scoring = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    approved = [d.id for d in events.drafts(store, ev.id)]
    round_drafts.choose(store, "anna", ev.id, scoring.id, [approved[1]])
    copy = events.copy_event(store, "anna", ev.code, "KOPI26", "Kopi")
    new_scoring = next(r for r in events.rounds(store, copy) if r.kind == "scoring")
    new_drafts = events.drafts(store, copy)
    assert round_drafts.chosen(store, copy) == {new_scoring.id: (new_drafts[1].id,)}
    events.delete_event(store, "anna", copy, "KOPI26")
    assert store.query("SELECT count(*) FROM round_drafts WHERE event_id = ?", [copy])[0][0] == 0


def test_the_big_screen_groups_the_vision_test_by_focus_area_as_the_review_does(store, after_plenum):
    """The plenum's drafts (two overall visions, visions of two focus areas) are scored; the
    projector's figure shows them group after group, best first in each, each panel naming
    its group, and no text below the back-row size."""
    day, shown, examples, person, token = after_plenum
    groups = [(title or kind, ids) for title, kind, ids in draft_kinds.results_groups(store, day.event_id, shown)]
    assert [ids for _n, ids in groups] == [day.overall, *(day.by_area[a] for a in day.area_titles
                                                          if a in day.by_area)]
    assert draft_kinds.results_groups(store, day.event_id, day.overall) == [], "no focus area: no groups"
    ev = events.get_event(store, "TEMA17")
    events.update_event(store, "anna", ev.id, min_group_size=1)
    for d, value in zip(shown, (2, 5, 3, 4, 1)):
        ballots.save_scores(store, person, token, day.scoring, d, {k: value for k in NINE})
    rr = results.compute(store, day.event_id).round(day.scoring)
    for screen in (Screen(1920, 1080), Screen(1280, 720)):
        fig = projector.scoring_screen(rr, results.compute(store, day.event_id).criteria, screen, groups=groups)
        heads = [a.text for a in fig.layout.annotations]
        names = [" ".join(re.sub("<[^>]+>", "", x).strip() for x in h.split("<br>")[:-2]).strip() for h in heads]
        assert names == [n for n, ids in groups for _ in ids], "group after group, each name in full"
        assert heads[0].split("<br>")[-2].startswith("<b>Nr. 1 · Forslag 2 ·"), "the better overall vision first"
        assert [h.split("<br>")[-2][:20] for h in heads[3:]] == ["<b>Nr. 1 · Forslag 4", "<b>Nr. 2 · Forslag 5"], \
            "places counted within the group"
        assert min(a.font.size for a in fig.layout.annotations) >= screen.text_px
    summary = projector.screen_summary(rr, (), groups)
    assert "pr. fokusområde" in summary and all(n in summary for n, _ids in groups)


def test_repeating_the_vision_test_scores_the_same_drafts_again(store, after_plenum):
    day, shown, examples, person, token = after_plenum
    again = events.repeat_round(store, "anna", day.event_id, day.scoring)
    assert round_drafts.chosen(store, day.event_id)[again] == tuple(shown)
