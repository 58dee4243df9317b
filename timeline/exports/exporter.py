"""The export files written by every build, assembled from per-event pieces cached by event.

The preview rewrites every export after an edit by joining pieces instead of redoing them all.
"""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable, Iterable
from functools import partial

from timeline.exports.atom import FEED_ENTRIES, atom_entry, rfc3339, updated, xml_attribute, xml_text
from timeline.exports.events_json import event_record, one_line
from timeline.exports.icalendar import fold, ics_event, ics_text
from timeline.exports.json_schema import event_schema, events_schema
from timeline.exports.language import Language
from timeline.exports.timelinejs import (
    CSV_COLUMNS,
    TIMELINEJS_EVENTS,
    csv_line,
    csv_row,
    html_text,
    timelinejs_event,
    timelinejs_media,
)
from timeline.memo import EventMemo
from timeline.model.config import Config
from timeline.model.event import Event
from timeline.model.pictures import PICTURE_FORMATS, picture_widths, shared_file, site_file

# Every export file: its site path and the Exporter method that makes it from the events in time order.
EXPORTS = (
    ("events.json", "events_json"),
    ("schema/event.json", "event_schema_json"),
    ("schema/events.json", "events_schema_json"),
    ("timelinejs.json", "timelinejs_json"),
    ("events.csv", "events_csv"),
    ("events.ics", "events_ics"),
    ("feed.xml", "feed_xml"),
)
EXPORT_FILES = tuple(path for path, _ in EXPORTS)


