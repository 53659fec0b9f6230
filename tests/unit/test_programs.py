"""Programmes (issue 14): the programme page with its stages, cohorts, graduates and their
products, partner agencies; the badges of makers; references checked; the search facet."""
from __future__ import annotations

import json
from datetime import date

from showcase.errors import Severity
from showcase.pipeline import Options, build

from .test_activities import find, problems, site, views

PROGRAM = """---
title: Inkubator UMKM
summary: Enam bulan pendampingan.
badge: Inkubator
region: pangkep
stages:
  - name: Produksi
    summary: Cara membuat.
  - name: Pemasaran
cohorts:
  - name: Angkatan 2026
    start: 2026-02-02
    end: 2026-07-31
    makers: [mattiro-sompe]
  - name: Angkatan 2027
    start: 2026-10-01
    end: 2027-03-31
    makers: [lain]
partners:
  - name: Dinas Koperasi
    url: https://example.go.id
  - name: Dinas Pendidikan
---
Dari telur sampai menetas.
"""
OTHER_MAKER = "---\nname: UMKM Lain\nregion: pangkep\nwhatsapp: \"0812-3456-7000\"\n---\n"
FILES = {"programs/inkubator.md": PROGRAM, "makers/lain.md": OTHER_MAKER,
         "programs/inkubator.en.md": "---\ntitle: Small Business Incubator\n---\nFrom egg to hatching.\n"}


def test_programme_page_lists_stages_cohorts_graduates_with_products_and_partners(tmp_path):
    pages = views(tmp_path, FILES, today=date(2026, 11, 1))
    view = pages["program/inkubator/index.html"]["program"]
    assert [s.name for s in view.stages] == ["Produksi", "Pemasaran"]
    done, running = view.cohorts
    assert done.status == "Selesai" and done.when == "2 Februari – 31 Juli 2026"
    assert [g.maker.label for g in done.graduates] == ["UMKM Mattiro Sompe"]
    assert [c.url for c in done.graduates[0].products] == ["/galeri/produk/bandeng-presto/"]
    assert running.status == "Sedang berjalan" and not running.graduates
    assert [p.label for p in running.participants] == ["UMKM Lain"]
    assert [(p.name, p.url) for p in view.partners] == [("Dinas Koperasi", "https://example.go.id"),
                                                         ("Dinas Pendidikan", None)]
    assert view.region.url == "/galeri/wilayah/pangkep/"
    english = pages["en/programmes/inkubator/index.html"]["program"]
    assert english.title == "Small Business Incubator" and english.stages_lang == "id"
    assert pages["program/index.html"]["programs"].items[0].meta == "2 angkatan · 1 lulusan"
    assert any(n.url == "/galeri/program/" for n in pages["index.html"]["site"].nav)


def test_maker_pages_show_alumni_and_participant_badges(tmp_path):
    pages = views(tmp_path, FILES, today=date(2026, 11, 1))
    (alumni,) = pages["umkm/mattiro-sompe/index.html"]["maker"].badges
    assert alumni.label == "Alumni Inkubator 2026" and alumni.url == "/galeri/program/inkubator/" and alumni.graduated
    (member,) = pages["umkm/lain/index.html"]["maker"].badges
    assert member.label == "Peserta Inkubator 2026" and not member.graduated
    assert pages["en/makers/mattiro-sompe/index.html"]["maker"].badges[0].label == "Inkubator 2026 alumni"


def test_a_member_graduates_once_the_cohort_has_ended_by_the_build_date(tmp_path):
    on_last_day = views(tmp_path, FILES, today=date(2027, 3, 31))
    assert not on_last_day["umkm/lain/index.html"]["maker"].badges[0].graduated
    after = views(tmp_path / "b", FILES, today=date(2027, 4, 1))
    (badge,) = after["umkm/lain/index.html"]["maker"].badges
    assert badge.label == "Alumni Inkubator 2027" and badge.graduated
    assert [g.maker.label for g in after["program/inkubator/index.html"]["program"].cohorts[1].graduates] == [
        "UMKM Lain"]


def test_cohort_makers_are_checked_like_every_reference(tmp_path):
    bad = PROGRAM.replace("makers: [mattiro-sompe]", "makers: [matiro-sompe]").replace("end: 2027-03-31",
                                                                                       "end: 2025-03-31")
    found = problems(tmp_path, {**FILES, "programs/inkubator.md": bad})
    unknown = find(found, Severity.ERROR, "REF_UNKNOWN", "programs/inkubator.md", 10)
    assert 'did you mean "mattiro-sompe"' in unknown.message("en")
    dates = find(found, Severity.ERROR, "FM_COHORT_DATES", "programs/inkubator.md", 10)
    assert "Angkatan 2027" in dates.message("id") and dates.hint("en")


def test_search_index_has_a_programme_facet(tmp_path):
    content = site(tmp_path, FILES)
    output = tmp_path / "out"
    build(Options(content=content, cache=None, output=output, today=date(2026, 11, 1), workers=1))
    manifest = json.loads((output / "search" / "id" / "index.json").read_text())
    assert manifest["facets"]["program"] == [["inkubator", "Inkubator UMKM", 1]]
    attrs = json.loads(next((output / "search" / "id").glob(f"a-{manifest['attrs']}.json")).read_text())
    assert attrs["g"] == [1]  # the one product, by a graduate
    english = json.loads((output / "search" / "en" / "index.json").read_text())
    assert english["facets"]["program"][0][1] == "Small Business Incubator"
    page = (output / "cari" / "index.html").read_text()
    assert 'name="program"' in page
