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
