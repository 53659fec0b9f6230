"""The site-wide pages: home, the listings, search, the offline fallback and 404."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .. import search, structured
from ..model import Maker
from ..routes import OFFLINE_SLUG
from ..strings import strings_for
from ..views import PER_PAGE, SIZES_CARD, Card, Link, Page, Picture, Spec, Views, count, pages_of, span
from . import Context, Kind, activities, register

NEWEST_COUNT = 8
LISTINGS = {"product": "products", "region": "regions", "category": "categories", "maker": "makers",
            "gallery": "galleries"}
OPTIONAL = ("gallery",)  # listings made only when the site has such entries


# -- home --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Tile:
    name: str
    url: str
    summary: str
    count: str
    image: Picture | None = None


@dataclass(frozen=True)
class HomeView:
    featured: tuple[Card, ...]
    newest: tuple[Card, ...]
    regions: tuple[Tile, ...]
    categories: tuple[Tile, ...]
    intro: Markup
    agenda: Any = None  # "Agenda terdekat": an ActivityBlock of upcoming events, or None (issue 14)


def plan_home(ctx: Context, _: str) -> list[Spec]:
    return [ctx.spec("home", "site/home", lang) for lang in ctx.config.languages]


def build_home(v: Views, spec: Spec) -> Page:
    lang, routes, inputs = spec.lang, v.routes, v.inputs
    featured = inputs.members("featured")
    regions = tuple(Tile(v.title(r), routes.href("region", r.slug, lang), v.text(r, "summary")[0],
                         count(v.t, inputs.count(f"region/{r.slug}")), v.picture(r.cover, SIZES_CARD, entry=r))
                    for r in (v.entry("region", s) for s in inputs.members("kind/region")))
    categories = tuple(Tile(v.title(c), routes.href("category", c.slug, lang), v.text(c, "summary")[0],
                            count(v.t, inputs.count(f"category/{c.slug}")))
                       for c in (v.entry("category", s) for s in inputs.members("kind/category")))
    home = HomeView(featured=tuple(v.card(s, eager=i == 0) for i, s in enumerate(featured)),
                    newest=v.cards(inputs.slice("products", 0, NEWEST_COUNT)),
                    regions=regions, categories=categories, intro=Markup(""),
                    agenda=activities.block(v, "upcoming", v.t["act_nearest"], activities.AGENDA_COUNT))
    url = routes.absolute("home", None, lang)
    config = v.config
    title, description = config.text("title", lang), config.text("description", lang)
    organisation = structured.organisation(config.text("organisation", lang) or title,
                                           routes.absolute("home", None, "id"), v.image_url(v.logo),
                                           config.contact_whatsapp, config.contact_email)
    jsonld = structured.graph(structured.website(title, url, lang, description, organisation["@id"]), organisation)
    return v.page(spec, "home.html", "home", home, title, description, [], jsonld=jsonld)


# -- listings ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Item:
    title: str
    url: str
    summary: str
    image: Picture | None
    meta: str


@dataclass(frozen=True)
class ListingView:
    title: str
    intro: str
    kind: str
    items: tuple[Item, ...]
    cards: tuple[Card, ...]


def _members(kind: str) -> str:
    return "products" if kind == "product" else f"kind/{kind}"


def plan_listing(ctx: Context, kind: str) -> list[Spec]:
    found = ctx.inputs.count(_members(kind))
    if kind in OPTIONAL and not found:
        return []
    total = pages_of(found)
    return [ctx.spec("listing", f"site/listing/{kind}", lang, None, n, route=kind, argument=kind)
            for lang in ctx.config.languages for n in range(1, total + 1)]


def build_listing(v: Views, spec: Spec) -> Page:
    kind, number, lang, t = spec.argument, spec.number, spec.lang, v.t
    name = LISTINGS[kind]
    members = _members(kind)
    total = v.inputs.pages(members, PER_PAGE)
    shown = v.inputs.slice(members, *span(number))
    items: tuple[Item, ...] = ()
    if kind != "product":
        entries = [v.entry(kind, s) for s in shown]
        items = tuple(_item(v, kind, e) for e in entries)
    title = t[f"nav_{name}"]
    view = ListingView(title, t[f"intro_{name}"], name, items, v.cards(shown) if kind == "product" else ())
    crumbs = [Link(title, "")] if number == 1 else [
        Link(title, v.routes.href(kind, None, lang)), Link(t["page_number"].format(n=number), "")]
    return v.page(spec, "listing.html", "listing", view,
                  title if number == 1 else f"{title} · {t['page_of'].format(n=number, total=total)}",
                  t[f"intro_{name}"], crumbs, pagination=v.pagination(kind, number, total), route=kind)


def _item(v: Views, kind: str, entry: Any) -> Item:
    image = getattr(entry, "cover", None) or getattr(entry, "logo", None)
    meta = count(v.t, v.inputs.count(f"{kind}/{entry.slug}"))
    if isinstance(entry, Maker):
        meta = f"{v.text(v.entry('region', entry.region), 'short_name')[0]} · {meta}"
    return Item(v.title(entry), v.routes.href(kind, entry.slug, v.lang), v.text(entry, "summary")[0],
                v.picture(image, SIZES_CARD), meta)


# -- search ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filter:
    name: str
    label: str


@dataclass(frozen=True)
class Sort:
    value: str
    label: str


@dataclass(frozen=True)
class SearchView:
    index: str
    scope: str
    script: str
    prefetch: int
    filters: tuple[Filter, ...]
    sorts: tuple[Sort, ...]
    categories: tuple[Link, ...]
    regions: tuple[Link, ...]


def plan_search(ctx: Context, _: str) -> list[Spec]:
    return [ctx.spec("search", "site/search", lang) for lang in ctx.config.languages]


def build_search(v: Views, spec: Spec) -> Page:
    """A form search.js fills from the index, and links to browse without it."""
    t = v.t
    view = SearchView(
        index=v.routes.asset(f"{search.INDEX_DIR}/{spec.lang}/{search.MANIFEST}"), scope=v.routes.base_path,
        script=v.assets.get("search", ""), prefetch=search.PREFETCH_BYTES,
        filters=tuple(Filter(name, t[key]) for name, key in (
            ("region", "region"), ("category", "category"), ("district", "district"),
            ("cert", "certifications"), ("price", "price"), ("availability", "availability"),
            ("program", "prog_badges"))),
        sorts=tuple(Sort(value, t["sort_" + value.replace("-", "_")])
                    for value in ("relevance", "newest", "price-asc", "price-desc")),
        categories=tuple(v.link(v.entry("category", s)) for s in v.inputs.members("kind/category")),
        regions=tuple(v.link(v.entry("region", s)) for s in v.inputs.members("kind/region")))
    return v.page(spec, "search.html", "search", view, t["search_title"], t["search_intro"],
                  [Link(t["search_title"], "")])


# -- offline fallback and 404 ------------------------------------------------------------------
@dataclass(frozen=True)
class OfflineGroup:
    title: str
    url: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class OfflineView:
    title: str
    text: str
    retry: str
    groups: tuple[OfflineGroup, ...]
    saved_elsewhere: Link | None  # on a language whose pages are not saved ahead: the one whose are


def plan_offline(ctx: Context, _: str) -> list[Spec]:
    """An offline page per language: the service worker answers each language with its own."""
    return [ctx.spec("offline", "site/offline", lang, OFFLINE_SLUG, route="page") for lang in ctx.config.languages]


def build_offline(v: Views, spec: Spec) -> Page:
    """What the service worker shows for a page not saved: the site's pages, as links."""
    t, routes, lang, inputs = v.t, v.routes, spec.lang, v.inputs

    def links(kind: str) -> tuple[Link, ...]:
        return tuple(v.link(v.entry(kind, s)) for s in inputs.members(f"kind/{kind}"))

    products = tuple(Link(title, routes.href("product", slug, lang)) for slug, title in inputs.members(f"titles/{lang}"))
    groups = [(t["nav_categories"], "category", links("category")), (t["nav_regions"], "region", links("region")),
              (t["nav_makers"], "maker", links("maker")), (t["nav_products"], "product", products)]
    default = v.config.languages[0]  # its pages are saved on the first visit; others as they are read
    view = OfflineView(t["offline_title"], t["offline_text"], t["offline_retry"],
                       tuple(OfflineGroup(title, routes.href(kind, None, lang), found)
                             for title, kind, found in groups if found),
                       None if lang == default else Link(t["offline_in_default"],
                                                         routes.href("page", OFFLINE_SLUG, default)))
    return v.page(spec, "offline.html", "offline", view, t["offline_title"], t["offline_text"], [],
                  slug=OFFLINE_SLUG, route="page")


