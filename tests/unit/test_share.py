"""Share images (1200x630, name and price on the photo) and the Open Graph tags that name them."""
from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from showcase import share
from showcase.images import ImagePlan, Variant
from showcase.pipeline import Options, build
from showcase.writer import OutputError

TESTS = Path(__file__).resolve().parent.parent
FULL = TESTS / "sites" / "full" / "content"
BASE = "https://example.org/galeri/"


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    return found.group(1) if found else None


def photo(colour: tuple[int, int, int] = (150, 90, 40), size: tuple[int, int] = (900, 1200)) -> Image.Image:
    image = Image.new("RGB", size, colour)
    for x in range(0, size[0], 60):
        image.paste((240, 230, 200), (x, 0, x + 20, size[1]))
    return image


def fake_plan(key: str = "k" * 64) -> ImagePlan:
    variants = tuple(Variant("jpeg", w, w, f"media/x-{key[:6]}-{w}.jpg") for w in (360, 720))
    return ImagePlan(Path("x.jpg"), "x.jpg", key, 720, 720, variants, "#000000")


def test_share_image_is_1200_by_630_and_deterministic():
    first = share.render(photo(), "Sarung Sutra Balo Renni", "Rp\u00a0750.000 – Rp\u00a01.200.000")
    second = share.render(photo(), "Sarung Sutra Balo Renni", "Rp\u00a0750.000 – Rp\u00a01.200.000")
    assert first == second
    with Image.open(io.BytesIO(first)) as image:
        assert image.format == "JPEG" and image.size == (share.WIDTH, share.HEIGHT) == (1200, 630)


def test_the_band_with_the_text_darkens_the_bottom_of_the_photo():
    with Image.open(io.BytesIO(share.render(photo((250, 250, 250)), "Abon", "Rp\u00a045.000"))) as image:
        top = image.crop((0, 0, 1200, 100)).convert("L").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
        bottom = image.crop((0, 560, 1200, 630)).convert("L").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    assert top > 200 and bottom < 120


def test_long_names_are_cut_to_two_lines_with_an_ellipsis():
    font = share.load_font("bold", share.TITLE_SIZE)
    lines = share._wrap("Kain Tenun Sutra " * 12, font, share.WIDTH - 2 * share.MARGIN, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= share.WIDTH - 2 * share.MARGIN for line in lines)
    assert share._wrap("Abon Bandeng", font, 1000, 2) == ["Abon Bandeng"]


def test_the_font_is_the_one_shipped_in_the_package_not_the_machines():
    for style in share.FONTS:
        path = share.font_file(style)
        assert path.parent == Path(share.__file__).resolve().parent / "fonts" and path.is_file()
        assert share.load_font(style, 20).path == str(path)
    assert (Path(share.__file__).parent / "fonts" / "LICENSE.txt").is_file()


def test_a_missing_font_file_is_an_error_with_a_hint_not_a_traceback(monkeypatch, tmp_path):
    monkeypatch.setattr(share, "FONT_DIR", tmp_path)
    share.load_font.cache_clear()
    try:
        with pytest.raises(OutputError, match=r"DejaVuSans-Bold\.ttf.*reinstall showcase"):
            share.render(photo(), "Abon Bandeng", "Rp\u00a045.000")
    finally:
        share.load_font.cache_clear()


def test_plan_names_change_with_photo_and_text_only():
    a = share.plan("abon", fake_plan(), "Abon", "Rp\u00a045.000")
    assert a == share.plan("abon", fake_plan(), "Abon", "Rp\u00a045.000")
    assert re.fullmatch(r"media/share/abon-[0-9a-f]{10}\.jpg", a.path)
    assert a.source == "media/x-kkkkkk-720.jpg"
    others = {share.plan("abon", fake_plan(), "Shredded milkfish", "Rp\u00a045.000").path,
              share.plan("abon", fake_plan(), "Abon", "Rp\u00a050.000").path,
              share.plan("abon", fake_plan("j" * 64), "Abon", "Rp\u00a045.000").path}
    assert len(others) == 3 and a.path not in others


def test_process_reuses_the_cache(tmp_path):
    out = tmp_path / "out"
    plan = share.plan("abon", fake_plan(), "Abon", "Rp\u00a045.000")
    (out / "media").mkdir(parents=True)
    photo().save(out / plan.source, "JPEG")
    assert share.process([plan, plan], out, tmp_path / "cache") == (1, 0)
    made = (out / plan.path).read_bytes()
    (out / plan.path).unlink()
    assert share.process([plan], out, tmp_path / "cache") == (0, 1)
    assert (out / plan.path).read_bytes() == made


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("share") / "out"
    build(Options(content=FULL, output=output, cache=None, base_url=BASE, today=date(2026, 11, 1), workers=1))
    return output


def test_product_pages_name_their_share_image(site):
    html = (site / "produk" / "sarung-sutra" / "index.html").read_text()
    assert meta(html, "og:type") == "product"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    assert meta(html, "og:url") == BASE + "produk/sarung-sutra/"
    assert re.search(r'<link rel="canonical" href="https://example.org/galeri/produk/sarung-sutra/">', html)
    assert meta(html, "description") and meta(html, "og:description") == meta(html, "description")
    assert meta(html, "product:price:amount") == "750000"
    image = meta(html, "og:image")
    assert image and image.startswith(BASE + "media/share/sarung-sutra-")
    with Image.open(site / image[len(BASE):]) as picture:
        assert picture.size == (1200, 630)


def test_a_translated_title_gets_its_own_share_image(site):
    indonesian = meta((site / "produk" / "sarung-sutra" / "index.html").read_text(), "og:image")
    english = meta((site / "en" / "products" / "sarung-sutra" / "index.html").read_text(), "og:image")
    assert indonesian != english
    untranslated = [meta((site / p / "bandeng-presto" / "index.html").read_text(), "og:image")
                    for p in ("produk", "en/products")]
    assert untranslated[0] == untranslated[1]  # same name and price: one file serves both languages
    assert len(list((site / "media" / "share").iterdir())) == 3


def test_a_product_without_photo_gets_a_small_card(site):
    html = (site / "produk" / "abon-bandeng" / "index.html").read_text()
    assert meta(html, "og:type") == "product"
    assert meta(html, "twitter:card") == "summary"
    assert meta(html, "og:image") is None
