"""New event files: `new` (and extract and import) write one with every field and a hint for each."""

from __future__ import annotations

import filecmp
import itertools
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from timeline.folders import EVENTS_DIR, MEDIA_DIR
from timeline.model.dates import ONGOING, DateError, EventDate, is_open_end, parse_date
from timeline.model.event import description_text
from timeline.model.fields import (
    CORRECTION_FIELDS,
    DEFAULT_STATUS,
    EVENT_FIELDS,
    IMAGE_FIELDS,
    RELATED_FIELDS,
    SOURCE_FIELDS,
    FieldSpec,
)
from timeline.model.names import date_prefix, slug
from timeline.model.pictures import check_picture_content
from timeline.problems import not_a_file

# Plain YAML scalars that would not read back as the same text ('Talks:' ends in a mapping's colon).
_NEEDS_QUOTES = re.compile(r"""^[\s\-?:,\[\]{}#&*!|>'"%@`]|:(\s|$)|\s#|\s$|^$|^(~|null)$|[\x00-\x1f\x7f]""",
                           re.IGNORECASE)
SLUG_LENGTH = 60


@dataclass
class NewEvent:
    """What is known of a new event before its file is written."""

    title: str
    date: EventDate
    end: EventDate | None = None
    ongoing: bool = False  # end: ..
    approximate: bool = False
    actors: list[str] = field(default_factory=list)
    location: str = ""
    tags: list[str] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    body: str = ""
    draft: bool = True
    notes: list[str] = field(default_factory=list)
    display_date: str = ""
    status: str = DEFAULT_STATUS
    corrections: list[dict[str, str]] = field(default_factory=list)  # {"date": "2024-11-09", "note": "..."}
    related: list[dict[str, str]] = field(default_factory=list)  # {"event": "2024-11-04-...", "relation": "follows"}
    thread: str = ""
    image: dict[str, str] = field(default_factory=dict)  # {"src": "media/...", "alt": ..., "credit": ...}
    picture_file: Path | None = None  # the file `new --image` copies to image["src"] (None: it is there already)
    name: str = ""       # the exact id to use (an import of our own events.json keeps ids)
    name_hint: str = ""  # an id to use if it fits the date (TimelineJS unique_id)


def yaml_text(value: str) -> str:
    """Return value as a YAML scalar that reads back as exactly that text."""
    if _NEEDS_QUOTES.search(value) or "\n" in value:
        return json.dumps(value, ensure_ascii=False)
    return value


def file_name(event: NewEvent) -> str:
    """Return the file name the event should have ('2024-11-04-title-slug.md')."""
    prefix = date_prefix(event.date)
    for wanted in (event.name, event.name_hint):
        if wanted and re.fullmatch(rf"{re.escape(prefix)}-[a-z0-9]+(-[a-z0-9]+)*", wanted):
            return f"{wanted}.md"
    return f"{prefix}-{slug(event.title, max_length=SLUG_LENGTH)}.md"


def _hint(spec: FieldSpec) -> str:
    """Return a spec's doc as a comment line."""
    return f"# {spec.doc}\n"


def render_event_file(event: NewEvent) -> str:
    """Return the text of an event file holding event, every field present with a hint comment."""
    values = {
        "title": yaml_text(event.title),
        "date": yaml_text(event.date.iso()),
        "end": yaml_text(event.end.iso()) if event.end else ONGOING if event.ongoing else "",
        "approximate": "true" if event.approximate else "false",
        "display_date": yaml_text(event.display_date) if event.display_date else "",
        "location": yaml_text(event.location) if event.location else "",
        "draft": "true" if event.draft else "false",
        "status": event.status,
        "thread": yaml_text(event.thread) if event.thread else "",
    }
    lines = ["---\n"] + [f"# {' '.join(note.split())}\n" for note in event.notes]
    for spec in EVENT_FIELDS:
        lines.append(_hint(spec))
        if spec.name in ("actors", "tags"):
            items = getattr(event, spec.name)
            lines.append(f"{spec.name}:\n" + "".join(f"  - {yaml_text(item)}\n" for item in items) if items
                         else f"{spec.name}: []\n")
        elif spec.name == "sources":
            lines.append(_sources_block(event.sources))
        elif spec.name == "corrections":
            lines.append(_corrections_block(event.corrections))
        elif spec.name == "related":
            lines.append(_related_block(event.related))
        elif spec.name == "image":
            lines.append(_image_block(event.image))
        else:
            lines.append(f"{spec.name}: {values[spec.name]}".rstrip() + "\n")
    lines.append("# After the next line: what happened, in your own words, in Markdown.\n---\n")
    if description_text(event.body):
        lines.append(description_text(event.body) + "\n")
    return "".join(lines)


