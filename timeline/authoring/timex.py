"""timex: find the temporal expressions of English news text and resolve them to TimeML values.

A rule-based tagger in the manner of HeidelTime: regular expressions find the expressions
("Thursday", "Nov. 7", "earlier this week", "for three years", "every week"), and each is
normalised to a TIMEX3 type and value against the reference (publication) date. The tense
of the sentence picks between the last and the next "Thursday" or "November 4": past tense
means the most recent one, future ("will", "next", "to be held", "plans to") the next one,
and with no clue we take the most recent, news being mostly about what has happened.

Values follow the TimeML TIMEX3 conventions: "2024-11-04", "2024-11", "2024", "2024-W45",
"2024-SU", "2024-Q3", "199" (the 1990s), "19" (the 20th century), "2024-11-04T22:15",
"2024-11-04TNI", "PRESENT_REF", "PAST_REF", "FUTURE_REF", "P3Y", "PT2H", "PXD" (some days).
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field
from functools import lru_cache

from timeline.authoring.sentences import sentence_spans
from timeline.model.dates import DAY, MONTH, YEAR, EventDate, days_in_month

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"
PAST, FUTURE = "past", "future"


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in a text, with its TimeML type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str
    date: EventDate | None
    end_date: EventDate | None = None
    anchored: bool = False


# --- vocabulary ---------------------------------------------------------------------------------

_MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_FULL_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_SHORT_MONTHS = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_ORDER = ("SP", "SU", "FA", "WI")

_SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "dozen": 12, "a dozen": 12, "a couple of": 2, "couple of": 2, "a couple": 2, "half a": 0.5, "half an": 0.5,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_NUMBER_WORD = (
    rf"(?:(?:{_TENS})(?:[-\s](?:{_ONES}))?|{_ONES}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|(?:a\s+)?hundred|(?:a\s+)?dozen)"
)
_VAGUE = r"(?:several|a\s+few|few|some|many|a\s+number\s+of|a\s+couple\s+of|couple\s+of|dozens\s+of|hundreds\s+of)"
# A number of units: "three", "3", "1.5", "a", "a couple of", "several", "two and a half".
_QUANTITY = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{_NUMBER_WORD}|half\s+an?|an?|a\s+couple\s+of|couple\s+of|{_VAGUE})"
    r"(?:\s+and\s+a\s+half)?"
)
_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies)|millenni(?:um|a))"
)
# unit -> (TimeML letter, how many of it one unit is, whether it is a time unit after "T")
_UNIT_CODES = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "night": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("M", 3, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False), "millennium": ("Y", 1000, False),
}

# Sentence clues for tense; the nearest one to an expression decides (see _Context.tense). "would"
# counts as future: in news it mostly reports a plan ("said he would visit on Monday"). "last" is no
# clue: "last week" is an expression of its own, and "would last until March" is not past.
_FUTURE_CLUES = re.compile(
    r"\b(?:will|won['’]t|shall|would(?!\s+have)|going\s+to|gonna|to\s+be\s+held|plans?\s+to|planning\s+to"
    r"|intends?\s+to|is\s+to|are\s+to|is\s+due|are\s+due|due\s+to\s+be|scheduled|slated|expected\s+to"
    r"|(?:is|are)\s+set\s+to|upcoming|next|aims?\s+to|hopes?\s+to|to\s+begin|to\s+start"
    r"|(?:postponed|delayed|deferred|adjourned|rescheduled|pushed\s+back|put\s+off|extended)\s+(?:until|till|to))\b"
    r"|['’]ll\b"
)  # searched in the lower-cased text
_NOT_PAST_ED = (
    "need|speed|feed|seed|bleed|breed|proceed|succeed|exceed|indeed|embed|hundred|bed|red|shed|sacred|naked|wicked"
    "|kindred|scheduled|expected|planned|slated|proposed|intended|anticipated|united|armed|advanced|skilled"
    "|detailed|based|related|limited|concerned|interested|supposed"
)
_PAST_CLUES = re.compile(
    r"\b(?:was|were|had|did|didn['’]t|wasn['’]t|weren['’]t|hadn['’]t|has\s+been|have\s+been|said|told|met|went"
    r"|came|took|made|gave|held|won|lost|began|saw|spoke|left|sent|brought|became|fell|rose|found|got|thought"
    r"|felt|knew|kept|led|ran|sat|stood|struck|wrote|broke|chose|drove|flew|grew|paid|sold|shot|spent|taught"
    # "-ed" after a form of "be" is a passive participle ("is due to be published"), not a past tense.
    rf"|ago|yesterday|earlier|recently|(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bam\s)(?<!being\s)"
    rf"(?!(?:{_NOT_PAST_ED})\b)[a-z]{{2,}}ed)\b"
)


# --- the reading context ------------------------------------------------------------------------

@dataclass
class _Hit:
    """An expression found and resolved, before it becomes a Timex."""

    start: int
    end: int
    type: str
    value: str
    anchored: bool = False
    end_value: str | None = None
    # For expressions relative to the narrative ("a day earlier", "at 8 p.m."): how to
    # resolve them once the date mentioned before them is known.
    narrative: tuple | None = None


@dataclass
class _Context:
    """The text being tagged, its reference date, and the sentence clues found in it."""

    text: str
    lowered: str
    reference: datetime.date
    precision: str
    country: str | None
    _sentences: list[tuple[int, int]] | None = None
    _starts: list[int] = field(default_factory=list)
    _clues: dict[tuple[int, int], list[tuple[int, int, str]]] = field(default_factory=dict)

    def sentence(self, position: int) -> tuple[int, int]:
        """Return the (start, end) of the sentence holding the character at position."""
        if self._sentences is None:
            self._sentences = sentence_spans(self.text)
            self._starts = [start for start, _ in self._sentences]
        index = max(0, bisect.bisect_right(self._starts, position) - 1)
        return self._sentences[index]

    def tense(self, start: int, end: int) -> str | None:
        """Return PAST or FUTURE from the clue nearest to text[start:end] in its sentence, or None."""
        first, last = self.sentence(start)
        clues = self._clues.get((first, last))
        if clues is None:
            clues = self._clues[first, last] = (
                [(m.start(), m.end(), FUTURE) for m in _FUTURE_CLUES.finditer(self.lowered, first, last)]
                + [(m.start(), m.end(), PAST) for m in _PAST_CLUES.finditer(self.text, first, last)]
            )
        best, best_distance = None, None
        for clue_start, clue_end, tense in clues:
            if clue_start < end and clue_end > start:
                continue
            distance = start - clue_end if clue_end <= start else clue_start - end
            # A future clue wins a tie: "said it will meet on Friday".
            if best_distance is None or distance < best_distance or (distance == best_distance and tense == FUTURE):
                best, best_distance = tense, distance
        return best


# --- values -------------------------------------------------------------------------------------

def _day_value(day: datetime.date) -> str:
    """Return the TIMEX3 value of a day ('2024-11-04')."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _month_value(year: int, month: int) -> str:
    """Return the TIMEX3 value of a month ('2024-11')."""
    return f"{year:04d}-{month:02d}"


def _week_value(day: datetime.date) -> str:
    """Return the TIMEX3 value of the ISO week holding a day ('2024-W45')."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    """Return (year, month) that many months away."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _value_date(value: str) -> EventDate | None:
    """Return the calendar date a TIMEX3 value names at day, month or year precision, or None."""
    match = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?", value)
    if not match or int(match[1]) == 0:
        return None
    return EventDate(int(match[1]), int(match[2]) if match[2] else None, int(match[3]) if match[3] else None)


def _valid_day(year: int, month: int, day: int) -> bool:
    """Return whether the day exists in that month."""
    return 1 <= month <= 12 and 1 <= day <= days_in_month(year, month)


def _number(text: str) -> float | None:
    """Return the number a quantity says ('three' 3, '1,000' 1000, 'two and a half' 2.5), None when vague."""
    text = " ".join(text.lower().split())
    half = 0.0
    if text.endswith(" and a half"):
        text, half = text[: -len(" and a half")], 0.5
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return float(text.replace(",", "")) + half
    if text in _SMALL_NUMBERS:
        return _SMALL_NUMBERS[text] + half
    parts = re.split(r"[-\s]", text)
    if len(parts) == 2 and parts[0] in _SMALL_NUMBERS and parts[1] in _SMALL_NUMBERS:
        return _SMALL_NUMBERS[parts[0]] + _SMALL_NUMBERS[parts[1]] + half
    return None


