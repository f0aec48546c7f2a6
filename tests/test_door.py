"""The door (``vision.door``, ``vision.clientaddr``): behind Caddy the limits on wrong tokens
count per real client, so one guesser is stopped while the rest of the hall joins and saves,
and a forged ``X-Forwarded-For`` changes nothing."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from testkit.join_form import join_over_http
from testkit.server import ROOT, ProxiedServer, StreamlitServer, free_port, prepared_static
from testkit.stproto import Session, form_body
from tests.support.voters import ballot, open_scoring_day, prepare_file
from vision import api, clientaddr, door, participants
from vision.errors import RateLimitedError

CADDY = shutil.which("caddy")
needs_caddy = pytest.mark.skipif(CADDY is None, reason="Debian's caddy is not installed (make test installs it as root)")


# -- whose address -------------------------------------------------------------------------------
@pytest.mark.parametrize("peer, xff, expected", [
    ("203.0.113.9", "198.51.100.1", "203.0.113.9"),          # from outside: the header is ignored
    ("203.0.113.9", None, "203.0.113.9"),
    ("127.0.0.1", "198.51.100.1", "198.51.100.1"),           # from the door: the client it saw
    ("::1", ["10.0.0.5"], "10.0.0.5"),
    ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a forged entry before the door's own
    ("127.0.0.1", "198.51.100.1, 127.0.0.1", "198.51.100.1"),
    ("::ffff:127.0.0.1", "198.51.100.2", "198.51.100.2"),
    ("127.0.0.1", None, "127.0.0.1"),
    ("127.0.0.1", "127.0.0.1", "127.0.0.1"),
    (None, "198.51.100.1", "?"),
])
def test_the_client_is_read_from_the_header_only_when_the_door_sent_it(peer, xff, expected):
    assert clientaddr.client_address(peer, xff) == expected


def test_the_key_hides_the_address_but_tells_clients_apart():
    a, b = clientaddr.client_key("198.51.100.1"), clientaddr.client_key("198.51.100.2")
    assert a != b and "198" not in a and a == clientaddr.client_key("::ffff:198.51.100.1")


def test_waits_grow_with_each_failure_for_that_client_only(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(participants.time, "monotonic", lambda: clock[0])
    limiter = participants.FailureLimiter(max_failures=20, window_s=900, backoff_s=1, free=2, max_wait_s=300)
    waits = []
    for _ in range(8):
        limiter.check("guesser")
        limiter.fail("guesser")
        try:
            limiter.check("guesser")
            waits.append(0)
        except RateLimitedError as err:
            waits.append(err.params["s"])
            clock[0] += limiter.wait_after(limiter.failures("guesser"))   # wait exactly as told
        limiter.check("organiser")          # never slowed by the guesser
    assert waits == [0, 0, 2, 3, 5, 9, 17, 33]   # 1, 2, 4, ... s, rounded up to whole seconds
    assert limiter.wait_after(30) == 300


# -- the save route, as the door passes requests on ----------------------------------------------
@pytest.fixture
def day(store):
    return open_scoring_day(store, n_voters=2)


def _client(store, peer: str) -> TestClient:
    return TestClient(Starlette(routes=api.routes(lambda: store)), client=(peer, 50000))


def _ballot(day, i=0, **changes):
    body = {"e": day.event_code, "t": day.tokens[i], "lang": "da", "round": day.round_id,
            "draft": day.draft_ids[0], "scores": ballot(i, day.criteria), "comment": None}
    return body | changes


def test_behind_the_door_a_guesser_is_blocked_and_the_next_phone_saves(store, day):
    participants.LIMITER._fails.clear()
    with _client(store, "127.0.0.1") as door_side:
        guesser = {"X-Forwarded-For": "198.51.100.66"}
        for _ in range(participants.LIMITER.max_failures):
            assert door_side.post(api.PATH, json=_ballot(day, t="B" * 22), headers=guesser).status_code == 404
        assert door_side.post(api.PATH, json=_ballot(day), headers=guesser).status_code == 429
        phone = {"X-Forwarded-For": "198.51.100.7"}
        assert door_side.post(api.PATH, json=_ballot(day, 1), headers=phone).status_code == 200
    participants.LIMITER._fails.clear()


def test_a_forged_header_from_outside_changes_nothing(store, day):
    participants.LIMITER._fails.clear()
    with _client(store, "203.0.113.9") as outside:
        for i in range(participants.LIMITER.max_failures):
            forged = {"X-Forwarded-For": f"198.51.100.{i}"}       # a new "client" every time
            assert outside.post(api.PATH, json=_ballot(day, t="B" * 22), headers=forged).status_code == 404
        answer = outside.post(api.PATH, json=_ballot(day), headers={"X-Forwarded-For": "198.51.100.200"})
        assert answer.status_code == 429
    participants.LIMITER._fails.clear()


# -- against Caddy in front of the real server -----------------------------------------------------
def _post(host: str, port: int, path: str, body: dict, source: str, headers: dict | None = None) -> int:
    conn = http.client.HTTPConnection(host, port, timeout=30, source_address=(source, 0))
    try:
        conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json", **(headers or {})})
        return conn.getresponse().status
    finally:
        conn.close()


def _join_and_save(url: str, source: str) -> tuple[str, int]:
    """A phone opens the QR link, joins through the form and saves a ballot (from ``source``)."""
    token = join_over_http(url, "TEMA17", source=source)
    with Session(url, f"e=TEMA17&t={token}", source_address=(source, 0)) as s:
        form = next(iter(s.rerun().forms().values()))
    host, port = url.split("//")[1].split(":")
    status = _post(host, int(port), form["url"], form_body(form, {c["key"]: 3 for c in form["criteria"]}), source)
    return form["t"], status


@needs_caddy
def test_through_caddy_one_guesser_is_blocked_while_another_phone_joins_and_saves(tmp_path):
    server = ProxiedServer(tmp_path, bind="0.0.0.0")
    server.prepare()
    day = prepare_file(server.db, n_voters=1)
    server.start()
    try:
        port = server.port
        guess = {"e": day.event_code, "t": "C" * 22, "lang": "da"}
        blocked_at: list[int] = []
        stop = threading.Event()

        def guesser():                   # from 127.0.0.2, as fast as it can, until the test ends
            n = 0
            while not stop.is_set() and n < 200:
                n += 1
                status = _post("127.0.0.1", port, api.ROUNDS_PATH, guess, "127.0.0.2",
                               {"X-Forwarded-For": f"203.0.113.{n % 250}"})        # forged, ignored
                if status == 429 and not blocked_at:
                    blocked_at.append(n)

        thread = threading.Thread(target=guesser)
        thread.start()
        deadline = time.monotonic() + 30
        while not blocked_at and time.monotonic() < deadline:
            time.sleep(0.05)
        token, status = _join_and_save(server.url, "127.0.0.3")
        stop.set()
        thread.join(timeout=30)
        assert blocked_at == [participants.LIMITER.max_failures + 1]
        assert status == 200 and token
        # The guesser's own right token gets no answer now, not even through the door ...
        assert _post("127.0.0.1", port, api.ROUNDS_PATH, {"e": day.event_code, "t": day.tokens[0]},
                     "127.0.0.2") == 429
        # ... while the same right token from a third client is answered.
        assert _post("127.0.0.1", port, api.ROUNDS_PATH, {"e": day.event_code, "t": day.tokens[0]},
                     "127.0.0.4") == 200
    finally:
        server.stop()


@needs_caddy
def test_the_door_serves_static_files_compressed_and_cached_and_passes_the_rest(tmp_path):
    server = ProxiedServer(tmp_path)
    server.prepare()
    server.start()
    try:
        js = next(p for p in (door.WORKDIR / "www" / "static" / "js").glob("index.*.js"))
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request("GET", f"/static/js/{js.name}", headers={"Accept-Encoding": "br, gzip"})
        r = conn.getresponse()
        body = r.read()
        assert r.status == 200 and r.getheader("Content-Encoding") == "br"
        assert "immutable" in r.getheader("Cache-Control") and len(body) < js.stat().st_size / 2
        conn.request("GET", "/_stcore/health")
        r = conn.getresponse()
        assert r.status == 200 and r.read() == b"ok"
        conn.close()
    finally:
        server.stop()


@needs_caddy
def test_the_door_command_serves_through_caddy_and_closes_when_caddy_dies(tmp_path):
    """``python -m vision.door`` (what ``make run`` runs) starts the app and Caddy in front of
    it; when Caddy dies it stops the app too and exits non-zero, so a service manager or the
    container's restart policy starts both again rather than leave a door without a house."""
    import psutil

    app = StreamlitServer(tmp_path)        # the database, logins and environment the door runs with
    app.prepare()
    prepared_static()                      # the shared static copy, made under the tests' lock
    public, internal = free_port(), free_port()
    with open(tmp_path / "door.log", "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "vision.door", "--host", "127.0.0.1", "--port", str(public),
                                 "--internal-port", str(internal)], cwd=ROOT, env=app.env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    children: list = []
    try:
        door.wait_for_health(f"http://127.0.0.1:{public}", 120, proc)
        with urllib.request.urlopen(f"http://127.0.0.1:{public}/_stcore/health", timeout=10) as r:
            assert r.read() == b"ok"
        js = next((door.WORKDIR / "www" / "static" / "js").glob("index.*.js")).name
        with urllib.request.urlopen(f"http://127.0.0.1:{public}/static/js/{js}", timeout=10) as r:
            assert r.headers["Server"] == "Caddy"                     # Caddy in front, from disk
        children = psutil.Process(proc.pid).children()
        caddy = next(c for c in children if c.name() == "caddy")
        served = next(c for c in children if "vision.serve" in c.cmdline())
        assert str(internal) in served.cmdline()
        caddy.kill()
        assert proc.wait(timeout=60) == 1
        assert "Caddy stopped; the door is closed." in (tmp_path / "door.log").read_text()
        assert not served.is_running() or served.status() == psutil.STATUS_ZOMBIE
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{internal}/_stcore/health", timeout=5)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
        for child in children:             # left over only when the door failed to stop them
            if child.is_running():
                child.kill()


