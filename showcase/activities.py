"""The rules of activities (news and events, issue 14): their order, what is upcoming, and how
their dates and times are said.

Owns the order of `/kegiatan/` (upcoming events first, soonest first; then everything past, news
and events together, newest first), which activities a region or maker page shows, and the words
of a date or a time range with its zone (`20–22 November 2026`, `09.00–17.00 WITA`). Pure
functions over model values: no I/O, no URLs, no reads of the content around `Inputs`.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from typing import Union

from .model import Event, News
from .views import MONTHS, format_date

Activity = Union[News, Event]
ZONE_NAMES = {420: "WIB", 480: "WITA", 540: "WIT"}
"""How Indonesians name their zones (by minutes east of UTC); other offsets print as UTC+hh:mm."""
TIME_SEPARATOR = {"id": ".", "en": ":"}  # 09.00 in Indonesian, 09:00 in English


def when(activity: Activity) -> datetime:
    """The moment an activity is dated by (a news item's day at midnight, an event's start), in UTC
    terms comparable across zones."""
    if isinstance(activity, Event):
        assert activity.start is not None
        return activity.start
    day = activity.date or date.min
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def is_upcoming(activity: Activity, today: date) -> bool:
    return isinstance(activity, Event) and activity.upcoming_on(today)


def ordered(activities: Iterable[Activity], today: date) -> list[Activity]:
    """The order of every list of activities: upcoming events soonest first, then the rest (news
    and past events) newest first; ties by slug, so the order never depends on reading order."""
    items = list(activities)
    upcoming = sorted((a for a in items if is_upcoming(a, today)), key=lambda a: (when(a), a.slug))
    past = sorted((a for a in items if not is_upcoming(a, today)), key=lambda a: (-when(a).timestamp(), a.slug))
    return upcoming + past


def concerns_region(activity: Activity, region: str) -> bool:
    return region in activity.regions if isinstance(activity, News) else activity.region == region


def concerns_maker(activity: Activity, maker: str) -> bool:
    return maker in activity.makers


# -- words -------------------------------------------------------------------------------------
def zone_name(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes in ZONE_NAMES:
        return ZONE_NAMES[minutes]
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def clock(moment: datetime, lang: str) -> str:
    return f"{moment.hour:02d}{TIME_SEPARATOR.get(lang, ':')}{moment.minute:02d}"


def day_range(first: date, last: date, lang: str) -> str:
    """`20 November 2026`, `20–22 November 2026`, `30 November – 2 Desember 2026`, across years in full."""
    if first == last:
        return format_date(first, lang)
    months = MONTHS.get(lang, MONTHS["en"])
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {months[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {months[first.month - 1]} – {format_date(last, lang)}"
    return f"{format_date(first, lang)} – {format_date(last, lang)}"


def event_when(event: Event, lang: str) -> str:
    """When an event takes place, in its own zone: days alone for a whole-day event, else with
    times and the zone's name (`20 November 2026, 09.00–17.00 WITA`)."""
    assert event.start is not None and event.end is not None
    if event.all_day:
        return day_range(event.start.date(), (event.end - timedelta(days=1)).date(), lang)
    zone = zone_name(event.start)
    if event.start.date() == event.end.date():
        times = clock(event.start, lang) if event.start == event.end else \
            f"{clock(event.start, lang)}–{clock(event.end, lang)}"
        return f"{format_date(event.start.date(), lang)}, {times} {zone}"
    return (f"{format_date(event.start.date(), lang)} {clock(event.start, lang)} – "
            f"{format_date(event.end.date(), lang)} {clock(event.end, lang)} {zone}")
