"""The two helpers that make AppTest runs cheaper (tests/apptest.py) are in force under this
Streamlit: if a Streamlit upgrade moves the names they patch, this fails instead of the
tests silently becoming slower."""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from testkit.components_once import scan_components_once
from testkit.page_code_once import compile_pages_once

PAGE = Path(__file__).resolve().parent.parent / "pages" / "privacy.py"


def test_every_apptest_run_shares_one_cache_of_compiled_pages():
    assert compile_pages_once()
    shared = local_script_runner.ScriptCache()
    assert isinstance(shared, ScriptCache)
    assert shared is local_script_runner.ScriptCache() is app_test.ScriptCache()
    AppTest.from_file(str(PAGE), default_timeout=60).run()
    code = shared.get_bytecode(str(PAGE))
    AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert shared.get_bytecode(str(PAGE)) is code       # compiled once, not once a run


def test_the_component_scan_is_made_once_per_process():
    from streamlit.components.v2 import manifest_scanner

    assert scan_components_once()
    assert hasattr(manifest_scanner.scan_component_manifests, "cache_info")
