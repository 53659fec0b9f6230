"""Every case of the bad-input catalogue (sections A-E), through the real loader and pipeline.

Each case writes the editor's mistake into a copy of the minimal fixture site and asserts the
level (error, warning, fixed), the code, the file and the line, and that a hint is given.
"""
from __future__ import annotations

import io
import os
import random
import shutil
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from showcase.errors import Diagnostic, Severity
from showcase.pipeline import Options, analyse

def jpeg_bytes(size: tuple[int, int] = (640, 480)) -> bytes:
    """A real photo-like JPEG (noise compresses badly, so cutting it really truncates image data)."""
    image = Image.frombytes("RGB", size, random.Random(7).randbytes(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


MINIMAL = Path(__file__).resolve().parent.parent / "sites" / "minimal" / "content"
E, W, F = Severity.ERROR, Severity.WARNING, Severity.FIXED
PRODUCT = "products/abon.md"


def product(*lines: str, body: str = "Abon bandeng gurih.\n", base: bool = True) -> bytes:
    head = ["title: Abon Bandeng", "category: olahan-hasil-laut", "maker: mattiro-sompe"] if base else []
    return ("---\n" + "\n".join([*head, *lines]) + "\n---\n" + body).encode()


def site(tmp_path: Path, files: dict[str, bytes | None]) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    for name, data in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            path.unlink()
        else:
            path.write_bytes(data)
    return content


def problems(tmp_path: Path, files: dict[str, bytes | None], **options) -> list[Diagnostic]:
    content = site(tmp_path, files)
    analysis = analyse(Options(content=content, cache=tmp_path / "cache", workers=2, **options))
    return analysis.diags.items


def find(found: list[Diagnostic], severity: Severity, code: str, path: str, line: int | None) -> Diagnostic:
    for d in found:
        if d.severity is severity and d.code == code and d.path == f"content/{path}" and \
                (line is None or d.line == line):
            return d
    pytest.fail(f"no {severity.value} {code} at content/{path}:{line}; got:\n"
                + "\n".join(d.format("en") for d in found))


CASES = [
    # A. File and encoding
    ("A1 empty file", {PRODUCT: b""}, E, "SRC_EMPTY", PRODUCT, None),
    ("A2 BOM", {PRODUCT: b"\xef\xbb\xbf" + product()}, F, "SRC_BOM", PRODUCT, 1),
    ("A3 CRLF", {PRODUCT: product().replace(b"\n", b"\r\n")}, F, "SRC_CRLF", PRODUCT, None),
    ("A4 Latin-1", {PRODUCT: product("unit: Caf\xe9".encode("latin-1").decode("latin-1")).decode()
                    .encode("latin-1")}, E, "SRC_ENCODING", PRODUCT, 5),
    ("A5 UTF-16", {PRODUCT: b"\xff\xfe" + product().decode().encode("utf-16-le")}, E, "SRC_UTF16", PRODUCT, 1),
    ("A6 NUL", {PRODUCT: product("unit: 500\x00g")}, E, "SRC_CONTROL_CHAR", PRODUCT, 5),
    ("A8 .md.txt", {"products/abon.md.txt": product()}, W, "CT_STRAY", "products/abon.md.txt", None),
    ("A8 .MD", {"products/ABON2.MD": product()}, W, "CT_STRAY", "products/ABON2.MD", None),
    ("A9 LFS pointer", {PRODUCT: product("images: [foto.jpg]"),
                        "products/foto.jpg": b"version https://git-lfs.github.com/spec/v1\noid sha256:"
                        + b"0" * 64 + b"\nsize 123456\n"}, E, "IMG_LFS_POINTER", "products/foto.jpg", None),
    # B. Front-matter structure
    ("B10 no front matter", {PRODUCT: b"Abon bandeng.\n"}, E, "FM_MISSING", PRODUCT, 1),
    ("B11 unclosed", {PRODUCT: b"---\ntitle: Abon\n\nIsi.\n"}, E, "FM_UNCLOSED", PRODUCT, 1),
    ("B12 unquoted colon", {PRODUCT: product("unit: Isi: 500 g")}, E, "FM_UNQUOTED_COLON", PRODUCT, 5),
    ("B13 tab", {PRODUCT: product("tags:\n\t- abon")}, E, "FM_TAB", PRODUCT, 6),
    ("B14 NBSP", {PRODUCT: product("unit:\u00a0500 g")}, W, "FM_NBSP", PRODUCT, 5),
    ("B14 full-width colon", {PRODUCT: product("unit\uff1a 500 g")}, E, "FM_INVISIBLE_CHAR", PRODUCT, 5),
    ("B15 smart quotes", {PRODUCT: product("unit: “500 g”")}, W, "FM_SMART_QUOTES", PRODUCT, 5),
    ("B16 list", {PRODUCT: b"---\n- a\n- b\n---\n"}, E, "FM_NOT_MAPPING", PRODUCT, 2),
    ("B17 duplicate key", {PRODUCT: product("title: Abon Lagi")}, E, "FM_DUPLICATE_KEY", PRODUCT, 5),
    ("B18 unknown key", {PRODUCT: product("harga: 35000")}, E, "FM_UNKNOWN_FIELD", PRODUCT, 5),
    ("B19 TOML", {PRODUCT: b'+++\ntitle = "Abon"\n+++\n'}, E, "FM_TOML", PRODUCT, 1),
    ("B20 alias", {PRODUCT: product("unit: &u 500 g", "summary: *u")}, E, "FM_ALIAS", PRODUCT, 5),
    ("B21 python tag", {PRODUCT: product("unit: !!python/object/apply:os.system [ls]")},
     E, "FM_TAG", PRODUCT, 5),
    # C. Field values
    ("C22 missing title", {PRODUCT: product("category: olahan-hasil-laut", "maker: mattiro-sompe", base=False)},
     E, "FM_MISSING_FIELD", PRODUCT, 2),
    ("C23 tags as text", {PRODUCT: product("tags: kopi, aceh")}, E, "FM_TYPE", PRODUCT, 5),
    ("C24 NO as bool", {PRODUCT: product("featured: NO")}, E, "FM_NOT_BOOL", PRODUCT, 5),
    ("C25 25.000", {PRODUCT: product("price: 25.000")}, E, "FM_NOT_INTEGER", PRODUCT, 5),
    ("C26 Rp 25.000", {PRODUCT: product("price: Rp 25.000")}, E, "FM_NOT_INTEGER", PRODUCT, 5),
    ("C27 negative", {PRODUCT: product("price: -5")}, E, "FM_NOT_INTEGER", PRODUCT, 5),
    ("C27 zero", {PRODUCT: product("price: 0")}, E, "FM_RANGE", PRODUCT, 5),
    ("C27 absurd", {PRODUCT: product("price: 900000000000")}, W, "FM_PRICE_HIGH", PRODUCT, 5),
    ("C28 impossible date", {PRODUCT: product("date: 2024-02-30")}, E, "FM_DATE_INVALID", PRODUCT, 5),
    ("C29 date format", {PRODUCT: product("date: 30/01/2024")}, E, "FM_DATE_FORMAT", PRODUCT, 5),
    ("C30 unknown region", {PRODUCT: product("region: pangkp")}, E, "REF_UNKNOWN", PRODUCT, 5),
    ("C31 region case", {PRODUCT: product("region: Pangkep")}, W, "REF_NOT_CANONICAL", PRODUCT, 5),
    ("C32 javascript url", {PRODUCT: product("marketplaces:", "  - {name: Toko, url: 'javascript:alert(1)'}")},
     E, "FM_URL", PRODUCT, 6),
    ("C32 http marketplace url", {PRODUCT: product("marketplaces:", "  - {name: Toko, url: 'http://toko.example'}")},
     E, "FM_URL", PRODUCT, 6),
    ("C32 mailto marketplace url", {PRODUCT: product("marketplaces:", "  - {name: Toko, url: 'mailto:a@b.id'}")},
     E, "FM_URL", PRODUCT, 6),
    ("C32 http website", {"makers/mattiro-sompe.md": b"---\nname: Mattiro\nregion: pangkep\n"
                                                     b"website: http://toko.example\n---\n"},
     W, "FM_URL_HTTP", "makers/mattiro-sompe.md", 4),
    ("C34 HTML in title", {PRODUCT: product("summary: <b>Enak</b>")}, W, "FM_HTML_IN_TEXT", PRODUCT, 5),
    ("C35 long title", {PRODUCT: product("summary: " + "panjang " * 60)}, W, "FM_LONG_TEXT", PRODUCT, 5),
    ("C35 empty alt", {PRODUCT: product("images:", "  - {src: foto.jpg, alt: ''}"),
                       "products/foto.jpg": jpeg_bytes()}, W, "IMG_EMPTY_ALT", PRODUCT, 6),
    # D. Identity
    ("D36 duplicate slug", {"products/a/abon.md": product(), "products/b/abon.md": product()},
     E, "CT_DUPLICATE_SLUG", "products/b/abon.md", None),
    ("D37 NFC/NFD", {unicodedata.normalize("NFC", "products/kopí.md"): product(),
                     unicodedata.normalize("NFD", "products/x/kopí.md"): product()},
     E, "CT_DUPLICATE_SLUG", unicodedata.normalize("NFD", "products/x/kopí.md"), None),
    ("D37 case", {"products/Batik.md": product(), "products/x/batik.md": product()},
     E, "CT_DUPLICATE_SLUG", "products/x/batik.md", None),
    ("D38 CJK name", {"products/咖啡.md": product()}, E, "CT_BAD_SLUG", "products/咖啡.md", 1),
    ("D38 reserved", {"pages/con.md": b"---\ntitle: Con\n---\n"}, E, "CT_BAD_SLUG", "pages/con.md", 1),
    ("D39 case-only names", {"products/Foto.jpg": jpeg_bytes(), "products/foto.jpg": jpeg_bytes()},
     E, "CT_CASE_COLLISION", "products/Foto.jpg", None),
    # E. Images
    ("E40 missing photo", {PRODUCT: product("images: [bandeng-presto.jpeg]")}, E, "IMG_MISSING", PRODUCT, 5),
    ("E41 extension case", {PRODUCT: product("images: [foto.jpg]"), "products/foto.JPG": jpeg_bytes()},
     W, "IMG_CASE", PRODUCT, 5),
    ("E43 ../ escape", {PRODUCT: product("images: [../../../etc/passwd]")}, E, "IMG_PATH_ESCAPE", PRODUCT, 5),
    ("E43 absolute", {PRODUCT: product("images: [/etc/passwd]")}, E, "IMG_PATH_ESCAPE", PRODUCT, 5),
    ("E43 windows", {PRODUCT: product("images: ['C:\\foto.jpg']")}, E, "IMG_PATH_ESCAPE", PRODUCT, 5),
    ("E43 encoded", {PRODUCT: product("images: ['%2e%2e/%2e%2e/x.jpg']")}, E, "IMG_PATH_ESCAPE", PRODUCT, 5),
    ("E45 truncated", {PRODUCT: product("images: [foto.jpg]"), "products/foto.jpg": jpeg_bytes()[:-2000]},
     E, "IMG_TRUNCATED", "products/foto.jpg", None),
    ("E46 HTML as jpg", {PRODUCT: product("images: [foto.jpg]"), "products/foto.jpg": b"<html>x</html>"},
     E, "IMG_NOT_IMAGE", "products/foto.jpg", None),
    ("E57 SVG", {PRODUCT: product("images: [foto.svg]"),
                 "products/foto.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'},
     E, "IMG_SVG", "products/foto.svg", None),
]


@pytest.mark.parametrize("name,files,severity,code,path,line", CASES, ids=[c[0] for c in CASES])
def test_bad_input(tmp_path, name, files, severity, code, path, line):
    found = problems(tmp_path, files)
    diagnostic = find(found, severity, code, path, line)
    for lang in ("id", "en"):
        assert diagnostic.message(lang)
        if severity is not Severity.FIXED:
            assert diagnostic.hint(lang), diagnostic.format(lang)
    assert diagnostic.message("id") != diagnostic.message("en"), "each language has its own words"


def test_http_marketplace_error_names_the_field_and_says_https(tmp_path):
    found = problems(tmp_path, {PRODUCT: product("marketplaces:", "  - {name: Toko, url: 'http://toko.example'}")})
    diagnostic = find(found, E, "FM_URL", PRODUCT, 6)
    for lang in ("id", "en"):
        assert "http://toko.example" in diagnostic.message(lang) and "https://" in diagnostic.hint(lang)
    assert not [d for d in found if d.code == "FM_URL_HTTP"]


def test_all_problems_of_a_run_are_reported_together(tmp_path):
    found = problems(tmp_path, {
        "products/a.md": product("price: 25.000"),
        "products/b.md": product("region: pangkp"),
        "products/c.md": b"",
    })
    assert {d.code for d in found if d.severity is E} >= {"FM_NOT_INTEGER", "REF_UNKNOWN", "SRC_EMPTY"}


def test_unknown_region_suggests_the_closest(tmp_path):
    found = problems(tmp_path, {PRODUCT: product("region: pangkp")})
    diagnostic = find(found, E, "REF_UNKNOWN", PRODUCT, 5)
    assert 'did you mean "pangkep"' in diagnostic.message("en")
    assert 'maksud Anda "pangkep"' in diagnostic.message("id")


def test_phone_written_as_plus62_number_is_normalised(tmp_path):
    content = site(tmp_path, {"makers/mattiro-sompe.md": b"---\nname: Mattiro\nregion: pangkep\n"
                                                          b"whatsapp: +62 812-3456-7890\n---\n"})
    analysis = analyse(Options(content=content, cache=None))
    assert not analysis.diags.errors
    assert analysis.catalog.maker["mattiro-sompe"].whatsapp == "6281234567890"


def test_pathological_markdown_is_stopped_with_the_file_named(tmp_path):
    found = problems(tmp_path, {PRODUCT: product(body="[" * 40_000)}, render_timeout=2.0)
    assert find(found, E, "MD_TIMEOUT", PRODUCT, 6).hint("id")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this system")
def test_symlinked_content_is_refused(tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_bytes(product())
    content = site(tmp_path, {})
    (content / "products" / "link.md").symlink_to(outside)
    analysis = analyse(Options(content=content, cache=None))
    find(analysis.diags.items, E, "CT_SYMLINK", "products/link.md", None)


def test_every_tab_indented_line_is_reported_in_one_run(tmp_path):
    found = problems(tmp_path, {PRODUCT: product("tags:", "\t- abon", "\t- bandeng", "images:", "\t- foto.jpg",
                                                 "unit: 250 g\t(toples)")})
    tabs = [(d.line, d.col) for d in found if d.code == "FM_TAB"]
    assert sorted(tabs) == [(6, 1), (7, 1), (9, 1)], "every tab-indented line, and only those"
    assert all(d.severity is E for d in found if d.code == "FM_TAB")


def test_a_file_with_an_error_is_not_reported_again_by_what_refers_to_it(tmp_path):
    """One typo, one error: products of a broken maker are not "unknown maker", and a link to a
    product left out for its own error is not a broken link as well."""
    found = problems(tmp_path, {
        "makers/mattiro-sompe.md": b'---\nname: Mattiro\nregion: pangkep\nwhatsapp: "12"\n---\n',
        "pages/tentang.md": b"---\ntitle: Tentang\n---\nLihat [abon](/produk/abon/) dan [x](/produk/tidak-ada/).\n",
        PRODUCT: product("price: 25.000"),
    })
    errors = sorted((d.path, d.code) for d in found if d.severity is E)
    assert errors == [("content/makers/mattiro-sompe.md", "FM_PHONE"), ("content/pages/tentang.md", "MD_BROKEN_LINK"),
                      (f"content/{PRODUCT}", "FM_NOT_INTEGER")]
    broken = next(d for d in found if d.code == "MD_BROKEN_LINK")
    assert "/produk/tidak-ada/" in broken.message("en"), "a link to a page that does not exist is still an error"


@pytest.mark.parametrize("written", ['title: ""', "title: |", "title: >-", "title: '   '"])
def test_a_required_field_written_empty_is_an_error_at_its_line_not_a_crash(tmp_path, written):
    found = problems(tmp_path, {"pages/tentang.md": f"---\n{written}\n---\nIsi halaman.\n".encode()})
    find(found, Severity.ERROR, "FM_MISSING_FIELD", "pages/tentang.md", 2)
