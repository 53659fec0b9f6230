"""QR codes of page URLs as inline SVG, made at build time, for exhibition booths and print.

Owns turning an absolute URL into a small, deterministic SVG (`segno`, pure Python, error
correction level M, the standard four-module quiet zone, black on a white square so it scans on
any background) with a text alternative: a `<title>` naming what it opens, and `role="img"`.
The SVG has a `viewBox` and no fixed size, so the theme's CSS decides how large it is printed.
Encoding is slow in pure Python (about 15 ms a code, most of it choosing the best mask), so
`prepare()` makes the codes of a build in parallel and keeps them in the build cache, keyed by
URL and encoder settings; a rebuild encodes only new URLs. It never decides which pages carry
a code (the views do).
"""
from __future__ import annotations

import hashlib
import io
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Mapping

import segno
from markupsafe import Markup, escape

ERROR = "m"
"""Level M survives about 15% damage: a creased or scuffed print still scans."""
_SETTINGS = f"segno-{segno.__version__}-{ERROR}-v1"


def drawing(url: str) -> str:
    """The `<svg>` of url's QR code, without its text alternative."""
    code = segno.make(url, error=ERROR, micro=False, boost_error=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", xmldecl=False, svgns=True, svgclass="qr",
              lineclass=None, omitsize=True, dark="#000", light="#fff", nl=False)
    return buffer.getvalue().decode("utf-8")


def svg(url: str, label: str, made: Mapping[str, str] | None = None) -> Markup:
    """An inline `<svg>` QR code of url; label is its text alternative (escaped here).
    `made` holds drawings from `prepare()`; a URL not in it is drawn now."""
    text = made[url] if made is not None and url in made else drawing(url)
    head, rest = text.split(">", 1)
    return Markup(head.replace("<svg ", '<svg role="img" focusable="false" ', 1)
                  + f"><title>{escape(label)}</title>" + rest)


def prepare(urls: Iterable[str], cache_dir: Path | None, workers: int | None = None) -> dict[str, str]:
    """Drawings of every URL: from the cache when there, else encoded in parallel and cached."""
    wanted = sorted(set(urls))
    folder = cache_dir / "qr" if cache_dir is not None else None
    made: dict[str, str] = {}
    missing: list[str] = []
    for url in wanted:
        cached = _cached(folder, url)
        if cached is not None:
            made[url] = cached
        else:
            missing.append(url)
    if len(missing) > 16 and (workers or os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(workers) as pool:
            drawn = list(pool.map(drawing, missing, chunksize=32))
    else:
        drawn = [drawing(url) for url in missing]
    for url, text in zip(missing, drawn):
        made[url] = text
        _store(folder, url, text)
    return made


def _key(url: str) -> str:
    return hashlib.sha256(f"{_SETTINGS}\n{url}".encode()).hexdigest()


def _cached(folder: Path | None, url: str) -> str | None:
    if folder is None:
        return None
    path = folder / f"{_key(url)}.svg"
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    # A damaged entry (cut short, or not a drawing) is drawn again, never published.
    return text if text.startswith("<svg ") and text.endswith("</svg>") else None


def _store(folder: Path | None, url: str, text: str) -> None:
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{_key(url)}.{os.getpid()}.tmp"
        temporary.write_text(text, "utf-8")
        os.replace(temporary, folder / f"{_key(url)}.svg")
    except OSError:
        pass  # the cache only saves time; the drawing is already in hand


def matrix(url: str) -> tuple[tuple[int, ...], ...]:
    """The module matrix (1 dark, 0 light) that svg() draws for url, without the quiet zone."""
    code = segno.make(url, error=ERROR, micro=False, boost_error=False)
    return tuple(tuple(1 if cell else 0 for cell in row) for row in code.matrix)
