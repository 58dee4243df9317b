"""Problems found in the project's files, and the ways they are printed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline.english import plural

if TYPE_CHECKING:
    from pathlib import Path

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at one line, in one field."""

    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        """Return 'events/FILE.md:LINE: field: message', prefixed for warnings."""
        prefix = "warning: " if self.severity == WARNING else ""
        return f"{_visible(self.path)}:{self.line}: {prefix}{_visible(self.field)}: {_visible(self.message)}"

    def github(self) -> str:
        """Return the problem as a GitHub Actions workflow command (an annotation)."""
        title = _escape_property(f"{self.field}")
        return (
            f"::{self.severity} file={_escape_property(self.path)},line={self.line},"
            f"title={title}::{_escape_data(self.message)}"
        )


class ProblemError(Exception):
    """Raised when problems stop a command; carries all of them."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _visible(text: str) -> str:
    """Return text with control characters written as escapes (\\n, \\x1b)."""
    # A newline from a field name or value would split one problem over lines; ESC could drive the terminal.
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def annotation(title: str, message: str, severity: str = WARNING) -> str:
    """Return a GitHub Actions workflow command that shows a message about no one file (the build's) as an
    annotation."""
    return f"::{severity} title={_escape_property(title)}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    """Return text escaped for a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Return text escaped for a workflow command's property value."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def errors(problems: list[Problem]) -> list[Problem]:
    """Return only the problems that stop a build."""
    return [p for p in problems if p.severity == ERROR]


def describe(problems: list[Problem]) -> str:
    """Return a count of problems in words ('2 errors and 1 warning in 1 file')."""
    n_errors = len(errors(problems))
    n_warnings = len(problems) - n_errors
    parts = []
    if n_errors:
        parts.append(plural(n_errors, "error"))
    if n_warnings:
        parts.append(plural(n_warnings, "warning"))
    failing = len({p.path for p in problems if p.severity == ERROR})
    tail = f" in {plural(failing, 'file')}" if n_errors else ""
    return " and ".join(parts) + tail


def summary(problems: list[Problem], files_checked: int) -> str:
    """Return the count line printed after the problems."""
    if not problems:
        return f"Checked {plural(files_checked, 'file')}: no problems."
    return f"Checked {plural(files_checked, 'file')}: {describe(problems)}."


def not_a_file(path) -> str:
    """Return why a path given as a file cannot be read as one ('no such file', 'is a folder ...')."""
    import os

    if os.path.isdir(path):
        return "is a folder; give the path of a file in it"
    return "no such file" if not os.path.exists(path) else "is not an ordinary file"


def template_error_problem(error: Exception, root: Path) -> Problem | None:
    """Return a template error as a Problem naming the template file and line, or None."""
    import traceback

    import jinja2

    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        return Problem(_relative(error.filename, root), error.lineno or 1, "template", error.message or str(error))
    if not isinstance(error, jinja2.TemplateError):
        return None
    for frame, line in reversed(list(traceback.walk_tb(error.__traceback__))):
        filename = frame.f_code.co_filename
        if filename.endswith(".html") or "/templates/" in filename:
            return Problem(_relative(filename, root), line, "template", str(error))
    return Problem("templates", 1, "template", str(error))


def _relative(filename: str, root: Path) -> str:
    """Return filename relative to root where it lies inside it."""
    from pathlib import Path

    try:
        return Path(filename).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return filename
