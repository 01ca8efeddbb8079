"""Impact pages: the chooser of a country (event and outcome), and the analysis permalink.

Thin: selectors and ``its_dataset`` read, ``its_analysis`` fits (or answers
from its cache), ``analysis_page`` words the result in the reader's language.
Everything is public data; events are the published ones.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from observatory.access import not_found_on_denied
from observatory.analysis.errors import InvalidInput
from observatory.countries.selectors import country_get
from observatory.events.selectors import events_for_country
from observatory.impact import rules
from observatory.impact.analyses import its_analysis
from observatory.impact.datasets import NotFound, its_dataset
from observatory.impact.forms import ChooserForm, OptionsForm
from observatory.impact.pages import analysis_page
from observatory.impact.selectors import outcome_choices, years_before
from observatory.impact.services import finding_publish


def _outcome_options(choices: list[dict], event) -> tuple[list[tuple[str, str]], list[dict]]:
    """The outcomes the analysis can use with ``event`` (or with some event), and the others with the reason."""
    fpy = rules.first_post_year(event.date, event.precision) if event else None
    options, unusable = [], []
    for choice in choices:
        indicator, years = choice["indicator"], choice["years"]
        label = f"{indicator.name} ({years[0]}–{years[-1]})"
        reason = rules.series_unusable(years, fpy)
        if reason:
            unusable.append({"label": label, "reason": reason})
            continue
        if fpy is not None:
            label += " · " + _years_before_label(years_before(years, fpy))
        options.append((indicator.code, label))
    return options, unusable


def _years_before_label(n: int) -> str:
    return ngettext("%(n)s year before the event", "%(n)s years before the event", n) % {"n": n}


def chooser(request, iso3: str):
    """Choose an event and an outcome; a complete choice redirects to the analysis permalink."""
    country = country_get(iso3=iso3)
    if country is None:
        raise Http404
    events = list(events_for_country(country=country))
    choices = outcome_choices(country=country)
    chosen_event = next((e for e in events if e.slug == request.GET.get("event")), None)
    outcomes, unusable = _outcome_options(choices, chosen_event)
    if request.GET.get("indicator") and "show" not in request.GET:
        form = ChooserForm(request.GET, events=events, outcomes=outcomes)
        if form.is_valid():
            url = reverse("impact:analysis", kwargs={"iso3": country.iso3, "event": form.cleaned_data["event"],
                                                     "indicator": form.cleaned_data["indicator"]})
            query = OptionsForm.query(form.options())
            return redirect(url + (f"?{urlencode(query)}" if query else ""))
    else:
        # Only an event so far (from an event's page, or "Show years"): keep what was chosen, no errors yet.
        initial = {name: request.GET.get(name) for name in ("event", "indicator", "family", "hac")
                   if request.GET.get(name)}
        initial["slope"] = bool(request.GET.get("slope"))
        form = ChooserForm(initial=initial, events=events, outcomes=outcomes)
    return render(request, "impact/chooser.html", {
        "country": country, "form": form, "events": events, "has_outcomes": bool(choices),
        "chosen_event": chosen_event, "min_pre": rules.MIN_PRE_POINTS, "unusable": unusable,
    })


def _load(request, iso3: str, event: str, indicator: str):
    form = OptionsForm(request.GET or None)
    options = form.options()
    try:
        dataset = its_dataset(indicator_code=indicator, iso3=iso3, event_slug=event, family=options["family"])
    except NotFound:
        raise Http404 from None
    if dataset.country.iso3 != iso3:  # a lower-case code in the address: one canonical permalink
        return form, options, None, dataset
    try:
        analysis = its_analysis(dataset=dataset, slope_change=options["slope_change"], hac_lags=options["hac_lags"])
    except InvalidInput:
        raise Http404 from None
    return form, options, analysis, dataset


def analysis(request, iso3: str, event: str, indicator: str):
    """The analysis of one outcome around one event, with its permalink (the options are in the query)."""
    form, options, result, dataset = _load(request, iso3, event, indicator)
    query = OptionsForm.query(options)
    permalink = reverse("impact:analysis", kwargs={"iso3": dataset.country.iso3, "event": dataset.event.slug,
                                                   "indicator": dataset.indicator.code})
    permalink += f"?{urlencode(query)}" if query else ""
    if result is None:
        return redirect(permalink, permanent=True)
    command = ["observatory", "analyze", "its", "--indicator", dataset.indicator.code, "--country",
               dataset.country.iso3, "--event", dataset.event.slug]
    if options["family"]:
        command += ["--family", options["family"]]
    if options["slope_change"]:
        command.append("--slope-change")
    if options["hac_lags"] is not None:
        command += ["--hac-lags", str(options["hac_lags"])]
    json_url = reverse("impact:analysis_json", kwargs={"iso3": dataset.country.iso3, "event": dataset.event.slug,
                                                       "indicator": dataset.indicator.code})
    return render(request, "impact/analysis.html", {
        "country": dataset.country, "event": dataset.event, "indicator": dataset.indicator,
        "form": form, "page": analysis_page(analysis=result), "permalink": permalink,
        "permalink_absolute": request.build_absolute_uri(permalink),
        "json_url": json_url + (f"?{urlencode(query)}" if query else ""),
        "command": " ".join(command + ["--json"]),
        "may_publish": _may_publish(request.user, dataset.country),
        "publish_query": urlencode(query),
    })


def _may_publish(user, country) -> bool:
    from observatory import access
    from observatory.impact.models import PublishedFinding

    return access.user_can(user, access.Action.CREATE, PublishedFinding(country=country))


def analysis_json(request, iso3: str, event: str, indicator: str):
    """The same analysis as JSON: data, choices, result, threats and finding in both languages."""
    result, dataset = _load(request, iso3, event, indicator)[2:]
    if result is None:
        raise Http404
    return JsonResponse(result, json_dumps_params={"ensure_ascii": False})


@require_POST
@login_required
@not_found_on_denied
def publish(request, iso3: str, event: str, indicator: str):
    """Publish this analysis (with the options in the query) as the finding quoted in the country's brief."""
    form, options, result, dataset = _load(request, iso3, event, indicator)
    if result is None or result.get("status") != "ok":
        raise Http404  # only an estimate the data support can be published
    finding_publish(actor=request.user, country=dataset.country, event_slug=dataset.event.slug,
                    indicator_code=dataset.indicator.code, family=options["family"] or "",
                    slope_change=options["slope_change"], hac_lags=options["hac_lags"])
    messages.success(request, _("Published: the country brief now quotes this finding."))
    query = OptionsForm.query(options)
    target = reverse("impact:analysis", kwargs={"iso3": iso3, "event": event, "indicator": indicator})
    return redirect(target + (f"?{urlencode(query)}" if query else ""))


