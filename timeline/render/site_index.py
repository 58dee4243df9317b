"""The lists the site's pages are made of (in time order, by year, by tag, actor and place, the links between
events), kept up to date event by event, and what a change of events reaches."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from timeline.model.event import Event
from timeline.model.facets import FACETS

# From this many events on, the timeline is split into a page per year (years/2024/), and the
# home page shows the overview, the years and the first year: the page a reader opens stays
# small however long the timeline grows. Below it, the whole timeline is one page.
YEAR_PAGES_FROM = 400
# From this many events in one year, that year's page lists its months and each month has a page of its own
# (years/2024/03/): a timeline entry weighs about 0.8 KB, so no page of the timeline passes 1 MB however
# crowded a year is, unless a single month holds more than about 1,200 events.
MONTH_PAGES_FROM = 1000


@dataclass
class Touched:
    """What a change of events reaches: event pages (by id), years, facet values and facet kinds, and the events
    whose entry in a list may read differently (by id)."""

    events: set[str] = field(default_factory=set)
    entries: set[str] = field(default_factory=set)
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
        self.linked_from: dict[str, dict[str, str]] = {}  # event id -> {id of an event linking to it: relation}
        for event in events:
            for link in event.related:
                self.linked_from.setdefault(link.event, {})[event.id] = link.relation

    @property
    def split(self) -> bool:
        """Return whether the timeline is split into a page per year."""
        return len(self.chronological) >= YEAR_PAGES_FROM

    def months_apart(self, year: int) -> bool:
        """Return whether a year of a split timeline has a page per month (its page listing the months)."""
        return self.split and len(self.by_year.get(year, ())) >= MONTH_PAGES_FROM

    def months_of(self, year: int) -> list[int]:
        """Return the months of a year that have events known to the month or the day, in calendar order."""
        return sorted({event.date.month for event in self.by_year.get(year, ()) if event.date.month})

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        """Return the events just before and just after event in time."""
        index = bisect.bisect_left(self.chronological, event.sort_key(), key=Event.sort_key)
        previous = self.chronological[index - 1] if index > 0 else None
        following = self.chronological[index + 1] if index + 1 < len(self.chronological) else None
        return previous, following

    def links(self, event: Event) -> list[tuple[str, Event, bool]]:
        """Return (relation, other event, whether the other event made the link) for each link of event to an event
        on the site: those it makes, in its order, then those made to it, in time order."""
        found = [(link.relation, self.by_id[link.event], False) for link in event.related if link.event in self.by_id]
        made_to = self.linked_from.get(event.id, {})
        found += sorted(((relation, self.by_id[other], True) for other, relation in made_to.items()),
                        key=lambda link: link[1].sort_key())
        return found

    def superseded(self, event: Event) -> bool:
        """Return whether an event on the site supersedes this one."""
        return "supersedes" in self.linked_from.get(event.id, {}).values()

    def linked_events(self, event: Event) -> tuple[Event | None, ...]:
        """Return the events an event's page shows beside it through its links (None for a link to an event not
        on the site), for the key of its page."""
        return tuple(self.by_id.get(link.event) for link in event.related) + tuple(
            self.by_id[other] for other in sorted(self.linked_from.get(event.id, {})))

    def _touch_links(self, event: Event, touched: Touched) -> None:
        """Note the pages a change of event reaches through its links: the pages of the events it links to and of
        those linking to it (each shows its title and date), and the entries of the events it supersedes."""
        for link in event.related:
            other = self.by_id.get(link.event)
            if other is not None:
                touched.events.add(other.id)
                if link.relation == "supersedes":  # its entry's badge, wherever it is listed
                    touched.entries.add(other.id)
                    touched.years.add(other.date.year)
                    touched.values.update((facet.kind, value) for facet in FACETS for value in facet.values(other))
        touched.events.update(other for other in self.linked_from.get(event.id, {}) if other in self.by_id)

    def remove(self, event: Event, touched: Touched) -> None:
        """Take event out of every list, noting what that touches."""
        index = _take(self.chronological, event)
        touched.events.add(event.id)
        touched.entries.add(event.id)
        touched.events.update(e.id for e in self.chronological[max(index - 1, 0): index + 1])
        del self.by_id[event.id]
        for link in event.related:
            sources = self.linked_from[link.event]
            del sources[event.id]
            if not sources:
                del self.linked_from[link.event]
        self._touch_links(event, touched)
        year = self.by_year[event.date.year]
        _take(year, event)
        if len(year) == MONTH_PAGES_FROM - 1:  # its months' pages go: its events' pages link to the year page
            touched.events.update(e.id for e in year)
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
        touched.entries.add(event.id)
        self.by_id[event.id] = event
        for link in event.related:
            self.linked_from.setdefault(link.event, {})[event.id] = link.relation
        self._touch_links(event, touched)
        year = self.by_year.setdefault(event.date.year, [])
        _put(year, event)
        if len(year) == MONTH_PAGES_FROM:  # its months get pages: its events' pages link to them
            touched.events.update(e.id for e in year)
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
