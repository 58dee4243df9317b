"""Status and corrections as readers see them: badges in words, a retraction struck through with why,
corrections newest first on the event page, in the feed and on the site's corrections page."""

from __future__ import annotations

import json

import feedparser

from tests.test_render import build, page, timeline_ids
from timeline.build.incremental import IncrementalBuilder

RETRACTED = "\n  - date: 2024-11-08\n    note: The ministry withdrew its statement.\n  - date: 2024-11-07\n" \
            "    note: The time of the launch was corrected."


def statuses(project) -> None:
    """Write an event of each kind a reader must tell apart: reported, disputed and retracted."""
    project.event("2024-11-04-reported.md", title="A meeting in Moscow")
    project.event("2024-11-05-disputed.md", title="A strike on a depot", status="disputed",
                  corrections="\n  - date: 2024-11-09\n    note: The count was revised from 12 to 14.")
    project.event("2024-11-06-retracted.md", title="A test launch", status="retracted", corrections=RETRACTED)


def test_the_timeline_shows_a_status_in_words_and_a_retraction_struck_through_with_why(project):
    statuses(project)
    build(project)
    home = page(project)
    reported, disputed, retracted = (home.find("li", id=f"2024-11-0{day}-{name}")
                                     for day, name in ((4, "reported"), (5, "disputed"), (6, "retracted")))
    assert reported.find_all(cls="status") == []  # the default needs no badge
    assert disputed.find(cls="badge").text() == "Disputed"
    assert "disputed" in disputed.attrs["class"].split()
    assert retracted.find(cls="event-title").find("s").text() == "A test launch"
    assert retracted.find(cls="event-retraction").text() == "Retracted: The ministry withdrew its statement."
    assert retracted.find(cls="badge").text() == "Retracted"


def test_an_event_page_says_its_status_and_lists_its_corrections_newest_first(project):
    statuses(project)
    build(project)
    event = page(project, "2024-11-06-retracted/index.html")
    assert event.find("h1").find("s").text() == "A test launch"
    assert event.find(cls="retraction-notice").text() == \
        "Retracted 8 November 2024: The ministry withdrew its statement."
    assert event.find(cls="fact-status").find("dd").text() == \
        "Retracted: the reporting was withdrawn; its corrections say why"
    assert [li.text() for li in event.find(cls="correction-list").find_all("li")] == [
        "Corrected 8 November 2024: The ministry withdrew its statement.",
        "Corrected 7 November 2024: The time of the launch was corrected."]
    assert event.find(cls="correction-list").find("time").attrs["datetime"] == "2024-11-08"
    plain = page(project, "2024-11-04-reported/index.html")
    assert plain.find_all(cls="corrections") == []
    assert plain.find(cls="fact-status").find("a").attrs["href"] == "/statuses/reported/"


def test_the_corrections_page_lists_every_correction_newest_first(project):
    statuses(project)
    build(project)
    log = page(project, "corrections/index.html")
    entries = log.find(cls="correction-log").find_all("li")
    assert [(e.find(cls="correction-when").text(), e.find(cls="correction-event").find("a").text(),
             e.find(cls="correction-note").text()) for e in entries] == [
        ("9 November 2024 Disputed", "A strike on a depot", "The count was revised from 12 to 14."),
        ("8 November 2024 Retracted", "A test launch", "The ministry withdrew its statement."),
        ("7 November 2024 Retracted", "A test launch", "The time of the launch was corrected."),
    ]
    assert entries[0].find("a").attrs["href"] == "/2024-11-05-disputed/"
    assert log.find(cls="count").text() == "3 corrections."
    assert page(project).find("footer").find("a").attrs["href"] == "/corrections/"


def test_a_site_without_corrections_says_so(project):
    project.event()
    build(project)
    assert page(project, "corrections/index.html").find(cls="empty").text() == "No corrections yet."


def test_each_status_has_a_page_that_says_what_it_means(project):
    statuses(project)
    build(project)
    listing = page(project, "statuses/index.html")
    assert [li.text() for li in listing.find(cls="facet-list").find_all("li")] == [
        "Reported 1 event published reporting, not independently confirmed",  # in the order of the field's doc
        "Disputed 1 event the sources disagree",  # the "·" between is the style sheet's
        "Retracted 1 event the reporting was withdrawn; its corrections say why",
    ]
    disputed = page(project, "statuses/disputed/index.html")
    assert disputed.find("h1").text() == "Disputed"
    assert disputed.find(cls="lede").text() == "The sources disagree."
    assert timeline_ids(disputed) == ["2024-11-05-disputed"]


