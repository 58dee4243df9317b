"""YAML mistakes explained on their own line, in words a contributor can act on.

libyaml's words ("found character that cannot start any token") point at quoting, often a line
too low; a tab, a dash without its space or a field indented too deep is named where it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from timeline.english import plural

if TYPE_CHECKING:
    import yaml

# How a problem is reported: (line, field, message[, severity]), as EventFile.problem takes them.
Report = Callable[..., None]


_OPENERS = {
    "while scanning a quoted scalar": "the quote that starts on this line is never closed",
    "while parsing a flow sequence": "the [ on this line is never closed with ]",
    "while parsing a flow mapping": "the { on this line is never closed with }",
}


# "title:A meeting": without a space after the colon, YAML reads the whole line as text.
_MISSING_SPACE = re.compile(r"\s*(?:- )?(?P<key>[A-Za-z_]+):(?P<value>[^\s/].*)")
# "  -diplomacy": without a space after the dash, YAML reads the item as text, or as a broken line.
DASH_ITEM = re.compile(r"(?P<indent> *)(?P<item>-[^\s-].*)")
# A front-matter line: its indentation, a list item's dash, a field's 'name:', and the rest of it.
_SHAPE = re.compile(r"(?P<indent>[ \t]*)(?P<dash>-(?: +|$))?(?:(?P<key>[A-Za-z_][\w-]*):(?: +|$))?(?P<rest>.*)")


def report_line_mistake(text: str, first_line: int, last_line: int, report: Report,
                         error_line: int | None = None) -> bool:
    """Record the first line up to last_line with a mistake that YAML words cryptically; return whether found."""
    lines = text.split("\n")
    for index in range(min(len(lines), last_line - first_line + 1)):
        found = _line_mistake(lines, index, at_error=first_line + index == error_line)
        if found:
            report(first_line + index, *found)
            return True
    return False


def _line_mistake(lines: list[str], index: int, at_error: bool) -> tuple[str, str] | None:
    """Return (field, message) for a mistake on lines[index] that we can word better than YAML, or None."""
    # A tab can sit in a block of text without harm, so it is blamed only on the line YAML stopped at.
    if at_error and (found := _tab_mistake(lines, index)):
        return found
    if found := _dash_mistake(lines, index) or _indent_mistake(lines, index):
        return found
    match = _MISSING_SPACE.fullmatch(lines[index])
    if match:
        key, value = match["key"], match["value"].strip()
        return key, f"needs a space after the colon: write '{key}: {value}'"
    return None


def _tab_mistake(lines: list[str], index: int) -> tuple[str, str] | None:
    """Return (field, message) when lines[index] is indented with a tab, which YAML does not allow."""
    content = lines[index].lstrip(" \t")
    tabs = lines[index][: len(lines[index]) - len(content)].count("\t")
    if not tabs:
        return None
    spaces = _line_up_column(lines, index)
    which = "the tab" if tabs == 1 else "the tabs"
    fix = f"replace {which} with {plural(spaces, 'space')}" if spaces else f"remove {which}"
    fixed = " " * spaces + content
    return field_of(lines, index), f"is indented with a tab, but YAML needs spaces: {fix}, as '{fixed}'"


def _dash_mistake(lines: list[str], index: int) -> tuple[str, str] | None:
    """Return (field, message) when lines[index] is a list item with no space after its dash."""
    match = DASH_ITEM.fullmatch(lines[index])
    owner = _list_owner(lines, index, len(match["indent"])) if match else None
    if owner is None:
        return None
    return owner, missing_dash_space(match["indent"], match["item"].rstrip())


def _indent_mistake(lines: list[str], index: int) -> tuple[str, str] | None:
    """Return (field, message) when lines[index] is a field indented further in than the field above it."""
    shape = _SHAPE.fullmatch(lines[index])
    above = _above(lines, index)
    if not shape["key"] or shape["dash"] or "\t" in shape["indent"] or above is None:
        return None
    over = _SHAPE.fullmatch(lines[above])
    # A field with its value after the colon ('publisher: X', unlike 'sources:' or 'quote: |') holds no lines
    # below it: YAML reads the deeper line as more of X and stops at its colon, calling that the mistake.
    if not over["key"] or _opens_block(over) or len(shape["indent"]) <= _value_column(over):
        return None
    extra = plural(len(shape["indent"]) - _value_column(over), "space")
    return shape["key"], f"is indented {extra} more than '{over['key']}:' above it; remove {extra} so it lines up"


def missing_dash_space(indent: str, item: str) -> str:
    """Return the message for a list item written '-diplomacy', with the line to write instead."""
    return f"{item!r} is not a list item: write it with a space after the dash, as '{indent}- {item[1:]}'"


def _list_owner(lines: list[str], index: int, indent: int) -> str | None:
    """Return the field whose list lines[index], indented by indent, would be an item of; None when in no list."""
    above = _above(lines, index)
    while above is not None:
        shape = _SHAPE.fullmatch(lines[above])
        if len(shape["indent"]) > indent or (len(shape["indent"]) == indent and shape["dash"]):
            above = _above(lines, above)  # an earlier item of the list, or a line inside one: look further up
            continue
        # Under 'tags:' a line that starts with '-' is an item; under 'quote: |' or 'title: A' it is text.
        return shape["key"] if shape["key"] and not shape["rest"] else None
    return None


def _above(lines: list[str], index: int) -> int | None:
    """Return the index of the nearest line above lines[index] that holds more than spaces or a comment."""
    for above in range(index - 1, -1, -1):
        text = lines[above].strip()
        if text and not text.startswith("#"):
            return above
    return None


def _value_column(shape: re.Match) -> int:
    """Return the column where a line's field name or value starts, after its indentation and dash."""
    return len(shape["indent"]) + len(shape["dash"] or "")


