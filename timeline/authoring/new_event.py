"""Writing new event files: `new` drafts a file with every field and a hint for each."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from timeline.model.dates import EventDate
from timeline.folders import EVENTS_DIR
from timeline.model.event import EVENT_FIELDS, SOURCE_FIELDS, FieldSpec, description_text
from timeline.model.validate import date_prefix, slug

# Plain YAML scalars that would not read back as the same text ('Talks:' ends in a mapping's colon).
_NEEDS_QUOTES = re.compile(r"""^[\s\-?:,\[\]{}#&*!|>'"%@`]|:(\s|$)|\s#|\s$|^$|^(~|null)$|[\x00-\x1f\x7f]""",
                           re.IGNORECASE)
SLUG_LENGTH = 60


@dataclass
class Draft:
    """What is known of a new event before its file is written."""

    title: str
    date: EventDate
    end: EventDate | None = None
    approximate: bool = False
    actors: list[str] = field(default_factory=list)
    location: str = ""
    tags: list[str] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    body: str = ""
    draft: bool = True
    notes: list[str] = field(default_factory=list)
    display_date: str = ""
    name: str = ""       # the exact id to use (an import of our own events.json keeps ids)
    name_hint: str = ""  # an id to use if it fits the date (TimelineJS unique_id)


def yaml_text(value: str) -> str:
    """Return value as a YAML scalar that reads back as exactly that text."""
    if _NEEDS_QUOTES.search(value) or "\n" in value:
        return json.dumps(value, ensure_ascii=False)
    return value


def file_name(draft: Draft) -> str:
    """Return the file name the event should have ('2024-11-04-title-slug.md')."""
    prefix = date_prefix(draft.date)
    for wanted in (draft.name, draft.name_hint):
        if wanted and re.fullmatch(rf"{re.escape(prefix)}-[a-z0-9]+(-[a-z0-9]+)*", wanted):
            return f"{wanted}.md"
    return f"{prefix}-{slug(draft.title, max_length=SLUG_LENGTH)}.md"


def _hint(spec: FieldSpec, indent: str = "") -> str:
    """Return a spec's doc as a comment line."""
    return f"{indent}# {spec.doc}\n"


def render_event_file(draft: Draft) -> str:
    """Return the text of an event file holding draft, every field present with a hint comment."""
    values = {
        "title": yaml_text(draft.title),
        "date": yaml_text(draft.date.iso()),
        "end": yaml_text(draft.end.iso()) if draft.end else "",
        "approximate": "true" if draft.approximate else "false",
        "display_date": yaml_text(draft.display_date) if draft.display_date else "",
        "location": yaml_text(draft.location) if draft.location else "",
        "draft": "true" if draft.draft else "false",
    }
    lines = ["---\n"] + [f"# {' '.join(note.split())}\n" for note in draft.notes]
    for spec in EVENT_FIELDS:
        lines.append(_hint(spec))
        if spec.name in ("actors", "tags"):
            items = getattr(draft, spec.name)
            lines.append(f"{spec.name}:\n" + "".join(f"  - {yaml_text(item)}\n" for item in items) if items
                         else f"{spec.name}: []\n")
        elif spec.name == "sources":
            lines.append(_sources_block(draft.sources))
        else:
            lines.append(f"{spec.name}: {values[spec.name]}".rstrip() + "\n")
    lines.append("# After the next line: what happened, in your own words, in Markdown.\n---\n")
    if description_text(draft.body):
        lines.append(description_text(draft.body) + "\n")
    return "".join(lines)


def _sources_block(sources: list[dict[str, str]]) -> str:
    """Return the sources field: the given sources, or a commented template to fill in."""
    if not sources:
        template = "".join(
            f"#   {'- ' if i == 0 else '  '}{spec.name}: {'' if spec.required else '(optional) '}{spec.doc}\n"
            for i, spec in enumerate(SOURCE_FIELDS)
        )
        return "sources: []\n# Add at least one source, then set draft: false. Each source looks like:\n" + template
    text = "sources:\n"
    for source in sources:
        first = True
        for spec in SOURCE_FIELDS:
            value = source.get(spec.name, "")
            if not value:
                continue
            text += f"  {'- ' if first else '  '}{spec.name}: {yaml_text(value)}\n"
            first = False
    return text


def draft_problems(root: Path, draft: Draft) -> list:
    """Return the errors check would find in the file draft would be written as (none for a good draft)."""
    from timeline.model.event_file import EventFile, split_front_matter
    from timeline.model.validate import validate_file

    name = file_name(draft)
    event_file = EventFile(path=root / EVENTS_DIR / name, relpath=f"{EVENTS_DIR}/{name}")
    split_front_matter(render_event_file(draft), event_file)
    validate_file(event_file)
    return [problem for problem in event_file.problems if problem.severity == "error"]


class FileExists(Exception):
    """The event file to be written is already there."""


def write_new_event(root: Path, draft: Draft) -> Path:
    """Write draft to a new file in events/ and return its path; never overwrite."""
    directory = root / EVENTS_DIR
    directory.mkdir(exist_ok=True)
    path = directory / file_name(draft)
    text = render_event_file(draft)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise FileExists(f"{EVENTS_DIR}/{path.name} already exists; edit it, or give the new event another title") from None
    os.chmod(path, 0o644)
    return path
