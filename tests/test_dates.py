"""Dates: every form contributors write, the precision they meant, and the refusals with their messages."""

from __future__ import annotations

import datetime as real_datetime

import pytest

from timeline.model import dates
from timeline.model.dates import (
    DateError,
    EventDate,
    days_in_month,
    format_range,
    is_leap_year,
    make_date,
    parse_date,
    range_parts,
)

# text -> (year, month, day) with historical year numbering (-44 is 44 BC)
ACCEPTED = [
    # ISO forms at each precision
    ("2024-11-04", (2024, 11, 4)),
    ("2024-11", (2024, 11, None)),
    ("2024", (2024, None, None)),
    ("2024-1-4", (2024, 1, 4)),
    ("+2024", (2024, None, None)),
    ("  2024-11-04\n", (2024, 11, 4)),
    # English words, parsed by our own patterns or by dateparser
    ("4 November 2024", (2024, 11, 4)),
    ("Nov. 4, 2024", (2024, 11, 4)),
    ("November 4, 2024", (2024, 11, 4)),
    ("November 4th, 2024", (2024, 11, 4)),
    ("4th November 2024", (2024, 11, 4)),
    ("4th of November 2024", (2024, 11, 4)),
    ("the 4th of November, 2024", (2024, 11, 4)),
    ("Tuesday 5 November 2024", (2024, 11, 5)),
    ("Thu, 14 Nov 2024", (2024, 11, 14)),
    ("Wed. 2024-11-06", (2024, 11, 6)),
    ("Sunday 15 March 44 BC", (-44, 3, 15)),  # no weekday is checked before AD 1
    ("4-Nov-2024", (2024, 11, 4)),
    ("November, 2024", (2024, 11, None)),
    ("4  November\t2024", (2024, 11, 4)),
    ("4 Sept 2024", (2024, 9, 4)),
    ("4 Sep 2024", (2024, 9, 4)),
    ("November 2024", (2024, 11, None)),
    ("Nov 2024", (2024, 11, None)),
    ("Mar. 2024", (2024, 3, None)),
    ("may 2024", (2024, 5, None)),
    ("MAY 2024", (2024, 5, None)),
    # BC and the eras
    ("-0500", (-500, None, None)),
    ("500 BC", (-500, None, None)),
    ("500 BCE", (-500, None, None)),
    ("44 B.C.", (-44, None, None)),
    ("44BC", (-44, None, None)),
    ("15 March 44 BC", (-44, 3, 15)),
    ("March 15, 44 BC", (-44, 3, 15)),
    ("March 44 BC", (-44, 3, None)),
    ("-0044-03-15", (-44, 3, 15)),
    ("1 BC", (-1, None, None)),
    ("-0001", (-1, None, None)),
    ("4 November 800 BC", (-800, 11, 4)),
    # years before 1000
    ("0800", (800, None, None)),
    ("4 November 800", (800, 11, 4)),
    ("AD 800", (800, None, None)),
    ("800 AD", (800, None, None)),
    ("500 CE", (500, None, None)),
    ("AD 44", (44, None, None)),
    ("4 November 0024", (24, 11, 4)),
    ("0001", (1, None, None)),
    # the limits
    ("9999", (9999, None, None)),
    ("-9999", (-9999, None, None)),
]


@pytest.mark.parametrize("text, expected", ACCEPTED)
def test_accepted_dates(text, expected):
    date = parse_date(text)
    assert (date.year, date.month, date.day) == expected


@pytest.mark.parametrize("text, iso, shown", [
    ("2024-11-04", "2024-11-04", "4 November 2024"),
    ("2024-11", "2024-11", "November 2024"),
    ("November 2024", "2024-11", "November 2024"),
    ("Nov 2024", "2024-11", "November 2024"),
    ("2024", "2024", "2024"),
    ("-0500", "-0500", "500 BC"),
    ("15 March 44 BC", "-0044-03-15", "15 March 44 BC"),
    ("March 44 BC", "-0044-03", "March 44 BC"),
    ("AD 800", "0800", "800"),
    ("4 November 800", "0800-11-04", "4 November 800"),
])
def test_precision_is_kept_in_iso_and_format(text, iso, shown):
    date = parse_date(text)
    assert date.iso() == iso
    assert date.format() == shown


