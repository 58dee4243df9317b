"""Which date of a sentence dates its event: the article tagged as one story (its spans joined by date_spans.py),
the dates that date no event set aside (date_roles.py), one date chosen a sentence, and the vague ones ("earlier
this week", "in five months") put at the precision they are known to."""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import re

from timeline.authoring.date_roles import EVENT_NOUNS, dates_an_event, names_a_thing
from timeline.authoring.date_spans import DAY_WORDS, WEEK_OF, cut_to, joined_spans, shifted
from timeline.authoring.timex import Timex, find_timexes
from timeline.authoring.timex.context import FUTURE, PAST, in_quotation, sentence_tense
from timeline.authoring.timex.holiday_names import HOLIDAY
from timeline.authoring.timex.values import month_or_year
from timeline.authoring.timex.vocabulary import month_group
from timeline.model.dates import DAY, MONTH, YEAR, EventDate

# "announced Monday", "today confirmed": a day that dates the telling
_REPORTING_AFTER = re.compile(r"\s+(?:announced|said|reported|confirmed|revealed|unveiled)\b")
_REPORTING_BEFORE = re.compile(r"\b(?:announced|said|reported|confirmed|revealed|unveiled)\s+$")
# A date written on the calendar ("Sept. 6", "2019"), which restates one that is not ("about 50 days later")
_CALENDAR_WORDS = re.compile(rf"\d{{4}}|\b{month_group('month')}")
# A headline that is a title and the page's date: "News briefs: May 26, 2012", "Dry weather update 17th July 2018",
# "May 29, 2018: Man Pleads Guilty"; not "Storm hits Florida on August 29" nor "Festival set, Sept. 12-14".
_TITLE_BEFORE_DATE = re.compile(r"(?i)(?:.*[:/|–—-]|.*\b(?!(?:on|by|until|till|from|since|at|in|before|after|of)\b)"
                                r"[a-z]+)\s*\(?$")
_TITLE_AFTER_DATE = re.compile(r"\s*[:|–—-]")
_SET_APART = re.compile(r"[:/|–—-]\s*\(?$")
_IN_RECENT = re.compile(r"(?i)\b(?:in|over|during)\s+(?:the\s+)?$")
# "over the next four days", "within the next two months": a span from publication; "in five months": a date.
_SPAN_AHEAD = re.compile(r"\b(?:over|during|in|within|for)\s+the\s+(?:next|coming)\s+$", re.IGNORECASE)
_SPAN_BEHIND = re.compile(r"\b(?:over|during|in|within)\s+the\s+(?:past|last)\s+$", re.IGNORECASE)
_SOME_AGO = re.compile(r"(?:a\s+few|several|some)\s+(?P<unit>day|week|month)s\s+ago|recent\s+(?P<recent>day|week)s",
                       re.IGNORECASE)
_IN_TIME = re.compile(r"\b(?:in|within)\s+$", re.IGNORECASE)
_AHEAD_WORDS = re.compile(r"\b(?:will|could|would|may|might|expected|expects|plans?|due|scheduled|set\s+to|to\s+be"
                          r"|opens|begins|starts|launches|returns|expires|closes|ends|takes\s+effect)\b", re.IGNORECASE)
_SUPERLATIVE = re.compile(r"(?i)\b(?:busiest|highest|lowest|largest|biggest|worst|best|warmest|coldest|hottest|wettest"
                          r"|driest|strongest|weakest|deadliest|fastest|slowest|most|least|first|greatest|longest"
                          r"|shortest|heaviest|smallest)\b")
# "three weeks away", "eight years from now"; not "two weeks away from home"
_AWAY_AFTER = re.compile(r"\s+(?i:away\b(?!\s+from\b)|from\s+(?:now|today)\b)")
_IN_TIME_AFTER = re.compile(r"(?:['’]s?)?\s+time\b", re.IGNORECASE)  # "in 10 days' time", "in a week's time"
_DURATION = re.compile(r"P(?P<n>\d+|X)(?P<unit>[DWMY])|PT(?P<hours>24|48|72)H")  # "the past 24 hours": days
# "postponed until Saturday", "pushed back ... from May 7 to May 9", "originally set for May 5, will now take place on
# June 2": the date an event was moved to.
_MOVED_TO = re.compile(r"(?:\b(?:postponed|delayed|moved|pushed\s+back|put\s+off|rescheduled|brought\s+forward"
                       r"|deferred|adjourned|extended|slipped)\b[^.;]*\b(?:until|till|to|for)\s+(?:no\s+earlier\s+than\s+)?"
                       r"|\b(?:will|would|is|are|shall)\s+now\s+(?:be\s+)?(?:[a-z]+\s+){0,3}?"
                       r"(?:on|in|at|for|until|from|by)\s+(?:early\s+|mid-?|late\s+)?)(?:the\s+)?$", re.IGNORECASE)
