"""One person written two ways is one person, and name lists after a plural title are people.

Classes of error (enricher 1.7.0), each with sentences written for this test: a middle initial
("M.") read as the French honorific, the same name with and without a middle initial or
diacritics, a surname-first name and its reversed form, capital speaker tags in a transcript, and
surnames listed after a plural title head ("Senators X and Y").
"""

from __future__ import annotations

import pytest
from enrich_testkit import names, run

# --- one person, two spellings --------------------------------------------------------------------


def test_a_middle_initial_m_is_no_honorific():
    r = run("Ambassador Odile M. Varga opened the centre. Ambassador Varga thanked the volunteers.")
    assert names(r) == {"Odile M. Varga": "Ambassador"}


def test_a_middle_initial_m_after_a_long_title():
    r = run("Deputy Secretary of State Tobias M. Renner met the delegation.")
    assert names(r) == {"Tobias M. Renner": "Deputy Secretary of State"}


def test_monsieur_still_opens_a_name_and_is_dropped():
    assert names(run("The minister met M. Lucien Ferrand on Monday.")) == {"Lucien Ferrand": None}


def test_the_same_name_with_and_without_a_middle_initial():
    r = run("Minister Halvard K. Ostby spoke first. Later, Halvard Ostby said the talks went well.")
    assert names(r) == {"Halvard K. Ostby": "Minister"}


def test_the_same_name_with_and_without_diacritics():
    r = run("Governor Zoltán Kőváry toured the plant. Zoltan Kovary said production would double.")
    assert names(r) == {"Zoltán Kőváry": "Governor"}


def test_a_surname_first_name_and_its_reversed_form():
    r = run("State Minister TAKEDA Haruki met the envoy. Haruki Takeda said cooperation would deepen.")
    assert names(r) == {"Takeda Haruki": "State Minister"}


def test_two_relatives_who_share_a_surname_stay_two_people():
    r = run("Ambassador Irene P. Walsh introduced her brother, Colm Walsh, who said he was proud.")
    assert set(names(r)) == {"Irene P. Walsh", "Colm Walsh"}


# --- transcripts and plural titles ----------------------------------------------------------------


def test_a_capital_speaker_tag_names_the_speaker():
    r = run("AMBASSADOR QUILLAN: Good morning, everyone.\nMODERATOR: Thank you. First question.")
    assert names(r) == {"Quillan": "Ambassador"}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Senators Brannock and Velez introduced the bill on Tuesday.", {"Brannock", "Velez"}),
        ("Ministers Okonkwo, Tamsin and Redvers signed the memorandum.", {"Okonkwo", "Tamsin", "Redvers"}),
        ("Secretaries Holloway and Prenter met the press.", {"Holloway", "Prenter"}),
    ],
)
def test_surnames_listed_after_a_plural_title_are_people(sentence, expected):
    assert set(names(run(sentence))) == expected


def test_a_plural_title_with_no_names_names_no_one():
    assert names(run("Foreign Ministers and Ambassadors attended the reception.")) == {}


# --- titles that run into things ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The Chief Nursing Officer toured the ward.",
        "Deputy Governor Election results will be certified on Friday.",
        "The reception took place at the Consul General Residence.",
        "Grants from the Queen Adaeze Heritage Preservation Trust restore village wells; heritage preservation is costly.",
    ],
)
def test_a_title_that_runs_into_a_thing_names_no_one(sentence):
    assert names(run(sentence)) == {}


def test_a_modifier_between_two_heads_is_part_of_the_title():
    r = run("Chief Operating Officer Wendell Ashby presented the budget.")
    assert names(r) == {"Wendell Ashby": "Chief Operating Officer"}
