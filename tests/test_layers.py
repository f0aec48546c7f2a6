"""The layers hold (``.importlinter``): pages never import the store; only the outer
layer (pages, ``vision.ui``, ``vision.server``, ``vision.api``) imports Streamlit or
Starlette, and the domain never imports the outer layer; ``vision.ui`` never imports
the HTTP routes; the bench and the tests never import each other."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_import_contract_is_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    done = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
