"""`showcase serve`: build, serve `output/` on 127.0.0.1, rebuild on every change and reload open pages.

Owns the preview loop for editors: a threaded static server for the output folder, a watcher
that polls the modification times of `content/` and `templates/` (no extra dependency), and a
small Server-Sent-Events endpoint that tells open pages a new build is ready or shows the build's
errors as an overlay (file, line, message, hint) until they are fixed. Every change runs a full
build: the photo cache makes unchanged photos cost a file copy, so this stays quick for a
catalogue of hundreds of products; it is not an incremental build. The reload script is injected
only into HTML as it is served, never into the files of `output/`, and never into the web editor
at `/admin/` (a reload would lose what an editor is typing; `showcase edit` runs it).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import io
import json
import os
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from .cli import add_content, program
from .errors import BuildFailed, Diagnostic, UsageError
from .pipeline import DEFAULT_CACHE, Options, build
from .report import Reporter

POLL_S = 0.5
KEEPALIVE_S = 15.0
PREFIX = "/__showcase/"
EDITOR = "/admin/"  # the web editor is never reloaded under an editor's hands, nor given the script

SCRIPT = """(function () {
  var built = Number(document.currentScript.getAttribute("data-build"));
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
    title.textContent = "Build gagal: perbaiki lalu simpan / build failed: fix and save";
    box.appendChild(title);
    errors.forEach(function (e) {
      var item = document.createElement("pre");
      item.style.cssText = "white-space:pre-wrap;background:rgba(0,0,0,.35);padding:.75rem;margin:.75rem 0";
      item.textContent = e.where + "\\n" + e.message + (e.hint ? "\\nhint: " + e.hint : "") + "  [" + e.code + "]";
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
  python build.py serve --content ../situs-lain/content

Every saved change rebuilds the site, redoing only what the change touches (see README,
"Rebuilds"), and reloads the open pages; a mistake shows on the page with its file, line and
how to fix it.
Press Ctrl+C to stop. Exit status: 0 stopped, 2 usage error (e.g. the port is in use).
"""


class LiveState:
    """The last good build's number and the current errors, shared with the event streams."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.built = 0
        self.version = 0
        self.errors: list[dict[str, Any]] = []
        self.stopping = False

    def update(self, errors: list[Diagnostic] | None) -> None:
        with self.changed:
            if errors is None:
                self.built += 1
                self.errors = []
            else:
                self.errors = [{"where": d.location(), "code": d.code, "hint": d.hint,
                                "message": (f"{d.field}: " if d.field else "") + d.message} for d in errors]
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


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files from the output folder; HTML gets the reload script on its way out."""

    state: LiveState

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == PREFIX + "events":
            return self.events()
        if path == PREFIX + "live.js":
            return self.send_bytes(200, "text/javascript; charset=utf-8", SCRIPT.encode())
        return super().do_GET()

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
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the stdlib redirects to the slash form
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file() and not self.path.startswith(EDITOR):
            return self.html(200, target.read_bytes())
        if not target.exists():
            missing = Path(self.directory) / "404.html"
            fallback = missing.read_bytes() if missing.is_file() else \
                b"<!doctype html><meta charset=utf-8><title>showcase</title><body><p>Belum ada halaman / no page yet."
            return self.html(404, fallback)
        return super().send_head()

    def html(self, status: int, body: bytes) -> BinaryIO:
        # An attribute, not an inline script: the pages' policy forbids inline scripts.
        tag = f'<script src="{PREFIX}live.js" data-build="{self.state.built}"></script>'.encode()
        at = body.rfind(b"</body>")
        body = body[:at] + tag + body[at:] if at >= 0 else body + tag
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


class LiveServer:
    """Serve, watch and rebuild until stop()."""

    def __init__(self, options: Options, port: int = 8000, out: Any = None) -> None:
        self.state = LiveState()
        self.out = out or sys.stderr
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        options.output.mkdir(parents=True, exist_ok=True)
        try:
            self.httpd = http.server.ThreadingHTTPServer(
                ("127.0.0.1", port), functools.partial(handler, directory=str(options.output)))
        except OSError as exc:
            raise UsageError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); try --port {port + 1}") from None
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.options = replace(options, base_url=self.url)
        self.folders = [p for p in (options.content, options.templates) if p is not None and p.is_dir()]
        self.stop_event = threading.Event()
        self.threads = [threading.Thread(target=self.httpd.serve_forever, daemon=True),
                        threading.Thread(target=self.watch, daemon=True)]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def rebuild(self) -> bool:
        try:
            build(self.options, Reporter(self.out, quiet=True))
        except BuildFailed as failure:
            report = failure.report
            errors = getattr(report, "errors", None) or failure.diagnostics.errors
            self.state.update(list(errors))
            return False
        self.state.update(None)
        self.out.write(f"built: {self.url}\n")
        self.out.flush()
        return True

    def watch(self) -> None:
        before = snapshot(self.folders)
        while not self.stop_event.wait(POLL_S):
            now = snapshot(self.folders)
            if now != before:
                before = now
                self.rebuild()

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
    p.add_argument("--output", type=Path, default=Path("output"), metavar="DIR",
                   help="where the site is built and served from (default: output)")
    p.add_argument("--templates", type=Path, default=Path("templates"), metavar="DIR",
                   help="the site's templates (default: templates)")
    p.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="DIR",
                   help=f"build cache: processed photos, QR codes and the last build's state (default: {DEFAULT_CACHE})")
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    p.add_argument("--drafts", action="store_true", help="include products and pages marked draft: true")


def options(args: argparse.Namespace, editor: str | None = None) -> Options:
    """The build options of the preview from parsed arguments."""
    return Options(content=args.content, output=args.output, templates=args.templates, cache=args.cache,
                   drafts=args.drafts, editor=editor)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=program("serve"), epilog=EPILOG,
                                description="Build, serve on 127.0.0.1 and rebuild and reload on every change.",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(p)
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    server = LiveServer(options(args), args.port)
    sys.stdout.write(f"Serving {server.url} (Ctrl+C to stop); watching "
                     + ", ".join(p.as_posix() for p in server.folders) + "\n")
    sys.stdout.flush()
    server.start()
    try:
        server.stop_event.wait()
    except KeyboardInterrupt:
        sys.stdout.write("stopped\n")
    finally:
        server.stop()
    return 0
