"""Writing site/: atomic swaps, nothing lost on failure, byte-identical output whatever the environment."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, as_a_terminal_job, run_cli
from timeline.build import content_caches, fingerprint, reading, speed
from timeline.build import workers as worker_pool
from timeline.build.builder import Builder
from timeline.build.incremental import IncrementalBuilder
from timeline.build.writer import SPARE_SITE, StagedSite, UnsafePath, clean_leftovers


def tree_digest(folder: Path) -> dict[str, str]:
    """Return {relative path: sha256} of every file under folder."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def assert_like_a_fresh_build(root: Path, tmp_path: Path) -> None:
    """Assert that root's site/ is byte for byte what a build of a copy of its sources alone makes."""
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("site", ".timeline-cache"))
    assert Builder(fresh, workers=1).build().errors == []
    assert tree_digest(root / "site") == tree_digest(fresh / "site")


def many_events(project, count: int) -> None:
    """Write count valid events into the project."""
    for i in range(count):
        day = 1 + i % 28
        project.event(f"2020-01-{day:02d}-event-{i}.md", title=f"Event {i}", tags=f"[tag{i % 7}, t{i % 3}]")


def test_failed_render_leaves_previous_site_untouched(project):
    project.event()
    assert project.run("build").code == 0
    before = tree_digest(project.root / "site")
    (project.root / "templates" / "event.html").write_text("{% extends 'base.html' %}{% block content %}{{ nope }}{% endblock %}")
    result = project.run("build")
    assert result.code == 1
    assert result.err == (
        "templates/event.html:1: template: 'nope' is undefined\n"
        "Build stopped: a template has an error; site/ was not changed.\n"
    )
    assert tree_digest(project.root / "site") == before
    assert sorted(p.name for p in project.root.iterdir()) == [".timeline-cache", "events", "site", "templates", "timeline.toml"]


def test_invalid_event_leaves_previous_site_untouched(project):
    project.event()
    assert project.run("build").code == 0
    before = tree_digest(project.root / "site")
    project.write("2024-11-05-broken.md", "---\ntitle: [unclosed\n---\n")
    result = project.run("build")
    assert result.code == 1
    assert result.err.endswith("Build stopped: 1 error in 1 file; site/ was not changed.\n")
    assert tree_digest(project.root / "site") == before


def test_build_replaces_stale_files(project):
    project.event()
    project.event("2024-11-05-second.md", title="Second")
    assert project.run("build").code == 0
    (project.root / "events" / "2024-11-05-second.md").unlink()
    assert project.run("build").code == 0
    assert not (project.root / "site" / "2024-11-05-second").exists()


def test_a_build_writes_over_the_site_it_replaced_and_leaves_exactly_the_new_site(project, tmp_path):
    project.event()
    project.event("2024-11-05-second.md", title="Second", tags="[visits]")
    assert project.run("build").code == 0
    first_inode = (project.root / "site" / "index.html").stat().st_ino
    schema = (project.root / "site" / "schema" / "event.json").stat()
    project.event(title="Renamed")
    assert project.run("build").code == 0  # the first site is now the spare
    spare = project.root / SPARE_SITE
    assert (spare / "index.html").stat().st_ino == first_inode
    # What the spare holds that the next site must not: stale pages, stray files, links out.
    outside = tmp_path / "outside.html"
    outside.write_text("not ours")
    (spare / "stray.html").write_text("stray")
    (spare / "tags" / "visits" / "extra").mkdir()
    (spare / "404.html").unlink()
    (spare / "404.html").symlink_to(outside)
    os.link(outside, spare / "robots.txt.new")
    (spare / "index.html").unlink()
    os.link(outside, spare / "index.html")
    (spare / "2024-11-04-a-meeting" / "index.html").chmod(0o600)
    (spare / "schema" / "events.json").chmod(0o600)  # its bytes are the new site's, its mode is not
    (project.root / "events" / "2024-11-05-second.md").unlink()
    assert project.run("build").code == 0
    assert outside.read_text() == "not ours"
    reused = tree_digest(project.root / "site")
    fresh = tmp_path / "fresh"
    shutil.copytree(project.root, fresh, ignore=shutil.ignore_patterns("site", ".timeline-cache"))
    assert run_cli(["build", "--root", str(fresh)]).code == 0
    assert reused == tree_digest(fresh / "site")
    assert not any(p.is_symlink() for p in (project.root / "site").rglob("*"))
    page = (project.root / "site" / "2024-11-04-a-meeting" / "index.html").stat()
    assert page.st_mode & 0o777 == 0o644  # a file whose mode is not a build's is made anew, readable by all
    assert (project.root / "site" / "schema" / "events.json").stat().st_mode & 0o777 == 0o644
    kept = (project.root / "site" / "schema" / "event.json").stat()
    assert (kept.st_ino, kept.st_mtime_ns) == (schema.st_ino, schema.st_mtime_ns)  # the same bytes: not written


def test_a_reused_staging_folder_is_never_committed_unpruned(tmp_path):
    (tmp_path / SPARE_SITE).mkdir(parents=True)
    (tmp_path / SPARE_SITE / "old.html").write_text("two builds old")
    staged = StagedSite(tmp_path)
    staged.write("index.html", b"new")
    with pytest.raises(RuntimeError, match=r"keep_only\(\) must run before"):
        staged.commit()
    staged.keep_only({"index.html"})
    staged.commit()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]


