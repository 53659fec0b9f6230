"""The command line: `python build.py` and the `showcase` command; arguments in, exit code out.

Exit status: 0 built, 1 content or build error, 2 usage error. All work happens in the pipeline;
this module only parses arguments, sets up the reporter and maps exceptions to exit codes.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import BuildFailed, ShowcaseError
from .pipeline import DEFAULT_CACHE, Options, build
from .report import Reporter

EPILOG = """\
examples:
  python build.py                                 build content/ into output/
  python build.py --base-url https://example.org/galeri/
  python build.py --strict                        warnings fail the build (use on pull requests)
  python build.py --content ../situs-lain/content --output /tmp/situs

exit status: 0 built, 1 content or build error, 2 usage error
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="showcase build" if Path(sys.argv[0]).name == "showcase" else "build.py",
        description="Build a regional products showcase from Markdown content into a static site.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                   help="content directory (default: content)")
    p.add_argument("--output", type=Path, default=Path("output"), metavar="DIR",
                   help="where the site is written (default: output); replaced only by a successful build")
    p.add_argument("--templates", type=Path, default=Path("templates"), metavar="DIR",
                   help="the site's templates; files not found there come from the built-in theme "
                        "(default: templates)")
    p.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="DIR",
                   help=f"cache of processed photos, outside the output (default: {DEFAULT_CACHE})")
    p.add_argument("--no-cache", action="store_true", help="process every photo again, use no cache")
    p.add_argument("--base-url", metavar="URL",
                   help="public address of the site, e.g. https://example.org/galeri/ (default: site.yaml)")
    p.add_argument("--drafts", action="store_true", help="include products and pages marked draft: true")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--workers", type=int, metavar="N", help="processes for photos and text (default: all cores)")
    p.add_argument("--quiet", action="store_true", help="print only problems")
    return p


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["build"]:
        args_list = args_list[1:]
    args = parser().parse_args(args_list)
    if args.workers is not None and args.workers < 1:
        parser().error("--workers must be at least 1")
    options = Options(content=args.content, output=args.output, templates=args.templates,
                      cache=None if args.no_cache else args.cache, base_url=args.base_url,
                      drafts=args.drafts, strict=args.strict, workers=args.workers)
    reporter = Reporter(quiet=args.quiet)
    try:
        build(options, reporter)
    except BuildFailed:
        return 1
    except ShowcaseError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("interrupted; output/ was not changed\n")
        return 130
    return 0
