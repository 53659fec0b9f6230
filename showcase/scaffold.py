"""`showcase new KIND`: write a new content file that builds, with every field explained in Indonesian.

The file is generated from `schema.SCHEMAS` (fields, required flags, examples) and the
descriptions of `fieldref`, so it cannot drift from validation: required fields are filled in,
every other field is a commented line to uncomment. Values come from options, or from prompts
when stdin is a terminal and something required is missing. References (maker, category,
region) must name existing files (with "did you mean"), every value is validated as a build
would before anything is written (a wrong value is reported against its option, e.g. `--price`),
and an existing file is never overwritten. What it prints is in the editor's language (`--lang`).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from .cli import add_content, add_lang, language, program
from .errors import Diagnostic, Diagnostics, ShowcaseError, UsageError, did_you_mean
from .fieldref import KINDS, describe
from .loader import KIND_FOLDERS, KIND_WORDS
from .messages import Text, render
from .model import Catalog
from .schema import SCHEMAS, Field, Validator
from .slugs import problem as slug_problem
from .slugs import slugify
from .yamlnodes import YamlProblem, parse

FOLDER = {kind: folder for folder, kind in KIND_FOLDERS.items()}
SCALARS = ("str", "int", "float", "slug", "slugtext", "choice", "phone", "email", "url", "handle", "date")
QUOTED = ("phone",)  # written in quotes so YAML keeps them as text
_PLAIN = re.compile(r"^[A-Za-z0-9À-ɏ][A-Za-z0-9À-ɏ .,()'/&+-]*$")

EPILOG = """\
examples:
  showcase new product --title "Abon Bandeng" --maker mattiro-sompe --category olahan-hasil-laut
  showcase new product --title "Abon Bandeng" --maker mattiro-sompe --category olahan-hasil-laut \\
                       --price 45000 --unit "250 g"
  showcase new maker --name "UMKM Mattiro Sompe" --region pangkep --whatsapp "0812-3456-7890"
  showcase new region --name "Kabupaten Soppeng" --province "Sulawesi Selatan"
  showcase new category --name "Olahan Hasil Laut"
  showcase new page --title "Cara Memesan"
  showcase new gallery --name "Galeri Dekranasda Tangsel" --region tangerang-selatan --address "Jl. ..."
  showcase new product                      in a terminal: asks for what is missing
  showcase new page --title "Cara Memesan" --lang en   messages in English
  showcase new site galeri-soppeng --title "Galeri Dekranasda Soppeng" --region "Kabupaten Soppeng"

