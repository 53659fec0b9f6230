"""Offline reading in a real browser: one visit, then no network at all, then a new deploy.

The site is a copy of a content directory built under the sub-path /galeri/ and served on
loopback on a fixed port (a service worker belongs to its origin, so a restarted server must
come back on the same port). The visitor's phone has a 2x screen, so pages ask for photo widths
that were never precached and the service worker must answer with the small saved variant.
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
from pathlib import Path
from typing import Iterator

import pytest

from showcase.pipeline import Options, analyse, build
from tests.e2e.conftest import REPO, SCREENSHOTS, Server, SubPathHandler, until

pytestmark = pytest.mark.browser
SAMPLE = REPO / "content"
FIXTURE = REPO / "tests" / "sites" / "full" / "content"
PRODUCT = "bandeng-presto"
VERSION = re.compile(r'"version":"([0-9a-f]+)"')


class PortServer(Server):
    """Server on a chosen port, so it can stop and come back at the same origin."""

    def __init__(self, directory: Path, port: int = 0) -> None:
        handler = functools.partial(SubPathHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.port = self.httpd.server_address[1]
        import threading

        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)


class OfflineSite:
    """A built copy of a content directory, its server, and how to rebuild it."""

    def __init__(self, root: Path) -> None:
        source = SAMPLE if not analyse(Options(content=SAMPLE, cache=None)).diags.errors else FIXTURE
        self.content = root / "content"
        shutil.copytree(source, self.content)
        self.output = root / "output"
        self.output.mkdir()
        self.cache = REPO / ".cache" / "showcase"
        self.server = PortServer(self.output)
        self.port = self.server.port
        self.build()
        self.server.start()

    @property
    def url(self) -> str:
        return self.server.url

    def build(self) -> None:
        build(Options(content=self.content, output=self.output, templates=REPO / "templates",
                      cache=self.cache, base_url=f"http://127.0.0.1:{self.port}/galeri/"))

    def product_file(self) -> Path:
        return next(p for p in self.content.rglob("*.md") if p.stem in (PRODUCT, "index")
                    and f"/{PRODUCT}" in p.as_posix() and ".en." not in p.name)

    def stop(self) -> None:
        self.server.stop()

    def restart(self) -> None:
        self.server = PortServer(self.output, self.port).start()

    def sw_settings(self) -> dict:
        text = (self.output / "sw.js").read_text()
        return json.loads(text.split("const C = ", 1)[1].split(";\n", 1)[0])


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OfflineSite]:
    site = OfflineSite(tmp_path_factory.mktemp("offline"))
    yield site
    site.stop()


def controlled(page) -> None:  # type: ignore[no-untyped-def]
    until(page, "navigator.serviceWorker.controller !== null", timeout=30_000)


# The service worker answers a photo it has neither saved nor can fetch with an empty SVG
# (offline.py), so the frame keeps its placeholder colour instead of a broken-image icon. Asked
# again from the page, such a photo is that SVG or (not being an image request) a network error.
STAND_INS = """async () => {
    const out = [];
    for (const img of document.querySelectorAll('main img')) {
        let real = false;
        try {
            const response = await fetch(img.currentSrc || img.src);
            real = response.ok && !(response.headers.get('content-type') || '').includes('svg');
        } catch (error) { real = false; }
        if (!real) out.push(img.currentSrc || img.src);
    }
    return out;
}"""


def photos_shown(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Scroll every photo of the main content into view; return those that did not load a real
    photo (broken, or the worker's empty stand-in)."""
    page.evaluate("""async () => {
        for (const img of document.querySelectorAll('main img')) {
            img.scrollIntoView();
            await new Promise(r => setTimeout(r, 30));
        }
    }""")
    until(page, "[...document.querySelectorAll('main img')].every(i => i.complete)", timeout=10_000)
    broken = page.evaluate("[...document.querySelectorAll('main img')].filter(i => !i.naturalWidth).map(i => i.src)")
    return broken + page.evaluate(STAND_INS)


PRECACHE_BYTES = """async () => {
    let total = 0;
    for (const name of await caches.keys()) {
        if (!name.includes('precache-')) continue;
        const cache = await caches.open(name);
        for (const request of await cache.keys()) total += (await (await cache.match(request)).blob()).size;
    }
    return total;
}"""


