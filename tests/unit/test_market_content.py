"""Market access in the content model: variants, availability, details, trade terms, galleries.

Each mistake an editor can make with the new fields is reported with its file, line and a fix;
the values that pass reach the model as a buyer will read them (a variant's English name, a
seasonal product's stock by the build date), and a gallery gets its page in both languages.
"""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from showcase import model
from showcase.errors import Severity
from showcase.pipeline import Options, analyse, build

MINIMAL = Path(__file__).resolve().parent.parent / "sites" / "minimal" / "content"
PRODUCT = "products/abon.md"
E, W = Severity.ERROR, Severity.WARNING


def product(*lines: str, body: str = "Abon bandeng gurih.\n") -> bytes:
    head = ["title: Abon Bandeng", "category: olahan-hasil-laut", "maker: mattiro-sompe"]
    return ("---\n" + "\n".join([*head, *lines]) + "\n---\n" + body).encode()


GALLERY = ("---\nname: Galeri Dekranasda Pangkep\nregion: pangkep\naddress: Jl. Sultan Hasanuddin 1, Pangkajene\n"
           "opening_hours: Senin-Jumat 08.00-16.00\nmap_url: https://www.openstreetmap.org/#map=17/-4.8/119.5\n"
           "---\nGerai resmi.\n").encode()


def site(tmp_path: Path, files: dict[str, bytes]) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    for name, data in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(data)
    return content


def analysis(tmp_path: Path, files: dict[str, bytes], today: date = date(2026, 11, 1)):  # type: ignore[no-untyped-def]
    return analyse(Options(content=site(tmp_path, files), cache=tmp_path / "cache", workers=1, today=today))


def problem(found, severity, code, line):  # type: ignore[no-untyped-def]
    for d in found.diags.items:
        if d.severity is severity and d.code == code and d.path == f"content/{PRODUCT}" and d.line == line:
            return d
    pytest.fail(f"no {severity.value} {code} at line {line}; got:\n" + "\n".join(d.format("en") for d in found.diags.items))


CASES = [
    ("availability typo", ["availability: preorder"], E, "FM_CHOICE", 5),
    ("pre-order without lead time", ["availability: pre-order"], E, "MK_LEAD_TIME", 5),
    ("seasonal without months", ["availability: musiman"], E, "MK_MONTHS", 5),
    ("month 13", ["availability: musiman", "months: [6, 13]"], E, "FM_RANGE", 6),
    ("lead time without pre-order", ["lead_time_days: 7"], W, "MK_UNUSED", 5),
    ("price beside variants", ["price: 30000", "variants:", "  - {name: 250 g, price: 30000}"], E, "MK_VARIANT_PRICE", 5),
    ("variant without price", ["variants:", "  - {name: 250 g}"], E, "FM_MISSING_FIELD", 6),
    ("variant price with dots", ["variants:", "  - {name: 250 g, price: 30.000}"], E, "FM_NOT_INTEGER", 6),
    ("same sku twice", ["variants:", '  - {name: 250 g, price: 30000, sku: "AB-1"}',
                        '  - {name: 500 g, price: 55000, sku: "AB-1"}'], E, "MK_SKU_TWICE", 5),
    ("variant range upside down", ["variants:", "  - {name: 250 g, price: 30000, price_max: 20000}"],
     E, "FM_PRICE_RANGE", 5),
    ("wholesale out of order", ["price: 30000", "wholesale:", "  - {min_qty: 50, price: 25000}",
                                "  - {min_qty: 10, price: 28000}"], E, "MK_WHOLESALE_ORDER", 6),
    ("wholesale dearer than retail", ["price: 30000", "wholesale:", "  - {min_qty: 10, price: 31000}"],
     W, "MK_WHOLESALE_HIGH", 6),
    ("wholesale without a price", ["wholesale:", "  - {min_qty: 10, price: 31000}"], E, "MK_WHOLESALE_NO_PRICE", 5),
    ("dimensions without width", ["dimensions: {length_cm: 20}"], E, "FM_MISSING_FIELD", 5),
    ("weight in kg text", ['weight_g: "1,2 kg"'], E, "FM_NOT_INTEGER", 5),
    ("export_ready yes", ["export_ready: ya"], E, "FM_NOT_BOOL", 5),
    ("unknown gallery", ["available_at: [gerai-pangkp]"], E, "REF_UNKNOWN", 5),
]


@pytest.mark.parametrize("name, lines, severity, code, line", CASES, ids=[c[0] for c in CASES])
def test_each_market_field_mistake_is_reported_at_its_line_with_a_fix(tmp_path, name, lines, severity, code, line):
    found = analysis(tmp_path, {PRODUCT: product(*lines), "galleries/gerai-pangkep.md": GALLERY})
    d = problem(found, severity, code, line)
    for lang in ("id", "en"):
        assert d.message(lang) and d.hint(lang), f"{code} says nothing in {lang}"


