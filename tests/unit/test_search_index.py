"""The search index: manifest facets, word shards, document chunks and the download a query needs."""
from __future__ import annotations

import gzip
import json
from functools import lru_cache

from bench.search_size import index_files, replay, synthetic_catalog
from showcase import search


@lru_cache(maxsize=None)
def built(n: int) -> tuple[object, dict[str, bytes]]:
    catalog, plans = synthetic_catalog(n, seed=7)
    return catalog, index_files(catalog, plans)


def manifest(files: dict[str, bytes]) -> dict:
    return json.loads(files["search/id/index.json"])


def shard(files: dict[str, bytes], kind: str, n: int | None, digest: str) -> object:
    return json.loads(files[f"search/id/{kind}{'' if n is None else n}-{digest}.json"])


def test_facet_counts_match_the_catalogue():
    catalog, files = built(600)
    m = manifest(files)
    assert m["count"] == 600 and sum(r[2] for r in m["facets"]["region"]) == 600
    assert sum(c[2] for c in m["facets"]["category"]) == 600
    assert sum(b[2] for b in m["facets"]["price"]) == 600
    halal = sum(any(c.type == "halal" for c in p.certifications) for p in catalog.products)
    assert dict((c[0], c[2]) for c in m["facets"]["cert"])["halal"] == halal
    pangkep = m["facets"]["region"][0]
    assert pangkep[2] == sum(p.region == pangkep[0] for p in catalog.products)
    assert sum(d[2] for d in m["facets"]["district"]) == 600


