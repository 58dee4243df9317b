"""extract: the command's work, its printing left to the command line.

Each article is read (article.py) and its dated events found (dated_events.py, with the temporal
tagger in timex/); the same event reported by several articles becomes one, citing each; each is
compared with the project's events, and on --write the new ones are saved as draft event files
that cite their articles (new_event.py). An article that cannot be read is reported and skipped.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from timeline.authoring.article import Article, ExtractError, read_source, source_of
from timeline.authoring.dated_events import Citation, FoundEvent, dated_by, find_events
from timeline.authoring.new_event import FileExists, NewEvent, source_yaml, write_new_event
from timeline.authoring.suggest import known_spellings, under_known_names
from timeline.model.dates import DateError, parse_date
from timeline.model.entities import Entities

# Two events of different articles on the same date are one when their sentences read this alike.
SAME_SENTENCE = 0.6


@dataclass
class ArticleRead:
    """An article as read, and how it was given (its path or address)."""

    origin: str
    article: Article


@dataclass
class ExtractReport:
    """What extract found: the articles read, those that could not be, and each dated event once."""

    articles: list[ArticleRead] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one line for each source that could not be read
    events: list[FoundEvent] = field(default_factory=list)

    @property
    def article(self) -> Article:
        """Return the first article read (the only one, when one was given)."""
        return self.articles[0].article

    def new_citations(self, event: FoundEvent) -> list[Citation]:
        """Return the citations of a found event that the existing event it repeats does not cite yet."""
        return [citation for citation in event.citations if citation not in event.cited]


@dataclass
class DraftWritten:
    """What --write did with a found event: the file it wrote, or why it wrote none."""

    event: FoundEvent
    path: str = ""     # the new file, as events/NAME.md
    refused: str = ""  # why no file was written although the event is new: its file is already there


def extract_events(root: Path, sources: list[str], *, published: str | None = None, publisher: str | None = None,
                   url: str | None = None, country: str | None = None) -> ExtractReport:
    """Return the dated events of the articles at sources (files, saved pages, addresses or folders of them),
    each event once, compared with the events of the project at root.

    Raises ExtractError for a bad option; an article that cannot be read is one of the report's failures.
    """
    from timeline.build.builder import load_project

    _check_options(url, country, published)
    origins = expand_sources(sources)
    if url and len(origins) > 1:
        raise ExtractError("--url: gives one article's address; with several articles, give each one's address, "
                           "or a saved page that names it")
    project = load_project(root)
    actors, places = _known_names(project.events, project.entities)
    report = ExtractReport()
    for origin in origins:
        try:
            article = _read(origin, published, publisher, url)
            events = find_events(article, country, actors, places)
            for event in events:  # "Ch'oe Sŏn-hŭi" in the article is "Choe Son Hui" in the project
                event.actors = under_known_names(event.actors, actors, project.entities)
                event.location = next(iter(under_known_names([event.location], places, project.entities)))
        except (ExtractError, DateError) as error:
            report.failures.append(str(error))
            continue
        report.articles.append(ArticleRead(origin, article))
        citation_source = source_of(article)
        for event in events:
            event.citations = [Citation(citation_source, event.quote, event.evidence, origin)]
        _merge_into(report.events, events)
    find_duplicates(report.events, project.events)
    return report


def expand_sources(sources: list[str]) -> list[str]:
    """Return the sources with each folder replaced by its files (not hidden), in name order."""
    expanded = []
    for source in sources:
        path = Path(source)
        if urlsplit(source).scheme in ("http", "https") or not path.is_dir():
            expanded.append(source)
            continue
        files = sorted(str(p) for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        if not files:
            raise ExtractError(f"{source}: is a folder with no files in it; give an article's file or address")
        expanded += files
    return expanded


def _read(source: str, published: str | None, publisher: str | None, url: str | None) -> Article:
    """Return the article at source, the options given for it applied."""
    article = read_source(source)
    if published:
        article.published = parse_date(published)
        article.published_note = "--published"
    article.publisher = publisher or article.publisher
    article.url = url or article.url
    if not article.publisher:
        raise ExtractError(f"{source}: cannot tell who published it; give it with --publisher NAME")
    return article


def _check_options(url: str | None, country: str | None, published: str | None) -> None:
    """Raise ExtractError when --url is not a web address, --country a country the holidays package does not
    know, or --published not a date from AD 1 on."""
    if url and not (urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc):
        raise ExtractError(f"--url: expected a web address starting with http:// or https://, found {url!r}")
    if country:
        import holidays

        if country.upper() not in holidays.list_supported_countries():
            raise ExtractError(f"--country: {country!r} is not a country the holidays package knows; give its "
                               "two-letter code, like RU, KP or US")
    if published:
        try:
            date = parse_date(published)
        except DateError as error:
            raise ExtractError(str(error)) from None
        if date.year < 1:  # news is dated AD: the tagger counts days from the publication date
            raise ExtractError(f"--published: {published!r} is before AD 1; give the date the article was "
                               "published, like 2024-11-07")


def _known_names(events: list, entities: Entities) -> tuple[list[str], list[str]]:
    """Return the actors and the places the project's events name, with every spelling entities.toml gives
    them, longest first so that a full name wins."""
    actors = known_spellings(list({actor for event in events for actor in event.actors}), entities)
    places = known_spellings(list({event.location for event in events if event.location}), entities)
    return actors, places


def _merge_into(found: list[FoundEvent], events: list[FoundEvent]) -> None:
    """Add an article's events to those found so far, each one another article reports becoming a citation of it."""
    earlier = list(found)
    for event in events:
        same = next((other for other in earlier if same_event(other, event)), None)
        if same is None:
            found.append(event)
        else:
            same.citations += event.citations
            earlier.remove(same)  # an article reports an event once


