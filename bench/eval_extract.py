#!/usr/bin/env python3
"""How right `extract` is on news it was not written from: the labelled excerpts of bench/extract_dev/.

Usage: .venv/bin/python bench/eval_extract.py [--split dev|held|all] [--errors] [--check] [DIR]

Each excerpt is read as `extract` reads a text file (its headline, then its text), published on
its `published` day, and every event found is scored against the labelled ones: an event is right
when one of its sentences is a labelled event's sentence (or holds it, or is held by it: sentence
splitters differ) and its date (and end, for a range) is the labelled one at the same precision.
It prints precision, recall and F1, how often the date is right where the sentence is, recall by
kind of expression, and the false proposals by cause. --split held reports on the held-back
third (see the set's README), dev on the part rules may be tuned on. --check only validates the
files. A benchmark: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from timeline.authoring.article import Article  # noqa: E402  (after the path is set)
from timeline.authoring.dated_events import find_events  # noqa: E402
from timeline.model.dates import DateError, parse_date  # noqa: E402

SET = HERE / "extract_dev"
KINDS = ("explicit", "relative", "anchored", "future", "range", "holiday", "headline", "bare-day", "vague")
FIELDS = ("id", "url", "source", "licence", "beat", "published", "headline", "text", "events")


def held_back(excerpt_id: str) -> bool:
    """Return whether an excerpt is in the held-back third: its id's SHA-256 starts with a hex digit below 5."""
    return hashlib.sha256(excerpt_id.encode()).hexdigest()[0] < "5"


def normal(text: str) -> str:
    """Return text with its white space and quotes made uniform, for comparing sentences."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).strip(" .")


def same_sentence(found: str, labelled: str) -> bool:
    """Return whether a found sentence is the labelled one, or holds it, or is held by it, in any case (an
    all-capitals headline is quoted in title case)."""
    found, labelled = normal(found).casefold(), normal(labelled).casefold()
    return bool(found and labelled) and (found == labelled or labelled in found or found in labelled)


def problems_of(path: Path, excerpt: dict) -> list[str]:
    """Return what is wrong with an excerpt's file ([] when it is well formed)."""
    problems = [f"{path.name}: no {name!r}" for name in FIELDS if not excerpt.get(name) and name != "events"]
    if problems:
        return problems
    if path.stem != excerpt["id"]:
        problems.append(f"{path.name}: its id is {excerpt['id']!r}; name the file {excerpt['id']}.json")
    whole = normal(excerpt["headline"] + " " + excerpt["text"])
    for number, event in enumerate(excerpt["events"], 1):
        where = f"{path.name}: event {number}"
        if normal(event.get("sentence", "")) not in whole:
            problems.append(f"{where}: its sentence is not in the headline or text: {event.get('sentence')!r}")
        for name in ("date", "end"):
            if event.get(name):
                try:
                    parse_date(event[name])
                except DateError as error:
                    problems.append(f"{where}: {name}: {error}")
        if not event.get("date"):
            problems.append(f"{where}: no date")
        unknown = set(event.get("kinds", [])) - set(KINDS)
        if unknown or not event.get("kinds"):
            problems.append(f"{where}: kinds must be some of {', '.join(KINDS)}; found {event.get('kinds')}")
    return problems


def found_events(excerpt: dict) -> list:
    """Return what extract finds in an excerpt, read as a text file with its headline first."""
    article = Article(text=f"{excerpt['headline']}\n\n{excerpt['text']}", title=excerpt["headline"],
                      publisher=excerpt["source"], published=parse_date(excerpt["published"]))
    return find_events(article)


