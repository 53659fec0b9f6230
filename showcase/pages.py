"""The pages of a site, one function per kind: what each template's own variable holds.

Each function takes the `ViewBuilder` (views.py), which holds the catalog and the shared view
helpers (texts with their language fallback, pictures, cards, links, pagination), and records
the pages of one entry in one language with `builder.add()`. This module owns which facts each
page shows and in what order; it never renders templates and never writes files.
"""
from __future__ import annotations

import re
from datetime import date
from itertools import chain, islice
from typing import Any, Mapping, Sequence

from markupsafe import Markup

from . import commerce, offline, qr, search, structured, views
from .model import Category, Certification, Entry, Maker, Page, Product, Region
from .state import pickled_digest
from .views import (NEWEST_COUNT, RELATED_COUNT, SIZES_CARD, SIZES_COVER, SIZES_HERO, SIZES_LOGO, Contact,
                    Link, ViewBuilder, _ordered, count, format_date, plain_text)


def home(b: ViewBuilder, lang: str, t: Mapping[str, str]) -> None:
    newest = b.newest()
    featured = [p for p in newest if p.featured]
    regions = [{"name": b.title(r, lang), "url": b.routes.href("region", r.slug, lang),
                "summary": b.text(r, lang, "summary")[0],
                "image": b.picture(r.cover, lang, SIZES_CARD, entry=r),
                "count": count(t, len(b.of("region", r.slug)))}
               for r in b.catalog.regions]
    categories = [{"name": b.title(c, lang), "url": b.routes.href("category", c.slug, lang),
                   "summary": b.text(c, lang, "summary")[0],
                   "count": count(t, len(b.of("category", c.slug)))}
                  for c in _ordered(b.catalog.categories)]
    featured_cards = [b.card(p, lang, t, eager=i == 0) for i, p in enumerate(featured)]
    home = {"featured": featured_cards, "newest": b.cards(newest[:NEWEST_COUNT], lang, t),
            "regions": regions, "categories": categories, "intro": Markup("")}
    url = b.routes.absolute("home", None, lang)
    title, description = b.config.text("title", lang), b.config.text("description", lang)
    organisation = structured.organisation(
        b.config.text("organisation", lang) or title, b.routes.absolute("home", None, "id"),
        b.image_url(b.catalog.logo), b.config.contact_whatsapp, b.config.contact_email)
    jsonld = structured.graph(structured.website(title, url, lang, description, organisation["@id"]), organisation)
    b.add("home.html", "home", None, lang, "home", title, description, [], {"home": home}, None, jsonld)


def product(b: ViewBuilder, p: Product, lang: str, t: Mapping[str, str]) -> None:
    title, fallback = b.text(p, lang, "title")
    body, body_fallback = b.body(p, lang)
    maker = b.catalog.maker[p.maker]
    region = b.catalog.region[p.region]
    category = b.catalog.category[p.category]
    price = b.price(p, t)
    number = maker.whatsapp or b.config.contact_whatsapp
    absolute = b.routes.absolute("product", p.slug, lang)
    order_url = commerce.whatsapp_link(number, commerce.order_message(
        t["order_message"], title, price, absolute)) if number else None
    certifications = [certification(c, lang, t, b.today) for c in sorted(
        p.certifications, key=lambda c: bool(c.valid_until and c.valid_until < b.today))]  # expired last
    related = related_products(b, p)
    summary = b.text(p, lang, "summary")[0]
    description = summary or plain_text(body)
    photos = [b.routes.absolute_asset(structured.largest_jpeg(b.plans[str(i.source)]))
              for i in p.images if str(i.source) in b.plans]
    jsonld = structured.graph(structured.product(p, title, description, absolute, b.title(category, lang),
                                                 photos, b.business_ld(maker, lang), lang))
    view = {
        "title": title, "summary": summary, "body": body, "price": price,
        "has_price": p.price is not None, "unit": b.text(p, lang, "unit")[0],
        "images": [b.picture(img, lang, SIZES_HERO, i == 0, i, p) for i, img in enumerate(p.images)
                   if str(img.source) in b.plans],
        "maker": b.link(maker, lang), "region": b.link(region, lang), "district": p.district,
        "category": b.link(category, lang), "certifications": certifications,
        "tags": list(b.text(p, lang, "tags")[0] or ()), "order_url": order_url,
        "marketplaces": [Link(m.label, m.url) for m in p.marketplaces],
        "date": format_date(p.date, lang) if p.date else None,
        "related": b.cards(related, lang, t),
        "lang": "id" if fallback else None,
        "qr": qr.svg(absolute, t["qr_label"].format(title=title), b.qr_codes), "url": views.breakable_url(absolute),
    }
    crumbs = [Link(t["nav_products"], b.routes.href("product", None, lang)),
              b.link(category, lang), Link(title, "")]
    b.add("product.html", "product", p.slug, lang, p.display, title, description, crumbs,
             {"product": view}, "id" if (fallback or body_fallback) else None, jsonld,
             b.og_product(p, lang, title))


