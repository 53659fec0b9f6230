"""`showcase serve` without a browser: served HTML carries the reload script, output/ does not,
the event stream starts with the current state, and a busy port is a usage error."""
from __future__ import annotations

import io
import json
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from showcase.errors import UsageError
from showcase.pipeline import Options
from showcase.serve import LiveServer

MINIMAL = Path(__file__).resolve().parent.parent / "sites" / "minimal" / "content"


def test_served_html_has_the_script_and_output_does_not(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "content")
    options = Options(content=tmp_path / "content", output=tmp_path / "output", templates=None, cache=None)
    server = LiveServer(options, port=0, out=io.StringIO()).start()
    try:
        with urllib.request.urlopen(server.url + "produk/bandeng-presto/", timeout=30) as response:
            html = response.read().decode()
        assert re.search(r'<script src="/__showcase/live.js" data-build="\d+"></script>', html)
        assert "<script>" not in html, "the pages' policy would block an inline script"
        assert "__showcase" not in (tmp_path / "output" / "produk" / "bandeng-presto" / "index.html").read_text()
        assert f'href="{server.url}' in html or 'href="/' in html, "links point at the local server"
        with urllib.request.urlopen(server.url + "__showcase/events", timeout=30) as events:
            first = events.readline().decode()
        assert json.loads(first.removeprefix("data: ")) == {"built": 1, "errors": []}
        with pytest.raises(UsageError, match="try --port"):
            LiveServer(options, port=server.port)
    finally:
        server.stop()
