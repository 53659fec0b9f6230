"""The web editor: `/admin/` exists only when site.yaml enables it, and its Decap configuration
follows the content model (fields, required flags, existing slugs, photos beside the file,
English translations with text fields only)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from showcase.errors import BuildFailed
from showcase.pipeline import Options, analyse, build
from showcase.schema import SCHEMAS, translation_fields

SITES = Path(__file__).resolve().parent.parent / "sites"
ENABLED = "cms:\n  enabled: true\n  repo: dekranasda-pangkep/galeri\n"


def site(tmp_path: Path, fixture: str = "minimal", cms: str = "") -> Path:
    content = tmp_path / "content"
    shutil.copytree(SITES / fixture / "content", content)
    (content / "site.yaml").write_text((content / "site.yaml").read_text() + cms)
    return content


def built(tmp_path: Path, content: Path) -> Path:
    build(Options(content=content, output=tmp_path / "output", templates=None, cache=None))
    return tmp_path / "output"


def test_no_admin_page_unless_enabled(tmp_path):
    output = built(tmp_path, site(tmp_path))
    assert not (output / "admin").exists()


def test_enabled_admin_has_config_following_the_model(tmp_path):
    output = built(tmp_path, site(tmp_path, cms=ENABLED))
    config = yaml.safe_load((output / "admin" / "config.yml").read_text())
    assert config["backend"] == {"name": "github", "repo": "dekranasda-pangkep/galeri", "branch": "main"}
    by_name = {c["name"]: c for c in config["collections"]}
    assert {"products", "makers", "regions", "categories", "pages", "products-en"} <= set(by_name)
    products = by_name["products"]
    assert products["folder"] == "content/products" and products["media_folder"] == ""
    fields = {f["name"]: f for f in products["fields"]}
    assert set(fields) == {f.name for f in SCHEMAS["product"] if f.name != "slug"} | {"body"}
    assert fields["title"]["required"] is True and fields["price"]["required"] is False
    assert fields["maker"]["widget"] == "select"
    assert [o["value"] for o in fields["maker"]["options"]] == ["mattiro-sompe"]
    assert fields["price"] == {**fields["price"], "widget": "number", "value_type": "int", "min": 1}
    cert = {f["name"]: f for f in fields["certifications"]["fields"]}
    certifications = next(f for f in SCHEMAS["product"] if f.name == "certifications")
    assert cert["type"]["options"] == list(certifications.item.fields[0].choices)
    english = by_name["products-en"]
    assert english["extension"] == "en.md"
    assert {f["name"] for f in english["fields"]} == {f.name for f in translation_fields("product")} | {"body"}


def test_admin_page_is_the_only_one_loading_an_external_script(tmp_path):
    output = built(tmp_path, site(tmp_path, cms=ENABLED))
    admin = (output / "admin" / "index.html").read_text()
    assert re.search(r'<script src="https://[^"]+decap-cms@\d+\.\d+\.\d+/[^"]+" integrity="sha384-', admin)
    for page in output.rglob("*.html"):
        if page.parent.name != "admin":
            assert not re.search(r"<script[^>]+src=\"https?://", page.read_text()), page


def test_product_subfolders_become_collections(tmp_path):
    content = site(tmp_path, cms=ENABLED)
    (content / "products" / "pangkep").mkdir()
    shutil.move(content / "products" / "bandeng-presto.md", content / "products" / "pangkep" / "bandeng-presto.md")
    shutil.move(content / "products" / "bandeng-presto.jpg", content / "products" / "pangkep" / "bandeng-presto.jpg")
    config = yaml.safe_load((built(tmp_path, content) / "admin" / "config.yml").read_text())
    folders = [c["folder"] for c in config["collections"] if c["name"].startswith("products")]
    assert folders == ["content/products/pangkep", "content/products/pangkep"]


@pytest.mark.parametrize("repo", ["galeri", "https://github.com/a/b", ""])
def test_enabled_without_a_repository_is_reported(tmp_path, repo):
    content = site(tmp_path, cms=f"cms:\n  enabled: true\n  repo: \"{repo}\"\n")
    codes = {d.code for d in analyse(Options(content=content, cache=None)).diags.errors}
    assert codes & {"CMS_REPO", "FM_MISSING_FIELD"}
    with pytest.raises(BuildFailed):
        built(tmp_path, content)


def test_photos_in_the_editor_offer_the_focus_of_the_schema(tmp_path):
    output = built(tmp_path, site(tmp_path, cms=ENABLED))
    config = yaml.safe_load((output / "admin" / "config.yml").read_text())
    products = next(c for c in config["collections"] if c["name"] == "products")
    images = next(f for f in products["fields"] if f["name"] == "images")
    photo = {f["name"]: f for f in images["fields"]}
    assert list(photo) == ["src", "alt", "focus"]
    assert photo["src"]["widget"] == "image"
    assert photo["focus"]["widget"] == "select" and "top left" in photo["focus"]["options"]
    assert photo["focus"]["required"] is False
