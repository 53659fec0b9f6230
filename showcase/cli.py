"""The command line: `showcase build|check|new|serve` and `python build.py`; arguments in, exit code out.

Exit status: 0 ok, 1 content or build error, 2 usage error. This module only dispatches to the
command's module, parses the build's arguments, sets up the reporter and maps exceptions to exit
codes; all work happens in the pipeline and in `check`, `scaffold`, `newsite`, `serve` and `edit`. A build
whose inputs are all the last build's is answered here, before the build's stages are imported
(`quick`), and a command's module is imported only when that command runs. Without a command
word (`python build.py --strict`) it builds, exactly as before the commands existed. The options
every command shares (`--content`, `--lang`, `--cache`) and the defaults that follow the site
folder (the folder holding `--content`) are defined here once.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any, Callable

from . import __version__
from .errors import BuildFailed, ShowcaseError
from .messages import LANGUAGES, render
from .options import DEFAULT_CACHE, Options
from .report import Reporter

COMMANDS_HELP = """\
commands (each has --help with examples):
  build      build content/ into output/ (the default when no command is given)
  check      validate all content without building; --format text|github|json
  new        create a product, maker, region, category or page file to fill in;
             `new site DIR` creates a whole new site that builds at once
  serve      build, serve on http://127.0.0.1:8000/ and rebuild and reload on every change
  edit       serve, and the web editor at /admin/ saving into content/ (needs Node 20+)
"""

EPILOG = """\
examples:
  python build.py                                 build content/ into output/
  python build.py --base-url https://example.org/galeri/
  python build.py --strict                        warnings fail the build
  python build.py --lang en                       messages in English
  python build.py --content ../situs-lain/content builds ../situs-lain/output
  showcase build --drafts                         the same, with the console script

The site folder is the folder holding --content: the output, the templates and the cache
default to output/, templates/ and .cache/showcase/ in it, wherever the command runs from.

exit status: 0 built, 1 content or build error, 2 usage error

""" + COMMANDS_HELP


def program(command: str) -> str:
    """The name shown in usage lines: `showcase check`, or `build.py check` when run as a script."""
    base = "showcase" if Path(sys.argv[0]).name == "showcase" else "build.py"
    return f"{base} {command}" if command != "build" or base == "showcase" else base


def add_content(p: argparse.ArgumentParser) -> None:
    """The `--content DIR` option every command takes."""
    p.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                   help="content directory (default: content); its parent is the site folder")


def add_lang(p: argparse.ArgumentParser) -> None:
    """The `--lang id|en` option every command takes."""
    p.add_argument("--lang", choices=LANGUAGES,
                   help="language of every message: id (Bahasa Indonesia) or en (English); "
                        "default: the first of site.yaml's languages")


def add_cache(p: argparse.ArgumentParser, keeps: str) -> None:
    """`--cache DIR` and `--no-cache`; `keeps` says what the command keeps there."""
    p.add_argument("--cache", type=Path, metavar="DIR",
                   help=f"the cache, kept outside the output; {keeps} (default: .cache/showcase in the site folder)")
    p.add_argument("--no-cache", action="store_true", help="use no cache and keep nothing")


def site_folder(args: argparse.Namespace) -> Path:
    """The folder holding the content folder: where output, templates and cache live by default."""
    return Path(args.content).parent


def cache_dir(args: argparse.Namespace) -> Path | None:
    if getattr(args, "no_cache", False):
        return None
    return args.cache if args.cache is not None else site_folder(args) / DEFAULT_CACHE


def language(args: argparse.Namespace) -> str:
    """`--lang`, else the first of site.yaml's languages."""
    from .config import first_language  # reads site.yaml; the config module is not light

    return args.lang or first_language(Path(args.content))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=program("build"),
        description="Build a regional products showcase from Markdown content into a static site.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_content(p)
    p.add_argument("--output", type=Path, metavar="DIR",
                   help="where the site is written (default: output in the site folder); replaced only by a "
                        "successful build")
    p.add_argument("--templates", type=Path, metavar="DIR",
                   help="the site's templates; files not found there come from the built-in theme "
                        "(default: templates in the site folder)")
    add_cache(p, "it holds processed photos, QR codes, front matter, rendered text and the last build's state")
    p.add_argument("--base-url", metavar="URL",
                   help="public address of the site, e.g. https://example.org/galeri/ (default: site.yaml)")
    p.add_argument("--drafts", action="store_true", help="include products and pages marked draft: true")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--workers", type=int, metavar="N", help="processes for photos and text (default: all cores)")
    p.add_argument("--quiet", action="store_true", help="print only problems")
    add_lang(p)
    p.add_argument("--version", action="version", version=f"showcase {__version__}")
    return p


