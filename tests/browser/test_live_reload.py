"""Live reload in a real browser: an edit shows without a manual reload; a broken file shows an overlay;
a new base_path in timeline.toml moves open pages to the same page under it."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS
from timeline.build.incremental import IncrementalBuilder
from timeline.serve.preview import Preview


@pytest.fixture
def live(project, browser):
    """Return (preview server, page) with an event page open and listening for rebuilds."""
    project.event(title="The original title")
    project.event("2024-11-07-later.md", title="A later event")
    preview = Preview(IncrementalBuilder(project.root, base_url="/timeline/"), port=0, log=lambda text: None)
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
    _preview, page = live
    assert page.locator("h1").inner_text() == "The original title"
    project.event(title="A corrected title")
    page.wait_for_function("() => document.querySelector('h1').textContent === 'A corrected title'", timeout=15000)
    assert "A corrected title" in page.title()


def test_a_broken_file_shows_the_problem_and_the_fix_clears_it(live, project):
    _preview, page = live
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
    _preview, page = live
    project.write("2024-11-04-a-meeting.md", "---\ntitle: ok\ndate: 2024-11-04\n<img src=x onerror=alert(1)>: 1\n---\n")
    overlay = page.locator("#timeline-problems")
    overlay.wait_for(state="visible", timeout=15000)
    assert page.locator("#timeline-problems img").count() == 0
    assert re.search(r"<img src=x onerror=alert\(1\)>", overlay.inner_text())


def test_the_reload_script_is_served_but_never_written_into_the_site(live, project):
    _preview, page = live
    assert page.locator('script[src="/__timeline__/reload.js"]').count() == 1
    for html in (project.root / "site").rglob("*.html"):
        assert "__timeline__" not in html.read_text(encoding="utf-8"), html


def test_a_rebuild_before_the_page_listens_still_reloads_it(live, project):
    # The page was sent from build N; its event stream opens only after a rebuild made N+1. The
    # stream's first message must read as news, not as the state the page came from.
    preview, page = live
    newer = preview.state.version + 1
    page.route("**/__timeline__/events", lambda route: route.fulfill(
        status=200, content_type="text/event-stream",
        # retry: no reconnection to the real stream during the test, whose first message would reload any page
        body='retry: 600000\n' f'data: {{"version": {newer}, "problems": [], "base_path": "/timeline/"}}\n\n'), times=1)
    page.evaluate("window.sentFromTheOldBuild = true")
    with page.expect_navigation(timeout=15000):
        # added after evaluate returns, so the reload it causes cannot cut the evaluation short
        page.evaluate("setTimeout(() => { const s = document.createElement('script');"
                      "s.src = '/__timeline__/reload.js';"
                      f"s.dataset.version = '{newer - 1}'; s.dataset.base = '/timeline/';"
                      "document.body.appendChild(s); }, 0)")
    page.wait_for_selector("html[data-live-reload=connected]", state="attached", timeout=15000)
    assert page.evaluate("window.sentFromTheOldBuild") is None


def set_base_path(project, base_path: str) -> None:
    """Write base_path into the project's timeline.toml, as an author editing it would."""
    settings = project.root / "timeline.toml"
    text = settings.read_text(encoding="utf-8")
    new = re.sub(r'(?m)^base_path = .*$', lambda _: f'base_path = "{base_path}"', text)
    assert new != text
    settings.write_text(new, encoding="utf-8")


@pytest.fixture
def moving(project, browser):
    """Return (preview, page, origin, failures) for a project served under /a/ by its timeline.toml.

    failures lists every response of 400 or more the page gets and every script error it raises.
    """
    project.event(title="The original title")
    project.event("2024-11-07-later.md", title="A later event")
    set_base_path(project, "/a/")
    preview = Preview(IncrementalBuilder(project.root), port=0, log=lambda text: None)
    preview.start()
    assert preview.url.endswith(":" + str(preview.server.server_address[1]) + "/a/")
    origin = preview.url[: -len("/a/")]
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    failures = []
    page.on("pageerror", lambda error: failures.append(f"script error: {error}"))
    page.on("response", lambda response: response.status >= 400
            and failures.append(f"{response.status}: {response.url}"))
    yield preview, page, origin, failures
    context.close()
    preview.stop()


def open_listening(page, url: str) -> None:
    """Open url and return once its live-reload script listens for rebuilds."""
    page.goto(url)
    page.wait_for_selector("html[data-live-reload=connected]", state="attached", timeout=30000)


