"""The explorer for categorical indicators (a legal status, a yes/no): a map of the status in a year, and a table.

A status holds until the next value changes it: the map of 2015 shows each country's latest
value up to 2015, and the table says since when.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from observatory.charts import maps
from observatory.countries.selectors import country_list
from observatory.indicators import texts
from observatory.indicators.explorer import ExplorerState, source_line
from observatory.indicators.models import Indicator
from observatory.indicators.selectors import category_series, source_names

# The category codes used in the data, in the order a legend lists them.
CATEGORY_LABELS = {
    "decriminalised": gettext_lazy("decriminalised"),
    "administrative": gettext_lazy("administrative offence"),
    "criminal": gettext_lazy("criminal offence"),
    "yes": gettext_lazy("yes"),
    "no": gettext_lazy("no"),
    "high": gettext_lazy("high"),
    "medium": gettext_lazy("medium"),
    "low": gettext_lazy("low"),
}
OTHER = "text"  # a status the source described in words: shown as "other", with the words in the table


def category_label(category: str) -> str:
    if category in CATEGORY_LABELS:
        return str(CATEGORY_LABELS[category])
    return _("other or mixed (see the table)")


@dataclass
class CategoryData:
    indicator: Indicator
    state: ExplorerState
    rows: list[dict]
    labels: dict[str, str]
    years: list[int]
    map_year: int | None
    status: dict[str, dict] = field(default_factory=dict)  # ISO3 → the row in force in the map year
    sources: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    @property
    def points(self) -> list[dict]:  # the template asks whether there is anything to show
        return self.rows

    def order(self) -> list[str]:
        """The legend: known categories in their set order, then "other"."""
        present = {row["category"] for row in self.status.values()}
        labels = [str(label) for code, label in CATEGORY_LABELS.items() if code in present]
        if present - set(CATEGORY_LABELS):
            labels.append(category_label(OTHER))
        return labels

    def table(self) -> list[dict]:
        """Each country's status in the map year: the label, the source's own words, since when, the source."""
        from observatory.core.i18n import collation_key

        rows = []
        for iso3, row in self.status.items():
            words, language = texts.value_text(row["value_text"] if row["value_text"] != row["category"] else "")
            rows.append({"country": iso3, "name": self.labels.get(iso3, iso3), "label": category_label(row["category"]),
                         "text": words, "text_lang": language,
                         "year": row["year"], "source": self.sources.get(row["source"], row["source"])})
        reverse = self.state.sort.startswith("-")
        key = (lambda r: collation_key(r["name"])) if self.state.sort.lstrip("-") == "country" else (
            lambda r: (r["label"], collation_key(r["name"])))
        return sorted(rows, key=key, reverse=reverse)


def category_data(*, indicator: Indicator, state: ExplorerState) -> CategoryData:
    labels = {c.iso3: c.name for c in country_list()}
    rows = category_series(indicator=indicator)
    years = sorted({row["year"] for row in rows})
    # A status holds until it changes, so any year from the first value on can be mapped.
    map_year = state.year if years and state.year and years[0] <= state.year <= years[-1] else (
        years[-1] if years else None)
    status: dict[str, dict] = {}
    for row in rows:  # sorted by country and year: the last one up to the map year is in force
        if map_year is not None and row["year"] <= map_year:
            status[row["country"]] = row
    return CategoryData(indicator=indicator, state=state, rows=rows, labels=labels, years=years, map_year=map_year,
                        status=status, sources=source_names(keys={row["source"] for row in rows}))


def category_map_spec(data: CategoryData) -> dict:
    indicator = data.indicator
    shapes = {c.iso3: c.geometry for c in country_list()}
    categories = {iso3: category_label(row["category"]) for iso3, row in data.status.items()}
    description = _("Map of %(name)s as of %(year)s. %(n)s countries have data.") % {
        "name": indicator.name, "year": data.map_year, "n": len(categories)}
    return maps.category_map(
        shapes=shapes, categories=categories, order=data.order(), labels=data.labels, title=indicator.name,
        year=_("as of %(year)s") % {"year": data.map_year}, legend_title=indicator.unit,
        source=source_line(indicator, {row["source"] for row in data.status.values()}),
        no_data_label=_("no data"), description=description, links={},
    )