def run_build(argv: list[str]) -> int:
    """`showcase build` / `python build.py`."""
    p = parser()
    args = p.parse_args(argv)
    lang = language(args)
    if args.workers is not None and args.workers < 1:
        p.error(render(lang, "cli.workers"))
    site = site_folder(args)
    options = Options(content=args.content, output=args.output or site / "output",
                      templates=args.templates or site / "templates", cache=cache_dir(args),
                      base_url=args.base_url, drafts=args.drafts, strict=args.strict, workers=args.workers)
    reporter = Reporter(quiet=args.quiet, lang=lang)
    done, found = quick(options, reporter)
    if done:
        return 0
    from .pipeline import build  # the build's stages: imported only when there is work to do

    try:
        build(options, reporter, found)
    except BuildFailed:
        return 1
    return 0


def quick(options: Options, reporter: Reporter) -> tuple[bool, Any]:
    """Print the last report and answer True when nothing changed since the last build (with a
    cache): the no-change answer costs a look at every file's stat, not the build's imports.
    Also the scan it made (a `state.Scan`, or None), which the build then reuses."""
    import sqlite3
    import time

    from . import state
    from .options import build_date
    from .render import template_dirs
    from .store import Store, state_path
    from .writer import tree_id

    if options.cache is None or not state_path(options.cache, options.output).is_file():
        return False, None
    started = time.perf_counter()
    today = options.today or build_date()
    dirs = template_dirs(options.templates)
    try:
        store = Store(state_path(options.cache, options.output))
        try:
            found = state.scan(store, options, dirs, today)
            report = state.unchanged(store, options, dirs, today, found, tree_id(options.output),
                                     time.perf_counter() - started)
        finally:
            store.close()
    except (sqlite3.Error, OSError, ValueError):
        return False, None
    if report is None:
        return False, found
    reporter.summary(report)
    return True, found


COMMANDS = {"build": "", "check": "check", "new": "scaffold", "serve": "serve", "edit": "edit",
            "partners": "partners"}  # partners: the partner network (issue 14)
"""Each command word and the module whose `main` runs it (imported only when that command runs)."""


def _command(name: str) -> Callable[[list[str]], int]:
    if not COMMANDS[name]:
        return run_build
    module = importlib.import_module(f".{COMMANDS[name]}", __package__)
    return module.main  # type: ignore[no-any-return]


def _language_of(argv: list[str]) -> str:
    """The language of a run, from its arguments alone (for errors raised before or after parsing)."""
    from .config import first_language

    p = argparse.ArgumentParser(add_help=False)
    add_content(p)
    p.add_argument("--lang")
    known, _ = p.parse_known_args(argv)
    return known.lang if known.lang in LANGUAGES else first_language(known.content)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args and args[0] in COMMANDS else None
    try:
        if command is None:
            return run_build(args)
        return _command(command)(args[1:])
    except SystemExit as exit_:  # argparse: --help is 0, a usage error is 2
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    except ShowcaseError as exc:
        sys.stderr.write(render(_language_of(args), "cli.error", message=exc.render(_language_of(args))) + "\n")
        return exc.exit_code
    except OSError as exc:  # a full disk or a vanished folder where no stage expected it
        where = f" ({exc.filename})" if exc.filename else ""
        sys.stderr.write(render(_language_of(args), "cli.disk", detail=exc.strerror or str(exc), where=where,
                                output="output/") + "\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write(render(_language_of(args), "cli.interrupted", output="output/") + "\n")
        return 130
