"""QR codes of page URLs as inline SVG, made at build time, for exhibition booths and print.

Owns turning an absolute URL into a small, deterministic SVG (`segno`, pure Python, error
correction level M, the standard four-module quiet zone, black on a white square so it scans on
any background) with a text alternative: a `<title>` naming what it opens, and `role="img"`.
The SVG has a `viewBox` and no fixed size, so the theme's CSS decides how large it is printed.

Every code uses the one fixed mask pattern `MASK` instead of letting segno score all eight,
which is most of the encoding time in pure Python: a code took 4.6 to 5.3 ms with all eight
scored and takes 1.3 ms with the mask fixed (the mean over 552 product, maker and home URLs on
four base URLs, both languages, best of three runs; for one URL, `python -m timeit -s "from
showcase import qr" "qr.drawing('https://example.org/galeri/produk/bandeng-presto/')"` went
from 4.5 ms to 1.1 ms). A decoder reads the mask from the code's format information and
handles all eight, so a fixed mask still gives a valid code. A millisecond a code still adds
up over a large catalogue, so `prepare()` makes the codes of a build in parallel and keeps them
in the build cache (one memo file, see memo.py), keyed by URL and encoder settings; a rebuild
encodes only new URLs. It never decides which pages carry a code (the views do).
"""
from __future__ import annotations

import io
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Mapping

import segno
from markupsafe import Markup, escape

from .memo import Memo, key

ERROR = "m"
"""Level M survives about 15% damage: a creased or scuffed print still scans."""
MASK = 2
"""Mask pattern 2: flips the data modules of every third column (`j % 3 == 0`). Over those 552
URLs it has the lowest mean penalty score (the ISO/IEC 18004 rules segno scores by) of the
eight, and it is the one that scoring all eight picks most often (28% of codes). Rasters of
the codes, blurred, shrunk to about 2 px a module and noised, decode with zxing-cpp a little
more often with it than with any other fixed mask or the scored choice: 2,275 of 3,312, against
2,211 to 2,270 for the others and 2,235 scored (a spread of 3%, near the noise). Undamaged,
every code decodes with every mask."""
_SETTINGS = f"segno-{segno.__version__}-{ERROR}-mask{MASK}-v2"


def drawing(url: str) -> str:
    """The `<svg>` of url's QR code, without its text alternative."""
    code = segno.make(url, error=ERROR, mask=MASK, micro=False, boost_error=False)
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
    memo = Memo(cache_dir, "qr")
    made: dict[str, str] = {}
    missing: list[str] = []
    for url in wanted:
        cached = memo.get(_key(url))
        # A damaged entry (not a drawing) is drawn again, never published.
        if isinstance(cached, str) and cached.startswith("<svg ") and cached.endswith("</svg>"):
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
        memo.put(_key(url), text)
    memo.save()
    return made


def _key(url: str) -> str:
    return key(_SETTINGS, url)


def matrix(url: str) -> tuple[tuple[int, ...], ...]:
    """The module matrix (1 dark, 0 light) that svg() draws for url, without the quiet zone."""
    code = segno.make(url, error=ERROR, mask=MASK, micro=False, boost_error=False)
    return tuple(tuple(1 if cell else 0 for cell in row) for row in code.matrix)
