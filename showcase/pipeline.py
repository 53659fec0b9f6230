"""The build recipe: one function calling each stage in order and returning a `BuildReport`.

Reads like the list of stages: the fingerprint (nothing changed: done), config, catalog, images
planned, bodies rendered (or remembered), views, pages produced into the work tree (only those
whose signature changed), images processed, swap, state saved. Problems from every stage are
collected first; the build fails once, before anything replaces `output/`. No stage logic lives
here.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from functools import partial
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Mapping

from . import assets, feeds, images, markup, offline, qr, search, share, state, views
from .cms import admin_files, check_cms
from .config import KILL_SWITCH_ENV, SiteConfig, load_config
from .errors import BuildFailed, Diagnostics, did_you_mean
from .loader import load_catalog, resolve_image
from .memo import Memo, key
from .model import Catalog, Entry
from .pages import product_inputs
from .render import Deferred, Made, environment, produce, template_dirs, template_digests
from .report import BuildReport, Reporter, missing_translations
from .routes import OutputPaths, Routes
from .schema import ImageSpec
from .strings import strings_for
from .writer import Staging

DEFAULT_CACHE = Path(".cache/showcase")
PRODUCTS_PER_TASK = 100


@dataclass(frozen=True)
class Options:
    """Everything a build depends on besides the files themselves."""

    content: Path = Path("content")
    output: Path = Path("output")
    templates: Path | None = Path("templates")
    cache: Path | None = DEFAULT_CACHE
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    workers: int | None = None
    today: date | None = None
    render_timeout: float = markup.RENDER_TIMEOUT_S


def build_date() -> date:
    """The date the build counts as today: SOURCE_DATE_EPOCH when set, else today in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.date()


@dataclass(frozen=True)
class Analysis:
    """Everything known about the content before any page is rendered."""

    config: SiteConfig
    catalog: Catalog
    routes: Routes
    planner: images.ImagePlanner
    bodies: dict[tuple[str, str, str], str]
    diags: Diagnostics
    today: date


def analyse(options: Options, reporter: Reporter | None = None, code: str | None = None) -> Analysis:
    """Read, validate and cross-check all content, plan photos and render bodies; writes nothing
    but the cache. `code` is showcase's code digest (state.code_digest) when the caller has it."""
    reporter = reporter or Reporter(quiet=True)
    diags = Diagnostics()
    today = options.today or build_date()
    if not options.content.is_dir():
        diags.error(options.content.as_posix(), None, "CT_NO_CONTENT")
    config = load_config(options.content, diags, options.base_url)
    check_cms(config, diags)
    code = code or state.code_digest()
    front_matter = Memo(options.cache, "front-matter")
    catalog = load_catalog(config, diags, options.drafts, today, front_matter, code)
    front_matter.save()
    routes = Routes(config.base_path, config.origin, config.languages)
    planner = images.ImagePlanner(config.images, options.cache)
    plan_catalog_images(catalog, planner, reporter)
    bodies = render_bodies(catalog, config, routes, planner, diags, options, code)
    diags.extend(planner.diagnostics)
    return Analysis(config, catalog, routes, planner, bodies, diags, today)


