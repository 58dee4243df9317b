"""The search and filter index: small JSON files that static/timeline.js reads on demand.

Chosen over Pagefind after timing both at 10,000 events (bench/search_speed.py): a reader's
first search loads only the term bucket of each word typed and the documents it shows, no
WebAssembly (so the pages' Content-Security-Policy stays as strict as it is), and the index
is rebuilt from cached pieces in a fraction of a second, where Pagefind re-reads every page.

Files, under search/ (documents are numbered in time order, oldest first):

- meta.json: counts, the bucket count, a digest of every other file (fetched with ?v=digest,
  so a browser never mixes files of two builds), "columns": the names of a document row's columns
  in order (SEARCH_COLUMNS; the script finds each column by its name), and "years":
  [[year key, number of its first document], ...] oldest first: each year's documents are
  consecutive, so while a search or filter is on, the row of years and the overview can count a
  year's matches from their numbers alone (and the year pages, which do not hold those numbers,
  need not change when they shift);
- docs-K.json: the rows of documents K*CHUNK .. (K+1)*CHUNK-1, each a list of the values of
  "columns": id, title, date (its text, as the page shows it), year (its key), year_label, month
  (its key, "" for a year-only date), month_label, place, tags, actors (lists), flags, publishers
  (a list, each independent publisher once), span (how long a range lasts, "" for a single date),
  status and status_label (the status and its word, "" for the default, reported), retraction
  (why a retracted event was withdrawn: its latest correction's note; "" otherwise) and superseded (the word
  "Superseded" in the site's language when an event on the site supersedes it, else ""). flags is the
  precision's letter (PRECISION_FLAGS, in meta.json as "precisions"), then "a" for an approximate date,
  "c" when the date's text starts with "c." (approximate, without a display_date), "?" for an uncertain
  date, "o" for an event still going on, "s" for an event resting on one source (the label
  says "Source", not "Sources"; one publisher is "single source", more are "N independent sources") and
  "u" for a draft (built with --drafts);
- terms-B.json: {term: [document numbers, each given as the gap from the one before]} for the
  terms whose first two letters hash to bucket B (see bucket());
- facets.json: {"tag"|"actor"|"location"|"status"|"corroboration"|"thread": [[value, site path, [gaps]], ...]}, each
  kind's values sorted.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
from bisect import insort
from collections.abc import Callable

from timeline.memo import EventMemo
from timeline.model.event import Event
from timeline.model.facets import FACETS
from timeline.model.fields import DEFAULT_STATUS
from timeline.model.names import year_key
from timeline.render.date_html import span_text
from timeline.render.grouping import month_anchor, month_label
from timeline.render.i18n import Language, status_label, tokens

DOCS_PER_CHUNK = 500
TERMS_PER_BUCKET = 150  # documents per term bucket, roughly: small sites get one bucket
MAX_BUCKETS = 64
_TAG = re.compile(r"<[^>]+>")


# The columns of an event's row in the search index, in order: meta.json lists them and
# static/timeline.js finds each by its name, so this tuple is the only place that orders them.
# A row's flags start with its precision's letter; meta.json hands the script this table.
PRECISION_FLAGS = {"d": "day", "m": "month", "n": "season", "y": "year", "x": "decade", "k": "century"}
_FLAG_OF_PRECISION = {precision: flag for flag, precision in PRECISION_FLAGS.items()}

SEARCH_COLUMNS = ("id", "title", "date", "year", "year_label", "month", "month_label", "place", "tags", "actors",
                  "flags", "publishers", "span", "status", "status_label", "retraction", "superseded")


def search_row(event: Event, lang: Language, superseded: bool = False) -> list:
    """Return an event's row in the search index: its values of SEARCH_COLUMNS (superseded: whether an event on
    the site supersedes it)."""
    date, month = event.date, event.date.month is not None
    text = lang.date_text(event)
    circa = not event.display_date and text.startswith(lang.gettext("c.") + " ")  # explained as date_html does
    flags = (_FLAG_OF_PRECISION[date.precision] + ("a" if event.approximate else "") + ("c" if circa else "")
             + ("?" if date.uncertain else "") + ("o" if event.ongoing else "")
             + ("s" if len(event.sources) == 1 else "") + ("u" if event.draft else ""))  # "s": one source, the word
    values = {
        "id": event.id, "title": event.title, "date": text,
        "year": year_key(date.year), "year_label": lang.format_year(date.year),
        "month": month_anchor(date) if month else "", "month_label": month_label(date, lang) if month else "",
        "place": event.location, "tags": list(event.tags), "actors": list(event.actors), "flags": flags,
        "publishers": list(event.publishers),
        "span": span_text(event, lang),
        # the default status is shown nowhere in a list, so its row leaves it out
        "status": "" if event.status == DEFAULT_STATUS else event.status,
        "status_label": "" if event.status == DEFAULT_STATUS else status_label(event.status, lang),
        "retraction": event.retraction.note if event.retraction else "",
        "superseded": lang.gettext("Superseded") if superseded else "",
    }
    return [values[name] for name in SEARCH_COLUMNS]


def bucket_count(documents: int) -> int:
    """Return how many term buckets an index of that many documents is split into."""
    return max(1, min(MAX_BUCKETS, documents // TERMS_PER_BUCKET))


def bucket(term: str, buckets: int) -> int:
    """Return the bucket of a term: a hash of its first two characters (code points).

    static/timeline.js's bucketOf() must agree, to fetch the one file of a typed word:
    tests/browser/test_script_matches_python.py runs it in the browser on the same terms.
    """
    first = [ord(c) for c in term[:2]]
    value = first[0] * 31 + (first[1] if len(first) > 1 else 0)
    return value % buckets


def gaps(numbers: list[int]) -> list[int]:
    """Return ascending numbers as the gaps between them (the first from 0): shorter JSON."""
    out, previous = [], 0
    for number in numbers:
        out.append(number - previous)
        previous = number
    return out


def _json(data) -> bytes:
    """Return compact, deterministic JSON bytes."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class SearchIndex:
    """Makes the search/ files, keeping each event's row and terms until the event changes."""

    def __init__(self, row: Callable[..., list], text: Callable[[Event], str], columns: tuple[str, ...] = (),
                 superseded: Callable[[Event], bool] = lambda event: False):
        self._row = row
        # whether another event supersedes an event: the one thing its row shows of other events, so its memo key
        self._superseded = superseded
        self._text = text
        self.columns = columns or SEARCH_COLUMNS  # the names of row's values, in order
        self._year = self.columns.index("year")
        self._entries = EventMemo()
        self._last: _Postings | None = None
        self._digests: dict[str, tuple[bytes, str]] = {}

    def forget(self, keep: set[str]) -> None:
        """Drop what is kept for events no longer on the site."""
        self._entries.keep_only(keep)

    def clear(self) -> None:
        """Drop everything cached (a full build)."""
        self._entries.clear()
        self._last = None
        self._digests.clear()

    def _digest(self, path: str, data: bytes) -> str:
        """Return the short digest of a file's bytes, remembered while they stay the same object."""
        known = self._digests.get(path)
        if known is None or known[0] is not data:
            known = self._digests[path] = (data, hashlib.sha256(data).hexdigest()[:10])
        return known[1]

    def _entry(self, event: Event) -> tuple[Event, list, list[str]]:
        """Return an event's entry in the index: (the event, its row, its search terms), made once per version."""
        superseded = self._superseded(event)
        return self._entries.get(event, "superseded" if superseded else "entry",
                                 lambda: self._make_entry(event, superseded))

    def _make_entry(self, event: Event, superseded: bool) -> tuple[Event, list, list[str]]:
        """Return an event's entry in the index, made from its text (and whether it is superseded)."""
        words = " ".join([event.title, html.unescape(_TAG.sub(" ", self._text(event))), " ".join(event.actors),
                          event.location, " ".join(event.tags)])
        terms = sorted(map(sys.intern, set(tokens(words))))  # each word held once across the index
        return event, self._row(event, superseded=superseded), terms

    def files(self, chronological: list[Event], groups: dict[str, dict[str, list[Event]]],
              facet_paths: dict[str, Callable[[str], str]], settings: dict) -> dict[str, Callable[[], bytes]]:
        """Return {site path: maker of its bytes} for every file of the index; the first maker called makes all."""
        count = len(chronological)
        chunks = (max(count, 1) + DOCS_PER_CHUNK - 1) // DOCS_PER_CHUNK
        buckets = bucket_count(count)
        paths = [f"search/docs-{k}.json" for k in range(chunks)] + [f"search/terms-{b}.json" for b in range(buckets)]
        paths += ["search/facets.json", "search/meta.json"]
        made: dict[str, bytes] = {}

        def make(path: str) -> bytes:
            if not made:
                made.update(self._make(chronological, groups, facet_paths, settings, chunks, buckets))
            return made[path]

        return {path: (lambda path=path: make(path)) for path in sorted(paths)}

    def _make(self, chronological, groups, facet_paths, settings, chunks: int, buckets: int) -> dict[str, bytes]:
        """Return the bytes of every file of the index."""
        entries = [self._entry(event) for event in chronological]
        layout = ([event.id for event in chronological], chunks, buckets)
        last = self._last
        if last is not None and last.layout == layout:
            made = last.update(entries)  # same events in the same order: an edit in place
        else:
            last = self._last = _Postings(layout, entries)
            made = last.files()
        if last.facets is None:
            position = {event.id: number for number, event in enumerate(chronological)}
            facets = {}
            for kind, values in groups.items():
                names = sorted(values, key=lambda v: (v.casefold(), v))
                facets[kind] = [[name, facet_paths[kind](name), gaps([position[e.id] for e in values[name]])]
                                for name in names]
            last.facets = _json(facets)
        made["search/facets.json"] = last.facets
        digest = {path: self._digest(path, data) for path, data in made.items()}
        years: list[list] = []
        for number, entry in enumerate(entries):
            if not years or years[-1][0] != entry[1][self._year]:
                years.append([entry[1][self._year], number])
        meta = {
            "version": 1, "count": len(entries), "chunk": DOCS_PER_CHUNK, "buckets": buckets, **settings,
            "columns": list(self.columns), "precisions": PRECISION_FLAGS,
            "docs": [digest[f"search/docs-{k}.json"] for k in range(chunks)],
            "terms": [digest[f"search/terms-{b}.json"] for b in range(buckets)],
            "facets": digest["search/facets.json"], "years": years,
        }
        made["search/meta.json"] = _json(meta)
        return made


