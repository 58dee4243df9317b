"""The site's pages: which pages and files a site of these events has, what a change of events touches,
and each page rendered through the templates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from markupsafe import Markup

from timeline.exports.exporter import Exporter
from timeline.folders import TEMPLATES_DIR
from timeline.model.config import Config
from timeline.model.dates import YEAR
from timeline.model.entities import NO_ENTITIES, Entities
from timeline.model.event import Event
from timeline.model.facets import FACET_OF, FACETS, Facet
from timeline.model.fields import STATUSES
from timeline.model.history import Provenance
from timeline.model.names import year_key
from timeline.render import seo
from timeline.render.date_html import date_html, span_text, time_html
from timeline.render.grouping import month_anchor, month_label
from timeline.render.i18n import facet_label, language, status_label
from timeline.render.list_pieces import ListPieces
from timeline.render.markdown import Descriptions
from timeline.render.moved import moved_pages
from timeline.render.paging import ListPaging
from timeline.render.pictures import picture_html, picture_pages, share_image_url
from timeline.render.search_index import SearchIndex, search_row
from timeline.render.site_index import SiteIndex, Touched
from timeline.render.story import event_links, time_between
from timeline.render.templates import template_environment
from timeline.render.text_fragments import quote_url
from timeline.render.timeline_pages import TimelinePages
from timeline.render.urls import SiteUrls, event_page_path

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


class SiteRenderer:
    """Renders the whole site from validated events, page by page, and again only the pages a change touches."""

    def __init__(self, root: Path, config: Config, entities: Entities = NO_ENTITIES):
        self.root = root
        self.config = config
        self.entities = entities  # the actor and place pages' names, aliases and Wikidata ids
        self.lang = language(config.language)
        self.index = SiteIndex()
        self.urls = SiteUrls(root, config, self.index)
        self.descriptions = Descriptions()
        self.pieces = ListPieces(self.index, self.lang, config.order)
        self.exporter = Exporter(config, self.urls.event_url, self.descriptions.html, self.lang)
        self.search = SearchIndex(partial(search_row, lang=self.lang), self.descriptions.html,
                                  superseded=self.index.superseded)
        self.env = template_environment(root, self.lang.gettext)
        self.env.globals.update(self._template_globals())
        self.pieces.macros = self.env.get_template("_macros.html").module
        self.paging = ListPaging(self.render, Page)  # the facet values' lists, split into pages
        self.timeline = TimelinePages(self.render, self.index, self.pieces, self.urls, self.lang, Page)
        self._layout: tuple[bool, tuple[int, ...]] = (False, ())
        self.provenance: Provenance | None = None  # each event file's history, where git has it
        self.pictures = None  # the files made of the events' pictures (build/media.py's Pictures), set by the build

    def _template_globals(self) -> dict:
        """Return the names every template sees (CONTRIBUTING.md's "Templates" lists them)."""
        lang, urls, pieces = self.lang, self.urls, self.pieces
        return {
            "site": self.config, "url": urls.url, "asset": urls.asset, "absolute_url": urls.absolute_url,
            "lang": lang, "_": lang.gettext, "ngettext": lang.ngettext,
            "date_html": partial(date_html, lang=lang), "date_text": lang.date_text, "time_html": time_html,
            "facets": FACETS, "facet_of": FACET_OF, "facet_url": urls.facet_url,
            "event_position": self.event_position, "timeline_href": urls.timeline_href, "year_href": urls.year_href,
            "month_href": urls.month_href, "month_section": pieces.month_section,
            "item": pieces.item, "items": pieces.items, "line": pieces.line, "lines": pieces.lines,
            "year_section": pieces.year_section,
            "json_ld": self.json_ld, "span_text": partial(span_text, lang=lang), "year_key": year_key,
            "statuses": STATUSES, "status_label": partial(status_label, lang=lang),
            "facet_label": partial(facet_label, lang=lang), "quote_url": quote_url,
            "event_links": partial(event_links, index=self.index, lang=lang), "superseded": self.index.superseded,
            "time_between": partial(time_between, lang=lang),
            "facet_labels": {facet.kind: {value: facet_label(facet.kind, value, lang) for value, _ in facet.words}
                             for facet in FACETS if facet.words},
            "entity_of": self.entities.entity, "entity_json_ld": partial(seo.entity_json_ld, urls=urls),
            "picture": partial(picture_html, url=urls.url), "share_image": partial(share_image_url, urls=urls),
        }

    def render(self, template: str, **context) -> bytes:
        """Return a rendered template as UTF-8 bytes."""
        return self.env.get_template(template).render(**context).encode("utf-8")

    def event_position(self, event: Event) -> list[tuple[str, str]]:
        """Return (label, address) of the year and, if known, the month an event sits under on the timeline."""
        date = event.date
        position = [(self.lang.format_year(date.year), self.urls.year_href(date.year))]
        if date.precision != YEAR:
            href = self.urls.month_href(date.year, date.month) if date.month else \
                self.urls.year_href(date.year, month_anchor(date))  # a season, say: the head of its year
            position.append((month_label(date, self.lang), href))
        return position

    def json_ld(self, event: Event) -> Markup:
        """Return an event page's schema.org Event as escaped JSON (see seo.json_ld)."""
        return seo.json_ld(event, self.lang, self.urls.event_url(event), self.entities)

    # --- which pages the site has ---------------------------------------------------------------

    def plan(self, events: list[Event]) -> list[Page]:
        """Return every page and asset of the site, and remember the lists they were made from."""
        self.index.reset(events)
        for memory in (self.descriptions, self.pieces, self.search, self.paging):
            memory.clear()
        self.timeline.forget()
        return self._all_pages()

    def pages(self, events: list[Event]) -> Iterator[tuple[str, bytes]]:
        """Yield (site path, bytes) for every page and asset of the site."""
        for page in self.plan(events):
            yield page.path, page.render()

    def _all_pages(self) -> list[Page]:
        """Return every page and asset of the site from the current index."""
        self._layout = self._current_layout()
        pages = [self.timeline.home()]
        pages += self.timeline.years(self.index.by_year)
        pages += [self._event_page(event.id) for event in self.index.chronological]
        for facet in FACETS:
            pages.append(self._facets_page(facet))
            pages += [page for value in self.index.groups[facet.kind] for page in self._list_pages(facet, value)]
        pages += [self._corrections_page(), Page("404.html", partial(self.render, "404.html", page_path="404.html"))]
        pages += self._moved(None)[0]
        pages += picture_pages(self.index.chronological, self.pictures, Page)
        pages += self._publishing_files()
        pages += self._export_files()
        for path in self.urls.static_files:
            pages.append(Page(path.relative_to(self.root / TEMPLATES_DIR).as_posix(), path.read_bytes))
        return pages

    def _current_layout(self) -> tuple[bool, tuple[int, ...]]:
        """Return what every timeline page's navigation depends on: the split, and the years."""
        return self.index.split, tuple(sorted(self.index.by_year))

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
            if new is not None:
                self.index.add(new, touched)
        self.pieces.forget({old.id for old, _ in replaced if old is not None}, touched.years)
        before, after = self._layout, self._current_layout()
        if after[0] != before[0]:  # split or joined: every event page links to its place on the timeline
            old_years = set(self.timeline.forget())
            pages = self._all_pages()
            return pages, sorted(old_years - {page.path for page in pages}) + self._gone(touched)
        self._layout = after
        pages, removed = [self.timeline.home()], []
        if after[0]:
            years = set(after[1]) if after[1] != before[1] else touched.years
            removed += self.timeline.left_behind(touched.years | (set(before[1]) - set(after[1])))
            pages += self.timeline.years([year for year in years if year in self.index.by_year])
        pages += [self._event_page(event_id) for event_id in sorted(touched.events) if event_id in self.index.by_id]
        pages += [page for kind, value in sorted(touched.values) if value in self.index.groups[kind]
                  for page in self._list_pages(FACET_OF[kind], value, touched.entries)]
        removed += self._gone(touched)  # after the lists: the pages they no longer have
        moved, moved_away = self._moved(touched)
        pages += moved
        rewritten = {page.path for page in moved}  # an old address again: written, not removed
        removed = [path for path in removed if path not in rewritten] + moved_away
        pages += [self._facets_page(FACET_OF[kind]) for kind in sorted(touched.facets)]
        if any(event is not None and event.corrections for pair in replaced for event in pair):
            pages.append(self._corrections_page())
        pages += [page for page in self._publishing_files() if page.path.startswith("sitemap")]
        pages += self._export_files() + picture_pages([new for _, new in replaced if new], self.pictures, Page)
        return pages, removed

    def _moved(self, touched: Touched | None) -> tuple[list[Page], list[str]]:
        """Return the pages at renamed events' old addresses (those a change touched, given touched), and the old
        addresses left without their event."""
        return moved_pages(self.provenance.moved if self.provenance else {}, self.index, self.render, Page, touched)

    def _gone(self, touched: Touched) -> list[str]:
        """Return the site paths of the event and list pages a change left without events, or lists cut short."""
        removed = [event_page_path(event_id) for event_id in sorted(touched.events)
                   if event_id not in self.index.by_id]
        return removed + [path for kind, value in sorted(touched.values) if value not in self.index.groups[kind]
                          for path in self.paging.gone(FACET_OF[kind].path(value))] + self.paging.stale()

    def event_page_inputs(self) -> Iterator[tuple[str, Event, tuple[Event | None, ...], bool, tuple]]:
        """Yield, for every event page, its site path and all it shows besides settings and templates:
        the event, the other events it shows (its neighbours in time, and those it links to or is linked from),
        whether the timeline is split into year pages and its year into month pages (its links say), and its file's
        history (its days, and the commit its history link names)."""
        chronological = self.index.chronological
        for index, event in enumerate(chronological):
            previous = chronological[index - 1] if index > 0 else None
            following = chronological[index + 1] if index + 1 < len(chronological) else None
            yield event_page_path(event.id), event, (previous, following, *self.index.linked_events(event)), \
                self.timeline_layout(event), self.provenance.page_key(event.path) if self.provenance else ()

    def timeline_layout(self, event: Event) -> tuple[bool, bool]:
        """Return what an event page's links to its place on the timeline depend on: whether the timeline is split
        into year pages, and whether the event's year has a page per month."""
        return self.index.split, self.index.months_apart(event.date.year)

    # --- the pages --------------------------------------------------------------------------------

    def _event_page(self, event_id: str) -> Page:
        """Return an event's own page, with its neighbours in time."""
        event = self.index.by_id[event_id]
        previous, following = self.index.neighbours(event)
        return Page(event_page_path(event.id), lambda: self.render(
            "event.html", event=event, body=self.descriptions.html(event),
            previous=previous, next=following, page_path=f"{event.id}/",
            history=self.provenance.of(event.path) if self.provenance else None,
            history_url=self.provenance.history_url(self.config.repository, event.path) if self.provenance else "",
        ), kind="event")

    def _facets_page(self, facet: Facet) -> Page:
        """Return the page listing a facet's values (all tags, say) with their counts."""
        groups = self.index.groups[facet.kind]
        if facet.words:  # codes (statuses...): in the order they are declared
            names = [value for value, _ in facet.words if value in groups]
        else:
            names = sorted(groups, key=lambda v: (v.casefold(), v))
        return Page(f"{facet.plural}/index.html", partial(
            self.render, "facets.html", facet=facet, names=names, groups=groups, page_path=f"{facet.plural}/"
        ))

    def _list_pages(self, facet: Facet, value: str, touched: set[str] | None = None) -> list[Page]:
        """Return the pages of one facet value's events (one tag's, say), or those a change touched (paging.py)."""
        members = self.index.groups[facet.kind][value]
        events = members if facet.kind == "thread" else self.pieces.in_order(members)  # a story reads forwards
        return self.paging.pages(facet, value, events, touched)

    def _corrections_page(self) -> Page:
        """Return the page listing every correction of every event, newest first."""
        def make() -> bytes:
            corrections = [(correction, event) for event in self.index.chronological
                           for correction in event.corrections]
            corrections.sort(key=lambda pair: (pair[0].date.end_key(), pair[1].sort_key()), reverse=True)
            return self.render("corrections.html", corrections=corrections, page_path="corrections/")
        return Page("corrections/index.html", make)

    def _publishing_files(self) -> list[Page]:
        """Return robots.txt, and the sitemap and CNAME where the settings give an address and a domain."""
        pages = [Page("robots.txt", partial(seo.robots_txt, self.urls))]
        if self.config.url:
            pages += [Page(path, partial(seo.sitemap_file, self.index, self.urls, path))
                      for path in seo.sitemap_files(self.index, self.urls)]
        if self.config.domain:
            pages.append(Page("CNAME", lambda: f"{self.config.domain}\n".encode()))
        return pages

    def _export_files(self) -> list[Page]:
        """Return the export files (events.json, feed.xml, events.ics...) and the search index, from cached pieces."""
        ids = set(self.index.by_id)
        self.exporter.forget(ids)
        self.search.forget(ids)
        chronological = self.index.chronological
        pages = [Page(path, make, kind="export") for path, make in self.exporter.files(chronological).items()]
        months = [year_key(year) for year in sorted(self.index.by_year) if self.index.months_apart(year)]
        settings = {"order": self.config.order, "split": self.index.split, "months": months}
        paths = {facet.kind: facet.path for facet in FACETS}
        search = self.search.files(chronological, self.index.groups, paths, settings)
        return pages + [Page(path, make, kind="search") for path, make in search.items()]
