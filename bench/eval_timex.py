#!/usr/bin/env python3
"""How well timeline.authoring.timex finds and resolves dates, on openly licensed gold-annotated news.

Usage: .venv/bin/python bench/eval_timex.py [EVAL_DIR] [--errors] [--no-dateparser]

EVAL_DIR holds te3-platinum/ (TimeML documents) and, optionally, semeval2015-trial/; a folder
of .tml files alone works too. Without it, ../shared/eval beside the repository is used.

TempEval-3 Task A scoring of TIMEX3, over every type and with the document creation time
left out: strict extent F1 (same span), relaxed extent F1 (overlapping span) and value F1
(overlapping span and the same TIMEX3 value), precision counted over the expressions found
and recall over the gold ones. Matching is one to one: each gold expression pairs with at
most one found expression, the largest overlap first. dateparser.search_dates is scored the
same way for reference (its value at the period dateparser itself reports).

SemEval-2015 Task 4 trial timelines: for every event of a gold timeline that has a date, the
tagger reads the event's sentence with its document's creation date, and the event counts as
dated right when the expression nearest the event word names the gold date at the gold
precision ('2008-03-XX' is March 2008).
"""

from __future__ import annotations

import argparse
import datetime
import html
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timeline.authoring.timex import find_timexes  # noqa: E402

DEFAULT_EVAL = REPO.parent / "shared" / "eval"
# Published TempEval-3 Task A results of HeidelTime (UzZaman et al. 2013, table 3).
HEIDELTIME = {"strict": 81.34, "relaxed": 90.30, "value": 77.61}


# --- reading TimeML -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """A temporal expression as a scorer sees it: where it is, its type and its value."""

    start: int
    end: int
    value: str
    type: str = ""
    text: str = ""


@dataclass
class Document:
    """A TimeML document: its name, creation date, plain text and gold expressions."""

    name: str
    dct: datetime.date
    text: str
    gold: list[Span]


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")


def plain_text(markup: str) -> tuple[str, list[tuple[str, dict[str, str], int, int]]]:
    """Return the text of TimeML markup without tags, and (tag, attributes, start, end) of each element in it."""
    parts: list[str] = []
    length = 0
    open_elements: list[tuple[str, dict[str, str], int]] = []
    elements = []
    position = 0
    for match in _TAG.finditer(markup):
        piece = html.unescape(markup[position: match.start()])
        parts.append(piece)
        length += len(piece)
        position = match.end()
        closing, name, attributes, empty = match.groups()
        if closing:
            for index in range(len(open_elements) - 1, -1, -1):
                if open_elements[index][0] == name:
                    tag, attrs, start = open_elements.pop(index)
                    elements.append((tag, attrs, start, length))
                    break
        elif not empty:
            open_elements.append((name, dict(re.findall(r'(\w+)="([^"]*)"', attributes)), length))
    parts.append(html.unescape(markup[position:]))
    return "".join(parts), elements


def read_timeml(markup: str, name: str = "") -> Document:
    """Return the document of a TempEval-3 TimeML file: its <TEXT> and the TIMEX3 in it, the DCT apart."""
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", markup, re.DOTALL)
    if not dct:
        raise ValueError(f"{name}: no <DCT> with a day value")
    body = re.search(r"<TEXT>(.*)</TEXT>", markup, re.DOTALL)
    text, elements = plain_text(body.group(1) if body else markup)
    gold = [Span(start, end, attrs.get("value", ""), attrs.get("type", ""), text[start:end])
            for tag, attrs, start, end in elements
            if tag == "TIMEX3" and attrs.get("functionInDocument") != "CREATION_TIME"]
    return Document(name, datetime.date.fromisoformat(dct.group(1)), text, sorted(gold, key=lambda s: s.start))


# --- scoring ------------------------------------------------------------------------------------

