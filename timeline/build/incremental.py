"""The preview's builder: after a first full build, each change rewrites only the pages it touches, in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.build.builder import Builder
from timeline.build.project import BuildResult
from timeline.build.writer import remove_file, replace_file
from timeline.folders import OUTPUT_DIR
from timeline.model.digest import short_digest
from timeline.problems import ProblemError

if TYPE_CHECKING:
    from timeline.build.fingerprint import Inputs
    from timeline.model.event import Event
    from timeline.render.pages import Page, SiteRenderer


class IncrementalBuilder(Builder):
    """A Builder that remembers its last build, so that a rebuild re-reads only changed files and rewrites only
    pages whose inputs changed; the files covering every event may wait until the author pauses."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._written: dict[str, str] = {}  # site path -> digest of the bytes written there
        self._published: dict[str, Event] = {}
        self._rendered_by: SiteRenderer | None = None
        self._deferred: list[Page] = []

    def build(self, trust_site: bool = True, keep_pieces: bool = False, inputs: Inputs | None = None) -> BuildResult:
        """Build the whole site (see Builder.build), dropping any exports an update deferred: it writes them all."""
        self._deferred = []
        return super().build(trust_site, keep_pieces, inputs)

    def _built(self, renderer: SiteRenderer, published: list[Event], written: dict[str, str]) -> None:
        """Keep what the next update starts from: the digests written, the renderer and the events on the site."""
        self._written, self._rendered_by = written, renderer
        self._published = {event.id: event for event in published}

    def _not_built(self) -> None:
        """Have the next update render every page: the renderer's lists no longer match site/."""
        self._rendered_by = None

    def update(self, changes: set[str] | None = None, defer_exports: bool = False) -> BuildResult:
        """Rebuild site/ in place, rendering only the pages that changed events touch.

        The first call builds everything; after a change of templates or settings every
        page is rendered again, but only files whose bytes changed are written. With
        defer_exports, the export files (events.json, feed.xml...) wait for write_deferred(),
        so the preview can reload pages at once and rewrite the exports when the author pauses.
        """
        if not self._written or not (self.root / OUTPUT_DIR).is_dir():
            return self.build(trust_site=False, keep_pieces=True)  # the updates need every page in memory
        project = self.load(changes)
        result = self._result(project)
        if result.errors:
            return result
        renderer = self._renderer_for(project.config, project.entities)
        published = {event.id: event for event in project.published(self.include_drafts)}
        self._make_pictures(renderer, list(published.values()))
        pages, removed = self._pages_to_update(renderer, published)
        if defer_exports:
            pages = self._defer_exports(pages)
        try:
            self._write_in_place(pages, result)
        except ProblemError as error:
            self._rendered_by = None  # the lists were changed but not all pages: rebuild all next time
            result.problems = sorted(result.problems + error.problems)
            return result
        except Exception:  # a template's error, say: as above, and the caller reports it
            self._rendered_by = None
            raise
        for site_path in removed:
            if self._written.pop(site_path, None) is not None:
                remove_file(self.root / OUTPUT_DIR, site_path)
                result.removed.append(site_path)
        self._published, self._rendered_by = published, renderer
        return result

    def _pages_to_update(self, renderer: SiteRenderer, published: dict[str, Event]) -> tuple[list[Page], list[str]]:
        """Return the pages that changed events touch and the site paths they remove (every page after a
        change of templates or settings)."""
        if renderer is not self._rendered_by:
            pages = renderer.plan(list(published.values()))
            return pages, sorted(set(self._written) - {page.path for page in pages})
        replaced = [
            (self._published.get(event_id), published.get(event_id))
            for event_id in sorted(self._published.keys() | published.keys())
            if self._published.get(event_id) is not published.get(event_id)
        ]
        return renderer.plan_changes(replaced) if replaced else ([], [])

    def _defer_exports(self, pages: list[Page]) -> list[Page]:
        """Return the pages without the files that cover every event, which wait for write_deferred()."""
        from timeline.render.pages import WHOLE_SITE_KINDS

        exports = [page for page in pages if page.kind in WHOLE_SITE_KINDS]
        if exports:  # a plan's exports are the full set, newer than any still waiting
            self._deferred = exports
        return [page for page in pages if page.kind not in WHOLE_SITE_KINDS]

    def _write_in_place(self, pages: list[Page], result: BuildResult) -> None:
        """Render pages and write those whose bytes changed into site/, one file at a time, noting them in result."""
        output = self.root / OUTPUT_DIR
        for page in pages:
            data = page.render()
            digest = short_digest(data)
            if self._written.get(page.path) != digest:
                replace_file(output, page.path, data)
                self._written[page.path] = digest
                result.written.append(page.path)

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
        digest = short_digest(data)
        if self._written.get(page.path) == digest:
            return None
        replace_file(self.root / OUTPUT_DIR, page.path, data)
        self._written[page.path] = digest
        return page.path
