"""The health check the service manager and the container use: ``python deploy/health.py [URL]``.

Asks Streamlit's own ``/_stcore/health`` (answered by the app's event loop; through the door
it also shows that Caddy passes requests on). Exit 0 when it answers "ok" within
``--wait`` seconds, 1 otherwise. Only the standard library, so it runs before anything else.
"""

import argparse
import ssl
import sys
import time
import urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("url", nargs="?", default="http://127.0.0.1:8501")
ap.add_argument("--wait", type=float, default=5.0, help="keep asking this long (seconds)")
args = ap.parse_args()
deadline = time.monotonic() + args.wait
context = ssl.create_default_context()
error: object = "no answer"
while True:
    try:
        with urllib.request.urlopen(args.url.rstrip("/") + "/_stcore/health", timeout=3, context=context) as r:
            if r.status == 200 and r.read().strip() == b"ok":
                sys.exit(0)
    except OSError as exc:
        error = exc
    if time.monotonic() > deadline:
        print(f"not healthy: {args.url}: {error}", file=sys.stderr)
        sys.exit(1)
    time.sleep(0.5)
