"""Templates: a site overrides any of them; a template mistake names the template line and page."""
from __future__ import annotations

from pathlib import Path

import pytest

from showcase.errors import BuildFailed
from showcase.pipeline import Options, build

SITES = Path(__file__).resolve().parent.parent / "sites"
MINIMAL = SITES / "minimal" / "content"


def test_site_template_overrides_the_theme(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("unused")
    (templates / "product.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>KHUSUS {{ product.title }}</h1>{% endblock %}')
    build(Options(content=MINIMAL, output=tmp_path / "out", templates=templates, cache=None))
    html = (tmp_path / "out" / "produk" / "bandeng-presto" / "index.html").read_text()
    assert "<h1>KHUSUS Bandeng Presto</h1>" in html
    assert 'class="site-header"' in html, "templates not overridden come from the theme"


def test_undefined_variable_names_template_line_and_page(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "product.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n<p>{{ product.harga }}</p>\n{% endblock %}\n')
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("previous")
    with pytest.raises(BuildFailed) as failed:
        build(Options(content=MINIMAL, output=tmp_path / "out", templates=templates, cache=None))
    errors = [d for d in failed.value.diagnostics.errors if d.code == "TPL_RENDER"]
    assert {d.message("en").split("while rendering ")[1].split(" ")[0] for d in errors} == {
        "produk/bandeng-presto/index.html", "en/products/bandeng-presto/index.html"}
    assert all(d.path.endswith("templates/product.html") and d.line == 3 and "harga" in d.message("en") for d in errors)
    assert (tmp_path / "out" / "index.html").read_text() == "previous"


def test_template_syntax_error_is_located(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("{% extends 'base.html' %}\n{% block content %}\n{% if %}\n{% endblock %}\n")
    content = tmp_path / "content"
    import shutil
    shutil.copytree(MINIMAL, content)
    (content / "pages").mkdir()
    (content / "pages" / "tentang.md").write_text("---\ntitle: Tentang\n---\nIsi.\n")
    with pytest.raises(BuildFailed) as failed:
        build(Options(content=content, output=tmp_path / "out", templates=templates, cache=None))
    error = next(d for d in failed.value.diagnostics.errors if d.code == "TPL_SYNTAX")
    assert error.path.endswith("templates/page.html") and error.line == 3


def test_autoescape_applies_to_every_template_whatever_its_extension(tmp_path):
    from showcase.render import environment

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "feed.xml").write_text("<t>{{ x }}</t>")
    env = environment(templates)
    assert env.get_template("feed.xml").render(x="<script>") == "<t>&lt;script&gt;</t>"
