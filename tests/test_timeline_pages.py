"""The reader's pages beyond one event: year pages of a long timeline, the overview, the search index,
metadata (JSON-LD, OpenGraph), and the site in another language."""

from __future__ import annotations

import json
import random
import re
import shutil

import pytest

from tests.conftest import REPO
from tests.test_incremental import random_event
from tests.test_render import (
    SEED_PUTIN,
    assert_links_resolve,
    build,
    check_page_structure,
    copy_seed_events,
    html_pages,
    page,
    set_config,
    timeline_ids,
)
from tests.test_site import tree_digest
from timeline.build.builder import Builder
from timeline.build.incremental import IncrementalBuilder
from timeline.model.fields import STATUSES
from timeline.render import overview as overview_strip
from timeline.render import search_index, site_index
from timeline.render.i18n import MESSAGES, Language, tokens
from timeline.render.search_index import bucket


@pytest.fixture
def small_split(monkeypatch):
    """Split the timeline into year pages from 6 events on, so small projects show it."""
    monkeypatch.setattr(site_index, "YEAR_PAGES_FROM", 6)


def years_project(project, years=(2021, 2022, 2023, 2024)):
    """Write two events in each year, one tagged by its year."""
    for year in years:
        project.event(f"{year}-03-01-spring-{year}.md", title=f"Spring {year}", tags=f"[y{year}]")
        project.event(f"{year}-09-01-autumn-{year}.md", title=f"Autumn {year}", actors="[Someone]")


# --- year pages ---------------------------------------------------------------------------------

def test_a_long_timeline_is_split_into_year_pages(project, small_split):
    years_project(project)
    build(project, "--base-url", "/timeline/")
    site = project.root / "site"
    assert sorted(p.name for p in (site / "years").iterdir()) == ["2021", "2022", "2023", "2024"]
    home = page(project)
    # the home page: the overview of every year, the years, and only the first year's events
    bars = home.find("nav", cls="overview").find_all("a")
    assert [a.attrs["href"] for a in bars] == [f"/timeline/years/{y}/" for y in (2021, 2022, 2023, 2024)]
    assert "2021: 2 events" in bars[0].text()
    assert timeline_ids(home) == ["2021-03-01-spring-2021", "2021-09-01-autumn-2021"]
    assert home.find("nav", cls="year-pager").find("a").attrs["href"] == "/timeline/years/2022/"
    year = page(project, "years/2023/index.html")
    assert timeline_ids(year) == ["2023-03-01-spring-2023", "2023-09-01-autumn-2023"]
    current = [a for a in year.find("nav", cls="years").find_all("a") if a.attrs.get("aria-current")]
    assert [(a.text(), a.attrs["aria-current"]) for a in current] == [("2023", "page")]
    assert [a.attrs["href"] for a in year.find("nav", cls="year-pager").find_all("a")] == [
        "/timeline/years/2022/", "/timeline/years/2024/"]
    assert year.find("title").text() == "2023 · Russia and North Korea: a timeline"
    # an event's page links to its place on its year's page
    event = page(project, "2022-09-01-autumn-2022/index.html")
    assert event.find("a", cls="timeline-link").attrs["href"] == "/timeline/years/2022/#2022-09-01-autumn-2022"
    crumbs = [a.attrs["href"] for a in event.find("nav", cls="breadcrumb").find_all("a")]
    assert crumbs == ["/timeline/", "/timeline/years/2022/", "/timeline/years/2022/#y2022-09"]
    pages = html_pages(site)
    assert_links_resolve(site, "/timeline/", pages)
    for path, doc in pages.items():
        check_page_structure(path, doc)
    meta = json.loads((site / "search" / "meta.json").read_text())
    assert meta["split"] is True and meta["count"] == 8
    # each year's first document number, and the year of every pill and bar, for the finder to count matches by year
    assert meta["years"] == [["2021", 0], ["2022", 2], ["2023", 4], ["2024", 6]]
    assert [a.attrs["data-year"] for a in home.find("nav", cls="years").find_all("a")] == ["2021", "2022", "2023", "2024"]
    assert [(a.attrs["data-years"], a.attrs["data-count"]) for a in bars] == [
        ("2021", "2"), ("2022", "2"), ("2023", "2"), ("2024", "2")]


