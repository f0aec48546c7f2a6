"""The deployment files in ``deploy/``: what a container image gets from the work tree, the
health check the service manager and the container use, and the two systemd units."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
HEALTH = DEPLOY / "health.py"


# -- what `docker build -f deploy/Dockerfile .` sends -----------------------------------------------
def _rules() -> list[tuple[bool, re.Pattern]]:
    """The root ``.dockerignore`` as Docker reads it (no maintained matcher is installed here, so
    this follows Docker's documented rules, the ones this file uses): a pattern is a path from the
    context's root ("/" in front or not), ``*`` is any characters but "/", ``?`` one of them,
    ``**`` any number of folders; a pattern that matches a folder leaves out all inside it;
    ``!`` takes a path back in; the last pattern that matches decides."""
    rules = []
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = os.path.normpath(line.lstrip("!").strip()).lstrip("/")
        assert not set("[]\\") & set(pattern), f"teach this matcher {pattern!r} first"
        regex = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*")
        regex = regex.replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
        rules.append((negated, re.compile(regex + r"\Z")))
    return rules


def _left_out(path: str, rules) -> bool:
    parts = path.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    out = False
    for negated, regex in rules:
        if any(regex.match(p) for p in prefixes):
            out = not negated
    return out


def _context(rules) -> list[str]:
    """The files of this work tree that a build would send."""
    prune = not any(negated for negated, _ in rules)
    sent = []
    for folder, dirs, files in os.walk(ROOT):
        rel = Path(folder).relative_to(ROOT).as_posix()
        rel = "" if rel == "." else rel + "/"
        if prune:
            dirs[:] = [d for d in dirs if not _left_out(rel + d, rules)]
        sent += [rel + f for f in files if not _left_out(rel + f, rules)]
    return sent


NEVER_SENT = [
    "secrets/credentials.yaml", "secrets/cookie.key",
    ".venv/bin/python", ".venv/lib/python3.11/site-packages/streamlit/__init__.py",
    "data/visionsdag.duckdb", "data/visionsdag.duckdb.wal", "data/visionsdag.duckdb.before-v7",
    "data/restored-auto-20260203-1130.duckdb", "data/backups/auto-20260203-1130/scores.parquet",
    "data/uploads/timeline.yaml",
    "var/door/Caddyfile", "var/door/storage/pki/authorities/local/root.key", "var/door/www/static/js/x.js",
    "bench/results/door-20261205-213500.json", "vision/__pycache__/door.cpython-311.pyc", ".git/HEAD",
    ".streamlit/secrets.toml",
]
NEEDED = ["app.py", "requirements.txt", "vision/door.py", "vision/serve.py", "data/criteria.yaml",
          "data/municipalities.yaml", ".streamlit/config.toml", "deploy/entrypoint.sh", "deploy/health.py",
          "deploy/Caddyfile.template"]


def test_the_image_gets_no_database_logins_environment_or_door_state_of_a_work_tree():
    rules = _rules()
    assert [p for p in NEVER_SENT if not _left_out(p, rules)] == []
    assert [p for p in NEEDED if _left_out(p, rules)] == []
    sent = _context(rules)
    assert set(NEEDED) <= set(sent)
    assert not [p for p in sent if re.match(r"(secrets|\.venv|var)/|data/[^/]*\.duckdb", p)]


def test_everything_git_ignores_stays_out_of_the_image_too():
    """A file that must not be committed (a database, logins, a bench's results) must not
    reach an image either."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git work tree")
    listed = subprocess.run(["git", "ls-files", "--others", "--ignored", "--exclude-standard", "--directory"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
    rules = _rules()
    ignored = [p.rstrip("/") for p in listed if p]
    assert ignored, "git ignores nothing here: .venv and caches should be there"
    assert [p for p in ignored if not _left_out(p, rules)] == []


def _dockerfile() -> tuple[str, list[str]]:
    text = (DEPLOY / "Dockerfile").read_text()
    workdir = re.search(r"^WORKDIR\s+(\S+)", text, re.M).group(1).rstrip("/")
    volumes = json.loads(re.search(r"^VOLUME\s+(\[.*\])", text, re.M).group(1))
    assert re.search(r"^COPY \. \.$", text, re.M), "the image's /app is the build context"
    return workdir, volumes


def test_no_file_of_the_image_lies_under_a_volume():
    """An empty named volume is filled from the image on its first use and keeps that for
    good: a volume over files of the image would keep a developer's files, or an old
    image's source data after an upgrade."""
    workdir, volumes = _dockerfile()
    sent = _context(_rules())
    for volume in volumes:
        assert volume.startswith(workdir + "/")
        inside = volume[len(workdir) + 1:] + "/"
        assert [p for p in sent if p.startswith(inside)] == [], volume
    env = dict(re.findall(r"(VISIONSDAG_\w+)=(\S+)", (DEPLOY / "Dockerfile").read_text()))
    for name in ("VISIONSDAG_DB", "VISIONSDAG_UPLOAD_DIR", "VISIONSDAG_BACKUP_DIR"):  # what the app writes
        assert any(env[name].startswith(v + "/") for v in volumes), name


def test_compose_mounts_the_volumes_the_image_declares():
    _workdir, volumes = _dockerfile()
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    service = compose["services"]["visionsdag"]
    assert service["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    mounted = {m.split(":")[1] for m in service["volumes"]}
    assert mounted == set(volumes)
    assert {m.split(":")[0] for m in service["volumes"]} == set(compose["volumes"])


# -- deploy/health.py -------------------------------------------------------------------------------
class _Health(BaseHTTPRequestHandler):
    def do_GET(self):          # noqa: N802 - the standard library's name
        status, body = self.server.answer if self.path == "/_stcore/health" else (404, b"")
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def app_health():
    """A stand-in for Streamlit's health route; ``server.answer`` is what it says."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    server.answer = (200, b"ok")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _check(url: str, wait: float) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(HEALTH), url, "--wait", str(wait)], capture_output=True,
                          text=True, timeout=60)


def _url(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_the_health_check_passes_when_the_app_answers_ok(app_health):
    done = _check(_url(app_health), 5)
    assert done.returncode == 0, done.stderr


def test_the_health_check_fails_when_the_app_is_down_or_says_otherwise(app_health):
    app_health.answer = (503, b"")
    t0 = time.monotonic()
    done = _check(_url(app_health), 1)
    assert done.returncode == 1 and "not healthy" in done.stderr and time.monotonic() - t0 < 30
    app_health.answer = (200, b"starting")
    assert _check(_url(app_health), 0.5).returncode == 1
    with socket.socket() as s:                  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{s.getsockname()[1]}"
    done = _check(down, 0.5)
    assert done.returncode == 1 and down in done.stderr


def test_the_health_check_keeps_asking_until_the_app_is_up(app_health):
    """A service counts as started when its check passes: a slow start within ``--wait`` is fine."""
    app_health.answer = (503, b"")
    threading.Timer(1.5, lambda: setattr(app_health, "answer", (200, b"ok"))).start()
    assert _check(_url(app_health), 20).returncode == 0


# -- the systemd units ------------------------------------------------------------------------------
UNITS = [DEPLOY / "visionsdag.service", DEPLOY / "visionsdag-door.service"]
MISSING_HERE = re.compile(r"^[\w.-]+\.service: Command (/opt/visionsdag/\S+|/usr/bin/caddy) is not executable: "
                          r"No such file or directory$")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_reads_both_units_without_a_complaint():
    """``systemd-analyze verify`` on both units; only the install paths that do not exist on
    this machine (``/opt/visionsdag``) may be named. A misspelt key or value is a complaint."""
    done = subprocess.run(["systemd-analyze", "verify", *map(str, UNITS)], capture_output=True, text=True,
                          timeout=60)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert [line for line in lines if not MISSING_HERE.match(line)] == []
    assert done.returncode == 0 or lines       # a failure names what failed
