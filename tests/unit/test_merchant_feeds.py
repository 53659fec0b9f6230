"""`merchant/google.xml` and `merchant/meta.csv` checked against the platforms' published rules.

The rule tables below are written from Google Merchant Center's product data specification
(support.google.com/merchants/answer/7052112 and the page of each attribute) and from Meta's
catalogue field reference for products (developers.facebook.com/docs/marketing-api/catalog/
reference, "Supported fields"); they are deliberately not imported from showcase, so a mistake
in the generator cannot agree with itself. Every rule is checked on the sample site and on a
generated site full of awkward cases (long titles and texts, markup, variants with and without
sku, pre-orders, seasonal products, products without price)."""
from __future__ import annotations

import csv
import io
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image

from showcase.pipeline import Options, analyse, build

REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "sites" / "minimal" / "content"
TODAY = date(2026, 11, 1)
G = "{http://base.google.com/ns/1.0}"

# -- Google Merchant Center: product data specification ----------------------------------------
GOOGLE_REQUIRED = ("id", "title", "description", "link", "image_link", "availability", "price", "condition",
                   "brand")
GOOGLE_MAX_LENGTH = {"id": 50, "title": 150, "description": 5000, "link": 2000, "image_link": 2000,
                     "additional_image_link": 2000, "availability_date": 25, "brand": 70, "item_group_id": 50,
                     "product_type": 750}
GOOGLE_AVAILABILITY = {"in_stock", "out_of_stock", "preorder", "backorder"}
GOOGLE_CONDITION = {"new", "refurbished", "used"}
GOOGLE_IDENTIFIER_EXISTS = {"yes", "no"}
GOOGLE_MAX_ADDITIONAL_IMAGES = 10
GOOGLE_PRICE = re.compile(r"^\d+(\.\d{1,2})? [A-Z]{3}$")  # number, space, ISO 4217 code
GOOGLE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}([+-]\d{4}|Z)$")  # YYYY-MM-DDThh:mm[±hhmm] or ...Z
GOOGLE_WEIGHT = re.compile(r"^\d+(\.\d+)? (lb|oz|g|kg)$")
IMAGE_TYPES = (b"\xff\xd8\xff",)  # we promise JPEG (Google accepts JPEG, PNG, GIF, WebP, BMP, TIFF; never AVIF)

# -- Meta commerce catalogue: supported fields for products -------------------------------------
META_COLUMNS = ["id", "title", "description", "availability", "condition", "price", "link", "image_link", "brand",
                "item_group_id", "additional_image_link"]
META_REQUIRED = ("id", "title", "description", "availability", "condition", "price", "link", "image_link", "brand")
META_MAX_LENGTH = {"id": 100, "title": 200, "description": 9999, "brand": 100}
META_AVAILABILITY = {"in stock", "out of stock", "preorder", "available for order", "discontinued"}
META_CONDITION = {"new", "refurbished", "used"}
META_PRICE = re.compile(r"^\d+(\.\d{2})? [A-Z]{3}$")
META_MAX_ADDITIONAL_IMAGES = 20


def jpeg(path: Path, colour: tuple[int, int, int]) -> None:
    Image.new("RGB", (800, 600), colour).save(path, "JPEG")


HEAD = "---\ncategory: olahan-hasil-laut\nmaker: mattiro-sompe\n"
LONG_TITLE = "Bandeng Presto Duri Lunak Khas Pangkajene dan Kepulauan " * 4
LONG_BODY = ("Bandeng **pilihan** dari tambak & laut (Pangkep), dimasak lama. " * 150).strip()
GENERATED = {
    "products/panjang.md": HEAD + f"title: {LONG_TITLE.strip()}\nprice: 40000\nprice_max: 90000\n"
                                  "images: [panjang.jpg, panjang-2.jpg]\nweight_g: 1200\ndate: 2026-10-01\n---\n"
                                  + LONG_BODY + "\n",
    "products/bervarian.md": HEAD + "title: Abon \"Spesial\" & Pedas\nimages: [abon.jpg]\nvariants:\n"
                                    "  - {name: 100 g, price: 20000}\n  - {name: 250 g, price: 45000}\n"
                                    "  - {name: 500 g, price: 85000, availability: habis}\ndate: 2026-09-01\n---\nAbon.\n",
    "products/sarung-pesanan.md": HEAD + "title: Sarung Tenun Pesanan\nprice: 450000\nimages: [sarung.jpg]\n"
                                  "availability: pre-order\nlead_time_days: 30\ndate: 2026-08-01\n---\nSarung.\n",
    "products/musiman.md": HEAD + "title: Ikan Terbang Asap\nprice: 30000\nimages: [ikan.jpg]\n"
                                  "availability: musiman\nmonths: [1, 2, 3]\ndate: 2026-07-01\n---\nMusiman.\n",
    "products/tanpa-harga.md": HEAD + "title: Perahu Hias Pesanan Khusus\nimages: [perahu.jpg]\ndate: 2026-06-01\n"
                                      "---\nHarga sesuai ukuran.\n",
    "products/kembar.md": HEAD + "title: Kerupuk\nimages: [kerupuk.jpg]\nvariants:\n"
                                 "  - {name: kecil, price: 10000, sku: SAMA-1}\ndate: 2026-05-01\n---\nKerupuk.\n",
    "products/kembar-lain.md": HEAD + "title: Kerupuk Lain\nimages: [kerupuk.jpg]\nvariants:\n"
                                      "  - {name: besar, price: 20000, sku: SAMA-1}\ndate: 2026-04-01\n---\nKerupuk.\n",
}