def _amount(number: float) -> str:
    """Return a number as TIMEX3 writes it ('3', '1.5')."""
    return str(int(number)) if number == int(number) else f"{number:g}"


def _duration_value(quantity: str, unit: str) -> str:
    """Return the TIMEX3 value of a duration ('P3Y', 'PT2H', 'PXD' for 'several days')."""
    letter, size, is_time = _UNIT_CODES[_singular(unit)]
    number = _number(quantity)
    amount = "X" if number is None else _amount(number * size)
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


def _singular(unit: str) -> str:
    """Return the singular of a unit word ('centuries' -> 'century')."""
    unit = unit.lower()
    if unit in ("centuries", "century"):
        return "century"
    if unit.startswith("millenni"):
        return "millennium"
    return unit[:-1] if unit.endswith("s") else unit


# --- resolving against the reference ------------------------------------------------------------

def _month_day(context: _Context, month: int, day: int, start: int, end: int,
               weekday: int | None = None) -> datetime.date | None:
    """Return the date of 'November 4' without a year: on that weekday if one is given, else by tense."""
    reference = context.reference
    candidates = [datetime.date(year, month, day) for year in (reference.year - 1, reference.year, reference.year + 1)
                  if _valid_day(year, month, day)]
    if weekday is not None:
        matching = [c for c in candidates if c.weekday() == weekday]
        if matching:
            return min(matching, key=lambda c: abs((c - reference).days))
    if not candidates:
        return None
    if context.tense(start, end) == FUTURE:
        return min((c for c in candidates if c >= reference), default=candidates[-1])
    return max((c for c in candidates if c <= reference), default=candidates[0])


def _month_alone(context: _Context, month: int, start: int, end: int, relation: str = "") -> tuple[int, int]:
    """Return (year, month) of 'July', 'last July' or 'next July' seen from the reference."""
    reference = context.reference
    now = (reference.year, reference.month)
    if relation == "last":
        return (reference.year, month) if month < reference.month else (reference.year - 1, month)
    if relation == "next":
        return (reference.year, month) if month > reference.month else (reference.year + 1, month)
    if relation == "this":
        return reference.year, month
    if context.tense(start, end) == FUTURE:
        return (reference.year, month) if (reference.year, month) >= now else (reference.year + 1, month)
    return (reference.year, month) if (reference.year, month) <= now else (reference.year - 1, month)


def _weekday(context: _Context, weekday: int, start: int, end: int, relation: str = "") -> datetime.date:
    """Return the day of 'Thursday', 'last Thursday' or 'next Thursday' seen from the reference."""
    reference = context.reference
    back = (reference.weekday() - weekday) % 7
    ahead = (weekday - reference.weekday()) % 7
    if relation == "last":
        return reference - datetime.timedelta(days=back or 7)
    if relation == "next":
        return reference + datetime.timedelta(days=ahead or 7)
    if relation in ("coming", "this coming"):
        return reference + datetime.timedelta(days=ahead)
    if relation == "this past":
        return reference - datetime.timedelta(days=back)
    if context.tense(start, end) == FUTURE:
        return reference + datetime.timedelta(days=ahead)
    return reference - datetime.timedelta(days=back)


def _season_now(day: datetime.date) -> tuple[int, int]:
    """Return (year, index into _SEASON_ORDER) of the season a day falls in; winter takes December's year."""
    if day.month in (1, 2):
        return day.year - 1, 3
    return day.year, (0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3)[day.month - 1]


def _season(context: _Context, code: str, start: int, end: int, relation: str = "") -> str:
    """Return the value of 'summer', 'last summer' or 'next winter' seen from the reference ('2024-SU')."""
    now = _season_now(context.reference)
    index = _SEASON_ORDER.index(code)
    this = (now[0], index)
    if relation == "this":
        chosen = this
    elif relation == "last" or (not relation and context.tense(start, end) != FUTURE):
        chosen = this if this < now or (not relation and this == now) else (now[0] - 1, index)
    else:
        chosen = this if this > now or (not relation and this == now) else (now[0] + 1, index)
    return f"{chosen[0]:04d}-{code}"


def _unit_value(day: datetime.date, unit: str, offset: int) -> str:
    """Return the value of the calendar unit holding a day, shifted by offset units ('2024-W44' for -1 week)."""
    if unit == "day":
        return _day_value(day + datetime.timedelta(days=offset))
    if unit == "week":
        return _week_value(day + datetime.timedelta(weeks=offset))
    if unit == "weekend":
        return _week_value(day + datetime.timedelta(weeks=offset)) + "-WE"
    if unit == "month":
        return _month_value(*_shift_months(day.year, day.month, offset))
    if unit == "quarter":
        year, month = _shift_months(day.year, day.month, 3 * offset)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "year":
        if not 0 < day.year + offset <= 9999:
            raise ValueError(f"year {day.year + offset} is outside the calendar")
        return f"{day.year + offset:04d}"
    if unit == "decade":
        return f"{day.year // 10 + offset:03d}"
    if unit == "century":
        return f"{day.year // 100 + offset:02d}"
    if unit == "millennium":
        return f"{day.year // 1000 + offset}"
    return ""


def _ago_value(day: datetime.date, quantity: float, unit: str) -> str:
    """Return the value of 'three weeks ago' at the granularity of its unit."""
    unit = _singular(unit)
    if unit in ("second", "minute", "hour"):
        return _day_value(day)
    if unit in ("day", "night"):
        return _day_value(day - datetime.timedelta(days=quantity))
    if unit in ("week", "fortnight"):
        return _week_value(day - datetime.timedelta(weeks=quantity * (2 if unit == "fortnight" else 1)))
    if unit in ("month", "quarter"):
        return _month_value(*_shift_months(day.year, day.month, -int(quantity * (3 if unit == "quarter" else 1))))
    years = int(quantity * _UNIT_CODES[unit][1])
    shifted = day.year - years
    if not 0 < shifted <= 9999:
        return "PAST_REF" if shifted <= 0 else "FUTURE_REF"  # "3,000 years ago": before AD 1
    if unit == "decade":
        return f"{shifted // 10:03d}"
    if unit == "century":
        return f"{shifted // 100:02d}"
    return f"{shifted:04d}"


# --- the rules ----------------------------------------------------------------------------------

def _month_group(name: str, abbreviated: bool = True, any_case: bool = False) -> str:
    """Return a pattern for a month name in a named group ('Nov.', 'November')."""
    names = f"(?:{_FULL_MONTHS})\\b" + (f"|{_SHORT_MONTHS}" if abbreviated else "")
    return f"(?P<{name}>{'(?i:' if any_case else '(?:'}{names}))"


def _day_group(name: str) -> str:
    """Return a pattern for a day of the month in a named group ('4', '04', '4th')."""
    return (rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
            r"(?![\d:%]|[.,]\d|\s*%|\s*(?:percent|per\s+cent|[ap]\.m\.|[ap]m|[AP]M)\b)")


_YEAR4 = r"(?P<year>1\d{3}|20\d{2}|21\d{2})(?![\d%]|[.,]\d)"
_RANGE_DASH = r"\s*(?:-|–|—|to|through|until|till)\s*"


def _month_of(match: re.Match, group: str = "month") -> int:
    """Return the month number a match names."""
    return _MONTH_NUMBERS[match[group].lower().rstrip(".")]


def _date_hit(match: re.Match, day: datetime.date, anchored: bool, end_day: datetime.date | None = None) -> list[_Hit]:
    """Return the hit of a day (and the last day of a range)."""
    end_value = _day_value(end_day) if end_day else None
    return [_Hit(match.start(), match.end(), DATE, _day_value(day), anchored, end_value)]


