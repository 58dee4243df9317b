"""Links that land on a quote in its article: a text fragment (`#:~:text=…`, WICG's Text Fragments spec).

A browser that follows one scrolls to the first passage of the page matching it and highlights it; one
that does not know them opens the article as usual. Matching ignores case and runs of white space, so a
quote written as the article wrote it is found; a long quote, or one with words left out ("…"), is
given by its first and last words (textStart,textEnd), so a small difference in the middle still finds it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*")
_QUOTE_MARKS = "\"'“”‘’«»„‟‹›"
EDGE_WORDS = 5  # words kept at each end of a long quote
LONG_QUOTE = 12  # words from which a quote is given by its two ends


def _term(text: str) -> str:
    """Return text percent-encoded as a text directive's term: '-', '&' and ',' are its syntax, so they are too."""
    return quote(text, safe="").replace("-", "%2D")


def text_fragment(quoted: str) -> str:
    """Return the fragment directive that finds a quote (':~:text=…'), or '' for a quote with no words."""
    pieces = [" ".join(piece.split()).strip(_QUOTE_MARKS + " ") for piece in _ELLIPSIS.split(quoted)]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return ""
    first, last = pieces[0].split(), pieces[-1].split()
    if len(pieces) == 1 and len(first) < LONG_QUOTE:
        return ":~:text=" + _term(pieces[0])
    start = " ".join(first[:EDGE_WORDS])
    end = " ".join(last[-EDGE_WORDS:]) if len(pieces) > 1 else " ".join(first[-EDGE_WORDS:])
    return f":~:text={_term(start)},{_term(end)}"


def quote_url(url: str, quoted: str) -> str:
    """Return the address of an article that lands on a quote in it (its own fragment kept before the directive)."""
    directive = text_fragment(quoted)
    if not directive:
        return url
    return url + directive if "#" in url else f"{url}#{directive}"
