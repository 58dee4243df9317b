"""Forked worker processes that read event files and render pages on every core, and the collector pause.

Workers are forked, so they share the loaded events, templates and renderer with this process
without copying them; each is handed its work by the pool's initializer, and sends back digests.
"""

from __future__ import annotations

import contextlib
import gc
import os
from typing import TYPE_CHECKING

from timeline.model.digest import short_digest
from timeline.problems import Problem, ProblemError

if TYPE_CHECKING:
    from pathlib import Path

    from timeline.build.writer import StagedSite
    from timeline.render.pages import Page, SiteRenderer

# Below this many files or event pages, starting worker processes costs more than it saves.
PARALLEL_FROM = 300
CHUNK_FILES = 500  # event files per task sent to a reader
CHUNK_PAGES = 500  # event pages per task: results come back a chunk at a time
# A worker's memory grows with every page of this process's heap it touches (copied on write); a
# worker forked afresh after this many tasks hands those copies back.
TASKS_PER_WORKER = 10
# Rendering lists beside the workers, or exports beside the search index, holds more in memory at
# once; above this many events those parts are rendered one after another.
OVERLAP_UP_TO = 50_000

_WORK: tuple | None = None  # in a worker: what the pool's initializer handed it


@contextlib.contextmanager
def collector_paused():
    """Pause Python's cycle collector in the block: it makes what lasts the whole build (events, pages).

    While the heap grows that way the collector runs full collections again and again, each
    rescanning all that was made before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def default_workers() -> int:
    """Return how many processes a build renders with: the usable cores where fork exists."""
    if not hasattr(os, "fork"):  # multiprocessing's fork start method needs it
        return 1
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _take_work(work: tuple) -> None:
    """Keep, in a worker just forked, the work it was handed; a terminal's Ctrl-C is for the build's own process,
    which stops the workers, so a worker ignores it (one that came while it was forked is dropped unseen)."""
    import signal

    global _WORK
    _WORK = work
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def forked_pool(processes: int, work: tuple, tasks_per_worker: int | None = None):
    """Return a pool of forked workers handed work, each replaced after tasks_per_worker tasks (if given); a
    Ctrl-C while the pool is made is held back and raised once it is made.

    Every worker is born with Ctrl-C blocked, until it ignores it: CPython runs modules' fork
    handlers (threading's, logging's) in Python just after a fork, and a KeyboardInterrupt raised
    there is printed as ignored. The pool's threads, which fork the replacements, inherit the
    blocked mask from this thread. In the main thread a holding handler also keeps a Ctrl-C that
    another thread took from interrupting the pool half made.
    """
    import multiprocessing
    import signal
    import threading

    context = multiprocessing.get_context("fork")  # forked: work is inherited, never pickled
    interrupted = []
    holding = threading.current_thread() is threading.main_thread()  # only the main thread sets handlers
    previous = signal.signal(signal.SIGINT, lambda signum, frame: interrupted.append(signum)) if holding else None
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = context.Pool(processes, _take_work, (work,), tasks_per_worker)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a Ctrl-C blocked meanwhile reaches the holding handler
        if holding:
            signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
    if interrupted:
        pool.terminate()
        raise KeyboardInterrupt
    return pool


def read_in_parallel(paths: list[Path], root: Path, workers: int) -> list[tuple[Path, tuple]]:
    """Return (path, reading) for many event files read and validated in forked workers; [] for few files.

    Only a first reading of many files is worth the workers; the preview's later loads read a file or two.
    """
    if len(paths) < PARALLEL_FROM or workers < 2:
        return []
    from timeline.model import validate  # noqa: F401  (imported once here, for every forked reader to inherit)

    found = []
    own_path = {path: path for path in paths}
    with forked_pool(workers, (root,)) as pool:
        chunks = [paths[start:start + CHUNK_FILES] for start in range(0, len(paths), CHUNK_FILES)]
        for readings in pool.imap_unordered(_read_chunk, chunks):
            for path, key, event_file, event in readings:
                event_file.path = own_path[path]  # one Path object per file, not a copy per reading
                found.append((event_file.path, (key, event_file, event)))
    return found


def _read_chunk(paths: list[Path]) -> list[tuple]:
    """Read and validate some event files in a worker; return (path, stat key, file, event) for each."""
    from timeline.build.reading import read_and_validate

    (root,) = _WORK
    return [(path, *read_and_validate(path, root)) for path in paths]


def render_into(staged: StagedSite, page: Page) -> str:
    """Render a page into the staging folder; return its digest."""
    data = page.render()
    staged.write(page.path, data)
    return short_digest(data)


def render_in_parallel(pages: list[Page], renderer: SiteRenderer, staged: StagedSite, workers: int) -> dict[str, str]:
    """Render the event pages in forked workers, and the lists meanwhile here; return the digests written.

    Event pages are most of a site and independent of each other; the workers send back digests
    and each description's HTML, which the exports need too. The lists (timeline, years, tags...)
    need no description, so this process renders them while the workers run, up to OVERLAP_UP_TO
    events; the exports wait for the descriptions.
    """
    from timeline.render.pages import WHOLE_SITE_KINDS

    indices = [i for i, page in enumerate(pages) if page.kind == "event"]
    if len(indices) < PARALLEL_FROM or workers < 2:
        return {}
    written: dict[str, str] = {}
    own_text = {event.body: event.body for event in renderer.index.chronological}
    # Frozen objects are left alone by the workers' garbage collector, so the memory pages
    # they share with this process are not copied just by being looked at.
    gc.freeze()
    try:
        with forked_pool(workers, (pages, renderer, staged), TASKS_PER_WORKER) as pool:
            chunks = [indices[start:start + CHUNK_PAGES] for start in range(0, len(indices), CHUNK_PAGES)]
            results = pool.imap_unordered(_render_chunk, chunks)
            if len(indices) <= OVERLAP_UP_TO:
                for page in pages:
                    if page.kind not in ("event", *WHOLE_SITE_KINDS):
                        written[page.path] = render_into(staged, page)
            for digests, descriptions, problems in results:
                if problems:
                    raise ProblemError(problems)
                written.update(digests)
                # Keyed by this process's own copy of each text, so the workers' copies can be freed.
                renderer.descriptions.adopt({own_text.get(text, text): html for text, html in descriptions.items()})
    finally:
        gc.unfreeze()
    return written


def render_exports_beside_search(pages: list[Page], renderer: SiteRenderer, staged: StagedSite,
                                 meanwhile) -> dict[str, str]:
    """Render the exports in a forked process while this one makes the search index and then calls meanwhile();
    return the digests written.

    Both cover every event and need every description, which this process now holds. The
    preview keeps each event's export pieces for its next update: the fork sends them back.
    """
    exports = [i for i, page in enumerate(pages) if page.kind == "export"]
    written: dict[str, str] = {}
    gc.freeze()
    try:
        with forked_pool(1, (pages, renderer, staged)) as pool:
            pending = pool.apply_async(_render_exports, (exports,))
            for page in pages:
                if page.kind == "search":
                    written[page.path] = render_into(staged, page)
            meanwhile()  # the exports take longer than the search index
            digests, problems, pieces = pending.get()
    finally:
        gc.unfreeze()
    if problems:
        raise ProblemError(problems)
    renderer.exporter.adopt_pieces(pieces, renderer.index.chronological)
    return {**written, **digests}


def _render_exports(indices: list[int]) -> tuple[dict[str, str], list[Problem], dict[str, dict]]:
    """Render the export files in a worker; return their digests, any problems, and the pieces kept."""
    digests, _, problems = _render_chunk(indices)
    return digests, problems, _WORK[1].exporter.kept_pieces()


def _render_chunk(indices: list[int]) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """Render some pages in a worker; return their digests, the descriptions made, and any problems."""
    pages, renderer, staged = _WORK
    renderer.descriptions.forget_made_here()  # sent back with the last chunk: what is made now is this chunk's own
    digests: dict[str, str] = {}
    try:
        for index in indices:
            digests[pages[index].path] = render_into(staged, pages[index])
    except ProblemError as error:
        return {}, {}, error.problems
    return digests, renderer.descriptions.made_here(), []