@pytest.mark.parametrize("text, precision", [
    ("2024-11-04", "day"), ("4th of November 2024", "day"),
    ("2024-11", "month"), ("November 2024", "month"),
    ("2024", "year"), ("500 BC", "year"),
])
def test_precision(text, precision):
    assert parse_date(text).precision == precision


def test_month_only_date_never_becomes_the_first():
    date = parse_date("November 2024")
    assert date == EventDate(2024, 11, None)
    assert date.day is None
    assert date.format() == "November 2024"
    assert date.iso() == "2024-11"


def test_format_can_leave_out_year_and_month():
    date = parse_date("2024-11-04")
    assert date.format(with_year=False) == "4 November"
    assert date.format(with_year=False, with_month=False) == "4"


NO_YEAR_0 = ("there is no year 0 in {!r}: 1 BC is followed by AD 1; "
             "write -0001 or '1 BC' for the year before AD 1")
WORDS = ("is not a date this tool can read: write it as 2024-11-04, 2024-11 or 2024, or in words like "
         "'4 November 2024' or 'November 2024' (with the year; relative dates like 'yesterday' are not allowed)")
NUMBERS_HINT = "write it as YYYY-MM-DD (like 2024-11-04) or with the month's name (like 4 November 2024)"
NO_FULL_YEAR = ("has no full year: write the year with all its digits (like 4 November 2024); "
                "for years before AD 100 add the era (like 'AD 44' or '44 BC')")

MONTHS = "months run from 01 to 12 (like 2024-11) and seasons from 21, spring, to 24, winter"
UNSPECIFIED = ("leaves digits unspecified that this tool cannot place: only a year's last digits can be X, like 196X "
               "(1960–1969) or 19XX (1900–1999); for a month or day that is not known, write the year or the month "
               "alone (like 2024 or 2024-11)")
RANGE = ("is a range of dates, but this field holds one date: write the range's first date as date: and its last "
         "as end:, like 'date: 2024-11-04' and 'end: 2024-11-06'")