def test_a_crowded_year_lists_its_months_each_on_a_page_of_its_own(project, small_split, monkeypatch):
    monkeypatch.setattr(site_index, "MONTH_PAGES_FROM", 4)
    years_project(project)
    for day in (5, 6):
        project.event(f"2024-03-{day:02d}-march-{day}.md", title=f"March {day}")
    project.event("2024-sometime.md", title="Some time in 2024", date="2024")
    build(project, "--base-url", "/timeline/")
    site = project.root / "site"
    assert sorted(p.name for p in (site / "years" / "2024").iterdir()) == ["03", "09", "index.html"]
    assert sorted(p.name for p in (site / "years" / "2023").iterdir()) == ["index.html"]  # 2 events: one page
    # the year's page: its own events, then its months, each a link with its count
    year = page(project, "years/2024/index.html")
    assert timeline_ids(year) == ["2024-sometime"]
    months = year.find_all("section", cls="month-apart")
    assert [(s.find("a").attrs["href"], s.find("a").text(), s.find("p").text()) for s in months] == [
        ("/timeline/years/2024/03/", "March 2024", "3 events"), ("/timeline/years/2024/09/", "September 2024", "1 event")]
    # a month's page: its events, the months around it, the year current in the years' row
    march = page(project, "years/2024/03/index.html")
    assert timeline_ids(march) == ["2024-03-01-spring-2024", "2024-03-05-march-5", "2024-03-06-march-6"]
    assert march.find("title").text() == "March 2024 · Russia and North Korea: a timeline"
    assert march.find("p", cls="count").text() == "March 2024: 3 events."
    assert [a.attrs["href"] for a in march.find("nav", cls="year-pager").find_all("a")] == ["/timeline/years/2024/09/"]
    current = [a for a in march.find("nav", cls="years").find_all("a") if a.attrs.get("aria-current")]
    assert [(a.text(), a.attrs["aria-current"]) for a in current] == [("2024", "true")]
    # an event's page links to its place on its month's page; one known only to the year, to its year's page
    event = page(project, "2024-03-05-march-5/index.html")
    assert event.find("a", cls="timeline-link").attrs["href"] == "/timeline/years/2024/03/#2024-03-05-march-5"
    crumbs = [a.attrs["href"] for a in event.find("nav", cls="breadcrumb").find_all("a")]
    assert crumbs == ["/timeline/", "/timeline/years/2024/", "/timeline/years/2024/03/"]
    sometime = page(project, "2024-sometime/index.html")
    assert sometime.find("a", cls="timeline-link").attrs["href"] == "/timeline/years/2024/#2024-sometime"
    assert json.loads((site / "search" / "meta.json").read_text())["months"] == ["2024"]
    pages = html_pages(site)
    assert_links_resolve(site, "/timeline/", pages)
    for path, doc in pages.items():
        check_page_structure(path, doc)


def test_the_search_index_numbers_each_year_from_its_first_document(project):
    project.event("bc0500-old.md", title="Old", date="-0500")
    years_project(project, years=(2023, 2024))
    project.event("2024-12-01-late.md", title="Late")
    build(project)
    meta = json.loads((project.root / "site" / "search" / "meta.json").read_text())
    assert meta["years"] == [["bc0500", 0], ["2023", 1], ["2024", 3]] and meta["count"] == 6


def test_a_short_timeline_is_one_page_with_a_monthly_overview(project):
    project.event("2024-01-10-a.md", title="A")
    project.event("2024-01-20-b.md", title="B")
    project.event("2024-03-05-c.md", title="C")
    build(project)
    home = page(project)
    assert not (project.root / "site" / "years").exists()
    overview = home.find("nav", cls="overview")
    assert overview.attrs["aria-label"] == "Events per month"
    items = overview.find_all("li")
    assert [li.text() for li in items] == ["January 2024: 2 events2024", "February 2024: 0 events",
                                           "March 2024: 1 event"]
    assert [a.attrs["href"] for a in overview.find_all("a")] == ["#y2024-01", "#y2024-03"]
    assert [span.attrs["class"] for span in overview.find_all("span", cls="bar")] == ["bar d8", "bar d0", "bar d4"]
    assert overview.attrs["data-levels"] == str(overview_strip.DENSITY_LEVELS) == "8"  # for the script to redraw them
    assert home.find("nav", cls="years").find("a").attrs["href"] == "#y2024"
    assert not home.find_all("nav", cls="year-pager")


