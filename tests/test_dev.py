"""dev.py, the quick start's two commands: `test` lints before it tests."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.fixture
def dev(monkeypatch):
    """Return dev.py as a module, with its set-up steps done already and its commands noted instead of run."""
    spec = importlib.util.spec_from_file_location("dev", REPO / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "ensure_virtualenv", lambda requirements: REPO / ".venv" / "bin" / "python")
    monkeypatch.setattr(module, "ensure_node_tools", lambda: None)
    monkeypatch.setattr(module, "ensure_chromium", lambda: None)
    monkeypatch.chdir(REPO)
    module.ran = []
    monkeypatch.setattr(module, "hand_over", lambda command: module.ran.append(command[1:]) or 0)
    return module


@pytest.mark.parametrize("lint_code", [0, 1])
def test_dev_test_lints_with_ruff_before_running_pytest(dev, monkeypatch, capsys, lint_code):
    monkeypatch.setattr(dev.subprocess, "run", lambda command, **kwargs: dev.ran.append(command[1:])
                        or subprocess.CompletedProcess(command, lint_code))
    assert dev.main(["test", "-k", "smoke"]) == lint_code
    lint = ["-m", "ruff", "check", "--quiet", "."]
    if lint_code:
        assert dev.ran == [lint]  # pytest never ran
        assert capsys.readouterr().err == ("dev.py: ruff found the problems above; fix them (many with "
                                           "`.venv/bin/ruff check --fix`)\n")
    else:
        assert dev.ran == [lint, ["-m", "pytest", "-k", "smoke"]]


def test_the_code_is_lint_clean():
    # What CI's `dev.py test` checks first, said here too so that a finding shows with the test failures.
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "."],
                            cwd=REPO, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "")
