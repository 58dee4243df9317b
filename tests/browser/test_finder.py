"""The reader's tools in a real browser: search, filters and their address, keyboard-only use, year pages,
and axe-core's accessibility rules on every kind of page in light and dark.

axe-core comes from npm (package.json); without node_modules/axe-core the axe tests skip, except under
CI=true, where they fail.
"""

from __future__ import annotations

import json
import os
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import ARTIFACTS, ServedSite
from tests.conftest import REPO, Project, run_cli
from timeline.render import overview as overview_strip
from timeline.render import site_index

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PUTIN = "2024-11-04-putin-meets-choe-son-hui"


def axe_violations(page) -> list[dict]:
    """Return axe-core's violations of WCAG 2.x A/AA and best practice on the page as loaded."""
    if not AXE.is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("axe-core is not installed (python3 dev.py setup installs it with npm)", pytrace=False)
        pytest.skip("axe-core's npm package is not installed (python3 dev.py setup installs it)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
    }""")
    return result


@pytest.fixture
def reader(request, browser):
    """Return a function making a page at a viewport and color scheme, with axe allowed to run (bypass_csp)."""
    contexts = []

    def make(device: str = "desktop", scheme: str = "light"):
        size = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}[device]
        context = browser.new_context(viewport=size, color_scheme=scheme, reduced_motion="reduce", bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
        page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
        return page

    yield make
    for context in contexts:
        context.close()


def served_in_year_pages(project, month_pages_from: int = site_index.MONTH_PAGES_FROM):
    """Yield the project built under /timeline/ and split into year pages (from 20 events), and into month pages
    for a year of month_pages_from events, served; then close it."""
    old = site_index.YEAR_PAGES_FROM, site_index.MONTH_PAGES_FROM
    site_index.YEAR_PAGES_FROM, site_index.MONTH_PAGES_FROM = 20, month_pages_from
    try:
        result = run_cli(["build", "--root", str(project.root), "--base-url", "/timeline/"])
    finally:
        site_index.YEAR_PAGES_FROM, site_index.MONTH_PAGES_FROM = old
    assert result.code == 0, result.err
    site = ServedSite(project.root, "/timeline/")
    yield site
    site.close()


@pytest.fixture(scope="session")
def split_site(tmp_path_factory):
    """Return a site of 36 events over three years, split into year pages (from 20 events), under /timeline/."""
    project = Project(tmp_path_factory.mktemp("browser-split") / "project")
    tags = ["diplomacy", "trade", "nato"]
    places = ["Moscow", "Pyongyang", "Budapest"]
    for year in (2022, 2023, 2024):
        for n in range(12):
            project.event(f"{year}-{n + 1:02d}-0{1 + n % 9}-event-{year}-{n}.md",
                          title=f"Event {n} of {year}, {'talks on grain' if n % 4 == 0 else 'a meeting'}",
                          tags=f"[{tags[n % 3]}]", location=places[(n + year) % 3],
                          actors=f"[{'Kim Jong Un' if n % 2 else 'Vladimir Putin'}]",
                          body=f"Delegates {'discussed fisheries' if n == 5 else 'met'} in {places[(n + year) % 3]}.")
    yield from served_in_year_pages(project)


@pytest.fixture(scope="session")
def many_years_site(tmp_path_factory):
    """Return a site of two events a year from 1990 to 2029, split into year pages, under /timeline/.

    One event in every fifth year (1990, 1995, ...) is tagged "grain"; the rest are tagged "talks".
    The harvests of 1995, 2005 and 2006 are also tagged "drought".
    """
    project = Project(tmp_path_factory.mktemp("browser-many-years") / "project")
    for year in range(1990, 2030):
        project.event(f"{year}-03-01-talks-{year}.md", title=f"Talks of {year}", tags="[talks]")
        tag = "grain" if year % 5 == 0 else "talks"
        project.event(f"{year}-09-01-harvest-{year}.md", title=f"Harvest of {year}",
                      tags=f"[{tag}, drought]" if year in (1995, 2005, 2006) else f"[{tag}]")
    yield from served_in_year_pages(project)


@pytest.fixture(scope="session")
def crowded_site(tmp_path_factory):
    """Return a site whose 2024 (30 events, in March, June and September) has a page per month (from 20 events
    in a year), beside a 2023 of 4 events, under /timeline/."""
    project = Project(tmp_path_factory.mktemp("browser-crowded") / "project")
    for n in range(4):
        project.event(f"2023-0{n + 1}-10-before-{n}.md", title=f"Before {n}", tags="[talks]")
    for n in range(30):
        month = (3, 6, 9)[n % 3]
        project.event(f"2024-{month:02d}-{1 + n // 3:02d}-crowd-{n}.md", title=f"Crowded event {n}",
                      tags="[grain]" if n == 7 else "[talks]", location="Moscow")
    project.event("2024-all-year.md", title="Talks all through 2024", date="2024", tags="[talks]")
    yield from served_in_year_pages(project, month_pages_from=20)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_crowded_year_leads_to_its_months_pages(reader, crowded_site, shot, device, scheme):
    page = reader(device, scheme)
    page.goto(crowded_site.url("years/2024/"))
    months = page.locator("#timeline .month-apart a")
    assert months.all_text_contents() == ["March 2024", "June 2024", "September 2024"]  # shown in capitals
    assert page.locator("#timeline .month-count").all_inner_texts() == ["10 events"] * 3
    assert page.locator("#timeline li.event .event-title").all_inner_texts() == ["Talks all through 2024"]
    shot(page, f"crowded-year-{device}-{scheme}")
    assert axe_violations(page) == []
    months.nth(1).click()
    page.wait_for_url(crowded_site.url("years/2024/06/"))
    assert page.locator("#timeline li.event").count() == 10
    assert page.locator(".year-pager a").all_inner_texts() == ["← March 2024", "Continue with September 2024 →"]
    shot(page, f"crowded-month-{device}-{scheme}")
    assert axe_violations(page) == []
    # a search result's date leads to its entry on its month's page
    page.locator("#finder-q").fill("crowded")
    page.wait_for_function("document.querySelector('.finder-status').textContent === '30 events match'")
    page.locator("#finder-tag").focus()
    page.wait_for_function("document.querySelectorAll('#finder-tag option').length > 1")
    page.locator("#finder-tag").select_option("grain")
    page.wait_for_function("document.querySelector('.finder-status').textContent === '1 event matches'")
    date = page.locator("#results .event-date")
    assert date.get_attribute("href") == "/timeline/years/2024/06/#2024-06-03-crowd-7"
    date.click()
    page.wait_for_url(crowded_site.url("years/2024/06/#2024-06-03-crowd-7"))
    page.wait_for_function("!document.getElementById('timeline').hidden")
    assert page.locator("li.event:target .event-title").inner_text() == "Crowded event 7"
    assert page.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_axe_finds_no_violations(reader, seed_site, split_site, shot, device, scheme):
    page = reader(device, scheme)
    checked = {}
    for name, url in [("timeline", seed_site.url()), ("event", seed_site.url(f"{PUTIN}/")),
                      ("tag", seed_site.url("tags/north-korea/")), ("places", seed_site.url("locations/")),
                      ("year-page", split_site.url("years/2023/")),
                      ("filtered", seed_site.url("?tag=Russia&q=kremlin")), ("404", seed_site.url("no-such-page/"))]:
        page.goto(url)
        if name == "filtered":
            page.wait_for_selector("#results li.event")
        checked[name] = axe_violations(page)
    assert checked == {name: [] for name in checked}, json.dumps(checked, indent=1)


def test_filters_combine_with_counts_and_live_in_the_address(reader, split_site, shot):
    page = reader("desktop", "light")
    page.goto(split_site.url())
    finder = page.locator("#finder")
    assert finder.is_visible()
    tag = page.locator("#finder-tag")
    tag.focus()
    page.wait_for_function("document.querySelectorAll('#finder-tag option').length > 1")
    options = page.eval_on_selector_all("#finder-tag option", "os => os.map(o => o.textContent)")
    assert options == ["Any tag", "diplomacy (12)", "nato (12)", "trade (12)"]
    tag.select_option("trade")
    page.wait_for_selector("#results li.event")
    assert page.locator(".finder-status").inner_text() == "12 events match"
    assert parse_qs(urlsplit(page.url).query) == {"tag": ["trade"]}
    assert page.locator("#timeline").is_hidden()
    # the actor select counts only what the tag leaves
    page.locator("#finder-actor").focus()
    actor_options = page.eval_on_selector_all("#finder-actor option", "os => os.map(o => o.textContent)")
    assert actor_options == ["Any actor", "Kim Jong Un (6)", "Vladimir Putin (6)"]
    page.locator("#finder-actor").select_option("Kim Jong Un")
    page.wait_for_function("document.querySelector('.finder-status').textContent === '6 events match'")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"tag": ["trade"], "actor": ["Kim Jong Un"]}
    titles = page.locator("#results .event-title").all_inner_texts()
    assert len(titles) == 6 and all(t.startswith("Event ") for t in titles)
    shot(page, "finder-filtered-desktop-light")
    # a shared address opens the same view
    other = reader("phone", "dark")
    other.goto(page.url)
    other.wait_for_function("document.querySelector('.finder-status').textContent === '6 events match'")
    assert other.locator("#results li.event").count() == 6
    assert other.locator(".chip").all_inner_texts() == ["trade ×", "Kim Jong Un ×"]
    shot(other, "finder-filtered-phone-dark")
    # a result's date leads to its place on its year's page
    href = other.locator("#results .event-date").first.get_attribute("href")
    assert href.startswith("/timeline/years/") and "#20" in href
    # removing the filters brings the timeline back and empties the address
    page.locator(".finder-clear").click()
    page.wait_for_function("!document.getElementById('timeline').hidden")
    assert urlsplit(page.url).query == ""
    assert page.problems == [] and other.problems == []


def test_search_finds_words_in_descriptions_titles_and_places(reader, split_site, seed_site, shot):
    page = reader("desktop", "dark")
    page.goto(split_site.url("years/2024/"))
    box = page.locator("#finder-q")
    box.fill("fisheries")
    page.wait_for_function("document.querySelector('.finder-status').textContent === '3 events match'")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["fisheries"]}
    box.fill("grain pyong")  # every word, each also as the start of a longer one
    page.wait_for_function("[...document.querySelectorAll('#results .event-title')].every(e => /grain/.test(e.textContent))"
                           " && document.querySelectorAll('#results .event-title').length > 0")
    titles = page.locator("#results .event-title").all_inner_texts()
    places = page.locator("#results .event-place").all_inner_texts()
    assert titles and all("grain" in t for t in titles) and set(places) == {"Pyongyang"}
    box.fill("nosuchwordanywhere")
    page.wait_for_function("document.querySelector('.finder-status').textContent === 'No events match.'")
    box.press("Escape")
    page.wait_for_function("!document.getElementById('timeline').hidden")
    seed = reader("desktop", "light")
    seed.goto(seed_site.url("?q=Rutte"))
    seed.wait_for_selector("#results li.event")
    assert seed.locator("#results .event-title a").inner_text().startswith("NATO chief Mark Rutte")
    assert seed.locator("#results .event-title a").get_attribute("href") == seed_site.url(
        "2024-11-07-rutte-warns-russia-north-korea-ties-threaten-us/").split(":", 2)[2][seed_site.url().split(":", 2)[2].index("/"):]
    shot(seed, "finder-search-desktop-light")
    assert page.problems == [] and seed.problems == []


def test_result_tags_link_to_their_pages_whatever_the_tags_are_called(reader, tmp_path):
    project = Project(tmp_path / "project")
    project.event("2024-11-04-a.md", title="Talks on grain", tags="[__proto__, constructor, toString]")
    assert run_cli(["build", "--root", str(project.root)]).code == 0
    site = ServedSite(project.root, "/")
    try:
        page = reader()
        page.goto(site.url("?q=grain"))
        page.wait_for_selector("#results li.event .tags a")
        hrefs = page.eval_on_selector_all("#results .tags a", "links => links.map(a => a.getAttribute('href'))")
        # names an object has already (its prototype's) must not stand in for the tag's page
        assert hrefs == ["/tags/proto/", "/tags/constructor/", "/tags/tostring/"]
        assert all((project.root / "site" / href.strip("/") / "index.html").is_file() for href in hrefs)
        assert page.problems == []
    finally:
        site.close()


def test_keyboard_alone_reaches_and_operates_every_control(reader, split_site):
    page = reader("desktop", "light")
    page.goto(split_site.url())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "finder-q"
    page.keyboard.type("meeting")
    page.wait_for_selector("#results li.event")
    page.keyboard.press("Tab")  # the tag filter
    assert page.evaluate("document.activeElement.id") == "finder-tag"
    page.wait_for_function("document.querySelectorAll('#finder-tag option').length > 1")
    page.keyboard.press("ArrowDown")  # a closed select changes value with the arrows
    page.wait_for_selector(".chip")
    assert parse_qs(urlsplit(page.url).query)["tag"] == ["diplomacy"]
    # every control on the way has a visible focus ring, and Tab reaches the chip and "Clear all"
    seen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return [e.tagName, e.className, e.matches(':focus-visible') && s.outlineStyle === 'solid'
                    && parseFloat(s.outlineWidth) >= 2]; }"""))
    assert all(ok for _, _, ok in seen), seen
    classes = [cls for _, cls, _ in seen]
    assert "chip" in classes and "finder-clear" in classes, seen
    page.locator(".chip").focus()
    page.keyboard.press("Enter")  # removes the filter
    page.wait_for_function("document.querySelectorAll('.chip').length === 0")
    assert "tag" not in parse_qs(urlsplit(page.url).query)
    assert page.problems == []


