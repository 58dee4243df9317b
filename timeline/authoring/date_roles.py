"""What a date does in its sentence when it is not the day of the sentence's event: a backdrop ("since 2003",
"the Feb. 28 report"), a routine ("open 8 a.m. to 7 p.m. Monday through Friday"), a holiday as a topic, the text's
own date ("our report this week"), the period of a figure ("sales rose 5% in January"), a pointer elsewhere, or a
possessive that names a thing ("today's line of contact")."""

from __future__ import annotations

import re

from timeline.authoring.date_spans import DAY_WORDS, MONTH_AND_DAY
from timeline.authoring.timex import Timex
from timeline.authoring.timex.context import has_tense_clue
from timeline.authoring.timex.holiday_names import HOLIDAY
from timeline.authoring.timex.vocabulary import FULL_MONTHS, WEEKDAY
from timeline.model.dates import DAY, YEAR

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
    tragedy disaster catastrophe massacre rampage coup uprising invasion aftershock aftershocks tremor tsunami
    derailment forum seminar symposium webinar lecture vigil gala reception
""".split())  # noqa: SIM905 - a paragraph of words reads better than a list of strings
# A holiday in a name: "the Good Friday Agreement", "Christmas Island", "the Easter Rising"
_HOLIDAY_IN_A_NAME = re.compile(r"\s+(?:Agreement|Accords?|Islands?|Treaty|Act|Declaration|Rising|Offensive)\b")
# What "Friday's Group-B contest" and "this week's Swimming Championships" name; a year before them names an edition
# ("the 2016 Games", "the 2004 contest"), so they are no EVENT_NOUNS
_COMPETITIONS = frozenset({"contest", "contests", "championship", "championships", "games", "olympics", "paralympics",
                           "clash", "showdown", "bowl"})
# "Today's warrant", "Tuesday's search": a police action named by its day (not "during the search", a stretch)
# "Today's figures showed ...": a release of figures on that day
_NAMED_BY_POSSESSIVE = EVENT_NOUNS | _COMPETITIONS | {"warrant", "warrants", "search", "searches", "seizure",
                                                       "operation", "figures", "statistics", "data", "results",
                                                       "estimates"}
# The words before a holiday that make it a date: "on Christmas Day", "by Thanksgiving", "this Easter"; not "ahead
# of Easter" or "after Christmas", which say the event is on another day.
_HOLIDAY_WHEN = re.compile(r"\b(?i:on|by|until|till|since|over|during|through|this|last"
                           r"|next|from|to|for|at|celebrat\w*|mark\w*|commemorat\w*)\s+(?:(?i:the)\s+)?"
                           r"(?:[A-Z0-9][\w’'.-]*\s+){0,3}$")
# "since 2003", "from January to now": the backdrop of a running total, not the sentence's event.
_NOW_WORDS = re.compile(r"(?i)today|tonight|this\s+week")
_REPORT_WORDS = (r"(?:(?:report|program|programme|show|edition|episode|column|newsletter|podcast|bulletin|headline"
                 r"|newspaper|paper|front\s+page)s?|news(?:casts?)?)")
# "Today's status reports follow", "Today, we tell about the Academy Awards"
_OWN_REPORT_AFTER = re.compile(rf"(?i)['’]s\s+(?:[a-z]+\s+){{0,2}}{_REPORT_WORDS}\b"
                               r"|,?\s+we\s+(?:tell|look|report|talk|explain|have|bring|present|continue)\b")
_REPORT_FOR = re.compile(r"(?i)\b(?:brief|briefs|bulletin|edition|newscast|podcast|news\s+reports|news\s+stories)"
                         r"\s+for\s+$")
# A broadcast's or a page's own date: "The time is 17:00 (UTC) on June 8th, 2006, and this is Audio Wikinews News
# Briefs", "Today is Saturday, April 28, 2012."
_THE_TIME_IS = re.compile(rf"\s*(?:the\s+time\s+is\b|today\s+is\s+(?:{WEEKDAY}|{FULL_MONTHS}|the\s+day\b))",
                          re.IGNORECASE)
# "our report today", "the top stories in business news this week"
_OWN_REPORT_BEFORE = re.compile(rf"(?i)\b(?:our\s+(?:[a-z]+\s+)?{_REPORT_WORDS}|trending|in\s+(?:[a-z]+\s+)?news)\s+$")
# Numbers that count nothing: an age ("the 76-year-old"), "24/7", a measure ("50 m (164 ft)")
_NOT_COUNTS = re.compile(r"\b\d+[- ](?:year|month)s?[- ]old\b|\b24/7\b"
                         r"|\b\d[\d,]*(?:\.\d+)?\s*(?:m|ft|km|cm|mm|mi|kg|lb)\b", re.IGNORECASE)
# "since the first quake struck on Thursday", "since opening on Nov. 26, 2004", "Since taking office in 2021"
_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:(?:the|its|his|her|their|[\w.&-]+['’]s)\s[^.;,\d]{0,50}?|[a-z]+ing\s+"
                           r"(?:[^.;,\d]{0,40}?\s)?)(?:on|in)\s+(?:the\s+)?$", re.IGNORECASE)
# "the first time since 2018", "its lowest level since March", a product's "Best By date of Feb. 13, 2019"
_YARDSTICK_BEFORE = re.compile(r"\b(?:(?:first|only|second|third)\s+time|['’]s\s+first"
                               r"|(?:lowest|highest|largest|biggest|worst|best"
                               r"|fastest|slowest|strongest|weakest)(?:\s+[a-z]+){0,4}"
                               # "the first woman to win the race since 2003"
                               r"|\bthe\s+first\s+[a-z]+\s+to\s+[a-z]+(?:\s+[a-z]+){0,3})\s+since\s+(?:the\s+)?"
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
# A sentence that points the reader elsewhere: "See the schedule for dates throughout 2019", "Here are the top cases
# of 2009:" (a list's opening), "A list of laureates since 2001 can be found at www....", "Let's take a look at ..."
_POINTER = re.compile(r"\s*(?:(?:Let['’]s|Let\s+us)\s+(?:take\s+a\s+)?look\b"
                      r"|See\s+[^.]{0,40}?\b(?:schedule|calendar|website|web\s+site|page|list|release|report"
                      r"|link|www|https?)\b|Here\s+(?:are|is)\b[^.]*:\s*$"
                      r"|[^.]*\b(?:can|may)\s+be\s+found\s+at\s+(?:www|https?))")
_SO_FAR = re.compile(r"\bso\s+far\s+(?:in\s+)?$", re.IGNORECASE)  # "so far this year": a running total
_SPENT = re.compile(r"(?i)\b(?:spent|spending|served|passed)\s+$")  # "had spent the last year in space": a length
_BACKDROP_BEFORE = re.compile(r"\b(?:since|as\s+of)\s+(?:the\s+(?:end|start|beginning|middle)\s+of\s+|late\s+|early\s+"
                              r"|mid-?)?$", re.IGNORECASE)
# "As of 12:20 on Wednesday", "as of yesterday morning", "current as of Nov. 13": a status at a time, not "in effect
# as of 15 June"
_AS_OF = re.compile(r"\bas\s+of\s+(?:\d{1,2}(?:[:.]\d\d\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?)\s+(?:on\s+)?"
                    r"|(?=yesterday|last\s+night|(?:early|late)\s+today))|\b(?:current|accurate|correct|up\s+to\s+date)\s+as\s+of\s+",
                    re.IGNORECASE)
# "FEMA will close two centres as of 2 p.m. Saturday": the start of a change to come, no status
_WILL_BEFORE = re.compile(r"(?i)\b(?:will|shall)\s+(?:[\w()'’-]+\s+){1,8}?as\s+of\b")
# "As of Monday morning, no buyer has come through": what has or has not happened by then, a status
_AS_OF_BY_THEN = re.compile(r"(?i)\s*as\s+of\s+[^,]{3,40},[^.;]*?\b(?:has|have)(?:n['’]t)?\b")
_INCIDENT_AFTER = re.compile(r"(?i)\s+(?:[a-z]+\s+)?(?:quake|earthquake|tsunami|attacks?|bombings?|fire|storm|floods?"
                             r"|crash|shooting|blast|explosion|massacre|truce|ceasefire|speech|address|raid|strike"
                             r"|riots?)\b")
_RECURRING = re.compile(r"\b(?:every|each|annually|yearly|daily|weekly|monthly)\b", re.IGNORECASE)
_WHEN_AFTER = re.compile(r",?\s+when\b", re.IGNORECASE)
_BACKDROP_AFTER = re.compile(r"\s*(?:to|until|till|through)\s+(?:now|date|today|the\s+present)\b", re.IGNORECASE)
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
                         r"(?:annual\s+|(?:fiscal|financial|budget|tax)\s+year\s+)?$", re.IGNORECASE)
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
_MONTH_NAMED = re.compile(r"\s+is\s+(?:(?:also|again)\s+)?(?:[A-Z][\w'’-]*\s+){1,5}Month\b")
_CLASS_OF = re.compile(r"(?i)\bclass\s+of\s+$")
_WHEN_THE = re.compile(r"(?i)\b(?:in|at|during|since|until|by|before|after|for|from|of|to|ahead\s+of)\s+the\s+$")
_NAMED_THEN_IS = re.compile(r"(?:[^\S\n]+[a-z-]+){1,3}?[^\S\n]+(?:is|are|was|were|ha(?:s|ve)\s+been)\b")
_LAW_OF = re.compile(r"\b(?:Act|Law|Treaty|Convention|Accords?|Agreement|Declaration|Protocol|Amendments?|Bill)"
                     r"\s+of\s+$")
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
_TREND_VERB = re.compile(r"\b(?:grew|grow|grows|growth|rose|rise|rises|fell|fall|falls|increased|decreased|declined"
                         r"|decline|doubled|tripled|dropped|drop|drops|jumped|climbed|exported|imported|sold|revenue|made\s+up(?!\s+of)"
                         r"|shrink|shrinks|expand|expands|expanded|losses|received|worked|conducted|handled|processed"
                         r"|recorded|reached|totalled|totaled|topped|exceeded|surpassed|stood\s+at|amounted\s+to"
                         r"|(?:was|were|is|are)\s+(?:up|down)(?=\s+(?:by\s+)?\d)"
                         # "Turnout in 2004 was a record 85%", "Last year, the deficit was more than $375 billion"
                         r"|(?:was|were)\s+(?:(?:more|less)\s+than|about|around|nearly|almost|over|under|a\s+record"
                         r"(?:\s+(?:high|low)\s+of)?)?(?=\s+[$£€]?\d))\b",
                         re.IGNORECASE)
# "Sales rose in the first half of 2024", "Prices jumped last month": a figure that moved over a period
_FIGURE_MOVED = re.compile(r"(?i)\b(?:sales|prices|revenues?|profits?|earnings|exports|imports|output|inflation"
                           r"|unemployment|spending|production|gdp|admissions|infections|hospitali[sz]ations)\s+(?:have\s+"
                           r"|has\s+)?(?:rose|risen|grew|grown|fell|fallen|jumped|climbed|dropped|slumped|soared|surged"
                           r"|plunged|declined|increased|decreased|doubled|slowed|picked\s+up|peaked)\b")
# "responded to 11 search and rescue cases during Memorial Day weekend": a tally of a service's work
_CASES_HANDLED = re.compile(r"(?i)\b(?:responded\s+to|handled|received|conducted|logged)\s+(?:a\s+total\s+of\s+)?"
                            r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|hundreds\s+of)\s+"
                            r"(?:[\w-]+\s+){0,4}?(?:cases|calls|rescues|incidents|callouts)\b")
# "saw sentence increases in 2022", "the greatest number of increases last year": a trend told without a figure
_TREND_TOLD = re.compile(r"(?i)\bsaw\s+(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,4}?(?:increases?|rises?|falls?|drops?"
                         r"|declines?|decreases?|growth|surges?|jumps?)\b|\bthe\s+(?:greatest|highest|largest|lowest|biggest"
                         r"|smallest)\s+(?:number|share|proportion|rate)\s+of\b")
# "The river typically peaks in April", "2 million visitors a year, most of them in July": what is usual
_HABIT = re.compile(r"(?i)\b(?:typically|usually|normally|generally|traditionally|tends?\s+to|customarily|normals"
                    r"|on\s+average|(?:a|per|each|every)\s+(?:year|season))\b")
# "Qantas shares rose as much as 9.3 percent on Wednesday": a market's move on a day, a figure
_MARKET_MOVED = re.compile(r"(?i)\b(?:shares?|stocks?|index|indexes|indices|dow|nasdaq|s&p\s+500|ftse|nikkei|dax"
                           r"|dollar|euro|yen|pound|rupee|yuan|bitcoin|yields?|bonds?|crude|oil\s+prices?|gold\s+prices?)"
                           r"\b[^.;]{0,60}?\b(?:rose|fell|jumped|climbed|dropped|slid|gained|lost|plunged|surged|tumbled"
                           r"|soared|closed|ended|finished|rallied|sank|slipped|edged|was\s+(?:up|down))\b"
                           r"[^.;,]{0,30}?(?:\d[\d.,]*\s*(?:%|percent|per\s+cent|points?|cents?)|[$£€]\s?\d)")
# "Its shares have lost half their value since January": a change over the time since, no event
_CHANGED_SINCE = re.compile(r"(?i)\b(?:has|have)\s+(?:lost|gained|risen|fallen|dropped|doubled|tripled|climbed|grown"
                            r"|shrunk|surged|slumped|plunged|soared)\b")
# "A journalist asked if the new Oil Bulletin would be published this week": a question, no event
_ASKED_IF = re.compile(r"(?i)\b(?:asked|wondered|queried)\s+(?:if|whether)\b[^.;,]*$")  # not the reply after a comma
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but)\b|;")
_YEARLY = r"(?:annually|every\s+year|each\s+year|yearly)"
_YEARLY_BEFORE = re.compile(rf"(?i)\b{_YEARLY}\s+(?:on\s+|in\s+)?$")
_HAD_DONE = re.compile(r"\bhad\s+(?:[a-z]+\s+)?(?:[a-z]+ed|lost|spent|sold|won)\b")
_YEARLY_AFTER = re.compile(rf"(?i),?\s+{_YEARLY}\b")
_STILL_TODAY = re.compile(r"(?i)\bstill\s+today\b|\btoday\s+still\b"
                          # "and today more than a third of our Volunteers are serving there": nowadays
                          r"|\btoday\s+(?:more\s+than|over|nearly|almost|some|most|many|there\s+(?:are|is))\b")
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
# "there have been several quakes since", "no individuals have become sick since"
_COUNT = re.compile(r"\b\d[\d,.]*\b|\b(?i:there\s+(?:have|has)\s+been|no\s+(?:new\s+|more\s+|further\s+)?[a-z]+s"
                    r"|the\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)))\b")


def dates_an_event(text: str, timex: Timex) -> bool:
    """Return whether a date can say when its sentence's event happened: not a backdrop, a routine, a holiday as a
    topic, the text's own date, the period of a figure, a question's ("asked if it would be published this week"),
    nor a date in a pointer elsewhere."""
    sentence_start, sentence = _sentence_of(text, timex)
    return not (_backdrop(text, timex) or _routine(text, timex) or _holiday_as_topic(text, timex)
                or dates_the_text_itself(text, timex) or _figure_for_a_period(text, timex)
                or _POINTER.match(sentence) or _ASKED_IF.search(text, sentence_start, timex.start))


def dates_the_text_itself(text: str, timex: Timex) -> bool:
    """Return whether 'today', 'this week' or a date dates the report or programme itself ("Women in politics is our
    report this week", "Today's status reports follow", "the Audio Wikinews Brief for Thursday, July 23, 2009"), not
    an event in it."""
    sentence_start = _sentence_of(text, timex)[0]
    if _REPORT_FOR.search(text, max(0, timex.start - 40), timex.start) or _THE_TIME_IS.match(text, sentence_start):
        return True  # "this is the Audio Wikinews Brief for Thursday, July 23, 2009", "The time is 17:00 on ..."
    if not _NOW_WORDS.fullmatch(timex.text):
        return False
    if sentence_start == timex.start and re.match(r"\s*(?:--|—)\s", text[timex.end: timex.end + 4]):
        return True  # "This week -- the news from Mars ...": a programme's opening line
    return bool(_OWN_REPORT_AFTER.match(text, timex.end)
                or _OWN_REPORT_BEFORE.search(text, max(0, timex.start - 40), timex.start))


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
    £21.3 million of gin", "will shrink by 1.3 percent this year"), or a day a market moved by an amount ("shares
    rose 14% on Tuesday"): a statistic, not an event."""
    sentence_start, sentence = _sentence_of(text, timex)
    if timex.date.precision == DAY:
        return bool(_MARKET_MOVED.search(sentence))
    if (_AMOUNT.search(sentence) and _TREND_VERB.search(sentence)) or _CASES_HANDLED.search(sentence) \
            or _FIGURE_MOVED.search(sentence):
        return True
    # a headcount only in the date's own clause: not "will conduct a July lottery ..., and it has 1,000 entries"
    clause = _CLAUSE_BREAK.split(sentence[max(0, timex.start - sentence_start - 100): timex.end - sentence_start + 120])
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
    if _TO_WEEKDAY.match(after) or _WEEKDAY_TO.search(before) or (
            timex.type == "TIME" and _HOURS.match(after) and not MONTH_AND_DAY.search(timex.text)):
        return True  # not "Friday, October 22, 10:00 a.m. - 11:00 a.m.": the hours of one day
    still = timex.text.lower() == "today" and bool(_STILL_TODAY.search(text, max(0, timex.start - 6), timex.end + 16))
    # not "will run from 10 a.m. ...", "voting took place from 6 a.m. to 8 p.m. on Thursday"
    hours = _HOURS_BEFORE.search(before) and not _ONE_OCCASION.search(sentence)
    if hours or _YEARLY_BEFORE.search(before) or _YEARLY_AFTER.match(after) or still:
        # "open 10 a.m. to 5 p.m. on Saturday", "held annually on June 21", "runs from May to October every year",
        # "is still today"
        return True
    if timex.type == "TIME" and _CLOCK_AFTER.search(text, max(0, timex.start - 10), timex.start) \
            and not DAY_WORDS.search(timex.text):
        return True  # "to 10 p.m.", "after 6 p.m.": a time of day, every day
    if timex.date.precision != YEAR and not re.search(r"\d{4}", timex.text) and _HABIT.search(sentence) \
            and not has_tense_clue(sentence):
        return True  # "The river typically peaks in April": every April
    if _A_YEAR.fullmatch(timex.text) and _COPULA_AFTER.match(text, timex.end):
        return True  # "the winner this year may be Japan", "One of the writers this year is ...": a state of the year
    current = _CURRENT.fullmatch(timex.text) and ((timex.start == sentence_start and text[timex.end] == ",")
                                                  or not timex.text.lower().startswith("today"))
    if current and sentence_start > 0:  # a headline's present tense tells news: "Games Open This Weekend"
        happening = _DOING.search(sentence) or _ACTS.match(sentence) or _CELEBRATES.search(sentence) or any(
            w.lower().rstrip("s") in EVENT_NOUNS for w in re.findall(r"[A-Za-z]+", sentence))
        return not has_tense_clue(sentence) and not _NAMED.search(sentence) and not happening
    return False


_COMPARED_WITH = re.compile(r"(?i)\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?)\s+$")


def _sentence_of(text: str, timex: Timex) -> tuple[int, str]:
    """Return where the sentence (a line of the story's text) holding a date starts, and the sentence."""
    start = text.rfind("\n", 0, timex.start) + 1
    return start, text[start: text.find("\n", timex.end)]


def _backdrop(text: str, timex: Timex) -> bool:
    """Return whether a date is the start of a running total ("killed 164 people since 2003", "from January to now",
    a date as a name ("the 2012 London games", "the Feb. 28 report") or a clock time naming a thing ("that 8:30 a.m.
    release"): none is when the sentence's event happened."""
    before = text[max(0, timex.start - 30): timex.start]
    # "Figures for March" cover a period; "a launch for Saturday" is on that day.
    period = (timex.date.precision != DAY and _PERIOD_FOR.search(before) and not _WHAT_IS_LEFT.match(timex.text)
              and not _POSSESSIVE.match(text, timex.end)) or _COVERS.search(before)  # not "for next week's summit"
    # "the July 1, 2019, population estimates": a date set off by commas after "the" names a thing too
    named = _NAMES.match(text, timex.end) or (text.startswith(",", timex.end) and re.search(r"(?i)\bthe\s+$", before)
                                              and _NAMES.match(text, timex.end + 1))
    named = named or _MONTH_NAMED.match(text, timex.end)  # "September is National Preparedness Month"
    if _BACKDROP_AFTER.match(text, timex.end) or named or period:
        return True  # "from January to now", "the Feb. 28 report", "figures for March": not when it happened
    sentence = _sentence_of(text, timex)[1]
    if timex.end_date and timex.date.precision == YEAR and _TREND.search(sentence):
        return True  # "grew 40% between 2009 and 2012": a trend over years, not an event
    if _SPENT.search(before) and re.match(r"(?i)the\s+(?:last|past|previous)\b", timex.text):
        return True  # "Dubrov had also spent the last year in space": how long, not when
    if _SO_FAR.search(before) or _a_status_as_of(text, timex) or _AS_OF_BY_THEN.match(sentence) \
            or _YARDSTICK_BEFORE.search(text, max(0, timex.start - 80), timex.start):
        return True  # "so far this year", "as of Monday", "for the first time since 2018", "Best By date of ..."
    if re.search(r"(?i)\bby\s+$", before) and _HAD_DONE.search(sentence) \
            and (_AMOUNT.search(sentence) or _HEADCOUNT.search(sentence)):
        return True  # "by the end of 2023, the company had lost more than $1.4 billion": a total by then
    if re.search(r"(?i)\b(?:ago|earlier|before)$", timex.text) and _COMPARED_WITH.search(before):
        return True  # "up 82% from 9 months ago", "4 percent higher than a year earlier": a comparison's baseline
    counted = _COUNT.search(_NOT_COUNTS.sub("", sentence.replace(timex.text, "")))  # "the 76-year-old" counts nothing
    if counted and (_PAST_STRETCH.search(timex.text) or _THIS_PERIOD.fullmatch(timex.text)) \
            and _PERFECT.search(sentence):
        return True  # "176 have surrendered over the past two days", "1,069 have died this year": running counts
    if _THIS_PERIOD.fullmatch(timex.text) and _ORDINAL_BEFORE.search(text, max(0, timex.start - 60), timex.start):
        return True  # "the third station spacewalk this year", "his third visit to the region this year": a count
    if _BACKDROP_BEFORE.search(before) and not _WHEN_AFTER.match(text, timex.end):
        # "detained since August 5" dates the start; "164 people since 2003" and "held every August since 1947"
        # do not; "since 2003, when ..." does
        return bool(counted or _RECURRING.search(before) or _CHANGED_SINCE.search(sentence))
    if _SINCE_CLAUSE.search(text, max(0, timex.start - 70), timex.start) and counted:
        return True  # "800 people have been hurt since the first quake struck on Thursday"
    return timex.date.precision == YEAR and _a_year_as_a_name(text, timex, before)


def _a_status_as_of(text: str, timex: Timex) -> bool:
    """Return whether a date is the time a status is given at ("As of 12:20 on Wednesday, there are 84 flood
    warnings"), not the start of a change to come ("FEMA will close two centres as of 2 p.m. Saturday")."""
    return bool(_AS_OF.search(text, max(0, timex.start - 30), timex.start + 9)) \
        and not _WILL_BEFORE.search(text, _sentence_of(text, timex)[0], timex.start)


def _a_year_as_a_name(text: str, timex: Timex, before: str) -> bool:
    """Return whether a year, with the 30 characters before it, names a thing ("Expo 2020", "the 1991 agreement was
    ...", "the 2016 summer games") rather than saying when the sentence's event happened."""
    written = timex.text[:1].isdigit()
    if written and (_NAME_BEFORE_YEAR.search(text, max(0, timex.start - 30), timex.start)
                    or _LAW_OF.search(text, max(0, timex.start - 30), timex.start)
                    or _CLASS_OF.search(text, max(0, timex.start - 30), timex.start)):
        # "UEFA Champions League 2017–2018", "Expo 2020", "the Sarbanes-Oxley Act of 2002", "the class of 2025": a name
        return True
    modified = _YEAR_MODIFIES.match(text, timex.end)
    if written and re.search(r"(?i)\bthe\s+$", before) and not _WHEN_THE.search(before) and (
            text[text.rfind("\n", 0, timex.start) + 1: timex.start].strip().lower() != "the"
            or _NAMED_THEN_IS.match(text, timex.end)):
        # "stronger than the 1985 quake", "The 1991 agreement was that ...": a thing named, not the sentence's event
        # (as "In the 2016 election" and "The 2019 floods killed 12" are)
        return True
    if written and not timex.end_date and modified and re.search(r"(?i)\b(?:the|an?|its|their|his|her)\s+$", before):
        return not EVENT_NOUNS.intersection(modified["words"].lower().split())  # "the 2010 honorees", not "floods"
    # "the 2016 summer games" names a games; "the 2016–17 season", "In 1998 Apple introduced" and "At the 2012
    # London games, the US won" say when
    return not timex.end_date and bool(_YEAR_AS_NAME.match(text, timex.end)) \
        and not re.search(r"(?i)\b(?:in|since|until|by|during|(?:in|at|during)\s+the)\s+$", before)


def names_a_thing(text: str, timex: Timex) -> bool:
    """Return whether a date is a possessive describing a thing that is not an event ("today's line of contact"),
    or a week's, month's or year's, which dates no one event ("this year's game") unless it is past ("last year's
    election"), to come ("next week's summit") or a week's or month's told in a tense ("fraud in this month's
    run-off", not "this week's report includes")."""
    after = _POSSESSIVE.match(text, timex.end)
    if not after or re.match(r"(?i)time\b", after["words"]):
        return False  # "in a week's time" says when
    names_an_event = any(w in _NAMED_BY_POSSESSIVE or w.removesuffix("s") in EVENT_NOUNS
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
