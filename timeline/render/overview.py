"""The overview strip: a bar per month, year or span of years, as tall as its share of the events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from timeline.model.dates import EventDate
from timeline.model.names import year_key
from timeline.render.grouping import month_anchor, month_label
from timeline.render.i18n import Language
from timeline.render.site_index import SiteIndex

# The overview strip counts events per month when the timeline spans at most this many years (and
# months), else per year, or per span of years: never more than MAX_BARS bars, so that each bar stays
# a target a finger can hit on a 320 px phone (WCAG 2.5.8: 24 px).
MONTHLY_OVERVIEW_YEARS = 2
MAX_BARS = 12
BAR_YEARS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000)
# The heights a bar can have: .bar.d1 to .bar.dN in style.css (a test checks it defines exactly d0 to dN);
# the page gives the number to timeline.js (data-levels), which redraws the bars from a search's matches.
DENSITY_LEVELS = 8


@dataclass(frozen=True)
class OverviewBar:
    """One bar of the overview strip: a year or a month, how many events it has, where it leads."""

    label: str
    short: str
    count: int
    level: int
    href: str | None
    tick: bool
    years: tuple[str, ...] = ()  # the keys of its years that have events (a bar per year or span of years)
    month: str = ""  # its month's anchor (a bar per month)


def bars(index: SiteIndex, lang: Language, year_href: Callable[..., str]) -> tuple[str, list[OverviewBar]]:
    """Return the overview strip: its unit ('year' or 'month') and a bar per year or month, oldest first."""
    years = sorted(index.by_year)
    if not years:
        return "year", []
    if not index.split and years[-1] - years[0] < MONTHLY_OVERVIEW_YEARS:
        counts: dict[tuple[int, int], int] = {}
        for event in index.chronological:
            if event.date.month is not None:
                key = (event.date.year, event.date.month)
                counts[key] = counts.get(key, 0) + 1
        first, last = (min(counts), max(counts)) if counts else ((0, 0), (0, 0))
        if counts and (last[0] - first[0]) * 12 + last[1] - first[1] + 1 <= MAX_BARS:
            top = max(counts.values())
            bars: list[OverviewBar] = []
            for year in years:
                for month in range(1, 13):
                    if not first <= (year, month) <= last:
                        continue
                    n = counts.get((year, month), 0)
                    date = EventDate(year, month)
                    tick = month == 1 or not bars
                    bars.append(OverviewBar(
                        month_label(date, lang), lang.format_year(year) if tick else "", n,
                        level(n, top), year_href(year, month_anchor(date), local=True) if n else None, tick,
                        month=month_anchor(date),
                    ))
            return "month", bars
    size = next(size for size in BAR_YEARS if (years[-1] // size) - (years[0] // size) + 1 <= MAX_BARS)
    counts: dict[int, list[int]] = {}
    for year in years:
        counts.setdefault(year // size, []).append(year)
    top = max(sum(len(index.by_year[y]) for y in group) for group in counts.values())
    keys = [key for key in range(years[0] // size, years[-1] // size + 1) if size > 1 or key != 0]
    step = 1 if len(keys) <= 6 else 4
    bars = []
    for position, key in enumerate(keys):
        group = counts.get(key, [])
        n = sum(len(index.by_year[y]) for y in group)
        first, last = max(key * size, years[0]) or 1, min(key * size + size - 1, years[-1]) or -1
        label = lang.format_year(first) if size == 1 else \
            f"{lang.format_year(first)}–{lang.format_year(last)}"
        tick = position % step == 0 or position == len(keys) - 1
        bars.append(OverviewBar(label, lang.format_year(first) if tick else "", n, level(n, top),
                                year_href(group[0], local=True) if group else None, tick,
                                tuple(year_key(year) for year in group)))
    return ("year" if size == 1 else "years"), bars


def level(count: int, top: int) -> int:
    """Return the overview bar's height class (0 for none, 1..DENSITY_LEVELS) for a count."""
    if count <= 0 or top <= 0:
        return 0
    return max(1, -(-count * DENSITY_LEVELS // top))
