"""Staff logins changed from the admin page: each change to the credentials file is written
to the audit log with it, so no page has to remember the entry.

The file itself is :mod:`vision.users` (also used from the command line, which has no store).
"""

from __future__ import annotations

from pathlib import Path

from vision import users
from vision.errors import UserError
from vision.events import log_action
from vision.store import Store


def save_user(store: Store, actor: str, path: Path, username: str, password: str, role: str,
              name: str | None = None) -> bool:
    """Add a login, or reset an existing one's password, name and role; audited as
    ``add_user`` or ``reset_user``. Returns whether the user existed. A bad username, role or
    password raises :class:`vision.users.UserFileError` and changes nothing."""
    clean = username.strip().lower()
    existed = any(u == clean for u, _name, _roles in users.list_users(path))
    users.add_user(path, username, password, role, name)
    log_action(store, actor, "reset_user" if existed else "add_user", f"{clean} ({role})")
    return existed


def remove_user(store: Store, actor: str, path: Path, username: str) -> bool:
    """Remove a login; audited as ``remove_user``. False (and no entry) if there was none.
    Nobody removes their own login, so the last administrator cannot lock everyone out."""
    if username == actor:
        raise UserError("Du kan ikke fjerne dig selv.")
    if not users.remove_user(path, username):
        return False
    log_action(store, actor, "remove_user", username)
    return True
