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


def test_a_link_to_the_old_address_of_a_renamed_product_is_an_error_in_every_build(tmp_path: Path) -> None:
    """A body linking to a product whose `slug:` changed: the incremental build must find the
    broken link as a cold build does (it once kept the link's old target and published it)."""
    site = Site(tmp_path)
    site.rebuild()
    site.edit(PRODUCT, "title: ", "slug: bandeng-presto-juwana\ntitle: ")
    with pytest.raises(BuildFailed):
        site.rebuild()
    with pytest.raises(BuildFailed):
        site.cold()


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


@pytest.mark.parametrize("host, status", [("netlify", "301!"), ("cloudflare", "301")])
def test_redirects_file_for_the_host_lists_every_old_address(tmp_path: Path, host: str, status: str) -> None:
    """`redirects:` in site.yaml: the host answers each old address with an HTTP 301 (Netlify only
    when forced, since the redirect page is a file there too); the rules file itself is never
    given a header rule, and the rebuilt site equals a cold build."""
    site = Site(tmp_path)
    site.edit("site.yaml", "title: ", f"redirects: {host}\ntitle: ")
    site.rebuild()
    assert (site.output / "_redirects").read_text(encoding="utf-8").splitlines()[1:] == []
    site.edit(PRODUCT, "title: ", "slug: bandeng-presto-juwana\naliases: [bandeng-presto, /promo/bandeng/]\ntitle: ")
    site.edit("products/soppeng/sarung-sutra/index.md", "/produk/bandeng-presto/", "/produk/bandeng-presto-juwana/")
    site.rebuild()
    lines = (site.output / "_redirects").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    assert lines[1:] == [f"/en/products/bandeng-presto/ /en/products/bandeng-presto-juwana/ {status}",
                         f"/produk/bandeng-presto/ /produk/bandeng-presto-juwana/ {status}",
                         f"/promo/bandeng/ /produk/bandeng-presto-juwana/ {status}"]
    assert "/_redirects" not in (site.output / "_headers").read_text(encoding="utf-8")
    assert digest(site.output) == site.cold()
    site.edit("site.yaml", f"redirects: {host}\n", "")
    site.rebuild()
    assert not (site.output / "_redirects").exists(), "without the setting, no rules file"


def test_redirects_beyond_the_hosts_limit_are_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from showcase.pages import aliases

    monkeypatch.setattr(aliases, "REDIRECTS_LIMIT", 2)
    site = Site(tmp_path)
    site.edit("site.yaml", "title: ", "redirects: cloudflare\ntitle: ")
    site.edit(PRODUCT, "title: ", "aliases: [bandeng-lama, /promo/bandeng/]\ntitle: ")
    report = site.rebuild()
    full = [w for w in report.warnings if w.code == "ROUTE_REDIRECTS_LIMIT"]
    assert len(full) == 1 and full[0].path == "content/site.yaml" and "1 old address" in full[0].format("en")
    assert len((site.output / "_redirects").read_text(encoding="utf-8").splitlines()) == 3
    assert (site.output / "promo" / "bandeng" / "index.html").is_file(), "the page still leads on"
