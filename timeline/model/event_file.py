"""Reading event files: bytes to text, front matter to a tree of text with line numbers.

Front matter is read strictly. Every value stays text until timeline.validate
parses it, so YAML 1.1 never turns `no` into False or `2024-11-07` into a date
nobody checked; anchors, aliases, tags and duplicate keys are refused.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from timeline.build.fingerprint import file_digest
from timeline.folders import EVENTS_DIR
from timeline.problems import ERROR, WARNING, Problem

# An event is a page of text; anything this large is a mistake or an attack.
MAX_FILE_BYTES = 256 * 1024
MAX_NESTING = 8
FENCE = "---"


@dataclass
class Scalar:
    """A text value and the line it starts on."""

    text: str
    line: int


@dataclass
class Sequence:
    """A YAML list and the line it starts on."""

    items: list
    line: int


@dataclass
class Mapping:
    """A YAML mapping: key -> (line of the key, value node)."""

    entries: dict
    line: int


Node = Scalar | Sequence | Mapping


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
        return [], [Problem(EVENTS_DIR, 1, "events", f"there is no {EVENTS_DIR}/ folder; create it and add event files")]
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
            problems.append(Problem(rel, 1, "file", "is a symbolic link; event files must be ordinary files inside events/"))
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
        event_file.problem(1, "file", f"is empty; an event file starts with a {FENCE} line, its fields, and another {FENCE} line")
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
    tree = parse_yaml(yaml_text, first_line=2, event_file=event_file)
    if tree is None:
        return
    if not isinstance(tree, Mapping):
        if _report_line_mistake(yaml_text, 2, len(lines), event_file):
            return
        kind = "a list" if isinstance(tree, Sequence) else "plain text"
        event_file.problem(
            tree.line, "front matter",
            f"must be fields written as 'name: value' lines, but it is {kind}",
        )
        return
    event_file.front_matter = tree


class _Refused(Exception):
    """A YAML construct the event format does not allow."""

    def __init__(self, line: int, field_name: str, message: str):
        super().__init__(message)
        self.line, self.field_name, self.message = line, field_name, message


_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


# What YAML refuses (control characters, noncharacters) or counts as a line end where editors and our line
# numbers do not (NEL, the Unicode line and paragraph separators, after which every line it named was one off).
_NOT_FOR_YAML = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def parse_yaml(text: str, first_line: int, event_file: EventFile) -> Node | None:
    """Return the YAML text as a tree of Scalar/Sequence/Mapping, or None after recording a problem."""
    odd = _NOT_FOR_YAML.search(text)
    if odd:
        index = text.count("\n", 0, odd.start())
        event_file.problem(
            first_line + index, _field_of(text.split("\n"), index),
            f"contains an invisible control character (U+{ord(odd[0]):04X}) on this line; delete it "
            "(it often comes with text pasted from a PDF or a word processor)",
        )
        return None
    if not text.strip():
        return Mapping({}, first_line)
    try:
        events = iter(yaml.parse(text, Loader=_LOADER))
        builder = _TreeBuilder(events, first_line, text)
        tree = builder.document()
        for line, field_name, message in builder.warnings:
            event_file.problem(line, field_name, message, WARNING)
        return tree
    except _Refused as refused:
        event_file.problem(refused.line, refused.field_name, refused.message)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if _never_closed(error) and error.context_mark:
            mark = error.context_mark  # the fix goes where the quote or bracket opens, not where the text ends
        line = first_line + (mark.line if mark else 0)
        if not _report_line_mistake(text, first_line, line, event_file, error_line=line):
            event_file.problem(line, "front matter", yaml_error_message(error))
    except yaml.YAMLError as error:
        event_file.problem(first_line, "front matter", f"cannot be read as YAML: {error}")
    return None


_OPENERS = {
    "while scanning a quoted scalar": "the quote that starts on this line is never closed",
    "while parsing a flow sequence": "the [ on this line is never closed with ]",
    "while parsing a flow mapping": "the { on this line is never closed with }",
}


# "title:A meeting": without a space after the colon, YAML reads the whole line as text.
_MISSING_SPACE = re.compile(r"\s*(?:- )?(?P<key>[A-Za-z_]+):(?P<value>[^\s/].*)")
# "  -diplomacy": without a space after the dash, YAML reads the item as text, or as a broken line.
DASH_ITEM = re.compile(r"(?P<indent> *)(?P<item>-[^\s-].*)")
# A front-matter line: its indentation, a list item's dash, a field's 'name:', and the rest of it.
_SHAPE = re.compile(r"(?P<indent>[ \t]*)(?P<dash>-(?: +|$))?(?:(?P<key>[A-Za-z_][\w-]*):(?: +|$))?(?P<rest>.*)")


def _report_line_mistake(text: str, first_line: int, last_line: int, event_file: EventFile,
                         error_line: int | None = None) -> bool:
    """Record the first line up to last_line with a mistake that YAML words cryptically; return whether found."""
    lines = text.split("\n")
    for index in range(min(len(lines), last_line - first_line + 1)):
        found = _line_mistake(lines, index, at_error=first_line + index == error_line)
        if found:
            event_file.problem(first_line + index, *found)
            return True
    return False


def _line_mistake(lines: list[str], index: int, at_error: bool) -> tuple[str, str] | None:
    """Return (field, message) for a mistake on lines[index] that we can word better than YAML, or None."""
    # A tab can sit in a block of text without harm, so it is blamed only on the line YAML stopped at.
    if at_error and (found := _tab_mistake(lines, index)):
        return found
    if found := _dash_mistake(lines, index) or _indent_mistake(lines, index):
        return found
    match = _MISSING_SPACE.fullmatch(lines[index])
    if match:
        key, value = match["key"], match["value"].strip()
        return key, f"needs a space after the colon: write '{key}: {value}'"
    return None


def _tab_mistake(lines: list[str], index: int) -> tuple[str, str] | None:
    """Return (field, message) when lines[index] is indented with a tab, which YAML does not allow."""
    content = lines[index].lstrip(" \t")
    tabs = lines[index][: len(lines[index]) - len(content)].count("\t")
    if not tabs:
        return None
    spaces = _line_up_column(lines, index)
    which = "the tab" if tabs == 1 else "the tabs"
    fix = f"replace {which} with {_spaces(spaces)}" if spaces else f"remove {which}"
    fixed = " " * spaces + content
    return _field_of(lines, index), f"is indented with a tab, but YAML needs spaces: {fix}, as '{fixed}'"


def _dash_mistake(lines: list[str], index: int) -> tuple[str, str] | None:
    """Return (field, message) when lines[index] is a list item with no space after its dash."""
    match = DASH_ITEM.fullmatch(lines[index])
    owner = _list_owner(lines, index, len(match["indent"])) if match else None
    if owner is None:
        return None
    return owner, missing_dash_space(match["indent"], match["item"].rstrip())


def _indent_mistake(lines: list[str], index: int) -> tuple[str, str] | None:
    """Return (field, message) when lines[index] is a field indented further in than the field above it."""
    shape = _SHAPE.fullmatch(lines[index])
    above = _above(lines, index)
    if not shape["key"] or shape["dash"] or "\t" in shape["indent"] or above is None:
        return None
    over = _SHAPE.fullmatch(lines[above])
    # A field with its value after the colon ('publisher: X', unlike 'sources:' or 'quote: |') holds no lines
    # below it: YAML reads the deeper line as more of X and stops at its colon, calling that the mistake.
    if not over["key"] or _opens_block(over) or len(shape["indent"]) <= _value_column(over):
        return None
    extra = _spaces(len(shape["indent"]) - _value_column(over))
    return shape["key"], f"is indented {extra} more than '{over['key']}:' above it; remove {extra} so it lines up"


def missing_dash_space(indent: str, item: str) -> str:
    """Return the message for a list item written '-diplomacy', with the line to write instead."""
    return f"{item!r} is not a list item: write it with a space after the dash, as '{indent}- {item[1:]}'"


def _list_owner(lines: list[str], index: int, indent: int) -> str | None:
    """Return the field whose list lines[index], indented by indent, would be an item of; None when in no list."""
    above = _above(lines, index)
    while above is not None:
        shape = _SHAPE.fullmatch(lines[above])
        if len(shape["indent"]) > indent or (len(shape["indent"]) == indent and shape["dash"]):
            above = _above(lines, above)  # an earlier item of the list, or a line inside one: look further up
            continue
        # Under 'tags:' a line that starts with '-' is an item; under 'quote: |' or 'title: A' it is text.
        return shape["key"] if shape["key"] and not shape["rest"] else None
    return None


def _spaces(count: int) -> str:
    """Return '1 space' or '4 spaces'."""
    return f"{count} space{'' if count == 1 else 's'}"


def _above(lines: list[str], index: int) -> int | None:
    """Return the index of the nearest line above lines[index] that holds more than spaces or a comment."""
    for above in range(index - 1, -1, -1):
        text = lines[above].strip()
        if text and not text.startswith("#"):
            return above
    return None


def _value_column(shape: re.Match) -> int:
    """Return the column where a line's field name or value starts, after its indentation and dash."""
    return len(shape["indent"]) + len(shape["dash"] or "")