class Exporter:
    """Writes the export files of a site, caching each event's pieces until the event changes."""

    def __init__(self, config: Config, page_url: Callable[[Event], str], description_html: Callable[[Event], str],
                 lang: Language):
        self.config = config
        self.lang = lang  # the site's language: the feed's dates and words, the TimelineJS title slide's note
        self.page_url = page_url
        self.description_html = description_html
        self._pieces = EventMemo()
        # A one-off build uses each piece once; the preview keeps them for its next update.
        self.keep_pieces = True

    def _piece(self, event: Event, kind: str, make: Callable[[], str]) -> str:
        """Return one piece of an event's exports, kept while keep_pieces is set."""
        return self._pieces.get(event, kind, make) if self.keep_pieces else make()

    def kept_pieces(self) -> dict[str, dict]:
        """Return the pieces kept so far by event id: what a forked process sends back to the preview's."""
        return self._pieces.all_kept()

    def adopt_pieces(self, pieces_by_id: dict[str, dict], events: list[Event]) -> None:
        """Keep the pieces another process made of these very events (a fork of this one)."""
        if not self.keep_pieces:
            return
        for event in events:
            pieces = pieces_by_id.get(event.id)
            if pieces is not None:
                self._pieces.adopt(event, pieces)

    def forget(self, live_ids: set[str]) -> None:
        """Drop the pieces of events that are gone."""
        self._pieces.keep_only(live_ids)

    def files(self, chronological: list[Event]) -> dict[str, Callable[[], bytes]]:
        """Return {site path: function making its bytes} for every export, in EXPORT_FILES order."""
        return {path: partial(getattr(self, method), chronological) for path, method in EXPORTS}

    def event_schema_json(self, events: list[Event]) -> bytes:
        """Return schema/event.json, the JSON Schema of an event file's front matter."""
        return _json_bytes(event_schema())

    def events_schema_json(self, events: list[Event]) -> bytes:
        """Return schema/events.json, the JSON Schema of events.json."""
        return _json_bytes(events_schema())

    def _html(self, event: Event) -> str:
        """Return an event's sanitised description HTML, cached."""
        return self._piece(event, "html", lambda: str(self.description_html(event)))

    def _record(self, event: Event) -> str:
        """Return an event's entry in events.json, cached."""
        return self._piece(event, "json", lambda: one_line(event_record(event, self.page_url(event))))

    def _slide(self, event: Event) -> str:
        """Return an event's slide in timelinejs.json, cached."""
        return self._piece(event, "tljs", lambda: one_line(timelinejs_event(event, self._html(event),
                                                                            self._media(event))))

    def _row(self, event: Event) -> str:
        """Return an event's line of events.csv, cached."""
        return self._piece(event, "csv", lambda: csv_line(csv_row(event, self._html(event), self._media(event))))

    def _media(self, event: Event) -> dict | None:
        """Return an event's picture as TimelineJS's media, or None when it has none."""
        picture = event.image
        if picture is None:
            return None
        if not picture.is_local:
            return timelinejs_media(picture, picture.src, "")
        smallest = site_file(picture, picture_widths(picture.width)[0], PICTURE_FORMATS[-1][0])
        return timelinejs_media(picture, self._address(shared_file(picture)), self._address(smallest))

    def _address(self, path: str) -> str:
        """Return the address of a site file: in full when the site's url is known, else its path under the base
        path (which works where the export is read on the site itself)."""
        return self.config.url.rstrip("/") + "/" + path if self.config.url else self.config.base_path + path

    def _feed_picture(self, event: Event) -> str:
        """Return the full address of an event's picture for the feed (its widest WebP, or its https:// address),
        or '' when it has none or the site's url, which a feed reader needs, is not set."""
        picture = event.image
        if picture is None or not picture.is_local:
            return picture.src if picture else ""
        return self._address(shared_file(picture)) if self.config.url else ""

    def _vevent(self, event: Event) -> str:
        """Return an event's VEVENT in events.ics, cached."""
        return self._piece(event, "ics", lambda: ics_event(event, self.lang, self.page_url(event), self._domain()))

    def _domain(self) -> str:
        """Return the domain that makes the calendar's UIDs unique."""
        return self.config.domain or _host(self.config.url) or "timeline.invalid"

    def events_json(self, events: list[Event]) -> bytes:
        """Return events.json, every event on a line of its own."""
        head = {"title": self.config.title, "description": self.config.description, "url": self.config.url}
        text = json.dumps(head, ensure_ascii=False, indent=2)[:-2]
        return _json_list(text + ',\n  "events": [\n', (self._record(e) for e in events), "]\n}\n")

    def timelinejs_json(self, events: list[Event]) -> bytes:
        """Return timelinejs.json in TimelineJS3's format: the latest TIMELINEJS_EVENTS events, a slide a line."""
        shown = events[-TIMELINEJS_EVENTS:]
        text = self.config.description
        if len(shown) < len(events):
            text = " ".join(filter(None, [text, self.lang.gettext(
                "The latest {shown} of {total} events; events.json holds them all.",
                shown=len(shown), total=len(events))]))
        title = {"text": {"headline": html_text(self.config.title), "text": html_text(text)}}
        head = json.dumps({"title": title}, ensure_ascii=False, indent=2)[:-2]
        return _json_list(head + ',\n  "events": [\n', (self._slide(e) for e in shown), "]\n}\n")

    def events_csv(self, events: list[Event]) -> bytes:
        """Return events.csv with TimelineJS's spreadsheet columns: the latest TIMELINEJS_EVENTS events."""
        return _concatenated([csv_line(list(CSV_COLUMNS))], (self._row(e) for e in events[-TIMELINEJS_EVENTS:]), [])

    def events_ics(self, events: list[Event]) -> bytes:
        """Return events.ics: one all-day VEVENT per event from AD 1 to 30 December 9999."""
        head = [fold(line) for line in (
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline//events//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", f"X-WR-CALNAME:{ics_text(self.config.title)}",
        )]
        return _concatenated(head, (self._vevent(e) for e in events), ["END:VCALENDAR\r\n"])

    def feed_xml(self, events: list[Event]) -> bytes:
        """Return the Atom feed of the latest events, newest first."""
        latest = events[::-1][:FEED_ENTRIES]
        entries = "".join(self._piece(e, "atom", lambda e=e: atom_entry(e, self.lang, self.page_url(e), self._html(e),
                                                                        self._feed_picture(e)))
                          for e in latest)
        site = self.config.url or self.config.base_path
        feed_id = self.config.url or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, self.config.title)}"
        last_change = max((rfc3339(updated(e)) for e in latest), default="1970-01-01T00:00:00Z")
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{xml_attribute(self.config.language)}">\n'
            f"  <id>{xml_text(feed_id)}</id>\n"
            f"  <title>{xml_text(self.config.title)}</title>\n"
            f"  <subtitle>{xml_text(self.config.description)}</subtitle>\n"
            f'  <link rel="alternate" type="text/html" href="{xml_text(site)}"/>\n'
            f'  <link rel="self" type="application/atom+xml" href="{xml_text(site)}feed.xml"/>\n'
            f"  <updated>{last_change}</updated>\n"
            "  <generator>timeline</generator>\n"
            f"{entries}"
            "</feed>\n"
        ).encode()


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
    """Return a JSON document whose items (JSON texts, one a line) sit between head and tail, comma-separated."""
    def separated():
        first = True
        for item in items:
            yield item if first else ",\n" + item
            first = False
        if not first:
            yield "\n"
    return _concatenated([head], separated(), [tail])


def _json_bytes(value) -> bytes:
    """Return value as a JSON file's bytes."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode()


def _host(url: str) -> str:
    """Return the host name of an address, or ''."""
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""
