"""find_events: the dated events an article reports, one for each sentence that dates something.

Every temporal expression is resolved against the publication date (timeline.authoring.timex); a vague
clue ("earlier this week") is combined with a precise date in a neighbouring sentence ("on National
Unity Day") that falls within it.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field

from timeline.authoring.article import Article, ExtractError, paragraphs
from timeline.authoring.date_roles import EVENT_NOUNS, dates_an_event, dates_the_text_itself
from timeline.authoring.date_spans import shifted
from timeline.authoring.event_dates import coarse_date, event_date, outweighed, page_date_in_title, sentence_dates
from timeline.authoring.sentences import sentences
from timeline.authoring.suggest import TITLE_LENGTH, draft_title, suggest_actors, suggest_location
from timeline.authoring.timex import Timex
from timeline.authoring.timex.vocabulary import SMALL_NUMBERS
from timeline.model.dates import DAY, YEAR, EventDate

# The past of verbs whose stem it does not keep, for telling one happening retold ("met", then "meeting")
_IRREGULAR_PAST = {"met": "meet", "held": "hold", "spoke": "speak", "took": "take", "went": "go", "came": "come",
                   "began": "begin", "won": "win", "lost": "lose", "struck": "strike",
                   "fell": "fall", "rose": "rise", "left": "leave", "made": "make", "gave": "give", "saw": "see"}
# Long words that say nothing of what a sentence is about, when comparing two.
_COMMON = frozenset("""
    about after again against among around because before betwe durin earli later other their there these those
    throu under until where which while would could shoul still pleas peopl accor repor state plann expec
