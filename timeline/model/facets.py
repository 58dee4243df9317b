"""The ways events are grouped on pages of their own, declared once: by tag, actor, place, status, how many
independent publishers report them, and story thread."""

from __future__ import annotations

from dataclasses import dataclass

from timeline.model.event import Event
from timeline.model.fields import STATUSES
from timeline.model.names import slug


@dataclass(frozen=True)
class Facet:
    """A way to group events on pages of their own: by tag, actor, location or status."""

    kind: str
    plural: str
    heading: str
    attribute: str
    param: str
    words: tuple[tuple[str, str], ...] = ()  # (value, how it reads, in English) where a value is a code
    in_nav: bool = True  # listed in the site's navigation

    def label(self, value: str) -> str:
        """Return how a value reads, in English: its words where the facet's values are codes, else itself."""
        return dict(self.words).get(value, value)

    def values(self, event: Event) -> tuple[str, ...]:
        """Return the event's values for this facet."""
        value = getattr(event, self.attribute)
        values = (value,) if isinstance(value, str) else value
        return tuple(v for v in values if v)  # an event without a location has none

    def group(self, events: list[Event]) -> dict[str, list[Event]]:
        """Return {value: its events, in the order given} for the values events have."""
        groups: dict[str, list[Event]] = {}
        attribute = self.attribute
        for event in events:
            values = getattr(event, attribute)
            for value in (values,) if isinstance(values, str) else values:
                if value:
                    group = groups.get(value)
                    if group is None:
                        groups[value] = [event]
                    else:
                        group.append(event)
        return groups

    def path(self, value: str) -> str:
        """Return the site path of a value's page ('tags/diplomacy/')."""
        return f"{self.plural}/{slug(value)}/"


FACETS = (
    Facet("tag", "tags", "Tags", "tags", "tag"),
    Facet("actor", "actors", "Actors", "actors", "actor"),
    Facet("location", "locations", "Places", "location", "place"),
    Facet("status", "statuses", "Status", "status", "status",
          words=tuple((status, status.capitalize()) for status in STATUSES)),
    # how many independent publishers report an event: a filter, and pages, but no place in the navigation
    Facet("corroboration", "corroboration", "Corroboration", "corroboration", "sources",
          words=(("independent", "Two or more independent sources"), ("single", "A single source")), in_nav=False),
    # a story thread (thread:): its page lists its events in order with the time between them
    Facet("thread", "threads", "Threads", "thread", "thread", in_nav=False),
)
FACET_OF = {facet.kind: facet for facet in FACETS}