def _sources_block(sources: list[dict[str, str]]) -> str:
    """Return the sources field: the given sources, or a commented template to fill in."""
    if not sources:
        template = "".join(
            f"#   {'- ' if i == 0 else '  '}{spec.name}: {'' if spec.required else '(optional) '}{spec.doc}\n"
            for i, spec in enumerate(SOURCE_FIELDS)
        )
        return "sources: []\n# Add at least one source, then set draft: false. Each source looks like:\n" + template
    return "sources:\n" + "".join(source_yaml(source, indent="  ") for source in sources)


def _corrections_block(corrections: list[dict[str, str]]) -> str:
    """Return the corrections field: the given corrections, or an empty list and how one looks."""
    if not corrections:
        example = "".join(f"#   {'- ' if i == 0 else '  '}{spec.name}: {spec.example}\n"
                          for i, spec in enumerate(CORRECTION_FIELDS))
        return "corrections: []\n# A correction made after publication looks like:\n" + example
    return "corrections:\n" + "".join(
        f"  - date: {yaml_text(c['date'])}\n    note: {yaml_text(c['note'])}\n" for c in corrections)


def _related_block(related: list[dict[str, str]]) -> str:
    """Return the related field: the given links, or an empty list and how one looks."""
    if not related:
        example = "".join(f"#   {'- ' if i == 0 else '  '}{spec.name}: {spec.example}\n"
                          for i, spec in enumerate(RELATED_FIELDS))
        return "related: []\n# A link to another event looks like:\n" + example
    return "related:\n" + "".join(
        f"  - event: {yaml_text(link['event'])}\n    relation: {yaml_text(link['relation'])}\n" for link in related)


def _image_block(image: dict[str, str]) -> str:
    """Return the image field: the given picture's fields, or a commented example of one."""
    if not image:
        example = "".join(f"#   {spec.name}: {spec.example}{'' if spec.required else '   (optional)'}\n"
                          for spec in IMAGE_FIELDS)
        return "image:\n# A picture (its file in media/) looks like:\n" + example
    return "image:\n" + "".join(f"  {spec.name}: {yaml_text(image[spec.name])}\n" for spec in IMAGE_FIELDS
                                 if image.get(spec.name))


def source_yaml(source: dict[str, str], indent: str) -> str:
    """Return a source as the YAML lines of one item of a sources: list, its empty fields left out."""
    lines = []
    for spec in SOURCE_FIELDS:
        value = source.get(spec.name, "")
        if value:
            lines.append(f"{indent}{'  ' if lines else '- '}{spec.name}: {yaml_text(value)}\n")
    return "".join(lines)


def draft_problems(root: Path, event: NewEvent) -> list:
    """Return the errors check would find in the file event would be written as (none for a good event)."""
    from timeline.model.event_file import EventFile, split_front_matter
    from timeline.model.validate import validate_file

    name = file_name(event)
    event_file = EventFile(path=root / EVENTS_DIR / name, relpath=f"{EVENTS_DIR}/{name}")
    split_front_matter(render_event_file(event), event_file)
    validate_file(event_file)
    return [problem for problem in event_file.problems if problem.severity == "error"]


class FileExists(Exception):
    """The event file to be written is already there."""


def write_new_event(root: Path, event: NewEvent) -> Path:
    """Write event to a new file in events/ and return its path; never overwrite."""
    directory = root / EVENTS_DIR
    directory.mkdir(exist_ok=True)
    path = directory / file_name(event)
    text = render_event_file(event)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        message = f"{EVENTS_DIR}/{path.name} already exists; edit it, or give the new event another title"
        raise FileExists(message) from None
    os.chmod(path, 0o644)
    if event.picture_file is not None:
        _copy_picture(event.picture_file, root / event.image["src"])
    return path


def _copy_picture(source: Path, target: Path) -> None:
    """Copy a picture given to `new` into media/, unless the very same file is there already."""
    target.parent.mkdir(exist_ok=True)
    if target.is_file() and filecmp.cmp(source, target, shallow=False):
        return
    with open(source, "rb") as given, open(target, "xb") as copy:  # x: never over another file
        shutil.copyfileobj(given, copy)
    os.chmod(target, 0o644)


class NewEventRefused(Exception):
    """What `new` was given cannot make an event file; problems are the lines that say why."""

    def __init__(self, problems: list[str]):
        """Keep the problems, each one line without 'error: '."""
        super().__init__("; ".join(problems))
        self.problems = problems


# The option of `new` that gives each field, for messages about what was given.
_NEW_OPTIONS = {"end": "--end", "actors": "--actor", "location": "--location", "tags": "--tag", "thread": "--thread",
               "sources[1].title": "--source-title", "sources[1].publisher": "--publisher",
               "sources[1].url": "--url", "image.src": "--image", "image.alt": "--alt", "image.credit": "--credit",
               "image.caption": "--caption", "image.license": "--license"}


