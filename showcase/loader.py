"""Read content files and assemble entries from them: the rules of `content/`.

The loader owns the layout rules (which folder holds which kind, bundles, translations, stray
files, symlinks, case collisions), reading one file into validated front matter and body
(`Loader.read`), and assembling one entry from its files (`Assembler`): references by slug with
did-you-mean, a product's region from its maker, districts, photos resolved safely inside the
content directory, licence expiry. Every problem is a diagnostic; nothing stops at the first.
Assembly looks other entries up through a function it is given and names every file and entry
it looked at (`Assembler.refs`), so a change to one of them re-assembles exactly the entries that
used it (content.py keeps that bookkeeping). It never renders anything.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time as dt_time, timedelta, timezone as dt_timezone
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import unquote

from . import model, slugs
from .config import SiteConfig
from .errors import Diagnostic, Diagnostics, did_you_mean
from .messages import Text
from .schema import SCHEMAS, ImageSpec, Record, Validator, translation_fields, zone_offset
from .source import read_source
from .yamlnodes import YamlProblem, parse

KIND_FOLDERS = {"regions": "region", "categories": "category", "makers": "maker", "galleries": "gallery",
                "products": "product", "pages": "page",
                "news": "news", "events": "event", "programs": "program"}  # activities, programmes (issue 14)
# assembly order: references point backwards
KINDS = ("region", "category", "maker", "gallery", "product", "page", "news", "event", "program")
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".avif", ".heic", ".heif"}
# Files operating systems and editors leave behind: never read, never copied, never reported.
JUNK = re.compile(r"^(\.DS_Store|Thumbs\.db|desktop\.ini|\._.*|~\$.*|\.~lock\..*|.*\.sw[po]|.*~)$",
                  re.IGNORECASE)
ROOT_FILES = {"site.yaml", "README.md", ".gitkeep"}
# How messages name each kind, and the folder a reference's slug comes from.
KIND_WORDS = {"product": "kind.product", "maker": "kind.maker", "region": "kind.region",
              "category": "kind.category", "page": "kind.page", "gallery": "kind.gallery", "news": "kind.news",
              "event": "kind.event", "program": "kind.program"}
# Kinds whose entries share one namespace of slugs (one URL section): a slug taken by one of them
# is a located error in the other (activities, issue 14).
SHARED_SLUGS = {"news": ("news", "event"), "event": ("news", "event")}
FOLDERS = {folder_kind: folder for folder, folder_kind in KIND_FOLDERS.items()}
_TRANSLATION = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


@dataclass(frozen=True)
class ContentFile:
    """A Markdown file found in content/: its kind, slug source and language."""

    path: Path
    display: str
    kind: str
    stem: str
    lang: str

    @property
    def original(self) -> Path:
        """The Indonesian file a translation belongs to: `x.en.md` -> `x.md` in the same folder."""
        return self.path if self.lang == "id" else self.path.with_name(self.path.name[:-len(f".{self.lang}.md")] + ".md")

    def translation(self, lang: str) -> Path:
        """Where this Indonesian file's translation into lang lives."""
        return self.path.with_name(self.path.name[:-3] + f".{lang}.md")


@dataclass(frozen=True)
class Parsed:
    """One file's validated front matter and body (None when the front matter is unusable), with
    the problems reading it found."""

    record: Record | None
    body: str
    body_line: int
    problems: tuple[Diagnostic, ...]
    partial: Record | None = None  # the valid fields of a file with errors: its references are still checked

    def claim(self, file: ContentFile) -> tuple[str, tuple[Diagnostic, ...]]:
        """The slug this Indonesian file names (its `slug:` or its file name), or "" with why not."""
        explicit = self.record.get("slug") if self.record else None
        if explicit:
            return explicit, ()
        why = slugs.problem(file.stem)
        if why:
            problem = Diagnostics()
            problem.error(file.display, 1, "CT_BAD_SLUG", stem=file.stem, why=why)
            return "", tuple(problem)
        return slugs.slugify(file.stem), ()


