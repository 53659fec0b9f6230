"""The body stage: each entry's Markdown (and its translations') into safe HTML, checked.

For every entry the content stage changed, and every body whose links or photos point at an
entry that came or went or a photo file that changed, this stage renders the Markdown (in
time-limited worker processes, see markup.py), puts the site's photos in, checks every link to a
page of the site, sanitises, and keeps the result in the build state with its problems and what
it pointed at. Links and photos count whether written in Markdown or as raw HTML (`<a href>`,
`<img src>`), so a raw `<img src=x onerror=...>` is reported with its line instead of publishing
a broken image. Rendered Markdown and finished bodies are remembered by content digest, so no
text is rendered twice. It returns the keys (`b:kind/slug/lang`) of bodies whose HTML changed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import components, markup
from .config import SiteConfig
from .errors import Diagnostics, did_you_mean
from .images import ImagePlan
from .loader import Assembler
from .model import Entry
from .routes import Routes
from .schema import ImageSpec
from .store import Store, digest_of
from .views import picture_html

BODY = "b:"
PREFIX = "body:"
RETRY = "retry:thumbnail"
"""Referred to by the bodies whose video thumbnail could not be fetched: each build redoes them."""


@dataclass(frozen=True)
class Job:
    key: str  # kind/slug/lang
    entry: Entry
    body: markup.BodyJob


class Bodies:
    """One run of the body stage."""

    def __init__(self, store: Store, config: SiteConfig, routes: Routes,
                 plan_photo: Callable[[Path, str], ImagePlan | None],
                 code: str, build: int, workers: int | None, timeout: float,
                 thumbnails: Path | None = None) -> None:
        self.store = store
        self.config = config
        self.routes = routes
        self.plan_photo = plan_photo
        self.code = code
        self.build = build
        self.workers = workers
        self.timeout = timeout
        self.released: set[str] = set()  # photos (`file:` refs) a body named and names no more
        self.thumbnails = thumbnails  # where videos' provider thumbnails are kept (None: never fetched)

    def update(self, entries: Iterable[str], targets: Iterable[str]) -> set[str]:
        """Redo the bodies of `entries` (kind/slug keys) and of every body pointing at one of
        `targets` (`kind/slug` of entries that came or went, `file:<path>` of changed photos)."""
        keys = set(entries)
        for target in set(targets):
            keys.update(b[len(PREFIX):].rsplit("/", 1)[0] for b in self.store.referrers(target) if b.startswith(PREFIX))
        jobs: list[Job] = []
        changed: set[str] = set()
        for key in sorted(keys):
            entry = self.store.entry(key)
            wanted = set()
            if entry is not None:
                langs = ["id"] + [lang for lang in self.config.languages[1:] if lang in entry.translations]
                for lang in langs:
                    text = entry if lang == "id" else entry.translations[lang]
                    job = markup.BodyJob(text.display, text.body_line, text.body)
                    jobs.append(Job(f"{key}/{lang}", entry, job))
                    wanted.add(f"{key}/{lang}")
            for gone in set(self.store.body_keys(key + "/")) - wanted:
                if gone.count("/") == key.count("/") + 1:
                    self._store(gone, None, (), set())
                    changed.add(BODY + gone)
        rendered = self._render(jobs)
        for job, body in zip(jobs, rendered):
            html, problems, refs = self._finish(job, body)
            before = self.store.body_digest(job.key)
            self._store(job.key, html, problems, refs)
            if self.store.body_digest(job.key) != before:
                changed.add(BODY + job.key)
        return changed

    def _store(self, key: str, html: str | None, problems: tuple, refs: set[str]) -> None:
        self.store.set_body(key, html)
        self.store.set_problems(PREFIX + key, problems)
        self.released.update(r for r in self.store.set_refs(PREFIX + key, refs) - refs if r.startswith("file:"))

    def _render(self, jobs: list[Job]) -> list[markup.RenderedBody]:
        """Markdown to HTML: from the memo, or rendered in worker processes with a time limit."""
        keys = [digest_of((self.code, job.body.text)) for job in jobs]
        found = [self.store.memo("markdown", k, self.build) for k in keys]
        missing = [i for i, body in enumerate(found) if body is None]
        problems = Diagnostics()
        fresh = markup.render_all([jobs[i].body for i in missing], problems, self.workers, self.timeout)
        for i, body in zip(missing, fresh):
            found[i] = body
            if not body.timed_out:
                self.store.set_memo("markdown", keys[i], self.build, body)
        self._timeouts = {d.path: d for d in problems}
        return found

    def _finish(self, job: Job, body: markup.RenderedBody) -> tuple[str | None, tuple, set[str]]:
        """Photos and checked links put in, sanitised; remembered for the same text and targets."""
        refs: set[str] = set()
        problems = Diagnostics()
        if body.timed_out:
            problems.extend(d for d in self._timeout_problems(job))
            return None, tuple(problems), refs
        if not body.html.strip():
            return "", (), refs
        entry, text = job.entry, job.body
        pictures = [self._picture(entry, text, src, alt, markup.line_of(text, src), problems, refs)
                    for src, alt in body.images]
        targets = {href: self._link(text, href, markup.line_of(text, href), problems, refs)
                   for href in sorted(set(body.links))}
        parts = self._components(job, body, problems, refs)
        finish_key = digest_of((self.code, text.text, text.display, text.first_line, pictures,
                                sorted(targets.items()), parts))
        known = self.store.memo("finished", finish_key, self.build)
        if known is None:
            finished = Diagnostics()
            shown = iter(pictures)
            html = markup.finish(body, text, finished, lambda *_: next(shown), lambda href, _: targets.get(href),
                                 parts)
            known = (html, tuple(finished))
            self.store.set_memo("finished", finish_key, self.build, known)
        return known[0], tuple(problems) + tuple(known[1]), refs

    def _timeout_problems(self, job: Job) -> list:
        found = self._timeouts.get(job.body.display)
        return [found] if found is not None else []

    def _picture(self, entry: Entry, text: markup.BodyJob, src: str, alt: str, line: int, problems: Diagnostics,
                 refs: set[str], sizes: str | None = None, shown_alt: str | None = None) -> str | None:
        spec = ImageSpec(src, alt or None, line, 1)
        assembler = Assembler(self.config, problems, lambda kind, slug: None, lambda kind: [], None)
        image = assembler.image(spec, text.display, entry.directory, entry.slug, "body")
        refs.update(assembler.refs)
        plan = self.plan_photo(image.source, image.display) if image else None
        if not plan or not image:
            return None
        return picture_html(plan, image.alt if shown_alt is None else shown_alt, self.routes,
                            self.config.images.formats, sizes)

    def _components(self, job: Job, body: markup.RenderedBody, problems: Diagnostics, refs: set[str]) -> list[str]:
        """Each component's HTML (```video```, ```gallery```, ```map```, ```product```), checked."""
        if not body.components:
            return []
        entry, text = job.entry, job.body

        def photo(src: str, alt: str, line: int, sizes: str) -> str | None:
            return self._picture(entry, text, src, alt, line, problems, refs, sizes, alt)

        def product(slug: str) -> bool:
            refs.add(f"product/{slug}")
            return self.store.entry_digest(f"product/{slug}") is not None or bool(self.store.claimers(f"product/{slug}"))

        def thumbnail(video_id: str, line: int) -> str | None:
            if self.thumbnails is None:
                return None
            path, reason = components.fetch_thumbnail(video_id, self.thumbnails)
            if path is None:
                problems.warning(text.display, line, "MD_VIDEO_THUMBNAIL", url=components.thumbnail_url(video_id),
                                 reason=reason)
                refs.add(RETRY)  # tried again by the next build that looks at the content
                return None
            refs.add(f"file:{path}")
            plan = self.plan_photo(path, f"{text.display} (YouTube {video_id})")
            return picture_html(plan, "", self.routes, self.config.images.formats, components.SIZES_VIDEO) \
                if plan else None

        context = components.Context(text.display, text.first_line, job.key.rsplit("/", 1)[1], problems, refs,
                                     photo, product, lambda: self.store.members("product"), thumbnail)
        return [components.render(block, context) for block in body.components]

    def _link(self, text: markup.BodyJob, href: str, line: int, problems: Diagnostics, refs: set[str]) -> str | None:
        """The link with the site's sub-path, or None (and an error) when no page has that address."""
        path = href.split("#", 1)[0].lstrip("/")
        if path and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
            path += "/"
        found = self.routes.resolve(path)
        if found is not None:
            kind, slug = found
            if slug is None:
                return self.routes.base_path + path + href[len(href.split("#", 1)[0]):]
            kinds = ("news", "event") if kind == "activity" else (kind,)  # one section (issue 14)
            for one in kinds:
                refs.add(f"{one}/{slug}")
                if self.store.entry_digest(f"{one}/{slug}") is not None or self.store.claimers(f"{one}/{slug}"):
                    # (a page whose file has errors of its own is reported there, not as a broken link)
                    return self.routes.base_path + path + href[len(href.split("#", 1)[0]):]
            refs.update(f"missing:{one}" for one in kinds)
            known = ["/" + self.routes.path(one, s, lang) for one in kinds for s in self.store.members(one)
                     for lang in ("id",)]
        else:
            refs.add("missing:page")
            known = ["/" + self.routes.path("page", s) for s in self.store.members("page")]
        problems.error(text.display, line, "MD_BROKEN_LINK", href=href, suggestion=did_you_mean("/" + path, known))
        return None
