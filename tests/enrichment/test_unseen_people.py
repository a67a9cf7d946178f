"""People classes found on statements the rules were not written from (issue 14). Each test is one
class of error; every sentence here is written for this test."""

from __future__ import annotations

import pytest
from enrich_testkit import names, run

# --- Title-Case things that are not people ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # an office whose name ends in "General" followed by its city, not a general
        "U.S. Consulate General Porto Alegre\nThe consulate will be closed on the holiday.",
        # a facility or street noun opens the name in Spanish, Portuguese and French
        "Los vuelos salen del Aeropuerto Internacional Coronel Ramón Villeda hacia la capital.",
        "Hay desvíos en la avenida Julio Arboleda y cerca del hospital.",
        "A marcha passa pela Avenida Presidente Arturo Tavares e pela Praça Central.",
        "Patients were moved to Hospital Rosario Pellegrini in the north.",
        # a capitalised common word before the run: a longer Title-Case name of a thing or body
        "The Government approved Emergency Grant Aid for the flood victims.",
        "We work with the National Flood Response Authority on the relief effort.",
    ],
)
def test_things_named_like_people_are_not_people(sentence):
    assert names(run(sentence)) == {}


def test_a_form_of_address_is_no_name():
    r = run("She presented her credentials to His Majesty in a short ceremony.", title="New Ambassador to Tonga")
    assert names(r) == {}


# --- titles ---------------------------------------------------------------------------------------------


def test_possessive_title_goes_on_to_its_head():
    r = run("We thank Tomasz Wrobel, the Commission's Special Envoy for the Lakes Region, for his work.")
    assert names(r) == {"Tomasz Wrobel": "Commission's Special Envoy for the Lakes Region"}


def test_an_honorific_between_title_and_name_belongs_to_neither():
    r = run("She met Minister for Trade Dr Alan Pike in the morning.")
    assert names(r) == {"Alan Pike": "Minister for Trade"}


def test_a_two_word_country_adjective_confirms_a_headline_title():
    r = run("President Luis Mora welcomed the delegation of Minister Ana Ruiz.",
            title="Minister Ana Ruiz and Costa Rican President Luis Mora at a Joint Press Availability")
    assert names(r)["Luis Mora"] == "Costa Rican President"


def test_mec_is_a_title():
    r = run("Western Cape MEC for Education Thandi Mokoena opened the school. MEC Mokoena thanked the teachers.")
    assert names(r) == {"Thandi Mokoena": "Western Cape MEC for Education"}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("La marcha fue convocada por la presidenta Carla Ibáñez y el expresidente Tomás Ruiz.",
         {"Carla Ibáñez": "presidenta", "Tomás Ruiz": "expresidente"}),
        ("O candidato presidencial Joaquim Matola pediu calma.", {"Joaquim Matola": "candidato presidencial"}),
    ],
)
def test_lower_case_titles_in_other_languages(sentence, expected):
    assert names(run(sentence)) == expected


# --- merging mentions of one person, and keeping two people apart ----------------------------------------


def test_generational_suffix_does_not_hide_the_surname():
    r = run("U.S. Ambassador Henry T. Caldwell III opened the clinic. “We are proud,” said Ambassador Caldwell.")
    assert names(r) == {"Henry T. Caldwell III": "U.S. Ambassador"}


def test_spanish_paternal_surname_joins_the_full_name():
    r = run("H.E. Ms. Lucía Marta Quispe Salas, President of the Republic of Peru, met the minister. "
            "The minister thanked President Quispe for her hospitality.")
    assert names(r) == {"Lucía Marta Quispe Salas": "President of the Republic of Peru"}


def test_relatives_sharing_a_surname_are_two_people():
    r = run("Ambassador Peter Dombrowski spoke at the ceremony. “My grandfather, Jerzy Dombrowski, served here,” "
            "said Ambassador Dombrowski.")
    assert names(r) == {"Peter Dombrowski": "Ambassador", "Jerzy Dombrowski": None}


# --- titles the sentence gives, and offices held together --------------------------------------------------


def test_one_person_holding_two_offices_keeps_both():
    r = run("She later met Deputy Prime Minister and Minister for Trade Colin Ashby at the ministry.")
    assert names(r) == {"Colin Ashby": "Deputy Prime Minister and Minister for Trade"}


def test_two_people_joined_by_and_stay_two():
    r = run("President Ruth Alder and Prime Minister Colin Ashby opened the bridge.")
    assert names(r) == {"Ruth Alder": "President", "Colin Ashby": "Prime Minister"}


def test_former_is_part_of_the_title():
    r = run("Supporters of former Prime Minister Colin Ashby gathered outside the court.")
    assert names(r) == {"Colin Ashby": "former Prime Minister"}


def test_a_common_word_before_a_given_name_ends_the_of_phrase():
    r = run("He spoke with Minister for Water Security Margaret Oyelaran about the dams.")
    assert names(r) == {"Margaret Oyelaran": "Minister for Water Security"}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Ms Ruth Alder has been appointed British High Commissioner to Fiji in succession to Mr Colin Ashby.",
         {"Ruth Alder": "British High Commissioner to Fiji", "Colin Ashby": None}),
        ("We congratulate Ruth Alder on her election as President of the Republic of Palau.",
         {"Ruth Alder": "President of the Republic of Palau"}),
        ("The U.S. Ambassador to Palau is Ruth Alder; the consular chief is listed below.",
         {"Ruth Alder": "U.S. Ambassador to Palau"}),
    ],
)
def test_a_title_given_by_the_verb_of_the_sentence(sentence, expected):
    assert names(run(sentence)) == expected


