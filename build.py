#!/usr/bin/env python3
"""Build the timeline: `python build.py [build|check|serve] --help` lists the commands."""

import os
import sys

from timeline.cli import main as run


def main(argv: list[str]) -> int:
    """Run the command in argv against this folder's project; return the exit code."""
    return run(argv, default_root=os.path.dirname(os.path.realpath(__file__)))


def finish(code: int) -> None:
    """End the process with code once the output is flushed, without freeing every object one by one.

    Python's own exit frees what a build holds object by object, after every file is written
    and closed; on a large site that is a noticeable wait for nothing.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (build.py check | head): what is left unprinted has no reader
        pass
    os._exit(code)


if __name__ == "__main__":
    finish(main(sys.argv[1:]))