def test_year_navigation_shows_where_you_are(reader, long_site, split_site, shot):
    page = reader("desktop", "light")
    page.goto(long_site.url("#y2005"))
    page.wait_for_function("document.querySelector('nav.years a[aria-current]') !== null")
    page.wait_for_timeout(200)
    assert page.locator("nav.years a[aria-current]").inner_text() == "2005"
    assert page.locator("nav.years a[aria-current]").is_visible()
    page.goto(split_site.url("years/2023/"))
    assert page.locator("nav.years a[aria-current=page]").inner_text() == "2023"
    page.locator("nav.year-pager a.next").click()
    page.wait_for_url(split_site.url("years/2024/"))
    assert page.locator("nav.years a[aria-current=page]").inner_text() == "2024"
    page.goto(split_site.url())
    page.locator("nav.overview a").nth(1).click()
    page.wait_for_url(split_site.url("years/2023/"))
    shot(page, "year-page-desktop-light")
    assert page.problems == []



PILL_IN_VIEW = """(selector) => {
    const nav = document.querySelector('nav.years'), pill = nav.querySelector(selector || 'a[aria-current]');
    const box = pill.getBoundingClientRect(), frame = pill.closest('ul').getBoundingClientRect();
    // inside the row, and clear of the fade over the navigation's right edge (to a pixel: it starts transparent)
    const fade = nav.getBoundingClientRect().right - parseFloat(getComputedStyle(nav, '::after').width);
    return {inView: box.left >= frame.left && box.right <= Math.min(frame.right, fade + 1), pageScrolled: scrollY};
}"""


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_year_page_scrolls_its_row_of_years_to_its_own_year(reader, many_years_site, shot, device):
    page = reader(device, "light")
    for year in ("1990", "2012", "2029"):
        page.goto(many_years_site.url(f"years/{year}/"))
        assert page.locator("nav.years a[aria-current=page]").inner_text() == year
        # the row scrolls; the page stays at its top
        assert page.evaluate(PILL_IN_VIEW) == {"inView": True, "pageScrolled": 0}, year
        if year == "2012":
            shot(page, f"year-row-scrolled-{device}")
    # opened at an event further down, the page goes there and the sticky row still shows the year
    page.goto(many_years_site.url("years/2012/#2012-09-01-harvest-2012"))
    state = page.evaluate(PILL_IN_VIEW)
    assert state["inView"] and state["pageScrolled"] > 0
    assert page.problems == []


