"""The plain join form (``vision.server.join_page``) in front of a stand-in for Streamlit,
for tests that join as a phone does: ``with join_door(store) as door: door.post(...)``."""

from __future__ import annotations

from contextlib import contextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from vision.server import join_page


@contextmanager
def join_door(store):
    """A client of the join page and route; any other request answers "streamlit"."""
    async def streamlit(request):
        return PlainTextResponse("streamlit")

    app = Starlette(routes=[join_page.join_route(lambda: store), Route("/", streamlit)],
                    middleware=[Middleware(join_page.JoinAtTheDoor, get_store=lambda: store)])
    with TestClient(app, follow_redirects=False) as client:
        yield client
