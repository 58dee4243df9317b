"""The article extract reads: a text file, a saved HTML page or a page fetched from a URL, its publication
date (page metadata or a stamp line), and its reporting paragraphs without page furniture."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from timeline.model.dates import DAY, DateError, EventDate, parse_date
from timeline.problems import not_a_file

MAX_BYTES = 5 * 1024 * 1024
FETCH_TIMEOUT = 20


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

    class WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
        """Follows redirects to web addresses only (urllib alone would follow one to ftp://)."""

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if urlsplit(newurl).scheme.lower() not in ("http", "https"):
                raise ExtractError(f"{url}: the server sent it on to {newurl}, which is not a web address")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    request = urllib.request.Request(url, headers={"User-Agent": "timeline-extract/1.0 (+news timeline drafting)"})
    try:
        with urllib.request.build_opener(WebOnlyRedirects).open(request, timeout=FETCH_TIMEOUT) as response:
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
    """Return a plain-text article: its first line other than a publication stamp is the headline (read_source
    finds its date)."""
    lines = [line.strip() for line in text.splitlines()]
    return Article(text=text, title=next((line for line in lines if line and not _STAMP.match(line)), ""))


# Lines that are page furniture, not reporting: links to other stories, captions, credits, bylines.
_FURNITURE = re.compile(
    r"^\s*(also read|read more|watch\s*\||watch:|read in app|story highlights|edited by|written by|"
    r"photograph\s*:|photo:|image:|\(with inputs from|subscribe\b|follow us|advertisement\s*$|click here|share this)",
    re.IGNORECASE,
)
# A dateline opening the first paragraph says where and when it was filed, not when anything happened:
# "WASHINGTON (AP) — ", "MOSCOW, Nov 5 (Reuters) - ", "KYIV, Ukraine, 5 November 2024 — ", "(CNN) — ".
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z'.-]+(?:[ /-][A-Z][A-Z'.-]+)*(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?,?\s+)?"
    r"(?:(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?\s*)?"
    r"(?:\([A-Z][A-Za-z&.]*(?:\s[A-Z][A-Za-z&.]*)*\)\s*)?[-—–]{1,2}\s+(?=[A-Z\"“])")
_SENTENCE_ENDS = (".", "!", "?", "”", '"')  # how a block that is a sentence ends
_CREDIT = re.compile(r"\b(photograph|photo|image|picture)\s*:\s*\(?", re.IGNORECASE)


def paragraphs(article: Article) -> list[str]:
    """Return the article's reporting paragraphs, without headline, stamp line, dateline and page furniture."""
    result = []
    for block in re.split(r"\n\s*\n|\n", article.text):
        block = " ".join(block.split())
        if not block or block == article.title or _FURNITURE.match(block) or _CREDIT.search(block) \
                or _stamp_line(block):
            continue
        if len(block.split()) < 4 and not block.endswith(_SENTENCE_ENDS):
            continue  # a caption, a label, a credit
        result.append(block if result else _DATELINE.sub("", block, count=1))
    return result


def _stamp_line(block: str) -> bool:
    """Return whether a block is a publication stamp ("Belgium Updated: Nov 07, 2024, 10:15 PM(IST)", "Published
    4 November 2024"), not a sentence that tells of a publishing ("The report was published on 2024-03-15.")."""
    stamp = _STAMP.search(block[:80])
    return bool(stamp) and (stamp.start() == 0 or not block.endswith(_SENTENCE_ENDS))


def source_of(article: Article) -> dict[str, str]:
    """Return the article as an event source."""
    return {
        "title": article.title,
        "publisher": article.publisher,
        "published": article.published.iso() if article.published else "",
        "url": article.url if urlsplit(article.url).scheme in ("http", "https") else "",
    }
