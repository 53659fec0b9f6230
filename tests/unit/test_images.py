"""Photos: planning, validation and processing, with photos made by Pillow at test time."""
from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from showcase.errors import Severity
from showcase.images import (
    ImagePlan,
    ImagePlanner,
    ImageSettings,
    ProcessResult,
    process,
    srcset,
    variant_widths,
)
from tests import photos

SETTINGS = ImageSettings()


def plan_one(path: Path, cache: Path | None = None, settings: ImageSettings = SETTINGS,
             display: str | None = None) -> tuple[ImagePlan | None, ImagePlanner]:
    planner = ImagePlanner(settings, cache)
    return planner.plan(path, display or f"content/products/abon/{path.name}"), planner


def run(plans: list[ImagePlan], out: Path, cache: Path | None = None,
        settings: ImageSettings = SETTINGS) -> ProcessResult:
    return process(plans, settings, cache, out, workers=2)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def pixel(path: Path, xy: tuple[int, int]) -> tuple[int, ...]:
    with Image.open(path) as image:
        return image.convert("RGBA").getpixel(xy)  # type: ignore[return-value]


def close(found: tuple[int, ...], wanted: tuple[int, ...], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(found, wanted, strict=True))


def output(plan: ImagePlan, out: Path, fmt: str, width: int | None = None) -> Path:
    variants = [v for v in plan.variants if v.format == fmt]
    chosen = variants[-1] if width is None else next(v for v in variants if v.width == width)
    return out / chosen.path


def errors(planner: ImagePlanner) -> list[tuple[str, str]]:
    return [(d.code, d.path) for d in planner.diagnostics if d.severity is Severity.ERROR]


def warning_codes(planner: ImagePlanner) -> list[str]:
    return [d.code for d in planner.diagnostics if d.severity is Severity.WARNING]


# --- sizes and names -------------------------------------------------------------------------

@pytest.mark.parametrize(("width", "expected"), [
    (500, [360, 500]), (300, [300]), (1600, [360, 720, 1080, 1600]),
    (2400, [360, 720, 1080, 1600]), (1080, [360, 720, 1080]), (361, [360, 361]),
])
def test_widths_are_never_upscaled(width: int, expected: list[int]) -> None:
    assert variant_widths(width, SETTINGS.widths) == expected
    assert variant_widths(width, SETTINGS.widths, "avif") == ([120] if width > 120 else []) + expected


def test_small_photo_is_published_at_its_own_size_and_no_larger(tmp_path: Path) -> None:
    plan, _ = plan_one(photos.solid(tmp_path / "abon.jpg", (500, 250)))
    assert plan is not None
    assert [(v.format, v.width, v.height) for v in plan.variants] == [("avif", 120, 60)] + [
        (f, w, h) for f in ("avif", "webp", "jpeg") for w, h in ((360, 180), (500, 250))], \
        "and a 120 px AVIF, the thumbnail saved for offline reading"
    run([plan], tmp_path / "out")
    for variant in plan.variants:
        with Image.open(tmp_path / "out" / variant.path) as image:
            assert image.size == (variant.width, variant.height)
            assert image.format == variant.format.upper()


def test_variant_names_are_slug_hash_width_and_srcset_lists_them(tmp_path: Path) -> None:
    plan, _ = plan_one(photos.solid(tmp_path / "Abon Ikan (1).JPG", (800, 600)))
    assert plan is not None
    stem = f"media/abon-ikan-1-{plan.key[:10]}"
    assert [v.path for v in plan.variants if v.format == "jpeg"] == [
        f"{stem}-360.jpg", f"{stem}-720.jpg", f"{stem}-800.jpg"]
    assert srcset(plan, "webp", "/pangkep/") == (
        f"/pangkep/{stem}-360.webp 360w, /pangkep/{stem}-720.webp 720w, "
        f"/pangkep/{stem}-800.webp 800w")


