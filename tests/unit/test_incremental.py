"""Incremental builds: after every kind of edit, the rebuilt output equals a cold build of the same
content byte for byte; a rebuild with nothing changed writes nothing; an edit renders only the
pages that show it; a build killed while it updates the kept previous tree leaves output/ whole.

Each step edits a copy of the full fixture site, rebuilds it in place (same output, same cache,
as an editor or CI with a restored cache would), then builds the same content cold (fresh
output, fresh cache) and compares every file. Every test of the `site` fixture runs twice: with
the default worker start method and with `SHOWCASE_START_METHOD=spawn` (spawned workers and the
portable rename-based output swap, the paths Windows and macOS take).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image

from showcase.errors import BuildFailed
from showcase.parallel import START_METHOD_ENV
from showcase.pipeline import Options, build

REPO = Path(__file__).resolve().parents[2]
FULL = REPO / "tests" / "sites" / "full" / "content"
TODAY = date(2026, 9, 23)


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def stamps(root: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file and folder: any write or replacement changes one."""
    found = {".": (root.stat().st_ino, root.stat().st_mtime_ns)}
    for path in root.rglob("*"):
        st = path.stat()
        found[path.relative_to(root).as_posix()] = (st.st_ino, st.st_mtime_ns)
    return found


class Site:
    """A copy of the full fixture site with its own templates, output and cache."""

    def __init__(self, root: Path, method: str | None = None) -> None:
        self.root = root
        self.method = method  # SHOWCASE_START_METHOD for its builds (None: the default)
        self.content = root / "content"
        shutil.copytree(FULL, self.content)
        self.templates = root / "templates"
        shutil.copytree(REPO / "templates", self.templates, ignore=shutil.ignore_patterns("static"))
        self.output = root / "output"
        self.cache = root / "cache"
        self.colds = 0

    def options(self, output: Path, cache: Path) -> Options:
        return Options(content=self.content, output=output, templates=self.templates, cache=cache,
                       workers=2, today=TODAY)

    def build(self, output: Path, cache: Path):  # noqa: ANN201
        with pytest.MonkeyPatch.context() as env:
            if self.method is not None:
                env.setenv(START_METHOD_ENV, self.method)
            return build(self.options(output, cache))

    def rebuild(self):  # noqa: ANN201
        return self.build(self.output, self.cache)

    def cold(self) -> dict[str, str]:
        self.colds += 1
        output, cache = self.root / f"cold-{self.colds}", self.root / f"cold-cache-{self.colds}"
        self.build(output, cache)
        result = digest(output)
        shutil.rmtree(output)
        shutil.rmtree(cache)
        return result

    def edit(self, relative: str, old: str, new: str, base: Path | None = None) -> None:
        path = (base or self.content) / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def product_pages(output: Path) -> int:
    return sum(1 for p in output.rglob("index.html") if p.parent.parent.name in ("produk", "products"))


def price_edited(site: Site) -> None:
    site.edit("products/bandeng-presto.md", "price: ", "price: 1")


def product_added(site: Site) -> None:
    shutil.copy(site.content / "products" / "bandeng-presto.md", site.content / "products" / "bandeng-presto-kedua.md")


def product_deleted(site: Site) -> None:
    (site.content / "products" / "bandeng-presto-kedua.md").unlink()


def product_with_photo_added(site: Site) -> None:
    products = site.content / "products"
    shutil.copy(products / "bandeng-presto.jpg", products / "bandeng-ketiga.jpg")
    text = (products / "bandeng-presto.md").read_text(encoding="utf-8")
    (products / "bandeng-ketiga.md").write_text(text.replace("src: bandeng-presto.jpg", "src: bandeng-ketiga.jpg"),
                                                 encoding="utf-8")


def product_deleted_with_its_photo(site: Site) -> None:
    (site.content / "products" / "bandeng-ketiga.md").unlink()
    (site.content / "products" / "bandeng-ketiga.jpg").unlink()


def product_deleted_photo_left(site: Site) -> None:
    (site.content / "products" / "bandeng-ketiga.md").unlink()  # the photo stays, named by nothing


