"""Participant page: answer the open rounds (after joining through the QR link's plain form).

The phone's identity is the token in the URL (``?e=CODE&t=TOKEN``). A draft's scores
are given in a form that lives in the browser and saves with one request, not a script
run (``vision.ui.scoring``, ``vision.api``). The other answers are widgets bound to the
URL that do not rerun on a tap (``on_change="ignore"``). Either way an answer that is
started but not saved survives a reload or a reconnect, and one press of "Gem" carries
every value at once.
"""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urlencode

import streamlit as st

from vision import api, ballots, events, participants, phone_view, programme, question_cards
from vision.errors import UserError
from vision.i18n import DEFAULT_LANGUAGE, LANGUAGES
from vision.model import GROUPS
from vision.ui import draft_form, style
from vision.ui.i18n import _, current_language
from vision.ui.runtime import client_id, get_store, show_error
from vision.ui.points import points_total
from vision.ui.programme_view import phone_programme
from vision.ui.question_card import show_cards
from vision.ui.scoring import scoring_form
from vision.ui.tables import chair_panel
from vision.ui.tracks import rounds_for_phone
from vision.ui.text import label_literal, md_literal
from vision.ui.watch import watch


style.phone()
store = get_store()
code = (st.query_params.get("e") or "").strip()
token = (st.query_params.get("t") or "").strip()


def join_screen(code: str) -> None:
    """The join form itself is a plain page the server answers before Streamlit
    (``vision.server.join_page``); a page run without a token only points there."""
    st.title(_("Deltag i visionsdagen"))
    st.markdown(f"[{_('Gå til tilmeldingen')}](/?e={code})")


def header(event, participant) -> None:
    """Who the phone takes part as, what that means for the answers, and the privacy notice
    one tap away: a personal QR card skips the join form, where these are said first."""
    st.title(md_literal(event.title), anchor=False)
    query = {"e": event.code, "t": token} | ({"lang": current_language()} if current_language() != DEFAULT_LANGUAGE else {})
    st.caption(" ".join([
        _("Du deltager som {grp} · {unit}.").format(grp=_(GROUPS[participant.grp]),
                                                     unit=md_literal(participant.unit or "–")),
        _("Vi spørger ikke om dit navn, men dine svar gemmes med din gruppe og din kommune eller organisation: "
          "de er pseudonyme, ikke anonyme."),
        f"[{_('Sådan behandler vi dine svar (privatlivserklæring)')}](/privacy?{urlencode(query)})",
    ]))


def scoring_round(event, participant, rnd, content, mine) -> None:
    criteria = content["criteria"]
    drafts = phone_view.drafts_to_score(content["drafts"], content["round_drafts"].get(rnd.id))
    if not drafts:
        st.info(_("Der er endnu ingen forslag at vurdere."))
        return
    if rnd.is_open:
        st.write(_("Giv hvert forslag en score fra 1 (slet ikke) til 5 (i høj grad) for hvert kriterium. "
                   "Du kan ændre dine svar, indtil runden lukker."))
    shown = phone_state(content)
    for i, draft in enumerate(drafts, start=1):
        title = _("Forslag {n}").format(n=i) + (f" · {md_literal(draft.label)}" if draft.label else "")
        with st.container(border=True, key=f"draft{rnd.id}_{draft.id}"):
            st.markdown(f"**{title}**")
            # The draft's words, larger (vision.ui.style), but not a heading: no anchor link, no
            # extra tab stop, and a screen reader's list of headings stays the page's own.
            with st.container(key=f"drafttext{rnd.id}_{draft.id}"):
                st.markdown(md_literal(draft.text))
            scoring_form(code=code, token=token, lang=current_language(), round_id=rnd.id, draft=draft, number=i,
                         criteria=criteria, shown=shown, closed=not rnd.is_open,
                         saved=mine["ballots"].get(draft.id, {"scores": {}, "comment": None, "saved_at": None}))


@st.cache_data(ttl=1.0, show_spinner=False, max_entries=64)
def event_content(event_id: int, shown_now: str) -> dict:
    """The event's rounds, drafts, criteria, paradoxes and focus areas, read at most once a
    second for all phones (eight queries that are the same for everyone in the hall).
    ``shown_now`` is what the phones' question answers now (``api.shown``): when it changes,
    the next run reads afresh, so a phone that learnt of a change draws it at once instead
    of a copy from before. What may be saved is still decided by the save itself."""
    return events.event_content(store, event_id)


