"""Write the site into a staging directory and swap it in only when the whole build succeeded.

Owns the file system side of output: a fresh sibling staging directory per build (so deleted
content disappears), byte-exact writes, an atomic exchange of staging and `output/` (Linux
`renameat2(RENAME_EXCHANGE)`, two renames elsewhere), recovery from a build killed mid-swap, and
refusing an output path that would wipe the sources. It decides nothing about content.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

from .errors import ShowcaseError

_RENAME_EXCHANGE = 2


class OutputError(ShowcaseError):
    """The output directory cannot be used or written."""


class Staging:
    """A build's private output directory next to the real one."""

    def __init__(self, output: Path, protected: list[Path]) -> None:
        self.output = output.resolve()
        for path in protected:
            path = path.resolve()
            if self.output == path or self.output in path.parents:
                raise OutputError(f"refusing to write output into {self.output}: it holds {path}")
        self.parent = self.output.parent
        for path in (self.output, *self.output.parents):
            if path.exists() and not path.is_dir():
                raise OutputError(f"cannot write the site to {self.output}: {path} is a file, not a folder")
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._recover()
            self.dir = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.staging-", dir=self.parent))
        except OSError as exc:
            raise OutputError(f"cannot write the site to {self.output}: {exc.strerror or exc}") from exc
        self.files = 0

    def _recover(self) -> None:
        """Finish or undo what a killed build left: a missing output with an old copy, stale staging."""
        old = sorted(self.parent.glob(f".{self.output.name}.old-*"))
        if not self.output.exists() and old:
            os.rename(old[-1], self.output)
            old = old[:-1]
        for leftover in [*old, *self.parent.glob(f".{self.output.name}.staging-*")]:
            shutil.rmtree(leftover, ignore_errors=True)

    def path(self, relative: str) -> Path:
        target = self.dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        try:
            self.path(relative).write_bytes(data)
        except OSError as exc:
            raise OutputError(f"cannot write {relative} into {self.dir}: {exc.strerror}") from exc
        self.files += 1

    def commit(self) -> None:
        """Make the staging directory the output, atomically where the system allows."""
        try:
            self._swap()
        except OSError as exc:
            raise OutputError(f"cannot replace {self.output}: {exc.strerror or exc}") from exc

    def _swap(self) -> None:
        os.chmod(self.dir, 0o755)
        if self.output.exists() and _exchange(self.dir, self.output):
            shutil.rmtree(self.dir, ignore_errors=True)
            return
        if self.output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.old-", dir=self.parent))
            os.rmdir(old)
            os.rename(self.output, old)
            os.rename(self.dir, self.output)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(self.dir, self.output)

    def abort(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one system call (Linux); False where that is not available."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
