"""QR codes: well-formed SVG whose drawn modules are exactly the encoder's matrix for the page URL,
and which an independent decoder (OpenCV's QRCodeDetector, not the zxing-cpp that encodes them)
reads back as that URL."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import cv2
import numpy
from PIL import Image, ImageDraw

from showcase import qr
from showcase.pipeline import Options, build

TESTS = Path(__file__).resolve().parent.parent
FULL = TESTS / "sites" / "full" / "content"
BASE = "https://example.org/galeri/"
SVG = "{http://www.w3.org/2000/svg}"
QUIET = 4


def drawn_matrix(svg_text: str) -> tuple[tuple[int, ...], ...]:
    """Replay the dark path of the SVG (absolute M, relative m, horizontal h runs)."""
    root = ET.fromstring(svg_text)
    size = int(root.get("viewBox").split()[2])
    grid = [[0] * size for _ in range(size)]
    path = next(p for p in root.iter(f"{SVG}path") if p.get("stroke"))
    x = y = 0.0
    for command, a, b in re.findall(r"([MmHh])(-?[\d.]+)(?:\s(-?[\d.]+))?", path.get("d")):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                grid[int(y)][column] = 1
            x += float(a)
    return tuple(tuple(row[QUIET:size - QUIET]) for row in grid[QUIET:size - QUIET])


def test_svg_draws_exactly_the_modules_of_the_url():
    url = BASE + "produk/bandeng-presto/"
    text = qr.svg(url, "Kode QR")
    assert drawn_matrix(text) == qr.matrix(url)
    size = len(qr.matrix(url))
    assert size >= 21 and (size - 17) % 4 == 0, "a QR code is 17 + 4 x version modules wide"


def test_svg_is_well_formed_with_a_text_alternative_and_no_fixed_size():
    root = ET.fromstring(qr.svg(BASE, 'Galeri <Uji> & "Co"'))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("viewBox")
    assert root.get("width") is None and root.get("height") is None
    assert root.findtext(f"{SVG}title") == 'Galeri <Uji> & "Co"'


def test_same_url_gives_the_same_bytes():
    assert qr.svg(BASE + "x/", "a") == qr.svg(BASE + "x/", "a")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("qr") / "out"
    build(Options(content=FULL, output=output, cache=None, base_url=BASE, today=date(2026, 11, 1), workers=1))
    return output


@pytest.mark.parametrize("relative", ["produk/sarung-sutra/", "en/products/sarung-sutra/", "umkm/mattiro-sompe/",
                                      "en/makers/sutra-lalabata/"])
def test_product_and_maker_pages_carry_the_code_of_their_own_url(site, relative):
    html = (site / relative / "index.html").read_text()
    svgs = re.findall(r'<figure class="qr-code[^"]*">(<svg .*?</svg>)', html, re.DOTALL)
    assert len(svgs) == 1
    assert drawn_matrix(svgs[0]) == qr.matrix(BASE + relative)
    printed = re.search(r'<span class="qr-url">((?:[^<]|<wbr>)+)</span>', html).group(1)
    assert printed.replace("<wbr>", "") == BASE + relative  # <wbr>: where the line may wrap
    assert "/<wbr>" in printed


# Real URLs of the sizes a catalogue prints: short ones, and long Indonesian product and maker
# slugs on a regional government or council domain, in both languages (QR versions 1 to 6).
DECODED_URLS = [
    "https://a.id/",
    "https://example.org/",
    "https://example.org/en/",
    BASE + "produk/asbak-marmer/",
    BASE + "en/products/cobek-marmer/",
    BASE + "produk/otak-otak-bandeng/",
    BASE + "umkm/bahari-tupabbiring/",
    BASE + "en/makers/galeri-sutra-lalabata/",
    "https://dekranasda.pangkepkab.go.id/produk/abon-cakalang/",
    "https://dekranasda.pangkepkab.go.id/produk/hiasan-dinding-kerang/",
    "https://dekranasda.pangkepkab.go.id/en/products/kerupuk-ikan-tenggiri/",
    "https://dekranasda.pangkepkab.go.id/umkm/pesisir-labakkang/",
    "https://dekranasda.pangkepkab.go.id/en/makers/batu-putih-balocci/",
    "https://katalog.dekranasda-soppeng.or.id/galeri/produk/kain-tenun-sutra-balo-tettong/",
    "https://katalog.dekranasda-soppeng.or.id/galeri/en/products/syal-sutra-pewarna-alam/",
    "https://katalog.dekranasda-soppeng.or.id/galeri/en/products/sarung-sutra-balo-renni/",
    "https://katalog.dekranasda-soppeng.or.id/galeri/umkm/sutra-bola-ugi/",
    "https://umkm.tangerangselatankota.go.id/produk/batik-cap-motif-situ-gintung/",
    "https://umkm.tangerangselatankota.go.id/en/products/kemeja-batik-pucuk-rebung/",
    "https://umkm.tangerangselatankota.go.id/en/makers/sanggar-batik-kembang-setu/",
    "https://umkm.tangerangselatankota.go.id/galeri-produk-unggulan/en/products/batik-cap-motif-bambu-serpong/",
]
PIXELS = 4
"""Pixels a module: a small raster with sharp module edges."""


def raster(svg_text: str) -> Image.Image:
    """The drawn modules of a QR code SVG, black on white, with the four-module quiet zone."""
    modules = drawn_matrix(svg_text)
    side = (len(modules) + 2 * QUIET) * PIXELS
    image = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                left, top = (x + QUIET) * PIXELS, (y + QUIET) * PIXELS
                draw.rectangle((left, top, left + PIXELS - 1, top + PIXELS - 1), fill=0)
    return image


def decoded(svg_text: str) -> list[str]:
    """What OpenCV reads from the raster: the decoded texts (none when no code is found)."""
    text, points, _ = cv2.QRCodeDetector().detectAndDecode(numpy.asarray(raster(svg_text)))
    return [text] if points is not None and text else []


def assert_decodes_to(svg_text: str, url: str) -> None:
    assert decoded(svg_text) == [url]


@pytest.mark.parametrize("url", DECODED_URLS)
def test_a_decoder_reads_the_drawn_code_as_its_url(url):
    assert_decodes_to(qr.svg(url, "Kode QR"), url)


def test_every_code_published_in_the_full_site_decodes_to_its_printed_url(site):
    """Page codes and the printable catalogue's codes alike: each reads as the URL printed under it."""
    figure = re.compile(r'<figure class="qr-code[^"]*">(<svg .*?</svg>)\s*<figcaption>\s*'
                        r'[^<]*<span class="qr-url">((?:[^<]|<wbr>)+)</span>', re.DOTALL)
    seen: set[str] = set()
    count = 0
    for page in sorted(site.rglob("index.html")):
        html = page.read_text()
        found = figure.findall(html)
        assert len(found) == html.count('<figure class="qr-code'), page
        for svg_text, printed in found:
            url = printed.replace("<wbr>", "")  # line-break opportunities, not characters
            assert url.startswith(BASE)
            assert_decodes_to(svg_text, url)
            seen.add(url)
            count += 1
    assert {BASE, BASE + "en/", BASE + "produk/sarung-sutra/", BASE + "en/products/abon-bandeng/",
            BASE + "umkm/mattiro-sompe/", BASE + "en/makers/sutra-lalabata/"} <= seen
    assert len(seen) == 12 and count > len(seen)


