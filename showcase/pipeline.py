"""The build recipe: one function calling each stage in order and returning a `BuildReport`.

Reads like the list of stages: the fingerprint (nothing changed: done), config, the content
brought up to date from the files that changed (content.py), photos planned (photos.py), bodies
rendered (bodies.py), the pages those changes reach (engine.py) built in worker processes into
the work tree, photos processed, the site-wide files (sitemap, feeds' neighbours, exports,
search, offline) written, the swap, and the build state saved. Problems from every stage are
collected first; the build fails once, before anything replaces `output/`. No stage logic lives
here.
"""
from __future__ import annotations

import json
import os
import pickle
import sqlite3
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass, field, replace
from functools import cached_property
from datetime import date
from pathlib import Path

from . import (analytics, assets, components, engine, feeds, images, merchant, navigation, network, offline,
               records, search, security, share, state)
from .bodies import RETRY, Bodies
from .cms import admin_files, check_cms
from .config import SiteConfig, load_config
from .content import Content, ContentUpdate, catalog, problems
from .errors import BuildFailed, Diagnostics
from .images import ImagePlan
from .options import DEFAULT_CACHE, KILL_SWITCH_ENV, Options, build_date  # noqa: F401 (re-exported)
from .inputs import ASSETS, FRAMES, PARTNERS, TODAY, Inputs
from .model import Catalog
from .photos import Photos
from .render import environment, template_digests, template_dirs
from .report import BuildReport, Reporter
from .routes import EXPORTS, KATALOG_SCHEMA, ROBOTS, SITEMAP, OutputPaths, Routes
from .store import Store, digest_of, state_path, temporary_path
from .views import Page, Views
from .writer import Blobs, OutputError, Staging, tree_id

PART = "part:"  # outputs of parts of site-wide files (pages/parts.py): kept in the state, never written


@dataclass
class Analysis:
    """The content brought up to date in the build state, before any page is made."""

    config: SiteConfig
    store: Store
    routes: Routes
    content: ContentUpdate
    changed: set[str]
    diags: Diagnostics
    today: date
    everything: bool
    photos: Photos
    code: str
    fingerprint: str
    restore: bool = False
    """output/ is gone but the cache knows it (a CI run): it is brought back from the blobs."""
    template_digests: dict[str, str] = field(default_factory=dict)
    """Each template's digest with everything it uses."""

    @cached_property
    def catalog(self) -> Catalog:
        """Every entry, loaded whole (for `showcase check` and the site-wide files made from it)."""
        return catalog(self.store, self.content.logo)

    @cached_property
    def plans(self) -> dict[str, ImagePlan]:
        """Every photo's plan by source file."""
        return {source: plan for source in self.store.plan_sources() if (plan := self.store.plan(source))}

    def body(self, kind: str, slug: str, lang: str) -> str | None:
        """An entry's rendered body in lang."""
        return self.store.body(f"{kind}/{slug}/{lang}")


def open_store(options: Options) -> Store:
    """The build state of this output folder (a throwaway one without a cache)."""
    if options.cache is None:
        return Store(temporary_path(), temporary=True)
    return Store(state_path(options.cache, options.output))


def open_blobs(options: Options) -> Blobs | None:
    """The content-addressed copies of this output folder's files in the cache (none without one)."""
    if options.cache is None:
        return None
    return Blobs(state_path(options.cache, options.output).with_suffix(".blobs"))


