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
        self.old: dict[str, Any] = _load(self.path) if self.path else {}
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
        if self.path is None or self.new.keys() == self.old.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            payload = pickle.dumps(self.new, protocol=pickle.HIGHEST_PROTOCOL)
            with open(temporary, "wb") as handle:
                handle.write(_MAGIC + hashlib.blake2b(payload, digest_size=16).digest() + payload)
            os.replace(temporary, self.path)
        except OSError:
            pass  # the memo only saves time


def _load(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
        check, payload = data[len(_MAGIC):len(_MAGIC) + 16], data[len(_MAGIC) + 16:]
        if not data.startswith(_MAGIC) or hashlib.blake2b(payload, digest_size=16).digest() != check:
            return {}  # cut short or damaged: a checksum, not pickle, decides
        value = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - missing, damaged or foreign: start empty
        return {}
    return value if isinstance(value, dict) else {}
