"""Classes found on the sixth study set (issue 14, s191-s230): a country of two or more words
inside a title's of-phrase, and roads named after a person. Every sentence is invented for this test."""

from __future__ import annotations

import pytest
from enrich_testkit import names, run


@pytest.mark.parametrize(
    "text, person, title",
    [
        # the country's second word looks like a name ("Leone", "See") and must not open the person's
        ("Talks followed with the President of Sierra Leone Amara Kallon in Freetown.", "Amara Kallon", "President of Sierra Leone"),
        ("The Ambassador of the Holy See Giulio Ferrante presented his letters.", "Giulio Ferrante", "Ambassador of the Holy See"),
        ("Foreign Minister of El Salvador Lucía Menjívar toured the port.", "Lucía Menjívar", "Foreign Minister of El Salvador"),
    ],
)
def test_a_country_of_several_words_ends_the_title(text, person, title):
    assert names(run(text)) == {person: title}


def test_a_title_ending_in_a_country_before_a_comma_names_nobody():
    text = "We welcomed the Undersecretary for Relations of the Holy See, Archbishop Tomas Brenner, to Washington."
    assert names(run(text)) == {"Tomas Brenner": "Archbishop"}


@pytest.mark.parametrize("road", ["Causeway", "Tunnel", "Expressway", "Motorway", "Freeway"])
def test_a_road_named_after_a_ruler_is_not_a_person(road):
    assert names(run(f"Lanes of the Emir Nasser {road} will close on Friday for repairs.")) == {}
