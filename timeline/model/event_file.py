"""Reading event files: the files of events/, their bytes to text, and text to front matter and body."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from timeline.folders import EVENTS_DIR
from timeline.model.digest import file_digest
from timeline.model.front_matter import Mapping, Sequence, parse_yaml
from timeline.model.yaml_mistakes import report_line_mistake
from timeline.problems import ERROR, WARNING, Problem

# An event is a page of text; anything this large is a mistake or an attack.
MAX_FILE_BYTES = 256 * 1024
FENCE = "---"



@dataclass
class EventFile:
    """One file of events/ as read from disk: front matter tree, body and problems."""

    path: Path
    relpath: str
    front_matter: Mapping | None = None
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""  # of the file's name and bytes as read: what a saved reading of it is found by

    @property
    def id(self) -> str:
        """Return the event id: the file name without .md."""
        return self.path.name[: -len(".md")]

    def keep_only_field_lines(self) -> None:
        """Drop the front matter's values once validated, keeping where each field is (for later messages)."""
        if self.front_matter is not None:
            lines = {name: (line, None) for name, (line, _) in self.front_matter.entries.items()}
            self.front_matter = Mapping(lines, self.front_matter.line)

    def problem(self, line: int, field_name: str, message: str, severity: str = ERROR) -> None:
        """Record a problem in this file."""
        self.problems.append(Problem(self.relpath, line, field_name, message, severity))


def undecodable(name: str) -> bool:
    """Return whether a file name holds bytes that are not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def list_event_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """Return the .md files of events/ in name order, and problems with what else is there."""
    directory = root / EVENTS_DIR
    problems: list[Problem] = []
    if directory.is_symlink():
        # A pull request could swap the folder for a link and publish files from anywhere on the machine.
        return [], [Problem(EVENTS_DIR, 1, "events", f"{EVENTS_DIR}/ is a symbolic link; it must be an ordinary "
                            "folder inside the project, holding the event files themselves")]
    if not directory.is_dir():
        return [], [Problem(EVENTS_DIR, 1, "events",
                            f"there is no {EVENTS_DIR}/ folder; create it and add event files")]
    paths = []
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        rel = f"{EVENTS_DIR}/{entry.name}"
        if entry.name.startswith("."):
            continue
        if undecodable(entry.name):
            shown = os.fsencode(entry.name).decode("utf-8", "backslashreplace")
            problems.append(Problem(f"{EVENTS_DIR}/{shown}", 1, "file", "name is not UTF-8 text (it was saved in "
                                    "another encoding); rename it with letters, digits and hyphens"))
        elif entry.is_symlink():
            problems.append(Problem(rel, 1, "file",
                                    "is a symbolic link; event files must be ordinary files inside events/"))
        elif entry.is_dir():
            problems.append(Problem(rel, 1, "file", "is a folder; put event files directly in events/", WARNING))
        elif not entry.name.endswith(".md"):
            problems.append(Problem(rel, 1, "file", "is not an event file (they end in .md) and is ignored", WARNING))
        else:
            paths.append(Path(entry.path))
    return paths, problems


def read_event_file(path: Path, root: Path) -> EventFile:
    """Return the event file at path, split and parsed, with any problems found."""
    relpath = path.relative_to(root).as_posix()
    event_file = EventFile(path=path, relpath=relpath)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        event_file.problem(1, "file", f"cannot be read: {error.strerror}")
        return event_file
    event_file.digest = file_digest(path.name, data)
    if len(data) > MAX_FILE_BYTES:
        event_file.problem(
            1, "file", f"is larger than {MAX_FILE_BYTES // 1024} KiB; an event's description should be short, "
            "so split it or move long material to a source"
        )
        return event_file
    text = decode(data, event_file)
    if text is not None:
        split_front_matter(text, event_file)
    return event_file


def reading_data(event_file: EventFile, event) -> dict:
    """Return what reading and validating a file found, as JSON data, once its values are dropped (see
    keep_only_field_lines): where each field is, the body, the problems and the event."""
    from timeline.model.event import event_data

    front = event_file.front_matter
    return {
        "fields": None if front is None else [front.line, {name: line for name, (line, _) in front.entries.items()}],
        "body": event_file.body, "body_line": event_file.body_line,
        "problems": [[p.path, p.line, p.field, p.message, p.severity] for p in event_file.problems],
        "event": None if event is None else event_data(event),
    }


def reading_from_data(path: Path, root: Path, digest: str, data: dict) -> tuple[EventFile, object]:
    """Return the EventFile and Event (or None) that reading_data() turned into data."""
    from timeline.model.event import event_from_data

    front = data["fields"]
    event_file = EventFile(
        path=path, relpath=path.relative_to(root).as_posix(), body=data["body"], body_line=data["body_line"],
        front_matter=None if front is None else Mapping({name: (line, None) for name, line in front[1].items()},
                                                        front[0]),
        problems=[Problem(*problem) for problem in data["problems"]], digest=digest,
    )
    event = None if data["event"] is None else event_from_data(data["event"], event_file.body)
    return event_file, event


def decode(data: bytes, event_file: EventFile) -> str | None:
    """Return the file's text with LF line ends, or None when it is not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        event_file.problem(
            1, "file", "starts with a byte-order mark (BOM), which is ignored; save the file as UTF-8 without BOM",
            WARNING,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        # Counted in characters, as an editor shows columns, not in bytes.
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        event_file.problem(
            line, "file",
            f"is not valid UTF-8 (byte 0x{data[error.start]:02x} at column {column}); "
            "save the file with UTF-8 encoding",
        )
        return None
    if "\r" in text:
        kind = "Windows (CRLF)" if "\r\n" in text else "old Mac (CR)"
        event_file.problem(
            1, "file", f"has {kind} line endings, which are read as ordinary line ends; "
            "save it with Unix (LF) line endings", WARNING,
        )
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        event_file.problem(line, "file", "contains a NUL character; is it a text file?")
        return None
    return text


def split_front_matter(text: str, event_file: EventFile) -> None:
    """Parse the front matter and keep the body; record problems on event_file."""
    if not text.strip():
        event_file.problem(1, "file", f"is empty; an event file starts with a {FENCE} line, its fields, "
                           f"and another {FENCE} line")
        return
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        event_file.problem(
            1, "front matter", f"is missing: the file must start with a line of three dashes ({FENCE}), "
            f"then the fields (title: ..., date: ...), then another {FENCE} line"
        )
        return
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            break
    else:
        event_file.problem(1, "front matter", f"is not closed: add a line with {FENCE} after the last field")
        return
    yaml_text = "\n".join(lines[1:index])
    event_file.body = "\n".join(lines[index + 1 :])
    event_file.body_line = index + 2
    tree = parse_yaml(yaml_text, first_line=2, report=event_file.problem)
    if tree is None:
        return
    if not isinstance(tree, Mapping):
        if report_line_mistake(yaml_text, 2, len(lines), event_file.problem):
            return
        kind = "a list" if isinstance(tree, Sequence) else "plain text"
        event_file.problem(
            tree.line, "front matter",
            f"must be fields written as 'name: value' lines, but it is {kind}",
        )
        return
    event_file.front_matter = tree
