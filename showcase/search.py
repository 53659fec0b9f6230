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
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Mapping, Sequence

from . import commerce, market
from .config import SiteConfig
from .images import ImagePlan
from .model import IN_STOCK, OUT_OF_STOCK, PREORDER, Category, Product, Region
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
STOCK = (IN_STOCK, PREORDER, OUT_OF_STOCK)
"""The availability filter's values, in the order of the index's `s` attribute."""
_ASCII_WORD = re.compile(r"[a-z]+")
_ASCII_RUN = re.compile(r"[a-z0-9]+")
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
    if text.isascii():  # nothing to decompose or strip: letters and digits are [a-z0-9] once lowered
        return _ASCII_RUN.findall(text.lower())
    # Whitespace never joins or splits a word and normalising never moves a letter across it,
    # so each whitespace-separated token is normalised on its own, and a repeated one only once.
    return [word for token in text.split() for word in _token_words(token)]


@lru_cache(maxsize=1 << 16)
def _token_words(token: str) -> tuple[str, ...]:
    cleaned = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in normalise(token))
    return tuple(cleaned.split())


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
    return set().union(*map(_word_terms, set(words(text))))


@lru_cache(maxsize=1 << 16)
def _word_terms(word: str) -> tuple[str, ...]:
    """The terms one word contributes: none, or the word and its stem (once when they agree)."""
    if len(word) < MIN_WORD or word in STOP_WORDS:
        return ()
    root = stem(word)
    return (word,) if root == word else (word, root)


# -- documents ------------------------------------------------------------------------------
@dataclass(frozen=True)
class SearchDoc:
    """What the index knows of one product in one language: its words (title and the rest), what
    its result card shows and what its filters and sorts use. Made with the product's page
    (pages/parts.py), kept in the build state, and put together into the index by build_index."""

    slug: str
    newest: int  # Product.newest_key[0]: documents are numbered newest first
    title: str
    fallback: bool
    other: str
    price_text: str
    unit: str
    maker: str
    region: str
    category: str
    district: str | None
    certs: tuple[str, ...]
    price: int | None
    image: tuple[str, int, int, str] | None
    programs: tuple[str, ...] = ()  # slugs of the programmes the maker takes or took part in (issue 14)
    price_max: int | None = None  # the top of the range, variants included: the price filter covers it
    stock: str = "in_stock"  # model.IN_STOCK, PREORDER or OUT_OF_STOCK on the build date
    badge: tuple[str, str] | None = None  # (label, kind) of the listing badge


@dataclass
class Memo:
    """What one build works out once for all its languages: the terms of each text (untranslated
    text repeats in every language) and the encoded word shards of each list of document texts
    (the same in every language when nothing is translated)."""

    terms: dict[str, set[str]] = field(default_factory=dict)
    shards: dict[tuple[tuple[str, str], ...], list[tuple[str, bytes]]] = field(default_factory=dict)
    kept: dict[str, tuple[str, list[tuple[str, bytes]]]] | None = None
    """The last build's encoded shards of each language, with the digest of the texts they were
    made from (kept in the build state): a rebuild whose edits left every title and text as they
    were (a price, a photo) reuses them instead of working out every document's words again."""


PROGRAM_BITS = 30  # programmes a search filter can tell apart (bits of a JavaScript integer)


def _price_bucket(price: int | None) -> int:
    """Index into PRICE_BOUNDS buckets; len(PRICE_BOUNDS)+1 means "price on request"."""
    if price is None:
        return len(PRICE_BOUNDS) + 1
    return bisect_right(PRICE_BOUNDS, price)


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


def card_image(plan: ImagePlan | None) -> tuple[str, int, int, str] | None:
    """`(path without extension of the smallest width, width, height, placeholder)`."""
    if plan is None or not plan.variants:
        return None
    smallest = min(plan.variants, key=lambda v: v.width)
    return (smallest.path.rsplit(".", 1)[0], smallest.width, smallest.height, plan.placeholder)


