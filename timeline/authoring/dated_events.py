"""find_events: the dated events an article reports, one for each sentence that dates something.

Every temporal expression is resolved against the publication date (timeline.authoring.timex); a vague
clue ("earlier this week") is combined with a precise date in a neighbouring sentence ("on National
Unity Day") that falls within it.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import re
from dataclasses import dataclass, field

from timeline.authoring.article import Article, ExtractError, paragraphs
from timeline.authoring.sentences import sentences
from timeline.authoring.suggest import draft_title, suggest_actors, suggest_location
from timeline.authoring.timex import Timex, find_timexes
from timeline.model.dates import DAY, EventDate


@dataclass(eq=False)
class Citation:
    """One article's report of a found event: the article as an event source, its sentences, the words that dated
    it, and how the article was given (its path or address)."""

    source: dict[str, str]
    quote: str
    evidence: list[str]
    origin: str = ""


@dataclass
class FoundEvent:
    """An event found in an article: its date, the words that dated it, and what is suggested for its file."""

    date: EventDate
    sentences: list[str]
    evidence: list[str]
    end: EventDate | None = None
    title: str = ""
    actors: list[str] = field(default_factory=list)
    location: str = ""
    duplicate_of: str = ""  # the existing event it repeats, as events/NAME.md
    cited_there: bool = False  # the event it repeats already rests on every article that reports it
    position: int = 0  # the index of its first sentence in the article
    citations: list[Citation] = field(default_factory=list)  # every article that reports it, the first its own
    cited: list[Citation] = field(default_factory=list)  # those the event it repeats already cites

    @property
    def quote(self) -> str:
        """Return the article's words the event rests on."""
        return " ".join(self.sentences)

    @property
    def dated_by(self) -> str:
        """Return the words that dated the event, quoted and joined ("'earlier this week' + 'National Unity Day'")."""
        return " + ".join(repr(text) for text in self.evidence)


def find_events(article: Article, country: str | None = None, known_actors: list[str] = (),
                known_places: list[str] = ()) -> list[FoundEvent]:
    """Return an event for every dated thing the article reports, clues in adjacent sentences combined."""
    if article.published is None:
        raise ExtractError("cannot find when the article was published; give it with --published DATE")
    units = ([article.title] if article.title else []) + [s for p in paragraphs(article) for s in sentences(p)]
    dated = list(enumerate(_timexes_by_sentence(units, article.published, country)))
    found: list[FoundEvent] = []
    used: set[int] = set()
    for index, timexes in dated:
        if index in used:
            continue
        exact = [t for t in timexes if t.date is not None]
        vague = [t for t in timexes if t.date is None and t.value[:4].isdigit()]
        if not exact and vague:
            partner = _combine(index, vague, dated, used)
            if partner is not None:
                other_index, timex = partner
                low, high = min(index, other_index), max(index, other_index)
                used.update(range(low, high + 1))
                found.append(FoundEvent(
                    date=timex.date, end=timex.end_date,
                    sentences=units[low: high + 1],
                    evidence=[t.text for t in vague] + [timex.text],
                    position=low,
                ))
            continue
        for timex in _distinct_dates(exact):
            used.add(index)
            found.append(FoundEvent(date=timex.date, end=timex.end_date, sentences=[units[index]],
                                    evidence=[timex.text], position=index))
    for event in found:
        _suggest(event, units, known_actors, known_places)
    return found


def _timexes_by_sentence(units: list[str], published: EventDate, country: str | None) -> list[list[Timex]]:
    """Return the dates and times of each sentence, the article tagged as one text so that "two days later"
    counts from the day the story last named, not from publication."""
    text, starts = "", []
    for unit in units:
        starts.append(len(text))
        text += unit + "\n\n"  # a line break ends a sentence for the tagger: units stay apart
    found: list[list[Timex]] = [[] for _ in units]
    for timex in _ranges(text, find_timexes(text, published, country=country)):
        if timex.type in ("DATE", "TIME") and not _names_a_thing(text, timex):
            index = bisect.bisect_right(starts, timex.start) - 1
            found[index].append(timex)
    return found


# "today's line of contact", "Monday's figures": a date that describes a thing dates no event; "Monday's vote" does.
_POSSESSIVE = re.compile(r"['’]s\s+(?P<words>[a-z-]+(?:\s+[a-z-]+){0,2})")
EVENT_NOUNS = frozenset("""
    meeting meetings talks vote votes summit match game race final finals hearing ruling decision announcement launch
    election elections attack attacks strike strikes ceremony speech session visit debate trial verdict sentencing
    deadline protest protests rally march concert show opening release conference event agreement deal signing flight
    storm quake earthquake fire explosion crash accident shooting incident parade festival celebration service funeral
    wedding inauguration landing eclipse auction sale report statement briefing interview bombing raid assault
    offensive ceasefire referendum poll primary runoff semifinal quarterfinal kickoff derby fixture fight tournament
    premiere broadcast episode outage closure hearings walkout shutdown rain rains snow snowfall flood floods
    flooding wind winds storms tornado hurricane typhoon cyclone blizzard heatwave eruption landslide blast win loss
    defeat victory upset goal goals collapse
""".split())  # noqa: SIM905 - a paragraph of words reads better than a list of strings


