"""Serve the app: ``python -m vision.serve [streamlit run options]``.

The same as ``streamlit run app.py [options]``, with one fix to the server that
Streamlit 1.67 lacks: every connection sends small messages at once (``TCP_NODELAY``).

Streamlit binds its listening socket itself, without naming the protocol, and asyncio
switches Nagle's algorithm off only on sockets whose protocol is ``IPPROTO_TCP``. So
the server held back each small message of a run until the browser acknowledged the
one before, and browsers wait up to 40 ms (Linux) or 200 ms (Windows) before they
acknowledge. A save on an idle server took 45 ms from press to receipt instead of 19.
"""

from __future__ import annotations

import asyncio.base_events
import socket
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def send_small_messages_at_once() -> None:
    """Make asyncio set ``TCP_NODELAY`` on every TCP connection it accepts, also when the
    listening socket was made without naming the protocol."""
    original = asyncio.base_events._set_nodelay
    if getattr(original, "visionsdag", False):
        return

    def set_nodelay(sock: socket.socket) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        else:
            original(sock)

    set_nodelay.visionsdag = True
    asyncio.base_events._set_nodelay = set_nodelay


def main(argv: list[str] | None = None, script: str | Path = APP) -> int:
    send_small_messages_at_once()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(script), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
