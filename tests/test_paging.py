"""Long lists split into pages (issue 22): the pages' addresses and navigation, the sitemap, a thread's time between
events across pages, the links check, and the preview remaking exactly the pages a change alters."""

from __future__ import annotations

import random
import re
import shutil

import pytest

from tests.test_incremental import random_event
from tests.test_site import tree_digest
from timeline.build.builder import Builder
from timeline.build.incremental import IncrementalBuilder
from timeline.build.links import check_links
from timeline.render import paging
from timeline.render.pages import SiteRenderer
from timeline.render.paging import Paging, page_count, page_path, page_paths

SIZE = 3  # the page size these tests build with: a handful of events make several pages


@pytest.fixture
def small_pages(monkeypatch):
    """Split lists into pages of SIZE events."""
    monkeypatch.setattr(paging, "PAGE_SIZE", SIZE)


def tagged(project, count: int, tag: str = "diplomacy", first_day: int = 1) -> list[str]:
    """Write count events with tag, a day apart in November 2024; return their ids, oldest first."""
    ids = []
    for day in range(first_day, first_day + count):
        name = f"2024-11-{day:02d}-event-{day}.md"
        project.event(name, title=f"Event {day}", tags=f"[{tag}]")
        ids.append(name[:-3])
    return ids


def events_on(project, path: str) -> list[str]:
    """Return the ids of the entries a built page lists, in order."""
    return re.findall(r'<h\d class="event-title" dir="auto"><a href="[^"]*?([^/"]+)/">', project.site(path))


def pager(project, path: str) -> list[tuple[str, str]]:
    """Return (address, aria-current or its rel) of every link in a page's list of pages, in order."""
    html = project.site(path)
    if '<nav class="pager"' not in html:
        return []
    nav = html[html.index('<nav class="pager"'):]
    nav = nav[: nav.index("</nav>")]
    return [(href, rel or current) for href, rel, current in
            re.findall(r'<a (?:class="\w+" )?href="([^"]+)"(?: aria-label="[^"]+")?(?: rel="(\w+)")?'
                       r'(?: aria-current="(\w+)")?', nav)]


def test_page_size_count_and_addresses():
    assert paging.PAGE_SIZE == 100
    assert [page_count(n) for n in (0, 1, 100, 101, 200, 201)] == [1, 1, 1, 2, 2, 3]
    assert page_path("tags/diplomacy/", 1) == "tags/diplomacy/"
    assert page_path("tags/diplomacy/", 2) == "tags/diplomacy/page/2/"
    assert page_paths("threads/a-story/", 201) == ["threads/a-story/", "threads/a-story/page/2/",
                                                   "threads/a-story/page/3/"]


@pytest.mark.parametrize(("number", "count", "numbers"), [
    (1, 1, [1]),
    (1, 2, [1, 2]),
    (1, 7, [1, 2, 3, None, 7]),
    (2, 7, [1, 2, 3, 4, None, 7]),
    (4, 7, [1, 2, 3, 4, 5, 6, 7]),  # a run of one page left out is shown: it takes the ellipsis's room
    (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),
    (10, 10, [1, None, 8, 9, 10]),
    (50, 100, [1, None, 48, 49, 50, 51, 52, None, 100]),
])
def test_the_page_list_is_compact(number, count, numbers):
    assert Paging("tags/x/", number, count).numbers() == numbers


def test_a_long_list_is_split_into_pages_with_stable_addresses_and_navigation(project, small_pages):
    config = project.root / "timeline.toml"
    config.write_text(config.read_text().replace('url = ""', 'url = "https://example.org/t"')
                      .replace('base_path = "/"', 'base_path = "/t/"'))
    ids = tagged(project, 8)
    tagged(project, 1, tag="trade", first_day=20)
    assert Builder(project.root).build().errors == []
    site = project.root / "site"
    assert sorted(p.relative_to(site / "tags" / "diplomacy").as_posix() for p in (site / "tags" / "diplomacy").rglob("*.html")) == [
        "index.html", "page/2/index.html", "page/3/index.html"]
    assert events_on(project, "tags/diplomacy/index.html") == ids[:3]
    assert events_on(project, "tags/diplomacy/page/2/index.html") == ids[3:6]
    assert events_on(project, "tags/diplomacy/page/3/index.html") == ids[6:]
    assert pager(project, "tags/diplomacy/index.html") == [
        ("/t/tags/diplomacy/", "page"), ("/t/tags/diplomacy/page/2/", ""), ("/t/tags/diplomacy/page/3/", ""),
        ("/t/tags/diplomacy/page/2/", "next")]
    assert pager(project, "tags/diplomacy/page/2/index.html") == [
        ("/t/tags/diplomacy/", "prev"), ("/t/tags/diplomacy/", ""), ("/t/tags/diplomacy/page/2/", "page"),
        ("/t/tags/diplomacy/page/3/", ""), ("/t/tags/diplomacy/page/3/", "next")]
    second = project.site("tags/diplomacy/page/2/index.html")
    assert '<nav class="pager" aria-label="Pages of this list">' in second
    assert '<a href="/t/tags/diplomacy/page/2/" aria-label="Page 2" aria-current="page">2</a>' in second
    assert "<title>diplomacy · Page 2 · Tags · " in second
    assert '<p class="count">Events tagged diplomacy, oldest first. Page 2 of 3.</p>' in second
    assert '<p class="count">8 events tagged diplomacy, oldest first. Page 1 of 3.</p>' in project.site(
        "tags/diplomacy/index.html")
    assert '<link rel="canonical" href="https://example.org/t/tags/diplomacy/page/2/">' in second
    assert '<link rel="prev" href="/t/tags/diplomacy/">' in second
    assert '<link rel="next" href="/t/tags/diplomacy/page/3/">' in second
    assert "<title>diplomacy · Tags · " in project.site("tags/diplomacy/index.html")
    # a list that fits on one page has no page list, and no word of pages
    trade = project.site("tags/trade/index.html")
    assert "pager" not in trade and "Page " not in trade and 'rel="next"' not in trade
    sitemap = project.site("sitemap.xml")
    for path in ("tags/diplomacy/", "tags/diplomacy/page/2/", "tags/diplomacy/page/3/"):
        assert f"<loc>https://example.org/t/{path}</loc>" in sitemap
    assert "tags/diplomacy/page/4/" not in sitemap
    count, broken = check_links(site, "/t/")
    assert broken == [] and count > 0


