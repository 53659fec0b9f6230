"""Diagnostics: every problem a build finds, with where it is and how to fix it.

This module owns the `Diagnostic` record, the `Diagnostics` collector that every stage appends to,
and the exceptions that carry an exit code. It formats messages for people; it never decides
what is wrong (the stages do) and never prints (the reporter does).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable, Iterator


class Severity(str, Enum):
    """How bad a problem is: FAIL stops the build, WARN is listed, FIX was repaired and noted."""

    ERROR = "error"
    WARNING = "warning"
    FIXED = "fixed"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: file (relative to the site), line and column (1-based), field, text, hint."""

    path: str
    line: int | None
    col: int | None
    code: str
    message: str
    hint: str = ""
    field: str = ""
    severity: Severity = Severity.ERROR

    def location(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return where

    def format(self) -> str:
        """The text an editor reads: `path:line:col: field: message [CODE]` and a hint line."""
        subject = f"{self.field}: " if self.field else ""
        label = {"error": "error", "warning": "warning", "fixed": "fixed"}[self.severity.value]
        text = f"{self.location()}: {label}: {subject}{self.message} [{self.code}]"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


@dataclass
class Diagnostics:
    """The collector every stage appends to; the pipeline fails once, after all stages ran."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    def error(self, path: str, line: int | None, code: str, message: str, hint: str = "",
              *, col: int | None = None, field: str = "") -> None:
        self.add(Diagnostic(path, line, col, code, message, hint, field, Severity.ERROR))

    def warning(self, path: str, line: int | None, code: str, message: str, hint: str = "",
                *, col: int | None = None, field: str = "") -> None:
        self.add(Diagnostic(path, line, col, code, message, hint, field, Severity.WARNING))

    def fixed(self, path: str, line: int | None, code: str, message: str, hint: str = "",
              *, col: int | None = None, field: str = "") -> None:
        self.add(Diagnostic(path, line, col, code, message, hint, field, Severity.FIXED))

    def of(self, severity: Severity) -> list[Diagnostic]:
        """The problems of one severity, deduplicated and sorted by file and line."""
        return sorted({d for d in self.items if d.severity is severity},
                      key=lambda d: (d.path, d.line or 0, d.col or 0, d.code, d.message))

    @property
    def errors(self) -> list[Diagnostic]:
        return self.of(Severity.ERROR)

    @property
    def warnings(self) -> list[Diagnostic]:
        return self.of(Severity.WARNING)

    @property
    def fixes(self) -> list[Diagnostic]:
        return self.of(Severity.FIXED)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class ShowcaseError(Exception):
    """Base of every error showcase raises on purpose; carries the process exit code."""

    exit_code = 1


class BuildFailed(ShowcaseError):
    """The content or the build has errors; they are all in `diagnostics`."""

    def __init__(self, diagnostics: Diagnostics, report: object | None = None) -> None:
        super().__init__(f"{len(diagnostics.errors)} error(s)")
        self.diagnostics = diagnostics
        self.report = report


class UsageError(ShowcaseError):
    """The command line is wrong (exit status 2)."""

    exit_code = 2


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A ` did you mean "x"?` suffix for the closest choice, or the empty string."""
    close = difflib.get_close_matches(value, sorted(set(choices)), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        if value.lower() in lowered:
            close = [lowered[value.lower()]]
    return f'; did you mean "{close[0]}"?' if close else ""
