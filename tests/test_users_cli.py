"""`make user` / `python -m vision.users add`: a password piped in is read without a
prompt or a warning, and the login works, hashed at bcrypt's full cost; typed at a terminal it is asked twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from testkit.server import ROOT
from vision import users


def add(tmp_path: Path, *extra: str, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vision.users", "--file", str(tmp_path / "c.yaml"), "add", "anna",
                           "--role", "organiser", *extra], input=stdin, text=True, capture_output=True, cwd=ROOT,
                          timeout=60)


def test_a_piped_password_is_read_without_a_warning(tmp_path):
    done = add(tmp_path, stdin="Anna-Kode-2026-lang\n")
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr and "echo" not in done.stderr.lower()
    assert "Adgangskode" not in done.stdout + done.stderr        # no prompt for a pipe
    stored = yaml.safe_load((tmp_path / "c.yaml").read_text())["credentials"]["usernames"]["anna"]
    assert users.bcrypt.checkpw(b"Anna-Kode-2026-lang", stored["password"].encode())
    # The command's own cost (the tests' processes use a lower one, tests/conftest.py).
    assert stored["password"].startswith("$2b$12$")


def test_password_stdin_still_works_and_a_short_password_is_refused(tmp_path):
    assert add(tmp_path, "--password-stdin", stdin="Anna-Kode-2026-lang\n").returncode == 0
    refused = add(tmp_path, stdin="kort\n")
    assert refused.returncode == 2 and refused.stderr.strip()
