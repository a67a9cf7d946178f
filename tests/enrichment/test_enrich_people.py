"""People rules: names, titles, honorifics, MOFA surnames, merging."""

from __future__ import annotations

from enrich_testkit import names, run


def test_title_prefix_and_of_phrase():
    r = run("Assistant Secretary for South and Central Asian Affairs Donald Lu hosted First Deputy Foreign Minister "
            "of Kazakhstan Kairat Umarov in Washington. Assistant Secretary Lu thanked him.")
    assert names(r) == {
        "Donald Lu": "Assistant Secretary for South and Central Asian Affairs",
        "Kairat Umarov": "First Deputy Foreign Minister of Kazakhstan",
    }


def test_honorifics_dropped_and_not_titles():
    r = run("Sir Michael Somare spoke with Dato Erywan. Good afternoon to Mayor Jenuzi and to Dr. Jashari.")
    assert names(r) == {"Michael Somare": None, "Erywan": None, "Jenuzi": "Mayor", "Jashari": None}


def test_mofa_capitalised_surname():
    r = run("Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, held a meeting with the minister.")
    assert names(r) == {"Kamikawa Yoko": "Minister for Foreign Affairs of Japan"}


def test_appositive_beats_rank_prefix():
    r = run("Ambassador Tracey Jacobson, Chargé d'Affaires of the U.S. Embassy in Addis Ababa, met Awol Arba, "
            "President of the Afar Regional State. Later, Afar Regional State President Awol Arba thanked the donors.")
    assert names(r) == {
        "Tracey Jacobson": "Chargé d'Affaires of the U.S. Embassy in Addis Ababa",
        "Awol Arba": "President of the Afar Regional State",
    }


def test_bare_historical_and_famous_names():
    r = run("We continue to call for the release of Paul Whelan and Trevor Reed, and for the release of Aleksey Navalny. "
            "Putin's unprovoked war goes on.")
    assert names(r) == {"Paul Whelan": None, "Trevor Reed": None, "Aleksey Navalny": None, "Putin": None}


def test_roles_without_names_are_not_people():
    r = run("The Secretary welcomed the statement. The High Representative of the European Union also spoke. "
            "A Foreign, Commonwealth and Development Office spokesperson said the Foreign Minister agreed.")
    assert r.people == []


def test_first_names_and_diacritics():
    r = run("I thank my wife Wendy for her support. Assistant Secretary-General Miroslav Jenča attended.")
    got = names(r)
    assert "Wendy" in got
    assert got.get("Miroslav Jenča") == "Assistant Secretary-General"


def test_header_name_line_and_surname_title():
    r = run("PRESS STATEMENT\nMICHAEL R. POMPEO, SECRETARY OF STATE\nAPRIL 22, 2020\nPresident Trump's leadership matters.")
    assert names(r) == {"Michael R. Pompeo": "Secretary of State", "Trump": "President"}


def test_organisations_and_places_are_not_people():
    r = run("The Millennium Challenge Corporation and the Family Health Care Center met in Addis Ababa. "
            "The MV Galaxy Leader was seized in the Red Sea. Sudan Ebolavirus was detected.")
    assert r.people == []


def test_local_language_title():
    r = run("Москва, 20 февраля 2023 г. – Посол США Линн Трейси и заместитель министра иностранных дел России "
            "Сергей Рябков провели сегодня встречу.")
    assert names(r) == {"Линн Трейси": "Посол США", "Сергей Рябков": "заместитель министра иностранных дел России"}


def test_name_line_followed_by_title_line():
    r = run("Press Statement\nHillary Rodham Clinton\nSecretary of State\nWashington, DC\nApril 19, 2011\nWe congratulate Nigeria.")
    assert names(r) == {"Hillary Rodham Clinton": "Secretary of State"}


def test_headline_bare_names_only_after_with():
    r = run("QUESTION: Thank you.", title="Secretary Antony J. Blinken With Kristen Welker of NBC's Meet the Press")
    assert "Kristen Welker" in names(r)
    assert run("Event: The Embassy is closed.", title="Security Alert: Manila Closure Planned").people == []