def analyse(options: Options, reporter: Reporter | None = None, store: Store | None = None,
            found: state.Scan | None = None) -> Analysis:
    """Bring the build state's content up to date with content/ (reading only the files that
    changed) and collect every content problem; writes nothing but the build state."""
    today = options.today or build_date()
    store = store or open_store(options)
    diags = Diagnostics()
    if not options.content.is_dir():
        diags.error(options.content.as_posix(), None, "CT_NO_CONTENT")
    config = load_config(options.content, diags, options.base_url, options.editor)
    check_cms(config, diags)
    analytics.check(config.analytics, config.display(config.content_dir / "site.yaml"), diags)
    merchant.check_config(config, diags)
    dirs = template_dirs(options.templates)
    found = found or state.scan(store, options, dirs, today)
    fingerprint, code = found.fingerprint, found.code
    settings = digest_of((code, config, options.drafts, [str(d.resolve()) for d in dirs],  # (however the path is spelt)
                          os.environ.get(KILL_SWITCH_ENV, "")))
    full = store.meta("settings") != settings
    if full:
        store.clear(sources=store.meta("code") != code)
    content_root = str(config.content_dir) + os.sep
    known = found.known if found.known is not None and not full else store.file_stats()
    seen = {path: value for path, value in found.seen.items() if path.startswith(content_root)}
    changed_paths = {p for p, (_, d) in seen.items() if known.get(p, (None, None))[1] != d}
    changed_paths |= {p for p in known if p.startswith(content_root) and p not in seen}
    out_id = tree_id(options.output)
    blobs = open_blobs(options)
    restore = (not full and out_id is None and blobs is not None and blobs.root.is_dir()
               and store.meta("output") is not None)
    # (no output known: no build with this state ever succeeded, e.g. the first one failed)
    everything = full or store.meta("output") is None or (store.meta("output") != out_id and not restore)
    build = int(store.meta("build", 0)) + 1
    routes = Routes(config.base_path, config.origin, config.languages)
    with store.transaction():
        store.set_files([(p, key, d) for p, (key, d) in found.seen.items() if known.get(p, (None, None))[0] != key],
                        [p for p in known if p not in found.seen])
        content = Content(store, config, options.drafts, today).update(changed_paths, full, found.listing)
        changed_entries = {k[2:] for k in content.changed if k.startswith("e:")}
        photos = Photos(store, config, options.cache, changed_paths)
        photos.files(p for p in changed_paths if not p.endswith(".md"))
        photos.entries(sorted(changed_entries - content.removed))
        photos.logo(content.logo)
        bodies = Bodies(store, config, routes, photos.plan, code, build, options.workers, options.render_timeout,
                        thumbnails_folder(options))
        changed_bodies = bodies.update(changed_entries, content.added | content.removed
                                       | {"file:" + p for p in changed_paths} | {RETRY})
        changed_bodies |= _frames(store)
        photos.drop_unused(p[len("file:"):] for p in _released(store, changed_paths) | content.released | bodies.released)
        changed = content.changed | changed_bodies | photos.changed | store.pending()
        refs = store.meta("template refs") or {}
        digests = template_digests(environment(options.templates), refs)
        store.set_meta("template refs", refs)
        changed |= _templates(store, digests)
        if store.meta("today") != today:
            changed.add(TODAY)
            store.set_meta("today", today)
        changed |= _partners(store, config, options, today, diags)
        store.add_pending(changed)
        store.set_meta("build", build)
        store.set_meta("settings", settings)
        store.set_meta("code", code)
        if full:
            store.prune_memo(build)
    diags.extend(problems(store, content))
    navigation.check(config, store, routes, diags)
    return Analysis(config, store, routes, content, changed, diags, today, everything, photos, code, fingerprint,
                    restore, digests)


def thumbnails_folder(options: Options) -> Path:
    """Where the videos' provider thumbnails are kept between builds (components.fetch_thumbnail)."""
    if options.cache is not None:
        return options.cache / "thumbnails"
    return Path(tempfile.gettempdir()) / "showcase-thumbnails"


def _frames(store: Store) -> set[str]:
    """The video providers the site's bodies embed (the CSP's `frame-src`), kept as a key that
    the pages read (Inputs.frames): the first video of a provider, or the last one going,
    changes every page's policy."""
    used = tuple(o for o in components.FRAME_ORIGINS if store.referrers("frame:" + o))
    value_digest = digest_of(used)
    if store.key_digest(FRAMES) == value_digest:
        return set()
    store.set_key(FRAMES, value_digest, used, keep_value=True)
    return {FRAMES}


def build(options: Options, reporter: Reporter | None = None, found: state.Scan | None = None) -> BuildReport:
    """Build the site; raises BuildFailed (with every problem) and leaves output/ untouched on error.
    With a cache, a build whose inputs all match the last successful one writes nothing, and any
    other build makes only the pages that read something that changed. `found`: the scan of the
    inputs the caller already made (the command line's no-change check), so it is not made twice."""
    reporter = reporter or Reporter(quiet=True)
    started = time.perf_counter()
    try:
        return _with_state(options, reporter, started, found)
    except sqlite3.OperationalError as exc:  # a full disk or an unwritable cache
        raise OutputError("output.state", detail=str(exc), output=options.output.as_posix()) from exc