def test_plans_are_memoised_and_listed_by_display_path(tmp_path: Path) -> None:
    planner = ImagePlanner(SETTINGS, None)
    first = planner.plan(photos.solid(tmp_path / "b.jpg", (300, 300)), "content/b.jpg")
    again = planner.plan(tmp_path / "b.jpg", "content/b.jpg")
    planner.plan(photos.solid(tmp_path / "a.jpg"), "content/a.jpg")
    assert first is again
    assert [p.display for p in planner.plans()] == ["content/a.jpg", "content/b.jpg"]
    assert warning_codes(planner) == ["IMG_SMALL"]  # reported once, not once per use


# --- what a visitor sees ---------------------------------------------------------------------

def test_exif_rotated_phone_photo_comes_out_upright(tmp_path: Path) -> None:
    blue, yellow = (0, 0, 255), (255, 255, 0)
    source = photos.two_tone(tmp_path / "tegak.jpg", (800, 600), blue, yellow, orientation=6)
    plan, _ = plan_one(source)
    assert plan is not None and (plan.width, plan.height) == (600, 800)
    run([plan], tmp_path / "out")
    for fmt in ("avif", "webp", "jpeg"):
        path = output(plan, tmp_path / "out", fmt, 360)
        with Image.open(path) as image:
            assert image.size == (360, 480)
            assert not image.getexif()
        # rotated 90 degrees clockwise: the left half of the sensor image is now the top
        assert close(pixel(path, (180, 40)), (*blue, 255), 40)
        assert close(pixel(path, (180, 440)), (*yellow, 255), 40)


def test_no_private_metadata_in_any_output(tmp_path: Path) -> None:
    source = photos.with_private_metadata(tmp_path / "rahasia.jpg")
    assert b"Siti Rahayu" in source.read_bytes()  # the source really does carry it
    plan, _ = plan_one(source)
    assert plan is not None
    run([plan], tmp_path / "out")
    files = list((tmp_path / "out").rglob("*.*"))
    assert len(files) == len(plan.variants) == 10  # 3 widths in 3 formats, and the AVIF thumbnail
    for path in files:
        data = path.read_bytes()
        for secret in (b"Exif", b"GPS", b"xmpmeta", b"RumahProduksi", b"Siti Rahayu",
                       b"KameraMerek", b"SN-9876", b"0812-3456", b"ICC_PROFILE"):
            assert secret not in data, (path.name, secret)
        with Image.open(path) as image:
            assert len(image.getexif()) == 0
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & {
                k for k, v in image.info.items() if v}


def test_cmyk_jpeg_keeps_its_colour(tmp_path: Path) -> None:
    plan, _ = plan_one(photos.cmyk_jpeg(tmp_path / "cetak.jpg", ink=(0, 255, 255, 0)))
    assert plan is not None and plan.placeholder[:3] in ("#fe", "#ff")
    run([plan], tmp_path / "out")
    for fmt in ("avif", "webp", "jpeg"):
        assert close(pixel(output(plan, tmp_path / "out", fmt), (100, 100)), (255, 0, 0, 255), 25)


@pytest.mark.parametrize("space", ["CMYK", "RGB"])
def test_embedded_colour_profile_is_honoured(tmp_path: Path, space: str) -> None:
    # the profile maps every colour to blue: only a converter that uses it produces blue
    profile = photos.odd_profile(space)
    if space == "CMYK":
        source = photos.cmyk_jpeg(tmp_path / "p.jpg", ink=(0, 255, 255, 0), profile=profile)
    else:
        source = photos.rgb_jpeg_with_profile(tmp_path / "p.jpg", profile, color=(200, 40, 40))
    plan, _ = plan_one(source)
    assert plan is not None
    run([plan], tmp_path / "out")
    red, green, blue, _ = pixel(output(plan, tmp_path / "out", "jpeg"), (50, 50))
    assert blue > 150 and red < 110 and green < 120


def test_16_bit_png_keeps_its_grey(tmp_path: Path) -> None:
    plan, _ = plan_one(photos.grey16_png(tmp_path / "abu.png", value=0x8080))
    assert plan is not None and plan.placeholder == "#808080"
    run([plan], tmp_path / "out")
    for fmt in ("avif", "webp", "jpeg"):
        grey = pixel(output(plan, tmp_path / "out", fmt), (300, 200))
        assert close(grey, (128, 128, 128, 255), 4)


