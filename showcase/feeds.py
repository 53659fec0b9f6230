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
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any, Iterable, Mapping, Sequence

from . import commerce
from .config import SiteConfig
from .images import ImagePlan
from .model import Catalog, Product
from .routes import EXPORTS, ROBOTS, SITEMAP, Routes
from .strings import strings_for
from .structured import largest_jpeg
from .views import PageOut
from .writer import Staging

FEED_SIZE = 30
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ATOM_NS = "http://www.w3.org/2005/Atom"
EPOCH = date(1970, 1, 1)
COLUMNS = ("slug", "title", "category", "maker", "region", "district", "price", "price_max", "unit",
           "certifications", "url", "image", "whatsapp")


def write(staging: Staging, config: SiteConfig, routes: Routes, catalog: Catalog,
          plans: Mapping[str, ImagePlan], pages: Sequence[PageOut], today: date) -> None:
    """Write sitemap, robots.txt, one feed per language and both exports into staging."""
    staging.write_text(SITEMAP, sitemap(pages, product_dates(catalog, routes)))
    staging.write_text(ROBOTS, robots(routes))
    for lang in config.languages:
        staging.write_text(Routes.feed(lang), feed(pages, catalog, routes, plans, config, lang))
    rows = export_rows(catalog, routes, plans, config, today)
    json_name, csv_name = EXPORTS
    staging.write_text(json_name, export_json(rows, config, routes))
    staging.write_text(csv_name, export_csv(rows))


def product_dates(catalog: Catalog, routes: Routes) -> dict[str, date]:
    """Canonical URL of every product page in every language -> the product's date."""
    return {routes.absolute("product", p.slug, lang): p.date
            for p in catalog.products if p.date for lang in routes.languages}


def listed(pages: Iterable[PageOut]) -> list[Mapping[str, Any]]:
    """The `page` variable of every page a search engine should know: all with alternates
    (404 and the offline fallback have none)."""
    return [p.context["page"] for p in pages if p.context["page"].get("alternates")]


def _xml(root: ET.Element) -> str:
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def sitemap(pages: Iterable[PageOut], dates: Mapping[str, date]) -> str:
    """Every listed page once, in build order, with its language alternates. Written as text (the
    same bytes ElementTree's indented output gives, see the feeds tests) because a sitemap of
    tens of thousands of pages is built on every rebuild."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    for page in listed(pages):
        lines += [" <url>", f"  <loc>{_text(page['canonical'])}</loc>"]
        if page["canonical"] in dates:
            lines.append(f"  <lastmod>{dates[page['canonical']].isoformat()}</lastmod>")
        lines += [f'  <xhtml:link rel="alternate" hreflang="{_attribute(a["lang"])}" href="{_attribute(a["url"])}" />'
                  for a in page["alternates"]]
        lines.append(" </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return (_text(value).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#09;"))


def robots(routes: Routes) -> str:
    """Allow everything and name the sitemap (only an absolute URL is valid there)."""
    lines = ["User-agent: *", "Allow: /", ""]
    if routes.origin:
        lines.append(f"Sitemap: {routes.absolute_asset(SITEMAP)}")
    return "\n".join(lines) + "\n"


def _stamp(day: date | None) -> str:
    return f"{(day or EPOCH).isoformat()}T00:00:00Z"


def newest(products: Iterable[Product]) -> list[Product]:
    """Newest first, undated last, ties by slug: the same order as the site's listings."""
    return sorted(products, key=lambda p: (-(p.date or date.min).toordinal(), p.slug))


def feed(pages: Sequence[PageOut], catalog: Catalog, routes: Routes, plans: Mapping[str, ImagePlan],
         config: SiteConfig, lang: str) -> str:
    """An Atom feed of the newest products in one language, with the texts their pages show."""
    t = strings_for(lang)
    views = {p.context["page"]["canonical"]: p.context["product"] for p in pages
             if "product" in p.context and p.context["page"]["lang"] == lang}
    chosen = [p for p in newest(catalog.products) if routes.absolute("product", p.slug, lang) in views]
    chosen = chosen[:FEED_SIZE]
    home = routes.absolute("home", None, lang)
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": lang})
    ET.SubElement(root, "id").text = routes.absolute_asset(Routes.feed(lang))
    ET.SubElement(root, "title").text = f"{config.text('title', lang)} · {t['feed']}"
    if config.text("tagline", lang):
        ET.SubElement(root, "subtitle").text = config.text("tagline", lang)
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml",
                                 "href": routes.absolute_asset(Routes.feed(lang))})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": home})
    ET.SubElement(root, "updated").text = _stamp(max((p.date for p in chosen if p.date), default=None))
    ET.SubElement(ET.SubElement(root, "author"), "name").text = (config.text("organisation", lang)
                                                                  or config.text("title", lang))
    for product in chosen:
        url = routes.absolute("product", product.slug, lang)
        view = views[url]
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "id").text = url
        ET.SubElement(entry, "title").text = view["title"]
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": url})
        ET.SubElement(entry, "updated").text = _stamp(product.date)
        if product.date:
            ET.SubElement(entry, "published").text = _stamp(product.date)
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = view["maker"].label
        ET.SubElement(entry, "category", {"term": product.category, "label": view["category"].label})
        facts = [view["price"].replace("\u00a0", " "), view["unit"], view["maker"].label, view["region"].label]
        summary = " · ".join(f for f in facts if f)
        ET.SubElement(entry, "summary").text = f"{summary}. {view['summary']}" if view["summary"] else summary
        plan = plans.get(str(product.images[0].source)) if product.images else None
        if plan is not None:
            ET.SubElement(entry, "link", {"rel": "enclosure", "type": "image/jpeg",
                                          "href": routes.absolute_asset(largest_jpeg(plan))})
    return _xml(root)


def export_rows(catalog: Catalog, routes: Routes, plans: Mapping[str, ImagePlan], config: SiteConfig,
                today: date) -> list[dict[str, Any]]:
    """One record per product, in Indonesian, newest first; expired licences left out."""
    rows = []
    for p in newest(catalog.products):
        maker = catalog.maker[p.maker]
        plan = plans.get(str(p.images[0].source)) if p.images else None
        number = maker.whatsapp or config.contact_whatsapp
        certifications = [{"type": c.type, "label": commerce.CERTIFICATION_LABELS[c.type], "number": c.number,
                           "valid_until": c.valid_until.isoformat() if c.valid_until else None}
                          for c in p.certifications if not (c.valid_until and c.valid_until < today)]
        rows.append({
            "slug": p.slug, "title": p.title, "category": catalog.category[p.category].name,
            "maker": maker.name, "region": catalog.region[p.region].name, "district": p.district,
            "price": p.price, "price_max": p.price_max, "unit": p.unit, "certifications": certifications,
            "url": routes.absolute("product", p.slug, "id"),
            "image": routes.absolute_asset(largest_jpeg(plan)) if plan else None,
            "whatsapp": "+" + number if number else None,
            "date": p.date.isoformat() if p.date else None,
        })
    return rows


def export_json(rows: Sequence[Mapping[str, Any]], config: SiteConfig, routes: Routes) -> str:
    document = {"site": config.title, "organisation": config.organisation, "url": routes.absolute("home"),
                "currency": "IDR", "products": list(rows)}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def export_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    """RFC 4180 CSV with a UTF-8 byte-order mark, so spreadsheet programs read the accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        certifications = "; ".join(f"{c['label']}: {c['number']}" for c in row["certifications"])
        writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS[:9]]
                        + [certifications] + ["" if row[c] is None else row[c] for c in COLUMNS[10:]])
    return "\ufeff" + buffer.getvalue()
