"""People, title and mission classes found on the third study set (issue 14, s071-s110). Every
sentence is invented for this test."""

from __future__ import annotations

import pytest
from enrich_testkit import names, run

BODY = "Residents should avoid the area near the stadium and follow local news."


@pytest.mark.parametrize(
    "title, person, expected",
    [
        ("Discurso da Embaixadora Ana Ribeiro na abertura da feira do livro", "Ana Ribeiro", "Embaixadora"),
        ("Palabras del Embajador Luis Ortega en la ceremonia de graduación", "Luis Ortega", "Embajador"),
    ],
)
def test_the_kind_of_text_before_a_title_is_not_part_of_it(title, person, expected):
    assert names(run("Muchas gracias a todos por venir.", title=title))[person] == expected


def test_a_title_after_the_name_may_say_former():
    text = "We are troubled by the conviction of Tomas Vela, former President of the Liberal Party, on a charge of sedition."
    assert names(run(text)) == {"Tomas Vela": "former President of the Liberal Party"}


def test_an_appositive_title_may_end_in_a_country_name():
    text = "Present at the signing:\nRt Hon Alan Pike, Minister of Trade of New Zealand\nThe Hon Sara Cole, Minister of Energy of Australia"
    assert names(run(text)) == {"Alan Pike": "Minister of Trade of New Zealand", "Sara Cole": "Minister of Energy of Australia"}


def test_in_a_list_of_people_the_next_one_s_title_is_not_an_appositive():
    text = "Deputy Prime Minister Sara Malik, Minister for Planning, Development and Special Initiatives Omar Sadiq, friends: good evening."
    assert names(run(text)) == {"Sara Malik": "Deputy Prime Minister", "Omar Sadiq": "Minister for Planning, Development and Special Initiatives"}
    # a guard: an appositive that names no one after it is still the title
    assert names(run("We met Sara Malik, Minister for Planning of Pakistan, in Lahore.")) == {"Sara Malik": "Minister for Planning of Pakistan"}


def test_chief_observer_is_a_title():
    text = "The mission, led by Chief Observer Maria Lindqvist, will stay until the count ends."
    assert names(run(text)) == {"Maria Lindqvist": "Chief Observer"}


def test_a_title_case_headline_verb_is_not_part_of_the_name():
    assert names(run("The visit will focus on trade.", title="President Morales Visits Peru")) == {"Morales": "President"}
    assert names(run("The envoy spoke about fisheries.", title="Ambassador Karin Holm Meets Fishing Cooperatives")) == {"Karin Holm": "Ambassador"}


@pytest.mark.parametrize(
    "heading, mission",
    [
        ("Health Alert: U.S. Embassy Dar es Salaam, Tanzania (May 3, 2025)", "U.S. Embassy Dar es Salaam, Tanzania"),
        ("Demonstration Alert – U.S. Consulate General Rio de Janeiro, Brazil (May 3, 2025)", "U.S. Consulate General Rio de Janeiro, Brazil"),
    ],
)
def test_a_mission_city_with_lower_case_particles_is_whole(heading, mission):
    assert run(heading + "\n" + BODY).mission == mission


def test_a_country_s_possessive_before_a_title_is_part_of_it():
    assert names(run("Norway's Ambassador to Kenya, Ingrid Solberg, opened the fair.")) == {"Ingrid Solberg": "Norway's Ambassador to Kenya"}
    # a guard: a person's or a body's possessive is no qualifier of the title
    assert names(run("The minister's Chief of Staff Paul Dunne attended the talks.")) == {"Paul Dunne": "Chief of Staff"}
