"""What search engines and link previews read: schema.org JSON-LD, robots.txt and the sitemap."""

from __future__ import annotations

import json

from markupsafe import Markup

from timeline.exports.atom import xml_text
from timeline.model.dates import EventDate
from timeline.model.entities import NO_ENTITIES, Entities, Entity
from timeline.model.event import Event
from timeline.model.facets import FACETS
from timeline.render.i18n import Language
from timeline.render.paging import page_paths
from timeline.render.site_index import SiteIndex
from timeline.render.urls import SiteUrls


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


def json_ld(event: Event, lang: Language, page_url: str, entities: Entities = NO_ENTITIES) -> Markup:
    """Return an event page's schema.org Event, its dates at their precision, as escaped JSON (an actor or
    place with a Wikidata id in entities.toml says it is the same as that item)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": schema_date(event.date),
    }
    if event.end is not None:
        data["endDate"] = schema_date(event.end)
    if event.location:
        data["location"] = _same_as({"@type": "Place", "name": event.location}, entities)
    data["description"] = f"{lang.date_text(event)}: {event.title}"
    data["url"] = page_url
    if event.tags:
        data["keywords"] = ", ".join(event.tags)
    if event.actors:
        data["about"] = [_same_as({"@type": "Thing", "name": actor}, entities) for actor in event.actors]
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


def _same_as(thing: dict, entities: Entities) -> dict:
    """Return a schema.org thing with sameAs its Wikidata item, where entities.toml gives its name one."""
    entity = entities.entity(thing["name"])
    return {**thing, "sameAs": entity.wikidata_url} if entity is not None and entity.wikidata else thing


def entity_json_ld(entity: Entity, page_path: str, urls: SiteUrls) -> Markup:
    """Return an actor's or place's page as a schema.org CollectionPage about a Thing: its name, its other
    spellings and, with a Wikidata id, the item it is the same as (whether a person, a place or a body is
    not known)."""
    about = {"@type": "Thing", "name": entity.name}
    if entity.aliases:
        about["alternateName"] = list(entity.aliases)
    if entity.wikidata:
        about["sameAs"] = entity.wikidata_url
    url = urls.absolute_url(page_path) if urls.config.url else urls.url(page_path)
    return json_script({"@context": "https://schema.org", "@type": "CollectionPage", "name": entity.name,
                        "url": url, "about": about})


def robots_txt(urls: SiteUrls) -> bytes:
    """Return robots.txt: everything may be crawled; where the sitemap is."""
    lines = ["User-agent: *", "Allow: /"]
    if urls.config.url:
        lines.append(f"Sitemap: {urls.absolute_url('sitemap.xml')}")
    return ("\n".join(lines) + "\n").encode()


SITEMAP_URLS = 50_000  # the most addresses one sitemap file may hold (sitemaps.org's protocol)
SITEMAP_PARTS = "sitemaps/"  # where the parts go when the site has more: sitemaps/1.xml, sitemaps/2.xml...


def site_paths(index: SiteIndex, urls: SiteUrls) -> list[str]:
    """Return the site path of every page a sitemap lists: every page but the 404."""
    paths = [""]
    if index.split:
        paths += [path for year in sorted(index.by_year) for path in urls.year_paths(year)]
    paths += [f"{event.id}/" for event in index.chronological]
    for facet in FACETS:
        paths.append(f"{facet.plural}/")
        groups = index.groups[facet.kind]
        paths += [path for value in sorted(groups) for path in page_paths(facet.path(value), len(groups[value]))]
    paths.append("corrections/")
    return paths


def sitemap_files(index: SiteIndex, urls: SiteUrls) -> list[str]:
    """Return the site paths of the sitemap's files: sitemap.xml alone, or, past SITEMAP_URLS addresses,
    sitemap.xml as an index of its parts and the parts."""
    parts = -(-len(site_paths(index, urls)) // SITEMAP_URLS)
    return ["sitemap.xml"] + ([f"{SITEMAP_PARTS}{n}.xml" for n in range(1, parts + 1)] if parts > 1 else [])


def sitemap_file(index: SiteIndex, urls: SiteUrls, path: str) -> bytes:
    """Return one file of the sitemap (see sitemap_files): the sitemap, its index, or one of its parts."""
    paths = site_paths(index, urls)
    if len(paths) <= SITEMAP_URLS:
        return _urlset(paths, urls)
    if path == "sitemap.xml":
        parts = "".join(f"  <sitemap><loc>{xml_text(urls.absolute_url(part))}</loc></sitemap>\n"
                        for part in sitemap_files(index, urls)[1:])
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + parts + "</sitemapindex>\n"
                ).encode()
    number = int(path.removeprefix(SITEMAP_PARTS).removesuffix(".xml"))
    return _urlset(paths[(number - 1) * SITEMAP_URLS: number * SITEMAP_URLS], urls)


def _urlset(paths: list[str], urls: SiteUrls) -> bytes:
    """Return a sitemap file listing the full addresses of these site paths."""
    entries = "".join(f"  <url><loc>{xml_text(urls.absolute_url(path))}</loc></url>\n" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n"
    ).encode()
