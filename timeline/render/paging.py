"""The pages a facet value's list is split into (a tag's, an actor's...): their addresses, their navigation, and
which of them a change of events alters."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from timeline.model.event import Event
from timeline.model.facets import Facet

# The most events one list page shows. A list's short entry (date, title, place) weighs about 0.44 KB (438 bytes
# on average, 519 at most, over the 3,044 entries of the tag pages of bench/gen_events.py's 1,000 events), so a
# full page is about 45 KB, and under 0.4 KB of chrome plus 100 entries of 3 KB each stays far below 1 MB however
# long the list grows. A hundred entries is a few minutes of reading, and a popular tag of 100,000 events (a
# few thousand entries) takes a few dozen pages.
PAGE_SIZE = 100


def page_count(total: int) -> int:
    """Return how many pages a list of total events takes (one, even when it is empty)."""
    return max(1, -(-total // PAGE_SIZE))


def page_path(list_path: str, number: int) -> str:
    """Return the site path of a list's page: the list's own address for the first ('tags/diplomacy/'), then
    'tags/diplomacy/page/2/' and on, as Hugo names them."""
    return list_path if number == 1 else f"{list_path}page/{number}/"


def page_paths(list_path: str, total: int) -> list[str]:
    """Return the site paths of every page of a list of total events, the first first."""
    return [page_path(list_path, number) for number in range(1, page_count(total) + 1)]


@dataclass(frozen=True)
class Paging:
    """Where a page sits among its list's pages: what its navigation shows."""

    list_path: str
    number: int
    count: int

    def path(self, number: int) -> str:
        """Return the site path of another page of the same list."""
        return page_path(self.list_path, number)

    @property
    def previous(self) -> str | None:
        """Return the site path of the page before this one, if there is one."""
        return self.path(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        """Return the site path of the page after this one, if there is one."""
        return self.path(self.number + 1) if self.number < self.count else None

    def numbers(self) -> list[int | None]:
        """Return the page numbers the navigation lists: the first, the last and the two on each side of this
        one, None where a run of pages is left out (a run of one page is shown: it takes the ellipsis's room)."""
        shown = sorted({1, self.count, *range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)})
        numbers: list[int | None] = []
        previous = 0
        for number in shown:
            if number - previous == 2:
                numbers.append(number - 1)
            elif number - previous > 2:
                numbers.append(None)
            numbers.append(number)
            previous = number
        return numbers


class ListPaging:
    """Splits each facet value's list into pages, remembering which events each page showed, so that a change of
    events remakes only the pages it alters and names the pages a shorter list no longer has."""

    def __init__(self, render: Callable[..., bytes], page: Callable):
        self._render = render  # SiteRenderer.render
        self._page = page  # pages.Page (which imports this module)
        self._shown: dict[str, list[tuple[int, tuple[str, ...]]]] = {}  # list path -> each page's key
        self._stale: list[str] = []

    def clear(self) -> None:
        """Forget every list (a new plan of the whole site)."""
        self._shown.clear()
        self._stale.clear()

    def pages(self, facet: Facet, value: str, events: list[Event], touched: set[str] | None = None) -> list:
        """Return the pages of a value's list (events in the order they read), or, given the ids of the events whose
        entries a change touched, only the pages that change alters: whose events, count or touched entries differ."""
        list_path = facet.path(value)
        count = page_count(len(events))
        keys = [_key(facet, events, number, count) for number in range(1, count + 1)]
        before = self._shown.get(list_path, [])
        self._shown[list_path] = keys
        self._stale += [f"{page_path(list_path, number)}index.html" for number in range(count + 1, len(before) + 1)]
        return [self._make(facet, value, events, Paging(list_path, number, count))
                for number, key in enumerate(keys, 1)
                if touched is None or before[number - 1: number] != [key] or not touched.isdisjoint(key[1])]

    def planned(self) -> Iterator[tuple[str, int, tuple[str, ...]]]:
        """Yield every list page as last planned: its site path, what it shows beyond its entries (the list's count
        on a first page, the number of pages on the others) and the ids of the events it shows."""
        for list_path, keys in self._shown.items():
            for number, (count, ids) in enumerate(keys, 1):
                yield f"{page_path(list_path, number)}index.html", count, ids

    def gone(self, list_path: str) -> list[str]:
        """Return the site paths of every page of a list that no longer has events, and forget it."""
        count = len(self._shown.pop(list_path, ())) or 1
        return [f"{page_path(list_path, number)}index.html" for number in range(1, count + 1)]

    def stale(self) -> list[str]:
        """Return the site paths of the pages that lists made shorter no longer have, once."""
        stale, self._stale = self._stale, []
        return stale

    def _make(self, facet: Facet, value: str, events: list[Event], paging: Paging):
        """Return one page of a list: its events, and for a thread the one before them (the time between shows)."""
        start = (paging.number - 1) * PAGE_SIZE
        before = events[start - 1] if start and facet.kind == "thread" else None
        path = paging.path(paging.number)
        return self._page(f"{path}index.html", partial(
            self._render, "list.html", facet=facet, value=value, events=events[start:start + PAGE_SIZE],
            count=len(events) if paging.number == 1 else None, before=before, paging=paging, page_path=path,
        ))


def _key(facet: Facet, events: list[Event], number: int, count: int) -> tuple[int, tuple[str, ...]]:
    """Return what a list's page shows of the events beyond their entries: the first page the list's count, the
    others the number of pages; and the ids of its events (and, for a thread, of the event before them, whose
    date the first gap is counted from)."""
    start = (number - 1) * PAGE_SIZE
    first = start - 1 if start and facet.kind == "thread" else start
    return len(events) if number == 1 else count, tuple(event.id for event in events[first:start + PAGE_SIZE])
