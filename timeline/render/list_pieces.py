"""The pieces every list page is made of, each rendered once per version: an event's entry, a year's section.

Every list page (the timeline, its years, each tag, actor and place) shows the same entries, so
rendering each once is what keeps a rebuild fast however many events the lists hold.
"""

from __future__ import annotations

from markupsafe import Markup

from timeline.memo import EventMemo
from timeline.model.event import Event
from timeline.render.grouping import MonthGroup, YearGroup, group_by_year_and_month
from timeline.render.i18n import Language
from timeline.render.site_index import SiteIndex


class ListPieces:
    """Renders events' entries and the timeline's year sections with _macros.html, keeping each until it changes."""

    def __init__(self, index: SiteIndex, lang: Language, order: str):
        self.index = index
        self.lang = lang
        self.order = order
        self.macros = None  # templates/_macros.html's module, once the templates can see this object's methods
        self._entries = EventMemo()
        self._sections: dict[str, tuple[YearGroup, Markup]] = {}
        self._year_groups: dict[int, YearGroup] = {}

    def in_order(self, events: list[Event]) -> list[Event]:
        """Return chronological events in the configured order."""
        return events if self.order == "oldest-first" else events[::-1]

    def item(self, event: Event, heading: str = "h4") -> Markup:
        """Return an event's entry in the timeline, rendered once per version of the event (and of whether
        another event supersedes it, the one thing an entry shows of other events)."""
        return self._entry(event, "event_item", heading)

    def items(self, events: list[Event], heading: str = "h4") -> Markup:
        """Return the timeline entries of a list of events, one per line."""
        return Markup("\n").join([self.item(event, heading) for event in events])

    def line(self, event: Event, heading: str = "h2") -> Markup:
        """Return an event's short entry in a tag's, actor's or other facet's list: date, title and place."""
        return self._entry(event, "event_line", heading)

    def lines(self, events: list[Event], heading: str = "h2") -> Markup:
        """Return the short entries of a list of events, one per line."""
        return Markup("\n").join([self.line(event, heading) for event in events])

    def _entry(self, event: Event, macro: str, heading: str) -> Markup:
        """Return an event's entry drawn by one of _macros.html's entry macros, kept per version of the event."""
        superseded = self.index.superseded(event)
        key = heading if macro == "event_item" else f"line {heading}"
        key = f"{key} superseded" if superseded else key
        return self._entries.get(event, key, lambda: self._render_entry(event, macro, heading, superseded))

    def _render_entry(self, event: Event, macro: str, heading: str, superseded: bool) -> Markup:
        """Return an event's entry, rendered by the named macro."""
        return Markup(getattr(self.macros, macro)(event, heading, superseded))

    def kept_items(self, event: Event) -> dict[str, Markup]:
        """Return the entries of this very event rendered so far, by heading."""
        return self._entries.kept(event)

    def adopt_items(self, event: Event, items: dict[str, Markup]) -> None:
        """Take entries of this event that an earlier build rendered from the same file and setup."""
        self._entries.adopt(event, items)

    def year_section(self, year: YearGroup) -> Markup:
        """Return a year's section of the timeline, rendered once per YearGroup (made anew when it changes): its
        events, or, for a year with a page per month, its own events and its months' names and counts."""
        apart = self.index.months_apart(year.year)
        cached = self._sections.get(year.anchor)
        if cached is None or cached[0] is not year or cached[1] != apart:
            cached = (year, apart, Markup(self.macros.timeline_year(year, apart)))
            self._sections[year.anchor] = cached
        return cached[2]

    def month_section(self, year: YearGroup, month: MonthGroup) -> Markup:
        """Return the section of a month's own page (a crowded year's): the year's heading and the month's events."""
        cached = self._sections.get(month.anchor)
        if cached is None or cached[0] is not month:
            alone = YearGroup(year.year, year.label, year.anchor, months=[month])
            cached = (month, False, Markup(self.macros.timeline_year(alone, False, True)))
            self._sections[month.anchor] = cached
        return cached[2]

    def year_group(self, year: int) -> YearGroup:
        """Return a year's group of events in the configured order, regrouped only when it changed."""
        group = self._year_groups.get(year)
        if group is None:
            group = group_by_year_and_month(self.in_order(self.index.by_year[year]), self.lang)[0]
            self._year_groups[year] = group
        return group

    def years_in_order(self) -> list[YearGroup]:
        """Return the timeline's year groups in the configured order, regrouping only changed years."""
        return [self.year_group(year) for year in self.in_order(sorted(self.index.by_year))]

    def forget(self, event_ids: set[str], years: set[int]) -> None:
        """Forget the entries of events that changed, and the groups of the years they were or are in."""
        for event_id in event_ids:
            self._entries.forget(event_id)
        for year in years:
            self._year_groups.pop(year, None)

    def clear(self) -> None:
        """Forget every piece (a new plan of the whole site)."""
        self._entries.clear()
        self._sections.clear()
        self._year_groups = {}
