"""The build's one-way data flow: read everything, validate everything, render, write atomically.

A Builder remembers what it read and rendered, so the preview server's rebuilds
re-read only changed files and rewrite only pages whose inputs changed.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.model.config import Config, apply_base_url, load_config
from timeline.build.fingerprint import (
    MANIFEST, current_manifest, file_digest, fingerprint_of, input_digests, read_cache, read_json, up_to_date_manifest,
    write_cache, write_json,
)
from timeline.folders import EVENTS_DIR, OUTPUT_DIR, TEMPLATES_DIR
from timeline.problems import Problem, ProblemError, errors
from timeline.build.writer import StagedSite, replace_file, remove_file

if TYPE_CHECKING:
    from timeline.model.event_file import EventFile
    from timeline.model.event import Event
# Reading and validation (YAML and all) are imported where they are used: a build with
# nothing changed needs neither, and should cost next to nothing.


@dataclass
class Project:
    """Everything read and validated from a project folder."""

    root: Path
    config: Config
    files: list[EventFile] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def published(self, include_drafts: bool = False) -> list[Event]:
        """Return the events that go on the site."""
        return [e for e in self.events if include_drafts or not e.draft]


@dataclass
class BuildResult:
    """What a build or rebuild did: its problems and the site paths it wrote or removed."""

    problems: list[Problem]
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    events: int = 0
    drafts: int = 0
    up_to_date: bool = False
    fingerprint: str | None = None  # a whole build's: the digest of every input it was made from

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that stopped the build."""
        return errors(self.problems)


def _digests_as_read(root: Path, project: Project, event_digests: dict[str, str],
                     statuses: dict[str, list]) -> dict[str, str]:
    """Return the digest of each file in events/ by name, as loading read the event files.

    A build digests its inputs before it reads them. A file saved, added or removed in between
    is built as read; its digest from before would put the old page back from the last site,
    and give the build a fingerprint that says the edit was not there.
    """
    read = {event_file.path.name: event_file.digest for event_file in project.files if event_file.digest}
    folder = root / EVENTS_DIR
    gone = {name for name in event_digests if name.endswith(".md") and name not in read
            and not os.path.lexists(folder / name)}
    moved = {name for name, digest in read.items() if event_digests.get(name) != digest} | gone
    if not moved:
        return event_digests
    for name in moved:
        statuses.pop(name, None)  # noted before the save: the next build reads the file again
    merged = {name: digest for name, digest in event_digests.items() if name not in gone}
    return dict(sorted({**merged, **read}.items()))


