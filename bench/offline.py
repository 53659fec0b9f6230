"""Offline benchmark: the bytes of the offline records and the time precaching takes.

`python bench/offline.py --products 10000 --budget 8` generates the corpus (`bench/corpus.py`, no
photos), builds it under the sub-path /galeri/ with `offline: {budget_mb: B}`, and reports the
records (bytes and chunks per language, bytes per record), the build summary's split of the
precache, and, when Chromium and Playwright are there, the time from the first visit of the home
page on loopback to `data-offline-ready` on `<html>` (the service worker installed, every
precached file saved), with the bytes the browser holds. Loopback has no network latency: the
time is the browser's own work (fetching, storing), a floor for a phone on mobile data.
The Markdown report is printed and written to bench/.out/offline-n<N>.md.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate  # noqa: E402

from showcase.pipeline import Options, build  # noqa: E402

BASE = "/galeri/"
PRECACHE_BYTES = """async () => {
    let total = 0, files = 0;
    for (const name of await caches.keys()) {
        if (!name.includes('precache-')) continue;
        const cache = await caches.open(name);
        for (const request of await cache.keys()) { total += (await (await cache.match(request)).blob()).size; files++; }
    }
    return [files, total];
}"""


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the output under the sub-path."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(BASE):] if path.startswith(BASE) else "/__none__")


def precache_time(output: Path, chromium: str) -> tuple[float, int, int]:
    """Seconds from the first visit to data-offline-ready, and the files and bytes then saved."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            page = browser.new_context(service_workers="allow").new_page()
            started = time.perf_counter()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}{BASE}")
            while not page.evaluate("document.documentElement.hasAttribute('data-offline-ready')"):
                if time.perf_counter() - started > 900:
                    raise SystemExit("precaching did not finish in 15 minutes")
                page.wait_for_timeout(20)
            seconds = time.perf_counter() - started
            files, total = page.evaluate(PRECACHE_BYTES)
            browser.close()
            return seconds, files, total
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=10000)
    parser.add_argument("--budget", type=float, default=8, help="offline budget in MB (site.yaml budget_mb)")
    parser.add_argument("--work", type=Path, help="folder kept between runs (corpus, output, cache)")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="showcase-offline-"))
    corpus = work / f"corpus-{args.products}"
    if not (corpus / "content").is_dir():
        generate(corpus, args.products, 0)
    site = corpus / "content" / "site.yaml"
    text = site.read_text().split("offline:")[0]
    site.write_text(text + f"offline: {{budget_mb: {args.budget:g}}}\n")
    output = work / f"output-{args.products}"
    started = time.perf_counter()
    report = build(Options(content=corpus / "content", output=output, cache=work / f"cache-{args.products}",
                           base_url=f"http://127.0.0.1:8000{BASE}", workers=args.workers))
    build_seconds = time.perf_counter() - started
    offline = report.offline
    assert offline is not None
    mb = 1024 * 1024
    lines = [f"# Offline at {args.products:,} products, budget {args.budget:g} MB", "",
             f"Build: {build_seconds:.1f} s (cold unless --work kept a cache)", "",
             "| language | record chunks | record bytes | bytes per record |", "|---|---|---|---|"]
    for lang_dir in sorted((output / "records").iterdir()):
        files = list(lang_dir.glob("*.json"))
        size = sum(f.stat().st_size for f in files)
        count = sum(f.read_text().count('":{"') for f in files)
        lines.append(f"| {lang_dir.name} | {len(files)} | {size:,} ({size / mb:.2f} MB) | {size / max(count, 1):.0f} |")
    lines += ["", f"Precache: {offline.files} files, {offline.bytes / mb:.2f} MB of {offline.budget / mb:g} MB; "
              + ", ".join(f"{k} {v / mb:.2f} MB" for k, v in offline.split.items()),
              f"Left out: {dict(offline.left_out) or 'nothing'}; suggested budget: {offline.suggested_mb or '-'}"]
    chromium = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    try:
        import playwright  # noqa: F401
    except ImportError:
        chromium = None
    if chromium:
        seconds, files, total = precache_time(output, chromium)
        lines.append(f"Precaching in Chromium on loopback: {seconds:.1f} s to data-offline-ready, "
                     f"{files} files, {total / mb:.2f} MB saved")
    else:
        lines.append("Precaching time: not measured (no Chromium or Playwright)")
    text = "\n".join(lines) + "\n"
    print(text)
    out = ROOT / "bench" / ".out"
    out.mkdir(exist_ok=True)
    (out / f"offline-n{args.products}.md").write_text(text)


if __name__ == "__main__":
    main()
