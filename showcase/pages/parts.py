"""Parts of site-wide files, made with each product's pages: its row in the catalogue exports
(`katalog.json`, `katalog.csv`), its search document and its offline record in each language.

Each is built like a page (in a worker, reading through Inputs, so it is made again exactly when
something it shows changed) but kept in the build state instead of written; the pipeline puts
the parts together into the files (exports in newest order, the search index per language).
"""
from __future__ import annotations

from datetime import date

from .. import feeds, market, merchant, search, structured
from ..views import Page, Spec, Views
from . import Context, Kind, records, register

EXPORT, SEARCH, MERCHANT = "export-row", "search-doc", "merchant-items"


def plan(ctx: Context, slug: str) -> list[Spec]:
    """The parts of one product (planned with its pages)."""
    if ctx.inputs.entry("product", slug) is None:
        return []
    owner = f"product/{slug}"
    specs = [Spec(f"part:export/{slug}", EXPORT, owner, ctx.config.languages[0], argument=slug),
             *(Spec(f"part:search/{lang}/{slug}", SEARCH, owner, lang, argument=slug)
               for lang in ctx.config.languages),
             *records.plan(ctx, "product", slug)]
    if merchant.feeds_enabled(ctx.config):
        specs.append(Spec(f"part:merchant/{slug}", MERCHANT, owner, ctx.config.languages[0], argument=slug))
    return specs


def export_row(v: Views, spec: Spec) -> Page:
    """The product's record in the exports (Indonesian, expired licences left out), as its piece
    of `katalog.json` and its line of `katalog.csv`."""
    p = v.entry("product", spec.argument)
    maker = v.entry("maker", p.maker)
    plan = v.inputs.plan(p.images[0]) if p.images else None
    row = feeds.export_row(p, maker.name, maker.whatsapp or v.config.contact_whatsapp,
                           v.entry("category", p.category).name, v.entry("region", p.region).name,
                           v.routes.absolute("product", p.slug, "id"),
                           v.routes.absolute_asset(structured.largest_jpeg(plan)) if plan else None, v.inputs.today())
    return Page(spec, "", None, None, EXPORT, feeds.export_parts(row))


def search_doc(v: Views, spec: Spec) -> Page:
    """What the search index needs of the product in this language."""
    p = v.entry("product", spec.argument)
    doc = search.document(p, spec.lang, v.title(v.entry("maker", p.maker)), v.title(v.entry("category", p.category)),
                          v.entry("region", p.region), v.inputs.plan(p.images[0]) if p.images else None,
                          v.inputs.today(), v.t["price_on_request"], v.t,
                          tuple(dict.fromkeys(g[0] for g in v.inputs.node(f"programs/maker/{p.maker}"))))
    return Page(spec, "", None, None, SEARCH, doc)


def merchant_items(v: Views, spec: Spec) -> Page:
    """The product's items in the Google and Meta feeds (in the site's own language), or none when
    it has no price (the loader warns about it) or no photo."""
    p = v.entry("product", spec.argument)
    plans = [v.inputs.plan(i) for i in p.images]
    images = [v.routes.absolute_asset(structured.largest_jpeg(plan)) for plan in plans if plan is not None]
    if p.lowest_price is None or not images:
        return Page(spec, "", None, None, MERCHANT, None)
    lang = spec.lang
    day = v.inputs.today() if p.depends_on_date() else date.min
    title = v.text(p, "title")[0]
    summary = v.text(p, "summary")[0]
    body = merchant.plain(v.body(p)[0])
    description = "\n\n".join(part for part in (summary, body) if part and part not in body[:len(summary) + 1])
    if p.variants:
        names = [p.variant_text(lang, i)[0] for i in range(len(p.variants))]
        ids = [p.variant_id(i) for i in range(len(p.variants))]
        prices = [x.price for x in p.variants]
        states = [p.stock_on(day, x) for x in p.variants]
    else:
        names, ids, prices, states = [], [], [p.lowest_price], [p.stock_on(day)]
    found = merchant.items(
        slug=p.slug, title=title, variant_names=names, variant_ids=ids, prices=prices, states=states,
        ready=market.ready_on(p, day) if "preorder" in states else None, description=description,
        link=v.routes.absolute("product", p.slug, lang), images=images,
        brand=v.title(v.entry("maker", p.maker)),
        product_type=f"{v.title(v.entry('category', p.category))} > {v.title(v.entry('region', p.region))}",
        weight_g=p.weight_g)
    return Page(spec, "", None, None, MERCHANT,
                (tuple(merchant.google_item(i) for i in found), tuple(merchant.meta_row(i) for i in found),
                 tuple(i.id for i in found)))


register(Kind(EXPORT, plan, export_row, part=True))
register(Kind(MERCHANT, plan, merchant_items, part=True))
register(Kind(SEARCH, plan, search_doc, part=True))
