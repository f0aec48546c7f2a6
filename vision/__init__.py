"""Visionsdag: the domain package.

Everything under ``vision`` except ``vision.ui`` is plain Python without Streamlit,
so it can be tested and reused without a browser.
"""
