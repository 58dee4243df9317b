"""The preview server: safe paths, the site's 404, live-reload state, rebuilds that survive bad edits."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, as_a_terminal_job
from timeline.build.builder import Builder
from timeline.build.incremental import IncrementalBuilder
from timeline.serve.http import LIVE_PREFIX
from timeline.serve.preview import Preview


def get(port: int, path: str) -> tuple[int, dict, bytes]:
    """Return (status, headers, body) of a raw GET, sending the path exactly as given."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.putrequest("GET", path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


@pytest.fixture
def preview(project):
    project.event()
    project.event("2024-11-07-second.md", title="Second", tags="[nato]")
    builder = IncrementalBuilder(project.root, base_url="/timeline/")
    server = Preview(builder, port=0, log=lambda text: None)
    server.start()
    yield server
    server.stop()


def port_of(preview) -> int:
    return preview.server.server_address[1]


def wait_for_version(preview, version: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while preview.state.version < version:
        assert time.monotonic() < deadline, "no rebuild happened"
        time.sleep(0.02)


def test_the_reload_script_is_stamped_with_the_build_before_the_page_is_read(preview, project, monkeypatch):
    # A rebuild landing between the stamp and the read gives a newer page with an older stamp: that page
    # reloads once more. The other order would give a stale page a newer stamp, and it would never reload.
    from timeline.serve import http
    order = []
    stamp = http.SiteRequestHandler._reload_tag
    monkeypatch.setattr(http.SiteRequestHandler, "_reload_tag", lambda self: order.append("stamp") or stamp(self))
    read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: order.append(f"read {self.name}") or read(self))
    get(port_of(preview), "/timeline/")
    assert order == ["stamp", "read index.html"]


def test_pages_get_the_reload_script_but_site_files_do_not(preview, project):
    status, headers, body = get(port_of(preview), "/timeline/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    version = preview.state.version
    assert body.count(f'<script src="{LIVE_PREFIX}reload.js" data-version="{version}" data-base="/timeline/" '
                      'defer></script>'.encode()) == 1
    assert b"__timeline__" not in (project.root / "site" / "index.html").read_bytes()
    status, _, script = get(port_of(preview), LIVE_PREFIX + "reload.js")
    assert status == 200 and b"EventSource" in script


@pytest.mark.parametrize("path", [
    "/timeline/../../etc/passwd",
    "/timeline/%2e%2e/%2e%2e/etc/passwd",
    "/timeline/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/timeline/..%5c..%5cetc%5cpasswd",
    "/timeline/%00/index.html",
    "/etc/passwd",
    "/timeline/static/../../timeline.toml",
    "//etc/passwd",
])
def test_paths_outside_the_site_are_refused_with_the_sites_404(preview, path):
    status, _, body = get(port_of(preview), path)
    assert status == 404
    assert b"Page not found" in body
    assert b"root:" not in body and b"base_path" not in body


def test_missing_page_gets_the_sites_404(preview):
    status, _, body = get(port_of(preview), "/timeline/no-such-event/")
    assert status == 404
    assert b"Page not found" in body


def test_base_path_without_slash_redirects(preview):
    status, headers, _ = get(port_of(preview), "/timeline")
    assert status == 301
    assert headers["Location"] == "/timeline/"


def test_an_edit_is_rebuilt_and_announced(preview, project):
    before = preview.state.version
    project.event(title="Renamed meeting")
    wait_for_version(preview, before + 1)
    assert preview.state.problems == []
    _, _, body = get(port_of(preview), "/timeline/2024-11-04-a-meeting/")
    assert b"Renamed meeting" in body


def test_a_bad_edit_keeps_serving_and_reports_then_clears(preview, project):
    good = (project.root / "site" / "index.html").read_bytes()
    before = preview.state.version
    project.write("2024-11-04-a-meeting.md", "---\ntitle: [broken\n---\n")
    wait_for_version(preview, before + 1)
    assert preview.state.problems == [
        "events/2024-11-04-a-meeting.md:2: front matter: YAML syntax error: did not find expected ',' or ']'; "
        "the [ on this line is never closed with ]"
    ]
    assert (project.root / "site" / "index.html").read_bytes() == good
    status, _, _ = get(port_of(preview), "/timeline/")
    assert status == 200
    project.event(title="Fixed")
    wait_for_version(preview, before + 2)
    assert preview.state.problems == []


def test_putting_a_broken_file_back_as_it_was_says_the_problems_are_gone(project):
    project.event()
    logged = []
    server = Preview(IncrementalBuilder(project.root), port=0, log=logged.append)
    server.start()
    try:
        path = project.root / "events" / "2024-11-04-a-meeting.md"
        good = path.read_bytes()
        before = server.state.version
        path.write_text("---\ntitle: [broken\n---\n")
        wait_for_version(server, before + 1)
        path.write_bytes(good)  # nothing to rewrite: the last good site is this file's
        wait_for_version(server, before + 2)
        assert logged == [
            "1 problem; showing the last good site:\n"
            "  events/2024-11-04-a-meeting.md:2: front matter: YAML syntax error: did not find expected ',' or ']'; "
            "the [ on this line is never closed with ]",
            "No problems left.",
        ]
    finally:
        server.stop()


def test_a_port_in_use_is_said_at_once_before_any_build(project):
    import socket

    project.event()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(REPO / "build.py"), "serve", "--root", str(project.root),
                                 "--port", str(port)], capture_output=True, text=True, timeout=30)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"error: cannot listen on 127.0.0.1:{port}: Address already in use; is another preview "
                             "still running? Stop it, or give another port: --port 8001 (--port 0 picks a free one)\n")
    assert not (project.root / "site").exists()