def certification(c: Certification, lang: str, t: Mapping[str, str], today: date) -> dict[str, Any]:
    """A licence badge: its name, what it means, its number and date; an expired one says so
    (a visitor buying food should see that its licence lapsed, not a silently missing badge)."""
    expired = c.valid_until is not None and c.valid_until < today
    day = format_date(c.valid_until, lang) if c.valid_until else None
    return {"label": commerce.CERTIFICATION_LABELS[c.type], "kind": c.type, "number": c.number,
            "about": t["cert_about_" + c.type.replace("-", "_")],
            "valid_until": None if expired else day,
            "expired": t["cert_expired"].format(date=day) if expired else None}


def related_products(b: ViewBuilder, p: Product) -> list[Product]:
    """Up to RELATED_COUNT others: the newest of the same category, then of the same region."""
    same_category = (o for o in b.of("category", p.category) if o.slug != p.slug)
    same_region = (o for o in b.of("region", p.region) if o.slug != p.slug and o.category != p.category)
    return list(islice(chain(same_category, same_region), RELATED_COUNT))  # stops at the 4th


def product_inputs(b: ViewBuilder, p: Product, lang: str) -> str:
    """A digest of everything product() reads for p in lang: the site-wide values, the product,
    its maker (and the maker's region and logo), region and category, its bodies, photos and share
    image, and each related product's card. When it is unchanged, so is the page's context, and
    the page need not be built again. Keep it in step with product() and ViewBuilder.card()."""
    d, maker = b.digest, b.catalog.maker[p.maker]

    def plan(image: Any) -> str:
        found = b.plans.get(str(image.source)) if image is not None else None
        return d(found) if found is not None else "-"

    related = [(d(o), d(b.catalog.maker[o.maker]), d(b.catalog.region[o.region]),
                plan(o.images[0] if o.images else None)) for o in related_products(b, p)]
    parts = (b.site_inputs(lang), d(p), d(maker), d(b.catalog.region[maker.region]), d(b.catalog.region[p.region]),
             d(b.catalog.category[p.category]), b.bodies.get((p.kind, p.slug, lang)),
             b.bodies.get((p.kind, p.slug, "id")), [plan(i) for i in p.images], plan(maker.logo),
             repr(b.shares.get((p.slug, lang))), related)
    return pickled_digest(parts)


def region(b: ViewBuilder, r: Region, lang: str, t: Mapping[str, str]) -> None:
    """A region's products grouped by district, in the order of `districts:` (products of no
    listed district last, under "other products"), newest first within a district, and that
    sequence cut into pages of views.PER_PAGE. Each page shows the district headings of the products
    on it (a district cut by a page break is headed on both pages); page 1 also lists every
    district with its count, linked to the page where its products start."""
    name, fallback = b.text(r, lang, "name")
    body, body_fallback = b.body(r, lang)
    products = b.of("region", r.slug)
    position = {d: i for i, d in enumerate(r.districts)}
    ordered = sorted(products, key=lambda p: position.get(p.district or "", len(position)))  # stable
    pages = b.chunks(ordered)
    total = len(pages)
    starts: dict[str, int] = {}
    for number, shown in enumerate(pages, 1):
        for p in shown:
            starts.setdefault(p.district or "", number)
    anchors = {d: "kec-" + re.sub(r"[^a-z0-9]+", "-", d.lower()).strip("-") for d in r.districts}
    counts = {d: sum(1 for p in products if p.district == d) for d in r.districts}

    def chip_url(d: str) -> str:
        start = starts[d]
        return ("" if start == 1 else b.routes.href("region", r.slug, lang, start)) + "#" + anchors[d]

    # Only districts with products are linked; the others are named once, in one sentence.
    index = [{"name": d, "anchor": anchors[d], "count": counts[d], "url": chip_url(d)} for d in r.districts
             if counts[d]]
    empty = [d for d in r.districts if not counts[d]]
    without = t["districts_without_products"].format(names=", ".join(empty)) if empty else ""
    makers = [b.link(m, lang) for m in b.catalog.makers if m.region == r.slug]
    summary = b.text(r, lang, "summary")[0]
    for number, shown in enumerate(pages, 1):
        districts = [{"name": d, "anchor": anchors[d],
                      "products": b.cards([p for p in shown if p.district == d], lang, t)}
                     for d in r.districts if any(p.district == d for p in shown)]
        view = {"name": name, "short_name": b.text(r, lang, "short_name")[0], "province": r.province,
                "kind": t["kind_" + r.region_kind], "summary": summary,
                "body": body if number == 1 else Markup(""),
                "cover": b.picture(r.cover, lang, SIZES_COVER, True, 0, r) if number == 1 else None,
                "district_index": index if number == 1 else [], "districts": districts,
                "districts_without_products": without if number == 1 else "",
                "other_products": b.cards([p for p in shown if p.district not in position], lang, t),
                "makers": makers if number == 1 else [], "count": count(t, len(products))}
        b.add("region.html", "region", r.slug, lang, r.display, b.paged_title(name, t, number, total),
                 summary or plain_text(body),
                 b.paged_crumbs("region", r.slug, lang, t, "nav_regions", name, number),
                 {"region": view, "pagination": b.pagination("region", lang, t, number, total, r.slug)},
                 "id" if (fallback or body_fallback) else None)


