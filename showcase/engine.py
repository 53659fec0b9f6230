"""Which pages a build must make, and making them: the incremental engine.

Every page and derived value recorded what it read (inputs.py); the state keeps those reads
indexed by what was read. Given the keys that changed since the last build, `Engine.dirty()`
walks from them to their readers: a derived value is computed again and, when it comes out the
same, stops there (early cutoff); an owner's plan is made again (a category that grew a page);
a page is marked to be built. A page built again whose view is the last build's is not rendered
(its file stays); one whose view changed is rendered in a worker process and written into the
work tree. Whatever the pages read this time replaces what they read last time.

The walk reads the state by key, so a rebuild costs what the edit reaches. `everything=True`
(a first build, new settings, new code or a lost output) builds every page of every owner.
"""
from __future__ import annotations

import gc
import os
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from . import feeds, pages, parallel, qr, render
from .config import SiteConfig
from .errors import Diagnostics
from .inputs import NODE, TEMPLATE, Inputs, UnrecordedRead
from .model import Image
from .routes import Routes
from .store import Store, digest_of
from .views import PageSummary, Spec, Views
from .writer import Entry, Tree

PAGE = "page:"
OWNER = "o:"
CHUNK = 100
"""Pages a worker task builds: enough to amortise the task, small enough to balance the cores."""


@dataclass(frozen=True)
class Job:
    """Everything a worker process needs, picklable (spawned workers get nothing else)."""

    state: Path
    config: SiteConfig
    routes: Routes
    today: date
    templates: tuple[Path, ...]
    template_digests: dict[str, str]
    assets: dict[str, str]
    logo: Image | None
    tree: Tree
    bytecode: Path | None = None  # where compiled templates are kept (with a cache)
    drawings: Path | None = None  # where QR drawings are kept (with a cache)


@dataclass(frozen=True)
class Built:
    """One page after production: its view digest, its file (or why it could not be rendered),
    whether it was rendered, what it read and its summary."""

    spec: Spec
    view: str
    file: Entry | None
    rendered: bool
    reads: frozenset[str]
    summary: PageSummary | None
    error: tuple[str, str | None, int | None, dict[str, Any]] | None = None  # code, file, line, parameters
    value: Any = None  # a part's value when it changed
    changed: bool = False  # a part whose value differs from the last build's


@dataclass
class Produced:
    """What the pages of a build came to, gathered chunk by chunk: the pages themselves are saved
    as their chunk arrives (`save_pages`), so the parent never holds more than a chunk of them."""

    outputs: list[str] = field(default_factory=list)  # every page built, in order
    changed: set[str] = field(default_factory=set)  # parts whose value changed
    errors: list[Built] = field(default_factory=list)  # pages that could not be made
    rendered: int = 0
    shares: dict[str, Any] = field(default_factory=dict)  # share images the pages link to, by path

    def add(self, chunk: Sequence[Built]) -> None:
        for item in chunk:
            self.outputs.append(item.spec.output)
            if item.changed:
                self.changed.add(item.spec.output)
            if item.error:
                self.errors.append(item)
            self.rendered += item.rendered
            if item.summary is not None and item.summary.share is not None:
                self.shares[item.summary.share.path] = item.summary.share


@dataclass
class Work:
    """What a build must do to its pages."""

    specs: list[Spec] = field(default_factory=list)  # pages to build, in owner order
    removed: list[str] = field(default_factory=list)  # outputs of pages that are gone
    owners: dict[str, tuple[list[Spec], frozenset[str]]] = field(default_factory=dict)  # re-planned owners
    nodes: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)  # derived values computed

    def planned(self) -> set[str]:
        """The outputs the re-planned owners now have (an old page's output may be one of them:
        an old address that a redirect page answers now)."""
        return {spec.output for specs, _ in self.owners.values() for spec in specs}


