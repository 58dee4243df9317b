"""What lets a reader trust an event, in the browser: status badges in words in light and dark, a retracted
event struck through, the status filter, the corrections page, axe-core on each, and a quote's link landing
on the quote in its article."""

from __future__ import annotations

import json
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import ServedSite
from tests.browser.test_finder import axe_violations, reader  # noqa: F401  (reader: a fixture)
from tests.conftest import Project, run_cli

RETRACTED = "2024-11-06-a-test-launch"


@pytest.fixture(scope="module")
def status_site(tmp_path_factory):
    """Return a site with an event of each status, two of them corrected, served under /timeline/."""
    project = Project(tmp_path_factory.mktemp("browser-status") / "project")
    project.event("2024-11-02-talks.md", title="Talks in Moscow", status="confirmed", tags="[diplomacy]")
    project.event("2024-11-03-a-claim.md", title="A ministry says a drill took place", status="claimed")
    project.event("2024-11-04-meeting.md", title="A meeting in the Kremlin", tags="[diplomacy]")
    project.event("2024-11-05-a-strike.md", title="A strike on a depot", status="disputed",
                  corrections="\n  - date: 2024-11-09\n    note: The count was revised from 12 to 14.")
    project.event(f"{RETRACTED}.md", title="A test launch off the east coast", status="retracted",
                  corrections="\n  - date: 2024-11-08\n    note: The ministry withdrew its statement; no launch "
                              "took place.")
    result = run_cli(["build", "--root", str(project.root), "--base-url", "/timeline/"])
    assert result.code == 0, result.err
    site = ServedSite(project.root, "/timeline/")
    yield site
    site.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_statuses_read_in_words_and_a_retraction_is_struck_through(reader, status_site, shot, device,  # noqa: F811
                                                                   scheme):
    page = reader(device, scheme)
    page.goto(status_site.url())
    badges = page.locator("#timeline .badge.status").all_inner_texts()
    assert badges == ["CONFIRMED", "CLAIMED", "DISPUTED", "RETRACTED"]  # the style sheet's capitals
    title = page.locator(f"[id='{RETRACTED}'] .event-title s")
    assert "line-through" in title.evaluate("s => getComputedStyle(s).textDecorationLine")
    assert page.locator(f"[id='{RETRACTED}'] .event-retraction").inner_text() == \
        "Retracted: The ministry withdrew its statement; no launch took place."
    shot(page, f"status-timeline-{device}-{scheme}")
    page.goto(status_site.url(f"{RETRACTED}/"))
    assert page.locator(".retraction-notice").is_visible()
    shot(page, f"status-retracted-event-{device}-{scheme}")
    page.goto(status_site.url("corrections/"))
    assert page.locator(".correction-log li").count() == 2
    shot(page, f"status-corrections-{device}-{scheme}")
    assert page.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_axe_finds_no_violations_on_the_status_and_correction_pages(reader, status_site, device,  # noqa: F811
                                                                    scheme):
    page = reader(device, scheme)
    checked = {}
    for name, path in [("timeline", ""), ("retracted", f"{RETRACTED}/"), ("disputed", "2024-11-05-a-strike/"),
                       ("corrections", "corrections/"), ("statuses", "statuses/"),
                       ("one-status", "statuses/disputed/"), ("filtered", "?status=retracted")]:
        page.goto(status_site.url(path))
        if name == "filtered":
            page.wait_for_selector("#results li.event")
        checked[name] = axe_violations(page)
    assert checked == {name: [] for name in checked}, json.dumps(checked, indent=1)