def _with_state(options: Options, reporter: Reporter, started: float, found: state.Scan | None) -> BuildReport:
    store = open_store(options)
    try:
        return _build(options, reporter, store, started, found)
    except sqlite3.OperationalError:
        raise
    except (sqlite3.DatabaseError, pickle.UnpicklingError, EOFError):
        # A damaged build state (a cut-short cache restore, a full disk): start from nothing.
        store.close()
        store = open_store(options)
        store.close()
        for suffix in ("", "-wal", "-shm"):
            with suppress(OSError):
                os.unlink(f"{store.path}{suffix}")
        store = open_store(options)
        return _build(options, reporter, store, started)
    finally:
        store.close()


def _build(options: Options, reporter: Reporter, store: Store, started: float,
           found: state.Scan | None = None) -> BuildReport:
    today = options.today or build_date()
    dirs = template_dirs(options.templates)
    found = found or state.scan(store, options, dirs, today)
    if options.cache is not None:
        same = state.unchanged(store, options, dirs, today, found, tree_id(options.output),
                               time.perf_counter() - started)
        if same is not None:
            reporter.summary(same)
            return same
    a = analyse(replace(options, today=today), reporter, store, found)
    diags, config, routes = a.diags, a.config, a.routes
    _check(diags, options, reporter, started)
    if a.everything:  # the output is new or unknown: nothing of it or of the kept tree is trusted
        with store.transaction():
            store.reset_manifests()
            store.set_meta("spare", None)
    static = assets.collect(dirs)
    assets.check_theme(dirs, static, diags)
    _check(diags, options, reporter, started)
    asset_urls = _asset_urls(static, routes, config)
    assets_digest = digest_of(sorted(asset_urls.items()))
    if store.key_digest(ASSETS) != assets_digest:  # a new stylesheet or script: the pages linking to it
        with store.transaction():
            store.set_key(ASSETS, assets_digest)
            store.add_pending({ASSETS})
        a.changed.add(ASSETS)
    digests = a.template_digests
    inputs = Inputs(store, config, a.today)
    builder = engine.Engine(store, inputs, config, routes)
    owners = a.content.added | a.content.removed
    work = builder.dirty(a.changed, {o for o in owners if o.split("/", 1)[0] in engine.pages.ENTRY_KINDS},
                         a.everything)
    inputs.trim(0)  # what planning read: the workers read it again, and forked workers need not share it
    claims = OutputPaths(diags)
    for specs, _ in work.owners.values():
        for spec in specs:
            if not spec.output.startswith(PART):
                claims.claim(spec.output, spec.owner)
    _gone(a, work, diags)
    _check(diags, options, reporter, started)
    blobs = open_blobs(options)
    staging = Staging(options.output, protected=[config.content_dir, *dirs, Path.cwd()],
                      published=store.published, lag=store.lag(), spare_id=store.meta("spare"),
                      changing=lambda tree: _mark(store, tree),
                      keep_previous=options.cache is not None and not a.everything, blobs=blobs,
                      seed_previous=options.cache is not None and not a.restore)
    # (a build that brought output/ back from the cache runs where output/ is not kept: a CI
    # runner, which would throw a kept tree away unused)
    force = False
    try:
        if a.restore and blobs is not None:
            stale = _restore(staging, store, blobs)
            stale_pages = {p for p in stale if store.page(p) is not None}
            for path in stale - stale_pages:  # a share image: the pages linking to it make it again
                stale_pages.update(store.outputs_of(owner) if (owner := share.owner_of(path)) else ())
            builder.add_stale(work, stale_pages)
            force = bool(stale - stale_pages)  # a site-wide file or a photo: make those again
        store.begin()
        for asset in static.values():
            staging.write_bytes(asset.output, asset.data)
        current = {asset.output for asset in static.values()}
        for old in store.published_paths("assets/"):  # an earlier version of a theme file
            if old not in current:
                staging.delete(old)
        if config.cms.enabled:
            for relative, data in admin_files(config, a.catalog).items():
                staging.write_bytes(relative, data)
        job = engine.Job(store.path, config, routes, a.today, tuple(dirs), digests, asset_urls, a.content.logo,
                         staging.tree().portable(), options.cache / "templates" if options.cache else None,
                         options.cache / "qr" if options.cache else None)
        produced = engine.Produced()
        old_shares = _shares_of(store, work.removed)  # what the last build's pages linked to and listed
        old_entries = {o: store.sitemap_entry(o) for o in work.removed}
        listed: set[int] = set()  # hash buckets of the pages whose sitemap entry came, went or changed
        engine.save_nodes(store, work.nodes)  # (those the workers compute again come after, and win)
        for chunk, computed in engine.produce(job, work.specs, options.workers,
                                              lambda d, t: reporter.progress("pages", d, t)):
            outputs = [item.spec.output for item in chunk]
            old_shares.update(_shares_of(store, outputs))
            before = {} if a.everything else {o: store.sitemap_entry(o) for o in outputs}  # (all are written)
            for item in chunk:
                if item.file is not None:
                    staging.record(item.spec.output, item.file)
            engine.save_pages(store, chunk)  # (rolled back with the rest if the build fails)
            listed |= _listing_changes(store, before)
            produced.add(chunk)
            engine.save_nodes(store, computed)
        engine.report_errors(produced.errors, diags)
        _check(diags, options, reporter, started)
        planned = work.planned()
        for output in work.removed:  # (an output another page now has, e.g. an old address, stays)
            if not output.startswith(PART) and output not in planned:
                staging.delete(output)
        engine.save(store, work, produced.outputs)
        listed |= _listing_changes(store, old_entries)
        made, reused = _photos(staging, a, options, reporter, force)
        shared = _shares(staging, store, produced.shares, old_shares, options)
        staging.write_text(ROBOTS, feeds.robots(routes))
        _sitemaps(staging, store, routes, listed, a.everything or force)
        changed_parts = {o.split("/", 1)[0] for o in produced.changed} \
            | {o.split("/", 1)[0] for o in work.removed if o.startswith(PART)}
        _exports(staging, store, config, routes, "part:export" in changed_parts or "f:products" in a.changed
                 or a.everything or force)
        _merchant(staging, store, config, routes, diags)
        touched = produced.changed | set(work.removed)  # parts made again with another value, or gone
        _orders(staging, store, routes, None if a.everything or force else touched)
        structural = a.everything or force or any(k.startswith((
            "e:region/", "e:category/", "f:kind/region", "f:kind/category", "e:program/", "f:kind/program"))
            for k in a.changed)
        _search(staging, store, config, routes, "part:search" in changed_parts or structural,
                None if structural else touched)
        _records(staging, store, config, touched, a.everything or force)
        report_offline = _offline(staging, store, a, routes, config)
        _redirects(staging, store, config, routes, diags)
        released = [e[0] for p in staging.changes if (e := store.published(p)) is not None]
        lag = staging.commit(store.published_paths)
        store.set_manifests(staging.changes, lag)
        if blobs is not None:
            if a.everything:
                blobs.prune_except(store.published_digests())
            else:
                blobs.prune(store.unreferenced(released))
    except BaseException:
        staging.abort()
        store.rollback()
        raise
    report = _report(diags, options, started)
    report.pages = store.page_count()
    report.products = store.count("product")
    report.rendered = produced.rendered
    report.images_made, report.images_reused = made + shared[0], reused + shared[1]
    report.languages, report.output = config.languages, options.output.as_posix()
    report.untranslated = {lang: store.untranslated(lang) for lang in config.languages[1:]}
    report.offline = report_offline
    if blobs is not None:
        report.cache_state = store.file_bytes()
        report.cache_blobs = store.published_bytes()[1]
    store.set_meta("output", tree_id(options.output))
    store.set_meta("spare", staging.spare_id())
    store.set_meta("changing", None)
    store.set_meta("fingerprint", a.fingerprint)
    store.set_meta("report", replace(report, offline=None))  # what the no-change answer prints
    store.clear_pending()
    store.commit()
    reporter.summary(report)
    return report


