"""What an analysis page shows, from a cached analysis, in the reader's language (no queries, no fitting).

The chart spec is built here from the analysis and drawn by ``chart_svg``,
which caches the SVG by the spec's content.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from observatory.charts.impact import its_chart
from observatory.charts.render import chart_svg, narrow_url
from observatory.core.i18n import language_code
from observatory.impact.wording import number, p_value, ratio_decimals, signed, value_decimals


def _family_label(family: str) -> str:
    return {"gaussian": _("Gaussian (linear)"), "poisson": _("Poisson"), "quasipoisson": _("Quasi-Poisson")}.get(
        family, family)


def _source_text(data: dict, lang: str) -> str:
    names = list(dict.fromkeys(s["publisher"][lang] for s in data["sources"].values() if s["role"] == "outcome"))
    return _("Source: %(sources)s") % {"sources": "; ".join(names)}


def _estimate_row(label: str, estimate: dict, *, decimals: int) -> dict:
    lang = language_code()
    row = {
        "label": label,
        "estimate": signed(estimate["estimate"], decimals, lang),
        "ci": _("%(low)s to %(high)s") % {"low": signed(estimate["ci_low"], decimals, lang),
                                          "high": signed(estimate["ci_high"], decimals, lang)},
        "p": p_value(estimate["p_value"], lang),
        "ratio": None,
    }
    if "ratio" in estimate:
        rd = ratio_decimals(estimate["ratio"], estimate["ratio_ci_low"], estimate["ratio_ci_high"])
        row["ratio"] = number(estimate["ratio"], rd, lang)
        row["ratio_ci"] = _("%(low)s to %(high)s") % {"low": number(estimate["ratio_ci_low"], rd, lang),
                                                      "high": number(estimate["ratio_ci_high"], rd, lang)}
    return row


def analysis_page(*, analysis: dict) -> dict:
    """The template context of an analysis: texts in the active language, tables, chart and its description."""
    lang = language_code()
    data = analysis["data"]
    indicator, event, country = data["indicator"], data["event"], data["country"]
    page = {
        "lang": lang,
        "refused": analysis["status"] != "ok",
        "indicator_name": indicator["name"][lang],
        "unit": indicator["unit"][lang],
        "event_title": event["title"][lang],
        "event_date": event["date_label"][lang],
        "country_name": country["name"][lang],
        "first_post_year": data["first_post_year"],
        "assumptions": [item["text"][lang] for item in analysis["assumptions"]],
        "key": analysis["key"],
        "years": (data["first_year"], data["last_year"]),
        "n_points": len(data["series"]),
        "n_pre": data["n_pre"],
        "n_post": data["n_post"],
        "sources": [{"key": key, "publisher": s["publisher"][lang],
                     "dataset": s.get("dataset_name", {}).get(lang) or s["dataset"],
                     "edition": s.get("edition_name", {}).get(lang) or s["edition"],
                     "url": s["url"], "population": s["role"] == "population"}
                    for key, s in data["sources"].items()],
    }
    if page["refused"]:
        page["refusal"] = analysis["refusal"]["text"][lang]
        return page
    result = analysis["result"]
    page["finding"] = analysis["finding"][lang]
    page["finding_parts"] = analysis["finding_parts"][lang]
    page["threats"] = [
        {"code": t["code"], "text": t["text"][lang],
         "items": [{"text": item["text"][lang], "url": (item.get("url") or {}).get(lang, "")} for item in t["items"]]}
        for t in analysis["threats"]
    ]
    log_link = result["family"] != "gaussian"
    model_decimals = 4 if log_link else value_decimals(
        result["level_change"]["estimate"], result["level_change"]["ci_low"], result["level_change"]["ci_high"],
        minimum=indicator["decimals"])
    page["log_link"] = log_link
    page["estimates"] = [_estimate_row(_("Level change at the event"), result["level_change"],
                                       decimals=model_decimals)]
    if result.get("slope_change"):
        slope = result["slope_change"]
        slope_decimals = 4 if log_link else value_decimals(slope["estimate"], slope["ci_low"], slope["ci_high"],
                                                           minimum=indicator["decimals"])
        page["estimates"].append(_estimate_row(_("Change of trend per year"), slope, decimals=slope_decimals))
    page["diagnostics"] = _diagnostics(analysis, lang)
    page["table"], page["offset"] = _table(analysis, lang), data["offset"] is not None
    page["chart_description"] = _(
        "Chart of “%(name)s” in %(country)s, %(first)s to %(last)s: the yearly values as dots; the fitted "
        "segmented trend as a solid line, broken at the event (%(date)s); and from %(year)s the trend before the "
        "event continued, as a dashed line with its 95%% confidence band. The data table below lists every "
        "value.") % {"name": page["indicator_name"], "country": page["country_name"], "first": data["first_year"],
                     "last": data["last_year"], "date": page["event_date"], "year": data["first_post_year"]}
    spec = its_chart(
        points=result["counterfactual"], first_post_year=data["first_post_year"],
        event_label=f"{page['event_date']}: {page['event_title']}",
        title=f"{page['indicator_name']}, {page['country_name']}", unit=page["unit"],
        source=_source_text(data, lang),
        labels={"observed": _("observed"), "fitted": _("fitted trend (segmented regression)"),
                "counterfactual": _("trend before the event, continued"), "band": _("95%% confidence interval") % {}},
        description=page["chart_description"],
    )
    page["chart"] = chart_svg(spec, width=600)
    page["chart_narrow"] = narrow_url(spec)
    return page


def _diagnostics(analysis: dict, lang: str) -> list[tuple[str, str]]:
    result, data = analysis["result"], analysis["data"]
    d = result["diagnostics"]
    rows = [
        (_("Yearly values in the model"), str(result["n"])),
        (_("Before the event / from %(year)s on") % {"year": data["first_post_year"]},
         f"{d['n_pre']} / {d['n_post']}"),
        (_("Model family"), _family_label(result["family"])),
        (_("Offset"), _("log of the population (World Bank)") if data["offset"] else _("none")),
        (_("Dispersion used for the standard errors"), number(result["dispersion"], 3, lang)
         if result["dispersion"] is not None else "–"),
        (_("Pearson dispersion (χ² / residual degrees of freedom)"),
         number(d["pearson_dispersion"], 2, lang) if d.get("pearson_dispersion") is not None else "–"),
        (_("Ljung–Box test of the residuals (%(lags)s lags)") % {"lags": d.get("ljung_box_lags")},
         p_value(d.get("ljung_box_p"), lang)),
        (_("Newey–West (HAC) lags"), str(d["hac_lags"]) if d.get("hac_lags") is not None else _("not used")),
    ]
    if data["excluded_years"]:
        rows.append((_("Left out (no population figure)"), ", ".join(str(y) for y in data["excluded_years"])))
    return rows


def _table(analysis: dict, lang: str) -> list[dict]:
    """One row per year: observed, fitted, counterfactual with its interval, source (and population)."""
    data, result = analysis["data"], analysis["result"]
    by_year = {int(point["time"]): point for point in result["counterfactual"]}
    decimals = max(data["indicator"]["decimals"], 0)
    model_decimals = decimals + 1
    rows = []
    for point in data["series"]:
        fit = by_year.get(point["year"], {})
        rows.append({
            "year": point["year"], "post": bool(point["post"]),
            "observed": number(point["value"], decimals, lang),
            "fitted": number(fit["fitted"], model_decimals, lang) if fit else "–",
            "counterfactual": number(fit["counterfactual"], model_decimals, lang) if fit else "–",
            "ci": (_("%(low)s to %(high)s") % {"low": number(fit["ci_low"], model_decimals, lang),
                                               "high": number(fit["ci_high"], model_decimals, lang)}) if fit else "–",
            "source": point["source"],
            "population": number(point["population"], 0, lang) if point["population"] else "",
        })
    return rows
