"""The visitor's language for pages: ``from vision.ui.i18n import _``."""

from __future__ import annotations

import streamlit as st

from vision.i18n import DEFAULT_LANGUAGE, LANGUAGES, gettext


def current_language() -> str:
    lang = st.query_params.get("lang") or st.session_state.get("lang") or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _(message: str) -> str:
    return gettext(message, current_language())
