"""Rules for durations: "three years", "a four-week closure", "12 to 18 months", "for years", "3:07:35"."""

from __future__ import annotations

import re

from timeline.authoring.timex.context import Context, Hit
from timeline.authoring.timex.values import DURATION, SET, duration_value


def duration_hit(match: re.Match, context: Context) -> list[Hit]:
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
        return [Hit(match.start(), match.end(), SET, duration_value("1", unit))]
    value = duration_value(match["quantity"], match["unit"])
    end = match.end()
    if context.text[end: end + 1] in ("'", "’") and match["unit"].lower().endswith("s") \
            and not context.text[end + 1: end + 2].isalpha():
        end += 1  # "five years' probation": the possessive belongs to the expression
    return [Hit(match.start(), end, DURATION, value)]


def hyphen_duration(match: re.Match, context: Context) -> list[Hit]:
    """Return the duration of 'a four-week closure' or 'the three-month period' (not '60-year-old')."""
    if context.text[match.start() - 1: match.start()] == "-":
        return []  # "a sub-five-minute mile" measures a speed
    return [Hit(match.start(), match.end(), DURATION, duration_value(match["quantity"], match["unit"]))]


def quantity_pair(match: re.Match, context: Context) -> list[Hit]:
    """Return both durations of '12 to 18 months' ('12' takes the unit of '18 months')."""
    unit = match["unit"]
    if re.match(r"[-\s]old\b", context.text[match.end(): match.end() + 5]):
        return []
    second = Hit(match.start("second"), match.end(), DURATION, duration_value(match["second"], unit))
    if re.fullmatch(r"1\d{3}|20\d\d", match["first"]) and int(match["first"]) > int(match["second"]):
        return [second]  # "sentenced in 2005 to 37 months": a year, then a term
    return [Hit(match.start("first"), match.end("first"), DURATION, duration_value(match["first"], unit)),
            second]


def plural_units(match: re.Match, context: Context) -> list[Hit]:
    """Return an unquantified duration like 'for years', 'days later', 'recent weeks' (PXY, PXD, PXW)."""
    before = context.text[max(0, match.start() - 12): match.start()]
    after = context.text[match.end(): match.end() + 10]
    if not match["adjective"] and not re.search(
            r"\b(?:for|within|over|in|after|before|took|take|takes|spent|spend|lasting)\s+$", before,
            re.IGNORECASE) and not re.match(r"\s+(?:later|earlier|before|after|on)\b", after, re.IGNORECASE):
        return []
    return [Hit(match.start(), match.end(), DURATION, duration_value("several", match["unit"]))]


def clock_duration(match: re.Match, context: Context) -> list[Hit]:
    """Return the duration of a race time like '3:07:35' (clock times rarely give seconds)."""
    hours, minutes, seconds = int(match["h"]), int(match["m"]), int(match["s"])
    value = "PT" + ("".join(f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n) or "0S")
    return [Hit(match.start(), match.end(), DURATION, value)]


def the_past_day(match: re.Match, context: Context) -> list[Hit]:
    """Return the day-long duration of 'during the past day' (not 'the last day of the fair', a day)."""
    return [Hit(match.start(), match.end(), DURATION, duration_value("1", match["unit"]))]
