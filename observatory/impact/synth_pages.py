"""The synthetic control page: the study (cached by its data version) and what the page shows in each language.

``synth_analysis`` runs ``observatory.analysis.synth_study`` on the
specification ``SynthDataset.spec_mapping()`` describes, so the page, its YAML
and CSV downloads and ``observatory analyze synth panel.csv --spec spec.yaml``
give the same numbers. ``synth_page`` words it; nothing is fitted there.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from observatory.analysis.errors import InsufficientData, InvalidInput
from observatory.charts.render import chart_svg, narrow_url
from observatory.charts.synth import synth_chart
from observatory.core.i18n import language_code
from observatory.impact.datasets import Refusal
from observatory.impact.synth_data import PER, SynthDataset
from observatory.impact.wording import number, signed, value_decimals

SYNTH_VERSION = 1
CACHE_SECONDS = 60 * 60 * 24 * 7


def synth_analysis(dataset: SynthDataset) -> dict:
    """``{"key", "status": "ok"|"refused", "refusal": {code, params}|None, "result", "spec"}``, cached."""
    key = dataset.digest(SYNTH_VERSION)
    cache_key = f"impact:synth:{key}"
    analysis = cache.get(cache_key)
    if analysis is None:
        analysis = _analyse(dataset, key)
        cache.set(cache_key, analysis, CACHE_SECONDS)
    return analysis


def _analyse(dataset: SynthDataset, key: str) -> dict:
    from observatory.analysis.synth_spec import spec_from_mapping
    from observatory.analysis.synth_study import synth_study

    analysis = {"key": key, "status": "refused", "refusal": None, "result": None, "spec": None}
    try:
        dataset.check()
        spec = dataset.spec_mapping()
        analysis["spec"] = spec
        result = synth_study(dataset.frame(), spec_from_mapping(spec))
    except Refusal as refusal:
        analysis["refusal"] = {"code": refusal.code, "params": refusal.params, "message": str(refusal)}
        return analysis
    except (InsufficientData, InvalidInput) as error:
        analysis["refusal"] = {"code": "insufficient", "params": {}, "message": str(error)}
        return analysis
    analysis.update(status="ok", result=result)
    return analysis


def refusal_text(refusal: dict) -> str:
    code, params = refusal["code"], refusal["params"]
    if code == "no_data":
        return _("There are no yearly values of this indicator for the country.")
    if code == "event_after_series":
        return _("The series ends in %(last)s, before the first year after the event.") % params
    if code == "too_few_pre":
        return ngettext(
            "The series has %(n_pre)s consecutive year before the event; a synthetic control needs at least "
            "%(min)s.",
            "The series has %(n_pre)s consecutive years before the event; a synthetic control needs at least "
            "%(min)s.", params["n_pre"]) % params
    if code == "too_few_donors":
        return ngettext(
            "Only %(n)s other country has a value in every year %(first)s–%(last)s; a synthetic control needs at "
            "least %(min)s.",
            "Only %(n)s other countries have a value in every year %(first)s–%(last)s; a synthetic control needs "
            "at least %(min)s.", params["n"]) % params
    return _("The data cannot support an estimate (%(message)s).") % {"message": refusal["message"]}


def left_out_text(item: dict) -> str:
    code, params = item["code"], item["params"]
    if code == "similar_event":
        return _("a policy event of the same type in %(year)s") % params
    if code == "no_data":
        return _("no values")
    years = ", ".join(str(y) for y in params["years"])
    if params["n"] > len(params["years"]):
        years += ", …"
    return ngettext("%(n)s year missing (%(years)s)", "%(n)s years missing (%(years)s)",
                    params["n"]) % {"n": params["n"], "years": years}


def predictor_label(row: dict) -> str:
    years = row["years"]
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    if len(years) == 1:
        return _("Value in %(years)s") % {"years": span}
    return _("Average %(years)s") % {"years": span}


def synth_page(*, analysis: dict, dataset: SynthDataset) -> dict:
    """The template context: texts in the active language, tables and the chart."""
    lang = language_code()
    indicator, country, event = dataset.indicator, dataset.country, dataset.event
    unit = _("per %(per)s population") % {"per": number(PER, 0, lang)} if dataset.per_capita \
        else (indicator.unit_ru if lang == "ru" and indicator.unit_ru else indicator.unit_en)
    names = {c.iso3: c.name for c in _countries([country.iso3, *dataset.donors,
                                                 *(i["iso3"] for i in dataset.left_out)])}
    page = {
        "indicator_name": indicator.name, "country_name": country.name, "unit": unit,
        "event_title": event.title, "event_date": event.date_label_in(lang),
        "first_post_year": dataset.first_post_year, "key": analysis["key"],
        "years": (dataset.years[0], dataset.years[-1]) if dataset.years else None,
        "refused": analysis["status"] != "ok",
        "left_out": [{"name": names.get(i["iso3"], i["iso3"]), "iso3": i["iso3"], "reason": left_out_text(i)}
                     for i in dataset.left_out],
        "sources": _sources(dataset, lang),
    }
    if page["refused"]:
        page["refusal"] = refusal_text(analysis["refusal"])
        return page
    result = analysis["result"]
    decimals = max(indicator.decimals, 0) + 1
    page["weights"] = sorted(({"name": names.get(iso3, iso3), "iso3": iso3, "weight": number(w, 3, lang),
                               "share": w} for iso3, w in result["weights"].items() if w > 0),
                             key=lambda r: -r["share"])
    page["n_donors"] = result["n_donors"]
    page["n_units"] = result["n_donors"] + 1
    page["predictors"] = [{
        "label": predictor_label(row), "treated": number(row["treated"], decimals, lang),
        "synthetic": number(row["synthetic"], decimals, lang), "donor_mean": number(row["donor_mean"], decimals, lang),
        "v": number(row["v"], 3, lang),
    } for row in result["predictor_balance"]]
    page["fit_window"] = (result["fit_window"][0], result["fit_window"][-1])
    synthetic = {int(t): dataset.panel[country.iso3][int(t)] - gap for t, gap in result["effect"].items()}
    page["table"] = [{"year": y, "post": y >= dataset.first_post_year,
                      "observed": number(dataset.panel[country.iso3][y], decimals, lang),
                      "synthetic": number(synthetic[y], decimals, lang),
                      "gap": signed(dataset.panel[country.iso3][y] - synthetic[y], decimals, lang)}
                     for y in dataset.years]
    gap_decimals = value_decimals(result["att_post"], result["rmspe_pre"], minimum=max(indicator.decimals, 0))
    page["att"] = signed(result["att_post"], gap_decimals, lang)
    page["rmspe_pre"] = number(result["rmspe_pre"], gap_decimals, lang)
    page["rank"], page["placebo_p"] = result["placebo_rank"], number(result["placebo_p"], 2, lang)
    page["finding"] = _(
        "After the event, the gap between “%(name)s” in %(country)s and its synthetic control (a weighted average "
        "of %(n)s countries that matched it before the event) averaged %(att)s %(unit)s (observed minus "
        "synthetic). Among %(units)s countries, this country's gap after the event relative to its fit before it "
        "ranks %(rank)s (placebo p = %(p)s)."
    ) % {"name": page["indicator_name"], "country": page["country_name"], "att": page["att"], "unit": unit,
         "n": len(page["weights"]), "units": page["n_units"], "rank": page["rank"], "p": page["placebo_p"]}
    page["chart_description"] = _(
        "Chart of “%(name)s” in %(country)s, %(first)s to %(last)s, as a solid line, and its synthetic control "
        "as a dashed line; the event (%(date)s) is marked. The table below lists every value."
    ) % {"name": page["indicator_name"], "country": page["country_name"], "first": dataset.years[0],
         "last": dataset.years[-1], "date": page["event_date"]}
    spec = synth_chart(
        rows=[{"year": y, "observed": dataset.panel[country.iso3][y], "synthetic": synthetic[y]}
              for y in dataset.years],
        first_post_year=dataset.first_post_year, event_label=page["event_date"],
        title=f"{page['indicator_name']}, {page['country_name']}", unit=unit,
        source=_("Source: %(sources)s") % {"sources": "; ".join(dict.fromkeys(s["publisher"]
                                                                             for s in page["sources"]))},
        labels={"observed": page["country_name"], "synthetic": _("synthetic control")},
        description=page["chart_description"],
    )
    page["chart"] = chart_svg(spec, width=600)
    page["chart_narrow"] = narrow_url(spec)
    return page


def _countries(codes):
    from observatory.countries.models import Country

    return Country.objects.filter(iso3__in=set(codes))


def _sources(dataset: SynthDataset, lang: str) -> list[dict]:
    return [{"key": key, "publisher": source.publisher_name, "dataset": source.dataset_name,
             "edition": source.edition_name, "url": source.url, "population": key in dataset.population_sources}
            for key, source in sorted(dataset.sources.items())]