def css_rules(text: str) -> list[tuple[str, dict[str, str]]]:
    """Return (selector, {property: value}) for every selector of every style rule, in at-rules too."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    rules, preludes, nested, start, quote = [], [], [False], 0, None
    for i, c in enumerate(text):
        if quote:
            quote = None if c == quote and text[i - 1] != "\\" else quote
        elif c in "\"'":
            quote = c
        elif c == "{":
            preludes.append(text[start:i].rsplit(";", 1)[-1].strip())  # after any @import ...; before it
            nested[-1] = True
            nested.append(False)
            start = i + 1
        elif c == "}":
            prelude, has_blocks = preludes.pop(), nested.pop()
            if not has_blocks and not prelude.startswith("@"):
                pairs = [d.split(":", 1) for d in re.findall(r"(?:[^;\"']|\"[^\"]*\"|'[^']*')+", text[start:i])]
                declarations = {name.strip(): value.strip() for name, value in (p for p in pairs if len(p) == 2)}
                rules += [(selector.strip(), declarations) for selector in prelude.split(",")]
            start = i + 1
    assert not preludes and not quote, "the stylesheet's braces or quotes do not balance"
    return rules


def test_css_rules_reads_selectors_in_at_rules_and_ignores_comments_and_strings():
    sheet = """@import url("a.css"); /* .bar.d9 { height: 1% } */
    .a, .b { height: 1px; content: "};{" }
    @media print { .c { color: red; } }"""
    assert css_rules(sheet) == [(".a", {"height": "1px", "content": '"};{"'}),
                                (".b", {"height": "1px", "content": '"};{"'}), (".c", {"color": "red"})]


def test_the_stylesheet_draws_every_density_level_and_no_other():
    """style.css cannot read DENSITY_LEVELS: it must define .bar.d0 (none) to .bar.dN (full), N = DENSITY_LEVELS."""
    levels = overview_strip.DENSITY_LEVELS
    heights: dict[int, list[str]] = {}
    for selector, declarations in css_rules((REPO / "templates" / "static" / "style.css").read_text()):
        for level in re.findall(r"\.bar\.d(\d+)\b|\.d(\d+)\.bar\b", selector):
            number = int(level[0] or level[1])
            heights.setdefault(number, [])
            if re.fullmatch(r"\.bar\.d\d+", selector) and "height" in declarations:
                heights[number].append(declarations["height"])
    assert sorted(heights) == list(range(levels + 1))
    # each level's height, in equal steps up to the full bar; none (d0) is a thin line
    assert heights == {0: ["2px"], **{n: [f"{n * 100 / levels:g}%"] for n in range(1, levels + 1)}}


@pytest.mark.parametrize("order", ["oldest-first", "newest-first"])
@pytest.mark.parametrize("seed", [4, 5])
@pytest.mark.parametrize("month_pages_from", [1000, 4])
def test_incremental_rebuilds_match_a_full_build_across_the_split(project, tmp_path, monkeypatch, order, seed,
                                                                   month_pages_from):
    """Random edits that split the timeline into year pages and join it again, and (4) give a year a page per
    month and take it away, each compared with a full build."""
    monkeypatch.setattr(site_index, "YEAR_PAGES_FROM", 10)
    monkeypatch.setattr(site_index, "MONTH_PAGES_FROM", month_pages_from)
    rng = random.Random(seed)
    set_config(project, order=order)
    files = {f"e{i}": random_event(rng, project, f"e{i}", rng.choice([2022, 2023, 2024])) for i in range(9)}
    builder = IncrementalBuilder(project.root)
    assert builder.update().errors == []
    for step in range(22):
        action = rng.choice(["add", "add", "remove", "edit", "move"])
        slug = rng.choice(sorted(files))
        if action == "add":
            slug = f"n{step}"
        elif action == "remove" and len(files) > 2:
            (project.root / "events" / files.pop(slug)).unlink()
            slug = None
        else:
            (project.root / "events" / files.pop(slug)).unlink()
        if slug:
            files[slug] = random_event(rng, project, slug, rng.choice([2021, 2022, 2023, 2024]))
        result = builder.update()
        assert result.errors == [], (step, result.errors)
        reference = tmp_path / f"reference-{step}"
        shutil.copytree(project.root, reference, ignore=shutil.ignore_patterns("site"))
        assert Builder(reference).build().errors == []
        assert tree_digest(project.root / "site") == tree_digest(reference / "site"), (step, action, len(files))
        shutil.rmtree(reference)


# --- the search index ---------------------------------------------------------------------------

def test_search_index_finds_words_of_titles_descriptions_actors_and_places(project):
    copy_seed_events(project)
    project.event("2024-11-10-zurich.md", title="Crème brûlée summit", location="Zürich",
                  actors="[Ærøskøbing Council]", body="The *delegates* agreed on fisheries.")
    build(project)
    search = project.root / "site" / "search"
    meta = json.loads((search / "meta.json").read_text())
    assert meta["count"] == 3 and meta["buckets"] == 1 and meta["order"] == "oldest-first"
    # the rows' columns are named once, in meta.json, in the order SEARCH_COLUMNS gives
    assert meta["columns"] == list(search_index.SEARCH_COLUMNS)
    docs = [dict(zip(meta["columns"], row, strict=True)) for row in json.loads((search / "docs-0.json").read_text())]
    assert [row["id"] for row in docs] == [SEED_PUTIN, "2024-11-07-rutte-warns-russia-north-korea-ties-threaten-us",
                                           "2024-11-10-zurich"]
    assert docs[2] == {
        "id": "2024-11-10-zurich", "title": "Crème brûlée summit", "date": "10 November 2024", "year": "2024",
        "year_label": "2024", "month": "y2024-11", "month_label": "November 2024", "place": "Zürich", "tags": [],
        "actors": ["Ærøskøbing Council"], "flags": "ds", "publishers": ["WION"],  # day precision, single source
        "span": "", "status": "", "status_label": "", "retraction": "", "superseded": "",  # reported: shown nowhere in a list
    }
    terms = json.loads((search / "terms-0.json").read_text())
    for word, number in [("creme", 2), ("brulee", 2), ("zurich", 2), ("delegates", 2), ("fisheries", 2),
                         ("aeroskobing", None), ("kremlin", 0), ("handshake", None), ("shaking", 0)]:
        folded = tokens(word)[0]
        if number is None:
            continue
        positions, total = [], 0
        for gap in terms[folded]:
            total += gap
            positions.append(total)
        assert number in positions, word
    facets = json.loads((search / "facets.json").read_text())
    assert [entry[:2] for entry in facets["location"]] == [
        ["Budapest, Hungary", "locations/budapest-hungary/"], ["Kremlin, Moscow, Russia", "locations/kremlin-moscow-russia/"],
        ["Zürich", "locations/zurich/"]]
    assert facets["tag"][[e[0] for e in facets["tag"]].index("North Korea")][2] == [0, 1]
    # every file the meta names carries the digest the browser will ask for
    import hashlib
    assert meta["terms"] == [hashlib.sha256((search / "terms-0.json").read_bytes()).hexdigest()[:10]]


def test_search_rows_give_a_range_its_span_and_mark_an_estimate_and_a_draft(project):
    """The script draws a range's span, an estimate's <abbr>c.</abbr> and a draft's badge, as the timeline does."""
    project.event("2024-03-04-summit.md", title="Summit", end="2024-03-06", approximate="true")
    project.event("2024-05-season.md", title="Season", date="2024-05", end="2024-08",
                  sources="\n  - title: A\n    publisher: AP\n    published: 2024-09-01"
                          "\n  - title: B\n    publisher: AP\n    published: 2024-09-02")
    project.event("2024-07-10-notes.md", title="Notes", draft="true", sources=None)
    project.event("2024-09-15-harvest.md", title="Harvest", approximate="true", display_date="c. mid-September")
    build(project, "--drafts")
    search = project.root / "site" / "search"
    columns = json.loads((search / "meta.json").read_text())["columns"]
    rows = [dict(zip(columns, row, strict=True)) for row in json.loads((search / "docs-0.json").read_text())]
    assert [(row["id"], row["date"], row["span"], row["flags"], row["publishers"]) for row in rows] == [
        ("2024-03-04-summit", "c. 4–6 March 2024", "3 days", "dacs", ["WION"]),  # "c": its text starts with c.
        ("2024-05-season", "May–August 2024", "4 months", "m", ["AP"]),
        ("2024-07-10-notes", "10 July 2024", "", "du", []),  # a draft, with no source yet
        ("2024-09-15-harvest", "c. mid-September", "", "das", ["WION"]),  # a display_date is shown as written
    ]


