"""The day's clock: the times people read are the local time where the day is held.

A phone reads "Gemt kl. 10:42", the organiser "Runden lukkede kl. 10:45", the secretariat the
times in the audit log and the exports. The app keeps naive local timestamps (Python's
``datetime.now()``, DuckDB's ``current_timestamp``), so they are in the process's time zone.
Containers and cloud machines mostly run in UTC, where every one of those times would be an
hour or two off. So each command of the app (the server, ``vision.door``, ``vision.manage``,
``vision.users``) and the test run set the process's zone before anything reads the clock:

* ``VISIONSDAG_TIMEZONE`` names it (default ``Europe/Copenhagen``);
* a ``TZ`` the operator has set is left as it is (their explicit choice);
* the zone's rules come from the system (``/usr/share/zoneinfo``) or, where a slim container
  has none, from the ``tzdata`` package (a dependency of pandas) through ``TZDIR``.

``TZ`` is set as ``:Area/City``: glibc reads it as a zone file's name, and DuckDB (ICU) as the
zone's name; a path in ``TZ`` would leave DuckDB in UTC while Python is not. Child processes
(the server that ``vision.door`` starts, a test's server) inherit it.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from pathlib import Path

DEFAULT_ZONE = "Europe/Copenhagen"
SYSTEM_ZONES = Path("/usr/share/zoneinfo")
log = logging.getLogger(__name__)
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*")


def _bundled_zones() -> Path | None:
    try:
        import tzdata
    except ImportError:
        return None
    path = Path(tzdata.__file__).resolve().parent / "zoneinfo"
    return path if path.is_dir() else None


def use_day_zone(system: Path = SYSTEM_ZONES) -> str | None:
    """Set the process's time zone to the day's; the zone's name, or None when ``TZ`` was
    already set. A name that is not a known zone is a ``ValueError`` naming the variable."""
    given = os.environ.get("TZ")
    if given:
        if "/" in given and given.lstrip(":").startswith("/"):
            log.warning("TZ=%s is a file: DuckDB reads it as UTC while Python does not, so stored and shown "
                        "times may differ. Set TZ to a zone's name (TZ=Europe/Copenhagen).", given)
        return None
    raw = os.environ.get("VISIONSDAG_TIMEZONE", "").strip()
    name = raw or DEFAULT_ZONE
    problem = ValueError(f"VISIONSDAG_TIMEZONE={raw!r} er ikke en kendt tidszone (skriv fx Europe/Copenhagen)")
    if not _NAME.fullmatch(name):
        raise problem
    if not (system / name).is_file():
        bundled = _bundled_zones()
        if bundled is None:
            raise ValueError(f"Tidszonen {name} kan ikke slås op: serveren har hverken {system} eller "
                             "Python-pakken tzdata (pip install tzdata).")
        if not (bundled / name).is_file():
            raise problem
        os.environ["TZDIR"] = str(bundled)
    os.environ["TZ"] = f":{name}"
    time.tzset()
    return name


def start_command() -> bool:
    """For a command's ``main``: set the day's zone first; False (the reason said on stderr)
    when the zone is not one, and the command should stop with exit code 2."""
    try:
        use_day_zone()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return False
    return True
