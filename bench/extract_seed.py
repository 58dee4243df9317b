#!/usr/bin/env python3
"""extract on the seed article: the events it finds against the hand-checked answer, and its speed.

Usage: .venv/bin/python bench/extract_seed.py

Prints the seed article's drafts beside tests/data/*.expected.json, the cold time of one
`build.py extract` run (a new process, imports included), and the warm rate in articles per
second (find_events on the seed and the TempEval-3 stories kept in tests/data/te3).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timeline.authoring.article import Article, read_source  # noqa: E402
from timeline.authoring.dated_events import find_events  # noqa: E402
from timeline.model.dates import parse_date  # noqa: E402

DATA = REPO / "tests" / "data"
SEED = DATA / "wion-2024-11-07-rutte-russia-north-korea.txt"


def main() -> int:
    """Print the figures."""
    expected = json.loads((DATA / "wion-2024-11-07-rutte-russia-north-korea.expected.json").read_text())
    article = read_source(str(SEED))
    drafts = find_events(article)
    found = sorted((d.date.iso(), d.date.precision) for d in drafts)
    wanted = sorted((e["date"], e["precision"]) for e in expected["events"])
    print(f"seed article: {len(drafts)} events found, {len(wanted)} expected; "
          f"{'exactly the expected ones' if found == wanted else f'found {found}, expected {wanted}'}")
    with tempfile.TemporaryDirectory() as project:
        (Path(project) / "events").mkdir()
        started = time.perf_counter()
        subprocess.run([sys.executable, str(REPO / "build.py"), "extract", str(SEED), "--publisher", "WION",
                        "--root", project], check=True, capture_output=True)
        print(f"cold start, one article (new process, imports included): {time.perf_counter() - started:.2f} s")
    stories = [article]
    for path in sorted((DATA / "te3").glob("*.tml")):
        xml = path.read_text()
        dct = re.search(r'<DCT>.*?value="([^"]+)"', xml, re.S).group(1)[:10]
        text = re.sub(r"<[^>]+>", "", xml.split("<TEXT>")[1].split("</TEXT>")[0])
        stories.append(Article(text=text, title=path.stem, published=parse_date(dct)))
    started, rounds = time.perf_counter(), 10
    for _ in range(rounds):
        for story in stories:
            find_events(story)
    rate = rounds * len(stories) / (time.perf_counter() - started)
    print(f"warm: {rate:.0f} articles a second ({len(stories)} stories, {rounds} rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
