"""Each server change (``vision/server/``) against all of them on, in the same run.

For every repetition, a burst of N phones (``bench/load.py``'s app scenario: join, then
every phone saves its ballots within one second, K projectors follow) is run against a
fresh server with all changes on, then once with each change left out
(``bench/layers/without_*.py``), in that order, so the machine's changing speed touches
all of them alike. Stops starting new runs after ``--budget`` seconds.

    python bench/server_changes.py --n 200 --repeat 2 --budget 540
    python bench/server_changes.py --sequential 60 --only nodelay

``--sequential K`` measures instead what a burst cannot show (every connection is busy
there): K requests one after another on one kept-alive connection (``POST
/api/rounds``, as a waiting phone asks), all on, then each change left out, then all on
again; the first ten are not counted.

Prints one line per run and a table of medians over the repetitions; the JSON goes to
bench/results/.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402
from vision.server.main import CHANGES  # noqa: E402

LAYERS = ROOT / "bench" / "layers"


def switches() -> list[tuple[str, Path | None]]:
    return [("all on", None)] + [(f"without {c.name}", LAYERS / f"without_{c.name.replace('-', '_')}.py")
                                 for c in CHANGES]


def figures(r: dict) -> dict:
    v = r["vote"]
    return {"save_p50_ms": v["latency"]["p50"] and v["latency"]["p50"] * 1000,
            "save_p95_ms": v["latency"]["p95"] and v["latency"]["p95"] * 1000,
            "first_wave_p95_ms": v["first_wave"]["p95"] and v["first_wave"]["p95"] * 1000,
            "join_p95_ms": r["join"]["join"]["p95"] and r["join"]["join"]["p95"] * 1000,
            "staleness_p95_ms": r["projector"]["staleness"]["p95"] and r["projector"]["staleness"]["p95"] * 1000,
            "cpu_s": r["cpu_total_s"], "peak_rss_mb": r["peak_rss_mb"],
            "confirmed": f"{v['saves_confirmed']}/{v['saves_attempted']}", "errors": r["error_count"],
            "lost": r["check"]["lost"], "machine_speed_s": r.get("machine_speed_s")}


def sequential(k: int, chosen: list[str]) -> None:
    import http.client
    import tempfile

    order = [(n, p) for n, p in switches() if n in chosen] + [("all on again", None)]
    for name, probe in order:
        server = load.BenchServer(Path(tempfile.mkdtemp(prefix="visionsdag-seq-")))
        if probe:
            server.env["BENCH_PROBE"] = str(probe)
        server.prepare()
        server.start()
        try:
            con = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            body = json.dumps({"e": load.EVENT, "t": "x" * 20, "lang": "da"})
            lat = []
            for _ in range(k):
                t = time.perf_counter()
                con.request("POST", "/api/rounds", body=body, headers={"Content-Type": "application/json"})
                con.getresponse().read()
                lat.append(time.perf_counter() - t)
            lat = sorted(lat[10:])
            print(f"{name:24} median {statistics.median(lat) * 1000:.1f} ms, "
                  f"p90 {lat[int(len(lat) * 0.9)] * 1000:.1f} ms ({len(lat)} requests)", flush=True)
        finally:
            server.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="phones")
    ap.add_argument("--k", type=int, default=1, help="projector screens")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--budget", type=float, default=540.0, help="seconds; no new run starts after it")
    ap.add_argument("--only", default="", help="comma list of changes to leave out one at a time (default: all)")
    ap.add_argument("--sequential", type=int, default=0, help="K requests one after another instead of bursts")
    args = ap.parse_args()
    chosen = [name for name, _ in switches()
              if name == "all on" or not args.only or name.removeprefix("without ") in args.only.split(",")]
    if args.sequential:
        sequential(args.sequential, chosen)
        return 0
    work = Path("/tmp") / f"visionsdag-server-changes-{datetime.now():%Y%m%d-%H%M%S}"
    deadline = time.monotonic() + args.budget
    rows: list[dict] = []
    for rep in range(args.repeat):
        for name, probe in switches():
            if name not in chosen:
                continue
            if time.monotonic() > deadline:
                break
            r = load.measured(load.run_app_scenario, args.n, args.k, "burst", work / f"{rep}", probe=probe,
                              timeout=90.0)
            row = {"switch": name, "rep": rep, **figures(r)}
            rows.append(row)
            print(json.dumps(row), flush=True)
    print(f"\nN={args.n} phones, burst of 1 s, K={args.k}; medians of {args.repeat} runs each "
          f"(ms, except CPU s and RSS MB)")
    print("| switch | save p50 | save p95 | first wave p95 | join p95 | screen staleness p95 | CPU s | peak RSS MB | runs |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, _ in switches():
        mine = [r for r in rows if r["switch"] == name]
        if not mine:
            continue

        def med(key):
            vals = [r[key] for r in mine if r[key] is not None]
            return f"{statistics.median(vals):.0f}" if vals else "–"
        print(f"| {name} | {med('save_p50_ms')} | {med('save_p95_ms')} | {med('first_wave_p95_ms')} | "
              f"{med('join_p95_ms')} | {med('staleness_p95_ms')} | {med('cpu_s')} | {med('peak_rss_mb')} | {len(mine)} |")
    load.RESULTS.mkdir(parents=True, exist_ok=True)
    (load.RESULTS / f"server-changes-{datetime.now():%Y%m%d-%H%M%S}.json").write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