def generated_site(root: Path, base_url: str = "https://example.org/galeri/") -> Path:
    content = root / "content"
    shutil.copytree(MINIMAL, content)
    for name, text in GENERATED.items():
        (content / name).write_text(text)
    for i, name in enumerate(("panjang", "panjang-2", "abon", "sarung", "ikan", "perahu", "kerupuk")):
        jpeg(content / "products" / f"{name}.jpg", (40 * i, 120, 200 - 20 * i))
    (content / "site.yaml").write_text((content / "site.yaml").read_text().replace(
        "base_url: https://example.org/", f"base_url: {base_url}"))
    return content


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated")
    build(Options(content=generated_site(root), output=root / "out", cache=None, today=TODAY, workers=1))
    return root / "out"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample")
    build(Options(content=REPO / "content", output=root / "out", cache=root / "cache", today=TODAY))
    return root / "out"


def google_items(site: Path) -> list[dict[str, list[str]]]:
    root = ET.parse(site / "merchant" / "google.xml").getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None and all(channel.findtext(t) for t in ("title", "link", "description"))
    items = []
    for item in channel.findall("item"):
        fields: dict[str, list[str]] = {}
        for child in item:
            assert child.tag.startswith(G), f"{child.tag}: every item field is in Google's g: namespace"
            fields.setdefault(child.tag[len(G):], []).append(child.text or "")
        items.append(fields)
    return items