def _new_option(field_name: str) -> str:
    """Return the option of `new` that gave a field ('tags[2]' -> '--tag number 2'), or the field's name."""
    item = re.fullmatch(r"(tags|actors)\[(\d+)\]", field_name)
    if item:
        return f"{_NEW_OPTIONS[item[1]]} number {item[2]}"
    link = re.fullmatch(r"related\[(\d+)\].*", field_name)
    if link:
        return f"--related number {link[1]}"
    return _NEW_OPTIONS.get(field_name, field_name)


def new_event_from_options(root: Path, title: str, date: str, *, end: str = "", approximate: bool = False,
                           actors: list[str] = (), location: str = "", tags: list[str] = (), source_title: str = "",
                           publisher: str = "", published: str = "", url: str = "", thread: str = "",
                           related: list[str] = (), image: str = "", picture: dict[str, str] | None = None) -> NewEvent:
    """Return the event the options of `new` describe (image: a picture file to copy into media/, picture: its
    alt, credit, caption and license); raise NewEventRefused with what check would refuse."""
    problems = _picture_option_problems(image, picture or {})
    dates = {}
    ongoing = is_open_end(end)
    for name, text in (("date", date), ("end", "" if ongoing else end), ("published", published)):
        if text or name == "date":  # the one date new cannot do without
            try:
                dates[name] = parse_date(text)
            except DateError as error:
                problems.append(f"--{name}: {error}")
    source = {"title": source_title, "publisher": publisher, "url": url,
              "published": dates["published"].iso() if "published" in dates else ""}
    given = [k for k in ("title", "publisher", "published") if source[k]]
    if given and len(given) < 3:
        missing = ", ".join(f"--{'source-title' if k == 'title' else k}" for k in ("title", "publisher", "published")
                            if not source[k])
        problems.append(f"a source needs --source-title, --publisher and --published; missing {missing}")
    links = []
    for given_link in related:  # EVENT:RELATION
        other, _, relation = given_link.strip().rpartition(":")
        if not other or not relation:
            problems.append(f"--related: write it as EVENT:RELATION, like {given_link.strip() or 'EVENT'}:follows")
        links.append({"event": other, "relation": relation})
    if problems:
        raise NewEventRefused(problems)
    event = NewEvent(
        title=" ".join(title.split()), date=dates["date"], end=dates.get("end"), ongoing=ongoing,
        approximate=approximate,
        actors=list(actors), location=location, tags=list(tags), sources=[source] if given else [],
        draft=not given, thread=" ".join(thread.split()), related=links,
    )
    if image:
        event.image, event.picture_file = picture_for_new(root, Path(image), file_name(event)[:-3], picture or {})
    refused = draft_problems(root, event)
    if refused:
        raise NewEventRefused([f"{_new_option(problem.field)}: {problem.message}" for problem in refused])
    return event


# The extension a picture file gets in media/ when its own name has none (or none of letters and digits alone).
_PICTURE_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WebP": ".webp", "GIF": ".gif", "AVIF": ".avif"}


def _picture_option_problems(image: str, picture: dict[str, str]) -> list[str]:
    """Return what is wrong with the picture options of `new`: --alt and --credit missing beside --image, or
    the picture's fields given without it."""
    if not image:
        given = [f"--{name}" for name, value in picture.items() if value]
        return [f"{', '.join(given)} describe{'s' if len(given) == 1 else ''} a picture: give the picture too, "
                "with --image FILE"] if given else []
    missing = [f"--{name}" for name in ("alt", "credit") if not picture.get(name, "").strip()]
    if not missing:
        return []
    said = {f"--{spec.name}": spec.doc[0].lower() + spec.doc[1:].rstrip(".") for spec in IMAGE_FIELDS}
    return ["--image needs " + " and ".join(f"{option} ({said[option]})" for option in missing)]


def picture_for_new(root: Path, file: Path, stem: str, picture: dict[str, str]) -> tuple[dict[str, str], Path | None]:
    """Return the image fields for a picture file given to `new` (its src the name it gets in media/: the event's
    file name with the file's extension, -2, -3... beside a different file of that name) and the file to copy
    there, or None when that very file is there already; raise NewEventRefused when it is not a picture."""
    if not file.is_file():
        raise NewEventRefused([f"--image: {file}: {not_a_file(file)}"])
    suffix = file.suffix.lower()
    extension = suffix if re.fullmatch(r"\.[a-z0-9]+", suffix) else ""
    found, problem = check_picture_content(file, str(file))  # as the build will check it once it is in media/
    if problem:
        raise NewEventRefused([f"--image: {problem}"])
    extension = extension or _PICTURE_EXTENSIONS[found.format]
    for number in itertools.count(1):
        name = f"{MEDIA_DIR}/{stem}{'' if number == 1 else f'-{number}'}{extension}"
        target = root / name
        if not target.exists() and not target.is_symlink():
            copy = file
            break
        if target.is_file() and not target.is_symlink() and filecmp.cmp(file, target, shallow=False):
            copy = None  # the same picture, given again: the event uses the file already there
            break
    fields = {"src": name, **{key: " ".join(value.split()) for key, value in picture.items() if value.strip()}}
    return fields, copy
