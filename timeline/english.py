"""English for the terminal: a count with its noun. (The site's own words are translated in render/i18n.py.)"""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """Return '1 file' or '2 files': the count and its noun, with an s unless the count is 1."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
