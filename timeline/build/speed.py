"""The speed layer: what makes a build fast without changing a byte of what it writes.

The build's flow (builder.py) calls one object for it. Speed keeps the last build's digests and
content caches, renders on every core in forked workers, writes over the site the last build
replaced, and pauses the cycle collector while the build makes what lasts; NoSpeedups answers the
same calls by doing nothing, so that `build --no-cache` shows what a build makes without any of it.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from timeline.build.cache_store import read_json, write_json
from timeline.build.fingerprint import (
    MANIFEST,
    current_manifest,
    forget_manifest,
    read_inputs,
    up_to_date_manifest,
    write_manifest,
)
from timeline.build.workers import (
    OVERLAP_UP_TO,
    collector_paused,
    default_workers,
    read_in_parallel,
    render_exports_beside_search,
    render_in_parallel,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from timeline.build.content_caches import ContentCaches
    from timeline.build.fingerprint import Inputs
    from timeline.build.project import BuildResult, Project
    from timeline.build.site_size import SiteSize
    from timeline.build.writer import StagedSite
    from timeline.model.event import Event
    from timeline.render.pages import Page, SiteRenderer

    Readings = Callable[[], Iterable[tuple]]  # what the reader read, asked for when the caches are saved


class Speed:
    """Digests, content caches, forked workers and a paused collector, behind the calls the build makes."""

    def __init__(self, root: Path, workers: int | None = None):
        self.root = root
        self.workers = workers if workers is not None else default_workers()
        self._inputs: Inputs | None = None
        self._caches: ContentCaches | None = None
        self._saved = False

    @property
    def fingerprint(self) -> str | None:
        """Return the fingerprint of this build's inputs, once digested."""
        return self._inputs.fingerprint if self._inputs else None

    def current_fingerprint(self, base_url: str | None, include_drafts: bool) -> str | None:
        """Return the fingerprint of site/ when it is what the inputs make now, else None."""
        manifest, _ = current_manifest(self.root, base_url, include_drafts)
        return manifest["fingerprint"] if manifest else None

    def up_to_date(self, base_url: str | None, include_drafts: bool, first_in_process: bool,
                   trust_site: bool = True, inputs: Inputs | None = None) -> dict | None:
        """Digest this build's inputs (unless given, as digested by a look that found site/ stale); return the
        last build's manifest if site/ is what they make (and trust_site), else None, after taking up what the
        last build left for this one."""
        from timeline.build.content_caches import ContentCaches

        current = None
        if inputs is None:
            manifest = read_json(self.root, MANIFEST)
            inputs = read_inputs(self.root, base_url, include_drafts, manifest)
            current = up_to_date_manifest(self.root, inputs.fingerprint, manifest) if trust_site else None
        self._inputs = inputs
        if current is None:
            self._caches = ContentCaches(self.root, self._inputs, first_in_process)
        return current

    def collector_paused(self) -> contextlib.AbstractContextManager:
        """Return a context in which the cycle collector does not run."""
        return collector_paused()

    def read_many(self, paths: list[Path]) -> list[tuple[Path, tuple]]:
        """Return (path, reading) for the files the last build read as they are now, and for the rest of
        many files read in workers; the reader reads what is left itself."""
        found = self._caches.readings(paths) if self._caches else []
        taken = {path for path, _ in found}
        return found + read_in_parallel([path for path in paths if path not in taken], self.root, self.workers)

    def took_as_read(self, project: Project) -> None:
        """Note each event file's digest as it was read, should it have changed since the inputs were digested."""
        self._inputs.take_as_read(self.root, {f.path.name: f.digest for f in project.files if f.digest})

    def staged_site(self) -> StagedSite:
        """Return the folder the new site is written to: the site the last build replaced, where it was kept."""
        from timeline.build.writer import StagedSite

        return StagedSite(self.root)

    def reuse(self, renderer: SiteRenderer, pages: list[Page], events: list[Event]) -> list[Page]:
        """Return the pages, with what the last build made of the same inputs taken up for them."""
        return self._caches.reuse(renderer, pages, events)

    def render_in_bulk(self, pages: list[Page], renderer: SiteRenderer, staged: StagedSite, events: list[Event],
                       readings: Readings) -> dict[str, str]:
        """Render what is worth rendering in workers (event pages; then the exports beside the search index,
        saving the caches meanwhile); return the digest of each file written."""
        self._saved = False
        written = render_in_parallel(pages, renderer, staged, self.workers)
        if written and len(events) <= OVERLAP_UP_TO:
            written.update(render_exports_beside_search(
                pages, renderer, staged, meanwhile=lambda: self._save(renderer, events, readings, written)))
        return written

    def finish(self, result: BuildResult, renderer: SiteRenderer, events: list[Event], readings: Readings,
               written: dict[str, str]) -> None:
        """Record the committed site's fingerprint for the next build, and save the caches if not yet saved."""
        result.fingerprint = self._inputs.fingerprint
        write_manifest(self.root, self._inputs, result.events, result.drafts, result.problems)
        if not self._saved:
            self._save(renderer, events, readings, written)

    def _save(self, renderer: SiteRenderer, events: list[Event], readings: Readings, written: dict[str, str]) -> None:
        """Save the content caches for the next build."""
        self._caches.save(renderer, events, readings(), written)
        self._saved = True

    def site_size(self, written: dict[str, str], event_ids: set[str]) -> SiteSize:
        """Return the committed site's size as GitHub Pages publishes it, looking only at the files the last build did
        not write with the same digest, and keep every file's size for the next build."""
        from timeline.build.site_size import FILE_SIZES, written_size
        from timeline.folders import OUTPUT_DIR

        known = read_json(self.root, FILE_SIZES)
        size, sizes = written_size(self.root / OUTPUT_DIR, written, event_ids, known if isinstance(known, dict) else {})
        write_json(self.root, FILE_SIZES, sizes)
        return size


