"""Offline-first: the service worker, web app manifest, icons and host headers of a built site.

Runs once pages and photos are in the work tree (revisions are the writer's content digests). It owns what is precached and in which
order (app shell, every page of the default language, its search data, the small photo of every
product, then region covers and maker logos) within the byte budget of `site.yaml`, each with a content
revision; `sw.js` generated from the template string below (no Node toolchain); the manifest;
the icons (drawn by `icons`); and `_headers` for Netlify and Cloudflare Pages. It never renders
pages (the offline page is an ordinary view) and returns what the build summary reports.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Protocol, Sequence

from . import cms, icons, security
from .config import SiteConfig
from .images import ImagePlan, Variant
from .routes import Routes

if TYPE_CHECKING:
    from .writer import Staging

SW_FILE = "sw.js"
MANIFEST_FILE = "manifest.webmanifest"
HEADERS_FILE = "_headers"
NETWORK_TIMEOUT_MS = 3000
RUNTIME_PAGES = 60
IMMUTABLE = "public, max-age=31536000, immutable"
# Page kinds by template, in precache order: what a visitor browses from first. Pages of other
# templates (the printable catalogue: large, and meant for paper) come after every photo.
PAGE_PRIORITY = ("home.html", "listing.html", "search.html", "category.html", "region.html",
                 "product.html", "maker.html", "page.html")
KINDS = ("shell", "page", "search", "photo", "image", "other")
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
    wanted += [(routes.page_url(output), output, "shell") for output in offline_pages]
    if logo:
        wanted.append((routes.asset(logo), logo, "shell"))
    default = config.languages[0]
    html = [p for p in pages if p[2] == default and p[0].endswith(".html") and p[0] not in (*offline_pages, "404.html")]
    order = {name: i for i, name in enumerate(PAGE_PRIORITY)}
    html.sort(key=lambda p: order.get(p[1], len(order)))  # stable: output order within a kind
    wanted += [(routes.page_url(p[0]), p[0], "page") for p in html if p[1] in order]
    for _, page, data in routes.order_files():  # the order list works offline, in every language
        wanted += [(routes.page_url(page), page, "page"), (routes.asset(data), data, "page")]
    wanted += [(routes.asset(a), a, "page") for a in order_script]
    search = f"{SEARCH_DIR}/{default}/"
    shards = sorted(files.under(search), key=lambda f: (not f.endswith("/index.json"), f))
    wanted += [(routes.asset(f), f, "search") for f in shards]  # the manifest first: no shard works without it
    for template, kind in (("product.html", "photo"), ("region.html", "image"), ("maker.html", "image")):
        wanted += [(routes.asset(p[3]), p[3], kind) for p in html if p[1] == template and p[3]]
    wanted += [(routes.page_url(p[0]), p[0], "other") for p in html if p[1] not in order]

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


def headers(routes: Routes, files: Iterable[str], admin_policy: str | None = None) -> str:
    """`_headers` for Netlify and Cloudflare Pages: one rule per top-level file or folder of the
    site (and one for its root address), each carrying all of its headers. Both hosts combine the
    values of every matching rule, so the rules never overlap: a catch-all would add a second
    Content-Security-Policy to `/admin/` (browsers enforce both) and `no-cache` to hashed files.
    HTML, sw.js, the manifest and icons are revalidated; `assets/` and `media/` cached for ever."""
    base = routes.base_path
    tops = sorted({name.split("/", 1)[0] + ("/" if "/" in name else "") for name in files})
    lines = ["# Caching and security rules for Netlify and Cloudflare Pages, written by the build (README: Offline)."]
    for path, top in [(base, ""), *((base + top + ("*" if top.endswith("/") else ""), top) for top in tops)]:
        cache = IMMUTABLE if top in ("assets/", "media/") else "no-cache"
        extra = security.header_lines(admin_policy if top == "admin/" else None)
        lines.append("\n  ".join([path, f"Cache-Control: {cache}", *extra]))
    return "\n".join(lines) + "\n"


def service_worker(precache: Precache, config: SiteConfig, routes: Routes) -> str:
    """`sw.js`: the template with this build's settings, or the self-removing kill switch."""
    settings = {
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
          pages: Sequence[PageRow], files: Files) -> OfflineResult:
    """Write icons, manifest, `_headers` and `sw.js` into staging; return the summary figures.
    `logo` is the site logo's file (icons are drawn from it) and `pages` the HTML pages."""
    for path, data in icons.render_icons(logo, config.title, config.theme_color,
                                         config.offline.background_color).items():
        staging.write_bytes(path, data)
    staging.write_text(MANIFEST_FILE, manifest(config, routes))
    staging.write_text(HEADERS_FILE, headers(routes, [*files.tops(), HEADERS_FILE, SW_FILE],
                                             cms.policy(config.cms) if config.cms.enabled else None))
    budget = round(config.offline.budget_mb * 1024 * 1024)
    precache = plan_precache(candidates(files, config, routes, pages, logo_photo), budget)
    staging.write_text(SW_FILE, service_worker(precache, config, routes))
    left: dict[str, int] = {}
    for entry in precache.left_out:
        left[entry.kind] = left.get(entry.kind, 0) + 1
    return OfflineResult(len(precache.entries), precache.bytes, budget, left,
                         precache.left_out[0].url if precache.left_out else None, config.offline.kill_switch)


