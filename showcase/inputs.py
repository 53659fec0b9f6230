"""What a page may read, and the record of what it did read.

Views read content only through `Inputs`, and every accessor records, by itself, the key of what
it returned into the page being built (`recording()`), so no list of a page's inputs is kept by
hand and none can be forgotten. The keys:

| key | what |
|---|---|
| `e:<kind>/<slug>` | an entry (with its translations) |
| `f:<list>` | the members of a list, e.g. `f:category/batik` (see Store.facet) |
| `b:<kind>/<slug>/<lang>` | a rendered Markdown body |
| `p:<file>` | a photo's plan (its variants, size and placeholder colour) |
| `d:today` | the build date |
| `x:partners` | the partners' catalogues, read from their kept copies (issue 14) |
| `n:<name>` | a derived value (see `NODES`): a slice of a list, a count, related products |
| `t:<template>` | the template a page is rendered with, with all it uses (recorded by the engine) |
| `a:assets` | the URLs of the theme's hashed CSS and JS files |
| `a:frames` | the video providers the site's bodies embed (the CSP's `frame-src`) |

A derived value is a small query of its own: it records its own reads, and a page that uses it
records only `n:<name>`. When a rebuild finds one of its reads changed, the engine computes it
again and compares: a slice of a category whose members merely moved elsewhere stays the same,
so the pages that show that slice are not rebuilt ("early cutoff"). Site-wide settings, the
interface strings and showcase's own code are not recorded: a change to any of them rebuilds
every page.

Values come from the build state (store.py), loaded on first use and kept for the process, so a
worker process reads only the entries its pages show. While a page or a plan is being recorded,
the state itself is out of reach: `Inputs.store` raises `UnrecordedRead`, so a view that would
read content around the accessors fails its build (PAGE_VIEW, naming the page) instead of
publishing a page that a later edit leaves stale. (Whatever else a view could reach, such as a
file, is caught by the test that compares random rebuilds with cold builds.)
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from . import model
from .config import SiteConfig
from .images import ImagePlan
from .store import Store, digest_of

ENTRY, LIST, BODY, PLAN, TODAY, NODE, TEMPLATE = "e:", "f:", "b:", "p:", "d:today", "n:", "t:"
ASSETS = "a:assets"  # the theme's hashed file URLs (views.Views.assets)
FRAMES = "a:frames"  # the origins the site's video components embed (pipeline._frames)
PARTNERS = "x:partners"  # the partner network's catalogues (issue 14)
RELATED_COUNT = 4


class UnrecordedRead(RuntimeError):
    """The build state was reached around the accessors while a page was being recorded."""


class Inputs:
    """The accessors of one build (in the parent or in a worker), over one build state."""

    def __init__(self, store: Store, config: SiteConfig, today: date,
                 entries: dict[str, model.Entry | None] | None = None) -> None:
        self._store = store
        self.config = config
        self._today = today
        self._entries: dict[str, model.Entry | None] = dict(entries or {})
        self._lists: dict[str, tuple[str, ...]] = {}
        self._bodies: dict[str, str | None] = {}
        self._plans: dict[str, ImagePlan | None] = {}
        self._nodes: dict[str, tuple[Any, frozenset[str]]] = {}
        self._memo: dict[Any, tuple[Any, frozenset[str]]] = {}
        self._frames: list[set[str]] = []
        self._fresh: set[str] = set()  # derived values computed since computed(fresh=True)

    @property
    def store(self) -> Store:
        """The build state, for code that is not building a page; raises UnrecordedRead while a
        page or a plan records its reads (what it read that way would not be recorded)."""
        if self._frames:
            raise UnrecordedRead("the build state was read around the accessors of showcase.inputs while a page "
                                 "was being built; read it through Inputs so that the read is recorded")
        return self._store

    # -- recording -------------------------------------------------------------------------
    @contextmanager
    def recording(self) -> Iterator[set[str]]:
        """Collect the keys read inside the block (nested blocks also add to the outer one,
        except for derived values, whose reads stay theirs)."""
        frame: set[str] = set()
        self._frames.append(frame)
        try:
            yield frame
        finally:
            self._frames.pop()
            if self._frames:
                self._frames[-1].update(frame)

    def read(self, key: str) -> None:
        if self._frames:
            self._frames[-1].add(key)

    # -- content ---------------------------------------------------------------------------
    def entry(self, kind: str, slug: str) -> Any:
        """The entry `kind/slug` (None when there is none)."""
        key = f"{kind}/{slug}"
        self.read(ENTRY + key)
        if key not in self._entries:
            self._entries[key] = self._store.entry(key)
        return self._entries[key]

    def members(self, name: str) -> tuple[str, ...]:
        """The slugs of a list, in its order (see Store.facet)."""
        self.read(LIST + name)
        found = self._lists.get(name)
        if found is None:
            found = self._lists[name] = self._store.facet(name)
        return found

    def body(self, kind: str, slug: str, lang: str) -> str | None:
        """The rendered body of an entry in lang (None when there is no file in that language)."""
        key = f"{kind}/{slug}/{lang}"
        self.read(BODY + key)
        if key not in self._bodies:
            self._bodies[key] = self._store.body(key)
        return self._bodies[key]

    def plan(self, image: model.Image | None) -> ImagePlan | None:
        """A photo's plan, or None when the photo could not be used."""
        if image is None:
            return None
        source = str(image.source)
        self.read(PLAN + source)
        if source not in self._plans:
            self._plans[source] = self._store.plan(source)
        return self._plans[source]

    def today(self) -> date:
        self.read(TODAY)
        return self._today

    def frames(self) -> tuple[str, ...]:
        """The origins the site's bodies embed videos from (one policy for the whole site)."""
        self.read(FRAMES)
        return tuple(self._store.key_value(FRAMES) or ())

    def partners(self) -> Any:
        """The partners' catalogues as the last build read them from their kept copies (issue 14)."""
        self.read(PARTNERS)
        return self._store.meta("partners") or ()

    # -- derived values --------------------------------------------------------------------
    def node(self, name: str) -> Any:
        """A derived value by name (`slice/products@24:48`, `related/<slug>`, ...), computed once."""
        self.read(NODE + name)
        known = self._nodes.get(name)
        if known is None:
            known = self._nodes[name] = self.compute(name)
            self._fresh.add(name)
        return known[0]

    def compute(self, name: str) -> tuple[Any, frozenset[str]]:
        """A derived value computed afresh, with what it read."""
        head, _, argument = name.partition("/")
        saved, self._frames = self._frames, []
        try:
            with self.recording() as reads:
                value = NODES[head](self, argument)
        finally:
            self._frames = saved
        return value, frozenset(reads)

    def computed(self, fresh: bool = False) -> dict[str, tuple[str, frozenset[str]]]:
        """The derived values this process computed: name -> (digest, reads); with `fresh`, only
        those computed since the last such call (each is digested and sent once)."""
        names = self._fresh if fresh else self._nodes.keys()
        found = {name: (digest_of(self._nodes[name][0]), self._nodes[name][1]) for name in names}
        if fresh:
            self._fresh = set()
        return found

    def trim(self, keep: int) -> bool:
        """Forget every entry, body, photo plan, list, derived value and remembered value read so
        far when they number more than `keep` (a worker's memory on a large site); True if it did. They are read
        again from the state, which does not change during a build, so nothing else changes."""
        held = len(self._entries) + len(self._bodies) + len(self._memo) + len(self._nodes) + len(self._plans)
        if held <= keep or self._frames:
            return False
        for cache in (self._entries, self._bodies, self._plans, self._lists, self._nodes, self._memo):
            cache.clear()
        return True

    def remember(self, key: Any, make: Callable[[], Any]) -> Any:
        """make() once per process for `key` (a card, say); later uses record the same reads."""
        known = self._memo.get(key)
        if known is None:
            with self.recording() as reads:
                value = make()
            known = self._memo[key] = (value, frozenset(reads))
        elif self._frames:
            self._frames[-1].update(known[1])
        return known[0]

    # -- shortcuts used by many views ------------------------------------------------------
    def slice(self, name: str, start: int, stop: int) -> tuple[str, ...]:
        return self.node(f"slice/{name}@{start}:{stop}")  # type: ignore[no-any-return]

    def count(self, name: str) -> int:
        return self.node(f"count/{name}")  # type: ignore[no-any-return]

    def pages(self, name: str, per: int) -> int:
        """How many pages of `per` the list `name` fills (one, maybe empty, when it is empty). A
        page that shows only this reads it instead of the count, which changes with every product
        added or removed: the page count changes only when a page is added or dropped."""
        return self.node(f"pages/{name}@{per}")  # type: ignore[no-any-return]

    def has(self, name: str) -> bool:
        """Whether the list `name` has members (changes only when it empties or fills again)."""
        return self.node(f"has/{name}")  # type: ignore[no-any-return]

    def related(self, slug: str) -> tuple[str, ...]:
        return self.node(f"related/{slug}")  # type: ignore[no-any-return]

    def products(self, slugs: tuple[str, ...]) -> list[model.Product]:
        return [self.entry("product", s) for s in slugs]


