"""The build's one-way flow: read every event file, validate everything, render the pages, write them atomically.

Whatever makes it fast (digests, caches, workers) sits behind the one speed object the flow calls
(speed.py); without it, the same flow writes the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from timeline.build.media import Pictures
from timeline.build.project import BuildResult, Project
from timeline.build.provenance import PendingProvenance
from timeline.build.reading import EventReader, stat_key
from timeline.build.site_size import size_warning
from timeline.build.speed import NoSpeedups, Speed
from timeline.build.workers import render_into
from timeline.folders import TEMPLATES_DIR
from timeline.model.config import Config, apply_base_url, load_config
from timeline.model.entities import NO_ENTITIES, Entities, load_entities
from timeline.problems import Problem, ProblemError

if TYPE_CHECKING:
    from timeline.build.fingerprint import Inputs
    from timeline.model.event import Event
    from timeline.render.pages import SiteRenderer


class Builder:
    """Reads, validates, renders and writes a project."""

    def __init__(self, root: Path, base_url: str | None = None, include_drafts: bool = False,
                 workers: int | None = None, speedups: bool = True):
        self.root = root
        self.base_url = base_url
        self.include_drafts = include_drafts
        self.config = Config()
        self.speed = Speed(root, workers) if speedups else NoSpeedups(root)
        self.reader = EventReader(root)
        self.pictures = Pictures(root, cache=speedups)
        self._renderer: SiteRenderer | None = None
        self._renderer_key: tuple | None = None

    @property
    def base_path(self) -> str:
        """Return the base path the site is built for."""
        return self.config.base_path

    def build(self, trust_site: bool = True, keep_pieces: bool = False, inputs: Inputs | None = None) -> BuildResult:
        """Build the whole site into a staging folder and swap it in; nothing changes on error.

        When every input (event files, templates, settings, options, this code and its
        libraries) is byte for byte what made the current site/, and trust_site, the site is
        kept as it is. keep_pieces keeps each event's export pieces for later updates. inputs
        are the inputs' digests when a look just taken found site/ stale (they are read once).
        """
        current = self.speed.up_to_date(self.base_url, self.include_drafts, not self.reader.has_read, trust_site,
                                        inputs)
        if current:
            return BuildResult(problems=[Problem(*p) for p in current["problems"]], up_to_date=True,
                               events=current["events"], drafts=current["drafts"], fingerprint=self.speed.fingerprint)
        history = PendingProvenance(self.root, cache=isinstance(self.speed, Speed))  # git reads while the files are
        project = self.load()
        self.speed.took_as_read(project)
        result = self._result(project)
        if result.errors:
            history.cancel()
            return result
        renderer = self._renderer_for(project.config, project.entities)
        renderer.provenance = history.result()  # what each event file's history says
        published = project.published(self.include_drafts)
        self._make_pictures(renderer, published)
        renderer.exporter.keep_pieces = keep_pieces
        try:
            written = self._write_site(renderer, published)
        except ProblemError as error:  # a description that cannot be rendered: report it like the others
            self._not_built()
            result.problems = sorted(result.problems + error.problems)
            return result
        result.written = sorted(written)
        self.speed.finish(result, renderer, published, self.reader.readings, written)
        self._built(renderer, published, written)
        result.size_warning = size_warning(self.speed.site_size(written, {event.id for event in published}))
        return result

    def load(self, changes: set[str] | None = None) -> Project:
        """Return the project with every file validated and every problem collected (see EventReader.load)."""
        problems = self.read_settings()
        entities, entity_problems = load_entities(self.root)  # a few lines: read again on every load
        with self.speed.collector_paused():
            project = self.reader.load(self.config, problems + entity_problems, changes, self.speed.read_many, entities)
        project.events, picture_problems = self.pictures.events(project.events)  # their files: read, checked
        if picture_problems:
            project.problems = sorted(project.problems + picture_problems,
                                      key=lambda p: (p.path, p.line, p.field, p.message))
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
        return self.speed.current_fingerprint(self.base_url, self.include_drafts)

    def _write_site(self, renderer: SiteRenderer, published: list[Event]) -> dict[str, str]:
        """Render every page into a staging folder and swap it in for site/; return the digest of each file."""
        staged = self.speed.staged_site()
        try:
            with self.speed.collector_paused():
                pages = renderer.plan(published)
            staged.keep_only({page.path for page in pages})
            pages = self.speed.reuse(renderer, pages, published)
            written = self.speed.render_in_bulk(pages, renderer, staged, published, self.reader.readings)
            for page in pages:
                if page.path not in written:
                    written[page.path] = render_into(staged, page)
            staged.commit()
        except BaseException:
            staged.abort()
            raise
        return written

    def _renderer_for(self, config: Config, entities: Entities = NO_ENTITIES) -> SiteRenderer:
        """Return a renderer, made anew when the config, the entities or any template changed."""
        from timeline.render.pages import SiteRenderer

        templates = self.root / TEMPLATES_DIR
        key = (config, entities,
               tuple(sorted((p.as_posix(), stat_key(p)) for p in templates.rglob("*") if p.is_file())))
        if self._renderer is None or key != self._renderer_key:
            self._renderer = SiteRenderer(self.root, config, entities)
            self._renderer_key = key
        return self._renderer

    def _make_pictures(self, renderer: SiteRenderer, published: list[Event]) -> None:
        """Make the files of the published events' pictures that no build made before, and hand them to the
        renderer."""
        renderer.pictures = self.pictures
        with self.speed.collector_paused():
            self.pictures.make(published)

    def _result(self, project: Project) -> BuildResult:
        """Return a BuildResult carrying the project's problems and counts."""
        published = len(project.published(self.include_drafts))
        return BuildResult(problems=project.problems, events=published, drafts=len(project.events) - published)

    def _built(self, renderer: SiteRenderer, published: list[Event], written: dict[str, str]) -> None:
        """Note a committed build (a preview's builder keeps what it needs to update the site)."""

    def _not_built(self) -> None:
        """Note a build that stopped before committing anything."""


def load_project(root: Path, base_url: str | None = None) -> Project:
    """Return the project at root with every file read and validated and every problem collected."""
    return Builder(root, base_url).load()