def test_a_newest_first_list_pages_from_the_newest(project, small_pages):
    config = project.root / "timeline.toml"
    config.write_text(config.read_text().replace('order = "oldest-first"', 'order = "newest-first"'))
    ids = tagged(project, 5)
    assert Builder(project.root).build().errors == []
    assert events_on(project, "tags/diplomacy/index.html") == ids[::-1][:3]
    assert events_on(project, "tags/diplomacy/page/2/index.html") == ids[::-1][3:]
    assert "5 events tagged diplomacy, newest first. Page 1 of 2." in project.site("tags/diplomacy/index.html")


def test_a_threads_later_page_starts_with_the_time_since_the_last_event_of_the_page_before(project, small_pages):
    for day in (1, 2, 4, 8):
        project.event(f"2024-11-{day:02d}-step-{day}.md", title=f"Step {day}", thread="A story")
    assert Builder(project.root).build().errors == []
    first, second = project.site("threads/a-story/index.html"), project.site("threads/a-story/page/2/index.html")
    assert re.findall(r'<li class="thread-gap">([^<]+)</li>', first) == ["1 day later", "2 days later"]
    # page 2 reads on from step 4, the last event of page 1: 4 November to 8 November
    assert re.findall(r'<li class="thread-gap">([^<]+)</li>', second) == ["4 days later"]
    assert second.index('class="thread-gap"') < second.index('/2024-11-08-step-8/"')


def test_the_new_strings_are_french_on_a_french_site(project, small_pages):
    config = project.root / "timeline.toml"
    config.write_text(config.read_text().replace('language = "en"', 'language = "fr"'))
    tagged(project, 4)
    assert Builder(project.root).build().errors == []
    second = project.site("tags/diplomacy/page/2/index.html")
    for text in ('aria-label="Pages de cette liste"', "Événements avec le thème diplomacy", "Page 2 sur 2.",
                 "← Page précédente", 'aria-label="Page 1"'):
        assert text in second
    assert "Page suivante →" in project.site("tags/diplomacy/index.html")


def is_list(path: str) -> bool:
    """Return whether a site path is a page of a tag's or a thread's list (not the list of tags)."""
    return path.startswith(("tags/", "threads/")) and path.count("/") > 1


class Remade:
    """Records the list pages each plan_changes remakes and the site paths it removes."""

    def __init__(self, monkeypatch):
        self.pages: list[str] = []
        self.removed: list[str] = []
        plan_changes = SiteRenderer.plan_changes

        def recording(renderer, replaced):
            pages, removed = plan_changes(renderer, replaced)
            self.pages = sorted(page.path for page in pages if is_list(page.path))
            self.removed = sorted(path for path in removed if is_list(path))
            return pages, removed

        monkeypatch.setattr(SiteRenderer, "plan_changes", recording)