def test_exports_follow_once_the_author_pauses(preview, project, monkeypatch):
    from timeline.serve import preview as preview_module
    monkeypatch.setattr(preview_module, "EXPORT_DELAY", 1.0)
    events_json = project.root / "site" / "events.json"
    before = preview.state.version
    project.event(title="First rename")
    wait_for_version(preview, before + 1)
    # the page is there at once; the feed, calendar, JSON and search index wait for a pause
    assert "First rename" in project.site("2024-11-04-a-meeting/index.html")
    assert "First rename" not in events_json.read_text()
    project.event(title="Second rename")  # saved again before the pause: only the latest is written
    wait_for_version(preview, before + 2)
    deadline = time.monotonic() + 10
    while preview.builder.has_deferred():
        assert time.monotonic() < deadline, "the exports were never rewritten"
        time.sleep(0.05)
    with preview.lock:  # the last file is written under the lock
        assert "Second rename" in events_json.read_text() and "First rename" not in events_json.read_text()
        assert "Second rename" in project.site("feed.xml") and "Second rename" in project.site("search/docs-0.json")


def test_the_exporter_yields_to_a_pending_edit(preview, project, monkeypatch):
    from timeline.serve import preview as preview_module
    monkeypatch.setattr(preview_module, "EXPORT_DELAY", 0.5)
    before = preview.state.version
    project.event(title="Waiting rename")
    wait_for_version(preview, before + 1)
    preview.edit_pending.set()  # as the watcher does when the next save arrives
    time.sleep(1.5)
    assert preview.builder.has_deferred()  # an edit is pending: no export was written
    assert "Waiting rename" not in project.site("events.json")
    preview.edit_pending.clear()
    deadline = time.monotonic() + 10
    while preview.builder.has_deferred():
        assert time.monotonic() < deadline, "the exports were never rewritten"
        time.sleep(0.05)
    with preview.lock:
        assert "Waiting rename" in project.site("events.json")


def test_stopping_writes_exports_still_waiting(project, monkeypatch):
    from timeline.serve import preview as preview_module
    monkeypatch.setattr(preview_module, "EXPORT_DELAY", 600)
    project.event()
    builder = IncrementalBuilder(project.root)
    preview = Preview(builder, port=0, log=lambda text: None)
    preview.start()
    before = preview.state.version
    project.event(title="Renamed just before Ctrl-C")
    wait_for_version(preview, before + 1)
    assert "Renamed just before Ctrl-C" not in project.site("events.json")
    preview.stop()
    assert "Renamed just before Ctrl-C" in project.site("events.json")
    assert not builder.has_deferred()


def test_event_stream_sends_the_state(preview):
    connection = http.client.HTTPConnection("127.0.0.1", port_of(preview), timeout=5)
    connection.request("GET", LIVE_PREFIX + "events")
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    line = response.fp.readline()
    assert json.loads(line.decode().removeprefix("data: ")) == {"version": preview.state.version, "problems": [],
                                                                "base_path": "/timeline/"}
    connection.close()


def test_removed_event_removes_its_page_and_empty_tag_folder(preview, project):
    before = preview.state.version
    (project.root / "events" / "2024-11-07-second.md").unlink()
    wait_for_version(preview, before + 1)
    assert not (project.root / "site" / "2024-11-07-second").exists()
    assert not (project.root / "site" / "tags" / "nato").exists()


