"""site.yaml: every key optional, unknown keys are errors, values validated like content."""
from pathlib import Path

from showcase.config import load_config
from showcase.errors import Diagnostics


def load(tmp_path: Path, text: str):
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text(text)
    diags = Diagnostics()
    return load_config(content, diags), diags


def test_defaults_without_site_yaml(tmp_path):
    (tmp_path / "content").mkdir()
    config = load_config(tmp_path / "content", Diagnostics())
    assert config.languages == ("id", "en") and config.base_path == "/"
    assert config.images.formats == ("avif", "webp", "jpeg")


def test_unknown_key_suggests_the_right_one(tmp_path):
    _, diags = load(tmp_path, "title: Galeri\nbase_ulr: https://example.org/\n")
    error = diags.errors[0]
    assert (error.path, error.line, error.code) == ("content/site.yaml", 2, "FM_UNKNOWN_FIELD")
    assert "did you mean `base_url`" in error.message("en")


def test_sub_path_from_base_url_and_override(tmp_path):
    config, diags = load(tmp_path, "base_url: https://example.org/galeri\n")
    assert not diags.errors
    assert config.base_path == "/galeri/" and config.origin == "https://example.org"
    overridden = load_config(tmp_path / "content", Diagnostics(), base_url="http://127.0.0.1:8000/x/")
    assert overridden.base_path == "/x/"


def test_image_settings_and_contact(tmp_path):
    config, diags = load(tmp_path, 'images: {widths: [640, 320], formats: [webp]}\n'
                                   'contact: {whatsapp: "0812-0000-2409"}\ntheme_color: "#204060"\n')
    assert not diags.errors
    assert config.images.widths == (320, 640) and config.images.formats == ("webp", "jpeg")
    assert config.contact_whatsapp == "6281200002409" and config.theme_color == "#204060"


def test_unquoted_colour_is_a_yaml_comment_and_reported(tmp_path):
    _, diags = load(tmp_path, "theme_color: #204060\n")
    assert diags.warnings[0].field == "theme_color" and "quotes" in diags.warnings[0].hint("en")


def test_site_texts_are_one_string_or_one_per_language(tmp_path):
    config, diags = load(tmp_path, "title:\n  id: Galeri Produk\n  en: Products Gallery\n"
                                   "tagline: Hasil laut dan sutra\norganisation: {id: Dekranasda Soppeng}\n")
    assert not diags.items
    assert (config.title, config.text("title", "id"), config.text("title", "en")) == (
        "Galeri Produk", "Galeri Produk", "Products Gallery")
    assert config.text("tagline", "en") == "Hasil laut dan sutra", "one string serves every language"
    assert config.text("organisation", "en") == "Dekranasda Soppeng", "no English: the site's own text"
    assert config.text("description", "en") == ""


def test_a_site_text_without_its_indonesian_or_with_an_unknown_language_is_located(tmp_path):
    _, diags = load(tmp_path, "title:\n  en: Products Gallery\ndescription:\n  id: Katalog\n  eng: Catalogue\n"
                              "tagline: [a, b]\n")
    found = {(d.code, d.line, d.field) for d in diags.errors}
    assert ("FM_MISSING_FIELD", 2, "title.id") in found
    assert ("FM_UNKNOWN_FIELD", 5, "description.eng") in found
    assert ("FM_TYPE", 6, "tagline") in found
    unknown = next(d for d in diags.errors if d.code == "FM_UNKNOWN_FIELD")
    assert "did you mean `en`" in unknown.message("en")
    typed = next(d for d in diags.errors if d.code == "FM_TYPE")
    assert "{id: ..., en: ...}" in typed.hint("en")