def save_then_rerun(receipt_key: str, save, *args) -> None:
    """Save through the domain; on success keep the receipt and show the page anew,
    on refusal show why (nothing was saved)."""
    try:
        receipt = save(store, *args)
    except UserError as err:
        show_error(err)
    else:
        st.session_state[receipt_key] = receipt
        st.rerun()


def show_receipt(receipt_key: str, message: str) -> None:
    receipt = st.session_state.get(receipt_key)
    if receipt:
        st.success(_(message).format(time=receipt.saved_at.strftime("%H:%M:%S"), n=receipt.count),
                   icon=":material/check_circle:")


def paradox_round(event, participant, rnd, content, mine) -> None:
    saved = mine["paradoxes"]
    if rnd.is_open:
        st.write(_("Hvor skal balancen ligge? Træk mod den side, du vægter højest. Midten betyder lige meget "
                   "af begge."))
    for p in content["paradoxes"]:
        with st.container(border=True):
            st.subheader(md_literal(p.title), anchor=False)
            if p.question:
                st.caption(md_literal(p.question))
            left, right = st.columns(2)
            with left:
                st.markdown(f"**← {md_literal(p.left_label)}**")
                for a in p.left_args:
                    st.markdown(f"- {md_literal(a)}")
            with right:
                st.markdown(f"**{md_literal(p.right_label)} →**")
                for a in p.right_args:
                    st.markdown(f"- {md_literal(a)}")
            # Each slider is named by its paradox, so a screen reader tells them apart.
            st.slider(_("Din placering: {name}").format(name=label_literal(p.title)), -100, 100,
                      value=int(saved.get(p.id, 0)), step=5, key=f"p{rnd.id}_{p.id}", on_change="ignore",
                      bind="query-params", disabled=not rnd.is_open)
            # What the numbers mean, right under the slider (on a phone the poles stand far above it).
            st.caption(_("-100 = helt {left}; 100 = helt {right}").format(left=md_literal(p.left_label),
                                                                          right=md_literal(p.right_label)))
            st.caption((":material/check_circle: " + _("gemt: {v}").format(v=saved[p.id])) if p.id in saved
                       else (":material/radio_button_unchecked: " + _("ikke besvaret")))
    if not rnd.is_open:
        return
    if st.button(_("Gem mine placeringer"), key=f"savep{rnd.id}", type="primary", width="stretch"):
        values = {p.id: st.session_state.get(f"p{rnd.id}_{p.id}", 0) for p in content["paradoxes"]}
        if middle_confirmed(rnd, content["paradoxes"], saved, values):
            save_then_rerun(f"receiptp{rnd.id}", ballots.save_paradoxes, participant, token, rnd.id, values)
    show_receipt(f"receiptp{rnd.id}", "Gemt kl. {time}: {n} placeringer. Du kan ændre dem, indtil runden lukker.")


def middle_confirmed(rnd, paradoxes, saved: dict, values: dict) -> bool:
    """A slider starts in the middle, so a paradox never placed and still at 0 may be one the
    participant skipped. Saving it as 0 needs a second press after being told which; a
    paradox placed before, or moved, saves at once."""
    unmoved = sorted(p.id for p in paradoxes if p.id not in saved and values.get(p.id, 0) == 0)
    key = f"middle{rnd.id}"
    if not unmoved or st.session_state.get(key) == unmoved:
        st.session_state.pop(key, None)
        return True
    st.session_state[key] = unmoved
    names = ", ".join(f"»{md_literal(p.title)}«" for p in paradoxes if p.id in unmoved)
    st.warning(_("Intet gemt endnu: du har ikke flyttet markøren ved {names}. Flyt den til din placering. "
                 "Vil du stå i midten (lige meget af begge), så tryk på »Gem mine placeringer« igen.").format(
                     names=names), icon=":material/touch_app:")
    return False


