// Offline reading for this showcase, generated at build time. Pages: network first (a short
// timeout, then the saved copy); hashed assets/ and media/: cache first; larger photos are kept
// as they are seen, up to a bound, oldest dropped first. A new build waits until the page asks
// it to take over ("reload" prompt), then deletes the caches of older builds.
"use strict";
const C = {"scope":"/galeri/","prefix":"showcase:/galeri/:","version":"57a23cd47701","offline":[["/galeri/en/","/galeri/en/offline/"],["/galeri/","/galeri/offline/"]],"timeout":3000,"runtimeImages":200,"runtimePages":60,"precache":[["/galeri/assets/search.8d2402cc9e.js","fb2edbe34525aba2","shell"],["/galeri/assets/site.024e17718f.css","9841cfd5e48ede8b","shell"],["/galeri/assets/site.88fa2c2fac.js","f51c0274013632e8","shell"],["/galeri/manifest.webmanifest","43c11765a45cf378","shell"],["/galeri/icons/icon-192.png","f19cf6f12102f864","shell"],["/galeri/icons/icon-512.png","b9349caeed9eb83d","shell"],["/galeri/icons/maskable-512.png","b9349caeed9eb83d","shell"],["/galeri/icons/apple-touch-icon.png","756960ba6aa5f936","shell"],["/galeri/icons/favicon-32.png","931d3d2bbebb1106","shell"],["/galeri/offline/","0a6cfe4b61ba5067","shell"],["/galeri/en/offline/","40e03f14a63ed932","shell"],["/galeri/","439adb940f5ee1ac","page"],["/galeri/kategori/","28daaf7167370e33","page"],["/galeri/produk/","4f9c05b4aa1c4034","page"],["/galeri/umkm/","76948874c2ce769d","page"],["/galeri/wilayah/","758d46a6ecb7b47f","page"],["/galeri/cari/","7269514440a2d426","page"],["/galeri/kategori/olahan-hasil-laut/","e097ff6899575e20","page"],["/galeri/kategori/tenun-sutra/","0ac576dbfd9ba1b4","page"],["/galeri/wilayah/pangkep/","f4629e40cc8f9337","page"],["/galeri/wilayah/soppeng/","204e13bd1141cd85","page"],["/galeri/produk/abon-bandeng/","6ba5803ed61798d1","page"],["/galeri/produk/bandeng-presto/","6e25f4b659734ff0","page"],["/galeri/produk/sarung-sutra/","39cc68ddfdf4e46e","page"],["/galeri/umkm/mattiro-sompe/","9526a23d00dabc70","page"],["/galeri/umkm/sutra-lalabata/","f36e8cb25b826de0","page"],["/galeri/tentang/","4a855171f9f772b9","page"],["/galeri/pesanan/","bfd2013bd273ba93","page"],["/galeri/pesanan/data.json","eccef92e5e06a348","page"],["/galeri/en/order/","af9697b9dc252898","page"],["/galeri/en/order/data.json","afdf5edd4c395b57","page"],["/galeri/assets/order.d723e9c8ef.js","9bd19120be2e2308","page"],["/galeri/search/id/index.json","bf6e45a692a49c14","search"],["/galeri/search/id/a-498a071064.json","73a012bf2b08f0c1","search"],["/galeri/search/id/d0-06853d88a0.json","34c04f91e0fe2456","search"],["/galeri/search/id/t0-c91bf14605.json","5ee60afc33a390ff","search"],["/galeri/media/bandeng-presto-a745bbd5af-360.avif","1cd64f5faca4efd2","photo"],["/galeri/media/depan-4bc24b766e-360.avif","9809c83f4e002976","photo"],["/galeri/media/sampul-9d52af6cb2-360.avif","9c7d55ebf5118642","image"],["/galeri/katalog/","18c58f9a4ba893fd","other"],["/galeri/katalog/pangkep/","32ba3c6654110a1a","other"],["/galeri/katalog/soppeng/","7a2d2c3342c27443","other"],["/galeri/label-rak/","b7e89c0a3753928d","other"],["/galeri/label-rak/pangkep/","e06c558f9fb750e8","other"],["/galeri/label-rak/soppeng/","c65c67ab7588e508","other"]]};
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
