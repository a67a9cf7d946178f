"""Classes found on the sixth study set (issue 14, s191-s230): a country of two or more words
inside a title's of-phrase, roads named after a person, an appositive ending in a city, "do" in
Portuguese names, Italian titles. Every sentence is invented for this test."""

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
    # no "See" person; the office set off before the name is his title (1.9.16), not the rank
    assert names(run(text)) == {"Tomas Brenner": "Undersecretary for Relations of the Holy See"}


@pytest.mark.parametrize("road", ["Causeway", "Tunnel", "Expressway", "Motorway", "Freeway"])
def test_a_road_named_after_a_ruler_is_not_a_person(road):
    assert names(run(f"Lanes of the Emir Nasser {road} will close on Friday for repairs.")) == {}


def test_an_appositive_ending_in_a_city_is_preferred_to_the_rank():
    # the city after "in" is no one's name, so the appositive is a title
    text = "Ambassador Laura Keene, Chargé d'Affaires of the U.S. Embassy in Lusaka, opened the fair."
    assert names(run(text)) == {"Laura Keene": "Chargé d'Affaires of the U.S. Embassy in Lusaka"}


def test_do_joins_a_portuguese_name():
    text = "Cardinal João do Rosário da Costa, Archbishop of Baucau, celebrated Mass with Minister Paulo do Couto."
    assert names(run(text)) == {"João do Rosário da Costa": "Archbishop of Baucau", "Paulo do Couto": "Minister"}


def test_italian_titles_keep_their_prepositions_and_lose_their_article():
    text = ("Il Vice Presidente del Consiglio e Ministro degli Affari Esteri Marco Bellini ha incontrato oggi a Roma "
            "il Ministro della Salute Paolo Verdi e il Ministro delle Imprese Anna Rossi.")
    assert names(run(text)) == {
        "Marco Bellini": "Vice Presidente del Consiglio e Ministro degli Affari Esteri",
        "Paolo Verdi": "Ministro della Salute",
        "Anna Rossi": "Ministro delle Imprese",
    }


@pytest.mark.parametrize(
    "text, person, title",
    [
        # two offices joined by "and", after a country's qualifier or before a portfolio, then the day
        ("He met Omani Crown Prince and Defense Minister Talal bin Fahd on Monday.", "Talal bin Fahd",
         "Omani Crown Prince and Defense Minister"),
        ("She met Prime Minister and Defence Minister Sam Ola on Monday.", "Sam Ola", "Prime Minister and Defence Minister"),
        ("Kuwaiti Prime Minister and Minister of Interior Faisal Rahman spoke on Tuesday.", "Faisal Rahman",
         "Kuwaiti Prime Minister and Minister of Interior"),
    ],
)
def test_two_offices_before_a_name_are_one_title(text, person, title):
    assert names(run(text)) == {person: title}


def test_a_prefect_is_titled():
    assert names(run("Lyon Police Prefect Marc Dubois closed the bridge.")) == {"Marc Dubois": "Lyon Police Prefect"}


@pytest.mark.parametrize(
    "text, people",
    [
        ("The minister said that Corinne Mayfield would lead the mission.", {"Corinne Mayfield": None}),
        ("The court noted that Daniel Okello, President of the Electoral Tribunal, had resigned.",
         {"Daniel Okello": "President of the Electoral Tribunal"}),
    ],
)
def test_that_before_a_name_is_a_conjunction(text, people):
    assert names(run(text)) == people


@pytest.mark.parametrize(
    "text, person",
    [
        # what is done only to people: killed, arrested, detained ... right before the name
        ("Troops killed Yusuf Hamdan in Khan Younis on Friday.", "Yusuf Hamdan"),
        ("Police detained Amara Tesfaye outside the courthouse.", "Amara Tesfaye"),
        # a briefing's moderator hands the floor to a reporter
        ("The next question goes to Ayse Korkmaz of Reuters.", "Ayse Korkmaz"),
        # a surname with its lower-case Arabic article
        ("The regime fell when Bashar al-Assad fled the country.", "Bashar al-Assad"),
    ],
)
def test_untitled_people_with_the_sentence_s_evidence(text, person):
    assert names(run(text)) == {person: None}


def test_people_listed_with_a_repeated_preposition_share_their_support():
    text = "We think every day of Edan Ravid, of Keith Siegel, of Sagui Dekel-Chen and their families."
    assert names(run(text)) == {"Edan Ravid": None, "Keith Siegel": None, "Sagui Dekel-Chen": None}


@pytest.mark.parametrize(
    "text, person, title",
    [
        ("Am Montag sprach Präsident Hans Meyer über die Partnerschaft der beiden Städte.", "Hans Meyer", "Präsident"),
        ("Kanzler Olaf Berg empfing am Dienstag die Delegation im Rathaus der Stadt.", "Olaf Berg", "Kanzler"),
        ("O encontro contou com Carlos Pires, Diretor-Geral da Agência Nacional de Águas, em Brasília.",
         "Carlos Pires", "Diretor-Geral da Agência Nacional de Águas"),
    ],
)
def test_short_german_heads_and_portuguese_compound_heads(text, person, title):
    assert names(run(text)) == {person: title}


def test_a_title_word_naming_a_bridge_or_hotel_is_no_person():
    text = "Trucks crossed the Ambassador Bridge while guests waited at the President Hotel. President Park thanked them."
    assert names(run(text)) == {"Park": "President"}


def test_a_signature_s_title_line_may_be_long():
    text = ("We will meet again in the spring.\nAnnalena Kraus\n"
            "Federal Minister for Foreign Affairs of the Federal Republic of Germany\n")
    assert names(run(text)) == {"Annalena Kraus": "Federal Minister for Foreign Affairs of the Federal Republic of Germany"}


def test_a_form_of_address_after_a_kin_word_is_no_one_s_name():
    assert names(run("I welcome my colleague, Mr. Secretary, back to Lusaka.")) == {}


@pytest.mark.parametrize(
    "text, person",
    [
        ("Mein Mann Markus und ich sind dankbar, in dieser Stadt zu leben.", "Markus"),
        ("Mon mari Julien et moi vous remercions de votre accueil chaleureux.", "Julien"),
        ("Mi esposa Lucía y yo agradecemos la hospitalidad de la ciudad.", "Lucía"),
    ],
)
def test_kin_words_in_german_french_and_spanish(text, person):
    assert names(run(text)) == {person: None}
