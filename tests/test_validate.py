"""Validation: each rule's exact message, at the right line and field, and the rules that span files."""

from __future__ import annotations

import pytest

from timeline.build.builder import load_project
from timeline.model.dates import EventDate
from timeline.model.event import Event, Source
from timeline.model.event_file import read_event_file
from timeline.model.fields import MAX_LIST_ITEMS, MAX_SOURCES
from timeline.model.names import date_prefix, slug
from timeline.model.validate import check_across_files, unknown_field_message, validate_file
from timeline.problems import ERROR, WARNING, Problem

NAME = "2024-11-04-a-meeting.md"
PATH = f"events/{NAME}"
HEAD = "title: A meeting\ndate: 2024-11-04\n"  # lines 2-3
SOURCE = "sources:\n  - title: A story\n    publisher: WION\n    published: 2024-11-07\n"
EVENT_FIELDS = ("title, date, end, approximate, display_date, actors, location, tags, sources, status, corrections, "
                "related, thread, image, draft")
SOURCE_FIELDS = "title, publisher, published, url, quote, archive_url"


def validate(project, front: str, name: str = NAME):
    """Return (Event or None, problems) for a file whose front matter is front."""
    path = project.write(name, f"---\n{front}---\nBody.\n", dedent=False)
    event_file = read_event_file(path, project.root)
    return validate_file(event_file), event_file.problems


def one(project, front: str, name: str = NAME) -> Problem:
    """Return the single problem of a file whose front matter is front."""
    event, problems = validate(project, front, name)
    assert len(problems) == 1, problems
    if problems[0].severity == ERROR:
        assert event is None
    return problems[0]


def error(line: int, field: str, message: str, path: str = PATH) -> Problem:
    """Return the expected error."""
    return Problem(path, line, field, message, ERROR)


def warning(line: int, field: str, message: str, path: str = PATH) -> Problem:
    """Return the expected warning."""
    return Problem(path, line, field, message, WARNING)


def with_source(**fields) -> str:
    """Return a sources block with one source whose fields are the defaults overridden by fields."""
    values = {"title": "A story", "publisher": "WION", "published": "2024-11-07"}
    values.update(fields)
    lines = [f"    {key}: {value}" for key, value in values.items() if value is not None]
    lines[0] = "  - " + lines[0].lstrip()
    return "sources:\n" + "\n".join(lines) + "\n"


# --- a good file ---

def test_full_event(project):
    front = (HEAD + "end: 2024-11-06\napproximate: TRUE\ndisplay_date: early November 2024\n"
             "actors:\n  - Vladimir Putin\n  - Choe Son Hui\nlocation: '  Kremlin,   Moscow '\n"
             "tags: [diplomacy, North Korea]\ndraft: false\n"
             + with_source(url="https://example.com/a", quote="'He said: yes'",
                           archive_url="https://web.archive.org/web/2024/https://example.com/a"))
    event, problems = validate(project, front)
    assert problems == []
    assert event == Event(
        id="2024-11-04-a-meeting", path=PATH, title="A meeting", date=EventDate(2024, 11, 4),
        sources=(Source("A story", "WION", EventDate(2024, 11, 7), "https://example.com/a", "He said: yes",
                        "https://web.archive.org/web/2024/https://example.com/a"),),
        end=EventDate(2024, 11, 6), approximate=True, display_date="early November 2024",
        actors=("Vladimir Putin", "Choe Son Hui"), location="Kremlin, Moscow", tags=("diplomacy", "North Korea"),
        draft=False, body="Body.\n", body_line=len(front.splitlines()) + 3,
    )


def test_natural_language_dates_are_read(project):
    event, problems = validate(project, "title: A\ndate: 4 November 2024\n"
                                        + with_source(published="Nov. 7, 2024"))
    assert problems == []
    assert event.date == EventDate(2024, 11, 4)
    assert event.sources[0].published == EventDate(2024, 11, 7)


# --- field names ---

@pytest.mark.parametrize("key, hint", [
    ("tittle", "did you mean 'title'? "),
    ("Title", "did you mean 'title'? "),
    ("soruces", "did you mean 'sources'? "),
    ("source", "did you mean 'sources'? "),
    ("tag", "did you mean 'tags'? "),
    ("actor", "did you mean 'actors'? "),
    ("end_date", "did you mean 'end'? "),
    ("drafts", "did you mean 'draft'? "),
    ("start_date", "did you mean 'date'? "),
    ("place", "did you mean 'location'? "),
    ("End-Date", "did you mean 'end'? "),
    ("displaydate", "did you mean 'display_date'? "),
    ("body", ""),
    ("zzz", ""),
])
def test_unknown_field_with_suggestion(project, key, hint):
    assert one(project, HEAD + SOURCE + f"{key}: x\n") == error(
        8, key, f"unknown field '{key}': {hint}the fields are {EVENT_FIELDS}",
    )