REFUSED = [
    # impossible days, months
    ("2024-02-30", "'2024-02-30' is not a real date: February 2024 has 29 days"),
    ("2023-02-29", "'2023-02-29' is not a real date: February 2023 has 28 days"),
    ("1900-02-29", "'1900-02-29' is not a real date: February 1900 has 28 days"),
    ("31 April 2024", "'31 April 2024' is not a real date: April 2024 has 30 days"),
    ("November 31 2024", "'November 31 2024' is not a real date: November 2024 has 30 days"),
    ("2024-11-00", "'2024-11-00' is not a real date: November 2024 has 30 days"),
    ("29 Feb 4 BC", "'29 Feb 4 BC' is not a real date: February 4 BC has 28 days"),
    ("2024-13", f"month 13 in '2024-13' does not exist: {MONTHS}"),
    ("2024-00", f"month 0 in '2024-00' does not exist: {MONTHS}"),
    # year 0
    ("0000", NO_YEAR_0.format("0000")),
    ("-0000", NO_YEAR_0.format("-0000")),
    ("0 BC", NO_YEAR_0.format("0 BC")),
    ("0 AD", NO_YEAR_0.format("0 AD")),
    ("0", NO_YEAR_0.format("0")),  # not "write years with four digits (like 0000)"
    ("January 0", NO_YEAR_0.format("January 0")),  # not "has no full year"
    ("4 November 0", NO_YEAR_0.format("4 November 0")),
    # out of range
    ("10000", "year 10000 in '10000' is out of range: use a year between 9999 BC and 9999"),
    ("-10000", "year 10000 BC in '-10000' is out of range: use a year between 9999 BC and 9999"),
    ("10000 BC", "year 10000 BC in '10000 BC' is out of range: use a year between 9999 BC and 9999"),
    ("4 November 10000", "year 10000 in '4 November 10000' is out of range: use a year between 9999 BC and 9999"),
    # numbers only: ambiguous or not ISO
    ("04/11/2024", f"'04/11/2024' is ambiguous: it could be 4 November or April 11; {NUMBERS_HINT}"),
    ("4.11.2024", f"'4.11.2024' is ambiguous: it could be 4 November or April 11; {NUMBERS_HINT}"),
    ("04-11-2024", f"'04-11-2024' is ambiguous: it could be 4 November or April 11; {NUMBERS_HINT}"),
    ("11-04-2024", f"'11-04-2024' is ambiguous: it could be 11 April or November 4; {NUMBERS_HINT}"),
    ("13/11/2024", "'13/11/2024' writes the date in numbers only, which readers in different countries read "
                   f"differently; {NUMBERS_HINT}"),
    ("04/04/2024", "'04/04/2024' writes the date in numbers only, which readers in different countries read "
                   f"differently; {NUMBERS_HINT}"),
    ("2024/11/04", "'2024/11/04' uses '/' between numbers; write it in ISO form with dashes, like 2024-11-04"),
    ("4/11", "'4/11' has no year: write it as YYYY-MM-DD (like 2024-11-04) "
             "or with the month's name and the year (like 4 November 2024)"),
    # bare short years
    ("800", "'800' is not a year this tool reads: write years with four digits (like 0800) "
            "or with an era (like AD 800 or 800 BC)"),
    ("44", "'44' is not a year this tool reads: write years with four digits (like 0044) "
           "or with an era (like AD 44 or 44 BC)"),
    # a missing or shortened year must not become AD 4 or AD 24
    ("November 4", f"'November 4' {NO_FULL_YEAR}"),
    ("March 15", f"'March 15' {NO_FULL_YEAR}"),
    ("November 24", f"'November 24' {NO_FULL_YEAR}"),
    ("4 Nov 24", f"'4 Nov 24' {NO_FULL_YEAR}"),
    ("November 4, 24", f"'November 4, 24' {NO_FULL_YEAR}"),
    # dateparser would complete these to 2068
    ("Nov 4 '68", f"\"Nov 4 '68\" {NO_FULL_YEAR}"),
    ("November '68", f"\"November '68\" {NO_FULL_YEAR}"),
    ("4-Nov-68", f"'4-Nov-68' {NO_FULL_YEAR}"),
    # uncertainty has its own field; dateparser would silently drop the "?"
    # EDTF forms this tool does not place, each answered with one it does
    ("2024-13?", f"month 13 in '2024-13' does not exist: {MONTHS}; then add the qualifier, like 2024-11-04?"),
    ("19X5", f"'19X5' {UNSPECIFIED}"),
    ("2024-XX", f"'2024-XX' {UNSPECIFIED}"),
    ("XXXX", f"'XXXX' {UNSPECIFIED}"),
    ("2024??", "'2024??' has more than one qualifier: write the date with one, like 2024-11-04? (uncertain), "
               "2024-11-04~ (approximate) or 2024-11-04% (both)"),
    ("the 1900s", "'the 1900s' could be a decade or a century: write 190X for 1900–1909 or 19XX for 1900–1999"),
    ("2024-21-04", "'2024-21-04' gives a day in a season (21 is EDTF's spring): write the season alone, like "
                   "2024-21, or the month and day"),
    ("-0500-21", "'-0500-21' is a season before AD 1, which this tool does not place: write the year alone"),
    ("-05XX", f"'-05XX' {UNSPECIFIED}"),
    ("00XX", "'00XX' starts before AD 1, which this tool cannot place as a decade or century: write a year, "
             "like 0050 or 50 BC"),
    # a range is two dates (date: and end:); dateparser read "4–6 November 2024" as 4 November, "1–1001" as January 1001
    ("4–6 November 2024", f"'4–6 November 2024' {RANGE}"),
    ("1–1001", f"'1–1001' {RANGE}"),
    ("4-6 November 2024", f"'4-6 November 2024' {RANGE}"),
    ("4 — 6 November 2024", f"'4 — 6 November 2024' {RANGE}"),
    ("4 November 2024 - 6 November 2024", f"'4 November 2024 - 6 November 2024' {RANGE}"),
    ("Monday, 4–6 November 2024", f"'Monday, 4–6 November 2024' {RANGE}"),
    ("500–400 BC", f"'500–400 BC' {RANGE}"),
    ("October–November 2024", f"'October–November 2024' {RANGE}"),
    # relative, incomplete or unreadable
    ("yesterday", f"'yesterday' {WORDS}"),
    ("tomorrow", f"'tomorrow' {WORDS}"),
    ("next year", f"'next year' {WORDS}"),
    ("4 November", f"'4 November' {WORDS}"),
    ("the 4th of November", f"'the 4th of November' {WORDS}"),
    ("November", f"'November' {WORDS}"),
    ("early November 2024", f"'early November 2024' {WORDS}"),
    ("2024-11-04T10:00", f"'2024-11-04T10:00' {WORDS}"),
    ("4 Novembre 2024", f"'4 Novembre 2024' {WORDS}"),
    ("Janu 2024", f"'Janu 2024' {WORDS}"),
    ("Thursday 14 November", f"'Thursday 14 November' {NO_FULL_YEAR}"),
    # a weekday that does not fit the day is a sign one of them is wrong
    ("Friday, 14 November 2024", "'Friday, 14 November 2024' says Friday, but 14 November 2024 was a Thursday; "
                                 "check the source for the right day, then write the date alone, like 2024-11-14"),
    ("Tues 4 Nov 2024", "'Tues 4 Nov 2024' says Tuesday, but 4 November 2024 was a Monday; check the source for "
                        "the right day, then write the date alone, like 2024-11-04"),
    ("", "the date is empty: write it as 2024-11-04, 2024-11 or 2024"),
    ("   ", "the date is empty: write it as 2024-11-04, 2024-11 or 2024"),
]


