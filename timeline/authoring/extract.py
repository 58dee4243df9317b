"""extract: the command's work, its printing left to the command line.

The article is read (article.py), its dated events found (dated_events.py, with the temporal
tagger in timex/), each compared with the project's events, and on --write the new ones saved as
draft event files that cite the article (new_event.py).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from timeline.authoring.article import Article, ExtractError, read_source, source_of
from timeline.authoring.dated_events import FoundEvent, find_events
from timeline.authoring.new_event import FileExists, NewEvent, source_yaml, write_new_event
from timeline.model.dates import DateError, parse_date


@dataclass
class ExtractReport:
    """What extract found: the article, its dated events, and the article as an event source."""

    article: Article
    events: list[FoundEvent]
    source: dict[str, str]

    def source_lines(self, event: FoundEvent, indent: str) -> str:
        """Return the YAML lines that add the article, quoting event's sentences, to an event's sources."""
        return source_yaml({**self.source, "quote": event.quote}, indent)


@dataclass
class DraftWritten:
    """What --write did with a found event: the file it wrote, or why it wrote none."""

    event: FoundEvent
    path: str = ""     # the new file, as events/NAME.md
    refused: str = ""  # why no file was written although the event is new: its file is already there


def extract_events(root: Path, source: str, *, published: str | None = None, publisher: str | None = None,
                   url: str | None = None, country: str | None = None) -> ExtractReport:
    """Return the dated events of the article at source, each compared with the events of the project at root."""
    from timeline.build.builder import load_project

    _check_options(url, country)
    try:
        article = read_source(source)
        if published:
            article.published = parse_date(published)
            article.published_note = "--published"
            if article.published.year < 1:  # news is dated AD: the tagger counts days from the publication date
                raise ExtractError(f"--published: {published!r} is before AD 1; give the date the article was "
                                   "published, like 2024-11-07")
        article.publisher = publisher or article.publisher
        article.url = url or article.url
        if not article.publisher:
            raise ExtractError(f"{source}: cannot tell who published it; give it with --publisher NAME")
        project = load_project(root)
        actors, places = _known_names(project.events)
        events = find_events(article, country, actors, places)
    except DateError as error:
        raise ExtractError(str(error)) from None
    report = ExtractReport(article, events, source_of(article))
    find_duplicates(events, project.events, report.source)
    return report


def _check_options(url: str | None, country: str | None) -> None:
    """Raise ExtractError when --url is not a web address or --country a country the holidays package knows."""
    if url and not (urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc):
        raise ExtractError(f"--url: expected a web address starting with http:// or https://, found {url!r}")
    if country:
        import holidays

        if country.upper() not in holidays.list_supported_countries():
            raise ExtractError(f"--country: {country!r} is not a country the holidays package knows; give its "
                               "two-letter code, like RU, KP or US")


def _known_names(events: list) -> tuple[list[str], list[str]]:
    """Return the actors and the places the project's events name, longest first so that a full name wins."""
    actors = sorted({actor for event in events for actor in event.actors}, key=len, reverse=True)
    places = sorted({event.location for event in events if event.location}, key=len, reverse=True)
    return actors, places


def find_duplicates(found: list[FoundEvent], events: list, source: dict[str, str]) -> None:
    """Mark found events that repeat an existing event, and whether that event already cites source."""
    # An event repeats another on the same date with a similar title or an actor in common.
    for event in found:
        for existing in events:
            if existing.date != event.date:
                continue
            similar = difflib.SequenceMatcher(None, existing.title.lower(), event.title.lower()).ratio() > 0.5
            shared = set(existing.actors) & set(event.actors)
            if similar or shared:
                event.duplicate_of = existing.path
                event.cited_there = any(same_source(cited, source) for cited in existing.sources)
                break


def same_source(cited, source: dict[str, str]) -> bool:
    """Return whether an event's source is the article source describes: same address, else headline, publisher, day."""
    if cited.url and source["url"]:
        return cited.url.rstrip("/") == source["url"].rstrip("/")
    return (_plain(cited.title), _plain(cited.publisher), cited.published.iso()) == (
        _plain(source["title"]), _plain(source["publisher"]), source["published"])


def _plain(text: str) -> str:
    """Return text with its spaces made single and its case folded, for comparing headlines and publishers."""
    return " ".join(text.split()).casefold()


def write_drafts(root: Path, report: ExtractReport) -> Iterator[DraftWritten]:
    """Yield what becomes of each found event as the new ones are written as draft files; never overwrite."""
    for event in report.events:
        if event.duplicate_of:
            yield DraftWritten(event)
            continue
        try:
            path = write_new_event(root, new_event_of(event, report))
        except FileExists as error:
            yield DraftWritten(event, refused=str(error))
            continue
        yield DraftWritten(event, path=path.relative_to(root).as_posix())


def new_event_of(event: FoundEvent, report: ExtractReport) -> NewEvent:
    """Return the draft event file a found event becomes: the article its source, notes for the editor."""
    article = report.article
    return NewEvent(
        title=event.title, date=event.date, actors=event.actors, location=event.location,
        sources=[{**report.source, "quote": event.quote}], draft=True,
        notes=[f"Drafted by extract from {article.title!r} ({article.publisher}).",
               (f"Dated by {event.dated_by}, resolved against the publication date {article.published.iso()}. "
                "Check the date, the title, actors and place,"),
               "write the description below, then set draft: false."],
    )
