"""The server's entry: the app (``app.py``) with the routes of ``vision.api`` beside it.

``python -m vision.serve`` (``vision.server.main``) runs this file with ``streamlit run``; Streamlit finds the
``st.App`` below and serves ``app.py`` with the routes added. This folder holds this file
alone, because Streamlit puts the folder of the file it runs on ``sys.path``.
"""

from pathlib import Path

import streamlit as st

from vision import api
from vision.ui.runtime import store_for_requests

APP_SCRIPT = Path(__file__).resolve().parents[3] / "app.py"

app = st.App(str(APP_SCRIPT), routes=api.routes(store_for_requests))
