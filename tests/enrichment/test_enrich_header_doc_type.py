"""Header, doc_type, issuing office, release date and mission rules."""

from __future__ import annotations

from enrich_testkit import run


# --- doc_type -----------------------------------------------------------------------------

def test_header_label_beats_joint_statement_headline():
    r = run("MEDIA NOTE\nOFFICE OF THE SPOKESPERSON\nDECEMBER 6, 2022\nThe two governments issued the statement below.",
            title="Joint Statement on the Dialogue")
    assert r.doc_type == "media_note"


def test_opening_joint_statement_beats_govuk_press_release():
    text = ("Joint Statement from the Foreign Ministers of Australia, Canada, Germany, Italy, Japan, the United Kingdom "
            "and the United States, and the High Representative of the European Union.\nWe are gravely concerned.")
    r = run(text, title="G7 foreign ministers' statement", categories=["Press release"], site="www.gov.uk")
    assert r.doc_type == "joint_statement"


def test_publisher_content_types():
    body = "The UK condemns the seizure of the vessel and calls for its release."
    assert run(body, title="Seizure of a vessel: UK statement", categories=["Press release"]).doc_type == "press_release"
    assert run(body, title="UK statement at the UN Security Council", categories=["Speech"]).doc_type == "remarks"
    assert run(body, title="Belarus: Statement on elections", categories=["Statements by the HR/VP"]).doc_type == "press_statement"
    assert run(body, title="Japan-Peru Summit", categories=["Press Releases"], site="www.mofa.go.jp").doc_type == "press_release"


def test_headline_kinds():
    body = "Participants discussed regional cooperation."
    assert run(body, title="Press Release for the C5+1 Secretariat Meeting on June 21, 2023").doc_type == "press_release"
    assert run(body, title="Joint Vision Statement on the Partnership").doc_type == "joint_statement"
    assert run(body, title="Remarks by Ambassador Smith at the Opening").doc_type == "remarks"


def test_alert_labels_and_old_travel_alerts():
    assert run("Location: Kinshasa\nEvent: A yellow fever outbreak has been declared.",
               title="Security Alert: Yellow Fever Outbreak").doc_type == "security_alert"
    assert run("Event: Dengue cases are rising.", title="Health Alert: U.S. Embassy Lima").doc_type == "health_alert"
    assert run("The Department of State alerts U.S. citizens to elections.", title="Ethiopia Travel Alert").doc_type == "travel_advisory"
    assert run("The Department of State advises U.S. citizens to avoid all international travel.",
               title="Global Level 4 Health Advisory - Do Not Travel").doc_type == "travel_advisory"
    assert run("Demonstrations are planned.", title="Demonstration Alert: Protest Planned Today").doc_type == "security_alert"


def test_text_form_rules():
    readout = ("The below is attributable to Spokesperson Ned Price:\n"
               "Secretary Blinken spoke today with Foreign Minister Cooper about the war.")
    assert run(readout, title="Secretary Blinken's Call").doc_type == "readout"
    mofa = ("On June 11, commencing at 6:00 p.m., Mr. KONO Taro, Minister for Foreign Affairs of Japan, held a meeting "
            "with H.E. Mr. Sergey Lavrov. The overview of the meeting is as follows.")
    assert run(mofa, title="Japan-Russia Foreign Ministers' Meeting", site="www.mofa.go.jp").doc_type == "readout"
    visa = ("Nonimmigrant visa appointments resume next month. Visa applicants must pay the fee. "
            "Immigrant visa cases are scheduled in order. Ask the Consul answers your visa questions.")
    assert run(visa, title="Consular update").doc_type == "visa_notice"
    interview = "QUESTION: Thank you for joining us.\nAMBASSADOR: Thank you.\nQUESTION: What is next?\nAMBASSADOR: More work."
    assert run(interview, title="Ambassador on local television").doc_type == "other"
    speech = "Good afternoon to all our guests. I am delighted to be here, and I thank my hosts."
    assert run(speech, title="Vehicle donation in Dragash").doc_type == "remarks"


def test_list_shaped_background_is_fact_sheet():
    text = ("The United States supports Moldova in many ways.\n"
            "The United States announced new energy assistance for Moldova.\n"
            "USAID supports small and medium enterprises across the country.\n"
            "The Department of State funds training for the border police.\n"
            "U.S. assistance supports independent media and anti-corruption efforts.")
    assert run(text, title="U.S. Assistance to Moldova").doc_type == "fact_sheet"


# --- issuing office -------------------------------------------------------------------------

def test_office_from_header_and_attribution():
    assert run("PRESS STATEMENT\nOFFICE OF THE SPOKESMAN\nJUNE 11, 2010\nWe welcome the vote.").issuing_office.lower() == "office of the spokesman"
    fcdo = "A Foreign, Commonwealth and Development Office spokesperson said:\nWe condemn the attack."
    assert run(fcdo).issuing_office == "Foreign, Commonwealth and Development Office"
    eeas = "European External Action Service\nBrussels, 09/08/2020\nThe EU condemns the violence."
    assert run(eeas).issuing_office == "European External Action Service"


def test_no_office_for_spokesperson_attribution_or_site():
    r = run("The below is attributable to Spokesperson Ned Price:\nSecretary Blinken met today with the minister.",
            site="www.state.gov")
    assert r.issuing_office is None


# --- release date ------------------------------------------------------------------------

def test_header_date_beats_byline():
    text = ("MEDIA NOTE\nOFFICE OF THE SPOKESPERSON\nDECEMBER 6, 2022\nThe statement follows.\n"
            "By U.S. Mission Kazakhstan | 7 December, 2022 | Topics: News")
    r = run(text, published="2022-12-07T00:00:00Z")
    assert r.release_date.isoformat() == "2022-12-06"
    assert "2022-12-07" not in [d.isoformat() for d in r.event_dates]


