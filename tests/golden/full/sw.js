// Offline reading for this showcase, generated at build time. Pages: network first (a short
// timeout, then the saved copy); hashed assets/ and media/: cache first; larger photos are kept
// as they are seen, up to a bound, oldest dropped first. A new build waits until the page asks
// it to take over ("reload" prompt), then deletes the caches of older builds.
"use strict";
const C = {"scope":"/galeri/","prefix":"showcase:/galeri/:","version":"56b9ce1f5825","offline":"/galeri/offline/","timeout":3000,"runtimeImages":200,"runtimePages":60,"precache":[["/galeri/assets/search.869d4a1dff.js","869d4a1dff6e618c","shell"],["/galeri/assets/site.596e3adbac.css","596e3adbac42362b","shell"],["/galeri/assets/site.9e9acfb96e.js","9e9acfb96ebfa3b7","shell"],["/galeri/manifest.webmanifest","e3ef71963f6cfec8","shell"],["/galeri/icons/icon-192.png","586bd4fb41d02b3e","shell"],["/galeri/icons/icon-512.png","781a5078e98c8504","shell"],["/galeri/icons/maskable-512.png","781a5078e98c8504","shell"],["/galeri/icons/apple-touch-icon.png","84a4958f8bd6191c","shell"],["/galeri/icons/favicon-32.png","29f48e2eec25bd8d","shell"],["/galeri/offline/","bdad0b3038397696","shell"],["/galeri/","c9eb2bb6015d2101","page"],["/galeri/produk/","366f755da50dbccc","page"],["/galeri/wilayah/","09591aec236e69d0","page"],["/galeri/kategori/","a7945f6169295377","page"],["/galeri/umkm/","757518ee66673c14","page"],["/galeri/cari/","3f8740e188a0d405","page"],["/galeri/kategori/olahan-hasil-laut/","1426d08bd018411a","page"],["/galeri/kategori/tenun-sutra/","88a8c8d2d6484740","page"],["/galeri/wilayah/pangkep/","de87694aa904ea54","page"],["/galeri/wilayah/soppeng/","523bf3510b42789c","page"],["/galeri/produk/abon-bandeng/","7d07539e263c7ac5","page"],["/galeri/produk/bandeng-presto/","3a6d7fd860ab7a67","page"],["/galeri/produk/sarung-sutra/","29b9f097e5208e14","page"],["/galeri/umkm/mattiro-sompe/","080af508954cc3a7","page"],["/galeri/umkm/sutra-lalabata/","973620e5c079f789","page"],["/galeri/tentang/","65cc4d09a1b88d10","page"],["/galeri/search/id/index.json","abb487e79bca9799","search"],["/galeri/search/id/a-3a25ccd391.json","3a25ccd391cc31df","search"],["/galeri/search/id/d0-1a57a7a639.json","1a57a7a639495f45","search"],["/galeri/search/id/t0-c91bf14605.json","c91bf146054b2590","search"],["/galeri/media/bandeng-presto-a745bbd5af-360.avif","f487e6dba6f4a6ec","photo"],["/galeri/media/depan-4bc24b766e-360.avif","88f7f25b544a5e20","photo"],["/galeri/media/sampul-9d52af6cb2-360.avif","0793c02b365c7b0e","image"],["/galeri/katalog/","3a023e06e69c6d55","other"],["/galeri/katalog/pangkep/","8e954914aa1a2547","other"],["/galeri/katalog/soppeng/","7c98567928fdc2df","other"]]};
const PRECACHE = C.prefix + "precache-" + C.version;
const PAGES = C.prefix + "pages-" + C.version;
const MEDIA = C.prefix + "media";
const KEEP = [PRECACHE, PAGES, MEDIA];
const REVISION = new Map(C.precache.map((e) => [e[0], e[1]]));
const VARIANT = /^(.*)-(\d+)\.(avif|webp|jpg)$/;

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
    return (await savedPage(path)) || (await precached(C.offline)) || Response.error();
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
    const fallback = await smallerVariant(url.pathname);
    if (fallback) return fallback;
    throw error;
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
    event.respondWith(precached(url.pathname).then((hit) => hit || fetch(request)));
  } else if (hashed(url.pathname) && !url.search) {
    event.respondWith(runtime(event, url));
  }
});
