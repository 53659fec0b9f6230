"""Offline at any catalogue size, in a real browser: one visit, wait for the documented signal
(`data-offline-ready` on `<html>`), then no network and no server, and product, maker, region and
category pages that were never saved open from their records, showing what the real page shows.

Two sites, each under the sub-path /galeri/: the sample with a budget too small for its product
pages (so answers come from records), and a generated catalogue of 1,000 products with the default
budget. The real pages are read first in a context without a service worker.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path
from typing import Iterator

import pytest

from showcase.pipeline import Options, build
from tests.e2e.conftest import REPO, SCREENSHOTS, until
from tests.e2e.test_offline import PRECACHE_BYTES, PortServer

sys.path.insert(0, str(REPO / "bench"))
from corpus import generate  # noqa: E402

pytestmark = pytest.mark.browser
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

# What a visitor checks on a page: its title, price, maker and the WhatsApp order link.
SHOWN = """() => {
    const text = (selector) => { const e = document.querySelector(selector); return e ? e.textContent.replace(/\\s+/g, ' ').trim() : null; };
    const wa = document.querySelector('main a[href^="https://wa.me/"]');
    return {title: text('main h1'), price: text('main .price'), maker: text('main .maker-card-name'),
            whatsapp: wa ? wa.getAttribute('href') : null};
}"""
AXE_RUN = """async () => {
    const r = await axe.run(document, {resultTypes: ['violations']});
    return r.violations.map(v => v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
}"""


class Site:
    """A content folder built under /galeri/ and served on a fixed port."""

    def __init__(self, root: Path, content: Path, cache: Path | None = None) -> None:
        self.content, self.output = content, root / "output"
        self.output.mkdir()
        self.server = PortServer(self.output)
        self.url = f"http://127.0.0.1:{self.server.port}/galeri/"
        self.report = build(Options(content=content, output=self.output, templates=REPO / "templates",
                                    cache=cache or root / "cache", base_url=self.url))
        self.server.start()

    def pages(self, section: str) -> list[str]:
        return sorted(f"{section}/{p.parent.name}/" for p in (self.output / section).glob("*/index.html")
                      if p.parent.name != "halaman")


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("records-sample")
    shutil.copytree(REPO / "content", root / "content")
    with (root / "content" / "site.yaml").open("a") as f:
        f.write("offline: {budget_mb: 0.6}\n")
    site = Site(root, root / "content", REPO / ".cache" / "showcase")  # photos made once
    yield site
    site.server.stop()


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("records-1000")
    site = Site(root, generate(root / "corpus", products=1000, photos=0, words=120))
    yield site
    site.server.stop()


def offline_visit(browser, site: Site, paths: list[str], budget: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Read each page online without a service worker, then visit the home page once, wait for
    precaching, go offline with the server stopped and open each page: it must show the same
    title, price, maker and WhatsApp link, pass axe and log no error. Returns how many answers
    came from records."""
    online = browser.new_context(service_workers="block")
    real = {}
    for path in paths:
        page = online.new_page()
        page.goto(site.url + path)
        real[path] = page.evaluate(SHOWN)
        page.close()
    online.close()

    context = browser.new_context(viewport={"width": 360, "height": 800}, service_workers="allow")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.goto(site.url)
    until(page, "document.documentElement.hasAttribute('data-offline-ready')", timeout=120_000)
    assert page.evaluate(PRECACHE_BYTES) <= budget, "the precache stays within the budget"
    context.set_offline(True)
    site.server.stop()
    context.add_init_script(path=str(AXE))  # not a page script: the site's CSP stays as it is
    from_records = 0
    try:
        for path in paths:
            response = page.goto(site.url + path)
            assert response is not None and response.ok, path
            assert page.evaluate(SHOWN) == real[path], path
            if page.locator(".record-note").count():
                from_records += 1
                note = page.locator(".record-note").inner_text()
                assert "online" in note and any(ch.isdigit() for ch in note), "the note and the data's date"
            assert page.evaluate(AXE_RUN) == [], path
        # The offline page lists the pages that open here: those answered from records too.
        page.goto(site.url + "offline/")
        product = next(p for p in paths if p.startswith("produk/"))
        link = page.locator(f'.offline-links a[href="/galeri/{product}"]')
        until(page, "document.querySelector('[data-offline-checked]') !== null")
        assert link.is_visible(), f"{product} opens offline from its record, so the offline page lists it"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.goto(site.url + paths[0])
        page.screenshot(path=str(SCREENSHOTS / f"offline-record-{len(paths)}.png"), full_page=True)
    finally:
        site.server = PortServer(site.output, site.server.port).start()
        context.close()
    assert errors == []
    return {"records": from_records}


def choose(site: Site, products: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    product_pages = site.pages("produk")
    picked = rng.sample(product_pages, min(products, len(product_pages)))
    for section in ("umkm", "wilayah", "kategori"):
        found = site.pages(section)
        picked += rng.sample(found, min(5, len(found)))
    return picked


def test_sample_with_a_small_budget_answers_pages_never_saved_from_records(sample_site, browser):
    site = sample_site
    precached = {url for url, _, _ in _settings(site)["precache"]}
    paths = [p for p in choose(site, 20, 15) if f"/galeri/{p}" not in precached]
    assert len([p for p in paths if p.startswith("produk/")]) >= 10, "the budget leaves product pages out"
    result = offline_visit(browser, site, paths, round(0.6 * 1024 * 1024))
    assert result["records"] == len(paths)


def test_a_thousand_products_open_offline_within_the_default_budget(big_site, browser):
    site = big_site
    assert site.report.offline is not None and site.report.offline.suggested_mb is None
    assert not site.report.offline.left_out.get("record"), "every record fits the default budget"
    paths = choose(site, 20, 1000)
    result = offline_visit(browser, site, paths, 4 * 1024 * 1024)
    assert result["records"] >= 20


def _settings(site: Site) -> dict:
    import json
    text = (site.output / "sw.js").read_text()
    return json.loads(text.split("const C = ", 1)[1].split(";\n", 1)[0])
