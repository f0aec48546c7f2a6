"""The door's bench: a hall that scans the QR code at once, served directly and through Caddy.

1. Chromium (Debian's, through Playwright, a phone's viewport) opens ``/?e=TEMA17`` (the join
   form, a plain page) and the requests it makes are recorded (Chrome DevTools Protocol: every
   URL with the bytes it took on the wire, the files it fetches ahead for the next page
   included); then it fills the form in, presses "Deltag" and records what its own page
   (Streamlit) fetches beyond its cache. The lists are recorded at run time, against each
   server, not kept in a file. Then it reloads (a phone that comes back): what it fetches then.
2. ``N`` phones arrive spread evenly over ``W`` seconds. Each fetches the form's page, asking for
   br/gzip (bytes counted as they come over the wire, not decompressed): that moment is the
   phone's "time to the join form", counted from its arrival; the files fetched ahead follow,
   six connections at a time, as a browser does. The person fills the form in (``--fill``
   seconds, at random), presses "Deltag" (``POST /join``), and the phone fetches its own page's
   files and runs the page over the websocket (``bench/stclient.py``) until it is there: the
   "time to the own page", counted from the press.
3. Server and proxy CPU seconds over the wave (psutil), and the phones' failures.

    python bench/door.py                  # 300 in 30 s and 500 in 60 s, direct and through Caddy
    python bench/door.py --halls 300:30 --ways proxy
    python bench/door.py --halls 150:15 --ways proxy,nginx   # Caddy against nginx (bench/nginx_door.py)
    python bench/door.py --halls 300:30 --without all-on,quiet-gc,all-on   # what a server change pays here

Every phone gives up after ``--timeout`` seconds; the run ends by itself. Figures are printed
and written to bench/results/door-<time>.json (not committed).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import random
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
from testkit.join_form import join_body, token_from, units_in  # noqa: E402
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

    def visit(page, cdp, action, done) -> list[dict]:
        seen: dict[str, dict] = {}
        cdp.on("Network.responseReceived", lambda e: seen.setdefault(e["requestId"], {}).update(
            url=e["response"]["url"], status=e["response"]["status"],
            cached=e["response"].get("fromDiskCache", False) or e["response"].get("fromPrefetchCache", False),
            encoding=e["response"]["headers"].get("content-encoding", e["response"]["headers"].get("Content-Encoding", ""))))
        cdp.on("Network.loadingFinished", lambda e: seen.setdefault(e["requestId"], {}).update(
            wire=e["encodedDataLength"]))
        cdp.on("Network.requestWillBeSent", lambda e: seen.setdefault(e["requestId"], {}).update(
            method=e["request"]["method"], url=e["request"]["url"]))
        action()
        done.first.wait_for(timeout=timeout * 1000)
        page.wait_for_load_state("networkidle", timeout=timeout * 1000)
        return [r for r in seen.values() if r.get("url", "").startswith("http")]

    def cdp_of(page):
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        return cdp

    def press_deltag() -> None:
        page.get_by_label("Politiker").check()
        page.get_by_label("Kommune eller organisation").select_option(index=1)
        page.get_by_role("button", name="Deltag").click()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, user_agent=PHONE_UA, locale="da-DK")
        page = ctx.new_page()
        form = visit(page, cdp_of(page), lambda: page.goto(f"{url}/?e={EVENT}"),
                     page.get_by_role("button", name="Deltag"))
        own = visit(page, cdp_of(page), press_deltag, page.get_by_text("Du deltager som"))
        again = visit(page, cdp_of(page), lambda: page.reload(), page.get_by_text("Du deltager som"))
        browser.close()
    base = len(url)

    def gets(requests: list[dict]) -> list[dict]:
        """Our own files fetched over the wire (not the icon from another site, not the websocket,
        not a file the browser had fetched ahead and takes from its cache)."""
        return [{"path": r["url"][base:], "wire": r.get("wire", 0), "encoding": r.get("encoding", "")}
                for r in requests if r["url"].startswith(url + "/") and r.get("method", "GET") == "GET"
                and "/_stcore/stream" not in r["url"] and r.get("wire", 0) > 0 and not r.get("cached")]

    # The own page's address carries the token: each phone fetches its own (``phone``).
    page_gets = [r for r in gets(own) if not r["path"].startswith("/?")]
    return {"requests": gets(form), "page_requests": page_gets,
            "wire_bytes": sum(r["wire"] for r in gets(form)) + sum(r["wire"] for r in page_gets),
            "elsewhere": sorted({r["url"].split("/")[2] for r in form + own if not r["url"].startswith(url + "/")}),
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


async def phone(url: str, rec: dict, at: float, t0: float, fill: tuple[float, float], timeout: float,
                out: dict, rng: random.Random) -> None:
    """One person: the QR link's form, a few seconds to fill it in, "Deltag", the own page."""
    await asyncio.sleep(max(0.0, t0 + at - time.perf_counter()))
    start = time.perf_counter()
    size = 0
    s = None
    conn = aiohttp.TCPConnector(limit=CONNECTIONS_PER_PHONE, force_close=False)
    try:
        async with asyncio.timeout(timeout), aiohttp.ClientSession(
                connector=conn, auto_decompress=False,
                headers={"Accept-Encoding": "gzip, deflate, br", "User-Agent": PHONE_UA}) as http:
            async def one(path: str, **kw) -> tuple[int, aiohttp.ClientResponse, bytes]:
                async with http.request(kw.pop("method", "GET"), url + path, **kw) as r:
                    body = await r.read()
                    if r.status >= 400:
                        raise RuntimeError(f"{r.status} for {path}")
                    return len(body) + sum(len(k) + len(v) + 4 for k, v in r.raw_headers) + 17, r, body

            paths = [r["path"] for r in rec["requests"]]
            got, _r, body = await one(paths[0])                  # the form's page: all a phone needs to show it
            out["form"].append(time.perf_counter() - start)
            ahead = asyncio.gather(*(one(p) for p in paths[1:]))   # what the page fetches ahead, meanwhile
            await asyncio.sleep(rng.uniform(*fill))                # the person fills the form in
            size += got + sum(x[0] for x in await ahead)
            units = units_in(gzip.decompress(body).decode() if body[:2] == b"\x1f\x8b" else body.decode())
            pressed = time.perf_counter()
            got, sent, _b = await one(f"/join?e={EVENT}", method="POST", allow_redirects=False,
                                      data=join_body("politiker", units[len(out["form"]) % len(units)]),
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
            token = token_from(sent.headers.get("Location"))
            if sent.status != 303 or not token:
                raise RuntimeError(f"no token after joining ({sent.status})")
            size += got + (await one(f"/?e={EVENT}&t={token}"))[0]
            size += sum(x[0] for x in await asyncio.gather(*(one(r["path"]) for r in rec["page_requests"])))
            s = Session(url, f"e={EVENT}&t={token}", timeout=timeout)
            await s.connect()
            run = await s.rerun()
            if not any("Du deltager som" in str(getattr(el.proto, "body", "")) for el in run.elements):
                raise RuntimeError("the own page did not come")
            out["page"].append(time.perf_counter() - pressed)
            out["bytes"].append(size)
    except Exception as exc:  # noqa: BLE001 - a failed phone is counted, the hall goes on
        out["errors"].append(f"{type(exc).__name__}: {exc}"[:200])
    finally:
        if s is not None:
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


async def hall(url: str, rec: dict, n: int, window: float, fill: tuple[float, float], timeout: float) -> dict:
    out = {"bytes": [], "form": [], "page": [], "errors": []}
    t0 = time.perf_counter() + 0.5
    rng = random.Random(n)
    await asyncio.gather(*(phone(url, rec, window * i / n, t0, fill, timeout, out, rng) for i in range(n)))
    out["seconds"] = time.perf_counter() - t0
    return out


class ProbedServer(ProxiedServer):
    """The app behind Caddy, started through ``bench/serve.py`` so that ``BENCH_PROBE`` can
    leave one server change out before it starts."""

    def command(self) -> list[str]:
        return [sys.executable, str(ROOT / "bench" / "serve.py"), "vision/server/entry/asgi.py",
                "--server.port", str(self.app_port), "--server.address", "127.0.0.1", "--server.headless", "true"]


def run_way(way: str, halls: list[tuple[int, float]], fill: tuple[float, float], timeout: float,
            workdir: Path, without: str | None = None) -> list[dict]:
    """Each hall against a fresh server. ``without``: the direct way served without one
    server change (``bench/layers/without_<change>.py``, run in the server before it starts)."""
    rows = []
    for n, window in halls:
        if without is not None:
            server = ProbedServer(workdir / f"{way}-{n}-{without}")
            if without != "all-on":
                server.env["BENCH_PROBE"] = str(ROOT / "bench" / "layers" / f"without_{without.replace('-', '_')}.py")
        else:
            server = {"proxy": ProxiedServer, "nginx": NginxServer}.get(way, StreamlitServer)(workdir / f"{way}-{n}")
        server.workdir.mkdir(parents=True, exist_ok=True)
        server.prepare()
        server.start()
        try:
            rec = record(server.url)
            app = psutil.Process(server.proc.pid)
            caddy = psutil.Process(server.caddy.pid) if way in ("proxy", "nginx") else None
            cpu0 = (cpu(app), cpu(caddy), time.process_time())
            res = asyncio.run(hall(server.url, rec, n, window, fill, timeout))
            cpu1 = (cpu(app), cpu(caddy), time.process_time())
        finally:
            server.stop()
        row = {"way": way if without is None else f"{way}:{without}", "n": n, "window_s": window, "fill_s": list(fill),
               "requests_per_phone": len(rec["requests"]) + 2 + len(rec["page_requests"]),
               "chromium_first_visit_bytes": rec["wire_bytes"], "chromium_reload": rec["reload"],
               "other_hosts": rec["elsewhere"],
               "phones_at_form": len(res["form"]), "phones_at_page": len(res["page"]),
               "form_p50_s": pct(res["form"], 50), "form_p95_s": pct(res["form"], 95),
               "form_max_s": max(res["form"], default=None),
               "page_p50_s": pct(res["page"], 50), "page_p95_s": pct(res["page"], 95),
               "page_max_s": max(res["page"], default=None),
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
    print(f"{r['way']:6} N={r['n']:<4} in {r['window_s']:>3.0f} s: join form p50 {f(r['form_p50_s'])} s, "
          f"p95 {f(r['form_p95_s'])} s, max {f(r['form_max_s'])} s; own page after Deltag p50 {f(r['page_p50_s'])} s, "
          f"p95 {f(r['page_p95_s'])} s, max {f(r['page_max_s'])} s; {r['phones_at_form']}/{r['n']} at the form, "
          f"{r['phones_at_page']} on their page; {r['requests_per_phone']} requests, {mb(r['bytes_per_phone'])} per phone "
          f"(Chromium {mb(r['chromium_first_visit_bytes'])}); reload: {r['chromium_reload']['requests']} requests, "
          f"{r['chromium_reload']['wire_bytes'] / 1e3:.1f} kB ({r['chromium_reload']['from_cache']} from cache); "
          f"CPU server {r['server_cpu_s']} s, proxy {r['proxy_cpu_s']} s, phones {r['client_cpu_s']} s; errors {r['errors']}; "
          f"load {r['load_avg_after'][0]}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--halls", default="300:30,500:60", help="N:seconds, comma-separated")
    ap.add_argument("--ways", default="direct,proxy", help="direct, proxy (Caddy) and/or nginx, comma-separated")
    ap.add_argument("--fill", default="5:15", help="seconds a person takes to fill the form in, low:high")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds a phone waits before it gives up")
    ap.add_argument("--without", default=None,
                    help="server changes to leave out one at a time, comma-separated, 'all-on' for none "
                         "(e.g. all-on,quiet-gc,all-on): through Caddy, each in turn per hall")
    args = ap.parse_args(argv)
    halls = [(int(a), float(b)) for a, b in (h.split(":") for h in args.halls.split(","))]
    fill = tuple(float(x) for x in args.fill.split(":"))
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
            if args.without:
                for i, without in enumerate(args.without.split(",")):
                    rows += run_way("proxy", [(n, window)], fill, args.timeout, Path(tmp) / str(i), without)
                    out.write_text(json.dumps(rows, indent=1))
                continue
            for way in ways:
                rows += run_way(way, [(n, window)], fill, args.timeout, Path(tmp))
                out.write_text(json.dumps(rows, indent=1))
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
