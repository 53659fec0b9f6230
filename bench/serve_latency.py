"""How long `showcase serve` takes to show a saved price edit in the open page, in Chromium.

`python bench/serve_latency.py [--content DIR] [--edits N]` copies the content (default: the
sample showcase in content/), starts `showcase serve` on it, opens a product page in headless
Chromium (/usr/bin/chromium, or $SHOWCASE_CHROMIUM), then N times rewrites that product's price
and measures from the moment the file is saved to the moment the open page shows the new price
(the server notices the change, rebuilds, tells the page, the page reloads). Prints each time
and the median. A benchmark, never a test: it asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--content", type=Path, default=ROOT / "content")
    p.add_argument("--product", help="product file to edit, relative to content/ (default: the first with a price)")
    p.add_argument("--edits", type=int, default=10)
    args = p.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="showcase-serve-") as folder:
        work = Path(folder)
        content = work / "content"
        shutil.copytree(args.content, content)
        target = content / args.product if args.product else next(
            path for path in sorted((content / "products").rglob("*.md"))
            if ".en." not in path.name and re.search(r"(?m)^price:\s*\d+\s*$", path.read_text(encoding="utf-8")))
        slug = target.parent.name if target.stem == "index" else target.stem
        common = ["--content", str(content), "--output", str(work / "output"), "--cache", str(work / "cache"),
                  "--templates", str(ROOT / "templates")]
        # a first build outside the timing: photos are processed once, as on an editor's machine
        subprocess.run([sys.executable, str(ROOT / "build.py"), *common, "--quiet"], check=True,
                       stderr=subprocess.DEVNULL)
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", *common, "--port", "0"],
                                   cwd=work, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            assert process.stdout is not None
            url = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline())
            assert url, "serve printed no address"
            executable = os.environ.get("SHOWCASE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
            times: list[float] = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
                page = browser.new_page()
                page.goto(f"{url.group(0)}produk/{slug}/", timeout=300_000)
                original = target.read_text(encoding="utf-8")
                price = int(re.search(r"(?m)^price:\s*(\d+)", original).group(1))  # type: ignore[union-attr]
                for n in range(1, args.edits + 1):
                    new = price + 1000 * n
                    shown = f"{new:,}".replace(",", ".")
                    time.sleep(1.0)  # the page is settled; the server is idle
                    started = time.perf_counter()
                    target.write_text(re.sub(r"(?m)^price:\s*\d+", f"price: {new}", original, count=1),
                                      encoding="utf-8")
                    page.wait_for_function(
                        "text => { const p = document.querySelector('[data-price]'); "
                        "return p !== null && p.textContent.includes(text); }", arg=shown, timeout=60_000)
                    times.append(time.perf_counter() - started)
                    print(f"edit {n}: {times[-1] * 1000:.0f} ms", file=sys.stderr)
                browser.close()
            print(f"{args.content}: saved price edit visible in the open page, median of {len(times)}: "
                  f"{statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, "
                  f"max {max(times) * 1000:.0f})")
        finally:
            process.terminate()
            process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
