"""The options of a build: everything it depends on besides the files themselves.

Kept apart from the pipeline so that the command line and the no-change check (state.py) can
read them without importing the build's heavy stages.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

DEFAULT_CACHE = Path(".cache/showcase")
RENDER_TIMEOUT_S = 10.0
"""Seconds a Markdown body may take to render before it is stopped (see markup.py)."""
KILL_SWITCH_ENV = "SHOWCASE_SW_KILL_SWITCH"
"""Set to 1 to deploy the service worker that removes itself (see README: Offline)."""


@dataclass(frozen=True)
class Options:
    """Everything a build depends on besides the files themselves."""

    content: Path = Path("content")
    output: Path = Path("output")
    templates: Path | None = Path("templates")
    cache: Path | None = DEFAULT_CACHE
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    workers: int | None = None
    today: date | None = None
    render_timeout: float = RENDER_TIMEOUT_S
    editor: str | None = None  # `showcase edit`: /admin/ talks to the local Decap backend at this address
    preview: bool = False  # `showcase serve`: the share images chat apps show are not drawn

    def settings(self, today: date) -> list[str]:
        """Everything besides files that shapes the output, one line each (part of the fingerprint):
        options, the build date and the environment variables the build reads."""
        templates = self.templates.resolve() if self.templates else None  # (however the path is spelt)
        return [f"output {self.output.resolve()}", f"base_url {self.base_url}", f"drafts {self.drafts}",
                f"strict {self.strict}", f"today {today.isoformat()}", f"templates {templates}",
                f"editor {self.editor}", f"preview {self.preview}",
                f"{KILL_SWITCH_ENV} {os.environ.get(KILL_SWITCH_ENV, '')}"]


def build_date() -> date:
    """The date the build counts as today: SOURCE_DATE_EPOCH when set, else today in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.date()