def photo_dropped(site: Site) -> None:
    site.edit("products/soppeng/sarung-sutra/index.md", "  - belakang.png\n", "")


def translation_edited(site: Site) -> None:
    site.edit("categories/tenun-sutra.en.md", "name: ", "name: Fine ")


def photo_replaced(site: Site) -> None:
    photo = site.content / "products" / "bandeng-presto.jpg"
    with Image.open(photo) as image:
        size = image.size
    Image.new("RGB", size, (200, 120, 40)).save(photo, quality=85)


def maker_renamed(site: Site) -> None:
    site.edit("makers/mattiro-sompe.md", "name: ", "name: Kelompok ")


def region_short_name_changed(site: Site) -> None:
    site.edit("regions/pangkep.md", "short_name: Pangkep", "short_name: Pangkep Kepulauan")


def date_changed(site: Site) -> None:
    site.edit("products/abon-bandeng.md", "date: 2026-09-01", "date: 2026-09-30")  # now the newest


def setting_changed(site: Site) -> None:
    site.edit("site.yaml", "title: ", "title: Pameran ")


STEPS: list[tuple[str, Callable[[Site], None]]] = [
    ("price edited", price_edited), ("product added", product_added), ("product deleted", product_deleted),
    ("product with a photo added", product_with_photo_added),
    ("product deleted with its photo", product_deleted_with_its_photo),
    ("product with a photo added again", product_with_photo_added),
    ("product deleted, its photo left", product_deleted_photo_left), ("photo dropped from a product", photo_dropped),
    ("translation edited", translation_edited), ("photo replaced", photo_replaced),
    ("maker renamed", maker_renamed), ("region short name changed", region_short_name_changed),
    ("product date changed", date_changed), ("site setting changed", setting_changed),
]


@pytest.fixture(scope="module", params=[None, "spawn"], ids=["default", "spawn"])
def site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Site:
    site = Site(tmp_path_factory.mktemp("incremental"), request.param)
    site.rebuild()
    return site


def test_rebuild_with_nothing_changed_writes_nothing(site: Site) -> None:
    site.rebuild()  # the state after the first build's bookkeeping
    before = stamps(site.output)
    neighbours = sorted(p.name for p in site.root.iterdir())
    report = site.rebuild()
    assert report.unchanged
    assert stamps(site.output) == before
    assert sorted(p.name for p in site.root.iterdir()) == neighbours


@pytest.mark.parametrize("name", [name for name, _ in STEPS])
def test_each_edit_rebuilds_to_exactly_the_cold_output(site: Site, name: str) -> None:
    before = digest(site.output)
    dict(STEPS)[name](site)
    report = site.rebuild()
    assert not report.unchanged and digest(site.output) != before, f"'{name}' changed nothing: it proves nothing"
    assert digest(site.output) == site.cold(), f"after '{name}' the rebuilt site differs from a cold build"
    if name == "price edited":
        assert 0 < report.rendered < report.pages / 2, "a price edit re-rendered most of the site"


def test_template_edit_renders_exactly_the_pages_using_it(site: Site) -> None:
    site.rebuild()
    site.edit("product.html", "{% endblock %}", "<!-- diedit -->{% endblock %}", base=site.templates)
    report = site.rebuild()
    assert report.rendered == product_pages(site.output) > 0
    assert "<!-- diedit -->" in next(site.output.glob("produk/*/index.html")).read_text(encoding="utf-8")
    assert digest(site.output) == site.cold()


def test_environment_that_shapes_output_is_not_taken_for_no_change(site: Site, monkeypatch) -> None:
    """The service worker's kill switch can be set by an environment variable: with nothing else
    changed, setting it must rebuild (not print the last summary), and unsetting it again too."""
    site.rebuild()
    monkeypatch.setenv("SHOWCASE_SW_KILL_SWITCH", "1")
    report = site.rebuild()
    assert not report.unchanged and "Kill switch" in (site.output / "sw.js").read_text(encoding="utf-8")
    assert digest(site.output) == site.cold()
    monkeypatch.delenv("SHOWCASE_SW_KILL_SWITCH")
    assert not site.rebuild().unchanged
    assert "Kill switch" not in (site.output / "sw.js").read_text(encoding="utf-8")


