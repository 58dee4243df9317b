"""Exports read back by their own ecosystems' parsers, and imports that round-trip."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest

from timeline.exports.exporter import EXPORT_FILES
from timeline.exports.timelinejs import CSV_COLUMNS

SOURCE = "\n  - title: A story, with a comma\n    publisher: WION\n    published: 2024-11-07\n    quote: It happened."


def varied(project) -> None:
    """Write events of every date kind: day, month, year, BC, approximate, range, display date."""
    project.event("2024-11-04-meeting.md", title="Putin meets Choe Son Hui", tags="[diplomacy, Russia]",
                  actors="[Vladimir Putin, Choe Son Hui]", location="Kremlin, Moscow", sources=SOURCE,
                  body="A *video* showed a [handshake](https://example.org/v).\n\nSecond paragraph.")
    project.event("2024-10-summit.md", title="A summit in October", date="2024-10", sources=SOURCE, status="disputed",
                  corrections="\n  - date: 2024-11-08\n    note: The venue was wrong.")
    project.event("2023-a-year.md", title="Something that year", date="2023", sources=SOURCE, tags="[Russia]")
    project.event("bc0500-ancient.md", title="An ancient event", date="500 BC", approximate="true", sources=SOURCE)
    project.event("2024-11-01-range.md", title="Talks over days", date="2024-11-01", end="2024-11-03",
                  sources=SOURCE, display_date="early November 2024")


@pytest.fixture
def built(project):
    varied(project)
    config = project.root / "timeline.toml"
    config.write_text(config.read_text().replace('url = ""', 'url = "https://example.org/t/"'))
    assert project.run("build").code == 0
    return project


def test_every_build_writes_every_export(built):
    for name in EXPORT_FILES:
        assert (built.root / "site" / name).is_file(), name


def test_events_json_validates_against_its_schema(built):
    site = built.root / "site"
    events_schema = json.loads((site / "schema" / "events.json").read_text())
    event_schema = json.loads((site / "schema" / "event.json").read_text())
    jsonschema.Draft202012Validator.check_schema(events_schema)
    jsonschema.Draft202012Validator.check_schema(event_schema)
    data = json.loads((site / "events.json").read_text())
    jsonschema.validate(data, events_schema)
    assert [e["id"] for e in data["events"]] == [
        "bc0500-ancient", "2023-a-year", "2024-10-summit", "2024-11-01-range", "2024-11-04-meeting"]
    first = data["events"][0]
    assert (first["date"], first["precision"], first["approximate"]) == ("-0500~", "year", True)
    assert data["events"][2]["date"] == "2024-10" and data["events"][2]["precision"] == "month"
    assert (data["events"][2]["status"], data["events"][2]["corrections"]) == (
        "disputed", [{"date": "2024-11-08", "note": "The venue was wrong."}])
    assert data["events"][4]["status"] == "reported" and "corrections" not in data["events"][4]
    meeting = data["events"][4]
    assert meeting["url"] == "https://example.org/t/2024-11-04-meeting/"
    assert meeting["sources"] == [{"title": "A story, with a comma", "publisher": "WION", "published": "2024-11-07",
                                   "quote": "It happened."}]


def test_event_schema_accepts_front_matter_and_refuses_unknown_fields(built):
    schema = json.loads((built.root / "site" / "schema" / "event.json").read_text())
    good = {"title": "T", "date": "2024-11-04", "sources": [{"title": "S", "publisher": "P", "published": "2024"}]}
    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "tittle": "x"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "T", "date": "2024"}, schema)
    jsonschema.validate({**good, "status": "claimed", "corrections": [{"date": "2024-11-08", "note": "N"}]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "status": "rumoured"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "corrections": [{"date": "2024-11-08"}]}, schema)


def test_atom_feed_reads_in_feedparser(built):
    feed = feedparser.parse((built.root / "site" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Russia and North Korea: a timeline"
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "Putin meets Choe Son Hui"  # newest first
    entry = feed.entries[0]
    assert entry.link == "https://example.org/t/2024-11-04-meeting/"
    assert entry.summary == "4 November 2024: Putin meets Choe Son Hui"
    assert '<a href="https://example.org/v"' in entry.content[0].value
    assert [t.term for t in entry.tags] == ["diplomacy", "Russia"]
    month = next(e for e in feed.entries if e.title == "A summit in October")
    assert month.summary == "October 2024: A summit in October (Disputed)"  # a status other than reported


@pytest.mark.parametrize("language, meeting, summit, corrected", [
    ("en", "4 November 2024: Putin meets Choe Son Hui", "October 2024: A summit in October (Disputed)",
     "<p><strong>Corrected 8 November 2024:</strong> The venue was wrong.</p>"),
    ("fr", "4 novembre 2024: Putin meets Choe Son Hui", "octobre 2024: A summit in October (Contesté)",
     "<p><strong>Corrigé le 8 novembre 2024:</strong> The venue was wrong.</p>"),
])
def test_the_feed_says_dates_statuses_and_corrections_in_the_site_s_language(built, language, meeting, summit,
                                                                              corrected):
    config = built.root / "timeline.toml"
    config.write_text(config.read_text().replace('language = "en"', f'language = "{language}"'))
    assert built.run("build").code == 0
    feed = feedparser.parse((built.root / "site" / "feed.xml").read_bytes())
    assert feed.feed.language == language
    entries = {entry.title: entry for entry in feed.entries}
    assert entries["Putin meets Choe Son Hui"].summary == meeting
    assert entries["A summit in October"].summary == summit
    assert entries["A summit in October"].content[0].value.startswith(corrected)
    assert [tag.label for tag in entries["A summit in October"].tags] == [summit.rpartition("(")[2].rstrip(")")]


@pytest.mark.parametrize("language, summit, year", [
    ("en", "Date known to the month: October 2024. Sources: WION", "Date known to the year: 2023. Sources: WION"),
    ("fr", "Date connue au mois près: octobre 2024. Sources: WION", "Date connue à l'année près: 2023. Sources: WION"),
])
def test_the_calendar_says_what_a_day_cannot_show_in_the_site_s_language(built, language, summit, year):
    config = built.root / "timeline.toml"
    config.write_text(config.read_text().replace('language = "en"', f'language = "{language}"'))
    assert built.run("build").code == 0
    calendar = icalendar.Calendar.from_ical((built.root / "site" / "events.ics").read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert str(events["A summit in October"]["DESCRIPTION"]) == summit
    assert str(events["Something that year"]["DESCRIPTION"]) == year
    assert str(events["Putin meets Choe Son Hui"]["DESCRIPTION"]) == "Sources: WION"  # a day says it all


def test_every_calendar_note_has_a_french_translation():
    from timeline.exports.icalendar import PRECISION_NOTES
    from timeline.render.i18n import language
    french = language("fr")
    assert all(french.gettext(note) != note for note in PRECISION_NOTES.values())


def test_icalendar_all_day_events_with_exclusive_ends(built):
    calendar = icalendar.Calendar.from_ical((built.root / "site" / "events.ics").read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert "An ancient event" not in events  # BC dates cannot be written in iCalendar
    meeting = events["Putin meets Choe Son Hui"]
    assert meeting["DTSTART"].dt == datetime.date(2024, 11, 4)
    assert meeting["DTEND"].dt == datetime.date(2024, 11, 5)
    assert str(meeting["UID"]) == "2024-11-04-meeting@example.org"
    assert str(meeting["URL"]) == "https://example.org/t/2024-11-04-meeting/"
    assert str(meeting["LOCATION"]) == "Kremlin, Moscow"
    talks = events["Talks over days"]
    assert (talks["DTSTART"].dt, talks["DTEND"].dt) == (datetime.date(2024, 11, 1), datetime.date(2024, 11, 4))
    month = events["A summit in October"]
    assert (month["DTSTART"].dt, month["DTEND"].dt) == (datetime.date(2024, 10, 1), datetime.date(2024, 11, 1))
    assert str(month["DESCRIPTION"]).startswith("Date known to the month: October 2024.")
    year = events["Something that year"]
    assert (year["DTSTART"].dt, year["DTEND"].dt) == (datetime.date(2023, 1, 1), datetime.date(2024, 1, 1))


def test_icalendar_names_a_page_only_by_its_full_address(project):
    project.event()
    assert project.run("build").code == 0  # url = "" in timeline.toml: the pages' full addresses are unknown
    calendar = icalendar.Calendar.from_ical((project.root / "site" / "events.ics").read_bytes())
    assert [event.get("URL") for event in calendar.walk("VEVENT")] == [None]
    assert "URL:" not in project.site("events.ics")


def test_icalendar_leaves_out_events_lasting_to_the_end_of_9999_and_the_build_succeeds(project):
    project.event("9999-12-month.md", title="December 9999", date="9999-12")
    project.event("9999-year.md", title="The year 9999", date="9999")
    project.event("9999-12-31-last-day.md", title="The last day", date="9999-12-31")
    project.event("2024-11-04-until-the-end.md", title="Until the end", end="9999-12-31")
    project.event("9999-11-month.md", title="November 9999", date="9999-11")
    project.event("9999-12-30-day.md", title="The day before the last", date="9999-12-30")
    assert project.run("build").code == 0
    calendar = icalendar.Calendar.from_ical((project.root / "site" / "events.ics").read_bytes())
    spans = {str(e["SUMMARY"]): (e["DTSTART"].dt, e["DTEND"].dt) for e in calendar.walk("VEVENT")}
    assert spans == {  # 1 January 10000, the exclusive end of the others, has five digits
        "November 9999": (datetime.date(9999, 11, 1), datetime.date(9999, 12, 1)),
        "The day before the last": (datetime.date(9999, 12, 30), datetime.date(9999, 12, 31)),
    }
    assert len(json.loads(project.site("events.json"))["events"]) == 6


def test_csv_has_timelinejs_columns(built):
    rows = list(csv.reader(io.StringIO((built.root / "site" / "events.csv").read_text())))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_headline = {row[9]: dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert by_headline["An ancient event"]["Year"] == "-500"
    assert by_headline["A summit in October"]["Month"] == "10" and by_headline["A summit in October"]["Day"] == ""
    talks = by_headline["Talks over days"]
    assert (talks["End Year"], talks["End Month"], talks["End Day"], talks["Display Date"]) == \
        ("2024", "11", "3", "early November 2024")
    assert by_headline["Putin meets Choe Son Hui"]["Group"] == "diplomacy"


def test_csv_text_cells_that_spreadsheets_would_run_start_with_an_apostrophe(project):
    project.event("2024-11-04-link.md", title='=HYPERLINK("https://evil.example/","x")', display_date="=1+2",
                  tags="[+cmd|calc]", body="=1+2 in the body")
    project.event("2024-11-05-at.md", title="\"@SUM(1+1)*cmd|' /C calc'!A0\"", tags='["-2+3", diplomacy]')
    project.event("bc0500-ancient.md", title='"-500 is when it began"', date="500 BC", end="400 BC", status="disputed")
    assert project.run("build").code == 0
    rows = list(csv.reader(io.StringIO(project.site("events.csv"))))
    assert rows[0][-1] == "Status"  # ours, after TimelineJS's columns
    assert rows[1:] == [
        ["-500", "", "", "", "-400", "", "", "", "", "'-500 is when it began", "<p dir=\"auto\">Something happened.</p>",
         "", "", "", "", "", "", "", "disputed"],
        ["2024", "11", "4", "", "", "", "", "", "'=1+2", "'=HYPERLINK(\"https://evil.example/\",\"x\")",
         "<p dir=\"auto\">=1+2 in the body</p>", "", "", "", "", "", "'+cmd|calc", "", "reported"],
        ["2024", "11", "5", "", "", "", "", "", "", "'@SUM(1+1)*cmd|' /C calc'!A0", "<p dir=\"auto\">Something happened.</p>",
         "", "", "", "", "", "'-2+3", "", "reported"],
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "'"])
def test_csv_puts_an_apostrophe_before_each_character_that_starts_a_formula(start):
    from timeline.exports.timelinejs import csv_row
    from timeline.model.dates import EventDate
    from timeline.model.event import Event

    event = Event(id="x", path="events/x.md", title=f"{start}title", date=EventDate(-44, 3, 15), sources=(),
                  display_date=f"{start}date", tags=(f"{start}tag",))
    row = dict(zip(CSV_COLUMNS, csv_row(event, f"{start}text"), strict=True))
    assert [row[name] for name in ("Year", "Display Date", "Headline", "Text", "Group")] == \
        ["-44", f"'{start}date", f"'{start}title", f"'{start}text", f"'{start}tag"]


def test_timelinejs_json_format(built):
    data = json.loads((built.root / "site" / "timelinejs.json").read_text())
    assert data["title"]["text"]["headline"] == "Russia and North Korea: a timeline"
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    assert slides["bc0500-ancient"]["start_date"] == {"year": -500}
    assert slides["bc0500-ancient"]["display_date"] == "c. 500 BC"
    assert slides["2024-10-summit"]["start_date"] == {"year": 2024, "month": 10}
    assert slides["2024-11-01-range"]["end_date"] == {"year": 2024, "month": 11, "day": 3}
    assert slides["2024-11-04-meeting"]["group"] == "diplomacy"
    assert slides["2024-11-04-meeting"]["text"]["headline"] == "Putin meets Choe Son Hui"


@pytest.mark.parametrize("language, note", [
    ("en", "The latest 2 of 5 events; events.json holds them all."),
    ("fr", "Les 2 derniers des 5 événements ; events.json les contient tous."),
])
def test_timelinejs_exports_hold_the_latest_events_and_say_so(project, monkeypatch, language, note):
    from timeline.exports import exporter
    monkeypatch.setattr(exporter, "TIMELINEJS_EVENTS", 2)
    varied(project)
    config = project.root / "timeline.toml"
    config.write_text(config.read_text().replace('language = "en"', f'language = "{language}"'))
    assert project.run("build").code == 0
    site = project.root / "site"
    data = json.loads((site / "timelinejs.json").read_text())
    assert [slide["unique_id"] for slide in data["events"]] == ["2024-11-01-range", "2024-11-04-meeting"]
    description = json.loads((site / "events.json").read_text())["description"]
    assert data["title"]["text"]["text"] == f"{description} {note}"
    rows = list(csv.DictReader(io.StringIO((site / "events.csv").read_text())))
    assert [row["Headline"] for row in rows] == ["Talks over days", "Putin meets Choe Son Hui"]
    assert len(json.loads((site / "events.json").read_text())["events"]) == 5


def test_exports_of_every_event_hold_one_event_a_line(built):
    for name in ("events.json", "timelinejs.json"):
        lines = (built.root / "site" / name).read_text().splitlines()
        items = [line for line in lines if line.startswith("{\"")]
        assert len(items) == 5, name
        assert all(json.loads(line.removesuffix(",")) for line in items)


HTML_TITLE = 'Talks <iframe src="https://evil.example/"></iframe><img src=x onerror=alert(1)>'


def html_in_plain_text(project) -> None:
    """Write an event whose plain-text fields hold HTML, on a site whose title and description do too."""
    config = project.root / "timeline.toml"
    config.write_text(config.read_text()
                      .replace('title = "Russia and North Korea: a timeline"', 'title = "Russia & North Korea <i>x</i>"')
                      .replace('description = "Dated events', 'description = "<b>Dated</b> events'))
    project.event("2024-11-04-talks.md", title=HTML_TITLE, display_date="<b>early</b> & late 2024",
                  tags='["<script>alert(1)</script>", diplomacy]', body="A *video* & <b>raw</b>")


def test_timelinejs_fields_shown_as_html_hold_plain_text_escaped(project):
    html_in_plain_text(project)
    assert project.run("build").code == 0
    data = json.loads(project.site("timelinejs.json"))
    assert data["title"] == {"text": {"headline": "Russia &amp; North Korea &lt;i&gt;x&lt;/i&gt;",
                                      "text": "&lt;b&gt;Dated&lt;/b&gt; events in the growing ties between Russia "
                                              "and North Korea, each resting on published reporting."}}
    escaped_title = 'Talks &lt;iframe src="https://evil.example/"&gt;&lt;/iframe&gt;&lt;img src=x onerror=alert(1)&gt;'
    assert data["events"] == [{
        "start_date": {"year": 2024, "month": 11, "day": 4},
        "text": {"headline": escaped_title, "text": "<p dir=\"auto\">A <em>video</em> &amp; &lt;b&gt;raw&lt;/b&gt;</p>"},
        "group": "&lt;script&gt;alert(1)&lt;/script&gt;",
        "display_date": "&lt;b&gt;early&lt;/b&gt; &amp; late 2024",
        "unique_id": "2024-11-04-talks",
    }]
    rows = list(csv.reader(io.StringIO(project.site("events.csv"))))
    row = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert [row[name] for name in ("Display Date", "Headline", "Text", "Group")] == [
        "&lt;b&gt;early&lt;/b&gt; &amp; late 2024", escaped_title, "<p dir=\"auto\">A <em>video</em> &amp; &lt;b&gt;raw&lt;/b&gt;</p>",
        "&lt;script&gt;alert(1)&lt;/script&gt;"]


@pytest.mark.parametrize("export", ["timelinejs.json", "events.csv"])
def test_timelinejs_import_brings_back_plain_text_that_looks_like_html(project, tmp_path, export):
    from tests.conftest import Project

    html_in_plain_text(project)
    assert project.run("build").code == 0
    again = Project(tmp_path / "again")
    assert again.run("import", str(project.root / "site" / export)).code == 0
    assert again.run("build", "--drafts").code == 0
    record = json.loads(again.site("events.json"))["events"][0]
    assert (record["title"], record["display_date"], record["tags"]) == \
        (HTML_TITLE, "<b>early</b> & late 2024", ["<script>alert(1)</script>"])


def test_csv_import_gives_back_text_the_export_guarded(project, tmp_path):
    from tests.conftest import Project

    titles = ["=HYPERLINK(1)", "'=quoted formula", "'Threat to US security,' NATO says", "+1 vote"]
    for number, title in enumerate(titles, 1):
        project.event(f"2024-11-0{number}-e.md", title=json.dumps(title))
    assert project.run("build").code == 0
    again = Project(tmp_path / "again")
    assert again.run("import", str(project.root / "site" / "events.csv")).code == 0
    assert again.run("build", "--drafts").code == 0
    assert [record["title"] for record in json.loads(again.site("events.json"))["events"]] == titles


def exports(root: Path) -> dict[str, bytes]:
    return {name: (root / "site" / name).read_bytes() for name in EXPORT_FILES}


def test_events_json_import_build_gives_identical_exports(built, tmp_path):
    from tests.conftest import Project

    again = Project(tmp_path / "again")
    shutil_config = (built.root / "timeline.toml").read_text()
    (again.root / "timeline.toml").write_text(shutil_config)
    result = again.run("import", str(built.root / "site" / "events.json"))
    assert result.code == 0, result.out
    assert result.out.splitlines()[-1] == "Imported 5 events, skipped 0 (events without sources are drafts " \
                                          "until someone adds one)."
    assert again.run("check").code == 0
    assert again.run("build").code == 0
    assert exports(again.root) == exports(built.root)


@pytest.mark.parametrize("body, description", [
    ("    code, not a paragraph\n", "    code, not a paragraph"),  # was exported as a paragraph: "code, not a ..."
    ("\n\nA space at the end \n  \n", "A space at the end "),   # the page keeps it inside the <p>
    ("No-break space\u00a0\n", "No-break space\u00a0"),
])
def test_events_json_keeps_the_markdown_of_a_description_and_its_import_renders_the_same(project, tmp_path, body,
                                                                                          description):
    from tests.conftest import Project

    project.event(body=body)
    assert project.run("build").code == 0
    assert json.loads((project.root / "site" / "events.json").read_text())["events"][0]["description"] == description
    again = Project(tmp_path / "again")
    assert again.run("import", str(project.root / "site" / "events.json")).code == 0
    assert again.run("build").code == 0
    page = "2024-11-04-a-meeting/index.html"
    assert (again.root / "site" / page).read_bytes() == (project.root / "site" / page).read_bytes()


def test_timelinejs_import_keeps_what_timelinejs_carries(built, tmp_path):
    from tests.conftest import Project

    again = Project(tmp_path / "again")
    (again.root / "timeline.toml").write_text((built.root / "timeline.toml").read_text())
    result = again.run("import", str(built.root / "site" / "timelinejs.json"))
    assert result.code == 0
    assert again.run("check").code == 0
    assert again.run("build", "--drafts").code == 0  # without sources, imports are drafts
    original = {s["unique_id"]: s for s in json.loads((built.root / "site" / "timelinejs.json").read_text())["events"]}
    imported = {s["unique_id"]: s for s in json.loads((again.root / "site" / "timelinejs.json").read_text())["events"]}
    assert imported.keys() == original.keys()
    for key, slide in original.items():
        for field in ("start_date", "end_date", "group", "display_date"):
            assert imported[key].get(field) == slide.get(field), (key, field)
        assert imported[key]["text"]["headline"] == slide["text"]["headline"]
        assert imported[key]["text"]["text"] == slide["text"]["text"]
    assert again.run("build").err.startswith("Built site/: 0 events (5 drafts left out)")


def test_timelinejs_quirks_strings_equal_ends_html_and_title_slides(project, tmp_path):
    source = tmp_path / "tl.json"
    source.write_text(json.dumps({
        "title": {"text": {"headline": "A title slide"}},
        "events": [
            {"start_date": {"year": "2024", "month": " 11 ", "day": "04"}, "end_date": {"year": 2024, "month": 11, "day": 4},
             "text": {"headline": "<b>Putin</b> meets Choe", "text": "<p>One <a href='https://example.org'>link</a>"
                      "<script>alert(1)</script></p><p>Two</p>"}, "group": "diplomacy", "unique_id": "x1"},
            {"start_date": {"year": ""}, "text": {"headline": "No year"}},
            {"start_date": {"year": "2024", "month": "13"}, "text": {"headline": "Bad month"}},
        ],
    }))
    result = project.run("import", str(source))
    assert result.out.splitlines() == [
        "wrote events/2024-11-04-putin-meets-choe.md",
        "skipped: event 2: it has no start_date year",
        "skipped: event 3: month 13 in '2024/13' does not exist: months run from 01 to 12 "
        "(like 2024-11) and seasons from 21, spring, to 24, winter",
        "Imported 1 event, skipped 2 (events without sources are drafts until someone adds one).",
    ]
    text = (project.root / "events" / "2024-11-04-putin-meets-choe.md").read_text()
    assert "end: \n" not in text and "\nend:\n" in text  # an end equal to the start is dropped
    assert "draft: true" in text and "Imported from TimelineJS, which keeps no sources" in text
    assert text.endswith("---\nOne [link](https://example.org)alert(1)\n\nTwo\n")
    assert project.run("check").code == 0
    again = project.run("import", str(source))
    assert "skipped: events/2024-11-04-putin-meets-choe.md already exists; edit it, or give the new event " \
           "another title" in again.out


def test_timelinejs_spreadsheet_csv(project, tmp_path):
    source = tmp_path / "sheet.csv"
    rows = [list(CSV_COLUMNS),
            ["", "", "", "", "", "", "", "", "", "My timeline", "Intro", "", "", "", "", "title", "", ""],
            ["2024", "11", "4", "", "2024", "11", "6", "", "", "Talks", "<p>Text</p>", "", "", "", "", "", "diplomacy", ""],
            ["-44", "3", "15", "", "", "", "", "", "Ides of March", "Caesar", "", "", "", "", "", "", "", "", "Disputed"]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    source.write_text(buffer.getvalue())
    result = project.run("import", str(source))
    assert result.out.splitlines() == [
        "wrote events/2024-11-04-talks.md",
        "wrote events/bc0044-03-15-caesar.md",
        "skipped: line 2: a title slide, not an event",
        "Imported 2 events, skipped 1 (events without sources are drafts until someone adds one).",
    ]
    assert project.run("check").code == 0
    assert "\nstatus: disputed\n" in (project.root / "events/bc0044-03-15-caesar.md").read_text()
    assert "\nstatus: reported\n" in (project.root / "events/2024-11-04-talks.md").read_text()


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON (line 1: Expecting property name enclosed in double quotes)"),
    ('{"events": 3}', 'this is not a TimelineJS file: it has no "events" list'),
])
def test_import_refuses_what_it_cannot_read(project, tmp_path, content, message):
    source = tmp_path / "in.json"
    source.write_text(content)
    result = project.run("import", str(source))
    assert result.code == 1
    assert result.err.endswith(f"{message}\n")


@pytest.mark.parametrize("text", ["", "plain", "a & b < c > d", "\"quoted\" and 'apostrophes'", "&amp; é ☃"])
def test_xml_escaping_is_the_standard_librarys(text):
    from xml.sax.saxutils import escape

    from timeline.exports.atom import xml_attribute, xml_text

    assert xml_text(text) == escape(text)
    assert xml_attribute(text) == escape(text, {'"': "&quot;"})
