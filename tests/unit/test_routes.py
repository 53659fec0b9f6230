"""URLs of the content model, under a sub-path, and one file per page."""
from showcase.errors import Diagnostics
from showcase.routes import OutputPaths, Routes


def test_indonesian_at_root_english_under_en():
    r = Routes("/", "https://example.org", ("id", "en"))
    assert r.href("product", "abon", "id") == "/produk/abon/"
    assert r.href("product", "abon", "en") == "/en/products/abon/"
    assert r.href("region", "pangkep", "id") == "/wilayah/pangkep/"
    assert r.href("maker", "mattiro", "en") == "/en/makers/mattiro/"
    assert r.href("category", "batik", "id") == "/kategori/batik/"
    assert r.href("page", "tentang", "en") == "/en/tentang/"
    assert r.href("home", None, "en") == "/en/"
    assert r.href("search", None, "id") == "/cari/"


def test_sub_path_and_absolute_urls():
    r = Routes("/galeri/", "https://example.org", ("id", "en"))
    assert r.href("product", "abon") == "/galeri/produk/abon/"
    assert r.absolute("product", "abon", "en") == "https://example.org/galeri/en/products/abon/"
    assert r.asset("media/x-360.webp") == "/galeri/media/x-360.webp"
    assert Routes.output_file(r.path("product", "abon")) == "produk/abon/index.html"


def test_two_pages_on_one_file_is_an_error_naming_both():
    diags = Diagnostics()
    paths = OutputPaths(diags)
    assert paths.claim("tentang/index.html", "content/pages/tentang.md")
    assert not paths.claim("tentang/index.html", "content/pages/Tentang.md")
    assert "content/pages/tentang.md" in diags.errors[0].message("id")
