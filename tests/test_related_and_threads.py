"""Related events and threads (issue 20, part 2): the checks' exact messages, the links on both pages, the
superseded badge, a thread's page with the time between its events, the round trip through events.json, and the
preview remaking the other event's page."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import Project
from tests.test_render import Node, build, entry_of, page, set_config, tree_bytes
from tests.test_site import tree_digest
from timeline.build.builder import Builder
from timeline.build.incremental import IncrementalBuilder
from timeline.model.dates import parse_date
from timeline.model.event import Event
from timeline.model.fields import RELATION_WORDS
from timeline.render.i18n import MESSAGES, Language
from timeline.render.story import time_between

MEETING, WARNING, OLD = "2024-11-04-meeting", "2024-11-07-warning", "2024-11-04-old-account"


def links(*pairs: tuple[str, str]) -> str:
    """Return a related: value linking to each (event, relation)."""
    return "".join(f"\n  - event: {event}\n    relation: {relation}" for event, relation in pairs)


def problems(project) -> list[str]:
    """Return the lines check prints for the project's problems, without the count."""
    result = project.run("check")
    return [line for line in result.out.splitlines() if line.startswith("events/")]


# --- the checks -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("related", "expected"), [
    (links((MEETING, "after")),
     "events/2024-11-07-warning.md:10: related[1].relation: expected one of follows, responds-to, contradicts, "
     "supersedes, see-also, found 'after'; write 'relation: follows' or another of them"),
    ("\n  - event: 2024-11-04-meeting",
     "events/2024-11-07-warning.md:9: related[1].relation: is missing: add 'relation: ...' (How this event relates "
     "to it: follows, responds-to, contradicts, supersedes or see-also.)"),
    ("\n  - relation: follows",
     "events/2024-11-07-warning.md:9: related[1].event: is missing: add 'event: ...' (The other event: its file "
     "name without .md.)"),
    (links((WARNING, "follows")),
     "events/2024-11-07-warning.md:9: related[1].event: names this event itself; name another event, or remove the "
     "link"),
    (links((MEETING + ".md", "follows")),
     "events/2024-11-07-warning.md:9: related[1].event: is '2024-11-04-meeting.md'; write the file name without "
     ".md: 'event: 2024-11-04-meeting'"),
    (links((MEETING, "follows"), (MEETING, "see-also")),
     "events/2024-11-07-warning.md:11: related[2].event: 2024-11-04-meeting is linked twice (first at line 9); keep "
     "one link, with the one relation that fits best"),
    (links(("2024-11-04-meting", "follows")),
     "events/2024-11-07-warning.md:9: related[1].event: no event is named 2024-11-04-meting; did you mean "
     "2024-11-04-meeting? name an event by its file name in events/ without .md"),
    (" 2024-11-04-meeting",
     "events/2024-11-07-warning.md:8: related: expected a list of related events, found the text "
     "'2024-11-04-meeting'; write each as '  - event: 2024-11-04-putin-meets-choe' followed by a 'relation:' line "
     "lined up with 'event:'"),
    ("\n  - 2024-11-04-meeting",
     "events/2024-11-07-warning.md:9: related[1]: expected a related event with event and relation (follows, "
     "responds-to, contradicts, supersedes, see-also) fields, found the text '2024-11-04-meeting'"),
])
def test_a_bad_link_is_a_problem_at_its_file_and_line(project, related, expected):
    project.event(f"{MEETING}.md", title="Putin meets Choe")
    project.event(f"{WARNING}.md", title="NATO chief warns", related=related)
    assert problems(project) == [expected]


def test_a_circle_of_follows_names_every_event_in_it_in_order(project):
    project.event("2024-11-01-a.md", title="A", related=links(("2024-11-03-c", "follows")))
    project.event("2024-11-02-b.md", title="B", related=links(("2024-11-01-a", "follows")))
    project.event("2024-11-03-c.md", title="C", related=links(("2024-11-02-b", "follows")))
    project.event("2024-11-04-d.md", title="D", related=links(("2024-11-01-a", "follows")))  # outside the circle
    assert problems(project) == [
        "events/2024-11-01-a.md:9: related[1]: 'follows' goes round in a circle: 2024-11-01-a follows "
        "2024-11-03-c, 2024-11-03-c follows 2024-11-02-b, 2024-11-02-b follows 2024-11-01-a; an event cannot come "
        "after itself, so remove one of these links or make it see-also"]
    assert project.run("build").code == 1


