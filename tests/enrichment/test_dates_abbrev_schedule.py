"""Event dates: month abbreviations that are also words, and weekdays after a schedule verb (1.7.0).

Every sentence is written for this test; the reference date is Friday 15 March 2024."""

from __future__ import annotations

import pytest
from enrich_testkit import days, run

PUBLISHED = "2024-03-15T00:00:00Z"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The trade mission landed in Lusaka on Mar. 4.", ["2024-03-04"]),
        ("Registration opened Apr 2 and closes Apr. 30, 2024.", ["2024-04-02", "2024-04-30"]),
        ("The choir performs Jun. 6 and Jul. 11 at the cultural centre.", ["2024-06-06", "2024-07-11"]),
    ],
)
def test_capitalised_abbreviations_that_are_also_words_are_months(sentence, expected):
    assert days(run(sentence, published=PUBLISHED)) == expected


@pytest.mark.parametrize("sentence", ["Please do not mar 4 of the new benches.", "The jun 5 folder is archived."])
def test_those_abbreviations_in_lower_case_are_no_months(sentence):
    assert days(run(sentence, published=PUBLISHED)) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Passport services resume Monday at the consulate.", ["2024-03-18"]),
        ("The visa window reopens on Wednesday after the repairs.", ["2024-03-20"]),
        ("The trade delegation arrives Sunday for three days of meetings.", ["2024-03-17"]),
    ],
)
def test_a_weekday_after_a_present_schedule_verb_is_still_to_come(sentence, expected):
    assert days(run(sentence, published=PUBLISHED)) == expected


def test_a_weekday_after_the_past_tense_is_behind():
    assert days(run("Passport services resumed Monday at the consulate.", published=PUBLISHED)) == ["2024-03-11"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Today, Consul Ilse Brandt joined nurses at the new maternity ward.",
        "Today the chargé toured the reconstructed school in Ovalle.",
        "This afternoon the mayor unveiled a plaque at the old customs house.",
    ],
)
def test_today_tied_to_taking_part_in_something_is_an_event(sentence):
    assert days(run(sentence, published=PUBLISHED)) == ["2024-03-15"]


def test_a_weekday_in_apposition_to_tomorrow_is_that_day():
    assert days(run("Tomorrow, Saturday, the visa section stays closed.", published=PUBLISHED)) == ["2024-03-16"]