def _digest(data: bytes) -> str:
    """Return a short digest that tells two versions of a file apart."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _stat_key(path: Path) -> tuple[int, int, int]:
    """Return what tells a changed file from an unchanged one without reading it."""
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class Builder:
    """Reads, validates, renders and writes a project, remembering its last build."""

    def __init__(self, root: Path, base_url: str | None = None, include_drafts: bool = False,
                 workers: int | None = None):
        self.root = root
        self.workers = workers if workers is not None else _default_workers()
        self.base_url = base_url
        self.include_drafts = include_drafts
        self.config = Config()
        self._files: dict[Path, tuple[tuple, EventFile, Event | None]] = {}
        self._written: dict[str, str] = {}
        self._published: dict[str, Event] = {}
        self._rendered_by = None
        self._cross_file: tuple[tuple, list[Problem]] | None = None
        self._deferred: list = []
        self._renderer = None
        self._renderer_key: tuple | None = None
        self._listing: tuple[list[Path], list[Problem]] | None = None
        self._saved_readings: dict = {}  # digest of a file -> what reading it found, saved by the last build
        self._reused_readings: dict = {}  # those of them this build took, to be saved again as they are
        self._settled: dict = {}  # file name -> [mtime, size, inode, ctime, digest] from this build's digest pass

    @property
    def base_path(self) -> str:
        """Return the base path the site is built for."""
        return self.config.base_path

    def load(self, changes: set[str] | None = None) -> Project:
        """Return the project with every file validated, re-reading only files that changed.

        changes, when given, names every path that changed since the last load (the
        preview's watcher knows them), so unchanged files are not even looked at.
        """
        problems = self.read_settings()
        project = Project(root=self.root, config=self.config, problems=problems)
        changed = self._changed_event_paths(changes)
        if changed is None:
            from timeline.model.event_file import list_event_files

            self._listing = list_event_files(self.root)
        paths, listing_problems = self._listing
        project.problems.extend(listing_problems)
        if changed is None and self._saved_readings:
            self._reuse_readings([path for path in paths if path not in self._files])
        if changed is None and self.workers > 1:
            self._read_in_parallel([path for path in paths if path not in self._files])
        for path in paths:
            cached = self._files.get(path)
            if cached and changed is not None and path not in changed:
                _, event_file, event = cached
            else:
                event_file, event = self._read(path, cached)
            project.files.append(event_file)
            project.problems.extend(event_file.problems)
            if event is not None:
                project.events.append(event)
        if changed is None or len(self._files) != len(paths):
            for gone in set(self._files) - set(paths):
                del self._files[gone]
        project.problems.extend(self._check_across_files(project))
        project.problems.sort(key=lambda p: (p.path, p.line, p.field, p.message))
        return project

    def read_settings(self) -> list[Problem]:
        """Read timeline.toml (and the base URL given, if any) into self.config; return the settings' problems."""
        config, problems = load_config(self.root)
        if self.base_url:
            config, _ = apply_base_url(config, self.base_url)  # the command line checked it
        self.config = config
        return problems

    def current_fingerprint(self) -> str | None:
        """Return the fingerprint of site/ when it is what the inputs make now, else None."""
        manifest = current_manifest(self.root, self.base_url, self.include_drafts)
        return manifest["fingerprint"] if manifest else None

    def _check_across_files(self, project: Project) -> list[Problem]:
        """Return the cross-file problems, computed again only when names, titles, dates, tags, actors or
        places changed."""
        signature = (
            tuple(event_file.relpath for event_file in project.files),
            tuple((event.path, event.title, event.date, event.tags, event.actors, event.location)
                  for event in project.events),
        )
        if self._cross_file is None or self._cross_file[0] != signature:
            from timeline.model.validate import check_across_files

            self._cross_file = (signature, check_across_files(project.events, project.files))
        return self._cross_file[1]

    def _read(self, path: Path, cached) -> tuple[EventFile, Event | None]:
        """Return the file at path read and validated, reusing the cached reading if its stat is unchanged."""
        if cached and cached[0] is not None and cached[0] == _stat_key_or_none(path):
            return cached[1], cached[2]
        reading = self._files[path] = _read_and_validate(path, self.root)
        return reading[1], reading[2]

    def _reuse_readings(self, paths: list[Path]) -> None:
        """Take what the last build found in files whose name and bytes are unchanged into the cache _read() reads."""
        from timeline.model.event_file import reading_from_data

        saved, self._saved_readings = self._saved_readings, {}
        settled, self._settled = self._settled, {}
        for path in paths:
            noted = settled.get(path.name)
            if noted is not None:  # this build's digest pass just found its status and digest
                key, digest = tuple(noted[:3]), noted[4]
            else:
                key = _stat_key_or_none(path)  # taken before reading, as _read_and_validate does
                try:
                    digest = file_digest(path.name, path.read_bytes())
                except OSError:
                    continue
            data = saved.get(digest)
            if isinstance(data, dict):
                self._files[path] = (key, *reading_from_data(path, self.root, digest, data))
                self._reused_readings[digest] = data

    def _read_in_parallel(self, paths: list[Path]) -> None:
        """Read and validate many files in forked workers into the cache that _read() consults.

        Reading is a third of a cold build at 10,000 events. Only a first reading of many
        files is worth the workers; the preview's later loads read a file or two.
        """
        if len(paths) < PARALLEL_FROM:
            return
        from timeline.model import validate  # noqa: F401  (imported once here, for every forked reader to inherit)

        global _READ_ROOT
        _READ_ROOT = self.root
        try:
            with _forked_pool(self.workers) as pool:
                chunks = [paths[start:start + CHUNK_FILES] for start in range(0, len(paths), CHUNK_FILES)]
                own_path = {path: path for path in paths}
                for readings in pool.imap_unordered(_read_chunk, chunks):
                    for path, key, event_file, event in readings:
                        event_file.path = own_path[path]  # one Path object per file, not a copy per reading
                        self._files[event_file.path] = (key, event_file, event)
        finally:
            _READ_ROOT = None

    def _changed_event_paths(self, changes: set[str] | None) -> set[Path] | None:
        """Return the changed event files with the listing updated, or None when events/ must be rescanned."""
        if changes is None or self._listing is None:
            return None
        from timeline.model.event_file import undecodable

        events = self.root / EVENTS_DIR
        changed = {Path(p) for p in changes}
        paths, listing_problems = self._listing
        listed = set(paths)
        odd = {problem.path for problem in listing_problems}
        for path in changed:
            if f"{EVENTS_DIR}/{path.name}" in odd or undecodable(path.name):
                return None
            if path.parent != events or not path.name.endswith(".md") or path.name.startswith("."):
                return None  # a template, the config or an odd file: look at everything
            if path.is_symlink() or path.is_dir():
                return None
            if path.is_file():
                listed.add(path)
            else:
                listed.discard(path)
        self._listing = (sorted(listed, key=lambda p: p.name), listing_problems)
        return changed

    def _renderer_for(self, config: Config):
        """Return a renderer, made anew when the config or any template changed."""
        from timeline.render.pages import SiteRenderer

        templates = self.root / TEMPLATES_DIR
        key = (config, tuple(sorted((p.as_posix(), _stat_key(p)) for p in templates.rglob("*") if p.is_file())))
        if self._renderer is None or key != self._renderer_key:
            self._renderer = SiteRenderer(self.root, config)
            self._renderer_key = key
        return self._renderer

    def build(self, use_cache: bool = True, keep_pieces: bool = False) -> BuildResult:
        """Build the whole site into a staging folder and swap it in; nothing changes on error.

        When every input (event files, templates, settings, options, this code and its
        libraries) is byte for byte what made the current site/, the site is kept as it is.
        keep_pieces keeps each event's export pieces for later updates (the preview's first build).
        """
        manifest = read_json(self.root, MANIFEST)
        setup, event_digests, statuses = input_digests(self.root, self.base_url, self.include_drafts, manifest)
        fingerprint = fingerprint_of(setup, event_digests)
        cached = up_to_date_manifest(self.root, fingerprint, manifest) if use_cache else None
        manifest = None  # tens of MB at 100,000 events, not needed again
        if cached:
            return BuildResult(problems=[Problem(*p) for p in cached["problems"]], up_to_date=True,
                               events=cached["events"], drafts=cached["drafts"], fingerprint=fingerprint)
        output = self.root / OUTPUT_DIR
        self._deferred = []  # a full build writes every export itself
        if not self._files:  # a first build in this process: what the last build read may serve
            self._saved_readings = read_cache(self.root, READINGS_CACHE, setup)
            self._settled = statuses
        with _collector_paused():
            project = self.load()
        event_digests = _digests_as_read(self.root, project, event_digests, statuses)
        fingerprint = fingerprint_of(setup, event_digests)
        result = self._result(project)
        if result.errors:
            return result
        renderer = self._renderer_for(project.config)
        renderer.exporter.keep_pieces = keep_pieces
        published = project.published(self.include_drafts)
        staged = StagedSite(self.root)
        try:
            with _collector_paused():
                pages = renderer.plan(published)
            staged.keep_only({page.path for page in pages})
            _reuse_descriptions(self.root, renderer, published)
            _reuse_list_items(self.root, renderer, published, setup, event_digests)
            page_keys = _reuse_event_pages(self.root, renderer, pages, setup, event_digests)
            written = _render_in_parallel(pages, renderer, staged) if self.workers > 1 else {}
            save_caches = partial(self._save_caches, renderer, published, setup, event_digests, page_keys, written)
            overlapped = bool(written) and len(published) <= OVERLAP_UP_TO
            if overlapped:  # the caches are saved while the exports are rendered
                written.update(_render_exports_beside_search(pages, renderer, staged, meanwhile=save_caches))
            for page in pages:
                if page.path not in written:
                    written[page.path] = _render_into(staged, page)
            staged.commit()
        except ProblemError as error:  # a description that cannot be rendered: report it like the others
            staged.abort()
            self._rendered_by = None
            result.problems = sorted(result.problems + error.problems)
            return result
        except BaseException:
            staged.abort()
            raise
        self._written, self._rendered_by = written, renderer
        self._published = {event.id: event for event in published}
        result.written, result.fingerprint = sorted(written), fingerprint
        write_json(self.root, MANIFEST, {
            "fingerprint": fingerprint, "site_inode": output.stat().st_ino, "events": result.events,
            "drafts": result.drafts, "problems": [list(p.__dict__.values()) for p in result.problems],
            "report": [str(p) for p in result.problems], "files": statuses,
        })
        if not overlapped:
            save_caches()
        return result

    def _save_caches(self, renderer, published: list[Event], setup: str, event_digests: dict[str, str],
                     page_keys: dict[str, str], written: dict[str, str]) -> None:
        """Save what the next build may reuse: keyed by content, it holds whether or not this build is committed."""
        _save_descriptions(self.root, renderer, published)
        # Above OVERLAP_UP_TO events these two would add hundreds of MB at once; they are emptied
        # instead, so that no later build loads a stale one.
        small = len(published) <= OVERLAP_UP_TO
        write_cache(self.root, READINGS_CACHE, setup, self._readings_data() if small else {})
        _save_list_items(self.root, renderer, published if small else [], setup, event_digests)
        write_cache(self.root, PAGES_CACHE, setup, {path: [key, written[path]] for path, key in page_keys.items()})

    def update(self, changes: set[str] | None = None, defer_exports: bool = False) -> BuildResult:
        """Rebuild site/ in place, rendering only the pages that changed events touch.

        The first call builds everything; after a change of templates or settings every
        page is rendered again, but only files whose bytes changed are written. With
        defer_exports, the export files (events.json, feed.xml...) wait for write_deferred(),
        so the preview can reload pages at once and rewrite the exports when the author pauses.
        """
        output = self.root / OUTPUT_DIR
        if not self._written or not output.is_dir():
            return self.build(use_cache=False, keep_pieces=True)  # the preview needs every page in memory
        project = self.load(changes)
        result = self._result(project)
        if result.errors:
            return result
        renderer = self._renderer_for(project.config)
        published = {event.id: event for event in project.published(self.include_drafts)}
        if renderer is self._rendered_by:
            replaced = [
                (self._published.get(event_id), published.get(event_id))
                for event_id in sorted(self._published.keys() | published.keys())
                if self._published.get(event_id) is not published.get(event_id)
            ]
            pages, removed = renderer.plan_changes(replaced) if replaced else ([], [])
        else:
            pages = renderer.plan(list(published.values()))
            removed = sorted(set(self._written) - {page.path for page in pages})
        if defer_exports:
            exports = [page for page in pages if page.kind in WHOLE_SITE_KINDS]
            if exports:  # a plan's exports are the full set, newer than any still waiting
                self._deferred = exports
            pages = [page for page in pages if page.kind not in WHOLE_SITE_KINDS]
        for page in pages:
            try:
                data = page.render()
            except ProblemError as error:
                self._rendered_by = None  # the lists were changed but not all pages: rebuild all next time
                result.problems = sorted(result.problems + error.problems)
                return result
            except Exception:  # a template's error, say: as above, and the caller reports it
                self._rendered_by = None
                raise
            digest = _digest(data)
            if self._written.get(page.path) != digest:
                replace_file(output, page.path, data)
                self._written[page.path] = digest
                result.written.append(page.path)
        for site_path in removed:
            if self._written.pop(site_path, None) is not None:
                remove_file(output, site_path)
                result.removed.append(site_path)
        self._published, self._rendered_by = published, renderer
        return result

    def has_deferred(self) -> bool:
        """Return whether an update left export files to write."""
        return bool(self._deferred)

    def write_deferred(self) -> list[str]:
        """Write the export files an update deferred; return the site paths written."""
        written = []
        while self._deferred:
            path = self.write_next_deferred()
            if path is not None:
                written.append(path)
        return written

    def write_next_deferred(self) -> str | None:
        """Write the next export file an update deferred; return its site path, or None if unchanged."""
        page = self._deferred.pop(0)
        data = page.render()
        digest = _digest(data)
        if self._written.get(page.path) == digest:
            return None
        replace_file(self.root / OUTPUT_DIR, page.path, data)
        self._written[page.path] = digest
        return page.path

    def _readings_data(self) -> dict:
        """Return what reading each file found, as JSON data keyed by the file's digest."""
        from timeline.model.event_file import reading_data

        reused, self._reused_readings = self._reused_readings, {}
        return {event_file.digest: reused.get(event_file.digest) or reading_data(event_file, event)
                for _, event_file, event in self._files.values() if event_file.digest}

    def _result(self, project: Project) -> BuildResult:
        """Return a BuildResult carrying the project's problems and counts."""
        published = len(project.published(self.include_drafts))
        return BuildResult(problems=project.problems, events=published, drafts=len(project.events) - published)


# Below this many event pages, starting worker processes costs more than it saves.
PARALLEL_FROM = 300
CHUNK_PAGES = 500  # event pages per task: results come back a chunk at a time
# The files that cover every event (exports, search index): written after the pages.
WHOLE_SITE_KINDS = ("export", "search")
# Rendering lists beside the workers, or exports beside the search index, holds more in memory
# at once (at 100,000 events the lists beside the workers took the tree's peak from 1.8 to
# 2.2 GB); above this many events those parts are rendered one after another.
OVERLAP_UP_TO = 50_000
_WORK: tuple | None = None  # what forked workers inherit: (pages, renderer, staging folder)


@contextlib.contextmanager
def _collector_paused():
    """Pause Python's cycle collector in the block: it makes what lasts the whole build (events, pages).

    While the heap grows that way the collector runs full collections again and again, each
    rescanning all that was made before: a third of a second of a 10,000-event build.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _forked_pool(processes: int):
    """Return a pool of forked workers; a Ctrl-C during the forks is held back and raised once they are made.

    CPython runs the fork handlers of modules (logging's, for one) in Python just after each
    fork, and a KeyboardInterrupt raised in one of them is printed as ignored and lost: the
    preview, forking after it began serving, then kept running after its one Ctrl-C. The
    workers inherit the holding handler, so a terminal's Ctrl-C stops only this process,
    which terminates them.
    """
    import multiprocessing
    import signal
    import threading

    context = multiprocessing.get_context("fork")
    if threading.current_thread() is not threading.main_thread():
        return context.Pool(processes)  # only the main thread sets handlers; Ctrl-C is raised there
    interrupted = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: interrupted.append(signum))
    try:
        pool = context.Pool(processes)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
    if interrupted:
        pool.terminate()
        raise KeyboardInterrupt
    return pool


def _default_workers() -> int:
    """Return how many processes a build renders with: the usable cores where fork exists."""
    if not hasattr(os, "fork"):  # multiprocessing's fork start method needs it
        return 1
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


DESCRIPTIONS_CACHE = "descriptions.json"
READINGS_CACHE = "readings.json"
PAGES_CACHE = "event-pages.json"
LIST_ITEMS_CACHE = "list-items.json"


def _reuse_event_pages(root: Path, renderer, pages: list, setup: str, event_digests: dict[str, str]) -> dict[str, str]:
    """Return each event page's key, and let pages whose key and bytes the last build recorded be copied from site/.

    A key digests everything an event page shows beyond the settings, templates, code and
    libraries (which the cache's version, setup, digests): the event's file, its neighbours'
    files and the timeline's split. A page is copied only if site/ still holds the very
    bytes recorded for that key, so a hand-edited or missing page is rendered again.
    """
    from timeline.render.pages import Page

    recorded = read_cache(root, PAGES_CACHE, setup)
    site = root / OUTPUT_DIR
    keys: dict[str, str] = {}
    for path, event, previous, following, split in renderer.event_page_inputs():
        files = [event_digests.get(_file_name(e), "") if e is not None else ""
                 for e in (event, previous, following)]
        keys[path] = _digest(repr((files, split)).encode())
    for index, page in enumerate(pages):
        entry = recorded.get(page.path) if page.kind == "event" else None
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == keys[page.path] and isinstance(entry[1], str):
            pages[index] = Page(page.path, partial(_copied_or_rendered, site / page.path, entry[1], page.render),
                                kind="event")
    return keys


def _copied_or_rendered(old: Path, digest: str, render) -> bytes:
    """Return the bytes of the page at old if their digest is digest, else render the page."""
    try:
        data = old.read_bytes()
    except OSError:
        return render()
    return data if _digest(data) == digest else render()


def _reuse_descriptions(root: Path, renderer, events: list[Event]) -> None:
    """Give the renderer the HTML the last build made of these events' descriptions, where the text is the same.

    Markdown is the largest part of rendering an event; a description's HTML depends only on
    its text, the Markdown and nh3 versions and our code, which the cache's version names.
    """
    from markupsafe import Markup

    from timeline.render.pages import markdown_version

    cached = read_cache(root, DESCRIPTIONS_CACHE, markdown_version())
    if not cached:
        return
    for event in events:
        html = cached.pop(_digest(event.body.encode()), None)  # popped: each text is held once, as Markup
        if isinstance(html, str):
            renderer.descriptions[event.body] = Markup(html)


def _save_descriptions(root: Path, renderer, events: list[Event]) -> None:
    """Save the HTML of the built events' descriptions for the next build (only theirs, so it never grows stale)."""
    from timeline.render.pages import markdown_version

    items = {}
    for event in events:
        html = renderer.descriptions.get(event.body)
        if html is not None:
            items[_digest(event.body.encode())] = html  # Markup is a str: JSON writes it as one, without a copy
    write_cache(root, DESCRIPTIONS_CACHE, markdown_version(), items)


def _file_name(event: Event) -> str:
    """Return the name of the file an event was read from."""
    return event.path.rpartition("/")[2]


def _reuse_list_items(root: Path, renderer, events: list[Event], setup: str, event_digests: dict[str, str]) -> None:
    """Give the renderer each event's entries in lists as the last build rendered them, where its file is the same.

    An entry shows only its event, under the settings, templates, code and libraries that
    the cache's version (setup) digests; every list page of the site is made of them.
    """
    from markupsafe import Markup

    cached = read_cache(root, LIST_ITEMS_CACHE, setup)
    if not cached:
        return
    for event in events:
        items = cached.pop(event_digests.get(_file_name(event), ""), None)
        if isinstance(items, dict) and all(isinstance(html, str) for html in items.values()):
            renderer.adopt_items(event, {heading: Markup(html) for heading, html in items.items()})


def _save_list_items(root: Path, renderer, events: list[Event], setup: str, event_digests: dict[str, str]) -> None:
    """Save the built events' entries in lists for the next build, keyed by their files' digests."""
    items = {}
    for event in events:
        digest = event_digests.get(_file_name(event))
        kept = renderer.kept_items(event)
        if digest and kept:
            items[digest] = kept
    write_cache(root, LIST_ITEMS_CACHE, setup, items)


def _render_into(staged: StagedSite, page) -> str:
    """Render a page into the staging folder; return its digest."""
    data = page.render()
    staged.write(page.path, data)
    return _digest(data)


def _render_in_parallel(pages: list, renderer, staged: StagedSite) -> dict[str, str]:
    """Render the event pages in forked workers, and the lists meanwhile here; return the digests written.

    Event pages are most of a site and independent of each other. The workers are forked,
    so they share the loaded events and templates; they send back digests and each
    description's HTML, which the exports need too. The lists (timeline, years, tags...)
    need no description, so this process renders them while the workers run; the
    exports wait for the descriptions. (Up to OVERLAP_UP_TO events.)
    """
    global _WORK
    from markupsafe import Markup

    indices = [i for i, page in enumerate(pages) if page.kind == "event"]
    if len(indices) < PARALLEL_FROM:
        return {}
    workers = _default_workers()
    _WORK = (pages, renderer, staged)
    written: dict[str, str] = {}
    own_text = {event.body: event.body for event in renderer.index.chronological}
    # Frozen objects are left alone by the workers' garbage collector, so the memory pages
    # they share with this process are not copied just by being looked at.
    gc.freeze()
    try:
        with _forked_pool(workers) as pool:
            chunks = [indices[start:start + CHUNK_PAGES] for start in range(0, len(indices), CHUNK_PAGES)]
            results = pool.imap_unordered(_render_chunk, chunks)
            if len(indices) <= OVERLAP_UP_TO:
                for page in pages:
                    if page.kind not in ("event", *WHOLE_SITE_KINDS):
                        written[page.path] = _render_into(staged, page)
            for digests, descriptions, problems in results:
                if problems:
                    raise ProblemError(problems)
                written.update(digests)
                # Keyed by this process's own copy of each text, so the workers' copies can be freed.
                renderer.descriptions.update({own_text.get(text, text): Markup(html)
                                              for text, html in descriptions.items()})
    finally:
        _WORK = None
        gc.unfreeze()
    return written


def _render_exports_beside_search(pages: list, renderer, staged: StagedSite, meanwhile) -> dict[str, str]:
    """Render the exports in a forked process while this one makes the search index and then calls meanwhile();
    return the digests written.

    Both cover every event and need every description, which this process now holds. The
    preview keeps each event's export pieces for its next update: the fork sends them back.
    """
    global _WORK
    exports = [i for i, page in enumerate(pages) if page.kind == "export"]
    written: dict[str, str] = {}
    _WORK = (pages, renderer, staged)
    gc.freeze()
    try:
        with _forked_pool(1) as pool:
            pending = pool.apply_async(_render_exports, (exports,))
            for page in pages:
                if page.kind == "search":
                    written[page.path] = _render_into(staged, page)
            meanwhile()  # the exports take longer than the search index
            digests, problems, pieces = pending.get()
    finally:
        _WORK = None
        gc.unfreeze()
    if problems:
        raise ProblemError(problems)
    renderer.exporter.adopt_pieces(pieces, renderer.index.chronological)
    return {**written, **digests}


def _render_exports(indices: list[int]) -> tuple[dict[str, str], list[Problem], dict[str, dict]]:
    """Render the export files in a worker; return their digests, any problems, and the pieces kept."""
    digests, _, problems = _render_chunk(indices)
    return digests, problems, _WORK[1].exporter.kept_pieces()


_READ_ROOT: Path | None = None  # what forked readers inherit: the project root
CHUNK_FILES = 500  # event files per task sent to a reader


def _read_chunk(paths: list[Path]) -> list[tuple]:
    """Read and validate some event files in a worker; return (path, stat key, file, event) for each."""
    return [(path, *_read_and_validate(path, _READ_ROOT)) for path in paths]


def _read_and_validate(path: Path, root: Path) -> tuple:
    """Return (stat key or None, the file read, its Event or None) for an event file."""
    from timeline.model.event_file import read_event_file
    from timeline.model.validate import validate_file

    key = _stat_key_or_none(path)  # taken before reading, so an edit made meanwhile is seen next time
    event_file = read_event_file(path, root)
    event = validate_file(event_file)
    event_file.keep_only_field_lines()  # the value tree is done with; 100,000 of them cost gigabytes
    return key, event_file, event


def _stat_key_or_none(path: Path) -> tuple[int, int, int] | None:
    """Return the file's stat key, or None when it cannot be read."""
    try:
        return _stat_key(path)
    except OSError:
        return None


def _render_chunk(indices: list[int]) -> tuple[dict[str, str], dict, list[Problem]]:
    """Render some pages in a worker; return their digests, the descriptions made, and any problems."""
    pages, renderer, staged = _WORK
    # This worker's copy: forget what the last chunk made (it was sent back), so what is new is the chunk's own.
    for text in renderer.made_descriptions:
        renderer.descriptions.pop(text, None)
    renderer.made_descriptions.clear()
    digests: dict[str, str] = {}
    try:
        for index in indices:
            page = pages[index]
            data = page.render()
            staged.write(page.path, data)
            digests[page.path] = _digest(data)
    except ProblemError as error:
        return {}, {}, error.problems
    return digests, {text: str(renderer.descriptions[text]) for text in renderer.made_descriptions}, []


def load_project(root: Path, base_url: str | None = None) -> Project:
    """Return the project at root with every file read and validated and every problem collected."""
    return Builder(root, base_url).load()
