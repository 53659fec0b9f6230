"""The command line: `showcase build|check|new|serve` and `python build.py`; arguments in, exit code out.

Exit status: 0 ok, 1 content or build error, 2 usage error. This module only dispatches to the
command's module, parses the build's arguments, sets up the reporter and maps exceptions to exit
codes; all work happens in the pipeline and in `check`, `scaffold` and `serve`. Without a command
word (`python build.py --strict`) it builds, exactly as before the commands existed. The options
every command shares (`--content`, `--lang`, `--cache`) and the defaults that follow the site
folder (the folder holding `--content`) are defined here once.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from .config import first_language
from .errors import BuildFailed, ShowcaseError
from .messages import LANGUAGES, render
from .pipeline import DEFAULT_CACHE, Options, build
from .report import Reporter

COMMANDS_HELP = """\
commands (each has --help with examples):
  build      build content/ into output/ (the default when no command is given)
  check      validate all content without building; --format text|github|json
  new        create a product, maker, region, category or page file to fill in
  serve      build, serve on http://127.0.0.1:8000/ and rebuild and reload on every change
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
    try:
        build(options, Reporter(quiet=args.quiet, lang=lang))
    except BuildFailed:
        return 1
    return 0


def _commands() -> dict[str, Callable[[list[str]], int]]:
    from . import check, scaffold, serve

    return {"build": run_build, "check": check.main, "new": scaffold.main, "serve": serve.main}


def _language_of(argv: list[str]) -> str:
    """The language of a run, from its arguments alone (for errors raised before or after parsing)."""
    p = argparse.ArgumentParser(add_help=False)
    add_content(p)
    p.add_argument("--lang")
    known, _ = p.parse_known_args(argv)
    return known.lang if known.lang in LANGUAGES else first_language(known.content)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    commands = _commands()
    command = args[0] if args and args[0] in commands else None
    try:
        if command is None:
            return run_build(args)
        return commands[command](args[1:])
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
