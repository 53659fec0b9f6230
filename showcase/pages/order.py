"""The order list ("daftar pesanan"): `/pesanan/` and `/en/order/`, and the data it prices from.

A visitor adds products (and variants) with the `data-order-add` buttons of product pages; the
list lives in the browser's localStorage (product slug, variant id, quantity), never on a
server. The page itself is a frame that `order.js` fills from `pesanan/data.json` (`en/order/
data.json`): the current names, prices, units, wholesale tiers and variants of every product and
the name and WhatsApp number of every maker, so what the list shows is always the site's current
price, and an item whose product or variant has gone is flagged instead of priced. Each
product's entry is a part (kept in the build state, made again when the product or its maker
changes); the pipeline puts the entries of a language together into its data file.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .. import commerce
from ..routes import ORDER_DATA
from ..views import Link, Page, Spec, Views
from . import Context, Kind, register

ENTRY = "order-entry"
# Texts order.js needs, passed as data- attributes (the site allows no inline script).
SCRIPT_TEXTS = ("order_quantity", "order_remove", "order_subtotal", "order_send", "order_gone", "order_variant_gone",
                "order_empty", "order_each", "order_wholesale", "order_message_head", "order_message_total",
                "order_maker", "order_count", "order_no_whatsapp", "order_gone_group")


@dataclass(frozen=True)
class OrderView:
    title: str
    intro: str
    data: str
    script: str
    texts: tuple[tuple[str, str], ...]  # (data attribute suffix, text)
    browse: Link


def plan(ctx: Context, _: str) -> list[Spec]:
    return [ctx.spec("order", "site/order", lang) for lang in ctx.config.languages]


def build(v: Views, spec: Spec) -> Page:
    t = v.t
    texts = tuple((key.removeprefix("order_").replace("_", "-"), t[key]) for key in SCRIPT_TEXTS)
    view = OrderView(t["order_title"], t["order_intro"], v.routes.asset(v.routes.path("order", None, spec.lang)
                                                                          + ORDER_DATA),
                     v.assets.get("order", ""), texts, Link(t["all_products"], v.routes.href("product", None, spec.lang)))
    return v.page(spec, "order.html", "order", view, t["order_title"], t["order_intro"], [Link(t["order_title"], "")])


def plan_entries(ctx: Context, slug: str) -> list[Spec]:
    if ctx.inputs.entry("product", slug) is None:
        return []
    return [Spec(f"part:order/{lang}/{slug}", ENTRY, f"product/{slug}", lang, argument=slug)
            for lang in ctx.config.languages]


def entry(v: Views, spec: Spec) -> Page:
    """What the order list needs of one product in one language, as a line of its data file."""
    p = v.entry("product", spec.argument)
    maker = v.entry("maker", p.maker)
    lang = spec.lang
    unit = v.text(p, "unit")[0]
    value: dict[str, Any] = {
        "t": v.text(p, "title")[0], "u": v.routes.href("product", p.slug, lang), "m": p.maker, "p": p.price,
        "n": commerce.unit_text(unit), "w": [[tier.min_qty, tier.price] for tier in p.wholesale],
        "o": p.min_order or 1,
        "v": {p.variant_id(i): [p.variant_text(lang, i)[0], x.price,
                                commerce.unit_text(p.variant_text(lang, i)[1] or unit)]
              for i, x in enumerate(p.variants)}}
    number = maker.whatsapp or v.config.contact_whatsapp
    line = (json.dumps(p.slug) + ":" + json.dumps(value, ensure_ascii=False, separators=(",", ":")),
            json.dumps(maker.slug) + ":" + json.dumps([v.title(maker), number], ensure_ascii=False,
                                                       separators=(",", ":")))
    return Page(spec, "", None, None, ENTRY, line)


def data_file(lines: list[tuple[str, str]]) -> str:
    """`{"products": {...}, "makers": {...}}` from the products' entries (sorted, so stable)."""
    products = ",\n".join(sorted(p for p, _ in lines))
    makers = ",\n".join(sorted(set(m for _, m in lines)))
    return '{"currency":"IDR",\n"products":{\n' + products + '\n},\n"makers":{\n' + makers + "\n}}\n"


register(Kind("order", plan, build), owners=["site/order"])
register(Kind(ENTRY, plan_entries, entry, part=True))
