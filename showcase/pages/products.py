"""The product page: photos, price and unit, maker, region, licences, the order button, related products.

One page per product and language (`/produk/<slug>/`, `/en/products/<slug>/`).
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import commerce, market, share, structured
from ..qr import Code as QrCode
from datetime import date
from typing import Any

from ..model import Certification
from ..views import (MONTHS, SIZES_HERO, Card, Link, Page, Picture, Spec, Views, breakable_url, format_date,
                     plain_text)
from . import Context, Kind, aliases, order, parts, register


@dataclass(frozen=True)
class Certificate:
    label: str
    number: str
    kind: str
    about: str
    valid_until: str | None
    expired: str | None  # "expired on …" for a lapsed licence: a visitor buying food should see that


@dataclass(frozen=True)
class ProductView:
    title: str
    summary: str
    body: Markup
    price: str
    has_price: bool
    unit: str | None
    images: tuple[Picture, ...]
    maker: Link
    region: Link
    district: str | None
    category: Link
    certifications: tuple[Certificate, ...]
    tags: tuple[str, ...]
    order_url: str | None
    marketplaces: tuple[Link, ...]
    date: str | None
    related: tuple[Card, ...]
    lang: str | None
    qr: QrCode
    url: Markup
    availability: str
    badge: market.Badge | None
    variants: tuple[market.VariantRow, ...]
    details: tuple[market.Fact, ...]
    trade: tuple[market.Fact, ...]
    galleries: tuple[Link, ...]
    slug: str
    min_order: int  # the quantity an order-list button adds first
    maker_slug: str = ""  # names the maker in counted events (analytics:)


def certificate(c: Certification, lang: str, t: Any, today: date) -> Certificate:
    """A licence badge: its name, what it means, its number and date; an expired one says so."""
    day = format_date(c.valid_until, lang) if c.valid_until else None
    expired = not c.valid_on(today)
    return Certificate(commerce.CERTIFICATION_LABELS[c.type], c.number, c.type,
                       t["cert_about_" + c.type.replace("-", "_")], None if expired else day,
                       t["cert_expired"].format(date=day) if expired else None)


def plan(ctx: Context, slug: str) -> list[Spec]:
    """A product's page in every language, and its parts of the site-wide files."""
    if ctx.inputs.entry("product", slug) is None:
        return []
    pages = [ctx.spec("product", f"product/{slug}", lang, slug) for lang in ctx.config.languages]
    return pages + parts.plan(ctx, slug) + order.plan_entries(ctx, slug) + aliases.specs(ctx, "product", slug)


def build(v: Views, spec: Spec) -> Page:
    p = v.entry("product", spec.argument)
    lang, t = spec.lang, v.t
    title, fallback = v.text(p, "title")
    body, body_fallback = v.body(p)
    maker = v.entry("maker", p.maker)
    region = v.entry("region", p.region)
    category = v.entry("category", p.category)
    price = v.price(p)
    number = maker.whatsapp or v.config.contact_whatsapp
    absolute = v.routes.absolute("product", p.slug, lang)
    order_url = commerce.whatsapp_link(number, commerce.order_message(
        t["order_message"], title, price, absolute)) if number else None
    today = v.inputs.today() if p.certifications else None
    certifications = tuple(certificate(c, lang, t, today) for c in sorted(  # expired ones last
        p.certifications, key=lambda c: not c.valid_on(today))) if today else ()
    summary = v.text(p, "summary")[0]
    description = summary or plain_text(body)
    plans = [v.inputs.plan(i) for i in p.images]
    photos = [v.routes.absolute_asset(structured.largest_jpeg(plan)) for plan in plans if plan is not None]
    # Only a seasonal product's month or a pre-order's ready date depend on the build date: other
    # pages do not read it, so a new day does not rebuild them.
    day = v.inputs.today() if p.depends_on_date() else date.min
    state = market.product_state(p, day)
    variants = market.variant_rows(p, lang, t, day)
    jsonld = structured.graph(structured.product(p, title, description, absolute, v.title(category),
                                                 photos, v.business_ld(maker), lang, day, variants))
    share_plan = share.plan(p.slug, plans[0], title, price) if plans and plans[0] is not None else None
    view = ProductView(
        title=title, summary=summary, body=body, price=price, has_price=p.lowest_price is not None,
        unit=v.text(p, "unit")[0],
        images=tuple(pic for i, img in enumerate(p.images)
                     if (pic := v.picture(img, SIZES_HERO, i == 0, i, p)) is not None),
        maker=v.link(maker), region=v.link(region), district=p.district, category=v.link(category),
        certifications=certifications, tags=tuple(v.text(p, "tags")[0] or ()), order_url=order_url,
        marketplaces=tuple(Link(m.label, m.url) for m in p.marketplaces),
        date=format_date(p.date, lang) if p.date else None, related=v.cards(v.inputs.related(p.slug)),
        lang="id" if fallback else None, qr=QrCode(absolute, t["qr_label"].format(title=title)),
        url=breakable_url(absolute),
        availability=market.availability_text(p, state, t, MONTHS[lang] if lang in MONTHS else MONTHS["en"]),
        badge=market.badge(state, t), variants=variants, details=market.details(p, lang, t),
        trade=market.trade_terms(p, t),
        slug=p.slug, min_order=p.min_order or 1, maker_slug=p.maker,
        galleries=tuple(v.link(g) for g in (v.entry("gallery", s) for s in p.available_at) if g is not None))
    crumbs = [Link(t["nav_products"], v.routes.href("product", None, lang)), v.link(category), Link(title, "")]
    return v.page(spec, "product.html", "product", view, title, description, crumbs, slug=p.slug,
                  content_lang="id" if (fallback or body_fallback) else None, jsonld=jsonld,
                  og=v.og_product(p, title, share_plan), lastmod=p.date, share=share_plan,
                  photo=p.images[0] if p.images else None)


register(Kind("product", plan, build), entry_owned=True)
