"""TimelineJS3's formats: its JSON slides and its spreadsheet's CSV rows."""

from __future__ import annotations

import csv
import html
import io

from timeline.model.dates import EventDate
from timeline.model.event import Event, Picture

# The most events timelinejs.json and events.csv hold: the latest ones. TimelineJS shows one slide at a time and
# its makers advise twenty; past a thousand its reader cannot be browsed, and the two files would be a quarter of a
# 100,000-event site. events.json always holds every event.
TIMELINEJS_EVENTS = 1000

CSV_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background",
    "Status",  # ours, after TimelineJS's columns: TimelineJS reads its own by name and leaves others alone
)


def _date_parts(date: EventDate) -> dict:
    """Return a date as TimelineJS's {year, month, day}, only as precise as the date."""
    parts = {"year": date.year}
    if date.month is not None:
        parts["month"] = date.month
    if date.day is not None:
        parts["day"] = date.day
    return parts


def html_text(text: str) -> str:
    """Return plain text escaped for a field TimelineJS shows as HTML: headline, text, display date, group."""
    # TimelineJS sets these fields as elements' innerHTML, so a title's <img onerror=...> would run; & < > are
    # all it takes there, and quotes stay readable where TimelineJS also copies a headline into an aria-label.
    return html.escape(text, quote=False)


def picture_credit(picture: Picture) -> str:
    """Return who a picture is by, with its licence when it has one ('Kremlin press service (CC BY 4.0)')."""
    return f"{picture.credit} ({picture.license})" if picture.license else picture.credit


def timelinejs_media(picture: Picture, url: str, thumbnail: str) -> dict:
    """Return a picture as a slide's TimelineJS3 media: its address, its small copy for the navigation, its caption
    and credit as HTML, and its alt text."""
    media = {"url": url}
    if thumbnail:
        media["thumbnail"] = thumbnail
    if picture.caption:
        media["caption"] = html_text(picture.caption)
    # TimelineJS sets caption and credit as innerHTML, but alt as the <img>'s alt property: escaped, it would read
    # "&amp;" aloud, so it stays plain text.
    media["credit"] = html_text(picture_credit(picture))
    media["alt"] = picture.alt
    return media


def timelinejs_event(event: Event, description_html: str, media: dict | None = None) -> dict:
    """Return an event as a TimelineJS3 slide (plain text escaped, the sanitised description as it is), with its
    picture's media (timelinejs_media) when it has one."""
    slide: dict = {"start_date": _date_parts(event.date)}
    if event.end:
        slide["end_date"] = _date_parts(event.end)
    slide["text"] = {"headline": html_text(event.title), "text": description_html}
    if media:
        slide["media"] = media
    if event.tags:
        slide["group"] = html_text(event.tags[0])
    if event.display_date or event.date_needs_words:
        slide["display_date"] = html_text(event.date_text)
    slide["unique_id"] = event.id
    return slide


# Spreadsheets run a cell that starts with one of these as a formula (OWASP's list for CSV injection).
# A cell that starts with ' gets one more, so that removing the first ' of a guarded cell (what a
# spreadsheet shows, and what our import does) always gives the text back.
SPREADSHEET_GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")


def _spreadsheet_text(text: str) -> str:
    """Return a text cell that spreadsheets show as text: a ' put before what would start a formula."""
    return "'" + text if text.startswith(SPREADSHEET_GUARDED) else text


def csv_row(event: Event, description_html: str, media: dict | None = None) -> list[str]:
    """Return an event as a row of TimelineJS's spreadsheet (text cells are HTML, as in a slide), its picture in
    the Media columns (media: timelinejs_media's)."""
    start, end = event.date, event.end
    # Contributors write the text cells, and '=HYPERLINK(...)' would run when events.csv is opened; the
    # number cells stay as they are, so a BC year is still the number -500.
    media = media or {}
    # TimelineJS's spreadsheet has no column for alt text (its JSON has): without one, it shows the caption as alt
    display_date, headline, text, group, credit, caption = (_spreadsheet_text(cell) for cell in (
        html_text(event.display_date or (event.date_text if event.date_needs_words else "")),
        html_text(event.title), description_html, html_text(event.tags[0] if event.tags else ""),
        media.get("credit", ""), media.get("caption", ""),
    ))
    return [
        str(start.year), str(start.month or ""), str(start.day or ""), "",
        str(end.year) if end else "", str(end.month or "") if end else "", str(end.day or "") if end else "", "",
        display_date, headline, text, media.get("url", ""), credit, caption, media.get("thumbnail", ""), "", group, "",
        event.status,
    ]


def csv_line(values: list[str]) -> str:
    """Return one CSV line (RFC 4180: CRLF line ends, quotes where needed)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()