# --- a bare name that the sentence says is a person ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Crowds marked the anniversary of the killing of Tadeusz Ozimek near the port.", "Tadeusz Ozimek"),
        ("Soldiers recovered the bodies of three captives, among them Yotam Brill.", "Yotam Brill"),
        ("The square was renamed in memory of Kwabena Asante last year.", "Kwabena Asante"),
    ],
)
def test_what_only_happens_to_a_person_is_evidence(sentence, name):
    assert names(run(sentence)) == {name: None}


def test_the_death_of_a_thing_is_no_person():
    assert names(run("Analysts predicted the death of Print Journalism years ago.")) == {}


# --- more things named after people, and titles that are no titles ------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Flights from Prince Nayef International Airport were delayed.",  # qualifier before the facility noun
        "The frigate HMS Duke Albany and the USNS Comfort sailed at dawn.",  # ship prefixes
        "The Nelson Okoro Day holiday falls on a Friday this year.",  # a day named after someone
        "The Reverend Amos Kiprop Jr. Day parade was cancelled.",
        "Permanent Residents and Refugee Claimants may apply.",  # a modifier head alone
        "Lawful Permanent Residents need a valid green card.",  # ... with an adjective before it
    ],
)
def test_more_things_and_non_titles_are_not_people(sentence):
    assert names(run(sentence)) == {}


def test_military_and_managerial_heads_are_titles():
    r = run("Brigadier Kamau Otieno and General Manager Sato Kenji inspected the depot.")
    assert names(r) == {"Kamau Otieno": "Brigadier", "Sato Kenji": "General Manager"}


def test_a_form_of_address_before_a_title_is_dropped():
    r = run("H.E. Sheikh Khalid bin Saud Al Nahyan opened the exhibition.")
    assert names(r) == {"Khalid bin Saud Al Nahyan": "Sheikh"}


# --- abbreviated titles before a surname; organisations that open with a given name ---------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Amb. Okonjo and Sen. Halvorsen toured the port.", {"Okonjo": "Amb.", "Halvorsen": "Sen."}),
        ("Rep. Castellanos and Gov. Whitlock joined the call.", {"Castellanos": "Rep.", "Whitlock": "Gov."}),
        ("Lt. Gen. Mwangi briefed the press.", {"Mwangi": "Lt. Gen."}),
        ("The visit was discussed with PM Adeyemi.", {"Adeyemi": "PM"}),
    ],
)
def test_abbreviated_titles_before_a_surname(sentence, expected):
    assert names(run(sentence)) == expected


def test_the_meeting_at_five_pm_has_no_person():
    assert names(run("The briefing starts at 5 PM Eastern Time in the main hall.")) == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "Tourists flocked to Victoria Falls and Kalambo Falls.",
        "Relief came from Mercy Corps and the local Red Cross.",
        "She volunteers with Junior Achievement in the capital.",
    ],
)
def test_organisations_and_places_that_open_with_a_given_name(sentence):
    assert names(run(sentence)) == {}


# --- Cyrillic runs need evidence too -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Праздничный концерт ко Дню Независимости прошел в Большом Театре.",
        "Делегация посетила Национальный Музей и Дворец Мира и Согласия.",
        "Стороны обсудили Парижское Соглашение и Цели Устойчивого Развития.",
    ],
)
def test_cyrillic_institutions_holidays_and_agreements_are_not_people(sentence):
    assert names(run(sentence)) == {}


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Адвокаты сообщили, что Игорь Стрельников остается под арестом.", "Игорь Стрельников"),  # surname ending
        ("Суд продлил арест, и Пол Тернер остается в заключении.", "Пол Тернер"),  # a given name by transliteration
        ("Анна Мельничук заявила, что выставка откроется в мае.", "Анна Мельничук"),
    ],
)
def test_cyrillic_names_with_evidence_are_people(sentence, name):
    assert name in names(run(sentence))


def test_holiday_greetings_are_not_people():
    assert names(run("Merry Christmas and a peaceful Nowruz to all our friends!")) == {}
    assert names(run("Joy Christmas Concert tickets are free.")) == {}


def test_chief_of_mission_is_a_title():
    r = run("Deputy Chief of Mission Ryan Okafor opened the fair.")
    assert names(r) == {"Ryan Okafor": "Deputy Chief of Mission"}


def test_a_headline_plural_after_with_is_no_name():
    body = "The embassy signed a memorandum with its partners and thanked the volunteers."
    assert names(run(body, title="Embassy Partners With Hope Boats to Train Nurses")) == {}
    r = run("Margaret Brennan asked about the talks.", title="Interview With Margaret Brennan of Weekly News")
    assert "Margaret Brennan" in names(r)


def test_a_facility_noun_a_word_or_two_after_the_name():
    assert names(run("The President Nkrumah Peace Memorial Centre reopened.")) == {}
    assert names(run("President Ama Nkrumah met the mayor.")) == {"Ama Nkrumah": "President"}