def test_datelines():
    assert run("Almaty, June 22, 2023 – The Secretariat met.").release_date.isoformat() == "2023-06-22"
    assert run("Brussels, 5 May 2012 – The EU welcomes the elections.").release_date.isoformat() == "2012-05-05"
    eu = run("Brussels, 09/08/2020\nThe EU condemns the violence.", site="www.eeas.europa.eu")
    assert eu.release_date.isoformat() == "2020-08-09"  # day-first in EU usage


def test_title_dates_release_or_event():
    assert run("Event: protests.", title="Security Alert for U.S. Citizens March 31, 2022").release_date.isoformat() == "2022-03-31"
    r = run("Almaty, June 22, 2023 – The meeting took place.", title="Press Release for the C5+1 Secretariat Meeting on June 21, 2023")
    assert r.release_date.isoformat() == "2023-06-22"
    assert "2023-06-21" in [d.isoformat() for d in r.event_dates]


def test_event_date_is_not_release_date():
    r = run("Location: Colombo, Sri Lanka\nEvent(s): A group plans to protest at 12:30 today, September 06, 2024, outside the embassy.",
            title="Demonstration Alert: Protest Planned Today", published="2024-09-06T00:00:00Z")
    assert r.release_date is None
    assert [d.isoformat() for d in r.event_dates] == ["2024-09-06"]


# --- mission -----------------------------------------------------------------------------

def test_mission_sources():
    assert run("Text.\nBy U.S. Mission Kazakhstan | 7 December, 2022 | Topics: News").mission == "U.S. Mission Kazakhstan"
    assert run("Event: protests.", title="Security Alert - U.S. Embassy Nairobi, Kenya").mission == "U.S. Embassy Nairobi, Kenya"
    assert run("Event: outbreak.", title="Health Alert: U.S. Embassy Kampala (September 26, 2022)").mission == "U.S. Embassy Kampala"
    assert run("U.S. Embassy Addis Ababa\nThe Embassy donated equipment to the police.").mission == "U.S. Embassy Addis Ababa"


def test_embassy_as_place_is_not_mission():
    assert run("Protesters gathered at the main gate of the U.S. Embassy in Colombo today.").mission is None
    assert run("Our Embassy's Office of Defense Cooperation arranged the donation.").mission is None


def test_mission_heading_drops_topic_words():
    r = run("Security Alert – U.S. Embassy Manila\nEvent: closure.", title="Security Alert: U.S. Embassy Manila Closure")
    assert r.mission == "U.S. Embassy Manila"


# --- non-English bylines and source lines (mission), visa headlines ---------------------------

def test_spanish_byline_gives_mission_and_no_event_date():
    text = ("Lima, 3 de mayo de 2023 – El Embajador entregó hoy vehículos a la policía.\n"
            "Por Embajada de EE. UU. en Perú | 4 mayo, 2023 | Temas: Noticias")
    r = run(text, title="Donación a la policía", published="2023-05-04T00:00:00Z")
    assert r.mission == "Embajada de EE. UU. en Perú"
    assert "2023-05-04" not in [d.isoformat() for d in r.event_dates]


def test_byline_shape_without_leading_word_is_posting_metadata():
    text = ("The Ambassador opened the new library on the campus.\n"
            "U.S. Embassy Quito | 12 April, 2022 | Topics: News")
    r = run(text, title="Library opening", published="2022-04-12T00:00:00Z")
    assert r.mission == "U.S. Embassy Quito"
    assert [d.isoformat() for d in r.event_dates] == []


def test_source_lines_in_french_russian_portuguese():
    fr = run("Ambassade des États-Unis à Dakar\nCommuniqué de presse\nDakar, le 2 mars 2022 – L'ambassade a remis des livres.",
             title="Don de livres")
    assert fr.mission == "Ambassade des États-Unis à Dakar"
    ru = run("Генеральное консульство США в Екатеринбурге\nПресс-релиз\nЕкатеринбург, 5 мая 2021 г. – Консульство провело концерт.",
             title="Концерт")
    assert ru.mission == "Генеральное консульство США в Екатеринбурге"
    pt = run("Embaixada dos EUA no Brasil\nBrasília, 8 de junho de 2021 – A Embaixada doou equipamentos.", title="Doação")
    assert pt.mission == "Embaixada dos EUA no Brasil"


def test_interview_waiver_headline_is_a_visa_notice():
    body = "Applicants renewing a visa in the same category may qualify to skip the in-person interview."
    assert run(body, title="Interview Waivers Extended for Students").doc_type == "visa_notice"
    assert run(body, title="Nonimmigrant Visa Applicants: New Appointment System").doc_type == "visa_notice"
    assert run("Q: Thank you.", title="Interview with the Ambassador on Radio Free Europe").doc_type == "other"


def test_bylines_with_in_and_consulates():
    body = "The Ambassador met students at the university.\n"
    assert run(body + "By U.S. Embassy in Georgia | 3 March, 2022 | Topics: News").mission == "U.S. Embassy in Georgia"
    r = run(body + "By U.S. Embassy & Consulates in Brazil | 3 March, 2022 | Topics: News")
    assert r.mission == "U.S. Embassy & Consulates in Brazil"
    pt = run("O Embaixador visitou a escola.\nPor Embaixada e Consulados dos EUA no Brasil | 3 março, 2022 | Tópicos: Notícias",
             title="Visita")
    assert pt.mission == "Embaixada e Consulados dos EUA no Brasil"
    assert pt.people == []
