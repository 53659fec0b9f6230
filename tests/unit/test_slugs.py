"""Slugs: one derivation for files and references, collisions caught (bad-inputs D)."""
import unicodedata

import pytest

from showcase import slugs


def test_nfc_and_nfd_give_the_same_slug():
    assert slugs.slugify(unicodedata.normalize("NFC", "Kopí Gayo")) == "kopi-gayo"
    assert slugs.slugify(unicodedata.normalize("NFD", "Kopí Gayo")) == "kopi-gayo"


def test_case_underscore_and_punctuation():
    assert slugs.slugify("Batik_Motif (1)") == "batik-motif-1"
    assert slugs.slugify("batik-motif-1") == "batik-motif-1"


@pytest.mark.parametrize("text", ["咖啡", "🐟", "Копи", "..."])
def test_unusable_stems_need_an_explicit_slug(text):
    assert slugs.problem(text)


@pytest.mark.parametrize("text", ["con", "CON", "produk"])
def test_reserved_names(text):
    why = slugs.problem(text)
    assert why is not None and "reserved" in why.render("en") and "nama yang sudah dipakai" in why.render("id")


def test_slugify_is_idempotent():
    for text in ["Abon Bandeng", "Sutra—Soppeng", "x" * 300]:
        once = slugs.slugify(text)
        assert slugs.slugify(once) == once and len(once) <= 100
