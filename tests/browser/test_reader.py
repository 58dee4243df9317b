"""What a reader sees in a real browser: phone and desktop, light and dark, mouse and keyboard.

The seed site is served under /timeline/ (as on GitHub project pages) unless a test says otherwise.
Screenshots are saved to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re

PUTIN = "2024-11-04-putin-meets-choe-son-hui"
RUTTE = "2024-11-07-rutte-warns-russia-north-korea-ties-threaten-us"
SITE_TITLE = "Russia and North Korea: a timeline"


def no_horizontal_scroll(page) -> None:
    """Assert the page is no wider than the viewport."""
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths[0]} px wide in a {widths[1]} px viewport"


def background_is(page, scheme: str) -> None:
    """Assert the page follows the color scheme: a light background in light, a dark one in dark."""
    rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(n) for n in re.findall(r"\d+", rgb)[:3])
    luminance = (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255
    assert (luminance > 0.8) if scheme == "light" else (luminance < 0.2), f"{scheme} scheme, background {rgb}"


def test_timeline_shows_both_seed_events(view, seed_site, shot):
    page, device, scheme = view
    response = page.goto(seed_site.url())
    assert response.status == 200
    assert page.title() == SITE_TITLE
    assert page.locator("h1").inner_text() == SITE_TITLE
    assert page.get_by_role("heading", name="2024", exact=True).is_visible()
    assert page.get_by_role("heading", name="November 2024").is_visible()
    for event_id, date, start in ((PUTIN, "4 November 2024", "Putin meets"), (RUTTE, "7 November 2024", "NATO chief")):
        item = page.locator(f"li[id='{event_id}']")
        assert item.locator(".event-date").inner_text() == date
        assert item.locator(".event-date").is_visible()
        title = item.locator(".event-title a")
        assert title.is_visible() and title.inner_text().startswith(start)
        assert title.get_attribute("href") == f"/timeline/{event_id}/"
    assert page.locator("nav.years a", has_text="2024").is_visible()
    background_is(page, scheme)
    if device == "phone":
        no_horizontal_scroll(page)
    shot(page, f"timeline-{device}-{scheme}")
    assert page.problems == []


def test_title_link_opens_the_event_page_with_its_sources(view, seed_site, shot):
    page, device, scheme = view
    page.goto(seed_site.url())
    page.locator(f"li[id='{PUTIN}'] .event-title a").click()
    page.wait_for_url(seed_site.url(f"{PUTIN}/"))
    heading = page.locator("h1")
    assert heading.is_visible()
    assert heading.inner_text() == "Putin meets North Korea's foreign minister Choe Son Hui in the Kremlin"
    assert page.locator("article .event-date").inner_text() == "4 November 2024"
    sources = page.locator("section.sources")
    assert sources.is_visible()
    assert sources.get_by_role("heading", name="Source").is_visible()
    assert sources.locator(".publisher").inner_text() == "WION"
    assert sources.locator("time").inner_text() == "7 November 2024"
    assert sources.locator("blockquote").is_visible()
    assert "National Unity Day" in sources.locator("blockquote").inner_text()
    assert page.locator(".description").is_visible()
    assert page.get_by_role("link", name="Vladimir Putin").is_visible()
    assert page.get_by_role("link", name="Kremlin, Moscow, Russia").is_visible()
    later = page.locator("a[rel=next]")
    assert later.is_visible() and "NATO chief Mark Rutte" in later.inner_text()
    background_is(page, scheme)
    if device == "phone":
        no_horizontal_scroll(page)
    shot(page, f"event-{device}-{scheme}")
    later.click()
    page.wait_for_url(seed_site.url(f"{RUTTE}/"))
    assert page.locator("h1").inner_text().startswith("NATO chief Mark Rutte")
    assert page.problems == []


def test_tag_links_lead_to_tag_pages_and_back(view, seed_site, shot):
    page, device, scheme = view
    page.goto(seed_site.url(f"{RUTTE}/"))
    page.locator("dl.facts .tags a", has_text="North Korea").click()
    page.wait_for_url(seed_site.url("tags/north-korea/"))
    assert page.locator("h1").inner_text() == "North Korea"
    assert page.locator("li.event").count() == 2
    if device == "phone":
        no_horizontal_scroll(page)
    shot(page, f"tag-{device}-{scheme}")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Places").click()
    page.wait_for_url(seed_site.url("locations/"))
    assert page.locator("h1").inner_text() == "Places"
    assert page.problems == []


def focus_ring(page) -> dict:
    """Return how the focused element is drawn: its outline and whether it is on screen."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {tag: el.tagName, cls: el.className, id: el.id, text: el.textContent.trim(),
                outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
                focusVisible: el.matches(':focus-visible'),
                onScreen: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
                inMain: !!el.closest('main')};
    }""")


def test_keyboard_focus_is_visible_and_the_skip_link_works(view, seed_site, shot):
    page, device, scheme = view
    page.goto(seed_site.url())
    page.keyboard.press("Tab")
    ring = focus_ring(page)
    assert ring["cls"] == "skip-link" and ring["text"] == "Skip to content"
    assert ring["onScreen"], "the focused skip link is off screen"
    assert ring["focusVisible"] and ring["outline"] == "solid" and ring["width"] >= 2, ring
    shot(page, f"focus-skip-link-{device}-{scheme}")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#content"
    assert page.evaluate("document.activeElement.id") == "content"
    page.keyboard.press("Tab")
    ring = focus_ring(page)
    assert ring["inMain"] and ring["id"] == "finder-q", f"Tab after the skip link should reach the search box: {ring}"
    assert ring["focusVisible"] and ring["outline"] == "solid" and ring["width"] >= 2, ring
    assert ring["onScreen"]
    # every link on the way shows its focus
    page.goto(seed_site.url(f"{PUTIN}/"))
    for _ in range(12):
        page.keyboard.press("Tab")
        ring = focus_ring(page)
        assert ring["focusVisible"] and ring["outline"] == "solid" and ring["width"] >= 2, ring
    assert page.problems == []


def test_missing_page_shows_the_styled_404_under_the_base_path(view, seed_site, shot):
    page, device, scheme = view
    response = page.goto(seed_site.url("no-such-page/"))
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    background_is(page, scheme)  # the stylesheet loaded from the base path
    shot(page, f"not-found-{device}-{scheme}")
    page.get_by_role("link", name="Go to the timeline").click()
    page.wait_for_url(seed_site.url())
    assert page.locator("h1").inner_text() == SITE_TITLE
    assert page.problems == []


def test_site_at_the_root_path_works_too(browser, root_site, shot):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(root_site.url())
        assert page.locator(f"li[id='{PUTIN}'] .event-date").inner_text() == "4 November 2024"
        assert page.locator(f"li[id='{RUTTE}'] .event-date").inner_text() == "7 November 2024"
        no_horizontal_scroll(page)
        shot(page, "timeline-320px-root")
        page.locator(f"li[id='{RUTTE}'] .event-title a").click()
        page.wait_for_url(root_site.url(f"{RUTTE}/"))
        no_horizontal_scroll(page)
        assert page.locator("section.sources .publisher").inner_text() == "WION"
        shot(page, "event-320px-root")
    finally:
        context.close()


def test_long_words_tables_and_many_years_never_widen_a_phone_page(browser, long_site, shot):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        for path in ("", "2024-07-01-long/", "tags/", "tags/averyveryveryverylongtagwithoutanyspacesatallinit/",
                     "actors/", "locations/"):
            page.goto(long_site.url(path))
            no_horizontal_scroll(page)
        page.goto(long_site.url("2024-07-01-long/"))
        shot(page, "event-320px-long-words")
        # the wide table and the code line scroll inside their own boxes
        for selector in (".description table", ".description pre"):
            box = page.evaluate(f"(() => {{ const el = document.querySelector('{selector}'); "
                                "return [el.scrollWidth, el.clientWidth]; })()")
            assert box[0] > box[1], f"{selector} should scroll sideways on its own"
        page.goto(long_site.url())
        assert page.locator("nav.years a").count() == 35
        page.locator("nav.years a", has_text="2023").focus()
        assert page.locator("nav.years a", has_text="2023").is_visible()  # scrolled into view in its bar
        no_horizontal_scroll(page)
    finally:
        context.close()
