"""Holidays by name: "Russia's National Unity Day" or "Christmas", looked up in the holidays package for
the country the text speaks of, in the year the tense points to."""

from __future__ import annotations

import dataclasses
import datetime
import re
from functools import lru_cache

from timeline.authoring.timex.context import FUTURE, PAST, Context, Hit
from timeline.authoring.timex.countries import countries_in, countries_near, country_pattern
from timeline.authoring.timex.values import DATE, day_value, valid_day

# A name stays on one line: "Thanksgiving\n\nThe ..." is a headline and a sentence.
HOLIDAY = re.compile((
    r"\b(?P<name>(?:(?:[A-Z][\w'’.-]*|of|the)\s+){0,5}(?:Day|Eve)(?:\s+of\s+(?:the\s+)?[A-Z]\w+(?:\s+[A-Z]\w+)?)?"
    r"|(?:(?:[A-Z][\w'’.-]*)\s+){0,3}(?:Christmas|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Thanksgiving"
    r"|New\s+Year(?:['’]s)?|Diwali|Deepavali|Holi|Hanukkah|Passover|Ramadan|Eid(?:\s+al-\w+)?|Halloween"
    r"|Nowruz|Navruz|Purim|Yom\s+Kippur|Rosh\s+Hashanah|Vesak|Chuseok|Pentecost|Juneteenth|Lunar\s+New\s+Year"
    r"|Spring\s+Festival|Mid-Autumn\s+Festival|Dragon\s+Boat\s+Festival|Dussehra|Onam|Pongal|Black\s+Friday"
    r"|Cyber\s+Monday|Giving\s+Tuesday|Remembrance\s+Sunday))\b"
    r"(?:,?\s+(?P<year>1\d{3}|20\d{2})\b)?"
).replace(r"\s+", r"[^\S\n]+"))
# Days without a public holiday to look up, the same everywhere.
_OBSERVANCES = {
    "valentine's day": (2, 14), "halloween": (10, 31), "christmas eve": (12, 24), "christmas": (12, 25),
    "christmas day": (12, 25), "new year's eve": (12, 31), "new year's day": (1, 1), "new year": (1, 1),
    "april fools' day": (4, 1), "april fool's day": (4, 1), "st. patrick's day": (3, 17),
    "st patrick's day": (3, 17), "boxing day": (12, 26), "earth day": (4, 22), "world aids day": (12, 1),
    "international women's day": (3, 8), "world environment day": (6, 5), "world press freedom day": (5, 3),
    "human rights day": (12, 10), "world health day": (4, 7), "world refugee day": (6, 20),
    "bastille day": (7, 14), "world water day": (3, 22), "world cancer day": (2, 4), "europe day": (5, 9),
    "armistice day": (11, 11), "international workers' day": (5, 1), "world mental health day": (10, 10),
    "may day": (5, 1), "anzac day": (4, 25),
}
# Days counted in weeks: (month, weekday, which one, days after it); Black Friday follows Thanksgiving.
_COUNTED_DAYS = {"black friday": (11, 3, 4, 1), "cyber monday": (11, 3, 4, 4), "giving tuesday": (11, 3, 4, 5),
                 "remembrance sunday": (11, 6, 2, 0)}
_EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}
_RELATION = re.compile(r"\b(this|next|last)\s+$")
_STOP_WORDS = {"the", "of", "on", "in", "a", "at", "and", "this", "last", "next", "s"}
_BREAKS_A_NAME = {"on", "in", "at", "by", "for", "to", "and", "this", "last", "next"}  # a title-case headline's words
_GENERIC_HOLIDAY_WORDS = {"day", "eve", "festival", "holiday", "holidays"}


