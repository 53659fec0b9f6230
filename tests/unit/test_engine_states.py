"""The incremental engine under random edit sequences: after every edit, the rebuilt output equals
a cold build of the same content, byte for byte over the whole output tree.

A hypothesis `RuleBasedStateMachine` starts from a generated site (the full fixture plus 40
products, each with a photo, a third of them translated, a quarter with a licence that expires
within weeks of the build date) and applies random edits: a product, maker, region, category or
page edited; a translation or a photo added or changed; a site setting changed; a template
override added or changed; the build date moved forward past licences' expiry; a product added,
deleted or renamed. After each one it rebuilds in place (same output, same cache, as an editor
or CI with a restored cache would) and builds the same content cold (fresh output, fresh cache),
and compares every file. `make test` runs at least MIN_STEPS steps; `SHOWCASE_PROPERTY_SCALE=N`
runs N times as many.

The net catches what a page reads without recording it: see test_unrecorded_read_is_caught,
which builds with a product page that reads a list around the accessors: the guard in
showcase/inputs.py stops it, and behind the guard the same comparison fails.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from PIL import Image

from showcase import pages
from showcase.errors import BuildFailed
from showcase.pipeline import Options, build
from showcase.views import Page, Spec, Views

REPO = Path(__file__).resolve().parents[2]
FULL = REPO / "tests" / "sites" / "full" / "content"
THEME = REPO / "templates"
TODAY = date(2026, 9, 23)
GENERATED = 40
SCALE = int(os.environ.get("SHOWCASE_PROPERTY_SCALE", "1"))
MIN_STEPS = 40
EXAMPLES = 2
IMAGES = "images:\n  formats: [webp]\n"
"""WebP and the JPEG fallback only: the cold builds encode every photo afresh, AVIF is the slowest."""
STEPS = MIN_STEPS // EXAMPLES * SCALE  # per example: hypothesis runs the maximum unless it shrinks

WORDS = ("bandeng presto abon cakalang asap gurih renyah marmer pahat anyaman lontar pandan sutra tenun "
         "motif batik kain selendang sarung perajin desa pesisir pulau tradisi kualitas").split()
CATEGORIES = ("olahan-hasil-laut", "tenun-sutra", "anyaman")
REGIONS = ("pangkep", "soppeng")
MAKERS = ("mattiro-sompe", "sutra-lalabata", "umkm-karya", "umkm-lestari", "umkm-pesisir")
NEW_MAKERS = {"umkm-karya": "pangkep", "umkm-lestari": "soppeng", "umkm-pesisir": "pangkep"}
FIXED = {"bandeng-presto": "products/bandeng-presto.md", "abon-bandeng": "products/abon-bandeng.md",
         "sarung-sutra": "products/soppeng/sarung-sutra/index.md"}
"""The fixture's products: edited like the others, never deleted or renamed (bodies link to them)."""
LICENCES = ("halal", "pirt", "bpom-md", "nib")
TEMPLATES = ("product.html", "category.html", "maker.html", "region.html", "home.html", "page.html",
             "listing.html", "base.html", "macros.html")


# -- the generated site ---------------------------------------------------------------------------
def words(seed: int, n: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(n))


