"""Write the site into a work tree and swap it in only when the whole build succeeded.

Owns the file system side of output: a work tree beside `output/` (so deleted content
disappears), byte-exact writes, an atomic exchange of work tree and `output/` (Linux
`renameat2(RENAME_EXCHANGE)`, two renames elsewhere), recovery from a build killed mid-swap, and
refusing an output path that would wipe the sources. It decides nothing about content.

With a cache, the tree swapped out is kept as `.<output>.previous` and the next build uses it as
its work tree: it holds the build before last, whose manifest (path -> digest, size) the build
state knows, so only files that differ are written, files kept from the published build are
hard-linked (or copied), and files no longer produced are deleted. A rebuild after a small edit
therefore touches a few files instead of writing the whole site, and `output/` still changes in
one step. Without a known manifest the work tree is a fresh, empty folder, as on the first build.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from .errors import ShowcaseError
from .state import Manifest, TreeId, digest, tree_id

_RENAME_EXCHANGE = 2


class OutputError(ShowcaseError):
    """The output directory cannot be used or written."""


class Staging:
    """A build's private work tree next to the real output."""

    def __init__(self, output: Path, protected: list[Path], known: dict[TreeId, Manifest] | None = None,
                 changing: Callable[[TreeId | None], None] | None = None) -> None:
        """`known`: manifests of trees the build state vouches for (None: keep no previous tree);
        `changing(tree)` is called before the first change to a kept tree, and with None after."""
        self.output = output.resolve()
        for path in protected:
            path = path.resolve()
            if self.output == path or self.output in path.parents:
                raise OutputError("output.protected", output=self.output, path=path)
        self.parent = self.output.parent
        for path in (self.output, *self.output.parents):
            if path.exists() and not path.is_dir():
                raise OutputError("output.file", output=self.output, path=path)
        self.keep_previous = known is not None
        self.spare = self.parent / f".{self.output.name}.previous"
        self.manifest: Manifest = {}
        self.published: Manifest = dict((known or {}).get(tree_id(self.output), {})) if known is not None else {}
        self._changing = changing or (lambda tree: None)
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._recover()
            spare = tree_id(self.spare) if self.keep_previous else None
            if spare is not None and known is not None and spare in known and spare != tree_id(self.output):
                self.dir, self.previous = self.spare, dict(known[spare])
                self._changing(spare)
            else:
                if self.spare.exists():
                    shutil.rmtree(self.spare, ignore_errors=True)
                self.dir = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.staging-", dir=self.parent))
                self.previous = {}
        except OSError as exc:
            raise OutputError("output.cannot", output=self.output, detail=exc.strerror or str(exc)) from exc

    def _recover(self) -> None:
        """Finish or undo what a killed build left: a missing output with an old copy, stale staging."""
        old = sorted(self.parent.glob(f".{self.output.name}.old-*"))
        if not self.output.exists() and old:
            os.rename(old[-1], self.output)
            old = old[:-1]
        for leftover in [*old, *self.parent.glob(f".{self.output.name}.staging-*")]:
            shutil.rmtree(leftover, ignore_errors=True)

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        self.record(relative, self.tree().write(relative, data))

    def record(self, relative: str, entry: tuple[str, int]) -> None:
        """Note a file the work tree now holds (written here or by a worker)."""
        self.manifest[relative] = entry

    def has(self, relative: str) -> bool:
        """Whether the work tree already holds `relative` from an earlier build (for content-named
        files such as photo variants, whose name changes whenever their bytes do)."""
        entry = self.previous.get(relative)
        if entry is not None:
            self.record(relative, entry)
        return entry is not None

    def tree(self) -> Tree:
        """What a worker process needs to write into the work tree."""
        return Tree(self.dir, self.previous, self.output, self.published)

    def adopt(self, relative: str) -> None:
        """Record a file a stage wrote straight into the work tree."""
        entry = self.previous.get(relative)
        if entry is None:
            data = (self.dir / relative).read_bytes()
            entry = (digest(data), len(data))
        self.record(relative, entry)

    def _prune(self) -> None:
        """Delete what the reused tree held that this build did not produce, and empty folders."""
        folders = set()
        for relative in self.previous.keys() - self.manifest.keys():
            try:
                os.unlink(self.dir / relative)
            except OSError:
                pass
            folders.update(Path(relative).parents)
        for folder in sorted(folders - {Path(".")}, key=lambda f: -len(f.parts)):  # deepest first
            try:
                os.rmdir(self.dir / folder)
            except OSError:
                pass  # not empty

    def commit(self) -> dict[TreeId, Manifest]:
        """Make the work tree the output, atomically where the system allows; returns the
        manifests of the trees kept (the new output and, when kept, the previous one)."""
        try:
            if self.previous:
                self._prune()
            published = tree_id(self.output)
            self._swap()
            kept: dict[TreeId, Manifest] = {}
            new = tree_id(self.output)
            if new is not None:
                kept[new] = self.manifest
            spare = tree_id(self.spare) if self.keep_previous else None
            if spare is not None and spare == published and self.published:
                kept[spare] = self.published
            return kept
        except OSError as exc:
            raise OutputError("output.replace", output=self.output, detail=exc.strerror or str(exc)) from exc

    def _swap(self) -> None:
        os.chmod(self.dir, 0o755)
        if self.output.exists() and _exchange(self.dir, self.output):
            if self.keep_previous and self.published:
                if self.dir != self.spare:
                    os.rename(self.dir, self.spare)
            else:
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
        if self.dir != self.spare:
            shutil.rmtree(self.dir, ignore_errors=True)


@dataclass(frozen=True)
class Tree:
    """The work tree as a worker process sees it: where it is, what it already holds, and the
    published output (with its manifest) that unchanged files are kept from."""

    dir: Path
    previous: Mapping[str, tuple[str, int]]
    output: Path
    published: Mapping[str, tuple[str, int]]

    def write(self, relative: str, data: bytes) -> tuple[str, int]:
        """Put data at relative unless the tree holds exactly these bytes; (digest, size)."""
        entry = (digest(data), len(data))
        if self.previous.get(relative) != entry:
            try:
                put(self.dir, relative, data)
            except OSError as exc:
                raise OutputError("output.write", path=relative, folder=self.dir, detail=exc.strerror or str(exc)) from exc
        return entry

    def keep(self, relative: str) -> tuple[str, int] | None:
        """Keep the published build's copy of relative; None when there is none (or it was changed
        by hand, which its digest shows)."""
        entry = self.published.get(relative)
        if entry is None or self.previous.get(relative) == entry:
            return entry
        source, target = self.output / relative, self.dir / relative
        try:  # a hard link: no bytes copied (put() never writes through one)
            if os.stat(source).st_size != entry[1]:
                return None
            target.parent.mkdir(parents=True, exist_ok=True)
            with suppress(FileNotFoundError):
                os.unlink(target)
            os.link(source, target)
            return entry
        except OSError:
            pass  # a file system without hard links: copy, checking the bytes
        try:
            data = source.read_bytes()
        except OSError:
            return None
        return self.write(relative, data) if digest(data) == entry[0] else None


def put(root: Path, relative: str, data: bytes) -> None:
    """Write data to root/relative as a new file (what was there may be a hard link to the
    published site, which must not change)."""
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with suppress(FileNotFoundError):
        os.unlink(target)
    target.write_bytes(data)


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
