"""Old addresses (`aliases:`): a renamed product keeps the address printed in its QR codes.

A product is renamed (a new slug) with its old slug and an old path as aliases: every old address
answers with a page that sends the visitor to the new one, in each language; the sitemap never
lists an old address; the QR code printed before the rename decodes to an address that still
leads to the product; the rebuilt site equals a cold build. Renamed without an alias, the build
warns with the address that is gone. A malformed alias, or one that lands on another page, is an
error with file and line.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from showcase.errors import BuildFailed
from tests.unit.test_incremental import Site, digest
from tests.unit.test_qr import decoded

PRODUCT = "products/bandeng-presto.md"


def redirect_target(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', text)
    assert refresh, f"{page} sends the visitor nowhere"
    link = re.search(r'<a href="([^"]+)">', text)
    assert link and link.group(1) == refresh.group(1), "a visible link to the same place"
    assert 'name="robots" content="noindex"' in text and "<script" not in text
    return refresh.group(1)


def test_renamed_product_keeps_its_old_addresses_and_qr_codes(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.rebuild()
    old_page = site.output / "produk" / "bandeng-presto" / "index.html"
    svg = re.search(r"<svg[^>]*class=\"qr\">.*?</svg>", old_page.read_text(encoding="utf-8"), re.S)
    assert svg, "the product page shows its QR code"
    printed = decoded(svg.group(0))
    assert printed and printed[0].endswith("/produk/bandeng-presto/")

    site.edit(PRODUCT, "title: ", "slug: bandeng-presto-juwana\naliases: [bandeng-presto, /promo/bandeng/]\ntitle: ")
    for path in (site.content / "products" / "soppeng").rglob("*.md"):  # links inside the site follow
        path.write_text(path.read_text(encoding="utf-8").replace("/produk/bandeng-presto/",
                                                                 "/produk/bandeng-presto-juwana/"), encoding="utf-8")
    report = site.rebuild()
    assert not [w for w in report.warnings if w.code == "PAGE_GONE"]
    assert (site.output / "produk" / "bandeng-presto-juwana" / "index.html").is_file()
    assert redirect_target(old_page) == "/produk/bandeng-presto-juwana/"
    assert redirect_target(site.output / "en" / "products" / "bandeng-presto" / "index.html") \
        == "/en/products/bandeng-presto-juwana/"
    assert redirect_target(site.output / "promo" / "bandeng" / "index.html") == "/produk/bandeng-presto-juwana/"
    # the address printed in the old QR code is one of them
    relative = re.sub(r"^https?://[^/]+/", "", printed[0])
    assert (site.output / relative / "index.html") == old_page
    sitemap = "".join(p.read_text(encoding="utf-8") for p in site.output.glob("sitemap*.xml"))
    assert "bandeng-presto-juwana/" in sitemap and "/produk/bandeng-presto/<" not in sitemap
    assert "promo/bandeng" not in sitemap
    assert digest(site.output) == site.cold()


def test_renamed_without_an_alias_warns_with_the_address_that_is_gone(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.rebuild()
    site.edit(PRODUCT, "title: ", "slug: bandeng-presto-juwana\ntitle: ")
    for path in (site.content / "products" / "soppeng").rglob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("/produk/bandeng-presto/",
                                                                 "/produk/bandeng-presto-juwana/"), encoding="utf-8")
    report = site.rebuild()
    gone = [w for w in report.warnings if w.code == "PAGE_GONE"]
    assert len(gone) == 1 and gone[0].path == "content/products/bandeng-presto.md"
    text = gone[0].format("en")
    assert "/produk/bandeng-presto/" in text and "aliases: [bandeng-presto]" in text
    assert not (site.output / "produk" / "bandeng-presto").exists()


@pytest.mark.parametrize("alias, code", [("/../rahasia/", "FM_BAD_ALIAS"), ("https://contoh.id/lama/", "FM_BAD_ALIAS"),
                                         ("/lama", "FM_BAD_ALIAS"), ("Bandeng Lama", "FM_BAD_SLUG")])
def test_a_malformed_alias_is_located(tmp_path: Path, alias: str, code: str) -> None:
    site = Site(tmp_path)
    site.edit(PRODUCT, "title: ", f'aliases: ["{alias}"]\ntitle: ')
    with pytest.raises(BuildFailed) as failure:
        site.rebuild()
    found = [d for d in failure.value.diagnostics.errors if d.code == code]
    assert found and found[0].path == "content/products/bandeng-presto.md" and found[0].line == 2


def test_an_alias_on_another_page_is_an_error_naming_both(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.edit(PRODUCT, "title: ", "aliases: [abon-bandeng]\ntitle: ")
    with pytest.raises(BuildFailed) as failure:
        site.rebuild()
    texts = [d.format("en") for d in failure.value.diagnostics.errors]
    assert any("produk/abon-bandeng/index.html" in t for t in texts), texts