def build(options: Options, reporter: Reporter | None = None) -> BuildReport:
    """Build the site; raises BuildFailed (with every problem) and leaves output/ untouched on error.
    With a cache, a build whose inputs all match the last successful one writes nothing, and
    any other build renders only the pages whose signature changed (see state.py, writer.py)."""
    reporter = reporter or Reporter(quiet=True)
    started = time.perf_counter()
    today = options.today or build_date()
    dirs = template_dirs(options.templates)
    store = state.Store(options.cache, options.output) if options.cache is not None else None
    fast = store.load_fast() if store else state.Fast()
    scanner = state.Scanner(fast.stats)
    fingerprint, code = state.fingerprint(scanner, [(options.content, "content")]
                                          + [(d, f"templates-{i}") for i, d in enumerate(dirs)],
                                          _settings(options, today))
    if store and fast.report is not None and fast.fingerprint == fingerprint \
            and fast.output is not None and fast.output == state.tree_id(options.output):
        report = replace(fast.report, seconds=time.perf_counter() - started, unchanged=True)
        reporter.summary(report)
        if scanner.seen != fast.stats:
            store.save(replace(fast, stats=scanner.seen), None)
        return report

    a = analyse(replace(options, today=today), reporter, code)
    diags, config = a.diags, a.config
    _check(diags, options, reporter, started)

    static = assets.collect(dirs)
    asset_urls = {name.rsplit(".", 1)[-1]: a.routes.asset(asset.output) for name, asset in static.items()
                  if name in ("site.css", "site.js")}
    asset_urls["search"] = a.routes.asset(static["search.js"].output) if "search.js" in static else ""
    plans = {str(p.source): p for p in a.planner.plans()}
    shares = share.plan_all(a.catalog, plans, config.languages,
                            {lang: strings_for(lang)["price_on_request"] for lang in config.languages})
    codes = qr.prepare(views.qr_urls(a.catalog, a.routes), options.cache, options.workers)
    builder = views.ViewBuilder(a.catalog, config, a.routes, plans, a.bodies, a.today, asset_urls,
                                shares=shares, qr_codes=codes)
    claims = OutputPaths(diags)
    for lang in config.languages:
        for product in a.catalog.products:
            claims.claim(Routes.output_file(a.routes.path("product", product.slug, lang)), product.display)
    _check(diags, options, reporter, started)
    full = store.load_full() if store else None
    staging = Staging(options.output, protected=[config.content_dir, *dirs, Path.cwd()],
                      known=full.trees if full is not None else None,
                      changing=store.changing if store else None)
    try:
        for asset in static.values():
            staging.write_bytes(asset.output, asset.data)
        for relative, data in admin_files(config, a.catalog).items():
            staging.write_bytes(relative, data)
        pages, made = _render(a, builder, claims, staging, _old_records(full, code), code, options, reporter)
        _check(diags, options, reporter, started)
        records = {item.page.output: item.record() for item in made}
        for relative, data in search.build_index(a.catalog, config, a.routes, plans, a.today).items():
            staging.write_bytes(relative, data)
        result = _photos(staging, a, options, reporter)
        diags.extend(result.diagnostics)
        _check(diags, options, reporter, started)
        shared = _shares(staging, shares, options)
        feeds.write(staging, config, a.routes, a.catalog, plans, pages, a.today)
        report_offline = offline.write(staging, config, a.routes, a.catalog, plans, pages)
        kept = staging.commit()
    except BaseException:
        staging.abort()
        raise
    report = _report(diags, options, started)
    report.pages, report.products = len(pages), len(a.catalog.products)
    report.rendered = sum(1 for item in made if item.rendered)
    report.images_made, report.images_reused = result.made + shared[0], result.reused + shared[1]
    report.languages, report.output = config.languages, options.output.as_posix()
    report.untranslated = missing_translations(a.catalog, config.languages)
    report.offline = report_offline
    if store:
        store.save(state.Fast(fingerprint, state.tree_id(options.output), report, scanner.seen),
                   state.Full(kept, records, code))
        store.changing(None)
    reporter.summary(report)
    return report


def _old_records(full: state.Full | None, code: str) -> Mapping[str, Any]:
    """The last build's page records, when it ran the same showcase code."""
    return full.pages if full is not None and full.code == code else {}


