"""The printable catalogue: `/katalog/` for the whole site and `/katalog/<region>/` per region.

Owns what an exhibition booth prints on A4: every product of a region (or of the whole site,
region after region, up to WHOLE_LIMIT products) with its photo, price, unit, maker and WhatsApp
number, its licences and a QR code of its page, ordered by category then name so a visitor finds
things as on the shelf. A region of more than PER_SHEET_PAGE products is printed in parts with
stable URLs (`/katalog/<region>/halaman/2/`). Layout and page breaks live in the theme's print CSS
(`templates/catalogue.html`, `site.css`).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from markupsafe import Markup

from .. import commerce
from ..qr import Code as QrCode
from ..model import Product, Region
from ..views import Link, Page, Picture, Spec, Views, breakable_url, count, format_date
from . import Context, Kind, register

SIZES = "(min-width: 700px) 320px, 45vw"
WHOLE_LIMIT = 500
"""Past this many products the whole-site catalogue only links the regions' catalogues: 500
products already fill some 80 A4 sheets, and a page of thousands (30 MB of HTML at 10,000) opens
on no phone and prints on no booth's printer."""
PER_PART = 120
"""Products in one part of a region's catalogue (about 20 A4 sheets): a region of thousands is
printed part by part, and a changed price re-renders one part, not the whole region."""


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    address: Markup
    price: str
    has_price: bool
    unit: str | None
    image: Picture | None
    category: str
    maker: str
    district: str | None
    whatsapp: str | None
    certifications: tuple[str, ...]
    qr: QrCode
    lang: str | None


@dataclass(frozen=True)
class Section:
    title: str
    province: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class RegionLink:
    label: str
    url: str
    count: str
    current: bool


@dataclass(frozen=True)
class WholeLink:
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class CatalogueView:
    title: str
    site: str
    organisation: str
    intro: str
    sections: tuple[Section, ...]
    as_of: str | None
    regions: tuple[RegionLink, ...]
    whole: WholeLink
    home: Markup
    qr: QrCode


def plan_whole(ctx: Context, _: str) -> list[Spec]:
    return [ctx.spec("catalogue", "site/catalogue", lang) for lang in ctx.config.languages]


def plan_parts(ctx: Context, region: str, lang: str) -> list[Spec]:
    """The parts of one region's catalogue (the region owner plans them with its pages)."""
    return part_specs(ctx, "catalogue", region, lang, PER_PART)


def part_specs(ctx: Context, kind: str, region: str, lang: str, per: int) -> list[Spec]:
    """Pages of `kind` that print a region's products in parts of `per`, in the printing order
    (`catalogue/<region>/<lang>`: category, then name); the catalogue's and the shelf labels'."""
    parts = ctx.inputs.pages(f"catalogue/{region}/{lang}", per)
    return [ctx.spec(kind, f"region/{region}", lang, region, n) for n in range(1, parts + 1)]


def part_of(v: Views, region: str, number: int, per: int) -> tuple[tuple[str, ...], int]:
    """The products part `number` prints, and how many parts there are (reading only these, so a
    product added elsewhere in the region leaves the part alone)."""
    members = f"catalogue/{region}/{v.lang}"
    return v.inputs.slice(members, (number - 1) * per, number * per), v.inputs.pages(members, per)


def build(v: Views, spec: Spec) -> Page:
    """A region's catalogue part (spec.argument names the region) or the whole-site one."""
    t, lang, inputs = v.t, spec.lang, v.inputs
    region: Region | None = v.entry("region", spec.argument) if spec.argument else None
    slug = region.slug if region else None
    regions = [r for r in (v.entry("region", s) for s in inputs.members("kind/region"))
               if inputs.has(f"region/{r.slug}")]
    counted = region is None or spec.number == 1  # (later parts do not change with every product added)
    links = tuple(RegionLink(v.title(r), v.routes.href("catalogue", r.slug, lang),
                             count(t, inputs.count(f"region/{r.slug}")) if counted else "", r.slug == slug)
                  for r in regions)
    if region is not None:
        title = f"{t['catalogue_title']} · {v.title(region)}"
        shown, parts = part_of(v, region.slug, spec.number, PER_PART)
        sections: tuple[Section, ...] = (section(v, region, shown),)
        intro = t["catalogue_intro"]
        newest = inputs.slice(f"region/{region.slug}", 0, 1)
        if parts > 1:
            title = f"{title} · {t['page_of'].format(n=spec.number, total=parts)}"
    else:
        parts = 1
        whole = inputs.count("products") <= WHOLE_LIMIT
        sections = tuple(section(v, r, inputs.members(f"catalogue/{r.slug}/{lang}")) for r in regions) if whole else ()
        intro = t["catalogue_intro"] if whole else t["catalogue_too_large"].format(n=WHOLE_LIMIT)
        title = t["catalogue_title"]
        newest = inputs.slice("products", 0, 1)
    newest_date = v.entry("product", newest[0]).date if newest else None
    home = v.routes.absolute("home", None, lang)
    view = CatalogueView(
        title=title, site=v.config.text("title", lang), organisation=v.config.text("organisation", lang),
        intro=intro, sections=sections,
        as_of=t["catalogue_as_of"].format(date=format_date(newest_date, lang)) if newest_date else None,
        regions=links, whole=WholeLink(t["catalogue_whole"], v.routes.href("catalogue", None, lang), region is None),
        home=breakable_url(home), qr=QrCode(home, t["qr_label"].format(title=v.config.text("title", lang))))
    crumbs = [Link(t["catalogue"], v.routes.href("catalogue", None, lang))] if region else []
    crumbs.append(Link(v.title(region) if region else t["catalogue"], ""))
    return v.page(spec, "catalogue.html", "catalogue", view, title, t["catalogue_intro"], crumbs, slug=slug,
                  pagination=v.pagination("catalogue", spec.number, parts, slug) if region else None)


def section(v: Views, region: Region, slugs: tuple[str, ...]) -> Section:
    """Products of a region as catalogue items (the list is in category order, then by name)."""
    return Section(v.title(region), region.province, tuple(item(v, v.entry("product", s)) for s in slugs))


def item(v: Views, p: Product) -> Item:
    """One product on paper: everything a visitor needs to order without the website."""
    lang, t = v.lang, v.t
    title, fallback = v.text(p, "title")
    maker = v.entry("maker", p.maker)
    number = maker.whatsapp or v.config.contact_whatsapp
    url = v.routes.absolute("product", p.slug, lang)
    picture = v.picture(p.images[0], SIZES, True, 0, p) if p.images else None
    if picture is not None:  # every photo must be loaded before printing; none of them is urgent
        picture = dataclasses.replace(picture, fetchpriority="auto")
    return Item(title=title, url=v.routes.href("product", p.slug, lang), address=breakable_url(url), price=v.price(p),
                has_price=p.lowest_price is not None, unit=commerce.unit_text(v.text(p, "unit")[0]), image=picture,
                category=v.title(v.entry("category", p.category)), maker=v.title(maker), district=p.district,
                whatsapp=commerce.display_phone(number) if number else None,
                certifications=tuple(commerce.CERTIFICATION_LABELS[c.type]
                                     for c in p.certifications_on(v.inputs.today())),
                qr=QrCode(url, t["qr_label"].format(title=title)), lang="id" if fallback else None)


register(Kind("catalogue", plan_whole, build), owners=["site/catalogue"])