def same_event(one: FoundEvent, other: FoundEvent) -> bool:
    """Return whether two articles' events are one: the same dates, and the same people or place, or sentences
    that read alike."""
    if (one.date, one.end) != (other.date, other.end):
        return False
    if set(one.actors) & set(other.actors) or (one.location and one.location == other.location):
        return True
    return difflib.SequenceMatcher(None, one.quote.lower(), other.quote.lower()).ratio() >= SAME_SENTENCE


def find_duplicates(found: list[FoundEvent], events: list) -> None:
    """Mark found events that repeat an existing event, and which of their citations that event already cites."""
    # An event repeats another on the same date with a similar title or an actor in common.
    for event in found:
        for existing in events:
            if existing.date != event.date:
                continue
            similar = difflib.SequenceMatcher(None, existing.title.lower(), event.title.lower()).ratio() > 0.5
            shared = set(existing.actors) & set(event.actors)
            if similar or shared:
                event.duplicate_of = existing.path
                event.cited = [c for c in event.citations if any(same_source(s, c.source) for s in existing.sources)]
                event.cited_there = len(event.cited) == len(event.citations)
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


def source_lines(citation: Citation, indent: str) -> str:
    """Return the YAML lines that add a citation's article, quoting its sentences, to an event's sources."""
    return source_yaml({**citation.source, "quote": citation.quote}, indent)


def write_drafts(root: Path, report: ExtractReport) -> Iterator[DraftWritten]:
    """Yield what becomes of each found event as the new ones are written as draft files; never overwrite."""
    for event in report.events:
        if event.duplicate_of:
            yield DraftWritten(event)
            continue
        try:
            path = write_new_event(root, new_event_of(event))
        except FileExists as error:
            yield DraftWritten(event, refused=str(error))
            continue
        yield DraftWritten(event, path=path.relative_to(root).as_posix())


def new_event_of(event: FoundEvent) -> NewEvent:
    """Return the draft event file a found event becomes: its articles its sources, notes for the editor."""
    notes = []
    for citation in event.citations:
        source = citation.source
        notes += [f"Drafted by extract from {source['title']!r} ({source['publisher']}).",
                  (f"Dated by {dated_by(citation.evidence)}, resolved against the publication "
                   f"date {source['published']}.")]
    notes[-1] += " Check the date, the title, actors and place,"
    notes.append("write the description below, then set draft: false.")
    return NewEvent(
        title=event.title, date=event.date, end=event.end, actors=event.actors, location=event.location,
        sources=[{**citation.source, "quote": citation.quote} for citation in event.citations], draft=True,
        notes=notes,
    )
