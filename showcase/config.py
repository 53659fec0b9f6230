"""`content/site.yaml` -> a frozen `SiteConfig`, with defaults for every key.

Owns the site-wide settings and their defaults; validation goes through the same schema and
located YAML loader as content files, so a typo in `site.yaml` is reported like any other.
Command-line overrides (`--base-url`) are applied here, once, before any stage reads the config.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .analytics import Analytics, settings as analytics_settings
from .options import KILL_SWITCH_ENV
from .errors import Diagnostics
from .images import ImageSettings
from .network import Partner
from .schema import SCHEMAS, ImageSpec, MenuLink, Validator
from .source import decode
from .messages import LANGUAGES
from .yamlnodes import Mapping, Scalar, Sequence, YamlProblem, parse

DEFAULT_LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class OfflineSettings:
    """The service worker's precache budget, run-time photo bound, app names and kill switch."""

    budget_mb: float = 4.0
    runtime_images: int = 200
    app_name: str | None = None
    background_color: str = "#fbf6ef"
    kill_switch: bool = False


@dataclass(frozen=True)
class CmsSettings:
    """The web editor at /admin/: off unless site.yaml enables it for a repository (GitHub
    backend, logging in through the OAuth provider at `auth_url`), or `showcase edit` runs the
    local backend at `local` (then site.yaml's settings do not matter)."""

    enabled: bool = False
    repo: str = ""
    branch: str = "main"
    auth_url: str = ""
    local: str = ""


@dataclass(frozen=True)
class SiteConfig:
    """Site-wide settings after validation and defaults."""

    content_dir: Path
    display_root: Path
    title: str = "Galeri Produk Daerah"
    tagline: str = ""
    description: str = ""
    base_url: str = "/"
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    organisation: str = ""
    contact_whatsapp: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    contact_address: str | None = None
    theme_color: str = "#8a3b12"
    logo: ImageSpec | None = None
    price_warn_above: int = 100_000_000
    timezone: str = "Asia/Jakarta"  # of events whose region sets no `tz:` (activities, issue 14)
    partners: tuple[Partner, ...] = ()  # partner showcases (jejaring, issue 14)
    analytics: Analytics | None = None
    """The counting service of `analytics:`; None (the default): the site counts nothing."""
    navigation: tuple[MenuLink, ...] | None = None
    """The menu as site.yaml's `navigation:` writes it, in order; None: the theme's menu."""
    images: ImageSettings = field(default_factory=ImageSettings)
    cms: CmsSettings = field(default_factory=CmsSettings)
    offline: OfflineSettings = field(default_factory=OfflineSettings)
    redirects: str | None = None  # `_redirects` for this host's rules (netlify, cloudflare), or none
    translated: tuple[tuple[str, str, str], ...] = ()
    """(field, language, text) of the site texts written per language in site.yaml; `title`,
    `tagline`, `description` and `organisation` above hold the site's own (first) language."""

    def text(self, name: str, lang: str) -> str:
        """Site text `name` (title, tagline, description, organisation) in lang: its translation
        when site.yaml gives one, else the text in the site's own language."""
        for field_name, code, value in self.translated:
            if field_name == name and code == lang:
                return value
        return getattr(self, name)

    @property
    def base_path(self) -> str:
        """The URL path the site lives under: `/` or `/galeri/`."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def origin(self) -> str:
        """`https://example.org` from base_url, or '' when base_url is only a path."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""

    def display(self, path: Path) -> str:
        """A path as editors see it in messages: relative to the folder holding content/."""
        try:
            return path.relative_to(self.display_root).as_posix()
        except ValueError:
            return path.as_posix()