def test_transparent_png_is_white_in_jpeg_and_transparent_in_webp_and_avif(tmp_path: Path) -> None:
    plan, _ = plan_one(photos.half_transparent_png(tmp_path / "logo.png", color=(220, 20, 20)))
    assert plan is not None
    run([plan], tmp_path / "out")
    jpeg = output(plan, tmp_path / "out", "jpeg")
    assert close(pixel(jpeg, (50, 200)), (255, 255, 255, 255), 6)
    assert close(pixel(jpeg, (550, 200)), (220, 20, 20, 255), 20)
    for fmt in ("webp", "avif"):
        assert pixel(output(plan, tmp_path / "out", fmt), (50, 200))[3] < 10
        assert pixel(output(plan, tmp_path / "out", fmt), (550, 200))[3] > 245


# --- photos that cannot be used --------------------------------------------------------------

BAD = {
    "lfs pointer": (photos.lfs_pointer, "abon.jpg", "IMG_LFS_POINTER"),
    "svg": (photos.svg, "logo.svg", "IMG_SVG"),
    "svg named jpg": (photos.svg, "logo.jpg", "IMG_SVG"),
    "html named jpg": (photos.html, "abon.jpg", "IMG_NOT_IMAGE"),
    "empty": (lambda p: photos.write_bytes(p, b""), "abon.jpg", "IMG_EMPTY"),
    "truncated jpeg": (photos.truncated, "abon.jpg", "IMG_TRUNCATED"),
    "truncated png": (lambda p: photos.truncated(p, "PNG", (200, 200)), "abon.png",
                      "IMG_TRUNCATED"),
    "png declaring 14000x14000": (lambda p: photos.png_declaring(p, 14000, 14000), "bom.png",
                                  "IMG_TOO_LARGE"),
    "png declaring 100 MP": (lambda p: photos.png_declaring(p, 10000, 10000), "bom.png",
                             "IMG_TOO_LARGE"),
    "heic": (photos.heic, "IMG_0001.HEIC", "IMG_HEIC"),
    "heic named jpg": (photos.heic, "IMG_0001.jpg", "IMG_HEIC"),
}


@pytest.mark.parametrize("case", BAD)
def test_unusable_file_gives_exactly_its_error(tmp_path: Path, case: str) -> None:
    make, name, code = BAD[case]
    display = f"content/products/abon/{name}"
    plan, planner = plan_one(make(tmp_path / name), tmp_path / "cache", display=display)
    assert plan is None
    assert errors(planner) == [(code, display)]
    assert planner.plans() == []


def test_too_many_megapixels_names_the_size_and_the_maximum(tmp_path: Path) -> None:
    _, planner = plan_one(photos.png_declaring(tmp_path / "bom.png", 14000, 14000))
    assert "196.0 MP" in planner.diagnostics[0].message("en")
    assert "196,0 MP" in planner.diagnostics[0].message("id")
    assert "60 MP" in planner.diagnostics[0].message("en")
    _, planner = plan_one(photos.solid(tmp_path / "besar.jpg", (1000, 1000)),
                          settings=ImageSettings(max_megapixels=0.5))
    assert errors(planner) == [("IMG_TOO_LARGE", "content/products/abon/besar.jpg")]
    assert "1.0 MP" in planner.diagnostics[0].message("en") and "0.5 MP" in planner.diagnostics[0].message("en")


def test_file_size_warns_above_soft_cap_and_fails_above_hard_cap(tmp_path: Path) -> None:
    source = photos.noisy(tmp_path / "besar.jpg", (300, 300), "JPEG")  # about 80 KB
    plan, planner = plan_one(source, settings=ImageSettings(warn_file_mb=0.01, max_file_mb=1))
    assert plan is not None and "IMG_FILE_SIZE" in warning_codes(planner)
    plan, planner = plan_one(source, settings=ImageSettings(warn_file_mb=0.005, max_file_mb=0.01))
    assert plan is None and errors(planner) == [("IMG_FILE_SIZE", planner.diagnostics[0].path)]


# --- photos that work, with a warning --------------------------------------------------------

