"""Reading event files: every way a file can be broken gives a Problem at the right line, in words."""

from __future__ import annotations

import os
import time

import pytest

from timeline.model import front_matter
from timeline.model.event_file import MAX_FILE_BYTES, list_event_files, read_event_file
from timeline.model.front_matter import Mapping, Scalar, Sequence
from timeline.problems import ERROR, WARNING, Problem

NAME = "2024-11-04-a-meeting.md"
PATH = f"events/{NAME}"
GOOD = "---\ntitle: A meeting\ndate: 2024-11-04\n---\nBody text.\n"

EMPTY = "is empty; an event file starts with a --- line, its fields, and another --- line"
NO_FRONT_MATTER = ("is missing: the file must start with a line of three dashes (---), "
                   "then the fields (title: ..., date: ...), then another --- line")
UNCLOSED = "is not closed: add a line with --- after the last field"
TAG = "uses a YAML tag ({}); remove it, or put the whole value in quotes if it is part of the text"


def read(project, data, name=NAME):
    """Return the EventFile read from events/NAME holding data (text or bytes)."""
    path = project.write_bytes(name, data if isinstance(data, bytes) else data.encode("utf-8"))
    return read_event_file(path, project.root)


def only_problem(event_file) -> Problem:
    """Return the one problem recorded on the file."""
    assert len(event_file.problems) == 1, event_file.problems
    return event_file.problems[0]


def texts(mapping: Mapping) -> dict:
    """Return {key: text} of a mapping of scalars."""
    return {key: node.text for key, (_, node) in mapping.entries.items()}


def test_good_file_reads_into_a_tree_with_lines(project):
    event_file = read(project, "---\ntitle: A meeting\ndate: 2024-11-04\ntags:\n  - a\n  - b\n"
                               "sources:\n  - title: T\n    publisher: P\n---\nFirst line.\n\nSecond.\n")
    assert event_file.problems == []
    assert event_file.relpath == PATH
    assert event_file.id == "2024-11-04-a-meeting"
    fm = event_file.front_matter
    assert fm.entries["title"] == (2, Scalar("A meeting", 2))
    assert fm.entries["date"] == (3, Scalar("2024-11-04", 3))
    tags_line, tags = fm.entries["tags"]
    assert tags_line == 4 and isinstance(tags, Sequence)
    assert [(item.text, item.line) for item in tags.items] == [("a", 5), ("b", 6)]
    source = fm.entries["sources"][1].items[0]
    assert isinstance(source, Mapping) and source.line == 8
    assert source.entries["publisher"] == (9, Scalar("P", 9))
    assert event_file.body == "First line.\n\nSecond.\n"
    assert event_file.body_line == 11


@pytest.mark.parametrize("data, line, field, message", [
    ("", 1, "file", EMPTY),
    ("   \n\n \t \n", 1, "file", EMPTY),
    ("title: A meeting\ndate: 2024-11-04\n", 1, "front matter", NO_FRONT_MATTER),
    ("\n---\ntitle: A meeting\n---\n", 1, "front matter", NO_FRONT_MATTER),
    ("-- \ntitle: A meeting\n---\n", 1, "front matter", NO_FRONT_MATTER),
    ("---\ntitle: A meeting\ndate: 2024-11-04\n", 1, "front matter", UNCLOSED),
    ("---\n", 1, "front matter", UNCLOSED),
    ("---\n- a\n- b\n---\n", 2, "front matter", "must be fields written as 'name: value' lines, but it is a list"),
    ("---\njust some text\n---\n", 2, "front matter",
     "must be fields written as 'name: value' lines, but it is plain text"),
    ("---\n\n\nA line of text\n---\n", 4, "front matter",
     "must be fields written as 'name: value' lines, but it is plain text"),
])
def test_broken_structure(project, data, line, field, message):
    event_file = read(project, data)
    assert only_problem(event_file) == Problem(PATH, line, field, message, ERROR)
    assert event_file.front_matter is None