def _render(a: Analysis, builder: views.ViewBuilder, claims: OutputPaths, staging: Staging,
            old: Mapping[str, Any], code: str, options: Options, reporter: Reporter
            ) -> tuple[list[views.PageOut], list[Made]]:
    """Every page into the work tree: product pages built, signed and rendered in worker processes
    (not even built when their inputs are the last build's), then the rest, built here and
    signed and rendered the same way. Returns every page's summary and what became of it."""
    env = environment(options.templates)
    templates = template_digests(env)
    products, step = a.catalog.products, PRODUCTS_PER_TASK

    def sign(page: views.PageOut) -> str:
        return signature(page, code, templates)

    def product_pages(task: tuple[str, int, int]) -> list[Deferred]:
        lang, start, stop = task
        return [Deferred(Routes.output_file(a.routes.path("product", p.slug, lang)),
                         templates.get("product.html", "") + product_inputs(builder, p, lang),
                         partial(builder.product_page, p, lang)) for p in products[start:stop]]

    def progress(done: int, total: int) -> None:
        reporter.progress("pages", done, total)

    builder.warm()
    tasks = [(lang, i, i + step) for lang in a.config.languages for i in range(0, len(products), step)]
    made = produce(env, tasks, product_pages, lambda task: len(products[task[1]:task[2]]), sign, old,
                   staging.tree(), a.diags, a.config.display_root, options.workers, progress)
    by_lang: dict[str, list[views.PageOut]] = {}
    for item in made:
        by_lang.setdefault(item.page.context["page"]["lang"], []).append(item.page)
    pages = builder.build(products=by_lang)
    rest = [page for page in pages if "site" in page.context]  # product pages are summaries by now
    for page in rest:
        claims.claim(page.output, page.owner)
    if not a.diags.errors:
        chunks = [rest[i:i + step] for i in range(0, len(rest), step)]
        made += produce(env, chunks, lambda chunk: chunk, len, sign, old, staging.tree(), a.diags,
                        a.config.display_root, options.workers, progress)
    for item in made:
        if item.entry is not None:
            staging.record(item.page.output, item.entry)
    return [views.summary(page) if "site" in page.context else page for page in pages], made


def _settings(options: Options, today: date) -> list[str]:
    """Everything besides files that shapes the output, one line each (part of the fingerprint):
    options, the build date and the environment variables the build reads."""
    return [f"output {options.output.resolve()}", f"base_url {options.base_url}", f"drafts {options.drafts}",
            f"strict {options.strict}", f"today {today.isoformat()}", f"templates {options.templates}",
            f"{KILL_SWITCH_ENV} {os.environ.get(KILL_SWITCH_ENV, '')}"]


def signature(page: views.PageOut, code: str, templates: Mapping[str, str]) -> str:
    """What a page's bytes depend on: the showcase code, its template with everything that
    template uses, and its context (minus the interface strings, which are code)."""
    context = {k: v for k, v in page.context.items() if k != "t"}
    return state.pickled_digest((code, page.template, templates.get(page.template, ""), context))


def _photos(staging: Staging, a: Analysis, options: Options, reporter: Reporter) -> images.ProcessResult:
    """Photo variants into the work tree; those it already holds (names carry their content) stay."""
    plans = a.planner.plans()
    todo = [p for p in plans if not all(v.path in staging.previous for v in p.variants)]
    kept = sum(len(p.variants) for p in plans if p not in todo)
    for plan in plans:
        if plan not in todo:
            for variant in plan.variants:
                staging.has(variant.path)
    result = images.process(todo, a.config.images, options.cache, staging.dir, options.workers,
                            lambda d, t: reporter.progress("images", d, t))
    for plan in todo:
        for variant in plan.variants:
            if (staging.dir / variant.path).is_file():
                staging.adopt(variant.path)
    return replace(result, reused=result.reused + kept)


def _shares(staging: Staging, shares: Mapping[Any, share.SharePlan], options: Options) -> tuple[int, int]:
    """Share images into the work tree, like photos: a file it already holds stays."""
    unique = {s.path: s for s in shares.values()}
    todo = [s for s in unique.values() if not staging.has(s.path)]
    made, reused = share.process(todo, staging.dir, options.cache)
    for plan in todo:
        staging.adopt(plan.path)
    return made, reused + len(unique) - len(todo)


def plan_catalog_images(catalog: Catalog, planner: images.ImagePlanner, reporter: Reporter) -> None:
    """Plan every photo named in front matter (cheap: header, hash and cached metadata)."""
    named = [catalog.logo] if catalog.logo else []
    for entry in catalog.entries():
        named += [getattr(entry, "cover", None), getattr(entry, "logo", None), *getattr(entry, "images", ())]
    todo = sorted({str(i.source): i for i in named if i is not None}.values(), key=lambda i: i.display)
    for index, image in enumerate(todo, start=1):
        planner.plan(image.source, image.display)
        reporter.progress("photos checked", index, len(todo))


