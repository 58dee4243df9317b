"""Uncertain, approximate, coarse and open dates (EDTF level 1) as readers and other tools see them: in words on
the page (English and French), in order on the timeline, and in every export, and refused at file and line."""

from __future__ import annotations

import json

import feedparser

from tests.test_render import build, page
from timeline.exports.timelinejs import CSV_COLUMNS

# One event of each form a reader must tell apart, with the words the timeline shows for it.
FORMS = {
    "2024-11-04-uncertain": ("2024-11-04?", None, "possibly 4 November 2024"),
    "2024-11-approximate": ("c. November 2024", None, "c. November 2024"),
    "2024-11-both": ("2024-11%", None, "possibly c. November 2024"),
    "1960-a-decade": ("the 1960s", None, "the 1960s"),
    "1900-a-century": ("19XX", None, "the 20th century"),
    "2024-a-season": ("spring 2024", None, "spring 2024"),
    "2022-02-24-ongoing": ("2022-02-24", "..", "since 24 February 2022, ongoing"),
    "2024-10-01-open-doubt": ("2024-10-01", "2024-10-20?", "1 October 2024 – possibly 20 October 2024"),
}


def write_forms(project) -> None:
    """Write one event of each form."""
    for name, (date, end, _) in FORMS.items():
        project.event(f"{name}.md", title=name.split("-", 3)[-1].replace("-", " ").capitalize(), date=date, end=end)


def test_each_form_reads_in_words_on_the_timeline_and_orders_by_its_start(project):
    write_forms(project)
    build(project)
    home = page(project)
    words = {item.attrs["id"]: item.find(cls="event-date").text() for item in home.find_all("li", cls="event")}
    assert words == {name: text for name, (_, _, text) in FORMS.items()}
    assert list(words) == ["1900-a-century", "1960-a-decade", "2022-02-24-ongoing", "2024-a-season",
                           "2024-10-01-open-doubt", "2024-11-approximate", "2024-11-both", "2024-11-04-uncertain"]


def test_doubt_and_an_open_end_are_marked_by_more_than_colour(project):
    write_forms(project)
    build(project)
    home = page(project)
    classes = {item.attrs["id"]: item.attrs["class"].split() for item in home.find_all("li", cls="event")}
    assert "uncertain" in classes["2024-11-04-uncertain"] and "approximate" not in classes["2024-11-04-uncertain"]
    assert {"uncertain", "approximate"} <= set(classes["2024-11-both"])
    assert "ongoing" in classes["2022-02-24-ongoing"]
    assert "precision-decade" in classes["1960-a-decade"] and "precision-season" in classes["2024-a-season"]
    # the outline of the dot says it too: dashed for doubt, dotted for an estimate, open at the bottom when ongoing
    css = (project.root / "site" / "static" / "style.css").read_text()
    assert ".event.uncertain::before { border-style: dashed;" in css
    assert ".event.ongoing::before { border-bottom: none;" in css


def test_the_machine_readable_date_is_only_what_html_can_hold(project):
    write_forms(project)
    build(project)
    home = page(project)
    times = {item.attrs["id"]: [t.attrs["datetime"] for t in item.find(cls="event-date").find_all("time")]
             for item in home.find_all("li", cls="event")}
    assert times["2024-11-04-uncertain"] == ["2024-11-04"]
    assert times["2024-a-season"] == ["2024"]
    assert times["1960-a-decade"] == []  # HTML has no decade: the text alone, in a span
    assert times["2022-02-24-ongoing"] == ["2022-02-24"]
    assert times["2024-10-01-open-doubt"] == ["2024-10-01", "2024-10-20"]
    approximate = home.find("li", id="2024-11-approximate").find(cls="event-date")
    assert approximate.find("abbr").attrs["title"] == "circa: about"


def test_french_says_the_same_in_french(project):
    write_forms(project)
    config = project.root / "timeline.toml"
    config.write_text(config.read_text().replace('language = "en"', 'language = "fr"'))
    build(project)
    home = page(project)
    words = {item.attrs["id"]: item.find(cls="event-date").text() for item in home.find_all("li", cls="event")}
    assert words["2024-11-04-uncertain"] == "peut-être le 4 novembre 2024"
    assert words["2024-11-both"] == "peut-être v. novembre 2024"
    assert words["1960-a-decade"] == "les années 1960"
    assert words["1900-a-century"] == "le 20e siècle"
    assert words["2024-a-season"] == "printemps 2024"
    assert words["2022-02-24-ongoing"] == "depuis le 24 février 2022, en cours"


