"""Spans in news text made one date with an end: "from 8 to 10 July", "between mid-June and late-September
2018", "the two-day summit ending Wednesday", "Tuesday, March 24, at 10 a.m. to Thursday, March 26"; days counted
from another ("a week after the speech on 28 October"); and weeks told by a day ("the week of March 9", "the Easter
holidays"), known to their month."""

from __future__ import annotations

import dataclasses
import datetime
import re

from timeline.authoring.timex import Timex
from timeline.authoring.timex.holiday_names import HOLIDAY
from timeline.authoring.timex.values import month_or_year
from timeline.authoring.timex.vocabulary import FULL_MONTHS, SMALL_NUMBERS, WEEKDAY, WEEKDAYS, month_group
from timeline.model.dates import DAY, MONTH, YEAR, EventDate

# "from 8 July to 10 July", "between March and May": two dates written as one span.
_SPAN_OPEN = re.compile(r"\b(?:from|between)\s+(?:(?:roughly|about|around|approximately|circa|c\.)\s+)?(?:the\s+)?$",
                        re.IGNORECASE)
# "Beginning on Saturday morning, it continued through to Sunday": a span told as its start and its end.
_STARTING = re.compile(r"\b(?:begin(?:ning|s)?|began|begun|start(?:ing|s|ed)?|open(?:ing|s|ed)?|continu(?:e|es|ed|ing))"
                       r"\s+(?:(?:on|in)\s+)?$", re.IGNORECASE)
_CONTINUED_TO = re.compile(r",?\s+[^.;,]{0,40}?\b(?:through|until|till|to)(?:\s+to)?\s+(?:the\s+)?", re.IGNORECASE)
_YEAR_DASH = re.compile(r"[-–]")
WEEK_OF = re.compile(r"\b(?:the\s+)?week\s+of\s+(?:the\s+)?", re.IGNORECASE)  # "the week of March 9"
_WEEK_OF_BEFORE = re.compile(WEEK_OF.pattern + "$", re.IGNORECASE)
# "the Memorial Day weekend", "the Easter holidays", "the Christmas break": the days around a holiday
_HOLIDAY_PERIOD = re.compile(r"[^\S\n]+(?:(?:long|bank)[^\S\n]+)?(?:weekend|holidays|break)\b", re.IGNORECASE)
_HOURS_TO = re.compile(r"(?:\s+[A-Z]{2,4})?\s*(?:to|until|through|till|-|–)\s+(?:the\s+)?", re.IGNORECASE)
_AND_INTO = re.compile(r"\s+(?:and\s+)?into\s+(?:early\s+)?", re.IGNORECASE)
_THE_NIGHT_BETWEEN = re.compile(r"(?i),?\s+(?:or\s+)?")  # "late Thursday or early Friday"
_RESPECTIVELY = re.compile(r",?\s+respectively\b", re.IGNORECASE)
_SPAN_JOIN = re.compile(r",?\s*(?:to|into|until|till|through|thru|and(?:\s+into)?|-|–|—)\s+(?:the\s+)?"
                        r"(?:(?:late|early|mid)-?\s*)?", re.IGNORECASE)  # "between mid-June and late-September"
# "the two-day summit ending Wednesday", "a three-day festival starting on 8 July": a span from its length.
_LENGTH_BEFORE = re.compile(
    r"\b(?:(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)(?:[- ](?:consecutive|straight|full))?[- ]"
    r"(?P<unit>day|week)s?|(?P<week_long>week)[- ]long)\b"
    r"[^.;]{0,80}?\b(?P<edge>ending|ended|ends"
    r"|closing|closed|concluding|concluded|finishing|finished|wrapping\s+up|wrapped\s+up|starting|started|starts"
    r"|beginning|began|begins|opening|opened|opens|convene|convenes|convened|convening|be\s+held|is\s+held"
    r"|was\s+held|held)\s+(?:at\s+\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?\s+)?(?:on\s+|from\s+)?$", re.IGNORECASE)