FOLLOWING = """() => ({
    pills: [...document.querySelectorAll('nav.years a')].map(a => [a.getAttribute('aria-label') || a.textContent,
                                                                   a.getAttribute('aria-disabled'),
                                                                   a.getAttribute('tabindex')]),
    bars: [...document.querySelectorAll('nav.overview a')].map(a => [
        a.querySelector('.visually-hidden').textContent, a.querySelector('.bar').className,
        a.getAttribute('aria-disabled'), a.getAttribute('tabindex')]),
})"""


def test_a_search_brings_its_first_matching_year_into_the_row_and_unmarks_a_dimmed_current_one(
        reader, many_years_site, shot):
    page = reader("phone", "light")
    page.goto(many_years_site.url("?tag=drought"))
    page.wait_for_function("document.querySelector('nav.years a[data-year=\"1995\"]').hasAttribute('aria-label')")
    # 1995, the first year with a match, is six pills along: off a phone's row until it is scrolled
    assert page.evaluate(PILL_IN_VIEW, "a[data-year='1995']") == {"inView": True, "pageScrolled": 0}
    # the home page's own year (1990) has no match: dimmed like the others, not filled as current
    current = page.locator("nav.years a[aria-current]")
    assert current.inner_text() == "1990" and current.get_attribute("aria-disabled") == "true"
    assert current.evaluate("a => getComputedStyle(a).backgroundColor") == "rgba(0, 0, 0, 0)"
    shot(page, "years-follow-filter-phone")
    assert page.problems == []


