"""Every URL of the built site, decided in one place.

Owns the URL scheme of the content model (Indonesian at the root, English under `/en/`), the
sub-path taken from `base_url`, output file paths (`<path>/index.html`), and the rule that two
pages may never write one file. Views and templates ask here; nothing else builds a URL.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import Diagnostics

SECTIONS = {
    "product": {"id": "produk", "en": "products"},
    "region": {"id": "wilayah", "en": "regions"},
    "category": {"id": "kategori", "en": "categories"},
    "maker": {"id": "umkm", "en": "makers"},
    "search": {"id": "cari", "en": "search"},
    "catalogue": {"id": "katalog", "en": "catalogue"},
    # activities (issue 14): news and events share one section and one namespace of slugs
    "activity": {"id": "kegiatan", "en": "activities"},
    "news": {"id": "kegiatan", "en": "activities"},
    "event": {"id": "kegiatan", "en": "activities"},
    "program": {"id": "program", "en": "programmes"},  # programmes (issue 14)
    "network": {"id": "jejaring", "en": "network"},  # the partner network (issue 14)
    "gallery": {"id": "gerai", "en": "outlets"},
    "order": {"id": "pesanan", "en": "order"},
    "labels": {"id": "label-rak", "en": "shelf-labels"},
}
AGENDA_ICS = "kegiatan/agenda.ics"
"""The calendar of every event (RFC 5545), one file for every language."""
ORDER_DATA = "data.json"
"""The current names and prices the order list reads, beside its page: `pesanan/data.json`."""
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
EXPORTS = ("katalog.json", "katalog.csv")
KATALOG_SCHEMA = "katalog.schema.json"  # the versioned JSON Schema of katalog.json (issue 14)
OFFLINE_SLUG = "offline"
"""The page the service worker shows for a page it never saved: `/offline/`, `/en/offline/`."""
RECORD_SLUG = "offline/record"
"""The skeleton the service worker fills from an offline record: `/offline/record/`, `/en/offline/record/`."""

# Later pages of a paginated listing: `/produk/halaman/2/`, `/en/products/page/2/`; of a
# category, region or maker page: `/kategori/<slug>/halaman/2/`, `/en/categories/<slug>/page/2/`.
PAGE_SEGMENT = {"id": "halaman", "en": "page"}
# Kinds whose own pages (with a slug) paginate their products; a product page never does.
PAGED = ("category", "region", "maker", "catalogue", "labels")


@dataclass(frozen=True)
class Routes:
    """URLs for one site: `path` is site-relative, `href` adds the sub-path, `absolute` the origin."""

    base_path: str
    origin: str
    languages: tuple[str, ...]

    def path(self, kind: str, slug: str | None = None, lang: str = "id", number: int = 1) -> str:
        """Site-relative URL path without a leading slash: `produk/abon/`, `en/`, ``; a listing's
        page `number` above 1 is `produk/halaman/2/` (page 1 is the listing itself), and so is a
        category's, region's or maker's: `kategori/olahan/halaman/2/`."""
        prefix = "" if lang == "id" else f"{lang}/"
        if kind == "home":
            return prefix
        if kind == "page":
            return f"{prefix}{slug}/"
        if kind == "404":
            return "404.html"
        section = SECTIONS[kind][lang if lang in SECTIONS[kind] else "en"]
        if number > 1 and (not slug or kind in PAGED):
            base = f"{prefix}{section}/{slug}/" if slug else f"{prefix}{section}/"
            return f"{base}{PAGE_SEGMENT.get(lang, PAGE_SEGMENT['en'])}/{number}/"
        return f"{prefix}{section}/{slug}/" if slug else f"{prefix}{section}/"

    def resolve(self, path: str) -> tuple[str, str | None] | None:
        """What the page at a site-relative path shows, for checking links written in content:
        `produk/abon/` -> ("product", "abon"), `en/regions/` -> ("region", None), `tentang/` ->
        ("page", "tentang"), `` -> ("home", None); None when no page has that form."""
        parts = [p for p in path.split("/") if p]
        lang = "id"
        if parts and parts[0] in self.languages and parts[0] != "id":
            lang, parts = parts[0], parts[1:]
        if not parts:
            return ("home", None)
        for kind in ("product", "region", "category", "maker", "gallery", "search", "activity", "program"):
            if parts[0] == SECTIONS[kind].get(lang, SECTIONS[kind]["en"]):
                if len(parts) == 1:
                    return (kind, None)
                return (kind, parts[1]) if len(parts) == 2 and kind != "search" else None
        return ("page", parts[0]) if len(parts) == 1 else None

    def href(self, kind: str, slug: str | None = None, lang: str = "id", number: int = 1) -> str:
        """The link to put in a page: `/galeri/produk/abon/`."""
        return self.base_path + self.path(kind, slug, lang, number)

    def absolute(self, kind: str, slug: str | None = None, lang: str = "id", number: int = 1) -> str:
        """The full URL for canonical links, sitemaps and order messages."""
        return self.origin + self.href(kind, slug, lang, number)

    def asset(self, relative: str) -> str:
        """The link to a file in output/, e.g. `media/abon-1a2b-360.webp`."""
        return self.base_path + relative

    def absolute_asset(self, relative: str) -> str:
        """The full URL of a file in output/, for share images, feeds and the sitemap."""
        return self.origin + self.asset(relative)

    @staticmethod
    def feed(lang: str) -> str:
        """The Atom feed of a language: `feed.xml`, `en/feed.xml`."""
        return FEED if lang == "id" else f"{lang}/{FEED}"

    def activity_feed(self, lang: str) -> str:
        """The Atom feed of activities: `kegiatan/feed.xml`, `en/activities/feed.xml`."""
        return self.path("activity", None, lang) + FEED

    def order_files(self) -> list[tuple[str, str, str]]:
        """(language, page output, data output) of the order list of each language."""
        return [(lang, Routes.output_file(self.path("order", None, lang)), self.path("order", None, lang) + ORDER_DATA)
                for lang in self.languages]

    def offline_pages(self) -> list[tuple[str, str]]:
        """The offline page of each language as (language, output file), the site's own first."""
        return [(lang, Routes.output_file(self.path("page", OFFLINE_SLUG, lang))) for lang in self.languages]

    def record_skeletons(self) -> list[tuple[str, str]]:
        """The record skeleton of each language as (language, output file), the site's own first."""
        return [(lang, Routes.output_file(self.path("page", RECORD_SLUG, lang))) for lang in self.languages]

    def page_url(self, output: str) -> str:
        """`produk/abon/index.html` -> `/galeri/produk/abon/`, the URL links use."""
        if output == "index.html" or output.endswith("/index.html"):
            return self.asset(output[: -len("index.html")])
        return self.asset(output)

    @staticmethod
    def output_file(path: str) -> str:
        """Where a page path is written: `produk/abon/` -> `produk/abon/index.html`."""
        return path if path.endswith(".html") else path + "index.html"


class OutputPaths:
    """Claims of output files; a second claim on one file is an error naming both sources."""

    def __init__(self, diags: Diagnostics) -> None:
        self.diags = diags
        self.owners: dict[str, str] = {}

    def claim(self, output: str, owner: str) -> bool:
        previous = self.owners.get(output)
        if previous is not None and previous != owner:
            self.diags.error(owner, None, "ROUTE_COLLISION", output=output, other=previous)
            return False
        self.owners[output] = owner
        return True
