"""The command line: commands, `--help` with examples, exit codes, and `build.py` unchanged."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from showcase.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_build_help_lists_the_other_commands():
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ("check", "new", "serve"):
        assert f"  {command} " in result.stdout


@pytest.mark.parametrize("command", ["build", "check", "new", "serve"])
def test_every_command_has_help_with_examples_and_content_option(capsys, command):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "--content DIR" in out
    assert "examples:" in out


@pytest.mark.parametrize("command", ["build", "check", "new", "serve"])
def test_unknown_option_is_a_usage_error(capsys, command):
    assert main([command, "--no-such-option"]) == 2
    assert "usage:" in capsys.readouterr().err


def test_build_subcommand_is_the_same_as_the_script(tmp_path):
    content = REPO / "tests" / "sites" / "minimal" / "content"
    for args, out in (([], "a"), (["build"], "b")):
        result = subprocess.run([sys.executable, str(REPO / "build.py"), *args, "--content", str(content),
                                 "--output", str(tmp_path / out), "--no-cache", "--quiet"],
                                cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "a" / "index.html").read_bytes() == (tmp_path / "b" / "index.html").read_bytes()


def test_check_format_must_be_known(capsys):
    assert main(["check", "--format", "xml"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_defaults_follow_the_site_folder_and_the_sites_first_language(tmp_path):
    site = tmp_path / "situs"
    shutil.copytree(REPO / "tests" / "sites" / "minimal" / "content", site / "content")
    config = site / "content" / "site.yaml"
    config.write_text(config.read_text() + "languages: [en, id]\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    command = [sys.executable, str(REPO / "build.py"), "--content", "../situs/content"]
    english = subprocess.run(command, cwd=elsewhere, capture_output=True, text=True, timeout=120)
    assert english.returncode == 0, english.stderr
    assert english.stderr.endswith("Built ../situs/output\n"), "the site's first language, English"
    assert (site / "output" / "index.html").is_file() and (site / ".cache" / "showcase").is_dir()
    assert not list(elsewhere.iterdir()), "nothing written where the command ran"
    indonesian = subprocess.run([*command, "--lang", "id"], cwd=elsewhere, capture_output=True, text=True,
                                timeout=120)
    assert indonesian.returncode == 0 and "tak berubah" in indonesian.stderr and "unchanged" not in indonesian.stderr


def test_a_failed_build_prints_its_warnings_after_its_errors(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "tests" / "sites" / "minimal" / "content", content)
    product = content / "products" / "bandeng-presto.md"
    product.write_text(product.read_text().replace("price: 35000", "price: 35.000")
                       .replace("district: Pangkajene", "district: pangkajene"))
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--content", str(content), "--no-cache",
                             "--quiet", "--lang", "en"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    error = next(i for i, line in enumerate(lines) if "error: price:" in line)
    warning = next(i for i, line in enumerate(lines) if 'warning: district: district "pangkajene" matched' in line)
    assert error < warning, "errors first, then warnings"
    assert lines[-1] == f"Build failed: 1 error, 1 warning. {(tmp_path / 'output').as_posix()}/ was not changed."


@pytest.mark.parametrize("lang,counts", [
    ("en", "0 errors, 1 warning (--strict: warnings count as errors)"),
    ("id", "0 kesalahan, 1 peringatan (--strict: peringatan dihitung sebagai kesalahan)")])
def test_check_strict_and_build_strict_count_the_same_problem_the_same_way(tmp_path, lang, counts):
    content = tmp_path / "content"
    shutil.copytree(REPO / "tests" / "sites" / "minimal" / "content", content)
    product = content / "products" / "bandeng-presto.md"
    product.write_text(product.read_text().replace("district: Pangkajene", "district: pangkajene"))
    runs = {command: subprocess.run([sys.executable, str(REPO / "build.py"), *command.split(), "--content",
                                     str(content), "--strict", "--no-cache", "--lang", lang],
                                    cwd=tmp_path, capture_output=True, text=True, timeout=120)
            for command in ("build", "check")}
    assert runs["build"].returncode == runs["check"].returncode == 1
    assert runs["build"].stderr.splitlines()[-1].startswith(("Build failed: ", "Gagal membuat situs: "))
    assert f": {counts}. " in runs["build"].stderr.splitlines()[-1]
    assert runs["check"].stdout.splitlines()[-1].endswith(f": {counts}")
