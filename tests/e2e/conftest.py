"""End-to-end fixtures: the sample showcase built under a sub-path, served on loopback, and
headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Browser tests skip only when no Chromium exists and SHOWCASE_REQUIRE_BROWSER is unset; CI sets it.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

from showcase.pipeline import Options, build

REPO = Path(__file__).resolve().parents[2]
SUB_PATH = "/galeri/"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("SHOWCASE_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves output/ under SUB_PATH like a static host: 404.html for unknown paths."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def send_head(self):  # type: ignore[no-untyped-def]
        target = Path(self.translate_path(self.path))
        if target.is_dir() and not (target / "index.html").exists() or not target.exists():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()


class Server:
    def __init__(self, directory: Path) -> None:
        handler = functools.partial(SubPathHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{SUB_PATH}"

    def start(self) -> "Server":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    """The sample showcase, built for its served address, and the server."""
    root = tmp_path_factory.mktemp("site")
    output = root / "output"
    output.mkdir()
    server = Server(output)
    build(Options(content=REPO / "content", output=output, templates=REPO / "templates",
                  cache=REPO / ".cache" / "showcase", base_url=server.url))
    server.start()
    yield server, output
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("SHOWCASE_REQUIRE_BROWSER"):
            pytest.fail("Chromium not found and SHOWCASE_REQUIRE_BROWSER is set: install Debian's chromium")
        pytest.skip("no Chromium on this machine")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page_at(browser):  # type: ignore[no-untyped-def]
    """page_at(width) -> a fresh page in a fresh context of that viewport width."""
    contexts = []

    def make(width: int = 360, height: int = 800):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def until(page, script: str, arg: object = None, timeout: float = 10_000) -> None:  # type: ignore[no-untyped-def]
    """Poll a JS expression or function until it is truthy. Playwright's `wait_for_function`
    evaluates its text with eval inside the page, which the site's Content-Security-Policy
    rightly forbids; `page.evaluate` runs outside the page's policy."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            if page.evaluate(script, arg):
                return
        except Error as error:  # the page navigated meanwhile: ask again
            if "context was destroyed" not in str(error):
                raise
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {script}")
        page.wait_for_timeout(100)


SCREENSHOTS = Path(os.environ.get("SHOWCASE_SCREENSHOTS", REPO / ".cache" / "screenshots"))


SPLIT_WORDS = r"""() => {
    // Words of the page split across two lines, as "tag.class: word". A line may end after a
    // hyphen, dash or slash; URLs, e-mail addresses and licence numbers may break anywhere when
    // they cannot fit (each is one long word).
    const split = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        const el = node.parentElement;
        if (el.closest('script, style, .qr-url, .contact a, .cert-number, .visually-hidden, [hidden]')) continue;
        if (!el.getClientRects().length) continue;
        const words = /[^\s\-–\/]+/g;
        let m;
        while ((m = words.exec(node.data))) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
            if (lines.size > 1) split.push(`${el.tagName.toLowerCase()}.${el.className}: ${m[0]}`);
        }
    }
    return split;
}"""