@pytest.mark.parametrize("key, hint", [("ulr", "did you mean 'url'? "), ("publsher", "did you mean 'publisher'? "),
                                       ("archive", "did you mean 'archive_url'? "), ("link", "did you mean 'url'? "),
                                       ("author", "")])
def test_unknown_source_field(project, key, hint):
    assert one(project, HEAD + SOURCE + f"    {key}: x\n") == error(
        8, f"sources[1].{key}", f"unknown field '{key}': {hint}the fields are {SOURCE_FIELDS}",
    )


@pytest.mark.parametrize("front, field, key", [
    (HEAD + SOURCE + "'': x\n", "front matter", ""),
    (HEAD + SOURCE + "' ': x\n", "front matter", " "),
    (HEAD + SOURCE + "    '': x\n", "sources[1]", ""),
])
def test_a_field_without_a_name_is_named_by_where_it_is(project, front, field, key):
    """Not 'events/FILE.md:8: : unknown field', with no field at all."""
    fields = SOURCE_FIELDS if field.startswith("sources") else EVENT_FIELDS
    assert one(project, front) == error(8, field, f"unknown field {key!r}: the fields are {fields}")


def test_unknown_field_message_lists_the_names():
    assert unknown_field_message("x", ["a", "b"]) == "unknown field 'x': the fields are a, b"


def test_misspelt_required_field_is_also_missing(project):
    _, problems = validate(project, HEAD + "soruces:\n  - title: x\n")
    assert problems == [
        error(4, "soruces", f"unknown field 'soruces': did you mean 'sources'? the fields are {EVENT_FIELDS}"),
        error(2, "sources", "is missing: add 'sources: ...' (The reporting the event rests on: at least one source (a draft may have none yet).)"),
    ]


# --- required and empty ---

@pytest.mark.parametrize("front, field, doc", [
    ("date: 2024-11-04\n" + SOURCE, "title", "What happened, in one line: who did what."),
    ("title: A\n" + SOURCE, "date",
     "When it happened: 2024-11-04, 2024-11 or 2024, or in words (4 November 2024); also a season (2024-21, "
     "spring 2024), a decade (196X) or a century (19XX), and BC years (-0500, 500 BC). End it with ? if "
     "uncertain, ~ if approximate, % if both. Only as precise as the sources are."),
    (HEAD, "sources", "The reporting the event rests on: at least one source (a draft may have none yet)."),
])
def test_missing_required_field(project, front, field, doc):
    assert one(project, front) == error(2, field, f"is missing: add '{field}: ...' ({doc})")


@pytest.mark.parametrize("missing, doc", [
    ("title", "The headline of the article or the name of the document."),
    ("publisher", "Who published it."),
    ("published", "When it was published (same forms as date)."),
])
def test_missing_source_field(project, missing, doc):
    assert one(project, HEAD + with_source(**{missing: None})) == error(
        5, f"sources[1].{missing}", f"is missing: add '{missing}: ...' ({doc})",
    )


@pytest.mark.parametrize("value", ["", "''", '""', "'   '"])
def test_empty_required_title(project, value):
    assert one(project, f"title: {value}\ndate: 2024-11-04\n" + SOURCE) == error(
        2, "title", "is empty: What happened, in one line: who did what.",
    )


@pytest.mark.parametrize("value", ["", "~", "null", "''"])
def test_empty_required_date(project, value):
    problem = one(project, f"title: A\ndate: {value}\n" + SOURCE)
    assert (problem.line, problem.field) == (3, "date")
    assert problem.message.startswith("is empty: When it happened: ")


def test_empty_source_fields(project):
    _, problems = validate(project, HEAD + with_source(title="", publisher="''", published="~"))
    assert problems == [
        error(5, "sources[1].title", "is empty: The headline of the article or the name of the document."),
        error(6, "sources[1].publisher", "is empty: Who published it."),
        error(7, "sources[1].published", "is empty: When it was published (same forms as date)."),
    ]


@pytest.mark.parametrize("line", ["end:", "end: ~", "approximate:", "draft: ''", "location: ''", "tags:",
                                  "tags: []", "actors: ~", "actors: null", "display_date:"])
def test_empty_optional_fields_are_left_out(project, line):
    event, problems = validate(project, HEAD + SOURCE + line + "\n")
    assert problems == []
    assert event.end is None and event.actors == () and event.tags == () and event.location == ""
    assert event.approximate is False and event.draft is False


SOURCES_HINT = ("write each as '  - title: ...' followed by 'publisher:' and 'published:' lines "
                "(see CONTRIBUTING.md)")


