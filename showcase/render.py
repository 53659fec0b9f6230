"""The Jinja environment and page rendering, with errors that name template line and page.

Owns template lookup (the site's own templates directory first, then the built-in theme),
autoescaping for every template whatever its extension, `StrictUndefined`, and turning a
template failure into a diagnostic. Templates receive view objects only (see views.py).
"""
from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Callable, Iterable

import jinja2
import markupsafe

from . import security
from .errors import Diagnostics
from .views import PageOut

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


def render_pages(env: jinja2.Environment, pages: Iterable[PageOut], diags: Diagnostics,
                 display_root: Path, write: Callable[[str, str], None]) -> int:
    """Render each page and hand it to write(); failures are diagnostics naming template and page."""
    count = 0
    for page in pages:
        try:
            template = env.get_template(page.template)
            write(page.output, template.render(page.context))
            count += 1
        except jinja2.TemplateSyntaxError as exc:
            diags.error(_display(exc.filename, display_root), exc.lineno, "TPL_SYNTAX",
                        f"{exc.message} (while rendering {page.output})",
                        "fix the template syntax at this line")
            return count
        except jinja2.TemplateNotFound as exc:
            diags.error(page.owner, None, "TPL_MISSING", f"template {exc.name} not found",
                        "restore it in templates/ or in the site's templates directory")
            return count
        except Exception as exc:  # noqa: BLE001 - any template failure becomes a diagnostic
            filename, line = _template_frame(exc)
            diags.error(_display(filename, display_root), line, "TPL_RENDER",
                        f"{type(exc).__name__}: {exc} (while rendering {page.output} from {page.owner})",
                        "templates may only use the variables listed in docs/templates.md")
    return count


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
