"""The menu an editor writes: site.yaml's `navigation:`, checked against the site's pages and
linked in each language.

Owns what a menu item points at: a content page (`page: tentang`), a page of the site by its
path from the site's root (`url: /kegiatan/`, linked on each language's pages to that language's
version, with the site's sub-path), or another site (a full address, linked as written). The
check runs with the content stage on every build, so a page deleted later is reported with the
line of site.yaml that still names it. The menu of one language is made by `views` through its
recorded reads; without `navigation:` the theme's menu stays. It decides no labels of the theme.
"""
from __future__ import annotations

from .config import SiteConfig
from .errors import Diagnostics, did_you_mean
from .messages import Text
from .routes import SECTIONS, Routes
from .schema import MenuLink
from .store import Store

# Listings that `Routes.resolve` does not check links to (bodies never link there), which a menu may.
LISTINGS = ("catalogue", "order", "labels", "network")
REGIONAL = ("catalogue", "labels")  # listings with one page per region


def target(routes: Routes, url: str) -> tuple[str, str | None] | None:
    """What the page at a menu path shows, as (kind, slug): `/kegiatan/` -> ("activity", None),
    `/katalog/` -> ("catalogue", None), `/tentang/` -> ("page", "tentang"); None for a path that
    no page can have. The language prefix (`/en/`) is dropped: a menu links every language's own
    version."""
    path = url.split("#", 1)[0]
    parts = [p for p in path.split("/") if p]
    lang = "id"
    if parts and parts[0] in routes.languages and parts[0] != "id":
        lang, parts = parts[0], parts[1:]
    if len(parts) in (1, 2):
        for kind in LISTINGS:
            if parts[0] == SECTIONS[kind].get(lang, SECTIONS[kind]["en"]):
                # a region has a catalogue and shelf labels of its own (`/katalog/pangkep/`)
                return (kind, parts[1] if len(parts) == 2 else None) if kind in REGIONAL or len(parts) == 1 \
                    else None
    return routes.resolve("/".join(([lang] if lang != "id" else []) + parts) + "/")


def href(routes: Routes, link: MenuLink, lang: str) -> str:
    """Where the item links on the pages of `lang`."""
    if link.page is not None:
        return routes.href("page", link.page, lang)
    url = link.url or ""
    if not url.startswith("/"):
        return url  # another site, as written
    fragment = url[len(url.split("#", 1)[0]):]
    found = target(routes, url)
    if found is None:  # (reported by check; kept as written under the sub-path)
        return routes.base_path + url.lstrip("/")
    return routes.href(found[0], found[1], lang) + fragment


def _exists(store: Store, kind: str, slug: str) -> bool:
    """Whether an entry has that slug (or a file claims it and reports its own errors)."""
    kinds = {"activity": ("news", "event"), "catalogue": ("region",), "labels": ("region",)}.get(kind, (kind,))
    return any(store.entry_digest(f"{one}/{slug}") is not None or store.claimers(f"{one}/{slug}") for one in kinds)


def _listed(config: SiteConfig, store: Store, kind: str) -> bool:
    """Whether the site has the listing of `kind`: the sections a site may lack have one only
    when it has something to list (the theme's menu shows them on the same condition)."""
    if kind == "network":
        return bool(config.partners)
    kinds = {"activity": ("news", "event"), "program": ("program",), "gallery": ("gallery",)}.get(kind)
    return kinds is None or any(store.members(one) for one in kinds)


def check(config: SiteConfig, store: Store, routes: Routes, diags: Diagnostics) -> None:
    """Every `page:` names a page and every path of the site leads to one, else a located error."""
    display = config.display(config.content_dir / "site.yaml")
    for link in config.navigation or ():
        if link.page is not None:
            if not _exists(store, "page", link.page):
                diags.error(display, link.target_line, "REF_UNKNOWN", field=f"{link.field}.page",
                            what=Text.of("kind.page"), value=link.page,
                            suggestion=did_you_mean(link.page, store.members("page")), folder="pages")
            continue
        url = link.url or ""
        if not url.startswith("/"):
            continue
        found = target(routes, url)
        if found is not None and (_exists(store, found[0], found[1]) if found[1] is not None
                                  else _listed(config, store, found[0])):
            continue
        known = ["/" + routes.path(kind) for kind in ("product", "region", "category", "maker", "activity",
                                                        "program", "gallery", "network", "catalogue", "order")
                 if _listed(config, store, kind)]
        known += ["/" + routes.path("page", slug) for slug in store.members("page")]
        diags.error(display, link.target_line, "REF_MENU_LINK", field=f"{link.field}.url", href=url,
                    suggestion=did_you_mean(url if url.endswith("/") else url + "/", known))
