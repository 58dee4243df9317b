"""Which date of a sentence dates its event: the article tagged as one story (its spans joined by date_spans.py),
a backdrop ("since 2003", "the Feb. 28 report"), a routine or a holiday as a topic set aside, one date chosen a
sentence, and the vague ones ("earlier this week", "in five months") put at the precision they are known to."""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import re

from timeline.authoring.date_spans import DAY_WORDS, cut_to, joined_spans, month_or_year, shifted
from timeline.authoring.timex import Timex, find_timexes
from timeline.authoring.timex.context import FUTURE, PAST, has_tense_clue, sentence_tense
from timeline.authoring.timex.holiday_names import HOLIDAY
from timeline.authoring.timex.vocabulary import FULL_MONTHS, WEEKDAY, month_group
from timeline.model.dates import DAY, MONTH, YEAR, EventDate

# "today's line of contact", "Monday's figures": a date that describes a thing dates no event; "Monday's vote" does.
_POSSESSIVE = re.compile(r"['’]s\s+(?P<words>[\w'’-]+(?:\s+[\w'’-]+){0,3})")  # "yesterday's men's first place final"
EVENT_NOUNS = frozenset("""
    meeting meetings talks vote votes summit match game race final finals hearing ruling decision announcement launch
    election elections attack attacks strike strikes ceremony speech session visit debate trial verdict sentencing
    deadline protest protests rally march concert show opening release conference event agreement deal signing flight
    storm quake earthquake fire explosion crash accident shooting incident parade festival celebration service funeral
    wedding inauguration landing eclipse auction sale report statement briefing interview bombing raid assault
    offensive ceasefire referendum poll primary runoff semifinal quarterfinal kickoff derby fixture fight tournament
    premiere broadcast episode outage closure hearings walkout shutdown rain rains snow snowfall flood floods
    flooding wind winds storms tornado hurricane typhoon cyclone blizzard heatwave eruption landslide blast win loss
    defeat victory upset goal goals collapse weather temperatures heat frost drought demolition demolitions
    evacuation evacuations arrest arrests killing killings murder kidnapping riot riots clashes fighting unrest
    spill approval adoption passage resignation appointment nomination acquisition merger takeover
    tragedy disaster catastrophe massacre rampage coup uprising invasion
""".split())  # noqa: SIM905 - a paragraph of words reads better than a list of strings
# A date written on the calendar ("Sept. 6", "2019"), which restates one that is not ("about 50 days later")
# "announced Monday", "today confirmed": a day that dates the telling
_REPORTING_AFTER = re.compile(r"\s+(?:announced|said|reported|confirmed|revealed|unveiled)\b")
_REPORTING_BEFORE = re.compile(r"\b(?:announced|said|reported|confirmed|revealed|unveiled)\s+$")
_CALENDAR_WORDS = re.compile(rf"\d{{4}}|\b{month_group('month')}")
# A holiday in a name: "the Good Friday Agreement", "Christmas Island", "the Easter Rising"
_HOLIDAY_IN_A_NAME = re.compile(r"\s+(?:Agreement|Accords?|Islands?|Treaty|Act|Declaration|Rising|Offensive)\b")
# What "Friday's Group-B contest" and "this week's Swimming Championships" name; a year before them names an edition
# ("the 2016 Games", "the 2004 contest"), so they are no EVENT_NOUNS
_COMPETITIONS = frozenset({"contest", "contests", "championship", "championships", "games", "olympics", "paralympics",
                           "clash", "showdown"})
# The words before a holiday that make it a date: "on Christmas Day", "by Thanksgiving", "this Easter"; not "ahead
# of Easter" or "after Christmas", which say the event is on another day.
_HOLIDAY_WHEN = re.compile(r"\b(?i:on|by|until|till|since|over|during|through|this|last"
                           r"|next|from|to|for|at|celebrat\w*|mark\w*|commemorat\w*)\s+(?:(?i:the)\s+)?"
                           r"(?:[A-Z0-9][\w’'.-]*\s+){0,3}$")