@pytest.mark.parametrize("data, expected", [
    ("---\n---\nbody\n", {}),
    ("---\n# only a comment\n---\n", {}),
    ("---\ntitle: A\n...\nbody\n", {"title": "A"}),  # YAML's own end-of-document marker
    ("--- \ntitle: A\n---   \nbody\n", {"title": "A"}),  # trailing spaces after the fences
    ("---\ntitle: A\n---\n---\nmore\n", {"title": "A"}),  # a later --- belongs to the body
    ("---\nquote: |\n  line\n  ---\n---\n", {"quote": "line\n---"}),  # an indented --- is text
])
def test_fences(project, data, expected):
    event_file = read(project, data)
    assert event_file.problems == []
    assert texts(event_file.front_matter) == expected


def test_body_after_a_later_fence_is_kept(project):
    event_file = read(project, "---\ntitle: A\n---\n---\nmore\n")
    assert event_file.body == "---\nmore\n"
    assert event_file.body_line == 4


# --- bytes and encodings ---

@pytest.mark.parametrize("data, line, column, byte", [
    (b"---\ntitle: caf\xe9\n---\n", 2, 11, "e9"),
    (b"---\ntitle: ok\n---\nbody \xff here\n", 4, 6, "ff"),
    (b"\xff---\n", 1, 1, "ff"),
    # columns count characters as an editor does, not bytes: "é" is one column
    ("---\ntitle: Café ".encode() + b"\xe9\n---\n", 2, 13, "e9"),
    (b"---\r\ntitle: ok\r\ndate: \x80\r\n---\r\n", 3, 7, "80"),
])
def test_non_utf8_reports_line_and_column(project, data, line, column, byte):
    event_file = read(project, data)
    assert only_problem(event_file) == Problem(
        PATH, line, "file", f"is not valid UTF-8 (byte 0x{byte} at column {column}); save the file with UTF-8 encoding",
    )
    assert event_file.front_matter is None


def test_bom_only_file_is_empty(project):
    assert [(p.severity, p.message) for p in read(project, b"\xef\xbb\xbf").problems] == [
        (WARNING, "starts with a byte-order mark (BOM), which is ignored; save the file as UTF-8 without BOM"),
        (ERROR, EMPTY),
    ]


def test_bom_is_a_warning_and_the_file_still_reads(project):
    event_file = read(project, b"\xef\xbb\xbf" + GOOD.encode())
    assert event_file.problems == [Problem(
        PATH, 1, "file", "starts with a byte-order mark (BOM), which is ignored; save the file as UTF-8 without BOM",
        WARNING,
    )]
    assert texts(event_file.front_matter) == {"title": "A meeting", "date": "2024-11-04"}


@pytest.mark.parametrize("newline, kind", [("\r\n", "Windows (CRLF)"), ("\r", "old Mac (CR)")])
def test_other_line_endings_warn_and_keep_line_numbers(project, newline, kind):
    text = "---\ntitle: A meeting\ndate: 2024-11-04\ntags:\n  - a\n---\nBody.\n".replace("\n", newline)
    event_file = read(project, text)
    assert event_file.problems == [Problem(
        PATH, 1, "file", f"has {kind} line endings, which are read as ordinary line ends; "
        "save it with Unix (LF) line endings", WARNING,
    )]
    fm = event_file.front_matter
    assert fm.entries["date"] == (3, Scalar("2024-11-04", 3))
    assert fm.entries["tags"][1].items[0].line == 5
    assert event_file.body == "Body.\n"
    assert event_file.body_line == 7


def test_crlf_file_with_a_yaml_error_reports_the_right_line(project):
    event_file = read(project, "---\r\ntitle: A\r\ndate: 2024\r\n  bad: [\r\n---\r\n")
    assert [p.line for p in event_file.problems] == [1, 4]
    assert event_file.problems[1].severity == ERROR


