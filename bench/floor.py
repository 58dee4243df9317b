#!/usr/bin/env python3
"""The least a Python build of N events can cost here: a floor to set our cold build beside.

Usage: .venv/bin/python bench/floor.py EVENTS_DIR [--workers K]

Over the event files of EVENTS_DIR (bench/gen_events.py makes them), K processes (default: the
machine's cores) each read their share, parse the front matter with libyaml, and then, in three
passes timed apart: write one page per event holding only its escaped title and text; the same
after Python-Markdown converts the text (our named dependency, with no extensions); and the same
with the page made by a one-line Jinja2 template. No validation, dates, lists, feeds, search or
sanitising: what a real build adds on top is ours to account for, this floor is not. Pages go to
a fresh temporary folder each pass, all deleted at the end (ext4 here makes files slowly
just after many were deleted, which would slow the pass after). A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

PASSES = ("read + YAML + write", "… + Python-Markdown", "… + Jinja2 page")


def _front_matter_and_text(path: Path):
    """Return (front matter dict, Markdown text) of one event file."""
    import yaml

    _, front, text = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), text


def _write_pages(job: tuple[int, list[str], str]) -> int:
    """Return how many pages one worker wrote for its share of the files, in the given pass."""
    level, names, out = job
    import jinja2
    import markdown
    import markupsafe

    converter = markdown.Markdown()
    page = jinja2.Environment(autoescape=True).from_string(
        "<!doctype html><title>{{ title }}</title><h1>{{ title }}</h1>{{ body }}")
    for name in names:
        meta, text = _front_matter_and_text(Path(name))
        title = str(meta.get("title", ""))
        body = converter.reset().convert(text) if level >= 1 else html.escape(text)
        if level >= 2:
            document = page.render(title=title, body=markupsafe.Markup(body))
        else:
            document = f"<!doctype html><title>{html.escape(title)}</title><h1>{html.escape(title)}</h1>{body}"
        folder = Path(out) / Path(name).stem
        folder.mkdir()
        (folder / "index.html").write_text(document, encoding="utf-8")
    return len(names)


def main(argv: list[str]) -> int:
    """Time the three passes over the events and print their wall seconds; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", type=Path)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    names = sorted(str(path) for path in args.events.glob("*.md"))
    if not names:
        print(f"floor.py: no .md files in {args.events}", file=sys.stderr)
        return 1
    shares = [names[index::args.workers] for index in range(args.workers)]
    print(f"{len(names)} events, {args.workers} processes")
    outs = []
    for level, label in enumerate(PASSES):
        out = tempfile.mkdtemp(prefix="floor-")
        outs.append(out)
        started = time.perf_counter()
        with Pool(args.workers) as pool:
            written = sum(pool.map(_write_pages, [(level, share, out) for share in shares]))
        wall = time.perf_counter() - started
        per_page = wall / written * 1000 * args.workers
        print(f"  {label:<22} {wall:6.2f} s  ({written} pages, {per_page:.2f} ms of a core each)")
    for out in outs:
        shutil.rmtree(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
