"""Country, date, language, theme and quoted-text rules."""

from __future__ import annotations

from enrich_testkit import days, run

from tasks.enrichment import ENRICHER_VERSION
from tasks.enrichment.countries import find_countries
from tasks.enrichment.dates import find_mentions
from tasks.enrichment.quoted import quoted_text


def codes(text: str, lang: str | None = None) -> list[str]:
    return sorted(find_countries(text, lang))


# --- countries -----------------------------------------------------------------------------

def test_names_aliases_and_demonyms():
    assert codes("the United States of America and the Republic of Kazakhstan") == ["KZ", "US"]
    assert codes("the DPRK and the Republic of Korea, the People's Republic of China") == ["CN", "KP", "KR"]
    assert codes("Brunei Darussalam and the Kyrgyz Republic") == ["BN", "KG"]
    assert codes("Kazakhstani, Turkish, Japanese, Israeli, Ugandan, Bruneian, Pakistani and Ethiopian officials") == [
        "BN", "ET", "IL", "JP", "KZ", "PK", "TR", "UG"]
    assert codes("the U.S. Embassy and the U.S. European Command") == ["US"]
    assert codes("the UK and Americans") == ["GB", "US"]


def test_territories_with_own_codes():
    assert codes("except Hong Kong and Macau") == ["HK", "MO"]
    assert codes("Gaza, the West Bank and Palestinian civilians") == ["PS"]
    assert codes("Kosovo and Kosovar institutions") == ["XK"]


def test_features_diseases_groups_cities_domains_do_not_count():
    assert codes("freedom of navigation in the South China Sea") == []
    assert codes("an outbreak of Sudan Ebolavirus") == []
    assert codes("the Houthis in the Red Sea; the EU, G7, NATO and OSCE; Central Asia; the Schengen zone") == []
    assert codes("Washington, Moscow, Hawaii, Samarkand, Almaty and New Orleans") == []
    assert codes("renew by mail at tt.usembassy.gov") == []
    assert codes("call toll-free from the United States and Canada") == ["CA", "US"]


def test_local_language_country_names():
    assert codes("Государственный секретарь США посетил Казахстан и встретился с представителями России.", "ru") == ["KZ", "RU", "US"]
    assert codes("El embajador de Estados Unidos visitó México.", "es") == ["MX", "US"]


# --- dates -----------------------------------------------------------------------------------

def test_year_inference_along_lists_and_from_release():
    r = run("Entry was suspended on February 29, March 11, and March 14, 2020.", published="2020-03-20T00:00:00Z")
    assert days(r) == ["2020-02-29", "2020-03-11", "2020-03-14"]
    r = run("Brussels, 5 August 2020 – The ministers will meet on 8th August.")
    assert days(r) == ["2020-08-08"]


def test_ranges_keep_end_points():
    assert days(run("The campaign runs October 27 to November 8.", published="2010-10-20T00:00:00Z")) == ["2010-10-27", "2010-11-08"]
    assert days(run("The review covers January 1 – December 31, 2016.", published="2017-09-20T00:00:00Z")) == ["2016-01-01", "2016-12-31"]
    assert days(run("Applications are accepted April 2-May 2.", published="2022-03-30T00:00:00Z")) == ["2022-04-02", "2022-05-02"]


def test_relative_days():
    assert days(run("The ministers spoke yesterday about trade.", published="2023-02-10T00:00:00Z")) == ["2023-02-09"]
    assert days(run("The Secretary met today with the minister.", published="2020-02-03T00:00:00Z")) == ["2020-02-03"]
    r = run("The Embassy will close today and tomorrow (22nd and 23rd April).", published="2019-04-22T00:00:00Z")
    assert days(r) == ["2019-04-22", "2019-04-23"]


def test_weekday_resolves_against_release_date():
    r = run("Brussels, 5 May 2012 – The EU looks forward to the elections being held in Serbia on Sunday.")
    assert days(r) == ["2012-05-06"]


