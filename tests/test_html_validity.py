"""Every page of the seed site and of a 1,000-event site passes the Nu HTML Checker (vnu.jar from npm).

vnu-jar is pinned in package.json and runs on the machine's Java. Without node_modules/vnu-jar or java
the tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO, Project, run_cli

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(*folders) -> list[str]:
    """Return the checker's errors for every HTML file under the folders."""
    if not VNU.is_file() or not shutil.which("java"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("vnu.jar or java is missing (python3 dev.py setup installs vnu-jar with npm)", pytrace=False)
        pytest.skip("the Nu HTML Checker (npm vnu-jar) or java is not installed")
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                             *map(str, folders)], capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m.get('message')}" for m in messages]


def test_seed_site_has_no_html_errors(tmp_path):
    project = Project(tmp_path / "seed")
    for path in sorted((REPO / "events").glob("*.md")):
        shutil.copy(path, project.root / "events" / path.name)
    assert run_cli(["build", "--root", str(project.root), "--base-url", "https://example.org/timeline/"]).code == 0
    french = Project(tmp_path / "french")
    french.event("bc0500-old.md", title="Ancien", date="-0500", approximate="true")
    (french.root / "timeline.toml").write_text('language = "fr"\n')
    assert run_cli(["build", "--root", str(french.root)]).code == 0
    assert vnu_errors(project.root / "site", french.root / "site") == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_renamed_event_s_old_address_has_no_html_errors(tmp_path):
    from tests.test_provenance import renamed_meeting
    project = renamed_meeting(Project(tmp_path / "renamed"))
    assert run_cli(["build", "--root", str(project.root), "--base-url", "https://example.org/timeline/"]).code == 0
    moved = project.root / "site" / "2024-11-04-meeting"
    assert (moved / "index.html").is_file()
    assert vnu_errors(moved) == []


def test_a_thousand_event_site_has_no_html_errors(tmp_path):
    project = Project(tmp_path / "thousand")
    subprocess.run([sys.executable, str(REPO / "bench" / "gen_events.py"), "1000", str(project.root / "events")],
                   check=True)
    assert run_cli(["build", "--root", str(project.root)]).code == 0
    site = project.root / "site"
    assert len(list(site.rglob("*.html"))) > 1000
    assert vnu_errors(site) == []


def test_the_checker_does_report_errors(tmp_path):
    (tmp_path / "bad.html").write_text("<!doctype html><html lang=en><title>x</title><p><div></span>")
    assert vnu_errors(tmp_path)
