"""Event-date classes found on the third study set (issue 14, s071-s110): historical years, weekdays
inside ranges and before bracketed dates, and which way a bare weekday points. Every sentence is
invented for this test."""

from __future__ import annotations

import pytest
from enrich_testkit import days, run

# 2025-05-14 is a Wednesday
WEDNESDAY = "2025-05-14T09:00:00Z"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The treaty of friendship was signed in Lisbon on March 3, 1791, and renewed in 1891.", ["1791-03-03"]),
        ("La ciudad fue fundada el 12 de octubre de 1542 por los navegantes.", ["1542-10-12"]),
        ("The harbour was opened on 9 June 1698, the oldest on the coast.", ["1698-06-09"]),
    ],
)
def test_an_old_year_written_with_the_date_is_its_year(text, expected):
    assert days(run(text, published=WEDNESDAY)) == expected


def test_a_count_after_a_date_is_not_an_old_year():
    # "1500 volunteers" is how many, not when: the date takes the statement's year
    assert days(run("On May 3, 1500 volunteers cleaned the beaches of the bay.", published=WEDNESDAY)) == ["2025-05-03"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le stage aura lieu du lundi 19 au vendredi 23 mai à Dakar.", ["2025-05-19", "2025-05-23"]),
        ("The course runs from Monday 19 to Friday 23 May in the capital.", ["2025-05-19", "2025-05-23"]),
    ],
)
def test_a_range_that_names_its_second_weekday_keeps_both_ends(text, expected):
    assert days(run(text, published=WEDNESDAY)) == expected


def test_a_weekday_before_a_bracketed_date_is_that_date():
    text = "On Friday (16 May) the envoy will visit the port authority in Mombasa."
    assert days(run(text, published=WEDNESDAY)) == ["2025-05-16"]


def test_a_weekday_that_opens_its_clause_takes_the_tense_of_the_verb_after_it():
    text = "On Monday, the consulate in Porto hosted a trade fair, and the embassy will hold another in June."
    assert days(run(text, published=WEDNESDAY)) == ["2025-05-12"]
    text = "On Saturday, the consulate will host a book fair for local schools."
    assert days(run(text, published=WEDNESDAY)) == ["2025-05-17"]


def test_a_weekday_in_a_sentence_without_a_past_tense_is_still_to_come():
    text = "Avoid the area around the parliament and the central station on Saturday."
    assert days(run(text, published=WEDNESDAY)) == ["2025-05-17"]
    # a guard: a past tense elsewhere in the sentence still points back
    text = "Police dispersed the crowd near the parliament on Saturday."
    assert days(run(text, published=WEDNESDAY)) == ["2025-05-10"]
