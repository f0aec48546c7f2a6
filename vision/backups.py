"""Backups as an operation: a consistent copy every few minutes while the day is being
written, the newest few kept, a list for the admin page, and a restore into a new file.

A copy is ``EXPORT DATABASE`` from inside the serving process (``Store.backup_to``): one
snapshot, every ballot whole, while saves go on. The schedule writes one every
``VISIONSDAG_BACKUP_MINUTES`` (10) when anything was committed since the last one, so a
live event is copied and an idle server writes nothing, and keeps the newest
``VISIONSDAG_BACKUP_KEEP`` (12) of its own; copies made with the admin page's button are
never removed by it. Folders: ``<backup dir>/auto-YYYYmmdd-HHMMSS`` and ``YYYYmmdd-HHMMSS``.
``python -m vision.manage restore DIR [FILE]`` (``make restore``) imports one into a new file.
"""

from __future__ import annotations

import logging
import shutil
import threading
import weakref
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from vision.config import Config
from vision.store import Store

log = logging.getLogger(__name__)

AUTO = "auto-"
STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    automatic: bool
    size: int          # bytes


def _made(name: str) -> datetime | None:
    try:
        return datetime.strptime(name.removeprefix(AUTO)[:15], STAMP)
    except ValueError:
        return None


def list_backups(root: Path) -> list[Backup]:
    """The whole copies in ``root``, newest first (a copy being written is not listed)."""
    out = []
    if not root.is_dir():
        return out
    for folder in root.iterdir():
        made = _made(folder.name)
        if made is None or not folder.is_dir() or not (folder / "load.sql").is_file():
            continue
        size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        out.append(Backup(folder, made, folder.name.startswith(AUTO), size))
    return sorted(out, key=lambda b: (b.made, b.path.name), reverse=True)


def make_backup(store: Store, root: Path, *, automatic: bool = False) -> Path:
    """Write a copy into a new folder of ``root`` named by the time."""
    now = datetime.now()
    name = (AUTO if automatic else "") + now.strftime(STAMP)
    target = root / name
    n = 1
    while target.exists():
        n += 1
        target = root / f"{name}-{n}"
    return store.backup_to(target)


def backup_by_hand(store: Store, actor: str, root: Path) -> Path:
    """A copy taken from the admin page, written to the audit log with its folder."""
    from vision.events import log_action

    target = make_backup(store, root)
    log_action(store, actor, "backup", str(target))
    return target


def prune(root: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` automatic copies; returns what was removed."""
    old = [b.path for b in list_backups(root) if b.automatic][keep:]
    for path in old:
        shutil.rmtree(path, ignore_errors=True)
    return old


class Schedule(threading.Thread):
    """The server's backup timer (one per store)."""

    def __init__(self, store: Store, root: Path, minutes: float, keep: int):
        super().__init__(name="visionsdag-backups", daemon=True)
        self._store = weakref.ref(store)
        self.root, self.every, self.keep = root, minutes * 60, keep
        self.stopped = threading.Event()
        self.made = 0
        self.failed_at: datetime | None = None
        self._commits = store.commits

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            store = self._store()
            if store is None or getattr(store, "_closed", False):
                return
            if store.commits == self._commits:
                continue                          # nothing written since the last copy
            commits = store.commits
            try:
                path = make_backup(store, self.root, automatic=True)
            except Exception as exc:  # noqa: BLE001 - a full disk or a closing store: next time
                if self.failed_at is None:
                    log.error("automatic backup to %s failed (tried again in %.0f s): %s", self.root, self.every,
                              str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__)
                self.failed_at = datetime.now()
                continue
            self._commits = commits
            self.made += 1
            self.failed_at = None
            prune(self.root, self.keep)
            log.info("automatic backup written to %s", path)


_schedules: "weakref.WeakKeyDictionary[Store, Schedule]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def start_schedule(store: Store, cfg: Config) -> Schedule | None:
    """Start the store's backup timer (once); None when backups are switched off (0 minutes)
    or the database lives in memory."""
    if cfg.backup_minutes <= 0 or str(store.path) == ":memory:":
        return None
    with _lock:
        schedule = _schedules.get(store)
        if schedule is None:
            schedule = Schedule(store, cfg.backup_dir, cfg.backup_minutes, cfg.backup_keep)
            _schedules[store] = schedule
            schedule.start()
        return schedule


def schedule_of(store: Store) -> Schedule | None:
    return _schedules.get(store)
