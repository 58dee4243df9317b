"""Event dates: our own type, so precision and years before 1 AD survive.

Years use historical numbering: -500 is 500 BC and there is no year 0
(1 BC is followed by AD 1), the way TimelineJS and readers count them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTH_BY_NAME = {name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)}
_MONTH_BY_NAME.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, 1)})
_MONTH_BY_NAME["sept"] = 9

DAY, MONTH, SEASON, YEAR, DECADE, CENTURY = "day", "month", "season", "year", "decade", "century"
# Coarsest first: a date sorts before the finer dates that start with it (the 1960s, 1960, spring 1960, ...).
PRECISIONS = (CENTURY, DECADE, YEAR, SEASON, MONTH, DAY)

# EDTF's seasons (21 to 24), with the months each covers: winter runs from December into the next year.
SEASONS = {21: ("spring", 3, 5), 22: ("summer", 6, 8), 23: ("autumn", 9, 11), 24: ("winter", 12, 2)}
_SEASON_BY_NAME = {name: number for number, (name, _, _) in SEASONS.items()}
_SEASON_BY_NAME["fall"] = 23

# The largest year we accept; beyond it a date is almost surely a typo.
MAX_YEAR = 9999
MAX_DATE_LENGTH = 60  # "Wednesday, 4 November 2024" is 26
ONGOING = ".."  # EDTF's open end, for an event still going on


def is_open_end(text: str) -> bool:
    """Return whether an end: text says the event is still going on ('..', as EDTF writes it, or 'ongoing')."""
    return " ".join(str(text).split()).lower() in (ONGOING, "ongoing")


class DateError(ValueError):
    """A date that cannot be read; the message says what to write instead."""


@dataclass(frozen=True)
class EventDate:
    """A calendar date known to the day, the month, the season, the year, the decade or the century, with
    EDTF's qualifiers: uncertain ('?', "possibly") and approximate ('~', "c.")."""

    year: int
    month: int | None = None
    day: int | None = None
    season: int | None = None  # 21 spring, 22 summer, 23 autumn, 24 winter
    unspecified: int = 0  # the year's last digits left open: 1 for a decade (196X), 2 for a century (19XX)
    uncertain: bool = False
    approximate: bool = False

    @property
    def precision(self) -> str:
        """Return 'day', 'month', 'season', 'year', 'decade' or 'century'."""
        if self.day is not None:
            return DAY
        if self.month is not None:
            return MONTH
        if self.season is not None:
            return SEASON
        return (YEAR, DECADE, CENTURY)[self.unspecified]

    @property
    def is_bce(self) -> bool:
        """Return whether the year is before AD 1."""
        return self.year < 0

    @property
    def qualifier(self) -> str:
        """Return EDTF's qualifier: '?' uncertain, '~' approximate, '%' both, or ''."""
        return ("", "~", "?", "%")[self.approximate + 2 * self.uncertain]

    def iso(self) -> str:
        """Return the date as EDTF text at its precision ('2024-11', '196X', '2024-21', '2024?', '-0500')."""
        return self.plain().edtf_body() + self.qualifier

    def edtf_body(self) -> str:
        """Return the EDTF text without its qualifier."""
        sign = "-" if self.year < 0 else ""
        text = f"{sign}{abs(self.year):04d}"
        if self.unspecified:
            text = text[:-self.unspecified] + "X" * self.unspecified
        if self.season is not None:
            text += f"-{self.season}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def plain(self) -> EventDate:
        """Return the same date without its qualifiers."""
        return EventDate(self.year, self.month, self.day, self.season, self.unspecified)

    def with_qualifiers(self, uncertain: bool, approximate: bool) -> EventDate:
        """Return the same date with these qualifiers."""
        return EventDate(self.year, self.month, self.day, self.season, self.unspecified, uncertain, approximate)

    def html_datetime(self) -> str | None:
        """Return a valid HTML datetime value, or None where HTML has none (BC, a decade or century)."""
        if self.is_bce or self.unspecified:
            return None
        return f"{self.year:04d}" if self.season is not None else self.edtf_body()

    def start_key(self) -> tuple[int, int, int]:
        """Return (astronomical year, month, day) of the first day covered."""
        if self.season is not None:
            return (_astronomical(self.year), SEASONS[self.season][1], 1)
        return (_astronomical(self.year), self.month or 1, self.day or 1)

    def end_key(self) -> tuple[int, int, int]:
        """Return (astronomical year, month, day) of the last day covered."""
        year = self.year + (10 ** self.unspecified - 1)
        if self.season is not None:
            _, first, last = SEASONS[self.season]
            year += last < first  # winter ends in the next year's February
            return (_astronomical(year), last, days_in_month(year, last))
        month = self.month or 12
        day = self.day or days_in_month(year, month)
        return (_astronomical(year), month, day)

    def sort_key(self) -> tuple[int, int, int, int]:
        """Return a key that puts coarser dates before the dates they contain."""
        month = SEASONS[self.season][1] if self.season is not None else self.month or 0
        return (_astronomical(self.year), month, self.day or 0, PRECISIONS.index(self.precision))

    def format(self, with_year: bool = True, with_month: bool = True) -> str:
        """Return the date as readers see it ('4 November 2024', 'November 2024', '500 BC', 'the 1960s')."""
        if self.unspecified:
            return decade_or_century_text(self.year, self.unspecified)
        parts = []
        if self.day is not None:
            parts.append(str(self.day))
        if self.month is not None and with_month:
            parts.append(MONTH_NAMES[self.month - 1])
        if self.season is not None:
            parts.append(SEASONS[self.season][0])
        if with_year:
            parts.append(format_year(self.year))
        return " ".join(parts)


