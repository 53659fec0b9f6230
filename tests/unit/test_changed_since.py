"""`showcase check --strict --changed-since REF` in a real git repository.

Warnings are fatal only in files changed since REF: the files of `git diff REF...HEAD` (since
the merge base, as a pull request shows them), plus uncommitted and untracked files; errors are
fatal anywhere. The scenario is the one a pull request meets: the site already carries an expired
licence in a file the pull request does not touch.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from showcase.cli import main

MINIMAL = Path(__file__).resolve().parent.parent / "sites" / "minimal" / "content"
PRODUCT = "content/products/bandeng-presto.md"
EXPIRED = "certifications:\n  - {type: pirt, number: \"2057310030311-25\", valid_until: 2025-06-30}\n"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True)
    return result.stdout


def write(repo: Path, name: str, text: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def product(title: str, extra: str = "", maker: str = "mattiro-sompe") -> str:
    return (f"---\ntitle: {title}\ncategory: olahan-hasil-laut\nmaker: {maker}\nprice: 30000\n"
            f"date: 2026-09-24\n{extra}---\nIsi.\n")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site on `main` whose existing product has an expired licence (a warning), and a branch."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for --changed-since")
    site = tmp_path / "site"
    shutil.copytree(MINIMAL, site / "content")
    write(site, "content/products/lama.md", product("Produk Lama", EXPIRED))
    write(site, "content/products/lain.md", product("Produk Lain", EXPIRED))
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "site")
    git(site, "switch", "-q", "-c", "produk-baru")
    monkeypatch.chdir(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-20: the licences have expired
    return site


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["check", "--format", "json", "--lang", "en", *args])
    return code, json.loads(capsys.readouterr().out)


def warnings(report: dict) -> dict[str, bool]:
    return {f"{w['path']}:{w['code']}": w["fatal"] for w in report["warnings"]}


def test_a_warning_in_a_file_the_branch_did_not_touch_does_not_fail(repo, capsys):
    write(repo, "content/products/baru.md", product("Produk Baru"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Produk: Produk Baru")
    code, report = check(capsys, "--strict")
    assert code == 1, "plain --strict fails on the old licence"
    code, report = check(capsys, "--strict", "--changed-since", "main")
    assert code == 0 and report["ok"] is True and report["changed_since"] == "main"
    assert warnings(report) == {"content/products/lain.md:CERT_EXPIRED": False,
                                "content/products/lama.md:CERT_EXPIRED": False}


def test_a_warning_in_a_committed_change_fails_and_only_that_one(repo, capsys):
    write(repo, "content/products/baru.md", product("Produk Baru", EXPIRED))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Produk: Produk Baru")
    code, report = check(capsys, "--strict", "--changed-since", "main")
    assert code == 1 and report["ok"] is False
    assert warnings(report) == {"content/products/baru.md:CERT_EXPIRED": True,
                                "content/products/lain.md:CERT_EXPIRED": False,
                                "content/products/lama.md:CERT_EXPIRED": False}
    assert report["verdict"] == ("Check failed: 0 errors, 3 warnings (--strict --changed-since main: warnings in "
                                 "files changed since main count as errors (1); warnings in other files do not fail)")


def test_uncommitted_and_untracked_files_count_as_changed(repo, capsys):
    old = repo / "content/products/lama.md"
    old.write_text(old.read_text().replace("Produk Lama", "Produk Lama Sekali"))  # edited, not committed
    write(repo, "content/products/baru.md", product("Produk Baru", EXPIRED))  # new, not added
    code, report = check(capsys, "--strict", "--changed-since", "main")
    assert code == 1
    assert warnings(report) == {"content/products/baru.md:CERT_EXPIRED": True,
                                "content/products/lain.md:CERT_EXPIRED": False,
                                "content/products/lama.md:CERT_EXPIRED": True}


def test_changes_that_reached_the_base_after_the_branch_left_it_do_not_count(repo, capsys):
    """Merge-base semantics: REF...HEAD, not REF..HEAD. main edits lain.md after the branch left it;
    the branch never touched it, so its old warning is still not the branch's problem."""
    git(repo, "switch", "-q", "main")
    other = repo / "content/products/lain.md"
    other.write_text(other.read_text().replace("Produk Lain", "Produk Lain Lagi"))
    git(repo, "commit", "-q", "-am", "main moves on")
    git(repo, "switch", "-q", "produk-baru")
    write(repo, "content/products/baru.md", product("Produk Baru"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Produk: Produk Baru")
    assert "content/products/lain.md" in git(repo, "diff", "--name-only", "main", "HEAD"), "a two-dot diff lists it"
    code, report = check(capsys, "--strict", "--changed-since", "main")
    assert code == 0 and not any(warnings(report).values())


def test_errors_anywhere_fail(repo, capsys):
    git(repo, "switch", "-q", "main")
    write(repo, "content/products/rusak.md", product("Produk Rusak", maker="tidak-ada"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a broken file on main")
    git(repo, "switch", "-q", "-c", "perbaikan-lain")
    code, report = check(capsys, "--strict", "--changed-since", "main")
    assert code == 1
    assert [(e["path"], e["code"], e["fatal"]) for e in report["errors"]] == [
        ("content/products/rusak.md", "REF_UNKNOWN", True)]


def test_github_annotations_mark_only_changed_files_warnings_as_errors(repo, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    write(repo, "content/products/baru.md", product("Produk Baru", EXPIRED))
    code = main(["check", "--format", "github", "--strict", "--changed-since", "main"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert [line.split(",")[0] for line in lines if line.startswith("::")] == [
        "::error file=content/products/baru.md", "::warning file=content/products/lain.md",
        "::warning file=content/products/lama.md"]
    assert lines[-1].startswith("Pemeriksaan gagal: 0 kesalahan, 3 peringatan (--strict --changed-since main: "
                                "peringatan di file yang diubah sejak main dihitung sebagai kesalahan (1)")


def test_a_site_in_a_subfolder_of_the_repository(repo, capsys, monkeypatch):
    """Paths compare by file, wherever the site sits in the repository and wherever check runs."""
    nested = repo / "situs"
    nested.mkdir()
    (repo / "content").rename(nested / "content")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "move the site")
    git(repo, "branch", "-f", "main")
    write(repo, "situs/content/products/baru.md", product("Produk Baru", EXPIRED))
    monkeypatch.chdir(repo.parent)
    code, report = check(capsys, "--content", str(nested / "content"), "--strict", "--changed-since", "main")
    assert code == 1
    assert warnings(report) == {"content/products/baru.md:CERT_EXPIRED": True,
                                "content/products/lain.md:CERT_EXPIRED": False,
                                "content/products/lama.md:CERT_EXPIRED": False}


def test_changed_since_needs_strict_a_repository_and_a_known_ref(repo, tmp_path, capsys):
    assert main(["check", "--changed-since", "main", "--lang", "en"]) == 2
    assert "--changed-since only has a meaning together with --strict" in capsys.readouterr().err
    assert main(["check", "--strict", "--changed-since", "no-such-branch", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --changed-since no-such-branch: ") and "no-such-branch" in err[40:]
    outside = tmp_path / "outside"
    shutil.copytree(MINIMAL, outside / "content")
    assert main(["check", "--content", str(outside / "content"), "--strict", "--changed-since", "main",
                 "--lang", "en"]) == 2
    assert "not a git repository" in capsys.readouterr().err


def errors(report: dict) -> dict[str, str]:
    return {f"{e['path']}:{e['code']}": e["message"] for e in report["errors"]}


def test_a_product_renamed_without_an_alias_fails_the_strict_check_naming_its_printed_address(repo, capsys):
    """Its QR code is on catalogues and shelf labels printed from main: the check must stop the
    pull request that would break them, and say which address and how to keep it."""
    git(repo, "mv", "content/products/lama.md", "content/products/lama-sekali.md")
    git(repo, "commit", "-q", "-m", "Ganti nama")
    code, report = check(capsys, "--strict", "--changed-since", "main")
    assert code == 1
    gone = errors(report)["content/products/lama.md:PAGE_GONE"]
    assert "/produk/lama/" in gone
    assert "aliases: [lama]" in report["errors"][0]["hint"]


def test_an_alias_or_a_kept_slug_answers_the_old_address(repo, capsys):
    git(repo, "mv", "content/products/lama.md", "content/products/lama-sekali.md")
    text = (repo / "content/products/lama-sekali.md").read_text()
    write(repo, "content/products/lama-sekali.md", text.replace("---\ntitle:", "---\naliases: [lama]\ntitle:", 1))
    # A file moved with its `slug:` kept publishes the same address: nothing is gone.
    write(repo, "content/products/lain-baru.md", product("Produk Lain", "slug: lain\n" + EXPIRED))
    git(repo, "rm", "-q", "content/products/lain.md")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Ganti nama dengan alamat lama")
    code, report = check(capsys, "--strict", "--changed-since", "main")
    assert not [e for e in report["errors"] if e["code"] == "PAGE_GONE"], report["errors"]
    assert not [w for w in report["warnings"] if w["code"] == "PAGE_GONE"]


def test_a_product_removed_on_purpose_passes_once_its_address_leads_somewhere(repo, capsys):
    git(repo, "rm", "-q", "content/products/lama.md")
    git(repo, "commit", "-q", "-m", "Hapus produk")
    code, report = check(capsys, "--strict", "--changed-since", "main")
    assert code == 1 and "content/products/lama.md:PAGE_GONE" in errors(report)
    hint = report["errors"][0]["hint"]
    assert "aliases: [/produk/lama/]" in hint
    maker = next((repo / "content/makers").glob("*.md"))
    maker.write_text(maker.read_text().replace("---\n", "---\naliases: [/produk/lama/]\n", 1))
    code, report = check(capsys, "--strict", "--changed-since", "main")
    assert "content/products/lama.md:PAGE_GONE" not in errors(report)
