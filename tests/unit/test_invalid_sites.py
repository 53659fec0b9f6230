"""Each invalid fixture site prints exactly its message, exits 1 and leaves output/ untouched.

`tests/sites/invalid/<case>/content/` holds only the files that differ from the minimal site;
`expected.txt` holds the lines an editor must read in the site's first language (Indonesian),
`expected.en.txt` the same with `--lang en`.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SITES = Path(__file__).resolve().parent.parent / "sites"
REPO = SITES.parent.parent
CASES = sorted(p.name for p in (SITES / "invalid").iterdir() if p.is_dir())


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("case", CASES)
def test_invalid_site_prints_its_message_and_keeps_output(tmp_path, case, lang):
    content = tmp_path / "content"
    shutil.copytree(SITES / "minimal" / "content", content)
    shutil.copytree(SITES / "invalid" / case / "content", content, dirs_exist_ok=True)
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("previous site")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--content", str(content),
                             "--output", str(output), "--no-cache", "--quiet", *(["--lang", "en"] if lang == "en" else [])],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    expected = (SITES / "invalid" / case / ("expected.en.txt" if lang == "en" else "expected.txt")).read_text()
    assert expected in result.stderr
    errors = expected.count("\n  ")  # one hint line per error
    counts = (f"{errors} kesalahan, 0 peringatan" if lang == "id"
              else f"{errors} error{'s' if errors > 1 else ''}, 0 warnings")
    verdict = "Gagal membuat situs" if lang == "id" else "Build failed"
    assert f"{verdict}: {counts}. {output.as_posix()}/" in result.stderr
    assert (output / "index.html").read_text() == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"], "no staging left behind"


def test_usage_error_exits_2(tmp_path):
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--no-such-option"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "usage:" in result.stderr


def test_help_lists_every_option():
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for option in ("--content", "--output", "--templates", "--cache", "--base-url", "--drafts", "--strict"):
        assert option in result.stdout


def test_warnings_are_listed_and_strict_makes_them_fatal(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "minimal" / "content", content)
    page = content / "products" / "bandeng-presto.md"
    page.write_text(page.read_text().replace("district: Pangkajene", "district: pangkajene"))
    command = [sys.executable, str(REPO / "build.py"), "--content", str(content), "--no-cache"]
    relaxed = subprocess.run([*command, "--output", str(tmp_path / "a")], cwd=tmp_path, capture_output=True,
                             text=True, timeout=120)
    assert relaxed.returncode == 0
    assert 'peringatan: district: kecamatan "pangkajene" dibaca sebagai "Pangkajene" [REF_NOT_CANONICAL]' in relaxed.stderr
    assert "peringatan     1" in relaxed.stderr
    strict = subprocess.run([*command, "--output", str(tmp_path / "b"), "--strict", "--lang", "en"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert strict.returncode == 1
    assert 'warning: district: district "pangkajene" matched "Pangkajene" [REF_NOT_CANONICAL]' in strict.stderr
    assert ("Build failed: 0 errors, 1 warning (--strict: warnings count as errors). " + (tmp_path / "b").as_posix()
            + "/ was not changed.") in strict.stderr
    assert not (tmp_path / "b").exists()