# "since 2003", "from January to now": the backdrop of a running total, not the sentence's event.
_NOW_WORDS = re.compile(r"(?i)today|tonight|this\s+week")
_REPORT_WORDS = r"(?:report|program|programme|show|edition|episode|column|newsletter|podcast)s?"
# "Today's status reports follow", "Today, we tell about the Academy Awards"
_OWN_REPORT_AFTER = re.compile(rf"(?i)['’]s\s+(?:[a-z]+\s+)?{_REPORT_WORDS}\b"
                               r"|,?\s+we\s+(?:tell|look|report|talk|explain|have|bring|present|continue)\b")
_OWN_REPORT_BEFORE = re.compile(rf"(?i)\b(?:our\s+(?:[a-z]+\s+)?{_REPORT_WORDS}|trending)\s+$")  # "our report today"
# Numbers that count nothing: an age ("the 76-year-old"), "24/7", a measure ("50 m (164 ft)")
_NOT_COUNTS = re.compile(r"\b\d+[- ](?:year|month)s?[- ]old\b|\b24/7\b"
                         r"|\b\d[\d,]*(?:\.\d+)?\s*(?:m|ft|km|cm|mm|mi|kg|lb)\b", re.IGNORECASE)
# A headline that is a title and the page's date: "News briefs: May 26, 2012", "Dry weather update 17th July 2018",
# "May 29, 2018: Man Pleads Guilty"; not "Storm hits Florida on August 29" nor "Festival set, Sept. 12-14".
_TITLE_BEFORE_DATE = re.compile(r"(?i)(?:.*[:/|–—-]|.*\b(?!(?:on|by|until|till|from|since|at|in|before|after|of)\b)"
                                r"[a-z]+)\s*\(?$")
_TITLE_AFTER_DATE = re.compile(r"\s*[:|–—-]")
_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:the|its|his|her|their)\s[^.;,\d]{0,50}?\b(?:on|in)\s+(?:the\s+)?$",
                           re.IGNORECASE)
# "the first time since 2018", "its lowest level since March", a product's "Best By date of Feb. 13, 2019"
_YARDSTICK_BEFORE = re.compile(r"\b(?:(?:first|only|second|third)\s+time|(?:lowest|highest|largest|biggest|worst|best"
                               r"|fastest|slowest|strongest|weakest)(?:\s+[a-z]+){0,4})\s+since\s+(?:the\s+)?"
                               r"(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*['’]s\s+)?$"  # "since New Zealand's 1996 reform"
                               r"|\b(?:best[\s-]+(?:by|before)|use[\s-]+by|sell[\s-]+by|expir(?:y|ation))\s+dates?\s+(?:of\s+)?$",
                               re.IGNORECASE)
# A stretch of several days, weeks or months up to publication ("the past two days", "the last seven weeks")
_PAST_STRETCH = re.compile(r"(?i)\b(?:past|last)\s+(?:[a-z]+|\d+)\s+(?:days|weeks|months)$")
_THIS_PERIOD = re.compile(r"(?i)this\s+(?:week|month|year)")
_ORDINAL_BEFORE = re.compile(r"(?i)\b(?:the|its|his|her|their)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth"
                             r"|ninth|tenth|\d+(?:st|nd|rd|th))\s+(?:[\w-]+\s+){0,5}$")
_PERFECT = re.compile(r"(?i)\bha(?:s|ve)\s+(?:(?:been|already|now)\s+)?(?:[a-z]+(?:ed|en)|met|won|lost|held|had|made"
                      r"|seen|played|fought|sold|paid|built|left)\b")
