"""Which files a change touches, from git: what `check --strict --changed-since REF` holds to account.

A file counts as changed when it differs between the merge base of REF and HEAD and HEAD
(`git diff REF...HEAD`, what a pull request shows, so commits that reached REF meanwhile do not
count), or differs between HEAD and the working tree (staged or not), or is new and untracked
(not ignored). Deleted files cannot carry a problem and are left out. Paths come back absolute,
so that callers compare them with the files their diagnostics name. It runs git and nothing else.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .errors import UsageError


def _git(folder: Path, *args: str) -> str:
    git = shutil.which("git")
    if git is None:
        raise UsageError("changes.git")
    result = subprocess.run([git, *args], cwd=folder, capture_output=True, text=True, encoding="utf-8")
    if result.returncode != 0:
        raise GitFailed(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "git failed")
    return result.stdout


class GitFailed(Exception):
    """git refused (no repository, unknown ref); the message is git's own last line."""


def changed_files(ref: str, folder: Path) -> set[Path]:
    """Absolute paths of the files changed since `ref` in the repository holding `folder`."""
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
        base = _git(folder, "merge-base", ref, "HEAD").strip()
        names = _git(top, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", base, "HEAD")
        names += _git(top, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", "HEAD")
        names += _git(top, "ls-files", "--others", "--exclude-standard", "-z")
    except GitFailed as exc:
        raise UsageError("changes.failed", ref=ref, detail=str(exc)) from None
    return {(top / name).resolve() for name in names.split("\0") if name}


def earlier_versions(ref: str, folder: Path) -> dict[Path, str]:
    """The Markdown files under `folder` deleted or changed since `ref` (committed or not), each
    with its text at the merge base: what the pages they made looked like before the change.
    Renames count as a deletion (git's rename guess plays no part)."""
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
        base = _git(folder, "merge-base", ref, "HEAD").strip()
        names = _git(top, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=DM", base, "--", str(folder))
        found = {}
        for name in sorted(n for n in names.split("\0") if n.endswith(".md")):
            found[(top / name).resolve()] = _git(top, "show", f"{base}:{name}")
    except GitFailed as exc:
        raise UsageError("changes.failed", ref=ref, detail=str(exc)) from None
    return found
