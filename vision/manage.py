"""Command-line set-up: ``python -m vision.manage init`` creates or upgrades the
database file and adds the demo events; ``backup DIR`` writes a copy. Both need the
file to themselves: DuckDB lets one process hold it, so while a server runs they
refuse with a message, and a backup is made with the admin page's backup button."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

import duckdb

from vision.datafiles import DataFileError
from vision import consultation
from vision.events import seed_demo_events
from vision.store import SCHEMA_VERSION, SchemaTooNewError, Store, db_path_from_env, held_by_another_process


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vision.manage")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("init", help="create/upgrade the database and add the demo events")
    b = sub.add_parser("backup", help="export a consistent copy of the database")
    b.add_argument("directory", nargs="?", type=Path)
    args = parser.parse_args(argv)
    path = db_path_from_env()
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
            target = args.directory or Path("data/backups") / datetime.now().strftime("%Y%m%d-%H%M%S")
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
