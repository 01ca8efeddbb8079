"""The coverage grid: for each country and each core evidence column, the latest year the platform holds.

A source that prints only its edition year (a report's table without the year of its data) is flagged
``edition_year``; such a year is not a data year, so the grid keeps the two apart: a cell's ``data_year``
is the latest year of a value whose data year is known, ``latest_year`` the latest of any value, and
``edition_year`` says whether that latest year is an edition year only. The share "recent" counts data
years only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from observatory.countries.selectors import country_list_by_name
from observatory.indicators.models import Observation

RECENT_FROM = 2018

# The 12 columns a decision-maker asks about first: outcomes (deaths, HIV, HCV), the population at risk,
# the health response (OST, NSP, funding) and the criminal-justice response (offences, prison). Each
# column takes the latest of the indicators listed, which measure the same thing in different units.
CORE_COLUMNS = [
    # Measured deaths: the EUDA protocol first; a national definition where no EUDA-protocol count exists.
    ("drug_deaths", _("Drug deaths (measured)"), ["drug_induced_deaths", "drug_deaths_national_definition"]),
    ("drug_deaths_modelled", _("Deaths from drug use disorders (modelled)"), ["gbd_drug_deaths_rate_as",
                                                                              "gbd_drug_deaths"]),
    ("hiv_pwid", _("HIV among people who inject drugs"), ["hiv_prevalence_pwid"]),
    ("hcv_pwid", _("Hepatitis C among people who inject drugs"), ["hcv_prevalence_pwid"]),
    ("pwid_size", _("People who inject drugs: size estimate"), ["pwid_size"]),
    ("hiv_new", _("New HIV infections"), ["unaids_hiv_new_infections", "gbd_hiv_new_infections"]),
    ("ost", _("Opioid substitution therapy"), ["ost_clients", "ost_clients_methadone", "ost_coverage"]),
    ("nsp", _("Needle and syringe programmes"), ["syringes_per_pwid", "syringes_distributed_thousands", "nsp_sites"]),
    ("hr_funding", _("State share of harm-reduction funding"), ["domestic_share_hiv_prevention"]),
    ("dlo", _("Drug law offences"), ["dlo_use_possession", "dlo_supply", "drug_offences_registered"]),
    # UNODC reports drug possession and drug trafficking apart; a country that reports only one of
    # them still has a recent figure on prisoners for drug offences (the cell does not sum them).
    ("prisoners_drug", _("Prisoners for drug offences"), ["prisoners_drug_offences", "prisoners_drug_trafficking",
                                                          "prisoners_drug_possession", "prisoners_drug_share"]),
    ("prison", _("Prison population"), ["prison_rate_wpb", "prisoners_total"]),
]


@dataclass
class Cell:
    column: str
    data_year: int | None = None  # the latest year of a value whose data year is known
    edition_only_year: int | None = None  # the latest year of a value whose year is only an edition year
    indicator: str = ""  # the column's first indicator: where a new figure would go
    data_indicator: str = ""  # the indicator of the value that gives data_year
    edition_indicator: str = ""  # the indicator of the value that gives edition_only_year

    @property
    def latest_year(self) -> int | None:
        years = [y for y in (self.data_year, self.edition_only_year) if y is not None]
        return max(years) if years else None

    @property
    def edition_year(self) -> bool:
        """The latest year is an edition year only (no value with a known data year is as recent)."""
        return self.edition_only_year is not None and (self.data_year is None
                                                       or self.edition_only_year > self.data_year)

    @property
    def latest_indicator(self) -> str:
        """The indicator whose value gives latest_year: what a reader opens to see the figure itself."""
        return self.edition_indicator if self.edition_year else self.data_indicator

    @property
    def state(self) -> str:
        if self.latest_year is None:
            return "gap"
        if self.data_year is not None and self.data_year >= RECENT_FROM:
            return "recent"
        return "edition" if self.edition_year else "old"


def coverage_grid(*, countries=None) -> dict:
    """``{"columns": [...], "rows": [{"country", "cells": [Cell]}], "summary": {...}}`` for the 29 countries
    (or ``countries``)."""
    codes = {code: key for key, _label, indicator_codes in CORE_COLUMNS for code in indicator_codes}
    first = {key: indicator_codes[0] for key, _label, indicator_codes in CORE_COLUMNS}
    cells: dict[tuple[str, str], Cell] = {}
    observations = Observation.objects.filter(indicator__code__in=codes)
    if countries is not None:
        observations = observations.filter(country__in=countries)
    rows = observations.values_list("country__iso3", "indicator__code", "year", "flags")
    for iso3, code, year, flags in rows.iterator():
        cell = cells.setdefault((iso3, codes[code]), Cell(column=codes[code], indicator=first[codes[code]]))
        if flags and "edition_year" in flags:
            if cell.edition_only_year is None or year > cell.edition_only_year:
                cell.edition_only_year, cell.edition_indicator = year, code
        elif cell.data_year is None or year > cell.data_year:
            cell.data_year, cell.data_indicator = year, code
    rows = [{"country": country, "cells": [cells.get((country.iso3, key), Cell(column=key, indicator=first[key]))
                                           for key, _label, _codes in CORE_COLUMNS]}
            for country in (countries if countries is not None else country_list_by_name())]
    flat = [cell for row in rows for cell in row["cells"]]
    total = len(flat) or 1
    return {
        "columns": [{"key": key, "label": label, "indicators": indicator_codes}
                    for key, label, indicator_codes in CORE_COLUMNS],
        "rows": rows,
        "summary": {
            "cells": len(flat),
            "any": sum(1 for c in flat if c.latest_year is not None) / total,
            "recent_any_year": sum(1 for c in flat if (c.latest_year or 0) >= RECENT_FROM) / total,
            "recent_data_year": sum(1 for c in flat if c.state == "recent") / total,
            "edition_only": sum(1 for c in flat if c.state == "edition") / total,
            "recent_from": RECENT_FROM,
        },
    }


def country_gaps(country) -> list[dict]:
    """The core columns where ``country`` has no value with a recent data year: ``{"label", "cell"}``."""
    grid = coverage_grid(countries=[country])
    labels = {c["key"]: c["label"] for c in grid["columns"]}
    return [{"label": labels[cell.column], "cell": cell} for cell in grid["rows"][0]["cells"] if cell.state != "recent"]


def grid_json(grid: dict) -> dict:
    """The grid as plain data for ``observatory coverage --grid --json``."""
    return {
        "columns": [{"key": c["key"], "label": str(c["label"]), "indicators": c["indicators"]}
                    for c in grid["columns"]],
        "countries": {row["country"].iso3: {cell.column: {"latest_year": cell.latest_year,
                                                          "edition_year": cell.edition_year,
                                                          "data_year": cell.data_year, "state": cell.state,
                                                          "indicator": cell.latest_indicator or None}
                                            for cell in row["cells"]} for row in grid["rows"]},
        "summary": grid["summary"],
    }


def supply_countries(user) -> frozenset[str]:
    """The ISO3 codes of the countries for which ``user`` may supply a national figure (the figures
    capability's policy decides, as in its form; none when it is not installed)."""
    from django.apps import apps

    from observatory.countries.selectors import countries_allowing

    if not getattr(user, "is_authenticated", False) or not apps.is_installed("observatory.figures"):
        return frozenset()
    return frozenset(c.iso3 for c in countries_allowing(
        user=user, model=apps.get_model("figures", "FigureSubmission"), action="create",
        organisation_id=getattr(user, "organisation_id", None)))