# EDTF level 1 and the plain words for the same: text -> (EDTF text, precision, how it reads)
EDTF = [
    ("2024?", ("2024?", "year", "possibly 2024")),
    ("2024-11-04~", ("2024-11-04~", "day", "c. 4 November 2024")),
    ("2024-11%", ("2024-11%", "month", "possibly c. November 2024")),
    ("possibly 4 November 2024", ("2024-11-04?", "day", "possibly 4 November 2024")),
    ("Monday, 4 November 2024?", ("2024-11-04?", "day", "possibly 4 November 2024")),
    ("c. 500 BC", ("-0500~", "year", "c. 500 BC")),
    ("ca. November 2024", ("2024-11~", "month", "c. November 2024")),
    ("circa 2024", ("2024~", "year", "c. 2024")),
    ("about 2024?", ("2024%", "year", "possibly c. 2024")),
    ("196X", ("196X", "decade", "the 1960s")),
    ("196x", ("196X", "decade", "the 1960s")),
    ("the 1960s", ("196X", "decade", "the 1960s")),
    ("1960's", ("196X", "decade", "the 1960s")),
    ("19XX", ("19XX", "century", "the 20th century")),
    ("the 21st century", ("20XX", "century", "the 21st century")),
    ("the 1960s?", ("196X?", "decade", "possibly the 1960s")),
    ("2024-21", ("2024-21", "season", "spring 2024")),
    ("2024-24~", ("2024-24~", "season", "c. winter 2024")),
    ("Fall 2024", ("2024-23", "season", "autumn 2024")),
    ("summer of 2024", ("2024-22", "season", "summer 2024")),
]


@pytest.mark.parametrize("text, expected", EDTF)
def test_edtf_and_its_plain_words_are_read(text, expected):
    date = parse_date(text)
    assert (date.iso(), date.precision, format_range(date)) == expected
    assert parse_date(date.iso()) == date  # the EDTF text events.json writes reads back as the same date


def test_coarse_dates_cover_their_whole_span_and_sort_before_what_they_contain():
    winter, spring, march = parse_date("2024-24"), parse_date("2024-21"), parse_date("2024-03")
    assert (winter.start_key(), winter.end_key()) == ((2024, 12, 1), (2025, 2, 28))
    assert (parse_date("2023-24").end_key()) == (2024, 2, 29)
    assert (parse_date("196X").start_key(), parse_date("196X").end_key()) == ((1960, 1, 1), (1969, 12, 31))
    assert parse_date("19XX").end_key() == (1999, 12, 31)
    ordered = ["19XX", "196X", "1960", "1960-21", "1960-03", "1960-03-01", "1961"]
    shuffled = ["1960-03", "1961", "196X", "1960-03-01", "19XX", "1960-21", "1960"]
    assert sorted(shuffled, key=lambda text: parse_date(text).sort_key()) == ordered
    assert spring.sort_key() < march.sort_key() < winter.sort_key()


