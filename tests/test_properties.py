"""Properties that hold for every input, checked on inputs Hypothesis generates: the safety net of the refactor.

1. Dates: written out (ISO, words, ranges, estimates) and read back, they are the same date, or refused in words.
2. The loader: any bytes in an event file become an event or located problems, never an exception.
3. The sanitiser: no Markdown or raw HTML makes a description carry script.
4. events.json, imported into a new project and built again, gives the same site byte for byte.

The examples per property come from the profile tests/conftest.py loads (HYPOTHESIS_PROFILE: ci or thorough).
"""

from __future__ import annotations

import calendar
import json
import re
import string
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from timeline.model.dates import (
    DAY,
    MAX_YEAR,
    MONTH,
    WEEKDAY_NAMES,
    YEAR,
    DateError,
    EventDate,
    format_range,
    format_year,
    make_date,
    parse_date,
    range_parts,
)

# --- 1. dates -----------------------------------------------------------------------------------------------------

# The years where the rules change (eras, 1 BC beside AD 1, three-digit and two-digit years, the limits), and any other.
EDGE_YEARS = [-MAX_YEAR, -1000, -101, -100, -99, -10, -5, -4, -2, -1, 1, 2, 9, 10, 99, 100, 999, 1000, 1582, 1900,
              2000, 2024, 9998, MAX_YEAR]
YEARS = st.one_of(st.sampled_from(EDGE_YEARS), st.integers(-MAX_YEAR, MAX_YEAR).filter(bool))


def month_length(year: int, month: int) -> int:
    """Return the days of a month, worked out apart from the code under test: 1 BC is astronomical year 0."""
    return calendar.monthrange(2000 if calendar.isleap(year + 1 if year < 0 else year) else 2001, month)[1]


@st.composite
def event_dates(draw, years=YEARS, precisions=(DAY, MONTH, YEAR)) -> EventDate:
    """Return a real date at a precision: a day, a month or a year, BC or AD."""
    year = draw(years)
    precision = draw(st.sampled_from(precisions))
    if precision == YEAR:
        return EventDate(year)
    month = draw(st.integers(1, 12))
    if precision == MONTH:
        return EventDate(year, month)
    return EventDate(year, month, draw(st.integers(1, month_length(year, month))))


def astronomical(year: int) -> int:
    """Return the astronomical year (1 BC is 0), as historians' arithmetic needs it."""
    return year + 1 if year < 0 else year


def first_day(date: EventDate) -> tuple[int, int, int]:
    """Return (astronomical year, month, day) of the first day a date covers."""
    return astronomical(date.year), date.month or 1, date.day or 1


def last_day(date: EventDate) -> tuple[int, int, int]:
    """Return (astronomical year, month, day) of the last day a date covers."""
    month = date.month or 12
    return astronomical(date.year), month, date.day or month_length(date.year, month)


@st.composite
def ranges(draw) -> tuple[EventDate, EventDate]:
    """Return (start, end) of a range the checker accepts: the end wholly after the start.

    The end is often in the start's month or year, where the range's text shortens the start.
    """
    start = draw(event_dates())
    year = draw(st.one_of(st.just(start.year), st.integers(start.year, min(start.year + 3, MAX_YEAR)), YEARS))
    end = draw(event_dates(years=st.just(year) if year else st.just(1)))
    if end.month is not None and start.month is not None and draw(st.booleans()):
        end = EventDate(end.year, start.month, end.day and min(end.day, month_length(end.year, start.month)))
    if last_day(end) < first_day(start):
        start, end = end, start
    assume(first_day(end) > last_day(start))  # not the same date, nor one inside the other
    return start, end


def readable_in_words(date: EventDate) -> bool:
    """Return whether parse_date reads back date.format(), as CONTRIBUTING.md's table of date forms says.

    An AD year before 1000 written alone ('800') and one before 100 in any form ('4 November 24') are shown
    but not read: the checker asks for 0800 or 'AD 800' there, taking a short year for a typo.
    """
    return date.is_bce or date.year >= 1000 or (date.year >= 100 and date.month is not None)


@given(event_dates())
@example(EventDate(-1, 2, 29))  # 1 BC is astronomical year 0: a leap year
@example(EventDate(1, 1, 1))
def test_iso_reads_back_as_the_same_date_at_every_precision(date):
    text = date.iso()
    assert re.fullmatch(r"-?\d{4}(-\d\d(-\d\d)?)?", text), text
    assert parse_date(text) == date
    assert parse_date(text).precision == date.precision


@given(event_dates())
def test_words_read_back_as_the_same_date_or_are_refused_never_misread(date):
    text = date.format()
    if readable_in_words(date):
        assert parse_date(text) == date, text
    else:
        with pytest.raises(DateError):
            parse_date(text)
        assert parse_date(date.iso()) == date  # the form the message asks for