def test_the_preview_remakes_exactly_the_pages_a_change_alters(project, small_pages, monkeypatch, tmp_path):
    remade = Remade(monkeypatch)
    ids = tagged(project, 8)  # pages: days 1-3, 4-6, 7-8
    builder = IncrementalBuilder(project.root)
    assert builder.update().errors == []
    events = project.root / "events"
    d = "tags/diplomacy/"

    def update() -> None:
        """Update the preview and check that site/ is the one a full build makes, byte for byte."""
        assert builder.update().errors == []
        reference = tmp_path / "reference"
        shutil.copytree(project.root, reference, ignore=shutil.ignore_patterns("site", ".timeline-cache"))
        assert Builder(reference).build().errors == []
        assert tree_digest(project.root / "site") == tree_digest(reference / "site")
        shutil.rmtree(reference)

    # an edit of the title of an event on page 3: that page only
    project.event(f"{ids[6]}.md", title="Event 7, retitled", tags="[diplomacy]")
    update()
    assert (remade.pages, remade.removed) == ([f"{d}page/3/index.html"], [])
    # a move from page 3 to page 1, the count unchanged: page 1 to 3 shift (days 1-3 becomes 0, 1, 2)
    (events / f"{ids[6]}.md").unlink()
    project.event("2024-10-31-event-7.md", title="Event 7", tags="[diplomacy]")
    update()
    assert (remade.pages, remade.removed) == ([f"{d}index.html", f"{d}page/2/index.html", f"{d}page/3/index.html"], [])
    # an event added at the end: the last page, and the first, which says the list's count
    tagged(project, 1, first_day=20)
    update()
    assert (remade.pages, remade.removed) == ([f"{d}index.html", f"{d}page/3/index.html"], [])
    # one more makes a fourth page: every page says "Page n of 4"
    tagged(project, 1, first_day=21)
    update()
    assert remade.pages == [f"{d}index.html"] + [f"{d}page/{n}/index.html" for n in (2, 3, 4)]
    assert remade.removed == []
    # an event added on page 3 (of 31 October and 1-2 November, 3-5, 6 and 8 and 20, 21): pages 3 and 4 shift,
    # page 2 stays as it was, page 1 says the new count
    tagged(project, 1, first_day=7)
    update()
    assert remade.pages == [f"{d}index.html", f"{d}page/3/index.html", f"{d}page/4/index.html"]
    assert events_on(project, f"{d}page/3/index.html") == ["2024-11-06-event-6", "2024-11-07-event-7",
                                                           "2024-11-08-event-8"]
    (events / "2024-11-07-event-7.md").unlink()
    update()
    assert remade.pages == [f"{d}index.html", f"{d}page/3/index.html", f"{d}page/4/index.html"]
    # removing events: pages the list no longer has are removed
    for name in (f"{ids[0]}.md", f"{ids[1]}.md", "2024-11-20-event-20.md", "2024-11-21-event-21.md"):
        (events / name).unlink()
    update()
    assert remade.pages == [f"{d}index.html", f"{d}page/2/index.html"]
    assert remade.removed == [f"{d}page/3/index.html", f"{d}page/4/index.html"]
    assert not (project.root / "site" / d / "page" / "3").exists()
    # the tag taken off every event: all its pages go
    for path in sorted(events.glob("*.md")):
        path.write_text(path.read_text().replace("tags: [diplomacy]", "tags: [trade]"))
    update()
    assert {f"{d}index.html", f"{d}page/2/index.html"} <= set(remade.removed)
    assert not (project.root / "site" / "tags" / "diplomacy").exists()


def test_a_threads_second_page_follows_an_edit_of_the_last_date_of_its_first(project, small_pages, monkeypatch):
    remade = Remade(monkeypatch)
    for day in (1, 2, 4, 8):
        project.event(f"2024-11-{day:02d}-step-{day}.md", title=f"Step {day}", thread="A story")
    builder = IncrementalBuilder(project.root)
    assert builder.update().errors == []
    # step 4 keeps its place but changes: page 1 shows its entry, and page 2 counts its first gap from it
    project.event("2024-11-04-step-4.md", title="Step four", thread="A story")
    assert builder.update().errors == []
    assert remade.pages == ["threads/a-story/index.html", "threads/a-story/page/2/index.html"]


@pytest.mark.parametrize("order", ["oldest-first", "newest-first"])
@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_of_paginated_lists_rebuilt_incrementally_match_a_full_build(
        project, tmp_path, monkeypatch, order, seed):
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    rng = random.Random(seed)
    config = project.root / "timeline.toml"
    config.write_text(config.read_text().replace('order = "oldest-first"', f'order = "{order}"'))
    files = {f"e{i}": random_event(rng, project, f"e{i}") for i in range(12)}
    builder = IncrementalBuilder(project.root)
    assert builder.update().errors == []
    for step in range(20):
        action = rng.choice(["edit", "add", "add", "remove", "remove", "move"])
        slug = rng.choice(sorted(files))
        if action == "add":
            slug = f"n{step}"
        elif action == "remove" and len(files) > 2:
            (project.root / "events" / files.pop(slug)).unlink()
            slug = None
        else:
            (project.root / "events" / files.pop(slug)).unlink()
        if slug:
            files[slug] = random_event(rng, project, slug, 2023 if action == "move" else 2024)
        assert builder.update().errors == [], step
        reference = tmp_path / f"reference-{step}"
        shutil.copytree(project.root, reference, ignore=shutil.ignore_patterns("site", ".timeline-cache"))
        assert Builder(reference).build().errors == []
        assert tree_digest(project.root / "site") == tree_digest(reference / "site"), (step, action)
        shutil.rmtree(reference)
