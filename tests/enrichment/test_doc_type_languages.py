"""doc_type from the header labels, publisher categories and headlines of Spanish, French,
Portuguese and German pages: the same kinds as the English signals (docs/doc_type.md).

Every statement here is written for this test."""

from __future__ import annotations

import pytest
from enrich_testkit import run

# a written text with no form a later signal reads: only the label, category or headline decides
BODY = "La cooperación entre ambos países seguirá creciendo en los próximos años en comercio y energía."


@pytest.mark.parametrize(
    "label, kind",
    [
        ("DECLARACIÓN DE PRENSA", "press_statement"),
        ("Déclaration à la presse", "press_statement"),
        ("DECLARAÇÃO CONJUNTA", "joint_statement"),
        ("Gemeinsame Erklärung", "joint_statement"),
        ("NOTA PARA LOS MEDIOS", "media_note"),
        ("HOJA INFORMATIVA", "fact_sheet"),
        ("DISCURSO", "remarks"),
    ],
)
def test_a_header_label_in_another_language(label, kind):
    assert run(f"{label}\n{BODY}", title="Cooperación regional").doc_type == kind


@pytest.mark.parametrize(
    "category, kind",
    [
        ("Declaraciones de prensa", "press_statement"),
        ("Déclarations de presse", "press_statement"),
        ("Declaraciones conjuntas", "joint_statement"),
        ("Déclarations conjointes", "joint_statement"),
        ("Reden", "remarks"),
        ("Notas para los medios", "media_note"),
        ("Fiches d'information", "fact_sheet"),
    ],
)
def test_a_publisher_category_in_another_language(category, kind):
    assert run(BODY, title="Cooperación regional", categories=[category, "Noticias"]).doc_type == kind


@pytest.mark.parametrize(
    "headline, kind",
    [
        ("Declaración conjunta de Chile y Perú sobre pesca", "joint_statement"),
        ("Déclaration conjointe de la France et du Ghana", "joint_statement"),
        ("Rede von Staatsminister Peter Roth zur Eröffnung der Messe", "remarks"),
        ("Discurso del Embajador en la feria del libro", "remarks"),
    ],
)
def test_a_headline_in_another_language(headline, kind):
    assert run(BODY, title=headline).doc_type == kind
