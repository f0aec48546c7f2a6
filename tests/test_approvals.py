"""Approval tracking: who approves (from the governance files), statuses, deadline, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from vision import approvals as ap
from vision import processes as proc
from vision.charts.approvals import governance_status_overlay, timeline_status_overlay
from vision.charts.governance import governance_figure
from vision.charts.timeline import timeline_figure
from vision.errors import UserError
from vision.store import queries as q


def _process(pid: str):
    process = next(i.model for i in proc.load_processes() if i.id == pid)
    return process, proc.governance_for(process.region)


MIDT = "midtjylland-aarshjul"


def test_midtjylland_approvers_follow_the_draft_path_and_each_council_decides():
    process, gov = _process(MIDT)
    keys = [a.key for a in ap.approvers(process, gov)]
    # FU writes the proposal and Socialstyrelsen only receives it: neither approves
    assert keys[:3] == ["dassos", "kdnet", "kkr"] and "fu" not in keys and "socialstyrelsen" not in keys
    councils = [k for k in keys if k.startswith("kommunalbestyrelser:")]
    assert len(councils) == 19 and "kommunalbestyrelser:Aarhus" in councils
    assert keys[-1] == "regionsraad"


def test_the_deadline_is_15_october_of_this_year_for_the_yearly_wheel():
    process, gov = _process(MIDT)
    assert ap.deadline(process, gov, dt.date(2031, 3, 1)) == dt.date(2031, 10, 15)


def test_summary_counts_councils_and_warns_before_the_deadline(store):
    process, gov = _process(MIDT)
    today = dt.date(2026, 9, 30)
    councils = [a for a in ap.approvers(process, gov) if a.body_id == "kommunalbestyrelser"]
    for a in councils[:9]:
        ap.record(store, "sek", process, gov, a.key, "approved", dt.date(2026, 9, 1), "https://x.dk/referat",
                  today=today)
    s = ap.summary(store, process, gov, today)
    assert s.text() == "9 af 19 byråd har godkendt; frist 15. oktober"
    warning = s.warning(today)
    assert warning.startswith("Fristen 15. oktober er om 15 dage") and councils[9].name in warning
    assert s.warning(dt.date(2026, 8, 1)) is None          # too early to warn
    assert "overskredet" in s.warning(dt.date(2026, 10, 16))


def test_statuses_by_body_for_the_map(store):
    process, gov = _process(MIDT)
    ap.record(store, "sek", process, gov, "kkr", "approved_with_remarks", dt.date(2026, 6, 1), "KKR 1/6",
              "Ønsker opfølgning på takster", today=dt.date(2026, 7, 1))
    ap.record(store, "sek", process, gov, "kommunalbestyrelser:Skive", "rejected", dt.date(2026, 9, 1),
              today=dt.date(2026, 9, 2))
    ap.record(store, "sek", process, gov, "kommunalbestyrelser:Viborg", "approved", dt.date(2026, 9, 1),
              today=dt.date(2026, 9, 2))
    by = ap.by_body(ap.summary(store, process, gov))
    assert by["kkr"].state == "approved" and by["kkr"].label() == "Godkendt"
    assert by["kommunalbestyrelser"].state == "rejected" and by["kommunalbestyrelser"].label() == "1/19 godkendt"
    assert by["dassos"].state == "pending"
    fig = governance_status_overlay(governance_figure(gov), gov, by)
    badges = [a.text for a in fig.layout.annotations]
    assert "<b>1/19 godkendt</b>" in badges and "<b>Godkendt</b>" in badges and "<b>Afventer</b>" in badges


def test_every_change_is_audited_and_bad_input_refused(store):
    process, gov = _process(MIDT)
    with pytest.raises(UserError, match="dato"):
        ap.record(store, "sek", process, gov, "kkr", "approved", None)
    with pytest.raises(UserError, match="bemærkningerne"):
        ap.record(store, "sek", process, gov, "kkr", "approved_with_remarks", dt.date(2026, 1, 2))
    with pytest.raises(UserError, match="fremtiden"):
        ap.record(store, "sek", process, gov, "kkr", "approved", dt.date.today() + dt.timedelta(days=2))
    with pytest.raises(UserError, match="godkender ikke"):
        ap.record(store, "sek", process, gov, "fu", "approved", dt.date(2026, 1, 2))
    ap.record(store, "anna", process, gov, "kkr", "approved", dt.date(2026, 1, 2), "sag 12")
    ap.record(store, "bo", process, gov, "kkr", "pending")
    log = store.read(lambda cur: q.audit_entries(cur))
    mine = [(actor, detail) for _at, actor, action, _e, detail in log if action == "approval"]
    assert mine[0][0] == "bo" and "Afventer" in mine[0][1]
    assert mine[1][0] == "anna" and "Godkendt 2026-01-02 · sag 12" in mine[1][1]
    a = next(x for x in ap.summary(store, process, gov).approvals if x.approver.key == "kkr")
    assert a.status == "pending" and a.decided_on is None and a.recorded_by == "bo"


def test_timeline_overlay_writes_the_count_at_the_deadline(store):
    process, gov = _process(MIDT)
    today = dt.date(2026, 10, 1)
    s = ap.summary(store, process, gov, today)
    fig = timeline_status_overlay(timeline_figure(process, governance=gov, today=today), approvals=s, today=today)
    note = next(a for a in fig.layout.annotations if "har godkendt" in a.text)
    assert note.text == "<b>0 af 19 byråd<br>har godkendt</b>" and note.x == "2026-10-15"


@pytest.mark.parametrize("day, anchor", [(dt.date(2026, 1, 20), "left"), (dt.date(2026, 6, 20), "center"),
                                         (dt.date(2026, 12, 1), "right")])
def test_a_badge_leans_away_from_the_nearer_edge_and_breaks_in_two_on_a_phone(day, anchor):
    """A badge beside a marker late in the year ran 18 px past a 320 px window ('0 af 12 har
    sva…'): it now sits under the marker, ends at the day in the right third, starts there in
    the left third, and is two lines unless on the projector."""
    import plotly.graph_objects as go

    from vision.charts.approvals import _mark

    fig = go.Figure(go.Scatter(x=[day.isoformat()], y=["Frist"], mode="markers"))
    fig.update_xaxes(type="date", range=["2026-01-01", "2026-12-31"])
    _mark(fig, day, "0 af 12 har svaret", "#0072B2", 11, large=False)
    _mark(fig, day, "0 af 12 har svaret", "#0072B2", 15, large=True)
    phone, projector = fig.layout.annotations
    assert (phone.xanchor, phone.y, phone.yanchor) == (anchor, "Frist", "top")
    assert phone.text == "<b>0 af 12<br>har svaret</b>" and projector.text == "<b>0 af 12 har svaret</b>"
    # without a milestone that day: a dotted line with the badge at its foot, leaning the same way
    bare = go.Figure(go.Scatter(x=["2026-03-03"], y=["Andet"], mode="markers"))
    bare.update_xaxes(type="date", range=["2026-01-01", "2026-12-31"])
    _mark(bare, day, "Afventer", "#595959", 11, large=False)
    assert bare.layout.shapes[0].x0 == day.isoformat() and bare.layout.annotations[0].xanchor == anchor


def test_the_map_makes_room_for_every_status_in_its_legend(store):
    """The status entries ('Delvist godkendt' …) are added to the map's legend after the map
    is drawn; the figure grows so they are not cut off at phone width."""
    from vision.charts.governance_layout import PHONE, legend_height

    process, gov = _process(MIDT)
    ap.record(store, "sek", process, gov, "kommunalbestyrelser:Skive", "rejected", dt.date(2026, 9, 1),
              today=dt.date(2026, 9, 2))
    ap.record(store, "sek", process, gov, "kommunalbestyrelser:Viborg", "approved", dt.date(2026, 9, 1),
              today=dt.date(2026, 9, 2))
    ap.record(store, "sek", process, gov, "kkr", "approved", dt.date(2026, 6, 1), today=dt.date(2026, 7, 1))
    plain = governance_figure(gov, spec=PHONE)
    fig = governance_status_overlay(governance_figure(gov, spec=PHONE), gov, ap.by_body(ap.summary(store, process, gov)),
                                    spec=PHONE)
    names = [t.name for t in fig.data if t.showlegend is not False and t.name]
    assert {"Godkendt", "Afventer"} <= set(names)
    assert fig.layout.margin.b == legend_height(names, PHONE) > plain.layout.margin.b
    # the map itself keeps its size: only the legend area grew
    assert fig.layout.height - fig.layout.margin.b == plain.layout.height - plain.layout.margin.b
