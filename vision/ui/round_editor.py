"""Set-up's rounds tab: the organiser adds, renames, reorders, removes or hides rounds, and
copies the rounds of another event."""

from __future__ import annotations

from typing import Callable

import streamlit as st

from vision import events
from vision.model import ROUND_KINDS, Event, Round
from vision.ui.actions import FAILED, attempt, flash, form_key, submit
from vision.ui.i18n import _, current_language
from vision.ui.text import md_literal

STATUS = {"planned": ":material/schedule: ", "open": ":material/play_circle: ", "closed": ":material/check_circle: "}


def _status(rnd: Round, hidden: bool) -> str:
    words = {"planned": _("planlagt"), "open": _("åben"), "closed": _("lukket")}
    text = STATUS[rnd.status] + words[rnd.status]
    return text + (" · :material/visibility_off: " + _("skjult") if hidden else "")


def round_tab(store, actor: str, event: Event, content: dict, all_events: list[Event],
              changed: Callable[[], None]) -> None:
    lang = current_language()
    rounds: list[Round] = content["rounds"]
    hidden: set[int] = content["hidden_rounds"]
    st.caption(_("Dagens runder i den rækkefølge, de køres. En runde uden svar kan slettes; en runde med svar kan "
                 "skjules, så svarene bliver stående til analysen."))
    if not rounds:
        st.info(_("Begivenheden har ingen runder endnu. Tilføj en nedenfor, eller kopiér runderne fra en anden "
                  "begivenhed."))
    for i, r in enumerate(rounds):
        is_hidden = r.id in hidden
        with st.container(border=True):
            top = st.columns([6, 3])
            top[0].markdown(f"**{i + 1}.** " + md_literal(events.round_heading(r.title, r.kind, lang)))
            top[1].markdown(_status(r, is_hidden))
            b = st.columns(5)
            if b[0].button(_("Op"), key=f"round_up_{r.id}", icon=":material/arrow_upward:", disabled=i == 0,
                           width="stretch"):
                if attempt(events.move_round, store, actor, event.id, r.id, -1) is not FAILED:
                    changed()
            if b[1].button(_("Ned"), key=f"round_down_{r.id}", icon=":material/arrow_downward:",
                           disabled=i == len(rounds) - 1, width="stretch"):
                if attempt(events.move_round, store, actor, event.id, r.id, 1) is not FAILED:
                    changed()
            with b[2].popover(_("Omdøb"), width="stretch"):
                with st.form(f"rename_round_{r.id}"):
                    title = st.text_input(_("Titel"), value=events.round_title(r.title, r.kind, lang), max_chars=120)
                    if st.form_submit_button(_("Gem titlen"), type="primary"):
                        if attempt(events.rename_round, store, actor, event.id, r.id, title,
                                   done=_("Runden hedder nu '{title}'.").format(title=title.strip())) is not FAILED:
                            changed()
            if b[3].button(_("Vis igen") if is_hidden else _("Skjul"), key=f"round_hide_{r.id}", width="stretch"):
                if attempt(events.set_round_hidden, store, actor, event.id, r.id, not is_hidden,
                           done=(_("Runden vises igen.") if is_hidden else
                                 _("Runden er skjult. Svarene bliver stående til analysen."))) is not FAILED:
                    changed()
            if b[4].button(_("Slet"), key=f"round_remove_{r.id}", icon=":material/delete:", width="stretch"):
                if attempt(events.remove_round, store, actor, event.id, r.id,
                           done=_("Runden er slettet.")) is not FAILED:
                    changed()

    add_col, copy_col = st.columns(2, gap="large")
    with add_col:
        st.subheader(_("Tilføj en runde"))
        with st.form(form_key("add_round")):
            kind = st.selectbox(_("Rundetype"), list(ROUND_KINDS), format_func=lambda k: _(ROUND_KINDS[k]))
            title = st.text_input(_("Titel (valgfri)"), max_chars=120,
                                  help=_("Tom: rundetypens navn, fx Visionstesten."))
            if st.form_submit_button(_("Tilføj runden"), type="primary"):
                if submit("add_round", events.add_round, store, actor, event.id, kind, title,
                          values=(event.id, kind, title.strip()),
                          done=_("Runden er tilføjet sidst i rækken.")) is not FAILED:
                    changed()
    with copy_col:
        st.subheader(_("Kopiér runder fra en anden begivenhed"))
        others = {e.code: e.title for e in all_events if e.id != event.id}
        if not others:
            st.info(_("Der er ingen andre begivenheder at kopiere fra."))
            return
        with st.form("copy_rounds"):
            source = st.selectbox(_("Fra begivenhed"), list(others), index=None, placeholder=_("Vælg en begivenhed"),
                                  format_func=lambda c: f"{c} – {others[c]}")
            st.caption(_("Runderne sættes ind sidst i rækken som planlagte runder, uden svar."))
            if st.form_submit_button(_("Kopiér runderne")):
                if not source:
                    st.error(_("Vælg den begivenhed, runderne skal kopieres fra."), icon=":material/warning:")
                else:
                    n = attempt(events.copy_rounds, store, actor, event.id, source)
                    if n is not FAILED:
                        flash((_("1 runde er kopieret fra {code}.") if n == 1 else
                               _("{n} runder er kopieret fra {code}.")).format(n=n, code=source))
                        changed()
