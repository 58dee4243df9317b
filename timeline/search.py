"""The search and filter index: small JSON files that static/timeline.js reads on demand.

Chosen over Pagefind after timing both at 10,000 events (bench/search_speed.py): a reader's
first search loads only the term bucket of each word typed and the documents it shows, no
WebAssembly (so the pages' Content-Security-Policy stays as strict as it is), and the index
is rebuilt from cached pieces in a fraction of a second, where Pagefind re-reads every page.

Files, under search/ (documents are numbered in time order, oldest first):

- meta.json: counts, the bucket count, and a digest of every other file (fetched with ?v=digest,
  so a browser never mixes files of two builds);
- docs-K.json: the rows of documents K*CHUNK .. (K+1)*CHUNK-1, each
  [id, title, date text, year key, year label, month key, month label, place, [tags], [actors],
  flags, [publishers]], where flags is the precision's initial, "a" for an approximate date and "s"
  for an event resting on a single source;
- terms-B.json: {term: [document numbers, each given as the gap from the one before]} for the
  terms whose first two letters hash to bucket B (see bucket());
- facets.json: {"tag"|"actor"|"location": [[value, site path, [gaps]], ...]} sorted by value.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable

from .i18n import tokens
from .model import Event

DOCS_PER_CHUNK = 500
TERMS_PER_BUCKET = 150  # documents per term bucket, roughly: small sites get one bucket
MAX_BUCKETS = 64
_TAG = re.compile(r"<[^>]+>")


def bucket_count(documents: int) -> int:
    """Return how many term buckets an index of that many documents is split into."""
    return max(1, min(MAX_BUCKETS, documents // TERMS_PER_BUCKET))


def bucket(term: str, buckets: int) -> int:
    """Return the bucket of a term: a hash of its first two characters (static/timeline.js does the same)."""
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

    def __init__(self, row: Callable[[Event], list], text: Callable[[Event], str]):
        self._row = row
        self._text = text
        self._cache: dict[str, tuple[Event, list, list[str]]] = {}

    def forget(self, keep: set[str]) -> None:
        """Drop what is cached for events no longer on the site."""
        for event_id in set(self._cache) - keep:
            del self._cache[event_id]

    def clear(self) -> None:
        """Drop everything cached (a full build)."""
        self._cache.clear()

    def _entry(self, event: Event) -> tuple[Event, list, list[str]]:
        cached = self._cache.get(event.id)
        if cached is None or cached[0] is not event and cached[0] != event:
            words = " ".join([event.title, html.unescape(_TAG.sub(" ", self._text(event))), " ".join(event.actors),
                              event.location, " ".join(event.tags)])
            terms = sorted(set(tokens(words)))
            cached = (event, self._row(event), terms)
            self._cache[event.id] = cached
        return cached

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
        made: dict[str, bytes] = {}
        for k in range(chunks):
            made[f"search/docs-{k}.json"] = _json([e[1] for e in entries[k * DOCS_PER_CHUNK:(k + 1) * DOCS_PER_CHUNK]])
        postings: dict[str, list[int]] = {}
        for number, entry in enumerate(entries):
            for term in entry[2]:
                found = postings.get(term)
                if found is None:
                    postings[term] = [number]
                else:
                    found.append(number)
        split: list[dict[str, list[int]]] = [{} for _ in range(buckets)]
        for term in sorted(postings):
            split[bucket(term, buckets)][term] = gaps(postings[term])
        for number, terms in enumerate(split):
            made[f"search/terms-{number}.json"] = _json(terms)
        position = {event.id: number for number, event in enumerate(chronological)}
        facets = {}
        for kind, values in groups.items():
            names = sorted(values, key=lambda v: (v.casefold(), v))
            facets[kind] = [[name, facet_paths[kind](name), gaps([position[e.id] for e in values[name]])]
                            for name in names]
        made["search/facets.json"] = _json(facets)
        digest = {path: hashlib.sha256(data).hexdigest()[:10] for path, data in made.items()}
        meta = {
            "version": 1, "count": len(entries), "chunk": DOCS_PER_CHUNK, "buckets": buckets, **settings,
            "docs": [digest[f"search/docs-{k}.json"] for k in range(chunks)],
            "terms": [digest[f"search/terms-{b}.json"] for b in range(buckets)],
            "facets": digest["search/facets.json"],
        }
        made["search/meta.json"] = _json(meta)
        return made