def test_unknown_gallery_suggests_the_one_that_exists(tmp_path):
    found = analysis(tmp_path, {PRODUCT: product("available_at: [gerai-pangkp]"), "galleries/gerai-pangkep.md": GALLERY})
    assert '"gerai-pangkep"' in problem(found, E, "REF_UNKNOWN", 5).message("en")


def test_a_gallery_needs_an_address_and_a_known_region_and_an_https_map(tmp_path):
    text = b"---\nname: Gerai\nregion: pangkp\nmap_url: http://maps.example.com/x\n---\n"
    found = analysis(tmp_path, {"galleries/gerai-uji.md": text})
    codes = {(d.code, d.line) for d in found.diags.items if d.path == "content/galleries/gerai-uji.md"}
    assert {("FM_MISSING_FIELD", 2), ("FM_URL", 4), ("REF_UNKNOWN", 3)} <= codes


def test_variants_details_and_trade_terms_reach_the_model(tmp_path):
    found = analysis(tmp_path, {PRODUCT: product(
        "variants:", '  - {name: 250 g, price: 30000, sku: "AB-250"}', "  - {name: 500 g, price: 55000, availability: habis}",
        "shelf_life: 3 bulan", "ingredients: bandeng, bawang", "materials: [toples kaca]",
        "dimensions: {length_cm: 10, width_cm: 10, height_cm: 12.5}", "weight_g: 300", "min_order: 5",
        "capacity_per_month: 400", "wholesale:", "  - {min_qty: 20, price: 27000}", "export_ready: true",
        "available_at: [gerai-pangkep]"), "galleries/gerai-pangkep.md": GALLERY})
    assert not found.diags.errors, [d.format("en") for d in found.diags.items]
    p = found.catalog.products[0]
    assert (p.lowest_price, p.highest_price) == (30000, 55000)
    assert [p.variant_id(i) for i in range(2)] == ["AB-250", "abon-2"]
    assert p.stock_on(date(2026, 11, 1), p.variants[1]) == model.OUT_OF_STOCK
    assert p.stock_on(date(2026, 11, 1), p.variants[0]) == model.IN_STOCK
    assert p.dimensions == model.Dimensions(10, 10, 12.5) and p.wholesale == (model.Tier(20, 27000),)
    assert p.available_at == ("gerai-pangkep",) and p.export_ready and p.min_order == 5


def test_variant_names_are_translated_by_sku_else_by_position(tmp_path):
    files = {PRODUCT: product("variants:", '  - {name: 250 g toples, price: 30000, sku: "AB-250"}',
                              '  - {name: 500 g toples, price: 55000, sku: "AB-500"}'),
             "products/abon.en.md": b'---\ntitle: Shredded milkfish\nvariants:\n  - {sku: "AB-500", name: 500 g jar}\n'
                                    b'  - {sku: "AB-250", name: 250 g jar}\n---\n',
             "products/kerupuk.md": product("variants:", "  - {name: kecil, price: 10000}", "  - {name: besar, price: 20000}")
             .replace(b"Abon Bandeng", b"Kerupuk"),
             "products/kerupuk.en.md": b"---\ntitle: Crackers\nvariants:\n  - {name: small}\n  - {name: large}\n---\n"}
    found = analysis(tmp_path, files)
    by_slug = {p.slug: p for p in found.catalog.products}
    abon, kerupuk = by_slug["abon"], by_slug["kerupuk"]
    assert [abon.variant_text("en", i)[0] for i in range(2)] == ["250 g jar", "500 g jar"]
    assert [kerupuk.variant_text("en", i)[0] for i in range(2)] == ["small", "large"]
    assert kerupuk.variant_text("id", 1)[0] == "besar"


def test_a_translation_naming_an_unknown_sku_is_a_warning_on_the_translation(tmp_path):
    found = analysis(tmp_path, {PRODUCT: product("variants:", '  - {name: 250 g, price: 30000, sku: "AB-250"}'),
                                "products/abon.en.md": b'---\ntitle: Shredded milkfish\nvariants:\n  - {sku: "AB-25", name: 250 g jar}\n---\n'})
    assert any(d.code == "MK_VARIANT_TRANSLATION" and d.path == "content/products/abon.en.md" for d in found.diags.items)


