"""What a buyer reads about a product beyond its price: variants, availability, details, trade terms.

Owns turning the model's market fields into words for one language (badges, the rows of the
variant table, facts such as "3 hari suhu ruang" and "min. 5 per order", wholesale tiers) and the
three vocabularies of availability: schema.org (`InStock`, `PreOrder`, `OutOfStock`), Google
Merchant Center (`in_stock`, `preorder`, `out_of_stock`) and Meta's catalogue (`in stock`,
`preorder`, `out of stock`). It reads no content itself: views hand it the product and the day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from . import commerce
from .model import IN_STOCK, OUT_OF_STOCK, PREORDER, Product, Variant

SCHEMA_ORG = {IN_STOCK: "https://schema.org/InStock", PREORDER: "https://schema.org/PreOrder",
              OUT_OF_STOCK: "https://schema.org/OutOfStock"}
GOOGLE = {IN_STOCK: "in_stock", PREORDER: "preorder", OUT_OF_STOCK: "out_of_stock"}
META = {IN_STOCK: "in stock", PREORDER: "preorder", OUT_OF_STOCK: "out of stock"}
BADGE_KEYS = {PREORDER: "badge_preorder", OUT_OF_STOCK: "badge_out"}
"""Listings mark only what a shopper would otherwise not expect: pre-order and sold out."""


@dataclass(frozen=True)
class Badge:
    label: str
    kind: str  # `preorder` or `out`, a class of site.css


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class VariantRow:
    id: str
    name: str
    price: str
    unit: str
    amount: int
    badge: Badge | None
    state: str


def ready_on(product: Product, day: date) -> date | None:
    """When a pre-order made on `day` is ready: the build date plus the lead time."""
    return day + timedelta(days=product.lead_time_days) if product.lead_time_days else None


def badge(state: str, t: Any) -> Badge | None:
    key = BADGE_KEYS.get(state)
    return Badge(t[key], "preorder" if state == PREORDER else "out") if key else None


def product_state(product: Product, day: date) -> str:
    """The product's state as a whole: in stock when any variant is, else preorder when any is."""
    if not product.variants:
        return product.stock_on(day)
    states = {product.stock_on(day, v) for v in product.variants}
    return IN_STOCK if IN_STOCK in states else PREORDER if PREORDER in states else OUT_OF_STOCK


def availability_text(product: Product, state: str, t: Any, months: tuple[str, ...]) -> str:
    """`Tersedia`, `Pre-order: dibuat 21 hari setelah dipesan`, `Habis`, `Musiman (April–Oktober): ...`."""
    words = {IN_STOCK: t["stock_in"], PREORDER: t["stock_preorder"], OUT_OF_STOCK: t["stock_out"]}[state]
    if state == PREORDER and product.lead_time_days:
        words += " · " + t["preorder_lead"].format(n=product.lead_time_days)
    if product.availability == "musiman" and product.months:
        words += " · " + t["seasonal"].format(months=month_ranges(product.months, months))
    return words


def month_ranges(numbers: tuple[int, ...], names: tuple[str, ...]) -> str:
    """[4, 5, 6, 11] -> `April–Juni, November` (consecutive months joined)."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(names[r[0] - 1] if len(r) == 1 else f"{names[r[0] - 1]}–{names[r[-1] - 1]}" for r in runs)


def variant_rows(product: Product, lang: str, t: Any, day: date | None) -> tuple[VariantRow, ...]:
    rows = []
    for index, variant in enumerate(product.variants):
        name, unit = product.variant_text(lang, index)
        state = product.stock_on(day, variant) if day else IN_STOCK
        rows.append(VariantRow(product.variant_id(index), name,
                               commerce.price_text(variant.price, variant.price_max, ""),
                               commerce.unit_text(unit or product.text(lang, "unit")[0]), variant.price,
                               badge(state, t), state))
    return tuple(rows)


def number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def details(product: Product, lang: str, t: Any) -> tuple[Fact, ...]:
    """Food and craft facts, in the order a buyer asks: keeps how long, how to store, what is in it."""
    found = []
    for name in ("shelf_life", "storage", "ingredients"):
        value = product.text(lang, name)[0]
        if value:
            found.append(Fact(t[name], value))
    materials = product.text(lang, "materials")[0]
    if materials:
        found.append(Fact(t["materials"], ", ".join(materials)))
    if product.dimensions:
        d = product.dimensions
        sides = [d.length_cm, d.width_cm] + ([d.height_cm] if d.height_cm else [])
        found.append(Fact(t["dimensions"], " × ".join(number(s) for s in sides) + " cm"))
    if product.weight_g:
        found.append(Fact(t["weight"], f"{product.weight_g:,} g".replace(",", ".")))
    return tuple(found)


def trade_terms(product: Product, t: Any) -> tuple[Fact, ...]:
    """What a shop or reseller asks: minimum order, monthly capacity, wholesale prices, export."""
    found = []
    if product.min_order:
        found.append(Fact(t["min_order"], t["pieces"].format(n=product.min_order)))
    if product.capacity_per_month:
        found.append(Fact(t["capacity"], t["per_month"].format(n=product.capacity_per_month)))
    if product.wholesale:
        found.append(Fact(t["wholesale"], "; ".join(t["wholesale_tier"].format(
            n=tier.min_qty, price=commerce.rupiah(tier.price)) for tier in product.wholesale)))
    if product.export_ready:
        found.append(Fact(t["export_ready"], t["yes"]))
    return tuple(found)


def unit_price(product: Product, variant: Variant | None, quantity: int) -> int | None:
    """The price of one piece at `quantity`: the lowest wholesale tier reached, else the list price."""
    base = variant.price if variant else product.price
    if base is None:
        return None
    reached = [tier.price for tier in product.wholesale if quantity >= tier.min_qty]
    return min([base, *reached])
