"""What templates see: typed, read-only values with every fact already formatted, and the helpers
every kind of page uses to make them.

This module owns the value types (`Picture`, `Card`, `Link`, `SiteView`, `Head`, `Pagination`,
`Page`, `PageSummary`) and the presentation decisions that must be tested, not hidden in
templates: srcsets and sizes, which translation or fallback a page shows, cards, breadcrumbs,
alternates, pagination, and the variables every template receives (`Views.page`). Everything is
read through `Inputs`, which records it. What each kind of page shows is in `showcase.pages`.
It never renders templates and never writes files.
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from . import analytics, commerce, components, market, navigation, offline, security, structured
from .config import SiteConfig
from .images import ImagePlan
from .inputs import ASSETS, Inputs, page_count
from .model import Entry, Image, Maker, Page as PageEntry, Product
from .routes import OFFLINE_SLUG, RECORD_SLUG, Routes
from .share import HEIGHT as SHARE_HEIGHT, WIDTH as SHARE_WIDTH, SharePlan
from .strings import strings_for

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}
# `sizes` follow the theme's layout (templates/static/site.css): cards are 1 column on phones,
# 2 from 560 px, 3 from 900 px, 270 px wide from 1200 px.
SIZES_CARD = "(min-width: 1200px) 270px, (min-width: 900px) 30vw, (min-width: 560px) 50vw, 100vw"
SIZES_HERO = "(min-width: 1200px) 640px, (min-width: 900px) 55vw, 100vw"
SIZES_COVER = "100vw"
SIZES_LOGO = "(min-width: 700px) 128px, 96px"
SIZES_BODY = "(min-width: 800px) 720px, 100vw"
PER_PAGE = 24
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


# -- values ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    sources: tuple[Source, ...]
    src: str
    srcset: str
    sizes: str
    width: int
    height: int
    alt: str
    loading: str
    fetchpriority: str
    placeholder: str
    lang: str | None
    focus: str = ""  # the part a cropped frame keeps, as a class suffix (`top-left`); "" = the centre
    shape: str = ""  # height / width, for a frame that shows the photo whole (the product gallery)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Card:
    title: str
    url: str
    price: str
    unit: str | None
    image: Picture | None
    maker: str
    region: str
    lang: str | None
    badge: Any = None  # market.Badge: "Pre-order" or "Habis" (sold out), else None


@dataclass(frozen=True)
class Contact:
    label: str
    value: str
    url: str | None
    kind: str


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class OfflineHead:
    """The URLs `base.html` prints for offline reading: manifest, icons, service worker, scope."""

    manifest: str
    icon: str
    apple_icon: str
    sw: str
    scope: str
    kill: bool


NAV_ROW = 6
"""At most this many menu destinations are shown in the bar of a phone: more would wrap onto a
third row and push the page's title and price off the first screen."""


@dataclass(frozen=True)
class SiteView:
    """The `site` variable: the same on every page of a language but for `nav[].current`."""

    title: str
    tagline: str
    description: str
    organisation: str
    home_url: str
    theme_color: str
    logo: Picture | None
    nav: tuple[NavItem, ...]
    search: NavItem
    contact: tuple[Contact, ...]
    year: int
    offline: OfflineHead
    order: NavItem | None = None  # the order list, linked from the header with its item count
    nav_main: tuple[NavItem, ...] = ()
    """The destinations shown in the menu bar on a phone: all of `nav` when there are at most
    NAV_ROW of them, else the first four (products, regions, categories, makers)."""
    nav_more: tuple[NavItem, ...] = ()
    """The others, behind a "Lainnya" (More) button on a phone, in the bar on a wide screen."""
    nav_more_current: bool = False  # the current page is one of nav_more
    nav_current: bool = False
    """The current page is one of `nav`: with large text on a phone every destination folds into
    one "Menu" button, which then shows it."""
    csp: Markup = Markup(security.CSP)
    """The pages' Content-Security-Policy (security.site_csp), printed as it is (quotes unescaped)."""
    count: analytics.CountHead | None = None
    """The site's own counting script and its settings, only with `analytics:` in site.yaml."""


