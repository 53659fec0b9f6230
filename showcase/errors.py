"""Diagnostics: every problem a build finds, with where it is and how to fix it.

This module owns the `Diagnostic` record, the `Diagnostics` collector that every stage appends to,
and the exceptions that carry an exit code. A diagnostic keeps its code and named parameters, not
sentences: `format(lang)` puts it into words from the catalogue (`problems`, `messages`) when it
is printed, in Indonesian or English. It never decides what is wrong (the stages do) and never
prints (the reporter does).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Iterable, Iterator

from .messages import Params, Text, freeze, render, render_hint


class Severity(str, Enum):
    """How bad a problem is: an error stops the build, a warning is listed (fatal with --strict),
    fixed was repaired and is noted."""

    ERROR = "error"
    WARNING = "warning"
    FIXED = "fixed"


LEVEL_KEYS = {Severity.ERROR: "level.error", Severity.WARNING: "level.warning", Severity.FIXED: "level.fixed"}


@dataclass(frozen=True)
class Diagnostic:
    """One problem: file (relative to the site), line and column (1-based), field, and the
    catalogue key (`CODE` or `CODE.variant`) with its parameters."""

    path: str
    line: int | None
    col: int | None
    key: str
    params: Params = ()
    field: str = ""
    severity: Severity = Severity.ERROR

    @classmethod
    def of(cls, path: str, line: int | None, key: str, severity: Severity = Severity.ERROR, /, *,
           col: int | None = None, field: str = "", **params: Any) -> "Diagnostic":
        return cls(path, line, col, key, freeze(params), field, severity)

    @property
    def code(self) -> str:
        """The stable code printed in brackets and explained in docs/errors.md."""
        return self.key.partition(".")[0]

    def location(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return where

    def message(self, lang: str) -> str:
        return render(lang, self.key, **dict(self.params))

    def hint(self, lang: str) -> str:
        return render_hint(lang, self.key, **dict(self.params))

    def subject(self, lang: str) -> str:
        """`field: message`, the message with the field it is about."""
        return (f"{self.field}: " if self.field else "") + self.message(lang)

    def format(self, lang: str) -> str:
        """The text an editor reads: `path:line:col: level: field: message [CODE]` and a hint line."""
        text = f"{self.location()}: {render(lang, LEVEL_KEYS[self.severity])}: {self.subject(lang)} [{self.code}]"
        if hint := self.hint(lang):
            text += f"\n  {render(lang, 'level.hint')}: {hint}"
        return text

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.line or 0, self.col or 0, self.key, repr(self.params), self.field)


@dataclass
class Diagnostics:
    """The collector every stage appends to; the pipeline fails once, after all stages ran."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    def error(self, path: str, line: int | None, key: str, /, *, col: int | None = None, field: str = "",
              **params: Any) -> None:
        self.add(Diagnostic.of(path, line, key, Severity.ERROR, col=col, field=field, **params))

    def warning(self, path: str, line: int | None, key: str, /, *, col: int | None = None, field: str = "",
                **params: Any) -> None:
        self.add(Diagnostic.of(path, line, key, Severity.WARNING, col=col, field=field, **params))

    def fixed(self, path: str, line: int | None, key: str, /, *, col: int | None = None, field: str = "",
              **params: Any) -> None:
        self.add(Diagnostic.of(path, line, key, Severity.FIXED, col=col, field=field, **params))

    def of(self, severity: Severity) -> list[Diagnostic]:
        """The problems of one severity, deduplicated and sorted by file and line."""
        return sorted({d for d in self.items if d.severity is severity}, key=Diagnostic.sort_key)

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
    """Base of every error showcase raises on purpose; carries the process exit code and its
    message as a catalogue key with parameters, put into words in the editor's language."""

    exit_code = 1

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.text = Text.of(key, **params)

    def render(self, lang: str) -> str:
        return self.text.render(lang)

    def __str__(self) -> str:  # tracebacks and logs: the English words, not the key
        return self.text.render("en")


class BuildFailed(ShowcaseError):
    """The content or the build has errors; they are all in `diagnostics`."""

    def __init__(self, diagnostics: Diagnostics, report: object | None = None) -> None:
        Exception.__init__(self, f"{len(diagnostics.errors)} error(s)")
        self.text = Text.of("report.errors.other", n=len(diagnostics.errors))
        self.diagnostics = diagnostics
        self.report = report


class UsageError(ShowcaseError):
    """The command line is wrong (exit status 2)."""

    exit_code = 2


def closest(value: str, choices: Iterable[str]) -> str:
    """The choice closest to `value` (or equal but for case), or ''."""
    close = difflib.get_close_matches(value, sorted(set(choices)), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        if value.lower() in lowered:
            close = [lowered[value.lower()]]
    return close[0] if close else ""


def did_you_mean(value: str, choices: Iterable[str], key: str = "suggest") -> Text | str:
    """A `; did you mean "x"?` suffix (a text put into words when printed), or ''."""
    choice = closest(value, choices)
    return Text.of(key, choice=choice) if choice else ""
