"""Search in a real browser: results as you type, filters, and searching with the network cut.

Runs on the sample showcase built under /galeri/ (the `served_site` fixture) at phone width.
"""
from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import until

pytestmark = pytest.mark.browser

BANDENG = {"/galeri/produk/abon-bandeng/", "/galeri/produk/bandeng-presto/", "/galeri/produk/bandeng-tanpa-duri/",
           "/galeri/produk/otak-otak-bandeng/"}


def open_search(page_at, served_site, path: str = "cari/"):  # type: ignore[no-untyped-def]
    server, _ = served_site
    page = page_at(360)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + path)
    page.wait_for_selector("[data-search][data-ready]")
    return page, errors


def results(page) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all("[data-search-results] .card", """cards => cards.map(c => ({
        title: c.querySelector('.card-title a').textContent, url: c.querySelector('.card-title a').getAttribute('href'),
        region: c.querySelector('.card-region').textContent}))""")


def wait_status(page, text: str, query: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Wait for the status line, and (typing sends several searches) for the results of `query`."""
    until(page, "([t, q]) => document.querySelector('[data-search-status]').textContent.includes(t)"
                " && (q === null || document.querySelector('[data-search-results]').dataset.query === q)",
          [text, query])


def test_typing_bandeng_shows_the_bandeng_products(page_at, served_site):
    page, errors = open_search(page_at, served_site)
    page.type("#search-q", "bandeng", delay=40)
    wait_status(page, "4 produk", "bandeng")
    found = results(page)
    assert {r["url"] for r in found} == BANDENG
    assert all("bandeng" in r["title"].lower() for r in found)
    assert "q=bandeng" in page.url
    # prefix as you type, and the two-word phrases of the brief
    page.fill("#search-q", "abon band")
    wait_status(page, "1 produk", "abon band")
    assert [r["url"] for r in results(page)] == ["/galeri/produk/abon-bandeng/"]
    page.fill("#search-q", "tenun sutra")
    wait_status(page, "produk", "tenun sutra")
    assert results(page) and all(r["region"] == "Soppeng" for r in results(page))
    assert not errors


def test_region_filter_shows_only_that_regions_products(page_at, served_site):
    _, output = served_site
    manifest = json.loads((output / "search" / "id" / "index.json").read_text())
    tangsel = next(r for r in manifest["facets"]["region"] if r[0] == "tangerang-selatan")
    page, errors = open_search(page_at, served_site)
    page.select_option("#search-region", "tangerang-selatan")
    wait_status(page, f"{tangsel[2]} produk")
    assert {r["region"] for r in results(page)} == {"Tangsel"} and len(results(page)) == tangsel[2]
    page.type("#search-q", "bandeng", delay=20)
    wait_status(page, "Tidak ada produk", "bandeng")
    assert results(page) == []
    page.select_option("#search-region", "pangkep")
    wait_status(page, "4 produk")
    assert {r["url"] for r in results(page)} == BANDENG
    assert "region=pangkep" in page.url
    assert not errors


def test_search_keeps_working_after_the_network_is_cut(page_at, served_site):
    """Covered: the page is loaded online and one search is made; search.js then saves the whole
    (small) sample index in the Cache API in idle time. With the network cut, a new query, a
    filter and a sort that need index parts not used before still give the right products.
    Not covered here: opening the search page itself offline, which needs the service worker
    (see the next test, skipped when the build has none)."""
    page, errors = open_search(page_at, served_site)
    page.type("#search-q", "bandeng", delay=20)
    wait_status(page, "4 produk", "bandeng")
    saved_everything(page)
    page.context.set_offline(True)
    page.fill("#search-q", "sutra")
    wait_status(page, "produk ditemukan", "sutra")
    assert results(page) and "sutra" in results(page)[0]["title"].lower()
    page.fill("#search-q", "")
    page.select_option("#search-region", "soppeng")
    page.select_option("#search-sort", "price-asc")
    wait_status(page, "produk ditemukan", "")
    assert {r["region"] for r in results(page)} == {"Soppeng"}
    page.context.set_offline(False)
    assert not errors


def saved_everything(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until every file the manifest names is in search.js's cache."""
    until(page, """async () => {
        const m = await (await fetch(document.querySelector('[data-search]').dataset.index)).json();
        const cache = await caches.open('showcase-search:' + document.querySelector('[data-search]').dataset.scope);
        return (await cache.keys()).length >= 2 + m.terms.length + m.docs.length;
    }""", timeout=15_000)


def test_search_page_opens_and_searches_offline_with_the_service_worker(page_at, served_site):
    """With the service worker of the build (when there is one): the search page, its script and
    the saved index answer a reload with no network at all."""
    server, output = served_site
    if not (output / "sw.js").exists():
        pytest.skip("this build has no service worker")
    page, errors = open_search(page_at, served_site)
    until(page, "navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=30_000)
    page.type("#search-q", "abon", delay=20)
    until(page, "document.querySelectorAll('[data-search-results] .card').length > 0")
    saved_everything(page)
    page.context.set_offline(True)
    page.goto(server.url + "cari/?q=marmer")
    page.wait_for_selector("[data-search][data-ready]")
    until(page, "document.querySelectorAll('[data-search-results] .card').length > 0")
    assert all("marmer" in r["title"].lower() for r in results(page))
    page.context.set_offline(False)
    assert not errors