def _explicit_day(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the day of 'November 4, 2024', '4 November 2024' or 'Thursday, Nov. 7'."""
    month, day = _month_of(match), int(match["day"])
    if match.groupdict().get("year"):
        year = int(match["year"])
        return _date_hit(match, datetime.date(year, month, day), False) if _valid_day(year, month, day) else []
    weekday = _WEEKDAYS.index(match["weekday"].lower()) if match.groupdict().get("weekday") else None
    if weekday is None:
        weekday = _weekday_before(context.text, match.start())
    resolved = _month_day(context, month, day, match.start(), match.end(), weekday)
    return _date_hit(match, resolved, True) if resolved else []


def _weekday_before(text: str, position: int) -> int | None:
    """Return the weekday written just before a date ('Thursday (' or 'Thursday, '), or None."""
    found = re.search(rf"({_WEEKDAY})\s*[,(]\s*$", text[max(0, position - 14): position])
    return _WEEKDAYS.index(found[1].lower()) if found else None


def _day_range(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the days of 'Oct. 23-24', '10 to 12 June 2024' or 'Nov. 30 - Dec. 2'."""
    month, day, last_day = _month_of(match), int(match["day"]), int(match["day2"])
    last_month = _month_of(match, "month2") if match.groupdict().get("month2") else month
    if (last_month, last_day) <= (month, day) and last_month == month:
        return []  # "March 10 to 5" is not a range of days
    crosses_year = (last_month, last_day) < (month, day)  # "Dec. 30 - Jan. 2"
    if match["year"]:
        # The year written after the range is the year of its last day.
        last_year = int(match["year"])
        year = last_year - 1 if crosses_year else last_year
        if not (_valid_day(year, month, day) and _valid_day(last_year, last_month, last_day)):
            return []
        return _date_hit(match, datetime.date(year, month, day), False, datetime.date(last_year, last_month, last_day))
    first = _month_day(context, month, day, match.start(), match.end())
    if first is None:
        return []
    last_year = first.year + 1 if crosses_year else first.year
    if not _valid_day(last_year, last_month, last_day):
        return []
    return _date_hit(match, first, True, datetime.date(last_year, last_month, last_day))


def _iso_day(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the day (or time) of '2024-11-04' or '2024-11-04T10:15'."""
    year, month, day = int(match["year"]), int(match["m"]), int(match["d"])
    if not _valid_day(year, month, day):
        return []
    value = _day_value(datetime.date(year, month, day))
    if match["hour"]:
        return [_Hit(match.start(), match.end(), TIME, f"{value}T{match['hour']}:{match['minute']}")]
    return [_Hit(match.start(), match.end(), DATE, value)]


def _numeric_day(match: re.Match, context: _Context) -> list[_Hit]:
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
    if not _valid_day(year, month, day):
        return []
    return [_Hit(match.start(), match.end(), DATE, _day_value(datetime.date(year, month, day)))]


def _month_year(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the month of 'November 2024' or 'Nov. of 2024'."""
    return [_Hit(match.start(), match.end(), DATE, _month_value(int(match["year"]), _month_of(match)))]


_TEMPORAL_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|throughout|during|before|after|between|and|or|to|of|early|late"
    r"|mid|last|next|this|each|every|for|on|around)\s+|-)$",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b[A-Z][a-z]+\s+$")


def _month_alone_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the month of 'July', 'last July' or 'early December'; a bare 'May' or 'March' needs a word of time."""
    name = match["month"]
    before = context.text[max(0, match.start() - 20): match.start()]
    if not match["mod"] and not match["rel"]:
        if name in ("May", "March") and not _TEMPORAL_BEFORE.search(before):
            return []  # "may" the verb, "Theresa May", a march
        if _NAME_BEFORE.search(before) and not _TEMPORAL_BEFORE.search(before):
            return []  # "Kathleen April", "June" as a name
    relation = " ".join((match["rel"] or "").lower().split())
    relation = {"this past": "last", "this coming": "next"}.get(relation, relation)
    year, month = _month_alone(context, _month_of(match), match.start(), match.end(), relation)
    return [_Hit(match.start(), match.end(), DATE, _month_value(year, month), True)]


def _year_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the year of a bare '2024', unless it is a count, money, a phone number or part of one."""
    text, start, end = context.text, match.start(), match.end()
    year = int(match["year"])
    before, after = text[max(0, start - 12): start], text[end: end + 24]
    if re.search(r"[\d][\s.-]$", before) and not re.search(r"(?<!\d)\d{4}\s*[-–]$", before):
        return []  # "555-2010", "+1 202 2010"
    if re.match(r"[-–]\d", after) and not re.match(r"[-–](?:\d{2}|\d{4})(?![\d-])", after):
        return []
    if re.match(r"\s*(?:%|percent|per\s+cent|million|billion|trillion|bn|m\b|km|kilomet|miles|metres|meters|feet"
                r"|tons|tonnes|people|troops|soldiers|children|men|women|votes|cases|deaths|units|dollars|euros"
                r"|pounds|yuan|rupees|calories|points|pages|words|hours|minutes|seconds|days|weeks|months|years)\b",
                after, re.IGNORECASE):
        return []
    if not 1900 <= year <= 2099 and not re.search(
            r"\b(?:in|since|until|till|by|from|of|between|and|circa|c\.|year|around|before|after)\s+$", before,
            re.IGNORECASE):
        return []  # "1500 soldiers" is more likely than the year 1500 without a preposition
    return [_Hit(start, end, DATE, f"{year:04d}")]


def _year_pair(match: re.Match, context: _Context) -> list[_Hit]:
    """Return both years of '1957-58' (the second written short)."""
    first = int(match["year"])
    second = first // 100 * 100 + int(match["short"])
    if second <= first:
        return []
    short_start = match.start("short")
    return [_Hit(match.start(), match.start() + 4, DATE, f"{first:04d}"),
            _Hit(short_start, match.end(), DATE, f"{second:04d}")]


def _decade_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the decade of 'the 1990s', 'the mid-1990s' or 'the '90s' ('199')."""
    digits = match["decade"].lstrip("'’")
    if len(digits) == 2 and not re.match(r"(?i)the\b|['’]", match[0]) and match["decade"][0] not in "'’":
        return []  # "in their 20s" is an age
    if len(digits) == 2:
        digits = ("20" if digits == "00" or int(digits) + 2000 <= context.reference.year else "19") + digits
    return [_Hit(match.start(), match.end(), DATE, digits[:3])]


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22,
}


def _century_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the century of 'the 20th century' ('19')."""
    ordinal = match["ordinal"].lower()
    number = int(re.match(r"\d+", ordinal)[0]) if ordinal[0].isdigit() else _ORDINALS.get(ordinal)
    if not number:
        return []
    return [_Hit(match.start(), match.end(), DATE, f"{number - 1:02d}")]


def _part_of_year(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the year, season, half or quarter of 'mid-2024', 'summer 2024', 'the first half of 2024', 'Q3 2024'."""
    year = int(match["year"])
    part = " ".join((match["part"] or "").lower().split())
    season = re.search(r"spring|summer|fall|autumn|winter", part)
    if season:
        return [_Hit(match.start(), match.end(), DATE, f"{year:04d}-{_SEASONS[season[0]]}")]
    if "half" in part:
        return [_Hit(match.start(), match.end(), DATE, f"{year:04d}-H{1 if 'first' in part else 2}")]
    quarter = re.search(r"q([1-4])|(first|second|third|fourth)\s+quarter", part)
    if quarter:
        number = int(quarter[1]) if quarter[1] else _ORDINALS[quarter[2]]
        return [_Hit(match.start(), match.end(), DATE, f"{year:04d}-Q{number}")]
    return [_Hit(match.start(), match.end(), DATE, f"{year:04d}")]


def _deictic_day(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the day of 'today', 'yesterday', 'tomorrow', 'tonight', 'last night', 'this morning'."""
    word = " ".join(match["word"].lower().split())
    part = (match["part"] or "").lower()
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "last night": -1, "this": 0,
               "the day before yesterday": -2, "the day after tomorrow": 2}
    day = context.reference + datetime.timedelta(days=offsets[word])
    value = _day_value(day)
    if word in ("tonight", "last night"):
        part = "night"
    if part:
        return [_Hit(match.start(), match.end(), TIME, f"{value}T{_PARTS_OF_DAY[part]}", True)]
    return [_Hit(match.start(), match.end(), DATE, value, True)]


def _weekday_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the day of 'Thursday', 'last Monday', 'Friday afternoon'; 'Thursday (Nov. 7)' takes the date."""
    weekday = _WEEKDAYS.index(match["weekday"].lower())
    relation = " ".join((match["rel"] or "").lower().split())
    name = re.search(r"\b[A-Z][a-z]+\s+$", context.text[max(0, match.start() - 20): match.start()])
    if name and not relation and not _TEMPORAL_BEFORE.search(name[0]):
        return []  # "Black Friday", "Super Tuesday", "Bloody Sunday": names, not days of this week
    explicit = _PARENTHESIS_DATE.match(context.text, match.end())
    day = None
    if explicit:
        month = _month_of(explicit, "month" if explicit["month"] else "month2")
        number = int(explicit["day"] or explicit["day2"])
        if explicit["year"]:
            year = int(explicit["year"])
            day = datetime.date(year, month, number) if _valid_day(year, month, number) else None
        else:
            day = _month_day(context, month, number, match.start(), match.end(), weekday)
    if day is None:
        day = _weekday(context, weekday, match.start(), match.end(), relation)
    value = _day_value(day)
    if match["part"]:
        return [_Hit(match.start(), match.end(), TIME, f"{value}T{_PARTS_OF_DAY[match['part'].lower()]}", True)]
    return [_Hit(match.start(), match.end(), DATE, value, True)]


_PARENTHESIS_DATE = re.compile(
    rf"\s*\(\s*(?:{_month_group('month')}\s+{_day_group('day')}|{_day_group('day2')}\s+(?:of\s+)?"
    rf"{_month_group('month2')})(?:,?\s*{_YEAR4})?\s*\)"
)


def _relative_unit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the unit of 'this week', 'last month', 'earlier this year', 'the last week', 'the past year'."""
    relation = " ".join(match["rel"].lower().split())
    unit = match["unit"].lower().split()[-1]  # "fiscal year" is a year
    start, end = match.start(), match.end()
    stretch = re.search(r"\b(?:over|during|for|within|throughout)\s+$", context.text[max(0, start - 12): start], re.I)
    if match["the"] and unit in _UNIT_CODES and (relation in ("past", "next", "coming")
                                                  or (stretch and relation != "this")):
        # "the past year", "over the following decade": a stretch of time, not a calendar unit.
        return [_Hit(start, end, DURATION, _duration_value("1", unit if unit != "weekend" else "day"))]
    if unit in _SEASONS:
        kind = {"past": "last", "previous": "last", "this past": "last", "coming": "next", "this coming": "next",
                "current": "this"}.get(relation, relation)
        if relation in ("following", "previous", "preceding"):
            return []  # a season relative to another date: left untagged rather than guessed
        return [_Hit(start, end, DATE, _season(context, _SEASONS[unit], start, end, kind), True)]
    if relation in ("following", "previous", "preceding"):
        offset = 1 if relation == "following" else -1
        hit = _Hit(start, end, DATE, _unit_value(context.reference, unit, offset), True)
        hit.narrative = ("unit", unit, offset)
        return [hit]
    offset = {"this": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1, "this past": -1,
              "this coming": 1}[relation]
    if unit == "weekend" and relation == "this" and context.tense(start, end) == PAST:
        offset = 0 if context.reference.weekday() >= 5 else -1
    return [_Hit(start, end, DATE, _unit_value(context.reference, unit, offset), True)]


def _unit_edge(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the unit of 'the end of the year', 'the beginning of last month'."""
    unit = match["unit"].lower()
    relation = (match["rel"] or "").lower().strip()
    offset = {"this": 0, "last": -1, "next": 1}.get(relation)
    if offset is None:
        # "peaked by the end of the year": in the past tense this year's end has not come yet.
        offset = -1 if match["edge"].lower() == "end" and context.tense(match.start(), match.end()) == PAST else 0
    return [_Hit(match.start(), match.end(), DATE, _unit_value(context.reference, unit, offset), True)]


def _weekend_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the weekend of 'over the weekend': the last one in the past tense, else the next ('2024-W44-WE')."""
    reference = context.reference
    if reference.weekday() >= 5:
        offset = 0
    else:
        offset = 0 if context.tense(match.start(), match.end()) == FUTURE else -1
    return [_Hit(match.start(), match.end(), DATE, _unit_value(reference, "weekend", offset), True)]


def _the_season(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the season of 'in the spring' (not 'the fall of Kabul'): the last one, or the next if future."""
    code = _SEASONS[match["season"].lower()]
    return [_Hit(match.start(), match.end(), DATE, _season(context, code, match.start(), match.end()), True)]


def _quarter_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the quarter of 'the third quarter' or 'in Q3' without a year: the last, or the next if future."""
    number = int(match["number"]) if match["number"] else _ORDINALS[match["ordinal"].lower()]
    year, current = context.reference.year, (context.reference.month - 1) // 3 + 1
    if context.tense(match.start(), match.end()) == FUTURE:
        year += number < current
    else:
        year -= number > current
    return [_Hit(match.start(), match.end(), DATE, f"{year:04d}-Q{number}", True)]


def _ago_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the date of 'two days ago', 'three weeks ago', 'a year ago'; 'years ago' is PAST_REF."""
    number = _number(match["quantity"]) if match["quantity"] else None
    if number is None:
        return [_Hit(match.start(), match.end(), DATE, "PAST_REF", True)]
    return [_Hit(match.start(), match.end(), DATE, _ago_value(context.reference, number, match["unit"]), True)]


def _shifted_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the date of 'a day earlier' or 'two weeks later', counted from the date mentioned before it."""
    after = context.text[match.end(): match.end() + 12]
    number = _number(match["quantity"])
    direction = match["direction"].lower()
    if re.match(r"\s+(?:than|that)\b", after) or number is None:
        return []  # "a month earlier than usual" is a duration; the rule for durations takes it
    if direction in ("before", "after", "prior") and not re.match(r"\s*(?:[,.;:!?)\"”]|$)", after):
        return []  # "a year after launching it", "two days before the vote": a duration before an event
    sign = -1 if match["direction"].lower() in ("earlier", "before", "prior") else 1
    unit = _singular(match["unit"])
    hit = _Hit(match.start(), match.end(), DATE, _ago_value(context.reference, -sign * number, unit), True)
    hit.narrative = ("shift", unit, sign * number)
    return [hit]


def _neighbour_day(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the day of 'the next day', 'the previous day' or 'the day before', from the date mentioned before."""
    words = match[0].lower()
    offset = -1 if re.search(r"previous|preceding|before|prior", words) else 1
    hit = _Hit(match.start(), match.end(), DATE, _day_value(context.reference + datetime.timedelta(days=offset)), True)
    hit.narrative = ("shift", "day", offset)
    return [hit]


def _reference_word(match: re.Match, context: _Context) -> list[_Hit]:
    """Return PRESENT_REF, PAST_REF or FUTURE_REF for 'now', 'recently', 'the past', 'the future'."""
    word = " ".join(match[0].lower().split())
    if word in ("the past", "at the time", "at that time", "recently", "lately"):
        value = "PAST_REF"
    elif "future" in word:
        value = "FUTURE_REF"
    else:
        value = "PRESENT_REF"
    return [_Hit(match.start(), match.end(), DATE, value, True)]


def _duration_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the duration of 'three years', 'a month', 'the past two years', 'almost seven years'."""
    after = context.text[match.end(): match.end() + 8]
    before = context.text[max(0, match.start() - 16): match.start()]
    if re.match(r"[-\s]old\b", after) or re.search(r"\bage[sd]?\s+$", before, re.IGNORECASE):
        return []  # an age: "60 years old", "children ages 6 months and older"
    if re.search(r"[$£€]\s*$", before):
        return []
    unit = match["unit"].lower()
    if (unit == "second" and re.match(r"\s+[a-z]", after)) or (unit == "quarter" and re.match(r"\s+of\b", after)):
        return []  # "a second term", "a quarter of the votes"
    if match["quantity"].lower() in ("a", "an", "per") and re.search(
            r"(?:\d|%|percent|per\s+cent|million|billion|trillion|bn)\s+$", before, re.IGNORECASE):
        # "2.5% a year", "$50,000 a year": a rate, so a set of years
        return [_Hit(match.start(), match.end(), SET, _duration_value("1", unit))]
    value = _duration_value(match["quantity"], match["unit"])
    end = match.end()
    if context.text[end: end + 1] in ("'", "’") and match["unit"].lower().endswith("s") \
            and not context.text[end + 1: end + 2].isalpha():
        end += 1  # "five years' probation": the possessive belongs to the expression
    return [_Hit(match.start(), end, DURATION, value)]


def _hyphen_duration(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the duration of 'a four-week closure' or 'the three-month period' (not '60-year-old')."""
    if context.text[match.start() - 1: match.start()] == "-":
        return []  # "a sub-five-minute mile" measures a speed
    return [_Hit(match.start(), match.end(), DURATION, _duration_value(match["quantity"], match["unit"]))]


def _quantity_pair(match: re.Match, context: _Context) -> list[_Hit]:
    """Return both durations of '12 to 18 months' ('12' takes the unit of '18 months')."""
    unit = match["unit"]
    if re.match(r"[-\s]old\b", context.text[match.end(): match.end() + 5]):
        return []
    return [_Hit(match.start("first"), match.end("first"), DURATION, _duration_value(match["first"], unit)),
            _Hit(match.start("second"), match.end(), DURATION, _duration_value(match["second"], unit))]


def _plural_units(match: re.Match, context: _Context) -> list[_Hit]:
    """Return an unquantified duration like 'for years', 'days later', 'recent weeks' (PXY, PXD, PXW)."""
    before = context.text[max(0, match.start() - 12): match.start()]
    after = context.text[match.end(): match.end() + 10]
    if not match["adjective"] and not re.search(
            r"\b(?:for|within|over|in|after|before|took|take|takes|spent|spend|lasting)\s+$", before,
            re.IGNORECASE) and not re.match(r"\s+(?:later|earlier|before|after|on)\b", after, re.IGNORECASE):
        return []
    return [_Hit(match.start(), match.end(), DURATION, _duration_value("several", match["unit"]))]


def _clock_duration(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the duration of a race time like '3:07:35' (clock times rarely give seconds)."""
    hours, minutes, seconds = int(match["h"]), int(match["m"]), int(match["s"])
    value = "PT" + ("".join(f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n) or "0S")
    return [_Hit(match.start(), match.end(), DURATION, value)]


def _clock_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the time of '10:15 PM', '8 p.m.' or '15:00 GMT' on the day mentioned before it."""
    hour = int(match["hour"] or match["hour24"])
    minute = int(match["minute"] or match["minute24"] or 0)
    meridiem = (match["ampm"] or "").lower().replace(".", "")
    before = context.text[max(0, match.start() - 12): match.start()]
    if not meridiem and not match["zone"] and not re.search(
            r"\b(?:at|by|until|till|before|after|from|around|about|to|since)\s+$", before, re.IGNORECASE):
        return []  # "John 3:16", a score
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return []
    clock = f"T{hour:02d}:{minute:02d}"
    hit = _Hit(match.start(), match.end(), TIME, _day_value(context.reference) + clock, True)
    hit.narrative = ("clock", clock)
    return [hit]


def _noon_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the time of 'noon' or 'midnight' after 'at', 'by', 'until'."""
    clock = "T12:00" if match["word"].lower() == "noon" else "T24:00"
    start = match.start("word")
    hit = _Hit(start, match.end(), TIME, _day_value(context.reference) + clock, True)
    hit.narrative = ("clock", clock)
    return [hit]


def _set_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the set of 'every week', 'each Monday', 'every morning', 'every two years'."""
    unit = match["unit"].lower()
    if unit.rstrip("s") in _WEEKDAYS:
        value = f"XXXX-WXX-{_WEEKDAYS.index(unit.rstrip('s')) + 1}"
    elif unit.rstrip("s") in _PARTS_OF_DAY:
        value = f"XXXX-XX-XXT{_PARTS_OF_DAY[unit.rstrip('s')]}"
    elif unit in ("season", "seasons"):
        value = "P1Y"
    elif unit in ("weekend", "weekends"):
        value = "XXXX-WXX-WE"
    else:
        count = match["count"]
        quantity = "2" if count and count.lower() == "other" else count or "1"
        value = _duration_value(quantity, unit)
    return [_Hit(match.start(), match.end(), SET, value)]


_ADVERB_SETS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "fortnightly": "P2W",
                "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H"}


def _adverb_set(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the set of 'daily', 'weekly', 'annually'."""
    return [_Hit(match.start(), match.end(), SET, _ADVERB_SETS[match[0].lower()])]


def _rate_set(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the set of 'twice a week', 'three times a year', 'per day'."""
    return [_Hit(match.start(), match.end(), SET, _duration_value("1", match["unit"]))]


# --- holidays -----------------------------------------------------------------------------------

_HOLIDAY = re.compile(
    r"\b(?P<name>(?:(?:[A-Z][\w'’.-]*|of|the)\s+){0,5}(?:Day|Eve)(?:\s+of\s+(?:the\s+)?[A-Z]\w+(?:\s+[A-Z]\w+)?)?"
    r"|(?:(?:[A-Z][\w'’.-]*)\s+){0,3}(?:Christmas|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Thanksgiving"
    r"|New\s+Year(?:['’]s)?|Diwali|Deepavali|Holi|Hanukkah|Passover|Ramadan|Eid(?:\s+al-\w+)?|Halloween"
    r"|Nowruz|Navruz|Purim|Yom\s+Kippur|Rosh\s+Hashanah|Vesak|Chuseok|Pentecost|Juneteenth|Lunar\s+New\s+Year"
    r"|Spring\s+Festival|Mid-Autumn\s+Festival|Dragon\s+Boat\s+Festival|Dussehra|Onam|Pongal))\b"
    r"(?:,?\s+(?P<year>1\d{3}|20\d{2})\b)?"
)
# Days without a public holiday to look up, the same everywhere.
_OBSERVANCES = {
    "valentine's day": (2, 14), "halloween": (10, 31), "christmas eve": (12, 24), "christmas": (12, 25),
    "christmas day": (12, 25), "new year's eve": (12, 31), "new year's day": (1, 1), "new year": (1, 1),
    "april fools' day": (4, 1), "april fool's day": (4, 1), "st. patrick's day": (3, 17),
    "st patrick's day": (3, 17), "boxing day": (12, 26),
}
_STOP_WORDS = {"the", "of", "on", "in", "a", "at", "and", "this", "last", "next", "s"}
_GENERIC_HOLIDAY_WORDS = {"day", "eve", "festival", "holiday", "holidays"}


def _holiday_hit(match: re.Match, context: _Context) -> list[_Hit]:
    """Return the day of a holiday by name, in the country the text speaks of ("Russia's National Unity Day")."""
    words = match["name"].split()
    for first in range(len(words)):
        name = " ".join(words[first:])
        if _normal_words(name) <= _GENERIC_HOLIDAY_WORDS:
            break  # "Festival" alone names no holiday
        if words[first].lower() in _STOP_WORDS or re.search(r"['’]s$", words[first]):
            continue  # "On", "the", "Russia's": context, not the holiday's name
        country = _country_pattern()[0].match(name)
        if country and re.match(r"['’]s\b", name[country.end():]):
            continue  # "North Korea's Day of the Sun"
        prefix = " ".join(words[:first])
        start = match.start("name") + len(match["name"]) - len(name)
        found = _resolve_holiday(context, name, prefix, start, match)
        if found:
            return found
    return []


def _resolve_holiday(context: _Context, name: str, prefix: str, start: int, match: re.Match) -> list[_Hit]:
    """Return the hit of a holiday name looked up for the countries of its context, or []."""
    sentence_start, sentence_end = context.sentence(start)
    countries = _countries_in(prefix) + _countries_near(context.text, sentence_start, sentence_end, start)
    countries += [context.country.upper()] if context.country else []
    # With no country in sight, an English news text most likely means the American or British day.
    countries = list(dict.fromkeys(countries)) or ["US", "GB"]
    explicit_year = int(match["year"]) if match["year"] else None
    end = match.end() if explicit_year else match.end("name")
    years = [explicit_year] if explicit_year else [context.reference.year + offset for offset in (-1, 0, 1)]
    for code in countries:
        days = [day for year in years for day in _holiday_days(code, year, name)]
        if not days:
            days = _fixed_holiday_days(code, years, name)
        if days:
            return _holiday_choice(context, days, start, end, explicit_year is not None)
    fixed = _OBSERVANCES.get(" ".join(name.lower().replace("’", "'").split()))
    if fixed:
        days = [datetime.date(year, *fixed) for year in years]
        return _holiday_choice(context, days, start, end, explicit_year is not None)
    return []


def _fixed_holiday_days(code: str, years: list[int], name: str) -> list[datetime.date]:
    """Return the days of a holiday the country kept on the same date in recent years but not in these years.

    Ukraine, for one, suspended its public holidays under martial law in 2022: its Independence
    Day is still 24 August, though the holidays package lists no holiday for those years.
    """
    for earlier in range(min(years) - 1, min(years) - 8, -1):
        days = _holiday_days(code, earlier, name)
        if days:
            return [datetime.date(year, day.month, day.day) for year in years for day in days
                    if _valid_day(year, day.month, day.day)]
    return []


def _holiday_choice(context: _Context, days: list[datetime.date], start: int, end: int, explicit: bool) -> list[_Hit]:
    """Return the hit for the occurrence of a holiday the tense points to; a holiday of several days is a range."""
    spells: list[list[datetime.date]] = []
    for day in sorted(set(days)):
        if spells and (day - spells[-1][-1]).days == 1:
            spells[-1].append(day)
        else:
            spells.append([day])
    if explicit:
        chosen = spells[0]
    elif context.tense(start, end) == FUTURE:
        chosen = min((s for s in spells if s[0] >= context.reference), default=spells[-1])
    else:
        chosen = max((s for s in spells if s[0] <= context.reference), default=spells[0])
    last = _day_value(chosen[-1]) if len(chosen) > 1 else None
    return [_Hit(start, end, DATE, _day_value(chosen[0]), not explicit, last)]


def _normal_words(name: str) -> set[str]:
    """Return the lower-case words of a holiday name without possessives and filler ('unity', 'day')."""
    # Words in brackets stay: they are another name of the day ("Chinese New Year (Spring Festival)").
    name = re.sub(r"['’]s\b|['’]", " ", name.lower())
    return {word for word in re.findall(r"[a-z0-9]+", name) if word not in _STOP_WORDS}


@lru_cache(maxsize=512)
def _holiday_days(code: str, year: int, name: str) -> tuple[datetime.date, ...]:
    """Return the days of the country's holidays in that year whose name fits, the best fitting kind only."""
    wanted = _normal_words(name)
    exact, inside, around = [], [], []
    for day, holiday in _holiday_table(code, year):
        if "substitute" in holiday.lower() or holiday.lower().startswith("day off") or "observed" in holiday.lower():
            continue
        words = _normal_words(holiday)
        if words == wanted:
            exact.append(day)
        elif words and words < wanted:
            inside.append((len(words), day))  # "Unity Day" in "National Unity Day"
        elif wanted < words and wanted - {"day"}:
            around.append(day)  # "Christmas" in "Christmas Day"
    # Of the names inside the one written, the longest says most: not "National Day" in "National Unity Day".
    inside = [day for size, day in inside if size == max(size for size, _ in inside)]
    return tuple(exact or inside or around)


@lru_cache(maxsize=256)
def _holiday_table(code: str, year: int) -> tuple[tuple[datetime.date, str], ...]:
    """Return (day, English name) of a country's holidays in a year, from the holidays package."""
    import warnings

    import holidays  # imported late: it costs a tenth of a second and most texts name no holiday

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # years outside a country's table warn; they simply find nothing
        for language in ("en_US", None):
            try:
                table = holidays.country_holidays(code, years=year, language=language)
            except (NotImplementedError, KeyError, ValueError):
                return ()
            if table:
                return tuple(sorted(table.items()))
    return ()


# Names, demonyms and capitals the holidays package cannot give us ("Russian", "U.S.", "Kremlin").
_COUNTRY_WORDS = {
    "US": "US|U.S.|U.S.A.|USA|America|American|Americans|United States|Washington",
    "GB": "UK|U.K.|Britain|British|Great Britain|United Kingdom|England|English|Scotland|Scottish|Wales|Welsh|London",
    "RU": "Russia|Russian|Russians|Kremlin|Moscow",
    "KP": "North Korea|North Korean|North Koreans|DPRK|Pyongyang",
    "KR": "South Korea|South Korean|South Koreans|Seoul",
    "CN": "China|Chinese|Beijing",
    "IN": "India|Indian|Indians|New Delhi|Delhi",
    "FR": "France|French|Paris",
    "DE": "Germany|German|Germans|Berlin",
    "UA": "Ukraine|Ukrainian|Ukrainians|Kyiv|Kiev",
    "JP": "Japan|Japanese|Tokyo",
    "IT": "Italy|Italian|Italians|Rome",
    "ES": "Spain|Spanish|Madrid",
    "CA": "Canada|Canadian|Canadians|Ottawa",
    "AU": "Australia|Australian|Australians|Canberra",
    "NZ": "New Zealand|New Zealander",
    "MX": "Mexico|Mexican|Mexicans",
    "BR": "Brazil|Brazilian|Brazilians",
    "AR": "Argentina|Argentine|Argentinian",
    "IL": "Israel|Israeli|Israelis",
    "TR": "Turkey|Turkish|Türkiye|Ankara",
    "IR": "Iran|Iranian|Iranians|Tehran",
    "IQ": "Iraq|Iraqi|Iraqis",
    "SY": "Syria|Syrian|Syrians",
    "PK": "Pakistan|Pakistani|Pakistanis|Islamabad",
    "BD": "Bangladesh|Bangladeshi",
    "AF": "Afghanistan|Afghan|Afghans|Kabul",
    "PL": "Poland|Polish|Warsaw",
    "NL": "Netherlands|Dutch",
    "BE": "Belgium|Belgian",
    "IE": "Ireland|Irish|Dublin",
    "HU": "Hungary|Hungarian|Budapest",
    "GR": "Greece|Greek|Athens",
    "SE": "Sweden|Swedish",
    "NO": "Norway|Norwegian",
    "FI": "Finland|Finnish",
    "DK": "Denmark|Danish",
    "PT": "Portugal|Portuguese",
    "AT": "Austria|Austrian",
    "CH": "Switzerland|Swiss",
    "CZ": "Czech Republic|Czechia|Czech",
    "RO": "Romania|Romanian",
    "BY": "Belarus|Belarusian",
    "ZA": "South Africa|South African",
    "NG": "Nigeria|Nigerian",
    "EG": "Egypt|Egyptian|Cairo",
    "SA": "Saudi Arabia|Saudi",
    "AE": "UAE|United Arab Emirates|Emirati",
    "VN": "Vietnam|Vietnamese",
    "TH": "Thailand|Thai",
    "ID": "Indonesia|Indonesian",
    "PH": "Philippines|Philippine|Filipino",
    "MY": "Malaysia|Malaysian",
    "SG": "Singapore|Singaporean",
    "TW": "Taiwan|Taiwanese|Taipei",
    "KE": "Kenya|Kenyan",
    "ET": "Ethiopia|Ethiopian",
}


@lru_cache(maxsize=1)
def _country_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """Return a pattern of country words and the ISO code of each, the package's country names included."""
    codes: dict[str, str] = {}
    try:
        from holidays.registry import COUNTRIES

        for class_name, code, *_ in COUNTRIES.values():
            codes[re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name)] = code
    except ImportError:
        pass
    for code, words in _COUNTRY_WORDS.items():
        codes.update({word: code for word in words.split("|")})
    alternatives = "|".join(re.escape(word) for word in sorted(codes, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])"), codes


def _countries_in(text: str) -> list[str]:
    """Return the ISO codes of the countries text names, in order."""
    pattern, codes = _country_pattern()
    return [codes[m[0]] for m in pattern.finditer(text)]


def _countries_near(text: str, start: int, end: int, position: int) -> list[str]:
    """Return the ISO codes of countries named in text[start:end], nearest to position first."""
    pattern, codes = _country_pattern()
    found = [(abs(m.start() - position), codes[m[0]]) for m in pattern.finditer(text, start, end)]
    return [code for _, code in sorted(found)]


# --- the rule table -----------------------------------------------------------------------------

_DAY_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
# "about two years ago", "more than a decade ago": the hedge is part of the expression.
_ROUGHLY = r"(?:(?:almost|nearly|more\s+than|less\s+than|about|around|roughly|some|over)\s+)?"
_RELATIVE = r"(?i:this\s+past|this\s+coming|last|next|this|coming)"

# Keywords one of which every match of a rule holds, searched in the lower-cased text: a rule's
# pattern runs only around them, which makes tagging several times faster.
_WEEKDAY_WORDS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTH_WORDS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_UNIT_WORDS = r"\b(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur|millenni)"
_HOLIDAY_WORDS = (
    "day|eve|christmas|easter|friday|thanksgiving|new year|diwali|deepavali|holi|hanukkah|passover|ramadan|eid"
    "|halloween|nowruz|navruz|purim|yom kippur|rosh hashanah|vesak|chuseok|pentecost|juneteenth|festival"
    "|dussehra|onam|pongal"
)


@dataclass(frozen=True)
class _Rule:
    """A pattern, the function resolving its matches, and the keywords its matches hold (None: no keyword)."""

    pattern: re.Pattern
    handler: object
    keywords: re.Pattern | None


def _rule(pattern: str, handler, keywords: str | None = None) -> _Rule:
    """Return a rule; keywords is a lower-case pattern that every match of pattern contains."""
    return _Rule(re.compile(pattern), handler, re.compile(keywords) if keywords else None)


# Earlier rules win ties between matches of the same length.
_RULES: list[_Rule] = [
    _rule(rf"\b(?P<weekday>{_WEEKDAY}),?\s+(?:the\s+)?{_month_group('month', any_case=True)}\s+"
          rf"{_day_group('day')}(?:,?\s+{_YEAR4})?", _explicit_day, _WEEKDAY_WORDS),
    _rule(rf"\b(?P<weekday>{_WEEKDAY}),?\s+(?:the\s+)?{_day_group('day')}(?:\s+of)?\s+"
          rf"{_month_group('month', any_case=True)}(?:,?\s+{_YEAR4})?", _explicit_day, _WEEKDAY_WORDS),
    _rule(rf"\b{_month_group('month', any_case=True)}\s+{_day_group('day')}(?:\s*,\s*|\s+){_YEAR4}",
          _explicit_day, _MONTH_WORDS),
    _rule(rf"\b(?:the\s+)?{_day_group('day')}(?:\s+of)?\s+{_month_group('month', any_case=True)},?\s+{_YEAR4}",
          _explicit_day, _MONTH_WORDS),
    _rule(rf"\b{_month_group('month')}\s+{_day_group('day')}{_RANGE_DASH}{_month_group('month2')}\s+"
          rf"{_day_group('day2')}(?:,?\s+{_YEAR4})?", _day_range, _MONTH_WORDS),
    _rule(rf"\b{_day_group('day')}\s+{_month_group('month')}{_RANGE_DASH}{_day_group('day2')}\s+"
          rf"{_month_group('month2')}(?:,?\s+{_YEAR4})?", _day_range, _MONTH_WORDS),
    _rule(rf"\b{_month_group('month')}\s+{_day_group('day')}{_RANGE_DASH}{_day_group('day2')}"
          rf"(?:(?:\s*,\s*|\s+){_YEAR4})?", _day_range, _MONTH_WORDS),
    _rule(rf"\b{_day_group('day')}{_RANGE_DASH}{_day_group('day2')}\s+{_month_group('month')}(?:,?\s+{_YEAR4})?",
          _day_range, _MONTH_WORDS),
    _rule(r"\b(?P<year>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T\s](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d))?\b",
          _iso_day),
    _rule(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)",
          _numeric_day),
    _rule(rf"\b{_month_group('month')}\s+{_day_group('day')}(?![,.]?\s*\d)", _explicit_day, _MONTH_WORDS),
    _rule(rf"\b(?:the\s+)?{_day_group('day')}(?:\s+of)?\s+{_month_group('month')}", _explicit_day, _MONTH_WORDS),
    _rule(rf"\b{_month_group('month')}(?:\s+of|,)?\s+{_YEAR4}", _month_year, _MONTH_WORDS),
    _rule(rf"\b(?:(?P<mod>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of))[\s-]+)?"
          rf"(?P<rel>{_RELATIVE}\s+)?(?P<month>{_FULL_MONTHS})\b(?!\s*\d)", _month_alone_hit, _MONTH_WORDS),
    _rule(r"\b(?P<year>(?:1\d|20)\d\d)[-–](?P<short>\d\d)\b(?![-–/]\d)", _year_pair),
    _rule(rf"(?<![\w$£€.,/:#]){_YEAR4}(?!\w|['’](?!s\b))", _year_hit),
    _rule(r"(?i:\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?)(?P<decade>1\d\d0|20\d0|['’]?\d0)['’]?s\b",
          _decade_hit, r"0['’]?s"),
    _rule(r"(?i)\b(?P<ordinal>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)\s+century\b", _century_hit, "century"),
    _rule(rf"(?i:\b(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half"
          rf"|spring|summer|fall|autumn|winter|(?:first|second|third|fourth)\s+quarter)\s+of|spring|summer|fall"
          rf"|autumn|winter|fiscal|fy|q[1-4])[\s-]*){_YEAR4}", _part_of_year, r"\d{4}"),
    _rule(r"(?i)\b(?P<word>today|yesterday|tomorrow|tonight|last\s+night"
          r"|this(?=\s+(?:morning|afternoon|evening)\b)|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
          r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b", _deictic_day,
          "today|yesterday|tomorrow|tonight|night|morning|afternoon|evening"),
    _rule(rf"\b(?:(?i:early|late)\s+)?(?:(?P<rel>{_RELATIVE})\s+)?(?P<weekday>{_WEEKDAY})\b(?i:{_DAY_PART})",
          _weekday_hit, _WEEKDAY_WORDS),
    _rule(r"(?i)\b(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?(?P<the>the\s+)?(?P<rel>this\s+past|this\s+coming"
          r"|this|last|next|past|previous|preceding|coming|following|current)\s+(?P<unit>fiscal\s+year|week|weekend"
          r"|month|year|quarter|decade|century|summer|winter|spring|fall|autumn)\b", _relative_unit,
          "week|month|year|quarter|decade|century|summer|winter|spring|fall|autumn"),
    _rule(r"(?i)(?:(?<=over\s)|(?<=during\s)|(?<=at\s))the\s+weekend\b", _weekend_hit, "weekend"),
    _rule(r"(?i)(?:(?<=in\s)|(?<=during\s)|(?<=by\s)|(?<=until\s)|(?<=since\s)|(?<=through\s)|(?<=over\s))"
          r"the\s+(?P<season>spring|summer|fall|autumn|winter)\b(?!\s+of\b)", _the_season,
          "spring|summer|fall|autumn|winter"),
    _rule(r"(?i)\bthe\s+(?P<ordinal>first|second|third|fourth)\s+quarter\b(?!\s+of\b)|(?<=in\s)Q(?P<number>[1-4])\b",
          _quarter_hit, r"quarter|q[1-4]"),
    _rule(r"(?i)\b(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+(?:the\s+|(?P<rel>this|last|next)\s+)?"
          r"(?P<unit>year|month|week|decade)\b", _unit_edge, r"(?:end|beginning|start|middle)\s+of"),
    _rule(rf"(?i)\b{_ROUGHLY}(?:(?P<quantity>{_QUANTITY})\s+)?(?P<unit>{_UNIT})\s+ago\b", _ago_hit, "ago"),
    _rule(rf"(?i)\b{_ROUGHLY}(?P<quantity>{_QUANTITY})\s+(?P<unit>{_UNIT})\s+(?P<direction>earlier|later|before"
          rf"|after|prior)\b(?!\s+(?:the|a|an|his|her|their|its|this|that|he|she|it|they|we|i)\b)", _shifted_hit,
          "earlier|later|before|after|prior"),
    _rule(r"(?i)\b(?:the\s+)?(?:next|following|previous|preceding)\s+day\b"
          r"|\bthe\s+day\s+(?:before|after)(?=\s*(?:[,.;:!?)\"”]|$))", _neighbour_day, "day"),
    _rule(r"(?i)\b(?:right\s+now|now|currently|nowadays|presently|at\s+present|at\s+the\s+moment|these\s+days"
          r"|recently|lately|(?<=in\s)the\s+past|(?<=of\s)the\s+past|at\s+(?:the|that)\s+time(?!\s+of\b)"
          r"|(?<=in\s)the\s+(?:near\s+|distant\s+)?future|the\s+present\s+day)\b(?!-)", _reference_word,
          "now|current|present|recent|lately|past|time|future|days|moment"),
    _rule(rf"(?i)\b(?:(?:almost|nearly|more\s+than|less\s+than|at\s+least|up\s+to|a\s+mere)\s+)?"
          rf"(?:(?:the\s+)?(?:past|last|next|first|final|coming|previous|following|ensuing|same)\s+)?"
          rf"(?:the\s+)?(?P<quantity>{_QUANTITY})\s+(?:(?:full|whole|entire|long|further|additional|extra|more)\s+)?"
          rf"(?P<unit>{_UNIT})\b", _duration_hit, _UNIT_WORDS),
    _rule(rf"(?i)\b(?P<quantity>\d+|{_NUMBER_WORD})-(?P<unit>second|minute|hour|day|night|week|month|year"
          rf"|decade|century)(?:-long)?\b(?![-\s]old\b)", _hyphen_duration, _UNIT_WORDS),
    _rule(rf"(?i)\b(?P<first>\d+|{_NUMBER_WORD})\s+(?:and|or|to|-|–)\s+(?P<second>\d+|{_NUMBER_WORD})\s+"
          rf"(?P<unit>{_UNIT})\b", _quantity_pair, _UNIT_WORDS),
    _rule(r"(?i)\b(?P<adjective>(?:the\s+)?(?:recent|coming|past|last|next|previous|following|ensuing)\s+)?"
          r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b", _plural_units, _UNIT_WORDS),
    _rule(r"(?<![\d:])(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?![\d:]|\s*(?:[ap]\.?m\b|[AP]M\b))",
          _clock_duration, ":"),
    _rule(r"(?<![\d:.])(?:(?P<hour>[01]?\d|2[0-4])(?::(?P<minute>[0-5]\d)|(?=\s*(?:[ap]\.m\.|[ap]m\b|[AP]M\b)))"
          r"|(?P<hour24>[01]\d|2[0-3])(?P<minute24>[0-5]\d)(?=\s+(?:GMT|UTC)\b))"
          r"(?:\s*(?P<ampm>[ap]\.m\.|[ap]m\b|[AP]M\b|[AP]\.M\.))?(?:\s+(?P<zone>GMT|UTC|ET|EST|EDT|CET|CEST|BST"
          r"|PT|PST|PDT|IST|MSK|JST)\b)?(?![\d:])", _clock_hit, r":|[ap]\.m\.|\d\s*[ap]m\b|gmt|utc"),
    _rule(r"(?i)\b(?:at|by|until|till|before|after|around|about|past|from)\s+(?P<word>noon|midnight)\b", _noon_hit,
          "noon|midnight"),
    _rule(rf"(?i)\b(?:every|each)\s+(?:(?P<count>other|\d+|{_NUMBER_WORD})\s+)?(?P<unit>days?|weeks?|months?"
          rf"|years?|hours?|minutes?|decades?|quarters?|mornings?|afternoons?|evenings?|nights?|weekends?"
          rf"|seasons?|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?)\b", _set_hit, "every|each"),
    _rule(r"(?i)\b(?:daily|nightly|weekly|biweekly|fortnightly|monthly|quarterly|yearly|annually|hourly)\b",
          _adverb_set, "daily|nightly|weekly|monthly|quarterly|yearly|annually|hourly"),
    _rule(rf"(?i)\b(?:(?:once|twice|thrice|(?:\d+|{_NUMBER_WORD})\s+times)\s+(?:a|an|per)|per)\s+"
          r"(?P<unit>day|week|month|year|hour|minute|decade)\b", _rate_set, "once|twice|thrice|times|per"),
    _Rule(_HOLIDAY, _holiday_hit, re.compile(_HOLIDAY_WORDS)),
]


# --- finding ------------------------------------------------------------------------------------

def find_timexes(text: str, reference: EventDate | datetime.date, *, country: str | None = None) -> list[Timex]:
    """Return every temporal expression in text, resolved against the reference (publication) date."""
    context = _context(text, reference, country)
    candidates = []
    for priority, rule in enumerate(_RULES):
        for match in _matches(rule, text, context.lowered):
            try:
                hits = rule.handler(match, context)
            except (OverflowError, ValueError):
                continue  # "9999999 days ago": a date outside the calendar Python can count in
            if hits:
                start, end = min(h.start for h in hits), max(h.end for h in hits)
                candidates.append((start, end, priority, hits))
    chosen = _without_overlaps(candidates)
    chosen = _merge_day_and_clock(text, chosen)
    _resolve_narrative(chosen, context)
    return [_timex(hit, context) for hit in chosen]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# How far from its keyword a rule's match can reach: further than the longest expression.
_BEFORE_KEYWORD, _AFTER_KEYWORD = 90, 50


def _matches(rule: _Rule, text: str, lowered: str):
    """Yield the rule's matches, its pattern run only around its keywords when it has some."""
    if rule.keywords is None:
        yield from rule.pattern.finditer(text)
        return
    windows: list[list[int]] = []
    for keyword in rule.keywords.finditer(lowered):
        start, end = max(0, keyword.start() - _BEFORE_KEYWORD), keyword.end() + _AFTER_KEYWORD
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        yield from rule.pattern.finditer(text, start, min(end, len(text)))


def _context(text: str, reference: EventDate | datetime.date, country: str | None) -> _Context:
    """Return the reading context; a reference known only to the month or year counts from its first day."""
    if isinstance(reference, EventDate):
        if reference.year < 1:
            raise ValueError(f"the reference date {reference.iso()} is before AD 1")
        precision = reference.precision
        day = datetime.date(reference.year, reference.month or 1, reference.day or 1)
    elif isinstance(reference, datetime.date):
        precision = DAY
        day = datetime.date(reference.year, reference.month, reference.day)
    else:
        raise TypeError(f"the reference date must be an EventDate or a datetime.date, not {type(reference).__name__}")
    return _Context(text, text.translate(_ASCII_LOWER), day, precision, country)


def _without_overlaps(candidates: list) -> list[_Hit]:
    """Return the hits of the longest candidates that do not overlap, in text order."""
    taken: list[tuple[int, int]] = []
    chosen: list[_Hit] = []
    for start, end, _, hits in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        chosen.extend(hits)
    return sorted(chosen, key=lambda h: h.start)


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d$")


def _merge_day_and_clock(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Return hits with a day and a clock time side by side made one ('Nov 07, 2024, 10:15 PM', '15:00 GMT Sunday')."""
    merged: list[_Hit] = []
    for hit in hits:
        previous = merged[-1] if merged else None
        if previous and re.fullmatch(r"\s*,?\s*", text[previous.end: hit.start]):
            day, clock = (hit, previous) if previous.narrative and previous.narrative[0] == "clock" else (previous, hit)
            if clock.narrative and clock.narrative[0] == "clock" and day.type == DATE and _DAY_VALUE.match(day.value):
                merged[-1] = _Hit(previous.start, hit.end, TIME, day.value + clock.narrative[1], day.anchored)
                continue
        merged.append(hit)
    return merged


def _resolve_narrative(hits: list[_Hit], context: _Context) -> None:
    """Re-resolve 'a day earlier', 'the following week' and bare clock times against the day mentioned before them."""
    anchor, anchor_sentence = context.reference, None
    for index, hit in enumerate(hits):
        if hit.narrative:
            # A clock time takes a day only from its own sentence: "at midnight" in a new paragraph
            # is not on the Sunday of the one before.
            if hit.narrative[0] == "clock" and context.sentence(hit.start) != anchor_sentence:
                day = context.reference
            else:
                day = anchor
            try:
                _resolve_one(hit, hits[index + 1] if index + 1 < len(hits) else None, day, context)
            except (OverflowError, ValueError):
                pass  # it keeps the value resolved against the reference
            continue
        if _DAY_VALUE.match(hit.value[:10]) and hit.type in (DATE, TIME):
            anchor, anchor_sentence = datetime.date.fromisoformat(hit.value[:10]), context.sentence(hit.start)


def _resolve_one(hit: _Hit, following: _Hit | None, anchor: datetime.date, context: _Context) -> None:
    """Set the value of a narrative expression from the day before it (for a clock time, the day just after it)."""
    kind = hit.narrative[0]
    if kind == "clock":
        # "at 8 p.m. on Friday": the day just after the time is its day.
        if following and not following.narrative and _DAY_VALUE.match(following.value) \
                and re.fullmatch(r"\s*,?\s*(?:on\s+)?", context.text[hit.end: following.start]):
            hit.value = following.value + hit.narrative[1]
        else:
            hit.value = _day_value(anchor) + hit.narrative[1]
    elif kind == "shift":
        hit.value = _ago_value(anchor, -hit.narrative[2], hit.narrative[1])
    elif kind == "unit":
        hit.value = _unit_value(anchor, hit.narrative[1], hit.narrative[2])


_PRECISION_LENGTH = {YEAR: 4, MONTH: 7, DAY: 10}


def _timex(hit: _Hit, context: _Context) -> Timex:
    """Return the Timex of a hit, relative values cut to the precision of a coarse reference."""
    value = hit.value
    finer = {MONTH: r"\d{4}-(?:\d\d-|W)", YEAR: r"\d{4}-"}.get(context.precision)
    if hit.anchored and finer and re.match(finer, value):
        # "yesterday" seen from a reference known only as "November 2024" is known only as November 2024.
        value = context.reference.isoformat()[: _PRECISION_LENGTH[context.precision]]
    date = _value_date(value) if hit.type in (DATE, TIME) else None
    end_date = _value_date(hit.end_value) if hit.end_value else None
    return Timex(hit.start, hit.end, context.text[hit.start: hit.end], hit.type, value, date, end_date, hit.anchored)
