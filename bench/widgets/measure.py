"""What the score controls cost per save, and whether a custom component would cost less.

    python bench/widgets/measure.py [--phones 100] [--saves 300] [--repeat 3]

Serves each of the three pages in this folder with ``streamlit run`` (the project's
``.streamlit/config.toml``), opens ``--phones`` sessions over Streamlit's protocol
(``bench/stclient.py``), then measures the server's CPU per save: ``--saves`` saves one
after another, and three bursts in which every session saves at once. The pages have
no database, so the figures are Streamlit's alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from streamlit.components.v2.bidi_component.main import _make_trigger_id  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from bench.stclient import Session  # noqa: E402

PAGES = ["no_scores.py", "scores_as_widgets.py", "scores_as_component.py"]


async def measure(url: str, proc: psutil.Process, phones: int, saves: int) -> tuple[float, float]:
    presses = []
    for _ in range(phones):
        s = Session(url)
        await s.connect()
        run = await s.rerun()
        component = next((e for e in run.elements if e.kind == "bidi_component"), None)
        if component is None:
            for w in run.widgets("button_group"):
                if w.key and w.key.startswith("s_"):
                    s.set_strings(w.id, ["4"])
            button = run.by_key("save0")
            presses.append((s, lambda s=s, b=button: s.rerun([s.trigger(b.id)], fragment_id=b.fragment_id)))
        else:
            def press(s=s, c=component):
                state = WidgetState(id=_make_trigger_id(c.id, "events"))
                state.json_trigger_value = json.dumps([{"event": "save", "value": {"scores": {"k0": 4}}}])
                return s.rerun([state], fragment_id=c.fragment_id)
            presses.append((s, press))

    def cpu() -> float:
        t = proc.cpu_times()
        return t.user + t.system

    c0 = cpu()
    for i in range(saves):
        run = await presses[i % len(presses)][1]()
        if not any(e.kind == "alert" for e in run.elements):
            raise RuntimeError("a save was not confirmed")
    sequential = (cpu() - c0) / saves
    c0 = cpu()
    for _ in range(3):
        await asyncio.gather(*(press() for _, press in presses))
    burst = (cpu() - c0) / (3 * len(presses))
    await asyncio.gather(*(s.close() for s, _ in presses))
    return sequential, burst


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--phones", type=int, default=100)
    ap.add_argument("--saves", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    for page in PAGES:
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(Path(__file__).parent / page),
                                   "--server.port", str(port), "--server.address", "127.0.0.1"],
                                  cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            runs = [asyncio.run(measure(f"http://127.0.0.1:{port}", psutil.Process(server.pid), args.phones,
                                        args.saves)) for _ in range(args.repeat)]
            seq = [f"{r[0] * 1000:.2f}" for r in runs]
            burst = [f"{r[1] * 1000:.2f}" for r in runs]
            print(f"{page:26} server CPU per save, ms: one after another {', '.join(seq)}; "
                  f"in bursts {', '.join(burst)} (median {statistics.median(r[1] for r in runs) * 1000:.2f})",
                  flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
