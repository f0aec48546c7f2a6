"""The only package that speaks SQL. See ``core`` for the connection and writes."""

from vision.store.backup import import_backup  # noqa: F401
from vision.store.core import (  # noqa: F401
    SCHEMA_VERSION,
    SchemaTooNewError,
    Store,
    db_path_from_env,
    held_by_another_process,
    migrate,
)
from vision.store.health import HealthState, StoreWriteError  # noqa: F401
