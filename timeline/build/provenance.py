"""Provenance from git: when each event file was first added and last changed, read in one pass over the history.

Outside a git repository, in a shallow clone (whose history is cut short and would date every file to its
last commit), or where git is missing, there is no provenance and pages leave those lines out. Dates are
the commits' days in UTC, so one commit always gives the same site.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from typing import TYPE_CHECKING

from timeline.folders import EVENTS_DIR

if TYPE_CHECKING:  # an up-to-date build asks only for the commit, and imports nothing more
    from timeline.model.dates import EventDate
    from timeline.model.history import Provenance

_RECORD = "\x1e"  # starts each commit's record in the log: a character no file name holds
_GIT_ENV = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}  # a build takes no lock a user's git waits on


def _git(root: str | os.PathLike, *args: str) -> str | None:
    """Return what a git command prints in root, or None where git or the repository is not there."""
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=_GIT_ENV,
                              encoding="utf-8", errors="surrogateescape", check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _repository(root: str | os.PathLike) -> tuple[str, str]:
    """Return the commit the project's history stands at and the project's folder in the repository ('' at its
    top, 'site-project/' below it); ('', '') outside a full git history."""
    found = _git(root, "rev-parse", "HEAD", "--is-shallow-repository", "--show-prefix")
    lines = (found or "").split("\n") + ["", "", ""]
    return (lines[0], lines[2]) if found and lines[1] == "false" else ("", "")


def head_commit(root: str | os.PathLike) -> str:
    """Return the commit the project's history stands at, or '' outside a full git history (what the site's
    provenance depends on: a build at another commit may date its files otherwise)."""
    return _repository(root)[0]


class PendingProvenance:
    """The one `git log` pass over the event files' history, started at once and read when the pages need it:
    git works in its own process while the build reads and validates the files."""

    def __init__(self, root: str | os.PathLike):
        self.commit, self.folder = _repository(root)
        self._process = None
        # a file, not a pipe: git writes all of it without waiting for the build to read
        self._output = tempfile.TemporaryFile() if self.commit else None  # noqa: SIM115 (closed by cancel)
        if self.commit:
            try:
                # every file of every commit, told apart here: a path filter makes git three times slower
                self._process = subprocess.Popen(
                    ["git", "log", "--no-renames", f"--format={_RECORD}%ct", "--name-only", self.commit],
                    cwd=root, env=_GIT_ENV, stdout=self._output, stderr=subprocess.DEVNULL)
            except OSError:
                self.commit = ""

    def cancel(self) -> None:
        """Stop the pass, its result not wanted (a build that stopped on a problem)."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None
        if self._output is not None:
            self._output.close()
            self._output = None

    def result(self) -> Provenance | None:
        """Return the history of every committed event file, or None without a full history."""
        from timeline.model.history import FileHistory, Provenance

        if self._process is None:
            return None
        status = self._process.wait()
        self._output.seek(0)
        log = self._output.read().decode("utf-8", errors="surrogateescape")
        self.cancel()
        if status != 0:
            return None
        newest: dict[str, int] = {}
        oldest: dict[str, int] = {}
        events = f"{self.folder}{EVENTS_DIR}/"  # paths in the log are from the repository's top
        for record in log.split(_RECORD)[1:]:  # newest first
            lines = record.split("\n")
            when = int(lines[0])
            for line in lines[1:]:
                if line.startswith(events) and line.endswith(".md") and "/" not in line[len(events):]:
                    name = line[len(events):]
                    newest.setdefault(name, when)
                    oldest[name] = when
        return Provenance(self.commit, self.folder,
                          {name: FileHistory(_day(oldest[name]), _day(newest[name])) for name in newest})


def read_provenance(root: str | os.PathLike) -> Provenance | None:
    """Return the history of every committed event file, from one `git log`, or None without a full history."""
    return PendingProvenance(root).result()


def _day(timestamp: int) -> EventDate:
    """Return the UTC day of a commit's time."""
    import datetime

    from timeline.model.dates import EventDate

    day = datetime.datetime.fromtimestamp(timestamp, datetime.UTC).date()
    return EventDate(day.year, day.month, day.day)
