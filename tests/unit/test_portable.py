"""What Windows and macOS checkouts do to the repository, exercised on Linux with a real clone.

A clone with `core.autocrlf=true` (Git for Windows' default) has CRLF in every text file; the
files `.gitattributes` marks as binary (the golden output, the broken fixtures, vendored Decap and
fonts) stay byte for byte. From such a clone, the full fixture site with the clone's own
templates builds to exactly the committed golden output.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from showcase.pipeline import Options, build

from .test_golden import BASE_URL, TODAY, manifest

REPO = Path(__file__).resolve().parents[2]
EXACT = ("tests/golden", "tests/sites/invalid", "showcase/editor/decap", "showcase/fonts")


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=300).stdout


@pytest.fixture(scope="module")
def crlf_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs git and a git checkout")
    clone = tmp_path_factory.mktemp("windows") / "showcase"
    git("clone", "--quiet", "--no-checkout", str(REPO), str(clone), cwd=REPO)
    git("config", "core.autocrlf", "true", cwd=clone)
    git("checkout", "--quiet", git("rev-parse", "HEAD", cwd=REPO).strip(), cwd=clone)
    return clone


def test_text_files_are_checked_out_with_crlf(crlf_clone):
    for name in ("templates/base.html", "templates/static/site.css", "tests/sites/full/content/site.yaml"):
        data = (crlf_clone / name).read_bytes()
        assert b"\r\n" in data and data.count(b"\r\n") == data.count(b"\n"), name


def test_files_compared_byte_for_byte_stay_exact(crlf_clone):
    staged = {}
    for line in git("ls-files", "-s", "--", *EXACT, cwd=crlf_clone).splitlines():
        meta, path = line.split("\t", 1)
        staged[path] = meta.split()[1]
    assert len(staged) > 100 and any(p.endswith("MANIFEST.txt") for p in staged)
    paths = list(staged)
    result = subprocess.run(["git", "hash-object", "--no-filters", "--stdin-paths"], cwd=crlf_clone,
                            input="\n".join(paths) + "\n", capture_output=True, text=True, check=True, timeout=300)
    on_disk = dict(zip(paths, result.stdout.split()))
    changed = [p for p in paths if on_disk[p] != staged[p]]
    assert not changed, f"rewritten by the checkout: {changed[:10]}"


def test_the_crlf_clone_builds_the_golden_site(crlf_clone, tmp_path):
    output = tmp_path / "output"
    build(Options(content=crlf_clone / "tests" / "sites" / "full" / "content", output=output,
                  templates=crlf_clone / "templates", cache=tmp_path / "cache", base_url=BASE_URL, today=TODAY,
                  workers=2))
    assert manifest(output) == (crlf_clone / "tests" / "golden" / "full" / "MANIFEST.txt").read_text()
