"""entities.toml: one name per person, place and organisation, its other spellings and its Wikidata id.

Events are read as written; the project then puts every actor and place under its entity's name
(Canonical), so a file's reading never depends on entities.toml and its caches stay valid.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from timeline.folders import ENTITIES_FILE
from timeline.model.config import toml_error
from timeline.model.event import Event
from timeline.problems import WARNING, Problem

ENTITY_KEYS = ("name", "aliases", "wikidata")
WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
WIKIDATA_PAGE = "https://www.wikidata.org/wiki/"
NAMED_ATTRIBUTES = ("actors", "location")  # the event fields whose values are names of entities
# What two spellings of one name may differ by: hyphens and dashes, apostrophes, spaces, commas and full stops
# ("Kim Jong-un", "Ch'oe", "Moscow, Russia", "Vladimir V. Putin"), accents and case aside.
_SPELLING_MARKS = re.compile(r"[\s\-\u2010-\u2015'\u2018\u2019\u02bb\u02bc`´,.]+")


@dataclass(frozen=True)
class Entity:
    """A person, place or organisation: its name, its other spellings and its Wikidata id ('' when unknown)."""

    name: str
    aliases: tuple[str, ...] = ()
    wikidata: str = ""
    line: int = field(default=1, compare=False)  # its [[entity]] line in entities.toml

    @property
    def wikidata_url(self) -> str:
        """Return the entity's page on Wikidata, or '' without an id."""
        return f"{WIKIDATA_PAGE}{self.wikidata}" if self.wikidata else ""


@dataclass(frozen=True)
class Entities:
    """Every entity of entities.toml, and each spelling's entity."""

    entities: tuple[Entity, ...] = ()
    _by_spelling: dict[str, Entity] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        for entity in self.entities:
            for spelling in (entity.name, *entity.aliases):
                self._by_spelling.setdefault(spelling, entity)

    def __bool__(self) -> bool:
        """Return whether there is any entity."""
        return bool(self.entities)

    def entity(self, spelling: str) -> Entity | None:
        """Return the entity a name or alias spells, or None."""
        return self._by_spelling.get(spelling)

    def name(self, spelling: str) -> str:
        """Return the name of the entity a spelling stands for, or the spelling itself."""
        entity = self._by_spelling.get(spelling)
        return entity.name if entity is not None else spelling


NO_ENTITIES = Entities()


def spelling_key(name: str) -> str:
    """Return what two spellings of one name share: no accents, case, hyphens, apostrophes, spaces, commas or full
    stops ("Ch'oe Sŏn-hŭi" and "Choe Son Hui" are both 'choesonhui')."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPELLING_MARKS.sub("", bare).casefold()


# --- reading entities.toml --------------------------------------------------------------------------


def load_entities(root: Path) -> tuple[Entities, list[Problem]]:
    """Return the entities of root/entities.toml (none when there is no file), and its problems."""
    path = root / ENTITIES_FILE
    if not path.is_file():
        problems = [] if not path.exists() else [Problem(ENTITIES_FILE, 1, "entities", "is not a file; entities.toml "
                                                         "is a file of [[entity]] tables, or left out")]
        return NO_ENTITIES, problems
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, message = toml_error(error, text)
        return NO_ENTITIES, [Problem(ENTITIES_FILE, line, "entities", message.replace(
            'title = "My timeline"', 'name = "Choe Son Hui"'))]
    lines = _TableLines(text)
    problems = [Problem(ENTITIES_FILE, lines.top_level(key), key,
                        "unknown table: write each entity as a table of its own, under a line [[entity]]")
                for key in data if key != "entity"]
    tables = data.get("entity", [])
    if isinstance(tables, dict) or not all(isinstance(table, dict) for table in tables):
        problems.append(Problem(ENTITIES_FILE, lines.top_level("entity"), "entity",
                                "write each entity under a line [[entity]], with two brackets"))
        return NO_ENTITIES, problems
    entities = [_entity(table, lines.of_table(index), problems) for index, table in enumerate(tables)]
    problems += _clashes([entity for entity in entities if entity is not None], lines)
    if any(problem.severity != WARNING for problem in problems):
        return NO_ENTITIES, problems
    return Entities(tuple(entity for entity in entities if entity is not None)), problems


class _TableLines:
    """Where each [[entity]] table and its keys are in the text of entities.toml (tomllib gives no lines)."""

    def __init__(self, text: str):
        self.text_lines = text.splitlines()
        self.starts = [number for number, line in enumerate(self.text_lines, 1)
                       if re.match(r"\s*\[\[\s*[\"']?entity[\"']?\s*\]\]", line)]

    def top_level(self, key: str) -> int:
        """Return the line where a top-level key or table is set (1 when not found)."""
        pattern = re.compile(rf"\s*(\[\[?\s*)?[\"']?{re.escape(key)}[\"']?\s*[=.\]]")
        return next((n for n, line in enumerate(self.text_lines, 1) if pattern.match(line)), 1)

    def of_table(self, index: int) -> dict[str, int]:
        """Return {'': the table's line, key: the line it is set on} for the index-th [[entity]]."""
        start = self.starts[index] if index < len(self.starts) else 1
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text_lines) + 1
        found = {"": start}
        for number in range(start + 1, end):
            key = re.match(r"\s*[\"']?([A-Za-z0-9_-]+)[\"']?\s*=", self.text_lines[number - 1])
            if key:
                found.setdefault(key.group(1), number)
        return found

    def of_alias(self, table: dict[str, int], alias: str) -> int:
        """Return the line of an alias in a table's aliases (its aliases line when it cannot be told)."""
        start = table.get("aliases", table[""])
        for number in range(start, min(start + 50, len(self.text_lines) + 1)):
            if alias in " ".join(self.text_lines[number - 1].split()):
                return number
        return start


