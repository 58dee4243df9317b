"""What static/timeline.js and the Python build must agree on, run in the real browser: the bucket a
search term's postings are in, and an event's entry (the script draws search results as the
templates draw the timeline)."""

from __future__ import annotations

import difflib
import json
import random

import pytest

from tests.browser.conftest import ServedSite
from tests.conftest import REPO, Project, run_cli
from tests.test_render import set_config
from timeline.render import search_index, site_index
from timeline.render.i18n import tokens
from timeline.render.search_index import MAX_BUCKETS, bucket

SCRIPT = REPO / "templates" / "static" / "timeline.js"


def script_function(name: str) -> str:
    """Return the source of a function of timeline.js, from `function name(` to its closing brace.

    Braces are counted as they come: good for functions without braces in their strings or regular
    expressions (the browser refuses the source if one cuts it short).
    """
    script = SCRIPT.read_text(encoding="utf-8")
    start = script.index(f"function {name}(")
    depth = 0
    for end in range(script.index("{", start), len(script)):
        depth += {"{": 1, "}": -1}.get(script[end], 0)
        if depth == 0:
            return script[start:end + 1]
    raise AssertionError(f"function {name} has no end")


# Characters of many scripts, by code point ranges: the astral planes too (emoji, CJK Extension B,
# mathematical letters), where a UTF-16 string holds two code units for one character.
RANGES = [(0x61, 0x7A), (0x30, 0x39), (0xDF, 0xFF), (0x100, 0x17F), (0x3B1, 0x3C9), (0x430, 0x44F), (0x5D0, 0x5EA),
          (0x621, 0x64A), (0x905, 0x939), (0xE01, 0xE2E), (0x3041, 0x3096), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3),
          (0x1D400, 0x1D7FF), (0x1F300, 0x1FAFF), (0x20000, 0x2A6DF), (0x30000, 0x3134A)]


def sample_terms() -> list[str]:
    """Return terms of every kind the index can hold, and some it cannot, in a fixed order."""
    terms = ["a", "z", "0", "_", "é", "ß", "中", "😀", "𠀀", "ab", "zu", "zurich", "zürich", "aé", "éa", "a😀", "😀a",
             "😀😀", "𠀀𠀁", "𠀀a", "a𠀀", "中文", "日本語", "한국", "שלום", "مرحبا", "नमस्ते", "ωμέγα", "москва",
             "𝔘𝔫𝔦", "ﬁsh", "１２", "👍🏽", "🏳️‍🌈", "\u0301a", "a\u0301"]
    terms += tokens("Crème BRÛLÉE à Zürich, Ærøskøbing; 北京 and 𠀋𠀌 talks 😀 🇰🇷, İstanbul ΣΊΣΥΦΟΣ straße")
    rng = random.Random(17)
    for _ in range(3000):
        length = rng.choice([1, 1, 2, 2, 3, 5, 8])
        terms.append("".join(chr(rng.randint(*rng.choice(RANGES))) for _ in range(length)))
    return terms


BUCKET_COUNTS = [1, 2, 3, 7, 31, 62, MAX_BUCKETS, 10_007]  # 10,007: more than any index has, so every bit counts


def test_the_script_puts_every_term_in_the_bucket_python_put_it_in(browser):
    terms = sample_terms()
    page = browser.new_page()
    try:
        received, found = page.evaluate("""([source, terms, counts]) => {
            const bucketOf = new Function(source + "; return bucketOf;")();
            return [terms, counts.map(n => terms.map(term => bucketOf(term, n)))];
        }""", [script_function("bucketOf"), terms, BUCKET_COUNTS])
    finally:
        page.close()
    assert received == terms  # astral characters and all
    for count, buckets in zip(BUCKET_COUNTS, found, strict=True):
        wrong = [(term, js, bucket(term, count)) for term, js in zip(terms, buckets, strict=True)
                 if js != bucket(term, count)]
        assert wrong == [], f"{len(wrong)} of {len(terms)} terms in other buckets with {count} buckets: {wrong[:10]}"


# --- an event's entry: the template's (the timeline) and the script's (search results) --------------

def source(publisher: str, day: str = "2024-11-07") -> str:
    """Return a source's lines of front matter."""
    return f"\n  - title: A story\n    publisher: {publisher}\n    published: {day}"


