#!/usr/bin/env python3
"""Draw the illustrative sample photos that the sample content in content/ refers to.

Every photo named by the content (front matter `images`, `cover` and `logo` of each Markdown
file, photos placed in a Markdown body, and `logo` in content/site.yaml) is drawn with Pillow
as a simple studio-style illustration chosen from its file name: a milkfish on a plate, a jar of
shredded fish, a marble mortar, a woven basket, a batik cloth, a silk sarong, a landscape for a
region, initials on a coloured circle for a logo. They are placeholders until real photos
replace them (see content/README.md): running this again overwrites the files.

The output is deterministic: each file's pseudo-random numbers come from a seed derived from
its path, so two runs write byte-identical files.

    python tools/sample_photos.py            # write every referenced photo
    python tools/sample_photos.py --list     # only show what would be drawn, and how
    python tools/sample_photos.py vas cobek  # only the photos whose path contains a word
"""
from __future__ import annotations

import argparse
import hashlib
import io
import math
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageStat

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

SS = 2  # drawn at twice the final size, then reduced with LANCZOS for smooth edges
LANDSCAPE, PORTRAIT, WIDE, SQUARE = (1600, 1200), (1200, 1600), (1920, 1080), (512, 512)
JPEG_OPTIONS = {"quality": 84, "progressive": True, "optimize": True, "subsampling": "4:2:0"}

BICUBIC = Image.Resampling.BICUBIC
LANCZOS = Image.Resampling.LANCZOS
NEAREST = Image.Resampling.NEAREST

Color = tuple[int, int, int]
Point = tuple[float, float]


# == what the content refers to ===================================================================

@dataclass(frozen=True)
class Ref:
    path: Path  # the image file, absolute
    field: str  # images, cover, logo or body
    owner: Path  # the file that names it
    alt: str


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML between the first two `---` lines, and the body after it."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            data = yaml.safe_load("\n".join(lines[1:end])) or {}
            return (data if isinstance(data, dict) else {}), "\n".join(lines[end + 1:])
    return {}, text


def sources(value: Any) -> Iterator[tuple[str, str]]:
    """(src, alt) pairs from a value that is a path, a {src, alt} mapping or a list of them."""
    if isinstance(value, str):
        yield value, ""
    elif isinstance(value, dict) and isinstance(value.get("src"), str):
        yield value["src"], str(value.get("alt") or "")
    elif isinstance(value, list):
        for item in value:
            yield from sources(item)


def local(src: str) -> bool:
    return bool(src) and "://" not in src and not src.startswith(("/", "data:", "#"))


BODY_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def references(content: Path = CONTENT) -> list[Ref]:
    """Every image file the content names, once each, sorted by path."""
    found: dict[Path, Ref] = {}

    def add(folder: Path, src: str, field: str, owner: Path, alt: str) -> None:
        if local(src):
            path = (folder / src).resolve()
            found.setdefault(path, Ref(path, field, owner, alt))

    site = content / "site.yaml"
    if site.is_file():
        data = yaml.safe_load(site.read_text(encoding="utf-8")) or {}
        for src, alt in sources(data.get("logo")):
            add(content, src, "logo", site, alt)
    for md in sorted(content.rglob("*.md")):
        meta, body = front_matter(md.read_text(encoding="utf-8"))
        if not md.name.endswith(".en.md"):  # a translation's `images` hold alt texts only
            for field in ("images", "cover", "logo"):
                for src, alt in sources(meta.get(field)):
                    add(md.parent, src, field, md, alt)
        for alt, src in BODY_IMAGE.findall(body):
            add(md.parent, src, "body", md, alt)
    return sorted(found.values(), key=lambda r: r.path)


def seed_of(path: Path) -> int:
    rel = path.relative_to(CONTENT).as_posix() if path.is_relative_to(CONTENT) else path.name
    return int.from_bytes(hashlib.sha256(rel.encode()).digest()[:8], "big")


# == colours, gradients, noise ====================================================================

def hx(code: str) -> Color:
    code = code.lstrip("#")
    return int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16)


def mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))  # type: ignore[return-value]


def scale(c: Color, f: float) -> Color:
    return tuple(max(0, min(255, round(v * f))) for v in c)  # type: ignore[return-value]


def clamp8(v: float) -> int:
    return max(0, min(255, int(round(v))))


def stop_at(stops: list[tuple[float, Any]], t: float) -> Any:
    if t <= stops[0][0]:
        return stops[0][1]
    for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
        if t <= t1:
            k = (t - t0) / (t1 - t0) if t1 > t0 else 0.0
            k = k * k * (3 - 2 * k)  # smoothstep: no visible bands at the stops
            if isinstance(c0, (int, float)):
                return c0 + (c1 - c0) * k
            return mix(c0, c1, k)
    return stops[-1][1]


def gradient(size: tuple[int, int], stops: list[tuple[float, Any]], axis: str = "y") -> Image.Image:
    """A linear gradient along y or x; colours (RGB) or numbers 0..255 (L)."""
    w, h = size
    n = h if axis == "y" else w
    values = [stop_at(stops, i / max(1, n - 1)) for i in range(n)]
    if isinstance(stops[0][1], (int, float)):
        line = Image.new("L", (1, n) if axis == "y" else (n, 1))
        line.putdata([clamp8(v) for v in values])
    else:
        line = Image.new("RGB", (1, n) if axis == "y" else (n, 1))
        line.putdata(values)
    return line.resize((w, h), NEAREST)


def field(size: tuple[int, int], fn: Callable[[float, float], float], step: int = 8) -> Image.Image:
    """An L image from fn(x, y) -> 0..1 over 0..1 coordinates, evaluated coarsely, smoothly upscaled."""
    w, h = size
    sw, sh = max(2, w // step), max(2, h // step)
    im = Image.new("L", (sw, sh))
    im.putdata([clamp8(255 * fn((x + 0.5) / sw, (y + 0.5) / sh)) for y in range(sh) for x in range(sw)])
    return im.resize((w, h), BICUBIC)


def noise(size: tuple[int, int], cell: float, rng: random.Random, stretch: float = 1.0) -> Image.Image:
    """Smooth value noise (L): random bytes on a coarse grid, upscaled bicubically."""
    w, h = size
    cx, cy = max(1.0, cell * stretch), max(1.0, cell)
    gw, gh = int(w / cx) + 4, int(h / cy) + 4
    small = Image.frombytes("L", (gw, gh), rng.randbytes(gw * gh))
    big = small.resize((int(gw * cx), int(gh * cy)), BICUBIC)
    ox, oy = int(cx * (1 + rng.random())), int(cy * (1 + rng.random()))
    return big.crop((ox, oy, ox + w, oy + h))


def fractal(size: tuple[int, int], cells: list[float], rng: random.Random,
            weights: list[float] | None = None, stretch: float = 1.0) -> Image.Image:
    weights = weights or [1.0 / (i + 1) for i in range(len(cells))]
    acc, total = None, 0.0
    for cell, weight in zip(cells, weights):
        layer = noise(size, cell, rng, stretch)
        total += weight
        acc = layer if acc is None else Image.blend(acc, layer, weight / total)
    assert acc is not None
    return stretch_l(acc)


def stretch_l(im: Image.Image, cutoff: float = 0.5) -> Image.Image:
    """Spread an L image over 0..255 (clipping a small share at each end)."""
    hist = im.histogram()
    total = sum(hist)
    lo, hi, seen = 0, 255, 0
    for i, n in enumerate(hist):
        seen += n
        if seen > total * cutoff / 100:
            lo = i
            break
    seen = 0
    for i in range(255, -1, -1):
        seen += hist[i]
        if seen > total * cutoff / 100:
            hi = i
            break
    span = max(1, hi - lo)
    return im.point([clamp8((i - lo) * 255 / span) for i in range(256)])


def curve(im: Image.Image, fn: Callable[[float], float]) -> Image.Image:
    """Map an L image through fn(0..1) -> 0..1."""
    return im.point([clamp8(255 * fn(i / 255)) for i in range(256)])


def gray3(im: Image.Image) -> Image.Image:
    return Image.merge("RGB", (im, im, im))


def multiply(img: Image.Image, factor: Image.Image) -> Image.Image:
    """Darken an RGB image by an L factor (255 = unchanged)."""
    return ImageChops.multiply(img, gray3(factor))


def screen(img: Image.Image, amount: Image.Image, color: Color = (255, 255, 255)) -> Image.Image:
    """Lighten an RGB image towards `color` by an L amount."""
    light = ImageChops.multiply(Image.new("RGB", img.size, color), gray3(amount))
    return ImageChops.screen(img, light)


def solid(size: tuple[int, int], color: Color) -> Image.Image:
    return Image.new("RGB", size, color)


def tint(mask: Image.Image, low: Color, high: Color) -> Image.Image:
    """Colour an L image: 0 -> low, 255 -> high."""
    return Image.merge("RGB", [mask.point([clamp8(low[c] + (high[c] - low[c]) * i / 255)
                                           for i in range(256)]) for c in range(3)])


def blur(im: Image.Image, radius: float) -> Image.Image:
    return im.filter(ImageFilter.GaussianBlur(radius)) if radius > 0 else im


def opacity(mask: Image.Image, alpha: float) -> Image.Image:
    return mask.point([clamp8(i * alpha) for i in range(256)])


def shrink(mask: Image.Image, radius: float) -> Image.Image:
    """Erode a mask by about `radius` pixels with soft edges."""
    return curve(blur(mask, radius), lambda v: min(1.0, max(0.0, (v - 0.82) / 0.12)))


def grow(mask: Image.Image, radius: float) -> Image.Image:
    return curve(blur(mask, radius), lambda v: min(1.0, v / 0.25))


# == shapes =======================================================================================

def ellipse_pts(cx: float, cy: float, rx: float, ry: float, a0: float = 0, a1: float = 360,
                n: int = 120, rot: float = 0.0) -> list[Point]:
    out = []
    cr, sr = math.cos(math.radians(rot)), math.sin(math.radians(rot))
    for i in range(n + 1):
        a = math.radians(a0 + (a1 - a0) * i / n)
        x, y = rx * math.cos(a), ry * math.sin(a)
        out.append((cx + x * cr - y * sr, cy + x * sr + y * cr))
    return out


def rotate_pts(pts: list[Point], angle: float, cx: float, cy: float) -> list[Point]:
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return [(cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c) for x, y in pts]


def bezier(p0: Point, p1: Point, p2: Point, p3: Point, n: int = 24) -> list[Point]:
    out = []
    for i in range(n + 1):
        t = i / n
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def blob_pts(cx: float, cy: float, r: float, rng: random.Random, wobble: float = 0.12,
             squash: float = 1.0, rot: float = 0.0, n: int = 90) -> list[Point]:
    """An irregular round outline (crackers, fruit, stones)."""
    k = [(rng.uniform(0, 6.3), rng.uniform(0.4, 1.0) / f) for f in (2, 3, 5, 7)]
    pts = []
    for i in range(n):
        a = 2 * math.pi * i / n
        rr = r * (1 + wobble * sum(amp * math.sin(f * a + ph) for (ph, amp), f in zip(k, (2, 3, 5, 7))) / 1.6)
        pts.append((rr * math.cos(a), rr * math.sin(a) * squash))
    return [(cx + x, cy + y) for x, y in rotate_pts(pts, rot, 0, 0)]


def poly_mask(size: tuple[int, int], pts: list[Point]) -> Image.Image:
    m = Image.new("L", size, 0)
    ImageDraw.Draw(m).polygon(pts, fill=255)
    return m


def ellipse_mask(size: tuple[int, int], box: tuple[float, float, float, float]) -> Image.Image:
    m = Image.new("L", size, 0)
    ImageDraw.Draw(m).ellipse(box, fill=255)
    return m


def thick_line(draw: ImageDraw.ImageDraw, pts: list[Point], fill: Any, width: float) -> None:
    draw.line(pts, fill=fill, width=max(1, int(width)), joint="curve")
    r = width / 2
    for x, y in (pts[0], pts[-1]):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)


# == layers: an object drawn on its own transparent image, then placed with its shadow ==========

def layer(fill: Image.Image, mask: Image.Image) -> Image.Image:
    out = fill.convert("RGBA")
    out.putalpha(mask)
    return out


def over(base: Image.Image, top: Image.Image, xy: tuple[int, int] = (0, 0)) -> Image.Image:
    """Composite an RGBA `top` onto RGBA/RGB `base` at xy (in place for RGBA, returns the result)."""
    if base.mode == "RGBA":
        base.alpha_composite(top, (int(xy[0]), int(xy[1])))
        return base
    base.paste(top, (int(xy[0]), int(xy[1])), top)
    return base


def cast_shadow(canvas: Image.Image, alpha: Image.Image, xy: tuple[float, float], offset: Point,
                radius: float, strength: float, color: Color = (25, 18, 12)) -> None:
    """Darken the canvas under a shape: its alpha, shifted, blurred and faded."""
    m = Image.new("L", canvas.size, 0)
    m.paste(alpha, (int(xy[0] + offset[0]), int(xy[1] + offset[1])))
    m = opacity(blur(m, radius), strength)
    canvas.paste(color, (0, 0, *canvas.size), m)


def soft_ellipse(canvas: Image.Image, box: tuple[float, float, float, float], radius: float,
                 strength: float, color: Color = (25, 18, 12)) -> None:
    """A soft contact shadow (or glow, with a light colour) under an object."""
    m = ellipse_mask(canvas.size, box)
    canvas.paste(color, (0, 0, *canvas.size), opacity(blur(m, radius), strength))


def place(canvas: Image.Image, obj: Image.Image, center: Point, shadow: tuple[float, float, float, float]
          | None = (0.02, 0.03, 0.025, 0.45), contact: float = 0.0) -> tuple[int, int]:
    """Put an RGBA object centred at `center`; shadow = (dx, dy, blur, strength) in object sizes."""
    x, y = int(center[0] - obj.width / 2), int(center[1] - obj.height / 2)
    s = max(obj.size)
    if shadow:
        dx, dy, r, k = shadow
        cast_shadow(canvas, obj.getchannel("A"), (x, y), (dx * s, dy * s), r * s, k)
    if contact:
        bottom = bbox_bottom(obj)
        w = obj.width
        soft_ellipse(canvas, (x + w * 0.12, y + bottom - s * 0.02, x + w * 0.92, y + bottom + s * 0.025),
                     s * 0.012, contact)
    over(canvas, obj, (x, y))
    return x, y


def bbox_bottom(obj: Image.Image) -> int:
    box = obj.getchannel("A").getbbox()
    return box[3] if box else obj.height


def volume(fill: Image.Image, mask: Image.Image, radius: float, edge: float = 0.55) -> Image.Image:
    """Round a flat fill: darker towards the silhouette's edge."""
    inner = blur(mask, radius)
    return multiply(fill, curve(inner, lambda v: edge + (1 - edge) * min(1.0, v * 1.6) ** 0.8))


def sheen(size: tuple[int, int], box: tuple[float, float, float, float], stops: list[tuple[float, float]],
          axis: str = "x") -> Image.Image:
    """An L factor image (255 = unchanged) with a gradient inside `box`, for cylinder shading."""
    out = Image.new("L", size, 255)
    x0, y0, x1, y1 = (int(v) for v in box)
    if x1 > x0 and y1 > y0:
        out.paste(gradient((x1 - x0, y1 - y0), [(t, 255 * v) for t, v in stops], axis), (x0, y0))
    return out


def highlight(fill: Image.Image, mask: Image.Image, box: tuple[float, float, float, float], radius: float,
              strength: float, color: Color = (255, 255, 255)) -> Image.Image:
    """A soft specular light clipped to mask."""
    spot = opacity(blur(ellipse_mask(fill.size, box), radius), strength)
    return screen(fill, ImageChops.multiply(spot, mask), color)


# == surfaces =====================================================================================

def wood(size: tuple[int, int], rng: random.Random, light: Color, dark: Color, planks: int = 0,
         rings: float = 7.0, vertical: bool = False) -> Image.Image:
    """Wood grain along x (or y), optionally in planks with dark seams."""
    w, h = (size[1], size[0]) if vertical else size
    streak = noise((w, h), h / 40, rng, stretch=14)
    warp = noise((w, h), h / 5, rng, stretch=3)
    phase = ImageChops.add_modulo(curve(streak, lambda v: (v * rings) % 1.0), opacity(warp, 0.5))
    grain = curve(phase, lambda v: 0.5 + 0.5 * math.cos(v * 2 * math.pi) ** 9 * 0.9)
    broad = noise((w, h), h / 3, rng, stretch=5)
    tone = Image.blend(grain, broad, 0.45)
    img = tint(tone, dark, light)
    fine = noise((w, h), 2.5, rng, stretch=12)
    img = multiply(img, curve(fine, lambda v: 0.94 + 0.06 * v))
    if planks:
        draw = ImageDraw.Draw(img)
        ph = h / planks
        for i in range(planks):
            f = 0.9 + 0.2 * rng.random()
            y0 = int(i * ph)
            box = (0, y0, w, int((i + 1) * ph))
            region = img.crop(box)
            img.paste(multiply(region, Image.new("L", region.size, clamp8(255 * min(1.0, f)))), box[:2])
            if i:
                draw.line([(0, y0), (w, y0)], fill=scale(dark, 0.45), width=max(2, int(h / 500)))
                draw.line([(0, y0 + 2), (w, y0 + 2)], fill=mix(light, (255, 255, 255), 0.2), width=1)
    return img.transpose(Image.Transpose.ROTATE_90) if vertical else img


def cloth_surface(size: tuple[int, int], rng: random.Random, base: Color, amount: float = 0.08) -> Image.Image:
    """Linen: fine thread noise and slow tone changes."""
    w, h = size
    threads_x = noise(size, 2, rng, stretch=40)
    threads_y = noise((h, w), 2, rng, stretch=40).transpose(Image.Transpose.ROTATE_90)
    t = Image.blend(threads_x, threads_y, 0.5)
    broad = noise(size, min(size) / 4, rng)
    img = multiply(solid(size, base), curve(t, lambda v: 1 - amount + amount * v))
    return multiply(img, curve(broad, lambda v: 0.93 + 0.07 * v))


def plaster(size: tuple[int, int], rng: random.Random, top: Color, bottom: Color, amount: float = 0.04) -> Image.Image:
    img = gradient(size, [(0, top), (1, bottom)])
    n = fractal(size, [min(size) / 3, min(size) / 12, 6], rng, [1, 0.5, 0.25])
    return multiply(img, curve(n, lambda v: 1 - amount + amount * v))


def studio(size: tuple[int, int], rng: random.Random, wall: tuple[Color, Color], table: Image.Image,
           horizon: float = 0.5, light: Point = (0.3, 0.15)) -> Image.Image:
    """A wall behind a table top; a soft pool of light on the wall."""
    w, h = size
    hy = int(h * horizon)
    canvas = plaster(size, rng, *wall)
    lx, ly = light
    glow = field(size, lambda x, y: max(0.0, 1 - ((x - lx) ** 2 + ((y - ly) * 0.8) ** 2) ** 0.5 * 1.3) ** 1.5)
    canvas = screen(canvas, opacity(glow, 0.35), (255, 248, 235))
    top = table.resize((w, h - hy), BICUBIC) if table.size != (w, h - hy) else table
    # the far part of the table is softer and a bit lighter (depth of field, light falloff)
    far = blur(top, min(size) * 0.004)
    depth = gradient(top.size, [(0, 255), (0.45, 0)])
    top = Image.composite(far, top, depth)
    top = multiply(top, gradient(top.size, [(0, 225), (0.25, 255), (1, 215)]))
    canvas.paste(top, (0, hy))
    # a soft shadow line where the wall meets the table
    edge = Image.new("L", size, 0)
    ImageDraw.Draw(edge).rectangle((0, hy - h * 0.01, w, hy + h * 0.004), fill=90)
    canvas.paste((20, 15, 10), (0, 0, w, h), blur(edge, h * 0.006))
    return canvas


def finish(canvas: Image.Image, final: tuple[int, int], rng: random.Random, vignette: float = 0.22,
           grain: float = 1.3, center: Point = (0.5, 0.5)) -> Image.Image:
    """Vignette, downscale with LANCZOS, film grain."""
    cx, cy = center
    if vignette:
        vig = field(canvas.size, lambda x, y: 1 - vignette * min(1.0, (((x - cx) * 1.1) ** 2 + ((y - cy) * 1.25) ** 2) * 1.6) ** 1.3)
        canvas = multiply(canvas, vig)
    img = canvas.resize(final, LANCZOS)
    if grain:
        w, h = final
        n = Image.frombytes("L", (w, h), rng.randbytes(w * h))
        n = n.filter(ImageFilter.GaussianBlur(0.55))
        mean, std = ImageStat.Stat(n).mean[0], ImageStat.Stat(n).stddev[0]
        n = n.point([clamp8(128 + (i - mean) * grain / max(1.0, std)) for i in range(256)])
        img = ImageChops.add(img, gray3(n), 1.0, -128)
    return img


# == fish and seafood =============================================================================

FISH = {
    # back, flank, belly, fins
    "bandeng": (hx("4a5f6e"), hx("9fb0ba"), hx("eef0ee"), hx("9c9f94")),
    "presto": (hx("8a5524"), hx("c98d40"), hx("ecc982"), hx("a86a2c")),
    "cakalang": (hx("2a1a14"), hx("5a3020"), hx("8c4a2a"), hx("3a2218")),
}


def fish_outline(length: float, depth: float, ox: float, cy: float, fork: float = 0.09) -> tuple[list[Point], list[Point], Callable[[float], tuple[float, float]]]:
    """Body and tail outlines of a fish facing left; and y(top), y(bottom) at a body fraction."""
    body_len = 0.8 * length

    def env(t: float) -> float:
        return (t ** 0.42) * ((1 - t) ** 0.62) / (0.4 ** 0.42 * 0.6 ** 0.62)

    def edges(t: float) -> tuple[float, float]:
        h = depth * (0.9 * env(t) + 0.1 * t ** 2)
        return cy - h * 1.02, cy + h * 0.92

    n = 80
    top = [(ox + body_len * i / n, edges(i / n)[0]) for i in range(n + 1)]
    bottom = [(ox + body_len * i / n, edges(i / n)[1]) for i in range(n + 1)]
    body = top + bottom[::-1]
    bx = ox + body_len
    py0, py1 = edges(1.0)
    tip = depth * 1.15
    tail = (bezier((bx - length * 0.02, py0), (bx + length * 0.06, py0 - depth * 0.2),
                   (bx + length * 0.14, cy - tip * 0.8), (ox + length, cy - tip))
            + bezier((ox + length, cy - tip), (ox + length * 0.97, cy - tip * 0.5),
                     (bx + length * fork * 1.2, cy - depth * 0.1), (bx + length * fork, cy))
            + bezier((bx + length * fork, cy), (bx + length * fork * 1.2, cy + depth * 0.1),
                     (ox + length * 0.97, cy + tip * 0.5), (ox + length, cy + tip))
            + bezier((ox + length, cy + tip), (bx + length * 0.14, cy + tip * 0.8),
                     (bx + length * 0.06, py1 + depth * 0.2), (bx - length * 0.02, py1)))

    def at(t: float) -> tuple[float, float]:
        return edges(t)

    return body, tail, at


def tail_rays(size: tuple[int, int], tail: list[Point], ox: float, cy: float, length: float, depth: float,
              color: Color) -> Image.Image:
    """Fin rays fanning out over a tail, clipped to it."""
    rays = Image.new("L", size, 0)
    d = ImageDraw.Draw(rays)
    for k in range(-10, 11):
        d.line([(ox + 0.79 * length, cy + k * depth * 0.01), (ox + length * 1.02, cy + k * depth * 0.13)], fill=200,
               width=max(1, int(length / 500)))
    rays = ImageChops.multiply(blur(rays, 0.8), shrink(poly_mask(size, tail), length * 0.004))
    out = Image.new("RGBA", size, (*color, 0))
    out.putalpha(rays)
    return out