class _Postings:
    """The documents and term postings of the last index made, so an edit in place re-encodes only what it touched.

    An edit that keeps every event at its place in time order (a new title, text, tags) changes
    one document row and a few terms; at 10,000 events re-encoding those few files instead of all
    of them is what lets the preview rewrite the index between two saves.
    """

    def __init__(self, layout: tuple[list[str], int, int], entries: list[tuple[Event, list, list[str]]]):
        self.layout = layout
        _, self.chunks, self.buckets = layout
        self.entries = entries
        postings: dict[str, list[int]] = {}
        for number, entry in enumerate(entries):
            for term in entry[2]:
                found = postings.get(term)
                if found is None:
                    postings[term] = [number]
                else:
                    found.append(number)
        self.split: list[dict[str, list[int]]] = [{} for _ in range(self.buckets)]
        for term, numbers in postings.items():
            self.split[bucket(term, self.buckets)][term] = numbers
        self.made: dict[str, bytes] = {}
        self.facets: bytes | None = None  # facets.json, made by the index while no event's facet values change

    def files(self) -> dict[str, bytes]:
        """Return the bytes of every documents and terms file."""
        return self._encode(range(self.chunks), range(self.buckets))

    def update(self, entries: list[tuple[Event, list, list[str]]]) -> dict[str, bytes]:
        """Return the bytes of every documents and terms file after replacing entries, re-encoding what changed."""
        chunks, buckets = set(), set()
        for number, (old, new) in enumerate(zip(self.entries, entries, strict=True)):
            if old is new:
                continue
            if old[1] != new[1]:
                chunks.add(number // DOCS_PER_CHUNK)
            if any(facet.values(old[0]) != facet.values(new[0]) for facet in FACETS):  # a status or thread too
                self.facets = None
            old_terms, new_terms = set(old[2]), set(new[2])
            for term in old_terms - new_terms:
                terms = self.split[bucket(term, self.buckets)]
                terms[term].remove(number)
                if not terms[term]:
                    del terms[term]
                buckets.add(bucket(term, self.buckets))
            for term in new_terms - old_terms:
                insort(self.split[bucket(term, self.buckets)].setdefault(term, []), number)
                buckets.add(bucket(term, self.buckets))
        self.entries = entries
        return self._encode(chunks, buckets)

    def _encode(self, chunks, buckets) -> dict[str, bytes]:
        """Return the bytes of every documents and terms file, encoding again those of the chunks and buckets given."""
        self.made.update({f"search/docs-{k}.json": self._docs(k) for k in chunks})
        self.made.update({f"search/terms-{b}.json": self._terms(b) for b in buckets})
        return dict(self.made)

    def _docs(self, chunk: int) -> bytes:
        """Return the bytes of one documents file."""
        return _json([e[1] for e in self.entries[chunk * DOCS_PER_CHUNK:(chunk + 1) * DOCS_PER_CHUNK]])

    def _terms(self, number: int) -> bytes:
        """Return the bytes of one terms file: its terms in sorted order, each with its gaps."""
        terms = self.split[number]
        return _json({term: gaps(terms[term]) for term in sorted(terms)})
