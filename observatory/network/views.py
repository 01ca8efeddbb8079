"""The network's public directory and the page of each listed member."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from observatory.countries.selectors import country_get, country_list_by_name
from observatory.network import selectors
from observatory.network.models import MemberKind


def directory(request):
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    kind = request.GET.get("kind", "")
    members = selectors.public_directory(country=country)
    if kind in MemberKind.values:
        members = members.filter(kind=kind)
    else:
        kind = ""
    rows = [{"member": m, "labels": selectors.labels(m)} for m in members]
    by_country: dict = {}
    for row in rows:
        by_country.setdefault(row["member"].country, []).append(row)
    return render(request, "network/directory.html", {
        "groups": sorted(by_country.items(), key=lambda item: item[0].name), "count": len(rows),
        "countries": country_list_by_name(), "country": country, "kind": kind, "kinds": MemberKind.choices,
    })


def member(request, member_id):
    found = selectors.public_directory().filter(uuid=member_id).first()
    if found is None:
        raise Http404
    return render(request, "network/member.html", {"member": found, "labels": selectors.labels(found)})
