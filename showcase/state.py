"""What a build is made from: every input file's digest, and one fingerprint of them all.

A rebuild must not read files nobody touched, so `Scanner` reuses the last build's digest of a
file whose size, mtime, ctime and inode are unchanged (as git's index does) and reads only the
others. `fingerprint()` is the digest of every file under content/, the template folders and the
showcase package, the build options and the date the build counts as today, and the versions of
the libraries that shape output bytes: when it and the output folder are the last successful
build's, the build prints that build's report again and writes nothing (`unchanged()`, which
imports none of the build's stages, so that answer costs a stat of every file and little else).
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Iterable, Mapping

if TYPE_CHECKING:
    from .options import Options
    from .report import BuildReport
    from .store import Store

LIBRARIES = ("jinja2", "markdown", "nh3", "pillow", "pyyaml", "zxing-cpp", "python-frontmatter", "markupsafe")
PACKAGE = Path(__file__).resolve().parent

StatKey = tuple[int, int, int, int]


class Scanner:
    """Digests of input files, reusing the last build's digest of a file whose stat is unchanged."""

    def __init__(self, known: Mapping[str, tuple[StatKey, str]]) -> None:
        self.known = known
        self.seen: dict[str, tuple[StatKey, str]] = {}
        self.links: list[str] = []  # folders that are symbolic links (not followed)

    def tree(self, root: Path, label: str) -> list[tuple[str, str]]:
        """(label/relative path, digest) of every file under root, sorted; hidden folders skipped."""
        found: list[tuple[str, str]] = []
        if not root.is_dir():
            return [(label, "missing")]
        top = str(root)
        for directory, dirnames, filenames in os.walk(top):
            self.links.extend(os.path.join(directory, d) for d in dirnames if os.path.islink(os.path.join(directory, d)))
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
            # (the path below root, cut rather than worked out by os.path.relpath: this runs for every file)
            below = label + "/" + (directory[len(top) + 1:] + os.sep if directory != top else "")
            for name in sorted(filenames):
                path = os.path.join(directory, name)
                found.append((below + name, self.file(path)))
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


@dataclass(frozen=True)
class Scan:
    """Every input file's digest and the fingerprint of a build's inputs."""

    fingerprint: str
    code: str
    seen: dict[str, tuple[StatKey, str]]
    listing: str = ""
    """A digest of the names of every file (and linked folder) under content/: what the content
    walk's result depends on, so an edit that adds or removes no file reuses the last walk."""
    known: Mapping[str, tuple[StatKey, str]] | None = None
    """The state's file records the scan compared against (`Store.file_stats()` when it ran),
    so that the build does not read them again."""


def scan(store: Store, options: Options, dirs: list[Path], today: date) -> Scan:
    """Digest content/, the template folders and showcase's code (reading only touched files)."""
    scanner = Scanner(store.file_stats())
    content = options.content.resolve()
    partners = (Path(options.cache if options.cache is not None else content.parent
                     / ".cache/showcase") / "partners").resolve()  # network.copies_dir (issue 14)
    whole, code = fingerprint(scanner, [(content, "content")]
                              + [(d.resolve(), f"templates-{i}") for i, d in enumerate(dirs)]
                              + [(partners, "partners")],
                              options.settings(today))
    root = str(content) + os.sep
    names = sorted(p for p in [*scanner.seen, *scanner.links] if p.startswith(root))
    listing = hashlib.blake2b("\n".join(names).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return Scan(whole, code, scanner.seen, listing, scanner.known)


def unchanged(store: Store, options: Options, dirs: list[Path], today: date, found: Scan,
              output_id: tuple[int, int] | None, seconds: float) -> BuildReport | None:
    """The last build's report, marked unchanged, when every input and the output folder are
    that build's; else None."""
    report = store.meta("report")
    if report is None or output_id is None or store.meta("output") != output_id:
        return None
    if found.fingerprint != store.meta("fingerprint"):
        return None
    return replace(report, seconds=seconds, unchanged=True)
