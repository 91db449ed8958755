"""Small wording rules the fact check found broken (issue 29): a LIX value and its band agree, a law
is "i kraft" (no adjective that must agree with a noun), and Swedish word order in follow-ups."""

from __future__ import annotations

import pytest

from macros.core.model.schema import IndicatorCounts, SteeringDocument
from macros.engine.klarsprak.lix import Readability
from macros.website.pages.followup import indicators_text
from macros.website.pages.panel_blocks import validity


@pytest.mark.parametrize(("words", "sentences", "long", "shown", "band"), [
    (10000, 500, 2999, 50, "svår"),     # 49.99 is shown as 50, so it is "svår", like any other 50
    (10000, 500, 2949, 49, "medelsvår"),  # 49.49
    (1000, 40, 245, 50, "svår"),     # 49.5 rounds up, not to even
])
def test_the_band_is_the_band_of_the_number_shown(words: int, sentences: int, long: int, shown: int, band: str) -> None:
    r = Readability(words, sentences, long)
    assert (r.shown, r.band) == (shown, band), r.lix


def _doc(kind: str, **dates: str) -> SteeringDocument:
    return SteeringDocument.model_validate({"id": "d", "titel": "D", "typ": kind, "källor": ["k"], **dates})


def test_validity_reads_after_any_kind_of_document() -> None:
    assert validity(_doc("lag", giltig_från="2023-07-01")) == "i kraft från 1 juli 2023"
    assert validity(_doc("plan", giltig_från="2004", giltig_till="2006-12-31")) == "giltighetstid 2004–31 december 2006"
    assert validity(_doc("överenskommelse")) == "giltighetstiden anges inte i källorna"


def test_follow_up_sentences_put_the_verb_second() -> None:
    assert indicators_text(IndicatorCounts.model_validate({"totalt": 4, "helt": 1, "delvis": 3})) == (
        "Av kommunfullmäktiges 4 indikatorer för målet nådde 1 årets mål helt och 3 delvis.")
    assert indicators_text(IndicatorCounts.model_validate({"totalt": 4, "ej_uppföljda": 4})) == (
        "Av kommunfullmäktiges 4 indikatorer för målet kunde 4 inte följas upp.")