def test_the_finder_filters_by_status_in_words(reader, status_site, shot):  # noqa: F811
    page = reader("desktop", "light")
    page.goto(status_site.url())
    page.locator("#finder-status").focus()
    page.wait_for_function("document.querySelectorAll('#finder-status option').length > 1")
    options = page.eval_on_selector_all("#finder-status option", "os => os.map(o => o.textContent)")
    assert options == ["Any status", "Claimed (1)", "Confirmed (1)", "Disputed (1)", "Reported (1)", "Retracted (1)"]
    page.locator("#finder-status").select_option("disputed")
    page.wait_for_function("document.querySelector('.finder-status').textContent === '1 event matches'")
    assert parse_qs(urlsplit(page.url).query) == {"status": ["disputed"]}
    assert page.locator(".chip").all_inner_texts() == ["Disputed ×"]
    assert page.locator("#results .event-title").all_inner_texts() == ["A strike on a depot"]
    # the filters combine: with a tag chosen, the status select counts only the tag's events
    page.locator(".finder-clear").click()
    page.wait_for_function("!document.getElementById('timeline').hidden")
    page.locator("#finder-tag").select_option("diplomacy")
    page.wait_for_function("document.querySelector('.finder-status').textContent === '2 events match'")
    page.wait_for_function("document.querySelectorAll('#finder-status option').length === 3")
    options = page.eval_on_selector_all("#finder-status option", "os => os.map(o => o.textContent)")
    assert options == ["Any status", "Confirmed (1)", "Reported (1)"]
    page.locator(".finder-clear").click()
    page.wait_for_function("!document.getElementById('timeline').hidden")
    shot(page, "status-finder-cleared")
    # how many independent publishers report an event is a filter too, in the address as ?sources=
    page.goto(status_site.url("?sources=single"))
    page.wait_for_function("document.querySelector('.finder-status').textContent === '5 events match'")
    assert page.locator(".chip").all_inner_texts() == ["A single source ×"]
    assert page.problems == []


@pytest.mark.parametrize("quoted", [
    "Putin noted that they were meeting on Russia's National Unity Day",
    "Rutte warned that the deployment of troops was a dangerous escalation of the war, with many more words "
    "than a short quote has",
    "the deployment of troops … many more words",
])
def test_a_quote_link_lands_on_the_quote_in_the_article(browser, tmp_path, quoted):
    from timeline.render.text_fragments import quote_url

    article = tmp_path / "site" / "story" / "index.html"
    article.parent.mkdir(parents=True)
    filler = "".join(f"<p>Paragraph {n} of the story, before the quote.</p>" for n in range(400))
    article.write_text(
        f"<!doctype html><html lang=en><title>Story</title><body>{filler}<p id=q>Reporters heard it. Putin noted "
        "that they were meeting on Russia's National Unity Day. Rutte warned that the deployment of troops was a "
        "dangerous escalation of the war, with many more words than a short quote has.</p>"
        f"{filler}</body></html>", encoding="utf-8")
    site = ServedSite(tmp_path, "/")
    page = browser.new_page()
    try:
        page.goto(quote_url(site.url("story/"), quoted))
        page.wait_for_timeout(300)  # the browser scrolls to the text once it has laid the page out
        top = page.evaluate("document.getElementById('q').getBoundingClientRect().top")
        height = page.evaluate("window.innerHeight")
        assert 0 <= top < height, f"the quote is at {top}px, outside the {height}px window"
        page.goto(site.url("story/"))  # without the directive the article opens at its top
        assert page.evaluate("window.scrollY") == 0
    finally:
        page.close()
        site.close()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_renamed_event_s_old_address_takes_the_reader_to_it(browser, tmp_path, shot):
    # a corrected date renames the event's file; a link to the old address, shared before, still reaches the event
    from tests.test_provenance import renamed_meeting
    project = renamed_meeting(Project(tmp_path / "project"), "A meeting in the Kremlin")
    result = run_cli(["build", "--root", str(project.root), "--base-url", "/timeline/"])
    assert result.code == 0, result.err
    site = ServedSite(project.root, "/timeline/")
    context = browser.new_context()
    try:
        page = context.new_page()
        problems = []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.goto(site.url("2024-11-04-meeting/"))
        page.wait_for_url(site.url("2024-11-03-meeting/"), timeout=10_000)
        assert page.locator("h1").inner_text() == "A meeting in the Kremlin"
        assert page.locator(".event-date time").get_attribute("datetime") == "2024-11-03"
        shot(page, "moved-old-address-lands-on-the-event")
        assert problems == []
    finally:
        context.close()
        site.close()
