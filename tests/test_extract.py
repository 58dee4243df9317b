"""extract: reading articles, their publication date, sentences, drafts, the command and its bad input."""

from __future__ import annotations

import http.server
import json
import threading
from functools import partial

import pytest

from tests.conftest import REPO, run_cli
from timeline.authoring.article import ExtractError, find_publication_line, paragraphs, read_source, read_text
from timeline.authoring.sentences import sentences
from timeline.model.dates import EventDate

DATA = REPO / "tests" / "data"
SEED_TEXT = DATA / "wion-2024-11-07-rutte-russia-north-korea.txt"
SEED_HTML = DATA / "wion-2024-11-07-rutte-russia-north-korea.html"
EXPECTED = json.loads((DATA / "wion-2024-11-07-rutte-russia-north-korea.expected.json").read_text())


@pytest.fixture
def served(tmp_path):
    """Return a function giving the URL of a file served from 127.0.0.1."""
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def url(name: str, data: bytes | None = None) -> str:
        if data is not None:
            (tmp_path / name).write_bytes(data)
        return f"http://127.0.0.1:{server.server_address[1]}/{name}"

    yield url
    server.shutdown()
    server.server_close()


def test_a_redirect_away_from_the_web_is_refused():
    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/story.txt" if self.path == "/away" else "/away")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        start = f"http://127.0.0.1:{server.server_address[1]}/story"
        with pytest.raises(ExtractError) as refused:
            read_source(start)
        assert str(refused.value) == f"{start}: the server sent it on to ftp://127.0.0.1/story.txt, which is not a " \
            "web address"
    finally:
        server.shutdown()
        server.server_close()


def test_text_article_headline_and_publication_line():
    article = read_source(str(SEED_TEXT))
    assert article.title == ("‘Threat to US security,’ NATO chief’s warning on Russia-North Korea ties, "
                             "says will discuss with Trump")
    assert article.published == EventDate(2024, 11, 7)
    assert article.published_note == ("the article's line 'Updated: Nov 07, 2024, 10:15 PM(IST)' "
                                      "(IST: India Standard Time, UTC+05:30)")
    assert article.publisher == ""


def test_a_stamp_line_first_is_not_the_headline_nor_an_event(project, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Updated: Nov 07, 2024, 10:15 PM(IST)\n\nQuake hits Chile\n\n"
                     "A quake hit Chile on Monday, officials said.\n", encoding="utf-8")
    assert read_source(str(story)).title == "Quake hits Chile"
    result = project.run("extract", str(story), "--publisher", "X")
    assert result.code == 0, result.err
    assert result.out.splitlines()[1:4] == ["1 dated event found.", "", "1. 2024-11-04 (day)  A quake hit Chile"]


def test_html_article_text_and_metadata():
    article = read_source(str(SEED_HTML))
    assert article.title.startswith("‘Threat to US security,’")
    assert (article.publisher, article.published) == ("WION", EventDate(2024, 11, 7))
    assert article.url == "https://news.example.org/world/rutte-russia-north-korea"
    assert "Putin noted that they were meeting on Russia's National Unity Day" in article.text
    assert "Copyright notice" not in article.text


def test_url_article_is_fetched(served):
    article = read_source(served("story.html", SEED_HTML.read_bytes()))
    assert (article.publisher, article.published) == ("WION", EventDate(2024, 11, 7))


@pytest.mark.parametrize("line, expected", [
    ("Updated: Nov 07, 2024, 10:15 PM(IST)", EventDate(2024, 11, 7)),
    ("Published 4 November 2024", EventDate(2024, 11, 4)),
    ("Last updated on November 4th, 2024 at 09:00 GMT", EventDate(2024, 11, 4)),
    ("First published: 2024-11-04", EventDate(2024, 11, 4)),
])
def test_publication_lines(line, expected):
    assert find_publication_line(f"Headline\n\n{line}\n\nText.")[0] == expected


def test_a_sentence_telling_of_a_publishing_is_no_stamp_line():
    text = ("The report was published on 2024-03-15 and found rising damp.\n\n"
            "Belgium Updated: Nov 07, 2024, 10:15 PM(IST)\n\nPublished 4 November 2024.")
    assert found(text) == [("2024-03-15", None, ["2024-03-15"])]


def test_a_sentence_opening_like_page_furniture_is_still_read():
    text = ("Photographs released on Monday show the damage.\n\nSubscribers were told on Tuesday that prices rise.\n\n"
            "Advertisements for the sale ran on Wednesday.\n\nAdvertisement\n\nSubscribe to our newsletter")
    assert [dated for _, _, dated in found(text)] == [["Monday"], ["Tuesday"], ["Wednesday"]]


def test_no_publication_line_is_none():
    assert find_publication_line("Headline\n\nIt happened in November 2024.\n") is None


@pytest.mark.parametrize("dateline", [
    "WASHINGTON (AP) — ", "MOSCOW, Nov 5 (Reuters) - ", "KYIV, Ukraine, 5 November 2024 — ", "(CNN) — ",
    "NEW YORK, Nov. 5 -- ",
])
def test_a_dateline_is_no_part_of_the_reporting(dateline):
    article = read_text(f"Headline\n\n{dateline}The bank will meet on Dec. 20.\n\nA second paragraph follows it.")
    assert paragraphs(article) == ["The bank will meet on Dec. 20.", "A second paragraph follows it."]


def test_a_paragraph_opening_with_a_dash_later_on_keeps_it():
    article = read_text("Headline\n\nThe bank met.\n\nUS-CHINA — Talks resumed on Monday.")
    assert paragraphs(article)[1] == "US-CHINA — Talks resumed on Monday."


def test_a_full_stop_glued_to_the_next_sentence_still_ends_one():
    assert sentences("The vote was postponed.As Jamaica House reported on Tuesday, papers objected. Visit example.com "
                     "today. He met Mr.Smith.") == [
        "The vote was postponed.", "As Jamaica House reported on Tuesday, papers objected.", "Visit example.com today.",
        "He met Mr.Smith."]


def test_a_clock_time_ends_a_sentence_when_a_new_one_opens_after_it():
    assert sentences("It runs from 11 a.m. to 10 p.m. The festivities go on Monday. It opens at 8 p.m. Monday. "
                     "We met at 9 a.m. EST.") == [
        "It runs from 11 a.m. to 10 p.m.", "The festivities go on Monday.", "It opens at 8 p.m. Monday.",
        "We met at 9 a.m. EST."]


def test_a_monday_holiday_s_weekend_is_the_month_of_its_saturday_to_monday():
    # Memorial Day 2023 was Monday 29 May: its weekend, 27 to 29 May, is in May
    assert found("Crews were busy during Memorial Day weekend.", published="2023-06-01") == \
        [("2023-05", None, ["Memorial Day weekend"])]


def test_a_bill_s_number_neither_ends_a_sentence_nor_dates_an_event():
    assert sentences("The bill, H.R. 2024, passed the House. It goes to the Senate.") == [
        "The bill, H.R. 2024, passed the House.", "It goes to the Senate."]
    assert found("The bill, H.R. 2024, passed the House. The furnace reached 2020 degrees.") == []


def test_sentences_keep_abbreviations_and_drop_page_furniture():
    article = read_source(str(SEED_TEXT))
    units = [s for p in paragraphs(article) for s in sentences(p)]
    assert units[1] == ("North Atlantic Treaty Organization (NATO) chief Mark Rutte said on Thursday (Nov. 7) that "
                        "the growing ties between Russia and North Korea are not only a threat to the European part "
                        "of NATO, but also to the United States.")
    assert not any(u.startswith(("Also read", "Watch |", "Read in App", "Edited By", "(With inputs")) for u in units)
    assert not any("Photograph" in u or "Updated:" in u for u in units)


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"   \n\n", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a binary file, not an article (text or HTML)"),
    (b"<html><body><nav>Home</nav><p>Short.</p></body></html>", "no article text found in this page"),
])
def test_bad_files_are_one_line_messages(tmp_path, content, message):
    path = tmp_path / "article"
    path.write_bytes(content)
    with pytest.raises(ExtractError) as raised:
        read_source(str(path))
    assert str(raised.value) == f"{path}: {message}"


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (1024 * 1024 + 10))
    with pytest.raises(ExtractError, match=r"huge.txt: the file is larger than 5 MB; is it an article\?$"):
        read_source(str(path))


def test_missing_file(tmp_path):
    with pytest.raises(ExtractError, match=r"nope.txt: no such file$"):
        read_source(str(tmp_path / "nope.txt"))


def test_a_folder_is_not_called_missing(project, tmp_path):
    result = project.run("extract", str(tmp_path), "--publisher", "WION")  # extract reads a folder's files: none here
    assert (result.code, result.err) == (
        1, f"error: {tmp_path}: is a folder with no files in it; give an article's file or address\n")
    result = project.run("import", str(tmp_path))
    assert (result.code, result.err) == (1, f"error: {tmp_path}: is a folder; give the path of a file in it\n")


def test_a_root_that_is_not_a_folder_is_said_to_be(project, tmp_path):
    missing = tmp_path / "nowhere"
    for command in ("check", "build", "serve", "new"):
        arguments = [command, "--root", str(missing)] + (["Title", "--date", "2024"] if command == "new" else [])
        result = run_cli(arguments)
        assert (result.code, result.out) == (2, "")
        assert result.err == f"build.py {command}: error: --root {missing}: no such folder\n"


def test_unreachable_and_failing_urls(served):
    with pytest.raises(ExtractError, match=r"^http://127\.0\.0\.1:\d+/missing\.html: the server answered 404 File not found$"):
        read_source(served("missing.html"))
    with pytest.raises(ExtractError, match=r"^http://127\.0\.0\.1:9/x: could not fetch it \(.*\)$"):
        read_source("http://127.0.0.1:9/x")


def test_seed_article_gives_exactly_the_two_expected_events(project):
    result = project.run("extract", str(SEED_TEXT), "--publisher", "WION")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[1] == "2 dated events found."
    found = [line for line in lines if line[:1].isdigit() and ". " in line[:4]]
    dates = [(line.split()[1], line.split()[2]) for line in found]
    assert dates == [(e["date"], f"({e['precision']})") for e in EXPECTED["events"]]
    assert "   dated by: 'earlier this week' + 'National Unity Day'" in lines
    actor_lines = [line for line in lines if line.startswith("   actors: ")]
    for expected, line in zip(EXPECTED["events"], actor_lines, strict=True):
        for actor in expected["actors"]:
            assert actor in line
    assert "location: Budapest" in actor_lines[0] and "location: Kremlin" in actor_lines[1]
    assert lines[-1] == "Run again with --write to save them in events/ as drafts (draft: true)."


def test_saved_html_page_gives_the_same_events_with_its_metadata(project):
    result = project.run("extract", str(SEED_HTML))
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].endswith("(WION, published 2024-11-07: the page's metadata gives 2024-11-07)")
    assert "2 dated events found." in result.out


def test_write_saves_drafts_that_check_and_stay_off_the_site(project):
    result = project.run("extract", str(SEED_TEXT), "--publisher", "WION", "--write")
    assert result.code == 0
    written = sorted(p.name for p in (project.root / "events").glob("*.md"))
    assert [name[:10] for name in written] == ["2024-11-04", "2024-11-07"]
    text = (project.root / "events" / written[0]).read_text()
    assert "draft: true" in text and "publisher: WION" in text and "published: 2024-11-07" in text
    assert "# Dated by 'earlier this week' + 'National Unity Day', resolved against the publication" in text
    assert "Putin noted that they were meeting on Russia's National Unity Day" in text  # the quote
    check = project.run("check")
    assert (check.code, check.out) == (0, "Checked 2 files: no problems.\n")
    assert project.run("build").err.startswith("Built site/: 0 events (2 drafts left out)")
    again = project.run("extract", str(SEED_TEXT), "--publisher", "WION", "--write")
    assert again.out.count("skipped: ") == 2  # never overwrites