def test_without_caddy_the_app_is_served_directly_and_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(door.shutil, "which", lambda name: None)
    calls = []

    def execv(path, args):                # what replaces this process: the app alone
        calls.append(args)
        raise SystemExit(0)

    monkeypatch.setattr(door.os, "execv", execv)
    monkeypatch.delenv("VISIONSDAG_PUBLIC_URL", raising=False)
    with pytest.raises(SystemExit):
        door.main(["--port", "8123", "--domain", "visionsdag.example.dk"])
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "directly" in out[0]
    assert calls and calls[0][-5:] == ["8123", "--server.address", "0.0.0.0", "--server.headless", "true"]
    assert door.os.environ["VISIONSDAG_PUBLIC_URL"] == "https://visionsdag.example.dk"
    monkeypatch.delenv("VISIONSDAG_PUBLIC_URL")


def test_the_rendered_caddyfile_serves_https_for_a_domain_and_http_without(tmp_path):
    www, storage = tmp_path / "www", tmp_path / "storage"
    plain = door.caddyfile(upstream="127.0.0.1:9", www=www, storage=storage, port=8501)
    assert "http://:8501 {" in plain and "auto_https off" in plain and "{{" not in plain
    real = door.caddyfile(upstream="127.0.0.1:9", www=www, storage=storage, domain="visionsdag.example.dk")
    assert "https://visionsdag.example.dk {" in real and "tls internal" not in real and "auto_https" not in real
    assert "precompressed br gzip" in real and "reverse_proxy 127.0.0.1:9" in real
    assert door.public_url("visionsdag.example.dk") == "https://visionsdag.example.dk"
    assert door.public_url("v.test", 8443) == "https://v.test:8443"


