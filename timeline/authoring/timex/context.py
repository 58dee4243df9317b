"""The text being tagged: its reference date, its sentences, and the tense clues that pick between
the last and the next "Thursday"."""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field

from timeline.authoring.sentences import sentence_spans
from timeline.authoring.timex.vocabulary import FULL_MONTHS, INCIDENTS, RELATIVE_OFFSETS, WEEKDAY, WEEKDAYS

PAST, FUTURE = "past", "future"

# Weekday and month names as the lower-cased text spells them ("mon" ... "dec" start a month's name)
_WEEKDAY_NAME = WEEKDAY.lower()
_MONTH_START = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_WEEKDAY_START = "(?:mon|tue|wed|thu|fri|sat|sun)"

_A_WEEKDAY = rf"(?i:{WEEKDAY})\b"  # in the text as written, any case

# Tense clues; the nearest decides. "would" mostly reports a plan in news ("said he would visit on
# Monday"); "last" is none ("last week" is an expression, "would last until March" is not past).
_FUTURE_CLUES = re.compile(
    r"\b(?:will|won['’]t|shall|would(?!\s+have)|(?:could|might)(?!\s+(?:have|not|be\s+reached)\b)|going\s+to|gonna|to\s+be\s+held|plans?\s+to|planning\s+to"
    r"|intends?\s+to|is\s+to|are\s+to|is\s+due|are\s+due|due\s+to\s+be|(?<!has\s)(?<!have\s)(?<!had\s)scheduled"
    r"|slated|expect(?:ed|s)?\s+to"
    # "the planned pauses of production over Christmas", "Debates announced for dates in September"
    r"|(?:the|a|an|its|their)\s+(?:planned|forthcoming)\b(?!\s+" + _WEEKDAY_START + r")|announced\s+for\b"
    r"|(?:is|are)\s+(?:now\s+|also\s+)?expected\b|look(?:s|ing)?\s+forward\s+to|(?:promised|pledged|vowed)\s+(?:to|a|an)\b"
    r"|wants?\s+to"
    # "failed to launch a rocket on April 13", "tried to reopen": an attempt told in the past
    r"|(?<!failed\s)(?<!\btried\s)(?<!attempted\s)(?<!managed\s)(?<!refused\s)(?<!\bsought\s)(?<!\bused\s)"
    r"(?<!forced\s)(?<!allowed\s)(?<!\bable\s)(?<!permitted\s)"  # "was forced to return home on Monday"
    # a purpose after a past act: "Crowds gathered to hold a vigil on Sunday"
    r"(?<!gathered\s)(?<!marched\s)(?<!rallied\s)(?<!assembled\s)(?<!arrived\s)(?<!\bcame\s)(?<!\bwent\s)"
    r"(?<!travelled\s)(?<!traveled\s)(?<!\bflew\s)(?<!rushed\s)(?<!\bmet\s)(?<!convened\s)"
    r"(?:to\s+(?:re)?open|to\s+resume|to\s+restart|to\s+launch|to\s+hold|to\s+host|to\s+return|to\s+meet"
    r"|to\s+visit|to\s+sign"
    # "remanded in custody to reappear on 28 March"; not "summoned to appear in Court in relation to a gathering on 16
    # October", where the date is the gathering's
    r"|to\s+(?:re)?appear(?=(?:(?!\bin\s+(?:relation|connection)\b)[^.;]){0,60}?\b(?:on|in)\s+(?:\d|"
    + _MONTH_START + r"|" + _WEEKDAY_START + r")))"
    r"|(?:is|are)\s+set\s+to|upcoming|next(?!\s+(?:to|of)\b)|aims?\s+to|hopes?\s+to|to\s+begin|to\s+start|targeted(?=\s+(?:for|to)\b)|targets"
    r"|(?:re)?schedul(?:ed|es?)\s+[^.;]{0,40}?\bfor|set\s+for|planned\s+for|slated\s+for|reserved|begins?|opens"
    # "has set a sentencing hearing for July 11", "the filing deadline is June 11"
    r"|(?:has|have)\s+set\s+(?:a|an|the)\s+[^.;,]{0,40}?\bfor|deadlines?\b[^.;,]{0,60}?\b(?:is|are)\b"
    # "The judge set a trial date of Feb. 3"
    r"|(?:set|fixed|scheduled)\s+(?:a|an|the)\s+(?:[a-z]+\s+)?date\s+(?:of|for)\b"
    # "election called for September" (not "called for calm on Monday")
    r"|(?:called|booked|pencill?ed\s+in)\s+for(?=\s+(?:" + _MONTH_START + "|" + _WEEKDAY_START
    + r"|next|this|early|mid|late|the\s+end|\d))"
    r"|starts|kicks?\s+off|takes?\s+place|ahead\s+of|in\s+advance\s+of|(?:arrangements|preparations)\s+for"
    r"|(?:is|are)\s+(?:also\s+|now\s+|still\s+)?forecast(?:ing)?|forecast(?:s|ed)?\s+(?:for|of)"
    # a move's new date: "postponed Thursday's launch until Saturday"
    r"|(?:postponed|delayed|deferred|rescheduled|pushed\s+back|put\s+off|moved|extended|slipped|brought\s+forward"
    r"|bumped)\b[^.;]{0,60}?\b(?:until|till|to|for)(?=\s+(?:(?:the|a|an|its|their)\s+)?(?:" + _MONTH_START + r"|"
    + _WEEKDAY_START + r"|next|this|later|following|end|early|mid|late|\d|tomorrow|tonight|after|spring|summer|autumn"
    r"|fall|winter|no\s+(?:earlier|later)|[a-z]+['’]s\b))"  # a date, not a place: "moved northwest to China"
    r"|adjourned\b[^.;]{0,60}?\b(?:until|till|to)(?=\s+(?:" + _MONTH_START
    + r"|" + _WEEKDAY_START + r"|next|\d))"
    # "The opening ceremony is Friday night": a weekday said in the present is to come
    r"|(?:is|are)(?=\s+(?:on\s+)?(?:this\s+)?" + _WEEKDAY_NAME + r"\b)"
    # "Talks resume on Monday", "the court rules Friday": a schedule told in the present
    r"|(?<!\bnot\s)(?<!n['’]t\s)(?<!\bdid\s)(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\bhis\s)(?<!\bher\s)"
    r"(?<!their\s)(?<!during\s)(?<!\bof\s)(?<!after\s)(?<!before\s)"  # "during launch in August": a noun
    r"(?<!\bto\s)"  # "was due to take effect on Dec. 1": the infinitive takes the tense before it
    r"(?<!previous\s)(?<!earlier\s)(?<!\bfirst\s)(?<!second\s)(?<!\bfinal\s)(?<!\blast\s)(?<!\bnew\s)"  # nouns
    r"(?:open|start|begin|resume|reopen|close|end|meet|vote|rule|return|launch|convene|go|goe|play"
    r"|face|host|premiere|air|debut|arrive|visit|depart|expire|finishe|conclude|reconvene|appear|testifie|testify"
    r"|kicks?\s+off|wraps?\s+up|go(?:es)?\s+on\s+sale|takes?\s+(?:place|effect)|stands?\s+trial"
    r"|comes?\s+into\s+(?:force|effect)|enters?\s+(?:into\s+)?force|go(?:es)?\s+into\s+effect)s?"
    r"(?=(?:\s+[a-z'’-]+){0,4}?\s+on\s+(?:this\s+)?" + _WEEKDAY_NAME + r"\b"
    r"|\s+(?:this\s+)?" + _WEEKDAY_NAME + r"\b"
    # "The law takes effect on Dec. 1", "the festival returns in December"
    r"|(?:\s+[a-z'’-]+){0,4}?\s+(?:on|in)\s+(?:early\s+|mid-?|late\s+)?" + _MONTH_START + r"[a-z]*\b"
    r"|(?:\s+[a-z'’-]+){0,4}?\s+on\s+\d\d?(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_START + r"[a-z]*\b"  # "on 1 May"
    r"|\s+" + _MONTH_START + r"[a-z]*\.?\s+\d)"
    r"|(?:postponed|delayed|deferred|adjourned|rescheduled|pushed\s+back|put\s+off|extended)\s+(?:until|till|to))\b"
    r"|['’]ll\b"
    # "from Saturday onwards": a start to come
    r"|(?:" + "|".join(f"(?<={day}\\s)" for day in WEEKDAYS) + r")onwards?\b"
    # a rule that applies from a date: "The rules apply from April"
    r"|\bappl(?:y|ies)(?=\s+(?:[a-z]+\s+){0,2}?from\b)"
    # a run told in the present: "The exhibition runs through Jan. 5", "is open until March 31"
    r"|\bruns(?=\s+(?:[\w.,]+\s+){0,3}?(?:through|thru|until|till)\b)"
    r"|\b(?:is|are|remains?)\s+(?:open|on\s+view|on\s+display)(?=\s+(?:[a-z]+\s+){0,2}?(?:through|thru|until|till)\b)"
    # a deadline: "must be received by March 15", "must be postmarked no later than May 1"
    r"|must\s+be\s+[a-z]+(?:ed|en)\s+(?:by|before|no\s+later\s+than)\b"
)  # searched in the lower-cased text
_NOT_PAST_ED = (
    "need|speed|feed|seed|bleed|breed|proceed|succeed|exceed|indeed|embed|hundred|bed|red|shed|sacred|naked|wicked"
    "|kindred|scheduled|expected|planned|slated|proposed|intended|anticipated|united|armed|advanced|skilled"
    "|detailed|based|related|limited|concerned|interested|supposed|heed|creed|greed|steed|weed|deed|reed|seabed|hotbed"
    "|rugged|ragged|jagged|crooked|beloved|aged|wretched|unprecedented|unexpected|unidentified|unnamed|unarmed"
    "|unmanned|undisclosed|unspecified|talented|renowned|sophisticated|complicated|dedicated|automated"
    "|titled|entitled"  # "a conference titled ... will be held": a name, no tense
)
_PAST_CLUES = re.compile(
    r"\b(?:was|were|had|did|didn['’]t|wasn['’]t|weren['’]t|hadn['’]t|has\s+been|have\s+been|said|told|went"
    r"|came|took|gave|won|lost|began|saw|spoke|left|became|fell|rose|got|thought|knew|ran|sat|stood|wrote|broke"
    r"|chose|drove|flew|grew|fought|caught|bought|threw|wore|swore|sang|rang|froze|rode|shook|stole|swam|tore"
    r"|understood|sought|meant|dealt|fled|spun|sprang|withdrew|overtook|undertook|arose|forgave|built|drew|dug"
    r"|laid|lent|sank|slid|sped|swept|swung|wept|blew|ate|drank|forgot|shone"
    r"|underwent|oversaw|foresaw|overcame|overthrew|overran|outran|mistook|woke|awoke|shrank|strove|strode|bore"
    r"|forbade|outgrew|slew|wove|hid"
    r"|ago|yesterday|earlier(?!\s+than)|recently"
    # "first reported by Reuters on Monday": a telling by someone is done ("affected by" is no past, nor "will be
    # announced by")
    r"|(?<!\bbe\s)(?<!being\s)\b(?:reported|announced|confirmed|revealed|disclosed|published|released)(?=\s+by\b)"
    # "investigating a shooting on Saturday", "remains in custody after his arrest on Friday": an incident is over
    r"|\b(?:(?i:a|an|the|his|her|their|its|after)|[a-z]+['’]s)\s+(?:[a-z-]+\s+){0,2}?(?:" + INCIDENTS + r"|fires?|blaze"
    r"|storms?|tornado|floods?|brawl|fight|stabbing|robbery|burglary|arrest|win|victory|defeat|loss)"
    r"\s+(?=on\s+" + _A_WEEKDAY + r")"
    # A participle after a form of "be" is passive ("will be held", "is due to be published"), not a past
    # tense; nor after an article ("a reimagined festival") or before "by" ("businesses affected by the storm").
    r"|(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bam\s)(?<!being\s)(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)"
    r"(?<!remain\s)(?<!remains\s)(?<!\bstay\s)(?<!stays\s)"
    r"(?<!\byet\s)(?<!hasn['’]t\s)(?<!haven['’]t\s)(?<!has\snot\s)(?<!have\snot\s)"  # "haven't yet responded"
    rf"(?:met|made|held|sent|brought|found|felt|kept|led|struck|paid|sold|shot|spent|taught|upheld|withheld|heard"
    rf"|overheard|hung|stuck|lit|fed|bled|bent|slept|crept|rebuilt|repaid|clung|flung|stung|knelt|retold|resold"
    rf"|(?!(?:{_NOT_PAST_ED})\b)[a-z]{{2,}}ed)\b(?!\s+by\b)"
    # A verb whose past is its present is past after a noun, not after "to", a modal or "n't": "the storm hit"
    r"|(?<!\bto\s)(?<!will\s)(?<!would\s)(?<!could\s)(?<!\bcan\s)(?<!\bmay\s)(?<!might\s)(?<!must\s)"
    r"(?<!should\s)(?<!shall\s)(?<!n['’]t\s)(?<!['’]ll\s)(?<![Ii]\s)(?<!\bwe\s)(?<!you\s)(?<!they\s)"
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)"  # "power is cut on Monday": a plan
    r"(?:hit|cut|shut|hurt|quit|burst|spread|cost|split|shed|upset|cast|beat|put|let|bet"
    r"|set(?!\s+(?:for|to|up|out|off)\b))(?!\s+by\b))\b"
)

