"""`showcase new`: the file it writes builds, names existing references only, never overwrites,
explains every field of the schema, asks in a terminal for what is missing, refuses a wrong value
against its option before writing anything, and speaks the editor's language."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from showcase import scaffold
from showcase.cli import main
from showcase.fieldref import DESCRIPTIONS
from showcase.pipeline import Options, analyse, build
from showcase.schema import SCHEMAS

MINIMAL = Path(__file__).resolve().parent.parent / "sites" / "minimal" / "content"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINIMAL, tmp_path / "content")
    return tmp_path / "content"


def new(*args: str) -> int:
    return main(["new", *args])


def test_new_product_from_options_builds_into_a_page(content, tmp_path, capsys):
    assert new("product", "--title", "Abon Bandeng", "--maker", "mattiro-sompe",
               "--category", "olahan-hasil-laut", "--price", "45000", "--unit", "250 g") == 0
    path = content / "products" / "pangkep" / "abon-bandeng.md"
    assert "Dibuat: content/products/pangkep/abon-bandeng.md" in capsys.readouterr().out
    text = path.read_text()
    assert "title: Abon Bandeng\n" in text and "price: 45000\n" in text and "# price_max: 120000\n" in text
    build(Options(content=content, output=tmp_path / "output", cache=None))
    page = (tmp_path / "output" / "produk" / "abon-bandeng" / "index.html").read_text()
    assert "Abon Bandeng" in page and "45.000" in page


def test_every_kind_scaffolds_and_the_site_still_has_no_problem(content):
    assert new("region", "--name", "Kabupaten Soppeng", "--province", "Sulawesi Selatan") == 0
    assert new("maker", "--name", "Sutra Bola Ugi", "--region", "kabupaten-soppeng",
               "--whatsapp", "0812-1111-2222") == 0
    assert new("category", "--name", "Kain dan Sutra") == 0
    assert new("product", "--title", "Kopi: Robusta Soppeng", "--maker", "sutra-bola-ugi",
               "--category", "kain-dan-sutra", "--price", "45000") == 0  # no price: not in the catalogue feeds, a warning
    assert new("page", "--title", "Cara Memesan") == 0
    product = content / "products" / "kabupaten-soppeng" / "kopi-robusta-soppeng.md"
    assert 'title: "Kopi: Robusta Soppeng"' in product.read_text()
    diags = analyse(Options(content=content, cache=None)).diags
    assert [d.format("en") for d in diags.errors + diags.warnings] == []


def test_unknown_maker_is_refused_with_a_suggestion(content, capsys):
    assert new("product", "--title", "Abon", "--maker", "matiro-sompe", "--category", "olahan-hasil-laut") == 1
    assert 'kesalahan: UMKM "matiro-sompe" tidak ada; maksud Anda "mattiro-sompe"?' in capsys.readouterr().err
    assert new("product", "--title", "Abon", "--maker", "matiro-sompe", "--category", "olahan-hasil-laut",
               "--lang", "en") == 1
    assert 'error: unknown maker "matiro-sompe"; did you mean "mattiro-sompe"?' in capsys.readouterr().err
    assert not (content / "products" / "pangkep" / "abon.md").exists()


def test_an_existing_file_is_never_overwritten(content, capsys):
    args = ("page", "--title", "Cara Memesan")
    assert new(*args) == 0
    path = content / "pages" / "cara-memesan.md"
    path.write_text(path.read_text() + "Teks editor.\n")
    assert new(*args) == 1
    assert 'halaman "cara-memesan" sudah ada (content/pages/cara-memesan.md)' in capsys.readouterr().err
    assert path.read_text().endswith("Teks editor.\n")


def test_missing_required_value_without_a_terminal_is_a_usage_error(content, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert new("product", "--title", "Abon", "--lang", "en") == 2
    assert "missing --category, --maker" in capsys.readouterr().err


def test_a_terminal_is_asked_only_what_is_missing_until_it_is_valid(content, capsys):
    answers = iter(["matiro", "mattiro-sompe"])
    asked: list[str] = []

    def read(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    code = scaffold.main(["product", "--title", "Abon Ikan", "--category", "olahan-hasil-laut"], read=read)
    assert code == 0
    assert len(asked) == 2 and all("[maker]" in p for p in asked)
    assert "maker: mattiro-sompe" in (content / "products" / "pangkep" / "abon-ikan.md").read_text()
    assert 'UMKM "matiro" tidak ada; maksud Anda "mattiro-sompe"?' in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["product", "maker", "region", "category", "page"])
def test_the_file_explains_every_field_of_the_schema(kind):
    text = scaffold.render_text(kind, {})
    for spec in SCHEMAS[kind]:
        assert f"# {spec.name}:" in text, spec.name
        assert spec.name in DESCRIPTIONS or f"{kind}.{spec.name}" in DESCRIPTIONS, \
            f"no Indonesian description for {kind}.{spec.name}: add it to showcase/fieldref.py"


@pytest.mark.parametrize("lang,expected", [
    ("id", 'kesalahan: --price: "Rp 45.000" bukan angka rupiah yang utuh\n  saran: tulis 45000 (tanpa titik, tanpa "Rp")\n'),
    ("en", 'error: --price: "Rp 45.000" is not a whole number of rupiah\n  hint: write 45000 (no dots, no "Rp")\n'),
])
def test_a_wrong_value_is_one_error_against_its_option_and_nothing_is_written(content, capsys, lang, expected):
    before = sorted(p.as_posix() for p in content.rglob("*"))
    assert new("product", "--title", "Abon Bandeng", "--maker", "mattiro-sompe", "--category", "olahan-hasil-laut",
               "--price", "Rp 45.000", "--lang", lang) == 2
    assert capsys.readouterr().err == expected
    assert sorted(p.as_posix() for p in content.rglob("*")) == before


def test_every_wrong_value_is_reported_at_once(content, capsys):
    assert new("product", "--title", "Abon Bandeng", "--maker", "mattiro-sompe", "--category", "olahan-hasil-laut",
               "--price", "45.000", "--date", "24/09/2026", "--lang", "en") == 2
    err = capsys.readouterr().err
    assert err.count("error: ") == 2 and "error: --date: " in err and "error: --price: " in err
    assert "write `date: 2026-09-24` (year-month-day)" in err


def test_a_name_that_gives_no_url_needs_a_slug(content, capsys):
    assert new("category", "--name", "咖啡") == 2
    assert "--slug" in capsys.readouterr().err
    assert new("category", "--name", "咖啡", "--slug", "kopi") == 0
    assert (content / "categories" / "kopi.md").exists()
