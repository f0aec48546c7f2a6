"""The consultation points on the big screen: the organiser puts them on screen from the control
page, the projector shows them in the order picked, and their text keeps the back-row rule
(at least 1/40 of the screen's height) while fitting under the heading."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest

from tests.apptest import run
from vision import consultation as cons
from vision import events, screens
from vision.charts.projector import Screen
from vision.charts.projector_points import LARGEST, points_height, points_layout

QUESTION = "Hvad ønskes ændret i forhold til den nuværende vision?"


@pytest.mark.parametrize("screen", [Screen(1920, 1080), Screen(1280, 720)])
def test_few_short_points_are_large_and_many_long_ones_keep_the_smallest_size(screen):
    few = [["Aalborg · Visionen", QUESTION, "Kortere vision"]] * 2
    layout = points_layout(few, screen)
    assert layout.shown == 2
    assert screen.text_px < layout.font_px <= math.floor(screen.text_px * LARGEST)

    many = [["Brønderslev · Den gode alderdom", QUESTION, "Et langt svar om samarbejde og nærhed. " * 8]] * 12
    layout = points_layout(many, screen)
    assert layout.font_px == screen.text_px          # never below 1/40 of the height
    assert 0 < layout.shown < 12
    shown = points_height(many[:layout.shown], layout.font_px, screen.chart_width)
    assert sum(shown) <= screen.chart_height


@pytest.fixture
def picked(app_db):
    """VISION20's consultation with two answers picked for the big screen, Brønderslev's first."""
    cons.seed_demo(app_db)
    event = events.get_event(app_db, "VISION20")
    c = cons.for_event(app_db, event.id)
    cons.set_deadline(app_db, "sek", c, dt.date.today() + dt.timedelta(days=5))
    c = cons.for_event(app_db, event.id)
    bodies, topics = cons.bodies(app_db, c), cons.topics(app_db, c)
    assert topics[1].question.text == QUESTION
    cons.save_answer(app_db, bodies[0].token, {topics[1].key: "Kortere vision"}, send=True)
    cons.save_answer(app_db, bodies[1].token, {topics[1].key: "Behold <b>ordlyden</b>"}, send=True)
    cons.set_highlights(app_db, "org", c, [(bodies[1].id, topics[1].question.id, 0),
                                           (bodies[0].id, topics[1].question.id, 0)])
    screens.forget()
    yield event
    screens.forget()


def test_the_organiser_puts_the_picked_points_on_the_big_screen(picked):
    event = picked
    control = run("pages/control.py", role="organiser", params={"event": "VISION20"})
    assert not control.exception
    control.button(key="scrpoints").click().run()
    assert screens.choice(event.id) == screens.POINTS
    assert control.button(key="scrpoints").disabled

    at = run("pages/projector.py", role="organiser", params={"event": "VISION20"})
    assert not at.exception, at.exception
    page = "\n".join(h.proto.body for h in at.get("html"))
    assert "Fra høringen før dagen" in page
    # in the order picked, with who said it and to what; the answer's markup is text
    assert page.index("Brønderslev") < page.index("Aalborg")
    assert "Behold &lt;b&gt;ordlyden&lt;/b&gt;" in page and "<b>ordlyden" not in page
    assert QUESTION in page
    sizes = [int(s) for s in re.findall(r"font-size: (\d+)px", page)]
    assert sizes and min(sizes) >= math.ceil(Screen().height / 40)


def test_no_points_button_without_picked_points(app_db):
    screens.forget()
    control = run("pages/control.py", role="organiser", params={"event": "VISION20"})
    assert not control.exception
    assert "scrpoints" not in [b.key for b in control.button]


def test_paradox_counts_stand_on_white_above_the_median_line():
    """The median's line runs up through the panel; each bar's count is an annotation on a
    white ground (annotations are drawn above shapes), so the line never covers a count."""
    from vision.charts.projector import paradox_screen
    from vision.results import ParadoxResult

    positions = (-80, -75, -60, 10, 12, 15, 18, 90)
    p = ParadoxResult(paradox_id=1, title="Nærhed OG højt specialiseret tilbud", left_label="Nærhed",
                      right_label="Højt specialiseret tilbud", respondents=len(positions), positions=positions,
                      median=11.0, mean=sum(positions) / len(positions), suppressed=False)
    fig = paradox_screen((p,))
    counts = {(a.x, a.text) for a in fig.layout.annotations if a.bgcolor == "#ffffff"}
    assert counts == {(-70, "2"), (-50, "1"), (10, "4"), (90, "1")}
    assert all(t.text is None for t in fig.data)      # no count drawn as bar text under the line
    assert any(s.x0 == 11.0 and s.x1 == 11.0 for s in fig.layout.shapes)


def test_drafts_with_too_few_answers_get_no_place_on_the_big_screen():
    """One answer of the three needed: no average, so no "Nr. 1"; a draft with an average
    keeps its place, before them."""
    from vision.charts import projector
    from vision.charts.projector import Screen
    from vision.results import DraftResult, RoundResults

    def draft(i, mean):
        return DraftResult(i, None, f"Forslag nummer {i}", 1 if mean is None else 5, mean, {"k": mean}, {"k": 1},
                           {"k": 0}, mean is None)

    rr = RoundResults(1, "scoring", "Visionstesten", "closed", True, 5,
                      drafts=(draft(10, None), draft(11, 3.5), draft(12, None)))
    heads = [a.text.split("<br>")[0] for a in projector.scoring_screen(rr, [], Screen(1920, 1080)).layout.annotations]
    assert heads == ["<b>Nr. 1 · Forslag 2 · gns. 3,50</b>", "<b>Forslag 1 · for få svar</b>",
                     "<b>Forslag 3 · for få svar</b>"]


def test_the_big_screens_axes_write_numbers_the_danish_way():
    from vision.charts import projector
    from vision.charts.projector import Screen
    from vision.results import FocusResult

    fig = projector.focus_screen((FocusResult(1, "Egenmestring", 2, None, "points", True),), Screen(1920, 1080))
    assert fig.layout.separators == ",."
