"""English for the terminal: a count with its noun. (The site's own words are translated in render/i18n.py.)"""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """Return '1 file' or '2 files', '2 addresses': the count and its noun, plural unless the count is 1."""
    return f"{count} {noun}{'' if count == 1 else 'es' if noun.endswith(('s', 'x', 'ch', 'sh')) else 's'}"