_IN_RECENT = re.compile(r"(?i)\b(?:in|over|during)\s+(?:the\s+)?$")
# A sentence that points the reader elsewhere: "See the schedule for dates throughout 2019", "Here are the top cases
# of 2009:" (a list's opening), "A list of laureates since 2001 can be found at www....", "Let's take a look at ..."
_POINTER = re.compile(r"\s*(?:(?:Let['’]s|Let\s+us)\s+(?:take\s+a\s+)?look\b"
                      r"|See\s+[^.]{0,40}?\b(?:schedule|calendar|website|web\s+site|page|list|release|report"
                      r"|link|www|https?)\b|Here\s+(?:are|is)\b[^.]*:\s*$"
                      r"|[^.]*\b(?:can|may)\s+be\s+found\s+at\s+(?:www|https?))")
_SO_FAR = re.compile(r"\bso\s+far\s+(?:in\s+)?$", re.IGNORECASE)  # "so far this year": a running total
_BACKDROP_BEFORE = re.compile(r"\b(?:since|as\s+of)\s+(?:the\s+(?:end|start|beginning|middle)\s+of\s+|late\s+|early\s+"
                              r"|mid-?)?$", re.IGNORECASE)
# "As of 12:20 on Wednesday", "as of yesterday morning": a status at a time, not "in effect as of 15 June"
_AS_OF = re.compile(r"\bas\s+of\s+(?:\d{1,2}(?:[:.]\d\d\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?)\s+(?:on\s+)?"
                    r"|(?=yesterday|last\s+night))", re.IGNORECASE)
_INCIDENT_AFTER = re.compile(r"(?i)\s+(?:[a-z]+\s+)?(?:quake|earthquake|tsunami|attacks?|bombings?|fire|storm|floods?"
                             r"|crash|shooting|blast|explosion|massacre|truce|ceasefire|speech|address|raid|strike"
                             r"|riots?)\b")
_RECURRING = re.compile(r"\b(?:every|each|annually|yearly|daily|weekly|monthly)\b", re.IGNORECASE)
_WHEN_AFTER = re.compile(r",?\s+when\b", re.IGNORECASE)
_BACKDROP_AFTER = re.compile(r"\s*(?:to|until|till|through)\s+(?:now|date|today|the\s+present)\b", re.IGNORECASE)
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
_IN_TIME_AFTER = re.compile(r"['’]?\s+time\b", re.IGNORECASE)  # "in 10 days' time": from now, whatever the verb
_DURATION = re.compile(r"P(?P<n>\d+|X)(?P<unit>[DWMY])|PT(?P<hours>24|48|72)H")  # "the past 24 hours": days
# "postponed until Saturday", "pushed back ... from May 7 to May 9": the date an event was moved to.
_MOVED_TO = re.compile(r"\b(?:postponed|delayed|moved|pushed\s+back|put\s+off|rescheduled|brought\s+forward"
                       r"|deferred|adjourned|extended|slipped)\b[^.;]*\b(?:until|till|to|for)\s+(?:no\s+earlier\s+than\s+)?"
                       r"(?:the\s+)?$", re.IGNORECASE)
_MOVED_BY = re.compile(r"\b(?P<way>postponed|delayed|pushed\s+back|put\s+off|brought\s+forward)\s+(?:by\s+)?$",
                       re.IGNORECASE)
# "This report covers news from August 9 to 21", "data covering 2019": the period a report is about.
_COVERS = re.compile(r"\bcover(?:s|ed|ing)?\s+(?:[^.;:]{0,30}?\s(?:from|between|during)\s+)?(?:the\s+)?$"
                     r"|\b(?:week|month|quarter|period|year)\s+end(?:ing|ed)\s+(?:on\s+)?$", re.IGNORECASE)
# "for the rest of the week" says when, not a period a figure covers
_WHAT_IS_LEFT = re.compile(r"(?i)(?:the\s+)?(?:rest|remainder|balance)\s+of\b")
_PERIOD_FOR = re.compile(r"(?:\b(?:estimates?|figures|data|statistics|results|numbers)\s+of\s+|\b(?<!scheduled\s)"
                         r"(?<!set\s)(?<!planned\s)(?<!slated\s)(?<!due\s)(?<!targeted\s)"
                         r"(?<!reserved\s)(?<!postponed\s)(?<!delayed\s)(?<!called\s)(?<!booked\s)(?<!moved\s)"
                         r"(?<!rescheduled\s)(?<!pencilled\s)(?<!penciled\s)(?<!forecast\s)(?<!forecasted\s)for\s+)"
                         r"(?:the\s+)?"
                         r"(?:(?:first|second|third|fourth|4th|3rd|2nd|1st)\s+quarter\s+(?:of\s+|and\s+)?)?"
                         r"(?:annual\s+)?$", re.IGNORECASE)
