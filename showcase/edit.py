"""`showcase edit`: the web editor on a laptop: Decap's local backend and the live preview together.

Owns starting `decap-server` (the npm package, pinned: the site's own `node_modules/.bin` when it
has one, else `npx decap-server@DECAP_SERVER_VERSION`) on 127.0.0.1 in the site's folder, in its
file-system mode (a saved entry is written straight into `content/`; no branches, no editorial
workflow), then running `serve` with `/admin/` configured for that backend. Every save therefore
rebuilds the site and reloads the open pages. It needs Node 20+; `build`, `check` and `serve`
need only Python. It never publishes anything: committing and pushing stay with the editor.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, Any

from . import serve
from .cli import language, program
from .errors import ShowcaseError, UsageError
from .messages import Text, render

DECAP_SERVER_VERSION = "3.11.3"
NODE_MAJOR = 20
START_TIMEOUT_S = 60.0

EPILOG = f"""\
examples:
  showcase edit                 open http://127.0.0.1:8000/admin/ and add a product in the browser
  showcase edit --port 8080 --editor-port 8082

Needs Node.js {NODE_MAJOR} or newer (https://nodejs.org/). The first run fetches decap-server
{DECAP_SERVER_VERSION} with npx unless the site has it in node_modules/. Saved entries and photos
are written into content/; commit and push them as usual (git add content/ ...).
Press Ctrl+C to stop. Exit status: 0 stopped, 1 the editor backend could not start, 2 usage error.
"""


class EditorError(ShowcaseError):
    """The local editor backend cannot run here."""


def node_version() -> int | None:
    """The major version of the `node` on PATH, or None when there is none."""
    node = shutil.which("node")
    if node is None:
        return None
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.match(r"v(\d+)\.", out.strip())
    return int(found.group(1)) if found else None


def server_command(site: Path) -> list[str]:
    """How to run decap-server: the site's pinned copy, else npx at the pinned version."""
    major = node_version()
    if major is None or major < NODE_MAJOR:
        found: str | Text = Text.of("edit.node_none") if major is None else f"Node {major}"
        raise EditorError("edit.node", major=NODE_MAJOR, found=found)
    local = site / "node_modules" / ".bin" / ("decap-server.cmd" if os.name == "nt" else "decap-server")
    if local.is_file():
        return [str(local)]
    npx = shutil.which("npx")
    if npx is None:
        raise EditorError("edit.npx")
    return [npx, "--yes", f"decap-server@{DECAP_SERVER_VERSION}"]


def answers(url: str) -> bool:
    """Whether a decap-server answers its `info` action at url."""
    request = urllib.request.Request(url + "/api/v1", data=json.dumps({"action": "info"}).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return bool(json.load(response).get("type"))
    except (OSError, ValueError, urllib.error.URLError):
        return False


class Backend:
    """A running decap-server, stopped with stop()."""

    def __init__(self, site: Path, port: int, log: IO[Any] | None = None) -> None:
        self.url = f"http://127.0.0.1:{port}"
        if answers(self.url):
            raise UsageError("edit.port", port=port, next=port + 1)
        env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
               "GIT_REPO_DIRECTORY": str(site.resolve()), "LOG_LEVEL": "warn"}
        # Its own process group, so stopping it also stops the node process npx starts.
        group: dict[str, Any] = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if os.name == "nt" \
            else {"start_new_session": True}
        self.process = subprocess.Popen(server_command(site), cwd=site, env=env, stdout=log or subprocess.DEVNULL,
                                        stderr=log or subprocess.STDOUT, **group)
        deadline = time.monotonic() + START_TIMEOUT_S
        while not answers(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise EditorError("edit.start", url=self.url, version=DECAP_SERVER_VERSION)
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        if os.name == "nt":
            subprocess.run(["taskkill", "/T", "/F", "/PID", str(self.process.pid)], capture_output=True, check=False)
        else:
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            if os.name != "nt":
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=program("edit"), epilog=EPILOG,
                                description="Edit the site in the browser at /admin/ (Decap CMS with its local "
                                            "backend), with the live preview of `serve`.",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_arguments(p)
    p.add_argument("--editor-port", type=int, default=8081,
                   help="port of the editor's local backend, decap-server (default: 8081)")
    return p


def _stop_on_terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so the finally blocks stop decap-server too


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_terminate)
    if not args.content.is_dir():
        raise UsageError("edit.no_content", path=args.content.as_posix())
    backend = Backend(args.content.resolve().parent, args.editor_port)
    lang = language(args)
    try:
        server = serve.LiveServer(serve.options(args, backend.url), args.port, lang=lang)
        sys.stdout.write(render(lang, "edit.editing", url=f"{server.url}admin/") + "\n")
        sys.stdout.flush()
        server.start()
        try:
            server.stop_event.wait()
        except KeyboardInterrupt:
            sys.stdout.write(render(lang, "serve.stopped") + "\n")
        finally:
            server.stop()
    finally:
        backend.stop()
    return 0
