"""What extract suggests for a found event: a title drafted from its sentence, the people it names, its place."""

from __future__ import annotations

import re

TITLE_LENGTH = 110


def draft_title(sentence: str, evidence: list[str]) -> str:
    """Return a title drafted from a sentence: its dates and asides removed, cut at a word."""
    title = sentence
    for text in evidence:
        title = re.sub(rf"\s*\b(on|in|at|from|since|by|earlier|later)?\s*{re.escape(text)}(\s*\([^)]*\))?",
                       "", title, count=1, flags=re.IGNORECASE)
    title = re.sub(r"\s*,(\s*,)+", ",", title)
    title = re.sub(r"^(moreover|meanwhile|however|also|recently|and|but),?\s+", "", title, flags=re.IGNORECASE)
    title = re.sub(r"\s+([,.;:])", r"\1", " ".join(title.split())).strip(" ,;:.")
    title = title[:1].upper() + title[1:]
    if len(title) > TITLE_LENGTH:
        title = title[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return title


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
    r"Ministry|Day|Korea|Russia|Ukraine|China|Iran|America|Atlantic)\b"
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


def suggest_location(text: str, known_places: list[str]) -> str:
    """Return a place named in the event's sentences ('in Budapest', 'in the Kremlin'), or ''."""
    for place in known_places:
        if place and re.search(rf"\b{re.escape(place.split(',')[0])}\b", text):
            return place
    match = re.search(r"\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2})\b", text)
    if match and match.group(1) not in _NOT_NAMES:
        return match.group(1)
    return ""

