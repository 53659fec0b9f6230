"""showcase as a council installs it: the wheel built by `pyproject-build`, installed into a fresh
virtual environment outside the repository, used in folders that hold no part of this repository.

One wheel and one environment serve the whole module (building and installing take most of its
time). The sample site written by `showcase new site` is built and opened in Chromium.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import urllib.request
import zipfile
from pathlib import Path
from typing import Iterator

import pytest

from .conftest import Server, until

REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "sites" / "minimal" / "content"
pytestmark = pytest.mark.browser


class Installed:
    def __init__(self, root: Path, dist: Path) -> None:
        self.root = root
        self.dist = dist
        self.bin = root / "venv" / ("Scripts" if sys.platform == "win32" else "bin")

    def run(self, *args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(self.bin / "showcase"), *args], cwd=cwd, capture_output=True, text=True,
                                timeout=600)
        if check:
            assert result.returncode == 0, f"showcase {' '.join(args)}: {result.stdout}{result.stderr}"
        return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    root = tmp_path_factory.mktemp("council")
    dist = root / "dist"
    builder = Path(sys.executable).parent / "pyproject-build"
    assert builder.exists(), "the test extra installs `build` (pyproject-build)"
    subprocess.run([str(builder), "--outdir", str(dist), str(REPO)], check=True, capture_output=True, timeout=600)
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True, timeout=300)
    tool = Installed(root, dist)
    wheel = next(dist.glob("showcase-*.whl"))
    subprocess.run([str(tool.bin / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True,
                   capture_output=True, timeout=600)
    yield tool


def test_wheel_and_sdist_carry_the_theme_fonts_and_editor(installed):
    wheel = zipfile.ZipFile(next(installed.dist.glob("showcase-*.whl"))).namelist()
    for name in ("showcase/theme/base.html", "showcase/theme/product.html", "showcase/theme/static/site.css",
                 "showcase/theme/static/site.js", "showcase/theme/static/search.js", "showcase/fonts/DejaVuSans.ttf",
                 "showcase/fonts/DejaVuSans-Bold.ttf", "showcase/fonts/LICENSE.txt", "showcase/editor/showcase-cms.js",
                 "showcase/editor/decap/decap-cms.js", "showcase/editor/decap/NOTICE.txt"):
        assert name in wheel, name
    theme = sorted(p.relative_to(REPO / "templates").as_posix() for p in (REPO / "templates").rglob("*") if p.is_file())
    assert sorted(n.removeprefix("showcase/theme/") for n in wheel if n.startswith("showcase/theme/")) == theme
    sdist = tarfile.open(next(installed.dist.glob("showcase-*.tar.gz"))).getnames()
    assert any(n.endswith("/templates/base.html") for n in sdist)
    assert any(n.endswith("/showcase/editor/decap/decap-cms.js") for n in sdist)


def test_version_and_python_dash_m_use_the_installed_package(installed, tmp_path):
    version = re.search(r'__version__ = "([^"]+)"', (REPO / "showcase" / "__init__.py").read_text()).group(1)
    assert installed.run("--version", cwd=tmp_path).stdout.strip() == f"showcase {version}"
    module = subprocess.run([str(installed.bin / "python"), "-m", "showcase", "--version"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert module.stdout.strip() == f"showcase {version}"
    where = subprocess.run([str(installed.bin / "python"), "-c", "import showcase.assets as a; print(a.builtin_theme())"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=60).stdout.strip()
    assert Path(where).is_relative_to(installed.root / "venv") and Path(where, "base.html").is_file()


def test_a_folder_with_only_content_builds(installed, tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "content")
    installed.run("build", "--quiet", cwd=tmp_path)
    assert (tmp_path / "output" / "index.html").is_file()
    assert list((tmp_path / "output" / "assets").glob("site.*.css"))


def test_new_site_builds_and_its_home_page_shows_the_sample_product(installed, browser, tmp_path):
    installed.run("new", "site", "galeri", "--title", "Galeri Dekranasda Uji", "--region", "Kabupaten Soppeng",
                  cwd=tmp_path)
    site = tmp_path / "galeri"
    url = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["urls"]["Repository"]
    for workflow in ("pr.yml", "publish.yml"):
        text = (site / ".github" / "workflows" / workflow).read_text()
        assert re.search(rf'SHOWCASE: "showcase @ git\+{re.escape(url)}@v\d+\.\d+\.\d+"', text), workflow
    installed.run("check", cwd=site)
    output = site / "output"
    output.mkdir()
    server = Server(output)
    installed.run("build", "--strict", "--base-url", server.url, cwd=site)
    server.start()
    context = browser.new_context(viewport={"width": 360, "height": 800})
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url)
        card = page.locator("a", has_text="Produk Contoh").first
        card.scroll_into_view_if_needed()
        assert card.is_visible()
        photo = page.locator('img[alt^="Foto contoh"]').first
        photo.scroll_into_view_if_needed()
        until(page, """() => [...document.querySelectorAll('img[alt^="Foto contoh"]')]
                              .some((img) => img.complete && img.naturalWidth > 0)""")
        assert "produk-contoh" in (photo.get_attribute("src") or "")
    finally:
        context.close()
        server.stop()
    assert not errors, errors


def test_new_product_and_serve_work_in_the_new_site(installed, tmp_path):
    installed.run("new", "site", "galeri", cwd=tmp_path)
    site = tmp_path / "galeri"
    installed.run("new", "product", "--title", "Abon Bandeng", "--maker", "umkm-contoh", "--category", "kerajinan",
                  "--price", "45000", cwd=site)
    assert (site / "content" / "products" / "contoh" / "abon-bandeng.md").is_file()
    with subprocess.Popen([str(installed.bin / "showcase"), "serve", "--port", "0", "--lang", "en"], cwd=site,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as serving:
        try:
            first = serving.stdout.readline() if serving.stdout else ""
            address = re.search(r"Serving (http://127\.0\.0\.1:\d+/)", first)
            assert address, first
            with urllib.request.urlopen(address.group(1) + "produk/abon-bandeng/", timeout=120) as response:
                assert "Abon Bandeng" in response.read().decode()
        finally:
            serving.terminate()
            serving.wait(30)


def test_a_missing_theme_file_is_a_located_error_not_a_traceback(installed, tmp_path):
    css = next((installed.root / "venv").rglob("showcase/theme/static/site.css"))
    kept = css.read_bytes()
    css.unlink()
    try:
        shutil.copytree(MINIMAL, tmp_path / "content")
        result = installed.run("build", "--lang", "en", cwd=tmp_path, check=False)
    finally:
        css.write_bytes(kept)
    text = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in text, text
    assert "static/site.css" in text and "THEME_ASSET" in text and "hint:" in text
