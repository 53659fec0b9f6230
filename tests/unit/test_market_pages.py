"""Market access on the built pages: the product page shows variants, availability, details and
trade terms; its JSON-LD is a ProductGroup whose variants carry schema.org availability and
wholesale price specifications; listings and search mark pre-order and sold-out products, and
search filters by availability and by price across variants."""
from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from showcase.pipeline import Options, build

MINIMAL = Path(__file__).resolve().parent.parent / "sites" / "minimal" / "content"
TODAY = date(2026, 11, 1)
HEAD = "---\ncategory: olahan-hasil-laut\nmaker: mattiro-sompe\n"
FILES = {
    "products/bandeng-presto.md": HEAD + """title: Bandeng Presto
variants:
  - {name: 500 g, price: 35000, sku: BP-500}
  - {name: 1 kg, price: 65000, sku: BP-1000, availability: habis}
shelf_life: 3 hari suhu ruang, 1 bulan beku
ingredients: bandeng, bawang putih, garam
min_order: 5
capacity_per_month: 1200
wholesale:
  - {min_qty: 20, price: 32000}
available_at: [gerai-pangkep]
date: 2026-09-24
---
Bandeng.
""",
    "products/bandeng-presto.en.md": """---
title: Pressure-Cooked Milkfish
variants:
  - {sku: BP-1000, name: 1 kg pack}
  - {sku: BP-500, name: 500 g pack}
shelf_life: 3 days at room temperature, 1 month frozen
---
Milkfish.
""",
    "products/sarung.md": HEAD + """title: Sarung Tenun
price: 450000
availability: pre-order
lead_time_days: 21
materials: [sutra, pewarna alam]
dimensions: {length_cm: 200, width_cm: 110}
weight_g: 350
export_ready: true
date: 2026-10-01
---
Sarung.
""",
    "products/cakalang.md": HEAD + """title: Cakalang Asap
price: 60000
availability: musiman
months: [4, 5, 6, 7, 8, 9, 10]
date: 2026-08-01
---
Cakalang.
""",
    "galleries/gerai-pangkep.md": "---\nname: Galeri Dekranasda Pangkep\nregion: pangkep\naddress: Jl. Poros 1\n---\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("market")
    content = root / "content"
    shutil.copytree(MINIMAL, content)
    for name, text in FILES.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text)
    build(Options(content=content, output=root / "out", cache=None, today=TODAY, workers=1))
    return root / "out"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text()


def jsonld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_product_page_shows_variants_availability_details_and_trade_terms(site):
    html = page(site, "produk/bandeng-presto")
    words = text(html)
    assert "500 g Harga: Rp 35.000" in words and "1 kg Habis Harga: Rp 65.000" in words
    assert "Rp 35.000 – Rp 65.000" in words  # the head shows the range of the variants
    assert "Ketersediaan: Tersedia" in words
    assert "Daya tahan 3 hari suhu ruang, 1 bulan beku" in words and "Komposisi bandeng, bawang putih, garam" in words
    assert "Pesanan minimum 5 satuan" in words and "Kapasitas produksi 1200 satuan per bulan" in words
    assert "Harga grosir mulai 20 satuan: Rp 32.000 per satuan" in words
    assert 'href="/gerai/gerai-pangkep/"' in html


def test_the_english_page_names_variants_by_their_sku_and_translates_details(site):
    words = text(page(site, "en/products/bandeng-presto"))
    assert "500 g pack Price: Rp 35.000" in words and "1 kg pack Sold out Price: Rp 65.000" in words
    assert "Shelf life 3 days at room temperature, 1 month frozen" in words
    assert "Wholesale price from 20 units: Rp 32.000 each" in words


def test_a_pre_order_says_how_long_it_takes_and_a_craft_shows_its_materials_and_size(site):
    words = text(page(site, "produk/sarung"))
    assert "Ketersediaan: Pre-order · dibuat 21 hari setelah dipesan" in words
    assert "Bahan sutra, pewarna alam" in words and "Ukuran 200 × 110 cm" in words and "Berat 350 g" in words
    assert "Siap ekspor Ya" in words


