"""The consultation before the day: the demo from the source, answering by link, the deadline."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from vision import consultation as cons
from vision import events, exports
from vision.errors import NotFoundError, RuleError, UserError
from vision.store import queries as q

SOURCE_QUESTIONS = [
    "Hvilket fokus på egenmestring giver mening at have på tværs af de nordjyske kommuner?",
    "Hvad ønskes ændret i forhold til den nuværende vision?",
    "Hvad giver mening, at vi kan samarbejde om i fællesskab og hvad giver bedst mening at den enkelte "
    "organisation selv tager sig af?",
    "Hvilken politisk retning ønskes der for de enkelte fokusområder?",
    "Er der forslag til fælleskommunale initiativer for de enkelte fokusområder?",
    "Er der særlige vinkler og perspektiver, der bør tages højde for under de enkelte fokusområder?",
]


@pytest.fixture
def demo(store):
    assert cons.seed_demo(store) == ["VISION20"]
    event = events.get_event(store, "VISION20")
    return store, event, cons.for_event(store, event.id)


@pytest.fixture
def open_demo(demo):
    store, event, c = demo
    cons.set_deadline(store, "sek", c, dt.date.today() + dt.timedelta(days=10))
    return store, event, cons.for_event(store, event.id)


def test_the_demo_has_the_sources_questions_bodies_and_deadline(demo):
    store, event, c = demo
    assert c.deadline == dt.date(2020, 1, 20)
    assert [x.text for x in cons.questions(store, c)] == SOURCE_QUESTIONS
    names = [b.name for b in cons.bodies(store, c)]
    assert len(names) == 12 and names[0] == "Aalborg" and names[-1] == "Region Nordjylland"
    topics = cons.topics(store, c)
    # two on the vision, then four for each of the three focus areas
    assert len(topics) == 2 + 3 * 4
    assert topics[2].heading == "Den gode alderdom for borgere med et handicap"
    assert cons.seed_demo(store) == []  # once only


def test_each_body_has_its_own_unguessable_token(demo):
    store, _e, c = demo
    tokens = [b.token for b in cons.bodies(store, c)]
    assert len(set(tokens)) == 12 and all(len(t) >= 22 for t in tokens)
    c2, body = cons.resolve(store, tokens[3])
    assert body.name == "Hjørring" and c2.id == c.id
    with pytest.raises(NotFoundError):
        cons.resolve(store, "x" * 22, client="test-client")


def test_a_draft_is_kept_but_not_counted_until_sent_then_revised(open_demo):
    store, _e, c = open_demo
    body = cons.bodies(store, c)[0]
    t = cons.topics(store, c)
    cons.save_answer(store, body.token, {t[0].key: "Halvt færdigt"}, send=False)
    assert cons.answers(store, body)[t[0].key] == "Halvt færdigt"
    prog = cons.progress(store, c)
    assert prog.summary() == "0 af 12 har svaret" and [b.name for b in prog.drafting] == ["Aalborg"]
    assert cons.answers_frame(store, c).empty  # a draft is not read by the secretariat

    cons.save_answer(store, body.token, {t[0].key: "Færdigt", t[2].key: "Fokus 1"}, send=True)
    cons.save_answer(store, body.token, {t[0].key: "Rettet"}, send=True)
    again = cons.bodies(store, c)[0]
    assert again.answered and again.revisions == 1
    frame = cons.answers_frame(store, c)
    assert set(frame.Svar) == {"Rettet", "Fokus 1"}
    assert cons.progress(store, c).summary() == "1 af 12 har svaret"


def test_after_the_deadline_nothing_changes(open_demo):
    store, _e, c = open_demo
    body = cons.bodies(store, c)[1]
    t = cons.topics(store, c)
    cons.save_answer(store, body.token, {t[0].key: "Før fristen"}, send=True)
    late = c.deadline + dt.timedelta(days=1)
    with pytest.raises(RuleError) as err:
        cons.save_answer(store, body.token, {t[0].key: "For sent"}, send=True, today=late)
    assert "Fristen for svar var" in err.value.text()
    assert cons.answers(store, body)[t[0].key] == "Før fristen"
    # the deadline day itself still counts
    cons.save_answer(store, body.token, {t[0].key: "På dagen"}, send=True, today=c.deadline)


def test_bad_answers_are_refused_with_danish_messages(open_demo):
    store, _e, c = open_demo
    body = cons.bodies(store, c)[0]
    t = cons.topics(store, c)
    with pytest.raises(UserError, match="højst"):
        cons.save_answer(store, body.token, {t[0].key: "x" * (cons.ANSWER_MAX_CHARS + 1)}, send=False)
    with pytest.raises(UserError, match="mindst ét svar"):
        cons.save_answer(store, body.token, {t[0].key: "  "}, send=True)
    with pytest.raises(UserError, match="Genindlæs"):
        cons.save_answer(store, body.token, {(t[0].key[0], 999999): "x"}, send=False)


def test_reminder_lists_only_the_missing_with_their_links(open_demo):
    store, _e, c = open_demo
    bodies = cons.bodies(store, c)
    t = cons.topics(store, c)
    cons.save_answer(store, bodies[0].token, {t[0].key: "Svar"}, send=True)
    prog = cons.progress(store, c)
    text = cons.reminder_text(c, prog.missing, "https://visionsdag.example.dk")
    assert f"https://visionsdag.example.dk/?h={bodies[1].token}" in text
    assert bodies[0].token not in text and "Aalborg:" not in text
    cons.mark_reminded(store, "sek", c, prog.missing)
    assert all(b.reminded_at for b in cons.bodies(store, c)[1:])
    assert store.read(lambda cur: q.audit_entries(cur, c.event_id))[0][2] == "consultation_reminder"


def test_side_by_side_and_export(open_demo):
    from openpyxl import load_workbook

    store, _e, c = open_demo
    bodies = cons.bodies(store, c)
    t = cons.topics(store, c)
    for b, word in zip(bodies[:3], ("A", "B", "C")):
        cons.save_answer(store, b.token, {t[0].key: f"vision {word}", t[3].key: f"retning {word}"}, send=True)
    frame = cons.answers_frame(store, c)
    wide = cons.side_by_side(frame, "Den gode alderdom for borgere med et handicap")
    assert list(wide.Organ) == ["Aalborg", "Brønderslev", "Frederikshavn"]
    assert list(wide[SOURCE_QUESTIONS[3]]) == ["retning A", "retning B", "retning C"]
    book = load_workbook(io.BytesIO(exports.to_xlsx(cons.export_tables(store, c))))
    assert book.sheetnames[:3] == ["Status", "Alle svar", "Visionen"]
    status = [[c.value for c in row] for row in book["Status"].iter_rows(min_row=2)]
    assert status[0][:2] == ["Aalborg", "Svaret"] and status[5][:2] == ["Læsø", "Mangler"]


def test_chosen_points_for_the_big_screen(open_demo):
    store, event, c = open_demo
    bodies = cons.bodies(store, c)
    t = cons.topics(store, c)
    cons.save_answer(store, bodies[0].token, {t[1].key: "Kortere vision"}, send=True)
    cons.save_answer(store, bodies[1].token, {t[1].key: "Behold ordlyden"}, send=True)
    cons.set_highlights(store, "org", c, [(bodies[1].id, t[1].question.id, 0), (bodies[0].id, t[1].question.id, 0)])
    points = cons.projector_points(store, event.id)
    assert [(p.body, p.text) for p in points] == [("Brønderslev", "Behold ordlyden"), ("Aalborg", "Kortere vision")]
    with pytest.raises(UserError):
        cons.set_highlights(store, "org", c, [(bodies[2].id, t[1].question.id, 0)])  # not answered


def test_create_checks_its_input_and_one_per_event(store):
    event = events.get_event(store, "TEMA17")
    args = dict(title="Input", deadline=dt.date(2030, 1, 1), questions=[("vision", "Hvad?")], bodies=["A", "B"])
    with pytest.raises(UserError, match="frist"):
        cons.create(store, "s", event.id, **{**args, "deadline": None})
    with pytest.raises(UserError, match="én gang"):
        cons.create(store, "s", event.id, **{**args, "bodies": ["A", "a"]})
    with pytest.raises(UserError, match="spørgsmål"):
        cons.create(store, "s", event.id, **{**args, "questions": [("vision", " ")]})
    c = cons.create(store, "s", event.id, **args)
    assert [b.name for b in cons.bodies(store, c)] == ["A", "B"]
    with pytest.raises(UserError, match="allerede"):
        cons.create(store, "s", event.id, **args)
    assert cons.delete_for_event(store, "s", event.id) is True
    assert cons.for_event(store, event.id) is None


def test_deleting_the_event_deletes_its_consultation_and_answers(open_demo):
    store, event, c = open_demo
    body = cons.bodies(store, c)[0]
    t = cons.topics(store, c)
    cons.save_answer(store, body.token, {t[0].key: "Et svar"}, send=True)
    events.delete_event(store, "sek", event.id, "VISION20")
    assert cons.for_event(store, event.id) is None
    with pytest.raises(NotFoundError):
        cons.resolve(store, body.token, client="test-delete")