@dataclass(frozen=True)
class Alternate:
    lang: str
    url: str


@dataclass(frozen=True)
class Switch:
    lang: str
    label: str
    url: str


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str | None


@dataclass(frozen=True)
class OpenGraph:
    type: str
    locale: str
    card: str
    image: str | None
    image_alt: str
    image_width: int | None
    image_height: int | None
    price: int | None


@dataclass(frozen=True)
class FeedLink:
    title: str
    url: str


@dataclass(frozen=True)
class Head:
    """The `page` variable: what `<head>`, the header and the footer need."""

    title: str
    description: str
    lang: str
    canonical: str
    alternates: tuple[Alternate, ...]
    prev: str | None
    next: str | None
    switch: Switch | None
    breadcrumbs: tuple[Crumb, ...]
    css_url: str
    js_url: str
    body_class: str
    content_lang: str | None
    jsonld: Markup | None
    og: OpenGraph
    feed: FeedLink
    catalogue: Link


@dataclass(frozen=True)
class PageLink:
    number: int
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class Pagination:
    number: int
    total: int
    label: str
    summary: str
    prev: PageLink | None
    next: PageLink | None
    pages: tuple[PageLink | None, ...]


@dataclass(frozen=True)
class Spec:
    """One page to make: where it goes, which kind of page it is, whose it is, in what language."""

    output: str
    kind: str
    owner: str
    lang: str
    number: int = 1
    argument: str = ""


@dataclass(frozen=True)
class PageSummary:
    """What the stages after rendering know of a page: the sitemap, `_headers`, the service
    worker's precache list and the build report read this, never the page itself."""

    output: str
    template: str
    owner: str
    kind: str
    lang: str
    canonical: str
    alternates: tuple[Alternate, ...]
    lastmod: date | None = None
    share: SharePlan | None = None
    photo: str | None = None  # the small photo the service worker saves for this page

    @property
    def listed(self) -> bool:
        """Whether search engines should know the page (404 and the offline fallback have no alternates)."""
        return bool(self.alternates)


@dataclass(frozen=True)
class Page:
    """One page to render: its spec, template, the common variables and its own view."""

    spec: Spec
    template: str
    head: Head | None  # None for pages that are not HTML (feeds)
    site: SiteView | None
    name: str
    view: Any
    pagination: Pagination | None = None
    lastmod: date | None = None
    share: SharePlan | None = None
    photo: str | None = None

    def context(self) -> dict[str, Any]:
        """The variables the template receives (docs/templates.md)."""
        return {"site": self.site, "page": self.head, "t": strings_for(self.spec.lang), self.name: self.view,
                "pagination": self.pagination}

    def summary(self) -> PageSummary:
        head = self.head
        return PageSummary(self.spec.output, self.template, self.spec.owner, self.spec.kind, self.spec.lang,
                           head.canonical if head else "", head.alternates if head else (), self.lastmod, self.share,
                           self.photo)


# -- formatting ------------------------------------------------------------------------------
def make_picture(plan: ImagePlan, alt: str, routes: Routes, formats: Sequence[str], sizes: str,
                 eager: bool = False, alt_lang: str | None = None, focus: str = "center") -> Picture:
    """A responsive picture: one srcset per format (best first), a JPEG fallback near 720 px."""
    srcsets = {fmt: ", ".join(f"{routes.asset(v.path)} {v.width}w" for v in plan.variants if v.format == fmt)
               for fmt in formats}
    jpeg = [v for v in plan.variants if v.format == "jpeg"]
    fallback = next((v for v in jpeg if v.width >= 720), jpeg[-1])
    return Picture(sources=tuple(Source(MIME[f], srcsets[f]) for f in formats if f != "jpeg"),
                   src=routes.asset(fallback.path), srcset=srcsets["jpeg"], sizes=sizes,
                   width=plan.width, height=plan.height, alt=alt,
                   loading="eager" if eager else "lazy", fetchpriority="high" if eager else "auto",
                   placeholder=plan.placeholder, lang=alt_lang,
                   focus="" if focus == "center" else focus.replace(" ", "-"),
                   shape=f"{plan.height / plan.width:.4f}")


