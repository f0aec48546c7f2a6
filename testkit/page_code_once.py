"""The pages' compiled code, made once per process for AppTest runs.

Every ``AppTest.run()`` builds a new script runner with an empty ``ScriptCache``, so each
run reads, parses and compiles its page again, which a server does once per page for
the life of the process. The pages do not change while tests run, so one cache is shared
by every run of the process. Left alone if Streamlit moves the names.
"""

from __future__ import annotations


def compile_pages_once() -> bool:
    """Share one ``ScriptCache`` among AppTest runs; False when Streamlit has no such names."""
    try:
        from streamlit.runtime.scriptrunner.script_cache import ScriptCache
        from streamlit.testing.v1 import app_test, local_script_runner
    except ImportError:
        return False
    if not all(getattr(m, "ScriptCache", None) is not None for m in (app_test, local_script_runner)):
        return False
    shared = ScriptCache()
    for module in (app_test, local_script_runner):
        if module.ScriptCache is ScriptCache:
            module.ScriptCache = lambda: shared
    return True
