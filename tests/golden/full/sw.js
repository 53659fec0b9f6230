// Offline reading for this showcase, generated at build time. Pages: network first (a short
// timeout, then the saved copy); hashed assets/ and media/: cache first; larger photos are kept
// as they are seen, up to a bound, oldest dropped first. A new build waits until the page asks
// it to take over ("reload" prompt), then deletes the caches of older builds.
"use strict";
const C = {"scope":"/galeri/","prefix":"showcase:/galeri/:","version":"4af6665d6c45","offline":[["/galeri/en/","/galeri/en/offline/"],["/galeri/","/galeri/offline/"]],"timeout":3000,"runtimeImages":200,"runtimePages":60,"precache":[["/galeri/assets/search.8d2402cc9e.js","fb2edbe34525aba2","shell"],["/galeri/assets/site.88fa2c2fac.js","f51c0274013632e8","shell"],["/galeri/assets/site.cd10e536b6.css","196364ac5c43bad2","shell"],["/galeri/manifest.webmanifest","43c11765a45cf378","shell"],["/galeri/icons/icon-192.png","f19cf6f12102f864","shell"],["/galeri/icons/icon-512.png","b9349caeed9eb83d","shell"],["/galeri/icons/maskable-512.png","b9349caeed9eb83d","shell"],["/galeri/icons/apple-touch-icon.png","756960ba6aa5f936","shell"],["/galeri/icons/favicon-32.png","931d3d2bbebb1106","shell"],["/galeri/offline/","295f1f32229fca55","shell"],["/galeri/en/offline/","8c6c628b690b6420","shell"],["/galeri/","3108e25588976af0","page"],["/galeri/kategori/","f82c76b9ceece2db","page"],["/galeri/produk/","884115cab761a94f","page"],["/galeri/umkm/","7366e16bb9e41758","page"],["/galeri/wilayah/","f9dabfbcba61c80d","page"],["/galeri/cari/","632d1829185fed9a","page"],["/galeri/kategori/olahan-hasil-laut/","766d568f493a27a3","page"],["/galeri/kategori/tenun-sutra/","10a61fee1e74ac5d","page"],["/galeri/wilayah/pangkep/","2686e52ffbfc1380","page"],["/galeri/wilayah/soppeng/","0b57e633d8b71528","page"],["/galeri/produk/abon-bandeng/","d1fc346759b77d22","page"],["/galeri/produk/bandeng-presto/","9bf345f5ea25af2d","page"],["/galeri/produk/sarung-sutra/","859630c7698b8420","page"],["/galeri/umkm/mattiro-sompe/","dca5f73a0fa9ce70","page"],["/galeri/umkm/sutra-lalabata/","53640bf485036026","page"],["/galeri/tentang/","84dce9aeaf212c18","page"],["/galeri/pesanan/","7edda293e6ebfcca","page"],["/galeri/pesanan/data.json","eccef92e5e06a348","page"],["/galeri/en/order/","701b073d4af9a73e","page"],["/galeri/en/order/data.json","afdf5edd4c395b57","page"],["/galeri/assets/order.d723e9c8ef.js","9bd19120be2e2308","page"],["/galeri/search/id/index.json","bf6e45a692a49c14","search"],["/galeri/search/id/a-498a071064.json","73a012bf2b08f0c1","search"],["/galeri/search/id/d0-06853d88a0.json","34c04f91e0fe2456","search"],["/galeri/search/id/t0-c91bf14605.json","5ee60afc33a390ff","search"],["/galeri/media/bandeng-presto-a745bbd5af-360.avif","1cd64f5faca4efd2","photo"],["/galeri/media/depan-4bc24b766e-360.avif","9809c83f4e002976","photo"],["/galeri/media/sampul-9d52af6cb2-360.avif","9c7d55ebf5118642","image"],["/galeri/katalog/","4b36a397b2b29317","other"],["/galeri/katalog/pangkep/","36199377a5b97577","other"],["/galeri/katalog/soppeng/","48195e9675cb0ef1","other"],["/galeri/label-rak/","dfddf57f742ec744","other"],["/galeri/label-rak/pangkep/","067b455c5ff0b50c","other"],["/galeri/label-rak/soppeng/","7ff8ee2ed02cabdf","other"]]};
const PRECACHE = C.prefix + "precache-" + C.version;
const PAGES = C.prefix + "pages-" + C.version;
const MEDIA = C.prefix + "media";
const KEEP = [PRECACHE, PAGES, MEDIA];
const REVISION = new Map(C.precache.map((e) => [e[0], e[1]]));
const VARIANT = /^(.*)-(\d+)\.(avif|webp|jpg)$/;

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
