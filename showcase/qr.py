"""QR codes of page URLs as inline SVG, made at build time, for exhibition booths and print.

Owns turning an absolute URL into a small, deterministic SVG (`segno`, pure Python, error
correction level M, the standard four-module quiet zone, black on a white square so it scans on
any background) with a text alternative: a `<title>` naming what it opens, and `role="img"`.
The SVG has a `viewBox` and no fixed size, so the theme's CSS decides how large it is printed.
It never decides which pages carry a code (the views do) and never writes files.
"""
from __future__ import annotations

import io
from functools import lru_cache

import segno
from markupsafe import Markup

ERROR = "m"
"""Level M survives about 15% damage: a creased or scuffed print still scans."""


@lru_cache(maxsize=4096)
def svg(url: str, label: str) -> Markup:
    """An inline `<svg>` QR code of url; label is its text alternative (escaped here)."""
    code = segno.make(url, error=ERROR, micro=False, boost_error=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", xmldecl=False, svgns=True, title=label, svgclass="qr",
              lineclass=None, omitsize=True, dark="#000", light="#fff", nl=False)
    text = buffer.getvalue().decode("utf-8")
    return Markup(text.replace("<svg ", '<svg role="img" focusable="false" ', 1))


def matrix(url: str) -> tuple[tuple[int, ...], ...]:
    """The module matrix (1 dark, 0 light) that svg() draws for url, without the quiet zone."""
    code = segno.make(url, error=ERROR, micro=False, boost_error=False)
    return tuple(tuple(1 if cell else 0 for cell in row) for row in code.matrix)
