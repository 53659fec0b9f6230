"""Take the screenshots of the docs: `python docs/screenshots.py` (in the virtual environment).

Two sets, both from a fresh build opened in headless Chromium (Debian's /usr/bin/chromium):

- `docs/img/halaman/`: every kind of page of the sample showcase (`content/`) at 360 px (a phone)
  and 1280 px (a desktop), plus the English product page and the product page with 200 % text;
  the home and product pages also as their first screen alone (`*-layar.png`), and the
  components of a text (`komponen-*.png`: a video with a product card, a gallery, a map) for
  docs/content.md.
  They are committed so that a change to the look shows up in review as changed pictures.
- `docs/img/beranda.png`, `produk.png`, `kesalahan.png`: the editors' guide (docs/editing.md),
  from the full test fixture, including `showcase serve` showing a mistake.

`--pages` takes only the first set, `--guide` only the second. Every picture is a palette PNG
(Pillow, 64 colours): a few tens of kilobytes each.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from showcase.pipeline import Options, build  # noqa: E402
from showcase.serve import LiveServer  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
OUT = REPO / "docs" / "img"
PAGES_OUT = OUT / "halaman"
# name -> address in the sample showcase; one page of every kind
PAGES = {
    "beranda": "",
    "produk": "produk/vas-bunga-marmer/",
    "wilayah": "wilayah/pangkep/",
    "kategori": "kategori/olahan-hasil-laut/",
    "umkm": "umkm/mattiro-sompe/",
    "daftar-produk": "produk/",
    "cari": "cari/",
    "katalog": "katalog/pangkep/",
    "halaman": "cara-pesan/",
    "offline": "offline/",
    "404": "tidak-ada-halaman-ini/",
}
ENGLISH = {"product-en": "en/products/sarung-sutra-balo-renni/", "home-en": "en/"}
WIDTHS = {360: (640, 2400), 1280: (800, 1500)}  # width -> (window height, the most of the page shown)
FIRST_SCREENS = ("beranda", "produk", "product-en")  # also kept as the first screen alone (README)
# name -> page of the sample whose text shows components (docs/content.md), taken at 360 px
COMPONENTS = {"komponen-video": "produk/bandeng-tanpa-duri/", "komponen-galeri": "produk/selendang-sutra/",
              "komponen-peta": "umkm/mattiro-sompe/"}


def shrink(path: Path, colours: int = 64) -> None:
    """Palette PNG: a phone screenshot in tens of kilobytes."""
    image = Image.open(path).convert("RGB").quantize(colors=colours, method=Image.Quantize.MEDIANCUT,
                                                     dither=Image.Dither.NONE)
    image.save(path, optimize=True)


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the built site like a static host: 404.html for unknown paths."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        target = Path(self.translate_path(self.path))
        if not (target / "index.html" if target.is_dir() else target).exists():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()


def shoot(browser, url: str, path: Path, width: int, height: int, most: int, large_text: bool = False,  # type: ignore[no-untyped-def]
          first_screen: bool = False) -> None:
    """The page from its top down to `most` pixels, every photo loaded, in a fresh browser context
    (nothing cached from another page, so each picture comes out the same on every run). The
    window is made as tall as the page instead of a full-page screenshot, which would reset
    Chromium's font size. `first_screen` also keeps what the window shows first, as
    `<name>-layar.png` (the sticky order bar where a visitor sees it)."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1,
                                  service_workers="block")
    page = context.new_page()
    if large_text:  # 200 % text, as a phone's font setting: Chromium's default font size at 32 px
        cdp = context.new_cdp_session(page)
        cdp.send("Page.enable")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 32}})
    page.goto(url, wait_until="load")
    page.evaluate("""async () => {
        document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; });
        await Promise.all([...document.images].map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; })));
    }""")
    page.wait_for_timeout(300)  # the offline page hides the pages this browser has not saved, asynchronously
    if first_screen:
        page.evaluate("() => Promise.all([...document.images].map(i => i.decode().catch(() => 0)))")
        screen = path.with_name(path.stem + "-layar.png")
        page.screenshot(path=str(screen), animations="disabled", caret="hide")
        shrink(screen)
    page.set_viewport_size({"width": width, "height": min(page.evaluate("document.documentElement.scrollHeight"), most)})
    page.evaluate("() => Promise.all([...document.images].map(i => i.decode().catch(() => 0)))")
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), animations="disabled", caret="hide")
    context.close()
    shrink(path)


def components(browser, url: str, path: Path, width: int = 360) -> None:  # type: ignore[no-untyped-def]
    """The part of a page's text from its first component to its last, photos loaded."""
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=1,
                                  service_workers="block")
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate("""async () => {
        document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; });
        await Promise.all([...document.images].map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; })));
        await Promise.all([...document.images].map(i => i.decode().catch(() => 0)));
    }""")
    box = page.evaluate("""() => {
        const all = [...document.querySelectorAll('.prose .embed')].map(e => e.getBoundingClientRect());
        const top = Math.min(...all.map(r => r.top)) + scrollY, bottom = Math.max(...all.map(r => r.bottom)) + scrollY;
        return {x: 0, y: Math.max(0, top - 12), width: innerWidth, height: bottom - top + 24};
    }""")
    page.evaluate("document.querySelector('[data-buybar]')?.setAttribute('hidden', '')")  # not over the picture
    page.screenshot(path=str(path), clip=box, full_page=True, animations="disabled", caret="hide")
    context.close()
    shrink(path)


def pages() -> None:
    """Every kind of page of the sample showcase at 360 and 1280 px, into docs/img/halaman/."""
    work = Path(tempfile.mkdtemp())
    output = work / "output"
    output.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(output)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    # built for the sample's own address (https://example.org/, at the root like the server), so
    # the QR codes and printed addresses do not change with the port from one run to the next
    build(Options(content=REPO / "content", output=output, templates=REPO / "templates",
                  cache=REPO / ".cache" / "showcase"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    PAGES_OUT.mkdir(parents=True, exist_ok=True)
    for old in PAGES_OUT.glob("*.png"):
        old.unlink()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for width, (height, most) in WIDTHS.items():
                for name, path in {**PAGES, **(ENGLISH if width == 360 else {})}.items():
                    shoot(browser, base + path, PAGES_OUT / f"{name}-{width}.png", width, height, most,
                          first_screen=name in FIRST_SCREENS)
            shoot(browser, base + PAGES["produk"], PAGES_OUT / "produk-360-teks-200.png", 360, 640, 2400, True, True)
            for name, path in COMPONENTS.items():
                components(browser, base + path, PAGES_OUT / f"{name}-360.png")
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)


def guide() -> None:
    """The editors' guide: the full fixture's home and product page, and a mistake in the browser."""
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
    for name in ("beranda", "produk", "kesalahan"):
        shrink(OUT / f"{name}.png", 96)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--pages", action="store_true", help="only docs/img/halaman/ (every kind of page)")
    which.add_argument("--guide", action="store_true", help="only the editors' guide pictures")
    args = parser.parse_args()
    if not args.guide:
        pages()
    if not args.pages:
        guide()


if __name__ == "__main__":
    main()
