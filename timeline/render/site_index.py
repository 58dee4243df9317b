"""The lists the site's pages are made of (in time order, by year, by tag, actor and place), kept up to date
event by event, and what a change of events reaches."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from timeline.model.event import Event
from timeline.model.facets import FACETS

# From this many events on, the timeline is split into a page per year (years/2024/), and the
# home page shows the overview, the years and the first year: the page a reader opens stays
# small however long the timeline grows. Below it, the whole timeline is one page.
YEAR_PAGES_FROM = 400


@dataclass
class Touched:
    """What a change of events reaches: event pages (by id), years, facet values and facet kinds."""

    events: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    values: set[tuple[str, str]] = field(default_factory=set)
    facets: set[str] = field(default_factory=set)


class SiteIndex:
    """The lists the site's pages are made of, in time order, kept up to date event by event."""

    def __init__(self, events: list[Event] = ()):
        self.reset(events)

    def reset(self, events: list[Event]) -> None:
        """Make every list anew from events."""
        self.chronological = sorted(events, key=Event.sort_key)
        self.by_id = {event.id: event for event in events}
        self.by_year: dict[int, list[Event]] = {}
        for event in self.chronological:
            self.by_year.setdefault(event.date.year, []).append(event)
        self.groups = {facet.kind: facet.group(self.chronological) for facet in FACETS}

    @property
    def split(self) -> bool:
        """Return whether the timeline is split into a page per year."""
        return len(self.chronological) >= YEAR_PAGES_FROM

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        """Return the events just before and just after event in time."""
        index = bisect.bisect_left(self.chronological, event.sort_key(), key=Event.sort_key)
        previous = self.chronological[index - 1] if index > 0 else None
        following = self.chronological[index + 1] if index + 1 < len(self.chronological) else None
        return previous, following

    def remove(self, event: Event, touched: Touched) -> None:
        """Take event out of every list, noting what that touches."""
        index = _take(self.chronological, event)
        touched.events.add(event.id)
        touched.events.update(e.id for e in self.chronological[max(index - 1, 0): index + 1])
        del self.by_id[event.id]
        year = self.by_year[event.date.year]
        _take(year, event)
        if not year:
            del self.by_year[event.date.year]
        touched.years.add(event.date.year)
        for facet in FACETS:
            groups = self.groups[facet.kind]
            for value in facet.values(event):
                _take(groups[value], event)
                if not groups[value]:
                    del groups[value]
                touched.values.add((facet.kind, value))
                touched.facets.add(facet.kind)

    def add(self, event: Event, touched: Touched) -> None:
        """Put event into every list it belongs to, noting what that touches."""
        index = _put(self.chronological, event)
        touched.events.update(e.id for e in self.chronological[max(index - 1, 0): index + 2])
        self.by_id[event.id] = event
        _put(self.by_year.setdefault(event.date.year, []), event)
        touched.years.add(event.date.year)
        for facet in FACETS:
            groups = self.groups[facet.kind]
            for value in facet.values(event):
                _put(groups.setdefault(value, []), event)
                touched.values.add((facet.kind, value))
                touched.facets.add(facet.kind)


def _take(events: list[Event], event: Event) -> int:
    """Remove event from a time-ordered list; return where it was."""
    index = bisect.bisect_left(events, event.sort_key(), key=Event.sort_key)
    if index >= len(events) or events[index].id != event.id:
        raise LookupError(f"{event.id} is not where its date puts it")
    del events[index]
    return index


def _put(events: list[Event], event: Event) -> int:
    """Insert event into a time-ordered list; return where it went."""
    index = bisect.bisect_left(events, event.sort_key(), key=Event.sort_key)
    events.insert(index, event)
    return index
