"""Tilgængelighedserklæring: the accessibility statement, public (vision/accessibility.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from vision import accessibility
from vision.ui.i18n import _, current_language

st.title(_("Tilgængelighedserklæring"))
if current_language() != "da":
    st.info(_("Tilgængelighedserklæringen findes kun på dansk."))
parts = urlsplit(st.context.url or "")
site = f"{parts.scheme}://{parts.netloc}" if parts.netloc else None
st.markdown(accessibility.statement_markdown(accessibility.current(site)))