def classify(relative: PurePath | str) -> tuple[str, str, str] | None:
    """(kind, stem, language) of a Markdown file by its place under content/: `products/a/x.md`
    is ("product", "x", "id"), its translation `x.en.md` ("product", "x", "en"), and a bundle's
    `x/index.md` takes its folder's name. None for any other file."""
    parts = relative.split("/") if isinstance(relative, str) else relative.parts  # (a string: a posix path)
    name = parts[-1]
    if not name.endswith(".md") or len(parts) < 2 or parts[0] not in KIND_FOLDERS:
        return None
    match = _TRANSLATION.match(name)
    stem = match.group("stem") if match else name[:-3]
    if stem == "index" and len(parts) > 2:
        stem = parts[-2]
    return KIND_FOLDERS[parts[0]], stem, match.group("lang") if match else "id"


class Loader:
    """Walking and reading one content directory."""

    def __init__(self, config: SiteConfig, diags: Diagnostics) -> None:
        self.config = config
        self.root = config.content_dir
        self.diags = diags

    # -- walking ---------------------------------------------------------------------------
    def walk(self) -> list[ContentFile]:
        """Every content file, sorted; symlinks, stray files and case collisions reported."""
        found: list[ContentFile] = []
        folded: dict[str, list[str]] = defaultdict(list)
        root = str(self.root) + os.sep
        # (every file is below content/, so its displayed path is content/'s and the rest: cut
        # from the string rather than worked out by pathlib, as this runs for every file)
        shown = self.config.display(self.root) + "/" if self.root.is_relative_to(self.config.display_root) else None
        for text in self._files():
            posix = text[len(root):].replace(os.sep, "/")
            display = shown + posix if shown is not None else self.config.display(Path(text))
            folded[unicodedata.normalize("NFC", posix).casefold()].append(display)
            name = posix.rsplit("/", 1)[-1]
            if name == posix and name in ROOT_FILES:
                continue
            place = classify(posix)
            suffix = os.path.splitext(name)[1].lower()
            if place is not None:
                kind, stem, lang = place
                if lang not in self.config.languages:
                    self.diags.warning(display, None, "CT_LANGUAGE", lang=lang,
                                       languages=", ".join(self.config.languages))
                    continue
                found.append(ContentFile(Path(text), display, kind, stem, lang))
            elif suffix in IMAGE_EXTENSIONS or suffix == ".svg":
                continue  # photos are used when a content file names them
            else:
                markdown = re.search(r"\.(md|markdown)\b", name, re.I)
                self.diags.warning(display, None, "CT_STRAY.md" if markdown else "CT_STRAY")
        for names in folded.values():
            if len(names) > 1:
                self.diags.error(names[0], None, "CT_CASE_COLLISION", names=", ".join(sorted(names)))
        return found

    def _files(self, directory: str | None = None) -> Iterator[str]:
        """Every file's path below content/ (sorted, a folder's files before its folders, as
        os.walk goes), symbolic links reported and not followed; from one directory listing each
        (os.scandir knows which entries are links without asking again)."""
        try:
            with os.scandir(str(self.root) if directory is None else directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:  # (a folder that cannot be listed is skipped, as os.walk skips it)
            return
        folders = [e for e in entries if e.is_dir()]  # (a link to a folder counts as a folder, as in os.walk)
        for entry in folders:
            if entry.is_symlink():
                self._symlink(Path(entry.path))
        for entry in entries:
            if entry.is_dir():
                continue
            if entry.is_symlink():
                self._symlink(Path(entry.path))
            elif not JUNK.match(entry.name) and not (entry.name.startswith(".") and entry.name != ".gitkeep"):
                yield entry.path
        for entry in folders:
            if not entry.is_symlink() and not entry.name.startswith("."):
                yield from self._files(entry.path)

    def _symlink(self, path: Path) -> None:
        self.diags.error(self.config.display(path), None, "CT_SYMLINK")

    # -- reading ---------------------------------------------------------------------------
    def read(self, file: ContentFile) -> Parsed:
        """Front matter validated against the kind's (or translation's) fields, and the body."""
        problems = Diagnostics()
        source = read_source(file.path, file.display, problems)
        if source is None:
            return Parsed(None, "", 1, tuple(problems))
        try:
            root = parse(source.front_matter, source.front_matter_line)
        except YamlProblem as problem:
            problem.report(file.display, problems)
            return Parsed(None, source.body, source.body_line, tuple(problems))
        validator = Validator(file.display, problems)
        if file.lang == "id":
            record = validator.record(root, SCHEMAS[file.kind])
        else:
            allowed = translation_fields(file.kind)
            forbidden = tuple(f for f in SCHEMAS[file.kind] if f not in allowed)
            record = validator.record(root, allowed, forbidden=forbidden)
        if not validator.ok:
            return Parsed(None, source.body, source.body_line, tuple(problems), record)
        return Parsed(record, source.body, source.body_line, tuple(problems))


def resolve_image(config: SiteConfig, diags: Diagnostics, owner: str, directory: Path, spec: ImageSpec,
                  fallback_alt: str, field: str) -> model.Image | None:
    """Resolve an image path relative to the file that names it, safely inside content/."""
    raw = spec.src
    decoded = unquote(raw)
    target = Path(os.path.normpath(directory / unicodedata.normalize("NFC", decoded)))
    if (not raw or decoded.startswith(("/", "\\")) or "\\" in decoded or re.match(r"^[A-Za-z]:", decoded)
            or "://" in raw or config.content_dir not in target.parents):
        diags.error(owner, spec.line, "IMG_PATH_ESCAPE", col=spec.col, field=field, value=raw)
        return None
    for parent in [target, *target.parents]:
        if parent == config.content_dir:
            break
        if parent.is_symlink():
            diags.error(config.display(parent), None, "CT_SYMLINK")
            return None
    found = target if target.is_file() else _case_match(target, owner, spec, field, diags)
    if found is None:
        return None
    if spec.alt is not None and not spec.alt.strip():
        diags.warning(owner, spec.line, "IMG_EMPTY_ALT", col=spec.col, field=field)
    alt = spec.alt if spec.alt else fallback_alt
    return model.Image(found, config.display(found), alt, owner, spec.line, spec.focus)


def _case_match(target: Path, owner: str, spec: ImageSpec, field: str, diags: Diagnostics) -> Path | None:
    """The one file that differs only in case (fixed, with a warning), else a did-you-mean error."""
    directory = target.parent
    siblings = sorted(p.name for p in directory.iterdir()) if directory.is_dir() else []
    wanted = unicodedata.normalize("NFC", target.name).casefold()
    same = [n for n in siblings if unicodedata.normalize("NFC", n).casefold() == wanted]
    if len(same) == 1:
        diags.warning(owner, spec.line, "IMG_CASE", col=spec.col, field=field, src=spec.src, found=same[0])
        return directory / same[0]
    stem = wanted.rsplit(".", 1)[0]
    near = [n for n in siblings if n.casefold().rsplit(".", 1)[0] == stem]
    suggestion = Text.of("suggest", choice=near[0]) if near else did_you_mean(target.name, siblings)
    diags.error(owner, spec.line, "IMG_MISSING", col=spec.col, field=field, src=spec.src, suggestion=suggestion)
    return None


Lookup = Callable[[str, str], "model.Entry | None"]


class Assembler:
    """Turns one entry's validated files into a model object, resolving references by slug.

    `lookup(kind, slug)` gives another entry as assembled in this build (or None); `known(kind)`
    gives every slug of a kind, for did-you-mean suggestions. What an assembly looked at is
    collected in `refs`: `kind/slug` of each entry looked up, `missing:kind` for a reference that
    found nothing (a new entry of that kind may resolve it), `file:<path>` of each photo, and
    `today` when licence dates were compared with the build date.
    """

    def __init__(self, config: SiteConfig, diags: Diagnostics, lookup: Lookup,
                 known: Callable[[str], "list[str]"], today: date | None,
                 broken: Callable[[str, str], bool] = lambda kind, slug: False) -> None:
        self.config = config
        self.diags = diags
        self.lookup = lookup
        self.known = known
        self.today = today
        self.broken = broken  # a file claims this slug but has errors of its own (it is not built)
        self.refs: set[str] = set()

    def entry(self, kind: str, slug: str, file: ContentFile, parsed: Parsed,
              translations: dict[str, tuple[ContentFile, Parsed]]) -> model.Entry | None:
        """The entry `kind/slug` from its Indonesian file and its translations (by language)."""
        assert parsed.record is not None
        common = self._common(kind, slug, file, parsed, translations)
        return getattr(self, kind)(common, file, parsed.record)

    def references(self, kind: str, file: ContentFile, record: Record) -> None:
        """The reference checks of a file that has errors elsewhere (it is not built), so that every
        problem of the file is reported in one run."""
        if kind == "maker":
            region = self._ref(file, record, "region", "region", "region")
            self._district(file, record, region if isinstance(region, model.Region) else None)
        elif kind == "gallery":
            self._ref(file, record, "region", "region", "region")
        elif kind == "product":
            maker = self._ref(file, record, "maker", "maker", "maker")
            self._ref(file, record, "category", "category", "category")
            region = self._ref(file, record, "region", "region", "region")
            if region is None and "region" not in record.values and isinstance(maker, model.Maker):
                region = self._get("region", maker.region)
            self._district(file, record, region if isinstance(region, model.Region) else None)
            self._galleries(file, record)
        elif kind in ("news", "event"):
            self._activity_refs(file, record)
        elif kind == "program":
            self._ref(file, record, "region", "region", "region")
            for cohort in record.get("cohorts", ()):
                self._ref_list(file, Record({"makers": cohort.get("makers", ())}, {"makers": record.lines["cohorts"]}),
                               "makers", "maker")

    def _get(self, kind: str, slug: str) -> model.Entry | None:
        self.refs.add(f"{kind}/{slug}")
        found = self.lookup(kind, slug)
        if found is None:
            self.refs.add(f"missing:{kind}")
        return found

    def _common(self, kind: str, slug: str, file: ContentFile, parsed: Parsed,
                translations: dict[str, tuple[ContentFile, Parsed]]) -> dict[str, Any]:
        assert parsed.record is not None
        langs = {}
        for lang, (tfile, tparsed) in sorted(translations.items()):
            if tparsed.record is None:
                continue
            values = tparsed.record.values
            langs[lang] = model.Translation(
                lang=lang, display=tfile.display,
                title=values.get("title") or values.get("name"),
                summary=values.get("summary"), unit=values.get("unit"), tags=values.get("tags"),
                alts=tuple(i["alt"] for i in values.get("images", ())),
                body=tparsed.body, body_line=tparsed.body_line,
                shelf_life=values.get("shelf_life"), storage=values.get("storage"),
                ingredients=values.get("ingredients"), materials=values.get("materials"),
                opening_hours=values.get("opening_hours"),
                variants=tuple((v.get("sku"), v["name"], v.get("unit")) for v in values.get("variants", ())))
        return dict(kind=kind, slug=slug, display=file.display, directory=file.path.parent,
                    body=parsed.body, body_line=parsed.body_line, translations=langs, lines=parsed.record.lines,
                    aliases=tuple(dict.fromkeys(parsed.record.values.get("aliases", ()))))

    def _ref(self, file: ContentFile, record: Record, field: str, kind: str, what: str) -> model.Entry | None:
        value = record.get(field)
        if value is None:
            return None
        found = self._get(kind, value)
        if found is not None:
            return found
        canonical = slugs.slugify(value)
        found = self._get(kind, canonical) if canonical and canonical != value else None
        if found is not None:
            self.diags.warning(file.display, record.lines[field], "REF_NOT_CANONICAL", field=field,
                               what=Text.of(KIND_WORDS[kind]), value=value, canonical=canonical, name=field)
            return found
        if self.broken(kind, value) or (canonical and self.broken(kind, canonical)):
            return None  # the file exists and its own errors are reported; saying "unknown" would mislead
        self.diags.error(file.display, record.lines[field], "REF_UNKNOWN", field=field,
                         what=Text.of(KIND_WORDS[kind]), value=value,
                         suggestion=did_you_mean(canonical, self.known(kind)), folder=FOLDERS[kind])
        return None

    def _district(self, file: ContentFile, record: Record, region: model.Region | None) -> str | None:
        district = record.get("district")
        if district is None or region is None:
            return district
        if district in region.districts:
            return district
        folded = {d.casefold(): d for d in region.districts}
        if district.casefold() in folded:
            canonical = folded[district.casefold()]
            self.diags.warning(file.display, record.lines["district"], "REF_NOT_CANONICAL", field="district",
                               what=Text.of("kind.district"), value=district, canonical=canonical,
                               name="district")
            return canonical
        self.diags.error(file.display, record.lines["district"], "REF_UNKNOWN_DISTRICT", field="district",
                         district=district, region=region.name, suggestion=did_you_mean(district, region.districts),
                         file=region.display)
        return None

    def _images(self, file: ContentFile, record: Record, field: str, alt: str) -> list[model.Image]:
        value = record.get(field)
        specs = value if isinstance(value, tuple) else ((value,) if value else ())
        images = [self.image(s, file.display, file.path.parent, alt, field) for s in specs]
        return [i for i in images if i is not None]

    def image(self, spec: ImageSpec, owner: str, directory: Path, alt: str, field: str) -> model.Image | None:
        """A photo named in front matter, resolved safely; its file is a reference."""
        image = resolve_image(self.config, self.diags, owner, directory, spec, alt, field)
        self.refs.add("file:" + os.path.normpath(directory / unicodedata.normalize("NFC", unquote(spec.src))))
        if image is not None:
            self.refs.add(f"file:{image.source}")
        return image

    def _links(self, record: Record) -> tuple[model.Link, ...]:
        return tuple(model.Link(m["name"], m["url"]) for m in record.get("marketplaces", ()))

    def region(self, common: dict[str, Any], file: ContentFile, record: Record) -> model.Region | None:
        v = record.values
        cover = self._images(file, record, "cover", v["name"])
        return model.Region(**common, name=v["name"], short_name=v.get("short_name", v["name"]),
                            province=v["province"], region_kind=v.get("kind", "kabupaten"), code=v.get("code", ""),
                            districts=tuple(v.get("districts", ())), cover=cover[0] if cover else None,
                            summary=v.get("summary", ""), tz=v.get("tz", ""))

    def category(self, common: dict[str, Any], file: ContentFile, record: Record) -> model.Category | None:
        v = record.values
        return model.Category(**common, name=v["name"], summary=v.get("summary", ""), order=v.get("order", 1000))

    def maker(self, common: dict[str, Any], file: ContentFile, record: Record) -> model.Maker | None:
        v = record.values
        region = self._ref(file, record, "region", "region", "region")
        district = self._district(file, record, region if isinstance(region, model.Region) else None)
        logo = self._images(file, record, "logo", v["name"])
        if v.get("whatsapp") and not v["whatsapp"].startswith("628"):
            self.diags.error(file.display, record.lines["whatsapp"], "FM_PHONE.mobile", field="whatsapp")
        if region is None:
            return None
        return model.Maker(**common, name=v["name"], region=region.slug,
                           district=district, whatsapp=v.get("whatsapp"), phone=v.get("phone"),
                           email=v.get("email"), instagram=v.get("instagram"), website=v.get("website"),
                           address=v.get("address"), since=v.get("since"), logo=logo[0] if logo else None,
                           marketplaces=self._links(record), summary=v.get("summary", ""))

    def product(self, common: dict[str, Any], file: ContentFile, record: Record) -> model.Product | None:
        v = record.values
        maker = self._ref(file, record, "maker", "maker", "maker")
        category = self._ref(file, record, "category", "category", "category")
        region = self._ref(file, record, "region", "region", "region")
        if region is None and "region" not in v and isinstance(maker, model.Maker):
            region = self._get("region", maker.region)
        district = self._district(file, record, region if isinstance(region, model.Region) else None)
        images = self._images(file, record, "images", v["title"])
        self._check_price(file, record)
        certifications = tuple(model.Certification(c["type"], c["number"], c.get("valid_until"))
                               for c in v.get("certifications", ()))
        if self.today is not None and any(c.valid_until for c in certifications):
            self.refs.add("today")
            for cert in certifications:
                if not cert.valid_on(self.today):
                    self.diags.warning(file.display, record.lines.get("certifications"), "CERT_EXPIRED",
                                       field="certifications", type=cert.type, number=cert.number,
                                       date=cert.valid_until)
        galleries = self._galleries(file, record)
        market = self._market(file, record, common)
        if not (isinstance(maker, model.Maker) and category is not None and region is not None):
            return None
        if v.get("price") is None and not v.get("variants") and self.config.base_url.startswith("https://"):
            self.diags.warning(file.display, record.lines.get("title"), "FEED_NO_PRICE", field="price", title=v["title"])
        if not maker.whatsapp and not self.config.contact_whatsapp:
            self.diags.error(file.display, record.lines.get("maker"), "ORDER_NO_WHATSAPP", field="maker",
                             maker=maker.slug, file=maker.display)
        return model.Product(**common, title=v["title"], category=category.slug,
                             maker=maker.slug, region=region.slug, district=district,
                             price=v.get("price"), price_max=v.get("price_max"), unit=v.get("unit"),
                             images=tuple(images), summary=v.get("summary", ""), tags=tuple(v.get("tags", ())),
                             certifications=certifications, marketplaces=self._links(record),
                             featured=v.get("featured", False), draft=v.get("draft", False),
                             date=v.get("date"), available_at=galleries, **market)

    def _galleries(self, file: ContentFile, record: Record) -> tuple[str, ...]:
        """The galleries named by `available_at` that exist (each unknown one is an error)."""
        found = []
        for slug in record.get("available_at", ()):
            single = Record({"available_at": slug}, {"available_at": record.lines["available_at"]})
            gallery = self._ref(file, single, "available_at", "gallery", "gallery")
            if gallery is not None and gallery.slug not in found:
                found.append(gallery.slug)
        return tuple(found)

    def _market(self, file: ContentFile, record: Record, common: dict[str, Any]) -> dict[str, Any]:
        """Variants, availability, details and trade terms, checked against one another."""
        v, lines, display = record.values, record.lines, file.display
        variants = tuple(model.Variant(x["name"], x["price"], x.get("price_max"), x.get("unit"), x.get("sku"),
                                       x.get("availability")) for x in v.get("variants", ()))
        if variants:
            for name in ("price", "price_max"):
                if name in v:
                    self.diags.error(display, lines[name], "MK_VARIANT_PRICE", field=name, name=name)
        skus: dict[str, int] = {}
        for index, variant in enumerate(variants):
            where = f"variants[{index}]"
            if variant.price_max is not None and variant.price_max < variant.price:
                self.diags.error(display, lines["variants"], "FM_PRICE_RANGE.below", field=f"{where}.price_max",
                                 top=variant.price_max, price=variant.price)
            if variant.sku is not None:
                if variant.sku in skus:
                    self.diags.error(display, lines["variants"], "MK_SKU_TWICE", field=f"{where}.sku", sku=variant.sku,
                                     first=skus[variant.sku] + 1, second=index + 1)
                skus.setdefault(variant.sku, index)
        states = {v.get("availability", "tersedia"), *(x.availability for x in variants if x.availability)}
        if "pre-order" in states and "lead_time_days" not in v:
            self.diags.error(display, lines.get("availability", lines.get("variants")), "MK_LEAD_TIME",
                             field="lead_time_days")
        if "musiman" in states and not v.get("months"):
            self.diags.error(display, lines.get("availability", lines.get("variants")), "MK_MONTHS", field="months")
        for name, state in (("lead_time_days", "pre-order"), ("months", "musiman")):
            if name in v and state not in states:
                self.diags.warning(display, lines[name], "MK_UNUSED", field=name, name=name, state=state)
        tiers = tuple(model.Tier(t["min_qty"], t["price"]) for t in v.get("wholesale", ()))
        if [t.min_qty for t in tiers] != sorted({t.min_qty for t in tiers}):
            self.diags.error(display, lines["wholesale"], "MK_WHOLESALE_ORDER", field="wholesale")
        unit_price = min((x.price for x in variants), default=v.get("price"))
        if tiers and unit_price is None:
            self.diags.error(display, lines["wholesale"], "MK_WHOLESALE_NO_PRICE", field="wholesale")
        elif unit_price is not None:
            for index, tier in enumerate(tiers):
                if tier.price >= unit_price:
                    self.diags.warning(display, lines["wholesale"], "MK_WHOLESALE_HIGH",
                                       field=f"wholesale[{index}].price", price=tier.price, unit_price=unit_price)
        for lang, translation in common["translations"].items():
            own = {x.sku for x in variants if x.sku}
            for sku, name, _ in translation.variants:
                if sku and sku not in own:
                    self.diags.warning(translation.display, None, "MK_VARIANT_TRANSLATION", field="variants",
                                       sku=sku, file=display)
            if translation.variants and len(translation.variants) != len(variants) and not any(
                    sku for sku, _, _ in translation.variants):
                self.diags.warning(translation.display, None, "MK_VARIANT_COUNT", field="variants",
                                   found=len(translation.variants), expected=len(variants), file=display)
        dims = v.get("dimensions")
        return dict(variants=variants, availability=v.get("availability", "tersedia"),
                    lead_time_days=v.get("lead_time_days"), months=tuple(sorted(set(v.get("months", ())))),
                    shelf_life=v.get("shelf_life"), storage=v.get("storage"), ingredients=v.get("ingredients"),
                    materials=tuple(v.get("materials", ())),
                    dimensions=model.Dimensions(dims["length_cm"], dims["width_cm"], dims.get("height_cm"))
                    if dims else None, weight_g=v.get("weight_g"), min_order=v.get("min_order"),
                    capacity_per_month=v.get("capacity_per_month"), wholesale=tiers,
                    export_ready=v.get("export_ready", False))

    def gallery(self, common: dict[str, Any], file: ContentFile, record: Record) -> model.Gallery | None:
        v = record.values
        region = self._ref(file, record, "region", "region", "region")
        if region is None:
            return None
        return model.Gallery(**common, name=v["name"], region=region.slug, address=v["address"],
                             opening_hours=v.get("opening_hours"), map_url=v.get("map_url"), phone=v.get("phone"),
                             whatsapp=v.get("whatsapp"), summary=v.get("summary", ""))

    def _check_price(self, file: ContentFile, record: Record) -> None:
        price, top = record.get("price"), record.get("price_max")
        if top is not None and price is None:
            self.diags.error(file.display, record.lines["price_max"], "FM_PRICE_RANGE", field="price_max")
        elif top is not None and top < price:
            self.diags.error(file.display, record.lines["price_max"], "FM_PRICE_RANGE.below", field="price_max",
                             top=top, price=price)
        limit = self.config.price_warn_above
        for name in ("price", "price_max"):
            if (record.get(name) or 0) > limit:
                self.diags.warning(file.display, record.lines[name], "FM_PRICE_HIGH", field=name,
                                   value=record.get(name), limit=limit)

    def page(self, common: dict[str, Any], file: ContentFile, record: Record) -> model.Page | None:
        v = record.values
        if common["slug"] in slugs.SECTION_PATHS:  # its address would be a section's (issue 14)
            self.diags.error(file.display, record.lines.get("slug", 1), "CT_RESERVED_SLUG", field="slug",
                             slug=common["slug"])
            return None
        return model.Page(**common, title=v["title"], menu=v.get("menu"),
                          summary=v.get("summary", ""), draft=v.get("draft", False))


    # -- activities (issue 14) -------------------------------------------------------------
    def _ref_list(self, file: ContentFile, record: Record, field: str, kind: str) -> tuple[str, ...]:
        """The slugs of a list of references that exist (each unknown one reported at its line)."""
        found = []
        for value in record.get(field, ()):
            entry = self._ref(file, Record({field: value}, {field: record.lines[field]}), field, kind, kind)
            if entry is not None:
                found.append(entry.slug)
        return tuple(dict.fromkeys(found))

    def _activity_refs(self, file: ContentFile, record: Record) -> dict[str, Any]:
        refs: dict[str, Any] = {"makers": self._ref_list(file, record, "makers", "maker"),
                                "products": self._ref_list(file, record, "products", "product")}
        if file.kind == "news":
            refs["regions"] = self._ref_list(file, record, "regions", "region")
        else:
            refs["region"] = self._ref(file, record, "region", "region", "region")
        return refs

    def news(self, common: dict[str, Any], file: ContentFile, record: Record) -> model.News | None:
        v = record.values
        refs = self._activity_refs(file, record)
        images = self._images(file, record, "images", v["title"])
        return model.News(**common, title=v["title"], date=v["date"], summary=v.get("summary", ""),
                          images=tuple(images), regions=refs["regions"], makers=refs["makers"],
                          products=refs["products"], draft=v.get("draft", False))

    def event(self, common: dict[str, Any], file: ContentFile, record: Record) -> model.Event | None:
        """An event's local start and end made aware in the zone of its region (`tz:`), else the
        site's `timezone`; a date without a time is the whole day."""
        v = record.values
        refs = self._activity_refs(file, record)
        images = self._images(file, record, "images", v["title"])
        region = refs["region"]
        if not isinstance(region, model.Region):
            return None
        zone = region.tz or self.config.timezone
        (start_day, start_time), end_value = v["start"], v.get("end")
        all_day = start_time is None
        start = datetime.combine(start_day, start_time or dt_time(0))
        if end_value is None:
            end = datetime.combine(start_day + timedelta(days=1), dt_time(0)) if all_day else start
        else:
            end_day, end_time = end_value
            if (end_time is None) != all_day:
                self.diags.error(file.display, record.lines["end"], "FM_END_FORM", field="end")
                return None
            end = datetime.combine(end_day + timedelta(days=1), dt_time(0)) if all_day else \
                datetime.combine(end_day, end_time or dt_time(0))
        if end < start:
            self.diags.error(file.display, record.lines.get("end", record.lines["start"]), "FM_END_BEFORE_START",
                             field="end", start=v["start"][0].isoformat(), end=end_value[0].isoformat()
                             if end_value else "")
            return None
        venue = v["venue"]
        return model.Event(**common, title=v["title"], event_type=v.get("type", ""),
                           start=_aware(start, zone), end=_aware(end, zone), all_day=all_day, tz=zone,
                           venue=model.Venue(venue["name"], venue.get("address", "")), region=region.slug,
                           registration=v.get("registration"), status=v.get("status", "scheduled"),
                           summary=v.get("summary", ""), images=tuple(images), makers=refs["makers"],
                           products=refs["products"], draft=v.get("draft", False))


    def program(self, common: dict[str, Any], file: ContentFile, record: Record) -> model.Program | None:
        """A programme; each cohort's makers are references like any other, its end not before its start."""
        v = record.values
        region = self._ref(file, record, "region", "region", "region") if "region" in v else None
        cohorts = []
        for cohort in v.get("cohorts", ()):
            makers = self._ref_list(file, Record({"makers": cohort.get("makers", ())},
                                                 {"makers": record.lines["cohorts"]}), "makers", "maker")
            if cohort["end"] < cohort["start"]:
                self.diags.error(file.display, record.lines["cohorts"], "FM_COHORT_DATES", field="cohorts",
                                 name=cohort["name"], start=cohort["start"].isoformat(), end=cohort["end"].isoformat())
                continue
            cohorts.append(model.Cohort(cohort["name"], cohort["start"], cohort["end"], makers))
        images = self._images(file, record, "images", v["title"])
        return model.Program(**common, title=v["title"], summary=v.get("summary", ""), badge=v.get("badge", v["title"]),
                             region=region.slug if region is not None else None,
                             stages=tuple(model.Stage(s["name"], s.get("summary", "")) for s in v.get("stages", ())),
                             cohorts=tuple(cohorts), images=tuple(images), draft=v.get("draft", False),
                             partners=tuple(model.Agency(p["name"], p.get("url")) for p in v.get("partners", ())))


def _aware(local: datetime, zone: str) -> datetime:
    """A local time in `zone` with its UTC offset attached (a fixed offset: pickles and compares)."""
    minutes = zone_offset(zone, local) or 0
    return local.replace(tzinfo=dt_timezone(timedelta(minutes=minutes)))
# -- end of activities -------------------------------------------------------------------------


def walk_order(path: str) -> tuple[tuple[int, str], ...]:
    """The order os.walk (top-down, sorted) visits a file in: a folder's files before its
    subfolders. When two files claim one slug, the first in this order keeps it."""
    parts = path.split("/")
    return tuple((1, p) for p in parts[:-1]) + ((0, parts[-1]),)