def fish_layer(length: float, kind: str, rng: random.Random, glossy: float = 0.35) -> Image.Image:
    """A whole fish seen from the side, head to the left, with scales, fins and an eye."""
    back, flank, belly, fin = FISH[kind]
    depth = length * (0.135 if kind != "cakalang" else 0.165)
    w, h = int(length * 1.04), int(depth * 2.7)
    ox, cy = length * 0.02, h / 2
    body, tail, at = fish_outline(length, depth, ox, cy)
    size = (w, h)
    out = Image.new("RGBA", size, (0, 0, 0, 0))

    # fins behind the body
    fins = Image.new("RGBA", size, (0, 0, 0, 0))
    fd = ImageDraw.Draw(fins)
    fin_c = (*fin, 230)
    ray = (*scale(fin, 0.75), 200)

    def fin_shape(t0: float, t1: float, height: float, up: bool) -> None:
        y0 = at(t0)[0 if up else 1]
        y1 = at(t1)[0 if up else 1]
        x0, x1 = ox + 0.8 * length * t0, ox + 0.8 * length * t1
        s = -1 if up else 1
        tipx, tipy = x0 + (x1 - x0) * 0.25, (y0 + y1) / 2 + s * height
        pts = [(x0, y0 - s * depth * 0.1)] + bezier((x0, y0), (x0, y0 + s * height * 0.6), (tipx - (x1 - x0) * 0.1, tipy),
                                                  (tipx, tipy), 12) + bezier((tipx, tipy), (tipx + (x1 - x0) * 0.4, tipy - s * height * 0.3), (x1, y1 + s * height * 0.2), (x1, y1), 12) + [(x1, y1 - s * depth * 0.1)]
        fd.polygon(pts, fill=fin_c)
        for k in range(1, 7):
            bx = x0 + (x1 - x0) * k / 7
            ex = tipx + (x1 - tipx) * (k / 7) ** 1.5
            ey = tipy + (y1 + s * height * 0.2 - tipy) * (k / 7) ** 1.2
            fd.line([(bx, y0 + (y1 - y0) * k / 7), (ex, ey)], fill=ray, width=max(1, int(length / 500)))

    fin_shape(0.42, 0.56, depth * 0.75, True)
    fin_shape(0.62, 0.7, depth * 0.45, False)
    fin_shape(0.47, 0.54, depth * 0.4, False)
    fd.polygon(tail, fill=(*fin, 245))
    out.alpha_composite(fins)
    out.alpha_composite(tail_rays(size, tail, ox, cy, length, depth, scale(fin, 0.72)))

    # the body: back-to-belly gradient, scales, a rounded look
    mask = poly_mask(size, body)
    ys = [y for _, y in body]
    y0, y1 = min(ys), max(ys)
    fill = Image.new("RGB", size, belly)
    fill.paste(gradient((w, int(y1 - y0) + 1), [(0, back), (0.35, mix(back, flank, 0.6)), (0.55, flank), (0.8, belly), (1, belly)]),
               (0, int(y0)))
    fill = multiply(fill, curve(noise(size, depth * 0.25, rng), lambda v: 0.9 + 0.1 * v))
    scales = Image.new("L", size, 0)
    sd = ImageDraw.Draw(scales)
    step = depth * 0.16
    for row in range(-1, int((y1 - y0) / (step * 0.6)) + 2):
        yy = y0 + row * step * 0.6
        for col in range(int(length / step) + 2):
            xx = ox + length * 0.17 + col * step + (step / 2 if row % 2 else 0)
            sd.arc((xx - step * 0.7, yy - step * 0.55, xx + step * 0.3, yy + step * 0.55), -70, 70, fill=255,
                   width=max(1, int(step * 0.09)))
    scales = ImageChops.multiply(blur(scales, step * 0.04), mask)
    fill = multiply(fill, curve(scales, lambda v: 1 - 0.22 * v))
    fill = screen(fill, opacity(ImageChops.multiply(blur(scales, step * 0.05), ImageChops.offset(mask, 0, 0)), 0.1))
    # lateral line and gill cover
    gill = Image.new("L", size, 0)
    gd = ImageDraw.Draw(gill)
    gx = ox + length * 0.19
    gd.arc((gx - depth * 0.9, cy - depth * 0.75, gx, cy + depth * 0.75), -60, 65, fill=255, width=max(2, int(depth * 0.035)))
    gd.line([(gx, cy - depth * 0.18)] + [(ox + length * 0.8 * t, cy - depth * 0.18 - depth * 0.1 * math.sin(math.pi * t))
                                         for t in (0.3, 0.5, 0.7, 0.9, 1.0)], fill=140, width=max(1, int(depth * 0.018)))
    fill = multiply(fill, curve(blur(gill, depth * 0.015), lambda v: 1 - 0.45 * v))
    head = ellipse_mask(size, (ox - depth * 0.2, cy - depth, gx, cy + depth))
    fill = multiply(fill, curve(ImageChops.multiply(blur(head, depth * 0.2), mask), lambda v: 1 - 0.08 * v))
    fill = volume(fill, mask, depth * 0.35, 0.58)
    fill = highlight(fill, mask, (ox + length * 0.12, cy - depth * 0.62, ox + length * 0.72, cy - depth * 0.28),
                     depth * 0.16, glossy)
    out.alpha_composite(layer(fill, mask))

    # pectoral fin over the body, eye, mouth
    front = ImageDraw.Draw(out)
    px, py = gx + depth * 0.08, cy + depth * 0.25
    pect = bezier((px, py), (px + depth * 0.3, py - depth * 0.12), (px + depth * 0.8, py + depth * 0.02), (px + depth * 0.95, py + depth * 0.22), 16) \
        + bezier((px + depth * 0.95, py + depth * 0.22), (px + depth * 0.6, py + depth * 0.3), (px + depth * 0.2, py + depth * 0.3), (px, py + depth * 0.14), 16)
    front.polygon(pect, fill=(*scale(fin, 1.05), 150))
    for k in range(5):
        front.line([(px + depth * 0.02, py + depth * (0.02 + k * 0.025)), (px + depth * (0.9 - k * 0.08), py + depth * (0.2 + k * 0.02))],
                   fill=(*scale(fin, 0.8), 120), width=max(1, int(depth * 0.015)))
    ex, ey, er = ox + length * 0.07, cy - depth * 0.18, depth * 0.2
    front.ellipse((ex - er * 1.2, ey - er * 1.2, ex + er * 1.2, ey + er * 1.2), fill=(*mix(flank, belly, 0.4), 200))
    front.ellipse((ex - er, ey - er, ex + er, ey + er), fill=(*mix(belly, (200, 170, 90), 0.4), 255))
    front.ellipse((ex - er * 0.62, ey - er * 0.62, ex + er * 0.62, ey + er * 0.62), fill=(15, 14, 16, 255))
    front.ellipse((ex - er * 0.35, ey - er * 0.5, ex - er * 0.05, ey - er * 0.2), fill=(255, 255, 255, 220))
    front.line([(ox + depth * 0.05, cy + depth * 0.05), (ox + depth * 0.3, cy + depth * 0.12)], fill=(*scale(back, 0.6), 200),
               width=max(1, int(depth * 0.03)))
    return out


def split_fish_layer(length: float, flesh: Color, skin: Color, rng: random.Random, smoked: bool = False) -> Image.Image:
    """A fish opened flat like a book (seen from above): flesh with muscle lines and a skin rim."""
    half = length * (0.2 if not smoked else 0.24)
    w, h = int(length * 1.04), int(half * 2.9)
    ox, cy = length * 0.02, h / 2
    size = (w, h)
    body, tail, at = fish_outline(length, half, ox, cy, fork=0.07)
    # make it symmetric: the outline's top edge mirrored
    n = len(body) // 2
    top = body[:n]
    body = top + [(x, 2 * cy - y) for x, y in top[::-1]]
    # the split head: a notch at the nose
    nose = [(ox + length * 0.0, cy - half * 0.25), (ox + length * 0.06, cy), (ox, cy + half * 0.25)]
    out = Image.new("RGBA", size, (0, 0, 0, 0))
    fins = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(fins).polygon(tail, fill=(*scale(skin, 0.85), 240))
    out.alpha_composite(fins)
    out.alpha_composite(tail_rays(size, tail, ox, cy, length, half, scale(skin, 0.6)))
    mask = poly_mask(size, body)
    ImageDraw.Draw(mask).polygon(nose, fill=0)
    rim = shrink(mask, half * (0.09 if not smoked else 0.12))
    skin_fill = gradient(size, [(0.25, scale(skin, 0.8)), (0.5, skin), (0.75, scale(skin, 0.8))])
    skin_fill = highlight(skin_fill, mask, (ox + length * 0.1, cy - half * 1.2, ox + length * 0.7, cy - half * 0.6), half * 0.2, 0.5)
    fl = gradient(size, [(0.2, mix(flesh, (255, 255, 255), 0.12)), (0.5, flesh), (0.8, scale(flesh, 0.9))])
    tex = fractal(size, [half * 0.5, half * 0.15, 3], rng, [1, 0.6, 0.3])
    fl = multiply(fl, curve(tex, lambda v: 0.86 + 0.14 * v))
    lines = Image.new("L", size, 0)
    ld = ImageDraw.Draw(lines)
    for k in range(16):
        x = ox + length * (0.16 + k * 0.04)
        for sgn in (-1, 1):
            hh = (at(min(1.0, (x - ox) / (0.8 * length)))[1] - cy) * 0.95
            pts = [(x, cy + sgn * hh * 0.05), (x - half * 0.22, cy + sgn * hh * 0.3), (x + half * 0.05, cy + sgn * hh * 0.6),
                   (x - half * 0.15, cy + sgn * hh * 0.95)]
            ld.line(pts, fill=255, width=max(2, int(half * 0.025)), joint="curve")
    fl = multiply(fl, curve(blur(ImageChops.multiply(lines, rim), half * 0.01), lambda v: 1 - (0.28 if smoked else 0.1) * v))
    groove = Image.new("L", size, 0)
    ImageDraw.Draw(groove).line([(ox + length * 0.12, cy), (ox + length * 0.78, cy)], fill=255, width=max(2, int(half * 0.06)))
    fl = multiply(fl, curve(blur(groove, half * 0.03), lambda v: 1 - 0.3 * v))
    if smoked:  # dark, glossy, darker towards the edges, sooty in patches
        fl = multiply(fl, curve(blur(rim, half * 0.3), lambda v: 0.3 + 0.7 * v ** 0.8))
        soot = curve(fractal(size, [half * 0.4, half * 0.12], rng), lambda v: max(0.0, v - 0.45) * 1.4)
        fl = Image.composite(solid(size, (40, 22, 14)), fl, soot)
    fill = Image.composite(fl, skin_fill, rim)
    fill = volume(fill, mask, half * 0.12, 0.7)
    fill = highlight(fill, rim, (ox + length * 0.25, cy - half * 0.55, ox + length * 0.65, cy - half * 0.2), half * 0.15,
                     0.35 if smoked else 0.18)
    out.alpha_composite(layer(fill, mask))
    return out


def banana_leaf(size: tuple[int, int], rng: random.Random, angle: float = -20, green: Color = hx("3f7d2c")) -> Image.Image:
    """A long banana leaf (RGBA) with a midrib and fine parallel veins."""
    w, h = size
    leaf = Image.new("RGB", (w * 2, h * 2), green)
    tone = noise(leaf.size, h * 0.3, rng, stretch=0.3)
    leaf = multiply(leaf, curve(tone, lambda v: 0.85 + 0.2 * v))
    veins = Image.new("L", leaf.size, 0)
    vd = ImageDraw.Draw(veins)
    step = max(3, h / 70)
    x = 0.0
    while x < leaf.width:
        vd.line([(x, 0), (x + leaf.height * 0.35, leaf.height)], fill=150 + rng.randrange(100), width=max(1, int(step * 0.25)))
        x += step * rng.uniform(0.6, 1.4)
    leaf = multiply(leaf, curve(veins, lambda v: 1 - 0.18 * v))
    leaf = screen(leaf, curve(ImageChops.offset(veins, 2, 0), lambda v: 0.1 * v))
    mid = Image.new("L", leaf.size, 0)
    ImageDraw.Draw(mid).line([(0, leaf.height / 2), (leaf.width, leaf.height / 2)], fill=255, width=int(h * 0.035))
    leaf = screen(leaf, opacity(blur(mid, h * 0.006), 0.45), (230, 240, 170))
    mask = Image.new("L", leaf.size, 0)
    pts = [(0, leaf.height / 2)]
    for i in range(41):
        t = i / 40
        half = leaf.height * 0.42 * (math.sin(math.pi * t) ** 0.35) * (1 - 0.2 * t)
        pts.append((leaf.width * t, leaf.height / 2 - half + rng.uniform(-1, 1) * h * 0.01))
    for i in range(40, -1, -1):
        t = i / 40
        half = leaf.height * 0.42 * (math.sin(math.pi * t) ** 0.35) * (1 - 0.2 * t)
        pts.append((leaf.width * t, leaf.height / 2 + half + rng.uniform(-1, 1) * h * 0.01))
    ImageDraw.Draw(mask).polygon(pts, fill=255)
    # a few tears along the veins, as real leaves have
    td = ImageDraw.Draw(mask)
    for _ in range(4):
        x = rng.uniform(0.2, 0.8) * leaf.width
        side = rng.choice((0.06, 0.94))
        td.line([(x, leaf.height * side), (x + leaf.height * 0.12, leaf.height * (0.3 if side < 0.5 else 0.7))], fill=0,
                width=max(2, int(h * 0.004)))
    leaf = volume(leaf, mask, h * 0.05, 0.8)
    out = layer(leaf, mask).resize((w, h), LANCZOS)
    return out.rotate(angle, BICUBIC, expand=True)


# == tableware ====================================================================================

def plate_layer(rx: float, ry: float, color: Color = (246, 244, 238), rim: Color | None = None) -> Image.Image:
    """A round plate seen from above (ry < rx tilts it): a rim, a well and a soft shine."""
    w, h = int(rx * 2 + 4), int(ry * 2 + 4)
    size = (w, h)
    cx, cy = w / 2, h / 2
    mask = ellipse_mask(size, (cx - rx, cy - ry, cx + rx, cy + ry))
    fill = solid(size, color)
    well = ellipse_mask(size, (cx - rx * 0.74, cy - ry * 0.74, cx + rx * 0.74, cy + ry * 0.74))
    # the well's edge: a shadow on the light-facing side, light on the other
    edge = ImageChops.subtract(blur(well, rx * 0.03), blur(well, rx * 0.09))
    fill = multiply(fill, curve(ImageChops.offset(edge, int(-rx * 0.015), int(-ry * 0.02)), lambda v: 1 - 0.5 * v))
    fill = multiply(fill, curve(blur(well, rx * 0.12), lambda v: 1 - 0.05 * v))
    if rim:
        ring = ImageChops.subtract(ellipse_mask(size, (cx - rx * 0.95, cy - ry * 0.95, cx + rx * 0.95, cy + ry * 0.95)),
                                   ellipse_mask(size, (cx - rx * 0.92, cy - ry * 0.92, cx + rx * 0.92, cy + ry * 0.92)))
        fill = Image.composite(solid(size, rim), fill, blur(ring, 1.5))
    fill = volume(fill, mask, rx * 0.03, 0.8)
    fill = highlight(fill, mask, (cx - rx * 0.9, cy - ry * 0.95, cx - rx * 0.1, cy - ry * 0.55), rx * 0.08, 0.35)
    return layer(fill, mask)


def lime_half(r: float, rng: random.Random) -> Image.Image:
    size = (int(r * 2 + 4),) * 2
    c = size[0] / 2
    out = Image.new("RGBA", size, (0, 0, 0, 0))
    d = ImageDraw.Draw(out)
    d.ellipse((c - r, c - r, c + r, c + r), fill=(86, 140, 40, 255))
    d.ellipse((c - r * 0.9, c - r * 0.9, c + r * 0.9, c + r * 0.9), fill=(236, 240, 200, 255))
    d.ellipse((c - r * 0.84, c - r * 0.84, c + r * 0.84, c + r * 0.84), fill=(196, 214, 110, 255))
    for k in range(10):
        a0 = k * 36 + 3
        d.pieslice((c - r * 0.8, c - r * 0.8, c + r * 0.8, c + r * 0.8), a0, a0 + 30, fill=(182, 204, 84, 255))
    d.ellipse((c - r * 0.12, c - r * 0.12, c + r * 0.12, c + r * 0.12), fill=(230, 236, 190, 255))
    for k in range(10):
        a = math.radians(k * 36 + 18)
        d.line([(c, c), (c + r * 0.82 * math.cos(a), c + r * 0.82 * math.sin(a))], fill=(232, 238, 190, 255), width=max(1, int(r * 0.04)))
    rgb = out.convert("RGB")
    mask = out.getchannel("A")
    rgb = highlight(rgb, mask, (c - r * 0.7, c - r * 0.7, c, c - r * 0.1), r * 0.2, 0.3)
    return layer(rgb, mask)


def chili(length: float, rng: random.Random, red: Color = (196, 30, 24)) -> Image.Image:
    w, h = int(length * 1.15), int(length * 0.4)
    size = (w, h)
    bend = rng.uniform(0.1, 0.25) * h
    top, bottom = [], []
    for i in range(41):
        t = i / 40
        x = length * 0.1 + length * t
        yc = h / 2 + bend * math.sin(math.pi * t) - bend / 2
        r = length * 0.07 * (1 - t) ** 0.7 * (min(1.0, t * 6) ** 0.5 if t > 0 else 0.3) + 1
        top.append((x, yc - r))
        bottom.append((x, yc + r))
    mask = poly_mask(size, top + bottom[::-1])
    fill = volume(solid(size, red), mask, length * 0.03, 0.55)
    fill = highlight(fill, mask, (length * 0.2, h / 2 - length * 0.08, length * 0.8, h / 2 - length * 0.02), length * 0.015, 0.55)
    out = layer(fill, mask)
    d = ImageDraw.Draw(out)
    d.line([(length * 0.12, h / 2 - bend / 2), (length * 0.03, h / 2 - bend / 2 - length * 0.05)], fill=(70, 110, 40, 255),
           width=max(2, int(length * 0.035)))
    d.ellipse((length * 0.07, h / 2 - bend / 2 - length * 0.06, length * 0.17, h / 2 - bend / 2 + length * 0.06), fill=(80, 120, 45, 255))
    return out


