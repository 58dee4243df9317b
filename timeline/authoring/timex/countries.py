"""Countries named in a text ("Russia", "Russian", "the Kremlin") as ISO codes, to look up their holidays."""

from __future__ import annotations

import re
from functools import lru_cache

# Names, demonyms and capitals the holidays package cannot give us ("Russian", "U.S.", "Kremlin").
_COUNTRY_WORDS = {
    "US": "US|U.S.|U.S.A.|USA|America|American|Americans|United States|Washington",
    "GB": "UK|U.K.|Britain|British|Great Britain|United Kingdom|England|English|Scotland|Scottish|Wales|Welsh|London",
    "RU": "Russia|Russian|Russians|Kremlin|Moscow",
    "KP": "North Korea|North Korean|North Koreans|DPRK|Pyongyang",
    "KR": "South Korea|South Korean|South Koreans|Seoul",
    "CN": "China|Chinese|Beijing",
    "IN": "India|Indian|Indians|New Delhi|Delhi",
    "FR": "France|French|Paris",
    "DE": "Germany|German|Germans|Berlin",
    "UA": "Ukraine|Ukrainian|Ukrainians|Kyiv|Kiev",
    "JP": "Japan|Japanese|Tokyo",
    "IT": "Italy|Italian|Italians|Rome",
    "ES": "Spain|Spanish|Madrid",
    "CA": "Canada|Canadian|Canadians|Ottawa",
    "AU": "Australia|Australian|Australians|Canberra",
    "NZ": "New Zealand|New Zealander",
    "MX": "Mexico|Mexican|Mexicans",
    "BR": "Brazil|Brazilian|Brazilians",
    "AR": "Argentina|Argentine|Argentinian",
    "IL": "Israel|Israeli|Israelis",
    "TR": "Turkey|Turkish|Türkiye|Ankara",
    "IR": "Iran|Iranian|Iranians|Tehran",
    "IQ": "Iraq|Iraqi|Iraqis",
    "SY": "Syria|Syrian|Syrians",
    "PK": "Pakistan|Pakistani|Pakistanis|Islamabad",
    "BD": "Bangladesh|Bangladeshi",
    "AF": "Afghanistan|Afghan|Afghans|Kabul",
    "PL": "Poland|Polish|Warsaw",
    "NL": "Netherlands|Dutch",
    "BE": "Belgium|Belgian",
    "IE": "Ireland|Irish|Dublin",
    "HU": "Hungary|Hungarian|Budapest",
    "GR": "Greece|Greek|Athens",
    "SE": "Sweden|Swedish",
    "NO": "Norway|Norwegian",
    "FI": "Finland|Finnish",
    "DK": "Denmark|Danish",
    "PT": "Portugal|Portuguese",
    "AT": "Austria|Austrian",
    "CH": "Switzerland|Swiss",
    "CZ": "Czech Republic|Czechia|Czech",
    "RO": "Romania|Romanian",
    "BY": "Belarus|Belarusian",
    "ZA": "South Africa|South African",
    "NG": "Nigeria|Nigerian",
    "EG": "Egypt|Egyptian|Cairo",
    "SA": "Saudi Arabia|Saudi",
    "AE": "UAE|United Arab Emirates|Emirati",
    "VN": "Vietnam|Vietnamese",
    "TH": "Thailand|Thai",
    "ID": "Indonesia|Indonesian",
    "PH": "Philippines|Philippine|Filipino",
    "MY": "Malaysia|Malaysian",
    "SG": "Singapore|Singaporean",
    "TW": "Taiwan|Taiwanese|Taipei",
    "KE": "Kenya|Kenyan",
    "ET": "Ethiopia|Ethiopian",
}


@lru_cache(maxsize=1)
def country_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """Return a pattern of country words and the ISO code of each, the package's country names included."""
    codes: dict[str, str] = {}
    try:
        from holidays.registry import COUNTRIES

        for class_name, code, *_ in COUNTRIES.values():
            codes[re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name)] = code
    except ImportError:
        pass
    for code, words in _COUNTRY_WORDS.items():
        codes.update(dict.fromkeys(words.split("|"), code))
    alternatives = "|".join(re.escape(word) for word in sorted(codes, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])"), codes


def countries_in(text: str) -> list[str]:
    """Return the ISO codes of the countries text names, in order."""
    pattern, codes = country_pattern()
    return [codes[m[0]] for m in pattern.finditer(text)]


def countries_near(text: str, start: int, end: int, position: int) -> list[str]:
    """Return the ISO codes of countries named in text[start:end], nearest to position first."""
    pattern, codes = country_pattern()
    found = [(abs(m.start() - position), codes[m[0]]) for m in pattern.finditer(text, start, end)]
    return [code for _, code in sorted(found)]
