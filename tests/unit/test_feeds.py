"""sitemap.xml, robots.txt, Atom feeds and the catalogue exports, cross-checked against the pages
of a built fixture site."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from showcase import feeds

from showcase.pipeline import Options, build
from showcase.routes import Routes
from showcase.views import Alternate, PageSummary

TESTS = Path(__file__).resolve().parent.parent
FULL = TESTS / "sites" / "full" / "content"
BASE = "https://example.org/galeri/"
NS = {"s": feeds.SITEMAP_NS, "x": feeds.XHTML_NS, "a": feeds.ATOM_NS}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("feeds") / "out"
    build(Options(content=FULL, output=output, cache=None, base_url=BASE, today=date(2026, 11, 1), workers=1))
    return output


def on_disk(site: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    relative = url[len(BASE):]
    return site / Routes.output_file(relative) if not relative or relative.endswith("/") else site / relative


def head_links(html: str, rel: str) -> list[str]:
    return re.findall(rf'<link rel="{rel}"[^>]*href="([^"]+)"', html)


def test_sitemap_lists_every_page_on_disk_once_with_its_alternates(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{{{feeds.SITEMAP_NS}}}urlset"
    locs = [u.findtext("s:loc", namespaces=NS) for u in root.findall("s:url", NS)]
    assert len(locs) == len(set(locs))
    pages = {p for p in site.rglob("index.html")} - {site / "offline" / "index.html", site / "en" / "offline" / "index.html",
                                                      site / "offline" / "record" / "index.html",
                                                      site / "en" / "offline" / "record" / "index.html"}
    assert {on_disk(site, loc) for loc in locs} == pages
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        html = on_disk(site, loc).read_text()
        assert head_links(html, "canonical") == [loc]
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", NS)}
        assert set(alternates) == {"id", "en"}
        in_page = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
        assert alternates == in_page
        assert all(on_disk(site, href).is_file() for href in alternates.values())


def test_sitemap_dates_come_from_content(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    dates = {u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS) for u in root.findall("s:url", NS)}
    assert dates[BASE + "produk/bandeng-presto/"] == "2026-09-24"
    assert dates[BASE + "en/products/sarung-sutra/"] == "2026-08-01"
    assert dates[BASE + "wilayah/pangkep/"] is None


def test_404_and_offline_fallback_are_not_in_the_sitemap(site):
    text = (site / "sitemap.xml").read_text()
    assert "404.html" not in text and "/offline/" not in text


def test_robots_allows_all_and_points_to_the_sitemap(site):
    lines = (site / "robots.txt").read_text().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    sitemap = [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: ")]
    assert sitemap == [BASE + "sitemap.xml"] and on_disk(site, sitemap[0]).is_file()


def test_robots_without_a_host_names_no_sitemap():
    assert "Sitemap" not in feeds.robots(Routes("/", "", ("id",)))


@pytest.mark.parametrize("lang, path", [("id", "feed.xml"), ("en", "en/feed.xml")])
def test_atom_feed_lists_newest_products_of_its_language(site, lang, path):
    root = ET.parse(site / path).getroot()
    assert root.tag == f"{{{feeds.ATOM_NS}}}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert root.find("a:link[@rel='self']", NS).get("href") == BASE + path
    assert root.findtext("a:updated", namespaces=NS) == "2026-09-24T00:00:00Z"
    entries = root.findall("a:entry", NS)
    ids = [e.findtext("a:id", namespaces=NS) for e in entries]
    prefix = BASE + ("produk/" if lang == "id" else "en/products/")
    assert ids == [prefix + s + "/" for s in ("bandeng-presto", "abon-bandeng", "sarung-sutra")]
    for entry in entries:
        url = entry.find("a:link[@rel='alternate']", NS).get("href")
        html = on_disk(site, url).read_text()
        title = entry.findtext("a:title", namespaces=NS)
        assert f"<h1 class=\"page-title\">{title}</h1>" in html
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext("a:updated", namespaces=NS))
        for enclosure in entry.findall("a:link[@rel='enclosure']", NS):
            assert on_disk(site, enclosure.get("href")).is_file()
    english = {e.findtext("a:title", namespaces=NS) for e in entries}
    assert ("Balo Renni Silk Sarong" in english) == (lang == "en")


def test_every_page_links_the_feed_of_its_language(site):
    assert '<link rel="alternate" type="application/atom+xml" href="/galeri/feed.xml"' in (site / "index.html").read_text()
    html = (site / "en" / "products" / "sarung-sutra" / "index.html").read_text()
    assert '<link rel="alternate" type="application/atom+xml" href="/galeri/en/feed.xml"' in html


def test_json_and_csv_exports_hold_the_whole_catalogue(site):
    document = json.loads((site / "katalog.json").read_text())
    rows = list(csv.DictReader(io.StringIO((site / "katalog.csv").read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == feeds.COLUMNS
    products = {p["slug"]: p for p in document["products"]}
    assert set(products) == {r["slug"] for r in rows} == {"bandeng-presto", "abon-bandeng", "sarung-sutra"}
    assert document["currency"] == "IDR"
    for row in rows:
        record = products[row["slug"]]
        html = on_disk(site, row["url"]).read_text()
        assert record["url"] == row["url"] and f"<h1 class=\"page-title\">{row['title']}</h1>" in html
        assert row["price"] == ("" if record["price"] is None else str(record["price"]))
        if row["image"]:
            assert on_disk(site, row["image"]).is_file()
    silk = products["sarung-sutra"]
    assert (silk["price"], silk["price_max"], silk["region"]) == (750000, 1200000, "Kabupaten Soppeng")
    assert [c["type"] for c in silk["certifications"]] == ["sni"]  # the expired NIB is left out
    assert silk["whatsapp"] == "+6281311112222"
    silk_row = next(r for r in rows if r["slug"] == "sarung-sutra")
    assert silk_row["certifications"] == "SNI: SNI 08-0289-2005"
    assert (silk_row["price_max"], silk_row["district"], silk_row["unit"]) == ("1200000", "Lalabata", "per lembar")


def test_csv_starts_with_a_byte_order_mark_for_spreadsheets(site):
    assert (site / "katalog.csv").read_bytes().startswith(b"\xef\xbb\xbfslug,title,")


def test_sitemap_text_is_what_elementtree_writes_for_awkward_urls():
    """The sitemap is written as text for speed: it must stay well-formed XML, byte-identical to
    ElementTree's indented output, whatever the URLs hold."""
    urls = ["https://example.org/a/", "https://example.org/q?a=1&b=<2>", 'https://example.org/"x"/\t',
            "https://example.org/kain-tenun-ü/"]
    dates = {urls[1]: date(2026, 1, 2)}
    pages = [PageSummary(f"p{i}/index.html", "page.html", "site/x", "page", "id", u,
                         (Alternate("id", u), Alternate("en", u + "en&\"/")), dates.get(u))
             for i, u in enumerate(urls)]
    root = ET.Element("urlset", {"xmlns": feeds.SITEMAP_NS, "xmlns:xhtml": feeds.XHTML_NS})
    for page in pages:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = page.canonical
        if page.lastmod:
            ET.SubElement(url, "lastmod").text = page.lastmod.isoformat()
        for alternate in page.alternates:
            ET.SubElement(url, "xhtml:link", {"rel": "alternate", "hreflang": alternate.lang,
                                              "href": alternate.url})
    ET.indent(root, space=" ")
    expected = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    written = feeds.sitemaps(pages, Routes("/", "https://example.org", ("id", "en")))["sitemap.xml"]
    assert written == expected
    assert len(ET.fromstring(written.encode()).findall("s:url", NS)) == len(urls)