@pytest.mark.parametrize("data, line", [
    ("---\ntitle: A\x00B\n---\n", 2),
    ("---\ntitle: A\n---\nbody\n\nmore\x00\n", 6),
    ("\x00", 1),
])
def test_nul_byte_refused(project, data, line):
    event_file = read(project, data)
    assert only_problem(event_file) == Problem(PATH, line, "file", "contains a NUL character; is it a text file?")


INVISIBLE = "contains an invisible control character (U+{:04X}) on this line; delete it (it often comes with text " \
    "pasted from a PDF or a word processor)"


@pytest.mark.parametrize("data, line, field, character", [
    # YAML refused these with its own words ('unacceptable character #x001f ... in "<unicode string>", position 8'),
    # always at line 2, wherever they were
    ("---\ntitle: A\ndate: 2024\nlocation: Mos\x1fcow\n---\n", 4, "location", 0x1F),
    ("---\ntitle: A\nsources:\n  - title: S\n    publisher: P\x7f\n---\n", 5, "publisher", 0x7F),
    ("---\ntitle: A\ntags:\n  - a\x9b\n---\n", 4, "tags", 0x9B),
    ("---\ntitle: \"A \ufffe B\"\n---\n", 2, "title", 0xFFFE),
    # YAML read these as line ends, so every line it named after them was one off
    ("---\ntitle: A\x85B\ndate: someday\n---\n", 2, "title", 0x85),
    ("---\ntitle: \"A\u2028B\"\ndate: someday\n---\n", 2, "title", 0x2028),
    ("---\ntitle: A\ndate: 2024\n\u2029\n---\n", 4, "front matter", 0x2029),
])
def test_invisible_characters_in_the_front_matter_are_named_on_their_line(project, each_reader, data, line, field,
                                                                           character):
    event_file = read(project, data)
    assert only_problem(event_file) == Problem(PATH, line, field, INVISIBLE.format(character))
    assert event_file.front_matter is None


def test_escaped_control_characters_are_left_to_the_value_check(project):
    """Written as escapes in quotes, they are read as the value's characters, which validation refuses."""
    event_file = read(project, '---\ntitle: "A\\x1fB"\nlocation: "\\u2028"\n---\n')
    assert event_file.problems == []
    assert texts(event_file.front_matter) == {"title": "A\x1fB", "location": "\u2028"}


def test_file_over_the_size_limit_is_refused_unread(project):
    limit = MAX_FILE_BYTES
    assert limit == 256 * 1024
    body = "x" * (limit - len(GOOD.encode()))
    assert only_problem(read(project, GOOD + body + "y")) == Problem(
        PATH, 1, "file", "is larger than 256 KiB; an event's description should be short, "
        "so split it or move long material to a source",
    )
    at_limit = read(project, GOOD + body)
    assert at_limit.problems == []
    assert at_limit.body.endswith("x")


def test_unreadable_file(project):
    path = project.write("2024-11-04-a.md", GOOD)
    path.unlink()
    path.mkdir()  # opening a folder fails with an OSError, as an unreadable file would
    event_file = read_event_file(path, project.root)
    assert only_problem(event_file).message.startswith("cannot be read: ")


# --- what YAML may and may not do ---

def test_duplicate_key_reported_at_the_second_naming_the_first(project):
    event_file = read(project, "---\ntitle: A\ndate: 2024\ntitle: B\n---\n")
    assert only_problem(event_file) == Problem(
        PATH, 4, "title", "appears twice (first at line 2); keep one of them",
    )
    assert event_file.front_matter is None


