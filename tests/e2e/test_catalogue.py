"""The printable catalogue printed to PDF by Chromium: A4 pages, every product once, none cut.

Chromium writes each link as a PDF annotation with its rectangle on its page. The title link of
every product card tells on which page the card landed and where; the card's height and the
title's offset inside it come from the same layout (print media, the A4 content width). A card
whose top lies above the page's top margin or whose bottom runs past the bottom margin was cut.
"""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import SPLIT_WORDS, until

pytestmark = pytest.mark.browser

MM = 72 / 25.4  # PDF points per millimetre
PX = 0.75  # PDF points per CSS pixel
A4 = (210 * MM, 297 * MM)
MARGIN_TOP, MARGIN_SIDE, MARGIN_BOTTOM = 12 * MM, 12 * MM, 14 * MM  # @page in site.css
CONTENT_WIDTH_PX = round((210 - 24) * MM / PX)
TOLERANCE = 2.0  # points


def pdf_pages(data: bytes) -> list[dict]:
    """Pages in order, each with its size and its link annotations [(url, rect)]."""
    objects = {int(n): body for n, body in re.findall(rb"(?s)(\d+) 0 obj\s*(.*?)endobj", data)}
    kids = re.search(rb"/Type /Pages\s*/Count (\d+)\s*/Kids \[([^\]]*)\]", data)
    assert kids, "no page tree"
    pages = []
    for ref in re.findall(rb"(\d+) 0 R", kids.group(2)):
        body = objects[int(ref)]
        box = [float(v) for v in re.search(rb"/MediaBox \[([^\]]+)\]", body).group(1).split()]
        annots = re.search(rb"/Annots \[([^\]]*)\]", body)
        links = []
        for aref in re.findall(rb"(\d+) 0 R", annots.group(1) if annots else b""):
            annot = objects[int(aref)]
            uri = re.search(rb"/URI \(([^)]*)\)", annot)
            rect = [float(v) for v in re.search(rb"/Rect \[([^\]]+)\]", annot).group(1).split()]
            if uri:
                links.append((uri.group(1).decode(), rect))
        pages.append({"size": (box[2] - box[0], box[3] - box[1]), "links": links})
    assert int(kids.group(1)) == len(pages)
    return pages


