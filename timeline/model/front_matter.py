"""Front matter read strictly, as a tree of text values with the line each starts on.

Every value stays text until validation parses it, so YAML 1.1 never turns `no` into False or
`2024-11-07` into a date nobody checked; anchors, aliases, tags and duplicate keys are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

from timeline.model.yaml_mistakes import field_of, never_closed, report_line_mistake, yaml_error_message
from timeline.problems import WARNING

if TYPE_CHECKING:
    from timeline.model.yaml_mistakes import Report

MAX_NESTING = 8


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


class _Refused(Exception):
    """A YAML construct the event format does not allow."""

    def __init__(self, line: int, field_name: str, message: str):
        super().__init__(message)
        self.line, self.field_name, self.message = line, field_name, message


_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


# What YAML refuses (control characters, noncharacters) or counts as a line end where editors and our line
# numbers do not (NEL, the Unicode line and paragraph separators, after which every line it named was one off).
_NOT_FOR_YAML = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def parse_yaml(text: str, first_line: int, report: Report) -> Node | None:
    """Return the YAML text as a tree of Scalar/Sequence/Mapping, or None after reporting a problem."""
    odd = _NOT_FOR_YAML.search(text)
    if odd:
        index = text.count("\n", 0, odd.start())
        report(
            first_line + index, field_of(text.split("\n"), index),
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
            report(line, field_name, message, WARNING)
        return tree
    except _Refused as refused:
        report(refused.line, refused.field_name, refused.message)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if never_closed(error) and error.context_mark:
            mark = error.context_mark  # the fix goes where the quote or bracket opens, not where the text ends
        line = first_line + (mark.line if mark else 0)
        if not report_line_mistake(text, first_line, line, report, error_line=line):
            report(line, "front matter", yaml_error_message(error))
    except yaml.YAMLError as error:
        report(first_line, "front matter", f"cannot be read as YAML: {error}")
    return None


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
