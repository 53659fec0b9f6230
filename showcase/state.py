"""What the last successful build of a site was made from, so that a rebuild redoes only what changed.

Owns the build state kept in the cache directory, one pair of files per output folder
(`<cache>/builds/<key>.fast` and `.full`, pickled behind a checksum by memo.save; a damaged or
foreign file counts as absent):

- `fast`: the fingerprint of every input (each file under content/, the template folders and the
  showcase package, by path and BLAKE2 digest; the build options and the date the build counts as
  today; the versions of the libraries that shape output bytes), the output folder's identity
  (device and inode) and the report of that build. When the fingerprint and the folder are the
  same, the build prints that report again and writes nothing. Digests are reused while a file's
  size, mtime, ctime and inode are unchanged (as git's index does), so a rebuild reads only files
  that were touched.
- `full`: the manifest (path -> digest, size) of each output tree this cache knows (the published
  `output/` and the previous build kept beside it for the next build to update, see writer.py)
  and each page's signature (see pipeline.py), read only by builds that do work.

A marker file names a tree while a build is changing it; a build killed then leaves the marker,
and the next build forgets that tree's manifest instead of trusting it. This module uses only
the standard library, so the no-change answer comes before the heavy imports.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from .memo import load, save

VERSION = 3
LIBRARIES = ("jinja2", "markdown", "nh3", "pillow", "pyyaml", "zxing-cpp", "python-frontmatter", "markupsafe")
PACKAGE = Path(__file__).resolve().parent

StatKey = tuple[int, int, int, int]
TreeId = tuple[int, int]
Manifest = dict[str, tuple[str, int]]


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def pickled_digest(value: Any) -> str:
    """The digest of a value by its pickled bytes (equal values built the same way, equal digests)."""
    return digest(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def tree_id(path: Path) -> TreeId | None:
    """A folder's identity that survives renames: (device, inode), or None when it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


@dataclass
class Fast:
    """The part of the state a no-change rebuild needs."""

    fingerprint: str = ""
    output: TreeId | None = None
    report: Any = None
    stats: dict[str, tuple[StatKey, str]] = field(default_factory=dict)


@dataclass
class Full:
    """The part of the state a build that does work needs."""

    trees: dict[TreeId, Manifest] = field(default_factory=dict)
    pages: dict[str, Any] = field(default_factory=dict)  # output -> render.Made.record()
    code: str = ""


class Scanner:
    """Digests of input files, reusing the last build's digest of a file whose stat is unchanged."""

    def __init__(self, known: Mapping[str, tuple[StatKey, str]]) -> None:
        self.known = known
        self.seen: dict[str, tuple[StatKey, str]] = {}

    def tree(self, root: Path, label: str) -> list[tuple[str, str]]:
        """(label/relative path, digest) of every file under root, sorted; hidden folders skipped."""
        found: list[tuple[str, str]] = []
        if not root.is_dir():
            return [(label, "missing")]
        for directory, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
            for name in sorted(filenames):
                path = os.path.join(directory, name)
                found.append((label + "/" + os.path.relpath(path, root), self.file(path)))
        return found

    def file(self, path: str) -> str:
        try:
            st = os.stat(path, follow_symlinks=False)
        except OSError:
            return "unreadable"
        key: StatKey = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        known = self.known.get(path)
        if known is not None and known[0] == key:
            value = known[1]
        else:
            try:
                with open(path, "rb") as handle:
                    value = hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
            except OSError:
                return "unreadable"
        self.seen[path] = (key, value)
        return value


def library_versions() -> list[str]:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=-")
    return found


def code_digest(scanner: Scanner | None = None) -> str:
    """A digest of the showcase package's files, the Python version and the libraries' versions:
    what every cached or remembered result also depends on."""
    code = hashlib.blake2b(digest_size=16)
    for name, value in (scanner or Scanner({})).tree(PACKAGE, "showcase"):
        code.update(f"{name}\0{value}\n".encode())
    code.update(f"python {sys.version_info[:3]}\n{' '.join(library_versions())}\n".encode())
    return code.hexdigest()


def fingerprint(scanner: Scanner, inputs: Iterable[tuple[Path, str]], settings: Iterable[str]) -> tuple[str, str]:
    """(whole-build fingerprint, code digest) of the given input folders and settings."""
    code = code_digest(scanner)
    whole = hashlib.blake2b(code.encode(), digest_size=16)
    for root, label in inputs:
        for name, value in scanner.tree(root, label):
            whole.update(f"{name}\0{value}\n".encode())
    for line in settings:
        whole.update(f"{line}\n".encode())
    return whole.hexdigest(), code


class Store:
    """The state files of one output folder in one cache directory."""

    def __init__(self, cache: Path, output: Path) -> None:
        key = hashlib.blake2b(str(output.resolve()).encode(), digest_size=8).hexdigest()
        self.folder = cache / "builds"
        self.fast_path = self.folder / f"{key}.fast"
        self.full_path = self.folder / f"{key}.full"
        self.marker = self.folder / f"{key}.changing"

    def load_fast(self) -> Fast:
        value = _load(self.fast_path)
        return value if isinstance(value, Fast) else Fast()

    def load_full(self) -> Full:
        value = _load(self.full_path)
        full = value if isinstance(value, Full) else Full()
        changing = _load(self.marker)
        if changing is not None:  # a build was killed while it changed this tree
            full.trees.pop(changing, None)
        return full

    def changing(self, tree: TreeId | None) -> None:
        """Record, before the first write, that `tree` is being changed (None: nothing is)."""
        if tree is None:
            try:
                self.marker.unlink()
            except OSError:
                pass
        else:
            _save(self.marker, tree)

    def save(self, fast: Fast, full: Full | None) -> None:
        if full is not None:
            _save(self.full_path, full)
        _save(self.fast_path, fast)

    def forget(self) -> None:
        """A failed build: the next one must not take the output folder for the recorded one."""
        for path in (self.fast_path,):
            try:
                path.unlink()
            except OSError:
                pass


_MAGIC = f"showcase-state-{VERSION}\n".encode()


def _load(path: Path) -> Any:
    return load(path, _MAGIC)


def _save(path: Path, value: Any) -> None:
    save(path, _MAGIC, value)
