"""Declared fields of every content kind, and validation of parsed YAML nodes against them.

This module owns the field tables (the single source for validation and for the editors' field
reference) and turns a `yamlnodes` tree into plain typed values, reporting every wrong type,
unknown key and missing field with its line. It reads text as the schema says: a phone or a
licence number stays text, a price must be digits. It never resolves references between files
(the loader does) and never reads files.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from . import commerce
from .errors import Diagnostics, did_you_mean
from .messages import Text
from .yamlnodes import Mapping, Node, Scalar, Sequence, kind_name


@dataclass(frozen=True)
class Field:
    """One declared field: its type, whether it is required, and how to write it."""

    name: str
    type: str
    required: bool = False
    item: "Field | None" = None
    fields: tuple["Field", ...] = ()
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    soft_length: int | None = None
    translatable: bool = False
    https_only: bool = False  # a `url` that must be https:// (http:// is an error, not a warning)
    aliases: tuple[tuple[str, str], ...] = ()  # (word an editor may write, the choice it means)
    example: str = ""
    doc: str = ""


@dataclass(frozen=True)
class ImageSpec:
    """An image as written in front matter: a path relative to the file, its alt text, and the part
    of the photo a cropped frame keeps (`focus`)."""

    src: str
    alt: str | None
    line: int
    col: int
    focus: str = "center"


@dataclass(frozen=True)
class MenuLink:
    """One destination of `navigation:` in site.yaml as written: its label (one text, or
    (language, text) pairs, the site's own language first; None for a `page:` link, which then
    shows the page's title), and either a `url` (a path from the site's root or a full address)
    or the slug of a content `page`. `field` names the item as messages do (`navigation[2]`),
    `line`/`col` locate it, `target_line` its url or page."""

    label: str | tuple[tuple[str, str], ...] | None
    url: str | None
    page: str | None
    field: str
    line: int
    col: int
    target_line: int

    def label_in(self, lang: str) -> str | None:
        """The label in `lang`, or in the site's own language when it has no translation."""
        if self.label is None or isinstance(self.label, str):
            return self.label
        return dict(self.label).get(lang, self.label[0][1])


