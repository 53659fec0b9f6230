"""The page of a gallery or outlet where the products can be seen and bought in person.

One page per gallery and language (`/gerai/<slug>/`, `/en/outlets/<slug>/`): address, opening
hours, map link, contacts, the region, and the products whose `available_at` names it, newest
first. The list of galleries (`/gerai/`) is a listing of lists.py, made only when a site has one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .. import commerce, structured
from ..model import Gallery
from ..views import Card, Contact, Link, Page, Spec, Views, plain_text
from . import Context, Kind, register


@dataclass(frozen=True)
class GalleryView:
    name: str
    summary: str
    body: Markup
    region: Link
    address: str
    opening_hours: str | None
    map_url: str | None
    contact: tuple[Contact, ...]
    products: tuple[Card, ...]


def plan(ctx: Context, slug: str) -> list[Spec]:
    if ctx.inputs.entry("gallery", slug) is None:
        return []
    return [ctx.spec("gallery", f"gallery/{slug}", lang, slug) for lang in ctx.config.languages]


def contacts(v: Views, g: Gallery) -> tuple[Contact, ...]:
    t = v.t
    found = [Contact(t["contact_address"], g.address, None, "address")]
    if g.whatsapp:
        found.append(Contact(t["contact_whatsapp"], commerce.display_phone(g.whatsapp),
                             commerce.whatsapp_link(g.whatsapp), "whatsapp"))
    if g.phone:
        found.append(Contact(t["contact_phone"], commerce.display_phone(g.phone), "tel:+" + g.phone, "phone"))
    return tuple(found)


def store_ld(g: Gallery, name: str, url: str, region: Any, region_name: str, hours: str | None,
             description: str) -> dict[str, Any]:
    """schema.org `Store`: where the products can be bought in person."""
    found: dict[str, Any] = {"@type": "Store", "@id": url + "#store", "name": name, "url": url,
                             "address": {"@type": "PostalAddress", "streetAddress": g.address,
                                         "addressLocality": region_name, "addressRegion": region.province,
                                         "addressCountry": "ID"}}
    if description:
        found["description"] = description
    if hours:
        found["openingHours"] = hours
    if g.map_url:
        found["hasMap"] = g.map_url
    if g.whatsapp or g.phone:
        found["telephone"] = "+" + (g.phone or g.whatsapp or "")
    return found


def build(v: Views, spec: Spec) -> Page:
    g: Gallery = v.entry("gallery", spec.argument)
    lang = spec.lang
    name, fallback = v.text(g, "name")
    body, body_fallback = v.body(g)
    summary = v.text(g, "summary")[0]
    hours = v.text(g, "opening_hours")[0]
    region = v.entry("region", g.region)
    description = summary or plain_text(body)
    absolute = v.routes.absolute("gallery", g.slug, lang)
    view = GalleryView(name=name, summary=summary, body=body, region=v.link(region), address=g.address,
                       opening_hours=hours, map_url=g.map_url, contact=contacts(v, g),
                       products=v.cards(v.inputs.members(f"gallery/{g.slug}")))
    jsonld = structured.graph(store_ld(g, name, absolute, region, v.title(region), hours, description))
    return v.page(spec, "gallery.html", "gallery", view, name, description,
                  [Link(v.t["nav_galleries"], v.routes.href("gallery", None, lang)), Link(name, "")], slug=g.slug,
                  content_lang="id" if (fallback or body_fallback) else None, jsonld=jsonld)


register(Kind("gallery", plan, build), entry_owned=True)
