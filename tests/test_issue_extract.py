"""From a "Suggest an article" issue to drafted events: .github/scripts/extract_issue.py, and the steps of
.github/workflows/extract-article.yml run as GitHub runs them (with a stand-in for gh)."""

from __future__ import annotations

import http.server
import importlib.util
import json
import os
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, run_cli
from tests.test_publishing import scratch_clone

SCRIPT = REPO / ".github" / "scripts" / "extract_issue.py"
WORKFLOW = REPO / ".github" / "workflows" / "extract-article.yml"
SEED_HTML = REPO / "tests" / "data" / "wion-2024-11-07-rutte-russia-north-korea.html"
ADDRESS = "https://www.wionews.com/world/threat-to-us-security-nato-chiefs-warning-on-russia-north-korea-ties-774977"
RUTTE = "events/2024-11-07-nato-chief-mark-rutte-says-the-growing-ties-between-russia-a.md"
PUTIN = "events/2024-11-04-russian-president-vladimir-putin-met-north-korea-s-foreign.md"
RETRY = "Correct the issue if need be, then remove the `extract` label and add it again to try once more."


def load_script():
    """Return .github/scripts/extract_issue.py as a module."""
    spec = importlib.util.spec_from_file_location("extract_issue", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


extract_issue = load_script()


def issue_body(**answers: str) -> str:
    """Return the body GitHub writes for an issue made with the form: '### Label', a blank line, the answer."""
    labels = extract_issue.form_labels()
    return "\n\n".join(f"### {label}\n\n{answers.get(key) or '_No response_'}" for key, label in labels.items())


def pull_request_body(address: str, issue: str = "12") -> str:
    """Return the pull request's body for the seed article's two drafted events."""
    return (
        f"Events drafted by `build.py extract` from <{address}>, the article suggested in #{issue}:\n\n"
        f"- `{PUTIN}`: 2024-11-04, `Russian President Vladimir Putin met North Korea's foreign minister in the Kremlin`\n"
        f"- `{RUTTE}`: 2024-11-07, `NATO chief Mark Rutte says the growing ties between Russia and North Korea are a threat`\n\n"
        "Each is a draft (`draft: true`), left off the site until someone finishes it: check its date, title, actors and place against the article, write its description, then set `draft: false`. Review this pull request like any other before merging it.\n\n"
        "GitHub does not start **Check pull request** by itself on a pull request a workflow opened: close and reopen this one to run it.\n\n"
        f"Refs #{issue}\n")


def run_script(body: str, *options: str) -> subprocess.CompletedProcess:
    """Run the script as the workflow does, the issue's body in ISSUE_BODY and its number in ISSUE_NUMBER."""
    env = {**os.environ, "ISSUE_BODY": body, "ISSUE_NUMBER": "12"}
    return subprocess.run([sys.executable, str(SCRIPT), *options], capture_output=True, text=True, env=env,
                          timeout=300)


def drafts(root: Path) -> list[str]:
    """Return the project's event files, as events/NAME.md."""
    return sorted(f"events/{path.name}" for path in (root / "events").glob("*.md"))


def test_form_answers_are_read_as_github_writes_them():
    labels = {"url": "Article address", "publisher": "Publisher", "published": "Publication date", "note": "Note"}
    body = ("### Article address\r\n\r\nhttps://example.org/a\r\n\r\n### Publisher\r\n\r\n_No response_\r\n\r\n"
            "### Publication date\r\n\r\n7 November 2024\r\n\r\n### Note\r\n\r\nFirst line\r\n"
            "### Article address\r\n\r\nhttps://evil.example/\r\n")
    assert extract_issue.form_answers(body, labels) == {
        "url": "https://example.org/a", "publisher": "", "published": "7 November 2024",
        "note": "First line\n### Article address\n\nhttps://evil.example/"}  # the form's own heading comes first
    assert extract_issue.form_answers("Just some text", labels) == dict.fromkeys(labels, "")


def test_the_parser_reads_the_form_s_own_labels():
    assert extract_issue.form_labels() == {"url": "Article address", "publisher": "Publisher",
                                           "published": "Publication date", "note": "Note"}


@pytest.mark.parametrize("answer", [
    "ftp://example.org/a", "javascript:alert(1)", "file:///etc/passwd", "https://", "example.org/a",
    "https://example.org/a b", "https://example.org/a\nhttps://example.org/b", "<https://example.org/a>",
    "https://example.org/`x`", "--help",
])
def test_only_one_http_or_https_address_is_accepted(answer):
    with pytest.raises(extract_issue.NotDrafted) as refused:
        extract_issue.article_address(answer, "Article address")
    assert str(refused.value) == ('No events were drafted: the "Article address" must be one web address starting '
                                  f"with http:// or https://; the issue gives:\n\n```\n{answer}\n```\n\n{RETRY}")


def test_an_accepted_address_is_kept_as_written():
    assert extract_issue.article_address(ADDRESS, "Article address") == ADDRESS
    assert extract_issue.article_address("http://example.org/a?b=1&c=(2)#d", "x") == "http://example.org/a?b=1&c=(2)#d"


def test_the_script_drafts_the_seed_article_and_prints_the_pull_request_body(project, tmp_path):
    marks = [tmp_path / f"pwned-{n}" for n in range(4)]
    publisher = f'WION"; touch {marks[0]} #$(touch {marks[1]})'
    note = f'"; touch {marks[2]} # `touch {marks[3]}`\n$(touch {marks[2]})\n\nPlease look at the Putin meeting.'
    result = run_script(issue_body(url=ADDRESS, publisher=publisher, note=note), "--source", str(SEED_HTML),
                        "--root", str(project.root), "--out", str(tmp_path / "out"))
    assert [mark.name for mark in marks if mark.exists()] == []  # no answer ran as a command
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == pull_request_body(ADDRESS)
    assert drafts(project.root) == [PUTIN, RUTTE]
    for path in (PUTIN, RUTTE):
        text = (project.root / path).read_text(encoding="utf-8")
        assert f"    url: {ADDRESS}\n" in text and "draft: true\n" in text
        assert yaml.load(text.split("\n---", 1)[0], Loader=yaml.BaseLoader)["sources"][0]["publisher"] == publisher
        assert (tmp_path / "out" / path).read_text(encoding="utf-8") == text
    assert (tmp_path / "out" / "message.md").read_text(encoding="utf-8") == result.stdout
    assert run_cli(["check", "--root", str(project.root)]).out == "Checked 2 files: no problems.\n"


def test_an_unreadable_article_is_a_comment_with_extract_s_message(project, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Subscribe to read on.</p></body></html>", encoding="utf-8")
    result = run_script(issue_body(url=ADDRESS), "--source", str(page), "--root", str(project.root),
                        "--out", str(tmp_path / "out"))
    assert result.returncode == 3
    assert result.stdout == ("No events were drafted: `build.py extract` could not use the article:\n\n"
                             f"```\n{page}: no article text found in this page\n```\n\n{RETRY}\n")
    assert drafts(project.root) == []
    assert [p.relative_to(tmp_path).as_posix() for p in sorted((tmp_path / "out").rglob("*"))] == [
        "out/events", "out/message.md"]


def test_a_bad_publication_date_is_a_comment_with_extract_s_message(project):
    result = run_script(issue_body(url=ADDRESS, published="04/11/2024"), "--source", str(SEED_HTML),
                        "--root", str(project.root))
    assert result.returncode == 3
    assert result.stdout == (
        "No events were drafted: `build.py extract` could not use the article:\n\n"
        "```\n'04/11/2024' is ambiguous: it could be 4 November or April 11; write it as YYYY-MM-DD (like 2024-11-04) "
        f"or with the month's name (like 4 November 2024)\n```\n\n{RETRY}\n")
    assert drafts(project.root) == []


def test_events_already_there_are_listed_under_the_drafted_ones(project):
    project.root.joinpath("events", "2024-11-04-putin-meets-choe-son-hui.md").write_bytes(
        (REPO / "events" / "2024-11-04-putin-meets-choe-son-hui.md").read_bytes())
    result = run_script(issue_body(url=ADDRESS), "--source", str(SEED_HTML), "--root", str(project.root))
    assert result.returncode == 0
    assert result.stdout == (
        f"Events drafted by `build.py extract` from <{ADDRESS}>, the article suggested in #12:\n\n"
        f"- `{RUTTE}`: 2024-11-07, `NATO chief Mark Rutte says the growing ties between Russia and North Korea are a threat`\n\n"
        "Found but not drafted:\n\n```\nskipped: 2024-11-04 is already events/2024-11-04-putin-meets-choe-son-hui.md\n```\n\n"
        + pull_request_body(ADDRESS).split("\n\n", 2)[2])


def test_extract_failing_otherwise_than_refusing_the_article_fails_the_script(tmp_path):
    failed = subprocess.CompletedProcess([], 2, "", "usage: build.py ...\n")
    with pytest.raises(RuntimeError, match=r"^build.py extract exited with status 2: usage: build.py ...\n$"):
        extract_issue.outcome(tmp_path, ADDRESS, "12", [], failed)


@pytest.mark.parametrize("text, span", [
    ("Plain title", "`Plain title`"), ("Uses `code` here", "``Uses `code` here``"), ("`x`", "`` `x` ``"),
    ("@someone [link](https://x.org)\nnext", "`@someone [link](https://x.org) next`"),
])
def test_titles_show_as_typed(text, span):
    assert extract_issue.code_span(text) == span


def test_an_article_without_a_dated_event_is_a_comment(project, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Council meets again\nUpdated: Nov 07, 2024, 10:15 PM(IST)\n\n"
                     "The council met and agreed on nothing at all.\n", encoding="utf-8")
    result = run_script(issue_body(url=ADDRESS, publisher="WION"), "--source", str(story),
                        "--root", str(project.root))
    assert result.returncode == 3
    assert result.stdout == (f"No events were drafted: `build.py extract` found no dated event in <{ADDRESS}>.\n\n"
                             "Events can still be added by hand (CONTRIBUTING.md says how).\n")


def test_events_already_on_the_timeline_are_a_comment(project):
    body = issue_body(url=ADDRESS)
    assert run_script(body, "--source", str(SEED_HTML), "--root", str(project.root)).returncode == 0
    result = run_script(body, "--source", str(SEED_HTML), "--root", str(project.root))
    assert result.returncode == 3
    assert result.stdout == (
        f"No events were drafted: every dated event `build.py extract` found in <{ADDRESS}> is already on the "
        f"timeline:\n\n```\nskipped: 2024-11-07 is already {RUTTE}\nskipped: 2024-11-04 is already {PUTIN}\n```\n\n"
        "Where one of them does not cite the article yet, add it to its sources by hand.\n")


def test_an_issue_not_made_with_the_form_is_a_comment(project):
    result = run_script("Please add https://example.org/story", "--root", str(project.root))
    assert result.returncode == 3
    assert result.stdout == ('No events were drafted: the issue has no "Article address". Was it opened with the '
                             f"**Suggest an article** form?\n\n{RETRY}\n")


def test_the_label_is_the_one_the_workflow_waits_for_and_no_form_adds():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow["jobs"]["draft"]["if"] == f"github.event.label.name == '{extract_issue.LABEL}'"
    for form in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml"):
        assert extract_issue.LABEL not in yaml.safe_load(form.read_text()).get("labels", [])


def test_messages_stay_inside_their_code_block():
    assert extract_issue.code_block("a\n```\nb\n") == "````\na\n```\nb\n````"


# The workflow's steps, run as GitHub runs a `run:` step, with gh replaced by a script that notes its calls.

FAKE_GH = """import json, os, sys
with open(os.environ["GH_LOG"], "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:2] == ["api"]:
    print(os.environ["FAKE_PERMISSION"])
"""


def steps() -> dict[str, dict]:
    """Return the workflow's steps by name."""
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    return {step["name"]: {**job.get("env", {}), **step.get("env", {}), "run": step.get("run", "")}
            for job in jobs.values() for step in job["steps"]}


def run_step(name: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run a workflow step's script with bash as GitHub does (-eo pipefail), its ${{ }} values given by env."""
    step = steps()[name]
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=cwd,
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=300)


@pytest.fixture
def runner(tmp_path):
    """Return the environment of a runner: python and the fake gh on PATH, RUNNER_TEMP, GITHUB_OUTPUT and so on."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "gh").write_text(f"#!{sys.executable}\n{FAKE_GH}")
    (bin_ / "gh").chmod(0o755)
    (tmp_path / "runner").mkdir()
    return {"PATH": f"{bin_}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "RUNNER_TEMP": str(tmp_path / "runner"), "GITHUB_OUTPUT": str(tmp_path / "output"),
            "GH_LOG": str(tmp_path / "gh.log"), "GITHUB_REPOSITORY": "someone/timeline", "GITHUB_RUN_ID": "777",
            "GITHUB_REF_NAME": "main", "ISSUE_NUMBER": "12", "SENDER": "maintainer", "FAKE_PERMISSION": "write"}


def gh_calls(runner: dict) -> list[list[str]]:
    """Return the fake gh's calls."""
    log = Path(runner["GH_LOG"])
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


@pytest.mark.parametrize("permission, allowed", [("admin", True), ("write", True), ("read", False), ("none", False)])
def test_only_write_access_passes_the_label_check(tmp_path, runner, permission, allowed):
    result = run_step("Check that whoever added the label can write to the repository", tmp_path,
                      {**runner, "FAKE_PERMISSION": permission})
    assert gh_calls(runner) == [["api", "repos/someone/timeline/collaborators/maintainer/permission",
                                 "--jq", ".permission"]]
    assert result.returncode == (0 if allowed else 1)
    assert result.stdout == ("" if allowed else f"::error::the label was added by maintainer, whose access is "
                             f"'{permission}': only write or admin access starts this workflow\n")


@pytest.fixture
def served(tmp_path):
    """Return the address of the seed article served from 127.0.0.1."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "story.html").write_bytes(SEED_HTML.read_bytes())
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "site"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def git(*args: str, cwd: Path) -> str:
    """Run git and return what it printed."""
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def repository(tmp_path: Path, keep_events: bool) -> Path:
    """Return a bare repository holding this one's files (events/ emptied unless keep_events), as GitHub would."""
    clone = scratch_clone(tmp_path)
    if not keep_events:
        for event in (clone / "events").glob("*.md"):
            event.unlink()
        (clone / "events" / ".gitkeep").write_text("")
    git("init", "--quiet", "--initial-branch=main", cwd=clone)
    git("add", ".", cwd=clone)
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "--quiet", "-m", "start", cwd=clone)
    git("clone", "--quiet", "--bare", str(clone), str(tmp_path / "origin.git"), cwd=tmp_path)
    return tmp_path / "origin.git"


def draft_job(origin: Path, tmp_path: Path, runner: dict, body: str) -> subprocess.CompletedProcess:
    """Run the draft job's step in a fresh checkout of origin."""
    git("clone", "--quiet", str(origin), str(tmp_path / "draft-checkout"), cwd=tmp_path)
    return run_step("Draft events from the article", tmp_path / "draft-checkout", {**runner, "ISSUE_BODY": body})


def test_the_workflow_steps_draft_the_article_and_open_a_pull_request(tmp_path, runner, served):
    origin = repository(tmp_path, keep_events=False)
    address = served + "story.html"
    drafted = draft_job(origin, tmp_path, runner, issue_body(url=address, published="2024-11-07"))
    assert (drafted.returncode, drafted.stdout) == (0, pull_request_body(address))
    assert Path(runner["GITHUB_OUTPUT"]).read_text() == "outcome=pull-request\n"
    git("clone", "--quiet", str(origin), str(tmp_path / "publish-checkout"), cwd=tmp_path)  # the next job's checkout
    result = run_step("Propose the drafts in a pull request", tmp_path / "publish-checkout", runner)
    assert result.returncode == 0, result.stderr
    branch = "extract/issue-12-777"
    assert git("diff", "--name-status", "main", branch, cwd=origin) == f"A\t{PUTIN}\nA\t{RUTTE}\n"
    assert git("log", "-1", "--format=%s", branch, cwd=origin) == "Draft events from the article suggested in #12\n"
    body_file = str(Path(runner["RUNNER_TEMP"]) / "draft" / "message.md")
    assert gh_calls(runner) == [["pr", "create", "--base", "main", "--head", branch, "--title",
                                 "Draft events from the article suggested in #12", "--body-file", body_file]]
    assert Path(body_file).read_text(encoding="utf-8") == pull_request_body(address)


def test_the_workflow_steps_comment_when_the_article_is_already_on_the_timeline(tmp_path, runner, served):
    origin = repository(tmp_path, keep_events=True)  # this repository's own events come from the seed article
    drafted = draft_job(origin, tmp_path, runner, issue_body(url=served + "story.html"))
    assert drafted.returncode == 0 and drafted.stdout.startswith("No events were drafted: every dated event ")
    assert Path(runner["GITHUB_OUTPUT"]).read_text() == "outcome=comment\n"
    result = run_step("Say on the issue why nothing was drafted", tmp_path, runner)
    assert result.returncode == 0, result.stderr
    body_file = str(Path(runner["RUNNER_TEMP"]) / "draft" / "message.md")
    assert gh_calls(runner) == [["issue", "comment", "12", "--repo", "someone/timeline", "--body-file", body_file]]
    assert Path(body_file).read_text(encoding="utf-8") == drafted.stdout


def test_the_draft_step_fails_when_the_script_does(tmp_path, runner):
    origin = repository(tmp_path, keep_events=False)
    git("clone", "--quiet", str(origin), str(tmp_path / "draft-checkout"), cwd=tmp_path)
    (tmp_path / "draft-checkout" / ".github" / "scripts" / "extract_issue.py").write_text("raise SystemExit(5)\n")
    result = run_step("Draft events from the article", tmp_path / "draft-checkout", {**runner, "ISSUE_BODY": ""})
    assert result.returncode == 5
    assert not Path(runner["GITHUB_OUTPUT"]).exists()

