"""Event dates classes found on the second study set (issue 14, s041-s070); every sentence is
invented for this test."""

from __future__ import annotations

import pytest
from enrich_testkit import days, run


@pytest.mark.parametrize(
    "text",
    [
        "Brussels, 14/03/2025\nThe EU condemns the arrest today of the journalist Ilse Marten.",
        "The embassy condemns the detention today in the capital of two trade unionists.",
        "We are deeply concerned that the opposition candidate was detained today at the border.",
    ],
)
def test_today_tied_to_an_arrest_or_detention_is_an_event(text):
    assert days(run(text, published="2025-03-14T10:00:00Z")) == ["2025-03-14"]


def test_today_of_a_condemnation_alone_is_no_event():
    # a guard: the statement's own act stays self-reference
    assert days(run("The United States condemns today the decision to expel the monitors.", published="2025-03-14T10:00:00Z")) == []