@pytest.mark.skipif(shutil.which("caddy") is None, reason="Debian's caddy is not installed")
def test_the_door_lets_go_of_an_idle_connection_before_the_app_does(tmp_path):
    """Caddy keeps an idle connection to the app for 2 minutes unless told otherwise; the app
    (uvicorn, under Streamlit) closes it after its keep-alive. A request Caddy sends on a
    connection the app is closing fails, and a POST ("Deltag", a save) is not retried: one
    "Deltag" in 5,500 came back 502 in a 500-phone bench through the door."""
    import inspect

    import uvicorn
    from streamlit.web.server.starlette import starlette_server

    assert "timeout_keep_alive" not in inspect.getsource(starlette_server._get_uvicorn_config_kwargs)
    app_keeps = inspect.signature(uvicorn.Config).parameters["timeout_keep_alive"].default
    conf = tmp_path / "Caddyfile"
    conf.write_text(door.caddyfile(upstream="127.0.0.1:9", www=tmp_path / "www", storage=tmp_path / "s", port=8501))
    adapted = json.loads(subprocess.run(["caddy", "adapt", "--config", str(conf)], capture_output=True, text=True,
                                        check=True).stdout)
    proxies = [h for h in _handlers(adapted) if h.get("handler") == "reverse_proxy"]
    assert proxies
    for h in proxies:
        idle_ns = h.get("transport", {}).get("keep_alive", {}).get("idle_timeout")
        assert idle_ns is not None and idle_ns / 1e9 < app_keeps, (idle_ns, app_keeps)


def _handlers(node):
    """Every handler in an adapted Caddy JSON config, however deeply routed."""
    if isinstance(node, dict):
        if "handler" in node:
            yield node
        for v in node.values():
            yield from _handlers(v)
    elif isinstance(node, list):
        for v in node:
            yield from _handlers(v)


@pytest.mark.parametrize("host, shown, hidden", [
    ("127.0.0.1", "http://localhost:8501/ (this computer only", "phones on the same network"),
    ("0.0.0.0", "phones on the same network", "this computer only"),
])
def test_the_start_up_line_names_a_network_address_only_when_phones_can_use_it(host, shown, hidden):
    line = door.serving_message(host, 8501, "Caddy in front")
    assert shown in line and hidden not in line
