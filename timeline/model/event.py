"""The event: what a validated event file holds, and its form as JSON data for the readings cache."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields

from timeline.model.dates import DAY, EventDate, format_range
from timeline.model.fields import DEFAULT_STATUS


@dataclass(frozen=True)
class Source:
    """A piece of reporting an event rests on."""

    title: str
    publisher: str
    published: EventDate
    url: str = ""
    quote: str = ""
    archive_url: str = ""


@dataclass(frozen=True)
class Correction:
    """A change made to an event after it was published, and why."""

    date: EventDate
    note: str


@dataclass(frozen=True)
class Related:
    """A link from an event to another, by the other's id, and how the two relate (a word of RELATIONS)."""

    event: str
    relation: str
    line: int = 0  # where the link's 'event:' is in its file, for the checks across files


@dataclass(frozen=True)
class Picture:
    """An event's picture: where it is, what it shows and whose it is; a local one also its content's digest and
    size, which the build fills in (build/media.py)."""

    src: str
    alt: str
    credit: str
    caption: str = ""
    license: str = ""
    line: int = 0  # where src: is in the event's file, for the checks of the file it names
    digest: str = ""
    width: int = 0
    height: int = 0

    @property
    def is_local(self) -> bool:
        """Return whether the picture is a file in media/ (not an https:// address)."""
        return not self.src.startswith("https://")


@dataclass(frozen=True)
class Event:
    """One dated event, validated."""

    id: str
    path: str
    title: str
    date: EventDate
    sources: tuple[Source, ...]
    end: EventDate | None = None
    ongoing: bool = False  # end: .., an event still going on
    approximate: bool = False
    display_date: str = ""
    actors: tuple[str, ...] = ()
    location: str = ""
    tags: tuple[str, ...] = ()
    status: str = DEFAULT_STATUS
    corrections: tuple[Correction, ...] = ()
    related: tuple[Related, ...] = ()
    thread: str = ""
    image: Picture | None = None
    draft: bool = False
    body: str = ""
    body_line: int = 1

    @property
    def date_text(self) -> str:
        """Return how the date reads on the page."""
        return self.display_date or format_range(self.date, self.end, self.approximate, self.ongoing)

    @property
    def date_needs_words(self) -> bool:
        """Return whether a year, month and day cannot say the date: an estimate, a doubt, a season, a decade or
        century, or an event still going on (what other formats can only give as display text)."""
        dates = (self.date, self.end) if self.end else (self.date,)
        return self.approximate or self.ongoing or any(
            date.qualifier or date.season is not None or date.unspecified for date in dates)

    @property
    def publishers(self) -> tuple[str, ...]:
        """Return the independent publishers of the sources, each once as first written (two articles from one
        publisher are one, however its name is cased or spaced)."""
        seen: dict[str, str] = {}
        for source in self.sources:
            seen.setdefault(publisher_key(source.publisher), source.publisher)
        return tuple(seen.values())

    @property
    def corroboration(self) -> str:
        """Return 'independent' for an event two or more publishers report, 'single' for one, '' for none."""
        count = len(self.publishers)
        return "independent" if count > 1 else "single" if count else ""

    @property
    def first_reported(self) -> EventDate | None:
        """Return when the first source was published, or None for an event without sources."""
        return min((source.published for source in self.sources), key=EventDate.start_key, default=None)

    def days_until_reported(self) -> int | None:
        """Return how many days after its last day an event known to the day was first reported by a source known
        to the day, when that is more than one (news of the same or the next day is not late), else None."""
        first, last = self.first_reported, self.end or self.date
        if self.ongoing:
            return None  # reporting while it goes on is not late
        if first is None or first.precision != DAY or last.precision != DAY or min(first.year, last.year) < 1:
            return None  # before AD 1 there is no calendar date to count with
        days = (datetime.date(*first.start_key()) - datetime.date(*last.start_key())).days
        return days if days > 1 else None

    @property
    def retraction(self) -> Correction | None:
        """Return the correction that says why a retracted event was withdrawn (its latest), else None."""
        return self.corrections_newest_first()[0] if self.status == "retracted" and self.corrections else None

    def corrections_newest_first(self) -> list[Correction]:
        """Return the event's corrections, the latest first (as written where two share a date)."""
        return sorted(self.corrections, key=lambda c: c.date.end_key(), reverse=True)

    def sort_key(self) -> tuple:
        """Return the key that orders events in time, ties broken by id."""
        # Without an end, the date itself: (0, 0, 0) would sort BC events without an end after those with one.
        # An event still going on ends after every event that ends.
        end = (float("inf"),) if self.ongoing else (self.end or self.date).sort_key()
        return (self.date.sort_key(), end, self.id)


def publisher_key(name: str) -> str:
    """Return what tells publishers apart: their name without case or extra spaces ('The  Guardian', 'the guardian')."""
    return " ".join(name.casefold().split())


def description_text(body: str) -> str:
    """Return a description as events.json holds it and import writes it: without the blank lines around it.

    Only blank lines go: a first line's indent (a code block) and a last line's trailing spaces are Markdown
    the page renders, so the description imported from events.json renders as the file's own did.
    """
    if not body.strip(" \t\n"):
        return ""
    lines = body.split("\n")
    start, end = 0, len(lines)
    while not lines[start].strip(" \t"):
        start += 1
    while not lines[end - 1].strip(" \t"):
        end -= 1
    return "\n".join(lines[start:end])


def event_data(event: Event) -> dict:
    """Return an event as JSON data (dates as lists of their fields), leaving out its body, which its file holds."""
    data = {name: getattr(event, name) for name in _EVENT_DATA_FIELDS}
    data["date"] = _date_data(event.date)
    data["end"] = _date_data(event.end) if event.end is not None else None
    data["sources"] = [{**{name: getattr(source, name) for name in _SOURCE_DATA_FIELDS},
                        "published": _date_data(source.published)} for source in event.sources]
    data["actors"], data["tags"] = list(event.actors), list(event.tags)
    data["corrections"] = [[_date_data(c.date), c.note] for c in event.corrections]
    data["related"] = [[r.event, r.relation, r.line] for r in event.related]
    data["image"] = [getattr(event.image, name) for name in _PICTURE_DATA_FIELDS] if event.image else None
    return data


def _date_data(date: EventDate) -> list:
    """Return a date as [year, month, day, season, unspecified, uncertain, approximate]."""
    return [date.year, date.month, date.day, date.season, date.unspecified, date.uncertain, date.approximate]


_EVENT_DATA_FIELDS = tuple(spec.name for spec in fields(Event) if spec.name != "body")
_SOURCE_DATA_FIELDS = tuple(spec.name for spec in fields(Source))
_PICTURE_DATA_FIELDS = tuple(spec.name for spec in fields(Picture))


def event_from_data(data: dict, body: str) -> Event:
    """Return the event that event_data() turned into data."""
    values = dict(data)
    values["date"] = EventDate(*data["date"])
    values["end"] = EventDate(*data["end"]) if data["end"] is not None else None
    values["sources"] = tuple(Source(**{**source, "published": EventDate(*source["published"])})
                              for source in data["sources"])
    values["actors"], values["tags"] = tuple(data["actors"]), tuple(data["tags"])
    values["corrections"] = tuple(Correction(EventDate(*date), note) for date, note in data["corrections"])
    values["related"] = tuple(Related(*link) for link in data["related"])
    values["image"] = Picture(*data["image"]) if data.get("image") else None
    return Event(body=body, **values)
