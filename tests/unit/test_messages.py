"""The message catalogue: no text exists in one language only, and the code and the catalogue agree.

Walks the source of showcase/ (its syntax tree, so comments do not count) for every message key
it uses: diagnostic codes (`FM_RANGE`, `FM_RANGE.above`) and the commands' texts (`report.failed`,
...). Every key used must be in the catalogue and every catalogue key must be used; each entry
has Indonesian and English with the same parameters; and every call that names a key with its
parameters passes exactly the parameters the texts use.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from showcase import errorref
from showcase.messages import LANGUAGES, catalogue, fields, render, render_hint
from showcase.problems import PROBLEMS

REPO = Path(__file__).resolve().parents[2]
SOURCES = sorted((REPO / "showcase").rglob("*.py"))
USERS = [path for path in SOURCES if path.name != "errorref.py"]  # errorref names codes to explain them
PREFIXES = ("SRC", "FM", "CT", "REF", "IMG", "MD", "TPL", "CERT", "CMS", "ORDER", "ROUTE", "PAGE", "THEME",
            "NET", "MK", "FEED", "ANALYTICS")  # NET: the partner network (issue 14); MK, FEED: market access
# (issue 13); ANALYTICS: counting, opt-in (issue 17)
CODE = re.compile(r"^(?:%s)_[A-Z0-9_]+(?:\.[a-z0-9_]+)?$" % "|".join(PREFIXES))
NAMESPACES = ("kind", "shape", "suggest", "slug", "level", "report", "check", "changes", "serve", "new", "cli",
              "output", "edit", "share", "newsite", "partners")  # partners: issue 14
TEXT_KEY = re.compile(r"^(?:(?:%s)(?:\.[a-z0-9_]+)+|suggest)$" % "|".join(NAMESPACES))
NOT_PARAMETERS = {"col", "field", "more"}  # where a diagnostic is, not what it says
# Texts that are the same in both languages on purpose: pure formatting, a proper name, a code.
SAME_IN_BOTH = {"report.offline", "report.cache", "check.summary.title", "changes.failed", "new.invalid", "new.invalid_hint",
                "new.choices"}


def constants(tree: ast.AST) -> set[str]:
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def used_keys() -> dict[str, set[str]]:
    """Every key written in showcase/, with the files that use it."""
    found: dict[str, set[str]] = {}
    for path in USERS:
        if path.name in ("problems.py", "messages.py"):
            # the catalogues' own keys are definitions, not uses; their functions may use keys
            tree = ast.parse(path.read_text())
            names = {name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) for name in constants(node)}
        else:
            names = constants(ast.parse(path.read_text()))
        for name in names:
            if CODE.match(name) or TEXT_KEY.match(name):
                found.setdefault(name, set()).add(path.name)
    return found


def test_every_key_used_in_the_source_is_in_the_catalogue_and_every_entry_is_used():
    used = used_keys()
    known = catalogue()
    assert {k for k in used if CODE.match(k)}, "the source walk found no diagnostic code"
    missing = {k: sorted(v) for k, v in used.items() if k not in known}
    assert not missing, f"keys used but not in the catalogue: {missing}"
    unused = sorted(k for k in known if k not in used)
    assert not unused, f"catalogue entries nothing uses (a key built at run time cannot be checked): {unused}"


def test_every_diagnostic_is_raised_with_a_known_code_prefix():
    """A new kind of problem gets a prefix listed here (and a section in docs/errors.md)."""
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("error", "warning", "fixed") and len(node.args) >= 3 \
                    and isinstance(node.args[2], ast.Constant) and isinstance(node.args[2].value, str):
                assert CODE.match(node.args[2].value), f"{path.name}:{node.lineno}: {node.args[2].value}"


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_each_entry_has_both_languages_with_the_same_parameters(key):
    entry = catalogue()[key]
    assert entry.id.strip() and entry.en.strip(), "a text in both languages"
    assert fields(entry.id) == fields(entry.en), "the same parameters in both languages"
    assert bool(entry.hint_id) == bool(entry.hint_en), "a hint in both languages or in neither"
    assert fields(entry.hint_id) == fields(entry.hint_en), "the hint's parameters are the same in both"
    if key in PROBLEMS:
        assert entry.hint_id, "every problem says how to fix it"
    if key not in SAME_IN_BOTH:
        assert entry.id != entry.en, "written in each language"
    params = {name: "x" for name in fields(entry.id) | fields(entry.hint_id)}
    for lang in LANGUAGES:  # every template is well formed
        numbers = {name: 1.5 for name in params}
        try:
            rendered = render(lang, key, **params) + render_hint(lang, key, **params)
        except ValueError:  # a numeric format such as {size:.1f}
            rendered = render(lang, key, **numbers) + render_hint(lang, key, **numbers)
        rendered = rendered.replace("{id: ..., en: ...}", "")  # YAML's own braces, shown to the editor
        assert "{" not in rendered.replace("{{", "") or "{whatsapp" in rendered


# The functions that take a key and its parameters together (others take a key and word it themselves).
TAKES_PARAMETERS = {"render", "render_hint", "of", "error", "warning", "fixed", "warn", "YamlProblem", "_Problem",
                    "ShowcaseError", "UsageError", "Exists", "OutputError", "EditorError"}


def called(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")


def calls_with_parameters() -> list[tuple[str, int, str, set[str]]]:
    """(file, line, key, keyword names) of every call or tuple that names a key and its parameters."""
    found = []
    known = catalogue()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and called(node) in TAKES_PARAMETERS:
                keys = [a.value for a in node.args if isinstance(a, ast.Constant) and a.value in known]
                if len(keys) != 1 or any(k.arg is None for k in node.keywords):
                    continue  # no key, or parameters passed on as **params
                found.append((path.name, node.lineno, keys[0], {k.arg for k in node.keywords} - NOT_PARAMETERS))
            elif isinstance(node, ast.Tuple):  # render.py: (code, file, line, {parameters})
                keys = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in known]
                dicts = [e for e in node.elts if isinstance(e, ast.Dict)]
                if len(keys) == 1 and len(dicts) == 1:
                    names = {k.value for k in dicts[0].keys if isinstance(k, ast.Constant)}
                    found.append((path.name, node.lineno, keys[0], names))
    return found


def test_every_call_passes_exactly_the_parameters_its_texts_use():
    found = calls_with_parameters()
    assert len(found) > 100, "the walk finds the calls"
    known = catalogue()
    wrong = []
    for name, line, key, given in found:
        entry = known[key]
        wanted = fields(entry.id) | fields(entry.hint_id)
        if given != wanted:
            wrong.append(f"{name}:{line}: {key} given {sorted(given)}, its texts use {sorted(wanted)}")
    assert not wrong, "\n".join(wrong)


def test_the_message_reference_is_generated_and_explains_every_code_once():
    committed = (REPO / "docs" / "errors.md").read_text()
    assert committed == errorref.render_page(), "run: python -m showcase.errorref > docs/errors.md"
    documented = [code for _, rows in errorref.SECTIONS for codes, _, _ in rows for code in codes]
    assert sorted(documented) == sorted(set(documented)), "each code explained once"
    assert set(documented) == errorref.codes(), (
        f"explain: {sorted(errorref.codes() - set(documented))}; remove: {sorted(set(documented) - errorref.codes())}")
