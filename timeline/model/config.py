"""The site's configuration file, timeline.toml: its settings declared once with their docs."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

from timeline.folders import CONFIG_FILE
from timeline.problems import Problem

ORDERS = ("oldest-first", "newest-first")
REPOSITORY_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")


def _setting(default: str, doc: str):
    """Return a dataclass field for a setting, its doc kept beside it."""
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Config:
    """Site settings, read from timeline.toml."""

    title: str = _setting("Timeline", "The site's name, shown in the header and the browser tab.")
    description: str = _setting("", "One sentence on what the timeline covers, for the home page and search engines.")
    url: str = _setting("", "The address the site is published at, like https://user.github.io/repo/ "
                            "(for canonical links).")
    base_path: str = _setting("/", "The path the site lives under: /repo/ on GitHub project pages, "
                                   "/ at a domain's root.")
    language: str = _setting("en", "The language of the site's text, as a code like en or pt-BR: the <html lang>, "
                                   "the dates (any language Babel knows) and the interface (English or French).")
    order: str = _setting("oldest-first", "oldest-first or newest-first: the order of the timeline.")
    domain: str = _setting("", "A custom domain for GitHub Pages, like timeline.example.org; the build writes it "
                               "to site/CNAME.")
    repository: str = _setting("", "The GitHub repository the events live in, as owner/name, for the links to each "
                                   "event's history and to suggest a correction; in GitHub Actions it is taken from "
                                   "GITHUB_REPOSITORY when left out.")


def normalise_base_path(value: str) -> str | None:
    """Return the base path with one leading and one trailing slash, or None if it is not a path."""
    value = value.strip()
    # A leading "//" is an address on another host ("//example.com/x"), not a path.
    if any(c.isspace() for c in value) or "?" in value or "#" in value or "\\" in value or "//" in value.rstrip("/"):
        return None
    segments = [s for s in value.split("/") if s]
    if any(s in (".", "..") for s in segments):
        return None
    return "/" + "".join(f"{s}/" for s in segments)


def apply_base_url(config: Config, base_url: str) -> tuple[Config, str | None]:
    """Return config with a --base-url value applied (a path or a full URL), and an error or None."""
    if "://" in base_url:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return config, f"--base-url {base_url!r} is not an http(s) address or a path like /timeline/"
        path = normalise_base_path(parts.path or "/")
        if path is None:
            return config, f"--base-url {base_url!r} has a path that cannot be used"
        return replace(config, base_path=path, url=f"{parts.scheme}://{parts.netloc}{path}"), None
    path = normalise_base_path(base_url)
    if path is None:
        return config, f"--base-url {base_url!r} is not a path like /timeline/"
    return replace(config, base_path=path), None


def load_config(root: Path) -> tuple[Config, list[Problem]]:
    """Return the configuration at root (defaults when there is no file), and its problems."""
    path = root / CONFIG_FILE
    if not path.exists():
        return _with_environment({}), []
    raw_text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as error:
        line, message = toml_error(error, raw_text)
        return Config(), [Problem(CONFIG_FILE, line, "config", message)]
    problems = []
    values = {}
    names = [f.name for f in fields(Config)]
    for key, value in data.items():
        line = _line_of_key(raw_text, key)
        if key not in names:
            close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            if _is_section(value):
                hint = 'this file has no sections: write each setting at the top level, like title = "My timeline"; '
            problems.append(Problem(CONFIG_FILE, line, key,
                                    f"unknown setting: {hint}the settings are {', '.join(names)}"))
            continue
        if not isinstance(value, str):
            problems.append(Problem(CONFIG_FILE, line, key, f"expected text in quotes, found {value!r}"))
            continue
        error = _check_setting(key, value)
        if error:
            problems.append(Problem(CONFIG_FILE, line, key, error))
            continue
        values[key] = normalise_base_path(value) if key == "base_path" else value.strip()
    return _with_environment(values), problems


def _with_environment(values: dict) -> Config:
    """Return the settings with what GitHub Actions says of the repository where timeline.toml says nothing."""
    if not values.get("repository") and REPOSITORY_NAME.fullmatch(os.environ.get("GITHUB_REPOSITORY", "")):
        values = {**values, "repository": os.environ["GITHUB_REPOSITORY"]}
    return Config(**values)


def toml_error(error: tomllib.TOMLDecodeError, text: str) -> tuple[int, str]:
    """Return the line of a TOML syntax error and the error in words a contributor can act on."""
    match = re.search(r"\(at line (\d+), column \d+\)", str(error))
    # tomllib says "at end of document" for what is left open; the last line is where to look.
    line = int(match.group(1)) if match else max(1, len(text.rstrip("\n").split("\n")))
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
    hint = ""
    if message == "Invalid value" or message.startswith("Unterminated string") or "Illegal character" in message:
        hint = '; put text in double quotes on one line, like title = "My timeline"'
    elif message == "Cannot overwrite a value":
        hint = "; a setting is given twice: keep one of them"
    return line, f"TOML syntax error: {message}{hint}"


def _check_setting(key: str, value: str) -> str | None:
    """Return what is wrong with one setting's value, or None."""
    if key == "order" and value not in ORDERS:
        return f"expected {' or '.join(ORDERS)}, found {value!r}"
    if key == "base_path" and normalise_base_path(value) is None:
        return f"expected a path like / or /timeline/, found {value!r}"
    if key == "url" and value:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return f"expected an address like https://user.github.io/repo/, found {value!r}"
    if key == "domain" and value and not re.fullmatch(
        r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", value.lower()
    ):
        return f"expected a domain name like timeline.example.org (no https:// and no path), found {value!r}"
    if key == "repository" and value and not REPOSITORY_NAME.fullmatch(value):
        return f"expected a GitHub repository as owner/name, like octo-org/timeline, found {value!r}"
    if key == "language" and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        return f"expected a language code like en or pt-BR, found {value!r}"
    if key == "language" and not _known_language(value.split("-")[0]):
        return f"expected a language code like en, fr or pt-BR, found {value!r}, which is no language Babel knows"
    return None


def _known_language(code: str) -> bool:
    """Return whether Babel has the dates and names of a language code ('en', 'fil')."""
    if code.lower() == "en":
        return True
    import babel.localedata  # imported late: most sites are in English

    return babel.localedata.exists(code.lower())


def _is_section(value) -> bool:
    """Return whether a TOML value is a table or an array of tables ([site], site.x = ..., [[site]])."""
    if isinstance(value, list):
        return bool(value) and all(isinstance(item, dict) for item in value)
    return isinstance(value, dict)


def _line_of_key(text: str, key: str) -> int:
    """Return the line on which a top-level key is set (1 when not found)."""
    for number, line in enumerate(text.splitlines(), 1):
        # key = ..., "key" = ..., key.x = ..., [key] and [[key]]
        if re.match(rf"\s*(\[\[?\s*)?[\"']?{re.escape(key)}[\"']?\s*[=.\]]", line):
            return number
    return 1
