"""entities.toml: one name per person, place and organisation, its spellings, its Wikidata id, and what check says."""

from __future__ import annotations

import json
import re
import time

import pytest

from tests.conftest import REPO
from timeline.build.builder import load_project
from timeline.build.incremental import IncrementalBuilder
from timeline.model.entities import spelling_key
from timeline.problems import ERROR, WARNING, Problem

# Wikidata ids in these tests have the right form; which item they name does not matter here.
CHOE = """\
[[entity]]
name = "Choe Son Hui"
aliases = ["Choe Sonhui", "Ch'oe Sŏn-hŭi"]
wikidata = "Q7747"
"""


def entities(project, text: str) -> None:
    """Write the project's entities.toml."""
    (project.root / "entities.toml").write_text(text, encoding="utf-8")


def three_spellings(project) -> None:
    """Write three events naming one person in three ways, and two naming one place in two."""
    project.event("2024-11-04-a.md", title="First", actors="[Choe Son Hui, Vladimir Putin]", location="Moscow")
    project.event("2024-11-05-b.md", title="Second", actors="[Choe Sonhui]", location="Moskva")
    project.event("2024-11-06-c.md", title="Third", actors="\n  - Ch'oe Sŏn-hŭi")


# --- bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ('[[entity]]\nname = "Choe Son Hui"\nalias = ["Choe Sonhui"]\n',
     "entities.toml:3: alias: unknown key: did you mean 'aliases'? an entity has name, aliases, wikidata"),
    ('[[entity]]\naliases = ["Choe Sonhui"]\n',
     'entities.toml:1: name: an entity needs its name, the spelling its page goes under, like name = "Choe Son Hui"'),
    ('[[entity]]\nname = "Choe Son Hui"\nwikidata = "https://www.wikidata.org/wiki/Q7747"\n',
     "entities.toml:3: wikidata: expected a Wikidata id, Q and digits like Q42 (the end of the item's address "
     "https://www.wikidata.org/wiki/Q42), found 'https://www.wikidata.org/wiki/Q7747'; write only Q7747"),
    ('[[entity]]\nname = "Choe Son Hui"\nwikidata = "q7747"\n',
     "entities.toml:3: wikidata: expected a Wikidata id, Q and digits like Q42 (the end of the item's address "
     "https://www.wikidata.org/wiki/Q42), found 'q7747'"),
    ('[[entity]]\nname = "Choe Son Hui"\naliases = "Choe Sonhui"\n',
     "entities.toml:3: aliases: expected a list of spellings in quotes, like aliases = [\"Choe Sonhui\"], found "
     "'Choe Sonhui'"),
    ('[[entity]]\nname = Choe Son Hui\n',
     'entities.toml:2: entities: TOML syntax error: Invalid value; put text in double quotes on one line, like '
     'name = "Choe Son Hui"'),
    ('[entity]\nname = "Choe Son Hui"\n',
     "entities.toml:1: entity: write each entity under a line [[entity]], with two brackets"),
    ('[[person]]\nname = "Choe Son Hui"\n',
     "entities.toml:1: person: unknown table: write each entity as a table of its own, under a line [[entity]]"),
])
def test_a_mistake_is_reported_at_its_line_and_stops_the_build(project, text, expected):
    project.event()
    entities(project, text)
    result = project.run("check")
    assert (result.code, result.out.splitlines()[0]) == (1, expected)
    built = project.run("build")
    assert built.code == 1 and "Traceback" not in built.err and expected in built.err
    assert not (project.root / "site").exists()


def test_a_folder_named_entities_toml_is_refused(project):
    project.event()
    (project.root / "entities.toml").mkdir()
    result = project.run("check")
    assert (result.code, result.out.splitlines()[0]) == (
        1, "entities.toml:1: entities: is not a file; entities.toml is a file of [[entity]] tables, or left out")