def test_only_changed_pages_are_rewritten(project):
    for i in range(1, 6):
        project.event(f"2024-11-0{i}-event-{i}.md", title=f"Event {i}", tags=f"[t{i}]")
    builder = IncrementalBuilder(project.root)
    assert builder.update().errors == []
    project.event("2024-11-03-event-3.md", title="Event three", tags="[t3]")
    result = builder.update()
    assert sorted(result.written) == [
        "2024-11-02-event-2/index.html",   # its "later" link shows the new title
        "2024-11-03-event-3/index.html",
        "2024-11-04-event-4/index.html",   # its "earlier" link shows the new title
        "corroboration/single/index.html",  # it lists the event
        "events.csv", "events.ics", "events.json", "feed.xml",
        "index.html",
        "search/docs-0.json", "search/meta.json", "search/terms-0.json",  # the title is searchable
        "statuses/reported/index.html",  # it lists the event
        "tags/t3/index.html",
        "timelinejs.json",
    ]
    assert result.removed == []


def test_serve_starts_prints_the_url_and_stops_cleanly_on_ctrl_c(project):
    project.event()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(project.root), "--port", "0"],
        stderr=subprocess.PIPE, text=True,
    )
    try:
        line = process.stderr.readline()
        assert line.startswith("Serving the timeline at http://127.0.0.1:")
        assert line.endswith("/ (live reload on; Ctrl-C stops)\n")
        port = int(line.split(":")[2].split("/")[0])
        assert get(port, "/")[0] == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert process.stderr.read() == "Stopped.\n"
    finally:
        if process.poll() is None:
            process.kill()