@pytest.mark.parametrize("data, line, field, message", [
    ("---\n'': a\n'': b\n---\n", 3, "front matter", "appears twice (first at line 2); keep one of them"),
    ("---\n' ': &a b\n---\n", 2, "front matter", "uses a YAML anchor (&a); write the value out in full"),
    ("---\nsources:\n  - '': [a, &x b]\n---\n", 3, "sources[1][2]",
     "uses a YAML anchor (&x); write the value out in full"),
])
def test_a_field_without_a_name_is_named_by_where_it_is(project, data, line, field, message):
    """Not 'events/FILE.md:3: : appears twice', with no field at all."""
    assert only_problem(read(project, data)) == Problem(PATH, line, field, message)


def test_duplicate_key_inside_a_source(project):
    event_file = read(project, "---\nsources:\n  - title: A\n    publisher: P\n    title: B\n---\n")
    assert only_problem(event_file) == Problem(
        PATH, 5, "sources[1].title", "appears twice (first at line 3); keep one of them",
    )


@pytest.mark.parametrize("data, line, field, message", [
    ("---\ntitle: &a A meeting\ndate: 2024\n---\n", 2, "title",
     "uses a YAML anchor (&a); write the value out in full"),
    ("---\ndate: *a\n---\n", 2, "date", "uses a YAML alias (*a); write the value out in full"),
    ("---\ntags:\n  - x\n  - *t\n---\n", 4, "tags[2]", "uses a YAML alias (*t); write the value out in full"),
    ("---\nsources:\n  - &s\n    title: A\n---\n", 3, "sources[1]",
     "uses a YAML anchor (&s); write the value out in full"),
])
def test_anchors_and_aliases_refused(project, data, line, field, message):
    assert only_problem(read(project, data)) == Problem(PATH, line, field, message)


BILLION_LAUGHS = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
) + "title: A\n---\n"


def test_billion_laughs_is_refused_fast_and_never_expanded(project, monkeypatch):
    def no_composing(*args, **kwargs):
        raise AssertionError("the loader must not build YAML objects, where aliases expand")

    for name in ("compose", "load", "safe_load", "full_load", "unsafe_load"):
        monkeypatch.setattr(front_matter.yaml, name, no_composing)
    started = time.perf_counter()
    event_file = read(project, BILLION_LAUGHS)
    assert time.perf_counter() - started < 0.5
    assert only_problem(event_file) == Problem(PATH, 2, "a", "uses a YAML anchor (&a); write the value out in full")
    assert event_file.front_matter is None


def test_many_aliases_without_anchors_are_refused_at_the_first(project):
    data = "---\n" + "".join(f"k{i}: [{', '.join(['*x'] * 1000)}]\n" for i in range(60)) + "---\n"
    started = time.perf_counter()
    event_file = read(project, data)
    assert time.perf_counter() - started < 0.5
    assert only_problem(event_file) == Problem(PATH, 2, "k0[1]", "uses a YAML alias (*x); write the value out in full")


@pytest.mark.parametrize("value, shown", [
    ("!!python/object:os.system x", "!!python/object:os.system"),
    ("!!python/object/apply:os.system [ls]", "!!python/object/apply:os.system"),
    ("!!str x", "!!str"),
    ("!!binary aGk=", "!!binary"),
    ("!custom x", "!custom"),
    ("!<tag:example.com,2024:x> x", "tag:example.com,2024:x"),
    # the bare "!" would silently drop itself from the text: "! Breaking" would read "Breaking"
    ("! Breaking news", "!"),
    ("!!map {a: b}", "!!map"),
    ("!!seq [a]", "!!seq"),
])
def test_yaml_tags_refused(project, value, shown):
    assert only_problem(read(project, f"---\ntitle: {value}\n---\n")) == Problem(PATH, 2, "title", TAG.format(shown))


def test_quoted_exclamation_mark_is_text(project):
    event_file = read(project, "---\ntitle: '! Breaking news'\n---\n")
    assert event_file.problems == []
    assert texts(event_file.front_matter) == {"title": "! Breaking news"}


