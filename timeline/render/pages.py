"""Rendering: Markdown to safe HTML, and events to the site's pages through Jinja2 templates."""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import re
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import jinja2.ext
from jinja2.lexer import Token
from markupsafe import Markup

from timeline.model.config import Config
from timeline.model.dates import MONTH, MONTH_NAMES, YEAR, EventDate
from timeline.exports.atom import xml_text
from timeline.exports.exporter import Exporter
from timeline.render.i18n import Language, language
from timeline.folders import TEMPLATES_DIR
from timeline.model.event import Event
from timeline.render.search_index import SearchIndex
from timeline.problems import Problem, ProblemError
from timeline.model.names import slug

STATIC_DIR = "static"

# Python-Markdown extensions a contributor may use; none of them adds attributes from the text.
# smarty (typographic quotes) is left out on purpose: it more than doubles Markdown's time per
# description, and news text arrives with its curly quotes already typed.
MARKDOWN_EXTENSIONS = ("tables", "def_list", "abbr", "fenced_code", "sane_lists")
# The event page's own headings are h1 (the title) and h2 (its sections); a description's start at h3.
BODY_TOP_HEADING = 3
ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "abbr",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "del", "sup", "sub",
}
# A description's top-level blocks get dir="auto": each paragraph, list, table or quote takes its direction from
# its first strong letter, so one in Arabic or Hebrew reads right to left (its bullets, columns and bar on the
# right) in a site or description in any other script. Only the top level: the browser's dir="auto" looks past
# any element with a dir of its own, so a list whose items had one would stay left to right itself.
BIDI_BLOCKS = ("p", "ul", "ol", "table", "blockquote", "dl", "h3", "h4", "h5", "h6")
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, **{tag: {"dir"} for tag in BIDI_BLOCKS}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _link_filter(tag: str, attribute: str, value: str) -> str | None:
    """Keep only full web and mail addresses in links; drop relative and odd ones.

    A relative link in a description would point outside the site under a base path,
    and an address with spaces or control characters inside is never what was meant.
    """
    if attribute == "dir":
        return value if value == "auto" else None
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


def mark_directions(root) -> None:
    """Give each top-level block of a description (an ElementTree) dir="auto": see BIDI_BLOCKS."""
    for el in root:
        if el.tag in BIDI_BLOCKS:
            el.set("dir", "auto")


# A list item's line: its indent, its marker (-, * or +, or a number and a dot) and the spaces after it.
_LIST_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +)\S")


def nest_lists(lines: list[str]) -> list[str]:
    """Return a description's lines with each nested list item indented by 4 spaces a level.

    Contributors nest lists as most Markdown does (CommonMark, GitHub): an item indented to the
    text of the item above it ("- a" then "  - b", "1. a" then "   1. b") is inside it.
    Python-Markdown nests only by 4 spaces, and made "  - b" a sibling of "a". Only the lines
    of list items inside a list are re-indented, to 4 spaces per level, so 4 spaces nest as
    before; other lines are left as they are. Fenced code is already set aside by then.
    """
    columns: list[int] = []  # where the text of each open item starts, outermost first
    blank = False
    out = []
    for line in lines:
        item = _LIST_ITEM.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if not line.strip():
            blank = True
        elif item:
            while columns and indent < columns[-1]:
                columns.pop()
            if columns or indent < 4:
                if columns:
                    line = " " * (4 * len(columns)) + line[indent:]
                columns.append(indent + len(item.group(2)) + len(item.group(3)))
            blank = False
        else:
            if blank and columns and indent < columns[0]:
                columns = []  # a paragraph after a blank line ends the list
            blank = False
        out.append(line)
    return out


