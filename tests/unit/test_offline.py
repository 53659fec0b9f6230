"""The precache list, sw.js, _headers and the offline page of a built site.

The full fixture site is copied and built under a sub-path; the list the service worker gets is
read back from the generated sw.js, so these tests check what a browser would receive.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from showcase.offline import Entry, plan_precache, preferred_variant
from showcase.pipeline import Options, analyse, build
from showcase.report import BuildReport, Reporter

FULL = Path(__file__).resolve().parent.parent / "sites" / "full" / "content"
BASE = "https://example.org/galeri/"


def site_copy(tmp_path: Path, extra_yaml: str = "") -> Path:
    content = tmp_path / "content"
    shutil.copytree(FULL, content)
    if extra_yaml:
        with (content / "site.yaml").open("a") as f:
            f.write(extra_yaml)
    return content


def build_site(content: Path, output: Path, cache: Path, base_url: str = BASE) -> BuildReport:
    return build(Options(content=content, output=output, cache=cache, base_url=base_url,
                         today=date(2026, 11, 1), workers=2))


def settings(output: Path) -> dict:
    text = (output / "sw.js").read_text()
    return json.loads(text.split("const C = ", 1)[1].split(";\n", 1)[0])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, BuildReport]:
    root = tmp_path_factory.mktemp("offline")
    content = site_copy(root)
    report = build_site(content, root / "out", root / "cache")
    return content, root / "out", report


def test_precache_holds_shell_every_indonesian_page_and_each_products_small_photo(built):
    content, output, report = built
    entries = settings(output)["precache"]
    urls = [e[0] for e in entries]
    kinds = [e[2] for e in entries]
    groups = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
    assert groups == ["shell", "page", "record", "photo", "search", "page", "image", "other"], \
        "priority order: shell, home, records, small photos, search, pages, covers and logos, print"
    assert kinds.index("record") == kinds.index("page") + 1, "only the home page before the records"
    search = [u for u, _, k in entries if k == "search"]
    assert search[0] == "/galeri/search/id/index.json" and len(search) > 1
    assert {u.removeprefix("/galeri/") for u in search} == {
        p.relative_to(output).as_posix() for p in (output / "search" / "id").rglob("*") if p.is_file()}
    assert len(urls) == len(set(urls))
    shell = {u for u, _, k in entries if k == "shell"}
    assert {"/galeri/manifest.webmanifest", "/galeri/offline/", "/galeri/icons/icon-192.png"} <= shell
    assert any(u.endswith(".css") for u in shell) and any(u.endswith(".js") for u in shell)
    pages = {u for u, _, k in entries if k in ("page", "other")}
    assert {u for u, _, k in entries if k == "other"} == {u for u in pages if "/katalog/" in u or "/label-rak/" in u}, \
        "the printable catalogue and the shelf labels come after every photo"
    expected = {"/galeri/" + p.relative_to(output).as_posix().removesuffix("index.html")
                for p in output.rglob("index.html") if not p.relative_to(output).as_posix().startswith(("en/", "offline/"))}
    order = {"/galeri/pesanan/data.json", "/galeri/en/order/", "/galeri/en/order/data.json"}  # the order list, offline
    assert pages - {u for u in pages if u.startswith("/galeri/assets/order.")} == expected | order
    assert urls[len(shell)] == "/galeri/", "the home page comes first"
    a = analyse(Options(content=content, cache=None, base_url=BASE))
    plans = a.plans
    photos = [u for u, _, k in entries if k == "photo"]
    wanted = [preferred_variant(plans[str(p.images[0].source)], ("avif", "webp", "jpeg"))
              for p in a.catalog.products if p.images]
    assert photos == ["/galeri/" + v.path for v in wanted]
    assert all(u.endswith("-120.avif") for u in photos), "the 120 px AVIF thumbnail: what Chromium picks"
    assert report.offline is not None and not report.offline.left_out


def test_every_url_is_absolute_with_the_sub_path_and_carries_its_content_hash(built):
    _, output, report = built
    data = settings(output)
    assert data["scope"] == "/galeri/"
    # each language's navigations get its own offline page, the longest prefix tried first
    assert data["offline"] == [["/galeri/en/", "/galeri/en/offline/"], ["/galeri/", "/galeri/offline/"]]
    assert {"/galeri/offline/", "/galeri/en/offline/"} <= {url for url, _, kind in data["precache"] if kind == "shell"}
    total = 0
    for url, rev, _ in data["precache"]:
        assert url.startswith("/galeri/") and "//" not in url and "example.org" not in url
        relative = url.removeprefix("/galeri/")
        path = output / (relative + "index.html" if relative.endswith("/") or not relative else relative)
        body = path.read_bytes()
        total += len(body)
        assert rev == hashlib.blake2b(body, digest_size=16).hexdigest()[:16], url
    assert total == report.offline.bytes <= 4 * 1024 * 1024


def test_changed_price_changes_that_pages_revision_and_the_version_only(built, tmp_path):
    content, output, _ = built
    before = {u: r for u, r, _ in settings(output)["precache"]}
    version = settings(output)["version"]
    changed = site_copy(tmp_path)
    product = changed / "products" / "bandeng-presto.md"
    product.write_text(product.read_text().replace("price: 35000", "price: 36500"))
    build_site(changed, tmp_path / "out", tmp_path / "cache")
    after = {u: r for u, r, _ in settings(tmp_path / "out")["precache"]}
    renamed = {u for u in after.keys() ^ before.keys()}
    assert renamed and all("/search/id/" in u or "/records/" in u for u in renamed), \
        "only hashed search shards and record chunks get new names"
    assert len([u for u in renamed if "/records/id/" in u]) == 2, "one record chunk: its old and new name"
    differ = {u for u in after.keys() & before.keys() if after[u] != before[u]}
    assert "/galeri/produk/bandeng-presto/" in differ
    assert "/galeri/tentang/" not in differ and not any("/media/" in u or "/assets/" in u for u in differ)
    assert settings(tmp_path / "out")["version"] != version


def test_budget_stops_in_priority_order_and_the_summary_says_what_was_left_out(tmp_path):
    content = site_copy(tmp_path, "offline: {budget_mb: 0.17}\n")
    stream = io.StringIO()
    report = build(Options(content=content, output=tmp_path / "out", cache=tmp_path / "cache",
                           base_url=BASE, today=date(2026, 11, 1), workers=2), Reporter(stream, lang="en"))
    result = report.offline
    assert result.bytes <= result.budget == round(0.17 * 1024 * 1024)
    assert result.left_out and result.first_left_out.startswith("/galeri/")
    kept = [e[2] for e in settings(tmp_path / "out")["precache"]]
    assert "shell" in kept
    line = next(line for line in stream.getvalue().splitlines() if line.strip().startswith("offline"))
    assert "left out" in line and result.first_left_out in line
    split = re.search(r"\(shell (\d\.\d\d), records \d\.\d\d, thumbnails \d\.\d\d, pages (\d\.\d\d)", line)
    assert split and float(split.group(1)) > 0.1 and float(split.group(2)) > 0, "the budget's split"
    assert result.suggested_mb is None, "every record fits: no budget to suggest"


def test_records_that_do_not_fit_make_the_build_suggest_a_budget(tmp_path):
    content = site_copy(tmp_path, "offline: {budget_mb: 0.05}\n")
    stream = io.StringIO()
    report = build(Options(content=content, output=tmp_path / "out", cache=tmp_path / "cache",
                           base_url=BASE, today=date(2026, 11, 1), workers=2), Reporter(stream, lang="en"))
    result = report.offline
    assert result.left_out.get("record") and result.suggested_mb == 1
    line = next(line for line in stream.getvalue().splitlines() if line.strip().startswith("offline"))
    assert line.endswith("to open every product offline, set `budget_mb` under `offline` in site.yaml to 1")


def entry(url: str, size: int, kind: str) -> Entry:
    return Entry(url, url.lstrip("/"), size, "0" * 16, kind)


def test_plan_keeps_the_shell_and_stops_at_the_first_entry_over_budget():
    entries = [entry("/s.css", 600, "shell"), entry("/", 300, "page"), entry("/a/", 300, "page"),
               entry("/b/", 10, "page"), entry("/m.avif", 5, "photo")]
    plan = plan_precache(entries, 1000)
    assert [e.url for e in plan.entries] == ["/s.css", "/"]
    assert [e.url for e in plan.left_out] == ["/a/", "/b/", "/m.avif"], "no lower priority jumps the queue"
    assert plan.bytes == 900
    assert [e.url for e in plan_precache(entries, 0).entries] == ["/s.css"], "the shell always goes in"
    assert plan.version != plan_precache(entries[:1], 1000).version


def test_root_site_scope_and_urls(tmp_path):
    content = site_copy(tmp_path)
    build_site(content, tmp_path / "out", tmp_path / "cache", base_url="https://example.org/")
    data = settings(tmp_path / "out")
    assert data["scope"] == "/" and data["prefix"] == "showcase:/:"
    assert all(u.startswith("/") and not u.startswith("//") for u, _, _ in data["precache"])
    html = (tmp_path / "out" / "index.html").read_text()
    assert 'data-sw="/sw.js" data-sw-scope="/"' in html


def test_headers_never_long_cache_html_or_sw_and_never_overlap(built):
    _, output, _ = built
    text = (output / "_headers").read_text()
    rules = dict(re.findall(r"^(/\S*)\n  Cache-Control: (.+)$", text, re.M))
    assert rules["/galeri/sw.js"] == "no-cache" and rules["/galeri/"] == "no-cache"
    assert rules["/galeri/produk/*"] == "no-cache" and rules["/galeri/en/*"] == "no-cache"
    assert rules["/galeri/assets/*"] == rules["/galeri/media/*"] == "public, max-age=31536000, immutable"
    assert "/galeri/*" not in rules and "/*" not in rules, "a catch-all rule would combine with the immutable ones"
    assert text.count("/galeri/assets/*") == 1


def test_every_address_of_the_site_matches_exactly_one_headers_rule(built):
    """Netlify and Cloudflare apply every rule that matches (a splat also matches nothing), so two
    matching rules would send two policies; Cloudflare reads at most 100 rules."""
    _, output, _ = built
    paths = re.findall(r"^(/\S*)$", (output / "_headers").read_text(), re.M)
    assert len(paths) < 100 and len(set(paths)) == len(paths)
    patterns = {path: re.compile(re.escape(path).replace(r"\*", ".*") + "$") for path in paths}
    addresses = {"/galeri/"}
    for file in output.rglob("*"):
        relative = file.relative_to(output).as_posix()
        addresses.add("/galeri/" + relative + ("/" if file.is_dir() else ""))
    for address in sorted(addresses):
        matching = [path for path, pattern in patterns.items() if pattern.match(address)]
        assert len(matching) == 1, f"{address}: {matching}"
        headers = (output / "_headers").read_text().split(matching[0] + "\n", 1)[1].split("\n/", 1)[0]
        assert headers.count("Content-Security-Policy:") == 1 and "X-Content-Type-Options: nosniff" in headers


def test_offline_page_lists_saved_pages_in_the_sites_design_without_inline_script(built):
    _, output, _ = built
    html = (output / "offline" / "index.html").read_text()
    assert "<h1 class=\"page-title\">Anda sedang offline</h1>" in html
    for link in ("/galeri/kategori/olahan-hasil-laut/", "/galeri/wilayah/pangkep/", "/galeri/umkm/mattiro-sompe/",
                 "/galeri/produk/bandeng-presto/"):
        assert f'href="{link}"' in html
    assert 'name="robots" content="noindex"' in html and 'hreflang="en"' not in html
    assert "site-header" in html and "assets/site." in html
    for page in output.rglob("*.html"):
        scripts = re.findall(r"<script\b([^>]*)>", page.read_text())
        assert all("src=" in attributes or 'type="application/ld+json"' in attributes for attributes in scripts), \
            f"inline script in {page}"  # JSON-LD is data, which a CSP does not block


def test_pages_carry_the_worker_manifest_icons_and_interface_strings(built):
    _, output, _ = built
    html = (output / "index.html").read_text()
    assert 'data-sw="/galeri/sw.js" data-sw-scope="/galeri/"' in html
    assert '<link rel="manifest" href="/galeri/manifest.webmanifest">' in html
    assert 'rel="apple-touch-icon" href="/galeri/icons/apple-touch-icon.png"' in html
    assert 'data-t-update="Versi baru tersedia" data-t-reload="Muat ulang"' in html
    assert "Simpan untuk dibaca offline" in html
    english = (output / "en" / "index.html").read_text()
    assert 'data-t-update="A new version is available"' in english and "Save to read offline" in english


@pytest.mark.parametrize("how", ["site.yaml", "environment"])
def test_kill_switch_ships_a_worker_that_removes_itself(tmp_path, monkeypatch, how):
    if how == "environment":
        monkeypatch.setenv("SHOWCASE_SW_KILL_SWITCH", "1")
    content = site_copy(tmp_path, "offline: {kill_switch: true}\n" if how == "site.yaml" else "")
    report = build_site(content, tmp_path / "out", tmp_path / "cache")
    sw = (tmp_path / "out" / "sw.js").read_text()
    assert "registration.unregister()" in sw and "caches.delete" in sw
    assert 'addEventListener("fetch"' not in sw
    html = (tmp_path / "out" / "index.html").read_text()
    assert 'data-sw-kill="/galeri/sw.js"' in html and "data-sw=" not in html
    assert report.offline is not None and report.offline.kill_switch


def test_offline_settings_are_validated(tmp_path):
    content = site_copy(tmp_path, "offline: {budget_mb: lots, runtime_imags: 5}\n")
    a = analyse(Options(content=content, cache=None))
    codes = {d.code for d in a.diags.errors}
    assert {"FM_NOT_NUMBER", "FM_UNKNOWN_FIELD"} <= codes
    assert any("did you mean `runtime_images`" in d.message("en") for d in a.diags.errors)
    defaults = analyse(Options(content=site_copy(tmp_path / "b"), cache=None)).config.offline
    assert (defaults.budget_mb, defaults.runtime_images, defaults.kill_switch) == (4.0, 200, False)
