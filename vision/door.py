"""The door: Caddy in front of the app, so a hall that scans the QR code at once gets its page.

``python -m vision.door [--port 8501] [--domain visionsdag.example.dk]`` (what ``make run``
does) prepares a copy of Streamlit's static files, compressed once (``name.br`` and
``name.gz`` beside each file), renders ``deploy/Caddyfile.template`` into ``var/door/``
(ignored by git), starts the app on a loopback port and Caddy on the public one, and stops
both when either stops or on Ctrl-C.

Without a domain Caddy answers plain HTTP on ``--port``. With ``--domain`` it answers HTTPS on
443 (and redirects 80), with a certificate it gets by ACME, and the app's join links and QR
codes use ``https://DOMAIN`` (``VISIONSDAG_PUBLIC_URL``). ``--tls internal`` uses Caddy's own
local CA instead (for a test with a local name).

Without the ``caddy`` binary it says so in one line and serves the app directly, as before.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from vision import local_time

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "Caddyfile.template"
WORKDIR = ROOT / "var" / "door"
COMPRESSIBLE = {".js", ".mjs", ".css", ".svg", ".json", ".txt", ".ttf", ".otf", ".eot", ".html", ".wasm"}
MIN_COMPRESS = 1024           # bytes; smaller files go as they are
HEALTH = "/_stcore/health"    # Streamlit's own health check: the app's event loop answers it


def streamlit_static() -> Path:
    """Streamlit's built front end: ``index.html`` and the hashed files under ``static/``."""
    spec = importlib.util.find_spec("streamlit")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def _stamp(source: Path) -> str:
    files = sorted(p for p in source.rglob("*") if p.is_file())
    return f"streamlit {importlib.metadata.version('streamlit')} files {len(files)} bytes {sum(p.stat().st_size for p in files)}\n"


def _compress(path: Path, brotli_cli: str | None) -> None:
    data = path.read_bytes()
    with gzip.GzipFile(path.with_name(path.name + ".gz"), "wb", compresslevel=9, mtime=0) as out:
        out.write(data)
    if brotli_cli:
        subprocess.run([brotli_cli, "-f", "-q", str(_quality(len(data))), "-o", str(path) + ".br", str(path)],
                       check=True)
        return
    try:
        import brotli  # type: ignore[import-not-found]
    except ImportError:
        return
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=_quality(len(data))))


def _quality(size: int) -> int:
    """Brotli's best (11) for the page's own files; 9 for the few big ones (Plotly, 4.7 MB, took a
    minute at 11 for 10 % less), which a phone does not load to join."""
    return 11 if size < 1_000_000 else 9


def prepare_static(www: Path = WORKDIR / "www", log=print) -> Path:
    """A copy of Streamlit's hashed files in ``www/static`` with ``.br`` and ``.gz`` beside the
    compressible ones. Done once per Streamlit version (a stamp file says which)."""
    source = streamlit_static() / "static"
    stamp = _stamp(source)
    target = www / "static"
    stamp_file = www / "STAMP"
    if stamp_file.exists() and stamp_file.read_text() == stamp and target.is_dir():
        return www
    t0 = time.monotonic()
    if www.exists():
        shutil.rmtree(www)
    shutil.copytree(source, target)
    todo = [p for p in target.rglob("*") if p.is_file() and p.suffix in COMPRESSIBLE
            and p.stat().st_size >= MIN_COMPRESS]
    brotli_cli = shutil.which("brotli")
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda p: _compress(p, brotli_cli), todo))
    stamp_file.write_text(stamp)
    log(f"Compressed {len(todo)} of Streamlit's static files (br, gzip) in {time.monotonic() - t0:.0f} s: {target}")
    return www


def render(template: str, **values: str) -> str:
    for name, value in values.items():
        template = template.replace("{{" + name + "}}", value)
    if "{{" in template:
        raise ValueError("unfilled placeholder in the Caddyfile template: " + template.split("{{", 1)[1][:30])
    return template


def caddyfile(*, upstream: str, www: Path, storage: Path, port: int = 8501, domain: str | None = None,
              tls: str = "acme", https_port: int | None = None, bind: str | None = None,
              redirects: bool = True) -> str:
    """The Caddyfile for the app on ``upstream`` (host:port): plain HTTP on ``port`` without a
    domain; with one, HTTPS (``https_port``, 443 by default) with an ACME certificate, or with
    Caddy's local CA when ``tls="internal"``."""
    glob = []
    if domain:
        site = f"https://{domain}" + (f":{https_port}" if https_port and https_port != 443 else "")
        if https_port:
            glob.append(f"\thttps_port {https_port}")
        if not redirects:
            glob.append("\tauto_https disable_redirects")
        tls_line = "\ttls internal" if tls == "internal" else ""
    else:
        site = f"http://:{port}"
        glob.append("\tauto_https off")
        tls_line = ""
    if bind and bind not in ("0.0.0.0", "::", ""):
        tls_line += f"\n\tbind {bind}"
    template = TEMPLATE.read_text()
    for name, value in (("GLOBAL", glob), ("TLS", tls_line)):
        if not value:           # a setting left out leaves no blank line
            template = re.sub(r"\n[ \t]*\{\{" + name + r"\}\}[ \t]*(?=\n)", "", template)
    return render(template, STORAGE=str(storage), GLOBAL="\n".join(glob), SITE=site,
                  TLS=tls_line, WWW=str(www), UPSTREAM=upstream)


