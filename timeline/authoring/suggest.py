"""What extract suggests for a found event: a title drafted from its sentence, the people it names, its place
(under the names the project and entities.toml know them by)."""

from __future__ import annotations

import re

from timeline.authoring.timex.holiday_names import HOLIDAY
from timeline.authoring.timex.vocabulary import FULL_MONTHS, WEEKDAY
from timeline.model.entities import Entities, spelling_key

TITLE_LENGTH = 90  # a headline's length: longer titles are cut at a clause, never mid-clause with "…"

# "North Atlantic Treaty Organization (NATO)": a headline uses the short form.
_SPELLED_OUT = re.compile(r"\b((?:[A-Z][\w'-]*\s+(?:(?:of|and|for|the|on)\s+)*){1,8})\(([A-Z][A-Za-z&]{1,9})\)")
# "X said (on Thursday) that Y": the event is Y as X put it; a headline says it in the present.
_REPORTED = re.compile(r"^(?P<who>[^,\"“]{3,80}?)\s+(?P<verb>said|announced|confirmed|warned|stated|told [a-z ]+?)"
                       r"(?:\s+that)?\s+(?P<what>[^\"“].{15,})$")
_PRESENT = {"said": "says", "announced": "announces", "confirmed": "confirms", "warned": "warns", "stated": "states"}
# ", the ministry said." / ", according to police.": who said it, which the source itself records.
# ", officials said.", "according to the police": after a comma only ("the program announced in March" is no saying)
_ATTRIBUTION = re.compile(r"(?:,[”\"’]?\s+(?:the\s+)?[\w.' -]{2,60}?\s+(?:said|says|reported|announced|confirmed)"
                          r"(?:\s+(?:in|on|to)\s+[^,]{2,40})?|,?\s+according\s+to\s+[^,]{2,80})\s*\.?$", re.IGNORECASE)
# ", which drew 40,000 visitors,": an aside about the subject, not the event (a comma inside a number is no end).
_ASIDE = re.compile(r",\s+(?:which|who|whose)\b(?:[^,]|,(?=\d)|,\s+[A-Z][a-z]+(?=,))*,\s*")  # "in Evansville, Indiana,"
_LEAD = re.compile(r"^(moreover|meanwhile|however|also|recently|and|but|in addition|separately|earlier|later|now"
                   r"|that['’]s why|this means(?: that)?|as a result),?\s+", re.IGNORECASE)
# A phrase opening a sentence before its subject: "Regarding proposed changes, ", "In particular, this year, ".
_OPENING_PHRASE = re.compile(r"^(?:(?:in|regarding|due\s+to|as|based\s+on|even\s+as|fortunately|unfortunately|according"
                             r"\s+to|following|after|before|with|for|despite|since|while|although|because|in\s+particular"
                             r"|as\s+of|at|on|under|by|from|this\s+year|last\s+year|rather\s+than|instead\s+of|in\s+a\s+bid\s+to"
                             r"|in\s+an\s+effort\s+to|to\s+[a-z]+|amid|once|when|if|until|unlike|like|besides|apart\s+from"
                             # "Established in 2010, the Warrior Games ...": a participle's
                             r"|(?:first\s+)?(?:[a-z]+ed|held|built|born|made|begun|known|set\s+up)"
                             # "Speaking to reporters, the minister said ...": the saying's circumstances
                             r"|(?:speaking|writing|addressing|responding|talking)\s+(?:to|at|on|in|with|during)?)\b"
                             r"(?:[^,]|,\s+[A-Z][a-z]+(?=,)){0,100},\s*)+",  # "in Albany, Georgia, " is one phrase
                             re.IGNORECASE)
