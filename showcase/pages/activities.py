"""The pages of activities (issue 14): `/kegiatan/` and each news item's or event's page.

News (`news`) and events (`event`) share the section `/kegiatan/` (`/en/activities/`) and one
namespace of slugs. The listing shows upcoming events first, soonest first, then everything past,
newest first (showcase.activities), 24 a page with stable URLs (`/kegiatan/halaman/2/`). The order
is a derived value (`n:activities/...`) that reads every activity and the build date, so a page
is rebuilt when the order it shows changed and not otherwise. There is no `/kegiatan/` while a
site has no activity.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from markupsafe import Markup

from .. import activities as rules
from .. import agenda, structured
from ..inputs import NODES, Inputs
from ..model import Event, News
from ..routes import AGENDA_ICS
from ..views import (SIZES_CARD, SIZES_HERO, Card, FeedLink, Link, Page, Picture, Spec, Views, pages_of, plain_text,
                     span)
from . import Context, Kind, register

ROUTE = "activity"
KINDS = ("news", "event")
AGENDA_COUNT = 3  # events in the home page's "Agenda terdekat"
SHOWN_ON_ENTRY = 6  # activities a region or maker page shows (the newest; all are on /kegiatan/)
FEED_SIZE = 20


# -- the order, as a derived value -------------------------------------------------------------
def _ordered(inputs: Inputs, argument: str) -> tuple[str, ...]:
    """`kind/slug` of activities in listing order; argument `` (all), `upcoming`, `region/<slug>`
    or `maker/<slug>` (the activities that name it)."""
    found = [inputs.entry(kind, slug) for kind in KINDS for slug in inputs.members(f"kind/{kind}")]
    today = inputs.today()
    head, _, slug = argument.partition("/")
    if head == "upcoming":
        found = [a for a in found if rules.is_upcoming(a, today)]
    elif head == "region":
        found = [a for a in found if rules.concerns_region(a, slug)]
    elif head == "maker":
        found = [a for a in found if rules.concerns_maker(a, slug)]
    return tuple(f"{a.kind}/{a.slug}" for a in rules.ordered(found, today))


NODES["activities"] = _ordered


def ordered(inputs: Inputs, argument: str = "") -> tuple[str, ...]:
    return inputs.node(f"activities/{argument}" if argument else "activities/")  # type: ignore[no-any-return]


# -- values ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ActivityCard:
    """An activity in a list: `label` says what it is (Berita, Pameran, ...), `when` its date or
    its time range with the zone, `place` the venue and region of an event."""

    title: str
    url: str
    label: str
    when: str
    datetime: str  # for <time datetime>: an ISO date, or an event's start with its offset
    place: str
    summary: str
    status: str  # "" or Dibatalkan / Ditunda
    image: Picture | None
    upcoming: bool
    lang: str | None


@dataclass(frozen=True)
class ActivityGroup:
    title: str
    anchor: str
    items: tuple[ActivityCard, ...]


@dataclass(frozen=True)
class ActivitiesView:
    title: str
    intro: str
    groups: tuple[ActivityGroup, ...]
    calendar: str | None  # the link to /kegiatan/agenda.ics, when there are events


@dataclass(frozen=True)
class ActivityView:
    kind: str  # news or event
    label: str
    title: str
    summary: str
    body: Markup
    images: tuple[Picture, ...]
    when: str
    datetime: str
    end_datetime: str  # an event's end, ISO with offset; "" for news
    venue: str
    address: str
    region: Link | None
    regions: tuple[Link, ...]
    registration: str | None
    status: str
    upcoming: bool
    makers: tuple[Link, ...]
    products: tuple[Card, ...]
    calendar: str | None


def label(v: Views, activity: News | Event) -> str:
    if isinstance(activity, News):
        return v.t["act_news"]
    return v.t[f"act_type_{activity.event_type or 'lainnya'}"]


def status(v: Views, activity: News | Event) -> str:
    if isinstance(activity, Event) and activity.status != "scheduled":
        return v.t[f"act_status_{activity.status}"]
    return ""


def _place(v: Views, event: Event) -> str:
    region = v.entry("region", event.region)
    return " · ".join(p for p in (event.venue.name if event.venue else "", v.text(region, "short_name")[0]) if p)


def card(v: Views, key: str) -> ActivityCard:
    """An activity as a card; made once per process and language, its reads replayed."""
    return v.inputs.remember(("activity-card", key, v.lang), lambda: _card(v, key))  # type: ignore[no-any-return]


def _card(v: Views, key: str) -> ActivityCard:
    kind, slug = key.split("/", 1)
    a = v.entry(kind, slug)
    title, fallback = v.text(a, "title")
    image = a.images[0] if a.images else None
    if isinstance(a, Event):
        when, stamp, place = rules.event_when(a, v.lang), _start(a), _place(v, a)
        upcoming = a.upcoming_on(v.inputs.today())
    else:
        when, stamp, place, upcoming = rules.format_date(a.date, v.lang), a.date.isoformat(), "", False
    return ActivityCard(title=title, url=v.routes.href(ROUTE, slug, v.lang), label=label(v, a), when=when,
                        datetime=stamp, place=place, summary=v.text(a, "summary")[0], status=status(v, a),
                        image=v.picture(image, SIZES_CARD, False, 0, a), upcoming=upcoming,
                        lang="id" if fallback else None)


def _iso(moment: Any) -> str:
    return moment.isoformat(timespec="minutes")


def _start(event: Event) -> str:
    """An event's start for `<time datetime>`: the day of a whole-day event, else the moment."""
    assert event.start is not None
    return event.start.date().isoformat() if event.all_day else _iso(event.start)