def decade_or_century_text(year: int, unspecified: int) -> str:
    """Return a decade or century in English words ('the 1960s', 'the 20th century')."""
    if unspecified == 1:
        return f"the {year}s"
    number = year // 100 + 1
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"the {number}{suffix} century"


def format_year(year: int) -> str:
    """Return a year as readers write it ('2024', '500 BC')."""
    return f"{-year} BC" if year < 0 else str(year)


def _astronomical(year: int) -> int:
    """Return the astronomical year number (1 BC is 0) used for arithmetic."""
    return year + 1 if year < 0 else year


def is_leap_year(year: int) -> bool:
    """Return whether a (historical-numbered) year is leap in the proleptic Gregorian calendar."""
    return calendar.isleap(_astronomical(year))


def days_in_month(year: int, month: int) -> int:
    """Return how many days the month has in that year."""
    if month == 2:
        return 29 if is_leap_year(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def make_date(year: int, month: int | None = None, day: int | None = None, text: str = "") -> EventDate:
    """Return a checked EventDate, or raise DateError naming what is impossible."""
    shown = text or "this date"
    if year == 0:
        raise DateError(
            f"there is no year 0 in {shown!r}: 1 BC is followed by AD 1; "
            "write -0001 or '1 BC' for the year before AD 1"
        )
    if abs(year) > MAX_YEAR:
        raise DateError(
            f"year {format_year(year)} in {shown!r} is out of range: "
            f"use a year between {format_year(-MAX_YEAR)} and {MAX_YEAR}"
        )
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month} in {shown!r} does not exist: months run from 01 to 12 (like "
                        f"{format_year(year) if year < 0 else f'{year:04d}'}-11) and seasons from 21, spring, "
                        "to 24, winter")
    if day is not None:
        if month is None:
            raise DateError(f"{shown!r} has a day but no month")
        last = days_in_month(year, month)
        if not 1 <= day <= last:
            raise DateError(
                f"{shown!r} is not a real date: {MONTH_NAMES[month - 1]} {format_year(year)} "
                f"has {last} days"
            )
    return EventDate(year, month, day)


_ISO = re.compile(r"(?P<sign>-(?=\d)|\+?(?=\d{4}))(?P<year>\d+)(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")
# Dashes too: dateparser would read 04-11-2024 as 11 April without a word of doubt.
_NUMERIC = re.compile(r"(\d{1,4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,4})")
# Two small numbers and no year: dateparser would read 4/11 as April 2011.
_NUMERIC_NO_YEAR = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}")
# EDTF's qualifiers, as its signs after the date ("2024?") or as words before it ("possibly c. 2024").
_QUALIFIED = re.compile(
    r"(?P<uncertain>(?:possibly|perhaps|probably|maybe)\s+)?"
    r"(?P<approximate>(?:c\.|ca\.|circa|approx\.|approximately|about|around|roughly)\s*)?"
    r"(?P<rest>.+?)\s*(?P<sign>[?~%])?", re.IGNORECASE)