@pytest.mark.parametrize("data, line", [
    ("---\n[a, b]: x\n---\n", 2),
    ("---\n? [a]\n: x\n---\n", 2),
    ("---\n{a: 1}: x\n---\n", 2),
])
def test_field_names_must_be_text(project, data, line):
    assert only_problem(read(project, data)) == Problem(
        PATH, line, "front matter", "has a field name that is not plain text",
    )


NESTED = ("is nested more than 8 levels deep; a field holds text, a list of texts, "
          "or (for sources) a list of groups of fields")


def test_nesting_up_to_the_limit_is_read(project):
    assert read(project, "---\na: " + "[" * 8 + "]" * 8 + "\n---\n").problems == []


def test_deep_nesting_refused(project):
    assert only_problem(read(project, "---\na: " + "[" * 9 + "]" * 9 + "\n---\n")) == Problem(
        PATH, 2, "a" + "[1]" * 8, NESTED,
    )


def test_deep_mapping_nesting_refused_at_its_line(project):
    data = "---\n" + "".join("  " * i + f"k{i}:\n" for i in range(12)) + "---\n"
    assert only_problem(read(project, data)) == Problem(PATH, 10, "k0.k1.k2.k3.k4.k5.k6.k7", NESTED)


def test_absurd_nesting_fails_fast_without_recursion_error(project):
    started = time.perf_counter()
    event_file = read(project, "---\na: " + "[" * 100_000 + "]" * 100_000 + "\n---\n")
    assert time.perf_counter() - started < 1
    problem = only_problem(event_file)
    assert (problem.line, problem.severity) == (2, ERROR)


@pytest.mark.parametrize("data, line, message", [
    ("---\ntitle: Putin: the meeting\ndate: 2024\n---\n", 2,
     "YAML syntax error: mapping values are not allowed in this context; a value that contains ': ' "
     "must be put in quotes"),
    ('---\ntitle: "C:\\qux"\n---\n', 2,
     "YAML syntax error: found unknown escape character; inside double quotes a backslash starts an escape: "
     "use single quotes instead, or write \\\\ for a backslash"),
    # a quote or bracket left open is reported where it opens
    ('---\ntitle: "A meeting\ndate: 2024\nend: 2025\n---\n', 2,
     "YAML syntax error: found unexpected end of stream; the quote that starts on this line is never closed"),
    ("---\ntitle: A\ntags: ['a\ndate: 2024\n---\n", 3,
     "YAML syntax error: found unexpected end of stream; the quote that starts on this line is never closed"),
    ("---\ntitle: A\ntags: [A, B\ndate: 2024\n---\n", 3,
     "YAML syntax error: did not find expected ',' or ']'; the [ on this line is never closed with ]"),
    ("---\ntitle: {A: B\ndate: 2024\n---\n", 2,
     "YAML syntax error: did not find expected ',' or '}'; the { on this line is never closed with }"),

    ("---\ntitle: A\nthis line has no colon\ndate: 2024\n---\n", 4,
     "YAML syntax error: could not find expected ':'; each line should be 'name: value'"),
    ("---\n%YAML 1.1\n---\n", 3, "YAML syntax error: did not find expected <document start>"),
    # values YAML reads as syntax unless quoted
    ("---\ntitle: @user says\n---\n", 2, "YAML syntax error: found character that cannot start any token; "
     "a value that starts with @, ` or % must be put in quotes"),
    ("---\ntitle: `x`\n---\n", 2, "YAML syntax error: found character that cannot start any token; "
     "a value that starts with @, ` or % must be put in quotes"),
    ("---\ntitle: - A\ndate: 2024\n---\n", 2, "YAML syntax error: block sequence entries are not allowed in this "
     "context; a value that starts with '- ' must be put in quotes (list items go on their own lines)"),
    ("---\ntitle: [Update] A\ndate: 2024\n---\n", 2, "YAML syntax error: did not find expected key; line this field "
     "up with the ones above it, and put a value that starts with a quote, [ or { in quotes"),
    ('---\ntitle: "Yes" he said\n---\n', 2, "YAML syntax error: did not find expected key; line this field "
     "up with the ones above it, and put a value that starts with a quote, [ or { in quotes"),
    ("---\nsources:\n  - title: A\n  publisher: W\n---\n", 4, "YAML syntax error: did not find expected '-' "
     "indicator; line up each item's fields with its first one"),
])
def test_yaml_syntax_errors_have_line_and_hint(project, data, line, message):
    assert only_problem(read(project, data)) == Problem(PATH, line, "front matter", message)


