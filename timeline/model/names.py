"""The names events and pages go by: file-name ids (a date prefix and a slug), slugs, year keys."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.model.dates import EventDate

MAX_ID_LENGTH = 100
DATE_PREFIX = r"(?:bc)?\d{4}(?:-\d\d(?:-\d\d)?)?"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID = re.compile(rf"(?P<prefix>{DATE_PREFIX})-(?P<slug>{SLUG})")


def year_key(year: int) -> str:
    """Return a year's key in file names, anchors and addresses ('2024', 'bc0500')."""
    return f"{'bc' if year < 0 else ''}{abs(year):04d}"


def date_prefix(date: EventDate) -> str:
    """Return the file-name prefix a date asks for ('2024-11-04', '2024-11', 'bc0500')."""
    prefix = year_key(date.year)
    if date.month is not None:
        prefix += f"-{date.month:02d}"
    if date.day is not None:
        prefix += f"-{date.day:02d}"
    return prefix


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str, max_length: int = 60) -> str:
    """Return a readable ASCII slug for text, in any script ('Choe Son Hui' -> 'choe-son-hui')."""
    from slugify import slugify  # imported late: only suggestions and list pages need it

    return slugify(text, max_length=max_length, word_boundary=True) or "untitled"
