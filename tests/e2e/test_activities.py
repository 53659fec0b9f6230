"""Issue 14 in a real browser: the programme filter of search, and the new pages (activities,
an event, a programme, the partner network) on a phone, with the site's CSP enforced.

Runs on the sample showcase (the `served_site` fixture) at 360 px.
"""
from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest

from tests.e2e.conftest import until
from tests.e2e.test_search import open_search, results, wait_status

pytestmark = pytest.mark.browser

INCUBATOR = "inkubator-umkm-tangsel"
COHORT_MAKERS = {"Lentera Batik Pamulang", "Sanggar Batik Kembang Setu", "Kelompok Perajin Pesisir Labakkang",
                 "Galeri Sutra Lalabata"}


def test_programme_filter_shows_the_products_of_its_makers(page_at, served_site):
    server, output = served_site
    manifest = json.loads((output / "search" / "id" / "index.json").read_text())
    (facet,) = [f for f in manifest["facets"]["program"] if f[0] == INCUBATOR]
    katalog = json.loads((output / "katalog.json").read_text())
    base = server.url.split("://", 1)[1].split("/", 1)[1]  # the sub-path, e.g. galeri/
    expected = {"/" + base + p["url"].split("/" + base, 1)[1] for p in katalog["products"]
                if p["maker"] in COHORT_MAKERS}
    assert facet[2] == len(expected) > 0
    page, errors = open_search(page_at, served_site)
    assert page.is_visible("#search-program")
    page.select_option("#search-program", INCUBATOR)
    wait_status(page, f"{len(expected)} produk")
    assert {r["url"] for r in results(page)} == expected
    assert f"program={INCUBATOR}" in page.url
    assert not errors


@pytest.mark.parametrize("path", ["kegiatan/", "kegiatan/pameran-produk-unggulan-tiga-daerah/",
                                  "en/activities/kunjungan-soppeng-pangkep-ke-tangsel/", "program/",
                                  f"program/{INCUBATOR}/", "jejaring/", "umkm/lentera-batik-pamulang/"])
def test_new_pages_fit_a_phone_with_no_csp_violation(page_at, served_site, path):
    server, _ = served_site
    page = page_at(360)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(server.url + path)
    until(page, "() => document.readyState === 'complete'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("h1").count() == 1
    assert not violations


def test_event_page_offers_registration_and_the_agenda_file(page_at, served_site):
    server, _ = served_site
    page = page_at(360)
    page.goto(server.url + "kegiatan/pameran-produk-unggulan-tiga-daerah/")
    register = page.get_by_role("link", name="Daftar sekarang")
    assert register.get_attribute("href").startswith("https://")
    calendar = page.locator("a[download]").first
    response = page.request.get(urljoin(server.url, calendar.get_attribute("href")))
    assert response.ok and response.body().startswith(b"BEGIN:VCALENDAR\r\n")
