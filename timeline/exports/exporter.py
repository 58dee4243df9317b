"""Exports written by every build: events.json and its schema, Atom, iCalendar, TimelineJS JSON and CSV.

Each format is built from per-event pieces cached by event, so the preview can
rewrite every export after an edit by joining pieces instead of redoing them all.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import uuid
from collections.abc import Callable, Iterable

from timeline.model.config import Config
from timeline.model.dates import DAY, MONTH, EventDate
from timeline.model.event import (BOOL, DATE, EVENT_FIELDS, LIST, SOURCE_FIELDS, SOURCES, URL, Event, FieldSpec,
                                  description_text)

FEED_ENTRIES = 50
CSV_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background",
)
EXPORT_FILES = ("events.json", "schema/event.json", "schema/events.json", "timelinejs.json", "events.csv",
                "events.ics", "feed.xml")


# --- the JSON Schema, from the field table ------------------------------------------------------

_DATE_PATTERN = r"^\S.*$"


def _property(spec: FieldSpec) -> dict:
    """Return the JSON Schema of one field."""
    schema: dict = {"description": spec.doc}
    if spec.kind == BOOL:
        schema["type"] = "boolean"
    elif spec.kind == LIST:
        schema.update(type="array", items={"type": "string", "minLength": 1, "maxLength": spec.max_length},
                      uniqueItems=True)
    elif spec.kind == SOURCES:
        schema.update(type="array", minItems=1, items=_object_schema(SOURCE_FIELDS))
    elif spec.kind == DATE:
        schema.update(type="string", minLength=1,
                      examples=["2024-11-04", "2024-11", "2024", "-0500", "4 November 2024", "500 BC"])
    elif spec.kind == URL:
        schema.update(type="string", format="uri", pattern="^https?://", maxLength=spec.max_length)
    else:
        schema.update(type="string", minLength=1, maxLength=spec.max_length)
    return schema


def _object_schema(specs: tuple[FieldSpec, ...], extra: dict | None = None) -> dict:
    """Return the JSON Schema of an object with the given fields."""
    properties = {spec.name: _property(spec) for spec in specs}
    properties.update(extra or {})
    return {
        "type": "object",
        "properties": properties,
        "required": [spec.name for spec in specs if spec.required],
        "additionalProperties": False,
    }


def event_schema() -> dict:
    """Return the JSON Schema of an event file's front matter, made from the validator's field table."""
    schema = _object_schema(EVENT_FIELDS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "event.json",
        "title": "Timeline event (the front matter of a file in events/)",
        "description": "Dates keep their precision: a day (2024-11-04), a month (2024-11) or a year (2024); "
                       "negative years are BC (-0500 is 500 BC). A draft may leave out its sources.",
        **schema,
    }


_EXPORT_ONLY = {
    "id": {"type": "string", "description": "The event's permanent id: its file name without .md.",
           "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    "precision": {"enum": ["day", "month", "year"], "description": "How precisely the date is known."},
    "url": {"type": "string", "description": "The event's page on the site."},
    "description": {"type": "string", "description": "The event's description, in Markdown."},
}


def events_schema() -> dict:
    """Return the JSON Schema of events.json."""
    item = _object_schema(EVENT_FIELDS, _EXPORT_ONLY)
    item["required"] = ["id", "precision", "url", "description", *item["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "events.json",
        "title": "Every event of a timeline, with every field",
        "type": "object",
        "required": ["title", "events"],
        "additionalProperties": False,
        "properties": {
            "title": {"type": "string"},
            "description": {"type": "string"},
            "url": {"type": "string"},
            "events": {"type": "array", "items": item},
        },
    }


# --- per-event pieces ---------------------------------------------------------------------------

def event_record(event: Event, page_url: str) -> dict:
    """Return an event with every field, as events.json holds it (dates as text at their precision)."""
    record: dict = {"id": event.id, "title": event.title, "date": event.date.iso(), "precision": event.date.precision}
    if event.end:
        record["end"] = event.end.iso()
    if event.approximate:
        record["approximate"] = True
    if event.display_date:
        record["display_date"] = event.display_date
    for name in ("actors", "tags"):
        if getattr(event, name):
            record[name] = list(getattr(event, name))
    if event.location:
        record["location"] = event.location
    record["sources"] = [
        {key: value for key, value in (
            ("title", source.title), ("publisher", source.publisher), ("published", source.published.iso()),
            ("url", source.url), ("quote", source.quote), ("archive_url", source.archive_url),
        ) if value}
        for source in event.sources
    ]
    record["url"] = page_url
    record["description"] = description_text(event.body)
    return record


def _date_parts(date: EventDate) -> dict:
    """Return a date as TimelineJS's {year, month, day}, only as precise as the date."""
    parts = {"year": date.year}
    if date.month is not None:
        parts["month"] = date.month
    if date.day is not None:
        parts["day"] = date.day
    return parts


