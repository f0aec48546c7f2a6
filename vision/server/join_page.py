"""The join form as a plain page, so a hall that scans the QR code at once gets it at once.

The QR code and the join link are ``/?e=CODE``. Served by Streamlit, that address costs a
phone 93 files (1.2 MB after compression) and a websocket session with a script run before
the form shows; a hall of 300 phones arriving within 30 s waited seconds for it, with the
server's one interpreter busy drawing the same form 300 times. Here the app answers it
itself, before Streamlit: one small HTML page (no script, about 6 kB), drawn from the lists
the server keeps in memory for every phone (``participants.join_form``).

* ``GET /?e=CODE`` (no ``t``): the form (or the card notice, or why the code is unknown).
* ``POST /join?e=CODE``: joins as the Streamlit form did (``participants.join_open``) and
  sends the phone on to its own page, ``/?e=CODE&t=TOKEN`` (303). A refusal draws the form
  again with the person's choices kept and the reason on top (422).

While the person fills in the form, the browser fetches Streamlit's two main files in the
background (``<link rel="prefetch">``), so the page after "Deltag" starts from its cache.
A form sent from another site is refused (403): the browser says where it was sent from
(``Sec-Fetch-Site``, ``Origin``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import anyio
import duckdb
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from vision import api, participants
from vision import tables as table_rules
from vision.errors import STORE_BUSY, NotFoundError, SaveFailedError, UserError
from vision.events.tracks import AUDIENCES, EVERYONE
from vision.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, gettext
from vision.model import GROUPS
from vision.store import Store, held_by_another_process

JOIN_PATH = "/join"
MAX_FORM = 4_096                  # a group, a unit name and a table number
_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                         autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
HEADERS = {
    # No script, no frames, forms only to this site.
    "Content-Security-Policy": ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; "
                                "prefetch-src 'self'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
FOREIGN = N_("Tilmeldingen kom fra en anden side og blev afvist. Scan QR-koden igen.")
NO_EVENT_CODE = N_("Linket mangler dagens kode. Scan QR-koden på storskærmen eller på bordkortet.")


def language(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


@lru_cache(maxsize=1)
def prefetched() -> tuple[str, ...]:
    """Streamlit's own main script and style sheet, as its ``index.html`` names them."""
    from vision.door import streamlit_static  # the door knows where Streamlit's built files are

    try:
        index = (streamlit_static() / "index.html").read_text(encoding="utf-8")
    except OSError:
        return ()
    found = re.findall(r'(?:src|href)="\.?/?(static/(?:js|css)/index\.[\w-]+\.(?:js|css))"', index)
    return tuple("/" + path for path in dict.fromkeys(found))


def render(form: participants.JoinForm | None, lang: str, *, code: str = "", chosen: dict | None = None,
           error: str | None = None) -> str:
    """The page: the form for ``form``'s event, or only ``error`` when there is no event."""
    t = lambda msg: gettext(msg, lang)  # noqa: E731 - the template's one word for "translate"
    chosen = chosen or {}
    values: dict = {"lang": lang, "t": t, "error": error, "chosen": chosen, "prefetch": prefetched(),
                    "languages": [(key, name, "/?" + urlencode({"e": code, "lang": key}) if code else "")
                                  for key, name in LANGUAGES.items()]}
    if form is not None:
        event = form.event
        values.update(
            event=event,
            facts=" · ".join(x for x in (event.event_date.strftime("%d.%m.%Y") if event.event_date else None,
                                         event.place) if x),
            privacy_url="/privacy?" + urlencode({"e": event.code, "lang": lang}),
            action=JOIN_PATH + "?" + urlencode({"e": event.code, "lang": lang}),
            groups=[(key, t(label)) for key, label in GROUPS.items()],
            units=form.units,
            tables=[(tb.table_no, table_rules.label(tb, form.areas, lang)
                     + ("" if tb.audience == EVERYONE else f" ({t(AUDIENCES[tb.audience])})"))
                    for tb in form.tables],
        )
    return _TEMPLATES.get_template("join.html").render(**values)


