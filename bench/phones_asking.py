"""What it costs the server that every phone in a round asks what its page should show.

A bounded run (about two minutes) against a fresh server on 127.0.0.1: a hall of N phones
(500 by default) that have joined VISION20, with its scoring round open. Four phases of
the same length, in one run:

  idle          nothing happens (the server's own background cost)
  asking        every phone asks ``POST /api/rounds`` every 2 s (``pages/vote.py``), at its
                own phase, as the phones in a round now do
  saves         every phone saves one ballot (``POST /api/ballot``) at a random moment of
                the phase; no phone asks (as before: a phone in a round did not ask)
  saves+asking  the same saves while every phone also asks

For each it prints the requests per second, the server's CPU (share of one core, and CPU
milliseconds per request, which a busy machine changes least) and the p50/p95 of the
question and of the save. The phones are one asyncio client process on the
same machine, so on a busy machine the latencies include the client's own waiting.

    .venv/bin/python bench/phones_asking.py --n 500 --phase 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import EVENT, BenchServer, Monitor, load_avg, pct, prepare_app_db  # noqa: E402
from vision.api import PATH, ROUNDS_PATH  # noqa: E402

ASK_EVERY = 2.0     # pages/vote.py ASK_SECONDS


def make_hall(server: BenchServer, n: int) -> tuple[list[str], dict]:
    """N participants joined before the server starts; the round, drafts and criteria."""
    from vision import events, participants
    from vision.model import GROUPS
    from vision.store import Store

    day = prepare_app_db(server)
    store = Store(server.db)
    try:
        event = events.get_event(store, EVENT)
        units = events.units(store, event.id)
        groups = list(GROUPS)
        tokens = [participants.join_open(store, event, groups[i % len(groups)], units[i % len(units)])
                  for i in range(n)]
        day["criteria"] = [c.key for c in events.event_content(store, event.id)["criteria"]]
    finally:
        store.close()
    return tokens, day


async def main_async(url: str, tokens: list[str], day: dict, phase: float, monitor: Monitor) -> list[dict]:
    import aiohttp

    client = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0, keepalive_timeout=4.0),
                                   timeout=aiohttp.ClientTimeout(total=60.0))
    rng = random.Random(7)
    errors: list[str] = []

    async def ask(token: str, out: list[float]) -> None:
        t0 = time.perf_counter()
        try:
            async with client.post(url + ROUNDS_PATH, json={"e": EVENT, "t": token, "lang": "da"}) as r:
                body = await r.json(content_type=None)
            if r.status != 200 or "state" not in body:
                errors.append(f"ask {r.status}")
                return
            out.append(time.perf_counter() - t0)
        except Exception as exc:  # noqa: BLE001 - counted, never stops the hall
            errors.append(f"ask {type(exc).__name__}")

    async def save(token: str, out: list[float]) -> None:
        body = {"e": EVENT, "t": token, "lang": "da", "round": day["round_id"], "draft": rng.choice(day["drafts"]),
                "scores": {k: rng.randint(1, 5) for k in day["criteria"]}, "comment": None}
        t0 = time.perf_counter()
        try:
            async with client.post(url + PATH, json=body) as r:
                reply = await r.json(content_type=None)
            if r.status != 200 or "time" not in reply:
                errors.append(f"save {r.status}")
                return
            out.append(time.perf_counter() - t0)
        except Exception as exc:  # noqa: BLE001
            errors.append(f"save {type(exc).__name__}")

    async def asker(token: str, until: float, out: list[float]) -> None:
        await asyncio.sleep(rng.uniform(0, ASK_EVERY))
        while time.perf_counter() < until:
            started = time.perf_counter()
            await ask(token, out)
            await asyncio.sleep(max(0.0, ASK_EVERY - (time.perf_counter() - started)))

    async def saver(token: str, start: float, out: list[float]) -> None:
        await asyncio.sleep(max(0.0, start + rng.uniform(0, phase * 0.9) - time.perf_counter()))
        await save(token, out)

    # Every phone once, so the server knows its token (as it does after the page's first run).
    warm: list[float] = []
    for i in range(0, len(tokens), 50):
        await asyncio.gather(*(ask(t, warm) for t in tokens[i:i + 50]))

    results = []
    for name, asking, saving in (("idle", False, False), ("asking", True, False), ("saves", False, True),
                                 ("saves+asking", True, True)):
        asks: list[float] = []
        saves: list[float] = []
        errors.clear()
        t0 = time.perf_counter()
        until = t0 + phase
        tasks = []
        if asking:
            tasks += [asyncio.create_task(asker(t, until, asks)) for t in tokens]
        if saving:
            tasks += [asyncio.create_task(saver(t, t0, saves)) for t in tokens]
        await asyncio.sleep(phase)
        await asyncio.gather(*tasks)
        t1 = time.perf_counter()
        cpu = monitor.cpu_between(t0, t1)
        results.append({
            "phase": name, "seconds": round(t1 - t0, 1), "asks_per_s": round(len(asks) / (t1 - t0), 1),
            "saves_per_s": round(len(saves) / (t1 - t0), 1), "server_cpu_share": round(cpu / (t1 - t0), 3),
            "ask_p50_ms": _ms(pct(asks, 0.5)), "ask_p95_ms": _ms(pct(asks, 0.95)),
            "save_p50_ms": _ms(pct(saves, 0.5)), "save_p95_ms": _ms(pct(saves, 0.95)),
            "server_cpu_ms_per_request": round(1000 * cpu / max(1, len(asks) + len(saves)), 2),
            "errors": len(errors), "load_avg": load_avg(),
        })
    await client.close()
    return results


def _ms(x: float | None) -> float | None:
    return None if x is None else round(x * 1000, 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=500, help="phones (at most 1000)")
    ap.add_argument("--phase", type=float, default=20.0, help="seconds per phase (at most 60)")
    args = ap.parse_args(argv)
    n, phase = min(args.n, 1000), min(args.phase, 60.0)
    server = BenchServer(Path(tempfile.mkdtemp(prefix="phones-asking-")))
    tokens, day = make_hall(server, n)
    server.start()
    monitor = Monitor(server.proc.pid).start()
    try:
        results = asyncio.run(asyncio.wait_for(main_async(server.url, tokens, day, phase, monitor),
                                               timeout=4 * phase + 120))
    finally:
        monitor.stop()
        server.stop()
    print(f"{n} phones, {phase:.0f} s per phase, asking every {ASK_EVERY:.0f} s")
    print(f"{'phase':<13} {'asks/s':>7} {'saves/s':>8} {'CPU':>6} {'ms/req':>7} {'ask p50':>8} {'ask p95':>8} "
          f"{'save p50':>9} {'save p95':>9} {'errors':>6}  load")
    for r in results:
        print(f"{r['phase']:<13} {r['asks_per_s']:>7} {r['saves_per_s']:>8} {r['server_cpu_share']:>6.0%} "
              f"{r['server_cpu_ms_per_request']:>7} "
              f"{_fmt(r['ask_p50_ms']):>8} {_fmt(r['ask_p95_ms']):>8} {_fmt(r['save_p50_ms']):>9} "
              f"{_fmt(r['save_p95_ms']):>9} {r['errors']:>6}  {r['load_avg']}")
    print(json.dumps(results))
    return 0


def _fmt(ms: float | None) -> str:
    return "–" if ms is None else f"{ms:.0f} ms"


if __name__ == "__main__":
    raise SystemExit(main())
