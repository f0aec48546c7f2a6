"""Who is looking: the visitor's role.

``app.py`` decides which pages a visitor is offered, but Streamlit also runs a file
in ``pages/`` directly when its name is typed as the URL (``/control``), without
running ``app.py``. So every staff page starts with :func:`require_role`, which is
the gate that counts.
"""

from __future__ import annotations

import streamlit as st

ROLES = ("organiser", "secretariat", "admin")


def current_role() -> str | None:
    """'organiser', 'secretariat', 'admin' or None for a participant or anonymous visitor."""
    role = st.session_state.get("role")
    return role if role in ROLES else None


def has_role(*roles: str) -> bool:
    role = current_role()
    return role is not None and (role == "admin" or role in roles)


REFUSALS = {
    "organiser": "Siden er kun for arrangører. Log ind først.",
    "secretariat": "Siden er kun for sekretariatet. Log ind først.",
    "admin": "Siden er kun for administratorer. Log ind først.",
}


def require_role(role: str) -> None:
    """Stop the page with a Danish refusal unless the visitor has ``role`` (admins have all)."""
    from vision.ui.i18n import _
    from vision.ui.login import restore_from_cookie

    restore_from_cookie()
    if not has_role(role):
        st.error(_(REFUSALS[role]), icon=":material/lock:")
        st.link_button(_("Log ind"), "/account")
        from vision.ui import style
        from vision.ui.i18n import current_language

        style.page_language(current_language())    # app.py's own call after the page is not reached
        st.stop()