def test_staged_site_refuses_paths_outside_the_site(tmp_path):
    staged = StagedSite(tmp_path)
    try:
        for bad in ("../escape.html", "/etc/passwd", "a/../../b", "", "a//b", "a\\..\\b"):
            with pytest.raises(UnsafePath):
                staged.write(bad, b"x")
    finally:
        staged.abort()
    assert [p.name for p in tmp_path.iterdir()] == [".timeline-cache"]  # kept for the next build to write over


def test_leftovers_of_a_killed_build_are_cleaned(tmp_path):
    (tmp_path / ".site-build-abc").mkdir()
    (tmp_path / ".site-build-abc" / "index.html").write_text("half")
    (tmp_path / "site").mkdir()
    (tmp_path / ".site-old-xyz").mkdir()
    clean_leftovers(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".timeline-cache", "site"]
    assert (tmp_path / SPARE_SITE / "index.html").read_text() == "half"  # written over by the next build


def test_a_swap_cut_short_is_recovered(tmp_path):
    # Killed between "site -> .site-old-*" and ".site-build-* -> site": the old site comes back.
    (tmp_path / ".site-old-xyz").mkdir()
    (tmp_path / ".site-old-xyz" / "index.html").write_text("old")
    clean_leftovers(tmp_path)
    assert (tmp_path / "site" / "index.html").read_text() == "old"


def _build_command(root: Path) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "build", "--root", str(root)]


