"""Story structure on the pages: an event's links to others, in words from either side, and the time between a
thread's events."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from timeline.model.dates import DAY, MONTH
from timeline.model.fields import RELATION_WORDS

if TYPE_CHECKING:
    from timeline.model.event import Event
    from timeline.render.i18n import Language
    from timeline.render.site_index import SiteIndex


def event_links(event: Event, index: SiteIndex, lang: Language) -> list[tuple[str, str, Event]]:
    """Return (relation, how the link reads on this event's page, the other event) for each link between event and
    another on the site, each once: a see-also both events wrote reads once."""
    shown, seen = [], set()
    for relation, other, made_by_other in index.links(event):
        words = lang.gettext(RELATION_WORDS[relation][made_by_other])
        if (words, other.id) not in seen:
            seen.add((words, other.id))
            shown.append((relation, words, other))
    return shown


def time_between(earlier: Event, later: Event, lang: Language) -> str:
    """Return how long after one event of a thread the next began, at the precision both dates have ('3 days
    later', '2 months later', 'The same month')."""
    first, last = earlier.date, later.date
    (year, month, day), (year2, month2, day2) = first.start_key(), last.start_key()
    if first.precision == last.precision == DAY and min(year, year2) >= 1:
        days = (datetime.date(year2, month2, day2) - datetime.date(year, month, day)).days
        if days < 31:
            return lang.ngettext("{n} days later", days) if days else lang.gettext("The same day")
        months = (year2 - year) * 12 + month2 - month - (day2 < day)  # whole months: 4 March to 3 April is not one
    elif {first.precision, last.precision} <= {DAY, MONTH}:
        months = (year2 - year) * 12 + month2 - month
        if not months:
            return lang.gettext("The same month")
    else:
        years = year2 - year
        return lang.ngettext("{n} years later", years) if years else lang.gettext("The same year")
    return lang.ngettext("{n} months later", months) if months < 12 else lang.ngettext("{n} years later", months // 12)
