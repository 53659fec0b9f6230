"""Machine-readable files: `sitemap.xml`, `robots.txt`, Atom feeds and the catalogue exports.

Owns what search engines, feed readers, marketplaces and government catalogues read: a sitemap of
every page of every language with `hreflang` alternates (taken from the pages actually built, so
it cannot list a page that does not exist), a `robots.txt` naming it, an Atom feed of the newest
products per language (`feed.xml`, `en/feed.xml`), and the whole catalogue as `katalog.json` and
`katalog.csv`. Dates come from content only (a product's `date`), so two builds of the same
content give the same bytes. It builds no HTML and decides no URL (routes does).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from . import commerce
from .config import SiteConfig
from .model import Product
from .routes import SITEMAP, Routes

if TYPE_CHECKING:
    from .views import PageSummary

FEED_SIZE = 30
SITEMAP_URLS = 10_000
"""Pages a sitemap file lists before it is split (the protocol allows 50,000 and 50 MB)."""
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ATOM_NS = "http://www.w3.org/2005/Atom"
EPOCH = date(1970, 1, 1)
COLUMNS = ("slug", "title", "category", "maker", "region", "district", "price", "price_max", "unit",
           "certifications", "url", "image", "whatsapp")


@dataclass(frozen=True)
class FeedEntry:
    """One product in a feed, with the texts its page shows."""

    url: str
    title: str
    date: date | None
    maker: str
    category: str
    category_label: str
    price: str
    unit: str | None
    region: str
    summary: str
    image: str | None


@dataclass(frozen=True)
class FeedView:
    lang: str
    url: str
    home: str
    title: str
    subtitle: str
    author: str
    updated: date | None
    entries: tuple[FeedEntry, ...]


def sitemap_entry(page: PageSummary) -> str | None:
    """A page's `<url>` element in the sitemap (None for a page search engines need not know):
    its canonical URL, the product's date for a product, its language alternates."""
    if not page.listed:
        return None
    lines = [" <url>", f"  <loc>{_text(page.canonical)}</loc>"]
    if page.lastmod is not None:
        lines.append(f"  <lastmod>{page.lastmod.isoformat()}</lastmod>")
    lines += [f'  <xhtml:link rel="alternate" hreflang="{_attribute(a.lang)}" href="{_attribute(a.url)}" />'
              for a in page.alternates]
    lines.append(" </url>")
    return "\n".join(lines)


def sitemap_parts(listed: int) -> int:
    """How many files the sitemap is split into: one up to SITEMAP_URLS pages, then a power of two
    (pages go to the part their output path hashes to, so a page added changes one part)."""
    return 1 if listed <= SITEMAP_URLS else 1 << (listed // SITEMAP_URLS).bit_length()


def sitemap_name(part: int) -> str:
    return f"sitemap-{part + 1}.xml"


def urlset(entries: Iterable[str]) -> str:
    """A sitemap file of `<url>` entries (see sitemap_entry). Written as text: the same bytes
    ElementTree's indented output gives (see the feeds tests), made fast for large sites."""
    body = "\n".join(entries)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
            + (body + "\n" if body else "") + "</urlset>\n")


def sitemap_index(parts: int, routes: Routes) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for n in range(parts):
        lines += [" <sitemap>", f"  <loc>{_text(routes.absolute_asset(sitemap_name(n)))}</loc>", " </sitemap>"]
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def sitemaps(pages: Iterable[PageSummary], routes: Routes) -> dict[str, str]:
    """Every sitemap file of these pages: `sitemap.xml`, and its parts past SITEMAP_URLS pages."""
    entries = [(p.output, e) for p in pages if (e := sitemap_entry(p)) is not None]
    entries.sort()
    parts = sitemap_parts(len(entries))
    if parts == 1:
        return {SITEMAP: urlset(e for _, e in entries)}
    files = {sitemap_name(n): urlset(e for o, e in entries if _bucket(o) % parts == n) for n in range(parts)}
    return {SITEMAP: sitemap_index(parts, routes), **files}


