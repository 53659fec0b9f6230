"""What a person sees while and after building: progress on long work and a one-screen summary.

Owns all user-facing output of a build, in the editor's language. Progress goes to stderr,
redrawn in place on a terminal and as a few plain lines in CI logs; the summary lists counts,
every problem (errors, warnings and fixes, on a failed build too) and time. `verdict` words a
run's counts the same way for `build` and `check`.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from .errors import Diagnostic
from .messages import problems_count, render
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
    cache_state: int = 0
    """Bytes of the build state in the cache (0 without a cache)."""
    cache_blobs: int = 0
    """Bytes of the cache's copies of output/ files (hard links to them where the system allows)."""


PROGRESS = {"pages": "report.progress.pages", "images": "report.progress.images",
            "photos checked": "report.progress.photos"}


def failed(errors: int, warnings: int, strict: bool) -> bool:
    """Whether a run with these counts fails: any error, or any warning under --strict."""
    return bool(errors or (strict and warnings))


def verdict(lang: str, key: str, errors: int, warnings: int, strict: bool, output: str = "") -> str:
    """`Build failed: 1 error, 2 warnings. ...`: a run's counts, the same words for build and check;
    under --strict the warnings stay warnings, and a note says they count as errors."""
    counts = problems_count(lang, errors, warnings)
    if strict and warnings:
        counts += f" ({render(lang, 'report.strict')})"
    return render(lang, key, counts=counts, output=output)


class Reporter:
    """Progress and summary printer in one language (`id` or `en`); quiet=True prints only problems."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False, lang: str = "id") -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.lang = lang
        self.tty = self.stream.isatty()
        self._last = 0.0

    def progress(self, stage: str, done: int, total: int) -> None:
        """`stage` is one of PROGRESS: pages, images, photos checked."""
        if self.quiet or total < 20:
            return
        now = time.monotonic()
        label = render(self.lang, PROGRESS[stage]) if stage in PROGRESS else stage
        if self.tty:
            if done == total or now - self._last > 0.1:
                self.stream.write(f"\r  {label}: {done}/{total}" + (" \n" if done == total else ""))
                self.stream.flush()
                self._last = now
        elif done == total or now - self._last > 5:
            self.stream.write(f"  {label}: {done}/{total}\n")
            self._last = now

    def stage(self, text: str) -> None:
        if not self.quiet:
            self.stream.write(f"{text}\n")

    def problems(self, diagnostics: list[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.stream.write(diagnostic.format(self.lang) + "\n")

    def line(self, key: str, value: str) -> None:
        self.stream.write(f"  {render(self.lang, key):<15}{value}\n")

    def summary(self, report: BuildReport) -> None:
        w, lang = self.stream.write, self.lang
        if report.errors or report.warnings or report.fixes:
            w("\n")
            self.problems(report.errors)
            self.problems(report.warnings)
            self.problems(report.fixes)
        if failed(len(report.errors), len(report.warnings), report.strict):
            w("\n" + verdict(lang, "report.failed", len(report.errors), len(report.warnings), report.strict,
                              (report.output or "output").rstrip("/") + "/") + "\n")
            return
        if self.quiet:
            return
        w("\n")
        if report.unchanged:
            self.line("report.unchanged", render(lang, "report.unchanged.line", output=report.output))
            self.line("report.warnings", str(len(report.warnings)))
            self.line("report.time", render(lang, "report.seconds", seconds=report.seconds))
            return
        self.line("report.pages", render(lang, "report.pages.line", pages=report.pages, products=report.products,
                                         languages=", ".join(report.languages), rendered=report.rendered))
        self.line("report.images", render(lang, "report.images.line", made=report.images_made,
                                          reused=report.images_reused))
        if report.offline:
            self.line("report.offline", offline_line(report.offline, lang))
        if report.cache_state:
            mb = 1024 * 1024
            self.line("report.cache", render(lang, "report.cache.line", total=(report.cache_state + report.cache_blobs) / mb,
                                             state=report.cache_state / mb, blobs=report.cache_blobs / mb))
        for code, files in report.untranslated.items():
            self.line("report.translations", translation_line(code, files, lang))
        self.line("report.warnings", str(len(report.warnings)))
        self.line("report.fixed", str(len(report.fixes)))
        self.line("report.time", render(lang, "report.seconds", seconds=report.seconds))
        w(render(lang, "report.built", output=report.output) + "\n")


def missing_translations(catalog: Catalog, languages: tuple[str, ...]) -> dict[str, list[str]]:
    """Per language after the first: the content files that have no translation file in it."""
    return {lang: sorted(e.display for e in catalog.entries() if e.translation(lang) is None)
            for lang in languages[1:]}


def translation_line(code: str, files: list[str], lang: str = "id", shown: int = 3) -> str:
    """`en: 2 files without a translation (a.md, b.md)`; past `shown` files, a count of the rest."""
    if not files:
        return render(lang, "report.translations.all", lang=code)
    names = ", ".join(files[:shown])
    if len(files) > shown:
        names = render(lang, "report.more", names=names, n=len(files) - shown)
    key = "report.translations.missing.one" if len(files) == 1 else "report.translations.missing"
    return render(lang, key, lang=code, n=len(files), names=names)


OFFLINE_KINDS = {"record": "report.offline.record", "page": "report.offline.page", "search": "report.offline.search", "photo": "report.offline.photo",
                 "image": "report.offline.image", "other": "report.offline.other"}


def offline_line(result: OfflineResult, lang: str = "id") -> str:
    """`42 files, 1.9 MB precached of 4 MB; left out: 3 photos (first /produk/x/)`."""
    if result.kill_switch:
        return render(lang, "report.offline.kill")
    mb = 1024 * 1024
    line = render(lang, "report.offline.line", files=result.files, mb=result.bytes / mb, budget=result.budget / mb)
    if result.split:
        line += render(lang, "report.offline.split", **{k: v / mb for k, v in result.split.items()})
    if result.left_out:
        parts = ", ".join(render(lang, OFFLINE_KINDS[kind], n=n) if kind in OFFLINE_KINDS else f"{n} {kind}"
                          for kind, n in result.left_out.items())
        line += render(lang, "report.offline.over", parts=parts, first=result.first_left_out)
    if result.suggested_mb:
        line += render(lang, "report.offline.suggest", mb=result.suggested_mb)
    return line
