"""Errors a user is shown. The message is a Danish msgid with named parameters, so
it can be shown in the visitor's language: ``err.text(lang)``."""

from __future__ import annotations

from vision.i18n import DEFAULT_LANGUAGE, N_, gettext

STORE_BUSY = N_("Databasen er optaget af en anden proces (en anden server eller en kommando på serveren). Prøv "
                "igen om lidt, eller kontakt den, der driver Visionsdag.")
"""What a visitor is told while another process holds the database file."""


class UserError(Exception):
    def __init__(self, msgid: str, **params):
        self.msgid = msgid
        self.params = params
        super().__init__(msgid.format(**params) if params else msgid)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message in ``lang`` (Danish when there is no translation)."""
        return gettext(self.msgid, lang).format(**self.params)


class RuleError(UserError):
    """An answer or action that the rules of the day do not allow."""


class NotFoundError(UserError):
    """An event, token, round or draft that does not exist (here)."""


class RateLimitedError(UserError):
    """Too many failed attempts from one client."""