_MOVED_BY = re.compile(r"\b(?P<way>postponed|delayed|pushed\s+back|put\s+off|brought\s+forward)\s+(?:by\s+)?$",
                       re.IGNORECASE)
_LEADING_PARTICIPLE = re.compile(r"(?:[A-Z][a-z]+ed|Born|Built|Founded|Elected|Held|Made|Chosen|Taken|Sentenced)\s")
_ASIDE_START = re.compile(r"\s+(?:which|who|whose|where|(?!was\b|were\b)[a-z]{3,}ed|held|built|born|set\s+up|made)\b")
_STRETCH_FROM_NOW = re.compile(r"(?i)(?:the\s+)?(?:next|past|last|coming|following|previous)\s+(?:\w+\s+)?"
                               r"(?:days|weeks)")
# "Residents who were evacuated on Sunday can return home tomorrow": a date told of whom, not of the sentence's news
_IN_A_RELATIVE_CLAUSE = re.compile(r"\b[A-Za-z]+s\s+who\s+(?:were|had\s+been|have\s+been)\s+[a-z]+(?:ed|en|t)\s+"
                                   r"(?:[a-z]+\s+){0,3}?(?:on|in|at)\s+$")
_OF_DATE = re.compile(r"\b(?P<noun>[A-Za-z]+)\s+of\s+(?:the\s+)?$")


def sentence_dates(units: list[str], published: EventDate, country: str | None) -> tuple[str, list[list[Timex]]]:
    """Return the article as one text and the dates of each of its sentences, tagged as one story so that
    "two days later" counts from the day the story last named, not from publication."""
    text, starts = "", []
    for unit in units:
        starts.append(len(text))
        text += unit + "\n\n"  # a line break ends a sentence for the tagger: units stay apart
    found: list[list[Timex]] = [[] for _ in units]
    for timex in joined_spans(text, find_timexes(text, published, country=country), published):
        if timex.type == "DURATION" and _SOME_AGO.fullmatch(timex.text) \
                and _IN_RECENT.search(text, max(0, timex.start - 12), timex.start):
            timex = dataclasses.replace(_some_time_ago(timex, published), type="DATE")  # "in recent days"
        elif timex.type == "DURATION":
            _moved_by(text, timex, found[bisect.bisect_right(starts, timex.start) - 1])
            timex = _ahead(text, timex, published)
        elif timex.value == "PAST_REF":
            timex = _some_time_ago(timex, published)
        if timex.type in ("DATE", "TIME") and not names_a_thing(text, timex):
            found[bisect.bisect_right(starts, timex.start) - 1].append(timex)
    return text, found


def event_date(text: str, timexes: list[Timex]) -> Timex | None:
    """Return the date a sentence's event is on: the new date of a move ("postponed until Saturday"), else the most
    precise it names, the first of equals (a span no more than a day: "opening June 7 ... after the storms of March
    14-15"); never a clock time alone ("at 11 a.m.": a detail of an event told before) nor a backdrop (see _backdrop).
    """
    dated = [t for t in timexes if t.date is not None and dates_an_event(text, t)]
    if all(t.type == "TIME" and not DAY_WORDS.search(t.text) for t in dated):
        return None
    moved = [t for t in dated if _MOVED_TO.search(text, max(0, t.start - 60), t.start)]
    if moved:
        return moved[-1]
    # "New Year's day on Thursday, April 14, 2022": the calendar date says which day the name means
    named = [t for t in dated if not _apposed(text, t, dated)]
    if any(_reported(text, t, named) for t in named):
        named = [t for t in named if _CALENDAR_WORDS.search(t.text)]
    return max(named, key=lambda t: (_weight(text, t), not _holiday_name(t), -t.start))


