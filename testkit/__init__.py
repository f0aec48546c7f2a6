"""What the tests and the bench share: a real server on a free port (``server``), a
small Streamlit-protocol client (``stproto``), a snippet run in a fresh process
(``fresh_process``) and the probe of where a process's memory is (``memory_probe``).

Its own top-level package so that ``tests`` and ``bench`` never import each other
(``.importlinter``); it imports neither, and it is not part of the app (``vision``),
which must not carry test machinery into production.
"""
