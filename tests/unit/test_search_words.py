"""Search words: normalisation and light Indonesian stemming, and search.js agreeing with Python."""
from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from showcase.search import STOP_WORDS, normalise, stem, terms, words

SEARCH_JS = Path(__file__).resolve().parents[2] / "templates" / "static" / "search.js"

STEMS = {
    # meN- with the nasal assimilated, and the peN- nouns of the same roots
    "menenun": "tenun", "penenun": "tenun", "tenunan": "tenun", "bertenun": "tenun", "ditenun": "tenun",
    "membatik": "batik", "pembatik": "batik", "memintal": "pintal", "menyulam": "sulam", "menjahit": "jahit",
    "penjahit": "jahit", "menganyam": "anyam", "anyaman": "anyam", "mengolah": "olah", "olahan": "olah",
    "diolah": "olah", "olahannya": "olah", "pengolahan": "olah", "melukis": "lukis", "pelukis": "lukis",
    "lukisan": "lukis", "pengrajin": "rajin", "perajin": "rajin", "dikeringkan": "kering", "dibuat": "buat",
    "terbuat": "buat", "buatan": "buat", "pembuat": "buat", "makanan": "makan", "kemasan": "kemas",
    "dikemas": "kemas", "hiasan": "hias", "berbahan": "bahan", "ambillah": "ambil", "rasanya": "rasa",
    "menari": "tari", "menulis": "tulis",
    # roots that must survive: a suffix-looking end or a prefix-looking start that is not one
    "ikan": "ikan", "bandeng": "bandeng", "abon": "abon", "sutra": "sutra", "kopi": "kopi", "perak": "perak",
    "bersih": "bersih", "sekolah": "sekolah", "jumlah": "jumlah", "kain": "kain", "batik": "batik",
    "bahan": "bahan", "beras": "beras", "pedas": "pedas", "marmer": "marmer", "cakalang": "cakalang",
    "250": "250", "g": "g",
}


def test_normalise_folds_case_diacritics_and_compatibility_forms():
    assert normalise("Kain SUTRA Bugis") == "kain sutra bugis"
    assert normalise("Café Bandéng") == "cafe bandeng"
    assert normalise("Straße") == "strasse"
    assert normalise("ﬁlet İkan") == "filet ikan"


def test_words_split_on_anything_but_letters_and_digits():
    assert words("Abon-Bandeng, 250 g (pedas!)") == ["abon", "bandeng", "250", "g", "pedas"]
    assert words("Lipa' Sabbe — “Balo Renni”") == ["lipa", "sabbe", "balo", "renni"]


@pytest.mark.parametrize(("word", "expected"), sorted(STEMS.items()))
def test_stem(word, expected):
    assert stem(word) == expected


def test_terms_keep_raw_and_stemmed_words_without_stop_words():
    found = terms("Kain tenunan sutra dari Kabupaten Soppeng")
    assert {"kain", "tenunan", "tenun", "sutra", "soppeng"} <= found
    assert not found & {"dari", "kabupaten"}
    # the two phrases of the brief meet their documents by stem as well as by word
    assert stem("menenun") in terms("Sarung hasil tenunan tangan")
    assert {"abon", "bandeng"} <= terms("ABON BANDENG pedas")


PARITY = sorted(set(STEMS) | {
    "Kain Tenun Sutra", "Abon Bandeng", "Otak-Otak Bandeng Bakar", "Lipa' Sabbe", "Café", "crème brûlée",
    "Straße", "ẞ", "İstanbul", "ﬁlet", "ŉ", "Ἀθῆναι", "ΣΊΣΥΦΟΣ", "ᾈ", "①②", "x²", "Ｔｅｎｕｎ", "ÀÉÎÕÜ", "n\u0303",
    "mengukir", "penganyam", "menyanyi", "memasak", "pemilik", "berasal", "termos", "diri", "pinisi", "dinding",
    "kerajinan", "kerupuk", "keripik", "pedasnya", "bacalah", "pakailah", "tanpa duri", "UMKM", "P-IRT", "BPOM MD",
    "🐟 ikan", "日本", "ﻻ", "Ǆemal",
})


def test_words_shortcuts_split_as_letter_by_letter():
    """ASCII text and whitespace-separated tokens take shortcuts; they must give what folding the
    whole text and splitting on every non-letter, non-digit gives."""
    def by_definition(text: str) -> list[str]:
        return "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in normalise(text)).split()

    for text in [*PARITY, " ".join(PARITY), "Abon-Bandeng, 250 g (pedas!)", "a\u00a0b\tc\u2003d\u3000e",
                 "ke\u0301 e\u0301x \u0301a", "ΑΣ Σ ς", "¨ ̈x", "TAB\there_x", ""]:
        assert words(text) == by_definition(text), text
        assert terms(text) == {form for w in by_definition(text) if len(w) >= 2 and w not in STOP_WORDS
                               for form in (w, stem(w))}, text


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_normaliser_agrees_with_python(tmp_path):
    """search.js runs in node on the same list; every word must normalise, split and stem alike."""
    (tmp_path / "words.json").write_text(json.dumps(PARITY, ensure_ascii=False), encoding="utf-8")
    script = ("const s = require(process.argv[1]); const list = JSON.parse(require('fs').readFileSync(process.argv[2], "
              "'utf8')); process.stdout.write(JSON.stringify(list.map(w => [s.normalise(w), s.words(w), "
              "s.words(w).map(s.stem), s.terms(w, [], 2).sort()])));")
    done = subprocess.run(["node", "-e", script, str(SEARCH_JS), str(tmp_path / "words.json")],
                          capture_output=True, text=True, encoding="utf-8", check=True, timeout=60)
    js = json.loads(done.stdout)
    python = [[normalise(w), words(w), [stem(x) for x in words(w)], sorted(terms_all(w))] for w in PARITY]
    for word, ours, theirs in zip(PARITY, python, js):
        assert ours == theirs, word


def terms_all(text: str) -> set[str]:
    """terms() without stop words, as search.js is called above."""
    return {form for w in words(text) if len(w) >= 2 for form in (w, stem(w))}
