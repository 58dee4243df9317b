"""Draft events from the article a "Suggest an article" issue names, and say what to post back.

The extract-article workflow runs this on the issue a maintainer labelled; it can be run by hand too:

    ISSUE_BODY="$(cat body.md)" python .github/scripts/extract_issue.py --issue 12 [--source saved-page.html]

It reads the issue's form answers, runs `build.py extract ADDRESS --write` (on --source, a saved copy of
the page, instead of fetching the address), and prints either the body of the pull request that
proposes the drafts (exit status 0) or the comment that says on the issue why nothing was drafted
(exit status 3). Any other status is a failure of its own. The issue's text is untrusted: it reaches
extract only as separate arguments, never through a shell.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

GITHUB = Path(__file__).resolve().parents[1]
FORM = GITHUB / "ISSUE_TEMPLATE" / "article.yml"
BUILD = GITHUB.parent / "build.py"
LABEL = "extract"  # the label that starts .github/workflows/extract-article.yml
EXIT_PULL_REQUEST, EXIT_COMMENT = 0, 3
NO_RESPONSE = "_No response_"  # what GitHub writes for an optional field left empty
# An address as typed in a browser's bar: no spaces, quotes or angle brackets, which could end its Markdown link.
ADDRESS = re.compile(r"[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+")
RETRY = "Correct the issue if need be, then remove the `extract` label and add it again to try once more."
CHECKS = ("GitHub does not start **Check pull request** by itself on a pull request a workflow opened: "
          "close and reopen this one to run it.")


class NotDrafted(Exception):
    """Why nothing was drafted: the comment to post on the issue."""


def form_labels(form: Path = FORM) -> dict[str, str]:
    """Return the label of each answer of the issue form, by the answer's id, in the form's order."""
    body = yaml.safe_load(form.read_text(encoding="utf-8"))["body"]
    return {item["id"]: item["attributes"]["label"] for item in body if item["type"] != "markdown"}


def form_answers(body: str, labels: dict[str, str]) -> dict[str, str]:
    """Return the answers of an issue made with a form, by id: GitHub writes each as '### Label', then the answer."""
    headings = {f"### {label}": key for key, label in labels.items()}
    answers: dict[str, list[str]] = {}
    current = None
    for line in body.replace("\r\n", "\n").split("\n"):
        key = headings.get(line.rstrip())
        if key and key not in answers:  # the first heading is the form's: a later one is text of an answer
            current = key
            answers[current] = []
        elif current:
            answers[current].append(line)
    found = {key: "\n".join(lines).strip() for key, lines in answers.items()}
    return {key: "" if found.get(key, "") == NO_RESPONSE else found.get(key, "") for key in labels}


def article_address(answer: str, label: str) -> str:
    """Return the article's address from the form's answer; raise NotDrafted unless it is one http(s) address."""
    if not answer:
        raise NotDrafted(f'No events were drafted: the issue has no "{label}". Was it opened with the '
                         f"**Suggest an article** form?\n\n{RETRY}")
    parts = urlsplit(answer)
    if not (ADDRESS.fullmatch(answer) and parts.scheme in ("http", "https") and parts.hostname):
        raise NotDrafted(f'No events were drafted: the "{label}" must be one web address starting with '
                         f"http:// or https://; the issue gives:\n\n{code_block(answer)}\n\n{RETRY}")
    return answer


def extract_command(root: Path, address: str, answers: dict[str, str], source: Path | None) -> list[str]:
    """Return build.py extract's arguments for the article: one list item each, so that no shell reads them."""
    command = [sys.executable, str(BUILD), "extract"]
    command += [str(source.resolve()), f"--url={address}"] if source else [address]
    # --option=value: an answer that starts with '-' stays a value instead of becoming an option.
    command += [f"--{key}={answers[key]}" for key in ("publisher", "published") if answers.get(key)]
    return command + ["--write", "--root", str(root)]


def run_extract(command: list[str], root: Path) -> tuple[list[str], subprocess.CompletedProcess]:
    """Run extract; return the event files it added (events/NAME.md, sorted) and what it printed."""
    before = {path.name for path in (root / "events").glob("*.md")}
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    after = {path.name for path in (root / "events").glob("*.md")}
    return [f"events/{name}" for name in sorted(after - before)], result


def extract_error(stderr: str) -> str:
    """Return the one line extract stopped with, without its 'error: '."""
    lines = [line for line in stderr.splitlines() if line.strip()] or ["extract stopped without saying why"]
    errors = [line for line in lines if line.startswith("error: ")]
    return (errors or lines)[-1].removeprefix("error: ")


