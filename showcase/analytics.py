"""Counting, opt-in: site.yaml's `analytics:` names one cookie-less service and its event endpoint.

Owns the settings of the site's own counting script (`templates/static/count.js`): which
service's event format it speaks (GoatCounter's `/count`, Plausible's `/api/event`, Umami's
`/api/send`), where it sends, and the one origin the Content-Security-Policy's `connect-src`
gains for it. Without the key nothing here is used: no script is written or linked and the
policy allows no other origin. The script itself decides on the visitor's side (Do Not Track,
Global Privacy Control, offline: nothing is sent). It loads no third-party script and sets no
cookie; it never sees content beyond the slugs the templates print.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import Diagnostics

SCRIPT = "count.js"
# Each service's documented event endpoint, as the end of its path.
ENDPOINTS = {"goatcounter": "/count", "plausible": "/api/event", "umami": "/api/send"}


@dataclass(frozen=True)
class Analytics:
    """The counting service of the site: provider, event endpoint and the site's id there."""

    provider: str
    url: str
    site_id: str
    line: int | None = None

    @property
    def origin(self) -> str:
        """`https://plausible.io` of the endpoint: the one origin pages may send to."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class CountHead:
    """What `base.html` prints to load the counting script: its URL and its settings."""

    script: str
    provider: str
    url: str
    site_id: str


def settings(values: dict, base_url: str, line: int | None) -> Analytics | None:
    """The service of `analytics:` (validated by the schema), or None when the key is absent or
    broken. Plausible's site id defaults to base_url's domain, as Plausible names sites."""
    if "provider" not in values or "url" not in values:
        return None
    site_id = values.get("site_id") or (urlsplit(base_url).hostname or "" if values["provider"] == "plausible" else "")
    return Analytics(values["provider"], values["url"], site_id, line)


def check(analytics: Analytics | None, display: str, diags: Diagnostics) -> None:
    """A service needing a site id has one; an endpoint not at the service's documented path is a
    warning (events sent elsewhere are lost without a word)."""
    if analytics is None:
        return
    if not analytics.site_id and analytics.provider != "goatcounter":
        diags.error(display, analytics.line, "ANALYTICS_SITE_ID", field="analytics.site_id",
                    provider=analytics.provider)
    path = urlsplit(analytics.url).path.rstrip("/")
    expected = ENDPOINTS[analytics.provider]
    if not path.endswith(expected):
        diags.warning(display, analytics.line, "ANALYTICS_ENDPOINT", field="analytics.url", url=analytics.url,
                      provider=analytics.provider, path=expected)


def connect(analytics: Analytics | None) -> list[str]:
    """The origins the pages' `connect-src` names: the endpoint's, and only when counting is on."""
    return [analytics.origin] if analytics is not None else []