def shift_headings(root) -> None:
    """Shift a description's headings (an ElementTree) so its top level is h3, keeping their steps, to h6."""
    headings = [el for el in root.iter() if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
    if not headings:
        return
    top = min(int(el.tag[1]) for el in headings)
    for el in headings:
        el.tag = f"h{min(6, int(el.tag[1]) - top + BODY_TOP_HEADING)}"


# A description that takes longer than this to render is refused rather than stalling the build.
RENDER_SECONDS = 5.0


class DescriptionTooHard(Exception):
    """A contributed description that Markdown cannot render in reasonable time or depth."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise DescriptionTooHard in the block after seconds (in the main thread, where signals arrive)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield  # the preview's rebuild thread: the description limits in validation bound the time there
        return

    def expire(signum, frame):
        raise DescriptionTooHard(f"took more than {seconds:g} s to render; simplify its Markdown")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def markdown_version() -> str:
    """Return what a description's HTML depends on besides its text: Python, Markdown and nh3 versions, this code."""
    import sys

    from timeline.versions import package_versions

    digest = hashlib.blake2b(repr((sys.version, package_versions(("Markdown", "nh3")))).encode(), digest_size=16)
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


class MarkdownRenderer:
    """Turns a contributor's Markdown into HTML that can carry no script."""

    def __init__(self):
        import markdown  # imported late: `check` does not render
        import nh3
        from markdown.preprocessors import Preprocessor
        from markdown.treeprocessors import Treeprocessor

        class NestedLists(Preprocessor):
            """Nests list items indented by 2 or 3 spaces, as contributors write them (see nest_lists)."""

            def run(self, lines):
                return nest_lists(lines)

        class HeadingLevels(Treeprocessor):
            """Puts the description's headings under the page's own, and gives its blocks their own direction."""

            def run(self, root):
                shift_headings(root)
                mark_directions(root)

        self._md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
        self._md.treeprocessors.register(HeadingLevels(self._md), "heading_levels", 1)
        # after fenced_code_block (25), so a list-like line inside a fence is never touched
        self._md.preprocessors.register(NestedLists(self._md), "nested_lists", 20)
        # Raw HTML in a contributor's text is shown as text, never passed through (as Hugo does).
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        # Made once: nh3.clean() builds its allow-lists again on every call (25 -> 14 us per description).
        self._sanitiser = nh3.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="nofollow noopener noreferrer",
            strip_comments=True,
            attribute_filter=_link_filter,
        )

    def __call__(self, text: str) -> Markup:
        """Return the sanitised HTML of Markdown text, or raise DescriptionTooHard."""
        try:
            with _time_limit(RENDER_SECONDS):
                html = self._md.reset().convert(text)
        except RecursionError:
            raise DescriptionTooHard("nests lists or quotes too deeply for Markdown; flatten it") from None
        # A character reference like &#1; becomes the character itself, which XML (the feed) forbids.
        return Markup(_NOT_IN_XML.sub("", self._sanitiser.clean(html)))


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


def year_key(year: int) -> str:
    """Return a year's key in anchors and addresses ('2024', 'bc0500')."""
    return f"{'bc' if year < 0 else ''}{abs(year):04d}"


def year_anchor(date: EventDate) -> str:
    """Return the timeline's anchor for a date's year ('y2024', 'ybc0500')."""
    return f"y{year_key(date.year)}"


def month_anchor(date: EventDate) -> str:
    """Return the timeline's anchor for a date's month ('y2024-11'), or its year's when it has none."""
    anchor = year_anchor(date)
    return anchor if date.month is None else f"{anchor}-{date.month:02d}"


def month_label(date: EventDate, lang: Language | None = None) -> str:
    """Return a month heading ('November 2024'), or the year alone for year-precision dates."""
    lang = lang or language("en")
    year = lang.format_year(date.year)
    if date.month is None:
        return year
    return lang.format_date(EventDate(date.year, date.month)) if not lang.english else \
        f"{MONTH_NAMES[date.month - 1]} {year}"


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

    @property
    def key(self) -> str:
        """Return the year's key in addresses ('2024', 'bc0500')."""
        return year_key(self.year)


def group_by_year_and_month(events: list[Event], lang: Language | None = None) -> list[YearGroup]:
    """Return events grouped by year, then month, in the order given.

    Whatever the order, an event known only to the year sits at the head of its year,
    and one known only to the month at the head of its month.
    """
    lang = lang or language("en")
    years: list[YearGroup] = []
    months: dict[int | None, MonthGroup] = {}
    for event in events:
        date = event.date
        if not years or years[-1].year != date.year:
            years.append(YearGroup(date.year, lang.format_year(date.year), year_anchor(date)))
            months = {}
        month = months.get(date.month)
        if month is None:
            month = months[date.month] = MonthGroup(date.month, month_label(date, lang), month_anchor(date))
            years[-1].months.append(month)
        month.events.append(event)
    for year in years:
        year.months.sort(key=lambda m: m.month is not None)  # stable: the year's own events first
        for month in year.months:
            month.events.sort(key=lambda e: e.date.precision != MONTH)  # stable: the month's own first
    return years


@dataclass(frozen=True)
class Facet:
    """A way to group events on pages of their own: by tag, actor or location."""

    kind: str
    plural: str
    heading: str
    attribute: str
    param: str

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
    Facet("tag", "tags", "Tags", "tags", "tag"),
    Facet("actor", "actors", "Actors", "actors", "actor"),
    Facet("location", "locations", "Places", "location", "place"),
)
FACET_OF = {facet.kind: facet for facet in FACETS}

# From this many events on, the timeline is split into a page per year (years/2024/), and the
# home page shows the overview, the years and the first year: the page a reader opens stays
# small however long the timeline grows. Below it, the whole timeline is one page.
YEAR_PAGES_FROM = 400
# The overview strip counts events per month when the timeline spans at most this many years (and
# months), else per year, or per span of years: never more than MAX_BARS bars, so that each bar stays
# a target a finger can hit on a 320 px phone (WCAG 2.5.8: 24 px).
MONTHLY_OVERVIEW_YEARS = 2
MAX_BARS = 12
BAR_YEARS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000)
# The heights a bar can have: .bar.d1 to .bar.dN in style.css (a test checks it defines exactly d0 to dN);
# the page gives the number to timeline.js (data-levels), which redraws the bars from a search's matches.
DENSITY_LEVELS = 8


