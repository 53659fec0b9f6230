"""What a person sees while and after building: progress on long work and a one-screen summary.

Owns all user-facing output of a build. Progress goes to stderr, redrawn in place on a terminal
and as a few plain lines in CI logs; the summary lists counts, every warning and fix, and time.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from .errors import Diagnostic
from .model import Catalog

if TYPE_CHECKING:
    from .offline import OfflineResult


@dataclass
class BuildReport:
    """The outcome of one build, for the summary and for tests."""

    pages: int = 0
    images_made: int = 0
    images_reused: int = 0
    products: int = 0
    languages: tuple[str, ...] = ()
    output: str = ""
    seconds: float = 0.0
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    fixes: list[Diagnostic] = field(default_factory=list)
    strict: bool = False
    untranslated: dict[str, list[str]] = field(default_factory=dict)
    offline: OfflineResult | None = None
    rendered: int = 0
    unchanged: bool = False


class Reporter:
    """Progress and summary printer; quiet=True prints only problems."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty()
        self._last = 0.0

    def progress(self, stage: str, done: int, total: int) -> None:
        if self.quiet or total < 20:
            return
        now = time.monotonic()
        if self.tty:
            if done == total or now - self._last > 0.1:
                self.stream.write(f"\r  {stage}: {done}/{total}" + (" \n" if done == total else ""))
                self.stream.flush()
                self._last = now
        elif done == total or now - self._last > 5:
            self.stream.write(f"  {stage}: {done}/{total}\n")
            self._last = now

    def stage(self, text: str) -> None:
        if not self.quiet:
            self.stream.write(f"{text}\n")

    def problems(self, diagnostics: list[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.stream.write(diagnostic.format() + "\n")

    def summary(self, report: BuildReport) -> None:
        w = self.stream.write
        if report.errors:
            w("\n")
            self.problems(report.errors)
            blocking = len(report.errors)
            w(f"\nBuild failed: {blocking} error(s), {len(report.warnings)} warning(s). "
              f"output/ was not changed.\n")
            if report.strict and report.warnings and blocking == len(report.warnings):
                w("(--strict: warnings count as errors)\n")
            return
        if report.warnings or report.fixes:
            w("\n")
            self.problems(report.warnings)
            self.problems(report.fixes)
        if self.quiet:
            return
        w("\n")
        if report.unchanged:
            w(f"  unchanged      no file changed since the last build; {report.output} left as it was\n")
            w(f"  warnings       {len(report.warnings)}\n")
            w(f"  time           {report.seconds:.2f} s\n")
            return
        w(f"  pages          {report.pages} ({report.products} products, languages: "
          f"{', '.join(report.languages)}), {report.rendered} rendered\n")
        w(f"  images         {report.images_made} made, {report.images_reused} reused from cache\n")
        if report.offline:
            w(f"  offline        {offline_line(report.offline)}\n")
        for lang, files in report.untranslated.items():
            w(f"  translations   {translation_line(lang, files)}\n")
        w(f"  warnings       {len(report.warnings)}\n")
        w(f"  fixed          {len(report.fixes)}\n")
        w(f"  time           {report.seconds:.2f} s\n")
        w(f"Built {report.output}\n")


def missing_translations(catalog: Catalog, languages: tuple[str, ...]) -> dict[str, list[str]]:
    """Per language after the first: the content files that have no translation file in it."""
    return {lang: sorted(e.display for e in catalog.entries() if e.translation(lang) is None)
            for lang in languages[1:]}


def translation_line(lang: str, files: list[str], shown: int = 3) -> str:
    """`en: 2 files without a translation (a.md, b.md)`; past `shown` files, a count of the rest."""
    if not files:
        return f"{lang}: every file translated"
    names = ", ".join(files[:shown]) + (f" and {len(files) - shown} more" if len(files) > shown else "")
    return f"{lang}: {len(files)} file{'s' if len(files) != 1 else ''} without a translation ({names})"


def offline_line(result: OfflineResult) -> str:
    """`42 files, 1.9 MB precached of 4 MB; left out: 3 photos (first /produk/x/)`."""
    if result.kill_switch:
        return "kill switch: sw.js removes itself and its caches"
    mb = 1024 * 1024
    line = f"{result.files} files, {result.bytes / mb:.1f} MB precached of {result.budget / mb:g} MB"
    if result.left_out:
        names = {"page": "pages", "search": "search files", "photo": "product photos", "image": "covers and logos",
                 "other": "printable pages"}
        parts = ", ".join(f"{n} {names.get(kind, kind)}" for kind, n in result.left_out.items())
        line += f"; over budget, left out: {parts} (first {result.first_left_out})"
    return line