@dataclass
class Counts:
    """Counts behind the TempEval-3 figures, summed over documents."""

    gold: int = 0
    found: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0

    def add(self, other: Counts) -> None:
        """Add another document's counts to these."""
        for name in ("gold", "found", "strict", "relaxed", "value"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self, kind: str) -> tuple[float, float, float]:
        """Return (precision, recall, F1) in percent for 'strict', 'relaxed' or 'value'."""
        correct = getattr(self, kind)
        precision = 100 * correct / self.found if self.found else 0.0
        recall = 100 * correct / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def pair(gold: list[Span], found: list[Span]) -> list[tuple[Span, Span]]:
    """Return one-to-one (gold, found) pairs of overlapping spans, the largest overlaps first."""
    overlaps = []
    for g in gold:
        for f in found:
            overlap = min(g.end, f.end) - max(g.start, f.start)
            if overlap > 0:
                overlaps.append((-overlap, g.start, f.start, g, f))
    used_gold, used_found, pairs = set(), set(), []
    for _, _, _, g, f in sorted(overlaps, key=lambda o: o[:3]):
        if id(g) in used_gold or id(f) in used_found:
            continue
        used_gold.add(id(g))
        used_found.add(id(f))
        pairs.append((g, f))
    return pairs


def score(gold: list[Span], found: list[Span]) -> Counts:
    """Return the TempEval-3 counts of found expressions against gold ones."""
    pairs = pair(gold, found)
    return Counts(
        gold=len(gold),
        found=len(found),
        strict=sum(g.start == f.start and g.end == f.end for g, f in pairs),
        relaxed=len(pairs),
        value=sum(g.value == f.value for g, f in pairs),
    )


# --- systems ------------------------------------------------------------------------------------

def tag_timex(document: Document) -> list[Span]:
    """Return what timeline.timex finds in a document."""
    return [Span(t.start, t.end, t.value, t.type, t.text) for t in find_timexes(document.text, document.dct)]