def test_the_years_and_the_overview_follow_the_search(reader, many_years_site, shot):
    page = reader("desktop", "light")
    page.goto(many_years_site.url())
    unfiltered = page.evaluate(FOLLOWING)
    assert len(unfiltered["pills"]) == 40 and len(unfiltered["bars"]) == 8
    assert all(pill[1:] == [None, None] for pill in unfiltered["pills"])
    assert unfiltered["bars"][1] == ["1995–1999: 10 events", "bar d8", None, None]
    page.goto(many_years_site.url("?tag=drought"))
    page.wait_for_function("document.querySelector('nav.years a[data-year=\"2005\"]').hasAttribute('aria-label')")
    state = page.evaluate(FOLLOWING)
    matching = {"1995": "1995: 1 of 2 events matches", "2005": "2005: 1 of 2 events matches",
                "2006": "2006: 1 of 2 events matches"}
    for text, disabled, tabindex in state["pills"]:
        year = text[:4]
        if year in matching:
            assert (text, disabled, tabindex) == (matching[year], None, None)
        else:  # dimmed, said to have no match, and not a Tab stop
            assert (text, disabled, tabindex) == (f"{year}: 0 of 2 events match", "true", "-1")
    # the bars: heights from the matches (the highest is full), counts of matches, dimmed without any
    assert state["bars"] == [
        ["1990–1994: 0 of 10 events match", "bar d0", "true", "-1"],
        ["1995–1999: 1 of 10 events matches", "bar d4", None, None],
        ["2000–2004: 0 of 10 events match", "bar d0", "true", "-1"],
        ["2005–2009: 2 of 10 events match", "bar d8", None, None],
        ["2010–2014: 0 of 10 events match", "bar d0", "true", "-1"],
        ["2015–2019: 0 of 10 events match", "bar d0", "true", "-1"],
        ["2020–2024: 0 of 10 events match", "bar d0", "true", "-1"],
        ["2025–2029: 0 of 10 events match", "bar d0", "true", "-1"],
    ]
    assert page.get_by_role("link", name="2006: 1 of 2 events matches", exact=True).count() == 1
    assert page.get_by_role("link", name="2007: 0 of 2 events match", exact=True).is_disabled()
    shot(page, "years-follow-filter-desktop")
    # a matching year leads to its results, in place: the address keeps the filter
    page.locator("nav.years a[data-year='2006']").click()
    page.wait_for_function("document.activeElement.matches('#results section.year[data-year=\"2006\"] h2')")
    assert page.url == many_years_site.url("?tag=drought")
    assert page.locator("#results").is_visible() and page.locator("#timeline").is_hidden()
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") < 900
    # a dimmed year goes nowhere
    page.locator("nav.years a[data-year='2010']").click(force=True)
    page.wait_for_timeout(100)
    assert page.url == many_years_site.url("?tag=drought")
    assert page.locator("#results").is_visible()
    # a bar leads to the first of its years with matches
    page.locator("nav.overview a").nth(3).click()
    page.wait_for_function("document.activeElement.matches('#results section.year[data-year=\"2005\"] h2')")
    # a year beyond the first page of results: pages are loaded up to it
    page.goto(many_years_site.url("?tag=talks"))
    page.wait_for_function("document.querySelector('nav.years a[data-year=\"2029\"]').hasAttribute('aria-label')")
    assert page.locator("#results .event").count() == 50
    page.locator("nav.years a[data-year='2029']").click()
    page.wait_for_function("document.activeElement.matches('#results section.year[data-year=\"2029\"] h2')")
    assert page.locator("#results .event").count() == 100 - 28  # all of the 72 "talks"
    assert page.url == many_years_site.url("?tag=talks")
    page.screenshot(path=str(ARTIFACTS / "years-follow-jump-desktop.png"))  # the window: where the jump landed
    # clearing the filter gives everything back
    page.get_by_role("button", name="Clear all").click()
    page.wait_for_function("document.querySelector('#results').hidden")
    assert page.evaluate(FOLLOWING) == unfiltered
    page.locator("nav.years a[data-year='2029']").click()
    page.wait_for_url(many_years_site.url("years/2029/"))
    assert page.problems == []


