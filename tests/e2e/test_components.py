"""Components in a real browser: the video facade asks the provider for nothing until it is pressed.

A copy of the full fixture site gets a YouTube video whose thumbnail is fetched at build time
from a local stand-in (SHOWCASE_THUMBNAIL_URL on 127.0.0.1), a product card, a gallery and a map.
Served on loopback, the page is opened in Chromium with the site's Content-Security-Policy
enforced and every request counted; the provider's player origin (youtube-nocookie.com) answers
from a stand-in route. Before the click: a play button named "Putar video: <title>", no request
to any other host, no iframe. After it: the player's iframe, one request to the player, no CSP
violation. Without JavaScript the facade is a plain link to the video. Screenshots at 360 and
1280 px are kept for review.
"""
from __future__ import annotations

import http.server
import io
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest
from PIL import Image

from showcase import components
from showcase.pipeline import Options, build
from tests.e2e.conftest import REPO, SCREENSHOTS, Server, until

FULL = REPO / "tests" / "sites" / "full" / "content"
TITLE = "Membuat abon bandeng"
EMBED = "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1"


class _Thumbnail(http.server.BaseHTTPRequestHandler):
    asked: list[str] = []
    photo = b""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        type(self).asked.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(self.photo)))
        self.end_headers()
        self.wfile.write(self.photo)


@pytest.fixture(scope="module")
def video_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("components")
    content = root / "content"
    shutil.copytree(FULL, content)
    product = content / "products" / "abon-bandeng.md"
    product.write_text(product.read_text(encoding="utf-8") + (
        f"\n\n```video https://youtu.be/abcdefghijk\ntitle: {TITLE}\n```\n\n```product bandeng-presto```\n\n"
        "```gallery\n![Bandeng presto dalam kemasan](bandeng-presto.jpg)\n![Bandeng presto](bandeng-presto.jpg)\n```\n\n"
        "```map -4.8255, 119.5535\nlabel: Rumah produksi\n```\n"), encoding="utf-8")
    buffer = io.BytesIO()
    Image.new("RGB", (480, 360), (40, 90, 160)).save(buffer, "JPEG", quality=80)
    handler = type("Handler", (_Thumbnail,), {"asked": [], "photo": buffer.getvalue()})
    thumbnails = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=thumbnails.serve_forever, daemon=True).start()
    output = root / "output"
    output.mkdir()
    server = Server(output)
    with pytest.MonkeyPatch.context() as env:
        env.setenv(components.THUMBNAIL_ENV, f"http://127.0.0.1:{thumbnails.server_address[1]}/vi")
        build(Options(content=content, output=output, templates=REPO / "templates", cache=root / "cache",
                      base_url=server.url))
    thumbnails.shutdown()
    thumbnails.server_close()
    assert handler.asked == ["/vi/abcdefghijk/hqdefault.jpg"], "the thumbnail came from the stand-in, at build time"
    server.start()
    yield server
    server.stop()


def _open(browser, server: Server, width: int, script: bool = True):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=script,
                                  service_workers="block")
    outside: list[str] = []
    player: list[str] = []

    def route(route):  # type: ignore[no-untyped-def]
        url = route.request.url
        if url.startswith(f"http://127.0.0.1:{server.port}/"):
            return route.continue_()
        outside.append(url)
        if url.startswith("https://www.youtube-nocookie.com/embed/"):
            player.append(url)  # the provider's stand-in: a page that says it is the player
            return route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>player</title>ok")
        return route.abort()

    context.route("**/*", route)
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(server.url + "produk/abon-bandeng/")
    return context, page, outside, player, violations


@pytest.mark.parametrize("width", [360, 1280])
def test_the_video_loads_nothing_from_the_provider_until_pressed(browser, video_site, width: int) -> None:
    context, page, outside, player, violations = _open(browser, video_site, width)
    try:
        button = page.get_by_role("button", name=f"Putar video: {TITLE}")
        button.scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        assert button.is_visible()
        box = button.bounding_box()
        assert box and box["width"] >= min(width - 40, 600) * 0.9, "the facade is as wide as the text"
        assert page.locator("figure.embed-video picture img").evaluate("img => img.complete && img.naturalWidth > 0")
        assert outside == [], "nothing was asked of any other host before the click"
        assert page.locator("iframe").count() == 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".prose").screenshot(path=str(SCREENSHOTS / f"components-{width}.png"))
        button.click()
        until(page, "() => !!document.querySelector('iframe.video-frame')")
        frame = page.locator("iframe.video-frame")
        assert frame.get_attribute("src") == EMBED and frame.get_attribute("title") == TITLE
        until(page, "() => document.querySelector('iframe.video-frame').contentWindow.length >= 0")
        page.wait_for_load_state("networkidle")
        assert player == [EMBED], "the player was loaded once, on the click"
        assert outside == player, "and nothing else outside the site"
        assert violations == [], violations
        # the product card, the gallery and the map are there and fit
        assert page.locator(".embed-product .card-title a").get_attribute("href").endswith("/produk/bandeng-presto/")
        assert page.locator(".embed-gallery img").count() == 2
        assert page.locator(".map-link").get_attribute("href").startswith("https://www.openstreetmap.org/?mlat=-4.8255")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scroll"
    finally:
        context.close()


def test_without_javascript_the_video_is_a_link(browser, video_site) -> None:
    context, page, outside, player, _ = _open(browser, video_site, 360, script=False)
    try:
        link = page.get_by_role("link", name=f"Putar video: {TITLE}")
        assert link.get_attribute("href") == "https://www.youtube.com/watch?v=abcdefghijk"
        assert page.locator("button.video-facade").count() == 0
        page.wait_for_load_state("networkidle")
        assert outside == [] and player == []
    finally:
        context.close()
