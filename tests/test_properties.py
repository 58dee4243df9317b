"""Properties that hold for every input, checked on inputs Hypothesis generates: the safety net of the refactor.

1. Dates: written out (ISO, words, ranges, estimates) and read back, they are the same date, or refused in words.
2. The loader: any bytes in an event file become an event or located problems, never an exception.
3. The sanitiser: no Markdown or raw HTML makes a description carry script.
4. events.json, imported into a new project and built again, gives the same site byte for byte.

The examples per property come from the profile tests/conftest.py loads (HYPOTHESIS_PROFILE: ci or thorough).
"""

from __future__ import annotations

import calendar
import json
import re
import shutil
import string
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from timeline.model.dates import (DAY, MAX_YEAR, MONTH, MONTH_NAMES, WEEKDAY_NAMES, YEAR, DateError, EventDate,
                                  format_range, format_year, make_date, parse_date, range_parts)

# --- 1. dates -----------------------------------------------------------------------------------------------------

# The years where the rules change (eras, 1 BC beside AD 1, three-digit and two-digit years, the limits), and any other.
EDGE_YEARS = [-MAX_YEAR, -1000, -101, -100, -99, -10, -5, -4, -2, -1, 1, 2, 9, 10, 99, 100, 999, 1000, 1582, 1900,
              2000, 2024, 9998, MAX_YEAR]
YEARS = st.one_of(st.sampled_from(EDGE_YEARS), st.integers(-MAX_YEAR, MAX_YEAR).filter(bool))


def month_length(year: int, month: int) -> int:
    """Return the days of a month, worked out apart from the code under test: 1 BC is astronomical year 0."""
    return calendar.monthrange(2000 if calendar.isleap(year + 1 if year < 0 else year) else 2001, month)[1]


@st.composite
def event_dates(draw, years=YEARS, precisions=(DAY, MONTH, YEAR)) -> EventDate:
    """Return a real date at a precision: a day, a month or a year, BC or AD."""
    year = draw(years)
    precision = draw(st.sampled_from(precisions))
    if precision == YEAR:
        return EventDate(year)
    month = draw(st.integers(1, 12))
    if precision == MONTH:
        return EventDate(year, month)
    return EventDate(year, month, draw(st.integers(1, month_length(year, month))))


def astronomical(year: int) -> int:
    return year + 1 if year < 0 else year


def first_day(date: EventDate) -> tuple[int, int, int]:
    return astronomical(date.year), date.month or 1, date.day or 1


def last_day(date: EventDate) -> tuple[int, int, int]:
    month = date.month or 12
    return astronomical(date.year), month, date.day or month_length(date.year, month)


@st.composite
def ranges(draw) -> tuple[EventDate, EventDate]:
    """Return (start, end) of a range the checker accepts: the end wholly after the start.

    The end is often in the start's month or year, where the range's text shortens the start.
    """
    start = draw(event_dates())
    year = draw(st.one_of(st.just(start.year), st.integers(start.year, min(start.year + 3, MAX_YEAR)), YEARS))
    end = draw(event_dates(years=st.just(year) if year else st.just(1)))
    if end.month is not None and start.month is not None and draw(st.booleans()):
        end = EventDate(end.year, start.month, end.day and min(end.day, month_length(end.year, start.month)))
    assume(first_day(end) > last_day(start))
    return start, end


def readable_in_words(date: EventDate) -> bool:
    """Return whether parse_date reads back date.format(), as CONTRIBUTING.md's table of date forms says.

    An AD year before 1000 written alone ('800') and one before 100 in any form ('4 November 24') are shown
    but not read: the checker asks for 0800 or 'AD 800' there, taking a short year for a typo.
    """
    return date.is_bce or date.year >= 1000 or (date.year >= 100 and date.month is not None)


@given(event_dates())
@example(EventDate(-1, 2, 29))  # 1 BC is astronomical year 0: a leap year
@example(EventDate(1, 1, 1))
def test_iso_reads_back_as_the_same_date_at_every_precision(date):
    text = date.iso()
    assert re.fullmatch(r"-?\d{4}(-\d\d(-\d\d)?)?", text), text
    assert parse_date(text) == date
    assert parse_date(text).precision == date.precision


@given(event_dates())
def test_words_read_back_as_the_same_date_or_are_refused_never_misread(date):
    text = date.format()
    if readable_in_words(date):
        assert parse_date(text) == date, text
    else:
        with pytest.raises(DateError):
            parse_date(text)
        assert parse_date(date.iso()) == date  # the form the message asks for


@given(event_dates(precisions=(DAY,)), st.integers(0, 6))
def test_a_weekday_before_a_day_is_checked(date, weekday):
    assume(readable_in_words(date))
    text = f"{WEEKDAY_NAMES[weekday]}, {date.format()}"
    if date.is_bce or calendar.weekday(date.year, date.month, date.day) == weekday:
        assert parse_date(text) == date  # no weekday is checked before AD 1
    else:
        with pytest.raises(DateError, match="check the source for the right day"):
            parse_date(text)


