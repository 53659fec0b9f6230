"""Parts of site-wide files, made with each product's pages: its row in the catalogue exports
(`katalog.json`, `katalog.csv`) and its search document in each language.

Each is built like a page (in a worker, reading through Inputs, so it is made again exactly when
something it shows changed) but kept in the build state instead of written; the pipeline puts
the parts together into the files (exports in newest order, the search index per language).
"""
from __future__ import annotations

from .. import feeds, search, structured
from ..views import Page, Spec, Views
from . import Context, Kind, register

EXPORT, SEARCH = "export-row", "search-doc"


def plan(ctx: Context, slug: str) -> list[Spec]:
    """The parts of one product (planned with its pages)."""
    if ctx.inputs.entry("product", slug) is None:
        return []
    owner = f"product/{slug}"
    return [Spec(f"part:export/{slug}", EXPORT, owner, ctx.config.languages[0], argument=slug),
            *(Spec(f"part:search/{lang}/{slug}", SEARCH, owner, lang, argument=slug)
              for lang in ctx.config.languages)]


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
                          v.inputs.today(), v.t["price_on_request"], v.t)
    return Page(spec, "", None, None, SEARCH, doc)


register(Kind(EXPORT, plan, export_row, part=True))
register(Kind(SEARCH, plan, search_doc, part=True))