def tag_dateparser(document: Document) -> list[Span]:
    """Return what dateparser.search_dates finds, valued at the period dateparser reports."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = datetime.datetime.combine(document.dct, datetime.time(12))
    settings = {"RELATIVE_BASE": base, "RETURN_TIME_AS_PERIOD": True}
    found = search_dates(document.text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    spans, cursor = [], 0
    for words, when in found:
        start = document.text.find(words, cursor)
        if start < 0:
            start = document.text.find(words)
        if start < 0:
            continue
        cursor = start + len(words)
        period = parser.get_date_data(words).period or "day"
        value = {"year": f"{when:%Y}", "month": f"{when:%Y-%m}", "week": "{}-W{:02d}".format(*when.isocalendar()[:2]),
                 "time": f"{when:%Y-%m-%dT%H:%M}"}.get(period, f"{when:%Y-%m-%d}")
        spans.append(Span(start, cursor, value, "", words))
    return spans


# --- SemEval-2015 Task 4 ------------------------------------------------------------------------

@dataclass
class Sentence:
    """A sentence of a SemEval document: its text and where each event word starts."""

    text: str
    events: list[tuple[str, int]]


def read_semeval_document(markup: str) -> tuple[datetime.date, dict[str, Sentence]]:
    """Return the creation date and the sentences (by id) of a SemEval-2015 TimeML document."""
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", markup, re.DOTALL)
    sentences = {}
    for match in re.finditer(r'<s id="(\d+)">(.*?)</s>', markup, re.DOTALL):
        text, elements = plain_text(match.group(2))
        events = [(text[start:end], start) for tag, _, start, end in elements if tag == "EVENT"]
        sentences[match.group(1)] = Sentence(text, sorted(events, key=lambda e: e[1]))
    return datetime.date.fromisoformat(dct.group(1)), sentences


def gold_precision_date(date: str) -> str | None:
    """Return a SemEval timeline date as ISO text at its precision ('2008-03-XX' -> '2008-03'), None if undated."""
    parts = [part for part in date.split("-") if part and "X" not in part]
    return "-".join(parts) if parts else None


def semeval_share(folder: Path) -> dict[str, int]:
    """Return how many dated timeline events the tagger dates right from their sentence, and why the others fail."""
    documents = {}
    for path in sorted((folder / "documents").glob("*.tml")):
        documents[re.match(r"\d+", path.name).group(0)] = read_semeval_document(path.read_text(encoding="utf-8"))
    counts = {"dated events": 0, "right": 0, "no date in sentence": 0, "wrong date": 0, "document missing": 0}
    for timeline in sorted((folder / "timelines").glob("*.txt")):
        for line in timeline.read_text(encoding="utf-8").splitlines():
            columns = line.split("\t")
            if len(columns) < 3:
                continue  # the timeline's title line
            wanted = gold_precision_date(columns[1])
            if wanted is None:
                continue
            for mention in columns[2:]:
                if mention.split("-", 1)[0] not in documents:
                    counts["document missing"] += 1  # the trial timelines cite one document not shipped with them
                    continue
                counts["dated events"] += 1
                outcome = _date_event(documents, mention.strip(), wanted)
                counts[outcome] += 1
    return counts


def _date_event(documents: dict, mention: str, wanted: str) -> str:
    """Return 'right', 'wrong date' or 'no date in sentence' for one timeline event."""
    document_id, sentence_id, word = mention.split("-", 2)
    dct, sentences = documents[document_id]
    sentence = sentences[sentence_id]
    position = next((start for text, start in sentence.events if text == word), None)
    if position is None:
        first_word = word.split("_")[0]  # "took_off" is the event of "took six months off"
        found = re.search(rf"(?<!\S){re.escape(first_word)}(?!\S)", sentence.text)
        position = found.start() if found else 0
    dated = [t for t in find_timexes(sentence.text, dct) if t.date is not None]
    if not dated:
        return "no date in sentence"
    nearest = min(dated, key=lambda t: min(abs(t.start - position), abs(t.end - position)))
    return "right" if nearest.date.iso() == wanted else "wrong date"


# --- the report ---------------------------------------------------------------------------------

def evaluate(documents: list[Document], tagger) -> tuple[Counts, dict[str, list[Span]]]:
    """Return the summed counts of a tagger over documents, and what it found in each."""
    total, found = Counts(), {}
    for document in documents:
        found[document.name] = tagger(document)
        total.add(score(document.gold, found[document.name]))
    return total, found


def row(name: str, counts: Counts) -> str:
    """Return a table row of the three figures, each as P/R/F1."""
    cells = ["{:5.1f} {:5.1f} {:5.1f}".format(*counts.scores(kind)) for kind in ("strict", "relaxed", "value")]
    return f"{name:<22} " + "   ".join(cells)


def print_errors(documents: list[Document], found: dict[str, list[Span]]) -> None:
    """Print, per document, missed, spurious, wrongly valued and wrongly bounded expressions."""
    for document in documents:
        pairs = pair(document.gold, found[document.name])
        paired_gold = {id(g) for g, _ in pairs}
        paired_found = {id(f) for _, f in pairs}
        lines = []
        for g in document.gold:
            if id(g) not in paired_gold:
                lines.append(f"  missed   {g.text!r} {g.type} {g.value}  …{_context(document.text, g)}…")
        for f in found[document.name]:
            if id(f) not in paired_found:
                lines.append(f"  spurious {f.text!r} {f.type} {f.value}  …{_context(document.text, f)}…")
        for g, f in pairs:
            if g.value != f.value:
                lines.append(f"  value    {g.text!r} gold {g.type} {g.value}, found {f.text!r} {f.type} {f.value}"
                             f"  …{_context(document.text, g)}…")
            elif (g.start, g.end) != (f.start, f.end):
                lines.append(f"  extent   gold {g.text!r}, found {f.text!r}")
        if lines:
            print(f"{document.name} (DCT {document.dct})")
            print("\n".join(lines))


def _context(text: str, span: Span, width: int = 50) -> str:
    """Return the text around a span on one line."""
    return " ".join(text[max(0, span.start - width): span.end + width].split())


def speed(documents: list[Document], rounds: int = 5) -> tuple[float, float, float]:
    """Return (documents per second, mean words per document, ms per 1,000 words), warm."""
    for document in documents:
        find_timexes(document.text, document.dct)
    words = sum(len(d.text.split()) for d in documents)
    began = time.perf_counter()
    for _ in range(rounds):
        for document in documents:
            find_timexes(document.text, document.dct)
    elapsed = (time.perf_counter() - began) / rounds
    return len(documents) / elapsed, words / len(documents), 1000 * elapsed / words * 1000


def _percent(part: int, whole: int) -> str:
    """Return part of whole as a percentage ('22.1%')."""
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def te3_folder(path: Path) -> Path:
    """Return the folder of TempEval-3 .tml files in or at path."""
    return path / "te3-platinum" if (path / "te3-platinum").is_dir() else path


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation table; return 0, or 2 when the data is missing."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=DEFAULT_EVAL,
                        help="folder with te3-platinum/ (and semeval2015-trial/), or a folder of .tml files")
    parser.add_argument("--errors", action="store_true", help="list every miss, spurious find and wrong value")
    parser.add_argument("--no-dateparser", action="store_true", help="skip the dateparser reference (slow)")
    args = parser.parse_args(argv)
    folder = te3_folder(args.eval_dir)
    paths = sorted(folder.glob("*.tml"))
    if not paths:
        print(f"no .tml files in {folder}; give the folder holding te3-platinum/ as an argument", file=sys.stderr)
        return 2
    documents = [read_timeml(path.read_text(encoding="utf-8"), path.stem) for path in paths]
    gold = sum(len(d.gold) for d in documents)
    ours, found = evaluate(documents, tag_timex)
    print(f"TempEval-3 Task A on {folder.name}: {len(documents)} documents, {gold} gold TIMEX3 (DCT excluded)")
    print(f"{'':<22} {'strict P/R/F1':^17}   {'relaxed P/R/F1':^17}   {'value P/R/F1':^17}")
    print(row("timeline.timex", ours))
    if not args.no_dateparser:
        import dateparser

        theirs, _ = evaluate(documents, tag_dateparser)
        print(row(f"dateparser {dateparser.__version__}", theirs))
    print(f"{'HeidelTime (published)':<22}        {HEIDELTIME['strict']:5.1f}         {HEIDELTIME['relaxed']:5.1f}"
          f"         {HEIDELTIME['value']:5.1f}   (F1 only)")
    semeval = args.eval_dir / "semeval2015-trial"
    if (semeval / "timelines").is_dir():
        counts = semeval_share(semeval)
        dated = counts["dated events"]
        with_date = dated - counts["no date in sentence"]
        print(f"\nSemEval-2015 Task 4 trial timelines: {counts['right']} of {dated} dated events "
              f"({_percent(counts['right'], dated)}) get the gold date at the gold precision from the expression "
              f"nearest them in their sentence;\n{with_date} of the {dated} sentences name a date, and for "
              f"{_percent(counts['right'], with_date)} of those the nearest is the gold one "
              f"({counts['wrong date']} name another; {counts['document missing']} event of a document missing "
              "from the trial set left out)")
    else:
        print(f"\nSemEval-2015 Task 4 trial: skipped ({semeval} not found)")
    per_second, words, per_thousand = speed(documents)
    print(f"\nSpeed (warm): {per_second:.0f} articles/s on these documents (mean {words:.0f} words), "
          f"{per_thousand:.1f} ms per 1,000 words")
    if args.errors:
        print()
        print_errors(documents, found)
    return 0


if __name__ == "__main__":
    sys.exit(main())