def test_self_reference_and_vague_dates_are_left_out():
    assert days(run("The governments issued the following statement today.")) == []
    assert days(run("With today's announcement, total funding rises.")) == []
    assert days(run("The summit met in September 2023; cooperation has grown since 2019 and in 2003.")) == []
    assert days(run("We celebrate the Fourth of July. Last week the team met.")) == []
    assert days(run("The protest is at the square on Boulevard 15 October.")) == []


def test_report_released_on_a_date_is_an_event():
    r = run("Washington, September 12, 2017 – The State Department issued its Fiscal Transparency Report on September 12, 2017.")
    assert days(r) == ["2017-09-12"]


def test_holiday_with_date_counts():
    assert days(run("The Embassy is closed for Easter (April 17).", published="2022-04-10T00:00:00Z")) == ["2022-04-17"]


def test_multilingual_date_mentions():
    ru = find_mentions("Следующая встреча запланирована на 6 декабря 2022 года.", "ru")
    assert (ru[0].day, ru[0].month, ru[0].year) == (6, 12, 2022)
    es = find_mentions("Ciudad de México, 22 de junio de 2023 –", "es")
    assert (es[0].day, es[0].month, es[0].year) == (22, 6, 2023)


# --- language, themes, quoted text, version -------------------------------------------------

def test_language_detection():
    assert run("The Secretary met the minister to discuss trade and security cooperation in the region.").language == "en"
    assert run("Посол США и заместитель министра иностранных дел России провели сегодня встречу в Москве.").language == "ru"
    assert run("El Embajador se reunió hoy con el Secretario de Relaciones Exteriores para hablar de comercio.").language == "es"
    assert run("L'ambassade félicite le peuple sénégalais pour le déroulement pacifique de l'élection.").language == "fr"


def test_themes_from_keywords():
    r = run("The delegations discussed nonproliferation, counterterrorism and security cooperation, energy and trade "
            "infrastructure, climate change, education, and human rights.")
    assert r.themes == ["nonproliferation", "counterterrorism", "security cooperation", "trade", "energy",
                        "climate and environment", "education", "human rights"]
    assert run("An outbreak of Ebola was declared; visa appointments are suspended.").themes == ["health", "consular services"]


def test_quoted_block_needs_both_markers():
    assert quoted_text("Intro.\nBegin Text:\nThe text.\nEnd Text.") == "The text."
    assert quoted_text("Begin Text: but no end") is None
    assert run("Intro.\nBegin Text:\nThe text.\nEnd Text.").quoted_text == "The text."


def test_version_is_a_string():
    assert isinstance(ENRICHER_VERSION, str) and ENRICHER_VERSION


def test_country_word_in_a_policy_name_does_not_count():
    assert codes("consistent with our one China policy and the Taiwan Relations Act") == ["TW"]
    assert codes("a visit to China next month") == ["CN"]


def test_relative_days_in_other_languages():
    ru = run("Посол сегодня присутствовал на открытии выставки в Москве.", title="Выставка", published="2022-09-14T00:00:00Z")
    assert days(ru) == ["2022-09-14"]
    es = run("El Embajador visitó ayer la planta y hoy entregó equipos al ministerio.", title="Donación",
             published="2021-05-20T00:00:00Z")
    assert days(es) == ["2021-05-19", "2021-05-20"]
    fr = run("L'Ambassadeur a signé hier un accord avec le ministère de la Santé.", title="Accord",
             published="2020-11-05T00:00:00Z")
    assert days(fr) == ["2020-11-04"]


def test_quoted_word_count_counts_the_quoted_block_only() -> None:
    from schemas.enrichment import EnrichmentInput
    from tasks.enrichment import enrich

    with_block = enrich(EnrichmentInput(title="Joint text", text="Intro line.\nBegin Text:\nWe agree on three things.\nEnd Text."))
    without = enrich(EnrichmentInput(title="Note", text="Nothing quoted here at all."))
    assert with_block.quoted_word_count == 5
    assert without.quoted_word_count is None
