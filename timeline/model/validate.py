"""Validation: front-matter trees to Events, and the rules that span files.

Every problem is collected, never raised, so `check` can report them all at once.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from urllib.parse import urlsplit

from timeline.folders import ENTITIES_FILE
from timeline.model.dates import ONGOING, DateError, EventDate, is_open_end, parse_date
from timeline.model.entities import NAMED_ATTRIBUTES
from timeline.model.event import Correction, Event, Picture, Related, Source
from timeline.model.event_file import EventFile
from timeline.model.facets import FACETS
from timeline.model.fields import (
    BOOL,
    CHOICE,
    CORRECTION_FIELDS,
    CORRECTIONS,
    DATE,
    EVENT_FIELDS,
    IMAGE,
    IMAGE_FIELDS,
    LIST,
    MAX_LIST_ITEMS,
    MAX_SOURCES,
    RELATED,
    RELATED_FIELDS,
    RELATIONS,
    SOURCE_FIELDS,
    SOURCES,
    TEXT,
    URL,
    FieldSpec,
)
from timeline.model.front_matter import Mapping, Node, Scalar, Sequence
from timeline.model.names import DATE_PREFIX, ID, MAX_ID_LENGTH, date_prefix, slug
from timeline.model.pictures import src_problem
from timeline.model.relations import check_relations, link_problems
from timeline.model.yaml_mistakes import DASH_ITEM, missing_dash_space
from timeline.problems import WARNING, Problem

_SPACE = re.compile(r"\s")  # what str.isspace() calls white space, found without a loop per character
# Invisible characters that can reorder or hide text, and those XML forbids (they would break the feed); the C1
# controls (\x80-\x9f) too, which the loader refuses written as they are, so `new` and import could not write them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
# In a description, tabs and line ends are text; other control characters are never meant.
_BODY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
_EMPTY = object()


class _Reader:
    """Reads one event file's front matter into typed values, recording problems."""

    def __init__(self, event_file: EventFile, draft: bool = False):
        self.file = event_file
        self.draft = draft

    def problem(self, line: int, name: str, message: str, severity: str = "error") -> None:
        """Record a problem against the file."""
        self.file.problem(line, name, message, severity)

    def fields(self, mapping: Mapping, specs: tuple[FieldSpec, ...], where: str, line: int) -> dict:
        """Return {name: value} for the known fields of mapping; report unknown and missing ones."""
        known = {spec.name: spec for spec in specs}
        values = {}
        for key, (key_line, node) in mapping.entries.items():
            # A field named '' (written "'': x") is named by where it is, so no problem reads "LINE: : ...".
            name = f"{where}{key}" if key.strip() else where.rstrip(".") or "front matter"
            spec = known.get(key)
            if spec is None:
                self.problem(key_line, name, unknown_field_message(key, [s.name for s in specs]))
                continue
            value = self.value(spec, node, name)
            if value is not _EMPTY:
                values[key] = value
        for spec in specs:
            if spec.required and spec.name not in values and spec.name in mapping.entries:
                continue  # already reported as empty or wrong
            if spec.required and spec.name not in mapping.entries and not self.may_omit(spec, where):
                self.problem(line, f"{where}{spec.name}", f"is missing: add '{spec.name}: ...' ({spec.doc})")
        return values

    def may_omit(self, spec: FieldSpec, where: str) -> bool:
        """Return whether a required field may be left out: a draft's sources, until it is finished."""
        return self.draft and where == "" and spec.kind == SOURCES

    def value(self, spec: FieldSpec, node: Node, name: str):
        """Return the typed value of one field, or _EMPTY after recording a problem."""
        if spec.kind == SOURCES:
            return self.sources(node, name)
        if spec.kind == CORRECTIONS:
            return self.corrections(node, name)
        if spec.kind == IMAGE:
            return self.picture(node, name)
        if spec.kind == RELATED:
            return self.related(node, name)
        if spec.kind == LIST:
            return self.text_list(spec, node, name)
        if not isinstance(node, Scalar):
            self.problem(
                node.line, name,
                f"expected {_kind_phrase(spec)}, found {_node_kind(node)}; write one value on the same line, "
                f"like '{spec.name}: {spec.example}'",
            )
            return _EMPTY
        text = node.text.strip()
        if not text or (text in ("~", "null") and spec.kind != TEXT):
            if spec.required:
                self.problem(node.line, name, f"is empty: {spec.doc}")
            return _EMPTY
        if spec.kind == DATE:
            if spec.name == "end" and is_open_end(text):
                return ONGOING
            try:
                return parse_date(text)
            except DateError as error:
                self.problem(node.line, name, str(error))
                return _EMPTY
        if spec.kind == BOOL:
            lowered = text.lower()
            if lowered not in ("true", "false"):
                self.problem(node.line, name, f"expected true or false, found {text!r}; write '{spec.name}: true' "
                             f"or '{spec.name}: false'")
                return _EMPTY
            return lowered == "true"
        if spec.kind == CHOICE:
            if text.lower() not in spec.choices:
                self.problem(node.line, name, f"expected one of {', '.join(spec.choices)}, found {text!r}; write "
                             f"'{spec.name}: {spec.example}' or another of them")
                return _EMPTY
            return text.lower()
        return self.text(spec, text, node.line, name)

    def text(self, spec: FieldSpec, text: str, line: int, name: str):
        """Return checked text, or _EMPTY after recording a problem."""
        if _CONTROL.search(text):
            self.problem(line, name, "contains invisible control characters; retype the value")
            return _EMPTY
        if len(text) > spec.max_length:
            self.problem(line, name, f"is {len(text)} characters long; shorten it to {spec.max_length} at most")
            return _EMPTY
        if spec.kind == URL:
            return self.url(text, line, name)
        if spec.kind == TEXT and spec.name in ("title", "location", "display_date", "publisher", "thread"):
            text = " ".join(text.split())
        return text

    def url(self, text: str, line: int, name: str):
        """Return a web address that is safe to link to, or _EMPTY after recording a problem."""
        try:
            parts = urlsplit(text)
        except ValueError:  # a malformed host like "https://[::1/"
            parts = urlsplit("")
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or _SPACE.search(text):
            self.problem(
                line, name,
                f"expected a web address starting with http:// or https://, found {text!r}; "
                "leave the field out when there is no address",
            )
            return _EMPTY
        return text

    def text_list(self, spec: FieldSpec, node: Node, name: str):
        """Return a tuple of distinct texts, or _EMPTY after recording a problem."""
        if isinstance(node, Scalar) and node.text.strip() in ("", "~", "null"):
            return ()  # YAML's ways of writing nothing: an empty list
        if isinstance(node, Scalar) and DASH_ITEM.fullmatch(node.text.strip()):
            # 'tags:' then '  -diplomacy' on the next line: YAML reads the would-be items as the field's text.
            first_item = re.split(r"\s+(?=-)", node.text.strip())[0]
            self.problem(node.line, name, missing_dash_space("  ", first_item))
            return _EMPTY
        if not isinstance(node, Sequence):
            shown = node.text if isinstance(node, Scalar) else ""
            self.problem(
                node.line, name,
                f"expected a list, found {_node_kind(node)}; write one item per line as "
                f"'  - {shown or spec.example}', or [{shown or spec.example}]",
            )
            return _EMPTY
        if len(node.items) > MAX_LIST_ITEMS:
            self.problem(node.line, name, f"has {len(node.items)} items; keep it to {MAX_LIST_ITEMS} at most")
            return _EMPTY
        items: list[str] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(node.items, 1):
            item_name = f"{name}[{index}]"
            if not isinstance(item, Scalar):
                self.problem(item.line, item_name, f"expected text, found {_node_kind(item)}")
                continue
            text = " ".join(item.text.split())
            if not text:
                self.problem(item.line, item_name, "is empty; remove the line or fill it in")
                continue
            checked = self.text(spec, text, item.line, item_name)
            if checked is _EMPTY:
                continue
            key = checked.casefold()
            if key in seen:
                self.problem(item.line, item_name, f"{checked!r} is listed twice (first at line {seen[key]})", WARNING)
                continue
            seen[key] = item.line
            items.append(checked)
        return tuple(items)

    def corrections(self, node: Node, name: str):
        """Return a tuple of Corrections, or _EMPTY after recording a problem."""
        if isinstance(node, Scalar) and node.text.strip() in ("", "~", "null"):
            return ()
        if not isinstance(node, Sequence):
            self.problem(node.line, name, f"expected a list of corrections, found {_node_kind(node)}; write each "
                         "as '  - date: 2024-11-09' followed by a 'note:' line lined up with 'date:'")
            return _EMPTY
        if len(node.items) > MAX_LIST_ITEMS:
            self.problem(node.line, name, f"has {len(node.items)} corrections; keep it to {MAX_LIST_ITEMS} at most")
            return _EMPTY
        return self.records(node.items, name, CORRECTION_FIELDS, Correction, "a correction with date and note fields")

    def picture(self, node: Node, name: str):
        """Return the event's Picture, None for none, or _EMPTY after recording a problem (its file is checked by
        the build)."""
        if isinstance(node, Scalar) and node.text.strip() in ("", "~", "null"):
            return None
        if not isinstance(node, Mapping):
            self.problem(node.line, name, f"expected a picture's fields, found {_node_kind(node)}; write "
                         "'image:' alone on its line, then '  src: media/NAME.jpg', '  alt: ...' and '  credit: ...' "
                         "below it, two spaces in")
            return _EMPTY
        values = self.fields(node, IMAGE_FIELDS, f"{name}.", node.line)
        if not all(spec.name in values for spec in IMAGE_FIELDS if spec.required):
            return _EMPTY
        src_line = node.entries["src"][0]
        problem = src_problem(values["src"])
        if problem:
            self.problem(src_line, f"{name}.src", problem)
            return _EMPTY
        return Picture(**values, line=src_line)

    def related(self, node: Node, name: str):
        """Return a tuple of Related links, or _EMPTY after recording a problem."""
        if isinstance(node, Scalar) and node.text.strip() in ("", "~", "null"):
            return ()
        if not isinstance(node, Sequence):
            self.problem(node.line, name, f"expected a list of related events, found {_node_kind(node)}; write each "
                         "as '  - event: 2024-11-04-putin-meets-choe' followed by a 'relation:' line lined up with "
                         "'event:'")
            return _EMPTY
        if len(node.items) > MAX_LIST_ITEMS:
            self.problem(node.line, name, f"has {len(node.items)} related events; keep it to {MAX_LIST_ITEMS} at most")
            return _EMPTY
        links = self.records(node.items, name, RELATED_FIELDS, Related,
                             f"a related event with event and relation ({', '.join(RELATIONS)}) fields")
        if links is _EMPTY:
            return _EMPTY
        links = tuple(Related(link.event, link.relation, item.entries["event"][0])
                      for link, item in zip(links, node.items, strict=True))
        found = link_problems(links, name, self.file.id)
        for line, where, message in found:
            self.problem(line, where, message)
        return _EMPTY if found else links


    def sources(self, node: Node, name: str):
        """Return a tuple of Sources, or _EMPTY after recording a problem."""
        empty = (isinstance(node, Sequence) and not node.items) or (isinstance(node, Scalar) and not node.text.strip())
        if empty and self.draft:
            return ()
        if not isinstance(node, Sequence) or not node.items:
            found = "an empty list" if isinstance(node, Sequence) else _node_kind(node)
            self.problem(
                node.line, name,
                f"expected a list of sources, found {found}; write each as '  - title: ...' "
                "followed by 'publisher:' and 'published:' lines (see CONTRIBUTING.md)",
            )
            return _EMPTY
        if len(node.items) > MAX_SOURCES:
            self.problem(node.line, name, f"has {len(node.items)} sources; keep it to {MAX_SOURCES} at most")
            return _EMPTY
        return self.records(node.items, name, SOURCE_FIELDS, Source,
                            "a source with title, publisher and published fields")

    def records(self, items: list[Node], name: str, specs: tuple[FieldSpec, ...], make, what: str):
        """Return a tuple of what make() builds from each item's fields (sources, corrections), or _EMPTY after
        recording a problem; what says what an item must be ('a source with title, ... fields')."""
        result = []
        for index, item in enumerate(items, 1):
            where = f"{name}[{index}]"
            if not isinstance(item, Mapping):
                self.problem(item.line, where, f"expected {what}, found {_node_kind(item)}")
                continue
            values = self.fields(item, specs, f"{where}.", item.line)
            if all(spec.name in values for spec in specs if spec.required):
                result.append(make(**values))
        return tuple(result) if len(result) == len(items) else _EMPTY


