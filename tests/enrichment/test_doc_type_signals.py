"""doc_type: one test per signal, and which signal wins when they disagree (docs/doc_type.md).

Every statement here is written for this test."""

from __future__ import annotations

from enrich_testkit import run

READOUT_BODY = (
    "Deputy Secretary Alvarez met with Tanzanian Foreign Minister Kombo in Dodoma today.\n"
    "The Deputy Secretary thanked the Minister for the partnership on health.\n"
    "They discussed trade, energy and regional security.\n"
    "The two agreed to meet again before the end of the year.\n"
    "They also reviewed preparations for the investment forum."
)
LIST_BODY = (
    "Since 2019 the United States has provided the following support to Malawi:\n"
    "More than 40 million dollars for maize and bean seed.\n"
    "Training for 2,000 community health workers in three districts.\n"
    "Solar pumps for irrigation schemes along the lake shore.\n"
    "Scholarships for 150 students in agriculture and nursing."
)


# --- signal 1: a kind label in the header ------------------------------------------------------


def test_header_label_decides_over_everything():
    text = "READOUT\nOFFICE OF THE SPOKESPERSON\n" + LIST_BODY
    assert run(text, title="Fact Sheet: Support for Malawi", categories=["Press release"]).doc_type == "readout"


def test_as_delivered_header_line_is_remarks():
    text = "As Delivered\nThe fisheries agreement will protect the reefs for a generation."
    assert run(text, title="Ambassador Ortiz on the Fisheries Agreement").doc_type == "remarks"
    text = "AS PREPARED FOR DELIVERY\nThe fisheries agreement will protect the reefs."
    assert run(text, title="Ambassador Ortiz on the Fisheries Agreement").doc_type == "remarks"


# --- signal 2: the publisher's content type -------------------------------------------------------


def test_publisher_type_beats_headline_and_body():
    r = run(READOUT_BODY, title="Statement on the Partnership with Tanzania", categories=["Speech"])
    assert r.doc_type == "remarks"


# --- signal 3: the headline ------------------------------------------------------------------------


def test_headline_readout_patterns():
    body = "They discussed trade and security."
    assert run(body, title="Secretary Alvarez's Call with Ghanaian Foreign Minister Ablakwa").doc_type == "readout"
    assert run(body, title="Ambassador Meets with Governor of Kisumu County").doc_type == "readout"
    assert run(body, title="Under Secretary Okafor Meets Senegalese Trade Minister").doc_type == "readout"


def test_headline_statement_patterns():
    body = "The United States congratulates the people of Malawi on a peaceful vote."
    assert run(body, title="U.S. Embassy Statement on the Elections in Malawi").doc_type == "press_statement"
    assert run(body, title="Ambassador's Statement on World Press Freedom Day").doc_type == "press_statement"


def test_headline_visa_patterns():
    body = "The Embassy opened its doors to students on Saturday."
    assert run(body, title="Student Visa Day at the Embassy").doc_type == "visa_notice"
    assert run(body, title="New Entry Requirements for Travelers").doc_type == "visa_notice"


def test_visa_policy_headline_is_not_a_visa_notice():
    body = "The Department will restrict entry of officials who undermine democracy."
    assert run(body, title="Announcing Visa Restrictions on Officials Undermining Democracy").doc_type != "visa_notice"


def test_headline_beats_body_form():
    assert run(LIST_BODY, title="Remarks by Ambassador Ortiz at the Seed Fair").doc_type == "remarks"


# --- signal 4: the form of the body ------------------------------------------------------------


def test_meeting_account_is_a_readout_not_a_fact_sheet():
    assert run(READOUT_BODY, title="Deputy Secretary in Tanzania").doc_type == "readout"


def test_first_person_meeting_in_a_speech_is_not_a_readout():
    text = ("Good morning, everyone.\nYesterday I met with farmers from the lake shore, and you would be proud of them.\n"
            "Thank you.")
    assert run(text, title="At the Seed Fair").doc_type == "remarks"


def test_list_of_one_sentence_lines_is_a_fact_sheet():
    assert run(LIST_BODY, title="Support for Malawi").doc_type == "fact_sheet"


def test_spoken_text_is_remarks_and_written_first_person_is_a_press_statement():
    spoken = ("Thank you, Madam Chair, and thank you to our briefers.\n"
              "The situation on the border remains grave, and we call for restraint.\nThank you.")
    assert run(spoken, title="On the Border Situation").doc_type == "remarks"
    written = ("On behalf of the United States I congratulate the people of Malawi. I commend the electoral "
               "commission, and I look forward to my next visit. My government and I stand ready to help, "
               "and I wish the new parliament success.")
    assert run(written, title="Congratulations to Malawi").doc_type == "press_statement"


def test_delivered_statement_headline_with_a_salutation_is_remarks():
    text = "Thank you, Mr. President.\nWe remain concerned by the fighting in the east."
    assert run(text, title="Statement by Ambassador Ortiz at the Security Council").doc_type == "remarks"


def test_a_delivered_statement_header_line_over_a_salutation_is_remarks():
    text = ("Statement by Ambassador Ruth Keller, at the Permanent Council in Vienna.\nThank you, Mr Chair.\n"
            "We remain concerned by the detention of three monitors.")
    assert run(text, title="The monitors must be released").doc_type == "remarks"
    written = "Statement by Ambassador Ruth Keller\nWe remain concerned by the detention of three monitors."
    assert run(written, title="The monitors must be released").doc_type == "press_statement"


def test_consular_information_is_a_visa_notice():
    text = ("From March 1 applicants must book appointments online. The Consular Section will not accept "
            "walk-in visa applications.")
    assert run(text, title="Changes to Appointment Booking").doc_type == "visa_notice"


def test_nothing_to_go_on_is_other():
    text = "The Embassy donated two ambulances to the district hospital. Staff will be trained next month."
    assert run(text, title="Ambulances for the District Hospital").doc_type == "other"


def test_publisher_types_in_other_forms_and_languages():
    body = "The partnership will bring clean water to three districts."
    assert run(body, title="On water", categories=["Speeches of the HR/VP"]).doc_type == "remarks"
    assert run(body, title="Sobre el agua", categories=["Discursos"]).doc_type == "remarks"
    assert run(body, title="Sur l'eau", categories=["Déclarations"]).doc_type == "press_statement"


def test_header_labels_in_other_languages_and_statement_from():
    body = "La asociación llevará agua potable a tres distritos del país."
    assert run("COMUNICADO DE PRENSA\n" + body, title="Agua potable").doc_type == "press_release"
    assert run("STATEMENT FROM THE PRESS SECRETARY\nThe partnership will grow.", title="On water").doc_type == "press_statement"


def test_more_headline_kinds():
    body = "The partnership will bring clean water to three districts."
    assert run(body, title="Joint Press Release on the Water Partnership").doc_type == "press_release"
    assert run(body, title="Joint Communiqué of the Water Ministers").doc_type == "joint_statement"
    assert run(body, title="Backgrounder: The Water Partnership").doc_type == "fact_sheet"
    assert run(body, title="Secretary Alvarez at a Joint Press Availability").doc_type == "remarks"
    assert run(body, title="Secretary Alvarez and Minister Kombo Before Their Meeting").doc_type == "remarks"
