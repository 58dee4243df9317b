"""find_timexes: every rule run over a text, overlaps settled, the narrative resolved, Timex values returned."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from timeline.authoring.timex.context import Context, Hit
from timeline.authoring.timex.narrative import merge_day_and_clock, resolve_narrative
from timeline.authoring.timex.rules import RULES, Rule
from timeline.authoring.timex.values import DATE, TIME, value_date
from timeline.model.dates import DAY, MONTH, YEAR, EventDate


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


def find_timexes(text: str, reference: EventDate | datetime.date, *, country: str | None = None) -> list[Timex]:
    """Return every temporal expression in text, resolved against the reference (publication) date."""
    context = _context(text, reference, country)
    candidates = []
    for priority, rule in enumerate(RULES):
        for match in _matches(rule, text, context.lowered):
            try:
                hits = rule.handler(match, context)
            except (OverflowError, ValueError):
                continue  # "9999999 days ago": a date outside the calendar Python can count in
            if hits:
                start, end = min(h.start for h in hits), max(h.end for h in hits)
                candidates.append((start, end, priority, hits))
    chosen = [hit for hit in _without_overlaps(candidates) if not _a_title(hit, context)]
    chosen = merge_day_and_clock(text, chosen)
    resolve_narrative(chosen, context)
    return [_timex(hit, context) for hit in chosen]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# How far from its keyword a rule's match can reach: further than the longest expression.
_BEFORE_KEYWORD, _AFTER_KEYWORD = 90, 50


def _matches(rule: Rule, text: str, lowered: str):
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


def _context(text: str, reference: EventDate | datetime.date, country: str | None) -> Context:
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
    return Context(text, text.translate(_ASCII_LOWER), day, precision, country)


def _without_overlaps(candidates: list) -> list[Hit]:
    """Return the hits of the longest candidates that do not overlap, in text order."""
    taken: list[tuple[int, int]] = []
    chosen: list[Hit] = []
    for start, end, _, hits in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        chosen.extend(hits)
    return sorted(chosen, key=lambda h: h.start)


# A day word written as a name inside a sentence: "on ABC's This Week", "according to Barbados Today".
_TITLE_WORDS = re.compile(r"(?:Today|Tonight|Yesterday|Tomorrow|(?:This|Last|Next) Week)")
_LOWER_CASE_WORD = re.compile(r"\b[a-z][a-z'’]{3,}")


def _a_title(hit: Hit, context: Context) -> bool:
    """Return whether a hit is a capitalised day word inside a sentence that is not itself in title case: a
    programme's, a film's or a newspaper's name, not a date."""
    if not _TITLE_WORDS.fullmatch(context.text, hit.start, hit.end):
        return False
    first, last = context.sentence(hit.start)
    before = context.text[first: hit.start].rstrip()
    if not re.search(r"[\w,’']$", before) or re.search(r"[:“\"(]\s*$", before):
        return False  # the sentence's or a quotation's first word
    return bool(_LOWER_CASE_WORD.search(context.text, first, last))  # a headline's words are all capitalised


_PRECISION_LENGTH = {YEAR: 4, MONTH: 7, DAY: 10}


def _timex(hit: Hit, context: Context) -> Timex:
    """Return the Timex of a hit, relative values cut to the precision of a coarse reference."""
    value = hit.value
    finer = {MONTH: r"\d{4}-(?:\d\d-|W)", YEAR: r"\d{4}-"}.get(context.precision)
    if hit.anchored and finer and re.match(finer, value):
        # "yesterday" seen from a reference known only as "November 2024" is known only as November 2024.
        value = context.reference.isoformat()[: _PRECISION_LENGTH[context.precision]]
    date = value_date(value) if hit.type in (DATE, TIME) else None
    end_date = value_date(hit.end_value) if hit.end_value else None
    return Timex(hit.start, hit.end, context.text[hit.start: hit.end], hit.type, value, date, end_date, hit.anchored)
