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
}
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
EXPORTS = ("katalog.json", "katalog.csv")

# Later pages of a paginated listing: `/produk/halaman/2/`, `/en/products/page/2/`; of a
# category, region or maker page: `/kategori/<slug>/halaman/2/`, `/en/categories/<slug>/page/2/`.
PAGE_SEGMENT = {"id": "halaman", "en": "page"}
# Kinds whose own pages (with a slug) paginate their products; a product page never does.
PAGED = ("category", "region", "maker")


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
