"""timeline.toml: defaults, every setting's checks with their lines, and --base-url."""

from __future__ import annotations

from dataclasses import fields

import pytest

from timeline.model.config import Config, apply_base_url, load_config, normalise_base_path
from timeline.problems import ERROR, Problem

SETTINGS = "title, description, url, base_path, language, order, domain, repository"
SECTIONS = 'this file has no sections: write each setting at the top level, like title = "My timeline"; '
DEFAULTS = Config(title="Timeline", description="", url="", base_path="/", language="en", order="oldest-first")


def load(tmp_path, text: str | None):
    """Return (config, problems) of a folder whose timeline.toml holds text (no file when None)."""
    if text is not None:
        (tmp_path / "timeline.toml").write_text(text, encoding="utf-8")
    return load_config(tmp_path)


def problem(line: int, field: str, message: str) -> Problem:
    """Return the expected problem in timeline.toml."""
    return Problem("timeline.toml", line, field, message, ERROR)


def test_defaults_without_a_file(tmp_path):
    assert load(tmp_path, None) == (DEFAULTS, [])


def test_empty_file_gives_defaults(tmp_path):
    assert load(tmp_path, "# nothing set\n") == (DEFAULTS, [])


def test_every_setting_is_documented():
    for setting in fields(Config):
        assert setting.metadata["doc"].endswith((".", ")")), setting.name


def test_all_settings_read(tmp_path):
    config, problems = load(tmp_path, 'title = "Ties"\ndescription = " What happened. "\n'
                                      'url = "https://user.github.io/repo/"\nbase_path = "repo"\n'
                                      'language = "pt-BR"\norder = "newest-first"\n')
    assert problems == []
    assert config == Config("Ties", "What happened.", "https://user.github.io/repo/", "/repo/", "pt-BR",
                            "newest-first")


def test_the_repository_config_is_clean():
    from tests.conftest import REPO

    assert load_config(REPO)[1] == []


@pytest.mark.parametrize("text, line, key, hint", [
    ('titel = "x"\n', 1, "titel", "did you mean 'title'? "),
    ('title = "x"\n\nordr = "newest-first"\n', 3, "ordr", "did you mean 'order'? "),
    ('# base = "/x/"\nbase_pth = "/x/"\n', 2, "base_pth", "did you mean 'base_path'? "),
    ('  langauge = "en"\n', 1, "langauge", "did you mean 'language'? "),
    ('"colour" = "red"\n', 1, "colour", ""),
    ('title = "x"\n\n[site]\ntitle = "y"\n', 3, "site", SECTIONS),
    ('title = "x"\nsite.name = "y"\n', 2, "site", SECTIONS),
    ('title = "x"\n[[ site ]]\nname = "y"\n', 2, "site", SECTIONS),
    ('tags = ["a", "b"]\n', 1, "tags", ""),
])
def test_unknown_setting(tmp_path, text, line, key, hint):
    _config, problems = load(tmp_path, text)
    assert problems == [problem(line, key, f"unknown setting: {hint}the settings are {SETTINGS}")]


def test_unknown_setting_does_not_stop_the_others(tmp_path):
    config, problems = load(tmp_path, 'subtitle = "x"\ntitle = "y"\n')
    assert config.title == "y"
    assert len(problems) == 1


@pytest.mark.parametrize("text, line, key, found", [
    ("title = 3\n", 1, "title", "3"),
    ('\norder = true\n', 2, "order", "True"),
    ('language = ["en"]\n', 1, "language", "['en']"),
    ("description = 2024-11-04\n", 1, "description", "datetime.date(2024, 11, 4)"),
])
def test_wrong_type(tmp_path, text, line, key, found):
    config, problems = load(tmp_path, text)
    assert problems == [problem(line, key, f"expected text in quotes, found {found}")]
    assert config == DEFAULTS


@pytest.mark.parametrize("key, value, message", [
    ("order", "newest", "expected oldest-first or newest-first, found 'newest'"),
    ("order", "Oldest-First", "expected oldest-first or newest-first, found 'Oldest-First'"),
    ("order", "", "expected oldest-first or newest-first, found ''"),
    ("base_path", "/a//b/", "expected a path like / or /timeline/, found '/a//b/'"),
    ("base_path", "//example.com/x", "expected a path like / or /timeline/, found '//example.com/x'"),
    ("base_path", "/../x", "expected a path like / or /timeline/, found '/../x'"),
    ("base_path", "/a b/", "expected a path like / or /timeline/, found '/a b/'"),
    ("base_path", "/a?b", "expected a path like / or /timeline/, found '/a?b'"),
    ("base_path", "/a#b", "expected a path like / or /timeline/, found '/a#b'"),
    ("base_path", "\\\\a", "expected a path like / or /timeline/, found '\\\\a'"),
    ("url", "ftp://example.com/", "expected an address like https://user.github.io/repo/, found 'ftp://example.com/'"),
    ("url", "example.com", "expected an address like https://user.github.io/repo/, found 'example.com'"),
    ("url", "https://", "expected an address like https://user.github.io/repo/, found 'https://'"),
    ("language", "english", "expected a language code like en or pt-BR, found 'english'"),
    ("language", "e", "expected a language code like en or pt-BR, found 'e'"),
    ("language", "", "expected a language code like en or pt-BR, found ''"),
    ("language", "en_GB", "expected a language code like en or pt-BR, found 'en_GB'"),
    ("language", "xx", "expected a language code like en, fr or pt-BR, found 'xx', which is no language Babel knows"),
    ("language", "zz-FR", "expected a language code like en, fr or pt-BR, found 'zz-FR', which is no language Babel "
                          "knows"),
    ("repository", "https://github.com/octo-org/timeline", "expected a GitHub repository as owner/name, like "
                   "octo-org/timeline, found 'https://github.com/octo-org/timeline'"),
    ("repository", "timeline", "expected a GitHub repository as owner/name, like octo-org/timeline, found 'timeline'"),
])
def test_bad_values(tmp_path, key, value, message):
    config, problems = load(tmp_path, f'title = "T"\n{key} = "{value}"\n')
    assert problems == [problem(2, key, message)]
    assert getattr(config, key) == getattr(DEFAULTS, key)
    assert config.title == "T"