@pytest.mark.parametrize("day, state", [(date(2026, 7, 1), model.IN_STOCK), (date(2026, 11, 1), model.OUT_OF_STOCK)])
def test_a_seasonal_product_is_in_stock_only_in_its_months_by_the_build_date(tmp_path, day, state):
    found = analysis(tmp_path, {PRODUCT: product("price: 30000", "availability: musiman", "months: [6, 7, 8]")}, day)
    assert found.catalog.products[0].stock_on(day) == state


def test_a_gallery_has_a_page_in_both_languages_listing_what_it_sells(tmp_path):
    content = site(tmp_path, {PRODUCT: product("price: 30000", "available_at: [gerai-pangkep]", "date: 2026-10-01"),
                              "galleries/gerai-pangkep.md": GALLERY,
                              "galleries/gerai-pangkep.en.md": b"---\nname: Pangkep Council Gallery\n"
                                                               b"opening_hours: Mon-Fri 8 am-4 pm\n---\n"})
    output = tmp_path / "out"
    build(Options(content=content, output=output, cache=None, today=date(2026, 11, 1), workers=1))
    page = (output / "gerai" / "gerai-pangkep" / "index.html").read_text()
    english = (output / "en" / "outlets" / "gerai-pangkep" / "index.html").read_text()
    assert "Galeri Dekranasda Pangkep" in page and "Senin-Jumat 08.00-16.00" in page
    assert "Jl. Sultan Hasanuddin 1, Pangkajene" in page and 'href="https://www.openstreetmap.org/' in page
    assert 'href="/produk/abon/"' in page and 'href="/produk/bandeng-presto/"' not in page
    assert "Pangkep Council Gallery" in english and "Mon-Fri 8 am-4 pm" in english
    assert "\"@type\":\"Store\"" in page
    assert 'href="/gerai/gerai-pangkep/"' in (output / "gerai" / "index.html").read_text()
    assert 'href="/gerai/"' in (output / "index.html").read_text()  # in the menu


def test_a_site_without_galleries_has_no_gallery_list_or_menu_entry(tmp_path):
    output = tmp_path / "out"
    build(Options(content=site(tmp_path, {}), output=output, cache=None, today=date(2026, 11, 1), workers=1))
    assert not (output / "gerai").exists()
    assert "/gerai/" not in (output / "index.html").read_text()


def test_showcase_new_gallery_writes_a_file_that_builds(tmp_path, monkeypatch, capsys):
    from showcase.cli import main

    content = site(tmp_path, {})
    monkeypatch.chdir(tmp_path)
    assert main(["new", "gallery", "--content", str(content), "--name", "Galeri Dekranasda Pangkep",
                 "--region", "pangkep", "--address", "Jl. Sultan Hasanuddin 1"]) == 0
    text = (content / "galleries" / "galeri-dekranasda-pangkep.md").read_text()
    assert "region: pangkep\n" in text and "# opening_hours:" in text and "# map_url:" in text
    assert main(["new", "product", "--content", str(content), "--title", "Abon", "--maker", "mattiro-sompe",
                 "--category", "olahan-hasil-laut", "--availability", "pre-order", "--lead-time-days", "7"]) == 0
    text = (content / "products" / "pangkep" / "abon.md").read_text()
    assert "availability: pre-order\n" in text and "lead_time_days: 7\n" in text and "# variants:" in text
    assert not analyse(Options(content=content, cache=None)).diags.errors


def test_the_web_editor_offers_galleries_variants_and_availability(tmp_path):
    import yaml

    content = site(tmp_path, {"galleries/gerai-pangkep.md": GALLERY})
    (content / "site.yaml").write_text((content / "site.yaml").read_text()
                                       + "cms:\n  enabled: true\n  repo: dekranasda-pangkep/galeri\n")
    output = tmp_path / "out"
    build(Options(content=content, output=output, cache=None, workers=1))
    config = yaml.safe_load((output / "admin" / "config.yml").read_text())
    by_name = {c["name"]: c for c in config["collections"]}
    assert by_name["galleries"]["folder"] == "content/galleries"
    fields = {f["name"]: f for f in by_name["products"]["fields"]}
    assert fields["available_at"]["widget"] == "relation" and fields["available_at"]["multiple"] is True
    assert fields["available_at"]["collection"] == "galleries"
    assert fields["availability"]["options"] == ["tersedia", "pre-order", "habis", "musiman"]
    variant = {f["name"]: f for f in fields["variants"]["fields"]}
    assert variant["price"]["widget"] == "showcase-number" and variant["name"]["required"] is True
    english = {f["name"]: f for f in by_name["products-en"]["fields"]}
    assert {f["name"] for f in english["variants"]["fields"]} == {"sku", "name", "unit"}
    assert "galleries-en" in by_name
