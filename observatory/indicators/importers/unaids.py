"""UNAIDS AIDSinfo data in Gapminder's DDF layout (``open-numbers/ddf--unaids--aidsinfo``).

A datapoints file ``ddf--datapoints--<concept>--by--area--year.csv`` has the
columns ``year, area, <concept>``. ``area`` is a key of the snapshot's own
``ddf--entities--area.csv`` (``area, name``), which must sit in the same folder:
numeric UNAIDS ids in the 2019 GAM snapshot (Russian Federation = 114),
lower-case ISO3 codes in the 2016 AIDSinfo snapshot (``rus``). Each area is
mapped through the resolver by its name, then by its code; subnational areas
(``nga001``), aggregates and other countries are left out and listed in
``skipped``.

Yes/No concepts (unit ``Yes/No`` in the folder's ``ddf--concepts.csv``) are
coded ``1.0``/``0.0`` and become the categories ``yes``/``no``. Values of
concepts whose name ends in ``_estimate`` are flagged ``estimate`` unless the
``flags`` option says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from .base import CountryResolver, ImportFormatError, Row, RowError
from .common import (PublisherAdapter, cell_error, check_flags, check_indicator_code, is_blank,
                     number_cell, require, year_period)
from .readers import open_csv, sniff_header

ENTITIES_FILE = "ddf--entities--area.csv"
CONCEPTS_FILE = "ddf--concepts.csv"

# The platform indicator each known concept feeds (used when no ``indicator`` option is given).
CONCEPT_INDICATORS = {
    "hiv_prevalence_among_people_who_inject_drugs_total": "hiv_prevalence_pwid",
    "people_who_inject_drugs_hiv_prevalence_total": "hiv_prevalence_pwid",
    "coverage_of_opioid_substitution_therapy_total": "ost_coverage",
    "needles_and_syringes_distributed_per_person_who_inject_drugs_total": "syringes_per_pwid",
    "people_who_inject_drugs_number_of_needles_per_idu_total": "syringes_per_pwid",
    "people_who_inject_drugs_population_size_estimate_estimate": "pwid_size",
    "viral_hepatitis_among_people_who_inject_drugs_hepatitis_c_total": "hcv_prevalence_pwid",
    "safe_injecting_practices_among_people_who_inject_drugs_total": "safe_injecting_pwid",
    "antiretroviral_therapy_coverage_among_people_who_inject_drugs_total": "art_coverage_pwid",
    "hiv_prevalence_among_prisoners_total": "hiv_prevalence_prisoners",
    "prisoners_receiving_opioid_substitution_therapy_total": "prisoners_on_ost",
    "new_hiv_infections_among_injecting_drug_users_per_1_million_population_survey":
        "hiv_new_diagnoses_idu_per_million",
    "aids_incidence_among_injecting_drug_users_per_1_million_population_survey": "aids_cases_idu_per_million",
    "aids_related_deaths_all_ages_estimate": "unaids_aids_deaths",
    "new_hiv_infections_all_ages_estimate": "unaids_hiv_new_infections",
    "a_iii_2_has_laws_that_present_obstacles_to_people_who_inject_drugs_reported": "ncpi_laws_obstacles_pwid_gov",
    "b_iii_2_1_has_laws_that_present_obstacles_to_people_who_inject_drugs_reported": "ncpi_laws_obstacles_pwid_cso",
    "a_iv_1_has_policy_strategy_to_promote_use_of_clean_needles_and_syringes_reported": "ncpi_nsp_policy_gov",
}
_COUNTRY_AREA = re.compile(r"^(\d+|[a-z]{3})$")
_YESNO = {1.0: "yes", 0.0: "no"}


def area_countries(path: Path, *, resolver: CountryResolver) -> dict[str, str]:
    """Map the area keys of an entities file to platform ISO3 codes (areas not on the platform are left out)."""
    header, lines = open_csv(path)
    if header[:2] != ["area", "name"]:
        raise ImportFormatError(f"{Path(path).name} is not a DDF area entities file (header 'area,name').")
    mapping = {}
    for _, cells in lines:
        if len(cells) < 2 or not _COUNTRY_AREA.match(area := cells[0].strip()):
            continue
        iso3 = resolver.resolve(cells[1]) or (resolver.resolve(area) if area.isalpha() else None)
        if iso3:
            mapping[area] = iso3
    return mapping


def concept_unit(folder: Path, concept: str) -> str:
    """The unit of a concept in the folder's concepts file, or '' when the file or concept is absent."""
    path = folder / CONCEPTS_FILE
    if not path.is_file():
        return ""
    header, lines = open_csv(path)
    if "concept" not in header or "unit" not in header:
        return ""
    at_concept, at_unit = header.index("concept"), header.index("unit")
    for _, cells in lines:
        if len(cells) > max(at_concept, at_unit) and cells[at_concept] == concept:
            return cells[at_unit].strip()
    return ""


