"""The printable catalogue: `/katalog/` for the whole site and `/katalog/<region>/` per region.

Owns what an exhibition booth prints on A4: every product of a region (or of the whole site,
region after region, up to WHOLE_LIMIT products) with its photo, price, unit, maker and WhatsApp number, its licences and a
QR code of its page, ordered by category then name so a visitor finds things as on the shelf.
It builds view values through the `ViewBuilder` it is given, like every page; layout and page
breaks live in the theme's print CSS (`templates/catalogue.html`, `site.css`).
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Mapping

from . import commerce, qr
from .model import Product, Region
from .views import Link, breakable_url, count, format_date

if TYPE_CHECKING:
    from .views import ViewBuilder

SIZES = "(min-width: 700px) 320px, 45vw"
WHOLE_LIMIT = 500
"""Past this many products the whole-site catalogue only links the regions' catalogues: 500
products already fill some 80 A4 sheets, and a page of thousands (30 MB of HTML at 10,000) opens
on no phone and prints on no booth's printer."""


def add_pages(builder: ViewBuilder, lang: str, t: Mapping[str, str]) -> None:
    """The whole-site catalogue and one per region that has products, in one language."""
    regions = [r for r in builder.catalog.regions if builder.of("region", r.slug)]
    links = [{"label": builder.title(r, lang), "url": builder.routes.href("catalogue", r.slug, lang),
              "count": count(t, len(builder.of("region", r.slug)))} for r in regions]
    sections = [section(builder, r, lang, t) for r in regions]
    whole = len(builder.catalog.products) <= WHOLE_LIMIT
    _add(builder, None, lang, t, t["catalogue_title"], sections if whole else [], links,
         t["catalogue_intro"] if whole else t["catalogue_too_large"].format(n=WHOLE_LIMIT))
    for region, one in zip(regions, sections):
        name = builder.title(region, lang)
        _add(builder, region, lang, t, f"{t['catalogue_title']} · {name}", [one], links, t["catalogue_intro"])


def section(builder: ViewBuilder, region: Region, lang: str, t: Mapping[str, str]) -> dict[str, Any]:
    """A region's products as catalogue items, by category order then name."""
    order = {c.slug: (c.order, c.name.casefold()) for c in builder.catalog.categories}
    products = sorted(builder.of("region", region.slug),
                      key=lambda p: (order[p.category], builder.title(p, lang).casefold(), p.slug))
    return {"title": builder.title(region, lang), "province": region.province,
            "items": [item(builder, p, lang, t) for p in products]}


def item(builder: ViewBuilder, p: Product, lang: str, t: Mapping[str, str]) -> dict[str, Any]:
    """One product on paper: everything a visitor needs to order without the website."""
    title, fallback = builder.text(p, lang, "title")
    maker = builder.catalog.maker[p.maker]
    number = maker.whatsapp or builder.config.contact_whatsapp
    url = builder.routes.absolute("product", p.slug, lang)
    picture = builder.picture(p.images[0], lang, SIZES, True, 0, p) if p.images else None
    if picture is not None:  # every photo must be loaded before printing; none of them is urgent
        picture = dataclasses.replace(picture, fetchpriority="auto")
    return {
        "title": title, "url": builder.routes.href("product", p.slug, lang), "address": breakable_url(url),
        "price": builder.price(p, t), "has_price": p.price is not None,
        "unit": commerce.unit_text(builder.text(p, lang, "unit")[0]), "image": picture,
        "category": builder.title(builder.catalog.category[p.category], lang),
        "maker": builder.title(maker, lang), "district": p.district,
        "whatsapp": commerce.display_phone(number) if number else None,
        "certifications": [commerce.CERTIFICATION_LABELS[c.type] for c in p.certifications
                           if not (c.valid_until and c.valid_until < builder.today)],
        "qr": qr.svg(url, t["qr_label"].format(title=title), builder.qr_codes), "lang": "id" if fallback else None,
    }


def _add(builder: ViewBuilder, region: Region | None, lang: str, t: Mapping[str, str], title: str,
         sections: list[dict[str, Any]], links: list[dict[str, str]], intro: str) -> None:
    slug = region.slug if region else None
    products = builder.of("region", region.slug) if region else list(builder.catalog.products)
    newest = max((p.date for p in products if p.date), default=None)
    home = builder.routes.absolute("home", None, lang)
    view = {
        "title": title, "site": builder.config.text("title", lang),
        "organisation": builder.config.text("organisation", lang),
        "intro": intro, "sections": sections,
        "as_of": t["catalogue_as_of"].format(date=format_date(newest, lang)) if newest else None,
        "regions": [{**link, "current": link["url"] == builder.routes.href("catalogue", slug, lang)}
                    for link in links],
        "whole": {"label": t["catalogue_whole"], "url": builder.routes.href("catalogue", None, lang),
                  "current": region is None},
        "home": breakable_url(home),
        "qr": qr.svg(home, t["qr_label"].format(title=builder.config.text("title", lang)), builder.qr_codes),
    }
    crumbs = [Link(t["catalogue"], builder.routes.href("catalogue", None, lang))] if region else []
    crumbs.append(Link(builder.title(region, lang) if region else t["catalogue"], ""))
    builder.add("catalogue.html", "catalogue", slug, lang, f"catalogue {slug or 'all'}", title,
                t["catalogue_intro"], crumbs, {"catalogue": view})
