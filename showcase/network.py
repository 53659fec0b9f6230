"""The partner network (jejaring, issue 14): other showcases' catalogues, fetched apart from the
build and read back safely.

Owns the published JSON Schema of `katalog.json` (`/katalog.schema.json`, versioned) and a small
interpreter of the part of JSON Schema it uses, the fetch of a partner's catalogue (`showcase
partners update`: https, or http on a loopback address for local testing, or a local path relative
to the content folder; a timeout, a size limit, at most `max_products` products) into the cache,
and the reading of the kept copies by a build: each product checked against the schema and made
safe (only https links, or http links on the loopback address the catalogue itself came from; any
markup in a text refuses the product; an image that is not https is left out). Every problem is a
located warning on the partner's line of `site.yaml`; nothing here raises on bad data. The build
never fetches: it reads the copies, so it stays deterministic and the no-change path stays fast.
"""
from __future__ import annotations

import ipaddress
import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import Diagnostics
from .options import DEFAULT_CACHE
from .slugs import slugify

SCHEMA_FILE = "katalog.schema.json"
SCHEMA_VERSION = 1
MAX_PRODUCTS = 5000
MAX_BYTES = 10 * 1024 * 1024
TIMEOUT_S = 20.0
STALE_DAYS = 7  # a kept copy older than this on the build date is a warning
UPDATED = "updated"  # what update() says of a partner whose copy was kept
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|<\s*script", re.IGNORECASE)
_NULLABLE_TEXT = {"type": ["string", "null"]}


def _text(limit: int, nullable: bool = True) -> dict[str, Any]:
    return {"type": ["string", "null"] if nullable else "string", "maxLength": limit}


PRODUCT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["slug", "title", "url"],
    "properties": {
        "slug": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$", "maxLength": 100},
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "category": _text(100), "maker": _text(200), "region": _text(200), "district": _text(100),
        "price": {"type": ["integer", "null"], "minimum": 1},
        "price_max": {"type": ["integer", "null"], "minimum": 1},
        "unit": _text(60),
        "certifications": {"type": "array", "maxItems": 20, "items": {
            "type": "object", "required": ["type", "number"],
            "properties": {"type": _text(20, False), "label": _text(40), "number": _text(60, False),
                           "valid_until": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}}}},
        "url": {"type": "string", "maxLength": 2000},
        "image": _text(2000),
        "whatsapp": {"type": ["string", "null"], "pattern": r"^\+[0-9]{8,15}$"},
        "date": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    },
}