def _html_text(text: str) -> str:
    """Return plain text escaped for a field TimelineJS shows as HTML: headline, text, display date, group."""
    # TimelineJS sets these fields as elements' innerHTML, so a title's <img onerror=...> would run; & < > are
    # all it takes there, and quotes stay readable where TimelineJS also copies a headline into an aria-label.
    return html.escape(text, quote=False)


def timelinejs_event(event: Event, description_html: str) -> dict:
    """Return an event as a TimelineJS3 slide (plain text escaped, the sanitised description as it is)."""
    slide: dict = {"start_date": _date_parts(event.date)}
    if event.end:
        slide["end_date"] = _date_parts(event.end)
    slide["text"] = {"headline": _html_text(event.title), "text": description_html}
    if event.tags:
        slide["group"] = _html_text(event.tags[0])
    if event.display_date or event.approximate:
        slide["display_date"] = _html_text(event.date_text)
    slide["unique_id"] = event.id
    return slide


# Spreadsheets run a cell that starts with one of these as a formula (OWASP's list for CSV injection).
# A cell that starts with ' gets one more, so that removing the first ' of a guarded cell (what a
# spreadsheet shows, and what our import does) always gives the text back.
SPREADSHEET_GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")


def _spreadsheet_text(text: str) -> str:
    """Return a text cell that spreadsheets show as text: a ' put before what would start a formula."""
    return "'" + text if text.startswith(SPREADSHEET_GUARDED) else text


def csv_row(event: Event, description_html: str) -> list[str]:
    """Return an event as a row of TimelineJS's spreadsheet (text cells are HTML, as in a slide)."""
    start, end = event.date, event.end
    # Contributors write the text cells, and '=HYPERLINK(...)' would run when events.csv is opened; the
    # number cells stay as they are, so a BC year is still the number -500.
    display_date, headline, text, group = (_spreadsheet_text(cell) for cell in (
        _html_text(event.display_date or (event.date_text if event.approximate else "")),
        _html_text(event.title), description_html, _html_text(event.tags[0] if event.tags else ""),
    ))
    return [
        str(start.year), str(start.month or ""), str(start.day or ""), "",
        str(end.year) if end else "", str(end.month or "") if end else "", str(end.day or "") if end else "", "",
        display_date, headline, text, "", "", "", "", "", group, "",
    ]


def _next_day(date: datetime.date) -> datetime.date:
    """Return the day after date."""
    return date + datetime.timedelta(days=1)


def ics_span(event: Event) -> tuple[datetime.date, datetime.date] | None:
    """Return the all-day span (start, exclusive end) of an event, or None for dates iCalendar cannot hold."""
    last = event.end or event.date
    if event.date.year < 1 or last.year < 1:
        return None
    start = datetime.date(*event.date.start_key())
    end = datetime.date(*last.end_key())
    # An event lasting to 31 December 9999 (9999, 9999-12) would end, exclusively, on 1 January 10000: a year
    # that iCalendar's four digits cannot write (nor Python's dates hold), so it is left out as BC dates are.
    if end == datetime.date.max:
        return None
    return start, _next_day(end)


def _ics_text(text: str) -> str:
    """Return text escaped for an iCalendar property value."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Return a content line folded at 75 octets, as RFC 5545 asks."""
    data = line.encode()
    if len(data) <= 75:
        return line + "\r\n"
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts) + "\r\n"


def _stamp(event: Event) -> str:
    """Return a fixed timestamp for an event: the day of its latest source (builds stay byte-identical)."""
    latest = max((s.published for s in event.sources), key=EventDate.end_key, default=event.date)
    year, month, day = latest.end_key()
    return f"{max(year, 1):04d}{month:02d}{day:02d}T000000Z"


def ics_event(event: Event, page_url: str, uid_domain: str) -> str:
    """Return an event as an all-day VEVENT ('' for BC events and those lasting to the end of 9999)."""
    span = ics_span(event)
    if span is None:
        return ""
    precision_note = {DAY: "", MONTH: f"Date known to the month: {event.date_text}. ",
                      "year": f"Date known to the year: {event.date_text}. "}[event.date.precision]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.id}@{uid_domain}",
        f"DTSTAMP:{_stamp(event)}",
        f"DTSTART;VALUE=DATE:{span[0]:%Y%m%d}",
        f"DTEND;VALUE=DATE:{span[1]:%Y%m%d}",
        f"SUMMARY:{_ics_text(event.title)}",
        f"DESCRIPTION:{_ics_text(precision_note + 'Sources: ' + '; '.join(s.publisher for s in event.sources))}",
    ]
    if page_url.startswith(("http://", "https://")):  # iCalendar's URL is a full address; without url = ... none
        lines.append(f"URL:{page_url}")
    if event.location:
        lines.append(f"LOCATION:{_ics_text(event.location)}")
    if event.tags:
        lines.append(f"CATEGORIES:{','.join(_ics_text(tag) for tag in event.tags)}")
    lines.append("END:VEVENT")
    return "".join(_fold(line) for line in lines)


