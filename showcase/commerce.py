"""Rupiah prices, Indonesian phone numbers, safe links and WhatsApp order messages.

This module owns the small rules of selling in Indonesia: `Rp 35.000` with a dot for thousands,
numbers written `0812-…` or `+62 812 …` normalised to `62812…` for wa.me, which link schemes
a visitor may be sent to, and the names of food and trade licences. Pure functions, no I/O.
"""
from __future__ import annotations

import re
import urllib.parse

CERTIFICATION_TYPES = ("halal", "pirt", "bpom-md", "bpom-ml", "nib", "sni")
CERTIFICATION_LABELS = {
    "halal": "Halal",
    "pirt": "P-IRT",
    "bpom-md": "BPOM MD",
    "bpom-ml": "BPOM ML",
    "nib": "NIB",
    "sni": "SNI",
}

# Words that already say "for each" at the start of a unit: such a unit follows a price as it is
# written ("Rp 85.000 per lembar"); any other unit is a quantity and gets a slash ("Rp 35.000 / 500 g").
_PER_UNIT = re.compile(r"^(?:per|tiap|setiap|each|a|an)\b|^[/@]", re.IGNORECASE)

_PHONE_SEPARATORS = re.compile(r"[\s\-.()/]")
_SAFE_SCHEMES = ("https://", "mailto:", "tel:")


def rupiah(amount: int) -> str:
    """`35000` -> `Rp 35.000` (Indonesian thousands separator, no decimals; a no-break space
    keeps `Rp` with its number when a line wraps)."""
    return "Rp\u00a0" + f"{amount:,}".replace(",", ".")


def price_text(price: int | None, price_max: int | None, on_request: str) -> str:
    """A price, a range `Rp 75.000 – Rp 120.000`, or the on-request text."""
    if price is None:
        return on_request
    if price_max is not None and price_max != price:
        return f"{rupiah(price)} – {rupiah(price_max)}"
    return rupiah(price)


def unit_text(unit: str | None) -> str:
    """How a unit follows a price: `500 g` -> `/ 500 g`, but `per buah` stays `per buah` (never
    `/ per buah`, which says "per" twice); empty when there is no unit."""
    text = " ".join((unit or "").split())
    if not text:
        return ""
    return text if _PER_UNIT.match(text) else f"/ {text}"


def normalise_phone(text: str) -> str | None:
    """Any Indonesian writing of a number -> `62…` digits, or None when it cannot be one."""
    digits = _PHONE_SEPARATORS.sub("", text.strip())
    if digits.startswith("+"):
        digits = digits[1:]
        if not digits.startswith("62"):
            return None
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    if not re.fullmatch(r"62[1-9][0-9]{7,11}", digits):
        return None
    return digits


def display_phone(number: str) -> str:
    """`6281234567890` -> `+62 812-3456-7890`: how Indonesians read a number aloud."""
    rest = number[2:]
    if rest.startswith("8"):
        return f"+62 {rest[:3]}-{rest[3:7]}-{rest[7:]}"
    area = 2 if rest[:2] in ("21", "22", "24", "31", "61") else 3
    return f"+62 {rest[:area]} {rest[area:]}"


def is_mobile(number: str) -> bool:
    """WhatsApp numbers in Indonesia are mobile numbers: 62 8…"""
    return number.startswith("628")


def check_url(text: str, https_only: bool = False) -> tuple[str, str]:
    """("", "") for a safe link; else (problem, "error" | "warning"), the problem one of
    "spaces", "http", "scheme" (see `url_scheme`) or "partial".

    `http://` is a warning, or an error where `https_only` (marketplace links: a buyer pays
    there, so the shop must be reached encrypted); `https_only` also refuses `mailto:` and `tel:`.
    """
    raw = text.strip()
    if not raw or any(ch.isspace() for ch in raw):
        return "spaces", "error"
    lowered = urllib.parse.unquote(raw).lower()
    if lowered.startswith(_SAFE_SCHEMES if not https_only else ("https://",)):
        return "", ""
    if lowered.startswith("http://"):
        return "http", "error" if https_only else "warning"
    if url_scheme(raw):
        return "scheme", "error"
    return "partial", "error"


def url_scheme(text: str) -> str:
    """The scheme a link names (`javascript` of `javascript:alert(1)`), or ''."""
    lowered = urllib.parse.unquote(text.strip()).lower()
    return lowered.split(":", 1)[0] if ":" in lowered else ""


def whatsapp_link(number: str, message: str | None = None) -> str:
    """`https://wa.me/62…` with an optional prefilled message."""
    url = f"https://wa.me/{number}"
    if message:
        url += "?text=" + urllib.parse.quote(message, safe="")
    return url


def order_message(template: str, title: str, price: str, url: str) -> str:
    """The prefilled WhatsApp text naming the product, its price and its page."""
    return template.format(title=title, price=price.replace("\u00a0", " "), url=url)