def _asset_urls(static: dict[str, assets.Asset], routes: Routes, config: SiteConfig) -> dict[str, str]:
    """The theme's file URLs the pages link (css, js, search, order, count); counting is opt-in, so
    without `analytics:` its script is dropped from `static` and never written nor linked."""
    if config.analytics is None:
        static.pop(analytics.SCRIPT, None)
    urls = {name.rsplit(".", 1)[-1]: routes.asset(asset.output) for name, asset in static.items()
            if name in ("site.css", "site.js")}
    for key, name in (("search", "search.js"), ("order", "order.js"), ("count", analytics.SCRIPT)):
        urls[key] = routes.asset(static[name].output) if name in static else ""
    return urls


def page_views(options: Options) -> dict[str, Page]:
    """Every page's view, built in this process and not rendered, by output path: what each
    template would receive (for tests and tools). Raises BuildFailed on content errors."""
    a = analyse(options)
    try:
        if a.diags.errors:
            raise BuildFailed(a.diags)
        dirs = template_dirs(options.templates)
        urls = _asset_urls(assets.collect(dirs), a.routes, a.config)
        inputs = Inputs(a.store, a.config, a.today)
        ctx = engine.pages.Context(inputs, a.config, a.routes)
        views = {lang: Views(inputs, a.config, a.routes, urls, lang, a.content.logo) for lang in a.config.languages}
        found = {}
        for owner in engine.Engine(a.store, inputs, a.config, a.routes).all_owners():
            for spec in engine.pages.plan(ctx, owner):
                found[spec.output] = engine.pages.build(views[spec.lang], spec)
        return found
    finally:
        a.store.close()