def score(excerpts: list[dict], errors: bool, propose=found_events) -> dict:
    """Return the counts of one run of propose over excerpts, printing every miss and false proposal with
    errors."""
    counts = Counter()
    kinds_total, kinds_right = Counter(), Counter()
    for excerpt in excerpts:
        labelled = excerpt["events"]
        taken: dict[int, bool] = {}  # labelled event -> whether its date was found right
        for event in propose(excerpt):
            counts["proposed"] += 1
            end = event.end.iso() if getattr(event, "end", None) else None
            match = next((i for i, gold in enumerate(labelled) if i not in taken
                          and any(same_sentence(s, gold["sentence"]) for s in event.sentences)), None)
            if match is None:
                counts["false: no labelled event in its sentence"] += 1
                if errors:
                    print(f"  FALSE {excerpt['id']}: {event.date.iso()} {event.evidence} in {event.quote[:120]!r}")
                continue
            gold = labelled[match]
            taken[match] = event.date.iso() == gold["date"] and end == gold.get("end")
            counts["sentence right"] += 1
            counts["right" if taken[match] else "false: wrong date"] += 1
            if errors and not taken[match]:
                print(f"  DATE  {excerpt['id']}: {event.date.iso()}..{end} for {gold['date']}..{gold.get('end')} "
                      f"({', '.join(gold['kinds'])}) by {event.evidence} in {gold['sentence'][:100]!r}")
        for number, gold in enumerate(labelled):
            counts["labelled"] += 1
            for kind in gold["kinds"]:
                kinds_total[kind] += 1
                kinds_right[kind] += taken.get(number, False)
            if errors and number not in taken:
                print(f"  MISS  {excerpt['id']}: {gold['date']} ({', '.join(gold['kinds'])}) "
                      f"{gold['sentence'][:120]!r}")
    return {"counts": counts, "kinds": (kinds_total, kinds_right)}


def report(name: str, excerpts: list[dict], result: dict, seconds: float | None) -> None:
    """Print one run's figures (its speed, when timed)."""
    counts = result["counts"]
    proposed, labelled, right = counts["proposed"], counts["labelled"], counts["right"]
    precision = right / proposed if proposed else 0.0
    recall = right / labelled if labelled else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    dates = right / counts["sentence right"] if counts["sentence right"] else 0.0
    print(f"{name}: {len(excerpts)} excerpts, {labelled} labelled events, {proposed} proposed")
    speed = f"  ({seconds / max(len(excerpts), 1) * 1000:.0f} ms an excerpt)" if seconds is not None else ""
    print(f"  precision {precision:.2f}  recall {recall:.2f}  F1 {f1:.2f}  "
          f"date right where the sentence is: {dates:.1%}{speed}")
    total, kind_right = result["kinds"]
    print("  recall by kind: " + ", ".join(f"{kind} {kind_right[kind]}/{total[kind]}"
                                             for kind in KINDS if total[kind]))
    false = {cause: n for cause, n in counts.items() if cause.startswith("false")}
    print("  false proposals: " + (", ".join(f"{cause[7:]} {n}" for cause, n in false.items()) or "none"))


def main(argv: list[str]) -> int:
    """Check or score the set; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=SET)
    parser.add_argument("--split", choices=("dev", "held", "all"), default="held")
    parser.add_argument("--errors", action="store_true", help="print every wrong date and false proposal")
    parser.add_argument("--check", action="store_true", help="only check that the files are well formed")
    args = parser.parse_args(argv)
    paths = sorted(args.folder.glob("*.json"))
    excerpts, problems = [], []
    for path in paths:
        excerpt = json.loads(path.read_text(encoding="utf-8"))
        problems += problems_of(path, excerpt)
        excerpts.append(excerpt)
    for problem in problems:
        print(problem)
    if args.check or problems:
        held = sum(held_back(e["id"]) for e in excerpts)
        print(f"{len(excerpts)} excerpts ({held} held back), {sum(len(e['events']) for e in excerpts)} events, "
              f"{len(problems)} problems; beats: {dict(Counter(e['beat'] for e in excerpts))}")
        return 1 if problems else 0
    chosen = [e for e in excerpts if args.split == "all" or held_back(e["id"]) == (args.split == "held")]
    started = time.perf_counter()
    result = score(chosen, args.errors)
    report(f"{args.split} split", chosen, result, time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