@pytest.mark.parametrize("env", [
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C"},
    {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8"},
], ids=["seed1-utc", "seed4242-kiritimati"])
def test_output_is_byte_identical_whatever_the_environment(project, env):
    many_events(project, 20)
    first = subprocess.run(_build_command(project.root), env={**os.environ, "PYTHONHASHSEED": "0"}, capture_output=True)
    assert first.returncode == 0, first.stderr
    reference = tree_digest(project.root / "site")
    second = subprocess.run(_build_command(project.root), env={**os.environ, **env}, capture_output=True)
    assert second.returncode == 0, second.stderr
    assert tree_digest(project.root / "site") == reference


def test_sigkill_at_any_moment_never_costs_the_previous_site(project):
    many_events(project, 150)
    assert project.run("build").code == 0
    good = tree_digest(project.root / "site")
    project.event("2024-11-30-late-addition.md", title="Late addition")
    for delay in (0.05, 0.2, 0.35, 0.5, 0.7, 0.9):
        process = subprocess.Popen(_build_command(project.root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        site = tree_digest(project.root / "site")
        # Either the previous site or the complete new one: never a mixture, never nothing.
        assert site == good or ("2024-11-30-late-addition/index.html" in site and len(site) == len(good) + 1), delay
        if site != good:
            good = site
    assert project.run("build").code == 0
    assert sorted(p.name for p in project.root.iterdir()) == [".timeline-cache", "events", "site", "templates", "timeline.toml"]


def _note_calls(monkeypatch, owner, name: str, log: Path, note):
    """Make every call of owner.name, here or in a forked worker, add note(arguments) to log unless it is None;
    return a reader of the notes, sorted."""
    real = getattr(owner, name)

    def noting(self, *args, **kwargs):
        value = note(*args, **kwargs)
        if value is not None:
            with open(log, "a", encoding="utf-8") as file:
                file.write(json.dumps(value) + "\n")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, noting)
    return lambda: sorted(json.loads(line) for line in log.read_text().splitlines()) if log.exists() else []


def _count_markdown(monkeypatch, log: Path):
    """Note the text of every run of Markdown in log; return a reader."""
    from timeline.render.markdown import MarkdownRenderer
    return _note_calls(monkeypatch, MarkdownRenderer, "__call__", log, lambda text: text)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_renders_markdown_only_for_new_or_edited_descriptions(project, tmp_path, monkeypatch, workers):
    monkeypatch.setattr(worker_pool, "PARALLEL_FROM", 1)
    monkeypatch.setattr(worker_pool, "CHUNK_PAGES", 3)
    for i in range(8):
        project.event(f"2020-01-0{i + 1}-event-{i}.md", title=f"Event {i}",
                      body=f"Event *{i}* [link](https://example.org/{i})")
    assert Builder(project.root, workers=workers).build().errors == []
    rendered = _count_markdown(monkeypatch, tmp_path / "markdown.log")
    project.event("2020-01-03-event-2.md", title="Event 2", body="Edited *text*")
    project.event("2020-01-09-new.md", title="New", body="A new *one*")
    (project.root / "templates" / "base.html").write_text((project.root / "templates" / "base.html").read_text() + "\n")
    assert Builder(project.root, workers=workers).build().errors == []
    assert rendered() == ["A new *one*\n", "Edited *text*\n"]  # in the workers too: they send back what they made
    assert_like_a_fresh_build(project.root, tmp_path)


def _count_event_pages(monkeypatch, log: Path):
    """Note the event of every event page rendered in log; return a reader."""
    from timeline.render.pages import SiteRenderer
    return _note_calls(monkeypatch, SiteRenderer, "render", log,
                       lambda template, **context: context["event"].id if template == "event.html" else None)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_renders_only_the_event_pages_whose_inputs_changed(project, tmp_path, monkeypatch, workers):
    monkeypatch.setattr(worker_pool, "PARALLEL_FROM", 1)
    monkeypatch.setattr(worker_pool, "CHUNK_PAGES", 3)
    for i in range(1, 10):
        project.event(f"2020-01-0{i}-event-{i}.md", title=f"Event {i}")
    assert Builder(project.root, workers=workers).build().errors == []
    rendered = _count_event_pages(monkeypatch, tmp_path / "pages.log")
    project.event("2020-01-05-event-5.md", title="Event 5, renamed")  # its neighbours show its title
    page = project.root / "site" / "2020-01-08-event-8" / "index.html"
    page.write_text(page.read_text().replace("Event 8", "Event 8 edited by hand"))
    assert Builder(project.root, workers=workers).build().errors == []
    assert rendered() == ["2020-01-04-event-4", "2020-01-05-event-5", "2020-01-06-event-6", "2020-01-08-event-8"]
    assert_like_a_fresh_build(project.root, tmp_path)
    # Anything else the pages show (templates, settings, code, libraries) renders every page again.
    (tmp_path / "pages.log").unlink()
    template = project.root / "templates" / "event.html"
    template.write_text(template.read_text() + "\n")
    assert Builder(project.root, workers=workers).build().errors == []
    assert len(rendered()) == 9


@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_renders_list_entries_only_for_new_or_edited_events(project, tmp_path, monkeypatch, workers):
    from timeline.render import list_pieces
    monkeypatch.setattr(worker_pool, "PARALLEL_FROM", 1)
    for i in range(1, 9):
        project.event(f"2020-01-0{i}-event-{i}.md", title=f"Event {i}", tags=f"[t{i % 3}]", actors="[Someone]")
    assert Builder(project.root, workers=workers).build().errors == []
    rendered = _note_calls(monkeypatch, list_pieces.ListPieces, "_render_entry", tmp_path / "items.log",
                           lambda event, macro, heading, superseded: [event.id, macro])
    project.event("2020-01-03-event-3.md", title="Event 3, renamed", tags="[t0]", actors="[Someone]")
    project.event("2020-01-09-new.md", title="New", tags="[t1]", actors="[Someone]")
    assert Builder(project.root, workers=workers).build().errors == []
    assert rendered() == [["2020-01-03-event-3", "event_item"], ["2020-01-03-event-3", "event_line"],  # timeline, tag
                          ["2020-01-09-new", "event_item"], ["2020-01-09-new", "event_line"]]
    assert_like_a_fresh_build(project.root, tmp_path)
    # Anything else an entry shows (templates, settings, code, libraries) renders every entry again.
    (tmp_path / "items.log").unlink()
    macros = project.root / "templates" / "_macros.html"
    macros.write_text(macros.read_text() + "\n")
    assert Builder(project.root, workers=workers).build().errors == []
    assert len(rendered()) == 18


@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_renders_again_only_the_list_pages_whose_events_changed(project, tmp_path, monkeypatch, workers):
    from timeline.render.pages import SiteRenderer
    monkeypatch.setattr(worker_pool, "PARALLEL_FROM", 1)
    for i in range(1, 9):
        project.event(f"2020-01-0{i}-event-{i}.md", title=f"Event {i}", tags=f"[t{i % 3}]", actors=f"[Someone {i % 2}]")
    assert Builder(project.root, workers=workers).build().errors == []
    rendered = _note_calls(monkeypatch, SiteRenderer, "render", tmp_path / "lists.log",
                           lambda template, **context: context["page_path"] if template == "list.html" else None)
    project.event("2020-01-03-event-3.md", title="Event 3, renamed", tags="[t0]", actors="[Someone 1]")
    assert Builder(project.root, workers=workers).build().errors == []
    # its tag's and actor's lists, and the two that hold every event; not t1, t2 or Someone 0
    assert rendered() == ["actors/someone-1/", "corroboration/single/", "statuses/reported/", "tags/t0/"]
    assert_like_a_fresh_build(project.root, tmp_path)
    # another event now supersedes event 1: event 1's entry reads "Superseded" in every list it is in
    (tmp_path / "lists.log").unlink()
    project.event("2020-01-05-event-5.md", title="Event 5", tags="[t2]", actors="[Someone 1]",
                  related="\n  - event: 2020-01-01-event-1\n    relation: supersedes")
    assert Builder(project.root, workers=workers).build().errors == []
    assert rendered() == ["actors/someone-1/", "corroboration/single/", "statuses/reported/", "tags/t1/",
                          "tags/t2/"]
    shutil.rmtree(tmp_path / "fresh")
    assert_like_a_fresh_build(project.root, tmp_path)


def test_a_build_renders_again_only_the_year_and_month_pages_whose_events_changed(project, tmp_path, monkeypatch):
    from timeline.render import site_index
    from timeline.render.pages import SiteRenderer
    monkeypatch.setattr(site_index, "YEAR_PAGES_FROM", 4)
    monkeypatch.setattr(site_index, "MONTH_PAGES_FROM", 3)
    for year in (2020, 2021, 2022):
        for month in (3, 9) if year != 2021 else (3, 5, 9):
            project.event(f"{year}-{month:02d}-01-e-{year}-{month}.md", title=f"E {year} {month}")
    assert project.run("build").code == 0
    rendered = _note_calls(monkeypatch, SiteRenderer, "render", tmp_path / "timeline.log",
                           lambda template, **context: context["page_path"] if template == "timeline.html" else None)
    project.event("2021-05-01-e-2021-5.md", title="E 2021 5, renamed")
    assert project.run("build").code == 0
    # the home page, the year of the event (which has month pages) and its month; not 2020, 2022, other months
    assert rendered() == ["", "years/2021/", "years/2021/05/"]
    assert_like_a_fresh_build(project.root, tmp_path)
    # a new year changes every year page's row of years
    (tmp_path / "timeline.log").unlink()
    project.event("2023-03-01-e-2023-3.md", title="E 2023 3")
    assert project.run("build").code == 0
    assert rendered() == ["", "years/2020/", "years/2021/", "years/2021/03/", "years/2021/05/", "years/2021/09/",
                          "years/2022/", "years/2023/"]
    shutil.rmtree(tmp_path / "fresh")
    assert_like_a_fresh_build(project.root, tmp_path)


def test_a_list_page_changed_by_hand_in_site_is_rendered_again_not_copied(project, tmp_path):
    for i in range(1, 5):
        project.event(f"2020-01-0{i}-event-{i}.md", title=f"Event {i}", tags=f"[t{i % 2}]")
    assert project.run("build").code == 0
    page = project.root / "site" / "tags" / "t0" / "index.html"
    page.write_text(page.read_text().replace("</main>", "<p>changed by hand</p></main>"))
    project.event("2020-01-01-event-1.md", title="Event 1, renamed", tags="[t1]")  # a t1 event: t0's key is the same
    assert project.run("build").code == 0
    assert "changed by hand" not in page.read_text()
    assert_like_a_fresh_build(project.root, tmp_path)


@pytest.mark.parametrize("damage", [7, ["<li>x</li>"], {"h4": 7}])
def test_damaged_list_entries_in_the_cache_are_rendered_anew(project, tmp_path, damage):
    project.event()
    assert project.run("build").code == 0
    cache = project.root / ".timeline-cache" / "list-items.json"
    saved = json.loads(cache.read_text())
    assert [sorted(entries) for entries in saved["items"].values()] == [["h4", "line h2"]]  # the timeline's, the status page's
    cache.write_text(json.dumps({**saved, "items": dict.fromkeys(saved["items"], damage)}))
    project.event("2024-11-05-another.md", title="Another")
    assert project.run("build").code == 0
    assert_like_a_fresh_build(project.root, tmp_path)


@pytest.mark.parametrize("settled", [True, False], ids=["known-by-status", "just-written"])
def test_a_build_reuses_what_the_last_one_read_exactly_as_reading_anew(project, tmp_path, monkeypatch, settled):
    from tests.test_exports import varied
    if settled:  # the files' status and digest come from the digest pass, which noted them at the last build
        monkeypatch.setattr(fingerprint, "SETTLED_NS", 0)

    varied(project)
    project.event("2024-11-05-warned.md", title="Warned", end="2024-11-05",  # a warning, and a comment
                  location="Kremlin #the palace", draft="true", body="")
    project.write("2024-11-06-archived.md", "---\ntitle: Archived\ndate: 2024-11-06\nsources:\n  - title: T\n"
                  "    publisher: P\n    published: 2024-11-06\n    url: https://example.org/a\n"
                  "    archive_url: https://web.archive.org/web/2024/https://example.org/a\n---\nBody\n")
    assert project.run("build", "--drafts").code == 0
    read = []
    real_read = reading.read_and_validate
    monkeypatch.setattr(reading, "read_and_validate", lambda path, root: read.append(path.name) or real_read(path, root))
    project.event("2024-10-summit.md", title="A summit, renamed", date="2024-10", sources="[]", draft="true")
    builder = Builder(project.root, include_drafts=True, workers=1)
    assert builder.build().errors == []
    assert read == ["2024-10-summit.md"]  # only the edited file is read and validated again
    reused = builder.load()
    fresh = Builder(project.root, include_drafts=True, workers=1).load()
    assert reused.files == fresh.files and reused.events == fresh.events and reused.problems == fresh.problems
    assert len(fresh.events) == 7 and any(p.severity == "warning" for p in fresh.problems)
    assert {e.end for e in fresh.events} > {None} and any(s.archive_url for e in fresh.events for s in e.sources)


@pytest.mark.parametrize("count", [0, 1, 1000, 2501])
def test_a_cache_written_in_pieces_reads_back_whole(tmp_path, count):
    from timeline.build.cache_store import read_cache, write_cache
    from timeline.folders import CACHE_DIR

    items = {f"key {i}": {"html": f"<p>é {i} \"quoted\"</p>", "n": [i, None]} for i in range(count)}
    write_cache(tmp_path, "test.json", "v1", items)
    assert json.loads((tmp_path / CACHE_DIR / "test.json").read_text()) == {"version": "v1", "items": items}
    assert read_cache(tmp_path, "test.json", "v1") == items
    assert read_cache(tmp_path, "test.json", "v2") == {}


@pytest.mark.parametrize("damage", ["other-version", "not-json", "wrong-shape", "wrong-values"])
def test_a_cache_from_another_version_or_damaged_is_ignored(project, tmp_path, monkeypatch, damage):
    from timeline.render import markdown
    project.event(body="Some *text*")
    assert project.run("build").code == 0
    cache = project.root / ".timeline-cache" / content_caches.DESCRIPTIONS_CACHE
    saved = json.loads(cache.read_text())
    assert list(saved["items"].values()) == ["<p dir=\"auto\">Some <em>text</em></p>"]
    if damage == "other-version":
        monkeypatch.setattr(markdown, "markdown_version", lambda: "a later Markdown")
    elif damage == "not-json":
        cache.write_text("{not json")
    elif damage == "wrong-shape":
        cache.write_text(json.dumps([saved]))
    else:
        cache.write_text(json.dumps({**saved, "items": dict.fromkeys(saved["items"], 7)}))
    project.event(title="Changed", body="Some *text*")
    rendered = _count_markdown(monkeypatch, tmp_path / "markdown.log")
    result = project.run("build")
    assert (result.code, rendered()) == (0, ["Some *text*\n"])
    assert "<p dir=\"auto\">Some <em>text</em></p>" in project.site("2024-11-04-a-meeting/index.html")


@pytest.mark.parametrize("lists_meanwhile", [True, False], ids=["lists-meanwhile", "lists-after"])
def test_parallel_build_is_byte_identical_to_a_single_process_build(project, tmp_path, monkeypatch, lists_meanwhile):
    many_events(project, 30)
    project.event("2020-01-02-event-1.md", title="Event 1", body="A [link](https://example.org).")
    monkeypatch.setattr(worker_pool, "PARALLEL_FROM", 1)
    monkeypatch.setattr(worker_pool, "OVERLAP_UP_TO", 10_000 if lists_meanwhile else 0)
    assert Builder(project.root, workers=1).build().errors == []
    single = tree_digest(project.root / "site")
    shutil.rmtree(project.root / ".timeline-cache")  # so that the workers render every description
    builder = IncrementalBuilder(project.root, workers=2)
    assert builder.build().errors == []
    assert tree_digest(project.root / "site") == single
    # the preview goes on from a parallel build: a neighbour re-rendered from the cache stays HTML
    project.event("2020-01-01-event-28.md", title="Renamed", tags="[tag0, t1]")
    assert "2020-01-02-event-1/index.html" in builder.update().written
    page = (project.root / "site" / "2020-01-02-event-1" / "index.html").read_text()
    assert '<a href="https://example.org"' in page


def test_event_page_workers_are_forked_afresh_after_their_share_of_tasks(project, tmp_path, monkeypatch):
    # A worker replaced hands back the pages of this process's heap it copied by touching them; the site is the same.
    from timeline.render.pages import SiteRenderer
    many_events(project, 30)
    monkeypatch.setattr(worker_pool, "PARALLEL_FROM", 1)
    monkeypatch.setattr(worker_pool, "CHUNK_PAGES", 2)
    monkeypatch.setattr(worker_pool, "TASKS_PER_WORKER", 1)
    assert Builder(project.root, workers=1).build().errors == []
    single = tree_digest(project.root / "site")
    shutil.rmtree(project.root / ".timeline-cache")
    renderers = _note_calls(monkeypatch, SiteRenderer, "render", tmp_path / "pids.log",
                            lambda template, **context: os.getpid() if template == "event.html" else None)
    assert Builder(project.root, workers=2).build().errors == []
    assert tree_digest(project.root / "site") == single
    pids = renderers()
    assert len(pids) == 30 and os.getpid() not in pids
    assert len(set(pids)) == 15  # two pages a task, one task a worker


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
def test_ctrl_c_during_a_build_stops_every_worker_quietly_and_keeps_the_site(project):
    # A terminal's Ctrl-C reaches the whole process group, workers forked to replace others included.
    many_events(project, 400)
    assert project.run("build").code == 0
    before = tree_digest(project.root / "site")
    project.event("2020-01-01-event-0.md", title="Edited before the interrupted build")
    shutil.rmtree(project.root / ".timeline-cache")  # so that every event page is rendered again
    script = ("import sys; from timeline.build import workers; workers.CHUNK_PAGES = 2; workers.TASKS_PER_WORKER = 1;"
              f" from timeline.cli import main; sys.exit(main(['build', '--root', {str(project.root)!r}]))")
    process = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stderr=subprocess.PIPE, text=True,
                               **as_a_terminal_job())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None and \
            len(list(project.root.glob(".site-build-*/2020-*/index.html"))) < 100:
        time.sleep(0.01)
    assert process.poll() is None, "the build ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    err = process.communicate(timeout=60)[1]
    assert process.returncode == 130
    assert "Traceback" not in err and "ForkPoolWorker" not in err, err
    assert tree_digest(project.root / "site") == before

WORKERS_HIT_BY_CTRL_C_AS_THEY_ARE_FORKED = """
import os, signal, sys, time
from timeline.build import workers

os.register_at_fork(after_in_child=lambda: time.sleep(0.05))  # widens the moment between a fork and the worker's set-up

def task(number):
    time.sleep(0.01)
    return number

pool = workers.forked_pool(2, (), 1)  # a worker per task: most are forked by the pool's own thread
result = pool.map_async(task, range(40), chunksize=1)
while not result.ready():
    for worker in list(pool._pool):
        try:
            os.kill(worker.pid, signal.SIGINT)
        except (ProcessLookupError, TypeError):  # gone already, or not started
            pass
    time.sleep(0.005)
print(result.get(timeout=60) == list(range(40)))
pool.terminate()
"""


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="signal masks are POSIX")
def test_a_ctrl_c_reaching_a_worker_as_it_is_forked_is_ignored_unseen():
    # CPython runs fork handlers in Python in the new worker; a KeyboardInterrupt there would be printed as ignored.
    process = subprocess.run([sys.executable, "-c", WORKERS_HIT_BY_CTRL_C_AS_THEY_ARE_FORKED], cwd=REPO,
                             capture_output=True, text=True, timeout=120, **as_a_terminal_job())
    assert (process.returncode, process.stdout, process.stderr) == (0, "True\n", "")



