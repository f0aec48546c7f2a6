"""Command-line set-up:

* ``python -m vision.manage init`` creates or upgrades the database file and adds the
  demo events;
* ``backup [DIR]`` writes a copy;
* ``restore BACKUP [DB]`` restores a copy into a new database file (never over one);
* ``space`` refuses (exit 4) when the database's disk has less free space than
  ``VISIONSDAG_MIN_FREE_MB``, and says why; ``make run`` runs it before serving.

``init`` and ``backup`` need the file to themselves: DuckDB lets one process hold it, so
while a server runs they refuse with a message, and a backup is made by the server
(on a timer, or with the admin page's button)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

import duckdb

from vision import config, health, local_time
from vision.datafiles import DataFileError
from vision import consultation
from vision.events import seed_demo_events
from vision.i18n import gettext
from vision.store import SCHEMA_VERSION, SchemaTooNewError, Store, db_path_from_env, held_by_another_process
from vision.store import import_backup


def check_space(path: Path) -> int:
    problem = health.space_problem(path, config.load().min_free_mb)
    if problem is not None:
        print(gettext(problem.msgid).format(**problem.params), file=sys.stderr)
        return 4
    return 0


def restore(backup: Path, target: Path | None) -> int:
    # Beside the database in use: the folder the app may write (a container's state volume).
    target = target or config.db_path().parent / f"restored-{backup.resolve().name}.duckdb"
    try:
        import_backup(backup, target)
    except FileExistsError:
        print(f"{target} findes allerede, og en gendannelse skriver aldrig over en fil. Vælg en ny fil med "
              f"DB=… (make restore) eller som andet argument.", file=sys.stderr)
        return 5
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 5
    except duckdb.Error as exc:
        print(f"Sikkerhedskopien {backup} kunne ikke gendannes: {exc}", file=sys.stderr)
        return 5
    store = Store(target)          # upgrades a copy made by an older version, and checks it opens
    try:
        counts = store.query_one("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM participants), "
                                 "(SELECT count(DISTINCT (round_id, participant_id, draft_id)) FROM scores)")
    finally:
        store.close()
    print(f"Gendannet {backup} til {target}: {counts[0]} begivenheder, {counts[1]} deltagere, {counts[2]} "
          f"stemmesedler.\nServér den med: VISIONSDAG_DB={target} make run")
    return 0


def main(argv: list[str] | None = None) -> int:
    if not local_time.start_command():  # the day's time zone, before anything reads the clock
        return 2
    parser = argparse.ArgumentParser(prog="python -m vision.manage")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("init", help="create/upgrade the database and add the demo events")
    b = sub.add_parser("backup", help="export a consistent copy of the database")
    b.add_argument("directory", nargs="?", type=Path)
    r = sub.add_parser("restore", help="restore a backup into a new database file")
    r.add_argument("backup", type=Path)
    r.add_argument("db", nargs="?", type=Path, help="the new file (default data/restored-<backup>.duckdb)")
    sub.add_parser("space", help="refuse when the database's disk has too little free space")
    args = parser.parse_args(argv)
    path = db_path_from_env()
    if args.cmd == "space":
        return check_space(path)
    if args.cmd == "restore":
        return restore(args.backup, args.db)
    try:
        store = Store(path)
    except SchemaTooNewError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except duckdb.IOException as exc:
        if not held_by_another_process(exc):
            raise
        print(f"Databasefilen {path} bruges af en kørende server, og DuckDB lader kun én proces åbne "
              "filen. Lav en sikkerhedskopi med knappen på admin-siden, eller stop serveren først.",
              file=sys.stderr)
        return 3
    try:
        if args.cmd == "init":
            added = seed_demo_events(store)
            consultation.seed_demo(store)
            print(f"Database {path} (skemaversion {SCHEMA_VERSION}); demo-begivenheder tilføjet: "
                  f"{', '.join(added) if added else 'ingen (findes allerede)'}")
        else:
            target = args.directory or config.load().backup_dir / datetime.now().strftime("%Y%m%d-%H%M%S")
            store.backup_to(target)
            print(f"Sikkerhedskopi skrevet til {target}")
    except DataFileError as exc:
        print(f"Fejl i datafil: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
