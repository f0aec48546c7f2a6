"""Errors a user is shown. The message is a Danish msgid with named parameters, so
it can be shown in the visitor's language: ``err.text(lang)``."""

from __future__ import annotations

from vision.i18n import DEFAULT_LANGUAGE, N_, gettext

STORE_BUSY = N_("Databasen er optaget af en anden proces (en anden server eller en kommando på serveren). Prøv "
                "igen om lidt, eller kontakt den, der driver Visionsdag.")
"""What a visitor is told while another process holds the database file."""

WRITE_FAILED = N_("Ikke gemt: serveren kan ikke skrive lige nu. Dine svar står her endnu; prøv igen om et "
                  "øjeblik.")
"""What a participant is told when the disk refused their save (``vision.store.health``)."""


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


class SaveFailedError(UserError):
    """A save the server could not write (a full or failing disk); nothing of it was kept."""

    def __init__(self, msgid: str = WRITE_FAILED, **params):
        super().__init__(msgid, **params)