def picture_html(plan: ImagePlan, alt: str, routes: Routes, formats: Sequence[str], sizes: str | None = None) -> str:
    """A photo inside a Markdown body, as the same <picture> the templates print."""
    return picture_tag(make_picture(plan, alt, routes, formats, sizes or SIZES_BODY))


def card_html(c: Card) -> str:
    """A product card inside a body, as the `card` macro of macros.html prints it (the title
    link stretches over the card; an h3 fits under a body's h2 headings)."""
    esc = html.escape
    media = picture_tag(c.image) if c.image else '<span class="no-photo"></span>'
    badge = f'<span class="badge badge-{esc(c.badge.kind)}">{esc(c.badge.label)}</span> ' if c.badge else ""
    unit = f' <span class="card-unit">{esc(c.unit)}</span>' if c.unit else ""
    lang = f' lang="{esc(c.lang)}"' if c.lang else ""
    return (f'<article class="card"{lang}><div class="card-media">{media}</div><div class="card-body">'
            f'<h3 class="card-title"><a href="{esc(c.url)}">{esc(c.title)}</a></h3>'
            f'<p class="card-price">{badge}{esc(c.price)}{unit}</p>'
            f'<p class="card-meta">{esc(c.maker)}<span aria-hidden="true"> · </span>'
            f'<span class="card-region">{esc(c.region)}</span></p></div></article>')


def picture_tag(p: Picture) -> str:
    """A picture as HTML, for the parts of a page made outside the templates (bodies)."""
    esc = html.escape
    sources = "".join(f'<source type="{s.type}" srcset="{esc(s.srcset)}" sizes="{p.sizes}">' for s in p.sources)
    return (f'<picture>{sources}<img src="{esc(p.src)}" srcset="{esc(p.srcset)}" sizes="{p.sizes}" '
            f'width="{p.width}" height="{p.height}" alt="{esc(p.alt)}" loading="lazy" decoding="async">'
            f"</picture>")


def breakable_url(url: str) -> Markup:
    """A URL to print under a QR code, with line-break opportunities (`<wbr>`) after each `/` of
    its path and before `?`, `&` and `#`: a narrow column or a printed page wraps it between its
    parts (`example.org/` | `produk/` | `abon-bandeng/`), never inside a word."""
    scheme, sep, rest = url.partition("://")
    parts = [part for part in re.split(r"(?<=/)|(?=[?&#])", rest if sep else url) if part]
    if sep and parts:
        parts[0] = f"{scheme}://{parts[0]}"
    return Markup("<wbr>").join(parts)  # join escapes each part


def count(t: Any, n: int) -> str:
    """`1 product`, `12 products` (Indonesian has one form for both)."""
    return str((t["count_products_one"] if n == 1 else t["count_products"]).format(n=n))


def format_date(day: date, lang: str) -> str:
    """`2026-09-24` -> `24 September 2026`."""
    return f"{day.day} {MONTHS.get(lang, MONTHS['en'])[day.month - 1]} {day.year}"