""".split())  # noqa: SIM905 - a paragraph of words reads better than a list of strings
# "at the start of the hearing", "during that session": a time given by an event the story has dated.
# "During the hearing, ..." opening a sentence sets its time; "damage done during the launch" is a detail of another.
# "After the speech, ...", "the morning of the speech": the day of an event dated to the day.
_DURING_EVENT = re.compile(r"(?:^(?i:during)"
                           r"|(?P<same_day>^(?i:(?:immediately\s+|shortly\s+|just\s+)?(?:following|after))"
                           r"|\b(?i:the\s+(?:morning|afternoon|evening|night|day)\s+of))"
                           r"|\b(?i:at\s+the\s+(?P<edge>start|end|opening|close|beginning)\s+of)"
                           r"|(?P<n>(?i:the|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+)"
                           r"(?P<unit>day|week)s?\s+(?P<way>after|before))"
                           r"\s+(?i:the|that|this)\s+(?P<noun>[a-z]+)\b")
# A clock time after midnight and one late in the evening: a night that ran into the next day
_PAST_MIDNIGHT = re.compile(r"(?i)\b(?:12|1|2|3)[.:]\d\d\s*a\.?m\b")
_EVENING_CLOCK = re.compile(r"(?i)\b(?:9|10|11)(?:[.:]\d\d)?\s*p\.?m\b")
# A sentence that goes on from the one before on the same day: "A short time later, police responded", "Within
# three hours, two more were found", "From that moment, companies will ...", "It was at this point that ...".
_SOON_AFTER = re.compile(r"(?:A\s+short\s+time|Minutes|Moments|Hours|Shortly|Soon)\s+(?:later|after(?:wards?)?"
                         r"|thereafter)\b|Immediately\s+after(?:wards?)?\b|Within\s+(?:an|the)\s+hour\b"
                         r"|Within\s+(?:(?:a\s+few|\d+|[a-z]+)\s+minutes|(?:a\s+few|two|three|four|five|six|[2-6])\s+hours)\b"
                         r"|At\s+that\s+(?:time|moment|point)\b|It\s+was\s+at\s+(?:this|that)\s+(?:moment|point)\b"
                         r"|From\s+(?:that|this)\s+(?:moment|point)\b")
# "From now until March 5", "now through next Wednesday": a span from publication
_FROM_NOW = re.compile(r"(?i)\b(?:(?:from\s+)?(?P<now>now|today)\s+(?:until|till|through|to)"
                       r"|between\s+(?P<now2>now)\s+and)\s+(?:on\s+)?$")
# "runs through Aug. 22", "will continue until February 24": the end of a span the story began before.
_RUNS_UNTIL = re.compile(r"\b(?:runs?|running|continues?|continuing|lasts?|lasting|stay\s+lit|stays?\s+open"
                         r"|remains?\s+open)\s+(?:[a-z]+\s+){0,3}?"
                         r"(?:through|until|till|to)\s+(?:the\s+[a-z]+(?:\s+[a-z]+)?\s+)?(?:on\s+)?$",
                         re.IGNORECASE)
# What a story's "during the ..." may refer to, besides the events of EVENT_NOUNS.
_GATHERINGS = frozenset({"session", "competition", "workshop", "exhibition", "exhibit", "games", "meltdown",
                         "disaster", "eruption", "test", "drill", "exercise"})


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
        return dated_by(self.evidence)


def dated_by(evidence: list[str]) -> str:
    """Return the words that dated an event, quoted and joined ("'earlier this week' + 'National Unity Day'")."""
    return " + ".join(repr(text) for text in evidence)


def find_events(article: Article, country: str | None = None, known_actors: list[str] = (),
                known_places: list[str] = ()) -> list[FoundEvent]:
    """Return an event for every sentence that dates something the article reports, a vague clue combined with a
    precise date in a neighbouring sentence."""
    if article.published is None:
        raise ExtractError("cannot find when the article was published; give it with --published DATE")
    # An all-capitals headline is read, and quoted, in title case: "LAUNCH AUG. 12" has a date to find.
    headline = article.title.title() if article.title.isupper() else article.title
    units = ([headline] if headline else []) + [s for p in paragraphs(article) for s in sentences(p)]
    text, by_sentence = sentence_dates(units, article.published, country)
    if headline:
        by_sentence[0] = [t for t in by_sentence[0] if not page_date_in_title(headline, t, article.published)
                          and not _names_a_year(headline, t, article.published)]
    dated = list(enumerate(by_sentence))
    found: list[FoundEvent] = []
    used: set[int] = set()
    for index, timexes in dated:
        if index in used:
            continue
        chosen = event_date(text, timexes)
        vague = [t for t in timexes if t.date is None and t.value[:4].isdigit()
                 and _vague_dates_an_event(text, t, article.published)]
        coarse = coarse_date(vague[0], article.published, units[index]) if vague else None
        if chosen is not None and coarse is not None \
                and outweighed(text, chosen, dataclasses.replace(vague[0], date=coarse)):
            chosen = None
        if chosen is None and vague:
            partner = _combine(index, vague, dated, used, units)
            if partner is not None:
                other_index, timex = partner
                low, high = min(index, other_index), max(index, other_index)
                used.update(range(low, high + 1))
                found.append(FoundEvent(date=timex.date, end=timex.end_date, sentences=units[low: high + 1],
                                        evidence=[t.text for t in vague] + [timex.text], position=low))
                continue
            if coarse is not None:
                used.add(index)
                found.append(FoundEvent(date=coarse, sentences=[units[index]], evidence=[vague[0].text],
                                        position=index))
            continue
        if chosen is None:
            anchor = _anchored(units, found, index)
            if anchor is not None:
                used.add(index)
                found.append(FoundEvent(date=anchor[0], end=anchor[1], sentences=[units[index]],
                                        evidence=[anchor[2]], position=index))
            continue
        used.add(index)
        start = _started(text, chosen, found, article.published)
        found.append(FoundEvent(date=start[0] if start else chosen.date, end=chosen.date if start else chosen.end_date,
                                sentences=[units[index]], position=index,
                                evidence=([start[1]] if start else []) + [chosen.text]))
    for event in found:
        _suggest(event, units, known_actors, known_places)
    return found


def _suggest(event: FoundEvent, units: list[str], known_actors: list[str], known_places: list[str]) -> None:
    """Set a found event's drafted title, actors and place from its sentences and the two after them."""
    event.title = _named(draft_title(event.sentences[0], event.evidence), units[max(0, event.position - 3):
                                                                                event.position], known_actors)
    text = " ".join(event.sentences)
    event.actors = suggest_actors(text, known_actors)
    # The place is often in the next sentence about the same people ("..., Rutte said ... in Budapest").
    following = units[event.position + len(event.sentences): event.position + len(event.sentences) + 2]
    surnames = [actor.split()[-1] for actor in event.actors]
    nearby = [s for s in following if any(re.search(rf"\b{re.escape(n)}\b", s) for n in surnames)]
    event.location = suggest_location(text, known_places) or suggest_location(" ".join(nearby), known_places)


