"""`showcase check`: validate all content without writing anything (but the build cache), and say how complete it is.

Runs the pipeline's `analyse()` (the same reading, validation and cross-checks as a build, no
output, no photo encoding) and prints every problem in one of three forms: text for people,
GitHub Actions annotations (`::error file=...,line=...::...`) so problems appear on a pull
request's lines, or JSON for other tools. It then summarises completeness: products without
photos, price or English translation, expired licences, photos far larger than needed. It never
decides what is wrong (the stages do); completeness notes never fail the check.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .cli import add_content, program
from .errors import Diagnostic, Diagnostics
from .pipeline import Analysis, Options, analyse

FORMATS = ("text", "github", "json")
LARGE_SIDE_PX = 4000
LARGE_FILE_MB = 5.0

EPILOG = """\
examples:
  showcase check                            every problem, then the completeness summary
  showcase check --strict                   warnings fail too (as on pull requests)
  showcase check --format github            annotations on the pull request's lines
  showcase check --format json > check.json
  python build.py check --content ../situs-lain/content

exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error
"""


@dataclass
class Completeness:
    """What is missing or oversized, per product or photo: (file, detail) pairs."""

    products: int = 0
    no_photo: list[tuple[str, str]] = field(default_factory=list)
    no_price: list[tuple[str, str]] = field(default_factory=list)
    no_english: list[tuple[str, str]] = field(default_factory=list)
    expired: list[tuple[str, str]] = field(default_factory=list)
    large_photos: list[tuple[str, str]] = field(default_factory=list)

    LABELS = (("no_photo", "tanpa foto / without photos"),
              ("no_price", "tanpa harga / without price"),
              ("no_english", "tanpa terjemahan Inggris / without English translation"),
              ("expired", "izin kedaluwarsa / expired licences"),
              ("large_photos", "foto terlalu besar / photos far larger than needed"))

    def as_dict(self) -> dict[str, object]:
        result: dict[str, object] = {"products": self.products}
        for name, _ in self.LABELS:
            result[name] = [{"path": path, "detail": detail} for path, detail in getattr(self, name)]
        return result


SHOWN = 10
"""Files listed per completeness line in text output; a long catalogue would bury the problems."""


def completeness(analysis: Analysis) -> Completeness:
    """Count what editors may still want to add or fix; nothing here is an error."""
    result = Completeness(products=len(analysis.catalog.products))
    english = "en" in analysis.config.languages
    for product in analysis.catalog.products:
        if not product.images:
            result.no_photo.append((product.display, product.title))
        if product.price is None:
            result.no_price.append((product.display, product.title))
        if english and product.translation("en") is None:
            result.no_english.append((product.display, product.title))
        for cert in product.certifications:
            if not cert.valid_on(analysis.today):
                result.expired.append((product.display, f"{cert.type} {cert.number} until {cert.valid_until}"))
    plans = (analysis.store.plan(source) for source in analysis.store.plan_sources())
    for plan in sorted((p for p in plans if p is not None), key=lambda p: p.display):
        size_mb = plan.source.stat().st_size / (1024 * 1024) if plan.source.exists() else 0.0
        if max(plan.width, plan.height) > LARGE_SIDE_PX or size_mb > LARGE_FILE_MB:
            result.large_photos.append((plan.display, f"{plan.width}x{plan.height} px, {size_mb:.1f} MB"))
    for name, _ in Completeness.LABELS:
        getattr(result, name).sort()
    return result


def failed(diags: Diagnostics, strict: bool) -> bool:
    return bool(diags.errors or (strict and diags.warnings))


def format_text(diags: Diagnostics, done: Completeness, strict: bool) -> str:
    """Problems as the build prints them, then the completeness summary and a verdict."""
    lines = [d.format() for d in (*diags.errors, *diags.warnings, *diags.fixes)]
    lines += ["", f"Kelengkapan / completeness ({done.products} products):"]
    for name, label in Completeness.LABELS:
        items = getattr(done, name)
        lines.append(f"  {label}: {len(items)}")
        lines += [f"    {path}  ({detail})" for path, detail in items[:SHOWN]]
        if len(items) > SHOWN:
            lines.append(f"    … {len(items) - SHOWN} more (--format json lists them all)")
    verdict = "Check failed" if failed(diags, strict) else "Check passed"
    lines.append(f"{verdict}: {len(diags.errors)} error(s), {len(diags.warnings)} warning(s)"
                 + (" (--strict: warnings count as errors)" if strict and diags.warnings else ""))
    return "\n".join(lines).lstrip("\n") + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, strict: bool = False) -> str:
    """One GitHub Actions workflow command: `::error file=P,line=N,col=C,title=CODE::message (hint)`."""
    level = {"error": "error", "warning": "error" if strict else "warning", "fixed": "notice"}[d.severity.value]
    props = [f"file={_escape_property(d.path)}"]
    if d.line is not None:
        props.append(f"line={d.line}")
        if d.col is not None:
            props.append(f"col={d.col}")
    props.append(f"title={_escape_property(d.code)}")
    message = (f"{d.field}: " if d.field else "") + d.message + (f" ({d.hint})" if d.hint else "")
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


def format_github(diags: Diagnostics, done: Completeness, strict: bool) -> str:
    """Annotations first, then the text summary for the log."""
    lines = [annotation(d, strict) for d in (*diags.errors, *diags.warnings, *diags.fixes)]
    summary = format_text(Diagnostics(), done, strict).splitlines()[:-1]
    verdict = "Check failed" if failed(diags, strict) else "Check passed"
    lines += [*summary, f"{verdict}: {len(diags.errors)} error(s), {len(diags.warnings)} warning(s)"]
    return "\n".join(lines) + "\n"


def format_json(diags: Diagnostics, done: Completeness, strict: bool) -> str:
    def item(d: Diagnostic) -> dict[str, object]:
        return {"path": d.path, "line": d.line, "col": d.col, "code": d.code, "severity": d.severity.value,
                "field": d.field, "message": d.message, "hint": d.hint}

    return json.dumps({"ok": not failed(diags, strict), "strict": strict,
                       "errors": [item(d) for d in diags.errors],
                       "warnings": [item(d) for d in diags.warnings],
                       "fixed": [item(d) for d in diags.fixes],
                       "completeness": done.as_dict()}, ensure_ascii=False, indent=2) + "\n"


def step_summary(done: Completeness, diags: Diagnostics) -> str:
    """Markdown for the GitHub job summary page."""
    rows = "\n".join(f"| {label} | {len(getattr(done, name))} |" for name, label in Completeness.LABELS)
    return (f"### showcase check\n\n{len(diags.errors)} error(s), {len(diags.warnings)} warning(s), "
            f"{done.products} products\n\n| | |\n|---|---|\n{rows}\n")


def run(options: Options, fmt: str = "text", strict: bool = False, out: TextIO | None = None) -> int:
    """Analyse the content, print the report in `fmt`, return the exit status."""
    out = out or sys.stdout
    analysis = analyse(options)
    with analysis.store.transaction():
        analysis.store.clear_pending()  # this state is check's own: no build reads what it changed
    diags = analysis.diags
    done = completeness(analysis)
    formatter = {"text": format_text, "github": format_github, "json": format_json}[fmt]
    out.write(formatter(diags, done, strict))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(step_summary(done, diags))
    return 1 if failed(diags, strict) else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=program("check"), epilog=EPILOG,
                                description="Validate all content without writing output; print every "
                                            "problem and a completeness summary.",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    add_content(p)
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text (default), github (Actions annotations) or json")
    p.add_argument("--strict", action="store_true", help="warnings fail the check")
    p.add_argument("--drafts", action="store_true", help="include products and pages marked draft: true")
    p.add_argument("--base-url", metavar="URL", help="public address, as for build (default: site.yaml)")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    options = Options(content=args.content, output=Path(os.devnull), drafts=args.drafts,
                      base_url=args.base_url, strict=args.strict)
    return run(options, args.format, args.strict)

