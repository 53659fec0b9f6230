"""Components in Markdown bodies: ```` ```video``` ````, `gallery`, `map` and `product` blocks.

A component is a fenced block whose first word names it, with its argument on the same line and,
for some, `key: value` lines (or photos) inside the fence; ```` ```product abon-bandeng``` ```` on
one line is the short form. `extract` (run in the body's worker, before Markdown) takes each block
out of the text and leaves a token paragraph; `render` (in the build, once photos can be planned)
checks the block, reporting each mistake with the file line of its fence and a hint, and makes its
HTML, which `insert` puts in place of the token after the body has been sanitised (so the facade's
`<button>` markup comes from here, never from an editor). A `product` card is left as a marker
that the page's view fills with the product's current card (views.Views.body), so the page reads
the product through the recorded accessors. Other fenced code (```` ```python ````) stays code.
The one network read is `fetch_thumbnail`, at build time: a YouTube video's thumbnail, kept in
the cache and processed like a photo (the base URL is `SHOWCASE_THUMBNAIL_URL`, so tests use a
local stand-in); the visitor's browser asks the provider for nothing until the play button.
"""
from __future__ import annotations

import difflib
import hashlib
import html
import math
import os
import re
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .errors import Diagnostics, did_you_mean

NAMES = ("gallery", "map", "product", "video")
TOKEN = "showcase-component-{}-{}"
"""The paragraph left where a component was: numbered, and keyed by a digest of the body's text,
so no text can hold its own token (an editor writing one is shown what they wrote)."""
PRODUCT_MARKER = "<!--showcase-product:{}-->"
PRODUCT_MARKER_RE = re.compile(r"<!--showcase-product:([a-z0-9][a-z0-9-]*)-->")
"""Left in a body where a product card goes; a sanitised body has no comments, so only this
module can write one."""

OPTIONS = {"video": ("title", "poster"), "map": ("label", "zoom"), "product": (), "gallery": ()}
EXAMPLES = {
    "video": "```video https://youtu.be/…```",
    "map": "```map -4.83, 119.54```",
    "product": "```product abon-bandeng```",
    "gallery": "```gallery``` + ![alt](foto.jpg)",
}

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[ \t]*(.*?)\s*$")
_ONE_LINE = re.compile(r"^ {0,3}(`{3,})[ \t]*([A-Za-z][\w-]*)(?:[ \t]+([^`]*?))?[ \t]*\1\s*$")
_OPTION = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_IMAGE = re.compile(r"^\s*(?:[-*]\s+)?!\[([^\]]*)\]\(\s*<?([^)>\s]+)>?(?:\s+\"[^\"]*\")?\s*\)\s*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Block:
    """One component as written: its name, argument, the lines inside the fence (with their
    offsets from the body's first line) and the offset of the opening fence."""

    name: str
    argument: str
    line: int
    lines: tuple[tuple[int, str], ...] = ()
    closed: bool = True
    token: str = ""


def _is_component(name: str, argument: str) -> bool:
    """A component's name, or one misspelt (`vidio`, `galeri`): close to a name when the fence
    also has an argument, very close when not (so ```` ```proto ```` stays code)."""
    lowered = name.lower()
    if lowered in NAMES:
        return True
    if len(lowered) < 3 or not lowered.isalpha():
        return False
    return bool(difflib.get_close_matches(lowered, NAMES, n=1, cutoff=0.6 if argument.strip() else 0.75))


def extract(text: str) -> tuple[str, tuple[Block, ...]]:
    """The body with each component replaced by a token paragraph, and the components in order.
    A fence that names no component (and is not a misspelt one) is code and is left as it is,
    with everything inside it."""
    lines = text.split("\n")
    out: list[str] = []
    blocks: list[Block] = []
    key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    i = 0
    while i < len(lines):
        line = lines[i]
        one = _ONE_LINE.match(line)
        if one and _is_component(one.group(2), one.group(3) or ""):
            token = TOKEN.format(key, len(blocks))
            blocks.append(Block(one.group(2), (one.group(3) or "").strip(), i, token=token))
            out += ["", token, ""]
            i += 1
            continue
        fence = _FENCE.match(line)
        if not fence:
            out.append(line)
            i += 1
            continue
        marker, name, rest = fence.groups()
        j = i + 1
        closer = re.compile(r"^ {0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}\s*$")
        while j < len(lines) and not closer.match(lines[j]):
            j += 1
        if _is_component(name, rest):
            inner = tuple((k, lines[k]) for k in range(i + 1, min(j, len(lines))))
            token = TOKEN.format(key, len(blocks))
            blocks.append(Block(name, rest, i, inner, j < len(lines), token))
            out += ["", token, ""]
        else:
            out += lines[i:j + 1]
        i = j + 1
    return "\n".join(out), tuple(blocks)


START, END = "<!--component-->", "<!--/component-->"
_WRAPPED = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)


