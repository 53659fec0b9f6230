"""The content model as frozen values: regions, categories, makers, products, pages, the catalog.

Only dataclasses and small pure lookups live here: no I/O, no formatting, no URLs. Objects refer
to one another by slug, so the graph has no cycles and every value can be compared and hashed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Mapping


@dataclass(frozen=True)
class Image:
    """A photo named by a content file: the file on disk, its alt text, where it was named, and the
    part of it a cropped frame keeps in view (`focus`, one of schema.FOCUS_POINTS)."""

    source: Path
    display: str
    alt: str
    ref_path: str
    ref_line: int
    focus: str = "center"


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Certification:
    type: str
    number: str
    valid_until: date | None

    def valid_on(self, day: date) -> bool:
        """Whether the licence still holds on `day` (one with no end date always does)."""
        return self.valid_until is None or self.valid_until >= day


@dataclass(frozen=True)
class Translation:
    """The English (or other) text of an entity; fields it does not set stay None."""

    lang: str
    display: str
    title: str | None = None
    summary: str | None = None
    unit: str | None = None
    tags: tuple[str, ...] | None = None
    alts: tuple[str, ...] = ()
    body: str = ""
    body_line: int = 1
    shelf_life: str | None = None
    storage: str | None = None
    ingredients: str | None = None
    materials: tuple[str, ...] | None = None
    opening_hours: str | None = None
    variants: tuple[tuple[str | None, str, str | None], ...] = ()  # (sku, name, unit) as written


@dataclass(frozen=True)
class Entry:
    """What every content file has: slug, file, body and translations."""

    kind: str
    slug: str
    display: str
    directory: Path
    body: str
    body_line: int
    translations: Mapping[str, Translation] = field(default_factory=dict, compare=False, hash=False)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    aliases: tuple[str, ...] = ()
    """Old addresses that lead here: old slugs, or paths from the site's root (`aliases:`)."""

    def translation(self, lang: str) -> Translation | None:
        return self.translations.get(lang)

    def text(self, lang: str, name: str) -> tuple[Any, bool]:
        """Field `name` in lang, or the Indonesian value and True when it had to fall back (a
        translation's `title` stands for `name`)."""
        value = getattr(self, name)
        if lang == "id":
            return value, False
        translation = self.translations.get(lang)
        translated = getattr(translation, "title" if name == "name" else name, None) if translation else None
        if translated:
            return translated, False
        return value, bool(value)


@dataclass(frozen=True)
class Region(Entry):
    name: str = ""
    short_name: str = ""
    province: str = ""
    region_kind: str = "kabupaten"
    code: str = ""
    districts: tuple[str, ...] = ()
    cover: Image | None = None
    summary: str = ""
    tz: str = ""  # the region's time zone (`Asia/Makassar`); "" = the site's (activities, issue 14)


@dataclass(frozen=True)
class Category(Entry):
    name: str = ""
    summary: str = ""
    order: int = 1000

    @property
    def sort_key(self) -> tuple[int, str, str]:
        """Categories are listed by `order`, then name, then slug (so ties are stable)."""
        return (self.order, self.name.casefold(), self.slug)


@dataclass(frozen=True)
class Maker(Entry):
    name: str = ""
    region: str = ""
    district: str | None = None
    whatsapp: str | None = None
    phone: str | None = None
    email: str | None = None
    instagram: str | None = None
    website: str | None = None
    address: str | None = None
    since: int | None = None
    logo: Image | None = None
    marketplaces: tuple[Link, ...] = ()
    summary: str = ""

    @property
    def sort_key(self) -> tuple[str, str]:
        """Makers are listed by name, then slug."""
        return (self.name.casefold(), self.slug)

    def contacts(self) -> tuple[tuple[str, str], ...]:
        """(kind, value) of every way to reach the maker, in the order pages show them:
        whatsapp, phone, email, instagram, website, address."""
        found = (("whatsapp", self.whatsapp), ("phone", self.phone), ("email", self.email),
                 ("instagram", self.instagram), ("website", self.website), ("address", self.address))
        return tuple((kind, value) for kind, value in found if value)


@dataclass(frozen=True)
class Variant:
    """One size or kind of a product, with its own price (and sku, unit, availability)."""

    name: str
    price: int
    price_max: int | None = None
    unit: str | None = None
    sku: str | None = None
    availability: str | None = None  # None: the product's


