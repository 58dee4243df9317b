"""Dates as HTML: at their precision, with <time> elements for machines and "c." for estimates."""

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
    """Return the event's date as HTML, at its precision, with <time> elements for machines."""
    lang = lang or language("en")
    if event.display_date:
        return time_html(event.date, event.display_date)
    prefix = Markup('<abbr title="{}">{}</abbr> ').format(lang.gettext("circa: about"), lang.gettext("c.")) \
        if event.approximate else Markup("")
    if event.end is None:
        return prefix + time_html(event.date, lang.format_date(event.date))
    first, last = lang.range_parts(event.date, event.end)
    text = lang.format_range(event.date, event.end)  # the one place that decides how a range reads
    if not (text.startswith(first) and text.endswith(last)):
        return prefix + time_html(event.date, text)
    dash = text[len(first): len(text) - len(last)]
    return prefix + time_html(event.date, first) + dash + time_html(event.end, last)


def span_text(event: Event, lang: Language) -> str:
    """Return how long a range lasts ('3 days'), or '' for a single date or one given as display_date."""
    return lang.span(event.date, event.end) if event.end is not None and not event.display_date else ""