class NoSpeedups:
    """The speed layer's calls, answered by doing nothing: no digest, cache, worker or collector pause."""

    workers = 1
    fingerprint = None

    def __init__(self, root: Path):
        self.root = root

    def current_fingerprint(self, base_url: str | None, include_drafts: bool) -> None:
        """Return None: without digests, site/ is never known to be current."""
        return None

    def up_to_date(self, base_url: str | None, include_drafts: bool, first_in_process: bool,
                   trust_site: bool = True, inputs: Inputs | None = None) -> None:
        """Return None: every build reads and renders everything."""
        return None

    def collector_paused(self) -> contextlib.AbstractContextManager:
        """Return a context that changes nothing."""
        return contextlib.nullcontext()

    def read_many(self, paths: list[Path]) -> list:
        """Return []: the reader reads every file itself."""
        return []

    def took_as_read(self, project: Project) -> None:
        """Do nothing: there are no digests to correct."""

    def staged_site(self) -> StagedSite:
        """Return a new, empty folder for the new site; the site it replaces is removed, not kept."""
        from timeline.build.writer import StagedSite

        return StagedSite(self.root, reuse=False)

    def reuse(self, renderer: SiteRenderer, pages: list[Page], events: list[Event]) -> list[Page]:
        """Return the pages as they are."""
        return pages

    def render_in_bulk(self, pages: list[Page], renderer: SiteRenderer, staged: StagedSite, events: list[Event],
                       readings: Readings) -> dict[str, str]:
        """Return {}: the build renders every page itself, one after another."""
        return {}

    def finish(self, result: BuildResult, renderer: SiteRenderer, events: list[Event], readings: Readings,
               written: dict[str, str]) -> None:
        """Forget the last build's record: site/ is no longer the site it describes."""
        forget_manifest(self.root)

    def site_size(self, written: dict[str, str], event_ids: set[str]) -> SiteSize:
        """Return the committed site's size as GitHub Pages publishes it, looking at every file."""
        from timeline.build.site_size import written_size
        from timeline.folders import OUTPUT_DIR

        return written_size(self.root / OUTPUT_DIR, written, event_ids, {})[0]
