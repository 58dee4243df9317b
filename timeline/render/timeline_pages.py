"""The timeline's own pages: the home page, a page per year once the timeline is split (site_index.YEAR_PAGES_FROM),
and a page per month of a crowded year (site_index.MONTH_PAGES_FROM); and the pages a change leaves behind."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from timeline.model.event import Event
from timeline.render import overview
from timeline.render.grouping import MonthGroup, YearGroup
from timeline.render.i18n import Language
from timeline.render.list_pieces import ListPieces
from timeline.render.site_index import SiteIndex
from timeline.render.urls import SiteUrls


class TimelinePages:
    """Makes the home page, the year pages and the month pages, remembering which year and month pages it made."""

    def __init__(self, render: Callable[..., bytes], index: SiteIndex, pieces: ListPieces, urls: SiteUrls,
                 lang: Language, page: type):
        self.render = render
        self.index = index
        self.pieces = pieces
        self.urls = urls
        self.lang = lang
        self.page = page  # pages.Page
        self._made: dict[int, list[str]] = {}  # year -> the site paths of its pages, as last made

    def home(self):
        """Return the timeline page: the whole timeline, or (split) the overview and the first year."""
        def make() -> bytes:
            links, split = self.year_links(), self.index.split
            years = self.pieces.years_in_order()
            unit, bars = overview.bars(self.index, self.lang, self.urls.year_href)
            return self.render(
                "timeline.html", years=years[:1] if split else years, year_links=links, current=None,
                count=len(self.index.chronological), split=split, overview_unit=unit, overview=bars,
                density_levels=overview.DENSITY_LEVELS, previous_year=None,
                next_year=links[1] if split and len(links) > 1 else None, page_path="",
            )
        return self.page("index.html", make)

    def years(self, years) -> list:
        """Return the pages of the given years (only when the timeline is split into year pages): each year's, and
        its months' when it has a page per month."""
        if not self.index.split:
            return []
        pages = []
        for year in sorted(years):
            self._made[year] = self._paths(year)
            pages.append(self._year_page(year))
            if self.index.months_apart(year):
                group = self.pieces.year_group(year)
                months = [month for month in group.months if month.month is not None]
                pages += [self._month_page(group, months, i) for i in range(len(months))]
        return pages

    def planned(self) -> Iterator[tuple[str, tuple, list[Event]]]:
        """Yield every year and month page as last made: its site path, what it shows beyond its events' entries
        (the years of the timeline in order, its year, whether the year has month pages and which, its month)
        and the events it shows."""
        years = tuple(self.pieces.in_order(sorted(self.index.by_year)))
        for year in sorted(self._made):
            events = self.index.by_year.get(year, [])
            apart = self.index.months_apart(year)
            months = tuple(self.index.months_of(year)) if apart else ()
            yield f"{self.urls.year_path(year)}index.html", (years, year, apart, months), events
            for month in months:
                yield (f"{self.urls.month_path(year, month)}index.html", (years, year, months, month),
                       [event for event in events if event.date.month == month])

    def left_behind(self, years) -> list[str]:
        """Return the site paths of the year and month pages the given years had and no longer have (a year with
        no events, a year whose months went back onto its page, a month left empty); forget them."""
        removed = []
        for year in sorted(years):
            made = self._made.pop(year, [])
            now = self._paths(year) if self.index.split and year in self.index.by_year else []
            removed += [path for path in made if path not in now]
            if now:
                self._made[year] = now
        return removed

    def _paths(self, year: int) -> list[str]:
        """Return the site paths of the files of a year's pages: its own, and its months' if it has a page per month."""
        return [f"{path}index.html" for path in self.urls.year_paths(year)]

    def forget(self) -> list[str]:
        """Return the site paths of every year and month page made so far, and forget them (a whole new plan)."""
        made = [path for year in sorted(self._made) for path in self._made[year]]
        self._made = {}
        return made

    def _year_page(self, year: int):
        """Return a year's page of a split timeline, with the years around it."""
        def make() -> bytes:
            links = self.year_links()
            position = next(i for i, link in enumerate(links) if link[2] == year)
            return self.render(
                "timeline.html", years=[self.pieces.year_group(year)], year_links=links, current=year,
                count=len(self.index.by_year[year]), split=True, overview_unit="year", overview=[],
                previous_year=links[position - 1] if position > 0 else None,
                next_year=links[position + 1] if position + 1 < len(links) else None,
                page_path=self.urls.year_path(year),
            )
        return self.page(f"{self.urls.year_path(year)}index.html", make)

    def _month_page(self, group: YearGroup, months: list[MonthGroup], position: int):
        """Return the page of one month of a crowded year, with the months around it (in the configured order)."""
        month = months[position]
        path = self.urls.month_path(group.year, month.month)

        def neighbour(at: int) -> tuple[str, str, int] | None:
            """Return (label, address, year) of the month at a position, if there is one."""
            if not 0 <= at < len(months):
                return None
            return months[at].label, self.urls.month_href(group.year, months[at].month), group.year

        def make() -> bytes:
            return self.render(
                "timeline.html", years=[group], month=month, year_links=self.year_links(), current=group.year,
                count=len(month.events), split=True, overview_unit="year", overview=[],
                previous_year=neighbour(position - 1), next_year=neighbour(position + 1), page_path=path,
            )
        return self.page(f"{path}index.html", make)

    def year_links(self) -> list[tuple[str, str, int]]:
        """Return (label, address, year) of every year, in the configured order, for the year navigation."""
        return [(self.lang.format_year(year), self.urls.year_href(year, local=True), year)
                for year in self.pieces.in_order(sorted(self.index.by_year))]
