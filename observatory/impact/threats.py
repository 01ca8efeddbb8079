"""Threats to the reading of an interrupted time series, detected from the data and the fit.

Each threat is a plain dict: ``code``, ``params`` (the numbers it rests on),
``short`` (a phrase for the finding's "main threats" sentence) and ``text`` (the
explanation), both as ``{"en": ..., "ru": ...}``, and ``items`` for threats that
list things (other policy events, source changes).
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from observatory.core.i18n import translated
from observatory.impact import rules
from observatory.impact.datasets import ItsDataset
from observatory.impact.wording import number, p_value

LANGUAGES = ("en", "ru")


def bilingual(render) -> dict[str, str]:
    """``render(language)`` evaluated with each language active: ``{"en": ..., "ru": ...}``."""
    out = {}
    for language in LANGUAGES:
        with translation.override(language):
            out[language] = str(render(language))
    return out


def _threat(code: str, params: dict, short, text, items: list[dict] | None = None) -> dict:
    return {"code": code, "params": params, "short": bilingual(short), "text": bilingual(text),
            "items": items or []}


def _source_name(dataset: ItsDataset, key: str) -> str:
    source = dataset.sources.get(key)
    if source is None:
        return key
    return f"{source.publisher_name}, {source.dataset_name}" + (f" ({source.edition_name})" if source.edition else "")


def threats_detect(*, dataset: ItsDataset, result: dict) -> list[dict]:
    """The threats that apply to this fit, most specific first; the concurrent-change caveat always comes last."""
    diagnostics = result["diagnostics"]
    threats: list[dict] = []
    n_pre, n_post = diagnostics["n_pre"], diagnostics["n_post"]
    fpy = dataset.first_post_year

    if n_pre < rules.FEW_PRE_POINTS:
        threats.append(_threat(
            "few_pre_points", {"n_pre": n_pre, "advised": rules.FEW_PRE_POINTS},
            lambda lang: ngettext("only %(n)s year of data before the event",
                                  "only %(n)s years of data before the event", n_pre) % {"n": n_pre},
            lambda lang: ngettext(
                "Only %(n)s yearly value before the event. The trend the event is compared with is poorly "
                "determined, and so is the estimate: %(advised)s or more are advisable, and below %(min)s no "
                "estimate is made.",
                "Only %(n)s yearly values before the event. The trend the event is compared with is poorly "
                "determined, and so is the estimate: %(advised)s or more are advisable, and below %(min)s no "
                "estimate is made.", n_pre) % {"n": n_pre, "advised": rules.FEW_PRE_POINTS,
                                               "min": rules.MIN_PRE_POINTS}))
    if n_post < rules.FEW_POST_POINTS:
        threats.append(_threat(
            "few_post_points", {"n_post": n_post},
            lambda lang: ngettext("only %(n)s year of data after the event",
                                  "only %(n)s years of data after the event", n_post) % {"n": n_post},
            lambda lang: ngettext(
                "Only %(n)s yearly value from %(year)s on: one unusual year cannot be told apart from a lasting "
                "change.",
                "Only %(n)s yearly values from %(year)s on: one or two unusual years cannot be told apart from a "
                "lasting change.", n_post) % {"n": n_post, "year": fpy}))

    lb_p = diagnostics.get("ljung_box_p")
    if lb_p is not None and lb_p < rules.AUTOCORRELATION_P:
        lags, hac = diagnostics.get("ljung_box_lags"), diagnostics.get("hac_lags")

        def autocorrelation_text(lang):
            text = _("The residuals are autocorrelated (Ljung–Box test, %(lags)s lags: %(p)s): neighbouring years "
                     "are more alike than the model assumes, so the confidence interval is probably too "
                     "narrow.") % {"lags": lags, "p": p_value(lb_p, lang)}
            if hac is None:
                return text + " " + _("Newey–West (HAC) standard errors, the “HAC lags” option, allow for this.")
            return text + " " + _("Newey–West (HAC) standard errors with %(lags)s lags were used; on a short "
                                  "series they correct this only in part.") % {"lags": hac}

        threats.append(_threat(
            "autocorrelation", {"ljung_box_p": lb_p, "ljung_box_lags": lags, "hac_lags": hac},
            lambda lang: _("autocorrelated residuals (Ljung–Box %(p)s)") % {"p": p_value(lb_p, lang)},
            autocorrelation_text))

    dispersion = diagnostics.get("pearson_dispersion")
    if result["family"] != "gaussian" and dispersion is not None and dispersion > rules.OVERDISPERSION:
        family = result["family"]

        def overdispersion_text(lang):
            d = number(dispersion, 1, lang)
            if family == "poisson":
                return _("The values vary %(d)s times more than a Poisson model allows (Pearson dispersion): the "
                         "Poisson confidence interval is too narrow. The quasi-Poisson family widens it by the "
                         "square root of the dispersion.") % {"d": d}
            return _("The values vary %(d)s times more than a Poisson model allows (Pearson dispersion). The "
                     "quasi-Poisson model widens the interval for this, but strong overdispersion can also mean "
                     "a missing explanatory variable or a change in how the outcome is recorded.") % {"d": d}

        threats.append(_threat(
            "overdispersion", {"pearson_dispersion": dispersion, "family": family},
            lambda lang: _("overdispersion (dispersion %(d)s)") % {"d": number(dispersion, 1, lang)},
            overdispersion_text))

    changes = dataset.source_changes()
    if changes:
        at_event = [c for c in changes if abs(c["year"] - fpy) <= 1]
        years = ", ".join(str(c["year"]) for c in changes)

        def source_text(lang):
            text = ngettext(
                "The data source changes within the series (%(years)s). A new source or definition can shift "
                "the level by itself, and the model would read that shift as an effect of the event.",
                "The data source changes %(n)s times within the series (%(years)s). A new source or definition "
                "can shift the level by itself, and the model would read that shift as an effect of the event.",
                len(changes)) % {"n": len(changes), "years": years}
            if at_event:
                text += " " + _("Here a change falls right at the event.")
            return text

        items = [{"year": c["year"], "before": c["before"], "after": c["after"],
                  "text": bilingual(lambda lang, c=c: _("%(year)s: from %(before)s to %(after)s") % {
                      "year": c["year"], "before": _source_name(dataset, c["before"]),
                      "after": _source_name(dataset, c["after"])})}
                 for c in changes]
        threats.append(_threat(
            "source_change", {"changes": changes, "at_event": bool(at_event)},
            lambda lang: ngettext("a change of data source in %(years)s", "changes of data source in %(years)s",
                                  len(changes)) % {"years": years},
            source_text, items))

    gaps = dataset.gaps()
    if gaps:
        listed = ", ".join(str(y) for y in gaps)
        threats.append(_threat(
            "gaps", {"missing_years": gaps},
            lambda lang: ngettext("a missing year (%(years)s)", "missing years (%(years)s)", len(gaps)) % {
                "years": listed},
            lambda lang: _("Years missing inside the series: %(years)s. The trend is still fitted, but the "
                           "autocorrelation test and the Newey–West errors assume equally spaced years.") % {
                "years": listed}))

    if dataset.event.precision == "year":
        year = dataset.event.date.year
        threats.append(_threat(
            "timing", {"year": year},
            lambda lang: _("the event is dated only to the year"),
            lambda lang: _("The event is dated only to the year %(year)s, so %(year)s counts as the first year "
                           "after it. If it happened late in %(year)s, most of that year was before it, and the "
                           "estimated change is diluted.") % {"year": year}))

    nearby = dataset.nearby_events
    if nearby:
        items = [{"slug": e.slug, "date": e.date_iso, "url": bilingual(lambda lang, e=e: _event_url(e)),
                  "text": bilingual(lambda lang, e=e: f"{e.date_label_in(lang)}: {translated(e, 'title', lang)}")}
                 for e in nearby]
        n = len(nearby)
        threats.append(_threat(
            "nearby_events", {"events": [e.slug for e in nearby], "years": rules.NEARBY_EVENT_YEARS},
            lambda lang: ngettext("%(n)s other policy event in %(country)s within %(years)s years",
                                  "%(n)s other policy events in %(country)s within %(years)s years", n) % {
                "n": n, "country": dataset.country.name_in(lang), "years": rules.NEARBY_EVENT_YEARS},
            lambda lang: ngettext(
                "%(n)s other policy event in %(country)s falls within %(years)s years of this one; its effect "
                "cannot be separated from this event's:",
                "%(n)s other policy events in %(country)s fall within %(years)s years of this one; their effects "
                "cannot be separated from this event's:", n) % {
                "n": n, "country": dataset.country.name_in(lang), "years": rules.NEARBY_EVENT_YEARS},
            items))

    threats.append(_threat(
        "concurrent_change", {},
        lambda lang: _("any change at the same time that these data do not record, such as a new drug on the "
                       "market"),
        lambda lang: _("Anything else that changed at the same time is mixed into the estimate, in either "
                       "direction: a new drug on the market (such as fentanyl or synthetic cathinones), a change "
                       "in how deaths are certified or offences recorded, an economic crisis, a war, a change in "
                       "funding. Check the timeline of events and national reports for such changes.")))
    return threats


def _event_url(event) -> str:
    """The event's page in the active language ("" where the events pages are not mounted)."""
    try:
        return reverse("events:detail", kwargs={"slug": event.slug})
    except NoReverseMatch:
        return ""
