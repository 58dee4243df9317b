"""extract: read a news article, date what it reports, and draft event files for an editor to finish.

The article is read (text file, saved HTML page or URL), its publication date found,
every temporal expression resolved against that date (timeline.timex), and each
sentence that dates something becomes a draft. Clues spread over adjacent
sentences ("earlier this week ... on National Unity Day") are combined.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from timeline.authoring.sentences import sentences
from timeline.model.dates import DAY, EventDate, DateError, parse_date
from timeline.problems import not_a_file

MAX_BYTES = 5 * 1024 * 1024
FETCH_TIMEOUT = 20
TITLE_LENGTH = 110


class ExtractError(Exception):
    """A problem with the article that stops extract; its message is the one line the user sees."""


@dataclass
class Article:
    """A news article's text and what is known about it."""

    text: str
    title: str = ""
    publisher: str = ""
    published: EventDate | None = None
    published_note: str = ""
    url: str = ""
    location: str = ""


@dataclass
class Draft:
    """An event found in an article, before an editor finishes it."""

    date: EventDate
    sentences: list[str]
    evidence: list[str]
    title: str = ""
    actors: list[str] = field(default_factory=list)
    location: str = ""
    duplicate_of: str = ""
    cited_there: bool = False  # the event it repeats already rests on this article
    position: int = 0  # the index of its first sentence in the article

    @property
    def quote(self) -> str:
        """Return the article's words the draft rests on."""
        return " ".join(self.sentences)


# --- reading the source -------------------------------------------------------------------------

def read_source(source: str) -> Article:
    """Return the article at source: a text file, a saved HTML page, or an http(s) URL."""
    if re.match(r"https?://", source, re.IGNORECASE):
        data, url = fetch(source), source
    else:
        path = Path(source)
        if not path.is_file():
            raise ExtractError(f"{source}: {not_a_file(path)}")
        if path.stat().st_size > MAX_BYTES:
            raise ExtractError(f"{source}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB; is it an article?")
        data, url = path.read_bytes(), ""
    if not data.strip():
        raise ExtractError(f"{source}: the file is empty")
    if b"\x00" in data[:4096]:
        raise ExtractError(f"{source}: this is a binary file, not an article (text or HTML)")
    text = _decode(data, source)
    if re.search(r"<(html|body|article|p|div)\b", text[:20000], re.IGNORECASE):
        article = read_html(text, url, source)
    else:
        article = read_text(text)
    if article.published is None:  # a page without date metadata may still have a stamp line
        found = find_publication_line(article.text)
        if found:
            article.published, article.published_note = found
    return article


def fetch(url: str) -> bytes:
    """Return the bytes at an http(s) URL, within a time and size limit."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "timeline-extract/1.0 (+news timeline drafting)"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise ExtractError(f"{url}: the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ExtractError(f"{url}: could not fetch it ({reason})") from None
    if len(data) > MAX_BYTES:
        raise ExtractError(f"{url}: the page is larger than {MAX_BYTES // (1024 * 1024)} MB; is it an article?")
    return data


def _decode(data: bytes, source: str) -> str:
    """Return bytes as text: UTF-8, else the encoding charset-normalizer finds."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ExtractError(f"{source}: cannot read the text (not UTF-8 and no other encoding fits)")
    return str(best)