def test_two_events_following_each_other_are_a_circle_but_see_also_both_ways_is_not(project):
    project.event("2024-11-01-a.md", title="A", related=links(("2024-11-02-b", "follows")))
    project.event("2024-11-02-b.md", title="B", related=links(("2024-11-01-a", "follows")))
    assert len(problems(project)) == 1 and "2024-11-01-a follows 2024-11-02-b, 2024-11-02-b follows 2024-11-01-a" \
        in problems(project)[0]
    project.event("2024-11-02-b.md", title="B", related=links(("2024-11-01-a", "see-also")))
    assert problems(project) == []


def test_a_link_to_a_draft_is_no_problem_and_shows_only_when_the_draft_is_built(project):
    project.event(f"{MEETING}.md", title="Putin meets Choe", draft="true")
    project.event(f"{WARNING}.md", title="NATO chief warns", related=links((MEETING, "follows")))
    assert problems(project) == []
    build(project)
    assert page(project, f"{WARNING}/index.html").find_all(cls="related") == []
    build(project, "--drafts")
    assert page(project, f"{WARNING}/index.html").find(cls="related-list").find("li").text() == \
        "Follows 4 November 2024 Putin meets Choe"


# --- the pages ------------------------------------------------------------------------------------

@pytest.mark.parametrize("relation", list(RELATION_WORDS))
def test_both_pages_show_a_link_each_in_its_own_words(project, relation):
    project.event(f"{MEETING}.md", title="Putin meets Choe")
    project.event(f"{WARNING}.md", title="NATO chief warns", related=links((MEETING, relation)))
    build(project)
    made, received = RELATION_WORDS[relation]
    on_a = page(project, f"{WARNING}/index.html").find(cls="related-list").find_all("li")
    on_b = page(project, f"{MEETING}/index.html").find(cls="related-list").find_all("li")
    assert [li.text() for li in on_a] == [f"{made} 4 November 2024 Putin meets Choe"]
    assert [li.text() for li in on_b] == [f"{received} 7 November 2024 NATO chief warns"]
    assert on_a[0].find("a").attrs["href"] == f"/{MEETING}/" and on_b[0].find("a").attrs["href"] == f"/{WARNING}/"


def test_see_also_written_on_both_events_reads_once(project):
    project.event(f"{MEETING}.md", title="Putin meets Choe", related=links((WARNING, "see-also")))
    project.event(f"{WARNING}.md", title="NATO chief warns", related=links((MEETING, "see-also")))
    build(project)
    assert [li.text() for li in page(project, f"{MEETING}/index.html").find(cls="related-list").find_all("li")] == \
        ["See also 7 November 2024 NATO chief warns"]


def test_a_superseded_event_says_so_on_its_page_its_entries_and_its_search_row(project):
    project.event(f"{OLD}.md", title="An early account", tags="[diplomacy]")
    project.event(f"{WARNING}.md", title="NATO chief warns", related=links((OLD, "supersedes")))
    build(project)
    old = page(project, f"{OLD}/index.html")
    assert old.find(cls="event-when").find(cls="superseded").text() == "Superseded"
    assert "superseded" in old.find("article").attrs["class"].split()
    for listing in ("index.html", "tags/diplomacy/index.html"):
        entry = entry_of(page(project, listing), OLD)
        assert entry.find(cls="badge").text() == "Superseded" and "superseded" in entry.attrs["class"].split()
    assert page(project).find("li", id=WARNING).find_all(cls="superseded") == []
    meta = json.loads(project.site("search/meta.json"))
    rows = {row[0]: row for row in json.loads(project.site("search/docs-0.json"))}
    column = meta["columns"].index("superseded")
    assert (rows[OLD][column], rows[WARNING][column]) == ("Superseded", "")