def test_the_feed_dates_an_entry_by_its_latest_correction_and_says_what_changed(project):
    statuses(project)
    build(project)
    feed = feedparser.parse((project.root / "site" / "feed.xml").read_bytes())
    entry = next(e for e in feed.entries if e.title == "A test launch")
    assert entry.updated.startswith("2024-11-08")
    assert "Retracted" in entry.summary
    assert entry.content[0].value.startswith(
        "<p><strong>Corrected 8 November 2024:</strong> The ministry withdrew its statement.</p>"
        "<p><strong>Corrected 7 November 2024:</strong> The time of the launch was corrected.</p>")
    assert any(tag.term == "status:retracted" for tag in entry.tags)
    plain = next(e for e in feed.entries if e.title == "A meeting in Moscow")
    assert not any(tag.term.startswith("status:") for tag in plain.get("tags", []))


def test_a_correction_added_in_the_preview_rewrites_the_corrections_page(project):
    project.event("2024-11-04-reported.md", title="A meeting in Moscow")
    builder = IncrementalBuilder(project.root)
    assert builder.update().errors == []
    project.event("2024-11-04-reported.md", title="A meeting in Moscow",
                  corrections="\n  - date: 2024-11-09\n    note: The venue was wrong.")
    result = builder.update()
    assert "corrections/index.html" in result.written
    assert "The venue was wrong." in project.site("corrections/index.html")
    project.event("2024-11-04-other.md", title="An unrelated change")
    assert "corrections/index.html" not in builder.update().written


# --- occurred and reported: independent publishers, the first report --------------------------------------

TWO_FROM_ONE = ("\n  - title: A story\n    publisher: WION\n    published: 2024-11-07\n"
                "  - title: A follow-up\n    publisher: ' wion '\n    published: 2024-11-08")
TWO_PUBLISHERS = TWO_FROM_ONE + "\n  - title: Another\n    publisher: Reuters\n    published: 2024-11-05"


def test_two_articles_from_one_publisher_are_a_single_source_and_two_publishers_independent_ones(project):
    project.event("2024-11-04-one.md", title="One publisher", sources=TWO_FROM_ONE)
    project.event("2024-11-04-two.md", title="Two publishers", sources=TWO_PUBLISHERS)
    build(project)
    home = page(project)
    assert home.find("li", id="2024-11-04-one").find(cls="event-sources").text() == "Sources: WION · single source"
    assert home.find("li", id="2024-11-04-two").find(cls="event-sources").text() == \
        "Sources: WION, Reuters · 2 independent sources"
    one = page(project, "2024-11-04-one/index.html")
    assert one.find(cls="single-source").text() == "These sources come from a single publisher."
    corroborated = page(project, "corroboration/independent/index.html")
    assert timeline_ids(corroborated) == ["2024-11-04-two"]
    assert corroborated.find("h1").text() == "Two or more independent sources"
    assert [li.text() for li in page(project, "corroboration/index.html").find(cls="facet-list").find_all("li")] == [
        "Two or more independent sources 1 event", "A single source 1 event"]
    assert "corroboration" not in project.site().split('class="site-nav"')[1].split("</nav>")[0]  # not in the menu


def test_an_event_page_says_when_it_was_first_reported_and_how_long_after(project):
    project.event("2024-11-04-late.md", title="Reported late", sources=TWO_PUBLISHERS)  # Reuters, 5 November
    project.event("2024-11-01-later.md", title="Reported three days on")  # WION, 7 November
    project.event("2024-11-06-same.md", title="Reported the next day")
    project.event("2024-10-month.md", title="Known to the month", date="2024-10")
    build(project)
    reported = {name: page(project, f"{name}/index.html").find(cls="fact-reported").find("dd").text()
                for name in ("2024-11-04-late", "2024-11-01-later", "2024-11-06-same", "2024-10-month")}
    assert reported == {
        "2024-11-04-late": "5 November 2024",  # the next day: not late
        "2024-11-01-later": "7 November 2024 (6 days later)",
        "2024-11-06-same": "7 November 2024",
        "2024-10-month": "7 November 2024",  # a month is not counted in days
    }
    records = {r["id"]: r for r in json.loads(project.site("events.json"))["events"]}
    assert records["2024-11-04-late"]["first_reported"] == "2024-11-05"


def test_the_first_report_and_its_delay_follow_the_dates_precision():
    from timeline.model.dates import EventDate
    from timeline.model.event import Event, Source

    def event(date, *published, end=None):
        return Event(id="x", path="p", title="t", date=date, end=end,
                     sources=tuple(Source("s", f"P{n}", day) for n, day in enumerate(published)))

    assert event(EventDate(2024, 11, 4), EventDate(2024, 11, 9), EventDate(2024, 11, 7)).days_until_reported() == 3
    assert event(EventDate(2024, 11, 1), EventDate(2024, 11, 7), end=EventDate(2024, 11, 5)).days_until_reported() \
        == 2  # counted from the last day of a range
    assert event(EventDate(2024, 11, 4), EventDate(2024, 11)).days_until_reported() is None
    assert event(EventDate(-44, 3, 15), EventDate(2024, 11, 7)).days_until_reported() is None
    assert event(EventDate(2024, 11, 4)).first_reported is None and event(EventDate(2024, 11, 4)).corroboration == ""
