"""Counting is opt-in (`analytics:` in site.yaml): with the key every page links the site's own
script (no third-party script, no inline script) with the provider's settings, and the pages'
`<meta>` policy and `_headers` both gain exactly the endpoint's origin in `connect-src`; without
it neither the script nor the origin appears. Mistakes are located in site.yaml; adding the key
to a built site rebuilds it to exactly what a cold build makes.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from showcase.errors import BuildFailed
from tests.unit.test_incremental import Site, digest

KEY = "analytics:\n  provider: umami\n  url: https://count.example.org/api/send\n  site_id: 5c1b3e0c\n"


def with_key(site: Site, key: str = KEY) -> None:
    path = site.content / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8") + key, encoding="utf-8")


def policy(page: Path) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page.read_text(encoding="utf-8"))
    assert found
    return found.group(1)


def test_the_key_adds_the_script_and_exactly_its_origin_to_every_policy(tmp_path: Path) -> None:
    site = Site(tmp_path)
    with_key(site)
    site.rebuild()
    scripts = list(site.output.glob("assets/count.*.js"))
    assert len(scripts) == 1
    pages = [p for p in site.output.rglob("*.html") if not p.is_relative_to(site.output / "admin")]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if "<head>" not in text or 'http-equiv="refresh"' in text:
            continue
        assert policy(page).endswith("; connect-src 'self' https://count.example.org"), page
        tag = re.findall(r"<script src=\"([^\"]+)\" defer data-count-provider=\"umami\" "
                         r"data-count-url=\"https://count.example.org/api/send\" data-count-site=\"5c1b3e0c\">", text)
        assert tag == ["/" + scripts[0].relative_to(site.output).as_posix()], page
        assert not re.search(r"<script(?! src=| type=\"application/ld\+json\")", text), "no inline script"
    headers = (site.output / "_headers").read_text(encoding="utf-8")
    rules = re.findall(r"Content-Security-Policy: (.*)", headers)
    assert rules and all(r == policy(site.output / "index.html") + "; frame-ancestors 'none'" for r in rules)
    product = (site.output / "produk" / "bandeng-presto" / "index.html").read_text(encoding="utf-8")
    assert 'data-count="whatsapp-order" data-count-product="bandeng-presto" data-count-maker="mattiro-sompe"' in product


def test_without_the_key_the_site_links_no_counting_and_allows_no_origin(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.rebuild()
    assert not list(site.output.glob("assets/count.*"))
    for page in site.output.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        assert "count" not in re.findall(r"<script[^>]*>", text).__str__() and "data-count" not in text
        assert "connect-src" not in text
    assert "connect-src" not in (site.output / "_headers").read_text(encoding="utf-8")


def test_adding_the_key_later_rebuilds_like_a_cold_build(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.rebuild()
    with_key(site)
    site.rebuild()
    assert "connect-src 'self' https://count.example.org" in policy(site.output / "kategori" / "index.html")
    assert digest(site.output) == site.cold()
    site.edit("site.yaml", "count.example.org", "hitung.example.org")
    site.rebuild()
    assert "connect-src 'self' https://hitung.example.org" in policy(site.output / "umkm" / "index.html")
    assert digest(site.output) == site.cold()


@pytest.mark.parametrize("key, code", [
    ("analytics:\n  provider: umami\n  url: https://count.example.org/api/send\n", "ANALYTICS_SITE_ID"),
    ("analytics:\n  provider: matomo\n  url: https://count.example.org/matomo.php\n", "FM_CHOICE"),
    ("analytics:\n  url: https://count.example.org/count\n", "FM_MISSING_FIELD"),
    ("analytics:\n  provider: goatcounter\n  url: /count\n", "FM_URL"),
])
def test_a_wrong_analytics_key_is_located(tmp_path: Path, key: str, code: str) -> None:
    site = Site(tmp_path)
    with_key(site, key)
    with pytest.raises(BuildFailed) as failure:
        site.rebuild()
    found = [d for d in failure.value.diagnostics.errors if d.code == code]
    assert found and found[0].path == "content/site.yaml" and found[0].line is not None and found[0].line >= 5
    assert "hint" in found[0].format("en")


def test_an_endpoint_at_the_wrong_path_is_a_warning_and_plausible_names_the_site_by_its_domain(tmp_path: Path) -> None:
    site = Site(tmp_path)
    with_key(site, "analytics:\n  provider: plausible\n  url: https://plausible.example.org/js/script.js\n")
    report = site.rebuild()
    wrong = [w for w in report.warnings if w.code == "ANALYTICS_ENDPOINT"]
    assert len(wrong) == 1 and "/api/event" in wrong[0].format("en") and wrong[0].line == 5
    assert 'data-count-site="example.org"' in (site.output / "index.html").read_text(encoding="utf-8")