# What follows a date used as a name: "the Feb. 28 report", "the 2012 London games", "that 8:30 a.m. release".
_NAMES = re.compile(r"\s+(?:[a-z]+\s+)?(?:report|release|estimates?|edition|issue|attacks|bombings?|budget|census"
                    r"|law|act|statistics|data|figures|numbers|results|notice|memo|memorandum|filing)\b")
# A year naming a contest, a season or a games ("the 2005 Eurovision song contest", "the 2004 contest").
_YEAR_AS_NAME = re.compile(r"[^\S\n]+(?:(?!AD\b|BC\b|CE\b)[A-Z](?:[a-z]+|[A-Z]+\b)|(?:[a-z]+\s+)?(?:contest|games"
                           r"|olympics|season|edition|cup|championships?|tournament|festival))\b")
# A name a year ends ("Champions League 2017–2018", "Expo 2020"), unlike "In 2020" or "Summer 2020".
_NAME_BEFORE_YEAR = re.compile(r"(?:^|[^\w.])(?!(?:In|On|By|Since|From|Until|Till|During|Before|After|Through|For"
                               r"|At|Of|And|Or|The|Early|Late|Mid|Spring|Summer|Autumn|Fall|Winter|Fiscal|End|Start"
                               r"|Beginning|Around|About|Circa|Between|To|Until|Last|Next|This|Year|Since|As)\b)"
                               r"[A-Z][A-Za-z]+,?[^\S\n]+$")  # "Expo 2020", "the Migratory Birds Convention Act, 1994"
_YEAR_MODIFIES = re.compile(r"\s+(?P<words>[a-z]+(?:\s+[a-z]+){0,3})")
_TREND = re.compile(r"%|\bper\s?cent\b|\b(?:surged|grew|rose|fell|increased|decreased|doubled|tripled|dropped"
                    r"|declined|climbed)\b", re.IGNORECASE)
# Opening hours: "8 a.m. to 7 p.m. Monday through Friday", "from 9 a.m. to 6 p.m. daily".
_TO_WEEKDAY = re.compile(rf"(?i)\s*(?:(?:through|thru|to)\s+|[-–]\s*){WEEKDAY}\b")
_WEEKDAY_TO = re.compile(rf"(?i)\b{WEEKDAY}\s*(?:through|thru|to|-|–)\s*$")
_HOURS = re.compile(r"(?i)\s*(?:\([A-Z]{2,4}\)\s*)?(?:to|until|till|-|–)\s+"
                    r"(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|midnight|noon)")
_HOURS_BEFORE = re.compile(r"(?i)\d(?:[:.]\d\d)?\s*[ap]\.?m\.?\s*(?:to|-|–)\s*\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?\s+"
                           r"(?:on\s+)?$")
_ONE_OCCASION = re.compile(r"(?i)\b(?:will|(?:take|takes|took|taking)\s+place|(?:was|were|be|is|are)\s+held|voting"
                           r"|polls|polling)\b")
# An amount and a verb of change: a figure told for a period
_AMOUNT = re.compile(r"[$£€]\s?\d|%|\b(?:percent|per\s+cent|million|billion|trillion)\b", re.IGNORECASE)
_HEADCOUNT = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b(?:thousands|hundreds|dozens)\s+of\b", re.IGNORECASE)
_TREND_VERB = re.compile(r"\b(?:grew|grow|grows|rose|rise|rises|fell|fall|falls|increased|decreased|declined|decline"
                         r"|doubled|tripled|dropped|drop|drops|jumped|climbed|exported|imported|sold|revenue|made\s+up"
                         r"|shrink|shrinks|expand|expands|expanded|losses|received|worked|conducted|handled|processed"
                         r"|recorded|reached|totalled|totaled|topped|exceeded|surpassed|stood\s+at|amounted\s+to)\b",
                         re.IGNORECASE)
