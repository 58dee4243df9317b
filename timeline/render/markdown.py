"""Descriptions: a contributor's Markdown to HTML that can carry no script, rendered once per text."""

from __future__ import annotations

import contextlib
import hashlib
import re
import signal
import threading
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup

from timeline.model.event import Event
from timeline.problems import Problem, ProblemError

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


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Return an attribute's value if ALLOWED_ATTRIBUTES allows it on its tag, and, on a link, a full web or mail
    address; None drops it.

    nh3 keeps title and lang on every element whatever its allow-list says. A relative link in a
    description would point outside the site under a base path, and an address with spaces or
    control characters inside is never what was meant.
    """
    if attribute not in ALLOWED_ATTRIBUTES.get(tag, ()):
        return value if (tag, attribute) == ("a", "rel") else None  # rel is nh3's own, from link_rel
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
        # Made once: nh3.clean() builds its allow-lists again on every call (bench/NOTES.md).
        self._sanitiser = nh3.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="nofollow noopener noreferrer",
            strip_comments=True,
            attribute_filter=_attribute_filter,
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


class Descriptions:
    """The HTML of every description, rendered once per text and shared by event pages, exports and search."""

    def __init__(self):
        self.markdown = MarkdownRenderer()
        self._html: dict[str, Markup] = {}  # Markdown text -> its HTML
        self._made: list[str] = []  # the texts rendered here, not taken from elsewhere

    def html(self, event: Event) -> Markup:
        """Return an event's description as safe HTML (rendered once per text), or raise ProblemError."""
        html = self._html.get(event.body)
        if html is None:
            try:
                html = self.markdown(event.body)
            except DescriptionTooHard as error:
                raise ProblemError([Problem(event.path, event.body_line, "description", str(error))]) from None
            self._html[event.body] = html
            self._made.append(event.body)
        return html

    def known(self, event: Event) -> Markup | None:
        """Return the HTML of an event's description if it was rendered or taken, else None."""
        return self._html.get(event.body)

    def adopt(self, html_by_text: dict[str, str]) -> None:
        """Take the HTML of descriptions rendered elsewhere (a worker, the last build), by Markdown text."""
        self._html.update({text: Markup(html) for text, html in html_by_text.items()})

    def made_here(self) -> dict[str, str]:
        """Return the HTML of the descriptions rendered here since forget_made_here(), by Markdown text."""
        return {text: str(self._html[text]) for text in self._made}

    def forget_made_here(self) -> None:
        """Forget the descriptions rendered here (a worker, once it has sent them back)."""
        for text in self._made:
            self._html.pop(text, None)
        self._made.clear()

    def clear(self) -> None:
        """Forget every description (a new plan of the whole site)."""
        self._html.clear()
        self._made.clear()
