"""JSON-LD cannot break out of its script element, whatever an editor writes.

A product, its maker and the site carry text that would end a `<script>` element, open an HTML
comment or split a JavaScript string; every JSON-LD block of the built site must still be one
JSON document (parsed back to the same text) with no `<` in its raw form.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from showcase.pipeline import Options, build

MINIMAL = Path(__file__).resolve().parent.parent / "sites" / "minimal" / "content"
REPO = Path(__file__).resolve().parents[2]
HOSTILE = '</script><script>alert(1)</script><!--<script>\u2028\u2029"\\ & </SCRIPT >'
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S | re.I)


def test_hostile_text_stays_inside_json_ld(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    product = content / "products" / "bandeng-presto.md"
    text = product.read_text(encoding="utf-8")
    text = text.replace("title: Bandeng Presto", "title: " + json.dumps("Bandeng " + HOSTILE), 1)
    text = text.replace("unit: 500 g", "unit: 500 g\nsummary: " + json.dumps(HOSTILE), 1)
    product.write_text(text, encoding="utf-8")
    maker = content / "makers" / "mattiro-sompe.md"
    maker.write_text(re.sub(r"^name: .*$", lambda _: "name: " + json.dumps("UMKM " + HOSTILE), maker.read_text(),
                            count=1, flags=re.M), encoding="utf-8")
    output = tmp_path / "output"
    build(Options(content=content, output=output, templates=REPO / "templates", cache=tmp_path / "cache"))
    blocks, seen = 0, ""
    for page in sorted(output.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, f"{page.relative_to(output)}: the title broke out"
        for raw in BLOCK.findall(html):
            blocks += 1
            assert "<" not in raw and "\u2028" not in raw, f"{page.relative_to(output)}: unescaped JSON-LD"
            seen += json.dumps(json.loads(raw), ensure_ascii=False)
    assert blocks >= 2, "no JSON-LD found on the product and home pages"
    # Line and paragraph separators become spaces when the file is read; the rest is kept as data.
    assert "Bandeng </script><script>alert(1)</script><!--<script>" in seen, "the hostile text did not survive as data (it was dropped, not escaped)"
