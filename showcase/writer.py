"""Write the site into a work tree and swap it in only when the whole build succeeded.

Owns the file system side of output: a work tree beside `output/` (so deleted content
disappears), byte-exact writes, an atomic exchange of work tree and `output/` (Linux
`renameat2(RENAME_EXCHANGE)`; two renames where that is not available or the portable paths are
asked for, see parallel.portable), recovery from a build killed mid-swap, and refusing an output
path that would wipe the sources. It decides nothing about content.

A build changes few files, so it is described as changes: the state knows the manifest of
`output/` (path -> digest, size) and, for the tree swapped out by the last build and kept beside
it (`.<output>.previous`), where that tree still differs from `output/` (the last build's changes:
its `lag`). The kept tree becomes the next work tree: files this build produces are written
where their bytes differ, the last build's changes are brought over from `output/` (hard links,
or copies), deleted files are removed, and the swap makes it `output/`. A rebuild after a small
edit therefore touches a few files and `output/` still changes in one step. Without a kept tree
(the first build, or one killed while it changed the tree) the work tree is a fresh folder, and
every file the build keeps is linked from `output/` once. A marker in the state names the kept
tree while it is being changed, so a build killed then makes the next one start afresh.

With a cache, every published file also has a content-addressed copy in it (`Blobs`: a hard link
to the file in `output/` where the system allows, so it costs no space). A CI run restores the
cache but not `output/`: the work tree is then filled from the blobs whose digest checks out
(`Staging.restore`), the pages of the others are rendered again, and the build renders only what
the edit touched. Blobs no build references any more are pruned.
"""
from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from . import parallel
from .errors import ShowcaseError

_RENAME_EXCHANGE = 2
Entry = tuple[str, int]  # content digest, size
TreeId = tuple[int, int]


