"""Tracks on the pages: which rounds a phone draws, the tracks of a slot side by side on the
control page with their participation, and the set-up grid of who each round is for."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vision import events, screens, tables
from vision.errors import UserError
from vision.events import tracks
from vision.model import ROUND_KINDS
from vision.ui.actions import flash
from vision.ui.i18n import _, current_language
from vision.ui.runtime import get_store
from vision.ui.tables import answered_line
from vision.ui.text import md_literal

STATUS = {"planned": (":material/radio_button_unchecked:", "planlagt"), "open": (":material/play_circle:", "åben"),
          "closed": (":material/lock:", "lukket")}


@st.cache_data(ttl=1.0, show_spinner=False, max_entries=64)
def _tracks(event_id: int) -> dict[int, tracks.Track]:
    """The event's tracks, read at most once a second for all phones."""
    return tracks.tracks(get_store(), event_id)


def rounds_for_phone(event_id: int, rounds: list, grp: str) -> list:
    """The rounds of ``rounds`` that a phone of group ``grp`` draws."""
    return tracks.for_group(rounds, _tracks(event_id), grp)


def audience_name(audience: str) -> str:
    return _(tracks.AUDIENCES[audience])


# -- the control page --------------------------------------------------------------------------------
def slot_box(store, event, rnd, rounds: list, act) -> bool:
    """Draw the slot of ``rnd`` where its first track stands: one box with the tracks side by
    side and one button that opens or closes them all. True when ``rnd`` is a track (the caller
    draws nothing more for it), False for a round on its own."""
    tr = tracks.tracks(store, event.id)
    slot = tracks.of_round(tr, rnd.id).slot
    if slot is None:
        return False
    side = [r for r in rounds if tracks.of_round(tr, r.id).slot == slot]
    if side[0].id != rnd.id:
        return True
    with st.container(border=True, key=f"slot{slot}"):
        top = st.columns([3, 2], vertical_alignment="center")
        top[0].markdown("**" + _("Tidsrum {slot}: {n} spor side om side").format(slot=slot, n=len(side)) + "**")
        if any(r.is_open for r in side):
            if top[1].button(_("Luk alle spor"), key=f"closeslot{slot}", width="stretch"):
                act(tracks.close_slot, slot)
        elif top[1].button(_("Åbn alle spor"), key=f"openslot{slot}", type="primary", width="stretch"):
            act(tracks.open_slot, slot)
        cols = st.columns(len(groups := _by_audience(side, tr)))
        for col, (audience, items) in zip(cols, groups):
            with col:
                st.markdown(f"#### {audience_name(audience)}")
                for r in items:
                    _track_card(store, event, r, tr, act)
    return True


def _by_audience(side: list, tr: dict) -> list[tuple[str, list]]:
    """The slot's rounds in one column per audience, in the order the audiences first appear."""
    out: dict[str, list] = {}
    for r in side:
        out.setdefault(tracks.of_round(tr, r.id).audience, []).append(r)
    return list(out.items())


def _track_card(store, event, rnd, tr: dict, act) -> None:
    """One track: its title, status and task, its own buttons (a track can also be opened or
    closed alone, its results shown, and put on the big screen), and its participation."""
    icon, word = STATUS[rnd.status]
    track = tracks.of_round(tr, rnd.id)
    with st.container(border=True, key=f"track{rnd.id}"):
        st.markdown(f"**{md_literal(rnd.title)}**")
        kind = _(ROUND_KINDS[rnd.kind]) + (f" · {_(tracks.TASKS[track.task])}" if track.task else "")
        st.caption(f"{icon} {_(word)} · {kind}" + (" · :material/visibility: " + _("resultater vises")
                                                  if rnd.revealed and rnd.kind != "drafting" else ""))
        b = st.columns(2)
        if rnd.status != "open":
            if b[0].button(_("Åbn"), key=f"open{rnd.id}", width="stretch"):
                act(events.open_round, rnd.id)
        elif b[0].button(_("Luk"), key=f"close{rnd.id}", width="stretch"):
            act(events.close_round, rnd.id)
        if rnd.kind != "drafting":
            if not rnd.revealed:
                if b[1].button(_("Vis resultater"), key=f"rev{rnd.id}", width="stretch"):
                    act(events.set_revealed, rnd.id, True)
            elif b[1].button(_("Skjul resultater"), key=f"hide{rnd.id}", width="stretch"):
                act(events.set_revealed, rnd.id, False)
        on_screen = screens.choice(event.id) == rnd.id
        if st.button(_("Vises") if on_screen else _("På storskærm"), key=f"scr{rnd.id}", width="stretch",
                     icon=":material/tv:" if on_screen else None, disabled=on_screen):
            screens.set_choice(event.id, rnd.id)
            st.rerun()
        if rnd.is_open:
            _share(event.id, rnd.id, rnd.kind, track.audience)


