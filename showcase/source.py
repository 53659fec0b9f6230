"""Read one content file safely: bytes to text, then text to front matter and body.

This module owns everything that can go wrong before YAML is parsed: size limits, empty files,
byte-order marks, UTF-16, bytes that are not UTF-8, CRLF line endings, control characters,
invisible characters copied from WhatsApp or Word, and a missing, TOML or unclosed front-matter
block. It keeps line numbers true to the file the editor sees. It never interprets fields.

python-frontmatter is deliberately not used to split: on every malformed file in
`bad-inputs.md` (no block, unclosed block, BOM, TOML) it silently returns empty metadata.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import Diagnostics

MAX_FILE_BYTES = 200_000
MAX_FRONT_MATTER_BYTES = 32_000

# Characters that look like a space or a colon but are not, as YAML sees them; named by their
# code point and Unicode name, the same in every language.
_INVISIBLE = {
    "\u00a0": "U+00A0 (no-break space, NBSP)",
    "\u202f": "U+202F (narrow no-break space)",
    "\u2007": "U+2007 (figure space)",
}
_FORBIDDEN_IN_FRONT_MATTER = {
    "\uff1a": "U+FF1A (full-width colon)",
    "\u200b": "U+200B (zero-width space)",
    "\u200c": "U+200C (zero-width non-joiner)",
    "\u200d": "U+200D (zero-width joiner)",
    "\u2060": "U+2060 (word joiner)",
    "\ufeff": "U+FEFF (byte-order mark)",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FENCE = re.compile(r"^---[ \t]*$")


@dataclass(frozen=True)
class Source:
    """A content file as text: front matter, body, and where each starts in the file (1-based)."""

    path: Path
    display: str
    front_matter: str
    front_matter_line: int
    body: str
    body_line: int


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index in text."""
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def decode(raw: bytes, display: str, diags: Diagnostics) -> str | None:
    """Bytes to LF-only text, or None with the reason recorded; never guesses an encoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        diags.error(display, 1, "SRC_UTF16", col=1)
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        diags.fixed(display, 1, "SRC_BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start]
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.error(display, line, "SRC_ENCODING", col=col, byte=f"{bad:02X}")
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        diags.fixed(display, None, "SRC_CRLF")
    bad_char = _CONTROL.search(text)
    if bad_char:
        line, col = position(text, bad_char.start())
        diags.error(display, line, "SRC_CONTROL_CHAR", col=col, char=f"U+{ord(bad_char.group()):04X}")
        return None
    return unicodedata.normalize("NFC", text)


def read_source(path: Path, display: str, diags: Diagnostics) -> Source | None:
    """Read a Markdown content file; every problem goes to diags and gives None."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        diags.error(display, None, "SRC_TOO_LARGE", size=len(raw) // 1000, limit=MAX_FILE_BYTES // 1000)
        return None
    if not raw.strip():
        diags.error(display, None, "SRC_EMPTY")
        return None
    text = decode(raw, display, diags)
    if text is None:
        return None
    return split_front_matter(path, display, text, diags)


def split_front_matter(path: Path, display: str, text: str, diags: Diagnostics) -> Source | None:
    """Split `---` front matter from the body, keeping file line numbers."""
    lines = text.split("\n")
    first = lines[0].strip()
    if first == "+++":
        diags.error(display, 1, "FM_TOML", col=1)
        return None
    if not _FENCE.match(lines[0]):
        diags.error(display, 1, "FM_MISSING", col=1)
        return None
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            break
    else:
        diags.error(display, 1, "FM_UNCLOSED", col=1, lines=len(lines))
        return None
    front = "\n".join(lines[1:index]) + "\n"
    if len(front.encode()) > MAX_FRONT_MATTER_BYTES:
        diags.error(display, 2, "FM_TOO_LARGE", limit=MAX_FRONT_MATTER_BYTES // 1000)
        return None
    front = _clean_front_matter(front, display, diags)
    if front is None:
        return None
    body = "\n".join(lines[index + 1:])
    return Source(path, display, front, 2, body, index + 2)


def _clean_front_matter(front: str, display: str, diags: Diagnostics) -> str | None:
    """Replace no-break spaces (noted) and reject invisible characters YAML would misread."""
    ok = True
    for char, name in _FORBIDDEN_IN_FRONT_MATTER.items():
        at = front.find(char)
        if at >= 0:
            line, col = position(front, at)
            if char == "\uff1a":
                diags.error(display, line + 1, "FM_INVISIBLE_CHAR.colon", col=col)
            else:
                diags.error(display, line + 1, "FM_INVISIBLE_CHAR", col=col, char=name)
            ok = False
    if not ok:
        return None
    for char, name in _INVISIBLE.items():
        at = front.find(char)
        if at >= 0:
            line, col = position(front, at)
            diags.warning(display, line + 1, "FM_NBSP", col=col, char=name)
            front = front.replace(char, " ")
    return front
