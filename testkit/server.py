"""A real `streamlit run app.py` server (through `python -m vision.serve`) on a free port and its own database file."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
ORGANISER = ("arrangoer", "Arrangoer-Kode-2026")
SECRETARIAT = ("sekretariat", "Sekretariat-Kode-2026")
ADMIN = ("admin", "Admin-Kode-2026-lang")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _init(env: dict) -> None:
    """``vision.manage init`` and the three logins, on the files ``env`` names."""
    subprocess.run([sys.executable, "-m", "vision.manage", "init"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    for (user, password), role in ((ORGANISER, "organiser"), (SECRETARIAT, "secretariat"), (ADMIN, "admin")):
        subprocess.run([sys.executable, "-m", "vision.users", "--file", env["VISIONSDAG_CREDENTIALS"], "add", user,
                        "--role", role, "--password-stdin"], input=password + "\n", text=True, cwd=ROOT,
                       env=env, check=True, capture_output=True)


@functools.cache
def _prepared_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="visionsdag-prepared-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _prepared_files(env: dict) -> Path:
    """A folder with the database and logins a fresh server starts from, made once per process."""
    folder = _prepared_folder()
    if not (folder / "credentials.yaml").exists():
        _init({**env, "VISIONSDAG_DB": str(folder / "e2e.duckdb"),
               "VISIONSDAG_CREDENTIALS": str(folder / "credentials.yaml")})
        assert not (folder / "e2e.duckdb.wal").exists(), "init left a write-ahead log: copy it too"
    return folder


class StreamlitServer:
    def __init__(self, workdir: Path, port: int | None = None, extra_env: dict | None = None):
        self.workdir = Path(workdir)
        self.port = port or free_port()
        self.db = self.workdir / "e2e.duckdb"
        self.credentials = self.workdir / "credentials.yaml"
        self.proc: subprocess.Popen | None = None
        self.log = self.workdir / f"server-{self.port}.log"
        self.env = dict(os.environ)
        self.env.update({
            "VISIONSDAG_DB": str(self.db),
            "VISIONSDAG_CREDENTIALS": str(self.credentials),
            "VISIONSDAG_ENV": "production",
            "VISIONSDAG_COOKIE_KEY": "e2e-cookie-key-" + "x" * 40,
            "VISIONSDAG_UPLOAD_DIR": str(self.workdir / "uploads"),
            "VISIONSDAG_BACKUP_DIR": str(self.workdir / "backups"),   # never the work tree's data/
            "PYTHONPATH": str(ROOT),
        })
        self.env.update(extra_env or {})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def prepare(self) -> None:
        """Create the database with the demo events and three logins.

        The first server of a test process makes them with the real commands
        (``vision.manage init``, ``vision.users add``); later ones get a copy of those files,
        which is what the commands would write again, in milliseconds instead of seconds."""
        if self.db.exists() or self.credentials.exists():
            _init(self.env)                   # a file of the test's own: the commands add to it
            return
        made = _prepared_files(self.env)
        self.workdir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made / "e2e.duckdb", self.db)
        shutil.copy(made / "credentials.yaml", self.credentials)   # with its mode (0600)

    def start_with(self, setup, timeout: float = 60):
        """Prepare the database, let ``setup(store)`` shape the day in it (the server is not
        running yet, so the file is free), then start; return what ``setup`` returned."""
        from vision.store import Store

        self.prepare()
        store = Store(self.db)
        try:
            shaped = setup(store)
        finally:
            store.close()
        self.start(timeout)
        return shaped

    def command(self) -> list[str]:
        return [sys.executable, "-m", "vision.serve", "--server.port", str(self.port),
                "--server.address", "127.0.0.1", "--server.headless", "true"]

    def start(self, timeout: float = 60) -> "StreamlitServer":
        fh = open(self.log, "ab")
        self.proc = subprocess.Popen(self.command(), cwd=ROOT, env=self.env, stdout=fh, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("server did not answer /_stcore/health in time")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None


class ProxiedServer(StreamlitServer):
    """The same app behind the door (``vision.door``): Caddy on ``port`` in front, the app on a
    loopback port of its own. ``domain`` serves HTTPS with Caddy's local CA (``tls internal``)
    for that name on ``port``; ``bind`` is the address Caddy listens on."""

    def __init__(self, workdir: Path, domain: str | None = None, bind: str = "127.0.0.1",
                 extra_env: dict | None = None):
        super().__init__(workdir, extra_env=extra_env)
        self.app_port = free_port()
        self.domain = domain
        self.bind = bind
        self.door = self.workdir / "door"
        self.caddy: subprocess.Popen | None = None
        if domain:
            from vision import door
            self.env["VISIONSDAG_PUBLIC_URL"] = door.public_url(domain, self.port)

    @property
    def url(self) -> str:
        """The door's address (the app's own until the door is open)."""
        if self.caddy is None:
            return self.app_url
        return f"https://{self.domain}:{self.port}" if self.domain else f"http://127.0.0.1:{self.port}"

    @property
    def app_url(self) -> str:
        return f"http://127.0.0.1:{self.app_port}"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "vision.serve", "--server.port", str(self.app_port),
                "--server.address", "127.0.0.1", "--server.headless", "true"]

    def start(self, timeout: float = 60) -> "ProxiedServer":
        from vision import door

        super().start(timeout)                  # the app, on its loopback port
        www = prepared_static()
        config = door.caddyfile(upstream=f"127.0.0.1:{self.app_port}", www=www, storage=self.door / "storage",
                                port=self.port, domain=self.domain, tls="internal",
                                https_port=self.port if self.domain else None, bind=self.bind, redirects=False)
        fh = open(self.workdir / f"caddy-{self.port}.log", "ab")
        self.caddy = door.start_caddy(config, self.door, log_file=fh)
        context = None
        if self.domain:
            import ssl
            context = ssl._create_unverified_context()   # only to wait for it; the tests check the CA
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"http{'s' if self.domain else ''}://127.0.0.1:{self.port}",
                                            timeout=2, context=context):
                    return self
            except urllib.error.URLError as exc:
                if isinstance(getattr(exc, "reason", None), ssl_error_types()):
                    return self        # Caddy answers TLS (the name is only for the local CA)
            except OSError:
                pass
            if self.caddy.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("caddy did not start: " + (self.workdir / f"caddy-{self.port}.log").read_text()[-2000:])
            time.sleep(0.3)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        from vision import door

        door.stop(self.caddy)
        self.caddy = None
        super().stop(sig)


def prepared_static() -> Path:
    """``door.prepare_static()``, by one test process at a time: it replaces the shared folder
    when Streamlit's files changed, and two workers must not do that at once."""
    import fcntl

    from vision import door

    door.WORKDIR.mkdir(parents=True, exist_ok=True)
    with open(door.WORKDIR / ".static.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return door.prepare_static()


def ssl_error_types() -> tuple:
    import ssl
    return (ssl.SSLError,)


def open_scoring_round(store, code: str = "TEMA17") -> tuple[int, int]:
    """Open the event's scoring round; return its id and its first draft's id."""
    from vision import events

    ev = events.get_event(store, code)
    rnd = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    events.open_round(store, "setup", ev.id, rnd.id)
    return rnd.id, events.drafts(store, ev.id)[0].id