def _gone(a: Analysis, work: engine.Work, diags: Diagnostics) -> None:
    """A product or maker page the last build published and this one does not, with no old
    address (`aliases`) answering there: QR codes already printed and links already shared lead
    to nothing. A warning, since a product may be withdrawn on purpose."""
    planned = work.planned()
    for owner in sorted(a.content.removed):
        kind, slug = owner.split("/", 1)
        if kind not in ("product", "maker"):
            continue
        path = a.routes.path(kind, slug, a.config.languages[0])
        if Routes.output_file(path) in planned:
            continue
        diags.warning(a.content.removed_files.get(owner) or a.config.display(a.config.content_dir), None,
                      "PAGE_GONE", address=a.routes.absolute(kind, slug, a.config.languages[0]), slug=slug)


def _restore(staging: Staging, store: Store, blobs: Blobs) -> set[str]:
    """Bring output/ back from the blobs into the work tree; the paths whose blob was missing or
    damaged, forgotten from the manifest so that they are made again. Until this build succeeds
    the state knows no output folder, so a build that fails now leaves the next one to do
    everything rather than trust a manifest that lacks the forgotten files' pages."""
    stale = staging.restore(blobs, sorted(store.published_map().items()))
    if stale:
        with store.transaction():
            store.forget_published(stale)
            store.set_meta("output", None)
    return stale


def _partners(store: Store, config: SiteConfig, options: Options, today: date, diags: Diagnostics) -> set[str]:
    """The partners' kept copies read and made safe (issue 14); their key when they changed."""
    found = network.load(list(config.partners), network.copies_dir(options.content, options.cache), today, diags,
                         config.display(config.content_dir / "site.yaml"))
    if store.meta("partners") == found:
        return set()
    store.set_meta("partners", found)
    return {PARTNERS}


def _mark(store: Store, tree: object) -> None:
    """Durably note that the kept tree is being changed (a build killed now must not trust it)."""
    with store.transaction():
        store.set_meta("changing", tree)
        if tree is not None and store.meta("spare") == tree:
            store.set_meta("spare", None)


def _released(store: Store, changed_paths: set[str]) -> set[str]:
    """Photo files that may no longer be named by anything: those changed or deleted (and, see
    the callers, those an entry or a body stopped naming)."""
    return {"file:" + p for p in changed_paths if not p.endswith(".md")}


def _templates(store: Store, digests: dict[str, str]) -> set[str]:
    """Keys of templates whose digest (with everything they use) changed."""
    changed = set()
    for key, digest in engine.template_keys(digests).items():
        if store.key_digest(key) != digest:
            store.set_key(key, digest)
            changed.add(key)
    return changed


def _photos(staging: Staging, a: Analysis, options: Options, reporter: Reporter, force: bool = False) -> tuple[int, int]:
    """Photo variants into the work tree: those of new or changed photos (of every photo when the
    output is new, or `force`: those output/ lacks); variants no photo has any more go."""
    wanted, gone = a.photos.outputs(a.everything or force)
    todo = [p for p in wanted if any(staging.published(v.path) is None for v in p.variants)]
    kept = sum(len(p.variants) for p in wanted if p not in todo)
    result = images.process(todo, a.config.images, options.cache, staging.dir, options.workers,
                            lambda d, t: reporter.progress("images", d, t))
    for plan in todo:
        for variant in plan.variants:
            if (staging.dir / variant.path).is_file():
                staging.adopt(variant.path)
    for path in sorted(gone):
        staging.delete(path)
    a.diags.extend(result.diagnostics)
    _check(a.diags, options, reporter, time.perf_counter())
    return result.made, result.reused + kept


