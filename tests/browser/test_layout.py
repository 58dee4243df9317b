"""How contributed text is laid out in a real browser: right-to-left scripts among left-to-right ones,
printing (in either colour scheme, filtered or not), and wide tables on a phone.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import ServedSite
from tests.conftest import Project, run_cli

ARABIC = "2024-11-05-arabic-meeting"
ENGLISH = "2024-11-04-english-meeting"
ARABIC_EVENT = """---
title: "وزير الخارجية يلتقي نظيره في موسكو (NATO) اليوم"
date: 2024-11-05
actors:
  - سيرغي لافروف
  - Choe Son Hui
location: موسكو، روسيا
tags:
  - دبلوماسية
  - Russia
sources:
  - title: "تقرير عن اللقاء 2024"
    publisher: الجزيرة
    published: 2024-11-05
    quote: "قال الوزير إن العلاقات (NATO) قوية."
---
التقى وزير الخارجية الروسي بنظيرته الكورية الشمالية في موسكو، وناقشا التعاون مع NATO.

- عنصر أول (A1)
- عنصر ثاني

An English paragraph that mentions الجزيرة in passing.

| البلد | العاصمة |
|---|---|
| روسيا | موسكو |
"""
ENGLISH_BODY = """Something happened.

```
""" + " ".join(["the_minutes_of_the_meeting_read_in_full"] * 12) + """
```

| """ + " | ".join(f"column {n}" for n in range(12)) + """ |
|""" + "---|" * 12 + """
| """ + " | ".join(f"longcellcontent{n}" for n in range(12)) + """ |

| Date | Who | What was said | Where it was reported |
|---|---|---|---|
| 4 November 2024 | The foreign ministers of both countries | They agreed to meet again before the end of the year | In a statement read on state television that evening |
"""


@pytest.fixture(scope="module")
def bidi_site(tmp_path_factory):
    """Return a site of one event in Arabic and one in English, served under /timeline/."""
    project = Project(tmp_path_factory.mktemp("browser-bidi") / "project")
    project.write(f"{ARABIC}.md", ARABIC_EVENT, dedent=False)
    project.event(f"{ENGLISH}.md", title="Lavrov meets Choe Son Hui", tags="[Russia]", location="Moscow",
                  actors="[Sergei Lavrov]", body=ENGLISH_BODY)
    result = run_cli(["build", "--root", str(project.root), "--base-url", "/timeline/"])
    assert result.code == 0, result.err
    site = ServedSite(project.root, "/timeline/")
    yield site
    site.close()


@pytest.fixture
def desktop(browser):
    """Return a desktop page in the light scheme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    yield context.new_page()
    context.close()


def directions(page, selector: str) -> list[str]:
    """Return the direction ('ltr' or 'rtl') the browser lays out each element matching selector in."""
    return page.eval_on_selector_all(selector, "els => els.map(el => getComputedStyle(el).direction)")


def isolated(page, selector: str) -> list[bool]:
    """Return whether each element matching selector is isolated from the text around it (dir or <bdi>)."""
    return page.eval_on_selector_all(
        selector, "els => els.map(el => ['isolate', 'plaintext'].includes(getComputedStyle(el).unicodeBidi))")


