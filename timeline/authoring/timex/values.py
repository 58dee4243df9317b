"""TIMEX3 values: writing days, weeks, months and durations as TimeML does, and counting units from a day."""

from __future__ import annotations

import datetime
import re

from timeline.authoring.timex.vocabulary import SMALL_NUMBERS, UNIT_CODES
from timeline.model.dates import EventDate, days_in_month

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"


def day_value(day: datetime.date) -> str:
    """Return the TIMEX3 value of a day ('2024-11-04')."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def month_value(year: int, month: int) -> str:
    """Return the TIMEX3 value of a month ('2024-11')."""
    return f"{year:04d}-{month:02d}"


def _week_value(day: datetime.date) -> str:
    """Return the TIMEX3 value of the ISO week holding a day ('2024-W45')."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    """Return (year, month) that many months away."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def value_date(value: str) -> EventDate | None:
    """Return the calendar date a TIMEX3 value names at day, month or year precision, or None."""
    match = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?", value)
    if not match or int(match[1]) == 0:
        return None
    return EventDate(int(match[1]), int(match[2]) if match[2] else None, int(match[3]) if match[3] else None)


def valid_day(year: int, month: int, day: int) -> bool:
    """Return whether the day exists in that month."""
    return 1 <= month <= 12 and 1 <= day <= days_in_month(year, month)


def parse_number(text: str) -> float | None:
    """Return the number a quantity says ('three' 3, '1,000' 1000, 'two and a half' 2.5), None when vague."""
    text = " ".join(text.lower().split())
    half = 0.0
    if text.endswith(" and a half"):
        text, half = text[: -len(" and a half")], 0.5
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return float(text.replace(",", "")) + half
    if text in SMALL_NUMBERS:
        return SMALL_NUMBERS[text] + half
    parts = re.split(r"[-\s]", text)
    if len(parts) == 2 and parts[0] in SMALL_NUMBERS and parts[1] in SMALL_NUMBERS:
        return SMALL_NUMBERS[parts[0]] + SMALL_NUMBERS[parts[1]] + half
    return None


def _amount(number: float) -> str:
    """Return a number as TIMEX3 writes it ('3', '1.5')."""
    return str(int(number)) if number == int(number) else f"{number:g}"


def duration_value(quantity: str, unit: str) -> str:
    """Return the TIMEX3 value of a duration ('P3Y', 'PT2H', 'PXD' for 'several days')."""
    letter, size, is_time = UNIT_CODES[singular_unit(unit)]
    number = parse_number(quantity)
    amount = "X" if number is None else _amount(number * size)
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


def singular_unit(unit: str) -> str:
    """Return the singular of a unit word ('centuries' -> 'century')."""
    unit = unit.lower()
    if unit in ("centuries", "century"):
        return "century"
    if unit.startswith("millenni"):
        return "millennium"
    return unit.removesuffix("s")


def unit_value(day: datetime.date, unit: str, offset: int) -> str:
    """Return the value of the calendar unit holding a day, shifted by offset units ('2024-W44' for -1 week)."""
    if unit == "day":
        return day_value(day + datetime.timedelta(days=offset))
    if unit == "week":
        return _week_value(day + datetime.timedelta(weeks=offset))
    if unit == "weekend":
        return _week_value(day + datetime.timedelta(weeks=offset)) + "-WE"
    if unit == "month":
        return month_value(*shift_months(day.year, day.month, offset))
    if unit == "quarter":
        year, month = shift_months(day.year, day.month, 3 * offset)
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


def ago_value(day: datetime.date, quantity: float, unit: str) -> str:
    """Return the value of 'three weeks ago' at the granularity of its unit."""
    unit = singular_unit(unit)
    if unit in ("second", "minute", "hour"):
        return day_value(day)
    if unit in ("day", "night"):
        return day_value(day - datetime.timedelta(days=quantity))
    if unit in ("week", "fortnight"):
        return _week_value(day - datetime.timedelta(weeks=quantity * (2 if unit == "fortnight" else 1)))
    if unit in ("month", "quarter"):
        return month_value(*shift_months(day.year, day.month, -int(quantity * (3 if unit == "quarter" else 1))))
    years = int(quantity * UNIT_CODES[unit][1])
    shifted = day.year - years
    if not 0 < shifted <= 9999:
        return "PAST_REF" if shifted <= 0 else "FUTURE_REF"  # "3,000 years ago": before AD 1
    if unit == "decade":
        return f"{shifted // 10:03d}"
    if unit == "century":
        return f"{shifted // 100:02d}"
    return f"{shifted:04d}"


def weekday_from(day: datetime.date, weekday: int, way: int) -> datetime.date:
    """Return the first given weekday strictly after a day (way 1) or strictly before it (way -1)."""
    steps = (weekday - day.weekday()) % 7 if way > 0 else (day.weekday() - weekday) % 7
    return day + datetime.timedelta(days=way * (steps or 7))


def month_or_year(first: EventDate | datetime.date, last: EventDate | datetime.date) -> EventDate | None:
    """Return the month two days (dates or EventDates) both fall in, else their year, else None where they fall in
    two years: what a stretch of days told as a week or "a few days" is known to."""
    if first.year != last.year:
        return None
    return EventDate(first.year, first.month) if first.month == last.month else EventDate(first.year)
