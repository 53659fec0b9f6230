"""The Jinja environment and page rendering, with errors that name template line and page.

Owns template lookup (the site's own templates directory first, then the built-in theme),
autoescaping for every template whatever its extension, `StrictUndefined`, the digest of each
template with everything it uses, producing pages in worker processes (build, sign, render or
keep, write into the work tree), and turning a template failure into a diagnostic. Templates
receive view objects only (see views.py).
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence, TypeVar

import jinja2
import jinja2.meta
import markupsafe

from . import security
from .errors import Diagnostics
from .views import Packed, PageOut, pack, summary, unpack
from .writer import Tree

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
class Made:
    """One page after production: its summary for later stages (see views.summary), its
    signature, the (digest, size) of its file, whether it was rendered or kept, or its error."""

    page: PageOut
    signature: str
    entry: tuple[str, int] | None
    rendered: bool
    error: tuple[str, str | None, int | None, dict[str, Any]] | None = None  # code, file, line, parameters
    inputs: str | None = None

    def record(self) -> Record:
        """What the next build needs: signature, inputs and, for a page with inputs, its summary."""
        return (self.signature, self.inputs, pack(self.page) if self.inputs is not None else None)


Record = tuple[str, "str | None", "Packed | None"]


@dataclass(frozen=True)
class Deferred:
    """A page not built yet: its output, a digest of its inputs, and how to build it. When the
    inputs are those of the last build and its file can be kept, it is never built."""

    output: str
    inputs: str
    build: Callable[[], PageOut]


_JOB: dict[str, Any] = {}
T = TypeVar("T")


def produce(env: jinja2.Environment, tasks: Sequence[T], make: Callable[[T], Sequence[PageOut | Deferred]],
            size: Callable[[T], int], sign: Callable[[PageOut], str], old: Mapping[str, Record], tree: Tree,
            diags: Diagnostics, display_root: Path, workers: int | None = None,
            progress: Callable[[int, int], None] | None = None) -> list[Made]:
    """Make the pages of each task (`make` builds their views, or defers them), and render into the
    work tree each page whose signature differs from the last build's (`old`: Made.record() by
    output) or whose published file cannot be kept; a deferred page with the same inputs is not
    even built. Runs in forked workers when there is enough to do, so views are built and rendered
    on every core and never all held at once. Failures become diagnostics naming template and
    page; the result is in task order."""
    total = sum(size(task) for task in tasks)
    count = min(workers or os.cpu_count() or 1, len(tasks), max(1, total // 50))
    _JOB.update(env=env, tasks=tasks, make=make, sign=sign, old=old, tree=tree, root=display_root)
    made: list[Made] = []
    try:
        if count > 1 and sys.platform == "linux" and threading.active_count() == 1:
            gc.freeze()  # the workers' collector then leaves the parent's objects (and their pages) alone
            try:
                with multiprocessing.get_context("fork").Pool(count) as pool:
                    for done in pool.imap(_produce_task, range(len(tasks))):
                        made += done
                        if progress:
                            progress(len(made), total)
            finally:
                gc.unfreeze()
        else:
            for index in range(len(tasks)):
                made += _produce_task(index)
                if progress:
                    progress(len(made), total)
    finally:
        _JOB.clear()
    stopped = False  # a broken or missing template is reported once, for the first page using it
    for item in made:
        if item.error and not (stopped and item.error[0] != "TPL_RENDER"):
            code, filename, line, params = item.error
            diags.error(filename or "templates", line, code, **params)
            stopped = stopped or code != "TPL_RENDER"
    return made


def _produce_task(index: int) -> list[Made]:
    env, root, tree, old, sign = _JOB["env"], _JOB["root"], _JOB["tree"], _JOB["old"], _JOB["sign"]
    done = []
    for item in _JOB["make"](_JOB["tasks"][index]):
        inputs = None
        if isinstance(item, Deferred):
            last, inputs = old.get(item.output), item.inputs
            entry = tree.keep(item.output) if last is not None and last[1] == inputs and last[2] else None
            if last is not None and entry is not None:
                done.append(Made(unpack(last[2]), last[0], entry, False, None, inputs))
                continue
            item = item.build()
        page, signature = item, sign(item)
        last = old.get(page.output)
        entry = tree.keep(page.output) if last is not None and last[0] == signature else None
        if entry is not None:
            done.append(Made(summary(page), signature, entry, False, None, inputs))
            continue
        data, error = render_one(env, page, root)
        if data is None:
            done.append(Made(summary(page), signature, None, True, error, inputs))
            continue
        done.append(Made(summary(page), signature, tree.write(page.output, data), True, None, inputs))
    return done


def render_one(env: jinja2.Environment, page: PageOut, root: Path
               ) -> tuple[bytes | None, tuple[str, str | None, int | None, dict[str, Any]] | None]:
    """A page's bytes, or the diagnostic fields of why it could not be rendered."""
    try:
        return env.get_template(page.template).render(page.context).encode("utf-8"), None
    except jinja2.TemplateSyntaxError as exc:
        return None, ("TPL_SYNTAX", _display(exc.filename, root), exc.lineno,
                      {"detail": exc.message or "", "page": page.output})
    except jinja2.TemplateNotFound as exc:
        return None, ("TPL_MISSING", page.owner, None, {"name": str(exc.name)})
    except Exception as exc:  # noqa: BLE001 - any template failure becomes a diagnostic
        filename, line = _template_frame(exc)
        return None, ("TPL_RENDER", _display(filename, root), line,
                      {"detail": f"{type(exc).__name__}: {exc}", "page": page.output, "owner": page.owner})


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