def test_one_visit_then_offline_then_a_new_deploy(offline_site, browser):
    site = offline_site
    context = browser.new_context(viewport={"width": 360, "height": 800}, device_scale_factor=2,
                                  service_workers="allow")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site.url)
    controlled(page)
    settings = site.sw_settings()
    old_version = settings["version"]
    budget = 4 * 1024 * 1024
    assert page.evaluate(PRECACHE_BYTES) <= budget

    # No network at all: the browser is offline and the server is gone.
    context.set_offline(True)
    site.stop()
    never_visited = ["produk/" + PRODUCT + "/", "wilayah/pangkep/", "kategori/olahan-hasil-laut/",
                     "umkm/mattiro-sompe/", "produk/"]
    for path in never_visited:
        response = page.goto(site.url + path)
        assert response is not None and response.ok, path
        assert page.locator("h1").inner_text() != "Anda sedang offline", path
        assert page.locator("body").get_attribute("class") != "page-page", path
        assert page.locator("main img").count() >= 1, path
        assert photos_shown(page) == [], f"{path}: photos missing offline"
        assert page.locator(".net-status").is_visible(), "the quiet offline indicator shows"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "offline-product.png"))
    page.goto(site.url + "produk/" + PRODUCT + "/")
    assert "35.000" in page.locator("main").inner_text()

    page.goto(site.url + "produk/tidak-pernah-ada/")
    assert page.locator("h1").inner_text() == "Anda sedang offline"
    page.wait_for_timeout(300)  # the list hides pages not saved, asynchronously
    offline_links = page.locator(".offline-links a:visible")
    assert offline_links.count() >= 5
    assert page.locator(f'.offline-links a[href="/galeri/produk/{PRODUCT}/"]').is_visible()
    page.screenshot(path=str(SCREENSHOTS / "offline-page.png"), full_page=True)

    # A new deploy with a corrected price reaches the visitor on the next online visit.
    site.restart()
    product = site.product_file()
    product.write_text(product.read_text().replace("price: 35000", "price: 36500"))
    site.build()
    new_version = site.sw_settings()["version"]
    assert new_version != old_version
    context.set_offline(False)
    page.goto(site.url + "produk/" + PRODUCT + "/")
    assert "36.500" in page.locator("main").inner_text(), "network first: the new price shows"
    prompt = page.locator(".update-prompt")
    prompt.wait_for(timeout=30_000)
    assert "Versi baru tersedia" in prompt.inner_text()
    with page.expect_navigation():
        prompt.get_by_role("button", name="Muat ulang").click()
    controlled(page)
    until(page, f"""async () => {{
        const names = await caches.keys();
        return names.some(n => n.includes('{new_version}')) && !names.some(n => n.includes('{old_version}'));
    }}""", timeout=15_000)
    names = page.evaluate("caches.keys()")
    assert not [n for n in names if old_version in n], names
    assert page.evaluate(PRECACHE_BYTES) <= budget

    # And offline again, the saved copy is the new one.
    context.set_offline(True)
    page.goto(site.url + "produk/" + PRODUCT + "/")
    assert "36.500" in page.locator("main").inner_text()
    assert errors == []
    context.close()


def test_english_pages_fall_back_to_the_english_offline_page(offline_site, browser):
    site = offline_site
    context = browser.new_context(viewport={"width": 360, "height": 800}, service_workers="allow")
    page = context.new_page()
    page.goto(site.url)
    controlled(page)
    page.goto(site.url + "en/products/bandeng-presto/")  # English pages are kept as they are read
    context.set_offline(True)
    page.goto(site.url + "en/products/never-saved/")
    assert page.locator("h1").inner_text() == "You are offline"
    assert page.evaluate("document.documentElement.lang") == "en"
    until(page, "document.querySelector('[data-offline-checked]') !== null")  # sorted asynchronously
    visible = page.eval_on_selector_all(".offline-links a", "links => links.filter(a => a.offsetParent)"
                                        ".map(a => a.getAttribute('href'))")
    assert "/galeri/en/products/bandeng-presto/" in visible, "the English page read before is offered"
    assert "/galeri/en/regions/pangkep/" in visible, "and those answered from English records"
    page.goto(site.url + "en/regions/pangkep/")  # never read: made from its English record
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").inner_text() != "You are offline" and page.locator(".record-note").count() == 1
    page.goto(site.url + "en/products/never-saved/")
    page.get_by_role("link", name="Pages saved in Indonesian").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Anda sedang offline"
    page.wait_for_timeout(300)
    assert page.locator(".offline-links a:visible").count() >= 20, "every Indonesian page is saved"
    page.goto(site.url + "wilayah/tidak-ada/")
    assert page.locator("h1").inner_text() == "Anda sedang offline", "Indonesian pages keep theirs"
    context.close()


