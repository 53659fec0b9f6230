"""Shelf labels for the gallery: `/label-rak/` for every product and `/label-rak/<region>/` per
region (`/en/shelf-labels/...`), a region of more than PER_PART products in parts
(`/label-rak/<region>/halaman/2/`).

Owns what the council's gallery prints on A4 label sheets of 3 x 8 labels of 70 x 37 mm (the
common sheet size, e.g. 24 labels per sheet): per label the product's name, its price (or the
range of its variants), the maker and its region, the halal or P-IRT number while it is valid,
and a QR code of the product's page. The labels come in sheets of 24, in the order of the
printable catalogue (region, category, name); the sheet geometry lives in the print rules of
`site.css`, so a sheet is one page and no label is cut by a page break. Past WHOLE_LIMIT products
the whole-site page links the regions' sheets instead. The region owner plans its parts with its
pages, as it does its catalogue's.
"""
from __future__ import annotations

from dataclasses import dataclass


from .. import commerce
from ..qr import Code as QrCode
from ..model import Product
from ..views import Link, Page, Spec, Views
from . import Context, Kind, register
from .catalogue import WHOLE_LIMIT, part_of, part_specs

PER_SHEET = 24  # 3 columns x 8 rows of 70 x 37 mm on A4 (210 x 297 mm)
PER_PART = 5 * PER_SHEET
"""Labels in one part of a region's labels (five sheets): a region of thousands prints part by
part, and a changed price re-renders one part, not every label of the region."""
SHOWN_LICENCES = ("halal", "pirt")  # what a shopper in the gallery asks about food


@dataclass(frozen=True)
class Label:
    title: str
    price: str
    unit: str
    maker: str
    region: str
    licences: tuple[str, ...]
    qr: QrCode
    url: str
    lang: str | None


@dataclass(frozen=True)
class LabelsView:
    title: str
    intro: str
    sheets: tuple[tuple[Label, ...], ...]
    regions: tuple[Link, ...]
    whole: Link
    count: int


def plan_whole(ctx: Context, _: str) -> list[Spec]:
    return [ctx.spec("labels", "site/labels", lang) for lang in ctx.config.languages]


def plan_parts(ctx: Context, region: str, lang: str) -> list[Spec]:
    """The parts of one region's labels (the region owner plans them with its pages)."""
    return part_specs(ctx, "labels", region, lang, PER_PART)


def build(v: Views, spec: Spec) -> Page:
    t, lang, inputs = v.t, spec.lang, v.inputs
    region = v.entry("region", spec.argument) if spec.argument else None
    regions = [r for r in (v.entry("region", s) for s in inputs.members("kind/region"))
               if inputs.has(f"region/{r.slug}")]
    parts = 1
    if region is not None:
        shown, parts = part_of(v, region.slug, spec.number, PER_PART)
        slugs = list(shown)
        title = f"{t['labels_title']} · {v.title(region)}"
        if parts > 1:
            title = f"{title} · {t['page_of'].format(n=spec.number, total=parts)}"
    elif inputs.count("products") <= WHOLE_LIMIT:
        slugs = [s for r in regions for s in inputs.members(f"catalogue/{r.slug}/{lang}")]
        title = t["labels_title"]
    else:
        slugs, title = [], t["labels_title"]
    labels = [label(v, v.entry("product", s)) for s in slugs]
    sheets = tuple(tuple(labels[i:i + PER_SHEET]) for i in range(0, len(labels), PER_SHEET))
    intro = t["labels_intro"] if slugs or region else t["catalogue_too_large"].format(n=WHOLE_LIMIT)
    view = LabelsView(title, intro, sheets,
                      tuple(Link(v.title(r), v.routes.href("labels", r.slug, lang)) for r in regions),
                      Link(t["labels_whole"], v.routes.href("labels", None, lang)), len(labels))
    crumbs = [Link(t["labels_title"], v.routes.href("labels", None, lang))] if region else []
    crumbs.append(Link(v.title(region) if region else t["labels_title"], ""))
    return v.page(spec, "labels.html", "labels", view, title, t["labels_intro"], crumbs,
                  slug=region.slug if region else None,
                  pagination=v.pagination("labels", spec.number, parts, region.slug) if region else None)


def label(v: Views, p: Product) -> Label:
    lang = v.lang
    title, fallback = v.text(p, "title")
    url = v.routes.absolute("product", p.slug, lang)
    valid = p.certifications_on(v.inputs.today()) if p.certifications else ()
    licences = tuple(f"{commerce.CERTIFICATION_LABELS[c.type]} {c.number}" for kind in SHOWN_LICENCES
                     for c in valid if c.type == kind)
    region = v.entry("region", p.region)
    return Label(title=title, price=v.price(p),
                 unit="" if p.variants else commerce.unit_text(v.text(p, "unit")[0]),
                 maker=v.title(v.entry("maker", p.maker)), region=v.text(region, "short_name")[0],
                 licences=licences, qr=QrCode(url, v.t["qr_label"].format(title=title)),
                 url=v.routes.href("product", p.slug, lang), lang="id" if fallback else None)


register(Kind("labels", plan_whole, build), owners=["site/labels"])
