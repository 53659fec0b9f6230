"""Components in Markdown bodies (```video```, ```gallery```, ```map```, ```product```).

Each component renders into the page an editor expects; each mistake is an error with the file
and the line of its fence (or of the line inside it) and a hint; ordinary fenced code stays code.
A product card follows the product: a new price rebuilds the page that shows the card, and a
product that goes is an error in the body naming it. The site's Content-Security-Policy names a
video provider in `frame-src` only while some body embeds one, in every page's `<meta>` and in
`_headers` alike, and the rebuilt output equals a cold build. A YouTube thumbnail is fetched at
build time from a local stand-in (SHOWCASE_THUMBNAIL_URL) and processed like a photo; a failed
fetch is a warning and a plain facade.
"""
from __future__ import annotations

import functools
import http.server
import io
import re
import threading
from pathlib import Path
from typing import Iterator

import pytest
from PIL import Image

from showcase import components
from showcase.errors import BuildFailed
from tests.unit.test_incremental import Site, digest

PRODUCT = "products/abon-bandeng.md"
YOUTUBE = "https://youtu.be/abcdefghijk"


def page(site: Site, path: str) -> str:
    return (site.output / path / "index.html").read_text(encoding="utf-8")


def prose(html: str) -> str:
    match = re.search(r'<div class="prose">(.*?)</div>\s*</section>', html, re.S)
    assert match, "the page shows the body"
    return match.group(1)


