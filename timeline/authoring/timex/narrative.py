"""The narrative: "a day earlier", "the following week" and clock times resolved against the day the
text mentioned before them, and a day and a clock time side by side made one."""

from __future__ import annotations

import datetime
import re

from timeline.authoring.timex.context import PAST, PLUPERFECT, Context, Hit
from timeline.authoring.timex.values import (
    DATE,
    TIME,
    ago_value,
    day_value,
    month_or_year,
    unit_value,
    valid_day,
    weekday_from,
)
from timeline.authoring.timex.vocabulary import PARTS_OF_DAY, WEEKDAY
from timeline.model.dates import MONTH

_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d$")
_WEEKDAY = re.compile(rf"{WEEKDAY}\b", re.IGNORECASE)
_COARSE_VALUE = re.compile(r"\d{4}(?:-\d\d)?")
_SINCE = re.compile(r"(?i)\bsince\s+(?:the\s+)?$")
_PRESENT_PERFECT = re.compile(r"\b(?:has|have)\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en|t)\b")
_BARE_WEEKDAY = re.compile(rf"(?i)(?P<weekday>{WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?")


def merge_day_and_clock(text: str, hits: list[Hit]) -> list[Hit]:
    """Return hits with a day and a clock time side by side made one ('Nov 07, 2024, 10:15 PM', '15:00 GMT Sunday')."""
    merged: list[Hit] = []
    for hit in hits:
        previous = merged[-1] if merged else None
        if previous and re.fullmatch(r"[^\S\n]*,?[^\S\n]*", text[previous.end: hit.start]):  # within a paragraph
            day, clock = (hit, previous) if previous.narrative and previous.narrative[0] == "clock" else (previous, hit)
            if clock.narrative and clock.narrative[0] == "clock" and day.type == DATE and _DAY_VALUE.match(day.value):
                merged[-1] = Hit(previous.start, hit.end, TIME, day.value + clock.narrative[1], day.anchored)
                if day.narrative and day.narrative[0] == "undirected":  # "at 8 a.m. Sunday" with no tense
                    merged[-1].narrative = ("undirected", day.narrative[1] + clock.narrative[1])
                continue
        merged.append(hit)
    return merged


def resolve_narrative(hits: list[Hit], context: Context) -> None:
    """Re-resolve 'a day earlier', 'the following week', bare clock times and weekdays with no tense against the
    day mentioned before them."""
    anchor, anchor_sentence, named = context.reference, None, False
    told_day = context.reference  # the day last named, which "the day after the vote" counts from
    coarse = None  # the year or month mentioned last, when it came after the last day
    told = _weekdays_told(hits, context)
    dated = _weekdays_dated(hits, context)
    for hit in hits:
        _as_the_weekday_dated(hit, dated, context)
    for index, hit in enumerate(hits):
        if coarse and _from_coarse(hit, coarse):
            coarse = hit.value  # told in steps, like days: each counted from the one before
            continue
        if hit.narrative and hit.narrative[0] == "undirected":
            _undirected(hit, told, context)
        if hit.narrative and hit.narrative[0] == "span":
            hit.value = _span_value(anchor, *hit.narrative[1:]) if named else hit.value
            hit.narrative = None
            continue
        if hit.narrative and hit.narrative[0] == "unit" and hit.narrative[2] == 0 and not named \
                and re.search(r"(?i)\b(?:that|same)\b", context.text[hit.start: hit.end]):
            hit.value = "PAST_REF"  # "later that year" with no date before it: which year is not said
            continue
        if hit.narrative and hit.narrative[0] in ("before told", "quoted today") and _from_the_day_told(
                hit, anchor if named else None, _just_told(context, anchor_sentence, hit.start), context):
            continue
        if hit.narrative and hit.narrative[0] == "day of month" and not named:
            continue  # no day named before it: its month is the reference's, as resolved
        if hit.narrative and hit.narrative[0] == "month day":
            _near_the_story(hit, anchor if named else None, context)
        if hit.narrative and hit.narrative[0] == "shift" and (hit.narrative[2] >= 0 or hit.narrative[3:]) \
                and (not named or (hit.narrative[3:] and not _just_told(context, anchor_sentence, hit.start))):
            # "31 Years Later", "that day", "the day before the vote" with no date before them: later than what,
            # which day, is not said
            hit.value = "FUTURE_REF" if hit.narrative[2] > 0 else "PAST_REF"
            continue
        if hit.narrative:
            # A clock time takes a day only from its own sentence: "at midnight" in a new paragraph
            # is not on the Sunday of the one before.
            if hit.narrative[0] == "clock" and context.sentence(hit.start) != anchor_sentence:
                day = context.reference
            else:
                day = told_day if hit.narrative[3:] else anchor
            try:
                _resolve_one(hit, hits[index + 1] if index + 1 < len(hits) else None, day, context)
            except (OverflowError, ValueError):
                continue  # it keeps the value resolved against the reference
            if hit.narrative[0] == "shift" and _DAY_VALUE.match(hit.value) and not hit.narrative[3:] \
                    and not PLUPERFECT.search(context.text, *context.sentence(hit.start)):
                # a story in steps: "the next day", ... (not "had run out of water the previous day": a look back)
                anchor = datetime.date.fromisoformat(hit.value)
            continue
        if _DAY_VALUE.match(hit.value[:10]) and hit.type in (DATE, TIME) \
                and not _SINCE.search(context.text, max(0, hit.start - 10), hit.start):
            # "its biggest fall since the September 11, 2001 attacks" dates a yardstick, not the story's next step
            anchor, anchor_sentence = datetime.date.fromisoformat(hit.value[:10]), context.sentence(hit.start)
            named, coarse, told_day = True, None, anchor
        elif hit.type == DATE and _COARSE_VALUE.fullmatch(hit.value):
            coarse = hit.value


