"""QR codes of page URLs as inline SVG, made at build time, for exhibition booths and print.

Owns turning an absolute URL into a small, deterministic SVG with a text alternative: a
`<title>` naming what it opens, and `role="img"`. The code itself comes from zxing-cpp's native
encoder (error correction level M, so a creased or scuffed print still scans; the encoder picks
the mask by the ISO/IEC 18004 penalty rules), about 0.3 ms a code, where the pure-Python encoder
used before took 1.3 to 5 ms; so codes are simply made where a page needs them, with no cache.
The SVG draws each row's dark runs as one stroked path inside the standard four-module quiet
zone, black on a white square so it scans on any background; it has a `viewBox` and no fixed
size, so the theme's CSS decides how large it is printed. It never decides which pages carry a
code (the views do).
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import zxingcpp
from markupsafe import Markup, escape

ERROR = "M"
QUIET = 4
_DARK_RUN = re.compile(rb"\x00+")
DRAWING = f"1 {ERROR} {QUIET} zxing-cpp {getattr(zxingcpp, '__version__', '')}"
"""What a kept drawing depends on besides its URL: a change here (or a new encoder) draws anew."""
_KEPT: list[Path] = []  # where drawings are kept between builds (keep_in)


def keep_in(folder: Path | None) -> None:
    """Keep each drawing in `folder` (the cache's `qr/`), so the next build reads it instead of
    encoding the code again: a region's shelf labels hold thousands, and a price edit on one of
    them re-renders the page. None: keep nothing."""
    _KEPT[:] = [folder] if folder is not None else []


def matrix(url: str) -> tuple[tuple[int, ...], ...]:
    """The module matrix (1 dark, 0 light) of url's code, without the quiet zone."""
    pixels, size = _modules(url)
    return tuple(tuple(1 if pixels[y * size + x] == 0 else 0 for x in range(size)) for y in range(size))


def _modules(url: str) -> tuple[bytes, int]:
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR)
    image = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    return image.tobytes(), image.shape[0]


@dataclass(frozen=True)
class Code:
    """A QR code as a page's view holds it: the URL it opens and its text alternative. It is
    drawn only when a template prints it (`__html__`), so a page whose view came out as the last
    build's (only its digest is compared) never draws its codes: a region's shelf labels and
    printable catalogue hold thousands."""

    url: str
    label: str

    def __html__(self) -> str:
        return str(svg(self.url, self.label))


@lru_cache(maxsize=16384)
def drawing(url: str) -> str:
    """The `<svg>` of url's QR code, without its text alternative: read from where drawings are
    kept, else drawn (and kept there, written whole or not at all)."""
    if not _KEPT:
        return _draw(url)
    key = hashlib.blake2b(f"{DRAWING}\n{url}".encode(), digest_size=16).hexdigest()
    path = _KEPT[0] / key[:2] / f"{key}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    svg = _draw(url)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{key}.{os.getpid()}.part")
        part.write_text(svg, encoding="utf-8")
        os.replace(part, path)
    except OSError:  # a read-only cache only costs time
        pass
    return svg


def _draw(url: str) -> str:
    pixels, size = _modules(url)
    steps, x, y = [], None, 0  # relative moves keep the path short: "m2 0h3" instead of "M17 9.5h3"
    for row in range(size):
        for run in _DARK_RUN.finditer(pixels, row * size, (row + 1) * size):
            start, length = run.start() - row * size + QUIET, run.end() - run.start()
            if x is None:
                steps.append(f"M{start} {row + QUIET}.5h{length}")
            else:
                steps.append(f"m{start - x} {row + QUIET - y}h{length}")
            x, y = start + length, row + QUIET
    path = "".join(steps)
    side = size + 2 * QUIET
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" class="qr">'
            f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/>'
            f'<path stroke="#000" d="{path}"/></svg>')


def svg(url: str, label: str) -> Markup:
    """An inline `<svg>` QR code of url; label is its text alternative (escaped here)."""
    head, rest = drawing(url).split(">", 1)
    return Markup(head.replace("<svg ", '<svg role="img" focusable="false" ', 1)
                  + f"><title>{escape(label)}</title>" + rest)