def cards(v: Views, keys: tuple[str, ...]) -> tuple[ActivityCard, ...]:
    return tuple(card(v, k) for k in keys)


def calendar_url(v: Views) -> str | None:
    """The agenda's address when the site has events (else there is no agenda.ics)."""
    return v.routes.asset(AGENDA_ICS) if v.inputs.members("kind/event") else None


def with_feed(v: Views, page: Page) -> Page:
    """Activity pages announce the feed of activities instead of the products'."""
    assert page.head is not None
    feed = FeedLink(f"{v.config.text('title', v.lang)} · {v.t['act_feed']}",
                    v.routes.asset(v.routes.activity_feed(v.lang)))
    return replace(page, head=replace(page.head, feed=feed))


@dataclass(frozen=True)
class ActivityBlock:
    """The activities shown on a home, region or maker page, with the link to all of them."""

    title: str
    items: tuple[ActivityCard, ...]
    more: Link | None


def block(v: Views, argument: str, title: str, limit: int) -> ActivityBlock | None:
    """Up to `limit` activities of `argument` (see _ordered), or None when there are none."""
    keys = ordered(v.inputs, argument)
    if not keys:
        return None
    more = Link(v.t["act_all"], v.routes.href(ROUTE, None, v.lang))
    return ActivityBlock(title, cards(v, keys[:limit]), more)


# -- the listing -------------------------------------------------------------------------------
def plan_listing(ctx: Context, _: str) -> list[Spec]:
    total = len(ordered(ctx.inputs))
    if not total:
        return []
    return [ctx.spec("activities", "site/activities", lang, None, n, route=ROUTE)
            for lang in ctx.config.languages for n in range(1, pages_of(total) + 1)]


