"""Resolution against the reference date: which "November 4", "July", "Thursday" or "summer" a text
means, from the publication date and the tense of its sentence."""

from __future__ import annotations

import datetime
import re

from timeline.authoring.timex.context import FUTURE, PAST, Context
from timeline.authoring.timex.values import valid_day
from timeline.authoring.timex.vocabulary import SEASON_ORDER


def resolve_month_day(context: Context, month: int, day: int, start: int, end: int,
                      weekday: int | None = None) -> datetime.date | None:
    """Return the date of 'November 4' without a year: on that weekday if one is given, else by tense."""
    reference = context.reference
    named = context.year_named(start, end)
    # The year the sentence names holds unless the tense says another; the reference's own year always holds.
    if named and valid_day(named, month, day) and (
            named == reference.year or _fits_tense(context, datetime.date(named, month, day), start, end)):
        return datetime.date(named, month, day) if weekday is None or \
            datetime.date(named, month, day).weekday() == weekday else None  # "in 2020, ... on Sept. 25": that year's
    candidates = [datetime.date(year, month, day) for year in (reference.year - 1, reference.year, reference.year + 1)
                  if valid_day(year, month, day)]
    if weekday is not None:
        matching = [c for c in candidates if c.weekday() == weekday]
        if matching:
            return min(matching, key=lambda c: abs((c - reference).days))
    if not candidates:
        return None
    tense = context.tense(start, end)
    if tense == FUTURE:
        coming = min((c for c in candidates if c >= reference), default=candidates[-1])
        gone = max((c for c in candidates if c < reference), default=None)
        if gone and (coming - reference).days > 300 and (reference - gone).days <= 90:
            return gone
        return coming
    if tense is None:  # no clue: the nearest, news being near its dates ("extends to Aug. 15" in early August)
        return min(candidates, key=lambda c: (abs((c - reference).days), c > reference))
    soon = [c for c in candidates if 0 < (c - reference).days <= 7]
    if soon:  # "accused of plotting an attack on November 20", said on the 19th: not a year before
        return soon[0]
    return max((c for c in candidates if c <= reference), default=candidates[0])


def _fits_tense(context: Context, day: datetime.date, start: int, end: int) -> bool:
    """Return whether a day is on the side of the reference the tense says: after it for the future."""
    tense = context.tense(start, end)
    return not ((tense == FUTURE and day < context.reference) or (tense == PAST and day > context.reference))


def resolve_day_of_month(context: Context, day: int, start: int, end: int) -> datetime.date | None:
    """Return the date of 'the 6th' with no month: in the reference's month, or the one before (past) or after
    (future) when that day has not come, or has gone."""
    reference = context.reference
    months = [(reference.year, reference.month + shift) for shift in (-1, 0, 1)]
    months = [(year + (month - 1) // 12, (month - 1) % 12 + 1) for year, month in months]
    candidates = [datetime.date(year, month, day) for year, month in months if valid_day(year, month, day)]
    if not candidates:
        return None
    if context.tense(start, end) == FUTURE:
        return min((c for c in candidates if c >= reference), default=candidates[-1])
    return max((c for c in candidates if c <= reference), default=candidates[0])


def resolve_month(context: Context, month: int, start: int, end: int, relation: str = "") -> tuple[int, int]:
    """Return (year, month) of 'July', 'last July' or 'next July' seen from the reference."""
    reference = context.reference
    now = (reference.year, reference.month)
    if relation == "last":
        return (reference.year, month) if month < reference.month else (reference.year - 1, month)
    if relation == "next":
        return (reference.year, month) if month > reference.month else (reference.year + 1, month)
    if relation == "this":
        return reference.year, month
    named = context.year_named(start, end)
    if named:
        return named, month
    tense = context.tense(start, end)
    if tense == FUTURE:
        return (reference.year, month) if (reference.year, month) >= now else (reference.year + 1, month)
    if tense is None:  # no clue: the nearest
        ahead = (reference.year, month) if (reference.year, month) >= now else (reference.year + 1, month)
        behind = (reference.year, month) if (reference.year, month) <= now else (reference.year - 1, month)
        return min((behind, ahead), key=lambda m: abs((m[0] - now[0]) * 12 + m[1] - now[1]))
    return (reference.year, month) if (reference.year, month) <= now else (reference.year - 1, month)


def resolve_weekday(context: Context, weekday: int, start: int, end: int, relation: str = "") -> datetime.date:
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
    if relation == "this":  # the one of this week, Monday to Sunday
        return reference + datetime.timedelta(days=weekday - reference.weekday())
    if context.tense(start, end) == FUTURE:
        sentence = context.text[slice(*context.sentence(start))]
        if re.search(r"\bwould\b", sentence) and not re.search(r"\b(?:will|shall)\b|['’]ll\b", sentence) \
                and back < ahead and back <= 2:
            # "predicted Dorian would advance later Tuesday", told two days on; not "said schools would reopen on
            # Monday" told on Thursday: a plan reported days after its weekday would say it happened
            return reference - datetime.timedelta(days=back)
        return reference + datetime.timedelta(days=ahead)
    return reference - datetime.timedelta(days=back)


def _season_now(day: datetime.date) -> tuple[int, int]:
    """Return (year, index into SEASON_ORDER) of the season a day falls in; winter takes December's year."""
    if day.month in (1, 2):
        return day.year - 1, 3
    return day.year, (0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3)[day.month - 1]


def resolve_season(context: Context, code: str, start: int, end: int, relation: str = "") -> str:
    """Return the value of 'summer', 'last summer' or 'next winter' seen from the reference ('2024-SU')."""
    now = _season_now(context.reference)
    index = SEASON_ORDER.index(code)
    this = (now[0], index)
    tense = None if relation else context.tense(start, end)
    behind = this if this <= now else (now[0] - 1, index)
    ahead = this if this >= now else (now[0] + 1, index)
    if relation == "this":  # "this fall" said in February is the coming one: winter alone takes December's year
        chosen = this if code == "WI" else (context.reference.year, index)
    elif not relation and tense is None:  # no clue: the nearest, the coming one if as near ("reopens in the spring")
        chosen = min((ahead, behind), key=lambda s: abs((s[0] - now[0]) * 4 + s[1] - now[1]))
    elif relation == "last" or (not relation and tense != FUTURE):
        chosen = this if this < now or (not relation and this == now) else (now[0] - 1, index)
    else:
        chosen = this if this > now or (not relation and this == now) else (now[0] + 1, index)
    return f"{chosen[0]:04d}-{code}"
