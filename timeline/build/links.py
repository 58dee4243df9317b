"""Checking a built site: every internal link and anchor must lead somewhere."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


class _PageParser(HTMLParser):
    """Collects a page's ids and the addresses it links to, with their lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record ids and link targets."""
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute):
            self.links.append((self.getpos()[0], values[attribute]))
        if tag in ("img", "source") and values.get("srcset"):  # each candidate: "ADDRESS 640w"
            self.links += [(self.getpos()[0], item.split()[0]) for item in values["srcset"].split(",") if item.strip()]


@dataclass(frozen=True)
class BrokenLink:
    """A link on a page of the site that leads nowhere."""

    page: str
    line: int
    target: str
    reason: str

    def __str__(self) -> str:
        """Return 'site/PAGE:LINE: link TARGET: reason'."""
        return f"site/{self.page}:{self.line}: link {self.target}: {self.reason}"


def check_links(site: Path, base_path: str) -> tuple[int, list[BrokenLink]]:
    """Return how many internal links the site has and those that are broken."""
    pages = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
    parsed = {}
    for relative, path in pages.items():
        parser = _PageParser()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[relative] = parser
    broken = []
    count = 0
    for relative, parser in parsed.items():
        page_url = base_path + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        for line, target in parser.links:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                continue  # another site's address: not ours to check here
            count += 1
            path = unquote(parts.path) if parts.path else page_url
            if not path.startswith("/"):
                path = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path)) + (
                    "/" if path.endswith("/") else "")
            if not path.startswith(base_path) and path + "/" != base_path:
                broken.append(BrokenLink(relative, line, target, f"leaves the site's base path {base_path}"))
                continue
            file = _file_for(path[len(base_path):] if path.startswith(base_path) else "", site)
            if file is None:
                broken.append(BrokenLink(relative, line, target, "no such page or file in the site"))
                continue
            if parts.fragment and file.endswith(".html"):
                target_page = parsed.get(file)
                if target_page is None or unquote(parts.fragment) not in target_page.ids:
                    broken.append(BrokenLink(relative, line, target, f"no element with id {parts.fragment!r} there"))
    return count, broken


def _file_for(inside: str, site: Path) -> str | None:
    """Return the site file a path inside the site serves ('' -> 'index.html'), or None."""
    if ".." in inside.split("/"):
        return None
    candidates = [inside + "index.html"] if inside.endswith("/") or not inside else [inside, inside + "/index.html"]
    for candidate in candidates:
        if (site / candidate).is_file():
            return candidate
    return None