@pytest.mark.parametrize("value, found", [
    ("", "nothing"),
    ("[]", "an empty list"),
    ("https://example.com", "the text 'https://example.com'"),
    ("{title: A}", "a group of fields"),
])
def test_sources_must_be_a_list_of_sources(project, value, found):
    assert one(project, HEAD + f"sources: {value}\n") == error(
        4, "sources", f"expected a list of sources, found {found}; {SOURCES_HINT}",
    )


def test_source_that_is_not_a_group_of_fields(project):
    assert one(project, HEAD + "sources:\n  - WION, 7 November 2024\n") == error(
        5, "sources[1]",
        "expected a source with title, publisher and published fields, found the text 'WION, 7 November 2024'",
    )


def test_every_source_is_checked(project):
    _, problems = validate(project, HEAD + SOURCE + "  - title: B\n    published: 2024-13\n")
    assert problems == [
        error(9, "sources[2].published", "month 13 in '2024-13' does not exist: months run from 01 to 12 "
              "(like 2024-11) and seasons from 21, spring, to 24, winter"),
        error(8, "sources[2].publisher", "is missing: add 'publisher: ...' (Who published it.)"),
    ]


def test_too_many_sources(project):
    many = "sources:\n" + "".join(f"  - {{title: T{i}, publisher: P, published: 2024}}\n" for i in range(31))
    assert MAX_SOURCES == 30
    assert one(project, HEAD + many) == error(5, "sources", "has 31 sources; keep it to 30 at most")
    event, problems = validate(project, HEAD + many.replace("  - {title: T30, publisher: P, published: 2024}\n", ""))
    assert problems == [] and len(event.sources) == 30


# --- kinds ---

@pytest.mark.parametrize("front, line, field, message", [
    ("title: [a, b]\ndate: 2024-11-04\n", 2, "title",
     "expected text, found a list; write one value on the same line, like 'title: Putin meets North Korea's "
     "foreign minister Choe Son Hui in the Kremlin'"),
    ("title: A\ndate:\n  - 2024-11-04\n", 4, "date",
     "expected a date, found a list; write one value on the same line, like 'date: 2024-11-04'"),
    ("title: A\ndate: {year: 2024}\n", 3, "date",
     "expected a date, found a group of fields; write one value on the same line, like 'date: 2024-11-04'"),
    (HEAD + "draft: [true]\n", 4, "draft",
     "expected true or false, found a list; write one value on the same line, like 'draft: false'"),
    (HEAD + "location:\n  - Moscow\n", 5, "location",
     "expected text, found a list; write one value on the same line, like 'location: Kremlin, Moscow, Russia'"),
    (HEAD + "tags: diplomacy\n", 4, "tags",
     "expected a list, found the text 'diplomacy'; write one item per line as '  - diplomacy', or [diplomacy]"),
    (HEAD + "actors: Putin\n", 4, "actors",
     "expected a list, found the text 'Putin'; write one item per line as '  - Putin', or [Putin]"),
    (HEAD + "tags: {a: b}\n", 4, "tags",
     "expected a list, found a group of fields; write one item per line as '  - diplomacy', or [diplomacy]"),
    (HEAD + "tags:\n  - [a]\n", 5, "tags[1]", "expected text, found a list"),
    (HEAD + "tags:\n  - a\n  - {b: c}\n", 6, "tags[2]", "expected text, found a group of fields"),
    (HEAD + "tags:\n  -\n", 5, "tags[1]", "is empty; remove the line or fill it in"),
    (HEAD + "tags:\n  - a\n  - '  '\n", 6, "tags[2]", "is empty; remove the line or fill it in"),
])
def test_wrong_kinds(project, front, line, field, message):
    assert one(project, front + SOURCE) == error(line, field, message)


@pytest.mark.parametrize("value, result", [
    ("true", True), ("false", False), ("True", True), ("FALSE", False), ("tRuE", True), ("'true'", True),
])
def test_booleans_accepted(project, value, result):
    event, problems = validate(project, HEAD + SOURCE + f"draft: {value}\napproximate: {value}\n")
    assert problems == []
    assert event.draft is result and event.approximate is result


@pytest.mark.parametrize("value", ["yes", "no", "on", "off", "1", "0", "y", "n", "ja", "truee"])
def test_booleans_refused(project, value):
    assert one(project, HEAD + SOURCE + f"draft: {value}\n") == error(
        8, "draft", f"expected true or false, found '{value}'; write 'draft: true' or 'draft: false'",
    )


def test_values_stay_text_through_validation(project):
    event, problems = validate(project, "title: no\ndate: 2024-11-04\nlocation: 12:30\ntags: [yes, 1.0, ~]\n" + SOURCE)
    assert problems == []
    assert (event.title, event.location, event.tags) == ("no", "12:30", ("yes", "1.0", "~"))


# --- addresses ---