def _rfc3339(date: EventDate) -> str:
    """Return the first day of a date as an RFC 3339 timestamp (years before AD 1 as 0001)."""
    year, month, day = date.start_key()
    return f"{max(year, 1):04d}-{month:02d}-{day:02d}T00:00:00Z"


def atom_entry(event: Event, page_url: str, description_html: str) -> str:
    """Return an event as an Atom entry: its date at its precision leads the summary."""
    entry_id = page_url if page_url.startswith("http") else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, event.id)}"
    latest = max((s.published for s in event.sources), key=EventDate.end_key, default=event.date)
    categories = "".join(f'    <category term="{xml_attribute(tag)}"/>\n' for tag in event.tags)
    return (
        "  <entry>\n"
        f"    <id>{xml_text(entry_id)}</id>\n"
        f"    <title>{xml_text(event.title)}</title>\n"
        f'    <link rel="alternate" type="text/html" href="{xml_attribute(page_url)}"/>\n'
        f"    <published>{_rfc3339(event.date)}</published>\n"
        f"    <updated>{_rfc3339(latest)}</updated>\n"
        f"    <summary>{xml_text(event.date_text)}: {xml_text(event.title)}</summary>\n"
        f'    <content type="html">{xml_text(description_html)}</content>\n'
        f"{categories}"
        "  </entry>\n"
    )


# --- whole files --------------------------------------------------------------------------------

def _concatenated(head: list[str], pieces: Iterable[str], tail: list[str]) -> bytes:
    """Return the UTF-8 bytes of head, pieces and tail in a row, encoding one piece at a time.

    An export of 100,000 events runs to a hundred megabytes; joining it as text and then
    encoding would hold it three or four times over, this holds it about once.
    """
    buffer = io.BytesIO()
    for text in head:
        buffer.write(text.encode())
    for text in pieces:
        buffer.write(text.encode())
    for text in tail:
        buffer.write(text.encode())
    return buffer.getvalue()


def _json_list(head: str, items: Iterable[str], tail: str) -> bytes:
    """Return a JSON document whose items (indented JSON texts) sit between head and tail, comma-separated."""
    def separated():
        first = True
        for item in items:
            yield item if first else ",\n" + item
            first = False
        if not first:
            yield "\n"
    return _concatenated([head], separated(), [tail])


