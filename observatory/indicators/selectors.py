"""Reads of the indicator database (public data: no access policy needed)."""

from __future__ import annotations

from django.db.models import Count, Max, Min, Q, QuerySet

from observatory.indicators.models import Indicator, LatestObservation, Observation, Topic


def observation_latest(*, country, indicator_code: str, sex: str = "", age_group: str = "") -> Observation | None:
    """The latest value of an indicator for a country, from its preferred source, with source and indicator."""
    row = (
        LatestObservation.objects.select_related("observation__source", "observation__indicator")
        .filter(country=country, indicator__code=indicator_code, sex=sex, age_group=age_group)
        .first()
    )
    return row.observation if row else None


def country_profile(*, country) -> list[Observation]:
    """The latest value of every indicator for one country (totals: no sex or age breakdown).

    One query whatever the number of indicators, through the latest-value table.
    """
    rows = (
        LatestObservation.objects.filter(country=country, sex="", age_group="")
        .select_related("observation__source", "observation__indicator")
        .order_by("indicator__topic", "indicator__code")
    )
    return [row.observation for row in rows]


def indicator_list(*, search: str = "") -> QuerySet[Indicator]:
    queryset = Indicator.objects.annotate(n_observations=Count("observations"))
    if search:
        queryset = queryset.filter(
            Q(code__icontains=search) | Q(name_en__icontains=search) | Q(name_ru__icontains=search)
            | Q(definition_en__icontains=search) | Q(definition_ru__icontains=search)
        )
    return queryset.order_by("topic", "name_en")


def indicators_by_topic(*, search: str = "") -> list[tuple[str, list[Indicator]]]:
    groups: dict[str, list[Indicator]] = {}
    for indicator in indicator_list(search=search):
        groups.setdefault(indicator.topic, []).append(indicator)
    labels = dict(Topic.choices)
    return [(labels.get(topic, topic), items) for topic, items in groups.items()]


def indicator_latest_by_country(*, indicator: Indicator) -> list[Observation]:
    """Each country's latest total value of one indicator, with source."""
    rows = (
        LatestObservation.objects.filter(indicator=indicator, sex="", age_group="")
        .select_related("observation__source", "observation__country", "observation__indicator")
        .order_by("country__iso3")
    )
    return [row.observation for row in rows]


def indicator_sources(*, indicator: Indicator):
    from observatory.indicators.models import Source

    return Source.objects.filter(observations__indicator=indicator).distinct().order_by("key")


def coverage_table(*, indicator_code: str | None = None, indicator: Indicator | None = None) -> list[dict]:
    """Per indicator and country: number of observations, first and latest year."""
    queryset = Observation.objects.all()
    if indicator is not None:
        queryset = queryset.filter(indicator=indicator)
    elif indicator_code:
        queryset = queryset.filter(indicator__code=indicator_code)
    rows = (
        queryset.values("indicator__code", "country__iso3")
        .annotate(observations=Count("id"), first_year=Min("year"), latest_year=Max("year"))
        .order_by("indicator__code", "country__iso3")
    )
    return [
        {"indicator": r["indicator__code"], "country": r["country__iso3"], "observations": r["observations"],
         "first_year": r["first_year"], "latest_year": r["latest_year"]}
        for r in rows
    ]


def observations_query(*, indicator: str | None = None, country: str | None = None, year_from: int | None = None,
                       year_to: int | None = None, sex: str | None = None) -> QuerySet[Observation]:
    queryset = Observation.objects.select_related("indicator", "country", "source")
    if indicator:
        queryset = queryset.filter(indicator__code=indicator)
    if country:
        queryset = queryset.filter(country__iso3=country.upper())
    if year_from is not None:
        queryset = queryset.filter(year__gte=year_from)
    if year_to is not None:
        queryset = queryset.filter(year__lte=year_to)
    if sex is not None:
        queryset = queryset.filter(sex=sex)
    return queryset.order_by("indicator__code", "country__iso3", "period", "sex", "age_group", "source__key")


def _source_rank(indicator: Indicator, key: str) -> int:
    order = list(indicator.preferred_sources or [])
    return order.index(key) if key in order else len(order)