class Engine:
    """The pages of one build: what to rebuild (in this process), then the rebuilding (in workers)."""

    def __init__(self, store: Store, inputs: Inputs, config: SiteConfig, routes: Routes) -> None:
        self.store = store
        self.inputs = inputs
        self.ctx = pages.Context(inputs, config, routes)

    def all_owners(self) -> list[str]:
        entries = [key for kind in pages.ENTRY_KINDS for key in self.store.entry_keys(kind)]
        return entries + list(pages.SITE_OWNERS)

    def dirty(self, changed: set[str], owners: set[str], everything: bool) -> Work:
        """The pages to build: those reading a changed key (through derived values that came out
        different), and every page of the `owners` to plan again (added or removed entries)."""
        work = Work()
        if everything:
            replan = set(self.all_owners()) | set(self.store.owners())
            dirty_pages: set[str] = set()
        else:
            replan, dirty_pages = set(owners), set()
            queue, seen = list(changed), set(changed)
            while queue:
                key = queue.pop()
                for reader in self.store.readers(key):
                    if reader.startswith(PAGE):
                        dirty_pages.add(reader[len(PAGE):])
                    elif reader.startswith(OWNER):
                        replan.add(reader[len(OWNER):])
                    elif reader.startswith(NODE) and reader not in seen:
                        seen.add(reader)
                        if self._node_changed(reader, work):
                            queue.append(reader)
        specs: dict[str, Spec] = {}
        for owner in sorted(replan, key=_owner_order):
            old = self.store.owner_specs(owner) or []
            with self.inputs.recording() as reads:
                new = pages.plan(self.ctx, owner)
            work.owners[owner] = (new, frozenset(reads))
            kept = set() if everything else set(old)
            for spec in new:  # a page planned as before is made again only when what it read changed
                if spec not in kept:
                    specs[spec.output] = spec
            gone = {s.output for s in old} - {s.output for s in new}
            work.removed += sorted(gone)
            dirty_pages -= gone
        self._add_pages(specs, dirty_pages)
        work.specs = sorted(specs.values(), key=lambda s: (_owner_order(s.owner), s.output))
        work.nodes.update(self.inputs.computed())
        return work

    def add_stale(self, work: Work, outputs: Iterable[str]) -> None:
        """Add to work the pages of outputs that output/ lacks (their blobs were damaged)."""
        specs = {s.output: s for s in work.specs}
        self._add_pages(specs, set(outputs) - set(work.removed))
        work.specs = sorted(specs.values(), key=lambda s: (_owner_order(s.owner), s.output))

    def _add_pages(self, specs: dict[str, Spec], outputs: set[str]) -> None:
        for output in sorted(outputs - set(specs)):
            owner = self.store.page(output)
            spec = next((s for s in self.store.owner_specs(owner[0]) or [] if s.output == output), None) if owner else None
            if spec is not None:
                specs[output] = spec

    def _node_changed(self, name: str, work: Work) -> bool:
        """Compute a derived value again; True when it differs from the last build's."""
        bare = name[len(NODE):]
        try:
            value, reads = self.inputs.compute(bare)
            digest = digest_of(value)
        except Exception:  # noqa: BLE001 - what it read is gone (a deleted product): its readers rebuild
            work.nodes[bare] = ("", frozenset())
            return True
        work.nodes[bare] = (digest, reads)
        return digest != self.store.key_digest(name)


def _owner_order(owner: str) -> tuple[int, str]:
    head = owner.split("/", 1)[0]
    order = {"site": 0, **{kind: i + 1 for i, kind in enumerate(pages.ENTRY_KINDS)}}
    return (order.get(head, 99), owner)


def produce(job: Job, specs: Sequence[Spec], workers: int | None,
            progress: Callable[[int, int], None] | None = None) -> Iterator[tuple[list[Built], dict[str, tuple[str, frozenset[str]]]]]:
    """Build every page in worker processes, CHUNK pages a task, in spec order: for each task its
    pages and the derived values its worker computed."""
    chunks = parallel.chunked(specs, CHUNK)
    done = 0
    gc.freeze()  # forked workers then leave the parent's objects (and their pages) alone
    try:
        inline = len(specs) <= CHUNK
        for result in parallel.ordered(_work, chunks, workers, initializer=_start, initargs=(job,), inline=inline):
            assert not isinstance(result, parallel.TimedOut)
            done += len(result[0])
            if progress:
                progress(done, len(specs))
            yield result
    finally:
        gc.unfreeze()


@dataclass
class _Worker:
    store: Store
    inputs: Inputs
    views: dict[str, Views]
    env: jinja2.Environment
    job: Job
    tree: Tree


_WORKER: list[_Worker] = []  # this worker process's state, set by _start()


def _start(job: Job) -> None:
    """A worker's set-up: its own read-only view of the state, accessors and Jinja environment."""
    store = Store(job.state, readonly=True)
    inputs = Inputs(store, job.config, job.today)
    views = {lang: Views(inputs, job.config, job.routes, job.assets, lang, job.logo) for lang in job.config.languages}
    tree = Tree(job.tree.dir, job.tree.output, job.tree.fresh, job.tree.lag, store.published)
    qr.keep_in(job.drawings)
    _WORKER[:] = [_Worker(store, inputs, views, render.environment(job.templates, job.bytecode), job, tree)]


def _work(specs: list[Spec]) -> tuple[list[Built], dict[str, tuple[str, frozenset[str]]]]:
    w = _WORKER[0]
    built = [_one(w, spec) for spec in specs]
    computed = w.inputs.computed(fresh=True)
    if w.inputs.trim(KEEP):
        parallel.release_memory()
    return built, computed


