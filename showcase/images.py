"""Photos: planned cheaply while pages are built, then processed into resized web files. Planning
reads a photo's bytes once, checks by content what it really is (rejecting LFS pointers, SVG,
HTML, HEIC, damaged and oversized files) and returns its intrinsic size after EXIF rotation, the
names of its variants and a placeholder colour, using a cache keyed by content and settings.
Processing decodes each photo once, converts it to sRGB and strips all metadata (EXIF, GPS, XMP,
comments and the colour profile: browsers read untagged pixels as sRGB, so embedding nothing is
the correct choice), then encodes AVIF, WebP and JPEG variants in parallel and deterministically,
reusing verified cache entries. It reports problems as diagnostics; it never decides which photos
a page uses (the loader does) nor builds HTML (the views do).
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import tempfile
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, cast

import PIL
from PIL import (
    AvifImagePlugin,
    GifImagePlugin,
    Image,
    ImageCms,
    ImageOps,
    JpegImagePlugin,
    PngImagePlugin,
    WebPImagePlugin,
    features,
)

from showcase import parallel
from showcase.errors import Diagnostic, Severity
from showcase.writer import link_into

log = logging.getLogger(__name__)

ENCODER_VERSION = "1"
"""Bump when the pixels or bytes this module writes change, so every cache entry is rebuilt."""

FORMATS = ("avif", "webp", "jpeg")
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
_OPENERS: dict[str, Callable[..., Image.Image]] = {
    "JPEG": JpegImagePlugin.jpeg_factory, "PNG": PngImagePlugin.PngImageFile,
    "GIF": GifImagePlugin.GifImageFile, "WEBP": WebPImagePlugin.WebPImageFile,
    "AVIF": AvifImagePlugin.AvifImageFile,
}
_NAME_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".jpe": "JPEG", ".jfif": "JPEG", ".png": "PNG",
                 ".gif": "GIF", ".webp": "WEBP", ".avif": "AVIF"}
_REJECTED = {  # what the bytes really are -> the message key (texts in `problems`)
    "EMPTY": "IMG_EMPTY", "LFS": "IMG_LFS_POINTER", "SVG": "IMG_SVG", "HTML": "IMG_NOT_IMAGE.html",
    "TEXT": "IMG_NOT_IMAGE.text", "HEIC": "IMG_HEIC", "TIFF": "IMG_UNSUPPORTED", "BMP": "IMG_UNSUPPORTED",
    "OTHER": "IMG_NOT_IMAGE",
}
_MAGIC = ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF87a", "GIF"),
          (b"GIF89a", "GIF"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"BM", "BMP"),
          (b"version https://git-lfs", "LFS"))
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1",
                b"msf1"}
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError,
                  ArithmeticError, ImageCms.PyCMSError)
_ROTATED = (5, 6, 7, 8)
_MB = 1024 * 1024


@dataclass(frozen=True)
class ImageSettings:
    """How photos are resized and encoded, and the limits a photo must respect."""

    widths: tuple[int, ...] = (360, 720, 1080, 1600)
    formats: tuple[str, ...] = ("avif", "webp", "jpeg")  # jpeg always produced as the fallback
    quality: tuple[tuple[str, int], ...] = (("avif", 50), ("webp", 76), ("jpeg", 80))
    max_megapixels: float = 60.0
    warn_file_mb: float = 15.0
    max_file_mb: float = 40.0
    min_width: int = 480

    def __post_init__(self) -> None:
        if not self.widths or min(self.widths) < 1:
            raise ValueError(f"image widths must be positive, got {self.widths}")
        if unknown := [f for f in self.formats if f not in FORMATS]:
            raise ValueError(f"unknown image format(s) {unknown}; choose from {FORMATS}")

    @property
    def output_formats(self) -> tuple[str, ...]:
        """The formats produced, in settings order, with JPEG appended as the fallback."""
        return tuple(dict.fromkeys(self.formats)) + (() if "jpeg" in self.formats else ("jpeg",))

    def quality_of(self, fmt: str) -> int:
        return dict(self.quality).get(fmt, 80)

    def signature(self) -> str:
        """A stable string naming everything that shapes the output bytes (part of cache keys)."""
        libs = {name: features.version(name) for name in ("jpg", "webp", "avif", "littlecms2")}
        return json.dumps({"settings": asdict(self), "pillow": PIL.__version__, "libs": libs,
                           "encoder": ENCODER_VERSION}, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class Variant:
    """One output file: a format at a width."""

    format: str
    width: int
    height: int
    path: str  # output-relative POSIX path


@dataclass(frozen=True)
class ImagePlan:
    """What pages need to know about a photo before it is processed."""

    source: Path
    display: str
    key: str
    width: int
    height: int
    variants: tuple[Variant, ...]
    placeholder: str


@dataclass(frozen=True)
class ProcessResult:
    """Counts of variant files encoded (`made`) and copied from the cache or a twin (`reused`)."""

    made: int
    reused: int
    diagnostics: tuple[Diagnostic, ...]


class _Problem(Exception):
    """A problem with a photo, raised where found and turned into a diagnostic by the caller."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params

    def __reduce__(self) -> tuple[Any, ...]:  # keyword parameters survive a worker's pickling
        return _problem, (self.key, self.params)

    def at(self, display: str, severity: Severity = Severity.ERROR) -> Diagnostic:
        return Diagnostic.of(display, None, self.key, severity, **self.params)