def outweighed(text: str, chosen: Timex, week: Timex) -> bool:
    """Return whether a week or season, given the month or year it falls in, says better than the date chosen when a
    sentence's event happened ("The law, passed in 2019, was struck down last week": last week)."""
    return _weight(text, chosen) < _weight(text, week)


def _reported(text: str, timex: Timex, others: list[Timex]) -> bool:
    """Return whether a day written on the calendar is what another day reported ('The Ministry announced Monday
    that a girl died January 19', 'today announced that passengers will benefit from July 15'): the news is the
    happening, not its announcing."""
    return timex.date.precision == DAY and bool(_CALENDAR_WORDS.search(timex.text)) and any(
        other.date.precision == DAY and not _CALENDAR_WORDS.search(other.text)
        and (_REPORTING_AFTER.match(text, other.end) or _REPORTING_BEFORE.search(text, max(0, other.start - 25),
                                                                                  other.start))
        for other in others if other is not timex)


def page_date_in_title(headline: str, timex: Timex, published: EventDate) -> bool:
    """Return whether a date in the headline is the page's own date set beside its title ("News briefs: May 26,
    2012", "ECONOMICS REPORT - 2003-12-19"), which dates no event."""
    if not re.search(r"\d", timex.text) or timex.date is None or published.precision != DAY:
        return False
    week_of = WEEK_OF.match(timex.text)
    if week_of:  # "FDA News & Notes - Week of January 16, 2012": the week the page was published in
        published_day = datetime.date(*published.start_key())
        days = [t.date for t in find_timexes(timex.text[week_of.end():], published_day)
                if t.date is not None and t.date.precision == DAY]
        return bool(days) and 0 <= (published_day - datetime.date(*days[0].start_key())).days <= 6 \
            and not headline[timex.end:].strip(" .)") \
            and (not headline[:timex.start].strip() or bool(_SET_APART.search(headline[:timex.start])))
    if timex.date.precision != DAY:
        return False
    # a day, or a span that ends then ("Week In Review: 12/09 - 12/13"), not one that starts then ("April 22-30")
    last, published_day = (datetime.date(*d.start_key()) for d in (timex.end_date or timex.date, published))
    if abs((last - published_day).days) > 1:
        return False
    at_end = not headline[timex.end:].strip(" .)")
    at_start = not headline[:timex.start].strip() and _TITLE_AFTER_DATE.match(headline, timex.end)
    # After a word rather than a colon or a dash, a day after publication is to come: "Bowl Kicks Off January 20"
    set_apart = _SET_APART.search(headline[:timex.start]) or last <= published_day
    return bool(at_start or (at_end and set_apart and _TITLE_BEFORE_DATE.fullmatch(headline[:timex.start])))


def _holiday_name(timex: Timex) -> bool:
    """Return whether a date is a holiday's name: of two dates as precise, the other, a calendar date, is chosen."""
    return bool(HOLIDAY.fullmatch(timex.text))


def _apposed(text: str, timex: Timex, others: list[Timex]) -> bool:
    """Return whether a date not written on the calendar ('Thursday', 'about 50 days later') is followed at once by a
    calendar date that restates it ('Thursday, April 14', 'about 50 days later, around Sept. 6')."""
    return not _CALENDAR_WORDS.search(timex.text) and any(
        0 < o.start - timex.end <= 16 and _CALENDAR_WORDS.search(o.text) and re.search(r"\d", o.text)
        and re.fullmatch(r"[\s,]*(?:day\s+)?(?:on\s+|(?:around|about|or)\s+|,\s*)?", text[timex.end: o.start],
                         re.IGNORECASE)
        for o in others)


def _moved_by(text: str, duration: Timex, earlier: list[Timex]) -> None:
    """Move the sentence's last day before a length it is moved by to its new date ("Friday's launch has been
    postponed 24 hours": Saturday)."""
    verb = _MOVED_BY.search(text, max(0, duration.start - 40), duration.start)
    days = _whole_days(duration.value) if verb else None
    moved = [i for i, t in enumerate(earlier) if t.date and t.date.precision == DAY and not t.end_date]
    if days and moved:
        timex = earlier[moved[-1]]
        days = -days if verb["way"].lower().startswith("brought") else days
        earlier[moved[-1]] = dataclasses.replace(timex, date=shifted(timex.date, days, "D", inclusive=False))


