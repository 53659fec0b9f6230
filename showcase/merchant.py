"""Catalogue feeds for Google Merchant Center and Meta's commerce catalogue.

Owns `merchant/google.xml` (RSS 2.0 with Google's `g:` namespace, following the Merchant Center
product data specification) and `merchant/meta.csv` (the columns of Meta's catalogue data feed,
which also fills WhatsApp Business catalogues and Instagram and Facebook shops). Each variant of a
product is one item: `id` its `sku`, else `<slug>-<n>` (a product without variants: its slug),
all a product's variants sharing `item_group_id` (the slug). Prices are `35000.00 IDR` (a range:
its lower price); availability is `in_stock`/`preorder`/`out_of_stock` for Google and `in
stock`/`preorder`/`out of stock` for Meta, a pre-order with the date it is ready. Photos are the
widest JPEG made of each (never AVIF). A product with no price cannot be listed by either
platform and is left out (the loader warns, naming it); so is one with no photo yet (both
platforms require one; no warning, since a new product often waits for its photo); without an https `base_url` the
feeds are not written at all (one warning). Items are made with each product's pages
(pages/parts.py) and put together here; nothing in this module reads content.
"""
from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from . import components
from .config import SiteConfig
from .errors import Diagnostics

GOOGLE, META = "merchant/google.xml", "merchant/meta.csv"
G_NS = "http://base.google.com/ns/1.0"
TITLE_LIMIT = 150  # Google: 150 characters (Meta allows 200)
DESCRIPTION_LIMIT = 5000  # Google: 5,000 characters (Meta allows 9,999)
ADDITIONAL_IMAGES = 10  # Google takes up to 10 additional images
META_COLUMNS = ("id", "title", "description", "availability", "condition", "price", "link", "image_link", "brand",
                "item_group_id", "additional_image_link")
GOOGLE_AVAILABILITY = {"in_stock": "in_stock", "preorder": "preorder", "out_of_stock": "out_of_stock"}
META_AVAILABILITY = {"in_stock": "in stock", "preorder": "preorder", "out_of_stock": "out of stock"}
TIME_ZONE = "+0700"  # a pre-order's availability_date is midnight, Western Indonesian Time (WIB)


@dataclass(frozen=True)
class Item:
    """One sellable item (a product, or one of its variants) as both feeds describe it."""

    id: str
    title: str
    description: str
    link: str
    image_link: str
    additional_image_links: tuple[str, ...]
    availability: str  # model.IN_STOCK, PREORDER or OUT_OF_STOCK
    availability_date: date | None
    price: int
    brand: str
    item_group_id: str | None
    product_type: str
    shipping_weight_g: int | None


def feeds_enabled(config: SiteConfig) -> bool:
    """Both platforms fetch over https only, and need absolute links."""
    return config.base_url.startswith("https://")


LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def check_config(config: SiteConfig, diags: Diagnostics) -> None:
    """One warning when the feeds cannot be made for want of an https base_url (none for a preview
    on this computer, e.g. `--base-url http://127.0.0.1:8000/`: no platform could fetch it anyway)."""
    host = config.base_url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0] if "://" in config.base_url else ""
    if not feeds_enabled(config) and host not in LOCAL_HOSTS:
        diags.warning(config.display(config.content_dir / "site.yaml"), None, "FEED_NO_BASE_URL", field="base_url",
                      value=config.base_url)


def cut(text: str, limit: int) -> str:
    """Text at most `limit` characters long, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",.;:-–·") + "…"


def plain(markup: str) -> str:
    """Rendered HTML as plain text: paragraphs kept apart by a blank line, tags and entities gone
    (and components: videos, galleries, maps and other products' cards)."""
    text = re.sub(r"</(p|li|h[1-6]|tr|blockquote)>|<br\s*/?>", "\n", components.strip(markup))
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return "\n\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def price_text(amount: int) -> str:
    """`35000.00 IDR`: the number with two decimals and the ISO 4217 currency code."""
    return f"{amount}.00 IDR"


def google_item(item: Item) -> str:
    """One `<item>` of the Google feed."""
    def tag(name: str, value: str) -> str:
        return f"<g:{name}>{escape(value)}</g:{name}>"

    lines = [tag("id", item.id), tag("title", item.title), tag("description", item.description),
             tag("link", item.link), tag("image_link", item.image_link),
             *(tag("additional_image_link", url) for url in item.additional_image_links),
             tag("availability", GOOGLE_AVAILABILITY[item.availability])]
    if item.availability_date is not None:
        lines.append(tag("availability_date", f"{item.availability_date.isoformat()}T00:00{TIME_ZONE}"))
    lines += [tag("price", price_text(item.price)), tag("condition", "new"), tag("brand", item.brand),
              tag("identifier_exists", "no")]
    if item.item_group_id:
        lines.append(tag("item_group_id", item.item_group_id))
    lines.append(tag("product_type", item.product_type))
    if item.shipping_weight_g:
        lines.append(tag("shipping_weight", f"{item.shipping_weight_g} g"))
    return "<item>\n" + "".join(f"  {line}\n" for line in lines) + "</item>\n"


def google_feed(items: Iterable[str], title: str, link: str, description: str) -> str:
    """The RSS 2.0 document: a channel naming the site, then every item."""
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="{G_NS}">\n<channel>\n'
            f"<title>{escape(title)}</title>\n<link>{escape(link)}</link>\n"
            f"<description>{escape(description or title)}</description>\n")
    return head + "".join(items) + "</channel>\n</rss>\n"


def meta_row(item: Item) -> str:
    """One CSV line of the Meta feed (RFC 4180 quoting; additional images comma-separated)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([
        item.id, item.title, item.description, META_AVAILABILITY[item.availability], "new", price_text(item.price),
        item.link, item.image_link, item.brand, item.item_group_id or "", ",".join(item.additional_image_links)])
    return buffer.getvalue()


def meta_feed(rows: Iterable[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(META_COLUMNS)
    return buffer.getvalue() + "".join(rows)


def items(*, slug: str, title: str, variant_names: Sequence[str], variant_ids: Sequence[str],
          prices: Sequence[int], states: Sequence[str], ready: date | None, description: str, link: str,
          images: Sequence[str], brand: str, product_type: str, weight_g: int | None) -> tuple[Item, ...]:
    """The items of one product: one per variant (or one for a product without variants)."""
    grouped = len(variant_ids) > 0
    names = variant_names if grouped else [""]
    ids = variant_ids if grouped else [slug]
    text = cut(description or title, DESCRIPTION_LIMIT)
    return tuple(Item(id=ids[i], title=cut(f"{title} - {names[i]}" if names[i] else title, TITLE_LIMIT),
                      description=text, link=link, image_link=images[0],
                      additional_image_links=tuple(images[1:1 + ADDITIONAL_IMAGES]), availability=states[i],
                      availability_date=ready if states[i] == "preorder" else None, price=prices[i], brand=brand,
                      item_group_id=slug if grouped else None, product_type=product_type, shipping_weight_g=weight_g)
                 for i in range(len(ids)))
