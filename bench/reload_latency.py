#!/usr/bin/env python3
"""Edit-to-reload latency of `build.py serve`: file saved -> open browser page reloaded.

Usage: .venv/bin/python bench/reload_latency.py [N ...] [--runs K] [--pauses S,S]

For each N (default 1000 and 10000) it generates N synthetic events with
bench/gen_events.py into a temporary project (never into events/), starts
`build.py serve` on a free port, opens an event page in Debian's Chromium
(/usr/bin/chromium, driven by Playwright), then K times rewrites that event's
title and times how long it takes from the file's save until the reloaded page,
showing the new title, has loaded (its DOMContentLoaded, by the browser's clock).
Each pause (default 1.0 and 0.3 s) is the time between a reloaded page and the next
save: a person reading the page, and someone saving again and again. The preview
rewrites the exports (feeds, search index) once saves pause, so rapid saves can meet
that work. It prints min / median / max in milliseconds. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def make_project(count: int, folder: Path) -> Path:
    """Return a project folder with count generated events and the repository's templates."""
    shutil.copytree(REPO / "templates", folder / "templates")
    shutil.copy(REPO / "timeline.toml", folder / "timeline.toml")
    subprocess.run([sys.executable, str(HERE / "gen_events.py"), str(count), str(folder / "events")], check=True)
    return folder


def start_server(root: Path) -> tuple[subprocess.Popen, str]:
    """Start `build.py serve` on a free port; return the process and the site's URL."""
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", "0"],
        stderr=subprocess.PIPE, text=True,
    )
    while True:
        line = process.stderr.readline()
        if not line:
            raise SystemExit("the server stopped before serving")
        if line.startswith("Serving the timeline at "):
            return process, line.split()[4]


def measure(count: int, runs: int, pauses: list[float]) -> dict[float, list[float]]:
    """Return the edit-to-reload latencies in milliseconds for a site of count events."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary:
        started = time.perf_counter()
        root = make_project(count, Path(temporary))
        event_file = sorted((root / "events").glob("*.md"))[count // 2]
        process, url = start_server(root)
        print(f"  n={count}: project and first build ready in {time.perf_counter() - started:.1f} s", flush=True)
        latencies: dict[float, list[float]] = {pause: [] for pause in pauses}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(f"{url}{event_file.stem}/")
                original = event_file.read_text(encoding="utf-8")
                for pause in pauses:
                    for run in range(runs):
                        page.wait_for_selector("html[data-live-reload=connected]", state="attached")
                        time.sleep(pause)
                        marker = f"Edited title {pause} {run}"
                        text = original.replace("title: ", f"title: \"{marker}\" #", 1)
                        saved = time.time()
                        event_file.write_text(text, encoding="utf-8")
                        page.wait_for_function(f"() => document.title.startsWith({marker!r})", timeout=30000)
                        # When the reloaded page was ready, by the browser's own clock (same system clock):
                        # this leaves out how often the harness polls the page.
                        shown = page.evaluate("() => performance.timeOrigin + "
                                              "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
                        latencies[pause].append(shown - saved * 1000)
                browser.close()
        finally:
            process.terminate()
            process.wait()
    return latencies


def main(argv: list[str]) -> int:
    """Run the benchmark; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pauses", default="1.0,0.3", help="seconds between a reload and the next save")
    args = parser.parse_args(argv)
    pauses = [float(value) for value in args.pauses.split(",")]
    print("edit-to-reload latency (file saved -> page shows the edit), ms")
    rows = []
    for count in args.sizes:
        for pause, values in measure(count, args.runs, pauses).items():
            rows.append((count, pause, min(values), statistics.median(values), max(values)))
    print(f"{'events':>8} {'pause s':>8} {'min':>8} {'median':>8} {'max':>8}")
    for count, pause, low, middle, high in rows:
        print(f"{count:>8} {pause:>8.1f} {low:>8.0f} {middle:>8.0f} {high:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
