"""The build state: one SQLite file per output folder in the cache, read and written by key.

A rebuild must cost what the edit touched, so nothing here is loaded whole. The tables:

- `meta`: small named values (code and settings digests, the output trees' identities, the last
  report and fingerprint).
- `files`: every input file's stat and digest, so a scan reads only files that were touched.
- `sources`: each content file's parsed, validated front matter and its problems, by digest;
  `claims`: which file claims which `kind/slug` (two claims on one are reported).
- `problems`: every problem found, by what found it (a file, an entry, a body, a photo), so a
  rebuild reports all of them while re-checking only what changed.
- `entries`: each assembled entry (product, maker, ...) by `kind/slug`, with its digest, the sort
  key its listings use; `products` holds the few
  columns product lists are queried by (date order, category, region, maker, featured), indexed.
- `refs`: which entries an entry's assembly looked at (its maker, region, photo files...), so a
  change to one re-assembles exactly the entries that used it.
- `bodies`, `plans`: rendered Markdown and photo plans, by owner and by source file.
- `keys`: every input and derived value the pages read, with the digest it had in the last
  build (and, for the parts of aggregate files, the value itself); `reads`: which page or
  derived value read which key, indexed both ways: a changed key finds its readers in one query.
- `pages`: each page's owner, kind, language, view digest, file digest and size, its summary,
  its `<url>` entry in the sitemap (with a hash bucket, so a sitemap part is one query) and the
  photo the service worker saves for it; for a part of a site-wide file (a product's row in the
  exports, its search document) the value instead of a file. `owners`: the pages each owner (an
  entry or a site-wide list) has.
- `published` and `lag`: the manifest of `output/`, and where the kept previous tree differs
  from it (see writer.py).
- `pending`: keys changed by a build that did not finish; the next build treats them as changed.
- `memo`: values derived from content by its digest (rendered Markdown, sanitised bodies), so a
  build that must redo everything (new settings) still renders no text twice; a build that did
  everything drops what it did not use.

Values are pickled. WAL mode lets worker processes read the committed state while the build
writes the next one. A file that cannot be opened or is not ours counts as empty state: the
build then does everything, which only costs time.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

ProductRow = tuple[int, str, str, str, int, "str | None"]
"""A product's place in lists: newest-first order, category, region, maker, featured, district."""

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER,
    ino INTEGER, digest TEXT);
CREATE TABLE IF NOT EXISTS sources (path TEXT PRIMARY KEY, digest TEXT, value BLOB);
CREATE TABLE IF NOT EXISTS claims (key TEXT, path TEXT, PRIMARY KEY (key, path)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claims_path ON claims (path);
CREATE TABLE IF NOT EXISTS problems (owner TEXT PRIMARY KEY, value BLOB);
CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, kind TEXT, slug TEXT, sort TEXT, digest TEXT,
    value BLOB, display TEXT, untranslated TEXT);
CREATE INDEX IF NOT EXISTS entries_kind ON entries (kind, sort);
CREATE TABLE IF NOT EXISTS products (slug TEXT PRIMARY KEY, newest INTEGER, category TEXT, region TEXT,
    maker TEXT, featured INTEGER, district TEXT);
