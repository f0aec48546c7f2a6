"""Which address the join links, QR codes and cards carry, and whether phones can reach it.

The configured public address (``VISIONSDAG_PUBLIC_URL``) wins. Without one, the links
use the address the organiser's page was opened on; when that is this machine
(``localhost``, ``127.0.0.1``) or a private network address, a phone on the mobile network
cannot open it, and set-up warns before cards are printed.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

SETTING = "VISIONSDAG_PUBLIC_URL"
FALLBACK = "http://localhost:8501/"


@dataclass(frozen=True)
class PublicAddress:
    base: str                   # scheme://host[:port][/path], no trailing slash
    configured: bool            # from VISIONSDAG_PUBLIC_URL
    host_kind: str              # "public", "local" (this machine) or "private" (a private network)
    ignored: bool = False       # VISIONSDAG_PUBLIC_URL is set but is not an http(s) address

    @property
    def reachable_by_phones(self) -> bool:
        """Whether a participant's phone, on any network, can open links with this base."""
        return self.configured or self.host_kind == "public"

    def join_url(self, event_code: str) -> str:
        """The link participants open: ``<base>/?e=CODE``."""
        return f"{self.base}/?e={event_code}"


def host_kind(host: str | None) -> str:
    """'local' for this machine, 'private' for a private or link-local network address, else 'public'."""
    host = (host or "").strip("[]").lower().rstrip(".")
    if not host or host == "localhost" or host.endswith(".localhost"):
        return "local"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        # A name: ".local" (mDNS) and ".lan"/".internal" names resolve only inside a network.
        return "private" if host.endswith((".local", ".lan", ".internal", ".home.arpa")) or "." not in host \
            else "public"
    if ip.is_loopback or ip.is_unspecified:
        return "local"
    if ip.is_private or ip.is_link_local:
        return "private"
    return "public"


def _base(url: str, keep_path: bool) -> tuple[str, str | None]:
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") if keep_path else ""
    return f"{parts.scheme}://{parts.netloc}{path}", parts.hostname


def valid_public_url(url: str) -> bool:
    """An http(s) address with a host, e.g. ``https://visionsdag.example.dk``."""
    parts = urlsplit((url or "").strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def public_address(configured: str | None, opened_on: str | None) -> PublicAddress:
    """The base of the join links: the configured public address, else the address the page
    was opened on (``opened_on``, a full URL), else ``http://localhost:8501``."""
    if configured and valid_public_url(configured):
        base, host = _base(configured, keep_path=True)      # a server behind a proxy may live under a path
        return PublicAddress(base, True, host_kind(host))
    base, host = _base(opened_on if opened_on and valid_public_url(opened_on) else FALLBACK, keep_path=False)
    return PublicAddress(base, False, host_kind(host), ignored=bool(configured and configured.strip()))
