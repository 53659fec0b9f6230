"""The pages of regions, categories, makers and plain content pages.

A region, category or maker page lists its products newest first, 24 a page, with stable URLs
(`/kategori/batik/halaman/2/`); the entry's own text is on page 1. A region keeps its products
grouped by district.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from .. import commerce, structured
from ..qr import Code as QrCode
from ..inputs import NODES, Inputs
from ..model import Region
from .. import views
from ..views import (SIZES_COVER, SIZES_LOGO, Card, Contact, Link, Page, Picture, Spec, Views, count,
                     breakable_url, pages_of, plain_text, span)
from . import Context, Kind, activities, aliases, catalogue, labels, programs, records, register


# -- regions -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DistrictChip:
    name: str
    anchor: str
    count: int
    url: str | None


@dataclass(frozen=True)
class District:
    name: str
    anchor: str
    products: tuple[Card, ...]


@dataclass(frozen=True)
class RegionView:
    name: str
    short_name: str
    province: str
    kind: str
    summary: str
    body: Markup
    cover: Picture | None
    district_index: tuple[DistrictChip, ...]
    districts_without_products: str
    districts: tuple[District, ...]
    other_products: tuple[Card, ...]
    makers: tuple[Link, ...]
    count: str
    activities: activities.ActivityBlock | None = None  # page 1 only (issue 14)


def plan_region(ctx: Context, slug: str) -> list[Spec]:
    """A region's pages, and its printable catalogue and shelf labels when it has products."""
    if ctx.inputs.entry("region", slug) is None:
        return []
    total = ctx.inputs.count(f"region/{slug}")
    specs = [ctx.spec("region", f"region/{slug}", lang, slug, n)
             for lang in ctx.config.languages for n in range(1, pages_of(total) + 1)]
    if total:
        specs += [spec for lang in ctx.config.languages for part in (catalogue.plan_parts, labels.plan_parts)
                  for spec in part(ctx, slug, lang)]
    return specs + aliases.specs(ctx, "region", slug) + records.plan(ctx, "region", slug)


def district_order(region: Region, inputs: Inputs) -> list[tuple[str, str | None]]:
    """(slug, district) of the region's products grouped by district, in the order of
    `districts:` (products of no listed district last), newest first within a district."""
    position = {d: i for i, d in enumerate(region.districts)}
    members = inputs.members(f"districts/{region.slug}")
    return sorted(members, key=lambda m: position.get(m[1] or "", len(position)))  # stable


Layout = tuple[list[tuple[str, str | None]], dict[str, int], dict[str, int]]


def _layout(inputs: Inputs, slug: str) -> Layout:
    """A region's products in district order, each district's count and the page it starts on:
    the same for every page of the region, so worked out once per process (a large region has
    dozens of pages and thousands of products)."""
    def make() -> Layout:
        return _district_layout(inputs.entry("region", slug), inputs)
    return inputs.remember(("region layout", slug), make)  # type: ignore[no-any-return]


def region_page(inputs: Inputs, argument: str) -> tuple[tuple[tuple[str, str | None], ...], int]:
    """The derived value `region-page/<slug>@<n>`: the (slug, district) pairs page n of a region
    shows and the region's page count. A later page reads this, not the whole layout, so a
    product added or removed is made again only on the pages it shifts."""
    slug, _, number = argument.rpartition("@")
    ordered = _layout(inputs, slug)[0]
    start, stop = span(int(number))
    return tuple(ordered[start:stop]), pages_of(len(ordered))


NODES["region-page"] = region_page