def front_matter(path: Path) -> dict[str, str]:
    """Return a drafted file's front matter, every value as text (YAML 1.1 would read a title 'no' as false)."""
    text = path.read_text(encoding="utf-8")
    return yaml.load(text.split("\n---", 1)[0].removeprefix("---"), Loader=yaml.BaseLoader) or {}


def code_span(text: str) -> str:
    """Return text as a Markdown code span: GitHub shows it as typed, with no link, mention or formatting."""
    text = " ".join(text.split())
    ticks = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def code_block(text: str) -> str:
    """Return text as a fenced Markdown code block that no line of it can close."""
    fence = "`" * max(3, max(map(len, re.findall("`+", text)), default=0) + 1)
    return f"{fence}\n{text.rstrip()}\n{fence}"


def skipped_lines(stdout: str) -> list[str]:
    """Return extract's lines on found events it did not write (already on the timeline, or a file in the way)."""
    return [line for line in stdout.splitlines() if line.startswith("skipped: ")]


def outcome(root: Path, address: str, issue: str, drafted: list[str], result) -> str:
    """Return the pull request's body when extract drafted events; raise NotDrafted with the comment otherwise."""
    if result.returncode not in (0, 1):  # 1 is extract's one-line refusal; anything else is a fault to look into
        raise RuntimeError(f"build.py extract exited with status {result.returncode}: {result.stderr}")
    if result.returncode == 1:
        raise NotDrafted("No events were drafted: `build.py extract` could not use the article:\n\n"
                         f"{code_block(extract_error(result.stderr))}\n\n{RETRY}")
    skipped = skipped_lines(result.stdout)
    if not drafted and not skipped:
        raise NotDrafted(f"No events were drafted: `build.py extract` found no dated event in <{address}>.\n\n"
                         "Events can still be added by hand (CONTRIBUTING.md says how).")
    if not drafted:
        raise NotDrafted(f"No events were drafted: every dated event `build.py extract` found in <{address}> "
                         f"is already on the timeline:\n\n{code_block(chr(10).join(skipped))}\n\n"
                         "Where one of them does not cite the article yet, add it to its sources by hand.")
    lines = [f"Events drafted by `build.py extract` from <{address}>, the article suggested in #{issue}:", ""]
    for path in drafted:
        fields = front_matter(root / path)
        lines.append(f"- `{path}`: {fields.get('date', '')}, {code_span(fields.get('title', ''))}")
    if skipped:
        lines += ["", "Found but not drafted:", "", code_block("\n".join(skipped))]
    lines += ["", "Each is a draft (`draft: true`), left off the site until someone finishes it: check its date, "
              "title, actors and place against the article, write its description, then set `draft: false`. "
              "Review this pull request like any other before merging it.", "", CHECKS, "", f"Refs #{issue}"]
    return "\n".join(lines) + "\n"


def save_for_workflow(out: Path, message: str, root: Path, drafted: list[str]) -> None:
    """Write the message and copies of the drafted files into out, which the workflow hands to its next job."""
    (out / "events").mkdir(parents=True, exist_ok=True)
    (out / "message.md").write_text(message, encoding="utf-8")
    for path in drafted:
        shutil.copy2(root / path, out / path)


def arguments(argv: list[str] | None) -> argparse.Namespace:
    """Return the command line's options."""
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--issue", default=os.environ.get("ISSUE_NUMBER", ""),
                         help="the issue's number (default: $ISSUE_NUMBER)")
    options.add_argument("--body-file", type=Path, help="a file holding the issue's body (default: $ISSUE_BODY)")
    options.add_argument("--source", type=Path, help="a saved copy of the article's page, read instead of fetching it")
    options.add_argument("--root", type=Path, default=GITHUB.parent, help="the project (default: this repository)")
    options.add_argument("--out", type=Path, help="also write message.md and copies of the drafts here")
    args = options.parse_args(argv)
    if not args.issue.isdigit():
        options.error(f"--issue: expected the issue's number, found {args.issue!r}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Draft the events of the issue's article; print the pull request's body or the issue's comment."""
    args = arguments(argv)
    body = args.body_file.read_text(encoding="utf-8") if args.body_file else os.environ.get("ISSUE_BODY", "")
    labels = form_labels()
    answers = form_answers(body, labels)
    drafted: list[str] = []
    try:
        address = article_address(answers["url"], labels["url"])
        drafted, result = run_extract(extract_command(args.root, address, answers, args.source), args.root)
        message, status = outcome(args.root, address, args.issue, drafted, result), EXIT_PULL_REQUEST
    except NotDrafted as not_drafted:
        message, status = f"{not_drafted}\n", EXIT_COMMENT
    if args.out:
        save_for_workflow(args.out, message, args.root, drafted if status == EXIT_PULL_REQUEST else [])
    sys.stdout.write(message)
    return status


if __name__ == "__main__":
    sys.exit(main())
