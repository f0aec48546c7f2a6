"""A minimal Streamlit client that speaks the browser's websocket protocol.

One :class:`Session` is one browser tab: a websocket to ``/_stcore/stream`` (subprotocol
``streamlit``) that sends ``BackMsg.rerun_script`` with a ``ClientState`` (query string,
page script hash, widget states) and reads ``ForwardMsg``s until the run is finished.
It keeps what a browser keeps between runs: the query string (updated by
``page_info_changed``), the page script hash (from ``new_session``) and the widget
values it has set. Widgets are found by the user key embedded in their id
(``$$ID-<hash>-<key>``) or by label.

Only the features the benchmark needs are implemented: elements, widget values
(radio/selectbox ``string_value``, segmented control ``string_array_value``, text
``string_value``, button ``trigger_value``, a v2 component's event
``json_trigger_value``), ``st.rerun`` (a run that ends early is followed by the next one)
and fragment auto-reruns (``run_every``).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED_OK = ForwardMsg.FINISHED_SUCCESSFULLY
FINISHED_EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
FINISHED_FRAGMENT = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
FINISHED_COMPILE_ERROR = ForwardMsg.FINISHED_WITH_COMPILE_ERROR

WIDGET_KINDS = {"radio", "selectbox", "button", "button_group", "text_area", "text_input", "slider",
                "number_input", "checkbox", "multiselect"}


@dataclass
class Element:
    kind: str
    proto: object          # the element's own message (e.g. Radio, Alert)
    at: float              # perf_counter when it arrived
    fragment_id: str = ""  # set when the element was drawn by an st.fragment

    @property
    def id(self) -> str:
        return getattr(self.proto, "id", "") or ""

    @property
    def key(self) -> str | None:
        """The user key of a widget: the part of the id after the hash."""
        parts = self.id.split("-", 2)
        return parts[2] if len(parts) == 3 and parts[2] != "None" else None

    @property
    def text(self) -> str:
        for name in ("label", "body", "value"):
            v = getattr(self.proto, name, None)
            if isinstance(v, str) and v:
                return v
        return ""


@dataclass
class Run:
    """What one rerun request produced (including the runs that ``st.rerun`` chained)."""
    started: float
    finished: float = 0.0
    status: int | None = None
    elements: list[Element] = field(default_factory=list)
    auto_rerun: tuple[float, str] | None = None   # (interval, fragment_id)
    messages: int = 0

    @property
    def seconds(self) -> float:
        return self.finished - self.started

    def widgets(self, kind: str | None = None) -> list[Element]:
        return [e for e in self.elements if e.kind in WIDGET_KINDS and (kind is None or e.kind == kind)]

    def by_key(self, key: str) -> Element | None:
        return next((e for e in self.elements if e.key == key), None)

    def by_label(self, label: str, kind: str | None = None) -> Element | None:
        return next((e for e in self.elements if getattr(e.proto, "label", None) == label
                     and (kind is None or e.kind == kind)), None)

    def alerts(self) -> list[Element]:
        return [e for e in self.elements if e.kind == "alert"]


class ProtocolError(RuntimeError):
    pass


class Session:
    def __init__(self, base_url: str, query_string: str = "", page_name: str = "",
                 cookies: dict[str, str] | None = None, timeout: float = 120.0):
        self.base_url = base_url.rstrip("/")
        self.ws_url = self.base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.query_string = query_string
        self.page_name = page_name
        self.page_script_hash = ""
        self.cookies = cookies or {}
        self.timeout = timeout
        self.widgets: dict[str, WidgetState] = {}   # values this tab has set, by widget id
        self.ws = None
        self.messages = 0
        self.bytes = 0

    async def connect(self) -> "Session":
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                           additional_headers=headers or None, open_timeout=self.timeout,
                                           ping_interval=None, close_timeout=2)
        return self

    async def close(self) -> None:
        if self.ws is not None:
            try:
                await self.ws.close()
            except Exception:  # noqa: BLE001 - closing a broken socket is fine
                pass
            self.ws = None

    # -- widget values, as the browser's widget manager keeps them -------------------------------
    def set_string(self, widget_id: str, value: str) -> None:
        ws = WidgetState(id=widget_id)
        ws.string_value = value
        self.widgets[widget_id] = ws

    def set_strings(self, widget_id: str, values: list[str]) -> None:
        ws = WidgetState(id=widget_id)
        ws.string_array_value.data.extend(values)
        self.widgets[widget_id] = ws

    def trigger(self, widget_id: str) -> WidgetState:
        ws = WidgetState(id=widget_id)
        ws.trigger_value = True
        return ws

    def component_event(self, element_id: str, event: str, value: object) -> WidgetState:
        """What a v2 component's ``setTriggerValue(event, value)`` sends: one trigger widget per
        component, ``$$STREAMLIT_INTERNAL_KEY_<id>__events``, with a JSON list of events."""
        ws = WidgetState(id=f"$$STREAMLIT_INTERNAL_KEY_{element_id}__events")
        ws.json_trigger_value = json.dumps([{"event": event, "value": value}])
        return ws

    # -- running the script ------------------------------------------------------------------------
    async def rerun(self, triggers: list[WidgetState] = (), fragment_id: str | None = None,
                    auto: bool = False) -> Run:
        """Ask for a rerun and read until the run (and any ``st.rerun`` it chains) has finished.

        Like the browser, a widget drawn inside a fragment is triggered with that fragment's
        id, so only the fragment runs (pass ``fragment_id=element.fragment_id``)."""
        bm = BackMsg()
        cs = bm.rerun_script
        cs.query_string = self.query_string
        cs.page_script_hash = self.page_script_hash
        cs.page_name = self.page_name
        if fragment_id:
            cs.fragment_id = fragment_id
            cs.is_auto_rerun = auto
        cs.widget_states.widgets.extend(list(self.widgets.values()) + list(triggers))
        run = Run(started=time.perf_counter())
        await self.ws.send(bm.SerializeToString())
        await self._read_run(run)
        return run

    async def _read_run(self, run: Run) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise asyncio.TimeoutError("run did not finish")
            raw = await asyncio.wait_for(self.ws.recv(), remaining)
            now = time.perf_counter()
            self.messages += 1
            self.bytes += len(raw)
            run.messages += 1
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                delta = msg.delta
                if delta.WhichOneof("type") == "new_element":
                    el = delta.new_element
                    ek = el.WhichOneof("type")
                    if ek:
                        run.elements.append(Element(ek, getattr(el, ek), now, delta.fragment_id))
            elif kind == "new_session":
                if msg.new_session.page_script_hash:
                    self.page_script_hash = msg.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "auto_rerun":
                run.auto_rerun = (msg.auto_rerun.interval, msg.auto_rerun.fragment_id)
            elif kind == "page_not_found":
                raise ProtocolError("page not found")
            elif kind == "script_finished":
                status = msg.script_finished
                if status == FINISHED_EARLY:
                    continue  # st.rerun(): the next run follows on the same socket
                run.status = status
                run.finished = now
                if status == FINISHED_COMPILE_ERROR:
                    raise ProtocolError("script failed to compile")
                return
