"""Live reload in a real browser: an edit shows without a manual reload; a broken file shows an overlay."""

from __future__ import annotations

import re

import pytest

from timeline.pipeline import Builder
from timeline.server import Preview
from tests.browser.conftest import ARTIFACTS


@pytest.fixture
def live(project, browser):
    """Return (preview server, page) with an event page open and listening for rebuilds."""
    project.event(title="The original title")
    project.event("2024-11-07-later.md", title="A later event")
    preview = Preview(Builder(project.root, base_url="/timeline/"), port=0, log=lambda text: None)
    preview.start()
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{preview.url}2024-11-04-a-meeting/")
    page.wait_for_selector("html[data-live-reload=connected]", state="attached")
    yield preview, page
    assert errors == []
    context.close()
    preview.stop()


def test_an_edit_shows_without_a_manual_reload(live, project):
    preview, page = live
    assert page.locator("h1").inner_text() == "The original title"
    project.event(title="A corrected title")
    page.wait_for_function("() => document.querySelector('h1').textContent === 'A corrected title'", timeout=15000)
    assert "A corrected title" in page.title()


def test_a_broken_file_shows_the_problem_and_the_fix_clears_it(live, project):
    preview, page = live
    project.write("2024-11-04-a-meeting.md", "---\ntitle: [unclosed\ndate: 2024-11-04\n---\n")
    overlay = page.locator("#timeline-problems")
    overlay.wait_for(state="visible", timeout=15000)
    text = overlay.inner_text()
    assert "1 problem" in text
    assert ("events/2024-11-04-a-meeting.md:2: front matter: YAML syntax error: did not find expected ',' or ']'; "
            "the [ on this line is never closed with ]") in text
    assert overlay.get_attribute("role") == "alert"
    assert page.locator("h1").inner_text() == "The original title"  # the last good page stays readable
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "live-reload-overlay.png"))
    project.event(title="Fixed again")
    page.wait_for_function("() => document.querySelector('h1').textContent === 'Fixed again'", timeout=15000)
    assert page.locator("#timeline-problems").count() == 0


def test_overlay_shows_problem_text_as_text_not_html(live, project):
    preview, page = live
    project.write("2024-11-04-a-meeting.md", "---\ntitle: ok\ndate: 2024-11-04\n<img src=x onerror=alert(1)>: 1\n---\n")
    overlay = page.locator("#timeline-problems")
    overlay.wait_for(state="visible", timeout=15000)
    assert page.locator("#timeline-problems img").count() == 0
    assert re.search(r"<img src=x onerror=alert\(1\)>", overlay.inner_text())


def test_the_reload_script_is_served_but_never_written_into_the_site(live, project):
    preview, page = live
    assert page.locator('script[src="/__timeline__/reload.js"]').count() == 1
    for html in (project.root / "site").rglob("*.html"):
        assert "__timeline__" not in html.read_text(encoding="utf-8"), html