_PASSIVE_END = re.compile(r"\b(?:was|were|is|are|been|be|being|has|have|had)$")  # "were announced": no speech
_WHO_QUALIFIED = re.compile(r"\s+(?:in|of|at|from|for|with)\s+")  # "Health officials in China": officials
# An opening phrase's second part: "With special events, and free admission to all parks, the NPS ...".
_AND_MORE = re.compile(r"and\s[^,]{0,100},\s*", re.IGNORECASE)
# "Race officials", "Police", "Authorities": a subject that takes "say", not "says"; a capitalised word at the start
# only when it is a common noun ("Officials say"), not a name ("Jobs says").
_PLURAL_WHO = re.compile(r"(?:\b[Pp](?:olice|eople)|\b[a-z]{3,}(?<!ss)(?<!us)(?<!is)s"
                         r"|^(?:Officials|Authorities|Residents|Experts|Scientists|Researchers|Analysts|Witnesses|Investigators|Prosecutors|Doctors|Critics"
                         r"|Organi[sz]ers|Officers|Lawmakers|Workers|Students|Protesters|Fans|Voters|Rescuers|Forecasters"
                         r"|Engineers|Economists|Sources|Reports|Leaders|Ministers|Members|Teams|Companies|Groups"
                         r"|Firefighters|Troops|Soldiers|Activists|Parents|Teachers|Scholars|Regulators))"
                         r"(?:\s+(?:also|now|then|later|again))?$")  # "CBS", "NASA", "the United States" are one
_LEFT_OVER = re.compile(r"\s*\[[a-z]{2}\]|,\s+(?:however|though|meanwhile|moreover),(?=\s)|,?\s+respectively\b"
                        r"|\s+(?:later|earlier)(?=\s*[.,;]?\s*$)")  # "later on Monday" without its day
_SUBJECT_COMMA = re.compile(r"^\s*([A-Z][^,]{2,60}),\s+(departs|arrives|begins|opens|starts|ends|leaves|returns"
                            r"|launches|hosts|holds|sails|deploys)\b")
_LEFT_ZONE = re.compile(r"^\s+(?:(?:Eastern|Central|Mountain|Pacific|Atlantic)\s+(?:Standard|Daylight)\s+Time"
                        r"|[ECMP][SD]T|GMT|UTC|BST|CET|CEST|IST)\b")
# A verb right after a date that opens a sentence: the date is its subject ("2019 saw record sales").
_VERB_AFTER_SUBJECT = re.compile(r"\s+(?:(?!this\b|its\b|his\b|was\b)[a-z]+(?:ed|s)|saw|was|were|is|are|has|had"
                                 r"|brought|began|became|came|went|took|gave|left|made|set|will|would|could)\b")
# "It was announced that ...", "It emerged that ...": what was announced is the news
_IMPERSONAL = re.compile(r"^(?i:it)\s+(?:(?:was|has\s+been)\s+(?P<said>announced|confirmed|reported|revealed|disclosed)"
                         r"|emerged|transpired)\s+that\s+")
# A relative clause that said only when, once its date has gone to the date field
_EMPTIED_CLAUSE = re.compile(r"\s+(?:that|which)\s+(?:began|started|struck|hit|opened|ended|erupted|broke\s+out)"
                             r"(?=\s+(?:[a-z]+ed|left|hit|cut|brought|forced|kept|made|sent|took|gave|shut|drew|led)\b)")
# A second date joined to the one the date field holds: "occurred in 2015 and 2017" drafts "occurred"
_JOINED_DATE = re.compile(rf"^\s+(?:and|or)\s+(?:in\s+|on\s+)?(?:\d{{4}}\b|(?:{FULL_MONTHS})(?:\s+\d{{1,2}}\b)?"
                          rf"(?:,?\s+\d{{4}}\b)?|{WEEKDAY}\b)(?=\s*(?:[.,;:)]|$))")
# An aside its date has left empty: "The report, released on Thursday, found ..." without "on Thursday"
_EMPTIED_ASIDE = re.compile(r",\s+(?:[a-z]{3,}ed|held|built|made|begun|written|taken|given|shown|seen|known|found"
                            r"|due(?:\s+out)?)\s*,"
                            r"(?=\s)")
_LEFT_DAY = re.compile(r"^\s*(?:and\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning"
                       r"|afternoon|evening|night))?|(?:morning|afternoon|evening|night)|early|late"
                       r"|(?:between|from)\s+[^,]{1,20}?\s+(?:and|to)),\s+", re.IGNORECASE)  # "Between 1:15pm and, ..."