def _synth_load(iso3: str, event: str, indicator: str):
    from observatory.impact.synth_data import synth_dataset
    from observatory.impact.synth_pages import synth_analysis

    try:
        dataset = synth_dataset(indicator_code=indicator, iso3=iso3, event_slug=event)
    except NotFound:
        raise Http404 from None
    if dataset.country.iso3 != iso3:
        return dataset, None
    return dataset, synth_analysis(dataset)


def synth(request, iso3: str, event: str, indicator: str):
    """A synthetic control of one outcome around one event: other countries, weighted to match it before."""
    from observatory.impact.synth_pages import synth_page

    dataset, analysis = _synth_load(iso3, event, indicator)
    kwargs = {"iso3": dataset.country.iso3, "event": dataset.event.slug, "indicator": dataset.indicator.code}
    if analysis is None:
        return redirect(reverse("impact:synth", kwargs=kwargs), permanent=True)
    return render(request, "impact/synth.html", {
        "country": dataset.country, "event": dataset.event, "indicator": dataset.indicator,
        "page": synth_page(analysis=analysis, dataset=dataset), "its_url": reverse("impact:analysis", kwargs=kwargs),
        "spec_url": reverse("impact:synth_spec", kwargs=kwargs),
        "panel_url": reverse("impact:synth_panel", kwargs=kwargs),
        "command": f"observatory analyze synth {dataset.country.iso3}-{dataset.indicator.code}.csv "
                   f"--spec {dataset.country.iso3}-{dataset.indicator.code}.yaml --json",
    })


def synth_spec(request, iso3: str, event: str, indicator: str):
    """The page's study as a specification file for ``observatory analyze synth --spec``."""
    import yaml

    dataset, analysis = _synth_load(iso3, event, indicator)
    if analysis is None or analysis["spec"] is None:
        raise Http404
    header = (f"# Synthetic control: {dataset.indicator.code}, {dataset.country.iso3}, event {dataset.event.slug}.\n"
              f"# Data version {analysis['key'][:12]}; the panel is the CSV beside this file on the page.\n")
    body = yaml.safe_dump(analysis["spec"], sort_keys=False, allow_unicode=True)
    response = HttpResponse(header + body, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dataset.country.iso3}-{dataset.indicator.code}.yaml"'
    return response


def synth_panel(request, iso3: str, event: str, indicator: str):
    """The panel the page's study runs on (treated country and donors, every year of the window), as CSV."""
    dataset, analysis = _synth_load(iso3, event, indicator)
    if analysis is None or analysis["spec"] is None:
        raise Http404
    response = HttpResponse(dataset.panel_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dataset.country.iso3}-{dataset.indicator.code}.csv"'
    return response
