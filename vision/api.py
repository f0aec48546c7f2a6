"""Plain HTTP requests beside the pages, for what hundreds of screens do at once.

* ``POST /api/ballot``: a phone saves a draft's scores.
* ``POST /api/rounds``: a phone asks what its page should show (open rounds, approved drafts).
* ``POST /api/screen``: a projector asks whether there is anything new to draw.

The save first:

A score ballot is the one answer that hundreds of phones send within seconds of each
other. Saved through a Streamlit widget, each press starts a script run: the session's
widget state is brought up to date, a fragment runs, its elements travel back. Here the
page's scoring form (a small component, ``vision.ui.scoring``) sends the ballot itself,
and the answer is the receipt: the request is read on the event loop, the participant
is known from the page that showed the form (or looked up once, on a worker thread),
and the ballot joins the writer's next group commit.
"Confirmed means durable" holds as before: the answer leaves after the commit.

The phone's identity is its token (``?e=CODE&t=TOKEN``), sent in the body; no cookie
is read, so another site cannot make a visitor's browser save anything in their name.
The rules are the same as for every save (``vision.ballots``), and a refusal comes back
as the Danish (or English) sentence the page shows.

The two questions replace a timer in the page (``st.fragment(run_every=...)``), which
ran a fragment of the page on the server for every screen every few seconds whether or
not anything had changed. Here a screen asks with a request the event loop answers from
memory, and its page runs again only when the answer differs from what it shows
(``vision.ui.watch``).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

import anyio
import duckdb
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from vision import ballots, clientaddr, events, participants, screens
from vision.errors import STORE_BUSY, WRITE_FAILED, NotFoundError, RateLimitedError, SaveFailedError, UserError
from vision.http_paths import BALLOT_PATH, ROUNDS_PATH, SCREEN_PATH  # noqa: F401 - pages import them from here
from vision.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, gettext
from vision.memo import TtlMemo
from vision.model import Participant
from vision.store import Store, held_by_another_process

log = logging.getLogger(__name__)

PATH = BALLOT_PATH
MAX_BODY = 16_384            # a full ballot with the longest comment is about 3 KB
MAX_QUESTION = 1_024         # the questions carry a code and a token, or an id and a signature
LOOKUPS = anyio.CapacityLimiter(8)   # threads that look up tokens at once

UNREADABLE = N_("Svaret kunne ikke læses. Genindlæs siden, og prøv igen.")


class _BadRequest(Exception):
    pass


def _int(value: Any) -> int:
    """An id: a whole number that fits the database's ids."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**62:
        raise _BadRequest
    return value


def _object(body: bytes, limit: int) -> dict:
    """The JSON object in a request body, or :class:`_BadRequest`."""
    if len(body) > limit:
        raise _BadRequest
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise _BadRequest from None
    if not isinstance(data, dict):
        raise _BadRequest
    return data


def _language(data: dict) -> str:
    lang = data.get("lang")
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANGUAGE


def parse(body: bytes) -> dict:
    """The ballot in a request body, or :class:`_BadRequest`."""
    data = _object(body, MAX_BODY)
    code, token, scores = data.get("e"), data.get("t"), data.get("scores")
    if not (isinstance(code, str) and isinstance(token, str) and isinstance(scores, dict)):
        raise _BadRequest
    return {"code": code.strip(), "token": token.strip(), "round": _int(data.get("round")),
            "draft": _int(data.get("draft")), "scores": scores, "comment": data.get("comment"),
            "lang": _language(data)}


def parse_phone(body: bytes) -> dict:
    """A waiting phone's question: its event code and token, or :class:`_BadRequest`."""
    data = _object(body, MAX_QUESTION)
    code, token = data.get("e"), data.get("t")
    if not (isinstance(code, str) and isinstance(token, str)):
        raise _BadRequest
    return {"code": code.strip(), "token": token.strip(), "lang": _language(data)}


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request's body, read no further than one byte past ``limit``."""
    chunks, size = [], 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            break
    return b"".join(chunks)


def _status(err: UserError) -> int:
    if isinstance(err, RateLimitedError):
        return 429
    if isinstance(err, SaveFailedError):     # the disk refused it: the phone tries again in a moment
        return 503
    return 404 if isinstance(err, NotFoundError) else 409


def shown(store: Store, event_id: int) -> dict:
    """What a phone's page shows of the event: its open rounds and approved drafts, read
    at most twice a second for all phones (one read at a time). A page that shows something else reloads."""
    return _SHOWN.get(store, event_id, lambda: events.shown_to_participants(store, event_id))


async def _shown_now(store: Store, event_id: int) -> dict:
    return _SHOWN.peek(store, event_id) or await anyio.to_thread.run_sync(shown, store, event_id, limiter=LOOKUPS)