def _opens_block(shape: re.Match) -> bool:
    """Return whether a line is a 'name:' whose value goes on the lines below it (a list, fields, or | or > text)."""
    return bool(shape["key"]) and (not shape["rest"] or shape["rest"][0] in "|>#")


def _line_up_column(lines: list[str], index: int) -> int:
    """Return the column lines[index] should start at, judged by the line above it."""
    above = _above(lines, index)
    if above is None:
        return 0
    shape = _SHAPE.fullmatch(lines[above])
    if _opens_block(shape):
        return _value_column(shape) + 2  # the first line inside: two spaces in, as CONTRIBUTING writes it
    if shape["dash"] and lines[index].lstrip(" \t").startswith("-"):
        return len(shape["indent"])  # the next item of the same list
    return _value_column(shape)  # the next field of the same group


def _field_of(lines: list[str], index: int) -> str:
    """Return the field a line belongs to: the name it starts with, or the one of the group it is indented under."""
    shape = _SHAPE.fullmatch(lines[index].lstrip(" \t"))
    if shape["key"]:
        return shape["key"]
    indent = len(lines[index]) - len(lines[index].lstrip(" \t"))
    for above in range(index - 1, -1, -1):
        shape = _SHAPE.fullmatch(lines[above])
        if lines[above].strip() and len(shape["indent"]) < indent and shape["key"]:
            return shape["key"]
    return "front matter"


