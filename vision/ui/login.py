"""Organiser/secretariat login with streamlit-authenticator.

Kept off the participants' pages: the authenticator sleeps ~0.7 s for a visitor
who is not logged in and adds a cookie component. ``restore_from_cookie`` runs it
only when the browser actually sent our login cookie.
"""

from __future__ import annotations

import streamlit as st
import streamlit_authenticator as stauth

from vision import config, users
from vision.ui.i18n import _


def _authenticator() -> stauth.Authenticate | None:
    cfg = config.load()
    if not cfg.credentials_path.exists():
        return None
    return stauth.Authenticate(str(cfg.credentials_path), cfg.cookie_name, cfg.cookie_key,
                               cookie_expiry_days=1.0)


def _adopt() -> None:
    """Copy the authenticator's verdict into our role."""
    if st.session_state.get("authentication_status") and st.session_state.get("username"):
        role = users.role_of(config.load().credentials_path, st.session_state["username"])
        st.session_state["role"] = role


def restore_from_cookie() -> None:
    if st.session_state.get("role"):
        return
    cfg = config.load()
    if cfg.cookie_name not in (st.context.cookies or {}):
        return
    auth = _authenticator()
    if auth is None:
        return
    auth.login(location="unrendered")
    _adopt()


def login_form() -> None:
    auth = _authenticator()
    if auth is None:
        st.warning(_("Der er endnu ingen brugere. Opret den første administrator på serveren med: "
                     "make user USERNAME=navn ROLE=admin"))
        return
    auth.login(location="main", max_login_attempts=None, fields={
        "Form name": _("Log ind"), "Username": _("Brugernavn"), "Password": _("Adgangskode"),
        "Login": _("Log ind"), "Captcha": "Captcha"})
    status = st.session_state.get("authentication_status")
    if status is False:
        st.error(_("Forkert brugernavn eller adgangskode."))
    _adopt()
    if st.session_state.get("role"):
        st.rerun()


def logout() -> None:
    auth = _authenticator()
    if auth is not None and st.session_state.get("authentication_status"):
        auth.logout(location="unrendered")
    for key in ("role", "authentication_status", "username", "name", "roles"):
        st.session_state.pop(key, None)
