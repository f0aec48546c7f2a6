"""Joining as a phone does, over plain HTTP: the QR link's form (``GET /?e=CODE``, drawn by
``vision.server.join_page``) and "Deltag" (``POST /join?e=CODE``), which answers with the
phone's own address ``/?e=CODE&t=TOKEN``. Shared by tests and the bench."""

from __future__ import annotations

import html
import http.client
import re
from urllib.parse import parse_qs, urlencode, urlsplit

from vision.model import GROUPS

GROUP_KEYS = tuple(GROUPS)
_UNIT_SELECT = re.compile(r'<select id="unit"[^>]*>(.*?)</select>', re.S)
_OPTION = re.compile(r"<option(?: selected)?>([^<]+)</option>")


def units_in(page: str) -> list[str]:
    """The municipalities and organisations the form offers, in its order."""
    found = _UNIT_SELECT.search(page)
    return [html.unescape(u) for u in _OPTION.findall(found.group(1))] if found else []


def join_body(grp: str, unit: str, table: int | None = None) -> str:
    return urlencode({"grp": grp, "unit": unit, "table": "" if table is None else str(table)})


def token_from(location: str | None) -> str:
    """The token in the address "Deltag" sends the phone on to ("" when it sent it nowhere)."""
    return (parse_qs(urlsplit(location or "").query).get("t") or [""])[0]


def join_over_http(url: str, code: str, grp: str = "politiker", unit: str | None = None,
                   table: int | None = None, source: str | None = None) -> str:
    """Open the QR link's form and press "Deltag" (from ``source``, an address of this machine);
    the new token. ``unit`` defaults to the form's first."""
    parts = urlsplit(url)

    def request(method: str, path: str, body: str | None = None) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30,
                                          source_address=(source, 0) if source else None)
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        conn.request(method, path, body, headers)
        response = conn.getresponse()
        response.text = response.read().decode("utf-8")
        conn.close()
        return response

    form = request("GET", f"/?e={code}")
    if form.status != 200:
        raise RuntimeError(f"the join form answered {form.status}")
    unit = unit or units_in(form.text)[0]
    sent = request("POST", f"/join?e={code}", join_body(grp, unit, table))
    token = token_from(sent.getheader("Location"))
    if sent.status != 303 or not token:
        raise RuntimeError(f"joining answered {sent.status}: {sent.text[:200]}")
    return token
