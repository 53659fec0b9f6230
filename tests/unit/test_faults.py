"""Build process faults: a killed build, a damaged cache, an unusable output folder, a full disk,
and output that must not depend on the machine (hash seed, time zone, locale, listing order).

These run `python build.py` as a separate process on a copy of the full fixture site, the way CI
and editors run it, and look only at what is left on disk and what the build printed.
"""
from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from showcase.pipeline import Options, build

REPO = Path(__file__).resolve().parents[2]
FULL = REPO / "tests" / "sites" / "full" / "content"
EPOCH = "1790208000"  # 2026-09-23, so licence expiry does not depend on the day the test runs


def digest(root: Path) -> dict[str, str]:
    """Every file of a tree by relative path and SHA-256."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def command(content: Path, output: Path, cache: Path | None) -> list[str]:
    args = [sys.executable, str(REPO / "build.py"), "--content", str(content), "--output", str(output),
            "--templates", str(REPO / "templates"), "--workers", "2", "--quiet"]
    return args + (["--cache", str(cache)] if cache else ["--no-cache"])


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **extra}


def run(content: Path, output: Path, cache: Path | None, **kw) -> subprocess.CompletedProcess[str]:
    env = kw.pop("env", None) or environment()
    return subprocess.run(command(content, output, cache), cwd=content.parent, env=env, capture_output=True,
                          text=True, timeout=300, **kw)


def leftovers(output: Path) -> list[str]:
    """What a killed or failed build left beside output/ (its work trees, an old output); the
    kept previous tree `.output.previous`, which a build with a cache keeps on purpose, is not."""
    return sorted(p.name for p in output.parent.glob(f".{output.name}.*") if p.name != f".{output.name}.previous")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The fixture site before and after an edit, each built clean (fresh cache) once."""
    root = tmp_path_factory.mktemp("faults")
    before = root / "before" / "content"
    shutil.copytree(FULL, before)
    after = root / "after" / "content"
    shutil.copytree(FULL, after)
    product = after / "products" / "abon-bandeng.md"
    product.write_text(product.read_text(encoding="utf-8").replace("title: ", "title: Baru ", 1), encoding="utf-8")
    shutil.copy(after / "products" / "bandeng-presto.md", after / "products" / "bandeng-presto-kedua.md")
    for content in (before, after):
        result = run(content, content.parent / "clean", content.parent / "clean-cache")
        assert result.returncode == 0, result.stderr
    old, new = digest(before.parent / "clean"), digest(after.parent / "clean")
    assert old != new
    return {"root": root, "before": before, "after": after, "old": old, "new": new}


# -- killed builds ------------------------------------------------------------------------------
def kill_when(process: subprocess.Popen, ready) -> bool:  # type: ignore[type-arg]
    """SIGKILL the build's whole process group (it forks workers) once ready() holds."""
    deadline = time.monotonic() + 60
    while not ready() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    finished = process.poll() is not None
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=60)
    return not finished


def staging_has(output: Path, pattern: str):  # type: ignore[no-untyped-def]
    return lambda: any(True for s in output.parent.glob(f".{output.name}.staging-*") for _ in s.glob(pattern))


KILL_POINTS = {
    "at start": 0.0, "after 0.1 s": 0.1, "after 0.25 s": 0.25, "after 0.5 s": 0.5, "after 0.8 s": 0.8,
    "after 1.2 s": 1.2, "staging created": "", "pages being written": "**/index.html",
    "photos being written": "media/*", "share images written": "media/share/*",
}


