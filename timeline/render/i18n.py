"""The site's language: UI strings and dates as readers of the configured language read them.

English is the source language: every UI string is written in English in the templates
(`_("Skip to content")`) and looked up here for other languages; a string without a
translation stays English. Month names, date patterns and eras come from Babel's CLDR data,
so dates follow any language Babel knows; English dates read as timeline.dates writes them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from timeline.model.dates import (
    DAY,
    ENGLISH_WORDS,
    MONTH,
    SEASONS,
    YEAR,
    EventDate,
    describe_range,
    format_range,
    format_year,
    range_parts,
)
from timeline.model.facets import FACET_OF

# Translations of the UI strings, by language (the part of the code before any '-').
# A plural entry is a dict of CLDR plural categories ("one", "other"...) to texts with {n}.
MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
    "fr": {
        "Skip to content": "Aller au contenu",
        "Site": "Site",
        "Timeline": "Chronologie",
        "Tags": "Thèmes",
        "Actors": "Acteurs",
        "Places": "Lieux",
        "tag": "thème",
        "actor": "acteur",
        "place": "lieu",
        "Breadcrumb": "Fil d'Ariane",
        "{n} events": {"one": "{n} événement", "other": "{n} événements"},
        "oldest first": "du plus ancien au plus récent",
        "newest first": "du plus récent au plus ancien",
        "Years": "Années",
        "Events per year": "Événements par année",
        "Events per month": "Événements par mois",
        "No events yet. Add a file to events/ (see CONTRIBUTING.md).":
            "Aucun événement pour l'instant. Ajoutez un fichier dans events/ (voir CONTRIBUTING.md).",
        "Find events": "Trouver des événements",
        "Search": "Rechercher",
        "Words, people or places": "Mots, personnes ou lieux",
        "Any tag": "Tous les thèmes",
        "Any actor": "Tous les acteurs",
        "Any place": "Tous les lieux",
        "Clear all": "Tout effacer",
        "Remove filter: {value}": "Retirer le filtre : {value}",
        "{n} events match": {"one": "{n} événement correspond", "other": "{n} événements correspondent"},
        "{n} of {total} events match": {"one": "{n} événement sur {total} correspond",
                                        "other": "{n} événements sur {total} correspondent"},
        "No events match.": "Aucun événement ne correspond.",
        "Show more": "Afficher plus",
        "Searching…": "Recherche…",
        "Search could not load; browse by tag, actor or place instead.":
            "La recherche n'a pas pu être chargée ; parcourez plutôt par thème, acteur ou lieu.",
        "Browse by": "Parcourir par",
        "tags": "thèmes",
        "actors": "acteurs",
        "places": "lieux",
        "or": "ou",
        "Earlier and later years": "Années précédentes et suivantes",
        "Pages of this list": "Pages de cette liste",
        "Events": "Événements",
        "Page {n}": "Page {n}",
        "Page {n} of {count}.": "Page {n} sur {count}.",
        "This event has a new address.": "Cet événement a changé d'adresse.",
        "Date known to the day: {date}.": "Date connue au jour près: {date}.",
        "Date known to the month: {date}.": "Date connue au mois près: {date}.",
        "Date known to the season: {date}.": "Date connue à la saison près: {date}.",
        "Date known to the year: {date}.": "Date connue à l'année près: {date}.",
        "Date known to the decade: {date}.": "Date connue à la décennie près: {date}.",
        "Date known to the century: {date}.": "Date connue au siècle près: {date}.",
        "The latest {shown} of {total} events; events.json holds them all.":
            "Les {shown} derniers des {total} événements ; events.json les contient tous.",
        "Previous page": "Page précédente",
        "Next page": "Page suivante",
        "Filters": "Filtres",
        "Earlier": "Plus tôt",
        "Later": "Plus tard",
        "Continue with {year}": "Continuer avec {year}",
        "Draft": "Brouillon",
        "circa: about": "circa : environ",
        "c.": "v.",
        "possibly": "peut-être",
        "since {date}, ongoing": "depuis {date}, en cours",
        "{day}": "le {day}",
        "the {decade}s": "les années {decade}",
        "the {century}th century": "le {century}e siècle",
        "spring": "printemps",
        "summer": "été",
        "autumn": "automne",
        "winter": "hiver",
        "{n} days": {"one": "{n} jour", "other": "{n} jours"},
        "{n} months": {"one": "{n} mois", "other": "{n} mois"},
        "{n} years": {"one": "{n} an", "other": "{n} ans"},
        "Source": "Source",
        "Sources": "Sources",
        "single source": "source unique",
        "This event rests on a single source.": "Cet événement repose sur une seule source.",
        "No sources yet": "Pas encore de source",
        "This draft has no sources yet.": "Ce brouillon n'a pas encore de source.",
        "About this event": "À propos de cet événement",
        "Where": "Où",
        "Who": "Qui",
        "What happened": "Ce qui s'est passé",
        "archived copy": "copie archivée",
        "Earlier and later events": "Événements précédents et suivants",
        "See this event on the timeline": "Voir cet événement dans la chronologie",
        "Copy link": "Copier le lien",
        "Link copied": "Lien copié",
        "Link to this event": "Lien vers cet événement",
        "Every event rests on the published sources listed on its page.":
            "Chaque événement repose sur les sources publiées indiquées sur sa page.",
        "Page not found": "Page introuvable",
        "There is no page at this address.": "Il n'y a pas de page à cette adresse.",
        "There is no page at this address. It may have been renamed or removed, or the address may be mistyped.":
            "Il n'y a pas de page à cette adresse. Elle a peut-être été renommée ou supprimée, "
            "ou l'adresse est mal saisie.",
        "Go to the timeline": "Aller à la chronologie",
        "Browse by {facet}": "Parcourir par {facet}",
        "{n} tags": {"one": "{n} thème", "other": "{n} thèmes"},
        "{n} actors": {"one": "{n} acteur", "other": "{n} acteurs"},
        "{n} places": {"one": "{n} lieu", "other": "{n} lieux"},
        "in alphabetical order.": "par ordre alphabétique.",
        "Every {kind} on {title}, with the events of each.": "Chaque {kind} de {title}, avec ses événements.",
        "No events name any {plural} yet.": "Aucun événement ne nomme encore de {plural}.",
        "tagged {value}": "avec le thème {value}",
        "involving {value}": "impliquant {value}",
        "in {value}": "à {value}",
        "Events tagged {value}.": "Événements avec le thème {value}.",
        "Events involving {value}.": "Événements impliquant {value}.",
        "Events in {value}.": "Événements à {value}.",
        "Year {year} of {title}.": "L'année {year} de {title}.",
        "{month} in {title}.": "{month} dans {title}.",
        "Find this quote in the article": "Retrouver cette citation dans l'article",
        "Also written {names}.": "Aussi écrit {names}.",
        "{name} on Wikidata": "{name} sur Wikidata",
        "{n} independent sources": {"one": "{n} source indépendante", "other": "{n} sources indépendantes"},
        "These sources come from a single publisher.": "Ces sources viennent d'un seul éditeur.",
        "First reported": "Premier article",
        "{n} days later": {"one": "{n} jour plus tard", "other": "{n} jours plus tard"},
        "Corroboration": "Corroboration",
        "corroboration": "corroboration",
        "Any number of sources": "Tout nombre de sources",
        "Two or more independent sources": "Deux sources indépendantes ou plus",
        "A single source": "Une seule source",
        "resting on {value}": "reposant sur {value}",
        "Events resting on {value}.": "Événements reposant sur {value}.",
        "number of independent sources": "nombre de sources indépendantes",
        "This entry": "Cette entrée",
        "Added to the timeline": "Ajouté à la chronologie le",
        "last changed": "modifié pour la dernière fois le",
        "Its history": "Son historique",
        "Suggest a correction": "Proposer une correction",
        "Related events": "Événements liés",
        "Follows": "Fait suite à",
        "Followed by": "Suivi de",
        "Responds to": "Répond à",
        "Responded to by": "A pour réponse",
        "Contradicts": "Contredit",
        "Contradicted by": "Contredit par",
        "Supersedes": "Remplace",
        "Superseded by": "Remplacé par",
        "See also": "Voir aussi",
        "Superseded": "Remplacé",
        "Picture: {credit}": "Image : {credit}",
        "Thread": "Fil",
        "Threads": "Fils",
        "thread": "fil",
        "threads": "fils",
        "{n} threads": {"one": "{n} fil", "other": "{n} fils"},
        "Any thread": "Tous les fils",
        "in the thread {value}": "du fil {value}",
        "Events in the thread {value}.": "Événements du fil {value}.",
        "The same day": "Le même jour",
        "The same month": "Le même mois",
        "The same year": "La même année",
        "{n} months later": {"one": "{n} mois plus tard", "other": "{n} mois plus tard"},
        "{n} years later": {"one": "{n} an plus tard", "other": "{n} ans plus tard"},
        "Status": "Statut",
        "status": "statut",
        "statuses": "statuts",
        "{n} statuses": {"one": "{n} statut", "other": "{n} statuts"},
        "Any status": "Tout statut",
        "Reported": "Rapporté",
        "Confirmed": "Confirmé",
        "Claimed": "Affirmé",
        "Disputed": "Contesté",
        "Retracted": "Retiré",
        "published reporting, not independently confirmed": "rapporté par la presse, sans confirmation indépendante",
        "confirmed by independent sources or by the record itself":
            "confirmé par des sources indépendantes ou par les documents mêmes",
        "one party's claim, not confirmed by others": "ce qu'affirme une partie, sans confirmation d'autres",
        "the sources disagree": "les sources se contredisent",
        "the reporting was withdrawn; its corrections say why":
            "l'information a été retirée ; ses corrections disent pourquoi",
        "with the status {value}": "au statut {value}",
        "Events with the status {value}.": "Événements au statut {value}.",
        "Retracted {date}": "Retiré le {date}",
        "Corrected": "Corrigé le",
        "Corrections": "Corrections",
        "{n} corrections": {"one": "{n} correction", "other": "{n} corrections"},
        "see every": "voir chaque",
        "correction": "correction",
        "No corrections yet.": "Aucune correction pour l'instant.",
        "Every correction made to the events of {title}, newest first.":
            "Chaque correction apportée aux événements de {title}, de la plus récente à la plus ancienne.",
        "When an event is changed after publication in a way readers should know of, its page says what changed "
        "and when. Every such correction is listed here, newest first.":
            "Quand un événement est modifié après publication d'une façon que les lecteurs doivent connaître, sa "
            "page dit ce qui a changé et quand. Chaque correction de ce genre figure ici, de la plus récente à la "
            "plus ancienne.",
    },
}

# Words that read as one term in search ("\w" is letters and digits in every script).
_TOKEN = re.compile(r"\w+")


class Language:
    """The configured language: its UI strings, plural rules and date formats."""

    def __init__(self, code: str):
        from babel import Locale, UnknownLocaleError

        self.code = code
        base = code.split("-")[0].lower()
        self.messages = MESSAGES.get(base, {})
        self.english = base == "en"
        try:
            self.locale = Locale.parse(code.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            try:
                self.locale = Locale.parse(base)
            except (UnknownLocaleError, ValueError):
                self.locale = Locale.parse("en")
        # OpenGraph writes locales as ll_CC; a bare language code is what we know.
        self.og_locale = str(self.locale)

    def gettext(self, text: str, **values) -> str:
        """Return a UI string in the site's language, with {name} values filled in."""
        message = self.messages.get(text, text)
        if isinstance(message, dict):
            message = message.get("other", text)
        return message.format(**values) if values else message

    def ngettext(self, text: str, n: int, **values) -> str:
        """Return a UI string with a count ("{n} events"), in the plural form n calls for."""
        return self.plural_template(text, n).format(n=n, **values)

    def plural_template(self, text: str, n: int) -> str:
        """Return the form of a counted UI string that n calls for, with {n} still in it."""
        message = self.messages.get(text)
        if isinstance(message, dict):
            return message.get(self.locale.plural_form(n), message.get("other", text))
        if self.english or message is None:
            return _english_plural(text, n)
        return message

    # --- dates ------------------------------------------------------------------------------

    def month_name(self, month: int) -> str:
        """Return a month's name standing alone ('November', 'novembre')."""
        if self.english:
            from timeline.model.dates import MONTH_NAMES

            return MONTH_NAMES[month - 1]
        return str(self.locale.months["stand-alone"]["wide"][month])

    def format_year(self, year: int) -> str:
        """Return a year as readers write it ('2024', '500 BC', '500 av. J.-C.')."""
        if self.english or year > 0:
            return format_year(year)
        return f"{-year} {self._era_bc()}"

    def format_date(self, date: EventDate) -> str:
        """Return a date at its precision ('4 November 2024', '4 novembre 2024', 'November 2024')."""
        if self.english:
            return date.format()
        if date.unspecified == 1:
            return self.gettext("the {decade}s").format(decade=date.year)
        if date.unspecified == 2:
            return self.gettext("the {century}th century").format(century=date.year // 100 + 1)
        if date.season is not None:
            return f"{self.gettext(SEASONS[date.season][0])} {self.format_year(date.year)}"
        if date.precision == YEAR:
            return self.format_year(date.year)
        pattern = self._pattern(date.precision)
        text = _apply_pattern(pattern, date, self)
        return f"{text} {self._era_bc()}" if date.is_bce else text

    def format_range(self, start: EventDate, end: EventDate | None = None, approximate: bool = False,
                     ongoing: bool = False) -> str:
        """Return a date or range as readers see it, its qualifiers and open end in words ('c.', 'possibly')."""
        if self.english:
            return format_range(start, end, approximate, ongoing)
        words = {text: self.gettext(text) for text in ENGLISH_WORDS}
        return describe_range(start, end, approximate, ongoing, words, self.format_date, self.range_parts)

    def range_parts(self, start: EventDate, end: EventDate) -> tuple[str, str]:
        """Return the start and end texts of a range, the start shortened where the language allows."""
        if self.english:
            return range_parts(start, end)
        last = self.format_date(end)
        if end.qualifier:
            return self.format_date(start), last  # each end says its own doubt
        pattern = self._pattern(DAY)
        if (start.precision == end.precision == DAY and start.year == end.year and start.month == end.month
                and not start.is_bce and re.match(r"d+ ", pattern)):
            return str(start.day), last
        return self.format_date(start), last

    def range_dash(self, start: EventDate, first: str, last: str) -> str:
        """Return the dash between a range's two texts."""
        if self.english:
            whole_start = first == start.format()
            return " – " if " " in first or (whole_start and " " in last) else "–"
        return "–" if first.isdigit() else " – "

    def date_text(self, event) -> str:
        """Return how an event's date reads on the page (its display_date when it has one)."""
        return event.display_date or self.format_range(event.date, event.end, event.approximate, event.ongoing)

    def span(self, start: EventDate, end: EventDate) -> str:
        """Return how long a range lasts, in the unit of its precision ('3 days', '4 months'), or '' for seasons."""
        if start.season is not None or end.season is not None:
            return ""  # "spring – autumn 2024" says its length better than a count of years would
        if start.precision == DAY and end.precision == DAY:
            import datetime

            if start.is_bce or end.is_bce:
                return ""
            first, last = datetime.date(start.year, start.month, start.day), datetime.date(end.year, end.month, end.day)
            days = (last - first).days
            return self.ngettext("{n} days", days + 1)
        first, last = start.start_key(), end.end_key()
        if start.precision == MONTH and end.precision == MONTH:
            return self.ngettext("{n} months", (last[0] - first[0]) * 12 + last[1] - first[1] + 1)
        return self.ngettext("{n} years", last[0] - first[0] + 1)

    def _era_bc(self) -> str:
        """Return the abbreviated era name for years before AD 1 ('av. J.-C.')."""
        return str(self.locale.eras["abbreviated"][0])

    def _pattern(self, precision: str) -> str:
        """Return the CLDR pattern for a day ('d MMMM y') or a month ('MMMM y') of this language."""
        found = self.locale.date_formats["long"] if precision == DAY else \
            self.locale.datetime_skeletons.get("yMMMM", "MMMM y")
        return str(getattr(found, "pattern", found))


_PATTERN_TOKEN = re.compile(r"'(?:[^']|'')*'|([dMLy])\1*|.", re.S)


def _apply_pattern(pattern: str, date: EventDate, language: Language) -> str:
    """Return a date written with a CLDR date pattern (days, months, years and literal text only)."""
    out = []
    for match in _PATTERN_TOKEN.finditer(pattern):
        token = match.group(0)
        if token.startswith("'"):
            out.append(token[1:-1].replace("''", "'") if token != "''" else "'")
        elif token[0] == "d":
            out.append(f"{date.day:0{len(token)}d}" if len(token) > 1 else str(date.day))
        elif token[0] in "ML":
            if len(token) >= 3:
                kind = "format" if token[0] == "M" else "stand-alone"
                width = "wide" if len(token) == 4 else "abbreviated"
                out.append(str(language.locale.months[kind][width][date.month]))
            else:
                out.append(f"{date.month:0{len(token)}d}")
        elif token[0] == "y":
            out.append(str(abs(date.year)))
        else:
            out.append(token)
    return "".join(out)


def _english_plural(text: str, n: int) -> str:
    """Return an English "{n} things" message for n: the singular drops the plural s, its verb takes one.

    "1 event matches", and "1 of 5 events matches" (the word after {n} is no noun there: kept).
    """
    if n == 1 and "{n} " in text:
        head, _, tail = text.partition("{n} ")
        word, _, rest = tail.partition(" ")
        singular = {"events": "event", "days": "day", "months": "month", "years": "year", "tags": "tag",
                    "actors": "actor", "places": "place", "threads": "thread"}.get(word, word)
        rest = re.sub(r"\bmatch\b", "matches", " " + rest if rest else "")
        return f"{head}{{n}} {singular}{rest}"
    return text


def tokens(text: str) -> list[str]:
    """Return the search terms of a text: words without accents, case-folded."""
    import unicodedata

    # As static/timeline.js does: decompose, drop every mark, lower-case (lower(), as JavaScript's toLowerCase()).
    if not text.isascii():  # ASCII has nothing to decompose; most text is, and this is the index's hot loop
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.category(c).startswith("M"))
    return _TOKEN.findall(text.lower())


@lru_cache(maxsize=16)
def facet_label(kind: str, value: str, lang: Language) -> str:
    """Return how a facet's value reads in the site's language: a status or a count of publishers in words, any
    other value (a tag, a name, a place) as it is written."""
    facet = FACET_OF[kind]
    return lang.gettext(facet.label(value)) if facet.words else value


def status_label(status: str, lang: Language) -> str:
    """Return the word for an event's status in the site's language ('Disputed')."""
    return facet_label("status", status, lang)


def language(code: str) -> Language:
    """Return the Language for a code, made once."""
    return Language(code)
