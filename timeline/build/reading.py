"""Reading and validating every event file of a project, again only for the files that changed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.build.project import Project
from timeline.folders import EVENTS_DIR
from timeline.model.entities import NO_ENTITIES, Canonical, Entities, spelling_problems

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from timeline.model.config import Config
    from timeline.model.event import Event
    from timeline.model.event_file import EventFile
    from timeline.problems import Problem

    # What reading a file found: its stat key when read (None when unreadable), the file, its event or None.
    Reading = tuple[tuple[int, int, int] | None, EventFile, Event | None]
# Reading and validation (YAML and all) are imported where they are used: a build with
# nothing changed needs neither, and should cost next to nothing.


class EventReader:
    """Reads and validates a project's event files, keeping each reading until its file changes."""

    def __init__(self, root: Path):
        self.root = root
        self._readings: dict[Path, Reading] = {}
        self._listing: tuple[list[Path], list[Problem]] | None = None
        self._across_files: tuple[tuple, list[Problem]] | None = None
        self._canonical = Canonical()  # the events under the entities' names, each made once

    @property
    def has_read(self) -> bool:
        """Return whether any file was read in this process."""
        return bool(self._readings)

    def readings(self) -> Iterable[tuple[EventFile, Event | None]]:
        """Return (file, event) for every file read and still in the project."""
        return ((event_file, event) for _, event_file, event in self._readings.values())

    def load(self, config: Config, problems: list[Problem], changes: set[str] | None = None,
             read_many: Callable[[list[Path]], Iterable[tuple[Path, Reading]]] | None = None,
             entities: Entities = NO_ENTITIES) -> Project:
        """Return the project with every file validated, re-reading only files that changed.

        changes, when given, names every path that changed since the last load (the preview's
        watcher knows them), so unchanged files are not even looked at. read_many, when given,
        reads many files at once (from a cache, or in workers) before the rest are read here.
        The events are then put under the entities' names; the readings kept stay as written.
        """
        project = Project(root=self.root, config=config, problems=problems, entities=entities)
        changed = self._changed_event_paths(changes)
        if changed is None:
            from timeline.model.event_file import list_event_files

            self._listing = list_event_files(self.root)
        paths, listing_problems = self._listing
        project.problems.extend(listing_problems)
        if changed is None and read_many is not None:
            self._readings.update(read_many([path for path in paths if path not in self._readings]))
        for path in paths:
            cached = self._readings.get(path)
            if cached and changed is not None and path not in changed:
                _, event_file, event = cached
            else:
                event_file, event = self._read(path, cached)
            project.files.append(event_file)
            project.problems.extend(event_file.problems)
            if event is not None:
                project.events.append(event)
        if changed is None or len(self._readings) != len(paths):
            for gone in set(self._readings) - set(paths):
                del self._readings[gone]
        project.events = self._canonical.events(project.events, entities)
        project.problems.extend(self._check_across_files(project))
        project.problems.sort(key=lambda p: (p.path, p.line, p.field, p.message))
        return project

    def _read(self, path: Path, cached: Reading | None) -> tuple[EventFile, Event | None]:
        """Return the file at path read and validated, reusing the cached reading if its stat is unchanged."""
        if cached and cached[0] is not None and cached[0] == stat_key_or_none(path):
            return cached[1], cached[2]
        reading = self._readings[path] = read_and_validate(path, self.root)
        return reading[1], reading[2]

    def _check_across_files(self, project: Project) -> list[Problem]:
        """Return the cross-file problems, computed again only when names, titles, dates, tags, actors, places,
        links or threads changed."""
        signature = (
            tuple(event_file.relpath for event_file in project.files),
            tuple((event.path, event.title, event.date, event.tags, event.actors, event.location, event.related,
                   event.thread)
                  for event in project.events),
            project.entities,
        )
        if self._across_files is None or self._across_files[0] != signature:
            from timeline.model.validate import check_across_files

            problems = check_across_files(project.events, project.files)
            problems += spelling_problems(project.events, project.files, project.entities)
            self._across_files = (signature, problems)
        return self._across_files[1]

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


def read_and_validate(path: Path, root: Path) -> Reading:
    """Return (stat key or None, the file read, its Event or None) for an event file."""
    from timeline.model.event_file import read_event_file
    from timeline.model.validate import validate_file

    key = stat_key_or_none(path)  # taken before reading, so an edit made meanwhile is seen next time
    event_file = read_event_file(path, root)
    event = validate_file(event_file)
    event_file.keep_only_field_lines()  # the value tree is done with; 100,000 of them cost gigabytes
    return key, event_file, event


def stat_key(path: Path) -> tuple[int, int, int]:
    """Return what tells a changed file from an unchanged one without reading it."""
    stat = os.stat(path)
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def stat_key_or_none(path: Path) -> tuple[int, int, int] | None:
    """Return the file's stat key, or None when it cannot be read."""
    try:
        return stat_key(path)
    except OSError:
        return None