_SIGNS = {"?": (True, False), "~": (False, True), "%": (True, True)}
# A year's unspecified last digits (EDTF's 196X, 19XX), and any other X, which is refused with the right form.
_UNSPECIFIED = re.compile(r"(?P<digits>\d{2,3})(?P<x>X{1,2})", re.IGNORECASE)
_ANY_X = re.compile(r"-?[\dX-]*X[\dX-]*", re.IGNORECASE)
_DECADE_WORDS = re.compile(r"(?:the\s+)?(?P<year>\d{3}0)'?s", re.IGNORECASE)
_CENTURY_WORDS = re.compile(r"(?:the\s+)?(?P<number>\d{1,2})(?:st|nd|rd|th)\s+century", re.IGNORECASE)
_SEASON_WORDS = re.compile(r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?\s+(?P<year>\d{4})",
                           re.IGNORECASE)
# How ranges are written: an en or em dash anywhere ("4–6 November"), or a hyphen between two numbers
# ("4-6 November", "2024 - 2025"); not between ISO's "2024-11" or in "4-Nov-2024".
_RANGE = re.compile(r"[\u2012-\u2015\u2212]|\d\s+[-\u2010\u2011]\s+\d|(?<![\d-])\d{1,2}[-\u2010\u2011]\d{1,4}(?![\d-])")
_ERA_BEFORE = re.compile(r"(?P<era>A\.?\s?D\.?)\s*(?P<rest>.+)", re.IGNORECASE)
_ERA_AFTER = re.compile(r"(?P<rest>.+?)\s*(?P<era>B\.?\s?C\.?(?:\s?E\.?)?|A\.?\s?D\.?|C\.?\s?E\.?)", re.IGNORECASE)
_ORDINAL = r"(?:st|nd|rd|th)?"
_WORD_DATES = (
    re.compile(rf"(?P<day>\d{{1,2}}){_ORDINAL}\s+(?P<month>[a-z]{{3,9}})\.?,?\s+(?P<year>\d{{1,5}})", re.I),
    re.compile(rf"(?P<month>[a-z]{{3,9}})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{1,5}})", re.I),
    re.compile(r"(?P<month>[a-z]{3,9})\.?,?\s+(?P<year>\d{1,5})", re.I),
    re.compile(r"(?P<year>\d{1,5})"),
)


def parse_date(text: str) -> EventDate:
    """Return the EventDate written in text, or raise DateError saying how to write it."""
    text = " ".join(str(text).split())
    if not text:
        raise DateError("the date is empty: write it as 2024-11-04, 2024-11 or 2024")
    if len(text) > MAX_DATE_LENGTH:
        # Bounds the work below (and the message, which quotes the text) whatever a contributor pastes in.
        raise DateError(f"is {len(text):,} characters long, too long for a date: write it as 2024-11-04, "
                        "2024-11 or 2024, or in words (4 November 2024)")
    if is_open_end(text):
        raise DateError(f"{text!r} says an event is still going on, which only end: can say: write the day it "
                        "began as date:, and 'end: ..' (or 'end: ongoing')")
    qualified = _QUALIFIED.fullmatch(text)
    if qualified and (qualified["uncertain"] or qualified["approximate"] or qualified["sign"]):
        return _with_qualifiers(qualified, text)
    return _parse_plain(text)


def _with_qualifiers(match: re.Match, text: str) -> EventDate:
    """Return the date of a qualified text ('2024?', 'possibly 4 November 2024', 'c. 2024')."""
    uncertain, approximate = _SIGNS.get(match["sign"] or "", (False, False))
    uncertain, approximate = uncertain or bool(match["uncertain"]), approximate or bool(match["approximate"])
    rest = match["rest"]
    if _QUALIFIED.fullmatch(rest)["sign"] or re.match(r"(?:possibly|perhaps|probably|maybe)\b", rest, re.I):
        raise DateError(f"{text!r} has more than one qualifier: write the date with one, like "
                        "2024-11-04? (uncertain), 2024-11-04~ (approximate) or 2024-11-04% (both)")
    try:
        date = _parse_plain(rest)
    except DateError as error:
        if not match["sign"]:
            raise
        raise DateError(f"{error}; then add the qualifier, like 2024-11-04{match['sign']}") from None
    return date.with_qualifiers(uncertain, approximate)


