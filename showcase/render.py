"""The Jinja environment and page rendering, with errors that name template line and page.

Owns template lookup (the site's own templates directory first, then the built-in theme),
autoescaping for every template whatever its extension, `StrictUndefined`, and turning a
template failure into a diagnostic. Templates receive view objects only (see views.py).
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import jinja2
import jinja2.meta
import markupsafe

from . import security
from .errors import Diagnostics
from .state import digest
from .views import PageOut
from .writer import put

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def template_dirs(site_templates: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins."""
    dirs = [site_templates] if site_templates is not None and site_templates.is_dir() else []
    if BUILTIN_TEMPLATES not in [d.resolve() for d in dirs]:
        dirs.append(BUILTIN_TEMPLATES)
    return dirs


def environment(site_templates: Path | None) -> jinja2.Environment:
    """A fresh environment: autoescape always on, undefined variables are errors."""
    loader = jinja2.FileSystemLoader([str(d) for d in template_dirs(site_templates)])
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    # Constants of showcase.security, not content: printed as they are (quotes unescaped).
    env.globals["security"] = {"csp": markupsafe.Markup(security.CSP), "referrer": security.REFERRER}
    return env


def template_digests(env: jinja2.Environment) -> dict[str, str]:
    """Per template name: a digest of its source and of every template it extends, includes or
    imports, so a template change re-renders exactly the pages that use it."""
    sources: dict[str, tuple[str, list[str]]] = {}

    def load(name: str) -> None:
        if name in sources:
            return
        try:
            text = env.loader.get_source(env, name)[0] if env.loader else ""
            refs = sorted(r for r in jinja2.meta.find_referenced_templates(env.parse(text)) if r)
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


@dataclass(frozen=True)
class Rendered:
    """One page rendered into the work tree (or the error that stopped it)."""

    output: str
    entry: tuple[str, int] | None
    error: tuple[str, str | None, int | None, str, str] | None = None  # code, file, line, message, hint


_JOB: dict[str, Any] = {}


def render_pages(env: jinja2.Environment, pages: Sequence[PageOut], diags: Diagnostics, display_root: Path,
                 into: Path, previous: Mapping[str, tuple[str, int]], workers: int | None = None,
                 progress: Callable[[int, int], None] | None = None) -> list[Rendered]:
    """Render each page into the work tree `into` (a file whose bytes `previous` already records
    is left alone), in forked workers when there are many; failures become diagnostics naming
    template and page. Returns what was rendered, in page order."""
    count = min(workers or os.cpu_count() or 1, max(1, len(pages) // 50))
    _JOB.update(env=env, pages=pages, root=display_root, into=into, previous=previous)
    chunks = [range(i, min(i + CHUNK, len(pages))) for i in range(0, len(pages), CHUNK)]
    results: list[Rendered] = []
    try:
        if count > 1 and sys.platform == "linux" and threading.active_count() == 1:
            with multiprocessing.get_context("fork").Pool(count) as pool:
                for done in pool.imap(_render_chunk, [(c.start, c.stop) for c in chunks]):
                    results += done
                    if progress:
                        progress(len(results), len(pages))
        else:
            for chunk in chunks:
                results += _render_chunk((chunk.start, chunk.stop))
                if progress:
                    progress(len(results), len(pages))
    finally:
        _JOB.clear()
    stopped = False  # a broken or missing template is reported once, for the first page using it
    for item in results:
        if item.error and not (stopped and item.error[0] != "TPL_RENDER"):
            code, filename, line, message, hint = item.error
            diags.error(filename or "templates", line, code, message, hint)
            stopped = stopped or code != "TPL_RENDER"
    return results


CHUNK = 64


def _render_chunk(bounds: tuple[int, int]) -> list[Rendered]:
    env, pages, root = _JOB["env"], _JOB["pages"], _JOB["root"]
    into, previous = _JOB["into"], _JOB["previous"]
    done = []
    for page in pages[bounds[0]:bounds[1]]:
        try:
            data = env.get_template(page.template).render(page.context).encode("utf-8")
        except jinja2.TemplateSyntaxError as exc:
            error = ("TPL_SYNTAX", _display(exc.filename, root), exc.lineno,
                     f"{exc.message} (while rendering {page.output})", "fix the template syntax at this line")
            return done + [Rendered(page.output, None, error)]
        except jinja2.TemplateNotFound as exc:
            error = ("TPL_MISSING", page.owner, None, f"template {exc.name} not found",
                     "restore it in templates/ or in the site's templates directory")
            return done + [Rendered(page.output, None, error)]
        except Exception as exc:  # noqa: BLE001 - any template failure becomes a diagnostic
            filename, line = _template_frame(exc)
            error = ("TPL_RENDER", _display(filename, root), line,
                     f"{type(exc).__name__}: {exc} (while rendering {page.output} from {page.owner})",
                     "templates may only use the variables listed in docs/templates.md")
            done.append(Rendered(page.output, None, error))
            continue
        entry = (digest(data), len(data))
        if previous.get(page.output) != entry:
            put(into, page.output, data)
        done.append(Rendered(page.output, entry))
    return done


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