def _shares_of(store: Store, outputs: list[str]) -> dict[str, share.SharePlan]:
    """The share images the last build's versions of these pages linked to."""
    return {s.share.path: s.share for s in store.summaries(outputs) if s.share is not None}


def _shares(staging: Staging, store: Store, new: dict[str, share.SharePlan], old: dict[str, share.SharePlan],
            options: Options) -> tuple[int, int]:
    """Share images of the pages built (`new`, by path), like photos: one the output holds stays;
    one no page links to any more goes. The preview draws none: only a chat app opening a public
    link shows them, and a saved price would wait for its page's image."""
    if options.preview:
        return 0, 0
    todo = [s for s in new.values() if staging.published(s.path) is None]
    made, reused = share.process(todo, staging.dir, options.cache, [staging.output])
    for plan in todo:
        staging.adopt(plan.path)
    for path in sorted(set(old) - set(new)):
        owner = share.owner_of(path) or ""
        if not any(s.share is not None and s.share.path == path for s in store.summaries(store.outputs_of(owner))):
            staging.delete(path)
    return made, reused + len(new) - len(todo)


def _listing_changes(store: Store, old: dict[str, tuple[str | None, int] | None]) -> set[int]:
    """The hash buckets of the pages whose sitemap entry differs from `old` (as the store holds
    them before the pages were saved)."""
    changed: set[int] = set()
    for output, before in old.items():
        after = store.sitemap_entry(output)
        if (before[0] if before else None) != (after[0] if after else None):
            changed.add(((after or before) or (None, 0))[1])
    return changed


def _sitemaps(staging: Staging, store: Store, routes: Routes, buckets: set[int], everything: bool) -> None:
    """The sitemap files whose pages came, went or changed their entry (`buckets`, see
    _listing_changes); all when their number changed."""
    parts = feeds.sitemap_parts(store.listed_count())
    changed = {bucket % parts for bucket in buckets}
    if parts != store.meta("sitemap parts") or everything:
        changed = set(range(parts))
        for name in store.published_paths("sitemap-"):
            staging.delete(name)
        store.set_meta("sitemap parts", parts)
    if not changed:
        return
    if parts == 1:
        staging.write_text(SITEMAP, feeds.urlset(store.sitemap_entries()))
        return
    staging.write_text(SITEMAP, feeds.sitemap_index(parts, routes))
    for part in sorted(changed):
        staging.write_text(feeds.sitemap_name(part), feeds.urlset(store.sitemap_entries(parts, part)))


def _exports(staging: Staging, store: Store, config: SiteConfig, routes: Routes, changed: bool) -> None:
    """`katalog.json` and `katalog.csv` from each product's part, newest first, when one changed."""
    if not changed:
        return
    parts = store.export_parts()
    json_name, csv_name = EXPORTS
    staging.write_text(json_name, feeds.export_json((p[0] for p in parts), config, routes))
    staging.write_text(csv_name, feeds.export_csv(p[1] for p in parts))
    schema_text = json.dumps(network.schema(routes.absolute_asset(KATALOG_SCHEMA)), ensure_ascii=False, indent=1)
    staging.write_text(KATALOG_SCHEMA, schema_text + "\n")


def _merchant(staging: Staging, store: Store, config: SiteConfig, routes: Routes, diags: Diagnostics) -> None:
    """`merchant/google.xml` and `merchant/meta.csv` from each product's items, newest first (put
    together on every build, so an id two products share is reported every time)."""
    if not merchant.feeds_enabled(config):
        for old in (merchant.GOOGLE, merchant.META):
            if store.published_paths(old):
                staging.delete(old)
        return
    google: list[str] = []
    meta: list[str] = []
    seen: dict[str, str] = {}
    for slug, value in store.merchant_parts():
        if value is None:
            continue
        for xml_item, row, item_id in zip(*value):
            if item_id in seen:
                diags.warning(store.entry(f"product/{slug}").display, None, "FEED_DUPLICATE_ID", id=item_id,
                              other=seen[item_id])
                continue
            seen[item_id] = slug
            google.append(xml_item)
            meta.append(row)
    lang = config.languages[0]
    staging.write_text(merchant.GOOGLE, merchant.google_feed(google, config.text("title", lang),
                                                             routes.absolute("home", None, lang),
                                                             config.text("description", lang)))
    staging.write_text(merchant.META, merchant.meta_feed(meta))


