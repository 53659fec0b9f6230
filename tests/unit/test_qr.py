"""QR codes: well-formed SVG whose drawn modules are exactly segno's matrix for the page URL."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import segno

from showcase import qr
from showcase.pipeline import Options, build

TESTS = Path(__file__).resolve().parent.parent
FULL = TESTS / "sites" / "full" / "content"
BASE = "https://example.org/galeri/"
SVG = "{http://www.w3.org/2000/svg}"
QUIET = 4


def drawn_matrix(svg_text: str) -> tuple[tuple[int, ...], ...]:
    """Replay the dark path of segno's SVG (absolute M, relative m, horizontal h runs)."""
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
    expected = tuple(tuple(int(bool(c)) for c in row) for row in segno.make(url, error="m", boost_error=False).matrix)
    assert qr.matrix(url) == expected


def test_svg_is_well_formed_with_a_text_alternative_and_no_fixed_size():
    root = ET.fromstring(qr.svg(BASE, 'Galeri <Uji> & "Co"'))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("viewBox")
    assert root.get("width") is None and root.get("height") is None
    assert root.findtext(f"{SVG}title") == 'Galeri <Uji> & "Co"'


def test_same_url_gives_the_same_bytes():
    assert qr.svg(BASE + "x/", "a") == qr.svg(BASE + "x/", "a")


def test_prepared_codes_are_cached_and_equal_to_fresh_ones(tmp_path):
    urls = [f"{BASE}produk/p{i}/" for i in range(20)]
    made = qr.prepare(urls, tmp_path, workers=2)
    assert all(qr.svg(u, "a", made) == qr.svg(u, "a") for u in urls)
    assert len(list((tmp_path / "qr").glob("*.svg"))) == 20
    damaged = sorted((tmp_path / "qr").glob("*.svg"))[0]
    damaged.write_text(damaged.read_text()[:50])
    again = qr.prepare(urls, tmp_path, workers=1)
    assert again == made, "a damaged cache entry is drawn again, never published"


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
    assert f'<span class="qr-url">{BASE + relative}</span>' in html
