"""A small synchronous Streamlit-protocol client for tests.

It speaks to ``/_stcore/stream`` the way a browser tab does (subprotocol
``streamlit``, ``BackMsg.rerun_script`` with a ``ClientState``), but lets a test
send values no real widget would send: a crafted message is exactly what an
attacker on the conference wifi can produce.

    with Session(url, "e=TEMA17&t=TOKEN") as s:
        run = s.rerun()                       # first load
        lang = run.widget_id("lang_pick")     # ids come from the server's deltas
        form = run.forms()[(5, 12)]           # a draft's scoring form, saved over HTTP:
        status, answer = save_form(url, form, {"retning": 4})
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from websockets.sync.client import connect

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Run:
    """What one script run sent to the browser."""

    elements: list[tuple[str, object]] = field(default_factory=list)   # (kind, proto)
    widget_ids: dict[str, str] = field(default_factory=dict)           # full id -> kind
    page_not_found: bool = False
    finished: bool = False
    navigation_pages: list[str] = field(default_factory=list)
    previous: "Run | None" = None   # the run that ended in st.rerun(), if any

    def widget_id(self, key: str) -> str:
        """The full id of the widget created with ``key=key``."""
        hits = [wid for wid in self.widget_ids if wid == key or wid.endswith("-" + key)]
        if len(hits) != 1:
            raise KeyError(f"widget {key!r} not in this run ({len(hits)} matches)")
        return hits[0]

    def has_widget(self, key: str) -> bool:
        return any(wid == key or wid.endswith("-" + key) for wid in self.widget_ids)

    def texts(self) -> list[str]:
        out = []
        for kind, el in self.elements:
            if kind in ("markdown", "alert", "text", "heading", "code"):
                out.append(getattr(el, "body", "") or "")
        return out

    def alerts(self) -> list[str]:
        return [el.body for kind, el in self.elements if kind == "alert"]

    def errors(self) -> list[str]:
        from streamlit.proto.Alert_pb2 import Alert

        return [el.body for kind, el in self.elements if kind == "alert" and el.format == Alert.ERROR]

    def alerts_containing(self, needle: str) -> list[str]:
        return [a for a in self.alerts() if needle in a]

    def exceptions(self) -> list[str]:
        return [f"{el.type}: {el.message}" for kind, el in self.elements if kind == "exception"]

    def forms(self) -> dict[tuple[int, int], dict]:
        """The drafts' scoring forms of this run: (round id, draft id) -> the data the page
        gave the form (``vision.ui.scoring``)."""
        out = {}
        for kind, el in self.elements:
            if kind == "bidi_component" and el.component_name == "visionsdag_scoring":
                data = json.loads(el.json)
                out[(data["round"], data["draft"])] = data
        return out


def form_body(form: dict, scores: dict, comment: str | None = None) -> dict:
    """What a draft's form sends when "Gem" is pressed (``vision/ui/scoring.py``)."""
    return {"e": form["e"], "t": form["t"], "lang": form["lang"], "round": form["round"],
            "draft": form["draft"], "scores": scores, "comment": comment}


def save_form(base_url: str, form: dict, scores: dict, comment: str | None = None, /, *,
              timeout: float = 30.0, **overrides) -> tuple[int, dict]:
    """Press "Gem" in a form: the request its browser code sends (``POST /api/ballot``).
    Returns the status and the JSON answer. ``overrides`` replace fields of the body."""
    body = form_body(form, scores, comment) | overrides
    answer = requests.post(base_url.rstrip("/") + form["url"], json=body, timeout=timeout)
    return answer.status_code, answer.json()


def _value(ws, kind: str, value) -> None:
    if kind == "trigger":
        ws.trigger_value = bool(value)
    elif kind == "strings":
        ws.string_array_value.data.extend(list(value))
    elif kind == "string":
        ws.string_value = value
    elif kind == "int":
        ws.int_value = value
    elif kind == "double":
        ws.double_value = value
    elif kind == "doubles":
        ws.double_array_value.data.extend(list(value))
    elif kind == "ints":
        ws.int_array_value.data.extend(list(value))
    elif kind == "bool":
        ws.bool_value = bool(value)
    else:
        raise ValueError(kind)


class Session:
    """One browser tab: one websocket, one Streamlit session."""

    def __init__(self, base_url: str, query_string: str = "", *, page: str = "", timeout: float = 60.0,
                 cookies: str | None = None, source_address: tuple[str, int] | None = None):
        parts = urlsplit(base_url)
        self.source_address = source_address   # the client's own address (e.g. 127.0.0.2, 0)
        self.ws_url = f"ws://{parts.netloc}/_stcore/stream"
        self.query_string = query_string
        self.page = page
        self.timeout = timeout
        self.cookies = cookies
        self._ws = None

    def __enter__(self) -> "Session":
        headers = {"Cookie": self.cookies} if self.cookies else None
        self._ws = connect(self.ws_url, subprotocols=["streamlit"], open_timeout=self.timeout,
                           additional_headers=headers, max_size=None,
                           **({"source_address": self.source_address} if self.source_address else {}))
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._ws is not None:
            try:
                self._ws.close()
            finally:
                self._ws = None

    def send_rerun(self, widgets: dict[str, tuple[str, object]] | None = None,
                   query_string: str | None = None) -> None:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query_string if query_string is None else query_string
        cs.page_name = self.page
        for wid, (kind, value) in (widgets or {}).items():
            ws = cs.widget_states.widgets.add()
            ws.id = wid
            _value(ws, kind, value)
        self._ws.send(msg.SerializeToString())

    def receive_run(self) -> Run:
        """Read messages until the script run finishes."""
        run = Run()
        while True:
            raw = self._ws.recv(timeout=self.timeout)
            if isinstance(raw, str):
                continue
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                ek = el.WhichOneof("type")
                sub = getattr(el, ek) if ek else None
                run.elements.append((ek, sub))
                wid = getattr(sub, "id", None) if sub is not None else None
                if wid:
                    run.widget_ids[wid] = ek
            elif kind == "page_not_found":
                run.page_not_found = True
            elif kind == "navigation":
                run.navigation_pages = [p.page_name for p in fm.navigation.app_pages]
            elif kind == "script_finished":
                if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    # st.rerun(): the server starts the next run by itself; keep reading.
                    run = Run(previous=run)
                    continue
                run.finished = True
                return run

    def rerun(self, widgets: dict[str, tuple[str, object]] | None = None,
              query_string: str | None = None) -> Run:
        self.send_rerun(widgets, query_string)
        return self.receive_run()
