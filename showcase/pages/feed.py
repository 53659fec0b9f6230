"""The Atom feed of the newest products, one per language (`feed.xml`, `en/feed.xml`).

Built like a page, from what its products' pages show, so it is rebuilt exactly when one of the
newest products (or their maker, region or category) changes; written as XML by feeds.py.
"""
from __future__ import annotations

from .. import structured
from ..feeds import FEED_SIZE, FeedEntry, FeedView, atom
from ..routes import Routes
from ..views import Page, Spec, Views
from . import Context, Kind, register


def plan(ctx: Context, _: str) -> list[Spec]:
    return [Spec(Routes.feed(lang), "feed", "site/feed", lang) for lang in ctx.config.languages]


def build(v: Views, spec: Spec) -> Page:
    entries = []
    for slug in v.inputs.slice("products", 0, FEED_SIZE):
        p = v.entry("product", slug)
        plan = v.inputs.plan(p.images[0]) if p.images else None
        entries.append(FeedEntry(
            url=v.routes.absolute("product", slug, spec.lang), title=v.text(p, "title")[0],
            date=p.date, maker=v.title(v.entry("maker", p.maker)), category=p.category,
            category_label=v.title(v.entry("category", p.category)), price=v.price(p),
            unit=v.text(p, "unit")[0], region=v.title(v.entry("region", p.region)),
            summary=v.text(p, "summary")[0],
            image=v.routes.absolute_asset(structured.largest_jpeg(plan)) if plan else None))
    config = v.config
    lang = spec.lang
    view = FeedView(lang=lang, url=v.routes.absolute_asset(Routes.feed(lang)),
                    home=v.routes.absolute("home", None, lang), title=f"{config.text('title', lang)} · {v.t['feed']}",
                    subtitle=config.text("tagline", lang),
                    author=config.text("organisation", lang) or config.text("title", lang),
                    updated=max((e.date for e in entries if e.date), default=None), entries=tuple(entries))
    return Page(spec, "", None, None, "feed", view)


def render(v: Views, page: Page) -> bytes:
    return atom(page.view).encode("utf-8")


register(Kind("feed", plan, build, render), owners=["site/feed"])