def _named(title: str, before: list[str], known_actors: list[str]) -> str:
    """Return a title opening with "He" or "She" with the person the sentences before it last named instead
    ("He moved his headquarters" after "... George Washington ...": "George Washington moved ..."), when they
    name one; else the title as it is."""
    pronoun = re.match(r"(?:He|She)\s+(?=[a-z])", title)
    told = " ".join(before)
    people = suggest_actors(told, known_actors) if pronoun else []
    if not people:
        return title
    last = max(people, key=lambda name: told.rfind(name.split()[-1]))
    named = f"{last} {title[pronoun.end():]}"
    return named if len(named) <= TITLE_LENGTH else title


def _anchored(units: list[str], found: list[FoundEvent], index: int) -> tuple[EventDate, EventDate | None, str] | None:
    """Return the date, end and words of units[index]'s time given by an event found earlier ("during that
    session": the last event whose sentences, or the undated sentence after them, speak of a session; "the day
    after the meltdown": the day after it; "After the speech": its day, when known to the day; "A short time
    later": the day just told), or None."""
    sentence = units[index]
    soon = _SOON_AFTER.match(sentence)
    # the day the story last told, not a state's start it went back to ("lost in the desert since Sunday")
    told = next((e for e in reversed(found) if not re.search(rf"\bsince\s+{re.escape(e.evidence[-1])}",
                                                             " ".join(e.sentences))), None)
    if soon and told and told.date.precision == DAY and not told.end and told.position >= index - 5:
        if _PAST_MIDNIGHT.search(sentence) and _EVENING_CLOCK.search(" ".join(told.sentences)):
            return shifted(told.date, 1, "D", inclusive=False), None, soon[0]  # "11.47pm ... Soon after, 12.45am"
        return told.date, None, soon[0]
    during = _DURING_EVENT.search(sentence)
    if not during or during["noun"] not in (EVENT_NOUNS | _GATHERINGS) - {"event"}:
        return None
    noun = re.compile(rf"\b{during['noun']}", re.IGNORECASE)
    dated = {e.position for e in found}
    event = next((e for e in reversed(found) if any(noun.search(s) for s in _told_of(e, units, index, dated))), None)
    if event is None or (during["same_day"] and (event.date.precision != DAY or event.end)):
        return None  # "After the storm hit" in a story that dates the storm only to its year: no day to go on
    if during["unit"]:  # "the day after the meltdown": a day counted from the event's
        after = during["way"].lower() == "after"
        edge = event.end if after and event.end else event.date  # after a span: after its last day
        if edge.precision != DAY:
            return None
        word = during["n"].split()[0].lower()
        count = 1 if word == "the" else int(SMALL_NUMBERS[word])
        return shifted(edge, count if after else -count, during["unit"][0].upper(), inclusive=False), None, during[0]
    if during["edge"] and event.end:  # "at the start of the three-day hearing": its first day
        return (event.end if during["edge"].lower() in ("end", "close") else event.date), None, during[0]
    return event.date, event.end, during[0]


def _told_of(event: FoundEvent, units: list[str], index: int, dated: set[int]) -> list[str]:
    """Return the sentences that tell of an event: its own, and the one after them when it comes before units[index]
    and dates nothing of its own ("will hold a news conference ... Monday, July 23. The briefing to be held at the
    Newseum ...")."""
    after = event.position + len(event.sentences)
    return event.sentences + ([units[after]] if after < index and after not in dated else [])