def test_existing_events_get_the_article_proposed_as_a_source_not_a_duplicate(project):
    project.write("2024-11-04-putin-meets-choe.md", "---\ntitle: Putin meets Choe Son Hui\ndate: 2024-11-04\n"
                  "actors: [Vladimir Putin]\nsources:\n  - title: Another story\n    publisher: TASS\n    published: 2024-11-04\n---\n",
                  dedent=False)
    result = project.run("extract", str(SEED_TEXT), "--publisher", "WION", "--write")
    lines = result.out.splitlines()
    at = lines.index("   already in events/2024-11-04-putin-meets-choe.md: add this article to its sources instead:")
    assert lines[at + 1:at + 4] == [
        "     - title: \u2018Threat to US security,\u2019 NATO chief\u2019s warning on Russia-North Korea ties, says "
        "will discuss with Trump",
        "       publisher: WION", "       published: 2024-11-07"]
    assert "skipped: 2024-11-04 is already events/2024-11-04-putin-meets-choe.md" in result.out
    assert len(list((project.root / "events").glob("*.md"))) == 2  # the 7 November event is new


def test_events_that_already_cite_the_article_are_said_to(project):
    for path in sorted((REPO / "events").glob("*.md")):
        (project.root / "events" / path.name).write_text(path.read_text())
    result = project.run("extract", str(SEED_TEXT), "--publisher", "WION", "--write")
    assert "add this article" not in result.out
    assert [line for line in result.out.splitlines() if line.startswith("   already in ")] == [
        "   already in events/2024-11-07-rutte-warns-russia-north-korea-ties-threaten-us.md, which cites this article",
        "   already in events/2024-11-04-putin-meets-choe-son-hui.md, which cites this article"]
    assert len(list((project.root / "events").glob("*.md"))) == 2


