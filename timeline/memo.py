"""Values made from an event (its HTML entry, export pieces, search row), kept until the event changes.

The preview rebuilds after each edit by reusing what every unchanged event already made: the
renderer, the exporter and the search index each keep one EventMemo.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timeline.model.event import Event


class EventMemo:
    """Values by event id, each kept while the event is the same: the same object, or an equal one."""

    def __init__(self):
        self._entries: dict[str, tuple[Event, dict[str, Any]]] = {}

    def values(self, event: Event) -> dict[str, Any]:
        """Return the values kept for this version of the event (empty, and kept from now on, for a new one)."""
        entry = self._entries.get(event.id)
        if entry is None or (entry[0] is not event and entry[0] != event):
            entry = self._entries[event.id] = (event, {})
        return entry[1]

    def get(self, event: Event, key: str, make: Callable[[], Any]) -> Any:
        """Return the value under key for this version of the event, made once."""
        values = self.values(event)
        value = values.get(key)
        if value is None:
            value = values[key] = make()
        return value

    def kept(self, event: Event) -> dict[str, Any]:
        """Return the values kept for this very event object ({} when they belong to another)."""
        entry = self._entries.get(event.id)
        return entry[1] if entry is not None and entry[0] is event else {}

    def adopt(self, event: Event, values: dict[str, Any]) -> None:
        """Keep values made elsewhere (another process, the last build) for this event."""
        self._entries[event.id] = (event, values)

    def all_kept(self) -> dict[str, dict[str, Any]]:
        """Return every event's values by event id."""
        return {event_id: values for event_id, (_, values) in self._entries.items()}

    def forget(self, event_id: str) -> None:
        """Drop what is kept for an event."""
        self._entries.pop(event_id, None)

    def keep_only(self, event_ids: Iterable[str]) -> None:
        """Drop what is kept for every event but those named."""
        live = set(event_ids)
        for stale in [event_id for event_id in self._entries if event_id not in live]:
            del self._entries[stale]

    def clear(self) -> None:
        """Drop everything kept."""
        self._entries.clear()
