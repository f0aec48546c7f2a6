"""The door's bench: a hall that scans the QR code at once, served directly and through Caddy.

1. Chromium (Debian's, through Playwright, a phone's viewport) opens ``/?e=TEMA17`` and the
   requests it makes are recorded (Chrome DevTools Protocol: every URL with the bytes it took
   on the wire). The list is recorded at run time, against each server, not kept in a file.
   The same Chromium then reloads the page (a phone that comes back): what it fetches then.
2. ``N`` phones arrive spread evenly over ``W`` seconds. Each fetches every recorded file the
   way a browser does (six connections at a time, asking for br/gzip; bytes counted as they
   come over the wire, not decompressed), then opens the websocket and runs the page
   (``bench/stclient.py``) until the join form is there: that moment is the phone's "time to
   the join form", counted from its arrival. Then it joins (group, municipality, "Deltag").
3. Server and proxy CPU seconds over the wave (psutil), and the phones' failures.

    python bench/door.py                  # 300 in 30 s and 500 in 60 s, direct and through Caddy
    python bench/door.py --halls 300:30 --ways proxy
    python bench/door.py --halls 150:15 --ways proxy,nginx   # Caddy against nginx (bench/nginx_door.py)

Every phone gives up after ``--timeout`` seconds; the run ends by itself. Figures are printed
and written to bench/results/door-<time>.json (not committed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import signal
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
import psutil  # noqa: E402

from bench.nginx_door import NginxServer  # noqa: E402
from bench.nginx_door import available as nginx_available  # noqa: E402
from bench.stclient import Session  # noqa: E402
from testkit.server import CHROMIUM_ARGS, ProxiedServer, StreamlitServer  # noqa: E402

EVENT = "TEMA17"
PHONE_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")
RESULTS = ROOT / "bench" / "results"
CONNECTIONS_PER_PHONE = 6          # what a browser opens to one host over HTTP/1.1


# -- what a real phone fetches ------------------------------------------------------------------------
def record(url: str, timeout: float = 90.0) -> dict:
    """Chromium opens the QR link at phone size, waits for the join form, then reloads.
    Returns the first visit's GET requests (path, wire bytes) and the reload's wire bytes."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")

    def visit(page, cdp, action) -> list[dict]:
        seen: dict[str, dict] = {}
        cdp.on("Network.responseReceived", lambda e: seen.setdefault(e["requestId"], {}).update(
            url=e["response"]["url"], status=e["response"]["status"],
            cached=e["response"].get("fromDiskCache", False) or e["response"].get("fromServiceWorker", False),
            encoding=e["response"]["headers"].get("content-encoding", e["response"]["headers"].get("Content-Encoding", ""))))
        cdp.on("Network.loadingFinished", lambda e: seen.setdefault(e["requestId"], {}).update(
            wire=e["encodedDataLength"]))
        cdp.on("Network.requestWillBeSent", lambda e: seen.setdefault(e["requestId"], {}).update(
            method=e["request"]["method"], url=e["request"]["url"]))
        action()
        page.get_by_text("Deltag", exact=True).first.wait_for(timeout=timeout * 1000)
        page.wait_for_load_state("networkidle", timeout=timeout * 1000)
        return [r for r in seen.values() if r.get("url", "").startswith("http")]

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, user_agent=PHONE_UA, locale="da-DK")
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        first = visit(page, cdp, lambda: page.goto(f"{url}/?e={EVENT}"))
        cdp2 = ctx.new_cdp_session(page)
        cdp2.send("Network.enable")
        again = visit(page, cdp2, lambda: page.reload())
        browser.close()
    base = len(url)
    ours = [r for r in first if r["url"].startswith(url + "/")]      # not the icon from another site
    gets = [{"path": r["url"][base:], "wire": r.get("wire", 0), "encoding": r.get("encoding", "")}
            for r in ours if r.get("method", "GET") == "GET" and "/_stcore/stream" not in r["url"]]
    return {"requests": gets, "wire_bytes": sum(r.get("wire", 0) for r in ours),
            "elsewhere": sorted({r["url"].split("/")[2] for r in first if not r["url"].startswith(url + "/")}),
            # A reload's file from the browser's cache finishes with no bytes on the wire.
            "reload": {"requests": sum(1 for r in again if r.get("wire", 0) > 0),
                       "from_cache": sum(1 for r in again if r.get("wire", 0) == 0),
                       "wire_bytes": sum(r.get("wire", 0) for r in again)}}


