"""The build's one-way data flow: read everything, validate everything, render, write atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, load_config
from .loader import EventFile, list_event_files, read_event_file
from .model import Event
from .problems import Problem, ProblemError, errors
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


def load_project(root: Path, config: Config | None = None) -> Project:
    """Return the project at root with every file read and validated and every problem collected."""
    loaded_config, problems = load_config(root)
    project = Project(root=root, config=config or loaded_config, problems=problems)
    paths, listing_problems = list_event_files(root)
    project.problems.extend(listing_problems)
    for path in paths:
        event_file = read_event_file(path, root)
        event = validate_file(event_file)
        project.files.append(event_file)
        project.problems.extend(event_file.problems)
        if event is not None:
            project.events.append(event)
    project.problems.extend(check_across_files(project.events, project.files))
    project.problems.sort(key=lambda p: (p.path, p.line, p.field, p.message))
    return project


def build_site(project: Project, include_drafts: bool = False) -> int:
    """Render and write the site of a valid project; return the number of files written."""
    from .render import SiteRenderer
    from .site import StagedSite

    if errors(project.problems):
        raise ProblemError(errors(project.problems))
    renderer = SiteRenderer(project.root, project.config)
    staged = StagedSite(project.root)
    try:
        for site_path, data in renderer.pages(project.published(include_drafts)):
            staged.write(site_path, data)
        staged.commit()
    except BaseException:
        staged.abort()
        raise
    return staged.count