@given(event_dates(), st.sampled_from(["{iso}", "{words}", "{year}", "{year} BC", "AD {year}", "{year} AD"]))
def test_there_is_no_year_0(date, form):
    zero = EventDate(0, date.month, date.day)
    text = form.format(iso=zero.iso(), words=zero.format(), year="0")
    with pytest.raises(DateError, match=r"there is no year 0 in .*: 1 BC is followed by AD 1"):
        parse_date(text)
    with pytest.raises(DateError):
        make_date(0, date.month, date.day)


@given(YEARS)
def test_1_bc_is_followed_by_ad_1(year):
    assume(year != MAX_YEAR)
    following = 1 if year == -1 else year + 1
    assert make_date(following).start_key()[0] == make_date(year).end_key()[0] + 1
    if readable_in_words(EventDate(year)):
        assert parse_date(format_year(year)) == EventDate(year)


@given(event_dates())
def test_an_estimate_is_shown_with_c_and_its_text_points_to_the_approximate_field(date):
    text = format_range(date, None, approximate=True)
    assert text == f"c. {date.format()}"
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == (f"{text!r} says the date is uncertain, which has a field of its own: write the date "
                                 f"alone ({date.format()}) and add the line 'approximate: true' to the event")


@given(ranges(), st.booleans())
def test_a_range_text_holds_both_ends_and_is_never_read_as_one_date(dates, approximate):
    start, end = dates
    first, last = range_parts(start, end)
    text = format_range(start, end, approximate)
    prefix = "c. " if approximate else ""
    assert text in (f"{prefix}{first}–{last}", f"{prefix}{first} – {last}")
    # The end in full: as it is shown alone, or with 'AD' where the range crosses the eras.
    assert last in (end.format(), f"{end.format(with_year=False)} AD {end.year}".lstrip())
    # The start in full, or shortened by what the end already says: completed with the end's tail, it is the start.
    if first == str(start.day) and start.precision == end.precision == DAY:
        assert EventDate(end.year, end.month, int(first)) == start
    elif first == start.format(with_year=False) and first != start.format():
        assert start.year == end.year and start.precision == end.precision
        if readable_in_words(start):
            assert parse_date(f"{first} {format_year(end.year)}") == start
    elif first == str(-start.year) and start.is_bce:
        assert end.is_bce and start.precision == end.precision == YEAR
        assert parse_date(f"{first} BC") == start
    else:
        assert first == start.format()
        if readable_in_words(start):
            assert parse_date(first) == start
    if readable_in_words(end) and last == end.format():
        assert parse_date(last) == end
    # The range's text is not one date: reading it as the start (dropping the end) would lose half of it.
    with pytest.raises(DateError):
        parse_date(text)


@given(ranges())
def test_a_french_range_holds_both_ends(dates):
    from timeline.render.i18n import language

    start, end = dates
    french = language("fr")
    text = french.format_range(start, end)
    assert text.endswith(french.format_date(end))
    assert text.startswith((french.format_date(start), f"{start.day}–"))
    assert french.format_range(start, end, approximate=True) == f"{french.gettext('c.')} {text}"


@given(event_dates(), event_dates())
def test_the_checker_keeps_only_ranges_that_end_after_they_start(date, end):
    from timeline.model.event_file import EventFile, split_front_matter
    from timeline.model.validate import date_prefix, validate_file

    name = f"{date_prefix(date)}-a.md"
    event_file = EventFile(path=Path("events", name), relpath=f"events/{name}")
    split_front_matter(f"---\ntitle: A\ndate: {date.iso()}\nend: {end.iso()}\nsources:\n  - title: T\n"
                       f"    publisher: P\n    published: 2024\n---\nText.\n", event_file)
    event = validate_file(event_file)
    if last_day(end) < first_day(date):
        assert event is None
        assert [str(p) for p in event_file.problems] == [
            f"events/{name}:4: end: is {end.iso()}, before the date {date.iso()}; the end of a range must come after "
            "its start (swap them?)"]
    elif event is not None and event.end is not None:
        assert first_day(event.end) > last_day(event.date)
    else:
        assert end == date or first_day(end) <= last_day(date)  # the same date (a warning), or inside it (an error)


@given(st.integers(1000, 2199), st.integers(0, 364), st.integers(1, 364))
def test_a_range_of_days_in_one_year_reads_back_in_extract(year, first, length):
    import datetime

    from timeline.authoring.timex import find_timexes

    # extract reads ranges of days within one year, in the years news is about (1000 to 2199).
    start_day = datetime.date(year, 1, 1) + datetime.timedelta(days=first)
    end_day = start_day + datetime.timedelta(days=length)
    assume(end_day.year == year)
    start, end = (EventDate(d.year, d.month, d.day) for d in (start_day, end_day))
    found = find_timexes(format_range(start, end), EventDate(2199, 12, 31))
    assert [(t.date, t.end_date) for t in found] == [(start, end)]