def _entity(table: dict, lines: dict[str, int], problems: list[Problem]) -> Entity | None:
    """Return one [[entity]] table as an Entity, or None after noting its problems."""
    found = len(problems)
    for key in table:
        if key not in ENTITY_KEYS:
            close = difflib.get_close_matches(key, ENTITY_KEYS, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(Problem(ENTITIES_FILE, lines.get(key, lines[""]), key,
                                    f"unknown key: {hint}an entity has {', '.join(ENTITY_KEYS)}"))
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        message = ('an entity needs its name, the spelling its page goes under, like name = "Choe Son Hui"'
                   if name is None else f"expected the entity's name as text in quotes, found {name!r}")
        problems.append(Problem(ENTITIES_FILE, lines.get("name", lines[""]), "name", message))
    aliases = table.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        problems.append(Problem(ENTITIES_FILE, lines.get("aliases", lines[""]), "aliases",
                                f'expected a list of spellings in quotes, like aliases = ["Choe Sonhui"], '
                                f"found {aliases!r}"))
    wikidata = table.get("wikidata", "")
    if wikidata != "" and not (isinstance(wikidata, str) and WIKIDATA_ID.fullmatch(wikidata)):
        problems.append(Problem(ENTITIES_FILE, lines.get("wikidata", lines[""]), "wikidata",
                                _wikidata_message(wikidata)))
    if len(problems) > found:
        return None
    return Entity(" ".join(name.split()), tuple(dict.fromkeys(" ".join(a.split()) for a in aliases)), wikidata,
                  lines[""])


def _wikidata_message(value) -> str:
    """Return what is wrong with a Wikidata id and the form it takes."""
    shown = repr(value)
    found = re.search(r"\bQ[1-9][0-9]*$", value.strip()) if isinstance(value, str) else None
    hint = f"; write only {found.group()}" if found else ""
    return f"expected a Wikidata id, Q and digits like Q42 (the end of the item's address {WIKIDATA_PAGE}Q42), " \
           f"found {shown}{hint}"


def _clashes(entities: list[Entity], lines: _TableLines) -> list[Problem]:
    """Return the problems between entities: a name given twice, a spelling given to two entities, an id twice."""
    problems = []
    names = {}
    for entity in entities:
        first = names.setdefault(entity.name, entity)
        if first is not entity:
            problems.append(Problem(ENTITIES_FILE, entity.line, "name", f"{entity.name!r} is already the name of "
                                    f"the entity at line {first.line}; make them one entity"))
    spellings: dict[str, Entity] = {}
    ids: dict[str, Entity] = {}
    for entity in entities:
        table = lines.of_table(lines.starts.index(entity.line)) if entity.line in lines.starts else {"": entity.line}
        for alias in entity.aliases:
            problems += _alias_problems(entity, alias, names, spellings, lines.of_alias(table, alias))
            spellings.setdefault(alias, entity)
        if entity.wikidata:
            first = ids.setdefault(entity.wikidata, entity)
            if first is not entity:
                problems.append(Problem(ENTITIES_FILE, table.get("wikidata", entity.line), "wikidata",
                                        f"{entity.wikidata} is already the id of {first.name!r} (line {first.line}); "
                                        "one item is one entity: make them one"))
    return problems


def _alias_problems(entity: Entity, alias: str, names: dict[str, Entity], spellings: dict[str, Entity],
                    line: int) -> list[Problem]:
    """Return what is wrong with one alias of an entity, given the names and the aliases before it."""
    named = names.get(alias)
    if named is entity:
        return [Problem(ENTITIES_FILE, line, "aliases", f"{alias!r} is the entity's own name; remove it from "
                                                        "its aliases", WARNING)]
    if named is not None:
        return [Problem(ENTITIES_FILE, line, "aliases", f"{alias!r} is the name of another entity (line "
                                                        f"{named.line}); a spelling stands for one entity only")]
    first = spellings.get(alias)
    if first is not None and first is not entity:
        return [Problem(ENTITIES_FILE, line, "aliases", f"{alias!r} is already an alias of {first.name!r} (line "
                                                        f"{first.line}); a spelling stands for one entity only")]
    return []


# --- events under the entities' names -------------------------------------------------------------


def canonical_event(event: Event, entities: Entities) -> Event:
    """Return the event with its actors and place under their entities' names (the event itself when none moves)."""
    name = entities.name
    actors = tuple(dict.fromkeys(name(actor) for actor in event.actors))  # two spellings of one actor: once
    location = name(event.location)
    if actors == event.actors and location == event.location:
        return event
    return replace(event, actors=actors, location=location)


class Canonical:
    """Puts a project's events under the entities' names, making each event's canonical form once: the preview
    tells a changed event by identity, so an unchanged event must stay the same object."""

    def __init__(self):
        self._entities: Entities | None = None
        self._made: dict[int, tuple[Event, Event]] = {}

    def events(self, events: list[Event], entities: Entities) -> list[Event]:
        """Return the events with their actors and places under the entities' names."""
        if not entities:
            self._made, self._entities = {}, entities
            return events
        if entities != self._entities:
            self._made, self._entities = {}, entities
        made, kept = {}, self._made
        for event in events:
            pair = kept.get(id(event))
            if pair is None or pair[0] is not event:
                pair = (event, canonical_event(event, entities))
            made[id(event)] = pair
        self._made = made
        return [made[id(event)][1] for event in events]


# --- names that differ only by spelling -----------------------------------------------------------


def spelling_problems(events: list[Event], files: list, entities: Entities) -> list[Problem]:
    """Return a warning for each actor or place spelt in two ways that differ only by spelling (see spelling_key),
    and that no entity joins, with the lines of entities.toml that would."""
    field_lines = {f.relpath: f.front_matter.entries for f in files if f.front_matter}
    problems = []
    for attribute in NAMED_ATTRIBUTES:
        uses: dict[str, list[Event]] = {}
        for event in events:
            values = getattr(event, attribute)
            for value in (values,) if isinstance(values, str) else values:
                if value:
                    uses.setdefault(value, []).append(event)
        by_key: dict[str, list[str]] = {}
        for value in uses:
            by_key.setdefault(spelling_key(value), []).append(value)
        for spellings in by_key.values():
            if len(spellings) > 1 and not all(entities.entity(s) for s in spellings):  # two entities: meant apart
                problems.append(_spelling_warning(attribute, spellings, uses, field_lines, entities))
    return problems


def _spelling_warning(attribute: str, spellings: list[str], uses: dict[str, list[Event]], field_lines: dict,
                      entities: Entities) -> Problem:
    """Return the warning for spellings of one name, at the first use of one that is not the name to keep."""
    entity = next((entities.entity(s) for s in spellings if entities.entity(s)), None)
    in_order = sorted(spellings, key=lambda s: uses[s][0].path)
    # the name to keep: the entity's, else the spelling most events use (the first used, of equals)
    keep = entity.name if entity else max(in_order, key=lambda s: len(uses[s]))
    others = [s for s in in_order if s != keep]
    event = uses[others[0]][0]
    entry = field_lines.get(event.path, {}).get(attribute)
    line = entry[0] if entry else 1
    kind = "actor" if attribute == "actors" else "place"
    also = f" (so does {', '.join(repr(s) for s in others[1:])})" if len(others) > 1 else ""
    if entity:
        aliases = _toml_list([*entity.aliases, *others])
        fix = f"give the entity {entity.name!r} ({ENTITIES_FILE}, line {entity.line}) the line `aliases = {aliases}`"
    else:
        fix = join_lines(keep, others)
    return Problem(event.path, line, attribute, f"{kind} {others[0]!r} differs from {keep!r} (in "
                                                f"{uses[keep][0].path}) only in spelling{also}; if they are one "
                                                f"{kind}, {fix}", WARNING)


def join_lines(name: str, others: list[str]) -> str:
    """Return the advice to join spellings under a name, with the lines of entities.toml that do it."""
    return (f"add to {ENTITIES_FILE} the lines `[[entity]]`, `name = {_toml_string(name)}` and "
            f"`aliases = {_toml_list(others)}`")


def _toml_string(text: str) -> str:
    """Return text as a TOML string in double quotes."""
    return json.dumps(text, ensure_ascii=False)  # JSON's escapes are TOML's


def _toml_list(texts: list[str]) -> str:
    """Return texts as a TOML list of strings on one line."""
    return "[" + ", ".join(_toml_string(text) for text in texts) + "]"