def test_the_quick_start_preview_stops_on_ctrl_c_without_a_traceback(project):
    # A terminal's Ctrl-C reaches the whole foreground process group: dev.py as well as the server.
    project.event()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "dev.py"), "serve", "--root", str(project.root), "--port", "0"],
        stderr=subprocess.PIPE, text=True, **as_a_terminal_job(),
    )
    try:
        line = process.stderr.readline()
        while line and not line.startswith("Serving the timeline at "):  # a fresh clone's set-up (pip) says more
            line = process.stderr.readline()
        assert line.startswith("Serving the timeline at http://127.0.0.1:")
        os.killpg(process.pid, signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert process.stderr.read() == "Stopped.\n"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def test_serve_with_broken_files_still_serves_and_lists_problems(project):
    project.write("2024-11-04-broken.md", "no front matter\n")
    builder = IncrementalBuilder(project.root)
    server = Preview(builder, port=0, log=lambda text: None)
    server.start()
    try:
        assert server.state.problems == [
            "events/2024-11-04-broken.md:1: front matter: is missing: the file must start with a line of three "
            "dashes (---), then the fields (title: ..., date: ...), then another --- line"
        ]
        status, _, body = get(server.server.server_address[1], "/")
        assert status == 404 and b"has not been built yet" in body and b"reload.js" in body
    finally:
        server.stop()


def test_an_edit_saved_while_the_first_build_runs_is_picked_up(project, monkeypatch):
    # At 10,000 events the first build takes seconds: an author may save before the watch begins.
    project.event()
    builder = IncrementalBuilder(project.root)
    first_build = builder.update

    def edit_after_reading(*args, **kwargs):
        result = first_build(*args, **kwargs)
        if not hasattr(builder, "edited"):
            builder.edited = True
            project.event(title="Saved during the first build")
        return result

    monkeypatch.setattr(builder, "update", edit_after_reading)
    preview = Preview(builder, port=0, log=lambda text: None)
    preview.start()
    try:
        deadline = time.monotonic() + 10
        while b"Saved during the first build" not in get(port_of(preview), "/2024-11-04-a-meeting/")[2]:
            assert time.monotonic() < deadline, "the edit was never built"
            time.sleep(0.05)
    finally:
        preview.stop()


def test_the_previews_first_build_keeps_the_export_pieces_its_fork_made(project, tmp_path, monkeypatch):
    # The first build renders the exports in a forked process; the preview needs their pieces after.
    from tests.test_site import assert_like_a_fresh_build
    from timeline.build import workers
    from timeline.exports import exporter
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    for day in range(1, 7):
        project.event(f"2024-11-0{day}-event-{day}.md", title=f"Event {day}", body=f"Body *{day}*")
    builder = IncrementalBuilder(project.root, workers=2)
    assert builder.update(defer_exports=True).errors == []
    recorded = []
    real_record = exporter.event_record
    monkeypatch.setattr(exporter, "event_record", lambda event, url: recorded.append(event.id) or real_record(event, url))
    project.event("2024-11-03-event-3.md", title="Event three", body="Body *3*")
    assert builder.update(defer_exports=True).errors == []
    assert "events.json" in builder.write_deferred()
    assert recorded == ["2024-11-03-event-3"]  # every other event's piece came back from the fork
    assert_like_a_fresh_build(project.root, tmp_path)


def test_a_site_already_current_is_served_before_the_first_build(project):
    # At 10,000 events the first build takes seconds; a site/ the inputs would make again is served meanwhile.
    project.event()
    assert Builder(project.root).build().errors == []
    built = (project.root / "site" / "index.html").read_bytes()
    builder = IncrementalBuilder(project.root)
    calls = []
    real_update = builder.update
    builder.update = lambda *args, **kwargs: calls.append(args) or real_update(*args, **kwargs)
    logged = []
    preview = Preview(builder, port=0, log=logged.append)
    preview.start()
    try:
        assert calls == []
        status, _, body = get(port_of(preview), "/")
        assert status == 200 and body.startswith(built[:100]) and b"reload.js" in body
        version = preview.state.version
        preview.start_watching()
        assert calls[0] == (None,)  # the first build (of everything), after serving began
        assert preview.state.version == version  # the same bytes: open pages are not reloaded for nothing
        assert logged == []
        assert (project.root / "site" / "index.html").read_bytes() == built
        project.event(title="Renamed meeting")
        wait_for_version(preview, version + 1)
        assert b"Renamed meeting" in get(port_of(preview), "/2024-11-04-a-meeting/")[2]
    finally:
        preview.stop()


def test_an_edit_saved_before_the_deferred_first_build_reloads_open_pages(project):
    project.event()
    assert Builder(project.root).build().errors == []
    preview = Preview(IncrementalBuilder(project.root), port=0, log=lambda text: None)
    preview.start()
    try:
        version = preview.state.version
        project.event(title="Saved while the old site was served")
        preview.start_watching()
        wait_for_version(preview, version + 1)
        assert b"Saved while the old site was served" in get(port_of(preview), "/2024-11-04-a-meeting/")[2]
    finally:
        preview.stop()


def test_ctrl_c_during_the_deferred_first_build_stops_cleanly_and_keeps_the_site(project, monkeypatch, capsys):
    from argparse import Namespace

    from timeline.serve.preview import serve

    project.event()
    assert Builder(project.root).build().errors == []
    site = project.root / "site"
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    builder = IncrementalBuilder(project.root)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(builder, "update", interrupted)
    assert serve(Namespace(host="127.0.0.1", port=0), builder) == 0
    err = capsys.readouterr().err
    assert err.startswith("Serving the timeline at http://127.0.0.1:")
    assert err.endswith("/ (live reload on; Ctrl-C stops)\nStopped.\n")
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before


def test_a_ctrl_c_python_drops_in_a_finaliser_still_stops_the_preview(project, monkeypatch, capsys):
    # A KeyboardInterrupt raised while a __del__ runs is printed as ignored and lost; serve must stop anyway.
    import threading
    from argparse import Namespace

    from timeline.serve import preview as preview_module
    project.event()
    assert Builder(project.root).build().errors == []
    builder = IncrementalBuilder(project.root)
    real_update = builder.update

    class InterruptedFinaliser:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(10_000):  # the handler runs here, inside __del__
                pass

    def update_interrupted_in_a_finaliser(*args, **kwargs):
        if not dropped:  # once: the watcher's first rebuild must not send another
            InterruptedFinaliser()
        return real_update(*args, **kwargs)

    monkeypatch.setattr(builder, "update", update_interrupted_in_a_finaliser)
    dropped = []
    made = []
    real_start_watching = preview_module.Preview.start_watching

    def start_watching_with_a_safety_net(preview):
        made.append(threading.Timer(15, lambda: made.append("net") or preview.server.shutdown()))  # if serve never stops
        made[0].start()
        real_start_watching(preview)

    monkeypatch.setattr(preview_module.Preview, "start_watching", start_watching_with_a_safety_net)
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: dropped.append(unraisable.exc_type))
    assert preview_module.serve(Namespace(host="127.0.0.1", port=0), builder) == 0
    made[0].cancel()
    assert made[1:] == []  # serve stopped by itself, not by the safety net
    assert dropped == [KeyboardInterrupt]  # Python did drop it
    assert capsys.readouterr().err.endswith("/ (live reload on; Ctrl-C stops)\nStopped.\n")