def _from_the_day_told(hit: Hit, told: datetime.date | None, just_told: bool, context: Context) -> bool:
    """Set a weekday told in the past perfect ("had been lost since Sunday") to the one before the day the story
    told just before, and a quotation's 'today' to the day the story last told; return whether that is all."""
    kind, hit.narrative = hit.narrative, None
    if kind[0] == "before told":
        if told and told < context.reference and just_told:
            hit.value = day_value(weekday_from(told, kind[1], -1)) + kind[2]
        return False  # the story goes on from that day
    if told and 0 < (context.reference - told).days <= 14:  # said on the day the story last told
        hit.value = day_value(told) + (f"T{PARTS_OF_DAY[kind[1]]}" if kind[1] else "")
    return True


def _just_told(context: Context, told: tuple[int, int] | None, position: int) -> bool:
    """Return whether the sentence told is the one at position or one of the two before it: 'The day after the
    vote' counts from a day named just before, not from one paragraphs back."""
    here = context.sentence(position)
    for _ in range(3):
        if told == here:
            return True
        if here[0] == 0:
            return False
        here = context.sentence(here[0] - 1)
    return False


def _weekdays_told(hits: list[Hit], context: Context) -> dict[str, str]:
    """Return the day each weekday the text names with a tense resolves to, where the text names only one such day
    for it ({'tuesday': '2007-10-23'})."""
    return _one_day_a_weekday([hit for hit in hits if not hit.narrative], context)


def _weekdays_dated(hits: list[Hit], context: Context) -> dict[str, str]:
    """Return the day of each weekday the text names with its calendar date ("Monday, August 11th"), where it names
    only one such day for it."""
    return _one_day_a_weekday([hit for hit in hits if re.search(r"\d", context.text[hit.start: hit.end])], context)


def _one_day_a_weekday(hits: list[Hit], context: Context) -> dict[str, str]:
    """Return the day each weekday named in hits resolves to, for the weekdays that resolve to one day only."""
    days: dict[str, set[str]] = {}
    for hit in hits:
        weekday = _WEEKDAY.search(context.text, hit.start, hit.end)
        if weekday and _DAY_VALUE.match(hit.value[:10]):
            days.setdefault(weekday[0].lower(), set()).add(hit.value[:10])
    return {name: values.pop() for name, values in days.items() if len(values) == 1}


def _as_the_weekday_dated(hit: Hit, dated: dict[str, str], context: Context) -> None:
    """Set a weekday told in the past ("had gone tubing Monday") to the day the text gave that weekday with its date
    ("missing since the evening of Monday, August 11th"), when that day is one to two weeks before the reference and
    so not the weekday just gone; not the reference's own weekday told in the present perfect ("has suspended the
    search Monday", said on a Monday, is that day)."""
    bare = _BARE_WEEKDAY.fullmatch(context.text, hit.start, hit.end)
    day = dated.get(bare["weekday"].lower()) if bare and not hit.narrative else None
    back = (context.reference - datetime.date.fromisoformat(day)).days if day else 0
    if 7 <= back <= 13 and context.tense(hit.start, hit.end) == PAST \
            and (back > 7 or not _PRESENT_PERFECT.search(context.text, *context.sentence(hit.start))):
        hit.value = day + hit.value[10:]


def _from_coarse(hit: Hit, coarse: str) -> bool:
    """Set the value of 'two years later' or 'the following month' from the year or month mentioned before it
    ('founded in 2015. Two years later, ...': 2017); return whether it was set."""
    if not hit.narrative or hit.narrative[0] not in ("shift", "unit") or hit.narrative[3:]:
        return False  # "two years after the murder" counts from a day just told, not from a year
    unit, count = hit.narrative[1], hit.narrative[2]
    year, _, month = coarse.partition("-")
    if count != int(count) or not 0 < int(year) + count <= 9999:
        return False  # "a year and a half later": not a calendar year
    count = int(count)
    if unit == "year":
        hit.value = f"{int(year) + count:04d}"
    elif unit == "month" and month:
        hit.value = unit_value(datetime.date(int(year), int(month), 1), "month", count)
    elif unit == "week" and month and count == 0:
        hit.value = f"{year}-{month}"  # "that week" of a month told: somewhere in that month
    else:
        return False
    hit.narrative = None
    return True


