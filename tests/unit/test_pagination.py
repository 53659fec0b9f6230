"""Listing pagination: stable URLs per language, page counts, prev/next and the page window."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from bench.search_size import synthetic_catalog
from showcase.config import SiteConfig
from showcase.routes import Routes
from showcase.views import PER_PAGE, build_pages, page_numbers

ROUTES = Routes("/galeri/", "https://example.org", ("id", "en"))


def test_listing_page_urls_are_stable_in_both_languages():
    assert ROUTES.path("product", None, "id", 1) == "produk/"
    assert ROUTES.href("product", None, "id", 2) == "/galeri/produk/halaman/2/"
    assert ROUTES.absolute("maker", None, "en", 3) == "https://example.org/galeri/en/makers/page/3/"
    assert ROUTES.path("product", "abon", "id", 2) == "produk/abon/"  # a slug page is never paged


def test_page_window():
    assert page_numbers(1, 1) == [1]
    assert page_numbers(1, 4) == [1, 2, 3, 4]
    assert page_numbers(10, 20) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert page_numbers(1, 20) == [1, 2, 3, None, 20]
    assert page_numbers(20, 20) == [1, None, 18, 19, 20]


def pages_for(n: int) -> list:
    catalog, plans = synthetic_catalog(n, seed=3)
    config = SiteConfig(Path("."), Path("."), base_url="https://example.org/galeri/", languages=("id", "en"))
    return build_pages(catalog, config, ROUTES, {}, {}, date(2026, 11, 1), {"css": "/c.css", "js": "/s.js"})


def test_product_listing_paginates_with_prev_next_and_every_product_once():
    n = PER_PAGE * 2 + 5
    pages = {p.output: p for p in pages_for(n)}
    outputs = ["produk/index.html", "produk/halaman/2/index.html", "produk/halaman/3/index.html"]
    assert all(o in pages for o in outputs) and "produk/halaman/4/index.html" not in pages
    assert "en/products/page/3/index.html" in pages
    cards = [c.url for o in outputs for c in pages[o].context["listing"]["cards"]]
    assert len(cards) == n == len(set(cards))
    first, middle, last = (pages[o].context for o in outputs)
    assert first["pagination"]["prev"] is None and first["page"]["prev"] is None
    assert first["page"]["next"] == "/galeri/produk/halaman/2/"
    assert middle["page"]["prev"] == "/galeri/produk/" and middle["page"]["next"] == "/galeri/produk/halaman/3/"
    assert last["pagination"]["next"] is None and len(last["listing"]["cards"]) == 5
    assert middle["page"]["canonical"] == "https://example.org/galeri/produk/halaman/2/"
    assert {a["url"] for a in middle["page"]["alternates"]} == {
        "https://example.org/galeri/produk/halaman/2/", "https://example.org/galeri/en/products/page/2/"}
    assert middle["page"]["switch"]["url"] == "/galeri/en/products/page/2/"
    assert [p["current"] for p in middle["pagination"]["pages"]] == [False, True, False]
    assert "2" in middle["page"]["title"] and middle["page"]["title"] != first["page"]["title"]
    assert middle["page"]["breadcrumbs"][-2]["url"] == "/galeri/produk/"


def test_a_short_listing_has_one_page_and_no_pagination():
    pages = {p.output: p for p in pages_for(PER_PAGE)}
    assert pages["produk/index.html"].context["pagination"] is None
    assert "produk/halaman/2/index.html" not in pages
    makers = pages["umkm/index.html"].context["listing"]["items"]
    assert len(makers) == PER_PAGE // 6


def test_search_page_is_in_both_languages_and_in_the_nav():
    pages = {p.output: p for p in pages_for(10)}
    assert "cari/index.html" in pages and "en/search/index.html" in pages
    search = pages["cari/index.html"].context["search"]
    assert search["index"] == "/galeri/search/id/index.json"
    assert [c.url for c in search["categories"]][0].startswith("/galeri/kategori/")
    nav = pages["produk/index.html"].context["site"]["nav"]
    assert any(n["url"] == "/galeri/cari/" for n in nav)
