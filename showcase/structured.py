"""Structured data: schema.org JSON-LD for product, maker and home pages, serialised safely.

Owns the shape of the JSON-LD that search engines read (`Product` with an `Offer` or an
`AggregateOffer` in rupiah, the maker as a `LocalBusiness` with address and telephone, the site as
a `WebSite` published by an `Organization`) and its serialisation: the text printed inside
`<script type="application/ld+json">` has `<`, `>` and `&` escaped as `\\u003c`, `\\u003e` and
`\\u0026`, so no field (`</script>`, `<!--`) can end the script element early. Views pass in the
values they already chose (translated names, absolute URLs); this module formats nothing for
people and never decides which page shows what.
"""
from __future__ import annotations

import json
from typing import Any, Mapping, Sequence

from markupsafe import Markup

from .images import ImagePlan
from .model import Maker, Product, Region

CONTEXT = "https://schema.org"
AVAILABILITY = "https://schema.org/InStock"
"""Makers list what they sell; the catalogue has no stock counts, so every offer is in stock."""
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def serialise(data: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> Markup:
    """JSON text that is safe inside a script element: no `<`, `>` or `&` survives unescaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for raw, escaped in _ESCAPES.items():
        text = text.replace(raw, escaped)
    return Markup(text)


def graph(*nodes: Mapping[str, Any]) -> Markup:
    """One or more nodes as a single JSON-LD document (a `@graph` when there are several)."""
    if len(nodes) == 1:
        return serialise({"@context": CONTEXT, **nodes[0]})
    return serialise({"@context": CONTEXT, "@graph": list(nodes)})


def largest_jpeg(plan: ImagePlan) -> str:
    """The output path of a photo's widest JPEG variant (every plan has JPEG as the fallback)."""
    return max((v for v in plan.variants if v.format == "jpeg"), key=lambda v: v.width).path


def area(region: Region, name: str) -> dict[str, Any]:
    """A kabupaten or kota as an AdministrativeArea inside its province."""
    node: dict[str, Any] = {"@type": "AdministrativeArea", "name": name}
    if region.province:
        node["containedInPlace"] = {"@type": "AdministrativeArea", "name": region.province}
    return node


def business(maker: Maker, name: str, url: str, region: Region, region_name: str,
             description: str = "", logo: str | None = None,
             same_as: Sequence[str] = ()) -> dict[str, Any]:
    """A maker as a LocalBusiness: name, page URL, postal address, telephone, region served."""
    address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality": region_name,
                               "addressCountry": "ID"}
    if maker.address:
        address["streetAddress"] = maker.address
    if region.province:
        address["addressRegion"] = region.province
    node: dict[str, Any] = {"@type": "LocalBusiness", "@id": url + "#business", "name": name,
                            "url": url, "address": address, "areaServed": area(region, region_name)}
    number = maker.whatsapp or maker.phone
    if number:
        node["telephone"] = "+" + number
    if maker.email:
        node["email"] = maker.email
    if description:
        node["description"] = description
    if logo:
        node["logo"] = node["image"] = logo
    if same_as:
        node["sameAs"] = list(same_as)
    if maker.since:
        node["foundingDate"] = str(maker.since)
    return node


def offer(product: Product, url: str, seller: Mapping[str, Any]) -> dict[str, Any]:
    """An Offer in rupiah, an AggregateOffer for a price range, or availability only."""
    node: dict[str, Any] = {"@type": "Offer", "url": url, "availability": AVAILABILITY}
    if product.price is not None:
        node["priceCurrency"] = "IDR"
        if product.price_max is not None and product.price_max != product.price:
            node.update({"@type": "AggregateOffer", "lowPrice": product.price,
                         "highPrice": product.price_max})
        else:
            node["price"] = product.price
    node["seller"] = {"@id": seller["@id"]}
    return node


def product(p: Product, name: str, description: str, url: str, category: str,
            images: Sequence[str], maker: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """A Product: name, description, photos, category, the maker as brand and manufacturer."""
    node: dict[str, Any] = {"@type": "Product", "@id": url + "#product", "name": name, "url": url,
                            "sku": p.slug, "inLanguage": lang, "category": category,
                            "countryOfOrigin": {"@type": "Country", "name": "Indonesia"}}
    if description:
        node["description"] = description
    if images:
        node["image"] = list(images)
    node["brand"] = dict(maker)
    node["manufacturer"] = {"@id": maker["@id"]}
    node["offers"] = offer(p, url, maker)
    return node


def website(name: str, url: str, lang: str, description: str, organisation_id: str) -> dict[str, Any]:
    """The site itself, published by the organisation."""
    node: dict[str, Any] = {"@type": "WebSite", "@id": url + "#website", "name": name, "url": url,
                            "inLanguage": lang, "publisher": {"@id": organisation_id}}
    if description:
        node["description"] = description
    return node


def organisation(name: str, url: str, logo: str | None, telephone: str | None,
                 email: str | None) -> dict[str, Any]:
    """The craft council (or whoever publishes the showcase) as an Organization."""
    node: dict[str, Any] = {"@type": "Organization", "@id": url + "#organization", "name": name,
                            "url": url}
    if logo:
        node["logo"] = logo
    contact = {k: v for k, v in (("telephone", "+" + telephone if telephone else None),
                                 ("email", email)) if v}
    if contact:
        node["contactPoint"] = {"@type": "ContactPoint", "contactType": "customer service", **contact}
    return node