CREATE INDEX IF NOT EXISTS products_newest ON products (newest, slug);
CREATE TABLE IF NOT EXISTS titles (lang TEXT, sort TEXT, slug TEXT, title TEXT, PRIMARY KEY (lang, slug));
CREATE INDEX IF NOT EXISTS titles_sort ON titles (lang, sort, slug);
CREATE INDEX IF NOT EXISTS products_category ON products (category, newest, slug);
CREATE INDEX IF NOT EXISTS products_region ON products (region, newest, slug);
CREATE INDEX IF NOT EXISTS products_maker ON products (maker, newest, slug);
CREATE TABLE IF NOT EXISTS outlets (gallery TEXT, slug TEXT, PRIMARY KEY (gallery, slug)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS outlets_slug ON outlets (slug);
CREATE TABLE IF NOT EXISTS refs (target TEXT, entry TEXT, PRIMARY KEY (target, entry)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS refs_entry ON refs (entry);
CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, digest TEXT, html TEXT);
CREATE TABLE IF NOT EXISTS plans (source TEXT PRIMARY KEY, digest TEXT, value BLOB);
CREATE TABLE IF NOT EXISTS keys (id INTEGER PRIMARY KEY, name TEXT UNIQUE, digest TEXT, value BLOB);
CREATE TABLE IF NOT EXISTS reads (input INTEGER, reader INTEGER, PRIMARY KEY (input, reader)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS reads_reader ON reads (reader);
CREATE TABLE IF NOT EXISTS pages (output TEXT PRIMARY KEY, owner TEXT, kind TEXT, lang TEXT, template TEXT,
    view TEXT, file TEXT, size INTEGER, summary BLOB, value BLOB, sitemap TEXT, bucket INTEGER, photo TEXT);
CREATE INDEX IF NOT EXISTS pages_owner ON pages (owner);
CREATE INDEX IF NOT EXISTS pages_kind ON pages (kind, lang, output);
CREATE INDEX IF NOT EXISTS pages_html ON pages (output, template, lang, photo) WHERE template != '' AND file IS NOT NULL;
CREATE TABLE IF NOT EXISTS owners (owner TEXT PRIMARY KEY, specs BLOB);
CREATE TABLE IF NOT EXISTS published (path TEXT PRIMARY KEY, digest TEXT, size INTEGER);
CREATE INDEX IF NOT EXISTS published_digest ON published (digest, size);
CREATE TABLE IF NOT EXISTS lag (path TEXT PRIMARY KEY, digest TEXT, size INTEGER);
CREATE TABLE IF NOT EXISTS pending (name TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS indexed (lang TEXT, slug TEXT, title TEXT, other TEXT, PRIMARY KEY (lang, slug)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS memo (name TEXT, key TEXT, build INTEGER, value BLOB, PRIMARY KEY (name, key));
"""
SCHEMA_VERSION = "showcase-state-" + hashlib.blake2b(_TABLES.encode(), digest_size=6).hexdigest()
"""A state file written with other tables is not read: a new showcase starts afresh."""


def dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes | None) -> Any:
    return None if data is None else pickle.loads(data)


def digest_of(value: Any) -> str:
    """The digest of a value by its pickled bytes. The pickler runs without its memo ("fast"
    mode), so a value shared by two places is written twice, as an equal copy would be: equal
    values built in different orders (a card made once and shown twice, or made twice) give equal
    digests. Values must not be cyclic."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return hashlib.blake2b(buffer.getbuffer(), digest_size=16).hexdigest()


def state_path(cache: Path, output: Path) -> Path:
    """The state file of one output folder in one cache directory."""
    key = hashlib.blake2b(str(output.resolve()).encode(), digest_size=8).hexdigest()
    return cache / "builds" / f"{key}.sqlite"


def temporary_path() -> Path:
    """A state file for a build without a cache (workers still read the state from a file)."""
    folder = Path(tempfile.mkdtemp(prefix="showcase-state-"))
    return folder / "state.sqlite"


class Store:
    """One build state file. `readonly` connections are what worker processes open."""

    def __init__(self, path: Path, readonly: bool = False, temporary: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self.temporary = temporary
        self.db = self._open(path, readonly)
        self._ids: dict[str, int] = {}

    @staticmethod
    def _open(path: Path, readonly: bool) -> sqlite3.Connection:
        if readonly:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA query_only = ON")
            return db
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = _connect(path)
            version = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone() \
                if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() else None
            if version is not None and loads(version[0]) == SCHEMA_VERSION:
                return db
            db.close()
        except (sqlite3.DatabaseError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
        for suffix in ("", "-wal", "-shm"):  # not ours, damaged or of another version: start afresh
            try:
                os.unlink(f"{path}{suffix}")
            except OSError:
                pass
        db = _connect(path)
        db.executescript(_TABLES)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (dumps(SCHEMA_VERSION),))
        return db

    def close(self) -> None:
        self.db.close()
        if self.temporary:
            shutil.rmtree(self.path.parent, ignore_errors=True)

    # -- transactions ----------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic change: committed when the block ends, rolled back when it raises."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def begin(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def clear(self, sources: bool = True) -> None:
        """Forget everything, as when showcase's code changed; with `sources=False` keep the parsed
        files (they depend on the code only), as when the build settings or site.yaml changed."""
        if sources:
            self.db.execute("DELETE FROM sources")
        for table in ("files", "claims", "problems", "entries", "products", "titles", "refs", "bodies", "plans", "keys", "reads", "pages", "owners",
                      "published", "lag", "pending", "indexed"):
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute("DELETE FROM meta WHERE name != 'schema'")
        self._ids.clear()

    # -- meta ------------------------------------------------------------------------------
    def meta(self, name: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        if row is None:
            return default
        try:
            return loads(row[0])
        except Exception:  # noqa: BLE001 - a value from another version counts as absent
            return default

    def set_meta(self, name: str, value: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, dumps(value)))

    # -- files -----------------------------------------------------------------------------
    def file_stats(self) -> dict[str, tuple[tuple[int, int, int, int], str]]:
        return {path: ((size, mtime, ctime, ino), digest) for path, size, mtime, ctime, ino, digest
                in self.db.execute("SELECT path, size, mtime, ctime, ino, digest FROM files")}

    def set_files(self, changed: Iterable[tuple[str, tuple[int, int, int, int], str]], removed: Iterable[str]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                            ((path, *stat, digest) for path, stat, digest in changed))
        self.db.executemany("DELETE FROM files WHERE path = ?", ((p,) for p in removed))

    # -- sources: parsed content files -----------------------------------------------------
    def source(self, path: str, digest: str) -> Any:
        row = self.db.execute("SELECT value FROM sources WHERE path = ? AND digest = ?", (path, digest)).fetchone()
        return None if row is None else loads(row[0])

    def set_source(self, path: str, digest: str, value: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?)", (path, digest, dumps(value)))

    def drop_source(self, path: str) -> None:
        self.db.execute("DELETE FROM sources WHERE path = ?", (path,))

    # -- entries ---------------------------------------------------------------------------
    def entry(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        return None if row is None else loads(row[0])

    def entry_digest(self, key: str) -> str | None:
        row = self.db.execute("SELECT digest FROM entries WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def entry_keys(self, kind: str | None = None) -> list[str]:
        if kind is None:
            return [k for (k,) in self.db.execute("SELECT key FROM entries ORDER BY key")]
        return [k for (k,) in self.db.execute("SELECT key FROM entries WHERE kind = ? ORDER BY key", (kind,))]

    def put_entry(self, key: str, kind: str, slug: str, sort: str, digest: str, value: Any, display: str,
                  untranslated: Sequence[str]) -> None:
        self.db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (key, kind, slug, sort, digest, dumps(value), display, " ".join(untranslated)))

    def untranslated(self, lang: str) -> list[str]:
        """The files of entries that have no translation into lang, sorted."""
        return [d for (d, langs) in self.db.execute("SELECT display, untranslated FROM entries "
                                                    "WHERE untranslated != '' ORDER BY display")
                if lang in langs.split()]

    def count(self, kind: str) -> int:
        return int(self.db.execute("SELECT count(*) FROM entries WHERE kind = ?", (kind,)).fetchone()[0])

    def drop_entry(self, key: str) -> None:
        self.db.execute("DELETE FROM entries WHERE key = ?", (key,))

    # -- claims and problems ---------------------------------------------------------------
    def claim_of(self, path: str) -> str | None:
        row = self.db.execute("SELECT key FROM claims WHERE path = ?", (path,)).fetchone()
        return None if row is None else row[0]

    def set_claim(self, path: str, key: str | None) -> None:
        self.db.execute("DELETE FROM claims WHERE path = ?", (path,))
        if key is not None:
            self.db.execute("INSERT INTO claims VALUES (?, ?)", (key, path))

    def claimers(self, key: str) -> list[str]:
        return [p for (p,) in self.db.execute("SELECT path FROM claims WHERE key = ?", (key,))]

    def set_problems(self, owner: str, problems: Sequence[Any]) -> None:
        if problems:
            self.db.execute("INSERT OR REPLACE INTO problems VALUES (?, ?)", (owner, dumps(tuple(problems))))
        else:
            self.db.execute("DELETE FROM problems WHERE owner = ?", (owner,))

    def all_problems(self) -> list[Any]:
        found: list[Any] = []
        for (blob,) in self.db.execute("SELECT value FROM problems ORDER BY owner"):
            found.extend(loads(blob))
        return found

    def members(self, kind: str) -> tuple[str, ...]:
        """Slugs of one kind's entries in their listing order."""
        return tuple(s for (s,) in self.db.execute("SELECT slug FROM entries WHERE kind = ? ORDER BY sort, slug",
                                                   (kind,)))

    def set_product_row(self, slug: str, row: ProductRow | None) -> None:
        if row is None:
            self.db.execute("DELETE FROM products WHERE slug = ?", (slug,))
        else:
            self.db.execute("INSERT OR REPLACE INTO products VALUES (?, ?, ?, ?, ?, ?, ?)", (slug, *row))

    def set_outlets(self, slug: str, galleries: Iterable[str]) -> set[str]:
        """Replace the galleries a product is sold at (`available_at`); returns the former ones."""
        old = {g for (g,) in self.db.execute("SELECT gallery FROM outlets WHERE slug = ?", (slug,))}
        self.db.execute("DELETE FROM outlets WHERE slug = ?", (slug,))
        self.db.executemany("INSERT OR IGNORE INTO outlets VALUES (?, ?)", ((g, slug) for g in galleries))
        return old

    def set_titles(self, slug: str, titles: dict[str, str]) -> None:
        """A product's title in each language (for lists sorted by name)."""
        self.db.execute("DELETE FROM titles WHERE slug = ?", (slug,))
        self.db.executemany("INSERT INTO titles VALUES (?, ?, ?, ?)",
                            ((lang, title.casefold(), slug, title) for lang, title in titles.items()))

    def product_row(self, slug: str) -> ProductRow | None:
        return self.db.execute("SELECT newest, category, region, maker, featured, district FROM products "
                               "WHERE slug = ?", (slug,)).fetchone()

    def products(self, column: str | None = None, value: str | None = None, *, featured: bool = False,
                 besides: tuple[str, str] | None = None) -> tuple[str, ...]:
        """Product slugs newest first: all, those whose `column` is `value`, the featured ones, or
        those of one region outside one category (`besides=(region, category)`)."""
        if besides is not None:
            rows = self.db.execute("SELECT slug FROM products WHERE region = ? AND category != ? "
                                   "ORDER BY newest, slug", besides)
        elif featured:
            rows = self.db.execute("SELECT slug FROM products WHERE featured = 1 ORDER BY newest, slug")
        elif column is None:
            rows = self.db.execute("SELECT slug FROM products ORDER BY newest, slug")
        else:
            assert column in ("category", "region", "maker")
            rows = self.db.execute(f"SELECT slug FROM products WHERE {column} = ? ORDER BY newest, slug", (value,))
        return tuple(s for (s,) in rows)

    def facet(self, name: str) -> tuple[Any, ...]:
        """The members of a list, by name: `products` (all, newest first), `category/<slug>`,
        `region/<slug>`, `maker/<slug>`, `featured`, `besides/<region>/<category>` (a region's
        products outside one category), `kind/<kind>` (every entry of a kind, in listing order),
        `menu` (pages in the menu, in menu order), `districts/<region>` ((slug, district) of
        a region's products, newest first), `titles/<lang>` ((slug, title) of every product by
        its title in lang), `gallery/<slug>` (products sold at a gallery, newest first),
        `catalogue/<region>/<lang>` (a region's products by category order,
        then title in lang: the printable catalogue's order)."""
        head, _, rest = name.partition("/")
        if head == "products":
            return self.products()
        if head == "featured":
            return self.products(featured=True)
        if head in ("category", "region", "maker"):
            return self.products(head, rest)
        if head == "besides":
            region, category = rest.split("/", 1)
            return self.products(besides=(region, category))
        if head == "catalogue":
            region, lang = rest.split("/", 1)
            return tuple(s for (s,) in self.db.execute(
                "SELECT p.slug FROM products p JOIN titles t ON t.slug = p.slug AND t.lang = ? "
                "JOIN entries c ON c.key = 'category/' || p.category WHERE p.region = ? "
                "ORDER BY c.sort, t.sort, p.slug", (lang, region)))
        if head == "titles":
            return tuple(self.db.execute("SELECT slug, title FROM titles WHERE lang = ? ORDER BY sort, slug",
                                         (rest,)))
        if head == "districts":
            return tuple(self.db.execute("SELECT slug, district FROM products WHERE region = ? "
                                         "ORDER BY newest, slug", (rest,)))
        if head == "kind":
            return self.members(rest)
        if head == "gallery":
            return tuple(s for (s,) in self.db.execute(
                "SELECT p.slug FROM products p JOIN outlets o ON o.slug = p.slug WHERE o.gallery = ? "
                "ORDER BY p.newest, p.slug", (rest,)))
        if head == "menu":
            return tuple(slug for slug, sort in self.db.execute(
                "SELECT slug, sort FROM entries WHERE kind = 'page' ORDER BY sort, slug") if not sort.startswith("~"))
        raise KeyError(name)

    # -- references between entries --------------------------------------------------------
    def set_refs(self, entry: str, targets: Iterable[str]) -> set[str]:
        """Replace what `entry` (an entry or body key) refers to; returns what it referred to before."""
        old = {t for (t,) in self.db.execute("SELECT target FROM refs WHERE entry = ?", (entry,))}
        self.db.execute("DELETE FROM refs WHERE entry = ?", (entry,))
        self.db.executemany("INSERT OR IGNORE INTO refs VALUES (?, ?)", ((t, entry) for t in set(targets)))
        return old

    def referrers(self, target: str) -> list[str]:
        return [e for (e,) in self.db.execute("SELECT entry FROM refs WHERE target = ?", (target,))]

    # -- bodies and photo plans ------------------------------------------------------------
    def body(self, key: str) -> str | None:
        row = self.db.execute("SELECT html FROM bodies WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def body_digest(self, key: str) -> str | None:
        row = self.db.execute("SELECT digest FROM bodies WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_body(self, key: str, html: str | None) -> None:
        if html is None:
            self.db.execute("DELETE FROM bodies WHERE key = ?", (key,))
        else:
            digest = hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
            self.db.execute("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?)", (key, digest, html))

    def body_keys(self, prefix: str) -> list[str]:
        return [k for (k,) in self.db.execute("SELECT key FROM bodies WHERE key >= ? AND key < ?",
                                              (prefix, prefix + "\uffff"))]

    def plan(self, source: str) -> Any:
        row = self.db.execute("SELECT value FROM plans WHERE source = ?", (source,)).fetchone()
        return None if row is None else loads(row[0])

    def plan_digest(self, source: str) -> str | None:
        row = self.db.execute("SELECT digest FROM plans WHERE source = ?", (source,)).fetchone()
        return None if row is None else row[0]

    def set_plan(self, source: str, plan: Any) -> None:
        if plan is None:
            self.db.execute("DELETE FROM plans WHERE source = ?", (source,))
        else:
            self.db.execute("INSERT OR REPLACE INTO plans VALUES (?, ?, ?)", (source, digest_of(plan), dumps(plan)))

    def plan_sources(self) -> list[str]:
        return [s for (s,) in self.db.execute("SELECT source FROM plans")]

    # -- keys and reads --------------------------------------------------------------------
    def key_id(self, name: str) -> int:
        known = self._ids.get(name)
        if known is not None:
            return known
        row = self.db.execute("SELECT id FROM keys WHERE name = ?", (name,)).fetchone()
        if row is None:
            cursor = self.db.execute("INSERT INTO keys (name) VALUES (?)", (name,))
            found = int(cursor.lastrowid or 0)
        else:
            found = int(row[0])
        self._ids[name] = found
        return found

    def key_digest(self, name: str) -> str | None:
        row = self.db.execute("SELECT digest FROM keys WHERE name = ?", (name,)).fetchone()
        return None if row is None else row[0]

    def key_value(self, name: str) -> Any:
        row = self.db.execute("SELECT value FROM keys WHERE name = ?", (name,)).fetchone()
        return None if row is None or row[0] is None else loads(row[0])

    def set_key(self, name: str, digest: str | None, value: Any = None, keep_value: bool = False) -> None:
        self.key_id(name)
        if keep_value:
            self.db.execute("UPDATE keys SET digest = ?, value = ? WHERE name = ?", (digest, dumps(value), name))
        else:
            self.db.execute("UPDATE keys SET digest = ? WHERE name = ?", (digest, name))

    def keys_with_prefix(self, prefix: str) -> list[str]:
        return [n for (n,) in self.db.execute("SELECT name FROM keys WHERE name >= ? AND name < ?",
                                              (prefix, prefix + "\uffff"))]

    def readers(self, name: str) -> list[str]:
        """The pages and derived values that read `name` in the last build."""
        return [n for (n,) in self.db.execute(
            "SELECT k.name FROM keys i JOIN reads r ON r.input = i.id JOIN keys k ON k.id = r.reader "
            "WHERE i.name = ?", (name,))]

    def set_reads(self, reader: str, inputs: Iterable[str]) -> None:
        reader_id = self.key_id(reader)
        self.db.execute("DELETE FROM reads WHERE reader = ?", (reader_id,))
        self.db.executemany("INSERT OR IGNORE INTO reads VALUES (?, ?)",
                            ((self.key_id(name), reader_id) for name in inputs))

    def drop_reader(self, reader: str) -> None:
        row = self.db.execute("SELECT id FROM keys WHERE name = ?", (reader,)).fetchone()
        if row is not None:
            self.db.execute("DELETE FROM reads WHERE reader = ?", (row[0],))
            self.db.execute("UPDATE keys SET digest = NULL, value = NULL WHERE id = ?", (row[0],))

    # -- pages and owners ------------------------------------------------------------------
    def page(self, output: str) -> tuple[str, str, str | None, int] | None:
        """(owner, view digest, file digest, size) of a page of the last build."""
        return self.db.execute("SELECT owner, view, file, size FROM pages WHERE output = ?", (output,)).fetchone()

    def set_page(self, output: str, owner: str, kind: str, lang: str, template: str, view: str,
                 file: tuple[str, int] | None, summary: Any = None, value: Any = None, sitemap: str | None = None,
                 photo: str | None = None) -> None:
        bucket = int(hashlib.blake2b(output.encode(), digest_size=4).hexdigest(), 16)
        self.db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (output, owner, kind, lang, template, view, file[0] if file else None, file[1] if file else 0,
                         dumps(summary) if summary is not None else None,
                         dumps(value) if value is not None else None, sitemap, bucket, photo))

    def parts(self, kind: str, lang: str | None = None) -> Iterator[tuple[str, Any]]:
        """(output, value) of every part of one kind (and language), in output order."""
        query = "SELECT output, value FROM pages WHERE kind = ?" + (" AND lang = ?" if lang else "") + " ORDER BY output"
        for output, blob in self.db.execute(query, (kind, lang) if lang else (kind,)):
            yield output, loads(blob)

    # -- the texts the search index holds ------------------------------------------------------
    def indexed_texts(self, lang: str, slugs: Iterable[str]) -> dict[str, tuple[str, str]]:
        """(title, other text) each of these documents had in the last search index of lang."""
        found = {}
        for slug in slugs:
            row = self.db.execute("SELECT title, other FROM indexed WHERE lang = ? AND slug = ?", (lang, slug)).fetchone()
            if row is not None:
                found[slug] = (row[0], row[1])
        return found

    def set_indexed(self, lang: str, texts: Iterable[tuple[str, str, str]], every: bool = False) -> None:
        """Record (slug, title, other) of documents of lang's search index; `every`: these are all."""
        if every:
            self.db.execute("DELETE FROM indexed WHERE lang = ?", (lang,))
        self.db.executemany("INSERT OR REPLACE INTO indexed VALUES (?, ?, ?, ?)",
                            ((lang, slug, title, other) for slug, title, other in texts))

    def part_outputs(self, kind: str, lang: str) -> list[str]:
        """The outputs of every part of one kind and language, without loading their values."""
        return [o for (o,) in self.db.execute("SELECT output FROM pages WHERE kind = ? AND lang = ? ORDER BY output",
                                              (kind, lang))]

    def part_values(self, outputs: Iterable[str]) -> Iterator[Any]:
        """The values of these parts, in the order given (those gone left out)."""
        for output in outputs:
            row = self.db.execute("SELECT value FROM pages WHERE output = ?", (output,)).fetchone()
            if row is not None and row[0] is not None:
                yield loads(row[0])

    def export_parts(self) -> list[Any]:
        """Every product's export part (pages/parts.py), newest first."""
        return [loads(v) for (v,) in self.db.execute(
            "SELECT pg.value FROM products p JOIN pages pg ON pg.output = 'part:export/' || p.slug "
            "ORDER BY p.newest, p.slug")]

    def merchant_parts(self) -> list[tuple[str, Any]]:
        """(slug, items) of every product's catalogue-feed part (pages/parts.py), newest first."""
        return [(slug, loads(v)) for slug, v in self.db.execute(
            "SELECT p.slug, pg.value FROM products p JOIN pages pg ON pg.output = 'part:merchant/' || p.slug "
            "ORDER BY p.newest, p.slug")]

    def sitemap_entries(self, parts: int = 1, part: int = 0) -> list[str]:
        """The sitemap `<url>` entries of one part (pages whose hash bucket falls in it), by output."""
        return [e for (e,) in self.db.execute("SELECT sitemap FROM pages WHERE sitemap IS NOT NULL AND bucket % ? = ? "
                                              "ORDER BY output", (parts, part))]

    def listed_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM pages WHERE sitemap IS NOT NULL").fetchone()[0])

    def sitemap_entry(self, output: str) -> tuple[str | None, int] | None:
        return self.db.execute("SELECT sitemap, bucket FROM pages WHERE output = ?", (output,)).fetchone()

    def pages_of(self, kind: str) -> list[tuple[str, str, str]]:
        """(output, owner, lang) of every page of one kind, by output."""
        return list(self.db.execute("SELECT output, owner, lang FROM pages WHERE kind = ? ORDER BY output", (kind,)))

    def html_pages(self) -> list[tuple[str, str, str, str | None]]:
        """(output, template, lang, photo) of every HTML page, by output."""
        return list(self.db.execute("SELECT output, template, lang, photo FROM pages WHERE template != '' "
                                    "AND file IS NOT NULL ORDER BY output"))

    def drop_page(self, output: str) -> None:
        self.db.execute("DELETE FROM pages WHERE output = ?", (output,))
        self.drop_reader("page:" + output)

    def summaries(self, outputs: Iterable[str] | None = None) -> Iterator[Any]:
        """Page summaries: of the given outputs, or of every page (in output order)."""
        if outputs is None:
            for (blob,) in self.db.execute("SELECT summary FROM pages WHERE summary IS NOT NULL ORDER BY output"):
                yield loads(blob)
            return
        for output in outputs:
            row = self.db.execute("SELECT summary FROM pages WHERE output = ?", (output,)).fetchone()
            if row is not None and row[0] is not None:
                yield loads(row[0])

    def page_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM pages WHERE file IS NOT NULL").fetchone()[0])

    def outputs_of(self, owner: str) -> list[str]:
        return [o for (o,) in self.db.execute("SELECT output FROM pages WHERE owner = ? ORDER BY output", (owner,))]

    def owner_specs(self, owner: str) -> Any:
        row = self.db.execute("SELECT specs FROM owners WHERE owner = ?", (owner,)).fetchone()
        return None if row is None else loads(row[0])

    def set_owner(self, owner: str, specs: Any) -> None:
        if specs is None:
            self.db.execute("DELETE FROM owners WHERE owner = ?", (owner,))
        else:
            self.db.execute("INSERT OR REPLACE INTO owners VALUES (?, ?)", (owner, dumps(specs)))

    def owners(self) -> list[str]:
        return [o for (o,) in self.db.execute("SELECT owner FROM owners ORDER BY owner")]

    # -- output manifests ------------------------------------------------------------------
    def published(self, path: str) -> tuple[str, int] | None:
        row = self.db.execute("SELECT digest, size FROM published WHERE path = ?", (path,)).fetchone()
        return None if row is None else (row[0], row[1])

    def published_paths(self, prefix: str = "") -> list[str]:
        return [p for (p,) in self.db.execute("SELECT path FROM published WHERE path >= ? AND path < ? ORDER BY path",
                                              (prefix, prefix + "\uffff"))]

    def published_tops(self) -> list[str]:
        """The top-level names of output/: its files, and its folders with a trailing slash."""
        return [t for (t,) in self.db.execute(
            "SELECT DISTINCT CASE WHEN instr(path, '/') > 0 THEN substr(path, 1, instr(path, '/')) ELSE path END "
            "FROM published")]

    def published_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM published").fetchone()[0])

    def lag(self) -> dict[str, tuple[str, int] | None]:
        return {p: (d, s) if d is not None else None for p, d, s in self.db.execute("SELECT path, digest, size FROM lag")}

    def set_manifests(self, changes: dict[str, tuple[str, int] | None], lag: dict[str, tuple[str, int] | None]) -> None:
        """Apply a build's changes to the manifest of output/ and record how the kept tree lags."""
        self.db.executemany("INSERT OR REPLACE INTO published VALUES (?, ?, ?)",
                            ((p, e[0], e[1]) for p, e in changes.items() if e is not None))
        self.db.executemany("DELETE FROM published WHERE path = ?", ((p,) for p, e in changes.items() if e is None))
        self.db.execute("DELETE FROM lag")
        self.db.executemany("INSERT INTO lag VALUES (?, ?, ?)",
                            ((p, e[0] if e else None, e[1] if e else None) for p, e in lag.items()))

    def file_bytes(self) -> int:
        """Bytes of the state file on disk (with its write-ahead log)."""
        total = 0
        for suffix in ("", "-wal"):
            with suppress(OSError):
                total += os.stat(f"{self.path}{suffix}").st_size
        return total

    def entry_display(self, key: str) -> str | None:
        """The file an entry came from, as editors see it."""
        row = self.db.execute("SELECT display FROM entries WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def published_map(self) -> dict[str, tuple[str, int]]:
        """The whole manifest of output/, path -> (digest, size), in no order (cheaper to read)."""
        return {p: (d, n) for p, d, n in self.db.execute("SELECT path, digest, size FROM published")}

    def forget_published(self, paths: Iterable[str]) -> None:
        """Drop paths from the manifest: output/ does not hold them (their blobs were damaged)."""
        self.db.executemany("DELETE FROM published WHERE path = ?", ((p,) for p in paths))

    def unreferenced(self, digests: Iterable[str]) -> list[str]:
        """Those of digests that no published file has any more."""
        return sorted(d for d in set(digests)
                      if self.db.execute("SELECT 1 FROM published WHERE digest = ? LIMIT 1", (d,)).fetchone() is None)

    def published_digests(self) -> set[str]:
        return {d for (d,) in self.db.execute("SELECT DISTINCT digest FROM published")}

    def published_bytes(self) -> tuple[int, int]:
        """(bytes of output/, bytes of its distinct contents: what the blobs hold)."""
        total = self.db.execute("SELECT coalesce(sum(size), 0) FROM published").fetchone()[0]
        distinct = self.db.execute("SELECT coalesce(sum(size), 0) FROM (SELECT digest, max(size) AS size "
                                   "FROM published GROUP BY digest)").fetchone()[0]
        return int(total), int(distinct)

    def reset_manifests(self) -> None:
        self.db.execute("DELETE FROM published")
        self.db.execute("DELETE FROM lag")

    # -- memo ------------------------------------------------------------------------------
    def memo(self, name: str, key: str, build: int) -> Any:
        row = self.db.execute("SELECT value FROM memo WHERE name = ? AND key = ?", (name, key)).fetchone()
        if row is None:
            return None
        self.db.execute("UPDATE memo SET build = ? WHERE name = ? AND key = ?", (build, name, key))
        try:
            return loads(row[0])
        except Exception:  # noqa: BLE001 - a damaged value counts as absent
            return None

    def set_memo(self, name: str, key: str, build: int, value: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO memo VALUES (?, ?, ?, ?)", (name, key, build, dumps(value)))

    def prune_memo(self, build: int) -> None:
        """After a build that used every value it needs: drop the others."""
        self.db.execute("DELETE FROM memo WHERE build < ?", (build,))

    # -- pending ---------------------------------------------------------------------------
    def pending(self) -> set[str]:
        return {n for (n,) in self.db.execute("SELECT name FROM pending")}

    def add_pending(self, names: Iterable[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO pending VALUES (?)", ((n,) for n in names))

    def clear_pending(self) -> None:
        self.db.execute("DELETE FROM pending")


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    return db
