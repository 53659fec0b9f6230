"""Content as the build state knows it: each file read once, each entry assembled once, and on a
rebuild only what the edit reaches.

`update()` takes the content files that changed since the last build (added, edited, deleted:
Markdown and photos alike) and brings the state's entries up to date:

1. changed Markdown files are read (or taken from the parsing memo by their digest) and each
   Indonesian file claims its `kind/slug`; two claims on one slug are reported;
2. the entries those files make, and every entry whose assembly looked at something that changed
   (a maker whose region was renamed, a product whose photo file appeared, every reference that
   found nothing once an entry of that kind is added), are assembled again, in kind order, until
   nothing more changes;
3. each entry whose value changed is stored with its digest, and the product lists it sits in
   (all products, its category, region and maker, the featured ones, ...) are recomputed from
   the state's index and compared with their digest.

It returns the input keys that changed (`e:kind/slug` for entries, `f:<facet>` for lists), which
the engine turns into the pages to rebuild. With `full=True` (no state, or showcase's code or the
build settings changed) every file is taken as changed. Problems are kept in the state by what
found them, so every build reports all of them while re-checking only what changed.
"""
from __future__ import annotations

import heapq
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any
from datetime import date

from . import model
from .config import SiteConfig
from .errors import Diagnostic, Diagnostics
from .loader import KIND_WORDS, KINDS, SHARED_SLUGS, Assembler, ContentFile, Loader, Parsed, walk_order
from .messages import Text
from .schema import ImageSpec
from .store import ProductRow, Store, digest_of

ENTRY = "e:"
FACET = "f:"
KIND_RANK = {kind: i for i, kind in enumerate(KINDS)}


class _Files(Mapping[str, ContentFile]):
    """Content files by path, made from the walk's rows only when asked for (a rebuild asks for
    the few that changed)."""

    def __init__(self, rows: dict[str, tuple[str, str, str, str]]) -> None:
        self._rows = rows

    def __getitem__(self, path: str) -> ContentFile:
        return ContentFile(Path(path), *self._rows[path])

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


@dataclass
class ContentUpdate:
    """What changed in the content: input keys for the engine, entries added and removed."""

    changed: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    walk_problems: tuple[Diagnostic, ...] = ()
    logo: model.Image | None = None
    removed_files: dict[str, str] = field(default_factory=dict)  # removed entry -> the file it came from
    released: set[str] = field(default_factory=set)  # `file:<photo>` refs entries no longer have


def sort_key(entry: model.Entry) -> str:
    """The order of an entry in its kind's list, as text the state can sort by."""
    if isinstance(entry, model.Category):
        return f"{entry.order + 2**40:015d}\0{entry.name.casefold()}\0{entry.slug}"
    if isinstance(entry, (model.Maker, model.Gallery)):
        return f"{entry.name.casefold()}\0{entry.slug}"
    if isinstance(entry, model.Page):
        return f"{entry.menu + 2**40:015d}\0{entry.slug}" if entry.menu is not None else f"~\0{entry.slug}"
    return entry.slug


def product_row(product: model.Product) -> ProductRow:
    return (product.newest_key[0], product.category, product.region, product.maker, int(product.featured),
            product.district)


def facets_of(row: ProductRow | None, categories: Iterable[str]) -> set[str]:
    """The product lists a product with this index row belongs to."""
    if row is None:
        return set()
    _, category, region, maker, featured, _ = row
    found = {"products", f"category/{category}", f"region/{region}", f"maker/{maker}", f"districts/{region}"}
    found |= {f"besides/{region}/{other}" for other in categories if other != category}
    if featured:
        found.add("featured")
    return found