@pytest.mark.parametrize("key, value, kept", [
    ("language", "en", "en"), ("language", "pt-BR", "pt-BR"), ("language", "zh-Hant-TW", "zh-Hant-TW"),
    ("language", "fil", "fil"), ("language", "FR", "FR"),
    ("url", "", ""), ("url", "http://example.com", "http://example.com"),
    ("base_path", "/", "/"), ("base_path", "", "/"), ("base_path", "timeline", "/timeline/"),
    ("base_path", "/a/b", "/a/b/"), ("base_path", " /x/ ", "/x/"), ("base_path", "/x//", "/x/"),
    ("order", "oldest-first", "oldest-first"), ("repository", "octo-org/timeline", "octo-org/timeline"),
    ("repository", "a/b.c_d-e", "a/b.c_d-e"),
])
def test_good_values(tmp_path, key, value, kept):
    config, problems = load(tmp_path, f'{key} = "{value}"\n')
    assert problems == []
    assert getattr(config, key) == kept


@pytest.mark.parametrize("text, line, message", [
    ('title = "x"\ntitle = "y"\n', 2,
     "TOML syntax error: Cannot overwrite a value; a setting is given twice: keep one of them"),
    ('title = "x"\ntitle = "y"', 2,
     "TOML syntax error: Cannot overwrite a value; a setting is given twice: keep one of them"),
    ('title = "x\n', 1,
     "TOML syntax error: Illegal character '\\n'; put text in double quotes on one line, like title = \"My timeline\""),
    ('\n\ntitle = My timeline\n', 3,
     "TOML syntax error: Invalid value; put text in double quotes on one line, like title = \"My timeline\""),
    ('title = "a"\norder = "newest-first', 2,
     "TOML syntax error: Unterminated string; put text in double quotes on one line, like title = \"My timeline\""),
    ('title "x"\n', 1, "TOML syntax error: Expected '=' after a key in a key/value pair"),
    ('title = "x"\n\n[site\n', 3, "TOML syntax error: Expected ']' at the end of a table declaration"),
])
def test_toml_syntax_error_has_its_line(tmp_path, text, line, message):
    config, problems = load(tmp_path, text)
    assert config == DEFAULTS
    assert problems == [problem(line, "config", message)]


@pytest.mark.parametrize("path, expected", [
    ("/", "/"), ("", "/"), ("timeline", "/timeline/"), ("/timeline", "/timeline/"), ("a/b/", "/a/b/"),
    ("/a//", "/a/"), ("//", "/"),
    ("//example.com", None), ("/a//b", None), ("/a/../b", None), ("./a", None), ("/a b", None), ("a\\b", None),
    ("/a?x=1", None), ("/a#top", None),
])
def test_normalise_base_path(path, expected):
    assert normalise_base_path(path) == expected


@pytest.mark.parametrize("value, base_path, url", [
    ("/timeline/", "/timeline/", ""),
    ("timeline", "/timeline/", ""),
    ("/timeline", "/timeline/", ""),
    ("/", "/", ""),
    ("https://user.github.io/repo", "/repo/", "https://user.github.io/repo/"),
    ("https://user.github.io/repo/", "/repo/", "https://user.github.io/repo/"),
    ("https://example.com", "/", "https://example.com/"),
    ("http://example.com/a/b/", "/a/b/", "http://example.com/a/b/"),
])
def test_apply_base_url(value, base_path, url):
    start = Config(title="Kept")
    config, error = apply_base_url(start, value)
    assert error is None
    assert (config.base_path, config.url, config.title) == (base_path, url, "Kept")


def test_apply_base_url_path_keeps_the_configured_url():
    config, error = apply_base_url(Config(url="https://example.com/"), "/preview/")
    assert (config.base_path, config.url, error) == ("/preview/", "https://example.com/", None)


@pytest.mark.parametrize("value, message", [
    ("ftp://example.com/", "--base-url 'ftp://example.com/' is not an http(s) address or a path like /timeline/"),
    ("https:///x", "--base-url 'https:///x' is not an http(s) address or a path like /timeline/"),
    ("https://example.com/a b/", "--base-url 'https://example.com/a b/' has a path that cannot be used"),
    ("https://example.com/a/../b", "--base-url 'https://example.com/a/../b' has a path that cannot be used"),
    ("/a/../b", "--base-url '/a/../b' is not a path like /timeline/"),
    ("//example.com/a", "--base-url '//example.com/a' is not a path like /timeline/"),
    ("/a b/", "--base-url '/a b/' is not a path like /timeline/"),
])
def test_apply_base_url_refused(value, message):
    start = Config()
    config, error = apply_base_url(start, value)
    assert error == message
    assert config == start


def test_github_actions_fills_the_repository_that_the_file_leaves_out(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_REPOSITORY", "octo-org/from-actions")
    assert load(tmp_path, 'title = "T"\n')[0].repository == "octo-org/from-actions"
    assert load(tmp_path, 'repository = "octo-org/own"\n')[0].repository == "octo-org/own"
    assert load_config(tmp_path / "nowhere")[0].repository == "octo-org/from-actions"
    monkeypatch.setenv("GITHUB_REPOSITORY", "not a repository")
    assert load(tmp_path, 'title = "T"\n')[0].repository == ""