def indicator_series(*, indicator: Indicator, countries=None, year_from: int | None = None,
                     year_to: int | None = None) -> list[dict]:
    """Yearly national totals of one numeric indicator: ``[{"country", "year", "value", "source"}]``.

    One value per country and year, from the indicator's preferred source.
    Charts plot only values with a real data year: values whose year is a
    report's edition year, or whose transcription is uncertain, and ranges
    without a point value are left out (tables and the API list them).
    """
    queryset = Observation.objects.filter(indicator=indicator, sex="", age_group="", month__isnull=True,
                                          value__isnull=False)
    if countries:
        queryset = queryset.filter(country__iso3__in=list(countries))
    if year_from is not None:
        queryset = queryset.filter(year__gte=year_from)
    if year_to is not None:
        queryset = queryset.filter(year__lte=year_to)
    best: dict[tuple[str, int], tuple] = {}
    ranks: dict[str, tuple] = {}  # computed once per source: preferred order, then key order
    for iso3, year, value, key, flags in queryset.values_list("country__iso3", "year", "value", "source__key",
                                                              "flags").iterator(chunk_size=5000):
        if flags and ("edition_year" in flags or "uncertain" in flags):
            continue
        rank = ranks.get(key)
        if rank is None:
            rank = ranks[key] = (-_source_rank(indicator, key), key)
        slot = (iso3, year)
        current = best.get(slot)
        # Higher preference wins; between equally preferred sources the smaller key, for a stable choice.
        if current is None or rank[0] > current[0][0] or (rank[0] == current[0][0] and rank[1] < current[0][1]):
            best[slot] = (rank, value, key)
    return [{"country": iso3, "year": year, "value": value, "source": key}
            for (iso3, year), (_, value, key) in sorted(best.items(), key=lambda kv: (kv[0][0], kv[0][1]))]


def data_version() -> str:
    """A token that changes whenever the indicator database changes.

    Every write goes through the import service, which records an import batch and
    refreshes the latest-value table; the newest batch and the size of that small
    table identify the data without scanning millions of observations. Policy
    events, drawn on the same charts, add their own token.
    """
    from observatory.indicators.models import ImportBatch

    top = ImportBatch.objects.aggregate(top=Max("pk"))["top"] or 0
    latest = LatestObservation.objects.count()
    try:
        from observatory.events.selectors import events_version
    except ImportError:
        events = ""
    else:
        events = events_version()
    return f"{top}.{latest}.{events}"


def cached_by_data_version(key: str, build, *, timeout: int = 60 * 60 * 24):
    """``build()``'s result, cached until the data change (key + data version)."""
    from django.core.cache import cache

    from observatory.core.release import release_token

    full_key = f"data:{release_token()}:{data_version()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, timeout)
    return value


POPULATION_CODE = "population"


def population_by_year(*, countries=None) -> dict[tuple[str, int], tuple[float, str]]:
    """The population of each country and year, ``(ISO3, year) → (people, source key)``, for per-capita views."""
    indicator = Indicator.objects.filter(code=POPULATION_CODE).first()
    if indicator is None:
        return {}
    return {(p["country"], p["year"]): (p["value"], p["source"])
            for p in indicator_series(indicator=indicator, countries=countries)}


def source_names(*, keys) -> dict[str, str]:
    """Source key → "Publisher (edition)" in the page's language, for tables that name their sources."""
    from observatory.indicators.models import Source

    return {s.key: s.label
            for s in Source.objects.filter(key__in=list(keys))}


def category_series(*, indicator: Indicator) -> list[dict]:
    """Every national value of a categorical indicator: ``[{"country", "year", "category", "value_text", "source"}]``.

    One value per country and year, from the indicator's preferred source (as for numbers).
    """
    best: dict[tuple[str, int], tuple] = {}
    rows = (Observation.objects.filter(indicator=indicator, sex="", age_group="")
            .values_list("country__iso3", "year", "category", "value_text", "source__key"))
    for iso3, year, category, text, key in rows:
        rank = (_source_rank(indicator, key), key)
        if (iso3, year) not in best or rank < best[(iso3, year)][0]:
            best[(iso3, year)] = (rank, category, text, key)
    return [{"country": iso3, "year": year, "category": category, "value_text": text, "source": key}
            for (iso3, year), (_, category, text, key) in sorted(best.items())]
