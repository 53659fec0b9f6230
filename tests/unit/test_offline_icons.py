"""The web app manifest and the icons drawn from the site's logo (or a monogram without one)."""
from __future__ import annotations

import io
import json
import math
from pathlib import Path

from PIL import Image, ImageDraw

from showcase import icons
from showcase.config import OfflineSettings, SiteConfig
from showcase.offline import manifest, short_name
from showcase.routes import Routes

THEME, BACKGROUND = "#204060", "#fbf6ef"


def logo(tmp_path: Path, size: tuple[int, int] = (600, 200), mode: str = "RGBA") -> Path:
    """A wide logo that reaches its own edges: the hardest case for the safe zone."""
    image = Image.new(mode, size, (0, 0, 0, 0) if mode == "RGBA" else "white")
    ImageDraw.Draw(image).rectangle((0, 0, size[0] - 1, size[1] - 1), fill=(200, 30, 30))
    path = tmp_path / "logo.png"
    image.save(path)
    return path


def decode(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def test_every_icon_has_its_size_and_is_an_opaque_png(tmp_path):
    made = icons.render_icons(logo(tmp_path), "Galeri", THEME, BACKGROUND)
    assert set(made) == {i.path for i in icons.ICONS}
    sizes = {i.path: i.size for i in icons.ICONS}
    assert sorted(sizes.values()) == [32, 180, 192, 512, 512]
    for path, data in made.items():
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG" and image.size == (sizes[path], sizes[path]) and image.mode == "RGB"


def test_maskable_icon_keeps_the_logo_inside_the_safe_zone_on_the_theme_colour(tmp_path):
    image = decode(icons.render_icons(logo(tmp_path), "Galeri", THEME, BACKGROUND)["icons/maskable-512.png"])
    size = image.width
    theme = icons.hex_rgb(THEME)
    for corner in ((0, 0), (size - 1, 0), (0, size - 1), (size - 1, size - 1), (size // 2, 2)):
        assert image.getpixel(corner) == theme, "the theme colour reaches the edges"
    radius = size * icons.MASKABLE_SAFE_RADIUS
    red = []
    for y in range(0, size, 2):
        for x in range(0, size, 2):
            pixel = image.getpixel((x, y))
            distance = math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2)
            if distance > radius + 0.5:
                assert pixel == theme, f"({x}, {y}) outside the safe zone is not the theme colour"
            if pixel[0] > 150 and pixel[1] < 80:
                red.append(distance)
    assert red and max(red) <= radius, "the logo stays inside the safe zone"
    assert max(red) > radius * 0.7, "and is not needlessly small"


def test_any_purpose_icon_shows_the_logo_on_the_background_colour(tmp_path):
    image = decode(icons.render_icons(logo(tmp_path), "Galeri", THEME, BACKGROUND)["icons/icon-192.png"])
    assert image.getpixel((0, 0)) == icons.hex_rgb(BACKGROUND)
    assert image.getpixel((96, 96))[0] > 150, "the logo is in the middle"


def test_without_a_logo_a_monogram_on_the_theme_colour(tmp_path):
    made = icons.render_icons(None, "Galeri Produk", THEME, BACKGROUND)
    image = decode(made["icons/maskable-512.png"])
    assert image.getpixel((5, 5)) == icons.hex_rgb(THEME)
    light = [(x, y) for y in range(0, 512, 4) for x in range(0, 512, 4) if sum(image.getpixel((x, y))) > 600]
    assert light, "the letter is drawn"
    assert all(math.hypot(x - 256, y - 256) <= 512 * icons.MASKABLE_SAFE_RADIUS for x, y in light)
    icons._icons.cache_clear()  # drawn again, not the process's kept copy
    assert made == icons.render_icons(None, "Galeri Produk", THEME, BACKGROUND), "deterministic"


def test_a_new_logo_in_the_same_file_gives_new_icons(tmp_path):
    path = logo(tmp_path)
    first = icons.render_icons(path, "Galeri", THEME, BACKGROUND)
    Image.new("RGB", (300, 300), (10, 200, 30)).save(path)
    assert icons.render_icons(path, "Galeri", THEME, BACKGROUND) != first


def test_unreadable_logo_falls_back_to_the_monogram(tmp_path):
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not a picture")
    assert icons.render_icons(broken, "G", THEME, BACKGROUND) == icons.render_icons(None, "G", THEME, BACKGROUND)


def test_manifest_is_installable_under_the_sub_path(tmp_path):
    config = SiteConfig(content_dir=tmp_path, display_root=tmp_path, title="Galeri Produk Unggulan Daerah",
                        description="Katalog", base_url="https://example.org/galeri/", theme_color=THEME)
    data = json.loads(manifest(config, Routes("/galeri/", "https://example.org", ("id", "en"))))
    assert data["start_url"] == data["scope"] == data["id"] == "/galeri/"
    assert data["display"] == "standalone" and data["lang"] == "id"
    assert (data["name"], data["short_name"]) == ("Galeri Produk Unggulan Daerah", "Galeri")
    assert (data["theme_color"], data["background_color"]) == (THEME, OfflineSettings.background_color)
    by_purpose = {(i["sizes"], i["purpose"]) for i in data["icons"]}
    assert by_purpose == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    assert all(i["src"].startswith("/galeri/icons/") for i in data["icons"])
    named = SiteConfig(content_dir=tmp_path, display_root=tmp_path, offline=OfflineSettings(app_name="UMKM"))
    assert json.loads(manifest(named, Routes("/", "", ("id",))))["short_name"] == "UMKM"


def test_short_name_fits_under_an_icon():
    assert short_name("Galeri Uji") == "Galeri Uji"
    assert short_name("Galeri Produk Unggulan Daerah") == "Galeri"
    assert short_name("Dekranasdaprovinsisulawesi") == "Dekranasdapr"