def build_listing(v: Views, spec: Spec) -> Page:
    """One sequence cut into pages of 24, headed on each page by the groups it holds: upcoming,
    then news and past activities."""
    number, t = spec.number, v.t
    keys = ordered(v.inputs)
    total = pages_of(len(keys))
    shown = cards(v, keys[slice(*span(number))])
    groups = tuple(ActivityGroup(title, anchor, items) for title, anchor, items in (
        (t["act_upcoming"], "agenda", tuple(c for c in shown if c.upcoming)),
        (t["act_past"], "kabar", tuple(c for c in shown if not c.upcoming))) if items)
    title = t["nav_activities"]
    view = ActivitiesView(title, t["intro_activities"], groups, calendar_url(v))
    crumbs = [Link(title, "")] if number == 1 else [
        Link(title, v.routes.href(ROUTE, None, v.lang)), Link(t["page_number"].format(n=number), "")]
    return with_feed(v, v.page(spec, "activities.html", "activities", view, v.paged_title(title, number, total),
                               t["intro_activities"], crumbs, pagination=v.pagination(ROUTE, number, total),
                               route=ROUTE))


# -- one activity ------------------------------------------------------------------------------
def plan_entry(kind: str):  # noqa: ANN201 - a plan function
    def plan(ctx: Context, slug: str) -> list[Spec]:
        if ctx.inputs.entry(kind, slug) is None:
            return []
        return [ctx.spec(kind, f"{kind}/{slug}", lang, slug, route=ROUTE) for lang in ctx.config.languages]
    return plan


def build_activity(v: Views, spec: Spec) -> Page:
    a = v.entry(spec.kind, spec.argument)
    title, fallback = v.text(a, "title")
    body, body_fallback = v.body(a)
    summary = v.text(a, "summary")[0]
    images = tuple(p for i, image in enumerate(a.images)
                   if (p := v.picture(image, SIZES_HERO, i == 0, i, a)) is not None)
    makers = tuple(v.link(v.entry("maker", m)) for m in a.makers)
    products = v.cards(a.products)
    if isinstance(a, Event):
        region = v.entry("region", a.region)
        view = ActivityView(
            kind="event", label=label(v, a), title=title, summary=summary, body=body, images=images,
            when=rules.event_when(a, v.lang), datetime=_start(a), end_datetime=_iso(a.end),
            venue=a.venue.name if a.venue else "", address=a.venue.address if a.venue else "",
            region=v.link(region), regions=(), registration=a.registration, status=status(v, a),
            upcoming=a.upcoming_on(v.inputs.today()), makers=makers, products=products, calendar=calendar_url(v))
    else:
        view = ActivityView(
            kind="news", label=label(v, a), title=title, summary=summary, body=body, images=images,
            when=rules.format_date(a.date, v.lang), datetime=a.date.isoformat(), end_datetime="", venue="",
            address="", region=None, regions=tuple(v.link(v.entry("region", r)) for r in a.regions),
            registration=None, status="", upcoming=False, makers=makers, products=products, calendar=None)
    crumbs = [Link(v.t["nav_activities"], v.routes.href(ROUTE, None, v.lang)), Link(title, "")]
    description = summary or plain_text(body)
    photo = v.image_url(a.images[0]) if a.images else None
    return with_feed(v, v.page(spec, "activity.html", "activity", view, title, description, crumbs,
                               slug=a.slug, route=ROUTE, content_lang="id" if (fallback or body_fallback) else None,
                               photo=a.images[0] if a.images else None, jsonld=jsonld(v, a, title, description, photo),
                               og={"image": photo, "image_alt": title} if photo else None))


def organizer(v: Views) -> dict[str, Any]:
    config = v.config
    name = config.text("organisation", v.lang) or config.text("title", v.lang)
    return structured.organisation(name, v.routes.absolute("home", None, "id"), v.image_url(v.logo),
                                   config.contact_whatsapp, config.contact_email)


def jsonld(v: Views, a: News | Event, title: str, description: str, photo: str | None) -> Markup:
    """`Event` (start and end with their offset, a `Place` with its `PostalAddress`, organizer,
    status) or `NewsArticle`."""
    url = v.routes.absolute(ROUTE, a.slug, v.lang)
    if isinstance(a, News):
        assert a.date is not None
        return structured.graph(agenda.news_ld(title, url, a.date, organizer(v), description, photo))
    assert a.start is not None and a.end is not None
    region = v.entry("region", a.region)
    start, end = (a.start.date().isoformat(), (a.end - timedelta(days=1)).date().isoformat()) if a.all_day \
        else (a.start.isoformat(), a.end.isoformat())
    return structured.graph(agenda.event_ld(title, url, start, end, a.status, a.venue.name if a.venue else "",
                                            a.venue.address if a.venue else "", v.title(region), region.province,
                                            organizer(v), description, photo, a.registration))