def document(p: Product, lang: str, maker: str, category: str, region: Region, plan: ImagePlan | None,
             today: date, on_request: str, t: Mapping[str, str] | None = None,
             programs: tuple[str, ...] = ()) -> SearchDoc:
    """What the index needs of one product in lang; `maker` and `category` are their names in
    lang (the page's own names: translated when there is a translation)."""
    title, fallback = p.text(lang, "title")
    certs = tuple(c.type for c in p.certifications_on(today))
    other = " ".join([p.text(lang, "summary")[0] or "", *(p.text(lang, "tags")[0] or ()), maker, category,
                      region.text(lang, "name")[0], region.text(lang, "short_name")[0], p.district or "",
                      *(commerce.CERTIFICATION_LABELS[c] for c in certs)])
    return SearchDoc(slug=p.slug, newest=p.newest_key[0], title=title, fallback=fallback, other=other,
                     price_text=commerce.price_text(p.lowest_price, p.highest_price, on_request),
                     unit=commerce.unit_text(p.text(lang, "unit")[0]), maker=maker, region=p.region, category=p.category,
                     district=p.district, certs=certs, price=p.lowest_price, image=card_image(plan),
                     price_max=p.highest_price, stock=(stock := market.product_state(p, today)),
                     badge=(b.label, b.kind) if (b := market.badge(stock, t or strings_for(lang))) else None,
                     programs=programs)


def build_index(docs: Mapping[str, Sequence[SearchDoc]], regions: Sequence[Region],
                categories: Sequence[Category], config: SiteConfig, routes: Routes,
                memo: Memo | None = None, programs: Sequence[Any] = ()) -> dict[str, bytes]:
    """Every search file of every language, keyed by output path, from each language's documents
    and the regions and categories in their listing order. A `memo` with `kept` shards reuses
    those whose texts are unchanged, and holds this build's afterwards."""
    memo = memo or Memo()
    files: dict[str, bytes] = {}
    for lang in config.languages:
        ordered = sorted(docs.get(lang, ()), key=lambda d: (d.newest, d.slug))
        files.update(language_index(ordered, regions, categories, config, routes, lang, memo, programs))
    return files


def language_index(docs: Sequence[SearchDoc], regions: Sequence[Region], categories: Sequence[Category],
                   config: SiteConfig, routes: Routes, lang: str, memo: Memo | None = None,
                   programs: Sequence[Any] = ()) -> dict[str, bytes]:
    """The manifest and shards of one language; `docs` newest first."""
    frame = Frame(regions, categories, programs)
    return assemble(columns(docs, frame), [(d.title, d.other) for d in docs], frame, regions, categories,
                    config, routes, lang, memo, programs)


ATTRS = ("r", "c", "d", "k", "p", "q", "s", "g")
"""The filter and sort attributes of each document, one list each in the attributes file: region,
category, district, licence bits, lowest and highest price, stock state, programme bits."""


class Frame:
    """What turns a document into its row of the index: the places of the regions, categories,
    districts and programmes, and the licence bits. Its digest names them, so that kept columns
    are patched only while they still hold."""

    def __init__(self, regions: Sequence[Region], categories: Sequence[Category], programs: Sequence[Any] = ()) -> None:
        self.region_at = {r.slug: i for i, r in enumerate(regions)}
        self.category_at = {c.slug: i for i, c in enumerate(categories)}
        self.districts = [(r.slug, d) for r in regions for d in r.districts]
        self.district_at = {key: i for i, key in enumerate(self.districts)}
        self.cert_bit = {kind: 1 << i for i, kind in enumerate(commerce.CERTIFICATION_TYPES)}
        # The programme facet (issue 14): one bit per programme, the first PROGRAM_BITS of them.
        self.program_bit = {p.slug: 1 << i for i, p in enumerate(programs[:PROGRAM_BITS])}
        self.digest = hashlib.blake2b(_json([list(self.region_at), list(self.category_at), self.districts,
                                             list(self.program_bit)]), digest_size=16).hexdigest()

    def row(self, d: SearchDoc) -> tuple[int, ...]:
        """The document's attributes, in the order of ATTRS."""
        return (self.region_at[d.region], self.category_at[d.category],
                self.district_at.get((d.region, d.district or ""), -1), sum(self.cert_bit[c] for c in set(d.certs)),
                -1 if d.price is None else d.price, -1 if d.price is None else (d.price_max or d.price),
                STOCK.index(d.stock), sum(self.program_bit.get(g, 0) for g in set(d.programs)))

    def card(self, d: SearchDoc) -> list[Any]:
        """What the document's result card shows (its entry in a document chunk)."""
        return [d.title, d.slug, d.price_text, d.unit, d.maker, self.region_at[d.region],
                list(d.image) if d.image else None, 1 if d.fallback else 0, list(d.badge) if d.badge else 0]


