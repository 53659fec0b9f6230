"""Menus written by editors (`navigation:` in site.yaml): the menu shows the items in the order
written, each label in the page's language (the Indonesian one when no translation is written),
a site path linked to the same language's version, and the current destination marked with
`aria-current="page"`; more than a phone's row puts the rest behind "Lainnya". A broken reference
(an unknown page, a path no page has, both or neither of url and page) is an error with the line
of site.yaml. Without the key the theme's menu stays; adding it to a built site rebuilds every
page to exactly what a cold build makes.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from showcase.errors import BuildFailed
from showcase.navigation import href, target
from showcase.routes import Routes
from showcase.schema import MenuLink
from tests.unit.test_incremental import Site, digest

MENU = """navigation:
  - label: {id: Semua produk, en: All products}
    url: /produk/
  - page: tentang
  - label: Pembuat
    url: /umkm/#daftar
  - label: {id: Beranda, en: Home}
    url: /
  - label: Dekranasda
    url: https://dekranasda.example.org/
"""


def menu(page: Path) -> list[tuple[str, str, bool]]:
    """(label, href, current) of each link of the page's main menu bar, in order."""
    text = page.read_text(encoding="utf-8")
    bar = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', text, re.S)
    assert bar, f"{page} has no menu"
    return [(label, href, bool(current)) for href, current, label in
            re.findall(r'<li(?: class="nav-wide")?><a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', bar.group(1))]


def test_the_menu_follows_site_yaml_in_order_and_in_each_language(tmp_path: Path) -> None:
    site = Site(tmp_path)
    (site.content / "site.yaml").write_text((site.content / "site.yaml").read_text(encoding="utf-8") + MENU,
                                            encoding="utf-8")
    site.rebuild()
    out = site.output
    assert menu(out / "umkm" / "index.html") == [
        ("Semua produk", "/produk/", False), ("Tentang Kami", "/tentang/", False),
        ("Pembuat", "/umkm/#daftar", True), ("Beranda", "/", False),
        ("Dekranasda", "https://dekranasda.example.org/", False)]
    # English pages: English labels, English addresses; an untranslated label and another site as written
    assert menu(out / "en" / "makers" / "index.html") == [
        ("All products", "/en/products/", False), ("About Us", "/en/tentang/", False),
        ("Pembuat", "/en/makers/#daftar", True), ("Home", "/en/", False),
        ("Dekranasda", "https://dekranasda.example.org/", False)]
    # the current destination: a product is under "all products"; home is current on itself only
    assert [c for _, _, c in menu(out / "produk" / "bandeng-presto" / "index.html")] == [True, False, False, False, False]
    assert [c for _, _, c in menu(out / "tentang" / "index.html")] == [False, True, False, False, False]
    assert [c for _, _, c in menu(out / "index.html")] == [False, False, False, True, False]
    # the footer lists the same menu; the theme's own sections are gone
    footer = (out / "index.html").read_text(encoding="utf-8").split('<footer', 1)[1]
    assert '<a href="https://dekranasda.example.org/">Dekranasda</a>' in footer
    assert ">Wilayah<" not in footer


