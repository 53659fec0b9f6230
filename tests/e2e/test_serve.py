"""`showcase serve` in a real browser: a saved change reloads the open page, a mistake shows as an
overlay with file, line and hint, and the overlay goes once the file is fixed. The reload script
is only in what the server sends, never in output/."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "sites" / "minimal" / "content"
WAIT_MS = 90_000  # a generous bound for a rebuild on a slow machine; not a speed check

pytestmark = pytest.mark.browser


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    log = tmp_path / "serve.log"
    with open(log, "w") as errors, subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--content", str(content), "--output",
             str(tmp_path / "output"), "--templates", str(tmp_path / "no-templates"), "--cache",
             str(tmp_path / "cache"), "--port", "0"],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=errors, text=True) as process:
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
            assert first.startswith("Serving http://127.0.0.1:"), first + log.read_text()
            yield first.split()[1], content, tmp_path / "output"
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_edit_reloads_error_shows_overlay_fix_removes_it(live, page_at):
    from playwright.sync_api import expect

    url, content, output = live
    product = content / "products" / "bandeng-presto.md"
    original = product.read_text()
    page = page_at(1280)
    page.goto(url + "produk/bandeng-presto/")
    expect(page.locator("h1")).to_have_text("Bandeng Presto", timeout=WAIT_MS)
    assert "__showcase" not in (output / "produk" / "bandeng-presto" / "index.html").read_text()

    product.write_text(original.replace("title: Bandeng Presto", "title: Bandeng Presto Asap"))
    expect(page.locator("h1")).to_have_text("Bandeng Presto Asap", timeout=WAIT_MS)

    product.write_text(original.replace("price: 35000", "price: 25.000"))
    overlay = page.locator("#showcase-error-overlay")
    expect(overlay).to_be_visible(timeout=WAIT_MS)
    expect(overlay).to_contain_text("content/products/bandeng-presto.md:6:8")
    expect(overlay).to_contain_text('price: "25.000" is not a whole number of rupiah')
    expect(overlay).to_contain_text("hint: write 25000")

    page.reload()  # a page opened while the site is broken shows the overlay too
    expect(overlay).to_be_visible(timeout=WAIT_MS)

    product.write_text(original)
    expect(overlay).to_have_count(0, timeout=WAIT_MS)
    expect(page.locator("h1")).to_have_text("Bandeng Presto", timeout=WAIT_MS)
    assert "__showcase" not in (output / "produk" / "bandeng-presto" / "index.html").read_text()
