"""The door's bench works (``bench/door.py``, ``make bench-door``): Chromium records what a
phone fetches, then a small hall of five phones arrives within two seconds, through Caddy
where it is installed; every phone reaches the join form and its own page, and the row of
figures the bench prints and writes is complete. Figures are not asserted."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import door as door_bench

# It starts a real server (and Caddy) through the bench: the server tier (tests/conftest.py).
pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed"),
]

WAY = "proxy" if shutil.which("caddy") else "direct"
FIGURES = ["form_p50_s", "form_p95_s", "form_max_s", "page_p50_s", "page_p95_s", "page_max_s", "bytes_per_phone",
           "chromium_first_visit_bytes", "server_cpu_s", "wave_s"]


def test_a_small_hall_reaches_the_form_and_its_pages_and_every_figure_is_there(tmp_path, capsys):
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in the
    # main thread for the whole session, and the bench needs asyncio.run() and its own Playwright.
    with ThreadPoolExecutor(max_workers=1) as pool:
        rows = pool.submit(door_bench.run_way, WAY, [(5, 2.0)], (0.2, 0.8), 60.0, tmp_path).result()
    [row] = rows
    assert (row["way"], row["n"], row["errors"]) == (WAY, 5, 0), row["first_errors"]
    assert row["phones_at_form"] == row["phones_at_page"] == 5
    assert [name for name in FIGURES if not isinstance(row[name], (int, float))] == []
    assert row["requests_per_phone"] > 3 and row["bytes_per_phone"] > 0
    assert row["chromium_reload"]["requests"] >= 1 and isinstance(row["other_hosts"], list)
    if WAY == "proxy":
        assert row["proxy_cpu_s"] >= 0 and row["chromium_first_visit_bytes"] < 2_000_000   # compressed by Caddy
    printed = capsys.readouterr().out
    assert f"{WAY:6} N=5 " in printed and "5/5 at the form, 5 on their page" in printed and "errors 0" in printed
