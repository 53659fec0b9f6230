"""App icons: the home-screen, splash and tab icons drawn with Pillow from the site's one logo.

Owns the icon files the manifest and `<head>` name (192 and 512 px, a maskable 512 px whose logo
stays inside the safe zone, a 180 px apple-touch-icon and a 32 px favicon) and how they look: the
logo on the background colour, or, for the maskable icon, on a disc inside the safe zone on the
theme colour; a plain monogram of the site title when there is no logo. Output is deterministic
PNG bytes keyed by file name; it never writes files nor decides which pages link the icons.
"""
from __future__ import annotations

import functools
import hashlib
import io
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

MASKABLE_SAFE_RADIUS = 0.40
"""The maskable safe zone: a centred circle of 40% of the icon's size (W3C manifest spec)."""
PADDING = 0.10


@dataclass(frozen=True)
class IconFile:
    """One icon: where it is written, its square size and its manifest `purpose`."""

    path: str
    size: int
    purpose: str  # "any", "maskable", "apple" or "favicon"


ICONS = (
    IconFile("icons/icon-192.png", 192, "any"),
    IconFile("icons/icon-512.png", 512, "any"),
    IconFile("icons/maskable-512.png", 512, "maskable"),
    IconFile("icons/apple-touch-icon.png", 180, "apple"),
    IconFile("icons/favicon-32.png", 32, "favicon"),
)


def hex_rgb(color: str) -> tuple[int, int, int]:
    """`#8a3b12` -> (138, 59, 18)."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def load_logo(path: Path | None) -> Image.Image | None:
    """The logo upright, as RGBA, or None when there is none or it cannot be read."""
    if path is None:
        return None
    try:
        with Image.open(path) as opened:
            opened.seek(0)
            image = ImageOps.exif_transpose(opened)
            return image.convert("RGBA")
    except (OSError, ValueError, SyntaxError):
        return None


def monogram(title: str, theme: str, size: int = 512) -> Image.Image:
    """A plain square: the first letter of the title in white on the theme colour."""
    letter = next((c for c in title if c.isalnum()), "G").upper()
    image = Image.new("RGBA", (size, size), hex_rgb(theme) + (255,))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=round(size * 0.5))
    draw.text((size / 2, size / 2), letter, fill=(255, 255, 255, 255), font=font, anchor="mm")
    return image


def _fit(logo: Image.Image, box: int) -> Image.Image:
    """The logo scaled (never beyond 4x) to fit a box of `box` px, aspect kept."""
    scale = min(box / logo.width, box / logo.height, 4.0)
    size = (max(1, round(logo.width * scale)), max(1, round(logo.height * scale)))
    return logo.resize(size, Image.Resampling.LANCZOS)


def _paste_centred(canvas: Image.Image, logo: Image.Image) -> None:
    x, y = (canvas.width - logo.width) // 2, (canvas.height - logo.height) // 2
    canvas.alpha_composite(logo, (x, y))


def square_icon(logo: Image.Image, size: int, background: str) -> Image.Image:
    """The logo with a margin on an opaque square of the background colour (any, apple, favicon)."""
    canvas = Image.new("RGBA", (size, size), hex_rgb(background) + (255,))
    margin = 0 if size <= 32 else round(size * PADDING)
    _paste_centred(canvas, _fit(logo, size - 2 * margin))
    return canvas


def maskable_icon(logo: Image.Image, size: int, theme: str, background: str) -> Image.Image:
    """Theme colour to the edges; a disc of the background colour filling the safe zone; the
    logo inside the disc, its corners clear of the circle whatever shape the launcher cuts."""
    canvas = Image.new("RGBA", (size, size), hex_rgb(theme) + (255,))
    radius = size * MASKABLE_SAFE_RADIUS
    centre = size / 2
    # Drawn at 4x and reduced, so the disc's edge is smooth; it stays 1 px inside the zone.
    scale = 4
    disc = Image.new("L", (size * scale, size * scale), 0)
    r = (radius - 1) * scale
    ImageDraw.Draw(disc).ellipse((centre * scale - r, centre * scale - r, centre * scale + r,
                                  centre * scale + r), fill=255)
    disc = disc.resize((size, size), Image.Resampling.BOX)  # no ringing outside the edge
    canvas.paste(Image.new("RGBA", (size, size), hex_rgb(background) + (255,)), (0, 0), disc)
    # A w x h logo fits in a circle of radius r when its half-diagonal is at most r: 0.85 r
    # leaves a ring of the disc around it.
    fitted = _fit(logo, size)
    half_diagonal = math.hypot(fitted.width, fitted.height) / 2
    factor = 0.85 * radius / half_diagonal
    fitted = fitted.resize((max(1, math.floor(fitted.width * factor)), max(1, math.floor(fitted.height * factor))),
                           Image.Resampling.LANCZOS)
    _paste_centred(canvas, fitted)
    return canvas


def render_icons(logo_path: Path | None, title: str, theme: str, background: str) -> dict[str, bytes]:
    """Every icon of ICONS as PNG bytes, keyed by output path (worked out once per logo, title and
    colours in a process: `showcase serve` rebuilds without encoding them again)."""
    logo_bytes = b""
    if logo_path is not None:
        try:
            logo_bytes = logo_path.read_bytes()
        except OSError:
            logo_bytes = b"unreadable"
    return dict(_icons(logo_path, hashlib.blake2b(logo_bytes, digest_size=16).hexdigest(), title, theme, background))


@functools.lru_cache(maxsize=4)
def _icons(logo_path: Path | None, logo_digest: str, title: str, theme: str, background: str
           ) -> tuple[tuple[str, bytes], ...]:
    logo = load_logo(logo_path)
    out: dict[str, bytes] = {}
    for icon in ICONS:
        if logo is None:
            image = monogram(title, theme, 512).resize((icon.size, icon.size), Image.Resampling.LANCZOS)
        elif icon.purpose == "maskable":
            image = maskable_icon(logo, icon.size, theme, background)
        else:
            image = square_icon(logo, icon.size, background)
        out[icon.path] = png(image.convert("RGB"))
    return tuple(out.items())


def png(image: Image.Image) -> bytes:
    """Deterministic PNG bytes: no metadata, fixed compression."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