@given(event_dates(precisions=(DAY,)), st.integers(0, 6))
def test_a_weekday_before_a_day_is_checked(date, weekday):
    assume(readable_in_words(date))
    text = f"{WEEKDAY_NAMES[weekday]}, {date.format()}"
    if date.is_bce or calendar.weekday(date.year, date.month, date.day) == weekday:
        assert parse_date(text) == date  # no weekday is checked before AD 1
    else:
        with pytest.raises(DateError, match="check the source for the right day"):
            parse_date(text)


@given(event_dates(), st.sampled_from(["{iso}", "{words}", "{year}", "{year} BC", "AD {year}", "{year} AD"]))
def test_there_is_no_year_0(date, form):
    zero = EventDate(0, date.month, date.day)
    text = form.format(iso=zero.iso(), words=zero.format(), year="0")
    with pytest.raises(DateError, match=r"there is no year 0 in .*: 1 BC is followed by AD 1"):
        parse_date(text)
    with pytest.raises(DateError):
        make_date(0, date.month, date.day)


@given(YEARS)
def test_1_bc_is_followed_by_ad_1(year):
    assume(year != MAX_YEAR)
    following = 1 if year == -1 else year + 1
    assert make_date(following).start_key()[0] == make_date(year).end_key()[0] + 1
    if readable_in_words(EventDate(year)):
        assert parse_date(format_year(year)) == EventDate(year)


@given(event_dates())
def test_an_estimate_is_shown_with_c_and_reads_back_as_the_approximate_date(date):
    text = format_range(date, None, approximate=True)
    assert text == f"c. {date.format()}"
    assert parse_date(date.iso() + "~") == date.with_qualifiers(False, True)


@given(ranges(), st.booleans())
def test_a_range_text_holds_both_ends_and_is_never_read_as_one_date(dates, approximate):
    start, end = dates
    first, last = range_parts(start, end)
    text = format_range(start, end, approximate)
    prefix = "c. " if approximate else ""
    assert text in (f"{prefix}{first}–{last}", f"{prefix}{first} – {last}")
    # The end in full: as it is shown alone, or with 'AD' where the range crosses the eras.
    assert last in (end.format(), f"{end.format(with_year=False)} AD {end.year}".lstrip())
    # The start in full, or shortened by what the end already says: completed with the end's tail, it is the start.
    if first == str(start.day) and start.precision == end.precision == DAY:
        assert EventDate(end.year, end.month, int(first)) == start
    elif first == start.format(with_year=False) and first != start.format():
        assert start.year == end.year and start.precision == end.precision
        if readable_in_words(start):
            assert parse_date(f"{first} {format_year(end.year)}") == start
    elif first == str(-start.year) and start.is_bce:
        assert end.is_bce and start.precision == end.precision == YEAR
        assert parse_date(f"{first} BC") == start
    else:
        assert first == start.format()
        if readable_in_words(start):
            assert parse_date(first) == start
    if readable_in_words(end) and last == end.format():
        assert parse_date(last) == end
    # The range's text is not one date: reading it as the start (dropping the end) would lose half of it.
    with pytest.raises(DateError):
        parse_date(text)


@given(ranges())
def test_a_french_range_holds_both_ends(dates):
    from timeline.render.i18n import language

    start, end = dates
    french = language("fr")
    text = french.format_range(start, end)
    assert text.endswith(french.format_date(end))
    assert text.startswith((french.format_date(start), f"{start.day}–"))
    assert french.format_range(start, end, approximate=True) == f"{french.gettext('c.')} {text}"


@given(event_dates(), event_dates())
def test_the_checker_keeps_only_ranges_that_end_after_they_start(date, end):
    from timeline.model.event_file import EventFile, split_front_matter
    from timeline.model.names import date_prefix
    from timeline.model.validate import validate_file

    name = f"{date_prefix(date)}-a.md"
    event_file = EventFile(path=Path("events", name), relpath=f"events/{name}")
    split_front_matter(f"---\ntitle: A\ndate: {date.iso()}\nend: {end.iso()}\nsources:\n  - title: T\n"
                       f"    publisher: P\n    published: 2024\n---\nText.\n", event_file)
    event = validate_file(event_file)
    if last_day(end) < first_day(date):
        assert event is None
        assert [str(p) for p in event_file.problems] == [(
            f"events/{name}:4: end: is {end.iso()}, before the date {date.iso()}; the end of a range must come after "
            "its start (swap them?)")]
    elif event is not None and event.end is not None:
        assert first_day(event.end) > last_day(event.date)
    else:
        assert end == date or first_day(end) <= last_day(date)  # the same date (a warning), or inside it (an error)


