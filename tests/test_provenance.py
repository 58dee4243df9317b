"""Provenance from git: when each event file was added and last changed, its history on GitHub, a link to
suggest a correction; nothing of it outside a full git history, and the same bytes for the same commit."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import run_cli
from tests.test_render import build, page
from tests.test_site import tree_digest
from timeline.build.provenance import head_commit, read_provenance
from timeline.model.dates import EventDate

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder, *args: str, day: str = "2024-11-08") -> str:
    """Run git in folder, as a committer on the given day (UTC noon); return what it prints."""
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T12:00:00Z", "GIT_COMMITTER_DATE": f"{day}T12:00:00Z",
           "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True, text=True).stdout


def commit(folder, message: str, day: str) -> None:
    """Commit everything in folder on a day."""
    git(folder, "add", "-A", day=day)
    git(folder, "commit", "-q", "-m", message, day=day)


def renamed_meeting(project, title: str = "A meeting"):
    """Return project in git with one event added on 8 November as 2024-11-04-meeting.md and renamed on 10 November,
    its date corrected, to 2024-11-03-meeting.md."""
    git(project.root, "init", "-q", "-b", "main")
    project.event("2024-11-04-meeting.md", title=title)
    commit(project.root, "Add a meeting", "2024-11-08")
    git(project.root, "mv", "events/2024-11-04-meeting.md", "events/2024-11-03-meeting.md")
    project.event("2024-11-03-meeting.md", title=title)
    commit(project.root, "The meeting was on the 3rd", "2024-11-10")
    return project


@pytest.fixture
def history(project):
    """Return a project in git: one event added on 8 November and changed on 12 November, another added on 10
    November, a third never committed."""
    git(project.root, "init", "-q", "-b", "main")
    project.event("2024-11-04-meeting.md", title="A meeting")
    commit(project.root, "Add a meeting", "2024-11-08")
    project.event("2024-11-05-talks.md", title="Talks")
    commit(project.root, "Add talks", "2024-11-10")
    project.event("2024-11-04-meeting.md", title="A meeting in Moscow")
    commit(project.root, "Correct the meeting", "2024-11-12")
    project.event("2024-11-06-draft.md", title="Not committed yet")
    return project


def test_one_pass_over_the_history_dates_every_event_file(history):
    provenance = read_provenance(history.root)
    assert provenance.commit == head_commit(history.root) == git(history.root, "rev-parse", "HEAD").strip()
    assert provenance.folder == ""
    meeting = provenance.of("events/2024-11-04-meeting.md")
    assert (meeting.added, meeting.changed) == (EventDate(2024, 11, 8), EventDate(2024, 11, 12))
    talks = provenance.of("events/2024-11-05-talks.md")
    assert (talks.added, talks.changed) == (EventDate(2024, 11, 10), EventDate(2024, 11, 10))
    assert provenance.of("events/2024-11-06-draft.md") is None


def test_an_event_page_says_when_it_was_added_and_changed_and_links_its_history(history):
    config = history.root / "timeline.toml"
    config.write_text(config.read_text() + 'repository = "octo-org/timeline"\n')
    build(history)
    meeting = page(history, "2024-11-04-meeting/index.html").find(cls="provenance")
    commit_id = head_commit(history.root)
    lines = meeting.find_all("p")
    assert lines[0].text() == "Added to the timeline 8 November 2024; last changed 12 November 2024. Its history"
    assert lines[0].find("a").attrs["href"] == \
        "https://github.com/octo-org/timeline/commits/HEAD/events/2024-11-04-meeting.md"
    assert commit_id  # the history is read at HEAD's commit; the link names HEAD, so other pages stay as they are
    assert lines[1].find("a").attrs["href"] == (
        "https://github.com/octo-org/timeline/issues/new?template=correction.yml&file=events/2024-11-04-meeting.md"
        "&title=Correction%3A%202024-11-04-meeting")
    talks = page(history, "2024-11-05-talks/index.html").find(cls="provenance").find("p")
    assert talks.text() == "Added to the timeline 10 November 2024. Its history"  # changed the day it came
    uncommitted = page(history, "2024-11-06-draft/index.html").find(cls="provenance")
    assert [p.text() for p in uncommitted.find_all("p")] == ["Suggest a correction"]


def test_without_a_repository_setting_the_days_show_without_links(history):
    build(history)
    meeting = page(history, "2024-11-04-meeting/index.html").find(cls="provenance")
    assert [p.text() for p in meeting.find_all("p")] == [
        "Added to the timeline 8 November 2024; last changed 12 November 2024."]


def test_github_actions_names_the_repository(history, monkeypatch):
    monkeypatch.setenv("GITHUB_REPOSITORY", "octo-org/from-actions")
    build(history)
    assert "https://github.com/octo-org/from-actions/issues/new" in history.site("2024-11-04-meeting/index.html")


def test_outside_git_the_lines_are_left_out_without_an_error(project):
    project.event()
    build(project)
    assert read_provenance(project.root) is None and head_commit(project.root) == ""
    assert page(project, "2024-11-04-a-meeting/index.html").find_all(cls="provenance") == []


def test_a_shallow_clone_has_no_provenance_rather_than_wrong_dates(history, tmp_path):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history.root}", str(clone))
    assert head_commit(clone) == "" and read_provenance(clone) is None


def test_a_project_below_the_repository_s_top_links_its_own_folder(tmp_path, project):
    repository = project.root.parent
    git(repository, "init", "-q", "-b", "main")
    project.event()
    commit(repository, "Add", "2024-11-08")
    provenance = read_provenance(project.root)
    assert provenance.folder == f"{project.root.name}/"
    assert provenance.of("events/2024-11-04-a-meeting.md").added == EventDate(2024, 11, 8)


def test_the_same_commit_builds_the_same_bytes_anywhere_and_a_new_commit_is_a_new_build(history, tmp_path):
    commit(history.root, "Add the draft", "2024-11-13")
    build(history)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{history.root}", str(clone))
    result = run_cli(["build", "--root", str(clone)])
    assert result.code == 0, result.err
    assert tree_digest(clone / "site") == tree_digest(history.root / "site")
    # a commit that changes an event file: the next build is not the last one's site kept as it was
    history.event("2024-11-05-talks.md", title="Talks, renamed")
    commit(history.root, "Rename the talks", "2024-11-14")
    assert history.run("build").err.startswith("Built site/")
    assert page(history, "2024-11-05-talks/index.html").find(cls="provenance").find("p").text() == \
        "Added to the timeline 10 November 2024; last changed 14 November 2024."
    # one that changes no event file builds the same bytes (without a repository, no page names the commit)
    git(history.root, "commit", "-q", "--allow-empty", "-m", "Nothing", day="2024-11-15")
    before = tree_digest(history.root / "site")
    assert history.run("build").code == 0
    assert tree_digest(history.root / "site") == before


def test_a_build_takes_up_the_history_the_last_one_read(history, monkeypatch):
    from timeline.build import provenance

    build(history)
    assert (history.root / ".timeline-cache" / "provenance.json").is_file()
    history.event("2024-11-05-talks.md", title="Talks, renamed")
    commit(history.root, "Rename the talks", "2024-11-20")
    asked = []
    real = provenance.subprocess.Popen
    monkeypatch.setattr(provenance.subprocess, "Popen",  # the log passes (rev-parse and merge-base run through it too)
                        lambda args, **kw: ("log" in args and asked.append(args[-1])) or real(args, **kw))
    build(history)
    assert len(asked) == 1 and ".." in asked[0]  # only the commits since the last build's
    talks = page(history, "2024-11-05-talks/index.html").find(cls="provenance").find("p").text()
    assert talks == "Added to the timeline 10 November 2024; last changed 20 November 2024."
    asked.clear()
    history.event("2024-11-04-meeting.md", title="A meeting, edited but not committed")
    build(history)
    assert asked == []  # the same commit: git is not asked
    # history rewritten (an amended commit): read it all again
    git(history.root, "commit", "-q", "--amend", "-m", "Renamed", day="2024-11-21")
    build(history)
    assert len(asked) == 1 and ".." not in asked[0]
    talks = page(history, "2024-11-05-talks/index.html").find(cls="provenance").find("p").text()
    assert talks == "Added to the timeline 10 November 2024; last changed 21 November 2024."


def test_a_renamed_file_keeps_the_history_of_its_old_name(history):
    # read in one pass, and by a build that has the history before the renames in its cache
    build(history)
    git(history.root, "mv", "events/2024-11-04-meeting.md", "events/2024-11-04-moscow-meeting.md")
    commit(history.root, "Rename the meeting", "2024-11-20")
    git(history.root, "mv", "events/2024-11-04-moscow-meeting.md", "events/2024-11-04-kremlin-meeting.md")
    commit(history.root, "Rename it again", "2024-11-22")
    history.event("2024-11-04-meeting.md", title="Another meeting, under the old name")
    commit(history.root, "A new file under the old name", "2024-11-24")
    for cached in (True, False):
        provenance = read_provenance(history.root, cache=cached)
        renamed = provenance.of("events/2024-11-04-kremlin-meeting.md")
        assert (renamed.added, renamed.changed) == (EventDate(2024, 11, 8), EventDate(2024, 11, 22)), cached
        new = provenance.of("events/2024-11-04-meeting.md")
        assert (new.added, new.changed) == (EventDate(2024, 11, 24), EventDate(2024, 11, 24)), cached
        assert provenance.of("events/2024-11-04-moscow-meeting.md") is None
    build(history)
    text = page(history, "2024-11-04-kremlin-meeting/index.html").find(cls="provenance").find("p").text()
    assert text == "Added to the timeline 8 November 2024; last changed 22 November 2024."


def test_an_event_whose_file_was_renamed_keeps_its_old_address_as_a_page_sending_readers_on(history):
    # a corrected date renames the file (its name starts with the date): links to the old address stay good
    config = history.root / "timeline.toml"
    config.write_text(config.read_text().replace('url = ""', 'url = "https://example.org/t/"'))
    git(history.root, "mv", "events/2024-11-04-meeting.md", "events/2024-11-03-meeting.md")
    history.event("2024-11-03-meeting.md", title="A meeting in Moscow")
    commit(history.root, "The meeting was on the 3rd", "2024-11-20")
    build(history)
    moved = page(history, "2024-11-04-meeting/index.html")
    refresh = moved.find("meta", **{"http-equiv": "refresh"})
    assert refresh.attrs["content"] == "0; url=/2024-11-03-meeting/"
    assert moved.find("link", rel="canonical").attrs["href"] == "https://example.org/t/2024-11-03-meeting/"
    assert moved.find("meta", name="robots").attrs["content"] == "noindex"
    assert moved.find("h1").text() == "This event has a new address."
    link = moved.find("main").find("a", href="/2024-11-03-meeting/")
    assert link.text() == "A meeting in Moscow"
    assert "2024-11-04-meeting" not in history.site("sitemap.xml")
    assert "2024-11-04-meeting" not in history.site("events.json")
    assert history.run("links").code == 0
    # a new event under the old name takes its address back
    history.event("2024-11-04-meeting.md", title="Another meeting")
    commit(history.root, "Another meeting", "2024-11-21")
    build(history)
    assert page(history, "2024-11-04-meeting/index.html").find("h1").text() == "Another meeting"
    # outside git there is no history to read: no page at the old address
    shutil.rmtree(history.root / ".git")
    (history.root / "events" / "2024-11-04-meeting.md").unlink()
    build(history)
    assert not (history.root / "site" / "2024-11-04-meeting").exists()


def test_a_former_name_leads_to_the_file_renamed_from_it_last():
    from timeline.build.provenance import moved_files
    history = {"b.md": [1, 5, [["a.md", 2]]], "c.md": [1, 9, [["a.md", 8], ["z.md", 7]]], "d.md": [3, 3]}
    assert moved_files(history) == {"a.md": "c.md", "z.md": "c.md"}
    history["a.md"] = [10, 10]  # a file has that name again
    assert moved_files(history) == {"z.md": "c.md"}


def test_the_preview_keeps_old_addresses_as_a_fresh_build_makes_them(history, tmp_path):
    from tests.test_site import assert_like_a_fresh_build
    from timeline.build.incremental import IncrementalBuilder
    git(history.root, "mv", "events/2024-11-04-meeting.md", "events/2024-11-03-meeting.md")
    history.event("2024-11-03-meeting.md", title="A meeting in Moscow")
    commit(history.root, "The meeting was on the 3rd", "2024-11-20")
    builder = IncrementalBuilder(history.root, workers=1)
    assert builder.build().errors == []
    old = history.root / "site" / "2024-11-04-meeting" / "index.html"
    steps = [
        ("2024-11-03-meeting.md", "A meeting in the Kremlin"),  # its event's title: the old address says it
        ("2024-11-04-meeting.md", "Another meeting"),  # an event takes the old name: its own page
        ("2024-11-04-meeting.md", None),  # ... and leaves it: the old address again
        ("2024-11-03-meeting.md", None),  # the event goes: nothing at the old address
    ]
    for name, title in steps:
        if title is None:
            (history.root / "events" / name).unlink()
        else:
            history.event(name, title=title)
        assert builder.update().errors == []
        assert_like_a_fresh_build(history.root, tmp_path / name.removesuffix(".md") / str(title))
        if name == "2024-11-03-meeting.md" and title:
            assert "A meeting in the Kremlin" in old.read_text()
    assert not old.exists()