_LEFT_CLOCK = re.compile(r",\s+at\s+\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+[A-Z]{2,4})?(?=\s*[,.;]?\s*$)", re.IGNORECASE)
# Where a clause ends: a title is cut there rather than mid-clause.
_CLAUSE_END = re.compile(r"(?:,\s+(?=[a-z]+ing\s+(?!and\b|or\b)[a-z])"  # ", trying to salvage", not a list's "acting,"
                         r"|,\s+(?=(?:which|who|where|when|as|after|while|but|and|saying|adding|including|"
                         r"although|though|because|despite|with|amid)\b)|;\s+|\s+[—–-]\s+|…\s*)")  # "protestors…please"
# Words a cut title does not end on: what follows them was cut ("benefit from up", "the number of").
_WANTS_MORE = frozenset("""
    a an the of and or to in on at for with by from not only is are was were be been that which who as its their his
    her up than more less into has have had will would can could should may might must being every each all some over
    about across through under against among between via per like such after before during toward towards upon
    several many most few any no these those this our your trying going able due expected planning hoping seeking
    likely ready scheduled expects plans intends aims hopes wants needs seeks tries continue continues continued
    decided agreed failed refused managed vowed pledged promised urged asked allowed forced helped consistent
    responsible eligible similar subject committed designed intended
""".split())  # noqa: SIM905 - a paragraph of words reads better than a list of strings
_TRAILING_APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s[^,]*$")
_WANTING_END = re.compile(rf"(?i)\b(?:{'|'.join(sorted(_WANTS_MORE))}|that\s+(?:it|they|he|she|we))$"
                          # "invites visitors to join", ", trying", "will catch up when data", "a fair from 4"
                          r"|\bto\s+[a-z]+$|,\s+[a-z]+ing$|\b(?:when|that|where|whether|if|while)\s+\S+$|\bfrom\s+\d+$"
                          # "a free case in response": to what; "meetings, followed": by what
                          r"|\bin\s+(?:response|addition|order|relation|reference|line|accordance|connection)$"
                          r"|,\s+[a-z]+(?:ed|en)$")
# ", sponsored by the FTC and HHS,", ", 23,", ", the first in a year,": an aside a long title can do without
# (not a list's item: it opens with a participle, an age or an article).
_COMMA_ASIDE = re.compile(r",\s+(?:[a-z]+(?:ed|en)\b|held|built|born|made|known|\d{1,3},|(?:a|an|the)\s)"
                          r"[^,;:]{0,80}?,\s*(?=\S)")
# The word that ties a date to its sentence, removed with it: "postponed until Saturday" becomes "postponed".
_DATE_PREPOSITION = (r"(?:(?:no|not)\s+(?:earlier|later)\s+than|not\s+before|as\s+(?:early|soon)\s+as"
                     r"|on|in|at|from|between|since|by|for|until|till|to|through|throughout|over|during|within"
                     r"|earlier|later|(?<!after\s)(?:starting|beginning)|effective)")  # not "After Starting Monday"
# Words that want what follows them: a date after them at the sentence's end is its point ("The deadline is
# Tuesday", "NASA and SpaceX now are targeting 7:49 p.m. Saturday", "remains scheduled for March 28").
_NEEDS_ITS_DATE = re.compile(r"\b(?:is|was|are|were|be|remains?|targeting|scheduled|set|slated|of|as\s+of|into\s+effect"
                             r"\s+as\s+of|runs?|continues?|lasts?)$", re.IGNORECASE)
_PHRASE_START = re.compile(r"\s+(?=(?:in|on|at|for|with|from|to|by|after|before|over|during|amid|against|under)\s)")


def _told_now(reported: str) -> str:
    """Return a reported clause as a headline in the present tells it: "schools would reopen" -> "schools will
    reopen" (the clause leaves the past with its saying)."""
    return re.sub(r"\bwould\b", "will", reported, count=1)