def test_a_new_base_path_moves_an_open_event_page_to_the_same_page_under_it(moving, project):
    _preview, page, origin, failures = moving
    open_listening(page, f"{origin}/a/2024-11-04-a-meeting/")
    assert page.locator("h1").inner_text() == "The original title"
    set_base_path(project, "/b/")
    page.wait_for_url(f"{origin}/b/2024-11-04-a-meeting/", timeout=30000)
    page.wait_for_selector("html[data-live-reload=connected]", state="attached", timeout=30000)
    assert page.locator("h1").inner_text() == "The original title"  # the site, not its 404 page
    assert page.locator("a.site-title").get_attribute("href") == "/b/"
    assert page.locator("link[rel=stylesheet]").first.get_attribute("href").startswith("/b/static/")
    page.locator("a.next").click()
    page.wait_for_url(f"{origin}/b/2024-11-07-later/", timeout=30000)
    assert page.locator("h1").inner_text() == "A later event"
    page.locator("a.site-title").click()
    page.wait_for_url(f"{origin}/b/", timeout=30000)
    assert page.locator("h1").inner_text() != "Page not found"
    assert page.locator("a[href='/b/2024-11-04-a-meeting/']").count() >= 1
    assert failures == []


@pytest.mark.parametrize("path", ["", "?q=later#y2024", "2024-11-04-a-meeting/?from=feed#sources-heading"],
                         ids=["timeline", "timeline-query-hash", "event-query-hash"])
def test_a_new_base_path_keeps_the_page_its_query_and_its_hash(moving, project, path):
    _preview, page, origin, failures = moving
    open_listening(page, f"{origin}/a/{path}")
    set_base_path(project, "/b/")
    page.wait_for_url(f"{origin}/b/{path}", timeout=30000)
    page.wait_for_selector("html[data-live-reload=connected]", state="attached", timeout=30000)
    assert page.locator("a.site-title").get_attribute("href") == "/b/"
    assert page.locator("h1").inner_text() != "Page not found"
    if path.startswith("?q="):  # the search the address asks for runs under the new path, and its results lead there
        result = page.locator("#results a[href$='2024-11-07-later/']")
        result.first.wait_for(state="visible", timeout=30000)
        assert result.first.get_attribute("href") == "/b/2024-11-07-later/"
        result.first.click()
        page.wait_for_url(f"{origin}/b/2024-11-07-later/", timeout=30000)
        assert page.locator("h1").inner_text() == "A later event"
    assert failures == []


def test_a_base_path_the_build_refuses_leaves_the_page_where_it_is_with_the_problem(moving, project):
    preview, page, origin, failures = moving
    url = f"{origin}/a/2024-11-04-a-meeting/"
    open_listening(page, url)
    set_base_path(project, "/a b/")
    overlay = page.locator("#timeline-problems")
    overlay.wait_for(state="visible", timeout=30000)
    assert "1 problem" in overlay.inner_text()
    assert "timeline.toml" in overlay.inner_text() and "/a b/" in overlay.inner_text()
    assert page.url == url
    assert page.locator("h1").inner_text() == "The original title"  # the last good page stays readable
    assert preview.server.base_path == "/a/"
    page.locator("a.next").click()  # and its links still lead somewhere
    page.wait_for_url(f"{origin}/a/2024-11-07-later/", timeout=30000)
    page.locator("#timeline-problems").wait_for(state="visible", timeout=30000)
    assert page.locator("h1").inner_text() == "A later event"
    set_base_path(project, "/b/")  # fixed: the page moves, and the problem is gone
    page.wait_for_url(f"{origin}/b/2024-11-07-later/", timeout=30000)
    page.wait_for_selector("html[data-live-reload=connected]", state="attached", timeout=30000)
    assert page.locator("#timeline-problems").count() == 0
    assert page.locator("h1").inner_text() == "A later event"
    assert failures == []


def test_a_page_moves_from_and_to_a_base_path_the_address_bar_percent_encodes(moving, project):
    _preview, page, origin, failures = moving
    open_listening(page, f"{origin}/a/2024-11-04-a-meeting/?from=feed#sources-heading")
    set_base_path(project, "/ä/")
    page.wait_for_url(f"{origin}/%C3%A4/2024-11-04-a-meeting/?from=feed#sources-heading", timeout=30000)
    page.wait_for_selector("html[data-live-reload=connected]", state="attached", timeout=30000)
    assert page.locator("h1").inner_text() == "The original title"
    set_base_path(project, "/b/")  # location.pathname says /%C3%A4/..., not /ä/...
    page.wait_for_url(f"{origin}/b/2024-11-04-a-meeting/?from=feed#sources-heading", timeout=30000)
    page.wait_for_selector("html[data-live-reload=connected]", state="attached", timeout=30000)
    assert page.locator("h1").inner_text() == "The original title"
    assert failures == []
