"""Organiser/secretariat login with streamlit-authenticator.

Kept off the participants' pages: the authenticator sleeps ~0.7 s for a visitor
who is not logged in and adds a cookie component. It is built only on the login page
(to log in, which sets the cookie, and to log out, which deletes it); on every other
page ``restore_from_cookie`` checks the cookie the browser sent and hands it to the
library's login controller, without a component.

Logging out ends a login everywhere. streamlit-authenticator's own logout only
deletes the cookie in this browser; a copy of the cookie (another tab, a lost
laptop, a captured request) would stay valid until it expires. So logout records
the time in the user's entry of the credentials file (``logged_out_at``), and a
cookie issued before that time is refused, as is a session that logged in before it.
"""

from __future__ import annotations

import logging
import time

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.controllers import AuthenticationController
from streamlit_authenticator.utilities import LoginError

from vision import config, events, users
from vision.errors import UserError
from vision.participants import FailureLimiter
from vision.ui.i18n import _
from vision.ui.runtime import client_id, get_store, show_error

log = logging.getLogger(__name__)

LOGIN_LIMITER = FailureLimiter(max_failures=20, window_s=900.0, backoff_s=1.0, free=2, max_wait_s=300.0)
"""Wrong passwords per client (its real address, also behind the door): the first two are free,
then the next attempt waits 1 s, 2 s, 4 s ... up to 5 minutes after each failure, and 20
failures within 15 minutes close the form until the first of them is 15 minutes old. Every
failure is written to the audit log. Another client (the organiser on their own device) is
not affected."""


def _authenticator() -> stauth.Authenticate | None:
    cfg = config.load()
    if not cfg.credentials_path.exists():
        return None
    # The credentials are handed over as a dict: our file holds only users, and the
    # cookie settings come from our configuration.
    credentials = users.read(cfg.credentials_path)["credentials"]
    # login_sleep_time=0: the cookie is read from the request (st.context.cookies),
    # so the library's wait for its cookie component only slows every run down.
    auth = stauth.Authenticate(credentials, cfg.cookie_name, cfg.cookie_key,
                               cookie_expiry_days=COOKIE_EXPIRY_DAYS, login_sleep_time=0)
    # Its own cookie check is ours: a cookie issued before a logout is refused.
    auth.cookie_controller.get_cookie = lambda: _cookie_token(cfg)
    return auth


COOKIE_EXPIRY_DAYS = 1.0


def logged_out_at(credentials_path, username: str) -> float | None:
    """When ``username`` last logged out (epoch seconds), or None."""
    user = users.read(credentials_path)["credentials"]["usernames"].get(username)
    value = (user or {}).get("logged_out_at")
    return float(value) if value is not None else None


def record_logout(credentials_path, username: str, at: float | None = None) -> None:
    """End every login of ``username`` issued until now (cookies and open sessions)."""
    data = users.read(credentials_path)
    user = data["credentials"]["usernames"].get(username)
    if user is None:
        return
    user["logged_out_at"] = float(at if at is not None else time.time())
    users.write(credentials_path, data)


def cookie_accepted(credentials_path, token: dict | None) -> bool:
    """A decoded login cookie is accepted only for an existing user who has not logged
    out since it was issued (issued = its expiry minus the cookie lifetime)."""
    if not token or "username" not in token or "exp_date" not in token:
        return False
    user = users.read(credentials_path)["credentials"]["usernames"].get(token["username"])
    if user is None:
        return False
    out = user.get("logged_out_at")
    issued = float(token["exp_date"]) - COOKIE_EXPIRY_DAYS * 86400
    return out is None or issued > float(out)


def _adopt() -> None:
    """Copy the authenticator's verdict into our role."""
    if st.session_state.get("authentication_status") and st.session_state.get("username"):
        role = users.role_of(config.load().credentials_path, st.session_state["username"])
        st.session_state["role"] = role
        st.session_state.setdefault("login_at", time.time())


def _end_session() -> None:
    for key in ("role", "authentication_status", "username", "name", "roles", "login_at"):
        st.session_state.pop(key, None)


