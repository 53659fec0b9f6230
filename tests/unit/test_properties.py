"""Property-based tests: hostile or broken content stays harmless, whatever its shape.

- Arbitrary front matter and bodies (structured YAML of the real field names with values of
  every type, and raw text) never make `analyse()` raise anything but a `ShowcaseError`.
- The sanitiser, alone and on the whole body path (Markdown, photos and links, sanitising),
  never outputs a script element, an event handler or a javascript:/data:/vbscript: URL.
- `slugify` is idempotent, and files whose names give one slug are reported by the loader.
- Building the same generated content twice gives the same bytes.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from showcase import markup, slugs
from showcase.errors import BuildFailed, Diagnostics, ShowcaseError
from showcase.pipeline import Options, analyse, build
from showcase.schema import SCHEMAS

MINIMAL = Path(__file__).resolve().parent.parent / "sites" / "minimal" / "content"
PRODUCT = "products/hostile.md"
SCALE = int(os.environ.get("SHOWCASE_PROPERTY_SCALE", "1"))  # raise it to hunt locally
FEW = settings(max_examples=60 * SCALE, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
MANY = settings(max_examples=100 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- strategies ----------------------------------------------------------------------------------
FIELD_NAMES = sorted({f.name for fields in SCHEMAS.values() for f in fields}
                     | {"src", "alt", "type", "number", "valid_until", "url", "lat", "lon", "titel"})
# Text an editor can paste: every plane, surrogates excluded (a file on disk is UTF-8 or not).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
TRICKY = st.sampled_from([
    "", "~", "null", "NO", "yes", "1.10", "012345", "+6281234", "17:00", "25.000", "Rp 25.000", "-1", "0",
    ".inf", ".nan", "1e23", "2024-02-30", "30/01/2024", "2026-09-24T10:00:00+07:00", "javascript:alert(1)",
    "data:text/html,x", "../../etc/passwd", "/etc/passwd", "C:\\x.jpg", "%2e%2e/x.jpg", "bandeng-presto.jpg",
    "BANDENG-PRESTO.JPG", "pangkep", "Pangkep", "mattiro-sompe", "olahan-hasil-laut", "halal", "0812-0000-0001",
    "<script>alert(1)</script>", "“Kopi”", "a\u00a0b", "x\uff1ay", "\u200b", "CON", "..", "!!python/object",
    "&a [*a]", "{{ site }}", "{% raw %}", "x" * 300,
])
SCALAR = st.one_of(TEXT, TRICKY, st.integers(-10**25, 10**25), st.floats(allow_nan=True), st.booleans(),
                   st.none(), st.dates())
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=3)), max_leaves=8)
MAPPING = st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), TEXT), VALUE, max_size=8)


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


RAW_LINES = st.lists(st.one_of(TEXT, TRICKY, st.sampled_from([
    "---", "+++", "title: Kopi: Gayo", "\ttitle: x", "- a", "a: &x [1]", "b: *x", "<<: *x", "? x", "!!binary x",
    "title: |", "  - [", "{", "]", "'", '"', "#", "title: !!python/name:os.system", "%YAML 1.1", "images:",
    "  - src: bandeng-presto.jpg", "    alt:", "price: 25.000", "region: pangkp",
])), max_size=12).map("\n".join)
BODY = st.one_of(TEXT, st.lists(st.one_of(TEXT, st.sampled_from([
    "[", "](", "![x](", "![a](bandeng-presto.jpg)", "![a](../../x.jpg)", "[x](/produk/)", "[x](/nope/)",
    "[x](javascript:alert(1))", "<script>", "<img src=x onerror=alert(1)>", "<!-- catatan -->", "> ", "- ",
    "1. ", "```", "    code", "|a|b|\n|-|-|", "&#0;", "\x00", "\r\n", "{{ x }}", "\u202e", "*" * 20,
])), max_size=20).map("".join))
VALID = {"title": "Abon Bandeng", "category": "olahan-hasil-laut", "maker": "mattiro-sompe", "price": 45000,
         "unit": "250 g", "images": [{"src": "bandeng-presto.jpg", "alt": "Abon"}], "date": "2026-09-24",
         "certifications": [{"type": "halal", "number": "ID123"}]}
# A valid product with a few fields changed reaches references, photos, prices and licences.
NEAR_VALID = st.dictionaries(st.sampled_from(FIELD_NAMES), VALUE, max_size=3).map(lambda d: {**VALID, **d})
FILE_TEXT = st.one_of(
    st.builds(lambda fm, body: "---\n" + fm + "\n---\n" + body, NEAR_VALID.map(dump), BODY),
    st.builds(lambda fm, body: "---\n" + fm + "\n---\n" + body, MAPPING.map(dump), BODY),
    st.builds(lambda fm, body: "---\n" + fm + "\n---\n" + body, RAW_LINES, BODY),
    RAW_LINES,
)
FILE_BYTES = st.one_of(
    FILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    FILE_TEXT.map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
    FILE_TEXT.map(lambda t: t.encode("utf-16")),
    st.binary(max_size=300),
)


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("properties") / "content"
    shutil.copytree(MINIMAL, root)
    return root


def analyse_with(content: Path, files: dict[str, bytes], cache: Path) -> Diagnostics:
    written = []
    try:
        for name, data in files.items():
            path = content / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(path)
        try:
            return analyse(Options(content=content, cache=cache, workers=1, render_timeout=5)).diags
        except ShowcaseError:
            return Diagnostics()
    finally:
        for path in written:
            path.unlink()


# -- 1. only showcase's own errors escape ---------------------------------------------------------
@FEW
@given(data=FILE_BYTES)
def test_arbitrary_product_file_gives_diagnostics_not_exceptions(content: Path, tmp_path: Path,
                                                                  data: bytes) -> None:
    diags = analyse_with(content, {PRODUCT: data}, tmp_path / "cache")
    for problem in diags:
        assert problem.path.startswith("content/") and problem.code and problem.message("id") and problem.message("en")


@FEW
@given(kind=st.sampled_from(["regions/x.md", "categories/x.md", "makers/x.md", "pages/x.md",
                             "products/bandeng-presto.en.md"]),
       data=FILE_TEXT)
def test_arbitrary_file_of_every_kind_and_translation(content: Path, tmp_path: Path, kind: str, data: str) -> None:
    analyse_with(content, {kind: data.encode("utf-8", "surrogatepass")}, tmp_path / "cache")


@FEW
@given(data=MAPPING.map(dump))
def test_arbitrary_site_yaml(content: Path, tmp_path: Path, data: str) -> None:
    original = (content / "site.yaml").read_bytes()
    try:
        analyse_with(content, {"site.yaml": data.encode()}, tmp_path / "cache")
    finally:
        (content / "site.yaml").write_bytes(original)


# -- 2. the sanitiser ---------------------------------------------------------------------------
C0_AND_SPACE = "".join(map(chr, range(0x21)))


class Inspect(HTMLParser):
    """Parses HTML like a browser's tokenizer and records anything that could run script."""

    URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data", "background"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "base", "meta", "form", "svg", "math", "style", "link"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in self.URL_ATTRS and value is not None:
                # As a browser's URL parser: C0 controls and spaces trimmed, tabs and newlines
                # removed anywhere (each srcset candidate is a URL of its own).
                candidates = value.split(",") if name == "srcset" else [value]
                schemes = [re.sub(r"[\t\n\r]", "", c).strip(C0_AND_SPACE).lower() for c in candidates]
                if any(re.match(r"(javascript|data|vbscript):", c) for c in schemes):
                    self.found.append(f"{tag}[{name}={value!r}]")

    handle_startendtag = handle_starttag


