"""How many bytes the search page downloads before it shows results, for a generated catalogue.

Builds a synthetic catalogue (default 10,000 products in 30 regions, realistic Indonesian product
words, a photo plan per product) in memory, writes its search index with `showcase.search`, and
replays what `templates/static/search.js` fetches for a few queries: the manifest, the word
shards a query needs and the document chunks of the first result and of the first 24. Sizes are
raw and gzip level 6 (what static hosts serve). Usage: `python bench/search_size.py [N]`.
"""
from __future__ import annotations

import gzip
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from showcase import search  # noqa: E402
from showcase.config import SiteConfig  # noqa: E402
from showcase.images import ImagePlan, Variant  # noqa: E402
from showcase.model import Catalog, Category, Certification, Image, Maker, Product, Region  # noqa: E402
from showcase.routes import Routes  # noqa: E402
from showcase.strings import strings_for  # noqa: E402

KINDS = {
    "olahan-hasil-laut": ("Olahan Hasil Laut", ["abon bandeng", "bandeng presto", "bandeng tanpa duri", "abon cakalang",
                                                "cakalang asap", "kerupuk ikan tenggiri", "otak-otak bandeng", "terasi udang",
                                                "dodol rumput laut", "ikan kering", "sambal roa", "kerupuk udang"]),
    "tenun-sutra": ("Tenun Sutra", ["kain tenun sutra", "sarung sutra", "selendang sutra", "syal sutra", "kain tenun ikat",
                                    "songket", "lipa sabbe", "sarung tenun"]),
    "batik": ("Batik", ["kain batik tulis", "kemeja batik", "batik cap", "selendang batik", "tas batik", "batik ecoprint"]),
    "anyaman": ("Anyaman", ["tas anyaman pandan", "bakul lontar", "tikar pandan", "topi anyaman", "keranjang rotan",
                            "tempat tisu anyaman"]),
    "kerajinan-marmer": ("Kerajinan Marmer", ["cobek marmer", "vas bunga marmer", "asbak marmer", "papan nama marmer",
                                              "meja marmer"]),
    "kerajinan-kerang": ("Kerajinan Limbah Kerang", ["lampu hias kerang", "hiasan dinding kerang", "bingkai foto kerang",
                                                     "gantungan kunci kerang"]),
    "makanan-ringan": ("Makanan Ringan", ["keripik pisang", "kue bagea", "dodol nanas", "keripik singkong balado",
                                          "kacang sangrai", "bolu kering", "kopi bubuk", "gula aren"]),
    "fesyen": ("Fesyen", ["dompet kulit", "sepatu rajut", "hijab bordir", "kalung manik", "gelang perak"]),
}
ADJECTIVES = ["asli", "khas", "premium", "pedas", "manis", "original", "kemasan", "besar", "kecil", "hitam", "merah",
              "motif bunga", "pewarna alam", "tenunan tangan", "buatan tangan", "oleh-oleh", "ukuran sedang"]
SENTENCES = ["Dibuat oleh perajin {region} dengan bahan pilihan.", "Diolah secara higienis dan dikemas rapat.",
             "Cocok untuk oleh-oleh dan hadiah.", "Menggunakan {kind} dari {district}.", "Tahan lama tanpa pengawet.",
             "Ditenun dengan alat tradisional.", "Pesanan dalam jumlah besar dilayani.", "Dikeringkan di bawah matahari."]
