"""feed.xml: an Atom feed of the latest events, and XML escaping."""

from __future__ import annotations

import html
import uuid

from timeline.model.dates import EventDate, format_range
from timeline.model.event import Event
from timeline.model.facets import FACET_OF
from timeline.model.fields import DEFAULT_STATUS

FEED_ENTRIES = 50


def rfc3339(date: EventDate) -> str:
    """Return the first day of a date as an RFC 3339 timestamp (years before AD 1 as 0001)."""
    year, month, day = date.start_key()
    return f"{max(year, 1):04d}-{month:02d}-{day:02d}T00:00:00Z"


def updated(event: Event) -> EventDate:
    """Return when an event last changed for a reader: its latest correction, else its latest source."""
    dates = [source.published for source in event.sources] + [correction.date for correction in event.corrections]
    return max(dates, key=EventDate.end_key, default=event.date)


def atom_entry(event: Event, page_url: str, description_html: str) -> str:
    """Return an event as an Atom entry: its date at its precision leads the summary, its status (other than
    reported) follows, and its corrections, newest first, open the content so that feed readers see them."""
    entry_id = page_url if page_url.startswith("http") else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, event.id)}"
    categories = "".join(f'    <category term="{xml_attribute(tag)}"/>\n' for tag in event.tags)
    status = ""
    if event.status != DEFAULT_STATUS:
        word = FACET_OF["status"].label(event.status)
        categories += f'    <category term="status:{event.status}" label="{word}"/>\n'
        status = f" ({word})"
    corrections = "".join(f"<p><strong>Corrected {html.escape(format_range(c.date))}:</strong> "
                          f"{html.escape(c.note)}</p>" for c in event.corrections_newest_first())
    return (
        "  <entry>\n"
        f"    <id>{xml_text(entry_id)}</id>\n"
        f"    <title>{xml_text(event.title)}</title>\n"
        f'    <link rel="alternate" type="text/html" href="{xml_attribute(page_url)}"/>\n'
        f"    <published>{rfc3339(event.date)}</published>\n"
        f"    <updated>{rfc3339(updated(event))}</updated>\n"
        f"    <summary>{xml_text(event.date_text)}: {xml_text(event.title)}{status}</summary>\n"
        f'    <content type="html">{xml_text(corrections + description_html)}</content>\n'
        f"{categories}"
        "  </entry>\n"
    )


def xml_text(text: str) -> str:
    """Return text escaped for XML character data (&, < and >; xml.sax.saxutils would import urllib.request)."""
    return html.escape(text, quote=False)


def xml_attribute(text: str) -> str:
    """Return text escaped for a double-quoted XML attribute."""
    return html.escape(text, quote=False).replace('"', "&quot;")