def test_clashes_between_entities_are_reported_together_at_their_lines(project):
    project.event()
    entities(project, """\
[[entity]]
name = "Choe Son Hui"
aliases = ["Choe Sonhui"]
wikidata = "Q7747"

[[entity]]
name = "Kim Jong Un"
aliases = [
  "Kim Jong-un",
  "Choe Sonhui",
  "Choe Son Hui",
]
wikidata = "Q7747"

[[entity]]
name = "Kim Jong Un"
colour = "red"
""")
    result = project.run("check")
    assert result.code == 1
    assert result.out.splitlines() == [
        "entities.toml:10: aliases: 'Choe Sonhui' is already an alias of 'Choe Son Hui' (line 1); a spelling "
        "stands for one entity only",
        "entities.toml:11: aliases: 'Choe Son Hui' is the name of another entity (line 1); a spelling stands for "
        "one entity only",
        "entities.toml:13: wikidata: Q7747 is already the id of 'Choe Son Hui' (line 1); one item is one entity: "
        "make them one",
        "entities.toml:17: colour: unknown key: an entity has name, aliases, wikidata",
        "Checked 1 file: 4 errors in 1 file.",
    ]


def test_a_name_given_twice_and_an_alias_that_is_the_name_itself(project):
    project.event()
    entities(project, '[[entity]]\nname = "A B"\naliases = ["A B"]\n\n[[entity]]\nname = "A B"\n')
    assert load_project(project.root).problems == [
        Problem("entities.toml", 3, "aliases", "'A B' is the entity's own name; remove it from its aliases", WARNING),
        Problem("entities.toml", 5, "name", "'A B' is already the name of the entity at line 1; make them one entity",
                ERROR),
    ]


# --- one page per entity ----------------------------------------------------------------------------


def test_every_spelling_lands_on_one_page_under_the_name_given(project):
    three_spellings(project)
    entities(project, CHOE + '\n[[entity]]\nname = "Moscow"\naliases = ["Moskva"]\n')
    result = project.run("build")
    assert result.code == 0, result.err
    site = project.root / "site"
    assert sorted(p.name for p in (site / "actors").iterdir() if p.is_dir()) == ["choe-son-hui", "vladimir-putin"]
    assert sorted(p.name for p in (site / "locations").iterdir() if p.is_dir()) == ["moscow"]
    page = project.site("actors/choe-son-hui/index.html")
    assert page.count('class="event-title"') == 3
    assert "Also written Choe Sonhui, Ch&#39;oe Sŏn-hŭi." in page
    # an event page says the name given, whatever its file spells
    third = project.site("2024-11-06-c/index.html")
    assert "Choe Son Hui" in third and "Sŏn" not in third
    assert json.loads(project.site("events.json"))["events"][1]["location"] == "Moscow"


def test_the_page_links_to_wikidata_and_its_json_ld_says_same_as(project):
    three_spellings(project)
    entities(project, CHOE)
    assert project.run("build").code == 0
    page = project.site("actors/choe-son-hui/index.html")
    assert ('<a href="https://www.wikidata.org/wiki/Q7747" rel="noopener noreferrer">Choe Son Hui on Wikidata</a>'
            in page)
    block = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S).group(1)
    assert json.loads(block) == {
        "@context": "https://schema.org", "@type": "CollectionPage", "name": "Choe Son Hui",
        "url": "/actors/choe-son-hui/",
        "about": {"@type": "Thing", "name": "Choe Son Hui", "alternateName": ["Choe Sonhui", "Ch'oe Sŏn-hŭi"],
                  "sameAs": "https://www.wikidata.org/wiki/Q7747"},
    }
    # the page's policy lets data blocks be: it forbids only scripts that run
    assert "script-src 'self'" in page
    # an actor entities.toml does not name has neither
    putin = project.site("actors/vladimir-putin/index.html")
    assert "wikidata" not in putin and "ld+json" not in putin


def test_an_event_page_json_ld_says_same_as_for_its_actors_and_place(project):
    three_spellings(project)
    entities(project, CHOE + '\n[[entity]]\nname = "Moscow"\naliases = ["Moskva"]\nwikidata = "Q649"\n')
    assert project.run("build").code == 0
    page = project.site("2024-11-05-b/index.html")
    data = json.loads(re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S).group(1))
    assert data["about"] == [{"@type": "Thing", "name": "Choe Son Hui", "sameAs": "https://www.wikidata.org/wiki/Q7747"}]
    assert data["location"] == {"@type": "Place", "name": "Moscow", "sameAs": "https://www.wikidata.org/wiki/Q649"}


