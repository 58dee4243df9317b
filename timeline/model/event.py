"""The event model and the table of front-matter fields, each declared once with its doc."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from timeline.model.dates import EventDate, format_range

TEXT, DATE, BOOL, LIST, SOURCES, URL = "text", "date", "true/false", "list", "sources", "url"


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter field: its name, kind, whether it is required, and its doc."""

    name: str
    kind: str
    required: bool
    doc: str
    example: str
    max_length: int = 300


EVENT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", TEXT, True, "What happened, in one line: who did what.",
              "Putin meets North Korea's foreign minister Choe Son Hui in the Kremlin", 200),
    FieldSpec("date", DATE, True,
              "When it happened: 2024-11-04, 2024-11 or 2024, or in words (4 November 2024, November 2024); "
              "BC years as -0500 or 500 BC. Only as precise as the sources are.", "2024-11-04"),
    FieldSpec("end", DATE, False, "The last day of an event that lasted several days; same forms as date, not before it.",
              "2024-11-06"),
    FieldSpec("approximate", BOOL, False, "true when the date is an estimate; it is shown as 'c.'.", "false"),
    FieldSpec("display_date", TEXT, False, "Free text that replaces how the date reads on the page (the date still orders the event).",
              "early November 2024", 100),
    FieldSpec("actors", LIST, False, "The people and organisations who acted, one per line.", "Vladimir Putin", 200),
    FieldSpec("location", TEXT, False, "Where it happened, from the most to the least specific place.",
              "Kremlin, Moscow, Russia", 200),
    FieldSpec("tags", LIST, False, "Topics to group events by, one per line.", "diplomacy", 60),
    FieldSpec("sources", SOURCES, True, "The reporting the event rests on: at least one source (a draft may have none yet).", ""),
    FieldSpec("draft", BOOL, False, "true keeps the event out of the built site until someone finishes it.", "false"),
)

SOURCE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", TEXT, True, "The headline of the article or the name of the document.",
              "'Threat to US security,' NATO chief's warning on Russia-North Korea ties", 300),
    FieldSpec("publisher", TEXT, True, "Who published it.", "WION", 200),
    FieldSpec("published", DATE, True, "When it was published (same forms as date).", "2024-11-07"),
    FieldSpec("url", URL, False, "Where to read it: an http:// or https:// address. Leave it out when you do not know it.",
              "https://www.example.com/story", 2000),
    FieldSpec("quote", TEXT, False, "A short quote from the source that supports the event.",
              "Putin noted that they were meeting on Russia's National Unity Day", 1000),
    FieldSpec("archive_url", URL, False, "A copy in a web archive, in case the original goes away.",
              "https://web.archive.org/web/2024/https://www.example.com/story", 2000),
)

MAX_LIST_ITEMS = 50
MAX_SOURCES = 30


@dataclass(frozen=True)
class Source:
    """A piece of reporting an event rests on."""

    title: str
    publisher: str
    published: EventDate
    url: str = ""
    quote: str = ""
    archive_url: str = ""


@dataclass(frozen=True)
class Event:
    """One dated event, validated."""

    id: str
    path: str
    title: str
    date: EventDate
    sources: tuple[Source, ...]
    end: EventDate | None = None
    approximate: bool = False
    display_date: str = ""
    actors: tuple[str, ...] = ()
    location: str = ""
    tags: tuple[str, ...] = ()
    draft: bool = False
    body: str = ""
    body_line: int = 1

    @property
    def date_text(self) -> str:
        """Return how the date reads on the page."""
        return self.display_date or format_range(self.date, self.end, self.approximate)

    def sort_key(self) -> tuple:
        """Return the key that orders events in time, ties broken by id."""
        # Without an end, the date itself: (0, 0, 0) would sort BC events without an end after those with one.
        end = self.end or self.date
        return (self.date.sort_key(), end.sort_key(), self.id)


def description_text(body: str) -> str:
    """Return a description as events.json holds it and import writes it: without the blank lines around it.

    Only blank lines go: a first line's indent (a code block) and a last line's trailing spaces are Markdown
    the page renders, so the description imported from events.json renders as the file's own did.
    """
    return re.sub(r"\A(?:[ \t]*\n)+|(?:\n[ \t]*)+\Z", "", body) if body.strip(" \t\n") else ""


def event_data(event: Event) -> dict:
    """Return an event as JSON data (dates as [year, month, day]), leaving out its body, which its file holds."""
    data = {name: getattr(event, name) for name in _EVENT_DATA_FIELDS}
    data["date"] = _date_data(event.date)
    data["end"] = _date_data(event.end) if event.end is not None else None
    data["sources"] = [{**{name: getattr(source, name) for name in _SOURCE_DATA_FIELDS},
                        "published": _date_data(source.published)} for source in event.sources]
    data["actors"], data["tags"] = list(event.actors), list(event.tags)
    return data


def _date_data(date: EventDate) -> list:
    """Return a date as [year, month, day]."""
    return [date.year, date.month, date.day]


_EVENT_DATA_FIELDS = tuple(spec.name for spec in fields(Event) if spec.name != "body")
_SOURCE_DATA_FIELDS = tuple(spec.name for spec in fields(Source))


def event_from_data(data: dict, body: str) -> Event:
    """Return the event that event_data() turned into data."""
    values = dict(data)
    values["date"] = EventDate(*data["date"])
    values["end"] = EventDate(*data["end"]) if data["end"] is not None else None
    values["sources"] = tuple(Source(**{**source, "published": EventDate(*source["published"])})
                              for source in data["sources"])
    values["actors"], values["tags"] = tuple(data["actors"]), tuple(data["tags"])
    return Event(body=body, **values)