def test_the_overview_redraws_its_bars_in_as_many_heights_as_the_page_says(reader, tmp_path, monkeypatch):
    """The script takes the number of heights from the page (DENSITY_LEVELS in Python), not from a number of its own."""
    monkeypatch.setattr(overview_strip, "DENSITY_LEVELS", 4)
    project = Project(tmp_path / "project")
    for month, events, grain in (("01", 4, 4), ("02", 2, 1), ("03", 3, 3)):
        for n in range(events):
            project.event(f"2024-{month}-0{n + 1}-event-{month}-{n}.md", title=f"Event {month} {n}",
                          tags="[grain]" if n < grain else "[talks]")
    assert run_cli(["build", "--root", str(project.root)]).code == 0
    site = ServedSite(project.root, "/")
    try:
        page = reader()
        page.goto(site.url())
        bars = "[...document.querySelectorAll('nav.overview .bar')].map(b => b.className)"
        assert page.locator("nav.overview").get_attribute("data-levels") == "4"
        assert page.evaluate(bars) == ["bar d4", "bar d2", "bar d3"]  # 4, 2 and 3 events: Python's heights
        page.goto(site.url("?tag=grain"))
        page.wait_for_function("document.querySelector('.bar-count').textContent === '4 of 4 events match'")
        assert page.evaluate(bars) == ["bar d4", "bar d1", "bar d3"]  # 4, 1 and 3 matches: ceil(n * 4 / 4)
        assert page.problems == []
    finally:
        site.close()