def test_the_french_site_says_it_in_french(project):
    three_spellings(project)
    entities(project, CHOE)
    settings = project.root / "timeline.toml"
    settings.write_text(re.sub(r'(?m)^language = .*$', "", settings.read_text()) + 'language = "fr"\n')
    assert project.run("build").code == 0
    page = project.site("actors/choe-son-hui/index.html")
    assert "Aussi écrit Choe Sonhui, Ch&#39;oe Sŏn-hŭi." in page and "Choe Son Hui sur Wikidata" in page


# --- names that differ only by spelling -------------------------------------------------------------


def test_spelling_key_leaves_out_accents_case_hyphens_apostrophes_and_spaces():
    assert {spelling_key(name) for name in ["Choe Son Hui", "Choe Son-hui", "Ch'oe Sŏn-hŭi", "CHOE SONHUI",
                                            "Ch’oe  Son Hui", "Choe. Son, Hui"]} == {"choesonhui"}
    assert spelling_key("Choe Son Hui") != spelling_key("Choe Son Hee")


def test_check_warns_of_spellings_no_entity_joins_with_the_lines_to_add(project):
    project.event("2024-11-04-a.md", actors="[Choe Son Hui]")
    project.event("2024-11-05-b.md", actors="[Choe Son Hui]")
    project.event("2024-11-06-c.md", actors="[Choe Sonhui]")
    warning = ("events/2024-11-06-c.md:8: warning: actors: actor 'Choe Sonhui' differs from 'Choe Son Hui' (in "
               "events/2024-11-04-a.md) only in spelling; if they are one actor, add to entities.toml the lines "
               '`[[entity]]`, `name = "Choe Son Hui"` and `aliases = ["Choe Sonhui"]`')
    result = project.run("check")
    assert (result.code, result.out.splitlines()) == (0, [warning, "Checked 3 files: 1 warning."])
    assert project.run("check", "--strict").code == 1
    built = project.run("build")
    assert built.code == 0 and warning in built.err
    entities(project, '[[entity]]\nname = "Choe Son Hui"\naliases = ["Choe Sonhui"]\n')  # the lines, as given
    assert project.run("check").out.splitlines() == ["Checked 3 files: no problems."]


def test_a_spelling_missing_from_an_entity_is_to_be_added_to_its_aliases(project):
    three_spellings(project)
    project.event("2024-11-07-d.md", title="Fourth", location="Kremlin, Moscow", actors="[Choe Son-hui]")
    project.event("2024-11-08-e.md", title="Fifth", location="kremlin moscow")
    entities(project, CHOE)
    assert [str(p) for p in load_project(project.root).problems if p.severity == WARNING] == [
        "events/2024-11-07-d.md:9: warning: actors: actor 'Choe Son-hui' differs from 'Choe Son Hui' (in "
        "events/2024-11-04-a.md) only in spelling; if they are one actor, give the entity 'Choe Son Hui' "
        "(entities.toml, line 1) the line `aliases = [\"Choe Sonhui\", \"Ch'oe Sŏn-hŭi\", \"Choe Son-hui\"]`",
        "events/2024-11-08-e.md:8: warning: location: place 'kremlin moscow' differs from 'Kremlin, Moscow' (in "
        "events/2024-11-07-d.md) only in spelling; if they are one place, add to entities.toml the lines "
        '`[[entity]]`, `name = "Kremlin, Moscow"` and `aliases = ["kremlin moscow"]`',
    ]


def test_two_entities_spelt_alike_are_meant_apart(project):
    project.event("2024-11-04-a.md", actors="[Kim Il Sung]")
    project.event("2024-11-05-b.md", actors="[Kim Ilsung]")
    entities(project, '[[entity]]\nname = "Kim Il Sung"\n\n[[entity]]\nname = "Kim Ilsung"\n')
    assert load_project(project.root).problems == []


# --- extract ----------------------------------------------------------------------------------------


ARTICLE = """\
Example Wire

Moscow, 5 November 2024. On Monday, Russian President Vladimir Putin met Ch'oe Sŏn-hŭi in Moskva, and
the two spoke for an hour.
"""


def test_extract_suggests_the_known_name_for_an_alias_in_the_article(project, tmp_path):
    project.event("2024-11-01-a.md", title="Earlier", actors="[Choe Son Hui, Vladimir Putin]", location="Moscow")
    entities(project, CHOE + '\n[[entity]]\nname = "Moscow"\naliases = ["Moskva"]\n')
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = project.run("extract", str(article), "--publisher", "Example Wire", "--published", "2024-11-05")
    assert result.code == 0, result.err
    assert "   actors: Vladimir Putin, Choe Son Hui; location: Moscow" in result.out.splitlines()


