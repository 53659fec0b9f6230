"""Markdown bodies: the allow-list sanitiser, its warnings, photos and site links, written in Markdown
or as raw HTML (bad-inputs F; showcase/markup.py and showcase/bodies.py)."""
from __future__ import annotations

import re

import pytest

from showcase import markup
from showcase.errors import BuildFailed, Diagnostics
from showcase.pipeline import Options, analyse, build
from tests.unit.test_bad_inputs import PRODUCT, product, site


def finish(text: str, first_line: int = 10) -> tuple[str, Diagnostics]:
    diags = Diagnostics()
    job = markup.BodyJob("content/products/abon.md", first_line, text)
    html = markup.finish(markup.render_markdown(text), job, diags, lambda *a: None, lambda *a: None)
    return html, diags


@pytest.mark.parametrize("text,removed", [
    ("<script>alert(1)</script>\n", "<script"),
    ('<img src="x.jpg" onerror="alert(1)">\n', "onerror"),
    ("[klik](javascript:alert(1))\n", "javascript:"),
    ("[klik](JaVaScRiPt:alert(1))\n", "javascript:"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>\n', "data:"),
    ('<iframe src="https://evil.example"></iframe>\n', "<iframe"),
    ('<form action="https://evil.example"><input name=x></form>\n', "<form"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">\n', "<meta"),
    ('<div style="position:fixed;inset:0">x</div>\n', "style="),
])
def test_unsafe_html_is_removed_and_reported_with_its_line(text, removed):
    html, diags = finish("Paragraf pertama.\n\n" + text)
    assert removed not in html.lower()
    warning = diags.warnings[0]
    assert warning.line == 12 and warning.code.startswith("MD_UNSAFE") and warning.hint("id")


def test_comments_are_stripped_with_a_privacy_warning():
    html, diags = finish("Teks\n\n<!-- nomor HP pribadi ibu: 0812 -->\n")
    assert "0812" not in html and "<!--" not in html
    assert diags.warnings[0].code == "MD_COMMENT" and "pribadi" in diags.warnings[0].hint("id")


def test_ordinary_markdown_survives():
    html, diags = finish("## Cara simpan\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- satu\n- dua\n\n"
                         "[Tokopedia](https://tokopedia.com/x)\n")
    assert "<h2>Cara simpan</h2>" in html and "<table>" in html and "<li>satu</li>" in html
    assert 'href="https://tokopedia.com/x"' in html and 'rel="noopener noreferrer"' in html
    assert not diags.items


def test_template_syntax_in_a_body_is_text(tmp_path):
    content = site(tmp_path, {PRODUCT: product(body="Harga {{ 7 * 7 }} dan {% if x %}y{% endif %}\n")})
    analysis = analyse(Options(content=content, cache=None))
    html = analysis.body("product", "abon", "id")
    assert "{{ 7 * 7 }}" in html and "49" not in html and "{% if x %}" in html


def test_site_links_get_the_sub_path_and_broken_ones_fail(tmp_path):
    content = site(tmp_path, {PRODUCT: product(body="Lihat [presto](/produk/bandeng-presto/) dan "
                                                    "[ini](/produk/bandeng-prest/).\n")})
    analysis = analyse(Options(content=content, cache=None, base_url="https://example.org/galeri/"))
    html = analysis.body("product", "abon", "id")
    assert 'href="/galeri/produk/bandeng-presto/"' in html
    error = next(d for d in analysis.diags.errors if d.code == "MD_BROKEN_LINK")
    assert error.line == 6 and 'did you mean "/produk/bandeng-presto/"' in error.message("en")


def test_photo_in_a_body_becomes_a_responsive_picture(tmp_path):
    content = site(tmp_path, {PRODUCT: product(body="Foto:\n\n![Abon di toples](../products/bandeng-presto.jpg)\n")})
    analysis = analyse(Options(content=content, cache=None))
    html = analysis.body("product", "abon", "id")
    assert "<picture>" in html and 'type="image/webp"' in html and 'alt="Abon di toples"' in html
    assert re.search(r'srcset="/media/bandeng-presto-[0-9a-f]+-360\.jpg 360w', html)


def test_missing_photo_in_a_body_is_an_error_with_its_line(tmp_path):
    content = site(tmp_path, {PRODUCT: product(body="Teks.\n\n![x](tidak-ada.jpg)\n")})
    analysis = analyse(Options(content=content, cache=None))
    error = next(d for d in analysis.diags.errors if d.code == "IMG_MISSING")
    assert error.path == "content/products/abon.md" and error.line == 8


def test_reused_converter_carries_nothing_from_one_body_to_the_next():
    """The converter is reset between bodies: a link definition, a photo or a site link of one
    body never shows up in the next, which renders exactly as it does alone."""
    from showcase import markup

    first = "[toko]: https://example.org/toko\n\n![Foto](a.jpg) [lihat](/produk/a/) [toko]"
    second = "Kunjungi [toko] dan [lain](/produk/b/)."
    markup._CONVERTER.clear()
    alone = markup.render_markdown(second)
    markup.render_markdown(first)
    after = markup.render_markdown(second)
    assert after == alone
    assert "example.org/toko" not in after.html and after.images == () and after.links == ("/produk/b/",)


# -- raw HTML in a body counts like Markdown (showcase/bodies.py) -------------------------------------
@pytest.mark.parametrize("link", ['<a href="/produk/bandeng-prest/">ini</a>', "<a href='/produk/bandeng-prest/'>ini</a>",
                                  '<A class="x" HREF=/produk/bandeng-prest/>ini</A>'])
def test_raw_html_link_inside_the_site_is_checked_like_a_markdown_link(tmp_path, link):
    content = site(tmp_path, {PRODUCT: product(body="Teks pertama.\n\nLihat juga " + link + ".\n")})
    analysis = analyse(Options(content=content, cache=None))
    error = next(d for d in analysis.diags.errors if d.code == "MD_BROKEN_LINK")
    assert (error.path, error.line) == ("content/products/abon.md", 8)
    assert 'did you mean "/produk/bandeng-presto/"' in error.message("en") and error.hint("id") and error.hint("en")


def test_raw_html_link_to_a_page_of_the_site_gets_the_sub_path(tmp_path):
    content = site(tmp_path, {PRODUCT: product(body='Lihat <a href="/produk/bandeng-presto/#harga">presto</a>.\n')})
    analysis = analyse(Options(content=content, cache=None, base_url="https://example.org/galeri/"))
    assert not [d for d in analysis.diags.errors if d.code == "MD_BROKEN_LINK"]
    assert 'href="/galeri/produk/bandeng-presto/#harga"' in analysis.body("product", "abon", "id")


def test_raw_html_photo_inside_the_site_becomes_a_responsive_picture(tmp_path):
    content = site(tmp_path, {PRODUCT: product(body='Foto:\n\n<img src="../products/bandeng-presto.jpg" alt="Abon">\n')})
    analysis = analyse(Options(content=content, cache=None))
    html = analysis.body("product", "abon", "id")
    assert "<picture>" in html and 'alt="Abon"' in html
    assert re.search(r'srcset="/media/bandeng-presto-[0-9a-f]+-360\.jpg 360w', html)
    assert "../products" not in html


def test_raw_html_photo_that_is_missing_is_an_error_with_its_line(tmp_path):
    content = site(tmp_path, {PRODUCT: product(body='Teks.\n\nIni <img src="tidak-ada.jpg" alt="x"> fotonya.\n')})
    analysis = analyse(Options(content=content, cache=None))
    error = next(d for d in analysis.diags.errors if d.code == "IMG_MISSING")
    assert (error.path, error.line) == ("content/products/abon.md", 8) and error.hint("id")


def test_raw_img_with_an_event_handler_is_reported_never_published_silently(tmp_path):
    """`<img src=x onerror=...>`: the handler is reported (and removed), and the photo it names,
    which does not exist, fails the build with its line instead of publishing a broken image."""
    content = site(tmp_path, {PRODUCT: product(body="Teks.\n\n<img src=x onerror=alert(1)>\n")})
    analysis = analyse(Options(content=content, cache=None))
    warning = next(d for d in analysis.diags.warnings if d.code.startswith("MD_UNSAFE_HTML"))
    assert (warning.path, warning.line) == ("content/products/abon.md", 8) and "onerror" in warning.message("en")
    error = next(d for d in analysis.diags.errors if d.code == "IMG_MISSING")
    assert (error.path, error.line) == ("content/products/abon.md", 8)
    with pytest.raises(BuildFailed):
        build(Options(content=content, output=tmp_path / "output", cache=None))
    assert not (tmp_path / "output").exists()
