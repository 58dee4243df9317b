"""The bad-input catalogue: each contributed file that must not pass, with the exact outcome.

For every case a good site is built first; then the bad file is added and `build` must exit 1
with a message naming the file, the line and the field, print no traceback, and leave the
previous site/ byte for byte as it was. (XSS payloads, which must build as harmless text, are
in tests/test_render.py; bench/bad_input.py prints the catalogue's figures.)
"""

from __future__ import annotations

import os

import pytest

from tests.test_site import tree_digest
from timeline.render import markdown

VALID_SOURCES = "sources:\n  - title: S\n    publisher: P\n    published: 2024-11-07\n"
HEAD = "---\ntitle: A meeting\n"


def fm(*lines: str, body: str = "Text.\n", sources: bool = True) -> str:
    """Return an event file with these front-matter lines after the title."""
    return HEAD + "".join(line + "\n" for line in lines) + (VALID_SOURCES if sources else "") + "---\n" + body


# (case id, file name, file text or bytes, the exact first problem line expected)
CASES = [
    # front matter
    ("unclosed", "2024-11-04-a.md", "---\ntitle: A\ndate: 2024-11-04\n",
     "events/2024-11-04-a.md:1: front matter: is not closed: add a line with --- after the last field"),
    ("empty-file", "2024-11-04-a.md", "",
     "events/2024-11-04-a.md:1: file: is empty; an event file starts with a --- line, its fields, and another --- line"),
    ("no-front-matter", "2024-11-04-a.md", "Just text.\n",
     "events/2024-11-04-a.md:1: front matter: is missing: the file must start with a line of three dashes (---), "
     "then the fields (title: ..., date: ...), then another --- line"),
    ("list-not-mapping", "2024-11-04-a.md", "---\n- title\n- date\n---\n",
     "events/2024-11-04-a.md:2: front matter: must be fields written as 'name: value' lines, but it is a list"),
    ("tab-indent", "2024-11-04-a.md", fm("date: 2024-11-04", "tags:", "\t- diplomacy"),
     "events/2024-11-04-a.md:5: tags: is indented with a tab, but YAML needs spaces: replace the tab with 2 spaces, "
     "as '  - diplomacy'"),
    ("dash-without-space", "2024-11-04-a.md", fm("date: 2024-11-04", "tags:", "  -diplomacy"),
     "events/2024-11-04-a.md:5: tags: '-diplomacy' is not a list item: write it with a space after the dash, "
     "as '  - diplomacy'"),
    ("over-indented-field", "2024-11-04-a.md",
     HEAD + "date: 2024-11-04\nsources:\n  - title: S\n    publisher: X\n      published: 2024-11-05\n---\n",
     "events/2024-11-04-a.md:7: published: is indented 2 spaces more than 'publisher:' above it; remove 2 spaces "
     "so it lines up"),
    ("later-dash-without-space", "2024-11-04-a.md", fm("date: 2024-11-04", "tags:", "  - a", "  -b"),
     "events/2024-11-04-a.md:6: tags: '-b' is not a list item: write it with a space after the dash, as '  - b'"),
    ("duplicate-key", "2024-11-04-a.md", fm("date: 2024-11-04", "title: Again"), None),
    ("anchor", "2024-11-04-a.md", fm("date: &d 2024-11-04"), None),
    ("alias", "2024-11-04-a.md", fm("date: 2024-11-04", "location: *x"), None),
    ("alias-bomb", "2024-11-04-a.md",
     "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\n", None),
    ("python-tag", "2024-11-04-a.md", fm("date: !!python/object:os.system 2024-11-04"), None),
    ("custom-tag", "2024-11-04-a.md", fm("date: !date 2024-11-04"), None),
    ("deep-nesting", "2024-11-04-a.md", fm("date: 2024-11-04", "tags: " + "[" * 30 + "]" * 30), None),
    ("huge-title", "2024-11-04-a.md", "---\ntitle: " + "x" * 5000 + "\ndate: 2024-11-04\n" + VALID_SOURCES + "---\n",
     "events/2024-11-04-a.md:2: title: is 5000 characters long; shorten it to 200 at most"),
    ("non-utf8", "2024-11-04-a.md", b"---\ntitle: Caf\xe9\ndate: 2024-11-04\n---\n", None),
    ("nul-byte", "2024-11-04-a.md", b"---\ntitle: A\x00\ndate: 2024-11-04\n---\n", None),
    ("lone-cr-bad-yaml", "2024-11-04-a.md", b"---\rtitle: [x\rdate: 2024-11-04\r---\r", None),
    ("unknown-field", "2024-11-04-a.md", fm("date: 2024-11-04", "tittle: B"), None),
    ("missing-sources", "2024-11-04-a.md", fm("date: 2024-11-04", sources=False), None),
    ("source-js-url", "2024-11-04-a.md",
     HEAD + "date: 2024-11-04\nsources:\n  - title: S\n    publisher: P\n    published: 2024\n"
     "    url: javascript:alert(1)\n---\n", None),
    ("source-data-url", "2024-11-04-a.md",
     HEAD + "date: 2024-11-04\nsources:\n  - title: S\n    publisher: P\n    published: 2024\n"
     "    url: data:text/html,<script>alert(1)</script>\n---\n", None),
    ("bool-yes", "2024-11-04-a.md", fm("date: 2024-11-04", "draft: yes"), None),
    # dates
    ("noncharacter-escape", "2024-11-04-a.md",
     '---\ntitle: "A \\uFFFE meeting"\ndate: 2024-11-04\n' + VALID_SOURCES + "---\nText.\n",
     "events/2024-11-04-a.md:2: title: contains invisible control characters; retype the value"),
    ("control-in-description", "2024-11-04-a.md", fm("date: 2024-11-04", body="Text.\n\nPasted \x1b[31mred\x0c.\n"),
     "events/2024-11-04-a.md:11: description: contains an invisible control character (U+001B) on this line; "
     "delete it (it often comes with text pasted from a PDF or a word processor)"),
    ("impossible-date", "2024-02-30-a.md", fm("date: 2024-02-30"),
     "events/2024-02-30-a.md:3: date: '2024-02-30' is not a real date: February 2024 has 29 days"),
    ("ambiguous-date", "2024-11-04-a.md", fm("date: 04/11/2024"), None),
    ("range-in-date", "2024-11-04-a.md", fm("date: 4–6 November 2024"),
     "events/2024-11-04-a.md:3: date: '4–6 November 2024' is a range of dates, but this field holds one date: write "
     "the range's first date as date: and its last as end:, like 'date: 2024-11-04' and 'end: 2024-11-06'"),
    ("bce-mismatch", "2024-11-04-a.md", fm("date: 500 BC"), None),
    ("year-zero", "0000-a.md", fm("date: 0000"), None),
    ("far-future", "2024-11-04-a.md", fm("date: 12024-01-01"), None),
    ("year-of-4301-digits", "2024-11-04-a.md", fm("date: " + "9" * 4301),
     "events/2024-11-04-a.md:3: date: is 4,301 characters long, too long for a date: write it as 2024-11-04, "
     "2024-11 or 2024, or in words (4 November 2024)"),
    ("end-before-date", "2024-11-04-a.md", fm("date: 2024-11-04", "end: 2024-11-01"),
     "events/2024-11-04-a.md:4: end: is 2024-11-01, before the date 2024-11-04; the end of a range must come after "
     "its start (swap them?)"),
    ("mixed-precision-inside", "2024-11-a.md", fm("date: 2024-11", "end: 2024-11-20"), None),
    ("relative-date", "2024-11-04-a.md", fm("date: yesterday"), None),
    ("name-date-mismatch", "2024-11-05-a.md", fm("date: 2024-11-04"),
     "events/2024-11-05-a.md:3: date: is 2024-11-04 but the file name starts with 2024-11-05; fix the date or "
     "rename the file to 2024-11-04-a.md (renamed in git, it keeps its history, and its old address sends readers "
     "on)"),
    # paths and names
    ("dotdot-name", "2024-11-04-..-a.md", fm("date: 2024-11-04"), None),
    ("uppercase-name", "2024-11-04-Putin.md", fm("date: 2024-11-04"), None),
    ("spaces-name", "2024-11-04 putin meets.md", fm("date: 2024-11-04"), None),
    ("unicode-name", "2024-11-04-путин.md", fm("date: 2024-11-04"), None),
    ("no-date-name", "putin.md", fm("date: 2024-11-04"), None),
    ("reserved-like-name", "tags.md", fm("date: 2024-11-04"), None),
    ("over-long-name", "2024-11-04-" + "a" * 120 + ".md", fm("date: 2024-11-04"), None),
    # sizes
    ("ten-megabytes", "2024-11-04-a.md", fm("date: 2024-11-04", body="x" * (10 * 1024 * 1024)),
     "events/2024-11-04-a.md:1: file: is larger than 256 KiB; an event's description should be short, so split it "
     "or move long material to a source"),
    ("hundred-thousand-tags", "2024-11-04-a.md",
     fm("date: 2024-11-04", "tags: [" + ", ".join(f"t{i}" for i in range(100_000)) + "]"), None),
    ("brackets-8k", "2024-11-04-a.md", fm("date: 2024-11-04", body="[" * 8192),
     "events/2024-11-04-a.md:9: description: has 8,192 '[' characters; keep it under 500 (Markdown reads each as a "
     "possible link, and that many would stall the build)"),
    ("nested-lists", "2024-11-04-a.md", fm("date: 2024-11-04", body="1. " * 2000 + "x\n"),
     "events/2024-11-04-a.md:9: description: nests more than 20 lists or quotes inside each other on this line; "
     "flatten it"),
    ("many-lines", "2024-11-04-a.md", fm("date: 2024-11-04", body="a\n=\n" * 7900),
     "events/2024-11-04-a.md:9: description: has 15,801 lines; keep it under 1,000 (a summary: put long material "
     "in a source)"),
    ("nested-quotes", "2024-11-04-a.md", fm("date: 2024-11-04", body="> " * 500 + "x\n"), None),
    # status and corrections
    ("unknown-status", "2024-11-04-a.md", fm("date: 2024-11-04", "status: rumoured"),
     "events/2024-11-04-a.md:4: status: expected one of reported, confirmed, claimed, disputed, retracted, found "
     "'rumoured'; write 'status: reported' or another of them"),
    ("retracted-without-a-correction", "2024-11-04-a.md", fm("date: 2024-11-04", "status: retracted"),
     "events/2024-11-04-a.md:4: status: is retracted, but no correction says why: add 'corrections:' with a "
     "'- date:' and a 'note:' saying when and why the reporting was withdrawn"),
    ("correction-as-text", "2024-11-04-a.md", fm("date: 2024-11-04", "corrections: fixed a typo"),
     "events/2024-11-04-a.md:4: corrections: expected a list of corrections, found the text 'fixed a typo'; write "
     "each as '  - date: 2024-11-09' followed by a 'note:' line lined up with 'date:'"),
    ("correction-before-its-source", "2024-11-04-a.md",
     fm("date: 2024-11-04", "corrections:", "  - date: 2024-11-01", "    note: Fixed."),
     "events/2024-11-04-a.md:5: corrections[1].date: is 2024-11-01, before the first source was published "
     "(2024-11-07); a correction comes after the reporting it corrects"),
    ("correction-in-the-future", "2024-11-04-a.md",
     fm("date: 2024-11-04", "corrections:", "  - date: 2999-11-01", "    note: Fixed."),
     "events/2024-11-04-a.md:5: corrections[1].date: is 2999-11-01, in the future; write the day the correction "
     "was made"),
    ("correction-without-a-note", "2024-11-04-a.md", fm("date: 2024-11-04", "corrections:", "  - date: 2024-11-09"),
     "events/2024-11-04-a.md:5: corrections[1].note: is missing: add 'note: ...' (What changed and why, in a "
     "sentence.)"),
    ("long-description", "2024-11-04-a.md", fm("date: 2024-11-04", body="word " * 8000), None),
    # related events and threads
    ("unknown-relation", "2024-11-04-a.md",
     fm("date: 2024-11-04", "related:", "  - event: 2024-11-04-b", "    relation: after"),
     "events/2024-11-04-a.md:6: related[1].relation: expected one of follows, responds-to, contradicts, supersedes, "
     "see-also, found 'after'; write 'relation: follows' or another of them"),
    ("link-to-itself", "2024-11-04-a.md",
     fm("date: 2024-11-04", "related:", "  - event: 2024-11-04-a", "    relation: follows"),
     "events/2024-11-04-a.md:5: related[1].event: names this event itself; name another event, or remove the link"),
    ("link-to-no-event", "2024-11-04-a.md",
     fm("date: 2024-11-04", "related:", "  - event: 2024-11-04-nowhere", "    relation: see-also"),
     "events/2024-11-04-a.md:5: related[1].event: no event is named 2024-11-04-nowhere; name an event by its file "
     "name in events/ without .md"),
    ("link-as-text", "2024-11-04-a.md", fm("date: 2024-11-04", "related: 2024-11-04-b"),
     "events/2024-11-04-a.md:4: related: expected a list of related events, found the text '2024-11-04-b'; write "
     "each as '  - event: 2024-11-04-putin-meets-choe' followed by a 'relation:' line lined up with 'event:'"),
    ("thread-as-list", "2024-11-04-a.md", fm("date: 2024-11-04", "thread: [a, b]"),
     "events/2024-11-04-a.md:4: thread: expected text, found a list; write one value on the same line, like "
     "'thread: Russia and North Korea'"),
]