@st.fragment(run_every=2)
def _share(event_id: int, round_id: int, kind: str, audience: str) -> None:
    """A track's participation, refreshed by itself every two seconds."""
    store = get_store()
    share = tracks.participation(store, event_id, [round_id])[0]
    if kind != "drafting":
        st.progress(min(1.0, share.answered / share.joined) if share.joined else 0.0,
                    text=_("{a} af {j} har svaret").format(a=share.answered, j=share.joined))
        if share.results_hidden:
            st.caption(_("Sporets resultater vises først, når mindst {m} har svaret.").format(m=share.minimum))
    else:
        st.caption(_("1 deltager i sporet") if share.joined == 1 else
                   _("{j} deltagere i sporet").format(j=share.joined))
    done = tables.answered_tables(store, event_id, [round_id])[round_id]
    answered_line(store, event_id, round_id, audience, done)


# -- set-up --------------------------------------------------------------------------------------
def track_editor(store, actor: str, event, content: dict, changed) -> None:
    """Set-up: for each round, who it is for, its time slot and a drafting round's task."""
    st.subheader(_("Spor og tidsrum"), anchor=False)
    st.caption(_("En runde kan være for alle eller for én gruppe. Runder med samme tidsrum kører side om side og "
                 "åbnes og lukkes samtidig. En skriverunde kan have en opgave."))
    tr = tracks.tracks(store, event.id)
    rounds = [r for r in content["rounds"] if r.id not in content["hidden_rounds"]]
    if not rounds:
        return
    frame = pd.DataFrame([{"id": r.id, "title": r.title, "kind": _(ROUND_KINDS[r.kind]),
                           "audience": tracks.of_round(tr, r.id).audience, "slot": tracks.of_round(tr, r.id).slot,
                           "task": tracks.of_round(tr, r.id).task} for r in rounds])
    frame["slot"] = frame["slot"].astype("Int64")       # empty cells stay empty, not "None"
    names = {k: _(v) for k, v in tracks.AUDIENCES.items()}
    tasks = {k: _(v) for k, v in tracks.TASKS.items()}
    with st.form("tracks"):
        edited = st.data_editor(
            frame, hide_index=True, key="tracks_editor", disabled=["title", "kind"],
            column_order=["title", "kind", "audience", "slot", "task"],
            column_config={
                "title": st.column_config.TextColumn(_("Runde"), width="medium"),
                "kind": st.column_config.TextColumn(_("Type"), width="small"),
                "audience": st.column_config.SelectboxColumn(_("For"), options=list(names), required=True,
                                                             format_func=names.get),
                "slot": st.column_config.NumberColumn(_("Tidsrum"), min_value=1, max_value=tracks.SLOT_MAX, step=1),
                "task": st.column_config.SelectboxColumn(_("Opgave"), options=list(tasks), width="medium",
                                                         format_func=lambda k: tasks.get(k) or "")})
        if st.form_submit_button(_("Gem spor og tidsrum"), type="primary"):
            saved, problems = 0, []
            for row in edited.itertuples():
                before = tracks.of_round(tr, int(row.id))
                slot = None if pd.isna(row.slot) else int(row.slot)
                task = row.task if isinstance(row.task, str) else None
                if (before.audience, before.slot, before.task) == (row.audience, slot, task):
                    continue
                try:
                    tracks.set_track(store, actor, event.id, int(row.id), row.audience or "alle", slot, task)
                    saved += 1
                except UserError as err:
                    problems.append(f"- {md_literal(row.title)}: {md_literal(err.text(current_language()))}")
            flash(_("Spor og tidsrum er gemt for {n} runder.").format(n=saved))
            if problems:
                flash(_("Disse rækker er ikke gemt – ret dem og gem igen:") + "\n" + "\n".join(problems), "warning")
            changed()
