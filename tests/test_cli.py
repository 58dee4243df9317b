"""The command line: what check and build print, their exit codes, and what they leave on disk."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli
from timeline import cli
from timeline.build import builder
from timeline.problems import Problem

FIELDS = ("title, date, end, approximate, display_date, actors, location, tags, sources, status, corrections, "
          "related, thread, image, draft")
TITTLE = f"events/2024-11-05-b.md:8: tittle: unknown field 'tittle': did you mean 'title'? the fields are {FIELDS}"
DRAFT_YES = ("events/2024-11-05-b.md:9: draft: expected true or false, found 'yes'; "
             "write 'draft: true' or 'draft: false'")
NO_FRONT_MATTER = ("events/notes.md:1: front matter: is missing: the file must start with a line of three dashes "
                   "(---), then the fields (title: ..., date: ...), then another --- line")
NOT_EVENT = "events/notes.txt:1: warning: file: is not an event file (they end in .md) and is ignored"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def broken(project):
    """Return a project with one good file, two bad ones and a stray file."""
    project.event()
    project.event("2024-11-05-b.md", tittle="x", draft="yes")
    project.write("notes.md", "Just some notes.\n")
    project.write("notes.txt", "x")
    return project


# --- check ---

def test_check_reports_every_problem_of_every_file_at_once(broken):
    result = broken.run("check")
    assert result.code == 1
    assert result.out.splitlines() == [
        TITTLE, DRAFT_YES, NO_FRONT_MATTER, NOT_EVENT, "Checked 3 files: 3 errors and 1 warning in 2 files.",
    ]
    assert result.err == ""


@pytest.mark.parametrize("count", [1, 2])
def test_check_clean_project(project, count):
    for day in range(count):
        project.event(f"2024-11-0{day + 4}-a.md")
    result = project.run("check")
    assert (result.code, result.out, result.err) == (0, f"Checked {count} file{'s' * (count > 1)}: no problems.\n", "")


def test_check_writes_nothing(broken):
    before = snapshot(broken.root)
    broken.run("check")
    assert snapshot(broken.root) == before
    assert not (broken.root / "site").exists()


def test_check_with_only_warnings_passes(project):
    project.event()
    project.write("notes.txt", "x")
    result = project.run("check")
    assert (result.code, result.out) == (0, f"{NOT_EVENT}\nChecked 1 file: 1 warning.\n")


def test_check_strict_turns_warnings_into_errors(project):
    project.event()
    project.write("notes.txt", "x")
    result = project.run("check", "--strict")
    assert result.code == 1
    assert result.out == (
        "events/notes.txt:1: file: is not an event file (they end in .md) and is ignored\n"
        "Checked 1 file: 1 error in 1 file.\n"
    )


def test_check_strict_on_a_clean_project(project):
    project.event()
    assert project.run("check", "--strict").code == 0


def test_check_empty_events_folder(project):
    assert (project.run("check").code, project.run("check").out) == (0, "Checked 0 files: no problems.\n")


def test_check_without_events_folder(project):
    (project.root / "events").rmdir()
    result = project.run("check")
    assert result.code == 1
    assert result.out == ("events:1: events: there is no events/ folder; create it and add event files\n"
                          "Checked 0 files: 1 error in 1 file.\n")


def test_check_reports_config_problems(project):
    project.event()
    (project.root / "timeline.toml").write_text('title = "T"\nordr = "newest-first"\n')
    result = project.run("check")
    assert result.code == 1
    assert result.out == (
        "timeline.toml:2: ordr: unknown setting: did you mean 'order'? the settings are title, description, url, "
        "base_path, language, order, domain, repository\nChecked 1 file: 1 error in 1 file.\n"
    )


def test_check_output_is_one_line_per_problem_whatever_the_file_holds(project):
    project.write("2024-11-04-a.md", '---\ntitle: A\ndate: 2024-11-04\n"a\\nb\\e[31m": x\ntags: "x\\ny"\n---\n')
    lines = project.run("check").out.splitlines()
    assert lines[0].startswith("events/2024-11-04-a.md:2: sources: is missing")
    assert lines[1] == (f"events/2024-11-04-a.md:4: a\\nb\\x1b[31m: unknown field 'a\\nb\\x1b[31m': "
                        f"the fields are {FIELDS}")
    assert lines[2] == ("events/2024-11-04-a.md:5: tags: expected a list, found the text 'x\\ny'; "
                        "write one item per line as '  - x\\ny', or [x\\ny]")
    assert lines[3:] == ["Checked 1 file: 3 errors in 1 file."]


# --- check --format github ---

def test_check_github_format(broken):
    result = broken.run("check", "--format", "github")
    assert result.code == 1
    assert result.out.splitlines() == [
        f"::error file=events/2024-11-05-b.md,line=8,title=tittle::unknown field 'tittle': did you mean 'title'? "
        f"the fields are {FIELDS}",
        "::error file=events/2024-11-05-b.md,line=9,title=draft::expected true or false, found 'yes'; "
        "write 'draft: true' or 'draft: false'",
        "::error file=events/notes.md,line=1,title=front matter::is missing: the file must start with a line of "
        "three dashes (---), then the fields (title: ..., date: ...), then another --- line",
        "::warning file=events/notes.txt,line=1,title=file::is not an event file (they end in .md) and is ignored",
        "Checked 3 files: 3 errors and 1 warning in 2 files.",
    ]


def test_check_github_format_escapes_commas_colons_percent_and_newlines(project):
    project.write("2024-11-04-a,b.md", '---\ntitle: A\ndate: 2024-11-04\n"t:l,e%": x\n"a\\r\\nb": y\n---\n')
    lines = project.run("check", "--format", "github").out.splitlines()
    assert lines[2] == (f"::error file=events/2024-11-04-a%2Cb.md,line=4,title=t%3Al%2Ce%25::unknown field 't:l,e%25': "
                        f"the fields are {FIELDS}")
    assert lines[3] == (f"::error file=events/2024-11-04-a%2Cb.md,line=5,title=a%0D%0Ab::unknown field 'a%0D%0Ab': "
                        f"the fields are {FIELDS}")


@pytest.mark.parametrize("problem, line", [
    (Problem("events/a.md", 3, "title", "50% done"), "::error file=events/a.md,line=3,title=title::50%25 done"),
    (Problem("events/a,b.md", 1, "x:y", "two\nlines\r"),
     "::error file=events/a%2Cb.md,line=1,title=x%3Ay::two%0Alines%0D"),
    (Problem("e:%.md", 2, "f", "m: n, o", "warning"), "::warning file=e%3A%25.md,line=2,title=f::m: n, o"),
])
def test_github_escaping(problem, line):
    assert problem.github() == line


def test_check_strict_github_format(project):
    project.event()
    project.write("notes.txt", "x")
    assert project.run("check", "--strict", "--format", "github").out.splitlines()[0] == (
        "::error file=events/notes.txt,line=1,title=file::is not an event file (they end in .md) and is ignored"
    )


# --- build ---

def test_build_with_bad_files_stops_and_says_so(broken):
    result = broken.run("build")
    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines() == [
        TITTLE, DRAFT_YES, NO_FRONT_MATTER, NOT_EVENT,
        "Build stopped: 3 errors and 1 warning in 2 files; site/ was not changed.",
    ]
    assert not (broken.root / "site").exists()


def test_failed_build_leaves_the_previous_site_byte_for_byte(project):
    project.event()
    project.event("2024-11-05-b.md", title="Second meeting")
    assert project.run("build").code == 0
    before = snapshot(project.root / "site")
    assert "index.html" in before and len(before) > 3
    project.event("2024-11-05-b.md", title="Renamed meeting")  # a good change that must not be published alone
    project.event("2024-11-06-c.md", title="New meeting")
    project.write("2024-11-07-d.md", "---\ntitle: Broken\n")
    result = project.run("build")
    assert result.code == 1
    assert result.err.endswith("Build stopped: 1 error in 1 file; site/ was not changed.\n")
    assert snapshot(project.root / "site") == before


def test_build_reports_warnings_and_builds(project):
    project.event()
    project.write("notes.txt", "x")
    result = project.run("build")
    assert result.code == 0
    assert result.err.splitlines()[0] == NOT_EVENT
    assert result.err.splitlines()[-1].startswith("Built site/: 1 event, ")
    assert (project.root / "site" / "index.html").is_file()


def test_build_leaves_drafts_out_unless_asked(project):
    project.event()
    project.event("2024-11-05-b.md", draft="true")
    assert "(1 draft left out)" in project.run("build").err
    assert "2024-11-05-b" not in project.site()
    assert "left out" not in project.run("build", "--drafts").err
    assert "2024-11-05-b" in project.site()


def test_build_is_the_default_command(project):
    project.event()
    result = project.run()
    assert result.code == 0
    assert result.err.startswith("Built site/: 1 event, ")


def test_build_with_bad_config_stops(project):
    project.event()
    (project.root / "timeline.toml").write_text('order = "newest"\n')
    result = project.run("build")
    assert result.code == 1
    assert result.err == ("timeline.toml:1: order: expected oldest-first or newest-first, found 'newest'\n"
                          "Build stopped: 1 error in 1 file; site/ was not changed.\n")


def test_bad_base_url_is_a_usage_error(project):
    project.event()
    result = project.run("build", "--base-url", "/a/../b")
    assert result.code == 2
    assert result.err == "build.py build: error: --base-url '/a/../b' is not a path like /timeline/\n"
    assert not (project.root / "site").exists()


# --- internal errors ---

def boom(*args, **kwargs):
    """Fail the way a bug would."""
    raise RuntimeError("boom")


def test_internal_error_is_a_message_not_a_traceback(project, monkeypatch):
    project.event()
    monkeypatch.setattr(builder, "load_project", boom)
    result = project.run("check")
    assert result.code == 1
    assert result.out == ""
    assert result.err == "error: RuntimeError: boom (run with --debug for the traceback)\n"
    assert "Traceback" not in result.out + result.err


def test_internal_error_in_build_keeps_the_site(project, monkeypatch):
    project.event()
    assert project.run("build").code == 0
    before = snapshot(project.root / "site")
    from timeline.render import pages
    monkeypatch.setattr(pages.SiteRenderer, "plan", boom)
    project.event(title="Changed")
    result = project.run("build")
    assert (result.code, result.err) == (1, "error: RuntimeError: boom (run with --debug for the traceback)\n")
    assert snapshot(project.root / "site") == before


def test_debug_lets_an_internal_error_raise(project, monkeypatch):
    project.event()
    monkeypatch.setattr(builder, "load_project", boom)
    with pytest.raises(RuntimeError, match=r"^boom$"):
        project.run("check", "--debug")


# --- usage ---

@pytest.mark.parametrize("args, says", [
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["check", "--nope"], "unrecognized arguments: --nope"),
    (["--nope"], "unrecognized arguments: --nope"),
    (["check", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
    (["check", "--base-url", "/x/"], "unrecognized arguments: --base-url /x/"),
    (["serve", "--port", "eighty"], "argument --port: expected a port number from 0 to 65535, found 'eighty'"),
])
def test_usage_errors_exit_2(args, says):
    result = run_cli(args)
    assert result.code == 2
    assert result.out == ""
    assert says in result.err
    assert result.err.startswith("usage: build.py")
    assert "Traceback" not in result.err


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_every_command(flag):
    result = run_cli([flag])
    assert result.code == 0
    assert result.out.startswith("usage: build.py")
    listed = [line.split()[0] for line in result.out.splitlines() if line.startswith("    ") and line.split()]
    assert set(cli.COMMANDS) <= set(listed)
    assert "build" in cli.COMMANDS and "check" in cli.COMMANDS


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_every_command_has_help(command):
    result = run_cli([command, "--help"])
    assert result.code == 0
    assert result.out.startswith(f"usage: build.py {command}")
    assert " ".join(cli.COMMANDS[command].split()) in " ".join(result.out.split())



def test_build_py_run_as_a_script_prints_everything_and_exits_with_the_code(project):
    # build.py ends its process without Python's usual clean-up (see build.finish): nothing may be lost.
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    project.event(date="2024-13-01")
    for number in range(40):
        project.event(f"2024-11-04-more-{number}.md", title=f"More {number}")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "check", "--root", str(project.root)],
                            capture_output=True, text=True, env=buffered)
    assert (result.returncode, result.stdout, result.stderr) == (1, project.run("check").out, "")
    assert result.stdout.endswith("Checked 41 files: 1 error in 1 file.\n")


def test_a_reader_that_stops_early_ends_the_command_quietly(project):
    # `build.py check | head -1` on a long report: the reader is gone before everything is printed.
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    for number in range(300):
        project.event(f"2024-11-04-bad-{number}.md", title=f"Bad {number}", date="2024-13-01")
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    read_end, write_end = os.pipe()
    os.close(read_end)
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "check", "--root", str(project.root)],
                            stdout=write_end, stderr=subprocess.PIPE, text=True, env=buffered)
    os.close(write_end)
    assert (result.returncode, result.stderr) == (1, "")


def test_a_python_without_the_packages_is_told_how_to_set_up(project, monkeypatch):
    from timeline.model.names import slug

    slug.cache_clear()  # a slug made by an earlier test would not need the package
    monkeypatch.setitem(sys.modules, "slugify", None)  # what importing it does in a Python without it
    monkeypatch.setattr("sys.executable", "/usr/bin/python3")
    result = project.run("new", "Something happened", "--date", "2024-11")
    assert (result.code, result.out) == (1, "")
    assert result.err == ("error: this Python (/usr/bin/python3) lacks the package that provides 'slugify'; run "
                          "'python3 dev.py setup' once, then '.venv/bin/python build.py new'\n")