# A past before the past told: "They had been lost in the desert since Sunday", "had run out the previous day".
PLUPERFECT = re.compile(r"\bhad\s+(?:(?:not|never|already|just)\s+)?(?:been|[a-z]+(?:ed|en))\b")

# A plan told in the past is no future: "was originally scheduled for Jan. 31", "the estimate originally
# scheduled for Jan. 30".
# A move told in the past still points ahead: "was postponed until Saturday".
_PAST_PLAN = re.compile(r"\b(?:(?:was|were|had\s+been)\s+(?:[a-z]+ly\s+)?|(?:originally|previously|initially)\s+)$")
# "had been due to start on Monday", "was supposed to open in May": an infinitive of a plan told in the past
_PAST_PLAN_TO = re.compile(r"\b(?:was|were|had\s+been)\s+(?:[a-z]+ly\s+)?(?:(?:due|set|scheduled|expected|planned"
                           r"|supposed|meant|slated)\s+)?$")  # "The park was to reopen on Saturday"
_PLAN_WORD = re.compile(r"(?:re)?schedul|slated|set|planned|due|expected|reserved|targeted")

# Where a clause ends: a comma, colon or semicolon, not the colon of "7:17 p.m." nor the comma of "1,281"
_CLAUSE_MARK = re.compile(r";|[,:](?!\d)|(?<!\d)[,:]")