def test_a_thread_has_a_page_with_the_time_between_its_events_and_a_filter(project):
    thread = "Russia and North Korea"
    project.event("2024-11-04-meeting.md", title="Putin meets Choe", thread=thread)
    project.event("2024-11-04-talks.md", title="Talks go on", thread=thread)
    project.event("2024-11-07-warning.md", title="NATO chief warns", thread=thread)
    project.event("2025-01-10-troops.md", title="Troops move", thread=thread)
    project.event("2027-02-treaty.md", title="A treaty", date="2027-02", thread=thread)
    project.event("2024-12-01-other.md", title="Elsewhere")
    build(project)
    thread_page = page(project, "threads/russia-and-north-korea/index.html")
    shown = [li.find(cls="event-title").text() if "event" in li.attrs["class"].split() else li.text()
             for li in thread_page.find("ol", cls="thread").children if isinstance(li, Node) and li.tag == "li"]
    assert shown == ["Putin meets Choe", "The same day", "Talks go on", "3 days later", "NATO chief warns",
                     "2 months later", "Troops move", "2 years later", "A treaty"]
    assert thread_page.find(cls="count").text() == "5 events in the thread Russia and North Korea, oldest first."
    assert page(project, "threads/index.html").find(cls="facet-list").find("a").attrs["href"] == \
        "/threads/russia-and-north-korea/"
    fact = page(project, "2024-11-04-meeting/index.html").find(cls="fact-thread")
    assert fact.find("a").attrs["href"] == "/threads/russia-and-north-korea/"
    facets = json.loads(project.site("search/facets.json"))
    assert facets["thread"] == [[thread, "threads/russia-and-north-korea/", [0, 1, 1, 2, 1]]]
    assert page(project).find("select", id="finder-thread").find("option").text() == "Any thread"


def test_a_thread_page_reads_forwards_in_french_even_when_the_site_is_newest_first(project):
    set_config(project, language="fr", order="newest-first")
    project.event("2024-11-04-meeting.md", title="Rencontre", thread="Fil")
    project.event("2024-11-05-talks.md", title="Pourparlers", thread="Fil")
    project.event("2025-01-10-troops.md", title="Troupes", thread="Fil")
    build(project)
    gaps = [li.text() for li in page(project, "threads/fil/index.html").find_all(cls="thread-gap")]
    assert gaps == ["1 jour plus tard", "2 mois plus tard"]


# --- the time between -----------------------------------------------------------------------------

def event(date: str) -> Event:
    """Return an event on a date, for time_between."""
    return Event(id="x", path="events/x.md", title="x", date=parse_date(date), sources=())


@pytest.mark.parametrize(("earlier", "later", "english", "french"), [
    ("2024-11-04", "2024-11-04", "The same day", "Le même jour"),
    ("2024-11-04", "2024-11-05", "1 day later", "1 jour plus tard"),
    ("2024-11-04", "2024-12-04", "30 days later", "30 jours plus tard"),
    ("2024-11-04", "2024-12-05", "1 month later", "1 mois plus tard"),
    ("2024-03-04", "2024-05-03", "1 month later", "1 mois plus tard"),  # whole months
    ("2024-11-04", "2025-11-04", "1 year later", "1 an plus tard"),
    ("2024-11", "2024-11-20", "The same month", "Le même mois"),
    ("2024-11", "2025-02", "3 months later", "3 mois plus tard"),
    ("2024", "2024-06", "The same year", "La même année"),
    ("2020", "2024-06-01", "4 years later", "4 ans plus tard"),
    ("-0002", "0002", "3 years later", "3 ans plus tard"),  # no year 0: 2 BC, 1 BC, AD 1, AD 2
    ("15 March 44 BC", "17 May 44 BC", "2 months later", "2 mois plus tard"),  # days before AD 1: by month
])
def test_the_time_between_two_events_reads_at_the_precision_both_have(earlier, later, english, french):
    assert time_between(event(earlier), event(later), Language("en")) == english
    assert time_between(event(earlier), event(later), Language("fr")) == french


def test_every_relation_and_gap_word_has_a_french_translation():
    words = {word for pair in RELATION_WORDS.values() for word in pair}
    words |= {"Superseded", "The same day", "The same month", "The same year", "{n} days later", "{n} months later",
              "{n} years later", "Related events", "Thread", "Threads", "thread", "threads", "{n} threads"}
    assert sorted(words - set(MESSAGES["fr"])) == []


# --- round trip and the preview -------------------------------------------------------------------

def story(project) -> None:
    """Write three events of a thread, linked in three ways."""
    project.event(f"{OLD}.md", title="An early account", tags="[diplomacy]")
    project.event(f"{MEETING}.md", title="Putin meets Choe", thread="Russia and North Korea",
                  related=links((OLD, "see-also")))
    project.event(f"{WARNING}.md", title="NATO chief warns", thread="Russia and North Korea",
                  related=links((MEETING, "follows"), (OLD, "supersedes")))


