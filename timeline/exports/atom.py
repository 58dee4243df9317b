"""feed.xml: an Atom feed of the latest events, and XML escaping."""

from __future__ import annotations

import html
import uuid
from urllib.parse import urlsplit

from timeline.exports.language import Language
from timeline.model.dates import EventDate
from timeline.model.event import Event, Picture
from timeline.model.facets import FACET_OF
from timeline.model.fields import DEFAULT_STATUS

FEED_ENTRIES = 50
# The type of an https:// picture, told from its name's ending (mimetypes would read the machine's own table).
_PICTURE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
                  "webp": "image/webp", "avif": "image/avif"}


def rfc3339(date: EventDate) -> str:
    """Return the first day of a date as an RFC 3339 timestamp (years before AD 1 as 0001)."""
    year, month, day = date.start_key()
    return f"{max(year, 1):04d}-{month:02d}-{day:02d}T00:00:00Z"


def updated(event: Event) -> EventDate:
    """Return when an event last changed for a reader: its latest correction, else its latest source."""
    dates = [source.published for source in event.sources] + [correction.date for correction in event.corrections]
    return max(dates, key=EventDate.end_key, default=event.date)


def picture_link(picture: Picture | None, url: str) -> str:
    """Return the entry's link to its picture at a full address (url, '' when there is none) as an enclosure, the
    link feed readers show a picture of, its alt text as the link's title; or ''."""
    if picture is None or not url.startswith(("https://", "http://")):
        return ""
    mime = "image/webp" if picture.is_local else _PICTURE_TYPES.get(urlsplit(url).path.rpartition(".")[2].lower(), "")
    kind = f' type="{mime}"' if mime else ""
    return f'    <link rel="enclosure"{kind} href="{xml_attribute(url)}" title="{xml_attribute(picture.alt)}"/>\n'


def atom_entry(event: Event, lang: Language, page_url: str, description_html: str, picture_url: str = "") -> str:
    """Return an event as an Atom entry, in the site's language: its date at its precision leads the summary, its
    status (other than reported) follows, its corrections, newest first, open the content so that feed readers see
    them, and its picture (at picture_url, a full address) is an enclosure."""
    entry_id = page_url if page_url.startswith("http") else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, event.id)}"
    categories = "".join(f'    <category term="{xml_attribute(tag)}"/>\n' for tag in event.tags)
    status = ""
    if event.status != DEFAULT_STATUS:
        word = lang.gettext(FACET_OF["status"].label(event.status))
        categories += f'    <category term="status:{event.status}" label="{xml_attribute(word)}"/>\n'
        status = f" ({word})"
    corrected = lang.gettext("Corrected")
    corrections = "".join(f"<p><strong>{html.escape(corrected)} {html.escape(lang.format_date(c.date))}:</strong> "
                          f"{html.escape(c.note)}</p>" for c in event.corrections_newest_first())
    return (
        "  <entry>\n"
        f"    <id>{xml_text(entry_id)}</id>\n"
        f"    <title>{xml_text(event.title)}</title>\n"
        f'    <link rel="alternate" type="text/html" href="{xml_attribute(page_url)}"/>\n'
        f"{picture_link(event.image, picture_url)}"
        f"    <published>{rfc3339(event.date)}</published>\n"
        f"    <updated>{rfc3339(updated(event))}</updated>\n"
        f"    <summary>{xml_text(lang.date_text(event))}: {xml_text(event.title)}{status}</summary>\n"
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