def read_html(html: str, url: str, source: str) -> Article:
    """Return the main text and metadata (headline, publisher, date, canonical URL) of a news page."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    if len(text.split()) < 20:
        raise ExtractError(f"{source}: no article text found in this page")
    metadata = trafilatura.extract_metadata(html, default_url=url or None)
    published = None
    note = ""
    if metadata is not None and metadata.date:
        try:
            published = parse_date(metadata.date[:10])
            note = f"the page's metadata gives {metadata.date}"
        except DateError:
            published = None
    return Article(
        text=text,
        title=(metadata.title if metadata and metadata.title else "").strip(),
        publisher=(metadata.sitename if metadata and metadata.sitename else "").strip(),
        published=published,
        published_note=note,
        url=(metadata.url if metadata and metadata.url else url) or "",
    )


# "Updated: Nov 07, 2024, 10:15 PM(IST)", "Published on 7 November 2024", "First published: ..."
_STAMP = re.compile(
    r"(?P<label>(?:last\s+)?updated|published|posted|first published)\s*(?:on|at)?\s*:?\s*"
    r"(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})|(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})"
    r"|(?:\d{4}-\d{2}-\d{2}))"
    r"(?P<rest>[^\n]{0,40})",
    re.IGNORECASE,
)
_ZONES = {"IST": "India Standard Time, UTC+05:30", "GMT": "UTC", "UTC": "UTC", "BST": "UTC+01:00",
          "EST": "UTC-05:00", "EDT": "UTC-04:00", "CET": "UTC+01:00", "CEST": "UTC+02:00", "MSK": "UTC+03:00",
          "KST": "UTC+09:00", "JST": "UTC+09:00"}


def find_publication_line(text: str) -> tuple[EventDate, str] | None:
    """Return the publication date of a text article from its stamp line, and how it was found."""
    for match in _STAMP.finditer(text[:3000]):
        try:
            date = parse_date(match["date"])
        except DateError:
            continue
        if date.precision != DAY:
            continue
        zone = next((word for word in re.findall(r"[A-Z]{2,4}", match["rest"] or "") if word in _ZONES), None)
        zone_note = f" ({zone}: {_ZONES[zone]})" if zone else ""
        return date, f"the article's line '{match.group(0).strip()}'{zone_note}"
    return None


def read_text(text: str) -> Article:
    """Return a plain-text article: its first line is the headline (read_source finds its date)."""
    lines = [line.strip() for line in text.splitlines()]
    return Article(text=text, title=next((line for line in lines if line), ""))


# --- sentences ----------------------------------------------------------------------------------

# Lines that are page furniture, not reporting: links to other stories, captions, credits, bylines.
_FURNITURE = re.compile(
    r"^\s*(also read|read more|watch\s*\||watch:|read in app|story highlights|edited by|written by|"
    r"photograph|photo:|image:|\(with inputs from|subscribe|follow us|advertisement|click here|share this)",
    re.IGNORECASE,
)
_CREDIT = re.compile(r"\b(photograph|photo|image|picture)\s*:\s*\(?", re.IGNORECASE)


def paragraphs(article: Article) -> list[str]:
    """Return the article's reporting paragraphs, without headline, stamp line and page furniture."""
    result = []
    for block in re.split(r"\n\s*\n|\n", article.text):
        block = " ".join(block.split())
        if (not block or block == article.title or _FURNITURE.match(block) or _CREDIT.search(block)
                or _STAMP.search(block[:80])):
            continue
        if len(block.split()) < 4 and not block.endswith((".", "!", "?", "”", '"')):
            continue  # a caption, a label, a credit
        result.append(block)
    return result


# --- drafting events ----------------------------------------------------------------------------

_FUTURE = re.compile(r"\b(will|shall|to be held|plans? to|is to|are to|next|upcoming|scheduled)\b", re.IGNORECASE)


def find_events(article: Article, country: str | None = None, known_actors: list[str] = (),
                known_places: list[str] = ()) -> list[Draft]:
    """Return a draft for every dated thing the article reports, clues in adjacent sentences combined."""
    from timeline.authoring.timex import find_timexes

    if article.published is None:
        raise ExtractError("cannot find when the article was published; give it with --published DATE")
    units = [s for paragraph in paragraphs(article) for s in sentences(paragraph)]
    dated: list[tuple[int, list]] = []
    for index, sentence in enumerate(units):
        timexes = [t for t in find_timexes(sentence, article.published, country=country) if t.type in ("DATE", "TIME")]
        dated.append((index, timexes))
    drafts: list[Draft] = []
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
                used.update({index, other_index})
                low, high = min(index, other_index), max(index, other_index)
                used.update(range(low, high + 1))
                drafts.append(Draft(
                    date=timex.date,
                    sentences=units[low: high + 1],
                    evidence=[t.text for t in vague] + [timex.text],
                    position=low,
                ))
            continue
        for timex in _distinct_dates(exact):
            used.add(index)
            drafts.append(Draft(date=timex.date, sentences=[units[index]], evidence=[timex.text], position=index))
    for draft in drafts:
        draft.title = draft_title(draft.sentences[0], draft.evidence)
        text = " ".join(draft.sentences)
        draft.actors = suggest_actors(text, known_actors)
        # The place is often in the next sentence about the same people ("..., Rutte said ... in Budapest").
        following = units[draft.position + len(draft.sentences): draft.position + len(draft.sentences) + 2]
        surnames = [actor.split()[-1] for actor in draft.actors]
        nearby = [s for s in following if any(re.search(rf"\b{re.escape(n)}\b", s) for n in surnames)]
        draft.location = suggest_location(text, known_places) or suggest_location(" ".join(nearby), known_places)
    return drafts