def test_an_edit_saved_as_the_deferred_first_build_begins_reloads_open_pages(project, monkeypatch):
    # Saved after the first build took its digests but before it read the file: the build shows the
    # edit, its fingerprint says nothing changed. Open pages must reload all the same.
    from timeline.build import fingerprint
    project.event()
    assert Builder(project.root).build().errors == []
    real_input_digests = fingerprint.input_digests

    def edit_once_digested(*args, **kwargs):
        digests = real_input_digests(*args, **kwargs)
        if not project.root.joinpath("edited").exists():
            project.root.joinpath("edited").touch()
            project.event(title="Saved as the first build began")
        return digests

    monkeypatch.setattr(fingerprint, "input_digests", edit_once_digested)
    preview = Preview(IncrementalBuilder(project.root), port=0, log=lambda text: None)
    preview.start()
    try:
        version = preview.state.version
        preview.start_watching()
        wait_for_version(preview, version + 1)
        assert b"Saved as the first build began" in get(port_of(preview), "/2024-11-04-a-meeting/")[2]
    finally:
        preview.stop()


def test_a_file_name_that_is_not_utf8_is_reported_and_the_watch_goes_on(preview, project):
    # watchfiles cannot give such a name as text: its watch stopped for good, and no edit was seen again.
    before = preview.state.version
    bad = os.path.join(os.fsencode(project.root / "events"), b"\xff.md")
    with open(bad, "wb") as file:
        file.write(b"---\n")
    wait_for_version(preview, before + 1)
    assert preview.state.problems == [
        "events/\\xff.md:1: file: name is not UTF-8 text (it was saved in another encoding); rename it with "
        "letters, digits and hyphens"
    ]
    os.unlink(bad)
    wait_for_version(preview, before + 2)
    assert preview.state.problems == []
    project.event(title="Renamed after the odd file went")
    wait_for_version(preview, before + 3)
    assert b"Renamed after the odd file went" in get(port_of(preview), "/timeline/2024-11-04-a-meeting/")[2]


def test_settings_replaced_by_renaming_are_followed_every_time(preview, project):
    # vim and sed -i write a new file and rename it over timeline.toml: a watch on the file lost it.
    settings = project.root / "timeline.toml"
    original = settings.read_text()
    for number, title in enumerate(["Renamed once", "Renamed twice"], start=1):
        before = preview.state.version
        replacement = project.root / f"sed{number}"
        replacement.write_text(original.replace("title = ", f"title = '{title}'\n# was: ", 1))
        os.replace(replacement, settings)
        wait_for_version(preview, before + 1)
        assert title.encode() in get(port_of(preview), "/timeline/")[2]


def test_events_folder_removed_and_made_again_is_watched(preview, project):
    import shutil

    events = project.root / "events"
    saved = {path.name: path.read_bytes() for path in events.iterdir()}
    before = preview.state.version
    shutil.rmtree(events)
    wait_for_version(preview, before + 1)
    assert preview.state.problems == ["events:1: events: there is no events/ folder; create it and add event files"]
    events.mkdir()
    for name, data in saved.items():
        (events / name).write_bytes(data)
    wait_for_version(preview, before + 2)
    assert preview.state.problems == []
    project.event(title="Edited in the new folder")
    wait_for_version(preview, before + 3)
    assert b"Edited in the new folder" in get(port_of(preview), "/timeline/2024-11-04-a-meeting/")[2]


def test_events_folder_replaced_at_once_is_watched(preview, project):
    # As a git checkout does: the old folder goes and the new one comes within one tick of the watch.
    import shutil

    events = project.root / "events"
    saved = {path.name: path.read_bytes() for path in events.iterdir()}
    shutil.rmtree(events)
    events.mkdir()
    for name, data in saved.items():
        (events / name).write_bytes(data)
    project.event(title="Checked out")
    deadline = time.monotonic() + 10
    while b"Checked out" not in get(port_of(preview), "/timeline/2024-11-04-a-meeting/")[2]:
        assert time.monotonic() < deadline, "the new folder was never built"
        time.sleep(0.05)
    before = preview.state.version
    project.event(title="Edited in the checked-out folder")
    wait_for_version(preview, before + 1)
    assert b"Edited in the checked-out folder" in get(port_of(preview), "/timeline/2024-11-04-a-meeting/")[2]


