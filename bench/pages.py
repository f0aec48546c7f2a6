"""How long a page run takes: each page of the app run in Streamlit's AppTest on the demo
events with answers, against the floor (a one-button app) in the same run.

A page run is what a person waits for after a click, less the browser's drawing: the
server's share of opening a page or changing a widget. Each page is run ``--repeats``
times after one run to warm the caches (as on a server that has served it once); the
median and the ratio to the floor's median are printed.

    python bench/pages.py                 # every page, 5 runs each (about 30 s)
    python bench/pages.py --repeats 9 --out figures.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from testkit.components_once import scan_components_once  # noqa: E402
from vision import demo, events  # noqa: E402
from vision.store import Store  # noqa: E402

# (name, script, role, query parameters)
PAGES = [
    ("floor (one button)", "bench/floor_app.py", None, {}),
    ("forside", "pages/home.py", None, {}),
    ("tidslinje", "pages/timeline.py", None, {"region": "nordjylland"}),
    ("styringskort, Midtjylland", "pages/governance.py", None, {"region": "midtjylland"}),
    ("styringskort, Nordjylland", "pages/governance.py", None, {"region": "nordjylland"}),
    ("styr dagen", "pages/control.py", "organiser", {"event": "VISION20"}),
    ("storskærm", "pages/projector.py", "organiser", {"event": "VISION20"}),
    ("opsætning", "pages/setup.py", "organiser", {"event": "VISION20"}),
    ("analyse og eksport", "pages/review.py", "secretariat", {"event": "VISION20"}),
    ("høring før dagen", "pages/consultation.py", "secretariat", {}),
    ("processen i dag", "pages/process.py", "secretariat", {}),
]


def prepare(folder: Path, people: int) -> Path:
    path = folder / "pages.duckdb"
    store = Store(path)
    events.seed_demo_events(store)
    demo.simulate(store, "VISION20", n=people, reveal=True)
    store.close()
    return path


def run_once(script: str, role: str | None, params: dict) -> float:
    at = AppTest.from_file(str(ROOT / script), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    if role:
        at.session_state["role"] = role
        at.session_state["username"] = f"bench-{role}"
    start = time.perf_counter()
    at.run()
    took = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{script}: {at.exception[0].value}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--people", type=int, default=60, help="participants who answered VISION20")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    scan_components_once()       # AppTest's own 0.25 s a run is not the page's
    folder = Path(tempfile.mkdtemp(prefix="visionsdag-pages-"))
    os.environ.update({"VISIONSDAG_DB": str(prepare(folder, args.people)), "VISIONSDAG_ENV": "development",
                       "VISIONSDAG_CREDENTIALS": str(folder / "credentials.yaml"),
                       "VISIONSDAG_UPLOAD_DIR": str(folder / "uploads")})
    figures = {}
    print(f"{'page':28} {'median':>8} {'min':>8} {'max':>8} {'× floor':>8}   ({args.repeats} runs after one to warm)")
    for name, script, role, params in PAGES:
        run_once(script, role, params)
        times = [run_once(script, role, params) for _ in range(args.repeats)]
        figures[name] = {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times)}
        floor = figures[PAGES[0][0]]["median_s"]
        print(f"{name:28} {statistics.median(times):8.3f} {min(times):8.3f} {max(times):8.3f} "
              f"{statistics.median(times) / floor:8.1f}", flush=True)
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
