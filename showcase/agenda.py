"""Activities as files for other programs: the iCalendar agenda (RFC 5545) that phone calendars
import, the Atom feed of activities, and their schema.org JSON-LD (`Event`, `NewsArticle`).

Owns the text of each format (escaping, line folding, CRLF, UTC times, stable UIDs); what goes in
(which events, which texts) is decided by the page kinds in `pages/activities.py`. Deterministic:
no clock is read, the stamp is the build date.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from .feeds import ATOM_NS, _xml

PRODID = "-//showcase//agenda kegiatan//ID"
STATUS_ICS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
STATUS_LD = {"scheduled": "https://schema.org/EventScheduled", "cancelled": "https://schema.org/EventCancelled",
             "postponed": "https://schema.org/EventPostponed"}


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    start: datetime  # aware
    end: datetime  # aware
    location: str
    description: str
    url: str
    status: str


@dataclass(frozen=True)
class CalendarView:
    name: str
    stamp: date
    events: tuple[CalendarEvent, ...]


def _escape(text: str) -> str:
    """TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets folded with CRLF and a space (3.1), never inside a character."""
    out, current = [], b""
    for ch in line:
        encoded = ch.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def ics(view: CalendarView) -> str:
    """The agenda as one VCALENDAR: every time in UTC (`Z`), each event's UID its address's
    stable name, DTSTAMP the build date."""
    stamp = f"{view.stamp.strftime('%Y%m%d')}T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_escape(view.name)}"]
    for e in view.events:
        lines += ["BEGIN:VEVENT", f"UID:{e.uid}", f"DTSTAMP:{stamp}", f"DTSTART:{_utc(e.start)}",
                  f"DTEND:{_utc(e.end)}", f"SUMMARY:{_escape(e.title)}", f"LOCATION:{_escape(e.location)}",
                  f"URL:{e.url}", f"STATUS:{STATUS_ICS[e.status]}"]
        if e.description:
            lines.append(f"DESCRIPTION:{_escape(e.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


# -- Atom ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ActivityEntry:
    url: str
    title: str
    day: date  # a news item's date, an event's first day
    label: str
    summary: str


@dataclass(frozen=True)
class ActivityFeedView:
    lang: str
    url: str
    home: str
    title: str
    author: str
    entries: tuple[ActivityEntry, ...]


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(view: ActivityFeedView) -> str:
    """An Atom feed of activities in one language, newest first (news by date, events by their
    first day)."""
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": view.lang})
    ET.SubElement(root, "id").text = view.url
    ET.SubElement(root, "title").text = view.title
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": view.url})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": view.home})
    ET.SubElement(root, "updated").text = _stamp(max((e.day for e in view.entries), default=date(2000, 1, 1)))
    ET.SubElement(ET.SubElement(root, "author"), "name").text = view.author
    for item in view.entries:
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "id").text = item.url
        ET.SubElement(entry, "title").text = item.title
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": item.url})
        ET.SubElement(entry, "updated").text = _stamp(item.day)
        ET.SubElement(entry, "category", {"term": item.label})
        ET.SubElement(entry, "summary").text = item.summary or item.title
    return _xml(root)


# -- JSON-LD -------------------------------------------------------------------------------------
def event_ld(name: str, url: str, start: str, end: str, status: str, venue: str, street: str, locality: str,
             province: str, organizer: dict[str, Any], description: str, image: str | None,
             registration: str | None) -> dict[str, Any]:
    """An `Event` at a `Place` with its `PostalAddress`, start and end with their offset."""
    address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality": locality, "addressCountry": "ID"}
    if street:
        address["streetAddress"] = street
    if province:
        address["addressRegion"] = province
    node: dict[str, Any] = {"@type": "Event", "@id": url + "#event", "name": name, "url": url, "startDate": start,
                            "endDate": end, "eventStatus": STATUS_LD[status],
                            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                            "location": {"@type": "Place", "name": venue, "address": address},
                            "organizer": organizer}
    if description:
        node["description"] = description
    if image:
        node["image"] = [image]
    if registration:
        node["offers"] = {"@type": "Offer", "url": registration}
    return node


def news_ld(headline: str, url: str, published: date, organisation: dict[str, Any], description: str,
            image: str | None) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "NewsArticle", "@id": url + "#article", "headline": headline,
                            "url": url, "mainEntityOfPage": url, "datePublished": published.isoformat(),
                            "author": organisation, "publisher": organisation}
    if description:
        node["description"] = description
    if image:
        node["image"] = [image]
    return node