# "construction will begin in September 2012 and be completed in November 2013": a span from its two ends.
# ("reopen at 12:01 am, local time, on September 1, 2020, and close at 12:01 am, local time, on October 26"; a storm
# that "touched land on Wednesday night and left the island on Thursday morning")
_AT_CLOCK = r"(?:at\s+[^.;]{1,30}?,?\s+)?"
_BEGINS = re.compile(r"\b(?:begin|begins|began|begun|start|starts|started|starting|beginning|(?:re)?open|(?:re)?opens"
                     rf"|(?:re)?opened|touched\s+(?:land|down)|made\s+landfall)\b(?:[^.;]{{0,40}}\b{_AT_CLOCK}(?:in|on))?\s+$",
                     re.IGNORECASE)
_BEGIN_END = re.compile(r",?\s+and\s+(?:(?:be|is|are|was|were|will(?:\s+be)?)\s+)?(?:complet|end|finish|conclud|clos"
                        rf"|left\s+(?:the\s+)?[a-z]+\b)\w*\s+{_AT_CLOCK}(?:(?:in|on|by)\s+)?", re.IGNORECASE)
# "a week after the president's speech on 28 October": a day counted from the date that follows.
# not "deliberated for three days before returning a verdict on Wednesday": a length, not a count from the day
_COUNTED_FROM = re.compile(r"(?<!\bfor\s)\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                           r"(?P<unit>day|week|month)s?[^\S\n]+(?P<way>after|before|from)\s+(?:(?:[^.;,\d\n]{0,50}?\s)?(?:on|of|in)\s+)?"
                           r"(?:the\s+)?$",
                           re.IGNORECASE)
_WEEKDAY = re.compile(WEEKDAY, re.IGNORECASE)
_WEEKDAY_PART = re.compile(rf"{WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?", re.IGNORECASE)  # "Friday night"
# Words of hours kept every week, whose weekdays are no one week's: "open Tuesday through Sunday, 10 a.m. to 5 p.m."
_ROUTINE_WORDS = re.compile(r"(?i)\b(?:open|opens|closed|hours|daily|weekdays|every|each|[ap]\.?m\.?|noon|midnight)\b"
                            r"|\d:\d\d")
_THROUGH = re.compile(r",?\s*(?:through|thru|to|until|till|–|—|-)\s+", re.IGNORECASE)
# A day written with its month's name: "Oct. 22", "22 October"
MONTH_AND_DAY = re.compile(rf"\b{month_group('month')}\s+\d|\d\s+(?:{FULL_MONTHS})")
_MOVED_FROM = re.compile(r"\b(?:postponed|delayed|moved|pushed\s+back|put\s+off|rescheduled|brought\s+forward)\b"
                         r"[^.;]*?(?:\bfrom\s+(?:the\s+)?|(?<!\bto)(?<!\buntil)(?<!\bfor)\s)$", re.IGNORECASE)
# ("moved March 3 to March 10" too; not "rescheduled to August 6 to 21", a span it moved to)
# The words of a clock time that give its day as well ("Friday night", "7:49 p.m. EST Saturday, Nov. 14").
DAY_WORDS = re.compile(r"day|(?<!mid)night|tomorrow|morning|afternoon|evening|\d{4}-\d\d-\d\d|[A-Z][a-z]{2,}\.?\s+\d",
                        re.IGNORECASE)


