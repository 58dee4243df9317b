"""Rules for dates written on the calendar: "November 4, 2024", "Oct. 23-24", "11/04/2024", "July",
"2024", "the 1990s", "the 20th century", "mid-2024"."""

from __future__ import annotations

import datetime
import itertools
import re

from timeline.authoring.timex.context import Context, Hit
from timeline.authoring.timex.resolve import resolve_day_of_month, resolve_month, resolve_month_day
from timeline.authoring.timex.values import DATE, TIME, day_value, month_value, parse_number, shift_months, valid_day
from timeline.authoring.timex.vocabulary import (
    ORDINALS,
    RELATIVE_OFFSETS,
    SEASONS,
    SMALL_NUMBERS,
    TEMPORAL_BEFORE,
    WEEKDAY,
    WEEKDAYS,
    day_number,
    month_of,
)


def _date_hit(match: re.Match, day: datetime.date, anchored: bool, end_day: datetime.date | None = None) -> list[Hit]:
    """Return the hit of a day (and the last day of a range)."""
    end_value = day_value(end_day) if end_day else None
    return [Hit(match.start(), match.end(), DATE, day_value(day), anchored, end_value)]


def explicit_day(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'November 4, 2024', '4 November 2024' or 'Thursday, Nov. 7'."""
    month, day = month_of(match), day_number(match["day"])
    if match.groupdict().get("year"):
        return explicit_day_of(match, context, month, day)
    weekday = WEEKDAYS.index(match["weekday"].lower()) if match.groupdict().get("weekday") else None
    if weekday is None:
        weekday = _weekday_before(context.text, match.start())
    resolved = resolve_month_day(context, month, day, match.start(), match.end(), weekday)
    if not resolved:
        return []
    hits = _date_hit(match, resolved, True)
    if weekday is None:
        hits[0].narrative = ("month day", month, day)  # "on August 25" after "August 23, 2005": that August
    return hits


def day_of_relative_month(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'the 25th of last month', 'the 3rd of this month' or 'the 1st of next month'."""
    year, month = shift_months(context.reference.year, context.reference.month, RELATIVE_OFFSETS[match["rel"].lower()])
    day = int(match["day"])
    return [Hit(match.start(), match.end(), DATE, day_value(datetime.date(year, month, day)))] \
        if valid_day(year, month, day) else []


def bare_day(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'on the 6th': in the month of the day the text named before it, else by tense."""
    day = int(match["day"])
    resolved = resolve_day_of_month(context, day, match.start("the"), match.end())
    if resolved is None:
        return []
    hit = Hit(match.start("the"), match.end(), DATE, day_value(resolved), True)
    hit.narrative = ("day of month", day)
    return [hit]


def weekday_and_day(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'Saturday 18': the day of that number nearest the reference that falls on that weekday."""
    weekday, number = WEEKDAYS.index(match["weekday"].lower()), int(match["day"])
    reference = context.reference
    for shift in (0, -1, 1, -2, 2):
        year, month = reference.year + (reference.month - 1 + shift) // 12, (reference.month - 1 + shift) % 12 + 1
        if valid_day(year, month, number) and datetime.date(year, month, number).weekday() == weekday:
            return _date_hit(match, datetime.date(year, month, number), True)
    return []


def _weekday_before(text: str, position: int) -> int | None:
    """Return the weekday written just before a date ('Thursday (' or 'Thursday, '), or None."""
    found = re.search(rf"({WEEKDAY})\s*[,(]\s*$", text[max(0, position - 14): position])
    return WEEKDAYS.index(found[1].lower()) if found else None


def day_range(match: re.Match, context: Context) -> list[Hit]:
    """Return the days of 'Oct. 23-24', '10 to 12 June 2024' or 'Nov. 30 - Dec. 2'; of '5 and 6 May' too, but of
    'held on 17 and 24 May' the first day alone (two days apart: two events, as '3, 10 and 17 June' are), though
    'between October 4 and 19' is a span."""
    month, day, last_day = month_of(match), day_number(match["day"]), day_number(match["day2"])
    last_month = month_of(match, "month2") if match.groupdict().get("month2") else month
    if re.search(r"\sand\s", match[0]) and last_day - day != 1 \
            and not re.search(r"(?i)\bbetween\s+$", context.text[max(0, match.start() - 8): match.start()]):
        return explicit_day_of(match, context, month, day)  # not "between October 4 and 19": a span
    return _day_span(match, context, (month, day), (last_month, last_day))


def _day_span(match: re.Match, context: Context, first_day: tuple[int, int], last: tuple[int, int]) -> list[Hit]:
    """Return the hit of a span of days written as (month, day) pairs, its years from the text or the tense."""
    (month, day), (last_month, last_day) = first_day, last
    if (last_month, last_day) <= (month, day) and last_month == month:
        return []  # "March 10 to 5" is not a range of days
    crosses_year = (last_month, last_day) < (month, day)  # "Dec. 30 - Jan. 2"
    if match["year"]:
        # The year written after the range is the year of its last day.
        last_year = int(match["year"])
        year = last_year - 1 if crosses_year else last_year
        if not (valid_day(year, month, day) and valid_day(last_year, last_month, last_day)):
            return []
        return _date_hit(match, datetime.date(year, month, day), False, datetime.date(last_year, last_month, last_day))
    first = resolve_month_day(context, month, day, match.start(), match.end())
    if first is None:
        return []
    if first > context.reference and valid_day(first.year - 1, month, day) \
            and valid_day(first.year - 1 + crosses_year, last_month, last_day):
        ongoing = first.replace(year=first.year - 1)
        if ongoing <= context.reference <= datetime.date(ongoing.year + crosses_year, last_month, last_day):
            first = ongoing  # "is to run from January 23 through March 9", said on January 28: this one, under way
    last_year = first.year + 1 if crosses_year else first.year
    if not valid_day(last_year, last_month, last_day):
        return []
    return _date_hit(match, first, True, datetime.date(last_year, last_month, last_day))


def explicit_day_of(match: re.Match, context: Context, month: int, day: int) -> list[Hit]:
    """Return the hit of one day of a month named in a match, its year written there or found from the tense."""
    if match["year"]:
        year = int(match["year"])
        return _date_hit(match, datetime.date(year, month, day), False) if valid_day(year, month, day) else []
    first = resolve_month_day(context, month, day, match.start(), match.end())
    return _date_hit(match, first, True) if first else []


def day_list(match: re.Match, context: Context) -> list[Hit]:
    """Return the days of '7, 8 and 9 June' or 'June 7, 8 and 9' as a range when they follow each other, else the
    first day ('on 3, 10 and 17 June': the first of three events)."""
    days = [int(number) for number in re.findall(r"\d{1,2}", match["days"])] + [int(match["day2"])]
    if any(b - a != 1 for a, b in itertools.pairwise(days)):
        return explicit_day_of(match, context, month_of(match), days[0])
    return _day_span(match, context, (month_of(match), days[0]), (month_of(match), days[-1]))


def iso_day(match: re.Match, context: Context) -> list[Hit]:
    """Return the day (or time) of '2024-11-04' or '2024-11-04T10:15'."""
    year, month, day = int(match["year"]), int(match["m"]), int(match["d"])
    if not valid_day(year, month, day):
        return []
    value = day_value(datetime.date(year, month, day))
    if match["hour"]:
        return [Hit(match.start(), match.end(), TIME, f"{value}T{match['hour']}:{match['minute']}")]
    return [Hit(match.start(), match.end(), DATE, value)]


def numeric_day(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of '11/04/2024' (month first, as US news writes it, unless that cannot be)."""
    if match["sep"] == "." and len(match["y"]) == 2:
        return []  # "1.5.10" is more likely a version number
    first, second, year = int(match["a"]), int(match["b"]), match["y"]
    if len(year) == 2:
        century = context.reference.year // 100 * 100
        year = century + int(year) if century + int(year) <= context.reference.year + 10 else century - 100 + int(year)
    else:
        year = int(year)
    # Dots are the European way (4.11.2024 is 4 November); slashes in English news put the month first.
    month, day = (second, first) if match["sep"] == "." or first > 12 else (first, second)
    if not valid_day(year, month, day):
        return []
    return [Hit(match.start(), match.end(), DATE, day_value(datetime.date(year, month, day)))]


def weekday_numeric_day(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'Wednesday, 1/18' (month first, as US releases write it): that weekday's date nearest
    the reference, else by tense."""
    return _month_first_day(match, context, WEEKDAYS.index(match["weekday"].lower()))


def bracketed_numeric_day(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of '(2/23)' after a place or an item ('closing centres in Bogalusa (2/23), Reserve (2/24)'),
    month first as US releases write it, its year by tense."""
    month, day = int(match["m"]), int(match["d"])
    if not (1 <= month <= 12 and valid_day(2000, month, day)) or month < day <= 8:
        return []  # "(1/2)", "(3/4)": fractions
    return _month_first_day(match, context)


def _month_first_day(match: re.Match, context: Context, weekday: int | None = None) -> list[Hit]:
    """Return the hit of a day written month first ('1/18'), its year by the weekday given, else by tense."""
    month, day = int(match["m"]), int(match["d"])
    if not 1 <= month <= 12:
        return []
    resolved = resolve_month_day(context, month, day, match.start(), match.end(), weekday)
    return _date_hit(match, resolved, True) if resolved else []


def month_year(match: re.Match, context: Context) -> list[Hit]:
    """Return the month of 'November 2024' or 'Nov. of 2024'."""
    return [Hit(match.start(), match.end(), DATE, month_value(int(match["year"]), month_of(match)))]


_ACTS_AS_A_PERSON = re.compile(r"\s+(?:and\s+(?:her|his|their)\b|(?:said|says|told|announced|canceled|cancelled)\b)")
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b(?!(?:The|In|On|At|By|For|From|Since|Until|Last|This|Next|Early|Late"
                          r"|During)\b)[A-Z][a-z]+\s+$")


def nth_day_of_month(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'the first Monday of March', 'the second Tuesday in November 2024', 'the last day of
    March' or 'the first day of 2008'."""
    nth = match["nth"].lower()
    if match["month"]:
        year, month = (int(match["year"]), month_of(match)) if match["year"] else \
            resolve_month(context, month_of(match), match.start(), match.end())
    else:
        year, month = int(match["year_alone"]), 1 if nth == "first" else 12
    days = [datetime.date(year, month, number) for number in range(1, 32) if valid_day(year, month, number)]
    if match["weekday"]:
        days = [day for day in days if day.weekday() == WEEKDAYS.index(match["weekday"].lower())]
    index = -1 if nth in ("last", "final") else ORDINALS[nth] - 1
    if not -len(days) <= index < len(days):
        return []  # "the fifth Monday of February"
    return [Hit(match.start(), match.end(), DATE, day_value(days[index]))]


def month_of_relative_year(match: re.Match, context: Context) -> list[Hit]:
    """Return the month (or day) of 'February of last year', 'Feb this year', '30 April this year' or 'March 3 of
    next year'."""
    year = context.reference.year + RELATIVE_OFFSETS[match["rel"].lower()]
    month, day = month_of(match), match["day"] or match["day2"]
    if day is None:
        return [Hit(match.start(), match.end(), DATE, month_value(year, month), True)]
    day = day_number(day)
    return [Hit(match.start(), match.end(), DATE, day_value(datetime.date(year, month, day)), True)] \
        if valid_day(year, month, day) else []


def month_alone_hit(match: re.Match, context: Context) -> list[Hit]:
    """Return the month of 'July', 'last July' or 'early December'; a bare 'May' or 'March' needs a word of time."""
    name = match["month"]
    before = context.text[max(0, match.start() - 20): match.start()]
    if not match["mod"] and not match["rel"]:
        if name in ("May", "March") and not TEMPORAL_BEFORE.search(before):
            return []  # "may" the verb, "Theresa May", a march
        if _NAME_BEFORE.search(before) and not TEMPORAL_BEFORE.search(before):
            return []  # "Kathleen April", "June" as a name
        if _ACTS_AS_A_PERSON.match(context.text, match.end()):
            return []  # "from May and her Cabinet", "May said"
    relation = " ".join((match["rel"] or "").lower().split())
    relation = {"this past": "last", "this coming": "next"}.get(relation, relation)
    year, month = resolve_month(context, month_of(match), match.start(), match.end(), relation)
    return [Hit(match.start(), match.end(), DATE, month_value(year, month), True)]


def year_hit(match: re.Match, context: Context) -> list[Hit]:
    """Return the year of a bare '2024', unless it is a count, money, a phone number or part of one."""
    text, start, end = context.text, match.start(), match.end()
    year = int(match["year"])
    before, after = text[max(0, start - 12): start], text[end: end + 24]
    token = text[text.rfind(" ", 0, start) + 1: (text.find(" ", end) + 1 or len(text) + 1) - 1]
    if re.search(r"www\.|https?:|\.html?\b|\.php\b|[?&=]", token):
        return []  # "release=2006-...", "www.loc.gov/poetry/laureate-2001-present.html": part of an address
    if re.search(r"[\d][\s.-]$", before) and not re.search(r"(?<!\d)\d{4}\s*[-–]$", before):
        return []  # "555-2010", "+1 202 2010"
    if re.match(r"[-–]\d", after) and not re.match(r"[-–](?:\d{2}|\d{4})(?![\d-])", after):
        return []
    if re.match(r"\s*(?:%|percent|per\s+cent|million|billion|trillion|bn|m\b|km|kilomet|miles|metres|meters|feet"
                r"|tons|tonnes|people|troops|soldiers|children|men|women|votes|cases|deaths|units|dollars|euros"
                r"|pounds|yuan|rupees|calories|points|pages|words|hours|minutes|seconds|days|weeks|months|years"
                r"|degrees|yards|acres|hectares|homes|households|students|patients|jobs|workers|employees|passengers"
                r"|vehicles|barrels)\b", after, re.IGNORECASE):
        return []
    if re.search(r"\b(?:H\.\s?R|H\.\s?Res|S|Nos?|Pub\.\s?L)\.\s*$", before):
        return []  # "H.R. 2024", "No. 2019": a bill's or an item's number
    if not 1900 <= year <= 2099 and not re.search(
            r"\b(?:in|since|until|till|by|from|of|between|and|circa|c\.|year|around|before|after)\s+$", before,
            re.IGNORECASE):
        return []  # "1500 soldiers" is more likely than the year 1500 without a preposition
    return [Hit(start, end, DATE, f"{year:04d}")]


def spelled_year(match: re.Match, context: Context) -> list[Hit]:
    """Return the year (or month) of 'two thousand nine', 'nineteen seventy-two', 'twenty fifteen', 'eighteen
    hundred and two' or 'October, two thousand five', as radio scripts write them; after a word of time only, so
    that 'nineteen seventy people' stays a count."""
    before = context.text[max(0, match.start() - 12): match.start()]
    if not match["month"] and not re.search(r"(?i)\b(?:in|since|until|till|by|from|of|between|and|year|before|after"
                                            r"|around)\s+$", before):
        return []
    if not match["rest"] and not ("hundred" in match[0].lower() or re.match(r"[.,;:]", context.text[match.end():])):
        return []  # "nineteen" alone is a number; "two thousand people" a count
    year = _spelled_year_value(match)
    if year is None:
        return []
    if match["month"]:
        return [Hit(match.start(), match.end(), DATE, month_value(year, month_of(match)))]
    return [Hit(match.start(), match.end(), DATE, f"{year:04d}")]


def explicit_day_spelled_year(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'August twenty-ninth, two thousand five'."""
    year, month, day = _spelled_year_value(match), month_of(match), day_number(match["day"])
    if year is None or not valid_day(year, month, day):
        return []
    return [Hit(match.start(), match.end(), DATE, day_value(datetime.date(year, month, day)))]


def _spelled_year_value(match: re.Match) -> int | None:
    """Return the year a match of a spelled year names ('two thousand five' 2005), None for a number ('twenty one')."""
    if match["millennium"]:
        return 2000 + (_spelled_number(match["rest"]) if match["rest"] else 0)
    century = _spelled_number(match["century"]) * 100
    rest = _spelled_number(match["rest"]) if match["rest"] else 0
    return None if century == 2000 and rest < 10 else century + rest  # "twenty one" is 21; "twenty ten" is 2010


def _spelled_number(words: str) -> int:
    """Return the number below a hundred that words spell ('seventy-two' 72, 'oh five' 5)."""
    parts = [part for part in re.split(r"[-\s]+", words.lower()) if part not in ("and", "oh")]
    return sum(SMALL_NUMBERS[part] for part in parts)


def year_pair(match: re.Match, context: Context) -> list[Hit]:
    """Return both years of '1957-58' (the second written short)."""
    first = int(match["year"])
    second = first // 100 * 100 + int(match["short"])
    if second <= first:
        return []
    short_start = match.start("short")
    return [Hit(match.start(), match.start() + 4, DATE, f"{first:04d}"),
            Hit(short_start, match.end(), DATE, f"{second:04d}")]


def decade_hit(match: re.Match, context: Context) -> list[Hit]:
    """Return the decade of 'the 1990s', 'the mid-1990s' or 'the '90s' ('199')."""
    digits = match["decade"].lstrip("'’")
    if len(digits) == 2 and not re.match(r"(?i)the\b|['’]", match[0]) and match["decade"][0] not in "'’":
        return []  # "in their 20s" is an age
    if len(digits) == 2:
        digits = ("20" if digits == "00" or int(digits) + 2000 <= context.reference.year else "19") + digits
    return [Hit(match.start(), match.end(), DATE, digits[:3])]


def century_hit(match: re.Match, context: Context) -> list[Hit]:
    """Return the century of 'the 20th century' ('19')."""
    ordinal = match["ordinal"].lower()
    number = int(re.match(r"\d+", ordinal)[0]) if ordinal[0].isdigit() else ORDINALS.get(ordinal)
    if not number:
        return []
    return [Hit(match.start(), match.end(), DATE, f"{number - 1:02d}")]


def part_of_year(match: re.Match, context: Context) -> list[Hit]:
    """Return the year, season, half or quarter of 'mid-2024', 'summer 2024', 'the first half of 2024', 'Q3 2024'."""
    year = int(match["year"])
    part = " ".join((match["part"] or "").lower().split())
    season = re.search(r"spring|summer|fall|autumn|winter", part)
    if season:
        return [Hit(match.start(), match.end(), DATE, f"{year:04d}-{SEASONS[season[0]]}")]
    if "half" in part:
        return [Hit(match.start(), match.end(), DATE, f"{year:04d}-H{1 if 'first' in part else 2}")]
    quarter = re.search(r"q([1-4])|(first|second|third|fourth)\s+quarter", part)
    if quarter:
        number = int(quarter[1]) if quarter[1] else ORDINALS[quarter[2]]
        return [Hit(match.start(), match.end(), DATE, f"{year:04d}-Q{number}")]
    return [Hit(match.start(), match.end(), DATE, f"{year:04d}")]


def months_of_a_year(match: re.Match, context: Context) -> list[Hit]:
    """Return the months of 'the last two months of 2014' or 'the first three months of this year' as a span of
    months."""
    year = int(match["year"]) if match["year"] else context.reference.year + RELATIVE_OFFSETS[match["relative"].lower()]
    count = parse_number(match["count"])
    if count is None or not 1 <= count <= 11 or count != int(count):
        return []
    first, last = (1, int(count)) if match["edge"].lower() == "first" else (13 - int(count), 12)
    return [Hit(match.start(), match.end(), DATE, f"{year:04d}-{first:02d}", False, f"{year:04d}-{last:02d}")]