@given(st.integers(1000, 2199), st.integers(0, 364), st.integers(1, 364))
def test_a_range_of_days_in_one_year_reads_back_in_extract(year, first, length):
    import datetime

    from timeline.authoring.timex import find_timexes

    # extract reads ranges of days within one year, in the years news is about (1000 to 2199).
    start_day = datetime.date(year, 1, 1) + datetime.timedelta(days=first)
    end_day = start_day + datetime.timedelta(days=length)
    assume(end_day.year == year)
    start, end = (EventDate(d.year, d.month, d.day) for d in (start_day, end_day))
    found = find_timexes(format_range(start, end), EventDate(2199, 12, 31))
    assert [(t.date, t.end_date) for t in found] == [(start, end)]


NEWS_TEXT = st.text(alphabet=string.ascii_letters + string.digits + " .,;:!?'\"“”‘’()–—-\n", max_size=200)


@given(NEWS_TEXT, st.lists(st.text(alphabet=string.ascii_letters + string.digits + " .", min_size=1, max_size=12),
                           max_size=3))
def test_a_drafted_title_is_never_empty_nor_long_whatever_the_sentence(sentence, evidence):
    from timeline.authoring.suggest import TITLE_LENGTH, draft_title

    title = draft_title(sentence, evidence)
    assert len(title) <= TITLE_LENGTH and "…" not in title
    if any(c.isalnum() for c in sentence):
        assert any(c.isalnum() for c in title)


@given(NEWS_TEXT, NEWS_TEXT)
def test_extract_finds_events_in_any_text_without_failing(headline, text):
    from timeline.authoring.article import Article
    from timeline.authoring.dated_events import find_events

    article = Article(text=f"{headline}\n\n{text}", title=headline.strip(), publisher="X",
                      published=EventDate(2024, 11, 7))
    for event in find_events(article):
        assert event.title and event.sentences and event.evidence


# --- 2. the loader --------------------------------------------------------------------------------------------------

NAME = "2024-11-04-a-meeting.md"
SOURCE_LINES = ["sources:", "  - title: A story", "    publisher: WION", "    published: 2024-11-07"]
GOOD_LINES = ["---", "title: A meeting", "date: 2024-11-04", *SOURCE_LINES, "---", "Something happened."]

# Any character UTF-8 can hold: controls, NEL and the Unicode line separators, bidi marks, noncharacters, emoji.
ODD_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
LINE_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=30)
YAML_TOKENS = st.sampled_from([
    "", " ", "~", "null", "yes", "no", "true", "TRUE", "1e3", "0x1F", "12:30", "2024-11-04", "-0500", "500 BC",
    "|", ">", "|-", "? x", ": x", "- x", "-x", "@x", "`x", "%x", "#x", "x #y", '"', "'", "[", "]", "{", "}", ",",
    "&a x", "*a", "!!str x", "!x y", "! x", "!!python/object:os.system x", "<<: *a", "\t", "---", "...",
    '"\\x01"', '"\\u2028"', '"\\uFFFE"', '"\\x85"', '"\\ud800"', "'it''s'", "[a, [b, [c]]]", "{a: {b: {c: d}}}",
])


@st.composite
def nested(draw) -> str:
    """Return brackets, braces or list items nested (or left open) many levels deep."""
    depth = draw(st.integers(1, 120))
    opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ("- ", ""), ("[{a: ", "}]")]))
    return opener * depth + draw(YAML_TOKENS) + closer * draw(st.integers(0, depth))


LONG_TEXT = st.builds(lambda char, n: char * n, st.sampled_from(["x", "é", "😀", "[", " ", "a "]),
                      st.sampled_from([199, 200, 201, 300, 301, 1000, 1001, 2001, 33_000, 140_000]))
# A value as it is written after 'name: ' (it may break the line or the YAML: that is the point).
VALUES = st.one_of(
    LINE_TEXT, YAML_TOKENS, nested(), LONG_TEXT,
    ODD_TEXT.map(json.dumps), ODD_TEXT.map(lambda t: json.dumps(t, ensure_ascii=False)),
    ODD_TEXT.map(lambda t: "'" + t.replace("'", "''") + "'"),
    event_dates().map(lambda d: d.iso()), event_dates().map(lambda d: d.format()),
    st.lists(LINE_TEXT, max_size=4).map(lambda items: "".join(f"\n  - {item}" for item in items)),
)
FIELD_NAMES = st.sampled_from(["title", "date", "end", "approximate", "display_date", "actors", "location", "tags",
                               "sources", "draft", "titel", "end_date", "Title", "", "- x", "? y", "a b", "é"])
