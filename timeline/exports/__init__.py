"""Exports: the timeline in the formats other tools read (JSON, Atom, iCalendar, TimelineJS)."""
