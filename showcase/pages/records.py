"""Offline records: what a product, maker, region or category page shows, compact, one per entry
and language, for the service worker to answer a page it never saved (showcase/records.py puts
them into chunks).

Each record is a part (pages/parts.py): built in a worker through Inputs, so it is made again
exactly when something it shows changed, and kept in the build state. Keys are short because a
catalogue of 10,000 products carries 10,000 of them; empty fields are left out. The service
worker (serviceworker.py) reads these keys: change them together.

Also the record skeleton of each language (`/offline/record/`, template `record.html`): a page
whose values are slots the service worker fills from a record.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .. import commerce
from ..routes import RECORD_SLUG
from ..strings import strings_for
from ..views import Link, Page, Spec, Switch, Views, format_date, plain_text, span
from . import Context, Kind, register

RECORD = "offline-record"
EXCERPT = 120  # characters of the body's first paragraph


def plan(ctx: Context, kind: str, slug: str) -> list[Spec]:
    """The record of one entry in every language (planned with the entry's pages)."""
    owner = f"{kind}/{slug}"
    return [Spec(f"part:record/{lang}/{kind}/{slug}", RECORD, owner, lang, argument=owner)
            for lang in ctx.config.languages]


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, "", [], ())}


def _listed(slugs: tuple[str, ...]) -> list[str]:
    """Products by slug only: the service worker finds their titles in their own records, so a
    record does not change when a product it lists is edited."""
    return list(slugs)


def _common(v: Views, entry: Any, kind: str) -> dict[str, Any]:
    body, _ = v.body(entry)
    return {"k": kind, "s": entry.slug, "t": v.title(entry), "x": v.text(entry, "summary")[0],
            "b": plain_text(body, EXCERPT)}


def product(v: Views, slug: str) -> dict[str, Any]:
    p = v.entry("product", slug)
    today = v.inputs.today() if p.certifications else None
    licences = [[commerce.CERTIFICATION_LABELS[c.type], c.number]
                for c in p.certifications if today and c.valid_on(today)]
    # Names of the maker, region and category, and the maker's number, come from their records.
    return _compact({**_common(v, p, "product"), "p": v.price(p), "q": 0 if p.lowest_price is not None else 1,
                     "u": v.text(p, "unit")[0], "m": p.maker, "r": p.region, "d": p.district, "c": p.category,
                     "l": licences, "rel": _listed(v.inputs.related(slug)),
                     "i": v.small_photo(p.images[0]) if p.images else None})


def maker(v: Views, slug: str) -> dict[str, Any]:
    m = v.entry("maker", slug)
    members = f"maker/{slug}"
    return _compact({**_common(v, m, "maker"), "r": m.region, "d": m.district,
                     "w": m.whatsapp, "n": v.inputs.count(members), "ps": _listed(v.inputs.slice(members, *span(1)))})


def listing(kind: str) -> Any:
    def make(v: Views, slug: str) -> dict[str, Any]:
        members = f"{kind}/{slug}"
        return _compact({**_common(v, v.entry(kind, slug), kind), "n": v.inputs.count(members),
                         "ps": _listed(v.inputs.slice(members, *span(1)))})
    return make


BUILDERS = {"product": product, "maker": maker, "region": listing("region"), "category": listing("category")}


def record(v: Views, spec: Spec) -> Page:
    kind, _, slug = spec.argument.partition("/")
    return Page(spec, "", None, None, RECORD, BUILDERS[kind](v, slug))


# -- the skeleton ------------------------------------------------------------------------------
def slot(name: str) -> str:
    """The token the service worker replaces with a record's value (escaped): `@@title@@`."""
    return f"@@{name}@@"


@dataclass(frozen=True)
class Listed:
    title: str
    url: str


@dataclass(frozen=True)
class Licence:
    label: str
    number: str


@dataclass(frozen=True)
class RecordView:
    """Every field is a slot; each list holds one item of slots, which the service worker repeats
    for every value (between `<!--each:NAME-->` marks) or drops."""

    title: str
    summary: str
    excerpt: str
    price: str
    unit: str
    category: Link
    maker: Link
    region: Link
    district: str
    order_url: str
    thumb: str
    count: str
    licences: tuple[Licence, ...]
    related: tuple[Listed, ...]
    products: tuple[Listed, ...]
    note: str
    data_date: str


def plan_skeleton(ctx: Context, _: str) -> list[Spec]:
    """A record skeleton per language: the service worker answers each language with its own."""
    return [ctx.spec("record", "site/record", lang, RECORD_SLUG, route="page") for lang in ctx.config.languages]


def build_skeleton(v: Views, spec: Spec) -> Page:
    """The page a record answer is made from: the site's header, footer and layout (base.html and
    record.html, so a site's own templates apply), slots for the record's values, the note that the
    full page loads when online and the date of the data."""
    t = v.t
    view = RecordView(
        title=slot("title"), summary=slot("summary"), excerpt=slot("excerpt"), price=slot("price"), unit=slot("unit"),
        category=Link(slot("category"), slot("category_url")), maker=Link(slot("maker"), slot("maker_url")),
        region=Link(slot("region"), slot("region_url")), district=slot("district"), order_url=slot("order_url"),
        thumb=slot("thumb"), count=slot("count"), licences=(Licence(slot("licences.label"), slot("licences.number")),),
        related=(Listed(slot("related.title"), slot("related.url")),),
        products=(Listed(slot("products.title"), slot("products.url")),),
        note=t["offline_record_note"],
        data_date=t["offline_record_date"].format(date=format_date(v.inputs.today(), spec.lang)))
    page = v.page(spec, "record.html", "record", view, slot("title"), slot("summary"),
                  [Link(slot("section"), slot("section_url")), Link(slot("title"), "")], slug=RECORD_SLUG, route="page")
    assert page.head is not None
    others = [lang for lang in v.config.languages if lang != spec.lang]
    switch = Switch(others[0], strings_for(others[0])["language_name"], slot("switch")) if others else None
    head = replace(page.head, canonical=slot("canonical"), switch=switch, body_class="page-" + slot("kind"))
    return replace(page, head=head)


register(Kind("record", plan_skeleton, build_skeleton), owners=["site/record"])
register(Kind(RECORD, lambda ctx, owner: plan(ctx, *owner.split("/", 1)), record, part=True))
