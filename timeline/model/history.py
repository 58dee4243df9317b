"""An event file's history: when it was first added to the timeline and last changed (read from git by
build/provenance.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from timeline.model.dates import EventDate


@dataclass(frozen=True)
class FileHistory:
    """The days an event file was first committed and last committed (UTC)."""

    added: EventDate
    changed: EventDate


@dataclass(frozen=True)
class Provenance:
    """The history of every event file at one commit, and the names renamed files had before."""

    commit: str
    folder: str  # the project's folder in the repository: '' at its top, 'timeline/' below it
    files: dict[str, FileHistory]  # by file name in events/
    moved: dict[str, str] = field(default_factory=dict)  # a renamed file's former name -> the name it has now

    def of(self, event_path: str) -> FileHistory | None:
        """Return the history of an event's file ('events/2024-11-04-x.md'), or None when it was never committed."""
        return self.files.get(event_path.rsplit("/", 1)[-1])

    def page_key(self, event_path: str) -> tuple:
        """Return what an event page shows of its file's history, as plain values (a key for its cache)."""
        history = self.of(event_path)
        return (history.added.iso(), history.changed.iso()) if history else ()

    def history_url(self, repository: str, event_path: str) -> str:
        """Return the address of an event file's history on GitHub ('' without a repository): at HEAD, the
        default branch, so that a commit re-renders only the pages of the files it changed."""
        return f"https://github.com/{repository}/commits/HEAD/{self.folder}{event_path}" if repository else ""
