#!/usr/bin/env python3
"""What a reader gets: first-page weight, Lighthouse scores, and search speed (ours beside Pagefind).

Usage: .venv/bin/python bench/reader.py [--weight 1000 10000 100000] [--lighthouse seed 10000]
                                        [--search 10000] [--pagefind]

A size written N-pictures (--weight 1000-pictures --lighthouse 1000-pictures) is N events each with
its own picture (gen_events.py --pictures N: 2000 x 1333 JPEGs in media/).

Every site is generated with bench/gen_events.py into bench/scratch/ (git-ignored) and built with
build.py. A benchmark, not a test; it prints its figures.

- weight: the bytes the first page a reader opens (the home page) makes the browser load, every
  request as the browser makes it (HTML, CSS, JS, icon; the search files load only when used),
  raw and gzip-compressed (level 6, what static hosts such as GitHub Pages serve), in Playwright's
  default 1280 x 720 window; pictures are lazy, so what counts is the files the browser chose and
  loaded (those near the window), told apart in the line.
- lighthouse: npm's lighthouse (package.json) with Debian's Chromium, its default mobile settings
  (simulated slow 4G and CPU): performance, accessibility, best practices and SEO of the home page,
  an event page and a tag page, with the bytes Lighthouse counted (total-byte-weight).
- search: time from typing a query into the finder to the results on screen, in a fresh browser
  (nothing cached), and the bytes fetched; with --pagefind also Pagefind 1.5 (pip `pagefind[bin]`,
  requirements-dev.txt) over the same site: its index built by `python -m pagefind`, and its JS API
  timed from the query to the first 50 results' data (what our finder shows at once).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import shutil
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "scratch"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
QUERIES = ["treaty", "moscow summit", "sanctions oil", "gorbachev"]


def project(size: str) -> Path:
    """Return a built project of generated events (or the seed events), made once and rebuilt when stale."""
    root = WORK / f"reader-{size}"
    if not root.exists():
        root.mkdir(parents=True)
        if size == "seed":
            shutil.copytree(REPO / "events", root / "events")
        else:
            count, _, pictures = size.partition("-")
            subprocess.run([sys.executable, str(HERE / "gen_events.py"), count, str(root / "events")]
                           + (["--pictures", count] if pictures == "pictures" else []), check=True)
    if (root / "templates").exists():
        shutil.rmtree(root / "templates")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy(REPO / "timeline.toml", root / "timeline.toml")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(root)],
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stderr)
    print(f"  built {size}: {result.stderr.strip()} ({time.perf_counter() - started:.1f} s)", flush=True)
    return root


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    """Serve a folder on 127.0.0.1 on a free port; return (server, base URL)."""
    handler = functools.partial(Quiet, directory=str(site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def first_page_weight(site: Path) -> tuple[int, int, int, int, int]:
    """Return (requests, raw bytes, gzip bytes) of everything the home page loads, and (requests, bytes) of the
    pictures among them."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    paths = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.on("request", lambda request: paths.append(urlsplit(request.url).path))
            page.goto(base, wait_until="networkidle")
            browser.close()
    finally:
        server.shutdown()
    raw = compressed = 0
    pictures = [path for path in paths if path.startswith("/media/")]
    for path in paths:
        file = site / (path.lstrip("/") or "index.html")
        if file.is_dir():
            file = file / "index.html"
        data = file.read_bytes()
        raw += len(data)
        compressed += len(gzip.compress(data, 6, mtime=0))
    picture_bytes = sum((site / path.lstrip("/")).stat().st_size for path in pictures)
    return len(paths), raw, compressed, len(pictures), picture_bytes


def lighthouse(site: Path, paths: list[str]) -> dict[str, dict[str, int]]:
    """Return Lighthouse's category scores (0-100) of each page."""
    cli = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        raise SystemExit("npm's lighthouse is not installed: python3 dev.py setup")
    server, base = serve(site)
    scores = {}
    try:
        for path in paths:
            out = WORK / "lighthouse.json"
            subprocess.run(["node", str(cli), base + path, f"--chrome-path={CHROMIUM}", "--quiet",
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--output=json",
                            f"--output-path={out}",
                            "--only-categories=performance,accessibility,best-practices,seo"], check=True)
            report = json.loads(out.read_text())
            scores[path or "/"] = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
            scores[path or "/"]["KB"] = round(report["audits"]["total-byte-weight"]["numericValue"] / 1024)
            failing = [audit["id"] for audit in report["audits"].values()
                       if audit.get("score") is not None and audit["score"] < 0.9
                       and audit.get("scoreDisplayMode") in ("binary", "numeric")]
            scores[path or "/"]["below 0.9"] = failing
    finally:
        server.shutdown()
    return scores


