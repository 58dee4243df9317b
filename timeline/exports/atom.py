"""feed.xml: an Atom feed of the latest events, and XML escaping."""

from __future__ import annotations

import html
import uuid

from timeline.model.dates import EventDate
from timeline.model.event import Event

FEED_ENTRIES = 50


def rfc3339(date: EventDate) -> str:
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
        f"    <published>{rfc3339(event.date)}</published>\n"
        f"    <updated>{rfc3339(latest)}</updated>\n"
        f"    <summary>{xml_text(event.date_text)}: {xml_text(event.title)}</summary>\n"
        f'    <content type="html">{xml_text(description_html)}</content>\n'
        f"{categories}"
        "  </entry>\n"
    )


def xml_text(text: str) -> str:
    """Return text escaped for XML character data (&, < and >; xml.sax.saxutils would import urllib.request)."""
    return html.escape(text, quote=False)


def xml_attribute(text: str) -> str:
    """Return text escaped for a double-quoted XML attribute."""
    return html.escape(text, quote=False).replace('"', "&quot;")
