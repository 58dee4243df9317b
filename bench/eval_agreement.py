#!/usr/bin/env python3
"""How far two labellers agree on the excerpts: a second labelling scored as extract is scored.

Usage: .venv/bin/python bench/eval_agreement.py [--errors]

A second labeller, who saw neither the set's labels nor extract's output, labelled the excerpts of
bench/extract_dev/ again by the same README; bench/extract_agreement/ holds
those labels (one file per excerpt: its id and its events). This scores the second labelling against the set's
labels exactly as bench/eval_extract.py scores extract, and extract beside it on the same excerpts:
the second labeller's figures are the most a tool can be expected to reach against one labelling.
A benchmark: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from eval_extract import SET, held_back, report, score  # noqa: E402  (after the path is set)

from timeline.model.dates import EventDate, parse_date  # noqa: E402

SECOND = HERE / "extract_agreement"


@dataclass
class Labelled:
    """One event of the second labelling, shaped as extract's events are for scoring."""

    date: EventDate
    end: EventDate | None
    sentences: list[str]
    evidence: list[str]
    quote: str


def second_labels(excerpt: dict, seconds: dict[str, list[dict]]) -> list[Labelled]:
    """Return the second labeller's events for an excerpt."""
    return [Labelled(parse_date(event["date"]), parse_date(event["end"]) if event.get("end") else None,
                     [event["sentence"]], [], event["sentence"]) for event in seconds[excerpt["id"]]]


def main(argv: list[str]) -> int:
    """Score the second labelling and extract on the excerpts it covers; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="print every disagreement")
    args = parser.parse_args(argv)
    seconds = {}
    for path in sorted(SECOND.glob("*.json")):
        labelling = json.loads(path.read_text(encoding="utf-8"))
        seconds[labelling["id"]] = labelling["events"]
    excerpts = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(SET.glob("*.json"))]
    for split, held in (("dev", False), ("held", True)):
        part = [e for e in excerpts if held_back(e["id"]) == held]
        covered = [e for e in part if e["id"] in seconds]
        print(f"{split}: {len(covered)} of the {len(part)} excerpts labelled a second time")
        report("  second labeller", covered, score(covered, args.errors, lambda e: second_labels(e, seconds)), None)
        started = time.perf_counter()
        report("  extract", covered, score(covered, False), time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
