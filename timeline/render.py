"""Rendering: Markdown to safe HTML, and events to the site's pages through Jinja2 templates."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from .config import Config
from .dates import MONTH, MONTH_NAMES, YEAR, EventDate, format_range, format_year, range_parts
from .model import Event
from .validate import slug

TEMPLATES_DIR = "templates"
STATIC_DIR = "static"

# Python-Markdown extensions a contributor may use; none of them adds attributes from the text.
MARKDOWN_EXTENSIONS = ("tables", "def_list", "abbr", "fenced_code", "sane_lists", "smarty")
# The event page's own headings are h1 (the title) and h2 (its sections); a description's start at h3.
BODY_TOP_HEADING = 3
ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "abbr",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "del", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def _link_filter(tag: str, attribute: str, value: str) -> str | None:
    """Keep only full web and mail addresses in links; drop relative and odd ones.

    A relative link in a description would point outside the site under a base path,
    and an address with spaces or control characters inside is never what was meant.
    """
    if attribute != "href":
        return value
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value):
        return None
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") and parts.netloc:
        return value
    if scheme == "mailto" and len(value) > len("mailto:"):
        return value
    return None


def shift_headings(root) -> None:
    """Shift a description's headings (an ElementTree) so its top level is h3, keeping their steps, to h6."""
    headings = [el for el in root.iter() if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
    if not headings:
        return
    top = min(int(el.tag[1]) for el in headings)
    for el in headings:
        el.tag = f"h{min(6, int(el.tag[1]) - top + BODY_TOP_HEADING)}"


class MarkdownRenderer:
    """Turns a contributor's Markdown into HTML that can carry no script."""

    def __init__(self):
        import markdown  # imported late: `check` does not render
        from markdown.treeprocessors import Treeprocessor

        class HeadingLevels(Treeprocessor):
            """Puts the description's headings under the page's own."""

            def run(self, root):
                shift_headings(root)

        self._md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
        self._md.treeprocessors.register(HeadingLevels(self._md), "heading_levels", 1)
        # Raw HTML in a contributor's text is shown as text, never passed through (as Hugo does).
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")

    def __call__(self, text: str) -> Markup:
        """Return the sanitised HTML of Markdown text."""
        import nh3

        html = self._md.reset().convert(text)
        clean = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="nofollow noopener noreferrer",
            strip_comments=True,
            attribute_filter=_link_filter,
        )
        return Markup(clean)


def time_html(date: EventDate, text: str) -> Markup:
    """Return text in a <time> element for date (a <span> for BC dates, which HTML cannot express)."""
    machine = date.html_datetime()
    if machine is None:
        return Markup('<span class="date">{}</span>').format(text)
    return Markup('<time datetime="{}">{}</time>').format(machine, text)


def date_html(event: Event) -> Markup:
    """Return the event's date as HTML, at its precision, with <time> elements for machines."""
    if event.display_date:
        return time_html(event.date, event.display_date)
    prefix = Markup('<abbr title="circa: about">c.</abbr> ') if event.approximate else Markup("")
    if event.end is None:
        return prefix + time_html(event.date, event.date.format())
    first, last = range_parts(event.date, event.end)
    text = format_range(event.date, event.end)  # the one place that decides how a range reads
    if not (text.startswith(first) and text.endswith(last)):
        return prefix + time_html(event.date, text)
    dash = text[len(first): len(text) - len(last)]
    return prefix + time_html(event.date, first) + dash + time_html(event.end, last)


def year_anchor(date: EventDate) -> str:
    """Return the timeline's anchor for a date's year ('y2024', 'ybc0500')."""
    return f"y{'bc' if date.is_bce else ''}{abs(date.year):04d}"


def month_anchor(date: EventDate) -> str:
    """Return the timeline's anchor for a date's month ('y2024-11'), or its year's when it has none."""
    anchor = year_anchor(date)
    return anchor if date.month is None else f"{anchor}-{date.month:02d}"


