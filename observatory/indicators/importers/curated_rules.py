"""What the curated tables mean: indicator codes and the flags read from each row's note.

Kept apart from the adapter so that a reviewer can check the judgement calls (which
curated names share a platform indicator, which notes make a value uncertain) in one
place, against ``data/curated/SOURCES.md``.
"""

from __future__ import annotations

import re

# Platform indicators defined in data/catalogue/raw.yaml (by the raw-data adapters).
# They are referenced here, never redefined in curated.yaml. All are numeric.
PLATFORM_CODES = frozenset(
    {
        "hiv_prevalence_pwid",
        "pwid_size",
        "ost_coverage",
        "syringes_per_pwid",
        "prisoners_total",
        "prisoners_drug_offences",
        "hcv_prevalence_pwid",
        "drug_induced_deaths",
    }
)

# Curated ``indicator`` name -> platform code. A name is merged into a platform
# indicator only where the definitions match; otherwise it gets its own code, defined
# in data/catalogue/curated.yaml. "OAT" in the sources is "OST" on the platform.
#
# Names that occur only in rows the adapter skips (blank year or blank iso3: the
# Larney 2017 regional rows, undated statements) are deliberately absent. If such a
# row gains a year, the adapter reports an unknown indicator and a code must be chosen.
INDICATORS: dict[str, str] = {
    # --- reused platform indicators -------------------------------------------------
    # Any published size estimate of people who inject drugs, point or range (HRI, IHRA,
    # UNODC via DAD 2013, EHRA, the STI 2007 national estimate, the Ukrainian MoH).
    "pwid_estimate": "pwid_size",
    # % of PWID living with HIV, national figures. The Bucharest-only series is not
    # national and has its own code below.
    "hiv_prevalence_pwid": "hiv_prevalence_pwid",
    # HRI/IHRA print HCV (anti-HCV, antibody) prevalence among PWID from surveys; the
    # platform indicator is "% of PWID testing positive for hepatitis C", test not stated
    # by UNAIDS, so these are the same measure. The HRI source entries name the antibody test.
    "hcv_antibody_prevalence_pwid": "hcv_prevalence_pwid",
    # Total prison population on a date or in a year (EHRA citing national and SPACE I
    # data; the STI 2007 table's "prisoners 130,000").
    "prisoners_total": "prisoners_total",
    "prisoners_estimate": "prisoners_total",
    "prisoners_drug_law_offences": "prisoners_drug_offences",
    # SPACE I's share of sentenced prisoners whose main offence is a drug offence.
    "prisoners_drug_share": "prisoners_drug_share",
    # EUDA DRD-1 totals (EUDA definition) and national figures coded to it (Serbia).
    "drug_induced_deaths": "drug_induced_deaths",
    # Measured drug deaths under a national definition (forensic overdose counts, Rosstat's group).
    "drug_deaths_other": "drug_deaths_national_definition",
    # --- harm reduction services ------------------------------------------------------
    "hbsag_prevalence_pwid": "hbsag_prevalence_pwid",
    "nsp_sites": "nsp_sites",
    "nsp_available": "nsp_available",
    "nsp_in_prison": "nsp_in_prison",
    "nsp_coverage_category": "nsp_coverage_level",
    "nsp_closure_reason": "nsp_closure_reason",
    "nsp_cost_per_client": "nsp_cost_per_client",
    "oat_sites": "ost_sites",
    "oat_available": "ost_available",
    "oat_in_prison": "ost_in_prison",
    "oat_medicines": "ost_medicines",
    "oat_clients": "ost_clients",
    # Stuikyte et al. divide OAT clients by estimated people who use opioids *or* PWID,
    # not by opioid-dependent PWID as UNAIDS does for ost_coverage: a separate indicator.
    "oat_coverage": "ost_coverage_opioid_users",
    "oat_coverage_category": "ost_coverage_level",
    "oat_cost_per_client": "ost_cost_per_client",
    "oat_admin_units_covered": "ost_admin_units_covered",
    "oat_clients_in_state_specialised_institutions": "ost_clients_state_institutions",
    "oat_take_home_doses": "ost_take_home_doses",
    "oat_delivery_settings": "ost_delivery_settings",
    "oat_national_target": "ost_national_target",
    "oat_state_funded_commitment": "ost_state_funded_commitment",
    "oat_global_fund_funded_commitment": "ost_global_fund_commitment",
    "oat_pilot_status": "ost_pilot_status",
    "naloxone_peer_distribution": "naloxone_peer_distribution",
    "naloxone_in_national_hr_programme": "naloxone_in_national_hr_programme",
    "take_home_naloxone_at_hr_sites": "take_home_naloxone_at_hr_sites",
    "naloxone_status": "naloxone_status",
    "naloxone_recipients_pilot": "naloxone_recipients_pilot",
    "naloxone_kits_recipients": "naloxone_kits_recipients",
    "naloxone_ampoules_distributed": "naloxone_ampoules_distributed",
    "naloxone_reversals_reported": "naloxone_reversals_reported",
    "drug_consumption_rooms": "drug_consumption_rooms",
    "hr_service_delivery_sites": "hr_network_service_sites",
    "pwud_reached_hr_services": "pwud_reached_hr_services",
    "low_threshold_service_coverage_pwid": "low_threshold_coverage_pwid",
    # --- epidemiology ---------------------------------------------------------------
    "hiv_prevalence_prisoners": "hiv_prevalence_prisoners",
    "hiv_prevalence_pwid_bucharest": "hiv_prevalence_pwid_bucharest",
    "pwid_living_with_hiv": "pwid_living_with_hiv",
    "plhiv_share_pwid": "plhiv_share_pwid",
    "prisoners_living_with_hiv": "prisoners_living_with_hiv",
    "nonfatal_overdose_past_year_pwid": "nonfatal_overdose_past_year_pwid",
    "nonfatal_overdose_lifetime_pwid": "nonfatal_overdose_lifetime_pwid",
    "overdose_mortality_cohort": "overdose_mortality_cohort_pwid",
    "overdose_mortality_rate": "overdose_mortality_rate",
    "people_using_opioids_estimate": "people_using_opioids_size",
    "registered_opioid_dependence": "registered_opioid_dependence",
    "registered_drug_dependence_all_substances": "registered_drug_dependence",
    "registered_drug_dependent_persons": "registered_drug_dependence",
    "registered_heroin_dependent_cumulative_1997_2011": "registered_heroin_dependence_cumulative",
    "drug_users_per_10000_population": "drug_users_per_10000",
    # --- law, law enforcement, prison -----------------------------------------------
    "possession_personal_use_status": "possession_legal_status",
    "drug_use_offence_status": "use_legal_status",
    "possession_large_quantity_status": "possession_large_quantity_legal_status",
    "possession_small_amount_criminal_offence_removed": "possession_small_amount_offence_removed",
    "possession_greater_than_small_criminalised": "possession_above_small_criminalised",
    "possession_small_quantity_repeat_status": "possession_repeat_legal_status",
    "possession_art309_max_penalty": "possession_max_penalty",
    "planned_threshold_administrative": "planned_administrative_threshold",
    "threshold_cannabis_herbal_administrative": "threshold_cannabis_herbal_administrative",
    "threshold_criminal_possession_acetylated_opium": "threshold_criminal_acetylated_opium",
    "threshold_criminal_possession_opium": "threshold_criminal_opium",
    "threshold_criminal_possession_ephedrine_pseudoephedrine": "threshold_criminal_ephedrine",
    "threshold_criminal_possession_norephedrine": "threshold_criminal_norephedrine",
    "threshold_criminal_possession_acetic_anhydride": "threshold_criminal_acetic_anhydride",
    "threshold_heroin_especially_large": "threshold_heroin_especially_large",
    "threshold_example_hashish": "threshold_example_hashish",
    "threshold_example_mdma": "threshold_example_mdma",
    "drug_criminal_offences_registered": "drug_offences_registered",
    "drug_serious_crimes_registered": "drug_serious_offences_registered",
    "drug_convictions": "drug_convictions",
    "drug_convictions_imprisoned": "drug_convictions_imprisoned",
    "imprisoned_after_positive_drug_test": "imprisoned_after_drug_test",
    "cost_imprisonment_positive_drug_test": "cost_imprisonment_after_drug_test",
    "cost_per_prisoner": "prison_cost_per_prisoner",
    # --- funding ----------------------------------------------------------------------
    "domestic_share_hiv_prevention_care_support": "domestic_share_hiv_prevention",
}