KEEP = 3000
"""Entries, bodies, cards and derived values a worker keeps between tasks before it forgets them
all (they are read again from the state when needed): what bounds a worker's memory on a large
site, where every product's entry, body and card would otherwise stay in every worker."""


def _one(w: _Worker, spec: Spec) -> Built:
    kind = pages.KINDS[spec.kind]
    views = w.views[spec.lang]
    try:
        with w.inputs.recording() as reads:
            page = kind.build(views, spec)
    except Exception as exc:  # noqa: BLE001 - a view that cannot be built is a build error, not a crash
        frames = traceback.extract_tb(exc.__traceback__)
        where = frames[-2] if isinstance(exc, UnrecordedRead) and len(frames) > 1 else frames[-1]  # the view's line
        detail = f"{type(exc).__name__}: {exc} ({os.path.basename(where.filename)}:{where.lineno})"
        return Built(spec, "", None, False, frozenset(), None,
                     ("PAGE_VIEW", None, None, {"page": spec.output, "owner": spec.owner, "detail": detail}))
    old = w.store.page(spec.output)
    if kind.part:
        view = digest_of(page.view)
        if old is not None and old[1] == view:
            return Built(spec, view, None, False, frozenset(reads), None)
        return Built(spec, view, None, False, frozenset(reads), None, value=page.view, changed=True)
    if page.template:
        reads.add(TEMPLATE + page.template)
    view = digest_of((page.template, w.job.template_digests.get(page.template, ""), page))
    summary = page.summary()
    published = w.store.published(spec.output)
    if old is not None and old[1] == view and published is not None and published == (old[2], old[3]):
        return Built(spec, view, published, False, frozenset(reads), summary)
    if kind.render is not None:
        data, error = kind.render(views, page), None
    else:
        data, error = render.render_one(w.env, page, w.job.config.display_root)
    if data is None:
        return Built(spec, view, None, True, frozenset(reads), summary, error)
    return Built(spec, view, w.tree.write(spec.output, data), True, frozenset(reads), summary)


def report_errors(built: Sequence[Built], diags: Diagnostics) -> None:
    """Rendering failures as diagnostics; a broken or missing template is reported once, for the
    first page using it, and so is a failure many pages share (the same template line and
    message), with how many other pages it stopped."""
    shared = Counter((e[1], e[2], e[3].get("detail")) for e in (item.error for item in built)
                     if e is not None and e[0] == "TPL_RENDER")
    reported: set[tuple[Any, ...]] = set()
    stopped = False
    for item in built:
        if item.error and not (stopped and item.error[0] != "TPL_RENDER"):
            code, filename, line, params = item.error
            if code == "TPL_RENDER":
                key = (filename, line, params.get("detail"))
                if key in reported:
                    continue
                reported.add(key)
                if shared[key] > 1:
                    code, params = "TPL_RENDER_MANY", dict(params, more=shared[key] - 1)
            diags.error(filename or "templates", line, code, **params)
            stopped = stopped or code not in ("TPL_RENDER", "TPL_RENDER_MANY", "PAGE_VIEW")


def save(store: Store, work: Work, built: Iterable[str]) -> None:
    """Record what this build's plans read, and forget the pages that are gone (but those
    `built` again: an old address that a redirect page answers now)."""
    for owner, (specs, reads) in work.owners.items():
        store.set_owner(owner, specs or None)
        store.set_reads(OWNER + owner, reads)
    made = set(built)
    for output in work.removed:
        if output not in made:
            store.drop_page(output)


def save_nodes(store: Store, nodes: dict[str, tuple[str, frozenset[str]]]) -> None:
    """Record the digest of these derived values and what each read (as the workers send them)."""
    for name, (digest, reads) in nodes.items():
        store.set_key(NODE + name, digest or None)
        store.set_reads(NODE + name, reads)


def save_pages(store: Store, built: Sequence[Built]) -> None:
    """Record what these pages read and what they made."""
    for item in built:
        spec = item.spec
        if item.file is None and not item.changed:
            if item.error is None and item.view:  # a part that came out the same: keep its value
                store.set_reads(PAGE + spec.output, item.reads)
            continue
        summary = item.summary
        store.set_page(spec.output, spec.owner, spec.kind, spec.lang, summary.template if summary else "", item.view,
                       item.file, summary, item.value, feeds.sitemap_entry(summary) if summary else None,
                       summary.photo if summary else None)
        store.set_reads(PAGE + spec.output, item.reads)


def template_keys(digests: dict[str, str]) -> dict[str, str]:
    """Template digests as input keys (`t:<name>`)."""
    return {TEMPLATE + name: digest for name, digest in digests.items()}

