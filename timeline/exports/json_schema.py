"""JSON Schemas of the event file format and of events.json, made from the field table the checker uses."""

from __future__ import annotations

from timeline.model.dates import PRECISIONS
from timeline.model.fields import (
    BOOL,
    CHOICE,
    CORRECTION_FIELDS,
    CORRECTIONS,
    DATE,
    EVENT_FIELDS,
    IMAGE,
    IMAGE_FIELDS,
    LIST,
    RELATED,
    RELATED_FIELDS,
    SOURCE_FIELDS,
    SOURCES,
    URL,
    FieldSpec,
)

# A picture is a file in media/ or an https:// address (model/pictures.py's src_problem says the rest).
PICTURE_SRC_PATTERN = "^(media/|https://)"


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
    elif spec.kind == CORRECTIONS:
        schema.update(type="array", items=_object_schema(CORRECTION_FIELDS))
    elif spec.kind == RELATED:
        schema.update(type="array", items=_object_schema(RELATED_FIELDS))
    elif spec.kind == IMAGE:
        schema.update(_object_schema(IMAGE_FIELDS))
        schema["properties"]["src"]["pattern"] = PICTURE_SRC_PATTERN
    elif spec.kind == CHOICE:
        schema.update(type="string", enum=list(spec.choices), default=spec.example)
    elif spec.kind == DATE:
        schema.update(type="string", minLength=1,
                      examples=["2024-11-04", "2024-11", "2024", "-0500", "4 November 2024", "500 BC", "2024-11-04?",
                                "2024~", "196X", "19XX", "2024-21", "spring 2024"])
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
        "description": "Dates keep their precision: a day (2024-11-04), a month (2024-11), a season (2024-21), "
                       "a year (2024), a decade (196X) or a century (19XX), as EDTF level 1 writes them, with ? "
                       "(uncertain), ~ (approximate) or % (both) after them; end: .. is an event still going on. "
                       "Negative years are BC (-0500 is 500 BC, where EDTF would write -0499). A draft may leave "
                       "out its sources.",
        **schema,
    }


_EXPORT_ONLY = {
    "id": {"type": "string", "description": "The event's permanent id: its file name without .md.",
           "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    "precision": {"enum": list(PRECISIONS)[::-1], "description": "How precisely the date is known."},
    "url": {"type": "string", "description": "The event's page on the site."},
    "description": {"type": "string", "description": "The event's description, in Markdown."},
    "first_reported": {"type": "string", "description": "When the first source was published (from the sources)."},
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