def category(b: ViewBuilder, c: Category, lang: str, t: Mapping[str, str]) -> None:
    """A category's products, newest first, in pages of views.PER_PAGE; the text on page 1 only."""
    name, fallback = b.text(c, lang, "name")
    body, body_fallback = b.body(c, lang)
    products = b.of("category", c.slug)
    summary = b.text(c, lang, "summary")[0]
    pages = b.chunks(products)
    total = len(pages)
    for number, shown in enumerate(pages, 1):
        view = {"name": name, "summary": summary, "body": body if number == 1 else Markup(""),
                "products": b.cards(shown, lang, t), "count": count(t, len(products))}
        b.add("category.html", "category", c.slug, lang, c.display, b.paged_title(name, t, number, total),
                 summary or plain_text(body),
                 b.paged_crumbs("category", c.slug, lang, t, "nav_categories", name, number),
                 {"category": view, "pagination": b.pagination("category", lang, t, number, total, c.slug)},
                 "id" if (fallback or body_fallback) else None)


def maker(b: ViewBuilder, m: Maker, lang: str, t: Mapping[str, str]) -> None:
    """A maker's page: the head (name, region, order buttons) on every page, the story,
    contacts, QR code and JSON-LD on page 1, the products newest first in pages of views.PER_PAGE."""
    name, fallback = b.text(m, lang, "name")
    body, body_fallback = b.body(m, lang)
    region = b.catalog.region[m.region]
    contact = []
    if m.whatsapp:
        contact.append(Contact(t["contact_whatsapp"], commerce.display_phone(m.whatsapp), commerce.whatsapp_link(m.whatsapp),
                               "whatsapp"))
    if m.phone:
        contact.append(Contact(t["contact_phone"], commerce.display_phone(m.phone), "tel:+" + m.phone, "phone"))
    if m.email:
        contact.append(Contact(t["contact_email"], m.email, "mailto:" + m.email, "email"))
    if m.instagram:
        contact.append(Contact("Instagram", "@" + m.instagram, f"https://www.instagram.com/{m.instagram}/",
                               "instagram"))
    if m.website:
        contact.append(Contact(t["contact_website"], m.website, m.website, "website"))
    if m.address:
        contact.append(Contact(t["contact_address"], m.address, None, "address"))
    products = b.of("maker", m.slug)
    summary = b.text(m, lang, "summary")[0]
    description = summary or plain_text(body)
    absolute = b.routes.absolute("maker", m.slug, lang)
    logo_url = b.image_url(m.logo)
    pages = b.chunks(products)
    total = len(pages)
    for number, shown in enumerate(pages, 1):
        first = number == 1
        view = {"name": name, "summary": summary, "body": body if first else Markup(""),
                "logo": b.picture(m.logo, lang, SIZES_LOGO, True, 0, None), "region": b.link(region, lang),
                "district": m.district, "since": m.since, "contact": contact if first else [],
                "order_url": commerce.whatsapp_link(m.whatsapp, commerce.order_message(
                    t["order_message_maker"], name, "", absolute)) if m.whatsapp else None,
                "marketplaces": [Link(x.label, x.url) for x in m.marketplaces],
                "products": b.cards(shown, lang, t),
                "qr": qr.svg(absolute, t["qr_label"].format(title=name), b.qr_codes) if first else None,
                "url": views.breakable_url(absolute)}
        b.add("maker.html", "maker", m.slug, lang, m.display, b.paged_title(name, t, number, total),
                 description, b.paged_crumbs("maker", m.slug, lang, t, "nav_makers", name, number),
                 {"maker": view, "pagination": b.pagination("maker", lang, t, number, total, m.slug)},
                 "id" if (fallback or body_fallback) else None,
                 structured.graph(b.business_ld(m, lang, description)) if first else None,
                 {"image": logo_url, "image_alt": name} if logo_url else None)


