"""What a phone visitor and a large-text reader meet first, in Chromium with the site's CSP enforced.

- At 360 x 640 every product page, in both languages, shows its title and price on the first
  screen, covered by nothing (the sticky order bar included), with and without JavaScript.
- With 200 % text (Chromium's default font size set to 32 px through the DevTools protocol, as a
  phone's font setting does) at 360 px, and at 320 px with normal text, no kind of page in either
  language scrolls sideways, no word is split across two lines, and the site name never runs
  over the search and language buttons.
- The header menu shows every destination on screen, marks the current one, and reaches search;
  with 200 % text it folds into one "Menu" button that holds them all.
- The product's main photo is shown whole; cards crop photos at their `focus`; prices of a card
  row sit at one height; the offline notice covers nothing.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import SCREENSHOTS, SPLIT_WORDS, until

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}


def every_kind(output: Path) -> dict[str, str]:
    """One page of each kind in each language (and every listing): name -> site-relative path."""
    pages = {}
    for lang, prefix, names in (
            ("id", "", {"product": "produk", "region": "wilayah", "category": "kategori", "maker": "umkm",
                        "search": "cari", "catalogue": "katalog"}),
            ("en", "en/", {"product": "products", "region": "regions", "category": "categories", "maker": "makers",
                           "search": "search", "catalogue": "catalogue"})):
        pages[f"home-{lang}"] = prefix
        for kind in ("product", "region", "category", "maker"):
            section = names[kind]
            pages[f"listing-{kind}-{lang}"] = f"{prefix}{section}/"
            first = sorted(p.parent.name for p in (output / prefix / section).glob("*/index.html")
                           if p.parent.name not in ("halaman", "page"))[0]
            pages[f"{kind}-{lang}"] = f"{prefix}{section}/{first}/"
        pages[f"search-{lang}"] = f"{prefix}{names['search']}/"
        region = sorted(p.parent.name for p in (output / prefix / names["catalogue"]).glob("*/index.html"))[0]
        pages[f"catalogue-{lang}"] = f"{prefix}{names['catalogue']}/{region}/"
        pages[f"catalogue-all-{lang}"] = f"{prefix}{names['catalogue']}/"
        # issue 14: activities, programmes (a listing and the first of each) and the partner network
        for kind, section in ((("activity", "kegiatan"), ("program", "program"), ("network", "jejaring")) if lang == "id"
                              else (("activity", "activities"), ("program", "programmes"), ("network", "network"))):
            if (output / prefix / section / "index.html").exists():
                pages[f"listing-{kind}-{lang}"] = f"{prefix}{section}/"
                items = sorted(p.parent.name for p in (output / prefix / section).glob("*/index.html")
                               if p.parent.name not in ("halaman", "page"))
                if items:
                    pages[f"{kind}-{lang}"] = f"{prefix}{section}/{items[0]}/"
        pages[f"page-{lang}"] = f"{prefix}tentang/"
        pages[f"offline-{lang}"] = f"{prefix}offline/"
        pages[f"404-{lang}"] = f"{prefix}tidak-ada-halaman-ini/"
    assert all((output / path / "index.html").exists() for name, path in pages.items() if "404" not in name)
    return pages


def product_pages(output: Path) -> list[str]:
    """Every product page of the sample in both languages."""
    found = [p.parent.relative_to(output).as_posix() + "/" for section in ("produk", "en/products")
             for p in sorted((output / section).glob("*/index.html")) if p.parent.name not in ("halaman", "page")]
    assert len(found) >= 40
    return found


def new_page(browser, width: int = 360, height: int = 640, large_text: bool = False, javascript: bool = True):  # type: ignore[no-untyped-def]
    """A page in a fresh context; `large_text` sets Chromium's default font size to 32 px (200 %).
    Do not take full-page screenshots of such a page: Playwright resets the font size for them."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1,
                                  java_script_enabled=javascript, service_workers="block")
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.violations = violations  # type: ignore[attr-defined]
    if large_text:
        cdp = context.new_cdp_session(page)
        cdp.send("Page.enable")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 32}})
    return page