def test_header_boilerplate_is_not_a_name():
    r = run("The White House\nOffice of the Press Secretary\nFor Immediate Release\nJanuary 07, 2016\nPresident Obama spoke today.")
    assert names(r) == {"Obama": "President"}


# --- places and things are not people; titles attached correctly ---------------------------

def test_places_countries_and_things_are_not_people():
    r = run("Protesters gathered in Plaza Bolívar and along Avenida Los Próceres, near the border with Costa Rica "
            "and Burkina Faso. Flooding hit Les Abymes and Fifth Harmony Reef. The Three Pillars guide us, and "
            "the UN-backed Sahel Force patrols the Gran Frontera. The Ambassador spoke with Maria Gomez.")
    assert names(r) == {"Maria Gomez": None}


def test_compound_title_head_and_no_title_from_an_unrelated_address():
    r = run("Thank you, Chair, and I thank Assistant-Secretary-General Tomas Varga for his update.")
    assert names(r) == {"Tomas Varga": "Assistant-Secretary-General"}


def test_appositive_title_does_not_split_into_a_fake_person():
    r = run("Press contacts\nAnna Weber, Senior Spokesperson for Trade and Economic Policy\n+32 2 000 00 00")
    assert names(r) == {"Anna Weber": "Senior Spokesperson for Trade and Economic Policy"}


def test_bare_name_whose_surname_is_a_common_word():
    r = run("The court sentenced twelve activists, including Grace Law. The new law violates the Basic Law. "
            "The President spoke on his Official Visit to Accra.")
    assert names(r) == {"Grace Law": None}


def test_french_title_keeps_its_of_phrase_and_drops_the_elided_article():
    text = ("Dakar, le 4 mai 2022 – L'Ambassadeur des États-Unis au Sénégal, Jean Martin, et le Ministre de "
            "l'Agriculture, de l'Équipement Rural et de la Souveraineté Alimentaire, Paul Ndiaye, ont signé l'accord.")
    r = run(text, title="Signature d'un accord")
    assert names(r) == {
        "Jean Martin": "Ambassadeur des États-Unis au Sénégal",
        "Paul Ndiaye": "Ministre de l'Agriculture, de l'Équipement Rural et de la Souveraineté Alimentaire",
    }


def test_lower_case_appositive_role_in_other_languages():
    r = run("Москва, 3 июня 2022 г. – Анна Смирнова, корреспондент агентства Reuters, была задержана в Москве.",
            title="Задержание журналиста")
    assert names(r) == {"Анна Смирнова": "корреспондент агентства Reuters"}


def test_cities_and_provinces_are_not_people():
    r = run("Roadblocks were reported in San Pedro Sula, Santa Cruz, El Alto and the province of Stara Zagora, "
            "as well as in Baja California. Consul Rita Lopez urged caution.")
    assert names(r) == {"Rita Lopez": "Consul"}


def test_titles_in_portuguese_spanish_and_russian():
    pt = run("Recife, 2 de abril de 2022 – O Cônsul-Geral dos EUA, João Silva, e a Ministra da Cultura, Ana Costa, "
             "abriram hoje a exposição.", title="Exposição")
    assert names(pt) == {"João Silva": "Cônsul-Geral dos EUA", "Ana Costa": "Ministra da Cultura"}
    es = run("Quito, 2 de abril de 2022 – El Secretario de Comercio Exterior, Luis Vera, visitó hoy el puerto.",
             title="Visita")
    assert names(es) == {"Luis Vera": "Secretario de Comercio Exterior"}
    ru = run("Владивосток, 2 апреля 2022 г. – Генеральный консул США Иван Орлов встретился с первым заместителем "
             "губернатора края Петром Соколовым.", title="Встреча")
    assert names(ru) == {"Иван Орлов": "Генеральный консул США", "Петром Соколовым": "первым заместителем губернатора края"}


def test_places_in_lists_armed_groups_and_named_things_are_not_people():
    r = run("Crime is common in Port Harcourt, Nuevo Leon City and Agua Prieta. Boko Haram attacks continue. "
            "The Golden Crescent remains dangerous. Ambassador Ana Ruiz urged caution.")
    assert names(r) == {"Ana Ruiz": "Ambassador"}