URL_MESSAGE = ("expected a web address starting with http:// or https://, found {!r}; "
               "leave the field out when there is no address")


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.com/a",
    "file:///etc/passwd", "mailto:a@example.com", "https://", "http:///path", "http:example.com",
    "//example.com/a", "example.com/a", "https://example.com/a b", "https://example.com/a\tb",
    "https://[::1/", "https://[bad",
])
@pytest.mark.parametrize("field", ["url", "archive_url"])
def test_bad_urls_refused(project, url, field):
    quoted = '"' + url.replace("\t", "\\t") + '"'
    assert one(project, HEAD + with_source(**{field: quoted})) == error(
        8, f"sources[1].{field}", URL_MESSAGE.format(url),
    )


@pytest.mark.parametrize("url", ["https://example.com", "HTTP://EXAMPLE.COM/A?b=1#c", "https://example.com:8080/x",
                                 "https://web.archive.org/web/2024/https://example.com/story"])
def test_good_urls_kept(project, url):
    event, problems = validate(project, HEAD + with_source(url=url))
    assert problems == []
    assert event.sources[0].url == url


# --- lists ---

def test_duplicate_list_items_warn_and_are_dropped(project):
    event, problems = validate(project, HEAD + SOURCE + "tags:\n  - Russia\n  - russia\n  - NATO\n  - 'Russia  '\n")
    assert problems == [
        warning(10, "tags[2]", "'russia' is listed twice (first at line 9)"),
        warning(12, "tags[4]", "'Russia' is listed twice (first at line 9)"),
    ]
    assert event is not None
    assert event.tags == ("Russia", "NATO")


DASH = "{!r} is not a list item: write it with a space after the dash, as '  - {}'"


@pytest.mark.parametrize("front, line", [
    ("tags:\n  -diplomacy\n", 9),
    ("tags:\n  -diplomacy\n  -trade\n", 9),  # YAML reads both lines as one text: the first is named
    ("tags: -diplomacy\n", 8),
])
def test_list_item_without_a_space_after_the_dash(project, front, line):
    assert one(project, HEAD + SOURCE + front) == error(line, "tags", DASH.format("-diplomacy", "diplomacy"))


def test_list_items_have_their_spaces_tidied(project):
    event, _ = validate(project, HEAD + SOURCE + "actors:\n  - '  Kim   Jong Un '\n")
    assert event.actors == ("Kim Jong Un",)


def test_too_many_list_items(project):
    assert MAX_LIST_ITEMS == 50
    items = ", ".join(f"t{i}" for i in range(51))
    assert one(project, HEAD + SOURCE + f"tags: [{items}]\n") == error(8, "tags", "has 51 items; keep it to 50 at most")
    event, problems = validate(project, HEAD + SOURCE + f"tags: [{items.rsplit(', ', 1)[0]}]\n")
    assert problems == [] and len(event.tags) == 50


# --- text content ---

# The C1 controls (\\x80 to \\x9f, NEL among them) too: the loader refuses them written as they are, so a value
# holding one could not be written back by `new` or import.
@pytest.mark.parametrize("escaped", ["\\x07", "\\x1b[31m", "\\x7f", "\\r", "\\u202e", "\\u2066", "\\u2028", "\\x0b",
                                     "\\x80", "\\x85", "\\u009f"])
def test_control_characters_refused(project, escaped):
    assert one(project, HEAD + SOURCE + f'location: "Mos{escaped}cow"\n') == error(
        8, "location", "contains invisible control characters; retype the value",
    )


def test_control_characters_in_list_items_and_sources(project):
    _, problems = validate(project, HEAD + with_source(quote='"a\\x00b"') + 'tags: ["x\\x01"]\n')
    assert problems == [
        error(8, "sources[1].quote", "contains invisible control characters; retype the value"),
        error(9, "tags[1]", "contains invisible control characters; retype the value"),
    ]


@pytest.mark.parametrize("escaped", ["\\t", "\\u200e", "\\u00a0"])
def test_ordinary_invisible_characters_allowed(project, escaped):
    event, problems = validate(project, HEAD + SOURCE + f'location: "Moscow{escaped}Russia"\n')
    assert problems == []
    assert event.location.startswith("Moscow") and event.location.endswith("Russia")


def test_multi_line_quote_keeps_its_lines_and_title_is_one_line(project):
    event, problems = validate(project, "title: |\n  two\n  lines\ndate: 2024-11-04\n"
                                        + with_source(quote="|\n      one\n      two"))
    assert problems == []
    assert event.title == "two lines"
    assert event.sources[0].quote == "one\ntwo"


