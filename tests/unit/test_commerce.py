"""Rupiah, phones and order links as Indonesian buyers expect them."""
import urllib.parse

import pytest

from showcase import commerce


def test_rupiah_uses_dots_for_thousands():
    assert commerce.rupiah(35000) == "Rp\u00a035.000"
    assert commerce.rupiah(1250000) == "Rp\u00a01.250.000"
    assert commerce.rupiah(500) == "Rp\u00a0500"


def test_price_text_range_and_on_request():
    assert commerce.price_text(75000, 120000, "-") == "Rp\u00a075.000 – Rp\u00a0120.000"
    assert commerce.price_text(75000, 75000, "-") == "Rp\u00a075.000"
    assert commerce.price_text(None, None, "Harga: hubungi penjual") == "Harga: hubungi penjual"


@pytest.mark.parametrize("written", ["0812-3456-7890", "+62 812 3456 7890", "62 812 3456 7890",
                                     "(0812) 3456.7890", "812-3456-7890"])
def test_phone_writings_normalise(written):
    assert commerce.normalise_phone(written) == "6281234567890"


@pytest.mark.parametrize("written", ["12345", "+1 555 123 4567", "0812", "08123456789012345", "abc"])
def test_invalid_phones(written):
    assert commerce.normalise_phone(written) is None


def test_whatsapp_link_carries_the_whole_message():
    message = commerce.order_message("Halo, saya mau pesan {title} ({price}). {url}", "Abon & Bandeng",
                                     "Rp 35.000", "https://example.org/produk/abon/")
    link = commerce.whatsapp_link("6281234567890", message)
    assert link.startswith("https://wa.me/6281234567890?text=")
    assert urllib.parse.unquote(link.split("text=")[1]) == message


def test_numbers_are_shown_the_way_they_are_read():
    assert commerce.display_phone("6281234567890") == "+62 812-3456-7890"
    assert commerce.display_phone("62410321234") == "+62 410 321234"
    assert commerce.display_phone("622112345678") == "+62 21 12345678"


def test_https_only_urls_refuse_http_mailto_and_tel():
    from showcase.commerce import check_url
    assert check_url("https://www.tokopedia.com/toko", https_only=True) == ("", "")
    assert check_url("http://toko.example", https_only=True)[1] == "error"
    assert check_url("mailto:toko@example.com", https_only=True)[1] == "error"
    assert check_url("tel:+62812", https_only=True)[1] == "error"
    assert check_url("http://toko.example")[1] == "warning"  # other URL fields: unchanged
    assert check_url("mailto:toko@example.com") == ("", "")


@pytest.mark.parametrize(("unit", "shown"), [
    ("500 g (4 ekor)", "/ 500 g (4 ekor)"),
    ("250 g", "/ 250 g"),
    ("per buah", "per buah"),
    ("Per lembar (2 m)", "Per lembar (2 m)"),
    ("tiap pasang", "tiap pasang"),
    ("setiap toples", "setiap toples"),
    ("per piece", "per piece"),
    ("each", "each"),
    ("/pcs", "/pcs"),
    ("perak 10 g", "/ perak 10 g"),  # a word that starts with "per" is not "per"
    ("  200   g ", "/ 200 g"),
    ("", ""),
    (None, ""),
])
def test_a_unit_follows_the_price_without_saying_per_twice(unit, shown):
    assert commerce.unit_text(unit) == shown
