"""Rules for dates relative to the reference or to the narrative: "yesterday", "Thursday", "last week",
"the end of the year", "two days ago", "a day earlier", "the next day", "now"."""

from __future__ import annotations

import datetime
import re

from timeline.authoring.timex.context import FUTURE, PAST, PLUPERFECT, Context, Hit, in_quotation
from timeline.authoring.timex.resolve import resolve_month_day, resolve_season, resolve_weekday
from timeline.authoring.timex.values import (
    DATE,
    DURATION,
    TIME,
    ago_value,
    day_value,
    duration_value,
    parse_number,
    singular_unit,
    unit_value,
    valid_day,
    weekday_from,
)
from timeline.authoring.timex.vocabulary import (
    INCIDENTS,
    ORDINALS,
    PARTS_OF_DAY,
    RELATIVE_OFFSETS,
    SEASONS,
    UNIT_CODES,
    WEEKDAYS,
    YEAR4,
    day_group,
    month_group,
    month_of,
)


def deictic_day(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'today', 'yesterday', 'tomorrow', 'tonight', 'last night', 'last evening', 'this morning'."""
    word = " ".join(match["word"].lower().split())
    if match[0] == "Today" and "\n" in context.text[:match.start()] \
            and _TITLE_BEFORE.search(context.text, max(0, match.start() - 30), match.start()):
        return []  # "According to Barbados Today", "USA Today": a paper's name (a headline's "Opens Today" is a day)
    part = (match["part"] or "").lower()
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "last night": -1, "last evening": -1,
               "this": 0, "the day before yesterday": -2, "the day after tomorrow": 2}
    day = context.reference + datetime.timedelta(days=offsets[word])
    value = day_value(day)
    part = {"tonight": "night", "last night": "night", "last evening": "evening"}.get(word, part)
    hit = Hit(match.start(), match.end(), TIME, f"{value}T{PARTS_OF_DAY[part]}", True) if part else \
        Hit(match.start(), match.end(), DATE, value, True)
    if offsets[word] == 0 and _quoted(context.text, match.start()):
        hit.narrative = ("quoted today", part)  # "I was pleased to write today", said yesterday: the day it was said
    return [hit]


def _quoted(text: str, position: int) -> bool:
    """Return whether a position is inside a quotation opened on its own line, or on a line that a line ending in
    a colon introduces (a tweet or a statement quoted as a block)."""
    line_start = text.rfind("\n", 0, position) + 1
    return in_quotation(text, position) or text[max(0, line_start - 20): line_start].rstrip().endswith(":")


def weekday_of_a_week(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'Thursday next week', 'Monday of last week' or 'Friday this week': that weekday of that
    week, Monday to Sunday."""
    monday = context.reference - datetime.timedelta(days=context.reference.weekday())
    weeks = RELATIVE_OFFSETS[match["week_rel"].lower()]
    day = monday + datetime.timedelta(days=7 * weeks + WEEKDAYS.index(match["weekday"].lower()))
    return [Hit(match.start(), match.end(), DATE, day_value(day), True)]


def weekday_hit(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'Thursday', 'last Monday', 'Friday afternoon'; 'Thursday (Nov. 7)' takes the date."""
    weekday = WEEKDAYS.index(match["weekday"].lower())
    relation = " ".join((match["rel"] or "").lower().split())
    name = _NAMED_DAY.search(context.text[max(0, match.start() - 20): match.start()])
    if name and not relation:
        return []  # "Black Friday", "Super Tuesday", "Bloody Sunday": names, not days of this week
    if not relation and _ANY_DAY.search(context.text, max(0, match.start() - 6), match.start()) \
            and re.match(r"\s*(?:[,.;:!?]|$)", context.text[match.end():]):
        return []  # "the deadline falls on a Saturday": no particular one; "a Wednesday media event" is this one
    explicit = _PARENTHESIS_DATE.match(context.text, match.end())
    day = None
    if explicit:
        month = month_of(explicit, "month" if explicit["month"] else "month2")
        number = int(explicit["day"] or explicit["day2"])
        if explicit["year"]:
            year = int(explicit["year"])
            day = datetime.date(year, month, number) if valid_day(year, month, number) else None
        else:
            day = resolve_month_day(context, month, number, match.start(), match.end(), weekday)
    coming, before_told = None, False
    if day is None:
        day = resolve_weekday(context, weekday, match.start(), match.end(), relation)
        tense = context.tense(match.start(), match.end())
        if not relation and tense is None \
                and not _INCIDENT.match(context.text, match.end()):  # "survivors of Saturday's quake": gone by
            coming = resolve_weekday(context, weekday, match.start(), match.end(), "coming")
        # "had been lost since Sunday"; not "said Friday that 32 people had died"
        before_told = not relation and tense == PAST and bool(
            PLUPERFECT.search(context.text, context.sentence(match.start())[0], match.start()))
    value, part = day_value(day), f"T{PARTS_OF_DAY[match['part'].lower()]}" if match["part"] else ""
    hit = Hit(match.start(), match.end(), TIME if part else DATE, value + part, True)
    if coming is not None and coming != day:
        hit.narrative = ("undirected", day_value(coming) + part)  # the story may tell of days to come
    elif before_told:
        hit.narrative = ("before told", weekday, part)  # "had been lost since Sunday": before the day the story told
    return [hit]


# The words that make a weekday a name; any other capitalised word before one is a place or a person
# ("arrived in Freetown Wednesday evening") or starts the sentence ("Also Monday, ...").
_NAMED_DAY = re.compile(r"\b(?:Black|Super|Bloody|Good|Ash|Cyber|Holy|Easter|Palm|Maundy|Shrove|Giving|Mega|Manic"
                        r"|Fat|Plough|Low|Whit|Trinity|Mothering|Blue|Red|Green|Small Business|Travel|Remembrance)\s+$")


_TITLE_BEFORE = re.compile(r"[^\s.!?:;\"“”'‘’(][^\S\n]+(?:[A-Z][A-Za-z]+|[A-Z]{2,})[^\S\n]$")
_ANY_DAY = re.compile(r"\b(?i:an?|any|some)\s+$")

# A weekday's incident, which has happened whatever the tense: "Saturday's powerful earthquake".
_INCIDENT = re.compile(rf"['’]s\s+(?:[a-z]+\s+){{0,2}}(?:{INCIDENTS}|fire|storm|floods?|tornado|hurricane)\b",
                       re.IGNORECASE)

_PARENTHESIS_DATE = re.compile(
    rf"\s*\(\s*(?:{month_group('month')}\s+{day_group('day')}|{day_group('day2')}\s+(?:of\s+)?"
    rf"{month_group('month2')})(?:,?\s*{YEAR4})?\s*\)"
)


def relative_unit(match: re.Match, context: Context) -> list[Hit]:
    """Return the unit of 'this week', 'last month', 'earlier this year', 'the last week', 'the past year'."""
    relation = " ".join(match["rel"].lower().split())
    unit = match["unit"].lower().split()[-1]  # "fiscal year" is a year
    start, end = match.start(), match.end()
    stretch = re.search(r"\b(?:over|during|for|within|throughout)\s+$", context.text[max(0, start - 12): start],
                        re.IGNORECASE)
    if match["the"] and relation == "next" and not stretch and context.text.startswith(",", end):
        relation = "following"  # "The next year, the town lost its school": the year after the one told
    if match["the"] and unit in UNIT_CODES and (relation in ("past", "next", "coming")
                                                  or (stretch and relation != "this")):
        # "the past year", "over the following decade": a stretch of time, not a calendar unit.
        return [Hit(start, end, DURATION, duration_value("1", unit if unit != "weekend" else "day"))]
    if unit in SEASONS:
        kind = {"past": "last", "previous": "last", "this past": "last", "coming": "next", "this coming": "next",
                "current": "this"}.get(relation, relation)
        if relation in ("following", "previous", "preceding"):
            return []  # a season relative to another date: left untagged rather than guessed
        return [Hit(start, end, DATE, resolve_season(context, SEASONS[unit], start, end, kind), True)]
    if relation in ("following", "previous", "preceding"):
        offset = 1 if relation == "following" else -1
        hit = Hit(start, end, DATE, unit_value(context.reference, unit, offset), True)
        hit.narrative = ("unit", unit, offset)
        return [hit]
    offset = {"this": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1, "this past": -1,
              "this coming": 1}[relation]
    if unit == "weekend" and relation == "this" and context.tense(start, end) == PAST:
        offset = 0 if context.reference.weekday() >= 5 else -1
    return [Hit(start, end, DATE, unit_value(context.reference, unit, offset), True)]


def unit_edge(match: re.Match, context: Context) -> list[Hit]:
    """Return the unit of 'the end of the year', 'the beginning of last month'."""
    unit = match["unit"].lower()
    relation = (match["rel"] or "").lower().strip()
    offset = RELATIVE_OFFSETS.get(relation)
    if offset is None:
        # "peaked by the end of the year": in the past tense this year's end has not come yet.
        offset = -1 if match["edge"].lower() == "end" and context.tense(match.start(), match.end()) == PAST else 0
    return [Hit(match.start(), match.end(), DATE, unit_value(context.reference, unit, offset), True)]


def half_of_a_year(match: re.Match, context: Context) -> list[Hit]:
    """Return the half of 'the second half of the year', 'the first half of next year' (the year of publication when
    no year is named: 'the year' is this one)."""
    offset = RELATIVE_OFFSETS.get((match["rel"] or "this").lower(), 0)
    half = 1 if match["which"].lower() == "first" else 2
    return [Hit(match.start(), match.end(), DATE, f"{context.reference.year + offset:04d}-H{half}", True)]


_INCIDENT_BEFORE = re.compile(rf"\b(?:a|an|the)\s+(?:[a-z-]+\s+)?{INCIDENTS}\b[^.;]{{0,60}}?\s+(?:over|during|at)\s+$")


def weekend_hit(match: re.Match, context: Context) -> list[Hit]:
    """Return the weekend of 'over the weekend': the last one in the past tense, else the coming one ('2024-W44-WE'),
    but the last one in a headline with no tense ("Cases over Weekend")."""
    reference = context.reference
    if reference.weekday() >= 5:
        return [Hit(match.start(), match.end(), DATE, unit_value(reference, "weekend", 0), True)]
    tense = context.tense(match.start(), match.end())
    first, _ = context.sentence(match.start())
    if tense is None and _INCIDENT_BEFORE.search(context.lowered, first, match.start()):
        tense = PAST  # "appealing for information following a fatal crash ... over the weekend": one gone by
    hit = Hit(match.start(), match.end(), DATE, unit_value(reference, "weekend", 0 if tense == FUTURE else -1), True)
    if tense is None:  # like a weekday with no tense: the coming one, but in a headline the one just gone
        hit.narrative = ("undirected", unit_value(reference, "weekend", 0))
    return [hit]


def the_season(match: re.Match, context: Context) -> list[Hit]:
    """Return the season of 'in the spring' (not 'the fall of Kabul'): the last one, or the next if future."""
    code = SEASONS[match["season"].lower()]
    return [Hit(match.start(), match.end(), DATE, resolve_season(context, code, match.start(), match.end()), True)]


def a_season(match: re.Match, context: Context) -> list[Hit]:
    """Return the season of 'scheduled for fall' or 'opened in spring', a season without 'the', when its sentence is
    told in a tense ('snow falls in winter' is every winter's)."""
    return the_season(match, context) if context.tense(match.start(), match.end()) is not None else []


# The words of a game, whose quarters are no year's: "Australia won the tip but spent the first quarter tied"
_GAME = re.compile(r"(?i)\b(?:game|match|halftime|scored|fouls?|overtime|quarterback|touchdowns?|baskets?|innings|tip"
                   r"|tied|whistle|buzzer|points?\s+lead|into\s+the\s+half)\b")


def quarter_hit(match: re.Match, context: Context) -> list[Hit]:
    """Return the quarter of 'the third quarter' or 'in Q3' without a year: the last, or the next if future."""
    first, last = context.sentence(match.start())
    if _GAME.search(context.text, first, last):
        return []  # "Australia led during the second quarter": a quarter of a game
    number = int(match["number"]) if match["number"] else ORDINALS[match["ordinal"].lower()]
    year, current = context.reference.year, (context.reference.month - 1) // 3 + 1
    if context.tense(match.start(), match.end()) == FUTURE:
        year += number < current
    else:
        year -= number > current
    return [Hit(match.start(), match.end(), DATE, f"{year:04d}-Q{number}", True)]


def ago_hit(match: re.Match, context: Context) -> list[Hit]:
    """Return the date of 'two days ago', 'three weeks ago', 'a year ago'; 'years ago' is PAST_REF."""
    number = parse_number(match["quantity"]) if match["quantity"] else None
    if number is None:
        return [Hit(match.start(), match.end(), DATE, "PAST_REF", True)]
    return [Hit(match.start(), match.end(), DATE, ago_value(context.reference, number, match["unit"]), True)]


def shifted_hit(match: re.Match, context: Context) -> list[Hit]:
    """Return the date of 'a day earlier' or 'two weeks later', counted from the date mentioned before it."""
    after = context.text[match.end(): match.end() + 12]
    number = parse_number(match["quantity"]) if match["quantity"] else None
    direction = match["direction"].lower()
    if re.match(r"\s+(?:than|that\s+(?:day|morning|afternoon|evening|night|week|month|year))\b", after):
        # "a month earlier than usual" is a duration, which the rule for durations takes; "an hour later that
        # evening" is on the evening told ("announced two days later that it would" is a shift)
        return []
    if number is None:
        closing = direction in ("earlier", "later") or re.match(r"\s*(?:[,.;:!?)\"”]|$)", after)
        return _vague_shift(match, "earlier" if direction in ("earlier", "before", "prior") else "later") \
            if closing else []  # "a few days before.", not "a few days before the vote"
    if direction in ("before", "after", "prior") and not re.match(r"\s*(?:[,.;:!?)\"”]|$)", after):
        return []  # "a year after launching it", "two days before the vote": a duration before an event
    sign = -1 if match["direction"].lower() in ("earlier", "before", "prior") else 1
    unit = singular_unit(match["unit"])
    hit = Hit(match.start(), match.end(), DATE, ago_value(context.reference, -sign * number, unit), True)
    hit.narrative = ("shift", unit, sign * number)
    return [hit]


# The days a vague count of units spans, from one to the most it says: "days later" is 1 to 6 days on.
_VAGUE_SPANS = {"day": (1, 6), "week": (7, 27), "month": (30, 330)}


def _vague_shift(match: re.Match, direction: str) -> list[Hit]:
    """Return 'days later', 'a few weeks earlier', counted from the date mentioned before it: the month or year that
    every day it may mean falls in, or nothing where it spans two years."""
    unit = singular_unit(match["unit"])
    if unit not in _VAGUE_SPANS:
        return []  # "years later": later than what, by how much, is not said
    first, last = _VAGUE_SPANS[unit]
    if direction == "earlier":
        first, last = -last, -first
    hit = Hit(match.start(), match.end(), DATE, "FUTURE_REF" if first > 0 else "PAST_REF", True)
    hit.narrative = ("span", first, last)
    return [hit]


def event_shift(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'The day after the vote, ...' or 'Two weeks before the election, ...' opening a sentence,
    counted from the day told before it (the event a story has just told of)."""
    opening = context.sentence(match.start())[0]
    if not re.fullmatch(r"\s*(?:(?:and|but|then|on|just|only|barely)\s+)?", context.text[opening: match.start()],
                        re.IGNORECASE):
        return []  # "he left two days after the vote, ...": the vote's day is not said
    number = parse_number(match["quantity"]) if match["quantity"] else 1
    if number is None or number != int(number):
        return []
    sign = 1 if match["direction"].lower() == "after" else -1
    unit = singular_unit(match["unit"]) if match["unit"] else "day"
    hit = Hit(match.start(), match.end(), DATE, ago_value(context.reference, -sign * number, unit), True)
    hit.narrative = ("shift", unit, sign * int(number), "from an event")
    return [hit]


def neighbour_day(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'the next day', 'the previous day', 'the day before', or the same one ('later that day',
    'on the same day', 'by this date', 'hours later'), from the date mentioned before."""
    words = match[0].lower()
    offset = 0 if re.search(r"\b(?:that|same|this|hours|minutes|moments)\b", words) else \
        -1 if re.search(r"previous|preceding|before|prior", words) else 1
    hit = Hit(match.start(), match.end(), DATE, day_value(context.reference + datetime.timedelta(days=offset)), True)
    hit.narrative = ("shift", "day", offset)
    return [hit]


def neighbour_weekday(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of 'the following Monday', 'the next Tuesday' or 'the Friday before': the first such weekday
    after (or before) the date mentioned before, else after (or before) the reference."""
    weekday = WEEKDAYS.index((match["weekday"] or match["weekday_after"]).lower())
    way = -1 if re.search(r"(?i)previous|preceding|before", match[0]) else 1
    hit = Hit(match.start(), match.end(), DATE, day_value(weekday_from(context.reference, weekday, way)), True)
    hit.narrative = ("weekday", weekday, way)
    return [hit]


def told_unit(match: re.Match, context: Context) -> list[Hit]:
    """Return the day, week, month or year of 'later that month', 'earlier that year', 'the same week', 'earlier in the
    day', 'the rest of the week': the one holding the date mentioned before."""
    unit = next(match[group] for group in ("unit", "in_unit", "early_unit", "was_unit", "rest_unit", "rest_unit_")
                if match[group]).lower()
    unit = "day" if unit in PARTS_OF_DAY else unit  # "later in the morning": the day told
    hit = Hit(match.start(), match.end(), DATE, unit_value(context.reference, unit, 0), True)
    hit.narrative = ("unit", unit, 0)
    return [hit]


def reference_word(match: re.Match, context: Context) -> list[Hit]:
    """Return PRESENT_REF, PAST_REF or FUTURE_REF for 'now', 'recently', 'the past', 'the future'."""
    word = " ".join(match[0].lower().split())
    if word in ("the past", "at the time", "at that time", "recently", "lately"):
        value = "PAST_REF"
    elif "future" in word:
        value = "FUTURE_REF"
    else:
        value = "PRESENT_REF"
    return [Hit(match.start(), match.end(), DATE, value, True)]
