"""`showcase serve`: build, serve `output/` on 127.0.0.1, rebuild on every change and reload open pages.

Owns the preview loop for editors: a threaded static server for the output folder, a watcher
that polls the modification times of `content/` and `templates/` (no extra dependency) and
rebuilds once a change has settled, and a small Server-Sent-Events endpoint that tells open pages
a new build is ready or shows the build's errors as an overlay (file, line, message, hint, in the
editor's language) until they are fixed. The reload and overlay mechanism knows nothing of how a
build is done: `LiveServer` takes a `builder` (by default `build_once`, a build that redoes only
what the change touches; see README, "Rebuilds") that returns the errors, or none. Nothing is
inline: each HTML page is sent with a `<meta name="showcase-build">` holding the number of the
build it comes from and the external `live.js`, which the site's own Content-Security-Policy
allows, and the page reloads only when the stream announces another number. Both are added only
to HTML as it is served, never to the files of `output/`, and never to the web editor at
`/admin/` (a reload would lose what an editor is typing; `showcase edit` runs it). The preview
registers no service worker (`sw.js` is not served), so that a page is never answered from a
stale offline copy.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import io
import json
import os
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator

from .cli import add_cache, add_content, add_lang, cache_dir, language, program, site_folder
from .errors import BuildFailed, Diagnostic, UsageError
from .messages import render
from .offline import IMMUTABLE
from .pipeline import Options, build
from .report import Reporter

POLL_S = 0.05
"""How often the folders are looked at; never more than a fifth of the time a look takes (a large
catalogue's stat of every file), so polling never takes more than a fifth of a core."""
SETTLE_S = 0.02
"""After a change is seen, how long the folders must stay the same before the rebuild starts: an
editor's save (a temporary file written, then renamed over the old one) takes a few milliseconds,
so one save is one rebuild and one reload."""
KEEPALIVE_S = 15.0
PREFIX = "/__showcase/"
BUILD_META = "showcase-build"
EDITOR = "/admin/"  # the web editor is never reloaded under an editor's hands, nor given the script

SCRIPT = """(function () {
  var meta = document.querySelector('meta[name="showcase-build"]');
  var built = meta ? Number(meta.content) : -1;
  var source = new EventSource("/__showcase/events");
  function show(errors) {
    var old = document.getElementById("showcase-error-overlay");
    if (old) { old.remove(); }
    if (!errors.length) { return; }
    var box = document.createElement("div");
    box.id = "showcase-error-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:1.5rem;" +
      "background:rgba(40,0,0,.93);color:#fff;font:15px/1.5 system-ui,sans-serif";
    var title = document.createElement("h2");
    title.textContent = __TITLE__;
    box.appendChild(title);
    errors.forEach(function (e) {
      var item = document.createElement("pre");
      item.style.cssText = "white-space:pre-wrap;background:rgba(0,0,0,.35);padding:.75rem;margin:.75rem 0";
      item.textContent = e.where + "\\n" + e.message + (e.hint ? "\\n" + __HINT__ + ": " + e.hint : "") +
        "  [" + e.code + "]";
      box.appendChild(item);
    });
    document.body.appendChild(box);
  }
  source.onmessage = function (event) {
    var state = JSON.parse(event.data);
    if (state.built !== built && !state.errors.length) { source.close(); location.reload(); return; }
    show(state.errors);
  };
})();
"""

EPILOG = """\
examples:
  showcase serve                       build, then open http://127.0.0.1:8000/
  showcase serve --port 8080
  showcase serve --drafts              preview products and pages marked draft: true
  showcase serve --lang en             messages (and the error overlay) in English
  python build.py serve --content ../situs-lain/content

Every saved change rebuilds the site, redoing only what the change touches (see README,
"Rebuilds"), and reloads the open pages once; a mistake shows on the page with its file, line
and how to fix it, until it is fixed. The preview registers no offline service worker and
draws no share images (the pictures chat apps show for a public link).
Press Ctrl+C to stop. Exit status: 0 stopped, 2 usage error (e.g. the port is in use).
"""


class LiveState:
    """The last good build's number and the current errors (in words), shared with the streams."""

    def __init__(self, lang: str = "id") -> None:
        self.lang = lang
        self.changed = threading.Condition()
        self.built = 0
        self.version = 0
        self.errors: list[dict[str, Any]] = []
        self.stopping = False

    def update(self, errors: list[Diagnostic] | None, new_site: bool = True) -> None:
        """After a build: its errors, or None when it succeeded; `new_site` is False when the
        successful build left every file of the site as it was (nothing to reload)."""
        with self.changed:
            if errors is None:
                self.built += 1 if new_site else 0
                self.errors = []
            else:
                self.errors = [{"where": d.location(), "code": d.code, "hint": d.hint(self.lang),
                                "message": d.subject(self.lang)} for d in errors]
            self.version += 1
            self.changed.notify_all()

    def message(self) -> bytes:
        return f"data: {json.dumps({'built': self.built, 'errors': self.errors})}\n\n".encode()

    def stream(self) -> Iterator[bytes]:
        """The current state, then every new one; a comment line now and then keeps proxies open."""
        seen = -1
        while True:
            with self.changed:
                if self.version == seen and not self.stopping:
                    self.changed.wait(KEEPALIVE_S)
                if self.stopping:
                    return
                if self.version == seen:
                    yield b": keepalive\n\n"
                    continue
                seen = self.version
                data = self.message()
            yield data


def live_script(lang: str) -> bytes:
    """live.js with the overlay's words in the editor's language."""
    return (SCRIPT.replace("__TITLE__", json.dumps(render(lang, "serve.overlay")))
            .replace("__HINT__", json.dumps(render(lang, "level.hint"))).encode())


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files from the output folder; HTML gets the build number and the reload script on
    its way out; `sw.js` is not served."""

    state: LiveState

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == PREFIX + "events":
            return self.events()
        if path == PREFIX + "live.js":
            return self.send_bytes(200, "text/javascript; charset=utf-8", live_script(self.state.lang))
        if path == "/sw.js":
            return self.send_bytes(404, "text/plain; charset=utf-8", b"no service worker in the preview\n")
        return super().do_GET()

    def end_headers(self) -> None:
        # Files with their content's hash in their name are cached as the hosts cache them
        # (`_headers`), so a reload after a rebuild asks the server for the changed page only.
        if self.path.startswith(("/assets/", "/media/")):
            self.send_header("Cache-Control", IMMUTABLE)
        super().end_headers()

    def events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            for chunk in self.state.stream():
                self.wfile.write(chunk)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def send_bytes(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        built = self.state.built  # read before the file: a newer file with an older number only reloads once more
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the stdlib redirects to the slash form
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file() and not self.path.startswith(EDITOR):
            return self.html(200, target.read_bytes(), built)
        if not target.exists():
            missing = Path(self.directory) / "404.html"
            fallback = missing.read_bytes() if missing.is_file() else (
                "<!doctype html><meta charset=utf-8><title>showcase</title><body><p>"
                + render(self.state.lang, "serve.no_page")).encode()
            return self.html(404, fallback, built)
        return super().send_head()

    def html(self, status: int, body: bytes, built: int) -> BinaryIO:
        head = f'<meta name="{BUILD_META}" content="{built}"><script src="{PREFIX}live.js" defer></script>'.encode()
        at = body.find(b"</head>")
        body = body[:at] + head + body[at:] if at >= 0 else head + body
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file under the folders."""
    seen: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                path = os.path.join(root, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                seen[path] = (stat.st_mtime_ns, stat.st_size)
    return seen


def site_digest(output: Path) -> str:
    """What changes when any file of the built site changes (names, sizes, times; a rebuild keeps
    the files it does not change as they were)."""
    return hashlib.sha256(repr(sorted(snapshot([output]).items())).encode()).hexdigest()


Builder = Callable[[], "list[Diagnostic] | None"]


def build_once(options: Options, out: Any, lang: str) -> list[Diagnostic] | None:
    """One build of the preview: None when it succeeded, else its errors (already printed)."""
    try:
        build(options, Reporter(out, quiet=True, lang=lang))
    except BuildFailed as failure:
        report = failure.report
        return list(getattr(report, "errors", None) or failure.diagnostics.errors)
    return None


class LiveServer:
    """Serve, watch and rebuild until stop(); `builder` does one build (default: `build_once`)."""

    def __init__(self, options: Options, port: int = 8000, out: Any = None, lang: str = "id",
                 builder: Builder | None = None) -> None:
        self.state = LiveState(lang)
        self.lang = lang
        self.out = out or sys.stderr
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        options.output.mkdir(parents=True, exist_ok=True)
        try:
            self.httpd = http.server.ThreadingHTTPServer(
                ("127.0.0.1", port), functools.partial(handler, directory=str(options.output)))
        except OSError as exc:
            raise UsageError("serve.port", port=port, detail=exc.strerror or str(exc), next=port + 1) from None
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.options = replace(options, base_url=self.url)
        self.builder = builder or functools.partial(build_once, self.options, self.out, lang)
        self.folders = [p for p in (options.content, options.templates) if p is not None and p.is_dir()]
        self.stop_event = threading.Event()
        self.threads = [threading.Thread(target=self.httpd.serve_forever, daemon=True),
                        threading.Thread(target=self.watch, daemon=True)]
        self._site = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def rebuild(self) -> bool:
        try:
            errors = self.builder()
        except Exception as exc:  # noqa: BLE001 - e.g. a folder deleted mid-build: say so, keep watching
            self.out.write(render(self.lang, "serve.crashed", detail=f"{type(exc).__name__}: {exc}") + "\n")
            self.out.flush()
            return False
        if errors is not None:
            self.state.update(errors)
            return False
        site = site_digest(self.options.output)
        self.state.update(None, new_site=site != self._site)
        self._site = site
        self.out.write(render(self.lang, "serve.built", url=self.url) + "\n")
        self.out.flush()
        return True

    def watch(self) -> None:
        """Rebuild once the folders have stopped changing for a poll: an editor's save that writes
        a temporary file, then renames it, is one change and one reload."""
        before, poll = self._look()
        while not self.stop_event.wait(poll):
            now, poll = self._look()
            if now == before:
                continue
            while not self.stop_event.wait(min(poll, max(SETTLE_S, poll / 4))):
                settled, poll = self._look()
                if settled == now:
                    break
                now = settled
            before = now
            self.rebuild()

    def _look(self) -> tuple[dict[str, tuple[int, int]], float]:
        """The folders' snapshot, and how long to wait before the next look."""
        started = time.perf_counter()
        found = snapshot(self.folders)
        return found, max(POLL_S, 4 * (time.perf_counter() - started))

    def start(self) -> "LiveServer":
        self.rebuild()
        for thread in self.threads:
            thread.start()
        return self

    def stop(self) -> None:
        self.stop_event.set()
        with self.state.changed:
            self.state.stopping = True
            self.state.changed.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of the live preview (`serve`, and `edit`, which runs it)."""
    add_content(p)
    p.add_argument("--output", type=Path, metavar="DIR",
                   help="where the site is built and served from (default: output in the site folder)")
    p.add_argument("--templates", type=Path, metavar="DIR",
                   help="the site's templates (default: templates in the site folder)")
    add_cache(p, "it holds processed photos, QR codes, front matter, rendered text and the last build's state")
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    p.add_argument("--drafts", action="store_true", help="include products and pages marked draft: true")
    add_lang(p)


def options(args: argparse.Namespace, editor: str | None = None) -> Options:
    """The build options of the preview from parsed arguments (defaults follow the site folder)."""
    site = site_folder(args)
    return Options(content=args.content, output=args.output or site / "output",
                   templates=args.templates or site / "templates", cache=cache_dir(args), drafts=args.drafts,
                   editor=editor, preview=True)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=program("serve"), epilog=EPILOG,
                                description="Build, serve on 127.0.0.1 and rebuild and reload on every change.",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(p)
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    lang = language(args)
    server = LiveServer(options(args), args.port, lang=lang)
    folders = ", ".join(p.as_posix() for p in server.folders)
    sys.stdout.write(render(lang, "serve.serving", url=server.url, folders=folders) + "\n")
    sys.stdout.flush()
    server.start()
    try:
        server.stop_event.wait()
    except KeyboardInterrupt:
        sys.stdout.write(render(lang, "serve.stopped") + "\n")
    finally:
        server.stop()
    return 0