def _problem(key: str, params: dict[str, Any]) -> _Problem:
    return _Problem(key, **params)


def classify(data: bytes) -> str:
    """What the bytes really are: an accepted format name or a key of the rejection table."""
    if not data:
        return "EMPTY"
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[4:8] == b"ftyp":
        end = min(int.from_bytes(data[:4], "big"), 256)
        brands = {data[8:12]} | {data[i:i + 4] for i in range(16, end, 4)}
        if brands & {b"avif", b"avis"}:
            return "AVIF"
        return "HEIC" if brands & _HEIF_BRANDS else "OTHER"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        markup = head.startswith((b"<?xml", b"<svg", b"<!doctype svg", b"<!--"))
        return "SVG" if markup and b"<svg" in head else "HTML"
    if not any(b < 9 or 13 < b < 32 for b in head):
        return "TEXT"
    return "OTHER"


THUMBNAIL_WIDTH = 120
"""An AVIF this wide is made of every photo: the thumbnail saved for offline reading (offline.py),
a few KB, which `srcset` also offers to small frames (gallery thumbnails)."""


def variant_widths(width: int, configured: Sequence[int], fmt: str = "") -> list[int]:
    """Configured widths below the photo's width, plus the photo's own width when it is not
    above the largest configured one: photos are never upscaled (500 px gives [360, 500]); in
    AVIF also the offline thumbnail's width."""
    chosen = {w for w in configured if w < width}
    if fmt == "avif" and THUMBNAIL_WIDTH < width:
        chosen.add(THUMBNAIL_WIDTH)
    if width <= max(configured):
        chosen.add(width)
    return sorted(chosen)


