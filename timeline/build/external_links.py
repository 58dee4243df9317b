"""The sources' addresses on the web (`build.py links --external`): which answer, and which are dead.

Each address is asked with HEAD, then GET where HEAD is refused; redirects are followed. A few are asked
at a time, never two at once on one host and at least HOST_INTERVAL apart there, each within TIMEOUT.
A dead address is reported at its line with the event's archived copy to use, or how to find one; the
web changes by itself, so this never fails a build.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus
from http.client import HTTPException
from urllib.parse import urlsplit

from timeline.model.event_file import EventFile
from timeline.model.front_matter import Mapping, Sequence

TIMEOUT = 15.0  # seconds for one answer
AT_ONCE = 4  # addresses asked at a time
HOST_INTERVAL = 1.0  # seconds between two questions to one host
REFUSED_HEAD = {403, 405, 501}  # answers that may mean "not to HEAD": asked again with GET
USER_AGENT = "timeline-link-check (+https://github.com/; checks that cited sources are still online)"


@dataclass(frozen=True)
class SourceAddress:
    """A source's address, where it is written, and the archived copy the event gives for it."""

    path: str
    line: int
    field: str
    url: str
    archive_url: str


@dataclass(frozen=True)
class DeadAddress:
    """An address that did not answer with a page, and why."""

    source: SourceAddress
    reason: str

    def __str__(self) -> str:
        source = self.source
        if source.archive_url:
            fix = f"readers can use its archived copy, {source.archive_url}; if the article moved, give its new url"
        else:
            fix = ("find the article in a web archive (https://web.archive.org/) and add it as archive_url, or give "
                   "its new url")
        return f"{source.path}:{source.line}: {source.field}: {source.url} {self.reason}; {fix}"


def source_addresses(files: list[EventFile]) -> list[SourceAddress]:
    """Return every source address of the event files, at the line its url is written on, in file order."""
    found = []
    for event_file in files:
        sources = event_file.front_matter.entries.get("sources") if event_file.front_matter else None
        if not sources or not isinstance(sources[1], Sequence):
            continue
        for index, item in enumerate(sources[1].items, 1):
            if not isinstance(item, Mapping) or "url" not in item.entries:
                continue
            line, node = item.entries["url"]
            archive = item.entries.get("archive_url", (0, None))[1]
            url, archive_url = getattr(node, "text", "").strip(), getattr(archive, "text", "").strip()
            if url.startswith(("http://", "https://")):
                found.append(SourceAddress(event_file.relpath, line, f"sources[{index}].url", url, archive_url))
    return found


class _Hosts:
    """One question at a time per host, HOST_INTERVAL apart."""

    def __init__(self):
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    def lock(self, host: str) -> threading.Lock:
        """Return the lock that keeps questions to a host one at a time."""
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def wait_turn(self, host: str) -> None:
        """Sleep until HOST_INTERVAL has passed since the last question to host (hold its lock)."""
        wait = self._last.get(host, -HOST_INTERVAL) + HOST_INTERVAL - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def asked(self, host: str) -> None:
        """Note that a question to host was just answered."""
        self._last[host] = time.monotonic()


def _ask(url: str, method: str) -> int:
    """Return the HTTP status an address answers a method with (after redirects); raise on no answer."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def dead_reason(url: str) -> str | None:
    """Return why an address is dead ('answers 404 Not Found', 'did not answer within 15 s'), or None."""
    try:
        status = _ask(url, "HEAD")
        if status in REFUSED_HEAD:
            status = _ask(url, "GET")
    except (TimeoutError, urllib.error.URLError, HTTPException, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            return f"did not answer within {TIMEOUT:g} s"
        if isinstance(reason, ConnectionResetError) or "reset" in str(reason).lower():
            return "closed the connection without answering"
        return f"could not be reached ({reason})"
    if status >= 400:
        return f"answers {status} {_phrase(status)}"
    return None


def _phrase(status: int) -> str:
    """Return an HTTP status's reason phrase ('Not Found'), or 'an error' for a status HTTP does not name."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "an error"


def check_addresses(addresses: list[SourceAddress]) -> list[DeadAddress]:
    """Return the dead ones of the addresses, in the order given; each address is asked once."""
    hosts = _Hosts()
    verdicts: dict[str, str | None] = {}

    def check(url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        with hosts.lock(host):
            hosts.wait_turn(host)
            try:
                verdicts[url] = dead_reason(url)
            finally:
                hosts.asked(host)

    unique = list(dict.fromkeys(address.url for address in addresses))
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        list(pool.map(check, unique))
    return [DeadAddress(address, verdicts[address.url]) for address in addresses if verdicts[address.url]]
