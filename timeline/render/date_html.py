"""Dates as HTML: at their precision, with <time> elements for machines and their qualifiers in words."""

from __future__ import annotations

from markupsafe import Markup

from timeline.model.dates import EventDate
from timeline.model.event import Event
from timeline.render.i18n import Language, language


def time_html(date: EventDate, text: str) -> Markup:
    """Return text in a <time> element for date (a <span> for BC dates, which HTML cannot express)."""
    machine = date.html_datetime()
    if machine is None:
        return Markup('<span class="date">{}</span>').format(text)
    return Markup('<time datetime="{}">{}</time>').format(machine, text)


def date_html(event: Event, lang: Language | None = None) -> Markup:
    """Return the event's date as HTML, at its precision, with <time> elements for machines around each date
    and its words ('c.', 'possibly', 'since …, ongoing') as text, an estimate's 'c.' explained."""
    lang = lang or language("en")
    if event.display_date:
        return time_html(event.date, event.display_date)
    text = lang.date_text(event)  # the one place that decides how a date or range reads
    html, position = Markup(""), 0
    circa = lang.gettext("c.") + " "
    if text.startswith(circa):
        html, position = Markup('<abbr title="{}">{}</abbr> ').format(lang.gettext("circa: about"), circa[:-1]), \
            len(circa)
    for date, part in _date_parts(event, lang):
        found = text.find(part, position)
        if found < 0:
            return html + time_html(event.date, text[position:])
        html += text[position:found] + time_html(date, part)
        position = found + len(part)
    return html + text[position:]


def _date_parts(event: Event, lang: Language) -> list[tuple[EventDate, str]]:
    """Return the event's dates with the text each has in its date text, in order."""
    if event.end is None:
        return [(event.date, lang.format_date(event.date))]
    first, last = lang.range_parts(event.date, event.end)
    return [(event.date, first), (event.end, last)]


def span_text(event: Event, lang: Language) -> str:
    """Return how long a range lasts ('3 days'), or '' for a single date or one given as display_date."""
    return lang.span(event.date, event.end) if event.end is not None and not event.display_date else ""
