"""Classes of error found on statements the rules were not written from (issue 14): local-language
alert headings, labels with a kind in front, header dates with a clock time or a publisher type,
headline date ranges, and "today" tied to acts and happenings.

Every sentence here is written for this test."""

from __future__ import annotations

from datetime import date

import pytest
from enrich_testkit import days, run

BODY = "Residents should avoid the area near the stadium and follow local news."


# --- alert headings in other languages: doc_type and mission -------------------------------------


@pytest.mark.parametrize(
    "heading, mission",
    [
        ("Alerta de Seguridad – Embajada de los Estados Unidos en Quito, Ecuador (3 de mayo de 2024)",
         "Embajada de los Estados Unidos en Quito, Ecuador"),
        ("Alerte de sécurité – Ambassade des États-Unis à Niamey, Niger (3 mai 2024)",
         "Ambassade des États-Unis à Niamey, Niger"),
        ("Alerta de Segurança – Embaixada dos EUA em Luanda, Angola (3 de maio de 2024)",
         "Embaixada dos EUA em Luanda, Angola"),
        ("Alerta de Manifestación: Embajada de EE. UU. en La Paz", "Embajada de EE. UU. en La Paz"),
    ],
)
def test_local_language_alert_heading_gives_kind_and_mission(heading, mission):
    r = run(heading + "\n" + BODY, title=heading)
    assert r.doc_type == "security_alert"
    assert r.mission == mission


def test_local_language_health_alert_heading():
    r = run("Alerta de Salud – Embajada de los Estados Unidos en Lima, Perú\n" + BODY)
    assert r.doc_type == "health_alert"


# --- a kind label with a qualifier in front --------------------------------------------------------


def test_label_with_its_kind_in_front_is_a_header_label():
    r = run("COUNTRY PROFILE FACT SHEET\nBUREAU OF AFRICAN AFFAIRS\n" + BODY, title="Relations With Chad")
    assert r.doc_type == "fact_sheet"
    assert r.issuing_office.casefold() == "bureau of african affairs"


def test_a_sentence_mentioning_a_fact_sheet_is_no_label():
    r = run("Read the attached fact sheet about the grant before you apply for it next month.\n" + BODY)
    assert r.doc_type != "fact_sheet"


def test_headline_press_statement_after_a_publisher_prefix():
    r = run(BODY, title="Ministry Press Statement: Visit of the Trade Minister of Chile")
    assert r.doc_type == "press_statement"


# --- header dates -----------------------------------------------------------------------------------


def test_header_date_line_with_a_clock_time():
    for line in ("11 March 2024 09:45", "March 11, 2024, 3:15 p.m. EDT", "11 March 2024 at 14.00"):
        r = run("Council of the European Union\nPress release\n" + line + "\n" + BODY, published="2024-03-12T00:00:00Z")
        assert r.release_date == date(2024, 3, 11), line
        assert days(r) == [], line


def test_publisher_type_and_date_on_one_line():
    r = run("Speech | 11-03-2024\nGood evening and welcome.\n" + BODY, published="2024-03-12T00:00:00Z")
    assert r.release_date == date(2024, 3, 11)
    assert r.doc_type == "remarks"
    r = run("News story | 11 March 2024\n" + BODY, published="2024-03-12T00:00:00Z")
    assert r.release_date == date(2024, 3, 11)


def test_a_range_in_the_headline_is_an_event_not_the_release_date():
    title = "Visit of the Foreign Minister of Chile to Malta, 4 to 6 June 2024"
    r = run("The Minister will meet the President.\nMINISTRY OF FOREIGN AFFAIRS\n6 JUNE 2024", title=title,
            published="2024-06-07T00:00:00Z")
    assert r.release_date == date(2024, 6, 6)
    assert {"2024-06-04", "2024-06-06"} <= set(days(r))
    r = run("The Minister will meet the President.", title="Talks in Valletta, 4-6 June 2024", published="2024-06-07T00:00:00Z")
    assert r.release_date is None


# --- "today" tied to an act or a happening ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "A strong storm struck the northern coast today, cutting power to several towns.",
        "The assembly today adopted a resolution on water sharing.",
        "Today, four governments formally recognise the new border commission.",
        "Voter registration ends at midnight tonight local time.",
        "A relief flight left the capital this morning with tents and medicine.",
    ],
)
def test_today_with_an_act_or_happening_is_an_event(sentence):
    r = run("Lisbon, 10 April 2024 – " + sentence, published="2024-04-11T00:00:00Z")
    assert days(r) == ["2024-04-10"]