The file is written in content/<kind>/ (products in content/products/<region>/), never over an
existing file. Exit status: 0 written, 1 content problem (unknown maker, file exists), 2 usage.
"""


class Exists(ShowcaseError):
    """The target file is already there."""


class OptionProblems(UsageError):
    """Option values the schema refuses: each put into words against its option (`--price: ...`)."""

    def __init__(self, problems: list[tuple[str, Diagnostic]]) -> None:
        Exception.__init__(self, "new.invalid")
        self.problems = problems

    def render(self, lang: str) -> str:
        lines = []
        for option_name, d in self.problems:
            line = render(lang, "new.invalid", option=option_name, message=d.message(lang)) if option_name \
                else d.message(lang)
            if hint := d.hint(lang):
                line += "\n" + render(lang, "new.invalid_hint", label=Text.of("level.hint"), hint=hint)
            lines.append(line)
        return ("\n" + render(lang, "cli.error", message="")).join(lines)


@dataclass(frozen=True)
class Draft:
    """A file about to be written: where, and its text."""

    path: Path
    text: str


def option(name: str) -> str:
    return "--" + name.replace("_", "-")


def yaml_value(spec: Field, value: str) -> str:
    """A value as it must be written in front matter (quoted when YAML would misread it)."""
    if spec.type in ("int", "float", "date") or (spec.type in ("slug", "slugtext", "choice") and _PLAIN.match(value)):
        return value
    if spec.type not in QUOTED and _PLAIN.match(value) and not value.endswith((".", ",")):
        return value
    return json.dumps(value, ensure_ascii=False)


def example_lines(spec: Field, indent: str = "") -> list[str]:
    """The commented example of a field: one line, or a small block for lists and groups."""
    item = spec.item
    if spec.type == "list" and item is not None and item.type == "image":
        # src and alt written out; optional settings (focus) stay commented inside the block
        block = [f"{indent}{spec.name}:"]
        for i, sub in enumerate(item.fields):
            line = f"{sub.name}: {sub.example or '...'}"
            if sub.required or sub.name == "alt":
                block.append(f"{indent}  {'- ' if i == 0 else '  '}{line}")
            else:
                choices = " | ".join(sub.choices[:5]) + " | ..." if len(sub.choices) > 5 else " | ".join(sub.choices)
                block.append(f"{indent}    # {line}   (opsional: {choices}; lihat docs/photos.md)")
        return block
    if spec.type == "list" and item is not None and item.fields:
        block = [f"{indent}{spec.name}:"]
        for i, sub in enumerate(item.fields):
            block.append(f"{indent}  {'- ' if i == 0 else '  '}{sub.name}: {sub.example or '...'}")
        return block
    if spec.type == "record" and spec.fields:
        return [f"{indent}{spec.name}:", *(f"{indent}  {sub.name}: {sub.example or '...'}" for sub in spec.fields)]
    return [f"{indent}{spec.name}: {spec.example or '...'}"]


def render_text(kind: str, values: dict[str, str], slug: str = "", blocks: dict[str, list[str]] | None = None) -> str:
    """The whole file: every field of the kind, given values set, the others commented.
    `blocks`: YAML lines, as written, of list or group fields to set (e.g. a product's images)."""
    label = KINDS[kind][0]
    lines = ["---", f"# {label} baru. Baris yang diawali # adalah keterangan atau kolom yang belum dipakai:",
             "# hapus tanda # (dan spasi sesudahnya) untuk memakainya. Daftar lengkap: docs/fields.md"]
    for spec in SCHEMAS[kind]:
        note = describe(kind, spec)
        if spec.choices:
            note += " (" + " | ".join(spec.choices) + ")"
        lines.append(f"# {note}{' — WAJIB' if spec.required else ''}")
        if blocks and spec.name in blocks:
            lines += blocks[spec.name]
        elif spec.name in values:
            lines.append(f"{spec.name}: {yaml_value(spec, values[spec.name])}")
        elif spec.name == "slug" and slug:
            lines.append(f"# slug: {slug}")
        else:
            lines += ["# " + line for line in example_lines(spec)]
    lines += ["# Di bawah garis --- berikutnya: teks halaman (Markdown). Foto: ![keterangan](foto.jpg)", "---", ""]
    return "\n".join(lines)


def validate(kind: str, text: str, display: str) -> Diagnostics:
    """Check the generated front matter with the same validator as a build."""
    diags = Diagnostics()
    front = text.split("---\n")[1]
    try:
        root = parse(front, 2)
    except YamlProblem as exc:
        exc.report(display, diags)
        return diags
    Validator(display, diags).record(root, SCHEMAS[kind])
    return diags


def existing(content: Path) -> Catalog:
    """What the site has now (drafts included), to check references and slugs."""
    import os

    from .pipeline import Options, analyse

    analysis = analyse(Options(content=content, output=Path(os.devnull), cache=None, drafts=True))
    try:
        return analysis.catalog
    finally:
        analysis.store.close()


def references(catalog: Catalog) -> dict[str, list[str]]:
    return {"region": sorted(r.slug for r in catalog.regions), "category": sorted(c.slug for c in catalog.categories),
            "maker": sorted(m.slug for m in catalog.makers)}


def reference_problem(field: str, value: str, known: dict[str, list[str]]) -> Text | None:
    """None when `value` names an existing file of that kind, else the message to show."""
    choices = known.get(field)
    if choices is None or value in choices:
        return None
    listed: str | Text = ", ".join(choices[:12]) or Text.of("new.none_yet", kind=field)
    return Text.of("new.unknown", what=Text.of(KIND_WORDS[field]), value=value,
                   suggestion=did_you_mean(value, choices), folder=FOLDER[field], listed=listed)


def plan(kind: str, content: Path, values: dict[str, str], catalog: Catalog) -> Draft:
    """Where the file goes and its text; raises on an unknown reference, a bad slug or an existing file."""
    known = references(catalog)
    for field in ("maker", "category", "region"):
        if field in values and (problem := reference_problem(field, values[field], known)):
            raise ShowcaseError(problem.key, **dict(problem.params))
    title = values.get("title") or values.get("name") or ""
    slug = values.get("slug") or slugify(title)
    if not values.get("slug") and (why := slug_problem(title)):
        raise UsageError("new.bad_name", title=title, why=why)
    taken = {e.display: e.slug for e in catalog.entries() if e.kind == kind}
    if slug in taken.values():
        where = next(display for display, taken_slug in taken.items() if taken_slug == slug)
        raise Exists("new.exists", kind=Text.of(KIND_WORDS[kind]), slug=slug, path=where)
    folder = content / FOLDER[kind]
    if kind == "product":
        maker = catalog.maker.get(values.get("maker", ""))
        region = values.get("region") or (maker.region if maker else "")
        folder = folder / region if region else folder
    path = folder / f"{slug}.md"
    if path.exists():
        raise Exists("new.file_exists", path=path.as_posix())
    return Draft(path, render_text(kind, values, slug))


def check_values(kind: str, values: dict[str, str]) -> None:
    """Validate the values as a build would, before anything is written; a refused value is
    reported against the option that gave it, not against a file that does not exist."""
    refused = [(name, d) for d in validate(kind, render_text(kind, values), "").errors
               if (name := d.field.split(".")[0].split("[")[0]) in values or not d.field]
    if refused:
        raise OptionProblems([(option(name) if name else "", d) for name, d in refused])


def write(draft: Draft) -> None:
    draft.path.parent.mkdir(parents=True, exist_ok=True)
    with open(draft.path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(draft.text)


def ask(kind: str, spec: Field, known: dict[str, list[str]], read: Callable[[str], str], lang: str) -> str:
    """Prompt until the answer is usable (a known slug for references, a value the schema takes)."""
    while True:
        if spec.name in known:
            print(render(lang, "new.choices", name=spec.name,
                         choices=", ".join(known[spec.name]) or render(lang, "new.none")))
        answer = read(f"{describe(kind, spec, lang=lang).capitalize()} [{spec.name}]: ").strip()
        if not answer:
            continue
        if problem := reference_problem(spec.name, answer, known):
            print(problem.render(lang))
            continue
        refused = validate(kind, render_text(kind, {spec.name: answer}), "").errors
        if refused := [d for d in refused if d.field.split(".")[0] == spec.name]:
            print(refused[0].message(lang) + (f" ({refused[0].hint(lang)})" if refused[0].hint(lang) else ""))
            continue
        return answer


def parser(kind: str | None = None) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=program("new"), epilog=EPILOG,
                                description="Create a new content file with every field explained.",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", metavar="KIND", choices=tuple(FOLDER),
                   help="what to create: " + ", ".join(FOLDER) + " (or a whole new site: `new site DIR`, see "
                        "`new site --help`)")
    add_content(p)
    add_lang(p)
    if kind is None:  # only `new --help`: the kind decides the options
        return p
    for spec in sorted((f for f in SCHEMAS[kind] if f.type in SCALARS), key=lambda f: (not f.required, f.name)):
        p.add_argument(option(spec.name), dest=spec.name, metavar="VALUE",
                       help=("(required) " if spec.required else "") + describe(kind, spec, lang="en"))
    return p


def main(argv: list[str], read: Callable[[str], str] = input) -> int:
    if argv[:1] == ["site"]:
        from . import newsite

        return newsite.main(argv[1:])
    chosen = next((a for a in argv if a in FOLDER), None)
    args = parser(chosen).parse_args(argv)
    kind, content, lang = args.what, args.content, language(args)
    if not content.is_dir():
        raise ShowcaseError("new.no_content", path=content.as_posix())
    values = {f.name: getattr(args, f.name) for f in SCHEMAS[kind] if getattr(args, f.name, None) is not None}
    check_values(kind, values)
    catalog = existing(content)
    known = references(catalog)
    missing = [f for f in SCHEMAS[kind] if f.required and f.name not in values]
    if missing and not sys.stdin.isatty() and read is input:
        raise UsageError("new.missing", options=", ".join(option(f.name) for f in missing))
    for spec in missing:
        values[spec.name] = ask(kind, spec, known, read, lang)
    if kind == "product" and "date" not in values:
        values["date"] = date.today().isoformat()
    draft = plan(kind, content, values, catalog)
    check_values(kind, values)
    write(draft)
    print(render(lang, "new.created", path=draft.path.as_posix()))
    if kind == "product":
        print(render(lang, "new.next"))
    return 0
