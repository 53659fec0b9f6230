"""Scans of a built sample site: privacy (nothing from photo metadata, no content or stray files
published) and links (every internal URL of every page and file resolves inside output/).

The sample showcase is copied and given what an editor's phone and laptop leave behind: a photo
carrying GPS position, camera make, model, serial number, owner and an XMP packet, a PNG with
text chunks, and `.env`, `.DS_Store`, notes and editor backups beside the content. It is built at
the root of a host and under a sub-path; the scans discover pages from output/ and the sitemap,
so pages added later are checked without changing this file.
"""
from __future__ import annotations

import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from PIL import Image, PngImagePlugin

from showcase.pipeline import Options, build

REPO = Path(__file__).resolve().parents[2]
ORIGIN = "https://example.org"
SECRETS = {
    "camera make": "LeakyCam Industries",
    "camera model": "LC-9000 Rahasia",
    "serial number": "SN-4471-0093-SECRET",
    "owner": "Ibu Pemilik Rahasia",
    "software": "GeoTagger Pro 7",
    "XMP packet": "xmpmeta-showcase-marker",
    "PNG text": "catatan-png-rahasia",
    "GPS latitude ref": "GPSInfo-marker",  # not written as text; GPS is checked structurally below
}
GPS_IFD, EXIF_IFD = 0x8825, 0x8769
PRIVATE_TAGS = {0x010F: "Make", 0x0110: "Model", 0x013B: "Artist", 0x8298: "Copyright", 0x0131: "Software",
                0xA431: "BodySerialNumber", 0xA430: "CameraOwnerName", 0xA435: "LensSerialNumber",
                0x9286: "UserComment", 0x010E: "ImageDescription"}
STRAY = {".env": b"WA_TOKEN=rahasia\n", ".DS_Store": b"\x00\x00\x00\x01Bud1", "catatan.txt": b"no HP pribadi\n",
         "products/pangkep/abon-bandeng.md~": b"backup\n", "products/Thumbs.db": b"\x00",
         "products/pangkep/.abon.md.swp": b"swap", "makers/draft notes.yaml": b"a: 1\n"}


def leaky_jpeg(source: Path) -> bytes:
    with Image.open(source) as image:
        exif = image.getexif()
        exif[0x010F] = SECRETS["camera make"]
        exif[0x0110] = SECRETS["camera model"]
        exif[0x013B] = SECRETS["owner"]
        exif[0x0131] = SECRETS["software"]
        exif[0x0112] = 1
        exif.get_ifd(EXIF_IFD).update({0xA431: SECRETS["serial number"], 0xA430: SECRETS["owner"]})
        exif.get_ifd(GPS_IFD).update({1: "S", 2: (4.0, 49.0, 30.5), 3: "E", 4: (119.0, 33.0, 7.25)})
        xmp = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
               f'<rdf:Description>{SECRETS["XMP packet"]}</rdf:Description></rdf:RDF></x:xmpmeta>').encode()
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=90, exif=exif, xmp=xmp)
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the planted photo really carries it all
        assert check.getexif().get_ifd(GPS_IFD) and "xmp" in check.info
    return data


def leaky_png(source: Path) -> bytes:
    with Image.open(source) as image:
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", SECRETS["PNG text"])
        info.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta>{SECRETS['XMP packet']}</x:xmpmeta>")
        exif = Image.Exif()
        exif[0x010F] = SECRETS["camera make"]
        buffer = io.BytesIO()
        image.save(buffer, "PNG", pnginfo=info, exif=exif)
    return buffer.getvalue()


