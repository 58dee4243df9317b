"""Rules for recurring times (TIMEX3 SET): "every week", "each Monday", "daily", "twice a year"."""

from __future__ import annotations

import re

from timeline.authoring.timex.context import Context, Hit
from timeline.authoring.timex.values import SET, duration_value
from timeline.authoring.timex.vocabulary import FULL_MONTHS, PARTS_OF_DAY, WEEKDAYS, month_of


def set_hit(match: re.Match, context: Context) -> list[Hit]:
    """Return the set of 'every week', 'each Monday', 'every August', 'every morning', 'every two years'."""
    unit = match["unit"].lower()
    if unit.rstrip("s") in WEEKDAYS:
        value = f"XXXX-WXX-{WEEKDAYS.index(unit.rstrip('s')) + 1}"
    elif unit.rstrip("s") in PARTS_OF_DAY:
        value = f"XXXX-XX-XXT{PARTS_OF_DAY[unit.rstrip('s')]}"
    elif re.fullmatch(FULL_MONTHS, unit, re.IGNORECASE):
        value = f"XXXX-{month_of(match, 'unit'):02d}"
    elif unit in ("season", "seasons"):
        value = "P1Y"
    elif unit in ("weekend", "weekends"):
        value = "XXXX-WXX-WE"
    else:
        count = match["count"]
        quantity = "2" if count and count.lower() == "other" else count or "1"
        value = duration_value(quantity, unit)
    return [Hit(match.start(), match.end(), SET, value)]


_ADVERB_SETS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "fortnightly": "P2W",
                "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H"}


def adverb_set(match: re.Match, context: Context) -> list[Hit]:
    """Return the set of 'daily', 'weekly', 'annually'."""
    return [Hit(match.start(), match.end(), SET, _ADVERB_SETS[match[0].lower()])]


def rate_set(match: re.Match, context: Context) -> list[Hit]:
    """Return the set of 'twice a week', 'three times a year', 'per day'."""
    return [Hit(match.start(), match.end(), SET, duration_value("1", match["unit"]))]
