"""Rules for clock times: "10:15 PM", "8 p.m.", "15:00 GMT", "at noon"; their day comes from the narrative."""

from __future__ import annotations

import re

from timeline.authoring.timex.context import Context, Hit
from timeline.authoring.timex.values import TIME, day_value


def clock_hit(match: re.Match, context: Context) -> list[Hit]:
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
    hit = Hit(match.start(), match.end(), TIME, day_value(context.reference) + clock, True)
    hit.narrative = ("clock", clock)
    return [hit]


def noon_hit(match: re.Match, context: Context) -> list[Hit]:
    """Return the time of 'noon' or 'midnight' after 'at', 'by', 'until'."""
    clock = "T12:00" if match["word"].lower() == "noon" else "T24:00"
    start = match.start("word")
    hit = Hit(start, match.end(), TIME, day_value(context.reference) + clock, True)
    hit.narrative = ("clock", clock)
    return [hit]
