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


def test_price_range_order_link_and_expired_badge_marked():
    product = pages()["produk/sarung-sutra/index.html"]["product"]
    assert product.price == "Rp\u00a0750.000 – Rp\u00a01.200.000"
    valid, expired = product.certifications
    assert (valid.label, valid.expired) == ("SNI", None), "valid licences first"
    assert "Standar Nasional Indonesia" in valid.about
    assert expired.label == "NIB" and expired.valid_until is None
    assert "31 Januari 2020" in expired.expired, "an expired licence says since when, not nothing"
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


def test_region_lists_the_districts_with_products_and_names_the_others_once():
    region = pages()["wilayah/pangkep/index.html"]["region"]
    assert [d.name for d in region.districts] == ["Pangkajene"]
    assert [c.title for c in region.districts[0].products] == ["Bandeng Presto"]
    assert [(d.name, d.count, d.url) for d in region.district_index] == [
        ("Pangkajene", 1, "#kec-pangkajene")], "no (0) chip that leads nowhere"
    assert region.districts_without_products == "Belum ada produk dari kecamatan Bungoro."


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


def test_a_printed_url_wraps_between_its_parts_never_inside_a_word():
    from showcase.views import breakable_url

    assert breakable_url("https://example.org/galeri/produk/abon-bandeng/") == \
        "https://example.org/<wbr>galeri/<wbr>produk/<wbr>abon-bandeng/"
    assert breakable_url('https://x.org/cari/?q=a&b="c"') == \
        "https://x.org/<wbr>cari/<wbr>?q=a<wbr>&amp;b=&#34;c&#34;", "each part escaped, the breaks kept"


def test_english_pages_show_the_english_site_texts(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FULL, content)
    site = content / "site.yaml"
    site.write_text(site.read_text().replace("title: Galeri Uji\n", "title: {id: Galeri Uji, en: Test Gallery}\n")
                    + "organisation:\n  id: Dekranasda Uji\n  en: Test Crafts Council\ntagline: Sutra dan bandeng\n")
    built = {output: page.context() for output, page in page_views(
        Options(content=content, cache=None, base_url="https://example.org/", today=date(2026, 11, 1))).items()}
    english, indonesian = built["en/index.html"], built["index.html"]
    assert (english["site"].title, english["site"].organisation) == ("Test Gallery", "Test Crafts Council")
    assert english["page"].title == "Test Gallery", "the home heading and title"
    assert built["en/products/sarung-sutra/index.html"]["page"].title.endswith(" · Test Gallery")
    assert built["en/catalogue/index.html"]["catalogue"].organisation == "Test Crafts Council"
    assert english["site"].tagline == "Sutra dan bandeng", "one text for both languages"
    assert (indonesian["site"].title, indonesian["site"].organisation) == ("Galeri Uji", "Dekranasda Uji")
    offline = built["en/offline/index.html"]
    assert offline["page"].lang == "en" and offline["offline"].title == "You are offline"