def insert(html_text: str, blocks: Iterable[Block], parts: Iterable[str]) -> str:
    """The sanitised body with each component's HTML in place of its token, between comments
    (a sanitised body has none) so that `strip` can find it again."""
    for block, part in zip(blocks, parts):
        html_text = html_text.replace(f"<p>{block.token}</p>", f"{START}{part}{END}" if part else "", 1)
    return html_text


def strip(html_text: str) -> str:
    """A body without its components, for plain-text uses (a merchant feed's description has no
    "Watch on YouTube" and no other product's price)."""
    return _WRAPPED.sub("", html_text)


# -- checking and rendering (in the build) ---------------------------------------------------

@dataclass
class Context:
    """What rendering a body's components needs from the body stage."""

    display: str
    first_line: int
    lang: str
    problems: Diagnostics
    refs: set[str]
    photo: Callable[[str, str, int, str], str | None]
    """(src, alt, file line, sizes) -> the `<picture>` of a photo next to the file, or None
    (and a located error) when it cannot be used."""
    product: Callable[[str], bool]
    """Whether a product with this slug exists (recording the reference either way)."""
    products: Callable[[], Iterable[str]]
    thumbnail: Callable[[str, int], str | None]
    """(YouTube video id, file line) -> the `<picture>` of the provider's thumbnail, or None."""


def render(block: Block, ctx: Context) -> str:
    """The HTML of one component, or "" after reporting what is wrong with it."""
    line = ctx.first_line + block.line
    name = block.name.lower()
    if name not in NAMES:
        ctx.problems.error(ctx.display, line, "MD_COMPONENT_UNKNOWN", name=block.name,
                           suggestion=did_you_mean(name, NAMES))
        return ""
    if not block.closed:
        ctx.problems.error(ctx.display, line, "MD_COMPONENT_UNCLOSED", name=name)
        return ""
    options = _options(block, name, ctx) if name != "gallery" else {}
    if name != "gallery" and not block.argument:
        ctx.problems.error(ctx.display, line, "MD_COMPONENT_ARGUMENT", name=name, example=EXAMPLES[name])
        return ""
    return {"video": _video, "map": _map, "product": _product, "gallery": _gallery}[name](block, options, ctx, line)


def _options(block: Block, name: str, ctx: Context) -> dict[str, tuple[str, int]]:
    found: dict[str, tuple[str, int]] = {}
    for offset, text in block.lines:
        if not text.strip():
            continue
        match = _OPTION.match(text)
        key = match.group(1).lower() if match else text.strip()
        if match is None or key not in OPTIONS[name]:
            allowed = ", ".join(f"`{o}:`" for o in OPTIONS[name]) or "-"
            ctx.problems.error(ctx.display, ctx.first_line + offset, "MD_COMPONENT_OPTION", name=name,
                               key=key[:40], allowed=allowed, suggestion=did_you_mean(key, OPTIONS[name]))
            continue
        found[key] = (match.group(2).strip().strip("\"'"), ctx.first_line + offset)
    return found


# -- product ---------------------------------------------------------------------------------