def holiday_hit(match: re.Match, context: Context) -> list[Hit]:
    """Return the day of a holiday by name, in the country the text speaks of ("Russia's National Unity Day")."""
    words = match["name"].split()
    for first in range(len(words)):
        name = " ".join(words[first:])
        if _normal_words(name) <= _GENERIC_HOLIDAY_WORDS:
            break  # "Festival" alone names no holiday
        rest = words[first + 1:]
        owner = re.search(r"['’]s$", words[first]) and _normal_words(" ".join(rest)) - _GENERIC_HOLIDAY_WORDS
        if words[first].lower() in _STOP_WORDS or owner or _BREAKS_A_NAME.intersection(w.lower() for w in rest):
            continue  # "On", "the", "Russia's", "Services Closed On": context, not the holiday's name
        country = country_pattern()[0].match(name)
        if country and re.match(r"['’]s\b", name[country.end():]):
            continue  # "North Korea's Day of the Sun"
        prefix = " ".join(words[:first])
        start = match.start("name") + len(match["name"]) - len(name)
        found = _resolve_holiday(context, name, prefix, start, match)
        if found:
            return _the_week_of(found, context)
    return []


def _the_week_of(hits: list[Hit], context: Context) -> list[Hit]:
    """Return a holiday's hit as the week it falls in when the text says "week" after it ("During Thanksgiving Week",
    "the week of Thanksgiving" is the date rules' own), else the hit as it is."""
    week = re.match(r"\s+[Ww]eek\b", context.text[hits[0].end:]) if len(hits) == 1 else None
    if not week or not re.fullmatch(r"\d{4}-\d\d-\d\d", hits[0].value):
        return hits
    year, number, _ = datetime.date.fromisoformat(hits[0].value).isocalendar()
    return [dataclasses.replace(hits[0], end=hits[0].end + week.end(), value=f"{year:04d}-W{number:02d}")]


def _resolve_holiday(context: Context, name: str, prefix: str, start: int, match: re.Match) -> list[Hit]:
    """Return the hit of a holiday name looked up for the countries of its context, or []."""
    sentence_start, sentence_end = context.sentence(start)
    countries = countries_in(prefix) + countries_near(context.text, sentence_start, sentence_end, start)
    countries += [context.country.upper()] if context.country else []
    explicit_year = int(match["year"]) if match["year"] else None
    end = match.end() if explicit_year else match.end("name")
    years = [explicit_year] if explicit_year else [context.reference.year + offset for offset in (-1, 0, 1)]
    key = " ".join(name.lower().replace("’", "'").split())
    observed = [_observance_day(key, year) for year in years]
    if all(observed) and not countries:
        # With no country in sight a day kept everywhere is that day: "May Day" is 1 May, not Britain's bank holiday.
        return _holiday_choice(context, observed, start, end, explicit_year is not None)
    # With no country in sight, an English news text most likely means the American or British day.
    countries = list(dict.fromkeys(countries)) or ["US", "GB"]
    if "lunar" in name.lower():
        countries.append("CN")  # the Lunar New Year, kept on the same day across East Asia, is in China's table
    for code in countries:
        days = [day for year in years for day in _holiday_days(code, year, name)]
        if not days:
            days = _fixed_holiday_days(code, years, name)
        if days:
            return _holiday_choice(context, days, start, end, explicit_year is not None)
    if all(observed):
        return _holiday_choice(context, observed, start, end, explicit_year is not None)
    return []


def _observance_day(key: str, year: int) -> datetime.date | None:
    """Return the day of an observance kept everywhere on a fixed date or a counted weekday, or of Western
    Easter, in a year."""
    if key in _OBSERVANCES:
        return datetime.date(year, *_OBSERVANCES[key])
    if key in _COUNTED_DAYS:
        month, weekday, which, after = _COUNTED_DAYS[key]
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (which - 1) + after)
    if key in _EASTER_OFFSETS:
        from dateutil.easter import easter  # dateutil comes with dateparser

        return easter(year) + datetime.timedelta(days=_EASTER_OFFSETS[key])
    return None


def _fixed_holiday_days(code: str, years: list[int], name: str) -> list[datetime.date]:
    """Return the days of a holiday the country kept on the same date in recent years but not in these years."""
    # Ukraine suspended its public holidays under martial law in 2022, yet Independence Day is still 24 August.
    for earlier in range(min(years) - 1, min(years) - 8, -1):
        days = _holiday_days(code, earlier, name)
        if days:
            return [datetime.date(year, day.month, day.day) for year in years for day in days
                    if valid_day(year, day.month, day.day)]
    return []


