"""`showcase serve` without a browser: served HTML carries the build number and the reload script
with no inline script (the site's CSP forbids one), output/ carries neither, the event stream
starts with the current state, a rebuild that changes nothing announces no new build, errors
come in the chosen language, and a busy port is a usage error."""
from __future__ import annotations

import io
import json
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from showcase.errors import UsageError
from showcase.pipeline import Options
from showcase.serve import LiveServer

MINIMAL = Path(__file__).resolve().parent.parent / "sites" / "minimal" / "content"


def first_event(server: LiveServer) -> dict:
    with urllib.request.urlopen(server.url + "__showcase/events", timeout=30) as events:
        return json.loads(events.readline().decode().removeprefix("data: "))


def test_served_html_has_the_build_number_and_the_script_and_output_does_not(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "content")
    options = Options(content=tmp_path / "content", output=tmp_path / "output", templates=None, cache=None)
    server = LiveServer(options, port=0, out=io.StringIO()).start()
    try:
        with urllib.request.urlopen(server.url + "produk/bandeng-presto/", timeout=30) as response:
            html = response.read().decode()
        assert '<meta name="showcase-build" content="1"><script src="/__showcase/live.js" defer></script></head>' in html
        scripts = re.findall(r"<script([^>]*)>", html)
        assert scripts and all("src=" in attrs or 'type="application/ld+json"' in attrs for attrs in scripts), \
            "no inline script: the Content-Security-Policy would block it"
        assert "__showcase" not in (tmp_path / "output" / "produk" / "bandeng-presto" / "index.html").read_text()
        assert f'<link rel="canonical" href="{server.url}produk/bandeng-presto/">' in html, "built for the preview"
        assert first_event(server) == {"built": 1, "errors": []}
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(server.url + "sw.js", timeout=30)
        missing.value.close()
        assert missing.value.code == 404, "the preview registers no service worker"
        with pytest.raises(UsageError, match="cannot listen") as busy:
            LiveServer(options, port=server.port)
        assert f"try --port {server.port + 1}" in busy.value.render("en")
        assert f"coba --port {server.port + 1}" in busy.value.render("id")
    finally:
        server.stop()


def test_a_rebuild_that_changes_nothing_announces_no_new_build_and_errors_are_worded(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "content")
    options = Options(content=tmp_path / "content", output=tmp_path / "output", templates=None,
                      cache=tmp_path / "cache")
    server = LiveServer(options, port=0, out=io.StringIO(), lang="en").start()
    try:
        assert server.rebuild() and first_event(server) == {"built": 1, "errors": []}
        product = tmp_path / "content" / "products" / "bandeng-presto.md"
        original = product.read_text()
        product.write_text(original.replace("price: 35000", "price: 25.000"))
        assert not server.rebuild()
        state = first_event(server)
        assert state["built"] == 1 and [e["code"] for e in state["errors"]] == ["FM_NOT_INTEGER"]
        assert state["errors"][0]["message"] == 'price: "25.000" is not a whole number of rupiah'
        assert state["errors"][0]["hint"] == 'write 25000 (no dots, no "Rp")'
        product.write_text(original)
        assert server.rebuild() and first_event(server) == {"built": 1, "errors": []}, \
            "the site is as it was: the overlay goes, nothing reloads"
        product.write_text(original.replace("price: 35000", "price: 36000"))
        assert server.rebuild() and first_event(server) == {"built": 2, "errors": []}
    finally:
        server.stop()


def test_the_preview_draws_no_share_images_and_caches_hashed_files(tmp_path):
    """A saved price waits for no picture that only a chat app opening a public link would show;
    the theme's hashed files are cached as the hosts cache them, so a reload asks for the page."""
    from showcase.serve import options as preview_options, parser

    shutil.copytree(MINIMAL, tmp_path / "content")
    args = parser().parse_args(["--content", str(tmp_path / "content"), "--output", str(tmp_path / "output"),
                                "--no-cache", "--port", "0"])
    options = preview_options(args)
    assert options.preview
    server = LiveServer(options, port=0, out=io.StringIO()).start()
    try:
        page = (tmp_path / "output" / "produk" / "bandeng-presto" / "index.html").read_text()
        assert 'property="og:image"' in page
        assert not (tmp_path / "output" / "media" / "share").exists()
        css = re.search(r'href="(/assets/site\.[0-9a-f]+\.css)"', page)
        assert css
        with urllib.request.urlopen(server.url + css.group(1).lstrip("/"), timeout=30) as response:
            assert "immutable" in response.headers["Cache-Control"]
    finally:
        server.stop()
    from showcase.pipeline import build

    build(Options(content=tmp_path / "content", output=tmp_path / "built", templates=None, cache=None))
    assert list((tmp_path / "built" / "media" / "share").glob("*.jpg")), "a real build draws them"
