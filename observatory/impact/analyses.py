"""An interrupted time series on the platform's data: fit, threats, finding, cached per data version.

``its_analysis`` returns one JSON-able dict that the page, the JSON download and
``observatory analyze its --indicator ... --json`` all show. The cache key is a
SHA-256 of everything the result depends on (the series with its sources and
population, the event, the other events nearby, the wording's inputs and the
options), as the charts are cached by their content: a new import, an edited
event or a new option gives a new key, and nothing stale is ever shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.cache import cache

from observatory.analysis.errors import InsufficientData, InvalidInput
from observatory.analysis.options import MIN_PRE_POINTS
from observatory.impact import rules
from observatory.impact.datasets import POPULATION, POST, VALUE, YEAR, ItsDataset, Refusal
from observatory.impact.findings import assumptions_build, finding_parts, refusal_build
from observatory.impact.threats import bilingual, threats_detect

if TYPE_CHECKING:
    import pandas as pd

    from observatory.analysis.results import ItsResult

# Bump when the wording or the structure of a cached analysis changes.
ANALYSIS_VERSION = 1
CACHE_SECONDS = 60 * 60 * 24 * 7


def its_fit(df: pd.DataFrame, **options) -> ItsResult:
    """Fit with ``observatory.analysis.its_fit``, imported on the first call.

    statsmodels takes seconds to load, and the pages and commands that import
    this module at start-up fit nothing.
    """
    from observatory.analysis.its import its_fit as fit

    return fit(df, **options)


def analysis_options(*, slope_change: bool = False, hac_lags: int | None = None) -> dict:
    """The options of a fit as stored in the analysis (and hashed into its key)."""
    if hac_lags is not None and not 0 <= hac_lags <= rules.MAX_HAC_LAGS:
        raise InvalidInput(f"HAC lags must be between 0 and {rules.MAX_HAC_LAGS}")
    return {"slope_change": bool(slope_change), "hac_lags": hac_lags}


def its_analysis(*, dataset: ItsDataset, slope_change: bool = False, hac_lags: int | None = None) -> dict:
    """The analysis of ``dataset`` (see the module docstring), from the cache when the data have not changed.

    ``status`` is ``"ok"`` with ``result`` (the engine's ``ItsResult.to_dict()``),
    ``threats`` and ``finding``; or ``"refused"`` with ``refusal`` saying why no
    estimate can be made, and no number. Raises ``InvalidInput`` for options out
    of range.
    """
    options = analysis_options(slope_change=slope_change, hac_lags=hac_lags)
    key = dataset.digest({**options, "version": ANALYSIS_VERSION})
    cache_key = f"impact:its:{key}"
    analysis = cache.get(cache_key)
    if analysis is None:
        analysis = _analyse(dataset, options, key)
        cache.set(cache_key, analysis, CACHE_SECONDS)
    return analysis


def _analyse(dataset: ItsDataset, options: dict, key: str) -> dict:
    analysis = {
        "key": key,
        "version": ANALYSIS_VERSION,
        "options": options,
        "data": dataset_summary(dataset),
        "assumptions": assumptions_build(dataset=dataset, hac_lags=options["hac_lags"]),
        "status": "refused",
        "refusal": None,
        "result": None,
        "threats": [],
        "finding": None,
        "finding_parts": None,
    }
    try:
        dataset.check()
        fit = its_fit(
            dataset.frame(), outcome=VALUE, time=YEAR, intervention=POST,
            offset_log=POPULATION if dataset.offset else None, family=dataset.family,
            slope_change=options["slope_change"], hac_lags=options["hac_lags"],
        )
    except Refusal as refusal:
        analysis["refusal"] = refusal_build(dataset=dataset, code=refusal.code, params=refusal.params)
        return analysis
    except InsufficientData as error:
        if dataset.n_pre < MIN_PRE_POINTS:
            code, params = "too_few_pre", {"n_pre": dataset.n_pre, "min": MIN_PRE_POINTS}
        elif options["slope_change"] and dataset.n_post < 2:
            code, params = "too_few_post", {"n_post": dataset.n_post}
        else:
            code, params = "insufficient", {}
        analysis["refusal"] = refusal_build(dataset=dataset, code=code, params=params, message=str(error))
        return analysis
    except InvalidInput as error:  # e.g. negative values under a log link
        analysis["refusal"] = refusal_build(dataset=dataset, code="invalid", params={}, message=str(error))
        return analysis
    result = fit.to_dict()
    threats = threats_detect(dataset=dataset, result=result)
    parts = finding_parts(dataset=dataset, result=result, threats=threats)
    analysis.update(status="ok", result=result, threats=threats, finding_parts=parts,
                    finding={language: " ".join(paragraphs) for language, paragraphs in parts.items()})
    return analysis


def dataset_summary(dataset: ItsDataset) -> dict:
    """The data and choices behind an analysis, as plain data, names in both languages."""
    indicator, event, country = dataset.indicator, dataset.event, dataset.country
    points = dataset.points
    return {
        "indicator": {"code": indicator.code,
                      "name": {"en": indicator.name_en, "ru": indicator.name_ru or indicator.name_en},
                      "unit": {"en": indicator.unit_en, "ru": indicator.unit_ru or indicator.unit_en},
                      "decimals": indicator.decimals, "measure": dataset.measure},
        "country": {"iso3": country.iso3, "name": {"en": country.name_en, "ru": country.name_ru}},
        "event": {"id": event.slug, "date": event.date.isoformat(), "precision": event.precision, "type": event.type,
                  "title": {"en": event.title_en, "ru": event.title_ru or event.title_en},
                  "date_label": bilingual(lambda lang: event.date_label_in(lang))},
        "first_post_year": dataset.first_post_year,
        "intervention_rule": ("January-June: the event's year; July-December: the next year; "
                              "a date known only to the year: that year"),
        "family": dataset.family,
        "family_rule": "chosen" if dataset.family_chosen else f"default for a {dataset.measure}",
        "offset": "log(population), World Bank" if dataset.offset else None,
        "population_missing": dataset.population_missing,
        "excluded_years": dataset.excluded_years,
        "n_pre": dataset.n_pre,
        "n_post": dataset.n_post,
        "first_year": points[0].year if points else None,
        "last_year": points[-1].year if points else None,
        "series": [p.to_dict() for p in points],
        "sources": {key: {"publisher": bilingual(lambda lang, s=source: s.publisher_name),
                          "dataset": source.dataset, "edition": source.edition, "url": source.url,
                          "dataset_name": bilingual(lambda lang, s=source: s.dataset_name),
                          "edition_name": bilingual(lambda lang, s=source: s.edition_name),
                          "role": "population" if key in dataset.population_sources else "outcome"}
                    for key, source in sorted(dataset.sources.items())},
        "nearby_events": [e.slug for e in dataset.nearby_events],
    }


def platform_output(analysis: dict) -> dict:
    """The command line's JSON: the engine's keys at the top level, as in file mode, then the platform's.

    ``diagnostics`` also states the intervention year and rule, the measure, the
    offset and why the family was chosen. Raises ``InsufficientData`` (English
    message) when the analysis was refused.
    """
    if analysis["status"] != "ok":
        raise InsufficientData(analysis["refusal"]["text"]["en"])
    data = analysis["data"]
    result = dict(analysis["result"])
    result["diagnostics"] = {
        **result["diagnostics"],
        "first_post_year": data["first_post_year"],
        "intervention_rule": data["intervention_rule"],
        "measure": data["indicator"]["measure"],
        "offset": data["offset"],
        "family_rule": data["family_rule"],
        "excluded_years": data["excluded_years"],
    }
    return {
        **result,
        "key": analysis["key"],
        "data": data,
        "assumptions": [item["text"]["en"] for item in analysis["assumptions"]],
        "threats": [{"code": t["code"], "params": t["params"], "text": t["text"]["en"],
                     "items": [item["text"]["en"] for item in t["items"]]} for t in analysis["threats"]],
        "finding": analysis["finding"],
    }
