"""The built-in theme's place, and static theme files (CSS, JS) with content-hashed names.

Owns where the built-in theme lives (package data `showcase/theme/` in an installed wheel, the
repository's `templates/` in a checkout or an editable install), finding `static/` files in the
template directories (the site's own overriding the theme's), naming each `assets/<stem>.<hash>
<ext>`, so they can be cached for ever and a change gets a new URL, and reporting a theme file
that is missing. Pure: returns bytes and names, the writer writes them.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import Diagnostics

REQUIRED = ("site.css", "site.js", "search.js")
"""Static files every page links to: without them the views have no URL to print."""


def builtin_theme() -> Path:
    """The built-in theme folder (templates and `static/`). A wheel carries it as package data
    mapped from the repository's `templates/` (pyproject.toml); a source checkout or editable
    install uses that folder itself, so there is one copy of the theme."""
    packaged = Path(str(resources.files(__package__ or "showcase") / "theme"))
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "templates"


def check_theme(template_dirs: list[Path], found: dict[str, "Asset"], diags: Diagnostics) -> None:
    """A located error for each static file the pages need that no template folder has."""
    theme = builtin_theme()
    if not (theme / "base.html").is_file():
        diags.error(theme.as_posix(), None, "THEME_MISSING")
    for name in REQUIRED:
        if name not in found:
            where = " or ".join((d / "static" / name).as_posix() for d in template_dirs)
            diags.error(where, None, "THEME_ASSET", name=name, theme=theme.as_posix())


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