def _names_a_thing(text: str, timex: Timex) -> bool:
    """Return whether a date is a possessive describing a thing that is not an event ("today's line of contact")."""
    after = _POSSESSIVE.match(text, timex.end)
    return bool(after) and not EVENT_NOUNS.intersection(after["words"].lower().split())


# "from 8 July to 10 July", "between March and May": two dates written as one span.
_SPAN_OPEN = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
_SPAN_JOIN = re.compile(r"\s*(?:to|until|till|through|thru|and|-|–|—)\s+(?:the\s+)?", re.IGNORECASE)
# "the two-day summit ending Wednesday", "a three-day festival starting on 8 July": a span from its length.
_LENGTH_BEFORE = re.compile(
    r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)[- ]day\b[^.;]{0,80}?\b(?P<edge>ending|ended|ends"
    r"|closing|closed|concluding|concluded|finishing|finished|wrapping\s+up|wrapped\s+up|starting|started|starts"
    r"|beginning|began|begins|opening|opened|opens)\s+(?:on\s+)?$", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _ranges(text: str, timexes: list[Timex]) -> list[Timex]:
    """Return timexes with each span written with two dates, or with a length, made one timex with an end."""
    joined: list[Timex] = []
    for timex in timexes:
        previous = joined[-1] if joined else None
        if previous and previous.date and timex.date and not previous.end_date \
                and _SPAN_JOIN.fullmatch(text[previous.end: timex.start]) \
                and _SPAN_OPEN.search(text[max(0, previous.start - 12): previous.start]) \
                and previous.date.start_key() < timex.date.start_key():
            joined[-1] = dataclasses.replace(previous, end=timex.end, text=text[previous.start: timex.end],
                                             end_date=timex.end_date or timex.date)
            continue
        joined.append(_with_length(text, timex))
    return joined


def _with_length(text: str, timex: Timex) -> Timex:
    """Return a day's timex given its span when a length ends or starts on it ('the two-day summit ending Monday')."""
    length = _LENGTH_BEFORE.search(text[max(0, timex.start - 120): timex.start])
    if not length or timex.date is None or timex.date.precision != DAY or timex.end_date:
        return timex
    days = int(length["n"]) if length["n"].isdigit() else _NUMBERS[length["n"].lower()]
    day = datetime.date(*timex.date.start_key())
    shift = datetime.timedelta(days=days - 1)
    if length["edge"].lower().startswith(("end", "clos", "conclud", "finish", "wrap")):
        first, last = day - shift, day
    else:
        first, last = day, day + shift
    return dataclasses.replace(timex, date=EventDate(first.year, first.month, first.day),
                               end_date=EventDate(last.year, last.month, last.day))


def _suggest(event: FoundEvent, units: list[str], known_actors: list[str], known_places: list[str]) -> None:
    """Set a found event's drafted title, actors and place from its sentences and the two after them."""
    event.title = draft_title(event.sentences[0], event.evidence)
    text = " ".join(event.sentences)
    event.actors = suggest_actors(text, known_actors)
    # The place is often in the next sentence about the same people ("..., Rutte said ... in Budapest").
    following = units[event.position + len(event.sentences): event.position + len(event.sentences) + 2]
    surnames = [actor.split()[-1] for actor in event.actors]
    nearby = [s for s in following if any(re.search(rf"\b{re.escape(n)}\b", s) for n in surnames)]
    event.location = suggest_location(text, known_places) or suggest_location(" ".join(nearby), known_places)


def _combine(index: int, vague: list[Timex], dated: list, used: set[int]) -> tuple[int, Timex] | None:
    """Return (sentence index, timex) of a precise date in a neighbouring sentence that falls within a vague one."""
    for offset in (1, -1, 2):
        other = index + offset
        if not 0 <= other < len(dated) or other in used:
            continue
        for timex in dated[other][1]:
            if timex.date is None or timex.date.precision != DAY:
                continue
            if any(_within(timex.date, v.value) for v in vague):
                return other, timex
    return None


def _within(date: EventDate, value: str) -> bool:
    """Return whether a day falls inside a TIMEX3 week or month value ('2024-W45', '2024-11')."""
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week and date.year > 0:
        iso = datetime.date(date.year, date.month, date.day).isocalendar()
        return (iso[0], iso[1]) == (int(week.group(1)), int(week.group(2)))
    month = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if month:
        return (date.year, date.month) == (int(month.group(1)), int(month.group(2)))
    return value == str(date.year)


def _distinct_dates(timexes: list[Timex]) -> list[Timex]:
    """Return timexes that name different dates, the most precise of equal ones kept."""
    chosen: dict[str, Timex] = {}
    for timex in sorted(timexes, key=lambda t: -len(t.date.iso())):
        if not any(other.date.iso().startswith(timex.date.iso()) for other in chosen.values()):
            chosen[timex.date.iso()] = timex
    return list(chosen.values())

