"""A real `streamlit run app.py` server (through `python -m vision.serve`) on a free port and its own database file."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
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
            "PYTHONPATH": str(ROOT),
        })
        self.env.update(extra_env or {})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def prepare(self) -> None:
        """Create the database with the demo events and three logins."""
        subprocess.run([sys.executable, "-m", "vision.manage", "init"], cwd=ROOT, env=self.env, check=True,
                       capture_output=True)
        for (user, password), role in ((ORGANISER, "organiser"), (SECRETARIAT, "secretariat"), (ADMIN, "admin")):
            subprocess.run([sys.executable, "-m", "vision.users", "--file", str(self.credentials), "add", user,
                            "--role", role, "--password-stdin"], input=password + "\n", text=True, cwd=ROOT,
                           env=self.env, check=True, capture_output=True)

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
