"""Title classes found on the fifth study set (issue 14, s151-s190): portfolios joined by "and" or
listed with commas before the name, and "Under" as a preposition. Every sentence is invented for
this test."""

from __future__ import annotations

import pytest
from enrich_testkit import names, run


@pytest.mark.parametrize(
    "text, person, title",
    [
        # the word after "and" is the portfolio's, even when no title list knows it
        ("The ambassador met Minister of Lands and Housing Chuma Moyo in Harare.", "Chuma Moyo", "Minister of Lands and Housing"),
        ("Minister of Health and Wellness Ravi Kumar Doobur confirmed the first case on May 2.",
         "Ravi Kumar Doobur", "Minister of Health and Wellness"),
        # a comma list of portfolios that starts with a word no title list knows
        ("The ambassador met Minister of Mines, Energy, Water and Rural Development Tendai Chuma Moyo in Harare.",
         "Tendai Chuma Moyo", "Minister of Mines, Energy, Water and Rural Development"),
    ],
)
def test_a_portfolio_of_several_words_stays_in_the_title(text, person, title):
    assert names(run(text)) == {person: title}


def test_a_given_name_after_and_is_another_person():
    assert names(run("The Minister of Health and Peter Moyo met on Monday in Bulawayo.")) == {"Peter Moyo": None}


def test_a_list_of_portfolios_does_not_swallow_the_next_person():
    text = "Director of National Drug Control Policy Dr. Rahul Singh, and DEA Administrator Anne Milgrom spoke."
    assert names(run(text)) == {"Rahul Singh": "Director of National Drug Control Policy", "Anne Milgrom": "DEA Administrator"}
    text = "Our envoy will meet Ana Cortes Vidal, President of the Republic of Panama, and Luz Marina Soto, Minister of Trade of Panama."
    assert names(run(text)) == {"Ana Cortes Vidal": "President of the Republic of Panama", "Luz Marina Soto": "Minister of Trade of Panama"}


@pytest.mark.parametrize("opening", ["Under President Okafor, the country", "Under Prime Minister Okafor's leadership, the country"])
def test_under_before_a_title_is_a_preposition(opening):
    (title,) = names(run(f"{opening} will open three new ports.")).values()
    assert not title.startswith("Under")
    assert names(run("Under Secretary Okafor will open three new ports.")) == {"Okafor": "Under Secretary"}


@pytest.mark.parametrize(
    "text, title",
    [
        ("The ministers welcomed the High Representative/Vice-President Ana Lind to the meeting.", ""),
        ("We support the work of Ana Lind, High Representative/Vice-President, in the region.", ""),
        ("The talks went well, the delegation said.", "Statement by High Representative/Vice-President Ana Lind on the Talks"),
    ],
)
def test_two_offices_joined_by_a_slash_are_one_title(text, title):
    assert names(run(text, title=title))["Ana Lind"] == "High Representative/Vice-President"


def test_a_capitalised_modifier_before_a_lower_case_head_opens_an_appositive():
    text = "Je salue la présence de M. Karim Haddad, Premier ministre du Liban, et de Mme Rana Saad, ministre de la santé, à Paris."
    assert names(run(text)) == {"Karim Haddad": "Premier ministre du Liban", "Rana Saad": "ministre de la santé"}