def unsafe(html: str) -> list[str]:
    inspector = Inspect()
    inspector.feed(html)
    inspector.close()
    return inspector.found


ATTR_NAMES = st.sampled_from(["href", "src", "srcset", "onerror", "ONCLICK", "onmouseover", "style", "title",
                              "alt", "action", "formaction", "xlink:href", "data-x", "on", "o\x00nerror"])
URLS = st.sampled_from([
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java&#09;script:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)", "jav&#x61;script:x",
    "data:text/html;base64,PHNjcmlwdD4=", "DATA:image/svg+xml,<svg onload=alert(1)>", "vbscript:x",
    "x.jpg, javascript:alert(1) 2x", "https://example.org/", "/produk/", "#a", "mailto:a@b.c", "%6aavascript:x",
    "\x01javascript:alert(1)", "javascript\u0000:alert(1)",
])
TAGS = st.sampled_from(["script", "SCRIPT", "img", "a", "svg", "math", "iframe", "style", "p", "div", "form",
                        "input", "object", "embed", "meta", "base", "link", "source", "picture", "template",
                        "noscript", "xmp", "textarea", "title", "table", "select", "details"])


@st.composite
def element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(TAGS)
    attrs = draw(st.lists(st.tuples(ATTR_NAMES, st.one_of(URLS, TEXT), st.sampled_from(['"', "'", ""])),
                          max_size=3))
    attr_text = "".join(f" {n}={q}{v}{q}" for n, v, q in attrs)
    inner = draw(st.lists(st.one_of(TEXT, URLS, st.just("<!--"), st.just("-->"), st.just("</script>"),
                                    st.just("<"), st.just("]]>"), st.just("<![CDATA["),
                                    element(depth + 1) if depth < 2 else TEXT), max_size=3))
    close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag} >", "</"]))
    return f"<{tag}{attr_text}>" + "".join(inner) + close


