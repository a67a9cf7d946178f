"""The frozen blind set (tests/enrichment/blind/, written by someone who had not read the rules) is a
judge, never a training set: this test reads only its aggregate scores, never a document's misses.

Floors are the scores reached with enricher 1.9.0 minus 0.02, release_date with 1.9.4 (0.96 -> 0.98)
minus 0.02 (1.9.0 raised event_dates from 0.919 to 0.929, every other field as 1.8.0; 1.9.1 raised people_title to 0.989; 1.8.0 raised people_title from 0.974
to 0.988, every other field as 1.7.0; 1.7.0 raised people_title from 0.973 to 0.974; 1.5.0 reached doc_type 0.96,
issuing_office 0.90, release_date 0.92, mission 0.98, people 0.913, countries 0.991, event_dates
0.925, people_title 0.965); a rule change that lowers a field below its floor fails here. Raise a
floor only when the rules reach more; never lower one to pass.
"""

from __future__ import annotations

import pytest
from enrich_testkit import HERE, fields_below

BLIND = HERE / "blind"
FLOORS = {
    "doc_type": 0.96,
    "issuing_office": 0.96,
    "release_date": 0.96,
    "mission": 0.98,
    "quoted_text_markers": 0.98,
    "people": 0.902,
    "countries": 0.975,
    "event_dates": 0.909,
    "people_title": 0.968,
}


@pytest.mark.skipif(len(list(BLIND.glob("*.json"))) < 40, reason="the blind set is not in this checkout")
def test_blind_set_floors():
    low = fields_below(BLIND, FLOORS, at_least=40)
    assert not low, low  # aggregate scores only: the blind documents' misses are not printed
