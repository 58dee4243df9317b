"""Quotes that link to the evidence: text fragments encoded as WICG's Text Fragments spec says."""

from __future__ import annotations

import pytest

from tests.test_render import build, page
from timeline.render.text_fragments import quote_url, text_fragment


@pytest.mark.parametrize("quoted, expected", [
    ("Putin noted that they were meeting", ":~:text=Putin%20noted%20that%20they%20were%20meeting"),
    # '-', '&' and ',' are the directive's syntax: encoded inside a term
    ("Russia-North Korea ties, trade & arms", ":~:text=Russia%2DNorth%20Korea%20ties%2C%20trade%20%26%20arms"),
    ("“Threat to US security”", ":~:text=Threat%20to%20US%20security"),  # the quote's own marks are not the page's
    ("  spaces\n and   lines  ", ":~:text=spaces%20and%20lines"),
    ("Ça a été dit à Pyongyang", ":~:text=%C3%87a%20a%20%C3%A9t%C3%A9%20dit%20%C3%A0%20Pyongyang"),
    # a long quote is found by its first and last words
    ("one two three four five six seven eight nine ten eleven twelve",
     ":~:text=one%20two%20three%20four%20five,eight%20nine%20ten%20eleven%20twelve"),
    # words left out: the part before and the part after
    ("the talks were productive … and will go on next week",
     ":~:text=the%20talks%20were%20productive,will%20go%20on%20next%20week"),
    ("“”", ""),
])
def test_a_quote_becomes_a_text_directive(quoted, expected):
    assert text_fragment(quoted) == expected


def test_the_article_s_own_fragment_stays_before_the_directive():
    assert quote_url("https://example.org/a", "Hello") == "https://example.org/a#:~:text=Hello"
    assert quote_url("https://example.org/a#part-2", "Hello") == "https://example.org/a#part-2:~:text=Hello"
    assert quote_url("https://example.org/a", "…") == "https://example.org/a"


def test_an_event_page_links_each_quote_with_an_address_to_its_place_in_the_article(project):
    project.event(sources="\n  - title: A story\n    publisher: WION\n    published: 2024-11-07\n"
                          "    url: https://example.org/story\n    quote: Putin noted the day\n"
                          "  - title: Minutes\n    publisher: Council\n    published: 2024-11-07\n"
                          "    quote: Without an address")
    build(project)
    sources = page(project, "2024-11-04-a-meeting/index.html").find_all("li", cls="source")
    assert sources[0].find(cls="quote-link").find("a").attrs["href"] == \
        "https://example.org/story#:~:text=Putin%20noted%20the%20day"
    assert sources[1].find_all(cls="quote-link") == []  # no address, nothing to link
