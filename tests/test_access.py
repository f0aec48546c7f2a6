"""No one in where they don't belong: tokens, rate limiting, roles, logout, cookie key."""

from __future__ import annotations

import base64
import time

import jwt
import pytest

from tests.apptest import run, texts
from testkit.server import ORGANISER, StreamlitServer
from testkit.stproto import Session
from vision import config, events, participants, users
from vision.errors import NotFoundError, RateLimitedError
from vision.ui import login

STAFF_PAGES = ("Styr dagen", "Storskærm", "Opsætning", "Analyse og eksport", "Brugere og data")


# -- tokens ---------------------------------------------------------------------------------
def test_tokens_carry_at_least_128_random_bits(store):
    tokens = {participants.new_token() for _ in range(2000)}
    assert len(tokens) == 2000
    for tok in list(tokens)[:50]:
        raw = base64.urlsafe_b64decode(tok + "=" * (-len(tok) % 4))
        assert len(raw) * 8 >= 128
    event = events.get_event(store, "VISION20")
    made = participants.generate_tokens(store, "test", event.id, [("politiker", None, 1)] * 5)
    assert all(len(t) >= 22 for t in made)
    # The database refuses a short token even if code tried to write one.
    with pytest.raises(Exception, match="CHECK|Constraint"):
        store.write(lambda c: c.execute("INSERT INTO participants (event_id, grp, issued) VALUES (?, 'andet', "
                                        "'open') RETURNING id", [event.id]).fetchone()
                    and c.execute("INSERT INTO participant_tokens VALUES ('short', currval('seq_id'), false)"))


def test_repeated_failed_tokens_from_one_client_are_slowed_down(store):
    event = events.get_event(store, "TEMA17")
    good = participants.join_open(store, event, "politiker", events.units(store, event.id)[0])
    client = f"attacker-{time.monotonic_ns()}"
    for i in range(participants.LIMITER.max_failures):
        with pytest.raises(NotFoundError):
            participants.resolve(store, "TEMA17", participants.new_token(), client)
    with pytest.raises(RateLimitedError, match="For mange forkerte forsøg"):
        participants.resolve(store, "TEMA17", participants.new_token(), client)
    # While slowed down, even a right guess gets no answer from that client ...
    with pytest.raises(RateLimitedError):
        participants.resolve(store, "TEMA17", good, client)
    # ... and another client is not affected.
    assert participants.resolve(store, "TEMA17", good, f"phone-{time.monotonic_ns()}")[1].event_id == event.id


def test_a_token_of_another_event_counts_as_a_failure(store):
    tema = events.get_event(store, "TEMA17")
    tok = participants.join_open(store, tema, "politiker", events.units(store, tema.id)[0])
    client = f"mixed-{time.monotonic_ns()}"
    with pytest.raises(NotFoundError, match="anden begivenhed"):
        participants.resolve(store, "VISION20", tok, client)
    fails = participants.LIMITER._fails[client]
    assert len(fails) == 1


def test_revoked_and_deleted_tokens_no_longer_open_the_page(store):
    event = events.get_event(store, "TEMA17")
    tok = participants.join_open(store, event, "politiker", events.units(store, event.id)[0])
    participants.revoke(store, "test", event.id, tok)
    with pytest.raises(NotFoundError, match="spærret"):
        participants.resolve(store, "TEMA17", tok, f"c-{time.monotonic_ns()}")
    participants.delete_tokens(store, "test", event.id)
    with pytest.raises(NotFoundError, match="ukendt"):
        participants.resolve(store, "TEMA17", tok, f"c-{time.monotonic_ns()}")


# -- roles: AppTest of app.py, by page and by query parameters -----------------------------
STAFF_SCRIPTS = {"pages/control.py": "Styr dagen", "pages/setup.py": "Opsætning",
                 "pages/review.py": "Analyse", "pages/admin.py": "Brugere"}
ALLOWED = {
    None: set(),
    "organiser": {"pages/control.py", "pages/setup.py", "pages/projector.py"},
    "secretariat": {"pages/review.py"},
    "admin": {"pages/control.py", "pages/setup.py", "pages/projector.py", "pages/review.py", "pages/admin.py"},
}


@pytest.mark.parametrize("role", [None, "organiser", "secretariat", "admin"])
def test_staff_pages_exist_only_for_the_right_role(app_db, role):
    for script in ("pages/control.py", "pages/projector.py", "pages/setup.py", "pages/review.py",
                   "pages/admin.py"):
        at = run("app.py", role=role)
        if script in ALLOWED[role]:
            at.switch_page(script).run()
            assert not at.exception, (script, at.exception)
        else:
            # Not registered for this visitor: there is no page to switch to.
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(script)


def test_query_parameters_grant_nothing(app_db):
    for params in ({"role": "admin"}, {"event": "TEMA17"}, {"e": "TEMA17", "role": "organiser"},
                   {"page": "styr"}, {"username": "admin"}):
        at = run("app.py", params=params)
        assert not at.exception
        links = [e.proto.label for e in at.get("page_link")] if at.get("page_link") else []
        for name in STAFF_PAGES:
            assert name not in links and name not in texts(at), (params, name)


def test_an_organiser_who_opens_a_participant_link_sees_only_the_vote_page(app_db):
    at = run("app.py", role="organiser", params={"e": "TEMA17"})
    assert not at.exception
    assert not at.get("page_link")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/control.py")