def _holiday_choice(context: Context, days: list[datetime.date], start: int, end: int, explicit: bool) -> list[Hit]:
    """Return the hit for the occurrence of a holiday the tense points to; a holiday of several days is a range."""
    spells: list[list[datetime.date]] = []
    for day in sorted(set(days)):
        if spells and (day - spells[-1][-1]).days == 1:
            spells[-1].append(day)
        else:
            spells.append([day])
    reference = context.reference
    relation = _RELATION.search(context.lowered, max(0, start - 6), start)
    side = relation[1] if relation else context.tense(start, end)
    ahead = min((s for s in spells if s[0] >= reference), default=spells[-1])
    behind = max((s for s in spells if s[0] <= reference), default=spells[0])
    if explicit:
        chosen = spells[0]
    elif side in (FUTURE, "next"):
        chosen = ahead
    elif side in (PAST, "last"):
        chosen = behind
    else:  # "this Thanksgiving", or no clue: the nearest
        chosen = min((behind, ahead), key=lambda s: abs((s[0] - reference).days))
    last = day_value(chosen[-1]) if len(chosen) > 1 else None
    return [Hit(start, end, DATE, day_value(chosen[0]), not explicit, last)]


def _normal_words(name: str) -> set[str]:
    """Return the lower-case words of a holiday name without possessives and filler ('unity', 'day')."""
    # Words in brackets stay: they are another name of the day ("Chinese New Year (Spring Festival)").
    name = re.sub(r"['’]s\b|['’]", " ", name.lower())
    words = {word for word in re.findall(r"[a-z0-9]+", name) if word not in _STOP_WORDS}
    return words - {"lunar"} | {"chinese"} if {"lunar", "new", "year"} <= words else words  # one day, two names


@lru_cache(maxsize=512)
def _holiday_days(code: str, year: int, name: str) -> tuple[datetime.date, ...]:
    """Return the days of the country's holidays in that year whose name fits, the best fitting kind only."""
    wanted = _normal_words(name)
    exact, inside, around = [], [], []
    for day, holiday in _holiday_table(code, year):
        if "substitute" in holiday.lower() or holiday.lower().startswith("day off") or "observed" in holiday.lower():
            continue
        words = _normal_words(holiday)
        if words == wanted:
            exact.append(day)
        elif words and words < wanted:
            inside.append((len(words), day))  # "Unity Day" in "National Unity Day"
        elif wanted < words and wanted - {"day"}:
            around.append((words - wanted, day))  # "Christmas" in "Christmas Day"
    # Of the names inside the one written, the longest says most: not "National Day" in "National Unity Day".
    inside = [day for size, day in inside if size == max(size for size, _ in inside)]
    # Of the names around it, one that only adds "day": "New Year" is New Year's Day, not New Year's Eve.
    around = [day for extra, day in around if extra <= {"day"}] or [day for _, day in around]
    return tuple(exact or inside or around)


@lru_cache(maxsize=256)
def _holiday_table(code: str, year: int) -> tuple[tuple[datetime.date, str], ...]:
    """Return (day, English name) of a country's holidays in a year, from the holidays package."""
    import warnings

    import holidays  # imported late: it is slow to import, and most texts name no holiday

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # years outside a country's table warn; they simply find nothing
        try:
            kept = holidays.country_holidays(code).supported_categories
        except (NotImplementedError, KeyError, ValueError):
            return ()
        # Days people keep without a day off ("Mother's Day", "Groundhog Day") are named in news too.
        categories = tuple(c for c in kept if c in ("public", "unofficial", "optional"))
        for language in ("en_US", None):
            try:
                table = holidays.country_holidays(code, years=year, language=language, categories=categories)
            except (NotImplementedError, KeyError, ValueError):
                return ()
            if table:
                return tuple(sorted((day, name) for day, names in table.items() for name in names.split("; ")))
    return ()