def _combine(index: int, vague: list, dated: list, used: set[int]):
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
    import datetime

    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week and date.year > 0:
        iso = datetime.date(date.year, date.month, date.day).isocalendar()
        return (iso[0], iso[1]) == (int(week.group(1)), int(week.group(2)))
    month = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if month:
        return (date.year, date.month) == (int(month.group(1)), int(month.group(2)))
    return value == str(date.year)


def _distinct_dates(timexes: list) -> list:
    """Return timexes that name different dates, the most precise of equal ones kept."""
    chosen: dict[str, object] = {}
    for timex in sorted(timexes, key=lambda t: -len(t.date.iso())):
        if not any(other.date.iso().startswith(timex.date.iso()) for other in chosen.values()):
            chosen[timex.date.iso()] = timex
    return list(chosen.values())


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


_NAME = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:[ -](?:[A-Z][a-z]+|[A-Z]{2,}|bin|de|von|van|al))*\b")
_NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "I", "This", "That", "But", "And", "Moreover",
    "Meanwhile", "However", "Recently", "Also", "What", "Watch", "Read", "Story", "Updated", "Thursday", "Monday",
    "Tuesday", "Wednesday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December", "Nov", "Oct", "Dec", "Jan", "Feb",
}


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


_TITLES = {
    "President", "Prime", "Minister", "Foreign", "Defence", "Defense", "Secretary", "General", "Chancellor",
    "King", "Queen", "Prince", "Chief", "Leader", "Leaders", "Senator", "Governor", "Mayor", "Ambassador", "Envoy",
    "Spokesman", "Spokeswoman", "Commander", "Chairman", "Director", "Deputy", "Vice", "Former", "Supreme", "Pope",
}
_PLACES_AND_BODIES = re.compile(
    r"\b(North|South|East|West|United|European|Kingdom|States|Republic|Union|Organization|Treaty|Council|"
    r"Ministry|Day|Korea|Russia|Ukraine|China|Iran|America|Atlantic)\b"
)


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


def find_duplicates(drafts: list[Draft], events: list, source: dict[str, str]) -> None:
    """Mark drafts that repeat an existing event (same date and a similar title or shared actors), and
    whether that event already cites source, the article they come from."""
    for draft in drafts:
        for event in events:
            if event.date != draft.date:
                continue
            similar = difflib.SequenceMatcher(None, event.title.lower(), draft.title.lower()).ratio() > 0.5
            shared = set(event.actors) & set(draft.actors)
            if similar or shared:
                draft.duplicate_of = event.path
                draft.cited_there = any(same_source(cited, source) for cited in event.sources)
                break


def same_source(cited, source: dict[str, str]) -> bool:
    """Return whether an event's source is the article source describes: the same address, or without
    addresses the same headline, publisher and day."""
    def plain(text: str) -> str:
        return " ".join(text.split()).casefold()

    if cited.url and source["url"]:
        return cited.url.rstrip("/") == source["url"].rstrip("/")
    return (plain(cited.title), plain(cited.publisher), cited.published.iso()) == (
        plain(source["title"]), plain(source["publisher"]), source["published"])


def source_of(article: Article) -> dict[str, str]:
    """Return the article as an event source."""
    return {
        "title": article.title,
        "publisher": article.publisher,
        "published": article.published.iso() if article.published else "",
        "url": article.url if urlsplit(article.url).scheme in ("http", "https") else "",
    }