def _opens_block(shape: re.Match) -> bool:
    """Return whether a line is a 'name:' whose value goes on the lines below it (a list, fields, or | or > text)."""
    return bool(shape["key"]) and (not shape["rest"] or shape["rest"][0] in "|>#")


def _line_up_column(lines: list[str], index: int) -> int:
    """Return the column lines[index] should start at, judged by the line above it."""
    above = _above(lines, index)
    if above is None:
        return 0
    shape = _SHAPE.fullmatch(lines[above])
    if _opens_block(shape):
        return _value_column(shape) + 2  # the first line inside: two spaces in, as CONTRIBUTING writes it
    if shape["dash"] and lines[index].lstrip(" \t").startswith("-"):
        return len(shape["indent"])  # the next item of the same list
    return _value_column(shape)  # the next field of the same group


def field_of(lines: list[str], index: int) -> str:
    """Return the field a line belongs to: the name it starts with, or the one of the group it is indented under."""
    shape = _SHAPE.fullmatch(lines[index].lstrip(" \t"))
    if shape["key"]:
        return shape["key"]
    indent = len(lines[index]) - len(lines[index].lstrip(" \t"))
    for above in range(index - 1, -1, -1):
        shape = _SHAPE.fullmatch(lines[above])
        if lines[above].strip() and len(shape["indent"]) < indent and shape["key"]:
            return shape["key"]
    return "front matter"


def never_closed(error: yaml.MarkedYAMLError) -> bool:
    """Return whether the error is a quote or bracket left open."""
    problem = error.problem or ""
    return error.context in _OPENERS and ("end of stream" in problem or "did not find expected ','" in problem)


def yaml_error_message(error: yaml.MarkedYAMLError) -> str:
    """Return a YAML syntax error in words a contributor can act on."""
    problem = (error.problem or "is not valid YAML").rstrip(".")
    hint = ""
    if never_closed(error):
        hint = f"; {_OPENERS[error.context]}"
    elif "mapping values are not allowed" in problem:
        hint = "; a value that contains ': ' must be put in quotes"
    elif "found character '\\t'" in problem or "tab character" in problem:
        hint = "; indent with spaces, not tabs"
    elif "could not find expected ':'" in problem:
        hint = "; each line should be 'name: value'"
    elif "found unknown escape" in problem:
        hint = ("; inside double quotes a backslash starts an escape: use single quotes instead, "
                "or write \\\\ for a backslash")
    elif "found undefined alias" in problem:
        hint = "; put the value in quotes"
    elif "cannot start any token" in problem:
        hint = "; a value that starts with @, ` or % must be put in quotes"
    elif "block sequence entries are not allowed" in problem:
        hint = "; a value that starts with '- ' must be put in quotes (list items go on their own lines)"
    elif "did not find expected key" in problem:
        hint = "; line this field up with the ones above it, and put a value that starts with a quote, [ or { in quotes"
    elif "did not find expected '-' indicator" in problem:
        hint = "; line up each item's fields with its first one"
    return f"YAML syntax error: {problem}{hint}"