# -- cookie key -------------------------------------------------------------------------------
def _cfg(env: str, key: str) -> config.Config:
    return config.Config(env=env, db_path=None, credentials_path=None, cookie_key=key, cookie_name="x",
                         public_url=None)


def test_no_default_or_short_cookie_key_outside_development():
    long_key = "k" * 48
    assert _cfg("production", "").problems()
    assert _cfg("production", config.DEV_COOKIE_KEY).problems()
    assert _cfg("production", "short-key").problems()
    assert _cfg("staging", config.DEV_COOKIE_KEY).problems()
    assert not _cfg("production", long_key).problems()
    assert not _cfg("development", config.DEV_COOKIE_KEY).problems()
    assert "VISIONSDAG_COOKIE_KEY" in _cfg("production", "").problems()[0]


def test_load_falls_back_to_the_development_key_only_in_development(monkeypatch, tmp_path):
    monkeypatch.delenv("VISIONSDAG_COOKIE_KEY", raising=False)
    monkeypatch.setenv("VISIONSDAG_COOKIE_KEY_FILE", str(tmp_path / "missing.key"))
    monkeypatch.setenv("VISIONSDAG_ENV", "production")
    assert config.load().cookie_key == "" and config.load().problems()
    monkeypatch.setenv("VISIONSDAG_ENV", "development")
    assert config.load().cookie_key == config.DEV_COOKIE_KEY and not config.load().problems()


def test_served_app_refuses_to_serve_without_a_cookie_key(tmp_path):
    server = StreamlitServer(tmp_path, extra_env={"VISIONSDAG_COOKIE_KEY": "",
                                                  "VISIONSDAG_COOKIE_KEY_FILE": str(tmp_path / "none.key")})
    server.prepare()
    server.start()
    try:
        for query in ("", "e=TEMA17"):
            with Session(server.url, query) as s:
                run_ = s.rerun()
            assert any("VISIONSDAG_COOKIE_KEY" in a for a in run_.alerts()), run_.alerts()
            assert not run_.widget_ids, "nothing else is served"
            assert not any("Politisk temadag" in t for t in run_.texts())
    finally:
        server.stop()


# -- logout ends the login everywhere ---------------------------------------------------------
def _token(username: str, issued: float) -> dict:
    return {"username": username, "exp_date": issued + login.COOKIE_EXPIRY_DAYS * 86400}


def test_cookie_issued_before_logout_is_refused(tmp_path):
    path = tmp_path / "credentials.yaml"
    users.add_user(path, "anna", "en-lang-adgangskode", "organiser")
    t0 = time.time()
    assert login.cookie_accepted(path, _token("anna", t0))
    login.record_logout(path, "anna", at=t0 + 5)
    assert not login.cookie_accepted(path, _token("anna", t0)), "issued before the logout"
    assert login.cookie_accepted(path, _token("anna", t0 + 10)), "a new login after it works"
    assert not login.cookie_accepted(path, _token("bo", t0 + 10)), "an unknown user"
    assert not login.cookie_accepted(path, {"exp_date": t0})
    users.add_user(path, "bo", "en-anden-lang-kode", "admin")  # writing other users keeps the record
    assert login.logged_out_at(path, "anna") == pytest.approx(t0 + 5)


def test_a_captured_cookie_stops_working_after_logout(tmp_path):
    """Over the wire: a login cookie copied before logout (another tab, a lost laptop)
    opens the organiser pages until the user logs out, and not after."""
    server = StreamlitServer(tmp_path)
    server.prepare()
    key = server.env["VISIONSDAG_COOKIE_KEY"]
    user = ORGANISER[0]
    cookie = jwt.encode(_token(user, time.time() - 60), key, algorithm="HS256")
    header = f"{config.load().cookie_name}={cookie}"
    server.start()
    try:
        for path in ("styr", "storskaerm", "opsaetning", "analyse", "admin"):  # typed into the address bar
            for query in ("", "e=TEMA17", "role=admin"):
                with Session(server.url, query, page=path) as s:
                    anonymous = s.rerun()
                assert not set(STAFF_PAGES) & set(anonymous.navigation_pages), (path, query)
                assert not any(name in t for t in anonymous.texts() for name in STAFF_PAGES), (path, query)
        with Session(server.url, "", cookies=header, page="styr") as s:
            before = s.rerun()
        assert "Styr dagen" in before.navigation_pages, before.navigation_pages
        # Restoring the login draws no component: a component's first value reruns the
        # page, and a link pressed before that rerun would lose its navigation.
        assert not [kind for kind, _ in before.elements if kind == "component_instance"]
        login.record_logout(server.credentials, user)   # what "Log ud" does, on any device
        with Session(server.url, "", cookies=header) as s:
            after = s.rerun()
        assert not after.exceptions()
        assert after.navigation_pages and not set(STAFF_PAGES) & set(after.navigation_pages)
        forged = jwt.encode(_token(user, time.time()), "not-the-key-" + "y" * 40, algorithm="HS256")
        with Session(server.url, "", cookies=f"{config.load().cookie_name}={forged}") as s:
            wrong_key = s.rerun()
        assert not set(STAFF_PAGES) & set(wrong_key.navigation_pages)
    finally:
        server.stop()