# "saw sentence increases in 2022", "the greatest number of increases last year": a trend told without a figure
_TREND_TOLD = re.compile(r"(?i)\bsaw\s+(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,4}?(?:increases?|rises?|falls?|drops?"
                         r"|declines?|decreases?|growth|surges?|jumps?)\b|\bthe\s+(?:greatest|highest|largest|lowest|biggest"
                         r"|smallest)\s+(?:number|share|proportion|rate)\s+of\b")
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but)\b|;")
_YEARLY_BEFORE = re.compile(r"(?i)\b(?:annually|every\s+year|each\s+year|yearly)\s+(?:on\s+|in\s+)?$")
_STILL_TODAY = re.compile(r"(?i)\bstill\s+today\b|\btoday\s+still\b")
_CLOCK_AFTER = re.compile(r"(?i)\b(?:to|until|till|from|after|before)\s+$")
# The period the story is told in, in a sentence in the simple present naming no one: how things are
# ("This year, fifty-eight are from other countries"), not what happens ("This year the Bears face the Colts").
_DOING = re.compile(r"\b(?:is|are|am)\s+(?:now\s+)?[a-z]{3,}ing\b")  # "is putting £1.6 billion": something done
# "The low approaches the coast this week", "Parliament debates the bill": the present of a thing to come
_ACTS = re.compile(r"^(?:(?:The|A|An)\s+)?(?:[\w’'-]+\s+){0,2}?(?!is\b|has\b|was\b|does\b|this\b)[a-z]{3,}"
                   r"(?:[^s\W]es|[^su\W]s)\b")
_CELEBRATES = re.compile(r"(?i)\b(?:celebrat|commemorat|mark|host|hold|launch)\w*")  # "we are excited to celebrate"
_NAMED = re.compile(r"\s[A-Z][a-z]")
_A_YEAR = re.compile(r"(?i)(?:this|last|next)\s+year")
_COPULA_AFTER = re.compile(r"\s+(?:is|are|was|were|(?:may|will|could|might|would)\s+be|ha(?:s|ve)\s+been)\b")
_CURRENT = re.compile(r"(?i)(?:today|this\s+(?:week|month|year|season))")
_LEADING_PARTICIPLE = re.compile(r"(?:[A-Z][a-z]+ed|Born|Built|Founded|Elected|Held|Made|Chosen|Taken|Sentenced)\s")
_ASIDE_START = re.compile(r"\s+(?:which|who|whose|where|(?!was\b|were\b)[a-z]{3,}ed|held|built|born|set\s+up|made)\b")
_OF_DATE = re.compile(r"\b(?P<noun>[A-Za-z]+)\s+of\s+(?:the\s+)?$")
# "there have been several quakes since", "no individuals have become sick since"
_COUNT = re.compile(r"\b\d[\d,.]*\b|\b(?i:there\s+(?:have|has)\s+been|no\s+(?:new\s+|more\s+|further\s+)?[a-z]+s"
                    r"|the\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)))\b")


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
        if timex.type in ("DATE", "TIME") and not _names_a_thing(text, timex):
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


def _reported(text: str, timex: Timex, others: list[Timex]) -> bool:
    """Return whether a day written on the calendar is what another day reported ('The Ministry announced Monday
    that a girl died January 19', 'today announced that passengers will benefit from July 15'): the news is the
    happening, not its announcing."""
    return timex.date.precision == DAY and bool(_CALENDAR_WORDS.search(timex.text)) and any(
        other.date.precision == DAY and not _CALENDAR_WORDS.search(other.text)
        and (_REPORTING_AFTER.match(text, other.end) or _REPORTING_BEFORE.search(text, max(0, other.start - 25),
                                                                                  other.start))
        for other in others if other is not timex)