HTMLISH = st.lists(st.one_of(element(), TEXT, URLS, st.sampled_from(["<", ">", "&", "\"", "'", "<!--", "`"])),
                   max_size=8).map("".join)


@MANY
@given(html=HTMLISH)
def test_sanitise_never_outputs_script_handlers_or_script_urls(html: str) -> None:
    out = markup.sanitise(html)
    assert unsafe(out) == [], (html, out)
    assert unsafe(markup.sanitise(out)) == []


def _body_path(text: str) -> str:
    """The whole body path: Markdown, photos and links put back, sanitised (as the pipeline does)."""
    job = markup.BodyJob("content/products/x.md", 10, text)
    rendered = markup.render_markdown(text)
    picture = '<picture><img src="/media/x.jpg" alt="{}"></picture>'
    return markup.finish(rendered, job, Diagnostics(), lambda src, alt, line: picture.format(alt),
                         lambda href, line: "/galeri" + href if href.startswith("/produk") else None)


MARKDOWNISH = st.lists(st.one_of(
    HTMLISH, TEXT, st.builds(lambda t, u: f"[{t}]({u})", TEXT, URLS), st.builds(lambda u: f"<{u}>", URLS),
    st.builds(lambda t, u: f"![{t}]({u})", TEXT, URLS), st.builds(lambda u: f"[r]: {u}\n\n[x][r]", URLS),
    st.sampled_from(["\n\n", "\n", "> ", "- ", "```\n", "    ", "|a|\n|-|\n", "*", "_", "`"])), max_size=10
).map("".join)


@MANY
@given(text=MARKDOWNISH)
def test_body_path_never_outputs_script_handlers_or_script_urls(text: str) -> None:
    out = _body_path(text)
    assert unsafe(out) == [], (text, out)


def test_inspector_catches_what_it_must() -> None:
    """The oracle itself: each of these must be caught, or the properties above prove nothing."""
    assert unsafe("<script>x</script>")
    assert unsafe('<img src=x onerror="alert(1)">')
    assert unsafe('<a href=" JAVA\tSCRIPT:alert(1)">x</a>')
    assert unsafe('<a href="&#106;avascript:alert(1)">x</a>')
    assert unsafe('<img srcset="a.jpg 1x, data:image/png,xx 2x">')
    assert not unsafe('<a href="https://example.org/">x</a><img src="/a.jpg" alt="">')