def _session_still_valid() -> bool:
    """False once the user logged out (on any device) after this session logged in."""
    username = st.session_state.get("username")
    path = config.load().credentials_path
    if not username or not path.exists():
        return True
    out = logged_out_at(path, username)
    return out is None or st.session_state.get("login_at", 0.0) > out


def _cookie_token(cfg) -> dict | None:
    """The login cookie this browser sent with the page, decoded and checked: signed with
    our key, not expired, and issued to a user who has not logged out since. None in a
    session that has just logged out (its browser may still send the cookie)."""
    raw = (st.context.cookies or {}).get(cfg.cookie_name)
    if not raw or st.session_state.get("logout"):
        return None
    try:
        token = jwt.decode(raw, cfg.cookie_key, algorithms=["HS256"])
    except jwt.InvalidTokenError:
        return None
    if not isinstance(token, dict) or float(token.get("exp_date", 0)) <= time.time():
        return None
    return token if cookie_accepted(cfg.credentials_path, token) else None


def restore_from_cookie() -> None:
    """Log in the visitor whose browser sent a valid login cookie with the page.

    The cookie is read from the page's request, as streamlit-authenticator itself does,
    and handed to its login; the library's ``Authenticate`` is not built here, because
    it draws a cookie component that, once loaded, reruns the page: a link pressed
    before that rerun lost its navigation, and every page load ran twice."""
    if st.session_state.get("role"):
        if _session_still_valid():
            return
        _end_session()
        st.session_state["logout"] = True  # the authenticator must not restore it from the cookie
        return
    cfg = config.load()
    token = _cookie_token(cfg)        # None without a credentials file: no user to accept
    if token is None:
        return
    credentials = users.read(cfg.credentials_path)["credentials"]
    try:
        AuthenticationController(credentials).login(token=token)
    except LoginError:          # the user was removed a moment ago, after the cookie was checked
        return
    _adopt()


def login_form() -> None:
    auth = _authenticator()
    if auth is None:
        st.warning(_("Der er endnu ingen brugere. Opret den første administrator på serveren med: "
                     "make user USERNAME=navn ROLE=admin"))
        return
    # Password guessing is slowed per client (the same limiter as participant tokens);
    # a per-user lockout would let anyone lock the organiser out on the day.
    client = "login:" + client_id()
    try:
        LOGIN_LIMITER.check(client)
    except UserError as err:
        show_error(err)
        return
    auth.login(location="main", max_login_attempts=None, fields={
        "Form name": _("Log ind"), "Username": _("Brugernavn"), "Password": _("Adgangskode"),
        "Login": _("Log ind"), "Captcha": "Captcha"})
    status = st.session_state.get("authentication_status")
    if status is False:
        _record_failure(client)
        st.session_state["authentication_status"] = None  # count each wrong attempt once
        st.error(_("Forkert brugernavn eller adgangskode."))
    _adopt()
    if st.session_state.get("role"):
        # Let this run finish so the browser stores the login cookie (it is set by a
        # component), then rerun so the menu shows the pages of this role.
        st.success(_("Du er logget ind."))
        _continue_soon()


def _record_failure(client: str) -> None:
    """Count a wrong password for this client and write it to the audit log (the client's
    hashed address, never the password; the typed user name is not known here)."""
    failures = LOGIN_LIMITER.fail(client)
    wait = LOGIN_LIMITER.wait_after(failures)
    try:
        events.log_action(get_store(), "?", "login_failed",
                          f"klient {client.removeprefix('login:')}, fejl {failures}, ventetid {wait:.0f} s")
    except Exception:  # noqa: BLE001 - a full audit log must not open the door for guessing
        log.exception("could not audit a failed login")


@st.fragment(run_every=1.2)
def _continue_soon() -> None:
    if st.session_state.get("_login_shown"):
        st.session_state.pop("_login_shown")
        st.rerun(scope="app")
    st.session_state["_login_shown"] = True


def logout() -> None:
    cfg = config.load()
    username = st.session_state.get("username")
    if username and cfg.credentials_path.exists():
        record_logout(cfg.credentials_path, username)
    auth = _authenticator()
    if auth is not None and st.session_state.get("authentication_status"):
        auth.logout(location="unrendered")
    _end_session()