def test_a_seasonal_product_out_of_its_months_is_sold_out(site):
    words = text(page(site, "produk/cakalang"))
    assert "Ketersediaan: Habis · musiman, ada pada April–Oktober" in words
    assert "Sold out · seasonal, available in April–October" in text(page(site, "en/products/cakalang"))


def test_json_ld_is_a_product_group_with_one_product_and_offer_per_variant(site):
    data = jsonld(page(site, "produk/bandeng-presto"))
    group = next(n for n in data.get("@graph", [data]) if n["@type"] == "ProductGroup")
    assert group["productGroupID"] == "bandeng-presto"
    variants = group["hasVariant"]
    assert [v["sku"] for v in variants] == ["BP-500", "BP-1000"]
    assert all(v["@type"] == "Product" and v["inProductGroupWithID"] == "bandeng-presto" for v in variants)
    offers = [v["offers"] for v in variants]
    assert [o["price"] for o in offers] == [35000, 65000] and {o["priceCurrency"] for o in offers} == {"IDR"}
    assert [o["availability"] for o in offers] == ["https://schema.org/InStock", "https://schema.org/OutOfStock"]
    tiers = offers[0]["priceSpecification"]
    assert [(t["price"], t["eligibleQuantity"]["minValue"]) for t in tiers] == [(35000, 5), (32000, 20)]
    assert all(t["@type"] == "UnitPriceSpecification" and t["eligibleQuantity"]["@type"] == "QuantitativeValue"
               for t in tiers)


def test_json_ld_availability_of_pre_order_and_seasonal_products(site):
    sarung = jsonld(page(site, "produk/sarung"))
    product = next(n for n in sarung.get("@graph", [sarung]) if n["@type"] == "Product")
    assert product["offers"]["availability"] == "https://schema.org/PreOrder"
    assert product["offers"]["availabilityStarts"] == (TODAY + timedelta(days=21)).isoformat()
    assert product["weight"] == {"@type": "QuantitativeValue", "value": 350, "unitCode": "GRM"}
    cakalang = jsonld(page(site, "produk/cakalang"))
    product = next(n for n in cakalang.get("@graph", [cakalang]) if n["@type"] == "Product")
    assert product["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_listings_mark_pre_order_and_sold_out_products_and_nothing_else(site):
    html = page(site, "produk")
    cards = {title: card for card in re.findall(r'<article class="card".*?</article>', html, re.S)
             for title in re.findall(r'class="card-title"><a [^>]*>([^<]+)<', card)}
    assert 'badge-preorder">Pre-order<' in cards["Sarung Tenun"]
    assert 'badge-out">Habis<' in cards["Cakalang Asap"]
    assert "badge" not in cards["Bandeng Presto"]  # one variant sold out, the other in stock
    assert 'badge-out">Sold out<' in page(site, "en/products")


def search_files(site: Path) -> tuple[dict, dict]:
    manifest = json.loads((site / "search" / "id" / "index.json").read_text())
    attrs = json.loads(next((site / "search" / "id").glob("a-*.json")).read_text())
    return manifest, attrs


def test_search_offers_an_availability_filter_with_counts(site):
    manifest, attrs = search_files(site)
    counts = {v[0]: v[2] for v in manifest["facets"]["availability"]}
    assert counts == {"in_stock": 1, "preorder": 1, "out_of_stock": 1}
    assert 'name="availability"' in page(site, "cari")


def test_search_price_filter_covers_every_variant(site):
    manifest, attrs = search_files(site)
    buckets = {label.replace("\xa0", " "): n for _, label, n in manifest["facets"]["price"]}
    # bandeng presto (Rp 35.000 – Rp 65.000) is counted under both ranges its variants reach
    assert buckets["Rp 25.000 – Rp 50.000"] == 1 and buckets["Rp 50.000 – Rp 100.000"] == 2
    assert sorted(zip(attrs["p"], attrs["q"])) == [(35000, 65000), (60000, 60000), (450000, 450000)]
