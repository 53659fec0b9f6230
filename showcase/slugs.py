"""Slugs: the URL names of regions, makers, products and pages, and how they are compared.

This module owns one derivation (NFC, casefold, strip accents, keep a-z 0-9 and '-') used for
file names, references and collision checks alike, so that `Acéh`, `aceh` and `ACEH` are one
slug and two files that would become one URL are caught. It never touches the file system.
"""
from __future__ import annotations

import re
import unicodedata

from .messages import Text

MAX_SLUG = 100
# Names a URL segment must not take: Windows device names, and the site's own sections.
RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
    | {"produk", "wilayah", "kategori", "umkm", "cari", "en", "assets", "media", "admin", "404"}
)
# The sections of activities, programmes, the partner network, orders, outlets and shelf labels, in
# both languages: a page named so would take a section's address (issue 14).
SECTION_PATHS = frozenset({"kegiatan", "program", "jejaring", "pesanan", "gerai", "label-rak",
                           "activities", "programmes", "network"})
RESERVED = RESERVED | SECTION_PATHS
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """`Bandeng Presto (1)` -> `bandeng-presto-1`; `Kopí` (NFC or NFD) -> `kopi`; CJK -> ``."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text).casefold())
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("_", "-")
    ascii_only = ascii_only.encode("ascii", "ignore").decode()
    return _NON_SLUG.sub("-", ascii_only).strip("-")[:MAX_SLUG].rstrip("-")


def has_foreign_letters(text: str) -> bool:
    """True when the text holds letters that are not Latin (Cyrillic homoglyphs, CJK, ...)."""
    for ch in unicodedata.normalize("NFC", text):
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return True
    return False


def problem(text: str) -> Text | None:
    """Why `text` cannot give a slug by itself (a text put into words when printed), or None when
    slugify(text) is usable."""
    if has_foreign_letters(text):
        return Text.of("slug.foreign")
    slug = slugify(text)
    if not slug:
        return Text.of("slug.empty")
    if slug in RESERVED:
        return Text.of("slug.reserved", slug=slug)
    return None
