#!/usr/bin/env python3
"""The bad-input catalogue's figures: cases tried, tracebacks, XSS survivors, partial sites.

Usage: .venv/bin/python bench/bad_input.py

Runs every case of tests/test_bad_input.py and every XSS payload of tests/test_render.py
through a real build in a throwaway project, and prints what happened. The tests assert the
exact outcome of each case; this prints the totals for the record.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import Project
from tests.test_bad_input import CASES
from tests.test_render import XSS_PAYLOADS, assert_nothing_active, html_pages, yaml_text
from tests.test_site import tree_digest

LOCATED = re.compile(r"^events/[^:]+:\d+: [^:]+: .+")


def run_catalogue(work: Path) -> dict[str, int]:
    """Return counts of what the bad files did to a build."""
    counts = {"cases": 0, "tracebacks": 0, "partial sites": 0, "located messages": 0, "exit 1": 0}
    for number, (_case, name, content, _) in enumerate(CASES):
        project = Project(work / f"case-{number}")
        project.event("2024-11-07-good.md", title="A good event")
        project.run("build")
        before = tree_digest(project.root / "site")
        path = project.root / "events" / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        result = project.run("build")
        counts["cases"] += 1
        counts["tracebacks"] += "Traceback" in result.out + result.err or result.code not in (0, 1)
        counts["exit 1"] += result.code == 1
        counts["located messages"] += bool(LOCATED.match(result.err.splitlines()[0] if result.err else ""))
        counts["partial sites"] += tree_digest(project.root / "site") != before
    return counts


def run_xss(work: Path) -> dict[str, int]:
    """Return how many payloads were tried and how many left something active in a page."""
    project = Project(work / "xss")
    for i, payload in enumerate(XSS_PAYLOADS):
        flat = " ".join(payload.split())
        project.event(f"2024-11-04-payload-{i:02d}.md", title=yaml_text(f"P{i} {flat}"),
                      location=yaml_text(f"L{i} {flat}"), body=f"{payload}\n\n{flat}\n")
    result = project.run("build")
    survivors = 0
    for path, doc in html_pages(project.root / "site").items():
        try:
            assert_nothing_active(path, doc)
        except AssertionError:
            survivors += 1
    return {"payloads": len(XSS_PAYLOADS), "build exit": result.code, "pages with active content": survivors}


def main() -> int:
    """Print the catalogue's figures."""
    with tempfile.TemporaryDirectory() as temporary:
        catalogue = run_catalogue(Path(temporary))
        xss = run_xss(Path(temporary))
    print("bad files (tests/test_bad_input.py):")
    for key, value in catalogue.items():
        print(f"  {key:18} {value}")
    print("XSS payloads in bodies and text fields (tests/test_render.py):")
    for key, value in xss.items():
        print(f"  {key:26} {value}")
    print(f"cases tried in all: {catalogue['cases'] + xss['payloads']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
