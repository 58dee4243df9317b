"""The Jinja2 environment the templates in templates/ are rendered in: autoescaped, strict, translated."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import jinja2.ext
from jinja2.lexer import Token

from timeline.folders import TEMPLATES_DIR


def template_environment(root: Path, ui_gettext) -> jinja2.Environment:
    """Return the environment of a project's templates, its interface text translated by ui_gettext."""
    env = _Environment(
        loader=jinja2.FileSystemLoader(root / TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a renderer is made anew when a template changes (see Builder._renderer_for)
        extensions=[Unindented, TranslatedLiterals],
    )
    env.extend(ui_gettext=ui_gettext)
    return env


class _Environment(jinja2.Environment):
    """A Jinja2 environment whose templates see its globals through one plain dict."""

    def make_globals(self, d):
        """Return a template's globals: the environment's, overlaid by its own, copied once as it loads.

        Jinja2's default, a ChainMap of the two, is walked in Python for every page rendered and
        every import of macros (a large part of an event page's time). Our globals are all set before
        the first template loads, and Jinja2 asks that they not change after it.
        """
        return {**self.globals, **(d or {})}


class TranslatedLiterals(jinja2.ext.Extension):
    """Compiles each `_('literal')` of a template to its translation, a constant, as the template loads.

    A renderer's language is fixed, so a UI string given no values is the same on every page;
    folding it saves each page two calls per string. Calls with values, and templates that
    assign `_` themselves, are left to run as written.
    """

    def filter_stream(self, stream):
        """Return the template's tokens with every plain `_('literal')` replaced by its translated string."""
        tokens = list(stream)
        gettext = self.environment.ui_gettext
        names = {i for i, token in enumerate(tokens)  # the name `_`, not an attribute, filter or test of that name
                 if token.test("name:_") and not (i and tokens[i - 1].test_any("dot", "pipe", "name:is"))}
        if any(i + 1 == len(tokens) or tokens[i + 1].type != "lparen" or (i and tokens[i - 1].test("name:macro"))
               for i in names):
            return tokens  # `_` is defined here (set, for, import, macro...): its calls mean what the template made
        folded: list[Token] = []
        i = 0
        while i < len(tokens):
            if i in names and i + 3 < len(tokens) and tokens[i + 2].type == "string" and tokens[i + 3].type == "rparen":
                folded.append(Token(tokens[i].lineno, "string", gettext(tokens[i + 2].value)))
                i += 4
            else:
                folded.append(tokens[i])
                i += 1
        return folded


class Unindented(jinja2.ext.Extension):
    """Drops the spaces that indent a template's lines, outside <pre> and <textarea>, as the template loads.

    The indentation that keeps a template readable is a sixteenth of an event page and changes nothing a browser
    shows; what a page's values bring in (a description's code block) is not the template's source and stays.
    """

    KEPT = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.IGNORECASE | re.DOTALL)
    INDENT = re.compile(r"^[ \t]+", re.MULTILINE)

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        """Return the template's source with its lines' leading spaces and tabs removed outside <pre>, <textarea>."""
        parts = self.KEPT.split(source)
        # split() gives text, then each kept element and its tag name, then text again
        return "".join(self.INDENT.sub("", part) if i % 3 == 0 else part if i % 3 == 1 else ""
                       for i, part in enumerate(parts))