@pytest.mark.parametrize("point", list(KILL_POINTS), ids=list(KILL_POINTS))
def test_killed_build_leaves_previous_output_and_next_build_is_clean(sites, tmp_path, point) -> None:
    """After SIGKILL at any moment output/ is the old site or the new one, never a mix; the next
    build (which finds the killed build's leftovers and half-written cache) equals a clean build."""
    content: Path = sites["after"]  # type: ignore[assignment]
    output = tmp_path / "output"
    shutil.copytree(sites["before"].parent / "clean", output)  # type: ignore[union-attr]
    cache = tmp_path / "cache"
    shutil.copytree(sites["before"].parent / "clean-cache", cache)  # type: ignore[union-attr]
    when = KILL_POINTS[point]
    started = time.monotonic()
    process = subprocess.Popen(command(content, output, cache), cwd=content.parent, env=environment(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    if isinstance(when, float):
        ready = lambda: time.monotonic() - started >= when  # noqa: E731
    elif when == "":
        ready = lambda: bool(list(output.parent.glob(f".{output.name}.staging-*")))  # noqa: E731
    else:
        ready = staging_has(output, when)
    kill_when(process, ready)
    assert output.is_dir(), f"killed {point}: output/ is gone"
    left = digest(output)
    assert left in (sites["old"], sites["new"]), f"killed {point}: output/ is neither the old nor the new site"

    result = run(content, output, cache)
    assert result.returncode == 0, result.stderr
    assert digest(output) == sites["new"]
    assert leftovers(output) == []
    kept = output.parent / f".{output.name}.previous"
    assert not kept.exists() or digest(kept) in (sites["old"], sites["new"]), "the kept tree is a mix"


def test_kill_points_really_interrupt_builds(sites, tmp_path) -> None:
    """Guard against a sweep that only ever kills finished builds (it would prove nothing)."""
    content: Path = sites["after"]  # type: ignore[assignment]
    output = tmp_path / "output"
    process = subprocess.Popen(command(content, output, tmp_path / "cache"), cwd=content.parent,
                               env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    assert kill_when(process, staging_has(output, "**/index.html")), "the build finished before the kill"
    assert not output.exists(), "a killed first build must not leave an output/"


# -- damaged cache ------------------------------------------------------------------------------
def damage_modes() -> dict[str, object]:
    return {
        "truncated photo": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
        "empty photo": lambda p: p.write_bytes(b""),
        "garbage photo": lambda p: p.write_bytes(os.urandom(2048)),
        "photo of another size": None,  # swapped with a sibling variant, see below
        "garbage meta.json": "meta",
        "meta.json not JSON object": "meta-list",
        "share image truncated": "share",
    }


@pytest.mark.parametrize("mode", list(damage_modes()))
def test_damaged_cache_entry_is_detected_and_rebuilt(sites, tmp_path, mode) -> None:
    content: Path = sites["before"]  # type: ignore[assignment]
    cache = tmp_path / "cache"
    shutil.copytree(content.parent / "clean-cache", cache)
    entries = sorted((cache / "images").glob("*/*.jpg"))
    assert entries, "the cache holds no photos"
    target = entries[0]
    original = target.read_bytes()
    action = damage_modes()[mode]
    if callable(action):
        action(target)
    elif action is None:
        sibling = sorted(p for p in target.parent.iterdir() if p.suffix == ".jpg" and p != target)[0]
        target.write_bytes(sibling.read_bytes())
    elif action == "meta":
        target = target.parent / "meta.json"
        original = target.read_bytes()
        target.write_bytes(b'{"width": 10, "variants": {')
    elif action == "meta-list":
        target = target.parent / "meta.json"
        original = target.read_bytes()
        target.write_bytes(b"[1, 2, 3]")
    elif action == "share":
        shares = sorted((cache / "share").glob("*.jpg"))
        assert shares, "the cache holds no share images"
        target = shares[0]
        original = target.read_bytes()
        target.write_bytes(original[:1000])
    result = run(content, tmp_path / "output", cache)
    assert result.returncode == 0, result.stderr
    assert digest(tmp_path / "output") == sites["old"]
    if action != "meta":  # meta.json may be rewritten with the same facts in another key order
        assert target.read_bytes() == original, "the damaged cache entry was not rebuilt"


def test_cached_and_uncached_builds_are_equal(sites, tmp_path) -> None:
    content: Path = sites["before"]  # type: ignore[assignment]
    result = run(content, tmp_path / "output", None)
    assert result.returncode == 0, result.stderr
    assert digest(tmp_path / "output") == sites["old"]


# -- output that cannot be written --------------------------------------------------------------
def assert_clear_failure(result: subprocess.CompletedProcess[str], mentions: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if "kesalahan: " in line and mentions in line]
    assert len(lines) == 1, result.stderr


def test_output_path_that_is_a_file(sites, tmp_path) -> None:
    content: Path = sites["before"]  # type: ignore[assignment]
    target = tmp_path / "output"
    target.write_text("catatan penting\n")
    result = run(content, target, tmp_path / "cache")
    assert_clear_failure(result, "adalah file, bukan folder")
    assert target.read_text() == "catatan penting\n", "the file in the way was replaced"
    assert leftovers(target) == []


def test_output_inside_a_file(sites, tmp_path) -> None:
    content: Path = sites["before"]  # type: ignore[assignment]
    (tmp_path / "blocker").write_text("x")
    result = run(content, tmp_path / "blocker" / "output", tmp_path / "cache")
    assert_clear_failure(result, "adalah file, bukan folder")


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs a Linux /proc")
def test_output_where_no_folder_can_be_made(sites, tmp_path) -> None:
    """/proc refuses new folders even to root: the portable stand-in for a read-only mount."""
    result = run(sites["before"], Path("/proc/showcase-output"), tmp_path / "cache")  # type: ignore[arg-type]
    assert_clear_failure(result, "/proc/showcase-output")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_parent_folder(sites, tmp_path) -> None:
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        result = run(sites["before"], parent / "output", tmp_path / "cache")  # type: ignore[arg-type]
    finally:
        parent.chmod(0o755)
    assert_clear_failure(result, "output")


def file_size_limits(clean: Path) -> dict[str, int]:
    """RLIMIT_FSIZE values that make a write fail at different stages (a disk filling up)."""
    sizes = {p.relative_to(clean).as_posix(): p.stat().st_size for p in clean.rglob("*") if p.is_file()}
    css = max(v for k, v in sizes.items() if k.startswith("assets/"))
    photo = max(v for k, v in sizes.items() if k.startswith("media/") and not k.startswith("media/share/"))
    share = max(v for k, v in sizes.items() if k.startswith("media/share/"))
    pages = max(v for k, v in sizes.items() if k.endswith(".html"))
    limits = {"theme files": min(css, pages) - 1}
    if photo > max(css, pages):
        limits["photos"] = photo - 1
    if share > max(css, pages, photo):
        limits["share images"] = share - 1
    return limits


@pytest.mark.parametrize("stage", ["theme files", "photos", "share images"])
def test_full_disk_gives_one_error_and_keeps_the_old_site(sites, tmp_path, stage) -> None:
    content: Path = sites["before"]  # type: ignore[assignment]
    limits = file_size_limits(content.parent / "clean")
    if stage not in limits:
        pytest.skip(f"no {stage} larger than the pages in this fixture")
    output = tmp_path / "output"
    shutil.copytree(content.parent / "clean", output)
    output.joinpath("stale.txt").write_text("from the previous build")
    limit = limits[stage]

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(command(content, output, None), cwd=content.parent, env=environment(),
                            capture_output=True, text=True, timeout=300, preexec_fn=small_disk)
    assert_clear_failure(result, "tidak bisa ditulis")
    assert (output / "stale.txt").exists(), "the previous output was replaced by a failed build"
    assert leftovers(output) == []


# -- determinism --------------------------------------------------------------------------------
def copy_in_order(source: Path, target: Path, reverse: bool) -> None:
    """Copy a tree creating entries in the given order (tmpfs lists them newest first)."""
    entries = sorted(source.rglob("*"), reverse=reverse)
    for path in sorted(entries, key=lambda p: len(p.parts)) if reverse else entries:
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
    for path in entries:
        if path.is_file():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


def available_locale(*names: str) -> str:
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split() \
        if shutil.which("locale") else []
    folded = {n.lower().replace("utf-8", "utf8"): n for n in listed}
    for name in names:
        if name.lower().replace("utf-8", "utf8") in folded:
            return folded[name.lower().replace("utf-8", "utf8")]
    return "C"


def test_output_is_the_same_across_machines(sites, tmp_path) -> None:
    """Hash seed, time zone, locale, listing order of content/ and a cold cache change no byte."""
    variants = [
        ("seed 0, UTC, C.UTF-8", dict(PYTHONHASHSEED="0", TZ="UTC", LC_ALL=available_locale("C.UTF-8")), False),
        ("seed 4242, Jakarta, id_ID", dict(PYTHONHASHSEED="4242", TZ="Asia/Jakarta",
                                           LC_ALL=available_locale("id_ID.UTF-8", "en_US.UTF-8", "C.UTF-8")), True),
        ("seed 7, Los Angeles, C", dict(PYTHONHASHSEED="7", TZ="America/Los_Angeles", LC_ALL="C",
                                        LANG="C"), True),
    ]
    results = {}
    for name, env, reverse in variants:
        content = tmp_path / name / "content"
        copy_in_order(sites["before"], content, reverse)  # type: ignore[arg-type]
        output = tmp_path / name / "output"
        result = run(content, output, tmp_path / name / "cache", env=environment(**env))
        assert result.returncode == 0, (name, result.stderr)
        results[name] = digest(output)
    for name, found in results.items():
        differing = sorted(k for k in set(found) | set(sites["old"]) if found.get(k) != sites["old"].get(k))
        assert not differing, f"{name}: these files differ from the reference build: {differing}"


def test_in_process_build_equals_command_line_build(sites, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build(Options(content=sites["before"], output=tmp_path / "output", templates=REPO / "templates",  # type: ignore[arg-type]
                  cache=tmp_path / "cache", workers=2))
    assert digest(tmp_path / "output") == sites["old"]
