"""`showcase check`: every problem in text, GitHub annotations or JSON; completeness; exit codes.

Reuses the fixture sites: the minimal site passes, each invalid case fails with the same text the
build prints (in both languages), and nothing is written but the cache in the site folder.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from showcase import check
from showcase.cli import main
from showcase.errors import Diagnostic, Severity
from tests.photos import solid

SITES = Path(__file__).resolve().parent.parent / "sites"
CASES = sorted(p.name for p in (SITES / "invalid").iterdir() if p.is_dir())


def site(tmp_path: Path, case: str | None = None) -> Path:
    content = tmp_path / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(SITES / "minimal" / "content", content)
    if case:
        shutil.copytree(SITES / "invalid" / case / "content", content, dirs_exist_ok=True)
    return content


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_minimal_site_passes_and_lists_missing_translation(tmp_path, capsys, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    content = site(tmp_path)
    code, out = run(capsys, "--content", str(content), "--lang", "en")
    assert code == 0
    assert out.endswith("Check passed: 0 errors, 0 warnings\n")
    assert "without English translation: 1\n    content/products/bandeng-presto.md  (Bandeng Presto)" in out
    assert "without photos: 0" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "content", "elsewhere"], "check writes no output"
    assert (tmp_path / ".cache" / "showcase").is_dir(), "its cache is in the site folder"
    assert not list(elsewhere.iterdir()), "nothing in the folder it ran from"
    code, out = run(capsys, "--content", str(content))
    assert code == 0 and out.endswith("Pemeriksaan lolos: 0 kesalahan, 0 peringatan\n")
    assert "tanpa terjemahan Inggris: 1\n    content/products/bandeng-presto.md  (Bandeng Presto)" in out


def test_no_cache_keeps_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _ = run(capsys, "--content", str(site(tmp_path)), "--no-cache")
    assert code == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["content"]


@pytest.mark.parametrize("case", CASES)
def test_invalid_site_text_matches_the_build_message(tmp_path, capsys, monkeypatch, case):
    monkeypatch.chdir(tmp_path)
    code, out = run(capsys, "--content", str(site(tmp_path, case)))
    assert code == 1
    assert (SITES / "invalid" / case / "expected.txt").read_text() in out
    assert "Pemeriksaan gagal" in out
    code, out = run(capsys, "--content", str(site(tmp_path, case)), "--lang", "en")
    assert code == 1
    assert (SITES / "invalid" / case / "expected.en.txt").read_text() in out
    assert "Check failed" in out


def test_github_format_annotates_the_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code, out = run(capsys, "--content", str(site(tmp_path, "price-with-dots")), "--format", "github", "--lang", "en")
    assert code == 1
    assert out.splitlines()[0] == (
        '::error file=content/products/abon.md,line=5,col=8,title=FM_NOT_INTEGER::'
        'price: "25.000" is not a whole number of rupiah%0Ahint: write 25000 (no dots, no "Rp")')
    code, out = run(capsys, "--content", str(site(tmp_path, "price-with-dots")), "--format", "github")
    assert out.splitlines()[0] == (
        '::error file=content/products/abon.md,line=5,col=8,title=FM_NOT_INTEGER::'
        'price: "25.000" bukan angka rupiah yang utuh%0Asaran: tulis 25000 (tanpa titik, tanpa "Rp")')
    assert out.splitlines()[-1] == "Pemeriksaan gagal: 1 kesalahan, 0 peringatan"


def test_github_format_writes_the_job_summary(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, _ = run(capsys, "--content", str(site(tmp_path)), "--format", "github")
    assert code == 0
    assert "| tanpa terjemahan Inggris | 1 |" in summary.read_text()


def test_annotation_escapes_commas_colons_and_newlines():
    d = Diagnostic.of("content/a,b:c.md", None, "MD_EXTERNAL_IMAGE", Severity.WARNING, src="https://x.id/50%\nb")
    assert check.annotation(d, "en") == ("::warning file=content/a%2Cb%3Ac.md,title=MD_EXTERNAL_IMAGE::"
                                         "photo loaded from another site: https://x.id/50%25%0Ab%0Ahint: put the "
                                         "photo in content/ beside this file; external photos break offline")
    assert check.annotation(d, "en", fatal=True).startswith("::error ")


def test_json_format_lists_errors_with_locations(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out = run(capsys, "--content", str(site(tmp_path, "unknown-region")), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False and report["lang"] == "id"
    assert [(e["path"], e["line"], e["code"]) for e in report["errors"]] == [
        ("content/products/abon.md", 5, "REF_UNKNOWN")]
    assert report["errors"][0]["message"] == 'wilayah "pangkp" tidak ada; maksud Anda "pangkep"?'
    assert report["errors"][0]["hint"] == "pakai slug salah satu file di content/regions/ (nama file tanpa .md)"
    assert report["completeness"]["products"] >= 1
    code, out = run(capsys, "--content", str(site(tmp_path, "unknown-region")), "--format", "json", "--lang", "en")
    report = json.loads(out)
    assert report["lang"] == "en" and report["errors"][0]["message"] == 'unknown region "pangkp"; did you mean "pangkep"?'
    assert report["verdict"] == "Check failed: 1 error, 0 warnings"


def test_strict_makes_warnings_fatal(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = site(tmp_path)
    product = content / "products" / "bandeng-presto.md"
    product.write_text(product.read_text().replace("unit: 500 g", "unit:"))
    code, out = run(capsys, "--content", str(content), "--lang", "en")
    assert code == 0 and "[FM_EMPTY_FIELD]" in out and out.endswith("Check passed: 0 errors, 1 warning\n")
    code, out = run(capsys, "--content", str(content), "--strict", "--lang", "en")
    assert code == 1
    assert out.endswith("Check failed: 0 errors, 1 warning (--strict: warnings count as errors)\n")


def test_completeness_lists_products_without_price_photo_and_oversized_photos(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = site(tmp_path)
    solid(content / "products" / "bandeng-presto.jpg", size=(4800, 3200))
    (content / "products" / "kerupuk.md").write_text(
        "---\ntitle: Kerupuk Ikan\ncategory: olahan-hasil-laut\nmaker: mattiro-sompe\n---\nRenyah.\n")
    code, out = run(capsys, "--content", str(content), "--format", "json")
    done = json.loads(out)["completeness"]
    assert code == 0
    assert [i["path"] for i in done["no_price"]] == ["content/products/kerupuk.md"]
    assert [i["path"] for i in done["no_photo"]] == ["content/products/kerupuk.md"]
    assert done["large_photos"][0]["path"] == "content/products/bandeng-presto.jpg"
    assert done["large_photos"][0]["detail"].startswith("4800x3200 px")


def test_missing_content_directory_is_a_content_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out = run(capsys, "--content", str(tmp_path / "nope"))
    assert code == 1 and "[CT_NO_CONTENT]" in out


def test_long_completeness_lists_are_cut_in_text_but_whole_in_json(tmp_path, capsys):
    from bench.corpus import generate

    content = generate(tmp_path, products=14, photos=0, words=20)
    code, out = run(capsys, "--content", str(content))
    assert code == 0
    assert "tanpa foto: 14" in out and "… 4 lainnya (--format json mencantumkan semuanya)" in out
    code, out = run(capsys, "--content", str(content), "--format", "json")
    assert len(json.loads(out)["completeness"]["no_photo"]) == 14
