// Offline reading for this showcase, generated at build time. Pages: network first (a short
// timeout, then the saved copy); hashed assets/ and media/: cache first; larger photos are kept
// as they are seen, up to a bound, oldest dropped first. A new build waits until the page asks
// it to take over ("reload" prompt), then deletes the caches of older builds.
"use strict";
const C = {"origin":"https://example.org","contact":"6281200000001","records":{"id":{"n":1,"chunks":{"0":"/galeri/records/id/000-e304c6d25336.json"},"skeleton":"/galeri/offline/record/","home":"/galeri/","kinds":{"product":["/galeri/produk/","Produk"],"maker":["/galeri/umkm/","UMKM"],"region":["/galeri/wilayah/","Wilayah"],"category":["/galeri/kategori/","Kategori"]},"category":"Kategori","region":"Wilayah","order":["Halo, saya ingin memesan {title} ({price}). {url}","Halo {title}, saya ingin memesan produk Anda. {url}"],"count":["{n} produk","{n} produk"]},"en":{"n":1,"chunks":{"0":"/galeri/records/en/000-9d25c67e6628.json"},"skeleton":"/galeri/en/offline/record/","home":"/galeri/en/","kinds":{"product":["/galeri/en/products/","Products"],"maker":["/galeri/en/makers/","Makers"],"region":["/galeri/en/regions/","Regions"],"category":["/galeri/en/categories/","Categories"]},"category":"Category","region":"Region","order":["Hello, I would like to order {title} ({price}). {url}","Hello {title}, I would like to order from you. {url}"],"count":["{n} product","{n} products"]}},"scope":"/galeri/","prefix":"showcase:/galeri/:","version":"d393431982f0","offline":[["/galeri/en/","/galeri/en/offline/"],["/galeri/","/galeri/offline/"]],"timeout":3000,"runtimeImages":200,"runtimePages":60,"precache":[["/galeri/assets/search.2615ef67af.js","3a5a23d86d20ad52","shell"],["/galeri/assets/site.3c838d72db.js","cc8ec7db085f60c7","shell"],["/galeri/assets/site.80b3811efa.css","fe5e2ee145ad5193","shell"],["/galeri/manifest.webmanifest","43c11765a45cf378","shell"],["/galeri/icons/icon-192.png","f19cf6f12102f864","shell"],["/galeri/icons/icon-512.png","b9349caeed9eb83d","shell"],["/galeri/icons/maskable-512.png","b9349caeed9eb83d","shell"],["/galeri/icons/apple-touch-icon.png","756960ba6aa5f936","shell"],["/galeri/icons/favicon-32.png","931d3d2bbebb1106","shell"],["/galeri/offline/","4743f45ef615a0ed","shell"],["/galeri/en/offline/","024a04f8f129409b","shell"],["/galeri/offline/record/","95cdb8bef8d66495","shell"],["/galeri/en/offline/record/","283716c2f765b078","shell"],["/galeri/","02a841f726d8cff2","page"],["/galeri/records/id/000-e304c6d25336.json","5d352b9b33063c12","record"],["/galeri/records/en/000-9d25c67e6628.json","7b3896c16cb6aad8","record"],["/galeri/media/bandeng-presto-a745bbd5af-120.avif","1956ebf17bed7fc5","photo"],["/galeri/media/depan-4bc24b766e-120.avif","f14aa947a2d8bf7d","photo"],["/galeri/search/id/index.json","ea7c9b1429474588","search"],["/galeri/search/id/a-a6b781e51f.json","f960dd7037ea86f5","search"],["/galeri/search/id/d0-31c5955efc.json","4d891b4009a3030e","search"],["/galeri/search/id/t0-c91bf14605.json","5ee60afc33a390ff","search"],["/galeri/pesanan/","69c313180c0e0680","page"],["/galeri/pesanan/data.json","eccef92e5e06a348","page"],["/galeri/en/order/","9a3590ce93800595","page"],["/galeri/en/order/data.json","afdf5edd4c395b57","page"],["/galeri/assets/order.2b4ac3a839.js","41d3c3d551ccd51a","page"],["/galeri/kategori/","ce99e0c826d09096","page"],["/galeri/produk/","e75bf90c4ff1c997","page"],["/galeri/umkm/","3c33af34078bc8db","page"],["/galeri/wilayah/","811800eb89a48958","page"],["/galeri/cari/","f792ca52bd966869","page"],["/galeri/kategori/olahan-hasil-laut/","eaccd2f3006e613a","page"],["/galeri/kategori/tenun-sutra/","cbfd30d29db46cd6","page"],["/galeri/wilayah/pangkep/","967946e9b13e08c9","page"],["/galeri/wilayah/soppeng/","6d26abb2d4cc9d10","page"],["/galeri/produk/abon-bandeng/","362f992fa2171fe9","page"],["/galeri/produk/bandeng-presto/","5193a06ec97bde85","page"],["/galeri/produk/sarung-sutra/","daf55de357ff403a","page"],["/galeri/umkm/mattiro-sompe/","83626cac2534c29f","page"],["/galeri/umkm/sutra-lalabata/","0256a7bb852ea8fe","page"],["/galeri/tentang/","0d6b08d3a80d7cee","page"],["/galeri/media/sampul-9d52af6cb2-120.avif","e49a1b6f6dcf1cf5","image"],["/galeri/katalog/","7ea8892d10f9edfb","other"],["/galeri/katalog/pangkep/","c3f1d5d58f4879f0","other"],["/galeri/katalog/soppeng/","0652518f43b75873","other"],["/galeri/label-rak/","6f431904826e83bf","other"],["/galeri/label-rak/pangkep/","3fc4717ac1d746d6","other"],["/galeri/label-rak/soppeng/","eefb280ffc9bf490","other"]]};
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