def print_catalogue(page_at, url: str) -> tuple[list[dict], list[dict]]:  # type: ignore[no-untyped-def]
    page = page_at(CONTENT_WIDTH_PX, 1000)
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    until(page, "Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    cards = page.eval_on_selector_all(".catalogue-item", """items => items.map(item => {
        const link = item.querySelector('.catalogue-title a');
        const box = item.getBoundingClientRect();
        const first = link.getClientRects()[0];
        return {url: link.href, height: box.height, offset: first.top - box.top,
                qr: item.querySelector('svg.qr') !== null, image: item.querySelector('img') !== null,
                section: [...document.querySelectorAll('.catalogue-section')].indexOf(item.closest('.catalogue-section'))};
    })""")
    return pdf_pages(page.pdf(format="A4", print_background=True)), cards


def placements(pages: list[dict], cards: list[dict]) -> dict[str, tuple[int, float, float]]:
    """Product URL -> (page index, card top, card bottom) in points from the top of the page."""
    found = {}
    for card in cards:
        where = [(i, rect) for i, p in enumerate(pages) for url, rect in p["links"] if url == card["url"]]
        assert where, f"{card['url']} is not in the PDF"
        assert len({i for i, _ in where}) == 1, f"the title of {card['url']} is split over two pages"
        index, rect = max(where, key=lambda w: w[1][3])  # the first line of the title is the highest
        height = pages[index]["size"][1]
        title_top = height - rect[3]
        top = title_top - card["offset"] * PX
        found[card["url"]] = (index, top, top + card["height"] * PX)
    return found


def test_whole_catalogue_prints_on_a4_and_never_cuts_a_product(served_site, page_at):
    server, output = served_site
    pages, cards = print_catalogue(page_at, server.url + "katalog/")
    products = {p.parent.name for p in (output / "produk").glob("*/index.html")}
    assert {c["url"].rstrip("/").rsplit("/", 1)[1] for c in cards} == products
    assert all(c["qr"] and c["image"] for c in cards)
    assert all(abs(p["size"][0] - A4[0]) < 2 and abs(p["size"][1] - A4[1]) < 2 for p in pages)
    regions = len(list((output / "katalog").glob("*/index.html")))
    assert regions >= 2 and len(pages) >= regions  # every region starts on a new page
    assert len(pages) <= len(cards)  # several products share a page
    for url, (index, top, bottom) in placements(pages, cards).items():
        assert top >= MARGIN_TOP - TOLERANCE, f"{url} starts above the top margin of page {index + 1}"
        assert bottom <= A4[1] - MARGIN_BOTTOM + TOLERANCE, f"{url} runs past the bottom of page {index + 1}"


def test_region_catalogue_holds_only_that_region(served_site, page_at):
    server, output = served_site
    pages, cards = print_catalogue(page_at, server.url + "katalog/soppeng/")
    html = (output / "wilayah" / "soppeng" / "index.html").read_text()
    listed = set(re.findall(r'href="/galeri/produk/([^/"]+)/"', html))
    assert {c["url"].rstrip("/").rsplit("/", 1)[1] for c in cards} == listed
    whole, _ = print_catalogue(page_at, server.url + "katalog/")
    assert 1 <= len(pages) < len(whole)
    for url, (index, top, bottom) in placements(pages, cards).items():
        assert MARGIN_TOP - TOLERANCE <= top and bottom <= A4[1] - MARGIN_BOTTOM + TOLERANCE, url


def test_catalogue_on_screen_links_every_region_catalogue(served_site, page_at):
    server, _ = served_site
    page = page_at(1280, 900)
    page.goto(server.url + "en/catalogue/", wait_until="networkidle")
    links = page.eval_on_selector_all(".catalogue-nav a", "links => links.map(a => a.getAttribute('href'))")
    assert links[0] == "/galeri/en/catalogue/" and all(href.startswith("/galeri/en/catalogue/") for href in links)
    assert page.locator(".catalogue-item").count() == page.locator(".catalogue-item svg.qr title").count() > 0


GAP = 3 * MM  # the grid gap of print cards in site.css


def test_printed_pages_are_filled_before_the_next_one_starts(served_site, page_at):
    """A page (but the last of a region) ends only when the next card would not fit below it."""
    server, _ = served_site
    pages, cards = print_catalogue(page_at, server.url + "katalog/")
    where = placements(pages, cards)
    section_of = {c["url"]: c["section"] for c in cards}
    by_page: dict[int, list[str]] = {}
    for url, (index, _, _) in where.items():
        by_page.setdefault(index, []).append(url)
    assert len(by_page[0]) >= 6, "the first page holds the head and at least three rows of cards"
    for index, urls in sorted(by_page.items()):
        following = by_page.get(index + 1, [])
        if not following or section_of[following[0]] != section_of[urls[0]]:
            continue  # the last page of a region: the next region starts a page of its own
        lowest = max(where[u][2] for u in urls)
        first_row = min(where[u][1] for u in following)
        next_row = max(where[u][2] - where[u][1] for u in following if abs(where[u][1] - first_row) < 1)
        room = A4[1] - MARGIN_BOTTOM - lowest
        assert room < next_row + GAP, f"page {index + 1} ends with room for the next row ({room:.0f} pt)"


def test_on_a_phone_catalogue_cards_stack_instead_of_squeezing_the_text(served_site, page_at):
    server, _ = served_site
    for path in ("katalog/pangkep/", "en/catalogue/pangkep/"):
        page = page_at(360, 800)
        page.goto(server.url + path, wait_until="load")
        found = page.evaluate("""() => ({
            narrowest: Math.min(...[...document.querySelectorAll('.catalogue-text')].map(t => t.getBoundingClientRect().width)),
            amounts: [...document.querySelectorAll('.catalogue-price')].flatMap(price => {
                // each rupiah amount (Rp and its digits) on one line
                const text = price.firstChild;
                return [...text.data.matchAll(/Rp\u00a0[0-9.]+/g)].map(m => {
                    const r = document.createRange(); r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length);
                    return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;
                });
            }),
            scroll: document.documentElement.scrollWidth})""")
        assert found["narrowest"] >= 160, f"{path}: text squeezed to {found['narrowest']} px"
        assert found["amounts"] and set(found["amounts"]) == {1}, f"{path}: a price wraps inside its amount"
        assert found["scroll"] <= 360
        assert page.evaluate(SPLIT_WORDS) == [], path


def test_the_section_ornament_prints_inside_the_page(served_site, page_at):
    """The diamond before a region's name is a rotated square with two rings (site.css): its
    corners reach past its box, so the heading must leave that much room at the page's edge."""
    server, _ = served_site
    page = page_at(CONTENT_WIDTH_PX, 1000)
    page.goto(server.url + "katalog/", wait_until="load")
    page.emulate_media(media="print")
    found = page.evaluate("""() => [...document.querySelectorAll('.catalogue-section h2')].map(h => {
        const mark = getComputedStyle(h, '::before');
        const side = parseFloat(mark.width);
        const rings = Math.max(...mark.boxShadow.split(/,(?![^(]*\\))/).map(s => parseFloat(s.trim().split(' ').at(-1)) || 0));
        return {reach: (side * Math.SQRT2 - side) / 2 + rings,
                room: parseFloat(getComputedStyle(h).paddingLeft) + h.getBoundingClientRect().left,
                transform: mark.transform};
    })""")
    assert found and all(f["transform"] != "none" for f in found)
    for f in found:
        assert f["room"] >= f["reach"], f"the ornament reaches {f['reach']:.1f} px past a {f['room']:.1f} px margin"