def test_this_morning_in_other_languages():
    r = run("Lima, 10 de abril de 2024 – El puerto permanece cerrado desde esta mañana y el tráfico se suspendió.",
            published="2024-04-11T00:00:00Z")
    assert "2024-04-10" in days(r)
    r = run("Dakar, 10 avril 2024 – Le pont a été fermé ce matin après une manifestation.", published="2024-04-11T00:00:00Z")
    assert "2024-04-10" in days(r)


def test_self_reference_today_is_still_no_event():
    r = run("Lisbon, 10 April 2024 – The Embassy today issued the following statement on the new law.")
    assert days(r) == []


# --- countries: a country word that names a feature, a thing or a currency ------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Patrols crossed the Korea Strait twice this spring.",
        "Talks on the Grand Sudanese Unity Dam resumed.",
        "Passengers on Kenya Airways and Ethiopian Airlines were rebooked.",
        "The grant is worth 5 million Singapore dollars.",
    ],
)
def test_country_word_inside_a_feature_thing_or_currency_names_no_country(sentence):
    r = run(sentence)
    assert dict(r.countries) == {}, sentence


def test_country_word_in_an_organisation_still_counts():
    assert set(run("The Ethiopian Federal Police and the U.S. Air Force met.").countries) == {"ET", "US"}


def test_territory_name_without_its_parenthesis():
    assert set(run("He served in the Falkland Islands Department of the ministry.").countries) == {"FK"}


# --- doc_type: readouts vs fact sheets, visa notices vs other, CVs are no lists --------------------------------

_SHORT_LINES = (
    "The Ambassador highlighted new private investment in the port.\n"
    "The Minister welcomed the support for the grid.\n"
    "Both sides agreed to form a technical working group.\n"
    "They also reviewed the timeline for the tender."
)


def test_two_parties_who_discussed_is_a_readout_not_a_fact_sheet():
    text = "On May 3, Ambassador Jane Roe and Energy Minister Paul Ndlovu discussed cooperation on power lines.\n" + _SHORT_LINES
    assert run(text, title="Energy Cooperation").doc_type == "readout"


def test_headline_discusses_with_is_a_readout():
    assert run("They met at the ministry.", title="Ambassador Discusses Fisheries with Minister").doc_type == "readout"


def test_visa_forms_fees_and_classes_are_consular_information():
    text = ("From July 1, the Consular Section will accept F-1 and J-1 applications on Mondays. "
            "Pay the MRV fee before you book, and bring your I-20 or DS-2019.")
    assert run(text, title="Changes for Student Applicants").doc_type == "visa_notice"


def test_fighter_jets_are_no_visa_class():
    text = "The air force will receive F-16 aircraft and training for pilots. The delivery is due in spring."
    assert run(text, title="Aircraft Delivery").doc_type != "visa_notice"


def test_an_appointment_notice_with_a_cv_is_not_a_fact_sheet():
    text = (
        "Ms Ruth Alder has been appointed British High Commissioner to Fiji. She will take up her post in May.\n"
        "Curriculum vitae\n"
        "2021 to 2024: FCDO, Head of Pacific Department, London\n"
        "2017 to 2021: Wellington, Deputy High Commissioner for the region\n"
        "2014 to 2017: Nairobi, First Secretary for trade and investment\n"
        "2011 to 2014: FCDO, Desk Officer for East Asia and the Pacific"
    )
    assert run(text, title="Change of British High Commissioner to Fiji").doc_type == "other"


# --- publisher header formats: offices and datelines ----------------------------------------------------------


@pytest.mark.parametrize(
    "header, office",
    [
        ("Council of the EU\nPress release\n3 May 2024 14:10\n", "Council of the EU"),
        ("Ministry for Foreign Affairs\n3 May 2024\n", "Ministry for Foreign Affairs"),
        ("Federal Department of Foreign Affairs\nBern, 03.05.2024\n", "Federal Department of Foreign Affairs"),
        ("Press and Information Department\n3 May 2024\n", "Press and Information Department"),
        ("News release\nMay 3, 2024 - Ottawa, Ontario - Global Affairs Canada\n", "Global Affairs Canada"),
    ],
)
def test_more_office_header_lines(header, office):
    r = run(header + BODY, published="2024-05-06T00:00:00Z")
    assert r.issuing_office == office
    assert r.release_date == date(2024, 5, 3)