def cache_files(root: Path) -> dict[str, str]:
    """Return {name: sha256} of every file in the project's cache folder."""
    cache = root / ".timeline-cache"
    return {p.relative_to(cache).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(cache.rglob("*")) if p.is_file()} if cache.is_dir() else {}


def test_a_build_without_the_speed_layer_makes_the_same_site_and_touches_no_cache(project, tmp_path, monkeypatch):
    # The caches, the workers and the reused site are all on, and warm from builds before an edit.
    many_events(project, 30)
    project.event("2020-01-02-event-1.md", title="Event 1", body="A [link](https://example.org).", tags="[t1]")
    monkeypatch.setattr(worker_pool, "PARALLEL_FROM", 1)
    monkeypatch.setattr(worker_pool, "CHUNK_PAGES", 4)
    assert Builder(project.root, workers=2).build().errors == []
    project.event("2020-01-03-event-2.md", title="Event 2, renamed", body="*Edited*", tags="[t1, t2]")
    assert Builder(project.root, workers=2).build().errors == []
    fast = tree_digest(project.root / "site")
    cached = {name: digest for name, digest in cache_files(project.root).items() if name != "build.json"}
    assert {"descriptions.json", "event-pages.json", "spare-site/index.html"} < set(cached)

    result = project.run("build", "--no-cache")
    assert (result.code, result.out) == (0, "")
    assert result.err == "Built site/: 30 events, 66 files.\n"
    assert tree_digest(project.root / "site") == fast
    assert cache_files(project.root) == cached  # the last build's record is gone: site/ is no longer its
    assert project.run("build").err.startswith("Built site/: ")  # ... so the next build does not trust it