def test_the_script_reads_search_rows_by_column_name():
    """timeline.js finds a row's values as row[col.NAME] (col: meta.json's columns by name), never by place."""
    script = (REPO / "templates" / "static" / "timeline.js").read_text()
    assert re.findall(r"\brows?\[\s*\d", script) == []
    used = set(re.findall(r"\bcol\.(\w+)", script))
    assert used and used <= set(search_index.SEARCH_COLUMNS), used - set(search_index.SEARCH_COLUMNS)
    # that col comes from meta.json's columns: tests/browser/test_script_matches_python.py reverses them


def test_terms_are_folded_the_way_the_browser_folds_them():
    assert tokens("Crème BRÛLÉE, Zürich's 2024 — naïve") == ["creme", "brulee", "zurich", "s", "2024", "naive"]
    assert bucket("zurich", 7) == (ord("z") * 31 + ord("u")) % 7
    script = (REPO / "templates" / "static" / "timeline.js").read_text()
    assert 'normalize("NFKD").replace(/\\p{M}/gu, "").toLowerCase()' in script
    # the script's bucketOf() is run against bucket() in tests/browser/test_script_matches_python.py


# --- metadata -----------------------------------------------------------------------------------

def test_event_pages_carry_json_ld_open_graph_and_canonical_links(project):
    copy_seed_events(project)
    project.event("bc0044-03-15-ides.md", title="</script><script>alert(1)</script> & more", date="15 March 44 BC",
                  end="-0044-03-17", approximate="true")
    project.event("2024-11-month.md", title="Month", date="2024-11", location="Moscow", tags="[a, b]")
    build(project, "--base-url", "https://example.org/timeline/")
    doc = page(project, f"{SEED_PUTIN}/index.html")
    data = json.loads(doc.find("script", type="application/ld+json").children[0])
    assert data["@type"] == "Event" and data["startDate"] == "2024-11-04"
    assert data["location"] == {"@type": "Place", "name": "Kremlin, Moscow, Russia"}
    assert data["url"] == f"https://example.org/timeline/{SEED_PUTIN}/"
    assert data["subjectOf"][0]["publisher"]["name"] == "WION"
    assert data["subjectOf"][0]["datePublished"] == "2024-11-07"
    metas = {m.attrs.get("property") or m.attrs.get("name"): m.attrs.get("content") for m in doc.find_all("meta")}
    assert metas["og:type"] == "article" and metas["twitter:card"] == "summary" and metas["og:locale"] == "en"
    assert metas["og:url"] == f"https://example.org/timeline/{SEED_PUTIN}/"
    assert doc.find("link", rel="canonical").attrs["href"] == f"https://example.org/timeline/{SEED_PUTIN}/"
    month = json.loads(page(project, "2024-11-month/index.html").find("script", type="application/ld+json").children[0])
    assert month["startDate"] == "2024-11" and month["keywords"] == "a, b"
    raw = (project.root / "site" / "bc0044-03-15-ides" / "index.html").read_text()
    block = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and "&" not in block  # the title cannot close the element
    ides = json.loads(block)
    assert ides["name"].startswith("</script>") and ides["startDate"] == "-0043-03-15"  # 44 BC is year -43
    assert ides["endDate"] == "-0043-03-17"
    assert page(project).find("link", rel="icon").attrs["href"].startswith("/timeline/static/favicon.svg?v=")