def test_a_range_whose_end_is_qualified_writes_both_dates_in_full():
    assert format_range(parse_date("2024-11-04"), parse_date("2024-11-06?")) == "4 November 2024 – possibly 6 November 2024"
    assert format_range(parse_date("2024-11-04?"), parse_date("2024-11-06")) == "possibly 4–6 November 2024"
    assert format_range(parse_date("spring 2024"), parse_date("autumn 2024")) == "spring 2024 – autumn 2024"
    assert format_range(parse_date("2022-02-24"), None, ongoing=True) == "since 24 February 2022, ongoing"
    assert format_range(parse_date("2022"), None, approximate=True, ongoing=True) == "since c. 2022, ongoing"


@pytest.mark.parametrize("text, message", REFUSED)
def test_refused_dates_say_why(text, message):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["9" * 4301, "1-" * 120_000 + "1", "4 November 2024 " + "x" * 50])
def test_overlong_dates_are_refused_before_any_parsing(text):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == (f"is {len(' '.join(text.split())):,} characters long, too long for a date: write it "
                                 "as 2024-11-04, 2024-11 or 2024, or in words (4 November 2024)")


def test_the_longest_date_allowed_is_still_read():
    assert parse_date("Monday, the 4th of November, 2024" + " " * 40).iso() == "2024-11-04"


@pytest.mark.parametrize("year, leap", [
    (2024, True), (2023, False), (2000, True), (1900, False), (1600, True), (4, True),
    # BC: astronomical year = historical + 1, so 1 BC (year 0) and 5 BC (-4) are leap, 4 BC is not
    (-1, True), (-5, True), (-9, True), (-4, False), (-101, False), (-401, True),
])
def test_leap_years_are_proleptic_gregorian_with_bc_shift(year, leap):
    assert is_leap_year(year) is leap
    assert days_in_month(year, 2) == (29 if leap else 28)


@pytest.mark.parametrize("text", ["-0001-02-29", "29 February 1 BC", "29 February 5 BC", "2000-02-29", "2024-02-29"])
def test_leap_days_accepted(text):
    assert parse_date(text).day == 29


@pytest.mark.parametrize("month, days", [(1, 31), (3, 31), (4, 30), (6, 30), (9, 30), (11, 30), (12, 31)])
def test_days_in_month(month, days):
    assert days_in_month(2023, month) == days


def test_make_date_day_without_month():
    with pytest.raises(DateError, match=r"^'x' has a day but no month$"):
        make_date(2024, None, 4, "x")


@pytest.mark.parametrize("text, value", [
    ("2024-11-04", "2024-11-04"), ("2024-11", "2024-11"), ("2024", "2024"), ("0800", "0800"),
    ("-0500", None), ("15 March 44 BC", None), ("1 BC", None),
])
def test_html_datetime(text, value):
    assert parse_date(text).html_datetime() == value


def test_is_bce():
    assert parse_date("1 BC").is_bce
    assert not parse_date("AD 1").is_bce


def test_sort_keys_order_coarser_dates_before_their_days_and_bc_before_ad():
    texts = ["2024-11-04", "2024-11", "2024", "2024-10-31", "2025", "-0500", "1 BC", "AD 1", "-0044-03-15",
             "-0044", "2024-11-30", "2023"]
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key())
    assert ordered == ["-0500", "-0044", "-0044-03-15", "1 BC", "AD 1", "2023", "2024", "2024-10-31",
                       "2024-11", "2024-11-04", "2024-11-30", "2025"]


def test_start_and_end_keys_cover_the_whole_period():
    assert parse_date("2024-02").start_key() == (2024, 2, 1)
    assert parse_date("2024-02").end_key() == (2024, 2, 29)
    assert parse_date("2024").end_key() == (2024, 12, 31)
    assert parse_date("1 BC").start_key() == (0, 1, 1)
    assert parse_date("-0005-02").end_key() == (-4, 2, 29)