# Events of every shape an entry has; each has "quokka" in its description, so one search shows them all.
SHAPES = {
    "2024-11-04-day-one-source.md": {"title": "Talks on <grain> & “fish”", "location": "Kremlin, Moscow",
                                     "tags": "[diplomacy, trade]", "actors": "[Vladimir Putin]"},
    "2024-11-month-several-sources.md": {"title": "Envoys meet", "date": "2024-11", "approximate": "true",
                                         "sources": source("WION") + source("Reuters")},
    "2024-year-only.md": {"title": "A year of trade", "date": "2024", "tags": "[trade]",
                          "sources": source("WION") + source("WION", "2024-11-08") + source("AP")},
    "2024-03-04-day-range.md": {"title": "Summit", "date": "2024-03-04", "end": "2024-03-06",
                                "location": "Budapest"},
    "2024-05-month-range.md": {"title": "Fishing season", "date": "2024-05", "end": "2024-08",
                               "approximate": "true", "tags": "[fisheries]"},
    "2024-06-01-right-to-left.md": {"title": "وزير الخارجية يلتقي نظيره في القدس", "location": "ירושלים",
                                    "tags": "[دبلوماسية]", "sources": source("الجزيرة")},
    "2024-07-10-draft.md": {"title": "Unfinished notes", "draft": "true", "sources": None},
    "2024-09-15-display-date.md": {"title": "Harvest talks", "display_date": "c. mid-September 2024",
                                   "approximate": "true"},  # shown as written: no <abbr> for its "c."
    "bc0500-year-bc.md": {"title": "A guild is founded", "date": "-0500", "tags": "[guilds]"},
    "bc0044-03-15-day-range-bc.md": {"title": "The Ides", "date": "15 March 44 BC", "end": "-0044-03-17"},
    "2024-10-01-disputed.md": {"title": "A strike on a depot", "status": "disputed"},
    "2024-11-05-uncertain.md": {"title": "A launch, perhaps", "date": "2024-11-05?"},
    "2024-12-uncertain-estimate.md": {"title": "Talks, maybe", "date": "possibly c. December 2024"},
    "2024-02-01-ongoing.md": {"title": "A blockade", "date": "2024-02-01", "end": ".."},
    "2024-a-season.md": {"title": "Spring floods", "date": "spring 2024", "end": "autumn 2024?"},
    "2020-a-decade.md": {"title": "A decade of drills", "date": "202X"},
    "2024-10-03-superseded.md": {"title": "A first count"},
    "2024-10-04-supersedes.md": {"title": "A new count", "thread": "Counts",
                                 "related": "\n  - event: 2024-10-03-superseded\n    relation: supersedes"},
    "2024-10-02-retracted.md": {"title": "A test launch", "status": "retracted", "corrections":
                                "\n  - date: 2024-11-08\n    note: The ministry withdrew its “statement”."},
    "2024-11-06-pictured.md": {"title": "A quokka on the quay", "image": "\n  src: media/quokka.png\n  alt: A quokka"
                               "\n  credit: Ann Example"},  # its thumbnail: see without_deliberate_differences
}

ENTRIES = """(selector) => [...document.querySelectorAll(selector)].map(li => {
    const tree = node => {
        if (node.nodeType === Node.TEXT_NODE) {  // whitespace around elements is layout: innerText compares it
            const text = node.data.replace(/\\s+/g, " ").trim();
            return text || null;
        }
        const attrs = {};
        node.getAttributeNames().forEach(name => { attrs[name] = node.getAttribute(name); });
        if (node.hasAttribute("href")) attrs.href = node.href;  // where it leads, resolved against the page
        const element = {tag: node.localName, attrs, children: [...node.childNodes].map(tree).filter(c => c !== null)};
        if (node.matches("a.event-date")) element.text = node.textContent.replace(/\\s+/g, " ").trim();
        return element;
    };
    const year = li.closest("section.year"), month = li.closest("section.month");
    return {page: li.querySelector(".event-title a").href, entry: tree(li), shown: li.innerText,
            list: li.parentElement.className, year: year.querySelector("h2").textContent,
            month: month && month.querySelector("h3").textContent};
})"""


def entries(page, selector: str) -> dict[str, dict]:
    """Return the entries the selector finds on the page, by the address of their event's page."""
    found = page.evaluate(ENTRIES, selector)
    return {entry.pop("page"): entry for entry in found}