def shifted(day: EventDate, n: int, unit: str, inclusive: bool) -> EventDate:
    """Return the date n days, weeks, months or years after a day, at the precision the unit gives (the last day
    of the span, when inclusive, for days and weeks)."""
    start = datetime.date(*day.start_key())
    if unit in "DW":
        days = n * (7 if unit == "W" else 1) - (1 if inclusive else 0)
        moved = start + datetime.timedelta(days=days)
        return EventDate(moved.year, moved.month, moved.day)
    if unit == "M":
        months = start.year * 12 + start.month - 1 + n
        return EventDate(months // 12, months % 12 + 1)
    return EventDate(start.year + n)


def cut_to(date: EventDate, precision: str) -> EventDate:
    """Return a date cut to a precision."""
    if precision == YEAR:
        return EventDate(date.year)
    return EventDate(date.year, date.month) if precision == MONTH else date


def joined_spans(text: str, timexes: list[Timex], published: EventDate) -> list[Timex]:
    """Return timexes with each span written with two dates, or with a length, made one timex with an end."""
    joined: list[Timex] = []
    for timex in timexes:
        previous = joined[-1] if joined else None
        if previous and timex.date and previous.date and timex.date.start_key() <= previous.date.start_key():
            previous, timex = _in_order(text, previous, timex, published.start_key())
            joined[-1] = previous
        if previous and (that_year := _ago_this(text, previous, timex)):
            joined[-1] = that_year
            continue
        if previous and (into := _weekend_into(text, previous, timex)):
            joined[-1] = into
            continue
        if previous and _one_span(text, previous, timex):
            joined[-1] = dataclasses.replace(_in_the_year_of(previous, timex), end=timex.end, end_date=timex.end_date
                                             or timex.date, text=text[previous.start: timex.end])
            continue
        if len(joined) > 1 and _clocked_span(text, joined[-2], previous, timex):
            # "Tuesday, March 24, at 10 a.m. EDT to Thursday, March 26": the days, their hours left to the text
            day = joined.pop(-2)
            joined[-1] = dataclasses.replace(day, end=timex.end, text=text[day.start: timex.end], end_date=timex.date)
            continue
        if timex.end_date and _MOVED_FROM.search(text, max(0, timex.start - 60), timex.start):
            timex = dataclasses.replace(timex, date=timex.end_date, end_date=None)  # "pushed back from May 7 to May 9"
        elif timex.end_date and _RESPECTIVELY.match(text, timex.end):
            timex = dataclasses.replace(timex, end_date=None)  # "on March 4 and 5 respectively": the first's day
        timex = _holiday_weekend(text, _counted_from(text, _with_length(text, timex)))
        joined.append(_week_of(text, timex))
    return joined


def _in_the_year_of(first: Timex, last: Timex) -> Timex:
    """Return a span's first date in the year written with its last ('between mid-June and late-September 2018'),
    where the first has none of its own and that year keeps it before the last."""
    if re.search(r"\d{4}", first.text) or not re.search(r"\d{4}", last.text) or first.date.precision == YEAR \
            or (first.date.month, first.date.day) == (2, 29):
        return first
    moved = EventDate(last.date.year, first.date.month, first.date.day)
    return dataclasses.replace(first, date=moved) if moved.start_key() <= last.date.start_key() else first


def _clocked_span(text: str, day: Timex, clock: Timex, last: Timex) -> bool:
    """Return whether a day, its hour and a later day are the ends of one span ('Tuesday, March 24, at 10 a.m. EDT
    to Thursday, March 26', 'reopen on September 1 and close at 12:01 am on October 26')."""
    if clock.type != "TIME" or DAY_WORDS.search(clock.text) or not day.date or day.date.precision != DAY \
            or day.end_date or not last.date or last.date.precision != DAY or last.end_date \
            or day.date.start_key() >= last.date.start_key():
        return False
    return (bool(re.fullmatch(r",?\s+at\s+", text[day.end: clock.start]))
            and bool(_HOURS_TO.fullmatch(text[clock.end: last.start]))) or _one_span(text, day, last)


def _weekend_into(text: str, weekend: Timex, day: Timex) -> Timex | None:
    """Return 'over the weekend and into Monday' as one span, from the weekend's Saturday to that day, else None."""
    week = re.fullmatch(r"(\d{4})-W(\d\d)-WE", weekend.value)
    if not week or not day.date or day.date.precision != DAY or not _AND_INTO.fullmatch(text, weekend.end, day.start):
        return None
    saturday = datetime.date.fromisocalendar(int(week[1]), int(week[2]), 6)
    last = datetime.date(*day.date.start_key())
    if not 0 < (last - saturday).days <= 3:
        return None
    return dataclasses.replace(day, start=weekend.start, text=text[weekend.start: day.end],
                               date=EventDate(saturday.year, saturday.month, saturday.day), end_date=day.date)


def _ago_this(text: str, ago: Timex, this: Timex) -> Timex | None:
    """Return 'twenty years ago this June' as one timex, June of that year, else None."""
    if not (text[ago.end: this.start].isspace() and ago.text.lower().endswith("ago")
            and this.text.lower().startswith("this ") and ago.date
            and ago.date.precision == YEAR and this.date and this.date.precision == MONTH):
        return None
    return dataclasses.replace(this, start=ago.start, text=text[ago.start: this.end],
                               date=dataclasses.replace(this.date, year=ago.date.year))


def _in_order(text: str, first: Timex, last: Timex, published_key: tuple) -> tuple[Timex, Timex]:
    """Return a span's two ends in order where the tense put the last before the first: a year on for a last
    with no year written ('opened on Friday and continues until June 23', 'from June into November' said in
    November), a week back for a first that is a bare weekday gone by ('lasted from Monday to Thursday'), a week on
    for a last that is a bare weekday when the first has not gone by ('rain on Wednesday and Thursday')."""
    one_day = first.type == "TIME" and first.date == last.date  # "between 1:15pm and 4:15pm today"
    if last.type == "TIME" and (not DAY_WORDS.search(last.text) or one_day):
        return first, last  # "Feb. 14, 2:30 p.m.-5:30 p.m.": the hours of one day, no year on
    in_its_year = _in_the_year_of(first, last)  # "the April-May 1999 event": April of 1999
    if in_its_year is not first and _one_span(text, in_its_year, last):
        return in_its_year, last
    if last.date.precision in (DAY, MONTH) and not re.search(r"\d{4}", last.text) \
            and not _WEEKDAY.search(last.text) and _one_span(text, first, a_year_on := _a_year_on(last)):
        return first, a_year_on
    if first.date.precision == DAY and _WEEKDAY_PART.fullmatch(first.text) and first.date.start_key() < published_key:
        week_back = dataclasses.replace(first, date=shifted(first.date, -7, "D", inclusive=False))
        if _one_span(text, week_back, last):
            return week_back, last
    if last.date.precision == DAY and _WEEKDAY_PART.fullmatch(last.text) and first.date.start_key() >= published_key:
        week_on = dataclasses.replace(last, date=shifted(last.date, 7, "D", inclusive=False))
        if _one_span(text, first, week_on):
            return first, week_on  # "rain on Wednesday and Thursday" said on Wednesday: tomorrow's Thursday
    return first, last


def _a_year_on(timex: Timex) -> Timex:
    """Return a day's or month's timex a year later (28 February for a 29th)."""
    date = timex.date
    day = 28 if date.month == 2 and date.day == 29 else date.day
    return dataclasses.replace(timex, date=EventDate(date.year + 1, date.month, day))


def _one_span(text: str, first: Timex, second: Timex) -> bool:
    """Return whether two dates in a row are the ends of one span ("from May 7 to May 9", "begin in September and
    be completed in November"), not a move ("pushed back from May 7 to May 9") or two events."""
    if not first.date or not second.date or first.end_date or first.date.start_key() >= second.date.start_key():
        return False
    if all(t.type == "TIME" and not DAY_WORDS.search(t.text) for t in (first, second)):
        return False  # "between 1:00 p.m. and 2:30 p.m.": hours of one day
    between = text[first.end: second.start]
    next_year = second.date.year == first.date.year + 1 and between.strip().lower() == "to" \
        and not _MOVED_FROM.search(text, max(0, first.start - 60), first.start)
    if first.date.precision == second.date.precision == YEAR and (_YEAR_DASH.fullmatch(between) or next_year):
        return True  # "the 2016–17 season", "1939-1945", "the upcoming 2012 to 2013 season"
    if _YEAR_DASH.fullmatch(between) and not any(_WEEKDAY.search(t.text) for t in (first, second)):
        return True  # "January–March 2025"; not "Monday-Friday", opening hours
    if _THE_NIGHT_BETWEEN.fullmatch(between) and first.text.lower().startswith("late ") \
            and second.text.lower().startswith("early ") and _a_day_apart(first, second):
        return True  # "late Thursday or early Friday": the night between the two days
    if _SPAN_JOIN.fullmatch(between):
        opened = (_SPAN_OPEN.search(text[max(0, first.start - 25): first.start]) or _next_days(first, second, text)
                  or _next_months(first, second, between) or _written_through(first, second, between)
                  or _weekdays_through(text, first, second, between))
        return bool(opened) and not _MOVED_FROM.search(text, max(0, first.start - 60), first.start)
    if _STARTING.search(text, max(0, first.start - 20), first.start) and _CONTINUED_TO.fullmatch(between):
        return True
    return bool(_BEGIN_END.fullmatch(between) and _BEGINS.search(text, max(0, first.start - 80), first.start))


def _written_through(first: Timex, second: Timex, between: str) -> bool:
    """Return whether two calendar dates written out are joined by 'through' or 'to' ('September 15, 2017 through
    December 31, 2017', 'Sunday through April 6'): a span with or without 'from'; not two weekdays ('Monday through
    Friday': opening hours)."""
    if not _THROUGH.fullmatch(between) or not first.date.precision == second.date.precision == DAY:
        return False
    if all(MONTH_AND_DAY.search(t.text) for t in (first, second)):
        return True
    # "here Sunday through April 6": a weekday and a date written out, a few days apart
    return bool(re.fullmatch(r"(?i),?\s*(?:through|thru)\s+", between)) \
        and any(MONTH_AND_DAY.search(t.text) for t in (first, second)) \
        and all(MONTH_AND_DAY.search(t.text) or _WEEKDAY.search(t.text) for t in (first, second)) \
        and second.date.start_key() <= shifted(first.date, 31, "D", inclusive=False).start_key()


def _weekdays_through(text: str, first: Timex, second: Timex, between: str) -> bool:
    """Return whether two weekdays joined by 'through' or 'to' are one week's span of an event ('The conference runs
    Tuesday through Thursday'); not a working week ('Monday through Friday') nor hours ('open ... 9 a.m. to 5 p.m.')."""
    names = [_WEEKDAY.fullmatch(t.text) for t in (first, second)]
    if not all(names) or not re.fullmatch(r"(?i)\s*(?:through|thru|to)\s+", between):
        return False
    days = [WEEKDAYS.index(name[0].lower()) for name in names]
    line = text[text.rfind("\n", 0, first.start) + 1: text.find("\n", second.end)]
    return not (days[0] == 0 and days[1] >= 4) and second.date.start_key() > first.date.start_key() \
        and not _ROUTINE_WORDS.search(line)


def _next_days(first: Timex, second: Timex, text: str) -> bool:
    """Return whether two dates joined by 'and' or 'into' are days a day apart ('Saturday, Sept. 21 and Sunday,
    Sept. 22', 'Tuesday into Wednesday')."""
    if not re.search(r"\b(?:and|into)\b", text[first.end: second.start]):
        return False
    if _RESPECTIVELY.match(text, second.end):
        return False  # "on March 4 and 5 respectively": two events
    return _a_day_apart(first, second)


def _a_day_apart(first: Timex, second: Timex) -> bool:
    """Return whether two dates are days and the second is the day after the first."""
    return first.date.precision == second.date.precision == DAY \
        and shifted(first.date, 1, "D", inclusive=False) == second.date


def _counted_from(text: str, timex: Timex) -> Timex:
    """Return a day's timex moved by the length a sentence counts from it ('a week after the speech on 28
    October': 4 November; 'a month after': November; 'two days before the Lunar New Year'), else as it is."""
    counted = _COUNTED_FROM.search(text, max(0, timex.start - 90), timex.start)
    if not counted or timex.date is None or timex.date.precision != DAY \
            or (counted["way"].lower() == "from" and not DAY_WORDS.search(timex.text)):
        return timex  # not "seven days a week from 6 a.m."
    n = int(counted["n"]) if counted["n"].isdigit() else int(SMALL_NUMBERS[counted["n"].lower()])
    after = counted["way"].lower() in ("after", "from")  # "two days from Wednesday"
    edge = timex.end_date if after and timex.end_date else timex.date  # after a span (a holiday's days): its last
    moved = shifted(edge, n if after else -n, counted["unit"][0].upper(), inclusive=False)
    # a month after a day: that month, the day unknown; the words quoted are the whole count
    return dataclasses.replace(timex, date=moved, end_date=None, start=counted.start(),
                               text=text[counted.start(): timex.end])


def _next_months(first: Timex, second: Timex, between: str) -> bool:
    """Return whether two months joined by 'and' follow each other ('in late December and January')."""
    if first.date.precision != MONTH or second.date.precision != MONTH or not re.fullmatch(r"\s+and\s+", between):
        return False
    return (second.date.year * 12 + second.date.month) - (first.date.year * 12 + first.date.month) == 1


def _week_of(text: str, timex: Timex) -> Timex:
    """Return 'the week of March 9' as the month its seven days fall in, or the year where they straddle two months
    (a week is known to its month); else the timex as it is."""
    week = _WEEK_OF_BEFORE.search(text, max(0, timex.start - 20), timex.start)
    if not week or not timex.date or timex.date.precision != DAY or timex.end_date:
        return timex
    coarse = month_or_year(timex.date, shifted(timex.date, 6, "D", inclusive=False)) or EventDate(timex.date.year)
    return dataclasses.replace(timex, date=coarse, start=week.start(), text=text[week.start(): timex.end])


def _holiday_weekend(text: str, timex: Timex) -> Timex:
    """Return 'the Memorial Day weekend' or 'the Easter holidays' as the month their days fall in (known to the month,
    like any weekend), the year where they may straddle two; else the timex as it is."""
    period = _HOLIDAY_PERIOD.match(text, timex.end)
    if not (period and timex.date and timex.date.precision == DAY and HOLIDAY.fullmatch(timex.text)):
        return timex
    date = timex.date
    coarse = EventDate(date.year, date.month) if 3 <= date.day <= 28 else EventDate(date.year)
    if period[0].strip().lower().endswith("weekend"):  # a Monday's weekend is Saturday to Monday, a Friday's Friday on
        day = datetime.date(*date.start_key())
        first, last = {0: (-2, 0), 4: (0, 2), 5: (0, 1), 6: (-1, 0)}.get(day.weekday(), (-3, 3))
        coarse = month_or_year(day + datetime.timedelta(days=first), day + datetime.timedelta(days=last)) or coarse
    return dataclasses.replace(timex, date=coarse, end_date=None, end=period.end(),
                               text=text[timex.start: period.end()])


def _with_length(text: str, timex: Timex) -> Timex:
    """Return a day's timex given its span when a length ends or starts on it ('the two-day summit ending Monday')."""
    length = _LENGTH_BEFORE.search(text[max(0, timex.start - 120): timex.start])
    end_told = _BEGIN_END.match(text, timex.end)  # "begins April 23 and closes May 23": its end is written
    if not length or timex.date is None or timex.date.precision != DAY or timex.end_date \
            or (end_told and re.match(r"\d|[A-Z]", text[end_told.end():])):
        return timex
    if length["week_long"]:
        days = 7  # "the week-long festival beginning June 1"
    else:
        days = (int(length["n"]) if length["n"].isdigit() else int(SMALL_NUMBERS[length["n"].lower()])) \
            * (7 if length["unit"].lower() == "week" else 1)
    if length["edge"].lower().startswith(("end", "clos", "conclud", "finish", "wrap")):
        return dataclasses.replace(timex, date=shifted(timex.date, 1 - days, "D", inclusive=False),
                                   end_date=timex.date)
    return dataclasses.replace(timex, end_date=shifted(timex.date, days, "D", inclusive=True))
