"""The GitHub workflows pass actionlint and call make targets that exist.

actionlint comes from PyPI (the `test` extra pins it); when the running environment lacks it,
the set-up installs exactly that pin with pip, so the check never silently skips.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.fixture(scope="module")
def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if found:
        return found
    pin = re.search(r'"(actionlint-[a-z]+==[0-9.]+)"', (REPO / "pyproject.toml").read_text())
    assert pin, "pyproject.toml [test] extra must pin actionlint"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", pin.group(1)], check=True, timeout=300)
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert found, f"{pin.group(1)} installed no actionlint command"
    return found


def test_there_are_a_pull_request_and_a_publish_workflow():
    assert [p.name for p in WORKFLOWS] == ["pr.yml", "publish.yml"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(actionlint, workflow):
    result = subprocess.run([actionlint, "-no-color", str(workflow.relative_to(REPO))], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_use_make_targets_that_exist():
    targets = set(re.findall(r"^([a-z][a-z-]*):", (REPO / "Makefile").read_text(), re.M))
    used = {m for p in WORKFLOWS for m in re.findall(r"run: make ([a-z][a-z-]*)", p.read_text())}
    assert used and used <= targets, used - targets


def test_pull_requests_are_checked_strictly_on_their_changes_and_publishing_keeps_the_photo_cache():
    pr = (REPO / ".github" / "workflows" / "pr.yml").read_text()
    publish = (REPO / ".github" / "workflows" / "publish.yml").read_text()
    assert 'make check ARGS="--format github --strict --changed-since $BASE"' in pr and "make test" in pr
    assert "BASE: ${{ github.event.pull_request.base.sha" in pr and "fetch-depth: 0" in pr
    assert 'ARGS="--strict"' not in pr, "a whole-site --strict fails on problems the pull request did not make"
    assert "path: .cache/showcase" in publish
    assert "actions/upload-pages-artifact@" in publish and "actions/deploy-pages@" in publish


def test_unit_tests_run_on_windows_and_macos_too():
    import yaml

    jobs = yaml.safe_load((REPO / ".github" / "workflows" / "pr.yml").read_text())["jobs"]
    unit = jobs["unit"]
    assert set(unit["strategy"]["matrix"]["os"]) == {"ubuntu-latest", "windows-latest", "macos-latest"}
    assert unit["runs-on"] == "${{ matrix.os }}"
    runs = [step.get("run", "") for step in unit["steps"]]
    assert any("pytest tests/unit" in run for run in runs) and not any("make " in run for run in runs)