# -- the hall -------------------------------------------------------------------------------------------
def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


async def fetch_all(url: str, paths: list[str]) -> int:
    """One phone's first visit: every file, six at a time, with br/gzip asked for. Wire bytes."""
    size = 0
    conn = aiohttp.TCPConnector(limit=CONNECTIONS_PER_PHONE, force_close=False)
    async with aiohttp.ClientSession(connector=conn, auto_decompress=False,
                                     headers={"Accept-Encoding": "gzip, deflate, br", "User-Agent": PHONE_UA}) as http:
        async def one(path: str) -> int:
            async with http.get(url + path) as r:
                body = await r.read()
                head = sum(len(k) + len(v) + 4 for k, v in r.raw_headers) + 17
                if r.status >= 400:
                    raise RuntimeError(f"{r.status} for {path}")
                return len(body) + head
        # The page first, then what it names, as a browser does.
        size += await one(paths[0])
        size += sum(await asyncio.gather(*(one(p) for p in paths[1:])))
    return size


async def phone(url: str, paths: list[str], at: float, t0: float, timeout: float, out: dict) -> None:
    await asyncio.sleep(max(0.0, t0 + at - time.perf_counter()))
    start = time.perf_counter()
    s = Session(url, f"e={EVENT}", timeout=timeout)
    try:
        async with asyncio.timeout(timeout):
            out["bytes"].append(await fetch_all(url, paths))
            out["static"].append(time.perf_counter() - start)
            await s.connect()
            run = await s.rerun()
            radio = run.by_label("Jeg deltager som", "radio")
            unit = run.by_label("Kommune eller organisation", "selectbox")
            button = run.by_label("Deltag", "button")
            if not (radio and unit and button):
                raise RuntimeError("no join form")
            out["form"].append(time.perf_counter() - start)
            s.set_string(radio.id, radio.proto.options[0])
            s.set_string(unit.id, unit.proto.options[len(out["form"]) % len(unit.proto.options)])
            t1 = time.perf_counter()
            await s.rerun([s.trigger(button.id)])
            if "t=" not in s.query_string:
                raise RuntimeError("no token after joining")
            out["join"].append(time.perf_counter() - t1)
    except Exception as exc:  # noqa: BLE001 - a failed phone is counted, the hall goes on
        out["errors"].append(f"{type(exc).__name__}: {exc}"[:200])
    finally:
        await s.close()


def cpu(proc: psutil.Process | None) -> float:
    if proc is None:
        return 0.0
    try:
        total = proc.cpu_times().user + proc.cpu_times().system
        for child in proc.children(recursive=True):
            total += child.cpu_times().user + child.cpu_times().system
        return total
    except psutil.Error:
        return 0.0


async def hall(url: str, paths: list[str], n: int, window: float, timeout: float) -> dict:
    out = {"bytes": [], "static": [], "form": [], "join": [], "errors": []}
    t0 = time.perf_counter() + 0.5
    await asyncio.gather(*(phone(url, paths, window * i / n, t0, timeout, out) for i in range(n)))
    out["seconds"] = time.perf_counter() - t0
    return out


