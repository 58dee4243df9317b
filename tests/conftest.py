"""Shared fixtures: throwaway projects with the real templates, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import signal
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from timeline.cli import main

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    """What a CLI run returned and printed."""

    code: int
    out: str
    err: str


class Project:
    """A project folder in tmp_path with the repository's templates and config."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(REPO / "templates", root / "templates")
        shutil.copy(REPO / "timeline.toml", root / "timeline.toml")
        (root / "events").mkdir()

    def write(self, name: str, text: str, *, dedent: bool = True) -> Path:
        """Write events/NAME with text (dedented) and return its path."""
        path = self.root / "events" / name
        path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return path

    def write_bytes(self, name: str, data: bytes) -> Path:
        """Write events/NAME with raw bytes and return its path."""
        path = self.root / "events" / name
        path.write_bytes(data)
        return path

    def event(self, name: str = "2024-11-04-a-meeting.md", **fields) -> Path:
        """Write a valid event file, with fields overriding or adding front-matter lines."""
        front = {
            "title": "A meeting",
            "date": name[:10] if name[:4].isdigit() else "2024-11-04",
            "sources": "\n  - title: A story\n    publisher: WION\n    published: 2024-11-07",
        }
        body = fields.pop("body", "Something happened.")
        front.update(fields)
        lines = [f"{key}: {value}" for key, value in front.items() if value is not None]
        return self.write(name, "---\n" + "\n".join(lines) + "\n---\n" + body + "\n", dedent=False)

    def run(self, *args: str) -> Result:
        """Run the CLI against this project and capture its exit code and output."""
        return run_cli(list(args) + ["--root", str(self.root)])

    def renderer(self):
        """Return a SiteRenderer for this project's templates and settings."""
        from timeline.model.config import load_config
        from timeline.render.pages import SiteRenderer

        return SiteRenderer(self.root, load_config(self.root)[0])

    def site(self, path: str = "index.html") -> str:
        """Return the text of a built site file."""
        return (self.root / "site" / path).read_text(encoding="utf-8")


def as_a_terminal_job() -> dict:
    """Return Popen options that start a process as a terminal starts a job: in its own process group, with Ctrl-C
    heard (a shell's background jobs ignore it, and a process inherits that; preexec_fn, unsafe beside threads, is
    only used then)."""
    if signal.getsignal(signal.SIGINT) != signal.SIG_IGN:
        return {"start_new_session": True}
    return {"start_new_session": True, "preexec_fn": lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)}


def run_cli(argv: list[str]) -> Result:
    """Run timeline.cli.main with argv; return its code and captured output."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Return an empty project with the real templates."""
    return Project(tmp_path / "project")


def pytest_addoption(parser):
    """Add --regen-golden, which rewrites tests/golden/expected/ (see tests/test_golden.py)."""
    parser.addoption(
        "--regen-golden", action="store_true", default=False,
        help="rebuild tests/golden/expected/ from tests/golden/input/ instead of comparing against it",
    )


# Hypothesis profiles for tests/test_properties.py, chosen by HYPOTHESIS_PROFILE (ci unless set).
# ci is derandomized: every run tries the same inputs, so a red run is a regression anyone can reproduce;
# thorough explores new inputs on each run and keeps what fails in .hypothesis/ to replay until it is fixed.
settings.register_profile("ci", max_examples=300, derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("thorough", max_examples=10_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