def month_label(date: EventDate) -> str:
    """Return a month heading ('November 2024'), or the year alone for year-precision dates."""
    year = format_year(date.year)
    return year if date.month is None else f"{MONTH_NAMES[date.month - 1]} {year}"


@dataclass
class MonthGroup:
    """Events of one month of one year on the timeline (month None: known only to the year)."""

    month: int | None
    label: str
    anchor: str
    events: list[Event] = field(default_factory=list)


@dataclass
class YearGroup:
    """Events of one year on the timeline: its year-precision events first, then months."""

    year: int
    label: str
    anchor: str
    months: list[MonthGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Return how many events the year holds."""
        return sum(len(m.events) for m in self.months)


def group_by_year_and_month(events: list[Event]) -> list[YearGroup]:
    """Return events grouped by year, then month, in the order given.

    Whatever the order, an event known only to the year sits at the head of its year,
    and one known only to the month at the head of its month.
    """
    years: list[YearGroup] = []
    months: dict[int | None, MonthGroup] = {}
    for event in events:
        date = event.date
        if not years or years[-1].year != date.year:
            years.append(YearGroup(date.year, format_year(date.year), year_anchor(date)))
            months = {}
        month = months.get(date.month)
        if month is None:
            month = months[date.month] = MonthGroup(date.month, month_label(date), month_anchor(date))
            years[-1].months.append(month)
        month.events.append(event)
    for year in years:
        year.months.sort(key=lambda m: m.month is not None)  # stable: the year's own events first
        for month in year.months:
            month.events.sort(key=lambda e: e.date.precision != MONTH)  # stable: the month's own first
    return years


def timeline_position(event: Event) -> list[tuple[str, str]]:
    """Return (label, anchor) of the year and, if known, the month an event sits under on the timeline."""
    date = event.date
    position = [(format_year(date.year), year_anchor(date))]
    if date.precision != YEAR:
        position.append((month_label(date), month_anchor(date)))
    return position


@dataclass(frozen=True)
class Facet:
    """A way to group events on pages of their own: by tag, actor or location."""

    kind: str
    plural: str
    heading: str
    attribute: str

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
    Facet("tag", "tags", "Tags", "tags"),
    Facet("actor", "actors", "Actors", "actors"),
    Facet("location", "locations", "Places", "location"),
)


class SiteRenderer:
    """Renders the whole site from validated events, page by page."""

    def __init__(self, root: Path, config: Config):
        self.root = root
        self.config = config
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(root / TEMPLATES_DIR),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.markdown = MarkdownRenderer()
        self.static_files = sorted(
            p for p in (root / TEMPLATES_DIR / STATIC_DIR).rglob("*") if p.is_file() and not p.name.startswith(".")
        ) if (root / TEMPLATES_DIR / STATIC_DIR).is_dir() else []
        self.asset_versions = {
            p.relative_to(root / TEMPLATES_DIR).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()[:10]
            for p in self.static_files
        }
        self.env.globals.update(
            site=config,
            url=self.url,
            asset=self.asset,
            date_html=date_html,
            time_html=time_html,
            facets=FACETS,
            facet_of={f.kind: f for f in FACETS},
            timeline_position=timeline_position,
            item=self.item,
            items=self.items,
            year_section=self.year_section,
        )
        self._items: dict[str, tuple[Event, dict[str, Markup]]] = {}
        self._years: dict[str, tuple[tuple[Event, ...], Markup]] = {}
        macros = self.env.get_template("_macros.html").module
        self._event_item = macros.event_item
        self._timeline_year = macros.timeline_year

    def url(self, path: str = "") -> str:
        """Return the site-absolute URL of a site path, under the base path."""
        return self.config.base_path + path.lstrip("/")

    def asset(self, path: str) -> str:
        """Return the URL of a static file, versioned by its content so browsers never keep a stale copy."""
        key = f"{STATIC_DIR}/{path}"
        if key not in self.asset_versions:
            raise jinja2.TemplateRuntimeError(f"asset {path!r} is not in {TEMPLATES_DIR}/{STATIC_DIR}/")
        return f"{self.url(key)}?v={self.asset_versions[key]}"

    def render(self, template: str, **context) -> bytes:
        """Return a rendered template as UTF-8 bytes."""
        return self.env.get_template(template).render(**context).encode("utf-8")

    def item(self, event: Event, heading: str = "h4") -> Markup:
        """Return an event's entry in a list of events, rendered once per version of the event.

        Every list page shows the same entries, so rendering each once is what keeps
        a rebuild of the timeline fast however many events it lists.
        """
        cached = self._items.get(event.id)
        if cached is None or cached[0] is not event and cached[0] != event:
            cached = (event, {})
            self._items[event.id] = cached
        html = cached[1].get(heading)
        if html is None:
            html = Markup(self._event_item(event, heading))
            cached[1][heading] = html
        return html

    def year_section(self, year: YearGroup) -> Markup:
        """Return a year's section of the timeline, rendered again only when its events change."""
        key = tuple(event for month in year.months for event in month.events)
        cached = self._years.get(year.anchor)
        if cached is None or cached[0] != key:
            cached = (key, Markup(self._timeline_year(year)))
            self._years[year.anchor] = cached
        return cached[1]

    def items(self, events: list[Event], heading: str = "h4") -> Markup:
        """Return the entries of a list of events, one per line."""
        return Markup("\n").join([self.item(event, heading) for event in events])

    def plan(self, events: list[Event]) -> list[Page]:
        """Return every page and asset of the site, each with the key of everything it shows."""
        chronological = sorted(events, key=Event.sort_key)
        ordered = chronological if self.config.order == "oldest-first" else chronological[::-1]
        live = {event.id for event in events}
        for stale in [key for key in self._items if key not in live]:
            del self._items[stale]
        pages = [Page("index.html", ("timeline", tuple(ordered)), lambda: self.render(
            "timeline.html", years=group_by_year_and_month(ordered), count=len(ordered), page_path=""
        ))]
        for index, event in enumerate(chronological):
            previous = chronological[index - 1] if index > 0 else None
            following = chronological[index + 1] if index + 1 < len(chronological) else None
            pages.append(Page(f"{event.id}/index.html", ("event", event, previous, following),
                              partial(self._event_page, event, previous, following)))
        for facet in FACETS:
            groups = facet.group(ordered)
            names = sorted(groups, key=lambda v: (v.casefold(), v))
            counts = tuple((name, len(groups[name])) for name in names)
            pages.append(Page(f"{facet.plural}/index.html", ("facets", facet, counts), partial(
                self.render, "facets.html", facet=facet, names=names, groups=groups, page_path=f"{facet.plural}/"
            )))
            for value in names:
                members = groups[value]
                pages.append(Page(f"{facet.path(value)}index.html", ("list", facet, value, tuple(members)), partial(
                    self.render, "list.html", facet=facet, value=value, events=members, page_path=facet.path(value)
                )))
        pages.append(Page("404.html", ("404",), partial(self.render, "404.html", page_path="404.html")))
        for path in self.static_files:
            site_path = path.relative_to(self.root / TEMPLATES_DIR).as_posix()
            pages.append(Page(site_path, ("static", self.asset_versions[site_path]), path.read_bytes))
        return pages

    def _event_page(self, event: Event, previous: Event | None, following: Event | None) -> bytes:
        """Return the bytes of an event's own page."""
        return self.render("event.html", event=event, body=self.markdown(event.body),
                           previous=previous, next=following, page_path=f"{event.id}/")

    def pages(self, events: list[Event]) -> Iterator[tuple[str, bytes]]:
        """Yield (site path, bytes) for every page and asset of the site."""
        for page in self.plan(events):
            yield page.path, page.render()


@dataclass(frozen=True)
class Page:
    """One file of the site: where it goes, what it shows (its key) and how to make it."""

    path: str
    key: tuple
    render: Callable[[], bytes]
