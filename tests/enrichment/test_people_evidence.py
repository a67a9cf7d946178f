"""People need evidence (tasks/enrichment/evidence.py), and people named by a title or form of
address alone are found. Every sentence here is written for this test."""

from __future__ import annotations

import pytest
from enrich_testkit import names, run

from tasks.enrichment.evidence import bare_name_supported, has_surname_ending, is_given_name, is_surname

# --- Title-Case phrases that are not people -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # festivals and holidays
        "Crowds filled the square for the Kite Festival and later for Pchum Ben celebrations.",
        "Offices close for Songkran Holiday week.",
        # landmarks and facilities
        "The delegation toured Angkor Wat before lunch.",
        "Visitors to Machu Picchu and Table Mountain need permits.",
        # administrative districts
        "Residents of Chamkar Mon and Boeung Keng Kang should stay indoors.",
        # time zones
        "The briefing starts at 10:00 Eastern Standard Time.",
        "Registration closes at noon Pacific Daylight Time.",
        # media outlets
        "The minister spoke to Radio Free Europe and told Al Jazeera the vote was fair.",
        # diseases
        "Cases of Dengue Fever and Chikungunya Virus are rising.",
        # insurance and currency phrases
        "Travelers should buy Medical Evacuation Insurance before departure.",
        "Fees are payable in Kenyan Shillings or Japanese Yen.",
        # generic plural nouns
        "Local Residents and Visa Holders should carry identification.",
        "Young Leaders and Exchange Alumni joined the forum.",
        # streets named after people, with the street noun abbreviated and no dot
        "The consulate moved to 45 Tomás Berreta Blvd, Suite 3.",
        "Send mail to Joaquín Arce Ave, Building 2, or to Ramón Ibarra Rd.",
    ],
)
def test_title_case_things_are_not_people(sentence):
    assert names(run(sentence)) == {}


# --- bare names that have evidence ----------------------------------------------------------------


def test_given_name_lexicon_supports_a_bare_name():
    assert names(run("The prize went to Margaret Oyelaran for her work on clean water.")) == {"Margaret Oyelaran": None}


def test_given_name_with_diacritics_supports_a_bare_name():
    # The lexicon is ASCII (NICOLAS, JOSE, THERESE): accented spellings of its names count too.
    assert is_given_name("Nicolás") and is_given_name("Thérèse") and is_given_name("Ángela")
    r = run("The letter was signed by Inés Barragán and Joaquín Ulloa on behalf of the families.")
    assert names(r) == {"Inés Barragán": None, "Joaquín Ulloa": None}


def test_surname_morphology_supports_a_bare_name():
    r = run("We remain concerned about the detention of Dzmitry Kavalenka and Oksana Bialiatskaya.")
    assert names(r) == {"Dzmitry Kavalenka": None, "Oksana Bialiatskaya": None}


def test_speech_verb_supports_a_bare_name():
    assert names(run("“The harvest is late this year,” said Ngozi Adaeze.")) == {"Ngozi Adaeze": None}
    assert names(run("Oyelowo Badmus said the road would reopen.")) == {"Oyelowo Badmus": None}


def test_person_noun_supports_a_bare_name():
    assert names(run("The exiled poet Xhevdet Krasniqi read from his work.")) == {"Xhevdet Krasniqi": None}
    assert names(run("Blogger Trinh Ba Khiem was detained in March.")) == {"Trinh Ba Khiem": None}


def test_coordination_with_a_supported_person_supports_a_bare_name():
    r = run("We look forward to working with Dr. Okonkwo and Tsegaye Berhanu on the programme.")
    assert names(r) == {"Okonkwo": None, "Tsegaye Berhanu": None}


def test_press_contact_line_supports_a_bare_name():
    assert names(run("Media contact: Adaeze Okwuosa, press@example.org")) == {"Adaeze Okwuosa": None}


def test_another_supported_mention_supports_a_bare_one():
    r = run("Ambassador Tsegaye Berhanu arrived on Monday. Tsegaye Berhanu then visited the clinic.")
    assert names(r) == {"Tsegaye Berhanu": "Ambassador"}


def test_evidence_helpers():
    assert is_given_name("Margaret") and not is_given_name("Angkor")
    assert not is_given_name("Al")  # an article as often as a name
    assert is_surname("Hall") and not is_surname("Fever")
    assert has_surname_ending("Kavalenka") is False and has_surname_ending("Bialiatskaya")
    assert not has_surname_ending("Ukrainian")
    line = "Tomasz Wrobel, who leads the team, spoke first."
    assert bare_name_supported(["Tomasz", "Wrobel"], line, 0, 13, set(), frozenset())
    assert not bare_name_supported(["Standard", "Time"], "at 9 Standard Time", 5, 18, set(), frozenset())


def test_non_latin_names_are_not_gated():
    r = run("Встреча прошла в Москве. Ирина Соколова поблагодарила гостей.")
    assert "Ирина Соколова" in names(r)


# --- people named by a title or a form of address alone -----------------------------------------