def test_without_navigation_the_theme_menu_stays(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.rebuild()
    assert [label for label, _, _ in menu(site.output / "index.html")] == \
        ["Produk", "Wilayah", "Kategori", "UMKM", "Tentang Kami"]


def test_a_long_menu_keeps_the_phone_row_and_marks_the_current_item_behind_more(tmp_path: Path) -> None:
    site = Site(tmp_path)
    items = "".join(f"  - label: Menu {n}\n    url: {url}\n" for n, url in enumerate(
        ("/produk/", "/wilayah/", "/kategori/", "/umkm/", "/katalog/", "/pesanan/", "/tentang/")))
    (site.content / "site.yaml").write_text((site.content / "site.yaml").read_text(encoding="utf-8")
                                            + "navigation:\n" + items, encoding="utf-8")
    site.rebuild()
    text = (site.output / "tentang" / "index.html").read_text(encoding="utf-8")
    more = re.search(r'<li class="nav-more"><details><summary( class="is-current has-current")?>'
                     r'<span class="more-label">Lainnya</span><span class="menu-label">Menu</span></summary>(.*?)</details>',
                     text, re.S)
    assert more and more.group(1), "items past the phone's row sit behind Lainnya, marked when current"
    behind_more = re.findall(r'<li><a href="([^"]+)"', more.group(2))
    assert behind_more == ["/katalog/", "/pesanan/", "/tentang/"]
    assert '<a href="/tentang/" aria-current="page">Menu 6</a>' in more.group(2)
    # with large text the same button (labelled Menu) holds every item: the phone's row first
    assert re.findall(r'<li class="nav-compact"><a href="([^"]+)"', more.group(2)) == \
        ["/produk/", "/wilayah/", "/kategori/", "/umkm/"]
    assert more.group(2).index("/umkm/") < more.group(2).index("/katalog/")


@pytest.mark.parametrize("item, code, line, field", [
    ("  - label: Tentang\n    page: tentangg\n", "REF_UNKNOWN", 8, "navigation[1].page"),
    ("  - label: Program\n    url: /progam/\n", "REF_MENU_LINK", 8, "navigation[1].url"),
    ("  - label: Hilang\n    url: /produk/tidak-ada/\n", "REF_MENU_LINK", 8, "navigation[1].url"),
    ("  - label: Dua\n    url: /produk/\n    page: tentang\n", "FM_MENU_TARGET", 9, "navigation[1]"),
    ("  - label: Kosong\n", "FM_MENU_TARGET", 7, "navigation[1]"),
    ("  - label: Salah\n    url: produk\n", "FM_MENU_URL", 8, "navigation[1].url"),
    ("  - url: /produk/\n", "FM_MISSING_FIELD", 7, "navigation[1].label"),
])
def test_a_broken_menu_item_is_located_in_site_yaml(tmp_path: Path, item: str, code: str, line: int,
                                                    field: str) -> None:
    site = Site(tmp_path)
    lines = (site.content / "site.yaml").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4  # the item under test starts on line 7
    (site.content / "site.yaml").write_text("\n".join(lines) + "\nnavigation:\n  - page: tentang\n" + item,
                                            encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        site.rebuild()
    found = [d for d in failure.value.diagnostics.errors if d.code == code]
    assert [(d.path, d.line, d.field) for d in found] == [("content/site.yaml", line, field)]
    assert found[0].format("id") != found[0].format("en"), "said in both languages"
    assert "hint" in found[0].format("en")


def test_a_suggestion_names_the_page_meant(tmp_path: Path) -> None:
    site = Site(tmp_path)
    (site.content / "site.yaml").write_text((site.content / "site.yaml").read_text(encoding="utf-8")
                                            + "navigation:\n  - page: tentnag\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        site.rebuild()
    assert 'did you mean "tentang"' in failure.value.diagnostics.errors[0].format("en")


def test_a_menu_added_later_rebuilds_every_page_like_a_cold_build(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.rebuild()
    (site.content / "site.yaml").write_text((site.content / "site.yaml").read_text(encoding="utf-8") + MENU,
                                            encoding="utf-8")
    site.rebuild()
    assert menu(site.output / "kategori" / "index.html")[0] == ("Semua produk", "/produk/", False)
    assert digest(site.output) == site.cold()
    site.edit("site.yaml", "Semua produk", "Katalog produk")  # a label edited alone
    site.rebuild()
    assert menu(site.output / "produk" / "bandeng-presto" / "index.html")[0] == ("Katalog produk", "/produk/", True)
    assert digest(site.output) == site.cold()


@pytest.mark.parametrize("url, found", [
    ("/", ("home", None)), ("/kegiatan/", ("activity", None)), ("/produk/abon/", ("product", "abon")),
    ("/katalog/", ("catalogue", None)), ("/katalog/pangkep/", ("catalogue", "pangkep")),
    ("/label-rak/soppeng/", ("labels", "soppeng")), ("/pesanan/", ("order", None)), ("/tentang/", ("page", "tentang")),
    ("/en/products/", ("product", None)), ("/umkm/#daftar", ("maker", None)), ("/pesanan/lain/", None),
    ("/produk/a/b/", None),
])
def test_what_a_menu_path_leads_to(url: str, found: tuple[str, str | None] | None) -> None:
    assert target(Routes("/galeri/", "https://example.org", ("id", "en")), url) == found


def test_a_menu_path_links_each_language_under_the_sub_path() -> None:
    routes = Routes("/galeri/", "https://example.org", ("id", "en"))
    link = MenuLink("Kegiatan", "/kegiatan/#agenda", None, "navigation[0]", 1, 1, 1)
    assert [href(routes, link, lang) for lang in ("id", "en")] == ["/galeri/kegiatan/#agenda",
                                                                  "/galeri/en/activities/#agenda"]
    away = MenuLink("Dekranasda", "https://dekranasda.example.org/", None, "navigation[1]", 1, 1, 1)
    assert href(routes, away, "en") == "https://dekranasda.example.org/"
    page = MenuLink(None, None, "tentang", "navigation[2]", 1, 1, 1)
    assert href(routes, page, "en") == "/galeri/en/tentang/"
