"""What one build leaves in .timeline-cache/ for the next, keyed by content: readings, descriptions, list
entries and event pages.

Each cache names the versions of what it depends on (code, libraries, settings, entities, templates), so a
stale one reads as empty and is never used.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.build.cache_store import read_cache, write_cache
from timeline.build.reading import stat_key_or_none
from timeline.folders import OUTPUT_DIR
from timeline.model.digest import file_digest, short_digest

if TYPE_CHECKING:
    from collections.abc import Iterable

    from timeline.build.fingerprint import Inputs
    from timeline.model.event import Event
    from timeline.model.event_file import EventFile
    from timeline.render.pages import Page, SiteRenderer

DESCRIPTIONS_CACHE = "descriptions.json"
READINGS_CACHE = "readings.json"
PAGES_CACHE = "event-pages.json"
LIST_ITEMS_CACHE = "list-items.json"
# Above this many events the readings and list entries would add hundreds of MB at once; they are
# saved empty instead, so that no later build loads a stale one.
LARGE_SITE = 50_000


class ContentCaches:
    """The caches of one build: what it may take from the last build, and what it saves for the next."""

    def __init__(self, root: Path, inputs: Inputs, first_in_process: bool):
        self.root = root
        self.inputs = inputs
        # A first build in this process may take what the last build read; later ones hold their own.
        self._saved_readings = read_cache(root, READINGS_CACHE, inputs.setup) if first_in_process else {}
        self._settled = inputs.statuses if first_in_process else {}
        self._reused_readings: dict[str, dict] = {}
        self._page_keys: dict[str, str] = {}

    def readings(self, paths: list[Path]) -> list[tuple[Path, tuple]]:
        """Return (path, reading) for the files whose name and bytes the last build read, as it found them."""
        from timeline.model.event_file import reading_from_data

        saved, self._saved_readings = self._saved_readings, {}
        settled, self._settled = self._settled, {}
        found = []
        for path in paths if saved else ():
            noted = settled.get(path.name)
            if noted is not None:  # this build's digest pass just found its status and digest
                key, digest = tuple(noted[:3]), noted[4]
            else:
                key = stat_key_or_none(path)  # taken before reading, as read_and_validate does
                try:
                    digest = file_digest(path.name, path.read_bytes())
                except OSError:
                    continue
            data = saved.get(digest)
            if isinstance(data, dict):
                found.append((path, (key, *reading_from_data(path, self.root, digest, data))))
                self._reused_readings[digest] = data
        return found

    def reuse(self, renderer: SiteRenderer, pages: list[Page], events: list[Event]) -> list[Page]:
        """Return the pages with each event page the last build made from the same inputs copied from site/,
        after giving the renderer the descriptions and list entries the last build made of these events."""
        self._reuse_descriptions(renderer, events)
        self._reuse_list_items(renderer, events)
        return self._reuse_event_pages(renderer, pages)

    def _reuse_descriptions(self, renderer: SiteRenderer, events: list[Event]) -> None:
        """Give the renderer the HTML the last build made of these events' descriptions, where the text is the same.

        A description's HTML depends only on its text, the Markdown and nh3 versions and our
        code, which the cache's version names.
        """
        from timeline.render.markdown import markdown_version

        cached = read_cache(self.root, DESCRIPTIONS_CACHE, markdown_version())
        found = {}
        for event in events if cached else ():
            html = cached.pop(short_digest(event.body.encode()), None)  # popped: each text is held once
            if isinstance(html, str):
                found[event.body] = html
        renderer.descriptions.adopt(found)

    def _reuse_list_items(self, renderer: SiteRenderer, events: list[Event]) -> None:
        """Give the renderer each event's entries in lists as the last build rendered them, where its file is the same.

        An entry shows only its event, under the settings, templates, code and libraries that
        the cache's version (the setup digest) names; every list page of the site is made of them.
        """
        from markupsafe import Markup

        cached = read_cache(self.root, LIST_ITEMS_CACHE, self.inputs.setup)
        for event in events if cached else ():
            items = cached.pop(self._shown(event), None)
            if isinstance(items, dict) and all(isinstance(html, str) for html in items.values()):
                renderer.pieces.adopt_items(event, {heading: Markup(html) for heading, html in items.items()})

    def _reuse_event_pages(self, renderer: SiteRenderer, pages: list[Page]) -> list[Page]:
        """Return the pages with the event and list pages whose key and bytes the last build recorded copied from
        site/.

        A key digests everything an event page shows beyond the settings, templates, code and
        libraries (which the cache's version names): the event's file, the files of its neighbours and of the
        events it links to or is linked from, the timeline's layout (split into year pages, the year into month
        pages) and the file's history. A list's page (a tag's, an actor's...) has one too: the files of the
        events it shows, whether each is superseded, and its count; and a year's or a month's page: the files of
        its events, whether each is superseded, and the timeline's years and its year's months around it. A
        page is copied only if site/ still holds the very bytes recorded for that key, so a hand-edited or
        missing page is rendered again.
        """
        from timeline.render.pages import Page

        recorded = read_cache(self.root, PAGES_CACHE, self.inputs.setup)
        site = self.root / OUTPUT_DIR
        self._page_keys = {}
        for path, event, shown, layout, history in renderer.event_page_inputs():
            files = [self._shown(e) if e is not None else "" for e in (event, *shown)]
            self._page_keys[path] = short_digest(repr((files, layout, history)).encode())
        by_id = renderer.index.by_id
        for path, count, ids in renderer.paging.planned():  # a list's page: its events' entries, its count
            self._key_entries_page(path, ("list", count), [by_id[event_id] for event_id in ids], renderer)
        for path, layout, events in renderer.timeline.planned():  # a year's or a month's page
            self._key_entries_page(path, ("timeline", layout), events, renderer)
        reused = []
        for page in pages:
            key = self._page_keys.get(page.path)
            entry = recorded.get(page.path) if key else None
            if isinstance(entry, list) and len(entry) == 2 and entry[0] == key and isinstance(entry[1], str):
                page = Page(page.path, partial(_copied_or_rendered, site / page.path, entry[1], page.render),
                            kind=page.kind)
            reused.append(page)
        return reused

    def _key_entries_page(self, path: str, layout: tuple, events: list[Event], renderer: SiteRenderer) -> None:
        """Note the key of a page made of events' entries: what else it shows, and each event's file and whether
        another supersedes it; no key (the page is rendered) when an event's file was not digested."""
        shown = [(self._shown(event), renderer.index.superseded(event)) for event in events]
        if all(digest for digest, _ in shown):
            self._page_keys[path] = short_digest(repr((layout, shown)).encode())

    def save(self, renderer: SiteRenderer, events: list[Event], readings: Iterable[tuple[EventFile, Event | None]],
             written: dict[str, str]) -> None:
        """Save what the next build may reuse: keyed by content, it holds whether or not this build is committed."""
        from timeline.model.event_file import reading_data
        from timeline.render.markdown import markdown_version

        descriptions = {}
        for event in events:
            html = renderer.descriptions.known(event)
            if html is not None:
                descriptions[short_digest(event.body.encode())] = html  # Markup is a str: JSON writes it as is
        write_cache(self.root, DESCRIPTIONS_CACHE, markdown_version(), descriptions)
        small = len(events) <= LARGE_SITE
        reused, self._reused_readings = self._reused_readings, {}
        saved_readings = {event_file.digest: reused.get(event_file.digest) or reading_data(event_file, event)
                          for event_file, event in readings if event_file.digest} if small else {}
        write_cache(self.root, READINGS_CACHE, self.inputs.setup, saved_readings)
        items = {}
        for event in events if small else ():
            digest = self._shown(event)
            kept = renderer.pieces.kept_items(event)
            if digest and kept:
                items[digest] = kept
        write_cache(self.root, LIST_ITEMS_CACHE, self.inputs.setup, items)
        write_cache(self.root, PAGES_CACHE, self.inputs.setup,
                    {path: [key, written[path]] for path, key in self._page_keys.items() if path in written})


    def _shown(self, event: Event) -> str:
        """Return the digest of what an event shows: its file's, and its picture's (a picture file can change while
        the event's file stays the same); '' when its file was not digested."""
        digest = self.inputs.events.get(_file_name(event), "")
        return f"{digest}+{event.image.digest}" if digest and event.image and event.image.digest else digest


def _copied_or_rendered(old: Path, digest: str, render) -> bytes:
    """Return the bytes of the page at old if their digest is digest, else render the page."""
    try:
        data = old.read_bytes()
    except OSError:
        return render()
    return data if short_digest(data) == digest else render()


def _file_name(event: Event) -> str:
    """Return the name of the file an event was read from."""
    return event.path.rpartition("/")[2]