def test_surname_alone_after_a_title():
    r = run("President Mbeki welcomed Speaker Ntsaluba, and Prime Minister Haraldsen spoke last.")
    assert names(r) == {"Mbeki": "President", "Ntsaluba": "Speaker", "Haraldsen": "Prime Minister"}


def test_surname_that_is_also_a_common_word_after_a_title():
    r = run("Mayor Park thanked Senator Church, Governor Hall and Minister Green for coming.")
    assert names(r) == {"Park": "Mayor", "Church": "Senator", "Hall": "Governor", "Green": "Minister"}


def test_calendar_and_function_words_after_a_title_are_not_surnames():
    assert names(run("The President Thursday signed the order.")) == {}


def test_single_name_official_in_capitals_after_an_honorific_or_title():
    r = run("Mr. SUGAWARA thanked the guests, and Foreign Minister OKADA replied.")
    assert names(r) == {"Sugawara": None, "Okada": "Foreign Minister"}


def test_acronym_after_a_title_is_not_a_name():
    assert names(run("The Secretary General NATO summit opened.")) == {}


def test_longer_forms_of_address_are_dropped():
    r = run("Pehin Dato Hamid opened the fair. Tan Sri Razak and Datuk Seri Halim attended, with Samdech Chea Sim.")
    assert names(r) == {"Hamid": None, "Razak": None, "Halim": None, "Chea Sim": None}


def test_form_of_address_is_not_part_of_the_title():
    r = run("His Majesty King Tupou received the envoys.")
    assert names(r) == {"Tupou": "King"}


def test_appositive_after_and_belongs_to_the_next_person():
    r = run("The Governor, Ms. Adebayo, and the Mayor, Mr. Kalu, cut the ribbon.")
    assert names(r) == {"Adebayo": "Governor", "Kalu": "Mayor"}


def test_facility_named_after_a_titled_person_is_not_a_person():
    r = run("Graduates of Emir Rashid University and nurses from King Hamad Hospital met at President Obote Avenue.")
    assert names(r) == {}


def test_regnal_numbers_keep_their_capitals():
    r = run("Queen Margrethe II and King Harald V attended.")
    assert names(r) == {"Margrethe II": "Queen", "Harald V": "King"}


def test_parliamentary_letters_are_the_title_and_honours_are_dropped():
    r = run("The Rt Hon Mara Quillfeather MP opened the port. Dame Ruth Adeyinka DBE cut the ribbon.")
    assert names(r) == {"Mara Quillfeather": "MP", "Ruth Adeyinka": None}


def test_title_before_a_name_with_letters_after_it_wins():
    r = run("Minister for Ports Mara Quillfeather MP opened the port.")
    assert names(r) == {"Mara Quillfeather": "Minister for Ports"}


# --- Title-Case headlines ---------------------------------------------------------------------------

_BODY = "The ambassador visited the valley, toured the dairy and opened the new cold store with the mayor."


def test_title_case_headline_verbs_are_not_names():
    for headline in ("Ambassador Visits Dairy Farmers in the Valley", "Consul General Opens Cold Store",
                     "Ambassador Tours Valley Dairy", "Minister Welcomes Cold Store Investment"):
        assert names(run(_BODY, title=headline)) == {}, headline


def test_title_case_headline_name_stops_before_the_verb():
    r = run(_BODY, title="Ambassador Margaret Oyelaran Visits Dairy Farmers")
    assert names(r) == {"Margaret Oyelaran": "Ambassador"}
    r = run(_BODY, title="Deputy Secretary Kowalczyk Travels to the Valley")
    assert names(r) == {"Kowalczyk": "Deputy Secretary"}


def test_title_case_headline_name_confirmed_by_the_body():
    body = "Ambassador Ngozi Tembo thanked the farmers. Tembo said the store would cut losses."
    assert names(run(body, title="Ambassador Tembo Opens Cold Store")) == {"Ngozi Tembo": "Ambassador"}


def test_unknown_surname_in_a_headline_is_kept_when_nothing_speaks_against_it():
    r = run("Good afternoon, and thank you all for coming.", title="Ambassador Wrzeszcz Remarks at the Dairy Fair")
    assert names(r) == {"Wrzeszcz": "Ambassador"}


def test_charge_d_affaires_is_one_head():
    r = run("Chargé d'Affaires Lena Ostrowska opened the cold store.")
    assert names(r) == {"Lena Ostrowska": "Chargé d'Affaires"}


def test_person_nouns_and_appositives_in_other_languages():
    r = run("Lors de la réception, la journaliste Oumou Sangaré-Diallo et Kadiatou Keïta, ancienne ministre, ont pris la parole.")
    assert names(r) == {"Oumou Sangaré-Diallo": None, "Kadiatou Keïta": None}


def test_a_middle_initial_is_evidence_of_a_person_but_not_inside_a_facility_name():
    assert names(run("We remember Orvel K. Tubbs and his work for the schools of the region.")) == {"Orvel K. Tubbs": None}
    assert names(run("Visitors to the Harry S. Truman Library may enter through the east gate.")) == {}