def _parse_plain(text: str) -> EventDate:
    """Return the EventDate of a text without qualifiers, or raise DateError saying how to write it."""
    date = _coarse(text)
    if date is not None:
        return date
    match = _ISO.fullmatch(text)
    if match:
        return _from_iso(match, text)
    match = _NUMERIC.fullmatch(text)
    if match:
        raise DateError(_numeric_message(match, text))
    if _NUMERIC_NO_YEAR.fullmatch(text):
        raise DateError(
            f"{text!r} has no year: write it as YYYY-MM-DD (like 2024-11-04) "
            "or with the month's name and the year (like 4 November 2024)"
        )
    if text.isdigit():
        if int(text) == 0:
            make_date(0, text=text)  # "0" and "00" are year 0 too, which no number of digits can fix
        raise DateError(
            f"{text!r} is not a year this tool reads: write years with four digits "
            f"(like {int(text):04d}) or with an era (like AD {int(text)} or {int(text)} BC)"
        )
    weekday = _WEEKDAY.fullmatch(text)
    if weekday and weekday["name"].lower().rstrip(".") in _WEEKDAY_BY_NAME:
        try:
            date = _parse_plain(weekday["rest"])
        except DateError:
            date = None  # said of the whole text below, as written
        if date is not None:
            _check_weekday(date, _WEEKDAY_BY_NAME[weekday["name"].lower().rstrip(".")], text)
            return date
    date = _from_words(text)
    if date is None and _RANGE.search(text):
        # dateparser would read "4–6 November 2024" as 4 November and "1–1001" as January 1001, without a word.
        raise DateError(
            f"{text!r} is a range of dates, but this field holds one date: write the range's first date as date: "
            "and its last as end:, like 'date: 2024-11-04' and 'end: 2024-11-06'"
        )
    return date or _from_natural_language(text)


WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_BY_NAME = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
_WEEKDAY_BY_NAME.update({name[:3].lower(): i for i, name in enumerate(WEEKDAY_NAMES)})
_WEEKDAY_BY_NAME.update({"tues": 1, "thur": 3, "thurs": 3})
_WEEKDAY = re.compile(r"(?P<name>[a-z]{3,9}\.?),?\s+(?P<rest>.+)", re.IGNORECASE)


def _check_weekday(date: EventDate, weekday: int, text: str) -> None:
    """Raise DateError when text names a weekday the day it gives did not fall on."""
    if date.precision != DAY or date.is_bce:
        return
    actual = calendar.weekday(date.year, date.month, date.day)
    if actual != weekday:
        raise DateError(
            f"{text!r} says {WEEKDAY_NAMES[weekday]}, but {date.format()} was a {WEEKDAY_NAMES[actual]}; "
            f"check the source for the right day, then write the date alone, like {date.iso()}"
        )


def _from_iso(match: re.Match, text: str) -> EventDate:
    """Return the date of an ISO match ('2024-11-04', '-0500')."""
    year = int(match["year"])
    if match["sign"] == "-":
        year = -year
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month in SEASONS:
        if day is not None:
            raise DateError(f"{text!r} gives a day in a season ({month} is EDTF's {SEASONS[month][0]}): write "
                            f"the season alone, like {match['year']}-{month}, or the month and day")
        return make_season(year, month, text)
    return make_date(year, month, day, text)


def make_season(year: int, season: int, text: str) -> EventDate:
    """Return a checked season of a year (21 spring ... 24 winter)."""
    make_date(year, text=text)
    if year < 0:
        raise DateError(f"{text!r} is a season before AD 1, which this tool does not place: write the year alone")
    return EventDate(year, season=season)


def _coarse(text: str) -> EventDate | None:
    """Return a decade, century or season ('196X', 'the 1960s', '19XX', 'the 20th century', '2024-21',
    'spring 2024'), or None for other texts; raise DateError for an X anywhere else."""
    match = _UNSPECIFIED.fullmatch(text)
    if match:
        return _decade_or_century(int(match["digits"]) * 10 ** len(match["x"]), len(match["x"]), text)
    if _ANY_X.fullmatch(text):
        raise DateError(
            f"{text!r} leaves digits unspecified that this tool cannot place: only a year's last digits can be X, "
            "like 196X (1960–1969) or 19XX (1900–1999); for a month or day that is not known, write the year "
            "or the month alone (like 2024 or 2024-11)")
    match = _DECADE_WORDS.fullmatch(text)
    if match:
        year = int(match["year"])
        if year % 100 == 0:
            raise DateError(f"{text!r} could be a decade or a century: write {year // 10:03d}X for "
                            f"{year}–{year + 9} or {year // 100:02d}XX for {year}–{year + 99}")
        return _decade_or_century(year, 1, text)
    match = _CENTURY_WORDS.fullmatch(text)
    if match and int(match["number"]) >= 1:
        return _decade_or_century((int(match["number"]) - 1) * 100, 2, text)
    match = _SEASON_WORDS.fullmatch(text)
    if match:
        return make_season(int(match["year"]), _SEASON_BY_NAME[match["season"].lower()], text)
    return None


