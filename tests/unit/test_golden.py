"""The full fixture site against its committed golden output, and determinism of the build.

Text files (HTML, CSS, JS) are compared whole, so a diff shows what changed; every file,
photos included, is listed in MANIFEST.txt with its size and SHA-256.
Run `python -m pytest tests/unit/test_golden.py --update-golden` after an intended change.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from showcase.parallel import START_METHOD_ENV
from showcase.pipeline import Options, build

TESTS = Path(__file__).resolve().parent.parent
FULL = TESTS / "sites" / "full" / "content"
GOLDEN = TESTS / "golden" / "full"
TEXT = {".html", ".css", ".js", ".xml", ".txt", ".json", ".webmanifest"}
BASE_URL = "https://example.org/galeri/"
TODAY = date(2026, 11, 1)


def manifest(root: Path) -> str:
    lines = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        lines.append(f"{path.relative_to(root).as_posix()} {len(data)} {hashlib.sha256(data).hexdigest()}")
    return "\n".join(lines) + "\n"


def build_full(output: Path, cache: Path | None) -> None:
    build(Options(content=FULL, output=output, cache=cache, base_url=BASE_URL, today=TODAY, workers=2))


@pytest.mark.parametrize("method", [None, "spawn"], ids=["default", "spawn"])
def test_full_site_matches_golden(tmp_path, request, monkeypatch, method):
    """Also with spawned workers and the portable output swap (SHOWCASE_START_METHOD=spawn)."""
    if method is not None:
        if request.config.getoption("--update-golden"):
            pytest.skip("the golden output is written by the default build")
        monkeypatch.setenv(START_METHOD_ENV, method)
    output = tmp_path / "output"
    build_full(output, tmp_path / "cache")
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path in output.rglob("*"):
            if path.is_file() and path.suffix in TEXT:
                target = GOLDEN / path.relative_to(output)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        (GOLDEN / "MANIFEST.txt").write_text(manifest(output))
        pytest.skip("golden output rewritten")
    expected_manifest = (GOLDEN / "MANIFEST.txt").read_text()
    for path in sorted(GOLDEN.rglob("*")):
        if path.is_file() and path.name != "MANIFEST.txt":
            relative = path.relative_to(GOLDEN)
            assert (output / relative).read_text() == path.read_text(), f"{relative} differs from golden"
    assert manifest(output) == expected_manifest


def test_cached_and_uncached_builds_are_byte_identical(tmp_path):
    build_full(tmp_path / "a", tmp_path / "cache")
    build_full(tmp_path / "b", tmp_path / "cache")
    build_full(tmp_path / "c", None)
    assert manifest(tmp_path / "a") == manifest(tmp_path / "b") == manifest(tmp_path / "c")


def test_build_is_identical_across_hash_seed_and_time_zone(tmp_path):
    script = ("import sys, datetime; from showcase.pipeline import Options, build; "
              "build(Options(content=__import__('pathlib').Path(sys.argv[1]), output=__import__('pathlib').Path(sys.argv[2]),"
              f" cache=None, base_url='{BASE_URL}', today=datetime.date(2026, 11, 1)))")
    outputs = []
    for seed, zone in (("1", "UTC"), ("4242", "Asia/Makassar")):
        target = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone, "LC_ALL": "C.UTF-8"}
        subprocess.run([sys.executable, "-c", script, str(FULL), str(target)], check=True, env=env,
                       cwd=TESTS.parent, timeout=300)
        outputs.append(manifest(target))
    assert outputs[0] == outputs[1]


def test_drafts_are_left_out_unless_asked(tmp_path):
    build_full(tmp_path / "out", None)
    assert not (tmp_path / "out" / "produk" / "draf").exists()
    build(Options(content=FULL, output=tmp_path / "drafts", cache=None, drafts=True, today=TODAY))
    assert (tmp_path / "drafts" / "produk" / "draf" / "index.html").exists()


def test_no_content_file_reaches_the_output(tmp_path):
    build_full(tmp_path / "out", None)
    names = [p.name for p in (tmp_path / "out").rglob("*") if p.is_file() and p.parent.name != "icons"]
    assert not [n for n in names if n.endswith((".md", ".yaml", ".png")) or n in ("depan.jpg", "sampul.jpg")]