def words_digest(d: SearchDoc) -> str:
    return hashlib.blake2b(f"{d.title}\0{d.other}".encode(), digest_size=8).hexdigest()


@dataclass
class Columns:
    """One language's documents as the index files hold them, in index order (newest first),
    kept in the build state: a build that changed a few documents (a price, a stock state)
    patches their rows and the chunks that hold them instead of reading every document again."""

    frame: str
    slugs: list[str]
    newest: list[int]
    words: list[str]  # a digest of each document's title and text: the term shards' input
    cards: list[list[Any]]
    attrs: dict[str, list[int]]
    chunks: list[tuple[str, bytes]] = field(default_factory=list)  # (hash, bytes) of each chunk of cards
    dirty: set[int] | None = None  # chunks to encode again; None: all of them

    def patch(self, docs: Sequence[SearchDoc], frame: Frame) -> list[tuple[int, SearchDoc]] | None:
        """Put these changed documents in their places and answer those whose words changed, with
        their numbers (their term shards are then `reword`ed); None (nothing changed) when one is
        new or moved in the order, which only a whole build of the index handles."""
        at = {slug: i for i, slug in enumerate(self.slugs)}
        places = [at.get(d.slug) for d in docs]
        if frame.digest != self.frame or any(i is None or self.newest[i] != d.newest for i, d in zip(places, docs)):
            return None
        self.dirty = set()
        reworded = []
        for i, d in zip(places, docs):
            assert i is not None
            self.cards[i] = frame.card(d)
            for key, value in zip(ATTRS, frame.row(d)):
                self.attrs[key][i] = value
            self.dirty.add(i // CHUNK_DOCS)
            if self.words[i] != (digest := words_digest(d)):
                self.words[i] = digest
                reworded.append((i, d))
        return reworded


def columns(docs: Sequence[SearchDoc], frame: Frame) -> Columns:
    """The columns of documents newest first."""
    rows = [frame.row(d) for d in docs]
    return Columns(frame.digest, [d.slug for d in docs], [d.newest for d in docs], [words_digest(d) for d in docs],
                   [frame.card(d) for d in docs], {key: [row[i] for row in rows] for i, key in enumerate(ATTRS)})


def assemble(cols: Columns, texts: Sequence[tuple[str, str]] | None, frame: Frame, regions: Sequence[Region],
             categories: Sequence[Category], config: SiteConfig, routes: Routes, lang: str,
             memo: Memo | None = None, programs: Sequence[Any] = ()) -> dict[str, bytes]:
    """The manifest and shards of one language from its columns. `texts` are the documents'
    titles and texts, or None when they are those of the shards `memo` keeps (a patch)."""
    t = strings_for(lang)
    attrs, cards, region_at = cols.attrs, cols.cards, frame.region_at
    short = [r.text(lang, "short_name")[0] for r in regions]
    by_region, by_category, by_district = Counter(attrs["r"]), Counter(attrs["c"]), Counter(attrs["d"])
    # A product is in every price bucket its range reaches (a variant at Rp 65.000 is found under
    # "Rp 50.000 – Rp 100.000" even when its cheapest variant is below it).
    by_bucket = Counter(bucket for low, high in zip(attrs["p"], attrs["q"])
                        for bucket in range(_price_bucket(None if low < 0 else low),
                                            _price_bucket(None if high < 0 else high) + 1))
    by_stock = Counter(attrs["s"])
    masks = Counter(attrs["k"])
    cert_kinds = commerce.CERTIFICATION_TYPES
    by_cert = {i: sum(n for mask, n in masks.items() if mask >> i & 1) for i in range(len(cert_kinds))}
    by_program = Counter(bit for mask in attrs["g"] for bit in range(len(frame.program_bit)) if mask >> bit & 1)
    facets = {
        "program": [[p.slug, p.text(lang, "title")[0], by_program.get(i, 0)]
                    for i, p in enumerate(programs[:PROGRAM_BITS])],
        "region": [[r.slug, r.text(lang, "name")[0], by_region.get(i, 0), short[i]] for i, r in enumerate(regions)],
        "category": [[c.slug, c.text(lang, "name")[0], by_category.get(i, 0)] for i, c in enumerate(categories)],
        "district": [[f"{slug}/{name}", f"{name} ({short[region_at[slug]]})", by_district.get(i, 0),
                      region_at[slug]] for i, (slug, name) in enumerate(frame.districts)],
        "cert": [[kind, commerce.CERTIFICATION_LABELS[kind], by_cert.get(i, 0)] for i, kind in enumerate(cert_kinds)],
        "price": [[i, _bucket_label(i, t), by_bucket.get(i, 0)] for i in range(len(PRICE_BOUNDS) + 2)],
        "availability": [[state, t[key], by_stock.get(i, 0)] for i, (state, key) in enumerate(
            zip(STOCK, ("stock_in", "stock_preorder", "stock_out")))],
    }
    folder = f"{INDEX_DIR}/{lang}/"
    files: dict[str, bytes] = {}

    def add(stem_name: str, blob: bytes, digest: str | None = None) -> str:
        """Write one shard as `<stem>-<hash>.json`; the manifest keeps only the hash."""
        digest = digest or hashlib.sha256(blob).hexdigest()[:10]
        files[f"{folder}{stem_name}-{digest}.json"] = blob
        return digest

    if memo is None:
        memo = Memo()
    if texts is None:  # a patch: every document kept its words, so the kept shards hold
        assert memo.kept is not None and lang in memo.kept
        encoded = memo.kept[lang][1]
    else:
        encoded = memo.shards.get(key := tuple(texts))
        texts_digest = hashlib.blake2b(_json(texts), digest_size=16).hexdigest() if memo.kept is not None else ""
        if encoded is None and memo.kept is not None and memo.kept.get(lang, ("", []))[0] == texts_digest:
            encoded = memo.shards[key] = memo.kept[lang][1]
        if encoded is None:
            encoded = memo.shards[key] = term_shards(texts, known=memo.terms)
        if memo.kept is not None:
            memo.kept[lang] = (texts_digest, encoded)
    shards = [[first, add(f"t{n}", blob)] for n, (first, blob) in enumerate(encoded)]
    count = -(-len(cards) // CHUNK_DOCS)
    del cols.chunks[count:]
    for n in range(count):
        if cols.dirty is None or n in cols.dirty or n >= len(cols.chunks):
            blob = _json(cards[n * CHUNK_DOCS:(n + 1) * CHUNK_DOCS])
            chunk = (hashlib.sha256(blob).hexdigest()[:10], blob)
            if n < len(cols.chunks):
                cols.chunks[n] = chunk
            else:
                cols.chunks.append(chunk)
    cols.dirty = set()
    chunks = [add(f"d{n}", blob, digest) for n, (digest, blob) in enumerate(cols.chunks)]
    manifest = {
        "version": 1, "lang": lang, "count": len(cards), "chunk": CHUNK_DOCS, "min": MIN_WORD,
        "stop": list(STOP_WORDS), "base": routes.base_path, "folder": routes.asset(folder),
        "products": routes.href("product", None, lang), "formats": list(config.images.formats),
        "bounds": list(PRICE_BOUNDS), "facets": facets, "bytes": 0,
        "terms": shards, "docs": chunks, "attrs": add("a", _json(attrs)),
    }
    manifest["bytes"] = sum(len(b) for b in files.values())
    files[folder + MANIFEST] = _json(manifest)
    return files


def postings(texts: Sequence[tuple[str, str]], known: dict[str, set[str]] | None = None) -> dict[str, list[int]]:
    """Word -> delta-coded document numbers, each shifted left once; the low bit is 1 when the
    word is in the title (search.js ranks those first). `texts` holds each document's title and
    other text; `known` keeps the terms of texts already seen, for texts that repeat."""
    known = {} if known is None else known

    def terms_of(text: str) -> set[str]:
        found = known.get(text)
        if found is None:
            found = known[text] = terms(text)
        return found

    marks: defaultdict[str, list[int]] = defaultdict(list)  # word -> document number << 1 | title bit
    for number, (title_text, other_text) in enumerate(texts):
        title, mark = terms_of(title_text), number << 1
        for term in title:
            marks[term].append(mark | 1)
        for term in terms_of(other_text) - title:
            marks[term].append(mark)
    # Documents come in number order, so each list is sorted already: code the gaps, keep the bit.
    return {term: [mark - (previous >> 1 << 1) for mark, previous in zip(found, [0, *found])]
            for term, found in marks.items()}


def term_shards(texts: Sequence[tuple[str, str]], target: int = SHARD_BYTES,
                known: dict[str, set[str]] | None = None) -> list[tuple[str, bytes]]:
    """The encoded term shards of these texts (see `_shards`)."""
    coded = postings(texts, known)
    return _shards({term: ",".join(map(str, numbers)) for term, numbers in coded.items()},
                   sorted(coded, key=_js_order), target)


def _js_order(word: str) -> bytes:
    """Code-point order, as JavaScript compares strings (UTF-16 code units)."""
    return word.encode("utf-16-be")


def _shards(entries: Mapping[str, str], order: Sequence[str], target: int) -> list[tuple[str, bytes]]:
    """Split the sorted word list into ranges of about `target` bytes; each named by its first word
    and encoded as compact JSON (`{"word":[numbers],...}`; `entries` holds each word's numbers,
    comma-separated, and words are letters and digits, which JSON writes as they are).

    A word is looked up in the last shard whose first word sorts at or before it (code-point
    order, as JavaScript compares strings), so one exact word costs one shard and a prefix
    costs the few shards its range spans.
    """
    shards: list[list[str]] = []
    current: list[str] = []
    size = 0
    for term in order:
        cost = len(term) + 7 + len(entries[term])  # never empty: 6 + one comma per number
        if current and size + cost > target:
            shards.append(current)
            current, size = [], 0
        current.append(term)
        size += cost
    if current or not shards:
        shards.append(current)
    # (the first shard also answers words sorting before any)
    return [("" if i == 0 else words_[0], ("{" + ",".join(f'"{w}":[{entries[w]}]' for w in words_) + "}").encode())
            for i, words_ in enumerate(shards)]


_ENTRY = re.compile(r'"([^"]*)":\[([^\]]*)\]')  # one word of an encoded shard


def reword(encoded: Sequence[tuple[str, bytes]], changes: Sequence[tuple[int, tuple[str, str], tuple[str, str]]],
           target: int = SHARD_BYTES) -> list[tuple[str, bytes]]:
    """The encoded term shards once some documents kept their numbers but changed their words:
    `changes` holds (document number, old (title, text), new (title, text)). Only the words those
    documents had or have are decoded and coded again; the split into shards is worked out again
    from every word's size, as `term_shards` does, so the result is byte for byte what it gives
    for the new texts."""
    entries = {term: numbers for _, blob in encoded for term, numbers in _ENTRY.findall(blob.decode())}
    numbers = {n for n, _, _ in changes}
    added: dict[str, list[int]] = defaultdict(list)
    affected: set[str] = set()
    for n, old, new in changes:
        for text_pair, into in ((old, None), (new, added)):
            title = terms(text_pair[0])
            for term, mark in [(t, n << 1 | 1) for t in title] + [(t, n << 1) for t in terms(text_pair[1]) - title]:
                affected.add(term)
                if into is not None:
                    into[term].append(mark)
    fresh = False
    for term in affected:
        marks, previous = [], 0
        for value in (int(v) for v in entries[term].split(",")) if term in entries else ():
            previous = value + (previous >> 1 << 1)
            if previous >> 1 not in numbers:
                marks.append(previous)
        marks = sorted(marks + added.get(term, []))
        if marks:
            fresh = fresh or term not in entries
            entries[term] = ",".join(str(mark - (before >> 1 << 1)) for mark, before in zip(marks, [0, *marks]))
        else:
            entries.pop(term, None)
    return _shards(entries, sorted(entries, key=_js_order) if fresh else list(entries), target)


# Compact UTF-8; the data is plain lists and dicts built here, never cyclic.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def _json(data: Any) -> bytes:
    return _ENCODER.encode(data).encode()
