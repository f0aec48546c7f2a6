"""Log in or out (organisers, secretariat, admins)."""

from __future__ import annotations

import streamlit as st

from vision.ui.i18n import _
from vision.ui.login import login_form, logout

if st.session_state.get("role"):
    st.title(_("Log ud"))
    st.write(_("Du er logget ind som {name} ({role}).").format(
        name=st.session_state.get("name") or st.session_state.get("username"), role=_(st.session_state["role"])))
    if st.button(_("Log ud"), type="primary"):
        logout()
        st.rerun()
else:
    st.title(_("Log ind"))
    st.caption(_("Kun for arrangører og sekretariat. Deltagere skal ikke logge ind: de scanner QR-koden."))
    login_form()