def json_script(data) -> Markup:
    """Return data as JSON for a <script type="application/ld+json"> block that no text can close."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def schema_date(date: EventDate) -> str:
    """Return a date for schema.org at its precision (ISO 8601: astronomical years, 500 BC is -0499)."""
    year = date.year + 1 if date.year < 0 else date.year
    text = f"-{abs(year):04d}" if year < 0 else f"{year:04d}"
    if date.month is not None:
        text += f"-{date.month:02d}"
    if date.day is not None:
        text += f"-{date.day:02d}"
    return text


@dataclass(frozen=True)
class OverviewBar:
    """One bar of the overview strip: a year or a month, how many events it has, where it leads."""

    label: str
    short: str
    count: int
    level: int
    href: str | None
    tick: bool
    years: tuple[str, ...] = ()  # the keys of its years that have events (a bar per year or span of years)
    month: str = ""  # its month's anchor (a bar per month)


class _Environment(jinja2.Environment):
    """A Jinja2 environment whose templates see its globals through one plain dict."""

    def make_globals(self, d):
        """Return a template's globals: the environment's, overlaid by its own, copied once as it loads.

        Jinja2's default, a ChainMap of the two, is walked in Python for every page rendered and
        every import of macros (a fifth of an event page's time). Our globals are all set before
        the first template loads, and Jinja2 asks that they not change after it.
        """
        return {**self.globals, **(d or {})}


class TranslatedLiterals(jinja2.ext.Extension):
    """Compiles each `_('literal')` of a template to its translation, a constant, as the template loads.

    A renderer's language is fixed, so a UI string given no values is the same on every page;
    folding it saves each page two calls per string. Calls with values, and templates that
    assign `_` themselves, are left to run as written.
    """

    def filter_stream(self, stream):
        """Return the template's tokens with every plain `_('literal')` replaced by its translated string."""
        tokens = list(stream)
        gettext = self.environment.ui_gettext
        names = {i for i, token in enumerate(tokens)  # the name `_`, not an attribute, filter or test of that name
                 if token.test("name:_") and not (i and tokens[i - 1].test_any("dot", "pipe", "name:is"))}
        if any(i + 1 == len(tokens) or tokens[i + 1].type != "lparen" or i and tokens[i - 1].test("name:macro")
               for i in names):
            return tokens  # `_` is (re)defined here (set, for, import, macro...): its calls mean what the template made it
        folded: list[Token] = []
        i = 0
        while i < len(tokens):
            if i in names and i + 3 < len(tokens) and tokens[i + 2].type == "string" and tokens[i + 3].type == "rparen":
                folded.append(Token(tokens[i].lineno, "string", gettext(tokens[i + 2].value)))
                i += 4
            else:
                folded.append(tokens[i])
                i += 1
        return folded


class SiteRenderer:
    """Renders the whole site from validated events, page by page."""

    def __init__(self, root: Path, config: Config):
        self.root = root
        self.config = config
        self.lang = language(config.language)
        self.env = _Environment(
            loader=jinja2.FileSystemLoader(root / TEMPLATES_DIR),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # a renderer is made anew when a template changes (see Builder._renderer_for)
            extensions=[TranslatedLiterals],
        )
        self.markdown = MarkdownRenderer()
        self.static_files = sorted(
            p for p in (root / TEMPLATES_DIR / STATIC_DIR).rglob("*") if p.is_file() and not p.name.startswith(".")
        ) if (root / TEMPLATES_DIR / STATIC_DIR).is_dir() else []
        self.asset_versions = {
            p.relative_to(root / TEMPLATES_DIR).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()[:10]
            for p in self.static_files
        }
        lang = self.lang
        self.env.extend(ui_gettext=lang.gettext)
        self.env.globals.update(
            site=config,
            url=self.url,
            asset=self.asset,
            absolute_url=self.absolute_url,
            lang=lang,
            _=lang.gettext,
            ngettext=lang.ngettext,
            date_html=partial(date_html, lang=lang),
            date_text=lang.date_text,
            time_html=time_html,
            facets=FACETS,
            facet_of=FACET_OF,
            facet_url=self.facet_url,
            event_position=self.event_position,
            timeline_href=self.timeline_href,
            year_href=self.year_href,
            item=self.item,
            items=self.items,
            year_section=self.year_section,
            json_ld=self.json_ld,
            span_text=self.span_text,
            year_key=year_key,
        )
        self._items: dict[str, tuple[Event, dict[str, Markup]]] = {}
        self._years: dict[str, tuple[YearGroup, Markup]] = {}
        self._year_groups: dict[int, YearGroup] = {}
        self._layout: tuple[bool, tuple[int, ...]] = (False, ())
        self.index = SiteIndex([])
        self.descriptions: dict[str, Markup] = {}  # Markdown text -> its HTML: event pages and exports share it
        self.made_descriptions: list[str] = []  # the texts rendered here, not found in descriptions
        self.exporter = Exporter(config, self.event_url, self.description)
        self.search = SearchIndex(self._search_row, self.description, self.SEARCH_COLUMNS)
        macros = self.env.get_template("_macros.html").module
        self._event_item = macros.event_item
        self._timeline_year = macros.timeline_year

    def url(self, path: str = "") -> str:
        """Return the site-absolute URL of a site path, under the base path."""
        return self.config.base_path + path.lstrip("/")

    def facet_url(self, kind: str, value: str) -> str:
        """Return the URL of the page listing the events with a tag, actor or place (kind: 'tag', 'actor', 'location')."""
        return self.url(FACET_OF[kind].path(value))

    def asset(self, path: str) -> str:
        """Return the URL of a static file, versioned by its content so browsers never keep a stale copy."""
        key = f"{STATIC_DIR}/{path}"
        if key not in self.asset_versions:
            raise jinja2.TemplateRuntimeError(f"asset {path!r} is not in {TEMPLATES_DIR}/{STATIC_DIR}/")
        return f"{self.url(key)}?v={self.asset_versions[key]}"

    def render(self, template: str, **context) -> bytes:
        """Return a rendered template as UTF-8 bytes."""
        return self.env.get_template(template).render(**context).encode("utf-8")

    # --- where things are on the timeline ------------------------------------------------------

    @property
    def split(self) -> bool:
        """Return whether the timeline is split into a page per year."""
        return len(self.index.chronological) >= YEAR_PAGES_FROM

    def year_path(self, year: int) -> str:
        """Return the site path of a year's page ('years/2024/')."""
        return f"years/{year_key(year)}/"

    def year_href(self, year: int, anchor: str = "", local: bool = False) -> str:
        """Return the address of a year (or a place in it) on the timeline: its page, or its anchor.

        local: the link is on the timeline page itself, where an unsplit timeline needs only the anchor.
        """
        if self.split:
            return self.url(self.year_path(year)) + (f"#{anchor}" if anchor else "")
        return ("" if local else self.url()) + f"#{anchor or f'y{year_key(year)}'}"

    def timeline_href(self, event: Event) -> str:
        """Return the address of an event's entry on the timeline (its permalink there)."""
        return self.year_href(event.date.year, event.id)

    def event_position(self, event: Event) -> list[tuple[str, str]]:
        """Return (label, address) of the year and, if known, the month an event sits under on the timeline."""
        date = event.date
        position = [(self.lang.format_year(date.year), self.year_href(date.year))]
        if date.precision != YEAR:
            position.append((month_label(date, self.lang), self.year_href(date.year, month_anchor(date))))
        return position

    def span_text(self, event: Event) -> str:
        """Return how long a range lasts ('3 days'), or '' for a single date."""
        return self.lang.span(event.date, event.end) if event.end is not None and not event.display_date else ""

    # --- pieces rendered once ------------------------------------------------------------------

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
            html = cached[1][heading] = self._render_item(event, heading)
        return html

    def _render_item(self, event: Event, heading: str) -> Markup:
        """Return an event's entry in a list, rendered."""
        return Markup(self._event_item(event, heading))

    def kept_items(self, event: Event) -> dict[str, Markup]:
        """Return the entries of this very event rendered so far, by heading."""
        cached = self._items.get(event.id)
        return cached[1] if cached is not None and cached[0] is event else {}

    def adopt_items(self, event: Event, items: dict[str, Markup]) -> None:
        """Take entries of this event that an earlier build rendered from the same file and setup."""
        self._items[event.id] = (event, items)

    def year_section(self, year: YearGroup) -> Markup:
        """Return a year's section of the timeline, rendered once per YearGroup (made anew when it changes)."""
        cached = self._years.get(year.anchor)
        if cached is None or cached[0] is not year:
            cached = (year, Markup(self._timeline_year(year)))
            self._years[year.anchor] = cached
        return cached[1]

    def items(self, events: list[Event], heading: str = "h4") -> Markup:
        """Return the entries of a list of events, one per line."""
        return Markup("\n").join([self.item(event, heading) for event in events])

    def in_order(self, events: list[Event]) -> list[Event]:
        """Return chronological events in the configured order."""
        return events if self.config.order == "oldest-first" else events[::-1]

    def json_ld(self, event: Event) -> Markup:
        """Return an event page's schema.org Event, its dates at their precision, as escaped JSON."""
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.title,
            "startDate": schema_date(event.date),
        }
        if event.end is not None:
            data["endDate"] = schema_date(event.end)
        if event.location:
            data["location"] = {"@type": "Place", "name": event.location}
        data["description"] = f"{self.lang.date_text(event)}: {event.title}"
        data["url"] = self.event_url(event)
        if event.tags:
            data["keywords"] = ", ".join(event.tags)
        if event.actors:
            data["about"] = [{"@type": "Thing", "name": actor} for actor in event.actors]
        sources = []
        for source in event.sources:
            work = {"@type": "NewsArticle", "headline": source.title,
                    "publisher": {"@type": "Organization", "name": source.publisher},
                    "datePublished": schema_date(source.published)}
            if source.url:
                work["url"] = source.url
            sources.append(work)
        data["subjectOf"] = sources
        return json_script(data)

    # --- the pages ----------------------------------------------------------------------------

    def plan(self, events: list[Event]) -> list[Page]:
        """Return every page and asset of the site, and remember the lists they were made from."""
        self.index = SiteIndex(events)
        self.descriptions.clear()
        self.made_descriptions.clear()
        self._items.clear()
        self._years.clear()
        self._year_groups = {}
        self.search.clear()
        return self._all_pages()

    def _all_pages(self) -> list[Page]:
        """Return every page and asset of the site from the current index."""
        self._layout = self._current_layout()
        pages = [self._timeline_page()]
        pages += self._year_pages(self.index.by_year)
        pages += [self._event_page(event.id) for event in self.index.chronological]
        for facet in FACETS:
            pages.append(self._facets_page(facet))
            pages += [self._list_page(facet, value) for value in self.index.groups[facet.kind]]
        pages.append(Page("404.html", partial(self.render, "404.html", page_path="404.html")))
        pages += self._publishing_files()
        pages += self._export_files()
        for path in self.static_files:
            site_path = path.relative_to(self.root / TEMPLATES_DIR).as_posix()
            pages.append(Page(site_path, path.read_bytes))
        return pages

    def _current_layout(self) -> tuple[bool, tuple[int, ...]]:
        """Return what every timeline page's navigation depends on: the split, and the years."""
        return self.split, tuple(sorted(self.index.by_year))

    def plan_changes(self, replaced: list[tuple[Event | None, Event | None]]) -> tuple[list[Page], list[str]]:
        """Return the pages a change of some events touches, and the site paths it removes.

        replaced holds (old, new) pairs: None as old for an added event, as new for a removed one.
        Only the lists those events are in are looked at, so the cost grows with the
        change, not with the site. When the years on the timeline change, every year page is
        made again (their navigation lists the years); when the timeline is split into year
        pages or joined again, every page is.
        """
        touched = Touched()
        for old, new in replaced:
            if old is not None:
                self.index.remove(old, touched)
                self._items.pop(old.id, None)
            if new is not None:
                self.index.add(new, touched)
        for year in touched.years:
            self._year_groups.pop(year, None)
        before = self._layout
        after = self._current_layout()
        if after[0] != before[0]:  # split or joined: every event page links to its place on the timeline
            old_years = {f"{self.year_path(y)}index.html" for y in before[1]} if before[0] else set()
            pages = self._all_pages()
            removed = sorted(old_years - {page.path for page in pages})
            removed += [event_page_path(event_id) for event_id in sorted(touched.events)
                        if event_id not in self.index.by_id]
            removed += [f"{FACET_OF[kind].path(value)}index.html" for kind, value in sorted(touched.values)
                        if value not in self.index.groups[kind]]
            return pages, removed
        self._layout = after
        pages, removed = [self._timeline_page()], []
        if after[0]:
            years = set(after[1]) if after[1] != before[1] else touched.years
            pages += self._year_pages([year for year in years if year in self.index.by_year])
            removed += [f"{self.year_path(year)}index.html" for year in sorted(set(before[1]) - set(after[1]))]
        for event_id in sorted(touched.events):
            if event_id in self.index.by_id:
                pages.append(self._event_page(event_id))
            else:
                removed.append(event_page_path(event_id))
        for kind, value in sorted(touched.values):
            facet = FACET_OF[kind]
            if value in self.index.groups[kind]:
                pages.append(self._list_page(facet, value))
            else:
                removed.append(f"{facet.path(value)}index.html")
        pages += [self._facets_page(FACET_OF[kind]) for kind in sorted(touched.facets)]
        pages += [page for page in self._publishing_files() if page.path == "sitemap.xml"]
        pages += self._export_files()
        return pages, removed

    def _export_files(self) -> list[Page]:
        """Return the export files (events.json, feed.xml, events.ics...) and the search index, from cached pieces."""
        ids = set(self.index.by_id)
        self.exporter.forget(ids)
        self.search.forget(ids)
        pages = [Page(path, make, kind="export") for path, make in self.exporter.files(self.index.chronological).items()]
        settings = {"order": self.config.order, "split": self.split}
        paths = {facet.kind: facet.path for facet in FACETS}
        search = self.search.files(self.index.chronological, self.index.groups, paths, settings)
        return pages + [Page(path, make, kind="search") for path, make in search.items()]

    # The columns of an event's row in the search index, in order: meta.json lists them and
    # static/timeline.js finds each by its name, so this tuple is the only place that orders them.
    SEARCH_COLUMNS = ("id", "title", "date", "year", "year_label", "month", "month_label", "place", "tags", "actors",
                      "flags", "publishers", "span")

    def _search_row(self, event: Event) -> list:
        """Return an event's row in the search index: its values of SEARCH_COLUMNS (see search_index)."""
        date, month = event.date, event.date.month is not None
        circa = event.approximate and not event.display_date  # the date's text starts with "c." (date_html)
        flags = (date.precision[0] + ("a" if event.approximate else "") + ("c" if circa else "")
                 + ("s" if len(event.sources) == 1 else "") + ("u" if event.draft else ""))
        values = {
            "id": event.id, "title": event.title, "date": self.lang.date_text(event),
            "year": year_key(date.year), "year_label": self.lang.format_year(date.year),
            "month": month_anchor(date) if month else "", "month_label": month_label(date, self.lang) if month else "",
            "place": event.location, "tags": list(event.tags), "actors": list(event.actors), "flags": flags,
            "publishers": list(dict.fromkeys(source.publisher for source in event.sources)),
            "span": self.span_text(event),
        }
        return [values[name] for name in self.SEARCH_COLUMNS]

    def event_url(self, event: Event) -> str:
        """Return the address of an event's page: absolute when the site URL is known."""
        path = f"{event.id}/"
        return self.absolute_url(path) if self.config.url else self.url(path)

    def _publishing_files(self) -> list[Page]:
        """Return robots.txt, and the sitemap and CNAME where the settings give an address and a domain."""
        pages = [Page("robots.txt", self._robots_txt)]
        if self.config.url:
            pages.append(Page("sitemap.xml", self._sitemap_xml))
        if self.config.domain:
            pages.append(Page("CNAME", lambda: f"{self.config.domain}\n".encode()))
        return pages

    def _robots_txt(self) -> bytes:
        """Return robots.txt: everything may be crawled; where the sitemap is."""
        lines = ["User-agent: *", "Allow: /"]
        if self.config.url:
            lines.append(f"Sitemap: {self.absolute_url('sitemap.xml')}")
        return ("\n".join(lines) + "\n").encode()

    def _sitemap_xml(self) -> bytes:
        """Return the sitemap: the absolute address of every page but the 404."""
        paths = [""]
        if self.split:
            paths += [self.year_path(year) for year in sorted(self.index.by_year)]
        paths += [f"{event.id}/" for event in self.index.chronological]
        for facet in FACETS:
            paths.append(f"{facet.plural}/")
            paths += [facet.path(value) for value in sorted(self.index.groups[facet.kind])]
        entries = "".join(f"  <url><loc>{xml_text(self.absolute_url(path))}</loc></url>\n" for path in paths)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n"
        ).encode()

    def absolute_url(self, path: str = "") -> str:
        """Return the full address of a site path, from the configured site URL."""
        return self.config.url.rstrip("/") + "/" + path.lstrip("/")

    def _year_group(self, year: int) -> YearGroup:
        """Return a year's group of events in the configured order, regrouped only when it changed."""
        group = self._year_groups.get(year)
        if group is None:
            group = group_by_year_and_month(self.in_order(self.index.by_year[year]), self.lang)[0]
            self._year_groups[year] = group
        return group

    def _years_in_order(self) -> list[YearGroup]:
        """Return the timeline's year groups in the configured order, regrouping only changed years."""
        return [self._year_group(year) for year in self.in_order(sorted(self.index.by_year))]

    def _year_links(self) -> list[tuple[str, str, int]]:
        """Return (label, address, year) of every year, in the configured order, for the year navigation."""
        return [(self.lang.format_year(year), self.year_href(year, local=True), year)
                for year in self.in_order(sorted(self.index.by_year))]

    def overview(self) -> tuple[str, list[OverviewBar]]:
        """Return the overview strip: its unit ('year' or 'month') and a bar per year or month, oldest first."""
        years = sorted(self.index.by_year)
        if not years:
            return "year", []
        if not self.split and years[-1] - years[0] < MONTHLY_OVERVIEW_YEARS:
            counts: dict[tuple[int, int], int] = {}
            for event in self.index.chronological:
                if event.date.month is not None:
                    key = (event.date.year, event.date.month)
                    counts[key] = counts.get(key, 0) + 1
            first, last = (min(counts), max(counts)) if counts else ((0, 0), (0, 0))
            if counts and (last[0] - first[0]) * 12 + last[1] - first[1] + 1 <= MAX_BARS:
                top = max(counts.values())
                bars: list[OverviewBar] = []
                for year in years:
                    for month in range(1, 13):
                        if not first <= (year, month) <= last:
                            continue
                        n = counts.get((year, month), 0)
                        date = EventDate(year, month)
                        tick = month == 1 or not bars
                        bars.append(OverviewBar(
                            month_label(date, self.lang), self.lang.format_year(year) if tick else "", n,
                            _level(n, top), self.year_href(year, month_anchor(date), local=True) if n else None, tick,
                            month=month_anchor(date),
                        ))
                return "month", bars
        size = next(size for size in BAR_YEARS if (years[-1] // size) - (years[0] // size) + 1 <= MAX_BARS)
        counts: dict[int, list[int]] = {}
        for year in years:
            counts.setdefault(year // size, []).append(year)
        top = max(sum(len(self.index.by_year[y]) for y in group) for group in counts.values())
        keys = [key for key in range(years[0] // size, years[-1] // size + 1) if size > 1 or key != 0]
        step = 1 if len(keys) <= 6 else 4
        bars = []
        for position, key in enumerate(keys):
            group = counts.get(key, [])
            n = sum(len(self.index.by_year[y]) for y in group)
            first, last = max(key * size, years[0]) or 1, min(key * size + size - 1, years[-1]) or -1
            label = self.lang.format_year(first) if size == 1 else \
                f"{self.lang.format_year(first)}–{self.lang.format_year(last)}"
            tick = position % step == 0 or position == len(keys) - 1
            bars.append(OverviewBar(label, self.lang.format_year(first) if tick else "", n, _level(n, top),
                                    self.year_href(group[0], local=True) if group else None, tick,
                                    tuple(year_key(year) for year in group)))
        return ("year" if size == 1 else "years"), bars

    def _timeline_page(self) -> Page:
        """Return the timeline page: the whole timeline, or (split) the overview and the first year."""
        def make() -> bytes:
            links = self._year_links()
            years = self._years_in_order()[:1] if self.split else self._years_in_order()
            unit, bars = self.overview()
            return self.render(
                "timeline.html", years=years, year_links=links, current=None, count=len(self.index.chronological),
                split=self.split, overview_unit=unit, overview=bars, density_levels=DENSITY_LEVELS, previous_year=None,
                next_year=links[1] if self.split and len(links) > 1 else None, page_path="",
            )
        return Page("index.html", make)

    def _year_pages(self, years) -> list[Page]:
        """Return the pages of the given years (only when the timeline is split into year pages)."""
        if not self.split:
            return []
        return [self._year_page(year) for year in sorted(years)]

    def _year_page(self, year: int) -> Page:
        """Return a year's page of a split timeline, with the years around it."""
        def make() -> bytes:
            links = self._year_links()
            position = next(i for i, link in enumerate(links) if link[2] == year)
            return self.render(
                "timeline.html", years=[self._year_group(year)], year_links=links, current=year,
                count=len(self.index.by_year[year]), split=True, overview_unit="year", overview=[],
                previous_year=links[position - 1] if position > 0 else None,
                next_year=links[position + 1] if position + 1 < len(links) else None,
                page_path=self.year_path(year),
            )
        return Page(f"{self.year_path(year)}index.html", make)

    def event_page_inputs(self) -> Iterator[tuple[str, Event, Event | None, Event | None, bool]]:
        """Yield, for every event page, its site path and all it shows besides settings and templates:
        the event, its neighbours in time, and whether the timeline is split into year pages (its links say)."""
        chronological, split = self.index.chronological, self.split
        for index, event in enumerate(chronological):
            previous = chronological[index - 1] if index > 0 else None
            following = chronological[index + 1] if index + 1 < len(chronological) else None
            yield event_page_path(event.id), event, previous, following, split

    def _event_page(self, event_id: str) -> Page:
        """Return an event's own page, with its neighbours in time."""
        event = self.index.by_id[event_id]
        previous, following = self.index.neighbours(event)
        return Page(event_page_path(event.id), lambda: self.render(
            "event.html", event=event, body=self.description(event),
            previous=previous, next=following, page_path=f"{event.id}/",
        ), kind="event")

    def description(self, event: Event) -> Markup:
        """Return an event's description as safe HTML (rendered once per text), or raise ProblemError."""
        html = self.descriptions.get(event.body)
        if html is None:
            try:
                html = self.markdown(event.body)
            except DescriptionTooHard as error:
                raise ProblemError([Problem(event.path, event.body_line, "description", str(error))]) from None
            self.descriptions[event.body] = html
            self.made_descriptions.append(event.body)
        return html

    def known_description(self, event: Event) -> Markup | None:
        """Return the HTML of an event's description if it was rendered or adopted, else None."""
        return self.descriptions.get(event.body)

    def adopt_descriptions(self, html_by_text: dict[str, str]) -> None:
        """Take the HTML of descriptions rendered elsewhere (a worker, the last build), by Markdown text."""
        self.descriptions.update({text: Markup(html) for text, html in html_by_text.items()})

    def made_descriptions_html(self) -> dict[str, str]:
        """Return the HTML of the descriptions rendered here since forget_made_descriptions(), by Markdown text."""
        return {text: str(self.descriptions[text]) for text in self.made_descriptions}

    def forget_made_descriptions(self) -> None:
        """Forget the descriptions rendered here (a worker, once it has sent them back)."""
        for text in self.made_descriptions:
            self.descriptions.pop(text, None)
        self.made_descriptions.clear()

    def _facets_page(self, facet: Facet) -> Page:
        """Return the page listing a facet's values (all tags, say) with their counts."""
        groups = self.index.groups[facet.kind]
        names = sorted(groups, key=lambda v: (v.casefold(), v))
        return Page(f"{facet.plural}/index.html", partial(
            self.render, "facets.html", facet=facet, names=names, groups=groups, page_path=f"{facet.plural}/"
        ))

    def _list_page(self, facet: Facet, value: str) -> Page:
        """Return the page of one facet value's events (one tag's, say)."""
        members = self.index.groups[facet.kind][value]
        return Page(f"{facet.path(value)}index.html", lambda: self.render(
            "list.html", facet=facet, value=value, events=self.in_order(members), page_path=facet.path(value)
        ))

    def pages(self, events: list[Event]) -> Iterator[tuple[str, bytes]]:
        """Yield (site path, bytes) for every page and asset of the site."""
        for page in self.plan(events):
            yield page.path, page.render()


def _level(count: int, top: int) -> int:
    """Return the overview bar's height class (0 for none, 1..DENSITY_LEVELS) for a count."""
    if count <= 0 or top <= 0:
        return 0
    return max(1, -(-count * DENSITY_LEVELS // top))




@dataclass
class Touched:
    """What a change of events reaches: event pages (by id), years, facet values and facet kinds."""

    events: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    values: set[tuple[str, str]] = field(default_factory=set)
    facets: set[str] = field(default_factory=set)


class SiteIndex:
    """The lists the site's pages are made of, in time order, kept up to date event by event."""

    def __init__(self, events: list[Event]):
        self.chronological = sorted(events, key=Event.sort_key)
        self.by_id = {event.id: event for event in events}
        self.by_year: dict[int, list[Event]] = {}
        for event in self.chronological:
            self.by_year.setdefault(event.date.year, []).append(event)
        self.groups = {facet.kind: facet.group(self.chronological) for facet in FACETS}

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        """Return the events just before and just after event in time."""
        index = bisect.bisect_left(self.chronological, event.sort_key(), key=Event.sort_key)
        previous = self.chronological[index - 1] if index > 0 else None
        following = self.chronological[index + 1] if index + 1 < len(self.chronological) else None
        return previous, following

    def remove(self, event: Event, touched: Touched) -> None:
        """Take event out of every list, noting what that touches."""
        index = _take(self.chronological, event)
        touched.events.add(event.id)
        touched.events.update(e.id for e in self.chronological[max(index - 1, 0): index + 1])
        del self.by_id[event.id]
        year = self.by_year[event.date.year]
        _take(year, event)
        if not year:
            del self.by_year[event.date.year]
        touched.years.add(event.date.year)
        for facet in FACETS:
            groups = self.groups[facet.kind]
            for value in facet.values(event):
                _take(groups[value], event)
                if not groups[value]:
                    del groups[value]
                touched.values.add((facet.kind, value))
                touched.facets.add(facet.kind)

    def add(self, event: Event, touched: Touched) -> None:
        """Put event into every list it belongs to, noting what that touches."""
        index = _put(self.chronological, event)
        touched.events.update(e.id for e in self.chronological[max(index - 1, 0): index + 2])
        self.by_id[event.id] = event
        _put(self.by_year.setdefault(event.date.year, []), event)
        touched.years.add(event.date.year)
        for facet in FACETS:
            groups = self.groups[facet.kind]
            for value in facet.values(event):
                _put(groups.setdefault(value, []), event)
                touched.values.add((facet.kind, value))
                touched.facets.add(facet.kind)


def _take(events: list[Event], event: Event) -> int:
    """Remove event from a time-ordered list; return where it was."""
    index = bisect.bisect_left(events, event.sort_key(), key=Event.sort_key)
    if index >= len(events) or events[index].id != event.id:
        raise LookupError(f"{event.id} is not where its date puts it")
    del events[index]
    return index


def _put(events: list[Event], event: Event) -> int:
    """Insert event into a time-ordered list; return where it went."""
    index = bisect.bisect_left(events, event.sort_key(), key=Event.sort_key)
    events.insert(index, event)
    return index


def event_page_path(event_id: str) -> str:
    """Return the site path of an event's own page."""
    return f"{event_id}/index.html"


# The kinds of page that cover every event (exports, search index): written after the others.
WHOLE_SITE_KINDS = ("export", "search")


@dataclass(frozen=True)
class Page:
    """One file of the site: where it goes, how to make it, and what kind of page it is.

    kind: "event" (an event's own page), "export" (events.json, feed.xml... from the Exporter),
    "search" (the search index's files) or "other" (lists, assets, robots.txt...).
    """

    path: str
    render: Callable[[], bytes]
    kind: str = "other"