@dataclass
class Record:
    """Validated values of one mapping, with the line of every field present."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


HARD_TEXT_LIMIT = 2000
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ALIAS_PATH = re.compile(r"^/[A-Za-z0-9._~/-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_HANDLE = re.compile(r"^[A-Za-z0-9._]{1,30}$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_DIGITS = re.compile(r"^[0-9]+$")
_THOUSANDS = re.compile(r"^(?:Rp\.?\s*)?\d{1,3}(?:[.,]\d{3})+(?:,-)?$", re.IGNORECASE)
_SITE_PATH = re.compile(r"^/[A-Za-z0-9._~/#-]*$")
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")
_BOOL = {"true": True, "false": False}


def whole_number_messages(spec: Field, lang: str = "id") -> dict[str, str]:
    """What validation says about a wrong whole number, with `{text}` (what was written), `{digits}`
    and `{number}` to fill in; `thousands` is the pattern of a price written with dots or "Rp".
    The web editor's form (showcase/editor/showcase-cms.js) says exactly what the build says: the
    texts come from the same catalogue (problems.py)."""
    from .messages import render, render_hint

    price = spec.name.startswith("price")
    example = spec.example or "1"
    wrong = "FM_NOT_INTEGER.price" if price else "FM_NOT_INTEGER"
    return {"thousands": _THOUSANDS.pattern if price else "",
            "rupiah": render(lang, "FM_NOT_INTEGER.price", value="{text}", digits="{digits}"),
            "other": render(lang, "FM_NOT_INTEGER", value="{text}", name=spec.name, example=example),
            "hint": render_hint(lang, wrong, value="{text}", digits="{digits}", name=spec.name, example=example),
            "below": render(lang, "FM_RANGE.price" if price else "FM_RANGE", value="{number}", minimum=spec.minimum),
            "below_hint": render_hint(lang, "FM_RANGE.price" if price else "FM_RANGE", value="{number}",
                                      minimum=spec.minimum),
            "above": render(lang, "FM_RANGE.above", value="{number}", maximum=spec.maximum)}


def _f(name: str, type_: str, **kw: Any) -> Field:
    return Field(name, type_, **kw)


# Where a photo cropped to a card's frame is held: the part of the photo that stays in view.
FOCUS_POINTS = ("center", "top", "bottom", "left", "right", "top left", "top right", "bottom left", "bottom right")
FOCUS_WORDS = (("tengah", "center"), ("atas", "top"), ("bawah", "bottom"), ("kiri", "left"), ("kanan", "right"),
               ("atas kiri", "top left"), ("atas kanan", "top right"), ("bawah kiri", "bottom left"),
               ("bawah kanan", "bottom right"))
IMAGE = _f("image", "image", example="foto.jpg", doc="a path beside the file, or {src: foto.jpg, alt: ..., focus: top}",
           fields=(
               _f("src", "str", required=True, example="foto-produk.jpg"),
               _f("alt", "str", soft_length=200, example="Keterangan isi foto"),
               _f("focus", "choice", choices=FOCUS_POINTS, example="top", aliases=FOCUS_WORDS),
           ))
# The languages a site text may be written in; the first is the site's own.
TEXT_LANGUAGES = ("id", "en")
LINK = _f("marketplace", "record", fields=(
    _f("name", "str", required=True, example="Tokopedia"),
    _f("url", "url", required=True, https_only=True, example="https://www.tokopedia.com/toko-anda"),
))
CERT = _f("certification", "record", fields=(
    _f("type", "choice", required=True, choices=commerce.CERTIFICATION_TYPES, example="halal"),
    _f("number", "str", required=True, example='"ID37110000123450923"'),
    _f("valid_until", "date", example="2028-12-31"),
))
# How a product can be had: in stock, made to order (`lead_time_days`), sold out, or seasonal
# (available in its `months`). Their schema.org, Google and Meta values are in market.py.
AVAILABILITY = ("tersedia", "pre-order", "habis", "musiman")
VARIANT = _f("variant", "record", fields=(
    _f("name", "str", required=True, translatable=True, soft_length=60, example="1 kg"),
    _f("price", "int", required=True, minimum=1, example="65000"),
    _f("price_max", "int", minimum=1, example="70000"),
    _f("unit", "str", translatable=True, soft_length=40, example="per pak"),
    _f("sku", "str", soft_length=50, example='"BP-1000"'),
    _f("availability", "choice", choices=AVAILABILITY, example="habis"),
))
WHOLESALE = _f("tier", "record", fields=(
    _f("min_qty", "int", required=True, minimum=2, example="20"),
    _f("price", "int", required=True, minimum=1, example="30000"),
))
SLUG = _f("slug", "slugtext", example="bandeng-presto", doc="the URL name; default: the file name")
ALIASES = _f("aliases", "list", item=_f("alias", "alias", example="bandeng-lama"), example="[bandeng-lama, /produk-lama/]",
             doc="old addresses that lead here: an old slug, or a path from the site's root")
BODYLESS = ("site",)
# Cookie-less counting services whose event API the site's own script speaks (analytics.py).
ANALYTICS_PROVIDERS = ("goatcounter", "plausible", "umami")
MENU_LINK = _f("link", "menulink", doc="one destination of the menu: {label, url} or {label, page}", fields=(
    _f("label", "text", soft_length=30, example="Program",
       doc="the text in the menu: one text, or {id: ..., en: ...}; with page: default the page's title"),
    _f("url", "siteurl", example="/kegiatan/", doc="a path from the site's root, or a full https:// address"),
    _f("page", "slug", example="tentang", doc="the slug of a page in content/pages/"),
))

SCHEMAS: dict[str, tuple[Field, ...]] = {
    "region": (
        SLUG,
        ALIASES,
        _f("name", "str", required=True, translatable=True, soft_length=80,
           example="Kabupaten Pangkajene dan Kepulauan"),
        _f("short_name", "str", translatable=True, soft_length=30, example="Pangkep"),
        _f("province", "str", required=True, example="Sulawesi Selatan"),
        _f("kind", "choice", choices=("kabupaten", "kota"), example="kabupaten"),
        _f("code", "str", example='"73.10"', doc="Kemendagri code"),
        _f("districts", "list", item=_f("district", "str"), example="[Pangkajene, Bungoro]"),
        replace(IMAGE, name="cover", example="sampul.jpg", doc=""),
        _f("summary", "str", translatable=True, soft_length=300, example="Kabupaten Tiga Dimensi"),
        _f("location", "record", fields=(
            _f("lat", "float", required=True, example="-4.83"),
            _f("lon", "float", required=True, example="119.55"),
        )),
        _f("tz", "timezone", example="Asia/Makassar", doc="time zone of the region's events (issue 14)"),
    ),
    "category": (
        SLUG,
        ALIASES,
        _f("name", "str", required=True, translatable=True, soft_length=60, example="Olahan Hasil Laut"),
        _f("summary", "str", translatable=True, soft_length=300),
        _f("order", "int", minimum=0, example="1"),
    ),
    "maker": (
        SLUG,
        ALIASES,
        _f("name", "str", required=True, translatable=True, soft_length=80, example="UMKM Mattiro Sompe"),
        _f("region", "slug", required=True, example="pangkep"),
        _f("district", "str", example="Pangkajene"),
        _f("whatsapp", "phone", example='"0812-3456-7890"'),
        _f("phone", "phone", example='"0410-21234"'),
        _f("email", "email", example="toko@example.com"),
        _f("instagram", "handle", example="mattiro.sompe"),
        _f("website", "url", example="https://example.com"),
        _f("address", "str", soft_length=200),
        _f("since", "int", minimum=1900, maximum=2100, example="2015"),
        replace(IMAGE, name="logo", example="logo.png", doc=""),
        _f("marketplaces", "list", item=LINK),
        _f("summary", "str", translatable=True, soft_length=300),
    ),
    "product": (
        SLUG,
        ALIASES,
        _f("title", "str", required=True, translatable=True, soft_length=90, example="Bandeng Presto"),
        _f("category", "slug", required=True, example="olahan-hasil-laut"),
        _f("maker", "slug", required=True, example="mattiro-sompe"),
        _f("region", "slug", example="pangkep", doc="default: the maker's region"),
        _f("district", "str", example="Pangkajene"),
        _f("price", "int", minimum=1, example="35000", doc="rupiah, digits only"),
        _f("price_max", "int", minimum=1, example="120000", doc="upper end of a price range"),
        _f("unit", "str", translatable=True, soft_length=40, example="500 g (4 ekor)"),
        _f("images", "list", item=IMAGE, example="[bandeng-presto.jpg]"),
        _f("summary", "str", translatable=True, soft_length=300),
        _f("tags", "list", item=_f("tag", "str"), translatable=True, example="[bandeng, oleh-oleh]"),
        _f("certifications", "list", item=CERT),
        _f("marketplaces", "list", item=LINK),
        _f("featured", "bool", example="true"),
        _f("draft", "bool", example="true"),
        _f("date", "date", example="2026-09-24"),
        # -- market access: variants, availability, details buyers ask for, trade terms --------
        _f("variants", "list", item=VARIANT, doc="sizes or kinds, each with its own price"),
        _f("availability", "choice", choices=AVAILABILITY, example="pre-order"),
        _f("lead_time_days", "int", minimum=1, maximum=365, example="14", doc="days a pre-order takes"),
        _f("months", "list", item=_f("month", "int", minimum=1, maximum=12), example="[6, 7, 8]",
           doc="months (1-12) a seasonal product is available"),
        _f("shelf_life", "str", translatable=True, soft_length=120, example="3 hari suhu ruang, 1 bulan beku"),
        _f("storage", "str", translatable=True, soft_length=200, example="Simpan di lemari es setelah dibuka"),
        _f("ingredients", "str", translatable=True, soft_length=400, example="bandeng, bawang putih, kunyit, garam"),
        _f("materials", "list", item=_f("material", "str"), translatable=True, example="[sutra, pewarna alam]"),
        _f("dimensions", "record", fields=(
            _f("length_cm", "float", required=True, example="30"),
            _f("width_cm", "float", required=True, example="20"),
            _f("height_cm", "float", example="8"),
        )),
        _f("weight_g", "int", minimum=1, example="1200"),
        _f("min_order", "int", minimum=1, example="10"),
        _f("capacity_per_month", "int", minimum=1, example="500"),
        _f("wholesale", "list", item=WHOLESALE),
        _f("export_ready", "bool", example="true"),
        _f("available_at", "list", item=_f("gallery", "slug"), example="[gerai-tangsel]"),
    ),
    "gallery": (
        SLUG,
        _f("name", "str", required=True, translatable=True, soft_length=80, example="Galeri Dekranasda Tangsel"),
        _f("region", "slug", required=True, example="tangerang-selatan"),
        _f("address", "str", required=True, soft_length=200, example="Jl. Maruga Raya No. 1, Ciputat"),
        _f("opening_hours", "str", translatable=True, soft_length=120, example="Senin-Jumat 08.00-16.00"),
        _f("map_url", "url", https_only=True, example="https://maps.app.goo.gl/contoh"),
        _f("phone", "phone", example='"021-7470-1234"'),
        _f("whatsapp", "phone", example='"0812-3456-7890"'),
        _f("summary", "str", translatable=True, soft_length=300),
    ),
    "page": (
        SLUG,
        ALIASES,
        _f("title", "str", required=True, translatable=True, soft_length=90, example="Tentang Kami"),
        _f("menu", "int", minimum=0, example="1", doc="position in the navigation"),
        _f("summary", "str", translatable=True, soft_length=300),
        _f("draft", "bool", example="true"),
    ),
    "site": (
        _f("title", "text", soft_length=80, example="Galeri Produk Unggulan Daerah"),
        _f("tagline", "text", soft_length=120),
        _f("description", "text", soft_length=300),
        _f("base_url", "url", example="https://example.org/galeri/"),
        _f("languages", "list", item=_f("language", "choice", choices=("id", "en")), example="[id, en]"),
        _f("organisation", "text", soft_length=160),
        _f("contact", "record", fields=(
            _f("whatsapp", "phone", example='"0812-0000-2409"'),
            _f("phone", "phone"),
            _f("email", "email"),
            _f("address", "str"),
        )),
        _f("theme_color", "color", example='"#8a3b12"'),
        replace(IMAGE, name="logo", example="logo.png", doc=""),
        _f("timezone", "timezone", example="Asia/Jakarta", doc="time zone of events; default Asia/Jakarta"),
        _f("analytics", "record", doc="counting page views and orders (off unless set)", fields=(
            _f("provider", "choice", required=True, choices=ANALYTICS_PROVIDERS, example="plausible"),
            _f("url", "url", required=True, example="https://plausible.io/api/event",
               doc="the service's event endpoint, self-hosted addresses included"),
            _f("site_id", "str", example="galeri.example.org",
               doc="plausible: the site's domain there (default: base_url's); umami: the website id"),
        )),
        _f("navigation", "list", item=MENU_LINK, example="[{label: Program, url: /program/}, {page: tentang}]",
           doc="the menu, in order; without it the theme's menu"),
        _f("partners", "list", doc="partner showcases (jejaring, issue 14)", item=_f("showcase", "record", fields=(
            _f("name", "str", required=True, soft_length=120, example="Dekranasda Kabupaten Soppeng"),
            _f("catalogue", "str", required=True, example="https://galeri-soppeng.example.org/katalog.json",
               doc="https URL of the partner's katalog.json, or a path relative to content/"),
            _f("url", "url", https_only=True, example="https://galeri-soppeng.example.org/"),
        ))),
        _f("price_warn_above", "int", minimum=1, example="50000000"),
        _f("images", "record", fields=(
            _f("widths", "list", item=_f("width", "int", minimum=64, maximum=4096), example="[360, 720, 1080]"),
            _f("formats", "list", item=_f("format", "choice", choices=("avif", "webp", "jpeg")),
               example="[avif, webp, jpeg]"),
            _f("quality", "record", fields=tuple(
                _f(name, "int", minimum=1, maximum=100) for name in ("avif", "webp", "jpeg"))),
        )),
        _f("cms", "record", doc="the Decap CMS web editor at /admin/", fields=(
            _f("enabled", "bool", example="true"),
            _f("repo", "str", required=True, example="dekranasda-pangkep/galeri", doc="GitHub repository owner/name"),
            _f("branch", "str", example="main"),
            _f("auth_url", "url", https_only=True, example="https://galeri-oauth.example.workers.dev",
               doc="the OAuth provider that logs editors in with GitHub (README: Web editor)"),
        )),
        _f("offline", "record", doc="offline reading: budget_mb, runtime_images, app_name, background_color, "
           "kill_switch", fields=(
            _f("budget_mb", "float", example="4", doc="bytes precached on the first visit, in MB"),
            _f("runtime_images", "int", minimum=0, maximum=5000, example="200",
               doc="larger photos kept as they are seen; the oldest are dropped first"),
            _f("app_name", "str", soft_length=12, example="Galeri", doc="short name under the home-screen icon"),
            _f("background_color", "color", example='"#fbf6ef"', doc="splash screen of the installed app"),
            _f("kill_switch", "bool", example="true",
               doc="ship a service worker that removes itself and its caches"),
        )),
        _f("redirects", "choice", choices=("netlify", "cloudflare"), example="netlify",
           doc="also write `_redirects` (HTTP 301 from each old address, `aliases:`) for this host"),
    ),
}

# -- activities and programmes (issue 14) -----------------------------------------------------
# Indonesia's zones have fixed offsets (no daylight saving): WIB, WITA, WIT. They are known here,
# so a build never depends on the machine's time-zone database; other IANA names use it.
INDONESIAN_ZONES = {"Asia/Jakarta": 7 * 60, "Asia/Pontianak": 7 * 60, "Asia/Makassar": 8 * 60,
                    "Asia/Jayapura": 9 * 60}
EVENT_TYPES = ("pameran", "bazar", "pelatihan", "kunjungan", "lainnya")
EVENT_STATUSES = ("scheduled", "cancelled", "postponed")
EVENT_STATUS_WORDS = (("terjadwal", "scheduled"), ("batal", "cancelled"), ("dibatalkan", "cancelled"),
                      ("ditunda", "postponed"))
_RELATED = (
    _f("makers", "list", item=_f("maker", "slug"), example="[mattiro-sompe]", doc="related makers"),
    _f("products", "list", item=_f("product", "slug"), example="[bandeng-presto]", doc="related products"),
)
SCHEMAS["news"] = (
    SLUG,
    _f("title", "str", required=True, translatable=True, soft_length=110,
       example="Kunjungan Dekranasda Soppeng dan Pangkep ke Tangerang Selatan"),
    _f("date", "date", required=True, example="2026-09-24"),
    _f("summary", "str", translatable=True, soft_length=300),
    _f("images", "list", item=IMAGE, example="[kunjungan.jpg]"),
    _f("regions", "list", item=_f("region", "slug"), example="[pangkep, soppeng]", doc="related regions"),
    *_RELATED,
    _f("draft", "bool", example="true"),
)
SCHEMAS["event"] = (
    SLUG,
    _f("title", "str", required=True, translatable=True, soft_length=110, example="Pameran Produk Unggulan"),
    _f("type", "choice", choices=EVENT_TYPES, example="pameran"),
    _f("start", "datetime", required=True, example='"2026-11-20 09:00"', doc="local time of the region"),
    _f("end", "datetime", example='"2026-11-22 17:00"', doc="default: the end of the start day"),
    _f("region", "slug", required=True, example="tangerang-selatan"),
    _f("venue", "record", required=True, fields=(
        _f("name", "str", required=True, soft_length=120, example="Gedung Galeri UMKM"),
        _f("address", "str", soft_length=200, example="Jl. Raya Serpong, Serpong"),
    )),
    _f("registration", "url", https_only=True, example="https://forms.example.org/daftar"),
    _f("status", "choice", choices=EVENT_STATUSES, aliases=EVENT_STATUS_WORDS, example="scheduled"),
    _f("summary", "str", translatable=True, soft_length=300),
    _f("images", "list", item=IMAGE, example="[pameran.jpg]"),
    *_RELATED,
    _f("draft", "bool", example="true"),
)
SCHEMAS["program"] = (
    SLUG,
    _f("title", "str", required=True, translatable=True, soft_length=110, example="Inkubator UMKM Tangerang Selatan"),
    _f("summary", "str", translatable=True, soft_length=300),
    _f("badge", "str", soft_length=30, example="Inkubator", doc='on alumni pages: "Alumni Inkubator 2026"'),
    _f("region", "slug", example="tangerang-selatan"),
    _f("stages", "list", item=_f("stage", "record", fields=(
        _f("name", "str", required=True, soft_length=60, example="Produksi"),
        _f("summary", "str", soft_length=300),
    ))),
    _f("cohorts", "list", item=_f("cohort", "record", fields=(
        _f("name", "str", required=True, soft_length=60, example="Angkatan 2026"),
        _f("start", "date", required=True, example="2026-03-02"),
        _f("end", "date", required=True, example="2026-08-31"),
        _f("makers", "list", item=_f("maker", "slug"), example="[lentera-batik-pamulang]"),
    ))),
    _f("partners", "list", item=_f("partner", "record", fields=(
        _f("name", "str", required=True, soft_length=120, example="Dinas Koperasi dan UMKM"),
        _f("url", "url", https_only=True, example="https://example.go.id"),
    ))),
    _f("images", "list", item=IMAGE, example="[inkubator.jpg]"),
    _f("draft", "bool", example="true"),
)
# -- end of activities and programmes ---------------------------------------------------------

TRANSLATION_IMAGES = _f("images", "list", translatable=True,
                        item=_f("image", "record", fields=(_f("alt", "str", required=True),)),
                        doc="alt texts, in the order of the Indonesian file's images")


TRANSLATION_VARIANTS = _f("variants", "list", translatable=True,
                          item=_f("variant", "record", fields=(
                              _f("sku", "str", example='"BP-1000"'),
                              _f("name", "str", required=True, soft_length=60, example="1 kg"),
                              _f("unit", "str", soft_length=40, example="per pack"))),
                          doc="variant names, matched by sku, else in the order of the Indonesian file")


def translation_fields(kind: str) -> tuple[Field, ...]:
    """The fields a `.en.md` file may set: text only; the rest comes from the Indonesian file."""
    text = tuple(f for f in SCHEMAS[kind] if f.translatable and f.name not in ("images", "variants"))
    has_images = any(f.name == "images" for f in SCHEMAS[kind])
    has_variants = any(f.name == "variants" for f in SCHEMAS[kind])
    return text + ((TRANSLATION_IMAGES,) if has_images else ()) + ((TRANSLATION_VARIANTS,) if has_variants else ())


class Validator:
    """Validates one file's front matter, recording problems against its display path."""

    def __init__(self, display: str, diags: Diagnostics) -> None:
        self.display = display
        self.diags = diags
        self.ok = True

    def error(self, node: Node, key: str, field_name: str, **params: Any) -> None:
        self.ok = False
        self.diags.error(self.display, node.line, key, col=node.col, field=field_name, **params)

    def warning(self, node: Node, key: str, field_name: str, **params: Any) -> None:
        self.diags.warning(self.display, node.line, key, col=node.col, field=field_name, **params)

    def record(self, node: Node | None, fields: tuple[Field, ...], where: str = "",
               forbidden: tuple[Field, ...] = ()) -> Record:
        """Validate a mapping against fields; unknown and missing fields are reported."""
        result = Record()
        if node is None:
            node = Mapping(1, 1, ())
        if not isinstance(node, Mapping):
            self.error(node, "FM_NOT_MAPPING", where, found=kind_name(node))
            return result
        by_name = {f.name: f for f in fields}
        for key, value in node.items:
            name = key.text
            path = f"{where}.{name}" if where else name
            spec = by_name.get(name)
            if spec is None:
                if any(f.name == name for f in forbidden):
                    self.error(key, "FM_NOT_TRANSLATABLE", path, name=name)
                else:
                    self.error(key, "FM_UNKNOWN_FIELD", path, name=name,
                               suggestion=did_you_mean(name, by_name, "suggest.field"),
                               expected=", ".join(sorted(by_name)))
                continue
            if isinstance(value, Scalar) and (value.is_null or not value.text.strip()):
                # (`title: ""` or an empty block `title: |` says no more than `title:`)
                if spec.required:
                    self.error(value, "FM_MISSING_FIELD.empty", path, name=name, example=spec.example or "...")
                else:
                    self.warning(key, "FM_EMPTY_FIELD", path, name=name)
                continue
            converted = self.value(spec, value, path)
            if converted is not _INVALID:
                result.values[name] = converted
                result.lines[name] = key.line
        for spec in fields:
            if spec.required and spec.name not in result.values and not any(
                    k.text == spec.name for k, _ in node.items):
                label = f"{where}.{spec.name}" if where else spec.name
                self.error(node, "FM_MISSING_FIELD", label, name=spec.name, example=spec.example or "...")
        return result

    def value(self, spec: Field, node: Node, path: str) -> Any:
        """Convert one node to the field's type, or report and return _INVALID."""
        if spec.type == "list":
            return self._list(spec, node, path)
        if spec.type == "record":
            record = self.record(node, spec.fields, path)
            return record.values if isinstance(node, Mapping) else _INVALID
        if spec.type == "image":
            return self._image(node, path)
        if spec.type == "text":
            return self._text(spec, node, path)
        if spec.type == "menulink":
            return self._menulink(spec, node, path)
        if not isinstance(node, Scalar):
            self.error(node, "FM_TYPE", path, found=kind_name(node), name=spec.name, example=spec.example or "...")
            return _INVALID
        return getattr(self, f"_{spec.type}")(spec, node, path)

    def _list(self, spec: Field, node: Node, path: str) -> Any:
        assert spec.item is not None
        if not isinstance(node, Sequence):
            example = spec.example or f"[{spec.item.example or '...'}]"
            self.error(node, "FM_TYPE.list", path, found=kind_name(node), name=spec.name, example=example)
            return _INVALID
        items = [self.value(spec.item, item, f"{path}[{i}]") for i, item in enumerate(node.items)]
        return tuple(item for item in items if item is not _INVALID)

    def _image(self, node: Node, path: str) -> Any:
        if isinstance(node, Scalar):
            return ImageSpec(node.text.strip(), None, node.line, node.col)
        record = self.record(node, IMAGE.fields, path)
        if "src" not in record.values:
            return _INVALID
        # An alt written but left empty is kept as "" so the loader can warn about it.
        written_alt = any(k.text == "alt" for k, _ in node.items) if isinstance(node, Mapping) else False
        alt = record.values.get("alt", "" if written_alt else None)
        return ImageSpec(record.values["src"], alt, node.line, node.col, record.values.get("focus", "center"))

    def _text(self, spec: Field, node: Node, path: str) -> Any:
        """A site text: one string for every language, or one per language `{id: ..., en: ...}`
        (returned as a tuple of (language, text) pairs, the site's own language first)."""
        if isinstance(node, Scalar):
            return self._str(spec, node, path)
        if not isinstance(node, Mapping):
            self.error(node, "FM_TYPE.text", path, found=kind_name(node), name=spec.name,
                       example=spec.example or "...")
            return _INVALID
        fields = tuple(replace(spec, name=lang, type="str", required=lang == TEXT_LANGUAGES[0])
                       for lang in TEXT_LANGUAGES)
        record = self.record(node, fields, path)
        if TEXT_LANGUAGES[0] not in record.values:
            return _INVALID
        return tuple((lang, record.values[lang]) for lang in TEXT_LANGUAGES if lang in record.values)

    def _menulink(self, spec: Field, node: Node, path: str) -> Any:
        """One menu destination: a label and exactly one of `url` and `page`."""
        record = self.record(node, spec.fields, path)
        if not isinstance(node, Mapping):
            return _INVALID
        written = {key.text: key for key, _ in node.items}
        if "url" in written and "page" in written:
            self.error(written["page"], "FM_MENU_TARGET.both", path, url=record.get("url", ""),
                       page=record.get("page", ""))
            return _INVALID
        if "url" not in written and "page" not in written:
            self.error(node, "FM_MENU_TARGET", path)
            return _INVALID
        if "url" in written and "label" not in written:
            self.error(node, "FM_MISSING_FIELD", f"{path}.label", name="label", example="Program")
            return _INVALID
        if any(name in written and name not in record.values for name in ("label", "url", "page")):
            return _INVALID  # (reported by the field's own check)
        target = "url" if "url" in written else "page"
        return MenuLink(record.get("label"), record.get("url"), record.get("page"), path, node.line, node.col,
                        record.lines[target])

    def _siteurl(self, spec: Field, node: Scalar, path: str) -> Any:
        """A link of the site's menu: a path from the site's root (`/kegiatan/`), checked later
        against the site's pages, or a full address checked like any `url`."""
        text = node.text.strip()
        if text.startswith("/") and not text.startswith("//"):
            if not _SITE_PATH.match(text) or any(part in (".", "..") for part in text.split("/")):
                self.error(node, "FM_MENU_URL", path, value=text)
                return _INVALID
            return text
        if "://" not in text:
            self.error(node, "FM_MENU_URL", path, value=text)
            return _INVALID
        return self._url(spec, node, path)

    def _str(self, spec: Field, node: Scalar, path: str) -> Any:
        text = node.text.strip()
        if not text:
            return _INVALID
        if len(text) > HARD_TEXT_LIMIT:
            self.error(node, "FM_TOO_LONG", path, length=len(text), limit=HARD_TEXT_LIMIT)
            return _INVALID
        if spec.soft_length and len(text) > spec.soft_length:
            self.warning(node, "FM_LONG_TEXT", path, length=len(text), limit=spec.soft_length)
        if text[0] in "“”‘’«" and text[-1] in "“”‘’»":
            self.warning(node, "FM_SMART_QUOTES", path, value=text)
        if _HTML_TAG.search(text):
            self.warning(node, "FM_HTML_IN_TEXT", path)
        return text

    def _slugtext(self, spec: Field, node: Scalar, path: str) -> Any:
        from .slugs import slugify

        text = node.text.strip()
        if not _SLUG.match(text) or len(text) > 100:
            suggestion = slugify(text)
            if suggestion:
                self.error(node, "FM_BAD_SLUG", path, value=text, suggestion=suggestion)
            else:
                self.error(node, "FM_BAD_SLUG.plain", path, value=text)
            return _INVALID
        return text

    def _slug(self, spec: Field, node: Scalar, path: str) -> Any:
        return node.text.strip()

    def _alias(self, spec: Field, node: Scalar, path: str) -> Any:
        """An old address of the entry: an old slug (`bandeng-lama`), or a path from the site's
        root (`/produk/bandeng-lama/`, `/katalog-lama.html`)."""
        text = node.text.strip()
        if "://" in text or text.startswith("www."):  # an address with its domain: the hint says how
            self.error(node, "FM_BAD_ALIAS", path, value=text)
            return _INVALID
        if not text.startswith("/"):
            return self._slugtext(spec, node, path)
        parts = text.strip("/").split("/")
        if not _ALIAS_PATH.match(text) or any(p in ("", ".", "..") for p in parts) \
                or not (text.endswith("/") or text.endswith(".html")):
            self.error(node, "FM_BAD_ALIAS", path, value=text)
            return _INVALID
        return text

    def _choice(self, spec: Field, node: Scalar, path: str) -> Any:
        text = node.text.strip()
        if text in spec.choices:
            return text
        meant = dict(spec.aliases).get(" ".join(text.lower().split()))
        choices = ", ".join(spec.choices)
        if spec.aliases:  # the words an editor may think of, e.g. `atas` = top
            choices += " (" + ", ".join(f"{choice} = {word}" for word, choice in spec.aliases if " " not in word) + ")"
        self.error(node, "FM_CHOICE", path, value=text, choices=choices,
                   suggestion=Text.of("suggest", choice=meant) if meant else did_you_mean(text, spec.choices))
        return _INVALID

    def _int(self, spec: Field, node: Scalar, path: str) -> Any:
        text = node.text.strip()
        is_price = spec.name.startswith("price")
        if not _DIGITS.match(text) or not node.plain:
            if not node.plain and _DIGITS.match(text):
                self.error(node, "FM_NOT_INTEGER.quoted", path, value=text, name=spec.name)
            elif is_price:
                self.error(node, "FM_NOT_INTEGER.price", path, value=text,
                           digits=re.sub(r"[^0-9]", "", text.split(",-")[0]) or "25000")
            else:
                self.error(node, "FM_NOT_INTEGER", path, value=text, name=spec.name, example=spec.example or "1")
            return _INVALID
        number = int(text)
        if spec.minimum is not None and number < spec.minimum:
            self.error(node, "FM_RANGE.price" if is_price else "FM_RANGE", path, value=number, minimum=spec.minimum)
            return _INVALID
        if spec.maximum is not None and number > spec.maximum:
            self.error(node, "FM_RANGE.above", path, value=number, maximum=spec.maximum)
            return _INVALID
        return number

    def _float(self, spec: Field, node: Scalar, path: str) -> Any:
        try:
            number = float(node.text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or not node.plain:
            self.error(node, "FM_NOT_NUMBER", path, value=node.text)
            return _INVALID
        return number

    def _bool(self, spec: Field, node: Scalar, path: str) -> Any:
        value = _BOOL.get(node.text.strip().lower()) if node.plain else None
        if value is None:
            self.error(node, "FM_NOT_BOOL", path, value=node.text, name=spec.name)
            return _INVALID
        return value

    def _date(self, spec: Field, node: Scalar, path: str) -> Any:
        text = node.text.strip()
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", text):
            self.error(node, "FM_DATE_FORMAT", path, value=text, name=spec.name, suggestion=_iso_date(text))
            return _INVALID
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.error(node, "FM_DATE_INVALID", path, value=text)
            return _INVALID

    # -- activities (issue 14) -------------------------------------------------------------
    def _datetime(self, spec: Field, node: Scalar, path: str) -> Any:
        """Local date and time `YYYY-MM-DD HH:MM` (or `T` between), or a date alone (all day): a
        (date, time or None) pair. An offset is refused: the zone comes from the region."""
        text = node.text.strip()
        match = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?$", text)
        if not match:
            self.error(node, "FM_DATETIME_FORMAT", path, value=text, name=spec.name)
            return _INVALID
        try:
            day = date.fromisoformat(match.group(1))
            moment = time(int(match.group(2)), int(match.group(3))) if match.group(2) else None
        except ValueError:
            self.error(node, "FM_DATE_INVALID", path, value=text)
            return _INVALID
        return (day, moment)

    def _timezone(self, spec: Field, node: Scalar, path: str) -> Any:
        text = node.text.strip()
        if text in INDONESIAN_ZONES or zone_offset(text, datetime(2026, 1, 1)) is not None:
            return text
        self.error(node, "FM_TIMEZONE", path, value=text, suggestion=did_you_mean(text, INDONESIAN_ZONES))
        return _INVALID
    # -- end of activities -----------------------------------------------------------------

    def _url(self, spec: Field, node: Scalar, path: str) -> Any:
        problem, level = commerce.check_url(node.text, spec.https_only)
        value = node.text.strip()
        if problem == "spaces" and level == "error":
            self.error(node, "FM_URL.spaces", path, value=node.text)
        elif problem == "http" and level == "error":
            self.error(node, "FM_URL.http", path, value=value)
        elif problem == "scheme":
            self.error(node, "FM_URL.scheme", path, scheme=commerce.url_scheme(value))
        elif problem == "partial":
            self.error(node, "FM_URL.partial", path, value=value)
        elif problem:
            self.warning(node, "FM_URL_HTTP", path, value=value)
        if level == "error":
            return _INVALID
        return node.text.strip()

    def _phone(self, spec: Field, node: Scalar, path: str) -> Any:
        number = commerce.normalise_phone(node.text)
        if number is None:
            self.error(node, "FM_PHONE", path, value=node.text)
            return _INVALID
        return number

    def _email(self, spec: Field, node: Scalar, path: str) -> Any:
        text = node.text.strip()
        if not _EMAIL.match(text):
            self.error(node, "FM_EMAIL", path, value=text)
            return _INVALID
        return text

    def _handle(self, spec: Field, node: Scalar, path: str) -> Any:
        text = node.text.strip().removeprefix("@")
        if not _HANDLE.match(text):
            self.error(node, "FM_HANDLE", path, value=node.text)
            return _INVALID
        return text

    def _color(self, spec: Field, node: Scalar, path: str) -> Any:
        text = node.text.strip()
        if not _COLOR.match(text):
            self.error(node, "FM_COLOR", path, value=text)
            return _INVALID
        return text.lower()


_INVALID: Any = object()


def zone_offset(name: str, local: datetime) -> int | None:
    """Minutes east of UTC of zone `name` at the local time `local` (None for an unknown zone)."""
    if name in INDONESIAN_ZONES:
        return INDONESIAN_ZONES[name]
    try:
        from zoneinfo import ZoneInfo

        offset = local.replace(tzinfo=ZoneInfo(name)).utcoffset()
    except (ValueError, OSError, KeyError, ImportError):
        return None
    return None if offset is None else int(offset.total_seconds() // 60)


def _iso_date(text: str) -> str:
    """`30/01/2024` or `30-01-2024` (day first, as Indonesians write) as `2024-01-30`, else an example."""
    match = re.match(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            pass
    return "2026-09-24"