def schema(schema_url: str) -> dict[str, Any]:
    """The JSON Schema of `katalog.json`, version SCHEMA_VERSION, as published at `schema_url`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": "katalog.json of a showcase",
        "description": "Every product of a regional products showcase, newest first, in Indonesian.",
        "version": SCHEMA_VERSION,
        "type": "object",
        "required": ["site", "url", "products"],
        "properties": {
            "$schema": {"type": "string"},
            "version": {"type": "integer", "minimum": 1},
            "site": {"type": "string", "maxLength": 200},
            "organisation": {"type": "string", "maxLength": 300},
            "url": {"type": "string", "maxLength": 2000},
            "currency": {"enum": ["IDR"]},
            "products": {"type": "array", "items": PRODUCT_SCHEMA},
        },
    }


# -- a small JSON Schema interpreter (the keywords the schema above uses) ------------------------
_TYPES = {"object": dict, "array": list, "string": str, "null": type(None), "boolean": bool}


def _is(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def validate(rules: dict[str, Any], value: Any, where: str = "", deep: bool = True) -> list[str]:
    """The problems of `value` against `rules`, each as `<json pointer>: <what>`; `deep=False`
    does not look into array items (the products are checked one by one)."""
    found: list[str] = []
    types = rules.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(_is(value, n) for n in names):
            return [f"{where or '/'}: expected {' or '.join(names)}"]
    if "enum" in rules and value not in rules["enum"]:
        found.append(f"{where or '/'}: expected one of {rules['enum']}")
    if isinstance(value, str):
        if len(value) > rules.get("maxLength", len(value)):
            found.append(f"{where}: longer than {rules['maxLength']} characters")
        if len(value) < rules.get("minLength", 0):
            found.append(f"{where}: empty")
        if "pattern" in rules and not re.search(rules["pattern"], value):
            found.append(f"{where}: does not match {rules['pattern']}")
    if _is(value, "integer") and value < rules.get("minimum", value):
        found.append(f"{where}: below {rules['minimum']}")
    if isinstance(value, dict):
        for name in rules.get("required", ()):
            if name not in value:
                found.append(f"{where}/{name}: missing")
        for name, sub in rules.get("properties", {}).items():
            if name in value:
                found += validate(sub, value[name], f"{where}/{name}", deep)
    if isinstance(value, list):
        if len(value) > rules.get("maxItems", len(value)):
            found.append(f"{where}: more than {rules['maxItems']} items")
        if deep and "items" in rules:
            for i, item in enumerate(value):
                found += validate(rules["items"], item, f"{where}/{i}", deep)
    return found


# -- addresses ---------------------------------------------------------------------------------
def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def safe_link(url: Any, source: str) -> str | None:
    """`url` when it may be linked: https, or http on the loopback host and port the catalogue
    itself came from (local testing); None otherwise (javascript:, data:, http elsewhere, ...)."""
    if not isinstance(url, str) or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.netloc:
        return url
    origin = urlsplit(source)
    if parts.scheme == "http" and origin.scheme == "http" and is_loopback(origin.hostname) \
            and parts.netloc == origin.netloc:
        return url
    return None


# -- fetching (showcase partners update) -------------------------------------------------------
@dataclass(frozen=True)
class Partner:
    """A partner as site.yaml names it: `catalogue` an https URL or a path relative to content/."""

    name: str
    catalogue: str
    url: str | None = None
    line: int | None = None

    @property
    def key(self) -> str:
        return slugify(self.name) or "partner"


class FetchProblem(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def copies_dir(content: Path, cache: Path | None) -> Path:
    """Where the kept copies live: `partners/` in the cache folder (the site folder's
    `.cache/showcase` by default, also for a build with --no-cache)."""
    return (cache if cache is not None else content.resolve().parent / DEFAULT_CACHE) / "partners"


def read_source(partner: Partner, content: Path, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    """The catalogue's bytes and the address it came from (a file URL for a local path)."""
    source = partner.catalogue
    parts = urlsplit(source)
    if not parts.scheme or len(parts.scheme) == 1:  # a path (a Windows drive letter is not a scheme)
        path = (content / source).resolve()
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise FetchProblem("NET_TOO_LARGE", size=size // 1024, limit=max_bytes // 1024)
            return path.read_bytes(), path.as_uri()
        except OSError as exc:
            raise FetchProblem("NET_UNREACHABLE", detail=exc.strerror or str(exc)) from None
    if not (parts.scheme == "https" or (parts.scheme == "http" and is_loopback(parts.hostname))):
        raise FetchProblem("NET_SCHEME", scheme=parts.scheme)
    request = urllib.request.Request(source, headers={"User-Agent": "showcase-partners", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchProblem("NET_TOO_LARGE", size=int(length) // 1024, limit=max_bytes // 1024)
            data = response.read(max_bytes + 1)
    except FetchProblem:
        raise
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise FetchProblem("NET_UNREACHABLE", detail=str(reason)) from None
    if len(data) > max_bytes:
        raise FetchProblem("NET_TOO_LARGE", size=len(data) // 1024, limit=max_bytes // 1024)
    return data, source


def parse(data: bytes) -> dict[str, Any]:
    """The catalogue as JSON, checked at the top level against the schema (products one by one later)."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FetchProblem("NET_NOT_JSON", detail=str(exc)[:120]) from None
    problems = validate(schema(""), value, deep=False)
    if problems:
        raise FetchProblem("NET_SCHEMA", detail="; ".join(problems[:3]))
    return value  # type: ignore[no-any-return]


def update(partners: list[Partner], content: Path, cache: Path | None, today: date, timeout: float = TIMEOUT_S,
           max_bytes: int = MAX_BYTES, max_products: int = MAX_PRODUCTS) -> list[tuple[Partner, str, dict[str, Any]]]:
    """Fetch every partner's catalogue and keep each good one (cut to `max_products`); a failed
    fetch keeps the last good copy. Returns (partner, code, params) per partner: UPDATED,
    or the problem's code."""
    folder = copies_dir(content, cache)
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for partner in partners:
        try:
            data, source = read_source(partner, content, timeout, max_bytes)
            value = parse(data)
        except FetchProblem as problem:
            results.append((partner, problem.code, problem.params))
            continue
        products = value["products"]
        value["products"] = products[:max_products]
        kept = {"partner": partner.name, "source": source, "fetched": today.isoformat(), "catalogue": value}
        target = folder / f"{partner.key}.json"
        temporary = target.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(target)
        results.append((partner, UPDATED, {"count": len(value["products"]), "total": len(products),
                                                  "limit": max_products}))
    return results


# -- reading the kept copies (every build) -----------------------------------------------------
@dataclass(frozen=True)
class PartnerProduct:
    title: str
    url: str
    price: int | None
    price_max: int | None
    unit: str | None
    maker: str | None
    region: str | None
    image: str | None  # https only (kept for themes; the built-in theme does not hot-link it)


@dataclass(frozen=True)
class PartnerCatalogue:
    name: str
    url: str | None  # the partner's own site
    fetched: date | None
    products: tuple[PartnerProduct, ...]
    total: int  # products in the kept copy, before any was refused


def load(partners: list[Partner], folder: Path, today: date, diags: Diagnostics,
         display: str = "content/site.yaml") -> tuple[PartnerCatalogue, ...]:
    """Every partner's kept copy, made safe; each problem a warning at the partner's line."""
    found = []
    for i, partner in enumerate(partners):
        at, field, name = partner.line, f"partners[{i}]", partner.name
        path = folder / f"{partner.key}.json"
        home = safe_link(partner.url, "") if partner.url else None
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            value, source = kept["catalogue"], str(kept["source"])
            fetched = date.fromisoformat(kept["fetched"])
            problems = validate(schema(""), value, deep=False)
        except (OSError, ValueError, KeyError, TypeError):
            diags.warning(display, at, "NET_MISSING", field=field, partner=name)
            found.append(PartnerCatalogue(name, home, None, (), 0))
            continue
        if problems:
            diags.warning(display, at, "NET_SCHEMA", field=field, partner=name, detail="; ".join(problems[:3]))
            found.append(PartnerCatalogue(name, home, fetched, (), 0))
            continue
        if (today - fetched).days > STALE_DAYS:
            diags.warning(display, at, "NET_STALE", field=field, partner=name, date=fetched.isoformat(),
                          days=(today - fetched).days)
        products = []
        for n, item in enumerate(value["products"], start=1):
            product = _product(item, source, diags, display, at, field, name, n)
            if product is not None:
                products.append(product)
        if home is None:
            home = safe_link(value.get("url"), source)
        found.append(PartnerCatalogue(name, home, fetched, tuple(products), len(value["products"])))
    return tuple(found)


def _product(item: Any, source: str, diags: Diagnostics, display: str, at: int | None, field: str, partner: str,
             index: int) -> PartnerProduct | None:
    """One product made safe, or None (with a warning) when it is invalid or hostile."""
    problems = validate(PRODUCT_SCHEMA, item, "")
    if problems:
        diags.warning(display, at, "NET_PRODUCT_INVALID", field=field, partner=partner, index=index,
                      detail="; ".join(problems[:2]))
        return None
    texts = [item.get(name) for name in ("title", "category", "maker", "region", "district", "unit")]
    if any(isinstance(t, str) and _TAG.search(t) for t in texts):
        diags.warning(display, at, "NET_PRODUCT_MARKUP", field=field, partner=partner, index=index,
                      title=item["title"][:60])
        return None
    url = safe_link(item["url"], source)
    if url is None:
        diags.warning(display, at, "NET_PRODUCT_LINK", field=field, partner=partner, index=index,
                      value=str(item["url"])[:80])
        return None
    image = item.get("image")
    if image is not None and safe_link(image, source) is None:
        diags.warning(display, at, "NET_IMAGE_LINK", field=field, partner=partner, index=index, value=str(image)[:80])
        image = None
    return PartnerProduct(item["title"], url, item.get("price"), item.get("price_max"), item.get("unit"),
                          item.get("maker"), item.get("region"), image)
