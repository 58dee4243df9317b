"""events.json: every event with every field, dates as EDTF text at their precision."""

from __future__ import annotations

import json

from timeline.model.dates import ONGOING
from timeline.model.event import Event, description_text
from timeline.model.fields import IMAGE_FIELDS


def event_record(event: Event, page_url: str) -> dict:
    """Return an event with every field, as events.json holds it (dates as text at their precision)."""
    # EDTF text: an event's approximate: true is its date's "~"
    date = event.date.with_qualifiers(event.date.uncertain, event.approximate)
    record: dict = {"id": event.id, "title": event.title, "date": date.iso(), "precision": event.date.precision}
    if event.end:
        record["end"] = event.end.iso()
    elif event.ongoing:
        record["end"] = ONGOING
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
    if event.first_reported:
        record["first_reported"] = event.first_reported.iso()  # when the first source was published
    record["status"] = event.status
    if event.corrections:
        record["corrections"] = [{"date": c.date.iso(), "note": c.note} for c in event.corrections]
    if event.related:
        record["related"] = [{"event": link.event, "relation": link.relation} for link in event.related]
    if event.thread:
        record["thread"] = event.thread
    if event.image:
        # src as written: the files in media/ travel with the project, not in events.json
        record["image"] = {spec.name: getattr(event.image, spec.name) for spec in IMAGE_FIELDS
                           if getattr(event.image, spec.name)}
    record["url"] = page_url
    record["description"] = description_text(event.body)
    return record


def one_line(value) -> str:
    """Return value as JSON text on one line without spaces, non-ASCII kept as is: an export's item per line,
    which keeps a file of 100,000 events a tenth smaller than indenting it and a change one line of a diff."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