def _slice(inputs: Inputs, argument: str) -> tuple[str, ...]:
    name, _, span = argument.rpartition("@")
    start, stop = (int(n) for n in span.split(":"))
    return inputs.members(name)[start:stop]


def _count(inputs: Inputs, argument: str) -> int:
    return len(inputs.members(argument))


def page_count(items: int, per: int) -> int:
    """How many pages of `per` hold `items` (one, maybe empty, when there are none)."""
    return max(1, -(-items // per))


def _pages(inputs: Inputs, argument: str) -> int:
    name, _, per = argument.rpartition("@")
    return page_count(inputs.count(name), int(per))


def _has(inputs: Inputs, name: str) -> bool:
    return inputs.count(name) > 0


def _related(inputs: Inputs, slug: str) -> tuple[str, ...]:
    """Up to RELATED_COUNT others: the newest of the same category, then of the same region."""
    product = inputs.entry("product", slug)
    same_category = [s for s in inputs.members(f"category/{product.category}")[:RELATED_COUNT + 1] if s != slug]
    found = same_category[:RELATED_COUNT]
    if len(found) < RELATED_COUNT:
        found += inputs.members(f"besides/{product.region}/{product.category}")[:RELATED_COUNT - len(found)]
    return tuple(found)


NODES: dict[str, Callable[[Inputs, str], Any]] = {"slice": _slice, "count": _count, "pages": _pages, "has": _has,
                                                  "related": _related}
"""Derived values by the head of their name. A page kind that needs one of its own adds it here."""