class OutputError(ShowcaseError):
    """The output directory cannot be used or written."""


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def tree_id(path: Path) -> TreeId | None:
    """A folder's identity that survives renames: (device, inode), or None when it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def nothing_published(relative: str) -> Entry | None:
    """The manifest of an output the build knows nothing of."""
    return None


@dataclass
class Tree:
    """The work tree as a worker process sees it: where it is, what it already holds (a fresh
    tree holds nothing; a kept one holds `output/` but for `lag`), and the published output."""

    dir: Path
    output: Path
    fresh: bool
    lag: dict[str, Entry | None]
    published: Callable[[str], Entry | None] = field(repr=False, default=nothing_published)

    def portable(self) -> Tree:
        """This tree without its manifest lookup, to send to a worker process (which looks the
        manifest up in its own view of the build state)."""
        return Tree(self.dir, self.output, self.fresh, self.lag)

    def holds(self, relative: str) -> Entry | None:
        if self.fresh:
            return None
        return self.lag[relative] if relative in self.lag else self.published(relative)

    def write(self, relative: str, data: bytes) -> Entry:
        """Put data at relative unless the tree holds exactly these bytes; (digest, size)."""
        entry = (digest(data), len(data))
        if self.holds(relative) != entry:
            try:
                put(self.dir, relative, data)
            except OSError as exc:
                raise OutputError("output.write", path=relative, folder=self.dir, detail=exc.strerror or str(exc)) from exc
        return entry

    def keep(self, relative: str, entry: Entry) -> bool:
        """Make the tree hold the published copy of relative (a hard link, or a checked copy);
        False when output/ does not hold it as recorded (changed by hand)."""
        if self.holds(relative) == entry:
            return True
        source, target = self.output / relative, self.dir / relative
        try:
            if os.stat(source).st_size != entry[1]:
                return False
            target.parent.mkdir(parents=True, exist_ok=True)
            with suppress(FileNotFoundError):
                os.unlink(target)
            os.link(source, target)  # put() never writes through a link
            return True
        except OSError:
            pass
        try:
            data = source.read_bytes()
        except OSError:
            return False
        if digest(data) != entry[0]:
            return False
        put(self.dir, relative, data)
        return True

    def remove(self, relative: str) -> None:
        with suppress(OSError):
            os.unlink(self.dir / relative)


class Blobs:
    """Content-addressed copies of published files: `<root>/<digest[:2]>/<digest>`, where the
    digest is the one the manifest records (`digest()` of the bytes)."""

    THREADS = 4  # hashing and linking wait on the disk and release the GIL

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, digest_: str) -> Path:
        return self.root / digest_[:2] / digest_

    def add(self, file: Path, digest_: str) -> None:
        """Make the blob of digest_ the file just written (a hard link, else a copy); what was
        there under that name is replaced, so a damaged blob heals when its bytes are made again."""
        target = self.path(digest_)
        try:
            link_into(file, target)
        except OSError:  # no hard links here: a copy, put in place in one rename
            spare = target.with_name(f".{target.name}.copy")
            shutil.copyfile(file, spare)
            os.replace(spare, target)

    def intact(self, entry: Entry) -> bool:
        """Whether the blob of entry exists with exactly its bytes."""
        path = self.path(entry[0])
        try:
            if os.stat(path).st_size != entry[1]:
                return False
            with open(path, "rb") as handle:
                found = hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
        except OSError:
            return False
        return found == entry[0]

    def prune(self, digests: Iterable[str]) -> None:
        for name in digests:
            with suppress(OSError):
                os.unlink(self.path(name))

    def prune_except(self, keep: set[str]) -> None:
        """Remove every blob whose digest is not in keep (after a build that did everything)."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            for blob in sorted(folder.iterdir()) if folder.is_dir() else ():
                if blob.name not in keep:
                    with suppress(OSError):
                        os.unlink(blob)

    def fill(self, tree: Path, files: list[tuple[str, Entry]]) -> set[str]:
        """Link (or copy) into tree every file whose blob checks out; the paths that did not.
        Folders first (parents before children), then the files in a few large batches on
        threads: hashing and linking wait on the disk, and a task per file costs more than it."""
        folders: set[str] = set()
        for relative, _ in files:
            parent = os.path.dirname(relative)
            while parent and parent not in folders:
                folders.add(parent)
                parent = os.path.dirname(parent)
        for folder in sorted(folders):
            with suppress(FileExistsError):
                os.mkdir(tree / folder)

        def batch(items: list[tuple[str, Entry]]) -> list[str]:
            bad = []
            for relative, entry in items:
                if not self.intact(entry):
                    bad.append(relative)
                    continue
                try:
                    os.link(self.path(entry[0]), tree / relative)
                except OSError:
                    try:
                        shutil.copyfile(self.path(entry[0]), tree / relative)
                    except OSError:
                        bad.append(relative)
            return bad

        size = max(1, -(-len(files) // (self.THREADS * 4)))
        with ThreadPoolExecutor(self.THREADS) as pool:
            found = pool.map(batch, [files[at:at + size] for at in range(0, len(files), size)])
            return {relative for bad in found for relative in bad}


class Staging:
    """A build's private work tree next to the real output."""

    def __init__(self, output: Path, protected: list[Path], published: Callable[[str], Entry | None] = nothing_published,
                 lag: dict[str, Entry | None] | None = None, spare_id: TreeId | None = None,
                 changing: Callable[[TreeId | None], None] = lambda tree: None, keep_previous: bool = False,
                 blobs: Blobs | None = None, seed_previous: bool = False) -> None:
        """`published(path)`: the manifest of output/ as the state knows it; `lag`: where the kept
        previous tree differs from it, with `spare_id` its identity (None: no usable kept tree);
        `changing(tree)` is called (and must be durable) before the kept tree is changed;
        `keep_previous`: keep the tree the swap takes out (a build with a cache), else delete it;
        `blobs`: where every file the build changes gets its content-addressed copy (with a cache);
        `seed_previous`: when the swap leaves no kept tree (a first or cold build), make one, a
        linked copy of the new output, so that the next build changes a few files in it instead
        of linking every file of the site into a fresh tree."""
        self.output = output.resolve()
        for path in protected:
            path = path.resolve()
            if self.output == path or self.output in path.parents:
                raise OutputError("output.protected", output=self.output, path=path)
        self.parent = self.output.parent
        for path in (self.output, *self.output.parents):
            if path.exists() and not path.is_dir():
                raise OutputError("output.file", output=self.output, path=path)
        self.spare = self.parent / f".{self.output.name}.previous"
        self.published = published
        self.keep_previous = keep_previous
        self.seed_previous = seed_previous
        self.blobs = blobs
        self.changes: dict[str, Entry | None] = {}
        self._changing = changing
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._recover()
            # (without output/ the kept tree cannot catch up from it: a fresh tree is filled instead)
            output_id = tree_id(self.output)
            usable = keep_previous and lag is not None and spare_id is not None and output_id is not None \
                and tree_id(self.spare) == spare_id and spare_id != output_id
            if usable:
                self.dir, self.lag, self.fresh = self.spare, dict(lag or {}), False
                self._changing(spare_id)
            else:
                if self.spare.exists():
                    shutil.rmtree(self.spare, ignore_errors=True)
                self.dir = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.staging-", dir=self.parent))
                self.lag, self.fresh = {}, True
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

    def restore(self, blobs: Blobs, files: list[tuple[str, Entry]]) -> set[str]:
        """Fill a fresh work tree with the published files from their blobs, when output/ is
        gone but the cache knows it (a CI run). Afterwards the tree holds the manifest but for the
        paths returned (damaged or missing blobs), which the caller forgets from the manifest and
        makes again."""
        assert self.fresh
        try:
            bad = blobs.fill(self.dir, files)
        except OSError as exc:
            raise OutputError("output.cannot", output=self.output, detail=exc.strerror or str(exc)) from exc
        self.fresh, self.lag = False, {relative: None for relative in bad}
        return bad

    def tree(self) -> Tree:
        """What a worker process needs to write into the work tree (it sets `published`)."""
        return Tree(self.dir, self.output, self.fresh, self.lag, self.published)

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        self.record(relative, self.tree().write(relative, data))

    def record(self, relative: str, entry: Entry) -> None:
        """Note the bytes a file of the new site has (written here or by a worker)."""
        if self.published(relative) != entry:
            self.changes[relative] = entry
        else:
            self.changes.pop(relative, None)

    def adopt(self, relative: str) -> None:
        """Record a file a stage wrote straight into the work tree."""
        data = (self.dir / relative).read_bytes()
        self.record(relative, (digest(data), len(data)))

    def delete(self, relative: str) -> None:
        """A file the new site no longer has."""
        self.tree().remove(relative)
        if self.published(relative) is not None:
            self.changes[relative] = None
        else:
            self.changes.pop(relative, None)

    def commit(self, published_paths: Callable[[], list[str]] = list) -> dict[str, Entry | None]:
        """Bring the rest of the work tree in step (the last build's changes from output/, or
        everything when the tree is fresh) and make it the output, atomically where the system
        allows. Returns the new lag: what the tree kept beside output/ now differs in."""
        try:
            tree = self.tree()
            rest = published_paths() if self.fresh else sorted(self.lag)
            for relative in rest:
                if relative in self.changes:
                    continue
                entry = self.published(relative)
                if entry is None:
                    tree.remove(relative)
                elif not tree.keep(relative, entry):
                    raise OutputError("output.changed", path=self.output / relative)
            for relative, entry in self.changes.items():
                if entry is None:
                    tree.remove(relative)
                elif self.blobs is not None:
                    self.blobs.add(self.dir / relative, entry[0])
            self._prune_folders()
            self._swap()
            if self.seed_previous and not self.spare.exists() and self._seed():
                return {}  # the kept tree is the new output itself
            return {relative: self.published(relative) for relative in self.changes}
        except OSError as exc:
            raise OutputError("output.replace", output=self.output, detail=exc.strerror or str(exc)) from exc

    def _prune_folders(self) -> None:
        """Remove folders that deleted files left empty, deepest first."""
        folders = {parent for relative, entry in self.changes.items() if entry is None
                   for parent in Path(relative).parents if parent != Path(".")}
        for folder in sorted(folders, key=lambda f: -len(f.parts)):
            with suppress(OSError):
                os.rmdir(self.dir / folder)

    def _swap(self) -> None:
        os.chmod(self.dir, 0o755)
        if self.output.exists() and not parallel.portable() and _exchange(self.dir, self.output):
            if not self.keep_previous:
                shutil.rmtree(self.dir, ignore_errors=True)
            elif self.dir != self.spare:
                shutil.rmtree(self.spare, ignore_errors=True)
                os.rename(self.dir, self.spare)
            return
        if self.output.exists():  # two renames: a moment without output/, which _recover() repairs
            old = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.old-", dir=self.parent))
            os.rmdir(old)
            os.rename(self.output, old)
            os.rename(self.dir, self.output)
            if self.keep_previous and (self.dir == self.spare or not self.spare.exists()):
                os.rename(old, self.spare)
            else:
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(self.dir, self.output)

    def _seed(self) -> bool:
        """Make the kept tree a copy of output/ in hard links, put in place with one rename;
        False (and nothing kept) where the file system cannot link."""
        work = tempfile.mkdtemp(prefix=f".{self.output.name}.staging-", dir=self.parent)
        top = str(self.output)
        try:
            for directory, dirnames, filenames in os.walk(top):
                below = os.path.join(work, directory[len(top) + 1:]) if directory != top else work
                for name in dirnames:
                    os.mkdir(os.path.join(below, name))
                for name in filenames:
                    os.link(os.path.join(directory, name), os.path.join(below, name))
            os.chmod(work, 0o755)
            os.rename(work, self.spare)
            return True
        except OSError:
            shutil.rmtree(work, ignore_errors=True)
            return False

    def spare_id(self) -> TreeId | None:
        return tree_id(self.spare)

    def abort(self) -> None:
        if self.dir != self.spare:
            shutil.rmtree(self.dir, ignore_errors=True)


def link_into(source: Path, target: Path) -> None:
    """Make target the file source: a hard link put in place with one rename, so target is never
    half there; a target that already is that file stays as it is. Raises OSError where the file
    system has no hard links."""
    target.parent.mkdir(parents=True, exist_ok=True)
    spare = target.with_name(f".{target.name}.link")
    with suppress(FileNotFoundError):
        os.unlink(spare)
    os.link(source, spare)
    os.replace(spare, target)  # does nothing when target is already that file: then spare stays
    with suppress(FileNotFoundError):
        os.unlink(spare)


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
        # The process's own symbols (libc among them): find_library would run `ldconfig` in a
        # child process, a fork of the whole build.
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