// -- Answers from records: a product, maker, region or category page never saved is made from
// its record (records/<lang>/<bucket>-<hash>.json, bucket = FNV-1a of "kind/slug") and the
// skeleton page of its language, whose @@slots@@ and <!--if/each/rec--> marks are filled here.
const CHUNKS = new Map();

function fnv1a(text) {
  let value = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) value = Math.imul(value ^ byte, 0x01000193) >>> 0;
  return value;
}

async function record(lang, key) {
  const R = C.records[lang];
  const url = R && R.chunks[String(fnv1a(key) % R.n)];
  if (!url) return undefined;
  if (!CHUNKS.has(url)) {
    const hit = await precached(url);
    if (!hit) return undefined;
    CHUNKS.set(url, await hit.json());
  }
  return CHUNKS.get(url)[key];
}

function recordOf(path) {
  // The language, kind and slug of a page path: the longest matching prefix wins.
  const found = [];
  for (const [lang, R] of Object.entries(C.records)) {
    for (const [kind, [prefix]] of Object.entries(R.kinds)) {
      if (path.startsWith(prefix) && path.length > prefix.length) found.push([prefix.length, lang, kind, prefix]);
    }
  }
  found.sort((a, b) => b[0] - a[0]);
  if (!found.length) return undefined;
  const [, lang, kind, prefix] = found[0];
  const slug = path.slice(prefix.length).split("/")[0];
  return slug ? { lang, kind, slug } : undefined;
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
// Python's urllib.parse.quote(text, safe=""), which the pages' WhatsApp links use.
const quote = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

function whatsapp(number, template, title, price, url) {
  const text = template.replace("{title}", title).replace("{price}", price.replace(/\u00a0/g, " ")).replace("{url}", url);
  return "https://wa.me/" + number + "?text=" + quote(text);
}

function fill(html, part, values, lists) {
  html = html.replace(/<!--rec:(\w+)-->([\s\S]*?)<!--\/rec:\1-->/g, (m, kind, inner) => (kind === part ? inner : ""));
  html = html.replace(/<!--if:(\w+)-->([\s\S]*?)<!--\/if:\1-->/g,
    (m, name, inner) => (values[name] || (lists[name] && lists[name].length) ? inner : ""));
  html = html.replace(/<!--each:(\w+)-->([\s\S]*?)<!--\/each:\1-->/g, (m, name, inner) => (lists[name] || [])
    .map((item) => inner.replace(/@@(\w+)\.(\w+)@@/g, (slot, list, field) => (list === name ? escape(item[field] || "") : slot)))
    .join(""));
  return html.replace(/@@(\w+)@@/g, (slot, name) => escape(values[name] === undefined ? "" : values[name]));
}

async function fromRecord(path) {
  const found = recordOf(path);
  if (!found) return undefined;
  const { lang, kind, slug } = found;
  const R = C.records[lang];
  const rec = await record(lang, kind + "/" + slug);
  const skeleton = rec && (await precached(R.skeleton));
  if (!skeleton) return undefined;
  const href = (k, s) => R.kinds[k][0] + s + "/";
  const name = async (k, s) => ((await record(lang, k + "/" + s)) || { t: s }).t;
  const listed = async (slugs) => Promise.all((slugs || []).map(async (s) => ({ title: await name("product", s), url: href("product", s) })));
  const own = href(kind, slug);
  const other = Object.keys(C.records).find((l) => l !== lang);
  const values = {
    title: rec.t, summary: rec.x || "", excerpt: rec.b || "", kind, section: R.kinds[kind][1], section_url: R.kinds[kind][0],
    canonical: C.origin + own, switch: other ? C.records[other].kinds[kind][0] + slug + "/" : "",
    count: rec.n === undefined ? "" : R.count[rec.n === 1 ? 0 : 1].replace("{n}", rec.n),
  };
  const lists = { products: await listed(rec.ps), related: await listed(rec.rel), licences: [] };
  if (kind === "product") {
    const maker = (await record(lang, "maker/" + rec.m)) || { t: rec.m };
    const number = maker.w || C.contact;
    Object.assign(values, {
      price: rec.p, has_price: rec.q ? "" : "1", unit: rec.u || "", district: rec.d || "", thumb: rec.i ? C.scope + rec.i : "", no_thumb: rec.i ? "" : "1",
      maker: maker.t, maker_url: href("maker", rec.m), region: await name("region", rec.r), region_url: href("region", rec.r),
      category: await name("category", rec.c), category_url: href("category", rec.c),
      order_url: number ? whatsapp(number, R.order[0], rec.t, rec.p, C.origin + own) : "",
    });
    lists.licences = (rec.l || []).map(([label, number]) => ({ label, number }));
  } else if (kind === "maker") {
    Object.assign(values, {
      region: await name("region", rec.r), region_url: href("region", rec.r), district: rec.d || "", body_excerpt: rec.b || "",
      order_url: rec.w ? whatsapp(rec.w, R.order[1], rec.t, "", C.origin + own) : "",
    });
  } else {
    Object.assign(values, { category: R[kind], body_excerpt: rec.b || "" });
  }
  const html = fill(await skeleton.text(), kind === "product" || kind === "maker" ? kind : "listing", values, lists);
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
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
    return (await savedPage(path)) || (await fromRecord(path).catch(() => undefined)) || (await precached(offlinePage(path)))
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

async function opens(path) {
  // Whether a page opens offline: saved, or answered from its record.
  if (await savedPage(path)) return true;
  const found = recordOf(path);
  return Boolean(found && (await record(found.lang, found.kind + "/" + found.slug).catch(() => undefined))
    && (await precached(C.records[found.lang].skeleton)));
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
  if (event.data && event.data.type === "OPENS" && event.ports[0]) {  // the offline page's list (site.js)
    event.waitUntil(Promise.all(event.data.paths.map(opens)).then((found) => event.ports[0].postMessage(found)));
  }
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