def photo(path: Path, seed: int, size: tuple[int, int] = (120, 90)) -> None:
    """A small deterministic photo (small photos keep cold builds quick; they earn a warning)."""
    image = Image.new("RGB", size, ((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256))
    image.paste(((seed * 11) % 256, 40, 200), (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
    image.save(path, "JPEG", quality=80)


def front_matter(fields: dict[str, str], body: str) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items()) + "---\n" + body


def product_file(slug: str, n: int, photos: list[str], expires: date | None) -> str:
    fields = {"title": f"Produk {words(n, 2).title()} {n}", "category": CATEGORIES[n % len(CATEGORIES)],
              "maker": MAKERS[n % len(MAKERS)], "price": str(1000 * (n * 13 % 900 + 10)), "unit": "500 g",
              "images": "[" + ", ".join(f"{{src: {p}, alt: Foto {slug} {i}}}" for i, p in enumerate(photos)) + "]",
              "date": (date(2026, 1, 1) + timedelta(days=n * 5 % 260)).isoformat()}
    if expires is not None:
        fields["certifications"] = f'[{{type: {LICENCES[n % len(LICENCES)]}, number: "ID{n:06d}", valid_until: {expires}}}]'
    if n % 9 == 0:
        fields["featured"] = "true"
    body = f"{words(n, 12).capitalize()}.\n\n- {words(n + 1, 3)}\n- {words(n + 2, 3)}\n"
    if n % 5 == 0:
        body += "\nLihat juga [bandeng presto](/produk/bandeng-presto/).\n"
    return front_matter(fields, body)


def translation_file(n: int) -> str:
    return front_matter({"title": f"Product {words(n, 2).title()} {n}", "unit": "500 g pack"},
                        f"English text {n}: {words(n + 3, 6)}.\n")


def make_site(root: Path, count: int = GENERATED) -> dict[str, list[str]]:
    """The fixture site plus makers, a category and `count` products; returns each generated
    product's photos by slug."""
    content = root / "content"
    shutil.copytree(FULL, content)
    with open(content / "site.yaml", "a", encoding="utf-8") as settings_file:
        settings_file.write(IMAGES)
    (root / "templates").mkdir()  # a site's own folder, empty until an override is added
    for slug, region in NEW_MAKERS.items():
        (content / "makers" / f"{slug}.md").write_text(front_matter(
            {"name": f"UMKM {slug[5:].title()}", "region": region, "whatsapp": '"0812-5555-0101"'},
            f"Kelompok {words(len(slug), 5)}.\n"), encoding="utf-8")
    (content / "categories" / "anyaman.md").write_text(front_matter({"name": "Anyaman", "order": "3"},
                                                                    "Anyaman lontar.\n"), encoding="utf-8")
    (content / "categories" / "anyaman.en.md").write_text(front_matter({"name": "Weaving"}, ""), encoding="utf-8")
    folder = content / "products" / "gen"
    folder.mkdir()
    products = {}
    for n in range(count):
        slug = f"produk-{n:02d}"
        photo(folder / f"{slug}.jpg", n)
        expires = TODAY + timedelta(days=1 + n * 3 % 40) if n % 4 == 0 else None
        (folder / f"{slug}.md").write_text(product_file(slug, n, [f"{slug}.jpg"], expires), encoding="utf-8")
        if n % 3 == 0:
            (folder / f"{slug}.en.md").write_text(translation_file(n), encoding="utf-8")
        products[slug] = [f"{slug}.jpg"]
    return products


def set_field(path: Path, name: str, value: str | None) -> None:
    """Set (or with None remove) a one-line field of a file's front matter."""
    head, body = path.read_text(encoding="utf-8")[4:].split("\n---\n", 1)
    lines = [line for line in head.split("\n") if not line.startswith(f"{name}:")]
    if value is not None:
        lines.append(f"{name}: {value}")
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")


def set_body(path: Path, body: str) -> None:
    head = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    path.write_text(head + "\n---\n" + body, encoding="utf-8")


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def differences(warm: dict[str, str], cold: dict[str, str]) -> list[str]:
    return sorted(p for p in set(warm) | set(cold) if warm.get(p) != cold.get(p))


@dataclass
class Site:
    """A generated site with its own output and cache, built as an editor rebuilds it."""

    root: Path
    today: date = TODAY
    colds: int = 0
    products: dict[str, list[str]] = field(default_factory=dict)  # generated product -> its photos

    @property
    def content(self) -> Path:
        return self.root / "content"

    def options(self, output: Path, cache: Path) -> Options:
        return Options(content=self.content, output=output, templates=self.root / "templates", cache=cache,
                       workers=2, today=self.today)

    def outcome(self, output: Path, cache: Path) -> tuple[str, ...] | dict[str, str]:
        """Every output file's digest, or the codes of the errors when the build failed."""
        try:
            build(self.options(output, cache))
        except BuildFailed as failed:
            return tuple(sorted(d.code for d in failed.diagnostics.errors))
        return digest(output)

    def rebuild(self) -> tuple[str, ...] | dict[str, str]:
        return self.outcome(self.root / "output", self.root / "cache")

    def cold(self) -> tuple[str, ...] | dict[str, str]:
        self.colds += 1
        output, cache = self.root / f"cold-{self.colds}", self.root / f"cold-cache-{self.colds}"
        try:
            return self.outcome(output, cache)
        finally:
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)

    def check(self, step: str) -> None:
        warm = self.rebuild()
        cold = self.cold()
        if isinstance(warm, dict) and isinstance(cold, dict):
            wrong = differences(warm, cold)
            assert not wrong, f"after {step}, the rebuilt site differs from a cold build in {len(wrong)} files: {wrong[:8]}"
        assert warm == cold, f"after {step}: rebuilt {warm if isinstance(warm, tuple) else 'fine'}, " \
                             f"cold {cold if isinstance(cold, tuple) else 'fine'}"


# -- the state machine ----------------------------------------------------------------------------
PICK = st.integers(min_value=0, max_value=10_000)
WORD = st.sampled_from(WORDS)


class EditSequences(RuleBasedStateMachine):
    """Random edits to one generated site; after each, the rebuild must equal a cold build."""

    steps = 0  # every step of every example, for the test to check that it ran enough of them

    def __init__(self) -> None:
        super().__init__()
        self.site = Site(Path(tempfile.mkdtemp(prefix="showcase-states-")))
        self.site.products = make_site(self.site.root)
        self.site.rebuild()
        self.made = 0
        self.last = "nothing"
        self.settings = {"title": "Galeri Uji", "base_url": "https://example.org/", "whatsapp": '"0812-0000-0001"'}

    def teardown(self) -> None:
        shutil.rmtree(self.site.root, ignore_errors=True)

    @invariant()
    def rebuild_equals_cold_build(self) -> None:
        if self.last == "nothing":
            return
        self.site.check(self.last)
        EditSequences.steps += 1
        self.last = "nothing"

    # helpers
    def _product(self, pick: int, fixed: bool = True) -> tuple[str, Path]:
        slugs = sorted(self.site.products) + (sorted(FIXED) if fixed else [])
        slug = slugs[pick % len(slugs)]
        return slug, self.site.content / (FIXED[slug] if slug in FIXED else f"products/gen/{slug}.md")

    def _next(self) -> int:
        self.made += 1
        return self.made

    # content edits
    @rule(pick=PICK, what=st.sampled_from(["price", "title", "body", "date", "category", "maker", "featured",
                                           "draft", "licence", "unit"]), word=WORD, number=PICK)
    def edit_product(self, pick: int, what: str, word: str, number: int) -> None:
        slug, path = self._product(pick, fixed=what not in ("draft", "category", "maker", "licence"))
        value: str | None = {
            "price": str(1000 + number * 50), "title": f"{word.title()} {number}", "unit": f"{number % 9 + 1} kg",
            "date": (date(2026, 1, 1) + timedelta(days=number % 265)).isoformat(),
            "category": CATEGORIES[number % len(CATEGORIES)], "maker": MAKERS[number % len(MAKERS)],
            "featured": "true" if number % 2 else None, "draft": "true" if number % 3 == 0 else None,
            "licence": f'[{{type: halal, number: "ID{number:06d}", valid_until: {self.site.today + timedelta(days=number % 30 - 5)}}}]',
        }.get(what)
        if what == "body":
            set_body(path, f"{word.capitalize()} {number}.\n\n*{words(number, 4)}*\n")
        else:
            set_field(path, "certifications" if what == "licence" else what, value)
        self.last = f"product {slug}: {what}"

    @rule(pick=PICK, what=st.sampled_from(["name", "whatsapp", "summary", "body", "region"]), number=PICK)
    def edit_maker(self, pick: int, what: str, number: int) -> None:
        slug = MAKERS[pick % len(MAKERS)]
        if what == "region" and slug not in NEW_MAKERS:  # the fixture's makers name a district of theirs
            what = "name"
        path = self.site.content / "makers" / f"{slug}.md"
        if what == "body":
            set_body(path, f"Berdiri {number}. {words(number, 6)}.\n")
        else:
            set_field(path, what, {"name": f"UMKM {words(number, 2).title()} {number}",
                                   "whatsapp": f'"0812-{1000 + number % 9000}-0101"',
                                   "summary": f"Perajin {words(number, 3)}.",
                                   "region": REGIONS[number % 2]}[what])
        self.last = f"maker {slug}: {what}"

    @rule(which=st.sampled_from(["regions/pangkep.md", "regions/soppeng/index.md"]),
          what=st.sampled_from(["name", "short_name", "summary", "body"]), number=PICK)
    def edit_region(self, which: str, what: str, number: int) -> None:
        path = self.site.content / which
        if what == "body":
            set_body(path, f"Wilayah {words(number, 5)}.\n")
        else:
            set_field(path, what, f"{words(number, 2).title()} {number}")
        self.last = f"region {which}: {what}"

    @rule(slug=st.sampled_from(CATEGORIES), what=st.sampled_from(["name", "order", "summary", "body"]), number=PICK)
    def edit_category(self, slug: str, what: str, number: int) -> None:
        path = self.site.content / "categories" / f"{slug}.md"
        if what == "body":
            set_body(path, f"Kategori {words(number, 4)}.\n")
        else:
            set_field(path, what, str(number % 7) if what == "order" else f"{words(number, 2).title()} {number}")
        self.last = f"category {slug}: {what}"

    @rule(what=st.sampled_from(["title", "body", "menu", "en title", "en body"]), number=PICK)
    def edit_page(self, what: str, number: int) -> None:
        path = self.site.content / "pages" / ("tentang.en.md" if what.startswith("en") else "tentang.md")
        if what.endswith("body"):
            set_body(path, f"Tentang {words(number, 6)}, lihat [produk](/produk/bandeng-presto/).\n")
        elif what == "menu":
            set_field(path, "menu", str(number % 4 + 1))
        else:
            set_field(path, "title", f"{words(number, 2).title()} {number}")
        self.last = f"page: {what}"

    @rule(pick=PICK, number=PICK, what=st.sampled_from(["product", "category", "region"]))
    def translate(self, pick: int, number: int, what: str) -> None:
        """A translation added or changed (`.en.md` beside the file)."""
        if what == "product":
            slug, path = self._product(pick)
            target = path.with_name(path.name[:-3] + ".en.md")
            if target.exists():
                set_field(target, "title", f"Product {words(number, 2).title()} {number}")
            else:
                target.write_text(translation_file(number), encoding="utf-8")
        elif what == "category":
            slug = CATEGORIES[pick % len(CATEGORIES)]
            target = self.site.content / "categories" / f"{slug}.en.md"
            target.write_text(front_matter({"name": f"{words(number, 2).title()} {number}"}, ""), encoding="utf-8")
        else:
            slug = "soppeng"
            set_field(self.site.content / "regions" / "soppeng" / "index.en.md", "summary", f"Silk land {number}.")
        self.last = f"translation of {what} {slug}"

    @rule(pick=PICK, number=PICK, what=st.sampled_from(["replaced", "resized", "added", "cover"]))
    def change_photo(self, pick: int, number: int, what: str) -> None:
        if what == "cover" or not self.site.products:
            photo(self.site.content / "regions" / "soppeng" / "sampul.jpg", number, (160, 90))
            self.last = "photo: the region cover"
            return
        slug, path = self._product(pick, fixed=False)
        photos = self.site.products[slug]
        if what == "added":
            name = f"{slug}-{self._next()}.jpg"
            photo(path.parent / name, number)
            photos.append(name)
            set_field(path, "images", "[" + ", ".join(f"{{src: {p}, alt: Foto {i}}}" for i, p in enumerate(photos)) + "]")
        else:
            photo(path.parent / photos[number % len(photos)], number, (120, 90) if what == "replaced" else (90, 120))
        self.last = f"photo of {slug}: {what}"

    @rule(what=st.sampled_from(["title", "tagline", "organisation", "whatsapp"]), number=PICK)
    def change_setting(self, what: str, number: int) -> None:
        self.settings[what] = f'"0812-0000-{1000 + number % 9000}"' if what == "whatsapp" \
            else f"{words(number, 2).title()} {number}"
        (self.site.content / "site.yaml").write_text(
            "".join(f"{k}: {v}\n" for k, v in self.settings.items() if k != "whatsapp")
            + f"contact:\n  whatsapp: {self.settings['whatsapp']}\n" + IMAGES, encoding="utf-8")
        self.last = f"site setting {what}"

    @rule(name=st.sampled_from(TEMPLATES))
    def override_template(self, name: str) -> None:
        """A template of the theme overridden by the site (or an override changed again)."""
        target = self.site.root / "templates" / name
        text = (target if target.exists() else THEME / name).read_text(encoding="utf-8")
        mark = f"<!-- ganti {self._next()} -->"
        if name == "macros.html":
            text = text.replace('<div class="card-body">', f'<div class="card-body">{mark}', 1)
        elif name == "base.html":
            text = text.replace("</body>", f"{mark}</body>", 1)
        else:
            head, _, tail = text.rpartition("{% endblock %}")
            text = f"{head}{mark}{{% endblock %}}{tail}"
        assert mark in text
        target.write_text(text, encoding="utf-8")
        self.last = f"template override {name}"

    @rule(days=st.integers(min_value=1, max_value=12))
    def move_build_date(self, days: int) -> None:
        """The build date moves on, past the expiry of some licences."""
        self.site.today += timedelta(days=days)
        self.last = f"build date {self.site.today}"

    @rule(number=PICK, photographed=st.booleans(), translated=st.booleans(), licensed=st.booleans())
    def add_product(self, number: int, photographed: bool, translated: bool, licensed: bool) -> None:
        slug = f"produk-baru-{self._next()}"
        folder = self.site.content / "products" / "gen"
        photos = [f"{slug}.jpg"] if photographed else []
        if photographed:
            photo(folder / photos[0], number)
        text = product_file(slug, number, photos, self.site.today + timedelta(days=number % 10) if licensed else None)
        if not photographed:
            text = text.replace("images: []\n", "")
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
        if translated:
            (folder / f"{slug}.en.md").write_text(translation_file(number), encoding="utf-8")
        self.site.products[slug] = photos
        self.last = f"product {slug} added"

    @precondition(lambda self: self.site.products)
    @rule(pick=PICK, photos_too=st.booleans())
    def delete_product(self, pick: int, photos_too: bool) -> None:
        slug, path = self._product(pick, fixed=False)
        path.unlink()
        path.with_name(f"{slug}.en.md").unlink(missing_ok=True)
        for name in self.site.products.pop(slug):
            if photos_too:
                (path.parent / name).unlink()
        self.last = f"product {slug} deleted"

    @precondition(lambda self: self.site.products)
    @rule(pick=PICK)
    def rename_product(self, pick: int) -> None:
        slug, path = self._product(pick, fixed=False)
        new = f"{slug.split('-v', 1)[0]}-v{self._next()}"
        path.rename(path.with_name(f"{new}.md"))
        translation = path.with_name(f"{slug}.en.md")
        if translation.exists():
            translation.rename(path.with_name(f"{new}.en.md"))
        self.site.products[new] = self.site.products.pop(slug)
        self.last = f"product {slug} renamed {new}"


def test_random_edits_rebuild_to_exactly_the_cold_output() -> None:
    EditSequences.steps = 0
    run_state_machine_as_test(EditSequences, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
        suppress_health_check=list(HealthCheck)))
    assert EditSequences.steps >= MIN_STEPS * SCALE, f"only {EditSequences.steps} edits were checked"


