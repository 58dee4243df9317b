"""Story structure in the browser: uncertain, coarse and ongoing dates in words and in the dot's outline; a thread's
page with the time between its events; related events in words on both pages, a superseded one marked; an actor's
page with its other spellings and Wikidata; in light and dark, on a phone and a desktop, axe clean."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import ServedSite
from tests.browser.test_finder import axe_violations, reader  # noqa: F401  (reader: a fixture)
from tests.conftest import Project, run_cli

UNCERTAIN, ONGOING = "2024-11-05-a-launch-perhaps", "2022-02-24-a-war"
MEETING, EARLIER, CORRECTED = "2024-11-04-a-meeting", "2024-11-01-an-earlier-count", "2024-11-07-a-new-count"
ENTITIES = """\
[[entity]]
name = "Choe Son Hui"
aliases = ["Choe Sonhui", "Ch'oe Sŏn-hŭi"]
wikidata = "Q1000001"
"""


@pytest.fixture(scope="module")
def story_site(tmp_path_factory):
    """Return a site with an uncertain, an approximate, a seasonal, a decade and an ongoing event, served under
    /timeline/."""
    project = Project(tmp_path_factory.mktemp("browser-story") / "project")
    project.event(f"{ONGOING}.md", title="A war begins and goes on", date="2022-02-24", end="..")
    project.event("1960-a-decade.md", title="Talks through a decade", date="the 1960s")
    project.event("2024-a-season.md", title="Floods in the spring", date="spring 2024")
    project.event(f"{EARLIER}.md", title="A ministry counts 12 ships", thread="Talks in Moscow")
    project.event(f"{MEETING}.md", title="A meeting in the Kremlin", date="c. 4 November 2024",
                  actors="[Choe Sonhui]", thread="Talks in Moscow",
                  related=f"\n  - event: {EARLIER}\n    relation: follows")
    project.event(f"{UNCERTAIN}.md", title="A launch, perhaps", date="2024-11-05?")
    project.event(f"{CORRECTED}.md", title="The ministry counts 14 ships", actors="[Choe Son Hui]",
                  thread="Talks in Moscow", related=f"\n  - event: {EARLIER}\n    relation: supersedes")
    (project.root / "entities.toml").write_text(ENTITIES, encoding="utf-8")
    result = run_cli(["build", "--root", str(project.root), "--base-url", "/timeline/"])
    assert result.code == 0, result.err
    site = ServedSite(project.root, "/timeline/")
    yield site
    site.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_doubt_and_open_ends_read_in_words_and_show_in_the_outline(reader, story_site, shot, device,  # noqa: F811
                                                                    scheme):
    page = reader(device, scheme)
    page.goto(story_site.url())
    dates = page.locator("#timeline li.event .event-date").all_inner_texts()
    assert dates == ["the 1960s", "since 24 February 2022, ongoing", "spring 2024", "1 November 2024",
                     "c. 4 November 2024", "possibly 5 November 2024", "7 November 2024"]
    outline = "li => getComputedStyle(li, '::before').borderTopStyle + ' ' + getComputedStyle(li, '::before')" \
              ".borderBottomStyle"
    assert page.locator(f"[id='{UNCERTAIN}']").evaluate(outline) == "dashed dashed"
    assert page.locator(f"[id='{MEETING}']").evaluate(outline) == "dotted dotted"
    assert page.locator(f"[id='{ONGOING}']").evaluate(outline) == "solid none"  # open at the bottom
    shot(page, f"story-dates-{device}-{scheme}")
    page.goto(story_site.url(f"{ONGOING}/"))
    assert "since 24 February 2022, ongoing" in page.locator("main").inner_text()
    shot(page, f"story-ongoing-event-{device}-{scheme}")
    assert page.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_uncertain_and_ongoing_events(reader, story_site, scheme):  # noqa: F811
    page = reader("desktop", scheme)
    checked = {}
    for name, path in [("timeline", ""), ("uncertain", f"{UNCERTAIN}/"), ("ongoing", f"{ONGOING}/")]:
        page.goto(story_site.url(path))
        checked[name] = axe_violations(page)
    assert checked == {name: [] for name in checked}, json.dumps(checked, indent=1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_thread_reads_forwards_with_the_time_between_and_links_read_both_ways(reader, story_site, shot,  # noqa: F811
                                                                                device, scheme):
    page = reader(device, scheme)
    page.goto(story_site.url("threads/talks-in-moscow/"))
    assert page.locator("ol.thread > li").all_inner_texts()[1::2] == ["3 days later", "3 days later"]
    assert page.locator("ol.thread li.event .event-title").all_inner_texts() == [
        "A ministry counts 12 ships", "A meeting in the Kremlin", "The ministry counts 14 ships"]
    # a thread's short entries have no id: the earlier count is known by its title's link
    earlier = page.locator("ol.thread li.event", has=page.locator(f"a[href$='/{EARLIER}/']"))
    assert earlier.locator(".badge.superseded").inner_text().lower() == "superseded"
    shot(page, f"story-thread-{device}-{scheme}")
    page.goto(story_site.url(f"{EARLIER}/"))
    assert page.locator(".related-list li").all_inner_texts() == [
        "Followed by\nc. 4 November 2024 A meeting in the Kremlin",
        "Superseded by\n7 November 2024 The ministry counts 14 ships"]
    shot(page, f"story-related-{device}-{scheme}")
    page.goto(story_site.url("actors/choe-son-hui/"))
    assert page.locator(".lede").inner_text() == "Also written Choe Sonhui, Ch'oe Sŏn-hŭi. Choe Son Hui on Wikidata"
    assert page.locator("li.event").count() == 2  # both spellings on the one page
    shot(page, f"story-entity-{device}-{scheme}")
    assert page.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_threads_related_events_and_entities(reader, story_site, scheme):  # noqa: F811
    page = reader("desktop", scheme)
    checked = {}
    for name, path in [("thread", "threads/talks-in-moscow/"), ("threads", "threads/"), ("related", f"{EARLIER}/"),
                       ("follows", f"{MEETING}/"), ("entity", "actors/choe-son-hui/"),
                       ("filtered", "?thread=Talks+in+Moscow")]:
        page.goto(story_site.url(path))
        if name == "filtered":
            page.wait_for_selector("#results li.event")
        checked[name] = axe_violations(page)
    assert checked == {name: [] for name in checked}, json.dumps(checked, indent=1)
