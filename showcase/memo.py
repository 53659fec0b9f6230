"""Derived values kept between builds in the cache, keyed by a digest of everything they come from.

One pickle file per kind of value (`<cache>/memo/<name>.pickle`), loaded whole at the start of a
build and written back at its end only when something was added or is no longer used, so a
rebuild pays one file read instead of re-parsing front matter or re-rendering Markdown. Keys are
digests of the input bytes and of a version the owning module bumps when its output changes; a
file that is cut short, damaged (its checksum differs) or foreign counts as empty, so the worst a bad cache can do is cost time.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

_MAGIC = b"showcase-memo-1\n"


def key(*parts: str | bytes) -> str:
    """A digest of the parts (strings are UTF-8), separated so that ("ab", "c") != ("a", "bc")."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


class Memo:
    """A dictionary from digest to value, persisted in the cache (or nowhere without a cache)."""

    def __init__(self, cache: Path | None, name: str) -> None:
        self.path = cache / "memo" / f"{name}.pickle" if cache is not None else None
        loaded = load(self.path, _MAGIC) if self.path else None
        self.old: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
        self.new: dict[str, Any] = {}

    def get(self, digest: str) -> Any:
        """The value stored under digest, or None; a hit is kept for the next build."""
        if digest in self.new:
            return self.new[digest]
        value = self.old.get(digest)
        if value is not None:
            self.new[digest] = value
        return value

    def put(self, digest: str, value: Any) -> None:
        self.new[digest] = value

    def save(self) -> None:
        """Write the values used by this build, if they differ from what was loaded."""
        if self.path is not None and self.new.keys() != self.old.keys():
            save(self.path, _MAGIC, self.new)


def load(path: Path, magic: bytes) -> Any:
    """The value pickled at path behind magic and a checksum, or None when the file is missing,
    cut short, damaged (the checksum decides, not pickle) or foreign."""
    try:
        data = path.read_bytes()
        check, payload = data[len(magic):len(magic) + 16], data[len(magic) + 16:]
        if not data.startswith(magic) or hashlib.blake2b(payload, digest_size=16).digest() != check:
            return None
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - whatever the file holds, it is no value at all
        return None


def save(path: Path, magic: bytes, value: Any) -> None:
    """Pickle value to path atomically, behind magic and a checksum; a failure only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        with open(temporary, "wb") as handle:
            handle.write(magic + hashlib.blake2b(payload, digest_size=16).digest() + payload)
        os.replace(temporary, path)
    except OSError:
        pass