def _page(html: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def _store(get_store: Callable[[], Store]) -> Store | None:
    """The process's store, or None while another process holds the database file."""
    try:
        return get_store()
    except duckdb.IOException as exc:
        if not held_by_another_process(exc):
            raise
        return None


async def _join_form(get_store: Callable[[], Store], code: str) -> participants.JoinForm | None:
    store = _store(get_store)
    if store is None:
        return None
    return await anyio.to_thread.run_sync(participants.join_form, store, code, limiter=api.LOOKUPS)


async def show_form(get_store: Callable[[], Store], code: str, lang: str) -> Response:
    """``GET /?e=CODE``: the form, or why it cannot be shown."""
    try:
        form = await _join_form(get_store, code)
    except UserError as err:
        return _page(render(None, lang, code=code, error=err.text(lang)), 404 if isinstance(err, NotFoundError) else 409)
    if form is None:
        return _page(render(None, lang, code=code, error=gettext(STORE_BUSY, lang)), 503)
    return _page(render(form, lang, code=code))


def _sent_from_elsewhere(request: Request) -> bool:
    """A form sent by another site's page (the browser says so; a missing header is a browser
    that does not, or a client that is not a browser, and is let through)."""
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        return True
    origin = request.headers.get("origin")
    return bool(origin) and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", "")


async def _fields(request: Request) -> dict[str, str]:
    body = await api.read_body(request, MAX_FORM)
    parsed = parse_qs(body[:MAX_FORM].decode("utf-8", "replace"), keep_blank_values=True)
    return {key: values[0].strip() for key, values in parsed.items() if values}


def join_route(get_store: Callable[[], Store]) -> Route:
    """``POST /join?e=CODE``: join, then on to the phone's own page."""

    async def join(request: Request) -> Response:
        code = (request.query_params.get("e") or "").strip().upper()
        lang = language(request.query_params.get("lang"))
        if not code:
            return _page(render(None, lang, error=gettext(NO_EVENT_CODE, lang)), 400)
        if _sent_from_elsewhere(request):
            return _page(render(None, lang, code=code, error=gettext(FOREIGN, lang)), 403)
        fields = await _fields(request)
        chosen = {"grp": fields.get("grp", ""), "unit": fields.get("unit", ""), "table": fields.get("table", "")}
        try:
            form = await _join_form(get_store, code)
        except UserError as err:
            return _page(render(None, lang, code=code, error=err.text(lang)), 404)
        if form is None:
            return _page(render(None, lang, code=code, error=gettext(STORE_BUSY, lang)), 503)
        table = int(chosen["table"]) if chosen["table"].isdigit() else None
        store = _store(get_store)
        if store is None:
            return _page(render(form, lang, code=code, chosen=chosen, error=gettext(STORE_BUSY, lang)), 503)
        try:
            token = await anyio.to_thread.run_sync(participants.join_open, store, form.event, chosen["grp"],
                                                   chosen["unit"] or None, table, limiter=api.LOOKUPS)
        except SaveFailedError as err:        # the disk refused it: the same form, to send again in a moment
            return _page(render(form, lang, code=code, chosen=chosen, error=err.text(lang)), 503)
        except UserError as err:
            return _page(render(form, lang, code=code, chosen=chosen, error=err.text(lang)), 422)
        target = {"e": form.event.code, "t": token}
        if lang != DEFAULT_LANGUAGE:
            target["lang"] = lang
        return RedirectResponse("/?" + urlencode(target), status_code=303, headers={"Cache-Control": "no-store"})

    return Route(JOIN_PATH, join, methods=["POST"])


class JoinAtTheDoor:
    """ASGI middleware: ``GET /?e=CODE`` without a token is answered with the plain form;
    every other request goes on to Streamlit."""

    def __init__(self, app: ASGIApp, get_store: Callable[[], Store]):
        self.app = app
        self.get_store = get_store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD") and scope["path"] == "/":
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            code = (query.get("e") or [""])[0].strip().upper()
            if code and not (query.get("t") or [""])[0].strip():
                response = await show_form(self.get_store, code, language((query.get("lang") or [""])[0]))
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