YAML_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ODD_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ODD_TEXT, inner, max_size=4), max_leaves=25,
)


@st.composite
def almost_valid_files(draw) -> bytes:
    """Return a valid event file with a few of its fields, lines or bytes mutated."""
    import yaml

    if draw(st.booleans()):
        # Valid YAML from a YAML writer, with any field given any value (lists, groups, numbers, odd text).
        front = {"title": "A meeting", "date": "2024-11-04",
                 "sources": [{"title": "A story", "publisher": "WION", "published": "2024-11-07"}]}
        for _ in range(draw(st.integers(1, 3))):
            front[draw(FIELD_NAMES | ODD_TEXT)] = draw(YAML_DATA)
        front_matter = yaml.safe_dump(front, allow_unicode=draw(st.booleans()), sort_keys=False,
                                      default_flow_style=draw(st.sampled_from([False, True, None])))
        lines = ["---", *front_matter.rstrip("\n").split("\n"), "---", "Something happened."]
    else:
        lines = list(GOOD_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["value", "field", "insert", "delete", "duplicate", "indent", "replace"]))
        if edit == "value":
            lines[index] = f"{lines[index].split(':', 1)[0]}: {draw(VALUES)}"
        elif edit == "field":
            lines.insert(index, f"{draw(FIELD_NAMES)}: {draw(VALUES)}")
        elif edit == "insert":
            lines.insert(index, draw(LINE_TEXT | YAML_TOKENS))
        elif edit == "delete" and len(lines) > 1:
            del lines[index]
        elif edit == "duplicate":
            lines.insert(index, lines[index])
        elif edit == "indent":
            lines[index] = draw(st.sampled_from([" ", "  ", "\t", " \t", "    "])) + lines[index]
        elif edit == "replace":
            lines[index] = draw(LINE_TEXT)
    body = draw(st.one_of(st.just(""), ODD_TEXT, markdown_texts()))  # defined below; drawn once the module is read
    data = ("\n".join(lines) + "\n" + body).encode("utf-8")
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(data)))
        piece = draw(st.sampled_from([b"\xef\xbb\xbf", b"\r", b"\r\n", b"\x00", b"\xff", b"\xc3", b"\xe2\x80\xa8",
                                      b"\xc2\x85", b"\t", b"\n", b"---\n", b"\x1b[31m"]))
        data = data[:at] + piece + data[at:]
    return data


@pytest.fixture(scope="module")
def events_root(tmp_path_factory) -> Path:
    """Return a project folder with events/, where each example writes its one file."""
    root = tmp_path_factory.mktemp("loader")
    (root / "events").mkdir()
    return root


def read_and_validate(root: Path, data: bytes):
    """Return (event or None, problems) of data read as events/NAME, as the builder reads every file."""
    from timeline.model.event_file import read_event_file, reading_data
    from timeline.model.validate import validate_file

    path = root / "events" / NAME
    path.write_bytes(data)
    event_file = read_event_file(path, root)
    event = validate_file(event_file)
    event_file.keep_only_field_lines()
    json.dumps(reading_data(event_file, event))  # what the next build reuses is saved as JSON
    return event, event_file.problems


def assert_event_or_located_problems(data: bytes, event, problems) -> None:
    """Assert the file became an event, or problems that each name the file, a line in it, a field and a message."""
    from timeline.problems import ERROR, WARNING

    errors = [p for p in problems if p.severity == ERROR]
    assert (event is None) == bool(errors), problems
    # Any line end counts here, so this bound holds whatever the file's line ends are.
    lines = data.count(b"\n") + data.count(b"\r") + 1
    for problem in problems:
        assert problem.path == f"events/{NAME}", problem
        assert type(problem.line) is int and 1 <= problem.line <= lines, problem
        assert isinstance(problem.field, str) and problem.field.strip(), problem
        assert isinstance(problem.message, str) and problem.message.strip(), problem
        assert problem.severity in (ERROR, WARNING), problem
        assert "<unicode string>" not in problem.message, problem  # our words, not the YAML library's
        printed = str(problem)
        assert "\n" not in printed and printed.startswith(f"events/{NAME}:{problem.line}: "), printed


@given(st.binary(max_size=2000))
@example(b"")
@example(b"\xef\xbb\xbf")
@example(b"---\n\x00\n---\n")
def test_any_bytes_become_an_event_or_located_problems(events_root, data):
    assert_event_or_located_problems(data, *read_and_validate(events_root, data))


@given(almost_valid_files())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_an_almost_valid_file_becomes_an_event_or_located_problems(events_root, data):
    assert_event_or_located_problems(data, *read_and_validate(events_root, data))