def render_bodies(catalog: Catalog, config: SiteConfig, routes: Routes, planner: images.ImagePlanner,
                  diags: Diagnostics, options: Options, code: str = "") -> dict[tuple[str, str, str], str]:
    """Markdown of every entry and translation -> safe HTML with photos and checked links."""
    owners: list[tuple[Entry, str]] = []
    jobs: list[markup.BodyJob] = []
    for entry in catalog.entries():
        owners.append((entry, "id"))
        jobs.append(markup.BodyJob(entry.display, entry.body_line, entry.body))
        for lang, translation in sorted(entry.translations.items()):
            if lang in config.languages:
                owners.append((entry, lang))
                jobs.append(markup.BodyJob(translation.display, translation.body_line, translation.body))
    known = known_paths(catalog, routes)
    memo = Memo(options.cache, "bodies")
    keys = [key(code, job.text) for job in jobs]
    cached = [memo.get(k) for k in keys]
    missing = [i for i, body in enumerate(cached) if body is None]
    fresh = markup.render_all([jobs[i] for i in missing], diags, options.workers, options.render_timeout)
    for i, body in zip(missing, fresh):
        cached[i] = body
        if not body.timed_out:
            memo.put(keys[i], body)
    memo.save()
    finished = Memo(options.cache, "finished-bodies")
    bodies: dict[tuple[str, str, str], str] = {}
    for (entry, lang), job, body, text_key in zip(owners, jobs, cached, keys):
        if body.timed_out:
            continue

        def picture(src: str, alt: str, line: int, entry: Entry = entry, job: markup.BodyJob = job) -> str | None:
            spec = ImageSpec(src, alt or None, line, 1)
            image = resolve_image(config, diags, job.display, entry.directory, spec, entry.slug, "body")
            plan = planner.plan(image.source, image.display) if image else None
            return views.picture_html(plan, image.alt, routes, config.images.formats) if plan and image else None

        def link(href: str, line: int, job: markup.BodyJob = job) -> str | None:
            path = href.split("#", 1)[0].lstrip("/")
            if path and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
                path += "/"
            if path in known:
                return routes.base_path + path + (href[len(href.split("#", 1)[0]):])
            diags.error(job.display, line, "MD_BROKEN_LINK", href=href,
                        suggestion=did_you_mean("/" + path, ["/" + k for k in known]))
            return None

        if not body.html.strip():
            bodies[(entry.kind, entry.slug, lang)] = ""
            continue
        # Photos and links are resolved (and checked) on every build; the rest of finishing (the
        # sanitiser and its warnings) is remembered for the same text, photos and link targets.
        pictures = [picture(src, alt, markup.line_of(job, src)) for src, alt in body.images]
        targets = {href: link(href, markup.line_of(job, href)) for href in sorted(set(body.links))}
        finish_key = key(text_key, job.display, str(job.first_line), repr(pictures), repr(sorted(targets.items())))
        known_result = finished.get(finish_key)
        if known_result is None:
            problems = Diagnostics()
            shown = iter(pictures)
            html = markup.finish(body, job, problems, lambda *_: next(shown), lambda href, _: targets[href])
            known_result = (html, tuple(problems))
            finished.put(finish_key, known_result)
        bodies[(entry.kind, entry.slug, lang)] = known_result[0]
        diags.extend(known_result[1])
    finished.save()
    return bodies


def known_paths(catalog: Catalog, routes: Routes) -> set[str]:
    """Every page path an editor may link to from a body."""
    paths = set()
    for lang in routes.languages:
        paths.add(routes.path("home", None, lang))
        for kind in ("product", "region", "category", "maker", "search"):
            paths.add(routes.path(kind, None, lang))
        for entry in catalog.entries():
            paths.add(routes.path(entry.kind, entry.slug, lang))
        for kind, slug in catalog.unbuilt:  # left out for their own errors: not a broken link as well
            paths.add(routes.path(kind, slug, lang))
    return paths


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
