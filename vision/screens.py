"""What the big screen of an event shows, and a stamp that changes when it should be redrawn.

The organiser chooses on the control page what the projector shows ('auto', 'join',
'points': the consultation answers picked before the day, 'challenges': the officials'
chosen challenges, 'programme', 'plenum', or a round id). The choice is kept in this
process (a restarted server shows 'auto'). The
projector page does not redraw itself on a timer: it asks ``vision.api`` for the
event's stamp twice a second and runs its fragment again only when the stamp differs
from the one it drew, that is when an answer, a round or the choice has changed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading

from vision.store import Store

AUTO = "auto"
JOIN = "join"
POINTS = "points"
CHALLENGES = "challenges"
PROGRAMME = "programme"
PLENUM = "plenum"

_lock = threading.Lock()
_choices: dict[int, str | int] = {}


def _signing_key() -> bytes:
    """The key that signs a screen's event id: derived from the server's secret cookie key,
    so a projector drawn before a restart is still recognised after it; a random one for
    this process's lifetime when there is no such key."""
    from vision import config
    secret = config.load().cookie_key
    if not secret:
        return secrets.token_bytes(32)
    return hmac.new(secret.encode(), b"visionsdag screen signature", hashlib.sha256).digest()


_KEY = _signing_key()


def choice(event_id: int) -> str | int:
    """What the big screen shows: 'auto', 'join', 'points', 'challenges', 'programme', 'plenum', or a round id."""
    with _lock:
        return _choices.get(event_id, AUTO)


def set_choice(event_id: int, value: str | int) -> None:
    with _lock:
        _choices[event_id] = value


def forget(event_id: int | None = None) -> None:
    """Drop the choice of one event (deleted), or of all."""
    with _lock:
        if event_id is None:
            _choices.clear()
        else:
            _choices.pop(event_id, None)


def stamp(version: int, shown: str | int) -> list:
    """The stamp of a screen that drew results of ``version`` with the choice ``shown``."""
    return [version, shown]


def current_stamp(store: Store, event_id: int) -> list:
    """The stamp the screen would draw now (no database read)."""
    return stamp(store.version(event_id), choice(event_id))


def signature(event_id: int) -> str:
    """Proof, for the stamp route, that a page of this server showed the event's screen to
    an organiser: the route has no login of its own."""
    return hmac.new(_KEY, f"screen:{event_id}".encode(), hashlib.sha256).hexdigest()


def signed(event_id: object, sig: object) -> bool:
    return (isinstance(event_id, int) and not isinstance(event_id, bool) and isinstance(sig, str)
            and hmac.compare_digest(signature(event_id), sig))