@given(LINE_TEXT, LINE_TEXT, st.sampled_from(["raw", "json", "ascii", "single"]))
@example("A\x85B", "", "raw")
@example("A\u2028B", "", "json")
def test_odd_text_in_one_field_leaves_the_next_fields_on_their_lines(title, location, quoting):
    """A character YAML counts as a line end, or refuses, must not move the problems of the fields after it."""
    from timeline.model.event_file import EventFile, split_front_matter
    from timeline.model.validate import validate_file

    quoted = {"raw": lambda t: t, "json": lambda t: json.dumps(t, ensure_ascii=False), "ascii": json.dumps,
              "single": lambda t: "'" + t.replace("'", "''") + "'"}[quoting]
    text = "\n".join(["---", f"title: {quoted(title)}", f"location: {quoted(location)}", "date: someday",
                      "end: 2024-99", *SOURCE_LINES, "---", "Text."]) + "\n"
    event_file = EventFile(path=Path("events", NAME), relpath=f"events/{NAME}")
    split_front_matter(text, event_file)
    assert validate_file(event_file) is None
    by_field = {p.field: p.line for p in event_file.problems}
    if event_file.front_matter is not None:
        assert by_field.get("date") == 4 and by_field.get("end") == 5, event_file.problems
    else:  # the YAML could not be read: the problem is at a line of the title or location, never later
        assert all(2 <= p.line <= 3 for p in event_file.problems), event_file.problems


# --- 3. the sanitiser -----------------------------------------------------------------------------------------------

SCHEMES = st.sampled_from(["javascript:", "JaVaScRiPt:", "vbscript:", "data:", "data:text/html;base64,", "livescript:",
                           "http:", "https:", "HTTPS:", "mailto:", "ftp:", "file:", "//", "/", "#", ""])
# Ways a browser still reads 'javascript:' where a filter may not: entities, controls and spaces inside or before it.
HIDDEN = st.sampled_from(["&#x09;", "&#9;", "&Tab;", "&#10;", "&NewLine;", "\t", "\n", "\x00", "\x01", " ", "&#0;",
                          "%09", "%0a", "&colon;", "&#58;", "&#x3A;", "\\", "\u200b", ""])


# Addresses that are kept, with what might break out of the attribute they land in.
KEPT_URLS = st.builds(lambda url, tail: url + tail,
                      st.sampled_from(["https://example.org/a", "http://example.org", "mailto:a@example.org",
                                       "https://example.org/?q=javascript:alert(1)"]),
                      st.sampled_from(["", '"', "'", '" onclick="alert(1)', "'><script>alert(1)</script>", "&quot;",
                                       ")", "\\", "%22%3E", "#x"]))


@st.composite
def urls(draw) -> str:
    """Return an address: a kept one, or a scheme (often a dangerous one), maybe disguised, and a rest."""
    if draw(st.integers(0, 2)) == 0:
        return draw(KEPT_URLS)
    text = draw(SCHEMES) + draw(st.sampled_from(["alert(1)", "//example.org/a?b=c#d", "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                                                 "someone@example.org", "<script>alert(1)</script>", "", "x y"]))
    chars = list(text)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(chars)))
        if draw(st.booleans()) and at < len(chars) and chars[at].isalnum():
            char = chars[at]
            chars[at] = draw(st.sampled_from([f"&#{ord(char)};", f"&#x{ord(char):x};", f"&#X{ord(char):04X};",
                                              f"&#000{ord(char)}", f"%{ord(char):02x}", char.upper()]))
        else:
            chars.insert(at, draw(HIDDEN))
    return draw(st.sampled_from(["", " ", "\x01", "&#32;"])) + "".join(chars)


# Elements and attributes that run script or load things, and the elements the allow-list keeps: a handler on a
# kept element (<a onclick>) is what a sanitiser with a wrong allow-list would let through.
KEPT_TAGS = st.sampled_from(["a", "A", "p", "abbr", "h3", "table", "td", "code", "pre", "blockquote", "ul", "li", "em"])
TAGS = st.one_of(
    st.sampled_from(["script", "SCRIPT", "style", "iframe", "object", "embed", "svg", "math", "img", "div", "span",
                     "form", "input", "button", "base", "link", "meta", "template", "noscript", "details", "video",
                     "source", "body", "textarea", "select", "frame", "frameset", "applet", "xmp", "plaintext",
                     "noembed", "mglyph", "mtext", "h1"]),
    KEPT_TAGS,
)
ATTRIBUTES = st.one_of(
    st.sampled_from(["onclick", "onload", "onerror", "ONMOUSEOVER", "onfocus", "on"]),
    st.sampled_from(["href", "HREF", "src", "xlink:href", "formaction", "action", "data", "srcdoc", "background",
                     "poster", "srcset", "ping", "cite"]),
    st.sampled_from(["title", "dir", "style", "class", "id", "rel", "target", "content", "http-equiv"]),
)


@st.composite
def raw_html(draw) -> str:
    """Return a piece of raw HTML: an element with attributes, maybe unclosed or broken."""
    tag = draw(TAGS)
    attributes = ""
    for _ in range(draw(st.integers(0, 3))):
        value = draw(urls() | st.sampled_from(["alert(1)", "auto", "rtl", "x", ""]))
        quote = draw(st.sampled_from(['"', "'", "", "`"]))
        attributes += draw(st.sampled_from([" ", " ", " ", "/", "\t", "\n"])) + f"{draw(ATTRIBUTES)}={quote}{value}{quote}"
    inner = draw(st.sampled_from(["", "x", "alert(1)", "<script>alert(1)</script>", "<b>bold</b>"]))
    close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag} >", "/>"]))
    return f"<{tag}{attributes}>{inner}{close}"


