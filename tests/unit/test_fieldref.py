"""Editors' docs that cannot drift: the committed field reference equals the one generated from
the schema, and every message code in showcase/ is explained in docs/errors.md."""
from __future__ import annotations

import re
from pathlib import Path

from showcase import fieldref
from showcase.schema import SCHEMAS

REPO = Path(__file__).resolve().parents[2]
PREFIXES = ("SRC", "FM", "CT", "REF", "IMG", "MD", "TPL", "CERT", "CMS", "ORDER", "ROUTE", "MK", "FEED")


def test_committed_field_reference_matches_the_schema():
    committed = (REPO / "docs" / "fields.md").read_text()
    assert committed == fieldref.render(), "run: python -m showcase.fieldref > docs/fields.md"


def test_field_reference_marks_required_fields_of_each_kind():
    sections = fieldref.render().split("\n## ")[1:]
    for kind, section in zip(fieldref.KINDS, sections):
        rows = {line.split("`")[1]: line for line in section.splitlines() if line.startswith("| `")}
        for spec in SCHEMAS[kind]:
            assert ("**wajib**" in rows[spec.name]) == spec.required, (kind, spec.name)


def test_every_message_code_is_explained():
    pattern = re.compile(r'"((?:%s)_[A-Z0-9_]+)"' % "|".join(PREFIXES))
    codes = {c for path in (REPO / "showcase").glob("*.py") for c in pattern.findall(path.read_text())}
    documented = set(re.findall(r"`([A-Z]+_[A-Z0-9_]+)`", (REPO / "docs" / "errors.md").read_text()))
    assert codes and not codes - documented, f"explain these in docs/errors.md: {sorted(codes - documented)}"