def draft_title(sentence: str, evidence: list[str]) -> str:
    """Return a headline-like title drafted from a sentence: its dates, asides and attribution removed, reported
    speech told in the present ("It was announced that" left out), at most TITLE_LENGTH characters, cut only where a
    clause or phrase ends."""
    title = sentence
    for text in evidence:
        title = _without_date(title, text)
    title = _LEFT_DAY.sub("", title)  # "On Sunday and Saturday evening, ...", "On Sunday" gone: no "Saturday evening,"
    title = _EMPTIED_CLAUSE.sub("", title)  # "Heavy rain that began on Sunday caused ...": no "rain that began caused"
    # after an opening phrase ("In the first World Cup, held in 1991, the U.S. ...") the comma stays to mark it
    title = _EMPTIED_ASIDE.sub(lambda m: "," if _OPENING_PHRASE.match(title) and "," not in title[:m.start()] else "",
                               title)
    if len(re.findall(r"\w+", title)) < 2:
        title = sentence  # "Beginning on Saturday morning, it continued through to Sunday": the dates are its news
    title = _SPELLED_OUT.sub(lambda m: m.group(2) if _initials(m.group(1)) == m.group(2) else m.group(0), title)
    title = re.sub(r"\s*\([^)]*\)", "", title)  # asides
    title = _LEFT_CLOCK.sub("", title)  # ", at 12:01 a.m. EDT" once its day has gone to the date field
    title = _LEFT_OVER.sub("", title)  # "[es]" link markers, ", however,", ", respectively" without its list
    title = _SUBJECT_COMMA.sub(r"\1 \2", title)  # "CCGS Samuel Risley, departs Quebec City": no comma
    title = _ASIDE.sub(" ", title)
    title = _trimmed(re.sub(r"\s*,(\s*,)+", ",", " ".join(title.split())))
    title = _trimmed(_ATTRIBUTION.sub("", title)) or title
    title = title.lstrip("–—-•* ")  # a list's bullet
    if title and title[0] in "“\"" and title.count(title[0]) + title.count("”") <= 2:
        title = title.strip("“”\"")  # a quotation as the title: its words, not its marks
    phrase_gone = False
    while True:  # "With special events, and free admission, the NPS ...": each opening word or phrase in turn
        opening = (phrase_gone and _AND_MORE.match(title)) or _LEAD.match(title) or _OPENING_PHRASE.match(title)
        rest = title[opening.end():] if opening else ""
        if not opening or len(rest.split()) < 5 or re.match(r"(?i)(?:which|who|whom|whose|that)\b", rest):
            break
        phrase_gone = opening.re is _OPENING_PHRASE
        title = rest  # "Regarding proposed changes, the Department has named ...": the Department
    impersonal = _IMPERSONAL.match(title)
    if impersonal and len(title[impersonal.end():].split()) >= 4:  # "It was announced that the festival would be ..."
        what = title[impersonal.end():]
        what = _told_now(what) if impersonal["said"] else what
        title = what[:1].upper() + what[1:]
    reported = _REPORTED.match(title)
    if reported and reported["verb"] in _PRESENT and not _PASSIVE_END.search(reported["who"]):
        present = _PRESENT[reported["verb"]]
        if _PLURAL_WHO.search(_WHO_QUALIFIED.split(reported["who"])[0]):
            present = present.removesuffix("s")  # "Police say"
        title = f"{reported['who']} {present} {_told_now(reported['what'])}"
    title = re.sub(r"\bnot only (.+?),? but also\b", r"\1 and", title)  # a headline says both plainly
    # a sentence that is only a quotation mark and its date keeps what it has
    title = _trimmed(re.sub(r"\s+([,.;:])", r"\1", title)) or _trimmed(" ".join(sentence.split()).strip("“”\""))
    return _shortened(title[:1].upper() + title[1:])


def _trimmed(title: str) -> str:
    """Return a title without the punctuation and spaces at its ends, keeping an abbreviation's last full stop
    ("at 6:30 p.m.", "the U.S.")."""
    title = title.strip(" ,;:|–—-")
    while title.endswith(".") and not re.search(r"\b[A-Za-z]\.[A-Za-z]\.$", title):
        title = title[:-1].rstrip(" ,;:|–—-")
    return title.lstrip(".")


