"""The server: Streamlit serving ``app.py`` with the routes of ``vision.api`` beside it
(``entry/asgi.py``), and the measured changes to how Streamlit's server and the
process work, each in a module of its own and each fenced (``fence``): it checks at
start-up that the Streamlit version and the private names it needs are there, and
stands down with one warning when they are not. ``python -m vision.serve`` runs
:func:`vision.server.main.main`. See docs/performance.md for why each change is there.

The only part of the app besides ``vision/ui`` and ``pages/`` that imports Streamlit.
"""