SEARCH_PAGE = """<!doctype html><html lang=en><meta charset=utf-8><title>pagefind bench</title>
<body><script type=module>
window.timed = async (q) => {
  const t0 = performance.now();
  const pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, 50).map(r => r.data()));
  return {ms: performance.now() - t0, count: search.results.length, shown: data.length};
};
</script>"""


def time_ours(site: Path, queries: list[str]) -> list[tuple[str, float, int, int]]:
    """Return (query, ms, results, bytes fetched) for our finder, each in a fresh browser context."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                fetched = []
                page.on("requestfinished", lambda r, fetched=fetched:
                        "/search/" in r.url and fetched.append(r.sizes()["responseBodySize"]))
                page.goto(base, wait_until="networkidle")
                ms = page.evaluate("""(q) => new Promise(resolve => {
                    const box = document.getElementById('finder-q'), status = document.querySelector('.finder-status');
                    const t0 = performance.now();
                    const done = () => /match/.test(status.textContent);
                    new MutationObserver((_, o) => { if (done()) { o.disconnect(); resolve(performance.now() - t0); } })
                        .observe(status, {childList: true, characterData: true, subtree: true});
                    box.value = q; box.dispatchEvent(new Event('input'));
                })""", query)
                count = page.locator("#results li.event").count()
                status = page.locator(".finder-status").inner_text()
                rows.append((query, ms - 120, int("".join(c for c in status.split()[0] if c.isdigit()) or 0),
                             sum(fetched), count))  # less the finder's 120 ms typing pause
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


def time_pagefind(site: Path, queries: list[str]) -> tuple[float, list[tuple[str, float, int, int]]]:
    """Return Pagefind's indexing seconds and (query, ms, results, bytes fetched) per query."""
    from playwright.sync_api import sync_playwright

    bundle = site / "pagefind"
    if bundle.exists():
        shutil.rmtree(bundle)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--glob", "*-*/index.html", "--silent"],
                   check=True)
    indexing = time.perf_counter() - started
    (site / "pagefind-bench.html").write_text(SEARCH_PAGE)
    server, base = serve(site)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                fetched = []
                page.on("requestfinished", lambda r, fetched=fetched:
                        "/pagefind/" in r.url and fetched.append(r.sizes()["responseBodySize"]))
                page.goto(base + "pagefind-bench.html", wait_until="networkidle")
                result = page.evaluate("(q) => window.timed(q)", query)
                rows.append((query, result["ms"], result["count"], sum(fetched), result["shown"]))
                context.close()
            browser.close()
    finally:
        server.shutdown()
        (site / "pagefind-bench.html").unlink()
        shutil.rmtree(bundle)
    return indexing, rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weight", nargs="*", default=[])
    parser.add_argument("--lighthouse", nargs="*", default=[])
    parser.add_argument("--search", nargs="*", default=[])
    parser.add_argument("--pagefind", action="store_true")
    args = parser.parse_args(argv)
    if not (args.weight or args.lighthouse or args.search):
        args.weight, args.lighthouse, args.search = ["1000", "10000", "100000"], ["seed", "10000"], ["10000"]
    WORK.mkdir(exist_ok=True)
    sites = {}

    def site(size: str) -> Path:
        if size not in sites:
            sites[size] = project(size) / "site"
        return sites[size]

    for size in args.weight:
        requests, raw, compressed, pictures, picture_bytes = first_page_weight(site(size))
        print(f"first page at {size:>6} events: {requests} requests, {raw / 1024:8.1f} KB raw, "
              f"{compressed / 1024:6.1f} KB gzip"
              + (f" (of which {pictures} pictures, {picture_bytes / 1024:.1f} KB)" if pictures else ""), flush=True)
    for size in args.lighthouse:
        first_event = sorted(p.name for p in site(size).iterdir() if p.is_dir() and p.name[:1].isdigit())[0]
        for path, scores in lighthouse(site(size), ["", f"{first_event}/", "tags/"]).items():
            below = scores.pop("below 0.9")
            print(f"lighthouse {size:>6} {path:<60} " + "  ".join(f"{k} {v}" for k, v in scores.items())
                  + (f"  (audits below 0.9: {', '.join(below)})" if below else ""), flush=True)
    for size in args.search:
        ours = time_ours(site(size), QUERIES)
        for query, ms, total, fetched, shown in ours:
            print(f"search ours     {size:>6} {query!r:<18} {ms:7.1f} ms  {total:5} results ({shown} shown)  "
                  f"{fetched / 1024:7.1f} KB fetched", flush=True)
        if args.pagefind:
            indexing, rows = time_pagefind(site(size), QUERIES)
            print(f"pagefind indexing {size} pages: {indexing:.1f} s")
            for query, ms, total, fetched, shown in rows:
                print(f"search pagefind {size:>6} {query!r:<18} {ms:7.1f} ms  {total:5} results ({shown} shown)  "
                      f"{fetched / 1024:7.1f} KB fetched", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