def test_png_named_jpg_warns_and_is_published(tmp_path: Path) -> None:
    source = photos.solid(tmp_path / "abon.jpg", (800, 600), (10, 200, 10), fmt="PNG")
    plan, planner = plan_one(source, tmp_path / "cache")
    assert plan is not None and warning_codes(planner) == ["IMG_FORMAT_MISMATCH"]
    assert '"abon.png"' in planner.diagnostics[0].hint("id")
    result = run([plan], tmp_path / "out", tmp_path / "cache")
    assert result.diagnostics == () and result.made == len(plan.variants)
    assert close(pixel(output(plan, tmp_path / "out", "jpeg"), (10, 10)), (10, 200, 10, 255))


@pytest.mark.parametrize(("make", "code"), [
    (lambda p: photos.animated_gif(p.with_suffix(".gif")), "IMG_ANIMATED"),
    (lambda p: photos.solid(p, (300, 300)), "IMG_SMALL"),
    (lambda p: photos.solid(p, (2500, 500)), "IMG_ASPECT"),
    (lambda p: photos.solid(p, (500, 2100)), "IMG_ASPECT"),
])
def test_questionable_photo_warns_and_still_works(tmp_path: Path, make: Callable[[Path], Path],
                                                  code: str) -> None:
    source = make(tmp_path / "foto.jpg")
    cache = tmp_path / "cache"
    for _ in range(2):  # the warning comes back when the plan is served from the cache
        plan, planner = plan_one(source, cache)
        assert warning_codes(planner) == [code]
    assert plan is not None
    result = run([plan], tmp_path / "out", cache)
    assert result.diagnostics == ()
    assert all((tmp_path / "out" / v.path).is_file() for v in plan.variants)


def test_animated_gif_publishes_its_first_frame(tmp_path: Path) -> None:
    plan, _ = plan_one(photos.animated_gif(tmp_path / "gerak.gif"))
    assert plan is not None
    run([plan], tmp_path / "out")
    with Image.open(output(plan, tmp_path / "out", "webp")) as image:
        assert not getattr(image, "is_animated", False)
    assert close(pixel(output(plan, tmp_path / "out", "jpeg"), (10, 10)), (250, 0, 0, 255), 20)


# --- caching and determinism -----------------------------------------------------------------

def three_photos(folder: Path) -> list[Path]:
    return [photos.solid(folder / "abon.jpg", (900, 600), (200, 40, 40)),
            photos.two_tone(folder / "kain.jpg", (600, 800), (0, 0, 200), (250, 220, 0)),
            photos.half_transparent_png(folder / "logo.png")]


def plan_all(paths: list[Path], cache: Path | None) -> list[ImagePlan]:
    planner = ImagePlanner(SETTINGS, cache)
    for path in paths:
        planner.plan(path, f"content/{path.name}")
    assert planner.diagnostics == []
    return planner.plans()


def test_second_build_reuses_the_cache_and_writes_the_same_bytes(tmp_path: Path) -> None:
    sources, cache = three_photos(tmp_path / "src"), tmp_path / "cache"
    plans = plan_all(sources, cache)
    total = sum(len(p.variants) for p in plans)
    seen: list[tuple[int, int]] = []
    first = process(plans, SETTINGS, cache, tmp_path / "one", workers=2,
                    progress=lambda done, count: seen.append((done, count)))
    assert (first.made, first.reused, first.diagnostics) == (total, 0, ())
    assert sorted(seen) == [(1, 3), (2, 3), (3, 3)]
    again = plan_all(sources, cache)
    assert again == plans
    second = run(again, tmp_path / "two", cache)
    assert (second.made, second.reused) == (0, total)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert len(tree(tmp_path / "one")) == total


def test_build_without_cache_is_identical_run_to_run_and_to_a_cached_build(tmp_path: Path) -> None:
    sources = three_photos(tmp_path / "src")
    plans = plan_all(sources, None)
    assert not (tmp_path / "cache").exists()
    one, two = run(plans, tmp_path / "one"), run(plans, tmp_path / "two")
    assert one.made == two.made == sum(len(p.variants) for p in plans)
    assert one.diagnostics == two.diagnostics == ()
    run(plan_all(sources, tmp_path / "cache"), tmp_path / "cached", tmp_path / "cache")
    assert tree(tmp_path / "one") == tree(tmp_path / "two") == tree(tmp_path / "cached")