# --- caches and the preview -------------------------------------------------------------------------


def test_a_warm_build_after_an_edit_of_entities_toml_changes_the_pages(project):
    three_spellings(project)
    assert project.run("build").code == 0
    assert (project.root / "site" / "actors" / "choe-sonhui").is_dir()
    assert "site/ is up to date" in project.run("build").err  # after the warning of three spellings
    entities(project, CHOE)
    result = project.run("build")
    assert result.err.startswith("Built site/"), result.err
    assert not (project.root / "site" / "actors" / "choe-sonhui").exists()
    assert "Choe Son Hui" in project.site("2024-11-05-b/index.html")
    assert project.run("build").err.startswith("site/ is up to date")
    (project.root / "entities.toml").unlink()  # gone again: the pages as the files spell the names
    assert "Built site/" in project.run("build").err
    assert "Choe Sonhui" in project.site("2024-11-05-b/index.html")


def test_the_same_site_with_and_without_the_speed_layer(project, tmp_path):
    from tests.test_site import tree_digest

    three_spellings(project)
    entities(project, CHOE)
    assert project.run("build").code == 0
    warm = tree_digest(project.root / "site")
    assert project.run("build", "--no-cache").code == 0
    assert tree_digest(project.root / "site") == warm


def test_the_preview_renders_every_page_again_when_entities_toml_changes(project):
    three_spellings(project)
    builder = IncrementalBuilder(project.root)
    assert builder.update().errors == []
    entities(project, CHOE)
    result = builder.update({str(project.root / "entities.toml")})
    assert result.errors == []
    assert "actors/choe-sonhui/index.html" in result.removed
    assert "Choe Son Hui" in project.site("2024-11-05-b/index.html")
    # an edit of one event then replaces that event only: the preview tells a changed event by identity
    before = {event.id: event for event in builder.load().events}
    project.event("2024-11-06-c.md", title="Third, retitled", actors="\n  - Ch'oe Sŏn-hŭi")
    after = {event.id: event for event in builder.load({str(project.root / "events" / "2024-11-06-c.md")}).events}
    assert [event_id for event_id in before if before[event_id] is not after[event_id]] == ["2024-11-06-c"]
    assert after["2024-11-06-c"].actors == ("Choe Son Hui",)
    assert builder.update({str(project.root / "events" / "2024-11-06-c.md")}).errors == []
    assert "Third, retitled" in project.site("actors/choe-son-hui/index.html")


def test_the_running_preview_rebuilds_when_entities_toml_is_saved(project):
    from tests.test_server import get, port_of, wait_for_version
    from timeline.serve.preview import Preview

    three_spellings(project)
    preview = Preview(IncrementalBuilder(project.root), port=0, log=lambda text: None)
    preview.start()
    try:
        before = preview.state.version
        entities(project, CHOE)
        wait_for_version(preview, before + 1)
        status, _, body = get(port_of(preview), "/actors/choe-son-hui/")
        assert status == 200 and b"Choe Son Hui on Wikidata" in body
        assert get(port_of(preview), "/actors/choe-sonhui/")[0] == 404
        entities(project, "[[entity]]\nname = Choe\n")  # a mistake: shown, the last good site kept
        wait_for_version(preview, before + 2)
        assert preview.state.problems == ['entities.toml:2: entities: TOML syntax error: Invalid value; put text in '
                                          'double quotes on one line, like name = "Choe Son Hui"']
    finally:
        preview.stop()


def test_the_watch_sees_entities_toml_come_change_and_go(project):
    from timeline.serve import watch

    before = watch.top_level(project.root)
    assert before["entities.toml"] is None
    entities(project, CHOE)
    made = watch.top_level(project.root)
    assert made["entities.toml"] is not None
    time.sleep(0.01)
    entities(project, CHOE + '\n[[entity]]\nname = "Moscow"\n')
    assert watch.top_level(project.root)["entities.toml"] != made["entities.toml"]


def test_the_real_project_has_no_entities_file_it_does_not_need():
    # the seed events come from one article, which spells each name one way
    assert not (REPO / "entities.toml").exists()
