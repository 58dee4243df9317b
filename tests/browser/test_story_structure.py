"""Story structure in the browser: uncertain, coarse and ongoing dates in words and in the dot's outline, in light
and dark, axe clean."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import ServedSite
from tests.browser.test_finder import axe_violations, reader  # noqa: F401  (reader: a fixture)
from tests.conftest import Project, run_cli

UNCERTAIN, ONGOING = "2024-11-05-a-launch-perhaps", "2022-02-24-a-war"


@pytest.fixture(scope="module")
def story_site(tmp_path_factory):
    """Return a site with an uncertain, an approximate, a seasonal, a decade and an ongoing event, served under
    /timeline/."""
    project = Project(tmp_path_factory.mktemp("browser-story") / "project")
    project.event(f"{ONGOING}.md", title="A war begins and goes on", date="2022-02-24", end="..")
    project.event("1960-a-decade.md", title="Talks through a decade", date="the 1960s")
    project.event("2024-a-season.md", title="Floods in the spring", date="spring 2024")
    project.event("2024-11-04-a-meeting.md", title="A meeting in the Kremlin", date="c. 4 November 2024")
    project.event(f"{UNCERTAIN}.md", title="A launch, perhaps", date="2024-11-05?")
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
    assert dates == ["the 1960s", "since 24 February 2022, ongoing", "spring 2024", "c. 4 November 2024",
                     "possibly 5 November 2024"]
    outline = "li => getComputedStyle(li, '::before').borderTopStyle + ' ' + getComputedStyle(li, '::before')" \
              ".borderBottomStyle"
    assert page.locator(f"[id='{UNCERTAIN}']").evaluate(outline) == "dashed dashed"
    assert page.locator("[id='2024-11-04-a-meeting']").evaluate(outline) == "dotted dotted"
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