def test_events_json_writes_edtf_and_other_formats_what_they_can_hold(project):
    write_forms(project)
    project.event("2024-11-05-flagged.md", approximate="true")
    build(project)
    records = {r["id"]: r for r in json.loads(project.site("events.json"))["events"]}
    assert [(records[name]["date"], records[name]["precision"], records[name].get("end")) for name in FORMS] == [
        ("2024-11-04?", "day", None), ("2024-11~", "month", None), ("2024-11%", "month", None),
        ("196X", "decade", None), ("19XX", "century", None), ("2024-21", "season", None),
        ("2022-02-24", "day", ".."), ("2024-10-01", "day", "2024-10-20?")]
    assert (records["2024-11-05-flagged"]["date"], records["2024-11-05-flagged"]["approximate"]) == ("2024-11-05~", True)
    slides = {s["unique_id"]: s for s in json.loads(project.site("timelinejs.json"))["events"]}
    assert slides["1960-a-decade"]["start_date"] == {"year": 1960}
    assert slides["1960-a-decade"]["display_date"] == "the 1960s"
    assert slides["2022-02-24-ongoing"]["display_date"] == "since 24 February 2022, ongoing"
    assert "end_date" not in slides["2022-02-24-ongoing"]
    rows = {line.split(",")[9]: line.split(",") for line in project.site("events.csv").splitlines()[1:]}
    assert rows["Season"][:9] == ["2024", "", "", "", "", "", "", "", "spring 2024"]
    assert CSV_COLUMNS[8] == "Display Date"
    ics = project.site("events.ics")
    assert "DTSTART;VALUE=DATE:19600101\nDTEND;VALUE=DATE:19700101\n" in ics  # the whole decade
    assert "DESCRIPTION:Date known to the season: spring 2024. Sources: WION" in ics
    feed = feedparser.parse(project.site("feed.xml"))
    assert {e.summary for e in feed.entries} >= {"possibly 4 November 2024: Uncertain"}


def test_events_json_to_import_to_build_is_byte_identical_with_every_form(project, tmp_path):
    """Every form of issue 20 at once: each date form, related events of each kind, a thread, and a name that
    entities.toml gives under another spelling (the settings files travel with the project, not in events.json)."""
    write_forms(project)
    project.event("2024-11-05-flagged.md", approximate="true", thread="A story", actors="[Choe Sonhui]",
                  related="".join(f"\n  - event: {name}\n    relation: {relation}" for name, relation in (
                      ("2024-11-04-uncertain", "follows"), ("2024-11-approximate", "responds-to"),
                      ("2024-11-both", "contradicts"), ("2024-a-season", "supersedes"),
                      ("1960-a-decade", "see-also"))))
    project.event("2024-11-06-told-apart.md", thread="A story", actors="[Choe Son Hui]")
    entities = '[[entity]]\nname = "Choe Son Hui"\naliases = ["Choe Sonhui"]\nwikidata = "Q1000001"\n'
    (project.root / "entities.toml").write_text(entities, encoding="utf-8")
    build(project)
    first = {p.relative_to(project.root / "site"): p.read_bytes() for p in (project.root / "site").rglob("*")
             if p.is_file()}
    from tests.conftest import Project
    again = Project(tmp_path / "again")
    (again.root / "entities.toml").write_text(entities, encoding="utf-8")
    events_json = tmp_path / "events.json"
    events_json.write_bytes(first[next(p for p in first if p.as_posix() == "events.json")])
    assert again.run("import", str(events_json)).code == 0
    build(again)
    second = {p.relative_to(again.root / "site"): p.read_bytes() for p in (again.root / "site").rglob("*")
              if p.is_file()}
    assert "threads/a-story/index.html" in {path.as_posix() for path in first}
    assert second.keys() == first.keys()
    assert [path for path in first if first[path] != second[path]] == []


def test_bad_forms_are_problems_at_file_and_line_that_show_a_correct_form(project):
    project.event("2024-a-bad-month.md", date="2024-13?")
    project.event("1905-a-bad-digit.md", date="19X5")
    project.event("2024-11-04-open-start.md", date="..")
    result = project.run("check")
    assert result.code == 1
    assert result.out.splitlines()[:3] == [
        "events/1905-a-bad-digit.md:3: date: '19X5' leaves digits unspecified that this tool cannot place: only a "
        "year's last digits can be X, like 196X (1960–1969) or 19XX (1900–1999); for a month or day that is not "
        "known, write the year or the month alone (like 2024 or 2024-11)",
        "events/2024-11-04-open-start.md:3: date: '..' says an event is still going on, which only end: can say: "
        "write the day it began as date:, and 'end: ..' (or 'end: ongoing')",
        "events/2024-a-bad-month.md:3: date: month 13 in '2024-13' does not exist: months run from 01 to 12 (like "
        "2024-11) and seasons from 21, spring, to 24, winter; then add the qualifier, like 2024-11-04?",
    ]


def test_new_writes_an_ongoing_event_and_an_uncertain_date(project):
    result = project.run("new", "Talks go on", "--date", "possibly 4 November 2024", "--end", "ongoing")
    assert result.code == 0, result.err
    text = next((project.root / "events").glob("*.md")).read_text()
    assert "\ndate: 2024-11-04?\n" in text and "\nend: ..\n" in text


def test_an_ongoing_event_is_not_called_late_in_its_reporting(project):
    project.event("2022-02-24-ongoing.md", end="..")
    project.event("2022-02-24-over.md")
    build(project)
    assert "days later" not in project.site("2022-02-24-ongoing/index.html")
    assert "(987 days later)" in project.site("2022-02-24-over/index.html")