def _orders(staging: Staging, store: Store, routes: Routes, touched: set[str] | None) -> None:
    """The order list's data file of each language, from every product's entry. `touched`: the
    parts made again or gone (outputs); the entries among them are patched into the last build's
    lines, and a language with none keeps its file. None: read every entry again."""
    from .pages import order

    for lang, _, data in routes.order_files():
        prefix = f"{PART}order/{lang}/"
        mine = None if touched is None else sorted(o for o in touched if o.startswith(prefix))
        lines = store.meta(f"order lines {lang}") if mine is not None else None
        if lines is not None and not mine:
            continue
        if lines is None:
            lines = dict(store.parts(order.ENTRY, lang))
        else:
            for output in mine or ():
                value = next(iter(store.part_values([output])), None)
                if value is None:
                    lines.pop(output, None)
                else:
                    lines[output] = value
        store.set_meta(f"order lines {lang}", lines)
        staging.write_text(data, order.data_file(list(lines.values())))


def _redirects(staging: Staging, store: Store, config: SiteConfig, routes: Routes, diags: Diagnostics) -> None:
    """`_redirects` from the old addresses' pages, when site.yaml asks for one (`redirects:`)."""
    from .pages import aliases

    if config.redirects is None:
        staging.delete(aliases.REDIRECTS_FILE)
        return
    text, left = aliases.redirects_file(store.pages_of(aliases.KIND), routes, config.redirects)
    staging.write_text(aliases.REDIRECTS_FILE, text)
    if left:
        diags.warning(config.display(config.content_dir / "site.yaml"), None, "ROUTE_REDIRECTS_LIMIT",
                      limit=aliases.REDIRECTS_LIMIT, left=left)


def _search(staging: Staging, store: Store, config: SiteConfig, routes: Routes, changed: bool,
            touched: set[str] | None) -> None:
    """The search index of every language from the products' documents, when one changed.
    `touched`: the documents made again or gone (outputs), or None when every document must be
    read again (a region, category or programme changed). A few documents that kept their place
    (a price, a stock state) are patched into the last build's columns; one that changed its
    words but not its place also has its words' term shards coded again from the words it had
    (the `indexed` texts), not every document's."""
    if not changed:
        return
    regions = [store.entry(f"region/{s}") for s in store.members("region")]
    categories = [store.entry(f"category/{s}") for s in store.members("category")]
    programs = [store.entry(f"program/{s}") for s in store.members("program")]  # issue 14
    frame = search.Frame(regions, categories, programs)
    kept: dict[str, tuple[str, list[tuple[str, bytes]]]] = store.meta("search shards") or {}
    memo = search.Memo(kept=kept)
    files: dict[str, bytes] = {}
    for lang in config.languages:
        cols = store.meta(f"search columns {lang}") if touched is not None and lang in kept else None
        texts: list[tuple[str, str]] | None = None
        if cols is not None:
            prefix = f"{PART}search/{lang}/"
            outputs = sorted(o for o in touched or () if o.startswith(prefix))
            docs = list(store.part_values(outputs))
            reworded = cols.patch(docs, frame) if len(docs) == len(outputs) else None  # None: one is gone, new or moved
            if reworded:  # new words in the same places: their term shards are coded again from the old words
                was = store.indexed_texts(lang, [d.slug for _, d in reworded])
                if len(was) == len(reworded):
                    kept[lang] = ("", search.reword(kept[lang][1], [(i, was[d.slug], (d.title, d.other))
                                                                    for i, d in reworded]))
                    store.set_indexed(lang, [(d.slug, d.title, d.other) for _, d in reworded])
                else:
                    reworded = None
            if reworded is None:
                cols = None
        if cols is None:
            ordered = sorted((doc for _, doc in store.parts("search-doc", lang)), key=lambda d: (d.newest, d.slug))
            cols, texts = search.columns(ordered, frame), [(d.title, d.other) for d in ordered]
            store.set_indexed(lang, [(d.slug, d.title, d.other) for d in ordered], every=True)
        files.update(search.assemble(cols, texts, frame, regions, categories, config, routes, lang, memo, programs))
        store.set_meta(f"search columns {lang}", cols)
    store.set_meta("search shards", memo.kept)
    for relative, data in files.items():
        staging.write_bytes(relative, data)
    for old in store.published_paths(search.INDEX_DIR + "/"):
        if old not in files:
            staging.delete(old)


