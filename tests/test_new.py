"""`build.py new`: a valid file with the right name, every field and a hint, never overwriting."""

import pytest

from timeline.model.fields import EVENT_FIELDS


def test_new_writes_a_named_file_with_every_field_and_prints_its_path(project):
    result = project.run("new", "Putin meets Choe Son Hui", "--date", "4 November 2024",
                         "--tag", "diplomacy", "--actor", "Vladimir Putin", "--actor", "Choe Son Hui",
                         "--location", "Kremlin, Moscow, Russia",
                         "--source-title", "A story", "--publisher", "WION", "--published", "Nov. 7, 2024")
    assert result.code == 0, result.err
    assert result.out == "events/2024-11-04-putin-meets-choe-son-hui.md\n"
    text = (project.root / "events" / "2024-11-04-putin-meets-choe-son-hui.md").read_text()
    for spec in EVENT_FIELDS:
        assert f"# {spec.doc}\n{spec.name}:" in text
    assert "  - title: A story\n    publisher: WION\n    published: 2024-11-07\n" in text
    assert "draft: false\n" in text
    check = project.run("check")
    assert (check.code, check.out) == (0, "Checked 1 file: no problems.\n")
    build = project.run("build")
    assert build.code == 0
    assert "Putin meets Choe Son Hui" in project.site("2024-11-04-putin-meets-choe-son-hui/index.html")


def test_new_without_a_source_writes_a_draft_that_checks_cleanly(project, monkeypatch):
    monkeypatch.chdir(project.root)
    monkeypatch.setattr("sys.executable", str(project.root / ".venv" / "bin" / "python"))
    result = project.run("new", "Something happened", "--date", "2024-11")
    assert result.code == 0
    assert result.out == "events/2024-11-something-happened.md\n"
    assert result.err == ("It is a draft (draft: true) until it has a source; check it with: "
                          ".venv/bin/python build.py check\n")
    text = (project.root / "events" / "2024-11-something-happened.md").read_text()
    assert "draft: true\n" in text
    assert "sources: []\n# Add at least one source, then set draft: false." in text
    check = project.run("check")
    assert (check.code, check.out) == (0, "Checked 1 file: no problems.\n")
    assert project.run("build").err == "Built site/: 0 events (1 draft left out), 24 files.\n"


def test_new_makes_readable_ascii_names_from_any_script(project):
    assert project.run("new", "Сеул: встреча лидеров", "--date", "2024-11-04").out == \
        "events/2024-11-04-seul-vstrecha-liderov.md\n"
    assert project.run("new", "Kim Jong Un’s visit — Pyongyang", "--date", "2024").out == \
        "events/2024-kim-jong-uns-visit-pyongyang.md\n"
    assert project.run("new", "500 BC: Ionian revolt", "--date", "500 BC").out == \
        "events/bc0500-500-bc-ionian-revolt.md\n"


def test_new_quotes_values_yaml_would_misread(project):
    project.run("new", "Rutte: 'a threat' # to the US", "--date", "2024-11-07", "--tag", "no",
                "--actor", "- dash", "--source-title", "Yes: no", "--publisher", "@pub", "--published", "2024-11-07")
    check = project.run("check")
    assert check.code == 0, check.out
    project.run("build")
    page = project.site("2024-11-07-rutte-a-threat-to-the-us/index.html")
    assert "Rutte: &#39;a threat&#39; # to the US" in page or "Rutte: 'a threat' # to the US" in page
    assert ">no<" in page and ">- dash<" in page


def test_new_quotes_values_ending_in_a_colon(project):
    """'Talks:' written plain reads as a mapping in YAML: new refused it with a YAML syntax error, import wrote it."""
    result = project.run("new", "Talks:", "--date", "2024-11-07", "--tag", "diplomacy :", "--actor", "Lavrov:",
                         "--source-title", "Rutte:", "--publisher", "WION:", "--published", "2024-11-07")
    assert (result.code, result.err) == (0, "")
    text = (project.root / "events" / "2024-11-07-talks.md").read_text()
    assert 'title: "Talks:"\n' in text and '  - "Lavrov:"\n' in text and '    publisher: "WION:"\n' in text
    assert project.run("check").out == "Checked 1 file: no problems.\n"
    assert project.run("build").code == 0
    assert "<h1 dir=\"auto\">Talks:</h1>" in project.site("2024-11-07-talks/index.html")


def test_new_never_overwrites(project):
    project.run("new", "A meeting", "--date", "2024-11-04")
    path = project.root / "events" / "2024-11-04-a-meeting.md"
    before = path.read_bytes()
    result = project.run("new", "A meeting", "--date", "2024-11-04", "--tag", "x")
    assert result.code == 1
    assert result.err == "error: events/2024-11-04-a-meeting.md already exists; edit it, or give the new event another title\n"
    assert path.read_bytes() == before


def test_new_refuses_a_bad_date_with_the_date_message(project):
    result = project.run("new", "A meeting", "--date", "04/11/2024")
    assert result.code == 1
    assert result.err == (
        "error: --date: '04/11/2024' is ambiguous: it could be 4 November or April 11; write it as YYYY-MM-DD "
        "(like 2024-11-04) or with the month's name (like 4 November 2024)\n"
    )
    assert list((project.root / "events").iterdir()) == []


def test_new_refuses_an_empty_date_with_the_date_message(project):
    result = project.run("new", "A meeting", "--date", "")
    assert (result.code, result.out) == (1, "")
    assert result.err == "error: --date: the date is empty: write it as 2024-11-04, 2024-11 or 2024\n"
    assert list((project.root / "events").iterdir()) == []


def test_new_asks_for_a_whole_source(project):
    result = project.run("new", "A meeting", "--date", "2024-11-04", "--publisher", "WION")
    assert result.code == 1
    assert result.err == ("error: a source needs --source-title, --publisher and --published; "
                          "missing --source-title, --published\n")


def test_new_requires_a_date(project):
    result = project.run("new", "A meeting")
    assert result.code == 2


@pytest.mark.parametrize("arguments, message", [
    (["End before", "--date", "2024-11-05", "--end", "2024-11-01"],
     "error: --end: is 2024-11-01, before the date 2024-11-05; the end of a range must come after its start "
     "(swap them?)\n"),
    (["Bad url", "--date", "2024-11-05", "--source-title", "T", "--publisher", "P", "--published", "2024-11-06",
      "--url", "www.example.org"],
     "error: --url: expected a web address starting with http:// or https://, found 'www.example.org'; leave the "
     "field out when there is no address\n"),
    (["", "--date", "2024-11-05"], "error: title: is empty: What happened, in one line: who did what.\n"),
    (["A", "--date", "2024-11-05", "--tag", "fine", "--tag", "bad\x01", "--actor", "x" * 201],
     "error: --actor number 1: is 201 characters long; shorten it to 200 at most\n"
     "error: --tag number 2: contains invisible control characters; retype the value\n"),
])
def test_new_refuses_what_check_would_refuse_and_writes_nothing(project, arguments, message):
    result = project.run("new", *arguments)
    assert (result.code, result.out, result.err) == (1, "", message)
    assert list((project.root / "events").iterdir()) == []