def dates_an_event(text: str, timex: Timex) -> bool:
    """Return whether a date can say when its sentence's event happened: not a backdrop, a routine, a holiday as a
    topic, the text's own date, the period of a figure, nor a date in a pointer elsewhere."""
    return not (_backdrop(text, timex) or _routine(text, timex) or _holiday_as_topic(text, timex)
                or dates_the_text_itself(text, timex) or _figure_for_a_period(text, timex)
                or _POINTER.match(_sentence_of(text, timex)[1]))


def dates_the_text_itself(text: str, timex: Timex) -> bool:
    """Return whether 'today' or 'this week' dates the report or programme itself ("Women in politics is our report
    this week", "Today's status reports follow"), not an event in it."""
    if not _NOW_WORDS.fullmatch(timex.text):
        return False
    return bool(_OWN_REPORT_AFTER.match(text, timex.end)
                or _OWN_REPORT_BEFORE.search(text, max(0, timex.start - 40), timex.start))


def page_date_in_title(headline: str, timex: Timex, published: EventDate) -> bool:
    """Return whether a date in the headline is the page's own date set beside its title ("News briefs: May 26,
    2012", "ECONOMICS REPORT - 2003-12-19"), which dates no event."""
    if not re.search(r"\d", timex.text) or timex.date is None or timex.date.precision != DAY \
            or published.precision != DAY:
        return False
    # a day, or a span that ends then ("Week In Review: 12/09 - 12/13"), not one that starts then ("April 22-30")
    last, published_day = (datetime.date(*d.start_key()) for d in (timex.end_date or timex.date, published))
    if abs((last - published_day).days) > 1:
        return False
    at_end = not headline[timex.end:].strip(" .)")
    at_start = not headline[:timex.start].strip() and _TITLE_AFTER_DATE.match(headline, timex.end)
    return bool(at_start or (at_end and _TITLE_BEFORE_DATE.fullmatch(headline[:timex.start])))


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


def _holiday_as_topic(text: str, timex: Timex) -> bool:
    """Return whether a holiday's name is what a sentence speaks of ("the busy Thanksgiving travel time", "50 years
    of Earth Day") rather than when something happens ("closed on Christmas Day", "by Thanksgiving", "celebrates
    Earth Day", "the Christmas Day tsunami")."""
    if _HOLIDAY_IN_A_NAME.match(text, timex.end):
        return True  # "the Good Friday Agreement", "Christmas Island", "the Easter Rising": names
    if not HOLIDAY.fullmatch(timex.text) or _INCIDENT_AFTER.match(text, timex.end):
        return False  # "the Christmas Day tsunami", "a Boxing Day attack": what happened that day
    return not _HOLIDAY_WHEN.search(text, max(0, timex.start - 30), timex.start)


def _figure_for_a_period(text: str, timex: Timex) -> bool:
    """Return whether a year or month is the period of a figure that rose, fell or was made ("In 2021, the UK exported
    £21.3 million of gin", "will shrink by 1.3 percent this year"): a statistic, not an event."""
    if timex.date.precision == DAY:
        return False
    sentence_start, sentence = _sentence_of(text, timex)
    if _AMOUNT.search(sentence) and _TREND_VERB.search(sentence):
        return True
    # a headcount only in the date's own clause: not "will conduct a July lottery ..., and it has 1,000 entries"
    clause = _CLAUSE_BREAK.split(sentence[max(0, timex.start - sentence_start - 60): timex.end - sentence_start + 120])
    own = next((part for part in clause if timex.text in part), "")
    counts = _NOT_COUNTS.sub("", own)  # "an ash column that reached 45,000 ft": a measure, not a figure
    return bool((_HEADCOUNT.search(counts) and _TREND_VERB.search(own)) or _TREND_TOLD.search(own))