# -- the net can fail -------------------------------------------------------------------------------
READS = ["through the accessor", "around the accessor", "behind the guard"]


@pytest.mark.parametrize("how", READS)
def test_unrecorded_read_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """A product page that shows how many products its maker has, read through `Inputs.members`
    (recorded), straight from the build state (`inputs.store`, the mistake a new page kind could
    make), or from the state behind the guard (as a view reading any other source would).
    - Around the accessor, the guard stops the first build: PAGE_VIEW, naming the page.
    - A product added for that maker must reach the pages of all the maker's products: with the
      recorded read the rebuild equals the cold build; behind the guard the other pages keep the
      old number, and the comparison the state machine makes after each edit reports them."""
    product = pages.KINDS["product"]

    def counting(views: Views, spec: Spec) -> Page:
        page = product.build(views, spec)
        maker = views.inputs.entry("product", spec.argument).maker
        name = f"maker/{maker}"
        members = {"through the accessor": lambda: views.inputs.members(name),
                   "around the accessor": lambda: views.inputs.store.facet(name),
                   "behind the guard": lambda: views.inputs._store.facet(name)}[how]()
        return replace(page, view=replace(page.view, title=f"{page.view.title} ({len(members)})"))

    monkeypatch.setitem(pages.KINDS, "product", replace(product, build=counting))
    monkeypatch.setenv("SHOWCASE_START_METHOD", "fork")  # workers inherit the patched kind
    site = Site(tmp_path)
    site.products = make_site(tmp_path, count=8)
    if how == "around the accessor":
        with pytest.raises(BuildFailed) as failed:
            build(site.options(site.root / "output", site.root / "cache"))
        error = failed.value.diagnostics.errors[0]
        assert error.code == "PAGE_VIEW" and "UnrecordedRead" in error.message("en")
        assert "(product/" in error.message("en") and "(test_engine_states.py:" in error.message("en")
        assert not (site.root / "output").exists()
        return
    site.rebuild()
    page = site.root / "output" / "produk" / "produk-05" / "index.html"  # a product of mattiro-sompe

    def shown() -> int:
        return int(re.search(r'<h1 class="page-title">[^<]* \((\d+)\)</h1>', page.read_text(encoding="utf-8"))[1])

    before = shown()
    assert MAKERS[5 % len(MAKERS)] == MAKERS[len(MAKERS) * 3 % len(MAKERS)] == "mattiro-sompe" and before > 1
    added = site.content / "products" / "gen" / "produk-baru.md"
    added.write_text(product_file("produk-baru", len(MAKERS) * 3, [], None).replace("images: []\n", ""), encoding="utf-8")
    set_field(added, "date", "2025-01-01")  # the oldest: it changes no list's first page, no related block
    if how == "through the accessor":
        site.check("a product added for the maker")
        assert shown() == before + 1
    else:
        with pytest.raises(AssertionError, match=r"differs from a cold build in \d+ files: .*produk/produk-05/index.html"):
            site.check("a product added for the maker")
        assert shown() == before  # the stale page the net caught
