"""Offline records: one compact record per product, maker, region and category page, in
content-hashed chunks of stable membership, so a new deploy changes only what an edit touched.

The site is the benchmark's generated catalogue (no photos, so it builds in seconds), large
enough to need several chunks.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from showcase import records
from showcase.pipeline import Options, build

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from corpus import generate  # noqa: E402


def chunks(output: Path, lang: str) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text()) for p in sorted((output / "records" / lang).glob("*.json"))}


def build_site(content: Path, output: Path, cache: Path) -> None:
    build(Options(content=content, output=output, cache=cache, base_url="https://example.org/galeri/",
                  today=date(2026, 11, 1), workers=1))


def test_a_price_edit_changes_exactly_one_record_chunk_per_language(tmp_path: Path) -> None:
    content = generate(tmp_path / "site", products=80, photos=0, words=60)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build_site(content, output, cache)
    before = {lang: chunks(output, lang) for lang in ("id", "en")}
    assert len(before["id"]) >= 3, "a catalogue of this size comes in several chunks"
    every = {key for chunk in before["id"].values() for key in chunk}
    assert {"product/produk-00042", "maker/umkm-00001", "region/pangkep", "category/batik"} <= every
    assert len(every) == 80 + 3 + 3 + 6, "one record per product, maker, region and category"

    product = content / "products"
    path = next(product.rglob("produk-00042.md"))
    text = path.read_text()
    old_price = next(line for line in text.splitlines() if line.startswith("price:"))
    path.write_text(text.replace(old_price, "price: 123456"))
    build_site(content, output, cache)

    for lang in ("id", "en"):
        after = chunks(output, lang)
        gone, new = set(before[lang]) - set(after), set(after) - set(before[lang])
        assert len(gone) == 1 and len(new) == 1, f"{lang}: {gone} -> {new}"
        (name,) = new
        assert name.split("-")[0] == next(iter(gone)).split("-")[0], "the same bucket, a new content hash"
        assert after[name]["product/produk-00042"]["p"] == "Rp\u00a0123.456"
        bucket = records.bucket_of("product/produk-00042", len(after))
        assert records.bucket_of_path(f"records/{lang}/{name}") == bucket


def test_a_record_holds_what_the_page_shows(tmp_path: Path) -> None:
    content = generate(tmp_path / "site", products=30, photos=0, words=60)
    output = tmp_path / "output"
    build_site(content, output, tmp_path / "cache")
    found = {k: v for chunk in chunks(output, "id").values() for k, v in chunk.items()}
    page = (output / "produk" / "produk-00003" / "index.html").read_text()
    record = found["product/produk-00003"]
    assert f">{record['t']}</h1>" in page
    assert record["p"] in page and record["u"] == "500 g"
    assert record["m"] in page and record["c"] in page and record["r"] in page
    assert len(record["b"]) <= records_excerpt() + 1 and record["b"][:40] in page
    assert all(f'/galeri/produk/{s}/' in page for s in record["rel"]), "related products as on the page"
    maker = found[f"maker/{record['m']}"]
    assert maker["w"].startswith("62") and "product/" not in json.dumps(maker["ps"])


def records_excerpt() -> int:
    from showcase.pages.records import EXCERPT
    return EXCERPT
