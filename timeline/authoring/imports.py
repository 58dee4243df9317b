"""import: TimelineJS JSON, TimelineJS spreadsheet CSV, or our own events.json into files in events/."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from timeline.authoring.new_event import FileExists, NewEvent, write_new_event
from timeline.model.dates import DateError, EventDate, is_open_end, make_date, parse_date
from timeline.model.fields import DEFAULT_STATUS, EVENT_FIELDS, IMAGE_FIELDS, STATUSES
from timeline.problems import not_a_file

FORMATS = ("timelinejs-json", "timelinejs-csv", "json")
TITLE_LIMIT = next(spec.max_length for spec in EVENT_FIELDS if spec.name == "title")
NO_SOURCE_NOTE = ("Imported from TimelineJS, which keeps no sources: add the reporting this event rests on "
                  "(sources:), then set draft: false.")


class ImportError_(Exception):
    """A file that cannot be imported at all; the message is the one line the user sees."""


@dataclass
class ImportReport:
    """What an import wrote and what it skipped, with why."""

    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


class _MarkdownFromHTML(HTMLParser):
    """Turns the small HTML of TimelineJS text fields into Markdown text, dropping anything else."""

    def __init__(self):
        """Start with no Markdown written and no link open."""
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        """Open the Markdown of a tag."""
        if tag in ("p", "div", "li", "h1", "h2", "h3", "h4"):
            self.parts.append("\n\n" + ("- " if tag == "li" else ""))
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("em", "i"):
            self.parts.append("*")
        elif tag in ("strong", "b"):
            self.parts.append("**")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href if re.match(r"https?://", href) else "")
            self.parts.append("[" if self.links[-1] else "")

    def handle_endtag(self, tag):
        """Close the Markdown of a tag."""
        if tag in ("em", "i"):
            self.parts.append("*")
        elif tag in ("strong", "b"):
            self.parts.append("**")
        elif tag == "a" and self.links:
            href = self.links.pop()
            self.parts.append(f"]({href})" if href else "")

    def handle_data(self, data):
        """Keep text, with Markdown's own characters escaped."""
        self.parts.append(re.sub(r"([\\`*_\[\]<>#])", r"\\\1", data))


def markdown_from_html(html: str) -> str:
    """Return Markdown for a TimelineJS text field's HTML (links, emphasis and paragraphs kept)."""
    parser = _MarkdownFromHTML()
    parser.feed(html or "")
    parser.close()
    text = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def plain_text(html: str) -> str:
    """Return the text of a little HTML, tags dropped."""
    parser = HTMLParser(convert_charrefs=True)
    parts: list[str] = []
    parser.handle_data = parts.append
    parser.feed(html or "")
    parser.close()
    return " ".join("".join(parts).split())


def _number(value, what: str) -> int | None:
    """Return a TimelineJS number that may arrive as text ('2024', ' 11 ', 4), or None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise DateError(f"{what} {value!r} is not a number") from None


def timelinejs_date(parts: dict | None) -> EventDate | None:
    """Return a TimelineJS {year, month, day} as an EventDate at its precision (negative years BC)."""
    if not parts:
        return None
    year = _number(parts.get("year"), "year")
    if year is None:
        return None
    month = _number(parts.get("month"), "month")
    day = _number(parts.get("day"), "day") if month is not None else None
    shown = "/".join(str(n) for n in (year, month, day) if n is not None)
    return make_date(year, month, day, text=shown)


def _title(headline: str, fallback: str) -> tuple[str, list[str]]:
    """Return a title within the length limit, and a note when it had to be cut."""
    title = plain_text(headline) or fallback
    if len(title) <= TITLE_LIMIT:
        return title, []
    cut = title[: TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return cut, [f"The headline was cut to fit; it read: {title}"]


def events_from_timelinejs(data: dict) -> tuple[list[NewEvent], list[str]]:
    """Return new events (drafts: TimelineJS keeps no sources) for a TimelineJS3 JSON file, and what was skipped."""
    new_events, skipped = [], []
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, list):
        raise ImportError_("this is not a TimelineJS file: it has no \"events\" list")
    for number, slide in enumerate(events, 1):
        label = f"event {number}"
        try:
            if not isinstance(slide, dict):
                raise DateError("it is not an object")
            start = timelinejs_date(slide.get("start_date"))
            if start is None:
                raise DateError("it has no start_date year")
            end = timelinejs_date(slide.get("end_date"))
        except DateError as error:
            skipped.append(f"{label}: {error}")
            continue
        text = slide.get("text") or {}
        title, notes = _title(text.get("headline", ""), f"Untitled event {number}")
        group = plain_text(slide.get("group") or "")
        new_events.append(NewEvent(
            title=title, date=start, end=end if end and end != start else None,
            tags=[group] if group else [], body=markdown_from_html(text.get("text", "")),
            display_date=plain_text(slide.get("display_date") or ""), draft=True,
            notes=notes + [NO_SOURCE_NOTE], name_hint=str(slide.get("unique_id") or ""),
            status=status if (status := str(slide.get("status") or "").strip().lower()) in STATUSES else DEFAULT_STATUS,
        ))
    return new_events, skipped


def _unguarded(cell: str | None) -> str:
    """Return a spreadsheet text cell without the ' our export puts before what would start a formula."""
    from timeline.exports.timelinejs import SPREADSHEET_GUARDED

    cell = cell or ""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(SPREADSHEET_GUARDED) else cell


