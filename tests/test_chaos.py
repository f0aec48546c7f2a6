"""A small chaos day (``bench/chaos.py``, ``make chaos`` for the full one): 20 phones that
save and retry as the page does, 4 rounds that the organiser closes on the control page,
and the server killed with SIGKILL 3 times and started again. Nothing a phone was told
was saved is lost, every round is closed and its results, as the app computes them for
the screens, equal what the phones last had confirmed, and the server's log has no
traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.timeout(400)
def test_a_small_chaos_day_loses_nothing_confirmed(tmp_path):
    out = tmp_path / "chaos.json"
    done = subprocess.run([sys.executable, "bench/chaos.py", "--phones", "20", "--rounds", "4", "--round-seconds",
                           "4", "--kills", "3", "--deadline", "300", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=380)
    assert out.exists(), done.stdout[-2000:] + done.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert figures["kills"] == 3
    assert figures["saves_confirmed"] >= 80 and figures["ballots_confirmed"] == 80   # every phone, every round
    assert figures["lost"] == 0
    assert figures["rounds_closed"] == 4 and figures["rounds_not_closed"] == 0   # by the organiser's "Luk"
    assert figures["rounds_whose_results_differ"] == 0, figures["differences"]
    # the results compared are real ones: every ballot counted, and means shown (not all suppressed)
    assert figures["respondents_shown"] == 80 and figures["draft_means_compared"] >= 1
    assert figures["unexpected"] == []
    assert figures["tracebacks_in_server_log"] == 0
    assert done.returncode == 0, done.stdout[-2000:]
