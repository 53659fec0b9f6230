"""Markdown bodies to safe HTML: fixed extensions, raw HTML sanitised, photos and links checked.

Each body is rendered in a worker process with a time limit (by that process's converter, reset
between bodies), so a pathological file fails with its name instead of hanging the build.
Raw HTML is cleaned with
nh3 (an allow-list sanitiser); what was removed is reported with its line. Photos in a body are
collected, planned by the caller and put back as responsive `<picture>` elements; links to site
paths (`/produk/abon-bandeng/`) are checked and given the site's sub-path. Bodies never pass
through Jinja, so `{{ }}` in a body stays text. Component blocks (```` ```video``` ```` and the
others, see components.py) are taken out before Markdown and put back, checked, after sanitising.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence
from xml.etree import ElementTree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from . import components, parallel
from .errors import Diagnostics
from .options import RENDER_TIMEOUT_S

EXTENSIONS = ("tables", "sane_lists", "fenced_code")
INLINE_MAX_CHARS = 1_000
IMAGE_TOKEN = "showcase-image-{}"

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "picture", "pre", "q", "s", "small", "source", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height", "srcset", "sizes", "loading", "decoding"},
    "source": {"srcset", "sizes", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "abbr": {"title"},
}

_DANGEROUS_TAG = re.compile(
    r"<\s*(script|iframe|frame|object|embed|form|input|button|meta|base|link|style|svg|math|textarea|select)\b",
    re.IGNORECASE)
_EVENT_ATTR = re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.IGNORECASE)
_STYLE_ATTR = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
_BAD_SCHEME = re.compile(r"(?:href|src|action|formaction|\]\(|<)\s*=?\s*[\"']?\s*"
                         r"(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|data|vbscript)\s*(:|&#0*58;|&colon;|%3a)",
                         re.IGNORECASE)
_COMMENT = re.compile(r"<!--")


@dataclass(frozen=True)
class BodyJob:
    """One body to render: who owns it (for messages) and its text."""

    display: str
    first_line: int
    text: str


@dataclass(frozen=True)
class RenderedBody:
    """Markdown output before photos are put in: HTML with image tokens, and what it named."""

    html: str
    images: tuple[tuple[str, str], ...]
    links: tuple[str, ...]
    timed_out: bool = False
    components: tuple[components.Block, ...] = ()  # ```video``` and the like, in token order


class _Collect(Treeprocessor):
    """Replaces each image's src with a token and records (src, alt); records site links."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.images: list[tuple[str, str]] = []
        self.links: list[str] = []

    def run(self, root: ElementTree.Element) -> None:
        self.images, self.links = [], []  # the converter is reused: start each body empty
        for element in root.iter():
            if element.tag == "img":
                src = element.get("src", "")
                if not src.startswith(("http://", "https://")):
                    element.set("src", IMAGE_TOKEN.format(len(self.images)))
                    self.images.append((src, element.get("alt", "")))
            elif element.tag == "a" and element.get("href", "").startswith("/"):
                self.links.append(element.get("href", ""))


class _CollectExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_Collect(md), "showcase_collect", 0)


_CONVERTER: list[markdown.Markdown] = []  # one per process, reset before each body


def render_markdown(text: str) -> RenderedBody:
    """One body: HTML (unsanitised), its images and site links. The process's converter is reset
    between bodies (Python-Markdown's supported way to reuse one; building a converter with its
    extensions costs about a quarter of rendering a product description) and dropped after a
    failure, so no state passes from one body to the next."""
    if not _CONVERTER:
        _CONVERTER.append(markdown.Markdown(extensions=[*EXTENSIONS, _CollectExtension()], output_format="html"))
    md = _CONVERTER[0]
    text, blocks = components.extract(text)
    try:
        html = md.reset().convert(text)
    except BaseException:
        _CONVERTER.clear()
        raise
    collector = md.treeprocessors["showcase_collect"]
    assert isinstance(collector, _Collect)
    images, links = list(collector.images), list(collector.links)
    html = _raw_html(html, images, links)
    return RenderedBody(html, tuple(images), tuple(links), components=blocks)


_RAW_IMG = re.compile(r"""<img\b[^>]*>""", re.IGNORECASE)
_ATTRIBUTE = r"""\b{}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"""
_RAW_SRC = re.compile(_ATTRIBUTE.format("src"), re.IGNORECASE)
_RAW_ALT = re.compile(_ATTRIBUTE.format("alt"), re.IGNORECASE)
_RAW_HREF = re.compile(r"<a\b[^>]*?" + _ATTRIBUTE.format("href"), re.IGNORECASE)


