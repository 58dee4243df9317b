"""The installed versions of the libraries whose upgrade can change the output.

Read on every build, even one with nothing changed: this module imports nothing heavy.
"""

from __future__ import annotations

import os
import sys

# Their versions (and Python's) are part of the digest of a build's inputs.
RENDERING_PACKAGES = ("Jinja2", "MarkupSafe", "Markdown", "nh3", "python-slugify", "text-unidecode", "PyYAML",
                      "dateparser", "Babel", "pillow")


def package_versions(packages: tuple[str, ...]) -> dict[str, str]:
    """Return {package: installed version}, read from the names of the dist-info folders on sys.path.

    A wheel installs NAME-VERSION.dist-info; listing a few folders is several times faster
    than importlib.metadata, and a build with nothing changed should cost next to nothing.
    """
    def normal(name: str) -> str:
        return name.lower().replace("-", "_").replace(".", "_")

    wanted = {normal(package): package for package in packages}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                name, _, version = entry[: -len(".dist-info")].partition("-")
                package = wanted.get(normal(name))
                if package is not None and package not in found:
                    found[package] = version
    if len(found) < len(packages):  # installed some other way (an egg, a system package)
        from importlib.metadata import PackageNotFoundError, version

        for package in packages:
            if package not in found:
                try:
                    found[package] = version(package)
                except PackageNotFoundError:
                    found[package] = "not installed"
    return {package: found[package] for package in packages}
