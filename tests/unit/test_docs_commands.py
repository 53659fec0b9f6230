"""Every command in README.md and docs/*.md runs, as written, in a copy of the repository.

A command is a line of a ```sh block, or an inline code span that starts with a command word
(`make build`, `.venv/bin/showcase check`, `git push -u origin ...`). Each document's commands
run in order, once each, in one shell, in a fresh copy of the repository (its files as in the
work tree) that is a git repository whose `origin` is a bare repository on this machine: `git
push` and `git pull` go there. The copy shares the project's `.venv` (what `make build` made) and
one build cache for the whole session. `python` is the interpreter the venv was made from, not
the venv's, so `python build.py` is run outside the venv, as an editor types it; `showcase`
alone is the venv's command, as after `source .venv/bin/activate`. Server commands (`make
serve`) run until the page answers, then stop. The commands that cannot run here are listed in
EXCEPTIONS with the reason; the substitutions that stand in for another machine are in
SUBSTITUTIONS. Every extracted command is either run or matched by an exception.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = ["README.md", *sorted(p.relative_to(REPO).as_posix() for p in (REPO / "docs").glob("*.md"))]
COMMAND = re.compile(r"^(?:[A-Z_]+=\S+ )*(?:(?:make|python3?|py|showcase|git|pipx?|rsync|aws|npm|apt-get|\$P|rm|cd|"
                     r"source|gh|cp|mkdir)|\.venv[/\\]\S+)\s+\S")
RUN_BLOCKS = ("sh",)  # fenced blocks whose lines are commands run here
OTHER_MACHINE_BLOCKS = {"powershell": "Windows commands: they need a Windows machine"}

EXCEPTIONS: list[tuple[str, str]] = [  # (pattern, why it is not run here)
    (r"^make test\b", "runs the whole test suite, this test included"),
    (r"^\$P ", "runs one part of the test suite; `make test` runs them all"),
    (r"-m pytest\b", "runs (part of) the test suite; `make test` runs it all"),
    (r"^make bench-tools\b", "installs Hugo, Eleventy and Pelican from the internet"),
    (r"^make bench\b", "the benchmark: minutes of CPU on 1,000 to 10,000 generated products; not part of "
                       "`make test` by design"),
    (r"bench/offline\.py", "the offline benchmark: minutes of CPU on 10,000 generated products"),
    (r"python -m cProfile build\.py", "a profile of the 10,000-product benchmark corpus"),
    (r"^pip install\b", "installs from the package index (the internet)"),
    (r"^pipx install\b", "installs showcase from its GitHub repository (the internet); "
                          "tests/e2e/test_install.py installs the wheel built here instead"),
    (r"^npm ci\b", "installs the gate tools from the npm registry (the internet); `make test` runs it"),
    (r"^apt-get\b", "installs system packages: root and the internet"),
    (r"^aws ", "needs an S3 bucket and its credentials"),
    (r"^git clone https://github\.com/", "clones from GitHub (the internet); the copy stands in for the clone"),
    (r"^cd <", "the clone's folder (a placeholder); the commands run in the copy"),
    (r"^showcase new site DIR$", "DIR is a placeholder; the README's first block runs `showcase new site galeri`"),
    (r"^gh pr create\b", "opens a pull request on GitHub"),
    (r"^(py |\.venv\\Scripts\\)", "a Windows command: it needs a Windows machine"),
    (r"^(\.venv/bin/)?showcase new product$", "interactive: asks for each missing value in a terminal"),
    (r"^(\.venv/bin/)?showcase edit\b", "starts decap-server, fetched from the npm registry (the internet) and "
                                       "running until stopped; tests/e2e/test_editor.py runs it with a real "
                                       "decap-server"),
]
SUBSTITUTIONS = {  # what a command names on another machine -> what stands in for it here
    "server:/var/www/galeri/": "$DEPLOY/galeri/",
}
BROWSER = re.compile(r"docs/screenshots\.py")  # needs Chromium: runs where the browser tests run
SERVER = re.compile(r"^(make serve|(\.venv/bin/)?showcase serve|python build\.py serve)\b")
PORT = 8000


@dataclass(frozen=True)
class Command:
    text: str
    line: int
    fenced: bool
    section: int = 0  # the `## ` section it is in: each section starts in the repository's folder


def extract(document: str) -> list[Command]:
    """The commands of one document in order: lines of ```sh blocks and inline command spans
    (found per paragraph, so that a span wrapped over two lines counts as one command)."""
    found: list[Command] = []
    section = 0
    lines = (REPO / document).read_text().splitlines()
    fence: str | None = None
    pending = ""
    paragraph: list[str] = []
    start = 0

    def spans() -> None:
        text = " ".join(part.strip() for part in paragraph)
        for span in re.findall(r"`([^`]+)`", text):
            if COMMAND.match(span):
                found.append(Command(span, start, False, section))
        paragraph.clear()

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("```"):
            spans()
            fence = None if fence is not None else (stripped[3:].strip() or "plain")
            continue
        if fence is not None:
            if fence in RUN_BLOCKS and stripped and not stripped.startswith("#"):
                pending += stripped[:-1] + " " if stripped.endswith("\\") else stripped
                if not stripped.endswith("\\"):
                    found.append(Command(pending, number, True, section))
                    pending = ""
            elif fence in OTHER_MACHINE_BLOCKS and stripped:
                found.append(Command(f"[{fence}] {stripped}", number, True, section))
            continue
        if not stripped or stripped.startswith(("#", "|", "- ", "* ")) or re.match(r"^\d+\. ", stripped):
            spans()  # a blank line, heading, table row or list item starts a new paragraph
            start = number
            section += stripped.startswith("## ")
        if stripped:
            paragraph.append(stripped)
    spans()
    return found


def exception(command: Command) -> str | None:
    if command.text.startswith("["):
        return OTHER_MACHINE_BLOCKS[command.text[1:].split("]")[0]]
    return next((why for pattern, why in EXCEPTIONS if re.search(pattern, command.text)), None)


def to_run(document: str) -> list[Command]:
    """The document's commands that run here, each once, in order of first appearance."""
    seen: set[str] = set()
    result = []
    for command in extract(document):
        if exception(command) is None and command.text not in seen:
            seen.add(command.text)
            result.append(command)
    return result


def script(commands: list[Command]) -> str:
    """One bash script: each command echoed, then run; a server runs until its page answers."""
    lines = ["set -euo pipefail", "serve_briefly() {",
             f'  python3 -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex((\'127.0.0.1\', {PORT})) == 0)" '
             f'|| {{ echo "port {PORT} is in use on this machine"; return 1; }}',
             '  setsid bash -c "$1" > "$LOGS/serve.log" 2>&1 & local pid=$!',
             f'  python3 "$WAIT_FOR" http://127.0.0.1:{PORT}/ && local ok=0 || local ok=$?',
             '  kill -TERM -- -$pid 2>/dev/null || true; wait $pid 2>/dev/null || true',
             '  cat "$LOGS/serve.log"; return $ok', "}", 'ROOT="$PWD"']
    section = 0
    for command in commands:
        if command.section != section:  # a new section of the document starts in the repository's folder
            lines.append('cd "$ROOT"')
            section = command.section
        text = command.text
        for there, here in SUBSTITUTIONS.items():
            text = text.replace(there, here)
        lines.append(f"echo {shlex.quote(f'$ {text}')}; SECONDS=0")
        lines.append(f"serve_briefly {shlex.quote(text)}" if SERVER.match(text) else text)
        lines.append('echo "[$SECONDS s]"')
    return "\n".join(lines) + "\n"


WAIT_FOR = """\
import sys, time, urllib.request
deadline = time.monotonic() + 300  # a first build of the sample on a slow machine; not a speed check
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=5) as response:
            sys.exit(0 if b"</html>" in response.read() else 1)
    except OSError:
        time.sleep(0.5)
sys.exit(1)
"""


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env=GIT_ENV)


GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.mktemp("docs-cache")
    if (REPO / ".cache" / "showcase").is_dir():  # photos already processed by other tests: reuse them
        shutil.copytree(REPO / ".cache" / "showcase" / "images", cache / "showcase" / "images", dirs_exist_ok=True)
    return cache


def copy_of_repository(tmp_path: Path, cache: Path) -> tuple[Path, Path]:
    """The work tree's files in a fresh git repository whose origin is a bare one; the venv and
    the build cache are shared, not copied (git ignores them, as it ignores the real ones)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout.split("\0")
    copy = tmp_path / "galeri"
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    git(copy, "init", "-q", "-b", "main")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "showcase")
    git(copy, "remote", "add", "origin", str(remote))
    git(copy, "push", "-q", "-u", "origin", "main")
    (copy / ".git" / "info" / "exclude").write_text(".venv\n.cache\n")
    (copy / ".venv").symlink_to(REPO / ".venv")
    (copy / ".cache").symlink_to(cache)
    return copy, remote


def run_document(document: str, tmp_path: Path, cache: Path, commands: list[Command]
                 ) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    copy, remote = copy_of_repository(tmp_path, cache)
    tools = tmp_path / "bin"  # `python` is the base interpreter, `showcase` the venv's command
    tools.mkdir()
    (tools / "python").symlink_to(Path(getattr(sys, "_base_executable", sys.executable)).resolve())
    (tools / "showcase").symlink_to(REPO / ".venv" / "bin" / "showcase")
    (tmp_path / "wait_for.py").write_text(WAIT_FOR)
    (tmp_path / "deploy").mkdir()
    env = {**GIT_ENV, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}", "WAIT_FOR": str(tmp_path / "wait_for.py"),
           "LOGS": str(tmp_path), "DEPLOY": str(tmp_path / "deploy")}
    # An editor's fresh terminal, not the `make test ARGS=...` running this test: make exports its
    # command-line variables (and MAKEFLAGS) to the commands it runs.
    makefile_variables = re.findall(r"^([A-Z_]+)\s*\??[:]?=", (REPO / "Makefile").read_text(), re.M)
    for inherited in ("VIRTUAL_ENV", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", *makefile_variables):
        env.pop(inherited, None)
    (tmp_path / "commands.sh").write_text(script(commands))
    result = subprocess.run(["bash", str(tmp_path / "commands.sh")], cwd=copy, env=env, capture_output=True,
                            text=True, timeout=1500)
    return result, copy, remote


def test_the_extraction_finds_commands_in_blocks_and_in_prose():
    """Guards the extractor: the editor's round and the deploy are among the commands run, and
    the clone (a span wrapped over two lines in the English guide) is found as an exception."""
    editing = {c.text for c in to_run("docs/editing.md")}
    assert {"make build", "git switch -c produk-kerupuk-bandeng", "make serve", "make check",
            'make check ARGS="--strict --changed-since origin/main"', "git push -u origin produk-kerupuk-bandeng",
            "python build.py"} <= editing
    assert any(c.startswith(".venv/bin/showcase new product --title") for c in editing)
    assert "rsync -a --delete output/ server:/var/www/galeri/" in {c.text for c in to_run("README.md")}
    clones = [c for c in extract("docs/editing.md") if c.text.startswith("git clone")]
    assert len(clones) == 2 and all(exception(c) for c in clones)


def test_the_exceptions_are_all_needed():
    """An exception no command needs is a command that was dropped from the docs, or a typo."""
    texts = [c.text for d in DOCUMENTS for c in extract(d)]
    for pattern, why in EXCEPTIONS:
        assert any(re.search(pattern, t) for t in texts), f"no command needs the exception {pattern!r} ({why})"
    for there in SUBSTITUTIONS:
        assert any(there in t for t in texts), there


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if to_run(d)])
def test_the_commands_of_a_document_run_in_a_copy_of_the_repository(document, tmp_path, shared_cache):
    if shutil.which("git") is None or shutil.which("make") is None or shutil.which("setsid") is None:
        pytest.fail("the documented commands need git, make and setsid (util-linux)")
    commands = to_run(document)
    if not Path("/usr/bin/chromium").exists() and not os.environ.get("SHOWCASE_REQUIRE_BROWSER"):
        commands = [c for c in commands if not BROWSER.search(c.text)]  # as the browser tests, skipped
    result, copy, remote = run_document(document, tmp_path, shared_cache, commands)
    assert result.returncode == 0, f"{document}: a command failed\n{result.stdout}\n{result.stderr}"
    ran = [line[2:] for line in result.stdout.splitlines() if line.startswith("$ ")]
    assert len(ran) == len(commands), "every command ran"
    if document == "docs/editing.md":  # the editor's whole round: a new product, built and pushed
        product = copy / "content" / "products" / "pangkep" / "kerupuk-bandeng.md"
        assert product.is_file() and "title: Kerupuk Bandeng" in product.read_text()
        assert (copy / "output" / "produk" / "kerupuk-bandeng" / "index.html").is_file()
        pushed = subprocess.run(["git", "log", "--format=%s", "produk-kerupuk-bandeng"], cwd=remote,
                                capture_output=True, text=True, check=True).stdout
        assert "Produk: Kerupuk Bandeng" in pushed
    if document in ("docs/errors.md", "docs/fields.md"):  # the regeneration they document changes nothing
        assert (copy / document).read_text() == (REPO / document).read_text()
    if document == "README.md":
        assert (tmp_path / "deploy" / "galeri" / "index.html").is_file(), "the rsync deploy reached its folder"