def vacuum_pack(content: Image.Image, rng: random.Random, frost: float = 0.0, label: Color = (180, 38, 40)) -> Image.Image:
    """A clear vacuum bag around `content` (RGBA): sealed crimped ends, shine, wrinkles, a sticker."""
    cw, ch = content.size
    w, h = int(cw * 1.12), int(ch * 1.35)
    size = (w, h)
    out = Image.new("RGBA", size, (0, 0, 0, 0))
    body = Image.new("L", size, 0)
    ImageDraw.Draw(body).rounded_rectangle((0, 0, w - 1, h - 1), radius=int(h * 0.06), fill=255)
    # the bag hugs the content: clear plastic, lighter where it is folded around it
    film = Image.new("RGBA", size, (238, 242, 245, 70))
    out.alpha_composite(layer(film.convert("RGB"), opacity(body, 0.32)))
    out.alpha_composite(content, ((w - cw) // 2, (h - ch) // 2))
    seal = int(w * 0.05)
    sd = ImageDraw.Draw(out)
    for x0 in (0, w - seal):
        sd.rectangle((x0, 0, x0 + seal, h), fill=(250, 250, 252, 120))
        for k in range(0, h, max(3, int(h * 0.012))):
            sd.line([(x0 + 2, k), (x0 + seal - 2, k)], fill=(200, 205, 210, 110), width=1)
    # shine and wrinkles
    shine = Image.new("L", size, 0)
    dr = ImageDraw.Draw(shine)
    for _ in range(9):
        x = rng.uniform(0.1, 0.9) * w
        y = rng.uniform(0.05, 0.95) * h
        dx = rng.uniform(0.05, 0.25) * w
        dr.line(bezier((x, y), (x + dx * 0.3, y - h * 0.05), (x + dx * 0.7, y + h * 0.05), (x + dx, y), 12),
                fill=rng.randrange(120, 255), width=max(2, int(h * 0.012)))
    dr.rounded_rectangle((w * 0.1, h * 0.06, w * 0.75, h * 0.16), radius=int(h * 0.05), fill=200)
    shine = ImageChops.multiply(blur(shine, h * 0.008), body)
    white = Image.new("RGBA", size, (255, 255, 255, 0))
    white.putalpha(opacity(shine, 0.55))
    out.alpha_composite(white)
    if frost:
        specks = curve(noise(size, 1.5, rng), lambda v: max(0.0, (v - 0.55) * 2.2))
        cloud = curve(noise(size, h * 0.15, rng), lambda v: v)
        fm = ImageChops.multiply(ImageChops.multiply(specks, cloud), body)
        fr = Image.new("RGBA", size, (245, 250, 255, 0))
        fr.putalpha(opacity(fm, frost))
        out.alpha_composite(fr)
    # a blank round sticker with a fish mark
    r = h * 0.14
    sx, sy = w * 0.78, h * 0.27
    sd.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(*label, 250))
    sd.ellipse((sx - r * 0.84, sy - r * 0.84, sx + r * 0.84, sy + r * 0.84), outline=(250, 240, 220, 255), width=max(2, int(r * 0.06)))
    fish_mark(sd, sx, sy, r * 1.1, (250, 240, 220, 255))
    return out


def fish_mark(d: ImageDraw.ImageDraw, cx: float, cy: float, s: float, fill: Any) -> None:
    """A simple fish glyph, for stickers and logos."""
    body = ellipse_pts(cx - s * 0.08, cy, s * 0.38, s * 0.17, n=60)
    d.polygon(body, fill=fill)
    d.polygon([(cx + s * 0.22, cy), (cx + s * 0.45, cy - s * 0.18), (cx + s * 0.4, cy), (cx + s * 0.45, cy + s * 0.18)], fill=fill)


# == products: fish ===============================================================================

def canvas_size(final: tuple[int, int]) -> tuple[int, int]:
    return final[0] * SS, final[1] * SS


def p_bandeng_presto(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = wood(size, rng, hx("c49a6c"), hx("8a5f3a"), planks=5)
    canvas = screen(canvas, opacity(field(size, lambda x, y: max(0.0, 1 - math.hypot(x - 0.3, y - 0.2))), 0.25), (255, 240, 220))
    back = vacuum_pack(fish_layer(W * 0.5, "presto", rng), rng, label=(30, 110, 70))
    place(canvas, back.rotate(7, BICUBIC, expand=True), (W * 0.44, H * 0.42), (0.01, 0.02, 0.015, 0.35))
    front = vacuum_pack(fish_layer(W * 0.52, "presto", rng), rng)
    place(canvas, front.rotate(-5, BICUBIC, expand=True), (W * 0.54, H * 0.68), (0.01, 0.02, 0.015, 0.4))
    place(canvas, lime_half(W * 0.045, rng), (W * 0.12, H * 0.84), (0.03, 0.05, 0.05, 0.35))
    place(canvas, chili(W * 0.12, rng).rotate(30, BICUBIC, expand=True), (W * 0.88, H * 0.25), (0.02, 0.04, 0.04, 0.3))
    return finish(canvas, final, rng)


def p_bandeng_kemasan(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = cloth_surface((W, H), rng, hx("b9c7cc"))
    canvas = studio(size, rng, (hx("e8eef0"), hx("d3dde0")), table, horizon=0.12)
    for i, (x, y, a) in enumerate(((0.36, 0.36, 8), (0.6, 0.5, -3), (0.46, 0.72, 4))):
        pack = vacuum_pack(split_fish_layer(W * 0.42, hx("e9c8b8"), hx("7d8f99"), rng), rng, frost=0.5,
                           label=(30, 90, 150))
        place(canvas, pack.rotate(a, BICUBIC, expand=True), (W * x, H * y), (0.01, 0.02, 0.015, 0.35))
    return finish(canvas, final, rng)


def p_bandeng_tanpa_duri(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = wood(size, rng, hx("9b6b43"), hx("5e3b22"), planks=5, vertical=True)
    leaf = banana_leaf((int(W * 0.95), int(H * 0.5)), rng, angle=-18)
    place(canvas, leaf, (W * 0.42, H * 0.55), (0.01, 0.015, 0.01, 0.35))
    plate = plate_layer(W * 0.34, H * 0.4)
    place(canvas, plate, (W * 0.5, H * 0.5), (0.015, 0.025, 0.02, 0.45))
    for y, a in ((0.37, 4), (0.63, -3)):
        f = split_fish_layer(W * 0.52, hx("eac9b4"), hx("8a9aa3"), rng).rotate(a, BICUBIC, expand=True)
        place(canvas, f, (W * 0.5, H * y), (0.005, 0.01, 0.008, 0.35))
    place(canvas, lime_half(W * 0.04, rng), (W * 0.86, H * 0.18), (0.03, 0.05, 0.05, 0.35))
    place(canvas, lime_half(W * 0.035, rng), (W * 0.92, H * 0.27), (0.03, 0.05, 0.05, 0.35))
    for x, y, a in ((0.1, 0.82, 60), (0.14, 0.88, 40), (0.9, 0.84, -20)):
        place(canvas, chili(W * 0.1, rng).rotate(a, BICUBIC, expand=True), (W * x, H * y), (0.02, 0.04, 0.04, 0.3))
    return finish(canvas, final, rng)


# == products: shredded fish, crackers, otak-otak, smoked skipjack ================================

def floss(size: tuple[int, int], rng: random.Random, base: Color, density: float = 1.0) -> Image.Image:
    """Shredded fish (abon): a heap of short curly fibres in browns."""
    w, h = size
    img = multiply(solid(size, scale(base, 0.75)), curve(noise(size, 3, rng), lambda v: 0.75 + 0.25 * v))
    d = ImageDraw.Draw(img)
    n = int(w * h / 90 * density)
    lw = max(1, int(min(w, h) / 260))
    for _ in range(n):
        x, y = rng.uniform(-10, w + 10), rng.uniform(-10, h + 10)
        a = rng.uniform(0, 2 * math.pi)
        seg = rng.uniform(3, 7) * lw
        pts = [(x, y)]
        for _ in range(rng.randrange(3, 7)):
            a += rng.uniform(-0.9, 0.9)
            x, y = x + seg * math.cos(a), y + seg * math.sin(a)
            pts.append((x, y))
        f = rng.uniform(0.6, 1.35)
        d.line(pts, fill=scale(base, f), width=lw + rng.randrange(2))
    return img.filter(ImageFilter.GaussianBlur(0.6))


def jar_layer(w: float, h: float, rng: random.Random, content: Color, lid: Color, band: Color,
              label: Color = (244, 236, 214)) -> Image.Image:
    """A glass jar full of abon, a ribbed lid, a label band around it with a fish emblem (no text)."""
    size = (int(w), int(h))
    out = Image.new("RGBA", size, (0, 0, 0, 0))
    lid_h = h * 0.15
    body = (w * 0.02, lid_h * 0.85, w * 0.98, h - 1)
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).rounded_rectangle(body, radius=int(w * 0.12), fill=255)
    inner = shrink(mask, w * 0.03)
    stuff = Image.new("L", size, 0)
    ImageDraw.Draw(stuff).rectangle((0, lid_h * 1.25, w, h), fill=255)
    inner = ImageChops.multiply(inner, stuff)
    glass = solid(size, (205, 212, 210))
    fill = Image.composite(floss(size, rng, content), glass, inner)
    # the label band
    by0, by1 = h * 0.44, h * 0.8
    band_mask = Image.new("L", size, 0)
    bd = ImageDraw.Draw(band_mask)
    bd.rectangle((0, by0, w, by1), fill=255)
    band_mask = ImageChops.multiply(band_mask, mask)
    lab = solid(size, label)
    ld = ImageDraw.Draw(lab)
    ld.rectangle((0, by0, w, by0 + h * 0.05), fill=band)
    ld.rectangle((0, by1 - h * 0.05, w, by1), fill=band)
    ld.rectangle((0, by0 + h * 0.06, w, by0 + h * 0.068), fill=scale(band, 1.2))
    ld.rectangle((0, by1 - h * 0.068, w, by1 - h * 0.06), fill=scale(band, 1.2))
    cx, cy, r = w / 2, (by0 + by1) / 2, (by1 - by0) * 0.3
    ld.ellipse((cx - r, cy - r, cx + r, cy + r), fill=band)
    ld.ellipse((cx - r * 0.86, cy - r * 0.86, cx + r * 0.86, cy + r * 0.86), outline=label, width=max(2, int(r * 0.06)))
    fish_mark(ld, cx, cy, r * 1.25, label)
    for k in (-1, 1):  # a pair of leaf sprigs beside the emblem
        for j in range(3):
            lx = cx + k * r * (1.35 + j * 0.35)
            ld.ellipse((lx - r * 0.16, cy - r * 0.3 + j * r * 0.08, lx + r * 0.16, cy + r * 0.05 + j * r * 0.08), fill=band)
    fill = Image.composite(lab, fill, band_mask)
    # glass: cylinder light and a tall reflection
    fill = multiply(fill, sheen(size, (0, 0, w, h), [(0, 0.5), (0.15, 0.9), (0.32, 1.0), (0.7, 0.88), (1, 0.45)]))
    fill = highlight(fill, mask, (w * 0.14, h * 0.2, w * 0.22, h * 0.95), w * 0.02, 0.6)
    fill = highlight(fill, mask, (w * 0.8, h * 0.25, w * 0.84, h * 0.9), w * 0.015, 0.25)
    alpha = ImageChops.lighter(opacity(mask, 0.88), ImageChops.lighter(inner, band_mask))
    out.alpha_composite(layer(fill, alpha))
    # the lid, ribbed
    lmask = Image.new("L", size, 0)
    ImageDraw.Draw(lmask).rounded_rectangle((w * 0.06, 0, w * 0.94, lid_h), radius=int(w * 0.04), fill=255)
    lfill = solid(size, lid)
    rd = ImageDraw.Draw(lfill)
    for k in range(60):
        x = w * 0.06 + (w * 0.88) * k / 60
        rd.line([(x, 0), (x, lid_h)], fill=scale(lid, 0.82), width=max(1, int(w / 160)))
    lfill = multiply(lfill, sheen(size, (w * 0.06, 0, w * 0.94, lid_h), [(0, 0.45), (0.25, 1.0), (0.6, 0.85), (1, 0.4)]))
    lfill = highlight(lfill, lmask, (w * 0.15, lid_h * 0.1, w * 0.45, lid_h * 0.35), w * 0.02, 0.5)
    ImageDraw.Draw(lfill).rectangle((0, lid_h - h * 0.012, w, lid_h), fill=scale(lid, 0.6))
    out.alpha_composite(layer(lfill, lmask))
    return out


def wooden_spoon(length: float, rng: random.Random, heap: Color | None = None) -> Image.Image:
    """A wooden spoon lying flat, bowl to the left, optionally heaped with abon."""
    w, h = int(length), int(length * 0.3)
    size = (w, h)
    mask = Image.new("L", size, 0)
    d = ImageDraw.Draw(mask)
    br = h * 0.42
    d.ellipse((w * 0.01, h / 2 - br * 0.78, w * 0.01 + br * 2.2, h / 2 + br * 0.78), fill=255)
    d.polygon([(br * 2.0, h / 2 - h * 0.06), (w * 0.99, h / 2 - h * 0.09), (w * 0.99, h / 2 + h * 0.09), (br * 2.0, h / 2 + h * 0.06)], fill=255)
    d.ellipse((w * 0.97 - h * 0.09, h / 2 - h * 0.09, w * 0.99 + h * 0.02, h / 2 + h * 0.09), fill=255)
    fill = wood(size, rng, hx("c99a62"), hx("9a6a3c"), rings=4)
    fill = volume(fill, mask, h * 0.05, 0.6)
    bowl = ellipse_mask(size, (w * 0.01 + br * 0.25, h / 2 - br * 0.55, w * 0.01 + br * 1.95, h / 2 + br * 0.55))
    fill = multiply(fill, curve(blur(bowl, h * 0.04), lambda v: 1 - 0.25 * v))
    if heap:
        hm = ellipse_mask(size, (w * 0.01 + br * 0.3, h / 2 - br * 0.5, w * 0.01 + br * 1.9, h / 2 + br * 0.5))
        fill = Image.composite(volume(floss(size, rng, heap, 1.5), hm, h * 0.05, 0.65), fill, blur(hm, 1.5))
    fill = highlight(fill, mask, (br * 2.2, h * 0.4, w * 0.9, h * 0.47), h * 0.02, 0.3)
    return layer(fill, mask)


def heap_layer(r: float, rng: random.Random, color: Color) -> Image.Image:
    size = (int(r * 2.4), int(r * 1.4))
    pts = blob_pts(size[0] / 2, size[1] / 2, r, rng, 0.1, 0.5)
    mask = blur(poly_mask(size, pts), r * 0.015)
    fill = volume(floss(size, rng, color, 1.4), mask, r * 0.12, 0.6)
    return layer(fill, mask)


def abon(final: tuple[int, int], rng: random.Random, content: Color, lid: Color, band: Color, wall: tuple[Color, Color],
         spoon: bool) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, int(H * 0.5)), rng, hx("c59b70"), hx("8d6441"), planks=2)
    canvas = studio(size, rng, wall, table, horizon=0.56, light=(0.25, 0.2))
    jw, jh = W * 0.3, H * 0.6
    jar = jar_layer(jw, jh, rng, content, lid, band)
    jx, jy = W * (0.42 if spoon else 0.5), H * 0.86 - jh / 2
    soft_ellipse(canvas, (jx - jw * 0.48, jy + jh / 2 - H * 0.02, jx + jw * 0.56, jy + jh / 2 + H * 0.025), W * 0.008, 0.6)
    place(canvas, jar, (jx, jy), (0.06, 0.0, 0.04, 0.18))
    place(canvas, heap_layer(W * 0.1, rng, content), (W * (0.73 if spoon else 0.2), H * 0.86), (0.0, 0.04, 0.05, 0.3))
    if spoon:
        sp = wooden_spoon(W * 0.36, rng, content).rotate(-12, BICUBIC, expand=True)
        place(canvas, sp, (W * 0.72, H * 0.8), (0.01, 0.03, 0.02, 0.35))
    else:
        jar2 = jar_layer(jw * 0.8, jh * 0.8, rng, content, lid, band)
        place(canvas, jar2, (W * 0.74, H * 0.86 - jh * 0.4), (0.06, 0.0, 0.04, 0.15))
    return finish(canvas, final, rng)


def p_abon_bandeng(final: tuple[int, int], rng: random.Random) -> Image.Image:
    return abon(final, rng, hx("b98344"), hx("c9a14a"), hx("2f6b45"), (hx("eef1e8"), hx("d8dccd")), spoon=False)


def p_abon_cakalang(final: tuple[int, int], rng: random.Random) -> Image.Image:
    return abon(final, rng, hx("9a4f2c"), hx("a8322c"), hx("8e2a22"), (hx("f3ebe2"), hx("e0d3c4")), spoon=True)


def cracker_layer(r: float, rng: random.Random, squash: float) -> Image.Image:
    size = (int(r * 2.6), int(r * 2.6))
    c = size[0] / 2
    pts = blob_pts(c, c, r, rng, 0.16, squash, rng.uniform(0, 180))
    mask = poly_mask(size, pts)
    base = mix(hx("f1e2bb"), hx("e8c98e"), rng.random() * 0.6)
    fill = solid(size, base)
    fill = multiply(fill, curve(fractal(size, [r * 0.5, r * 0.15, 3], rng), lambda v: 0.86 + 0.16 * v))
    bub = Image.new("L", size, 0)
    bd = ImageDraw.Draw(bub)
    for _ in range(int(18 * squash + 6)):
        bx, by = c + rng.uniform(-r, r) * 0.8, c + rng.uniform(-r, r) * 0.8 * squash
        br = r * rng.uniform(0.03, 0.09)
        bd.ellipse((bx - br, by - br, bx + br, by + br), outline=255, width=max(1, int(r * 0.015)))
    fill = multiply(fill, curve(blur(bub, 1), lambda v: 1 - 0.15 * v))
    fill = volume(fill, mask, r * 0.1, 0.78)
    fill = multiply(fill, curve(ImageChops.subtract(mask, shrink(mask, r * 0.04)), lambda v: 1 - 0.18 * v))
    fill = highlight(fill, mask, (c - r * 0.6, c - r * 0.6 * squash, c + r * 0.1, c), r * 0.2, 0.25)
    return layer(fill, mask)


def bowl_parts(rx: float, ry: float, depth: float, color: Color, rim: Color) -> tuple[Image.Image, Image.Image, tuple[int, int]]:
    """A bowl seen from the front and above: (its inside, its front), and the rim centre in the layer."""
    w, h = int(rx * 2.1), int(ry * 2 + depth + ry * 0.2)
    size = (w, h)
    cx, cy = w / 2, ry * 1.05
    inside_m = ellipse_mask(size, (cx - rx, cy - ry, cx + rx, cy + ry))
    inside = multiply(solid(size, color), gradient(size, [(0, 150), (cy / h, 205), ((cy + ry) / h, 240)]))
    inside = Image.composite(solid(size, scale(color, 0.75)), inside,
                             opacity(ImageChops.subtract(inside_m, shrink(inside_m, rx * 0.03)), 0.5))
    front_pts = ellipse_pts(cx, cy, rx, ry, 0, 180, 80)[::-1] + bezier((cx - rx, cy), (cx - rx, cy + depth * 0.9),
                                                                    (cx - rx * 0.45, cy + depth), (cx, cy + depth), 30) \
        + bezier((cx, cy + depth), (cx + rx * 0.45, cy + depth), (cx + rx, cy + depth * 0.9), (cx + rx, cy), 30)
    front_m = poly_mask(size, front_pts)
    inner_lip = ellipse_mask(size, (cx - rx * 0.985, cy - ry * 0.97, cx + rx * 0.985, cy + ry * 0.97))
    front_m = ImageChops.subtract(front_m, ImageChops.multiply(inner_lip, poly_mask(size, [(0, 0), (w, 0), (w, cy), (0, cy)])))
    front = solid(size, color)
    band = Image.new("L", size, 0)
    bd = ImageDraw.Draw(band)
    for k, t in enumerate((0.12, 0.16)):
        bd.arc((cx - rx, cy - ry + depth * t, cx + rx, cy + ry + depth * t), 0, 180, fill=255, width=max(2, int(rx * (0.03 if k else 0.012))))
    front = Image.composite(solid(size, rim), front, blur(band, 1))
    front = multiply(front, sheen(size, (cx - rx, 0, cx + rx, h), [(0, 0.55), (0.25, 0.98), (0.4, 1.0), (0.75, 0.82), (1, 0.5)]))
    front = multiply(front, gradient(size, [(cy / h, 255), (1, 190)]))
    front = highlight(front, front_m, (cx - rx * 0.7, cy + depth * 0.15, cx - rx * 0.4, cy + depth * 0.55), rx * 0.05, 0.45)
    return layer(inside, inside_m), layer(front, front_m), (int(cx), int(cy))


def p_kerupuk(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, int(H * 0.45)), rng, hx("b88a5c"), hx("7c5434"), planks=2)
    canvas = studio(size, rng, (hx("e9ece4"), hx("d4d8cc")), table, horizon=0.5, light=(0.3, 0.25))
    rx, ry, depth = W * 0.3, H * 0.1, H * 0.28
    inside, front, (bcx, bcy) = bowl_parts(rx, ry, depth, hx("f3f1ea"), hx("2d5a8c"))
    x0, y0 = int(W * 0.5 - inside.width / 2), int(H * 0.5)
    soft_ellipse(canvas, (x0 + rx * 0.25, y0 + bcy + depth - H * 0.02, x0 + rx * 1.9, y0 + bcy + depth + H * 0.03), W * 0.01, 0.55)
    over(canvas, inside, (x0, y0))
    pile = Image.new("RGBA", size, (0, 0, 0, 0))
    items = []
    for i in range(26):
        t = rng.random()
        x = W * 0.5 + (rng.random() - 0.5) * rx * 1.8 * (1 - 0.5 * t)
        y = y0 + bcy + ry * 0.3 - t * H * 0.16 - rng.random() * H * 0.04
        items.append((y, x))
    for y, x in sorted(items):
        cr = cracker_layer(W * rng.uniform(0.06, 0.085), rng, rng.uniform(0.45, 0.8))
        cast_shadow(pile, cr.getchannel("A"), (x - cr.width / 2, y - cr.height / 2), (W * 0.004, H * 0.008), W * 0.006, 0.35)
        over(pile, cr, (int(x - cr.width / 2), int(y - cr.height / 2)))
    over(canvas, pile)
    over(canvas, front, (x0, y0))
    for x, y in ((0.16, 0.9), (0.84, 0.88), (0.9, 0.8)):
        cr = cracker_layer(W * rng.uniform(0.06, 0.075), rng, 0.42)
        place(canvas, cr, (W * x, H * y), (0.02, 0.05, 0.04, 0.4))
    return finish(canvas, final, rng)


def otak_otak_layer(length: float, rng: random.Random) -> Image.Image:
    """A banana-leaf parcel, charred in places, pinned with a stick at both ends."""
    w, h = int(length), int(length * 0.26)
    size = (w, h)
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((w * 0.03, h * 0.2, w * 0.97, h * 0.8), radius=int(h * 0.18), fill=255)
    fill = solid(size, mix(hx("5d8a3a"), hx("8a9a4a"), rng.random() * 0.5))
    veins = Image.new("L", size, 0)
    vd = ImageDraw.Draw(veins)
    for k in range(22):
        y = h * 0.2 + h * 0.6 * k / 21
        vd.line([(0, y), (w, y + rng.uniform(-2, 2))], fill=255, width=1)
    fill = multiply(fill, curve(veins, lambda v: 1 - 0.15 * v))
    char = curve(fractal(size, [h * 0.25, h * 0.08], rng), lambda v: max(0.0, (v - 0.58) * 2.4))
    fill = Image.composite(solid(size, hx("3b2a14")), fill, opacity(char, 0.85))
    fold = Image.new("L", size, 0)
    ImageDraw.Draw(fold).line([(w * 0.05, h * 0.36), (w * 0.95, h * 0.36)], fill=255, width=max(2, int(h * 0.03)))
    fill = multiply(fill, curve(blur(fold, h * 0.01), lambda v: 1 - 0.35 * v))
    fill = volume(fill, mask, h * 0.12, 0.55)
    fill = highlight(fill, mask, (w * 0.1, h * 0.25, w * 0.9, h * 0.38), h * 0.04, 0.35)
    out = layer(fill, mask)
    d = ImageDraw.Draw(out)
    for x in (w * 0.09, w * 0.91):
        thick_line(d, [(x - h * 0.05, h * 0.05), (x + h * 0.05, h * 0.95)], (196, 170, 110, 255), max(2, h * 0.05))
    return out


def p_otak_otak(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = wood(size, rng, hx("a87a52"), hx("6a4529"), planks=5, vertical=True)
    leaf = banana_leaf((int(W * 1.0), int(H * 0.55)), rng, angle=12)
    place(canvas, leaf, (W * 0.45, H * 0.5), (0.01, 0.015, 0.01, 0.35))
    plate = plate_layer(W * 0.3, W * 0.3)
    place(canvas, plate, (W * 0.46, H * 0.52), (0.015, 0.025, 0.02, 0.45))
    for i in range(7):
        p = otak_otak_layer(W * 0.36, rng).rotate(28 + rng.uniform(-4, 4), BICUBIC, expand=True)
        place(canvas, p, (W * (0.36 + i * 0.032), H * (0.34 + i * 0.05)), (0.005, 0.012, 0.01, 0.4))
    dish = plate_layer(W * 0.1, W * 0.1, (240, 238, 232))
    place(canvas, dish, (W * 0.84, H * 0.76), (0.02, 0.04, 0.04, 0.45))
    sauce_r = W * 0.068
    sz = (int(sauce_r * 2.2),) * 2
    sm = ellipse_mask(sz, (sz[0] / 2 - sauce_r, sz[1] / 2 - sauce_r, sz[0] / 2 + sauce_r, sz[1] / 2 + sauce_r))
    sf = multiply(solid(sz, hx("a5501f")), curve(noise(sz, 3, rng), lambda v: 0.8 + 0.25 * v))
    sd = ImageDraw.Draw(sf)
    for _ in range(40):
        x, y = rng.uniform(0, sz[0]), rng.uniform(0, sz[1])
        r = rng.uniform(1, 4) * SS
        sd.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice((hx("d2452a"), hx("6b3416"), hx("e8b86a"))))
    sf = highlight(volume(sf, sm, sauce_r * 0.1, 0.7), sm, (sz[0] * 0.25, sz[1] * 0.2, sz[0] * 0.5, sz[1] * 0.4), sauce_r * 0.08, 0.4)
    place(canvas, layer(sf, sm), (W * 0.84, H * 0.76), None)
    place(canvas, lime_half(W * 0.04, rng), (W * 0.12, H * 0.15), (0.03, 0.05, 0.05, 0.35))
    place(canvas, chili(W * 0.11, rng).rotate(-35, BICUBIC, expand=True), (W * 0.86, H * 0.2), (0.02, 0.04, 0.04, 0.3))
    return finish(canvas, final, rng)


def bamboo_slat(length: float, width: float, rng: random.Random) -> Image.Image:
    size = (int(length), int(width * 1.2))
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, width * 0.1, length - 1, width * 1.1), radius=int(width * 0.4), fill=255)
    fill = wood(size, rng, hx("d9bb82"), hx("b08a50"), rings=2)
    d = ImageDraw.Draw(fill)
    for k in range(1, 4):
        x = length * k / 4 + rng.uniform(-1, 1) * length * 0.03
        d.line([(x, 0), (x, size[1])], fill=hx("8f6a36"), width=max(2, int(width * 0.12)))
    fill = volume(fill, mask, width * 0.25, 0.6)
    fill = highlight(fill, mask, (0, width * 0.25, length, width * 0.45), width * 0.1, 0.35)
    return layer(fill, mask)


def clamped_skipjack(length: float, rng: random.Random, across: int = 3) -> Image.Image:
    """A smoked skipjack opened flat between bamboo slats, tied at the crossings."""
    fish = split_fish_layer(length, hx("74301a"), hx("24150e"), rng, smoked=True)
    w, h = fish.size
    pad = int(h * 0.25)
    out = Image.new("RGBA", (w + pad * 2, h + pad * 2), (0, 0, 0, 0))
    out.alpha_composite(fish, (pad, pad))
    sw = length * 0.016
    xs = [pad + length * (0.2 + k * 0.5 / max(1, across - 1)) for k in range(across)]
    for x in xs:
        sl = bamboo_slat(h * 1.12, sw, rng).rotate(90 + rng.uniform(-3, 3), BICUBIC, expand=True)
        cast_shadow(out, sl.getchannel("A"), (x - sl.width / 2, pad + h / 2 - sl.height / 2), (sw * 0.4, sw * 0.6), sw * 0.4, 0.5)
        over(out, sl, (int(x - sl.width / 2), int(pad + h / 2 - sl.height / 2)))
    for y in (0.5,):
        sl = bamboo_slat(length * 0.78, sw, rng)
        yy = pad + h * y
        cast_shadow(out, sl.getchannel("A"), (pad + length * 0.04, yy - sl.height / 2), (sw * 0.4, sw * 0.6), sw * 0.4, 0.5)
        over(out, sl, (int(pad + length * 0.04), int(yy - sl.height / 2)))
        d = ImageDraw.Draw(out)
        for x in xs:
            d.line([(x - sw, yy - sw), (x + sw, yy + sw)], fill=(70, 50, 30, 255), width=max(2, int(sw * 0.3)))
            d.line([(x - sw, yy + sw), (x + sw, yy - sw)], fill=(70, 50, 30, 255), width=max(2, int(sw * 0.3)))
    return out