@pytest.mark.parametrize("field, limit", [("title", 200), ("location", 200), ("display_date", 100)])
def test_over_long_values(project, field, limit):
    front = HEAD.replace("title: A meeting", "title: A") if field != "title" else "date: 2024-11-04\n"
    front += SOURCE
    _event, problems = validate(project, front + f"{field}: {'x' * limit}\n")
    assert problems == [], "the limit itself is allowed"
    assert one(project, front + f"{field}: {'x' * (limit + 1)}\n") == error(
        len(front.splitlines()) + 2, field, f"is {limit + 1} characters long; shorten it to {limit} at most",
    )


def test_over_long_source_quote_and_tag(project):
    _, problems = validate(project, HEAD + with_source(quote="q" * 1001) + f"tags: [{'t' * 61}]\n")
    assert problems == [
        error(8, "sources[1].quote", "is 1001 characters long; shorten it to 1000 at most"),
        error(9, "tags[1]", "is 61 characters long; shorten it to 60 at most"),
    ]


# --- dates in fields ---

def test_bad_date_message_goes_to_the_field(project):
    assert one(project, "title: A\ndate: 04/11/2024\n" + SOURCE) == error(
        3, "date", "'04/11/2024' is ambiguous: it could be 4 November or April 11; write it as YYYY-MM-DD "
        "(like 2024-11-04) or with the month's name (like 4 November 2024)",
    )


def test_bad_published_date(project):
    assert one(project, HEAD + with_source(published="yesterday")).field == "sources[1].published"


# --- ranges ---

@pytest.mark.parametrize("date, end, text", [
    ("2024-11-04", "2024-11-06", "4–6 November 2024"),
    ("2024-11-04", "2024-12", "4 November 2024 – December 2024"),
    ("2024-11", "2024-12-05", "November 2024 – 5 December 2024"),
    ("2024-11", "2025-02", "November 2024 – February 2025"),
    ("2024", "2026", "2024–2026"),
])
def test_ranges_accepted(project, date, end, text):
    name = f"{date}-a-meeting.md"
    event, problems = validate(project, f"title: A\ndate: {date}\nend: {end}\n" + SOURCE, name)
    assert problems == []
    assert event.date_text == text


@pytest.mark.parametrize("end", ["2024-11-03", "2023", "2024-10", "3 November 2024"])
def test_end_before_date(project, end):
    iso = {"3 November 2024": "2024-11-03"}.get(end, end)
    assert one(project, HEAD + f"end: {end}\n" + SOURCE) == error(
        4, "end", f"is {iso}, before the date 2024-11-04; the end of a range must come after its start (swap them?)",
    )


@pytest.mark.parametrize("end", ["2024-11-04", "4 November 2024", "Nov. 4, 2024"])
def test_end_equal_to_date_warns_and_is_dropped(project, end):
    event, problems = validate(project, HEAD + f"end: {end}\n" + SOURCE)
    assert problems == [warning(4, "end", "is the same as date; remove it")]
    assert event.end is None
    assert event.date_text == "4 November 2024"


@pytest.mark.parametrize("date, end", [
    ("2024-11", "2024-11-20"),  # would read "November 2024 – 20 November 2024"
    ("2024-11-04", "2024-11"),
    ("2024", "2024-11"),
    ("2024", "2024-12-31"),
    ("2024-11", "2024"),
])
def test_end_inside_the_date_refused(project, date, end):
    name = f"{date}-a-meeting.md"
    assert one(project, f"title: A\ndate: {date}\nend: {end}\n" + SOURCE, name) == error(
        4, "end", f"is {end}, inside the date {date}; the end must come after the whole date, so write both at "
        "the same precision (like date: 2024-11-04 and end: 2024-11-20)", f"events/{name}",
    )


def test_bad_end_and_bad_date_each_reported_once(project):
    _, problems = validate(project, "title: A\ndate: 2024-02-30\nend: 2024-13\n" + SOURCE)
    assert [(p.line, p.field) for p in problems] == [(3, "date"), (4, "end")]


# --- file names ---

RENAME = ("is {iso} but the file name starts with {prefix}; fix the date or rename the file to {suggested} (renamed in "
          "git, it keeps its history, and its old address sends readers on)")
NAME_RULE = "name must be the event's date then a short slug in lowercase letters, digits and dashes, like {}"


@pytest.mark.parametrize("date, prefix", [
    (EventDate(2024, 11, 4), "2024-11-04"), (EventDate(2024, 11), "2024-11"), (EventDate(2024), "2024"),
    (EventDate(-500), "bc0500"), (EventDate(-44, 3, 15), "bc0044-03-15"), (EventDate(800), "0800"),
])
def test_date_prefix(date, prefix):
    assert date_prefix(date) == prefix


