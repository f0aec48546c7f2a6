"""nginx in front of the app, configured as the Caddy door is, for measuring one against the
other (``bench/door.py --ways proxy,nginx``). Not a supported way to serve: ``make run`` uses
Caddy (docs/scaling.md, "The door", says why).

Like the door: Streamlit's hashed files from the same compressed copy on disk (``.br`` via
Debian's ``libnginx-mod-http-brotli-static``, ``.gz`` via ``gzip_static``), cached for a year;
everything else proxied to the app on loopback, the websocket upgraded, ``X-Forwarded-For``
replaced by the client's own address. Plain HTTP, two worker processes (the machine's cores).
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from testkit.server import StreamlitServer, free_port

BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")

CONFIG = """
load_module {brotli};
worker_processes 2;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 10000;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream app {{ server 127.0.0.1:{app_port}; keepalive 64; }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 20m;
        location /static/ {{
            root {www};
            brotli_static on;
            gzip_static on;
            add_header Cache-Control "public, max-age=31536000, immutable";
        }}
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1h;
            proxy_buffering off;
        }}
    }}
}}
"""


def available() -> bool:
    return shutil.which("nginx") is not None and BROTLI_MODULE.exists()


class NginxServer(StreamlitServer):
    """The app on a loopback port with nginx in front on ``port``; ``caddy`` is nginx's process
    (so the bench reads its CPU the same way)."""

    def __init__(self, workdir: Path):
        super().__init__(workdir)
        self.app_port = free_port()
        self.caddy = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}" if self.caddy else f"http://127.0.0.1:{self.app_port}"

    def command(self) -> list[str]:
        return [*super().command()[:3], "--server.port", str(self.app_port),
                "--server.address", "127.0.0.1", "--server.headless", "true"]

    def start(self, timeout: float = 60) -> "NginxServer":
        from vision import door

        super().start(timeout)
        www = door.prepare_static()
        work = self.workdir / "nginx"
        work.mkdir(parents=True, exist_ok=True)
        conf = work / "nginx.conf"
        conf.write_text(CONFIG.format(brotli=BROTLI_MODULE, work=work, app_port=self.app_port, port=self.port,
                                      www=www))
        # master_process on (the default) with daemon off: the master forks the workers and
        # stays in the foreground, so its process (and children) is what the bench measures.
        self.caddy = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(work), "-g", "daemon off;"],
                                      stdout=subprocess.DEVNULL, stderr=open(work / "stderr.log", "ab"))
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2):
                    return self
            except OSError:
                if self.caddy.poll() is not None or time.monotonic() > deadline:
                    errors = work / "error.log"
                    raise RuntimeError("nginx did not start: " + (work / "stderr.log").read_text()[-2000:]
                                       + (errors.read_text()[-2000:] if errors.exists() else ""))
                time.sleep(0.3)

    def stop(self, *args) -> None:
        if self.caddy is not None:
            self.caddy.terminate()
            try:
                self.caddy.wait(10)
            except subprocess.TimeoutExpired:
                self.caddy.kill()
            self.caddy = None
        super().stop(*args)
