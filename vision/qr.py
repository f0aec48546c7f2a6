"""QR codes for join links (segno: pure Python, PNG and SVG without extra libraries)."""

from __future__ import annotations

import io

import segno


def qr_png(data: str, scale: int = 10, border: int = 2) -> bytes:
    buf = io.BytesIO()
    segno.make(data, error="m").save(buf, kind="png", scale=scale, border=border, dark="#000000", light="#ffffff")
    return buf.getvalue()