@pytest.mark.parametrize("start, end, text", [
    ("2024-11-04", "2024-11-06", "4–6 November 2024"),
    ("2024-10-30", "2024-11-02", "30 October – 2 November 2024"),
    ("2024-12-30", "2025-01-02", "30 December 2024 – 2 January 2025"),
    ("2024-11", "2024-12", "November–December 2024"),
    ("2024-11", "2025-02", "November 2024 – February 2025"),
    ("2024", "2025", "2024–2025"),
    ("-0500", "-0400", "500–400 BC"),
    ("-0044-03-15", "-0044-03-17", "15–17 March 44 BC"),
    ("-0044-03", "-0044-05", "March–May 44 BC"),
    ("-0044", "0010", "44 BC – AD 10"),
    ("-0001-12-30", "0001-01-02", "30 December 1 BC – 2 January AD 1"),
    # mixed precision: the whole year needs a spaced dash before a longer end
    ("2024", "2025-11", "2024 – November 2025"),
    ("2024-11", "2024-12-05", "November 2024 – 5 December 2024"),
    ("2024-11-04", "2025", "4 November 2024 – 2025"),
])
def test_format_range(start, end, text):
    assert format_range(parse_date(start), parse_date(end)) == text
    assert format_range(parse_date(start), parse_date(end), approximate=True) == "c. " + text


@pytest.mark.parametrize("start, text", [("2024-11-04", "4 November 2024"), ("-0500", "500 BC"), ("2024", "2024")])
def test_format_single_date(start, text):
    assert format_range(parse_date(start)) == text
    assert format_range(parse_date(start), None, approximate=True) == "c. " + text


def test_range_parts_share_the_common_tail():
    assert range_parts(parse_date("2024-11-04"), parse_date("2024-11-06")) == ("4", "6 November 2024")
    assert range_parts(parse_date("2024-10-30"), parse_date("2024-11-02")) == ("30 October", "2 November 2024")


@pytest.mark.parametrize("start, end", [("2024", "2025-11"), ("2024-11-04", "2024-11-06"), ("-0044", "0010")])
def test_rendered_range_reads_as_format_range(start, end):
    """The page and every other place that shows a range (Event.date_text) agree on its text and dash."""
    import re

    from timeline.model.event import Event, Source
    from timeline.render.date_html import date_html

    source = Source("A story", "WION", parse_date("2025-11-07"))
    event = Event("x", "events/x.md", "A", parse_date(start), (source,), end=parse_date(end))
    assert re.sub(r"<[^>]+>", "", str(date_html(event))) == event.date_text == format_range(event.date, event.end)


# --- results must never depend on the day the site is built ---

NATURAL = ["4th of November 2024", "November 2024", "the 4th of November, 2024", "Tuesday 5 November 2024",
           "2024 November 4", "in 2024"]
RELATIVE = ["yesterday", "4 November", "the 4th of November", "November", "Tuesday", "last year", "today"]


def _parse_on(today: real_datetime.datetime, monkeypatch, texts):
    """Return what each text parses to (or its error) as if the build ran on that day."""
    import dateparser.utils

    class FrozenDatetime(real_datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return today if tz is None else today.replace(tzinfo=tz)

    monkeypatch.setattr(dateparser.utils, "datetime", FrozenDatetime)
    monkeypatch.setattr(dates, "_PARSER", None)  # a fresh parser, in case it cached anything
    results = {}
    for text in texts:
        try:
            results[text] = parse_date(text)
        except DateError as error:
            results[text] = str(error)
    return results


def test_natural_language_does_not_depend_on_today(monkeypatch):
    early = _parse_on(real_datetime.datetime(1999, 1, 31, 23, 0), monkeypatch, NATURAL + RELATIVE)
    late = _parse_on(real_datetime.datetime(2031, 12, 15, 9, 30), monkeypatch, NATURAL + RELATIVE)
    assert early == late
    assert early["4th of November 2024"] == EventDate(2024, 11, 4)
    assert early["November 2024"] == EventDate(2024, 11)
    assert early["in 2024"] == EventDate(2024)
    for text in RELATIVE:
        assert isinstance(early[text], str), f"{text!r} was accepted as {early[text]}"


def test_frozen_clock_reaches_dateparser(monkeypatch):
    """The freezing used above really changes what dateparser thinks today is (else the test proves nothing)."""
    import dateparser.utils

    class FrozenDatetime(real_datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return real_datetime.datetime(1999, 1, 31)

    monkeypatch.setattr(dateparser.utils, "datetime", FrozenDatetime)
    assert dateparser.parse("4 November", settings={"PREFER_DATES_FROM": "current_period"}).year == 1999
