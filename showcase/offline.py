"""Offline-first: the service worker, web app manifest, icons and host headers of a built site.

Runs once pages and photos are in the work tree (revisions are the writer's content digests). It
owns what is precached and in which order (app shell with the offline pages and record skeletons,
the home page, the offline record chunks of every language, the thumbnail of every product, the
search data, every page of the default language, then region covers and maker logos) within the
byte budget of `site.yaml`, each with a content revision; the split of that budget and the budget
to suggest; `sw.js` generated from the template in serviceworker.py (no Node toolchain), with what
it needs to answer a page from its record; the manifest; the icons (drawn by `icons`); and
`_headers` for Netlify and Cloudflare Pages. It never renders pages (the offline page and the
record skeletons are ordinary views) and returns what the build summary reports.
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Protocol, Sequence

from . import cms, icons, records, security
from .config import SiteConfig
from .images import ImagePlan, Variant
from .routes import SECTIONS, Routes
from .serviceworker import KILL_SWITCH_TEMPLATE, SW_TEMPLATE
from .strings import strings_for

if TYPE_CHECKING:
    from .writer import Staging

SW_FILE = "sw.js"
MANIFEST_FILE = "manifest.webmanifest"
HEADERS_FILE = "_headers"
REDIRECTS_FILE = "_redirects"  # written from the old addresses (pages/aliases.py) when asked
NETWORK_TIMEOUT_MS = 3000
RUNTIME_PAGES = 60
IMMUTABLE = "public, max-age=31536000, immutable"
# Page kinds by template, in precache order: what a visitor browses from first. Pages of other
# templates (the printable catalogue: large, and meant for paper) come after every photo.
PAGE_PRIORITY = ("home.html", "listing.html", "search.html", "category.html", "region.html",
                 "product.html", "maker.html", "page.html",
                 "activities.html", "activity.html", "programs.html", "program.html", "network.html")  # issue 14
KINDS = ("shell", "page", "record", "search", "photo", "image", "other")
# Page kinds the service worker can answer from a record (pages/records.py) when never saved.
RECORD_KINDS = ("product", "maker", "region", "category")
SEARCH_DIR = "search"  # showcase.search writes search/<lang>/index.json and hashed shards


@dataclass(frozen=True)
class Entry:
    """One file the service worker precaches: absolute-path URL, size, revision and kind."""

    url: str
    file: str
    size: int
    revision: str
    kind: str


@dataclass(frozen=True)
class Precache:
    """The entries that fit the budget, in priority order, and those left out."""

    entries: tuple[Entry, ...]
    left_out: tuple[Entry, ...]
    budget: int

    @property
    def bytes(self) -> int:
        return sum(e.size for e in self.entries)

    @property
    def version(self) -> str:
        """One hash over every URL and revision: a new build that changes anything gets a new one."""
        text = "\n".join(f"{e.url} {e.revision}" for e in self.entries)
        return hashlib.sha256((text + SW_TEMPLATE).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class OfflineResult:
    """What the build summary says about offline reading."""

    files: int
    bytes: int
    budget: int
    left_out: Mapping[str, int]
    first_left_out: str | None
    kill_switch: bool
    split: Mapping[str, int] = field(default_factory=dict)
    """Bytes precached by part: shell, records, thumbnails, pages (and search, covers and logos)."""
    suggested_mb: int | None = None
    """A budget that holds every record of the default language, when this one does not."""


def head(routes: Routes, config: SiteConfig) -> dict[str, Any]:
    """The URLs `base.html` prints: manifest, icons, the service worker and its scope."""
    return {"manifest": routes.asset(MANIFEST_FILE), "icon": routes.asset(icons.ICONS[-1].path),
            "apple_icon": routes.asset(icons.ICONS[3].path), "sw": routes.asset(SW_FILE),
            "scope": routes.base_path, "kill": config.offline.kill_switch}


def preferred_variant(plan: ImagePlan, formats: Sequence[str]) -> Variant | None:
    """The smallest variant in the format a browser picks from `<picture>`.

    `<source>` elements are tried in order and the first whose `type` the browser supports wins;
    the views print AVIF first, then WebP, then the JPEG `<img>`. Chromium (what most cheap
    Android phones run) and Safari 16+ support AVIF, so the best configured format is the one to
    keep; older browsers fall back to what they saw at run time.
    """
    for fmt in formats:
        of_format = [v for v in plan.variants if v.format == fmt]
        if of_format:
            return min(of_format, key=lambda v: v.width)
    return None


class Files(Protocol):
    """The new site's files as the build knows them: (content digest, size) by path, the paths
    under a folder, and the names at the top (files, and folders with a trailing slash)."""

    def __call__(self, path: str) -> tuple[str, int] | None: ...

    def under(self, prefix: str) -> list[str]: ...

    def tops(self) -> list[str]: ...


PageRow = tuple[str, str, str, "str | None"]  # output, template, language, the small photo it shows


def candidates(files: Files, config: SiteConfig, routes: Routes, pages: Sequence[PageRow],
               logo: str | None) -> list[Entry]:
    """Every file worth precaching, highest priority first, each once. `files` is the build's
    output, path -> (content digest, size): the digest is the file's revision; `pages` are the
    HTML pages by output path, `logo` the site logo's small photo."""
    wanted: list[tuple[str, str, str]] = []  # (url, file, kind)
    assets = sorted(files.under("assets/"))
    order_script = [a for a in assets if a.startswith("assets/order.")]  # only the order list needs it
    wanted += [(routes.asset(a), a, "shell") for a in assets if a not in order_script]
    wanted += [(routes.asset(MANIFEST_FILE), MANIFEST_FILE, "shell")]
    wanted += [(routes.asset(i.path), i.path, "shell") for i in icons.ICONS]
    offline_pages = [output for _, output in routes.offline_pages()]
    skeletons = [output for _, output in routes.record_skeletons()]
    wanted += [(routes.page_url(output), output, "shell") for output in offline_pages + skeletons]
    if logo:
        wanted.append((routes.asset(logo), logo, "shell"))
    default = config.languages[0]
    excluded = {*offline_pages, *skeletons, "404.html"}
    order = {name: i for i, name in enumerate(PAGE_PRIORITY)}
    html = sorted((p for p in pages if p[0].endswith(".html") and p[0] not in excluded),
                  key=lambda p: (p[2] != default, order.get(p[1], len(order))))  # stable: output order within a kind
    # One pass sorts the pages into the groups below (each keeps the order above): on a large
    # site the page list is the longest thing this module reads.
    homes: list[PageRow] = []
    aliases: list[PageRow] = []
    photos: list[PageRow] = []
    listed: list[PageRow] = []
    others: list[PageRow] = []
    pictured: dict[str, list[PageRow]] = {t: [] for t in ("region.html", "maker.html", "activity.html", "program.html")}
    for p in html:
        if p[1] == "alias":
            aliases.append(p)
        if p[2] != default:
            continue
        if p[1] == "home.html":
            homes.append(p)
        if p[3] and p[1] == "product.html":
            photos.append(p)
        (listed if p[1] in order else others).append(p)
        if p[3] and p[1] in pictured:
            pictured[p[1]].append(p)
    # The home page, then every record: with them each product, maker, region and category page
    # opens offline; then the small photos, search, and the full pages while the budget lasts.
    wanted += [(routes.page_url(p[0]), p[0], "page") for p in homes]
    for lang in config.languages:
        wanted += [(routes.asset(f), f, "record") for f in files.under(f"{records.RECORDS_DIR}/{lang}/")]
    wanted += [(routes.page_url(p[0]), p[0], "page") for p in aliases]  # old addresses (tiny)
    wanted += [(routes.asset(p[3]), p[3], "photo") for p in photos]
    search = f"{SEARCH_DIR}/{default}/"
    shards = sorted(files.under(search), key=lambda f: (not f.endswith("/index.json"), f))
    wanted += [(routes.asset(f), f, "search") for f in shards]  # the manifest first: no shard works without it
    for _, page, data in routes.order_files():  # the order list works offline, in every language
        wanted += [(routes.page_url(page), page, "page"), (routes.asset(data), data, "page")]
    wanted += [(routes.asset(a), a, "page") for a in order_script]
    wanted += [(routes.page_url(p[0]), p[0], "page") for p in listed]
    for group in pictured.values():  # activity, program: issue 14
        wanted += [(routes.asset(p[3]), p[3], "image") for p in group]
    wanted += [(routes.page_url(p[0]), p[0], "other") for p in others]

    seen: set[str] = set()
    found: list[Entry] = []
    for url, file, kind in wanted:
        entry = files(file) if url not in seen else None
        if entry is None:
            continue
        seen.add(url)
        content, size = entry
        found.append(Entry(url, file, size, content[:16], kind))
    return found


