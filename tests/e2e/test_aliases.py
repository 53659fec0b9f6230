"""An old address (`aliases:`) in a real browser: the address a printed QR code holds opens the
renamed product, online and offline (the service worker saved the small redirect page)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from showcase.pipeline import Options, build
from tests.e2e.conftest import REPO, until
from tests.e2e.test_offline import PortServer

pytestmark = pytest.mark.browser
FULL = REPO / "tests" / "sites" / "full" / "content"


def test_old_address_opens_the_renamed_product_online_and_offline(tmp_path: Path, browser) -> None:
    content = tmp_path / "content"
    shutil.copytree(FULL, content)
    product = content / "products" / "bandeng-presto.md"
    product.write_text(product.read_text(encoding="utf-8").replace(
        "title: ", "slug: bandeng-presto-juwana\naliases: [bandeng-presto]\ntitle: ", 1), encoding="utf-8")
    for path in (content / "products" / "soppeng").rglob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("/produk/bandeng-presto/",
                                                                 "/produk/bandeng-presto-juwana/"), encoding="utf-8")
    with (content / "site.yaml").open("a", encoding="utf-8") as site:  # too small for every page:
        site.write("offline: {budget_mb: 0.16}\n")  # old addresses are saved right after the records
    output = tmp_path / "output"
    output.mkdir()
    server = PortServer(output)
    url = f"http://127.0.0.1:{server.port}/galeri/"
    build(Options(content=content, output=output, templates=REPO / "templates", cache=tmp_path / "cache",
                  base_url=url))
    server.start()
    online = browser.new_context(service_workers="block")
    page = online.new_page()
    page.goto(url + "produk/bandeng-presto/")
    page.wait_for_url(url + "produk/bandeng-presto-juwana/")
    assert page.locator("main h1").inner_text().strip() == "Bandeng Presto"
    online.close()
    context = browser.new_context(service_workers="allow")
    try:  # one visit to the home page; the old address was never opened on this device
        page = context.new_page()
        page.goto(url)
        until(page, "document.documentElement.hasAttribute('data-offline-ready')", timeout=120_000)
        context.set_offline(True)
        server.stop()
        page.goto(url + "produk/bandeng-presto/")
        page.wait_for_url(url + "produk/bandeng-presto-juwana/")
        assert page.locator("main h1").inner_text().strip() == "Bandeng Presto"
    finally:
        context.close()