def test_right_to_left_text_is_laid_out_right_to_left_among_left_to_right(bidi_site, desktop, shot):
    page = desktop
    page.goto(bidi_site.url(f"{ARABIC}/"))
    assert directions(page, "h1") == ["rtl"]
    assert directions(page, ".facts a[href*='locations/'], .facts a[href*='actors/']") == ["rtl", "rtl", "ltr"]
    assert directions(page, ".facts .tags a") == ["rtl", "ltr"]
    # the description's Arabic paragraph, list and table read right to left; its English paragraph does not
    assert directions(page, ".description > :is(p, ul, table)") == ["rtl", "rtl", "ltr", "rtl"]
    # a publisher, a source's title and its quote keep their own direction inside the interface's text
    assert directions(page, ".source .publisher, .source cite, .source blockquote p") == ["rtl"] * 3
    assert isolated(page, ".source .publisher, .facts .jump bdi") == [True, True]
    shot(page, "bidi-event-desktop")

    page.goto(bidi_site.url())
    assert directions(page, f"li[id='{ARABIC}'] :is(.event-title, .event-place)") == ["rtl", "rtl"]
    assert directions(page, f"li[id='{ENGLISH}'] :is(.event-title, .event-place)") == ["ltr", "ltr"]
    assert directions(page, f"li[id='{ARABIC}'] .tags a") == ["rtl", "ltr"]
    assert isolated(page, f"li[id='{ARABIC}'] .event-sources bdi") == [True]
    shot(page, "bidi-timeline-desktop")

    page.goto(bidi_site.url("tags/"))
    assert sorted(directions(page, ".facet-list a")) == ["ltr", "rtl"]
    page.goto(bidi_site.url("actors/"))
    assert sorted(directions(page, ".facet-list a")) == ["ltr", "ltr", "rtl"]

    # search results and the filter's chip, drawn by the script, do the same
    page.goto(bidi_site.url("?tag=" + "دبلوماسية"))
    page.wait_for_selector("#results li.event")
    assert directions(page, "#results :is(.event-title, .event-place)") == ["rtl", "rtl"]
    assert directions(page, "#results .tags a") == ["rtl", "ltr"]
    assert isolated(page, "#results .event-sources bdi") == [True]
    assert directions(page, ".chip bdi") == ["rtl"]
    shot(page, "bidi-search-desktop")


