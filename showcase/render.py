"""The Jinja environment and page rendering, with errors that name template line and page.

Owns template lookup (the site's own templates directory first, then the built-in theme),
autoescaping for every template whatever its extension, `StrictUndefined`, the digest of each
template with everything it uses (so a template change rebuilds exactly the pages using it), and
turning a template failure into a diagnostic. Templates receive view objects only (views.py).
"""
from __future__ import annotations

import hashlib
import sys
import traceback
from collections.abc import Sequence
from typing import Any
from pathlib import Path

import jinja2
import jinja2.meta

from . import security
from .assets import builtin_theme
from .views import Page

BUILTIN_TEMPLATES = builtin_theme()


def template_dirs(site_templates: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins."""
    dirs = [site_templates] if site_templates is not None and site_templates.is_dir() else []
    if BUILTIN_TEMPLATES not in [d.resolve() for d in dirs]:
        dirs.append(BUILTIN_TEMPLATES)
    return dirs


def environment(site_templates: Path | None | Sequence[Path], bytecode: Path | None = None) -> jinja2.Environment:
    """A fresh environment: autoescape always on, undefined variables are errors. Takes the
    site's templates folder, or the lookup folders themselves (see template_dirs). `bytecode`: a
    folder where compiled templates are kept by their source's checksum, so a worker of a later
    build loads them instead of compiling them again."""
    dirs = site_templates if isinstance(site_templates, (list, tuple)) else template_dirs(site_templates)
    loader = jinja2.FileSystemLoader([str(d) for d in dirs])
    cache = None
    if bytecode is not None:
        try:
            bytecode.mkdir(parents=True, exist_ok=True)
            cache = jinja2.FileSystemBytecodeCache(str(bytecode))
        except OSError:  # a read-only cache only costs time
            cache = None
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             bytecode_cache=cache)
    # A constant of showcase.security, not content (the policy itself is `site.csp`).
    env.globals["security"] = {"referrer": security.REFERRER}
    return env


def template_digests(env: jinja2.Environment, known: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Per template name: a digest of its source and of every template it extends, includes or
    imports, so a template change re-renders exactly the pages that use it. `known`: the
    templates each source refers to, by the source's digest (kept between builds, so only a
    changed template is parsed); new ones are added to it."""
    sources: dict[str, tuple[str, list[str]]] = {}
    known = {} if known is None else known

    def load(name: str) -> None:
        if name in sources:
            return
        try:
            text = env.loader.get_source(env, name)[0] if env.loader else ""
            key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
            refs = known.get(key)
            if refs is None:
                refs = known[key] = sorted(r for r in jinja2.meta.find_referenced_templates(env.parse(text)) if r)
        except jinja2.TemplateError:
            text, refs = f"unreadable {name}", []
        sources[name] = (text, refs)
        for ref in refs:
            load(ref)

    def closure(name: str) -> list[str]:
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                load(current)
                todo += sources[current][1]
        return sorted(seen)

    names = env.loader.list_templates() if env.loader else []
    result = {}
    for name in names:
        h = hashlib.blake2b(digest_size=16)
        for part in closure(name):
            h.update(f"{part}\0{sources[part][0]}\0".encode())
        result[name] = h.hexdigest()
    return result


def render_one(env: jinja2.Environment, page: Page, root: Path
               ) -> tuple[bytes | None, tuple[str, str | None, int | None, dict[str, Any]] | None]:
    """A page's bytes, or the diagnostic fields of why it could not be rendered (code, file, line,
    parameters)."""
    try:
        return env.get_template(page.template).render(page.context()).encode("utf-8"), None
    except jinja2.TemplateSyntaxError as exc:
        return None, ("TPL_SYNTAX", _display(exc.filename, root), exc.lineno,
                      {"detail": exc.message or "", "page": page.spec.output})
    except jinja2.TemplateNotFound as exc:
        return None, ("TPL_MISSING", "templates", None, {"name": str(exc.name)})
    except Exception as exc:  # noqa: BLE001 - any template failure becomes a diagnostic
        filename, line = _template_frame(exc)
        return None, ("TPL_RENDER", _display(filename, root), line,
                      {"detail": f"{type(exc).__name__}: {exc}", "page": page.spec.output, "owner": page.spec.owner})


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line of a rendering exception (Jinja rewrites frames)."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__ or sys.exc_info()[2]):
        if frame.filename.endswith((".html", ".xml", ".txt", ".j2", ".jinja")):
            found = (frame.filename, frame.lineno)
    return found


def _display(filename: str | None, root: Path) -> str:
    if not filename:
        return "templates"
    path = Path(filename).resolve()
    for base in (root, BUILTIN_TEMPLATES.parent):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()