# -- 3. slugs -----------------------------------------------------------------------------------
@MANY
@given(text=TEXT)
def test_slugify_is_idempotent_and_url_safe(text: str) -> None:
    once = slugs.slugify(text)
    assert slugs.slugify(once) == once
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", once)
    assert len(once) <= slugs.MAX_SLUG


NAME_PART = st.text(st.sampled_from("abcdeiouAEIOUíÍéÉüß_- "), min_size=1, max_size=6)


@st.composite
def colliding_names(draw: st.DrawFn) -> tuple[str, str]:
    """Two different file names whose slugs are the same: case, accents, NFD, `_` vs `-`."""
    base = draw(st.text(st.sampled_from("abcdeiou"), min_size=1, max_size=6))
    other = draw(st.sampled_from([
        base.upper(), base + "_x", base.replace("i", "í") if "i" in base else base + "-",
        base.replace("e", "é") if "e" in base else base.capitalize(),
    ]))
    first = base + ("-x" if other == base + "_x" else "")
    import unicodedata
    other = draw(st.sampled_from([other, unicodedata.normalize("NFD", other)]))
    assume(first != other and slugs.slugify(first) == slugs.slugify(other) and not slugs.problem(first))
    assume(first.casefold() != other.casefold())  # case-only pairs are a separate (file system) check
    return first, other


@FEW
@given(names=colliding_names())
def test_slug_collisions_are_reported_with_both_files(content: Path, tmp_path: Path,
                                                      names: tuple[str, str]) -> None:
    body = (content / "products" / "bandeng-presto.md").read_text().replace(
        "bandeng-presto.jpg", "../products/bandeng-presto.jpg")
    files = {f"products/{name}.md": body.encode() for name in names}
    diags = analyse_with(content, files, tmp_path / "cache")
    duplicates = [d for d in diags.errors if d.code == "CT_DUPLICATE_SLUG"]
    assert duplicates, [d.format("en") for d in diags]
    assert all(name in duplicates[0].message("en") for name in names) or \
        all(f"{name}.md" in "".join(d.message("en") for d in duplicates) for name in names)


def test_case_only_collision_is_reported(content: Path, tmp_path: Path) -> None:
    body = (content / "products" / "bandeng-presto.md").read_bytes()
    diags = analyse_with(content, {"products/abon.md": body, "products/ABON.md": body}, tmp_path / "cache")
    assert {d.code for d in diags.errors} & {"CT_CASE_COLLISION", "CT_DUPLICATE_SLUG"}


# -- 4. determinism -----------------------------------------------------------------------------
def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


SAFE_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co", "Cn")),
                    min_size=1, max_size=30).filter(lambda s: s.strip() == s and s.strip())


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=SAFE_TEXT, body=MARKDOWNISH, price=st.integers(1, 10**9))
def test_building_twice_gives_the_same_bytes(content: Path, tmp_path_factory: pytest.TempPathFactory,
                                             title: str, body: str, price: int) -> None:
    product = {"title": title, "category": "olahan-hasil-laut", "maker": "mattiro-sompe", "price": price,
               "images": [{"src": "bandeng-presto.jpg", "alt": title}], "date": "2026-09-24"}
    data = ("---\n" + dump(product) + "---\n" + body).encode("utf-8", "surrogatepass")
    path = content / PRODUCT
    path.write_bytes(data)
    work = tmp_path_factory.mktemp("twice")
    digests = []
    try:
        for run in ("a", "b"):
            try:
                build(Options(content=content, output=work / run, cache=work / "cache", workers=1))
            except BuildFailed as failed:
                digests.append(sorted(d.format("en") for d in failed.diagnostics.items))
                continue
            digests.append(tree_digest(work / run))
    finally:
        path.unlink()
    assert digests[0] == digests[1]
