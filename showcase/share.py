"""Share images: the 1200x630 picture chat apps and social sites show for a product link.

Owns planning (cheap, before pages are built: each product and language gets the path
`media/share/<slug>-<hash>.jpg`, where the hash covers the photo, the text and these settings, so
identical titles share one file) and drawing (after photos are processed: the product's widest
JPEG variant cropped to fill, a dark band with the name and the price in rupiah). Text is set in
DejaVu Sans, shipped inside the package (`showcase/fonts/`), so the bytes are the same on every
machine whatever fonts it has installed. Results are cached by key like photos. It never decides
which pages link to a share image (the views do).
"""
from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import PIL
from PIL import Image, ImageDraw, ImageFont, ImageOps

from .images import ImagePlan, place
from .writer import OutputError

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
QUALITY = 82
VERSION = "1"
"""Bump when the drawing changes, so every cached share image is drawn again."""
MARGIN = 48
TITLE_SIZE, PRICE_SIZE = 54, 44
BAND = (24, 16, 10, 200)
PRICE_COLOUR = (255, 214, 102)
SHARE_DIR = "media/share/"


def owner_of(path: str) -> str | None:
    """The entry whose pages link to the share image at path (`media/share/<slug>-<key>.jpg`)."""
    if not path.startswith(SHARE_DIR) or not path.endswith(".jpg"):
        return None
    return "product/" + path.rsplit("/", 1)[-1][:-len("-0123456789.jpg")]


FONTS = {"bold": "DejaVuSans-Bold.ttf", "regular": "DejaVuSans.ttf"}
FONT_DIR = Path(__file__).resolve().parent / "fonts"

Font = ImageFont.FreeTypeFont


@dataclass(frozen=True)
class SharePlan:
    """One share image to draw: from which processed photo, with which text, to which path."""

    source: str  # output-relative path of the JPEG variant it is cut from
    title: str
    price: str
    path: str  # output-relative: media/share/<slug>-<hash>.jpg
    key: str


def font_file(style: str) -> Path:
    """The shipped DejaVu file for `bold` or `regular`."""
    return FONT_DIR / FONTS[style]


@lru_cache(maxsize=None)
def load_font(style: str, size: int) -> Font:
    """The shipped font; a missing or damaged file (a broken installation) is a located error."""
    path = font_file(style)
    try:
        if not path.is_file():  # Pillow would look for the name among the machine's fonts
            raise FileNotFoundError("no such file")
        return ImageFont.truetype(str(path), size)
    except OSError as exc:
        raise OutputError("share.font", path=path.as_posix(), detail=str(exc)) from None


@lru_cache(maxsize=None)
def signature() -> str:
    """Everything besides photo and text that shapes the bytes: drawing, fonts, Pillow."""
    fonts = []
    for style in sorted(FONTS):
        path = font_file(style)
        fonts.append(f"{style}={path.name}:{path.stat().st_size if path.is_file() else 0}")
    return f"v{VERSION};{WIDTH}x{HEIGHT};q{QUALITY};{';'.join(fonts)};pillow{PIL.__version__}"


def plan(slug: str, photo: ImagePlan, title: str, price: str) -> SharePlan:
    """Where the share image of one product in one language goes; pure and cheap."""
    source = max((v for v in photo.variants if v.format == "jpeg"), key=lambda v: v.width).path
    key = hashlib.sha256("\n".join((photo.key, title, price, signature())).encode()).hexdigest()
    return SharePlan(source, title, price, f"{SHARE_DIR}{slug}-{key[:10]}.jpg", key)


def render(photo: Image.Image, title: str, price: str) -> bytes:
    """Draw one share image: the photo cropped to fill, a band with name and price; JPEG bytes."""
    canvas = ImageOps.fit(photo.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    title_font, price_font = load_font("bold", TITLE_SIZE), load_font("regular", PRICE_SIZE)
    lines = _wrap(title, title_font, WIDTH - 2 * MARGIN, 2)
    line_height = round(TITLE_SIZE * 1.2)
    band_height = MARGIN + len(lines) * line_height + 12 + round(PRICE_SIZE * 1.2) + MARGIN // 2
    overlay = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle((0, HEIGHT - band_height, WIDTH, HEIGHT), fill=BAND)
    canvas = Image.alpha_composite(canvas.convert("RGBA"), overlay).convert("RGB")
    draw = ImageDraw.Draw(canvas)
    y = HEIGHT - band_height + MARGIN // 2 + 6
    for line in lines:
        draw.text((MARGIN, y), line, font=title_font, fill=(255, 255, 255))
        y += line_height
    draw.text((MARGIN, y + 12), price, font=price_font, fill=PRICE_COLOUR)
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=QUALITY, optimize=True, progressive=True, subsampling="4:2:0")
    return buffer.getvalue()


def _wrap(text: str, font: Font, width: int, max_lines: int) -> list[str]:
    """Words onto at most `max_lines` lines of `width` pixels; the last one ends in … if cut."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and font.getlength(line + " " + words[0]) <= width:
            line += " " + words.pop(0)
        lines.append(line)
    if words or (lines and font.getlength(lines[-1]) > width):
        last = lines[-1]
        while last and font.getlength(last + "…") > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def process(shares: Iterable[SharePlan], out_dir: Path, cache_dir: Path | None,
            photos: Sequence[Path] = ()) -> tuple[int, int]:
    """Write every share image under out_dir; (made, reused). The processed photo it is cut from
    is looked for in out_dir, then in `photos` (the published output, for a photo kept there)."""
    made = reused = 0
    for share in sorted({s.path: s for s in shares}.values(), key=lambda s: s.path):
        cached = cache_dir / "share" / f"{share.key}.jpg" if cache_dir else None
        data = _read(cached) if cached else None
        if data is None:
            source = next((d / share.source for d in (out_dir, *photos) if (d / share.source).is_file()),
                          out_dir / share.source)
            with Image.open(source) as photo:
                data = render(photo, share.title, share.price)
            made += 1
            if cached:
                _write_cache(cached, data)
        else:
            reused += 1
        try:
            place(out_dir / share.path, data, cached)
        except OSError as exc:
            raise OutputError("output.write.one", path=share.path, detail=exc.strerror or str(exc)) from exc
    return made, reused


def _read(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if data.startswith(b"\xff\xd8\xff") and data.endswith(b"\xff\xd9") else None


def _write_cache(path: Path, data: bytes) -> None:
    """A read-only cache (e.g. on CI) only costs time: the build goes on without it."""
    try:
        place(path, data, None)  # a new file: the old one may be linked into output/
    except OSError as exc:
        log.warning("cannot write share image cache %s: %s", path, exc)