def policy(html: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert match
    return match.group(1)


def append(site: Site, relative: str, text: str) -> None:
    path = site.content / relative
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


def errors_of(site: Site) -> list[tuple[str, int | None, str]]:
    with pytest.raises(BuildFailed) as failed:
        site.rebuild()
    return sorted((d.path, d.line, d.code) for d in failed.value.diagnostics.errors)


def line_of(site: Site, relative: str, needle: str) -> int:
    lines = (site.content / relative).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def last_line(site: Site, relative: str, text: str) -> int:
    lines = (site.content / relative).read_text(encoding="utf-8").split("\n")
    return max(i for i, line in enumerate(lines, start=1) if line == text)


# -- the syntax --------------------------------------------------------------------------------

def test_ordinary_fenced_code_stays_code_and_components_leave_a_token() -> None:
    text = "Teks.\n\n```python\nprint('x')\n```\n\n````\n```video https://youtu.be/abcdefghijk\n```\n````\n\n" \
           "```product abon-bandeng```\n\n```map -4.8, 119.5\nzoom: 12\n```\n"
    body, blocks = components.extract(text)
    assert [(b.name, b.argument, b.line) for b in blocks] == [("product", "abon-bandeng", 11), ("map", "-4.8, 119.5", 13)]
    assert blocks[1].lines == ((14, "zoom: 12"),)  # offsets from the body's first line
    assert "print('x')" in body and "```video https://youtu.be/abcdefghijk" in body  # code, shown as code
    assert f"\n\n{blocks[0].token}\n\n" in body and "abon-bandeng" not in body
    assert blocks[0].token != components.extract(text + "\n")[1][0].token, "keyed by the text"


def test_a_token_written_by_hand_stays_text(tmp_path: Path) -> None:
    site = Site(tmp_path)
    first = components.extract("```map -4.8, 119.5```")[1][0].token
    append(site, PRODUCT, f"{first}\n\n```map -4.8, 119.5```")
    site.rebuild()
    body = prose(page(site, "produk/abon-bandeng"))
    assert f"<p>{first}</p>" in body and body.count('class="embed embed-map"') == 1


@pytest.mark.parametrize("url, provider, embed, portrait", [
    ("https://youtu.be/abcdefghijk", "youtube", "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1", False),
    ("https://www.youtube.com/watch?v=abcdefghijk&t=5", "youtube",
     "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1", False),
    ("https://youtube.com/shorts/abcdefghijk", "youtube",
     "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1", True),
    ("https://www.tiktok.com/@mattirosompe/video/7301234567890123456", "tiktok",
     "https://www.tiktok.com/embed/v2/7301234567890123456", True),
    ("https://www.instagram.com/reel/C1a2B3c4D5e/", "instagram", "https://www.instagram.com/reel/C1a2B3c4D5e/embed/", True),
    ("https://www.instagram.com/p/C1a2B3c4D5e", "instagram", "https://www.instagram.com/p/C1a2B3c4D5e/embed/", False),
])
def test_video_addresses_of_the_three_providers(url: str, provider: str, embed: str, portrait: bool) -> None:
    video = components.parse_video(url)
    assert video is not None and (video.provider, video.embed, video.portrait) == (provider, embed, portrait)
    assert video.origin in components.FRAME_ORIGINS


@pytest.mark.parametrize("url", ["https://vimeo.com/12345", "https://youtu.be/short", "javascript:alert(1)",
                                 "https://www.youtube.com/playlist?list=x", "https://www.tiktok.com/@a/photo/1",
                                 "https://www.instagram.com/mattirosompe/", "youtu.be/abcdefghijk"])
def test_other_addresses_are_not_videos(url: str) -> None:
    assert components.parse_video(url) is None


# -- rendering ---------------------------------------------------------------------------------

def test_each_component_renders(tmp_path: Path) -> None:
    site = Site(tmp_path)
    append(site, PRODUCT, "Coba juga:\n\n```product bandeng-presto```\n\n"
                          f"```video {YOUTUBE}\ntitle: Membuat abon\nposter: ../products/bandeng-presto.jpg\n```\n\n"
                          "```gallery\n![Bandeng presto dalam kemasan](bandeng-presto.jpg)\n"
                          "![Bandeng presto sekali lagi](bandeng-presto.jpg)\n```\n\n"
                          "```map -4.8255, 119.5535\nlabel: Rumah produksi\nzoom: 14\n```\n\n```python\nprint(1)\n```")
    site.edit(PRODUCT, "../products/bandeng-presto.jpg", "bandeng-presto.jpg")
    (site.content / "products" / "abon-bandeng.en.md").write_text(
        "---\ntitle: Milkfish floss\n---\nTry:\n\n```product bandeng-presto```\n\n"
        f"```video {YOUTUBE}\ntitle: Making floss\n```\n\n```map -4.8255, 119.5535\n```\n", encoding="utf-8")
    site.rebuild()
    body = prose(page(site, "produk/abon-bandeng"))
    # product: the card of bandeng-presto, with its price and link
    card = re.search(r'<div class="embed embed-product"><article class="card">.*?</article></div>', body, re.S)
    assert card and 'href="/produk/bandeng-presto/"' in card.group(0) and "Rp\u00a035.000" in card.group(0)
    # video: a link with the poster through the photo pipeline, named for a screen reader, the embed for later
    video = re.search(r'<a class="video-facade" href="https://www.youtube.com/watch\?v=abcdefghijk" '
                      r'data-video-embed="https://www.youtube-nocookie.com/embed/abcdefghijk\?autoplay=1" '
                      r'data-video-title="Membuat abon" aria-label="Putar video: Membuat abon"><picture>.*?</a>', body, re.S)
    assert video and re.search(r'srcset="/media/bandeng-presto-[0-9a-f]+-\d+\.jpg', video.group(0))
    assert "<iframe" not in body and "youtube-nocookie" not in body.replace(video.group(0), "")
    # gallery: both photos, with their alt texts, in one row
    gallery = re.search(r'<ul class="embed embed-gallery" role="list">(.*?)</ul>', body, re.S)
    assert gallery and gallery.group(1).count("<li><picture>") == 2
    assert 'alt="Bandeng presto dalam kemasan"' in gallery.group(1)
    # map: the OpenStreetMap link with the place, a drawn preview, the coordinates in words
    assert 'href="https://www.openstreetmap.org/?mlat=-4.8255&amp;mlon=119.5535#map=14/-4.8255/119.5535"' in body
    assert '<svg class="map-preview"' in body and "4°49′32″ LS, 119°33′13″ BT" in body
    assert "Rumah produksi" in body
    # ordinary code stays code
    assert "<pre><code>print(1)" in body
    # the English page: the same components in English words
    english = prose(page(site, "en/products/abon-bandeng"))
    assert 'aria-label="Play video: Making floss"' in english and "Open the map on OpenStreetMap" in english
    assert 'href="/en/products/bandeng-presto/"' in english and "4°49′32″ S, 119°33′13″ E" in english
    assert digest(site.output) == site.cold()


def test_each_mistake_is_located_with_a_hint(tmp_path: Path) -> None:
    site = Site(tmp_path)
    append(site, PRODUCT, "```product bandeng-prest```\n\n```vidio https://youtu.be/abcdefghijk```\n\n"
                          "```video https://vimeo.com/12345\n```\n\n```video\ntitel: Membuat abon\n```\n\n"
                          "```gallery\n![](bandeng-presto.jpg)\nbandeng-presto.jpg\n```\n\n"
                          "```map 95, 200\n```\n\n```map -4.8, 119.5\nzoom: 30\n```\n\n```map\n")
    at = functools.partial(line_of, site, PRODUCT)
    display = "content/" + PRODUCT
    found = errors_of(site)
    assert found == sorted([
        (display, at("```product bandeng-prest"), "MD_PRODUCT_UNKNOWN"),
        (display, at("```vidio"), "MD_COMPONENT_UNKNOWN"),
        (display, at("vimeo"), "MD_VIDEO_URL"),
        (display, at("titel:"), "MD_COMPONENT_OPTION"),
        (display, at("titel:") - 1, "MD_COMPONENT_ARGUMENT"),  # the fence above it
        (display, at("![](bandeng"), "MD_GALLERY_ALT"),
        (display, at("![](bandeng") + 1, "MD_GALLERY_LINE"),
        (display, at("```map 95, 200"), "MD_MAP_COORDS"),
        (display, at("zoom: 30"), "MD_MAP_ZOOM"),
        (display, last_line(site, PRODUCT, "```map"), "MD_COMPONENT_UNCLOSED"),
    ])
    with pytest.raises(BuildFailed) as failed:
        site.rebuild()
    by_code = {d.code: d for d in failed.value.diagnostics.errors}
    assert 'did you mean "bandeng-presto"' in by_code["MD_PRODUCT_UNKNOWN"].message("en")
    assert 'did you mean "video"' in by_code["MD_COMPONENT_UNKNOWN"].message("en")
    assert 'maksud Anda "title"' in by_code["MD_COMPONENT_OPTION"].message("id")
    assert "youtu.be" in by_code["MD_VIDEO_URL"].hint("en") and "TikTok" in by_code["MD_VIDEO_URL"].hint("id")
    assert "![keterangan foto](foto.jpg)" in by_code["MD_GALLERY_LINE"].hint("id")


def test_a_product_card_follows_its_product(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.rebuild()
    append(site, PRODUCT, "```product bandeng-presto```")
    site.rebuild()
    assert "Rp\u00a035.000" in prose(page(site, "produk/abon-bandeng"))
    site.edit("products/bandeng-presto.md", "price: 35000", "price: 37500")
    site.rebuild()
    assert "Rp\u00a037.500" in prose(page(site, "produk/abon-bandeng")), "the card shows the new price"
    assert digest(site.output) == site.cold()
    (site.content / "products" / "bandeng-presto.md").unlink()
    found = errors_of(site)
    assert ("content/" + PRODUCT, line_of(site, PRODUCT, "```product"), "MD_PRODUCT_UNKNOWN") in found
    # and, like the card, a link to it in another body is reported (its body is checked again too)
    assert ("content/products/soppeng/sarung-sutra/index.md", 18, "MD_BROKEN_LINK") in found


SHORTS = "```video https://www.youtube.com/shorts/abcdefghijk\ntitle: Menenun sarung\nposter: depan.jpg\n```"


def test_frame_src_names_only_the_providers_used(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.edit("products/soppeng/sarung-sutra/index.md", SHORTS, "")  # the fixture's one video
    site.rebuild()
    assert "frame-src" not in policy(page(site, "tentang"))
    assert "frame-src" not in (site.output / "_headers").read_text(encoding="utf-8")
    append(site, PRODUCT, f"```video {YOUTUBE}\n```")  # the first video of the site
    with pytest.MonkeyPatch.context() as env:
        env.setenv(components.THUMBNAIL_ENV, "http://127.0.0.1:9/none")  # nothing answers: a warning, no picture
        report = site.rebuild()
        assert [(w.path, w.line) for w in report.warnings if w.code == "MD_VIDEO_THUMBNAIL"] == \
            [("content/" + PRODUCT, line_of(site, PRODUCT, "```video"))]
        every = [p for p in site.output.rglob("index.html")]
        policies = {policy(p.read_text(encoding="utf-8")) for p in every if "http-equiv=\"refresh\"" not in p.read_text()}
        assert len(policies) == 1, "one policy for the whole site"
        assert policies.pop().endswith("; frame-src https://www.youtube-nocookie.com")
        headers = (site.output / "_headers").read_text(encoding="utf-8")
        assert "frame-src https://www.youtube-nocookie.com; frame-ancestors 'none'" in headers
        assert "tiktok" not in headers and "instagram" not in headers
        facade = re.search(r'<a class="video-facade"[^>]*>(.*?)</a>', prose(page(site, "produk/abon-bandeng")), re.S)
        assert facade and facade.group(1).startswith('<span class="video-blank">'), "a plain facade"
        assert digest(site.output) == site.cold()
        append(site, "products/bandeng-presto.md", "```video https://www.tiktok.com/@mattirosompe/video/7301234567890123456\n```")
        site.rebuild()
        assert policy(page(site, "tentang")).endswith("; frame-src https://www.tiktok.com https://www.youtube-nocookie.com")
    site.edit(PRODUCT, f"```video {YOUTUBE}\n```", "")
    site.edit("products/bandeng-presto.md", "```video https://www.tiktok.com/@mattirosompe/video/7301234567890123456\n```", "")
    site.rebuild()
    assert "frame-src" not in policy(page(site, "tentang")), "the last video gone, the policy allows no frame"
    assert "frame-src" not in (site.output / "_headers").read_text(encoding="utf-8")
    assert digest(site.output) == site.cold()


# -- the provider's thumbnail, from a local stand-in -------------------------------------------

class _Thumbnails(http.server.BaseHTTPRequestHandler):
    photo = b""
    asked: list[str] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        type(self).asked.append(self.path)
        if self.path != "/vi/abcdefghijk/hqdefault.jpg":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(self.photo)))
        self.end_headers()
        self.wfile.write(self.photo)


@pytest.fixture
def stand_in() -> Iterator[tuple[str, list[str]]]:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (180, 40, 30)).save(buffer, "JPEG", quality=80)
    handler = type("Handler", (_Thumbnails,), {"photo": buffer.getvalue(), "asked": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/vi", handler.asked
    server.shutdown()
    server.server_close()


def test_a_youtube_thumbnail_is_fetched_once_and_processed_like_a_photo(tmp_path: Path, stand_in, monkeypatch) -> None:
    base, asked = stand_in
    monkeypatch.setenv(components.THUMBNAIL_ENV, base)
    site = Site(tmp_path)
    append(site, PRODUCT, f"```video {YOUTUBE}\ntitle: Membuat abon\n```")
    report = site.rebuild()
    assert not [w for w in report.warnings if w.code.startswith(("MD_VIDEO", "IMG_"))]
    assert asked == ["/vi/abcdefghijk/hqdefault.jpg"]
    facade = re.search(r'<a class="video-facade"[^>]*>(.*?)</a>', prose(page(site, "produk/abon-bandeng")), re.S)
    assert facade and facade.group(1).startswith("<picture>")
    variants = re.findall(r'/media/([^" ]+\.(?:jpg|webp|avif))', facade.group(1))
    assert variants and all((site.output / "media" / v).is_file() for v in variants)
    with Image.open(site.output / "media" / [v for v in variants if v.endswith(".jpg")][0]) as photo:
        assert photo.getpixel((10, 10))[0] > 150, "the provider's picture, re-encoded by the photo pipeline"
    site.edit(PRODUCT, "title: Membuat abon", "title: Membuat abon bandeng")
    site.rebuild()
    assert asked == ["/vi/abcdefghijk/hqdefault.jpg"], "kept in the cache, not fetched again"


def test_a_failed_thumbnail_is_fetched_again_by_the_next_build(tmp_path: Path, stand_in, monkeypatch) -> None:
    base, asked = stand_in
    site = Site(tmp_path)
    append(site, PRODUCT, f"```video {YOUTUBE}\ntitle: Membuat abon\n```")
    monkeypatch.setenv(components.THUMBNAIL_ENV, base + "/missing")  # the stand-in answers 404
    report = site.rebuild()
    assert [w.code for w in report.warnings if w.code == "MD_VIDEO_THUMBNAIL"] == ["MD_VIDEO_THUMBNAIL"]
    monkeypatch.setenv(components.THUMBNAIL_ENV, base)  # the network is back
    site.edit("products/bandeng-presto.md", "price: 35000", "price: 36000")  # any edit: a build that looks
    report = site.rebuild()
    assert not [w for w in report.warnings if w.code == "MD_VIDEO_THUMBNAIL"]
    facade = re.search(r'<a class="video-facade"[^>]*>(.*?)</a>', prose(page(site, "produk/abon-bandeng")), re.S)
    assert facade and facade.group(1).startswith("<picture>")
    assert digest(site.output) == site.cold()


def test_what_an_editor_writes_inside_a_component_stays_text(tmp_path: Path) -> None:
    site = Site(tmp_path)
    append(site, PRODUCT, f'```video {YOUTUBE}\ntitle: "><script>alert(1)</script><b onclick=x>\n'
                          "poster: ../../../../etc/passwd\n```\n\n"
                          '```map -4.8, 119.5\nlabel: <img src=x onerror=alert(1)>\n```')
    found = errors_of(site)
    assert [code for _, _, code in found if code.startswith("IMG_")], "a poster outside the site is refused"
    site.edit(PRODUCT, "poster: ../../../../etc/passwd\n", "")
    with pytest.MonkeyPatch.context() as env:
        env.setenv(components.THUMBNAIL_ENV, "http://127.0.0.1:9/none")
        site.rebuild()
    body = prose(page(site, "produk/abon-bandeng"))
    assert "<script" not in body and "onerror=" not in body.replace("onerror=alert(1)&gt;", "")
    assert "<b " not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
