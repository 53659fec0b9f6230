"""Activities (issue 14): news and events under /kegiatan/, their order (upcoming first, then
the past newest first), time zones from the region, one namespace of slugs, reserved sections,
and the located errors an editor meets."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from showcase.errors import Diagnostic, Severity
from showcase.pipeline import Options, analyse, build, page_views
from showcase.views import PER_PAGE

MINIMAL = Path(__file__).resolve().parent.parent / "sites" / "minimal" / "content"
E, W = Severity.ERROR, Severity.WARNING
TODAY = date(2026, 11, 1)


def site(tmp_path: Path, files: dict[str, str]) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


def news(title: str, day: str, *lines: str, body: str = "Isi berita.\n") -> str:
    return "---\n" + "\n".join([f"title: {title}", f"date: {day}", *lines]) + "\n---\n" + body


def event(title: str, start: str, *lines: str, region: str = "pangkep", end: str | None = None) -> str:
    head = [f"title: {title}", f'start: "{start}"', *([f'end: "{end}"'] if end else []), f"region: {region}",
            "venue:", "  name: Gedung Serbaguna", "  address: Jl. Poros, Pangkajene"]
    return "---\n" + "\n".join([*head, *lines]) + "\n---\nIsi acara.\n"


def problems(tmp_path: Path, files: dict[str, str]) -> list[Diagnostic]:
    return analyse(Options(content=site(tmp_path, files), cache=None, today=TODAY)).diags.items


def find(found: list[Diagnostic], severity: Severity, code: str, path: str, line: int | None) -> Diagnostic:
    for d in found:
        if d.severity is severity and d.code == code and d.path == f"content/{path}" and d.line == line:
            return d
    pytest.fail(f"no {code} at content/{path}:{line}; got:\n" + "\n".join(d.format("en") for d in found))


def views(tmp_path: Path, files: dict[str, str], today: date = TODAY) -> dict:
    built = page_views(Options(content=site(tmp_path, files), cache=None, base_url="https://example.org/galeri/",
                               today=today))
    return {output: page.context() for output, page in built.items()}


SAMPLE = {
    "news/kunjungan.md": news("Kunjungan ke Tangsel", "2026-09-24", "regions: [pangkep]", "makers: [mattiro-sompe]",
                              "products: [bandeng-presto]"),
    "news/kunjungan.en.md": "---\ntitle: A Visit to South Tangerang\n---\nThe visit.\n",
    "events/bazar.md": event("Bazar Akhir Tahun", "2026-12-19", end="2026-12-20"),
    "events/pameran.md": event("Pameran", "2026-11-20 09:00", "type: pameran", "registration: https://example.org/d",
                               end="2026-11-22 17:00"),
    "events/pelatihan-lalu.md": event("Pelatihan Lalu", "2026-10-01 08:00", "type: pelatihan", end="2026-10-01 12:00"),
    "events/hari-ini.md": event("Berakhir Hari Ini", "2026-10-30 09:00", end="2026-11-01 10:00"),
}


def test_listing_shows_upcoming_soonest_first_then_the_past_newest_first(tmp_path):
    pages = views(tmp_path, SAMPLE)
    listing = pages["kegiatan/index.html"]["activities"]
    upcoming, past = listing.groups
    assert [c.title for c in upcoming.items] == ["Berakhir Hari Ini", "Pameran", "Bazar Akhir Tahun"]
    assert [c.title for c in past.items] == ["Pelatihan Lalu", "Kunjungan ke Tangsel"]
    assert listing.calendar == "/galeri/kegiatan/agenda.ics"
    english = pages["en/activities/index.html"]["activities"]
    assert english.groups[1].items[1].title == "A Visit to South Tangerang"
    assert "en/activities/kunjungan/index.html" in pages and "kegiatan/pameran/index.html" in pages


def test_an_event_stays_upcoming_until_its_end_has_passed_on_the_build_date(tmp_path):
    pages = views(tmp_path, SAMPLE, today=date(2026, 11, 2))
    upcoming = pages["kegiatan/index.html"]["activities"].groups[0].items
    assert "Berakhir Hari Ini" not in [c.title for c in upcoming]


def test_event_times_are_local_to_the_region_and_said_with_its_zone(tmp_path):
    files = {**SAMPLE, "regions/pangkep.md": "---\nname: Kabupaten Pangkep\nshort_name: Pangkep\n"
                                            "province: Sulawesi Selatan\ntz: Asia/Makassar\n"
                                            "districts: [Pangkajene, Bungoro]\n---\n"}
    pages = views(tmp_path, files)
    event_view = pages["kegiatan/pameran/index.html"]["activity"]
    assert event_view.datetime == "2026-11-20T09:00+08:00" and event_view.end_datetime == "2026-11-22T17:00+08:00"
    assert event_view.when == "20 November 2026 09.00 – 22 November 2026 17.00 WITA"
    assert pages["en/activities/pameran/index.html"]["activity"].when.endswith("17:00 WITA")
    assert event_view.registration == "https://example.org/d" and event_view.label == "Pameran"
    bazar = pages["kegiatan/bazar/index.html"]["activity"]
    assert bazar.when == "19–20 Desember 2026" and bazar.datetime == "2026-12-19"


def test_without_a_region_zone_the_site_timezone_then_jakarta_is_used(tmp_path):
    pages = views(tmp_path, SAMPLE)
    assert pages["kegiatan/pameran/index.html"]["activity"].datetime.endswith("+07:00")
    files = {**SAMPLE, "site.yaml": "title: Galeri Uji\nbase_url: https://example.org/\ntimezone: Asia/Jayapura\n"
                                    "contact:\n  whatsapp: \"0812-0000-0001\"\n"}
    pages = views(tmp_path / "b", files)
    assert pages["kegiatan/pameran/index.html"]["activity"].when.endswith("17.00 WIT")


def test_news_page_links_its_regions_makers_and_products(tmp_path):
    view = views(tmp_path, SAMPLE)["kegiatan/kunjungan/index.html"]["activity"]
    assert [r.url for r in view.regions] == ["/galeri/wilayah/pangkep/"]
    assert [m.url for m in view.makers] == ["/galeri/umkm/mattiro-sompe/"]
    assert [p.url for p in view.products] == ["/galeri/produk/bandeng-presto/"]
    assert view.when == "24 September 2026"


def test_the_menu_has_activities_only_when_there_are_some(tmp_path):
    with_them = views(tmp_path, SAMPLE)["index.html"]["site"].nav
    assert any(n.url == "/galeri/kegiatan/" for n in with_them)
    without = views(tmp_path / "b", {})
    assert not any(n.url == "/galeri/kegiatan/" for n in without["index.html"]["site"].nav)
    assert "kegiatan/index.html" not in without


def test_listing_paginates_with_stable_urls(tmp_path):
    files = {f"news/n{i:02d}.md": news(f"Berita {i:02d}", f"2026-01-{i % 28 + 1:02d}") for i in range(PER_PAGE + 3)}
    pages = views(tmp_path, files)
    assert "kegiatan/halaman/2/index.html" in pages and "en/activities/page/2/index.html" in pages
    second = pages["kegiatan/halaman/2/index.html"]
    assert len(second["activities"].groups[0].items) == 3
    assert second["page"].prev == "/galeri/kegiatan/"


def test_news_and_events_share_one_namespace_and_a_clash_is_located(tmp_path):
    found = problems(tmp_path, {"events/kunjungan.md": event("Acara", "2026-12-01 09:00"),
                                "news/kunjungan.md": news("Berita", "2026-09-24", "slug: kunjungan")})
    clash = find(found, E, "CT_SLUG_CLASH", "news/kunjungan.md", 4)
    assert "content/events/kunjungan.md" in clash.message("en") and "/kegiatan/kunjungan/" in clash.message("id")


def test_a_page_cannot_take_a_section_address(tmp_path):
    found = problems(tmp_path, {"pages/tentang.md": "---\ntitle: Kegiatan Kami\nslug: kegiatan\n---\nIsi.\n",
                                "pages/jejaring.md": "---\ntitle: Jejaring\n---\nIsi.\n"})
    find(found, E, "CT_RESERVED_SLUG", "pages/tentang.md", 3)
    find(found, E, "CT_BAD_SLUG", "pages/jejaring.md", 1)


@pytest.mark.parametrize("lines,code,line", [
    (('start: "24/09/2026 09:00"',), "FM_DATETIME_FORMAT", 3),
    (('start: "2026-02-30 09:00"',), "FM_DATE_INVALID", 3),
    (('start: "2026-12-01 09:00"', 'end: "2026-11-30 17:00"'), "FM_END_BEFORE_START", 4),
    (('start: "2026-12-01 09:00"', 'end: "2026-12-02"'), "FM_END_FORM", 4),
    (('start: "2026-12-01 09:00"', "registration: http://example.org/daftar"), "FM_URL", 4),
    (('start: "2026-12-01 09:00"', "makers: [matiro-sompe]"), "REF_UNKNOWN", 4),
])
def test_event_mistakes_are_located_errors_in_both_languages(tmp_path, lines, code, line):
    text = "---\ntitle: Acara\n" + "\n".join(lines) + "\nregion: pangkep\nvenue:\n  name: Gedung\n"
    diagnostic = find(problems(tmp_path, {"events/acara.md": text + "---\nIsi.\n"}), E, code, "events/acara.md", line)
    assert diagnostic.message("id") != diagnostic.message("en") and diagnostic.hint("id") and diagnostic.hint("en")


def test_an_unknown_time_zone_is_a_located_error_with_a_suggestion(tmp_path):
    found = problems(tmp_path, {"regions/pangkep.md": "---\nname: Pangkep\nprovince: Sulawesi Selatan\n"
                                                      "tz: Asia/Makasar\n---\n"})
    diagnostic = find(found, E, "FM_TIMEZONE", "regions/pangkep.md", 4)
    assert 'did you mean "Asia/Makassar"' in diagnostic.message("en")


def test_rebuild_follows_an_edited_event_date(tmp_path):
    content = site(tmp_path, SAMPLE)
    options = Options(content=content, cache=tmp_path / "cache", output=tmp_path / "out", today=TODAY, workers=1)
    build(options)
    listing = (tmp_path / "out" / "kegiatan" / "index.html").read_text()
    assert listing.index("Berakhir Hari Ini") < listing.index("Pameran")
    (content / "events" / "hari-ini.md").write_text(event("Berakhir Hari Ini", "2026-12-30 09:00",
                                                          end="2026-12-31 10:00"))
    build(options)
    listing = (tmp_path / "out" / "kegiatan" / "index.html").read_text()
    assert listing.index("Pameran") < listing.index("Bazar Akhir Tahun") < listing.index("Berakhir Hari Ini")


# -- the agenda, the feed, structured data and the blocks on other pages ------------------------
def built_site(tmp_path: Path, files: dict[str, str], today: date = TODAY) -> Path:
    content = site(tmp_path, files)
    output = tmp_path / "out"
    build(Options(content=content, cache=None, output=output, today=today, workers=1,
                  base_url="https://example.org/galeri/"))
    return output


def test_agenda_ics_is_valid_icalendar_in_utc_with_stable_uids(tmp_path):
    icalendar = pytest.importorskip("icalendar")
    files = {**SAMPLE, "regions/pangkep.md": "---\nname: Kabupaten Pangkep\nshort_name: Pangkep\n"
                                            "province: Sulawesi Selatan\ntz: Asia/Makassar\n"
                                            "districts: [Pangkajene, Bungoro]\n---\n",
             "events/batal.md": event("Acara; Batal, Sekali", "2026-11-10 10:00", "status: cancelled",
                                      "summary: Baris pertama, dengan koma; dan titik koma " + "panjang " * 12)}
    raw = (built_site(tmp_path, files) / "kegiatan" / "agenda.ics").read_bytes()
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Berakhir Hari Ini", "Pameran", "Bazar Akhir Tahun", "Acara; Batal, Sekali"}
    pameran = events["Pameran"]
    assert pameran["DTSTART"].to_ical() == b"20261120T010000Z"  # 09:00 WITA
    assert pameran["DTEND"].to_ical() == b"20261122T090000Z"
    assert str(pameran["UID"]) == "kegiatan-pameran@example.org"
    assert str(pameran["URL"]) == "https://example.org/galeri/kegiatan/pameran/"
    assert events["Bazar Akhir Tahun"]["DTSTART"].to_ical() == b"20261218T160000Z"  # 19 Dec 00:00 WITA
    assert events["Bazar Akhir Tahun"]["DTEND"].to_ical() == b"20261220T160000Z"  # to the end of the 20th
    assert str(events["Acara; Batal, Sekali"]["STATUS"]) == "CANCELLED"
    assert str(events["Acara; Batal, Sekali"]["DESCRIPTION"]).startswith("Baris pertama, dengan koma; dan")
    again = (built_site(tmp_path / "b", files) / "kegiatan" / "agenda.ics").read_bytes()
    assert again == raw


def test_event_and_news_pages_carry_event_and_news_article_json_ld(tmp_path):
    import json
    import re

    output = built_site(tmp_path, SAMPLE)

    def ld(path: str) -> dict:
        html = (output / path / "index.html").read_text()
        return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))

    event_ld = ld("kegiatan/pameran")
    assert event_ld["@type"] == "Event" and event_ld["startDate"] == "2026-11-20T09:00:00+07:00"
    assert event_ld["endDate"] == "2026-11-22T17:00:00+07:00"
    assert event_ld["eventStatus"] == "https://schema.org/EventScheduled"
    assert event_ld["location"]["@type"] == "Place" and event_ld["location"]["address"]["@type"] == "PostalAddress"
    assert event_ld["location"]["address"]["streetAddress"] == "Jl. Poros, Pangkajene"
    assert event_ld["organizer"]["@type"] == "Organization"
    assert ld("kegiatan/bazar")["startDate"] == "2026-12-19" and ld("kegiatan/bazar")["endDate"] == "2026-12-20"
    news_ld = ld("en/activities/kunjungan")
    assert news_ld["@type"] == "NewsArticle" and news_ld["headline"] == "A Visit to South Tangerang"
    assert news_ld["datePublished"] == "2026-09-24"


def test_atom_feed_of_activities_in_each_language(tmp_path):
    import xml.etree.ElementTree as ET

    output = built_site(tmp_path, SAMPLE)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(output / "en" / "activities" / "feed.xml").getroot()
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles[0] == "Bazar Akhir Tahun" and titles[-1] == "A Visit to South Tangerang"  # newest first
    assert len(titles) == 5
    page = (output / "kegiatan" / "index.html").read_text()
    assert 'href="/galeri/kegiatan/feed.xml"' in page


def test_home_region_and_maker_pages_show_their_activities(tmp_path):
    pages = views(tmp_path, SAMPLE)
    agenda = pages["index.html"]["home"].agenda
    assert agenda.title == "Agenda terdekat" and [c.title for c in agenda.items] == [
        "Berakhir Hari Ini", "Pameran", "Bazar Akhir Tahun"]
    assert agenda.more.url == "/galeri/kegiatan/"
    region = pages["wilayah/pangkep/index.html"]["region"].activities
    assert [c.title for c in region.items][:1] == ["Berakhir Hari Ini"] and len(region.items) == 6 - 1
    maker = pages["umkm/mattiro-sompe/index.html"]["maker"].activities
    assert [c.title for c in maker.items] == ["Kunjungan ke Tangsel"]
    assert views(tmp_path / "b", {})["index.html"]["home"].agenda is None
