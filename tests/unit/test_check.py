"""`showcase check`: every problem in text, GitHub annotations or JSON; completeness; exit codes.

Reuses the fixture sites: the minimal site passes, each invalid case fails with the same text the
build prints, and nothing is ever written.
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
    shutil.copytree(SITES / "minimal" / "content", content)
    if case:
        shutil.copytree(SITES / "invalid" / case / "content", content, dirs_exist_ok=True)
    return content


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_minimal_site_passes_and_lists_missing_translation(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = site(tmp_path)
    code, out = run(capsys, "--content", str(content))
    assert code == 0
    assert "Check passed: 0 error(s), 0 warning(s)" in out
    assert "without English translation: 1\n    content/products/bandeng-presto.md  (Bandeng Presto)" in out
    assert "without photos: 0" in out
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["content"], "check writes no output"


@pytest.mark.parametrize("case", CASES)
def test_invalid_site_text_matches_the_build_message(tmp_path, capsys, monkeypatch, case):
    monkeypatch.chdir(tmp_path)
    code, out = run(capsys, "--content", str(site(tmp_path, case)))
    assert code == 1
    assert (SITES / "invalid" / case / "expected.txt").read_text() in out
    assert "Check failed" in out


def test_github_format_annotates_the_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code, out = run(capsys, "--content", str(site(tmp_path, "price-with-dots")), "--format", "github")
    assert code == 1
    assert out.splitlines()[0] == (
        '::error file=content/products/abon.md,line=5,col=8,title=FM_NOT_INTEGER::'
        'price: "25.000" is not a whole number of rupiah (write 25000 (no dots, no "Rp"))')


def test_github_format_writes_the_job_summary(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, _ = run(capsys, "--content", str(site(tmp_path)), "--format", "github")
    assert code == 0
    assert "| tanpa terjemahan Inggris / without English translation | 1 |" in summary.read_text()


def test_annotation_escapes_commas_colons_and_newlines():
    d = Diagnostic("content/a,b:c.md", None, None, "X_Y", "50% off\nnext", "", "", Severity.WARNING)
    assert check.annotation(d) == "::warning file=content/a%2Cb%3Ac.md,title=X_Y::50%25 off%0Anext"
    assert check.annotation(d, strict=True).startswith("::error ")


def test_json_format_lists_errors_with_locations(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out = run(capsys, "--content", str(site(tmp_path, "unknown-region")), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    assert [(e["path"], e["line"], e["code"]) for e in report["errors"]] == [
        ("content/products/abon.md", 5, "REF_UNKNOWN")]
    assert report["completeness"]["products"] >= 1


def test_strict_makes_warnings_fatal(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = site(tmp_path)
    product = content / "products" / "bandeng-presto.md"
    product.write_text(product.read_text().replace("unit: 500 g", "unit:"))
    code, out = run(capsys, "--content", str(content))
    assert code == 0 and "[FM_EMPTY_FIELD]" in out
    code, out = run(capsys, "--content", str(content), "--strict")
    assert code == 1 and "--strict: warnings count as errors" in out


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
    assert "tanpa foto / without photos: 14" in out and "… 4 more (--format json lists them all)" in out
    code, out = run(capsys, "--content", str(content), "--format", "json")
    assert len(json.loads(out)["completeness"]["no_photo"]) == 14