def test_the_decoder_check_can_fail():
    url = BASE + "produk/bandeng-presto/"
    modules = [list(row) for row in drawn_matrix(qr.svg(url, "Kode QR"))]
    assert_decodes_to(_svg_of(modules), url)
    with pytest.raises(AssertionError):
        assert_decodes_to(_svg_of(modules), BASE + "produk/bandeng-presto")
    # Wipe the top-left finder pattern: what is left is no QR code, so nothing is read.
    for row in modules[:7]:
        row[:7] = [0] * 7
    assert decoded(_svg_of(modules)) == []


def _svg_of(modules: list[list[int]]) -> str:
    """A minimal SVG in the same path form (M, then h runs) that drawn_matrix() reads."""
    size = len(modules) + 2 * QUIET
    runs = []
    for y, row in enumerate(modules):
        x = 0
        while x < len(row):
            if row[x]:
                end = x
                while end < len(row) and row[end]:
                    end += 1
                runs.append(f"M{x + QUIET} {y + QUIET + 0.5}h{end - x}")
                x = end
            else:
                x += 1
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}">'
            f'<path stroke="#000" d="{"".join(runs)}"/></svg>')


def test_a_kept_drawing_is_read_back_instead_of_encoded_again(tmp_path, monkeypatch):
    """With a cache, each code is drawn once: the next build (a new process) reads it back, the
    same bytes, so a price edit on a region's shelf labels does not encode thousands of codes."""
    from showcase import qr

    url = "https://example.org/produk/bandeng-presto/"
    qr.drawing.cache_clear()
    qr.keep_in(None)
    fresh = qr.drawing(url)
    qr.drawing.cache_clear()
    qr.keep_in(tmp_path / "qr")
    try:
        assert qr.drawing(url) == fresh
        kept = list((tmp_path / "qr").rglob("*.svg"))
        assert len(kept) == 1 and not list((tmp_path / "qr").rglob("*.part"))
        qr.drawing.cache_clear()

        def no_encoder(_: str) -> str:
            raise AssertionError("encoded again")

        monkeypatch.setattr(qr, "_draw", no_encoder)
        assert qr.drawing(url) == fresh
        assert decoded(qr.svg(url, "x")) == [url]
    finally:
        qr.keep_in(None)
        qr.drawing.cache_clear()
