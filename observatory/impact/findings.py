"""The plain-language finding, the stated assumptions and the refusals, in English and Russian.

A finding names the effect with its 95% interval, the design (interrupted time
series, segmented regression, the model family), and the main threats to its
reading. Every number in it comes from the engine's result, rounded once by
``observatory.impact.wording``.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from observatory.analysis.options import MIN_PRE_POINTS
from observatory.core.i18n import translated
from observatory.impact import rules
from observatory.impact.datasets import ItsDataset
from observatory.impact.threats import LANGUAGES, bilingual
from observatory.impact.wording import (
    number,
    p_value,
    percent_change,
    percent_decimals,
    ratio_decimals,
    signed,
    value_decimals,
)


def _indicator_name(dataset: ItsDataset, lang: str) -> str:
    return translated(dataset.indicator, "name", lang)


def _unit(dataset: ItsDataset, lang: str) -> str:
    return translated(dataset.indicator, "unit", lang)


def _event_title(dataset: ItsDataset, lang: str) -> str:
    return translated(dataset.event, "title", lang, both_ways=True)


def family_phrase(dataset: ItsDataset) -> str:
    """The model in words, in the active language."""
    if dataset.family == "gaussian":
        return _("a linear (Gaussian) model fitted by least squares")
    if dataset.family == "poisson":
        return (_("a Poisson model of the rate per head of population (log-population offset)") if dataset.offset
                else _("a Poisson model of the counts"))
    return (_("a quasi-Poisson model of the rate per head of population (log-population offset)") if dataset.offset
            else _("a quasi-Poisson model of the values"))


# --- assumptions -------------------------------------------------------------------------------------

def assumptions_build(*, dataset: ItsDataset, hac_lags: int | None = None) -> list[dict]:
    """The choices the analysis made from the rules, each ``{"code", "text": {"en", "ru"}}``."""
    items = [{"code": "intervention_time", "text": bilingual(lambda lang: _(
        "The event (%(date)s) interrupts the series from %(year)s on. With yearly data an event in January to June "
        "counts from its own year, an event in July to December from the next year, and an event dated only to "
        "a year from that year.") % {"date": dataset.event.date_label_in(lang), "year": dataset.first_post_year})}]

    def measure_text(lang):
        name, unit = _indicator_name(dataset, lang), _unit(dataset, lang)
        if dataset.measure == rules.COUNT:
            if dataset.offset:
                return _("“%(name)s” is a count (%(unit)s), so the model is for the rate per head of population: "
                         "the logarithm of the population (World Bank) enters as an offset, and effects are rate "
                         "ratios.") % {"name": name, "unit": unit}
            if dataset.population_missing:
                return _("“%(name)s” is a count (%(unit)s), but no population figure is loaded for this country; "
                         "the counts are modelled without an offset, so population growth or decline is part of "
                         "the trend.") % {"name": name, "unit": unit}
            return _("“%(name)s” is a count (%(unit)s), modelled on its own scale without a population offset "
                     "because a linear (Gaussian) model was chosen.") % {"name": name, "unit": unit}
        if dataset.measure == rules.RATE:
            return _("“%(name)s” is a rate (%(unit)s): it already has a denominator, so no population offset is "
                     "used.") % {"name": name, "unit": unit}
        return _("“%(name)s” is a percentage (%(unit)s): it already has a denominator, so no population offset "
                 "is used.") % {"name": name, "unit": unit}

    items.append({"code": "offset", "text": bilingual(measure_text)})
    if dataset.excluded_years:
        years = ", ".join(str(y) for y in dataset.excluded_years)
        items.append({"code": "excluded_years", "text": bilingual(lambda lang: _(
            "Years without a population figure are left out: %(years)s.") % {"years": years})})

    def family_text(lang):
        if dataset.family_chosen:
            return _("Model family chosen for this analysis: %(family)s.") % {"family": family_phrase(dataset)}
        if dataset.family == "quasipoisson":
            return _("Model family: %(family)s, the default for counts; its variance is the Poisson variance "
                     "scaled by the Pearson dispersion, as in R's quasipoisson.") % {"family": family_phrase(dataset)}
        return _("Model family: %(family)s, the default for rates and percentages.") % {
            "family": family_phrase(dataset)}

    items.append({"code": "family", "text": bilingual(family_text)})
    items.append({"code": "trend", "text": bilingual(lambda lang: (
        _("Without the event, the trend before it (a straight line on the log scale) would have continued.")
        if dataset.family != "gaussian" else
        _("Without the event, the trend before it (a straight line) would have continued.")))})
    items.append({"code": "series", "text": bilingual(lambda lang: _(
        "Each year's value comes from the indicator's preferred source; values whose year is only a report's "
        "edition year, or whose transcription is uncertain, are left out."))})
    items.append({"code": "intervals", "text": bilingual(lambda lang: (
        _("Intervals are 95%% confidence intervals (Student t for the Gaussian model, normal for the log-link "
          "models).") % {} if hac_lags is None else
        _("Intervals are 95%% confidence intervals with Newey–West (HAC) standard errors, %(lags)s lags.") % {
            "lags": hac_lags}))})
    return items


# --- the finding -------------------------------------------------------------------------------------

def _level_sentence(dataset: ItsDataset, result: dict, lang: str, *, with_slope: bool) -> str:
    level = result["level_change"]
    params = {"name": _indicator_name(dataset, lang), "country": dataset.country.name_in(lang),
              "year": dataset.first_post_year, "p": p_value(level["p_value"], lang)}
    if "ratio" in level:
        ratio, low, high = level["ratio"], level["ratio_ci_low"], level["ratio_ci_high"]
        pct, pct_low, pct_high = percent_change(ratio), percent_change(low), percent_change(high)
        pd_ = percent_decimals(pct, pct_low, pct_high)
        rd = ratio_decimals(ratio, low, high)
        params.update(pct=number(abs(pct), pd_, lang), spct=signed(pct, pd_, lang), lo=signed(pct_low, pd_, lang),
                      hi=signed(pct_high, pd_, lang), ratio=number(ratio, rd, lang), rlo=number(low, rd, lang),
                      rhi=number(high, rd, lang))
        if with_slope:
            return _("At the event, the level of “%(name)s” in %(country)s changed by "
                     "%(spct)s%% compared with the trend before it (rate ratio %(ratio)s; 95%% confidence interval "
                     "%(rlo)s to %(rhi)s, that is %(lo)s%% to %(hi)s%%; %(p)s).") % params
        if low > 1:
            return _("From %(year)s on, “%(name)s” in %(country)s was %(pct)s%% higher than the trend before the "
                     "event predicts (rate ratio %(ratio)s; 95%% confidence interval %(rlo)s to %(rhi)s, that is "
                     "%(lo)s%% to %(hi)s%%; %(p)s).") % params
        if high < 1:
            return _("From %(year)s on, “%(name)s” in %(country)s was %(pct)s%% lower than the trend before the "
                     "event predicts (rate ratio %(ratio)s; 95%% confidence interval %(rlo)s to %(rhi)s, that is "
                     "%(lo)s%% to %(hi)s%%; %(p)s).") % params
        return _("From %(year)s on, “%(name)s” in %(country)s differed from the trend before the event by "
                 "%(spct)s%% (rate ratio %(ratio)s), but the 95%% confidence interval, %(rlo)s to %(rhi)s (that is "
                 "%(lo)s%% to %(hi)s%%; %(p)s), includes no change: these data cannot tell an effect of the event "
                 "from chance.") % params
    estimate, low, high = level["estimate"], level["ci_low"], level["ci_high"]
    vd = value_decimals(estimate, low, high, minimum=dataset.indicator.decimals)
    params.update(value=number(abs(estimate), vd, lang), svalue=signed(estimate, vd, lang),
                  lo=signed(low, vd, lang), hi=signed(high, vd, lang), unit=_unit(dataset, lang))
    if with_slope:
        return _("At the event, the level of “%(name)s” in %(country)s changed by %(svalue)s "
                 "(%(unit)s) compared with the trend before it (95%% confidence interval %(lo)s to %(hi)s; "
                 "%(p)s).") % params
    if low > 0:
        return _("From %(year)s on, “%(name)s” in %(country)s was %(value)s higher (%(unit)s) than the trend "
                 "before the event predicts (95%% confidence interval %(lo)s to %(hi)s; %(p)s).") % params
    if high < 0:
        return _("From %(year)s on, “%(name)s” in %(country)s was %(value)s lower (%(unit)s) than the trend "
                 "before the event predicts (95%% confidence interval %(lo)s to %(hi)s; %(p)s).") % params
    return _("From %(year)s on, “%(name)s” in %(country)s differed from the trend before the event by "
             "%(svalue)s (%(unit)s), but the 95%% confidence interval, %(lo)s to %(hi)s (%(p)s), includes no "
             "change: these data cannot tell an effect of the event from chance.") % params


def _slope_sentence(dataset: ItsDataset, result: dict, lang: str) -> str:
    slope = result["slope_change"]
    params = {"p": p_value(slope["p_value"], lang)}
    if "ratio" in slope:
        ratio, low, high = slope["ratio"], slope["ratio_ci_low"], slope["ratio_ci_high"]
        pct, pct_low, pct_high = percent_change(ratio), percent_change(low), percent_change(high)
        pd_ = percent_decimals(pct, pct_low, pct_high)
        rd = ratio_decimals(ratio, low, high)
        params.update(spct=signed(pct, pd_, lang), lo=signed(pct_low, pd_, lang), hi=signed(pct_high, pd_, lang),
                      ratio=number(ratio, rd, lang), rlo=number(low, rd, lang), rhi=number(high, rd, lang))
        return _("After it, the trend changed by %(spct)s%% a year (ratio %(ratio)s per year; 95%% confidence "
                 "interval %(rlo)s to %(rhi)s, that is %(lo)s%% to %(hi)s%% a year; %(p)s).") % params
    estimate, low, high = slope["estimate"], slope["ci_low"], slope["ci_high"]
    vd = value_decimals(estimate, low, high, minimum=dataset.indicator.decimals)
    params.update(svalue=signed(estimate, vd, lang), lo=signed(low, vd, lang), hi=signed(high, vd, lang),
                  unit=_unit(dataset, lang))
    return _("After it, the trend changed by %(svalue)s a year (%(unit)s; 95%% confidence interval %(lo)s to "
             "%(hi)s; %(p)s).") % params


def _design_sentence(dataset: ItsDataset, result: dict, lang: str) -> str:
    d = result["diagnostics"]
    params = {"family": family_phrase(dataset), "n": result["n"], "first": dataset.points[0].year,
              "last": dataset.points[-1].year, "n_pre": d["n_pre"], "n_post": d["n_post"],
              "year": dataset.first_post_year, "event": _event_title(dataset, lang),
              "date": dataset.event.date_label_in(lang)}
    text = _("Design: interrupted time series analysed by segmented regression, %(family)s, on %(n)s yearly values "
             "(%(first)s–%(last)s), %(n_pre)s before the event “%(event)s” (%(date)s) and %(n_post)s from "
             "%(year)s on.") % params
    if d.get("hac_lags") is not None:
        text += " " + _("Standard errors: Newey–West (HAC), %(lags)s lags.") % {"lags": d["hac_lags"]}
    return text


def finding_parts(*, dataset: ItsDataset, result: dict, threats: list[dict]) -> dict[str, list[str]]:
    """The finding's paragraphs in each language: the effect (with the slope change), the design, the main
    threats, the caveat. ``" ".join`` of them is the finding as one text."""

    def render(lang):
        with_slope = result.get("slope_change") is not None
        effect = _level_sentence(dataset, result, lang, with_slope=with_slope)
        if with_slope:
            effect += " " + _slope_sentence(dataset, result, lang)
        parts = [effect, _design_sentence(dataset, result, lang)]
        shorts = [t["short"][lang] for t in threats]
        if shorts:
            parts.append(_("Main threats to this reading: %(threats)s.") % {"threats": "; ".join(shorts)})
        parts.append(_("This is an association, not proof of cause: it shows how far the values moved from the "
                       "earlier trend, not why."))
        return parts

    out = {}
    for language in LANGUAGES:
        with translation.override(language):
            out[language] = render(language)
    return out


# --- refusals ----------------------------------------------------------------------------------------

def refusal_build(*, dataset: ItsDataset, code: str, params: dict, message: str = "") -> dict:
    """Why no estimate is shown, in each language: ``{"code", "params", "text": {"en", "ru"}}``."""

    def render(lang):
        name, country = _indicator_name(dataset, lang), dataset.country.name_in(lang)
        if code == "no_data":
            return _("There are no yearly values of “%(name)s” for %(country)s, so there is nothing to "
                     "analyse.") % {"name": name, "country": country}
        if code == "event_after_series":
            return _("The series of “%(name)s” for %(country)s ends in %(last)s, before the first year after the "
                     "event (%(year)s): there is nothing after the event to compare.") % {
                "name": name, "country": country, "last": params["last"], "year": dataset.first_post_year}
        if code == "event_before_series":
            return _("The series of “%(name)s” for %(country)s starts in %(first)s, after the event (first year "
                     "after it: %(year)s): there is no trend before the event to compare with.") % {
                "name": name, "country": country, "first": params["first"], "year": dataset.first_post_year}
        if code == "too_few_pre":
            n = params["n_pre"]
            return ngettext(
                "Only %(n)s yearly value of “%(name)s” for %(country)s comes before the event (the first year "
                "after it is %(year)s). An interrupted time series needs at least %(min)s to estimate the trend "
                "the event interrupted, so no estimate is shown.",
                "Only %(n)s yearly values of “%(name)s” for %(country)s come before the event (the first year "
                "after it is %(year)s). An interrupted time series needs at least %(min)s to estimate the trend "
                "the event interrupted, so no estimate is shown.", n) % {
                "n": n, "name": name, "country": country, "year": dataset.first_post_year, "min": MIN_PRE_POINTS}
        if code == "too_few_post":
            return _("A change of trend needs at least two yearly values after the event; the series has "
                     "%(n)s. Analyse the level change alone, or wait for more data.") % {"n": params["n_post"]}
        return _("These data cannot support an estimate: %(reason)s.") % {"reason": message}

    return {"code": code, "params": params, "text": bilingual(render)}