@dataclass(frozen=True)
class Tier:
    """A wholesale price: `price` each from `min_qty` pieces on."""

    min_qty: int
    price: int


@dataclass(frozen=True)
class Dimensions:
    length_cm: float
    width_cm: float
    height_cm: float | None = None


# What a buyer can do today: buy it, order it ahead, or not have it. Feeds and schema.org name them.
IN_STOCK, PREORDER, OUT_OF_STOCK = "in_stock", "preorder", "out_of_stock"


def stock_state(availability: str, months: tuple[int, ...], day: date) -> str:
    """`tersedia` is in stock, `pre-order` a preorder, `habis` out of stock, and `musiman` in stock
    in its months (by `day`, the build date) and out of stock otherwise."""
    if availability == "pre-order":
        return PREORDER
    if availability == "habis":
        return OUT_OF_STOCK
    if availability == "musiman":
        return IN_STOCK if day.month in months else OUT_OF_STOCK
    return IN_STOCK


@dataclass(frozen=True)
class Product(Entry):
    title: str = ""
    category: str = ""
    maker: str = ""
    region: str = ""
    district: str | None = None
    price: int | None = None
    price_max: int | None = None
    unit: str | None = None
    images: tuple[Image, ...] = ()
    summary: str = ""
    tags: tuple[str, ...] = ()
    certifications: tuple[Certification, ...] = ()
    marketplaces: tuple[Link, ...] = ()
    featured: bool = False
    draft: bool = False
    date: date | None = None
    variants: tuple[Variant, ...] = ()
    availability: str = "tersedia"
    lead_time_days: int | None = None
    months: tuple[int, ...] = ()
    shelf_life: str | None = None
    storage: str | None = None
    ingredients: str | None = None
    materials: tuple[str, ...] = ()
    dimensions: Dimensions | None = None
    weight_g: int | None = None
    min_order: int | None = None
    capacity_per_month: int | None = None
    wholesale: tuple[Tier, ...] = ()
    export_ready: bool = False
    available_at: tuple[str, ...] = ()

    @property
    def lowest_price(self) -> int | None:
        """The price a listing starts from: the product's, else its cheapest variant's."""
        if self.variants:
            return min(v.price for v in self.variants)
        return self.price

    @property
    def highest_price(self) -> int | None:
        """The top of the product's price range (None when it has no price)."""
        if self.variants:
            return max(v.price_max or v.price for v in self.variants)
        return self.price_max or self.price

    def stock_on(self, day: date, variant: Variant | None = None) -> str:
        """IN_STOCK, PREORDER or OUT_OF_STOCK on `day` (a variant's own availability first)."""
        return stock_state((variant.availability if variant else None) or self.availability, self.months, day)

    def depends_on_date(self) -> bool:
        """Whether what a page says about availability changes with the build date."""
        return "musiman" in (self.availability, *(v.availability for v in self.variants)) or any(
            a == "pre-order" for a in (self.availability, *(v.availability for v in self.variants)))

    def variant_id(self, index: int) -> str:
        """A variant's stable id: its sku, else `<slug>-<position from 1>`."""
        return self.variants[index].sku or f"{self.slug}-{index + 1}"

    def variant_text(self, lang: str, index: int) -> tuple[str, str | None]:
        """A variant's (name, unit) in lang: matched by sku in the translation, else by position."""
        variant = self.variants[index]
        translation = self.translations.get(lang) if lang != "id" else None
        if translation and translation.variants:
            by_sku = {sku: (name, unit) for sku, name, unit in translation.variants if sku}
            if variant.sku and variant.sku in by_sku:
                name, unit = by_sku[variant.sku]
                return name, unit or variant.unit
            if not variant.sku and index < len(translation.variants) and not translation.variants[index][0]:
                _, name, unit = translation.variants[index]
                return name, unit or variant.unit
        return variant.name, variant.unit

    @property
    def newest_key(self) -> tuple[int, str]:
        """Newest first, undated last, ties by slug: the order of every product list."""
        return (-(self.date or date.min).toordinal(), self.slug)

    def certifications_on(self, day: date) -> tuple[Certification, ...]:
        """The licences still valid on `day`, the only ones a page may show."""
        return tuple(c for c in self.certifications if c.valid_on(day))


def newest_first(products: Iterable[Product]) -> list[Product]:
    """Products newest first (see Product.newest_key)."""
    return sorted(products, key=lambda p: p.newest_key)