FIRST_PAGE = 12  # results search.js shows before "show more" (PAGE there)
SYLLABLES = ["ma", "sa", "ra", "ta", "ba", "la", "pa", "ka", "ng", "si", "tu", "bo", "ge", "lo", "wa", "ja", "ri", "mu"]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def synthetic_catalog(n: int = 10_000, seed: int = 24) -> tuple[Catalog, dict[str, ImagePlan]]:
    """A reproducible catalogue of `n` products with one planned photo each (no files on disk)."""
    rng = random.Random(seed)
    here = Path("synthetic")
    regions = tuple(Region("region", f"r{i:02d}-{name.lower()}", f"regions/r{i}.md", here, "", 1,
                           name=f"Kabupaten {name}", short_name=name, province="Sulawesi Selatan",
                           districts=tuple(_name(rng, 3) for _ in range(12)))
                    for i, name in enumerate(_name(rng, 3) for _ in range(30)))
    categories = tuple(Category("category", slug, f"categories/{slug}.md", here, "", 1, name=label, order=i)
                       for i, (slug, (label, _)) in enumerate(KINDS.items()))
    makers = tuple(Maker("maker", f"m{i:04d}", f"makers/m{i}.md", here, "", 1,
                         name=f"UMKM {_name(rng, 2)} {_name(rng, 3)}", region=rng.choice(regions).slug)
                   for i in range(n // 6))
    region_of = {r.slug: r for r in regions}
    products, plans = [], {}
    for i in range(n):
        category = rng.choice(categories)
        kind = rng.choice(KINDS[category.slug][1])
        maker = rng.choice(makers)
        region = region_of[maker.region]
        district = rng.choice(region.districts)
        title = f"{kind} {rng.choice(ADJECTIVES)} {region.short_name}".title()
        summary = " ".join(rng.choice(SENTENCES).format(region=region.short_name, kind=kind, district=district)
                           for _ in range(2))
        price = None if rng.random() < 0.05 else int(round(10 ** rng.uniform(4, 6.3), -3))
        certs = tuple(Certification(c, f"{c}-{i}", None) for c in ("halal", "pirt", "nib") if rng.random() < 0.3)
        slug = f"{'-'.join(kind.split())}-{i}"
        source = here / f"{slug}.jpg"
        products.append(Product("product", slug, f"products/{slug}.md", here, "", 1, title=title,
                                category=category.slug, maker=maker.slug, region=region.slug, district=district,
                                price=price, unit="pcs", summary=summary, tags=tuple(rng.sample(ADJECTIVES, 2)),
                                certifications=certs, date=date(2024, 1, 1) + timedelta(days=rng.randrange(1000)),
                                images=(Image(source, str(source), "foto", str(source), 1),)))
        base = f"media/{slug}-{i:010x}"
        plans[str(source)] = ImagePlan(source, str(source), "k", 1200, 900, tuple(
            Variant(f, w, w * 3 // 4, f"{base}-{w}.{ext}") for f, ext in (("avif", "avif"), ("webp", "webp"),
                                                                      ("jpeg", "jpg")) for w in (360, 720, 1080)),
            "#a08060")
    catalog = Catalog(regions, categories, makers, tuple(sorted(products, key=lambda p: p.slug)), ())
    return catalog, plans


def index_files(catalog: Catalog, plans: dict[str, ImagePlan], lang: str = "id") -> dict[str, bytes]:
    config = SiteConfig(Path("."), Path("."), base_url="https://example.org/galeri/", languages=("id", "en"))
    routes = Routes(config.base_path, "https://example.org", config.languages)
    makers, categories = {m.slug: m for m in catalog.makers}, {c.slug: c for c in catalog.categories}
    regions = {r.slug: r for r in catalog.regions}
    docs = {code: [search.document(p, code, makers[p.maker].text(code, "name")[0],
                                   categories[p.category].text(code, "name")[0], regions[p.region],
                                   plans.get(str(p.images[0].source)) if p.images else None, date(2026, 11, 1),
                                   strings_for(code)["price_on_request"]) for p in catalog.products]
            for code in config.languages}
    ordered = sorted(catalog.categories, key=lambda c: c.sort_key)
    files = search.build_index(docs, list(catalog.regions), ordered, config, routes)
    return {k: v for k, v in files.items() if k.startswith(f"{search.INDEX_DIR}/{lang}/")}


def replay(files: dict[str, bytes], query: str, lang: str = "id") -> dict[str, Any]:
    """The files search.js fetches for `query` (the same shard and chunk choices), and the results."""
    manifest = json.loads(files[f"{search.INDEX_DIR}/{lang}/{search.MANIFEST}"])
    firsts = [s[0] for s in manifest["terms"]]

    def shard_of(word: str) -> int:
        return max(i for i, first in enumerate(firsts) if first <= word)

    fetched: list[str] = []
    result: dict[int, int] | None = None
    for q in [w for w in search.words(query) if len(w) >= search.MIN_WORD and w not in search.STOP_WORDS]:
        s = search.stem(q)
        start = shard_of(q)
        end = start
        while end + 1 < len(firsts) and firsts[end + 1].startswith(q):
            end += 1
        prefix = len(q) >= 3 or end - start + 1 <= 2
        wanted = sorted({shard_of(q), shard_of(s), *(range(start, end + 1) if prefix else ())})
        hits: dict[int, int] = {}
        for i in wanted:
            name = f"{search.INDEX_DIR}/{lang}/t{i}-{manifest['terms'][i][1]}.json"
            fetched.append(name)
            for word, coded in json.loads(files[name]).items():
                exact = word in (q, s)
                if exact or (prefix and word.startswith(q)):
                    doc = 0
                    for value in coded:
                        doc += value >> 1
                        hits[doc] = max(hits.get(doc, 0), (2 if value & 1 else 1) + exact)
        result = hits if result is None else {d: result[d] + hits[d] for d in result if d in hits}
    ranked = sorted(result or {}, key=lambda d: (-(result or {})[d], d))
    chunks = [f"{search.INDEX_DIR}/{lang}/d{d // manifest['chunk']}-{manifest['docs'][d // manifest['chunk']]}.json"
              for d in ranked]
    first_chunks = list(dict.fromkeys(chunks[:1]))
    page_chunks = list(dict.fromkeys(chunks[:FIRST_PAGE]))
    fetched = list(dict.fromkeys(fetched))
    first = [f"{search.INDEX_DIR}/{lang}/{search.MANIFEST}", *fetched, *first_chunks]
    page = [f"{search.INDEX_DIR}/{lang}/{search.MANIFEST}", *fetched, *page_chunks]
    return {"query": query, "results": len(ranked), "ranked": ranked, "first": first, "page": page}


def size(files: dict[str, bytes], names: list[str]) -> tuple[int, int]:
    return sum(len(files[n]) for n in names), sum(len(gzip.compress(files[n], 6)) for n in names)


def main(n: int) -> None:
    started = time.perf_counter()
    catalog, plans = synthetic_catalog(n)
    files = index_files(catalog, plans)
    seconds = time.perf_counter() - started
    manifest = f"{search.INDEX_DIR}/id/{search.MANIFEST}"
    kinds = {"terms": [k for k in files if "/t" in k], "docs": [k for k in files if "/d" in k],
             "attrs": [k for k in files if "/a-" in k]}
    print(f"{n} products: index of both languages built in {seconds:.1f} s; sizes below are the Indonesian one")
    print(f"  {'file':<26}{'count':>6}{'raw KB':>10}{'gzip KB':>10}{'largest gzip KB':>17}")
    for label, names in [("manifest", [manifest]), *kinds.items()]:
        raw, gz = size(files, names)
        largest = max(len(gzip.compress(files[x], 6)) for x in names)
        print(f"  {label:<26}{len(names):>6}{raw / 1024:>10.1f}{gz / 1024:>10.1f}{largest / 1024:>17.1f}")
    print(f"  {'query':<26}{'hits':>6}{'first result gzip KB (files)':>32}{'first 12 gzip KB (files)':>28}")
    for query in ("bandeng", "abon bandeng", "tenun sutra", "kain", "menenun", "marmer", "keripik pisang pedas"):
        r = replay(files, query)
        first, page = size(files, r["first"])[1], size(files, r["page"])[1]
        print(f"  {query:<26}{r['results']:>6}{first / 1024:>24.1f} ({len(r['first'])}){page / 1024:>21.1f} ({len(r['page'])})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