_SHOWN: TtlMemo[int, dict] = TtlMemo(ttl=0.5)   # a phone learns of a change at most half a second after it (plus its 2 s)


def _store_or_busy(get_store: Callable[[], Store], lang: str) -> Store | JSONResponse:
    try:
        return get_store()
    except duckdb.IOException as exc:
        if not held_by_another_process(exc):
            raise
        return JSONResponse({"error": gettext(STORE_BUSY, lang)}, status_code=503)


async def _phone(request: Request, store: Store, code: str, token: str) -> Participant:
    """The participant of a phone's (code, token): as the page recognised it, or, when this
    server has not seen the phone yet (it restarted), read once on a worker thread."""
    participant = participants.recognised(store, code, token)
    if participant is None:
        client = participants.client_key(clientaddr.client_address(     # the phone, also behind the door
            request.client.host if request.client else None, request.headers.getlist("x-forwarded-for")))
        _event, participant = await anyio.to_thread.run_sync(
            participants.resolve, store, code, token, client, limiter=LOOKUPS)
    return participant


def ballot_route(get_store: Callable[[], Store]) -> Route:
    """The save, with the process's store (looked up on the first request)."""

    async def save(request: Request) -> JSONResponse:
        try:
            ballot = parse(await read_body(request))
        except _BadRequest:
            return JSONResponse({"error": UNREADABLE}, status_code=400)
        lang = ballot["lang"]
        store = _store_or_busy(get_store, lang)
        if isinstance(store, JSONResponse):
            return store
        participant = None
        try:
            participant = await _phone(request, store, ballot["code"], ballot["token"])
            receipt = await asyncio.wrap_future(ballots.submit_scores(
                store, participant, ballot["token"], ballot["round"], ballot["draft"], ballot["scores"],
                ballot["comment"]))
        except UserError as err:
            refusal = {"error": err.text(lang)}
            if participant is not None and not isinstance(err, SaveFailedError):
                refusal["shown"] = await _shown_now(store, participant.event_id)   # what the page should show
            return JSONResponse(refusal, status_code=_status(err))
        except duckdb.Error as exc:           # the database is being opened again after a write failure
            log.warning("a save could not be read or written: %s", str(exc).strip().splitlines()[0][:200])
            return JSONResponse({"error": gettext(WRITE_FAILED, lang)}, status_code=503)
        try:
            now_shown = await _shown_now(store, participant.event_id)
        except duckdb.Error:                  # saved all the same: the receipt goes out without it
            now_shown = None
        return JSONResponse({"time": receipt.saved_at.strftime("%H:%M:%S"), "count": receipt.count,
                             "shown": now_shown})

    return Route(PATH, save, methods=["POST"])


def rounds_route(get_store: Callable[[], Store]) -> Route:
    """A phone's question, waiting or in a round: what should the page show now?
    ``{"state": {"rounds": [open round ids], "drafts": [approved draft ids]}}`` (``events.shown``),
    or the refusal (a revoked or unknown token) the page would show. Answered from memory:
    the phone as the page recognised it, and the event's answer read at most twice a second."""

    async def ask(request: Request) -> JSONResponse:
        try:
            question = parse_phone(await read_body(request, MAX_QUESTION))
        except _BadRequest:
            return JSONResponse({"error": UNREADABLE}, status_code=400)
        store = _store_or_busy(get_store, question["lang"])
        if isinstance(store, JSONResponse):
            return store
        try:
            participant = await _phone(request, store, question["code"], question["token"])
        except UserError as err:
            return JSONResponse({"error": err.text(question["lang"])}, status_code=_status(err))
        return JSONResponse({"state": await _shown_now(store, participant.event_id)})

    return Route(ROUNDS_PATH, ask, methods=["POST"])


def screen_route(get_store: Callable[[], Store]) -> Route:
    """A projector's question: the event's stamp (``vision.screens``), ``{"state": stamp}``.
    Only a screen this server drew for an organiser may ask (its event id is signed)."""

    async def ask(request: Request) -> JSONResponse:
        try:
            data = _object(await read_body(request, MAX_QUESTION), MAX_QUESTION)
        except _BadRequest:
            return JSONResponse({"error": UNREADABLE}, status_code=400)
        if not screens.signed(data.get("event"), data.get("sig")):
            return JSONResponse({"error": UNREADABLE}, status_code=403)
        store = _store_or_busy(get_store, DEFAULT_LANGUAGE)
        if isinstance(store, JSONResponse):
            return store
        return JSONResponse({"state": screens.current_stamp(store, data["event"])})

    return Route(SCREEN_PATH, ask, methods=["POST"])


def routes(get_store: Callable[[], Store]) -> list[Route]:
    """Every route of this module, with the process's store (looked up on the first request)."""
    return [ballot_route(get_store), rounds_route(get_store), screen_route(get_store)]
