#!/usr/bin/env python3
"""Build the timeline: `python build.py [build|check|serve] --help` lists the commands."""

import os
import sys

from timeline.cli import main as run


def main(argv: list[str]) -> int:
    """Run the command in argv against this folder's project; return the exit code."""
    return run(argv, default_root=os.path.dirname(os.path.realpath(__file__)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
