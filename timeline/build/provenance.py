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

PROVENANCE_CACHE = "provenance.json"
# What a cached history holds; another version is read again from git (version 2 added the former names).
PROVENANCE_CACHE_VERSION = 2
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
    git works in its own process while the build reads and validates the files.

    With cache, the history the last build read (.timeline-cache/provenance.json) is taken up: at the same
    commit git is not asked at all, and at a later one only the commits since are read.
    """

    def __init__(self, root: str | os.PathLike, cache: bool = True):
        self.root, self.cache = root, cache
        self.commit, self.folder = _repository(root)
        self._process = None
        self._output = None
        self._known: dict[str, list] = {}  # name -> [added, changed, former names], as of the cached commit
        if not self.commit:
            return
        since = self._take_up_cache() if cache else None
        if since == self.commit:
            return  # the history is what the last build read
        # a file, not a pipe: git writes all of it without waiting for the build to read
        self._output = tempfile.TemporaryFile()  # noqa: SIM115 (closed by cancel)
        commits = f"{since}..{self.commit}" if since else self.commit
        try:
            # every file of every commit, told apart here: a path filter makes git three times slower; a file
            # renamed (git mv) keeps the history of its old name, found alike whatever the user's git settings say
            self._process = subprocess.Popen(
                ["git", "-c", "diff.renameLimit=1000", "log", "--find-renames", f"--format={_RECORD}%ct",
                 "--name-status", commits],
                cwd=root, env=_GIT_ENV, stdout=self._output, stderr=subprocess.DEVNULL)
        except OSError:
            self.commit = ""

    def _take_up_cache(self) -> str | None:
        """Take up the cached history when its commit is this one or comes before it; return that commit."""
        from timeline.build.cache_store import read_json

        saved = read_json(self.root, PROVENANCE_CACHE)
        if not isinstance(saved, dict) or saved.get("version") != PROVENANCE_CACHE_VERSION \
                or saved.get("folder") != self.folder or not isinstance(saved.get("files"), dict):
            return None
        since = saved.get("commit")
        if not isinstance(since, str) or (since != self.commit and _git(
                self.root, "merge-base", "--is-ancestor", since, self.commit) is None):
            return None  # another line of history (a rebase, a force-push): read it all
        self._known = saved["files"]
        return since

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

        if not self.commit:
            return None
        known = dict(self._known)
        if self._process is not None:
            status = self._process.wait()
            self._output.seek(0)
            log = self._output.read().decode("utf-8", errors="surrogateescape")
            self.cancel()
            if status != 0:
                return None
            known = _dates(log, f"{self.folder}{EVENTS_DIR}/", known)
            if self.cache:
                from timeline.build.cache_store import write_json

                write_json(self.root, PROVENANCE_CACHE, {"version": PROVENANCE_CACHE_VERSION, "commit": self.commit,
                                                          "folder": self.folder, "files": known})
        return Provenance(self.commit, self.folder,
                          {name: FileHistory(_day(dates[0]), _day(dates[1])) for name, dates in known.items()},
                          moved_files(known))


def _dates(log: str, events: str, known: dict[str, list]) -> dict[str, list]:
    """Return [added, changed, (former names with the times of the renames)] by name of the event files known
    before a log and of those it names (newest commit first, each file with its status; the paths from the
    repository's top, events/ being at events): a renamed file's history under its new name, and the added time of
    a file already known (under either name) kept."""
    found: dict[str, list] = {}
    later_name: dict[str, str] = {}  # a file renamed in the log: its old name -> its name after the rename
    for record in log.split(_RECORD)[1:]:
        lines = record.split("\n")
        when = int(lines[0])
        for line in lines[1:]:
            status, *paths = line.split("\t")
            names = [_event_name(path, events) for path in paths]
            if not names or names[-1] is None:
                continue
            name = later_name.get(names[-1], names[-1])
            if name in found:
                found[name][0] = when  # an older commit: the file was there by then
            else:
                found[name] = [when, when, []]
            if status.startswith("R") and names[0] is not None:
                later_name[names[0]] = name  # older commits name it as it was called then
                found[name][2].append([names[0], when])
    known = dict(known)
    for old, name in later_name.items():
        if old in known:  # renamed since the history known: added under its old name, which is no longer its
            known[name] = known.pop(old)
    for name, dates in found.items():
        if name in known:
            dates[0] = known[name][0]
            dates[2] += _former_names(known[name])
    return {**known, **{name: dates if dates[2] else dates[:2] for name, dates in found.items()}}


def moved_files(history: dict[str, list]) -> dict[str, str]:
    """Return the file each former name of a renamed event file now has: the latest rename of that name wins, and a
    name a file has now is no former one."""
    moved: dict[str, tuple[int, str]] = {}
    for name, dates in history.items():
        for old, when in _former_names(dates):
            if old not in history and (old not in moved or moved[old][0] < when):
                moved[old] = (when, name)
    return {old: name for old, (_, name) in sorted(moved.items())}


def _former_names(dates: list) -> list:
    """Return a file's former names with the times of their renames from its history entry (saved only when it has
    any: [added, changed] or [added, changed, former names])."""
    return dates[2] if len(dates) > 2 else []


def _event_name(path: str, events: str) -> str | None:
    """Return an event file's name from its path in a log, or None for any other file."""
    name = path[len(events):]
    return name if path.startswith(events) and name.endswith(".md") and "/" not in name else None


def read_provenance(root: str | os.PathLike, cache: bool = False) -> Provenance | None:
    """Return the history of every committed event file, from one `git log`, or None without a full history."""
    return PendingProvenance(root, cache).result()


def _day(timestamp: int) -> EventDate:
    """Return the UTC day of a commit's time."""
    import datetime

    from timeline.model.dates import EventDate

    day = datetime.datetime.fromtimestamp(timestamp, datetime.UTC).date()
    return EventDate(day.year, day.month, day.day)