def run_way(way: str, halls: list[tuple[int, float]], timeout: float, workdir: Path) -> list[dict]:
    rows = []
    for n, window in halls:
        server = {"proxy": ProxiedServer, "nginx": NginxServer}.get(way, StreamlitServer)(workdir / f"{way}-{n}")
        server.workdir.mkdir(parents=True, exist_ok=True)
        server.prepare()
        server.start()
        try:
            rec = record(server.url)
            paths = [r["path"] for r in rec["requests"]]
            app = psutil.Process(server.proc.pid)
            caddy = psutil.Process(server.caddy.pid) if way in ("proxy", "nginx") else None
            cpu0 = (cpu(app), cpu(caddy), time.process_time())
            res = asyncio.run(hall(server.url, paths, n, window, timeout))
            cpu1 = (cpu(app), cpu(caddy), time.process_time())
        finally:
            server.stop()
        row = {"way": way, "n": n, "window_s": window, "requests_per_phone": len(paths),
               "chromium_first_visit_bytes": rec["wire_bytes"], "chromium_reload": rec["reload"],
               "other_hosts": rec["elsewhere"],
               "phones_at_form": len(res["form"]), "phones_joined": len(res["join"]),
               "form_p50_s": pct(res["form"], 50), "form_p95_s": pct(res["form"], 95),
               "form_max_s": max(res["form"], default=None),
               "static_p50_s": pct(res["static"], 50), "static_p95_s": pct(res["static"], 95),
               "join_p95_s": pct(res["join"], 95),
               "bytes_per_phone": statistics.median(res["bytes"]) if res["bytes"] else None,
               "server_cpu_s": round(cpu1[0] - cpu0[0], 1), "proxy_cpu_s": round(cpu1[1] - cpu0[1], 1),
               "client_cpu_s": round(cpu1[2] - cpu0[2], 1),
               "wave_s": round(res["seconds"], 1), "errors": len(res["errors"]),
               "load_avg_after": [round(x, 1) for x in psutil.getloadavg()],
               "first_errors": sorted(set(res["errors"]))[:5]}
        print_row(row)
        rows.append(row)
    return rows


def print_row(r: dict) -> None:
    f = lambda x: "-" if x is None else f"{x:.2f}"   # noqa: E731
    mb = lambda x: "-" if x is None else f"{x / 1e6:.2f} MB"   # noqa: E731
    print(f"{r['way']:6} N={r['n']:<4} in {r['window_s']:>3.0f} s: form p50 {f(r['form_p50_s'])} s, "
          f"p95 {f(r['form_p95_s'])} s, max {f(r['form_max_s'])} s (files alone p95 {f(r['static_p95_s'])} s); {r['phones_at_form']}/{r['n']} at the form, "
          f"{r['phones_joined']} joined; {r['requests_per_phone']} requests, {mb(r['bytes_per_phone'])} per phone "
          f"(Chromium {mb(r['chromium_first_visit_bytes'])}); reload: {r['chromium_reload']['requests']} requests, "
          f"{r['chromium_reload']['wire_bytes'] / 1e3:.1f} kB ({r['chromium_reload']['from_cache']} from cache); "
          f"CPU server {r['server_cpu_s']} s, proxy {r['proxy_cpu_s']} s, phones {r['client_cpu_s']} s; errors {r['errors']}; "
          f"load {r['load_avg_after'][0]}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--halls", default="300:30,500:60", help="N:seconds, comma-separated")
    ap.add_argument("--ways", default="direct,proxy", help="direct, proxy (Caddy) and/or nginx, comma-separated")
    ap.add_argument("--timeout", type=float, default=90.0, help="seconds a phone waits before it gives up")
    args = ap.parse_args(argv)
    halls = [(int(a), float(b)) for a, b in (h.split(":") for h in args.halls.split(","))]
    ways = [w.strip() for w in args.ways.split(",")]
    if "proxy" in ways and shutil.which("caddy") is None:
        print("caddy is missing (make run installs it as root): measuring the direct way only")
        ways = [w for w in ways if w != "proxy"]
    if "nginx" in ways and not nginx_available():
        print("nginx or its brotli module is missing (apt-get install nginx libnginx-mod-http-brotli-static)")
        ways = [w for w in ways if w != "nginx"]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))     # stop the servers on the way out
    rows = []
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"door-{datetime.now():%Y%m%d-%H%M%S}.json"
    with tempfile.TemporaryDirectory(prefix="bench-door-") as tmp:
        for n, window in halls:            # for each hall, both ways one after the other
            for way in ways:
                rows += run_way(way, [(n, window)], args.timeout, Path(tmp))
                out.write_text(json.dumps(rows, indent=1))
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