@st.composite
def markdown_pieces(draw) -> str:
    """Return a piece of Markdown: a link, image, autolink, reference, block, extension syntax, or raw HTML."""
    url, text = draw(urls()), draw(st.sampled_from(["click", "", "a *b*", "[x]", "`c`", "<b>x</b>"]))
    title = draw(st.sampled_from(["", ' "t"', " 't'", ' "t\\" onclick=\\"alert(1)"', ' "onerror=alert(1)"']))
    return draw(st.sampled_from([
        f"[{text}]({url}{title})", f"![{text}]({url}{title})", f"<{url}>", f"[{text}][r]\n\n[r]: {url}{title}",
        f"[{text}](<{url}>)", f"# {text} {{onclick=alert(1)}}", f"{text}\n{{: onclick=\"alert(1)\" style=\"x\" }}",
        f"*[HTML]: {draw(raw_html())}\n\nHTML", f"> {text}", f"- {text}\n  - {url}", f"1. {text}", "---",
        f"| a | b |\n|---|---|\n| {text} | {url} |", f"Term\n: {text}", f"```\n{draw(raw_html())}\n```",
        f"    {draw(raw_html())}", f"`{draw(raw_html())}`", "<!-- <script>alert(1)</script> -->",
        "<![CDATA[<script>alert(1)</script>]]>", "<?php alert(1) ?>", "&lt;script&gt;", "&#60;script&#62;",
        draw(raw_html()), draw(raw_html()), url, text,
        # a handler or address on an element the allow-list keeps, in Markdown's text
        f"{text} <{draw(KEPT_TAGS)} {draw(ATTRIBUTES)}=\"{url}\" {draw(ATTRIBUTES)}=alert(1)>{text}</a> {text}",
    ]))


def markdown_texts() -> st.SearchStrategy[str]:
    """Return a strategy for descriptions: pieces of Markdown and raw HTML, and any text, run together."""
    return st.lists(markdown_pieces() | ODD_TEXT, max_size=8).flatmap(
        lambda pieces: st.lists(st.sampled_from(["", " ", "\n", "\n\n"]), min_size=len(pieces),
                                max_size=len(pieces)).map(lambda gaps: "".join(p + g for p, g in zip(pieces, gaps, strict=True))))


class _Elements(HTMLParser):
    """Collects every element, comment and declaration of an HTML text, as a browser's tokenizer finds them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.others: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_comment(self, data):
        self.others.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.others.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.others.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.others.append(f"<![{data}]>")


def browser_scheme_text(url: str) -> str:
    """Return an address as a browser reads its scheme: edge spaces and controls gone, tabs and newlines dropped."""
    return re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(33)))).lower()


@pytest.fixture(scope="module")
def markdown():
    """Return one MarkdownRenderer for every example, as a build makes one for every description."""
    from timeline.render.markdown import MarkdownRenderer

    return MarkdownRenderer()


@given(markdown_texts())
@example('<a href="jav&#x09;ascript:alert(1)">x</a>')
@example("<svg onload=alert(1)>")
@example("[x](&#106;avascript:alert(1))")
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_sanitised_html_carries_no_script(markdown, text):
    from timeline.render.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

    html = str(markdown(text))
    parsed = _Elements()
    parsed.feed(html)
    parsed.close()
    assert parsed.others == [], html  # comments are stripped; declarations and instructions are text
    for tag, attributes in parsed.elements:
        assert tag not in {"script", "style", "iframe", "object", "embed", "svg", "math"}, html
        assert tag in ALLOWED_TAGS, html
        # nh3 adds rel to every link itself (link_rel), so it is the one attribute beyond the allow-list.
        assert set(attributes) <= ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set()), html
        assert not any(name.startswith("on") for name in attributes), html
        if "href" in attributes:
            assert browser_scheme_text(attributes["href"] or "").startswith(("http://", "https://", "mailto:")), html
            assert attributes["href"] == attributes["href"].strip() and "\t" not in attributes["href"], html
        if "rel" in attributes:
            assert attributes["rel"] == "nofollow noopener noreferrer", html
        if "dir" in attributes:
            assert attributes["dir"] == "auto", html


# --- 4. events.json, imported and built again -----------------------------------------------------------------------

# Text a contributor might write in a field: any script, emoji, bidi marks, YAML and Markdown characters; not the
# control characters the checker refuses (the loader property above covers those).
FIELD_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"),
                                 exclude_characters="\ufffe\uffff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
WORDS = st.sampled_from(["Putin", "Choe Son Hui", "North Korea", "Kremlin", "talks", "no", "null", "- x", "#1",
                         "a: b", "'quoted'", '"q"', "*", "[x]", "&", "<b>", "É", "京", "مرحبا", "😀", "  ", "\t", "…"])


def field_text(max_size: int) -> st.SearchStrategy[str]:
    """Return a strategy for a field's text: words and any characters, not blank."""
    return st.lists(WORDS | st.text(FIELD_CHARACTERS, min_size=1, max_size=12), min_size=1, max_size=6).map(
        " ".join).map(lambda text: text[:max_size]).filter(lambda text: text.strip())


