"""timex: find the temporal expressions of English news text and resolve them to TimeML values.

A rule-based tagger in the manner of HeidelTime: regular expressions find the expressions
("Thursday", "Nov. 7", "earlier this week", "for three years", "every week"), and each is
normalised to a TIMEX3 type and value against the reference (publication) date. The tense
of the sentence picks between the last and the next "Thursday" or "November 4": past tense
means the most recent one, future ("will", "next", "to be held", "plans to") the next one,
and with no clue we take the most recent, news being mostly about what has happened.

Values follow the TimeML TIMEX3 conventions: "2024-11-04", "2024-11", "2024", "2024-W45",
"2024-SU", "2024-Q3", "199" (the 1990s), "19" (the 20th century), "2024-11-04T22:15",
"2024-11-04TNI", "PRESENT_REF", "PAST_REF", "FUTURE_REF", "P3Y", "PT2H", "PXD" (some days).

Where things are:
  tagger.py          find_timexes and Timex: the rules run over a text, overlaps settled
  rules.py           the rule table: pattern, handler and keywords of every rule
  calendar_dates.py  "November 4, 2024", "Oct. 23-24", "July", "2024", "the 1990s"
  relative_dates.py  "yesterday", "Thursday", "last week", "two days ago", "a day earlier"
  durations.py       "three years", "12 to 18 months";  clock_times.py "8 p.m.";  sets.py "every week"
  holiday_names.py   "National Unity Day", looked up for the countries of countries.py
  resolve.py         which "Thursday" or "November 4" is meant, from the reference date and tense
  narrative.py       "two days later" and clock times, from the day mentioned before them
  context.py         the text, its reference date, sentences and tense clues
  values.py          TIMEX3 values and calendar arithmetic;  vocabulary.py  words and pattern pieces
"""

from timeline.authoring.timex.tagger import Timex, find_timexes

__all__ = ["Timex", "find_timexes"]
