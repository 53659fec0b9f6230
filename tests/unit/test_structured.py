"""JSON-LD on product, maker and home pages: parsed as JSON, fields checked, safe in <script>."""
from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from showcase import structured
from showcase.pipeline import Options, build

TESTS = Path(__file__).resolve().parent.parent
FULL = TESTS / "sites" / "full" / "content"
MINIMAL = TESTS / "sites" / "minimal" / "content"
BASE = "https://example.org/galeri/"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("structured") / "out"
    build(Options(content=FULL, output=output, cache=None, base_url=BASE, today=date(2026, 11, 1), workers=1))
    return output


def jsonld(page: Path) -> dict:
    found = SCRIPT.findall(page.read_text())
    assert len(found) == 1, f"{page}: expected one JSON-LD script, found {len(found)}"
    return json.loads(found[0])


def test_serialised_text_cannot_end_the_script_element():
    data = {"name": 'Abon </script><script>alert(1)</script> <!-- & "kutip"', "u": "a\u2028b"}
    text = structured.serialise(data)
    assert not set("<>&") & set(text)
    assert "\u2028" not in text
    assert json.loads(text) == data


def test_fixed_price_product_has_an_offer_in_rupiah(site):
    data = jsonld(site / "produk" / "bandeng-presto" / "index.html")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Product"
    assert data["name"] == "Bandeng Presto"
    assert data["url"] == BASE + "produk/bandeng-presto/"
    assert data["category"] == "Olahan Hasil Laut"
    offer = data["offers"]
    assert offer == {"@type": "Offer", "url": data["url"], "availability": "https://schema.org/InStock",
                     "priceCurrency": "IDR", "price": 35000, "seller": {"@id": data["brand"]["@id"]}}


def test_price_range_is_an_aggregate_offer(site):
    offer = jsonld(site / "produk" / "sarung-sutra" / "index.html")["offers"]
    assert offer["@type"] == "AggregateOffer"
    assert (offer["lowPrice"], offer["highPrice"], offer["priceCurrency"]) == (750000, 1200000, "IDR")
    assert "price" not in offer


def test_product_without_price_still_says_where_and_whether(site):
    offer = jsonld(site / "produk" / "abon-bandeng" / "index.html")["offers"]
    assert "price" not in offer and "priceCurrency" not in offer and "lowPrice" not in offer
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["url"] == BASE + "produk/abon-bandeng/"


def test_maker_is_brand_and_manufacturer_with_address_and_phone(site):
    data = jsonld(site / "produk" / "sarung-sutra" / "index.html")
    brand = data["brand"]
    assert brand["@type"] == "LocalBusiness" and brand["name"] == "Galeri Sutra Lalabata"
    assert brand["url"] == BASE + "umkm/sutra-lalabata/"
    assert brand["telephone"] == "+6281311112222"
    assert brand["address"]["addressLocality"] == "Kabupaten Soppeng"
    assert brand["address"]["addressCountry"] == "ID"
    assert brand["areaServed"]["name"] == "Kabupaten Soppeng"
    assert "https://shopee.co.id/sutra.lalabata" in brand["sameAs"]
    assert data["manufacturer"] == {"@id": brand["@id"]}


def test_images_are_absolute_urls_of_the_largest_jpeg_on_disk(site):
    images = jsonld(site / "produk" / "sarung-sutra" / "index.html")["image"]
    assert len(images) == 2
    for url in images:
        assert url.startswith(BASE + "media/") and url.endswith(".jpg")
        relative = url[len(BASE):]
        assert (site / relative).is_file()
        stem = relative.rsplit("-", 1)[0]
        widths = [int(p.stem.rsplit("-", 1)[1]) for p in site.glob(stem + "-*.jpg")]
        assert int(Path(relative).stem.rsplit("-", 1)[1]) == max(widths)


def test_english_page_names_the_english_title_and_language(site):
    data = jsonld(site / "en" / "products" / "sarung-sutra" / "index.html")
    assert data["name"] == "Balo Renni Silk Sarong"
    assert data["inLanguage"] == "en"
    assert data["url"] == BASE + "en/products/sarung-sutra/"


def test_maker_page_is_a_local_business(site):
    data = jsonld(site / "umkm" / "mattiro-sompe" / "index.html")
    assert data["@type"] == "LocalBusiness"
    assert data["name"] == "UMKM Mattiro Sompe"
    assert data["telephone"] == "+6281234567890"
    assert data["url"] == BASE + "umkm/mattiro-sompe/"


def test_home_page_is_website_and_organisation(site):
    data = jsonld(site / "index.html")
    types = {node["@type"]: node for node in data["@graph"]}
    assert set(types) == {"WebSite", "Organization"}
    assert types["WebSite"]["url"] == BASE
    assert types["WebSite"]["publisher"] == {"@id": types["Organization"]["@id"]}
    assert types["Organization"]["contactPoint"]["telephone"] == "+6281200000001"


def test_other_pages_carry_no_json_ld(site):
    assert not SCRIPT.findall((site / "kategori" / "tenun-sutra" / "index.html").read_text())


def test_script_and_comment_in_a_title_stay_inside_the_json(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    product = content / "products" / "bandeng-presto.md"
    text = product.read_text()
    evil = 'Bandeng </script><script>alert(1)</script><!-- & "x"'
    product.write_text(re.sub(r"(?m)^title: .*$", "title: '" + evil.replace("'", "''") + "'", text, count=1))
    build(Options(content=content, output=tmp_path / "out", cache=None, base_url=BASE, workers=1))
    html = (tmp_path / "out" / "produk" / "bandeng-presto" / "index.html").read_text()
    head = html.split("</head>", 1)[0]
    assert "alert(1)</script>" not in head and "<!--" not in head
    assert jsonld(tmp_path / "out" / "produk" / "bandeng-presto" / "index.html")["name"] == evil