@pytest.mark.parametrize("data, line, field, message", [
    ("---\ntitle:A meeting\ndate: 2024\n---\n", 2, "title", "needs a space after the colon: write 'title: A meeting'"),
    ("---\ntitle:A meeting\n---\n", 2, "title", "needs a space after the colon: write 'title: A meeting'"),
    ("---\ntitle: A\ndate:2024-11-04\ntags: [a]\n---\n", 3, "date",
     "needs a space after the colon: write 'date: 2024-11-04'"),
    ("---\nsources:\n  - title: A\n    url:https://example.com\n---\n", 4, "url",
     "needs a space after the colon: write 'url: https://example.com'"),
])
def test_missing_space_after_the_colon(project, data, line, field, message):
    assert only_problem(read(project, data)) == Problem(PATH, line, field, message)


@pytest.fixture(params=["libyaml", "PyYAML"])
def each_reader(request, monkeypatch):
    """Run the test with libyaml's reader and with PyYAML's own, which word the same mistake differently."""
    if request.param == "PyYAML":
        monkeypatch.setattr(front_matter, "_LOADER", front_matter.yaml.BaseLoader)
    elif not hasattr(front_matter.yaml, "CBaseLoader"):
        pytest.skip("PyYAML was built without libyaml")


TAB = "is indented with a tab, but YAML needs spaces: "


@pytest.mark.parametrize("data, line, field, message", [
    ("---\ntitle: A\n\tdate: 2024\n---\n", 3, "date", TAB + "remove the tab, as 'date: 2024'"),
    ("---\ntitle: A\ntags:\n\t- diplomacy\n---\n", 4, "tags",
     TAB + "replace the tab with 2 spaces, as '  - diplomacy'"),
    ("---\ntags:\n  - a\n\t- b\n---\n", 4, "tags", TAB + "replace the tab with 2 spaces, as '  - b'"),
    ("---\nsources:\n\t- title: S\n---\n", 3, "title", TAB + "replace the tab with 2 spaces, as '  - title: S'"),
    ("---\nsources:\n  - title: S\n\tpublisher: X\n---\n", 4, "publisher",
     TAB + "replace the tab with 4 spaces, as '    publisher: X'"),
    ("---\nsources:\n  - title: S\n    publisher: X\n\t\tpublished: 2024-11-05\n---\n", 5, "published",
     TAB + "replace the tabs with 4 spaces, as '    published: 2024-11-05'"),
    ("---\ntitle: A\n  \tdate: 2024\n---\n", 3, "date", TAB + "remove the tab, as 'date: 2024'"),
    ("---\nquote: |\n\tSaid it.\n---\n", 3, "quote", TAB + "replace the tab with 2 spaces, as '  Said it.'"),
])
def test_tab_indentation_is_named_with_the_spaces_to_write(project, each_reader, data, line, field, message):
    assert only_problem(read(project, data)) == Problem(PATH, line, field, message)


def test_a_tab_inside_block_text_is_text_and_not_blamed_for_a_later_error(project, each_reader):
    assert read(project, "---\nquote: |\n  a\n  \tb\n---\n").problems == []
    problem = only_problem(read(project, "---\nquote: |\n  a\n  \tb\ntitle: Putin: the meeting\n---\n"))
    assert (problem.line, problem.field) == (5, "front matter")