def test_copy_link_copies_the_event_address(reader, seed_site, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(seed_site.url(f"{PUTIN}/"))
        button = page.get_by_role("button", name="Copy link")
        assert button.is_visible()
        button.click()
        page.wait_for_function("document.querySelector('.copy-status').textContent === 'Link copied'")
        assert page.evaluate("navigator.clipboard.readText()") == seed_site.url(f"{PUTIN}/")
        assert page.locator("a.timeline-link").get_attribute("href") == f"/timeline/#{PUTIN}"
    finally:
        context.close()


def test_without_javascript_every_filter_is_a_page(browser, seed_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(seed_site.url())
        assert page.locator("#finder").is_hidden()
        assert page.locator("li.event").count() == 2
        page.locator(".browse a", has_text="tags").click()
        page.wait_for_url(seed_site.url("tags/"))
        page.get_by_role("link", name="Russia", exact=True).click()
        assert page.locator("li.event").count() == 2
    finally:
        context.close()


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_timeline_prints_as_a_dated_list(reader, seed_site, device, tmp_path):
    page = reader(device, "dark")
    page.goto(seed_site.url())
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.finder-row', '.finder-clear', 'nav.years', '.site-nav', '.browse']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert set(hidden) == {"none"}
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    assert page.locator("li.event .event-date").first.is_visible()
    if device == "desktop":
        page.pdf(path=str(tmp_path / "timeline.pdf"))  # prints without error
