"""Walk `content/`, read every file, and assemble a validated, cross-referenced `Catalog`.

The loader owns the layout rules (which folder holds which kind, bundles, translations, stray
files, symlinks, case collisions), slug identity, reference resolution by slug with
did-you-mean, and resolving image paths safely inside the content directory. Every problem is
collected; the loader never stops at the first one and never renders anything.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote

from . import model, slugs
from .config import SiteConfig
from .errors import Diagnostics, did_you_mean
from .memo import Memo, key
from .messages import Text
from .schema import SCHEMAS, ImageSpec, Record, Validator, translation_fields
from .source import read_source
from .yamlnodes import YamlProblem, parse

KIND_FOLDERS = {"regions": "region", "categories": "category", "makers": "maker",
                "products": "product", "pages": "page"}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".avif", ".heic", ".heif"}
# Files operating systems and editors leave behind: never read, never copied, never reported.
JUNK = re.compile(r"^(\.DS_Store|Thumbs\.db|desktop\.ini|\._.*|~\$.*|\.~lock\..*|.*\.sw[po]|.*~)$",
                  re.IGNORECASE)
ROOT_FILES = {"site.yaml", "README.md", ".gitkeep"}
# How messages name each kind, and the folder a reference's slug comes from.
KIND_WORDS = {"product": "kind.product", "maker": "kind.maker", "region": "kind.region",
              "category": "kind.category", "page": "kind.page"}
FOLDERS = {folder_kind: folder for folder, folder_kind in KIND_FOLDERS.items()}
_TRANSLATION = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


@dataclass(frozen=True)
class _File:
    """A Markdown file found in content/: its kind, slug source and language."""

    path: Path
    display: str
    kind: str
    stem: str
    lang: str


class Loader:
    """One load of one content directory; use `load_catalog`."""

    def __init__(self, config: SiteConfig, diags: Diagnostics, drafts: bool, memo: Memo | None = None,
                 code: str = "") -> None:
        self.config = config
        self.root = config.content_dir
        self.diags = diags
        self.drafts = drafts
        self.memo, self.code = memo, code
        # Files whose front matter has errors: their valid fields, so that their references are
        # still checked and every problem of the file is reported in one run.
        self.partial: dict[_File, Record] = {}

    # -- walking ---------------------------------------------------------------------------
    def walk(self) -> list[_File]:
        """Every content file, sorted; symlinks, stray files and case collisions reported."""
        found: list[_File] = []
        folded: dict[str, list[str]] = defaultdict(list)
        for path in self._files():
            display = self.config.display(path)
            relative = path.relative_to(self.root)
            folded[unicodedata.normalize("NFC", relative.as_posix()).casefold()].append(display)
            parts = relative.parts
            name = path.name
            if len(parts) == 1 and name in ROOT_FILES:
                continue
            if name.endswith(".md") and parts[0] in KIND_FOLDERS and len(parts) > 1:
                match = _TRANSLATION.match(name)
                lang = match.group("lang") if match else "id"
                stem = match.group("stem") if match else name[:-3]
                if stem == "index":
                    stem = path.parent.name if len(parts) > 2 else stem
                if lang not in self.config.languages:
                    self.diags.warning(display, None, "CT_LANGUAGE", lang=lang,
                                       languages=", ".join(self.config.languages))
                    continue
                found.append(_File(path, display, KIND_FOLDERS[parts[0]], stem, lang))
            elif path.suffix.lower() in IMAGE_EXTENSIONS or path.suffix.lower() == ".svg":
                continue  # photos are used when a content file names them
            else:
                markdown = re.search(r"\.(md|markdown)\b", name, re.I)
                self.diags.warning(display, None, "CT_STRAY.md" if markdown else "CT_STRAY")
        for names in folded.values():
            if len(names) > 1:
                self.diags.error(names[0], None, "CT_CASE_COLLISION", names=", ".join(sorted(names)))
        return found

    def _files(self) -> Iterator[Path]:
        for directory, dirnames, filenames in os.walk(self.root, followlinks=False):
            base = Path(directory)
            for name in sorted(dirnames):
                if (base / name).is_symlink():
                    self._symlink(base / name)
            dirnames[:] = sorted(d for d in dirnames
                                 if not (base / d).is_symlink() and not d.startswith("."))
            for name in sorted(filenames):
                path = base / name
                if path.is_symlink():
                    self._symlink(path)
                elif not JUNK.match(name) and not (name.startswith(".") and name != ".gitkeep"):
                    yield path

    def _symlink(self, path: Path) -> None:
        self.diags.error(self.config.display(path), None, "CT_SYMLINK")

    # -- reading ---------------------------------------------------------------------------
    def read(self, file: _File) -> tuple[Record, Any] | None:
        """Front matter validated against the kind's (or translation's) fields, and the source;
        remembered in the memo by the file's bytes, with the problems it had. A file with errors
        gives None, and its valid fields go to `partial`."""
        if self.memo is None:
            result, partial = self._read(file, self.diags)
        else:
            try:
                raw = file.path.read_bytes()
            except OSError:
                raw = None
            digest = key(self.code, file.display, file.kind, file.lang, raw) if raw is not None else ""
            known = self.memo.get(digest) if digest else None
            if known is None:
                problems = Diagnostics()
                known = (*self._read(file, problems), tuple(problems))
                if digest:
                    self.memo.put(digest, known)
            result, partial = known[0], known[1]
            self.diags.extend(known[2])
        if partial is not None:
            self.partial[file] = partial
        return result

    def _read(self, file: _File, diags: Diagnostics) -> tuple[tuple[Record, Any] | None, Record | None]:
        result = self._validate(file, diags)
        if isinstance(result, Record):
            return None, result
        return result, None

    def _validate(self, file: _File, diags: Diagnostics) -> tuple[Record, Any] | Record | None:
        source = read_source(file.path, file.display, diags)
        if source is None:
            return None
        try:
            root = parse(source.front_matter, source.front_matter_line)
        except YamlProblem as problem:
            problem.report(file.display, diags)
            return None
        validator = Validator(file.display, diags)
        if file.lang == "id":
            record = validator.record(root, SCHEMAS[file.kind])
        else:
            allowed = translation_fields(file.kind)
            forbidden = tuple(f for f in SCHEMAS[file.kind] if f not in allowed)
            record = validator.record(root, allowed, forbidden=forbidden)
        if not validator.ok:
            return record
        return record, source

    # -- images ----------------------------------------------------------------------------
    def image(self, spec: ImageSpec, file: _File, fallback_alt: str, field: str) -> model.Image | None:
        return resolve_image(self.config, self.diags, file.display, file.path.parent, spec,
                             fallback_alt, field)


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
    return model.Image(found, config.display(found), alt, owner, spec.line)


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


def load_catalog(config: SiteConfig, diags: Diagnostics, drafts: bool = False,
                 today: date | None = None, memo: Memo | None = None, code: str = "") -> model.Catalog:
    """Read, validate and cross-reference all content; problems go to diags.

    `today` is the build date: certifications that expired before it are reported. `memo`
    remembers each file's validated front matter by its bytes and the code digest `code`.
    """
    loader = Loader(config, diags, drafts, memo, code)
    files = loader.walk()
    originals = [f for f in files if f.lang == "id"]
    read = {f: loader.read(f) for f in files}
    slugs_of: dict[_File, str] = {}
    by_kind: dict[str, dict[str, _File]] = defaultdict(dict)
    for file in originals:
        result = read[file]
        explicit = result[0].get("slug") if result else None
        slug = explicit or _derived_slug(file, diags)
        if not slug:
            continue
        slugs_of[file] = slug
        other = by_kind[file.kind].get(slug)
        if other is not None:
            diags.error(file.display, None, "CT_DUPLICATE_SLUG", kind=Text.of(KIND_WORDS[file.kind]), slug=slug,
                        first=other.display, second=file.display)
            continue
        by_kind[file.kind][slug] = file
    translations = _translations(files, read, by_kind, slugs_of, diags)
    builder = _Builder(loader, read, translations)
    builder.broken = {(file.kind, slug) for file, slug in slugs_of.items() if read[file] is None}
    entries: dict[str, list[Any]] = defaultdict(list)
    for kind in ("region", "category", "maker", "product", "page"):
        for slug, file in sorted(by_kind[kind].items()):
            if read[file] is not None:
                entries[kind].append((slug, file))
    regions = tuple(builder.region(s, f) for s, f in entries["region"])
    regions = tuple(r for r in regions if r)
    region_index = {r.slug: r for r in regions}
    categories = tuple(c for c in (builder.category(s, f) for s, f in entries["category"]) if c)
    makers = tuple(m for m in (builder.maker(s, f, region_index) for s, f in entries["maker"]) if m)
    maker_index = {m.slug: m for m in makers}
    category_slugs = {c.slug for c in categories}
    products = tuple(p for p in (builder.product(s, f, region_index, maker_index, category_slugs)
                                 for s, f in entries["product"]) if p)
    for file, record in sorted(loader.partial.items(), key=lambda item: item[0].display):
        if file.lang == "id":  # a file with errors: its references are checked all the same
            builder.references(file, record, region_index, maker_index, category_slugs)
    pages = tuple(p for p in (builder.page(s, f) for s, f in entries["page"]) if p)
    built = {(e.kind, e.slug) for group in (regions, categories, makers, products, pages) for e in group}
    unbuilt = builder.broken | {(kind, slug) for kind in entries for slug, _ in entries[kind]} - built
    if not drafts:
        products = tuple(p for p in products if not p.draft)
        pages = tuple(p for p in pages if not p.draft)
    if today is not None:
        for product in products:
            for cert in product.certifications:
                if expired(cert, today):
                    diags.warning(product.display, product.lines.get("certifications"), "CERT_EXPIRED",
                                  field="certifications", type=cert.type, number=cert.number,
                                  date=cert.valid_until)
    logo = None
    if config.logo is not None:
        site_path = config.content_dir / "site.yaml"
        site_file = _File(site_path, config.display(site_path), "site", "site", "id")
        logo = loader.image(config.logo, site_file, config.title, "logo")
    return model.Catalog(regions, categories, makers, products, pages, logo, frozenset(unbuilt))


def _derived_slug(file: _File, diags: Diagnostics) -> str:
    why = slugs.problem(file.stem)
    if why:
        diags.error(file.display, 1, "CT_BAD_SLUG", stem=file.stem, why=why)
        return ""
    return slugs.slugify(file.stem)


def _translations(files: list[_File], read: dict, by_kind: dict, slugs_of: dict,
                  diags: Diagnostics) -> dict[tuple[str, str], dict[str, tuple[_File, Any]]]:
    """Translations attached to their Indonesian file, found by the same file stem and folder."""
    originals = {(f.kind, f.path.parent, f.stem): f for f in slugs_of}
    result: dict[tuple[str, str], dict[str, tuple[_File, Any]]] = defaultdict(dict)
    for file in files:
        if file.lang == "id" or read[file] is None:
            continue
        original = originals.get((file.kind, file.path.parent, file.stem))
        if original is None:
            diags.error(file.display, None, "CT_ORPHAN_TRANSLATION", stem=file.stem)
            continue
        result[(file.kind, slugs_of[original])][file.lang] = (file, read[file])
    return result


class _Builder:
    """Turns validated records into model objects, resolving references by slug."""

    def __init__(self, loader: Loader, read: dict, translations: dict) -> None:
        self.loader = loader
        self.diags = loader.diags
        self.read = read
        self.translations = translations
        self.broken: set[tuple[str, str]] = set()  # files with errors of their own, by (kind, slug)

    def _common(self, kind: str, slug: str, file: _File) -> dict[str, Any]:
        record, source = self.read[file]
        langs = {}
        for lang, (tfile, (trecord, tsource)) in sorted(self.translations.get((kind, slug), {}).items()):
            values = trecord.values
            langs[lang] = model.Translation(
                lang=lang, display=tfile.display,
                title=values.get("title") or values.get("name"),
                summary=values.get("summary"), unit=values.get("unit"), tags=values.get("tags"),
                alts=tuple(i["alt"] for i in values.get("images", ())),
                body=tsource.body, body_line=tsource.body_line)
        return dict(kind=kind, slug=slug, display=file.display, directory=file.path.parent,
                    body=source.body, body_line=source.body_line, translations=langs, lines=record.lines)

    def _ref(self, file: _File, record: Record, field: str, known: dict | set, what: str) -> str | None:
        value = record.get(field)
        if value is None:
            return None
        if value in known:
            return value
        canonical = slugs.slugify(value)
        if (what, value) in self.broken or (what, canonical) in self.broken:
            return None  # the file exists and its own errors are reported; saying "unknown" would mislead
        if canonical in known:
            self.diags.warning(file.display, record.lines[field], "REF_NOT_CANONICAL", field=field,
                               what=Text.of(KIND_WORDS[what]), value=value, canonical=canonical, name=field)
            return canonical
        self.diags.error(file.display, record.lines[field], "REF_UNKNOWN", field=field,
                         what=Text.of(KIND_WORDS[what]), value=value, suggestion=did_you_mean(canonical, known),
                         folder=FOLDERS[what])
        return None

    def _district(self, file: _File, record: Record, region: model.Region | None) -> str | None:
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

    def _images(self, file: _File, record: Record, field: str, alt: str) -> list[model.Image]:
        value = record.get(field)
        specs = value if isinstance(value, tuple) else ((value,) if value else ())
        images = [self.loader.image(s, file, alt, field) for s in specs]
        return [i for i in images if i is not None]

    def _links(self, record: Record) -> tuple[model.Link, ...]:
        return tuple(model.Link(m["name"], m["url"]) for m in record.get("marketplaces", ()))

    def references(self, file: _File, record: Record, regions: dict, makers: dict, categories: set[str]) -> None:
        """The reference checks of a file that has errors elsewhere (it is not built)."""
        if file.kind == "maker":
            region = self._ref(file, record, "region", regions, "region")
            self._district(file, record, regions.get(region) if region else None)
        elif file.kind == "product":
            maker = self._ref(file, record, "maker", makers, "maker")
            self._ref(file, record, "category", categories, "category")
            region = self._ref(file, record, "region", regions, "region")
            if region is None and "region" not in record.values and maker:
                region = makers[maker].region
            self._district(file, record, regions.get(region) if region else None)

    def region(self, slug: str, file: _File) -> model.Region | None:
        record, _ = self.read[file]
        v = record.values
        cover = self._images(file, record, "cover", v["name"])
        return model.Region(**self._common("region", slug, file), name=v["name"],
                            short_name=v.get("short_name", v["name"]), province=v["province"],
                            region_kind=v.get("kind", "kabupaten"), code=v.get("code", ""),
                            districts=tuple(v.get("districts", ())), cover=cover[0] if cover else None,
                            summary=v.get("summary", ""))

    def category(self, slug: str, file: _File) -> model.Category | None:
        v = self.read[file][0].values
        return model.Category(**self._common("category", slug, file), name=v["name"],
                              summary=v.get("summary", ""), order=v.get("order", 1000))

    def maker(self, slug: str, file: _File, regions: dict) -> model.Maker | None:
        record, _ = self.read[file]
        v = record.values
        region_slug = self._ref(file, record, "region", regions, "region")
        region = regions.get(region_slug) if region_slug else None
        district = self._district(file, record, region)
        logo = self._images(file, record, "logo", v["name"])
        if v.get("whatsapp") and not v["whatsapp"].startswith("628"):
            self.diags.error(file.display, record.lines["whatsapp"], "FM_PHONE.mobile", field="whatsapp")
        if region_slug is None:
            return None
        return model.Maker(**self._common("maker", slug, file), name=v["name"], region=region_slug,
                           district=district, whatsapp=v.get("whatsapp"), phone=v.get("phone"),
                           email=v.get("email"), instagram=v.get("instagram"), website=v.get("website"),
                           address=v.get("address"), since=v.get("since"), logo=logo[0] if logo else None,
                           marketplaces=self._links(record), summary=v.get("summary", ""))

    def product(self, slug: str, file: _File, regions: dict, makers: dict,
                categories: set[str]) -> model.Product | None:
        record, _ = self.read[file]
        v = record.values
        maker_slug = self._ref(file, record, "maker", makers, "maker")
        category = self._ref(file, record, "category", categories, "category")
        region_slug = self._ref(file, record, "region", regions, "region")
        if region_slug is None and "region" not in v and maker_slug:
            region_slug = makers[maker_slug].region
        region = regions.get(region_slug) if region_slug else None
        district = self._district(file, record, region)
        images = self._images(file, record, "images", v["title"])
        self._check_price(file, record)
        certifications = tuple(model.Certification(c["type"], c["number"], c.get("valid_until"))
                               for c in v.get("certifications", ()))
        if not (maker_slug and category and region_slug):
            return None
        if not makers[maker_slug].whatsapp and not self.loader.config.contact_whatsapp:
            self.diags.error(file.display, record.lines.get("maker"), "ORDER_NO_WHATSAPP", field="maker",
                             maker=maker_slug, file=makers[maker_slug].display)
        return model.Product(**self._common("product", slug, file), title=v["title"], category=category,
                             maker=maker_slug, region=region_slug, district=district,
                             price=v.get("price"), price_max=v.get("price_max"), unit=v.get("unit"),
                             images=tuple(images), summary=v.get("summary", ""), tags=tuple(v.get("tags", ())),
                             certifications=certifications, marketplaces=self._links(record),
                             featured=v.get("featured", False), draft=v.get("draft", False),
                             date=v.get("date"))

    def _check_price(self, file: _File, record: Record) -> None:
        price, top = record.get("price"), record.get("price_max")
        if top is not None and price is None:
            self.diags.error(file.display, record.lines["price_max"], "FM_PRICE_RANGE", field="price_max")
        elif top is not None and top < price:
            self.diags.error(file.display, record.lines["price_max"], "FM_PRICE_RANGE.below", field="price_max",
                             top=top, price=price)
        limit = self.loader.config.price_warn_above
        for name in ("price", "price_max"):
            if (record.get(name) or 0) > limit:
                self.diags.warning(file.display, record.lines[name], "FM_PRICE_HIGH", field=name,
                                   value=record.get(name), limit=limit)

    def page(self, slug: str, file: _File) -> model.Page | None:
        v = self.read[file][0].values
        return model.Page(**self._common("page", slug, file), title=v["title"], menu=v.get("menu"),
                          summary=v.get("summary", ""), draft=v.get("draft", False))


def expired(certification: model.Certification, today: date) -> bool:
    """A licence whose valid_until lies before today."""
    return certification.valid_until is not None and certification.valid_until < today