@pytest.fixture(scope="module", params=["/galeri/", "/"], ids=["sub-path", "root"])
def site(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(output, content, base path) of the sample showcase with leaky photos and stray files."""
    root = tmp_path_factory.mktemp("scan")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    photos = sorted(content.glob("products/*/*.jpg"))
    for photo in photos[:3]:
        photo.write_bytes(leaky_jpeg(photo))
    for png in sorted(content.rglob("*.png"))[:1]:
        png.write_bytes(leaky_png(png))
    for name, data in STRAY.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(data)
    output = root / "output"
    # The suite's shared photo cache (as the browser tests use): only the planted photos are new.
    build(Options(content=content, output=output, templates=REPO / "templates", cache=REPO / ".cache" / "showcase",
                  base_url=ORIGIN + request.param, workers=2))
    return output, content, request.param


def files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.is_file())


# -- privacy ------------------------------------------------------------------------------------
def byte_leaks(output: Path) -> list[str]:
    leaks = []
    needles = {name: text.encode() for name, text in SECRETS.items() if "marker" not in name or "XMP" in name}
    for path in files(output):
        data = path.read_bytes()
        for name, needle in needles.items():
            if needle in data or needle.decode().encode("utf-16-le") in data:
                leaks.append(f"{path.relative_to(output)}: {name}")
        if b"http://ns.adobe.com/xap/" in data or b"x:xmpmeta" in data:
            leaks.append(f"{path.relative_to(output)}: XMP packet")
    return leaks


def image_leaks(output: Path) -> tuple[int, list[str]]:
    leaks, images = [], 0
    for path in files(output):
        if path.suffix.lower() not in {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff"}:
            continue
        with Image.open(path) as image:
            images += 1
            exif = image.getexif()
            if exif.get_ifd(GPS_IFD) or GPS_IFD in exif:
                leaks.append(f"{path.relative_to(output)}: GPS")
            for ifd in (exif, exif.get_ifd(EXIF_IFD)):
                leaks += [f"{path.relative_to(output)}: {name}" for tag, name in PRIVATE_TAGS.items() if tag in ifd]
            leaks += [f"{path.relative_to(output)}: {key}" for key in image.info
                      if key.lower() in {"xmp", "xml:com.adobe.xmp", "comment", "exif"} or "xmp" in key.lower()]
    return images, leaks


def test_no_photo_metadata_in_any_output_file(site) -> None:
    output, _, _ = site
    assert byte_leaks(output) == []


def test_no_exif_gps_or_camera_tags_in_any_image(site) -> None:
    output, _, _ = site
    images, leaks = image_leaks(output)
    assert images > 50
    assert not leaks, leaks


def test_the_scans_catch_what_they_look_for(tmp_path) -> None:
    """The scanners on a planted leak: a test that cannot fail proves nothing."""
    photo = tmp_path / "src.jpg"
    Image.new("RGB", (64, 48), (120, 80, 40)).save(photo)
    (tmp_path / "out" / "media").mkdir(parents=True)
    (tmp_path / "out" / "media" / "leak.jpg").write_bytes(leaky_jpeg(photo))
    found = byte_leaks(tmp_path / "out")
    assert any("camera make" in f for f in found) and any("XMP" in f for f in found)
    _, tags = image_leaks(tmp_path / "out")
    assert {"media/leak.jpg: GPS", "media/leak.jpg: Make", "media/leak.jpg: BodySerialNumber"} <= set(tags)


def test_no_content_or_stray_files_published(site) -> None:
    output, content, _ = site
    bad = []
    for path in files(output):
        relative = path.relative_to(output).as_posix()
        name = path.name
        if (name.startswith(".") or name.endswith("~") or name.lower() in {"thumbs.db", "desktop.ini"}
                or path.suffix.lower() in {".md", ".markdown", ".yaml", ".yml", ".env", ".swp", ".db", ".bak",
                                           ".py", ".toml", ".ini", ".log"}
                or (path.suffix == ".txt" and relative != "robots.txt")):
            bad.append(relative)
    sources = {p.read_bytes() for p in content.rglob("*") if p.is_file() and p.stat().st_size > 16
               and p.suffix.lower() not in {".jpg", ".jpeg", ".png", ".webp"}}
    bad += [f"{p.relative_to(output)} (a content file copied)" for p in files(output) if p.read_bytes() in sources]
    assert not bad, bad


def test_original_photos_are_not_published(site) -> None:
    """Every photo is re-encoded: no output file is byte-identical to a photo in content/."""
    output, content, _ = site
    originals = {p.read_bytes() for p in content.rglob("*") if p.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp"}}
    copied = [p.relative_to(output).as_posix() for p in files(output) if p.read_bytes() in originals]
    assert not copied, copied


# -- links --------------------------------------------------------------------------------------
class Links(HTMLParser):
    """Every URL an HTML page refers to, and every id it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if "id" in found:
            self.ids.add(found["id"])
        if tag == "a" and "name" in found:
            self.ids.add(found["name"])
        for attribute in ("href", "src", "poster", "action", "data-src"):
            if attribute in found:
                self.urls.append((f"{tag}[{attribute}]", found[attribute]))
        for attribute in ("srcset", "imagesrcset"):
            for candidate in found.get(attribute, "").split(","):
                if candidate.strip():
                    self.urls.append((f"{tag}[{attribute}]", candidate.split()[0]))
        if tag == "meta" and (found.get("property", "").endswith((":image", ":url")) or
                              found.get("name", "").endswith(":image")):
            self.urls.append((f"meta[{found.get('property') or found.get('name')}]", found.get("content", "")))

    handle_startendtag = handle_starttag


def page_url(output: Path, path: Path, base: str) -> str:
    relative = path.relative_to(output).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return ORIGIN + base + relative


def resolve(output: Path, base: str, url: str) -> tuple[Path | None, str]:
    """The output file an absolute URL of this site names (None when outside the site), and its fragment."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != ORIGIN:
        return None, ""
    path = unquote(parts.path)
    assert path.startswith(base), f"{url} is outside the site's path {base}"
    target = output / path[len(base):]
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


@pytest.fixture(scope="module")
def parsed(site) -> dict[Path, Links]:
    output, _, _ = site
    result = {}
    for path in files(output):
        if path.suffix == ".html":
            links = Links()
            links.feed(path.read_text(encoding="utf-8"))
            result[path] = links
    return result


def is_internal(url: str, base: str) -> bool:
    scheme = urlsplit(url).scheme
    return not scheme or url.startswith(ORIGIN + "/")


SLOT = "@@"  # pages/records.py


def test_every_internal_link_image_and_srcset_resolves(site, parsed) -> None:
    output, _, base = site
    broken, checked = [], 0
    for path, links in parsed.items():
        here = page_url(output, path, base)
        for where, url in links.urls:
            if not url or not is_internal(url, base) or SLOT in url:
                continue  # a record skeleton's slot: the service worker puts a real link there
            absolute = urljoin(here, url)
            target, fragment = resolve(output, base, absolute)
            checked += 1
            if target is None or not target.is_file():
                broken.append(f"{path.relative_to(output)}: {where}={url}")
            elif fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else set()
                if fragment not in ids:
                    broken.append(f"{path.relative_to(output)}: {where}={url} (no id {fragment!r})")
    assert checked > 1000
    assert not broken, "\n".join(broken[:40])


def test_css_urls_resolve(site) -> None:
    output, _, base = site
    broken = []
    for css in output.rglob("*.css"):
        here = page_url(output, css, base)
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if url.startswith("data:"):
                continue
            target, _ = resolve(output, base, urljoin(here, url))
            if target is None or not target.is_file():
                broken.append(f"{css.relative_to(output)}: {url}")
    assert not broken, broken


def json_urls(value: object, base: str) -> list[str]:
    """String values of a JSON document that are URLs or absolute paths of this site."""
    if isinstance(value, dict):
        return [u for v in value.values() for u in json_urls(v, base)]
    if isinstance(value, list):
        return [u for v in value for u in json_urls(v, base)]
    if isinstance(value, str) and (value.startswith(ORIGIN + base) or
                                   (value.startswith(base) and re.fullmatch(r"/[^\s<>\"]*", value))):
        return [value]
    return []


def test_manifest_search_index_and_exports_resolve(site) -> None:
    output, _, base = site
    broken, checked = [], 0
    for path in [*output.rglob("*.json"), *output.rglob("*.webmanifest")]:
        here = page_url(output, path, base)
        for url in json_urls(json.loads(path.read_text(encoding="utf-8")), base):
            target, _ = resolve(output, base, urljoin(here, url))
            checked += 1
            folder = url.endswith("/") and target is not None and target.parent.is_dir()
            if target is None or not (target.is_file() or folder):  # a folder: where shards live
                broken.append(f"{path.relative_to(output)}: {url}")
    manifests = list(output.rglob("*.webmanifest"))
    if manifests:
        icons = json.loads(manifests[0].read_text(encoding="utf-8")).get("icons", [])
        assert icons, "the manifest lists no icons"
    assert not broken, broken


def test_service_worker_precache_resolves(site) -> None:
    output, _, base = site
    sw = output / "sw.js"
    if not sw.exists():
        pytest.skip("no service worker in this build")
    match = re.search(r"const C = (\{.*?\});\n", sw.read_text(encoding="utf-8"), re.S)
    assert match, "sw.js: cannot find its configuration object"
    config = json.loads(match.group(1))
    urls = [entry[0] if isinstance(entry, list) else entry for entry in config.get("precache", [])]
    urls += [page for _, page in config.get("offline", [])]  # (language prefix, its offline page)
    assert urls
    broken = []
    for url in urls:
        target, _ = resolve(output, base, urljoin(ORIGIN + base, url))
        if target is None or not target.is_file():
            broken.append(url)
    assert not broken, broken


def test_sitemap_and_feeds_resolve_and_cover_every_page(site) -> None:
    output, _, base = site
    sitemap = output / "sitemap.xml"
    if not sitemap.exists():
        pytest.skip("no sitemap in this build")
    tree = ElementTree.parse(sitemap)
    locs = [e.text or "" for e in tree.iter() if e.tag.endswith("}loc")]
    hrefs = [e.get("href", "") for e in tree.iter() if e.tag.endswith("}link")]
    for feed in output.rglob("*.xml"):
        if feed != sitemap:
            feed_tree = ElementTree.parse(feed)
            hrefs += [e.get("href", "") for e in feed_tree.iter() if e.tag.endswith("}link")]
    broken = []
    for url in [*locs, *hrefs]:
        target, _ = resolve(output, base, url)
        if target is not None and not target.is_file():
            broken.append(url)
    assert not broken, broken
    listed = {resolve(output, base, u)[0] for u in locs}
    pages = {p for p in files(output) if p.name == "index.html"}
    assert listed <= pages
    assert len(listed) >= len(pages) * 0.8, "the sitemap leaves out many pages"
