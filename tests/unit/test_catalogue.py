"""The printable catalogue and shelf labels at scale: past catalogue.WHOLE_LIMIT products the
whole-site pages link the regions' instead of listing thousands of products; each region's still
lists every product of it, in parts of PER_PART products that link each other."""
from __future__ import annotations

import re
from datetime import date

import pytest

from bench.corpus import generate
from showcase.pages import catalogue, labels
from showcase.pipeline import Options, build


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    patch.setattr(catalogue, "WHOLE_LIMIT", 20)
    patch.setattr(catalogue, "PER_PART", 7)
    patch.setattr(labels, "PER_PART", 5)
    try:
        root = tmp_path_factory.mktemp("catalogue")
        content = generate(root, 60, 0, words=20)
        output = root / "output"
        build(Options(content=content, output=output, cache=None, today=date(2026, 11, 1), workers=1))
    finally:
        patch.undo()
    return output


def items(html: str) -> list[str]:
    return re.findall(r'<li class="catalogue-item"', html)


def test_whole_catalogue_over_the_limit_links_regions_instead_of_listing(built):
    for folder, text in (("katalog", "lebih dari 20 produk"), ("en/catalogue", "more than 20 products")):
        html = (built / folder / "index.html").read_text(encoding="utf-8")
        assert items(html) == [] and text in html
        linked = set(re.findall(rf'<a href="/{folder}/([a-z-]+)/"', html))
        assert linked == {p.parent.name for p in (built / folder).glob("*/index.html")} and len(linked) >= 2


def test_region_catalogues_still_list_every_product(built):
    total = sum(len(items(page.read_text(encoding="utf-8"))) for page in (built / "katalog").rglob("index.html"))
    assert total == 60


@pytest.mark.parametrize("folder, segment, pattern, per_part", [
    ("katalog", "halaman", r'<li class="catalogue-item"', 7),
    ("en/catalogue", "page", r'<li class="catalogue-item"', 7),
    ("label-rak", "halaman", r'<article class="shelf-label"', 5),
    ("en/shelf-labels", "page", r'<article class="shelf-label"', 5)])
def test_a_large_region_prints_in_parts_that_link_each_other(built, folder, segment, pattern, per_part):
    """Each region's parts hold PER_PART products each (the last the rest), every product of the
    region once, and each part's pagination links the first, last, previous and next parts at their
stable addresses."""
    seen: list[str] = []
    regions = sorted(p.parent.name for p in (built / folder).glob("*/index.html"))
    assert len(regions) >= 2
    for region in regions:
        base = built / folder / region
        parts = [base / "index.html"] + sorted((base / segment).glob("*/index.html"), key=lambda p: int(p.parent.name))
        assert [p.parent.name for p in parts[1:]] == [str(n) for n in range(2, len(parts) + 1)]
        for number, part in enumerate(parts, 1):
            html = part.read_text(encoding="utf-8")
            found = re.findall(pattern + r'[^>]*>.*?<a href="([^"]+)"', html, re.S)
            assert 0 < len(found) <= per_part and (len(found) == per_part or number == len(parts))
            seen += found
            if len(parts) > 1:
                nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)
                for other in {1, number - 1, number + 1, len(parts)} - {0, number, len(parts) + 1}:
                    href = f"/{folder}/{region}/" + (f"{segment}/{other}/" if other > 1 else "")
                    assert f'href="{href}"' in nav
    assert len(seen) == len(set(seen)) == 60
