"""Static theme files (CSS, JS) with content-hashed names, the site's own overriding the theme's.

Owns finding `static/` files in the template directories and naming each `assets/<stem>.<hash>
<ext>`, so they can be cached for ever and a change gets a new URL. Pure: returns bytes and
names, the writer writes them.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Asset:
    name: str
    output: str
    data: bytes


def collect(template_dirs: list[Path]) -> dict[str, Asset]:
    """Every file under `<dir>/static/`, first directory wins, keyed by its relative name."""
    found: dict[str, Asset] = {}
    for directory in template_dirs:
        static = directory / "static"
        if not static.is_dir():
            continue
        for path in sorted(p for p in static.rglob("*") if p.is_file() and not p.name.startswith(".")):
            name = path.relative_to(static).as_posix()
            if name in found:
                continue
            data = path.read_bytes().replace(b"\r\n", b"\n")
            digest = hashlib.sha256(data).hexdigest()[:10]
            stem, dot, suffix = name.rpartition(".")
            hashed = f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"
            found[name] = Asset(name, f"assets/{hashed}", data)
    return found
