"""People classes found on the second study set (issue 14, s041-s070). Each test is one class of
error; every sentence here is invented for this test, none is taken from a labelled set."""

from __future__ import annotations

import pytest
from enrich_testkit import names, run

# --- a head word that is also a given name opens the name ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        ("Remarks by Governor Dean P. Halvorsen at the opening of the new clinic.", "Dean P. Halvorsen", "Governor"),
        ("The delegation was led by Ambassador Prince T. Adeyemi of the mission.", "Prince T. Adeyemi", "Ambassador"),
    ],
)
def test_given_name_head_before_an_initial_is_the_name(sentence, name, title):
    assert names(run(sentence)) == {name: title}


# a guard, not a rule test: a rank compound ("Sergeant Major") keeps its second head
def test_rank_head_before_an_initial_stays_title():
    assert names(run("Sergeant Major K. Lindqvist inspected the barracks on Friday.")) == {"K. Lindqvist": "Sergeant Major"}


# --- a name word the lexicon does not know, right after a head, stays in the name -------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The envoy praised President Chidiebube Daniel Okoro's reform of the port authority.", "Chidiebube Daniel Okoro"),
        ("Governor Odunayo Michael Falade opened the bridge on Monday.", "Odunayo Michael Falade"),
    ],
)
def test_unknown_first_name_after_a_head_is_not_title(sentence, name):
    people = names(run(sentence))
    assert list(people) == [name]
    assert people[name] in ("President", "Governor")


# --- a portfolio list with commas inside an of-phrase title -----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        (
            "Minister of Health, Sport, and Welfare Tenzin Dorvak visited the new hospital wing.",
            "Tenzin Dorvak",
            "Minister of Health, Sport, and Welfare",
        ),
        (
            "On Tuesday, Minister for Trade, Fisheries and Tourism Ikaika Nalu signed the agreement.",
            "Ikaika Nalu",
            "Minister for Trade, Fisheries and Tourism",
        ),
    ],
)
def test_title_with_a_comma_list_of_portfolios(sentence, name, title):
    assert names(run(sentence)) == {name: title}


# a guard: the comma list never swallows a name and the next title
def test_two_people_with_titles_joined_by_a_comma_and_stay_two():
    people = names(run("Secretary of Energy Marta L. Quist, and Secretary of Labor Deon Farrow toured the plant."))
    assert people == {"Marta L. Quist": "Secretary of Energy", "Deon Farrow": "Secretary of Labor"}


# --- a title after the name that ends in a region after a comma ------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        (
            "Rear Admiral Sela Moana, Commander of Allied Naval Forces, Atlantic, opened the drill.",
            "Sela Moana",
            "Commander of Allied Naval Forces, Atlantic",
        ),
        (
            "Tomas Berglund, Director of Field Operations, Europe, said the depots were full.",
            "Tomas Berglund",
            "Director of Field Operations, Europe",
        ),
    ],
)
def test_appositive_title_ending_in_a_region_after_a_comma(sentence, name, title):
    assert names(run(sentence)) == {name: title}


# --- "Chargé d'Affaires a.i." is one title ---------------------------------------------------------


def test_charge_d_affaires_ad_interim_in_the_body():
    people = names(run("Chargé d'Affaires a.i. Lena V. Ostrova handed over the keys to the new school."))
    assert people == {"Lena V. Ostrova": "Chargé d'Affaires a.i."}


def test_charge_d_affaires_ad_interim_in_a_title_case_headline():
    result = run(
        "The embassy joins the people of the coast in mourning those lost in the floods.",
        title="Statement by Chargé d'Affaires a.i. Mara K. Lindell on the Flooding in the North",
    )
    assert names(result) == {"Mara K. Lindell": "Chargé d'Affaires a.i."}


# --- signature blocks: forms of address and post-nominals on the name line, the title on the next ---


def test_signature_lines_with_the_hon_and_post_nominals_take_the_title_line():
    text = (
        "We will keep working together for a peaceful region.\n"
        "The Hon Marcus Tealby MP\nMinister for Trade and Tourism\n"
        "The Rt Hon Eleni Vasquez\nPrime Minister of the Cook Islands"
    )
    assert names(run(text)) == {
        "Marcus Tealby": "Minister for Trade and Tourism",
        "Eleni Vasquez": "Prime Minister of the Cook Islands",
    }


