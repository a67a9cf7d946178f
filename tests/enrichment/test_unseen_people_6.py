"""Classes found on the seventh study set (issue 14, s231-s270), after its blind scores were
recorded. Every sentence is invented for this test."""

from __future__ import annotations

import pytest
from enrich_testkit import names, run


def test_a_patronymic_particle_inside_a_run_is_a_personal_name():
    assert names(run("Congratulations to Sadia Noor binti Karim on the award.")) == {"Sadia Noor binti Karim": None}


def test_a_road_after_a_title_word_is_a_street():
    assert names(run("The consular section on Queen Street in Nassau is closed, as is King Road.")) == {}


def test_common_words_before_a_given_name_end_the_portfolio():
    text = "They met Minister of Foreign Affairs and National Community Abroad Ahmed Saadi in Algiers."
    assert names(run(text)) == {"Ahmed Saadi": "Minister of Foreign Affairs and National Community Abroad"}


def test_an_office_set_off_before_the_name_beats_the_rank():
    text = "The Minister of Foreign Affairs, Ambassador Ruth Obi, received the delegation in Abuja."
    assert names(run(text)) == {"Ruth Obi": "Minister of Foreign Affairs"}


@pytest.mark.parametrize(
    "text, person, title",
    [
        ("Media contact: Tanya Goode, Public Affairs Specialist, tel. +1 246 555 0100", "Tanya Goode", "Public Affairs Specialist"),
        ("Rüstungschef Martin Keller unterzeichnete heute in Bern den Vertrag über die Flugzeuge.", "Martin Keller", "Rüstungschef"),
        ("Die Vorsteherin des Departements, Anna Vogt, eröffnete die Tagung in Bern.", "Anna Vogt", "Vorsteherin des Departements"),
    ],
)
def test_more_title_heads(text, person, title):
    assert names(run(text)) == {person: title}


def test_a_title_run_that_ends_in_a_connector_after_the_name():
    text = "I thank Prime Minister Edi Rama and Minister for Europe and Foreign Affairs Arben Kola for the time."
    assert names(run(text)) == {"Edi Rama": "Prime Minister", "Arben Kola": "Minister for Europe and Foreign Affairs"}


def test_who_after_a_name_listed_after_a_place_makes_it_a_person():
    text = "We met Sofia Lim, who leads a project in Temburong, and Muhammad Hafiz Aiman bin Yusof, who studied law in Reno."
    assert names(run(text)) == {"Sofia Lim": None, "Muhammad Hafiz Aiman bin Yusof": None}


def test_a_broadcaster_given_the_floor_is_no_person():
    assert names(run("MODERATOR: The first question goes to Klan Television.")) == {}


def test_a_header_line_of_fields_gives_the_release_date():
    result = run("Press release | Date: 31/05/2024 | No: 84/24\nNorway and Ukraine signed an agreement in Oslo today.",
                 title="Norway and Ukraine sign agreement", published="2024-06-01T00:00:00Z")
    assert (str(result.release_date), [str(d) for d in result.event_dates]) == ("2024-05-31", ["2024-05-31"])


@pytest.mark.parametrize("text", ["The next question goes to Al Jazeera.", "The next question goes to Deutsche Welle, then to CNN.",
                                  "After Hurricane Beryl and Typhoon Haiyan, the aid flights resumed."])
def test_outlets_given_the_floor_and_storms_are_no_people(text):
    assert names(run(text)) == {}
