"""The web editor at /admin/ in Chromium: Decap CMS from the site itself, with a real backend.

Local backend: `showcase edit` runs the pinned decap-server (npm, from this repository's
node_modules) and the live preview on a new site; an editor creates a product in the form with a
title, category, maker, price and an uploaded photo and saves it. The file passes `showcase
check`, the site rebuilds and the product page shows the photo; a price typed as `Rp 45.000` is
refused in the form with the message a build gives. GitHub backend (which cannot log in here):
`/admin/` loads its configuration with no error and shows the login button.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from showcase.errors import Diagnostics
from showcase.pipeline import Options, build
from showcase.schema import SCHEMAS, Validator
from showcase.yamlnodes import parse

from .conftest import Server, until

REPO = Path(__file__).resolve().parents[2]
DECAP_SERVER = REPO / "node_modules" / ".bin" / "decap-server"
pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(check, timeout: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bytes(response.read())
    except OSError:
        return None


def schema_message(price: str) -> str:
    """What a build says about this price, as the form must say it: message; hint."""
    diags = Diagnostics()
    Validator("p.md", diags).record(parse(f"title: x\nprice: {price}\n", 1), SCHEMAS["product"])
    found = next(d for d in diags.errors if d.field == "price")
    return f"{found.message('id')}; {found.hint('id')}"  # the form speaks the site's first language


@pytest.fixture(scope="module")
def editing(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[tuple[Path, str]]:  # type: ignore[no-untyped-def]
    """A new site with `showcase edit` running on it: (site folder, site URL)."""
    if not DECAP_SERVER.is_file():
        if os.environ.get("SHOWCASE_REQUIRE_BROWSER"):
            pytest.fail("decap-server not installed: run `npm ci` (make test does)")
        pytest.skip("decap-server not installed (npm ci)")
    site = tmp_path_factory.mktemp("editing") / "galeri"
    subprocess.run([sys.executable, "-m", "showcase", "new", "site", str(site), "--title", "Galeri Uji",
                    "--region", "Kabupaten Soppeng", "--tool-source", "https://example.org/showcase"],
                   check=True, capture_output=True, timeout=120)
    (site / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    log = open(site.parent / "edit.log", "w+b")  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "showcase", "edit", "--port", "0", "--lang", "en",
                                "--editor-port", str(free_port())], cwd=site, stdout=log, stderr=subprocess.STDOUT)
    try:
        def started() -> str | None:
            assert process.poll() is None, (site.parent / "edit.log").read_text()
            text = (site.parent / "edit.log").read_text()
            found = re.search(r"built: (http://127\.0\.0\.1:\d+/)", text)
            return found.group(1) if found else None

        url = wait_for(started, 120, "showcase edit to build and serve")
        yield site, url
    finally:
        process.terminate()
        process.wait(30)
        log.close()


def test_an_editor_adds_a_product_with_a_photo_and_sees_it_on_the_site(editing, browser, tmp_path):
    site, url = editing
    photo = tmp_path / "kopi-soppeng.jpg"
    from PIL import Image

    Image.new("RGB", (900, 700), (30, 120, 90)).save(photo, quality=90)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page.goto(url + "admin/")
        page.get_by_role("button", name="Masuk").click()
        page.get_by_text("＋ Produk").first.click()
        page.get_by_label("Judul").fill("Kopi Soppeng")
        for label, choice in (("Kategori", "Kerajinan"), ("UMKM pembuat", "UMKM Contoh")):
            page.get_by_label(label, exact=True).fill(choice.split()[0])
            page.get_by_text(choice, exact=True).last.click()
        price = page.get_by_label("Harga (rupiah) (tidak wajib)", exact=True)
        price.fill("Rp 45.000")
        page.get_by_role("button", name="Terbitkan").first.click()
        page.get_by_text("Terbitkan sekarang").click()
        refused = page.get_by_text(schema_message("Rp 45.000"), exact=True)
        refused.wait_for(timeout=10_000)
        assert not list(site.glob("content/products/*/kopi-soppeng.md")), "a refused price must not be saved"

        price.fill("45000")
        page.get_by_role("button", name="Tambah foto").click()
        page.get_by_role("button", name="Pilih foto").click()
        page.set_input_files("input[type=file]", str(photo))
        page.get_by_role("button", name="Pakai yang dipilih").click()
        page.get_by_label("Keterangan foto (alt)").fill("Kopi Soppeng dalam kemasan")
        assert refused.count() == 0
        page.get_by_role("button", name="Terbitkan").first.click()
        page.get_by_text("Terbitkan sekarang").click()

        saved = wait_for(lambda: list(site.glob("content/products/*/kopi-soppeng.md")), 30, "the saved product")[0]
        text = saved.read_text()
        assert re.search(r"^price: 45000$", text, re.M), text
        assert "maker: umkm-contoh" in text and "category: kerajinan" in text
        assert (saved.parent / "kopi-soppeng.jpg").read_bytes() == photo.read_bytes()
        check = subprocess.run([sys.executable, "-m", "showcase", "check", "--lang", "en"], cwd=site, capture_output=True,
                               text=True, timeout=120)
        assert check.returncode == 0 and "Check passed" in check.stdout, check.stdout + check.stderr

        product = url + "produk/kopi-soppeng/"
        wait_for(lambda: fetch(product), 60, "the rebuilt site to have the product page")
        page.goto(product)  # the live preview may still reload it once, after the photo's own rebuild
        until(page, """() => { const img = document.querySelector("main img");
            return img && img.complete && img.naturalWidth > 0 && img.currentSrc.includes("kopi-soppeng"); }""")
        assert page.locator("h1").inner_text() == "Kopi Soppeng"
    finally:
        context.close()
    assert not problems, problems


def test_github_backend_admin_loads_its_config_and_shows_the_login_button(tmp_path, browser):
    content = tmp_path / "content"
    subprocess.run([sys.executable, "-m", "showcase", "new", "site", str(tmp_path), "--tool-source",
                    "https://example.org/showcase"], check=True, capture_output=True, timeout=120)
    with (content / "site.yaml").open("a") as handle:
        handle.write("cms:\n  enabled: true\n  repo: dekranasda-soppeng/galeri\n"
                     "  auth_url: https://galeri-oauth.example.workers.dev\n")
    output = tmp_path / "output"
    output.mkdir()
    server = Server(output)
    build(Options(content=content, output=output, templates=None, cache=None, base_url=server.url))
    server.start()
    context = browser.new_context()
    messages: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda error: messages.append(f"page error: {error}"))
        page.goto(server.url + "admin/")
        login = page.get_by_role("button", name="Masuk dengan GitHub")
        login.wait_for(timeout=20_000)
        assert login.is_visible()
        body = page.inner_text("body")
        assert "Kesalahan konfigurasi" not in body and "Config Errors" not in body
    finally:
        context.close()
        server.stop()
    assert not messages, messages