def _kind_phrase(spec: FieldSpec) -> str:
    """Return what a field's value should look like, in words."""
    return {DATE: "a date", BOOL: "true or false", URL: "a web address",
            CHOICE: f"one of {', '.join(spec.choices)}"}.get(spec.kind, "text")


def _node_kind(node: Node) -> str:
    """Return what a YAML node is, in words."""
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Mapping):
        return "a group of fields"
    return f"the text {node.text!r}" if node.text.strip() else "nothing"


# Names other formats use for our fields; spelling alone would suggest 'date' for 'end_date'.
_OTHER_NAMES = {
    "end_date": "end", "enddate": "end", "until": "end", "start": "date", "start_date": "date", "when": "date",
    "place": "location", "where": "location", "people": "actors", "who": "actors", "categories": "tags",
    "link": "url", "source_url": "url", "archive": "archive_url", "outlet": "publisher",
    "headline": "title", "published_date": "published", "date_published": "published",
}


def unknown_field_message(key: str, names: list[str]) -> str:
    """Return the message for a field name the format does not have, with a suggestion."""
    other = _OTHER_NAMES.get(key.lower().replace("-", "_").replace(" ", "_"))
    close = [other] if other in names else difflib.get_close_matches(key.lower(), names, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown field '{key}': {hint}the fields are {', '.join(names)}"


def validate_file(event_file: EventFile) -> Event | None:
    """Return the Event in a read file, or None; problems go to event_file.problems."""
    if event_file.front_matter is None:
        return None
    fm = event_file.front_matter
    draft_node = fm.entries.get("draft", (0, None))[1]
    reader = _Reader(event_file, draft=isinstance(draft_node, Scalar) and draft_node.text.strip().lower() == "true")
    values = reader.fields(fm, EVENT_FIELDS, "", fm.line)
    if reader.draft and "sources" not in fm.entries:
        values["sources"] = ()  # a draft may leave the field out until it has a source
    check_id(event_file, values.get("date"), values.get("title"), fm)
    if values.get("end") == ONGOING:
        values["ongoing"] = values.pop("end") == ONGOING
    if "date" in values and values["date"].approximate:
        # 2024~ says what approximate: true says, and the event holds it once, in one place
        values["approximate"], values["date"] = True, values["date"].with_qualifiers(values["date"].uncertain, False)
    if "date" in values and "end" in values:
        start, end = values["date"], values["end"]
        end_line = fm.entries["end"][0]
        if end == start:
            event_file.problem(end_line, "end", "is the same as date; remove it", WARNING)
            values.pop("end")
        elif end.end_key() < start.start_key():
            event_file.problem(
                end_line, "end", f"is {end.iso()}, before the date {start.iso()}; the end of a range "
                "must come after its start (swap them?)",
            )
        elif end.start_key() <= start.end_key():
            # 2024-11 to 2024-11-20 would read "November 2024 – 20 November 2024": the end lies inside the date.
            event_file.problem(
                end_line, "end", f"is {end.iso()}, inside the date {start.iso()}; the end must come after the "
                "whole date, so write both at the same precision (like date: 2024-11-04 and end: 2024-11-20)",
            )
    check_corrections(event_file, values, fm)
    check_description(event_file)
    if any(p.severity == "error" for p in event_file.problems):
        return None
    return Event(
        id=event_file.id, path=event_file.relpath, body=event_file.body, body_line=event_file.body_line, **values
    )


def check_corrections(event_file: EventFile, values: dict, fm: Mapping) -> None:
    """Record corrections dated before the event's first source or in the future, and a retraction without one."""
    corrections = values.get("corrections", ())
    if values.get("status") == "retracted" and not corrections and "corrections" not in fm.entries:
        event_file.problem(
            fm.entries["status"][0], "status", "is retracted, but no correction says why: add 'corrections:' with "
            "a '- date:' and a 'note:' saying when and why the reporting was withdrawn")
    if not corrections:
        return
    sequence = fm.entries["corrections"][1]
    first_source = min((source.published for source in values.get("sources", ())), key=EventDate.start_key,
                       default=None)
    today = datetime.date.today()
    for index, (correction, item) in enumerate(zip(corrections, sequence.items, strict=True), 1):
        line = item.entries["date"][0]
        if first_source and correction.date.end_key() < first_source.start_key():
            event_file.problem(
                line, f"corrections[{index}].date", f"is {correction.date.iso()}, before the first source was "
                f"published ({first_source.iso()}); a correction comes after the reporting it corrects")
        elif correction.date.start_key() > (today.year, today.month, today.day):
            event_file.problem(
                line, f"corrections[{index}].date", f"is {correction.date.iso()}, in the future; write the day "
                "the correction was made")


MAX_DESCRIPTION = 32_000
# Python-Markdown's time grows with the square of the '[' in a text (each may open a link); no real
# description needs more (bench/NOTES.md).
MAX_BRACKETS = 500
# Python-Markdown splits its blocks line by line, in time that grows with the square of their number.
MAX_DESCRIPTION_LINES = 1_000
# Lists and quotes inside each other recurse in Python-Markdown; past a few hundred levels it overflows.
MAX_NESTING = 20
_NESTING_MARK = re.compile(r"\s*(?:[>*+-]|\d{1,9}[.)])(?=\s)")


def check_description(event_file: EventFile) -> None:
    """Record problems with the Markdown description that would make it slow or impossible to render."""
    body, first = event_file.body, event_file.body_line
    if len(body) > MAX_DESCRIPTION:
        event_file.problem(first, "description", f"is {len(body):,} characters long; keep it under "
                           f"{MAX_DESCRIPTION:,} (a summary: put long material in a source)")
        return
    lines = body.count("\n") + 1
    if lines > MAX_DESCRIPTION_LINES:
        event_file.problem(first, "description", f"has {lines:,} lines; keep it under {MAX_DESCRIPTION_LINES:,} "
                           "(a summary: put long material in a source)")
        return
    brackets = body.count("[")
    if brackets > MAX_BRACKETS:
        event_file.problem(first, "description", f"has {brackets:,} '[' characters; keep it under {MAX_BRACKETS} "
                           "(Markdown reads each as a possible link, and that many would stall the build)")
    invisible = _BODY_CONTROL.search(body)
    if invisible:
        event_file.problem(first + body.count("\n", 0, invisible.start()), "description",
                           f"contains an invisible control character (U+{ord(invisible[0]):04X}) on this line; "
                           "delete it (it often comes with text pasted from a PDF or a word processor)")
    for number, line in enumerate(body.split("\n"), first):
        depth, position = 0, 0
        while (match := _NESTING_MARK.match(line, position)) and depth <= MAX_NESTING:
            depth, position = depth + 1, match.end()
        if depth > MAX_NESTING:
            event_file.problem(number, "description", f"nests more than {MAX_NESTING} lists or quotes inside each "
                               "other on this line; flatten it")
            return


def check_id(event_file: EventFile, date: EventDate | None, title: str | None, fm: Mapping) -> None:
    """Record problems with the file name: its form, its length and its agreement with date."""
    stem = event_file.id
    if len(stem) > MAX_ID_LENGTH:
        event_file.problem(
            1, "file", f"name is {len(stem)} characters long; shorten it to {MAX_ID_LENGTH} at most, "
            f"like {_suggested_name(date, title or stem)}"
        )
        return
    match = ID.fullmatch(stem)
    if not match or re.fullmatch(DATE_PREFIX, stem):
        event_file.problem(
            1, "file", "name must be the event's date then a short slug in lowercase letters, digits and dashes, "
            f"like {_suggested_name(date, title or stem)}",
        )
        return
    if date and match["prefix"] != date_prefix(date):
        date_line = fm.entries["date"][0]
        event_file.problem(
            date_line, "date",
            f"is {date.iso()} but the file name starts with {match['prefix']}; fix the date or rename the file to "
            f"{date_prefix(date)}-{match['slug']}.md (renamed in git, it keeps its history, and its old address "
            "sends readers on)",
        )


def _suggested_name(date: EventDate | None, text: str) -> str:
    """Return a file name to suggest for an event: its date prefix and a slug of text."""
    return f"{date_prefix(date) if date else 'YYYY-MM-DD'}-{slug(text)}.md"


def check_across_files(events: list[Event], files: list[EventFile]) -> list[Problem]:
    """Return the problems that only show when files are compared: ids and names that collide, events that
    look like one event written twice, and links to events that do not exist or that go round in a circle."""
    problems = check_relations(events, {event_file.id for event_file in files})
    first_of_event: dict[tuple, str] = {}
    for event in events:
        key = (event.date, " ".join(event.title.casefold().split()))
        first = first_of_event.setdefault(key, event.path)
        if first != event.path:
            problems.append(Problem(
                event.path, _line_of(files, event.path, "title"), "title",
                f"{first} has the same date and title; if it is the same event, keep one file and give it "
                "both files' sources", WARNING,
            ))
    by_key: dict[str, str] = {}
    for event_file in files:
        key = unicodedata.normalize("NFKC", event_file.id).casefold()
        first = by_key.setdefault(key, event_file.relpath)
        if first != event_file.relpath:
            problems.append(Problem(
                event_file.relpath, 1, "file",
                f"name collides with {first} when case and accents are ignored (a web address cannot tell "
                "them apart on every system); rename one of them",
            ))
    for facet in FACETS:
        attribute = facet.attribute
        first_use: dict[str, str] = {}  # each spelling -> the first file using it; slugs compared per spelling
        for event in events:  # facet.values() inlined: this runs on every edit in the preview, over every event
            values = getattr(event, attribute)
            for value in (values,) if isinstance(values, str) else values:
                if value:
                    first_use.setdefault(value, event.path)
        spelling_of_slug: dict[str, str] = {}
        clashing = {}
        for value in first_use:
            first = spelling_of_slug.setdefault(slug(value), value)
            if first != value:
                clashing[value] = first
        for event in events if clashing else ():
            for value in facet.values(event):
                if value in clashing:
                    first = clashing[value]
                    # the warning about the same spellings (entities.py) has the exact lines, entity or not
                    join = f", or join them in {ENTITIES_FILE}: the warning about them says how" \
                        if attribute in NAMED_ATTRIBUTES else ""
                    problems.append(Problem(
                        event.path, _line_of(files, event.path, facet.attribute), facet.attribute,
                        f"{facet.kind} {value!r} and {first!r} (in {first_use[first]}) would share one page; "
                        f"spell them the same way{join}",
                    ))
    return problems


def _line_of(files: list[EventFile], path: str, field_name: str) -> int:
    """Return the line of a field in the file at path (1 when unknown)."""
    for event_file in files:
        if event_file.relpath == path and event_file.front_matter:
            return event_file.front_matter.entries.get(field_name, (1,))[0]
    return 1
