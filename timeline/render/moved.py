"""The pages at renamed events' old addresses, each sending readers on to the event's page (git tells the renames)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from timeline.model.names import ID
from timeline.render.site_index import SiteIndex, Touched
from timeline.render.urls import event_page_path


def moved_pages(moved: dict[str, str], index: SiteIndex, render: Callable[..., bytes], page: type,
                touched: Touched | None = None) -> tuple[list, list[str]]:
    """Return the pages at the old addresses (only those a change touched, given touched) and the site paths of old
    addresses that no longer have one (their event gone); an event that has the name again keeps its own page."""
    pages, removed = [], []
    for old_name, name in moved.items():
        old_id, event_id = old_name.removesuffix(".md"), name.removesuffix(".md")
        if not ID.fullmatch(old_id):  # no name an event could have had: no address of the site
            continue
        if touched is not None and not {old_id, event_id} & touched.events:
            continue
        if old_id in index.by_id:
            continue  # an event's own page
        event = index.by_id.get(event_id)
        if event is None:
            removed.append(event_page_path(old_id))
            continue
        pages.append(page(event_page_path(old_id), partial(render, "moved.html", event=event,
                                                           page_path=f"{old_id}/")))
    return pages, removed
