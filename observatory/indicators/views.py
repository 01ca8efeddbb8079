"""Indicator catalogue and indicator pages (public), and the staff upload page."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from observatory.accounts import access
from observatory.indicators import selectors
from observatory.indicators.importers import ADAPTERS
from observatory.indicators.models import ImportBatch, Indicator
from observatory.indicators.services import observations_import


def catalogue(request):
    query = request.GET.get("q", "").strip()[:100]
    groups = selectors.indicators_by_topic(search=query)
    return render(request, "indicators/catalogue.html", {"groups": groups, "query": query})


def detail(request, code: str):
    indicator = get_object_or_404(Indicator, code=code)
    coverage = {row["country"]: row for row in selectors.coverage_table(indicator=indicator)}
    latest = selectors.indicator_latest_by_country(indicator=indicator)
    for obs in latest:
        obs.coverage = coverage.get(obs.country.iso3)
    years = [r["first_year"] for r in coverage.values()] + [r["latest_year"] for r in coverage.values()]
    return render(request, "indicators/detail.html", {
        "indicator": indicator,
        "latest": latest,
        "sources": selectors.indicator_sources(indicator=indicator),
        "n_countries": len(coverage),
        "n_observations": sum(r["observations"] for r in coverage.values()),
        "first_year": min(years) if years else None,
        "latest_year": max(years) if years else None,
    })


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
    """Staff import a file through the same service as the command line."""
    if not access.user_can(request.user, access.Action.CREATE, ImportBatch()):
        raise Http404
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()[:6]
        with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
            handle.flush()
            options = {"source": form.cleaned_data["source"]} if form.cleaned_data["source"] else {}
            result = observations_import(path=handle.name, adapter=form.cleaned_data["format"], options=options,
                                         actor=request.user, dry_run=form.cleaned_data["dry_run"],
                                         display_name=Path(upload.name).name)
    return render(request, "indicators/upload.html", {"form": form, "result": result})
