"""The order list ("daftar pesanan") in Chromium, offline: a visitor who once opened the site adds
two products of one maker and one of another with the `data-order-add` buttons, opens
`/pesanan/`, changes quantities (a wholesale tier is reached), and gets one WhatsApp link per
maker whose decoded text lists every item, its option, quantity and the subtotal. The list
survives a reload, flags what the catalogue no longer has, shows its count in the header, exists
in English, and passes axe."""
from __future__ import annotations

from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import until
from tests.e2e.test_gates import AXE, need
from tests.e2e.test_offline import OfflineSite, controlled

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OfflineSite]:
    found = OfflineSite(tmp_path_factory.mktemp("order"))
    yield found
    found.stop()


def add(page, url: str, selector: str = "[data-order-add]") -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    until(page, "document.readyState === 'complete'")
    page.locator(selector).first.click()


def message(href: str) -> tuple[str, str]:
    parts = urlsplit(href)
    return parts.path.strip("/"), parse_qs(parts.query)["text"][0]


def test_an_order_list_made_offline_sends_one_message_per_maker(site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, service_workers="allow")
    page = context.new_page()
    stopped = False
    try:
        page.goto(site.url)
        controlled(page)  # the worker controls the page once its precache is complete
        context.set_offline(True)
        site.stop()
        stopped = True

        base = site.url
        add(page, base + "produk/bandeng-presto/", '[data-order-add][data-variant="BP-500"]')
        assert page.locator("[data-order-status]").inner_text() == "Ditambahkan ke daftar pesanan"
        add(page, base + "produk/abon-bandeng/")
        add(page, base + "produk/asbak-marmer/")
        assert page.locator("[data-order-count]").inner_text() == "3"

        page.goto(base + "pesanan/")
        until(page, "document.querySelector('[data-order]').hasAttribute('data-ready')")
        groups = page.locator("[data-order-maker]")
        assert groups.count() == 2
        assert page.locator('[data-order-maker="mattiro-sompe"] [data-order-line]').count() == 2
        # bandeng presto starts at its minimum order (5); 20 reaches its wholesale price of Rp 32.000
        line = page.locator('[data-order-line="bandeng-presto/BP-500"] input')
        assert line.input_value() == "5"
        line.fill("20")
        line.dispatch_event("change")
        abon = page.locator('[data-order-line="abon-bandeng"] input')
        abon.fill("3")
        abon.dispatch_event("change")
        mattiro = page.locator('[data-order-maker="mattiro-sompe"]')
        assert mattiro.locator("[data-order-subtotal]").inner_text().replace("\xa0", " ") == "Subtotal: Rp 775.000"

        links = {maker: page.locator(f'[data-order-send="{maker}"]').get_attribute("href")
                 for maker in ("mattiro-sompe", "batu-putih-balocci")}
        number, text = message(links["mattiro-sompe"])
        assert links["mattiro-sompe"].startswith("https://wa.me/") and number == "6281234567801"
        assert text == ("Halo UMKM Mattiro Sompe, saya ingin memesan:\n"
                        "- Bandeng Presto (500 g (4 ekor)) × 20 = Rp 640.000\n"
                        "- Abon Bandeng × 3 = Rp 135.000\n"
                        "Subtotal: Rp 775.000")
        number, text = message(links["batu-putih-balocci"])
        assert text == ("Halo IKM Batu Putih Balocci, saya ingin memesan:\n"
                        "- Asbak Marmer Bulat × 1 = Rp 65.000\n"
                        "Subtotal: Rp 65.000")

        # a reload keeps the list; an item the catalogue no longer has is flagged, never priced
        page.evaluate("""() => {
            const key = 'showcase:' + document.documentElement.dataset.swScope + ':order';
            const list = JSON.parse(localStorage.getItem(key));
            list.push({p: 'bandeng-presto', v: 'BP-250', q: 2}, {p: 'sudah-dihapus', v: '', q: 1});
            localStorage.setItem(key, JSON.stringify(list));
        }""")
        page.reload()
        until(page, "document.querySelector('[data-order]').hasAttribute('data-ready')")
        assert page.locator('[data-order-line="bandeng-presto/abon-bandeng"]').count() == 0
        assert page.locator('[data-order-line="bandeng-presto/BP-500"] input').input_value() == "20"
        assert "Pilihan ini sudah tidak ada" in page.locator('[data-order-line="bandeng-presto/BP-250"]').inner_text()
        assert "sudah tidak ada di katalog" in page.locator('[data-order-line="sudah-dihapus"]').inner_text()
        assert message(page.locator('[data-order-send="mattiro-sompe"]').get_attribute("href"))[1].count("\n- ") == 2
        assert page.locator("[data-order-count]").inner_text() == "5"

        # removing an item updates the list and the header count
        page.locator('[data-order-line="sudah-dihapus"] button').click()
        assert page.locator('[data-order-line="sudah-dihapus"]').count() == 0
        assert page.locator("[data-order-count]").inner_text() == "4"

        # the English list shows the same items in English, with its own message
        page.goto(base + "en/order/")
        until(page, "document.querySelector('[data-order]').hasAttribute('data-ready')")
        text = message(page.locator('[data-order-send="mattiro-sompe"]').get_attribute("href"))[1]
        assert text.startswith("Hello Mattiro Sompe, I would like to order:\n- Pressure-Cooked Milkfish (Bandeng Presto) (500 g (4 fish)) × 20")
    finally:
        context.close()
        if stopped:
            site.restart()


def test_the_order_list_passes_axe_with_items_in_it(site, browser):
    need(AXE, "axe-core")
    context = browser.new_context(viewport={"width": 360, "height": 800}, bypass_csp=True)
    page = context.new_page()
    try:
        add(page, site.url + "produk/bandeng-presto/", '[data-order-add][data-variant="BP-1000"]')
        add(page, site.url + "produk/asbak-marmer/")
        for path in ("pesanan/", "produk/bandeng-presto/"):
            page.goto(site.url + path)
            until(page, "document.readyState === 'complete'")
            if path == "pesanan/":
                until(page, "document.querySelector('[data-order]').hasAttribute('data-ready')")
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
                .violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")
            assert violations == [], f"{path}: {violations}"
    finally:
        context.close()
