"""Copies of the database: a consistent export from inside the serving process, and a
restore into a new file.

``EXPORT DATABASE`` writes the schema and every table (Parquet) as one snapshot of a read
transaction, so saves continue while it runs and every ballot in the copy is whole. A
copy is written into a folder beside its final name and renamed when complete, so a
folder with the final name is always a whole copy, also after a full disk or a kill.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


PARTIAL = ".partial-"


def export_to(cur: duckdb.DuckDBPyConnection, directory: str | Path) -> Path:
    """Export the database through ``cur`` into ``directory`` (new or empty)."""
    target = Path(directory)
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} er ikke tom")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.parent / (PARTIAL + target.name)
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        cur.execute(f"EXPORT DATABASE '{_sql_path(partial)}' (FORMAT parquet)")
        if target.exists():
            target.rmdir()
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target


def import_backup(directory: str | Path, db_file: str | Path) -> None:
    """Restore a copy made by :func:`export_to` into a new database file. Refuses to
    overwrite a file; a restore that fails leaves no file behind."""
    directory, db_file = Path(directory), Path(db_file)
    if not (directory / "schema.sql").is_file() or not (directory / "load.sql").is_file():
        raise FileNotFoundError(f"{directory} er ikke en sikkerhedskopi (schema.sql og load.sql mangler)")
    if db_file.exists() or Path(str(db_file) + ".wal").exists():
        raise FileExistsError(f"{db_file} findes allerede; vælg en ny fil at gendanne til")
    db_file.parent.mkdir(parents=True, exist_ok=True)
    partial = db_file.with_name(PARTIAL + db_file.name)
    for leftover in (partial, Path(str(partial) + ".wal")):
        leftover.unlink(missing_ok=True)
    con = duckdb.connect(str(partial))
    try:
        con.execute(f"IMPORT DATABASE '{_sql_path(directory)}'")
        con.execute("CHECKPOINT")
    except BaseException:
        con.close()
        for leftover in (partial, Path(str(partial) + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
    con.close()
    if db_file.exists():
        partial.unlink()
        raise FileExistsError(f"{db_file} findes allerede; vælg en ny fil at gendanne til")
    partial.rename(db_file)