@dataclass(frozen=True)
class Gallery(Entry):
    """A place to buy in person: the council's gallery (gerai) or an outlet."""

    name: str = ""
    region: str = ""
    address: str = ""
    opening_hours: str | None = None
    map_url: str | None = None
    phone: str | None = None
    whatsapp: str | None = None
    summary: str = ""

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.name.casefold(), self.slug)


@dataclass(frozen=True)
class Page(Entry):
    title: str = ""
    menu: int | None = None
    summary: str = ""
    draft: bool = False


# -- activities and programmes (issue 14) -----------------------------------------------------
@dataclass(frozen=True)
class Venue:
    """Where an event takes place: a name and a street address."""

    name: str
    address: str = ""


@dataclass(frozen=True)
class News(Entry):
    """A news item (berita) under /kegiatan/: what a council did, dated."""

    title: str = ""
    date: date | None = None
    summary: str = ""
    images: tuple[Image, ...] = ()
    regions: tuple[str, ...] = ()
    makers: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    draft: bool = False


@dataclass(frozen=True)
class Event(Entry):
    """An event (pameran, bazar, pelatihan) under /kegiatan/: `start` and `end` are aware datetimes
    in the time zone `tz` of its region (or the site's); `all_day` when written as dates only."""

    title: str = ""
    event_type: str = ""
    start: datetime | None = None
    end: datetime | None = None
    all_day: bool = False
    tz: str = ""
    venue: Venue | None = None
    region: str = ""
    registration: str | None = None
    status: str = "scheduled"
    summary: str = ""
    images: tuple[Image, ...] = ()
    makers: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    draft: bool = False

    def upcoming_on(self, day: date) -> bool:
        """An event is upcoming until its end has passed: on `day`, its last local day is not over."""
        assert self.end is not None
        last = self.end - timedelta(microseconds=1) if self.all_day else self.end
        return last.date() >= day


@dataclass(frozen=True)
class Stage:
    """One stage of a programme (produksi, penjualan, pemasaran, ...)."""

    name: str
    summary: str = ""


@dataclass(frozen=True)
class Cohort:
    """One intake of a programme: its dates and the makers taking part."""

    name: str
    start: date
    end: date
    makers: tuple[str, ...] = ()

    def graduated_on(self, day: date) -> bool:
        """Its members are graduates once the cohort has ended: its last day is before `day`."""
        return self.end < day


@dataclass(frozen=True)
class Agency:
    """A partner agency of a programme (Disperindag, Dinas Koperasi, ...), with its site if any."""

    name: str
    url: str | None = None


@dataclass(frozen=True)
class Program(Entry):
    """A programme (`/program/<slug>/`): description (the body), stages, cohorts, partner agencies.
    `badge` names it on its alumni's pages: "Alumni {badge} {year}"."""

    title: str = ""
    summary: str = ""
    badge: str = ""
    region: str | None = None
    stages: tuple[Stage, ...] = ()
    cohorts: tuple[Cohort, ...] = ()
    partners: tuple[Agency, ...] = ()
    images: tuple[Image, ...] = ()
    draft: bool = False
# -- end of activities and programmes ----------------------------------------------------------


@dataclass(frozen=True)
class Catalog:
    """Every entry of a site, each tuple sorted by slug; references already resolved."""

    regions: tuple[Region, ...]
    categories: tuple[Category, ...]
    makers: tuple[Maker, ...]
    products: tuple[Product, ...]
    pages: tuple[Page, ...]
    logo: Image | None = None
    galleries: tuple[Gallery, ...] = ()
    # (kind, slug) of the files left out because they, or what they refer to, have errors: such a
    # build fails anyway, and links or references to them are not reported as missing as well.
    unbuilt: frozenset[tuple[str, str]] = frozenset()

    @cached_property
    def region(self) -> Mapping[str, Region]:
        return {r.slug: r for r in self.regions}

    @cached_property
    def category(self) -> Mapping[str, Category]:
        return {c.slug: c for c in self.categories}

    @cached_property
    def maker(self) -> Mapping[str, Maker]:
        return {m.slug: m for m in self.makers}

    def entries(self) -> tuple[Entry, ...]:
        return (*self.regions, *self.categories, *self.makers, *self.galleries, *self.products, *self.pages)

    @cached_property
    def gallery(self) -> Mapping[str, Gallery]:
        return {g.slug: g for g in self.galleries}