def without_deliberate_differences(static: dict, address: str) -> dict:
    """Return a timeline entry as the script should draw it, taking away what differs on purpose.

    - The timeline's entry has an id, its permalink's anchor; a result has none (the timeline, still in
      the page, holds the ids).
    - The timeline's date is in <time datetime> elements, for machines (a <span class="date"> before AD 1);
      a result's date is text (machine dates in every row of the search index would be bytes for no
      reader). The date's text as a whole, and its other elements (the <abbr> of "c."), are compared.
    - The timeline's entry of an event with a picture has its thumbnail (a <picture> in .event-body); a
      result has none: search rows stay small (no picture's addresses in the index), and a list of results
      reads as a list to scan.
    """
    entry = static["entry"]
    body = entry["children"][1]
    assert body["attrs"]["class"] == "event-body"
    body["children"] = [c for c in body["children"] if isinstance(c, str) or c["tag"] != "picture"]
    assert entry["attrs"].pop("id") == address.split("/")[-2]
    date = entry["children"][0]["children"][0]
    assert date["attrs"]["class"] == "event-date"
    date["children"] = [c for c in date["children"] if isinstance(c, dict) and
                        (c["tag"], c["attrs"].get("class")) not in {("time", None), ("span", "date")}]
    return static


def date_elements(drawn: dict) -> dict:
    """Return a result's entry with only the elements of its date (its text is compared whole)."""
    date = drawn["entry"]["children"][0]["children"][0]
    date["children"] = [c for c in date["children"] if isinstance(c, dict)]
    return drawn


def as_lines(data) -> list[str]:
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True).splitlines()


@pytest.mark.parametrize("setup", ["one-page", "year-pages"])
def test_the_script_draws_an_entry_as_the_template_does(browser, tmp_path, monkeypatch, setup):
    """Every event drawn by the script in search results is what the template drew on the timeline: element
    names, classes, attributes (dir, aria-label...), where links lead, text and the text as shown, the list and
    headings it is under; but for the differences without_deliberate_differences() lists."""
    project = Project(tmp_path / "project")
    (project.root / "media").mkdir()
    from PIL import Image, ImageDraw  # here: without Pillow, the build itself would fail

    quokka = Image.linear_gradient("L").convert("RGB").resize((480, 320))
    ImageDraw.Draw(quokka).ellipse((160, 80, 320, 240), fill="sienna")
    quokka.save(project.root / "media" / "quokka.png")
    for name, fields in SHAPES.items():
        project.event(name, body="A quokka was seen.", **fields)
    if setup == "year-pages":  # in French, newest first, split into year pages, the rows' columns in another order
        set_config(project, language="fr", order="newest-first")
        monkeypatch.setattr(site_index, "YEAR_PAGES_FROM", 5)
        monkeypatch.setattr(search_index, "SEARCH_COLUMNS", search_index.SEARCH_COLUMNS[::-1])
    result = run_cli(["build", "--drafts", "--root", str(project.root), "--base-url", "/timeline/"])
    assert result.code == 0, result.err
    years = sorted(p.name for p in (project.root / "site" / "years").iterdir()) if setup == "year-pages" else []
    assert len(years) == (4 if setup == "year-pages" else 0)
    site = ServedSite(project.root, "/timeline/")
    context = browser.new_context()
    try:
        page = context.new_page()
        problems = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        static, thumbnails = {}, 0
        for url in [site.url(f"years/{year}/") for year in years] or [site.url()]:
            page.goto(url)
            static.update(entries(page, "#timeline li.event"))
            thumbnails += page.locator("#timeline li.event .event-body > picture").count()
        assert thumbnails == 1  # the pictured event's, which the results leave out
        page.goto(site.url("?q=quokka"))
        from playwright.sync_api import TimeoutError as PlaywrightTimeout  # here: without playwright, tests skip

        try:  # (the pages' CSP forbids wait_for_function)
            page.locator("#results li.event").nth(len(SHAPES) - 1).wait_for(timeout=10_000)
        except PlaywrightTimeout:
            status = page.locator(".finder-status").inner_text()
            pytest.fail(f"the results did not show every event: {status!r}; script errors: {problems}", pytrace=False)
        drawn = entries(page, "#results li.event")
        assert len(static) == len(SHAPES) and sorted(drawn) == sorted(static)
        classes = {name for entry in static.values() for name in entry["entry"]["attrs"]["class"].split()}
        assert classes == {"event", "precision-day", "precision-month", "precision-year", "precision-season",
                           "precision-decade", "approximate", "uncertain", "ongoing", "range",
                           "draft", "disputed", "retracted", "superseded"}  # every shape of entry is there
        report = []
        for address, entry in static.items():
            expected = without_deliberate_differences(entry, address)
            result = date_elements(drawn[address])
            if result != expected:
                report += [f"{address}:", *difflib.unified_diff(
                    as_lines(expected), as_lines(result), "the template's", "the script's", lineterm="")]
        if report:
            pytest.fail("\n".join(report), pytrace=False)
        assert problems == []
    finally:
        context.close()
        site.close()
