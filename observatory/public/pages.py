"""About, methodology and glossary: the pages that explain the platform (English and Russian)."""

from __future__ import annotations

import datetime

from django.shortcuts import render
from django.urls import reverse

from observatory import access
from observatory.core.i18n import collation_key
from observatory.core.pagecache import public_page
from observatory.indicators.models import Source
from observatory.indicators.selectors import data_version
from observatory.public.glossary import TERMS


@public_page(name="about", version=data_version)
def about(request):
    sources = list(access.public_scope(Source))
    publishers = sorted({s.publisher_name for s in sources}, key=collation_key)
    return render(request, "public/pages/about.html", {"sources": sources, "publishers": publishers})


def methodology(request):
    """Not page-cached: the citation example carries today's date."""
    example = request.build_absolute_uri(reverse("indicators:detail", args=["gbd_drug_deaths_rate_as"])) + \
        "?countries=UKR,KAZ"
    return render(request, "public/pages/methodology.html", {
        "example_url": example, "today": datetime.date.today().isoformat()})


def glossary(request):
    return render(request, "public/pages/glossary.html", {"terms": TERMS})
