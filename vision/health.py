"""Is the server able to keep what it is given? Write health and free disk space, for
the organiser's alarm and for ``make run``'s check before it starts.

The store records whether writes reach the disk (``Store.health``); this module turns
that, and the free space beside the database file, into what an organiser is told.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from vision.i18n import N_
from vision.store import Store

MB = 1024 * 1024

WRITES_FAIL = N_("Serveren kan ikke gemme lige nu (siden kl. {since}, {n} svar afvist): {reason}. Deltagerne får "
                 "besked om at prøve igen, og deres svar står stadig på telefonerne. Frigør plads på serverens disk; "
                 "beskeden forsvinder af sig selv, når der gemmes igen.")
LOW_SPACE = N_("Der er kun {mb} MB fri plads til databasen på serveren. Frigør plads, før disken bliver fuld.")
TOO_LITTLE = N_("Visionsdag starter ikke: der er kun {mb} MB fri plads i {folder}, og der skal være mindst {min} MB "
                "(VISIONSDAG_MIN_FREE_MB). Frigør plads, eller flyt databasen (VISIONSDAG_DB) til en disk med mere "
                "plads.")


@dataclass(frozen=True)
class Alarm:
    msgid: str
    params: dict


def free_mb(db_path: str | Path) -> int:
    """Free space, in MB, on the file system that holds ``db_path`` (or would)."""
    folder = Path(db_path).resolve().parent
    while not folder.exists():
        folder = folder.parent
    return shutil.disk_usage(folder).free // MB


def space_problem(db_path: str | Path, min_mb: int) -> Alarm | None:
    """Why the server must not start with the database at ``db_path``, or None."""
    mb = free_mb(db_path)
    if mb >= min_mb:
        return None
    return Alarm(TOO_LITTLE, {"mb": mb, "folder": str(Path(db_path).resolve().parent), "min": min_mb})


def write_alarm(store: Store, low_mb: int | None = None) -> Alarm | None:
    """What the organiser must know now: writes failing (with since when, how many saves
    were refused and the disk's reason), or free space below ``low_mb``; None when all is well."""
    state = store.health.state()
    if state.failing_since is not None:
        return Alarm(WRITES_FAIL, {"since": datetime.fromtimestamp(state.failing_since).strftime("%H:%M:%S"),
                                   "n": state.failures, "reason": state.reason or "?"})
    if low_mb and str(store.path) != ":memory:":
        mb = free_mb(store.path)
        if mb < low_mb:
            return Alarm(LOW_SPACE, {"mb": mb})
    return None