def srcset(plan: ImagePlan, fmt: str, url_prefix: str) -> str:
    """`prefix/media/x-360.webp 360w, ...` for one format ("" when it was not produced)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; choose from {FORMATS}")
    prefix = url_prefix.rstrip("/") + "/" if url_prefix else ""
    return ", ".join(f"{prefix}{v.path} {v.width}w" for v in plan.variants if v.format == fmt)


class ImagePlanner:
    """Plans photos one by one, remembering each plan and every problem found."""

    def __init__(self, settings: ImageSettings, cache_dir: Path | None) -> None:
        self.settings = settings
        self.cache_dir = cache_dir
        self._signature = settings.signature()
        self._memo: dict[Path, ImagePlan | None] = {}
        self._diagnostics: list[Diagnostic] = []

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return list(self._diagnostics)

    def plans(self) -> list[ImagePlan]:
        """Every plan made, sorted by display path."""
        return sorted((p for p in self._memo.values() if p), key=lambda p: p.display)

    def plan(self, source: Path, display: str) -> ImagePlan | None:
        """Plan one photo, or record why it is unusable and return None; memoised per path."""
        if source not in self._memo:
            found: list[Diagnostic] = []
            try:
                self._memo[source] = self._plan(source, display, found)
            except _Problem as problem:
                found.append(problem.at(display))
                self._memo[source] = None
            self._diagnostics.extend(found)
        return self._memo[source]

    def _plan(self, source: Path, display: str, found: list[Diagnostic]) -> ImagePlan:
        settings = self.settings

        def warn(key: str, **params: Any) -> None:
            found.append(_Problem(key, **params).at(display, Severity.WARNING))

        try:
            size = source.stat().st_size
            if size > settings.max_file_mb * _MB:
                raise _Problem("IMG_FILE_SIZE", size=size / _MB, maximum=float(settings.max_file_mb))
            data = source.read_bytes()
        except OSError as exc:
            raise _Problem("IMG_UNREADABLE", detail=exc.strerror) from exc
        kind = classify(data)
        if kind not in _OPENERS:
            raise _Problem(_REJECTED[kind], **({"format": kind} if kind in ("TIFF", "BMP") else {}))
        key = _sha(data + self._signature.encode())
        meta_path = self.cache_dir / "images" / key / "meta.json" if self.cache_dir else None
        meta = _valid_meta(_read_json(meta_path)) if meta_path else None
        if meta is None:
            meta = _inspect(data, kind, settings.max_megapixels)
            if meta_path:
                _write_cache(meta_path, _json(meta))

        suffix = source.suffix.lower()
        if _NAME_FORMATS.get(suffix) != kind:
            proper = next(e for e, k in _NAME_FORMATS.items() if k == kind)
            if source.suffix:
                warn("IMG_FORMAT_MISMATCH", format=kind, suffix=source.suffix, name=source.stem + proper)
            else:
                warn("IMG_FORMAT_MISMATCH.bare", format=kind, name=source.stem + proper)
        if size > settings.warn_file_mb * _MB:
            warn("IMG_FILE_SIZE.warn", size=size / _MB, limit=float(settings.warn_file_mb))
        if meta["animated"]:
            warn("IMG_ANIMATED")
        width, height = meta["width"], meta["height"]
        if width < settings.min_width:
            warn("IMG_SMALL", width=width, minimum=settings.min_width)
        if not 0.25 <= width / height <= 4:
            warn("IMG_ASPECT", width=width, height=height)
        base = f"media/{_slug(source.stem)}-{key[:10]}"
        variants = tuple(
            Variant(fmt, w, max(1, round(w * height / width)), f"{base}-{w}.{EXTENSIONS[fmt]}")
            for fmt in settings.output_formats for w in variant_widths(width, settings.widths, fmt))
        return ImagePlan(source, display, key, width, height, variants, meta["placeholder"])


def _inspect(data: bytes, kind: str, max_megapixels: float) -> dict[str, Any]:
    """Header checks and a small draft decode: format, oriented size, animation, placeholder."""
    with _decoding():
        im = _OPENERS[kind](io.BytesIO(data), "")
        width, height = im.size
        if (megapixels := width * height / 1e6) > max_megapixels:
            raise _Problem("IMG_TOO_LARGE", width=width, height=height, megapixels=float(megapixels),
                           maximum=float(max_megapixels))
        animated = kind != "JPEG" and bool(getattr(im, "is_animated", False))
        if _orientation(im) in _ROTATED:
            width, height = height, width
        im.draft(None, (64, 64))
        flat = _flatten(_to_srgb(im))
    red, green, blue = flat.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))  # type: ignore[misc]
    return {"format": kind, "width": width, "height": height, "animated": animated,
            "placeholder": f"#{red:02x}{green:02x}{blue:02x}"}


_Outcome = tuple[int, int, tuple[Diagnostic, ...]]  # made, reused, problems


def process(plans: Sequence[ImagePlan], settings: ImageSettings, cache_dir: Path | None,
            out_dir: Path, workers: int | None = None,
            progress: Callable[[int, int], None] | None = None) -> ProcessResult:
    """Write every variant of every plan under `out_dir`, in parallel, one task per photo;
    identical photos are encoded once. Problems become diagnostics, in plan order."""
    groups: dict[str, list[ImagePlan]] = {}
    for plan in plans:
        groups.setdefault(plan.key, []).append(plan)
    jobs = [(tuple(twins), settings, cache_dir, out_dir) for twins in groups.values()]
    results: list[_Outcome] = [(0, 0, ())] * len(jobs)
    done = 0
    def died(index: int, error: BaseException) -> _Outcome:  # e.g. out of memory: report it
        return 0, 0, (_Problem("IMG_PROCESS", detail=str(error)).at(jobs[index][0][0].display),)

    for index, outcome in parallel.completed(_run, jobs, workers, died):
        results[index] = outcome
        done += len(jobs[index][0])
        if progress:
            progress(done, len(plans))
    return ProcessResult(sum(r[0] for r in results), sum(r[1] for r in results),
                         tuple(d for r in results for d in r[2]))


def _run(twins: tuple[ImagePlan, ...], settings: ImageSettings, cache_dir: Path | None,
         out_dir: Path) -> _Outcome:
    """Produce one photo's variants for every plan of it; never raises."""
    try:
        return _produce(twins, settings, cache_dir, out_dir)
    except _Problem as problem:
        return 0, 0, (problem.at(twins[0].display),)
    except Exception as exc:  # one bad photo must not crash the build
        log.exception("processing %s failed", twins[0].display)
        failure = _Problem("IMG_PROCESS", detail=repr(exc))
        return 0, 0, (failure.at(twins[0].display),)


