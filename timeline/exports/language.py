"""What the exports say in the site's language: the part of timeline.render.i18n.Language they use (exports import
nothing of render, which imports them)."""

from __future__ import annotations

from typing import Protocol

from timeline.model.dates import EventDate
from timeline.model.event import Event


class Language(Protocol):
    """The site's language as the exports use it: its words, its dates."""

    def gettext(self, text: str, **values) -> str:
        """Return text in the site's language, with {name} values filled in."""

    def format_date(self, date: EventDate) -> str:
        """Return a date at its precision as the site writes it."""

    def date_text(self, event: Event) -> str:
        """Return how an event's date reads on the site."""