def events_from_timelinejs_csv(text: str) -> tuple[list[NewEvent], list[str]]:
    """Return new events (drafts) for the rows of a TimelineJS Google-Sheets CSV export, and what was skipped."""
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or "Year" not in rows[0] or "Headline" not in rows[0]:
        raise ImportError_("this is not a TimelineJS spreadsheet: it has no Year and Headline columns")
    data = {"events": []}
    skipped = []
    for number, row in enumerate(rows, 2):  # line 1 is the header
        kind = (row.get("Type") or "").strip().lower()
        if kind in ("title", "era"):
            skipped.append(f"line {number}: a {kind} slide, not an event")
            continue
        data["events"].append({
            "start_date": {"year": row.get("Year"), "month": row.get("Month"), "day": row.get("Day")},
            "end_date": {"year": row.get("End Year"), "month": row.get("End Month"), "day": row.get("End Day")},
            "text": {"headline": _unguarded(row.get("Headline")), "text": _unguarded(row.get("Text"))},
            "group": _unguarded(row.get("Group")), "display_date": _unguarded(row.get("Display Date")),
            "status": row.get("Status"), "csv_line": number,  # our events.csv adds Status to TimelineJS's columns
        })
    new_events, more = events_from_timelinejs(data)
    lines = [event["csv_line"] for event in data["events"]]
    skipped += [re.sub(r"^event (\d+)", lambda m: f"line {lines[int(m.group(1)) - 1]}", item) for item in more]
    return new_events, skipped


def events_from_our_json(data: dict) -> tuple[list[NewEvent], list[str]]:
    """Return new events for the events of one of our events.json files (published events stay published)."""
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, list):
        raise ImportError_("this is not a timeline events.json: it has no \"events\" list")
    new_events, skipped = [], []
    for number, record in enumerate(events, 1):
        label = f"event {number} ({record.get('id', 'no id')})" if isinstance(record, dict) else f"event {number}"
        try:
            date = parse_date(record["date"])
            ongoing = is_open_end(record.get("end") or "")
            end = parse_date(record["end"]) if record.get("end") and not ongoing else None
            sources = [{key: str(value) for key, value in source.items()} for source in record.get("sources", [])]
            new_events.append(NewEvent(
                title=record["title"], date=date, end=end, ongoing=ongoing,
                approximate=bool(record.get("approximate")),
                display_date=record.get("display_date", ""), actors=list(record.get("actors", [])),
                location=record.get("location", ""), tags=list(record.get("tags", [])), sources=sources,
                body=record.get("description", ""), draft=not sources, name=record.get("id", ""),
                status=str(record.get("status") or DEFAULT_STATUS),
                corrections=[{"date": str(c["date"]), "note": str(c["note"])} for c in record.get("corrections", [])],
                related=[{"event": str(link["event"]), "relation": str(link["relation"])}
                         for link in record.get("related", [])],
                thread=str(record.get("thread") or ""), image=_image(record.get("image")),
            ))
        except (KeyError, TypeError, AttributeError, DateError) as error:
            skipped.append(f"{label}: {error if isinstance(error, DateError) else 'is missing ' + str(error)}")
    return new_events, skipped


def _image(image: dict | None) -> dict[str, str]:
    """Return the picture fields of an events.json record's image (src as written: its file in media/ is copied
    with the project, not carried in events.json), or {} for none."""
    if not image:
        return {}
    if not isinstance(image, dict):
        raise KeyError("image's src, alt and credit")
    return {spec.name: str(image[spec.name]) for spec in IMAGE_FIELDS if image.get(spec.name)}


def detect_format(path: Path, text: str) -> str:
    """Return the format of a file to import, from its name and content."""
    if path.suffix.lower() == ".csv":
        return "timelinejs-csv"
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return "timelinejs-csv" if text.lstrip().startswith("Year,") else "timelinejs-json"
    events = data.get("events") if isinstance(data, dict) else None
    if isinstance(events, list) and events and isinstance(events[0], dict) and "start_date" in events[0]:
        return "timelinejs-json"
    return "json" if isinstance(events, list) else "timelinejs-json"


def import_file(root: Path, path: Path, format_name: str | None = None) -> ImportReport:
    """Write an event file for each event of the file at path; never overwrite; report what was skipped."""
    if not path.is_file():
        raise ImportError_(f"{path}: {not_a_file(path)}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportError_(f"{path}: not UTF-8 text") from None
    format_name = format_name or detect_format(path, text)
    if format_name == "timelinejs-csv":
        new_events, skipped = events_from_timelinejs_csv(text)
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ImportError_(f"{path}: not valid JSON (line {error.lineno}: {error.msg})") from None
        reader = events_from_timelinejs if format_name == "timelinejs-json" else events_from_our_json
        new_events, skipped = reader(data)
    report = ImportReport(skipped=skipped)
    for event in new_events:
        try:
            written = write_new_event(root, event)
        except FileExists as error:
            report.skipped.append(str(error))
            continue
        report.written.append(written.relative_to(root).as_posix())
    return report
