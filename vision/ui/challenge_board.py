"""The officials' challenges round on a phone: the table's challenges, adding one, and
for the table chair editing, removing and choosing the three."""

from __future__ import annotations

import streamlit as st

from vision import challenges
from vision.errors import UserError
from vision.ui.i18n import _, current_language
from vision.ui.text import md_literal


def _error(key: str, err: UserError) -> None:
    st.session_state[key] = err.text(current_language())


def _shown_error(key: str) -> None:
    text = st.session_state.pop(key, None)
    if text:
        st.error(text, icon=":material/error:")


def challenge_round(store, token: str, participant, rnd) -> None:
    board = challenges.board(store, participant, rnd.id)
    seat = board.seat
    if seat.table_no is None:
        st.warning(_("Du sidder ikke ved et bord. Vælg dit bord, så kan du skrive bordets udfordringer."),
                   icon=":material/table_restaurant:")
        return
    st.markdown("**" + _("Bordets udfordringer") + "**")
    if board.challenges:
        lines = []
        for i, c in enumerate(board.challenges, start=1):
            mark = " · **" + _("valgt") + "**" if c.chosen else ""
            lines.append(f"{i}. {md_literal(c.text)}{mark}")
        st.markdown("\n".join(lines))
    else:
        st.caption(_("Bordet har ikke skrevet nogen udfordringer endnu."))
    if st.button(_("Hent bordets seneste udfordringer"), key=f"chrefresh{rnd.id}", icon=":material/refresh:"):
        st.rerun()
    if rnd.is_open:
        _add_form(store, token, participant, rnd)
    if not seat.has_chair:
        st.info(_("Bordet har ingen bordformand endnu. Den, der skal præsentere bordets drøftelser, trykker på "
                  "»Jeg er bordformand« på sin telefon; derefter kan bordformanden vælge bordets 3 udfordringer."),
                icon=":material/person_add:")
    elif seat.is_chair and rnd.is_open and board.challenges:
        _chair_tools(store, token, participant, rnd, board)
    elif not seat.is_chair:
        st.caption(_("Bordformanden vælger de 3 udfordringer, hvor bordet har brug for en klar vision."))
    if board.chosen and not (seat.is_chair and rnd.is_open):
        st.success(_("Bordet har valgt: {names}").format(names="; ".join(md_literal(c.text) for c in board.chosen)),
                   icon=":material/check_circle:")


def _add_form(store, token, participant, rnd) -> None:
    # A new, empty field after each challenge added (a fresh key: the browser keeps a form
    # field's text even when its state is emptied); after a refusal the text stays.
    gen_key, err_key = f"chgen{rnd.id}", f"cherr{rnd.id}"
    key = f"chnew{rnd.id}_{st.session_state.get(gen_key, 0)}"

    def add() -> None:
        try:
            challenges.add(store, participant, token, rnd.id, st.session_state.get(key) or "")
        except UserError as err:
            _error(err_key, err)
        else:
            st.session_state[gen_key] = st.session_state.get(gen_key, 0) + 1
            st.session_state.pop(key, None)
            st.session_state[f"chok{rnd.id}"] = True

    with st.form(f"chadd{rnd.id}"):
        st.text_area(_("Ny udfordring"), key=key, max_chars=challenges.MAX_CHARS, height=80)
        st.form_submit_button(_("Tilføj udfordringen"), type="primary", width="stretch", on_click=add)
    _shown_error(err_key)
    if st.session_state.pop(f"chok{rnd.id}", False):
        st.success(_("Udfordringen er tilføjet bordets liste."), icon=":material/check_circle:")


def _chair_tools(store, token, participant, rnd, board) -> None:
    err_key = f"chchooseerr{rnd.id}"

    def choose() -> None:
        ids = [c.id for c in board.challenges if st.session_state.get(f"chpick{rnd.id}_{c.id}")]
        try:
            challenges.choose(store, participant, token, rnd.id, ids)
        except UserError as err:
            _error(err_key, err)
        else:
            st.session_state[f"chchosen{rnd.id}"] = True

    with st.form(f"chchoose{rnd.id}"):
        st.markdown("**" + _("Vælg 3 udfordringer, hvor I som embedsværk har brug for en klar vision") + "**")
        for c in board.challenges:
            st.checkbox(md_literal(c.text), value=c.chosen, key=f"chpick{rnd.id}_{c.id}")
        st.form_submit_button(_("Gem bordets 3 valg"), type="primary", width="stretch", on_click=choose)
    _shown_error(err_key)
    if st.session_state.pop(f"chchosen{rnd.id}", False):
        st.success(_("Bordets 3 udfordringer er gemt. Arrangøren kan nu vise dem."), icon=":material/check_circle:")
    with st.expander(_("Ret eller fjern en udfordring")):
        for i, c in enumerate(board.challenges, start=1):
            _edit_one(store, token, participant, rnd, c, i)


def _edit_one(store, token, participant, rnd, c, number: int) -> None:
    key, err_key = f"chedit{rnd.id}_{c.id}", f"cheditt{rnd.id}_{c.id}"

    def save() -> None:
        try:
            challenges.edit(store, participant, token, rnd.id, c.id, st.session_state.get(key) or "")
        except UserError as err:
            _error(err_key, err)

    def drop() -> None:
        try:
            challenges.remove(store, participant, token, rnd.id, c.id)
        except UserError as err:
            _error(err_key, err)

    st.text_input(_("Udfordring {n}").format(n=number), value=c.text, key=key, max_chars=challenges.MAX_CHARS)
    a, b = st.columns(2)
    a.button(_("Gem rettelsen"), key=f"chsave{rnd.id}_{c.id}", on_click=save, width="stretch")
    b.button(_("Fjern"), key=f"chdrop{rnd.id}_{c.id}", on_click=drop, width="stretch")
    _shown_error(err_key)
