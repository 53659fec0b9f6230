"""The publishing loop as CI runs it: the cache is restored, `output/` and the kept tree are not.

The cache holds a content-addressed copy of every published file (its blobs), so such a build
brings the unchanged files back from the cache and renders only what the edit touched; the
result is byte-identical to a cold build. A damaged or missing blob, or a cache made by another
site or another showcase, costs time, never a wrong file.
"""
from __future__ import annotations

import hashlib
import io
import os
import shutil
from pathlib import Path

import pytest

from showcase.report import Reporter
from showcase.store import Store, state_path
from tests.unit.test_incremental import Site, digest, price_edited


def ci_checkout(site: Site) -> None:
    """What a CI runner starts from: the sources and the restored cache, no output/, no kept tree."""
    shutil.rmtree(site.output)
    kept = site.output.parent / f".{site.output.name}.previous"
    if kept.exists():
        shutil.rmtree(kept)


def blobs(site: Site) -> Path:
    return state_path(site.cache, site.output).with_suffix(".blobs")


def blob_of(site: Site, relative: str) -> Path:
    name = hashlib.blake2b((site.output / relative).read_bytes(), digest_size=16).hexdigest()
    return blobs(site) / name[:2] / name


def unique_bytes(*roots: Path) -> int:
    """Bytes under roots, a file linked in several places counted once (as `du` does)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for root in roots:
        for path in root.rglob("*"):
            st = path.lstat()
            if path.is_file() and (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_size
    return total


@pytest.fixture()
def site(tmp_path: Path) -> Site:
    site = Site(tmp_path)
    site.rebuild()
    return site


def test_ci_loop_after_one_edit_renders_only_the_edit_and_equals_a_cold_build(site: Site) -> None:
    ci_checkout(site)
    price_edited(site)
    report = site.rebuild()
    assert digest(site.output) == site.cold()
    assert 0 < report.rendered < report.pages / 2, f"{report.rendered} of {report.pages} pages were rendered"
    ci_checkout(site)  # the next run: nothing changed since
    report = site.rebuild()
    assert report.rendered == 0 and not report.unchanged
    assert digest(site.output) == site.cold()
    kept = site.output.parent / f".{site.output.name}.previous"
    assert not kept.exists(), "a run that restored output/ kept a tree beside it that the runner throws away"


def test_damaged_and_missing_blobs_are_made_again_never_published(site: Site) -> None:
    page = next(p for p in sorted(site.output.glob("produk/*/index.html")))
    chosen = [page.relative_to(site.output).as_posix(), "sitemap.xml",
              next(p for p in sorted(site.output.rglob("*.css"))).relative_to(site.output).as_posix(),
              next(p for p in sorted(site.output.rglob("*.jpg"))).relative_to(site.output).as_posix(),
              next(p for p in sorted(site.output.rglob("*.json"))).relative_to(site.output).as_posix()]
    damaged = {relative: blob_of(site, relative) for relative in chosen}
    ci_checkout(site)
    for i, (relative, blob) in enumerate(damaged.items()):
        assert blob.is_file(), f"{relative} has no copy in the cache"
        if i % 2:
            blob.unlink()
        else:  # same size, other bytes: only the digest can tell
            data = bytearray(blob.read_bytes())
            data[len(data) // 2] ^= 0xFF
            blob.unlink()  # a hard link: write a new file so that nothing else changes
            blob.write_bytes(bytes(data))
    site.rebuild()
    assert digest(site.output) == site.cold()
    for relative in chosen:  # and the cache is whole again
        assert blob_of(site, relative).read_bytes() == (site.output / relative).read_bytes()


def test_a_build_that_fails_after_a_damaged_restore_leaves_the_next_one_right(site: Site) -> None:
    page = next(p for p in sorted(site.output.glob("produk/*/index.html"))).relative_to(site.output).as_posix()
    blob = blob_of(site, page)
    ci_checkout(site)
    blob.unlink()
    site.edit("products/bandeng-presto.md", "price: ", "price: murah ")
    with pytest.raises(Exception):
        site.rebuild()
    assert not site.output.exists()
    site.edit("products/bandeng-presto.md", "price: murah ", "price: ")
    site.rebuild()
    assert digest(site.output) == site.cold()


def test_cache_of_another_site_or_another_showcase_counts_as_absent(site: Site, tmp_path_factory) -> None:
    other = Site(tmp_path_factory.mktemp("other"))
    other.edit("site.yaml", "title: ", "title: Lain ")
    shutil.rmtree(other.content / "products")
    (other.content / "products").mkdir()
    shutil.copy(site.content / "products" / "bandeng-presto.md", other.content / "products")
    shutil.copy(site.content / "products" / "bandeng-presto.jpg", other.content / "products")
    other.output, other.cache = site.output, site.cache  # the other repository's cache, same paths
    other.rebuild()
    ci_checkout(site)
    site.rebuild()  # this site again, with the other site's cache restored
    assert digest(site.output) == site.cold()

    ci_checkout(site)
    store = Store(state_path(site.cache, site.output))
    with store.transaction():  # as another showcase version leaves it: other code, other settings digest
        store.set_meta("code", "a-different-showcase")
        store.set_meta("settings", "made-by-a-different-showcase")
    store.close()
    report = site.rebuild()
    assert report.rendered == report.pages  # nothing of the old cache was trusted
    assert digest(site.output) == site.cold()


def test_blobs_are_pruned_and_share_their_bytes_with_the_output(site: Site) -> None:
    for edit in (price_edited, lambda s: s.edit("products/bandeng-presto.md", "price: 1", "price: 2")):
        edit(site)
        site.rebuild()
    names = {p.name for p in blobs(site).rglob("*") if p.is_file()}
    published = {hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
                 for p in site.output.rglob("*") if p.is_file()}
    assert names == published, "the cache keeps copies of files no build publishes"
    page = next(site.output.glob("produk/*/index.html"))
    if os.stat(page).st_nlink > 1:  # hard links where the file system has them: no second copy
        assert os.path.samefile(page, blob_of(site, page.relative_to(site.output).as_posix()))
    # The copies in the cache (blobs, processed photos, share images) share their bytes with
    # output/: the cache adds to the disk only its build state, compiled templates and small
    # metadata.
    extra = unique_bytes(site.output, site.cache) - unique_bytes(site.output)
    state = sum(p.stat().st_size for p in (site.cache / "builds").glob("*.sqlite*")) \
        + unique_bytes(site.cache / "templates")
    assert extra <= state + 64 * 1024, f"the cache adds {extra} bytes, its build state is {state}"


def test_summary_reports_the_cache_size(site: Site) -> None:
    price_edited(site)
    report = site.rebuild()
    assert report.cache_state > 0 and report.cache_blobs > 0
    stream = io.StringIO()
    Reporter(stream=stream, lang="en").summary(report)
    line = next(line for line in stream.getvalue().splitlines() if line.strip().startswith("cache"))
    assert "MB" in line and "build state" in line and "copies of output/ files" in line