def p_cakalang_asap(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = wood(size, rng, hx("7a5236"), hx("3e2616"), planks=4)
    leaf = banana_leaf((int(W * 1.1), int(H * 0.75)), rng, angle=-8)
    place(canvas, leaf, (W * 0.5, H * 0.52), (0.01, 0.015, 0.01, 0.35))
    fish = clamped_skipjack(W * 0.7, rng).rotate(-6, BICUBIC, expand=True)
    place(canvas, fish, (W * 0.5, H * 0.5), (0.01, 0.02, 0.015, 0.5))
    place(canvas, lime_half(W * 0.04, rng), (W * 0.9, H * 0.86), (0.03, 0.05, 0.05, 0.35))
    place(canvas, chili(W * 0.11, rng).rotate(20, BICUBIC, expand=True), (W * 0.12, H * 0.86), (0.02, 0.04, 0.04, 0.3))
    return finish(canvas, final, rng)


def chunk_layer(r: float, rng: random.Random) -> Image.Image:
    """A piece of smoked skipjack: reddish flesh in flakes, dark skin along one side."""
    size = (int(r * 2.6),) * 2
    c = size[0] / 2
    pts = blob_pts(c, c, r, rng, 0.1, rng.uniform(0.6, 0.8), rng.uniform(0, 180), 16)
    pts = [(x + rng.uniform(-1, 1) * r * 0.06, y + rng.uniform(-1, 1) * r * 0.06) for x, y in pts]
    mask = blur(poly_mask(size, pts), r * 0.08)
    mask = curve(mask, lambda v: min(1.0, max(0.0, (v - 0.3) / 0.4)))
    fill = solid(size, mix(hx("b65a34"), hx("8a3c1e"), rng.random()))
    flakes = Image.new("L", size, 0)
    fd = ImageDraw.Draw(flakes)
    a = rng.uniform(0, 180)
    for k in range(-8, 9):
        pts2 = rotate_pts([(c - r * 1.2, c + k * r * 0.14 + rng.uniform(-2, 2)), (c, c + k * r * 0.14 + r * 0.05), (c + r * 1.2, c + k * r * 0.14)], a, c, c)
        fd.line(pts2, fill=rng.randrange(120, 256), width=max(1, int(r * rng.uniform(0.02, 0.05))), joint="curve")
    flakes = ImageChops.multiply(flakes, curve(noise(size, r * 0.2, rng), lambda v: min(1.0, v * 1.5)))
    fill = multiply(fill, curve(blur(flakes, 1.5), lambda v: 1 - 0.4 * v))
    fill = screen(fill, opacity(ImageChops.offset(blur(flakes, 1), 2, 2), 0.12), (255, 200, 170))
    fill = multiply(fill, curve(fractal(size, [r * 0.3, 3], rng), lambda v: 0.85 + 0.15 * v))
    skin = ImageChops.subtract(mask, shrink(mask, r * 0.14))
    side = poly_mask(size, rotate_pts([(0, 0), (size[0], 0), (size[0], c - r * 0.1), (0, c - r * 0.1)], rng.uniform(-40, 40), c, c))
    fill = Image.composite(solid(size, hx("2b1710")), fill, blur(ImageChops.multiply(skin, side), r * 0.03))
    fill = volume(fill, mask, r * 0.1, 0.6)
    fill = highlight(fill, mask, (c - r * 0.6, c - r * 0.5, c + r * 0.2, c - r * 0.1), r * 0.15, 0.3)
    return layer(fill, mask)


def p_cakalang_potongan(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = wood(size, rng, hx("8d6242"), hx("4e3220"), planks=5, vertical=True)
    plate = plate_layer(W * 0.33, W * 0.33, hx("efe9dc"), hx("7a4a2a"))
    place(canvas, plate, (W * 0.48, H * 0.52), (0.015, 0.025, 0.02, 0.45))
    spots = [(0.4, 0.36), (0.55, 0.34), (0.35, 0.52), (0.5, 0.5), (0.64, 0.48), (0.42, 0.67), (0.57, 0.66)]
    for x, y in spots:
        ch = chunk_layer(W * rng.uniform(0.065, 0.08), rng)
        place(canvas, ch, (W * (x + rng.uniform(-0.01, 0.01)), H * (y + rng.uniform(-0.01, 0.01))), (0.03, 0.06, 0.04, 0.45))
    for x, y in ((0.86, 0.2), (0.91, 0.3)):
        place(canvas, lime_half(W * 0.038, rng), (W * x, H * y), (0.03, 0.05, 0.05, 0.35))
    for x, y, a in ((0.1, 0.78, 50), (0.15, 0.86, 30)):
        place(canvas, chili(W * 0.1, rng).rotate(a, BICUBIC, expand=True), (W * x, H * y), (0.02, 0.04, 0.04, 0.3))
    return finish(canvas, final, rng)


def p_pengasapan(final: tuple[int, int], rng: random.Random) -> Image.Image:
    """Skipjack clamped in bamboo, standing over a smoking clay stove."""
    W, H = size = canvas_size(final)
    canvas = plaster(size, rng, hx("2a2019"), hx("140e0a"), 0.2)
    # warm light rising from the embers
    glow = field(size, lambda x, y: max(0.0, 1 - math.hypot((x - 0.5) * 0.9, (y - 0.95) * 1.2)) ** 2)
    canvas = screen(canvas, opacity(glow, 0.75), (255, 120, 40))
    # fish on racks, in a row, leaning
    for i in range(4):
        f = clamped_skipjack(H * 0.62, rng, across=2).rotate(90 + rng.uniform(-6, 6), BICUBIC, expand=True)
        lit = Image.new("RGBA", f.size, (0, 0, 0, 0))
        fr = f.convert("RGB")
        fr = screen(fr, opacity(gradient(f.size, [(0.5, 0), (1, 140)]), 1), (255, 130, 50))
        lit = layer(fr, f.getchannel("A"))
        place(canvas, lit, (W * (0.2 + i * 0.2), H * 0.4), (0.02, 0.02, 0.03, 0.5))
    # the stove: clay bricks with a fire opening
    sy = int(H * 0.72)
    stove = solid((W, H - sy), hx("6b3c24"))
    sd = ImageDraw.Draw(stove)
    bh = (H - sy) / 4
    for row in range(5):
        off = (row % 2) * W * 0.04
        sd.line([(0, row * bh), (W, row * bh)], fill=hx("3a1e10"), width=max(2, int(H * 0.004)))
        x = -off
        while x < W:
            sd.line([(x, row * bh), (x, (row + 1) * bh)], fill=hx("3a1e10"), width=max(2, int(H * 0.004)))
            x += W * 0.08
    stove = multiply(stove, curve(fractal(stove.size, [40, 8], rng), lambda v: 0.7 + 0.3 * v))
    stove = multiply(stove, gradient(stove.size, [(0, 255), (1, 120)]))
    canvas.paste(stove, (0, sy))
    ImageDraw.Draw(canvas).rectangle((0, sy - H * 0.02, W, sy), fill=hx("2a1a12"))
    for k in range(40):
        x = W * k / 40
        ImageDraw.Draw(canvas).line([(x, sy - H * 0.02), (x, sy)], fill=hx("555049"), width=max(2, int(W * 0.002)))
    mouth = Image.new("L", size, 0)
    ImageDraw.Draw(mouth).rounded_rectangle((W * 0.3, H * 0.8, W * 0.7, H * 1.02), radius=int(H * 0.06), fill=255)
    fire = gradient(size, [(0.8, hx("1a0a05")), (0.9, hx("7a2a0c")), (0.97, hx("e06a1a"))])
    flames = Image.new("L", size, 0)
    fd = ImageDraw.Draw(flames)
    for _ in range(14):
        x, r = W * rng.uniform(0.33, 0.67), H * rng.uniform(0.02, 0.04)
        top = H * rng.uniform(0.83, 0.9)
        fd.polygon(bezier((x - r, H), (x - r, H * 0.95), (x - r * 0.2, top + r), (x, top), 10)
                   + bezier((x, top), (x + r * 0.2, top + r), (x + r, H * 0.95), (x + r, H), 10), fill=rng.randrange(120, 230))
    fire = screen(fire, blur(flames, H * 0.006), (255, 190, 80))
    emb = blur(curve(fractal(size, [H * 0.02, H * 0.008], rng), lambda v: max(0.0, v - 0.55) * 2), H * 0.002)
    fire = screen(fire, ImageChops.multiply(emb, gradient(size, [(0.93, 0), (1, 255)])), (255, 200, 90))
    canvas.paste(fire, (0, 0), blur(mouth, H * 0.004))
    canvas = screen(canvas, opacity(blur(mouth, H * 0.06), 0.5), (255, 140, 50))
    # smoke
    smoke = Image.new("L", size, 0)
    sm = ImageDraw.Draw(smoke)
    for _ in range(90):
        x = rng.uniform(0.05, 0.95) * W
        y = rng.uniform(0.0, 0.7) * H
        r = rng.uniform(0.04, 0.12) * H
        sm.ellipse((x - r, y - r * 1.2, x + r, y + r * 1.2), fill=rng.randrange(60, 150))
    smoke = blur(smoke, H * 0.035)
    smoke = ImageChops.multiply(smoke, curve(noise(size, H * 0.05, rng), lambda v: 0.3 + 0.9 * v))
    canvas = screen(canvas, opacity(smoke, 0.9), (190, 175, 160))
    return finish(canvas, final, rng, vignette=0.35)


# == products: marble =============================================================================

def marble(size: tuple[int, int], rng: random.Random, base: Color, vein: Color, angle: float = 30,
           veins: float = 3.0, cloud: Color | None = None) -> Image.Image:
    """Polished marble: cloudy tone and thin wandering veins (a turbulent ramp through a sharp curve)."""
    w, h = size
    d = int(math.hypot(w, h)) + 4
    line = Image.new("L", (d, 1))
    line.putdata([int(x * 256 * veins / d) % 256 for x in range(d)])
    ramp = line.resize((d, d), NEAREST).rotate(angle, NEAREST)
    ramp = ramp.crop(((d - w) // 2, (d - h) // 2, (d - w) // 2 + w, (d - h) // 2 + h))
    turb = fractal(size, [min(size) / 2.5, min(size) / 7, min(size) / 22], rng, [1, 0.55, 0.18])
    phase = ImageChops.add_modulo(ramp, turb)
    phase = ImageChops.add_modulo(phase, opacity(fractal(size, [min(size) / 3, min(size) / 10], rng), 0.7))

    def vein_lut(v: float, width: float) -> float:
        dist = min(v, 1 - v)
        return max(0.0, 1 - dist / width) ** 2.2

    main = curve(phase, lambda v: vein_lut(v, 0.05))
    fine_phase = ImageChops.add_modulo(phase, opacity(fractal(size, [min(size) / 9, min(size) / 30], rng, [1, 0.3]), 1.0))
    fine = curve(fine_phase, lambda v: vein_lut((v * 3) % 1.0, 0.025) * 0.45)
    veins_m = ImageChops.lighter(blur(main, 0.8), blur(fine, 0.6))
    clouds = fractal(size, [min(size) / 2, min(size) / 6], rng)
    img = tint(clouds, scale(base, 0.93), mix(base, (255, 255, 255), 0.25))
    if cloud:
        img = Image.composite(solid(size, cloud), img, opacity(curve(clouds, lambda v: max(0.0, v - 0.5) * 2), 0.35))
    img = Image.composite(solid(size, vein), img, opacity(veins_m, 0.85))
    return img


def polished(fill: Image.Image, mask: Image.Image, box: tuple[float, float, float, float], r: float,
             k: float = 0.45) -> Image.Image:
    return highlight(fill, mask, box, r, k)


def round_stone_vessel(w: float, rng: random.Random, base: Color, vein: Color, depth: float, wall: float,
                       tilt: float = 0.38, notches: int = 0) -> Image.Image:
    """A round marble vessel (ashtray, mortar) seen from the front and above."""
    rx, ry = w / 2, w / 2 * tilt
    size = (int(w * 1.04), int(ry * 2 + depth + w * 0.04))
    cx, cy = size[0] / 2, ry + w * 0.02
    tex = marble(size, rng, base, vein, rng.uniform(10, 60))
    # side: a cylinder band, a bit darker and rounded
    side_m = Image.new("L", size, 0)
    sd = ImageDraw.Draw(side_m)
    sd.rectangle((cx - rx, cy, cx + rx, cy + depth), fill=255)
    sd.ellipse((cx - rx, cy + depth - ry, cx + rx, cy + depth + ry), fill=255)
    side = multiply(tex, sheen(size, (cx - rx, 0, cx + rx, size[1]), [(0, 0.5), (0.2, 0.88), (0.35, 0.92), (0.7, 0.75), (1, 0.45)]))
    side = multiply(side, gradient(size, [(cy / size[1], 235), (1, 170)]))
    top_m = ellipse_mask(size, (cx - rx, cy - ry, cx + rx, cy + ry))
    top = multiply(tex, Image.new("L", size, 250))
    # the hollow
    irx, iry = rx - wall, ry - wall * tilt
    hollow = ellipse_mask(size, (cx - irx, cy - iry, cx + irx, cy + iry))
    inner = multiply(ImageChops.offset(tex, int(w * 0.1), int(w * 0.05)),
                     gradient(size, [((cy - iry) / size[1], 150), ((cy + iry * 0.2) / size[1], 215), ((cy + iry) / size[1], 235)]))
    inner = multiply(inner, curve(ImageChops.subtract(hollow, ImageChops.offset(hollow, 0, int(depth * 0.3))), lambda v: 1 - 0.35 * v))
    top = Image.composite(inner, top, blur(hollow, 1.5))
    rim_light = ImageChops.subtract(top_m, grow(hollow, 2))
    top = screen(top, opacity(ImageChops.multiply(blur(rim_light, 2), gradient(size, [(0, 120), ((cy + ry) / size[1], 0)])), 0.3))
    out = layer(side, side_m)
    out.alpha_composite(layer(top, top_m))
    if notches:
        d = Image.new("L", size, 0)
        nd = ImageDraw.Draw(d)
        for k in range(notches):
            a = math.radians(90 + k * 360 / notches)
            x0, y0 = cx + irx * math.cos(a), cy + iry * math.sin(a)
            x1, y1 = cx + rx * math.cos(a), cy + ry * math.sin(a)
            nd.line([(x0, y0), (x1, y1)], fill=255, width=int(w * 0.05))
        d = ImageChops.multiply(d, top_m)
        notch = multiply(inner, Image.new("L", size, 200))
        cut = layer(notch, blur(d, 1.5))
        out.alpha_composite(cut)
    shine = ImageChops.multiply(ImageChops.subtract(top_m, hollow), Image.new("L", size, 255))
    glossy = highlight(out.convert("RGB"), shine, (cx - rx * 0.8, cy - ry * 0.9, cx - rx * 0.2, cy - ry * 0.5), w * 0.04, 0.35)
    glossy = highlight(glossy, side_m, (cx - rx * 0.75, cy + depth * 0.2, cx - rx * 0.55, cy + depth * 0.8), w * 0.02, 0.3)
    return layer(glossy, out.getchannel("A"))


def p_asbak(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, int(H * 0.6)), rng, hx("6e4a32"), hx("3f281a"), planks=3)
    canvas = studio(size, rng, (hx("e8e2d8"), hx("cfc6b8")), table, horizon=0.42, light=(0.3, 0.2))
    ash = round_stone_vessel(W * 0.46, rng, hx("eadcc3"), hx("b08a62"), H * 0.11, W * 0.07, notches=3)
    place(canvas, ash, (W * 0.5, H * 0.66), (0.0, 0.03, 0.03, 0.35), contact=0.6)
    return finish(canvas, final, rng)


def pestle(length: float, rng: random.Random, base: Color, vein: Color) -> Image.Image:
    w, h = int(length), int(length * 0.42)
    size = (w, h)
    pts = bezier((w * 0.02, h * 0.5), (w * 0.02, h * 0.05), (w * 0.35, h * 0.08), (w * 0.55, h * 0.25), 20) \
        + bezier((w * 0.55, h * 0.25), (w * 0.75, h * 0.35), (w * 0.98, h * 0.28), (w * 0.98, h * 0.5), 20) \
        + bezier((w * 0.98, h * 0.5), (w * 0.98, h * 0.72), (w * 0.75, h * 0.65), (w * 0.55, h * 0.75), 20) \
        + bezier((w * 0.55, h * 0.75), (w * 0.35, h * 0.92), (w * 0.02, h * 0.95), (w * 0.02, h * 0.5), 20)
    mask = poly_mask(size, pts)
    fill = volume(marble(size, rng, base, vein, 80), mask, h * 0.12, 0.5)
    fill = highlight(fill, mask, (w * 0.1, h * 0.2, w * 0.9, h * 0.38), h * 0.05, 0.4)
    return layer(fill, mask)


def garlic(r: float, rng: random.Random, color: Color = (238, 230, 214), stripe: Color = (200, 170, 170)) -> Image.Image:
    size = (int(r * 2.6), int(r * 2.6))
    c = size[0] / 2
    pts = bezier((c, c - r * 1.2), (c + r * 0.2, c - r * 0.6), (c + r * 1.1, c - r * 0.3), (c + r, c + r * 0.4), 20) \
        + bezier((c + r, c + r * 0.4), (c + r * 0.8, c + r), (c - r * 0.8, c + r), (c - r, c + r * 0.4), 20) \
        + bezier((c - r, c + r * 0.4), (c - r * 1.1, c - r * 0.3), (c - r * 0.2, c - r * 0.6), (c, c - r * 1.2), 20)
    mask = poly_mask(size, pts)
    fill = solid(size, color)
    d = ImageDraw.Draw(fill)
    for k in range(-3, 4):
        d.line(bezier((c, c - r * 1.1), (c + k * r * 0.35, c - r * 0.4), (c + k * r * 0.3, c + r * 0.4), (c + k * r * 0.15, c + r * 0.9), 12),
               fill=stripe, width=max(1, int(r * 0.05)))
    fill = volume(blur(fill, 1), mask, r * 0.25, 0.6)
    fill = highlight(fill, mask, (c - r * 0.6, c - r * 0.5, c - r * 0.1, c + r * 0.2), r * 0.15, 0.5)
    return layer(fill, mask).rotate(rng.uniform(-40, 40), BICUBIC, expand=True)


def p_cobek(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, int(H * 0.62)), rng, hx("b48a5e"), hx("7a5636"), planks=3)
    canvas = studio(size, rng, (hx("eceae4"), hx("d6d2c8")), table, horizon=0.38, light=(0.3, 0.2))
    base, vein = hx("f2f1ee"), hx("8d8f94")
    cob = round_stone_vessel(W * 0.56, rng, base, vein, H * 0.1, W * 0.06, tilt=0.42)
    x, y = place(canvas, cob, (W * 0.46, H * 0.64), (0.0, 0.03, 0.03, 0.35), contact=0.6)
    # a little ground chilli paste in the hollow
    hx0, hy0 = x + cob.width / 2, y + W * 0.56 / 2 * 0.42 + W * 0.56 * 0.02
    paste = Image.new("RGBA", size, (0, 0, 0, 0))
    pm = poly_mask(size, blob_pts(hx0 - W * 0.05, hy0 + H * 0.02, W * 0.1, rng, 0.15, 0.4))
    pf = multiply(solid(size, hx("b4241a")), curve(fractal(size, [W * 0.01, 3], rng), lambda v: 0.65 + 0.45 * v))
    pf = screen(pf, curve(fractal(size, [4], rng), lambda v: max(0.0, v - 0.8) * 2), (255, 200, 150))
    paste = layer(volume(pf, blur(pm, 2), W * 0.01, 0.7), blur(pm, 2))
    over(canvas, paste)
    ul = pestle(W * 0.3, rng, hx("e9e8e4"), vein).rotate(28, BICUBIC, expand=True)
    place(canvas, ul, (W * 0.52, H * 0.55), (0.03, 0.06, 0.04, 0.45))
    for cx_, cy_, a in ((0.84, 0.82, 70), (0.88, 0.74, 100), (0.8, 0.9, 50)):
        place(canvas, chili(W * 0.12, rng).rotate(a, BICUBIC, expand=True), (W * cx_, H * cy_), (0.02, 0.04, 0.04, 0.3))
    for cx_, cy_ in ((0.13, 0.86), (0.19, 0.9)):
        place(canvas, garlic(W * 0.03, rng), (W * cx_, H * cy_), (0.02, 0.05, 0.06, 0.35))
    for cx_, cy_ in ((0.1, 0.78), (0.16, 0.8)):
        place(canvas, garlic(W * 0.028, rng, hx("b9605e"), hx("8c3f45")), (W * cx_, H * cy_), (0.02, 0.05, 0.06, 0.35))
    return finish(canvas, final, rng)


def vase_layer(height: float, rng: random.Random, base: Color, vein: Color,
               profile: list[tuple[float, float]]) -> Image.Image:
    """A turned vase from a profile of (height fraction, radius as a fraction of height)."""
    rmax = max(r for _, r in profile) * height
    size = (int(rmax * 2.2), int(height * 1.03))
    cx = size[0] / 2
    n = 120
    rows = [(t, stop_at(profile, t)) for t in (i / n for i in range(n + 1))]
    right = [(cx + r * height, t * height) for t, r in rows]
    left = [(cx - r * height, t * height) for t, r in rows][::-1]
    lip_r = profile[0][1] * height
    mask = poly_mask(size, right + left)
    ImageDraw.Draw(mask).ellipse((cx - lip_r, -lip_r * 0.25, cx + lip_r, lip_r * 0.25), fill=255)
    bottom_r = profile[-1][1] * height
    ImageDraw.Draw(mask).ellipse((cx - bottom_r, height - bottom_r * 0.2, cx + bottom_r, height + bottom_r * 0.2), fill=255)
    fill = marble(size, rng, base, vein, rng.uniform(60, 80), veins=2.2)
    fill = multiply(fill, sheen(size, (cx - rmax, 0, cx + rmax, size[1]), [(0, 0.5), (0.25, 0.95), (0.38, 1.0), (0.75, 0.72), (1, 0.45)]))
    fill = volume(fill, mask, rmax * 0.14, 0.55)
    fill = highlight(fill, mask, (cx - rmax * 0.55, height * 0.2, cx - rmax * 0.3, height * 0.85), rmax * 0.08, 0.45)
    out = layer(fill, mask)
    d = ImageDraw.Draw(out)
    d.ellipse((cx - lip_r * 0.72, -lip_r * 0.17, cx + lip_r * 0.72, lip_r * 0.17), fill=(*scale(base, 0.35), 255))
    return out


VASE_TALL = [(0, 0.07), (0.05, 0.052), (0.2, 0.042), (0.5, 0.12), (0.72, 0.135), (0.92, 0.09), (1, 0.075)]
VASE_ROUND = [(0, 0.11), (0.08, 0.09), (0.2, 0.1), (0.5, 0.24), (0.8, 0.2), (1, 0.12)]


def dry_stems(height: float, rng: random.Random, color: Color = (196, 170, 120)) -> Image.Image:
    """A few dried grass stems with soft plumes, for styling a vase."""
    size = (int(height * 0.8), int(height))
    out = Image.new("RGBA", size, (0, 0, 0, 0))
    d = ImageDraw.Draw(out)
    plumes = Image.new("L", size, 0)
    pd = ImageDraw.Draw(plumes)
    cx = size[0] / 2
    for k in range(5):
        a = math.radians(-90 + (k - 2) * 9 + rng.uniform(-3, 3))
        length = height * rng.uniform(0.75, 0.98)
        ex, ey = cx + length * math.cos(a), height + length * math.sin(a)
        mid = (cx + (ex - cx) * 0.5 + rng.uniform(-1, 1) * height * 0.02, height + (ey - height) * 0.5)
        d.line(bezier((cx, height), mid, mid, (ex, ey), 20), fill=(*scale(color, 0.8), 255), width=max(2, int(height * 0.006)))
        for j in range(14):
            t = j / 14
            px, py = ex + (cx - ex) * t * 0.3, ey + (height - ey) * t * 0.3
            r = height * 0.03 * (1 - t * 0.5)
            pd.ellipse((px - r, py - r * 1.6, px + r, py + r * 1.6), fill=200)
    pl = Image.new("RGBA", size, (*mix(color, (255, 255, 255), 0.3), 0))
    pl.putalpha(blur(plumes, height * 0.008))
    out.alpha_composite(pl)
    return out


def p_vas_single(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, int(H * 0.3)), rng, hx("c7a47e"), hx("8f6c4a"), planks=1)
    canvas = studio(size, rng, (hx("e7e2da"), hx("d2cabe")), table, horizon=0.74, light=(0.3, 0.25))
    vh = H * 0.5
    vase = vase_layer(vh, rng, hx("f3f1ec"), hx("8b8d92"), VASE_TALL)
    stems = dry_stems(H * 0.42, rng)
    place(canvas, stems, (W * 0.5, H * 0.42 - vh / 2 + H * 0.03 - H * 0.21 + H * 0.21), None)
    place(canvas, vase, (W * 0.5, H * 0.86 - vh / 2), (0.12, 0.0, 0.05, 0.2), contact=0.65)
    return finish(canvas, final, rng)


def p_vas_pair(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, int(H * 0.35)), rng, hx("c7a47e"), hx("8f6c4a"), planks=1)
    canvas = studio(size, rng, (hx("e9e5de"), hx("d4cdc2")), table, horizon=0.68, light=(0.3, 0.25))
    tall = vase_layer(H * 0.62, rng, hx("f4f2ee"), hx("8b8d92"), VASE_TALL)
    rnd = vase_layer(H * 0.42, rng, hx("9c9ea2"), hx("e8e8e6"), VASE_ROUND)
    place(canvas, tall, (W * 0.4, H * 0.86 - H * 0.31), (0.12, 0.0, 0.05, 0.2), contact=0.65)
    place(canvas, rnd, (W * 0.6, H * 0.88 - H * 0.21), (0.12, 0.0, 0.05, 0.2), contact=0.65)
    return finish(canvas, final, rng)


