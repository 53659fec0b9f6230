"""What templates see: read-only views of the catalog, with every value already formatted.

This module owns the presentation decisions that must be tested, not hidden in templates:
srcsets and sizes, which translation or fallback a page shows, cards, sorting, breadcrumbs,
alternates and pagination, and the variables every template receives (`ViewBuilder.add`).
What each kind of page shows is in pages.py (and catalogue.py); together they build the list
of pages to render (`PageOut`). It never renders templates and never writes files.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from datetime import date
from typing import Any, Mapping, Sequence

from markupsafe import Markup

from . import commerce, offline, structured
from .config import SiteConfig
from .images import ImagePlan
from .model import Catalog, Category, Entry, Image, Maker, Page, Product
from .routes import Routes
from .share import WIDTH as SHARE_WIDTH, HEIGHT as SHARE_HEIGHT, SharePlan
from .state import pickled_digest
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
NEWEST_COUNT = 8
RELATED_COUNT = 4
PER_PAGE = 24
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


@dataclass(frozen=True)
class PageOut:
    """One page to render: output file, template, context, and the source named in errors."""

    output: str
    template: str
    context: Mapping[str, Any]
    owner: str


FEED_FIELDS = ("title", "maker", "category", "price", "unit", "region", "summary")


def summary(page: PageOut) -> PageOut:
    """The page with only what stages after rendering read of its context (language, canonical
    URL and alternates; for a product, what its feed entry shows): cheap to keep for every page."""
    head = page.context["page"]
    context: dict[str, Any] = {"page": {k: head[k] for k in ("lang", "canonical", "alternates")}}
    if "product" in page.context:
        context["product"] = {k: page.context["product"][k] for k in FEED_FIELDS}
    return PageOut(page.output, page.template, context, page.owner)


Packed = tuple[Any, ...]


def pack(page: PageOut) -> Packed:
    """A summary as plain tuples, a few objects instead of dozens, for the build state."""
    head = page.context["page"]
    product = page.context.get("product")
    feed = tuple((v.label, v.url) if isinstance(v, Link) else v for v in (product[k] for k in FEED_FIELDS)) \
        if product is not None else None
    return (page.output, page.template, page.owner, head["lang"], head["canonical"],
            tuple((a["lang"], a["url"]) for a in head["alternates"]), feed)


def unpack(packed: Packed) -> PageOut:
    """The summary pack() was given."""
    output, template, owner, lang, canonical, alternates, feed = packed
    context: dict[str, Any] = {"page": {"lang": lang, "canonical": canonical,
                                        "alternates": [{"lang": code, "url": url} for code, url in alternates]}}
    if feed is not None:
        context["product"] = {k: Link(*v) if isinstance(v, tuple) else v for k, v in zip(FEED_FIELDS, feed)}
    return PageOut(output, template, context, owner)


@dataclass(frozen=True)
class Picture:
    sources: tuple[Mapping[str, str], ...]
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


@dataclass(frozen=True)
class Contact:
    label: str
    value: str
    url: str | None
    kind: str


def make_picture(plan: ImagePlan, alt: str, routes: Routes, formats: Sequence[str], sizes: str,
                 eager: bool = False, alt_lang: str | None = None, focus: str = "center") -> Picture:
    """A responsive picture: one srcset per format (best first), a JPEG fallback near 720 px."""
    srcsets = {fmt: ", ".join(f"{routes.asset(v.path)} {v.width}w" for v in plan.variants if v.format == fmt)
               for fmt in formats}
    jpeg = [v for v in plan.variants if v.format == "jpeg"]
    fallback = next((v for v in jpeg if v.width >= 720), jpeg[-1])
    return Picture(sources=tuple({"type": MIME[f], "srcset": srcsets[f]} for f in formats if f != "jpeg"),
                   src=routes.asset(fallback.path), srcset=srcsets["jpeg"], sizes=sizes,
                   width=plan.width, height=plan.height, alt=alt,
                   loading="eager" if eager else "lazy", fetchpriority="high" if eager else "auto",
                   placeholder=plan.placeholder, lang=alt_lang,
                   focus="" if focus == "center" else focus.replace(" ", "-"),
                   shape=f"{plan.height / plan.width:.4f}")


def picture_html(plan: ImagePlan, alt: str, routes: Routes, formats: Sequence[str]) -> str:
    """A photo inside a Markdown body, as the same <picture> the templates print."""
    p = make_picture(plan, alt, routes, formats, SIZES_BODY)
    esc = html.escape
    sources = "".join(f'<source type="{s["type"]}" srcset="{esc(s["srcset"])}" sizes="{p.sizes}">'
                      for s in p.sources)
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


def count(t: Mapping[str, str], n: int) -> str:
    """`1 product`, `12 products` (Indonesian has one form for both)."""
    return (t["count_products_one"] if n == 1 else t["count_products"]).format(n=n)


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


@dataclass(eq=False)
class ViewBuilder:
    """Builds every page's context for one site in one language at a time."""

    catalog: Catalog
    config: SiteConfig
    routes: Routes
    plans: Mapping[str, ImagePlan]
    bodies: Mapping[tuple[str, str, str], str]
    today: date
    assets: Mapping[str, str]
    pages: list[PageOut] = field(default_factory=list)
    shares: Mapping[tuple[str, str], SharePlan] = field(default_factory=dict)
    qr_codes: Mapping[str, str] = field(default_factory=dict)
    _cards: dict[tuple[str, str, bool], Card] = field(default_factory=dict)
    _digests: dict[int, str] = field(default_factory=dict)

    # -- small helpers -----------------------------------------------------------------------
    def text(self, entry: Entry, lang: str, name: str) -> tuple[Any, bool]:
        """A text field in lang, or the Indonesian value and True when it had to fall back."""
        return entry.text(lang, name)

    def title(self, entry: Entry, lang: str) -> str:
        return self.text(entry, lang, "title" if isinstance(entry, (Product, Page)) else "name")[0]

    def body(self, entry: Entry, lang: str) -> tuple[Markup, bool]:
        translated = self.bodies.get((entry.kind, entry.slug, lang))
        if translated is not None and lang != "id":
            return Markup(translated), False
        original = self.bodies.get((entry.kind, entry.slug, "id"), "")
        return Markup(original), lang != "id" and bool(original)

    def picture(self, image: Image | None, lang: str, sizes: str, eager: bool = False,
                index: int = 0, entry: Entry | None = None) -> Picture | None:
        if image is None or str(image.source) not in self.plans:
            return None
        alt, alt_lang = image.alt, None
        translation = entry.translation(lang) if entry is not None and lang != "id" else None
        if translation is not None and index < len(translation.alts):
            alt = translation.alts[index]
        elif lang != "id":
            alt_lang = "id"
        return make_picture(self.plans[str(image.source)], alt, self.routes, self.config.images.formats,
                            sizes, eager, alt_lang, image.focus)

    def link(self, entry: Entry, lang: str, label: str | None = None) -> Link:
        return Link(label or self.title(entry, lang), self.routes.href(entry.kind, entry.slug, lang))

    def price(self, product: Product, t: Mapping[str, str]) -> str:
        return commerce.price_text(product.price, product.price_max, t["price_on_request"])

    def card(self, product: Product, lang: str, t: Mapping[str, str], eager: bool = False) -> Card:
        made = self._cards.get((product.slug, lang, eager))
        if made is None:
            made = self._cards[(product.slug, lang, eager)] = self._card(product, lang, t, eager)
        return made

    def _card(self, product: Product, lang: str, t: Mapping[str, str], eager: bool) -> Card:
        title, fallback = self.text(product, lang, "title")
        unit = self.text(product, lang, "unit")[0]
        image = product.images[0] if product.images else None
        region = self.catalog.region[product.region]
        return Card(title=title, url=self.routes.href("product", product.slug, lang),
                    price=self.price(product, t), unit=commerce.unit_text(unit),
                    image=self.picture(image, lang, SIZES_CARD, eager, 0, product),
                    maker=self.title(self.catalog.maker[product.maker], lang),
                    region=self.text(region, lang, "short_name")[0], lang="id" if fallback else None)

    def cards(self, products: Sequence[Product], lang: str, t: Mapping[str, str]) -> list[Card]:
        return [self.card(p, lang, t) for p in products]

    # -- site-wide -----------------------------------------------------------------------
    def site(self, lang: str, t: Mapping[str, str], current: str) -> dict[str, Any]:
        """The `site` variable; only `nav[].current` and `search.current` differ from page to page."""
        shared = self._site(lang)

        def mark(item: Mapping[str, Any]) -> dict[str, Any]:
            return {**item, "current": current.startswith(item["url"]) and item["url"] != shared["home_url"]}

        return {**shared, "nav": [mark(item) for item in shared["nav"]], "search": mark(shared["search"])}

    @lru_cache(maxsize=None)
    def _site(self, lang: str) -> dict[str, Any]:
        t = strings_for(lang)
        nav = [(t["nav_products"], self.routes.href("product", None, lang)),
               (t["nav_regions"], self.routes.href("region", None, lang)),
               (t["nav_categories"], self.routes.href("category", None, lang)),
               (t["nav_makers"], self.routes.href("maker", None, lang))]
        menu = sorted((p for p in self.catalog.pages if p.menu is not None), key=lambda p: (p.menu, p.slug))
        nav += [(self.title(p, lang), self.routes.href("page", p.slug, lang)) for p in menu]
        contact = []
        if self.config.contact_whatsapp:
            number = self.config.contact_whatsapp
            contact.append(Contact(t["contact_whatsapp"], commerce.display_phone(number), commerce.whatsapp_link(number),
                                   "whatsapp"))
        if self.config.contact_email:
            contact.append(Contact(t["contact_email"], self.config.contact_email,
                                   "mailto:" + self.config.contact_email, "email"))
        dates = [p.date for p in self.catalog.products if p.date]
        logo = self.picture(self.catalog.logo, lang, SIZES_LOGO, eager=True)
        return {
            "title": self.config.text("title", lang), "tagline": self.config.text("tagline", lang),
            "description": self.config.text("description", lang),
            "organisation": self.config.text("organisation", lang),
            "home_url": self.routes.href("home", None, lang), "theme_color": self.config.theme_color,
            "logo": logo,
            "nav": [{"label": label, "url": url} for label, url in nav],
            "search": {"label": t["search"], "url": self.routes.href("search", None, lang)},
            "contact": contact, "year": max(dates).year if dates else self.today.year,
            "offline": offline.head(self.routes, self.config),
        }

    def add(self, template: str, kind: str, slug: str | None, lang: str, owner: str, title: str,
            description: str, crumbs: list[Link], variables: Mapping[str, Any],
            content_lang: str | None = None, jsonld: Markup | None = None,
            og: Mapping[str, Any] | None = None) -> None:
        """Record one page with the common variables every template receives."""
        t = strings_for(lang)
        paging = variables.get("pagination")  # listings past page 1 have their own URLs
        number = paging["number"] if paging else 1
        href = self.routes.href(kind, slug, lang, number)
        others = [other for other in self.config.languages if other != lang]
        one_language = kind == "404" or (kind, slug) == ("page", offline.OFFLINE_SLUG)
        alternates = [{"lang": code, "url": self.routes.absolute(kind, slug, code, number)}
                      for code in self.config.languages] if not one_language else []
        switch = None
        if others and not one_language:
            other = others[0]
            switch = {"lang": other, "label": strings_for(other)["language_name"],
                      "url": self.routes.href(kind, slug, other, number)}
        home = Link(t["home"], self.routes.href("home", None, lang))
        breadcrumbs = [home, *crumbs] if kind != "home" else []
        site_title = self.config.text("title", lang)
        page = {
            "title": title if kind == "home" else f"{title} · {site_title}",
            "description": description or self.config.text("description", lang), "lang": lang,
            "canonical": self.routes.absolute(kind, slug, lang, number), "alternates": alternates,
            "prev": paging["prev"]["url"] if paging and paging["prev"] else None,
            "next": paging["next"]["url"] if paging and paging["next"] else None,
            "switch": switch,
            "breadcrumbs": [{"label": c.label, "url": c.url} for c in breadcrumbs[:-1]]
            + ([{"label": breadcrumbs[-1].label, "url": None}] if breadcrumbs else []),
            "css_url": self.assets["css"], "js_url": self.assets["js"], "body_class": f"page-{kind}",
            "content_lang": content_lang,
            "jsonld": jsonld, "og": {**self.og_default(lang), **(og or {})},
            "feed": {"url": self.routes.asset(Routes.feed(lang)), "title": f"{site_title} · {t['feed']}"},
            "catalogue": {"label": t["catalogue"], "url": self.routes.href(
                "catalogue", slug if kind == "region" and self.of("region", slug or "") else None, lang)},
        }
        context = {"site": self.site(lang, t, href), "page": page, "t": t, **variables}
        self.pages.append(PageOut(Routes.output_file(self.routes.path(kind, slug, lang, number)), template,
                                  context, owner))

    # -- structured data and sharing --------------------------------------------------------
    def image_url(self, image: Image | None) -> str | None:
        """The absolute URL of a photo's widest JPEG, for JSON-LD and og:image."""
        plan = self.plans.get(str(image.source)) if image is not None else None
        return self.routes.absolute_asset(structured.largest_jpeg(plan)) if plan else None

    def business_ld(self, m: Maker, lang: str, description: str = "") -> dict[str, Any]:
        region = self.catalog.region[m.region]
        links = [f"https://www.instagram.com/{m.instagram}/"] if m.instagram else []
        links += [m.website] if m.website else []
        links += [x.url for x in m.marketplaces]
        return structured.business(m, self.title(m, lang), self.routes.absolute("maker", m.slug, lang), region,
                                   self.title(region, lang), description, self.image_url(m.logo), links)

    @lru_cache(maxsize=None)
    def og_default(self, lang: str) -> dict[str, Any]:
        """Open Graph values of a page without its own picture: the site's logo, a small card."""
        logo = self.image_url(self.catalog.logo)
        return {"type": "website", "locale": "id_ID" if lang == "id" else "en_US", "card": "summary",
                "image": logo, "image_alt": self.config.text("title", lang) if logo else "", "image_width": None,
                "image_height": None, "price": None}

    def og_product(self, p: Product, lang: str, title: str) -> dict[str, Any]:
        """A product's share image (1200x630, name and price on the photo) for chat apps."""
        og: dict[str, Any] = {"type": "product", "price": p.price}
        share = self.shares.get((p.slug, lang))
        if share is not None:
            og.update(image=self.routes.absolute_asset(share.path), image_alt=title, card="summary_large_image",
                      image_width=SHARE_WIDTH, image_height=SHARE_HEIGHT)
        return og

    # -- pages ---------------------------------------------------------------------------
    def build(self, products: Mapping[str, Sequence[PageOut]] | None = None) -> list[PageOut]:
        """Every page in a fixed order; `products` holds the product pages per language when they
        were made elsewhere (in parallel, see `product_pages`)."""
        from . import catalogue, pages  # they build on this module's views: imported here, not at the top
        for lang in self.config.languages:
            t = strings_for(lang)
            pages.home(self, lang, t)
            if products is not None:
                self.pages += products.get(lang, ())
            else:
                for product in self.catalog.products:
                    pages.product(self, product, lang, t)
            for region in self.catalog.regions:
                pages.region(self, region, lang, t)
            for category in self.catalog.categories:
                pages.category(self, category, lang, t)
            for maker in self.catalog.makers:
                pages.maker(self, maker, lang, t)
            for page in self.catalog.pages:
                pages.content_page(self, page, lang, t)
            pages.listings(self, lang, t)
            pages.search_page(self, lang, t)
            catalogue.add_pages(self, lang, t)
        t = strings_for("id")
        # One 404.html answers every unknown address, so it speaks every language of the site.
        others = [{"lang": lang, "title": strings_for(lang)["not_found_title"],
                   "text": strings_for(lang)["not_found_text"], "back": strings_for(lang)["back_home"],
                   "home": self.routes.href("home", None, lang)} for lang in self.config.languages if lang != "id"]
        self.add("404.html", "404", None, "id", "templates/404.html", t["not_found_title"], "", [],
                 {"not_found": {"others": others}})
        for lang in self.config.languages:  # the service worker answers each language with its own
            pages.offline_page(self, lang, strings_for(lang))
        return self.pages

    def product_page(self, product: Product, lang: str) -> PageOut:
        """The page of one product in lang, without recording it in `pages`."""
        from . import pages

        recorded, self.pages = self.pages, []
        try:
            pages.product(self, product, lang, strings_for(lang))
            return self.pages[0]
        finally:
            self.pages = recorded

    def digest(self, value: Any) -> str:
        """A digest of an entry (or photo plan) by its pickled value, made once per build."""
        key = id(value)
        made = self._digests.get(key)
        if made is None:
            made = self._digests[key] = pickled_digest(value)
        return made

    def warm(self) -> None:
        """Make the digests of every entry now, before worker processes are forked to share them."""
        for entry in self.catalog.entries():
            self.digest(entry)

    @lru_cache(maxsize=None)
    def site_inputs(self, lang: str) -> str:
        """A digest of everything site-wide a page in lang may show (settings, addresses, date,
        theme files, navigation, logo): part of every page's inputs (see pages.product_inputs)."""
        return pickled_digest((self.config, self.routes.base_path, self.routes.origin, self.routes.languages,
                               self.today, dict(self.assets), self._site(lang), self.og_default(lang)))

    @cached_property
    def _newest(self) -> list[Product]:
        return sorted(self.catalog.products, key=lambda p: (-(p.date or date.min).toordinal(), p.slug))

    def newest(self) -> list[Product]:
        """All products, newest first (then by slug, so ties are stable)."""
        return self._newest

    @cached_property
    def _by(self) -> dict[tuple[str, str], list[Product]]:
        """Products (newest first) grouped by ("region"|"category"|"maker", slug)."""
        groups: dict[tuple[str, str], list[Product]] = {}
        for product in self.newest():
            for attribute in ("region", "category", "maker"):
                groups.setdefault((attribute, getattr(product, attribute)), []).append(product)
        return groups

    def of(self, attribute: str, slug: str) -> list[Product]:
        return self._by.get((attribute, slug), [])

    # -- pages of one region, category or maker: paginated like the listings --------------
    def chunks(self, items: Sequence[Any]) -> list[Sequence[Any]]:
        """`items` in pages of PER_PAGE; one (maybe empty) page when there are none."""
        return [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [items[:0]]

    def paged_title(self, name: str, t: Mapping[str, str], number: int, total: int) -> str:
        return name if number == 1 else f"{name} · {t['page_of'].format(n=number, total=total)}"

    def paged_crumbs(self, kind: str, slug: str, lang: str, t: Mapping[str, str], section: str, name: str,
                     number: int) -> list[Link]:
        """`Kategori › Olahan` on page 1; `Kategori › Olahan › Halaman 2` (Olahan linked) after."""
        head = Link(t[section], self.routes.href(kind, None, lang))
        if number == 1:
            return [head, Link(name, "")]
        return [head, Link(name, self.routes.href(kind, slug, lang)), Link(t["page_number"].format(n=number), "")]

    def pagination(self, kind: str, lang: str, t: Mapping[str, str], number: int, total: int,
                   slug: str | None = None) -> dict[str, Any] | None:
        """Page `number` of `total` of a listing (or of the category, region or maker `slug`):
        prev/next and a window of page links, or None when there is one page."""
        if total <= 1:
            return None

        def link(n: int, label: str) -> dict[str, Any]:
            return {"number": n, "label": label, "url": self.routes.href(kind, slug, lang, n), "current": n == number}

        return {"number": number, "total": total, "label": t["pagination"],
                "summary": t["page_of"].format(n=number, total=total),
                "prev": link(number - 1, t["page_prev"]) if number > 1 else None,
                "next": link(number + 1, t["page_next"]) if number < total else None,
                "pages": [link(n, str(n)) if n else None for n in page_numbers(number, total)]}

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


def _ordered(categories: Sequence[Category]) -> list[Category]:
    return sorted(categories, key=lambda c: (c.order, c.name.casefold(), c.slug))


def build_pages(catalog: Catalog, config: SiteConfig, routes: Routes, plans: Mapping[str, ImagePlan],
                bodies: Mapping[tuple[str, str, str], str], today: date,
                assets: Mapping[str, str],
                shares: Mapping[tuple[str, str], SharePlan] | None = None,
                qr_codes: Mapping[str, str] | None = None) -> list[PageOut]:
    """Every page of the site, in a fixed order, ready for rendering."""
    return ViewBuilder(catalog, config, routes, plans, bodies, today, assets, shares=shares or {},
                       qr_codes=qr_codes or {}).build()


def qr_urls(catalog: Catalog, routes: Routes) -> list[str]:
    """The absolute URLs that get a QR code: product, maker and catalogue pages, every language."""
    urls = []
    for lang in routes.languages:
        urls.append(routes.absolute("home", None, lang))
        urls += [routes.absolute("product", p.slug, lang) for p in catalog.products]
        urls += [routes.absolute("maker", m.slug, lang) for m in catalog.makers]
    return urls
