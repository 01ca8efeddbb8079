"""The comparator on the real shipped provisions: reforms, side by side, unknown stays unknown."""

from __future__ import annotations

import datetime

from django.utils import translation

from observatory.laws import selectors

D = datetime.date


def by_code(cells):
    return {cell.provision.code: cell for cell in cells}


def test_czechia_before_and_after_the_2010_criminal_code(laws, countries):
    rows = {r.provision.code: r for r in selectors.country_reform(country=countries["CZE"], before=D(2009, 12, 31),
                                                                 after=D(2010, 1, 1))}
    penalty = rows["possession_max_penalty"]
    # Up to 2 years for the basic offence before (s. 187a(1) of the 1961 Code) and after: both deprive people of
    # liberty, so both "do not meet"; the versions differ (the new Code, its thresholds), the maximum does not.
    assert penalty.changed and not penalty.status_changed
    assert (penalty.before.version.max_penalty_months, penalty.after.version.max_penalty_months) == (24, 24)
    assert penalty.after.version.citation == "Criminal Code (Act No. 40/2009 Coll.)"
    thresholds = rows["threshold_quantities"]
    assert (thresholds.before.version.value, thresholds.after.version.value) == ("courts_or_guidelines",
                                                                                 "government_decree")
    # Possession's "mixed" regime is sourced only from the 2010 Code on: unknown before, never guessed.
    possession = rows["possession_personal"]
    assert possession.before.status == "unknown" and possession.after.status == "partly"
    with translation.override("en"):
        assert possession.before.gap == ("Unknown: no source describes this provision before 2010-01-01; "
                                         "nothing is assumed.")


def test_hungary_recriminalised_drug_use_in_2013(laws, countries):
    rows = {r.provision.code: r for r in selectors.country_reform(country=countries["HUN"], before=D(2013, 6, 30),
                                                                 after=D(2013, 7, 1))}
    use = rows["use_offence"]
    assert (use.before.status, use.after.status) == ("meets", "does_not_meet")
    assert use.after.version.citation == "Act C of 2012 on the Criminal Code, Chapter XVII"
    with translation.override("en"):
        assert use.before.gap == "No gap: drug use is not an offence."
        assert use.after.gap == ("Drug use is a criminal offence, but the model law asks that drug use is not an "
                                 "offence.")
    with translation.override("ru"):
        assert "уголовн" in use.after.gap


def test_unknown_stays_unknown_and_says_why(laws, countries):
    cells = by_code(selectors.country_assessment(country=countries["CZE"]))
    # No stored source states Czech diversion or naloxone rules: unknown, with no value and no score.
    for code in ("diversion", "naloxone_access", "drug_user_registry"):
        assert cells[code].status == "unknown" and cells[code].version is None and cells[code].score is None
        assert cells[code].reason == "no_source"
    # Kazakhstan's compulsory-treatment law was repealed in 2020 and no successor is sourced.
    kaz = by_code(selectors.country_assessment(country=countries["KAZ"]))["compulsory_treatment"]
    assert kaz.status == "unknown" and kaz.reason == "ended" and kaz.reason_date == "2020-07"
    assert by_code(selectors.country_assessment(country=countries["KAZ"], at=D(2015, 1, 1)))[
        "compulsory_treatment"].status == "does_not_meet"
    # A country with no sourced provisions at all is all unknown.
    assert {c.status for c in selectors.country_assessment(country=countries["TKM"])} == {"unknown"}


def test_the_latest_state_judges_each_provision_with_its_citation(laws, countries):
    cells = by_code(selectors.country_assessment(country=countries["HRV"]))
    assert cells["possession_max_penalty"].status == "meets"
    assert cells["possession_personal"].status == "partly"
    ukraine = by_code(selectors.country_assessment(country=countries["UKR"]))
    assert ukraine["state_hr_funding_share"].status == "meets"  # 80 % stated by the source
    assert ukraine["state_hr_funding_share"].version.value == "80"


def test_side_by_side_keeps_the_order_of_the_countries(laws, countries, django_assert_max_num_queries):
    chosen = [countries[c] for c in ("UKR", "GEO", "KGZ", "CZE", "SRB")]
    with django_assert_max_num_queries(4):
        rows = selectors.countries_comparison(countries=chosen)
    assert len(rows) == 17
    use = dict(rows)[next(p for p, _ in rows if p.code == "use_offence")]
    assert [c.status for c in use][3:] == ["meets", "unknown"]