def p_papan_nama(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, int(H * 0.3)), rng, hx("b9916a"), hx("7d5a3c"), planks=1)
    canvas = studio(size, rng, (hx("dfe3e0"), hx("c6ccc8")), table, horizon=0.76, light=(0.25, 0.2))
    pw, ph, t = W * 0.56, H * 0.5, W * 0.025
    size_l = (int(pw + t * 2), int(ph + t * 2))
    tex = marble(size_l, rng, hx("f0ede6"), hx("9a9088"), 35, veins=2.5, cloud=hx("e2dccf"))
    face = Image.new("L", size_l, 0)
    ImageDraw.Draw(face).rectangle((0, t, pw, ph + t), fill=255)
    side = Image.new("L", size_l, 0)
    ImageDraw.Draw(side).polygon([(pw, t), (pw + t, 0), (pw + t, ph), (pw, ph + t)], fill=255)
    top = Image.new("L", size_l, 0)
    ImageDraw.Draw(top).polygon([(0, t), (t, 0), (pw + t, 0), (pw, t)], fill=255)
    fill = tex.copy()
    fill = Image.composite(multiply(tex, Image.new("L", size_l, 175)), fill, side)
    fill = Image.composite(screen(tex, Image.new("L", size_l, 60)), fill, top)
    # an engraved double border: a dark line with a light edge below it
    eng = Image.new("L", size_l, 0)
    ed = ImageDraw.Draw(eng)
    for inset in (0.07, 0.09):
        ed.rounded_rectangle((pw * inset, t + ph * inset * 1.3, pw * (1 - inset), t + ph * (1 - inset * 1.3)), radius=int(pw * 0.02),
                             outline=255, width=max(2, int(pw * 0.004)))
    fill = multiply(fill, curve(blur(eng, 1), lambda v: 1 - 0.45 * v))
    fill = screen(fill, opacity(ImageChops.offset(blur(eng, 1), 0, 2), 0.3))
    fill = highlight(fill, face, (pw * -0.1, t - ph * 0.1, pw * 0.5, t + ph * 0.35), pw * 0.1, 0.25)
    mask = ImageChops.lighter(ImageChops.lighter(face, side), top)
    slab = layer(fill, mask)
    place(canvas, slab, (W * 0.5, H * 0.84 - size_l[1] / 2), (0.08, 0.0, 0.03, 0.3), contact=0.7)
    # a small potted plant beside it
    place(canvas, potted_plant(H * 0.3, rng), (W * 0.88, H * 0.86 - H * 0.15), (0.1, 0.0, 0.06, 0.2), contact=0.5)
    return finish(canvas, final, rng)


def potted_plant(height: float, rng: random.Random) -> Image.Image:
    size = (int(height * 0.8), int(height))
    w, h = size
    out = Image.new("RGBA", size, (0, 0, 0, 0))
    leaves = Image.new("RGBA", size, (0, 0, 0, 0))
    for k in range(11):
        a = -90 + (k - 5) * 16 + rng.uniform(-5, 5)
        length = h * rng.uniform(0.35, 0.55)
        lw = length * 0.22
        leaf = Image.new("RGBA", (int(length), int(lw)), (0, 0, 0, 0))
        m = Image.new("L", leaf.size, 0)
        ImageDraw.Draw(m).polygon(bezier((0, lw / 2), (length * 0.3, -lw * 0.2), (length * 0.8, lw * 0.2), (length, lw / 2), 12)
                                  + bezier((length, lw / 2), (length * 0.8, lw * 0.8), (length * 0.3, lw * 1.2), (0, lw / 2), 12), fill=255)
        g = mix(hx("3f7a3a"), hx("6fa04a"), rng.random())
        f = gradient(leaf.size, [(0, scale(g, 0.8)), (0.5, scale(g, 1.15)), (1, scale(g, 0.8))])
        leaf = layer(f, m).rotate(-a, BICUBIC, expand=True)
        cx, cy = w / 2, h * 0.55
        ax, ay = math.cos(math.radians(a)) * length / 2, math.sin(math.radians(a)) * length / 2
        leaves.alpha_composite(leaf, (int(cx + ax - leaf.width / 2), int(cy + ay - leaf.height / 2)))
    out.alpha_composite(leaves)
    pot = Image.new("L", size, 0)
    ImageDraw.Draw(pot).polygon([(w * 0.22, h * 0.55), (w * 0.78, h * 0.55), (w * 0.7, h), (w * 0.3, h)], fill=255)
    pf = multiply(solid(size, hx("b5653e")), sheen(size, (w * 0.2, 0, w * 0.8, h), [(0, 0.6), (0.3, 1.0), (1, 0.55)]))
    ImageDraw.Draw(pf).rectangle((0, h * 0.55, w, h * 0.62), fill=hx("a65a36"))
    out.alpha_composite(layer(pf, pot))
    return out

# == products: woven lontar and pandan ============================================================

def weave(size: tuple[int, int], cell: float, light: Color, dark: Color, rng: random.Random, angle: float = 45,
          twill: bool = True, stripes: dict[int, Color] | None = None) -> Image.Image:
    """Plaited leaf strips (anyaman): over-under strips, each one shaded and slightly different."""
    w, h = size
    d = int(math.hypot(w, h)) + int(cell * 4)
    n = int(d / cell) + 2
    img = Image.new("RGB", (d, d), scale(dark, 0.5))
    draw = ImageDraw.Draw(img)
    tone_h = [rng.uniform(0.9, 1.08) for _ in range(n)]
    tone_v = [rng.uniform(0.9, 1.08) for _ in range(n)]
    gap = max(1, cell * 0.06)
    stripes = stripes or {}
    for i in range(n):
        for j in range(n):
            x0, y0 = j * cell, i * cell
            over_h = ((i + j) % 4 < 2) if twill else ((i + j) % 2 == 0)
            if over_h:
                c = scale(stripes.get(i % 12, light), tone_h[i])
                draw.rectangle((x0 - gap, y0 + gap, x0 + cell + gap, y0 + cell - gap), fill=c)
                draw.rectangle((x0, y0 + cell * 0.3, x0 + cell, y0 + cell * 0.45), fill=scale(c, 1.08))
            else:
                c = scale(dark, tone_v[j])
                draw.rectangle((x0 + gap, y0 - gap, x0 + cell - gap, y0 + cell + gap), fill=c)
                draw.rectangle((x0 + cell * 0.3, y0, x0 + cell * 0.45, y0 + cell), fill=scale(c, 1.08))
    # strip ends tuck under their neighbours: darken each cell's ends a little
    shade = Image.new("L", (d, d), 255)
    sd = ImageDraw.Draw(shade)
    for i in range(n):
        for j in range(n):
            x0, y0 = j * cell, i * cell
            over_h = ((i + j) % 4 < 2) if twill else ((i + j) % 2 == 0)
            if over_h:
                sd.rectangle((x0, y0, x0 + cell * 0.1, y0 + cell), fill=200)
                sd.rectangle((x0 + cell * 0.9, y0, x0 + cell, y0 + cell), fill=200)
            else:
                sd.rectangle((x0, y0, x0 + cell, y0 + cell * 0.1), fill=200)
                sd.rectangle((x0, y0 + cell * 0.9, x0 + cell, y0 + cell), fill=200)
    img = multiply(img, blur(shade, cell * 0.08))
    fibre = noise((d, d), 1.5, rng, stretch=8)
    img = multiply(img, curve(fibre, lambda v: 0.9 + 0.1 * v))
    img = img.rotate(angle, BICUBIC)
    return img.crop(((d - w) // 2, (d - h) // 2, (d - w) // 2 + w, (d - h) // 2 + h))


def fruit(r: float, rng: random.Random, kind: str) -> Image.Image:
    size = (int(r * 2.8), int(r * 2.8))
    c = size[0] / 2
    out = Image.new("RGBA", size, (0, 0, 0, 0))
    if kind == "orange":
        mask = poly_mask(size, blob_pts(c, c, r, rng, 0.03))
        fill = multiply(solid(size, hx("e8891c")), curve(noise(size, r * 0.04, rng), lambda v: 0.9 + 0.1 * v))
        fill = volume(fill, mask, r * 0.3, 0.55)
        fill = highlight(fill, mask, (c - r * 0.6, c - r * 0.6, c - r * 0.1, c - r * 0.2), r * 0.12, 0.5)
        out.alpha_composite(layer(fill, mask))
        ImageDraw.Draw(out).ellipse((c - r * 0.08, c - r * 0.75, c + r * 0.08, c - r * 0.6), fill=(90, 110, 40, 255))
    elif kind == "mangosteen":
        mask = ellipse_mask(size, (c - r, c - r * 0.9, c + r, c + r * 0.9))
        fill = volume(solid(size, hx("4a1c2c")), mask, r * 0.3, 0.45)
        fill = highlight(fill, mask, (c - r * 0.6, c - r * 0.6, c - r * 0.1, c - r * 0.25), r * 0.1, 0.45)
        out.alpha_composite(layer(fill, mask))
        d = ImageDraw.Draw(out)
        for k in range(4):
            a = math.radians(k * 90 + 45)
            d.ellipse((c + math.cos(a) * r * 0.22 - r * 0.22, c - r * 0.55 + math.sin(a) * r * 0.12 - r * 0.12,
                       c + math.cos(a) * r * 0.22 + r * 0.22, c - r * 0.55 + math.sin(a) * r * 0.12 + r * 0.12), fill=(92, 120, 60, 255))
        d.line([(c, c - r * 0.6), (c + r * 0.05, c - r * 0.95)], fill=(80, 100, 50, 255), width=max(2, int(r * 0.08)))
    else:  # a banana
        pts = bezier((c - r * 1.2, c - r * 0.2), (c - r * 0.6, c + r * 0.9), (c + r * 0.6, c + r * 0.9), (c + r * 1.25, c - r * 0.3), 30) \
            + bezier((c + r * 1.25, c - r * 0.3), (c + r * 0.5, c + r * 0.45), (c - r * 0.5, c + r * 0.45), (c - r * 1.2, c - r * 0.2), 30)
        mask = poly_mask(size, pts)
        fill = volume(solid(size, hx("f1cc3a")), mask, r * 0.12, 0.6)
        fill = highlight(fill, mask, (c - r * 0.6, c + r * 0.2, c + r * 0.6, c + r * 0.35), r * 0.05, 0.4)
        out.alpha_composite(layer(fill, mask))
        d = ImageDraw.Draw(out)
        d.ellipse((c + r * 1.13, c - r * 0.38, c + r * 1.3, c - r * 0.22), fill=(70, 50, 30, 255))
        d.line([(c - r * 1.2, c - r * 0.2), (c - r * 1.35, c - r * 0.35)], fill=(110, 100, 50, 255), width=max(2, int(r * 0.1)))
    return out.rotate(rng.uniform(-30, 30), BICUBIC)


def p_bakul(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, int(H * 0.5)), rng, hx("8c6446"), hx("55382a"), planks=2)
    canvas = studio(size, rng, (hx("eef0e6"), hx("d9dccd")), table, horizon=0.5, light=(0.3, 0.2))
    rx, ry, depth = W * 0.3, H * 0.11, H * 0.3
    lw, lh = int(rx * 2.2), int(ry * 2 + depth + H * 0.1)
    ls = (lw, lh)
    cx, cy = lw / 2, ry + H * 0.02
    tex_in = weave(ls, W * 0.02, hx("c9a46a"), hx("b08850"), rng)
    tex_out = weave(ls, W * 0.02, hx("d7b57a"), hx("bb9358"), rng)
    inside_m = ellipse_mask(ls, (cx - rx, cy - ry, cx + rx, cy + ry))
    inside = multiply(tex_in, gradient(ls, [(0, 120), ((cy + ry) / lh, 200)]))
    front_pts = ellipse_pts(cx, cy, rx, ry, 0, 180, 80)[::-1] + bezier((cx - rx, cy), (cx - rx * 0.95, cy + depth * 0.8),
                                                                    (cx - rx * 0.5, cy + depth), (cx, cy + depth), 30) \
        + bezier((cx, cy + depth), (cx + rx * 0.5, cy + depth), (cx + rx * 0.95, cy + depth * 0.8), (cx + rx, cy), 30)
    front_m = poly_mask(ls, front_pts)
    front = multiply(tex_out, sheen(ls, (cx - rx, 0, cx + rx, lh), [(0, 0.5), (0.25, 0.95), (0.4, 1.0), (0.75, 0.78), (1, 0.5)]))
    front = multiply(front, gradient(ls, [(cy / lh, 255), (1, 175)]))
    rim = Image.new("L", ls, 0)
    ImageDraw.Draw(rim).ellipse((cx - rx, cy - ry, cx + rx, cy + ry), outline=255, width=int(H * 0.035))
    rim_fill = weave(ls, W * 0.008, hx("a77f48"), hx("8a6538"), rng, angle=30)
    rim_fill = volume(rim_fill, rim, H * 0.008, 0.6)
    x0, y0 = int(W * 0.5 - lw / 2), int(H * 0.4)
    soft_ellipse(canvas, (x0 + rx * 0.3, y0 + cy + depth - H * 0.03, x0 + rx * 1.9, y0 + cy + depth + H * 0.03), W * 0.012, 0.6)
    over(canvas, layer(inside, inside_m), (x0, y0))
    # fruit heaped inside, back to front
    pile = Image.new("RGBA", size, (0, 0, 0, 0))
    items = []
    for k in range(16):
        t = rng.random()
        kind = rng.choice(("orange", "orange", "mangosteen", "banana"))
        x = W * 0.5 + (rng.random() - 0.5) * rx * 1.6 * (1 - 0.45 * t)
        y = y0 + cy + ry * 0.35 - t * H * 0.13
        items.append((y, x, kind))
    for y, x, kind in sorted(items):
        f = fruit(W * (0.055 if kind != "banana" else 0.07), rng, kind)
        cast_shadow(pile, f.getchannel("A"), (x - f.width / 2, y - f.height / 2), (W * 0.005, H * 0.01), W * 0.008, 0.4)
        over(pile, f, (int(x - f.width / 2), int(y - f.height / 2)))
    over(canvas, pile)
    over(canvas, layer(front, front_m), (x0, y0))
    rim_front = ImageChops.multiply(rim, poly_mask(ls, [(0, cy), (lw, cy), (lw, lh), (0, lh)]))
    over(canvas, layer(rim_fill, rim_front), (x0, y0))
    return finish(canvas, final, rng)


def p_tas_anyaman(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, int(H * 0.3)), rng, hx("c9ab88"), hx("94745a"), planks=1)
    canvas = studio(size, rng, (hx("e4ebe8"), hx("cbd6d2")), table, horizon=0.76, light=(0.3, 0.2))
    bw, bh = W * 0.44, H * 0.5
    ls = (int(bw * 1.1), int(bh * 1.6))
    lw, lh = ls
    top_y = lh - bh
    body = [(lw * 0.05, top_y), (lw * 0.95, top_y), (lw * 0.9, lh - 2), (lw * 0.1, lh - 2)]
    mask = poly_mask(ls, body)
    blue = hx("2f5a92")
    tex = weave(ls, W * 0.022, hx("dcc592"), hx("c9ad78"), rng, angle=0, twill=False,
                stripes={3: blue, 4: blue, 8: blue})
    tex = multiply(tex, sheen(ls, (lw * 0.05, 0, lw * 0.95, lh), [(0, 0.7), (0.3, 1.0), (0.6, 0.95), (1, 0.7)]))
    tex = volume(tex, mask, W * 0.015, 0.7)
    out = Image.new("RGBA", ls, (0, 0, 0, 0))
    # handles: two braided arches
    for off in (-1, 1):
        hm = Image.new("L", ls, 0)
        hx0 = lw / 2 + off * lw * 0.2
        ImageDraw.Draw(hm).arc((hx0 - lw * 0.17, top_y - lh * 0.3, hx0 + lw * 0.17, top_y + lh * 0.34), 180, 360, fill=255,
                               width=int(W * 0.025))
        hf = weave(ls, W * 0.007, hx("c7ab72"), hx("a98c58"), rng, angle=45)
        hf = volume(hf, hm, W * 0.006, 0.55)
        if off > 0:
            hf = multiply(hf, Image.new("L", ls, 200))
        out.alpha_composite(layer(hf, hm))
    out.alpha_composite(layer(tex, mask))
    hem = Image.new("L", ls, 0)
    ImageDraw.Draw(hem).rectangle((lw * 0.05, top_y, lw * 0.95, top_y + H * 0.035), fill=255)
    hem_f = volume(weave(ls, W * 0.007, hx("b9955e"), hx("9c7a48"), rng, angle=60), hem, W * 0.005, 0.6)
    out.alpha_composite(layer(hem_f, hem))
    place(canvas, out, (W * 0.47, H * 0.88 - lh / 2), (0.1, 0.0, 0.04, 0.3), contact=0.6)
    return finish(canvas, final, rng)


# == products: shells =============================================================================

def scallop(r: float, rng: random.Random, edge: Color, hinge: Color, ribs: int = 15) -> Image.Image:
    """A scallop shell, hinge at the bottom, fan opening upwards, ribbed with growth lines."""
    size = (int(r * 2.3), int(r * 2.3))
    cx, cy = size[0] / 2, size[1] * 0.88
    pts = [(cx, cy)]
    spread = 68
    for i in range(181):
        a = -90 - spread + 2 * spread * i / 180
        k = abs(math.sin(math.radians((a + 90 + spread) * ribs * 180 / (2 * spread)) / 1))
        rr = r * (0.94 + 0.06 * k)
        pts.append((cx + rr * math.cos(math.radians(a)), cy + rr * math.sin(math.radians(a))))
    mask = poly_mask(size, pts)
    ImageDraw.Draw(mask).polygon([(cx - r * 0.3, cy - r * 0.12), (cx + r * 0.3, cy - r * 0.12), (cx + r * 0.22, cy + r * 0.05), (cx - r * 0.22, cy + r * 0.05)], fill=255)
    fill = Image.new("RGB", size)
    rad = field(size, lambda x, y: min(1.0, math.hypot(x * size[0] - cx, y * size[1] - cy) / r), step=4)
    fill = tint(rad, hinge, edge)
    rib = Image.new("L", size, 0)
    rd = ImageDraw.Draw(rib)
    for i in range(ribs + 1):
        a = math.radians(-90 - spread + 2 * spread * i / ribs)
        rd.line([(cx, cy), (cx + r * math.cos(a), cy + r * math.sin(a))], fill=255, width=max(2, int(r * 0.035)))
    rib = blur(rib, r * 0.025)
    fill = multiply(fill, curve(rib, lambda v: 1 - 0.3 * v))
    fill = screen(fill, opacity(ImageChops.offset(rib, int(r * 0.03), 0), 0.25))
    growth = Image.new("L", size, 0)
    gd = ImageDraw.Draw(growth)
    for k in range(5, 30):
        rr = r * k / 30
        gd.arc((cx - rr, cy - rr, cx + rr, cy + rr), -90 - spread, -90 + spread, fill=rng.randrange(60, 200), width=1)
    fill = multiply(fill, curve(growth, lambda v: 1 - 0.15 * v))
    fill = volume(fill, mask, r * 0.1, 0.65)
    fill = highlight(fill, mask, (cx - r * 0.5, cy - r * 0.85, cx - r * 0.05, cy - r * 0.4), r * 0.12, 0.3)
    return layer(fill, mask)


def cowrie(r: float, rng: random.Random) -> Image.Image:
    size = (int(r * 2.4), int(r * 2.4))
    c = size[0] / 2
    mask = ellipse_mask(size, (c - r, c - r * 0.68, c + r, c + r * 0.68))
    fill = solid(size, hx("e9dcc4"))
    d = ImageDraw.Draw(fill)
    for _ in range(30):
        x, y = c + rng.uniform(-0.8, 0.8) * r, c + rng.uniform(-0.5, 0.5) * r
        s = r * rng.uniform(0.04, 0.1)
        d.ellipse((x - s, y - s, x + s, y + s), fill=hx("a0704a"))
    fill = volume(blur(fill, 1), mask, r * 0.25, 0.55)
    fill = highlight(fill, mask, (c - r * 0.6, c - r * 0.55, c + r * 0.1, c - r * 0.25), r * 0.08, 0.6)
    out = layer(fill, mask)
    ImageDraw.Draw(out).line([(c - r * 0.7, c + r * 0.05), (c + r * 0.7, c + r * 0.05)], fill=(90, 60, 40, 255), width=max(2, int(r * 0.06)))
    return out


def p_hiasan_kerang(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = plaster(size, rng, hx("ede6da"), hx("d8cdbd"), 0.05)
    canvas = screen(canvas, opacity(field(size, lambda x, y: max(0.0, 1 - math.hypot(x - 0.25, y - 0.2) * 1.2)), 0.4), (255, 248, 235))
    cx, cy = W / 2, H / 2
    R = H * 0.42
    art = Image.new("RGBA", size, (0, 0, 0, 0))
    ring = Image.new("L", size, 0)
    ImageDraw.Draw(ring).ellipse((cx - R * 0.72, cy - R * 0.72, cx + R * 0.72, cy + R * 0.72), outline=255, width=int(R * 0.07))
    rf = volume(weave(size, W * 0.008, hx("9a6f44"), hx("7d5633"), rng, 30), ring, R * 0.02, 0.55)
    art.alpha_composite(layer(rf, ring))

    def ring_of(n: int, dist: float, r: float, edge: Color, hinge: Color, phase: float) -> None:
        for k in range(n):
            a = phase + 360 * k / n
            s = scallop(r, rng, mix(edge, (255, 255, 255), rng.uniform(0, 0.15)), hinge).rotate(-a - 90 + 180, BICUBIC, expand=True)
            rad = math.radians(a)
            x, y = cx + dist * math.cos(rad), cy + dist * math.sin(rad)
            cast_shadow(art, s.getchannel("A"), (x - s.width / 2, y - s.height / 2), (R * 0.012, R * 0.02), R * 0.015, 0.45)
            art.alpha_composite(s, (int(x - s.width / 2), int(y - s.height / 2)))

    ring_of(14, R * 0.72, R * 0.27, hx("f2d2b0"), hx("c9785a"), 0)
    ring_of(9, R * 0.42, R * 0.2, hx("f6ead8"), hx("d9a27a"), 20)
    for k in range(7):
        a = math.radians(360 * k / 7 + 10)
        cw = cowrie(R * 0.085, rng).rotate(-math.degrees(a), BICUBIC, expand=True)
        x, y = cx + R * 0.17 * math.cos(a), cy + R * 0.17 * math.sin(a)
        cast_shadow(art, cw.getchannel("A"), (x - cw.width / 2, y - cw.height / 2), (R * 0.01, R * 0.015), R * 0.01, 0.45)
        art.alpha_composite(cw, (int(x - cw.width / 2), int(y - cw.height / 2)))
    pearl = Image.new("L", size, 0)
    ImageDraw.Draw(pearl).ellipse((cx - R * 0.08, cy - R * 0.08, cx + R * 0.08, cy + R * 0.08), fill=255)
    pf = highlight(volume(solid(size, hx("f4efe6")), pearl, R * 0.03, 0.6), pearl, (cx - R * 0.06, cy - R * 0.06, cx, cy - R * 0.01), R * 0.01, 0.8)
    art.alpha_composite(layer(pf, pearl))
    cast_shadow(canvas, art.getchannel("A"), (0, 0), (R * 0.05, R * 0.07), R * 0.05, 0.35)
    over(canvas, art)
    return finish(canvas, final, rng, grain=0)


def capiz_shade(w: float, h: float, rng: random.Random, lit: bool) -> Image.Image:
    """A drum lamp shade covered in rows of overlapping round shell chips."""
    size = (int(w), int(h))
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).polygon([(w * 0.12, 0), (w * 0.88, 0), (w, h), (0, h)], fill=255)
    if lit:
        base = gradient(size, [(0, hx("f5c46a")), (0.5, hx("ffe2a0")), (1, hx("f0a850"))])
    else:
        base = gradient(size, [(0, hx("ece6dc")), (1, hx("d8d0c4"))])
    chips = base.copy()
    cd = ImageDraw.Draw(chips)
    edges = Image.new("L", size, 0)
    ed = ImageDraw.Draw(edges)
    r = w * 0.05
    row = 0
    y = -r * 0.2
    while y < h + r:
        off = (row % 2) * r
        x = -r + off
        while x < w + r:
            if lit:
                c = mix(hx("ffd890"), hx("f3a84e"), rng.random() * 0.7)
            else:
                c = mix(hx("f4efe8"), rng.choice((hx("e6d8e8"), hx("d8e4ea"), hx("efe0cc"))), rng.uniform(0.2, 0.7))
            cd.ellipse((x - r, y - r, x + r, y + r), fill=c)
            ed.arc((x - r, y - r, x + r, y + r), 20, 160, fill=255, width=max(1, int(r * 0.08)))
            x += r * 2
        y += r * 1.25
        row += 1
    chips = multiply(chips, curve(blur(edges, 1), lambda v: 1 - (0.25 if lit else 0.18) * v))
    chips = multiply(chips, sheen(size, (0, 0, w, h), [(0, 0.7), (0.3, 1.0), (0.55, 1.0), (1, 0.62)] if not lit else
                                  [(0, 0.75), (0.5, 1.0), (1, 0.75)]))
    if lit:
        chips = screen(chips, opacity(field(size, lambda x, y: max(0.0, 1 - math.hypot(x - 0.5, (y - 0.55) * 1.2) * 1.6)), 0.6), (255, 250, 220))
    out = layer(chips, mask)
    d = ImageDraw.Draw(out)
    d.line([(w * 0.12, 2), (w * 0.88, 2)], fill=(120, 96, 60, 255), width=max(3, int(h * 0.02)))
    d.line([(0, h - 2), (w, h - 2)], fill=(120, 96, 60, 255), width=max(3, int(h * 0.025)))
    return out