def test_events_json_then_import_then_build_is_byte_identical(project, tmp_path):
    story(project)
    build(project)
    records = {r["id"]: r for r in json.loads(project.site("events.json"))["events"]}
    assert records[WARNING]["related"] == [{"event": MEETING, "relation": "follows"},
                                           {"event": OLD, "relation": "supersedes"}]
    assert records[WARNING]["thread"] == "Russia and North Korea" and "thread" not in records[OLD]
    copy = Project(tmp_path / "copy")
    shutil.copy(project.root / "timeline.toml", copy.root / "timeline.toml")
    exported = tmp_path / "events.json"
    shutil.copy(project.root / "site" / "events.json", exported)
    assert copy.run("import", str(exported)).code == 0
    build(copy)
    assert tree_bytes(copy.root / "site") == tree_bytes(project.root / "site")


def test_new_writes_a_thread_and_links(project):
    project.event(f"{MEETING}.md", title="Putin meets Choe")
    result = project.run("new", "NATO chief warns", "--date", "2024-11-07", "--thread", "Russia and North Korea",
                         "--related", f"{MEETING}:follows")
    assert result.code == 0, result.err
    text = (project.root / result.out.strip()).read_text()
    assert "\nthread: Russia and North Korea\n" in text
    assert f"\nrelated:\n  - event: {MEETING}\n    relation: follows\n" in text
    assert problems(project) == []


@pytest.mark.parametrize(("given", "message"), [
    (f"{MEETING}", f"--related: write it as EVENT:RELATION, like {MEETING}:follows"),
    (f"{MEETING}:after", "--related number 1: expected one of follows, responds-to, contradicts, supersedes, "
                         "see-also, found 'after'; write 'relation: follows' or another of them"),
])
def test_new_refuses_a_link_check_would_refuse(project, given, message):
    result = project.run("new", "NATO chief warns", "--date", "2024-11-07", "--related", given)
    assert result.code == 1 and message in result.err, result.err


def test_the_preview_remakes_the_pages_a_link_reaches_on_both_sides(project, tmp_path):
    story(project)
    builder = IncrementalBuilder(project.root)
    assert builder.update().errors == []

    def matches_a_full_build() -> None:
        reference = tmp_path / "reference"
        shutil.rmtree(reference, ignore_errors=True)
        shutil.copytree(project.root, reference, ignore=shutil.ignore_patterns("site", ".timeline-cache"))
        assert Builder(reference).build().errors == []
        assert tree_digest(project.root / "site") == tree_digest(reference / "site")

    # the meeting's new title: the warning's page (it follows the meeting) and the old account's (see also) show it
    project.event(f"{MEETING}.md", title="Putin meets Choe Son Hui", thread="Russia and North Korea",
                  related=links((OLD, "see-also")))
    written = builder.update().written
    assert {f"{WARNING}/index.html", f"{OLD}/index.html", f"{MEETING}/index.html"} <= set(written)
    assert "Putin meets Choe Son Hui" in project.site(f"{WARNING}/index.html")
    matches_a_full_build()
    # the warning no longer supersedes the old account: its page and every list it is in lose the badge
    project.event(f"{WARNING}.md", title="NATO chief warns", thread="Russia and North Korea",
                  related=links((MEETING, "follows")))
    written = builder.update().written
    assert {f"{OLD}/index.html", "tags/diplomacy/index.html", "index.html"} <= set(written)
    assert entry_of(page(project, "tags/diplomacy/index.html"), OLD).find_all(cls="superseded") == []
    matches_a_full_build()
    # leaving the thread remakes the thread's page
    project.event(f"{WARNING}.md", title="NATO chief warns", related=links((MEETING, "follows")))
    assert "threads/russia-and-north-korea/index.html" in builder.update().written
    matches_a_full_build()


def test_a_warm_build_renders_again_the_page_of_an_event_whose_linked_event_changed(project):
    story(project)
    build(project)
    project.event(f"{MEETING}.md", title="Putin meets Choe Son Hui", thread="Russia and North Korea",
                  related=links((OLD, "see-also")))
    build(project)
    assert "Putin meets Choe Son Hui" in project.site(f"{WARNING}/index.html")
    assert "Putin meets Choe Son Hui" in project.site(f"{OLD}/index.html")
