"""Errors a user is shown. The message is a Danish msgid with named parameters, so
pages can translate it: ``_(err.msgid).format(**err.params)``."""

from __future__ import annotations

from vision.i18n import N_

STORE_BUSY = N_("Databasen er optaget af en anden proces (en anden server eller en kommando på serveren). Prøv "
                "igen om lidt, eller kontakt den, der driver Visionsdag.")
"""What a visitor is told while another process holds the database file."""


class UserError(Exception):
    def __init__(self, msgid: str, **params):
        self.msgid = msgid
        self.params = params
        super().__init__(msgid.format(**params) if params else msgid)


class RuleError(UserError):
    """An answer or action that the rules of the day do not allow."""


class NotFoundError(UserError):
    """An event, token, round or draft that does not exist (here)."""


class RateLimitedError(UserError):
    """Too many failed attempts from one client."""