def lamp_base(w: float, h: float, rng: random.Random) -> Image.Image:
    size = (int(w), int(h))
    mask = Image.new("L", size, 0)
    d = ImageDraw.Draw(mask)
    d.rectangle((w * 0.43, 0, w * 0.57, h * 0.8), fill=255)
    d.ellipse((w * 0.3, h * 0.25, w * 0.7, h * 0.7), fill=255)
    d.rounded_rectangle((w * 0.1, h * 0.8, w * 0.9, h), radius=int(h * 0.05), fill=255)
    fill = wood(size, rng, hx("8a5a34"), hx("5a361e"), rings=3, vertical=True)
    fill = multiply(fill, sheen(size, (w * 0.1, 0, w * 0.9, h), [(0, 0.6), (0.35, 1.0), (1, 0.55)]))
    fill = volume(fill, mask, w * 0.03, 0.6)
    fill = highlight(fill, mask, (w * 0.36, h * 0.3, w * 0.44, h * 0.6), w * 0.02, 0.4)
    return layer(fill, mask)


def p_lampu(final: tuple[int, int], rng: random.Random, lit: bool) -> Image.Image:
    W, H = size = canvas_size(final)
    if lit:
        table = wood((W, int(H * 0.3)), rng, hx("5a3a24"), hx("2a1a10"), planks=1)
        canvas = studio(size, rng, (hx("2a2420"), hx("1a1512")), table, horizon=0.72, light=(0.5, 0.4))
    else:
        table = wood((W, int(H * 0.3)), rng, hx("c8a57f"), hx("8e6c4c"), planks=1)
        canvas = studio(size, rng, (hx("f0ece4"), hx("dcd4c8")), table, horizon=0.72, light=(0.2, 0.2))
        # window light falling on the wall
        win = Image.new("L", size, 0)
        wd = ImageDraw.Draw(win)
        for i in range(2):
            for j in range(2):
                wd.polygon([(W * (0.58 + i * 0.17), H * (0.1 + j * 0.22)), (W * (0.73 + i * 0.17), H * (0.12 + j * 0.22)),
                            (W * (0.73 + i * 0.17), H * (0.31 + j * 0.22)), (W * (0.58 + i * 0.17), H * (0.29 + j * 0.22))], fill=255)
        canvas = screen(canvas, opacity(blur(win, W * 0.012), 0.35), (255, 246, 225))
    sw, sh = W * 0.5, H * 0.3
    shade = capiz_shade(sw, sh, rng, lit)
    base = lamp_base(W * 0.36, H * 0.32, rng)
    ty = H * 0.86
    if lit:
        glow = field(size, lambda x, y: max(0.0, 1 - math.hypot(x - 0.5, (y - 0.38) * 0.75) * 1.6) ** 1.8)
        canvas = screen(canvas, glow, (255, 170, 70))
        pool = field(size, lambda x, y: max(0.0, 1 - math.hypot((x - 0.5) * 0.8, (y - 0.82) * 3.0) * 1.5) ** 1.5)
        canvas = screen(canvas, opacity(pool, 0.8), (255, 160, 70))
        base_rgb = screen(base.convert("RGB"), opacity(gradient(base.size, [(0, 0), (0.3, 160), (1, 60)]), 0.8), (255, 150, 60))
        base = layer(base_rgb, base.getchannel("A"))
    place(canvas, base, (W * 0.5, ty - base.height / 2), None if lit else (0.15, 0.0, 0.05, 0.2), contact=0.6)
    place(canvas, shade, (W * 0.5, ty - base.height * 0.75 - sh / 2), None if lit else (0.15, 0.0, 0.05, 0.18))
    if lit:
        halo = field(size, lambda x, y: max(0.0, 1 - math.hypot(x - 0.5, (y - (ty - base.height * 0.75 - sh / 2) / H) * 0.9) * 2.4) ** 2)
        canvas = screen(canvas, opacity(halo, 0.45), (255, 200, 120))
    return finish(canvas, final, rng, vignette=0.35 if lit else 0.2)

# == batik ========================================================================================

def petal(cx: float, cy: float, dist: float, length: float, width: float, angle: float, n: int = 40) -> list[Point]:
    """An almond-shaped petal whose base sits `dist` from (cx, cy), pointing at `angle` degrees (0 = up)."""
    pts = []
    for i in range(n + 1):
        t = i / n
        half = width / 2 * math.sin(math.pi * t) ** 0.8 * (1 - 0.3 * t)
        pts.append((half, -(dist + length * t)))
    for i in range(n, -1, -1):
        t = i / n
        half = width / 2 * math.sin(math.pi * t) ** 0.8 * (1 - 0.3 * t)
        pts.append((-half, -(dist + length * t)))
    return rotate_pts([(cx + x, cy + y) for x, y in pts], angle, cx, cy)


def shrink_pts(pts: list[Point], k: float) -> list[Point]:
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    return [(mx + (x - mx) * k, my + (y - my) * k) for x, y in pts]