# --- the site in another language ---------------------------------------------------------------

def test_a_french_site_reads_in_french(project):
    set_config(project, language="fr")
    copy_seed_events(project)
    project.event("bc0500-old.md", title="Ancien", date="-0500", approximate="true")
    project.event("2024-03-14-range.md", title="Trois jours", date="2024-03-14", end="2024-03-16")
    build(project)
    home = page(project)
    assert home.find("html").attrs["lang"] == "fr"
    assert home.find("a", cls="skip-link").text() == "Aller au contenu"
    assert home.find("h3", id="y2024-11").text() == "novembre 2024"
    assert home.find("h2", id="ybc0500").text() == "500 av. J.-C."
    assert home.find("li", id=SEED_PUTIN).find(cls="event-date").text() == "4 novembre 2024"
    assert home.find("li", id="bc0500-old").find(cls="event-date").text() == "v. 500 av. J.-C."
    assert home.find("li", id="2024-03-14-range").find(cls="event-date").text() == "14–16 mars 2024"
    assert home.find("li", id="2024-03-14-range").find(cls="event-span").text() == "3 jours"
    assert home.find("section", aria_labelledby="y2024").find(cls="year-count").text() == "3 événements"
    assert home.find(cls="count").text() == "4 événements, du plus ancien au plus récent."
    assert [a.text() for a in home.find("nav", cls="site-nav").find_all("a")] == ["Chronologie", "Thèmes", "Acteurs",
                                                                                 "Lieux", "Statut"]
    event = page(project, f"{SEED_PUTIN}/index.html")
    assert event.find("h2", id="sources-heading").text() == "Source"
    assert event.find(cls="single-source").text() == "Cet événement repose sur une seule source."
    assert event.find(cls="source-meta").find("time").text() == "7 novembre 2024"
    assert event.find("meta", property="og:locale").attrs["content"] == "fr"
    strings = json.loads(home.find(id="finder").attrs["data-strings"])
    assert strings["one"] == "{n} événement correspond" and strings["other"] == "{n} événements correspondent"