def meta_rows(site: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = (site / "merchant" / "meta.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def on_disk(site: Path, url: str, base: str) -> Path:
    assert url.startswith(base), f"{url} is not under {base}"
    relative = url[len(base):]
    return site / (relative + "index.html" if relative.endswith("/") or not relative else relative)


def check_google(site: Path, base: str) -> list[dict[str, list[str]]]:
    items = google_items(site)
    assert items, "the feed lists products"
    for item in items:
        one = {k: v[0] for k, v in item.items()}
        for name in GOOGLE_REQUIRED:
            assert one.get(name, "").strip(), f"{one.get('id')}: {name} is required"
        for name, values in item.items():
            assert name == "additional_image_link" or len(values) == 1, f"{name} repeated"
            for value in values:
                assert len(value) <= GOOGLE_MAX_LENGTH.get(name, 10_000), f"{one['id']}: {name} too long"
        assert "<" not in one["description"] and "**" not in one["description"], "description is plain text"
        assert one["availability"] in GOOGLE_AVAILABILITY and one["condition"] in GOOGLE_CONDITION
        assert one.get("identifier_exists", "yes") in GOOGLE_IDENTIFIER_EXISTS
        assert GOOGLE_PRICE.match(one["price"]) and one["price"].endswith(" IDR")
        if one["availability"] in ("preorder", "backorder"):
            assert GOOGLE_DATE.match(one.get("availability_date", "")), f"{one['id']}: availability_date"
        if "shipping_weight" in one:
            assert GOOGLE_WEIGHT.match(one["shipping_weight"])
        assert len(item.get("additional_image_link", [])) <= GOOGLE_MAX_ADDITIONAL_IMAGES
        for url in [one["link"], one["image_link"], *item.get("additional_image_link", [])]:
            assert url.startswith("https://"), url
            assert on_disk(site, url, base).is_file(), f"{url} does not exist in the output"
        for url in [one["image_link"], *item.get("additional_image_link", [])]:
            assert on_disk(site, url, base).read_bytes().startswith(IMAGE_TYPES), f"{url} is not a JPEG"
    ids = [i["id"][0] for i in items]
    assert len(ids) == len(set(ids)), "g:id is unique"
    return items


def check_meta(site: Path, base: str) -> list[dict[str, str]]:
    header, rows = meta_rows(site)
    assert header == META_COLUMNS
    assert rows
    for row in rows:
        for name in META_REQUIRED:
            assert row[name].strip(), f"{row['id']}: {name} is required"
        for name, limit in META_MAX_LENGTH.items():
            assert len(row[name]) <= limit, f"{row['id']}: {name} too long"
        assert row["availability"] in META_AVAILABILITY and row["condition"] in META_CONDITION
        assert META_PRICE.match(row["price"]) and row["price"].endswith(" IDR")
        extra = [u for u in row["additional_image_link"].split(",") if u]
        assert len(extra) <= META_MAX_ADDITIONAL_IMAGES
        for url in [row["link"], row["image_link"], *extra]:
            assert url.startswith("https://") and on_disk(site, url, base).is_file(), url
    assert len({r["id"] for r in rows}) == len(rows), "id is unique"
    return rows


@pytest.mark.parametrize("which", ["sample", "generated"])
def test_both_feeds_follow_every_rule_of_the_specifications(request, which):
    site = request.getfixturevalue(which)
    base = "https://example.org/" if which == "sample" else "https://example.org/galeri/"
    google = check_google(site, base)
    meta = check_meta(site, base)
    assert [i["id"][0] for i in google] == [r["id"] for r in meta], "both feeds list the same items"


def test_each_variant_is_an_item_with_its_sku_or_position_and_a_shared_group(sample, generated):
    by_id = {i["id"][0]: i for i in google_items(sample)}
    assert by_id["BP-500"]["price"] == ["35000.00 IDR"] and by_id["BP-1000"]["price"] == ["65000.00 IDR"]
    assert by_id["BP-500"]["item_group_id"] == by_id["BP-1000"]["item_group_id"] == ["bandeng-presto"]
    assert by_id["CBK-25"]["availability"] == ["out_of_stock"] and by_id["CBK-15"]["availability"] == ["in_stock"]
    generated_ids = {i["id"][0]: i for i in google_items(generated)}
    assert {"bervarian-1", "bervarian-2", "bervarian-3"} <= set(generated_ids)
    assert generated_ids["bervarian-2"]["title"] == ['Abon "Spesial" & Pedas - 250 g']
    assert "item_group_id" not in generated_ids["sarung-pesanan"], "a product without variants is not a group"


def test_a_range_uses_its_lower_price_and_a_long_title_and_text_are_cut(generated):
    item = {i["id"][0]: i for i in google_items(generated)}["panjang"]
    assert item["price"] == ["40000.00 IDR"]
    assert len(item["title"][0]) <= 150 and item["title"][0].endswith("…")
    assert 4000 < len(item["description"][0]) <= 5000 and "& laut (Pangkep)" in item["description"][0]
    assert item["shipping_weight"] == ["1200 g"] and len(item["additional_image_link"]) == 1
    assert item["product_type"] == ["Olahan Hasil Laut > Kabupaten Pangkajene dan Kepulauan"]
    assert item["brand"] == ["UMKM Mattiro Sompe"] and item["identifier_exists"] == ["no"]


def test_pre_orders_carry_their_ready_date_and_seasons_follow_the_build_date(generated):
    by_id = {i["id"][0]: i for i in google_items(generated)}
    assert by_id["sarung-pesanan"]["availability"] == ["preorder"]
    assert by_id["sarung-pesanan"]["availability_date"] == [f"{TODAY + timedelta(days=30)}T00:00+0700"]
    assert by_id["musiman"]["availability"] == ["out_of_stock"]  # November is not January-March
    meta = {r["id"]: r for r in meta_rows(generated)[1]}
    assert (meta["sarung-pesanan"]["availability"], meta["musiman"]["availability"]) == ("preorder", "out of stock")


def test_a_product_without_price_is_left_out_with_one_warning_naming_it(tmp_path, generated):
    assert "tanpa-harga" not in {i["id"][0] for i in google_items(generated)}
    assert "tanpa-harga" not in {r["id"] for r in meta_rows(generated)[1]}
    found = analyse(Options(content=generated_site(tmp_path), cache=None, today=TODAY)).diags
    warnings = [d for d in found.warnings if d.code == "FEED_NO_PRICE"]
    assert [d.path for d in warnings] == ["content/products/tanpa-harga.md"]
    assert "Perahu Hias Pesanan Khusus" in warnings[0].message("en")


def test_an_id_two_products_share_is_listed_once(generated):
    ids = [i["id"][0] for i in google_items(generated)]
    assert ids.count("SAMA-1") == 1


def test_a_preview_on_this_computer_has_no_feed_and_no_warning(tmp_path):
    found = analyse(Options(content=generated_site(tmp_path), cache=None, today=TODAY,
                            base_url="http://127.0.0.1:8000/galeri/")).diags
    assert [d.code for d in found.warnings if d.code.startswith("FEED_")] == []


def test_without_an_https_base_url_no_feed_is_written_and_one_warning_says_why(tmp_path):
    content = generated_site(tmp_path, "http://example.org/")
    build(Options(content=content, output=tmp_path / "out", cache=None, today=TODAY, workers=1))
    assert not (tmp_path / "out" / "merchant").exists()
    found = analyse(Options(content=content, cache=None, today=TODAY)).diags
    assert [d.code for d in found.warnings if d.code.startswith("FEED_")] == ["FEED_NO_BASE_URL"]
