"""Indicator catalogue and indicator pages (public), and the staff upload page."""

from __future__ import annotations

import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from observatory import access
from observatory.charts.render import chart_png, chart_svg
from observatory.core.pagecache import public_page
from observatory.countries.selectors import country_list_by_name
from observatory.indicators import explorer, explorer_categories, permalinks, selectors
from observatory.indicators.importers import ADAPTERS
from observatory.indicators.models import ImportBatch, Indicator


@public_page(name="indicators", version=selectors.data_version)
def catalogue(request):
    query = request.GET.get("q", "").strip()[:100]
    groups = selectors.indicators_by_topic(search=query)
    return render(request, "indicators/catalogue.html", {"groups": groups, "query": query})


def _explorer(request, code: str):
    found = permalinks.explorer_for(code, request.GET)
    if found is None:
        raise Http404
    return found


def _spec(data):
    return permalinks.spec_for(data)


@public_page(name="indicator", version=selectors.data_version)
def detail(request, code: str, embed: bool = False):
    """The indicator explorer: chart, map or table, with the state in the URL; ``embed`` drops the site frame.

    Cached whole for visitors (the embedded view under its own path, so its own entry)."""
    indicator, state, data = _explorer(request, code)
    chart = None
    if state.view in ("chart", "map") and data.points:
        chart = mark_safe(chart_svg(_spec(data)))
    context = {"indicator": indicator, "state": state, "data": data, "chart": chart,
               "countries": country_list_by_name(), "embed": embed, "measures": explorer.measures(indicator),
               "categorical": indicator.kind == Indicator.Kind.CATEGORICAL}
    if embed:
        response = render(request, "indicators/embed.html", context)
        return response
    context.update(_catalogue_context(indicator))
    return render(request, "indicators/detail.html", context)


@xframe_options_exempt
@csp_override({**settings.SECURE_CSP, "frame-ancestors": ["*"]})
def embed(request, code: str):
    return detail(request, code, embed=True)


def _width(request) -> int:
    """The drawing width asked for (``w``): 360 for a phone's screen, so that its text stays 11 px."""
    value = request.GET.get("w", "")
    return min(max(int(value), 320), 1200) if value.isdigit() else 720


@public_page(name="indicator-chart", version=selectors.data_version)
def chart_file(request, code: str, fmt: str):
    """The current chart as SVG or PNG (download), its Vega-Lite spec (JSON), or the selection's values (CSV)."""
    if fmt not in ("svg", "png", "json", "csv"):
        raise Http404
    indicator, state, data = _explorer(request, code)
    if fmt == "csv":
        return _selection_csv(indicator, data)
    if state.view == "table":
        state.view = "map" if isinstance(data, explorer_categories.CategoryData) else "chart"
    if not data.points:
        raise Http404
    spec = _spec(data)
    name = f"{indicator.code}-{state.view}"
    if fmt == "json":
        return JsonResponse(spec)
    if fmt == "svg":
        response = HttpResponse(chart_svg(spec, width=_width(request)), content_type="image/svg+xml")
    else:
        response = HttpResponse(chart_png(spec), content_type="image/png")
    if "w" not in request.GET:
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _selection_csv(indicator, data) -> HttpResponse:
    """What the explorer shows, as a table: the chosen countries and years, in the chosen measure, with sources."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if isinstance(data, explorer_categories.CategoryData):
        writer.writerow(["indicator", "country", "country_name", "year", "category", "value_text", "source",
                         "source_name"])
        for row in data.rows:
            writer.writerow([indicator.code, row["country"], data.labels.get(row["country"], ""), row["year"],
                             row["category"], row["value_text"], row["source"], data.sources.get(row["source"], "")])
    else:
        writer.writerow(["indicator", "measure", "unit", "country", "country_name", "year", "value", "source",
                         "source_name", "population", "population_source", "base_year"])
        for point in data.selection():
            writer.writerow([indicator.code, data.measure, data.unit, point["country"],
                             data.labels.get(point["country"], ""), point["year"], point["value"], point["source"],
                             data.sources.get(point["source"], ""), point.get("population", ""),
                             point.get("population_source", ""), point.get("base_year", "")])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    suffix = "-".join(filter(None, [indicator.code, "-".join(data.state.countries),
                                    data.measure if getattr(data, "measure", "absolute") != "absolute" else ""]))
    response["Content-Disposition"] = f'attachment; filename="{suffix}-selection.csv"'
    return response


def _catalogue_context(indicator):
    return selectors.cached_by_data_version(f"indicator-page:{indicator.code}:{get_language()}",
                                            lambda: _catalogue_context_build(indicator))


def _catalogue_context_build(indicator):
    coverage = {row["country"]: row for row in selectors.coverage_table(indicator=indicator)}
    from observatory.core.i18n import collation_key

    # In the alphabetical order of the page's language, not by ISO code.
    latest = sorted(selectors.indicator_latest_by_country(indicator=indicator),
                    key=lambda obs: collation_key(obs.country.name))
    for obs in latest:
        obs.coverage = coverage.get(obs.country.iso3)
    years = [r["first_year"] for r in coverage.values()] + [r["latest_year"] for r in coverage.values()]
    return {
        "latest": latest,
        "sources": list(selectors.indicator_sources(indicator=indicator)),
        "n_countries": len(coverage),
        "n_observations": sum(r["observations"] for r in coverage.values()),
        "first_year": min(years) if years else None,
        "latest_year": max(years) if years else None,
    }


def template_csv(request):
    path = settings.DATA_DIR / "templates" / "observations-template.csv"
    if not path.exists():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename="observations-template.csv",
                        content_type="text/csv")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))
    format = forms.ChoiceField(label=_("Format"), choices=[("auto", _("Recognise automatically"))]
                               + [(name, name) for name in ADAPTERS])
    source = forms.CharField(label=_("Source key (if the file has no source column)"), required=False,
                             max_length=80)
    dry_run = forms.BooleanField(label=_("Check only; do not import"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 50 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 50 MB; import it with the command line."))
        return upload


@login_required
def upload(request):
    """Staff upload a file; it is imported in the background, through the same service as the command line."""
    if not access.user_can(request.user, access.Action.CREATE, ImportBatch()):
        raise Http404
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        from observatory.indicators.tasks import observations_import_task
        from observatory.jobs.services import job_enqueue, jobs_files_dir, stale_files_remove

        upload = form.cleaned_data["file"]
        job_id = uuid.uuid4()
        path = jobs_files_dir() / f"{job_id}{Path(upload.name).suffix.lower()[:6]}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        options = {"source": form.cleaned_data["source"]} if form.cleaned_data["source"] else {}
        name = Path(upload.name).name
        try:
            job = job_enqueue(
                actor=request.user, kind="indicators.import", job_id=job_id, task=observations_import_task,
                title=gettext_noop("Import of %(file)s"), title_params={"file": name[:120]},
                kwargs={"path": str(path), "adapter": form.cleaned_data["format"], "options": options,
                        "dry_run": form.cleaned_data["dry_run"], "display_name": name},
            )
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        stale_files_remove()
        return redirect("jobs:detail", job_id=job.pk)
    return render(request, "indicators/upload.html", {"form": form})