def _bucket(output: str) -> int:
    return int(hashlib.blake2b(output.encode(), digest_size=4).hexdigest(), 16)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return (_text(value).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#09;"))


def _xml(root: ET.Element) -> str:
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def robots(routes: Routes) -> str:
    """Allow everything and name the sitemap (only an absolute URL is valid there)."""
    lines = ["User-agent: *", "Allow: /", ""]
    if routes.origin:
        lines.append(f"Sitemap: {routes.absolute_asset(SITEMAP)}")
    return "\n".join(lines) + "\n"


def _stamp(day: date | None) -> str:
    return f"{(day or EPOCH).isoformat()}T00:00:00Z"


def atom(view: FeedView) -> str:
    """An Atom feed of the newest products in one language, with the texts their pages show."""
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": view.lang})
    ET.SubElement(root, "id").text = view.url
    ET.SubElement(root, "title").text = view.title
    if view.subtitle:
        ET.SubElement(root, "subtitle").text = view.subtitle
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": view.url})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": view.home})
    ET.SubElement(root, "updated").text = _stamp(view.updated)
    ET.SubElement(ET.SubElement(root, "author"), "name").text = view.author
    for item in view.entries:
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "id").text = item.url
        ET.SubElement(entry, "title").text = item.title
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": item.url})
        ET.SubElement(entry, "updated").text = _stamp(item.date)
        if item.date:
            ET.SubElement(entry, "published").text = _stamp(item.date)
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = item.maker
        ET.SubElement(entry, "category", {"term": item.category, "label": item.category_label})
        facts = [item.price.replace("\u00a0", " "), item.unit, item.maker, item.region]
        summary = " · ".join(f for f in facts if f)
        ET.SubElement(entry, "summary").text = f"{summary}. {item.summary}" if item.summary else summary
        if item.image is not None:
            ET.SubElement(entry, "link", {"rel": "enclosure", "type": "image/jpeg", "href": item.image})
    return _xml(root)


def export_row(p: Product, maker_name: str, whatsapp: str | None, category: str, region: str, url: str,
               image: str | None, today: date) -> dict[str, Any]:
    """One product's record in the exports, in Indonesian; expired licences left out."""
    certifications = [{"type": c.type, "label": commerce.CERTIFICATION_LABELS[c.type], "number": c.number,
                       "valid_until": c.valid_until.isoformat() if c.valid_until else None}
                      for c in p.certifications_on(today)]
    return {"slug": p.slug, "title": p.title, "category": category, "maker": maker_name, "region": region,
            "district": p.district, "price": p.lowest_price,
            "price_max": p.highest_price if p.highest_price != p.lowest_price else None, "unit": p.unit,
            "certifications": certifications, "url": url, "image": image,
            "whatsapp": "+" + whatsapp if whatsapp else None, "date": p.date.isoformat() if p.date else None}


def export_parts(row: Mapping[str, Any]) -> tuple[str, str]:
    """A row as its piece of `katalog.json` (indented as in the whole file) and its CSV line."""
    text = json.dumps(row, ensure_ascii=False, indent=1)
    return "  " + text.replace("\n", "\n  "), _csv_line(row)


def export_json(parts: Iterable[str], config: SiteConfig, routes: Routes) -> str:
    """`katalog.json`: the site and every product (rows newest first), made from export_parts()."""
    head = {"$schema": routes.absolute_asset("katalog.schema.json"), "version": 1,  # issue 14: published schema
            "site": config.title, "organisation": config.organisation, "url": routes.absolute("home"),
            "currency": "IDR"}
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    rows = ",\n".join(parts)
    return f'{text},\n "products": [\n{rows}\n ]\n}}\n' if rows else f'{text},\n "products": []\n}}\n'


def export_csv(lines: Iterable[str]) -> str:
    """RFC 4180 CSV with a UTF-8 byte-order mark, so spreadsheet programs read the accents."""
    return "\ufeff" + _csv_line(None) + "".join(lines)


def _csv_line(row: Mapping[str, Any] | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if row is None:
        writer.writerow(COLUMNS)
    else:
        certifications = "; ".join(f"{c['label']}: {c['number']}" for c in row["certifications"])
        writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS[:9]]
                        + [certifications] + ["" if row[c] is None else row[c] for c in COLUMNS[10:]])
    return buffer.getvalue()
