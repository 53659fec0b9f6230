"""The command line: commands, `--help` with examples, exit codes, and `build.py` unchanged."""
from __future__ import annotations

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
