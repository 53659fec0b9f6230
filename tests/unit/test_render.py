"""Templates: a site overrides any of them; a template mistake names the template line and page."""
from __future__ import annotations

from pathlib import Path

import pytest

from showcase.errors import BuildFailed
from showcase.pipeline import Options, build

SITES = Path(__file__).resolve().parent.parent / "sites"
MINIMAL = SITES / "minimal" / "content"
FULL = SITES / "full" / "content"


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
    errors = [d for d in failed.value.diagnostics.errors if d.code.startswith("TPL_RENDER")]
    # the same line failing on both product pages is one problem, named once with the other count
    assert len(errors) == 1 and errors[0].code == "TPL_RENDER_MANY"
    error = errors[0]
    assert error.path.endswith("templates/product.html") and error.line == 3 and "harga" in error.message("en")
    assert error.message("en").split("while rendering ")[1].split(" ")[0] in (
        "produk/bandeng-presto/index.html", "en/products/bandeng-presto/index.html")
    assert error.message("en").endswith("other pages with the same failure: 1)")
    assert (tmp_path / "out" / "index.html").read_text() == "previous"


def test_a_template_line_that_fails_on_some_pages_only_names_each_failure(tmp_path):
    """Failures with other messages stay apart: a product without a price fails otherwise than
    one with a price (each named with its page)."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "product.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n<p>{{ product.title.nope if product.has_price else '
        'product.slug.nada }}</p>\n{% endblock %}\n')
    with pytest.raises(BuildFailed) as failed:
        build(Options(content=FULL, output=tmp_path / "out", templates=templates, cache=None))
    errors = [d for d in failed.value.diagnostics.errors if d.code.startswith("TPL_RENDER")]
    details = sorted("nope" if "nope" in d.message("en") else "nada" for d in errors)
    assert details == ["nada", "nope"], [d.message("en") for d in errors]
    assert all(d.code == "TPL_RENDER_MANY" and d.line == 3 for d in errors)


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