@pytest.mark.parametrize(
    "opening",
    [
        "Washington, D.C. – May 3, 2024 – ",
        "WASHINGTON (May 3, 2024) — ",
        "Release date: 3 May 2024\n",
    ],
)
def test_more_dateline_forms(opening):
    r = run(opening + BODY, published="2024-05-06T00:00:00Z")
    assert r.release_date == date(2024, 5, 3)
    assert days(r) == []


def test_spanish_dateline_closed_by_a_full_stop_and_dash():
    r = run("Quito, 3 de mayo de 2024.– El embajador visitó la planta y habló con los trabajadores de la empresa.",
            published="2024-05-06T00:00:00Z")
    assert r.release_date == date(2024, 5, 3)


def test_a_sentence_with_a_dash_is_no_dateline():
    r = run("Officials said – on May 3, 2024 – that the road would reopen.", published="2024-05-06T00:00:00Z")
    assert r.release_date is None


# --- event dates: weekdays a week away, numeric dates in running text -------------------------------------------


def test_next_and_last_weekday_said_on_that_weekday_are_a_week_away():
    # 3 May 2024 is a Friday
    assert days(run("Accra, 3 May 2024 – A rally is planned for next Friday.")) == ["2024-05-10"]
    assert days(run("Accra, 3 May 2024 – A rally took place last Friday.")) == ["2024-04-26"]
    assert days(run("Accra, 3 May 2024 – A rally is planned for next Tuesday.")) == ["2024-05-07"]


def test_numeric_dates_in_running_text_are_events():
    assert days(run("Accra, 3 May 2024 – Applications are due by 15/05/2024.")) == ["2024-05-15"]
    assert days(run("Accra, 3 May 2024 – The deadline is 15.05.2024.")) == ["2024-05-15"]
    r = run("Applications are due by 05/15/2024.", site="gh.usembassy.gov", published="2024-05-06T00:00:00Z")
    assert days(r) == ["2024-05-15"]


def test_numbers_that_only_look_like_dates_are_not_events():
    r = run("See https://example.org/news/03/05/2024/notice and version 1.05.2024.1 of the form.", published="2024-05-06T00:00:00Z")
    assert days(r) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Protesters gathered Thursday and will return Sunday.", ["2024-05-02", "2024-05-05"]),
        ("The talks held Monday were useful.", ["2024-04-29"]),
        ("The Embassy is closed Saturday for the holiday.", ["2024-05-04"]),
    ],
)
def test_a_weekday_takes_the_tense_of_its_own_clause(sentence, expected):
    assert days(run("Accra, 3 May 2024 – " + sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Heavy rain flooded parts of the capital today.",
        "We are saddened by the passing today of a former speaker of parliament.",
        "Two buildings collapsed in the old town today.",
    ],
)
def test_today_with_a_death_or_disaster_is_an_event(sentence):
    assert days(run("Accra, 3 May 2024 – " + sentence)) == ["2024-05-03"]


@pytest.mark.parametrize(
    "text",
    [
        "Publié le 3 mai 2024\nL'ambassade a reçu les étudiants de l'université et leurs professeurs pour un débat.",
        "Publicado el 3 de mayo de 2024\nLa Embajada recibió a los estudiantes de la universidad y a sus profesores.",
        "3 мая 2024 г.\nПосольство провело встречу со студентами университета и их преподавателями.",
        "Ciudad de Guatemala, a 3 de mayo de 2024.\nLa Embajada recibió a los estudiantes de la universidad y a sus profesores.",
    ],
)
def test_header_dates_in_other_languages(text):
    r = run(text, published="2024-05-06T00:00:00Z")
    assert r.release_date == date(2024, 5, 3)
    assert days(r) == []


@pytest.mark.parametrize(
    "text",
    [
        "Бишкек, 3 мая 2024 года – Сегодня Посол встретился с министром здравоохранения.",
        "Бишкек, 3 мая 2024 года – Посол сегодня вручил сертификаты выпускникам курсов.",
        "Niamey, le 3 mai 2024 – Une cérémonie a eu lieu aujourd'hui au ministère de l'Éducation.",
    ],
)
def test_today_with_local_event_verbs(text):
    assert days(run(text, published="2024-05-06T00:00:00Z")) == ["2024-05-03"]


def test_local_self_reference_today_is_no_event():
    r = run("Бишкек, 3 мая 2024 года – Сегодня Посольство объявило о новой программе грантов.", published="2024-05-06T00:00:00Z")
    assert days(r) == []