def plan_precache(entries: Sequence[Entry], budget: int) -> Precache:
    """Take entries in order until the next one would pass the budget; the shell always goes in,
    because without it the service worker cannot show the offline page."""
    taken: list[Entry] = []
    total = 0
    for index, entry in enumerate(entries):
        if entry.kind != "shell" and total + entry.size > budget:
            return Precache(tuple(taken), tuple(entries[index:]), budget)
        taken.append(entry)
        total += entry.size
    return Precache(tuple(taken), (), budget)


def manifest(config: SiteConfig, routes: Routes) -> str:
    """The web app manifest: installable on Android and iOS home screens, scoped to the sub-path."""
    short = config.offline.app_name or short_name(config.title)
    data = {
        "name": config.title, "short_name": short, "description": config.description,
        "lang": config.languages[0], "dir": "ltr", "id": routes.base_path,
        "start_url": routes.base_path, "scope": routes.base_path, "display": "standalone",
        "theme_color": config.theme_color, "background_color": config.offline.background_color,
        "icons": [{"src": routes.asset(i.path), "sizes": f"{i.size}x{i.size}", "type": "image/png",
                   "purpose": i.purpose} for i in icons.ICONS if i.purpose in ("any", "maskable")],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def short_name(title: str, limit: int = 12) -> str:
    """The words of the title that fit under a home-screen icon: `Galeri Produk ...` -> `Galeri`."""
    words = title.split()
    name = words[0] if words else title
    for word in words[1:]:
        if len(name) + 1 + len(word) > limit:
            break
        name += " " + word
    return name[:limit]


def headers(routes: Routes, files: Iterable[str], admin_policy: str | None = None,
            site_policy: str = security.CSP) -> str:
    """`_headers` for Netlify and Cloudflare Pages: one rule per top-level file or folder of the
    site (and one for its root address), each carrying all of its headers. Both hosts combine the
    values of every matching rule, so the rules never overlap: a catch-all would add a second
    Content-Security-Policy to `/admin/` (browsers enforce both) and `no-cache` to hashed files.
    HTML, sw.js, the manifest and icons are revalidated; `assets/` and `media/` cached for ever."""
    base = routes.base_path
    tops = sorted({name.split("/", 1)[0] + ("/" if "/" in name else "") for name in files
                   if name != REDIRECTS_FILE})  # read by the host, never served
    lines = ["# Caching and security rules for Netlify and Cloudflare Pages, written by the build (README: Offline)."]
    for path, top in [(base, ""), *((base + top + ("*" if top.endswith("/") else ""), top) for top in tops)]:
        cache = IMMUTABLE if top in ("assets/", "media/", records.RECORDS_DIR + "/") else "no-cache"
        extra = security.header_lines(admin_policy if top == "admin/" else None, site_policy)
        lines.append("\n  ".join([path, f"Cache-Control: {cache}", *extra]))
    return "\n".join(lines) + "\n"


def record_settings(config: SiteConfig, routes: Routes, files: Files,
                    buckets: Mapping[str, int]) -> dict[str, Any]:
    """What sw.js needs to answer a page from its record: per language the record chunks by
    bucket, the skeleton, each kind's URL prefix and listing (label, URL), and the texts it fills
    in (order messages, product counts); the site's origin and WhatsApp number."""
    found: dict[str, Any] = {}
    skeletons = dict(routes.record_skeletons())
    for lang in config.languages:
        chunks = {str(records.bucket_of_path(f)): routes.asset(f)
                  for f in files.under(f"{records.RECORDS_DIR}/{lang}/")}
        t = strings_for(lang)
        found[lang] = {
            "n": buckets.get(lang, 1), "chunks": chunks, "skeleton": routes.page_url(skeletons[lang]),
            "home": routes.href("home", None, lang),
            "kinds": {kind: [routes.href(kind, None, lang), t[f"nav_{SECTIONS[kind]['en']}"]] for kind in RECORD_KINDS},
            "category": t["category"], "region": t["region"],
            "order": [t["order_message"], t["order_message_maker"]],
            "count": [t["count_products_one"], t["count_products"]],
        }
    return {"origin": routes.origin, "contact": config.contact_whatsapp or "", "records": found}


def service_worker(precache: Precache, config: SiteConfig, routes: Routes,
                   record: Mapping[str, Any] | None = None) -> str:
    """`sw.js`: the template with this build's settings, or the self-removing kill switch."""
    settings = {**(record or {}),
        "scope": routes.base_path, "prefix": f"showcase:{routes.base_path}:", "version": precache.version,
        # (URL prefix of a language, its offline page), longest prefix first: the default language's
        # prefix is the scope itself, so it comes last and answers every other page
        "offline": sorted(([routes.href("home", None, lang), routes.page_url(output)]
                           for lang, output in routes.offline_pages()), key=lambda o: -len(o[0])),
        "timeout": NETWORK_TIMEOUT_MS,
        "runtimeImages": config.offline.runtime_images, "runtimePages": RUNTIME_PAGES,
        "precache": [[e.url, e.revision, e.kind] for e in precache.entries],
    }
    template = KILL_SWITCH_TEMPLATE if config.offline.kill_switch else SW_TEMPLATE
    return template.replace("__SETTINGS__", json.dumps(settings, ensure_ascii=True, separators=(",", ":")))


def write(staging: Staging, config: SiteConfig, routes: Routes, logo: Path | None, logo_photo: str | None,
          pages: Sequence[PageRow], files: Files, buckets: Mapping[str, int] | None = None,
          site_policy: str = security.CSP, draw_icons: bool = True) -> OfflineResult:
    """Write icons, manifest, `_headers` and `sw.js` into staging; return the summary figures.
    `logo` is the site logo's file (icons are drawn from it), `pages` the HTML pages and
    `site_policy` the pages' Content-Security-Policy (the one their `<meta>` prints);
    `draw_icons=False` keeps the last build's icons (nothing they are drawn from changed)."""
    if draw_icons:
        for path, data in icons.render_icons(logo, config.title, config.theme_color,
                                             config.offline.background_color).items():
            staging.write_bytes(path, data)
    staging.write_text(MANIFEST_FILE, manifest(config, routes))
    staging.write_text(HEADERS_FILE, headers(routes, [*files.tops(), HEADERS_FILE, SW_FILE],
                                             cms.policy(config.cms) if config.cms.enabled else None, site_policy))
    budget = round(config.offline.budget_mb * 1024 * 1024)
    precache = plan_precache(candidates(files, config, routes, pages, logo_photo), budget)
    staging.write_text(SW_FILE, service_worker(precache, config, routes,
                                               record_settings(config, routes, files, buckets or {})))
    left: dict[str, int] = {}
    for entry in precache.left_out:
        left[entry.kind] = left.get(entry.kind, 0) + 1
    return OfflineResult(len(precache.entries), precache.bytes, budget, left,
                         precache.left_out[0].url if precache.left_out else None, config.offline.kill_switch,
                         split(precache), suggest(precache, config, routes))


SPLIT = {"shell": "shell", "record": "records", "photo": "thumbnails", "page": "pages", "other": "pages",
         "search": "search", "image": "images"}


def split(precache: Precache) -> dict[str, int]:
    """Bytes precached by part, in the order the summary prints them."""
    found = {name: 0 for name in dict.fromkeys(SPLIT.values())}
    for entry in precache.entries:
        found[SPLIT[entry.kind]] += entry.size
    return found


def suggest(precache: Precache, config: SiteConfig, routes: Routes) -> int | None:
    """When the default language's records do not all fit, the budget (the configured one doubled
    until it is enough) that holds the shell, the home page and all of them."""
    default_records = routes.asset(f"{records.RECORDS_DIR}/{config.languages[0]}/")
    missing = [e for e in precache.left_out if e.kind == "record" and e.url.startswith(default_records)]
    if not missing:
        return None
    needed = sum(e.size for e in (*precache.entries, *missing)
                 if e.kind == "shell" or (e.kind == "record" and e.url.startswith(default_records))
                 or e.url == routes.href("home", None, config.languages[0]))
    mb = max(config.offline.budget_mb, 1)
    while mb * 1024 * 1024 < needed:
        mb *= 2
    return math.ceil(mb)
