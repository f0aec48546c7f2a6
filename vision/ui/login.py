"""Organiser/secretariat login, checked by streamlit-authenticator's login controller.

The library's ``Authenticate`` (its form, its cookie component, a ~0.7 s sleep for a visitor
who is not logged in) is not drawn before a login: the form is our own (``login_form``), and
the cookie is set by the library's component only once a login has succeeded
(``finish_login``). On every page ``restore_from_cookie`` checks the cookie the browser sent
and hands it to the library's login controller, without a component. ``Authenticate`` is
built only to log out.

Logging out ends a login everywhere. streamlit-authenticator's own logout only
deletes the cookie in this browser; a copy of the cookie (another tab, a lost
laptop, a captured request) would stay valid until it expires. So logout records
the time in the user's entry of the credentials file (``logged_out_at``), and a
cookie issued before that time is refused, as is a session that logged in before it.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.controllers import AuthenticationController
from streamlit_authenticator.utilities import LoginError
# The cookie component streamlit-authenticator itself uses (it sets the cookie in the browser).
from extra_streamlit_components.CookieManager import _component_func as _cookie_component

from vision import config, events, users
from vision.errors import UserError
from vision.participants import FailureLimiter
from vision.ui.i18n import _
from vision.ui.runtime import client_id, get_store, show_error
from vision.ui.text import script_literal

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
    """Our own form, checked by the library's login controller.

    The library's ``Authenticate.login`` draws a cookie component on the page before anyone
    has logged in. That component loads in a frame 2-4 s after the page, and its first value
    runs the page again: a "Log ind" pressed meanwhile (a password manager fills the form at
    once) was lost with the run it interrupted. Here nothing reruns the page before the
    press; the cookie is set by ``finish_login`` after a login that succeeded."""
    cfg = config.load()
    if not cfg.credentials_path.exists():
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
    with st.form("login"):         # under the page's own title "Log ind": no heading of its own
        username = st.text_input(_("Brugernavn"), autocomplete="username")
        password = st.text_input(_("Adgangskode"), type="password", autocomplete="current-password")
        pressed = st.form_submit_button(_("Log ind"), type="primary")
    if not pressed:
        return
    if not username.strip() or not password:
        st.error(_("Skriv både brugernavn og adgangskode."))
        return
    credentials = users.read(cfg.credentials_path)["credentials"]
    try:
        ok = AuthenticationController(credentials).login(username, password)
    except LoginError:
        ok = False
    if not ok:
        _record_failure(client)
        st.session_state["authentication_status"] = None  # count each wrong attempt once
        st.error(_("Forkert brugernavn eller adgangskode."))
        return
    _adopt()
    if st.session_state.get("role"):
        st.session_state.pop("logout", None)
        st.session_state[_COOKIE_PENDING] = _cookie_value(cfg, st.session_state["username"])
        # Run again at once, so the menu shows the pages of this role.
        st.rerun()


_COOKIE_PENDING = "_login_cookie_pending"


def _cookie_value(cfg, username: str) -> tuple[str, float]:
    """The login cookie (as streamlit-authenticator writes and reads it: a JWT with the user
    name and its expiry, signed with our key) and its expiry."""
    exp = time.time() + COOKIE_EXPIRY_DAYS * 86400
    return jwt.encode({"username": username, "exp_date": exp}, cfg.cookie_key, algorithm="HS256"), exp


def finish_login() -> None:
    """After a login, set its cookie in the browser, so a reload or another tab stays logged
    in. A browser cookie can only be set from the page: by a one-line script at once, and by
    the cookie component, drawn on every page run until it reports the cookie set."""
    pending = st.session_state.get(_COOKIE_PENDING)
    if not pending or not st.session_state.get("role"):
        return
    token, exp = pending
    cfg = config.load()
    # At once, in the page itself: the component below loads in a frame of its own 2-4 s
    # later, and a reload meanwhile (an organiser who opens the control page by its address
    # right after logging in) arrived without the cookie and was logged out. The token is
    # ours (a signed JWT: letters, digits, '-', '_', '.'), never input.
    expires = datetime.fromtimestamp(exp, timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")
    cookie = f"{cfg.cookie_name}={token}; expires={expires}; path=/; SameSite=Strict"
    st.html(f"<script>document.cookie = {script_literal(cookie)};</script>", unsafe_allow_javascript=True)
    # The component reports back once the cookie is set; until then it is drawn on every run.
    done = _cookie_component(method="set", cookie=cfg.cookie_name, value=token, key="login_cookie",
                             default=False, options={
                                 "path": "/", "sameSite": "strict",
                                 "expires": datetime.fromtimestamp(exp, timezone.utc).isoformat()})
    if done:
        st.session_state.pop(_COOKIE_PENDING, None)


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


def logout() -> None:
    cfg = config.load()
    username = st.session_state.get("username")
    if username and cfg.credentials_path.exists():
        record_logout(cfg.credentials_path, username)
    auth = _authenticator()
    if auth is not None and st.session_state.get("authentication_status"):
        auth.logout(location="unrendered")
    _end_session()
