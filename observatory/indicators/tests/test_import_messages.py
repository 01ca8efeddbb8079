"""An import's problems read in Russian on a Russian page; the stored report keeps the English."""

from __future__ import annotations

from django.utils import translation

from observatory.access import SYSTEM
from observatory.indicators.import_messages import reason
from observatory.indicators.services import observations_import

BAD = """indicator,country,period,value,source
gbd_drug_deaths_rate_as,UKR,2015,,ihme_gbd2019_owid
gbd_drug_deaths_rate_as,Atlantis,2015,1.0,ihme_gbd2019_owid
gbd_drug_deaths_rate_as,UKR,2015-13,1.0,ihme_gbd2019_owid
no_such_indicator,UKR,2015,1.0,ihme_gbd2019_owid
gbd_drug_deaths_rate_as,UKR,2016,1.0,no_such_source
gbd_drug_deaths_rate_as,UKR,2017,abc,ihme_gbd2019_owid
gbd_drug_deaths_rate_as,GEO,2017,1.0,ihme_gbd2019_owid
gbd_drug_deaths_rate_as,GEO,2017,2.0,ihme_gbd2019_owid
"""


def test_the_checks_messages_are_russian_on_a_russian_page(catalogue, tidy_csv):
    result = observations_import(actor=SYSTEM, path=tidy_csv(BAD))  # synthetic rows, every one wrong
    assert not result.ok and len(result.issues) >= 6
    with translation.override("ru"):
        russian = [str(reason(issue.reason)) for issue in result.issues]
    assert [text for text in russian if "lang=\"en\"" in text] == [], russian
    assert any("значение пустое" in text for text in russian)
    assert any("принимает число, диапазон или неравенство" in text for text in russian), russian
    with translation.override("en"):
        assert str(reason(result.issues[0].reason)) == result.issues[0].reason  # English stays as written


def test_a_message_without_a_rule_is_marked_as_english():
    with translation.override("ru"):
        assert str(reason("a brand new kind of problem")) == '<span lang="en">a brand new kind of problem</span>'