def _decade_or_century(year: int, unspecified: int, text: str) -> EventDate:
    """Return a checked decade (unspecified 1) or century (2) starting in year."""
    if year < 1:
        raise DateError(f"{text!r} starts before AD 1, which this tool cannot place as a decade or century: "
                        "write a year, like 0050 or 50 BC")
    return EventDate(year, unspecified=unspecified)


def _numeric_message(match: re.Match, text: str) -> str:
    """Return why an all-numbers date like 04/11/2024 is refused."""
    first, _, second, third = match.groups()
    if len(first) == 4:
        return (
            f"{text!r} uses {match[2]!r} between numbers; write it in ISO form with dashes, "
            f"like {first}-{int(second):02d}-{int(third):02d}"
        )
    a, b = int(first), int(second)
    if a <= 12 and b <= 12 and a != b:
        return (
            f"{text!r} is ambiguous: it could be {a} {MONTH_NAMES[b - 1]} or "
            f"{MONTH_NAMES[a - 1]} {b}; write it as YYYY-MM-DD (like 2024-11-04) "
            "or with the month's name (like 4 November 2024)"
        )
    return (
        f"{text!r} writes the date in numbers only, which readers in different countries "
        "read differently; write it as YYYY-MM-DD (like 2024-11-04) "
        "or with the month's name (like 4 November 2024)"
    )


def _month_number(name: str, text: str) -> int:
    """Return the month number of an English month name or abbreviation."""
    number = _MONTH_BY_NAME.get(name.lower().rstrip("."))
    if number is None:
        raise DateError(f"{name!r} in {text!r} is not a month name")
    return number


_NO_FULL_YEAR = (
    "{text!r} has no full year: write the year with all its digits (like 4 November 2024); "
    "for years before AD 100 add the era (like 'AD 44' or '44 BC')"
)


def _from_words(text: str) -> EventDate | None:
    """Return the date of the common English forms, any era ('4 Nov 2024', '15 March 44 BC'), or None."""
    bce = False
    era = _ERA_AFTER.fullmatch(text) or _ERA_BEFORE.fullmatch(text)
    if era:
        bce = era["era"].upper().startswith("B")
        text_without_era = era["rest"]
    else:
        text_without_era = text
    for pattern in _WORD_DATES:
        match = pattern.fullmatch(text_without_era)
        if not match:
            continue
        groups = match.groupdict()
        month = groups.get("month")
        if month and month.lower().rstrip(".") not in _MONTH_BY_NAME:
            return None
        year = int(match["year"])
        if year == 0:
            make_date(0, text=text)  # before the short-year checks: no number of digits makes year 0 real
        if not era and len(match["year"]) < 4 and month is None:
            return None  # a bare "800" is more likely a typo than a year; ISO asks for 0800
        if not era and len(match["year"]) < 3:
            # "November 4" or "4 Nov 24" most likely lacks the year or shortens it, not AD 4 or AD 24.
            raise DateError(_NO_FULL_YEAR.format(text=text))
        return make_date(
            -year if bce else year,
            _month_number(month, text) if month else None,
            int(groups["day"]) if groups.get("day") else None,
            text,
        )
    return None


