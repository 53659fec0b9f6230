"""The offline search index: Indonesian-aware words, and per language a small manifest plus shards.

This module owns how text becomes search words (case and diacritics folded, light stemming of
common Indonesian affixes; `templates/static/search.js` repeats the same rules and a test keeps
the two in step) and the files a search page downloads: `search/<lang>/index.json` (facets with
counts, price buckets, the shard list), term shards that split the sorted word list into ranges
of similar size (each word mapped to delta-coded document numbers, the low bit saying "in the
title"), document chunks of fixed size holding what a result card shows, and one compact file of
filter and sort attributes. Documents are numbered newest first, so "newest" needs no extra data.
Shard names carry a content hash, so a browser may keep them for ever. It never renders pages.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Mapping, Sequence

from . import commerce
from .config import SiteConfig
from .images import ImagePlan
from .model import Catalog, Product
from .routes import Routes
from .strings import strings_for

INDEX_DIR = "search"
MANIFEST = "index.json"
CHUNK_DOCS = 25
SHARD_BYTES = 6000
# search.js saves the whole index for offline use in idle time only below this many bytes.
PREFETCH_BYTES = 300_000
MIN_WORD = 2
MIN_STEM = 4
# Words too common to help (and region words that sit on most products), dropped from documents
# and queries alike; a query made only of these keeps them.
STOP_WORDS = ("dan", "di", "ke", "dari", "yang", "untuk", "dengan", "atau", "ini", "itu", "pada", "juga",
              "kabupaten", "kota", "kecamatan", "kab", "the", "and", "of", "with", "for", "in", "from")
PRICE_BOUNDS = (25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000)
_ASCII_WORD = re.compile(r"[a-z]+")
_VOWEL = "aeiou"
_BARE_NOT = ("me", "pe", "di", "ber", "ter")


# -- words ----------------------------------------------------------------------------------
def normalise(text: str) -> str:
    """Compatibility-decompose, case-fold and drop combining marks: `Sutra Bugis É` -> `sutra bugis e`."""
    def unmarked(value: str) -> str:
        return "".join(c for c in value if not unicodedata.category(c).startswith("M"))

    # Marks go before folding too: U+0345 folds to a letter in Python but not in JavaScript.
    return unmarked(unmarked(unicodedata.normalize("NFKD", text)).casefold())


def words(text: str) -> list[str]:
    """Normalised runs of letters and digits, in order (search.js: `/[\\p{L}\\p{N}]+/gu`)."""
    cleaned = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in normalise(text))
    return cleaned.split()


def _recode(rest: str, rules: Mapping[str, str]) -> str | None:
    """A prefix rule: the first letter of what follows decides what is dropped or put back."""
    if not rest:
        return None
    kind = "vowel" if rest[0] in _VOWEL else rest[0]
    if kind in rules:
        return rules[kind] + rest
    return rest if "*" in rules else None


# meN-/peN- with the nasal assimilated to the root's first letter: `menenun` -> `tenun`,
# `memintal` -> `pintal`, `menyulam` -> `sulam`, `membatik` -> `batik`, `mengolah` -> `olah`.
_PREFIXES: tuple[tuple[str, Mapping[str, str]], ...] = tuple(
    (head + tail, rules) for head in ("me", "pe") for tail, rules in (
        ("ng", {"*": ""}),
        ("ny", {"vowel": "s"}),
        ("m", {"vowel": "p", "b": "", "f": "", "p": "", "v": ""}),
        ("n", {"vowel": "t", "c": "", "d": "", "j": "", "z": "", "t": "", "s": ""}),
        ("", {"l": "", "m": "", "n": "", "r": "", "w": "", "y": ""}),
    )) + (("ber", {"*": ""}), ("ter", {"*": ""}), ("di", {"*": ""}))


def stem(word: str) -> str:
    """Light Indonesian stemming: a particle (-lah), a possessive (-nya), one suffix (-kan, -an,
    -i) and one prefix (meN-, peN-, ber-, ter-, di-), each only when at least four letters remain.

    Not a dictionary stemmer: `memasak` becomes `pasak` as `memintal` becomes `pintal`. Documents
    and queries go through the same rules and keep their unstemmed words too, so a wrong stem
    costs a missed variant, never a missed exact word. `-lah` is a particle only after a bare
    word of five letters or more (`mengolah`, `sekolah` and `jumlah` keep it). When no prefix
    fits what the suffix left, one is tried on the word before the suffix went: `berbahan` ->
    `bahan`, as `bahan` stays `bahan`.
    """
    if not _ASCII_WORD.fullmatch(word):
        return word
    if word.endswith("lah") and len(word) - 3 > MIN_STEM and not word.startswith(_BARE_NOT):
        word = word[:-3]
    if word.endswith("nya") and len(word) - 3 >= MIN_STEM:
        word = word[:-3]
    unsuffixed = word
    for suffix in ("kan", "an", "i"):
        if word.endswith(suffix):  # only the first suffix that fits is a candidate: `ikan` stays
            if len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
            break
    return _unprefixed(word) or (_unprefixed(unsuffixed) if unsuffixed != word else None) or word


def _unprefixed(word: str) -> str | None:
    for prefix, rules in _PREFIXES:
        if word.startswith(prefix):
            root = _recode(word[len(prefix):], rules)
            if root is not None and len(root) >= MIN_STEM:
                return root
    return None


def terms(text: str) -> set[str]:
    """What a document is found by: every word long enough and not a stop word, and its stem."""
    found: set[str] = set()
    for word in words(text):
        if len(word) >= MIN_WORD and word not in STOP_WORDS:
            found.add(word)
            found.add(stem(word))
    return found


# -- documents ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Doc:
    """One product as the search page sees it: card fields, search text, filter attributes."""

    card: tuple[Any, ...]
    title_text: str
    other_text: str
    region: int
    category: int
    district: int
    certs: int
    price: int | None


def _price_bucket(price: int | None) -> int:
    """Index into PRICE_BOUNDS buckets; len(PRICE_BOUNDS)+1 means "price on request"."""
    if price is None:
        return len(PRICE_BOUNDS) + 1
    return sum(price >= bound for bound in PRICE_BOUNDS)


def _bucket_label(index: int, t: Mapping[str, str]) -> str:
    if index > len(PRICE_BOUNDS):
        return t["price_on_request"]
    low = PRICE_BOUNDS[index - 1] if index > 0 else None
    high = PRICE_BOUNDS[index] if index < len(PRICE_BOUNDS) else None
    if low is None:
        return t["price_under"].format(max=commerce.rupiah(high or 0))
    if high is None:
        return t["price_over"].format(min=commerce.rupiah(low))
    return t["price_between"].format(min=commerce.rupiah(low), max=commerce.rupiah(high))


def _image(product: Product, plans: Mapping[str, ImagePlan]) -> list[Any] | None:
    """`[path without extension of the smallest width, width, height, placeholder]`."""
    plan = plans.get(str(product.images[0].source)) if product.images else None
    if plan is None or not plan.variants:
        return None
    smallest = min(plan.variants, key=lambda v: v.width)
    return [smallest.path.rsplit(".", 1)[0], smallest.width, smallest.height, plan.placeholder]


def _valid_certs(product: Product, today: date) -> list[str]:
    return [c.type for c in product.certifications if not (c.valid_until and c.valid_until < today)]


def build_index(catalog: Catalog, config: SiteConfig, routes: Routes, plans: Mapping[str, ImagePlan],
                today: date) -> dict[str, bytes]:
    """Every search file of every language, keyed by output path."""
    from .views import ViewBuilder  # views imports the routes this module uses; keep one direction

    view = ViewBuilder(catalog, config, routes, plans, {}, today, {})
    files: dict[str, bytes] = {}
    for lang in config.languages:
        files.update(language_index(catalog, config, routes, plans, today, lang, view))
    return files


def language_index(catalog: Catalog, config: SiteConfig, routes: Routes, plans: Mapping[str, ImagePlan],
                   today: date, lang: str, view: Any) -> dict[str, bytes]:
    """The manifest and shards of one language."""
    t = strings_for(lang)
    regions = list(catalog.regions)
    region_at = {r.slug: i for i, r in enumerate(regions)}
    categories = sorted(catalog.categories, key=lambda c: (c.order, c.name.casefold(), c.slug))
    category_at = {c.slug: i for i, c in enumerate(categories)}
    districts = [(r.slug, d) for r in regions for d in r.districts]
    district_at = {key: i for i, key in enumerate(districts)}
    cert_kinds = list(commerce.CERTIFICATION_TYPES)
    docs: list[Doc] = []
    for product in view.newest():
        title, fallback = view.text(product, lang, "title")
        region, category, maker = (catalog.region[product.region], catalog.category[product.category],
                                   catalog.maker[product.maker])
        certs = _valid_certs(product, today)
        other = " ".join([view.text(product, lang, "summary")[0] or "", *(view.text(product, lang, "tags")[0] or ()),
                          view.title(maker, lang), view.title(category, lang), view.title(region, lang),
                          view.text(region, lang, "short_name")[0], product.district or "",
                          *(commerce.CERTIFICATION_LABELS[c] for c in certs)])
        card = [title, product.slug, view.price(product, t), view.text(product, lang, "unit")[0] or "",
                view.title(maker, lang), region_at[product.region], _image(product, plans), 1 if fallback else 0]
        docs.append(Doc(tuple(card), title, other, region_at[product.region], category_at[product.category],
                        district_at.get((product.region, product.district or ""), -1),
                        sum(1 << cert_kinds.index(c) for c in set(certs)), product.price))

    def counted(values: Iterable[int]) -> dict[int, int]:
        counts: dict[int, int] = {}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
        return counts

    by_region, by_category = counted(d.region for d in docs), counted(d.category for d in docs)
    by_district, by_bucket = counted(d.district for d in docs), counted(_price_bucket(d.price) for d in docs)
    by_cert = counted(i for d in docs for i in range(len(cert_kinds)) if d.certs >> i & 1)
    short = [view.text(r, lang, "short_name")[0] for r in regions]
    facets = {
        "region": [[r.slug, view.title(r, lang), by_region.get(i, 0), short[i]] for i, r in enumerate(regions)],
        "category": [[c.slug, view.title(c, lang), by_category.get(i, 0)] for i, c in enumerate(categories)],
        "district": [[f"{slug}/{name}", f"{name} ({short[region_at[slug]]})", by_district.get(i, 0),
                      region_at[slug]] for i, (slug, name) in enumerate(districts)],
        "cert": [[kind, commerce.CERTIFICATION_LABELS[kind], by_cert.get(i, 0)] for i, kind in enumerate(cert_kinds)],
        "price": [[i, _bucket_label(i, t), by_bucket.get(i, 0)] for i in range(len(PRICE_BOUNDS) + 2)],
    }
    folder = f"{INDEX_DIR}/{lang}/"
    files: dict[str, bytes] = {}

    def add(stem_name: str, data: Any) -> str:
        """Write one shard as `<stem>-<hash>.json`; the manifest keeps only the hash."""
        blob = _json(data)
        digest = hashlib.sha256(blob).hexdigest()[:10]
        files[f"{folder}{stem_name}-{digest}.json"] = blob
        return digest

    shards = [[first, add(f"t{n}", shard)] for n, (first, shard) in enumerate(term_shards(docs))]
    chunks = [add(f"d{n}", [list(d.card) for d in docs[at:at + CHUNK_DOCS]])
              for n, at in enumerate(range(0, len(docs), CHUNK_DOCS))]
    attrs = add("a", {"r": [d.region for d in docs], "c": [d.category for d in docs],
                      "d": [d.district for d in docs], "k": [d.certs for d in docs],
                      "p": [-1 if d.price is None else d.price for d in docs]})
    manifest = {
        "version": 1, "lang": lang, "count": len(docs), "chunk": CHUNK_DOCS, "min": MIN_WORD,
        "stop": list(STOP_WORDS), "base": routes.base_path, "folder": routes.asset(folder),
        "products": routes.href("product", None, lang), "formats": list(config.images.formats),
        "bounds": list(PRICE_BOUNDS), "facets": facets, "bytes": sum(len(b) for b in files.values()),
        "terms": shards, "docs": chunks, "attrs": attrs,
    }
    files[folder + MANIFEST] = _json(manifest)
    return files


def postings(docs: Sequence[Doc]) -> dict[str, list[int]]:
    """Word -> delta-coded document numbers, each shifted left once; the low bit is 1 when the
    word is in the title (search.js ranks those first)."""
    found: dict[str, dict[int, int]] = {}
    for number, doc in enumerate(docs):
        title = terms(doc.title_text)
        for term in title | terms(doc.other_text):
            found.setdefault(term, {})[number] = 1 if term in title else 0
    coded: dict[str, list[int]] = {}
    for term, hits in found.items():
        previous, out = 0, []
        for number in sorted(hits):
            out.append((number - previous) << 1 | hits[number])
            previous = number
        coded[term] = out
    return coded


def term_shards(docs: Sequence[Doc], target: int = SHARD_BYTES) -> list[tuple[str, dict[str, list[int]]]]:
    """Split the sorted word list into ranges of about `target` bytes; each named by its first word.

    A word is looked up in the last shard whose first word sorts at or before it (code-point
    order, as JavaScript compares strings), so one exact word costs one shard and a prefix
    costs the few shards its range spans.
    """
    coded = postings(docs)
    shards: list[tuple[str, dict[str, list[int]]]] = []
    current: dict[str, list[int]] = {}
    size = 0
    for term in sorted(coded, key=lambda s: s.encode("utf-16-be")):
        cost = len(term) + 6 + sum(len(str(n)) + 1 for n in coded[term])
        if current and size + cost > target:
            shards.append((next(iter(current)), current))
            current, size = {}, 0
        current[term] = coded[term]
        size += cost
    if current or not shards:
        shards.append((next(iter(current), ""), current))
    shards[0] = ("", shards[0][1])  # the first shard also answers words sorting before any
    return shards


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