def _whole_days(value: str) -> int | None:
    """Return the number of whole days a TIMEX3 duration is ('PT24H', 'P2D', 'P1W'), or None."""
    found = re.fullmatch(r"P(?:(\d+)([DW])|T(\d+)H)", value)
    if not found:
        return None
    if found[3]:
        return int(found[3]) // 24 if int(found[3]) % 24 == 0 else None
    return int(found[1]) * (7 if found[2] == "W" else 1)


def _weight(text: str, timex: Timex) -> int:
    """Return how likely a date is the one a sentence's event is on, from its precision and the words around it."""
    weight = {DAY: 3, MONTH: 2, YEAR: 1}[timex.date.precision]
    if timex.type == "TIME" and not DAY_WORDS.search(timex.text):
        weight -= 2  # "at 7:28 a.m.": the day is another expression's, if the sentence has one
    if timex.end_date and _STRETCH_FROM_NOW.match(timex.text):
        weight -= 1  # "analysed during the next five days and reviewed on Wednesday, Nov. 24": the day is the event
    if in_quotation(text, timex.start) or _of_an_event(text, timex) or _aside(text, timex) \
            or _IN_A_RELATIVE_CLAUSE.search(text, text.rfind("\n", 0, timex.start) + 1, timex.start):
        weight -= 1  # "'What about the 27th?', asked a blogger on Saturday 18": the asking is the event
    return weight


def _aside(text: str, timex: Timex) -> bool:
    """Return whether a date is in an aside between commas about something else ("The deal, signed in 2019,
    expires next year"; "the firm, which was founded in 1998, ..."; "Convicted on 1 June, he was sentenced today")."""
    line_start = text.rfind("\n", 0, timex.start) + 1
    if _LEADING_PARTICIPLE.match(text, line_start) and "," not in text[line_start: timex.start] \
            and "," in text[timex.end: text.find("\n", timex.end)]:
        return True  # "Convicted on 1 June, he was today sentenced": the sentence tells of the sentencing
    opening = text.rfind(",", line_start, timex.start)
    closing = text.find(",", timex.end, text.find("\n", timex.end))
    if opening <= 0 or closing <= 0 or text[opening - 1] in "”\"'’":
        return False  # "“...?”, asked a blogger on Saturday,": after a quotation, the clause of its asking
    return bool(_ASIDE_START.match(text, opening + 1, timex.start))


def _of_an_event(text: str, timex: Timex) -> bool:
    """Return whether a date names another event the sentence refers to ("above flood stage from the storm of
    March 15-17")."""
    noun = _OF_DATE.search(text, max(0, timex.start - 40), timex.start)
    return bool(noun) and noun["noun"].lower() in EVENT_NOUNS


def coarse_date(timex: Timex, published: EventDate, sentence: str = "") -> EventDate | None:
    """Return the month (or year) a week, season or quarter falls in ('earlier this week' in a week that began in
    the month of publication: that month; 'this week' in a sentence told in the past: its days up to publication),
    or None for what is vaguer."""
    week = re.fullmatch(r"(\d{4})-W(\d\d)(?:-WE)?", timex.value)
    if week:
        monday = datetime.date.fromisocalendar(int(week[1]), int(week[2]), 1)
        days = [monday + datetime.timedelta(days=n) for n in (range(5, 7) if timex.value.endswith("WE") else range(7))]
        if published.precision == DAY and days[0] <= datetime.date(*published.start_key()) <= days[-1]:
            today = datetime.date(*published.start_key())
            tense = sentence_tense(sentence)
            if re.search(r"(?i)\bearlier\b", timex.text) or tense == PAST:
                days = [d for d in days if d <= today]  # "earlier this week", "visited Cuba this week"
            elif re.search(r"(?i)\b(?:later|rest|remainder)\b", timex.text) or tense == FUTURE:
                days = [d for d in days if d >= today]
        if re.search(r"(?i)\b(?:end|late|later\s+part)\b", timex.text) and len(days) == 7:
            days = days[4:]  # "the end of last week": its Friday to Sunday
        elif re.search(r"(?i)\b(?:start|beginning|early)\b", timex.text) and len(days) == 7:
            days = days[:3]
        return month_or_year(days[0], days[-1])
    season = re.fullmatch(r"(\d{4})-(?:SP|SU|FA|WI|Q[1-4]|H[12])", timex.value)
    return EventDate(int(season[1])) if season else None


