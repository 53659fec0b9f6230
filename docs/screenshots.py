"""Take the small screenshots used by the editors' guide: `python docs/screenshots.py`.

Builds the full fixture site, opens it in headless Chromium at phone width (the home page, a
product page, and `showcase serve` showing a mistake) and writes palette PNGs to docs/img/.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from showcase.pipeline import Options  # noqa: E402
from showcase.serve import LiveServer  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
OUT = REPO / "docs" / "img"


def shrink(path: Path) -> None:
    """Palette PNG: a phone screenshot in tens of kilobytes."""
    image = Image.open(path).convert("RGB").quantize(colors=96, method=Image.Quantize.MEDIANCUT)
    image.save(path, optimize=True)


def main() -> None:
    work = Path(tempfile.mkdtemp())
    shutil.copytree(REPO / "tests" / "sites" / "full" / "content", work / "content")
    server = LiveServer(Options(content=work / "content", output=work / "output", templates=REPO / "templates",
                                cache=REPO / ".cache" / "showcase"), port=0).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 390, "height": 760}, device_scale_factor=1)
            for name, path in (("beranda", ""), ("produk", "produk/bandeng-presto/")):
                page.goto(server.url + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / f"{name}.png"))
            product = work / "content" / "products" / "bandeng-presto.md"
            product.write_text(product.read_text().replace("price: 35000", "price: 35.000"))
            page.locator("#showcase-error-overlay").wait_for(timeout=60_000)
            page.screenshot(path=str(OUT / "kesalahan.png"))
            browser.close()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    for png in OUT.glob("*.png"):
        shrink(png)


if __name__ == "__main__":
    main()
