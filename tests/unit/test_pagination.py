"""Pagination of listings and of category, region and maker pages: stable URLs per language,
page counts, prev/next, the page window, district grouping across pages, and the sitemap."""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from bench.corpus import generate
from showcase import views
from showcase.pipeline import Options, analyse, build, page_views
from showcase.routes import Routes
from showcase.views import PER_PAGE, page_numbers

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


def corpus(root: Path, n: int):  # noqa: ANN201
    """A generated catalogue of n products: (its catalogue, every page's view by output)."""
    content = generate(root, n, 0, words=20)
    options = Options(content=content, cache=None, base_url="https://example.org/galeri/", today=date(2026, 11, 1))
    analysis = analyse(options)
    catalog = analysis.catalog
    analysis.store.close()
    return catalog, page_views(options)


def pages_for(root: Path, n: int) -> dict:
    return {output: page.context() for output, page in corpus(root, n)[1].items()}


def test_product_listing_paginates_with_prev_next_and_every_product_once(tmp_path):
    n = PER_PAGE * 2 + 5
    pages = pages_for(tmp_path, n)
    outputs = ["produk/index.html", "produk/halaman/2/index.html", "produk/halaman/3/index.html"]
    assert all(o in pages for o in outputs) and "produk/halaman/4/index.html" not in pages
    assert "en/products/page/3/index.html" in pages
    cards = [c.url for o in outputs for c in pages[o]["listing"].cards]
    assert len(cards) == n == len(set(cards))
    first, middle, last = (pages[o] for o in outputs)
    assert first["pagination"].prev is None and first["page"].prev is None
    assert first["page"].next == "/galeri/produk/halaman/2/"
    assert middle["page"].prev == "/galeri/produk/" and middle["page"].next == "/galeri/produk/halaman/3/"
    assert last["pagination"].next is None and len(last["listing"].cards) == 5
    assert middle["page"].canonical == "https://example.org/galeri/produk/halaman/2/"
    assert {a.url for a in middle["page"].alternates} == {
        "https://example.org/galeri/produk/halaman/2/", "https://example.org/galeri/en/products/page/2/"}
    assert middle["page"].switch.url == "/galeri/en/products/page/2/"
    assert [p.current for p in middle["pagination"].pages] == [False, True, False]
    assert "2" in middle["page"].title and middle["page"].title != first["page"].title
    assert middle["page"].breadcrumbs[-2].url == "/galeri/produk/"


def test_a_short_listing_has_one_page_and_no_pagination(tmp_path):
    pages = pages_for(tmp_path, PER_PAGE)
    assert pages["produk/index.html"]["pagination"] is None
    assert "produk/halaman/2/index.html" not in pages
    makers = pages["umkm/index.html"]["listing"].items
    assert len(makers) == 3  # the generated catalogue's fewest makers


def test_search_page_is_in_both_languages_and_in_the_nav(tmp_path):
    pages = pages_for(tmp_path, 10)
    assert "cari/index.html" in pages and "en/search/index.html" in pages
    search = pages["cari/index.html"]["search"]
    assert search.index == "/galeri/search/id/index.json"
    assert [c.url for c in search.categories][0].startswith("/galeri/kategori/")
    site = pages["produk/index.html"]["site"]
    assert (site.search.label, site.search.url, site.search.current) == ("Cari", "/galeri/cari/", False)
    assert pages["cari/index.html"]["site"].search.current is True
    assert pages["en/search/index.html"]["site"].search.url == "/galeri/en/search/"


# -- category, region and maker pages ---------------------------------------------------------
SMALL = 5  # products per page in these tests, so ~60 products make several pages


def test_category_region_and_maker_page_urls_are_stable_in_both_languages():
    assert ROUTES.path("category", "batik", "id", 1) == "kategori/batik/"
    assert ROUTES.href("category", "batik", "id", 2) == "/galeri/kategori/batik/halaman/2/"
    assert ROUTES.href("category", "batik", "en", 2) == "/galeri/en/categories/batik/page/2/"
    assert ROUTES.path("region", "pangkep", "id", 3) == "wilayah/pangkep/halaman/3/"
    assert ROUTES.path("region", "pangkep", "en", 3) == "en/regions/pangkep/page/3/"
    assert ROUTES.absolute("maker", "mattiro", "id", 2) == "https://example.org/galeri/umkm/mattiro/halaman/2/"
    assert ROUTES.path("maker", "mattiro", "en", 2) == "en/makers/mattiro/page/2/"