def luminance(rgb: str) -> float:
    """Return the relative luminance (WCAG) of a CSS rgb()/rgba() color."""
    import re

    channels = [int(n) / 255 for n in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """Return the WCAG contrast ratio of two CSS colors."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


PRINTED_TEXT = ("h1, .event-when, .facts dt, .facts a, .description p, .source-meta, .publisher, .source-title, "
                ".source blockquote p, .single-source, .site-title")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printing_gives_dark_text_on_white_paper_in_either_color_scheme(browser, bidi_site, shot, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        for path in (f"{ENGLISH}/", ""):
            page.goto(bidi_site.url(path))
            page.emulate_media(media="print")
            assert luminance(page.evaluate("getComputedStyle(document.body).backgroundColor")) > 0.9
            colors = page.eval_on_selector_all(
                PRINTED_TEXT if path else "h1, .event-title a, .event-date, .event-place, .event-sources, .year-head h2",
                "els => els.filter(el => el.getClientRects().length)"
                "          .map(el => [el.className || el.tagName, getComputedStyle(el).color])")
            assert len(colors) >= 6
            faint = [(name, color) for name, color in colors if contrast(color, "rgb(255, 255, 255)") < 7]
            assert faint == [], f"printed text too faint on white ({scheme} scheme): {faint}"
            shot(page, f"print-{scheme}-{path.strip('/') or 'timeline'}")
    finally:
        context.close()


def visible(page, selector: str) -> list[str]:
    """Return the text of each element matching selector that is laid out (not display: none)."""
    return page.eval_on_selector_all(selector, "els => els.filter(el => el.getClientRects().length)"
                                               "          .map(el => el.innerText.trim())")


def test_printing_a_filtered_timeline_prints_what_the_reader_sees(browser, bidi_site, shot):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(bidi_site.url("?tag=Russia&q=lavrov"))
        page.wait_for_selector("#results li.event")
        page.emulate_media(media="print")
        assert visible(page, "li.event .event-title") == ["Lavrov meets Choe Son Hui"]
        assert visible(page, ".finder-status") == ["1 event matches"]
        assert visible(page, ".chip") == ["Russia"]  # the filters, without their "×"
        assert visible(page, ".finder input, .finder select, .finder-clear, .finder label") == []
        shot(page, "print-filtered")
        # without a filter, the whole timeline, and nothing of the finder
        page.goto(bidi_site.url())
        page.emulate_media(media="print")
        assert len(visible(page, "li.event .event-title")) == 2
        assert visible(page, ".finder") == [""]
        assert page.locator(".finder").bounding_box()["height"] < 2
    finally:
        context.close()


def test_printing_an_event_page_wraps_code_and_tables_and_leaves_out_the_tags_label(browser, bidi_site, shot):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(bidi_site.url(f"{ENGLISH}/"))
        assert "Tags" in visible(page, ".facts dt")  # on screen, with its tags
        page.emulate_media(media="print")
        assert visible(page, ".facts .tags a") == []  # tags are left out of print...
        assert "Tags" not in visible(page, ".facts dt")  # ...and so is their label
        for selector in (".description pre", ".description table"):
            width, shown = page.evaluate(f"(() => {{ const el = document.querySelector('{selector}'); "
                                         "return [el.scrollWidth, el.clientWidth]; })()")
            assert width <= shown, f"{selector} is cut off in print: {width} px wide in {shown} px"
        code = page.locator(".description pre").bounding_box()
        assert code["height"] > 40  # wrapped onto several lines
        shot(page, "print-event-code-table")
    finally:
        context.close()


def test_a_draft_without_sources_says_so_in_search_results(browser, tmp_path):
    project = Project(tmp_path / "project")
    project.write("2024-11-05-unsourced.md", "---\ntitle: Unsourced talks\ndate: 2024-11-05\ndraft: true\n---\nSoon.\n")
    project.event("2024-11-04-sourced.md", title="Sourced talks")
    result = run_cli(["build", "--root", str(project.root), "--drafts"])
    assert result.code == 0, result.err
    site = ServedSite(project.root, "/")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site.url("?q=talks"))
        page.wait_for_selector("#results li.event")
        assert page.locator("#results .event-sources").all_inner_texts() == [
            "Source: WION · single source", "No sources yet"]
    finally:
        context.close()
        site.close()


def test_a_table_of_sentences_scrolls_on_a_phone_instead_of_squashing_its_columns(browser, bidi_site, shot):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        page.goto(bidi_site.url(f"{ENGLISH}/"))
        table = page.locator(".description table").nth(1)
        widths = table.locator("td").evaluate_all("tds => tds.map(td => td.getBoundingClientRect().width)")
        em = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.description')).fontSize)")
        assert min(widths) >= 7 * em - 1, f"columns squashed to {[round(w) for w in widths]} px"
        scroll, shown = table.evaluate("t => [t.scrollWidth, t.clientWidth]")
        assert scroll > shown  # it scrolls sideways in its own box...
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1]  # ...and the page does not
        table.scroll_into_view_if_needed()
        shot(page, "table-phone")
    finally:
        context.close()


def test_clear_all_lines_up_with_the_search_box_when_there_are_no_chips(browser, bidi_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(bidi_site.url("?q=lavrov"))
        page.wait_for_selector("#results li.event")
        clear = page.locator(".finder-clear").bounding_box()
        search = page.locator("#finder-q").bounding_box()
        assert abs(clear["x"] - search["x"]) <= 1, f"Clear all at {clear['x']} px, the search box at {search['x']} px"
        page.goto(bidi_site.url("?tag=Russia"))
        page.wait_for_selector(".chip")
        chip = page.locator(".chip").bounding_box()
        assert abs(chip["x"] - search["x"]) <= 1
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_overview_bars_stand_out_from_the_page_at_three_to_one(browser, tmp_path, scheme):
    project = Project(tmp_path / "project")
    for year in (2020, 2022, 2024):
        project.event(f"{year}-06-01-e.md", title=f"Event {year}")
    assert run_cli(["build", "--root", str(project.root)]).code == 0
    site = ServedSite(project.root, "/")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site.url())
        bar, page_bg, opacity = page.evaluate("""() => {
            const bar = document.querySelector('.overview a .bar'), style = getComputedStyle(bar);
            return [style.backgroundColor, getComputedStyle(document.body).backgroundColor, parseFloat(style.opacity)];
        }""")
        import re
        fg = [int(n) for n in re.findall(r"\d+", bar)[:3]]
        bg = [int(n) for n in re.findall(r"\d+", page_bg)[:3]]
        seen = "rgb({}, {}, {})".format(*(round(opacity * f + (1 - opacity) * b) for f, b in zip(fg, bg, strict=True)))
        assert contrast(seen, page_bg) >= 3, f"a bar ({seen}) against the page ({page_bg}): {contrast(seen, page_bg):.2f}:1"
    finally:
        context.close()
        site.close()
