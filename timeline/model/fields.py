"""The front-matter fields of an event file, each declared once with its kind, its limit and its doc.

The checker, the JSON Schemas, `new`'s hints and the documentation are all made from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT, DATE, BOOL, LIST, SOURCES, URL = "text", "date", "true/false", "list", "sources", "url"
CHOICE, CORRECTIONS = "one of", "corrections"
RELATED = "related events"
IMAGE = "picture"

# How far an event is established, with what each word means to a reader; the first is the default.
STATUSES: dict[str, str] = {
    "reported": "published reporting, not independently confirmed",
    "confirmed": "confirmed by independent sources or by the record itself",
    "claimed": "one party's claim, not confirmed by others",
    "disputed": "the sources disagree",
    "retracted": "the reporting was withdrawn; its corrections say why",
}
DEFAULT_STATUS = "reported"

# How one event relates to another it names in `related:`, each with what it means and how the link reads on
# either page: (on the page of the event that names the other, on the other's page). Cycles of `follows` are
# refused: a story cannot follow itself.
RELATIONS: dict[str, str] = {
    "follows": "comes after the other event in the same story",
    "responds-to": "is a response to the other event",
    "contradicts": "reports the opposite of the other event",
    "supersedes": "replaces the other event, which is marked superseded",
    "see-also": "is worth reading beside the other event",
}
RELATION_WORDS: dict[str, tuple[str, str]] = {
    "follows": ("Follows", "Followed by"),
    "responds-to": ("Responds to", "Responded to by"),
    "contradicts": ("Contradicts", "Contradicted by"),
    "supersedes": ("Supersedes", "Superseded by"),
    "see-also": ("See also", "See also"),
}


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter field: its name, kind, whether it is required, and its doc."""

    name: str
    kind: str
    required: bool
    doc: str
    example: str
    max_length: int = 300
    choices: tuple[str, ...] = ()


EVENT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", TEXT, True, "What happened, in one line: who did what.",
              "Putin meets North Korea's foreign minister Choe Son Hui in the Kremlin", 200),
    FieldSpec("date", DATE, True,
              "When it happened: 2024-11-04, 2024-11 or 2024, or in words (4 November 2024); also a season "
              "(2024-21, spring 2024), a decade (196X) or a century (19XX), and BC years (-0500, 500 BC). End it "
              "with ? if uncertain, ~ if approximate, % if both. Only as precise as the sources are.",
              "2024-11-04"),
    FieldSpec("end", DATE, False,
              "The last day of an event that lasted several days; same forms as date, not before it. "
              "'..' (or ongoing) for an event still going on.",
              "2024-11-06"),
    FieldSpec("approximate", BOOL, False,
              "true when the date is an estimate, as a date ending in ~ says; it is shown as 'c.'.", "false"),
    FieldSpec("display_date", TEXT, False,
              "Free text that replaces how the date reads on the page (the date still orders the event).",
              "early November 2024", 100),
    FieldSpec("actors", LIST, False, "The people and organisations who acted, one per line.", "Vladimir Putin", 200),
    FieldSpec("location", TEXT, False, "Where it happened, from the most to the least specific place.",
              "Kremlin, Moscow, Russia", 200),
    FieldSpec("tags", LIST, False, "Topics to group events by, one per line.", "diplomacy", 60),
    FieldSpec("sources", SOURCES, True,
              "The reporting the event rests on: at least one source (a draft may have none yet).", ""),
    FieldSpec("status", CHOICE, False,
              "How far the event is established: reported (the default), confirmed, claimed, disputed or "
              "retracted.", DEFAULT_STATUS, choices=tuple(STATUSES)),
    FieldSpec("corrections", CORRECTIONS, False,
              "Changes made after publication that readers should know of, each a date and a note.", ""),
    FieldSpec("related", RELATED, False,
              "Other events this one is linked to, each an event (its file name without .md) and a relation: "
              "follows, responds-to, contradicts, supersedes or see-also.", ""),
    FieldSpec("thread", TEXT, False, "The story thread the event belongs to; a thread's events share a page.",
              "Russia and North Korea", 100),
    FieldSpec("image", IMAGE, False,
              "A picture of the event: src (a file in media/, or an https:// address), alt and credit; caption and "
              "license optional.", ""),
    FieldSpec("draft", BOOL, False, "true keeps the event out of the built site until someone finishes it.", "false"),
)

SOURCE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", TEXT, True, "The headline of the article or the name of the document.",
              "'Threat to US security,' NATO chief's warning on Russia-North Korea ties", 300),
    FieldSpec("publisher", TEXT, True, "Who published it.", "WION", 200),
    FieldSpec("published", DATE, True, "When it was published (same forms as date).", "2024-11-07"),
    FieldSpec("url", URL, False,
              "Where to read it: an http:// or https:// address. Leave it out when you do not know it.",
              "https://www.example.com/story", 2000),
    FieldSpec("quote", TEXT, False, "A short quote from the source that supports the event.",
              "Putin noted that they were meeting on Russia's National Unity Day", 1000),
    FieldSpec("archive_url", URL, False, "A copy in a web archive, in case the original goes away.",
              "https://web.archive.org/web/2024/https://www.example.com/story", 2000),
)

CORRECTION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("date", DATE, True, "When the correction was made (same forms as date).", "2024-11-09"),
    FieldSpec("note", TEXT, True, "What changed and why, in a sentence.",
              "The casualty figure was revised from 12 to 14.", 500),
)

RELATED_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("event", TEXT, True, "The other event: its file name without .md.", "2024-11-04-putin-meets-choe", 200),
    FieldSpec("relation", CHOICE, True,
              "How this event relates to it: follows, responds-to, contradicts, supersedes or see-also.", "follows",
              choices=tuple(RELATIONS)),
)

MAX_LIST_ITEMS = 50
MAX_SOURCES = 30

IMAGE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("src", TEXT, True,
              "The picture: a file in the media/ folder, written from the project's top "
              "(media/2024-11-04-kremlin.jpg), or an https:// address.", "media/2024-11-04-kremlin.jpg", 2000),
    FieldSpec("alt", TEXT, True, "What the picture shows, for readers who cannot see it.",
              "Putin and Choe Son Hui shake hands in a Kremlin hall", 500),
    FieldSpec("credit", TEXT, True, "Who took or owns the picture.", "Kremlin press service", 200),
    FieldSpec("caption", TEXT, False, "A line under the picture: what is happening, where and when.",
              "The meeting in the Kremlin, 4 November 2024", 500),
    FieldSpec("license", TEXT, False, "The licence the picture is used under.", "CC BY 4.0", 200),
)
