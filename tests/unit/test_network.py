"""The partner network (issue 14): two showcases built and served over HTTP on 127.0.0.1, a third
partner down, one serving a hostile catalogue (script in a title, a `javascript:` URL) and one
serving 50 MB. `showcase partners update` keeps the good copies; the build warns about each
problem and `/jejaring/` shows exactly the good products, escaped, linking to the partners."""
from __future__ import annotations

import json
import os
import shutil
import socket
import threading
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from showcase import network, partners
from showcase.pipeline import Options, build, page_views

MINIMAL = Path(__file__).resolve().parent.parent / "sites" / "minimal" / "content"
TODAY = date(2026, 11, 1)


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


class Hostile(Quiet):
    """A catalogue with one good product and three bad ones, and a 50 MB one."""

    def do_GET(self) -> None:  # noqa: N802
        host = f"http://{self.headers['Host']}"
        if self.path == "/big.json":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            try:
                for _ in range(50):
                    self.wfile.write(b" " * (1024 * 1024))
            except OSError:
                pass
            return
        products = [
            {"slug": "kopi-baik", "title": "Kopi Baik", "url": f"{host}/produk/kopi-baik/", "price": 30000,
             "image": "http://tracker.example.com/pixel.gif"},
            {"slug": "jahat", "title": "<script>alert(1)</script>Jahat", "url": f"{host}/produk/jahat/"},
            {"slug": "tautan", "title": "Tautan Jahat", "url": "javascript:alert(1)"},
            {"slug": "Bukan Slug", "title": "Tidak Sah", "url": f"{host}/x/"},
        ]
        body = json.dumps({"site": "Galeri Nakal", "url": host + "/", "products": products}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(handler) -> tuple[ThreadingHTTPServer, int]:  # noqa: ANN001
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def showcase(root: Path, port: int, title: str) -> Path:
    """A partner showcase built for http://127.0.0.1:<port>/, its product retitled."""
    content = root / "content"
    shutil.copytree(MINIMAL, content)
    product = content / "products" / "bandeng-presto.md"
    product.write_text(product.read_text().replace("title: Bandeng Presto", f"title: {title}"))
    output = root / "output"
    build(Options(content=content, cache=None, output=output, today=TODAY, workers=1,
                  base_url=f"http://127.0.0.1:{port}/"))
    return output


@pytest.fixture(scope="module")
def network_site(tmp_path_factory):  # noqa: ANN201
    root = tmp_path_factory.mktemp("network")
    ports = [free_port(), free_port()]
    servers = []
    for name, port, title in (("a", ports[0], "Bandeng Soppeng"), ("b", ports[1], "Abon Pangkep")):
        output = showcase(root / name, port, title)
        server = ThreadingHTTPServer(("127.0.0.1", port), partial(Quiet, directory=str(output)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    hostile, hostile_port = serve(Hostile)
    servers.append(hostile)
    down = free_port()
    content = root / "main" / "content"
    shutil.copytree(MINIMAL, content)
    with (content / "site.yaml").open("a") as site:
        site.write("partners:\n"
                   f"  - {{name: Galeri Soppeng, catalogue: 'http://127.0.0.1:{ports[0]}/katalog.json'}}\n"
                   f"  - {{name: Galeri Pangkep, catalogue: 'http://127.0.0.1:{ports[1]}/katalog.json'}}\n"
                   f"  - {{name: Galeri Mati, catalogue: 'http://127.0.0.1:{down}/katalog.json'}}\n"
                   f"  - {{name: Galeri Nakal, catalogue: 'http://127.0.0.1:{hostile_port}/katalog.json'}}\n"
                   f"  - {{name: Galeri Raksasa, catalogue: 'http://127.0.0.1:{hostile_port}/big.json'}}\n")
    cache = root / "main" / "cache"
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1793491200"  # 2026-11-01: the copies' date
    try:
        code = partners.main(["update", "--content", str(content), "--cache", str(cache), "--timeout", "5",
                              "--lang", "en"])
    finally:
        if epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    assert code == 0
    output = root / "main" / "output"
    report = build(Options(content=content, cache=cache, output=output, today=TODAY, workers=1))
    yield content, cache, output, report
    for server in servers:
        server.shutdown()
        server.server_close()


def test_update_keeps_good_copies_and_refuses_down_and_huge_partners(network_site):
    _, cache, _, _ = network_site
    kept = sorted(p.name for p in (cache / "partners").glob("*.json"))
    assert kept == ["galeri-nakal.json", "galeri-pangkep.json", "galeri-soppeng.json"]


def test_the_build_warns_about_each_problem_at_the_partners_line(network_site):
    _, _, _, report = network_site
    found = {(d.code, dict(d.params).get("partner")) for d in report.warnings}
    assert ("NET_MISSING", "Galeri Mati") in found and ("NET_MISSING", "Galeri Raksasa") in found
    assert ("NET_PRODUCT_MARKUP", "Galeri Nakal") in found
    assert ("NET_PRODUCT_LINK", "Galeri Nakal") in found
    assert ("NET_PRODUCT_INVALID", "Galeri Nakal") in found
    assert ("NET_IMAGE_LINK", "Galeri Nakal") in found
    assert all(d.path == "content/site.yaml" and d.line == 5 for d in report.warnings if d.code.startswith("NET_"))


def test_network_page_shows_exactly_the_good_products_escaped_and_linked(network_site):
    _, _, output, _ = network_site
    html = (output / "jejaring" / "index.html").read_text()
    assert "<script>alert" not in html and "javascript:" not in html and "tracker.example.com" not in html
    for title in ("Bandeng Soppeng", "Abon Pangkep", "Kopi Baik"):
        assert title in html
    for title in ("Jahat", "Tautan Jahat", "Tidak Sah"):
        assert f">{title}<" not in html
    assert (output / "en" / "network" / "index.html").is_file()
    assert "/produk/bandeng-presto/" in html and 'rel="noopener"' in html


def test_page_view_lists_partners_in_site_yaml_order(network_site):
    content, cache, _, _ = network_site
    pages = page_views(Options(content=content, cache=cache, today=TODAY))
    view = pages["jejaring/index.html"].context()["network"]
    assert [p.name for p in view.partners] == ["Galeri Soppeng", "Galeri Pangkep", "Galeri Mati", "Galeri Nakal",
                                               "Galeri Raksasa"]
    assert [c.title for p in view.partners for c in p.products] == ["Bandeng Soppeng", "Abon Pangkep", "Kopi Baik"]
    assert view.partners[2].products == () and "could not" not in view.partners[2].status


def test_published_schema_validates_our_own_katalog(network_site):
    _, _, output, _ = network_site
    published = json.loads((output / "katalog.schema.json").read_text())
    katalog = json.loads((output / "katalog.json").read_text())
    assert published["version"] == network.SCHEMA_VERSION == katalog["version"]
    assert katalog["$schema"].endswith("/katalog.schema.json")
    assert network.validate(published, katalog) == []
    broken = {**katalog, "products": [{**katalog["products"][0], "price": "35.000"}]}
    assert network.validate(published, broken) == ["/products/0/price: expected integer or null"]


def test_a_stale_copy_is_a_warning(network_site, tmp_path):
    content, cache, _, _ = network_site
    later = Options(content=content, cache=cache, output=tmp_path / "out", today=date(2026, 11, 20), workers=1)
    report = build(later)
    assert any(d.code == "NET_STALE" for d in report.warnings)


def test_safe_links():
    source = "http://127.0.0.1:8000/katalog.json"
    assert network.safe_link("https://example.org/p/", source) == "https://example.org/p/"
    assert network.safe_link("http://127.0.0.1:8000/p/", source) == "http://127.0.0.1:8000/p/"
    assert network.safe_link("http://127.0.0.1:9999/p/", source) is None
    assert network.safe_link("http://example.org/p/", source) is None
    assert network.safe_link("javascript:alert(1)", source) is None
    assert network.safe_link("http://example.org/p/", "http://example.org/katalog.json") is None


def test_builds_read_only_the_kept_copy_and_follow_an_update(tmp_path):
    """A local catalogue path (relative to content/): a build reads the copy `partners update`
    kept, not the file itself; after the next update the rebuilt page shows the change, and a
    build with nothing changed writes nothing."""
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    catalogue = tmp_path / "mitra.json"

    def publish(*titles: str) -> None:
        products = [{"slug": f"p{i}", "title": t, "url": f"https://mitra.example.org/produk/p{i}/"}
                    for i, t in enumerate(titles)]
        catalogue.write_text(json.dumps({"site": "Mitra", "url": "https://mitra.example.org/", "products": products}))

    with (content / "site.yaml").open("a") as site:
        site.write("partners:\n  - {name: Galeri Mitra, catalogue: ../mitra.json}\n")
    options = Options(content=content, cache=tmp_path / "cache", output=tmp_path / "out", today=TODAY, workers=1)
    page = tmp_path / "out" / "jejaring" / "index.html"
    publish("Kopi Pertama")
    assert partners.main(["update", "--content", str(content), "--cache", str(tmp_path / "cache")]) == 0
    build(options)
    assert "Kopi Pertama" in page.read_text()
    publish("Kopi Pertama", "Gula Kedua")
    build(options)  # no update: the kept copy is what the build reads
    assert "Gula Kedua" not in page.read_text()
    assert partners.main(["update", "--content", str(content), "--cache", str(tmp_path / "cache")]) == 0
    report = build(options)
    assert "Gula Kedua" in page.read_text() and report.rendered >= 2
    assert build(options).unchanged
