"""The day's clock (vision/local_time.py): on a server whose clock runs in UTC, the times
people read are Danish time, in Python and in DuckDB alike. Each case runs in a fresh
process, since a process's time zone is set once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import datetime, json, sys, time
from pathlib import Path
import duckdb
from vision import local_time
try:
    name = local_time.use_day_zone(*([Path(sys.argv[1])] if len(sys.argv) > 1 else []))
except ValueError as exc:
    print(json.dumps({"error": str(exc)})); raise SystemExit
con = duckdb.connect()
con.execute("CREATE TABLE t (made TIMESTAMP DEFAULT current_timestamp, n INTEGER)")
con.execute("INSERT INTO t (n) VALUES (1)")
stored = con.execute("SELECT made FROM t").fetchone()[0]
py = datetime.datetime.now()
utc = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
print(json.dumps({"name": name, "offset_h": round((py - utc).total_seconds() / 3600),
                  "duck_minus_py_s": abs((stored - py).total_seconds()), "zones": list(time.tzname)}))
"""


def probe(env_extra: dict, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("TZ", "TZDIR", "VISIONSDAG_TIMEZONE")}
    env.update(env_extra, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=60)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_server_in_utc_keeps_danish_time_in_python_and_in_duckdb():
    got = probe({})
    assert got["name"] == "Europe/Copenhagen" and got["zones"] == ["CET", "CEST"]
    assert got["offset_h"] in (1, 2)                 # winter or summer time, not UTC
    assert got["duck_minus_py_s"] < 60               # a timestamp DuckDB writes says the same


def test_another_zone_can_be_chosen_and_an_operators_tz_is_kept():
    assert probe({"VISIONSDAG_TIMEZONE": "America/Nuuk"})["zones"][0] in ("-02", "-03", "WGT")
    kept = probe({"TZ": "UTC"})
    assert kept["name"] is None and kept["offset_h"] == 0


@pytest.mark.parametrize("name", ["Mars/Olympus", "../../etc/passwd", "/etc/localtime", "Europe/Copenhagen;"])
def test_a_zone_that_is_not_one_is_refused_with_its_name(name):
    assert probe({"VISIONSDAG_TIMEZONE": name})["error"] == (
        f"VISIONSDAG_TIMEZONE={name!r} er ikke en kendt tidszone (skriv fx Europe/Copenhagen)")


def test_a_slim_container_without_zone_files_uses_the_bundled_ones(tmp_path):
    got = probe({}, str(tmp_path))           # an empty folder stands for a missing /usr/share/zoneinfo
    assert got["zones"] == ["CET", "CEST"] and got["duck_minus_py_s"] < 60


def test_a_wrong_zone_stops_the_server_with_the_message():
    env = {k: v for k, v in os.environ.items() if k != "TZ"}
    env.update(VISIONSDAG_TIMEZONE="Mars/Olympus", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-m", "vision.serve", "--server.port", "1"], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "VISIONSDAG_TIMEZONE='Mars/Olympus' er ikke en kendt tidszone" in out.stderr