def _never_closed(error: yaml.MarkedYAMLError) -> bool:
    """Return whether the error is a quote or bracket left open."""
    problem = error.problem or ""
    return error.context in _OPENERS and ("end of stream" in problem or "did not find expected ','" in problem)


def yaml_error_message(error: yaml.MarkedYAMLError) -> str:
    """Return a YAML syntax error in words a contributor can act on."""
    problem = (error.problem or "is not valid YAML").rstrip(".")
    hint = ""
    if _never_closed(error):
        hint = f"; {_OPENERS[error.context]}"
    elif "mapping values are not allowed" in problem:
        hint = "; a value that contains ': ' must be put in quotes"
    elif "found character '\\t'" in problem or "tab character" in problem:
        hint = "; indent with spaces, not tabs"
    elif "could not find expected ':'" in problem:
        hint = "; each line should be 'name: value'"
    elif "found unknown escape" in problem:
        hint = "; inside double quotes a backslash starts an escape: use single quotes instead, or write \\\\ for a backslash"
    elif "found undefined alias" in problem:
        hint = "; put the value in quotes"
    elif "cannot start any token" in problem:
        hint = "; a value that starts with @, ` or % must be put in quotes"
    elif "block sequence entries are not allowed" in problem:
        hint = "; a value that starts with '- ' must be put in quotes (list items go on their own lines)"
    elif "did not find expected key" in problem:
        hint = "; line this field up with the ones above it, and put a value that starts with a quote, [ or { in quotes"
    elif "did not find expected '-' indicator" in problem:
        hint = "; line up each item's fields with its first one"
    return f"YAML syntax error: {problem}{hint}"


