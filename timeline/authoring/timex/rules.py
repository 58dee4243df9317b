"""The rule table: each pattern with the handler that resolves its matches and the keywords it needs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.authoring.timex.calendar_dates import (
    bare_day,
    bracketed_numeric_day,
    century_hit,
    day_list,
    day_of_relative_month,
    day_range,
    decade_hit,
    explicit_day,
    explicit_day_spelled_year,
    iso_day,
    month_alone_hit,
    month_of_relative_year,
    month_year,
    months_of_a_year,
    nth_day_of_month,
    numeric_day,
    part_of_year,
    spelled_year,
    weekday_and_day,
    weekday_numeric_day,
    year_hit,
    year_pair,
)
from timeline.authoring.timex.clock_times import clock_hit, noon_hit
from timeline.authoring.timex.durations import (
    clock_duration,
    duration_hit,
    hyphen_duration,
    plural_units,
    quantity_pair,
    the_past_day,
)
from timeline.authoring.timex.holiday_names import HOLIDAY, holiday_hit
from timeline.authoring.timex.relative_dates import (
    a_season,
    ago_hit,
    deictic_day,
    event_shift,
    half_of_a_year,
    neighbour_day,
    neighbour_weekday,
    quarter_hit,
    reference_word,
    relative_unit,
    shifted_hit,
    the_season,
    told_unit,
    unit_edge,
    weekday_hit,
    weekday_of_a_week,
    weekend_hit,
)
from timeline.authoring.timex.sets import adverb_set, rate_set, set_hit
from timeline.authoring.timex.vocabulary import (
    FULL_MONTHS,
    NUMBER_WORD,
    QUANTITY,
    RANGE_DASH,
    UNIT,
    WEEKDAY,
    YEAR4,
    day_group,
    month_group,
)

_DAY_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night)s?)?"  # "on Tuesday and Wednesday evenings"
# "about two years ago", "more than a decade ago": the hedge is part of the expression.
_ROUGHLY = r"(?:(?:almost|nearly|more\s+than|less\s+than|about|around|roughly|some|over)\s+)?"
_RELATIVE = r"(?i:this\s+past|this\s+coming|last|next|this|coming)"
# Keywords one of which every match of a rule holds, searched in the lower-cased text: a rule's
# pattern, slow to run over a whole text, runs only around them.
_WEEKDAY_WORDS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_LISTED_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_MONTH_WORDS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_SPELLED_BELOW_100 = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four"
                      r"|five|six|seven|eight|nine)\b)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
                      r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
_SPELLED_YEAR = (r"(?:(?P<millennium>two\s+thousand)(?:\s+and)?|(?P<century>(?:sixteen|seventeen|eighteen|nineteen"
                 rf"|twenty))(?:\s+hundred(?:\s+and)?|\s+oh)?)(?:\s+(?P<rest>{_SPELLED_BELOW_100}))?")
_UNIT_WORDS = r"\b(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur|millenni)"
_HOLIDAY_WORDS = (
    "day|eve|christmas|easter|friday|thanksgiving|new year|diwali|deepavali|holi|hanukkah|passover|ramadan|eid"
    "|halloween|nowruz|navruz|purim|yom kippur|rosh hashanah|vesak|chuseok|pentecost|juneteenth|festival"
    "|dussehra|onam|pongal"
)


@dataclass(frozen=True)
class Rule:
    """A pattern, the function resolving its matches, and the keywords its matches hold (None: no keyword)."""

    pattern: re.Pattern
    handler: object
    keywords: re.Pattern | None


def _rule(pattern: str, handler, keywords: str | None = None) -> Rule:
    """Return a rule; keywords is a lower-case pattern that every match of pattern contains."""
    return Rule(re.compile(pattern), handler, re.compile(keywords) if keywords else None)


# Earlier rules win ties between matches of the same length.
RULES: list[Rule] = [
    _rule(rf"\b(?P<weekday>{WEEKDAY}),?\s+(?:the\s+)?{month_group('month', any_case=True)}(?:\s+|(?<=\.))"
          rf"{day_group('day')}(?:,?\s+{YEAR4})?", explicit_day, _WEEKDAY_WORDS),
    _rule(rf"\b(?P<weekday>{WEEKDAY}),?\s+(?:the\s+)?{day_group('day')}(?:\s+of)?\s+"
          rf"{month_group('month', any_case=True)}(?:,?\s+{YEAR4})?", explicit_day, _WEEKDAY_WORDS),
    _rule(rf"\b{month_group('month', any_case=True)}(?:\s+|(?<=\.)){day_group('day')}(?:\s*,\s*|\s+){YEAR4}",
          explicit_day, _MONTH_WORDS),
    _rule(rf"\b(?:the\s+)?{day_group('day')}(?:\s+of)?\s+{month_group('month', any_case=True)},?\s+{YEAR4}",
          explicit_day, _MONTH_WORDS),
    _rule(rf"\b{month_group('month')}(?:\s+|(?<=\.)){day_group('day')}{RANGE_DASH}{month_group('month2')}\s+"
          rf"{day_group('day2')}(?:,?\s+{YEAR4})?", day_range, _MONTH_WORDS),
    _rule(rf"\b{day_group('day')}\s+{month_group('month')}{RANGE_DASH}{day_group('day2')}\s+"
          rf"{month_group('month2')}(?:,?\s+{YEAR4})?", day_range, _MONTH_WORDS),
    _rule(rf"\b{month_group('month')}(?:\s+|(?<=\.)){day_group('day')}(?:{RANGE_DASH}|\s+and\s+){day_group('day2')}"
          rf"(?:(?:\s*,\s*|\s+){YEAR4})?", day_range, _MONTH_WORDS),
    _rule(rf"\b{day_group('day')}(?:{RANGE_DASH}|\s+and\s+)"
          rf"{day_group('day2')}\s+(?:of\s+)?{month_group('month')}(?:,?\s+{YEAR4})?", day_range, _MONTH_WORDS),
    # "7, 8 and 9 June", "June 7, 8 and 9"
    # ... and "27, 30 January & 6 February", "27, 30 January"
    _rule(rf"\b(?P<days>{_LISTED_DAY}(?:(?:,\s*{_LISTED_DAY})+,?\s+(?:and|&)\s+|,\s*))(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+"
          rf"{month_group('month')}(?:,?\s+{YEAR4})?", day_list, _MONTH_WORDS),
    _rule(rf"\b{month_group('month')}\s+(?P<days>{_LISTED_DAY}(?:,\s*{_LISTED_DAY})+,?\s+and\s+)(?P<day2>\d{{1,2}})"
          rf"(?:st|nd|rd|th)?\b(?:,?\s+{YEAR4}|(?![,.]?\s*\d))", day_list, _MONTH_WORDS),
    _rule(r"\b(?P<year>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T\s](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d))?\b",
          iso_day),
    _rule(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)",
          numeric_day),
    _rule(rf"\b(?P<weekday>{WEEKDAY}),?\s+(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})(?![\d/]|\.\d)", weekday_numeric_day,
          _WEEKDAY_WORDS),
    # "in Bogalusa (2/23), Reserve (2/24)": a day in brackets after a word
    _rule(r"(?<=[A-Za-z]\s\()(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=\))", bracketed_numeric_day, "/"),
    # "April 11, 21 people died" is a day; "April 11, 2300" and "April 11, 12 and 13" are not this day alone
    _rule(rf"\b{month_group('month')}(?:\s+|(?<=\.)){day_group('day')}"
          rf"(?!\.?\s*\d|,\s*(?:\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s*(?:,|and\b|or\b|[-–])))", explicit_day,
          _MONTH_WORDS),
    _rule(rf"\b(?:the\s+)?{day_group('day')}(?:\s+of)?\s+{month_group('month')}", explicit_day, _MONTH_WORDS),
    _rule(rf"\b{month_group('month')}\s+the\s+(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b", explicit_day,
          _MONTH_WORDS),  # "February the 3rd"
    _rule(r"(?i)\bthe\s+(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\s+of\s+(?P<rel>this|last|next)\s+month\b",
          day_of_relative_month, "month"),
    # "the first Monday of March", "the second Tuesday in November", "the last day of March", "the first day of 2008"
    _rule(rf"(?i:\bthe\s+)(?P<nth>(?i:first|second|third|fourth|fifth|last|final))\s+(?:(?P<weekday>{WEEKDAY})\s+"
          rf"(?i:of|in)|(?i:day\s+of))\s+(?:(?P<month>{FULL_MONTHS})(?:,?\s+{YEAR4})?|(?<=day\sof\s)(?P<year_alone>"
          r"(?:1[6-9]|20)\d\d)\b)", nth_day_of_month, "first|second|third|fourth|fifth|last|final"),
    _rule(rf"\b{month_group('month')}(?:\s+of|,)?\s+{YEAR4}", month_year, _MONTH_WORDS),
    _rule(rf"\b(?P<weekday>{WEEKDAY}),?\s+(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![\d:%]|[.,]\d|\s*(?:%"
          r"|percent|per\s+cent|[ap]\.?m\b|[AP]M\b|hours?|minutes?|days?|people|years?|dead|killed|men|women))",
          weekday_and_day, _WEEKDAY_WORDS),
    _rule(r"(?i)\b(?:on|by|until|till|since|from|before|after|through)\s+(?P<the>the\s+)(?P<day>[1-9]|[12]\d|3[01])"
          r"(?:st|nd|rd|th)\b(?!\s*(?:of\s+[a-z]|-|(?:century|anniversary|floor|time|place|round|minute|hour|day|week"
          r"|month|year|edition|amendment|grade|birthday|street|avenue|district|division|army|fleet|congress"
          r"|parliament|session|largest|biggest|most|best|consecutive|straight|annual)\b))", bare_day,
          r"the\s+\d{1,2}(?:st|nd|rd|th)\b"),
    _rule(rf"\b(?:(?P<mod>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of))[\s-]+)?"
          rf"(?P<rel>{_RELATIVE}\s+)?(?P<month>{FULL_MONTHS})\b(?!\s*\d)", month_alone_hit, _MONTH_WORDS),
    # "in Feb this year", "in February of last year": the month of the year named right after it
    _rule(rf"\b(?:(?i:the\s+)?{day_group('day')}\s+(?:of\s+)?)?{month_group('month')}(?:\s+{day_group('day2')})?,?"
          r"(?:\s+of)?\s+(?P<rel>(?i:this|last|next))\s+(?i:year)\b", month_of_relative_year, _MONTH_WORDS),
    # "August twenty-ninth, two thousand five", as radio scripts write a date
    _rule(rf"\b{month_group('month')}\s+{day_group('day')},?\s+{_SPELLED_YEAR}\b", explicit_day_spelled_year,
          _MONTH_WORDS),
    _rule(rf"(?i)\b(?:(?P<month>{FULL_MONTHS}),?\s+(?:of\s+)?)?{_SPELLED_YEAR}\b", spelled_year,
          "thousand|teen|twenty"),
    _rule(r"\b(?P<year>(?:1\d|20)\d\d)[-–](?P<short>\d\d)\b(?![-–/]\d)", year_pair),
    # Not a number inside an identifier: "Docket EPA–HQ–OA–2018–0259".
    # not "2004 BL86" (an asteroid's designation)
    _rule(rf"(?<![\w$£€.,/:#])(?<![A-Z][-–]){YEAR4}(?!\w|['’](?!s\b)|[-–](?!19|20)\d{{3}}|\s[A-Z]{{2}}\d)", year_hit),
    _rule(r"(?i:\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?)(?P<decade>1\d\d0|20\d0|['’]?\d0)['’]?s\b",
          decade_hit, r"0['’]?s"),
    _rule(r"(?i)\b(?P<ordinal>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)\s+century\b", century_hit, "century"),
    # "During the last two months of 2014", "in the first three months of 2024", "... of this year"
    _rule(rf"(?i:\bthe\s+(?P<edge>first|last|final)\s+(?P<count>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{{1,2}})"
          rf"\s+months\s+of\s+)(?:{YEAR4}|(?i:(?P<relative>this|last|next)\s+year\b))", months_of_a_year, "months"),
    _rule(rf"(?i:\b(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half"
          rf"|spring|summer|fall|autumn|winter|(?:first|second|third|fourth)\s+quarter)\s+of|spring|summer|fall"
          rf"|autumn|winter|fiscal|fy|q[1-4])[\s-]*){YEAR4}", part_of_year, r"\d{4}"),
    _rule(r"(?i)\b(?P<word>today|yesterday|tomorrow|tonight|last\s+night|last\s+evening"
          r"|this(?=\s+(?:morning|afternoon|evening)\b)|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
          r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b", deictic_day,
          "today|yesterday|tomorrow|tonight|night|morning|afternoon|evening"),
    _rule(rf"\b(?P<weekday>{WEEKDAY})(?:\s+of)?\s+(?P<week_rel>(?i:next|last|this))\s+(?i:week)\b", weekday_of_a_week,
          _WEEKDAY_WORDS),
    _rule(rf"\b(?:(?i:early|late)\s+)?(?:(?P<rel>{_RELATIVE})\s+)?(?P<weekday>{WEEKDAY})\b(?i:{_DAY_PART})",
          weekday_hit, _WEEKDAY_WORDS),
    _rule(r"(?i)\b(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?(?P<the>the\s+)?(?P<rel>this\s+past|this\s+coming"
          r"|this|last|next|past|previous|preceding|coming|following|current)\s+(?P<unit>fiscal\s+year|week|weekend"
          r"|month|year|quarter|decade|century|summer|winter|spring|fall|autumn)\b"
          r"(?![^\S\n]+(?:games|olympics|olympic)\b)",  # "this summer Olympics"; not across a line
          relative_unit, "week|month|year|quarter|decade|century|summer|winter|spring|fall|autumn"),
    _rule(r"(?i)(?:(?<=over\s)|(?<=during\s)|(?<=at\s)|(?<=on\s)|(?<=throughout\s)|(?<=through\s)|(?<=into\s)"
          r"|(?<=course\sof\s))"
          r"the\s+(?:(?:holiday|long|busy)\s+)?"
          r"weekend\b", weekend_hit, "weekend"),
    # a headline's "Cases over Weekend"
    _rule(r"(?i)(?:(?<=over\s)|(?<=during\s))weekend\b(?!-)", weekend_hit, "weekend"),
    _rule(r"(?i)(?:(?<=in\s)|(?<=during\s)|(?<=by\s)|(?<=until\s)|(?<=since\s)|(?<=through\s)|(?<=over\s))"
          r"the\s+(?:(?:early|late|mid)[\s-]+)?(?P<season>spring|summer|fall|autumn|winter)\b(?![^\S\n]+(?:of|games"
          r"|olympics|olympic|session|school|camp|break|holidays?|transfer)\b)", the_season,
          "spring|summer|fall|autumn|winter"),
    # "Permanent Fix Scheduled for Fall", "will open in spring": a season without "the", not a noun's modifier
    # ("fall enrollment"), a stretch ("closed for winter") nor a year's ("spring 2025", which the rule for a season
    # and its year reads)
    _rule(r"(?i)(?:(?<=\bin\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bbefore\s)|(?<=scheduled\sfor\s)|(?<=planned\sfor\s)"
          r"|(?<=\bset\sfor\s)|(?<=slated\sfor\s)|(?<=\bdue\sfor\s)|(?<=expected\sfor\s)|(?<=targeted\sfor\s))"
          r"(?P<season>spring|summer|fall|autumn|winter)\b"
          r"(?![^\S\n]+(?!(?:and|or|when|as|to|after|before|through|until|with|if)\b)[a-z\d])(?!-)", a_season,
          "spring|summer|fall|autumn|winter"),
    # "scheduled for late spring or early summer", "in mid-winter"
    _rule(r"(?i)(?:(?<=in\s)|(?<=for\s)|(?<=by\s)|(?<=until\s)|(?<=or\s)|(?<=and\s)|(?<=to\s))(?:early|late|mid)[\s-]+"
          r"(?P<season>spring|summer|fall|autumn|winter)\b(?![^\S\n]+(?:(?:of|games|olympics|olympic|session|school"
          r"|camp|break|holidays?|transfer)\b|\d))", the_season, "spring|summer|fall|autumn|winter"),
    _rule(r"(?i)\bthe\s+(?P<ordinal>first|second|third|fourth)\s+quarter\b(?!\s+of\b)|(?<=in\s)Q(?P<number>[1-4])\b",
          quarter_hit, r"quarter|q[1-4]"),
    _rule(r"(?i)\b(?:the\s+)?(?P<which>first|second)\s+half\s+of\s+(?:the\s+|(?P<rel>this|last|next)\s+)year\b",
          half_of_a_year, "half"),
    _rule(r"(?i)\b(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+(?:the\s+|(?P<rel>this|last|next)\s+)?"
          r"(?P<unit>year|month|week|decade)\b", unit_edge, r"(?:end|beginning|start|middle)\s+of"),
    _rule(rf"(?i)\b{_ROUGHLY}(?:(?P<quantity>{QUANTITY})\s+)?(?P<unit>{UNIT})\s+ago\b", ago_hit, "ago"),
    # "two days after the vote" is anchored to the vote, not to the day told before; "two days later he" is.
    _rule(rf"(?i)\b{_ROUGHLY}(?:(?P<quantity>{QUANTITY})\s+)?(?P<unit>{UNIT})\s+(?P<direction>earlier|later|(?:before"
          rf"|after|prior)\b(?!\s+(?:the|a|an|his|her|their|its|this|that|he|she|it|they|we|i)\b))\b", shifted_hit,
          "earlier|later|before|after|prior"),
    # "The day after the vote, ...", "Two weeks before the election, ...": opening a sentence, the event told before
    _rule(rf"(?i)(?:\bthe\s+day|\b{_ROUGHLY}(?P<quantity>{QUANTITY})\s+(?P<unit>{UNIT}))\s+(?P<direction>after|before)"
          r"\s+the\s+[^,.;:\n\d]{1,40}(?=,)", event_shift, "after|before"),
    _rule(r"(?i)\b(?:the\s+)?(?:next|following|previous|preceding)\s+(?:day|morning|afternoon|evening|night)\b"
          r"|\bthe\s+day\s+(?:before|after)(?=\s*(?:[,.;:!?)\"”]|$))", neighbour_day,
          "day|morning|afternoon|evening|night"),
    # "the following Monday", "the next Tuesday", "the Friday before": the weekday after the day told before
    _rule(rf"(?i)\bthe\s+(?:(?:following|next|previous|preceding)\s+(?P<weekday>{WEEKDAY})\b"
          rf"|(?P<weekday_after>{WEEKDAY})\s+(?:after|before)(?=\s*(?:[,.;:!?)\"”]|$)))", neighbour_weekday,
          _WEEKDAY_WORDS),
    # "later that day", "on the same day", "that same evening", "by this date": the day told before
    _rule(r"(?i)\b(?:(?:later|earlier)\s+)?(?:that(?:\s+same)?|the\s+same)\s+(?:day|morning|afternoon|evening|night)\b"
          r"|\b(?<=by\s|on\s)(?:this|that)\s+date\b|\b(?:hours|minutes|moments)\s+(?:later|earlier)\b"
          r"|\b(?:hours|minutes|moments)\s+(?:before|after)(?=\s*(?:[,.;:!?)\"”]|$))", neighbour_day,
          "day|morning|afternoon|evening|night|date|later|earlier|before|after"),
    # "later that month", "the same year", "earlier in the week": the unit of the date told before
    _rule(r"(?i)\b(?:(?:later|earlier)\s+(?:in\s+)?)?(?:that(?:\s+same)?|the\s+same)\s+(?P<unit>week|month|year)\b"
          r"|\b(?:later|earlier)\s+in\s+the\s+(?P<in_unit>day|morning|afternoon|evening|week|month|year)\b"
          r"|\b(?:early|late)\s+in\s+the\s+(?P<early_unit>week|month|year)\b"  # not "it is late in the day"
          # "That was also the year that Congress passed the act"
          r"|\b(?:That|It)\s+was\s+(?:also\s+)?the\s+(?:same\s+)?(?P<was_unit>year|month|day)\b"
          r"(?=\s+(?:that|when|in\s+which)\b)"
          # "for the rest of the week", "throughout the day": what is left of the unit of the date told before
          r"|\b(?:the\s+)?(?:rest|remainder|balance)\s+of\s+the\s+(?P<rest_unit>day|week|month|year)\b"
          r"|\bthroughout\s+the\s+(?P<rest_unit_>day|week|month)\b", told_unit,
          "week|month|year|day|morning|afternoon|evening"),
    _rule(r"(?i)\b(?:right\s+now|now|currently|nowadays|presently|at\s+present|at\s+the\s+moment|these\s+days"
          r"|recently|lately|(?<=in\s)the\s+past|(?<=of\s)the\s+past|at\s+(?:the|that)\s+time(?!\s+of\b)"
          r"|(?<=in\s)the\s+(?:near\s+|distant\s+)?future|the\s+present\s+day)\b(?!-)", reference_word,
          "now|current|present|recent|lately|past|time|future|days|moment"),
    _rule(rf"(?i)\b(?:(?:almost|nearly|more\s+than|less\s+than|at\s+least|up\s+to|a\s+mere)\s+)?"
          rf"(?:(?:the\s+)?(?:past|last|next|first|final|coming|previous|following|ensuing|same)\s+)?"
          rf"(?:the\s+)?(?P<quantity>{QUANTITY})\s+(?:(?:full|whole|entire|long|further|additional|extra|more)\s+)?"
          rf"(?P<unit>{UNIT})\b", duration_hit, _UNIT_WORDS),
    _rule(r"(?i)\bthe\s+past\s+(?P<unit>day|night)\b(?!['’])", the_past_day, "past"),
    _rule(rf"(?i)\b(?P<quantity>\d+|{NUMBER_WORD})-(?P<unit>second|minute|hour|day|night|week|month|year"
          rf"|decade|century)(?:-long)?\b(?![-\s]old\b)", hyphen_duration, _UNIT_WORDS),
    _rule(rf"(?i)\b(?P<first>\d+|{NUMBER_WORD})\s+(?:and|or|to|-|–)\s+(?P<second>\d+|{NUMBER_WORD})\s+"
          rf"(?P<unit>{UNIT})\b", quantity_pair, _UNIT_WORDS),
    _rule(r"(?i)\b(?P<adjective>(?:the\s+)?(?:recent|coming|past|last|next|previous|following|ensuing)\s+)?"
          r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b", plural_units, _UNIT_WORDS),
    _rule(r"(?<![\d:])(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?![\d:]|\s*(?:[ap]\.?m\b|[AP]M\b))",
          clock_duration, ":"),
    _rule(r"(?<![\d:.])(?:(?P<hour>[01]?\d|2[0-4])(?::(?P<minute>[0-5]\d)|(?=\s*(?:[ap]\.m\.|[ap]m\b|[AP]M\b)))"
          r"|(?P<hour24>[01]\d|2[0-3])(?P<minute24>[0-5]\d)(?=\s+(?:GMT|UTC)\b))"
          r"(?:\s*(?P<ampm>[ap]\.m\.|[ap]m\b|[AP]M\b|[AP]\.M\.))?(?:\s+(?P<zone>GMT|UTC|ET|EST|EDT|CET|CEST|BST"
          r"|PT|PST|PDT|IST|MSK|JST)\b)?(?![\d:])", clock_hit, r":|[ap]\.m\.|\d\s*[ap]m\b|gmt|utc"),
    _rule(r"(?i)\b(?:at|by|until|till|before|after|around|about|past|from)\s+(?P<word>noon|midnight)\b", noon_hit,
          "noon|midnight"),
    _rule(rf"(?i)\b(?:every|each)\s+(?:(?P<count>other|\d+|{NUMBER_WORD})\s+)?(?P<unit>days?|weeks?|months?"
          rf"|years?|hours?|minutes?|decades?|quarters?|mornings?|afternoons?|evenings?|nights?|weekends?"
          rf"|seasons?|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|{FULL_MONTHS})\b"
          # "each Tuesday and Thursday": every weekday of the list recurs
          rf"(?:(?<=day)(?:(?:,\s*|,?\s+(?:and|or|&)\s+){WEEKDAY}s?\b)+)?",
          set_hit, "every|each"),
    _rule(r"(?i)\b(?:daily|nightly|weekly|biweekly|fortnightly|monthly|quarterly|yearly|annually|hourly)\b",
          adverb_set, "daily|nightly|weekly|monthly|quarterly|yearly|annually|hourly"),
    _rule(rf"(?i)\b(?:(?:once|twice|thrice|(?:\d+|{NUMBER_WORD})\s+times)\s+(?:a|an|per)|per)\s+"
          r"(?P<unit>day|week|month|year|hour|minute|decade)\b", rate_set, "once|twice|thrice|times|per"),
    Rule(HOLIDAY, holiday_hit, re.compile(_HOLIDAY_WORDS)),
]
