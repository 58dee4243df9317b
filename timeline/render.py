"""Rendering: Markdown to safe HTML, and events to the site's pages through Jinja2 templates."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from .config import Config
from .dates import MONTH_NAMES, EventDate, format_year, range_parts
from .model import Event
from .validate import slug

TEMPLATES_DIR = "templates"
STATIC_DIR = "static"

# Python-Markdown extensions a contributor may use; none of them adds attributes from the text.
MARKDOWN_EXTENSIONS = ("tables", "def_list", "abbr", "fenced_code", "sane_lists", "smarty", "toc")
ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "abbr",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "del", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


class MarkdownRenderer:
    """Turns a contributor's Markdown into HTML that can carry no script."""

    def __init__(self):
        import markdown  # imported late: `check` does not render

        self._md = markdown.Markdown(
            extensions=list(MARKDOWN_EXTENSIONS),
            extension_configs={"toc": {"baselevel": 3}},
            output_format="html",
        )
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
    dash = " – " if " " in first else "–"
    return prefix + time_html(event.date, first) + dash + time_html(event.end, last)


@dataclass
class MonthGroup:
    """Events of one month of one year on the timeline."""

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
    """Return events grouped by year, then month, in the order given."""
    years: list[YearGroup] = []
    for event in events:
        date = event.date
        if not years or years[-1].year != date.year:
            label = format_year(date.year)
            years.append(YearGroup(date.year, label, f"y{date.iso()[: 5 if date.is_bce else 4]}"))
        year = years[-1]
        if not year.months or year.months[-1].month != date.month:
            if date.month is None:
                label, anchor = f"{year.label}, month unknown", f"{year.anchor}"
            else:
                label = f"{MONTH_NAMES[date.month - 1]} {year.label}"
                anchor = f"{year.anchor}-{date.month:02d}"
            year.months.append(MonthGroup(date.month, label, anchor))
        year.months[-1].events.append(event)
    return years


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
        return (value,) if isinstance(value, str) else value

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
        )

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

    def pages(self, events: list[Event]) -> Iterator[tuple[str, bytes]]:
        """Yield (site path, bytes) for every page and asset of the site."""
        chronological = sorted(events, key=Event.sort_key)
        ordered = chronological if self.config.order == "oldest-first" else chronological[::-1]
        yield "index.html", self.render(
            "timeline.html", years=group_by_year_and_month(ordered), count=len(events), page_path=""
        )
        for index, event in enumerate(chronological):
            previous = chronological[index - 1] if index > 0 else None
            following = chronological[index + 1] if index + 1 < len(chronological) else None
            yield f"{event.id}/index.html", self.render(
                "event.html", event=event, body=self.markdown(event.body),
                previous=previous, next=following, page_path=f"{event.id}/",
            )
        for facet in FACETS:
            groups: dict[str, list[Event]] = {}
            for event in ordered:
                for value in facet.values(event):
                    groups.setdefault(value, []).append(event)
            names = sorted(groups, key=lambda v: (v.casefold(), v))
            yield f"{facet.plural}/index.html", self.render(
                "facets.html", facet=facet, names=names, groups=groups, page_path=f"{facet.plural}/"
            )
            for value in names:
                yield f"{facet.path(value)}index.html", self.render(
                    "list.html", facet=facet, value=value, events=groups[value], page_path=facet.path(value)
                )
        yield "404.html", self.render("404.html", page_path="404.html")
        for path in self.static_files:
            yield path.relative_to(self.root / TEMPLATES_DIR).as_posix(), path.read_bytes()
