"""Placeholder photos: a colour from the slug, the title, and a SAMPLE / CONTOH mark.

Owns drawing the stand-in photo of a sample product (used by `showcase new site`), so a new site
builds and shows a picture until the editor replaces the file with a real photo under the same
name. Deterministic (same slug and title, same bytes) and drawn with the shipped DejaVu font, so
it does not depend on the machine. It never overwrites a file: the caller writes new files only.
"""
from __future__ import annotations

import colorsys
import hashlib
import io

from PIL import Image, ImageDraw

from .share import load_font

WIDTH, HEIGHT = 1200, 900
MARK = "CONTOH / SAMPLE"


def colour(slug: str) -> tuple[int, int, int]:
    """A muted colour picked by the slug: the same product always gets the same one."""
    hue = int.from_bytes(hashlib.sha256(slug.encode()).digest()[:2], "big") / 65535
    red, green, blue = colorsys.hls_to_rgb(hue, 0.42, 0.45)
    return round(red * 255), round(green * 255), round(blue * 255)


def _lines(draw: ImageDraw.ImageDraw, text: str, size: int, width: int) -> list[str]:
    font = load_font("bold", size)
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(lines[-1] + " " + word, font=font) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:3]


def photo(slug: str, title: str) -> bytes:
    """A 1200x900 JPEG: the slug's colour, the title in the middle and the mark across the top."""
    image = Image.new("RGB", (WIDTH, HEIGHT), colour(slug))
    draw = ImageDraw.Draw(image)
    title_font, mark_font = load_font("bold", 84), load_font("bold", 44)
    lines = _lines(draw, title, 84, WIDTH - 160)
    top = HEIGHT // 2 - len(lines) * 50
    for index, line in enumerate(lines):
        draw.text((WIDTH // 2, top + index * 100 + 50), line, font=title_font, fill=(255, 255, 255), anchor="mm")
    draw.rectangle((0, 0, WIDTH, 110), fill=(20, 20, 20))
    draw.text((WIDTH // 2, 55), MARK, font=mark_font, fill=(255, 214, 102), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()