# A promise made, whose future is what was promised, not the day before it
_PROMISE = re.compile(r"(?:promised|pledged|vowed)\s")

# A reporting verb, which told after a comma is the attribution of what came before it; "announced his
# resignation" is an act.
_ATTRIBUTION = re.compile(r"(?:said|says|told|added|stated|announced|reported|noted|wrote)\b"
                          r"(?!(?<!said)(?<!says)(?<!told)\s+(?:his|her|its|their|an?)\s)")

# The words that may open a sentence before its date: "On Monday, state media reported ...".
_OPENING = re.compile(r"\s*(?:(?:and|but|also|then|earlier|late|early)\s+)?(?:(?:on|in|at|during|last|this)\s+)?"
                      r"(?:(?:a|an|the|its|his|her|their)\s+)?")  # "In a July 16 press conference, Jobs said ..."
# "agreed on Monday", "flew home on Tuesday": the date of the verb before it
_FOLLOWS_ITS_VERB = re.compile(r"\s+(?:(?:home|back|away|out|there|here|together|again)\s+)?(?:on|in|at)\s+")
# A sentence's opening "Following ..." or "After ..." up to a date, and a main clause told as done
_FOLLOWING = re.compile(r"(?:Following|After)\s[^,;]{0,80}?$")
_DONE_SINCE = re.compile(r"\s*(?:[a-z'’-]+\s+){0,6}?(?:has|have|had)\s+(?:[a-z]+\s+)?[a-z]+(?:ed|en|t)\b")
_PARTICIPLE_AFTER = re.compile(r"[a-z]+(?:ed|en)\s+(?:with|by|over|for)\b")
_NEXT_VERB = re.compile(r"\s(?:and|but|then)\s")
_TAIL_DATE = re.compile(r"\s*(?:on|in|by)\s+[^,;:]{3,40}?[.!?]?\s*")
# A date naming an accident ("the April 25 quake", "the January ditching", "into the ditching of a plane in January")
_INCIDENT_AFTER = re.compile(rf"(?:['’]s)?\s+(?:(?:deadly|fatal|devastating|massive|powerful|major)\s+)?{INCIDENTS}\b")
# A headline's "X to do": "Storm to hit coast Friday", "Minister to visit Fiji next week" (not "Back to School Monday",
# "Road to Recovery", "Changes to ...", "Thanks to ...")
_HEADLINE_TO_DO = re.compile(r"^(?:[\w'’.,-]+\s+){1,8}?(?<!\bback\s)(?<!\breturn\s)(?<!\breturns\s)(?<!\bwelcome\s)"
                             r"(?<!\bnext\s)(?<!\bdue\s)(?<!according\s)(?<!\bup\s)(?<!thanks\s)(?<!\bguide\s)"
                             r"(?<!\broad\s)(?<!\bpath\s)(?<!\btrip\s)(?<!changes\s)(?<!tribute\s)(?<!\bway\s)"
                             r"(?<!\bvisit\s)(?<!\bvisits\s)(?<!\bheads\s)(?<!\bgoes\s)(?<!\bcomes\s)(?<!\bmoves\s)"
                             r"to\s+(?:be\s+[a-z]+ed|hit|visit|open|reopen|close|shut|meet|launch|hold|host|vote|start"
                             r"|begin|end|resume|return|sign|face|get|receive|announce|release|unveil|introduce|ban"
                             r"|cut|raise|lift|expand|build|move|leave|join|quit|retire|debut|premiere|air|play|stay"
                             r"|remain|undergo|testify|appear|rule|decide|seek|review|hear|strike|march|rally|kick|wrap"
                             r"|arrive|depart|fly|sail|race|compete|celebrate|mark|honou?r|mourn|bury|restart|halt"
                             r"|pause|suspend|delay|postpone|extend|expire|take|make|give|go|come|run|speak|address"
                             r"|tour|perform|attend|lead|head|chair|sentence|try|charge|appeal|publish|report|list"
                             r"|rise|fall|close|cost|save|add|drop|phase|roll|set)\b", re.IGNORECASE)
