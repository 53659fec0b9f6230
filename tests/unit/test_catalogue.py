"""The printable catalogue at scale: past catalogue.WHOLE_LIMIT products the whole-site catalogue
links the region catalogues instead of listing thousands of products; each region's still lists
every product of it."""
from __future__ import annotations

import re
from datetime import date

import pytest

from bench.corpus import generate
from showcase.pages import catalogue
from showcase.pipeline import Options, build


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    patch.setattr(catalogue, "WHOLE_LIMIT", 20)
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
    total = sum(len(items(page.read_text(encoding="utf-8"))) for page in (built / "katalog").glob("*/index.html"))
    assert total == 60