def _without_date(title: str, text: str) -> str:
    """Return a title without the words that date it, which the event's date field holds: "Friday's launch" becomes
    "the launch", "set for Saturday" becomes "set"; a holiday's name stays ("Thanksgiving travel"), and so does a
    date that is the sentence's subject ("Sunday is the day ...")."""
    if HOLIDAY.fullmatch(text):
        return title
    dated = re.escape(text)
    if re.search(rf"\b{dated}['’]s\s", title, flags=re.IGNORECASE):
        return re.sub(rf"\b{dated}['’]s\s+", "the ", title, count=1, flags=re.IGNORECASE)
    # "would now happen in early January 2023": "in early" goes with its month, "at approximately" with its hour
    found = re.search(rf"\s*\b{_DATE_PREPOSITION}?\s*(?:(?:approximately|about|around|roughly)\s+)?"
                      rf"(?:(?:early|mid|late)[\s-]+)?{dated}(\s*\([^)]*\))?", title, flags=re.IGNORECASE)
    if not found:
        return title
    before, after = title[:found.start()], title[found.end():]
    after = _JOINED_DATE.sub("", after, count=1)
    after = _LEFT_ZONE.sub("", after, count=1)  # "5:00 p.m. Eastern Standard Time": the zone goes with its hour
    if not before.rstrip().endswith(","):
        after = re.sub(r"^,(?=\s+(?:in|at|near|outside)\s+[A-Z])", "", after)  # "on March 24, 2009, in Tucson"
    if re.search(r"\b[Aa]\s*$", before) and re.match(r"\s*[aeioAEIO]", after):
        before = re.sub(r"([Aa])(\s*)$", r"\1n\2", before)  # "a March 2 incursion": "an incursion"
    shorter = before + after
    # the date is the sentence's subject ("Sunday is the day"), not its opening phrase ("In late spring 2021")
    opening = re.match(rf"\s*(?:{_DATE_PREPOSITION}|early|mid|late)[\s-]", found[0], re.IGNORECASE)
    subject = (not before.strip(" “\"") and not opening) \
        or re.fullmatch(r"\s*(?:this\s+past|this|last|next)\s*", before, re.IGNORECASE)
    if re.match(r"\s*(?:is|was|are|were|will|has|had)\b", shorter) or _NEEDS_ITS_DATE.search(before) or (
            subject and _VERB_AFTER_SUBJECT.match(after)):
        return title  # "Sunday is the day ...", "the deadline is Tuesday.", "This past week marked ...": its subject
    return shorter


def _initials(words: str) -> str:
    """Return the capital initials of spelled-out words ('North Atlantic Treaty Organization ' -> 'NATO')."""
    return "".join(word[0] for word in words.split() if word[0].isupper())