class UnaidsAdapter(PublisherAdapter):
    """Reads one UNAIDS DDF datapoints file as one indicator."""

    name = "unaids"

    def sniff(self, path: Path) -> bool:
        header = sniff_header(path) or []
        return len(header) == 3 and header[:2] == ["year", "area"]

    def rows(self, path: Path, *, resolver: CountryResolver, source: str = "", indicator: str = "",
             entities: str = "", kind: str = "auto", flags: str | Sequence[str] | None = None,
             note: str = "") -> Iterator[Row | RowError]:
        """Yield one Row per platform country and year.

        ``entities`` overrides the entities file (relative to the datapoints
        file's folder); ``kind`` is ``auto``, ``numeric`` or ``yesno``.
        """
        name, folder = Path(path).name, Path(path).parent
        header, lines = open_csv(path)
        if len(header) != 3 or header[:2] != ["year", "area"]:
            raise ImportFormatError(
                f"{name} is not a UNAIDS DDF datapoints file: the header should be 'year,area,<concept>' "
                f"(found {','.join(header[:4])})."
            )
        concept = header[2]
        indicator = indicator or CONCEPT_INDICATORS.get(concept, "")
        require(path, "unaids", source=source, indicator=indicator)
        check_indicator_code(path, indicator)
        entities_path = folder / (entities or ENTITIES_FILE)
        if not entities_path.is_file():
            raise ImportFormatError(
                f"{name}: the snapshot's {entities_path.name} must sit next to it, to map area keys to countries."
            )
        areas = area_countries(entities_path, resolver=resolver)
        if kind == "auto":
            kind = "yesno" if concept_unit(folder, concept).casefold() == "yes/no" else "numeric"
        if kind not in ("numeric", "yesno"):
            raise ImportFormatError(f"{name}: kind must be auto, numeric or yesno, not {kind!r}.")
        row_flags = check_flags(path, flags if flags is not None
                                else (["estimate"] if concept.endswith("_estimate") else []))
        return self._rows(lines, areas=areas, concept=concept, yesno=kind == "yesno", indicator=indicator,
                          source=source, flags=row_flags, note=note)

    def _rows(self, lines, *, areas, concept, yesno, indicator, source, flags, note) -> Iterator[Row | RowError]:
        self._reset()
        for line, cells in lines:
            if not any(c.strip() for c in cells):
                continue
            cells = cells + [""] * (3 - len(cells))
            year, area, cell = (c.strip() for c in cells[:3])
            iso3 = areas.get(area)
            if iso3 is None:
                self._skip(line, area)
                continue
            if is_blank(cell):
                continue
            try:
                period = year_period(year)
            except ValueError as exc:
                yield cell_error(line, "year", year, exc)
                continue
            try:
                value, text = number_cell(cell)
            except ValueError as exc:
                yield cell_error(line, concept, cell, exc)
                continue
            common = {"indicator": indicator, "country": iso3, "period": period, "source": source,
                      "line": line, "value_text": text, "flags": flags, "note": note}
            if not yesno:
                yield Row(value=value, **common)
            elif value in _YESNO:
                yield Row(category=_YESNO[value], **{**common, "value_text": _YESNO[value]})
            else:
                yield RowError(line=line, column=concept, value=text,
                               reason="a Yes/No indicator must be 1 (yes) or 0 (no)")
