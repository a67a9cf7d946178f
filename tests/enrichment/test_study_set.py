"""The study set (tests/enrichment/study/, s001-s040, labelled blind from the rules by someone who had
not read the code) may be read to find classes of error; the rules are never fitted to its phrases
(each fix is a class with its own unit test in other sentences). This test keeps what the rules
reach on it.

Floors are the scores reached with enricher 1.6.0 minus 0.02 (1.5.0 reached doc_type 0.850,
issuing_office 1.0, release_date 0.925, mission 0.925, people 0.894, countries 0.983, event_dates
0.971, people_title 0.928). Raise a floor only when the rules reach more; never lower one to pass.
"""

from __future__ import annotations

import pytest
from enrich_testkit import HERE, fields_below

STUDY = HERE / "study"
FLOORS = {
    "doc_type": 0.98,
    "issuing_office": 0.98,
    "release_date": 0.98,
    "mission": 0.98,
    "quoted_text_markers": 0.98,
    "people": 0.974,
    "countries": 0.98,
    "event_dates": 0.98,
    "people_title": 0.975,
}


STUDY2 = HERE / "study2"
#: The second study set (s041-s070, study2/README.md): its enricher 1.7.0 scores, before any rule was
#: changed from it, minus 0.02; raised where enricher 1.8.0 reached more (people 0.953, event_dates
#: 0.985, people_title 1.000), to those minus 0.02.
FLOORS2 = {
    "doc_type": 0.98,
    "issuing_office": 0.98,
    "release_date": 0.98,
    "mission": 0.947,
    "quoted_text_markers": 0.98,
    "people": 0.933,
    "countries": 0.98,
    "event_dates": 0.965,
    "people_title": 0.98,
}


STUDY3 = HERE / "study3"
#: The third study set (s071-s110, study3/README.md): its enricher 1.8.0 scores, before any rule was
#: changed from it, minus 0.02; raised where enricher 1.9.0 reached more (mission 1.000, people 0.942,
#: event_dates 0.996, people_title 0.971; 1.9.4 release_date 0.975), to those minus 0.02.
FLOORS3 = {
    "doc_type": 0.98,
    "issuing_office": 0.98,
    "release_date": 0.955,
    "mission": 0.98,
    "quoted_text_markers": 0.98,
    "people": 0.922,
    "countries": 0.98,
    "event_dates": 0.976,
    "people_title": 0.951,
}


STUDY4 = HERE / "study4"
STUDY5 = HERE / "study5"
#: The fourth study set (s111-s150, study4/README.md, weighted toward people): its enricher 1.9.1
#: scores, before any rule was changed from it, minus 0.02; raised where enricher 1.9.2 reached more
#: (people 0.950), to that minus 0.02.
FLOORS4 = {
    "doc_type": 0.98,
    "issuing_office": 0.98,
    "release_date": 0.98,
    "mission": 0.98,
    "quoted_text_markers": 0.98,
    "people": 0.930,
    "countries": 0.97,
    "event_dates": 0.961,
    "people_title": 0.956,
}

#: study5/ (s151-s190, written blind on 2026-12-03, README there): enricher 1.9.2's scores, before
#: any rule was changed from it, minus 0.02; raised where enricher 1.9.6 reached more (doc_type and
#: release_date 1.000, people 0.957, event_dates 0.988, people_title 0.955) and 1.9.17 (people 0.964,
#: people_title 0.960), to that minus 0.02.
FLOORS5 = {
    "doc_type": 0.98,
    "issuing_office": 0.98,
    "release_date": 0.98,
    "mission": 0.98,
    "quoted_text_markers": 0.98,
    "people": 0.944,
    "countries": 0.968,
    "event_dates": 0.968,
    "people_title": 0.94,
}

STUDY6 = HERE / "study6"
#: study6/ (s191-s230, written blind on 2026-12-04, README there): enricher 1.9.6's scores, before
#: any rule was changed from it, minus 0.02; raised where enricher 1.9.17 reached more (doc_type
#: 0.975, people 0.963, event_dates 0.983, people_title 0.977), to that minus 0.02.
FLOORS6 = {
    "doc_type": 0.955,
    "issuing_office": 0.98,
    "release_date": 0.98,
    "mission": 0.955,
    "quoted_text_markers": 0.98,
    "people": 0.943,
    "countries": 0.954,
    "event_dates": 0.963,
    "people_title": 0.957,
}

STUDY7 = HERE / "study7"
#: study7/ (s231-s270, written blind on 2026-12-04, README there): enricher 1.9.15's scores, before
#: any rule was changed from it, minus 0.02; raised where enricher 1.9.17 reached more (release_date
#: 1.000, people 0.953, people_title 0.956), to that minus 0.02.
FLOORS7 = {
    "doc_type": 0.955,
    "issuing_office": 0.98,
    "release_date": 0.98,
    "mission": 0.955,
    "quoted_text_markers": 0.98,
    "people": 0.933,
    "countries": 0.98,
    "event_dates": 0.945,
    "people_title": 0.936,
}

STUDY8 = HERE / "study8"
#: study8/ (s271-s300, written blind on 2026-12-04, README there): enricher 1.9.19's scores, before
#: any rule was changed from it, minus 0.02.
FLOORS8 = {
    "doc_type": 0.913,
    "issuing_office": 0.947,
    "release_date": 0.98,
    "mission": 0.98,
    "quoted_text_markers": 0.98,
    "people": 0.931,
    "countries": 0.975,
    "event_dates": 0.951,
    "people_title": 0.92,
}


@pytest.mark.parametrize(("directory", "floors", "size"),
                         [(STUDY, FLOORS, 40), (STUDY2, FLOORS2, 30), (STUDY3, FLOORS3, 40), (STUDY4, FLOORS4, 40), (STUDY5, FLOORS5, 40),
                          (STUDY6, FLOORS6, 40),
                          (STUDY7, FLOORS7, 40),
                          (STUDY8, FLOORS8, 30)],
                         ids=["study", "study2", "study3", "study4", "study5", "study6", "study7", "study8"])
def test_study_set_floors(directory, floors: dict[str, float], size: int) -> None:
    if len(list(directory.glob("s*.json"))) < size:
        pytest.skip(f"{directory.name}/ is not in this checkout")
    low = fields_below(directory, floors, at_least=size)
    assert not low, low