def _shortened(title: str) -> str:
    """Return title brought to TITLE_LENGTH: its asides between commas left out first ("The workshop, sponsored by
    the FTC, was held"), then cut at the last clause end, else the last phrase start that leaves no word wanting
    what follows ("benefit from up"), else the last word."""
    while len(title) > TITLE_LENGTH:
        asides = [m for m in _COMMA_ASIDE.finditer(title) if title[m.start() - 1] not in "”\"’'"]
        if not asides:
            break
        shortest = min(asides, key=lambda m: len(m[0]))
        title = title[:shortest.start()] + " " + title[shortest.end():]
    appositive = _TRAILING_APPOSITIVE.search(title)
    if len(title) > TITLE_LENGTH and appositive and appositive.start() >= 30:
        title = title[:appositive.start()]  # "... has killed a woman, the country's first death from it in a year"
    if len(title) <= TITLE_LENGTH:
        return title
    for pattern in (_CLAUSE_END, _PHRASE_START):
        cuts = [m.start() for m in pattern.finditer(title) if 30 <= m.start() <= TITLE_LENGTH
                and not _WANTING_END.search(title[:m.start()].rstrip(" ,;:—–-"))]
        if cuts:
            return title[:cuts[-1]].rstrip(" ,;:—–-")
    words = title[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:").split()
    while len(words) > 4 and _WANTING_END.search(" ".join(words)):
        words.pop()
    return " ".join(words).rstrip(" ,;:")


# Capitalised words in a row, with the particles of names ("Mohammed bin Salman", "Charles de Gaulle").
_NAME = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:[ -](?:[A-Z][a-z]+|[A-Z]{2,}|bin|de|von|van|al))*\b")
_NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "I", "This", "That", "But", "And", "Moreover",
    "Meanwhile", "However", "Recently", "Also", "What", "Watch", "Read", "Story", "Updated", "Thursday", "Monday",
    "Tuesday", "Wednesday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December", "Nov", "Oct", "Dec", "Jan", "Feb",
}
# Words before a name that say what the person is ("Foreign Minister"), not who.
_TITLES = {
    "President", "Prime", "Minister", "Foreign", "Defence", "Defense", "Secretary", "General", "Chancellor",
    "King", "Queen", "Prince", "Chief", "Leader", "Leaders", "Senator", "Governor", "Mayor", "Ambassador", "Envoy",
    "Spokesman", "Spokeswoman", "Commander", "Chairman", "Director", "Deputy", "Vice", "Former", "Supreme", "Pope",
}
# Words that make a capitalised name a country, an organisation or a holiday.
_PLACES_AND_BODIES = re.compile(
    r"\b(North|South|East|West|United|European|Kingdom|States|Republic|Union|Organization|Treaty|Council|"
    r"Ministry|Day|Korea|Russia|Ukraine|China|Iran|America|Atlantic|"
    # a river, a street, a building: a place, not a person
    r"River|Lake|Bay|Sea|Ocean|Mountains?|Mount|Island|Islands|Valley|Point|Park|Street|Avenue|Road|Bridge|County|City|"
    r"Center|Centre|Hall|Station|Airport|Port|Base|Fort|Stadium|University|College|School|Hospital|Museum|Library|"
    r"Agency|Department|Office|Service|Administration|Commission|Committee|Board|Bureau|Institute|Company|Corporation|"
    r"Bank|Group|Association|Party|Games|Festival|Week|Month|Year|War|Revolution|Cup|Championships?|Olympics|Summit|"
    r"Conference|Crisis)\b"
)


def suggest_actors(text: str, known_actors: list[str]) -> list[str]:
    """Return people named in text: known actors first, then two- to four-word capitalised names."""
    found = [actor for actor in known_actors if actor and re.search(rf"\b{re.escape(actor)}\b", text)]
    for match in _NAME.finditer(text):
        name = match.group(0)
        words = name.split()
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        while words and (words[0] in _TITLES or re.fullmatch(r"[A-Z][a-z]+(?:an|ese|ish)", words[0])):
            words = words[1:]  # "Russian President Vladimir Putin" -> "Vladimir Putin"
        candidate = " ".join(words)
        if 2 <= len(words) <= 4 and all(w[0].isupper() for w in words if w not in ("bin", "de", "von", "van", "al")) \
                and not any(candidate in other for other in found) and not _is_place_or_body(candidate):
            found.append(candidate)
    return found


def _is_place_or_body(name: str) -> bool:
    """Return whether a capitalised name looks like a country, an organisation or a holiday, not a person."""
    return bool(_PLACES_AND_BODIES.search(name))


def known_spellings(names: list[str], entities: Entities) -> list[str]:
    """Return names with every spelling entities.toml gives the entities among them, longest first (a full name
    wins over a part of it)."""
    spellings = set(names)
    for name in names:
        entity = entities.entity(name)
        if entity is not None:
            spellings.update((entity.name, *entity.aliases))
    return sorted(spellings, key=lambda name: (-len(name), name))


def under_known_names(names: list[str], known: list[str], entities: Entities) -> list[str]:
    """Return suggested names, each under the name the project knows it by: an alias of entities.toml as its
    entity's name, another spelling of a known name ('Choe Son-hui', 'choe son hui') as that name; each once."""
    by_key = {spelling_key(spelling): entities.name(spelling) for spelling in reversed(known)}
    return list(dict.fromkeys(entities.name(by_key.get(spelling_key(name), name)) for name in names))


def suggest_location(text: str, known_places: list[str]) -> str:
    """Return a place named in the event's sentences ('in Budapest', 'in the Kremlin'), or ''."""
    for place in known_places:
        if place and re.search(rf"\b{re.escape(place.split(',')[0])}\b", text):
            return place
    match = re.search(r"\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2})\b", text)
    if match and match.group(1) not in _NOT_NAMES:
        return match.group(1)
    return ""

