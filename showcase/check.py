"""`showcase check`: validate all content without building, and say how complete it is.

Runs the pipeline's `analyse()` (the same reading, validation and cross-checks as a build, no
output, no photo encoding) and prints every problem in one of three forms, in the editor's
language: text for people, GitHub Actions annotations (`::error file=...,line=...::...`) so
problems appear on a pull request's lines, or JSON for other tools. It then summarises
completeness: products without photos, price or English translation, expired licences, photos
far larger than needed. With `--strict --changed-since REF` only warnings in files changed
since REF (see `changes`) are fatal; errors always are, among them a product or maker page REF
published that the change removes with no alias (`gone_since`). It writes no site, only its cache (the
site folder's `.cache/showcase` by default). It never decides what is wrong (the stages do);
completeness notes never fail the check.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import slugs, yamlnodes
from .changes import changed_files, earlier_versions
from .cli import add_cache, add_content, add_lang, cache_dir, language, program
from .errors import Diagnostic, Diagnostics, Severity
from .loader import classify
from .routes import Routes
from .source import split_front_matter
from .messages import Text, problems_count, render
from .pipeline import Analysis, Options, analyse
from .report import verdict

Detail = str | Text

FORMATS = ("text", "github", "json")
LARGE_SIDE_PX = 4000
LARGE_FILE_MB = 5.0

EPILOG = """\
examples:
  showcase check                            every problem, then the completeness summary
  showcase check --strict                   warnings fail too
  showcase check --strict --changed-since origin/main
                                            warnings fail only in files changed since the branch
                                            left origin/main (as on pull requests); errors anywhere
  showcase check --format github            annotations on the pull request's lines
  showcase check --format json > check.json
  showcase check --lang en                  messages in English (default: the site's first language)
  python build.py check --content ../situs-lain/content

--changed-since REF counts a file as changed when `git diff REF...HEAD` lists it (changes since
the merge base of REF and HEAD, as a pull request shows them), when it has uncommitted changes,
or when it is new and not ignored.

check writes no site. It keeps its cache, the front matter, rendered text and photo
measurements it read, in the site folder's .cache/showcase (or --cache DIR; --no-cache keeps
nothing), so that the next check and build are quicker.

exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error
"""


@dataclass
class Completeness:
    """What is missing or oversized, per product or photo: (file, detail) pairs."""

    products: int = 0
    no_photo: list[tuple[str, Detail]] = field(default_factory=list)
    no_price: list[tuple[str, Detail]] = field(default_factory=list)
    no_english: list[tuple[str, Detail]] = field(default_factory=list)
    expired: list[tuple[str, Detail]] = field(default_factory=list)
    large_photos: list[tuple[str, Detail]] = field(default_factory=list)

    LABELS = (("no_photo", "check.no_photo"), ("no_price", "check.no_price"), ("no_english", "check.no_english"),
              ("expired", "check.expired"), ("large_photos", "check.large_photos"))

    def as_dict(self, lang: str) -> dict[str, object]:
        result: dict[str, object] = {"products": self.products}
        for name, _ in self.LABELS:
            result[name] = [{"path": path, "detail": words(detail, lang)} for path, detail in getattr(self, name)]
        return result


def words(detail: Detail, lang: str) -> str:
    return detail.render(lang) if isinstance(detail, Text) else detail


SHOWN = 10
"""Files listed per completeness line in text output; a long catalogue would bury the problems."""


def completeness(analysis: Analysis) -> Completeness:
    """Count what editors may still want to add or fix; nothing here is an error."""
    result = Completeness(products=len(analysis.catalog.products))
    english = "en" in analysis.config.languages
    for product in analysis.catalog.products:
        if not product.images:
            result.no_photo.append((product.display, product.title))
        if product.lowest_price is None:
            result.no_price.append((product.display, product.title))
        if english and product.translation("en") is None:
            result.no_english.append((product.display, product.title))
        for cert in product.certifications:
            if not cert.valid_on(analysis.today):
                result.expired.append((product.display, Text.of("check.expired.detail", type=cert.type,
                                                                 number=cert.number, date=cert.valid_until)))
    plans = (analysis.store.plan(source) for source in analysis.store.plan_sources())
    for plan in sorted((p for p in plans if p is not None), key=lambda p: p.display):
        size_mb = plan.source.stat().st_size / (1024 * 1024) if plan.source.exists() else 0.0
        if max(plan.width, plan.height) > LARGE_SIDE_PX or size_mb > LARGE_FILE_MB:
            result.large_photos.append((plan.display, f"{plan.width}x{plan.height} px, {size_mb:.1f} MB"))
    for name, _ in Completeness.LABELS:
        getattr(result, name).sort(key=lambda item: item[0])
    return result


@dataclass(frozen=True)
class Verdict:
    """Which problems fail the check: every error, and warnings under --strict (only those in
    changed files with --changed-since)."""

    diags: Diagnostics
    strict: bool = False
    changed: frozenset[Path] | None = None  # None: every file counts
    root: Path = Path(".")  # what diagnostic paths are relative to
    since: str = ""

    def fatal(self, d: Diagnostic) -> bool:
        if d.severity is Severity.ERROR:
            return True
        if d.severity is not Severity.WARNING or not self.strict:
            return False
        return self.changed is None or (self.root / d.path).resolve() in self.changed

    @property
    def fatal_warnings(self) -> int:
        return sum(1 for d in self.diags.warnings if self.fatal(d))

    @property
    def failed(self) -> bool:
        return bool(self.diags.errors) or self.fatal_warnings > 0

    def line(self, lang: str) -> str:
        """The last line: passed or failed, with the counts worded as the build words them."""
        errors, warnings = len(self.diags.errors), len(self.diags.warnings)
        key = "check.failed" if self.failed else "check.passed"
        if self.changed is None:
            return verdict(lang, key, errors, warnings, self.strict)
        line = verdict(lang, key, errors, warnings, False)
        return line + f" ({render(lang, 'check.changed', ref=self.since, n=self.fatal_warnings)})"


def format_text(v: Verdict, done: Completeness, lang: str) -> str:
    """Problems as the build prints them, then the completeness summary and the verdict."""
    diags = v.diags
    lines = [d.format(lang) for d in (*diags.errors, *diags.warnings, *diags.fixes)]
    lines += ["", *completeness_lines(done, lang), v.line(lang)]
    return "\n".join(lines).lstrip("\n") + "\n"


def completeness_lines(done: Completeness, lang: str) -> list[str]:
    lines = [render(lang, "check.completeness", n=done.products)]
    for name, label in Completeness.LABELS:
        items = getattr(done, name)
        lines.append(f"  {render(lang, label)}: {len(items)}")
        lines += [f"    {path}  ({words(detail, lang)})" for path, detail in items[:SHOWN]]
        if len(items) > SHOWN:
            lines.append("    " + render(lang, "check.more", n=len(items) - SHOWN))
    return lines


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, lang: str, fatal: bool = False) -> str:
    """One GitHub Actions workflow command: `::error file=P,line=N,col=C,title=CODE::message` with the
    hint on a line of its own, as the text format prints it."""
    level = {"error": "error", "warning": "error" if fatal else "warning", "fixed": "notice"}[d.severity.value]
    props = [f"file={_escape_property(d.path)}"]
    if d.line is not None:
        props.append(f"line={d.line}")
        if d.col is not None:
            props.append(f"col={d.col}")
    props.append(f"title={_escape_property(d.code)}")
    hint = d.hint(lang)
    message = d.subject(lang) + (f"\n{render(lang, 'level.hint')}: {hint}" if hint else "")
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


def format_github(v: Verdict, done: Completeness, lang: str) -> str:
    """Annotations first, then the text summary for the log."""
    diags = v.diags
    lines = [annotation(d, lang, v.fatal(d)) for d in (*diags.errors, *diags.warnings, *diags.fixes)]
    lines += ["", *completeness_lines(done, lang), v.line(lang)]
    return "\n".join(lines) + "\n"


def format_json(v: Verdict, done: Completeness, lang: str) -> str:
    def item(d: Diagnostic) -> dict[str, object]:
        return {"path": d.path, "line": d.line, "col": d.col, "code": d.code, "severity": d.severity.value,
                "fatal": v.fatal(d), "field": d.field, "message": d.message(lang), "hint": d.hint(lang)}

    diags = v.diags
    return json.dumps({"ok": not v.failed, "strict": v.strict, "changed_since": v.since or None, "lang": lang,
                       "errors": [item(d) for d in diags.errors],
                       "warnings": [item(d) for d in diags.warnings],
                       "fixed": [item(d) for d in diags.fixes],
                       "verdict": v.line(lang),
                       "completeness": done.as_dict(lang)}, ensure_ascii=False, indent=2) + "\n"


def step_summary(done: Completeness, v: Verdict, lang: str) -> str:
    """Markdown for the GitHub job summary page."""
    rows = "\n".join(f"| {render(lang, label)} | {len(getattr(done, name))} |" for name, label in Completeness.LABELS)
    counts = problems_count(lang, len(v.diags.errors), len(v.diags.warnings))
    return (f"{render(lang, 'check.summary.title')}\n\n"
            f"{render(lang, 'check.summary.products', counts=counts, n=done.products)}\n\n"
            f"| | |\n|---|---|\n{rows}\n\n{v.line(lang)}\n")


def run(options: Options, fmt: str = "text", strict: bool = False, out: TextIO | None = None, lang: str = "id",
        changed_since: str | None = None) -> int:
    """Analyse the content, print the report in `fmt` and `lang`, return the exit status."""
    out = out or sys.stdout
    changed = None
    if changed_since is not None:
        changed = frozenset(changed_files(changed_since, options.content if options.content.is_dir() else Path(".")))
    analysis = analyse(options)
    with analysis.store.transaction():
        analysis.store.clear_pending()  # this state is check's own: no build reads what it changed
    if changed_since is not None and options.content.is_dir():
        gone_since(analysis, earlier_versions(changed_since, options.content))
    v = Verdict(analysis.diags, strict, changed, analysis.config.display_root, changed_since or "")
    done = completeness(analysis)
    formatter = {"text": format_text, "github": format_github, "json": format_json}[fmt]
    out.write(formatter(v, done, lang))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(step_summary(done, v, lang))
    return 1 if v.failed else 0


def gone_since(analysis: Analysis, earlier: dict[Path, str]) -> None:
    """Product and maker pages that the content at REF made and this content does not, with no
    old address (`aliases`) answering there: QR codes printed from REF's catalogue lead nowhere.
    Found from the Indonesian files deleted, moved or changed since REF (their front matter at
    REF gives the slug). An error (the build only warns): a deleted file can carry no warning of
    its own for --changed-since to hold against the change."""
    config, routes = analysis.config, analysis.routes
    lang = config.languages[0]
    catalog = analysis.catalog
    answered = {Routes.output_file(routes.path(kind, entry.slug, lang))
                for kind, entries in (("product", catalog.products), ("maker", catalog.makers)) for entry in entries}
    for kind, entries in (("product", catalog.products), ("maker", catalog.makers), ("region", catalog.regions),
                          ("category", catalog.categories), ("page", catalog.pages)):
        for entry in entries:
            for alias in entry.aliases:  # a path from the root answers whatever it names; a slug, in its kind
                path = alias.lstrip("/") if alias.startswith("/") else routes.path(kind, alias, lang)
                answered.add(Routes.output_file(path))
    for path, text in sorted(earlier.items()):
        try:
            relative = path.relative_to(config.content_dir.resolve())
        except ValueError:
            continue
        place = classify(relative)
        if place is None or place[0] not in ("product", "maker") or place[2] != "id":  # a translation: its original counts
            continue
        kind, stem, _ = place
        slug = _earlier_slug(path, text) or slugs.slugify(stem)
        if not slug or Routes.output_file(routes.path(kind, slug, lang)) in answered:
            continue
        analysis.diags.error(config.display(path), None, "PAGE_GONE.strict",
               address=routes.absolute(kind, slug, lang), slug=slug, path="/" + routes.path(kind, slug, lang))


def _earlier_slug(path: Path, text: str) -> str | None:
    """The `slug:` an earlier version of a file named, if it named one readably."""
    source = split_front_matter(path, path.name, text, Diagnostics())
    try:
        node = yamlnodes.parse(source.front_matter, source.front_matter_line) if source else None
    except yamlnodes.YamlProblem:
        return None
    if isinstance(node, yamlnodes.Mapping):
        for key, value in node.items:
            if key.text == "slug" and isinstance(value, yamlnodes.Scalar) and not value.is_null:
                return value.text.strip() or None
    return None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=program("check"), epilog=EPILOG,
                                description="Validate all content without building the site; print every "
                                            "problem and a completeness summary.",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    add_content(p)
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text (default), github (Actions annotations) or json")
    p.add_argument("--strict", action="store_true", help="warnings fail the check")
    p.add_argument("--changed-since", metavar="REF",
                   help="with --strict: only warnings in files changed since the git ref REF fail the check "
                        "(errors anywhere always do)")
    p.add_argument("--drafts", action="store_true", help="include products and pages marked draft: true")
    p.add_argument("--base-url", metavar="URL", help="public address, as for build (default: site.yaml)")
    add_cache(p, "check keeps there the front matter, rendered text and photo measurements it read")
    add_lang(p)
    return p


def main(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.changed_since is not None and not args.strict:
        p.error(render(language(args), "changes.needs_strict"))
    options = Options(content=args.content, output=Path(os.devnull), drafts=args.drafts,
                      base_url=args.base_url, strict=args.strict, cache=cache_dir(args))
    return run(options, args.format, args.strict, lang=language(args), changed_since=args.changed_since)