WEB_URLS = st.builds(lambda host, path: f"https://{host}/{path}", st.sampled_from(["example.org", "例え.jp", "a.b.c.example"]),
                     st.text(string.ascii_letters + string.digits + "-._~/?#[]@!$&'()*+,;=%éж", max_size=30))


def yaml_escaped(text: str) -> str:
    """Return text in YAML double quotes with every invisible character escaped, as a careful contributor writes it."""
    def escape(char: str) -> str:
        if char in '"\\':
            return "\\" + char
        if ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F or char in "\u2028\u2029\ufeff\ufffe\uffff":
            return f"\\u{ord(char):04x}"
        return char

    return '"' + "".join(map(escape, text)) + '"'


# Mostly text the checker takes; a quarter any characters at all, of which it refuses the control characters.
ANY_FIELD_TEXT = st.one_of(field_text(60), field_text(60), field_text(60),
                           st.text(st.characters(codec="utf-8"), min_size=1, max_size=60))
DESCRIPTIONS = markdown_texts().map(lambda text: re.sub(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]", "", text))


@given(ANY_FIELD_TEXT, ANY_FIELD_TEXT, ANY_FIELD_TEXT, ANY_FIELD_TEXT, DESCRIPTIONS,
       st.one_of(ranges(), event_dates().map(lambda date: (date, None))), st.booleans(), event_dates())
@example("Talks:", "WION:", "Moscow :", "a:", "Text.", (EventDate(2024, 11, 4), None), False,
         EventDate(2024, 11, 7))  # a plain value ending in ':' is a YAML mapping
def test_an_event_the_checker_accepts_comes_back_from_events_json_as_the_same_event(title, publisher, place, tag,
                                                                                      body, dates, approximate,
                                                                                      published):
    from timeline.authoring.imports import events_from_our_json
    from timeline.authoring.new_event import file_name, render_event_file
    from timeline.exports.events_json import event_record
    from timeline.model.event import description_text
    from timeline.model.event_file import EventFile, split_front_matter
    from timeline.model.names import date_prefix
    from timeline.model.validate import validate_file

    def read(name: str, text: str):
        event_file = EventFile(path=Path("events", name), relpath=f"events/{name}")
        split_front_matter(text, event_file)
        return validate_file(event_file), event_file.problems

    (date, end), name = dates, f"{date_prefix(dates[0])}-a-meeting.md"
    original, _ = read(name, "\n".join([
        "---", f"title: {yaml_escaped(title)}", f"date: {date.iso()}", f"end: {end.iso() if end else ''}",
        f"approximate: {str(approximate).lower()}", f"display_date: {yaml_escaped(place)}",
        f"location: {yaml_escaped(place)}", f"actors:\n  - {yaml_escaped(publisher)}", f"tags:\n  - {yaml_escaped(tag)}",
        "sources:", f"  - title: {yaml_escaped(title)}", f"    publisher: {yaml_escaped(publisher)}",
        f"    published: {published.iso()}", f"    quote: {yaml_escaped(body)}", "---", body]))
    assume(original is not None)  # what the checker refuses is the loader property's business
    [draft], skipped = events_from_our_json({"events": [event_record(original, f"{original.id}/")]})
    assert skipped == []
    imported, problems = read(file_name(draft), render_event_file(draft))
    assert imported is not None, problems
    assert imported == original.__class__(**{**original.__dict__, "body": imported.body,
                                             "body_line": imported.body_line})
    assert description_text(imported.body) == description_text(original.body)


@st.composite
def yaml_values(draw, text: str) -> str:
    """Return text written as YAML that reads back as text: quoted as `new` does, in JSON quotes, or escaped."""
    from timeline.authoring.new_event import yaml_text

    way = draw(st.sampled_from(["new", "json", "escaped"]))
    if way == "escaped" and all(ord(c) < 0x10000 for c in text):  # YAML takes no surrogate pairs in escapes
        return json.dumps(text)
    return yaml_text(text) if way == "new" else json.dumps(text, ensure_ascii=False)


@st.composite
def projects(draw) -> dict[str, str]:
    """Return {file name: text} of a few valid events: every field, dates at every precision, ranges, estimates."""
    from timeline.model.names import date_prefix, slug

    spelling: dict[tuple[str, str], str] = {}  # two spellings with one slug would share a page: an error

    def same_page_same_spelling(kind: str, value: str) -> str:
        return spelling.setdefault((kind, slug(" ".join(value.split()))), value)

    files = {}
    for number in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            date, end = draw(ranges())
        else:
            date, end = draw(event_dates()), None
        lines = [f"title: {draw(yaml_values(draw(field_text(200))))}", f"date: {date.iso()}"]
        if end:
            lines.append(f"end: {draw(st.sampled_from([end.iso(), end.format() if readable_in_words(end) else end.iso()]))}")
        if draw(st.booleans()):
            lines.append("approximate: true")
        if draw(st.integers(0, 3)) == 0:
            lines.append(f"display_date: {draw(yaml_values(draw(field_text(100))))}")
        for kind, size in (("actors", 200), ("tags", 60)):
            values = [same_page_same_spelling(kind, draw(field_text(size))) for _ in range(draw(st.integers(0, 3)))]
            lines.append(f"{kind}:" + "".join(f"\n  - {draw(yaml_values(value))}" for value in values))
        if draw(st.booleans()):
            location = same_page_same_spelling("location", draw(field_text(200)))
            lines.append(f"location: {draw(yaml_values(location))}")
        lines.append("sources:")
        for _ in range(draw(st.integers(1, 3))):
            published = draw(event_dates())
            lines += [f"  - title: {draw(yaml_values(draw(field_text(300))))}",
                      f"    publisher: {draw(yaml_values(draw(field_text(200))))}",
                      f"    published: {published.iso()}"]
            for name, value in (("url", WEB_URLS), ("quote", field_text(1000)), ("archive_url", WEB_URLS)):
                if draw(st.booleans()):
                    lines.append(f"    {name}: {draw(yaml_values(draw(value)))}")
        body = draw(DESCRIPTIONS)
        files[f"{date_prefix(date)}-event-{number}.md"] = "---\n" + "\n".join(lines) + "\n---\n" + body
    return files


def site_files(root: Path) -> dict[str, bytes]:
    """Return {path: bytes} of every file of the built site."""
    site = root / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(root: Path) -> None:
    """Build the project at root in this process (one worker: the examples are small) and assert it succeeded."""
    from timeline.build.builder import Builder

    result = Builder(root, workers=1).build()
    assert not result.errors, "\n".join(map(str, result.problems))


# Builds take a tenth of a second or more: a twentieth of the examples of the other properties.
@given(projects(), st.sampled_from([{}, {"order": "newest-first"}, {"language": "fr"}]))
@settings(max_examples=max(15, settings.default.max_examples // 20),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_events_json_imported_into_a_new_project_builds_the_same_site(files, setting):
    from tests.conftest import Project, run_cli

    with tempfile.TemporaryDirectory() as folder:
        first, again = Project(Path(folder) / "first"), Project(Path(folder) / "again")
        config = (first.root / "timeline.toml").read_text(encoding="utf-8")
        for name, value in setting.items():
            config = re.sub(rf"(?m)^{name} = .*$", f"{name} = {json.dumps(value)}", config)
        for project in (first, again):
            (project.root / "timeline.toml").write_text(config, encoding="utf-8")
        for name, text in files.items():
            first.write(name, text, dedent=False)
        build(first.root)
        result = run_cli(["import", str(first.root / "site" / "events.json"), "--format", "json",
                          "--root", str(again.root)])
        assert result.code == 0, result.err
        assert result.out.splitlines()[-1].startswith(f"Imported {len(files)} event{'s' * (len(files) != 1)}, skipped 0 ")
        build(again.root)
        built, rebuilt = site_files(first.root), site_files(again.root)
        assert sorted(built) == sorted(rebuilt)
        for path in built:
            assert rebuilt[path] == built[path], path