KILL_SWITCH_TEMPLATE = """\
// Kill switch: this service worker removes every cache of this site, unregisters itself and
// reloads open pages from the network. Turn it off again to restore offline reading.
"use strict";
const C = __SETTINGS__;
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(C.prefix)).map((n) => caches.delete(n)));
  await self.registration.unregister();
  const windows = await self.clients.matchAll({ type: "window" });
  windows.forEach((client) => client.navigate(client.url));
})()));
"""

SW_TEMPLATE = """\
// Offline reading for this showcase, generated at build time. Pages: network first (a short
// timeout, then the saved copy); hashed assets/ and media/: cache first; larger photos are kept
// as they are seen, up to a bound, oldest dropped first. A new build waits until the page asks
// it to take over ("reload" prompt), then deletes the caches of older builds.
"use strict";
const C = __SETTINGS__;
const PRECACHE = C.prefix + "precache-" + C.version;
const PAGES = C.prefix + "pages-" + C.version;
const MEDIA = C.prefix + "media";
const KEEP = [PRECACHE, PAGES, MEDIA];
const REVISION = new Map(C.precache.map((e) => [e[0], e[1]]));
const VARIANT = /^(.*)-(\\d+)\\.(avif|webp|jpg)$/;

// Answer for a photo neither saved nor reachable: an empty, transparent 4:3 picture instead of a
// broken image, so the frame keeps the photo's placeholder colour (the <img> background).
const NO_PHOTO = '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200"/>';

const keyOf = (url, rev) => url + "?__rev=" + rev;
const hashed = (path) => path.startsWith(C.scope + "assets/") || path.startsWith(C.scope + "media/");

async function plain(response) {
  // A redirected response cannot answer a navigation; keep the body and headers only.
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, headers: response.headers });
}

async function install() {
  const cache = await caches.open(PRECACHE);
  const older = (await caches.keys()).filter((n) => n.startsWith(C.prefix + "precache-") && n !== PRECACHE);
  const saveData = self.navigator.connection && self.navigator.connection.saveData;
  const todo = C.precache.filter((e) => !(saveData && (e[2] === "photo" || e[2] === "image")));
  let next = 0;
  async function worker() {
    while (next < todo.length) {
      const [url, rev] = todo[next++];
      const key = keyOf(url, rev);
      if (await cache.match(key)) continue;  // kept from an interrupted install
      let response;
      for (const name of older) {  // unchanged files come from the previous build, not the network
        response = await (await caches.open(name)).match(key);
        if (response) break;
      }
      if (!response) {
        response = await fetch(url, { cache: hashed(url) ? "default" : "no-cache", credentials: "same-origin" });
        if (!response.ok) throw new Error("precache " + url + ": HTTP " + response.status);
        response = await plain(response);
      }
      await cache.put(key, response);
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()]);
}

async function trim(name, max) {
  const cache = await caches.open(name);
  const keys = await cache.keys();  // insertion order: oldest first
  for (let i = 0; i < keys.length - max; i++) await cache.delete(keys[i]);
}

// Reads go through caches.match with a cache name, which never creates a cache (caches.open
// would, bringing back a cache that activate or the kill switch has just deleted).
async function precached(path) {
  const rev = REVISION.get(path);
  return rev === undefined ? undefined : caches.match(keyOf(path, rev), { cacheName: PRECACHE });
}

async function savedPage(path) {
  return (await caches.match(path, { cacheName: PAGES })) || (await precached(path));
}

function unavailable(request) {
  if (request.destination !== "image") return Response.error();
  return new Response(NO_PHOTO, { headers: { "Content-Type": "image/svg+xml" } });
}

function offlinePage(path) {
  // The offline page in the language of the page asked for (the longest matching prefix).
  return C.offline.find((o) => path.startsWith(o[0]))[1];
}

function pagePath(url) {
  return url.pathname.endsWith("/index.html") ? url.pathname.slice(0, -10) : url.pathname;
}

async function page(event, url) {
  const path = pagePath(url);
  const network = fetch(event.request, { cache: "no-cache" }).then(async (response) => {
    if (response.ok && response.type === "basic") {
      const cache = await caches.open(PAGES);
      await cache.put(path, await plain(response.clone()));
      await trim(PAGES, C.runtimePages);
    }
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  const slow = new Promise((resolve) => setTimeout(resolve, C.timeout))
    .then(async () => (await savedPage(path)) || network);
  try {
    return await Promise.race([network, slow]);
  } catch (error) {
    return (await savedPage(path)) || (await precached(offlinePage(path)))
      || (await precached(C.offline[C.offline.length - 1][1])) || Response.error();
  }
}

async function smallerVariant(path) {
  // Offline, a photo asked for at a width never seen is answered with a saved one of the same
  // photo: the same format if possible, the widest not above the width asked for.
  const match = VARIANT.exec(path);
  if (!match) return undefined;
  const [, stem, width, ext] = match;
  const media = (await caches.has(MEDIA)) ? await (await caches.open(MEDIA)).keys() : [];
  const known = [...REVISION.keys(), ...media.map((r) => new URL(r.url).pathname)];
  const choices = known.map((p) => VARIANT.exec(p)).filter((m) => m && m[1] === stem);
  choices.sort((a, b) => (a[3] === ext ? 0 : 1) - (b[3] === ext ? 0 : 1)
    || (+a[2] <= +width ? 0 : 1) - (+b[2] <= +width ? 0 : 1) || Math.abs(+width - +a[2]) - Math.abs(+width - +b[2]));
  for (const choice of choices) {
    const found = (await precached(choice[0])) || (await caches.match(choice[0], { cacheName: MEDIA }));
    if (found) return found;
  }
  return undefined;
}

async function runtime(event, url) {
  const hit = await caches.match(url.pathname, { cacheName: MEDIA });
  if (hit) return hit;
  try {
    const response = await fetch(event.request);
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(caches.open(MEDIA).then((cache) => cache.put(url.pathname, copy))
        .then(() => trim(MEDIA, C.runtimeImages)));
    }
    return response;
  } catch (error) {
    return (await smallerVariant(url.pathname)) || unavailable(event.request);
  }
}

self.addEventListener("install", (event) => event.waitUntil(install()));

self.addEventListener("activate", (event) => event.waitUntil((async () => {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(C.prefix) && !KEEP.includes(n)).map((n) => caches.delete(n)));
  await trim(MEDIA, C.runtimeImages);
  await self.clients.claim();
})()));

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(C.scope)) return;
  if (url.pathname === C.scope + "sw.js") return;
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (!url.search && REVISION.has(url.pathname)) {
    event.respondWith(precached(url.pathname).then((hit) => hit || fetch(request)).catch(() => unavailable(request)));
  } else if (hashed(url.pathname) && !url.search) {
    event.respondWith(runtime(event, url));
  }
});
"""
