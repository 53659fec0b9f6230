"""Reading one content file: encodings, line endings, front-matter blocks (bad-inputs A, B)."""
from pathlib import Path

import pytest

from showcase.errors import Diagnostics, Severity
from showcase.source import read_source


def read(tmp_path: Path, data: bytes):
    path = tmp_path / "produk.md"
    path.write_bytes(data)
    diags = Diagnostics()
    return read_source(path, "content/products/produk.md", diags), diags


def codes(diags: Diagnostics, severity: Severity | None = None) -> list[str]:
    return [d.code for d in diags.items if severity is None or d.severity is severity]


def test_plain_file_splits_with_true_line_numbers(tmp_path):
    source, diags = read(tmp_path, b"---\ntitle: Abon\nprice: 1\n---\nIsi pertama.\n")
    assert source.front_matter == "title: Abon\nprice: 1\n"
    assert source.front_matter_line == 2
    assert source.body == "Isi pertama.\n"
    assert source.body_line == 5
    assert not diags.items


def test_empty_file_fails(tmp_path):
    source, diags = read(tmp_path, b"")
    assert source is None
    assert codes(diags) == ["SRC_EMPTY"]
    assert "kosong" in diags.errors[0].message("id") and "empty" in diags.errors[0].message("en")


def test_bom_is_stripped_and_noted(tmp_path):
    source, diags = read(tmp_path, b"\xef\xbb\xbf---\ntitle: Abon\n---\n")
    assert source is not None and source.front_matter == "title: Abon\n"
    assert codes(diags, Severity.FIXED) == ["SRC_BOM"]


def test_crlf_is_normalised(tmp_path):
    source, diags = read(tmp_path, b"---\r\ntitle: Abon\r\n---\r\nBaris satu\r\nBaris dua\r\n")
    assert "\r" not in source.body and source.body == "Baris satu\nBaris dua\n"
    assert codes(diags, Severity.FIXED) == ["SRC_CRLF"]


def test_latin1_byte_names_line_column_and_byte(tmp_path):
    source, diags = read(tmp_path, "---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    assert source is None
    error = diags.errors[0]
    assert (error.code, error.line, error.col) == ("SRC_ENCODING", 2, 11)
    assert "0xE9" in error.message("id") and "UTF-8" in error.hint("id")


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_utf16_is_recognised(tmp_path, bom):
    source, diags = read(tmp_path, bom + "---\ntitle: x\n---\n".encode("utf-16-le"))
    assert source is None and codes(diags) == ["SRC_UTF16"]


def test_nul_character_fails_with_position(tmp_path):
    source, diags = read(tmp_path, b"---\ntitle: Ab\x00on\n---\n")
    assert source is None
    assert (diags.errors[0].code, diags.errors[0].line, diags.errors[0].col) == ("SRC_CONTROL_CHAR", 2, 10)


def test_no_front_matter(tmp_path):
    source, diags = read(tmp_path, b"Hanya teks tanpa data.\n")
    assert source is None and codes(diags) == ["FM_MISSING"]
    assert "---" in diags.errors[0].hint("id")


def test_unclosed_front_matter_names_line_one_and_end(tmp_path):
    source, diags = read(tmp_path, b"---\ntitle: Abon\nprice: 1\nIsi\n")
    assert source is None
    error = diags.errors[0]
    assert error.code == "FM_UNCLOSED" and error.line == 1 and "line 5" in error.message("en") and "baris 5" in error.message("id")


def test_toml_front_matter_is_refused(tmp_path):
    source, diags = read(tmp_path, b'+++\ntitle = "Abon"\n+++\n')
    assert source is None and codes(diags) == ["FM_TOML"]


def test_nbsp_is_replaced_with_warning_at_its_position(tmp_path):
    source, diags = read(tmp_path, "---\ntitle:\u00a0Abon\n---\n".encode())
    assert source.front_matter == "title: Abon\n"
    warning = diags.warnings[0]
    assert (warning.code, warning.line, warning.col) == ("FM_NBSP", 2, 7)


def test_full_width_colon_fails_with_position(tmp_path):
    source, diags = read(tmp_path, "---\ntitle\uff1a Abon\n---\n".encode())
    assert source is None
    error = diags.errors[0]
    assert (error.code, error.line, error.col) == ("FM_INVISIBLE_CHAR", 2, 6)
    assert "full-width colon" in error.message("en") and "titik dua lebar penuh" in error.message("id")


def test_zero_width_space_fails(tmp_path):
    source, diags = read(tmp_path, "---\nti\u200btle: Abon\n---\n".encode())
    assert source is None and diags.errors[0].code == "FM_INVISIBLE_CHAR"


def test_file_over_size_cap_fails(tmp_path):
    source, diags = read(tmp_path, b"---\ntitle: x\n---\n" + b"a" * 300_000)
    assert source is None and codes(diags) == ["SRC_TOO_LARGE"]