@pytest.fixture
def small_pages(monkeypatch, tmp_path):
    monkeypatch.setattr(views, "PER_PAGE", SMALL)
    catalog, built = corpus(tmp_path, 60)
    return catalog, {output: page.context() for output, page in built.items()}


def outputs_of(kind: str, slug: str, lang: str, total: int) -> list[str]:
    return [Routes.output_file(ROUTES.path(kind, slug, lang, n)) for n in range(1, total + 1)]


@pytest.mark.parametrize("kind,attribute,key", [("category", "category", "category"),
                                                ("region", "region", "region"),
                                                ("maker", "maker", "maker")])
def test_each_page_kind_paginates_every_product_once_with_prev_next(small_pages, kind, attribute, key):
    catalog, pages = small_pages
    entries = {"category": catalog.categories, "region": catalog.regions, "maker": catalog.makers}[kind]
    paged = 0
    for entry in entries:
        products = [p for p in catalog.products if getattr(p, attribute) == entry.slug]
        total = max(1, math.ceil(len(products) / SMALL))
        for lang in ("id", "en"):
            outputs = outputs_of(kind, entry.slug, lang, total)
            assert all(o in pages for o in outputs)
            assert Routes.output_file(ROUTES.path(kind, entry.slug, lang, total + 1)) not in pages
            shown = []
            for number, output in enumerate(outputs, 1):
                context = pages[output]
                view = context[key]
                cards = view.products if kind != "region" else (
                    [c for d in view.districts for c in d.products] + list(view.other_products))
                shown += [c.url for c in cards]
                page, paging = context["page"], context["pagination"]
                assert page.canonical == ROUTES.absolute(kind, entry.slug, lang, number)
                assert {a.url for a in page.alternates} == {
                    ROUTES.absolute(kind, entry.slug, code, number) for code in ("id", "en")}
                if total == 1:
                    assert paging is None and page.prev is None and page.next is None
                    continue
                assert paging.number == number and paging.total == total
                assert page.prev == (ROUTES.href(kind, entry.slug, lang, number - 1) if number > 1 else None)
                assert page.next == (ROUTES.href(kind, entry.slug, lang, number + 1) if number < total else None)
                assert [p.number for p in paging.pages if p and p.current] == [number]
                if number > 1:
                    assert page.breadcrumbs[-2].url == ROUTES.href(kind, entry.slug, lang)
                    assert str(number) in page.title
                    assert not view.body
            assert len(shown) == len(products) == len(set(shown))
            paged += total > 1
    assert paged, "the synthetic catalogue should make at least one paginated page of this kind"


def test_region_pages_keep_district_order_and_headings_and_index_districts_on_page_one(small_pages):
    catalog, pages = small_pages
    region = max(catalog.regions, key=lambda r: sum(p.region == r.slug for p in catalog.products))
    products = [p for p in catalog.products if p.region == region.slug]
    total = math.ceil(len(products) / SMALL)
    assert total > 1
    by_url = {ROUTES.href("product", p.slug, "id"): p for p in products}
    outputs = outputs_of("region", region.slug, "id", total)
    sequence, starts = [], {}
    for number, output in enumerate(outputs, 1):
        view = pages[output]["region"]
        for d in view.districts:
            assert d.products, "a later page heads only the districts on it"
            assert {by_url[c.url].district for c in d.products} == {d.name}
            starts.setdefault(d.name, number)
            sequence.append(d.name)
        assert (view.district_index != ()) == (number == 1)
        assert (view.makers != ()) == (number == 1) or not any(m.region == region.slug for m in catalog.makers)
    order = [d for d in region.districts if d in sequence]
    assert [d for i, d in enumerate(sequence) if d not in sequence[:i]] == order  # grouped, in district order
    first = pages[outputs[0]]["region"]
    index = first.district_index
    with_products = [d for d in region.districts if any(p.district == d for p in products)]
    assert [d.name for d in index] == with_products, "only districts with products are linked"
    empty = [d for d in region.districts if d not in with_products]
    assert all(d in first.districts_without_products for d in empty), "the others are named once"
    assert sum(d.count for d in index) == sum(p.district in region.districts for p in products)
    for d in index:
        assert d.count > 0
        if starts[d.name] == 1:
            assert d.url == "#" + d.anchor
        else:
            assert d.url == ROUTES.href("region", region.slug, "id", starts[d.name]) + "#" + d.anchor


