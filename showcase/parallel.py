"""Worker processes for the build, decided in one place: start method, how many, time limits.

Photos, Markdown bodies and pages run in worker processes through the three functions here, so
every stage follows the same rules:

- **Start method.** `fork` where it is safe and cheap (Linux, and only while the process runs a
  single thread: forking a threaded process, such as `showcase serve`, can deadlock the child),
  else `forkserver` where the system has it, else `spawn` (Windows, and macOS where fork is
  unsafe). `SHOWCASE_START_METHOD=fork|forkserver|spawn` chooses one, so the portable paths run
  on Linux too. Work functions and their arguments are therefore module-level and picklable, and
  a worker gets what it needs from `initializer(*initargs)`, never from the parent's memory.
- **How many.** `--workers N`, else every core, never more than there are tasks; one worker
  means no pool at all (work runs in this process, which is also how a single small task runs).
- **Time limits.** `ordered(..., timeout=s)` gives up on a task after `s` seconds: the pool is
  stopped (a runaway task cannot be cancelled any other way) and the next tasks go to a new one.

It knows nothing of what the tasks do.
"""
from __future__ import annotations

import ctypes
import functools
import gc
import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

START_METHOD_ENV = "SHOWCASE_START_METHOD"
METHODS = ("fork", "forkserver", "spawn")

T = TypeVar("T")
R = TypeVar("R")


class TimedOut:
    """What `ordered` yields for a task stopped by its time limit."""

    def __repr__(self) -> str:
        return "TimedOut()"


TIMED_OUT = TimedOut()


def start_method() -> str:
    """The start method workers get: SHOWCASE_START_METHOD when set, else fork when safe."""
    chosen = os.environ.get(START_METHOD_ENV, "").strip().lower()
    available = multiprocessing.get_all_start_methods()
    if chosen:
        if chosen not in METHODS or chosen not in available:
            raise ValueError(f"{START_METHOD_ENV}={chosen}: choose one of {', '.join(m for m in METHODS if m in available)}")
        return chosen
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in available else "spawn"


def context() -> BaseContext:
    return multiprocessing.get_context(start_method())


def portable() -> bool:
    """Whether the build should take the paths every system has (spawned workers, rename-based
    output swap): true when SHOWCASE_START_METHOD asks for anything but fork, and off Linux."""
    return sys.platform != "linux" or os.environ.get(START_METHOD_ENV, "fork").strip().lower() not in ("", "fork")


def count(workers: int | None, tasks: int) -> int:
    """Worker processes for `tasks` tasks: --workers (or every core), at most one per task."""
    return max(1, min(workers or os.cpu_count() or 1, tasks))


def ordered(fn: Callable[[T], R], items: Sequence[T], workers: int | None = None, *,
            initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = (),
            timeout: float | None = None, inline: bool = False) -> Iterator[R | TimedOut]:
    """fn(item) for every item, in order, in worker processes (in this one when `inline` or when
    one worker is all there is). A task over `timeout` seconds yields TIMED_OUT and its pool is
    stopped; the following tasks run in a new pool. Inline tasks have no time limit."""
    n = count(workers, len(items))
    if inline or n == 1 and timeout is None:
        if initializer is not None:
            initializer(*initargs)
        for item in items:
            yield fn(item)
        return
    start = 0
    while start < len(items):
        with context().Pool(n, _guarded_start, (initializer, initargs)) as pool:
            results = pool.imap(functools.partial(_guarded, fn), items[start:], chunksize=1)
            for index in range(start, len(items)):
                try:
                    yield results.next(timeout)
                except multiprocessing.TimeoutError:
                    yield TIMED_OUT
                    pool.terminate()
                    start = index + 1
                    break
            else:
                start = len(items)


_FAILED_START: list[BaseException] = []  # in a worker: why its initializer failed


def _guarded_start(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """Run a worker's initializer; a failure is kept and raised by its first task (a pool whose
    initializer raises would start new workers for ever)."""
    try:
        if initializer is not None:
            initializer(*initargs)
    except BaseException as exc:  # noqa: BLE001 - re-raised in the task, where the caller sees it
        _FAILED_START.append(exc)


def _guarded(fn: Callable[[T], R], item: T) -> R:
    if _FAILED_START:
        raise _FAILED_START[0]
    return fn(item)


def completed(fn: Callable[..., R], jobs: Sequence[tuple[Any, ...]], workers: int | None = None,
              failed: Callable[[int, BaseException], R] | None = None) -> Iterator[tuple[int, R]]:
    """(index, fn(*job)) as each job finishes, in worker processes when there is more than one
    worker. A worker that dies (out of memory, killed) gives `failed(index, error)`."""
    n = count(workers, len(jobs))
    if n == 1:
        yield from ((index, fn(*job)) for index, job in enumerate(jobs))
        return
    with ProcessPoolExecutor(n, mp_context=context()) as pool:
        futures = {pool.submit(fn, *job): index for index, job in enumerate(jobs)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                yield index, future.result()
            except BrokenProcessPool as exc:
                if failed is None:
                    raise
                yield index, failed(index, exc)


def chunked(items: Iterable[T], size: int) -> list[list[T]]:
    """items in lists of at most `size` (tasks for `ordered`)."""
    out: list[list[T]] = []
    for item in items:
        if not out or len(out[-1]) >= size:
            out.append([])
        out[-1].append(item)
    return out


def release_memory() -> None:
    """In a worker that just dropped its caches: collect them and hand the freed heap back to the
    system (glibc keeps it otherwise, and a worker's memory would stay at its largest page's)."""
    gc.collect()
    if sys.platform.startswith("linux"):
        try:  # the process's own symbols: find_library would fork the worker to run `ldconfig`
            ctypes.CDLL(None).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (musl): the memory stays with the process
            pass