def test_a_change_to_the_code_of_any_subpackage_rebuilds(project, tmp_path, monkeypatch):
    import timeline

    code = tmp_path / "timeline"
    shutil.copytree(Path(timeline.__file__).parent, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "_CODE_DIR", str(code))
    project.event()
    assert project.run("build").code == 0
    assert project.run("build").err.startswith("site/ is up to date")
    for changed in ("model/dates.py", "render/i18n.py", "serve/live_reload.js"):
        (code / changed).write_text((code / changed).read_text() + "\n")
        assert project.run("build").err.startswith("Built site/"), changed
    (code / "render" / "__pycache__").mkdir()
    (code / "render" / "__pycache__" / "i18n.cpython-311.pyc").write_bytes(b"compiled")
    assert project.run("build").err.startswith("site/ is up to date")  # compiled files are not code we wrote


def test_package_versions_match_importlib_metadata():
    from importlib.metadata import version

    from timeline.versions import RENDERING_PACKAGES, package_versions

    names = ("Jinja2", "Markdown", "nh3", "python-slugify", "PyYAML", "dateparser", "Babel", "lxml_html_clean")
    assert package_versions(names) == {name: version(name) for name in names}
    assert package_versions(("no-such-package-here",)) == {"no-such-package-here": "not installed"}
    assert package_versions(RENDERING_PACKAGES) == {name: version(name) for name in RENDERING_PACKAGES}