def test_a_project_without_events_or_templates_is_watched_until_they_come(project, monkeypatch):
    # With no folder to watch, the watch must still tick, to see timeline.toml and the folders arrive.
    (project.root / "events").rmdir()
    templates = project.root / "templates"
    put_away = project.root.parent / "templates-put-away"
    templates.rename(put_away)
    preview = Preview(IncrementalBuilder(project.root), port=0, log=lambda text: None)
    batches = []
    real_rebuild = preview.rebuild
    monkeypatch.setattr(preview, "rebuild", lambda changes=None, **kw: batches.append(changes) or real_rebuild(changes, **kw))
    preview.start()
    try:
        assert preview.state.problems == ["events:1: events: there is no events/ folder; create it and add event files"]
        settings = project.root / "timeline.toml"
        settings.write_text(settings.read_text() + "\n")
        deadline = time.monotonic() + 10
        while {str(settings)} not in batches:
            assert time.monotonic() < deadline, "the settings were never looked at"
            time.sleep(0.05)
        put_away.rename(templates)
        (project.root / "events").mkdir()
        project.event()
        deadline = time.monotonic() + 10
        # the new site/ is in place a moment before the build's outcome is published: wait for both
        while get(port_of(preview), "/2024-11-04-a-meeting/")[0] != 200 or preview.state.problems:
            assert time.monotonic() < deadline, "the folders were never built"
            time.sleep(0.05)
        before = preview.state.version
        project.event(title="Edited once the folders came")
        wait_for_version(preview, before + 1)
        assert b"Edited once the folders came" in get(port_of(preview), "/2024-11-04-a-meeting/")[2]
    finally:
        preview.stop()


def test_only_changes_that_can_change_the_site_are_rebuilt(preview, project, monkeypatch):
    batches = []
    real_rebuild = preview.rebuild
    monkeypatch.setattr(preview, "rebuild", lambda changes=None, **kw: batches.append(changes) or real_rebuild(changes, **kw))
    (project.root / "site" / "by-hand.html").write_text("written into site/")
    (project.root / "notes.txt").write_text("not an input")
    project.write(".2024-11-04-a-meeting.md.swp", "vim's swap file")
    project.write("2024-11-04-a-meeting.md~", "a backup")
    before = preview.state.version
    edited = project.event(title="The one real edit")
    wait_for_version(preview, before + 1)
    assert batches == [{str(edited)}]


def break_template(project) -> str:
    """Add a syntax error at the end of event.html; return the problem the preview shows for it."""
    path = project.root / "templates" / "event.html"
    lines = path.read_text().count("\n") + 1
    path.write_text(path.read_text() + "{% if %}\n")
    return f"templates/event.html:{lines}: template: Expected an expression, got 'end of statement block'"


def mend_template(project) -> None:
    """Put event.html back as the repository has it."""
    (project.root / "templates" / "event.html").write_bytes((REPO / "templates" / "event.html").read_bytes())


def test_a_template_error_during_serve_is_shown_as_build_shows_it(preview, project):
    before = preview.state.version
    problem = break_template(project)
    wait_for_version(preview, before + 1)
    assert preview.state.problems == [problem]
    assert get(port_of(preview), "/timeline/2024-11-04-a-meeting/")[0] == 200  # the last good site
    mend_template(project)
    project.event(title="Edited once the template works")
    wait_for_version(preview, before + 2)
    assert preview.state.problems == []
    assert b"Edited once the template works" in get(port_of(preview), "/timeline/2024-11-04-a-meeting/")[2]


@pytest.mark.parametrize("built_before", [False, True])
def test_serve_starts_with_a_template_error_and_rebuilds_once_it_is_fixed(project, built_before):
    project.event()
    if built_before:
        assert Builder(project.root).build().errors == []
    problem = break_template(project)
    preview = Preview(IncrementalBuilder(project.root), port=0, log=lambda text: None)
    preview.start()
    try:
        assert preview.state.problems == [problem]
        status, _, body = get(port_of(preview), "/2024-11-04-a-meeting/")
        assert (status, b"A meeting" in body) == ((200, True) if built_before else (404, False))
        before = preview.state.version
        mend_template(project)
        wait_for_version(preview, before + 1)
        assert preview.state.problems == []
        assert get(port_of(preview), "/2024-11-04-a-meeting/")[0] == 200
    finally:
        preview.stop()


def test_serve_says_a_template_error_at_start_then_serves(project, monkeypatch, capsys):
    import re
    from argparse import Namespace

    from timeline.serve import preview as preview_module
    real_start_watching = preview_module.Preview.start_watching

    def interrupted(preview):  # start() watches at once when there was no current site; serve's own call is a Ctrl-C
        if preview.watcher.is_alive():
            raise KeyboardInterrupt
        real_start_watching(preview)

    project.event()
    problem = break_template(project)
    monkeypatch.setattr(preview_module.Preview, "start_watching", interrupted)
    assert preview_module.serve(Namespace(host="127.0.0.1", port=0), IncrementalBuilder(project.root)) == 0
    err = re.sub(r":\d+/", ":PORT/", capsys.readouterr().err)
    assert err == ("The site has problems; fix them and the page updates by itself:\n"
                   f"  {problem}\n"
                   "Serving the timeline at http://127.0.0.1:PORT/ (live reload on; Ctrl-C stops)\nStopped.\n")