def _from_natural_language(text: str) -> EventDate:
    """Return the date dateparser reads in text, at the precision it reports."""
    from dateparser.date import DateDataParser  # imported late: it is slow to import

    parser = _dateparser(DateDataParser)
    data = parser.get_date_data(text)
    if data.date_obj is None or data.period not in (DAY, MONTH, YEAR):
        raise DateError(
            f"{text!r} is not a date this tool can read: write it as 2024-11-04, 2024-11 "
            "or 2024, or in words like '4 November 2024' or 'November 2024' "
            "(with the year; relative dates like 'yesterday' are not allowed)"
        )
    when = data.date_obj
    if not re.search(rf"(?<!\d)0*{when.year}(?!\d)", text):
        # dateparser completes "'68" to 2068; a year not written out in full is a guess.
        raise DateError(_NO_FULL_YEAR.format(text=text))
    if data.period == YEAR:
        return make_date(when.year, text=text)
    if data.period == MONTH:
        return make_date(when.year, when.month, text=text)
    return make_date(when.year, when.month, when.day, text)


_PARSER = None


def _dateparser(factory):
    """Return the shared dateparser instance, configured so results never depend on today."""
    global _PARSER
    if _PARSER is None:
        _PARSER = factory(
            languages=["en"],
            settings={
                # Absolute dates only, always with a year: "yesterday" or "4 November"
                # would resolve against the day of the build and change over time.
                "PARSERS": ["absolute-time"],
                "REQUIRE_PARTS": ["year"],
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_TIME_AS_PERIOD": True,
            },
        )
    return _PARSER


def format_range(start: EventDate, end: EventDate | None = None, approximate: bool = False,
                 ongoing: bool = False) -> str:
    """Return the date or range as readers see it ('4–6 November 2024', 'c. 500 BC', 'possibly 2024',
    'since 24 February 2022, ongoing')."""
    return describe_range(start, end, approximate, ongoing, ENGLISH_WORDS, EventDate.format, range_parts)


# The words of a date's qualifiers and open end; i18n.py passes its translations of the same texts.
# "{day}" is a day's date after such a word: French puts its article there ("depuis le 24 février 2022").
ENGLISH_WORDS = {"c.": "c.", "possibly": "possibly", "since {date}, ongoing": "since {date}, ongoing", "{day}": "{day}"}


def qualified(text: str, uncertain: bool, approximate: bool, words: dict) -> str:
    """Return a date's text with its qualifiers in words before it ('possibly c. 2024')."""
    if approximate:
        text = f"{words['c.']} {text}"
    return f"{words['possibly']} {text}" if uncertain else text


def describe_range(start: EventDate, end: EventDate | None, approximate: bool, ongoing: bool, words: dict,
                   format_date, parts) -> str:
    """Return a date or range in words, given how one language writes a date and a range's two parts."""
    approximate = approximate or start.approximate
    if end is None:
        text = format_date(start)
        if start.precision == DAY and not approximate and (start.uncertain or ongoing):
            text = words["{day}"].format(day=text)
        text = qualified(text, start.uncertain, approximate, words)
        return words["since {date}, ongoing"].format(date=text) if ongoing else text
    first, last = parts(start, end)
    if end.qualifier:
        # each end says its own doubt, so neither is shortened into the other
        first = qualified(format_date(start), start.uncertain, approximate, words)
        return f"{first} – {qualified(format_date(end), end.uncertain, end.approximate, words)}"
    return qualified(f"{first}{_range_dash(start, first, last)}{last}", start.uncertain, approximate, words)


def range_parts(start: EventDate, end: EventDate) -> tuple[str, str]:
    """Return the start and end texts of a range, sharing what they have in common."""
    if end.qualifier or start.unspecified or start.season is not None:
        return start.format(), end.format()  # a decade or season has no shorter form
    same_year = start.year == end.year and start.precision == end.precision
    if same_year and start.precision == DAY and start.month == end.month:
        return str(start.day), end.format()
    if same_year and start.precision != YEAR:
        return start.format(with_year=False), end.format()
    if start.year < 0 and end.year < 0 and start.precision == end.precision == YEAR:
        return str(-start.year), end.format()
    if start.is_bce and not end.is_bce:
        # "44 BC – 10" reads as if 10 were BC too; across the eras the AD year says which it is.
        return start.format(), f"{end.format(with_year=False)} AD {end.year}".lstrip()
    return start.format(), end.format()


def _range_dash(start: EventDate, first: str, last: str) -> str:
    """Return an en dash, spaced when the start has words of its own ('30 October – 2 November')."""
    # A whole year before a longer end ("2024 – November 2025") needs the space too, or the
    # dash seems to join 2024 to November alone; a shortened start ("4–6 November") does not.
    whole_start = first == start.format()
    return " – " if " " in first or (whole_start and " " in last) else "–"