def _produce(twins: tuple[ImagePlan, ...], settings: ImageSettings, cache_dir: Path | None,
             out_dir: Path) -> _Outcome:
    plan = twins[0]
    entry = cache_dir / "images" / plan.key if cache_dir else None
    meta = _valid_meta(_read_json(entry / "meta.json")) if entry else None
    known = meta.get("variants", {}) if meta else {}
    blobs: dict[str, bytes] = {}
    for name in map(_cache_name, plan.variants):
        if entry and isinstance(known.get(name), str):
            with suppress(OSError):
                data = (entry / name).read_bytes()
                if _sha(data) == known[name]:  # a damaged cache file is rebuilt, never copied
                    blobs[name] = data
    missing = [v for v in plan.variants if _cache_name(v) not in blobs]
    if missing:
        fresh, found = _encode_missing(plan, settings, missing)
        blobs.update(fresh)
        if entry:
            for name, data in fresh.items():
                _write_cache(entry / name, data)
            hashes = {name: _sha(data) for name, data in blobs.items()}
            _write_cache(entry / "meta.json", _json({**(meta or found), "variants": hashes}))
    for twin in twins:
        for variant in twin.variants:
            name = _cache_name(variant)
            try:
                place(out_dir / variant.path, blobs[name], entry / name if entry else None)
            except OSError as exc:
                raise _Problem("IMG_WRITE", path=variant.path, detail=exc.strerror) from exc
    total = len(plan.variants)
    return len(missing), total - len(missing) + total * (len(twins) - 1), ()


def _encode_missing(plan: ImagePlan, settings: ImageSettings, missing: list[Variant]
                    ) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Decode once, resize along the whole width chain (so the bytes never depend on what was
    cached), encode the missing variants; also return the metadata a cache entry needs."""
    try:
        data = plan.source.read_bytes()
    except OSError as exc:
        raise _Problem("IMG_UNREADABLE", detail=exc.strerror) from exc
    changed = _Problem("IMG_CHANGED")
    if _sha(data + settings.signature().encode()) != plan.key:
        raise changed
    kind = classify(data)
    sizes = sorted({(v.width, v.height) for v in plan.variants}, reverse=True)
    with _decoding():
        im = _OPENERS[kind](io.BytesIO(data), "")
        animated = kind != "JPEG" and bool(getattr(im, "is_animated", False))
        wide, high = sizes[0]
        im.draft(None, (high, wide) if _orientation(im) in _ROTATED else (wide, high))
        im.load()
        try:
            upright = ImageOps.exif_transpose(im)
        except _DECODE_ERRORS:  # unreadable EXIF: planning treated the photo as upright too
            upright = im
        frame = _to_srgb(upright)
        expected = plan.width / plan.height
        if abs(frame.width / frame.height - expected) > 0.02 * expected + 2 / frame.height:
            raise changed
        frames = {}
        for width, height in sizes:
            if frame.size != (width, height):
                frame = frame.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            frames[width] = frame
        fresh = {_cache_name(v): _encode(frames[v.width], v.format, settings.quality_of(v.format))
                 for v in missing}
    return fresh, {"format": kind, "width": plan.width, "height": plan.height,
                   "animated": animated, "placeholder": plan.placeholder}


def _encode(image: Image.Image, fmt: str, quality: int) -> bytes:
    """Deterministic encoders; `image.info` is empty, so no metadata can be carried over."""
    buffer = io.BytesIO()
    if fmt == "jpeg":
        _flatten(image).save(buffer, "JPEG", quality=quality, optimize=True, progressive=True,
                             subsampling="4:2:0")
    elif fmt == "webp":
        image.save(buffer, "WEBP", quality=quality, method=4)
    else:
        image.save(buffer, "AVIF", quality=quality, speed=6, max_threads=1, subsampling="4:2:0")
    return buffer.getvalue()


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB or RGBA in sRGB, with 8 bits per channel and no metadata at all."""
    profile = image.info.get("icc_profile")
    wide_range = image.mode == "I" and cast("tuple[int, int]", image.getextrema())[1] > 255
    if image.mode.startswith("I;16") or wide_range:
        image = image.convert("I").point(lambda value: value / 257).convert("L")
    elif image.mode in ("I", "F"):
        image = image.convert("L")
    alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if image.mode != "CMYK":
        image = image.convert("RGBA" if alpha else "RGB")
    if profile:
        image = _apply_profile(image, profile)
    if image.mode == "CMYK":
        image = image.convert("RGB")
    if image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")  # opaque alpha only costs bytes
    image.info = {}
    return image