def test_ui_strings_given_no_values_are_translated_once_when_a_template_loads(project):
    set_config(project, language="fr")
    (project.root / "templates/probe.html").write_text(
        "{{ _('Timeline') }}|{{ _('Sources') if n > 1 else _('Source') }}|{{ _('Events tagged {value}.', value=v) }}|"
        "{{ _(word) }}|{{ lang._('x') if false else 'kept' }}\n", encoding="utf-8")
    renderer = project.renderer()
    rendered = renderer.env.get_template("probe.html").render(n=2, v="<b>", word="Tags")
    assert rendered == "Chronologie|Sources|Événements avec le thème &lt;b&gt;.|Thèmes|kept\n"
    code = renderer.env.compile(renderer.env.loader.get_source(renderer.env, "probe.html")[0], raw=True)
    assert code.count("context.call(") == 2  # the call with a value and the one with a variable; the literals are text
    assert "yield 'Chronologie|'" in code


def test_templates_see_the_globals_through_one_plain_dict(project):
    renderer = project.renderer()
    own = renderer.env.get_template("404.html", globals={"site": "overlaid"}).globals
    assert type(own) is dict  # Jinja2's ChainMap is walked in Python on every page and macro import
    assert own["site"] == "overlaid" and own["url"] == renderer.urls.url and renderer.env.globals["site"] is renderer.config


def test_a_template_cut_short_after_an_underscore_call_is_a_template_error(project):
    project.event()
    (project.root / "templates/event.html").write_text("{{ _('Timeline') }} {{ _(", encoding="utf-8")
    result = project.run("build")
    assert result.code == 1
    assert result.err == ("templates/event.html:1: template: unexpected 'end of template'\n"
                          "Build stopped: a template has an error; site/ was not changed.\n")


@pytest.mark.parametrize("definition", ["{% macro _(text) %}[{{ text }}]{% endmacro %}", "{% set _ = '[{}]'.format %}"])
def test_a_template_that_defines_its_own_underscore_keeps_it(project, definition):
    (project.root / "templates/probe.html").write_text(definition + "{{ _('Timeline') }}\n")
    renderer = project.renderer()
    assert renderer.env.get_template("probe.html").render() == "[Timeline]\n"


def test_every_ui_string_in_the_templates_has_a_french_translation():
    used = set()
    for template in (REPO / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"""_\('([^']+)'""", text))
        used |= set(re.findall(r"""ngettext\('([^']+)'""", text))
        used |= set(re.findall(r"""plural_template\('([^']+)'""", text))
        used |= {s for group in re.findall(r"""_\(\{([^}]+)\}\[""", text) for s in re.findall(r"'([^']+)': '([^']+)'", group) for s in s[1:]}
    used |= {"Tags", "Actors", "Places", "tag", "actor", "place", "tags", "actors", "places", "{n} tags", "{n} actors",
             "{n} places", "Status", "status", "statuses", "{n} statuses"}
    used |= {status.capitalize() for status in STATUSES} | set(STATUSES.values())  # status_label, the meanings
    missing = sorted(s for s in used if s not in MESSAGES["fr"] and not s.endswith(" "))
    assert missing == [], missing


def test_dates_follow_any_language_babel_knows():
    german = Language("de")
    from timeline.model.dates import parse_date

    assert german.format_date(parse_date("2024-11-04")) == "4. November 2024"
    assert german.format_date(parse_date("2024-11")) == "November 2024"
    assert german.format_range(parse_date("2024-11-04"), parse_date("2024-11-06")) == "4. November 2024 – 6. November 2024"
    assert Language("pt-BR").format_date(parse_date("2024-11-04")) == "4 de novembro de 2024"
    assert Language("en").format_range(parse_date("2024-11-04"), parse_date("2024-11-06"), True) == "c. 4–6 November 2024"
    assert Language("xx").format_date(parse_date("2024-11-04")) == "November 4, 2024"  # unknown: Babel's English