UNCOVERED = """(selector) => {
    // The element's box inside the viewport, and at five points of it the element itself is what
    // the visitor sees (nothing fixed or sticky lies on top of it).
    const el = document.querySelector(selector);
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) return false;
    const points = [[r.left + 2, r.top + 2], [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2],
                    [r.right - 2, r.bottom - 2], [(r.left + r.right) / 2, (r.top + r.bottom) / 2]];
    return points.every(([x, y]) => { const hit = document.elementFromPoint(x, y); return hit && el.contains(hit); });
}"""

BAR_OVER = """(selector) => {
    // Does the order bar, where it is drawn now, overlap the element?
    const bar = document.querySelector('[data-buybar]').getBoundingClientRect();
    const r = document.querySelector(selector).getBoundingClientRect();
    return bar.top < r.bottom && bar.bottom > r.top && bar.left < r.right && bar.right > r.left
        && bar.top < innerHeight && bar.bottom > 0;
}"""


def shown_whole(page, selector: str, wait: float) -> bool:  # type: ignore[no-untyped-def]
    """The element is on screen, covered by nothing, within `wait` seconds."""
    deadline = time.monotonic() + wait
    while not (page.evaluate(UNCOVERED, selector) and not page.evaluate(BAR_OVER, selector)):
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(50)
    return True


@pytest.mark.parametrize(("javascript", "large_text"), [(True, False), (False, False), (True, True)],
                         ids=["with-js", "without-js", "with-js-200%"])