@pytest.mark.parametrize("name, date", [
    ("2024-11-04-a-meeting.md", "2024-11-04"),
    ("2024-11-a-meeting.md", "2024-11"),
    ("2024-a-meeting.md", "2024"),
    ("bc0500-founding.md", "500 BC"),
    ("bc0044-03-15-caesar-killed.md", "15 March 44 BC"),
    ("0800-12-25-charlemagne.md", "25 December 800"),
    ("2024-11-04-2.md", "2024-11-04"),
    ("2024-11-04-10-000-troops.md", "2024-11-04"),
    ("2024-11-1000-troops.md", "2024-11"),
])
def test_good_file_names(project, name, date):
    _, problems = validate(project, f"title: A\ndate: {date}\n" + SOURCE, name)
    assert problems == []


@pytest.mark.parametrize("name, date, prefix, suggested", [
    ("2024-11-05-a-meeting.md", "2024-11-04", "2024-11-05", "2024-11-04-a-meeting.md"),
    ("2024-11-a-meeting.md", "2024-11-04", "2024-11", "2024-11-04-a-meeting.md"),
    ("2024-a-meeting.md", "2024-11-04", "2024", "2024-11-04-a-meeting.md"),
    ("2024-11-04-a-meeting.md", "2024-11", "2024-11-04", "2024-11-a-meeting.md"),
    ("2024-11-04-a-meeting.md", "2024", "2024-11-04", "2024-a-meeting.md"),
    # two digits after the date read as a day (or month), so they cannot start the slug of a coarser date
    ("2024-11-12-killed.md", "2024-11", "2024-11-12", "2024-11-killed.md"),
    ("2024-10-rockets.md", "2024", "2024-10", "2024-rockets.md"),
    ("0500-founding.md", "500 BC", "0500", "bc0500-founding.md"),
    ("bc0500-founding.md", "AD 500", "bc0500", "0500-founding.md"),
])
def test_file_name_must_start_with_the_date(project, name, date, prefix, suggested):
    iso = {"500 BC": "-0500", "AD 500": "0500"}.get(date, date)
    assert one(project, f"title: A meeting\ndate: {date}\n" + SOURCE, name) == error(
        3, "date", RENAME.format(iso=iso, prefix=prefix, suggested=suggested), f"events/{name}",
    )


def test_date_mismatch_is_reported_on_the_date_line(project):
    problem = one(project, "title: A\nactors: [x]\n\ndate: 2024-11-05\n" + SOURCE)
    assert (problem.line, problem.field) == (5, "date")


@pytest.mark.parametrize("name, date, suggested", [
    ("2024-11-04-A-Meeting.md", "2024-11-04", "2024-11-04-a-meeting.md"),
    ("2024-11-04 a meeting.md", "2024-11-04", "2024-11-04-a-meeting.md"),
    ("2024-11-04_a_meeting.md", "2024-11-04", "2024-11-04-a-meeting.md"),
    ("2024-11-04-réunion.md", "2024-11-04", "2024-11-04-a-meeting.md"),
    ("2024-11-04-a--meeting.md", "2024-11-04", "2024-11-04-a-meeting.md"),
    ("2024-11-04-a-meeting-.md", "2024-11-04", "2024-11-04-a-meeting.md"),
    ("a-meeting.md", "2024-11", "2024-11-a-meeting.md"),
    ("24-11-04-a-meeting.md", "2024-11-04", "2024-11-04-a-meeting.md"),
    ("-0500-founding.md", "500 BC", "bc0500-a-meeting.md"),
    ("BC0500-founding.md", "500 BC", "bc0500-a-meeting.md"),
    # the date alone is not a name: it needs a slug
    ("2024-11-04.md", "2024-11-04", "2024-11-04-a-meeting.md"),
    ("2024-11.md", "2024-11", "2024-11-a-meeting.md"),
    ("2024.md", "2024", "2024-a-meeting.md"),
])
def test_bad_file_names_get_a_suggested_name(project, name, date, suggested):
    assert one(project, f"title: A meeting\ndate: {date}\n" + SOURCE, name) == error(
        1, "file", NAME_RULE.format(suggested), f"events/{name}",
    )


def test_suggested_name_is_ascii_for_any_script(project):
    name = "Встреча.md"
    front = "title: Путин встречается с Чхве Сон Хи\ndate: 2024-11-04\n" + SOURCE
    problem = one(project, front, name)
    assert problem == error(1, "file", NAME_RULE.format("2024-11-04-putin-vstrechaetsia-s-chkhve-son-khi.md"),
                            f"events/{name}")


def test_suggested_name_without_a_readable_date(project):
    _, problems = validate(project, "title: A meeting\ndate: yesterday\n" + SOURCE, "Meeting.md")
    assert error(1, "file", NAME_RULE.format("YYYY-MM-DD-a-meeting.md"), "events/Meeting.md") in problems


