"""The pages of programmes (issue 14): `/program/` and `/program/<slug>/` (`/en/programmes/...`),
and the badges a maker page shows.

A programme page shows its description, stages, partner agencies and cohorts; a cohort that has
ended by the build date lists its members as graduates, each with their products. A maker's
badges ("Alumni Inkubator 2026") are a derived value (`n:programs/maker/<slug>`) reading every
programme and the build date, so a maker page is rebuilt when its badges change and not when an
unrelated programme does.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import activities as rules
from ..inputs import NODES, Inputs
from ..model import Cohort, Program
from ..views import SIZES_CARD, SIZES_HERO, Card, Link, Page, Picture, Spec, Views, plain_text
from . import Context, Kind, register

ROUTE = "program"
GRADUATE_PRODUCTS = 4  # products shown under each graduate (all are on the maker's page)


# -- badges, as a derived value ----------------------------------------------------------------
def _badges(inputs: Inputs, argument: str) -> tuple[tuple[str, str, int, bool], ...]:
    """(programme slug, badge, year, graduated) of every cohort maker `argument` (`maker/<slug>`)
    belongs to, in programme order, then cohort order."""
    _, _, maker = argument.partition("/")
    today = inputs.today()
    found = []
    for slug in inputs.members("kind/program"):
        program: Program = inputs.entry("program", slug)
        for cohort in program.cohorts:
            if maker in cohort.makers:
                graduated = cohort.graduated_on(today)
                found.append((slug, program.badge, (cohort.end if graduated else cohort.start).year, graduated))
    return tuple(dict.fromkeys(found))


NODES["programs"] = _badges


@dataclass(frozen=True)
class Badge:
    label: str
    url: str
    graduated: bool


def badges(v: Views, maker: str) -> tuple[Badge, ...]:
    """The programme badges of a maker page: "Alumni Inkubator 2026", or "Peserta ..." while the
    cohort is not over."""
    found = v.inputs.node(f"programs/maker/{maker}")
    return tuple(Badge(v.t["prog_alumni" if graduated else "prog_member"].format(badge=badge, year=year),
                       v.routes.href(ROUTE, slug, v.lang), graduated) for slug, badge, year, graduated in found)


# -- values ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StageView:
    name: str
    summary: str


@dataclass(frozen=True)
class Graduate:
    maker: Link
    products: tuple[Card, ...]


@dataclass(frozen=True)
class CohortView:
    name: str
    when: str
    start: str  # ISO dates for <time datetime>
    end: str
    status: str  # Akan dimulai, Sedang berjalan, Selesai
    graduated: bool
    participants: tuple[Link, ...]  # while the cohort runs (or before)
    graduates: tuple[Graduate, ...]  # once it has ended


@dataclass(frozen=True)
class Partner:
    name: str
    url: str | None


@dataclass(frozen=True)
class ProgramView:
    title: str
    summary: str
    body: Markup
    images: tuple[Picture, ...]
    region: Link | None
    stages: tuple[StageView, ...]
    stages_lang: str | None  # "id" on English pages: stages are written in Indonesian only
    cohorts: tuple[CohortView, ...]
    partners: tuple[Partner, ...]


@dataclass(frozen=True)
class ProgramItem:
    title: str
    url: str
    summary: str
    image: Picture | None
    meta: str


@dataclass(frozen=True)
class ProgramsView:
    title: str
    intro: str
    items: tuple[ProgramItem, ...]


def _cohort(v: Views, cohort: Cohort) -> CohortView:
    today = v.inputs.today()
    graduated = cohort.graduated_on(today)
    status = v.t["prog_done"] if graduated else v.t["prog_running"] if cohort.start <= today else v.t["prog_coming"]
    makers = [v.entry("maker", m) for m in cohort.makers]
    graduates = tuple(Graduate(v.link(m), v.cards(v.inputs.slice(f"maker/{m.slug}", 0, GRADUATE_PRODUCTS)))
                      for m in makers) if graduated else ()
    return CohortView(cohort.name, rules.day_range(cohort.start, cohort.end, v.lang), cohort.start.isoformat(),
                      cohort.end.isoformat(), status, graduated, () if graduated else tuple(v.link(m) for m in makers),
                      graduates)


# -- pages -------------------------------------------------------------------------------------
def plan_program(ctx: Context, slug: str) -> list[Spec]:
    if ctx.inputs.entry("program", slug) is None:
        return []
    return [ctx.spec("program", f"program/{slug}", lang, slug, route=ROUTE) for lang in ctx.config.languages]


def build_program(v: Views, spec: Spec) -> Page:
    p: Program = v.entry("program", spec.argument)
    title, fallback = v.text(p, "title")
    body, body_fallback = v.body(p)
    summary = v.text(p, "summary")[0]
    images = tuple(pic for i, image in enumerate(p.images)
                   if (pic := v.picture(image, SIZES_HERO, i == 0, i, p)) is not None)
    view = ProgramView(
        title=title, summary=summary, body=body, images=images,
        region=v.link(v.entry("region", p.region)) if p.region else None,
        stages=tuple(StageView(s.name, s.summary) for s in p.stages),
        stages_lang="id" if v.lang != "id" else None,
        cohorts=tuple(_cohort(v, c) for c in p.cohorts),
        partners=tuple(Partner(a.name, a.url) for a in p.partners))
    crumbs = [Link(v.t["nav_programs"], v.routes.href(ROUTE, None, v.lang)), Link(title, "")]
    return v.page(spec, "program.html", "program", view, title, summary or plain_text(body), crumbs, slug=p.slug,
                  route=ROUTE, content_lang="id" if (fallback or body_fallback) else None,
                  photo=p.images[0] if p.images else None)


def plan_listing(ctx: Context, _: str) -> list[Spec]:
    if not ctx.inputs.members("kind/program"):
        return []
    return [ctx.spec("programs", "site/programs", lang, route=ROUTE) for lang in ctx.config.languages]


def build_listing(v: Views, spec: Spec) -> Page:
    """Every programme, in the order of their file names (slugs), with its number of cohorts."""
    items = []
    for slug in v.inputs.members("kind/program"):
        p = v.entry("program", slug)
        graduates = sum(len(c.makers) for c in p.cohorts if c.graduated_on(v.inputs.today()))
        meta = v.t["prog_count"].format(cohorts=len(p.cohorts), graduates=graduates)
        items.append(ProgramItem(v.text(p, "title")[0], v.routes.href(ROUTE, slug, v.lang), v.text(p, "summary")[0],
                                 v.picture(p.images[0] if p.images else None, SIZES_CARD, entry=p), meta))
    title = v.t["nav_programs"]
    return v.page(spec, "programs.html", "programs", ProgramsView(title, v.t["intro_programs"], tuple(items)), title,
                  v.t["intro_programs"], [Link(title, "")], route=ROUTE)


register(Kind("programs", plan_listing, build_listing), owners=["site/programs"])
register(Kind("program", plan_program, build_program), entry_owned=True)
