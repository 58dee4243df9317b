"""Where everything is on the site: every address under the base path, and the files' site paths."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

from timeline.folders import TEMPLATES_DIR
from timeline.model.config import Config
from timeline.model.dates import EventDate
from timeline.model.event import Event
from timeline.model.facets import FACET_OF
from timeline.model.names import year_key
from timeline.render.grouping import month_anchor
from timeline.render.site_index import SiteIndex

STATIC_DIR = "static"


class SiteUrls:
    """The addresses of a site's pages and files, under its base path; the year pages' while it is split."""

    def __init__(self, root: Path, config: Config, index: SiteIndex):
        self.config = config
        self.index = index
        static = root / TEMPLATES_DIR / STATIC_DIR
        self.static_files = sorted(
            p for p in static.rglob("*") if p.is_file() and not p.name.startswith(".")
        ) if static.is_dir() else []
        self.asset_versions = {
            p.relative_to(root / TEMPLATES_DIR).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()[:10]
            for p in self.static_files
        }

    def url(self, path: str = "") -> str:
        """Return the site-absolute URL of a site path, under the base path."""
        return self.config.base_path + path.lstrip("/")

    def absolute_url(self, path: str = "") -> str:
        """Return the full address of a site path, from the configured site URL."""
        return self.config.url.rstrip("/") + "/" + path.lstrip("/")

    def facet_url(self, kind: str, value: str) -> str:
        """Return the URL of the page listing the events with a tag, actor or place (kind: tag, actor, location)."""
        return self.url(FACET_OF[kind].path(value))

    def asset(self, path: str) -> str:
        """Return the URL of a static file, versioned by its content so browsers never keep a stale copy."""
        key = f"{STATIC_DIR}/{path}"
        if key not in self.asset_versions:
            raise jinja2.TemplateRuntimeError(f"asset {path!r} is not in {TEMPLATES_DIR}/{STATIC_DIR}/")
        return f"{self.url(key)}?v={self.asset_versions[key]}"

    def year_path(self, year: int) -> str:
        """Return the site path of a year's page ('years/2024/')."""
        return f"years/{year_key(year)}/"

    def year_href(self, year: int, anchor: str = "", local: bool = False) -> str:
        """Return the address of a year (or a place in it) on the timeline: its page, or its anchor.

        local: the link is on the timeline page itself, where an unsplit timeline needs only the anchor.
        """
        if self.index.split:
            return self.url(self.year_path(year)) + (f"#{anchor}" if anchor else "")
        return ("" if local else self.url()) + f"#{anchor or f'y{year_key(year)}'}"

    def month_path(self, year: int, month: int) -> str:
        """Return the site path of a month's page of a crowded year ('years/2024/03/'; static/timeline.js makes
        the same from a search row)."""
        return f"{self.year_path(year)}{month:02d}/"

    def year_paths(self, year: int) -> list[str]:
        """Return the site paths of a year's pages on a split timeline: the year's, then its months' if it has a
        page per month."""
        months = self.index.months_of(year) if self.index.months_apart(year) else []
        return [self.year_path(year)] + [self.month_path(year, month) for month in months]

    def month_href(self, year: int, month: int, anchor: str = "", local: bool = False) -> str:
        """Return the address of a month (or a place in it) on the timeline: its own page when its year has a page
        per month, else its place on the year's page or the timeline."""
        if self.index.months_apart(year):
            return self.url(self.month_path(year, month)) + (f"#{anchor}" if anchor else "")
        return self.year_href(year, anchor or month_anchor(EventDate(year, month)), local)

    def timeline_href(self, event: Event) -> str:
        """Return the address of an event's entry on the timeline (its permalink there)."""
        date = event.date
        if date.month is None:  # at the head of its year, on the year's own page
            return self.year_href(date.year, event.id)
        return self.month_href(date.year, date.month, event.id)

    def event_url(self, event: Event) -> str:
        """Return the address of an event's page: absolute when the site URL is known."""
        path = f"{event.id}/"
        return self.absolute_url(path) if self.config.url else self.url(path)


def event_page_path(event_id: str) -> str:
    """Return the site path of an event's own page."""
    return f"{event_id}/index.html"