def test_a_ctrl_c_as_soon_as_the_address_shows_stops_cleanly(project, monkeypatch, capsys):
    # Whoever reads "Serving the timeline at ..." may press Ctrl-C at once: the line was said before
    # serve caught Ctrl-C, and the preview then ended with status 130 instead of "Stopped.".
    import builtins
    import re
    from argparse import Namespace

    from timeline.serve import preview as preview_module

    def ctrl_c_once_said(*args, **kwargs):
        builtins.print(*args, **kwargs)
        if str(args[0]).startswith("Serving the timeline at "):
            os.kill(os.getpid(), signal.SIGINT)

    project.event()
    monkeypatch.setattr(preview_module, "print", ctrl_c_once_said, raising=False)
    try:
        assert preview_module.serve(Namespace(host="127.0.0.1", port=0), IncrementalBuilder(project.root)) == 0
    except KeyboardInterrupt:
        pytest.fail("the Ctrl-C escaped serve: the command would end with status 130")
    err = re.sub(r":\d+/", ":PORT/", capsys.readouterr().err)
    assert err == "Serving the timeline at http://127.0.0.1:PORT/ (live reload on; Ctrl-C stops)\nStopped.\n"


def test_site_removed_while_serving_is_built_again(preview, project):
    import shutil

    before = preview.state.version
    shutil.rmtree(project.root / "site")
    wait_for_version(preview, before + 1)
    status, _, body = get(port_of(preview), "/timeline/2024-11-07-second/")
    assert status == 200 and b"Second" in body
    assert (project.root / "site" / "events.json").is_file()


def test_a_new_base_path_in_the_settings_is_followed(project):
    project.event()
    settings = project.root / "timeline.toml"
    logged = []
    preview = Preview(IncrementalBuilder(project.root), port=0, log=logged.append)
    preview.start()
    try:
        before = preview.state.version
        settings.write_text(settings.read_text().replace('base_path = "/"', 'base_path = "/moved/"'))
        wait_for_version(preview, before + 1)
        port = port_of(preview)
        status, _, body = get(port, "/moved/2024-11-04-a-meeting/")
        assert status == 200 and b'href="/moved/' in body
        assert get(port, "/2024-11-04-a-meeting/")[0] == 404
        assert preview.state.base_path == "/moved/" and preview.url == f"http://127.0.0.1:{port}/moved/"
        assert logged[-1] == f"The base path is now /moved/: the site is at http://127.0.0.1:{port}/moved/"
    finally:
        preview.stop()