def plain_text(markup: str, limit: int = 160) -> str:
    """The first paragraph of rendered HTML as plain text, cut at a word near `limit`."""
    match = re.search(r"<p>(.*?)</p>", markup, re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", "", match.group(1) if match else ""))
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def page_numbers(current: int, total: int, span: int = 2) -> list[int | None]:
    """The page numbers a pagination nav links: first, last and `span` either side of the
    current one, None where numbers are left out (`1 None 4 5 6 7 8 None 20`)."""
    keep = sorted({1, total, *range(max(1, current - span), min(total, current + span) + 1)})
    out: list[int | None] = []
    for n in keep:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def pages_of(total_items: int) -> int:
    """How many pages of PER_PAGE a list of `total_items` needs (one, maybe empty, when none)."""
    return page_count(total_items, PER_PAGE)


def span(number: int) -> tuple[int, int]:
    """The slice of a list that page `number` shows."""
    return (number - 1) * PER_PAGE, number * PER_PAGE


# -- the helpers of one language -------------------------------------------------------------
class Views:
    """The shared view helpers of one site in one language, reading through `Inputs`."""

    def __init__(self, inputs: Inputs, config: SiteConfig, routes: Routes, assets: dict[str, str], lang: str,
                 logo: Image | None = None) -> None:
        self.inputs = inputs
        self.config = config
        self.routes = routes
        self._assets = assets
        self.lang = lang
        self.t = strings_for(lang)
        self.logo = logo
        self._site: SiteView | None = None
        self._site_reads: frozenset[str] = frozenset()

    # -- texts -----------------------------------------------------------------------------
    def text(self, entry: Entry, name: str) -> tuple[Any, bool]:
        """A text field in this language, or the Indonesian value and True when it fell back."""
        return entry.text(self.lang, name)

    def title(self, entry: Entry) -> str:
        return str(self.text(entry, "title" if isinstance(entry, (Product, PageEntry)) else "name")[0])

    def body(self, entry: Entry) -> tuple[Markup, bool]:
        """The entry's body in this language, or the Indonesian one and whether it fell back;
        a ```product``` component in it becomes that product's current card (read here, so
        the page is rebuilt when the product changes)."""
        if self.lang != "id":
            translated = self.inputs.body(entry.kind, entry.slug, self.lang)
            if translated is not None:
                return Markup(self._cards_in(translated)), False
        original = self.inputs.body(entry.kind, entry.slug, "id") or ""
        return Markup(self._cards_in(original)), self.lang != "id" and bool(original)

    def _cards_in(self, body: str) -> str:
        if "<!--showcase-product:" not in body:
            return body

        def card(match: re.Match[str]) -> str:
            slug = match.group(1)
            if self.entry("product", slug) is None:  # gone since the body was checked: its error is reported there
                return ""
            return card_html(self.card(slug))
        return components.PRODUCT_MARKER_RE.sub(card, body)

    def price(self, product: Product) -> str:
        return commerce.price_text(product.lowest_price, product.highest_price, self.t["price_on_request"])

    def link(self, entry: Entry, label: str | None = None) -> Link:
        return Link(label or self.title(entry), self.routes.href(entry.kind, entry.slug, self.lang))

    def entry(self, kind: str, slug: str) -> Any:
        return self.inputs.entry(kind, slug)

    @property
    def assets(self) -> dict[str, str]:
        """The theme's hashed file URLs (css, js, search, order); reading them is recorded, so a
        changed stylesheet or script rebuilds the pages that link to it."""
        self.inputs.read(ASSETS)
        return self._assets

    # -- pictures and cards ----------------------------------------------------------------
    def picture(self, image: Image | None, sizes: str, eager: bool = False, index: int = 0,
                entry: Entry | None = None) -> Picture | None:
        plan = self.inputs.plan(image)
        if image is None or plan is None:
            return None
        alt, alt_lang = image.alt, None
        translation = entry.translation(self.lang) if entry is not None and self.lang != "id" else None
        if translation is not None and index < len(translation.alts):
            alt = translation.alts[index]
        elif self.lang != "id":
            alt_lang = "id"
        return make_picture(plan, alt, self.routes, self.config.images.formats, sizes, eager, alt_lang, image.focus)

    def card(self, slug: str, eager: bool = False) -> Card:
        """A product as a card in lists; made once per process and language, its reads replayed."""
        return self.inputs.remember(("card", slug, self.lang, eager), lambda: self._card(slug, eager))  # type: ignore[no-any-return]

    def _card(self, slug: str, eager: bool) -> Card:
        product = self.entry("product", slug)
        title, fallback = self.text(product, "title")
        image = product.images[0] if product.images else None
        region = self.entry("region", product.region)
        return Card(title=title, url=self.routes.href("product", slug, self.lang), price=self.price(product),
                    unit=commerce.unit_text(self.text(product, "unit")[0]),
                    image=self.picture(image, SIZES_CARD, eager, 0, product),
                    maker=self.title(self.entry("maker", product.maker)),
                    region=self.text(region, "short_name")[0], lang="id" if fallback else None,
                    badge=market.badge(market.product_state(
                        product, self.inputs.today() if product.depends_on_date() else date.min), self.t))

    def cards(self, slugs: Sequence[str]) -> tuple[Card, ...]:
        return tuple(self.card(s) for s in slugs)

    # -- site-wide -------------------------------------------------------------------------
    def site(self, current: str) -> SiteView:
        """The `site` variable; only `nav[].current` and `search.current` differ from page to page."""
        shared = self._shared_site()

        def mark(item: NavItem) -> NavItem:
            # (the home page is current only on itself; another site's address never is)
            url = item.url.split("#", 1)[0]
            return NavItem(item.label, item.url, current == url or (current.startswith(url) and url != shared.home_url))

        nav = tuple(mark(n) for n in shared.nav)
        main, more = (nav, ()) if len(nav) <= NAV_ROW else (nav[:4], nav[4:])
        return SiteView(**{**shared.__dict__, "nav": nav, "nav_main": main, "nav_more": more,
                           "nav_more_current": any(n.current for n in more), "nav_current": any(n.current for n in nav),
                           "search": mark(shared.search), "order": mark(shared.order) if shared.order else None})

    def _shared_site(self) -> SiteView:
        if self._site is not None:
            for key in self._site_reads:
                self.inputs.read(key)
            return self._site
        with self.inputs.recording() as reads:
            self._site = self._make_site()
        self._site_reads = frozenset(reads)
        return self._site

    def _menu(self) -> list[tuple[str, str]]:
        """The menu as site.yaml's `navigation:` writes it: each label in this language (or the
        site's own when it has no translation; a `page:` without a label shows the page's title)."""
        found = []
        for link in self.config.navigation or ():
            label = link.label_in(self.lang)
            if label is None and link.page is not None:
                entry = self.entry("page", link.page)
                label = self.title(entry) if entry is not None else link.page
            found.append((label or "", navigation.href(self.routes, link, self.lang)))
        return found

    def _theme_menu(self) -> list[tuple[str, str]]:
        """The theme's menu: the sections, those a site may lack only when it has them, then the
        pages with `menu:` in their order."""
        t, lang, routes = self.t, self.lang, self.routes
        nav = [(t["nav_products"], routes.href("product", None, lang)),
               (t["nav_regions"], routes.href("region", None, lang)),
               (t["nav_categories"], routes.href("category", None, lang)),
               (t["nav_makers"], routes.href("maker", None, lang))]
        if self.inputs.count("kind/gallery"):
            nav.append((t["nav_galleries"], routes.href("gallery", None, lang)))
        if self.inputs.members("kind/news") or self.inputs.members("kind/event"):  # activities (issue 14)
            nav.append((t["nav_activities"], routes.href("activity", None, lang)))
        if self.inputs.members("kind/program"):  # programmes (issue 14)
            nav.append((t["nav_programs"], routes.href("program", None, lang)))
        if self.config.partners:  # the partner network (issue 14)
            nav.append((t["nav_network"], routes.href("network", None, lang)))
        nav += [(self.title(self.entry("page", s)), routes.href("page", s, lang)) for s in self.inputs.members("menu")]
        return nav

    def _make_site(self) -> SiteView:
        t, lang, routes = self.t, self.lang, self.routes
        nav = self._menu() if self.config.navigation is not None else self._theme_menu()
        contact = []
        if self.config.contact_whatsapp:
            number = self.config.contact_whatsapp
            contact.append(Contact(t["contact_whatsapp"], commerce.display_phone(number),
                                   commerce.whatsapp_link(number), "whatsapp"))
        if self.config.contact_email:
            contact.append(Contact(t["contact_email"], self.config.contact_email,
                                   "mailto:" + self.config.contact_email, "email"))
        newest = self.inputs.slice("products", 0, 1)
        dated = self.entry("product", newest[0]).date if newest else None
        config = self.config
        counting = config.analytics
        script = self.assets["count"] if counting is not None else ""
        return SiteView(
            title=config.text("title", lang), tagline=config.text("tagline", lang),
            description=config.text("description", lang), organisation=config.text("organisation", lang),
            home_url=routes.href("home", None, lang), theme_color=config.theme_color,
            logo=self.picture(self.logo, SIZES_LOGO, eager=True),
            nav=tuple(NavItem(label, url) for label, url in nav),
            search=NavItem(t["search"], routes.href("search", None, lang)), contact=tuple(contact),
            year=dated.year if dated else self.inputs.today().year, offline=offline_head(routes, self.config),
            order=NavItem(t["order_link"], routes.href("order", None, lang)),
            csp=Markup(security.site_csp(frames=self.inputs.frames(), connect=analytics.connect(counting))),
            count=analytics.CountHead(script, counting.provider, counting.url, counting.site_id)
            if counting is not None and script else None)

    def contacts(self, maker: Maker) -> tuple[Contact, ...]:
        """A maker's contacts as the page lists them, each with its label and link."""
        t = self.t
        labels = {"whatsapp": t["contact_whatsapp"], "phone": t["contact_phone"], "email": t["contact_email"],
                  "instagram": "Instagram", "website": t["contact_website"], "address": t["contact_address"]}
        found = []
        for kind, value in maker.contacts():
            shown, url = value, None
            if kind == "whatsapp":
                shown, url = commerce.display_phone(value), commerce.whatsapp_link(value)
            elif kind == "phone":
                shown, url = commerce.display_phone(value), "tel:+" + value
            elif kind == "email":
                url = "mailto:" + value
            elif kind == "instagram":
                shown, url = "@" + value, f"https://www.instagram.com/{value}/"
            elif kind == "website":
                url = value
            found.append(Contact(labels[kind], shown, url, kind))
        return tuple(found)

    def page(self, spec: Spec, template: str, name: str, view: Any, title: str, description: str,
             crumbs: Sequence[Link], *, slug: str | None = None, pagination: Pagination | None = None,
             content_lang: str | None = None, jsonld: Markup | None = None, og: dict[str, Any] | None = None,
             lastmod: date | None = None, share: SharePlan | None = None, route: str | None = None,
             photo: Image | None = None) -> Page:
        """A page with the common variables every template receives."""
        kind, lang, number, t = route or spec.kind, spec.lang, spec.number, self.t
        href = self.routes.href(kind, slug, lang, number)
        one_language = kind == "404" or (kind == "page" and slug in (OFFLINE_SLUG, RECORD_SLUG))
        alternates = tuple(Alternate(code, self.routes.absolute(kind, slug, code, number))
                           for code in self.config.languages) if not one_language else ()
        others = [other for other in self.config.languages if other != lang]
        switch = None
        if others and not one_language:
            other = others[0]
            switch = Switch(other, strings_for(other)["language_name"], self.routes.href(kind, slug, other, number))
        trail = [Link(t["home"], self.routes.href("home", None, lang)), *crumbs] if kind != "home" else []
        breadcrumbs = tuple(Crumb(c.label, c.url) for c in trail[:-1]) + \
            ((Crumb(trail[-1].label, None),) if trail else ())
        region_catalogue = kind == "region" and slug is not None and self.inputs.has(f"region/{slug}")
        site_title = self.config.text("title", lang)
        head = Head(
            title=title if kind == "home" else f"{title} · {site_title}",
            description=description or self.config.text("description", lang), lang=lang,
            canonical=self.routes.absolute(kind, slug, lang, number), alternates=alternates,
            prev=pagination.prev.url if pagination and pagination.prev else None,
            next=pagination.next.url if pagination and pagination.next else None,
            switch=switch, breadcrumbs=breadcrumbs,
            css_url=self.assets["css"], js_url=self.assets["js"], body_class=f"page-{kind}",
            content_lang=content_lang, jsonld=jsonld, og=OpenGraph(**{**self._og_default(), **(og or {})}),
            feed=FeedLink(f"{site_title} · {t['feed']}", self.routes.asset(Routes.feed(lang))),
            catalogue=Link(t["catalogue"], self.routes.href("catalogue", slug if region_catalogue else None, lang)))
        return Page(spec, template, head, self.site(href), name, view, pagination, lastmod, share,
                    self.small_photo(photo))

    def small_photo(self, image: Image | None) -> str | None:
        """The variant of a photo a browser picks at the smallest width (what offline saves)."""
        plan = self.inputs.plan(image)
        variant = offline.preferred_variant(plan, self.config.images.formats) if plan else None
        return variant.path if variant else None

    # -- structured data and sharing -------------------------------------------------------
    def image_url(self, image: Image | None) -> str | None:
        """The absolute URL of a photo's widest JPEG, for JSON-LD and og:image."""
        plan = self.inputs.plan(image)
        return self.routes.absolute_asset(structured.largest_jpeg(plan)) if plan else None

    def business_ld(self, maker: Maker, description: str = "") -> dict[str, Any]:
        region = self.entry("region", maker.region)
        links = [f"https://www.instagram.com/{maker.instagram}/"] if maker.instagram else []
        links += [maker.website] if maker.website else []
        links += [x.url for x in maker.marketplaces]
        return structured.business(maker, self.title(maker), self.routes.absolute("maker", maker.slug, self.lang),
                                   region, self.title(region), description, self.image_url(maker.logo), links)

    def _og_default(self) -> dict[str, Any]:
        """Open Graph values of a page without its own picture: the site's logo, a small card."""
        logo = self.image_url(self.logo)
        return {"type": "website", "locale": "id_ID" if self.lang == "id" else "en_US", "card": "summary",
                "image": logo, "image_alt": self.config.text("title", self.lang) if logo else "", "image_width": None,
                "image_height": None, "price": None}

    def og_product(self, product: Product, title: str, share: SharePlan | None) -> dict[str, Any]:
        """A product's share image (1200x630, name and price on the photo) for chat apps."""
        og: dict[str, Any] = {"type": "product", "price": product.lowest_price}
        if share is not None:
            og.update(image=self.routes.absolute_asset(share.path), image_alt=title, card="summary_large_image",
                      image_width=SHARE_WIDTH, image_height=SHARE_HEIGHT)
        return og

    # -- pagination ------------------------------------------------------------------------
    def pagination(self, kind: str, number: int, total: int, slug: str | None = None) -> Pagination | None:
        """Page `number` of `total` of a listing (or of the category, region or maker `slug`):
        prev/next and a window of page links, or None when there is one page."""
        if total <= 1:
            return None
        t = self.t

        def link(n: int, label: str) -> PageLink:
            return PageLink(n, label, self.routes.href(kind, slug, self.lang, n), n == number)

        return Pagination(number, total, t["pagination"], t["page_of"].format(n=number, total=total),
                          link(number - 1, t["page_prev"]) if number > 1 else None,
                          link(number + 1, t["page_next"]) if number < total else None,
                          tuple(link(n, str(n)) if n else None for n in page_numbers(number, total)))

    def paged_title(self, name: str, number: int, total: int) -> str:
        return name if number == 1 else f"{name} · {self.t['page_of'].format(n=number, total=total)}"

    def paged_crumbs(self, kind: str, slug: str, section: str, name: str, number: int) -> list[Link]:
        """`Kategori › Olahan` on page 1; `Kategori › Olahan › Halaman 2` (Olahan linked) after."""
        head = Link(self.t[section], self.routes.href(kind, None, self.lang))
        if number == 1:
            return [head, Link(name, "")]
        return [head, Link(name, self.routes.href(kind, slug, self.lang)),
                Link(self.t["page_number"].format(n=number), "")]


def offline_head(routes: Routes, config: SiteConfig) -> OfflineHead:
    """The URLs `base.html` prints: manifest, icons, the service worker and its scope."""
    return OfflineHead(**offline.head(routes, config))