_INCIDENT_BETWEEN = re.compile(rf"\b(?:into|of|on|about|after|since)\s+the\s+(?:[a-z-]+\s+){{0,2}}?{INCIDENTS}\b")
_NAMED_YEAR = re.compile(r"\b(last|this|next)\s+year\b(?!['’]s)")
# "the 1994 genocide", "the January 2023 uptake": a year naming a thing, not the sentence's year
_ARTICLE_BEFORE = re.compile(rf"\b(?:the|a|an|its|their|his|her)\s+(?:(?:{FULL_MONTHS})\s+)?$", re.IGNORECASE)

# A relative clause's opening, whose tense is its own: "students who wrote essays", "dams in March that were closed".
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|that)\s+(?:[a-z]+\s+){0,3}$")

# A year written on its own, not part of a number, an amount or an address.
_YEAR = re.compile(r"(?<![\w$£€.,/:#-])((?:19|20)\d\d)(?![\w%]|[.,]\d|-\d)")


def _tense_clues(sentence: str) -> tuple[bool, bool]:
    """Return whether a sentence has a future tense clue, and whether it has a past one."""
    return bool(_FUTURE_CLUES.search(sentence.lower())), bool(_PAST_CLUES.search(sentence))


def has_tense_clue(sentence: str) -> bool:
    """Return whether a sentence has a past or future tense clue (a simple present has none)."""
    return any(_tense_clues(sentence))