def _routine(text: str, timex: Timex) -> bool:
    """Return whether a date says what is usual rather than what happens: opening hours ("8 a.m. to 7 p.m. Monday
    through Friday", "from 6 a.m. to midnight"), a yearly day ("held annually on June 21") or "Today," meaning
    nowadays ("Today, most systems meet ...", "is still today")."""
    sentence_start, sentence = _sentence_of(text, timex)
    after = text[timex.end: timex.end + 40]
    before = text[max(sentence_start, timex.start - 40): timex.start]
    if _TO_WEEKDAY.match(after) or _WEEKDAY_TO.search(before) or (timex.type == "TIME" and _HOURS.match(after)):
        return True
    still = timex.text.lower() == "today" and bool(_STILL_TODAY.search(text, max(0, timex.start - 6), timex.end + 6))
    # not "will run from 10 a.m. ...", "voting took place from 6 a.m. to 8 p.m. on Thursday"
    hours = _HOURS_BEFORE.search(before) and not _ONE_OCCASION.search(sentence)
    if hours or _YEARLY_BEFORE.search(before) or still:
        return True  # "open 10 a.m. to 5 p.m. on Saturday", "held annually on June 21", "is still today"
    if timex.type == "TIME" and _CLOCK_AFTER.search(text, max(0, timex.start - 10), timex.start) \
            and not DAY_WORDS.search(timex.text):
        return True  # "to 10 p.m.", "after 6 p.m.": a time of day, every day
    if _A_YEAR.fullmatch(timex.text) and _COPULA_AFTER.match(text, timex.end):
        return True  # "the winner this year may be Japan", "One of the writers this year is ...": a state of the year
    current = _CURRENT.fullmatch(timex.text) and ((timex.start == sentence_start and text[timex.end] == ",")
                                                  or not timex.text.lower().startswith("today"))
    if current and sentence_start > 0:  # a headline's present tense tells news: "Games Open This Weekend"
        happening = _DOING.search(sentence) or _ACTS.match(sentence) or _CELEBRATES.search(sentence) or any(
            w.lower().rstrip("s") in EVENT_NOUNS for w in re.findall(r"[A-Za-z]+", sentence))
        return not has_tense_clue(sentence) and not _NAMED.search(sentence) and not happening
    return False


def _sentence_of(text: str, timex: Timex) -> tuple[int, str]:
    """Return where the sentence (a line of the story's text) holding a date starts, and the sentence."""
    start = text.rfind("\n", 0, timex.start) + 1
    return start, text[start: text.find("\n", timex.end)]


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
    if _quoted(text, timex.start) or _of_an_event(text, timex) or _aside(text, timex):
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


