"""Sentences of news text: the one splitter that extract and the temporal tagger share."""

from __future__ import annotations

import re

# Words whose full stop seldom ends a sentence ("Nov. 7", "Mr. Rutte", "the U.S. Army"); a
# single letter ("J. Smith") is an initial too. Matched before the stop, case-sensitively.
ABBREVIATIONS = frozenset({
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri", "Sat", "Sun",
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Sen", "Rep", "Gov", "Pres", "St",
    "Jr", "Sr", "Inc", "Corp", "Ltd", "Co", "No", "vs", "etc", "approx", "est", "Ave", "Mt", "Ft", "e.g", "i.e",
    "U.S", "U.K", "U.N", "E.U", "a.m", "p.m", "H.R", "H.Res", "Nos", "Vol",
})
# A sentence ends after '.', '!' or '?' and any closing quotes or brackets, where the next one
# starts with a capital or a digit (perhaps after an opening quote); a line break ends one too, and so
# does a full stop glued to the next sentence's first word, where a page lost a space.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?P<closers>[\"”’')\]]*)\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n\s*"
                           r"|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]+\s)")  # "the election.As Jamaica House": a lost space
_WORD_BEFORE_STOP = re.compile(r"([A-Za-z.]+)\.[\"”’')\]]*$")
# Words that open a sentence, never a clock time's zone or day: after "10 p.m." they start a new one.
_OPENS_A_SENTENCE = re.compile(r"(?:The|A|An|It|He|She|They|We|This|That|These|Those|Its|Their|His|Her|There|In|On|At"
                               r"|After|Before|During|But|And|However|Also)\b")
# The longest abbreviation is shorter than this, so looking no further back finds every one.
_LOOK_BACK = 12


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each sentence of text, not ending one after 'Nov.', 'U.S.' or an initial."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        word = _WORD_BEFORE_STOP.search(text[max(start, match.start() - _LOOK_BACK): match.start()])
        if word and (word.group(1) in ABBREVIATIONS or len(word.group(1)) == 1) and not (
                word.group(1) in ("a.m", "p.m") and _OPENS_A_SENTENCE.match(text, match.end())):
            continue  # "at 10 p.m. Monday" goes on; "to 10 p.m. The festivities ..." is a new sentence
        spans.append((start, match.end("closers") if match["closers"] is not None else match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def sentences(text: str) -> list[str]:
    """Return the sentences of text, stripped, closing quotes and brackets kept with the sentence they end."""
    return [piece for piece in (text[start:end].strip() for start, end in sentence_spans(text)) if piece]
