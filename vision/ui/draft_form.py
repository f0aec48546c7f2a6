"""A drafting round on the phone: the officials' challenges, or a table's text (an overall
vision, a focus area's vision, a mission) written with the checklist and LIX, which only
the table chair sends as the table's answer."""

from __future__ import annotations

import streamlit as st

from vision import challenges, draft_kinds, mission_start, plenum, seats
from vision.errors import UserError
from vision.model import DRAFT_MAX_CHARS
from vision.texts import ELEMENTS, readability
from vision.ui.challenge_board import challenge_round
from vision.ui.i18n import _
from vision.ui.runtime import show_error
from vision.ui.text import md_literal

INTRO = {
    "vision": "Bordformanden indsender bordets forslag til et visions statement. Forslaget vises, når "
              "arrangøren har godkendt det.",
    "focus_vision": "Bordformanden indsender bordets visions statement for fokusområdet. Forslaget vises, når "
                    "arrangøren har godkendt det.",
    "mission": "Bordformanden indsender bordets korte missions statement. Det vises, når arrangøren har "
               "godkendt det.",
}


def drafting_round(store, token: str, participant, rnd) -> None:
    task = draft_kinds.round_task(store, rnd.id)
    if task == challenges.TASK:
        challenge_round(store, token, participant, rnd)
        return
    start = challenges.starting_point(store, participant, rnd.id)
    if start is not None:
        starting_point(start)
    visions = mission_start.starting_point(store, participant, rnd.id)
    if visions is not None:
        politicians_visions(visions)
    kind = draft_kinds.kind_of_task(task)
    seat = seats.seat(store, participant)
    if rnd.is_open:
        st.write(_(INTRO[kind]))
    found = draft_kinds.table_draft(store, participant, rnd.id)
    draft, design = found if found else (None, None)
    ticked_before = set(design.checklist) if design else set()
    st.markdown(_("**Et godt visions statement siger:**") if kind != "mission"
                else _("**Tjekliste til bordets tekst:**"))
    for i, (name, hint) in enumerate(ELEMENTS):      # one list, in the seed's order, also on a phone
        st.checkbox(f"{name} – {_(hint)}", value=name in ticked_before, key=f"el{rnd.id}_{i}",
                             on_change="ignore", disabled=not rnd.is_open)
    pending = draft if draft is not None and draft.status == "pending" else None
    text = st.text_area(_("Bordets forslag"), value=pending.text if pending else "", max_chars=DRAFT_MAX_CHARS,
                        key=f"draft{rnd.id}", on_change="ignore", height=140, disabled=not rnd.is_open)
    r = readability(text or "")
    if r.words:
        st.caption(_("{w} ord · LIX {lix} ({level}). Korte visioner huskes bedst: \"Alle borgere skal kunne "
                     "se et træ\".").format(w=r.words, lix=r.lix, level=_(r.level)))
    chair_only = seat.table_known and not seat.is_chair
    if rnd.is_open and chair_only:
        st.info(_("Kun bordformanden indsender bordets svar. Det, du skriver her, bliver på din telefon: giv dine forslag videre ved bordet.")
                if seat.has_chair else
                _("Bordet har ingen bordformand endnu. Den, der skal præsentere bordets svar, trykker på "
                  "»Jeg er bordformand« på sin telefon; derefter kan bordformanden indsende."), icon=":material/person:")
    elif rnd.is_open:
        if st.button(_("Indsend bordets forslag"), key=f"saved{rnd.id}", type="primary", width="stretch"):
            ticked = [name for i, (name, _h) in enumerate(ELEMENTS) if st.session_state.get(f"el{rnd.id}_{i}")]
            try:
                draft_kinds.submit_table_draft(store, participant, token, rnd.id, text, ticked)
            except UserError as err:
                show_error(err)
            else:
                st.session_state[f"receiptd{rnd.id}"] = True
                st.rerun()
        if st.session_state.get(f"receiptd{rnd.id}") or pending:
            st.success(_("Forslaget er indsendt og venter på arrangørens godkendelse. Du kan rette det, indtil "
                         "runden lukker."), icon=":material/check_circle:")
    elif pending:
        st.info(_("Forslaget er indsendt og venter på arrangørens godkendelse."), icon=":material/schedule:")
    if draft is not None and draft.status == "approved":
        st.info(_("{n} af bordets forslag er godkendt og kan nu vurderes.").format(n=1))


def starting_point(start: challenges.FocusChallenges) -> None:
    """The challenges the officials chose for this focus area: the start of its vision."""
    with st.container(border=True, key="startpoint"):
        st.subheader(_("Embedsværkets udfordringer – {area}").format(area=md_literal(start.title or "")),
                     anchor=False)
        st.caption(_("Embedsværkets tre valgte udfordringer for fokusområdet er udgangspunktet for jeres vision."))
        for table_no, texts in start.tables:
            if len(start.tables) > 1:
                st.markdown("**" + _("Bord {n}").format(n=table_no) + "**")
            st.markdown("\n".join(f"- {md_literal(t)}" for t in texts))


def politicians_visions(groups: list[plenum.Group]) -> None:
    """The politicians' visions of the slot before: the start of the officials' mission."""
    with st.container(border=True, key="missionstart"):
        st.subheader(_("Politikernes visioner"), anchor=False)
        st.caption(_("Politikernes visioner fra runden før, som plenum viste dem, er udgangspunktet for jeres "
                     "mission: hvordan kan vi realisere dem?"))
        for group in groups:
            title = _(plenum.OVERALL) if group.focus_area_id is None else group.title
            st.markdown("**" + md_literal(title) + "**")
            st.markdown("\n".join(f"- {md_literal(d.text)}" for d in group.drafts))
