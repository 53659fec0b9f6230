"""The photo stage: which photos the site uses, their plans in the build state, and their files.

A photo is planned (images.ImagePlanner: size, variants, placeholder colour) when an entry or a
body names it for the first time or when its file changed; its plan is kept in the build state
by source file, so a rebuild plans only the photos an edit touched. A plan whose photo no entry
or body names any more is dropped. Before the swap, the variants of every plan the output does
not hold yet are encoded into the work tree (images.process, cached by content), and the
variants of dropped or replaced plans are removed. Problems are kept per photo.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from . import images, model
from .config import SiteConfig
from .images import ImagePlan
from .store import Store

PLAN = "p:"
PREFIX = "photo:"


class Photos:
    """The plans of one build."""

    def __init__(self, store: Store, config: SiteConfig, cache: Path | None, changed_files: Iterable[str]) -> None:
        self.store = store
        self.config = config
        self.planner = images.ImagePlanner(config.images, cache)
        self.changed_files = {str(p) for p in changed_files}
        self.changed: set[str] = set()  # p: keys whose plan changed (or went)
        self.replaced: dict[str, ImagePlan] = {}  # source -> plan before this build, when it changed
        self._seen: set[str] = set()
        self.logo_source: str | None = None

    def plan(self, source: Path, display: str) -> ImagePlan | None:
        """The plan of a photo named by content: kept from the last build unless its file changed."""
        key = str(source)
        if key in self._seen or (key not in self.changed_files and self.store.plan_digest(key) is not None):
            self._seen.add(key)
            return self.store.plan(key)  # type: ignore[no-any-return]
        self._seen.add(key)
        old = self.store.plan(key)
        plan = self.planner.plan(source, display)
        problems = [d for d in self.planner.diagnostics if d.path == display]
        self.store.set_problems(PREFIX + key, problems)
        if plan != old:
            if old is not None:
                self.replaced[key] = old
            self.store.set_plan(key, plan)
            self.changed.add(PLAN + key)
        return plan

    def entries(self, keys: Iterable[str]) -> None:
        """Plan the photos of these entries (cover, logo, images)."""
        for key in keys:
            entry = self.store.entry(key)
            for image in _images(entry):
                self.plan(image.source, image.display)

    def files(self, paths: Iterable[str]) -> None:
        """Plan again every planned photo whose file changed (or went)."""
        for path in sorted(paths):
            old = self.store.plan(path)
            if old is not None:
                self.plan(Path(path), old.display)

    def logo(self, image: model.Image | None) -> None:
        """The site's logo (named by site.yaml, not by an entry)."""
        if image is not None:
            self.logo_source = str(image.source)
            self.plan(image.source, image.display)

    def drop_unused(self, candidates: Iterable[str]) -> None:
        """Forget the plans and problems of photos that nothing names any more (a photo deleted
        with its product was planned again by files() and found missing: no one shows it, so
        that is no problem)."""
        for source in sorted(set(candidates)):
            if source == self.logo_source or self.store.referrers("file:" + source):
                continue
            self.store.set_problems(PREFIX + source, ())
            if self.store.plan_digest(source) is None:
                continue
            old = self.store.plan(source)
            if old is not None:
                self.replaced[source] = old
            self.store.set_plan(source, None)
            self.store.set_problems(PREFIX + source, ())
            self.changed.add(PLAN + source)

    def outputs(self, everything: bool) -> tuple[list[ImagePlan], set[str]]:
        """(plans whose variants the output must get, variant paths it must lose)."""
        sources = self.store.plan_sources() if everything else [k[len(PLAN):] for k in sorted(self.changed)]
        wanted = [p for p in (self.store.plan(s) for s in sources) if p is not None]
        keep = {v.path for p in wanted for v in p.variants}
        gone = {v.path for p in self.replaced.values() for v in p.variants} - keep
        if gone:  # the same photo under the same name elsewhere shares its variants: keep those
            gone -= {v.path for source in self.store.plan_sources() if (plan := self.store.plan(source)) is not None
                     for v in plan.variants}
        return wanted, gone


def _images(entry: model.Entry | None) -> list[model.Image]:
    if entry is None:
        return []
    found = [getattr(entry, "cover", None), getattr(entry, "logo", None), *getattr(entry, "images", ())]
    return [image for image in found if image is not None]


PhotoPlanner = Callable[[Path, str], "ImagePlan | None"]