def orchid(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, rot: float, fill: Color, line: Color, lip: Color,
           lw: float, dots: bool = True) -> None:
    """A batik orchid: three sepals, two broad petals, a lip; outlined with a double canting line and dotted."""
    shapes = [(petal(cx, cy, r * 0.05, r * 0.95, r * 0.34, rot + a), f) for a, f in ((0, fill), (125, fill), (-125, fill))]
    shapes += [(petal(cx, cy, r * 0.05, r * 0.8, r * 0.55, rot + a), f) for a, f in ((62, fill), (-62, fill))]
    shapes.append((petal(cx, cy, -r * 0.05, r * 0.5, r * 0.5, rot + 180), lip))
    for pts, f in shapes:
        d.polygon(pts, fill=f)
        d.line(pts + [pts[0]], fill=line, width=max(1, int(lw)), joint="curve")
        inner = shrink_pts(pts, 0.72)
        d.line(inner + [inner[0]], fill=line, width=max(1, int(lw * 0.5)), joint="curve")
        if dots:
            mx = sum(x for x, _ in pts) / len(pts)
            my = sum(y for _, y in pts) / len(pts)
            for k in range(-2, 3):
                px, py = mx + (pts[len(pts) // 4][0] - mx) * k * 0.12, my + (pts[len(pts) // 4][1] - my) * k * 0.12
                rr = lw * 0.55
                d.ellipse((px - rr, py - rr, px + rr, py + rr), fill=line)
    d.ellipse((cx - r * 0.1, cy - r * 0.1, cx + r * 0.1, cy + r * 0.1), fill=line)
    d.ellipse((cx - r * 0.05, cy - r * 0.05, cx + r * 0.05, cy + r * 0.05), fill=fill)


def leaf_strap(d: ImageDraw.ImageDraw, p0: Point, p1: Point, p2: Point, p3: Point, width: float, fill: Color, line: Color,
               lw: float) -> None:
    spine = bezier(p0, p1, p2, p3, 30)
    left, right = [], []
    for i, (x, y) in enumerate(spine):
        j = min(i + 1, len(spine) - 1)
        k = max(i - 1, 0)
        dx, dy = spine[j][0] - spine[k][0], spine[j][1] - spine[k][1]
        n = math.hypot(dx, dy) or 1
        t = i / (len(spine) - 1)
        hw = width / 2 * math.sin(math.pi * min(1.0, t * 1.0 + 0.02)) ** 0.6
        left.append((x - dy / n * hw, y + dx / n * hw))
        right.append((x + dy / n * hw, y - dx / n * hw))
    pts = left + right[::-1]
    d.polygon(pts, fill=fill)
    d.line(pts + [pts[0]], fill=line, width=max(1, int(lw)), joint="curve")
    d.line(spine, fill=line, width=max(1, int(lw * 0.6)), joint="curve")


def tile_fill(size: tuple[int, int], tile: Image.Image, offset: Point = (0, 0)) -> Image.Image:
    out = Image.new(tile.mode, size)
    tw, th = tile.size
    ox, oy = int(offset[0]) % tw - tw, int(offset[1]) % th - th
    for y in range(oy, size[1], th):
        for x in range(ox, size[0], tw):
            out.paste(tile, (x, y))
    return out


def cecek(d: ImageDraw.ImageDraw, box: tuple[float, float, float, float], step: float, r: float, color: Color) -> None:
    """Isen-isen cecek: a field of small dots."""
    x0, y0, x1, y1 = box
    row = 0
    y = y0
    while y < y1:
        x = x0 + (step / 2 if row % 2 else 0)
        while x < x1:
            d.ellipse((x - r, y - r, x + r, y + r), fill=color)
            x += step
        y += step * 0.87
        row += 1


def tile_anggrek(ts: int, bg: Color, fg: Color, line: Color, lip: Color, leaf: Color, rng: random.Random) -> Image.Image:
    tile = Image.new("RGB", (ts, ts), bg)
    d = ImageDraw.Draw(tile)
    cecek(d, (0, 0, ts, ts), ts / 22, ts / 260, mix(bg, fg, 0.45))
    lw = ts / 120
    for ox in (-ts, 0, ts):
        for oy in (-ts, 0, ts):
            leaf_strap(d, (ox + ts * 0.05, oy + ts * 0.95), (ox + ts * 0.2, oy + ts * 0.6), (ox + ts * 0.4, oy + ts * 0.7),
                       (ox + ts * 0.55, oy + ts * 0.5), ts * 0.09, leaf, line, lw)
            leaf_strap(d, (ox + ts * 0.55, oy + ts * 0.45), (ox + ts * 0.7, oy + ts * 0.2), (ox + ts * 0.9, oy + ts * 0.35),
                       (ox + ts * 1.05, oy + ts * 0.05), ts * 0.07, leaf, line, lw)
    for ox in (-ts, 0, ts):
        for oy in (-ts, 0, ts):
            orchid(d, ox + ts * 0.27, oy + ts * 0.3, ts * 0.2, -15, fg, line, lip, lw)
            orchid(d, ox + ts * 0.77, oy + ts * 0.78, ts * 0.17, 20, fg, line, lip, lw)
            orchid(d, ox + ts * 0.82, oy + ts * 0.22, ts * 0.09, 40, fg, line, lip, lw * 0.8, dots=False)
    return tile


def tile_bambu(ts: int, bg: Color, dark: Color, line: Color, rng: random.Random) -> Image.Image:
    tile = Image.new("RGB", (ts, ts), bg)
    d = ImageDraw.Draw(tile)
    for k in range(0, ts * 2, max(3, ts // 40)):  # galaran: fine diagonal lines
        d.line([(k, 0), (k - ts, ts)], fill=mix(bg, line, 0.2), width=max(1, ts // 300))
    lw = ts / 110
    for ox in (-ts, 0, ts):
        for sx, tilt in ((0.2, 0.06), (0.62, -0.05)):
            x0 = ox + ts * sx
            seg = ts / 3
            for j in range(-1, 4):
                y0, y1 = j * seg, (j + 1) * seg - ts * 0.012
                xa, xb = x0 + tilt * y0, x0 + tilt * y1
                wdt = ts * 0.05
                pts = [(xa - wdt, y0), (xa + wdt, y0), (xb + wdt, y1), (xb - wdt, y1)]
                d.polygon(pts, fill=dark)
                d.line(pts + [pts[0]], fill=line, width=int(lw))
                d.line([(xa - wdt * 0.4, y0 + seg * 0.1), (xb - wdt * 0.4, y1 - seg * 0.1)], fill=line, width=int(lw * 0.6))
                d.ellipse((xb - wdt * 1.3, y1 - ts * 0.01, xb + wdt * 1.3, y1 + ts * 0.02), outline=line, width=int(lw * 0.7))
    for ox in (-ts, 0, ts):
        for oy in (-ts, 0, ts):
            for cx, cy, base_a in ((0.2, 0.33, 0), (0.62, 0.66, 180), (0.21, 0.99, 0), (0.61, 0.0, 180)):
                for k in range(4):
                    a = math.radians(base_a + 20 + k * 28)
                    sx_, sy_ = ox + ts * cx, oy + ts * cy
                    ex, ey = sx_ + math.cos(a) * ts * 0.2, sy_ + math.sin(a) * ts * 0.12 - ts * 0.03
                    leaf_strap(d, (sx_, sy_), (sx_ + (ex - sx_) * 0.3, sy_ - ts * 0.04), (sx_ + (ex - sx_) * 0.7, ey), (ex, ey + ts * 0.02),
                               ts * 0.055, dark, line, lw * 0.8)
    return tile


def tile_riak(ts: int, bg: Color, light: Color, dark: Color, rng: random.Random) -> Image.Image:
    """Ripples on the lake: overlapping rings in rows, like scales, with a cap's slight misregistration."""
    tile = Image.new("RGB", (ts, ts), bg)
    d = ImageDraw.Draw(tile)
    lw = ts / 120
    centres = [(x, y) for y in (0, 0.5, 1.0) for x in ((0, 0.5, 1.0) if y != 0.5 else (0.25, 0.75))]
    centres += [(x, y + 0.25) for y in (0, 0.5) for x in (0.25, 0.75)] + [(x, y + 0.25) for y in (-0.5, 0, 0.5) for x in (0, 0.5, 1)]
    centres = sorted(set(centres), key=lambda c: (c[1], c[0]))
    for x, y in centres:
        cx, cy = x * ts, y * ts
        for k, rr in enumerate((0.34, 0.27, 0.2, 0.13, 0.06)):
            r = rr * ts
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(light if k % 2 == 0 else bg), outline=dark, width=int(lw))
        d.ellipse((cx - ts * 0.015, cy - ts * 0.015, cx + ts * 0.015, cy + ts * 0.015), fill=dark)
    return tile


def tile_rebung(ts: int, bg: Color, line: Color, accent: Color, rng: random.Random) -> Image.Image:
    """Pucuk rebung: rows of tall triangles (bamboo shoots), each with an inner spine and leaf ticks."""
    tile = Image.new("RGB", (ts, ts), bg)
    d = ImageDraw.Draw(tile)
    lw = ts / 100
    for row, y0 in enumerate((0.0, 0.5)):
        base = (y0 + 0.5) * ts
        top = y0 * ts + ts * 0.04
        for k in range(-1, 3):
            x0 = (k + (0.5 if row else 0)) * ts / 2
            x1 = x0 + ts / 2
            xm = (x0 + x1) / 2
            tri = [(x0 + ts * 0.01, base), (xm, top), (x1 - ts * 0.01, base)]
            d.polygon(tri, fill=accent)
            d.line(tri + [tri[0]], fill=line, width=int(lw))
            inner = shrink_pts(tri, 0.7)
            d.polygon(inner, fill=bg)
            d.line(inner + [inner[0]], fill=line, width=int(lw * 0.7))
            d.line([(xm, base - ts * 0.02), (xm, top + ts * 0.12)], fill=line, width=int(lw))
            for j in range(4):
                yy = base - ts * (0.08 + j * 0.085)
                wdt = ts * 0.06 * (1 - j * 0.18)
                d.line([(xm, yy), (xm - wdt, yy + ts * 0.04)], fill=line, width=int(lw * 0.7))
                d.line([(xm, yy), (xm + wdt, yy + ts * 0.04)], fill=line, width=int(lw * 0.7))
        d.line([(0, base), (ts, base)], fill=line, width=int(lw * 1.2))
        cecek(d, (0, base + ts * 0.015, ts, base + ts * 0.035), ts / 30, ts / 250, line)
    return tile


def crackle(img: Image.Image, rng: random.Random, color: Color, amount: float = 0.25) -> Image.Image:
    """The fine cracks of batik wax (remukan) where dye crept in."""
    w, h = img.size
    m = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(m)
    for _ in range(int(w * h / 40000)):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        a = rng.uniform(0, 2 * math.pi)
        pts = [(x, y)]
        for _ in range(rng.randrange(3, 8)):
            a += rng.uniform(-0.7, 0.7)
            step = rng.uniform(0.01, 0.03) * min(w, h)
            x, y = x + step * math.cos(a), y + step * math.sin(a)
            pts.append((x, y))
        d.line(pts, fill=rng.randrange(100, 255), width=1)
    return Image.composite(solid(img.size, color), img, opacity(blur(m, 0.6), amount))


def fabric_shading(size: tuple[int, int], rng: random.Random, folds: int = 4, angle: float = 20, depth: float = 0.2,
                   silk: float = 0.0) -> tuple[Image.Image, Image.Image]:
    """(dark, light) L images for soft cloth folds: dark multiplies, light screens (sheen for silk)."""
    w, h = size
    phases = [rng.uniform(0, 6.3) for _ in range(3)]
    ca, sa = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    warp = [rng.uniform(0, 6.3) for _ in range(2)]

    def wave(x: float, y: float) -> float:
        u = x * ca + y * sa
        v = -x * sa + y * ca
        u += 0.06 * math.sin(v * 5 + warp[0]) + 0.03 * math.sin(v * 11 + warp[1])
        s = (math.sin(u * folds * 6.28 + phases[0]) + 0.5 * math.sin(u * folds * 2.1 * 6.28 + phases[1])) / 1.5
        return 0.5 + 0.5 * s

    base = field(size, wave, step=6)
    dark = curve(base, lambda v: 1 - depth * (1 - v) ** 1.5)
    light = curve(base, lambda v: silk * max(0.0, (v - 0.6) / 0.4) ** 2)
    return dark, light


def drape(img: Image.Image, rng: random.Random, folds: int = 3, angle: float = 20, depth: float = 0.22,
          silk: float = 0.0, sheen_color: Color = (255, 255, 255)) -> Image.Image:
    dark, light = fabric_shading(img.size, rng, folds, angle, depth, silk)
    out = multiply(img, dark)
    return screen(out, light, sheen_color) if silk else out


def weave_texture(img: Image.Image, rng: random.Random, amount: float = 0.08, pitch: float = 2.0) -> Image.Image:
    """Visible warp and weft threads."""
    w, h = img.size
    tx = noise(img.size, pitch, rng, stretch=30)
    ty = noise((h, w), pitch, rng, stretch=30).transpose(Image.Transpose.ROTATE_90)
    t = Image.blend(tx, ty, 0.5)
    return multiply(img, curve(t, lambda v: 1 - amount + amount * v))


def cloth_piece(pattern: Image.Image, rng: random.Random, angle: float, hem: Color | None = None, folds: int = 3,
                silk: float = 0.0, depth: float = 0.22) -> Image.Image:
    """A rectangle of cloth (RGBA) with folds, optionally a hem line, rotated."""
    w, h = pattern.size
    img = drape(weave_texture(pattern, rng, 0.035), rng, folds, rng.uniform(10, 40), depth, silk)
    mask = Image.new("L", pattern.size, 0)
    ImageDraw.Draw(mask).rectangle((0, 0, w - 1, h - 1), fill=255)
    if hem:
        d = ImageDraw.Draw(img)
        t = max(3, int(min(w, h) * 0.012))
        d.rectangle((0, 0, w - 1, h - 1), outline=hem, width=t)
    img = volume(img, mask, min(w, h) * 0.01, 0.8)
    return layer(img, mask).rotate(angle, BICUBIC, expand=True)


def folded_stack(patterns: list[Image.Image], rng: random.Random, w: float, d: float, t: float) -> Image.Image:
    """Folded cloths stacked: each shows its pattern on top and a rounded folded edge in front."""
    n = len(patterns)
    size = (int(w * 1.15), int(d + t * n * 1.05 + t))
    out = Image.new("RGBA", size, (0, 0, 0, 0))
    for i, pat in enumerate(patterns):
        k = n - 1 - i  # bottom first
        x0 = size[0] / 2 - w / 2 + (k - (n - 1) / 2) * w * 0.025 + rng.uniform(-1, 1) * w * 0.01
        y0 = size[1] - d - t * (i + 1) * 1.05 - t * 0.1
        top = weave_texture(pat.crop((0, 0, int(w), int(d))), rng, 0.06)
        top = drape(top, rng, 2, 80, 0.1)
        lay = Image.new("RGBA", size, (0, 0, 0, 0))
        tm = Image.new("L", size, 0)
        ImageDraw.Draw(tm).rounded_rectangle((x0, y0, x0 + w, y0 + d), radius=int(t * 0.3), fill=255)
        tf = Image.new("RGB", size)
        tf.paste(top, (int(x0), int(y0)))
        tf = multiply(tf, gradient(size, [(y0 / size[1], 215), ((y0 + d) / size[1], 255)]))
        lay.alpha_composite(layer(tf, tm))
        fm = Image.new("L", size, 0)
        ImageDraw.Draw(fm).rounded_rectangle((x0, y0 + d - t * 0.3, x0 + w, y0 + d + t), radius=int(t * 0.5), fill=255)
        ff = Image.new("RGB", size)
        edge = pat.crop((0, int(d), int(w), int(d + t * 2))).resize((int(w), int(t * 1.3)), BICUBIC)
        ff.paste(edge, (int(x0), int(y0 + d - t * 0.3)))
        ff = multiply(ff, gradient(size, [((y0 + d - t * 0.3) / size[1], 250), ((y0 + d + t * 0.2) / size[1], 200),
                                          ((y0 + d + t) / size[1], 120)]))
        ff = screen(ff, opacity(gradient(size, [((y0 + d - t * 0.3) / size[1], 0), ((y0 + d) / size[1], 90),
                                                ((y0 + d + t * 0.4) / size[1], 0)]), 0.6))
        lay.alpha_composite(layer(ff, ImageChops.subtract(fm, tm)))
        cast_shadow(out, lay.getchannel("A"), (0, 0), (t * 0.05, t * 0.35), t * 0.3, 0.5)
        out.alpha_composite(lay)
    return out


BATIK_INDIGO = (hx("1d2b52"), hx("efe4c8"), hx("6b4a2a"), hx("b7793f"), hx("3f5a86"))  # ground, cream, soga, lip, leaf


def anggrek_pattern(size: tuple[int, int], rng: random.Random, ts: int, bg: Color = BATIK_INDIGO[0],
                    fg: Color = BATIK_INDIGO[1], line: Color = BATIK_INDIGO[2], lip: Color = BATIK_INDIGO[3],
                    leaf: Color = BATIK_INDIGO[4]) -> Image.Image:
    img = tile_fill(size, tile_anggrek(ts, bg, fg, line, lip, leaf, rng), (rng.uniform(0, ts), rng.uniform(0, ts)))
    return bleed(crackle(img, rng, scale(bg, 0.7), 0.35), ts)


def bleed(img: Image.Image, ts: float) -> Image.Image:
    """Dye creeps a little past the wax: soften the motif edges."""
    return blur(img, max(1.0, ts / 260))


def p_kain_anggrek(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = wood(size, rng, hx("b08a64"), hx("6f4f34"), planks=5, vertical=True)
    pat = anggrek_pattern((int(W * 1.1), int(H * 1.0)), rng, int(W * 0.34))
    cloth = cloth_piece(pat, rng, -8, hem=BATIK_INDIGO[1], folds=2, depth=0.28)
    place(canvas, cloth, (W * 0.6, H * 0.58), (0.005, 0.01, 0.01, 0.5))
    return finish(canvas, final, rng)


def p_detail_canting(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    bg, fg, line, lip, leaf = BATIK_INDIGO
    img = Image.new("RGB", size, bg)
    d = ImageDraw.Draw(img)
    cecek(d, (0, 0, W, H), W / 40, W / 600, mix(bg, fg, 0.5))
    leaf_strap(d, (-W * 0.1, H * 1.1), (W * 0.1, H * 0.6), (W * 0.35, H * 0.9), (W * 0.5, H * 0.7), W * 0.14, leaf, line, W / 250)
    orchid(d, W * 0.52, H * 0.45, H * 0.75, -12, fg, line, lip, W / 220)
    # isen-isen: rows of canting dots along each petal's middle
    for a in (-12, 113, -137, 50, -74):
        for k in range(1, 14):
            t = k / 14
            rr = W / 450
            px = W * 0.52 + math.sin(math.radians(a)) * H * 0.75 * (0.15 + 0.7 * t)
            py = H * 0.45 - math.cos(math.radians(a)) * H * 0.75 * (0.15 + 0.7 * t)
            for off in (-1, 1):
                ox, oy = math.cos(math.radians(a)) * W * 0.012 * off, math.sin(math.radians(a)) * W * 0.012 * off
                d.ellipse((px + ox - rr, py + oy - rr, px + ox + rr, py + oy + rr), fill=line)
    img = crackle(img, rng, scale(bg, 0.7), 0.45)
    img = crackle(img, rng, scale(fg, 0.85), 0.15)
    img = weave_texture(img, rng, 0.12, 2.5)
    img = drape(img, rng, 1, 30, 0.15)
    return finish(img, final, rng, vignette=0.25)


def p_batik_bambu(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, int(H * 0.55)), rng, hx("caa982"), hx("957656"), planks=2)
    canvas = studio(size, rng, (hx("f1ebe1"), hx("ddd2c2")), table, horizon=0.42, light=(0.3, 0.2))
    ts = int(W * 0.16)
    tile = tile_bambu(ts, hx("8a5a2e"), hx("3e2414"), hx("ead7b0"), rng)
    pats = [bleed(crackle(tile_fill((int(W * 0.7), int(H * 0.5)), tile, (rng.uniform(0, ts), rng.uniform(0, ts))), rng, hx("4a2a14"), 0.25), ts)
            for _ in range(3)]
    stack = folded_stack(pats, rng, W * 0.56, H * 0.28, H * 0.07)
    place(canvas, stack, (W * 0.5, H * 0.88 - stack.height / 2), (0.03, 0.01, 0.03, 0.3), contact=0.5)
    return finish(canvas, final, rng)


def p_batik_situ(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = wood(size, rng, hx("c2a07a"), hx("86654a"), planks=5, vertical=True)
    ts = int(W * 0.2)
    tile = tile_riak(ts, hx("1f8a86"), hx("e8efe0"), hx("0f4a4c"), rng)
    pat = bleed(crackle(tile_fill((int(W * 1.0), int(H * 0.95)), tile), rng, hx("0f5a5a"), 0.25), ts)
    cloth = cloth_piece(pat, rng, 6, hem=hx("0f4a4c"), folds=3, depth=0.25)
    place(canvas, cloth, (W * 0.44, H * 0.5), (0.005, 0.01, 0.01, 0.5))
    return finish(canvas, final, rng)


def p_kemeja(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = plaster(size, rng, hx("e9e4dc"), hx("d3cabd"), 0.05)
    canvas = screen(canvas, opacity(field(size, lambda x, y: max(0.0, 1 - math.hypot(x - 0.3, y - 0.2) * 1.3)), 0.35), (255, 248, 235))
    bg, line, accent = hx("23335e"), hx("eee3c6"), hx("8c5a30")
    ts = int(W * 0.19)
    pat = tile_fill(size, tile_rebung(ts, bg, line, accent, rng))
    pat = bleed(crackle(pat, rng, scale(bg, 0.7), 0.3), ts)
    cx = W / 2
    top, bottom = H * 0.18, H * 0.92
    sh = W * 0.34  # half width at the shoulders
    body = [(cx - W * 0.1, top), (cx - sh, top + H * 0.05), (cx - W * 0.49, top + H * 0.22), (cx - W * 0.4, top + H * 0.3),
            (cx - W * 0.3, top + H * 0.22), (cx - W * 0.3, bottom), (cx + W * 0.3, bottom), (cx + W * 0.3, top + H * 0.22),
            (cx + W * 0.4, top + H * 0.3), (cx + W * 0.49, top + H * 0.22), (cx + sh, top + H * 0.05), (cx + W * 0.1, top)]
    mask = poly_mask(size, body)
    shirt = drape(weave_texture(pat, rng, 0.06), rng, 4, 90, 0.22)
    d = ImageDraw.Draw(shirt)
    # the hem border: larger tumpal triangles
    border = tile_fill((int(W * 0.6), int(ts * 0.5)), tile_rebung(ts, bg, line, accent, rng).resize((ts, ts)).crop((0, 0, ts, ts // 2)))
    shirt.paste(border, (int(cx - W * 0.3), int(bottom - ts * 0.5)))
    for seam in ([(cx - W * 0.3, top + H * 0.22), (cx - W * 0.37, top + H * 0.07)], [(cx + W * 0.3, top + H * 0.22), (cx + W * 0.37, top + H * 0.07)]):
        d.line(seam, fill=scale(bg, 0.6), width=int(W * 0.004))
    d.line([(cx, top + H * 0.05), (cx, bottom)], fill=scale(bg, 0.55), width=int(W * 0.004))
    d.line([(cx + W * 0.03, top + H * 0.05), (cx + W * 0.03, bottom)], fill=scale(bg, 0.55), width=int(W * 0.003))
    for k in range(6):
        by = top + H * (0.1 + k * 0.12)
        r = W * 0.011
        d.ellipse((cx + W * 0.015 - r, by - r, cx + W * 0.015 + r, by + r), fill=hx("e8dcc0"), outline=scale(bg, 0.6))
    shirt = volume(shirt, mask, W * 0.02, 0.7)
    out = layer(shirt, mask)
    # collar
    collar = [(cx - W * 0.1, top), (cx, top + H * 0.08), (cx + W * 0.1, top), (cx + W * 0.13, top + H * 0.02), (cx + W * 0.02, top + H * 0.1),
              (cx, top + H * 0.09), (cx - W * 0.02, top + H * 0.1), (cx - W * 0.13, top + H * 0.02)]
    cm = poly_mask(size, collar)
    cf = volume(multiply(pat, Image.new("L", size, 225)), cm, W * 0.008, 0.6)
    out.alpha_composite(layer(cf, cm))
    # hanger
    hd = ImageDraw.Draw(canvas)
    hd.line([(cx, top - H * 0.02), (cx, top - H * 0.06)], fill=hx("8d8f90"), width=int(W * 0.008))
    hd.arc((cx - W * 0.035, top - H * 0.11, cx + W * 0.035, top - H * 0.04), 180, 40, fill=hx("8d8f90"), width=int(W * 0.008))
    hanger = Image.new("L", size, 0)
    ImageDraw.Draw(hanger).line([(cx - W * 0.36, top + H * 0.06), (cx, top - H * 0.015), (cx + W * 0.36, top + H * 0.06)],
                                fill=255, width=int(W * 0.025), joint="curve")
    hf = volume(wood(size, rng, hx("b88a5a"), hx("8a5f38")), hanger, W * 0.006, 0.6)
    over(canvas, layer(hf, hanger))
    place(canvas, out, (W / 2, H / 2), (0.02, 0.03, 0.02, 0.35))
    return finish(canvas, final, rng)


def p_tote(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, int(H * 0.3)), rng, hx("c9ab88"), hx("94745a"), planks=1)
    canvas = studio(size, rng, (hx("e6ebe3"), hx("cfd8cc")), table, horizon=0.8, light=(0.3, 0.2))
    bw, bh = W * 0.44, H * 0.56
    ls = (int(bw * 1.05), int(bh * 1.5))
    lw, lh = ls
    top_y = lh - bh
    canvas_col = hx("ece2cc")
    out = Image.new("RGBA", ls, (0, 0, 0, 0))
    for off in (-1, 1):
        hm = Image.new("L", ls, 0)
        hx0 = lw / 2 + off * bw * 0.2
        ImageDraw.Draw(hm).arc((hx0 - bw * 0.14, top_y - lh * 0.3, hx0 + bw * 0.14, top_y + lh * 0.3), 180, 360, fill=255, width=int(W * 0.022))
        hf = volume(cloth_surface(ls, rng, scale(canvas_col, 0.95 if off < 0 else 0.82), 0.15), hm, W * 0.005, 0.7)
        out.alpha_composite(layer(hf, hm))
    mask = Image.new("L", ls, 0)
    ImageDraw.Draw(mask).rectangle((lw / 2 - bw / 2, top_y, lw / 2 + bw / 2, lh - 1), fill=255)
    body = cloth_surface(ls, rng, canvas_col, 0.14)
    ts = int(W * 0.12)
    panel = anggrek_pattern((int(bw * 0.7), int(bh * 0.6)), rng, ts, hx("9e3b24"), hx("f1e3c4"), hx("4a1a0e"), hx("e0a050"), hx("c86a44"))
    px0, py0 = int(lw / 2 - panel.width / 2), int(top_y + bh * 0.22)
    body.paste(weave_texture(panel, rng, 0.1), (px0, py0))
    d = ImageDraw.Draw(body)
    step = W * 0.008
    for x0, y0, x1, y1 in ((px0 - step, py0 - step, px0 + panel.width + step, py0 - step), (px0 - step, py0 + panel.height + step, px0 + panel.width + step, py0 + panel.height + step),
                           (px0 - step, py0 - step, px0 - step, py0 + panel.height + step), (px0 + panel.width + step, py0 - step, px0 + panel.width + step, py0 + panel.height + step)):
        n = int(math.hypot(x1 - x0, y1 - y0) / (step * 1.6))
        for k in range(n):
            t0, t1 = k / n, (k + 0.55) / n
            d.line([(x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0), (x0 + (x1 - x0) * t1, y0 + (y1 - y0) * t1)], fill=hx("7a5a3a"), width=max(2, int(W * 0.002)))
    d.rectangle((lw / 2 - bw / 2, top_y, lw / 2 + bw / 2, top_y + bh * 0.06), fill=scale(canvas_col, 0.96))
    d.line([(lw / 2 - bw / 2, top_y + bh * 0.06), (lw / 2 + bw / 2, top_y + bh * 0.06)], fill=scale(canvas_col, 0.8), width=max(2, int(W * 0.002)))
    body = drape(body, rng, 2, 90, 0.12)
    body = multiply(body, sheen(ls, (lw / 2 - bw / 2, 0, lw / 2 + bw / 2, lh), [(0, 0.8), (0.3, 1.0), (1, 0.82)]))
    out.alpha_composite(layer(body, mask))
    place(canvas, out, (W * 0.5, H * 0.9 - lh / 2), (0.1, 0.0, 0.04, 0.3), contact=0.6)
    return finish(canvas, final, rng, grain=0)

# == silk: tenun sutra ============================================================================

def stripes_tile(size: tuple[int, int], base: Color, bands: list[tuple[float, float, Color]], axis: str = "x") -> Image.Image:
    """Stripes at fractions of the tile: (start, width, colour)."""
    w, h = size
    img = Image.new("RGB", size, base)
    d = ImageDraw.Draw(img)
    for start, width, c in bands:
        if axis == "x":
            d.rectangle((start * w, 0, (start + width) * w, h), fill=c)
        else:
            d.rectangle((0, start * h, w, (start + width) * h), fill=c)
    return img


def check_tile(ts: int, base: Color, bands: list[tuple[float, float, Color]]) -> Image.Image:
    """A woven check: warp stripes and weft stripes, mixing where they cross."""
    a = stripes_tile((ts, ts), base, bands, "x")
    b = stripes_tile((ts, ts), base, bands, "y")
    return ImageChops.add(ImageChops.multiply(a, solid((ts, ts), (128, 128, 128))), ImageChops.multiply(b, solid((ts, ts), (128, 128, 128))))


MAROON = hx("6e1426")
RENNI = [(0.0, 0.08, hx("d9a640")), (0.08, 0.04, hx("1c0a0e")), (0.5, 0.05, hx("e2c27a")), (0.55, 0.03, hx("1c0a0e"))]


def renni_pattern(size: tuple[int, int], ts: int, rng: random.Random) -> Image.Image:
    return bleed(tile_fill(size, check_tile(ts, MAROON, RENNI), (rng.uniform(0, ts), rng.uniform(0, ts))), ts * 4)


def silk(img: Image.Image, rng: random.Random, folds: int = 3, angle: float = 20, amount: float = 0.55,
         color: Color = (255, 250, 240), depth: float = 0.3) -> Image.Image:
    return drape(weave_texture(img, rng, 0.035, 1.6), rng, folds, angle, depth, amount, color)


def p_kain_tettong(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = wood(size, rng, hx("a27a58"), hx("624330"), planks=5, vertical=True)
    green = hx("1f6b4a")
    ts = int(W * 0.2)
    tile = stripes_tile((ts, ts), green, [(0.05, 0.02, hx("e0b64e")), (0.1, 0.06, hx("0f3d2a")), (0.2, 0.01, hx("f0e6c8")),
                                          (0.45, 0.03, hx("e0b64e")), (0.52, 0.12, hx("2f8a62")), (0.7, 0.01, hx("f0e6c8")),
                                          (0.78, 0.06, hx("0f3d2a")), (0.9, 0.02, hx("e0b64e"))])
    pat = bleed(tile_fill((int(W * 0.95), int(H * 1.1)), tile), ts)
    cloth = silk(pat, rng, 3, 70, 0.5)
    mask = Image.new("L", cloth.size, 255)
    piece = layer(volume(cloth, mask, W * 0.006, 0.8), mask).rotate(-10, BICUBIC, expand=True)
    place(canvas, piece, (W * 0.56, H * 0.5), (0.005, 0.01, 0.01, 0.5))
    return finish(canvas, final, rng)


def p_sarung_terlipat(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, int(H * 0.55)), rng, hx("c9a884"), hx("93735a"), planks=2)
    canvas = studio(size, rng, (hx("f2ede5"), hx("dfd5c8")), table, horizon=0.4, light=(0.3, 0.2))
    ts = int(W * 0.05)
    pats = [silk(renni_pattern((int(W * 0.7), int(H * 0.5)), ts, rng), rng, 2, 80, 0.35, depth=0.1) for _ in range(2)]
    stack = folded_stack(pats, rng, W * 0.58, H * 0.32, H * 0.08)
    place(canvas, stack, (W * 0.5, H * 0.86 - stack.height / 2), (0.03, 0.01, 0.03, 0.3), contact=0.5)
    return finish(canvas, final, rng)


def p_detail_motif(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    ts = int(W * 0.16)
    pat = renni_pattern((int(W * 1.2), int(H * 1.2)), ts, rng)
    img = weave_texture(pat, rng, 0.22, 3.0)
    img = drape(img, rng, 1, 40, 0.25, 0.45, (255, 235, 220))
    img = img.rotate(8, BICUBIC).crop((int(W * 0.1), int(H * 0.1), int(W * 0.1) + W, int(H * 0.1) + H))
    return finish(img, final, rng, vignette=0.3)


def p_alat_tenun(final: tuple[int, int], rng: random.Random) -> Image.Image:
    """A wooden loom from the weaver's seat: woven check near, warp threads running away, a beater, a shuttle."""
    W, H = size = canvas_size(final)
    canvas = plaster(size, rng, hx("4a3426"), hx("2e2018"), 0.1)
    canvas = screen(canvas, opacity(field(size, lambda x, y: max(0.0, 1 - math.hypot(x - 0.2, y - 0.1) * 1.3)), 0.35), (255, 220, 170))
    floor = wood((W, int(H * 0.4)), rng, hx("6a4a30"), hx("3a2616"), planks=3)
    canvas.paste(floor, (0, int(H * 0.6)))
    # warp threads converging to a far beam
    far_y, fell_y = H * 0.12, H * 0.55
    fx0, fx1 = W * 0.3, W * 0.7
    nx0, nx1 = W * 0.1, W * 0.9
    d = ImageDraw.Draw(canvas)
    n = 160
    for k in range(n + 1):
        t = k / n
        c = hx("e2c27a") if (k // 6) % 4 == 0 else (hx("8a1a2e") if (k // 3) % 2 else hx("6e1426"))
        d.line([(fx0 + (fx1 - fx0) * t, far_y), (nx0 + (nx1 - nx0) * t, fell_y)], fill=c, width=max(1, int(W * 0.0012)))
    # the woven part: the check pattern in perspective
    cloth = silk(renni_pattern((int(W * 0.8), int(H * 0.5)), int(W * 0.06), rng), rng, 1, 90, 0.3, depth=0.1)
    quad = (W * 0.1, fell_y, W * 0.0, H * 1.05, W * 1.0, H * 1.05, W * 0.9, fell_y)
    inv = Image.new("L", size, 0)
    ImageDraw.Draw(inv).polygon([(quad[0], quad[1]), (quad[2], quad[3]), (quad[4], quad[5]), (quad[6], quad[7])], fill=255)
    # sample the cloth into the trapezoid
    warped = cloth.transform(size, Image.Transform.PERSPECTIVE, perspective_coeffs(
        [(quad[0], quad[1]), (quad[6], quad[7]), (quad[4], quad[5]), (quad[2], quad[3])],
        [(0, 0), (cloth.width, 0), (cloth.width, cloth.height), (0, cloth.height)]), BICUBIC)
    canvas.paste(warped, (0, 0), inv)
    # the beater (reed) across the warp, and the breast beam near us
    for y0, y1, col in ((H * 0.47, H * 0.53, hx("8a6038")), (H * 0.9, H * 1.0, hx("7a5232"))):
        m = Image.new("L", size, 0)
        ImageDraw.Draw(m).rectangle((0, y0, W, y1), fill=255)
        f = volume(wood(size, rng, scale(col, 1.2), scale(col, 0.7), rings=3), m, (y1 - y0) * 0.25, 0.55)
        f = highlight(f, m, (W * 0.1, y0 + (y1 - y0) * 0.15, W * 0.9, y0 + (y1 - y0) * 0.35), (y1 - y0) * 0.1, 0.35)
        cast_shadow(canvas, m, (0, 0), (0, (y1 - y0) * 0.3), (y1 - y0) * 0.3, 0.5)
        canvas.paste(f, (0, 0), m)
    reed = Image.new("L", size, 0)
    rd = ImageDraw.Draw(reed)
    for k in range(200):
        x = W * 0.12 + W * 0.76 * k / 200
        rd.line([(x, H * 0.36), (x - (x - W / 2) * 0.02, H * 0.47)], fill=110, width=1)
    canvas.paste(hx("c8b89a"), (0, 0, W, H), reed)
    d.rectangle((W * 0.1, H * 0.34, W * 0.9, H * 0.36), fill=hx("6a4a2c"))
    # the shuttle lying on the cloth
    sh = Image.new("RGBA", (int(W * 0.42), int(H * 0.1)), (0, 0, 0, 0))
    sw, shh = sh.size
    m = poly_mask(sh.size, bezier((0, shh / 2), (sw * 0.2, 0), (sw * 0.8, 0), (sw, shh / 2), 30) + bezier((sw, shh / 2), (sw * 0.8, shh), (sw * 0.2, shh), (0, shh / 2), 30))
    f = volume(wood(sh.size, rng, hx("b58552"), hx("7a5230"), rings=2), m, shh * 0.2, 0.5)
    f = highlight(f, m, (sw * 0.2, shh * 0.15, sw * 0.8, shh * 0.35), shh * 0.06, 0.4)
    sh = layer(f, m)
    sd = ImageDraw.Draw(sh)
    sd.rounded_rectangle((sw * 0.3, shh * 0.3, sw * 0.7, shh * 0.7), radius=int(shh * 0.15), fill=(60, 36, 20, 255))
    sd.rounded_rectangle((sw * 0.33, shh * 0.38, sw * 0.67, shh * 0.62), radius=int(shh * 0.1), fill=(226, 194, 122, 255))
    place(canvas, sh.rotate(-4, BICUBIC, expand=True), (W * 0.52, H * 0.74), (0.0, 0.04, 0.02, 0.5))
    return finish(canvas, final, rng, vignette=0.32)


def perspective_coeffs(dst: list[Point], src: list[Point]) -> tuple[float, ...]:
    """Coefficients for Image.transform(PERSPECTIVE) mapping output points `dst` to input points `src`."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rhs.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.append(v)
    n = 8
    m = [row[:] + [r] for row, r in zip(rows, rhs)]
    for i in range(n):
        p = max(range(i, n), key=lambda r: abs(m[r][i]))
        m[i], m[p] = m[p], m[i]
        for r in range(n):
            if r != i:
                f = m[r][i] / m[i][i]
                m[r] = [a - f * b for a, b in zip(m[r], m[i])]
    return tuple(m[i][n] / m[i][i] for i in range(n))


GOLD = hx("c9962e")


def shawl(length: float, width: float, rng: random.Random, base: Color, bands: list[tuple[float, float, Color]],
          fringe: float, vertical_gradient: tuple[Color, Color] | None = None, gloss: float = 0.6) -> Image.Image:
    """A long silk cloth along x with woven end bands and knotted fringes at both ends."""
    fl = length * fringe
    size = (int(length + fl * 2), int(width * 1.06))
    w, h = size
    body = Image.new("RGB", size, base)
    if vertical_gradient:
        body = gradient(size, [(0, vertical_gradient[0]), (1, vertical_gradient[1])], "x")
    d = ImageDraw.Draw(body)
    for end in (0, 1):
        for start, wd, c in bands:
            x0 = fl + (start * length if end == 0 else length - (start + wd) * length)
            d.rectangle((x0, 0, x0 + wd * length, h), fill=c)
    body = silk(body, rng, 5, 88, gloss, depth=0.32)
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).rectangle((fl, h * 0.03, fl + length, h * 0.97), fill=255)
    fr = Image.new("L", size, 0)
    fd = ImageDraw.Draw(fr)
    groups = int(width / (length * 0.012))
    for end in (0, 1):
        x0 = fl if end == 0 else fl + length
        sgn = -1 if end == 0 else 1
        for g in range(groups):
            y = h * 0.05 + (h * 0.9) * (g + 0.5) / groups
            fd.ellipse((x0 + sgn * fl * 0.12 - h * 0.01, y - h * 0.01, x0 + sgn * fl * 0.12 + h * 0.01, y + h * 0.01), fill=255)
            for k in range(-2, 3):
                ln = fl * rng.uniform(0.85, 1.0)
                fd.line([(x0, y + k * h * 0.006), (x0 + sgn * fl * 0.12, y), (x0 + sgn * ln, y + k * h * 0.01 + rng.uniform(-1, 1) * h * 0.008)],
                        fill=255, width=max(1, int(h * 0.004)))
    ends = screen(multiply(solid(size, base), curve(noise(size, 2, rng, stretch=20), lambda v: 0.75 + 0.25 * v)),
                  opacity(noise(size, h * 0.2, rng), 0.3))
    fill = Image.composite(body, ends, mask)
    alpha = ImageChops.lighter(mask, fr)
    fill = volume(fill, mask, h * 0.015, 0.8)
    return layer(fill, alpha)


def p_selendang(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = wood(size, rng, hx("6a4632"), hx("33200f"), planks=5)
    sh = shawl(W * 1.0, H * 0.3, rng, GOLD, [(0.02, 0.015, hx("7a1a22")), (0.045, 0.05, hx("e6c46a")), (0.1, 0.008, hx("7a1a22"))], 0.08)
    place(canvas, sh.rotate(22, BICUBIC, expand=True), (W * 0.5, H * 0.5), (0.005, 0.015, 0.01, 0.55))
    return finish(canvas, final, rng)


def p_selendang_detail(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = wood(size, rng, hx("6a4632"), hx("33200f"), planks=3)
    sh = shawl(W * 2.2, H * 0.9, rng, GOLD, [(0.02, 0.015, hx("7a1a22")), (0.045, 0.05, hx("e6c46a")), (0.1, 0.008, hx("7a1a22"))], 0.1)
    sh = sh.crop((0, 0, int(sh.width * 0.45), sh.height))
    place(canvas, sh.rotate(-20, BICUBIC, expand=True), (W * 0.58, H * 0.5), (0.005, 0.01, 0.01, 0.55))
    return finish(canvas, final, rng, vignette=0.3)


def p_syal(final: tuple[int, int], rng: random.Random) -> Image.Image:
    """A gradient-dyed silk scarf hanging over a wooden rod."""
    W, H = size = canvas_size(final)
    canvas = plaster(size, rng, hx("eee9e1"), hx("d6cec2"), 0.05)
    canvas = screen(canvas, opacity(field(size, lambda x, y: max(0.0, 1 - math.hypot(x - 0.3, y - 0.2) * 1.3)), 0.35), (255, 248, 235))
    rod_y = H * 0.12
    top, bottom = (hx("9a4a2c"), hx("2f5584"))
    for i, (x0, wd, length) in enumerate(((0.24, 0.34, 0.74), (0.4, 0.34, 0.62))):
        sc = shawl(H * length, W * wd, rng, top, [], 0.07, (top, bottom), gloss=0.25).rotate(-90, BICUBIC, expand=True)
        # only the lower fringe: the upper end goes over the rod
        sc = sc.crop((0, int(H * length * 0.07), sc.width, sc.height))
        if i == 1:
            sc = layer(multiply(sc.convert("RGB"), Image.new("L", sc.size, 235)), sc.getchannel("A"))
        place(canvas, sc, (W * (x0 + wd / 2), rod_y + sc.height / 2), (0.03, 0.02, 0.02, 0.3))
    rod = Image.new("L", size, 0)
    ImageDraw.Draw(rod).rounded_rectangle((W * 0.12, rod_y - H * 0.015, W * 0.88, rod_y + H * 0.015), radius=int(H * 0.015), fill=255)
    rf = volume(wood(size, rng, hx("a87a4c"), hx("6a4a2a")), rod, H * 0.006, 0.55)
    rf = highlight(rf, rod, (W * 0.15, rod_y - H * 0.012, W * 0.85, rod_y - H * 0.004), H * 0.003, 0.4)
    cast_shadow(canvas, rod, (0, 0), (0, H * 0.012), H * 0.008, 0.4)
    canvas.paste(rf, (0, 0), rod)
    for x in (0.12, 0.88):
        ImageDraw.Draw(canvas).ellipse((W * x - H * 0.02, rod_y - H * 0.02, W * x + H * 0.02, rod_y + H * 0.02), fill=hx("5a3a20"))
    return finish(canvas, final, rng)

# == region covers ================================================================================

def sky(size: tuple[int, int], stops: list[tuple[float, Color]], rng: random.Random, clouds: float = 0.0,
        cloud_color: Color = (255, 255, 255), horizon: float = 0.5) -> Image.Image:
    img = gradient(size, stops)
    if clouds:
        w, h = size
        c = noise(size, h * 0.12, rng, stretch=4)
        c = Image.blend(c, noise(size, h * 0.04, rng, stretch=3), 0.3)
        c = curve(c, lambda v: max(0.0, (v - 0.55) / 0.45) ** 1.2)
        c = ImageChops.multiply(c, gradient(size, [(0, 255), (horizon * 0.9, 120), (horizon, 0)]))
        img = screen(img, opacity(c, clouds), cloud_color)
    return img


def ridge(size: tuple[int, int], base_y: float, amp: float, rng: random.Random, rough: float, color: Color,
          haze: Color | None = None, haze_k: float = 0.0, karst: list[tuple[float, float, float]] | None = None, x_range: tuple[float, float] = (0, 1)) -> Image.Image:
    """A hill or mountain silhouette (RGBA), lighter towards its foot when hazy."""
    w, h = size
    n = 240
    ph = [rng.uniform(0, 6.3) for _ in range(4)]
    pts = []
    for i in range(n + 1):
        x = i / n
        if karst:  # steep-sided limestone towers with rounded tops
            v = 0.0
            for cx, cw, ch in karst:
                v = max(v, ch * max(0.0, 1 - ((x - cx) / cw) ** 2) ** 0.35)
            v += 0.04 * math.sin(x * 60 + ph[0])
        else:
            v = 0.5 + 0.3 * math.sin(x * 4 + ph[0]) + 0.15 * math.sin(x * 9 + ph[1]) + rough * math.sin(x * 31 + ph[2])
        if not (x_range[0] <= x <= x_range[1]):
            v = -1
        pts.append((x * w, base_y - amp * v))
    pts = [(0, h)] + pts + [(w, h)]
    mask = poly_mask(size, pts)
    fill = solid(size, color)
    fill = multiply(fill, curve(fractal(size, [h * 0.05, h * 0.015], rng), lambda v: 0.85 + 0.15 * v))
    if haze:
        fill = Image.composite(solid(size, haze), fill, gradient(size, [(max(0.0, (base_y - amp) / h), int(255 * haze_k * 0.3)),
                                                                        (base_y / h, int(255 * haze_k))]))
    return layer(fill, mask)


def c_pangkep(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    hz = H * 0.55
    canvas = sky(size, [(0, hx("5f9ed6")), (0.4, hx("a6cdeb")), (0.55, hx("e4eef2"))], rng, 0.8, horizon=0.55)
    far = [(0.08, 0.05, 1.0), (0.14, 0.04, 0.7), (0.3, 0.06, 0.9), (0.37, 0.035, 1.15), (0.44, 0.05, 0.6), (0.62, 0.05, 0.8),
             (0.7, 0.04, 1.05), (0.77, 0.05, 0.7), (0.9, 0.06, 0.95)]
    over(canvas, ridge(size, hz, H * 0.16, rng, 0, hx("7f9ea8"), hx("c9dbe2"), 0.7, karst=far))
    near = [(0.2, 0.05, 0.8), (0.24, 0.03, 1.1), (0.55, 0.04, 0.9), (0.83, 0.05, 0.8)]
    over(canvas, ridge(size, hz, H * 0.2, rng, 0, hx("4e7a5e"), hx("a9c4c4"), 0.5, karst=near))
    sea = gradient((W, H - int(hz)), [(0, hx("4f9dc0")), (0.25, hx("2a7fa8")), (1, hx("12527a"))])
    glints = Image.new("L", sea.size, 0)
    gd = ImageDraw.Draw(glints)
    for _ in range(900):
        t = rng.random() ** 1.5
        y = t * sea.height
        x = rng.uniform(0, W)
        ln = W * (0.004 + 0.03 * t) * rng.uniform(0.5, 1.5)
        gd.line([(x, y), (x + ln, y)], fill=rng.randrange(60, 200), width=max(1, int(1 + t * 4)))
    sea = screen(sea, blur(glints, 1.2), (230, 245, 255))
    dark = Image.new("L", sea.size, 0)
    dd = ImageDraw.Draw(dark)
    for _ in range(600):
        t = rng.random() ** 1.3
        y = t * sea.height
        x = rng.uniform(0, W)
        ln = W * (0.006 + 0.05 * t)
        dd.line([(x, y), (x + ln, y)], fill=rng.randrange(40, 120), width=max(1, int(1 + t * 6)))
    sea = multiply(sea, curve(blur(dark, 2), lambda v: 1 - 0.25 * v))
    canvas.paste(sea, (0, int(hz)))
    # small islands on the horizon: low green humps with a pale beach
    for cx, cw, chh in ((0.52, 0.07, 0.03), (0.6, 0.035, 0.02), (0.18, 0.05, 0.022), (0.86, 0.04, 0.018)):
        m = Image.new("L", size, 0)
        ImageDraw.Draw(m).chord((W * (cx - cw), hz - H * chh, W * (cx + cw), hz + H * chh), 180, 360, fill=255)
        canvas.paste(hx("3f6e46"), (0, 0, W, H), blur(m, 1.5))
        ImageDraw.Draw(canvas).line([(W * (cx - cw * 0.95), hz), (W * (cx + cw * 0.95), hz)], fill=hx("e8dcc0"), width=max(2, int(H * 0.003)))
    # a traditional boat
    bx, by = W * 0.7, H * 0.74
    boat = [(bx - W * 0.05, by), (bx + W * 0.05, by), (bx + W * 0.035, by + H * 0.02), (bx - W * 0.04, by + H * 0.02)]
    bd = ImageDraw.Draw(canvas)
    bd.polygon(boat, fill=hx("f2efe6"))
    bd.line([(bx - W * 0.05, by), (bx + W * 0.05, by)], fill=hx("b8322a"), width=max(2, int(H * 0.004)))
    bd.line([(bx - W * 0.07, by + H * 0.025), (bx + W * 0.07, by + H * 0.025)], fill=hx("5a3a20"), width=max(2, int(H * 0.003)))
    bd.polygon([(bx - W * 0.005, by - H * 0.07), (bx - W * 0.005, by - H * 0.002), (bx + W * 0.035, by - H * 0.004)], fill=hx("e6dcc6"))
    soft_ellipse(canvas, (bx - W * 0.06, by + H * 0.02, bx + W * 0.06, by + H * 0.04), H * 0.006, 0.35, (10, 40, 60))
    return finish(canvas, final, rng, vignette=0.18)


def c_soppeng(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    canvas = sky(size, [(0, hx("8fa7c4")), (0.25, hx("e6c6b0")), (0.45, hx("f6dcae")), (0.6, hx("f8e8c8"))], rng, 0.5,
                 (255, 236, 214), horizon=0.5)
    canvas = screen(canvas, opacity(field(size, lambda x, y: max(0.0, 1 - math.hypot((x - 0.68) * 1.6, (y - 0.42) * 2.2)) ** 2), 0.8), (255, 236, 190))
    layers = [(0.5, 0.1, hx("8aa08a"), 0.75), (0.58, 0.12, hx("6d9368"), 0.55), (0.68, 0.14, hx("4f8147"), 0.35),
              (0.8, 0.16, hx("3d6e35"), 0.15), (0.95, 0.14, hx("2f5c2a"), 0.0)]
    for i, (y, amp, col, haze) in enumerate(layers):
        hill = ridge(size, H * y, H * amp, rng, 0.02, col, hx("f2e4cc"), haze)
        over(canvas, hill)
        if i < len(layers) - 1:  # morning mist in the valley
            mist = opacity(gradient(size, [(y - 0.03, 0), (y + 0.02, 130), (y + 0.08, 0)]), 0.8)
            canvas = screen(canvas, mist, (250, 240, 225))
    # rows of mulberry bushes on the nearest slopes
    d = ImageDraw.Draw(canvas)
    for row in range(9):
        t = row / 8
        y = H * (0.82 + t * 0.17)
        r = H * (0.006 + 0.014 * t)
        x = -rng.uniform(0, r * 3)
        while x < W:
            yy = y + H * 0.03 * math.sin(x / W * 5 + row)
            c = mix(hx("5d9a45"), hx("2d5a22"), rng.random() * 0.6)
            d.ellipse((x - r * 1.4, yy - r, x + r * 1.4, yy + r * 0.6), fill=c)
            d.ellipse((x - r * 0.9, yy - r * 1.3, x + r * 0.5, yy - r * 0.2), fill=mix(c, hx("a6c86a"), 0.35))
            x += r * 3.4
    # a few trees on the ridges
    for x, y, s in ((0.14, 0.74, 1.0), (0.18, 0.76, 0.8), (0.82, 0.71, 1.1), (0.86, 0.73, 0.7)):
        tx, ty, ts_ = W * x, H * y, H * 0.04 * s
        d.line([(tx, ty), (tx, ty - ts_ * 1.5)], fill=hx("3a2a1a"), width=max(2, int(ts_ * 0.15)))
        d.ellipse((tx - ts_, ty - ts_ * 2.6, tx + ts_, ty - ts_ * 1.0), fill=hx("2f5a28"))
    return finish(canvas, final, rng, vignette=0.18)


def c_tangsel(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    hz = H * 0.64
    canvas = sky(size, [(0, hx("1e2a55")), (0.25, hx("4b3f78")), (0.45, hx("c46a6a")), (0.6, hx("f3a65e"))], rng, 0.45,
                 (255, 190, 150), horizon=0.6)
    city = Image.new("RGBA", size, (0, 0, 0, 0))
    lights = Image.new("L", size, 0)
    cd = ImageDraw.Draw(city)
    ld = ImageDraw.Draw(lights)
    for layer_i, (shade_c, hmin, hmax, wmin, wmax) in enumerate(((hx("5a4a6e"), 0.08, 0.22, 0.03, 0.06),
                                                              (hx("2e2a44"), 0.1, 0.38, 0.035, 0.075))):
        x = -rng.uniform(0, W * 0.03)
        while x < W:
            bw = W * rng.uniform(wmin, wmax)
            bh = H * rng.uniform(hmin, hmax) * (1.3 if 0.35 < x / W < 0.6 and layer_i else 1.0)
            top = hz - bh
            cd.rectangle((x, top, x + bw, hz), fill=(*shade_c, 255))
            if rng.random() < 0.3:
                cd.rectangle((x + bw * 0.4, top - H * 0.03, x + bw * 0.45, top), fill=(*shade_c, 255))
            if layer_i:
                wy = top + H * 0.015
                while wy < hz - H * 0.01:
                    wx = x + bw * 0.12
                    while wx < x + bw * 0.85:
                        if rng.random() < 0.45:
                            ld.rectangle((wx, wy, wx + bw * 0.08, wy + H * 0.008), fill=rng.randrange(150, 255))
                        wx += bw * 0.15
                    wy += H * 0.018
            x += bw + W * rng.uniform(0.0, 0.012)
    citylit = city.convert("RGB")
    citylit = screen(citylit, lights, (255, 214, 140))
    city = layer(citylit, city.getchannel("A"))
    over(canvas, city)
    # trees along the shore
    trees = Image.new("L", size, 0)
    td = ImageDraw.Draw(trees)
    x = 0.0
    while x < W:
        r = H * rng.uniform(0.02, 0.045)
        td.ellipse((x - r, hz - r * 1.6, x + r, hz + r * 0.3), fill=255)
        x += r * 1.2
    canvas.paste(hx("1a1f24"), (0, 0, W, H), trees)
    # the lake: the scene above, mirrored, darker, broken by ripples
    above = canvas.crop((0, 0, W, int(hz))).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    lake_h = H - int(hz)
    refl = above.crop((0, 0, W, lake_h))
    strip = max(2, int(H * 0.004))
    out = Image.new("RGB", refl.size)
    for y in range(0, lake_h, strip):
        dx = int(math.sin(y * 0.21) * (2 + y / lake_h * 14) + rng.uniform(-2, 2))
        out.paste(refl.crop((0, y, W, y + strip)), (dx, y))
    refl = blur(out, 2)
    refl = multiply(refl, gradient(refl.size, [(0, 200), (1, 110)]))
    refl = Image.blend(refl, gradient(refl.size, [(0, hx("3a3656")), (1, hx("141a2e"))]), 0.35)
    ripple = Image.new("L", refl.size, 0)
    rd = ImageDraw.Draw(ripple)
    for _ in range(500):
        t = rng.random()
        y = t * lake_h
        x = rng.uniform(0, W)
        rd.line([(x, y), (x + W * (0.01 + 0.04 * t), y)], fill=rng.randrange(40, 120), width=max(1, int(1 + 3 * t)))
    refl = screen(refl, blur(ripple, 1), (255, 200, 160))
    canvas.paste(refl, (0, int(hz)))
    return finish(canvas, final, rng, vignette=0.25)


# == logos ========================================================================================

LOGO_STYLE = {  # words in the file name or the owner's name -> (circle colour, mark)
    "balocci": (hx("6b6f76"), "marble"),
    "mattiro": (hx("1f5f8b"), "fish"),
    "bola-ugi": (hx("7a1a2e"), "house"),
    "kembang": (hx("243a6b"), "orchid"),
}
NAME_PREFIXES = {"ikm", "umkm", "kub", "kelompok", "perajin", "rumah", "tenun", "sanggar", "batik", "galeri", "cv", "pt", "ud"}


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    while len(words) > 2 and words[0].lower() in NAME_PREFIXES:
        words = words[1:]
    return "".join(w[0].upper() for w in words[:3])


def logo_name(ref: Ref) -> str:
    if ref.owner.suffix == ".yaml":
        data = yaml.safe_load(ref.owner.read_text(encoding="utf-8")) or {}
        return str(data.get("title") or "Galeri")
    meta, _ = front_matter(ref.owner.read_text(encoding="utf-8"))
    return str(meta.get("name") or meta.get("title") or ref.path.stem)


def logo_initials(ref: Ref) -> str:
    if ref.owner.suffix == ".yaml":
        return "".join(w[0] for w in logo_name(ref).split()[:4]).upper()
    return initials(logo_name(ref))


def draw_logo(ref: Ref, final: tuple[int, int], rng: random.Random) -> Image.Image:
    """Initials on a coloured circle, with a small mark; transparent outside the circle."""
    W, H = size = canvas_size(final)
    name = logo_name(ref)
    ctx = context(ref)
    color, mark = next(((c, m) for key, (c, m) in LOGO_STYLE.items() if key in ctx), (None, ""))
    text = logo_initials(ref)
    if ref.owner.suffix == ".yaml":
        data = yaml.safe_load(ref.owner.read_text(encoding="utf-8")) or {}
        color = hx(str(data.get("theme_color") or "#8a3b12"))
        mark = "band"
    if color is None:
        h = int.from_bytes(hashlib.sha256(name.encode()).digest()[:2], "big") / 65535
        color = mix(hx("2a6a5a"), hx("8a3b5a"), h)
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    circle = ellipse_mask(size, (W * 0.02, H * 0.02, W * 0.98, H * 0.98))
    fill = gradient(size, [(0, mix(color, (255, 255, 255), 0.12)), (1, scale(color, 0.85))])
    fill = highlight(fill, circle, (W * 0.15, H * 0.05, W * 0.85, H * 0.4), W * 0.08, 0.12)
    img.alpha_composite(layer(fill, circle))
    d = ImageDraw.Draw(img)
    cream = (246, 238, 220, 255)
    d.ellipse((W * 0.07, H * 0.07, W * 0.93, H * 0.93), outline=cream, width=int(W * 0.012))
    n = len(text)
    fs = int(H * (0.34 if n <= 2 else 0.27 if n == 3 else 0.21))
    font = ImageFont.load_default(fs)
    ty = H * 0.44
    d.text((W / 2, ty), text, font=font, fill=cream, anchor="mm", stroke_width=max(1, fs // 28), stroke_fill=cream)
    my = H * 0.7
    if mark == "fish":
        fish_mark(d, W / 2, my, W * 0.3, cream)
    elif mark == "orchid":
        orchid(d, W / 2, my + H * 0.02, W * 0.12, 0, cream, color, cream, W * 0.006, dots=False)
    elif mark == "house":
        d.polygon([(W * 0.36, my), (W * 0.5, my - H * 0.07), (W * 0.64, my)], fill=cream)
        for i in range(4):
            for j in range(2):
                if (i + j) % 2 == 0:
                    d.rectangle((W * (0.4 + i * 0.05), my + H * (0.01 + j * 0.035), W * (0.45 + i * 0.05), my + H * (0.045 + j * 0.035)), fill=cream)
    elif mark == "marble":
        d.polygon([(W * 0.38, my + H * 0.05), (W * 0.42, my - H * 0.04), (W * 0.6, my - H * 0.05), (W * 0.63, my + H * 0.05)], fill=cream)
        d.line([(W * 0.43, my + H * 0.04), (W * 0.5, my - H * 0.01), (W * 0.55, my + H * 0.01), (W * 0.6, my - H * 0.04)], fill=color, width=int(W * 0.008))
    elif mark == "band":
        for k in range(5):
            x = W * (0.38 + k * 0.06)
            d.polygon([(x, my + H * 0.03), (x + W * 0.03, my - H * 0.04), (x + W * 0.06, my + H * 0.03)], fill=cream)
    return img.resize(final, LANCZOS)

# == what to draw for which file ==================================================================

@dataclass(frozen=True)
class Plan:
    ref: Ref
    kind: str
    size: tuple[int, int]
    draw: Callable[[tuple[int, int], random.Random], Image.Image]
    guessed: bool = False  # no rule matched the name: a neutral still life


def rules() -> list[tuple[tuple[str, ...], str, tuple[int, int], Callable[[tuple[int, int], random.Random], Image.Image]]]:
    """(words that must all appear in the image's context, kind, size, drawing function), first match wins."""
    return [
        (("bandeng", "kemasan"), "bandeng, vacuum-packed", LANDSCAPE, p_bandeng_kemasan),
        (("bandeng", "presto"), "bandeng presto, vacuum-packed", LANDSCAPE, p_bandeng_presto),
        (("bandeng", "tanpa-duri"), "butterflied bandeng on a plate", LANDSCAPE, p_bandeng_tanpa_duri),
        (("abon", "cakalang"), "jar of shredded skipjack with a wooden spoon", LANDSCAPE, p_abon_cakalang),
        (("abon",), "jars of shredded fish", LANDSCAPE, p_abon_bandeng),
        (("kerupuk",), "bowl of fish crackers", LANDSCAPE, p_kerupuk),
        (("otak-otak",), "otak-otak parcels on a plate", LANDSCAPE, p_otak_otak),
        (("pengasapan",), "skipjack over a smoking stove", LANDSCAPE, p_pengasapan),
        (("cakalang", "potongan"), "pieces of smoked skipjack", LANDSCAPE, p_cakalang_potongan),
        (("cakalang",), "smoked skipjack in bamboo slats", LANDSCAPE, p_cakalang_asap),
        (("asbak",), "round marble ashtray", LANDSCAPE, p_asbak),
        (("cobek",), "marble mortar with pestle, chillies and garlic", LANDSCAPE, p_cobek),
        (("vas", "-2"), "two marble vases, white and grey", LANDSCAPE, p_vas_pair),
        (("vas",), "tall marble vase with dried stems", PORTRAIT, p_vas_single),
        (("papan-nama",), "marble name plate (blank)", LANDSCAPE, p_papan_nama),
        (("bakul",), "round woven lontar basket with fruit", LANDSCAPE, p_bakul),
        (("tas", "anyaman"), "woven pandan tote with blue stripes", LANDSCAPE, p_tas_anyaman),
        (("hiasan", "kerang"), "round wall piece of shells", LANDSCAPE, p_hiasan_kerang),
        (("lampu", "menyala"), "shell lamp glowing in a dark room", PORTRAIT, lambda f, r: p_lampu(f, r, True)),
        (("lampu",), "shell lamp on a table by day", LANDSCAPE, lambda f, r: p_lampu(f, r, False)),
        (("tote",), "canvas tote with a batik orchid panel", LANDSCAPE, p_tote),
        (("detail-canting",), "close-up of a batik orchid: canting lines and dots", LANDSCAPE, p_detail_canting),
        (("anggrek",), "indigo batik tulis with cream orchids", LANDSCAPE, p_kain_anggrek),
        (("bambu",), "folded sogan batik with bamboo motif", LANDSCAPE, p_batik_bambu),
        (("situ-gintung",), "turquoise batik cap with ripple motif", LANDSCAPE, p_batik_situ),
        (("kemeja",), "indigo pucuk rebung batik shirt on a hanger", PORTRAIT, p_kemeja),
        (("alat-tenun",), "wooden loom with a check cloth and shuttle", LANDSCAPE, p_alat_tenun),
        (("sarung", "detail"), "close-up of a maroon silk check", LANDSCAPE, p_detail_motif),
        (("sarung",), "folded maroon silk sarong, small check", LANDSCAPE, p_sarung_terlipat),
        (("tettong",), "green striped silk cloth", LANDSCAPE, p_kain_tettong),
        (("selendang", "detail"), "close-up of a golden silk shawl's fringe", LANDSCAPE, p_selendang_detail),
        (("selendang",), "golden silk shawl laid diagonally", LANDSCAPE, p_selendang),
        (("syal",), "gradient-dyed silk scarf on a rod", PORTRAIT, p_syal),
    ]


def context(ref: Ref) -> str:
    """The words a photo is recognised by: its path below content/ (folder and file names)."""
    rel = ref.path.relative_to(CONTENT) if ref.path.is_relative_to(CONTENT) else Path(ref.path.name)
    owner = ref.owner.relative_to(CONTENT) if ref.owner.is_relative_to(CONTENT) else Path(ref.owner.name)
    return f"{rel.as_posix()} {owner.with_suffix('').as_posix()}".lower()


def plan(ref: Ref) -> Plan:
    ctx = context(ref)
    if ref.field == "logo":
        return Plan(ref, f"logo: {logo_initials(ref)} on a coloured circle", SQUARE, lambda final, rng, r=ref: draw_logo(r, final, rng))
    if ref.field == "cover" or "regions/" in ctx.split()[0]:
        for word, kind, fn in (("pangkep", "sea, small islands and karst hills", c_pangkep),
                               ("soppeng", "green hills and mulberry rows in morning mist", c_soppeng),
                               ("tangerang-selatan", "city skyline at dusk over a lake", c_tangsel)):
            if word in ctx:
                return Plan(ref, kind, WIDE, fn)
    for words, kind, size, fn in rules():
        if all(word in ctx for word in words):
            return Plan(ref, kind, size, fn)
    return Plan(ref, "neutral still life", LANDSCAPE, p_neutral, guessed=True)


def p_neutral(final: tuple[int, int], rng: random.Random) -> Image.Image:
    W, H = size = canvas_size(final)
    table = wood((W, H), rng, hx("c8a47c"), hx("94704c"), planks=3)
    canvas = studio(size, rng, (hx("eee8df"), hx("d9cfc2")), table, horizon=0.55)
    return finish(canvas, final, rng)


# == writing ======================================================================================

def encode(image: Image.Image, path: Path) -> bytes:
    buffer = io.BytesIO()
    if path.suffix.lower() == ".png":
        if image.mode == "RGB" and image.width * image.height > 600_000:
            # a photo-sized PNG: 256 well-chosen colours keep it a fraction of the size
            image = image.quantize(256, method=Image.Quantize.MEDIANCUT)
        image.save(buffer, "PNG", optimize=True)
    else:
        image.convert("RGB").save(buffer, "JPEG", **JPEG_OPTIONS)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("only", nargs="*", help="draw only the photos whose path contains one of these words")
    parser.add_argument("--list", action="store_true", help="list the photos and what each will show; write nothing")
    args = parser.parse_args(argv)
    plans = [plan(ref) for ref in references()]
    if args.only:
        plans = [p for p in plans if any(word in context(p.ref) for word in args.only)]
    total = 0
    for p in plans:
        rel = p.ref.path.relative_to(ROOT).as_posix() if p.ref.path.is_relative_to(ROOT) else str(p.ref.path)
        note = "  (name not recognised: neutral still life)" if p.guessed else ""
        if args.list:
            print(f"{rel}  {p.size[0]}x{p.size[1]}  {p.kind}{note}")
            continue
        data = encode(p.draw(p.size, random.Random(seed_of(p.ref.path))), p.ref.path)
        p.ref.path.parent.mkdir(parents=True, exist_ok=True)
        p.ref.path.write_bytes(data)
        total += len(data)
        print(f"{rel}  {p.size[0]}x{p.size[1]}  {len(data) / 1024:.0f} KB{note}")
    if not args.list:
        print(f"{len(plans)} files, {total / 1024 / 1024:.2f} MB in total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
