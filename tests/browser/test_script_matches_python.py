"""What static/timeline.js and the Python build must agree on, run in the real browser: the bucket a
search term's postings are in, and an event's entry (the script draws search results as the
templates draw the timeline)."""

from __future__ import annotations

import random

import pytest

from timeline.render.i18n import tokens
from timeline.render.search_index import MAX_BUCKETS, bucket
from tests.conftest import REPO

SCRIPT = REPO / "templates" / "static" / "timeline.js"


def script_function(name: str) -> str:
    """Return the source of a function of timeline.js, from `function name(` to its closing brace.

    Braces are counted as they come: good for functions without braces in their strings or regular
    expressions (the browser refuses the source if one cuts it short).
    """
    script = SCRIPT.read_text(encoding="utf-8")
    start = script.index(f"function {name}(")
    depth = 0
    for end in range(script.index("{", start), len(script)):
        depth += {"{": 1, "}": -1}.get(script[end], 0)
        if depth == 0:
            return script[start:end + 1]
    raise AssertionError(f"function {name} has no end")


# Characters of many scripts, by code point ranges: the astral planes too (emoji, CJK Extension B,
# mathematical letters), where a UTF-16 string holds two code units for one character.
RANGES = [(0x61, 0x7A), (0x30, 0x39), (0xDF, 0xFF), (0x100, 0x17F), (0x3B1, 0x3C9), (0x430, 0x44F), (0x5D0, 0x5EA),
          (0x621, 0x64A), (0x905, 0x939), (0xE01, 0xE2E), (0x3041, 0x3096), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3),
          (0x1D400, 0x1D7FF), (0x1F300, 0x1FAFF), (0x20000, 0x2A6DF), (0x30000, 0x3134A)]


def sample_terms() -> list[str]:
    """Return terms of every kind the index can hold, and some it cannot, in a fixed order."""
    terms = ["a", "z", "0", "_", "é", "ß", "中", "😀", "𠀀", "ab", "zu", "zurich", "zürich", "aé", "éa", "a😀", "😀a",
             "😀😀", "𠀀𠀁", "𠀀a", "a𠀀", "中文", "日本語", "한국", "שלום", "مرحبا", "नमस्ते", "ωμέγα", "москва",
             "𝔘𝔫𝔦", "ﬁsh", "１２", "👍🏽", "🏳️‍🌈", "\u0301a", "a\u0301"]
    terms += tokens("Crème BRÛLÉE à Zürich, Ærøskøbing; 北京 and 𠀋𠀌 talks 😀 🇰🇷, İstanbul ΣΊΣΥΦΟΣ straße")
    rng = random.Random(17)
    for _ in range(3000):
        length = rng.choice([1, 1, 2, 2, 3, 5, 8])
        terms.append("".join(chr(rng.randint(*rng.choice(RANGES))) for _ in range(length)))
    return terms


BUCKET_COUNTS = [1, 2, 3, 7, 31, 62, MAX_BUCKETS, 10_007]  # 10,007: more than any index has, so every bit counts


def test_the_script_puts_every_term_in_the_bucket_python_put_it_in(browser):
    terms = sample_terms()
    page = browser.new_page()
    try:
        received, found = page.evaluate("""([source, terms, counts]) => {
            const bucketOf = new Function(source + "; return bucketOf;")();
            return [terms, counts.map(n => terms.map(term => bucketOf(term, n)))];
        }""", [script_function("bucketOf"), terms, BUCKET_COUNTS])
    finally:
        page.close()
    assert received == terms  # astral characters and all
    for count, buckets in zip(BUCKET_COUNTS, found, strict=True):
        wrong = [(term, js, bucket(term, count)) for term, js in zip(terms, buckets, strict=True)
                 if js != bucket(term, count)]
        assert wrong == [], f"{len(wrong)} of {len(terms)} terms in other buckets with {count} buckets: {wrong[:10]}"