@pytest.fixture
def good_site(project):
    """Return the project with a good site built, and the site's digest."""
    project.event("2024-11-07-good.md", title="A good event")
    assert project.run("build").code == 0
    return project, tree_digest(project.root / "site")


@pytest.mark.parametrize("case, name, content, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_file_stops_the_build_with_a_located_message(good_site, case, name, content, expected):
    project, before = good_site
    path = project.root / "events" / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = project.run("build")
    assert result.code == 1, result.err
    assert "Traceback" not in result.out + result.err
    lines = result.err.splitlines()
    assert lines[-1].startswith("Build stopped: ") and lines[-1].endswith("; site/ was not changed.")
    problem = lines[0]
    assert problem.startswith(f"events/{name}:"), problem
    location, field, message = problem.split(": ", 2)[0], problem.split(": ", 2)[1], problem.split(": ", 2)[2]
    assert int(location.rsplit(":", 1)[1]) >= 1 and field and message
    if expected is not None:
        assert problem == expected
    assert tree_digest(project.root / "site") == before
    assert sorted(p.name for p in project.root.iterdir()) == [".timeline-cache", "events", "site", "templates", "timeline.toml"]


def test_a_symlink_out_of_events_is_refused(good_site, tmp_path):
    project, before = good_site
    secret = tmp_path / "secret.md"
    secret.write_text(fm("date: 2024-11-04"))
    os.symlink(secret, project.root / "events" / "2024-11-04-link.md")
    result = project.run("build")
    assert result.code == 1
    assert result.err.splitlines()[0] == ("events/2024-11-04-link.md:1: file: is a symbolic link; event files must be "
                                          "ordinary files inside events/")
    assert tree_digest(project.root / "site") == before


def test_events_folder_as_a_link_out_of_the_project_is_refused(good_site, tmp_path):
    project, before = good_site
    elsewhere = tmp_path / "elsewhere"
    (project.root / "events").rename(elsewhere)
    os.symlink(elsewhere, project.root / "events")
    for command in ("check", "build"):
        result = project.run(command)
        assert result.code == 1
        assert (result.out + result.err).splitlines()[0] == ("events:1: events: events/ is a symbolic link; it must be an ordinary "
                                              "folder inside the project, holding the event files themselves")
    assert tree_digest(project.root / "site") == before


@pytest.mark.parametrize("command", [("check",), ("check", "--format", "github"), ("build",), ("build", "--fresh")])
def test_a_file_name_that_is_not_utf8_is_named_and_refused(good_site, command):
    project, before = good_site
    name = os.fsdecode(b"2024-11-04-caf\xe9.md")  # Latin-1, as an old editor might save it
    (project.root / "events" / name).write_text(fm("date: 2024-11-04"))
    result = project.run(*command)
    assert result.code == 1
    printed = (result.out + result.err).splitlines()[0]  # check reports on stdout, build on stderr
    if "github" in command:
        assert printed == (
            "::error file=events/2024-11-04-caf\\xe9.md,line=1,title=file::name is not UTF-8 text (it was saved in "
            "another encoding); rename it with letters, digits and hyphens")
    else:
        assert printed == (
            "events/2024-11-04-caf\\xe9.md:1: file: name is not UTF-8 text (it was saved in another encoding); "
            "rename it with letters, digits and hyphens")
    assert tree_digest(project.root / "site") == before


def test_ids_equal_but_for_case_or_normalisation_collide(good_site):
    project, before = good_site
    project.write("2024-11-04-cafe\u0301.md", fm("date: 2024-11-04"), dedent=False)
    project.write("2024-11-04-caf\u00e9.md", fm("date: 2024-11-04"), dedent=False)
    result = project.run("build")
    assert result.code == 1
    assert "when case and accents are ignored" in result.err
    assert tree_digest(project.root / "site") == before


def test_a_description_that_renders_too_slowly_is_stopped(good_site, monkeypatch):
    project, before = good_site
    monkeypatch.setattr(markdown, "RENDER_SECONDS", 0.005)
    project.write("2024-11-04-slow.md", fm("date: 2024-11-04", body="[" * 450 + "\n"), dedent=False)
    result = project.run("build")
    assert result.code == 1
    assert result.err.splitlines()[0] == ("events/2024-11-04-slow.md:9: description: took more than 0.005 s to "
                                          "render; simplify its Markdown")
    assert tree_digest(project.root / "site") == before


def test_the_catalogue_is_large_enough():
    from tests.test_render import XSS_PAYLOADS

    assert len(CASES) + 3 + len(XSS_PAYLOADS) >= 75
