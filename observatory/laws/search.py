"""What the site search finds among laws: the model law's provisions, and each country's law page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from observatory.core.i18n import translated


def entries():
    from observatory.laws.models import LegalProvision, ModelLawProvision

    model = reverse("laws:model")
    for provision in ModelLawProvision.objects.order_by("position", "code"):
        yield ("provision", provision.code, translated(provision, "label"),
               f"{translated(provision, 'target')} {translated(provision, 'why')}", f"{model}#{provision.code}")
    countries = {}
    for version in LegalProvision.objects.select_related("country").order_by("country__iso3", "pk"):
        countries.setdefault(version.country, []).append(version)
    for country, versions in countries.items():
        details = " ".join(filter(None, (translated(v, "detail") for v in versions)))
        citations = " ".join(dict.fromkeys(v.citation for v in versions if v.citation))
        yield ("law", country.iso3, _("Drug law of %(country)s") % {"country": country.name},
               f"{details} {citations}", reverse("laws:country", args=[country.iso3]))