def test_title_and_price_are_on_the_first_screen_and_not_covered(served_site, browser, javascript, large_text):
    """With 200 % text too: the header folds its menu into one button and the breadcrumbs keep
    only the way back, so a phone's large-text reader sees what the product costs without scrolling."""
    server, output = served_site
    page = new_page(browser, **PHONE, javascript=javascript, large_text=large_text)
    missing = []
    for path in product_pages(output):
        page.goto(server.url + path, wait_until="load")
        for selector in (".product-head h1", "[data-price]"):
            # (with large text a long title can push the price under where the bar sits: the
            # bar then steps aside, which takes its 0.2 s slide)
            if not shown_whole(page, selector, 1.0 if large_text else 0):
                missing.append(f"{path} {selector}")
        bar = page.locator("[data-buybar] a")
        assert bar.count() == 1, path
    assert missing == [], "title or price below the first screen or under something"
    assert page.violations == []  # type: ignore[attr-defined]
    page.goto(server.url + "produk/kain-tenun-sutra-balo-tettong/", wait_until="load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = ("js" if javascript else "nojs") + ("-large-text" if large_text else "")
    page.screenshot(path=str(SCREENSHOTS / f"first-screen-{name}.png"))
    page.context.close()


def test_with_large_text_the_order_bar_waits_until_the_price_was_seen(served_site, browser):
    """On a screen short enough that the price starts below it (200 % text, the screen cut to end
    above the price), the bar stays out of its way, and comes back (sticky at the bottom) once the
    price is above it."""
    server, _ = served_site
    page = new_page(browser, **PHONE, large_text=True)
    page.goto(server.url + "en/products/sarung-sutra-balo-renni/", wait_until="load")
    price_top = page.evaluate("document.querySelector('[data-price]').getBoundingClientRect().top")
    page.set_viewport_size({"width": 360, "height": int(price_top) - 10})
    page.goto(server.url + "en/products/sarung-sutra-balo-renni/", wait_until="load")
    on_screen = "() => { const r = document.querySelector('[data-buybar]').getBoundingClientRect(); " \
                "return r.top < innerHeight - 2 && r.bottom > 0; }"
    assert page.evaluate("document.querySelector('[data-price]').getBoundingClientRect().top > innerHeight")
    until(page, f"() => !({on_screen})()")
    # the price scrolled to the bottom edge of the screen: readable, the bar still away
    page.evaluate("() => { const r = document.querySelector('[data-price]').getBoundingClientRect();"
                  " scrollBy(0, r.bottom - innerHeight + 4); }")
    until(page, f"() => !({on_screen})()")
    assert page.evaluate(UNCOVERED, "[data-price]")
    # once the price is well above the bottom, the bar is back, and never over the price
    page.evaluate("() => { const r = document.querySelector('[data-price]').getBoundingClientRect(); scrollBy(0, r.top - 40); }")
    until(page, on_screen)
    assert page.evaluate(UNCOVERED, "[data-price]") and not page.evaluate(BAR_OVER, "[data-price]")
    page.evaluate("scrollBy(0, 600)")
    until(page, on_screen)
    assert page.violations == []  # type: ignore[attr-defined]
    page.context.close()


REFLOW = """() => {
    const title = document.querySelector('.brand-title').getBoundingClientRect();
    const over = [...document.querySelectorAll('.bar-tools .tool')].map(t => t.getBoundingClientRect())
        .some(t => t.left < title.right && t.right > title.left && t.top < title.bottom && t.bottom > title.top);
    return {scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
            split: (""" + SPLIT_WORDS + """)(), over};
}"""


@pytest.mark.parametrize(("width", "large_text"), [(360, True), (320, False)], ids=["360px-200%", "320px"])
def test_no_page_scrolls_sideways_or_splits_a_word(served_site, browser, width, large_text):
    server, output = served_site
    page = new_page(browser, width, 640, large_text)
    pages = every_kind(output)
    paths = list(pages.values()) + (product_pages(output) if large_text else [])
    problems = []
    for path in paths:
        page.goto(server.url + path, wait_until="load")
        if large_text:
            assert page.evaluate("getComputedStyle(document.body).fontSize") == "32px"
        found = page.evaluate(REFLOW)
        if found["scroll"] > found["width"]:
            problems.append(f"{path or 'home'}: {found['scroll']} px wide on a {found['width']} px screen")
        if found["split"]:
            problems.append(f"{path or 'home'}: words split: {found['split'][:5]}")
        if found["over"]:
            problems.append(f"{path or 'home'}: the site name runs over the header buttons")
    assert problems == []
    assert page.violations == []  # type: ignore[attr-defined]
    page.context.close()


MENU = """() => {
    const ul = document.querySelector('.site-nav ul');
    const seen = (el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
        return {inside: r.left >= 0 && r.right <= innerWidth && r.width > 0, seen: el.contains(hit)};
    };
    const link = (a) => ({href: a.getAttribute('href'), current: a.getAttribute('aria-current'), ...seen(a)});
    const shown = (el) => el.getClientRects().length > 0;
    // the destinations in the bar (on a phone the items of "Lainnya" are hidden there) ...
    const bar = [...document.querySelectorAll('.site-nav > ul > li > a')].filter(shown).map(link);
    // ... and those in the open "Lainnya" menu
    const menu = [...document.querySelectorAll('.nav-more a')].filter(shown).map(link);
    const summary = document.querySelector('.nav-more summary');
    const more = summary && shown(summary)
        ? {...seen(summary), current: summary.classList.contains('is-current')} : null;
    const search = document.querySelector('.site-header a.search-link');
    const s = search.getBoundingClientRect();
    return {links: bar, menu_links: menu, more, hidden_scroll: ul.scrollWidth > ul.clientWidth,
            search: search.getAttribute('href'), search_current: search.getAttribute('aria-current'),
            search_seen: s.width >= 44 && s.height >= 44 && s.right <= innerWidth
                && search.contains(document.elementFromPoint((s.left + s.right) / 2, (s.top + s.bottom) / 2))};
}"""


def test_the_menu_shows_every_destination_and_the_current_one_and_reaches_search(served_site, browser):
    server, output = served_site
    page = new_page(browser, **PHONE)
    current_expected = {"product": "produk/", "listing-product": "produk/", "region": "wilayah/",
                        "category": "kategori/", "maker": "umkm/", "page": "tentang/"}
    for name, path in every_kind(output).items():
        page.goto(server.url + path, wait_until="load")
        menu = page.evaluate(MENU)
        lang = "en" if name.endswith("-en") and not name.startswith("404") else "id"  # one 404.html
        links = menu["links"]
        if menu["more"]:  # more than six destinations: the rest open from the visible "Lainnya" button
            assert menu["more"]["inside"] and menu["more"]["seen"], f"{name}: the More button is not in view"
            page.locator(".nav-more summary").click()
            opened = page.evaluate(MENU)["menu_links"]
            assert opened and all(link["inside"] and link["seen"] for link in opened), f"{name}: {opened}"
            page.locator(".nav-more summary").click()
            links = links + opened
            if any(link["current"] == "page" for link in opened):
                assert menu["more"]["current"], f"{name}: the More button does not say the current page is in it"
        assert len(links) >= 6, name
        assert not menu["hidden_scroll"], f"{name}: the menu scrolls sideways"
        assert all(link["inside"] and link["seen"] for link in menu["links"]), f"{name}: {menu['links']}"
        assert menu["search_seen"], f"{name}: no visible search entry in the header"
        assert menu["search"] == ("/galeri/cari/" if lang == "id" else "/galeri/en/search/"), name
        current = [link["href"] for link in links if link["current"] == "page"]
        kind = name.rsplit("-", 1)[0]
        if lang == "id" and kind in current_expected:
            assert current == ["/galeri/" + current_expected[kind]], f"{name}: current item {current}"
        elif kind in current_expected or kind.startswith("listing-"):
            assert len(current) == 1, f"{name}: the current section is marked: {current}"
        if kind == "search":
            assert menu["search_current"] == "page", name
    page.goto(server.url + "produk/bandeng-presto/", wait_until="load")
    page.locator(".site-header a.search-link").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/galeri/cari/") and page.locator("h1").inner_text() == "Cari produk"
    assert page.violations == []  # type: ignore[attr-defined]
    page.context.close()


def test_with_large_text_the_menu_folds_into_one_button_that_holds_every_destination(served_site, browser):
    """200 % text at 360 px: the bar holds one "Menu" button (one row, not three), and opening it
    shows every destination of the wide menu, in its order, on screen, the current one marked."""
    server, _ = served_site
    wide = new_page(browser, 1280, 800)
    page = new_page(browser, **PHONE, large_text=True)
    for path, label, current in (("wilayah/", "Menu", "/galeri/wilayah/"), ("en/", "Menu", None)):
        wide.goto(server.url + path, wait_until="load")
        expected = [link["href"] for link in wide.evaluate(MENU)["links"]]
        assert len(expected) >= 6
        page.goto(server.url + path, wait_until="load")
        menu = page.evaluate(MENU)
        assert menu["links"] == [], f"{path}: the bar still shows {menu['links']}"
        assert menu["more"] and menu["more"]["inside"] and menu["more"]["seen"], path
        summary = page.locator(".nav-more summary")
        assert summary.inner_text().strip().startswith(label), path
        nav = page.evaluate("document.querySelector('.site-nav').getBoundingClientRect().height")
        assert nav < 64, f"{path}: the menu takes {nav} px"
        summary.click()
        opened = page.evaluate(MENU)["menu_links"]
        assert [link["href"] for link in opened] == expected, path
        assert all(link["inside"] and link["seen"] for link in opened), f"{path}: {opened}"
        assert [link["href"] for link in opened if link["current"] == "page"] == ([current] if current else [])
        summary.click()
    assert page.violations == []  # type: ignore[attr-defined]
    page.context.close()
    wide.context.close()


WHOLE = """(selector) => {
    const img = document.querySelector(selector);
    const box = img.getBoundingClientRect();
    const frame = img.closest('.slide').getBoundingClientRect();
    const style = getComputedStyle(img);
    return {natural: img.naturalWidth / img.naturalHeight, shown: box.width / box.height,
            upright: img.naturalHeight > img.naturalWidth, fit: style.objectFit,
            inside: box.left >= frame.left - 1 && box.right <= frame.right + 1
                && box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1};
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_the_main_photo_is_shown_whole(served_site, browser, width):
    server, output = served_site
    page = new_page(browser, width, 800)
    upright = 0
    for path in product_pages(output):
        page.goto(server.url + path, wait_until="load")
        if not page.locator(".gallery img").count():
            continue
        page.locator(".gallery img").first.scroll_into_view_if_needed()
        until(page, "document.querySelector('.gallery img').complete && document.querySelector('.gallery img').naturalWidth > 0")
        photo = page.evaluate(WHOLE, ".gallery img")
        assert abs(photo["shown"] / photo["natural"] - 1) < 0.01, f"{path}: the main photo is cropped: {photo}"
        assert photo["fit"] in ("contain", "scale-down", "fill") and photo["inside"], f"{path}: {photo}"
        upright += photo["upright"]
    assert upright >= 4, "the sample's upright photos (vase, lamp, scarf, shirt) were checked"
    page.context.close()


def test_cards_crop_photos_at_their_focus(served_site, browser):
    """The sample sets `focus: top` on the shirt and `focus: bottom` on the vase."""
    server, _ = served_site
    page = new_page(browser, 1280, 900)
    page.goto(server.url + "produk/", wait_until="load")
    positions = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.card')].map(card =>
        [card.querySelector('.card-title a').getAttribute('href').split('/').slice(-2)[0],
         card.querySelector('img') ? getComputedStyle(card.querySelector('img')).objectPosition : null]))""")
    assert positions["kemeja-batik-pucuk-rebung"] == "50% 0%"
    assert positions["vas-bunga-marmer"] == "50% 100%"
    assert positions["bandeng-presto"] == "50% 50%", "no focus: the centre"
    page.context.close()