class Exporter:
    """Writes the export files of a site, caching each event's pieces until the event changes."""

    def __init__(self, config: Config, page_url: Callable[[Event], str], description_html: Callable[[Event], str]):
        self.config = config
        self.page_url = page_url
        self.description_html = description_html
        self._pieces: dict[str, tuple[Event, dict]] = {}
        # A one-off build uses each piece once; the preview keeps them for its next update.
        self.keep_pieces = True

    def _piece(self, event: Event, kind: str, make: Callable[[], object]):
        """Return one piece of an event's exports, cached while keep_pieces is set."""
        if not self.keep_pieces:
            return make()
        cached = self._pieces.get(event.id)
        if cached is None or (cached[0] is not event and cached[0] != event):
            cached = (event, {})
            self._pieces[event.id] = cached
        if kind not in cached[1]:
            cached[1][kind] = make()
        return cached[1][kind]

    def kept_pieces(self) -> dict[str, dict]:
        """Return the pieces kept so far by event id: what a forked process sends back to the preview's."""
        return {event_id: pieces for event_id, (_, pieces) in self._pieces.items()}

    def adopt_pieces(self, pieces_by_id: dict[str, dict], events: list[Event]) -> None:
        """Keep the pieces another process made of these very events (a fork of this one)."""
        if not self.keep_pieces:
            return
        for event in events:
            pieces = pieces_by_id.get(event.id)
            if pieces is not None:
                self._pieces[event.id] = (event, pieces)

    def forget(self, live_ids: set[str]) -> None:
        """Drop the pieces of events that are gone."""
        for stale in [key for key in self._pieces if key not in live_ids]:
            del self._pieces[stale]

    def files(self, chronological: list[Event]) -> dict[str, Callable[[], bytes]]:
        """Return {site path: function making its bytes} for every export."""
        return {
            "events.json": lambda: self.events_json(chronological),
            "schema/event.json": lambda: _json_bytes(event_schema()),
            "schema/events.json": lambda: _json_bytes(events_schema()),
            "timelinejs.json": lambda: self.timelinejs_json(chronological),
            "events.csv": lambda: self.events_csv(chronological),
            "events.ics": lambda: self.events_ics(chronological),
            "feed.xml": lambda: self.feed_xml(chronological),
        }

    def _html(self, event: Event) -> str:
        """Return an event's sanitised description HTML, cached."""
        return self._piece(event, "html", lambda: str(self.description_html(event)))

    def _record(self, event: Event) -> str:
        """Return an event's entry in events.json, cached."""
        return self._piece(event, "json", lambda: _indented(event_record(event, self.page_url(event))))

    def _slide(self, event: Event) -> str:
        """Return an event's slide in timelinejs.json, cached."""
        return self._piece(event, "tljs", lambda: _indented(timelinejs_event(event, self._html(event))))

    def _row(self, event: Event) -> str:
        """Return an event's line of events.csv, cached."""
        return self._piece(event, "csv", lambda: _csv_line(csv_row(event, self._html(event))))

    def _vevent(self, event: Event) -> str:
        """Return an event's VEVENT in events.ics, cached."""
        return self._piece(event, "ics", lambda: ics_event(event, self.page_url(event), self._domain()))

    def _domain(self) -> str:
        """Return the domain that makes the calendar's UIDs unique."""
        return self.config.domain or _host(self.config.url) or "timeline.invalid"

    def events_json(self, events: list[Event]) -> bytes:
        """Return events.json."""
        head = {"title": self.config.title, "description": self.config.description, "url": self.config.url}
        text = json.dumps(head, ensure_ascii=False, indent=2)[:-2]
        return _json_list(text + ',\n  "events": [\n', (self._record(e) for e in events), "  ]\n}\n")

    def timelinejs_json(self, events: list[Event]) -> bytes:
        """Return timelinejs.json in TimelineJS3's format."""
        title = {"text": {"headline": _html_text(self.config.title), "text": _html_text(self.config.description)}}
        head = json.dumps({"title": title}, ensure_ascii=False, indent=2)[:-2]
        return _json_list(head + ',\n  "events": [\n', (self._slide(e) for e in events), "  ]\n}\n")

    def events_csv(self, events: list[Event]) -> bytes:
        """Return events.csv with TimelineJS's spreadsheet columns."""
        return _concatenated([_csv_line(list(CSV_COLUMNS))], (self._row(e) for e in events), [])

    def events_ics(self, events: list[Event]) -> bytes:
        """Return events.ics: one all-day VEVENT per event from AD 1 to 30 December 9999."""
        head = [_fold(line) for line in (
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline//events//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", f"X-WR-CALNAME:{_ics_text(self.config.title)}",
        )]
        return _concatenated(head, (self._vevent(e) for e in events), ["END:VCALENDAR\r\n"])

    def feed_xml(self, events: list[Event]) -> bytes:
        """Return the Atom feed of the latest events, newest first."""
        latest = events[::-1][:FEED_ENTRIES]
        entries = "".join(self._piece(e, "atom", lambda e=e: atom_entry(e, self.page_url(e), self._html(e)))
                          for e in latest)
        site = self.config.url or self.config.base_path
        feed_id = self.config.url or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, self.config.title)}"
        updated = max((_rfc3339(max((s.published for s in e.sources), key=EventDate.end_key, default=e.date))
                       for e in latest), default="1970-01-01T00:00:00Z")
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">\n'
            f"  <id>{xml_text(feed_id)}</id>\n"
            f"  <title>{xml_text(self.config.title)}</title>\n"
            f"  <subtitle>{xml_text(self.config.description)}</subtitle>\n"
            f'  <link rel="alternate" type="text/html" href="{xml_text(site)}"/>\n'
            f'  <link rel="self" type="application/atom+xml" href="{xml_text(site)}feed.xml"/>\n'
            f"  <updated>{updated}</updated>\n"
            "  <generator>timeline</generator>\n"
            f"{entries}"
            "</feed>\n"
        ).encode()


def _indented(value) -> str:
    """Return value as JSON text indented to sit in a top-level list, non-ASCII kept as is."""
    return "    " + json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")


def _json_bytes(value) -> bytes:
    """Return value as a JSON file's bytes."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode()


def _csv_line(values: list[str]) -> str:
    """Return one CSV line (RFC 4180: CRLF line ends, quotes where needed)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def xml_text(text: str) -> str:
    """Return text escaped for XML character data (&, < and >; xml.sax.saxutils would import urllib.request)."""
    return html.escape(text, quote=False)


def xml_attribute(text: str) -> str:
    """Return text escaped for a double-quoted XML attribute."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def _host(url: str) -> str:
    """Return the host name of an address, or ''."""
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""
