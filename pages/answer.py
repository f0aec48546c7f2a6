"""A body's answer to a consultation, through its own link (``/?h=TOKEN``; no login).

The texts are saved with "Gem kladde" (kept, not sent) or "Send svar" (counts as answered);
both keep everything written so far, so a half-written answer survives a reload. The
answer can be revised and sent again until the end of the deadline day; after that the
page shows it read-only.
"""

from __future__ import annotations

import streamlit as st

from vision import consultation as cons
from vision.errors import UserError
from vision.ui import style
from vision.ui.i18n import _
from vision.ui.runtime import client_id, get_store, show_error
from vision.ui.text import md_literal

style.phone()
store = get_store()
token = (st.query_params.get("h") or "").strip()


def _when(at) -> str:
    return at.strftime("%d.%m.%Y kl. %H:%M")


def read_only(topics, saved: dict) -> None:
    heading = None
    for t in topics:
        if t.heading != heading:
            heading = t.heading
            st.subheader(_(heading) if heading == cons.VISION_TOPIC else heading)
        st.markdown(f"**{md_literal(t.question.text)}**")
        text = saved.get(t.key)
        if text:
            st.text(text)
        else:
            st.caption(_("Ikke besvaret."))


def main() -> None:
    try:
        consultation, body = cons.resolve(store, token, client_id())
    except UserError as err:
        st.title(_("Høringssvar"))
        show_error(err)
        return
    st.title(consultation.title)
    deadline = consultation.deadline.strftime("%d.%m.%Y")
    st.caption(_("Svar fra {body} · frist {date}").format(body=body.name, date=deadline))
    if consultation.intro:
        st.write(consultation.intro)
    topics = cons.topics(store, consultation)
    saved = cons.answers(store, body)
    if body.submitted_at:
        st.success(_("Jeres svar er sendt {when}.").format(when=_when(body.submitted_at)),
                   icon=":material/check_circle:")
    elif any(saved.values()):
        st.info(_("I har en gemt kladde, som endnu ikke er sendt."), icon=":material/edit_note:")

    if not consultation.is_open():
        st.warning(_("Fristen for svar var {date}. Svaret kan ikke længere ændres; her er det, I har "
                     "skrevet.").format(date=deadline), icon=":material/lock:")
        read_only(topics, saved)
        return

    st.write(_("Skriv jeres svar under hvert spørgsmål. »Gem kladde« gemmer uden at sende, så I kan "
               "fortsætte senere fra samme link. »Send svar« sender svaret til sekretariatet; I kan rette "
               "og sende igen indtil fristen."))
    with st.form("answer"):
        heading = None
        for t in topics:
            if t.heading != heading:
                heading = t.heading
                st.subheader(_(heading) if heading == cons.VISION_TOPIC else heading)
            st.text_area(t.question.text, value=saved.get(t.key, ""), key=f"a_{t.key[0]}_{t.key[1]}",
                         max_chars=cons.ANSWER_MAX_CHARS, height=110)
        a, b = st.columns(2)
        draft = a.form_submit_button(_("Gem kladde"), icon=":material/save:", width="stretch")
        send = b.form_submit_button(_("Send svar"), type="primary", icon=":material/send:", width="stretch")
    if draft or send:
        texts = {t.key: st.session_state.get(f"a_{t.key[0]}_{t.key[1]}", "") for t in topics}
        try:
            at = cons.save_answer(store, token, texts, send=bool(send))
        except UserError as err:
            show_error(err)
            st.caption(_("Teksten står stadig i felterne ovenfor; kopiér den, hvis I vil gemme den et andet sted."))
            return
        if send:
            st.success(_("Svaret er sendt {when}. Tak! I kan rette det indtil {date}.").format(
                when=_when(at), date=deadline), icon=":material/check_circle:")
        else:
            st.success(_("Kladden er gemt {when}. Den er ikke sendt endnu.").format(when=_when(at)),
                       icon=":material/save:")


main()
