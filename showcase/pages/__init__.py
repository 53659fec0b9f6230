"""The kinds of page a site has: for each, which pages an owner gets and what each page shows.

Every page belongs to an owner: an entry (`product/bandeng-presto` owns its page in every
language; `category/batik` owns the pages its products fill) or a site-wide list
(`site/home`, `site/listing/product`, ...). A kind has two functions:

- `plan(ctx, argument) -> [Spec]`: the pages of one owner (none when the entry is gone). It reads
  through `ctx.inputs`, so the engine knows when the plan must be made again (a category that
  grew a page).
- `build(views, spec) -> Page`: the view of one page, read through `views.inputs`.

A page kind added later (activities, programmes, ...) is one module that registers its kinds
and owners here; nothing else keeps a list of them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..config import SiteConfig
from ..inputs import Inputs
from ..routes import Routes
from ..views import Page, Spec, Views


@dataclass(frozen=True)
class Context:
    """What planning needs: the accessors, the settings and the URLs."""

    inputs: Inputs
    config: SiteConfig
    routes: Routes

    def spec(self, kind: str, owner: str, lang: str, slug: str | None = None, number: int = 1,
             route: str | None = None, argument: str = "") -> Spec:
        """The spec of a page whose URL is `routes.path(route or kind, slug, lang, number)`."""
        output = Routes.output_file(self.routes.path(route or kind, slug, lang, number))
        return Spec(output, kind, owner, lang, number, argument or (slug or ""))


@dataclass(frozen=True)
class Kind:
    """One kind of page: how an owner plans its pages, and how one page is built."""

    name: str
    plan: Callable[[Context, str], list[Spec]]
    build: Callable[[Views, Spec], Page]
    render: Callable[[Views, Page], bytes] | None = None
    """For pages that are not HTML from a template (feeds): their bytes from the page."""
    part: bool = False
    """A part of a site-wide file (a product's row in the exports): `build` returns a Page whose
    `view` is the value, kept in the build state instead of written as a file."""


KINDS: dict[str, Kind] = {}
"""Page kinds by name; an owner `<kind>/<argument>` is planned by the kind of that name."""
SITE_OWNERS: list[str] = []
"""Owners that are not entries: `site/home`, `site/listing/product`, ..."""
ENTRY_KINDS: list[str] = []
"""Entry kinds whose entries own pages (`product`, `region`, ...), in the order pages are listed."""


def register(kind: Kind, *, entry_owned: bool = False, owners: Iterable[str] = ()) -> None:
    KINDS[kind.name] = kind
    if entry_owned:
        ENTRY_KINDS.append(kind.name)
    SITE_OWNERS.extend(owners)


def plan(ctx: Context, owner: str) -> list[Spec]:
    """The pages of an owner, in a fixed order."""
    head, _, argument = owner.partition("/")
    if head == "site":
        head, _, argument = argument.partition("/")
    return KINDS[head].plan(ctx, argument)


def build(views: Views, spec: Spec) -> Page:
    return KINDS[spec.kind].build(views, spec)


from . import (activities, aliases, catalogue, entries, feed, galleries, labels, lists, network, order,  # noqa: E402,F401
               parts, products, programs, records)  # (each registers its kinds)
