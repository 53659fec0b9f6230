"""`showcase new site`: what it writes, that it builds, that its workflows pass actionlint and
install showcase from its repository at this version's tag, and that it never writes over a folder
that holds something. Also `showcase edit`'s refusal without Node, with its hint."""
from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from showcase import __version__, newsite, placeholder
from showcase.cli import main
from showcase.edit import EditorError, server_command
from showcase.errors import ShowcaseError
from showcase.pipeline import Options, build

from .test_cli_workflows import actionlint  # noqa: F401 - the fixture

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    assert main(["new", "site", str(tmp_path / "galeri"), "--title", "Galeri Dekranasda Soppeng",
                 "--region", "Kabupaten Soppeng", "--base-url", "https://example.org/galeri/"]) == 0
    return tmp_path / "galeri"


def test_writes_the_promised_files_and_builds_strictly(site, tmp_path):
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert names == [".gitattributes", ".github/workflows/pr.yml", ".github/workflows/publish.yml", ".gitignore",
                     "README.md", "content/categories/kerajinan.md", "content/makers/umkm-contoh.md",
                     "content/products/soppeng/produk-contoh.jpg", "content/products/soppeng/produk-contoh.md",
                     "content/regions/soppeng.md", "content/site.yaml"]
    report = build(Options(content=site / "content", output=tmp_path / "out", templates=None, cache=None,
                           strict=True))
    assert report.products == 1 and not report.warnings
    html = (tmp_path / "out" / "produk" / "produk-contoh" / "index.html").read_text()
    assert "Galeri Dekranasda Soppeng" in html and "Kabupaten Soppeng" in html and "wa.me/" in html
    assert "/output/" in (site / ".gitignore").read_text() and "/.cache/" in (site / ".gitignore").read_text()
    readme = (site / "README.md").read_text()
    for words in ("Memasang showcase", "py -m pip", "showcase serve", "showcase edit", "GitHub Actions", "Node.js 20"):
        assert words in readme, words


def test_workflows_pass_actionlint_and_install_this_version_from_the_repository(site, actionlint):  # noqa: F811
    url = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["urls"]["Repository"]
    for name in ("pr.yml", "publish.yml"):
        workflow = site / ".github" / "workflows" / name
        result = subprocess.run([actionlint, "-no-color", str(workflow)], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        text = workflow.read_text()
        assert f'SHOWCASE: "showcase @ git+{url}@v{__version__}"' in text
        assert 'pip install "$SHOWCASE"' in text and "pip install showcase" not in text
    assert "showcase check --format github" in (site / ".github/workflows/pr.yml").read_text()
    publish = (site / ".github/workflows/publish.yml").read_text()
    assert "actions/deploy-pages@" in publish and "steps.pages.outputs.base_url" in publish


def test_tool_source_option_and_existing_folder(tmp_path):
    assert main(["new", "site", str(tmp_path / "a"), "--tool-source", "git+https://git.example.org/showcase/"]) == 0
    assert 'git+https://git.example.org/showcase@v' in (tmp_path / "a/.github/workflows/pr.yml").read_text()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "notes.txt").write_text("keep me")
    with pytest.raises(ShowcaseError, match="not empty"):
        newsite.main([str(tmp_path / "b")])
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["notes.txt"]
    assert main(["new", "site", str(tmp_path / "c"), "--base-url", "galeri"]) == 2


def test_region_names_give_short_slugs():
    assert newsite.region_parts("Kabupaten Soppeng") == ("soppeng", "Soppeng", "kabupaten")
    assert newsite.region_parts("Kota Tangerang Selatan") == ("tangerang-selatan", "Tangerang Selatan", "kota")
    assert newsite.region_parts("Pangkep") == ("pangkep", "Pangkep", "")


def test_placeholder_photo_is_deterministic_and_coloured_by_slug():
    first = placeholder.photo("abon", "Abon Bandeng")
    assert first == placeholder.photo("abon", "Abon Bandeng") and first[:3] == b"\xff\xd8\xff"
    assert placeholder.colour("abon") != placeholder.colour("batik")


def test_edit_without_node_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no node on it
    with pytest.raises(EditorError, match=r"Node\.js 20 or newer \(no node command\).*nodejs\.org"):
        server_command(tmp_path)
    assert re.search(r"Node.js 20", (REPO / "README.md").read_text())


def test_install_lines_in_the_docs_name_this_repository_and_version():
    url = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["urls"]["Repository"]
    line = f'pipx install "git+{url}@v{__version__}"'
    first_screen = "\n".join((REPO / "README.md").read_text().splitlines()[:40])
    assert line in first_screen and "/admin/" in first_screen and "showcase new site" in first_screen
    assert line in (REPO / "docs" / "editing.md").read_text()