def _district_layout(r: Region, inputs: Inputs) -> Layout:
    ordered = district_order(r, inputs)
    counts = dict.fromkeys(r.districts, 0)
    starts: dict[str, int] = {}
    for index, (_, district) in enumerate(ordered):
        if district in counts:
            counts[district] += 1
        starts.setdefault(district or "", index // views.PER_PAGE + 1)
    return ordered, counts, starts


def build_region(v: Views, spec: Spec) -> Page:
    """Each page shows the district headings of the products on it (a district cut by a page
    break is headed on both pages); page 1 also lists every district with its count, linked to
    the page where its products start."""
    r: Region = v.entry("region", spec.argument)
    lang, t, number = spec.lang, v.t, spec.number
    name, fallback = v.text(r, "name")
    body, body_fallback = v.body(r)
    if number == 1:  # the district index: every district's count and first page
        ordered, counts, starts = _layout(v.inputs, r.slug)
        shown, total = tuple(ordered[:views.PER_PAGE]), pages_of(len(ordered))
    else:
        shown, total = v.inputs.node(f"region-page/{r.slug}@{number}")
        counts, starts = {}, {}
    anchors = {d: "kec-" + re.sub(r"[^a-z0-9]+", "-", d.lower()).strip("-") for d in r.districts}

    def chip_url(d: str) -> str:
        first = starts[d]
        return ("" if first == 1 else v.routes.href("region", r.slug, lang, first)) + "#" + anchors[d]

    # Only districts with products are linked; the others are named once, in one sentence.
    index = tuple(DistrictChip(d, anchors[d], counts[d], chip_url(d)) for d in r.districts if counts.get(d))
    empty = [d for d in r.districts if not counts.get(d)] if number == 1 else []
    without = t["districts_without_products"].format(names=", ".join(empty)) if empty else ""
    makers = tuple(v.link(v.entry("maker", m)) for m in v.inputs.members("kind/maker")
                   if v.entry("maker", m).region == r.slug) if number == 1 else ()
    districts = tuple(District(d, anchors[d], v.cards([s for s, district in shown if district == d]))
                      for d in r.districts if any(district == d for _, district in shown))
    listed = set(r.districts)
    summary = v.text(r, "summary")[0]
    view = RegionView(name=name, short_name=v.text(r, "short_name")[0], province=r.province,
                      kind=t["kind_" + r.region_kind], summary=summary, body=body if number == 1 else Markup(""),
                      cover=v.picture(r.cover, SIZES_COVER, True, 0, r) if number == 1 else None,
                      district_index=index if number == 1 else (),
                      districts_without_products=without if number == 1 else "", districts=districts,
                      other_products=v.cards([s for s, district in shown if district not in listed]),
                      makers=makers,
                      count=head_count(v, f"region/{r.slug}", number, total),
                      activities=activities.block(v, f"region/{r.slug}", t["act_region"], activities.SHOWN_ON_ENTRY)
                      if number == 1 else None)
    return v.page(spec, "region.html", "region", view, v.paged_title(name, number, total),
                  summary or plain_text(body), v.paged_crumbs("region", r.slug, "nav_regions", name, number),
                  slug=r.slug, pagination=v.pagination("region", number, total, r.slug),
                  content_lang="id" if (fallback or body_fallback) else None, photo=r.cover if number == 1 else None)


def head_count(v: Views, members: str, number: int, total: int) -> str:
    """The line under a paged page's name: the number of products on page 1 ("120 produk"), the
    page's place on later ones ("Halaman 2 dari 5"), which read only the page count, so that a
    product added far from them does not make them again."""
    return count(v.t, v.inputs.count(members)) if number == 1 else v.t["page_of"].format(n=number, total=total)


# -- categories --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CategoryView:
    name: str
    summary: str
    body: Markup
    products: tuple[Card, ...]
    count: str


def plan_category(ctx: Context, slug: str) -> list[Spec]:
    if ctx.inputs.entry("category", slug) is None:
        return []
    total = pages_of(ctx.inputs.count(f"category/{slug}"))
    return [ctx.spec("category", f"category/{slug}", lang, slug, n)
            for lang in ctx.config.languages for n in range(1, total + 1)] \
        + aliases.specs(ctx, "category", slug) + records.plan(ctx, "category", slug)


def build_category(v: Views, spec: Spec) -> Page:
    """A category's products, newest first, in pages of PER_PAGE; the text on page 1 only."""
    c = v.entry("category", spec.argument)
    number = spec.number
    name, fallback = v.text(c, "name")
    body, body_fallback = v.body(c)
    members = f"category/{c.slug}"
    total = v.inputs.pages(members, views.PER_PAGE)
    summary = v.text(c, "summary")[0]
    view = CategoryView(name=name, summary=summary, body=body if number == 1 else Markup(""),
                        products=v.cards(v.inputs.slice(members, *span(number))),
                        count=head_count(v, members, number, total))
    return v.page(spec, "category.html", "category", view, v.paged_title(name, number, total),
                  summary or plain_text(body), v.paged_crumbs("category", c.slug, "nav_categories", name, number),
                  slug=c.slug, pagination=v.pagination("category", number, total, c.slug),
                  content_lang="id" if (fallback or body_fallback) else None)


# -- makers ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MakerView:
    name: str
    summary: str
    body: Markup
    logo: Picture | None
    region: Link
    district: str | None
    since: int | None
    contact: tuple[Contact, ...]
    order_url: str | None
    marketplaces: tuple[Link, ...]
    products: tuple[Card, ...]
    qr: QrCode | None
    url: Markup
    activities: activities.ActivityBlock | None = None  # page 1 only (issue 14)
    badges: tuple[programs.Badge, ...] = ()  # programme badges: "Alumni Inkubator 2026" (issue 14)
    slug: str = ""  # names the maker in counted events (analytics:)


def plan_maker(ctx: Context, slug: str) -> list[Spec]:
    if ctx.inputs.entry("maker", slug) is None:
        return []
    total = pages_of(ctx.inputs.count(f"maker/{slug}"))
    return [ctx.spec("maker", f"maker/{slug}", lang, slug, n)
            for lang in ctx.config.languages for n in range(1, total + 1)] \
        + aliases.specs(ctx, "maker", slug) + records.plan(ctx, "maker", slug)


def build_maker(v: Views, spec: Spec) -> Page:
    """The head (name, region, order buttons) on every page, the story, contacts, QR code and
    JSON-LD on page 1, the products newest first in pages of PER_PAGE."""
    m = v.entry("maker", spec.argument)
    lang, number = spec.lang, spec.number
    first = number == 1
    name, fallback = v.text(m, "name")
    body, body_fallback = v.body(m)
    summary = v.text(m, "summary")[0]
    description = summary or plain_text(body)
    absolute = v.routes.absolute("maker", m.slug, lang)
    logo_url = v.image_url(m.logo)
    members = f"maker/{m.slug}"
    total = pages_of(v.inputs.count(members))
    view = MakerView(name=name, summary=summary, body=body if first else Markup(""),
                     logo=v.picture(m.logo, SIZES_LOGO, True, 0, None), region=v.link(v.entry("region", m.region)),
                     district=m.district, since=m.since, contact=v.contacts(m) if first else (),
                     order_url=commerce.whatsapp_link(m.whatsapp, commerce.order_message(
                         v.t["order_message_maker"], name, "", absolute)) if m.whatsapp else None,
                     marketplaces=tuple(Link(x.label, x.url) for x in m.marketplaces),
                     products=v.cards(v.inputs.slice(members, *span(number))),
                     qr=QrCode(absolute, v.t["qr_label"].format(title=name)) if first else None,
                     url=breakable_url(absolute),
                     activities=activities.block(v, f"maker/{m.slug}", v.t["act_maker"], activities.SHOWN_ON_ENTRY)
                     if first else None,
                     badges=programs.badges(v, m.slug), slug=m.slug)
    return v.page(spec, "maker.html", "maker", view, v.paged_title(name, number, total), description,
                  v.paged_crumbs("maker", m.slug, "nav_makers", name, number), slug=m.slug,
                  pagination=v.pagination("maker", number, total, m.slug),
                  content_lang="id" if (fallback or body_fallback) else None,
                  jsonld=structured.graph(v.business_ld(m, description)) if first else None,
                  og={"image": logo_url, "image_alt": name} if logo_url else None, photo=m.logo if first else None)


# -- plain pages -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ContentView:
    title: str
    body: Markup


def plan_page(ctx: Context, slug: str) -> list[Spec]:
    if ctx.inputs.entry("page", slug) is None:
        return []
    return [ctx.spec("page", f"page/{slug}", lang, slug) for lang in ctx.config.languages] \
        + aliases.specs(ctx, "page", slug)


def build_page(v: Views, spec: Spec) -> Page:
    page = v.entry("page", spec.argument)
    title, fallback = v.text(page, "title")
    body, body_fallback = v.body(page)
    return v.page(spec, "page.html", "content", ContentView(title, body), title,
                  v.text(page, "summary")[0] or plain_text(body), [Link(title, "")], slug=page.slug,
                  content_lang="id" if (fallback or body_fallback) else None)


register(Kind("region", plan_region, build_region), entry_owned=True)
register(Kind("category", plan_category, build_category), entry_owned=True)
register(Kind("maker", plan_maker, build_maker), entry_owned=True)
register(Kind("page", plan_page, build_page), entry_owned=True)
