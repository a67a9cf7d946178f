"""Header layouts of other publishers (issuing office, release date) and date ranges.

Every statement here is written for this test."""

from __future__ import annotations

from datetime import date

from enrich_testkit import days, run

BODY = "The two delegations reviewed the fisheries programme and agreed on a schedule for the next phase."


# --- issuing office -----------------------------------------------------------------------------


def test_office_of_without_the():
    r = run("FOR IMMEDIATE RELEASE\nOffice of Public Engagement\n" + BODY)
    assert r.issuing_office == "Office of Public Engagement"


def test_press_unit_of_a_ministry():
    r = run("Press Service of the Ministry of Fisheries\n12 April 2024\n" + BODY)
    assert r.issuing_office == "Press Service of the Ministry of Fisheries"
    r = run("EEAS Press Team\nBrussels, 03/04/2024\n" + BODY)
    assert r.issuing_office == "EEAS Press Team"


def test_any_ministry_header_line():
    r = run("Ministry of Fisheries and Ocean Resources\n12 April 2024\n" + BODY)
    assert r.issuing_office == "Ministry of Fisheries and Ocean Resources"


def test_govuk_from_line_names_the_organisation_not_the_minister():
    r = run("From: Department for Business and Trade and The Rt Hon Alan Pike MP\n" + BODY)
    assert r.issuing_office == "Department for Business and Trade"
    r = run("From:\nDepartment for Business and Trade\n" + BODY)
    assert r.issuing_office == "Department for Business and Trade"


def test_from_line_without_an_organisation_is_no_office():
    assert run("From: the archive of old letters\n" + BODY).issuing_office is None


def test_signature_block_office():
    r = run(BODY + "\nMINISTRY OF FISHERIES\nPORT LOUIS\n12 APRIL 2024")
    assert r.issuing_office == "Ministry of Fisheries"
    assert r.release_date == date(2024, 4, 12)


# --- release date ----------------------------------------------------------------------------------


def test_published_and_issued_prefixes_give_a_header_date_not_an_event():
    for prefix in ("Published", "Published:", "Issued on", "Released on"):
        r = run(f"{prefix} 12 April 2024\n" + BODY, published="2024-04-15T00:00:00Z")
        assert r.release_date == date(2024, 4, 12), prefix
        assert days(r) == [], prefix


def test_header_line_that_opens_with_the_date():
    r = run("News release\nApril 12, 2024 - Port Louis - Ministry of Fisheries\n" + BODY)
    assert r.release_date == date(2024, 4, 12)
    assert r.doc_type == "press_release"
    assert days(r) == []


def test_closing_date_line_is_the_release_date_not_an_event():
    r = run(BODY + "\nPort Louis\nApril 12, 2024", published="2024-04-15T00:00:00Z")
    assert r.release_date == date(2024, 4, 12)
    assert days(r) == []
    r = run(BODY + "\nPort Louis, 12 April 2024", published="2024-04-15T00:00:00Z")
    assert r.release_date == date(2024, 4, 12)


def test_closing_date_after_a_colon_is_an_event():
    r = run(BODY + "\nApplications must reach the ministry by:\nApril 30, 2024", published="2024-04-15T00:00:00Z")
    assert r.release_date is None
    assert days(r) == ["2024-04-30"]


def test_header_date_still_beats_a_closing_date():
    r = run("April 10, 2024\n" + BODY + "\nPort Louis\nApril 12, 2024")
    assert r.release_date == date(2024, 4, 10)


# --- date ranges ------------------------------------------------------------------------------------


def test_hyphenated_day_ranges_keep_both_ends():
    assert days(run("The fair runs 8-10 May 2024 in the old port.")) == ["2024-05-08", "2024-05-10"]
    assert days(run("The fair runs May 8-10, 2024 in the old port.")) == ["2024-05-08", "2024-05-10"]


def test_iso_like_numbers_are_not_ranges():
    assert days(run("Reference 2024-05-08 is listed in the annex.")) == []


def test_weekday_right_after_a_verb_without_on():
    r = run("The consular section will be closed Monday for the national holiday.", published="2024-04-10T00:00:00Z")
    assert days(r) == ["2024-04-15"]
    # a capitalised word before the weekday makes it a name ("Good Friday"), not a date
    assert days(run("Offices observe Good Friday.", published="2024-03-20T00:00:00Z")) == []


def test_dateline_closed_by_a_full_stop():
    r = run("Ташкент, 5 марта 2024 года. Делегация обсудила вопросы торговли и энергетики в столице страны.",
            published="2024-03-07T00:00:00Z")
    assert r.release_date == date(2024, 3, 5)


def test_foreign_ministries_by_their_own_names():
    assert run("Federal Foreign Office\n12 April 2024\n" + BODY).issuing_office == "Federal Foreign Office"
    body = "Las delegaciones revisaron el programa de pesca y acordaron un calendario para la próxima fase."
    r = run("Ministerio de Relaciones Exteriores\n12 de abril de 2024\n" + body)
    assert r.issuing_office == "Ministerio de Relaciones Exteriores"