def test_over_long_file_name(project):
    name = "2024-11-04-" + "a" * 90 + ".md"
    assert one(project, HEAD + SOURCE, name) == error(
        1, "file", "name is 101 characters long; shorten it to 100 at most, like 2024-11-04-a-meeting.md",
        f"events/{name}",
    )
    _, problems = validate(project, HEAD + SOURCE, "2024-11-04-" + "a" * 89 + ".md")
    assert problems == []


# --- drafts ---

def test_drafts_are_validated_and_marked(project):
    project.event("2024-11-04-a.md", draft="true")
    project.event("2024-11-05-b.md")
    loaded = load_project(project.root)
    assert loaded.problems == []
    assert [e.id for e in loaded.events] == ["2024-11-04-a", "2024-11-05-b"]
    assert [e.id for e in loaded.published()] == ["2024-11-05-b"]
    assert [e.id for e in loaded.published(include_drafts=True)] == ["2024-11-04-a", "2024-11-05-b"]


def test_a_draft_may_leave_out_its_sources(project):
    event, problems = validate(project, HEAD + "draft: true\n")
    assert problems == []
    assert event.sources == () and event.draft is True


def test_a_finished_event_without_sources_is_an_error(project):
    assert one(project, HEAD + "draft: false\n") == error(
        2, "sources", "is missing: add 'sources: ...' (The reporting the event rests on: at least one source "
        "(a draft may have none yet).)",
    )


def test_a_draft_with_errors_is_still_an_error(project):
    _, problems = validate(project, HEAD + SOURCE + "draft: true\ntittle: x\n")
    assert [p.severity for p in problems] == [ERROR]


# --- across files ---

def test_the_same_date_and_title_in_two_files_is_a_warning(project):
    project.event("2024-11-04-talks.md", title="Putin meets Choe")
    project.event("2024-11-04-talks-again.md", title="putin  meets CHOE")
    project.event("2024-11-05-talks.md", title="Putin meets Choe")  # another day: another meeting
    problems = load_project(project.root).problems
    assert problems == [warning(
        2, "title", "events/2024-11-04-talks-again.md has the same date and title; if it is the same event, keep "
        "one file and give it both files' sources", path="events/2024-11-04-talks.md",
    )]


def test_ids_equal_but_for_case_collide(project):
    project.event("2024-11-04-a-meeting.md")
    project.event("2024-11-04-A-meeting.md")
    problems = [p for p in load_project(project.root).problems if "collides" in p.message]
    assert problems == [error(
        1, "file", "name collides with events/2024-11-04-A-meeting.md when case and accents are ignored (a web "
        "address cannot tell them apart on every system); rename one of them",
    )]


def test_ids_equal_after_unicode_normalisation_collide(project):
    composed, decomposed = "2024-11-04-caf\u00e9.md", "2024-11-04-cafe\u0301.md"
    project.event(composed)
    project.event(decomposed)
    problems = [p for p in load_project(project.root).problems if "collides" in p.message]
    assert len(problems) == 1
    assert problems[0].message.startswith("name collides with events/")
    assert {problems[0].path, problems[0].message.split()[3]} == {f"events/{composed}", f"events/{decomposed}"}


JOIN = ", or join them in entities.toml: the warning about them says how"


@pytest.mark.parametrize("attribute, label, first, second", [
    ("tags", "tag", "[North Korea]", "[north-korea]"),
    ("tags", "tag", "[Russia]", "[russia]"),
    ("actors", "actor", "[Kim Jong Un]", "[Kim Jong-un]"),
    ("location", "location", "Moscow, Russia", "Moscow Russia"),
])
def test_two_spellings_sharing_a_page_collide(project, attribute, label, first, second):
    project.event("2024-11-04-a.md", **{attribute: first})
    project.event("2024-11-05-b.md", **{attribute: second})
    loaded = load_project(project.root)
    one_, two = first.strip("[]"), second.strip("[]")
    # actors and places spelt alike also get a warning with the entities.toml lines (tests/test_entities.py)
    assert [p for p in loaded.problems if p.severity == ERROR] == [error(
        8, attribute, f"{label} {two!r} and {one_!r} (in events/2024-11-04-a.md) would share one page; "
        f"spell them the same way{JOIN if attribute != 'tags' else ''}", "events/2024-11-05-b.md",
    )]


def test_two_spellings_in_one_file_collide(project):
    project.event("2024-11-04-a.md", tags="[North Korea, North-Korea]")
    assert load_project(project.root).problems == [error(
        8, "tags", "tag 'North-Korea' and 'North Korea' (in events/2024-11-04-a.md) would share one page; "
        "spell them the same way", "events/2024-11-04-a.md",
    )]


def test_same_spelling_in_many_files_is_fine(project):
    for day in range(4, 8):
        project.event(f"2024-11-0{day}-a.md", tags="[North Korea]", actors="[NATO]", location="Moscow")
    assert load_project(project.root).problems == []


