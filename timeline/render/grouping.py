"""The timeline's years and months: their groups of events, headings and anchors."""

from __future__ import annotations

from dataclasses import dataclass, field

from timeline.model.dates import MONTH, MONTH_NAMES, EventDate
from timeline.model.event import Event
from timeline.model.names import year_key
from timeline.render.i18n import Language, language


def year_anchor(date: EventDate) -> str:
    """Return the timeline's anchor for a date's year ('y2024', 'ybc0500')."""
    return f"y{year_key(date.year)}"


def month_anchor(date: EventDate) -> str:
    """Return the timeline's anchor for a date's month ('y2024-11'), or its year's when it has none."""
    anchor = year_anchor(date)
    return anchor if date.month is None else f"{anchor}-{date.month:02d}"


def month_label(date: EventDate, lang: Language | None = None) -> str:
    """Return a month heading ('November 2024'), or the year alone for year-precision dates."""
    lang = lang or language("en")
    year = lang.format_year(date.year)
    if date.month is None:
        return year
    return lang.format_date(EventDate(date.year, date.month)) if not lang.english else \
        f"{MONTH_NAMES[date.month - 1]} {year}"


@dataclass
class MonthGroup:
    """Events of one month of one year on the timeline (month None: known only to the year)."""

    month: int | None
    label: str
    anchor: str
    events: list[Event] = field(default_factory=list)


@dataclass
class YearGroup:
    """Events of one year on the timeline: its year-precision events first, then months."""

    year: int
    label: str
    anchor: str
    months: list[MonthGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Return how many events the year holds."""
        return sum(len(m.events) for m in self.months)

    @property
    def key(self) -> str:
        """Return the year's key in addresses ('2024', 'bc0500')."""
        return year_key(self.year)


def group_by_year_and_month(events: list[Event], lang: Language | None = None) -> list[YearGroup]:
    """Return events grouped by year, then month, in the order given.

    Whatever the order, an event known only to the year sits at the head of its year,
    and one known only to the month at the head of its month.
    """
    lang = lang or language("en")
    years: list[YearGroup] = []
    months: dict[int | None, MonthGroup] = {}
    for event in events:
        date = event.date
        if not years or years[-1].year != date.year:
            years.append(YearGroup(date.year, lang.format_year(date.year), year_anchor(date)))
            months = {}
        month = months.get(date.month)
        if month is None:
            month = months[date.month] = MonthGroup(date.month, month_label(date, lang), month_anchor(date))
            years[-1].months.append(month)
        month.events.append(event)
    for year in years:
        year.months.sort(key=lambda m: m.month is not None)  # stable: the year's own events first
        for month in year.months:
            month.events.sort(key=lambda e: e.date.precision != MONTH)  # stable: the month's own first
    return years
