"""The build's one-way data flow: read everything, validate everything, render, write atomically.

A Builder remembers what it read and rendered, so the preview server's rebuilds
re-read only changed files and rewrite only pages whose inputs changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .config import CONFIG_FILE, Config, apply_base_url, load_config
from .loader import EVENTS_DIR, EventFile, list_event_files, read_event_file
from .model import Event
from .problems import Problem, errors
from .site import OUTPUT_DIR, StagedSite, replace_file, remove_file
from .validate import check_across_files, validate_file


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

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that stopped the build."""
        return errors(self.problems)


def _digest(data: bytes) -> str:
    """Return a short digest that tells two versions of a file apart."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _stat_key(path: Path) -> tuple[int, int, int]:
    """Return what tells a changed file from an unchanged one without reading it."""
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class Builder:
    """Reads, validates, renders and writes a project, remembering its last build."""

    def __init__(self, root: Path, base_url: str | None = None, include_drafts: bool = False):
        self.root = root
        self.base_url = base_url
        self.include_drafts = include_drafts
        self.config = Config()
        self._files: dict[Path, tuple[tuple, EventFile, Event | None]] = {}
        self._written: dict[str, str] = {}
        self._keys: dict[str, tuple] = {}
        self._keys_renderer = None
        self._renderer = None
        self._renderer_key: tuple | None = None

    @property
    def base_path(self) -> str:
        """Return the base path the site is built for."""
        return self.config.base_path

    def watched_paths(self) -> list[Path]:
        """Return the files and folders whose changes call for a rebuild."""
        return [self.root / EVENTS_DIR, self.root / "templates", self.root / CONFIG_FILE]

    def load(self) -> Project:
        """Return the project with every file validated, re-reading only files that changed."""
        config, problems = load_config(self.root)
        if self.base_url:
            config, _ = apply_base_url(config, self.base_url)  # the command line checked it
        self.config = config
        project = Project(root=self.root, config=config, problems=problems)
        paths, listing_problems = list_event_files(self.root)
        project.problems.extend(listing_problems)
        seen = set()
        for path in paths:
            seen.add(path)
            try:
                key = _stat_key(path)
            except OSError:
                key = None
            cached = self._files.get(path)
            if cached and key is not None and cached[0] == key:
                _, event_file, event = cached
            else:
                event_file = read_event_file(path, self.root)
                event = validate_file(event_file)
                self._files[path] = (key, event_file, event)
            project.files.append(event_file)
            project.problems.extend(event_file.problems)
            if event is not None:
                project.events.append(event)
        for gone in set(self._files) - seen:
            del self._files[gone]
        project.problems.extend(check_across_files(project.events, project.files))
        project.problems.sort(key=lambda p: (p.path, p.line, p.field, p.message))
        return project

    def _renderer_for(self, config: Config):
        """Return a renderer, made anew when the config or any template changed."""
        from .render import TEMPLATES_DIR, SiteRenderer

        templates = self.root / TEMPLATES_DIR
        key = (config, tuple(sorted((p.as_posix(), _stat_key(p)) for p in templates.rglob("*") if p.is_file())))
        if self._renderer is None or key != self._renderer_key:
            self._renderer = SiteRenderer(self.root, config)
            self._renderer_key = key
        return self._renderer

    def build(self) -> BuildResult:
        """Build the whole site into a staging folder and swap it in; nothing changes on error."""
        project = self.load()
        result = self._result(project)
        if result.errors:
            return result
        renderer = self._renderer_for(project.config)
        staged = StagedSite(self.root)
        written: dict[str, str] = {}
        keys: dict[str, tuple] = {}
        try:
            for page in renderer.plan(project.published(self.include_drafts)):
                data = page.render()
                staged.write(page.path, data)
                written[page.path] = _digest(data)
                keys[page.path] = page.key
            staged.commit()
        except BaseException:
            staged.abort()
            raise
        self._written, self._keys, self._keys_renderer = written, keys, renderer
        result.written = sorted(written)
        return result

    def update(self, changes: set[str] | None = None) -> BuildResult:
        """Rebuild in place, rendering only pages whose inputs changed; a first call builds everything."""
        output = self.root / OUTPUT_DIR
        if not self._written or not output.is_dir():
            return self.build()
        project = self.load()
        result = self._result(project)
        if result.errors:
            return result
        renderer = self._renderer_for(project.config)
        if renderer is not self._keys_renderer:
            self._keys, self._keys_renderer = {}, renderer
        written: dict[str, str] = {}
        keys: dict[str, tuple] = {}
        for page in renderer.plan(project.published(self.include_drafts)):
            keys[page.path] = page.key
            if self._keys.get(page.path) == page.key and page.path in self._written:
                written[page.path] = self._written[page.path]
                continue
            data = page.render()
            written[page.path] = _digest(data)
            if self._written.get(page.path) != written[page.path]:
                replace_file(output, page.path, data)
                result.written.append(page.path)
        for site_path in sorted(set(self._written) - set(written)):
            remove_file(output, site_path)
            result.removed.append(site_path)
        self._written, self._keys, self._keys_renderer = written, keys, renderer
        return result

    def _result(self, project: Project) -> BuildResult:
        """Return a BuildResult carrying the project's problems and counts."""
        published = len(project.published(self.include_drafts))
        return BuildResult(problems=project.problems, events=published, drafts=len(project.events) - published)


def load_project(root: Path, base_url: str | None = None) -> Project:
    """Return the project at root with every file read and validated and every problem collected."""
    return Builder(root, base_url).load()