def _product(block: Block, options: dict[str, tuple[str, int]], ctx: Context, line: int) -> str:
    slug = block.argument.strip().strip("/").split("/")[-1]
    if not _SLUG.match(slug) or not ctx.product(slug):
        ctx.problems.error(ctx.display, line, "MD_PRODUCT_UNKNOWN", slug=block.argument,
                           suggestion=did_you_mean(slug, ctx.products()))
        return ""
    return f'<div class="embed embed-product">{PRODUCT_MARKER.format(slug)}</div>'


# -- video -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Video:
    """A video on a provider's site: where it plays, where it embeds, and its shape."""

    provider: str
    id: str
    url: str
    embed: str
    portrait: bool

    @property
    def origin(self) -> str:
        parts = urlsplit(self.embed)
        return f"{parts.scheme}://{parts.netloc}"


PROVIDERS = {"youtube": "YouTube", "tiktok": "TikTok", "instagram": "Instagram"}
FRAME_ORIGINS = ("https://www.instagram.com", "https://www.tiktok.com", "https://www.youtube-nocookie.com")
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def parse_video(url: str) -> Video | None:
    """The video a URL names: YouTube (youtu.be, youtube.com/watch, /shorts/), TikTok
    (tiktok.com/@user/video/ID) or Instagram (instagram.com/reel/ID, /p/ID); None otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http"):
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = [p for p in parts.path.split("/") if p]
    if host == "youtu.be" and len(path) == 1:
        return _youtube(path[0], False)
    if host == "youtube.com":
        if path == ["watch"]:
            return _youtube((parse_qs(parts.query).get("v") or [""])[0], False)
        if len(path) == 2 and path[0] == "shorts":
            return _youtube(path[1], True)
        return None
    if host == "tiktok.com" and len(path) == 3 and path[0].startswith("@") and path[1] == "video" \
            and path[2].isdigit():
        return Video("tiktok", path[2], f"https://www.tiktok.com/{path[0]}/video/{path[2]}",
                     f"https://www.tiktok.com/embed/v2/{path[2]}", True)
    if host == "instagram.com" and len(path) == 2 and path[0] in ("reel", "p") \
            and re.fullmatch(r"[A-Za-z0-9_-]+", path[1]):
        return Video("instagram", path[1], f"https://www.instagram.com/{path[0]}/{path[1]}/",
                     f"https://www.instagram.com/{path[0]}/{path[1]}/embed/", path[0] == "reel")
    return None


def _youtube(video_id: str, short: bool) -> Video | None:
    if not _YOUTUBE_ID.match(video_id):
        return None
    url = f"https://www.youtube.com/shorts/{video_id}" if short else f"https://www.youtube.com/watch?v={video_id}"
    return Video("youtube", video_id, url, f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1", short)


PLAY_ICON = ('<svg class="video-play" viewBox="0 0 68 48" width="68" height="48" aria-hidden="true" '
             'focusable="false"><rect width="68" height="48" rx="12" fill="#1d1d1b" fill-opacity="0.8"/>'
             '<path d="M27 14v20l18-10z" fill="#fff"/></svg>')
VIDEO_TEXT = {"id": ("Putar video", "Tonton di {provider}"), "en": ("Play video", "Watch on {provider}")}
SIZES_VIDEO = "(min-width: 800px) 720px, 100vw"


def _video(block: Block, options: dict[str, tuple[str, int]], ctx: Context, line: int) -> str:
    video = parse_video(block.argument)
    if video is None:
        ctx.problems.error(ctx.display, line, "MD_VIDEO_URL", url=block.argument[:200])
        return ""
    ctx.refs.add("frame:" + video.origin)  # the site's frame-src (pipeline._frames)
    provider = PROVIDERS[video.provider]
    play, watch = VIDEO_TEXT.get(ctx.lang, VIDEO_TEXT["en"])
    title = options.get("title", ("", line))[0]
    name = f"{play}: {title}" if title else f"{play} ({provider})"
    poster = options.get("poster")
    picture = None
    if poster is not None:
        picture = ctx.photo(poster[0], "", poster[1], SIZES_VIDEO)
    elif video.provider == "youtube":
        picture = ctx.thumbnail(video.id, line)
    esc = html.escape
    shape = "portrait" if video.portrait else "landscape"
    media = picture or '<span class="video-blank"></span>'
    caption = f"{esc(title)} · {esc(watch.format(provider=provider))}" if title else esc(watch.format(provider=provider))
    return (f'<figure class="embed embed-video video-{shape} video-{video.provider}">'
            f'<a class="video-facade" href="{esc(video.url)}" data-video-embed="{esc(video.embed)}" '
            f'data-video-title="{esc(title or provider)}" aria-label="{esc(name)}">{media}{PLAY_ICON}</a>'
            f'<figcaption>{caption}</figcaption></figure>')


# -- gallery ---------------------------------------------------------------------------------

SIZES_GALLERY = "(min-width: 800px) 240px, 45vw"


def _gallery(block: Block, options: dict[str, tuple[str, int]], ctx: Context, line: int) -> str:
    pictures = []
    for offset, text in block.lines:
        if not text.strip():
            continue
        at = ctx.first_line + offset
        match = _IMAGE.match(text)
        if match is None:
            ctx.problems.error(ctx.display, at, "MD_GALLERY_LINE", found=text.strip()[:60])
            continue
        alt, src = match.group(1).strip(), match.group(2)
        if not alt:
            ctx.problems.error(ctx.display, at, "MD_GALLERY_ALT", src=src)
            continue
        picture = ctx.photo(src, alt, at, SIZES_GALLERY)
        if picture:
            pictures.append(picture)
    if not pictures and not any(t.strip() for _, t in block.lines):
        ctx.problems.error(ctx.display, line, "MD_COMPONENT_ARGUMENT", name="gallery", example=EXAMPLES["gallery"])
    if not pictures:
        return ""
    items = "".join(f"<li>{p}</li>" for p in pictures)
    return f'<ul class="embed embed-gallery" role="list">{items}</ul>'


# -- map -------------------------------------------------------------------------------------

MAP_TEXT = {"id": "Buka peta di OpenStreetMap", "en": "Open the map on OpenStreetMap"}
_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_COORDS = re.compile(rf"^\s*({_NUMBER})\s*[,;\s]\s*({_NUMBER})\s*$")


def _map(block: Block, options: dict[str, tuple[str, int]], ctx: Context, line: int) -> str:
    match = _COORDS.match(block.argument)
    lat = lon = math.nan
    if match:
        lat, lon = float(match.group(1)), float(match.group(2))
    if not match or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        ctx.problems.error(ctx.display, line, "MD_MAP_COORDS", found=block.argument[:60])
        return ""
    zoom = 15
    if "zoom" in options:
        value, at = options["zoom"]
        if not value.isdigit() or not 1 <= int(value) <= 19:
            ctx.problems.error(ctx.display, at, "MD_MAP_ZOOM", found=value[:20])
            return ""
        zoom = int(value)
    label = options.get("label", ("", line))[0]
    lat_text, lon_text = f"{lat:.5f}".rstrip("0").rstrip("."), f"{lon:.5f}".rstrip("0").rstrip(".")
    url = (f"https://www.openstreetmap.org/?mlat={lat_text}&mlon={lon_text}"
           f"#map={zoom}/{lat_text}/{lon_text}")
    esc = html.escape
    where = coordinates_text(lat, lon, ctx.lang)
    text = MAP_TEXT.get(ctx.lang, MAP_TEXT["en"])
    title = f'<strong class="map-label">{esc(label)}</strong>' if label else ""
    return (f'<figure class="embed embed-map"><a class="map-link" href="{esc(url)}">{preview_svg(lat, lon)}'
            f'<span class="map-text">{title}{esc(text)}</span></a>'
            f'<figcaption class="map-where">{esc(where)}</figcaption></figure>')


def coordinates_text(lat: float, lon: float, lang: str) -> str:
    """`4°49′48″ LS, 119°32′24″ BT` (Indonesian) or `4°49′48″ S, 119°32′24″ E`."""
    def dms(value: float) -> str:
        seconds = round(abs(value) * 3600)
        return f"{seconds // 3600}°{seconds % 3600 // 60:02d}′{seconds % 60:02d}″"
    south, north, west, east = ("LS", "LU", "BB", "BT") if lang == "id" else ("S", "N", "W", "E")
    return f"{dms(lat)} {south if lat < 0 else north}, {dms(lon)} {west if lon < 0 else east}"


def preview_svg(lat: float, lon: float) -> str:
    """A small drawn preview, made here without any network: a grid of the minutes around the
    place with a pin on it, a red pin on a pale sea-and-land tint. It shows where the link
    leads, not a map (the site cannot keep map tiles; see docs/content.md)."""
    width, height = 320, 140
    # grid lines every minute of arc, placed so the pin sits on the true fraction of its minute
    fx = (lon * 60) % 1
    fy = (lat * 60) % 1
    step = 40
    xs = [round(width / 2 - fx * step + k * step, 1) for k in range(-5, 6)]
    ys = [round(height / 2 + fy * step + k * step, 1) for k in range(-3, 4)]
    grid = "".join(f'<path d="M{x} 0V{height}"/>' for x in xs if 0 <= x <= width)
    grid += "".join(f'<path d="M0 {y}H{width}"/>' for y in ys if 0 <= y <= height)
    cx, cy = width // 2, height // 2
    return (f'<svg class="map-preview" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'aria-hidden="true" focusable="false"><rect width="{width}" height="{height}" fill="#e4efe6"/>'
            f'<g stroke="#b9cdbd" stroke-width="1" fill="none">{grid}</g>'
            f'<ellipse cx="{cx}" cy="{cy}" rx="9" ry="3" fill="#1d1d1b" fill-opacity="0.25"/>'
            f'<path d="M{cx} {cy}c-6-9-12-14-12-21a12 12 0 0 1 24 0c0 7-6 12-12 21z" fill="#c0392b" '
            f'stroke="#fff" stroke-width="2"/><circle cx="{cx}" cy="{cy - 21}" r="4.5" fill="#fff"/></svg>')


# -- the provider's thumbnail (build time) ---------------------------------------------------

THUMBNAIL_ENV = "SHOWCASE_THUMBNAIL_URL"
THUMBNAIL_BASE = "https://i.ytimg.com/vi"
THUMBNAIL_TIMEOUT_S = 5.0
THUMBNAIL_MAX_BYTES = 2_000_000


def thumbnail_url(video_id: str) -> str:
    """Where YouTube keeps a video's thumbnail (`$SHOWCASE_THUMBNAIL_URL/<id>/hqdefault.jpg`)."""
    base = os.environ.get(THUMBNAIL_ENV, "").strip() or THUMBNAIL_BASE
    return f"{base.rstrip('/')}/{video_id}/hqdefault.jpg"


def fetch_thumbnail(video_id: str, folder: Path) -> tuple[Path | None, str]:
    """The thumbnail of a YouTube video in `folder` (fetched once, then kept): (path, "") or
    (None, why it could not be fetched)."""
    target = folder / f"youtube-{video_id}.jpg"
    if target.is_file():
        return target, ""
    url = thumbnail_url(video_id)
    if not url.startswith(("https://", "http://")):
        return None, f"{THUMBNAIL_ENV} is not an http(s) address"
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "showcase"})
        with urllib.request.urlopen(request, timeout=THUMBNAIL_TIMEOUT_S) as response:  # noqa: S310 - http(s) only
            data = response.read(THUMBNAIL_MAX_BYTES + 1)
    except (OSError, ValueError) as exc:
        return None, str(getattr(exc, "reason", None) or exc)[:120]
    if len(data) > THUMBNAIL_MAX_BYTES or not data.startswith(b"\xff\xd8"):
        return None, "not a JPEG photo"
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, target)
    return target, ""
