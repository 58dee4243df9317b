"""events.ics: all-day VEVENTs from AD 1 to 30 December 9999 (RFC 5545)."""

from __future__ import annotations

import datetime

from timeline.exports.language import Language
from timeline.model.dates import DAY, PRECISIONS, EventDate
from timeline.model.event import Event


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


def ics_text(text: str) -> str:
    """Return text escaped for an iCalendar property value."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
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


# What an all-day entry cannot show of a date, said in its description; the site's language translates each.
PRECISION_NOTES = {precision: f"Date known to the {precision}: {{date}}." for precision in PRECISIONS}


def ics_event(event: Event, lang: Language, page_url: str, uid_domain: str) -> str:
    """Return an event as an all-day VEVENT ('' for BC events and those lasting to the end of 9999), its description
    in the site's language."""
    span = ics_span(event)
    if span is None:
        return ""
    precision_note = "" if event.date.precision == DAY and not event.date_needs_words else \
        lang.gettext(PRECISION_NOTES[event.date.precision], date=lang.date_text(event)) + " "
    sources = f"{lang.gettext('Sources')}: {'; '.join(source.publisher for source in event.sources)}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.id}@{uid_domain}",
        f"DTSTAMP:{_stamp(event)}",
        f"DTSTART;VALUE=DATE:{span[0]:%Y%m%d}",
        f"DTEND;VALUE=DATE:{span[1]:%Y%m%d}",
        f"SUMMARY:{ics_text(event.title)}",
        f"DESCRIPTION:{ics_text(precision_note + sources)}",
    ]
    if page_url.startswith(("http://", "https://")):  # iCalendar's URL is a full address; without url = ... none
        lines.append(f"URL:{page_url}")
    if event.location:
        lines.append(f"LOCATION:{ics_text(event.location)}")
    if event.tags:
        lines.append(f"CATEGORIES:{','.join(ics_text(tag) for tag in event.tags)}")
    lines.append("END:VEVENT")
    return "".join(fold(line) for line in lines)
