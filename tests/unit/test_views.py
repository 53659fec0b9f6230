"""What templates receive: prices, order links, language fallback, grouping, relations."""
from __future__ import annotations

import urllib.parse
from datetime import date
from functools import lru_cache
from pathlib import Path

from showcase.pipeline import Options, page_views

FULL = Path(__file__).resolve().parent.parent / "sites" / "full" / "content"


@lru_cache(maxsize=1)
def pages():
    built = page_views(Options(content=FULL, cache=None, base_url="https://example.org/galeri/",
                               today=date(2026, 11, 1)))
    return {output: page.context() for output, page in built.items()}


def test_price_range_order_link_and_expired_badge_hidden():
    product = pages()["produk/sarung-sutra/index.html"]["product"]
    assert product.price == "Rp\u00a0750.000 – Rp\u00a01.200.000"
    assert [c.label for c in product.certifications] == ["SNI"], "expired NIB is hidden"
    assert product.order_url.startswith("https://wa.me/6281311112222?text=")
    message = urllib.parse.unquote(product.order_url.split("text=")[1])
    assert "Sarung Sutra Balo Renni" in message and "Rp 750.000 – Rp 1.200.000" in message
    assert "https://example.org/galeri/produk/sarung-sutra/" in message


def test_no_price_shows_contact_the_seller_and_falls_back_to_site_whatsapp():
    product = pages()["produk/abon-bandeng/index.html"]["product"]
    assert product.price == "Harga: hubungi penjual" and not product.has_price
    assert product.order_url.startswith("https://wa.me/6281234567890?")


def test_english_page_uses_translation_or_marks_indonesian_fallback():
    all_pages = pages()
    translated = all_pages["en/products/sarung-sutra/index.html"]
    assert translated["product"].title == "Balo Renni Silk Sarong"
    assert translated["product"].images[0].alt == "Silk sarong with a small check pattern"
    assert translated["page"].content_lang is None
    fallback = all_pages["en/products/bandeng-presto/index.html"]
    assert fallback["product"].title == "Bandeng Presto"
    assert fallback["page"].content_lang == "id"
    assert fallback["page"].switch.url == "/galeri/produk/bandeng-presto/"


def test_region_lists_every_district_in_order_with_its_products():
    region = pages()["wilayah/pangkep/index.html"]["region"]
    assert [d.name for d in region.districts] == ["Pangkajene", "Bungoro"]
    assert [c.title for c in region.districts[0].products] == ["Bandeng Presto"]
    assert region.districts[1].products == ()


def test_home_features_and_orders_newest_first():
    home = pages()["index.html"]["home"]
    assert [c.title for c in home.featured] == ["Bandeng Presto"]
    assert [c.title for c in home.newest] == ["Bandeng Presto", "Abon Bandeng", "Sarung Sutra Balo Renni"]
    assert home.featured[0].image.loading == "eager"


def test_hreflang_alternates_and_nav_current():
    page = pages()["kategori/tenun-sutra/index.html"]
    assert [(a.lang, a.url) for a in page["page"].alternates] == [
        ("id", "https://example.org/galeri/kategori/tenun-sutra/"),
        ("en", "https://example.org/galeri/en/categories/tenun-sutra/")]
    assert [n.label for n in page["site"].nav if n.current] == ["Kategori"]
