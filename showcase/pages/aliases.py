"""Old addresses: a small redirect page at each address an entry had before (`aliases:`).

A QR code printed on a catalogue or a shelf label, and a link shared on WhatsApp, keep working
after a product's file or slug is renamed: the entry lists its old addresses and the build writes,
at each, a page that sends the visitor on (a meta refresh, a canonical link and a visible link;
no script, so the Content-Security-Policy is unchanged). An old slug gives one such page per
language (`/produk/<old>/` and `/en/products/<old>/`); a path from the site's root gives one page,
to the entry's address in the site's first language. Redirect pages are never listed: they have
no alternates, so the sitemap, the feeds and search leave them out. A redirect page that would
overwrite another page is reported by the output claims like any two pages on one file.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from .. import offline
from ..routes import Routes
from ..views import Page, Spec, Views
from . import Context, Kind, register

KIND = "alias"
TEMPLATE = "alias"
"""Not a Jinja template (the page is written by `render`): the name the offline precache knows
redirect pages by, to save them right after the records, so an old address opens offline too."""
ROUTE = {"product": "product", "maker": "maker", "region": "region", "category": "category", "page": "page"}


@dataclass(frozen=True)
class AliasView:
    lang: str
    title: str
    target: str  # the link to the entry's page, from the site's root (works on any host and offline)
    canonical: str  # its absolute URL
    note: str


def specs(ctx: Context, kind: str, slug: str) -> list[Spec]:
    """The redirect pages of the entry `kind/slug`'s aliases (the entry is read by the caller)."""
    entry = ctx.inputs.entry(kind, slug)
    if entry is None:
        return []
    owner = f"{kind}/{slug}"
    found: list[Spec] = []
    for alias in entry.aliases:
        if alias.startswith("/"):
            relative = alias.lstrip("/")
            found.append(Spec(Routes.output_file(relative), KIND, owner, ctx.config.languages[0], 1, alias))
        elif alias != slug:
            for lang in ctx.config.languages:
                output = Routes.output_file(ctx.routes.path(ROUTE[kind], alias, lang))
                found.append(Spec(output, KIND, owner, lang, 1, alias))
    return found


def build(v: Views, spec: Spec) -> Page:
    kind, slug = spec.owner.split("/", 1)
    entry = v.entry(kind, slug)
    title = v.title(entry)
    view = AliasView(spec.lang, title, v.routes.href(ROUTE[kind], slug, spec.lang),
                     v.routes.absolute(ROUTE[kind], slug, spec.lang), v.t["moved_to"])
    return Page(spec, TEMPLATE, None, None, "alias", view)


def render(v: Views, page: Page) -> bytes:
    """A page that sends the visitor on at once, and says where if the browser does not."""
    a: AliasView = page.view
    url, title = html.escape(a.target, quote=True), html.escape(a.title)
    canonical = html.escape(a.canonical, quote=True)
    return (f'<!DOCTYPE html>\n<html lang="{a.lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{title}</title>\n<meta name="robots" content="noindex">\n'
            f'<link rel="canonical" href="{canonical}">\n<meta http-equiv="refresh" content="0; url={url}">\n'
            f'</head>\n<body>\n<p>{html.escape(a.note)} <a href="{url}">{title}</a></p>\n</body>\n</html>\n'
            ).encode("utf-8")


REDIRECTS_FILE = offline.REDIRECTS_FILE
REDIRECTS_LIMIT = 2000
"""Cloudflare Pages reads at most 2,000 static redirects; Netlify advises staying well below."""
# Netlify applies a rule only where no file answers, unless forced (`!`): the redirect page
# written at each old address would hide it. Cloudflare always applies its rules.
STATUS = {"netlify": "301!", "cloudflare": "301"}


def redirects_file(pages: list[tuple[str, str, str]], routes: Routes, host: str) -> tuple[str, int]:
    """`_redirects` for `host` from the redirect pages (output, owner, lang): one line per old
    address, at most REDIRECTS_LIMIT; returns the text and how many were left out (those still
    answer with their redirect page)."""
    lines = ["# Old addresses (aliases:) for " + host + ", written by the build (docs/content.md: Alamat lama)."]
    for output, owner, lang in pages[:REDIRECTS_LIMIT]:
        kind, slug = owner.split("/", 1)
        lines.append(f"{routes.page_url(output)} {routes.href(ROUTE[kind], slug, lang)} {STATUS[host]}")
    return "\n".join(lines) + "\n", max(0, len(pages) - REDIRECTS_LIMIT)


register(Kind(KIND, lambda ctx, argument: [], build, render))