def _ahead(text: str, timex: Timex, published: EventDate) -> Timex:
    """Return a duration counted from publication as the date or span it names ('over the next four days',
    'could be released in five months', 'the vote is three days away', 'two years from now'), else the duration as
    it is."""
    length = _DURATION.fullmatch(timex.value)
    if not length or published.precision != DAY:
        return timex
    before = text[max(0, timex.start - 30): timex.start]
    # The tagger may take "the next" into the duration ("the next four days") or leave it out.
    lead = before + re.match(r"(?i)(?:the\s+(?:next|coming|past|last)\s+)?", timex.text)[0]
    if length["n"] == "X":
        return _some_time_ahead(timex, published, length["unit"], lead)
    n, unit = (int(length["n"]), length["unit"]) if length["n"] else (int(length["hours"]) // 24, "D")
    sentence_start = text.rfind("\n", 0, timex.start) + 1
    if _SPAN_AHEAD.search(lead) and unit in "DWM":  # "over the next decade" dates nothing
        first, last = published, shifted(published, n, unit, inclusive=True)
        if unit == "W":  # "over the next week", like "next week": known to the month it falls in, or the year
            first, last = month_or_year(first, last), None
            if first is None or n > 1:
                return timex  # "over the next two weeks" dates nothing a labeller of the set dated
        elif unit == "M":  # "over the next six months", like "in the coming months": the year they fall in
            if last.year != published.year:
                return timex
            first, last = EventDate(published.year), None
    elif _SPAN_BEHIND.search(lead) and unit in "DW":
        first, last = shifted(published, -(n * (7 if unit == "W" else 1) - 1), "D", inclusive=False), published
        if unit == "W":  # "in the past week", like "last week": known to the month it falls in, or the year
            first, last = month_or_year(first, last), None
            if first is None:
                return timex
    elif (_IN_TIME.search(before) and (_AHEAD_WORDS.search(text, sentence_start, timex.start)
                                      or _IN_TIME_AFTER.match(text, timex.end)) \
            and not _SUPERLATIVE.search(text, sentence_start, timex.start)) \
            or _AWAY_AFTER.match(text, timex.end):  # not "the busiest in 15 years"; "the vote is three days away"
        first, last = shifted(published, n, unit, inclusive=False), None
        if unit == "W":  # "in two weeks": a week, known to the month (else the year) its days fall in
            first = month_or_year(shifted(first, -3, "D", inclusive=False), shifted(first, 3, "D", inclusive=False))
            if first is None:
                return timex
    else:
        return timex
    if last == first:
        last = None  # "the past 24 hours": one day
    return dataclasses.replace(timex, type="DATE", date=first if last is None else cut_to(first, last.precision),
                               end_date=last)


def _some_time_ahead(timex: Timex, published: EventDate, unit: str, lead: str) -> Timex:
    """Return 'in the coming months' or 'over the next few months' (lead: the words up to the count) as the year they
    fall in (a few taken as three), else the duration as it is."""
    if unit != "M" or not _SPAN_AHEAD.search(lead):
        return timex  # "in the coming days", "in the coming weeks": no labeller of the set dated an event by them
    last = shifted(published, 3, unit, inclusive=True)
    return dataclasses.replace(timex, type="DATE", date=EventDate(published.year)) if last.year == published.year \
        else timex


def _some_time_ago(timex: Timex, published: EventDate) -> Timex:
    """Return 'a few weeks ago' as the month (or the year) its days fall in, from five to one of them before
    publication, else the timex as it is."""
    some = _SOME_AGO.fullmatch(timex.text)
    if not some or published.precision != DAY:
        return timex
    unit = (some["unit"] or some["recent"])[0].upper()
    back = (-4, -2) if some["unit"] and unit == "W" else (-5, -1)  # "a few weeks ago": two to four of them
    earliest, latest = shifted(published, back[0], unit, inclusive=False), shifted(published, back[1], unit,
                                                                                      inclusive=False)
    held = month_or_year(earliest, latest)
    if held is None:
        return timex
    return dataclasses.replace(timex, date=EventDate(held.year) if unit == "M" else held)
