"""The web editor: `/admin/` exists only when site.yaml enables it (or `showcase edit` asks for
the local backend), serves the vendored Decap CMS from the site itself under a policy of its own,
and its Decap configuration follows the content model (fields, required flags, relations, photos
beside the file, English translations with text fields only)."""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from showcase import cms, security
from showcase.errors import BuildFailed, Diagnostics
from showcase.pipeline import Options, analyse, build
from showcase.schema import SCHEMAS, Validator, translation_fields
from showcase.yamlnodes import parse

SITES = Path(__file__).resolve().parent.parent / "sites"
ENABLED = "cms:\n  enabled: true\n  repo: dekranasda-pangkep/galeri\n"


def site(tmp_path: Path, fixture: str = "minimal", cms: str = "") -> Path:
    content = tmp_path / "content"
    shutil.copytree(SITES / fixture / "content", content)
    (content / "site.yaml").write_text((content / "site.yaml").read_text() + cms)
    return content


def built(tmp_path: Path, content: Path, editor: str | None = None) -> Path:
    build(Options(content=content, output=tmp_path / "output", templates=None, cache=None, editor=editor))
    return tmp_path / "output"


def test_no_admin_page_unless_enabled(tmp_path):
    output = built(tmp_path, site(tmp_path))
    assert not (output / "admin").exists()


def test_enabled_admin_has_config_following_the_model(tmp_path):
    output = built(tmp_path, site(tmp_path, cms=ENABLED))
    config = yaml.safe_load((output / "admin" / "config.yml").read_text())
    assert config["backend"] == {"name": "github", "repo": "dekranasda-pangkep/galeri", "branch": "main"}
    assert config["publish_mode"] == "editorial_workflow", "on GitHub every change is a pull request"
    by_name = {c["name"]: c for c in config["collections"]}
    assert {"products", "makers", "regions", "categories", "pages", "products-en"} <= set(by_name)
    products = by_name["products"]
    assert products["folder"] == "content/products" and products["media_folder"] == ""
    fields = {f["name"]: f for f in products["fields"]}
    assert set(fields) == {f.name for f in SCHEMAS["product"] if f.name != "slug"} | {"body"}
    assert fields["title"]["required"] is True and fields["price"]["required"] is False
    for name, target in (("maker", "makers"), ("category", "categories"), ("region", "regions")):
        assert fields[name]["widget"] == "relation" and fields[name]["collection"] == target
        assert fields[name]["value_field"] == "{{slug}}" and target in by_name
    assert (fields["title"]["label"], fields["maker"]["label"], fields["price"]["label"]) == \
        ("Judul", "UMKM pembuat", "Harga (rupiah)")
    assert fields["price"]["widget"] == "showcase-number" and fields["price"]["min"] == 1
    cert = {f["name"]: f for f in fields["certifications"]["fields"]}
    certifications = next(f for f in SCHEMAS["product"] if f.name == "certifications")
    assert cert["type"]["widget"] == "select" and cert["type"]["options"] == list(certifications.item.fields[0].choices)
    english = by_name["products-en"]
    assert english["extension"] == "en.md"
    assert {f["name"] for f in english["fields"]} == {f.name for f in translation_fields("product")} | {"body"}


def test_price_messages_in_the_form_are_the_validators(tmp_path):
    """The form (showcase-cms.js) fills in the field's messages; filled in as the script does, they
    give exactly what a build says about the same price."""
    output = built(tmp_path, site(tmp_path, cms=ENABLED))
    config = yaml.safe_load((output / "admin" / "config.yml").read_text())
    price = next(f for f in config["collections"][0]["fields"] if f["name"] == "price")
    said = price["messages"]
    assert re.match(said["thousands"], "Rp 45.000", re.I) and not re.match(said["thousands"], "45000", re.I)
    diags = Diagnostics()
    Validator("p.md", diags).record(parse("title: x\nprice: Rp 45.000\n", 1), SCHEMAS["product"])
    found = next(d for d in diags.errors if d.field == "price")
    lang = config["locale"] if config.get("locale") in ("id", "en") else "id"
    assert said["rupiah"].replace("{text}", "Rp 45.000") == found.message(lang)
    assert said["hint"].replace("{text}", "Rp 45.000").replace("{digits}", "45000") == found.hint(lang)


def test_local_editor_uses_decap_server_without_editorial_workflow(tmp_path):
    output = built(tmp_path, site(tmp_path), editor="http://127.0.0.1:8081")
    config = yaml.safe_load((output / "admin" / "config.yml").read_text())
    assert config["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1", "branch": "main"}
    assert "publish_mode" not in config, "decap-server would save to branches"
    page = (output / "admin" / "index.html").read_text()
    assert "connect-src 'self' blob: http://127.0.0.1:8081;" in page


def test_admin_serves_vendored_decap_and_no_page_loads_a_third_party_script(tmp_path):
    output = built(tmp_path, site(tmp_path, cms=ENABLED))
    admin = (output / "admin" / "index.html").read_text()
    sources = re.findall(r'<script src="([^"]+)"', admin)
    assert sources == ["decap/decap-cms.js", "showcase-cms.js"]
    for source in sources:
        assert (output / "admin" / source).is_file()
    assert (output / "admin" / "decap" / "decap-cms.js").read_bytes() == (cms.VENDOR / "decap-cms.js").read_bytes()
    for page in output.rglob("*.html"):
        assert not re.search(r"<script[^>]+src=\"(https?:)?//", page.read_text()), page


def test_vendored_decap_matches_its_recorded_hashes():
    sums = dict(reversed(line.split("  ", 1)) for line in (cms.VENDOR / "SHA256SUMS").read_text().splitlines())
    files = {p.name for p in cms.VENDOR.iterdir()} - {"SHA256SUMS"}
    assert set(sums) == files and "decap-cms.js" in files
    for name, digest in sums.items():
        assert hashlib.sha256((cms.VENDOR / name).read_bytes()).hexdigest() == digest, name
    notice = (cms.VENDOR / "NOTICE.txt").read_text()
    assert f"decap-cms@{cms.DECAP_VERSION} (integrity {cms.DECAP_INTEGRITY})" in notice


def test_only_admin_gets_the_editors_policy_in_meta_and_headers(tmp_path):
    output = built(tmp_path, site(tmp_path, cms=ENABLED))
    admin_meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"',
                           (output / "admin" / "index.html").read_text()).group(1)
    assert "'unsafe-eval'" in admin_meta and "style-src 'self' 'unsafe-inline'" in admin_meta
    rules = dict(re.findall(r"^(/\S*)\n((?:  .+\n?)+)", (output / "_headers").read_text(), re.M))
    assert rules["/admin/*"].count("Content-Security-Policy:") == 1
    assert admin_meta + security.FRAMING in rules["/admin/*"]
    for path, headers in rules.items():
        if path != "/admin/*":
            assert "unsafe-eval" not in headers, path
            assert f"Content-Security-Policy: {security.CSP_HEADER}\n" in headers + "\n", path
    for page in output.rglob("*.html"):
        if "admin" not in page.parts:
            assert "unsafe-eval" not in page.read_text(), page


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