def test_no_publication_date_and_no_publisher_are_one_line_errors(project, tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("A headline\n\nOn Thursday the minister met the envoy in Geneva.\n")
    result = project.run("extract", str(article), "--publisher", "X")
    assert (result.code, result.out) == (1, "")
    assert result.err == "error: cannot find when the article was published; give it with --published DATE\n"
    result = project.run("extract", str(SEED_TEXT))
    assert result.err == (f"error: {SEED_TEXT}: cannot tell who published it; give it with --publisher NAME\n")
    result = project.run("extract", str(article), "--publisher", "X", "--published", "2024-11-08")
    assert result.code == 0
    assert "1. 2024-11-07 (day)" in result.out
    assert list((project.root / "events").iterdir()) == []


def test_a_publication_date_before_ad_1_is_a_one_line_error(project):
    result = project.run("extract", str(SEED_TEXT), "--publisher", "WION", "--published", "500 BC", "--write")
    assert (result.code, result.out) == (1, "")
    assert result.err == ("error: --published: '500 BC' is before AD 1; give the date the article was published, "
                          "like 2024-11-07\n")
    assert list((project.root / "events").iterdir()) == []


def test_bad_source_is_a_one_line_error_and_writes_nothing(project, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = project.run("extract", str(empty), "--write")
    assert (result.code, result.err) == (1, f"error: {empty}: the file is empty\n")
    assert list((project.root / "events").iterdir()) == []


@pytest.mark.parametrize("option, message", [
    (["--url", "www.wionews.com/story"],
     "error: --url: expected a web address starting with http:// or https://, found 'www.wionews.com/story'\n"),
    (["--country", "XX"],
     "error: --country: 'XX' is not a country the holidays package knows; give its two-letter code, like RU, KP "
     "or US\n"),
])
def test_a_wrong_url_or_country_is_refused_before_reading(project, option, message):
    result = project.run("extract", str(SEED_TEXT), "--publisher", "WION", "--write", *option)
    assert (result.code, result.out, result.err) == (1, "", message)
    assert list((project.root / "events").iterdir()) == []


def test_a_country_code_may_be_lower_case(project):
    result = project.run("extract", str(SEED_TEXT), "--publisher", "WION", "--country", "ru")
    assert (result.code, result.err) == (0, "")
    assert "2 dated events found." in result.out


OTHER_REPORT = """<!doctype html><html><head><meta charset="utf-8"><title>Choe Son Hui in Moscow</title>
<meta property="og:site_name" content="Example Wire">
<meta property="og:title" content="North Korea's foreign minister meets Putin">
<meta property="article:published_time" content="2024-11-05T09:00:00Z"></head>
<body><article><h1>North Korea's foreign minister meets Putin</h1>
<p>Russian President Vladimir Putin met North Korea's Foreign Minister Choe Son Hui in the Kremlin on Monday,
November 4, the Kremlin said.</p>
<p>The talks came as Western governments said North Korean troops were being sent to Russia's Kursk region.</p>
</article></body></html>
"""


@pytest.fixture
def batch(tmp_path):
    """Return a folder of three sources: the seed page, another publisher's report of its second event (made up
    for this test), and an empty file."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-wion.html").write_bytes(SEED_HTML.read_bytes())
    (folder / "b-other.html").write_text(OTHER_REPORT, encoding="utf-8")
    (folder / "c-empty.txt").write_text("")
    return folder


def test_several_articles_give_each_event_once_citing_every_article(project, batch):
    result = project.run("extract", str(batch / "a-wion.html"), str(batch / "b-other.html"))
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[:3] == [
        f"{batch}/a-wion.html: ‘Threat to US security,’ NATO chief’s warning on Russia-North Korea ties, says will "
        "discuss with Trump (WION, published 2024-11-07: the page's metadata gives 2024-11-07)",
        f"{batch}/b-other.html: North Korea's foreign minister meets Putin (Example Wire, published 2024-11-05: "
        "the page's metadata gives 2024-11-05)",
        "2 dated events found.",
    ]
    second = lines[lines.index("") + 6:]
    assert second[:4] == [
        "2. 2024-11-04 (day)  Russian President Vladimir Putin met North Korea's foreign minister in the Kremlin",
        f"   dated by: 'earlier this week' + 'National Unity Day' in {batch}/a-wion.html; 'Monday, November 4' in "
        f"{batch}/b-other.html",
        "   backed by 2 independent publishers: WION, Example Wire",
        "   actors: Vladimir Putin, Choe Son Hui, Kim Jong Un; location: Kremlin",
    ]


def test_an_unreadable_source_in_a_batch_is_named_and_the_others_are_drafted(project, batch):
    result = project.run("extract", str(batch), "--write")  # a folder: its files, in name order
    assert result.code == 1
    assert result.err == (f"error: {batch}/c-empty.txt: the file is empty\n"
                          "1 of 3 sources could not be read; the others' events are above\n")
    written = [line.removeprefix("wrote ") for line in result.out.splitlines() if line.startswith("wrote ")]
    assert [name[:18] for name in written] == ["events/2024-11-07-", "events/2024-11-04-"]
    draft = (project.root / written[1]).read_text()
    assert draft.count("  - title: ") == 2 and "publisher: WION" in draft and "publisher: Example Wire" in draft
    assert project.run("check").code == 0


def test_a_batch_proposes_every_article_it_adds_to_an_existing_event(project, batch):
    project.event("2024-11-04-putin-meets-choe-son-hui.md", title="Putin meets Choe Son Hui",
                  actors="[Vladimir Putin, Choe Son Hui]")
    result = project.run("extract", str(batch / "a-wion.html"), str(batch / "b-other.html"), "--write")
    assert result.code == 0
    out = result.out
    assert "   already in events/2024-11-04-putin-meets-choe-son-hui.md: add these articles to its sources instead:\n" \
           "     - title: ‘Threat to US security,’ NATO chief’s warning" in out
    assert "     - title: North Korea's foreign minister meets Putin\n       publisher: Example Wire\n" in out
    assert "skipped: 2024-11-04 is already events/2024-11-04-putin-meets-choe-son-hui.md" in out


def test_url_names_one_article_only(project, batch):
    result = project.run("extract", str(batch / "a-wion.html"), str(batch / "b-other.html"),
                         "--url", "https://example.org/story")
    assert (result.code, result.out) == (1, "")
    assert result.err == ("error: --url: gives one article's address; with several articles, give each one's "
                          "address, or a saved page that names it\n")


@pytest.mark.parametrize("sentence, evidence, title", [
    pytest.param("North Atlantic Treaty Organization (NATO) chief Mark Rutte said on Thursday (Nov. 7) that the growing ties "
     "between Russia and North Korea are not only a threat to the European part of NATO, but also to the United "
     "States.", ["Thursday"], "NATO chief Mark Rutte says the growing ties between Russia and North Korea are a threat", id="reported-speech"),
    pytest.param("Moreover, earlier this week, Russian President Vladimir Putin met North Korea's foreign minister in the "
     "Kremlin.", ["earlier this week"], "Russian President Vladimir Putin met North Korea's foreign minister in the "
     "Kremlin", id="lead-word"),
    pytest.param("The central bank raised its main interest rate to 4.5% on Wednesday, the bank said in a statement.",
     ["Wednesday"], "The central bank raised its main interest rate to 4.5%", id="attribution"),
    pytest.param("A magnitude 6.1 earthquake struck off the coast of Chile on 3 May, according to the US Geological Survey.",
     ["3 May"], "A magnitude 6.1 earthquake struck off the coast of Chile", id="according-to"),
    pytest.param("The festival, which drew more than 40,000 visitors in its first year and has grown every year since, will open "
     "on 8 July with a concert by the city's orchestra in the old market square.", ["8 July"],
     "The festival will open with a concert by the city's orchestra in the old market square", id="long-clause"),
    pytest.param("Friday's scheduled launch of the probe was postponed.", ["Friday"], "The scheduled launch of the probe was postponed", id="possessive-date"),
    pytest.param("NASA postponed the launch until Saturday because of low cloud.", ["Saturday"],
     "NASA postponed the launch because of low cloud", id="until-a-day"),
    pytest.param("Airports expect a record Thanksgiving this year.", ["Thanksgiving"], "Airports expect a record Thanksgiving this year", id="holiday-name-stays"),
    pytest.param("Sunday is the biggest sporting event of the year.", ["Sunday"], "Sunday is the biggest sporting event of the year", id="date-as-subject-stays"),
    pytest.param("The transfer would now happen in early January 2023.", ["January 2023"], "The transfer would now happen",
                 id="early-goes-with-its-month"),
    pytest.param("Officers received a report at approximately 7:17 p.m. Friday of a man in the water.",
                 ["7:17 p.m. Friday"], "Officers received a report of a man in the water", id="approximately-goes-with-its-hour"),
    pytest.param("In late spring 2021 visitors will have the opportunity to enjoy a new visitor center.", ["spring 2021"],
                 "Visitors will have the opportunity to enjoy a new visitor center", id="an-opening-date-is-no-subject"),
    pytest.param("The riot police attacked sleeping protestors in the square…please explain yourselves @moi_bahrain "
                 "#Bahrain #feb14", [], "The riot police attacked sleeping protestors in the square",
                 id="cut-at-an-ellipsis"),
    pytest.param("Doctors will vaccinate children over the next four days.", ["the next four days"],
     "Doctors will vaccinate children", id="over-a-span"),
    pytest.param("The fair opens at 6:30 p.m. on Friday.", ["Friday"], "The fair opens at 6:30 p.m.", id="an-abbreviation-s-full-stop"),
    pytest.param("The dam will be built between 2025 and 2027.", ["2025 and 2027"], "The dam will be built", id="a-span-between"),
    pytest.param("Race officials also confirmed on Monday they will hold a lottery.", ["Monday"],
     "Race officials also confirm they will hold a lottery", id="a-plural-subject"),
    pytest.param("CBS announced on Monday that the show will end.", ["Monday"], "CBS announces the show will end", id="an-acronym-is-one"),
    pytest.param("The United States said on Monday it would complete its withdrawal.", ["Monday"],
                 "The United States says it will complete its withdrawal", id="a-name-ending-in-s-is-one"),
    pytest.param("Officials said on Wednesday that schools would reopen.", ["Wednesday"],
                 "Officials say schools will reopen", id="a-reported-would-is-will-in-the-present"),
    pytest.param("Heavy rain that began on Sunday caused rivers to burst their banks.", ["Sunday"],
                 "Heavy rain caused rivers to burst their banks", id="a-clause-that-only-said-when"),
    pytest.param("Speaking to reporters on Monday, the minister said the talks had failed.", ["Monday"],
                 "The minister says the talks had failed", id="speaking-to-reporters-is-no-title"),
    pytest.param("It was announced on Tuesday that the festival would be cancelled.", ["Tuesday"],
                 "The festival will be cancelled", id="it-was-announced-that"),
    pytest.param("On Monday it emerged that the company had hidden losses for years.", ["Monday"],
                 "The company had hidden losses for years", id="it-emerged-that"),
    pytest.param("The council will hold an emergency meeting later on Monday.", ["Monday"],
                 "The council will hold an emergency meeting", id="later-without-its-day"),
    pytest.param("The satellite is scheduled to launch no earlier than March 28.", ["March 28"],
                 "The satellite is scheduled to launch", id="no-earlier-than-goes-with-its-date"),
    pytest.param("The plant could reopen as early as next week.", ["next week"],
                 "The plant could reopen", id="as-early-as-goes-with-its-date"),
    pytest.param("The album, due out next month, features 12 new songs.", ["next month"],
                 "The album features 12 new songs", id="an-aside-due-out-left-empty"),
    pytest.param("Early on Sunday, the rebels seized the airport.", ["Sunday"], "The rebels seized the airport",
                 id="no-early-left-at-the-start"),
    pytest.param("Similar attacks occurred in 2015 and 2017.", ["2015"], "Similar attacks occurred",
                 id="a-date-joined-to-the-event-s-goes-too"),
    pytest.param("The vaccine will be available at pharmacies starting Monday.", ["Monday"],
                 "The vaccine will be available at pharmacies", id="starting-goes-with-its-date"),
    pytest.param("Laura Now Tropical Storm After Starting Thursday as Category 4 Hurricane", ["Thursday"],
                 "Laura Now Tropical Storm After Starting as Category 4 Hurricane", id="after-starting-is-no-preposition"),
    pytest.param("The report, released on Thursday, found that emissions rose 3 percent last year.", ["Thursday"],
                 "The report found that emissions rose 3 percent last year", id="an-aside-its-date-left-empty"),
    pytest.param("In the first World Cup, held in 1991, the U.S. team defeated Germany 5-2 in a semifinal match.",
                 ["1991"], "The U.S. team defeated Germany 5-2 in a semifinal match",
                 id="an-opening-phrase-before-an-emptied-aside"),
    pytest.param("Regarding proposed changes, the Department named 15 people to the committee in March.", ["March"],
     "The Department named 15 people to the committee", id="an-opening-phrase"),
    pytest.param("– The icebreaker departs Halifax for the Arctic on June 3.", ["June 3"], "The icebreaker departs Halifax for the Arctic", id="a-list-s-bullet"),
    pytest.param("Ofqual welcomes today's announcement that GCSE, AS and A level exams will go ahead in England next summer.",
     ["today"], "Ofqual welcomes the announcement that GCSE, AS and A level exams will go ahead", id="a-list-s-comma-is-no-clause-end"),
    pytest.param("The other estimate remains scheduled for March 28.", ["March 28"], "The other estimate remains scheduled for March 28", id="a-date-the-verb-wants"),
    pytest.param("The opening ceremony is Friday night, local time.", ["Friday night"], "The opening ceremony is Friday night, local time", id="a-date-after-a-copula"),
    pytest.param("The winners of the prize were announced at the book fair on 9 October.", ["9 October"],
     "The winners of the prize were announced at the book fair", id="a-passive-is-no-speech"),
    pytest.param("Health officials in China confirmed Tuesday that the virus killed a woman.", ["Tuesday"],
     "Health officials in China confirm the virus killed a woman", id="a-qualified-plural-subject"),
    pytest.param("The exhibit, which is located in Evansville, Indiana, is to run through March 9.", ["March 9"],
     "The exhibit is to run through March 9", id="an-aside-naming-a-place"),
    pytest.param("“Established in 2010, the Warrior Games showcase the spirit of wounded service members,” White said.", ["2010"],
     "The Warrior Games showcase the spirit of wounded service members", id="a-quotation-opening-with-a-participle"),
    pytest.param("“On 5 May.”", ["5 May"], "On 5 May", id="a-sentence-that-is-only-its-date"),
    pytest.param("July 11 CCGS Samuel Risley, departs Quebec City for the Arctic.", ["July 11"],
     "CCGS Samuel Risley departs Quebec City for the Arctic", id="no-comma-between-subject-and-verb"),
    pytest.param("The outbreak closed museums [es] and schools on Monday.", ["Monday"], "The outbreak closed museums and schools", id="a-language-marker"),
    pytest.param("Some customers, however, reported problems on Monday.", ["Monday"], "Some customers reported problems", id="however-between-commas"),
    pytest.param("The roundtables will take place on May 24 and 25, respectively.", ["May 24 and 25"], "The roundtables will take place", id="respectively-alone"),
    pytest.param("The public workshop, sponsored by the FTC and the Department of Health and Human Services, was held in Washington, DC, "
     "on July 14.", ["July 14"], "The public workshop was held in Washington, DC", id="a-long-title-without-its-aside"),
    pytest.param("British space sector secures European Space Agency contracts worth £80 million more than government contributions "
     "in 2024.", ["2024"], "British space sector secures European Space Agency contracts worth £80 million", id="no-cut-after-a-word-wanting-more"),
    pytest.param("Officials confirmed Tuesday that the bird flu virus has killed a 19-year-old woman in Anhui province, the "
     "country's first reported death from the disease in nearly a year.", ["Tuesday"],
     "Officials confirm the bird flu virus has killed a 19-year-old woman in Anhui province", id="a-trailing-appositive"),
    pytest.param("That’s why the government is putting £1.6 billion into councils from this month.", ["this month"],
                 "The government is putting £1.6 billion into councils", id="that-s-why"),
    pytest.param("This means businesses hit by the hurricanes may apply until Dec. 14.", ["Dec. 14"],
                 "Businesses hit by the hurricanes may apply", id="this-means"),
    pytest.param("With special events across the country, and free admission to all parks from Aug. 25 through Aug. 28, "
                 "the NPS is encouraging everyone to visit.", ["Aug. 25 through Aug. 28"],
                 "The NPS is encouraging everyone to visit", id="an-opening-phrase-in-two-parts"),
    pytest.param("So far, 12 people have died since Monday.", ["Monday"], "So far, 12 people have died", id="so-far-stays"),
    pytest.param("Teams must apply by Tuesday, November 5, 2019, 5:00 p.m. Eastern Standard Time.",
                 ["Tuesday, November 5, 2019, 5:00 p.m."], "Teams must apply", id="a-time-zone-goes-with-its-hour"),
    pytest.param("The trial is scheduled to begin on March 24, 2009, in Tucson, Ariz.", ["March 24, 2009"],
                 "The trial is scheduled to begin in Tucson, Ariz", id="no-comma-left-behind"),
    pytest.param("The Federal Reserve held interest rates steady on Wednesday and signalled it still expects to cut them "
                 "later this year.", ["Wednesday"],
                 "The Federal Reserve held interest rates steady and signalled it still expects to cut them",
                 id="no-cut-after-a-verb-wanting-its-object"),
    pytest.param("Beginning on Saturday morning, it continued through to Sunday.",
                 ["Saturday morning, it continued through to Sunday"],
                 "Beginning on Saturday morning, it continued through to Sunday", id="a-title-that-is-all-date-keeps-it"),
    pytest.param("2019 saw record sales.", ["2019"], "2019 saw record sales", id="a-date-as-the-subject"),
    pytest.param("Last week the minister resigned.", ["Last week"], "The minister resigned", id="a-date-before-the-subject"),
    pytest.param("On Sunday and Saturday evening, the chains lowered their limits.", ["Sunday"],
                 "The chains lowered their limits", id="no-day-left-at-the-start"),
    pytest.param("The strikes were retaliation for a March 2 incursion.", ["March 2"],
                 "The strikes were retaliation for an incursion", id="a-becomes-an"),
    pytest.param("CDC Announces National Influenza Vaccination Week - December 5-11", ["December 5-11"],
                 "CDC Announces National Influenza Vaccination Week", id="no-dash-left-behind"),
    pytest.param("Due to his conviction he faces more prison time at sentencing, which is scheduled for October 16.",
                 ["October 16"], "Due to his conviction he faces more prison time at sentencing",
                 id="no-opening-phrase-before-which"),
    pytest.param("Thousands of earthquake survivors returned to their ruined homes on Sunday, trying to salvage belongings after "
                 "spending the night in the open.", ["Sunday"], "Thousands of earthquake survivors returned to their ruined homes",
                 id="a-participle-s-clause-is-cut-whole"),
    pytest.param("The National Park Service invites visitors of all ages to join in the celebration of its 100th birthday "
                 "throughout the month of August.", ["the month of August"], "The National Park Service invites visitors of all ages",
                 id="no-cut-after-an-infinitive"),
    pytest.param("Filmmakers will receive awards for the best acting, directing, writing, editing, music and other work on films "
     "released last year.", ["last year"], "Filmmakers will receive awards", id="a-list-s-items-stay"),
    pytest.param("Rather than recall the devices, Jobs said yesterday that Apple will offer a free case to anyone who has "
                 "bought an iPhone 4.", ["yesterday"], "Jobs says Apple will offer a free case to anyone who has bought an iPhone 4",
                 id="rather-than-opens-and-a-name-ending-in-s-is-one"),
    pytest.param("This new research reserve is consistent with the goals of the program announced in March.", ["March"],
                 "This new research reserve is consistent with the goals of the program announced",
                 id="announced-without-a-comma-is-no-attribution"),
    pytest.param("Gates hosted five hours of meetings with Serdyukov, followed by a working lunch and a joint news "
                 "conference at the Pentagon on Wednesday.", ["Wednesday"], "Gates hosted five hours of meetings",
                 id="no-cut-after-followed"),
    pytest.param("To prepare for the final championship week in Albany, Georgia, Moody has partnered with the local "
                 "community on Friday.", ["Friday"], "Moody has partnered with the local community",
                 id="an-opening-purpose-with-a-place-in-it"),
    pytest.param("Authorities said on Monday that the road was closed.", ["Monday"], "Authorities say the road was closed",
                 id="a-plural-opening-the-sentence"),
    pytest.param("Apple Inc. announces it will give owners of its new iPhone 4 a free case in response to complaints about "
                 "the antenna on the device.", [], "Apple Inc. announces it will give owners of its new iPhone 4 a free case",
                 id="no-cut-after-in-response"),
])
def test_drafted_titles_read_as_headlines_and_are_never_cut_mid_word(sentence, evidence, title):
    from timeline.authoring.suggest import TITLE_LENGTH, draft_title

    drafted = draft_title(sentence, evidence)
    assert drafted == title
    assert len(drafted) <= TITLE_LENGTH and "…" not in drafted


def found(text: str, published: str = "2024-11-07", headline: str = "A headline") -> list[tuple]:
    """Return (date, end, evidence) of each event find_events finds in a made-up article."""
    from timeline.authoring.article import Article
    from timeline.authoring.dated_events import find_events
    from timeline.model.dates import parse_date

    article = Article(text=f"{headline}\n\n{text}", title=headline, publisher="X", published=parse_date(published))
    return [(e.date.iso(), e.end.iso() if e.end else None, e.evidence) for e in find_events(article)]


@pytest.mark.parametrize("text, events", [
    pytest.param("The deal was signed on 3 March. Two days later, the ministers met again.",
     [("2024-03-03", None, ["3 March"]), ("2024-03-05", None, ["Two days later"])], id="two-days-later"),
    pytest.param("A jury convicted him on 14 March. Later that month, he resigned. Days later, the council met.",
     [("2024-03-14", None, ["14 March"]), ("2024-03", None, ["Later that month"]), ("2024-03", None, ["Days later"])],
     id="later-that-month-and-days-later"),
    pytest.param("Crews will measure high flows for the remainder of the week.",
                 [("2024-11", None, ["the remainder of the week"])], id="the-remainder-of-the-week"),
    pytest.param("The storm hit on 3 March. Crews worked throughout the day to restore power.",
                 [("2024-03-03", None, ["3 March"]), ("2024-03-03", None, ["throughout the day"])],
                 id="throughout-the-day-told"),
    pytest.param("A search was begun last Friday evening and continued until yesterday.",
     [("2024-11-01", "2024-11-06", ["last Friday evening and continued until yesterday"])], id="begun-until"),
    pytest.param("Talks began on 3 March. They resumed on the 6th.",
     [("2024-03-03", None, ["3 March"]), ("2024-03-06", None, ["the 6th"])], id="the-6th-after-a-date"),
    pytest.param("Talks resumed on the 6th.", [("2024-11-06", None, ["the 6th"])], id="the-6th"),
    pytest.param("The court will rule on the 12th.", [("2024-11-12", None, ["the 12th"])], id="the-12th-ahead"),
    pytest.param("He finished 2nd on the 5th floor.", [], id="ordinals-that-date-nothing"),
    pytest.param("The exhibition ran from 3 March to 10 April.", [("2024-03-03", "2024-04-10", ["3 March to 10 April"])],
                 id="from-to"),
    pytest.param("Voting will take place between March and May.", [("2025-03", "2025-05", ["March and May"])],
                 id="between-and"),
    pytest.param("The two-day summit ending Wednesday produced no agreement.", [("2024-11-05", "2024-11-06", ["Wednesday"])],
                 id="two-day-ending"),
    pytest.param("A three-day festival starting on Friday will close the season.", [("2024-11-08", "2024-11-10", ["Friday"])],
                 id="three-day-starting"),
    pytest.param("Today's line of contact runs along the river.", [], id="today-s-thing"),
    pytest.param("The party won last year's general election.", [("2023", None, ["last year"])],
                 id="last-year-s-election"),
    pytest.param("This year's festival has a new stage.", [], id="this-year-s-edition"),
    pytest.param("Monday's vote was postponed.", [("2024-11-04", None, ["Monday"])], id="monday-s-vote"),
    pytest.param("Doctors will vaccinate children over the next four days.", [("2024-11-07", "2024-11-10", ["the next four days"])],
                 id="over-the-next-days"),
    pytest.param("Work will begin in March 2025 and be completed in May 2026.",
     [("2025-03", "2026-05", ["March 2025 and be completed in May 2026"])], id="begin-and-be-completed"),
    pytest.param("The fishery will reopen at 12:01 am, local time, on 1 December, and close at 12:01 am, local time, on "
                 "26 December.", [("2024-12-01", "2024-12-26", ["1 December, and close at 12:01 am, local time, on "
                                                                "26 December"])], id="reopen-and-close-at-hours"),
    pytest.param("The storm touched land in the province on Monday night and left the island on Tuesday morning.",
                 [("2024-11-04", "2024-11-05", ["Monday night and left the island on Tuesday morning"])],
                 id="touched-land-and-left"),
    pytest.param("The company started selling the phone in China on Monday and in India on Tuesday.",
                 [("2024-11-04", None, ["Monday"])], id="two-starts-not-a-span"),
    pytest.param("As of this week, the party has 306 seats.", [], id="as-of-this-week-a-status"),
    pytest.param("This week is an opportunity to highlight vaccination.", [], id="this-week-as-a-topic"),
    pytest.param("Investment stock reached £2 trillion in 2021, creating jobs.", [], id="a-figure-reached"),
    pytest.param("The Commission welcomes today’s approval of the agreement.", [("2024-11-07", None, ["today"])],
                 id="today-s-approval"),
    pytest.param("Parliament debates the bill this week.", [("2024-11", None, ["this week"])],
                 id="a-present-that-is-to-come"),
    pytest.param("Other offences which saw sentence increases in 2022 included robbery.", [], id="saw-increases-in-a-year"),
    pytest.param("The ship will resupply stations during the upcoming 2025 to 2026 season.",
                 [("2025", "2026", ["2025 to 2026"])], id="a-season-of-two-years"),
    pytest.param("Already 1,069 people have died of Ebola this year.", [], id="a-running-count-this-year"),
    pytest.param("Today we have the second half of a report on the WTO.", [], id="today-we-have-a-report"),
    pytest.param("He said they brought about last week's tragedy.", [("2024", None, ["last week"])],
                 id="last-week-s-tragedy"),
    pytest.param("Over the course of the weekend, the man was seen several times.", [("2024-11", None, ["the weekend"])],
                 id="over-the-course-of-the-weekend"),
    pytest.param("The landing will come about 50 days later, around Aug. 6, after the launch.",
                 [("2025-08-06", None, ["Aug. 6"])], id="a-count-restated-by-its-date"),
    pytest.param("Some experts believe the winner this year may be Japan.", [], id="a-state-of-the-year"),
    pytest.param("Convicted on 1 November by a jury, the sergeant was today sentenced to 90 days.",
                 [("2024-11-07", None, ["today"])], id="a-leading-participle-is-an-aside"),
    pytest.param("The committee has awarded this year's Nobel Prize in Chemistry.", [], id="this-year-s-named-prize"),
    pytest.param("Finland may tighten gun laws after this week's Jokela school shooting.", [("2024-11", None, ["this week"])],
                 id="this-week-s-named-shooting"),
    pytest.param("She has defended a 2017 military campaign.", [], id="a-year-naming-a-campaign"),
    pytest.param("He was injured in a 2009 improvised explosive device attack.", [("2009", None, ["2009"])],
                 id="a-year-of-an-attack"),
    pytest.param("She worked on the Good Friday Agreement.", [], id="a-holiday-in-a-name"),
    pytest.param("He has a preview of Friday's Group-B contest.", [("2024-11-08", None, ["Friday"])],
                 id="friday-s-named-contest"),
    pytest.param("VOA is providing coverage of this weekend's G-20 Summit.", [("2024-11", None, ["this weekend"])],
                 id="this-weekend-s-g20-summit"),
    pytest.param("Most eruptions are small, although the April-May 1999 event generated an ash column that reached "
                 "45,000 ft.", [("1999-04", "1999-05", ["April-May 1999"])], id="a-month-span-and-a-measure"),
    pytest.param("Australia won the tip but spent much of the first quarter tied with Britain.", [],
                 id="a-quarter-of-a-game"),
    pytest.param("The crew spotted a light around midnight.", [], id="midnight-alone-is-no-day"),
    pytest.param("The spacewalk will be the third station spacewalk this year.", [], id="an-ordinal-count-this-year"),
    pytest.param("In yesterday's men's first place final, Australia won.", [("2024-11-06", None, ["yesterday"])],
                 id="a-possessive-after-a-possessive"),
    pytest.param("Let's take a look at some of the important stories of 2008.", [], id="a-look-at-a-year"),
    pytest.param("A recovery centre is opening, 9 November, to help those hit by the storms of 1-2 November.",
                 [("2024-11-09", None, ["9 November"])], id="a-day-before-a-later-span"),
    pytest.param("The ministry announced Monday that a girl died on November 1.", [("2024-11-01", None, ["November 1"])],
                 id="the-happening-not-its-announcing"),
    pytest.param("The agency announced today that it will hold talks in December.",
                 [("2024-11-07", None, ["today"])], id="an-announced-month-leaves-the-day"),
    pytest.param("The week-long festival beginning 1 December will feature 40 bands.",
                 [("2024-12-01", "2024-12-07", ["1 December"])], id="a-week-long-span-from-its-start"),
    pytest.param("The two-week trial starting 3 March drew crowds.", [("2024-03-03", "2024-03-16", ["3 March"])],
                 id="a-two-week-span-from-its-start"),
    pytest.param("Figures for October were revised.", [], id="figures-for-a-month"),
    pytest.param("NASA reschedules the launch for Saturday.", [("2024-11-09", None, ["Saturday"])],
                 id="a-launch-for-a-day"),
    pytest.param("“Will it be ready by the 27th?”, a reporter asked on Saturday 2.", [("2024-11-02", None, ["Saturday 2"])],
                 id="the-asking-not-the-quote"),
    pytest.param("Friday's scheduled launch has been postponed 24 hours.", [("2024-11-09", None, ["Friday"])],
                 id="postponed-by-a-length"),
    pytest.param("The summit, originally set for December 5, will now take place on January 12.",
                 [("2025-01-12", None, ["January 12"])], id="will-now-take-place-on"),
    pytest.param("This report covers news and events from 9 to 21 October.", [], id="a-report-s-period"),
    pytest.param("Centres are open 8 a.m. to 7 p.m. Monday through Friday.", [], id="opening-hours"),
    pytest.param("The talk is on Nov. 14, 2:30 p.m.-5:30 p.m. in Denver.",
                 [("2024-11-14", None, ["Nov. 14, 2:30 p.m."])], id="a-day-s-hours-are-no-year-long-span"),
    pytest.param("WHEN: Friday, November 22, 10:00 a.m. - 11:00 a.m.",
                 [("2024-11-22", None, ["Friday, November 22, 10:00 a.m."])], id="the-hours-of-one-day"),
    pytest.param("The helpline is available from 8:00 a.m. to 10:00 p.m. daily.", [], id="hours-daily"),
    pytest.param("Today, most water systems meet the standards.", [], id="today-as-nowadays"),
    pytest.param("Today, the minister announced her resignation.", [("2024-11-07", None, ["Today"])],
                 id="today-with-a-past-tense"),
    pytest.param("This year, fifty-eight are from other countries.", [], id="this-year-as-a-state"),
    pytest.param("This year the Chicago Bears face the Indianapolis Colts.", [("2024", None, ["This year"])],
                 id="this-year-naming-who"),
    pytest.param("This month we are excited to celebrate our 96th birthday.", [("2024-11", None, ["This month"])],
                 id="this-month-celebrating"),
    pytest.param("According to a release, the event is one of 60 planned this year.", [("2024", None, ["this year"])],
                 id="this-year-s-event"),
    pytest.param("Rivers were still high yesterday after the storm of 1-3 November.", [("2024-11-06", None, ["yesterday"])],
                 id="the-storm-of-a-date"),
    pytest.param("The three-day hearing will convene at 9:00 a.m. on Tuesday, 12 November.",
     [("2024-11-12", "2024-11-14", ["Tuesday, 12 November"])], id="three-day-hearing-convening"),
    pytest.param("The city has been the epicentre since 2003 when officials suspended vaccinations for 13 months.",
     [("2003", None, ["2003"])], id="since-when"),
    pytest.param("The city has recorded 164 cases since 2003.", [], id="running-total"),
    pytest.param("Athletes arrived for the opening of the 2016 summer games.", [], id="year-naming-games"),
    pytest.param("The Champions League 2017–2018 draw was held at Nyon.", [], id="a-season-naming-a-contest"),
    pytest.param("Expo 2020 drew crowds.", [], id="a-year-ending-a-name"),
    pytest.param("In addition to the 2010 honorees, the show will air.", [], id="a-year-describing-people"),
    pytest.param("The 2019 floods killed 12.", [("2019", None, ["2019"])], id="a-year-describing-an-event"),
    pytest.param("At the 2012 London games, the United States won 46 gold medals.", [("2012", None, ["2012"])],
                 id="at-the-games-of-a-year"),
    pytest.param("Arizona and Illinois hold 2020 US presidential primaries", [], id="a-year-naming-primaries"),
    pytest.param("31 Years Later, the Lights Come Back On.", [], id="later-than-nothing-said"),
    pytest.param("Ships will deploy from June into November.", [("2025-06", "2025-11", ["June into November"])],
                 id="from-into"),
    pytest.param("Students who attend college between July 1, 2025, and June 30, 2026, should apply.",
                 [("2025-07-01", "2026-06-30", ["July 1, 2025, and June 30, 2026"])], id="a-span-with-commas"),
    pytest.param("In the coming weeks, the minister will launch initiatives.", [], id="in-the-coming-weeks"),
    pytest.param("Over the next two weeks, people should seek care as usual.", [], id="over-the-next-two-weeks"),
    pytest.param("In the coming days they will meet.", [], id="in-the-coming-days-dates-nothing"),
    pytest.param("Strikes will cause major disruption over the next week.", [("2024-11", None, ["the next week"])],
                 id="over-the-next-week-is-its-month"),
    pytest.param("The closure is in effect September 15, 2024 through December 31, 2024.",
                 [("2024-09-15", "2024-12-31", ["September 15, 2024 through December 31, 2024"])],
                 id="written-dates-through-are-a-span"),
    pytest.param("The hearing was moved March 3 to March 10.", [("2024-03-10", None, ["March 3 to March 10"])],
                 id="moved-without-from"),
    pytest.param("Offices are open Monday through Friday.", [], id="weekdays-through-are-hours"),
    pytest.param("Crews will work Monday through Friday; the museum opens Tuesday to Sunday.", [],
                 id="a-working-week-and-opening-days"),
    pytest.param("Houses fell in this morning's aftershock. Later in the morning, more damage was reported.",
                 [("2024-11-07", None, ["this morning"]), ("2024-11-07", None, ["Later in the morning"])],
                 id="this-morning-s-aftershock-and-later-in-the-morning"),
    pytest.param("Winners go to April's National Science Bowl. September is National Preparedness Month.",
                 [("2025-04", None, ["April"])], id="a-month-s-bowl-and-a-month-s-name"),
    pytest.param("The conference runs Tuesday through Thursday.",
                 [("2024-11-12", "2024-11-14", ["Tuesday through Thursday"])], id="an-event-s-weekdays-through"),
    pytest.param("Offices open Monday-Friday.", [], id="weekdays-with-a-dash-are-hours"),
    pytest.param("Doctors will strike for five consecutive days – starting from Monday.",
                 [("2024-11-11", "2024-11-15", ["Monday"])], id="consecutive-days-starting-from"),
    pytest.param("The harvest will reopen September 1, 2025, and close on October 26, 2025.",
                 [("2025-09-01", "2025-10-26", ["September 1, 2025, and close on October 26, 2025"])],
                 id="reopen-and-close"),
    pytest.param("The low approaches the coast this week. It is likely to strengthen into a cyclone late Monday, "
                 "into early Tuesday.", [("2024-11", None, ["this week"]),
                                         ("2024-11-11", "2024-11-12", ["late Monday, into early Tuesday"])],
                 id="a-next-step-is-not-the-vague-sentence-s-day"),
    pytest.param("The exhibition runs January–March 2025.", [("2025-01", "2025-03", ["January–March 2025"])],
                 id="months-with-a-dash"),
    pytest.param("Rain is forecast Tuesday into Wednesday.", [("2024-11-12", "2024-11-13", ["Tuesday into Wednesday"])],
                 id="a-day-into-the-next"),
    pytest.param("Hearings are scheduled for the week of March 9.", [("2025-03", None, ["the week of March 9"])],
                 id="the-week-of-a-day-is-its-month"),
    pytest.param("Air Force won for the first time since 2018.", [], id="first-time-since-a-yardstick"),
    pytest.param("She became the first woman to win the race since 2003. The eruption, the volcano's first since 2018, "
                 "sent ash into the sky.", [], id="the-first-to-win-since-a-yardstick"),
    pytest.param("See the News Release Schedule for upcoming release dates throughout 2019.", [],
                 id="a-pointer-to-a-schedule"),
    pytest.param("Here are some of the top cases of 2009, in reverse chronological order:", [], id="a-list-s-opening"),
    pytest.param("A list of the laureates can be found at www.loc.gov/poetry/laureate-2001-present.html.", [],
                 id="a-year-in-an-address"),
    pytest.param("This is the sixth reopening since July 22.", [], id="an-ordinal-count-since"),
    pytest.param("Voting opened on June 20, 2024 and will end on June 29.",
                 [("2024-06-20", "2024-06-29", ["June 20, 2024 and will end on June 29"])], id="opened-and-will-end"),
    pytest.param("Both leaders have visited the town in recent days.", [("2024-11", None, ["recent days"])],
                 id="in-recent-days"),
    pytest.param("A correspondent contacted him a few weeks ago.", [("2024-10", None, ["a few weeks ago"])],
                 id="a-few-weeks-ago-is-two-to-four"),
    pytest.param("Despite bad weather, 176 fugitives have surrendered over the past two days.", [],
                 id="a-count-over-the-past-days"),
    pytest.param("It was the best result for any party since New Zealand's 1996 reform.", [],
                 id="best-since-a-yardstick"),
    pytest.param("In 2021, the UK exported £21.3 million of gin to Australia.", [], id="a-figure-for-a-year"),
    pytest.param("Turnout in 2004 was a record 85%. Last year, the deficit was more than $375 billion.", [],
                 id="a-figure-stated-for-a-year"),
    pytest.param("The FBI worked thousands of investigations during 2009.", [], id="a-headcount-for-a-year"),
    pytest.param("Last month, the teams -- made up of over 1,000 students -- started work on the village.",
                 [("2024-10", None, ["Last month"])], id="made-up-of-is-no-figure"),
    pytest.param("Officials will conduct a July lottery, and this year's lottery has been increased to 1,000 entries.",
                 [("2025-07", None, ["July"])], id="a-headcount-in-another-clause"),
    pytest.param("The IMF says the world economy will shrink by one and three-tenths percent this year.", [],
                 id="a-forecast-figure-for-a-year"),
    pytest.param("The first lawsuit was settled in 1981, with Apple paying $80,000.", [("1981", None, ["1981"])],
                 id="an-event-with-an-amount"),
    pytest.param("Cans with a Best By date of Feb. 13, 2019 are recalled.", [], id="best-by-date"),
    pytest.param("Agents answered calls over the holiday weekend.", [("2024-11", None, ["the holiday weekend"])],
                 id="the-holiday-weekend"),
    pytest.param("Many people spent the Memorial Day weekend at home.", [("2024-05", None, ["Memorial Day weekend"])],
                 id="a-holiday-weekend-is-its-month"),
    pytest.param("Experts will tour the coast in a five-day tour beginning Apr. 14 to warn of storms that can and have "
                 "threatened it.", [("2025-04-14", "2025-04-18", ["Apr. 14"])], id="a-relative-clause-keeps-its-tense"),
    pytest.param("The quake struck two days before the Chinese Lunar New Year celebrations.",
                 [("2024-02-08", None, ["two days before the Chinese Lunar New Year"])], id="days-before-a-holiday"),
    pytest.param("Further dry weather is forecasted for August.", [("2025-08", None, ["August"])],
                 id="forecasted-for-a-month"),
    pytest.param("Quebec election called for December.", [("2024-12", None, ["December"])], id="called-for-a-month"),
    pytest.param("Leaders called for calm on Monday.", [("2024-11-04", None, ["Monday"])], id="called-for-calm"),
    pytest.param("The centre opens in 10 days' time.", [("2024-11-17", None, ["10 days'"])], id="in-ten-days-time"),
    pytest.param("The results come out in a month's time.", [("2024-12", None, ["a month"])], id="in-a-month-s-time"),
    pytest.param("The election is just three days away.", [("2024-11-10", None, ["three days"])], id="days-away"),
    pytest.param("The plant will open in two weeks.", [("2024-11", None, ["two weeks"])], id="in-two-weeks-a-month"),
    pytest.param("He spent two weeks away from home.", [], id="away-from-is-a-place"),
    pytest.param("The plant will close eight years from now.", [("2032", None, ["eight years"])], id="years-from-now"),
    pytest.param("So far in January, activity has remained strong.", [], id="so-far-in-a-month"),
    pytest.param("As of 12:20 on Wednesday 6 November, there are 84 flood warnings.", [], id="as-of-a-clock-time"),
    pytest.param("As of Monday morning, no buyer has come through for the firm.", [], id="as-of-what-has-happened-by-then"),
    pytest.param("The IMF says the world will slowly return to growth of almost two percent next year.", [],
                 id="a-growth-forecast-for-a-year"),
    pytest.param("Child sex offence cases saw the greatest number of prison sentence increases by the Court of Appeal "
                 "last year.", [], id="the-greatest-number-of-a-year-told-far-before-it"),
    pytest.param("The following information is current as of Nov. 13.", [], id="current-as-of"),
    pytest.param("The new rules are in effect as of Nov. 13.", [("2024-11-13", None, ["Nov. 13"])],
                 id="in-effect-as-of-is-a-start"),
    pytest.param("Judge Merchan, who presided over the case, has set a sentencing hearing for July 11.",
                 [("2025-07-11", None, ["July 11"])], id="has-set-a-hearing-for"),
    pytest.param("The filing deadline for loan applications through the SBA is June 11.",
                 [("2025-06-11", None, ["June 11"])], id="a-deadline-is-ahead"),
    pytest.param("Applicants missed the June 11 deadline.", [("2024-06-11", None, ["June 11"])],
                 id="a-missed-deadline-is-past"),
    pytest.param("Here are updates from parks, as of yesterday morning.", [], id="as-of-yesterday"),
    pytest.param("As of early today local time, the Associated Press reported no overall results yet for the races.", [],
                 id="as-of-early-today"),
    pytest.param("This will enter into effect as of 15 December 2024.", [("2024-12-15", None, ["15 December 2024"])],
                 id="in-effect-as-of"),
    pytest.param("Since publication of the Feb. 9 notice, EPA has received requests.", [], id="a-dated-notice"),
    pytest.param("She was killed in Feb this year.", [("2024-02", None, ["Feb this year"])], id="a-short-month-this-year"),
    pytest.param("Owners who suffered damages because of September's flooding can register.",
                 [("2024-09", None, ["September"])], id="a-month-s-flooding"),
    pytest.param("The talks collapsed on the weekend.", [("2024-11", None, ["the weekend"])], id="on-the-weekend"),
    pytest.param("Leaders will gather for next week's summit.", [("2024-11", None, ["next week"])],
                 id="next-week-s-summit"),
    pytest.param("Last week's extreme high temperatures are now behind us.", [("2024", None, ["Last week"])],
                 id="last-week-s-temperatures"),
    pytest.param("There have been several smaller quakes since Saturday.", [], id="a-count-since-a-day"),
    pytest.param("More than 800 people have been hurt since the first quake struck on Thursday.", [],
                 id="a-count-since-a-clause"),
    pytest.param("No individuals have become sick since late October 2024.", [], id="none-since"),
    pytest.param("The centre, which monitors disasters 24/7, has been in contact with them since yesterday evening.",
                 [("2024-11-06", None, ["yesterday evening"])], id="round-the-clock-counts-nothing"),
    pytest.param("Lava fountains reached about 50 m (164 ft) during the past day.",
                 [("2024-11-07", None, ["the past day"])], id="during-the-past-day"),
    pytest.param("The 76-year-old has been held since her arrest on February 1.", [("2024-02-01", None, ["February 1"])],
                 id="an-age-counts-nothing"),
    pytest.param("He was the victim of fraud in this month's run-off election.", [("2024-11", None, ["this month"])],
                 id="this-month-s-election"),
    pytest.param("Highlights in this week's report include protests.", [], id="this-week-s-report-with-no-tense"),
    pytest.param("This week's report begins in Mexico, where the Senate approved a law.", [],
                 id="this-week-s-report-is-the-report-itself"),
    pytest.param("Top Ten News Stories for the Week Ending May 22, 2024", [], id="the-week-ending-a-day"),
    pytest.param("Women in American politics is our report this week.", [], id="our-report-this-week"),
    pytest.param("Today, we tell about the Academy Awards.", [], id="today-we-tell-about"),
    pytest.param("Today's status reports follow.", [], id="today-s-reports-follow"),
    pytest.param("Here's today's park status report:", [], id="today-s-park-status-report"),
    pytest.param("Today's figures showed that most leavers found work.", [("2024-11-07", None, ["Today"])],
                 id="today-s-figures-showed-a-release"),
    pytest.param("One of the top stories in business news this week was a merger.", [],
                 id="in-business-news-this-week"),
    pytest.param("Sessions were held on 17 and 24 October. Officers found that between October 4 and 19, birds were "
                 "harmed.", [("2024-10-17", None, ["17 and 24 October"]), ("2024-10-04", "2024-10-19",
                                                                          ["October 4 and 19"])],
                 id="two-days-apart-and-between-two-days"),
    pytest.param("The agency will hold public meetings on Tuesday and Wednesday evenings.",
                 [("2024-11-12", "2024-11-13", ["Tuesday and Wednesday evenings"])], id="a-plural-part-of-day"),
    pytest.param("During the last two months of 2023, 250 volunteers were sworn in.",
                 [("2023-11", "2023-12", ["the last two months of 2023"])], id="the-last-two-months-of-a-year"),
    pytest.param("Offenders have had their sentences increased during the first three months of this year.",
                 [("2024-01", "2024-03", ["the first three months of this year"])], id="the-first-months-of-this-year"),
    pytest.param("Officials will be available weekdays now through next Wednesday. The centre has helped 6,160 "
                 "people since opening on Nov. 26, 2023. Since taking office in 2021, the mayor has opened 12 libraries.",
                 [("2024-11-07", "2024-11-13", ["now", "next Wednesday"])], id="now-through-and-since-doing"),
    pytest.param("On Nov. 26-28, a conference titled \"New Work\" will be held. The window for the January 2025 intake "
                 "will open on 20 November.", [("2024-11-26", "2024-11-28", ["Nov. 26-28"]),
                                                ("2024-11-20", None, ["20 November"])],
                 id="a-title-and-a-named-month-s-year-are-no-tense-or-year"),
    pytest.param("Between 1:15pm and 4:15pm today, drivers were stopped. A 17-year-old will appear in court on 24 "
                 "November charged with theft. The siren test is on 20 November. During the test, sirens will sound.",
                 [("2024-11-07", None, ["4:15pm today"]), ("2024-11-24", None, ["24 November"]),
                  ("2024-11-20", None, ["20 November"]), ("2024-11-20", None, ["During the test"])],
                 id="one-day-s-hours-a-participle-and-during-the-test"),
    pytest.param("A journalist asked if the bulletin would be published this week. When asked whether there had been a "
                 "discussion, he replied that the cabinet met today. \"We hope people will come on 14 December\" said "
                 "Mr Bush.", [("2024-11-07", None, ["today"]), ("2024-12-14", None, ["14 December"])],
                 id="a-question-and-a-quote-closed-without-a-comma"),
    pytest.param("Among those speaking at Monday night's forum will be a scientist who led a survey in 1998.",
                 [("2024-11-11", None, ["Monday night"])], id="a-forum-named-by-its-day"),
    pytest.param("From Wikinews, this is the Audio Wikinews Brief for Thursday, November 7, 2024.", [],
                 id="a-brief-for-its-own-day"),
    pytest.param("Today's broadcast bulletins lead with reporting that the truce which came into effect last night has "
                 "held.", [("2024-11-06", None, ["last night"])], id="today-s-bulletins-report-last-night"),
    pytest.param("This week's report begins in Gambia, where a new law will go into force this week.",
                 [("2024-11", None, ["this week"])], id="the-report-and-an-event-this-week"),
    pytest.param("She won her first election twenty years ago this June.",
                 [("2004-06", None, ["twenty years ago this June"])], id="years-ago-this-month"),
    pytest.param("Black Friday and Cyber Monday sales beat Super Tuesday turnout.", [], id="named-days-as-topics"),
    pytest.param("Athletes will compete here Sunday through November 14.",
                 [("2024-11-10", "2024-11-14", ["Sunday through November 14"])], id="a-weekday-through-a-date"),
    pytest.param("Lines are open from 7 a.m. to 7 p.m. through Saturday, Nov. 9.",
                 [("2024-11-09", None, ["Saturday, Nov. 9"])], id="hours-through-a-day-are-no-span"),
    pytest.param("The trials begin on Sunday.\n\nThe schedule:\n\n– Cycling at 8 a.m. Sunday.\n\n– Shooting at 9 a.m. "
                 "Monday.", [("2024-11-10", None, ["Sunday"]), ("2024-11-10", None, ["8 a.m. Sunday"]),
                             ("2024-11-11", None, ["9 a.m. Monday"])], id="a-schedule-of-clock-times-and-weekdays"),
    pytest.param("After the vote on Monday, the leader announced his resignation.",
                 [("2024-11-04", None, ["Monday"])], id="announced-an-act-is-no-attribution"),
    pytest.param("The season, which begins in December and runs through the end of February, is busy.",
                 [("2024-12", "2025-02", ["December and runs through the end of February"])],
                 id="begins-in-a-month-and-runs-through-another"),
    pytest.param("The 30-day comment period begins April 23 and closes May 23.",
                 [("2025-04-23", "2025-05-23", ["April 23 and closes May 23"])], id="a-length-and-its-written-end"),
    pytest.param("The fair will take place over three days, starting on 4 December.",
                 [("2024-12-04", "2024-12-06", ["4 December"])], id="over-three-days-starting"),
    pytest.param("In 1998 Apple introduced the iMac, in 2001 the iPod.", [("1998", None, ["1998"])],
                 id="a-year-before-a-name-after-in"),
    pytest.param("The company fined under the Migratory Birds Convention Act, 1994", [], id="an-act-s-year"),
    pytest.param("The Sarbanes-Oxley Act of 2002 gave the SEC authority.", [], id="an-act-of-a-year"),
    pytest.param("The heat season runs from May to October every year.", [], id="a-span-every-year"),
    pytest.param("However, by the end of 2023, the company had lost more than $1.4 billion.", [],
                 id="a-total-by-a-date"),
    pytest.param("By Friday, the storm had moved north.", [("2024-11-01", None, ["Friday"])], id="a-move-by-a-day"),
    pytest.param("According to Barbados Today, changes are coming to the exams.", [], id="a-paper-named-today"),
    pytest.param("Census takers will visit homes that haven't yet responded beginning August 11.",
                 [("2025-08-11", None, ["August 11"])], id="not-yet-done-is-no-past"),
    pytest.param("The data will be analysed during the next five days and reviewed at a meeting on Wednesday, Nov. 13.",
                 [("2024-11-13", None, ["Wednesday, Nov. 13"])], id="a-day-over-the-next-days"),
    pytest.param("The vote is two weeks from Tuesday.", [("2024-11-26", None, ["two weeks from Tuesday"])],
                 id="weeks-from-a-weekday"),
    pytest.param("The line takes calls seven days a week from 6 a.m. to midnight.", [], id="a-week-from-a-clock-time"),
    pytest.param("The quake was stronger than the 1985 quake that killed thousands.", [], id="the-year-s-quake-compared"),
    pytest.param("The 2019 show has been modified to mark the anniversary.", [], id="the-year-s-show"),
    pytest.param("In the 2016 election, Sanders lost the caucuses.", [("2016", None, ["2016"])],
                 id="in-the-year-s-election"),
    pytest.param("FAA Expects Busiest Thanksgiving Travel Period in 15 Years", [], id="the-busiest-in-years"),
    pytest.param("The Mac market share is up 82% from 9 months ago.", [], id="from-months-ago"),
    pytest.param("Prices were 4 percent higher than a year earlier.", [], id="higher-than-a-year-earlier"),
    pytest.param("Since DOE's Science Bowl began in 1991, more than 100,000 students have taken part.", [],
                 id="a-count-since-a-name-s-beginning"),
    pytest.param("Sales in the first quarter were up 5 percent from a year earlier.", [],
                 id="a-quarter-s-figure-up-from-a-year-earlier"),
    pytest.param("The class of 2025 will be the largest in the school's history.", [], id="the-class-of-a-year"),
    pytest.param("Rescue crews responded to a total of 12 search and rescue cases during Memorial Day weekend.", [],
                 id="a-tally-of-cases-over-a-weekend"),
    pytest.param("Sales rose in the first half of 2024. Prices jumped last month. Hospital admissions peaked in early "
                 "October.", [], id="a-figure-moved-over-a-period"),
    pytest.param("Qantas shares rose as much as 9.3 percent on Wednesday. The index closed at 4,500 points on Friday. "
                 "U.S. stocks rose in early trading Monday, after figures showed the jobless rate was 8.6 percent.",
                 [("2024-11-04", None, ["Monday"])], id="a-market-s-move-by-an-amount-on-a-day"),
    pytest.param("The river typically peaks in April. The park sees 2 million visitors a year, most of them in July. "
                 "The agency's budget for fiscal year 2025 is $3 billion. Normals for the region range from 16 to 23 "
                 "inches from March through August. He said that today more than a third of volunteers serve there.",
                 [], id="habits-and-a-fiscal-year-s-figure"),
    pytest.param("NASA will hold a news conference on Monday, Nov. 11. The briefing will be held at the Newseum. "
                 "During the briefing, NASA will announce the winners.",
                 [("2024-11-11", None, ["Monday, Nov. 11"]), ("2024-11-11", None, ["During the briefing"])],
                 id="during-an-event-the-sentence-after-named"),
    pytest.param("The July 1, 2024, population estimates for the nation come out today.", [("2024-11-07", None, ["today"])],
                 id="a-date-between-commas-naming-estimates"),
    pytest.param("Cisco has promised a compatible release before the end of the month.",
                 [("2024-11", None, ["the end of the month"])], id="promised-before-the-end-of-the-month"),
    pytest.param("In a November 1 press conference, Jobs said buyers would get a free case.",
                 [("2024-11-01", None, ["November 1"])], id="an-opening-phrase-and-its-saying"),
    pytest.param("Large waves are also forecast over the weekend and into Monday.",
                 [("2024-11-09", "2024-11-11", ["the weekend and into Monday"])], id="the-weekend-and-into-monday"),
    pytest.param("The festival took place on 7, 8 and 9 June.", [("2024-06-07", "2024-06-09", ["7, 8 and 9 June"])],
                 id="days-listed"),
    pytest.param("The storm is forecast to make landfall late Thursday or early Friday.",
                 [("2024-11-07", "2024-11-08", ["late Thursday or early Friday"])], id="the-night-between-two-days"),
    pytest.param("It ended late Monday; early Tuesday, crews returned.", [("2024-11-04", None, ["late Monday"])],
                 id="late-and-early-in-two-clauses"),
    pytest.param("The strike lasted from Wednesday to Monday.", [("2024-10-30", "2024-11-04", ["Wednesday to Monday"])],
                 id="weekdays-across-a-weekend"),
    pytest.param("More rain is expected on Thursday and Friday.", [("2024-11-07", "2024-11-08", ["Thursday and Friday"])],
                 id="today-and-tomorrow-by-their-names"),
    pytest.param("The exhibition opened on Monday and runs until 2 March.",
                 [("2024-11-04", "2025-03-02", ["Monday and runs until 2 March"])], id="an-end-in-the-next-year"),
    pytest.param("Police were called to a burglary on Tuesday. A short time later, police responded to a second "
                 "burglary.", [("2024-11-05", None, ["Tuesday"]), ("2024-11-05", None, ["A short time later"])],
                 id="a-short-time-later"),
    pytest.param("The hikers went missing on Tuesday. Within three hours, two of them were found. Within 24 hours, "
                 "the river rose.", [("2024-11-05", None, ["Tuesday"]), ("2024-11-05", None, ["Within three hours"])],
                 id="within-a-few-hours-not-a-day-s"),
    pytest.param("The deal takes effect on 1 February 2025. From that moment, firms will pay less.",
                 [("2025-02-01", None, ["1 February 2025"]), ("2025-02-01", None, ["From that moment"])],
                 id="from-that-moment"),
    pytest.param("Schools opened on Tuesday. It was at this point that the minister closed them.",
                 [("2024-11-05", None, ["Tuesday"]), ("2024-11-05", None, ["It was at this point"])],
                 id="it-was-at-this-point"),
    pytest.param("Police were called to a burglary on Tuesday. The shop sells shoes. It opened in May. At that time, "
                 "it sold hats.", [("2024-11-05", None, ["Tuesday"]), ("2024-05", None, ["May"])],
                 id="at-that-time-of-a-month-is-not-a-day"),
    pytest.param("More flights are planned for the first week of December. About 99 people will arrive that week.",
                 [("2024-12", None, ["December"]), ("2024-12", None, ["that week"])], id="that-week-of-a-month-told"),
    pytest.param("The plant closed in 2010. The next year, the town lost its school.",
                 [("2010", None, ["2010"]), ("2011", None, ["The next year"])], id="the-next-year-after-a-year"),
    pytest.param("Engineers supported last week's commercial moon landings.", [("2024", None, ["last week"])],
                 id="last-week-s-landings"),
    pytest.param("That is why the government is putting money into councils from this month.",
                 [("2024-11", None, ["this month"])], id="this-month-in-the-present-progressive"),
    pytest.param("Roads will be free of roadworks over the Easter holidays.", [("2025-04", None, ["Easter holidays"])],
                 id="the-easter-holidays-are-their-month"),
    pytest.param("The embargo runs from Tuesday, 12 November, at 10 a.m. EST to Thursday, 14 November, at 12:01 a.m. EST.",
                 [("2024-11-12", "2024-11-14", ["Tuesday, 12 November, at 10 a.m. EST to Thursday, 14 November"])],
                 id="days-with-their-hours"),
    pytest.param("The day is held annually on June 21, around the solstice.", [], id="a-yearly-day"),
    pytest.param("The centres are open from 10 a.m. to 7 p.m. weekdays and 10 a.m. to 5 p.m. on Saturday.", [],
                 id="opening-hours-on-a-day"),
    pytest.param("The fair will run from 10 a.m. to 5 p.m. on Saturday.", [("2024-11-09", None, ["Saturday"])],
                 id="a-future-event-s-hours"),
    pytest.param("It was then, and is still today, held to encourage competition.", [], id="still-today"),
    pytest.param("Roadworks were lifted ahead of Easter.", [], id="ahead-of-a-holiday"),
    pytest.param("A Boxing Day attack left three dead.", [("2023-12-26", None, ["Boxing Day"])], id="a-holiday-s-incident"),
    pytest.param("The line will bring £10 billion into the region over the next decade.", [], id="the-next-decade"),
    pytest.param("The 2020 recreational catch target is 217,100 pounds.", [], id="a-year-describing-a-target"),
    pytest.param("People fell ill between mid-June and late-September 2024.",
                 [("2024-06", "2024-09", ["mid-June and late-September 2024"])], id="a-span-s-year-written-once"),
    pytest.param("Talks will be held between 1:00 p.m. and 2:30 p.m. on 12 November.",
                 [("2024-11-12", None, ["12 November"])], id="hours-are-no-span-of-days"),
    pytest.param("Forecasters say heavy rain is forecast for much of Saturday and into Sunday.",
                 [("2024-11-09", "2024-11-10", ["Saturday and into Sunday"])], id="forecast-and-into"),
    pytest.param("We expect this Thanksgiving travel period to be the busiest, with Tuesday, Nov. 26 the peak.",
                 [("2024-11-26", None, ["Tuesday, Nov. 26"])], id="a-calendar-date-before-a-holiday-s-name"),
    pytest.param("The match on Saturday 9 November was brought forward a day.", [("2024-11-08", None, ["Saturday 9 November"])],
                 id="brought-forward-by-a-length"),
    pytest.param("The vote came a week after the speech on 28 October.",
     [("2024-11-04", None, ["a week after the speech on 28 October"])], id="a-week-after-a-day"),
    pytest.param("The jury deliberated for three days before returning a verdict on Wednesday.",
                 [("2024-11-06", None, ["Wednesday"])], id="a-length-before-a-day-is-no-count"),
    pytest.param("The ban came a month after the attack on 3 August.", [("2024-09", None, ["a month after the attack on 3 August"])],
                 id="a-month-after-a-day"),
    pytest.param("The festival, held every August since 1947, was cancelled.", [], id="every-august-since"),
    pytest.param("Its shares have lost half their value since January.", [], id="a-change-since-a-month"),
    pytest.param("The quake struck on Monday. Aftershocks followed at 8 p.m.", [("2024-11-04", None, ["Monday"])],
                 id="a-clock-time-alone"),
    pytest.param("The deal, signed in 2019, expires next year.", [("2025", None, ["next year"])],
                 id="a-date-in-an-aside"),
    pytest.param("Around 11.47pm on Wednesday evening, police received a report of a burglary. Officers went to the "
                 "shop. Enquiries remain ongoing. A short time later, around 12.45am, police responded to a second "
                 "burglary.", [("2024-11-06", None, ["Wednesday evening"]), ("2024-11-07", None, ["A short time later"])],
                 id="a-short-time-later-past-midnight"),
    pytest.param("On Tuesday, June 4, a ranger met three hikers. They had been lost since Sunday. Rangers searched the "
                 "canyon. Within three hours, two more men were found.",
                 [("2024-06-04", None, ["Tuesday, June 4"]), ("2024-06-02", None, ["Sunday"]),
                  ("2024-06-04", None, ["Within three hours"])], id="soon-after-the-day-told-not-a-state-s-start"),
    pytest.param("From now until 5 December, we will watch the games. Dubrov had spent the last year in space. "
                 "Today's warrant is a further example of our work.",
                 [("2024-11-07", "2024-12-05", ["now", "5 December"]), ("2024-11-07", None, ["Today"])],
                 id="from-now-until-a-length-spent-a-warrant-s-day"),
    pytest.param("This week -- the news from Mars and a report on space.", [], id="a-programme-s-opening-line"),
    pytest.param("The time is 17:00 (UTC) on June 8th, 2006, and this is Audio Wikinews News Briefs.", [],
                 id="a-broadcast-s-own-time"),
    pytest.param("Today is Saturday, April 28, 2012.", [], id="today-is-a-date"),
    pytest.param("A compilation of brief news reports for Wednesday, March 28, 2007.", [], id="news-reports-for-a-day"),
    pytest.param("A man has been missing since the evening of Thursday, October 31. He had gone swimming Thursday "
                 "with friends. The search began Thursday evening.",
                 [("2024-10-31", None, ["Thursday, October 31"]), ("2024-10-31", None, ["Thursday"]),
                  ("2024-10-31", None, ["Thursday evening"])], id="a-weekday-the-text-dated-a-week-back"),
    pytest.param("The search has been suspended near the shoals, Thursday. The man was seen leaving the club on "
                 "Thursday, October 31 at 10 a.m.",
                 [("2024-11-07", None, ["Thursday"]), ("2024-10-31", None, ["Thursday, October 31"])],
                 id="a-weekday-in-the-present-perfect-is-today"),
    pytest.param("FEMA will close two Disaster Recovery Centers (DRCs) as of 2 p.m. Saturday, Nov. 9.",
                 [("2024-11-09", None, ["2 p.m. Saturday, Nov. 9"])], id="will-close-as-of"),
    pytest.param("Over the next month, examiners will visit each applicant. Over the next six months, they will "
                 "judge them.", [("2024", None, ["the next month"])], id="the-next-months-are-their-year"),
    pytest.param("Residents who were evacuated on Sunday can return home tomorrow.",
                 [("2024-11-08", None, ["tomorrow"])], id="a-relative-clause-s-date-weighs-less"),
    pytest.param("The law, passed in 2019, was struck down by the Supreme Court earlier this week.",
                 [("2024-11", None, ["earlier this week"])], id="a-week-outweighs-a-date-in-an-aside"),
    pytest.param("Beginning on Saturday morning, the fair continued through to Sunday.",
     [("2024-11-02", "2024-11-03", ["Saturday morning, the fair continued through to Sunday"])], id="beginning-continued-through"),
    pytest.param("From roughly 1948 to 1951, he edited the magazine.", [("1948", "1951", ["1948 to 1951"])],
                 id="from-roughly"),
    pytest.param("In the 2016–17 season, he led the club to second place.", [("2016", "2017", ["2016–17"])],
                 id="a-season-s-years"),
    pytest.param("The limits came on March 4 and 5 respectively.", [("2024-03-04", None, ["March 4 and 5"])],
                 id="respectively"),
    pytest.param("Funding lapsed in late December and January.", [("2023-12", "2024-01", ["late December and January"])],
                 id="two-months-in-a-row"),
    pytest.param("At the end of last week, talks collapsed.", [("2024-11", None, ["the end of last week"])],
                 id="the-end-of-last-week"),
    pytest.param("Half the city was flooded in the past week.", [("2024-11", None, ["the past week"])],
                 id="in-the-past-week"),
    pytest.param("The buses arrived a few days ago.", [("2024-11", None, ["a few days ago"])], id="a-few-days-ago"),
    pytest.param("Two quakes struck in the past 24 hours.", [("2024-11-07", None, ["the past 24 hours"])],
                 id="the-past-24-hours"),
    pytest.param("Over the last 48 hours, rain fell.", [("2024-11-06", "2024-11-07", ["the last 48 hours"])],
                 id="the-last-48-hours"),
    pytest.param("A reporter called him a few weeks ago.", [("2024-10", None, ["a few weeks ago"])],
                 id="a-few-weeks-ago"),
    pytest.param("Over the last three days, 40 people died.", [("2024-11-05", "2024-11-07", ["the last three days"])],
                 id="the-last-three-days"),
    pytest.param("Rain continued on Monday and lasted until Wednesday.",
     [("2024-11-04", "2024-11-06", ["Monday and lasted until Wednesday"])], id="continued-until"),
    pytest.param("The exhibit is to run from 23 October through 9 December.",
     [("2024-10-23", "2024-12-09", ["23 October through 9 December"])], id="a-span-under-way"),
    pytest.param("Early last week, talks collapsed.", [("2024-10", None, ["Early last week"])], id="early-last-week"),
    pytest.param("Airlines are ready for the busy Thanksgiving travel period.", [], id="a-holiday-as-a-topic"),
    pytest.param("Offices will be closed on Thanksgiving Day.", [("2024-11-28", None, ["Thanksgiving Day"])],
                 id="closed-on-a-holiday"),
    pytest.param("The agency celebrated Earth Day online.", [("2024-04-22", None, ["Earth Day"])],
                 id="celebrates-a-holiday"),
    pytest.param("The games begin tomorrow and continue through 16 November.",
     [("2024-11-08", "2024-11-16", ["tomorrow and continue through 16 November"])], id="begins-and-continues-through"),
    pytest.param("Schedule:\n\nNovember 22: Rocket Fair from 4 – 6:30 p.m. at the East Hall",
     [("2024-11-22", None, ["November 22"])], id="an-agenda-line"),
    pytest.param("Nepal's buses arrived on New Year's day on Thursday, April 14, 2022.",
     [("2022-04-14", None, ["Thursday, April 14, 2022"])], id="a-holiday-restated-by-its-date"),
])
def test_the_finder_dates_events_from_the_story_its_spans_and_its_bare_days(text, events):
    assert found(text) == events


@pytest.mark.parametrize("second, events", [
    ("Documents will be placed in the docket at the start of the hearing.",
     [("2024-11-12", None, ["at the start of the hearing"])]),
    ("During the hearing, the board will question witnesses.",
     [("2024-11-12", "2024-11-14", ["During the hearing"])]),
    ("During the Summit sessions, speakers shared their expertise.", []),
    ("During the flight, the crew slept.", []),
    ("The teams traded leads throughout the hearing.", []),
    ("Damage was done to the building during the hearing.", []),
    ("Reporters were let in the day after the hearing.", [("2024-11-15", None, ["the day after the hearing"])]),
    ("Reporters were let in two days before the hearing.", [("2024-11-10", None, ["two days before the hearing"])]),
    ("Reporters were let in four days after the hearing.", [("2024-11-18", None, ["four days after the hearing"])]),
], ids=["at-the-start-of-it", "during-it", "a-name-is-no-reference", "an-event-not-dated-before",
        "throughout-it-is-a-detail", "during-it-mid-sentence-is-a-detail",
        "the-day-after-a-span", "days-before-it", "four-days-after-it"])
def test_a_time_given_by_an_event_dated_before_takes_its_date(second, events):
    first = "The three-day hearing will convene at 9:00 a.m. on Tuesday, 12 November."
    assert found(f"{first} {second}") == [("2024-11-12", "2024-11-14", ["Tuesday, 12 November"]), *events]

@pytest.mark.parametrize("second, events", [
    ("After the speech the torch will be carried around London.", [("2024-11-12", None, ["After the speech"])]),
    ("Immediately following the speech, experts will take questions.",
     [("2024-11-12", None, ["Immediately following the speech"])]),
    ("A press release will go out the morning of the speech.", [("2024-11-12", None, ["the morning of the speech"])]),
], ids=["after-it", "immediately-following-it", "the-morning-of-it"])
def test_a_sentence_on_the_day_of_an_event_dated_before_to_the_day_takes_that_day(second, events):
    assert found(f"The speech is on Tuesday, 12 November. {second}") == \
        [("2024-11-12", None, ["Tuesday, 12 November"]), *events]


def test_after_an_event_dated_only_to_its_year_dates_nothing():
    assert found("The storm struck in 2008. After the storm hit, leaders asked for help.") == \
        [("2008", None, ["2008"])]


def test_a_vague_date_takes_a_neighbour_s_day_only_when_both_sentences_tell_one_story():
    same = "Earlier this week, the minister met the envoy. The minister said they were meeting on Monday."
    assert found(same) == [("2024-11-04", None, ["Earlier this week", "Monday"])]
    other = "Earlier this week, residents protested the demolition of their homes. Police expelled two reporters " \
            "for filming on Wednesday."
    assert found(other) == [("2024-11", None, ["Earlier this week"]), ("2024-11-06", None, ["Wednesday"])]


def test_a_span_told_by_its_end_starts_on_the_day_the_story_began_it():
    assert found("The tournament opened on Monday. It runs through 10 November with a final.") == [
        ("2024-11-04", None, ["Monday"]), ("2024-11-04", "2024-11-10", ["Monday", "10 November"])]
    # Without a day just before it, or more than a month on, the end is a date of its own.
    assert found("It runs through 10 November.") == [("2024-11-10", None, ["10 November"])]
    assert found("The fair opened on 1 March. It runs through 10 November.") == [
        ("2024-03-01", None, ["1 March"]), ("2024-11-10", None, ["10 November"])]


def test_a_title_opening_with_he_or_she_names_the_person_named_before():
    from timeline.authoring.article import Article
    from timeline.authoring.dated_events import find_events
    from timeline.model.dates import parse_date

    text = ("Minister Anna Berg spoke on Monday. She resigned on Tuesday. It rained on Wednesday. The army crossed the "
            "Hudson River in the Revolutionary War. He moved his headquarters on Thursday.")
    article = Article(text=f"A headline\n\n{text}", title="A headline", publisher="X", published=parse_date("2024-11-07"))
    # A river or a war is no person: "He" stays.
    assert [e.title for e in find_events(article)] == ["Minister Anna Berg spoke", "Anna Berg resigned", "It rained",
                                                       "He moved his headquarters"]


@pytest.mark.parametrize("headline", ["News briefs: November 7, 2024", "Dry weather update 7th November 2024",
                                      "Announced Actions for November 7, 2024",
                                      "ECONOMICS REPORT - Holiday Shopping - 2024-11-07", "Category:November 7, 2024",
                                      "November 7, 2024: Man Pleads Guilty", "Week In Review: 11/04 - 11/07",
                                      "FDA News & Notes - Week of November 4, 2024", "Week of November 4, 2024"])
def test_a_headline_that_is_a_title_and_the_page_s_date_dates_no_event(headline):
    assert found("Kerry visited Kyiv on Monday.", headline=headline) == [("2024-11-04", None, ["Monday"])]


@pytest.mark.parametrize("headline, dated", [
    ("Storm hits Florida on November 7, 2024", ("2024-11-07", None, ["November 7, 2024"])),
    ("Awareness Week | November 7-14, 2024", ("2024-11-07", "2024-11-14", ["November 7-14, 2024"])),
    ("Festival set, Nov. 12-14", ("2024-11-12", "2024-11-14", ["Nov. 12-14"])),
    # the day after publication, after a word and not a colon or a dash: to come, not the page's date
    ("National Science Bowl Kicks Off November 8, 2024", ("2024-11-08", None, ["November 8, 2024"])),
    ("Protests planned for the week of November 11", ("2024-11", None, ["the week of November 11"])),
    # a headline's weekend with no tense is the one just gone, as its weekday is
    ("Coast Guard Responds to Multitude of Cases over Weekend", ("2024-11", None, ["Weekend"]))])
def test_a_headline_that_reports_a_dated_happening_keeps_its_date(headline, dated):
    assert found("Nothing else happened.", headline=headline) == [dated]


@pytest.mark.parametrize("headline, dated", [
    ("2024 netball championship kicks off", []), ("Economy Will Shrink This Year", []),
    ("Britons to toast tariff-free gin in 2025", [("2025", None, ["2025"])])])
def test_a_year_alone_in_a_headline_dates_only_a_year_to_come(headline, dated):
    assert found("Nothing else happened.", headline=headline) == dated


def test_a_vague_date_is_not_joined_across_a_sentence_with_a_date_of_its_own():
    text = ("Apple Corps has filed a lawsuit against Apple Computer this week. Apple Corps says Apple Computer broke "
            "an agreement reached in 1991. The trial of Apple Corps and Apple Computer is set to begin on Friday.")
    assert found(text) == [("2024-11", None, ["this week"]), ("1991", None, ["1991"]),
                           ("2024-11-08", None, ["Friday"])]


def test_a_clock_time_takes_no_day_from_the_next_paragraph():
    assert found("Hours: Monday through Friday, 8 a.m. – 5 p.m.\n\nSaturday, Nov. 9, the centre opens.") == \
        [("2024-11-09", None, ["Saturday, Nov. 9"])]


def test_the_headline_is_read():
    assert found("The quake caused no damage.", headline="Quake hits Chile on Monday") == \
        [("2024-11-04", None, ["Monday"])]


@pytest.mark.parametrize("headline, dated", [
    ("Bridge closed for repairs until June 30", [("2025-06-30", None, ["June 30"])]),
    ("Storm to hit coast Friday", [("2024-11-08", None, ["Friday"])]),
    ("Coast Guard Responds to Cases over Weekend", [("2024-11", None, ["Weekend"])])])
def test_a_headline_s_x_to_do_is_to_come(headline, dated):
    assert found("Nothing else happened.", headline=headline) == dated


def test_an_all_capitals_headline_is_read_in_title_case():
    article_events = found("The launch was postponed again.", published="2001-08-03",
                           headline="GENESIS NEXT PLANNED LAUNCH OPPORTUNITY AUG. 12")
    assert article_events == [("2001-08-12", None, ["Aug. 12"])]


def test_a_weekend_an_incident_happened_over_is_the_one_gone():
    # Wednesday 27 November 2024: the weekend gone is 23-24 November, the coming one runs into December
    assert found("Police are appealing for information following a fatal crash over the weekend.",
                 published="2024-11-27") == [("2024-11", None, ["the weekend"])]


def test_a_weekend_is_dated_by_its_own_two_days():
    # Friday 3 December 2010: the week began in November, its weekend is in December.
    assert found("Activities will begin this weekend across the country.", published="2010-12-03") == \
        [("2010-12", None, ["this weekend"])]


def test_the_coming_months_are_the_year_they_fall_in():
    assert found("In the coming months, the minister will launch initiatives.", published="2024-03-07") == \
        [("2024", None, ["the coming months"])]
    assert found("In the coming months, the minister will launch initiatives.", published="2024-11-07") == []


def test_this_week_told_in_the_past_is_its_days_up_to_publication():
    # Saturday 31 March 2012: the week runs into Sunday 1 April
    assert found("Hong Kong elected a new chief executive this week.", published="2012-03-31") == \
        [("2012-03", None, ["this week"])]
    assert found("The Pope will visit Cuba this week.", published="2012-03-31") == [("2012", None, ["this week"])]


def test_today_in_a_quote_is_the_day_it_was_said():
    said = "Mr Gray yesterday said:\n\n“I was pleased to write to the federation today to confirm our support.”"
    assert found(said) == [("2024-11-06", None, ["yesterday"]), ("2024-11-06", None, ["today"])]
    # a quote with no day told before it, as a press release of the day gives it: publication's
    assert found("The minister said: “Today we open the new bridge.”") == [("2024-11-07", None, ["Today"])]
    tweeted = "Residents began reporting landslides on the afternoon of 1 November:\n\nLamentable the losses today." \
              "\n\nThe next day there were more landslides."
    assert found(tweeted) == [("2024-11-01", None, ["1 November"]), ("2024-11-01", None, ["today"]),
                              ("2024-11-02", None, ["The next day"])]


def test_a_span_of_weekdays_with_parts_of_the_day_told_in_the_past():
    assert found("Heavy snow fell from Thursday evening to Saturday morning.", published="2024-11-08") == \
        [("2024-10-31", "2024-11-02", ["Thursday evening to Saturday morning"])]



def test_a_past_before_the_past_told_counts_back_from_the_story_s_day():
    story = ("On Wednesday morning, June 15, 2011, a ranger was flagged down by three men. They had been lost in "
             "the desert since Sunday and had run out of water the previous day. A helicopter joined the search "
             "later that evening.")
    assert found(story, published="2011-06-21") == [
        ("2011-06-15", None, ["June 15, 2011"]), ("2011-06-12", None, ["Sunday"]),
        ("2011-06-15", None, ["later that evening"])]
    assert found("Officials said Friday at least 32 people had died.", published="2017-09-09") == [
        ("2017-09-08", None, ["Friday"])]
