"""What a picture on an event may be: where its file lives, how large it may be, which formats are read, and the
checks of its address and of its file, each problem in words that say how to fix it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from timeline.folders import MEDIA_DIR

MAX_PICTURE_BYTES = 20 * 1024 * 1024  # a camera's full-size JPEG is 5-15 MB
MAX_PICTURE_PIXELS = 50_000_000  # 50 megapixels: larger is a panorama or a decompression bomb
READ_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF", "AVIF": "AVIF"}
# The widths made of each local picture (never wider than the picture itself), and the formats, best first.
PICTURE_WIDTHS = (320, 640, 1280)
PICTURE_FORMATS = (("avif", "image/avif"), ("webp", "image/webp"))
# How wide the picture is shown, for the browser to choose among the widths (the style sheet's sizes).
PAGE_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"  # style.css: --measure, the page's padding
THUMB_SIZES = "6rem"

_SAFE_NAME = re.compile(r"[A-Za-z0-9._-]+")


@dataclass(frozen=True)
class PictureFile:
    """What the checks found in a picture's file: its format and size in pixels."""

    format: str
    width: int
    height: int


def src_problem(src: str) -> str | None:
    """Return what is wrong with a picture's address, or None: an https:// address, or media/NAME with no way out."""
    if src.startswith("https://"):
        return None
    if src.lower().startswith("http://"):
        return (f"is {src!r}, an http:// address, which a site served over https cannot show: use its https:// "
                "address, or save the picture in media/ and write media/NAME")
    if re.match(r"[a-z][a-z0-9+.-]*:", src, re.IGNORECASE) and not re.match(r"[a-z]:[\\/]", src, re.IGNORECASE):
        return f"is {src!r}; a picture is a file in media/ (media/NAME) or an https:// address"
    parts = src.split("/")
    if src.startswith(("/", "\\")) or re.match(r"[a-z]:[\\/]", src, re.IGNORECASE) or "\\" in src \
            or ".." in parts or parts[0] != MEDIA_DIR or len(parts) < 2:
        return (f"is {src!r}, which is not in the media/ folder: put the picture in media/ and write its path from "
                "the project's top, like media/2024-11-04-kremlin.jpg")
    if not all(_SAFE_NAME.fullmatch(part) and not part.startswith(".") for part in parts):
        return (f"is {src!r}; name picture files with letters, digits, '-', '_' and '.' only (no spaces), like "
                "media/2024-11-04-kremlin.jpg, and rename the file to match")
    return None


def check_picture_file(root: Path, src: str) -> tuple[PictureFile | None, str | None]:
    """Return what the picture file at media/... holds, or None and what is wrong with it (missing, outside
    media/ through a link, too large, not a picture, damaged)."""
    path = root / src
    if not path.exists() and not path.is_symlink():
        return None, f"{src} does not exist: add the picture to the media/ folder, or correct the name"
    problem = outside_media(root, src)
    if problem:
        return None, problem
    if not path.resolve().is_file():
        return None, f"{src} is not a file: name a picture file in media/"
    return check_picture_content(path.resolve(), src)


def outside_media(root: Path, src: str) -> str | None:
    """Return the problem of a picture whose path, links followed, leads out of media/, or None."""
    media = (root / MEDIA_DIR).resolve()
    real = (root / src).resolve()
    if media in real.parents:
        return None
    return f"{src} is a link to a file outside media/: put the picture itself in media/"


def check_picture_content(path: Path, shown: str) -> tuple[PictureFile | None, str | None]:
    """Return what a picture file holds, or None and what is wrong with it (too large, not a picture, damaged),
    the file named as shown in the message."""
    size = os.stat(path).st_size
    if size > MAX_PICTURE_BYTES:
        return None, (f"{shown} is {size / 1024 / 1024:.1f} MB; pictures are limited to "
                      f"{MAX_PICTURE_BYTES // 1024 // 1024} MB: export it smaller (2,000 pixels wide is plenty)")
    return _probe(path, shown)


def _probe(path: Path, src: str) -> tuple[PictureFile | None, str | None]:
    """Return the format and size of a picture file, decoding it whole to find damage, or what is wrong."""
    from PIL import Image, UnidentifiedImageError  # imported late: only builds with pictures need it

    formats = ", ".join(READ_FORMATS.values())
    try:
        with Image.open(path, formats=list(READ_FORMATS)) as image:
            width, height = image.size
            if width * height > MAX_PICTURE_PIXELS:  # checked before decoding a single pixel
                return None, _too_many_pixels(src, width * height)
            found = image.format
            image.load()
    except Image.DecompressionBombError as error:  # Pillow's own guard, far above ours: said the same way
        found = re.search(r"\((\d+) pixels\)", str(error))
        return None, _too_many_pixels(src, int(found[1]) if found else 0)
    except UnidentifiedImageError:
        return None, f"{src} is not a picture this tool reads ({formats}): save it in one of those formats"
    except (OSError, SyntaxError, ValueError):
        return None, f"{src} is damaged or cut short: save or export it again from the original"
    return PictureFile(READ_FORMATS[found], width, height), None


def _too_many_pixels(src: str, pixels: int) -> str:
    """Return the problem of a picture with too many pixels to decode safely."""
    return (f"{src} is {pixels / 1e6:,.0f} megapixels; pictures are limited to {MAX_PICTURE_PIXELS // 1_000_000} "
            "megapixels: make it smaller")


def picture_widths(width: int) -> tuple[int, ...]:
    """Return the widths a picture of that width is made at: PICTURE_WIDTHS up to its own, never wider."""
    widest = min(width, PICTURE_WIDTHS[-1])
    return tuple(w for w in PICTURE_WIDTHS if w < widest) + (widest,)


def site_file(picture, width: int, extension: str) -> str:
    """Return the site path of a picture made at a width in a format ('media/kremlin-1a2b3c4d5e6f-640.webp'): named
    by its content, so a changed picture is a new file that no browser has kept an old copy of."""
    stem = picture.src.rpartition("/")[2].rpartition(".")[0] or "picture"
    return f"{MEDIA_DIR}/{stem}-{picture.digest[:12]}-{width}.{extension}"


def shared_file(picture) -> str:
    """Return the site path of the file other sites and tools are given of a local picture (link previews, feeds,
    TimelineJS): its widest file in the format every reader shows (WebP; AVIF is not shown everywhere yet)."""
    return site_file(picture, picture_widths(picture.width)[-1], PICTURE_FORMATS[-1][0])
