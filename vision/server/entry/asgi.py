"""The server's entry: the app (``app.py``) with the routes of ``vision.api`` beside it.

``python -m vision.serve`` (``vision.server.main``) runs this file with ``streamlit run``; Streamlit finds the
``st.App`` below and serves ``app.py`` with the routes added. This folder holds this file
alone, because Streamlit puts the folder of the file it runs on ``sys.path``.
"""

from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from starlette.middleware import Middleware

from vision import api
from vision.server import join_page
from vision.ui.runtime import store_for_requests

APP_SCRIPT = Path(__file__).resolve().parents[3] / "app.py"

# app.py decides every page (st.navigation). Because a pages/ folder exists, Streamlit would
# otherwise run a page file on its own, without app.py, for every request until some visit
# to the home page has run st.navigation once in this process: after a restart, /control
# then had no menu, no page-wide style (captions at 2.96:1) and no page language.
PagesManager.uses_pages_directory = False

# The join form (``/?e=CODE`` without a token) is answered before Streamlit (vision.server.join_page).
app = st.App(str(APP_SCRIPT), routes=[*api.routes(store_for_requests), join_page.join_route(store_for_requests)],
             middleware=[Middleware(join_page.JoinAtTheDoor, get_store=store_for_requests)])