def test_maker_page_two_keeps_the_head_but_not_the_qr_code_or_json_ld(small_pages):
    catalog, pages = small_pages
    maker = max(catalog.makers, key=lambda m: sum(p.maker == m.slug for p in catalog.products))
    first, second = (pages[o] for o in outputs_of("maker", maker.slug, "en", 2))
    assert first["maker"].qr and first["page"].jsonld
    assert second["maker"].qr is None and second["page"].jsonld is None
    assert second["maker"].name == first["maker"].name


def test_a_small_category_is_one_page_without_pagination(tmp_path):
    catalog, built = corpus(tmp_path, 12)
    pages = {output: page.context() for output, page in built.items()}
    for c in catalog.categories:
        assert pages[f"kategori/{c.slug}/index.html"]["pagination"] is None
        assert f"kategori/{c.slug}/halaman/2/index.html" not in pages


@pytest.fixture(scope="module")
def built_corpus(tmp_path_factory):
    """A generated catalogue of 60 products built for real with 5 products a page."""
    patch = pytest.MonkeyPatch()
    patch.setattr(views, "PER_PAGE", SMALL)
    try:
        root = tmp_path_factory.mktemp("corpus")
        content = generate(root, 60, 0, words=20)
        output = root / "output"
        build(Options(content=content, output=output, cache=None, today=date(2026, 11, 1), workers=1))
    finally:
        patch.undo()
    return output


def test_built_pages_carry_canonical_prev_next_and_the_pagination_nav(built_corpus):
    page = (built_corpus / "kategori/batik/halaman/2/index.html").read_text()
    english = (built_corpus / "en/categories/batik/page/2/index.html").read_text()
    assert '<link rel="canonical" href="https://example.org/kategori/batik/halaman/2/">' in page
    assert '<link rel="prev" href="/kategori/batik/">' in page
    assert 'hreflang="en" href="https://example.org/en/categories/batik/page/2/"' in page
    assert '<nav class="pagination" aria-label="Halaman">' in page
    assert '<a href="/kategori/batik/halaman/2/" aria-current="page">2</a>' in page
    assert '<link rel="canonical" href="https://example.org/en/categories/batik/page/2/">' in english
    for folder in ("wilayah/soppeng", "en/regions/soppeng", "umkm/umkm-00000", "en/makers/umkm-00000"):
        segment = "page" if folder.startswith("en/") else "halaman"
        second = built_corpus / folder / segment / "2" / "index.html"
        assert second.is_file(), second
        assert 'rel="next"' in (built_corpus / folder / "index.html").read_text()
        assert 'class="pagination"' in second.read_text()
    region = (built_corpus / "wilayah/soppeng/index.html").read_text()
    assert 'class="chip-count"' in region


def test_sitemap_lists_exactly_the_later_pages_on_disk(built_corpus):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(built_corpus / "sitemap.xml").getroot()
    locs = {u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)}
    paged = {"https://example.org/" + str(p.relative_to(built_corpus).parent) + "/"
             for p in built_corpus.glob("**/index.html")
             if re.search(r"/(halaman|page)/\d+/index\.html$", p.as_posix())}
    assert any("/kategori/" in u for u in paged) and any("/wilayah/" in u for u in paged)
    assert any("/umkm/" in u for u in paged) and any("/en/makers/" in u for u in paged)
    assert paged == {u for u in locs if re.search(r"/(halaman|page)/\d+/$", u)}  # no more, no fewer