def test_workers_started_from_a_threaded_parent_give_the_same_bytes(tmp_path: Path) -> None:
    # a live thread makes forking unsafe, so the pool starts its workers another way
    plans = plan_all(three_photos(tmp_path / "src"), None)
    run(plans, tmp_path / "forked")
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        result = run(plans, tmp_path / "started")
    finally:
        stop.set()
        helper.join()
    assert result.diagnostics == ()
    assert tree(tmp_path / "forked") == tree(tmp_path / "started")


def test_damaged_cache_file_is_rebuilt_not_copied(tmp_path: Path) -> None:
    source, cache = photos.solid(tmp_path / "abon.jpg", (900, 600)), tmp_path / "cache"
    plan, _ = plan_one(source, cache)
    assert plan is not None
    run([plan], tmp_path / "one", cache)
    cached = cache / "images" / plan.key / "720.webp"
    damaged = cached.read_bytes()[:100]
    cached.unlink()  # an interrupted restore of the cache writes a new, short file
    cached.write_bytes(damaged)
    result = run([plan], tmp_path / "two", cache)
    assert (result.made, result.reused) == (1, len(plan.variants) - 1)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert run([plan], tmp_path / "three", cache).made == 0  # and the repair was cached


def test_unreadable_cache_metadata_is_rebuilt(tmp_path: Path) -> None:
    source, cache = photos.solid(tmp_path / "abon.jpg", (900, 600)), tmp_path / "cache"
    plan, _ = plan_one(source, cache)
    assert plan is not None
    run([plan], tmp_path / "one", cache)
    (cache / "images" / plan.key / "meta.json").write_text('{"width": 900, "hei')
    replanned, planner = plan_one(source, cache)
    assert replanned == plan and planner.diagnostics == []
    result = run([plan], tmp_path / "two", cache)
    assert (result.made, result.reused) == (len(plan.variants), 0)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_planning_trusts_a_valid_cache_entry_instead_of_decoding(tmp_path: Path) -> None:
    source, cache = photos.solid(tmp_path / "abon.jpg", (900, 600)), tmp_path / "cache"
    plan, _ = plan_one(source, cache)
    assert plan is not None
    meta_path = cache / "images" / plan.key / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "placeholder": "#123456"}))
    assert plan_one(source, cache)[0].placeholder == "#123456"  # type: ignore[union-attr]


def test_cache_key_changes_with_settings(tmp_path: Path) -> None:
    source = photos.solid(tmp_path / "abon.jpg")
    plain, _ = plan_one(source)
    sharper, _ = plan_one(source, settings=ImageSettings(quality=(("avif", 60), ("webp", 76),
                                                                 ("jpeg", 80))))
    assert plain is not None and sharper is not None and plain.key != sharper.key


def test_identical_photos_under_two_names_are_both_published(tmp_path: Path) -> None:
    first = photos.solid(tmp_path / "a" / "abon.jpg", (800, 600))
    twin = tmp_path / "b" / "abon-kopi.jpg"
    twin.parent.mkdir()
    twin.write_bytes(first.read_bytes())
    plans = plan_all([first, twin], None)
    result = run(plans, tmp_path / "out")
    files = tree(tmp_path / "out")
    assert len(files) == 2 * len(plans[0].variants)
    assert result.made + result.reused == len(files)
    pairs = zip(plans[0].variants, plans[1].variants, strict=True)
    assert all(files[v.path] == files[w.path] for v, w in pairs)


def test_photo_broken_after_planning_is_a_diagnostic_not_a_crash(tmp_path: Path) -> None:
    good, bad = three_photos(tmp_path / "src")[:2]
    plans = plan_all([good, bad], None)
    bad.write_bytes(bad.read_bytes()[:500])  # replaced mid-build by a truncated copy
    result = run(plans, tmp_path / "out")
    assert [(d.code, d.path) for d in result.diagnostics] == [("IMG_CHANGED", "content/kain.jpg")]
    good_plan = next(p for p in plans if p.display == "content/abon.jpg")
    assert all((tmp_path / "out" / v.path).is_file() for v in good_plan.variants)
