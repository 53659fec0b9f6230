"""Shelf labels printed to PDF in Chromium: A4 sheets of 3 x 8 labels of 70 x 37 mm, one sheet a
page, no label cut by a page break, and every label's QR code decoding to its product's page.

The PDF is rasterised with poppler's `pdftoppm` and each label's cell of the label paper (column
x 70 mm, row x 37 mm, below a 0.5 mm top margin) is cut out and decoded with OpenCV, so a label
that slid off its cell or onto the next page fails."""
from __future__ import annotations

import math
import os
import shutil
import subprocess

import pytest

from tests.e2e.conftest import until

pytestmark = pytest.mark.browser
DPI = 300
MM = DPI / 25.4
COLUMNS, ROWS, WIDTH, HEIGHT, TOP = 3, 8, 70.0, 37.0, 0.5


def decode(image) -> str:  # type: ignore[no-untyped-def]
    """The text of the label's QR code. OpenCV's detector misses some codes at one scale that it
    reads at another, as phone cameras do from a little further away: the crop is tried as it is,
    inside a white margin, and at half and double size."""
    import cv2

    detector = cv2.QRCodeDetector()
    padded = cv2.copyMakeBorder(image, 40, 40, 40, 40, cv2.BORDER_CONSTANT, value=(255, 255, 255))
    for candidate in (image, padded, cv2.resize(padded, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA),
                      cv2.resize(padded, None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)):
        text, _, _ = detector.detectAndDecode(candidate)
        if text:
            return text
    return ""


@pytest.mark.parametrize("path", ["label-rak/", "en/shelf-labels/pangkep/"])
def test_label_sheets_print_cleanly_and_every_qr_code_decodes(served_site, page_at, tmp_path, path):
    if shutil.which("pdftoppm") is None:
        if os.environ.get("SHOWCASE_REQUIRE_BROWSER"):
            pytest.fail("pdftoppm (poppler-utils) is needed to read the PDF: apt-get install poppler-utils")
        pytest.skip("pdftoppm (poppler-utils) is needed to read the PDF")
    import cv2

    server, _ = served_site
    page = page_at(1280)
    page.goto(server.url + path)
    until(page, "document.readyState === 'complete'")
    expected = page.eval_on_selector_all(".shelf-label-title a", "links => links.map(a => a.href)")
    assert len(expected) > 3
    page.emulate_media(media="print")
    geometry = page.evaluate("""() => [...document.querySelectorAll('.label-sheet')].map(sheet => {
        const s = sheet.getBoundingClientRect();
        return {height: s.height, width: s.width, labels: [...sheet.querySelectorAll('.shelf-label')].map(l => {
            const r = l.getBoundingClientRect();
            return [r.left - s.left, r.top - s.top, r.width, r.height];
        }), codes: [...sheet.querySelectorAll('.shelf-label-qr svg')].map(q => {
            const r = q.getBoundingClientRect();
            return [r.left - s.left, r.top - s.top, r.width, r.height];
        })};
    })""")
    px = 96 / 25.4  # CSS pixels per mm
    for sheet in geometry:
        assert abs(sheet["height"] - 297 * px) < 1 and abs(sheet["width"] - 210 * px) < 1
        for i, (left, top, width, height) in enumerate(sheet["labels"]):
            column, row = i % COLUMNS, i // COLUMNS
            assert abs(left - column * WIDTH * px) < 1 and abs(top - (TOP + row * HEIGHT) * px) < 1
            assert abs(width - WIDTH * px) < 1 and abs(height - HEIGHT * px) < 1
    pdf = tmp_path / "labels.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(tmp_path / "sheet")], check=True)
    sheets = sorted(tmp_path.glob("sheet-*.png"))
    assert len(sheets) == math.ceil(len(expected) / (COLUMNS * ROWS)), "one A4 page per sheet of 24 labels"
    decoded = []
    for number, image_path in enumerate(sheets):
        image = cv2.imread(str(image_path), cv2.IMREAD_GRAYSCALE)
        assert abs(image.shape[0] - 297 * MM) < 3 and abs(image.shape[1] - 210 * MM) < 3, "A4 pages"
        for cell in range(min(COLUMNS * ROWS, len(expected) - number * COLUMNS * ROWS)):
            column, row = cell % COLUMNS, cell // COLUMNS
            x, y = round(column * WIDTH * MM), round((TOP + row * HEIGHT) * MM)
            label = image[y:y + round(HEIGHT * MM), x:x + round(WIDTH * MM)]
            # the code itself, where the page laid it out (inside this label's cell), then the cell
            left, top, width, height = (round(v / px * MM) for v in geometry[number]["codes"][cell])
            assert x <= left and left + width <= x + round(WIDTH * MM) + 2, "the code stays on its label"
            decoded.append(decode(image[max(0, top - 8):top + height + 8, max(0, left - 8):left + width + 8])
                           or decode(label))
    assert decoded == expected
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    first = page.locator(".shelf-label-maker").first.inner_text()
    for screen_only in ("Label harga untuk rak", "Price labels for", "Galeri Produk Unggulan Daerah", "Regional Products"):
        assert screen_only not in pages[0], "only the labels are printed: no header, intro or footer"
    assert first in pages[0] and "Rp" in pages[0]