def sentence_tense(sentence: str) -> str | None:
    """Return PAST or FUTURE where a sentence's clues all point one way, else None."""
    future, past = _tense_clues(sentence)
    return None if future == past else FUTURE if future else PAST


def in_quotation(text: str, position: int) -> bool:
    """Return whether a position is inside a quotation opened on its own line (a line of text is a sentence)."""
    before = text[text.rfind("\n", 0, position) + 1: position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


@dataclass
class Hit:
    """An expression found and resolved, before it becomes a Timex."""

    start: int
    end: int
    type: str
    value: str
    anchored: bool = False
    end_value: str | None = None
    # For expressions relative to the narrative ("a day earlier", "at 8 p.m."): how to
    # resolve them once the date mentioned before them is known.
    narrative: tuple | None = None


@dataclass
class Context:
    """The text being tagged, its reference date, and the sentence clues found in it."""

    text: str
    lowered: str
    reference: datetime.date
    precision: str
    country: str | None
    _sentences: list[tuple[int, int]] | None = None
    _starts: list[int] = field(default_factory=list)
    _clues: dict[tuple[int, int], list[tuple[int, int, str]]] = field(default_factory=dict)

    def sentence(self, position: int) -> tuple[int, int]:
        """Return the (start, end) of the sentence holding the character at position."""
        if self._sentences is None:
            self._sentences = sentence_spans(self.text)
            self._starts = [start for start, _ in self._sentences]
        index = max(0, bisect.bisect_right(self._starts, position) - 1)
        return self._sentences[index]

    def year_named(self, start: int, end: int) -> int | None:
        """Return the year the sentence names on its own before text[start:end] ("in 2020, ... on Sept. 25", not "the
        1994 genocide ... on 7 April"), else None."""
        first, _ = self.sentence(start)
        years = {int(m[1]) for m in _YEAR.finditer(self.text, first, start)
                 if not _ARTICLE_BEFORE.search(self.text, max(first, m.start() - 16), m.start())}
        # "Last year, Russia invaded Ukraine on Feb. 24": the year the words name
        years |= {self.reference.year + RELATIVE_OFFSETS[m[1]]
                  for m in _NAMED_YEAR.finditer(self.lowered, first, start)}
        return years.pop() if len(years) == 1 else None

    def tense(self, start: int, end: int) -> str | None:
        """Return PAST or FUTURE from the clue nearest to text[start:end] in its sentence, or None."""
        if _INCIDENT_AFTER.match(self.lowered, end):
            return PAST  # "will hold a hearing on the January ditching": an accident is dated when it has happened
        first, last = self.sentence(start)
        opening = _FOLLOWING.match(self.text, first, start)
        if opening and _DONE_SINCE.match(self.lowered, self.text.find(",", end, last) + 1 or last, last):
            return PAST  # "Following its meeting on 21 January, the Committee has scheduled debates for ...": before
        clues = self._clues.get((first, last))
        if clues is None:
            # A plan told in the past ("originally scheduled for Jan. 30") is a past clue, not a future one.
            clues = self._clues[first, last] = (
                [(m.start(), m.end(), PAST if self._a_past_plan(m, first) else FUTURE)
                 for m in _FUTURE_CLUES.finditer(self.lowered, first, last)]
                + [(m.start(), m.end(), PAST) for m in _PAST_CLUES.finditer(self.text, first, last)]
            )
        # A clue in the date's own clause outweighs a nearer one past a comma: "the vote, held on Sunday, is expected"
        clause_start = max((m.end() for m in _CLAUSE_MARK.finditer(self.text, first, start)), default=first)
        clause_end = next((m.start() for m in _CLAUSE_MARK.finditer(self.text, end, last)), last)
        if _TAIL_DATE.fullmatch(self.lowered, clause_start, last) and not any(
                clause_start <= clue_start < clause_end for clue_start, _, _ in clues):
            # "passed an amendment that would ban it, which is already law, on February 17.": a date closing the
            # sentence after its clauses takes the tense of the sentence's main verb, its first clue
            main = [tense for clue_start, _, tense in sorted(clues) if clue_start < clause_start
                    and not _RELATIVE.search(self.lowered, max(first, clue_start - 25), clue_start)
                    and not _ATTRIBUTION.match(self.text, clue_start)]  # "said it will meet, on March 3"
            if main:
                return main[0]
        best, best_rank, best_end = None, None, 0
        for clue_start, clue_end, tense in clues:
            if clue_start < end and clue_end > start:
                continue
            if clue_start >= end and _PROMISE.match(self.lowered, clue_start):
                tense = PAST  # "In March, we promised to have a system by the summer": the promise's March
            if clue_start >= end and _ATTRIBUTION.match(self.text, clue_start) \
                    and re.search(r"[,”\"]", self.text[end:clue_start]) \
                    and not _OPENING.fullmatch(self.lowered, first, start):
                continue  # "will meet on Dec. 20, it said": not the meeting's tense; "On Monday, it said" is
            if clue_start >= end and _RELATIVE.search(self.lowered, max(end, clue_start - 25), clue_start):
                continue  # "on Sunday ... for students who wrote essays": the clause's own tense
            if clue_start >= end and not self.text[end: clue_start].strip() \
                    and _PARTICIPLE_AFTER.match(self.lowered, clue_start):
                continue  # "will appear in court on 24 March charged with theft": a participle, no tense
            distance = start - clue_end if clue_end <= start else clue_start - end
            if clue_start < clause_start or clue_end > clause_end:
                distance += len(self.text)
            elif clue_start >= end and _NEXT_VERB.search(self.lowered, end, clue_start):
                distance += 200  # "signed into law on March 1 and takes effect July 1": the next verb's tense
            # The verb the date follows comes first ("agreed on Monday to reopen the road" is when they agreed), then
            # the nearest clue; a future clue wins a tie ("said it will meet on Friday").
            rank = (not (clue_end <= start and _FOLLOWS_ITS_VERB.fullmatch(self.lowered, clue_end, start)), distance,
                    tense != FUTURE)
            if best_rank is None or rank < best_rank:
                best, best_rank, best_end = tense, rank, clue_end
        if best == FUTURE and best_end <= start and _INCIDENT_BETWEEN.search(self.lowered, best_end, start) \
                and re.search(r"\b(?:in|on)\s+$", self.lowered[max(first, start - 5): start]):
            return PAST  # "will hold a hearing into the ditching of a plane in January": the ditching's January
        return self._headline_tense(start, best) if first == 0 else best

    def _a_past_plan(self, clue: re.Match, first: int) -> bool:
        """Return whether a future clue is a plan told in the past ("originally scheduled for Jan. 30", "had been due
        to start on Monday"), a past clue then."""
        if _PLAN_WORD.match(clue[0]):
            return bool(_PAST_PLAN.search(self.lowered, max(first, clue.start() - 30), clue.start()))
        return clue[0].startswith("to ") and bool(
            _PAST_PLAN_TO.search(self.lowered, max(first, clue.start() - 40), clue.start()))

    def _headline_tense(self, start: int, best: str | None) -> str | None:
        """Return the tense of a date in the text's first sentence, its headline when it has no full stop: FUTURE
        for "Bridge closed for repairs until June 30" and, with no clue, "Storm to hit coast Friday"; else best."""
        first, last = self.sentence(start)
        if best != FUTURE and not self.text[first:last].rstrip().endswith(".") \
                and re.search(r"(?i)\b(?:until|till)\s+$", self.text[max(first, start - 7): start]):
            return FUTURE  # a state lasting to a day to come, whatever the participle before it
        if best is None and _HEADLINE_TO_DO.match(self.text, first, last):
            return FUTURE
        return best