def test_prices_of_a_card_row_sit_at_one_height(served_site, browser):
    server, _ = served_site
    page = new_page(browser, 1280, 900)
    for path in ("", "en/", "produk/", "en/products/"):
        page.goto(server.url + path, wait_until="load")
        rows = page.evaluate("""() => {
            const rows = {};
            for (const card of document.querySelectorAll('.cards .card')) {
                const top = Math.round(card.getBoundingClientRect().top);
                (rows[top] = rows[top] || []).push(Math.round(card.querySelector('.card-price').getBoundingClientRect().top));
            }
            return Object.values(rows).filter(row => row.length > 1);
        }""")
        assert rows, path
        titles_differ = page.evaluate("""() => new Set([...document.querySelectorAll('.cards .card-title a')]
            .map(a => a.getClientRects().length)).size > 1""")  # how many lines each title takes
        assert titles_differ, "the sample has titles of one and two lines, so alignment is tested"
        for row in rows:
            assert max(row) - min(row) <= 1, f"{path or 'home'}: prices at different heights {row}"
    page.context.close()


def test_the_offline_notice_covers_nothing(served_site, browser):
    server, _ = served_site
    page = new_page(browser, **PHONE)
    page.goto(server.url + "produk/bandeng-presto/", wait_until="load")
    page.context.set_offline(True)
    notice = page.locator(".net-status")
    notice.wait_for(state="visible")
    assert "Offline" in notice.inner_text()
    assert page.evaluate(UNCOVERED, ".brand-title"), "the site name stays readable"
    assert page.evaluate(UNCOVERED, ".product-head h1")
    box = notice.bounding_box()
    title = page.locator(".brand-title").bounding_box()
    assert box["y"] + box["height"] <= title["y"], "the notice sits above the header, in the flow"
    page.context.set_offline(False)
    page.context.close()


