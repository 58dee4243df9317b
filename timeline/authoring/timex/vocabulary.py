"""The words of time the rules are made of: month and weekday names, numbers, units, ordinals, and
the pattern pieces (a month, a day of the month, a year) that several rules share."""

from __future__ import annotations

import re

_MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}

FULL_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_SHORT_MONTHS = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"

# "last year", "this month", "next week": how many units from the one holding the reference
RELATIVE_OFFSETS = {"last": -1, "this": 0, "next": 1}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_ORDER = ("SP", "SU", "FA", "WI")

SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "dozen": 12, "a dozen": 12, "a couple of": 2, "couple of": 2, "a couple": 2, "half a": 0.5, "half an": 0.5,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
NUMBER_WORD = (
    rf"(?:(?:{_TENS})(?:[-\s](?:{_ONES}))?|{_ONES}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|(?:a\s+)?hundred|(?:a\s+)?dozen)"
)
_VAGUE = r"(?:several|a\s+few|few|some|many|a\s+number\s+of|a\s+couple\s+of|couple\s+of|dozens\s+of|hundreds\s+of)"
# A number of units: "three", "3", "1.5", "a", "a couple of", "several", "two and a half".
QUANTITY = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{NUMBER_WORD}|half\s+an?|an?|a\s+couple\s+of|couple\s+of|{_VAGUE})"
    r"(?:\s+and\s+a\s+half)?"
)

UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies)|millenni(?:um|a))"
)
# unit -> (TimeML letter, how many of it one unit is, whether it is a time unit after "T")
UNIT_CODES = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "night": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("M", 3, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False), "millennium": ("Y", 1000, False),
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22,
}


def month_group(name: str, abbreviated: bool = True, any_case: bool = False) -> str:
    """Return a pattern for a month name in a named group ('Nov.', 'November')."""
    names = f"(?:{FULL_MONTHS})\\b" + (f"|{_SHORT_MONTHS}" if abbreviated else "")
    return f"(?P<{name}>{'(?i:' if any_case else '(?:'}{names}))"


# A day of the month written out, as broadcast copy does ("February eighth").
SPELLED_DAYS = {word: number for number, word in enumerate((
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth",
    "twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh",
    "twenty-eighth", "twenty-ninth", "thirtieth", "thirty-first"), 1)}
_SPELLED_DAY = "|".join(sorted(SPELLED_DAYS, key=len, reverse=True))


def day_group(name: str) -> str:
    """Return a pattern for a day of the month in a named group ('4', '04', '4th', 'eighth')."""
    return (rf"(?P<{name}>3[01]|[12]\d|0?[1-9]|(?i:{_SPELLED_DAY})\b)(?:st|nd|rd|th)?"
            r"(?![\d%]|:\d|[.,]\d|\s*%|\s*(?:percent|per\s+cent|[ap]\.m\.|[ap]m|[AP]M)\b)")


def day_number(text: str) -> int:
    """Return the number of a day of the month as day_group found it ('04' -> 4, 'eighth' -> 8)."""
    return int(text) if text.isdigit() else SPELLED_DAYS[text.lower()]


YEAR4 = r"(?P<year>1\d{3}|20\d{2}|21\d{2})(?![\d%]|[.,]\d)"
RANGE_DASH = r"\s*(?:-|–|—|to|through|until|till)\s*"


def month_of(match: re.Match, group: str = "month") -> int:
    """Return the month number a match names."""
    return _MONTH_NUMBERS[match[group].lower().rstrip(".")]


# Words before a month or weekday name that make it a time ("in May", "since March"), not a name or a verb.
TEMPORAL_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|throughout|during|before|after|between|and|or|to|of|early|late"
    r"|mid|last|next|this|each|every|for|on|around)\s+|-)$",
    re.IGNORECASE,
)

# Happenings no one schedules: a date that names one ("the April 25 quake") is in the past
INCIDENTS = (r"(?:quake|earthquake|tsunami|attacks?|bombings?|blast|explosion|crash|collision|ditching|disaster"
             r"|shooting|killings?|murders?|massacre|raid|riots?|collapse|derailment|accident|sinking|eruption|landslide"
             r"|coup)")
