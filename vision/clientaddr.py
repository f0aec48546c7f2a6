"""Which client sent a request, also behind the web server in front (``vision.door``).

Limits on wrong tokens and wrong passwords count per client. Behind Caddy every request
reaches the app from Caddy's own loopback address, so the client is read from the
``X-Forwarded-For`` header that Caddy sets (it replaces whatever a client sent there with
the client's address). The header is believed only when the peer is that proxy, on the
loopback address of this machine: a client that connects to the app directly and sends a
forged header is counted by its own address. uvicorn, which Streamlit runs, applies the same
rule to the peer it reports (``FORWARDED_ALLOW_IPS``, by default ``127.0.0.1,::1``); this
module does not rely on it, and gives the same answer with or without it.

The HTTP layer passes the peer and the header's values in; nothing here reads a request.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Iterable

PROXIES = frozenset({"127.0.0.1", "::1"})
"""Peers whose ``X-Forwarded-For`` is believed: the door on this machine."""


def normal(address: object) -> str | None:
    """An address as one spelling (``::ffff:1.2.3.4`` is ``1.2.3.4``), or None if it is none."""
    if not isinstance(address, str) or not address.strip():
        return None
    text = address.strip().strip("[]")
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return text
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return str(ip)


def _hops(forwarded_for: str | Iterable[str] | None) -> list[str]:
    if not forwarded_for:
        return []
    values = [forwarded_for] if isinstance(forwarded_for, str) else list(forwarded_for)
    return [h for h in (normal(part) for v in values for part in str(v).split(",")) if h]


def client_address(peer: object, forwarded_for: str | Iterable[str] | None = None,
                   proxies: frozenset[str] = PROXIES) -> str:
    """The client's address: the peer itself, unless the peer is a trusted proxy; then the
    nearest address in ``X-Forwarded-For`` that is not a trusted proxy (read from the right,
    as each proxy appends the address it saw). "?" when nothing is known."""
    who = normal(peer)
    if who is None or who not in proxies:
        return who or "?"
    hops = _hops(forwarded_for)
    for hop in reversed(hops):
        if hop not in proxies:
            return hop
    return hops[0] if hops else who


def client_key(address: object) -> str:
    """A coarse, non-identifying key for counting: a hash of the client's address."""
    ip = normal(address) or "?"
    return hashlib.sha256(ip.encode()).hexdigest()[:16]
