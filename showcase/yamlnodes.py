"""Parse YAML into located, uninterpreted nodes, so that the schema decides every type.

PyYAML's constructors apply YAML 1.1's guesses (`NO` is false, `25.000` is 25.0, `+62 812…` is
an integer, `17:00` is 1020) and let duplicate keys overwrite each other. This module stops at
the node graph instead (libyaml's composer, fast), keeps each scalar's original text with its
line and column, and rejects what a content file must never contain: duplicate keys, anchors
and aliases, merge keys and custom tags. It knows nothing about fields.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .errors import Diagnostics
from .messages import Text

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is part of the pinned wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


@dataclass(frozen=True)
class Node:
    """Where a value starts in the file (1-based line and column)."""

    line: int
    col: int


@dataclass(frozen=True)
class Scalar(Node):
    """A scalar as written: `plain` is False when the editor quoted it."""

    text: str
    plain: bool

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class Mapping(Node):
    items: tuple[tuple[Scalar, Node], ...]


@dataclass(frozen=True)
class Sequence(Node):
    items: tuple[Node, ...]


class YamlProblem(Exception):
    """A YAML mistake at a file position: a catalogue key (`FM_TAB`, ...) with its parameters.
    `more` holds further positions of the same mistake (every tab-indented line, not only the
    first that stopped the parser)."""

    def __init__(self, line: int, col: int | None, key: str, more: tuple[tuple[int, int], ...] = (),
                 **params: Any) -> None:
        super().__init__(key)
        self.line, self.col, self.key, self.more, self.params = line, col, key, more, params

    @property
    def code(self) -> str:
        return self.key.partition(".")[0]

    def report(self, display: str, diags: Diagnostics) -> None:
        """Every position of this mistake as an error of `display`."""
        for line, col in ((self.line, self.col), *self.more):
            diags.error(display, line, self.key, col=col, **self.params)


def kind_name(node: Node) -> Text:
    """How an editor would call what they wrote: a single value, a list, or a group of fields."""
    if isinstance(node, Sequence):
        return Text.of("shape.list")
    if isinstance(node, Mapping):
        return Text.of("shape.mapping")
    return Text.of("shape.scalar")


def parse(text: str, first_line: int = 1) -> Node | None:
    """Parse one YAML document; None for an empty one. Raises YamlProblem with file positions."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _explain(exc, text, first_line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        raise YamlProblem(first_line, None, "FM_YAML", detail=str(exc)) from None
    if root is None:
        return None
    return _convert(root, first_line, set())


def _convert(node: yaml.Node, first_line: int, seen: set[int]) -> Node:
    line = node.start_mark.line + first_line
    col = node.start_mark.column + 1
    if id(node) in seen:
        raise YamlProblem(line, col, "FM_ALIAS")
    seen.add(id(node))
    if node.tag not in _STANDARD_TAGS and not (
        isinstance(node, yaml.ScalarNode) and node.tag == "!"
    ):
        if node.tag == "tag:yaml.org,2002:merge":
            raise YamlProblem(line, col, "FM_ALIAS.merge")
        raise YamlProblem(line, col, "FM_TAG", tag=node.tag.replace("tag:yaml.org,2002:", "!!"))
    if isinstance(node, yaml.ScalarNode):
        return Scalar(line, col, node.value, not node.style)  # libyaml: "", PyYAML: None
    if isinstance(node, yaml.SequenceNode):
        return Sequence(line, col, tuple(_convert(item, first_line, seen) for item in node.value))
    items: list[tuple[Scalar, Node]] = []
    first_seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, first_line, seen)
        if not isinstance(key, Scalar):
            raise YamlProblem(key.line, key.col, "FM_BAD_KEY")
        if key.text in first_seen:
            raise YamlProblem(key.line, key.col, "FM_DUPLICATE_KEY", name=key.text,
                              first=first_seen[key.text], second=key.line)
        first_seen[key.text] = key.line
        items.append((key, _convert(value_node, first_line, seen)))
    return Mapping(line, col, tuple(items))


def _explain(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlProblem:
    """Turn a libyaml error into an editor's message at the right file position."""
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line if mark else 0) + first_line
    col = (mark.column + 1) if mark else None
    problem = exc.problem or "invalid YAML"
    lines = text.split("\n")
    source_line = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in problem or "\t" in source_line[: (col or 1)]:
        # Every line indented with a tab, so that one run names them all.
        tabbed = [(number, row.find("\t") + 1) for number, row in enumerate(lines, start=first_line)
                  if row.strip() and "\t" in row[:len(row) - len(row.lstrip())]]
        if not tabbed:
            tabbed = [(line, source_line.find("\t") + 1 if "\t" in source_line else col or 1)]
        return YamlProblem(tabbed[0][0], tabbed[0][1], "FM_TAB", tuple(tabbed[1:]))
    started = exc.context_mark
    if "could not find expected ':'" in problem and started:
        return YamlProblem(started.line + first_line, started.column + 1, "FM_YAML.colon")
    if "quoted scalar" in (exc.context or "") and started:
        return YamlProblem(started.line + first_line, started.column + 1, "FM_YAML.quote")
    if "flow sequence" in (exc.context or "") or "flow mapping" in (exc.context or ""):
        where = started or mark
        return YamlProblem(where.line + first_line if where else line, where.column + 1 if where else col,
                           "FM_YAML.bracket", open="[" if "sequence" in exc.context else "{",
                           close="]" if "sequence" in exc.context else "}")
    if "cannot start any token" in problem and col is not None and col <= len(source_line):
        return YamlProblem(line, col, "FM_YAML.start", char=source_line[col - 1])
    if "mapping values are not allowed" in problem:
        stripped = source_line.lstrip()
        first_colon = len(source_line) - len(stripped) + stripped.find(":") + 1
        if source_line[:1] == " " and col == first_colon:  # `  price: 5` under `title: ...`
            return YamlProblem(line, len(source_line) - len(stripped) + 1, "FM_INDENT")
        return YamlProblem(line, col, "FM_UNQUOTED_COLON")
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return YamlProblem(line, col, "FM_ALIAS.undefined", detail=problem)
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return YamlProblem(line, col, "FM_INDENT")
    return YamlProblem(line, col, "FM_YAML", detail=problem)