class Content:
    """One update of the state's content from the files of `content/`."""

    def __init__(self, store: Store, config: SiteConfig, drafts: bool, today: date) -> None:
        self.store = store
        self.config = config
        self.drafts = drafts
        self.today = today
        self.assembled: dict[str, model.Entry | None] = {}  # this build's entries, by kind/slug
        self.files: Mapping[str, ContentFile] = _Files({})
        self.released: set[str] = set()  # photos (`file:` refs) an entry named and names no more

    def update(self, changed_paths: set[str], full: bool, listing: str = "") -> ContentUpdate:
        """Bring the state up to date with the changed files (every file when `full`). `listing`:
        the digest of content/'s file names; the same as the last build's reuses its walk."""
        self.files, walk_problems = self._walk(listing)
        result = ContentUpdate(walk_problems=walk_problems)
        touched: set[str] = set()  # kind/slug keys to assemble again
        orphans: set[str] = set()  # translation files whose original may have come or gone
        paths = set(self.files) if full else set(changed_paths)
        for path in sorted(paths):
            touched.update(self._file_referrers(path))  # entries that named this file (a photo)
            file = self.files.get(path)
            if file is None:
                if path.endswith(".md"):  # a content file deleted (or no longer one)
                    self._forget(path, touched, orphans)
                continue
            parsed = self._parse(file, fresh=True)
            if file.lang == "id":
                old = self.store.claim_of(path)
                slug, problems = parsed.claim(file)
                self.store.set_problems("claim:" + path, problems)
                new = f"{file.kind}/{slug}" if slug else None
                if old != new:
                    self.store.set_claim(path, new)
                touched.update(k for k in (old, new) if k)
                touched.update(_sharing(k) for k in (old, new) if k)
                orphans.update(self._translation_paths(path))
            else:
                orphans.add(path)
                original = self.store.claim_of(str(file.original))
                if original:
                    touched.add(original)
        for path in sorted(orphans):
            self._check_orphan(path)
        self._assemble(touched, result)
        self._facets(result)
        if self.config.logo is not None:
            result.logo = self._logo(self.config.logo)
        result.released = self.released
        return result

    # -- files -----------------------------------------------------------------------------
    def _walk(self, listing: str) -> tuple[Mapping[str, ContentFile], tuple[Diagnostic, ...]]:
        """Every content file by path, and the walk's problems: kept in the state by the listing
        of file names, since they depend on nothing else (the settings' digest clears the state)."""
        kept = self.store.meta("walk") if listing else None
        if kept is not None and kept[0] == listing:
            return _Files(kept[1]), kept[2]
        problems = Diagnostics()
        files = Loader(self.config, problems).walk()
        rows = {str(f.path): (f.display, f.kind, f.stem, f.lang) for f in files}
        if listing:
            self.store.set_meta("walk", (listing, rows, tuple(problems)))
        return _Files(rows), tuple(problems)

    def _parse(self, file: ContentFile, fresh: bool = False) -> Parsed:
        """A file's validated front matter: from the memo when its bytes were seen before."""
        path = str(file.path)
        try:
            with open(file.path, "rb") as handle:
                data = handle.read()
        except OSError:
            data = b""
        digest = digest_of((file.display, file.kind, file.lang, data))
        parsed = self.store.source(path, digest)
        if parsed is None:
            parsed = Loader(self.config, Diagnostics()).read(file)
            self.store.set_source(path, digest, parsed)
        if fresh:
            self.store.set_problems("file:" + path, parsed.problems)
        return parsed

    def _forget(self, path: str, touched: set[str], orphans: set[str]) -> None:
        self.store.drop_source(path)
        for owner in ("file:", "claim:", "orphan:"):
            self.store.set_problems(owner + path, ())
        old = self.store.claim_of(path)
        if old is not None:
            self.store.set_claim(path, None)
            touched.add(old)
        else:  # a translation: its entry changes
            for lang in self.config.languages[1:]:
                if path.endswith(f".{lang}.md"):
                    original = self.store.claim_of(path[:-len(f".{lang}.md")] + ".md")
                    if original:
                        touched.add(original)
        orphans.update(self._translation_paths(path))

    def _file_referrers(self, path: str) -> list[str]:
        return [e for e in self.store.referrers("file:" + os.path.normpath(path)) if "/" in e]

    def _translation_paths(self, path: str) -> list[str]:
        if not path.endswith(".md"):
            return []
        return [path[:-3] + f".{lang}.md" for lang in self.config.languages if lang != "id"]

    def _check_orphan(self, path: str) -> None:
        file = self.files.get(path)
        problems = Diagnostics()
        if file is not None and file.lang != "id" and self.store.claim_of(str(file.original)) is None:
            stem = file.path.name[:-len(f".{file.lang}.md")]
            problems.error(file.display, None, "CT_ORPHAN_TRANSLATION", stem=stem)
        self.store.set_problems("orphan:" + path, tuple(problems))

    # -- entries ---------------------------------------------------------------------------
    def _assemble(self, touched: set[str], result: ContentUpdate) -> None:
        queue = [(KIND_RANK.get(key.split("/", 1)[0], len(KINDS)), key) for key in touched]
        heapq.heapify(queue)
        done: set[str] = set()
        while queue:
            _, key = heapq.heappop(queue)
            if key in done:
                continue
            done.add(key)
            before = self.store.entry_digest(key)
            entry = self._entry(key)
            after = None if entry is None else digest_of(entry)
            if before == after:
                continue
            kind, slug = key.split("/", 1)
            if entry is None:
                result.removed_files[key] = self.store.entry_display(key) or ""
                self.store.drop_entry(key)
                result.removed.add(key)
            else:
                missing = [lang for lang in self.config.languages[1:] if entry.translation(lang) is None]
                self.store.put_entry(key, kind, slug, sort_key(entry), after or "", entry, entry.display, missing)
                if before is None:
                    result.added.add(key)
            result.changed.add(ENTRY + key)
            if kind == "product":
                self._product_row(slug, entry, result)
            if (before is None) != (after is None) or kind != "product":
                result.changed.add(f"{FACET}kind/{kind}")
            if kind == "category":  # its place in the order of every printable catalogue
                result.changed.update(f"{FACET}catalogue/{region}/{lang}" for region in self.store.members("region")
                                      for lang in self.config.languages)
            followers = set(self.store.referrers(key))
            if (before is None) != (after is None):
                followers |= set(self.store.referrers(f"missing:{kind}"))
            # (bodies refer too, `body:kind/slug/lang`: the body stage redoes those, they are no entries)
            followers = {f for f in followers if ":" not in f.split("/", 1)[0]}
            for follower in followers - done:
                heapq.heappush(queue, (KIND_RANK.get(follower.split("/", 1)[0], len(KINDS)), follower))

    def _entry(self, key: str) -> model.Entry | None:
        """Assemble `kind/slug` from the first file claiming it; None when there is none (or it
        cannot be read, or it is a draft and drafts are not built)."""
        kind, slug = key.split("/", 1)
        claimers = sorted(self.store.claimers(key), key=lambda p: walk_order(self._display(p)))
        problems = Diagnostics()
        for later in claimers[1:]:
            problems.error(self._display(later), None, "CT_DUPLICATE_SLUG", kind=Text.of(KIND_WORDS[kind]), slug=slug,
                           first=self._display(claimers[0]), second=self._display(later))
        clash = self._clash(kind, slug, claimers)
        if clash is not None:
            claimers, first = [], claimers[0]
            problems.error(self._display(first), self._slug_line(first), "CT_SLUG_CLASH", field="slug",
                           slug=slug, kind=Text.of(KIND_WORDS[kind]), other=self._display(clash),
                           other_kind=Text.of(KIND_WORDS[self.files[clash].kind] if clash in self.files else "kind.page"))
        entry: model.Entry | None = None
        refs: set[str] = set()
        file = self.files.get(claimers[0]) if claimers else None
        if file is not None:
            parsed = self._parse(file)
            assembler = Assembler(self.config, problems, self._lookup, self.store.members, self.today, self._broken)
            if parsed.record is not None:
                translations = {}
                for lang in self.config.languages[1:]:
                    other = self.files.get(str(file.translation(lang)))
                    if other is not None:
                        translations[lang] = (other, self._parse(other))
                entry = assembler.entry(kind, slug, file, parsed, translations)
            elif parsed.partial is not None:  # its own errors are reported; its references are checked too
                assembler.references(kind, file, parsed.partial)
            refs = assembler.refs
            if getattr(entry, "draft", False) and not self.drafts:
                # A draft is not built: it names no photo (else its photos stay published, as a
                # cold build never does), though it still follows what it refers to.
                entry, refs = None, {r for r in refs if not r.startswith("file:")}
        released = self.store.set_refs(key, refs) - refs
        self.released.update(r for r in released if r.startswith("file:"))
        self.store.set_problems("entry:" + key, tuple(problems))
        self.assembled[key] = entry
        return entry

    # -- one namespace of slugs for news and events (issue 14) -----------------------------------
    def _clash(self, kind: str, slug: str, claimers: list[str]) -> str | None:
        """The file of a sharing kind that took `slug` first (in walk order), when it is not ours."""
        if kind not in SHARED_SLUGS or not claimers:
            return None
        others = [p for other in SHARED_SLUGS[kind] if other != kind for p in self.store.claimers(f"{other}/{slug}")]
        if not others:
            return None
        first = min(others, key=lambda p: walk_order(self._display(p)))
        return first if walk_order(self._display(first)) < walk_order(self._display(claimers[0])) else None

    def _slug_line(self, path: str) -> int:
        file = self.files.get(path)
        record = self._parse(file).record if file is not None else None
        return record.lines.get("slug", 1) if record is not None else 1

    def _broken(self, kind: str, slug: str) -> bool:
        """Whether a file claims `kind/slug` but makes no entry (it has errors of its own)."""
        return bool(self.store.claimers(f"{kind}/{slug}")) and self._lookup(kind, slug) is None

    def _lookup(self, kind: str, slug: str) -> model.Entry | None:
        key = f"{kind}/{slug}"
        if key in self.assembled:
            return self.assembled[key]
        found = self.store.entry(key)
        self.assembled[key] = found
        return found

    def _display(self, path: str) -> str:
        file = self.files.get(path)
        return file.display if file is not None else self.config.display(type(self.config.content_dir)(path))

    def _product_row(self, slug: str, entry: model.Entry | None, result: ContentUpdate) -> None:
        """Keep the state's product index in step; name every list the product joined or left."""
        product = entry if isinstance(entry, model.Product) else None
        old = self.store.product_row(slug)
        new = product_row(product) if product is not None else None
        self.store.set_titles(slug, {lang: product.text(lang, "title")[0] for lang in self.config.languages}
                              if product is not None else {})
        regions = {row[2] for row in (old, new) if row is not None}
        for lang in self.config.languages:
            result.changed.add(f"{FACET}titles/{lang}")
            result.changed.update(f"{FACET}catalogue/{region}/{lang}" for region in regions)
        former = self.store.set_outlets(slug, product.available_at if product is not None else ())
        outlets = former | set(product.available_at if product is not None else ())
        result.changed.update(f"{FACET}gallery/{g}" for g in outlets)  # kept only if its members changed
        if old == new:
            return
        self.store.set_product_row(slug, new)
        categories = self.store.members("category")
        for facet in facets_of(old, categories) | facets_of(new, categories):
            result.changed.add(FACET + facet)

    # -- lists -----------------------------------------------------------------------------
    def _facets(self, result: ContentUpdate) -> None:
        """Keep only the lists whose members really changed."""
        for key in sorted(k for k in result.changed if k.startswith(FACET)):
            value = self.store.facet(key[len(FACET):])
            digest = digest_of(value)
            if self.store.key_digest(key) == digest:
                result.changed.discard(key)
            else:
                self.store.set_key(key, digest)

    def _logo(self, spec: ImageSpec) -> model.Image | None:
        site = self.config.content_dir / "site.yaml"
        problems = Diagnostics()
        assembler = Assembler(self.config, problems, self._lookup, self.store.members, None)
        image = assembler.image(spec, self.config.display(site), site.parent, self.config.title, "logo")
        self.store.set_problems("site:logo", tuple(problems))
        return image


def _sharing(key: str) -> str:
    """`news/x` -> `event/x` and back: the other key of a shared namespace (else the key itself)."""
    kind, _, slug = key.partition("/")
    others = [k for k in SHARED_SLUGS.get(kind, ()) if k != kind]
    return f"{others[0]}/{slug}" if others else key


def problems(store: Store, update: ContentUpdate) -> list[Diagnostic]:
    """Every content problem known: the walk's and those kept in the state."""
    return [*update.walk_problems, *store.all_problems()]


def catalog(store: Store, logo: model.Image | None) -> model.Catalog:
    """Every entry, loaded whole: for `showcase check` and the site-wide files still made from
    the whole catalogue."""
    def every(kind: str) -> tuple[Any, ...]:
        return tuple(store.entry(key) for key in store.entry_keys(kind))

    return model.Catalog(every("region"), every("category"), every("maker"), every("product"), every("page"), logo,
                         galleries=every("gallery"))
