"""The partner network page (issue 14): `/jejaring/` (`/en/network/`), each partner showcase and its
products, linking to the partner's own pages (nothing of theirs is copied into pages of ours).

Read through `Inputs.partners()` (the kept copies, made safe by showcase.network), so the page is
rebuilt exactly when a copy changed. There is no page while site.yaml names no partner.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import commerce
from ..views import Link, Page, Spec, Views, format_date
from . import Context, Kind, register

ROUTE = "network"
SHOWN = 48  # products shown per partner; the rest are on the partner's own site


@dataclass(frozen=True)
class PartnerCard:
    title: str
    url: str
    price: str
    unit: str | None
    meta: str  # maker · region


@dataclass(frozen=True)
class PartnerView:
    name: str
    url: str | None
    status: str  # "12 produk · salinan 5 Desember 2026", or why there is none
    products: tuple[PartnerCard, ...]
    more: str  # "and 30 more on the partner's site", or ""


@dataclass(frozen=True)
class NetworkView:
    title: str
    intro: str
    partners: tuple[PartnerView, ...]


def plan(ctx: Context, _: str) -> list[Spec]:
    if not ctx.config.partners:
        return []
    return [ctx.spec("network", "site/network", lang, route=ROUTE) for lang in ctx.config.languages]


def build(v: Views, spec: Spec) -> Page:
    t = v.t
    partners = []
    for catalogue in v.inputs.partners():
        cards = tuple(PartnerCard(p.title, p.url, commerce.price_text(p.price, p.price_max, t["price_on_request"]),
                                  commerce.unit_text(p.unit), " · ".join(x for x in (p.maker, p.region) if x))
                      for p in catalogue.products[:SHOWN])
        if catalogue.fetched is None:
            status = t["net_no_copy"]
        else:
            status = t["net_status"].format(n=len(catalogue.products), date=format_date(catalogue.fetched, v.lang))
        extra = len(catalogue.products) - len(cards)
        partners.append(PartnerView(catalogue.name, catalogue.url, status, cards,
                                    t["net_more"].format(n=extra) if extra > 0 else ""))
    title = t["nav_network"]
    return v.page(spec, "network.html", "network", NetworkView(title, t["intro_network"], tuple(partners)), title,
                  t["intro_network"], [Link(title, "")], route=ROUTE)


register(Kind("network", plan, build), owners=["site/network"])
