"""Counting, opt-in (`analytics:` in site.yaml), in Chromium against a recording stand-in for the
service on 127.0.0.1: for each provider (GoatCounter, Plausible, Umami) the site's own script
sends a page view and an event per WhatsApp order press (the product page, the maker page and the
order list `/pesanan/`), marketplace click and catalogue or shelf-label print, each named by the
product and maker slugs, in that provider's documented format, and still counts the order press
as the page leaves for WhatsApp. Nothing is sent with Do Not Track or Global Privacy Control set,
nothing made offline is sent later, and a site without the key sends nothing anywhere.
"""
from __future__ import annotations

import http.server
import json
import shutil
import threading
import time
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from showcase.pipeline import Options, build
from tests.e2e.conftest import REPO, Server, until

pytestmark = pytest.mark.browser

FULL = REPO / "tests" / "sites" / "full" / "content"
PRODUCT, MAKER = "sarung-sutra", "sutra-lalabata"
ENDPOINTS = {"goatcounter": "/count", "plausible": "/api/event", "umami": "/api/send"}
SITE_IDS = {"goatcounter": "", "plausible": "galeri.example.org", "umami": "5c1b3e0c-0000-4000-8000-000000000001"}
EXTERNAL = ("https://wa.me/**", "https://shopee.co.id/**", "https://www.tokopedia.com/**")


