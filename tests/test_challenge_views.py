"""The organiser's and secretariat's views of the designed day: chosen challenges on the
control page and the big screen, visions scored by focus area and missions in the review."""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.apptest import ROOT, run, texts
from tests.review_data import populate
from tests.support.day_design import open_slot, participant, set_up_day
from vision import challenges, draft_kinds, screens


def _chosen_day(store):
    day = set_up_day(store, open_tasks=("challenges",))
    for name, chair, prefix in (("off1", "chair1", "Egenmestring"), ("chair2", "chair2", "Beskæftigelse")):
        ids = [challenges.add(store, participant(store, day, name), day.tokens[name], day.rounds["challenges"],
                              f"{prefix} {i}") for i in range(3)]
        challenges.choose(store, participant(store, day, chair), day.tokens[chair], day.rounds["challenges"], ids)
    return day


def test_the_control_page_lists_each_focus_areas_chosen_challenges_and_puts_them_on_screen(app_db):
    day = _chosen_day(app_db)
    screens.forget(day.event_id)
    at = run("pages/control.py", role="organiser", params={"event": "TEMA17"})
    assert not at.exception, at.exception
    page = texts(at)
    assert "Udfordringer valgt af embedsværket" in [s.value for s in at.subheader]
    assert "**Borgerens egenmestring**" in page and "Egenmestring 2" in page and "Beskæftigelse 0" in page
    at.button(key="scrchallenges").click().run()
    assert screens.choice(day.event_id) == screens.CHALLENGES
    screen = run("pages/projector.py", role="organiser", params={"event": "TEMA17"})
    assert not screen.exception, screen.exception
    drawn = "\n".join(h.proto.body for h in screen.get("html"))
    assert "Embedsværkets udfordringer" in drawn
    assert drawn.index("Borgerens egenmestring") < drawn.index("Egenmestring 0") < drawn.index(
        "Socialfagligt fokus på beskæftigelse") < drawn.index("Beskæftigelse 2")
    screens.forget(day.event_id)


def test_the_review_groups_the_vision_test_by_focus_area_and_lists_missions_without_names(app_db):
    day = set_up_day(app_db, open_tasks=("mission",))
    draft_kinds.submit_table_draft(app_db, participant(app_db, day, "chair2"), day.tokens["chair2"],
                                   day.rounds["mission"], "Vi deler viden på tværs af kommunerne.")
    populate(app_db, "TEMA17", 12, seed=5)
    examples = app_db.query("SELECT id FROM drafts WHERE event_id = ? AND is_example ORDER BY position",
                            [day.event_id])
    app_db.write(lambda cur: [cur.execute(
        "INSERT INTO draft_design (draft_id, event_id, kind, focus_area_id) VALUES (?,?,'focus_vision',?)",
        [d, day.event_id, day.focus[t]]) for (d,), t in zip(examples[1:], (1, 2))])
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "pages" / "review.py"), default_timeout=60)
    at.session_state["role"], at.session_state["username"] = "secretariat", "sekretariat"
    at.query_params["event"] = "TEMA17"
    at.run()
    assert not at.exception, at.exception
    subheads = [s.value for s in at.subheader]
    assert "Visionstesten pr. fokusområde" in subheads and "Missioner fra bordene" in subheads
    md = [m.value for m in at.markdown]
    assert md.index("**Overordnet vision**") < md.index("**Borgerens egenmestring**") < md.index(
        "**Socialfagligt fokus på beskæftigelse**")
    assert "Vi deler viden på tværs af kommunerne." in [t.value for t in at.text]
    assert any("Bord 2 · Socialfagligt fokus på beskæftigelse" in c.value for c in at.caption)


def test_the_big_screens_challenges_are_as_large_as_fit_and_never_below_the_smallest_text():
    from vision.ui.challenge_views import fit_font_px

    def areas(n_areas, per_area, length=60):
        return [challenges.FocusChallenges(i, f"Fokusområde {i}", [(i, ["x" * length] * per_area)])
                for i in range(n_areas)]

    one = fit_font_px(areas(1, 3), 1920, 1080, 1)
    four = fit_font_px(areas(4, 3), 1920, 1080, 2)
    crowded = fit_font_px(areas(4, 30, 280), 1920, 1080, 2)
    assert one > four > crowded
    assert four >= 32                     # four areas of three 60-character challenges: 3 % of the height
    assert crowded == 27                  # 1080 / 40, the smallest text the big screen allows