def test_files_read_in_parallel_give_the_same_problems_and_events(project, monkeypatch):
    many_events(project, 20)
    project.write("2020-02-01-broken.md", "---\ntitle: [broken\n---\n")
    project.write("2020-02-02-no-sources.md", "---\ntitle: No sources\ndate: 2020-02-02\n---\n")
    project.write("2020-02-03-bad-date.md", "---\ntitle: Bad\ndate: 04/11/2024\nsources: []\n---\n")
    serial = Builder(project.root, workers=1).load()
    monkeypatch.setattr(worker_pool, "PARALLEL_FROM", 1)
    monkeypatch.setattr(worker_pool, "CHUNK_FILES", 4)
    chunks = []
    real_read_in_parallel = worker_pool.read_in_parallel
    monkeypatch.setattr(speed, "read_in_parallel",
                        lambda paths, root, workers: chunks.append(len(paths)) or real_read_in_parallel(paths, root, workers))
    parallel = Builder(project.root, workers=2).load()
    assert chunks == [23]
    assert len(serial.problems) >= 3
    assert parallel.problems == serial.problems
    assert parallel.events == serial.events
    assert [f.relpath for f in parallel.files] == [f.relpath for f in serial.files]


def test_a_build_with_nothing_changed_keeps_the_site_as_it_is(project):
    project.event()
    first = project.run("build").err
    assert first.startswith("Built site/: 1 event, ") and first.endswith(" files.\n")
    inode = (project.root / "site").stat().st_ino
    again = project.run("build")
    assert again.err == "site/ is up to date: 1 event; nothing changed since it was built.\n"
    assert (project.root / "site").stat().st_ino == inode


@pytest.mark.parametrize("options", [[], ["--drafts"]], ids=["plain", "with-options"])
def test_an_up_to_date_build_repeats_the_warnings_of_the_build_that_made_it(project, options):
    project.event(end="2024-11-04")
    warning = "events/2024-11-04-a-meeting.md:8: warning: end: is the same as date; remove it\n"
    assert project.run("build", *options).err.startswith(warning + "Built site/: 1 event, ")
    again = project.run("build", *options)
    assert (again.code, again.err) == (0, warning + "site/ is up to date: 1 event; nothing changed since it was built.\n")


