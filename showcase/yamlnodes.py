"""Parse YAML into located, uninterpreted nodes, so that the schema decides every type.

PyYAML's constructors apply YAML 1.1's guesses (`NO` is false, `25.000` is 25.0, `+62 812…` is
an integer, `17:00` is 1020) and let duplicate keys overwrite each other. This module stops at
the node graph instead (libyaml's composer, fast), keeps each scalar's original text with its
line and column, and rejects what a content file must never contain: duplicate keys, anchors
and aliases, merge keys and custom tags. It knows nothing about fields.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

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
    """A YAML mistake at a file position, with a code and a hint for the editor."""

    def __init__(self, line: int, col: int | None, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message, self.hint = line, col, code, message, hint


def kind_name(node: Node) -> str:
    """How an editor would call what they wrote: text, a list, or a group of fields."""
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Mapping):
        return "a group of key: value fields"
    return "a single value"


def parse(text: str, first_line: int = 1) -> Node | None:
    """Parse one YAML document; None for an empty one. Raises YamlProblem with file positions."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _explain(exc, text, first_line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        raise YamlProblem(first_line, None, "FM_YAML", str(exc), "periksa penulisan YAML") from None
    if root is None:
        return None
    return _convert(root, first_line, set())


def _convert(node: yaml.Node, first_line: int, seen: set[int]) -> Node:
    line = node.start_mark.line + first_line
    col = node.start_mark.column + 1
    if id(node) in seen:
        raise YamlProblem(line, col, "FM_ALIAS", "YAML anchors and aliases (&name, *name) are not allowed",
                          "tulis nilainya langsung, tanpa & dan *")
    seen.add(id(node))
    if node.tag not in _STANDARD_TAGS and not (
        isinstance(node, yaml.ScalarNode) and node.tag == "!"
    ):
        if node.tag == "tag:yaml.org,2002:merge":
            raise YamlProblem(line, col, "FM_ALIAS", "YAML merge keys (<<) are not allowed",
                              "tulis setiap field secara langsung")
        raise YamlProblem(line, col, "FM_TAG", f"YAML tag {node.tag!r} is not allowed",
                          "hapus tag yang diawali '!' atau '!!'; tulis nilainya saja")
    if isinstance(node, yaml.ScalarNode):
        return Scalar(line, col, node.value, not node.style)  # libyaml: "", PyYAML: None
    if isinstance(node, yaml.SequenceNode):
        return Sequence(line, col, tuple(_convert(item, first_line, seen) for item in node.value))
    items: list[tuple[Scalar, Node]] = []
    first_seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, first_line, seen)
        if not isinstance(key, Scalar):
            raise YamlProblem(key.line, key.col, "FM_BAD_KEY", "a field name must be plain text",
                              "write `name: value`")
        if key.text in first_seen:
            raise YamlProblem(key.line, key.col, "FM_DUPLICATE_KEY",
                              f"field `{key.text}` appears twice (lines {first_seen[key.text]} and {key.line})",
                              "hapus salah satu; only one value per field")
        first_seen[key.text] = key.line
        items.append((key, _convert(value_node, first_line, seen)))
    return Mapping(line, col, tuple(items))


def _explain(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlProblem:
    """Turn a libyaml error into an editor's message at the right file position."""
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line if mark else 0) + first_line
    col = (mark.column + 1) if mark else None
    problem = exc.problem or "invalid YAML"
    source_line = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
    if "\t" in problem or "\t" in source_line[: (col or 1)]:
        tab_col = source_line.find("\t") + 1 if "\t" in source_line else col
        return YamlProblem(line, tab_col, "FM_TAB", "tab character used for indentation",
                           "gunakan spasi, bukan tab (use spaces, not tabs)")
    if "mapping values are not allowed" in problem:
        return YamlProblem(line, col, "FM_UNQUOTED_COLON", "':' inside a value",
                           "put the value in quotes, e.g. title: \"Kopi: Gayo\"")
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return YamlProblem(line, col, "FM_ALIAS", problem, "tulis nilainya langsung, tanpa & dan *")
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return YamlProblem(line, col, "FM_INDENT", f"{problem} (indentation or a stray character)",
                           "periksa indentasi: field di tingkat yang sama harus sejajar")
    return YamlProblem(line, col, "FM_YAML", problem, "periksa penulisan YAML pada baris ini")