# Where one curated name covers two definitions, the unit tells them apart.
# Stuikyte et al. count OAT sites outside prisons; HRI's site counts do not say
# whether prison sites are included.
INDICATORS_BY_UNIT: dict[tuple[str, str], str] = {
    ("oat_sites", "sites (excluding penitentiary system)"): "ost_sites_community",
}


def indicator_code(name: str, unit: str) -> str | None:
    """The platform code for a curated indicator name (and its unit), or None if unmapped."""
    return INDICATORS_BY_UNIT.get((name, unit)) or INDICATORS.get(name)


# --- flags read from the note -----------------------------------------------------------
# Every note in data/curated/*.csv was read; these are the wordings that occur.

# The year is the publication's edition/publication year, not the data year.
EDITION_YEAR_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # HRI/IHRA tables, DAD 2013, Stuikyte 2024, Thorne 2010, Larney 2017, the UNAIDS slides
        r"year\s*=\s*(?:the\s+)?(?:edition|publication|article|presentation)\s+year",
        r"page-year used",  # EHRA: "year of costing not stated (page-year used)"
        # EHRA legal and prison-service rows: the year is the latest year the page cites, a
        # stand-in for when the page was written, not a date the page gives for the fact.
        r"year\s*=\s*latest data year cited on the same page",
    )
)

# The transcription itself is in doubt; users see the note.
UNCERTAIN_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # IHRA 2008: two rows whose country label was lost and assigned by table position.
        r"country label of this row was lost",
        r"assigned by (?:its|their) (?:table )?position",
        # Any explicit instruction to check the value against the original.
        r"verify against",
        r"check (?:it |them |this )?against",
        # Reference numbers run together with the value (merged digits, e.g. '10,0004'),
        # split by the transcriber (IHRA 2008; the undated e-tool page).
        r"reference numbers are run together with the values",
        r"trailing digits/letters after the number are reference marks",
        # HRI 2018/2020: a cell showing only a reference; the tick was lost in extraction and
        # the value "yes" was inferred.
        r"symbol was not rendered",
        # The stored excerpt stops inside the cell itself, so the printed value may be
        # incomplete. ("cut inside the reference bracket, value itself complete" is not this.)
        r"(?:cut|ends) inside (?:the |this )?(?:\w+ )?cell",
    )
)


def note_flags(note: str) -> frozenset[str]:
    """The flags a row's note implies: ``edition_year`` and/or ``uncertain``."""
    flags = set()
    if any(p.search(note) for p in EDITION_YEAR_PATTERNS):
        flags.add("edition_year")
    if any(p.search(note) for p in UNCERTAIN_PATTERNS):
        flags.add("uncertain")
    return frozenset(flags)