def content_page(b: ViewBuilder, page: Page, lang: str, t: Mapping[str, str]) -> None:
    title, fallback = b.text(page, lang, "title")
    body, body_fallback = b.body(page, lang)
    b.add("page.html", "page", page.slug, lang, page.display, title,
             b.text(page, lang, "summary")[0] or plain_text(body), [Link(title, "")],
             {"content": {"title": title, "body": body}}, "id" if (fallback or body_fallback) else None)


def offline_page(b: ViewBuilder, lang: str, t: Mapping[str, str]) -> None:
    """What the service worker shows for a page not saved: the pages that are, as links."""
    makers = sorted(b.catalog.makers, key=lambda m: m.name.casefold())
    products = sorted(b.catalog.products, key=lambda p: b.title(p, lang).casefold())
    groups = [(t["nav_categories"], "category", _ordered(b.catalog.categories)),
              (t["nav_regions"], "region", b.catalog.regions), (t["nav_makers"], "maker", makers),
              (t["nav_products"], "product", products)]
    default = b.config.languages[0]  # its pages are saved on the first visit; others as they are read
    view = {"title": t["offline_title"], "text": t["offline_text"], "retry": t["offline_retry"],
            "groups": [{"title": title, "url": b.routes.href(kind, None, lang),
                        "links": [b.link(e, lang) for e in entries]}
                       for title, kind, entries in groups if entries],
            "saved_elsewhere": None if lang == default else Link(
                t["offline_in_default"], b.routes.href("page", offline.OFFLINE_SLUG, default))}
    b.add("offline.html", "page", offline.OFFLINE_SLUG, lang, "templates/offline.html",
             t["offline_title"], t["offline_text"], [], {"offline": view})


def listings(b: ViewBuilder, lang: str, t: Mapping[str, str]) -> None:
    groups: list[tuple[str, str, Sequence[Entry]]] = [
        ("product", "products", ()),
        ("region", "regions", b.catalog.regions),
        ("category", "categories", _ordered(b.catalog.categories)),
        ("maker", "makers", sorted(b.catalog.makers, key=lambda m: m.name.casefold())),
    ]
    for kind, name, entries in groups:
        items = []
        for entry in entries:
            image = getattr(entry, "cover", None) or getattr(entry, "logo", None)
            meta = count(t, len(b.of(kind, entry.slug)))
            if isinstance(entry, Maker):
                meta = f"{b.text(b.catalog.region[entry.region], lang, 'short_name')[0]} · {meta}"
            items.append({"title": b.title(entry, lang), "url": b.routes.href(kind, entry.slug, lang),
                          "summary": b.text(entry, lang, "summary")[0],
                          "image": b.picture(image, lang, SIZES_CARD, entry=None), "meta": meta})
        title = t[f"nav_{name}"]
        listed: Sequence[Any] = b.newest() if kind == "product" else items
        total = max(1, -(-len(listed) // views.PER_PAGE))
        for number in range(1, total + 1):
            shown = listed[(number - 1) * views.PER_PAGE:number * views.PER_PAGE]
            cards = b.cards(shown, lang, t) if kind == "product" else []
            view = {"title": title, "intro": t[f"intro_{name}"], "kind": name,
                    "items": [] if kind == "product" else shown, "cards": cards}
            paging = b.pagination(kind, lang, t, number, total)
            crumbs = [Link(title, "")] if number == 1 else [
                Link(title, b.routes.href(kind, None, lang)), Link(t["page_number"].format(n=number), "")]
            b.add("listing.html", kind, None, lang, f"listing {name}",
                     title if number == 1 else f"{title} · {t['page_of'].format(n=number, total=total)}",
                     t[f"intro_{name}"], crumbs, {"listing": view, "pagination": paging})


def search_page(b: ViewBuilder, lang: str, t: Mapping[str, str]) -> None:
    """The search page: a form search.js fills from the index, and links to browse without it."""
    view = {"index": b.routes.asset(f"{search.INDEX_DIR}/{lang}/{search.MANIFEST}"),
            "scope": b.routes.base_path, "script": b.assets.get("search", ""),
            "prefetch": search.PREFETCH_BYTES,
            "filters": [{"name": name, "label": t[key]} for name, key in (
                ("region", "region"), ("category", "category"), ("district", "district"),
                ("cert", "certifications"), ("price", "price"))],
            "sorts": [{"value": v, "label": t["sort_" + v.replace("-", "_")]}
                      for v in ("relevance", "newest", "price-asc", "price-desc")],
            "categories": [b.link(c, lang) for c in _ordered(b.catalog.categories)],
            "regions": [b.link(r, lang) for r in b.catalog.regions]}
    b.add("search.html", "search", None, lang, "templates/search.html", t["search_title"],
             t["search_intro"], [Link(t["search_title"], "")], {"search": view})