DASH = "{!r} is not a list item: write it with a space after the dash, as '{}'"


@pytest.mark.parametrize("data, line, field, message", [
    ("---\ntags:\n-diplomacy\ntitle: A\n---\n", 3, "tags", DASH.format("-diplomacy", "- diplomacy")),
    ("---\nsources:\n  -title: S\n    publisher: P\n---\n", 3, "sources", DASH.format("-title: S", "  - title: S")),
])
def test_list_item_without_a_space_after_the_dash_breaking_the_yaml(project, each_reader, data, line, field, message):
    assert only_problem(read(project, data)) == Problem(PATH, line, field, message)


@pytest.mark.parametrize("data, line, field, message", [
    ("---\ntags:\n  - a\n  -b\n---\n", 4, "tags", DASH.format("-b", "  - b")),
    ("---\ntags:\n  - a\n  - b\n  -c\ntitle: A\n---\n", 5, "tags", DASH.format("-c", "  - c")),
    ("---\ntags:\n- a\n-b\ntitle: A\n---\n", 4, "tags", DASH.format("-b", "- b")),
    ("---\nsources:\n  - title: S\n    publisher: P\n  -title: T\n    publisher: P\n---\n", 5, "sources",
     DASH.format("-title: T", "  - title: T")),
])
def test_later_list_item_without_a_space_after_the_dash(project, each_reader, data, line, field, message):
    assert only_problem(read(project, data)) == Problem(PATH, line, field, message)


@pytest.mark.parametrize("data", [
    "---\nquote: |\n  -5 degrees\ntitle: Putin: the meeting\n---\n",
    "---\nquote: |\n  It was cold:\n  -5 degrees\ntitle: Putin: the meeting\n---\n",
])
def test_a_dash_in_text_is_not_a_list_item(project, data):
    problem = only_problem(read(project, data))
    assert (problem.field, problem.message[:18]) == ("front matter", "YAML syntax error:")


OVER = "is indented {0} more than '{1}:' above it; remove {0} so it lines up"


@pytest.mark.parametrize("data, line, field, message", [
    ("---\nsources:\n  - title: S\n    publisher: X\n      published: 2024-11-05\n---\n", 5, "published",
     OVER.format("2 spaces", "publisher")),
    ("---\ntitle: A\n  date: 2024\n---\n", 3, "date", OVER.format("2 spaces", "title")),
    ("---\nsources:\n  - title: S\n     publisher: X\n---\n", 4, "publisher", OVER.format("1 space", "title")),
])
def test_field_indented_further_than_the_one_above(project, each_reader, data, line, field, message):
    assert only_problem(read(project, data)) == Problem(PATH, line, field, message)


def test_times_and_addresses_in_values_are_not_missing_spaces(project):
    event_file = read(project, "---\ntitle: Talks at 12:30\nurl: https://example.com/a:b\n---\n")
    assert event_file.problems == []


COMMENT = "{!r} is read as a YAML comment and left out; if it belongs to the value, put the whole value in quotes"


def test_trailing_comment_warns_that_text_is_left_out(project):
    event_file = read(project, "---\ntitle: UN resolution #2231 adopted\ndate: 2024 # roughly\n"
                               "tags:\n  - sanctions # new\n  - '#hashtag'\n  - \"x\" # quoted\n---\n")
    assert event_file.problems == [
        Problem(PATH, 2, "title", COMMENT.format("#2231 adopted"), WARNING),
        Problem(PATH, 3, "date", COMMENT.format("# roughly"), WARNING),
        Problem(PATH, 5, "tags[1]", COMMENT.format("# new"), WARNING),
    ]
    assert event_file.front_matter.entries["title"][1].text == "UN resolution"


def test_trailing_comment_after_non_ascii_text(project):
    assert read(project, "---\ntitle: Встреча в Кремле 😀 #2\n---\n").problems == [
        Problem(PATH, 2, "title", COMMENT.format("#2"), WARNING),
    ]