def public_url(domain: str, https_port: int | None = None) -> str:
    return f"https://{domain}" + (f":{https_port}" if https_port and https_port != 443 else "")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_for_health(url: str, timeout: float, proc: subprocess.Popen | None = None, context=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + HEALTH, timeout=2, context=context) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url}{HEALTH} did not answer in {timeout:.0f} s")


def caddy_env(workdir: Path) -> dict:
    """Caddy keeps its state (certificates, its CA) under ``workdir``, not in the user's home."""
    env = dict(os.environ)
    env.update({"XDG_DATA_HOME": str(workdir / "data"), "XDG_CONFIG_HOME": str(workdir / "config"),
                "HOME": env.get("HOME", str(workdir))})
    return env


def start_caddy(config_text: str, workdir: Path, log_file=None) -> subprocess.Popen:
    """Write the configuration to ``workdir/Caddyfile`` and run Caddy on it."""
    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "Caddyfile"
    config.write_text(config_text)
    return subprocess.Popen([shutil.which("caddy") or "caddy", "run", "--config", str(config), "--adapter",
                             "caddyfile"], env=caddy_env(workdir), stdout=log_file, stderr=log_file,
                            start_new_session=True)


def local_ca(workdir: Path) -> Path:
    """The root certificate of Caddy's local CA (``tls internal``), once Caddy has made it."""
    return Path(workdir) / "storage" / "pki" / "authorities" / "local" / "root.crt"


def stop(proc: subprocess.Popen | None, timeout: float = 20) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def serve_args(port: int, host: str) -> list[str]:
    return [sys.executable, "-m", "vision.serve", "--server.port", str(port), "--server.address", host,
            "--server.headless", "true"]


def main(argv: list[str] | None = None) -> int:
    if not local_time.start_command():  # the day's time zone, before anything reads the clock
        return 2
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, default=8501, help="the public port without a domain (plain HTTP)")
    ap.add_argument("--host", default="0.0.0.0", help="the address to listen on")
    ap.add_argument("--domain", default=os.environ.get("DOMAIN", ""),
                    help="a public name: HTTPS with an ACME certificate (default: $DOMAIN)")
    ap.add_argument("--tls", choices=("acme", "internal"), default="acme")
    ap.add_argument("--https-port", type=int, default=None)
    ap.add_argument("--internal-port", type=int, default=0, help="the app's loopback port (0: a free one)")
    ap.add_argument("--render-only", action="store_true",
                    help="only prepare the static files and write var/door/Caddyfile (for a service manager)")
    args = ap.parse_args(argv)
    domain = args.domain.strip()
    if args.render_only:
        WORKDIR.mkdir(parents=True, exist_ok=True)
        (WORKDIR / "Caddyfile").write_text(caddyfile(
            upstream=f"127.0.0.1:{args.internal_port or 8502}", www=prepare_static(), storage=WORKDIR / "storage",
            port=args.port, domain=domain or None, tls=args.tls, https_port=args.https_port, bind=args.host))
        print(WORKDIR / "Caddyfile")
        return 0
    if shutil.which("caddy") is None:
        if domain:
            os.environ.setdefault("VISIONSDAG_PUBLIC_URL", public_url(domain, args.https_port))
        print("No web server in front (the caddy binary is missing; `make run` installs it as root): serving the "
              "app directly. " + serving_message(args.host, args.port, "the app alone"), flush=True)
        os.execv(sys.executable, serve_args(args.port, args.host))
    WORKDIR.mkdir(parents=True, exist_ok=True)
    www = prepare_static()
    internal = args.internal_port or free_port()
    env = dict(os.environ)
    if domain:
        env.setdefault("VISIONSDAG_PUBLIC_URL", public_url(domain, args.https_port))
    app = subprocess.Popen(serve_args(internal, "127.0.0.1"), cwd=ROOT, env=env, start_new_session=True)
    caddy = None
    stopping = []

    def on_signal(signum, _frame):
        stopping.append(signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        wait_for_health(f"http://127.0.0.1:{internal}", 120, app)
        caddy = start_caddy(caddyfile(upstream=f"127.0.0.1:{internal}", www=www, storage=WORKDIR / "storage",
                                      port=args.port, domain=domain or None, tls=args.tls,
                                      https_port=args.https_port, bind=args.host), WORKDIR)
        if domain:
            print(f"Visionsdag serves on {public_url(domain, args.https_port)}/ (Caddy, HTTPS; the app on "
                  f"127.0.0.1:{internal})", flush=True)
        else:
            print(serving_message(args.host, args.port, f"Caddy in front; the app on 127.0.0.1:{internal}"), flush=True)
        while not stopping and app.poll() is None and caddy.poll() is None:
            time.sleep(0.5)
        failed = "the app" if app.poll() is not None else "Caddy"    # before stop() ends the other
    finally:
        stop(caddy)
        stop(app)
    if stopping:
        return 0
    print(f"{failed} stopped; the door is closed.", file=sys.stderr)
    return 1


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def serving_message(host: str, port: int, note: str) -> str:
    """The start-up line: the address phones on the network can use, unless the server
    listens on this computer only."""
    if host in LOOPBACK:
        return f"Visionsdag serves on http://localhost:{port}/ (this computer only; {note})"
    if host in {"0.0.0.0", "::", ""}:
        return (f"Visionsdag serves on http://{_lan_address()}:{port}/ (phones on the same network) and "
                f"http://localhost:{port}/ ({note})")
    return f"Visionsdag serves on http://{host}:{port}/ ({note})"


def _lan_address() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))     # no packet is sent: this only picks the outgoing address
            return s.getsockname()[0]
        except OSError:
            return "localhost"


if __name__ == "__main__":
    sys.exit(main())
