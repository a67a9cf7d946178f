""""Today" in German, Italian and Portuguese tied to what only events do: commemorating, taking
place, being awarded (issue 14, classes of the sixth study set). Every sentence is invented for this test."""

from __future__ import annotations

import datetime as dt

import pytest
from enrich_testkit import run


@pytest.mark.parametrize(
    "text, title",
    [
        ("12.03.2024 - Rede\nHeute gedenken wir am Mahnmal der Opfer der Flut. Wir danken allen Gästen.", "Rede am Mahnmal"),
        ("Torino, 12 marzo 2024\nSi è svolto oggi a Torino il vertice dei sindaci delle città alpine.", "Vertice dei sindaci"),
        ("Mindelo, 12 de março de 2024 – A Embaixada felicita a cidade pelo prémio hoje atribuído pela UNESCO.",
         "Prémio para Mindelo"),
    ],
)
def test_today_of_an_event_in_other_languages(text, title):
    assert run(text, title=title, published="2024-03-14T08:00:00Z").event_dates == [dt.date(2024, 3, 12)]


@pytest.mark.parametrize(
    "text, title",
    [
        ("Oslo, 12 March 2024\nDenmark has today chosen a new supplier for its coastal patrol vessels.", "Patrol vessels"),
        ("Madrid, 12 de marzo de 2024\nEl ministro ha llegado hoy a Dakar, primera etapa de su gira regional.", "Gira regional"),
        ("Lisboa, 12 de março de 2024\nHoje, o Governo reconheceu formalmente a independência do novo Estado.", "Reconhecimento"),
    ],
)
def test_today_of_a_decision_an_arrival_or_a_recognition(text, title):
    assert run(text, title=title, published="2024-03-14T08:00:00Z").event_dates == [dt.date(2024, 3, 12)]