def test_check_across_files_with_nothing():
    assert check_across_files([], []) == []


def test_slug():
    assert slug("Choe Son Hui") == "choe-son-hui"
    assert slug("North Korea") == slug("north-korea") == "north-korea"
    assert slug("!!!") == "untitled"
    assert len(slug("word " * 40)) <= 60


# --- order of events ---

def make(id_: str, date: str, end: str | None = None) -> Event:
    """Return a minimal event."""
    from timeline.model.dates import parse_date

    source = Source("T", "P", parse_date("2024"))
    return Event(id_, f"events/{id_}.md", "T", parse_date(date), (source,), end=parse_date(end) if end else None)


@pytest.mark.parametrize("start, end", [("2024-11-04", "2024-11-06"), ("-0500", "-0400"), ("1 BC", "AD 1")])
def test_an_event_without_an_end_sorts_before_a_range_from_the_same_date(start, end):
    single, ranged = make("z-single", start), make("a-range", start, end)
    assert sorted([ranged, single], key=Event.sort_key) == [single, ranged]


def test_events_sort_by_date_then_end_then_id():
    events = [make("c", "2024-11-04"), make("b", "2024-11"), make("a", "2024-11-04"), make("d", "-0044-03-15"),
              make("e", "2024-11-04", "2024-11-05")]
    assert [e.id for e in sorted(events, key=Event.sort_key)] == ["d", "b", "a", "c", "e"]


# --- status and corrections ---

def test_status_and_corrections_are_read(project):
    front = (HEAD + with_source() + "status: Disputed\ncorrections:\n  - date: 2024-11-09\n"
             "    note: The count was revised from 12 to 14.\n  - date: 2024-11-08\n    note: A name was misspelt.\n")
    event, problems = validate(project, front)
    assert problems == []
    assert event.status == "disputed"
    assert [(c.date, c.note) for c in event.corrections_newest_first()] == [
        (EventDate(2024, 11, 9), "The count was revised from 12 to 14."),
        (EventDate(2024, 11, 8), "A name was misspelt.")]


def test_an_event_without_a_status_is_reported(project):
    event, _ = validate(project, HEAD + with_source())
    assert (event.status, event.corrections) == ("reported", ())


@pytest.mark.parametrize("front, expected", [
    ("status: rumoured\n", error(
        8, "status", "expected one of reported, confirmed, claimed, disputed, retracted, found 'rumoured'; write "
        "'status: reported' or another of them")),
    ("status:\n  - confirmed\n", error(
        9, "status", "expected one of reported, confirmed, claimed, disputed, retracted, found a list; write one "
        "value on the same line, like 'status: reported'")),
    ("status: retracted\n", error(
        8, "status", "is retracted, but no correction says why: add 'corrections:' with a '- date:' and a 'note:' "
                     "saying when and why the reporting was withdrawn")),
    ("corrections: A name was misspelt\n", error(
        8, "corrections", "expected a list of corrections, found the text 'A name was misspelt'; write each as "
        "'  - date: 2024-11-09' followed by a 'note:' line lined up with 'date:'")),
    ("corrections:\n  - date: 2024-11-09\n", error(9, "corrections[1].note",
                                                   "is missing: add 'note: ...' (What changed and why, in a sentence.)")),
    ("corrections:\n  - date: 2024-11-09\n    note: Fixed.\n    by: Ann\n", error(
        11, "corrections[1].by", "unknown field 'by': the fields are date, note")),
    ("corrections:\n  - A name was misspelt\n", error(
        9, "corrections[1]", "expected a correction with date and note fields, found the text 'A name was misspelt'")),
    ("corrections:\n  - date: 2024-11-01\n    note: Fixed.\n", error(
        9, "corrections[1].date", "is 2024-11-01, before the first source was published (2024-11-07); a correction "
        "comes after the reporting it corrects")),
    ("corrections:\n  - date: 2999-01-01\n    note: Fixed.\n", error(
        9, "corrections[1].date", "is 2999-01-01, in the future; write the day the correction was made")),
    ("corrections:\n  - date: 9 Nov\n    note: Fixed.\n", error(
        9, "corrections[1].date", None)),
], ids=["unknown-status", "status-as-a-list", "retracted-without-why", "corrections-as-text", "note-missing",
        "unknown-correction-field", "correction-as-text", "before-the-first-source", "in-the-future",
        "date-without-year"])
def test_status_and_corrections_problems(project, front, expected):
    problem = one(project, HEAD + with_source() + front)
    if expected.message is None:  # the date's own message, tested with the dates
        assert (problem.line, problem.field, problem.severity) == (expected.line, expected.field, ERROR)
    else:
        assert problem == expected