# -- the Atom feed and the calendar --------------------------------------------------------------
def plan_feed(ctx: Context, _: str) -> list[Spec]:
    if not ordered(ctx.inputs):
        return []
    return [Spec(ctx.routes.activity_feed(lang), "activity-feed", "site/activity-feed", lang)
            for lang in ctx.config.languages]


def build_feed(v: Views, spec: Spec) -> Page:
    """The newest activities first: news by date, events by their first day."""
    found = [v.entry(*key.split("/", 1)) for key in ordered(v.inputs)]
    found.sort(key=lambda a: (-rules.when(a).timestamp(), a.slug))
    entries = []
    for a in found[:FEED_SIZE]:
        day = a.start.date() if isinstance(a, Event) else a.date
        when = rules.event_when(a, v.lang) if isinstance(a, Event) else ""
        summary = " · ".join(x for x in (when, v.text(a, "summary")[0]) if x)
        entries.append(agenda.ActivityEntry(v.routes.absolute(ROUTE, a.slug, v.lang), v.text(a, "title")[0], day,
                                            label(v, a), summary))
    config, lang = v.config, spec.lang
    view = agenda.ActivityFeedView(lang, v.routes.absolute_asset(spec.output), v.routes.absolute(ROUTE, None, lang),
                                   f"{config.text('title', lang)} · {v.t['act_feed']}",
                                   config.text("organisation", lang) or config.text("title", lang), tuple(entries))
    return Page(spec, "", None, None, "activity-feed", view)


def render_feed(v: Views, page: Page) -> bytes:
    return agenda.atom(page.view).encode("utf-8")


def plan_calendar(ctx: Context, _: str) -> list[Spec]:
    if not ctx.inputs.members("kind/event"):
        return []
    return [Spec(AGENDA_ICS, "agenda", "site/agenda", ctx.config.languages[0])]


def build_calendar(v: Views, spec: Spec) -> Page:
    """Every event not over on the build date (what a phone calendar should import), soonest first,
    in the site's first language; each UID is its address's name, so a re-import updates it."""
    host = v.routes.origin.split("://", 1)[-1] or "showcase"
    events = []
    for key in ordered(v.inputs, "upcoming"):
        e = v.entry(*key.split("/", 1))
        region = v.entry("region", e.region)
        address = e.venue.address if e.venue else ""
        region_name = "" if v.title(region) in address else v.title(region)  # not said twice
        place = ", ".join(x for x in (e.venue.name if e.venue else "", address, region_name) if x)
        events.append(agenda.CalendarEvent(f"kegiatan-{e.slug}@{host}", v.text(e, "title")[0], e.start, e.end, place,
                                           v.text(e, "summary")[0], v.routes.absolute(ROUTE, e.slug, spec.lang),
                                           e.status))
    name = f"{v.config.text('title', spec.lang)} · {v.t['act_upcoming']}"
    return Page(spec, "", None, None, "agenda", agenda.CalendarView(name, v.inputs.today(), tuple(events)))


def render_calendar(v: Views, page: Page) -> bytes:
    return agenda.ics(page.view).encode("utf-8")


register(Kind("activities", plan_listing, build_listing), owners=["site/activities"])
register(Kind("activity-feed", plan_feed, build_feed, render_feed), owners=["site/activity-feed"])
register(Kind("agenda", plan_calendar, build_calendar, render_calendar), owners=["site/agenda"])
register(Kind("news", plan_entry("news"), build_activity), entry_owned=True)
register(Kind("event", plan_entry("event"), build_activity), entry_owned=True)
