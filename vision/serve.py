"""Serve the app: ``python -m vision.serve [streamlit run options]``.

The same as ``streamlit run app.py [options]``, with two fixes to Streamlit 1.67's
server, both found by measuring a hall of phones saving at once
(``docs/performance.md``).

**Small messages leave at once** (``TCP_NODELAY``).

Streamlit binds its listening socket itself, without naming the protocol, and asyncio
switches Nagle's algorithm off only on sockets whose protocol is ``IPPROTO_TCP``. So
the server held back each small message of a run until the browser acknowledged the
one before, and browsers wait up to 40 ms (Linux) or 200 ms (Windows) before they
acknowledge. A save on an idle server took 45 ms from press to receipt instead of 19.

**The event loop does not wait for script threads to start.** Every press of a
button makes Streamlit start a new thread for the run, and ``Thread.start()`` waits
until the new thread is running. With hundreds of sessions running, a new thread
waits milliseconds for the interpreter lock, and the server's event loop (which
receives every press and sends every answer) waited with it: during a 500-phone
burst it spent more than half its time there, and answers queued behind it. The
threads are now started by a helper thread, in the order the presses came.
"""

from __future__ import annotations

import asyncio.base_events
import logging
import queue
import socket
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)

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


_starts: queue.SimpleQueue[threading.Thread] = queue.SimpleQueue()


def _start_threads() -> None:
    while True:
        thread = _starts.get()
        try:
            thread.start()
        except Exception:  # noqa: BLE001 - e.g. no more threads; the session's run is lost, the server lives
            log.exception("could not start %s", thread.name)


def start_script_threads_off_the_event_loop() -> None:
    """Make ``ScriptRunner.start`` hand its new thread to a starter thread instead of
    waiting, on the event loop, until the thread runs."""
    from streamlit.runtime.scriptrunner import script_runner

    runner = script_runner.ScriptRunner
    if getattr(runner.start, "visionsdag", False):
        return

    def start(self) -> None:
        if self._script_thread is not None:
            raise RuntimeError("ScriptRunner was already started")
        self._script_thread = threading.Thread(target=self._run_script_thread, name="ScriptRunner.scriptThread",
                                               daemon=True)
        _starts.put(self._script_thread)

    start.visionsdag = True
    runner.start = start
    threading.Thread(target=_start_threads, name="visionsdag-thread-starter", daemon=True).start()


def main(argv: list[str] | None = None, script: str | Path = APP) -> int:
    send_small_messages_at_once()
    start_script_threads_off_the_event_loop()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(script), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