def _undirected(hit: Hit, told: dict[str, str], context: Context) -> None:
    """Set a weekday with no tense to the day the text told for that weekday, else to the coming one."""
    weekday = _WEEKDAY.search(context.text, hit.start, hit.end)
    if weekday and weekday[0].lower() in told:
        # "Weather is Concern for Tuesday Shuttle Launch" over "the scheduled launch on Tuesday": that Tuesday
        hit.value = told[weekday[0].lower()] + hit.value[10:]
    elif context.sentence(hit.start)[0] > 0:
        # "Italy plays Ukraine on Friday", "Schools reopen Tuesday": news tells what has happened in a past tense,
        # so a sentence with no tense at all tells of days to come; not a headline's ("Quake hits Chile on
        # Monday"), whose present is the news
        hit.value = hit.narrative[1]
    hit.narrative = None


def _near_the_story(hit: Hit, told: datetime.date | None, context: Context) -> None:
    """Set 'August 25' to the year of a day the story told over a year from the reference, when it falls within a
    month of it ('formed on August 23, 2005 ... reached land on August 25', told in 2010: 2005); not the news of
    the fortnight just gone. It becomes a day of its own, which later ones count from."""
    _, month, day = hit.narrative
    hit.narrative = None
    if told is None or abs((told - context.reference).days) <= 366 \
            or 0 <= (context.reference - datetime.date.fromisoformat(hit.value[:10])).days <= 14:
        return
    candidates = [datetime.date(year, month, day) for year in (told.year - 1, told.year, told.year + 1)
                  if valid_day(year, month, day)]
    near = [c for c in candidates if abs((c - told).days) <= 31]
    if near:
        hit.value = day_value(min(near, key=lambda c: abs((c - told).days))) + hit.value[10:]


def _span_value(anchor: datetime.date, first: int, last: int) -> str:
    """Return the month, else the year, that holds every day from first to last days after anchor ('days later');
    a past or future reference where they span two years."""
    held = month_or_year(anchor + datetime.timedelta(days=first), anchor + datetime.timedelta(days=last))
    return held.iso() if held else "FUTURE_REF" if first > 0 else "PAST_REF"


def _resolve_one(hit: Hit, following: Hit | None, anchor: datetime.date, context: Context) -> None:
    """Set the value of a narrative expression from the day before it (for a clock time, the day just after it)."""
    kind = hit.narrative[0]
    if kind == "clock":
        # "at 8 p.m. on Friday": the day just after the time is its day.
        if following and not following.narrative and _DAY_VALUE.match(following.value) \
                and re.fullmatch(r"\s*,?\s*(?:on\s+)?", context.text[hit.end: following.start]):
            hit.value = following.value + hit.narrative[1]
        else:
            hit.value = day_value(anchor) + hit.narrative[1]
    elif kind == "shift":
        hit.value = ago_value(anchor, -hit.narrative[2], hit.narrative[1])
    elif kind == "unit":
        hit.value = _part_of_week(hit, anchor, context) or unit_value(anchor, hit.narrative[1], hit.narrative[2])
    elif kind == "weekday":  # "the following Monday" after "on Thursday, 3 March": Monday 7 March
        hit.value = day_value(weekday_from(anchor, hit.narrative[1], hit.narrative[2]))
    elif kind == "day of month":  # "on the 6th" after "on 3 March": the 6th of March
        hit.value = day_value(anchor.replace(day=hit.narrative[1]))


def _part_of_week(hit: Hit, anchor: datetime.date, context: Context) -> str | None:
    """Return the month of 'earlier that week' or 'later in the week' when the days before (or after) the day
    told, within its week, all fall in one month; else None ('earlier that week' of Saturday 1 June: May)."""
    words = context.text[hit.start: hit.end].lower()
    if hit.narrative[1:] != ("week", 0) or anchor == context.reference \
            or not re.search(r"\b(?:earlier|later)\b", words):
        return None  # told of the reference's own week, it stays a week (the event's date is cut at publication)
    if "earlier" in words:
        first, last = anchor - datetime.timedelta(days=anchor.weekday()), anchor - datetime.timedelta(days=1)
    else:
        first, last = anchor + datetime.timedelta(days=1), anchor + datetime.timedelta(days=6 - anchor.weekday())
    held = month_or_year(first, last) if first <= last else None
    return held.iso() if held is not None and held.precision == MONTH else None