def _records(staging: Staging, store: Store, config: SiteConfig, changed: set[str], everything: bool) -> None:
    """The offline record chunks (records.py) whose records changed; all of a language when
    its number of buckets changed."""
    touched: dict[str, set[str]] = {}
    for output in changed:
        if output.startswith(records.PREFIX):
            lang, key = records.key_of(output)
            touched.setdefault(lang, set()).add(key)
    for lang in config.languages:
        outputs = store.part_outputs(engine.pages.records.RECORD, lang)
        buckets = records.bucket_count(len(outputs))
        old = {records.bucket_of_path(p): p for p in store.published_paths(f"{records.RECORDS_DIR}/{lang}/")}
        every = everything or store.meta(f"record buckets {lang}") != buckets
        todo = set(range(buckets)) if every else \
            {records.bucket_of(key, buckets) for key in touched.get(lang, ())}
        if not todo and not (set(old) - set(range(buckets))):
            continue
        # Each record's hash, kept: worked out in Python byte by byte, it cost more than the
        # rest of this stage on a large site, and a record's key never changes.
        kept = store.meta(f"record hashes {lang}") or {}
        hashes = {o: kept[o] if o in kept else records.fnv1a(records.key_of(o)[1]) for o in outputs}
        if hashes.keys() != kept.keys():
            store.set_meta(f"record hashes {lang}", hashes)
        members: dict[int, list[str]] = {}
        for output in outputs:
            bucket = records.bucket_of_hash(hashes[output], buckets)
            if bucket in todo:
                members.setdefault(bucket, []).append(output)
        for bucket in sorted(todo | (set(old) - set(range(buckets)))):
            data = records.chunk(store.part_values(members.get(bucket, []))) if bucket in members else None
            path = records.chunk_path(lang, bucket, data) if data is not None else None
            if bucket in old and old[bucket] != path:
                staging.delete(old[bucket])
            if data is not None and path is not None and old.get(bucket) != path:
                staging.write_bytes(path, data)
        store.set_meta(f"record buckets {lang}", buckets)


class _Files:
    """The new site's files: the published manifest with this build's changes."""

    def __init__(self, staging: Staging, store: Store) -> None:
        self.staging, self.store = staging, store
        self._published: dict[str, tuple[str, int]] | None = None

    def __call__(self, path: str) -> tuple[str, int] | None:
        if path in self.staging.changes:
            return self.staging.changes[path]
        if self._published is None:  # one read of the manifest: the precache list asks for every page
            self._published = self.store.published_map()
        return self._published.get(path)

    def under(self, prefix: str) -> list[str]:
        found = set(self.store.published_paths(prefix)) | {p for p in self.staging.changes if p.startswith(prefix)}
        return sorted(p for p in found if self(p) is not None)

    def tops(self) -> list[str]:
        new = {p.split("/", 1)[0] + ("/" if "/" in p else "") for p, e in self.staging.changes.items() if e}
        return sorted(set(self.store.published_tops()) | new)


def _offline(staging: Staging, store: Store, a: Analysis, routes: Routes, config: SiteConfig) -> offline.OfflineResult:
    logo = a.content.logo
    plan = store.plan(str(logo.source)) if logo is not None else None
    small = offline.preferred_variant(plan, config.images.formats) if plan else None
    # The icons are drawn again only when what they are drawn from changed (or the output is new).
    icons = digest_of((a.code, plan.key if plan else None, config.title, config.theme_color,
                       config.offline.background_color))
    draw = a.everything or store.meta("icons") != icons
    store.set_meta("icons", icons)
    return offline.write(staging, config, routes, logo.source if plan and logo else None, small.path if small else None,
                         store.html_pages(), _Files(staging, store),
                         {lang: store.meta(f"record buckets {lang}", 1) for lang in config.languages},
                         security.site_csp(frames=store.key_value(FRAMES) or (),
                                           connect=analytics.connect(config.analytics)), draw_icons=draw)


def _report(diags: Diagnostics, options: Options, started: float) -> BuildReport:
    return BuildReport(errors=diags.errors, warnings=diags.warnings, fixes=diags.fixes, strict=options.strict,
                       seconds=time.perf_counter() - started)


def _check(diags: Diagnostics, options: Options, reporter: Reporter, started: float) -> None:
    if diags.errors or (options.strict and diags.warnings):
        _fail(diags, options, reporter, started)


def _fail(diags: Diagnostics, options: Options, reporter: Reporter, started: float) -> None:
    report = _report(diags, options, started)
    report.output = options.output.as_posix()
    reporter.summary(report)
    raise BuildFailed(diags, report)