def load_config(content_dir: Path, diags: Diagnostics, base_url: str | None = None,
                editor: str | None = None) -> SiteConfig:
    """Read and validate site.yaml (optional); problems go to diags, defaults fill the gaps.
    `editor`: the address of the local web-editor backend (`showcase edit`), which enables /admin/."""
    content_dir = content_dir.resolve()
    display_root = content_dir.parent
    path = content_dir / "site.yaml"
    values: dict = {}
    partners_line: int | None = None
    analytics_line: int | None = None
    if path.is_file():
        display = path.relative_to(display_root).as_posix()
        text = decode(path.read_bytes(), display, diags)
        if text is not None:
            try:
                root = parse(text, 1)
            except YamlProblem as problem:
                problem.report(display, diags)
                root = None
            record = Validator(display, diags).record(root, SCHEMAS["site"])
            values, partners_line = record.values, record.lines.get("partners")
            analytics_line = record.lines.get("analytics")
    contact = values.get("contact", {})
    image_values = values.get("images", {})
    defaults = ImageSettings()
    images = ImageSettings(
        widths=tuple(sorted(set(image_values.get("widths", defaults.widths)))),
        formats=_formats(image_values.get("formats", defaults.formats)),
        quality=tuple(sorted({**dict(defaults.quality), **image_values.get("quality", {})}.items())),
    )
    chosen_base = base_url if base_url is not None else values.get("base_url", "/")
    languages = tuple(dict.fromkeys(("id", *values.get("languages", DEFAULT_LANGUAGES))))
    texts = {name: _per_language(values.get(name, default))
             for name, default in (("title", SiteConfig.title), ("tagline", ""), ("description", ""),
                                   ("organisation", ""))}
    return SiteConfig(
        content_dir=content_dir,
        display_root=display_root,
        title=texts["title"][0][1],
        tagline=texts["tagline"][0][1],
        description=texts["description"][0][1],
        base_url=chosen_base if chosen_base.endswith("/") else chosen_base + "/",
        languages=languages,
        organisation=texts["organisation"][0][1],
        contact_whatsapp=contact.get("whatsapp"),
        contact_phone=contact.get("phone"),
        contact_email=contact.get("email"),
        contact_address=contact.get("address"),
        theme_color=values.get("theme_color", SiteConfig.theme_color),
        logo=values.get("logo"),
        price_warn_above=values.get("price_warn_above", SiteConfig.price_warn_above),
        timezone=values.get("timezone", SiteConfig.timezone),
        partners=tuple(Partner(p["name"], p["catalogue"], p.get("url"), partners_line)
                       for p in values.get("partners", ()) if "name" in p and "catalogue" in p),
        navigation=values.get("navigation"),
        analytics=analytics_settings(values.get("analytics", {}), chosen_base, analytics_line),
        images=images,
        cms=CmsSettings(**values.get("cms", {})) if not editor else
        CmsSettings(enabled=True, branch=values.get("cms", {}).get("branch", "main"), local=editor),
        offline=_offline(values.get("offline", {})),
        redirects=values.get("redirects"),
        translated=tuple((name, lang, text) for name, pairs in texts.items() for lang, text in pairs[1:]),
    )


def _per_language(value: str | tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """A site text as (language, text) pairs, the site's own language first: a plain string is
    the text of every language."""
    return (("id", value),) if isinstance(value, str) else value


def _offline(values: dict) -> OfflineSettings:
    """Offline settings; the environment variable turns the kill switch on without editing files."""
    env = os.environ.get(KILL_SWITCH_ENV, "").strip().lower() in ("1", "true", "yes")
    return OfflineSettings(budget_mb=max(0.0, values.get("budget_mb", OfflineSettings.budget_mb)),
                           runtime_images=values.get("runtime_images", OfflineSettings.runtime_images),
                           app_name=values.get("app_name"),
                           background_color=values.get("background_color", OfflineSettings.background_color),
                           kill_switch=values.get("kill_switch", False) or env)


def _formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """Configured formats in a fixed best-first order; JPEG is always there as the fallback."""
    chosen = set(formats) | {"jpeg"}
    return tuple(f for f in ("avif", "webp", "jpeg") if f in chosen)


def first_language(content_dir: Path) -> str:
    """The language messages default to: the first of site.yaml's `languages` when showcase speaks
    it, else Indonesian. Read on its own, before any build, so that a whole run speaks one
    language; a broken site.yaml gives Indonesian here and is reported by the build."""
    try:
        root = parse((content_dir / "site.yaml").read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return LANGUAGES[0]
    items = root.items if isinstance(root, Mapping) else ()
    for key, value in items:
        if key.text == "languages" and isinstance(value, Sequence) and value.items:
            first = value.items[0]
            if isinstance(first, Scalar) and first.text.strip() in LANGUAGES:
                return first.text.strip()
    return LANGUAGES[0]