def test_a_photo_never_saved_shows_its_placeholder_colour_not_a_broken_image(offline_site, browser):
    """The vase's page is saved with its first photo; its second photo was never fetched."""
    site = offline_site
    context = browser.new_context(viewport={"width": 360, "height": 800}, device_scale_factor=1,
                                  service_workers="allow")
    page = context.new_page()
    page.goto(site.url)
    controlled(page)
    context.set_offline(True)
    page.goto(site.url + "produk/vas-bunga-marmer/")
    assert page.locator("h1").inner_text() == "Vas Bunga Marmer Ramping"
    not_real = set(photos_shown(page))
    shown = page.evaluate("""() => [...document.querySelectorAll('main img')].map(i => ({
        src: i.currentSrc || i.src, width: i.naturalWidth, shown: i.getBoundingClientRect().width,
        background: getComputedStyle(i).backgroundColor, placeholder: i.style.backgroundColor}))""")
    assert all(p["width"] > 0 for p in shown), f"a broken image: {shown}"
    stand_ins = [p for p in shown if p["src"] in not_real]
    assert stand_ins, "the second photo was never saved, so the worker answered it"
    assert any("vas-1" in p["src"] for p in shown if p not in stand_ins), "the saved first photo still shows"
    for p in stand_ins:
        assert "vas-2" in p["src"], p
        assert p["background"] == p["placeholder"] and p["background"] not in ("", "rgba(0, 0, 0, 0)"), p
        assert p["shown"] >= 40, f"a frame of the placeholder colour, not a dot: {p}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".thumbs").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "offline-unsaved-photo.png"))
    context.close()


SPY_PERSIST = """
window.__persistCalls = 0;
if (navigator.storage && navigator.storage.persist) {
    const original = navigator.storage.persist.bind(navigator.storage);
    navigator.storage.persist = () => { window.__persistCalls += 1; return original(); };
}
"""


def test_persistent_storage_is_asked_only_after_intent_and_the_saved_size_shows(offline_site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, service_workers="allow")
    context.add_init_script(SPY_PERSIST)
    page = context.new_page()
    page.goto(offline_site.url)
    controlled(page)
    button = page.get_by_role("button", name="Simpan untuk dibaca offline")
    button.scroll_into_view_if_needed()
    assert button.is_visible()
    assert page.evaluate("window.__persistCalls") == 0, "never asked unprompted"
    button.click()
    status = page.locator("[data-offline-status]")
    status.wait_for(state="visible")
    until(page, "document.querySelector('[data-offline-status]').textContent.includes('MB')")
    assert "tersimpan di perangkat ini" in status.inner_text()
    assert page.evaluate("window.__persistCalls") == 1
    page.evaluate("window.dispatchEvent(new Event('appinstalled'))")
    until(page, "window.__persistCalls === 2")
    context.close()


def test_kill_switch_unregisters_the_worker_and_deletes_its_caches(offline_site, browser, monkeypatch):
    site = offline_site
    context = browser.new_context(viewport={"width": 360, "height": 800}, service_workers="allow")
    page = context.new_page()
    page.goto(site.url)
    controlled(page)
    assert page.evaluate("caches.keys()"), "the worker saved the site"
    monkeypatch.setenv("SHOWCASE_SW_KILL_SWITCH", "1")
    try:
        site.build()
        page.reload()
        until(page, """async () => (await navigator.serviceWorker.getRegistrations()).length === 0
            && !(await caches.keys()).some(n => n.startsWith('showcase:/galeri/:'))""", timeout=30_000)
        page.wait_for_timeout(1000)  # the page and the removed worker may each reload it once
        page.goto(site.url + "produk/", wait_until="networkidle")
        page.wait_for_timeout(500)
        assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0, \
            "pages stop registering a worker"
    finally:
        monkeypatch.delenv("SHOWCASE_SW_KILL_SWITCH")
        site.build()
    context.close()