def test_every_file_named_in_the_manifest_exists_and_nothing_else():
    _, files = built(600)
    m = manifest(files)
    named = {f"search/id/t{i}-{t[1]}.json" for i, t in enumerate(m["terms"])}
    named |= {f"search/id/d{i}-{h}.json" for i, h in enumerate(m["docs"])} | {f"search/id/a-{m['attrs']}.json"}
    assert named | {"search/id/index.json"} == set(files)
    assert len(m["docs"]) == -(-600 // search.CHUNK_DOCS)


def test_word_shards_are_sorted_ranges_of_bounded_size():
    _, files = built(2000)
    m = manifest(files)
    firsts = [t[0] for t in m["terms"]]
    assert firsts[0] == "" and firsts == sorted(firsts)
    for i, (first, digest) in enumerate(m["terms"]):
        words = list(shard(files, "t", i, digest))
        assert words == sorted(words)
        assert all(w >= first for w in words)
        if i + 1 < len(firsts):
            assert all(w < firsts[i + 1] for w in words)
        assert len(files[f"search/id/t{i}-{digest}.json"]) < search.SHARD_BYTES * 3


def test_documents_are_numbered_newest_first_and_decode_with_the_title_bit():
    catalog, files = built(600)
    m = manifest(files)
    newest = sorted(catalog.products, key=lambda p: (-p.date.toordinal(), p.slug))
    first_chunk = shard(files, "d", 0, m["docs"][0])
    assert [doc[1] for doc in first_chunk] == [p.slug for p in newest[:search.CHUNK_DOCS]]
    title, slug = first_chunk[0][0], first_chunk[0][1]
    word = search.words(title)[0]
    index = next(i for i, t in enumerate(m["terms"]) if t[0] <= word and (i + 1 == len(m["terms"])
                                                                          or m["terms"][i + 1][0] > word))
    coded = shard(files, "t", index, m["terms"][index][1])[word]
    doc, hits = 0, {}
    for value in coded:
        doc += value >> 1
        hits[doc] = value & 1
    assert hits[0] == 1, f"{word} is in the title of {slug}"


def test_queries_find_their_products_by_word_stem_and_prefix():
    catalog, files = built(600)
    newest = sorted(catalog.products, key=lambda p: (-p.date.toordinal(), p.slug))
    bandeng = {i for i, p in enumerate(newest) if "bandeng" in p.title.lower()}
    assert bandeng and set(ranked(files, "bandeng")) >= bandeng
    assert set(ranked(files, "band")) >= bandeng  # as you type
    both = ranked(files, "abon bandeng")
    assert both and all("abon" in newest[d].title.lower() + newest[d].summary.lower() for d in both)
    sutra = set(ranked(files, "tenun sutra"))
    assert {i for i, p in enumerate(newest) if "tenun sutra" in p.title.lower()} <= sutra
    # the stem finds "Ditenun dengan alat tradisional" in a summary
    assert {i for i, p in enumerate(newest) if "Ditenun" in p.summary} <= set(ranked(files, "menenun"))


def ranked(files: dict[str, bytes], query: str) -> list[int]:
    """Document numbers, best first, as search.js ranks them (bench.search_size.replay mirrors it)."""
    return replay(files, query)["ranked"]


def test_the_first_result_needs_a_small_download():
    _, files = built(2000)
    for query in ("bandeng", "abon bandeng", "tenun sutra"):
        result = replay(files, query)
        first = sum(len(gzip.compress(files[name], 6)) for name in result["first"])
        assert result["results"] and first < 20_000, (query, first)
        assert len(result["first"]) <= 5


def test_kept_word_shards_are_reused_only_while_every_text_is_the_same():
    """A rebuild keeps the last build's word shards by the digest of the texts they index: a price
    edit gives the same files as a fresh index, and so does a title edit, which must not reuse them."""
    import dataclasses
    from datetime import date
    from pathlib import Path

    from showcase.config import SiteConfig
    from showcase.routes import Routes

    catalog, _ = synthetic_catalog(80, seed=3)
    config = SiteConfig(Path("."), Path("."), base_url="https://example.org/galeri/", languages=("id",))
    routes = Routes(config.base_path, "https://example.org", config.languages)
    regions, categories = {r.slug: r for r in catalog.regions}, {c.slug: c for c in catalog.categories}
    makers = {m.slug: m for m in catalog.makers}
    docs = [search.document(p, "id", makers[p.maker].name, categories[p.category].name, regions[p.region], None,
                            date(2026, 11, 1), "Harga atas permintaan") for p in catalog.products]
    ordered = sorted(catalog.categories, key=lambda c: c.sort_key)

    def index(documents, memo=None):
        return search.build_index({"id": documents}, list(catalog.regions), ordered, config, routes, memo)

    memo = search.Memo(kept={})
    first = index(docs, memo)
    assert first == index(docs)
    priced = [dataclasses.replace(docs[0], price=(docs[0].price or 0) + 1000, price_text="Rp 1"), *docs[1:]]
    kept = search.Memo(kept=dict(memo.kept))
    assert index(priced, kept) == index(priced)
    assert kept.kept["id"][1] is memo.kept["id"][1], "a price edit worked out every document's words again"
    retitled = [dataclasses.replace(docs[0], title="Kain Tenun Baru Sekali"), *docs[1:]]
    assert index(retitled, search.Memo(kept=dict(memo.kept))) == index(retitled)


class Indexed:
    """One language's documents of a synthetic catalogue, newest first, and what indexes them."""

    def __init__(self, products: int, seed: int) -> None:
        from datetime import date
        from pathlib import Path

        from showcase.config import SiteConfig
        from showcase.routes import Routes

        catalog, _ = synthetic_catalog(products, seed=seed)
        self.config = SiteConfig(Path("."), Path("."), base_url="https://example.org/galeri/", languages=("id",))
        self.routes = Routes(self.config.base_path, "https://example.org", self.config.languages)
        regions, categories = {r.slug: r for r in catalog.regions}, {c.slug: c for c in catalog.categories}
        self.makers = {m.slug: m for m in catalog.makers}
        self.catalog = catalog
        self.docs = sorted((search.document(p, "id", self.makers[p.maker].name, categories[p.category].name,
                                            regions[p.region], None, date(2026, 11, 1), "Harga atas permintaan")
                            for p in catalog.products), key=lambda d: (d.newest, d.slug))
        self.regions = list(catalog.regions)
        self.ordered = sorted(catalog.categories, key=lambda c: c.sort_key)
        self.frame = search.Frame(self.regions, self.ordered)

    def fresh(self, documents):  # type: ignore[no-untyped-def]
        return search.language_index(documents, self.regions, self.ordered, self.config, self.routes, "id",
                                     search.Memo())

    def assemble(self, cols, texts, memo):  # type: ignore[no-untyped-def]
        return search.assemble(cols, texts, self.frame, self.regions, self.ordered, self.config, self.routes, "id", memo)


def test_patched_columns_give_the_files_of_a_fresh_index_and_refuse_what_they_cannot_patch():
    """A price or stock edit patches the kept columns (the changed rows and the chunks holding
    them) and gives byte for byte the files a fresh index gives; a new title, a moved date or an
    unknown document is refused, so the build reads every document instead."""
    import dataclasses

    x = Indexed(80, seed=5)
    docs, frame, fresh = x.docs, x.frame, x.fresh

    memo = search.Memo(kept={})
    cols = search.columns(docs, frame)
    x.assemble(cols, [(d.title, d.other) for d in docs], memo)
    kept_chunks = list(cols.chunks)
    at = 30
    priced = dataclasses.replace(docs[at], price=(docs[at].price or 0) + 1000, price_text="Rp 99.000",
                                 stock="out_of_stock")
    after = [*docs[:at], priced, *docs[at + 1:]]
    assert cols.patch([priced], frame) == [], "a price edit keeps the document's words"
    patched = x.assemble(cols, None, search.Memo(kept=dict(memo.kept)))
    assert patched == fresh(after)
    changed = [n for n, (old, new) in enumerate(zip(kept_chunks, cols.chunks)) if old != new]
    assert changed == [at // search.CHUNK_DOCS], "only the chunk holding the edited document is encoded again"

    for refused in (dataclasses.replace(docs[at], newest=docs[at].newest - 5),
                    dataclasses.replace(docs[at], slug="produk-yang-belum-ada")):
        assert search.columns(docs, frame).patch([refused], frame) is None
    other = search.Frame(x.regions[::-1], x.ordered)
    assert search.columns(docs, frame).patch([priced], other) is None, "a region list that changed cannot be patched"


def test_documents_reworded_in_place_give_the_term_shards_of_a_fresh_index():
    """A new title or text (a maker renamed, a description corrected) keeps the document's place:
    the kept term shards are coded again from the old and new words of those documents only, and
    the files are byte for byte those of a fresh index, whether words come, go or move between
    title and text, and whether the split into shards moves."""
    import dataclasses

    x = Indexed(120, seed=7)
    docs, frame, fresh, makers, catalog = x.docs, x.frame, x.fresh, x.makers, x.catalog

    def patched(before, changed):
        memo = search.Memo(kept={})
        cols = search.columns(before, frame)
        x.assemble(cols, [(d.title, d.other) for d in before], memo)
        reworded = cols.patch(changed, frame)
        assert reworded is not None and [d for _, d in reworded] == changed
        at = {d.slug: i for i, d in enumerate(before)}
        memo.kept["id"] = ("", search.reword(memo.kept["id"][1], [(at[d.slug], (before[at[d.slug]].title,
                                                                               before[at[d.slug]].other),
                                                                  (d.title, d.other)) for d in changed]))
        return x.assemble(cols, None, memo)

    long_text = " ".join(f"kata{n} tenunan{n}" for n in range(400))  # enough new words to move the split
    edits = [
        [dataclasses.replace(docs[5], title="Kain Tenun Sutra Zamrud")],  # a word comes, others go
        [dataclasses.replace(docs[9], title=docs[9].other.split()[0], other=docs[9].title)],  # title and text swap
        [dataclasses.replace(docs[3], other=docs[3].other + " " + long_text),
         dataclasses.replace(docs[70], other="")],  # many new words; a text emptied
        [dataclasses.replace(d, other=d.other.replace(makers[catalog.products[0].maker].name, "Kelompok Baru"))
         for d in docs if makers[catalog.products[0].maker].name in d.other],  # a maker renamed
    ]
    for changed in edits:
        assert changed, "the edit names documents"
        after = [next((c for c in changed if c.slug == d.slug), d) for d in docs]
        assert fresh(after) != fresh(docs), "the edit changes the index"
        assert patched(docs, changed) == fresh(after)
