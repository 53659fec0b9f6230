"""The sample showcase in a real browser, as a visitor on a 360-px phone and a desktop sees it."""
from __future__ import annotations

import re
import urllib.parse

import pytest

from showcase.pipeline import Options, build
from tests.e2e.conftest import REPO, SCREENSHOTS, Server, until

pytestmark = pytest.mark.browser
WIDTHS = (360, 1280)
PAGES = {
    "home": "",
    "product": "produk/bandeng-presto/",
    "region": "wilayah/pangkep/",
    "category": "kategori/olahan-hasil-laut/",
    "maker": "umkm/mattiro-sompe/",
    "listing": "produk/",
    "page": "tentang/",
    "en-product": "en/products/bandeng-presto/",
}


def open_page(page_at, server, path: str, width: int):  # type: ignore[no-untyped-def]
    page = page_at(width)
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    response = page.goto(server.url + path, wait_until="networkidle")
    return page, response, requests, errors


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_is_whole_accessible_and_self_contained(served_site, page_at, name, width):
    server, _ = served_site
    page, response, requests, errors = open_page(page_at, server, PAGES[name], width)
    assert response.status == 200
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    assert page.locator("h1").count() == 1
    for landmark in ("header", "nav", "main#main", "footer"):
        assert page.locator(landmark).count() >= 1, landmark
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "page scrolls sideways"
    assert page.locator("img:not([alt])").count() == 0
    outside = [u for u in requests if not u.startswith(f"http://127.0.0.1:{server.port}/")]
    assert outside == [], "every byte must come from the site itself"
    assert not [e for e in errors if "favicon" not in e], errors
    broken = page.evaluate("""() => [...document.images]
        .filter(i => i.complete && i.loading !== 'lazy' && i.naturalWidth === 0).map(i => i.src)""")
    assert broken == []


def test_product_page_sells(served_site, page_at):
    server, _ = served_site
    page, *_ = open_page(page_at, server, "produk/bandeng-presto/", 360)
    assert page.locator(".price").inner_text().replace("\u00a0", " ") == "Harga: Rp 35.000" or \
        "Rp 35.000" in page.locator(".price").inner_text().replace("\u00a0", " ")
    assert "500 g" in page.locator("main").inner_text()
    order = page.get_by_role("link", name=re.compile("Pesan lewat WhatsApp"))
    href = order.get_attribute("href")
    assert href.startswith("https://wa.me/62")
    message = urllib.parse.unquote(href.split("text=", 1)[1])
    assert "Bandeng Presto" in message and "Rp 35.000" in message
    assert "/galeri/produk/bandeng-presto/" in message
    box = order.bounding_box()
    assert box["height"] >= 44, "the order button must be easy to tap"
    assert page.get_by_text("Halal").count() >= 1
    main_photo = page.locator(".gallery img").first
    main_photo.scroll_into_view_if_needed()
    until(page, "() => document.querySelector('.gallery img').naturalWidth > 0")
    current = page.evaluate("document.querySelector('.gallery img').currentSrc")
    assert current.endswith((".avif", ".webp")), "a modern format is chosen"


def test_product_without_price_still_orders(served_site, page_at):
    server, output = served_site
    without = sorted(p for p in (output / "produk").glob("*/index.html") if 'class="price price-request"' in p.read_text())
    assert without, "the sample has products without a price"
    path = without[0].parent.relative_to(output).as_posix() + "/"
    page, *_ = open_page(page_at, server, path, 360)
    assert "Harga: hubungi penjual" in page.locator(".product-head .price").inner_text()
    assert page.get_by_role("link", name=re.compile("Pesan lewat WhatsApp")).count() == 1


def test_language_switch_links_the_same_page(served_site, page_at):
    server, _ = served_site
    page, *_ = open_page(page_at, server, "produk/bandeng-presto/", 1280)
    assert page.evaluate("document.documentElement.lang") == "id"
    page.locator("a.lang-switch").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/galeri/en/products/bandeng-presto/")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("a.lang-switch").get_attribute("href").endswith("/galeri/produk/bandeng-presto/")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The full test fixture (its Bandeng Presto has no English text), built and served."""
    output = tmp_path_factory.mktemp("full") / "output"
    output.mkdir()
    server = Server(output)
    build(Options(content=REPO / "tests" / "sites" / "full" / "content", output=output, templates=REPO / "templates",
                  cache=REPO / ".cache" / "showcase", base_url=server.url))
    server.start()
    yield server
    server.stop()


def test_every_sample_page_is_translated(served_site):
    _, output = served_site
    english = list((output / "en").rglob("index.html"))
    assert len(english) > 40
    assert [p for p in english if '<main id="main" lang="id">' in p.read_text()] == []


def test_untranslated_page_is_marked_indonesian(fixture_site, page_at):
    page, *_ = open_page(page_at, fixture_site, "en/products/bandeng-presto/", 360)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator('main[lang="id"]').count() == 1
    note = page.locator(".lang-note")
    assert note.get_attribute("lang") == "en" and "not yet translated" in note.inner_text()


def test_region_page_groups_products_by_district(served_site, page_at):
    server, _ = served_site
    page, *_ = open_page(page_at, server, "wilayah/pangkep/", 1280)
    text = page.locator("main").inner_text()
    for district in ("Pangkajene", "Balocci", "Liukang Tupabbiring"):
        assert district in text
    assert page.locator("main h2, main h3").filter(has_text="Pangkajene").count() >= 1


def test_keyboard_focus_is_visible(served_site, page_at):
    server, _ = served_site
    page, *_ = open_page(page_at, server, "", 360)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {text: e.textContent.trim(), outline: s.outlineStyle, width: s.outlineWidth,
                shadow: s.boxShadow, top: e.getBoundingClientRect().top}; }""")
    assert focused["text"] == "Langsung ke isi"
    assert focused["outline"] != "none" or focused["shadow"] != "none"
    assert focused["top"] >= 0, "the skip link appears on screen when focused"


def test_unknown_url_shows_the_404_page(served_site, page_at):
    server, _ = served_site
    page, response, *_ = open_page(page_at, server, "produk/tidak-ada/", 360)
    assert response.status == 404
    assert "tidak ditemukan" in page.locator("h1").inner_text().lower()
    assert page.locator("link[rel=stylesheet]").count() == 1
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