def _started(text: str, until: Timex, found: list[FoundEvent], published: EventDate) -> tuple[EventDate, str] | None:
    """Return the day a span ending on a date began, and the words that say so, when the sentence tells only its end:
    publication for "From now until March 5" (when March 5 is to come); the story's last event for "The tournament
    runs through Aug. 22", when that was the day it began, up to a month before; else None."""
    if until.end_date or until.date.precision != DAY:
        return None
    from_now = _FROM_NOW.search(text, max(0, until.start - 40), until.start)
    if from_now and published.precision == DAY and published.start_key() < until.date.start_key():
        return published, from_now["now"] or from_now["now2"]
    if not found or not _RUNS_UNTIL.search(text, max(0, until.start - 60), until.start):
        return None
    began = found[-1].date
    if began.precision != DAY or found[-1].end:
        return None
    days = (datetime.date(*until.date.start_key()) - datetime.date(*began.start_key())).days
    return (began, found[-1].evidence[-1]) if 0 < days <= 31 else None


def _names_a_year(headline: str, timex: Timex, published: EventDate) -> bool:
    """Return whether a year alone in a headline names an edition or the period of a figure ("2012 netball ANZ
    Championship kicks off", "World Economy Will Shrink This Year"), where the story dates the news more finely;
    not a year to come ("British G&Ts tariff-free in 2023")."""
    if not timex.date or timex.date.precision != YEAR or timex.end_date:
        return False
    return not (re.search(r"(?i)\bin\s+$", headline[:timex.start]) and timex.date.year > published.year)


def _vague_dates_an_event(text: str, timex: Timex, published: EventDate) -> bool:
    """Return whether a week, season or quarter can say when its sentence's event happened, judged at the month or
    year it falls in as a date is ('As of this week, Trump has 306 votes': a status, not an event)."""
    coarse = coarse_date(timex, published)
    if coarse is None:
        return not dates_the_text_itself(text, timex)
    return dates_an_event(text, dataclasses.replace(timex, date=coarse))


def _combine(index: int, vague: list[Timex], dated: list, used: set[int], units: list[str]) -> tuple[int, Timex] | None:
    """Return (sentence index, timex) of a precise date that falls within a vague one in a neighbouring sentence
    about the same people or thing."""
    for offset in (1, -1, 2):
        other = index + offset
        if not 0 <= other < len(dated) or other in used or not _words(units[index]) & _words(units[other]) \
                or not _retells(units[other], units[index]):
            continue
        if offset == 2 and dated[index + 1][1]:
            continue  # the sentence between has a date of its own: its event is not this one
        for timex in dated[other][1]:
            if timex.date is None or timex.date.precision != DAY:
                continue
            if any(_within(timex.date, v.value) for v in vague):
                return other, timex
    return None


def _retells(precise: str, vague: str) -> bool:
    """Return whether a sentence retells the happening of another, a verb of it back as a participle ("Putin met
    ... earlier this week." then "they were meeting on National Unity Day"): its date is that happening's, not the
    date of a next step ("approaches the coast this week." then "likely to strengthen late Wednesday")."""
    told = {_stem(word) for word in re.findall(r"[a-z]{3,}", vague.lower())}
    return any(_stem(word) in told for word in re.findall(r"\b[a-z]{3,}(?:ing|ed)\b", precise.lower()))


def _stem(word: str) -> str:
    """Return a verb's stem, for comparing its forms ('meeting', 'met': 'meet'; 'signed', 'signs': 'sign')."""
    word = _IRREGULAR_PAST.get(word, word)
    return re.sub(r"(?:ing|ed|es|s)$", "", word) if len(word) > 4 else word


def _words(sentence: str) -> set[str]:
    """Return what a sentence is about, to compare two: its names after the first word, and the first five letters
    of its longer lower-case words."""
    names = {m[0] for m in re.finditer(r"(?<=\s)[A-Z][a-z]{2,}", sentence)}
    return names | {m[0][:5] for m in re.finditer(r"\b[a-z]{6,}", sentence)} - _COMMON


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