class Recorder:
    """A stand-in counting service: records every request (but CORS preflights) and answers
    what the services answer, with the CORS headers that let a page's fetch read nothing."""

    def __init__(self) -> None:
        self.hits: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def _answer(self, status: int = 202) -> None:
                self.send_response(status)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Headers", "Content-Type")
                self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _record(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                parts = urlsplit(self.path)
                with recorder.lock:
                    recorder.hits.append({"method": self.command, "path": parts.path,
                                          "query": {k: v[0] for k, v in parse_qs(parts.query).items()},
                                          "type": self.headers.get("Content-Type", ""), "body": body})
                self._answer()

            do_GET = do_POST = _record

            def do_OPTIONS(self) -> None:  # noqa: N802
                self._answer(204)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def events(self) -> list[tuple[str, dict[str, str]]]:
        """(name, {product, maker, ...}) of each request, read in the provider's own format."""
        with self.lock:
            hits = list(self.hits)
        found = []
        for hit in hits:
            if hit["query"].get("p") is not None:  # GoatCounter: the event's path is its name
                query = hit["query"]
                if query["e"] == "false":
                    found.append(("pageview", {"path": query["p"]}))
                else:
                    name, *rest = query["p"].split("/")
                    found.append((name, dict(zip(("maker", "product"), rest))))
            elif hit["body"]:
                data = json.loads(hit["body"])
                if "payload" in data:  # Umami
                    payload = data["payload"]
                    found.append((payload.get("name", "pageview"), payload.get("data", {})))
                else:  # Plausible
                    found.append((data["name"], data.get("props", {})))
        return found

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class CountedSite:
    """The full fixture site (a product with a marketplace link) built with `analytics` set to
    the recorder for `provider`, or without the key (None), and served on 127.0.0.1."""

    def __init__(self, root: Path, provider: str | None) -> None:
        self.recorder = Recorder()
        content = root / "content"
        shutil.copytree(FULL, content)
        product = content / "products" / "soppeng" / PRODUCT / "index.md"
        product.write_text(product.read_text(encoding="utf-8").replace(
            "unit: per lembar", 'unit: per lembar\nmarketplaces:\n  - {name: Tokopedia, url: "https://www.tokopedia.com/'
            'sutra-lalabata/sarung"}', 1), encoding="utf-8")
        if provider is not None:
            self.endpoint = f"http://127.0.0.1:{self.recorder.port}{ENDPOINTS[provider]}"
            site_id = f"\n  site_id: {SITE_IDS[provider]}" if SITE_IDS[provider] else ""
            with (content / "site.yaml").open("a", encoding="utf-8") as f:
                f.write(f"analytics:\n  provider: {provider}\n  url: {self.endpoint}{site_id}\n")
        self.output = root / "output"
        self.output.mkdir()
        self.server = Server(self.output)
        build(Options(content=content, output=self.output, templates=REPO / "templates", cache=None,
                      base_url=self.server.url))
        self.server.start()

    def url(self, path: str) -> str:
        return self.server.url + path

    def stop(self) -> None:
        self.server.stop()
        self.recorder.stop()


def context_for(browser, **options: Any):  # type: ignore[no-untyped-def]
    """A phone-sized context where WhatsApp and the marketplaces answer with a blank page."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, **options)
    for pattern in EXTERNAL:
        context.route(pattern, lambda route: route.fulfill(status=200, content_type="text/html", body="<p>ok</p>"))
    return context


def wait_for(site: CountedSite, page, count: int) -> list[tuple[str, dict[str, str]]]:  # type: ignore[no-untyped-def]
    """The events once `count` of them arrived."""
    deadline = time.monotonic() + 10
    while len(site.recorder.events()) < count:
        assert time.monotonic() < deadline, f"only {site.recorder.events()} arrived"
        time.sleep(0.05)
    return site.recorder.events()


def loaded(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    until(page, "document.readyState === 'complete'")


@pytest.mark.parametrize("provider", ["goatcounter", "plausible", "umami"])
def test_each_provider_receives_views_and_events_named_by_product_and_maker(browser, tmp_path: Path,
                                                                            provider: str) -> None:
    site = CountedSite(tmp_path, provider)
    try:
        context = context_for(browser)
        page = context.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        loaded(page, site.url(f"produk/{PRODUCT}/"))
        events = wait_for(site, page, 1)
        view = {"path": urlsplit(site.url(f"produk/{PRODUCT}/")).path} if provider == "goatcounter" \
            else {"product": PRODUCT, "maker": MAKER}
        assert events == [("pageview", view)]
        page.locator('a[data-count="marketplace-click"]').click()
        page.wait_for_url("https://www.tokopedia.com/**")
        loaded(page, site.url(f"produk/{PRODUCT}/"))
        page.locator("[data-order-add]").first.click()  # into the order list, for later
        page.locator("[data-buybar] a.btn-wa").click()
        page.wait_for_url("https://wa.me/**")  # the page left for WhatsApp, and the press still counted
        loaded(page, site.url(f"umkm/{MAKER}/"))
        page.locator('a[data-count="whatsapp-order"]').click()
        page.wait_for_url("https://wa.me/**")
        loaded(page, site.url("pesanan/"))
        until(page, "document.querySelector('[data-order-send]') !== null")
        page.locator("[data-order-send]").click()
        page.wait_for_url("https://wa.me/**")
        for listing in ("katalog/", "label-rak/"):
            loaded(page, site.url(listing))
            page.evaluate("dispatchEvent(new Event('beforeprint'))")  # what the browser fires on printing
        events = wait_for(site, page, 12)
        named = [(name, props) for name, props in events if name != "pageview"]
        marketplace = {"product": PRODUCT, "maker": MAKER}
        if provider != "goatcounter":
            marketplace["marketplace"] = "Tokopedia"
        assert named == [("marketplace-click", marketplace),
                         ("whatsapp-order", {"product": PRODUCT, "maker": MAKER}),
                         ("whatsapp-order", {"maker": MAKER}),
                         ("whatsapp-order", {"product": PRODUCT, "maker": MAKER}),
                         ("catalogue-print", {}), ("label-print", {})]
        assert len(events) == 12, "one page view per page opened"
        assert refused == [], "the site's policy lets its own script reach the endpoint, and nothing else"
        hits = site.recorder.hits
        assert {h["path"] for h in hits} == {ENDPOINTS[provider]}
        if provider == "plausible":
            first = json.loads(hits[0]["body"])
            assert first["domain"] == "galeri.example.org" and first["url"] == site.url(f"produk/{PRODUCT}/")
        if provider == "umami":
            first = json.loads(hits[0]["body"])
            assert first["type"] == "event" and first["payload"]["website"] == SITE_IDS["umami"]
            assert first["payload"]["url"] == urlsplit(site.url(f"produk/{PRODUCT}/")).path
        context.close()
    finally:
        site.stop()


@pytest.fixture(scope="module")
def plausible_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CountedSite]:
    site = CountedSite(tmp_path_factory.mktemp("counted"), "plausible")
    yield site
    site.stop()


def press_everything(site: CountedSite, page) -> None:  # type: ignore[no-untyped-def]
    loaded(page, site.url(f"produk/{PRODUCT}/"))
    page.locator("[data-buybar] a.btn-wa").click()
    page.wait_for_url("https://wa.me/**")
    loaded(page, site.url("katalog/"))
    page.evaluate("dispatchEvent(new Event('beforeprint'))")


@pytest.mark.parametrize("refusal", ["dnt", "gpc"])
def test_nothing_is_sent_when_the_visitor_refuses(browser, plausible_site: CountedSite, refusal: str) -> None:
    plausible_site.recorder.hits.clear()
    if refusal == "dnt":
        context = context_for(browser, extra_http_headers={"DNT": "1"})
        context.add_init_script("Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'})")
    else:  # Chromium has no GPC switch: the signal as a browser that has one sends it
        context = context_for(browser, extra_http_headers={"Sec-GPC": "1"})
        context.add_init_script("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    press_everything(plausible_site, page)
    # the same visit without the signal is counted: the script ran and would have sent
    other = context_for(browser).new_page()
    loaded(other, plausible_site.url("katalog/"))
    assert wait_for(plausible_site, other, 1) == [("pageview", {})]
    assert not [u for u in requests if f":{plausible_site.recorder.port}/" in u]
    context.close()
    other.context.close()


def test_events_made_offline_are_dropped_not_sent_later(browser, plausible_site: CountedSite) -> None:
    plausible_site.recorder.hits.clear()
    context = context_for(browser)
    page = context.new_page()
    loaded(page, plausible_site.url(f"produk/{PRODUCT}/"))
    assert wait_for(plausible_site, page, 1)[0][0] == "pageview"
    context.set_offline(True)
    until(page, "navigator.onLine === false")
    page.evaluate("dispatchEvent(new Event('beforeprint'))")  # (the product page prints nothing)
    # pressed offline (the page stays, so that it can be seen to send nothing later)
    page.evaluate("document.addEventListener('click', (e) => e.preventDefault(), {once: true})")
    page.locator('a[data-count="marketplace-click"]').click()
    context.set_offline(False)
    until(page, "navigator.onLine === true")
    # a phone that says it is offline while a request could still get through: dropped by the
    # script itself, not lost by the network
    page.evaluate("Object.defineProperty(navigator, 'onLine', {get: () => false, configurable: true})")
    page.evaluate("document.addEventListener('click', (e) => e.preventDefault(), {once: true})")
    page.locator('a[data-count="marketplace-click"]').click()
    page.evaluate("delete navigator.onLine")
    until(page, "navigator.onLine === true")
    page.locator("[data-buybar] a.btn-wa").click()
    page.wait_for_url("https://wa.me/**")
    events = wait_for(plausible_site, page, 2)
    assert [name for name, _ in events] == ["pageview", "whatsapp-order"], "the offline press was never sent"
    context.close()


def test_without_the_key_no_script_and_nothing_leaves_the_site(browser, tmp_path: Path) -> None:
    site = CountedSite(tmp_path, None)
    try:
        assert not list(site.output.glob("assets/count.*.js"))
        html = (site.output / "produk" / PRODUCT / "index.html").read_text(encoding="utf-8")
        assert "data-count" not in html and "connect-src" not in html
        assert "connect-src" not in (site.output / "_headers").read_text(encoding="utf-8")
        context = context_for(browser)
        page = context.new_page()
        requests: list[tuple[str, bool]] = []
        page.on("request", lambda r: requests.append((r.url, r.is_navigation_request())))
        loaded(page, site.url(f"produk/{PRODUCT}/"))
        page.locator("[data-order-add]").first.click()
        page.locator('a[href^="https://www.tokopedia.com/"]').click()
        page.wait_for_url("https://www.tokopedia.com/**")
        press_everything(site, page)
        loaded(page, site.url("pesanan/"))
        until(page, "document.querySelector('[data-order-send]') !== null")
        page.locator("[data-order-send]").click()
        page.wait_for_url("https://wa.me/**")
        leaving = [url for url, navigation in requests if not url.startswith(site.server.url) and not navigation]
        assert leaving == [], "only the visitor's own clicks leave the site"
        assert len([u for u, _ in requests if u.startswith(site.server.url)]) > 10
        assert site.recorder.hits == []
        context.close()
    finally:
        site.stop()
