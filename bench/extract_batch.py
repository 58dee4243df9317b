#!/usr/bin/env python3
"""How long extract takes: one article cold, and a batch of saved pages in one run.

Usage: .venv/bin/python bench/extract_batch.py [--pages 50]

The pages are the excerpts of bench/extract_dev/ written as saved HTML pages (headline, publisher
and publication date in their metadata, as news sites give them), repeated to make up the number
asked for. Each figure is the wall time of a new `build.py extract` process, imports included,
median of three. A benchmark: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEED = REPO / "tests" / "data" / "wion-2024-11-07-rutte-russia-north-korea.html"


def saved_page(excerpt: dict) -> str:
    """Return an excerpt as a saved news page."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in excerpt["text"].split("\n\n"))
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(excerpt["headline"])}</title>\n'
            f'<meta property="og:site_name" content="{html.escape(excerpt["source"])}">\n'
            f'<meta property="og:title" content="{html.escape(excerpt["headline"])}">\n'
            f'<meta property="article:published_time" content="{excerpt["published"]}T12:00:00Z"></head>\n'
            f'<body><article><h1>{html.escape(excerpt["headline"])}</h1>\n{paragraphs}</article></body></html>\n')


def timed(command: list[str]) -> float:
    """Return the wall seconds of a command, median of three runs."""
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main(argv: list[str]) -> int:
    """Time extract on one page and on a batch; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args(argv)
    excerpts = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((HERE / "extract_dev").glob("*.json"))]
    pages = [saved_page(e) for e in excerpts] or [SEED.read_text(encoding="utf-8")]
    python, build = sys.executable, str(REPO / "build.py")
    with tempfile.TemporaryDirectory() as work:
        project, folder = Path(work) / "project", Path(work) / "pages"
        (project / "events").mkdir(parents=True)
        folder.mkdir()
        for number in range(args.pages):
            (folder / f"page-{number:03d}.html").write_text(pages[number % len(pages)], encoding="utf-8")
        one = timed([python, build, "extract", str(SEED), "--root", str(project)])
        many = timed([python, build, "extract", str(folder), "--root", str(project)])
    print(f"one saved page, cold:  {one:.2f} s")
    print(f"{args.pages} saved pages in one run: {many:.2f} s ({many / args.pages * 1000:.0f} ms a page)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
