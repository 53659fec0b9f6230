"""Worker start methods: `SHOWCASE_START_METHOD=spawn` builds with spawned workers and the portable
output swap (two renames instead of Linux's one-call exchange), and writes the same bytes as the
default (fork, on Linux) in a cold build and in a rebuild.

This is how the paths Windows and macOS take run on Linux. What only those systems can show
(their file systems, their `os.rename` over a busy folder, their default start methods) is left
to the tool's workflow matrix. The incremental and golden tests also run with spawn (see the
`site` fixture of test_incremental.py and test_golden.py).
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from showcase import pages, parallel, writer
from showcase.pipeline import Options, build
from showcase.views import Page, Spec, Views

from .test_engine_states import TODAY, digest, make_site, set_field


def test_spawned_workers_and_the_portable_swap_write_the_same_bytes(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    make_site(tmp_path)  # 40 products and more: over a hundred pages, so pages go to worker processes
    content = tmp_path / "content"
    built_by = tmp_path / "built-by.txt"
    product = pages.KINDS["product"]

    def noted(views: Views, spec: Spec) -> Page:
        """The product page as it is, noting which process built it: a patch made in this process
        reaches forked workers, never spawned ones (they import showcase afresh)."""
        with open(built_by, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\n")
        return product.build(views, spec)

    monkeypatch.setitem(pages.KINDS, "product", replace(product, build=noted))
    exchanges: list[Path] = []
    exchange = writer._exchange
    monkeypatch.setattr(writer, "_exchange", lambda a, b: exchanges.append(b) or exchange(a, b))

    def run(method: str) -> tuple[dict[str, str], set[str]]:
        monkeypatch.setenv(parallel.START_METHOD_ENV, method)
        built_by.unlink(missing_ok=True)
        build(Options(content=content, output=tmp_path / f"out-{method}", templates=tmp_path / "templates",
                      cache=tmp_path / f"cache-{method}", workers=2, today=TODAY))
        builders = set(built_by.read_text(encoding="utf-8").split()) if built_by.exists() else set()
        return digest(tmp_path / f"out-{method}"), builders

    forked, forked_builders = run("fork")
    spawned, spawned_builders = run("spawn")
    assert spawned == forked and len(forked) > 300
    assert forked_builders and str(os.getpid()) not in forked_builders, "forked workers built the pages"
    assert not spawned_builders, "the pages were built by workers that did not inherit this process"

    set_field(content / "products" / "gen" / "produk-07.md", "price", "77000")
    exchanges.clear()
    forked, _ = run("fork")
    assert exchanges == [tmp_path / "out-fork"], "the default swap is one exchange of the two folders"
    exchanges.clear()
    spawned, _ = run("spawn")
    assert exchanges == [], "the portable swap makes no exchange call"
    page = (tmp_path / "out-spawn" / "produk" / "produk-07" / "index.html").read_text(encoding="utf-8")
    assert spawned == forked and "Rp\u00a077.000" in page


def test_an_unknown_start_method_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.START_METHOD_ENV, "thread")
    with pytest.raises(ValueError, match="choose one of fork"):
        parallel.start_method()
