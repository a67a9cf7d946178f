"""German pages (the Federal Foreign Office, U.S. missions in Germany and Austria): compound
titles, a numeric date before the kind of text, and "heute"/"morgen". Every sentence is invented
for this test."""

from __future__ import annotations

import datetime as dt

import pytest
from enrich_testkit import names, run


@pytest.mark.parametrize(
    "sentence, person, title",
    [
        ("Heute empfängt Außenministerin Anna Keller die Delegation in Berlin.", "Anna Keller", "Außenministerin"),
        ("Der Bundeskanzler Markus Weber reist am Montag nach Paris.", "Markus Weber", "Bundeskanzler"),
        ("Die Staatssekretärin Julia Hofmann eröffnete die Konferenz in Bonn.", "Julia Hofmann", "Staatssekretärin"),
        ("Wir danken dem COP30-Präsidenten Carlos Lima für seine Arbeit.", "Carlos Lima", "COP30-Präsidenten"),
    ],
)
def test_a_german_compound_title_before_the_name(sentence, person, title):
    assert names(run(sentence)) == {person: title}


def test_a_numeric_date_before_the_kind_of_text_is_the_release_date():
    result = run("12.03.2024 - Pressemitteilung\nDie Ministerin hat die neue Schule in Bonn besucht und den Lehrkräften gedankt.",
                 title="Neue Schule in Bonn", published="2024-03-14T08:00:00Z")
    assert result.release_date == dt.date(2024, 3, 12)


def test_heute_und_morgen_are_two_days_of_an_event():
    result = run("12.03.2024 - Rede\nHeute und morgen treffen wir uns hier beim Wasserdialog in Berlin. Wir danken allen Gästen.",
                 title="Rede zur Eröffnung des Wasserdialogs")
    assert result.event_dates == [dt.date(2024, 3, 12), dt.date(2024, 3, 13)]
    # "heute Morgen" is this morning, not tomorrow
    result = run("12.03.2024 - Rede\nHeute Morgen hat die Ministerin die neue Schule eröffnet. Wir danken allen Gästen.",
                 title="Rede zur Eröffnung der Schule")
    assert result.event_dates == [dt.date(2024, 3, 12)]
