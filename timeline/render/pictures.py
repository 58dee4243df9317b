"""Pictures on the pages: the <picture> of an event's picture at every width and format made of it (responsive,
sized so nothing moves as it loads, lazy), the files made of it as pages of the site, and its address for
link previews (og:image)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from timeline.model.pictures import PAGE_SIZES, PICTURE_FORMATS, THUMB_SIZES, picture_widths, shared_file, site_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from timeline.model.event import Event, Picture
    from timeline.render.urls import SiteUrls

def picture_html(picture: Picture, url: Callable[[str], str], thumb: bool = False) -> Markup:
    """Return a picture as HTML: a <picture> offering each format at each width, its <img> sized by the file's
    width and height; a thumb is the small one beside an entry of a list."""
    sizes = THUMB_SIZES if thumb else PAGE_SIZES
    css = "event-thumb" if thumb else "event-picture-img"
    if not picture.is_local:  # an https:// address: its size is unknown, so the style sheet reserves the box
        return Markup('<img class="{} remote" src="{}" alt="{}" loading="lazy" decoding="async" '
                      'referrerpolicy="no-referrer">').format(css, picture.src, picture.alt)
    widths = picture_widths(picture.width)
    sources = Markup("").join(
        Markup('<source type="{}" srcset="{}" sizes="{}">').format(
            mime, ", ".join(f"{url(site_file(picture, w, extension))} {w}w" for w in widths), sizes)
        for extension, mime in PICTURE_FORMATS[:-1])
    last_extension = PICTURE_FORMATS[-1][0]
    srcset = ", ".join(f"{url(site_file(picture, w, last_extension))} {w}w" for w in widths)
    width = widths[-1]
    height = max(1, round(picture.height * width / picture.width))
    fallback = url(site_file(picture, widths[0] if thumb else width, last_extension))
    return Markup('<picture>{}<img class="{}" src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
                  'loading="lazy" decoding="async"></picture>').format(
        sources, css, fallback, srcset, sizes, width, height, picture.alt)


def share_image_url(picture: Picture | None, urls: SiteUrls) -> str:
    """Return the address link previews show for an event (its picture's widest WebP, or its https:// address),
    or '' when it has no picture or the site's own address is unknown (a preview needs a full address)."""
    if picture is None:
        return ""
    if not picture.is_local:
        return picture.src
    if not urls.config.url:
        return ""
    return urls.absolute_url(shared_file(picture))


def picture_pages(events: list[Event], pictures, page_type) -> list:
    """Return the site's files made of the events' local pictures, each once (pictures: build/media.py's
    Pictures, which made them; page_type: render/pages.py's Page)."""
    if pictures is None:
        return []
    found: dict[str, Path] = {}
    for event in events:
        if event.image is not None and event.image.digest:
            found.update(pictures.files(event.image))
    return [page_type(path, partial(Path.read_bytes, made), kind="media") for path, made in sorted(found.items())]