def test_an_up_to_date_build_loads_no_heavy_module(project):
    # What keeps `python build.py` with nothing changed near 50 ms at 1,000 events.
    project.event()
    assert project.run("build").code == 0
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import build; code = build.main(['--root', sys.argv[2]]); "
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'argparse', 'pathlib', 'yaml', 'jinja2', "
        "'markdown', 'dataclasses', 'json', 'tomllib', 'timeline'}))"
    )
    result = subprocess.run([sys.executable, "-c", script, str(REPO), str(project.root)], capture_output=True, text=True)
    assert result.stdout == "0 ['json', 'timeline']\n"
    assert result.stderr == "site/ is up to date: 1 event; nothing changed since it was built.\n"


def test_a_build_reads_its_inputs_once(project, monkeypatch):
    # The look that finds site/ stale (a plain `build`) hands its digests to the build that follows.
    looks = []
    real_digests = fingerprint.input_digests
    monkeypatch.setattr(fingerprint, "input_digests", lambda *args: looks.append(args[0]) or real_digests(*args))
    project.event()
    assert project.run("build").code == 0 and len(looks) == 1  # no site yet: the build digests them
    project.event(title="Changed")
    assert project.run("build").err.startswith("Built site/") and len(looks) == 2  # the look's, taken over
    assert project.run("build").err.startswith("site/ is up to date") and len(looks) == 3
    shutil.rmtree(project.root / "site")
    assert project.run("build").code == 0 and len(looks) == 4  # no site: no look
    assert project.run("build", "--drafts").code == 0 and len(looks) == 5  # not a plain build: no look


def test_a_build_leaves_the_cycle_collector_running_whatever_its_outcome(project):
    import gc

    project.event()
    assert project.run("build").code == 0 and gc.isenabled()  # the preview's process lives on after a build
    project.event("2024-11-05-broken.md", date="someday")
    assert project.run("build").code == 1 and gc.isenabled()


def test_an_up_to_date_build_counts_the_drafts_it_left_out(project):
    project.event()
    project.event("2024-11-05-draft.md", draft="true")
    project.run("build")
    again = project.run("build")
    assert again.err == "site/ is up to date: 1 event (1 draft left out); nothing changed since it was built.\n"


def test_a_plain_build_finds_its_project_like_any_other_command(project, monkeypatch):
    from timeline.cli import _plain_build_root

    monkeypatch.chdir(project.root)
    assert _plain_build_root(["build"], None) == str(project.root.resolve())
    assert _plain_build_root(["build"], "elsewhere") == str((project.root / "elsewhere").resolve())
    assert _plain_build_root(["build", "--root", "."], "elsewhere") == str(project.root.resolve())
    for other in (["build", "--drafts"], ["build", "--root"], ["build", "--root", ""], ["check"],
                  ["build", "--root=.", "--debug"]):
        assert _plain_build_root(other, None) is None, other


@pytest.mark.parametrize("change", [
    "event", "template", "config", "base-url", "drafts", "site-removed", "new-file", "Babel", "Markdown",
])
def test_any_changed_input_rebuilds(project, change, monkeypatch):
    project.event()
    assert project.run("build").code == 0
    args = ["build"]
    if change == "event":
        project.event(title="Changed")
    elif change == "template":
        base = project.root / "templates" / "base.html"
        base.write_text(base.read_text() + "\n")
    elif change == "config":
        config = project.root / "timeline.toml"
        config.write_text(config.read_text().replace('language = "en"', 'language = "de"'))
    elif change == "base-url":
        args += ["--base-url", "/timeline/"]
    elif change == "drafts":
        args += ["--drafts"]
    elif change == "site-removed":
        import shutil
        shutil.rmtree(project.root / "site")
    elif change == "new-file":
        project.event("2024-11-05-another.md", title="Another")
    else:  # an upgraded package renders differently: its version is part of the fingerprint
        real_versions = fingerprint.package_versions
        monkeypatch.setattr(fingerprint, "package_versions",
                            lambda names: {**real_versions(names), change: "99.0"})
    result = project.run(*args)
    assert result.err.startswith("Built site/: "), result.err


def test_a_fresh_build_ignores_a_planted_site_and_cache(project):
    # What a pull request could carry besides event files: a site/ and caches of its own making.
    project.event(body="Some *text*")
    assert project.run("build").code == 0
    page = project.root / "site" / "2024-11-04-a-meeting" / "index.html"
    page.write_text(page.read_text().replace('<p dir="auto">Some', "<script>alert(1)</script><p dir=\"auto\">Some"))
    assert project.run("build").err == "site/ is up to date: 1 event; nothing changed since it was built.\n"
    cache = project.root / ".timeline-cache" / "descriptions.json"
    saved = json.loads(cache.read_text())
    cache.write_text(json.dumps({**saved, "items": dict.fromkeys(saved["items"], "<script>alert(2)</script>")}))
    project.event(title="Renamed", body="Some *text*")
    assert project.run("build").code == 0
    assert "<script>alert(2)</script>" in page.read_text()  # a plain build trusts its caches, like templates
    cache.write_text(json.dumps({**saved, "items": dict.fromkeys(saved["items"], "<script>alert(3)</script>")}))
    page.write_text(page.read_text().replace('<p dir="auto">Some', "<script>alert(4)</script><p dir=\"auto\">Some"))

    result = project.run("build", "--fresh")
    assert result.code == 0 and result.err.startswith("Built site/: 1 event, ")
    assert "<script>" not in page.read_text() and "<p dir=\"auto\">Some <em>text</em></p>" in page.read_text()
    assert json.loads(cache.read_text())["items"] == saved["items"]  # what this build made, nothing planted


