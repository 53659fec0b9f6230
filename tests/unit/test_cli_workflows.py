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


def test_pull_requests_are_checked_strictly_on_their_changes_and_publishing_keeps_the_build_cache():
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


def cache_steps(workflow: str) -> list[dict]:
    import yaml

    jobs = yaml.safe_load(workflow)["jobs"]
    return [step for job in jobs.values() for step in job.get("steps", [])
            if str(step.get("uses", "")).startswith("actions/cache")]


def check_cache_keys(publish: str, pr: str) -> None:
    """actions/cache never overwrites a key: publishing saves under a key new on every run and
    restores the newest by its prefix; a pull request restores the same way and never saves."""
    saves = cache_steps(publish)
    assert [s["uses"].split("@")[0] for s in saves] == ["actions/cache"]
    key, prefix = saves[0]["with"]["key"], saves[0]["with"]["restore-keys"]
    assert "github.run_id" in key and "hashFiles" not in key, "a key that can repeat keeps the first cache for ever"
    assert key.startswith(prefix) and "github.run_id" not in prefix
    assert saves[0]["with"]["path"] == ".cache/showcase"
    restores = cache_steps(pr)
    assert restores and all(s["uses"].split("@")[0] == "actions/cache/restore" for s in restores)
    assert all(s["with"]["restore-keys"] == prefix for s in restores)


def test_the_build_cache_is_saved_under_a_new_key_each_run_and_restored_by_prefix(tmp_path):
    workflows = REPO / ".github" / "workflows"
    check_cache_keys((workflows / "publish.yml").read_text(), (workflows / "pr.yml").read_text())
    from showcase.cli import main

    assert main(["new", "site", str(tmp_path / "galeri"), "--title", "Galeri"]) == 0
    generated = tmp_path / "galeri" / ".github" / "workflows"
    check_cache_keys((generated / "publish.yml").read_text(), (generated / "pr.yml").read_text())
