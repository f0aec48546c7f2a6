"""Public home page: what this is, and the way in for participants."""

from __future__ import annotations

import streamlit as st

from vision import events
from vision.errors import UserError
from vision.ui.auth import has_role
from vision.ui.i18n import _
from vision.ui.runtime import get_store, show_error

store = get_store()
st.title(_("Visionsdag"))
st.write(_("Et værktøj til de politiske visionsdage om rammeaftalen på det specialiserede socialområde: "
           "deltagerne stemmer på deres telefon, arrangøren viser resultaterne live på storskærmen, og "
           "sekretariatet får analyser og eksport bagefter."))

with st.form("code"):
    code = st.text_input(_("Har du en kode fra storskærmen? Skriv den her"), max_chars=16,
                         placeholder=_("fx VISION20"))
    go = st.form_submit_button(_("Deltag"), type="primary")
if go:
    try:
        event = events.get_event(store, code)
    except UserError as err:
        show_error(err)
    else:
        st.query_params.clear()
        st.query_params["e"] = event.code
        st.rerun()

if has_role("secretariat"):
    st.markdown(f":material/checklist: [{_('Processen i dag: frister, høringssvar, resultater og godkendelser')}](/process)")

st.subheader(_("Visionsdage"))
for ev in events.list_events(store):
    with st.container(border=True):
        when = ev.event_date.strftime("%d.%m.%Y") if ev.event_date else ""
        st.markdown(f"**{ev.title}**")
        st.caption(" · ".join(x for x in (when, ev.place, _("Kode: {code}").format(code=ev.code)) if x))
        if ev.description:
            st.write(ev.description)

st.divider()
st.markdown(f"[{_('Tilgængelighedserklæring')}](/accessibility)")