def test_senator_the_hon_is_a_title_and_a_form_of_address():
    assert names(run("Senator the Hon Mary Okonjo said the clinic would open in May.")) == {"Mary Okonjo": "Senator"}


def test_senator_the_hon_signature_takes_the_portfolio_line():
    text = "Media release\nSenator the Hon Mary Okonjo\nMinister for Health\nThe new clinic opens in May."
    assert names(run(text)) == {"Mary Okonjo": "Minister for Health"}


# --- radio stations and streets named like people ---------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Follow local radio, including Grace FM and Metro FM, for news of the closures.",
        "Tune in to Hope FM for updates on the road works.",
        "Applicants should come to 14 Harold Benson Crescent, Lakeside, with their letters.",
        "The new branch office is on Martha Lindqvist Drive near the market.",
    ],
)
def test_stations_and_streets_are_not_people(sentence):
    assert names(run(sentence)) == {}


# --- a possessive body inside an of-phrase title ----------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        (
            "Chairman of the Harbour City People's Committee Lam Quoc Binh opened the plant.",
            "Lam Quoc Binh",
            "Chairman of the Harbour City People's Committee",
        ),
        (
            "Vice Chair of the Lakeland Women's Council Ines Farrow thanked the donors.",
            "Ines Farrow",
            "Vice Chair of the Lakeland Women's Council",
        ),
    ],
)
def test_possessive_body_inside_an_of_phrase_title(sentence, name, title):
    assert names(run(sentence)) == {name: title}


# --- a title that ends "in <city>," before the name -------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        (
            "Delivered by UK Ambassador to the OSCE in Vienna, Harriet Lomax.",
            "Harriet Lomax",
            "UK Ambassador to the OSCE in Vienna",
        ),
        (
            "The Kenyan Ambassador to Peru and Chile in Lima, Harriet Lomax, opened the fair.",
            "Harriet Lomax",
            "Kenyan Ambassador to Peru and Chile in Lima",
        ),
    ],
)
def test_title_ending_in_a_city_then_comma_then_name(sentence, name, title):
    assert names(run(sentence)) == {name: title}


def test_places_listed_after_in_stay_places():
    # a guard: the place-list rule still holds where no title is pending
    assert names(run("Floods hit towns in Porto Alegre, Santa Maria and Pelotas on Sunday.")) == {}


# --- vice-presidents and agency heads in Spanish, Portuguese and French ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ciudad de Panamá, 3 de marzo de 2024 – La Administradora de la NASA, Carla Montes, visitó la escuela con el embajador.",
            {"Carla Montes": "Administradora de la NASA"},
        ),
        (
            "La ceremonia del presidente Tomás Vidal y de la vicepresidenta Lucía Ferro fue ayer en la capital.",
            {"Tomás Vidal": "presidente", "Lucía Ferro": "vicepresidenta"},
        ),
        (
            "A diretora Ana Souza e o vice-presidente Paulo Lima chegaram ontem ao porto da cidade.",
            {"Ana Souza": "diretora", "Paulo Lima": "vice-presidente"},
        ),
    ],
)
def test_non_english_vice_president_and_agency_head_titles(text, expected):
    assert names(run(text)) == expected


# --- a title line ending in a country of two words ----------------------------------------------------


def test_title_line_ending_in_a_two_word_country():
    text = "We stand together.\nThe Rt Hon Tane Harlow\nPrime Minister of Papua New Guinea\nKeri Loxley\nMinister of Justice of Sri Lanka"
    assert names(run(text)) == {
        "Tane Harlow": "Prime Minister of Papua New Guinea",
        "Keri Loxley": "Minister of Justice of Sri Lanka",
    }


# --- UN mandate titles --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        ("The delegation thanks Special Rapporteur Inès Dupuy for her report on detention.", "Inès Dupuy", "Special Rapporteur"),
        ("Chief Negotiator Paul Okafor left Geneva after the third round.", "Paul Okafor", "Chief Negotiator"),
    ],
)
def test_mandate_titles_before_a_name(sentence, name, title):
    assert names(run(sentence)) == {name: title}
