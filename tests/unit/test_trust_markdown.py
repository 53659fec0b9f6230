"""Pathological Markdown is bounded: a size limit per file, a time limit per page and a depth
limit, each failing with the file named and a hint, and none of them hanging the build.

Each case runs the real pipeline (`analyse`) on a copy of the minimal site with a small render
time limit, and the test itself is bounded by a watchdog so a regression fails instead of hanging.
"""
from __future__ import annotations

import shutil
import signal
import time
from pathlib import Path

import pytest

from showcase.errors import Diagnostic, Severity
from showcase.pipeline import Options, analyse

MINIMAL = Path(__file__).resolve().parent.parent / "sites" / "minimal" / "content"
PRODUCT = "products/abon.md"
HEAD = "---\ntitle: Abon Bandeng\ncategory: olahan-hasil-laut\nmaker: mattiro-sompe\n---\n"
BODY_LINE = 6
LIMIT_S = 1.0
WATCHDOG_S = 60


def nested_list(depth: int, indent: int = 4) -> str:
    return "".join(" " * (indent * level) + "- x\n" for level in range(depth))


CASES = [
    # (name, body, codes that may report it)
    ("40 KB of [", "[" * 40_000, {"MD_TIMEOUT"}),
    ("19 KB of [ (below the old in-process threshold)", "[" * 19_000, {"MD_TIMEOUT"}),
    ("[a]( repeated", "[a](" * 12_000, {"MD_TIMEOUT"}),
    ("deeply nested list", nested_list(300), {"MD_TOO_DEEP", "MD_TIMEOUT"}),
    ("list of quotes, nested", "".join("    " * i + "- > x\n" for i in range(250)), {"MD_TOO_DEEP", "MD_TIMEOUT"}),
    ("deeply nested blockquotes", "".join("> " * i + "x\n\n" for i in range(400)), {"MD_TOO_DEEP", "MD_TIMEOUT"}),
    ("over the size limit", "kata " * 50_000, {"SRC_TOO_LARGE"}),
]


@pytest.fixture
def watchdog():
    def expired(signum, frame):  # noqa: ARG001 - signal handler signature
        raise TimeoutError(f"the build did not finish within {WATCHDOG_S} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(WATCHDOG_S)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def run(tmp_path: Path, body: str) -> tuple[list[Diagnostic], float]:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    (content / PRODUCT).write_text(HEAD + body, encoding="utf-8")
    started = time.perf_counter()
    analysis = analyse(Options(content=content, cache=tmp_path / "cache", workers=2, render_timeout=LIMIT_S))
    return analysis.diags.items, time.perf_counter() - started


@pytest.mark.parametrize("name, body, codes", CASES, ids=[c[0] for c in CASES])
def test_pathological_body_fails_with_the_file_named(tmp_path, watchdog, name, body, codes) -> None:
    found, seconds = run(tmp_path, body)
    errors = [d for d in found if d.severity is Severity.ERROR and d.code in codes]
    assert errors, f"{name}: no {codes} error; got:\n" + "\n".join(d.format("en") for d in found)
    problem = errors[0]
    assert problem.path == f"content/{PRODUCT}"
    assert problem.line in (None, 1, BODY_LINE)
    assert problem.hint("id") and problem.hint("en")
    assert seconds < 30, f"{name}: took {seconds:.1f} s"


def test_the_other_files_are_still_checked(tmp_path, watchdog) -> None:
    """A stopped body does not stop the build from reporting other files' problems."""
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    (content / PRODUCT).write_text(HEAD + "[" * 40_000, encoding="utf-8")
    (content / "products" / "lain.md").write_text(HEAD.replace("mattiro-sompe", "matiro-sompe") + "Teks.\n")
    found = analyse(Options(content=content, cache=tmp_path / "cache", workers=2, render_timeout=LIMIT_S)).diags
    codes = {(d.path, d.code) for d in found.errors}
    assert ("content/products/abon.md", "MD_TIMEOUT") in codes
    assert ("content/products/lain.md", "REF_UNKNOWN") in codes


def test_ordinary_nesting_still_renders(tmp_path, watchdog) -> None:
    found, _ = run(tmp_path, nested_list(6) + "\n\n" + "> > > kutipan\n\n" + "[tautan](https://example.org/)\n")
    assert not [d for d in found if d.severity is Severity.ERROR], [d.format("en") for d in found]