@pytest.mark.parametrize("request_line, status", [
    (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", b"414"),
    (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 garbage\r\n\r\n", b"400"),
    (b"GET / HTTP/9.9\r\n\r\n", b"505"),
])
def test_a_bad_request_line_is_answered_without_a_traceback(preview, capfd, request_line, status):
    import socket

    with socket.create_connection(("127.0.0.1", port_of(preview)), timeout=5) as connection:
        connection.sendall(request_line)
        answer = connection.makefile("rb").readline()
    assert answer.split()[1] == status
    assert get(port_of(preview), "/timeline/")[0] == 200
    assert capfd.readouterr().err == ""


def head(port: int, path: str) -> tuple[int, dict, bytes]:
    """Return (status, headers, body) of a HEAD request."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("HEAD", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


@pytest.mark.parametrize("path", ["/timeline/", "/timeline/2024-11-04-a-meeting/", "/timeline/index.html",
                                  "/timeline/events.json", "/timeline/no-such-page/", "/timeline",
                                  LIVE_PREFIX + "reload.js", LIVE_PREFIX + "events"])
def test_head_answers_as_get_does(preview, path):
    def summary(status, headers):
        return status, headers.get("Content-Type"), headers.get("Content-Length"), headers.get("Location")

    status, headers, body = head(port_of(preview), path)
    assert body == b""
    if path.endswith("events"):  # a stream: GET never ends
        assert (status, headers["Content-Type"]) == (200, "text/event-stream")
        return
    assert summary(status, headers) == summary(*get(port_of(preview), path)[:2])


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_a_port_out_of_range_is_a_usage_error(project, port):
    result = project.run("serve", "--port", port)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(f"build.py serve: error: argument --port: expected a port number from 0 to 65535, "
                               f"found '{port}'\n")


@pytest.mark.parametrize("method", [get, head])
def test_a_folder_without_an_index_is_not_listed(preview, method):
    status, _, body = method(port_of(preview), "/timeline/static/")
    assert status == 404
    assert b"Page not found" in body or method is head


def inotify_watched_inodes() -> set[int]:
    """Return the inodes this process holds inotify watches on (Linux's /proc lists them)."""
    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") != "anon_inode:inotify":
                continue
            with open(f"/proc/self/fdinfo/{fd}") as info:
                inodes |= {int(field[4:], 16) for line in info if line.startswith("inotify ")
                           for field in line.split() if field.startswith("ino:")}
        except OSError:  # closed meanwhile
            continue
    return inodes


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts inotify watches through /proc")
def test_the_watch_covers_only_the_inputs(project, monkeypatch):
    # A watch on the project folder put one on every folder of .venv/, node_modules/ and site/ (10,500 at
    # 10,000 events), and a full build's tens of thousands of changes could overflow the kernel's queue.
    project.event()
    for folder in (".venv/lib/python3/site-packages/pkg", "node_modules/pkg/lib"):
        (project.root / folder).mkdir(parents=True)
    preview = Preview(IncrementalBuilder(project.root), port=0, log=lambda text: None)
    batches = []
    real_rebuild = preview.rebuild
    monkeypatch.setattr(preview, "rebuild", lambda changes=None, **kw: batches.append(changes) or real_rebuild(changes, **kw))
    preview.start()
    try:
        watched = inotify_watched_inodes()
        folders = {path.stat().st_ino: path for path in project.root.rglob("*") if path.is_dir()}
        assert {folders[ino].relative_to(project.root).parts[0] for ino in watched if ino in folders} == {
            "events", "templates"}
        assert project.root.stat().st_ino not in watched
        batches.clear()
        (project.root / "site" / "deep" / "er").mkdir(parents=True)
        (project.root / "site" / "deep" / "er" / "page.html").write_text("written deep into site/")
        (project.root / "new-folder").mkdir()
        (project.root / "new-folder" / "notes.md").write_text("not an input")
        before = preview.state.version
        edited = project.event(title="The one real edit")
        wait_for_version(preview, before + 1)
        assert batches == [{str(edited)}]
    finally:
        preview.stop()


def test_the_preview_says_nothing_once_stopped(project):
    project.event()
    logged = []
    preview = Preview(IncrementalBuilder(project.root), port=0, log=logged.append)
    preview.start()
    preview.stop()
    preview.log("Rebuilt: 1 written, 0 removed.")  # as a rebuild under way when stop() came would
    assert logged == []


def test_nothing_the_preview_says_comes_after_stopped(project, monkeypatch, capsys):
    # A rebuild under way when Ctrl-C came said "Rebuilt: ..." below "Stopped.", as stop() waited for it.
    from argparse import Namespace

    from timeline.serve import preview as preview_module
    real_start_watching, real_stop = preview_module.Preview.start_watching, preview_module.Preview.stop

    def interrupted(preview):  # start() watches at once when there was no current site; serve's own call is a Ctrl-C
        if preview.watcher.is_alive():
            raise KeyboardInterrupt
        real_start_watching(preview)

    def stop_as_a_rebuild_ends(preview):
        preview.log("Rebuilt: 1 written, 0 removed.")
        real_stop(preview)

    project.event()
    monkeypatch.setattr(preview_module.Preview, "start_watching", interrupted)
    monkeypatch.setattr(preview_module.Preview, "stop", stop_as_a_rebuild_ends)
    assert preview_module.serve(Namespace(host="127.0.0.1", port=0), IncrementalBuilder(project.root)) == 0
    err = capsys.readouterr().err
    assert err.endswith("/ (live reload on; Ctrl-C stops)\nStopped.\n")


def test_settings_saved_in_place_are_read_once_whole(project, monkeypatch):
    # A save in place empties timeline.toml, then writes it: read in between, it would build with
    # the defaults (base path /) and move open pages there.
    from timeline.serve import watch
    settings = project.root / "timeline.toml"
    text = settings.read_text()
    settings.write_text("")  # the save has begun
    emptied = watch.top_level(project.root)
    waits = []

    def the_save_ends_meanwhile(seconds):
        if not waits:
            settings.write_text(text)
        waits.append(seconds)

    monkeypatch.setattr(watch.time, "sleep", the_save_ends_meanwhile)
    settled = watch.settled(project.root, emptied)
    assert settled["timeline.toml"][2] == len(text.encode())  # its size: the whole file
    assert waits == [watch.SETTLE, watch.SETTLE]  # changed after the first wait, still after the second
