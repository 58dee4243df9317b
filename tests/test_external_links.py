"""`links --external`: every source's address asked on the web, against a local server that answers 200,
301, 404, 410, a refused HEAD, a timeout and a reset; dead ones reported at their line, never exit 1."""

from __future__ import annotations

import itertools
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from timeline.build import external_links


class Answers(BaseHTTPRequestHandler):
    """A web server with one path for each kind of answer."""

    asked: ClassVar[list[tuple[str, str, float]]] = []

    def log_message(self, *args):  # quiet
        pass

    def answer(self):
        Answers.asked.append((self.command, self.path, time.monotonic()))
        self.path = self.path.split("?")[0]
        if self.path == "/reset":  # close at once, discarding what is unsent: the client sees a reset
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/head-refused" and self.command == "HEAD":
            status = 405
        else:
            status = {"/ok": 200, "/moved": 301, "/gone": 404, "/removed": 410, "/head-refused": 200,
                      "/slow": 200}.get(self.path, 404)
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = answer


@pytest.fixture
def server(monkeypatch):
    """Return the address of the local server, with short waits for the tests."""
    monkeypatch.setattr(external_links, "TIMEOUT", 0.5)
    monkeypatch.setattr(external_links, "HOST_INTERVAL", 0.2)
    Answers.asked = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def source(url: str, archive: str = "") -> str:
    """Return a source's lines of front matter with an address (and an archived copy)."""
    lines = f"\n  - title: A story\n    publisher: WION\n    published: 2024-11-07\n    url: {url}"
    return lines + (f"\n    archive_url: {archive}" if archive else "")


def test_dead_sources_are_reported_at_their_line_and_never_fail_the_check(project, server):
    project.event("2024-11-04-a.md", sources=source(f"{server}/ok") + source(f"{server}/gone",
                                                                               "https://web.archive.org/web/2024/x"))
    project.event("2024-11-05-b.md", sources=source(f"{server}/moved") + source(f"{server}/removed"))
    project.event("2024-11-06-c.md", sources=source(f"{server}/head-refused") + source(f"{server}/slow")
                  + source(f"{server}/reset"))
    assert project.run("build").code == 0
    result = project.run("links", "--external")
    assert result.code == 0, result.out  # the internal links are fine; dead sources never fail it
    lines = result.out.splitlines()
    assert lines[1:] == [
        f"events/2024-11-04-a.md:12: sources[2].url: {server}/gone answers 404 Not Found; readers can use its "
        "archived copy, https://web.archive.org/web/2024/x; if the article moved, give its new url",
        f"events/2024-11-05-b.md:12: sources[2].url: {server}/removed answers 410 Gone; find the article in a web "
        "archive (https://web.archive.org/) and add it as archive_url, or give its new url",
        f"events/2024-11-06-c.md:12: sources[2].url: {server}/slow did not answer within 0.5 s; find the article in "
        "a web archive (https://web.archive.org/) and add it as archive_url, or give its new url",
        f"events/2024-11-06-c.md:16: sources[3].url: {server}/reset closed the connection without answering; find "
        "the article in a web archive (https://web.archive.org/) and add it as archive_url, or give its new url",
        "Checked 7 source addresses on 1 host: 4 dead.",
    ]
    asked = [(method, path) for method, path, _ in Answers.asked]
    assert ("GET", "/head-refused") in asked and ("GET", "/gone") not in asked  # GET only where HEAD is refused
    assert ("GET", "/ok") in asked  # the redirect of /moved, followed


def test_one_host_is_asked_one_question_at_a_time_and_apart(project, server):
    project.event("2024-11-04-a.md", sources="".join(source(f"{server}/ok?{n}") for n in range(4)))
    assert project.run("links", "--external").code == 1  # no site built: the internal check fails first
    assert project.run("build").code == 0
    assert project.run("links", "--external").out.endswith("Checked 4 source addresses on 1 host: none dead.\n")
    times = sorted(when for _, _, when in Answers.asked)
    assert all(later - earlier >= 0.19 for earlier, later in itertools.pairwise(times))


def test_a_source_address_is_asked_once_however_many_events_cite_it(project, server):
    for day in (4, 5, 6):
        project.event(f"2024-11-0{day}-e.md", sources=source(f"{server}/gone"))
    assert project.run("build").code == 0
    out = project.run("links", "--external").out
    assert out.count("answers 404 Not Found") == 3
    assert [path for _, path, _ in Answers.asked] == ["/gone"]
