"""Who is looking: the visitor's role, decided once per run in app.py."""

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
