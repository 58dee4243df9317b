"""What a build reads and what it reports: the project as validated, and a build's outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.model.config import Config
from timeline.model.entities import NO_ENTITIES, Entities
from timeline.problems import Problem, errors

if TYPE_CHECKING:
    from timeline.model.event import Event
    from timeline.model.event_file import EventFile


@dataclass
class Project:
    """Everything read and validated from a project folder.

    events carry their actors and places under the names entities.toml gives (files, as read, do not).
    """

    root: Path
    config: Config
    files: list[EventFile] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    entities: Entities = NO_ENTITIES

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
    size_warning: str | None = None  # said when site/ is larger than GitHub Pages publishes (build/site_size.py)

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that stopped the build."""
        return errors(self.problems)
