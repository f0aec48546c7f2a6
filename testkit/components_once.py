"""Streamlit's scan for installed components, made once per process for AppTest runs.

Every new ``AppTest`` scans the metadata of every installed package for Streamlit
components: about 0.25 s of CPU, more than a small page's whole run. The installed packages
do not change while tests or a bench run, so the scan's result is kept for the process. A
server scans once, at start, and is not touched. Left alone if Streamlit moves the function.
"""

from __future__ import annotations

import functools


def scan_components_once() -> bool:
    """Keep the scan's result for the process; False when Streamlit has no such function."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:
        return False
    scan = getattr(manifest_scanner, "scan_component_manifests", None)
    if scan is None:
        return False
    if not hasattr(scan, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.cache(scan)
    return True