class _TreeBuilder:
    """Builds our tree from PyYAML parser events, refusing what the format forbids."""

    def __init__(self, events, first_line: int, text: str = ""):
        self.events = events
        self.first_line = first_line
        self.lines = text.split("\n")
        self.warnings: list[tuple[int, str, str]] = []

    def line(self, event) -> int:
        """Return the file line of a parser event."""
        return self.first_line + event.start_mark.line

    def next(self):
        """Return the next parser event."""
        return next(self.events)

    def check_comment(self, event, field_name: str) -> None:
        """Warn when a plain value is followed by a comment: 'title: UN resolution #2231' keeps only 'UN resolution'."""
        end = event.end_mark
        if event.style or end.line >= len(self.lines):  # quoted or block style: a "#" there is text
            return
        rest = self.lines[end.line][end.column :].strip()
        if rest.startswith("#"):
            self.warnings.append((
                self.first_line + end.line, field_name,
                f"{rest!r} is read as a YAML comment and left out; if it belongs to the value, "
                "put the whole value in quotes",
            ))

    def document(self) -> Node:
        """Return the tree of the only document in the front matter."""
        self.next()  # StreamStartEvent
        event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            return Mapping({}, self.first_line)
        root = self.node(self.next(), depth=0, field_name="front matter")
        self.next()  # DocumentEndEvent
        return root

    def node(self, event, depth: int, field_name: str) -> Node:
        """Return the node that starts with event."""
        line = self.line(event)
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(line, field_name, f"uses a YAML alias (*{event.anchor}); write the value out in full")
        if event.anchor is not None:
            raise _Refused(line, field_name, f"uses a YAML anchor (&{event.anchor}); write the value out in full")
        # Even the bare "!" tag: in "title: ! Breaking" it would silently drop the "!" from the title.
        if getattr(event, "tag", None) is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")  # as the contributor wrote it
            raise _Refused(
                line, field_name,
                f"uses a YAML tag ({tag}); remove it, or put the whole value in quotes if it is part of the text",
            )
        if depth > MAX_NESTING:
            raise _Refused(
                line, field_name, f"is nested more than {MAX_NESTING} levels deep; a field holds text, "
                "a list of texts, or (for sources) a list of groups of fields",
            )
        if isinstance(event, yaml.ScalarEvent):
            self.check_comment(event, field_name)
            return Scalar(event.value, line)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            index = 0
            while not isinstance(event := self.next(), yaml.SequenceEndEvent):
                index += 1
                items.append(self.node(event, depth + 1, f"{field_name}[{index}]"))
            return Sequence(items, line)
        if isinstance(event, yaml.MappingStartEvent):
            entries: dict = {}
            while not isinstance(event := self.next(), yaml.MappingEndEvent):
                key_node = self.node(event, depth + 1, field_name)
                if not isinstance(key_node, Scalar):
                    raise _Refused(key_node.line, field_name, "has a field name that is not plain text")
                key = key_node.text
                if not key.strip():
                    child_name = field_name  # a field named '' is named by where it is: never "LINE: : ..."
                else:
                    child_name = key if field_name == "front matter" else f"{field_name}.{key}"
                if key in entries:
                    raise _Refused(
                        key_node.line, child_name,
                        f"appears twice (first at line {entries[key][0]}); keep one of them",
                    )
                entries[key] = (key_node.line, self.node(self.next(), depth + 1, child_name))
            return Mapping(entries, line)
        raise _Refused(line, field_name, "is not valid front matter")
