"""Run a snippet in a Python process of its own, for settings that hold for a whole
process (the collector's, the C allocator's) or memory that must be measured alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def in_a_fresh_process(code: str, *args: str, **env: str) -> dict:
    """Run ``code`` with ``args`` from the project's root and return the JSON of its last line."""
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