def test_no_unit_says_per_twice(served_site):
    _, output = served_site
    doubled = [p for p in output.rglob("*.html") if re.search(r">\s*/\s*(per|each)\b", p.read_text(), re.I)]
    assert doubled == []


def test_no_district_chip_leads_nowhere(served_site, browser):
    server, output = served_site
    page = new_page(browser, **PHONE)
    for region in sorted((output / "wilayah").glob("*/index.html")) + sorted((output / "en" / "regions").glob("*/index.html")):
        path = region.parent.relative_to(output).as_posix() + "/"
        if "/halaman/" in path or "/page/" in path:
            continue
        page.goto(server.url + path, wait_until="load")
        chips = page.eval_on_selector_all(".chips a.chip", "chips => chips.map(c => [c.textContent.trim(), c.getAttribute('href')])")
        for text, href in chips:
            assert not text.endswith("(0)"), f"{path}: {text}"
            if href.startswith("#"):
                assert page.locator(href).count() == 1, f"{path}: {text} leads nowhere"
    page.context.close()


def test_each_licence_has_its_own_mark_and_an_expired_one_says_so(served_site, browser):
    server, _ = served_site
    page = new_page(browser, **PHONE)
    marks = {}
    for path in ("produk/bandeng-tanpa-duri/", "produk/kerupuk-ikan-tenggiri/", "produk/cobek-marmer/",
                 "produk/otak-otak-bandeng/"):
        page.goto(server.url + path, wait_until="load")
        for cert in page.eval_on_selector_all(".cert", """items => items.map(c => ({kind: c.className,
            mark: c.querySelector('svg').innerHTML, colour: getComputedStyle(c.querySelector('svg')).color,
            text: c.innerText}))"""):
            marks[cert["kind"]] = cert
    kinds = {k.split()[1] for k in marks}
    assert {"cert-halal", "cert-pirt", "cert-bpom-md", "cert-nib"} <= kinds
    valid = [c for k, c in marks.items() if "cert-expired" not in k]
    assert len({c["mark"] for c in valid}) == len(valid), "one mark per kind"
    assert len({c["colour"] for c in valid}) == len(valid), "one colour per kind"
    assert all(len(c["text"].split("\n")) >= 2 for c in valid), "the name and what it means, in words"
    expired = [c for k, c in marks.items() if "cert-expired" in k]
    assert expired and "P-IRT" in expired[0]["text"] and "30 Juni 2025" in expired[0]["text"]
    page.goto(server.url + "produk/otak-otak-bandeng/", wait_until="load")
    note = page.locator(".cert-expired .cert-note")
    note.scroll_into_view_if_needed()
    assert note.is_visible() and "Masa berlaku habis" in note.inner_text()
    page.context.close()


def test_nothing_moves_while_the_photos_arrive(served_site, browser):
    """Photos reach a phone slowly: every frame has its size before its photo loads, so no
    layout shift happens (the main photo's frame takes its height from the photo's shape)."""
    server, output = served_site
    context = browser.new_context(viewport={"width": 412, "height": 800}, device_scale_factor=1.75,
                                  service_workers="block")
    context.add_init_script("""window.__shifts = [];
        new PerformanceObserver(list => { for (const e of list.getEntries()) window.__shifts.push(e.value); })
            .observe({type: 'layout-shift', buffered: true});""")
    page = context.new_page()

    def slow_photos(route):  # type: ignore[no-untyped-def]
        if route.request.resource_type == "image":
            page.wait_for_timeout(400)
        route.continue_()

    page.route("**/media/**", slow_photos)
    for path in ("produk/vas-bunga-marmer/", "en/products/bandeng-presto/", "produk/lampu-hias-kerang/", ""):
        page.goto(server.url + path, wait_until="load")
        until(page, "[...document.images].filter(i => i.loading !== 'lazy').every(i => i.complete)")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__shifts.reduce((a, b) => a + b, 0)") < 0.01, f"{path or 'home'} moved"
    context.close()
