"""`showcase serve` in a real browser, with the site's Content-Security-Policy enforced.

An open page loads once and stays loaded while nothing changes, its photos finish loading, and
each saved change reloads it exactly once; a mistake shows as an overlay with file, line and
hint (in the site's language, or `--lang en`), and the overlay goes once the file is fixed; a
product added or deleted shows up on the list. The reload script is only in what the server
sends, never in output/, and the browser reports no policy violation.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "sites" / "minimal" / "content"
WAIT_MS = 90_000  # a generous bound for a rebuild on a slow machine; not a speed check
QUIET_MS = 5_000  # how long a page is watched for reloads nobody asked for
SETTLE_MS = 3_000  # after a change has shown, how long to watch for a second reload

pytestmark = pytest.mark.browser


def serve(tmp_path: Path, *extra: str) -> Iterator[tuple[str, Path, Path]]:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    log = tmp_path / "serve.log"
    with open(log, "w") as errors, subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--content", str(content), "--output",
             str(tmp_path / "output"), "--templates", str(tmp_path / "no-templates"), "--cache",
             str(tmp_path / "cache"), "--port", "0", *extra],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=errors, text=True) as process:
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
            url = re.search(r"http://127\.0\.0\.1:\d+/", first)
            assert url, first + log.read_text()
            yield url.group(0), content, tmp_path / "output"
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    yield from serve(tmp_path)


@pytest.fixture
def live_en(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    yield from serve(tmp_path, "--lang", "en")


class Watched:
    """A page whose loads and Content-Security-Policy complaints are counted."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.loads = 0
        self.csp: list[str] = []
        page.on("load", self._loaded)
        page.on("console", self._console)

    def _loaded(self, _page) -> None:  # type: ignore[no-untyped-def]
        self.loads += 1

    def _console(self, message) -> None:  # type: ignore[no-untyped-def]
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.csp.append(message.text)


def photos_loaded(page) -> bool:  # type: ignore[no-untyped-def]
    return bool(page.evaluate("""() => {
        const images = [...document.images];
        images.forEach((i) => i.scrollIntoView());
        return images.length > 0 && images.every((i) => i.complete && i.naturalWidth > 0);
    }"""))


def test_one_load_while_nothing_changes_then_one_reload_per_saved_change(live, page_at):
    from playwright.sync_api import expect

    url, content, _ = live
    product = content / "products" / "bandeng-presto.md"
    original = product.read_text()
    watched = Watched(page_at(1280))
    page = watched.page
    page.goto(url + "produk/bandeng-presto/")
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert "script-src 'self'" in csp.get_attribute("content"), "the site's own policy is in force"
    page.wait_for_timeout(QUIET_MS)
    assert watched.loads == 1, f"{watched.loads} loads in {QUIET_MS} ms with nothing changed"
    deadline = 0
    while not photos_loaded(page) and deadline < WAIT_MS:
        page.wait_for_timeout(200)
        deadline += 200
    assert photos_loaded(page), "every photo finishes loading"

    for loads, price, shown in ((2, "36000", "36.000"), (3, "37000", "37.000")):
        product.write_text(original.replace("price: 35000", f"price: {price}"))
        expect(page.locator("body")).to_contain_text(shown, timeout=WAIT_MS)
        page.wait_for_timeout(SETTLE_MS)
        assert watched.loads == loads, f"one reload per saved change: {watched.loads} loads after change {loads - 1}"
        assert photos_loaded(page)
    assert watched.csp == [], watched.csp


def test_edit_reloads_error_shows_overlay_fix_removes_it(live, page_at):
    from playwright.sync_api import expect

    url, content, output = live
    product = content / "products" / "bandeng-presto.md"
    original = product.read_text()
    watched = Watched(page_at(1280))
    page = watched.page
    page.goto(url + "produk/bandeng-presto/")
    expect(page.locator("h1")).to_have_text("Bandeng Presto", timeout=WAIT_MS)
    assert "__showcase" not in (output / "produk" / "bandeng-presto" / "index.html").read_text()

    product.write_text(original.replace("title: Bandeng Presto", "title: Bandeng Presto Asap"))
    expect(page.locator("h1")).to_have_text("Bandeng Presto Asap", timeout=WAIT_MS)

    product.write_text(original.replace("price: 35000", "price: 25.000"))
    overlay = page.locator("#showcase-error-overlay")
    expect(overlay).to_be_visible(timeout=WAIT_MS)
    expect(overlay).to_contain_text("Situs gagal dibuat: perbaiki lalu simpan")
    expect(overlay).to_contain_text("content/products/bandeng-presto.md:6:8")
    expect(overlay).to_contain_text('price: "25.000" bukan angka rupiah yang utuh')
    expect(overlay).to_contain_text('saran: tulis 25000 (tanpa titik, tanpa "Rp")')
    loads = watched.loads

    page.reload()  # a page opened while the site is broken shows the overlay too
    expect(overlay).to_be_visible(timeout=WAIT_MS)

    product.write_text(original)
    expect(overlay).to_have_count(0, timeout=WAIT_MS)
    expect(page.locator("h1")).to_have_text("Bandeng Presto", timeout=WAIT_MS)
    page.wait_for_timeout(SETTLE_MS)
    assert watched.loads == loads + 2, "the manual reload and the one for the fix, no more"
    assert "__showcase" not in (output / "produk" / "bandeng-presto" / "index.html").read_text()
    assert watched.csp == [], watched.csp


def test_a_product_added_and_deleted_shows_on_the_list(live, page_at):
    from playwright.sync_api import expect

    url, content, output = live
    watched = Watched(page_at(1280))
    page = watched.page
    page.goto(url + "produk/")
    names = page.locator("main")
    expect(names).to_contain_text("Bandeng Presto", timeout=WAIT_MS)
    new = content / "products" / "abon-bandeng.md"
    new.write_text((content / "products" / "bandeng-presto.md").read_text()
                   .replace("title: Bandeng Presto", "title: Abon Bandeng").replace("featured: true\n", ""))
    expect(names).to_contain_text("Abon Bandeng", timeout=WAIT_MS)
    page.wait_for_timeout(SETTLE_MS)
    assert watched.loads == 2
    assert (output / "produk" / "abon-bandeng" / "index.html").is_file()
    new.unlink()
    expect(names).not_to_contain_text("Abon Bandeng", timeout=WAIT_MS)
    page.wait_for_timeout(SETTLE_MS)
    assert watched.loads == 3
    assert not (output / "produk" / "abon-bandeng").exists()
    assert watched.csp == [], watched.csp


def test_the_overlay_speaks_english_with_lang_en(live_en, page_at):
    from playwright.sync_api import expect

    url, content, _ = live_en
    product = content / "products" / "bandeng-presto.md"
    page = page_at(360)
    page.goto(url + "produk/bandeng-presto/")
    expect(page.locator("h1")).to_have_text("Bandeng Presto", timeout=WAIT_MS)
    product.write_text(product.read_text().replace("region: ", "region: x").replace("maker: mattiro-sompe",
                                                                                 "maker: mattiro-sompee"))
    overlay = page.locator("#showcase-error-overlay")
    expect(overlay).to_contain_text("Build failed: fix and save", timeout=WAIT_MS)
    expect(overlay).to_contain_text('maker: unknown maker "mattiro-sompee"; did you mean "mattiro-sompe"?')
    expect(overlay).to_contain_text("hint: use the slug of a file in content/makers/")