def _apply_profile(image: Image.Image, profile: bytes) -> Image.Image:
    """Convert through the embedded ICC profile to sRGB; unusable profiles are ignored."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        space = source.profile.xcolor_space.strip()
        description = (source.profile.profile_description or "").lower()
        if space != ("CMYK" if image.mode == "CMYK" else "RGB") or (
                space == "RGB" and "srgb" in description):
            return image
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"),
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            outputMode="RGBA" if image.mode == "RGBA" else "RGB") or image
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError) as exc:
        log.info("ignoring unusable colour profile: %s", exc)
        return image


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent pixels onto white, for JPEG and the placeholder colour."""
    if image.mode != "RGBA":
        return image
    white = Image.new("RGB", image.size, (255, 255, 255))
    white.paste(image, mask=image.getchannel("A"))
    return white


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except _DECODE_ERRORS:
        return 1


@contextmanager
def _decoding() -> Iterator[None]:
    """Turn every decoding failure into a rejection naming the cause. Pillow's own pixel limit
    never warns past us: ours is checked first (files are opened without `Image.open`'s check)
    and a bomb warning raised anyway (e.g. by a GIF frame) becomes a rejection."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _Problem("IMG_TOO_LARGE.pixels", detail=str(exc)) from exc
    except _DECODE_ERRORS as exc:
        log.debug("decoding failed: %s", exc)
        raise _Problem("IMG_TRUNCATED") from exc


def _cache_name(variant: Variant) -> str:
    return f"{variant.width}.{EXTENSIONS[variant.format]}"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _slug(stem: str) -> str:
    text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-") or "foto"


def _valid_meta(meta: object) -> dict[str, Any] | None:
    """A cache entry's metadata if it is complete and well-typed, else None (rebuild it)."""
    if not isinstance(meta, dict):
        return None
    sizes_ok = all(type(meta.get(k)) is int and meta[k] > 0 for k in ("width", "height"))
    if (sizes_ok and meta.get("format") in _OPENERS and isinstance(meta.get("animated"), bool)
            and re.fullmatch(r"#[0-9a-f]{6}", str(meta.get("placeholder")))
            and isinstance(meta.get("variants", {}), dict)):
        return meta
    return None


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def _json(value: dict[str, Any]) -> bytes:
    return json.dumps(value, sort_keys=True, indent=1).encode()


def _write_cache(path: Path, data: bytes) -> None:
    """Cache writes may fail (read-only CI cache): the build goes on without them."""
    try:
        _atomic_write(path, data)
    except OSError as exc:
        log.warning("cannot write image cache %s: %s", path, exc)


def place(path: Path, data: bytes, cached: Path | None) -> None:
    """Put data at path: a hard link to `cached` when that file holds exactly data (the cache,
    the output and the cache's copy of the output then share one file), else a new file."""
    if cached is not None:
        try:
            if os.stat(cached).st_size == len(data):
                link_into(cached, path)
                return
        except OSError:
            pass
    _atomic_write(path, data)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; published files must be readable
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