def test_a_fresh_build_removes_a_cache_that_is_a_link_without_following_it(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("kept")
    project.event()
    (project.root / ".timeline-cache").symlink_to(elsewhere, target_is_directory=True)
    assert project.run("build", "--fresh").code == 0
    assert (elsewhere / "keep.txt").read_text() == "kept"
    assert (project.root / ".timeline-cache").is_dir() and not (project.root / ".timeline-cache").is_symlink()


def _note_event_reads(monkeypatch) -> list[str]:
    """Return the list of event files the digest pass reads from now on, filled as it reads them."""
    read: list[str] = []
    real_contents = fingerprint._contents
    monkeypatch.setattr(fingerprint, "_contents", lambda path: (read.append(os.path.basename(path))
                                                               if "/events/" in path else None) or real_contents(path))
    return read


def test_an_unchanged_event_file_is_known_by_its_status_and_not_read_again(project, monkeypatch):
    project.event()
    project.event("2024-11-05-second.md", title="Second")
    assert project.run("build").code == 0
    read = _note_event_reads(monkeypatch)
    assert project.run("build").err.startswith("site/ is up to date")
    assert read == ["2024-11-04-a-meeting.md", "2024-11-05-second.md"]  # just written: maybe still changing
    monkeypatch.setattr(fingerprint, "SETTLED_NS", 0)
    assert project.run("build", "--drafts").err.startswith("Built site/")  # notes their status
    read.clear()
    assert project.run("build", "--drafts").err.startswith("site/ is up to date")
    assert read == []


def _rewrite_keeping_size_and_time(path, old: str, new: str) -> None:
    """Replace words in a file with as many others, setting its modification time back as a copying tool would."""
    before = path.stat()
    time.sleep(0.01)
    path.write_text(path.read_text().replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(project, monkeypatch):
    # Tools that copy or restore files can set the modification time back; no tool can set back ctime.
    monkeypatch.setattr(fingerprint, "SETTLED_NS", 0)
    path = project.event(title="Same size A")
    assert project.run("build").code == 0
    _rewrite_keeping_size_and_time(path, "Same size A", "Same size B")
    assert project.run("build").err.startswith("Built site/")
    assert "Same size B" in project.site("2024-11-04-a-meeting/index.html")


def test_unchanged_code_templates_and_settings_are_known_by_their_status_and_not_read_again(project, monkeypatch):
    # A build with nothing changed digests every input; the code alone is some eighty files.
    monkeypatch.setattr(fingerprint, "SETTLED_NS", 0)
    project.event()
    assert project.run("build").code == 0  # notes every file's status
    read: list[str] = []
    real_contents = fingerprint._contents
    monkeypatch.setattr(fingerprint, "_contents", lambda path: read.append(path) or real_contents(path))
    assert project.run("build").err.startswith("site/ is up to date")
    assert read == []
    template = project.root / "templates" / "base.html"
    template.write_text(template.read_text() + "\n")
    assert project.run("build").err.startswith("Built site/")
    assert read == [str(template)]  # the one file whose status changed


def test_a_template_edit_that_keeps_size_and_modification_time_is_still_seen(project, monkeypatch):
    monkeypatch.setattr(fingerprint, "SETTLED_NS", 0)
    project.event()
    template = project.root / "templates" / "event.html"
    template.write_text(template.read_text().replace("{% block title %}", "{% block title %}Edition A ", 1))
    assert project.run("build").code == 0
    _rewrite_keeping_size_and_time(template, "Edition A", "Edition B")
    assert project.run("build").err.startswith("Built site/")
    assert "Edition B" in project.site("2024-11-04-a-meeting/index.html")


_INTERRUPT_AT_FORK: list[bool] = []


def _interrupt_after_a_fork() -> None:
    if _INTERRUPT_AT_FORK:
        os.kill(os.getpid(), signal.SIGINT)


def _a_later_fork_handler() -> None:
    """The Python code a Ctrl-C sent during a fork is raised in (logging's handler, in the preview's case)."""


# Registered once for the test session, armed only by the test below.
os.register_at_fork(after_in_parent=_interrupt_after_a_fork)
os.register_at_fork(after_in_parent=_a_later_fork_handler)


def test_a_ctrl_c_while_workers_are_forked_is_raised_not_lost(project, monkeypatch, capsys):
    # CPython prints a KeyboardInterrupt raised in a fork handler as ignored and goes on:
    # the preview, which forks after it starts serving, then ran on after its one Ctrl-C.
    monkeypatch.setattr(worker_pool, "PARALLEL_FROM", 1)
    for day in range(1, 5):
        project.event(f"2024-11-0{day}-event-{day}.md", title=f"Event {day}")
    # Another thread may take the signal (a test run's browser driver has several): it must not leave workers behind.
    bystander_may_stop = threading.Event()
    bystander = threading.Thread(target=bystander_may_stop.wait)
    bystander.start()
    _INTERRUPT_AT_FORK.append(True)
    try:
        with pytest.raises(KeyboardInterrupt):
            Builder(project.root, workers=2).build()
    finally:
        _INTERRUPT_AT_FORK.clear()
        bystander_may_stop.set()
        bystander.join()
    assert "KeyboardInterrupt" not in capsys.readouterr().err
    assert not (project.root / "site").exists()
    assert multiprocessing.active_children() == []