def _quoted(text: str, position: int) -> bool:
    """Return whether a position in a sentence of text is inside a quotation."""
    before = text[text.rfind("\n", 0, position) + 1: position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _backdrop(text: str, timex: Timex) -> bool:
    """Return whether a date is the start of a running total ("killed 164 people since 2003", "from January to now",
    a date as a name ("the 2012 London games", "the Feb. 28 report") or a clock time naming a thing ("that 8:30 a.m.
    release"): none is when the sentence's event happened."""
    before = text[max(0, timex.start - 30): timex.start]
    # "Figures for March" cover a period; "a launch for Saturday" is on that day.
    period = (timex.date.precision != DAY and _PERIOD_FOR.search(before) and not _WHAT_IS_LEFT.match(timex.text)
              and not _POSSESSIVE.match(text, timex.end)) or _COVERS.search(before)  # not "for next week's summit"
    if _BACKDROP_AFTER.match(text, timex.end) or _NAMES.match(text, timex.end) or period:
        return True  # "from January to now", "the Feb. 28 report", "figures for March": not when it happened
    sentence = _sentence_of(text, timex)[1]
    if timex.end_date and timex.date.precision == YEAR and _TREND.search(sentence):
        return True  # "grew 40% between 2009 and 2012": a trend over years, not an event
    if _SO_FAR.search(before) or _AS_OF.search(text, max(0, timex.start - 30), timex.start + 9) \
            or _YARDSTICK_BEFORE.search(text, max(0, timex.start - 80), timex.start):
        return True  # "so far this year", "as of Monday", "for the first time since 2018", "Best By date of ..."
    if timex.text.lower().endswith("ago") and re.search(r"(?i)\bfrom\s+$", before):
        return True  # "up 82% from 9 months ago": the baseline of a comparison
    counted = _COUNT.search(_NOT_COUNTS.sub("", sentence.replace(timex.text, "")))  # "the 76-year-old" counts nothing
    if counted and (_PAST_STRETCH.search(timex.text) or _THIS_PERIOD.fullmatch(timex.text)) \
            and _PERFECT.search(sentence):
        return True  # "176 have surrendered over the past two days", "1,069 have died this year": running counts
    if _THIS_PERIOD.fullmatch(timex.text) and _ORDINAL_BEFORE.search(text, max(0, timex.start - 60), timex.start):
        return True  # "the third station spacewalk this year", "his third visit to the region this year": a count
    if _BACKDROP_BEFORE.search(before) and not _WHEN_AFTER.match(text, timex.end):
        # "detained since August 5" dates the start; "164 people since 2003" and "held every August since 1947"
        # do not; "since 2003, when ..." does
        return bool(counted or _RECURRING.search(before))
    if _SINCE_CLAUSE.search(text, max(0, timex.start - 70), timex.start) and counted:
        return True  # "800 people have been hurt since the first quake struck on Thursday"
    if timex.date.precision != YEAR:
        return False
    written = timex.text[:1].isdigit()
    if written and _NAME_BEFORE_YEAR.search(text, max(0, timex.start - 30), timex.start):
        return True  # "UEFA Champions League 2017–2018", "Expo 2020": a name
    modified = _YEAR_MODIFIES.match(text, timex.end)
    if written and not timex.end_date and modified and re.search(r"(?i)\b(?:the|an?|its|their|his|her)\s+$", before):
        return not EVENT_NOUNS.intersection(modified["words"].lower().split())  # "the 2010 honorees", not "floods"
    # "the 2016 summer games" names a games; "the 2016–17 season", "In 1998 Apple introduced" and "At the 2012
    # London games, the US won" say when
    return not timex.end_date and bool(_YEAR_AS_NAME.match(text, timex.end)) \
        and not re.search(r"(?i)\b(?:in|since|until|by|during|(?:in|at|during)\s+the)\s+$", before)


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


def _names_a_thing(text: str, timex: Timex) -> bool:
    """Return whether a date is a possessive describing a thing that is not an event ("today's line of contact"),
    or a week's, month's or year's, which dates no one event ("this year's game") unless it is past ("last year's
    election"), to come ("next week's summit") or a week's or month's told in a tense ("fraud in this month's
    run-off", not "this week's report includes")."""
    after = _POSSESSIVE.match(text, timex.end)
    if not after:
        return False
    names_an_event = any(w in EVENT_NOUNS | _COMPETITIONS or w.removesuffix("s") in EVENT_NOUNS
                         for w in after["words"].lower().split())
    if timex.date is None or timex.date.precision != DAY:
        # "this year's game" names an edition; "last year's general election" and "this month's run-off" were
        # held then
        # "this week's report" in a weekly report is the report itself, not an event in it
        if re.fullmatch(rf"(?i)(?:{FULL_MONTHS})", timex.text):
            return not names_an_event  # "September's flooding": that month's
        this_dates = not timex.value.isdigit() and (has_tense_clue(_sentence_of(text, timex)[1]) or names_an_event) \
            and not re.match(r"(?i)(?:\w+\s+)?(?:report|episode|edition|issue|column)\b", after["words"])
        dated_by = r"(?i)(?:last|this|next)\s" if this_dates else r"(?i)(?:last|next)\s"
        return not (names_an_event and re.match(dated_by, timex.text))
    return not names_an_event


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