def test_failed_build_leaves_output_and_the_next_build_is_right(site: Site) -> None:
    before = digest(site.output)
    site.edit("products/bandeng-presto.md", "price: ", "price: murah ")
    with pytest.raises(BuildFailed):
        site.rebuild()
    assert digest(site.output) == before
    site.edit("products/bandeng-presto.md", "price: murah ", "price: 2")
    site.rebuild()
    assert digest(site.output) == site.cold()


def test_damaged_state_and_memo_files_still_build_right(site: Site) -> None:
    site.edit("products/bandeng-presto.md", "price: 2", "price: 3")
    for path in sorted(site.cache.rglob("*.pickle")) + sorted(p for p in (site.cache / "builds").iterdir() if p.is_file()):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] + bytes(reversed(data[len(data) // 2:])))
    site.rebuild()
    assert digest(site.output) == site.cold()


def test_a_cold_build_keeps_a_linked_copy_so_the_first_edit_updates_it_in_place(tmp_path: Path) -> None:
    """A cold build with a cache leaves the kept tree beside output/: the same files, hard links
    to them (no byte written twice). The first edit then updates that tree instead of making a
    fresh one: the kept tree keeps its identity, becomes output/, and equals a cold build."""
    site = Site(tmp_path)
    site.rebuild()
    kept = site.output.parent / f".{site.output.name}.previous"
    assert digest(kept) == digest(site.output)
    shown = site.output / "index.html"
    assert (kept / "index.html").stat().st_ino == shown.stat().st_ino
    tree = kept.stat().st_ino
    price_edited(site)
    site.rebuild()
    assert site.output.stat().st_ino == tree, "the first edit made a fresh tree instead of updating the kept one"
    assert digest(site.output) == site.cold()


def test_the_same_site_named_by_other_paths_is_not_built_again(tmp_path: Path, monkeypatch) -> None:
    """`python build.py` in the site folder and a build naming its folders by absolute paths are
    the same build: the second finds nothing changed instead of making every page again."""
    site = Site(tmp_path)
    site.rebuild()
    monkeypatch.chdir(tmp_path)
    report = build(Options(content=Path("content"), output=Path("output"), templates=Path("templates"),
                           cache=Path("cache"), workers=2, today=TODAY))
    assert report.unchanged


def test_a_product_made_a_draft_takes_its_photos_off_the_site(tmp_path: Path) -> None:
    """A product turned into a draft is no longer built, and its photos' files go with it, as in
    a cold build (its entry used to keep naming them, so they stayed published)."""
    site = Site(tmp_path)
    product_with_photo_added(site)
    site.rebuild()
    assert list((site.output / "media").glob("bandeng-ketiga-*"))
    site.edit("products/bandeng-ketiga.md", "\n---", "\ndraft: true\n---")
    site.rebuild()
    assert not list((site.output / "media").glob("bandeng-ketiga-*"))
    assert digest(site.output) == site.cold()


def test_output_deleted_by_hand_is_built_again(site: Site) -> None:
    shutil.rmtree(site.output)
    report = site.rebuild()
    assert not report.unchanged
    assert digest(site.output) == site.cold()


# -- a build killed while it updates the kept tree ------------------------------------------------
def command(site: Site) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "--content", str(site.content), "--output", str(site.output),
            "--templates", str(site.templates), "--cache", str(site.cache), "--workers", "2", "--quiet"]


def test_build_killed_while_updating_leaves_old_or_new_site(tmp_path: Path) -> None:
    """Kill the build at several moments of an update of the kept tree (and once exactly while the
    state marks that tree as changing); each time output/ must be the old or the new site and the
    next build must equal a cold one."""
    site = Site(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1790121600"}  # TODAY, as the cold builds have it
    run = lambda: subprocess.run(command(site), env=env, capture_output=True, text=True, timeout=300)  # noqa: E731
    assert run().returncode == 0
    price_edited(site)
    assert run().returncode == 0  # from now on a previous tree is kept beside output/
    old = digest(site.output)
    product_added(site)
    new = site.cold()
    product_deleted(site)
    started = time.monotonic()
    assert run().returncode == 0 and digest(site.output) == old
    took = time.monotonic() - started  # an update of the same size: the kills fall inside one
    product_added(site)
    interrupted = 0
    for delay in (0.3 * took, 0.6 * took, 0.85 * took, "changing"):
        process = subprocess.Popen(command(site), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        started = time.monotonic()
        while process.poll() is None and time.monotonic() - started < 60:
            if delay == "changing" and any((site.cache / "builds").glob("*.changing")):
                break
            if isinstance(delay, float) and time.monotonic() - started >= delay:
                break
            time.sleep(0.001)
        interrupted += process.poll() is None
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=60)
        assert digest(site.output) in (old, new), f"killed after {delay}: output/ is neither the old nor the new site"
        result = run()
        assert result.returncode == 0, result.stderr
        assert digest(site.output) == new, f"killed after {delay}: the next build is not the cold build"
        product_deleted(site)  # back to the old content, rebuilt incrementally, for the next kill
        assert run().returncode == 0 and digest(site.output) == old
        product_added(site)
    assert interrupted >= 2, "the kills came after the builds had finished: they prove nothing"


def test_site_logo_shows_in_a_cold_build_and_after_a_rebuild(tmp_path: Path) -> None:
    """The logo is named by site.yaml, not by an entry: a cold build must not take it for a photo
    nothing uses (the header showed it only after a second build)."""
    site = Site(tmp_path)
    Image.new("RGB", (600, 600), (30, 90, 60)).save(site.content / "logo.png")
    site.edit("site.yaml", "title: ", "logo: logo.png\ntitle: ")
    site.rebuild()
    assert 'class="brand-logo"' in (site.output / "index.html").read_text(encoding="utf-8")
    price_edited(site)
    site.rebuild()
    assert digest(site.output) == site.cold()


def test_walk_problems_stay_reported_while_no_file_comes_or_goes(tmp_path: Path) -> None:
    """The walk of content/ is kept while its file names do not change: its problems (a stray
    file) must still be reported by a rebuild that reuses it, and go when the file goes."""
    site = Site(tmp_path)
    site.rebuild()
    stray = site.content / "products" / "catatan harga.txt"
    stray.write_text("harga lama\n", encoding="utf-8")
    codes = lambda report: [w.code for w in report.warnings]  # noqa: E731
    assert "CT_STRAY" in codes(site.rebuild())
    price_edited(site)
    assert "CT_STRAY" in codes(site.rebuild())
    stray.unlink()
    assert "CT_STRAY" not in codes(site.rebuild())
    assert digest(site.output) == site.cold()


def test_a_changed_stylesheet_is_linked_from_every_page_and_the_old_one_goes(tmp_path: Path) -> None:
    """A site's own static/site.css (a theme override) edited: every page links the new hashed
    file, the old one is gone, and the site equals a cold build."""
    site = Site(tmp_path)
    site.rebuild()
    static = site.templates / "static"
    static.mkdir()
    theme_css = (REPO / "templates" / "static" / "site.css").read_text(encoding="utf-8")
    (static / "site.css").write_text(theme_css + "\n.brand-title { letter-spacing: .01em; }\n", encoding="utf-8")
    site.rebuild()
    sheets = sorted(p.name for p in (site.output / "assets").glob("site.*.css"))
    assert len(sheets) == 1, sheets
    for page in site.output.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if 'rel="stylesheet"' in text:
            assert sheets[0] in text, f"{page.relative_to(site.output)} links an old stylesheet"
    assert digest(site.output) == site.cold()


def test_a_first_build_that_fails_leaves_the_next_one_to_make_every_page(tmp_path: Path) -> None:
    """The first build with a cache stops on a mistake (no output yet); once it is fixed, the
    next build makes the whole site, not only the pages of the file that was fixed."""
    site = Site(tmp_path)
    site.edit("products/bandeng-presto.md", "price: 35000", "price: 35.000")
    with pytest.raises(BuildFailed):
        site.rebuild()
    site.edit("products/bandeng-presto.md", "price: 35.000", "price: 35000")
    report = site.rebuild()
    assert report.rendered == report.pages
    assert digest(site.output) == site.cold()
