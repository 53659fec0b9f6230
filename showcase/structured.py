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
from datetime import date

from . import market
from .model import Maker, Product, Region

CONTEXT = "https://schema.org"
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


def offer(product: Product, url: str, seller: Mapping[str, Any], day: date | None = None,
          variant: Any = None) -> dict[str, Any]:
    """An Offer in rupiah (an AggregateOffer for a price range, availability only without a price):
    its schema.org availability on `day` (a pre-order with the date it is ready), and wholesale
    tiers as `priceSpecification`s whose `eligibleQuantity` starts at the tier's quantity."""
    state = (product.stock_on(day, variant) if variant is not None else market.product_state(product, day)) \
        if day is not None else "in_stock"
    node: dict[str, Any] = {"@type": "Offer", "url": url, "availability": market.SCHEMA_ORG[state]}
    if state == "preorder" and day is not None and market.ready_on(product, day):
        node["availabilityStarts"] = market.ready_on(product, day).isoformat()  # type: ignore[union-attr]
    price = variant.price if variant is not None else product.price
    price_max = variant.price_max if variant is not None else product.price_max
    if price is not None:
        node["priceCurrency"] = "IDR"
        if price_max is not None and price_max != price:
            node.update({"@type": "AggregateOffer", "lowPrice": price, "highPrice": price_max})
        else:
            node["price"] = price
        if product.wholesale:
            node["priceSpecification"] = [tier(price, product.min_order or 1)] + [
                tier(t.price, t.min_qty) for t in product.wholesale]
    node["seller"] = {"@id": seller["@id"]}
    return node


def tier(price: int, from_quantity: int) -> dict[str, Any]:
    """A unit price that holds from `from_quantity` pieces on (C62: UN/CEFACT's code for "one")."""
    return {"@type": "UnitPriceSpecification", "price": price, "priceCurrency": "IDR",
            "eligibleQuantity": {"@type": "QuantitativeValue", "minValue": from_quantity, "unitCode": "C62"}}


def product(p: Product, name: str, description: str, url: str, category: str,
            images: Sequence[str], maker: Mapping[str, Any], lang: str, day: date | None = None,
            variants: Sequence[Any] = ()) -> dict[str, Any]:
    """A Product: name, description, photos, category, the maker as brand and manufacturer; a
    product with variants is a `ProductGroup` whose `hasVariant` holds one Product (with its
    Offer) per variant, `productGroupID` the product's slug."""
    node: dict[str, Any] = {"@type": "Product", "@id": url + "#product", "name": name, "url": url,
                            "sku": p.slug, "inLanguage": lang, "category": category,
                            "countryOfOrigin": {"@type": "Country", "name": "Indonesia"}}
    if description:
        node["description"] = description
    if images:
        node["image"] = list(images)
    node["brand"] = dict(maker)
    node["manufacturer"] = {"@id": maker["@id"]}
    extra = physical(p)
    if not p.variants:
        node.update(extra)
        node["offers"] = offer(p, url, maker, day)
        return node
    node.update({"@type": "ProductGroup", "productGroupID": p.slug})
    del node["sku"]
    node["hasVariant"] = [
        {"@type": "Product", "@id": f"{url}#{row.id}", "name": f"{name} · {row.name}", "sku": row.id,
         "inProductGroupWithID": p.slug, **({"image": images[0]} if images else {}), **extra,
         "offers": offer(p, url, maker, day, variant)}
        for row, variant in zip(variants, p.variants)]
    return node


def physical(p: Product) -> dict[str, Any]:
    """Weight, size and materials where the editor gave them (schema.org QuantitativeValue, unit codes
    GRM for grams and CMT for centimetres)."""
    found: dict[str, Any] = {}
    if p.weight_g:
        found["weight"] = {"@type": "QuantitativeValue", "value": p.weight_g, "unitCode": "GRM"}
    if p.dimensions:
        d = p.dimensions
        for key, value in (("depth", d.length_cm), ("width", d.width_cm), ("height", d.height_cm)):
            if value:
                found[key] = {"@type": "QuantitativeValue", "value": value, "unitCode": "CMT"}
    if p.materials:
        found["material"] = ", ".join(p.materials)
    return found


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