def _raw_html(html: str, images: list[tuple[str, str]], links: list[str]) -> str:
    """Raw HTML `<img>` and `<a>` an editor wrote count like Markdown ones: a photo inside the site
    is taken through the photo pipeline (or reported when it is missing), a link to a page of the
    site is checked and given the sub-path. Markdown's own images carry a token by now."""
    def value(match: re.Match[str] | None) -> str:
        return next((g for g in match.groups() if g is not None), "") if match else ""

    def image(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = value(_RAW_SRC.search(tag))
        if src.startswith(("http://", "https://")) or src.startswith(IMAGE_TOKEN.format("")):
            return tag
        images.append((src, value(_RAW_ALT.search(tag))))
        return f'<img src="{IMAGE_TOKEN.format(len(images) - 1)}">'

    def anchor(match: re.Match[str]) -> str:
        href = value(match)
        if not href.startswith("/"):
            return match.group(0)
        if href not in links:
            links.append(href)
        attribute = match.start(1) if match.group(1) is not None else \
            match.start(2) if match.group(2) is not None else match.start(3)
        head = match.group(0)[:attribute - match.start()].rstrip("\"'")
        return f'{head}"{href}"'

    return _RAW_HREF.sub(anchor, _RAW_IMG.sub(image, html))


def render_all(jobs: Sequence[BodyJob], diags: Diagnostics, workers: int | None = None,
               timeout: float = RENDER_TIMEOUT_S) -> list[RenderedBody]:
    """Render every body in worker processes; a body over the time limit is an error."""
    texts = [job.text for job in jobs]
    # Short texts render in-process; 2 KB of `[` already takes about a second, so anything longer
    # goes to a worker that can be stopped.
    inline = len(texts) < 8 and not any(len(t) > INLINE_MAX_CHARS for t in texts)
    results: list[RenderedBody] = []
    for job, body in zip(jobs, parallel.ordered(_render_or_none, texts, workers, timeout=timeout, inline=inline)):
        if isinstance(body, parallel.TimedOut):
            diags.error(job.display, job.first_line, "MD_TIMEOUT", seconds=float(timeout))
            results.append(RenderedBody("", (), (), timed_out=True))
        else:
            results.append(_checked(job, body, diags))
    return results


def _render_or_none(text: str) -> RenderedBody | None:
    """render_markdown, or None when the nesting is deeper than Python-Markdown can recurse."""
    try:
        return render_markdown(text)
    except RecursionError:
        return None


def _checked(job: BodyJob, body: RenderedBody | None, diags: Diagnostics) -> RenderedBody:
    if body is not None:
        return body
    diags.error(job.display, job.first_line, "MD_TOO_DEEP")
    return RenderedBody("", (), (), timed_out=True)


def finish(body: RenderedBody, job: BodyJob, diags: Diagnostics,
           picture: Callable[[str, str, int], str | None],
           link: Callable[[str, int], str | None], parts: Sequence[str] = ()) -> str:
    """Put photos and checked links in, sanitise, report what the sanitiser removed, and put in
    the components' HTML (`parts`, made by showcase.components, after sanitising: a video's
    facade is a button with data attributes no editor may write)."""
    report_unsafe(job, diags)
    html = body.html
    for index, (src, alt) in enumerate(body.images):
        line = line_of(job, src)
        replacement = picture(src, alt, line)
        pattern = re.compile(r'<img[^>]*src="' + re.escape(IMAGE_TOKEN.format(index)) + r'"[^>]*>')
        html = pattern.sub(lambda _m: replacement or "", html, count=1)
    for href in sorted(set(body.links)):
        target = link(href, line_of(job, href))
        if target is not None:
            html = html.replace(f'href="{href}"', f'href="{target}"')
    for src in re.findall(r'<img[^>]*src="(https?://[^"]+)"', html):
        diags.warning(job.display, line_of(job, src), "MD_EXTERNAL_IMAGE", src=src)
    return components.insert(sanitise(html), body.components, parts)


URL_SCHEMES = {"https", "http", "mailto", "tel"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def _srcset_filter(tag: str, attribute: str, value: str) -> str | None:
    """nh3 checks the schemes of href and src but not of srcset: each candidate is checked here."""
    if attribute != "srcset":
        return value
    for candidate in value.split(","):
        url = re.sub(r"[\t\n\r]", "", candidate).strip("".join(map(chr, range(0x21)))).lower()
        scheme = _SCHEME.match(url)
        if scheme and scheme.group(1) not in URL_SCHEMES:
            return None
    return value


def sanitise(html: str) -> str:
    """The allow-list: no scripts, no event handlers, no javascript:/data: URLs, no comments."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, strip_comments=True,
                     link_rel="noopener noreferrer", attribute_filter=_srcset_filter)


def report_unsafe(job: BodyJob, diags: Diagnostics) -> None:
    """Warn, with line numbers, about raw HTML the sanitiser will remove."""
    checks: Iterable[tuple[re.Pattern[str], str, str]] = (  # pattern, message key, name of what was found
        (_DANGEROUS_TAG, "MD_UNSAFE_HTML", "tag"),
        (_EVENT_ATTR, "MD_UNSAFE_HTML.event", "attribute"),
        (_STYLE_ATTR, "MD_UNSAFE_HTML.style", ""),
        (_BAD_SCHEME, "MD_UNSAFE_LINK", "scheme"),
        (_COMMENT, "MD_COMMENT", ""),
    )
    for number, line in enumerate(job.text.split("\n"), start=job.first_line):
        for pattern, key, name in checks:
            match = pattern.search(line)
            if match:
                found = re.sub(r"\s", "", match.group(1)).lower() if match.groups() else ""
                diags.warning(job.display, number, key, col=match.start() + 1, **({name: found} if name else {}))


def line_of(job: BodyJob, needle: str) -> int:
    """The file line where a body first mentions needle (the body's first line if nowhere)."""
    for number, line in enumerate(job.text.split("\n"), start=job.first_line):
        if needle in line:
            return number
    return job.first_line