def focus_round(event, participant, rnd, content, mine) -> None:
    areas = content["focus_areas"]
    saved = mine["focus"]
    n = len(areas)
    if event.focus_mode == "points":
        st.write(_("Fordel {p} point mellem fokusområderne: flest point til det vigtigste.").format(
            p=event.focus_points))
        for f in areas:
            st.number_input(md_literal(f.title), min_value=0, max_value=event.focus_points, step=1,
                            value=int(saved.get(f.id, 0)), key=f"f{rnd.id}_{f.id}", on_change="ignore",
                            bind="query-params", disabled=not rnd.is_open)
        points_total(key=f"total{rnd.id}", inputs=f"f{rnd.id}_", points=event.focus_points)
    else:
        st.write(_("Giv fokusområderne en rækkefølge: 1 er det vigtigste."))
        for f in areas:
            st.selectbox(md_literal(f.title), list(range(1, n + 1)), key=f"f{rnd.id}_{f.id}", on_change="ignore",
                         index=(saved[f.id] - 1) if f.id in saved else None, placeholder=_("Vælg plads"),
                         bind="query-params", disabled=not rnd.is_open, required=True)
    if saved:
        st.caption(":material/check_circle: " + _("Din prioritering er gemt."))
    if not rnd.is_open:
        return
    if st.button(_("Gem min prioritering"), key=f"savef{rnd.id}", type="primary", width="stretch"):
        values = {f.id: st.session_state.get(f"f{rnd.id}_{f.id}") for f in areas}
        if any(v is None for v in values.values()):
            st.error(_("Giv hvert fokusområde sin egen plads fra 1 til {n}.").format(n=n))
            return
        save_then_rerun(f"receiptf{rnd.id}", ballots.save_focus, participant, token, rnd.id, values)
    show_receipt(f"receiptf{rnd.id}", "Gemt kl. {time}. Du kan ændre din prioritering, indtil runden lukker.")


def drafting_round(event, participant, rnd, content, mine) -> None:
    draft_form.drafting_round(store, token, participant, rnd)


RENDER = {"scoring": scoring_round, "paradox": paradox_round, "focus": focus_round, "drafting": drafting_round}


ASK_SECONDS = 2


def follow_the_organiser(content: dict) -> None:
    """Waiting or in a round, the phone asks every few seconds what its page should show
    (``vision.api``: the open rounds and the approved drafts, answered from memory) and
    the page runs again only when that differs from what it was drawn with: a round opens
    or closes, a draft is approved or hidden. Unsaved answers stay: a draft's scores in
    the tab (``vision.ui.scoring``), the other answers in the page address."""
    watch(key="rounds", url=api.ROUNDS_PATH, body={"e": code, "t": token, "lang": current_language()},
          state=phone_state(content), every=ASK_SECONDS)


def phone_state(content: dict) -> dict:
    """What the phones' question answers (``api``: the open rounds, the approved drafts and
    the programme's now), as this page was drawn with it. The watch and a save's receipt
    compare the server's answer with this one; any difference runs the page again."""
    return programme.with_now(phone_view.shown(content["rounds"], content["drafts"], content["round_drafts"]),
                              programme.now_of(content))


def language_switch() -> None:
    """Dansk | English, kept in the URL (``lang``) so a reload keeps the choice."""
    def changed() -> None:
        st.query_params["lang"] = st.session_state["lang_pick"]

    st.segmented_control("Sprog / Language", list(LANGUAGES), format_func=LANGUAGES.get, key="lang_pick",
                         default=current_language(), required=True, on_change=changed,
                         label_visibility="collapsed")


def main() -> None:
    language_switch()
    if not code:
        st.title(_("Deltag i visionsdagen"))
        st.info(_("Scan QR-koden på storskærmen eller på bordkortet for at deltage."))
        return
    try:
        if not token:
            participants.event_for_phone(store, code)      # an unknown code says so here
            join_screen(code)
            return
        event, participant = participants.resolve(store, code, token, client_id())
    except UserError as err:
        show_error(err)
        return
    header(event, participant)
    content = event_content(event.id, json.dumps(api.shown(store, event.id), sort_keys=True))
    # A round closed in the last minutes stays on screen, locked, with what the phone had
    # chosen still shown: nothing unsaved disappears, and the notice says it no longer counts.
    on_phone = rounds_for_phone(event.id, phone_view.rounds_on_phone(content["rounds"], datetime.now()),
                                participant.grp)
    chair_panel(store, participant, token, {f.id: f.title for f in content["focus_areas"]})
    if not any(r.is_open for r in on_phone):
        st.info(_("Ingen runde er åben lige nu. Siden skifter af sig selv, når arrangøren åbner den næste."),
                icon=":material/hourglass_empty:")
        phone_programme(content["programme"], programme.now_of(content))
    follow_the_organiser(content)
    for rnd in on_phone:
        with st.container(key=f"round{rnd.id}"):
            st.header(md_literal(events.round_title(rnd.title, rnd.kind, current_language())), anchor=False)
            if not rnd.is_open:
                st.warning(_("Runden lukkede kl. {time}. Dine gemte svar tæller med. Det, du ikke nåede at "
                             "gemme, står her stadig, men kan ikke gemmes længere.").format(
                    time=rnd.closed_at.strftime("%H:%M")), icon=":material/lock:")
            mine = ballots.my_answers(store, participant, rnd.id)
            show_cards(question_cards.cards_for(store, participant, rnd.id))
            RENDER[rnd.kind](event, participant, rnd, content, mine)


main()