@pytest.mark.parametrize("data", [
    "---\n# a comment line\ntitle: A\n  # indented comment\n---\n",
    "---\ntitle: A#1\n---\n",
    "---\ntitle: 'A' # about the quote\n---\n",
    "---\nquote: >-\n  one #1\n  two\n---\n",
])
def test_comments_that_lose_nothing_are_fine(project, data):
    assert read(project, data).problems == []


@pytest.mark.parametrize("written, text", [
    ("no", "no"), ("yes", "yes"), ("off", "off"), ("on", "on"), ("true", "true"), ("False", "False"),
    ("12:30", "12:30"), ("2024-11-07", "2024-11-07"), ("1.0", "1.0"), ("0x1F", "0x1F"), ("1e3", "1e3"),
    ("010", "010"), ("~", "~"), ("null", "null"), ("", ""), ("'quoted: text'", "quoted: text"),
    ('"2024-11-07"', "2024-11-07"), (".nan", ".nan"), ("<<", "<<"),
])
def test_values_stay_text(project, written, text):
    event_file = read(project, f"---\nvalue: {written}\n---\n")
    assert event_file.problems == []
    node = event_file.front_matter.entries["value"][1]
    assert node == Scalar(text, 2)
    assert type(node.text) is str


def test_multi_line_values_keep_their_start_line(project):
    event_file = read(project, "---\ntitle: A\nquote: >-\n  one\n  two\ndate: 2024\n---\n")
    assert event_file.front_matter.entries["quote"] == (3, Scalar("one two", 3))
    assert event_file.front_matter.entries["date"][0] == 6


# --- the events/ folder ---

def names(paths):
    """Return the file names of paths."""
    return [path.name for path in paths]


def test_listing_returns_md_files_in_name_order(project):
    for name in ("2024-11-05-b.md", "2024-11-04-a.md", "bc0500-c.md"):
        project.write(name, GOOD)
    paths, problems = list_event_files(project.root)
    assert names(paths) == ["2024-11-04-a.md", "2024-11-05-b.md", "bc0500-c.md"]
    assert problems == []


def test_hidden_files_and_folders_are_ignored(project):
    project.write(".DS_Store", "x")
    project.write(".2024-11-04-a.md.swp", "x")
    project.write(".hidden.md", GOOD)
    (project.root / "events" / ".git").mkdir()
    assert list_event_files(project.root) == ([], [])


def test_other_files_and_folders_are_warned_about(project):
    project.write("notes.txt", "x")
    project.write("2024-11-04-a.MD", GOOD)
    (project.root / "events" / "2024").mkdir()
    paths, problems = list_event_files(project.root)
    assert paths == []
    assert problems == [
        Problem("events/2024", 1, "file", "is a folder; put event files directly in events/", WARNING),
        Problem("events/2024-11-04-a.MD", 1, "file", "is not an event file (they end in .md) and is ignored", WARNING),
        Problem("events/notes.txt", 1, "file", "is not an event file (they end in .md) and is ignored", WARNING),
    ]


@pytest.mark.parametrize("target", ["file", "folder", "missing"])
def test_symlinks_are_refused(project, tmp_path, target):
    outside = tmp_path / "outside"
    if target == "file":
        outside.write_text(GOOD)
    elif target == "folder":
        outside.mkdir()
    os.symlink(outside, project.root / "events" / "2024-11-04-a.md")
    paths, problems = list_event_files(project.root)
    assert paths == []
    assert problems == [Problem(
        "events/2024-11-04-a.md", 1, "file",
        "is a symbolic link; event files must be ordinary files inside events/",
    )]


def test_missing_events_folder(project):
    (project.root / "events").rmdir()
    assert list_event_files(project.root) == ([], [Problem(
        "events", 1, "events", "there is no events/ folder; create it and add event files",
    )])