@dataclass(frozen=True)
class NotFoundLanguage:
    lang: str
    title: str
    text: str
    back: str
    home: str


@dataclass(frozen=True)
class NotFoundView:
    others: tuple[NotFoundLanguage, ...]


def plan_not_found(ctx: Context, _: str) -> list[Spec]:
    return [ctx.spec("404", "site/404", ctx.config.languages[0])]


def build_not_found(v: Views, spec: Spec) -> Page:
    """One 404.html answers every unknown address, so it speaks every language of the site."""
    others = tuple(NotFoundLanguage(lang, strings_for(lang)["not_found_title"], strings_for(lang)["not_found_text"],
                                    strings_for(lang)["back_home"], v.routes.href("home", None, lang))
                   for lang in v.config.languages if lang != spec.lang)
    return v.page(spec, "404.html", "not_found", NotFoundView(others), v.t["not_found_title"], "", [])


register(Kind("home", plan_home, build_home), owners=["site/home"])
register(Kind("listing", plan_listing, build_listing), owners=[f"site/listing/{k}" for k in LISTINGS])
register(Kind("search", plan_search, build_search), owners=["site/search"])
register(Kind("offline", plan_offline, build_offline), owners=["site/offline"])
register(Kind("404", plan_not_found, build_not_found), owners=["site/404"])
